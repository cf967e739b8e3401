import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkPythonRuntime, resolvePythonInterpreter } from '../python';
import { allowedHosts, startEgressProxy, type EgressProxy, type EgressReport } from './egress';
import { currentSandboxLogger, handOver, NAMESPACE_PROXY_PORT, netnsLauncher, networkNamespaceSupport, sandboxIdentity, type SandboxIdentity } from './sandbox';
import {
  parseEventLine,
  type ActionEvent,
  type ConditionEvent,
  type DoneEvent,
  type LogEvent,
  type PlaybookEvent,
} from './events';

export * from './events';
export { sandboxIdentity, sandboxStatus, useSandboxLogger, networkNamespaceSupport, SANDBOX_USER, type SandboxIdentity, type SandboxStatus } from './sandbox';
export { allowedHosts, startEgressProxy, type EgressProxy, type EgressReport, type EgressRule, type RefusedConnection } from './egress';
export { connectionFromConfig, connectionFromEnvironment } from './connection';

/** Connection settings handed to a playbook, and nothing else (docs/ARCHITECTURE.md, "Contracts"). */
export interface PlaybookConnection {
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  authorityHost?: string;
  defenderApiBase?: string;
  graphApiBase?: string;
  vtApiBase?: string;
  vtApiKey?: string;
  teamsWebhookUrl?: string;
  socEmailSender?: string;
  socEmailTo?: string;
  /** A CA bundle to trust (the simulator's); becomes REQUESTS_CA_BUNDLE. */
  caFile?: string;
  keyVaultUrl?: string;
  /**
   * Short-lived access tokens Rampart acquires for each run (RAMPART_ACCESS_TOKEN_DEFENDER /
   * _GRAPH). With them a playbook that reads those variables gets no client secret and no Key
   * Vault access: it can call the APIs for the token's lifetime and nothing more.
   */
  tokens?: PlaybookTokenSource;
}

/** Access tokens for a playbook run. */
export interface PlaybookAccessTokens {
  defender?: string;
  graph?: string;
}

/** Where a run's access tokens come from (Rampart's own credential; cached and refreshed there). */
export interface PlaybookTokenSource {
  tokens(): Promise<PlaybookAccessTokens>;
}

/** What to run and under which limits. */
export interface RunOptions {
  /** The playbook's Python source; or `file`. */
  source?: string;
  /** A playbook file; copied into the run's private directory. */
  file?: string;
  incidentId: string | number;
  /** The incident to use instead of GET /api/incidents/{id}: an object, or a JSON file path. */
  mockData?: object | string;
  dryRun: boolean;
  env: PlaybookConnection;
  /** Action names the playbook must not send but report as "deferred" (the approval hook). */
  deferActions?: string[];
  /** Interpreter; default resolvePythonInterpreter(). */
  python?: string;
  /** Wall-clock limit; default 10 minutes, like Sentinel's playbooks. */
  timeoutMs?: number;
  /** Cap on each of stdout and stderr; past it the run is killed and marked truncated. Default 5 MiB. */
  maxOutputBytes?: number;
  /** Called for every event as it arrives, stderr lines included (as log events). */
  onEvent?: (event: PlaybookEvent) => void;
  signal?: AbortSignal;
  /** Who the playbook runs as; default the sandbox user when available (null: Rampart's own user). */
  runAs?: SandboxIdentity | null;
  /**
   * Outbound traffic: by default a playbook that runs as the sandbox user gets its own network
   * namespace where Rampart's proxy, letting through only the connection's hosts, is the only
   * way out (when this machine allows it: root and `unshare`). False runs it on the host's network.
   */
  restrictEgress?: boolean;
}

export type RunStatus = 'completed' | 'failed' | 'timed-out' | 'killed';

