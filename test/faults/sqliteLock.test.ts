import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MockConnector } from '../helpers/mockConnector';
import { CHANNEL_ID, SECRET, defenderIncident, installInChannel, notificationsFor, postIncident, tempDir, waitUntil } from '../incidents/helpers';
import { alive, kill, reader, startChild, type RampartChild } from './helpers/rampartChild';

/**
 * Finding 9: another process holds the SQLite write lock for longer than the busy timeout
 * while the outbox has work. Rampart keeps running, /healthz keeps answering, and the work is
 * done once (not lost, not repeated) when the lock is released.
 */
describe('faults: SQLite lock held by another process', function () {
  this.timeout(120_000);
  let connector: MockConnector;
  let rampart: RampartChild | undefined;

  before(async () => {
    connector = await new MockConnector().start();
  });
  after(async () => {
    if (rampart) await kill(rampart);
    await connector?.stop();
  });

  it('when the database is locked for 8 s while a notification is due, then the process survives, /healthz answers, and the notification is delivered once', async () => {
    const dataDir = tempDir();
    rampart = await startChild({ RAMPART_LOCAL: 'true', DATA_DIR: dataDir, WEBHOOK_HMAC_SECRET: SECRET, POLL_INTERVAL_SECONDS: '0', SOC_CHANNEL_ID: CHANNEL_ID });
    await installInChannel(rampart.url, connector);
    const read = reader(dataDir);
    const row = (): { status: string; attempts: number; last_error: string | null } | undefined =>
      read(`SELECT status, attempts, last_error FROM incident_outbox WHERE idempotency_key = 'notify:7301'`);

    // Teams is down, so the outbox keeps coming back to the item (writing its attempts) ...
    connector.outage(502);
    assert.equal((await postIncident(rampart.url, defenderIncident(7301))).status, 202);
    await waitUntil(() => Boolean(row()?.last_error), 30_000, 'a failed first try');

    // ... and then another process takes the write lock, and Teams recovers behind it.
    const locker = new Database(path.join(dataDir, 'rampart.sqlite'));
    locker.exec('BEGIN IMMEDIATE');
    locker.prepare(`UPDATE incident_outbox SET updated_at = updated_at WHERE idempotency_key = 'notify:7301'`).run();
    connector.recover();
    const lockedUntil = Date.now() + 8000;
    let healthAnswers = 0;
    while (Date.now() < lockedUntil) {
      const res = await fetch(`${rampart.url}/healthz`, { signal: AbortSignal.timeout(5000) });
      await res.body?.cancel();
      healthAnswers++;
      assert.ok(alive(rampart), `Rampart died under the lock: ${rampart.stderr()}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    locker.exec('ROLLBACK');
    locker.close();
    assert.ok(healthAnswers >= 5, `/healthz answered ${healthAnswers} times while locked`);

    await waitUntil(() => row()?.status === 'done', 60_000, 'the notification after the lock');
    assert.ok(alive(rampart), `Rampart died: ${rampart.stderr()}`);
    assert.equal(notificationsFor(connector, 7301).length, 1);
    assert.doesNotMatch(rampart.stderr(), /uncaught|unhandled/i);
  });
});
