import assert from 'node:assert/strict';
import { quotedValue, scalarText } from '../../src/json';

describe('untyped JSON values as text', () => {
  it('when a value is a string, number or boolean, then it is written out; an object, array, null or nothing gives the fallback, never "[object Object]"', () => {
    assert.equal(scalarText('ws-fin-042'), 'ws-fin-042');
    assert.equal(scalarText(42), '42');
    assert.equal(scalarText(false), 'false');
    assert.equal(scalarText({ id: 1 }, 'the target'), 'the target');
    assert.equal(scalarText(['a'], 'x'), 'x');
    assert.equal(scalarText(null, 'x'), 'x');
    assert.equal(scalarText(undefined), '');
  });

  it('when an error message quotes a value, then an object appears as its JSON', () => {
    assert.equal(quotedValue('Full'), 'Full');
    assert.equal(quotedValue({ type: 'Full' }), '{"type":"Full"}');
    assert.equal(quotedValue(undefined), 'undefined');
  });
});
