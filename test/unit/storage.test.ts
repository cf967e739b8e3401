import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteBotStorage } from '../../src/storage/botStorage';
import { migrate, openDatabase, schemaVersion } from '../../src/storage/database';
import { SqliteInstallationStore } from '../../src/storage/installations';
import { MIGRATIONS } from '../../src/storage/migrations';
import { SqliteAuditLog } from '../../src/storage/audit';

describe('storage', () => {
  it('when the database is reopened, then migrations are not applied twice and data survives', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-db-'));
    const db = openDatabase(dir);
    const latest = Math.max(...MIGRATIONS.map((m) => m.version));
    assert.equal(schemaVersion(db), latest);
    db.prepare("INSERT INTO audit_log (at, kind, detail) VALUES ('2026-01-01', 'request', '{}')").run();
    db.close();
    const again = openDatabase(dir);
    assert.equal(migrate(again, MIGRATIONS), 0);
    assert.equal((again.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n, 1);
    again.close();
  });

  it('when a migration fails, then nothing of it is applied', () => {
    const db = openDatabase(':memory:');
    const before = schemaVersion(db);
    assert.throws(() => migrate(db, [...MIGRATIONS, { version: 999, name: 'broken', up: 'CREATE TABLE t (x); SELECT nonsense FROM nowhere;' }]));
    assert.equal(schemaVersion(db), before);
    assert.equal(db.prepare("SELECT name FROM sqlite_master WHERE name = 't'").get(), undefined);
  });

  it('when two writers use the same eTag, then the second write is refused', async () => {
    const storage = new SqliteBotStorage(openDatabase(':memory:'));
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
    const store = new SqliteInstallationStore(openDatabase(':memory:'));
    for (let i = 0; i < 7; i++) {
      await store.add({ conversationId: `19:c${i}@thread.tacv2`, kind: i % 2 ? 'channel' : 'personal', reference: { serviceUrl: 'x' } });
    }
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
    await store.remove('19:c1@thread.tacv2');
    assert.equal(await store.get('19:c1@thread.tacv2'), undefined);
  });

  it('when audit entries are recorded, then the newest come first and filter by subject', async () => {
    const audit = new SqliteAuditLog(openDatabase(':memory:'));
    await audit.record({ kind: 'request', actorName: 'Alex', subject: 'pb-1', detail: { text: 'isolate' } });
    await audit.record({ kind: 'approval', actorName: 'Sam', subject: 'pb-1', detail: {} });
    await audit.record({ kind: 'request', actorName: 'Alex', subject: 'pb-2', detail: {} });
    const recent = await audit.recent(10, 'pb-1');
    assert.deepEqual(recent.map((e) => e.kind), ['approval', 'request']);
  });
});
