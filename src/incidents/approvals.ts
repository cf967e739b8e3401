import crypto from 'node:crypto';
import type { SqliteDatabase } from '../storage/database';
import type { DeferredRequest } from './ports';

export type ApprovalStatus = 'pending' | 'approved' | 'denied' | 'expired' | 'sending' | 'sent' | 'succeeded' | 'failed';

/** A person as an approval records them. */
export interface ApprovalPerson {
  id: string;
  name: string;
  aadObjectId?: string;
  upn?: string;
  /** Roles in the channel's team, read for this click (approval rules by team role). */
  teamRoles?: string[];
}

/** The exact target of a destructive action, as the approval card names it. */
export interface ActionTarget {
  machineId?: string;
  deviceName?: string;
  osPlatform?: string;
  lastSeen?: string;
  riskScore?: string;
  healthStatus?: string;
  user?: string;
  indicatorValue?: string;
  indicatorType?: string;
  [key: string]: unknown;
}

/** One destructive action waiting for (or past) a human decision. */
export interface ActionApproval {
  id: string;
  incidentId: string;
  runId?: string;
  playbookId?: string;
  playbookVersion?: number;
  /** The action name as in DESIGN.md section 5: isolate, unisolate, ... */
  action: string;
  target: ActionTarget;
  /** Which alert, which IOC, which verdict. */
  evidence: Record<string, unknown>;
  request: DeferredRequest;
  requestedBy?: ApprovalPerson;
  status: ApprovalStatus;
  decidedBy?: ApprovalPerson;
  decidedAt?: string;
  expiresAt: string;
  cardActivityId?: string;
  sendingAt?: string;
  /** When Rampart started trying to send (or a person clicked Retry): the retry window counts from here. */
  sendStartedAt?: string;
  /** How many times a person clicked Retry after a failure. */
  retries: number;
  machineActionId?: string;
  machineActionStatus?: string;
  error?: string;
  createdAt: string;
}

/** What a new approval request carries; the store adds id, status and timestamps. */
export interface NewActionApproval
  extends Pick<ActionApproval, 'incidentId' | 'runId' | 'playbookId' | 'playbookVersion' | 'action' | 'target' | 'evidence' | 'request' | 'requestedBy'> {
  /** Stable across replays (a re-run playbook, a second click on Isolate) so a request is stored once. */
  idempotencyKey: string;
  expiresAt: Date;
}

interface Row {
  id: string;
  incident_id: string;
  run_id: string | null;
  playbook_id: string | null;
  playbook_version: number | null;
  action: string;
  target: string;
  evidence: string;
  request: string;
  requested_by_id: string | null;
  requested_by_name: string | null;
  status: ApprovalStatus;
  decided_by_id: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  expires_at: string;
  card_activity_id: string | null;
  sending_at: string | null;
  send_started_at: string | null;
  retries: number;
  machine_action_id: string | null;
  machine_action_status: string | null;
  error: string | null;
  created_at: string;
}

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
    status: r.status,
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

/** The durable record of action approvals; every state change is one conditional UPDATE. */
export class ActionApprovalStore {
  constructor(private readonly db: SqliteDatabase) {}

