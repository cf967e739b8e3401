import crypto from 'node:crypto';
import type { Selectable, Updateable } from 'kysely';
import type { ActionApproval, ActionApprovalStore, ActionTarget, ApprovalOutcome, ApprovalPerson, ApprovalStatus, DeferredRequest, NewActionApproval } from '../records/approval';
import type { Db } from './database';
import type { ActionApprovalsTable } from './schema';

/** A row as the query builder returns it (the table's shape in schema.ts). */
type Row = Selectable<ActionApprovalsTable>;

function toApproval(r: Row): ActionApproval {
  return {
    id: r.id,
    incidentId: r.incident_id,
    runId: r.run_id ?? undefined,
    playbookId: r.playbook_id ?? undefined,
    playbookVersion: r.playbook_version ?? undefined,
    action: r.action,
    target: JSON.parse(r.target) as ActionTarget,
    evidence: JSON.parse(r.evidence) as Record<string, unknown>,
    request: JSON.parse(r.request) as DeferredRequest,
    requestedBy: r.requested_by_id ? { id: r.requested_by_id, name: r.requested_by_name ?? r.requested_by_id } : undefined,
    status: r.status as ApprovalStatus,
    decidedBy: r.decided_by_id ? { id: r.decided_by_id, name: r.decided_by_name ?? r.decided_by_id } : undefined,
    decidedAt: r.decided_at ?? undefined,
    expiresAt: r.expires_at,
    cardActivityId: r.card_activity_id ?? undefined,
    sendingAt: r.sending_at ?? undefined,
    sendStartedAt: r.send_started_at ?? undefined,
    retries: r.retries ?? 0,
    machineActionId: r.machine_action_id ?? undefined,
    machineActionStatus: r.machine_action_status ?? undefined,
    error: r.error ?? undefined,
    createdAt: r.created_at,
  };
}

/** A short, stable approval id from its idempotency key (it also travels in the Defender comment). */
export function approvalIdFor(idempotencyKey: string): string {
  return `apr-${crypto.createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 16)}`;
}

/** The durable record of action approvals; every state change is one conditional UPDATE, so two instances cannot both make it. */
export class SqlActionApprovalStore implements ActionApprovalStore {
  constructor(private readonly db: Db) {}

