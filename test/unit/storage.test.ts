import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqlBotStorage } from '../../src/storage/botStorage';
import { migrate, openDatabase, schemaVersion } from '../../src/storage/database';
import { SqlInstallationStore } from '../../src/storage/installations';
import { MIGRATIONS } from '../../src/storage/migrations';
import { SqlAuditLog } from '../../src/storage/audit';
import { SqlIncidentOutbox } from '../../src/storage/outbox';
import { SqlIncidentStore } from '../../src/storage/incidentStore';
import { SqlActionApprovalStore } from '../../src/storage/actionApprovals';
import { parseIncidentPayload } from '../../src/incidents/model';
import { forEachDialect } from '../helpers/dialects';
import { leadershipFor } from '../../src/storage/leadership';
import { waitUntil } from '../incidents/helpers';

describe('storage (SQLite file)', () => {
  it('when the database is reopened, then migrations are not applied twice and data survives', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-db-'));
    const db = openDatabase(dir);
    const latest = Math.max(...MIGRATIONS.map((m) => m.version));
    assert.equal(schemaVersion(db.sqlite), latest);
    assert.equal(await db.schemaVersion(), latest);
    db.sqlite.prepare("INSERT INTO audit_log (at, kind, detail) VALUES ('2026-01-01', 'request', '{}')").run();
    db.closeNow();
    const again = openDatabase(dir);
    assert.equal(migrate(again.sqlite, MIGRATIONS), 0);
    assert.equal((again.sqlite.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n, 1);
    again.closeNow();
  });

  it('when a database from before the send marks is opened, then its pending outbox items are kept and carry no mark', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-db-'));
    const old = openDatabase(dir, MIGRATIONS.filter((m) => m.version <= 9));
    old.sqlite.prepare("INSERT INTO incident_outbox (kind, lane, idempotency_key, payload, status, attempts, not_before, created_at, updated_at) VALUES ('notify', 'thread:9', 'notify:9', '{\"incidentId\":\"9\"}', 'pending', 1, '1970-01-01T00:00:00.000Z', '2026-01-01', '2026-01-01')").run();
    old.closeNow();
    const db = openDatabase(dir);
    const outbox = new SqlIncidentOutbox(db);
    const [item] = await outbox.due(10, new Set());
    assert.equal(item.idempotencyKey, 'notify:9');
    assert.equal(item.sendingAt, undefined);
    db.closeNow();
  });

  it('when a migration fails, then nothing of it is applied', () => {
    const db = openDatabase(':memory:');
    const before = schemaVersion(db.sqlite);
    assert.throws(() => migrate(db.sqlite, [...MIGRATIONS, { version: 999, name: 'broken', up: 'CREATE TABLE t (x); SELECT nonsense FROM nowhere;' }]));
    assert.equal(schemaVersion(db.sqlite), before);
    assert.equal(db.sqlite.prepare("SELECT name FROM sqlite_master WHERE name = 't'").get(), undefined);
  });
});

function incident(id: string, lastUpdateTime: string): ReturnType<typeof parseIncidentPayload> {
  return parseIncidentPayload({ incidentId: Number(id), incidentName: `Incident ${id}`, severity: 'High', status: 'Active', createdTime: '2026-01-01T00:00:00Z', lastUpdateTime, alerts: [] });
}

