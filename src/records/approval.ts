/** Action approvals and their store port (see incident.ts for what this folder may hold). */

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

/** A write call exactly as a playbook deferred it (the event protocol's `request`). */
export interface DeferredRequest {
  api: string;
  method: string;
  path: string;
  body?: unknown;
}

/** One destructive action waiting for (or past) a human decision. */
export interface ActionApproval {
  id: string;
  incidentId: string;
  runId?: string;
  playbookId?: string;
  playbookVersion?: number;
  /** The action name (docs/ARCHITECTURE.md, "Contracts"): isolate, unisolate, ... */
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

/** The outcome of sending / polling, as `ActionApprovalStore.update` records it. */
export interface ApprovalOutcome {
  status?: ApprovalStatus;
  machineActionId?: string;
  machineActionStatus?: string;
  error?: string | null;
  cardActivityId?: string;
}

/**
 * The durable record of action approvals (storage/actionApprovals.ts); every state change is
 * one conditional update, so two instances cannot both make it.
 */
export interface ActionApprovalStore {
  /** Stores the request once; returns it and whether this call created it. */
  create(input: NewActionApproval): Promise<{ approval: ActionApproval; created: boolean }>;
  get(id: string): Promise<ActionApproval | undefined>;
  forIncident(incidentId: string): Promise<ActionApproval[]>;
  /** The evidence of every approval on an incident (VirusTotal verdicts the playbooks found). */
  evidenceFor(incidentId: string): Promise<Record<string, unknown>[]>;
  /** The newest pending approval of this action on this device (a second Isolate click reuses the first). */
  openFor(incidentId: string, action: string, machineId: string): Promise<ActionApproval | undefined>;
  /** pending -> approved/denied, exactly once; false when someone else decided first or it expired. */
  decide(id: string, decision: 'approved' | 'denied', by: ApprovalPerson, now?: Date): Promise<boolean>;
  /** Marks every pending approval past its expiry as expired; returns the ones this call expired. */
  expireDue(now?: Date): Promise<ActionApproval[]>;
  /**
   * approved -> sending, committed before the API call: after a crash, `sending` means "the
   * call may have gone out; look it up before sending again".
   */
  markSending(id: string): Promise<boolean>;
  /**
   * failed -> sending after a person clicked Retry: `sending`, so whatever an earlier attempt
   * may have done in Defender is looked up before anything is sent again; the retry window
   * starts anew. False when it is not failed (someone else clicked first).
   */
  reopenForRetry(id: string, now?: Date): Promise<boolean>;
  /**
   * Marks one send attempt as on the wire or, with `answered`, as answered by the API: only an
   * attempt without an answer needs time to land before a look-up.
   */
  markAttempt(id: string, answered?: boolean): Promise<void>;
  /** Approvals whose action was approved but not finished: what a restart must resume. */
  inFlight(): Promise<ActionApproval[]>;
  /** Fills in what a machine lookup told about the target (last seen, OS, risk); the rest is untouched. */
  completeTarget(id: string, details: Partial<ActionTarget>): Promise<void>;
  /** Records the outcome of sending / polling. */
  update(id: string, patch: ApprovalOutcome): Promise<void>;
}