  /** Stores the request once; returns it and whether this call created it. */
  async create(input: NewActionApproval): Promise<{ approval: ActionApproval; created: boolean }> {
    const id = approvalIdFor(input.idempotencyKey);
    const now = new Date().toISOString();
    const info = await this.db
      .q()
      .insertInto('action_approvals')
      .values({
        id,
        incident_id: input.incidentId,
        run_id: input.runId ?? null,
        playbook_id: input.playbookId ?? null,
        playbook_version: input.playbookVersion ?? null,
        action: input.action,
        target: JSON.stringify(input.target),
        evidence: JSON.stringify(input.evidence),
        request: JSON.stringify(input.request),
        requested_by_id: input.requestedBy?.id ?? null,
        requested_by_name: input.requestedBy?.name ?? null,
        status: 'pending',
        expires_at: input.expiresAt.toISOString(),
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    return { approval: (await this.get(id))!, created: Number(info.numInsertedOrUpdatedRows ?? 0n) === 1 };
  }

  async get(id: string): Promise<ActionApproval | undefined> {
    const row = await this.db.q().selectFrom('action_approvals').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toApproval(row) : undefined;
  }

  async forIncident(incidentId: string): Promise<ActionApproval[]> {
    const rows = await this.db.q().selectFrom('action_approvals').selectAll().where('incident_id', '=', incidentId).orderBy('created_at').execute();
    return rows.map((r) => toApproval(r));
  }

  /** The evidence of every approval on an incident (VirusTotal verdicts the playbooks found). */
  async evidenceFor(incidentId: string): Promise<Record<string, unknown>[]> {
    const rows = await this.db.q().selectFrom('action_approvals').select('evidence').where('incident_id', '=', incidentId).execute();
    return rows.map((r) => JSON.parse(r.evidence) as Record<string, unknown>);
  }

  /** Pending approvals for the same action on the same device (a second Isolate click reuses the first). */
  async openFor(incidentId: string, action: string, machineId: string): Promise<ActionApproval | undefined> {
    const rows = await this.db
      .q()
      .selectFrom('action_approvals')
      .selectAll()
      .where('incident_id', '=', incidentId)
      .where('action', '=', action)
      .where('status', '=', 'pending')
      .orderBy('created_at', 'desc')
      .execute();
    return rows.map((r) => toApproval(r)).find((a) => a.target.machineId === machineId);
  }

  /** pending -> approved/denied, exactly once; false when someone else decided first or it expired. */
  async decide(id: string, decision: 'approved' | 'denied', by: ApprovalPerson, now = new Date()): Promise<boolean> {
    const at = now.toISOString();
    const info = await this.db
      .q()
      .updateTable('action_approvals')
      .set({ status: decision, decided_by_id: by.id, decided_by_name: by.name, decided_at: at, updated_at: at })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('expires_at', '>', at)
      .executeTakeFirst();
    return Number(info.numUpdatedRows) === 1;
  }

  /** Marks every pending approval past its expiry as expired; returns the ones this call expired. */
  async expireDue(now = new Date()): Promise<ActionApproval[]> {
    const at = now.toISOString();
    const due = await this.db.q().selectFrom('action_approvals').selectAll().where('status', '=', 'pending').where('expires_at', '<=', at).execute();
    const expired: ActionApproval[] = [];
    for (const r of due) {
      const info = await this.db.q().updateTable('action_approvals').set({ status: 'expired', updated_at: at }).where('id', '=', r.id).where('status', '=', 'pending').executeTakeFirst();
      if (Number(info.numUpdatedRows) === 1) expired.push(toApproval({ ...r, status: 'expired' }));
    }
    return expired;
  }

  /**
   * approved -> sending, committed before the API call: after a crash, `sending` means "the
   * call may have gone out; look it up before sending again".
   */
  async markSending(id: string): Promise<boolean> {
    const now = new Date().toISOString();
    const info = await this.db
      .q()
      .updateTable('action_approvals')
      .set((eb) => ({ status: 'sending', sending_at: now, send_started_at: eb.fn.coalesce(eb.ref('send_started_at'), eb.val(now)), updated_at: now }))
      .where('id', '=', id)
      .where('status', '=', 'approved')
      .executeTakeFirst();
    return Number(info.numUpdatedRows) === 1;
  }

  /**
   * failed -> sending after a person clicked Retry: `sending`, so whatever an earlier attempt
   * may have done in Defender is looked up before anything is sent again; the retry window
   * starts anew. False when it is not failed (someone else clicked first).
   */
  async reopenForRetry(id: string, now = new Date()): Promise<boolean> {
    const at = now.toISOString();
    const info = await this.db
      .q()
      .updateTable('action_approvals')
      .set((eb) => ({ status: 'sending', send_started_at: at, retries: eb('retries', '+', 1), error: null, updated_at: at }))
      .where('id', '=', id)
      .where('status', '=', 'failed')
      .executeTakeFirst();
    return Number(info.numUpdatedRows) === 1;
  }

  /**
   * Marks one send attempt as on the wire (`sending_at` = now) or, with `answered`, as answered
   * by the API (cleared): only an attempt without an answer needs time to land before a look-up.
   */
  async markAttempt(id: string, answered = false): Promise<void> {
    const now = new Date().toISOString();
    await this.db.q().updateTable('action_approvals').set({ sending_at: answered ? null : now, updated_at: now }).where('id', '=', id).execute();
  }

  /** Approvals whose action was approved but not finished: what a restart must resume. */
  async inFlight(): Promise<ActionApproval[]> {
    const rows = await this.db.q().selectFrom('action_approvals').selectAll().where('status', 'in', ['approved', 'sending', 'sent']).orderBy('created_at').execute();
    return rows.map((r) => toApproval(r));
  }

  /** Fills in what a machine lookup told about the target (last seen, OS, risk); the rest is untouched. */
  async completeTarget(id: string, details: Partial<ActionTarget>): Promise<void> {
    // Read and write in one transaction, the row locked on PostgreSQL, so two lookups finishing together both land.
    await this.db.atomically(async () => {
      let read = this.db.q().selectFrom('action_approvals').select('target').where('id', '=', id);
      if (this.db.kind === 'postgres') read = read.forUpdate();
      const row = await read.executeTakeFirst();
      if (!row) return;
      const merged = JSON.parse(row.target) as ActionTarget;
      for (const [k, v] of Object.entries(details)) if (v !== undefined && v !== null && (merged[k] === undefined || merged[k] === null)) merged[k] = v;
      await this.db.q().updateTable('action_approvals').set({ target: JSON.stringify(merged), updated_at: new Date().toISOString() }).where('id', '=', id).execute();
    });
  }

  /**
   * Records the outcome of sending / polling. Only the fields given are written, in one
   * statement: a read-then-write here once put back a stale `approved` over `sending` when the
   * card's activity id was recorded while the executor started the send, and the action was
   * never sent.
   */
  async update(id: string, patch: ApprovalOutcome): Promise<void> {
    const set: Updateable<ActionApprovalsTable> = { updated_at: new Date().toISOString() };
    if (patch.status !== undefined) set.status = patch.status;
    if (patch.machineActionId !== undefined) set.machine_action_id = patch.machineActionId;
    if (patch.machineActionStatus !== undefined) set.machine_action_status = patch.machineActionStatus;
    if (patch.error !== undefined) set.error = patch.error;
    if (patch.cardActivityId !== undefined) set.card_activity_id = patch.cardActivityId;
    await this.db.q().updateTable('action_approvals').set(set).where('id', '=', id).execute();
  }

}
