import assert from 'node:assert/strict';
import { burstUnderOutage } from './helpers/burst';

/**
 * The burst, small enough for the suite (the 1,000-incident, 60 s run is
 * `npx tsx scripts/bench-faults.ts`): incidents arrive while Teams answers 429 / 502, Rampart is
 * killed with SIGKILL once during the outage, and after recovery every notification is
 * delivered exactly once.
 */
describe('faults: a burst while Teams fails and Rampart is killed once', function () {
  this.timeout(240_000);

  it('when 120 incidents arrive during an 8 s Teams outage with one SIGKILL, then each notification reaches Teams exactly once after recovery', async () => {
    const result = await burstUnderOutage({ count: 120, outageMs: 8000, teamsScale: 20 });
    assert.equal(result.accepted, 120);
    assert.ok(result.refusedDuringOutage > 0, 'Teams refused sends during the outage');
    assert.deepEqual(result.missing, []);
    assert.deepEqual(result.duplicated, []);
    assert.equal(result.deliveredOnce, 120);
  });
});
