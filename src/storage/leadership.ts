import type pg from 'pg';
import type { Leadership } from '../records/storage';
import type { Db, PostgresDb } from './database';

/**
 * Which instance does the work that must happen on exactly one (polling Defender): the holder
 * of a PostgreSQL advisory lock, held by a connection of its own. When that instance dies its
 * connection closes and the server frees the lock; another instance takes it at its next
 * check. On the embedded database there is one process, always the leader.
 */
export type { Leadership };

/** One process on SQLite: the leader by construction. */
export class SoleLeadership implements Leadership {
  isLeader(): boolean {
    return true;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}
}

/** The advisory-lock key of a role: a stable 32-bit number from its name. */
export function lockKey(role: string): number {
  let h = 0;
  for (const c of role) h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
  return h;
}

export interface AdvisoryLeadershipOptions {
  role: string;
  /** How often a standby tries to take the role, and the leader checks it still holds it (default 10 s). */
  checkMs?: number;
  onChange?: (leader: boolean) => void;
}

/** The role held through `pg_try_advisory_lock` on a dedicated connection. */
export class AdvisoryLeadership implements Leadership {
  private client?: pg.Client;
  private leader = false;
  private timer?: NodeJS.Timeout;
  private stopped = true;
  private checking?: Promise<void>;

  constructor(
    private readonly db: PostgresDb,
    private readonly o: AdvisoryLeadershipOptions,
  ) {}

  isLeader(): boolean {
    return this.leader;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.check();
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.checking;
    this.setLeader(false);
    const client = this.client;
    this.client = undefined;
    // Closing the connection frees the lock at once for the next instance.
    await client?.end().catch(() => undefined);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.check().finally(() => this.schedule());
    }, this.o.checkMs ?? 10_000);
    this.timer.unref();
  }

  private check(): Promise<void> {
    this.checking = this.checkOnce();
    return this.checking;
  }

  private async checkOnce(): Promise<void> {
    try {
      if (!this.client) {
        this.client = await this.db.dedicatedClient();
        this.client.on('end', () => {
          this.client = undefined;
          this.setLeader(false);
        });
      }
      if (this.leader) {
        // Still connected means still holding it: the lock lives as long as the session.
        await this.client.query('SELECT 1');
        return;
      }
      const { rows } = await this.client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1) AS got', [lockKey(this.o.role)]);
      this.setLeader(Boolean(rows[0]?.got));
    } catch {
      // The connection broke: whatever it held is gone; try again at the next check.
      this.setLeader(false);
      const client = this.client;
      this.client = undefined;
      await client?.end().catch(() => undefined);
    }
  }

  private setLeader(leader: boolean): void {
    if (leader === this.leader) return;
    this.leader = leader;
    this.o.onChange?.(leader);
  }
}

/** The leadership fitting the store: an advisory lock on PostgreSQL, sole leader on SQLite. */
export function leadershipFor(db: Db, options: AdvisoryLeadershipOptions): Leadership {
  return db.kind === 'postgres' ? new AdvisoryLeadership(db as PostgresDb, options) : new SoleLeadership();
}
