import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../errors';
import { MIGRATIONS } from './migrations';

export type SqliteDatabase = Database.Database;

/** One schema change; applied once, in order, inside a transaction. */
export interface Migration {
  version: number;
  name: string;
  up: string;
}

/**
 * Opens (creating when needed) the SQLite database in `dataDir` and brings its schema up to
 * date. `:memory:` gives a private in-memory database, for tests.
 */
export function openDatabase(dataDir: string | ':memory:', migrations: readonly Migration[] = MIGRATIONS): SqliteDatabase {
  let db: SqliteDatabase;
  try {
    if (dataDir === ':memory:') {
      db = new Database(':memory:');
    } else {
      fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      // Rampart's alone: playbooks run as another user and must not read the database (signing keys, approvals).
      fs.chmodSync(dataDir, 0o700);
      db = new Database(path.join(dataDir, 'rampart.sqlite'));
      db.pragma('journal_mode = WAL');
    }
  } catch (err) {
    throw new AppError('StorageUnavailable', `Cannot open the database in DATA_DIR=${dataDir}: ${(err as Error).message}`, { isCatastrophic: true, cause: err });
  }
  db.pragma('foreign_keys = ON');
  // Short: better-sqlite3 waits synchronously, so a long wait would stall every request
  // (/healthz included). Writers that meet a lock retry asynchronously instead.
  db.pragma('busy_timeout = 1000');
  migrate(db, migrations);
  return db;
}

/** Applies the migrations newer than the database's recorded version. */
export function migrate(db: SqliteDatabase, migrations: readonly Migration[]): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  const current = row.v ?? 0;
  const pending = [...migrations].sort((a, b) => a.version - b.version).filter((m) => m.version > current);
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.up);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    })();
  }
  return pending.length;
}

/** The database's schema version. */
export function schemaVersion(db: SqliteDatabase): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}
