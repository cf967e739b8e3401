import { createLogger } from '../logger';
import { startSimulator } from '../simulator';

interface SimulatorCommandOptions {
  port?: string;
  state?: string;
  seed?: string;
  demoEvery?: string;
}

/**
 * `rampart simulator`: prints the SimulatorInfo JSON as the first stdout line (what scripts
 * and bench.py read), logs to stderr, and runs until SIGINT/SIGTERM.
 */
export default async function simulator(opts: Record<string, unknown>): Promise<number | undefined> {
  const o = opts as SimulatorCommandOptions;
  const port = Number(o.port ?? '0');
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`rampart simulator: --port must be a port number (0 = any free port), not '${o.port}'\n`);
    return 64;
  }
  const seed = o.seed ?? 'empty';
  if (seed !== 'empty' && seed !== 'demo') {
    process.stderr.write(`rampart simulator: --seed is "empty" or "demo", not '${seed}'\n`);
    return 64;
  }
  const demoEvery = o.demoEvery === undefined ? undefined : Number(o.demoEvery);
  if (demoEvery !== undefined && !(demoEvery > 0)) {
    process.stderr.write(`rampart simulator: --demo-every takes a number of seconds greater than 0\n`);
    return 64;
  }
  const logger = createLogger({ name: 'rampart-simulator', pretty: process.stderr.isTTY === true });
  const running = await startSimulator({ port, stateDir: o.state, seed, demoEverySeconds: demoEvery, logger });
  process.stdout.write(`${JSON.stringify(running.info)}\n`);

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'stopping the simulator');
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'simulator did not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  return undefined;
}