/** What a run did, parsed from its event lines. */
export interface RunResult {
  status: RunStatus;
  /** The process exit code; null when it was killed by a signal. */
  exitCode: number | null;
  /** Plain words for anything other than a clean completion. */
  reason?: string;
  /** Every stdout event in order (non-JSON lines as log events); stderr is in stderrTail. */
  events: PlaybookEvent[];
  actions: ActionEvent[];
  conditions: ConditionEvent[];
  done?: DoneEvent;
  /** The last few KiB of stderr: the playbook's own log and any traceback. */
  stderrTail: string;
  durationMs: number;
  /** True when output was cut at maxOutputBytes. */
  truncated: boolean;
  /** What the sandbox did about outbound traffic: enforced or not, the hosts allowed, the connections refused (set by runPlaybook). */
  egress?: EgressReport;
}

export const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
export const DEFAULT_MAX_OUTPUT_BYTES = 5 * 1024 * 1024;
const STDERR_TAIL_BYTES = 8 * 1024;
const SYSTEM_CA_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem'];
/** Identity variables DefaultAzureCredential needs to reach Key Vault (managed identity, workload identity). */
const KEY_VAULT_IDENTITY_VARS = [
  'AZURE_CLIENT_ID',
  'AZURE_TENANT_ID',
  'AZURE_CLIENT_SECRET',
  'AZURE_FEDERATED_TOKEN_FILE',
  'AZURE_AUTHORITY_HOST',
  'IDENTITY_ENDPOINT',
  'IDENTITY_HEADER',
  'MSI_ENDPOINT',
  'MSI_SECRET',
];

/**
 * Runs a playbook in a subprocess: scrubbed environment, private temporary working directory
 * (removed afterwards), wall-clock and output limits, events parsed and streamed as they arrive.
 */
export async function runPlaybook(opts: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const python = resolvePythonInterpreter(opts.python);
  const workDir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'rampart-run-'));
  try {
    const runtime = await checkPythonRuntime(python);
    if (!runtime.ok) {
      return emptyResult('failed', runtime.message, started);
    }
    const playbook = path.join(workDir, 'playbook.py');
    if (opts.source !== undefined) {
      await fs.promises.writeFile(playbook, opts.source, { mode: 0o600 });
    } else if (opts.file) {
      await fs.promises.copyFile(opts.file, playbook);
    } else {
      return emptyResult('failed', 'no playbook given: pass source or file', started);
    }
    const args = [playbook, '--incident-id', String(opts.incidentId)];
    if (opts.mockData !== undefined) {
      const mockFile = path.join(workDir, 'mock_incident.json');
      if (typeof opts.mockData === 'string') await fs.promises.copyFile(opts.mockData, mockFile);
      else await fs.promises.writeFile(mockFile, JSON.stringify(opts.mockData), { mode: 0o600 });
      args.push('--mock-data', mockFile);
    }
    if (opts.dryRun) args.push('--dry-run');
    const source = opts.source ?? (await fs.promises.readFile(playbook, 'utf8'));
    const runAs = opts.runAs === undefined ? sandboxIdentity() : opts.runAs ?? undefined;
    const { env, connection } = await runEnvironment(opts, workDir, source, Boolean(runAs));
    if (runAs) handOver(workDir, runAs);
    const egress = await egressFor(opts, connection, python, runAs);
    try {
      const launch: Launch = egress.proxy
        ? {
            command: 'unshare',
            args: ['--net', '--', python, '-I', '-S', netnsLauncher(), '--socket', egress.proxy.address, '--port', String(NAMESPACE_PROXY_PORT), '--uid', String(egress.runAs.uid), '--gid', String(egress.runAs.gid), '--', python, ...args],
            env: { ...env, ...proxyEnvironment() },
          }
        : { command: python, args, env, runAs };
      const result = await execute(launch, workDir, opts, started);
      if (egress.proxy) egress.report.refusedCount = egress.proxy.refusedCount;
      return withEgress(result, egress.report);
    } finally {
      await egress.proxy?.close();
      if (egress.proxy) await fs.promises.rm(egress.dir, { recursive: true, force: true });
    }
  } finally {
    await fs.promises.rm(workDir, { recursive: true, force: true });
  }
}

