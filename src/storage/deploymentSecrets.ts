import crypto from 'node:crypto';
import type { Db, SqliteDb } from './database';

/**
 * Per-deployment secrets Rampart makes for itself (the download-link signing key): created
 * once, by whichever instance asks first; the primary key makes every instance read the same.
 */
export async function deploymentKey(db: Db, name: string): Promise<Buffer> {
  const existing = await db.q().selectFrom('deployment_secrets').select('value').where('name', '=', name).executeTakeFirst();
  if (existing) return Buffer.from(existing.value, 'base64');
  const value = crypto.randomBytes(32).toString('base64');
  await db.q().insertInto('deployment_secrets').values({ name, value, created_at: new Date().toISOString() }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const stored = await db.q().selectFrom('deployment_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return Buffer.from(stored.value, 'base64');
}

/** The same, synchronously, on the embedded database (bots built in one step by tests and tools). */
export function deploymentKeySync(db: SqliteDb, name: string): Buffer {
  const raw = db.sqlite;
  const row = raw.prepare('SELECT value FROM deployment_secrets WHERE name = ?').get(name) as { value: string } | undefined;
  if (row) return Buffer.from(row.value, 'base64');
  const value = crypto.randomBytes(32).toString('base64');
  raw.prepare('INSERT OR IGNORE INTO deployment_secrets (name, value, created_at) VALUES (?, ?, ?)').run(name, value, new Date().toISOString());
  return Buffer.from((raw.prepare('SELECT value FROM deployment_secrets WHERE name = ?').get(name) as { value: string }).value, 'base64');
}
