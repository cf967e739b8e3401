import fs from 'node:fs';
import https from 'node:https';
import { collectEnvironment } from '../config';
import { silentLogger } from '../logger';
import { connectionFromEnvironment, runPlaybook, type PlaybookConnection, type PlaybookEvent, type RunResult } from '../playbooks/runner';

interface RunCommandOptions {
  file?: string;
  incidentId?: string;
  mockData?: string;
  dryRun?: boolean;
  json?: boolean;
}

/**
 * `rampart run FILE.py --incident-id ID [--mock-data FILE] [--dry-run]`: runs the playbook in
 * the sandbox against the configured Defender endpoint, or (by default) an in-process
 * simulator seeded with the demo tenant; exits with the playbook's exit code.
 */
export default async function run(opts: Record<string, unknown>): Promise<number> {
  const { file, incidentId, mockData, dryRun, json } = opts as RunCommandOptions;
  if (!file || !incidentId) {
    process.stderr.write('rampart run: usage: rampart run FILE.py --incident-id ID [--mock-data FILE] [--dry-run]\n');
    return 2;
  }
  if (!readable(file)) {
    process.stderr.write(`rampart run: cannot read the playbook ${file}\n`);
    return 2;
  }
  let incident: unknown;
  if (mockData) {
    try {
      incident = JSON.parse(await fs.promises.readFile(mockData, 'utf8'));
    } catch (err) {
      process.stderr.write(`rampart run: cannot use --mock-data ${mockData}: ${(err as Error).message}\n`);
      return 2;
    }
  }

  const env = collectEnvironment();
  const configured = Boolean(env.TENANT_ID && env.CLIENT_ID && env.CLIENT_SECRET);
  let stopSimulator: (() => Promise<void>) | undefined;
  let connection: PlaybookConnection;
  if (configured) {
    connection = connectionFromEnvironment(env);
    note(`running against ${connection.defenderApiBase ?? 'https://api.security.microsoft.com'} (tenant ${env.TENANT_ID})`);
  } else {
    // require, not import(): under tsx's CommonJS hook a dynamic import() bypasses TypeScript resolution.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the simulator loads only when no endpoint is configured
    const { startSimulator, simulatorEnvironment } = require('../simulator') as typeof import('../simulator');
    const simulator = await startSimulator({ port: 0, seed: 'demo', logger: silentLogger() });
    stopSimulator = () => simulator.stop();
    const sim = simulator.info;
    connection = connectionFromEnvironment({
      SOC_EMAIL_SENDER: 'soc-automation@contoso.com',
      SOC_EMAIL_TO: 'soc@contoso.com',
      ...env,
      ...simulatorEnvironment(sim),
    });
    note(`no TENANT_ID/CLIENT_ID/CLIENT_SECRET set: running against the built-in simulator at ${sim.url} (demo tenant)`);
    if (incident !== undefined) {
      try {
        await postJson(`${sim.url}/_sim/incidents`, incident, sim.caFile);
      } catch (err) {
        await stopSimulator();
        process.stderr.write(`rampart run: the simulator refused the --mock-data incident: ${(err as Error).message}\n`);
        return 2;
      }
    }
  }

  try {
    const result = await runPlaybook({
      file,
      incidentId,
      mockData: mockData,
      dryRun: Boolean(dryRun),
      env: connection,
      python: env.RAMPART_PYTHON,
      onEvent: (event) => {
        if (json) {
          if (event.event !== 'log' || event.stream === 'stdout') process.stdout.write(`${JSON.stringify(event)}\n`);
          else process.stderr.write(`${event.line}\n`);
        } else if (event.event === 'log' && event.stream === 'stderr') {
          process.stderr.write(`  | ${event.line}\n`);
        } else {
          process.stdout.write(`${formatEvent(event)}\n`);
        }
      },
    });
    if (result.egress?.enforced) note(`outbound traffic was limited to ${result.egress.allowed.join(', ')}${result.egress.refused.length ? `; refused: ${result.egress.refused.map((r) => `${r.host}:${r.port}`).join(', ')}` : ''}`);
    else if (result.egress?.note) note(`warning: ${result.egress.note}`);
    if (!json) process.stdout.write(`${formatOutcome(result)}\n`);
    return exitCodeOf(result);
  } finally {
    await stopSimulator?.();
  }
}

/** One readable line per playbook event. */
export function formatEvent(event: PlaybookEvent): string {
  switch (event.event) {
    case 'step':
      return `- ${event.step}: ${event.message}`;
    case 'condition':
      return `? ${event.name}: ${event.result ? 'yes' : 'no'}${event.reason ? ` (${event.reason})` : ''}`;
    case 'action': {
      const target = Object.values(event.target)
        .filter((v) => typeof v === 'string' || typeof v === 'number')
        .join(' ');
      const request = event.request ? ` [${event.request.method} ${event.request.path}]` : '';
      const error = event.error ? `: ${event.error}` : '';
      return `* ${event.action} ${target}`.trimEnd() + ` -> ${event.status}${error}${request}`;
    }
    case 'done':
      return `= ${event.status}: ${event.summary} (${event.actions} action(s))`;
    case 'log':
      return `  ${event.line}`;
  }
}

function formatOutcome(result: RunResult): string {
  const seconds = (result.durationMs / 1000).toFixed(1);
  const base = `run ${result.status} in ${seconds} s, exit code ${result.exitCode ?? 'none'}`;
  return result.reason ? `${base}: ${result.reason}` : base;
}

function exitCodeOf(result: RunResult): number {
  if (result.exitCode !== null) return result.exitCode;
  if (result.status === 'timed-out') return 124;
  return result.status === 'completed' ? 0 : 1;
}

function note(text: string): void {
  process.stderr.write(`rampart run: ${text}\n`);
}

function readable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.R_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function postJson(url: string, body: unknown, caFile: string): Promise<void> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method: 'POST',
        ca: fs.readFileSync(caFile),
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        timeout: 10_000,
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => {
          if ((res.statusCode ?? 500) < 300) resolve();
          else reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 300)}`));
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('the simulator did not answer within 10 s')));
    req.on('error', reject);
    req.end(payload);
  });
}
