import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

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
  /** Outbound traffic: not enforced here (no nftables / CAP_NET_ADMIN in this deployment). */
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
  const egress = 'not enforced: playbooks may reach any host (no nftables here); only Rampart-issued tokens for Defender and Graph are in their environment';
  const root = process.getuid?.() === 0;
  const uid = idOf(user, '-u');
  const gid = idOf(user, '-g');
  if (!root) {
    cached = { status: { uidDrop: false, egress, note: `Rampart is not running as root, so playbooks run as Rampart's own user (they can read what Rampart can). Run as root with a "${user}" system user for the uid drop.` } };
  } else if (uid === undefined || gid === undefined || uid === 0) {
    cached = { status: { uidDrop: false, egress, note: `no "${user}" system user: create it (useradd --system ${user}; scripts/prereqs.sh does) so playbooks do not run as root` } };
  } else {
    cached = { identity: { user, uid, gid }, status: { uidDrop: true, user, egress } };
  }
  return cached;
}

/** Hands a run's private directory (and the files in it) to the sandbox user; 0700, nobody else reads it. */
export function handOver(dir: string, identity: SandboxIdentity): void {
  for (const name of fs.readdirSync(dir)) fs.chownSync(path.join(dir, name), identity.uid, identity.gid);
  fs.chownSync(dir, identity.uid, identity.gid);
  fs.chmodSync(dir, 0o700);
}