forEachDialect('storage repositories', (open) => {
  it('when the schema is migrated, then it is at the latest version', async () => {
    const db = await open();
    assert.equal(await db.schemaVersion(), Math.max(...MIGRATIONS.map((m) => m.version)));
  });

  it('when two writers use the same eTag, then the second write is refused', async () => {
    const storage = new SqlBotStorage(await open());
    await storage.write({ 'conv/1': { count: 1 } });
    const first = await storage.read(['conv/1']);
    const eTag = first['conv/1'].eTag as string;
    await storage.write({ 'conv/1': { count: 2, eTag } });
    await assert.rejects(storage.write({ 'conv/1': { count: 3, eTag } }), /eTag conflict/);
    assert.equal((await storage.read(['conv/1']))['conv/1'].count, 2);
    await storage.write({ 'conv/1': { count: 4, eTag: '*' } });
    assert.equal((await storage.read(['conv/1']))['conv/1'].count, 4);
    await storage.delete(['conv/1']);
    assert.deepEqual(await storage.read(['conv/1']), {});
  });

  it('when installations span several pages, then paging returns each exactly once', async () => {
    const store = new SqlInstallationStore(await open());
    for (let i = 0; i < 7; i++) {
      await store.add({ conversationId: `19:c${i}@thread.tacv2`, kind: i % 2 ? 'channel' : 'personal', reference: { serviceUrl: 'x' } });
    }
    await store.add({ conversationId: '19:c3@thread.tacv2', kind: 'channel', name: 'SOC', reference: { serviceUrl: 'y' } });
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await store.list(3, token);
      seen.push(...page.items.map((i) => i.conversationId));
      token = page.continuationToken;
    } while (token);
    assert.equal(seen.length, 7);
    assert.equal(new Set(seen).size, 7);
    assert.equal((await store.list(50, undefined, 'channel')).items.length, 3);
    assert.equal((await store.get('19:c3@thread.tacv2'))?.name, 'SOC');
    assert.equal((await store.get('19:c3@thread.tacv2'))?.reference.serviceUrl, 'y');
    await store.remove('19:c1@thread.tacv2');
    assert.equal(await store.get('19:c1@thread.tacv2'), undefined);
  });

  it('when audit entries are recorded, then the newest come first and filter by subject', async () => {
    const audit = new SqlAuditLog(await open());
    await audit.record({ kind: 'request', actorName: 'Alex', subject: 'pb-1', detail: { text: 'isolate' } });
    await audit.record({ kind: 'approval', actorName: 'Sam', subject: 'pb-1', detail: {} });
    await audit.record({ kind: 'request', actorName: 'Alex', subject: 'pb-2', detail: {} });
    const recent = await audit.recent(10, 'pb-1');
    assert.deepEqual(recent.map((e) => e.kind), ['approval', 'request']);
    assert.equal((await audit.recent(10)).length, 3);
  });

  it('when the same incident update is stored twice at once, then it is fresh exactly once; an older update never overwrites a newer one', async () => {
    const store = new SqlIncidentStore(await open());
    const results = await Promise.all([store.record(incident('41', '2026-01-01T00:01:00Z'), 'webhook'), store.record(incident('41', '2026-01-01T00:01:00Z'), 'poller')]);
    assert.deepEqual(results.map((r) => r.fresh).sort(), [false, true]);
    assert.equal(results.filter((r) => r.isNew).length, 1);
    assert.equal((await store.record(incident('41', '2026-01-01T00:03:00Z'), 'webhook')).fresh, true);
    assert.equal((await store.record(incident('41', '2026-01-01T00:02:00Z'), 'webhook')).fresh, false);
    assert.equal((await store.get('41'))?.lastUpdateTime, '2026-01-01T00:03:00.000Z');
    assert.equal(await store.count(), 1);
  });

  it('when a transaction fails halfway, then none of its writes remain', async () => {
    const db = await open();
    const outbox = new SqlIncidentOutbox(db);
    await assert.rejects(
      db.atomically(async () => {
        await outbox.enqueue({ kind: 'notify', lane: 'thread:1', idempotencyKey: 'notify:1', payload: { incidentId: '1' } });
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.deepEqual(await outbox.counts(), {});
  });

  it('when two instances work one outbox, then each item is enqueued once, claimed by one of them, and a lane goes in order', async () => {
    const db = await open();
    const a = new SqlIncidentOutbox(db, 'instance-a', 60_000);
    const b = new SqlIncidentOutbox(db, 'instance-b', 60_000);
    const added = await Promise.all([a.enqueue({ kind: 'notify', lane: 'thread:7', idempotencyKey: 'notify:7', payload: { incidentId: '7' } }), b.enqueue({ kind: 'notify', lane: 'thread:7', idempotencyKey: 'notify:7', payload: { incidentId: '7' } })]);
    assert.deepEqual(added.sort(), [false, true]);
    await a.enqueue({ kind: 'post', lane: 'thread:7', idempotencyKey: 'post:7', payload: { incidentId: '7' } });
    await a.enqueue({ kind: 'notify', lane: 'thread:8', idempotencyKey: 'notify:8', payload: { incidentId: '8' } });
    const seenByA = await a.due(10, new Set());
    const seenByB = await b.due(10, new Set());
    assert.deepEqual(seenByA.map((i) => i.idempotencyKey), ['notify:7', 'notify:8'], 'the second item of lane thread:7 waits for the first');
    const claims = await Promise.all([...seenByA.map((i) => a.claim(i.id)), ...seenByB.map((i) => b.claim(i.id))]);
    assert.equal(claims.filter(Boolean).length, 2, 'each item is claimed by exactly one instance');
    assert.deepEqual(await b.due(10, new Set()), [], 'claimed items are nobody else\'s');
    const first = seenByA[0];
    await a.markDone(first.id);
    assert.deepEqual((await b.due(10, new Set())).map((i) => i.idempotencyKey), ['post:7'], 'the lane moves on once its first item is done');
  });

  it('when an instance dies holding a claim, then the item is taken over after the claim expires, not before', async () => {
    const db = await open();
    const dead = new SqlIncidentOutbox(db, 'dead', 60_000);
    const alive = new SqlIncidentOutbox(db, 'alive', 60_000);
    await dead.enqueue({ kind: 'run', lane: 'run:1', idempotencyKey: 'run:1', payload: {} });
    const [item] = await dead.due(1, new Set());
    assert.equal(await dead.claim(item.id), true);
    assert.equal(await alive.claim(item.id), false);
    assert.equal(await alive.claim(item.id, new Date(Date.now() + 61_000)), true);
    const [taken] = await alive.due(1, new Set(), new Date(Date.now() + 200_000));
    assert.equal(taken.attempts, 2, 'both attempts are counted');
  });

  it('when a send is marked before it goes out, then the item carries the mark through a retry and a takeover; a send that certainly did not go out clears it', async () => {
    const db = await open();
    const dead = new SqlIncidentOutbox(db, 'dead', 60_000);
    const alive = new SqlIncidentOutbox(db, 'alive', 60_000);
    await dead.enqueue({ kind: 'notify', lane: 'thread:11', idempotencyKey: 'notify:11', payload: { incidentId: '11' } });
    const [item] = await dead.due(1, new Set());
    assert.equal(item.sendingAt, undefined);
    assert.equal(await dead.claim(item.id), true);
    const at = new Date('2026-12-01T10:00:00.000Z');
    await dead.markSending(item.id, at);
    const later = new Date(Date.now() + 61_000);
    assert.equal(await alive.claim(item.id, later), true, 'the dead instance\'s claim lapsed');
    const [taken] = await alive.due(1, new Set(), new Date(Date.now() + 200_000));
    assert.equal(taken.sendingAt, at.toISOString(), 'the next attempt knows a send may have gone out');
    await alive.markSending(item.id, null);
    await alive.retryAt(item.id, new Date(0), 'throttled');
    const [retried] = await alive.due(1, new Set(), new Date(Date.now() + 200_000));
    assert.equal(retried.sendingAt, undefined);
  });

  it('when two people decide one approval at the same moment, then exactly one decision stands', async () => {
    const approvals = new SqlActionApprovalStore(await open());
    const { approval } = await approvals.create({ idempotencyKey: 'k1', incidentId: '9', action: 'isolate', target: { machineId: 'm1' }, evidence: {}, request: { api: 'defender', method: 'POST', path: '/api/machines/m1/isolate' }, expiresAt: new Date(Date.now() + 60_000) });
    const again = await approvals.create({ idempotencyKey: 'k1', incidentId: '9', action: 'isolate', target: { machineId: 'm1' }, evidence: {}, request: { api: 'defender', method: 'POST', path: '/api/machines/m1/isolate' }, expiresAt: new Date(Date.now() + 60_000) });
    assert.equal(again.created, false);
    const decided = await Promise.all([approvals.decide(approval.id, 'approved', { id: 'sam', name: 'Sam' }), approvals.decide(approval.id, 'denied', { id: 'dana', name: 'Dana' })]);
    assert.equal(decided.filter(Boolean).length, 1);
    const stored = await approvals.get(approval.id);
    assert.equal(stored?.status, decided[0] ? 'approved' : 'denied');
    assert.equal(await approvals.markSending(approval.id), stored?.status === 'approved');
    assert.equal(await approvals.markSending(approval.id), false, 'sending starts once');
  });

  it('when a card id is recorded while the action starts sending, then neither write undoes the other', async () => {
    const approvals = new SqlActionApprovalStore(await open());
    for (let i = 0; i < 10; i++) {
      const { approval } = await approvals.create({ idempotencyKey: `race-${i}`, incidentId: '9', action: 'isolate', target: { machineId: `m${i}` }, evidence: {}, request: { api: 'defender', method: 'POST', path: `/api/machines/m${i}/isolate` }, expiresAt: new Date(Date.now() + 60_000) });
      assert.equal(await approvals.decide(approval.id, 'approved', { id: 'sam', name: 'Sam' }), true);
      // The approval card's post records its activity id while the executor marks the action sending.
      const [, sending] = await Promise.all([approvals.update(approval.id, { cardActivityId: `card-${i}` }), approvals.markSending(approval.id)]);
      assert.equal(sending, true);
      const stored = await approvals.get(approval.id);
      assert.equal(stored?.status, 'sending', 'a card id never puts back an older status');
      assert.equal(stored?.cardActivityId, `card-${i}`, 'the card id is kept');
      await approvals.update(approval.id, { machineActionId: `ma-${i}` });
      assert.equal((await approvals.get(approval.id))?.status, 'sending', 'an outcome without a status leaves the status alone');
      await approvals.update(approval.id, { status: 'sent', error: null });
      const sent = await approvals.get(approval.id);
      assert.deepEqual([sent?.status, sent?.machineActionId, sent?.cardActivityId], ['sent', `ma-${i}`, `card-${i}`]);
    }
  });

  it('when two machine look-ups fill in an approval target at the same moment, then both land and nothing already known is overwritten', async () => {
    const approvals = new SqlActionApprovalStore(await open());
    const { approval } = await approvals.create({ idempotencyKey: 'look-ups', incidentId: '9', action: 'isolate', target: { machineId: 'm1', osPlatform: 'Windows11' }, evidence: {}, request: { api: 'defender', method: 'POST', path: '/api/machines/m1/isolate' }, expiresAt: new Date(Date.now() + 60_000) });
    await Promise.all([approvals.completeTarget(approval.id, { lastSeen: '2026-12-01T00:00:00Z' }), approvals.completeTarget(approval.id, { riskScore: 'High', osPlatform: 'Linux' })]);
    const stored = await approvals.get(approval.id);
    assert.deepEqual(stored?.target, { machineId: 'm1', osPlatform: 'Windows11', lastSeen: '2026-12-01T00:00:00Z', riskScore: 'High' });
  });

  it('when two instances contend for the poller role, then exactly one holds it, and the other takes it once the holder stops', async () => {
    const db = await open();
    const first = leadershipFor(db, { role: 'incident-poller', checkMs: 200 });
    const second = leadershipFor(db, { role: 'incident-poller', checkMs: 200 });
    await first.start();
    await second.start();
    try {
      if (db.kind === 'sqlite') {
        // One process on the embedded store: it is the poller by construction.
        assert.equal(first.isLeader(), true);
        return;
      }
      assert.deepEqual([first.isLeader(), second.isLeader()], [true, false]);
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual([first.isLeader(), second.isLeader()], [true, false], 'the holder keeps it while it lives');
      await first.stop();
      await waitUntil(() => second.isLeader(), 5_000, 'the standby to take the role');
      assert.equal(first.isLeader(), false);
    } finally {
      await first.stop();
      await second.stop();
    }
  });
});
