/** The durable outbox's items and its store port (see incident.ts for what this folder may hold). */

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
  /**
   * When an earlier attempt put this item's Teams post on the wire without recording how it
   * ended (a crash, a timeout, a 5xx): the post may be in the channel already.
   */
  sendingAt?: string;
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

/** How long a claim on an item holds without renewal: what a dead instance's work waits before another takes it. */
export const DEFAULT_CLAIM_MS = 30_000;

/**
 * The durable outbox table, shared by every instance (storage/outbox.ts). Enqueue inside the
 * same transaction as the state change that causes it (`IncidentStorage.atomically`); the
 * idempotency key is unique, so an item is stored once whoever enqueues it. An instance works
 * on an item only after claiming it (claims expire, so a killed instance's items are taken
 * over), and a lane's items go one at a time, in order.
 */
export interface IncidentOutbox {
  /** Who claims: this process's instance id. */
  readonly owner: string;
  readonly claimMs: number;
  /** Adds an item unless one with the same idempotency key exists; true when added. */
  enqueue(item: NewOutboxItem): Promise<boolean>;
  /** Items due now, unclaimed, whose lane has nothing older still open: the highest priority first, then the oldest. */
  due(limit: number, excludeLanes: ReadonlySet<string>, now?: Date, excludeKinds?: readonly OutboxKind[]): Promise<OutboxItem[]>;
  /** Claims a due item for this instance and counts the attempt, before the side effect. False when another instance claimed it first. */
  claim(id: number, now?: Date): Promise<boolean>;
  /** Keeps this instance's claims alive while their handlers run. */
  renewClaims(ids: readonly number[], now?: Date): Promise<void>;
  /** Drops every claim (on the embedded database, claims left behind are a dead process's). */
  releaseAllClaims(): Promise<void>;
  markDone(id: number, result?: unknown): Promise<void>;
  /** Records, before a send, that it is going on the wire (`at`), or clears that mark once the send certainly did not go out (null). */
  markSending(id: number, at: Date | null): Promise<void>;
  /** Puts the item back for a later try. */
  retryAt(id: number, notBefore: Date, error: string): Promise<void>;
  /** Gives up on an item; it stays in the table with its error, for the operator. */
  markFailed(id: number, error: string): Promise<void>;
  /** How many items of a kind are still pending. */
  pendingCount(kind: OutboxKind): Promise<number>;
  /** Moves a pending item ahead of the others; false when it is not pending. */
  prioritize(idempotencyKey: string, priority: number): Promise<boolean>;
  /** True while the lane has an item still pending. */
  hasPending(lane: string): Promise<boolean>;
  /** Counts by status, for health and tests. */
  counts(): Promise<Record<string, number>>;
  /** When the next pending item becomes due (undefined when none is pending). */
  nextDue(): Promise<Date | undefined>;
}
