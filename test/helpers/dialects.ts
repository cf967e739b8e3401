import { openDatabase, openPostgres, type Db } from '../../src/storage/database';
import { freshPostgresDatabase, postgresUnavailable } from './postgres';

/** Opens a new, empty, migrated database of the dialect under test. */
export type OpenDb = () => Promise<Db>;

/**
 * Declares the same tests for both stores: SQLite (in memory) and PostgreSQL (DATABASE_URL,
 * or a private cluster started for this process). The PostgreSQL half is skipped, with the
 * reason in its title, only when PostgreSQL is not installed and DATABASE_URL is unset.
 */
export function forEachDialect(title: string, body: (open: OpenDb) => void): void {
  describe(`${title} (SQLite)`, () => {
    const opened: Db[] = [];
    after(async () => {
      for (const db of opened.splice(0)) await db.close();
    });
    body(async () => {
      const db = openDatabase(':memory:');
      opened.push(db);
      return db;
    });
  });
  const unavailable = postgresUnavailable();
  describe(`${title} (PostgreSQL${unavailable ? `: skipped, ${unavailable}` : ''})`, function () {
    this.timeout(60_000);
    const opened: Db[] = [];
    before(function () {
      if (unavailable) this.skip();
    });
    after(async () => {
      for (const db of opened.splice(0)) await db.close();
    });
    body(async () => {
      const db = await openPostgres(await freshPostgresDatabase(), undefined, 4);
      opened.push(db);
      return db;
    });
  });
}
