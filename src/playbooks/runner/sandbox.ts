import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../logger';
import { resolvePythonInterpreter } from '../python';

/** The unprivileged system user playbooks run as (created by scripts/prereqs.sh when run as root). */
export const SANDBOX_USER = 'rampart-playbook';

/** Who a playbook process runs as. */
export interface SandboxIdentity {
  user: string;
  uid: number;
  gid: number;
}

/** What the sandbox enforces on this machine, in words for /healthz and the logs. */
export interface SandboxStatus {
  /** True when playbooks run as SANDBOX_USER, unable to read DATA_DIR or Rampart's /proc. */
  uidDrop: boolean;
  user?: string;
  /** True when playbooks run in their own network namespace, Rampart's allowlisting proxy their only way out. */
  egressEnforced: boolean;
  /** Outbound traffic, in words. */
  egress: string;
  note?: string;
}

let cached: { identity?: SandboxIdentity; status: SandboxStatus } | undefined;

function idOf(user: string, flag: '-u' | '-g'): number | undefined {
  try {
    const out = execFileSync('id', [flag, user], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const n = Number(out);
    return Number.isInteger(n) ? n : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The identity playbooks run as: SANDBOX_USER when Rampart runs as root and the user exists
 * (then a playbook cannot read DATA_DIR, 0700 and Rampart's, nor /proc/<rampart>/environ);
 * otherwise undefined, and the status says what is not enforced.
 */
export function sandboxIdentity(user = SANDBOX_USER): SandboxIdentity | undefined {
  return sandboxState(user).identity;
}

export function sandboxStatus(user = SANDBOX_USER): SandboxStatus {
  return sandboxState(user).status;
}

function sandboxState(user: string): { identity?: SandboxIdentity; status: SandboxStatus } {
  if (cached) return cached;
  const root = process.getuid?.() === 0;
  const uid = idOf(user, '-u');
  const gid = idOf(user, '-g');
  if (!root) {
    cached = { status: { uidDrop: false, egressEnforced: false, egress: EGRESS_OPEN, note: `Rampart is not running as root, so playbooks run as Rampart's own user (they can read what Rampart can) with the host's network. Run as root with a "${user}" system user for the uid drop and the network namespace.` } };
  } else if (uid === undefined || gid === undefined || uid === 0) {
    cached = { status: { uidDrop: false, egressEnforced: false, egress: EGRESS_OPEN, note: `no "${user}" system user: create it (useradd --system ${user}; scripts/prereqs.sh does) so playbooks do not run as root` } };
  } else {
    const netns = networkNamespaceSupport();
    const egress = netns.ok ? EGRESS_ENFORCED : `${EGRESS_OPEN}: ${netns.note}`;
    cached = { identity: { user, uid, gid }, status: { uidDrop: true, user, egressEnforced: netns.ok, egress } };
  }
  return cached;
}

const EGRESS_ENFORCED = 'enforced: each playbook runs in its own network namespace whose only way out is Rampart\'s HTTP proxy, which lets through the configured Entra ID, Defender, Graph, VirusTotal, Teams webhook and Key Vault hosts and refuses (and logs) the rest';
const EGRESS_OPEN = 'not enforced: playbooks may reach any host';

/** The port the egress proxy answers on inside a playbook's network namespace (its own loopback). */
export const NAMESPACE_PROXY_PORT = 3128;

/** The launcher that sets up a playbook's network namespace (beside this file under tsx, in the source tree from a tsc build). */
export function netnsLauncher(): string {
  const beside = path.join(__dirname, 'netns_launcher.py');
  if (fs.existsSync(beside)) return beside;
  return path.resolve(__dirname, '..', '..', '..', 'src', 'playbooks', 'runner', 'netns_launcher.py');
}

const netnsProbes = new Map<string, { ok: boolean; note?: string }>();

/**
 * Whether playbooks can get their own network namespace here: Rampart runs as root, `unshare`
 * exists and may create one (a container without CAP_SYS_ADMIN refuses), and the launcher can
 * bring up the namespace's loopback with this interpreter. Checked once per interpreter.
 */
export function networkNamespaceSupport(python = resolvePythonInterpreter()): { ok: boolean; note?: string } {
  const known = netnsProbes.get(python);
  if (known) return known;
  let verdict: { ok: boolean; note?: string };
  if (process.getuid?.() !== 0) {
    verdict = { ok: false, note: 'a network namespace needs Rampart to run as root' };
  } else {
    const probe = spawnSync('unshare', ['--net', '--', python, '-I', '-S', netnsLauncher(), '--probe'], { encoding: 'utf8', timeout: 10_000 });
    if (probe.error) verdict = { ok: false, note: `unshare could not be started (${probe.error.message}); install util-linux` };
    else if (probe.status !== 0) verdict = { ok: false, note: `unshare --net failed here: ${(probe.stderr || `exit ${probe.status}`).trim().split('\n').pop()}` };
    else verdict = { ok: true };
  }
  netnsProbes.set(python, verdict);
  return verdict;
}

let sandboxLogger: Logger | undefined;

/** The logger refused connections and the missing network sandbox are reported to (the server's; none by default). */
export function useSandboxLogger(logger: Logger | undefined): void {
  sandboxLogger = logger;
}

export function currentSandboxLogger(): Logger | undefined {
  return sandboxLogger;
}

/** Hands a run's private directory (and the files in it) to the sandbox user; 0700, nobody else reads it. */
export function handOver(dir: string, identity: SandboxIdentity): void {
  for (const name of fs.readdirSync(dir)) fs.chownSync(path.join(dir, name), identity.uid, identity.gid);
  fs.chownSync(dir, identity.uid, identity.gid);
  fs.chmodSync(dir, 0o700);
}
