import type { SqliteDatabase } from '../storage/database';

/** What the outbox delivers: Teams posts in an incident thread, playbook runs, approved actions. */
export type OutboxKind = 'notify' | 'post' | 'update' | 'run' | 'execute';

/** One durable piece of work. Items in the same lane are handled one at a time, in order. */
export interface OutboxItem<P = Record<string, unknown>> {
  id: number;
  kind: OutboxKind;
  /** Ordering lane: `thread:<incidentId>` keeps a thread's posts in order behind its notification. */
  lane: string;
  idempotencyKey: string;
  payload: P;
  attempts: number;
  createdAt: string;
}

export interface NewOutboxItem {
  kind: OutboxKind;
  lane: string;
  /** Enqueuing the same key twice is a no-op: retries and replays never double a post. */
  idempotencyKey: string;
  payload: Record<string, unknown>;
  notBefore?: Date;
}

interface Row {
  id: number;
  kind: OutboxKind;
  lane: string;
  idempotency_key: string;
  payload: string;
  attempts: number;
  created_at: string;
}

/** The lane for an incident's Teams thread. */
export function threadLane(incidentId: string): string {
  return `thread:${incidentId}`;
}

/**
 * The durable outbox table. Enqueue inside the same transaction as the state change that
 * causes it (better-sqlite3 nests transactions as savepoints), so nothing is half-stored.
 */
export class IncidentOutbox {
  constructor(private readonly db: SqliteDatabase) {}

  /** Adds an item unless one with the same idempotency key exists; true when added. */
  enqueue(item: NewOutboxItem): boolean {
    const now = new Date().toISOString();
    const info = this.db
      .prepare(
        `INSERT OR IGNORE INTO incident_outbox (kind, lane, idempotency_key, payload, status, attempts, not_before, created_at, updated_at)
         VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?)`,
      )
      .run(item.kind, item.lane, item.idempotencyKey, JSON.stringify(item.payload), (item.notBefore ?? new Date(0)).toISOString(), now, now);
    return info.changes === 1;
  }

  /** Items due now whose lane has nothing older still open, oldest first. */
  due(limit: number, excludeLanes: ReadonlySet<string>, now = new Date()): OutboxItem[] {
    const rows = this.db
      .prepare(
        `SELECT o.* FROM incident_outbox o
         WHERE o.status = 'pending' AND o.not_before <= ?
           AND NOT EXISTS (SELECT 1 FROM incident_outbox p WHERE p.lane = o.lane AND p.status = 'pending' AND p.id < o.id)
         ORDER BY o.id LIMIT ?`,
      )
      .all(now.toISOString(), limit + excludeLanes.size) as Row[];
    return rows
      .filter((r) => !excludeLanes.has(r.lane))
      .slice(0, limit)
      .map((r) => ({ id: r.id, kind: r.kind, lane: r.lane, idempotencyKey: r.idempotency_key, payload: JSON.parse(r.payload) as Record<string, unknown>, attempts: r.attempts, createdAt: r.created_at }));
  }

  /** Records an attempt before the side effect, so a crash mid-call is visible on restart. */
  markAttempt(id: number): void {
    this.db.prepare(`UPDATE incident_outbox SET attempts = attempts + 1, updated_at = ? WHERE id = ?`).run(new Date().toISOString(), id);
  }

  markDone(id: number, result?: unknown): void {
    this.db
      .prepare(`UPDATE incident_outbox SET status = 'done', result = ?, last_error = NULL, updated_at = ? WHERE id = ?`)
      .run(result === undefined ? null : JSON.stringify(result), new Date().toISOString(), id);
  }

  /** Puts the item back for a later try. */
  retryAt(id: number, notBefore: Date, error: string): void {
    this.db
      .prepare(`UPDATE incident_outbox SET not_before = ?, last_error = ?, updated_at = ? WHERE id = ?`)
      .run(notBefore.toISOString(), error, new Date().toISOString(), id);
  }

  /** Gives up on an item; it stays in the table with its error, for the operator. */
  markFailed(id: number, error: string): void {
    this.db.prepare(`UPDATE incident_outbox SET status = 'failed', last_error = ?, updated_at = ? WHERE id = ?`).run(error, new Date().toISOString(), id);
  }

  /** True while the lane has an item still pending. */
  hasPending(lane: string): boolean {
    return Boolean(this.db.prepare(`SELECT 1 FROM incident_outbox WHERE lane = ? AND status = 'pending' LIMIT 1`).get(lane));
  }

  /** Counts by status, for health and tests. */
  counts(): Record<string, number> {
    const rows = this.db.prepare(`SELECT status, COUNT(*) AS n FROM incident_outbox GROUP BY status`).all() as { status: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /** When the next pending item becomes due (undefined when none is pending). */
  nextDue(): Date | undefined {
    const row = this.db.prepare(`SELECT MIN(not_before) AS t FROM incident_outbox WHERE status = 'pending'`).get() as { t: string | null };
    return row.t ? new Date(row.t) : undefined;
  }
}

/** A handler's verdict on an item it could not finish. */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly afterMs: number,
    /** Retries that do not count against the attempt limit (429, 5xx, no channel yet). */
    readonly free = false,
    /** Wait longer after each consecutive failure (outages), at least `afterMs`. */
    readonly backoff = false,
  ) {
    super(message);
    this.name = 'RetryLater';
  }
}

