import { isRetryableConflict, outsideTransaction, type Db } from '../storage/database';

/** What the outbox delivers: Teams posts in an incident thread, playbook runs, approved actions. */
export type OutboxKind = 'notify' | 'post' | 'update' | 'run' | 'execute' | 'digest';

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
  /** Higher goes first among due items (a burst digest, threads needing a decision); default 0. */
  priority?: number;
}

/** The lane for an incident's Teams thread. */
export function threadLane(incidentId: string): string {
  return `thread:${incidentId}`;
}

/** How long a claim on an item holds without renewal: what a dead instance's work waits before another takes it. */
export const DEFAULT_CLAIM_MS = 30_000;

/**
 * The durable outbox table, shared by every instance. Enqueue inside the same transaction as
 * the state change that causes it (`Db.atomically`), so nothing is half-stored; the
 * idempotency key is a unique constraint, so an item is stored once whoever enqueues it. An
 * instance works on an item only after claiming it with one conditional UPDATE (claims expire,
 * so a killed instance's items are taken over), and a lane's items go one at a time, in order.
 */
export class IncidentOutbox {
  constructor(
    private readonly db: Db,
    /** Who claims: this process's instance id. */
    readonly owner = 'local',
    readonly claimMs = DEFAULT_CLAIM_MS,
  ) {}

