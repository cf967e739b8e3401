import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { AppError } from '../errors';
import { MIGRATIONS, postgresText } from './migrations';
import type { Tables } from './schema';

export type SqliteDatabase = Database.Database;

/** Which database holds Rampart's state: the embedded file, or a shared PostgreSQL server. */
export type StorageKind = 'sqlite' | 'postgres';

/** One schema change; applied once, in order, inside a transaction. */
export interface Migration {
  version: number;
  name: string;
  /** SQLite text (and PostgreSQL's too, unless `postgres` says otherwise). */
  up: string;
  /** PostgreSQL text where the dialects differ (identity columns, triggers). */
  postgres?: string;
}

interface TransactionScope {
  db: Db;
  trx: Transaction<Tables>;
  open: boolean;
}

const scope = new AsyncLocalStorage<TransactionScope>();

/** Runs `fn` outside any transaction the caller is in (timers and workers it schedules). */
export function outsideTransaction<T>(fn: () => T): T {
  return scope.exit(fn);
}

/**
 * The database every repository shares, whichever dialect. Repositories ask `q()` for the
 * query builder: inside `atomically` it is that transaction, so a use case composes several
 * repository calls into one commit without passing a handle around.
 */
export abstract class Db {
  abstract readonly kind: StorageKind;
  protected abstract readonly kysely: Kysely<Tables>;

  /** The query builder: the caller's transaction when there is one, the pool otherwise. */
  q(): Kysely<Tables> {
    const current = scope.getStore();
    return current && current.db === this && current.open ? current.trx : this.kysely;
  }

  /** True inside `atomically`. */
  inTransaction(): boolean {
    const current = scope.getStore();
    return Boolean(current && current.db === this && current.open);
  }

  /** Runs `fn` in one transaction (joining the caller's when there is one). */
  async atomically<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction()) return fn();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.kysely.transaction().execute(async (trx) => {
          const s: TransactionScope = { db: this, trx, open: true };
          try {
            return await scope.run(s, fn);
          } finally {
            s.open = false;
          }
        });
      } catch (err) {
        // Two instances touching the same rows in a different order: PostgreSQL picks one to
        // roll back; running it again is the documented answer.
        if (attempt >= 5 || !isRetryableConflict(err)) throw err;
        await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50));
      }
    }
  }

  async schemaVersion(): Promise<number> {
    const row = await this.q().selectFrom('schema_migrations').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
    return Number(row?.v ?? 0);
  }

  /** A round trip, for /healthz. */
  async ping(): Promise<void> {
    await this.q().selectFrom('schema_migrations').select('version').limit(1).execute();
  }

  abstract close(): Promise<void>;
}

/** A deadlock or serialization failure (PostgreSQL), worth one more try of the whole transaction. */
export function isRetryableConflict(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === '40P01' || code === '40001';
}

/** The embedded database: one SQLite file in DATA_DIR (the default). */
export class SqliteDb extends Db {
  readonly kind = 'sqlite' as const;
  protected readonly kysely: Kysely<Tables>;

  constructor(readonly sqlite: SqliteDatabase) {
    super();
    this.kysely = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) });
  }

  async close(): Promise<void> {
    this.closeNow();
  }

  /** Closes the file at once (tests reopen the same directory right after). */
  closeNow(): void {
    if (this.sqlite.open) this.sqlite.close();
  }
}

/** Shared PostgreSQL (DATABASE_URL): what several instances of Rampart use together. */
export class PostgresDb extends Db {
  readonly kind = 'postgres' as const;
  protected readonly kysely: Kysely<Tables>;
  readonly pool: pg.Pool;

  constructor(readonly connectionString: string, poolSize = 10) {
    super();
    this.pool = new pg.Pool({ connectionString, max: poolSize, types: { getTypeParser: typeParser } });
    // An idle client losing its server (a failover) must not crash the process; the pool reconnects.
    this.pool.on('error', () => undefined);
    this.kysely = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: this.pool }) });
  }

  /** A connection of its own, outside the pool (session-scoped advisory locks). */
  async dedicatedClient(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.connectionString, types: { getTypeParser: typeParser }, keepAlive: true });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }

  async close(): Promise<void> {
    await this.kysely.destroy();
  }
}

/** COUNT(*) and other bigints as numbers: Rampart's counts never approach 2^53. */
function typeParser(oid: number, format?: string): (value: string) => unknown {
  if (oid === 20) return (v: string) => Number(v);
  return pg.types.getTypeParser(oid, (format ?? 'text') as 'text') as (value: string) => unknown;
}

/**
 * Opens (creating when needed) the SQLite database in `dataDir` and brings its schema up to
 * date. `:memory:` gives a private in-memory database, for tests.
 */
export function openDatabase(dataDir: string | ':memory:', migrations: readonly Migration[] = MIGRATIONS): SqliteDb {
  let raw: SqliteDatabase;
  try {
    if (dataDir === ':memory:') {
      raw = new Database(':memory:');
    } else {
      fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      // Rampart's alone: playbooks run as another user and must not read the database (signing keys, approvals).
      fs.chmodSync(dataDir, 0o700);
      raw = new Database(path.join(dataDir, 'rampart.sqlite'));
      raw.pragma('journal_mode = WAL');
    }
  } catch (err) {
    throw new AppError('StorageUnavailable', `Cannot open the database in DATA_DIR=${dataDir}: ${(err as Error).message}`, { isCatastrophic: true, cause: err });
  }
  raw.pragma('foreign_keys = ON');
  // Short: better-sqlite3 waits synchronously, so a long wait would stall every request
  // (/healthz included). Writers that meet a lock retry asynchronously instead.
  raw.pragma('busy_timeout = 1000');
  migrate(raw, migrations);
  return new SqliteDb(raw);
}

/** Connects to PostgreSQL at `url` and brings its schema up to date (one instance at a time). */
export async function openPostgres(url: string, migrations: readonly Migration[] = MIGRATIONS, poolSize?: number): Promise<PostgresDb> {
  const db = new PostgresDb(url, poolSize);
  try {
    await migratePostgres(db, migrations);
  } catch (err) {
    await db.close().catch(() => undefined);
    if (err instanceof AppError) throw err;
    throw new AppError('StorageUnavailable', `Cannot use the PostgreSQL database in DATABASE_URL: ${(err as Error).message}`, { isCatastrophic: true, cause: err, detail: (err as Error).message });
  }
  return db;
}

/** The store the configuration names: PostgreSQL when DATABASE_URL is set, else SQLite in DATA_DIR. */
export async function openStorage(settings: { databaseUrl?: string; dataDir: string }): Promise<Db> {
  return settings.databaseUrl ? openPostgres(settings.databaseUrl) : openDatabase(settings.dataDir);
}

/** Applies the migrations newer than the SQLite database's recorded version. */
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

/** Any fixed number: the advisory lock that lets one instance migrate while the others wait. */
const MIGRATION_LOCK = 7_261_001;

/** Applies the migrations newer than the PostgreSQL database's version; instances starting together take turns. */
export async function migratePostgres(db: PostgresDb, migrations: readonly Migration[]): Promise<number> {
  const client = await db.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
      const { rows } = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
      const current = rows[0]?.v ?? 0;
      const pending = [...migrations].sort((a, b) => a.version - b.version).filter((m) => m.version > current);
      for (const m of pending) {
        await client.query('BEGIN');
        try {
          await client.query(postgresText(m));
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK');
          throw err;
        }
      }
      return pending.length;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** The SQLite database's schema version (synchronous, for tests of the embedded store). */
export function schemaVersion(db: SqliteDatabase): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}