export type OutboxHandler = (item: OutboxItem) => Promise<unknown>;

export interface OutboxWorkerOptions {
  concurrency?: number;
  maxAttempts?: number;
  /** How often to look for due items when nothing woke the worker. */
  idleMs?: number;
  /** Longest wait between two tries of an item that keeps failing (default 30 s). */
  maxBackoffMs?: number;
  onError?: (item: OutboxItem, err: Error, final: boolean) => void;
  /** Storage trouble (a lock held by another process): the worker waits and tries again. */
  onStorageError?: (err: Error) => void;
}

/** SQLite refusing because another connection holds the lock: worth waiting for, never fatal. */
export function isLockError(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Drains the outbox: up to `concurrency` lanes at once, one item per lane at a time.
 * Survives restarts because every decision lives in the table.
 */
export class OutboxWorker {
  private readonly busyLanes = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private running = false;
  private pumping = false;
  private repump = false;

  constructor(
    private readonly outbox: IncidentOutbox,
    private readonly handlers: Record<OutboxKind, OutboxHandler>,
    private readonly options: OutboxWorkerOptions = {},
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.wake();
  }

  /** Stops taking new items and waits for the ones in flight. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight]);
  }

  /** Looks for due items now (called after each enqueue). */
  wake(): void {
    if (!this.running) return;
    if (this.pumping) {
      this.repump = true;
      return;
    }
    this.pumping = true;
    setImmediate(() => this.pump());
  }

  private pump(): void {
    let storageTrouble = false;
    try {
      do {
        this.repump = false;
        const free = (this.options.concurrency ?? 16) - this.busyLanes.size;
        if (!this.running || free <= 0) break;
        for (const item of this.outbox.due(free, this.busyLanes)) {
          this.busyLanes.add(item.lane);
          const p = this.handle(item).finally(() => {
            this.busyLanes.delete(item.lane);
            this.inFlight.delete(p);
            this.wake();
          });
          this.inFlight.add(p);
        }
      } while (this.repump);
    } catch (err) {
      // A locked database (or a full disk) must not kill the process: look again shortly.
      storageTrouble = true;
      this.options.onStorageError?.(err as Error);
    } finally {
      this.pumping = false;
    }
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    const idle = this.options.idleMs ?? 1000;
    let next: Date | undefined;
    try {
      next = storageTrouble ? undefined : this.outbox.nextDue();
    } catch (err) {
      this.options.onStorageError?.(err as Error);
    }
    const wait = next ? Math.min(idle, Math.max(5, next.getTime() - Date.now())) : idle;
    this.timer = setTimeout(() => this.wake(), wait);
    this.timer.unref();
  }

  private async handle(item: OutboxItem): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 8;
    // Recorded before the side effect, so a crash mid-call is visible on restart. If storage is
    // locked, nothing was done yet: the item stays pending and is picked up again.
    if (!(await this.store(() => this.outbox.markAttempt(item.id), 3))) return;
    let result: unknown;
    try {
      result = await this.handlers[item.kind](item);
    } catch (e) {
      const thrown = e instanceof Error ? e : new Error(String(e));
      // A lock inside a handler is the database's bad moment, not the item's: a free retry.
      const err = isLockError(thrown) ? new RetryLater(`storage is locked: ${thrown.message}`, 1000, true, true) : thrown;
      const attempts = item.attempts + 1;
      if (err instanceof RetryLater && (err.free || attempts < maxAttempts)) {
        const backoff = err.backoff ? Math.min(this.options.maxBackoffMs ?? 30_000, 500 * 2 ** Math.min(attempts - 1, 16)) : 0;
        const wait = Math.max(err.afterMs, backoff) * (err.backoff ? 0.8 + Math.random() * 0.4 : 1);
        await this.store(() => this.outbox.retryAt(item.id, new Date(Date.now() + wait), err.message));
        this.options.onError?.(item, err, false);
      } else if (!(err instanceof RetryLater) && attempts < maxAttempts) {
        const backoff = Math.min(60_000, 500 * 2 ** (attempts - 1));
        await this.store(() => this.outbox.retryAt(item.id, new Date(Date.now() + backoff), err.message));
        this.options.onError?.(item, err, false);
      } else {
        await this.store(() => this.outbox.markFailed(item.id, err.message));
        this.options.onError?.(item, err, true);
      }
      return;
    }
    // The side effect happened: recording it must not be lost to a lock, or it would be repeated.
    await this.store(() => this.outbox.markDone(item.id, result));
  }

  /**
   * Runs one storage write, waiting out lock errors (another process holding the database);
   * with `tries` it gives up after that many and answers false, otherwise it keeps trying while
   * the worker runs. Never throws out of the worker.
   */
  private async store(write: () => void, tries = Infinity): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        write();
        return true;
      } catch (err) {
        this.options.onStorageError?.(err as Error);
        if (!isLockError(err) || attempt >= tries || (!this.running && attempt >= 3)) return false;
        await sleep(Math.min(5000, 100 * 2 ** attempt));
      }
    }
  }
}
