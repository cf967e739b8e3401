import type { SqliteDb } from '../../src/storage/database';
import assert from 'node:assert/strict';
import type { RunningRampart } from '../../src/bootstrap';
import { MockConnector } from '../helpers/mockConnector';
import { defenderIncident, notificationsFor, postIncident, waitUntil, startDesk, stopDesk } from '../incidents/helpers';

interface OutboxRow {
  status: string;
  attempts: number;
  last_error: string | null;
  result: string | null;
  claimed_by: string | null;
}

/**
 * Finding 2: when Teams fails, the error reaches the outbox (it is not swallowed by the app's
 * turn error handler), the item stays pending, 429 / 5xx are retried with backoff until Teams
 * recovers, and then each message arrives exactly once.
 */
describe('faults: Teams failing', function () {
  this.timeout(90_000);
  let connector: MockConnector;
  let rampart: RunningRampart;

  before(async () => {
    // After a 5xx a new thread may have been posted: the next try waits this long for it to land (no Graph here to look).
    ({ rampart, connector } = await startDesk({ incidents: { inFlightGraceMs: 1000 } }));
  });
  afterEach(() => connector.recover());
  after(() => stopDesk({ rampart, connector }));

  function row(key: string): OutboxRow {
    return (rampart.db as SqliteDb).sqlite.prepare('SELECT status, attempts, last_error, result, claimed_by FROM incident_outbox WHERE idempotency_key = ?').get(key) as OutboxRow;
  }

  for (const status of [502, 429]) {
    it(`when Teams answers ${status} to a new thread, then the notification stays pending through more than 8 tries and is delivered once after recovery`, async () => {
      const id = 7100 + status;
      connector.outage(status);
      const refusedBefore = connector.refused;
      assert.equal((await postIncident(rampart.url, defenderIncident(id))).status, 202);
      // Each refused try is recorded in the outbox, which retries it (the connector client's own retries are off for new threads).
      await waitUntil(() => connector.refused - refusedBefore >= 3 && Boolean(row(`notify:${id}`).last_error), 60_000, 'refused tries recorded in the outbox');
      const during = row(`notify:${id}`);
      assert.equal(during.status, 'pending', `outbox item is ${during.status} with ${during.result}`);
      assert.match(during.last_error ?? '', new RegExp(`Teams answered ${status}`));
      assert.doesNotMatch(during.last_error ?? '', /TypeError|channelId/);
      // Beyond the 8 attempts that used to mark it failed.
      const soon = (): unknown => (rampart.db as SqliteDb).sqlite.prepare('UPDATE incident_outbox SET not_before = ? WHERE idempotency_key = ?').run(new Date(0).toISOString(), `notify:${id}`);
      (rampart.db as SqliteDb).sqlite.prepare('UPDATE incident_outbox SET attempts = 20 WHERE idempotency_key = ?').run(`notify:${id}`);
      const refusedAtLimit = connector.refused;
      soon();
      await waitUntil(() => connector.refused > refusedAtLimit && row(`notify:${id}`).attempts > 20, 30_000, 'a try past the old attempt limit');
      await waitUntil(() => row(`notify:${id}`).status !== 'pending' || row(`notify:${id}`).claimed_by === null, 30_000, 'the try to end');
      assert.equal(row(`notify:${id}`).status, 'pending');
      connector.recover();
      // Its next try is up to 30 s away (backoff); bring it forward rather than wait.
      soon();
      await waitUntil(() => row(`notify:${id}`).status === 'done', 60_000, 'delivery after recovery');
      assert.equal(notificationsFor(connector, id).length, 1);
    });
  }

  it('when Teams answers 502 to a reply in a thread, then the outbox does not mark it done and delivers it once after recovery', async () => {
    const id = 7201;
    assert.equal((await postIncident(rampart.url, defenderIncident(id))).status, 202);
    await waitUntil(() => notificationsFor(connector, id).length === 1, 20_000, 'the notification');
    await waitUntil(() => row(`notify:${id}`).status === 'done', 10_000, 'notification recorded');
    connector.outage(502);
    const refusedBefore = connector.refused;
    const update = { ...defenderIncident(id, { lastUpdateTime: '2024-05-01T11:00:00Z' }), status: 'InProgress' };
    assert.equal((await postIncident(rampart.url, update)).status, 202);
    const key = ((rampart.db as SqliteDb).sqlite.prepare(`SELECT idempotency_key AS k FROM incident_outbox WHERE idempotency_key LIKE ?`).get(`update:${id}:%`) as { k: string }).k;
    await waitUntil(() => connector.refused - refusedBefore >= 2 && Boolean(row(key).last_error), 60_000, 'refused replies recorded in the outbox');
    assert.equal(row(key).status, 'pending', `the reply was marked ${row(key).status} with ${row(key).result} while Teams refused it`);
    connector.recover();
    await waitUntil(() => row(key).status === 'done', 60_000, 'the reply after recovery');
    const replies = connector.calls.filter((c) => JSON.stringify(c.activity).includes('Incident updated'));
    assert.equal(replies.length, 1);
    assert.match(row(key).result ?? '', /activityId/);
  });
});
