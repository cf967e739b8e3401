import assert from 'node:assert/strict';
import { AppError, reportError, userFacingText } from '../../src/errors';
import { DefenderApiError, ServiceUnreachableError } from '../../src/defender/errors';

describe('errors', () => {
  it('when an AppError carries detail, then the user text leaves it out and the message keeps it for the logs', () => {
    const err = new AppError('GraphUnavailable', 'Try again in a few minutes.', { httpStatus: 503, detail: 'Graph answered 502 at /users/x' });
    const reported = reportError(err);
    assert.equal(reported.userMessage, 'Try again in a few minutes.');
    assert.doesNotMatch(userFacingText(reported), /Graph answered/);
    assert.match(err.message, /Graph answered 502/);
    assert.equal(reported.correlationId, err.correlationId);
    assert.match(userFacingText(reported), new RegExp(`reference ${err.correlationId}`));
  });

  it('when something other than an AppError is thrown, then the user sees only the fallback and a fresh reference', () => {
    const reported = reportError(new Error('SQLITE_BUSY at /srv/rampart/.data/rampart.sqlite'), 'It failed.');
    assert.equal(reported.userMessage, 'It failed.');
    assert.equal(reported.expected, false);
    assert.match(reported.correlationId, /^[0-9a-f]{8}$/);
    assert.doesNotMatch(userFacingText(reported), /SQLITE|\/srv/);
  });

  it('when two AppErrors are raised, then each has its own correlation id', () => {
    assert.notEqual(new AppError('A', 'a').correlationId, new AppError('A', 'a').correlationId);
  });

  it('when a service refuses or does not answer, then the error is an AppError that keeps the service\'s own words as its message', () => {
    const refused = new DefenderApiError('defender', 400, 'ActiveRequestAlreadyExists', 'Action is already in progress', 'machine-1');
    assert.ok(refused instanceof AppError);
    assert.equal(refused.code, 'ActiveRequestAlreadyExists');
    assert.equal(refused.message, 'Action is already in progress');
    assert.match(refused.userMessage, /^Defender XDR refused the call \(400 ActiveRequestAlreadyExists\)/);
    const silent = new ServiceUnreachableError('graph', 'connect ECONNREFUSED 10.0.0.5:443');
    assert.ok(silent instanceof AppError);
    assert.doesNotMatch(silent.userMessage, /ECONNREFUSED/);
    assert.equal(silent.name, 'ServiceUnreachableError');
  });
});
