/**
 * Loaded before every test file (.mocharc.json). DATABASE_URL in the environment (CI exports
 * one) names the PostgreSQL server for the tests that run against both stores; it must not
 * turn every Rampart a test starts in-process into a PostgreSQL one sharing a single database.
 * So it moves to RAMPART_TEST_DATABASE_URL, which test/helpers/postgres.ts reads.
 */
if (process.env.DATABASE_URL) {
  process.env.RAMPART_TEST_DATABASE_URL ??= process.env.DATABASE_URL;
  delete process.env.DATABASE_URL;
}