/** How the playbook process is started: the interpreter itself, or unshare and the namespace launcher. */
interface Launch {
  command: string;
  args: string[];
  env: Record<string, string>;
  /** Set when the process itself drops to the sandbox user (the launcher drops by itself). */
  runAs?: SandboxIdentity;
}

const PROXY_URL = `http://127.0.0.1:${NAMESPACE_PROXY_PORT}`;

/** requests, msal and the Azure SDK read these; NO_PROXY is left unset so nothing goes around the proxy. */
function proxyEnvironment(): Record<string, string> {
  return { HTTPS_PROXY: PROXY_URL, HTTP_PROXY: PROXY_URL, https_proxy: PROXY_URL, http_proxy: PROXY_URL };
}

/**
 * The run's egress proxy when this machine can give the playbook its own network namespace; its
 * Unix socket sits in a fresh 0700 directory of Rampart's user, which the launcher (root) opens
 * and the playbook's user cannot.
 */
async function egressFor(
  opts: RunOptions,
  connection: PlaybookConnection,
  python: string,
  runAs: SandboxIdentity | undefined,
): Promise<{ report: EgressReport; proxy?: undefined } | { report: EgressReport; proxy: EgressProxy; dir: string; runAs: SandboxIdentity }> {
  const rules = allowedHosts(connection);
  const allowed = rules.map((r) => `${r.host}:${r.port}`);
  // Rampart warns once at start-up when the machine cannot restrict egress; each run's report says so too.
  const open = (note: string) => ({ report: { enforced: false, allowed, refused: [], refusedCount: 0, note } });
  if (opts.restrictEgress === false) return open('outbound traffic not restricted for this run (restrictEgress: false)');
  if (!runAs) {
    return open(
      process.getuid?.() === 0
        ? 'outbound traffic not restricted: the playbook runs as root (no rampart-playbook user), which could leave a network namespace'
        : 'outbound traffic not restricted: a network namespace needs Rampart to run as root, with the rampart-playbook user',
    );
  }
  const netns = networkNamespaceSupport(python);
  if (!netns.ok) return open(`outbound traffic not restricted: ${netns.note}`);
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'rampart-egress-'));
  await fs.promises.chmod(dir, 0o700);
  const report: EgressReport = { enforced: true, allowed, refused: [], refusedCount: 0 };
  try {
    const proxy = await startEgressProxy({
      listen: path.join(dir, 'proxy.sock'),
      allow: rules,
      onRefused: (refused) => {
        report.refused.push(refused);
        currentSandboxLogger()?.warn({ host: refused.host, port: refused.port, method: refused.method, allowed }, 'playbook sandbox refused an outbound connection');
        try {
          opts.onEvent?.({ event: 'log', stream: 'stderr', line: `rampart sandbox: refused a connection to ${refused.host}:${refused.port} (not an allowed host)` });
        } catch {
          // A listener's bug must not break the run.
        }
      },
    });
    return { report, proxy, dir, runAs };
  } catch (err) {
    await fs.promises.rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/** The run result with its egress report; a refused connection is named in the reason of a run that did not complete. */
function withEgress(result: RunResult, report: EgressReport): RunResult {
  if (report.refused.length === 0 || result.status === 'completed') return { ...result, egress: report };
  const hosts = [...new Set(report.refused.map((r) => `${r.host}:${r.port}`))].join(', ');
  const reason = `${result.reason ?? 'the playbook did not complete'} (the sandbox refused connections to ${hosts})`;
  return { ...result, reason, egress: report };
}

/**
 * The run's environment: tokens from Rampart when it has a credential (then, for a playbook
 * that reads them, neither the client secret nor Key Vault access), the CA copied into the
 * run's directory (the sandbox user cannot read the original), HOME in the run's directory.
 */
async function runEnvironment(
  opts: RunOptions,
  workDir: string,
  source: string,
  sandboxed: boolean,
): Promise<{ env: Record<string, string>; connection: PlaybookConnection }> {
  let connection: PlaybookConnection = { ...opts.env };
  let tokens: PlaybookAccessTokens | undefined;
  if (connection.tokens) {
    tokens = await connection.tokens.tokens();
    if (source.includes('RAMPART_ACCESS_TOKEN_') && (tokens.defender || tokens.graph)) {
      // The playbook takes tokens: it gets no long-lived secret, and no way to fetch one from Key Vault.
      connection = { ...connection, clientSecret: undefined, keyVaultUrl: undefined };
    }
  }
  if (sandboxed && connection.caFile && fs.existsSync(connection.caFile)) {
    const copy = path.join(workDir, 'ca.pem');
    await fs.promises.copyFile(connection.caFile, copy);
    connection = { ...connection, caFile: copy };
  }
  const env = playbookEnvironment(connection, opts.deferActions, process.env);
  if (tokens?.defender) env.RAMPART_ACCESS_TOKEN_DEFENDER = tokens.defender;
  if (tokens?.graph) env.RAMPART_ACCESS_TOKEN_GRAPH = tokens.graph;
  env.HOME = workDir;
  return { env, connection };
}

/** The only environment a playbook sees: its connection settings plus PATH/HOME/LANG. */
export function playbookEnvironment(
  connection: PlaybookConnection,
  deferActions: string[] = [],
  parentEnv: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = {
    PATH: parentEnv.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: parentEnv.HOME ?? os.tmpdir(),
    LANG: parentEnv.LANG ?? 'C.UTF-8',
    PYTHONUNBUFFERED: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONIOENCODING: 'utf-8',
  };
  const settings: Record<string, string | undefined> = {
    TENANT_ID: connection.tenantId,
    CLIENT_ID: connection.clientId,
    CLIENT_SECRET: connection.clientSecret,
    AZURE_AUTHORITY_HOST: connection.authorityHost,
    DEFENDER_API_BASE: connection.defenderApiBase,
    GRAPH_API_BASE: connection.graphApiBase,
    VT_API_BASE: connection.vtApiBase,
    VT_API_KEY: connection.vtApiKey,
    TEAMS_WEBHOOK_URL: connection.teamsWebhookUrl,
    SOC_EMAIL_SENDER: connection.socEmailSender,
    SOC_EMAIL_TO: connection.socEmailTo,
    KEY_VAULT_URL: connection.keyVaultUrl,
  };
  for (const [name, value] of Object.entries(settings)) {
    if (value) env[name] = value;
  }
  if (connection.keyVaultUrl) {
    for (const name of KEY_VAULT_IDENTITY_VARS) {
      const value = parentEnv[name];
      if (value && !env[name]) env[name] = value;
    }
  }
  const caBundle = connection.caFile ?? systemCaBundle(parentEnv);
  if (caBundle) {
    env.REQUESTS_CA_BUNDLE = caBundle;
    env.SSL_CERT_FILE = caBundle;
  }
  if (deferActions.length > 0) env.RAMPART_DEFER_ACTIONS = deferActions.join(',');
  return env;
}

function systemCaBundle(parentEnv: NodeJS.ProcessEnv): string | undefined {
  const configured = parentEnv.REQUESTS_CA_BUNDLE ?? parentEnv.SSL_CERT_FILE;
  if (configured && fs.existsSync(configured)) return configured;
  return SYSTEM_CA_BUNDLES.find((f) => fs.existsSync(f));
}

function execute(launch: Launch, workDir: string, opts: RunOptions, started: number): Promise<RunResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const events: PlaybookEvent[] = [];
  const actions: ActionEvent[] = [];
  const conditions: ConditionEvent[] = [];
  let done: DoneEvent | undefined;
  let stderrTail = '';
  let truncated = false;
  let stopped: { status: RunStatus; reason: string } | undefined;

  return new Promise((resolve) => {
    const child = spawn(launch.command, launch.args, {
      cwd: workDir,
      env: launch.env,
      // The sandbox user: no read access to DATA_DIR or to Rampart's /proc (its environment).
      ...(launch.runAs ? { uid: launch.runAs.uid, gid: launch.runAs.gid } : {}),
      // Its own process group, so a kill also reaches anything the playbook started.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });

    const killGroup = () => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const stop = (status: RunStatus, reason: string) => {
      if (stopped) return;
      stopped = { status, reason };
      killGroup();
    };

    const emit = (event: PlaybookEvent) => {
      if (event.event !== 'log' || event.stream === 'stdout') events.push(event);
      if (event.event === 'action') actions.push(event);
      else if (event.event === 'condition') conditions.push(event);
      else if (event.event === 'done') done = event;
      try {
        opts.onEvent?.(event);
      } catch {
        // A listener's bug must not break the run's bookkeeping.
      }
    };

    const stdout = lineReader(maxBytes, (line) => emit(parseEventLine(line)), () => {
      truncated = true;
      stop('killed', `the playbook wrote more than ${maxBytes} bytes to stdout and was stopped`);
    });
    const stderr = lineReader(
      maxBytes,
      (line) => {
        stderrTail = (stderrTail + line + '\n').slice(-STDERR_TAIL_BYTES);
        const log: LogEvent = { event: 'log', stream: 'stderr', line };
        emit(log);
      },
      () => {
        truncated = true;
        stop('killed', `the playbook wrote more than ${maxBytes} bytes to stderr and was stopped`);
      },
    );
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));

    const timer = setTimeout(
      () => stop('timed-out', `the playbook ran longer than ${Math.round(timeoutMs / 1000)} s and was stopped`),
      timeoutMs,
    );
    const onAbort = () => stop('killed', 'the run was cancelled');
    if (opts.signal?.aborted) onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    let spawnError: Error | undefined;
    child.on('error', (err) => {
      spawnError = err;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (!stopped) {
        stdout.flush();
        stderr.flush();
      }
      // Anything the playbook left running in its group goes with it.
      killGroup();
      let status: RunStatus;
      let reason: string | undefined;
      if (stopped) {
        ({ status, reason } = stopped);
      } else if (spawnError) {
        status = 'failed';
        reason = `"${launch.command}" could not be started: ${spawnError.message}`;
      } else if (signal) {
        status = 'killed';
        reason = `the playbook was killed by ${signal}`;
      } else if (code === 0 && done?.status !== 'failed') {
        status = 'completed';
      } else {
        status = 'failed';
        reason =
          code !== 0
            ? `the playbook exited with code ${code}${lastLine(stderrTail) ? `: ${lastLine(stderrTail)}` : ''}`
            : `the playbook reported failure: ${done?.summary ?? ''}`.trim();
      }
      resolve({
        status,
        exitCode: code,
        reason,
        events,
        actions,
        conditions,
        done,
        stderrTail,
        durationMs: Math.round(performance.now() - started),
        truncated,
      });
    });
  });
}

interface LineReader {
  push(chunk: Buffer): void;
  flush(): void;
}

/** Splits a byte stream into lines; calls onLimit once when more than maxBytes arrived. */
function lineReader(maxBytes: number, onLine: (line: string) => void, onLimit: () => void): LineReader {
  let total = 0;
  let pending = '';
  let over = false;
  const decoder = new TextDecoder('utf-8');
  return {
    push(chunk) {
      if (over) return;
      const room = maxBytes - total;
      total += chunk.length;
      const usable = total > maxBytes ? chunk.subarray(0, Math.max(0, room)) : chunk;
      pending += decoder.decode(usable, { stream: true });
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) onLine(line);
      if (total > maxBytes) {
        over = true;
        onLimit();
      }
    },
    flush() {
      pending += decoder.decode();
      if (pending.length > 0) onLine(pending);
      pending = '';
    },
  };
}

function lastLine(text: string): string | undefined {
  return text.trim().split('\n').pop() || undefined;
}

function emptyResult(status: RunStatus, reason: string, started: number): RunResult {
  return {
    status,
    exitCode: null,
    reason,
    events: [],
    actions: [],
    conditions: [],
    stderrTail: '',
    durationMs: Math.round(performance.now() - started),
    truncated: false,
  };
}
