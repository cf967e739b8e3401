import { AppError } from '../errors';
import type { IncidentOutbox, OutboxItem, OutboxKind } from '../records/outbox';
import type { IncidentStorage } from '../records/storage';

export type { IncidentOutbox, NewOutboxItem, OutboxItem, OutboxKind } from '../records/outbox';

/** The lane for an incident's Teams thread. */
export function threadLane(incidentId: string): string {
  return `thread:${incidentId}`;
}

/**
 * A handler's verdict on an item it could not finish. `message` is the reason the outbox
 * records (`last_error`) and logs; an analyst who meets one sees only that Rampart will retry.
 */
export class RetryLater extends AppError {
  constructor(
    reason: string,
    readonly afterMs: number,
    /** Retries that do not count against the attempt limit (429, 5xx, no channel yet). */
    readonly free = false,
    /** Wait longer after each consecutive failure (outages), at least `afterMs`. */
    readonly backoff = false,
    /** The other side answered without acting on it (throttled, not installed, refused the connection): nothing went out. */
    readonly notSent = false,
  ) {
    super('RetryLater', 'Rampart could not finish this yet; it tries again by itself shortly.', { httpStatus: 503, detail: reason });
    this.message = reason;
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

  private readonly outbox: IncidentOutbox;

  constructor(
    private readonly storage: Pick<IncidentStorage, 'outbox' | 'outsideTransaction' | 'isLockError'>,
    private readonly handlers: Record<OutboxKind, OutboxHandler>,
    private readonly options: OutboxWorkerOptions = {},
  ) {
    this.outbox = storage.outbox;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.storage.outsideTransaction(() => {
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
    this.storage.outsideTransaction(() => setImmediate(() => void this.pump()));
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
      const err = this.storage.isLockError(thrown) ? new RetryLater(`storage is locked: ${thrown.message}`, 1000, true, true) : thrown;
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
        if (!this.storage.isLockError(err) || attempt >= tries || (!this.running && attempt >= 3)) return false;
        await sleep(Math.min(5000, 100 * 2 ** attempt));
      }
    }
  }
}
