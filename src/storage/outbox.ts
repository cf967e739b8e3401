import { DEFAULT_CLAIM_MS, type IncidentOutbox, type NewOutboxItem, type OutboxItem, type OutboxKind } from '../records/outbox';
import { isRetryableConflict, type Db } from './database';

/**
 * The durable outbox table, shared by every instance. Enqueue inside the same transaction as
 * the state change that causes it (`Db.atomically`), so nothing is half-stored; the
 * idempotency key is a unique constraint, so an item is stored once whoever enqueues it. An
 * instance works on an item only after claiming it with one conditional UPDATE (claims expire,
 * so a killed instance's items are taken over), and a lane's items go one at a time, in order.
 */
export class SqlIncidentOutbox implements IncidentOutbox {
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
      .map((r) => ({ id: Number(r.id), kind: r.kind as OutboxKind, lane: r.lane, idempotencyKey: r.idempotency_key, payload: JSON.parse(r.payload) as Record<string, unknown>, attempts: Number(r.attempts), createdAt: r.created_at, sendingAt: r.sending_at ?? undefined }));
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

  async markDone(id: number, result?: unknown): Promise<void> {
    await this.db
      .q()
      .updateTable('incident_outbox')
      .set({ status: 'done', result: result === undefined ? null : JSON.stringify(result), last_error: null, claimed_by: null, claimed_until: null, updated_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
  }

  /** Records that a send is going on the wire (committed before the call), or clears the mark when it certainly did not go out. */
  async markSending(id: number, at: Date | null): Promise<void> {
    await this.db.q().updateTable('incident_outbox').set({ sending_at: at ? at.toISOString() : null }).where('id', '=', id).execute();
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

/** SQLite refusing because another connection holds the lock (or PostgreSQL choosing a deadlock victim): worth waiting for, never fatal. */
export function isLockError(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || isRetryableConflict(err) || code === '55P03';
}

