import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import Database from 'better-sqlite3';
import type { RunningSimulator } from '../../../src/simulator';
import { startSimulatorAndConnector, stopDesk } from '../../incidents/helpers';
import type { MockConnector } from '../../helpers/mockConnector';

const CHILD = path.resolve(__dirname, 'rampartProcess.ts');
const ROOT = path.resolve(__dirname, '../../..');

/** Rampart in its own process (so a crash or a SIGKILL is the real thing), and how to read its database. */
export interface RampartChild {
  url: string;
  child: ChildProcess;
  /** The last 8 KB of its stderr. */
  stderr(): string;
}

export function startChild(env: Record<string, string>): Promise<RampartChild> {
  const child = spawn(process.execPath, ['-r', 'tsx/cjs', CHILD], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-8000)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Rampart did not start within 30 s: ${stderr}`)), 30_000);
    readline.createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve({ url: (JSON.parse(line) as { url: string }).url, child, stderr: () => stderr });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Rampart exited with ${code}: ${stderr}`));
    });
  });
}

export function alive(p: RampartChild): boolean {
  return p.child.exitCode === null && p.child.signalCode === null;
}

export async function kill(p: RampartChild, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (!alive(p)) return;
  const exited = new Promise((r) => p.child.once('exit', r));
  p.child.kill(signal);
  await exited;
}

/** One read of the child's database (a fresh read-only connection each time, WAL lets it in). */
export function reader(dataDir: string): <T>(sql: string, ...params: unknown[]) => T | undefined {
  return <T>(sql: string, ...params: unknown[]): T | undefined => {
    const handle = new Database(path.join(dataDir, 'rampart.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return handle.prepare(sql).get(...params) as T | undefined;
    } finally {
      handle.close();
    }
  };
}

/** Waits until the child has saved the incident's Teams thread; returns its conversation id. */
export async function savedThread(read: ReturnType<typeof reader>, incidentId: string, timeoutMs = 20_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const thread = read<{ c: string | null }>('SELECT conversation_id AS c FROM incident_threads WHERE incident_id = ?', incidentId)?.c;
    if (thread) return thread;
    if (Date.now() > until) throw new Error(`no thread saved for incident ${incidentId} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The simulator and a mock connector for a suite of Rampart child processes; `start` launches one, killed after the suite if still alive. */
export interface ChildDesk {
  sim: RunningSimulator;
  connector: MockConnector;
  start(env: Record<string, string>): Promise<RampartChild>;
}

/** Registers the suite's before/after: the simulator and connector up before its tests, every child killed and both stopped after. */
export function useChildDesk(): ChildDesk {
  const children: RampartChild[] = [];
  const desk = {
    start: async (env: Record<string, string>) => {
      const child = await startChild(env);
      children.push(child);
      return child;
    },
  } as ChildDesk;
  before(async () => {
    Object.assign(desk, await startSimulatorAndConnector());
  });
  after(async () => {
    for (const c of children) await kill(c);
    await stopDesk(desk);
  });
  return desk;
}