  /** Adds an item unless one with the same idempotency key exists; true when added. */
  async enqueue(item: NewOutboxItem): Promise<boolean> {
    const now = new Date().toISOString();
    const info = await this.db
      .q()
      .insertInto('incident_outbox')
      .values({
        kind: item.kind,
        lane: item.lane,
        idempotency_key: item.idempotencyKey,
        payload: JSON.stringify(item.payload),
        status: 'pending',
        attempts: 0,
        not_before: (item.notBefore ?? new Date(0)).toISOString(),
        priority: item.priority ?? 0,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .executeTakeFirst();
    return Number(info.numInsertedOrUpdatedRows ?? 0n) === 1;
  }

  /** Items due now, unclaimed, whose lane has nothing older still open: the highest priority first, then the oldest. */
  async due(limit: number, excludeLanes: ReadonlySet<string>, now = new Date(), excludeKinds: readonly OutboxKind[] = []): Promise<OutboxItem[]> {
    const at = now.toISOString();
    let query = this.db
      .q()
      .selectFrom('incident_outbox as o')
      .selectAll('o')
      .where('o.status', '=', 'pending')
      .where('o.not_before', '<=', at)
      .where((eb) => eb.or([eb('o.claimed_until', 'is', null), eb('o.claimed_until', '<', at)]))
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('incident_outbox as p').select('p.id').whereRef('p.lane', '=', 'o.lane').where('p.status', '=', 'pending').whereRef('p.id', '<', 'o.id'))),
      )
      .orderBy('o.priority', 'desc')
      .orderBy('o.id')
      .limit(limit + excludeLanes.size);
    if (excludeKinds.length > 0) query = query.where('o.kind', 'not in', [...excludeKinds]);
    const rows = await query.execute();
    return rows
      .filter((r) => !excludeLanes.has(r.lane))
      .slice(0, limit)
      .map((r) => ({ id: Number(r.id), kind: r.kind as OutboxKind, lane: r.lane, idempotencyKey: r.idempotency_key, payload: JSON.parse(r.payload) as Record<string, unknown>, attempts: Number(r.attempts), createdAt: r.created_at }));
  }

  /**
   * Claims a due item for this instance and counts the attempt, before the side effect (a
   * crash mid-call is visible afterwards). False when another instance claimed it first.
   */
  async claim(id: number, now = new Date()): Promise<boolean> {
    const at = now.toISOString();
    const info = await this.db
      .q()
      .updateTable('incident_outbox')
      .set((eb) => ({ claimed_by: this.owner, claimed_until: new Date(now.getTime() + this.claimMs).toISOString(), attempts: eb('attempts', '+', 1), updated_at: at }))
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
      .executeTakeFirst();
    return Number(info.numUpdatedRows) === 1;
  }

  /** Keeps this instance's claims alive while their handlers run (a playbook run takes minutes). */
  async renewClaims(ids: readonly number[], now = new Date()): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .q()
      .updateTable('incident_outbox')
      .set({ claimed_until: new Date(now.getTime() + this.claimMs).toISOString() })
      .where('id', 'in', [...ids])
      .where('claimed_by', '=', this.owner)
      .where('status', '=', 'pending')
      .execute();
  }

  /** Drops every claim: on the embedded database this process is the only worker, so claims left behind are a dead process's. */
  async releaseAllClaims(): Promise<void> {
    await this.db.q().updateTable('incident_outbox').set({ claimed_by: null, claimed_until: null }).where('claimed_by', 'is not', null).execute();
  }

  /** Counts an attempt without a claim (kept for callers that handle an item by hand). */
  async markAttempt(id: number): Promise<void> {
    await this.db.q().updateTable('incident_outbox').set((eb) => ({ attempts: eb('attempts', '+', 1), updated_at: new Date().toISOString() })).where('id', '=', id).execute();
  }

  async markDone(id: number, result?: unknown): Promise<void> {
    await this.db
      .q()
      .updateTable('incident_outbox')
      .set({ status: 'done', result: result === undefined ? null : JSON.stringify(result), last_error: null, claimed_by: null, claimed_until: null, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
  }

  /** Puts the item back for a later try. */
  async retryAt(id: number, notBefore: Date, error: string): Promise<void> {
    await this.db
      .q()
      .updateTable('incident_outbox')
      .set({ not_before: notBefore.toISOString(), last_error: error, claimed_by: null, claimed_until: null, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
  }

  /** Gives up on an item; it stays in the table with its error, for the operator. */
  async markFailed(id: number, error: string): Promise<void> {
    await this.db
      .q()
      .updateTable('incident_outbox')
      .set({ status: 'failed', last_error: error, claimed_by: null, claimed_until: null, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
  }

  /** How many items of a kind are still pending (a burst's notifications waiting for the channel). */
  async pendingCount(kind: OutboxKind): Promise<number> {
    const row = await this.db.q().selectFrom('incident_outbox').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', kind).where('status', '=', 'pending').executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Moves a pending item ahead of the others (an analyst asked for that thread now); false when it is not pending. */
  async prioritize(idempotencyKey: string, priority: number): Promise<boolean> {
    const info = await this.db.q().updateTable('incident_outbox').set({ priority }).where('idempotency_key', '=', idempotencyKey).where('status', '=', 'pending').executeTakeFirst();
    return Number(info.numUpdatedRows) === 1;
  }

  /** True while the lane has an item still pending. */
  async hasPending(lane: string): Promise<boolean> {
    const row = await this.db.q().selectFrom('incident_outbox').select('id').where('lane', '=', lane).where('status', '=', 'pending').limit(1).executeTakeFirst();
    return Boolean(row);
  }

  /** Counts by status, for health and tests. */
  async counts(): Promise<Record<string, number>> {
    const rows = await this.db.q().selectFrom('incident_outbox').select((eb) => ['status', eb.fn.countAll().as('n')]).groupBy('status').execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  /** When the next pending item becomes due (undefined when none is pending). */
  async nextDue(): Promise<Date | undefined> {
    const row = await this.db.q().selectFrom('incident_outbox').select((eb) => eb.fn.min('not_before').as('t')).where('status', '=', 'pending').executeTakeFirst();
    return row?.t ? new Date(row.t) : undefined;
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
  /**
   * At most this many items of a kind at once. New threads in one channel go out a few a
   * second whatever the concurrency, so more notifications in flight would only queue in the
   * pacer ahead of a burst digest, an approval card or an approved action.
   */
  kindLimits?: Partial<Record<OutboxKind, number>>;
  /** Storage trouble (a lock held by another process): the worker waits and tries again. */
  onStorageError?: (err: Error) => void;
}

/** SQLite refusing because another connection holds the lock (or PostgreSQL choosing a deadlock victim): worth waiting for, never fatal. */
export function isLockError(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || isRetryableConflict(err) || code === '55P03';
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Drains the outbox: up to `concurrency` lanes at once, one item per lane at a time, each item
 * claimed in the database first so several instances share the work without doing any twice.
 * Survives restarts and kills because every decision lives in the table.
 */
export class OutboxWorker {
  private readonly busyLanes = new Set<string>();
  private readonly claimed = new Set<number>();
  private readonly busyKinds = new Map<OutboxKind, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private timer?: NodeJS.Timeout;
  private heartbeat?: NodeJS.Timeout;
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
    outsideTransaction(() => {
      this.heartbeat = setInterval(() => {
        this.outbox.renewClaims([...this.claimed]).catch((err: Error) => this.options.onStorageError?.(err));
      }, Math.max(250, Math.floor(this.outbox.claimMs / 3)));
      this.heartbeat.unref();
    });
    this.wake();
  }

  /** Stops taking new items and waits for the ones in flight. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    if (this.heartbeat) clearInterval(this.heartbeat);
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
    // Never inside the caller's transaction: the pump outlives it.
    outsideTransaction(() => setImmediate(() => void this.pump()));
  }

  private async pump(): Promise<void> {
    let storageTrouble = false;
    try {
      do {
        this.repump = false;
        const free = (this.options.concurrency ?? 16) - this.busyLanes.size;
        if (!this.running || free <= 0) break;
        const limits = this.options.kindLimits ?? {};
        const full = (kind: OutboxKind): boolean => (this.busyKinds.get(kind) ?? 0) >= (limits[kind] ?? Infinity);
        const fullKinds = (Object.keys(limits) as OutboxKind[]).filter(full);
        for (const item of await this.outbox.due(free, this.busyLanes, new Date(), fullKinds)) {
          if (!this.running || this.busyLanes.has(item.lane) || full(item.kind)) continue;
          this.busyLanes.add(item.lane);
          this.busyKinds.set(item.kind, (this.busyKinds.get(item.kind) ?? 0) + 1);
          let mine = false;
          try {
            // Recorded before the side effect; another instance may have taken it meanwhile.
            mine = await this.outbox.claim(item.id);
          } finally {
            if (!mine) {
              this.busyLanes.delete(item.lane);
              this.busyKinds.set(item.kind, (this.busyKinds.get(item.kind) ?? 1) - 1);
            }
          }
          if (!mine) continue;
          this.claimed.add(item.id);
          const p = this.handle(item).finally(() => {
            this.busyKinds.set(item.kind, (this.busyKinds.get(item.kind) ?? 1) - 1);
            this.claimed.delete(item.id);
            this.busyLanes.delete(item.lane);
            this.inFlight.delete(p);
            this.wake();
          });
          this.inFlight.add(p);
        }
      } while (this.repump);
    } catch (err) {
      // A locked database (or a full disk, or a lost server) must not kill the process: look again shortly.
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
      next = storageTrouble ? undefined : await this.outbox.nextDue();
    } catch (err) {
      this.options.onStorageError?.(err as Error);
    }
    if (!this.running) return;
    const wait = next ? Math.min(idle, Math.max(5, next.getTime() - Date.now())) : idle;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.wake(), wait);
    this.timer.unref();
  }

  private async handle(item: OutboxItem): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 8;
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
  private async store(write: () => Promise<void>, tries = Infinity): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await write();
        return true;
      } catch (err) {
        this.options.onStorageError?.(err as Error);
        if (!isLockError(err) || attempt >= tries || (!this.running && attempt >= 3)) return false;
        await sleep(Math.min(5000, 100 * 2 ** attempt));
      }
    }
  }
}
