import { startRampart } from '../../../src/bootstrap';
import { parseConfig } from '../../../src/config';
import { TEAMS_GLOBAL_LIMITS, TEAMS_THREAD_LIMITS } from '../../../src/incidents/teamsPacer';
import { createLogger } from '../../../src/logger';

/**
 * Rampart as its own process for fault tests and the burst benchmark: settings from the
 * environment, `{"url","pid"}` on stdout once it listens. RAMPART_TEST_TEAMS_SCALE (a number)
 * shrinks Teams' rate-limit windows in the pacer so a burst does not take Teams' real ~500 s.
 */
async function main(): Promise<void> {
  const scale = Number(process.env.RAMPART_TEST_TEAMS_SCALE ?? '1');
  const scaled = (limits: readonly (readonly [number, number])[]): [number, number][] => limits.map(([w, max]) => [Math.max(1, Math.round(w / scale)), max]);
  const rampart = await startRampart({
    port: 0,
    config: parseConfig(process.env),
    logger: createLogger({ level: process.env.LOG_LEVEL ?? 'warn' }),
    incidents: scale !== 1 ? { teamsLimits: { thread: scaled(TEAMS_THREAD_LIMITS), global: scaled(TEAMS_GLOBAL_LIMITS) } } : undefined,
  });
  process.stdout.write(`${JSON.stringify({ url: rampart.url, pid: process.pid })}\n`);
  const stop = (): void => {
    void rampart.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: Error) => {
  process.stderr.write(`rampart child failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
