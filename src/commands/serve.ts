import { startRampart } from '../bootstrap';

/** `rampart serve`: the bot alone, configured from env files, process env and Key Vault. */
export default async function serve(): Promise<number | undefined> {
  const rampart = await startRampart();
  const shutdown = (): void => {
    void rampart.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return undefined;
}
