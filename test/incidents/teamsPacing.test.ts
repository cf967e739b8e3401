import type { SqliteDb } from '../../src/storage/database';
import assert from 'node:assert/strict';
import type { RunningRampart } from '../../src/bootstrap';
import { TeamsPacer } from '../../src/incidents/teamsPacer';
import { MockConnector } from '../helpers/mockConnector';
import { defenderIncident, notificationsFor, postIncident, waitUntil, startDesk, stopDesk } from './helpers';

describe('Teams pacing and throttling', function () {
  this.timeout(60_000);

  it('when one thread is over its window, then the pacer holds the next send there and lets other threads go at once', async () => {
    const pacer = new TeamsPacer([[300, 2]], [[1000, 100]]);
    const order: string[] = [];
    const send = (thread: string, label: string) => pacer.acquire(thread).then(() => order.push(label));
    const t0 = Date.now();
    // Asked for in the same tick, a3 is the third send in thread a's window: every other send goes first.
    await Promise.all([send('a', 'a1'), send('a', 'a2'), send('b', 'b1'), send('c', 'c1'), send('a', 'a3')]);
    assert.deepEqual(order.slice(-1), ['a3'], `order ${order.join(', ')}`);
    assert.ok(Date.now() - t0 >= 290, `the third send in thread a waited for its window (${Date.now() - t0} ms)`);
  });

  it('when Teams answered 429, then the pacer sends nothing anywhere until Retry-After has passed', async () => {
    const pacer = new TeamsPacer([[1000, 100]], [[1000, 100]]);
    pacer.pause(400);
    const t0 = Date.now();
    await pacer.acquire('other-thread');
    assert.ok(Date.now() - t0 >= 390, `held for ${Date.now() - t0} ms`);
  });

  describe('against a connector', () => {
    let connector: MockConnector;
    let rampart: RunningRampart;
    before(async () => {
      // One new post per 400 ms in the channel, so the spacing is measurable.
      ({ rampart, connector } = await startDesk({ incidents: { teamsLimits: { thread: [[400, 1]], global: [[1000, 50]] } } }));
    });
    after(() => stopDesk({ rampart, connector }));

    it('when several incidents arrive at once, then their new threads reach Teams no faster than the channel limit allows', async () => {
      const before = connector.calls.length;
      for (const id of [401, 402, 403, 404]) assert.equal((await postIncident(rampart.url, defenderIncident(id))).status, 202);
      await waitUntil(() => [401, 402, 403, 404].every((id) => notificationsFor(connector, id).length === 1), 15_000, 'four notifications');
      const creates = connector.calls.slice(before).filter((c) => c.path === '/v3/conversations');
      assert.equal(creates.length, 4);
      const arrivals = creates.map((c) => c.receivedAt);
      for (let k = 1; k < arrivals.length; k++) assert.ok(arrivals[k] - arrivals[k - 1] >= 350, `posts ${k - 1} and ${k} were ${arrivals[k] - arrivals[k - 1]} ms apart`);
    });

    it('when Teams throttles with 429, then the notification is retried after Retry-After and delivered exactly once', async () => {
      connector.throttle = 2;
      const t0 = Date.now();
      assert.equal((await postIncident(rampart.url, defenderIncident(405))).status, 202);
      await waitUntil(() => notificationsFor(connector, 405).length === 1, 20_000, 'the notification after throttling');
      assert.equal(connector.throttled, 2, 'both throttled answers were met');
      assert.ok(Date.now() - t0 >= 1000, `Retry-After (1 s) was honoured: delivered after ${Date.now() - t0} ms`);
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(notificationsFor(connector, 405).length, 1);
      const row = (rampart.db as SqliteDb).sqlite.prepare(`SELECT status FROM incident_outbox WHERE idempotency_key = 'notify:405'`).get() as { status: string };
      assert.equal(row.status, 'done');
    });
  });
});