  /** Stores the request once; returns it and whether this call created it. */
  create(input: NewActionApproval): { approval: ActionApproval; created: boolean } {
    const id = approvalIdFor(input.idempotencyKey);
    const now = new Date().toISOString();
    const info = this.db
      .prepare(
        `INSERT OR IGNORE INTO action_approvals (id, incident_id, run_id, playbook_id, playbook_version, action, target, evidence, request,
           requested_by_id, requested_by_name, status, expires_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
      )
      .run(
        id,
        input.incidentId,
        input.runId ?? null,
        input.playbookId ?? null,
        input.playbookVersion ?? null,
        input.action,
        JSON.stringify(input.target),
        JSON.stringify(input.evidence),
        JSON.stringify(input.request),
        input.requestedBy?.id ?? null,
        input.requestedBy?.name ?? null,
        input.expiresAt.toISOString(),
        now,
        now,
      );
    return { approval: this.get(id)!, created: info.changes === 1 };
  }

  get(id: string): ActionApproval | undefined {
    const row = this.db.prepare('SELECT * FROM action_approvals WHERE id = ?').get(id) as Row | undefined;
    return row ? toApproval(row) : undefined;
  }

  forIncident(incidentId: string): ActionApproval[] {
    return (this.db.prepare('SELECT * FROM action_approvals WHERE incident_id = ? ORDER BY created_at').all(incidentId) as Row[]).map(toApproval);
  }

  /** The evidence of every approval on an incident (VirusTotal verdicts the playbooks found). */
  evidenceFor(incidentId: string): Record<string, unknown>[] {
    return (this.db.prepare('SELECT evidence FROM action_approvals WHERE incident_id = ?').all(incidentId) as { evidence: string }[]).map((r) => JSON.parse(r.evidence) as Record<string, unknown>);
  }

  /** Pending approvals for the same action on the same device (a second Isolate click reuses the first). */
  openFor(incidentId: string, action: string, machineId: string): ActionApproval | undefined {
    const rows = this.db
      .prepare(`SELECT * FROM action_approvals WHERE incident_id = ? AND action = ? AND status = 'pending' ORDER BY created_at DESC`)
      .all(incidentId, action) as Row[];
    return rows.map(toApproval).find((a) => a.target.machineId === machineId);
  }

  /** pending -> approved/denied, exactly once; false when someone else decided first or it expired. */
  decide(id: string, decision: 'approved' | 'denied', by: ApprovalPerson, now = new Date()): boolean {
    const info = this.db
      .prepare(
        `UPDATE action_approvals SET status = ?, decided_by_id = ?, decided_by_name = ?, decided_at = ?, updated_at = ?
         WHERE id = ? AND status = 'pending' AND expires_at > ?`,
      )
      .run(decision, by.id, by.name, now.toISOString(), now.toISOString(), id, now.toISOString());
    return info.changes === 1;
  }

  /** Marks every pending approval past its expiry as expired; returns them. */
  expireDue(now = new Date()): ActionApproval[] {
    const due = this.db.prepare(`SELECT * FROM action_approvals WHERE status = 'pending' AND expires_at <= ?`).all(now.toISOString()) as Row[];
    const mark = this.db.prepare(`UPDATE action_approvals SET status = 'expired', updated_at = ? WHERE id = ? AND status = 'pending'`);
    return due.filter((r) => mark.run(now.toISOString(), r.id).changes === 1).map((r) => toApproval({ ...r, status: 'expired' }));
  }

  /**
   * approved -> sending, committed before the API call: after a crash, `sending` means "the
   * call may have gone out; look it up before sending again".
   */
  markSending(id: string): boolean {
    const now = new Date().toISOString();
    return (
      this.db
        .prepare(`UPDATE action_approvals SET status = 'sending', sending_at = ?, send_started_at = COALESCE(send_started_at, ?), updated_at = ? WHERE id = ? AND status = 'approved'`)
        .run(now, now, now, id).changes === 1
    );
  }

  /**
   * failed -> sending after a person clicked Retry: `sending`, so whatever an earlier attempt
   * may have done in Defender is looked up before anything is sent again; the retry window
   * starts anew. False when it is not failed (someone else clicked first).
   */
  reopenForRetry(id: string, now = new Date()): boolean {
    const at = now.toISOString();
    return (
      this.db
        .prepare(`UPDATE action_approvals SET status = 'sending', send_started_at = ?, retries = retries + 1, error = NULL, updated_at = ? WHERE id = ? AND status = 'failed'`)
        .run(at, at, id).changes === 1
    );
  }

  /**
   * Marks one send attempt as on the wire (`sending_at` = now) or, with `answered`, as answered
   * by the API (cleared): only an attempt without an answer needs time to land before a look-up.
   */
  markAttempt(id: string, answered = false): void {
    const now = new Date().toISOString();
    this.db.prepare(`UPDATE action_approvals SET sending_at = ?, updated_at = ? WHERE id = ?`).run(answered ? null : now, now, id);
  }

  /** Approvals whose action was approved but not finished: what a restart must resume. */
  inFlight(): ActionApproval[] {
    return (this.db.prepare(`SELECT * FROM action_approvals WHERE status IN ('approved', 'sending', 'sent') ORDER BY created_at`).all() as Row[]).map(toApproval);
  }

  /** Fills in what a machine lookup told about the target (last seen, OS, risk); the rest is untouched. */
  completeTarget(id: string, details: Partial<ActionTarget>): void {
    const current = this.get(id);
    if (!current) return;
    const merged: ActionTarget = { ...current.target };
    for (const [k, v] of Object.entries(details)) if (v !== undefined && v !== null && (merged[k] === undefined || merged[k] === null)) merged[k] = v;
    this.db.prepare(`UPDATE action_approvals SET target = ?, updated_at = ? WHERE id = ?`).run(JSON.stringify(merged), new Date().toISOString(), id);
  }

  /** Records the outcome of sending / polling. */
  update(id: string, patch: { status?: ApprovalStatus; machineActionId?: string; machineActionStatus?: string; error?: string | null; cardActivityId?: string }): void {
    const current = this.get(id);
    if (!current) return;
    this.db
      .prepare(
        `UPDATE action_approvals SET status = ?, machine_action_id = ?, machine_action_status = ?, error = ?, card_activity_id = ?, updated_at = ? WHERE id = ?`,
      )
      .run(
        patch.status ?? current.status,
        patch.machineActionId ?? current.machineActionId ?? null,
        patch.machineActionStatus ?? current.machineActionStatus ?? null,
        patch.error === undefined ? current.error ?? null : patch.error,
        patch.cardActivityId ?? current.cardActivityId ?? null,
        new Date().toISOString(),
        id,
      );
  }
}
