import { startRampart } from './bootstrap';
import { AppError } from './errors';

/** Composition root for a deployed bot: load config, start, stop on a signal. */
async function main(): Promise<void> {
  const rampart = await startRampart();
  const shutdown = (): void => {
    void rampart.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof AppError ? err.message : (err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
