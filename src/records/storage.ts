import type { ActionApprovalStore } from './approval';
import type { IncidentStore } from './incident';
import type { IncidentOutbox } from './outbox';
import type { IncidentRunStore } from './run';

/**
 * Everything the incident pipeline keeps, as the composition root hands it over
 * (storage/incidentStorage.ts on SQLite or PostgreSQL): the four stores, one transaction
 * around several of their calls, and what the pipeline must know about the database.
 */
export interface IncidentStorage {
  incidents: IncidentStore;
  approvals: ActionApprovalStore;
  outbox: IncidentOutbox;
  runs: IncidentRunStore;
  /** Runs `fn` in one transaction (joining the caller's when there is one). */
  atomically<T>(fn: () => Promise<T>): Promise<T>;
  /** Runs `fn` outside any transaction the caller is in (timers and workers it schedules). */
  outsideTransaction<T>(fn: () => T): T;
  /** A lock held by another connection or a deadlock victim: worth waiting for, never fatal. */
  isLockError(err: unknown): boolean;
  /** True on the embedded database: this process is the only worker. */
  readonly embedded: boolean;
}

/**
 * Which instance does the work that must happen on exactly one (polling Defender);
 * storage/leadership.ts: an advisory lock on PostgreSQL, always this one on SQLite.
 */
export interface Leadership {
  /** True while this instance holds the role. */
  isLeader(): boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
}
