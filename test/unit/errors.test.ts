import assert from 'node:assert/strict';
import { AppError, reportError, userFacingText } from '../../src/errors';
import { DefenderApiError, ServiceUnreachableError } from '../../src/defender/errors';
import { ForeignDeviceError, UnknownIncidentError } from '../../src/incidents/desk';
import { IncidentPayloadError, parseIncidentPayload } from '../../src/incidents/model';
import { RetryLater } from '../../src/incidents/outbox';
import { LookupFailed } from '../../src/incidents/reconcile';
import { json, SimHttpError } from '../../src/simulator/http';
import { ODataFilterError, parseFilter } from '../../src/simulator/odata';

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

  it('when the pipeline must retry or cannot look an action up, then the error is an AppError whose user text hides the reason the outbox records', () => {
    const retry = new RetryLater('Teams answered 503 at https://smba.trafficmanager.net/emea/v3/conversations', 2000, true, true);
    const lookup = new LookupFailed('defender answered 503 to the look-up /api/machines/m-1/machineactions');
    for (const err of [retry, lookup]) {
      assert.ok(err instanceof AppError);
      assert.equal(err.httpStatus, 503);
      assert.match(err.message, /answered 503/, 'the outbox and the log keep the reason');
      assert.equal(err.detail, err.message);
      const said = userFacingText(reportError(err));
      // (The reference is random hex, which may itself hold "503": only the words before it are checked.)
      assert.doesNotMatch(said.replace(/\s*\(reference [0-9a-f]+\)$/, ''), /503|trafficmanager|machineactions/);
      assert.match(said, new RegExp(`tries again.*\\(reference ${err.correlationId}\\)$`));
    }
    assert.deepEqual([retry.afterMs, retry.free, retry.backoff, retry.name], [2000, true, true, 'RetryLater']);
  });

  it('when a card names a device outside its incident or an unknown incident, then the analyst reads why (a 4xx, expected) and the log gets the detail', () => {
    const foreign = new ForeignDeviceError('Device m-9 is not one of incident 7\'s devices, so Rampart does not ask to act on it.', 'card payload machineId m-9');
    const unknown = new UnknownIncidentError('7');
    for (const err of [foreign, unknown]) {
      const reported = reportError(err);
      assert.equal(reported.expected, true);
      assert.equal(reported.userMessage, err.userMessage);
      assert.ok(err.httpStatus >= 400 && err.httpStatus < 500);
    }
    assert.doesNotMatch(foreign.userMessage, /card payload/);
    assert.match(foreign.message, /card payload machineId m-9/);
    assert.equal(unknown.userMessage, 'Incident 7 is not known to Rampart.');
  });

  it('when a webhook body or a simulated filter is refused, then the AppError is a 400 whose user text is the reason', () => {
    assert.throws(() => parseIncidentPayload([]), (err: unknown) => err instanceof IncidentPayloadError && err instanceof AppError && err.httpStatus === 400 && /one JSON object/.test(err.userMessage));
    assert.throws(() => parseFilter('severity eq', ['status']), (err: unknown) => err instanceof ODataFilterError && err instanceof AppError && err.httpStatus === 400 && /near 'severity eq'/.test(err.userMessage));
    const refusal = new SimHttpError(json(429, { error: { code: 'TooManyRequests' } }));
    assert.ok(refusal instanceof AppError);
    assert.equal(refusal.httpStatus, 429);
    assert.equal(refusal.response.status, 429);
    assert.match(refusal.detail ?? '', /TooManyRequests/);
    assert.doesNotMatch(refusal.userMessage, /TooManyRequests/);
  });
});
