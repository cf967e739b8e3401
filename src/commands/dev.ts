import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { startRampart, type RunningRampart } from '../bootstrap';
import { collectEnvironment } from '../config';
import { createLogger } from '../logger';
import { simulatorEnvironment, startSimulator, type RunningSimulator } from '../simulator';
import serve from './serve';

const PLAYGROUND_PORT = 56150;

/**
 * `npm start`: with no Azure settings, the simulator (demo tenant), the bot wired to it, and
 * the Microsoft 365 Agents Playground, together; Ctrl-C stops all three. With a bot
 * registration configured (BOT_ID), only the bot.
 */
export default async function dev(): Promise<number | undefined> {
  const env = collectEnvironment({ RAMPART_ENV: 'playground', ...process.env });
  const logger = createLogger({ pretty: true, level: env.LOG_LEVEL ?? 'info' });
  if (env.BOT_ID) {
    logger.info('BOT_ID is set: starting the bot only (no simulator, no Playground)');
    return serve();
  }

  const demoEvery = Number(env.DEMO_EVERY_SECONDS ?? '120');
  const simulator: RunningSimulator = await startSimulator({
    port: Number(env.SIMULATOR_PORT ?? '0'),
    stateDir: path.resolve(env.DATA_DIR ?? '.data', 'simulator'),
    seed: 'demo',
    demoEverySeconds: demoEvery > 0 ? demoEvery : undefined,
    logger: logger.child({ component: 'simulator' }),
  });
  const sim = simulator.info;
  const simEnv: Record<string, string> = {
    RAMPART_ENV: 'playground',
    // No bot registration: explicit local mode (authentication off, bound to 127.0.0.1).
    RAMPART_LOCAL: 'true',
    ...simulatorEnvironment(sim),
    DEFENDER_PORTAL_URL: `${sim.url}/portal`,
    SOC_EMAIL_SENDER: env.SOC_EMAIL_SENDER ?? 'soc-automation@contoso.com',
    SOC_EMAIL_TO: env.SOC_EMAIL_TO ?? 'soc@contoso.com',
    // One person drives the Playground: let them approve their own playbooks (the card says so).
    ALLOW_SELF_APPROVAL: env.ALLOW_SELF_APPROVAL ?? 'true',
    POLL_INTERVAL_SECONDS: env.POLL_INTERVAL_SECONDS ?? '10',
  };
  let rampart: RunningRampart;
  try {
    rampart = await startRampart({ env: { ...env, ...simEnv }, logger });
  } catch (err) {
    await simulator.stop();
    throw err;
  }

  const playground = startPlayground(rampart.port);
  const url = `http://localhost:${PLAYGROUND_PORT}`;
  process.stdout.write(
    `\nRampart is running.\n  Open the Playground:  ${url}\n  Bot endpoint:         ${rampart.url}/api/messages\n` +
      `  Defender simulator:   ${sim.url} (demo tenant${demoEvery > 0 ? `, a new incident every ${demoEvery}s` : ''})\n` +
      `  In the SOC channel, @mention Rampart with "help". Ctrl-C stops everything.\n\n`,
  );

  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping the Playground, the bot and the simulator');
    stopProcessGroup(playground);
    void Promise.allSettled([rampart.stop(), simulator.stop()]).finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  playground.once('exit', (code) => {
    if (!stopping) {
      logger.error({ code }, 'the Agents Playground exited; stopping');
      shutdown();
    }
  });
  return undefined;
}

/** Spawns the Agents Playground CLI against the local bot, in its own process group. */
function startPlayground(botPort: number): ChildProcess {
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const logFile = path.resolve(process.env.DATA_DIR ?? '.data', 'm365agentsplayground.log');
  return spawn(process.execPath, [cli, '-e', `http://localhost:${botPort}/api/messages`, '-c', 'msteams', '-p', String(PLAYGROUND_PORT)], {
    // The Playground writes its log under ./devTools by default; keep it with Rampart's data.
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', BROWSER: 'none', M365_AGENTS_PLAYGROUND_LOGFILE: logFile },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
}

function stopProcessGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
}
