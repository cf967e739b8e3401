import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The Python with msal and requests (Debian's); the playbooks the tests generate run under it. */
export const PYTHON = '/usr/bin/python3';

/** One JSON event a playbook prints on stdout. */
export interface PlaybookEvent {
  event: string;
  action?: string;
  name?: string;
  result?: boolean;
  reason?: string;
  deviceName?: string;
  request?: { path: string; body: Record<string, unknown> };
}

/** Writes the playbook into `dir` and runs it with --dry-run on an incident file; returns its events. */
export async function dryRunPlaybook(code: string, dir: string, incidentId: string, mockData: string): Promise<PlaybookEvent[]> {
  const file = path.join(dir, `p${fs.readdirSync(dir).length}.py`);
  fs.writeFileSync(file, code);
  const { stdout } = await run(PYTHON, [file, '--incident-id', incidentId, '--mock-data', mockData, '--dry-run'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8' },
  });
  return stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as PlaybookEvent);
}
