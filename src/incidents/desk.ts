import { runSummaryCard } from '../cards/incident';
import type { Logger } from '../logger';
import type { AuditLog } from '../storage/audit';
import type { SqliteDatabase } from '../storage/database';
import type { NewRun } from '../playbooks/library';
import { DESTRUCTIVE_ACTIONS, type PlaybookSpec } from '../playbooks/spec';
import type { ActionEvent, PlaybookEvent } from '../playbooks/runner/events';
import { ActionApprovalStore, type ActionApproval, type ActionTarget, type ApprovalPerson } from './approvals';
import { devicesOf, entitiesOf, type SecurityIncident } from './model';
import { IncidentOutbox, OutboxWorker, RetryLater, threadLane, type OutboxItem } from './outbox';
import type { ApiAnswer, DefenderGateway, MachineActionInfo, TeamsSender, ThreadMessage, ThreadReference } from './ports';
import { findEarlierSend, type EarlierSend } from './reconcile';
import { IncidentRunStore } from './runStore';
import { actionLabel, approvalMessage, notificationMessage, pastTense, statusWords, targetName, verdictsFrom } from './threadCards';
export { actionLabel, targetName } from './threadCards';
import { IncidentStore } from './store';
import { matchesTrigger } from './triggers';
import type { IocVerdicts } from './verdicts';

/** An enabled playbook version the pipeline may run (from the playbook library). */
export interface RunnablePlaybook {
  playbookId: string;
  name: string;
  version: number;
  spec: PlaybookSpec;
  code: string;
  /** Approved for unattended destructive actions. */
  unattended: boolean;
}

/** Runs one playbook live with the given actions deferred, streaming its events. */
export type PlaybookRunnerFn = (input: { code: string; incidentId: string; deferActions: string[]; onEvent: (e: PlaybookEvent) => void }) => Promise<{ status: string; reason?: string; summary?: string }>;

/** Who may decide an action approval. */
export type ApprovalRule = (person: ApprovalPerson, approval: ActionApproval) => Promise<{ allowed: true } | { allowed: false; reason: string }>;

export interface IncidentDeskOptions {
  db: SqliteDatabase;
  logger: Logger;
  audit: AuditLog;
  teams: TeamsSender;
  defender?: DefenderGateway;
  playbooks: () => Promise<RunnablePlaybook[]>;
  runPlaybook?: PlaybookRunnerFn;
  canApprove: ApprovalRule;
  portalUrl: string;
  approvalTtlMinutes: number;
  /** How long to follow a machine action before calling it timed out. */
  machineActionTimeoutMs?: number;
  machineActionPollMs?: number;
  /** Records a finished run in the playbook library's history. */
  recordRun?: (run: NewRun) => Promise<unknown>;
  /** VirusTotal verdicts for the notification card (when VT_API_KEY is configured). */
  verdicts?: IocVerdicts;
  /** How long a send cut off without an answer may still take to land before Rampart looks for it (default 40 s: the 30 s call timeout and a margin). */
  inFlightGraceMs?: number;
  /** How long an approved action is retried through Defender errors before the thread says it failed (default 15 min). */
  actionRetryWindowMs?: number;
  concurrency?: number;
}

/** What storing one incident update did. */
export interface IngestResult {
  /** False when this lastUpdateTime was already stored (a duplicate). */
  fresh: boolean;
  isNew: boolean;
  /** Playbook runs queued. */
  runs: number;
}

/** The outcome of an approve / deny click, with the card to show in place. */
export interface DecisionResult {
  outcome: 'approved' | 'denied' | 'retried' | 'not-allowed' | 'already-decided' | 'expired' | 'unknown';
  approval?: ActionApproval;
  message: string;
}

/** A device action that names a device outside the incident (a crafted card payload, a stray playbook). */
export class ForeignDeviceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForeignDeviceError';
  }
}

const TERMINAL_MACHINE_STATUSES = new Set(['Succeeded', 'Failed', 'Cancelled', 'TimeOut']);
const SYSTEM: ApprovalPerson = { id: 'rampart', name: 'Rampart' };

/** Every destructive action name: the runner defers them (and teamsMessage, posted in-thread instead). */
export const DEFERRED_ACTIONS: string[] = [...DESTRUCTIVE_ACTIONS, 'teamsMessage'];

/**
 * The responder's side of Rampart: incidents in, notifications, triggered runs, approvals and
 * approved actions out, all through one durable outbox so a crash loses and repeats nothing.
 */
export class IncidentDesk {
  readonly incidents: IncidentStore;
  readonly approvals: ActionApprovalStore;
  readonly outbox: IncidentOutbox;
  readonly runs: IncidentRunStore;
  private readonly worker: OutboxWorker;
  private expiryTimer?: NodeJS.Timeout;
  private readonly ingestQueue: { incident: SecurityIncident; source: string; resolve: (r: IngestResult) => void; reject: (e: Error) => void }[] = [];

  constructor(private readonly o: IncidentDeskOptions) {
    this.incidents = new IncidentStore(o.db);
    this.approvals = new ActionApprovalStore(o.db);
    this.outbox = new IncidentOutbox(o.db);
    this.runs = new IncidentRunStore(o.db);
    this.worker = new OutboxWorker(
      this.outbox,
      {
        notify: (item) => this.deliverNotification(item),
        post: (item) => this.deliverPost(item),
        update: (item) => this.deliverUpdate(item),
        run: (item) => this.executeRun(item),
        execute: (item) => this.executeApproved(item),
      },
      {
        concurrency: o.concurrency ?? 16,
        onStorageError: (err) => o.logger.warn({ err: err.message }, 'storage is busy; the outbox will try again'),
        onError: (item, err, final) =>
          (final ? o.logger.error.bind(o.logger) : o.logger.warn.bind(o.logger))({ kind: item.kind, lane: item.lane, err: err.message }, final ? 'outbox item failed for good' : 'outbox item will be retried'),
      },
    );
  }

  /** Starts delivering (and resumes whatever a previous process left in the outbox). */
  start(): void {
    this.recoverInterruptedActions();
    this.worker.start();
    this.expiryTimer = setInterval(() => this.expireApprovals(), 15_000);
    this.expiryTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.expiryTimer) clearInterval(this.expiryTimer);
    await this.worker.stop();
  }

  /**
   * One incident update from the poller or the webhook: stored once per lastUpdateTime, a
   * notification for a new incident (a reply for an update that matters), matching playbooks
   * queued; all in one transaction. Updates arriving together share one commit (one disk
   * sync), which is what lets the webhook take a burst; the caller hears back after it.
   */
  ingest(incident: SecurityIncident, source: string): Promise<IngestResult> {
    return new Promise((resolve, reject) => {
      this.ingestQueue.push({ incident, source, resolve, reject });
      if (this.ingestQueue.length === 1) setImmediate(() => void this.flushIngest());
    });
  }

  private async flushIngest(): Promise<void> {
    const batch = this.ingestQueue.splice(0);
    if (batch.length === 0) return;
    let playbooks: RunnablePlaybook[];
    try {
      playbooks = this.o.runPlaybook ? await this.o.playbooks() : [];
    } catch (err) {
      for (const b of batch) b.reject(err as Error);
      return;
    }
    let results: IngestResult[] | undefined;
    try {
      results = this.o.db.transaction(() => batch.map((b) => this.ingestOne(b.incident, b.source, playbooks)))();
    } catch {
      // One bad update must not cost the others: each again in its own transaction.
      for (const b of batch) {
        try {
          b.resolve(this.o.db.transaction(() => this.ingestOne(b.incident, b.source, playbooks))());
        } catch (err) {
          b.reject(err as Error);
        }
      }
    }
    if (results) batch.forEach((b, i) => b.resolve(results![i]));
    this.worker.wake();
  }

  private ingestOne(incident: SecurityIncident, source: string, playbooks: RunnablePlaybook[]): IngestResult {
    const stored = this.incidents.record(incident, source);
    if (!stored.fresh) return { fresh: false, isNew: false, runs: 0 };
    const lane = threadLane(incident.incidentId);
    if (stored.isNew) {
      this.outbox.enqueue({ kind: 'notify', lane, idempotencyKey: `notify:${incident.incidentId}`, payload: { incidentId: incident.incidentId } });
    }
    const matching = playbooks.filter((p) => matchesTrigger(p.spec.trigger, incident, stored.previous));
    if (!stored.isNew && (matching.length > 0 || changedMaterially(stored.previous, incident))) {
      this.outbox.enqueue({
        kind: 'post',
        lane,
        idempotencyKey: `update:${incident.incidentId}:${incident.lastUpdateTime}`,
        payload: { incidentId: incident.incidentId, text: `Incident updated: ${describeChange(stored.previous, incident)}.` },
      });
    }
    for (const p of matching) {
      const runId = `${incident.incidentId}:${p.playbookId}:v${p.version}:${incident.lastUpdateTime}`;
      this.outbox.enqueue({ kind: 'run', lane: `run:${runId}`, idempotencyKey: `run:${runId}`, payload: { runId, incidentId: incident.incidentId, playbookId: p.playbookId, version: p.version } });
    }
    return { fresh: true, isNew: stored.isNew, runs: matching.length };
  }

  /** Queues a reply in the incident's thread. */
  postToThread(incidentId: string, message: ThreadMessage & { remember?: { approvalId?: string; runId?: string } }, key: string): void {
    if (this.outbox.enqueue({ kind: 'post', lane: threadLane(incidentId), idempotencyKey: key, payload: { incidentId, ...message } })) this.worker.wake();
  }

  /** The notification card's data, from the stored incident and what Rampart did to its devices. */
  async notificationCard(incidentId: string, reason?: string): Promise<ThreadMessage> {
    const incident = this.incidents.get(incidentId);
    if (!incident) throw new Error(`incident ${incidentId} is not stored`);
    const verdicts = verdictsFrom(this.approvals.evidenceFor(incidentId));
    for (const [value, words] of (await this.o.verdicts?.lookUp(entitiesOf(incident).iocs)) ?? []) verdicts.set(value, `${words} on VirusTotal`);
    const playbooks = await this.o.playbooks().catch(() => []);
    return notificationMessage({ incident, approvals: this.approvals.forIncident(incidentId), verdicts, playbooks, portalUrl: this.o.portalUrl, reason });
  }

  /**
   * Asks for approval of one destructive action (from a run's deferred event or a card
   * button). Stored once per idempotency key; the approval card goes to the thread.
   */
  requestAction(input: {
    idempotencyKey: string;
    incidentId: string;
    action: string;
    target: ActionTarget;
    evidence: Record<string, unknown>;
    request: { api: string; method: string; path: string; body?: unknown };
    requestedBy?: ApprovalPerson;
    runId?: string;
    playbookId?: string;
    playbookVersion?: number;
    unattended?: boolean;
  }): ActionApproval {
    this.assertOwnDevice(input.incidentId, input.target, input.request);
    const approval = this.o.db.transaction(() => {
      const { approval, created } = this.approvals.create({ ...input, expiresAt: new Date(Date.now() + this.o.approvalTtlMinutes * 60_000) });
      if (!created) return approval;
      if (input.unattended) {
        // Approved in advance with the playbook version: no card, straight to sending.
        this.approvals.decide(approval.id, 'approved', { id: `playbook:${input.playbookId}`, name: `playbook ${input.playbookId} v${input.playbookVersion} (approved for unattended actions)` });
        this.outbox.enqueue({ kind: 'execute', lane: `action:${approval.id}`, idempotencyKey: `execute:${approval.id}`, payload: { approvalId: approval.id } });
      } else {
        this.outbox.enqueue({ kind: 'post', lane: threadLane(input.incidentId), idempotencyKey: `approval-card:${approval.id}`, payload: { incidentId: input.incidentId, approvalCard: approval.id } });
      }
      return this.approvals.get(approval.id)!;
    })();
    this.worker.wake();
    return approval;
  }

  /**
   * A device action names one of the incident's own devices, and the request goes to that same
   * device: whatever a card payload or a playbook says, nothing else can be put up for approval.
   */
  private assertOwnDevice(incidentId: string, target: ActionTarget, request: { api: string; path: string }): void {
    const onPath = request.api === 'defender' ? /^\/api\/machines\/([^/]+)\//i.exec(request.path)?.[1] : undefined;
    const named = [target.machineId, onPath === undefined ? undefined : decodeURIComponent(onPath)].filter((v): v is string => Boolean(v));
    if (named.length === 0) return;
    const incident = this.incidents.get(incidentId);
    const own = new Set(incident ? devicesOf(incident).map((d) => d.machineId).filter(Boolean) : []);
    if (new Set(named).size > 1 || !named.every((id) => own.has(id))) {
      throw new ForeignDeviceError(`Device ${named.join(' / ')} is not one of incident ${incidentId}'s devices, so Rampart does not ask to act on it.`);
    }
  }

  /**
   * The Isolate / Release buttons: one approval request per device and action while one is
   * open (a second click returns the first), naming the device as Defender knows it now.
   * `fromConversation` is where the click came from: it must be the incident's own thread.
   */
  async requestDeviceAction(incidentId: string, machineId: string, action: 'isolate' | 'unisolate', requestedBy: ApprovalPerson, fromConversation?: string): Promise<ActionApproval> {
    const incident = this.incidents.get(incidentId);
    if (!incident) throw new Error(`Incident ${incidentId} is not known to Rampart.`);
    const thread = this.incidents.thread(incidentId);
    if (fromConversation !== undefined && thread?.conversationId && fromConversation !== thread.conversationId && fromConversation.split(';messageid=')[0] !== thread.channelId) {
      throw new ForeignDeviceError(`This button does not belong to incident ${incidentId}'s thread, so nothing was requested.`);
    }
    const device = devicesOf(incident).find((d) => d.machineId === machineId);
    if (!device) throw new ForeignDeviceError(`Device ${machineId} is not one of incident ${incidentId}'s devices, so Rampart does not ask to act on it.`);
    const open = this.approvals.openFor(incidentId, action, machineId);
    if (open) return open;
    const machine = await this.o.defender?.getMachine(machineId).catch(() => undefined);
    const alerts = incident.alerts.filter((a) => (a.devices ?? []).some((d) => d.mdatpDeviceId === machineId));
    const target: ActionTarget = {
      machineId,
      deviceName: machine?.computerDnsName ?? device?.name,
      osPlatform: machine?.osPlatform ?? device?.osPlatform,
      lastSeen: machine?.lastSeen ?? undefined,
      riskScore: machine?.riskScore ?? device?.riskScore,
      healthStatus: machine?.healthStatus ?? device?.healthStatus,
    };
    const deviceIocs = entitiesOf({ ...incident, alerts }).iocs;
    const verdicts = (await this.o.verdicts?.lookUp(deviceIocs)) ?? new Map<string, string>();
    const evidence: Record<string, unknown> = {
      Alerts: alerts.map((a) => `${a.title ?? a.alertId} (${a.alertId})`).join('; ') || 'none on this device',
      ...(deviceIocs.length > 0 ? { Indicators: deviceIocs.map((i) => `${i.type} ${i.value}: ${verdicts.get(i.value) ?? 'no VirusTotal verdict'}`).join('; ') } : {}),
      'Asked for by': `${requestedBy.name}, from the incident card`,
    };
    const comment = `${action === 'isolate' ? 'Isolated' : 'Released'} by Rampart for incident ${incidentId}`;
    return this.requestAction({
      idempotencyKey: `manual:${incidentId}:${action}:${machineId}:${Date.now()}`,
      incidentId,
      action,
      target,
      evidence,
      request: { api: 'defender', method: 'POST', path: `/api/machines/${encodeURIComponent(machineId)}/${action}`, body: action === 'isolate' ? { Comment: comment, IsolationType: 'Full' } : { Comment: comment } },
      requestedBy,
    });
  }

  /** Queues a live run of an enabled playbook on this incident (the Run playbook... button). */
  async runNow(incidentId: string, playbookId: string, by: ApprovalPerson): Promise<string> {
    const playbook = (await this.o.playbooks()).find((p) => p.playbookId === playbookId);
    if (!playbook) throw new Error('That playbook is not enabled any more.');
    const runId = `${incidentId}:${playbookId}:v${playbook.version}:manual:${Date.now()}`;
    this.outbox.enqueue({ kind: 'run', lane: `run:${runId}`, idempotencyKey: `run:${runId}`, payload: { runId, incidentId, playbookId, version: playbook.version, by: by.name } });
    this.worker.wake();
    return `Running ${playbook.name} v${playbook.version} on incident ${incidentId}; progress follows in this thread.`;
  }

  /** Assign / resolve / comment from the card: a PATCH on the incident, told in the thread. */
  async updateIncidentFromCard(incidentId: string, patch: Record<string, unknown>, words: string, by: ApprovalPerson): Promise<string> {
    if (!this.o.defender) return 'Rampart has no Defender connection configured, so the incident was not changed.';
    const res = await this.o.defender.updateIncident(incidentId, patch);
    if (res.status >= 400) return `Defender refused the change (${res.status}): ${apiErrorText(res.body) ?? 'no details'}.`;
    const incident = this.incidents.get(incidentId);
    if (incident) {
      const next = { ...incident, ...(patch.status ? { status: String(patch.status) } : {}), ...(patch.assignedTo ? { assignedTo: String(patch.assignedTo) } : {}), ...(patch.classification ? { classification: String(patch.classification) } : {}) };
      this.incidents.replace(next);
    }
    await this.o.audit.record({ actorId: by.id, actorName: by.name, kind: 'incident-updated', subject: incidentId, detail: patch });
    this.postToThread(incidentId, { text: `${words} (by ${by.name}).` }, `card-update:${incidentId}:${Date.now()}:${Math.random()}`);
    return `${words}.`;
  }

  /** Approve or deny, exactly once; a second click, a late click or a not-allowed click changes nothing. */
  async decide(approvalId: string, decision: 'approved' | 'denied', person: ApprovalPerson): Promise<DecisionResult> {
    this.expireApprovals();
    const approval = this.approvals.get(approvalId);
    if (!approval) return { outcome: 'unknown', message: 'This approval request is not known to Rampart (it may belong to another deployment).' };
    if (approval.status === 'expired') return { outcome: 'expired', approval, message: `This request expired at ${approval.expiresAt}; nothing was sent. Click Isolate again (or re-run the playbook) to ask anew.` };
    if (approval.status !== 'pending') return { outcome: 'already-decided', approval, message: `Already decided by ${approval.decidedBy?.name ?? 'someone else'}; your click changed nothing.` };
    const verdict = await this.o.canApprove(person, approval);
    if (!verdict.allowed) {
      await this.o.audit.record({ actorId: person.id, actorName: person.name, kind: 'action-approval-refused', subject: approval.id, detail: { reason: verdict.reason, action: approval.action } });
      return { outcome: 'not-allowed', approval, message: verdict.reason };
    }
    const changed = this.o.db.transaction(() => {
      if (!this.approvals.decide(approvalId, decision, person)) return false;
      if (decision === 'approved') {
        this.outbox.enqueue({ kind: 'execute', lane: `action:${approvalId}`, idempotencyKey: `execute:${approvalId}`, payload: { approvalId } });
      } else {
        this.outbox.enqueue({ kind: 'post', lane: threadLane(approval.incidentId), idempotencyKey: `denied:${approvalId}`, payload: { incidentId: approval.incidentId, text: `${actionLabel(approval.action)} of ${targetName(approval.target)} was denied by ${person.name}. Nothing was sent.` } });
      }
      return true;
    })();
    const current = this.approvals.get(approvalId)!;
    if (!changed) {
      return current.status === 'expired'
        ? { outcome: 'expired', approval: current, message: `This request expired at ${current.expiresAt}; nothing was sent.` }
        : { outcome: 'already-decided', approval: current, message: `Already decided by ${current.decidedBy?.name ?? 'someone else'}; your click changed nothing.` };
    }
    await this.o.audit.record({ actorId: person.id, actorName: person.name, kind: decision === 'approved' ? 'action-approved' : 'action-denied', subject: approvalId, detail: { incidentId: approval.incidentId, action: approval.action, target: approval.target } });
    this.worker.wake();
    return { outcome: decision, approval: current, message: decision === 'approved' ? `Approved by ${person.name}; sending now.` : `Denied by ${person.name}.` };
  }

  /** The approval card for its current state. */
  approvalCard(approval: ActionApproval, notice?: string): ThreadMessage {
    return approvalMessage(approval, this.incidents.get(approval.incidentId), notice);
  }

  /** Marks overdue approvals expired and updates their cards. */
  expireApprovals(): void {
    const expired = this.approvals.expireDue();
    for (const a of expired) {
      this.outbox.enqueue({ kind: 'update', lane: threadLane(a.incidentId), idempotencyKey: `approval-expired:${a.id}`, payload: { incidentId: a.incidentId, approvalCard: a.id } });
    }
    if (expired.length > 0) this.worker.wake();
  }

  /** Waits until the outbox has nothing due (tests, benchmarks, shutdown). */
  async drained(timeoutMs = 30_000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if ((this.outbox.counts().pending ?? 0) === 0) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  }

  // --- outbox handlers -------------------------------------------------------------------

  private async deliverNotification(item: OutboxItem): Promise<unknown> {
    const incidentId = String(item.payload.incidentId);
    const existing = this.incidents.thread(incidentId);
    if (existing?.conversationId) return { conversationId: existing.conversationId };
    const message = await this.notificationCard(incidentId);
    const started = await this.o.teams.startThread(message);
    this.incidents.saveThread({ incidentId, channelId: started.channelId, conversationId: started.conversationId, rootActivityId: started.rootActivityId, reference: started.reference });
    return { conversationId: started.conversationId };
  }

  private threadReference(incidentId: string): ThreadReference {
    const thread = this.incidents.thread(incidentId);
    if (!thread?.reference) throw new RetryLater(`the thread of incident ${incidentId} is not posted yet`, 2000, true);
    return thread.reference;
  }

  private async messageFor(payload: Record<string, unknown>): Promise<ThreadMessage> {
    if (typeof payload.approvalCard === 'string') {
      const approval = this.approvals.get(payload.approvalCard);
      if (!approval) throw new Error(`approval ${payload.approvalCard} is missing`);
      return this.approvalCard(approval);
    }
    if (typeof payload.runSummary === 'string') {
      const run = this.runs.get(payload.runSummary);
      if (!run) throw new Error(`run ${payload.runSummary} is missing`);
      return { card: runSummaryCard(run) };
    }
    if (payload.notification === true) return this.notificationCard(String(payload.incidentId), typeof payload.reason === 'string' ? payload.reason : undefined);
    return { text: typeof payload.text === 'string' ? payload.text : undefined, card: payload.card as ThreadMessage['card'] };
  }

  private async deliverPost(item: OutboxItem): Promise<unknown> {
    const incidentId = String(item.payload.incidentId);
    const reference = this.threadReference(incidentId);
    if (typeof item.payload.approvalCard === 'string') {
      const approval = this.approvals.get(item.payload.approvalCard);
      if (approval) await this.lookUpMachine(approval);
    }
    const id = await this.o.teams.reply(reference, await this.messageFor(item.payload));
    if (id && typeof item.payload.approvalCard === 'string') this.approvals.update(item.payload.approvalCard, { cardActivityId: id });
    if (id && typeof item.payload.runSummary === 'string') this.runs.setSummaryActivity(item.payload.runSummary, id);
    return { activityId: id };
  }

  private async deliverUpdate(item: OutboxItem): Promise<unknown> {
    const incidentId = String(item.payload.incidentId);
    const reference = this.threadReference(incidentId);
    let activityId: string | undefined;
    if (typeof item.payload.approvalCard === 'string') activityId = this.approvals.get(item.payload.approvalCard)?.cardActivityId;
    else if (typeof item.payload.runSummary === 'string') activityId = this.runs.get(item.payload.runSummary)?.summaryActivityId;
    else if (item.payload.notification === true) activityId = this.incidents.thread(incidentId)?.rootActivityId;
    if (!activityId) return { skipped: 'the card to update was never posted' };
    await this.o.teams.update(reference, activityId, await this.messageFor(item.payload));
    return { activityId };
  }

  /** Runs a matching playbook live; deferred destructive actions become approval requests. */
  private async executeRun(item: OutboxItem): Promise<unknown> {
    const { runId, incidentId, playbookId, version } = item.payload as { runId: string; incidentId: string; playbookId: string; version: number };
    const playbook = (await this.o.playbooks()).find((p) => p.playbookId === playbookId && p.version === version);
    if (!playbook || !this.o.runPlaybook) return { skipped: 'the playbook version is no longer enabled' };
    const lane = threadLane(incidentId);
    this.runs.start({ runId, incidentId, playbookId, version, playbookName: playbook.name });
    this.outbox.enqueue({ kind: 'post', lane, idempotencyKey: `run-card:${runId}`, payload: { incidentId, runSummary: runId } });
    this.worker.wake();
    const steps: string[] = [];
    let actionIndex = 0;
    const onEvent = (e: PlaybookEvent): void => {
      if (e.event === 'step') steps.push(e.message || e.step);
      else if (e.event === 'condition') steps.push(`${e.name}: ${e.result ? 'yes' : 'no'}${e.reason ? `, ${e.reason}` : ''}`);
      else if (e.event === 'action') {
        const index = actionIndex++;
        steps.push(this.onRunAction(e, { runId, incidentId, playbook, index }));
      } else return;
      this.saveRunProgress(runId, steps, 'running');
    };
    const actions: ActionEvent[] = [];
    const collect = (e: PlaybookEvent): void => {
      if (e.event === 'action') actions.push(e);
      onEvent(e);
    };
    const result = await this.o.runPlaybook({ code: playbook.code, incidentId, deferActions: DEFERRED_ACTIONS, onEvent: collect });
    const status = result.status === 'completed' ? 'completed' : `failed${result.reason ? `: ${result.reason}` : ''}`;
    this.saveRunProgress(runId, steps, status, result.summary);
    const endedAt = new Date().toISOString();
    this.runs.ended(runId, endedAt);
    // The library's run history (the `playbooks` list shows the last run); losing it never blocks the thread.
    await this.o
      .recordRun?.({
        playbookId,
        version,
        incidentId,
        mode: 'live',
        startedBy: typeof item.payload.by === 'string' ? 'manual' : 'incident',
        status: result.status === 'completed' && actions.some((a) => a.status === 'deferred' && a.action !== 'teamsMessage') ? 'awaiting-approval' : status,
        summary: result.summary ?? result.reason,
        actions,
        actor: typeof item.payload.by === 'string' ? { id: item.payload.by, name: item.payload.by } : undefined,
        finishedAt: endedAt,
      })
      .catch((err: Error) => this.o.logger.warn({ runId, err: err.message }, 'could not record the run in the playbook library'));
    this.outbox.enqueue({ kind: 'update', lane, idempotencyKey: `run-card-final:${runId}`, payload: { incidentId, runSummary: runId } });
    this.worker.wake();
    return { status };
  }

  private onRunAction(e: ActionEvent, ctx: { runId: string; incidentId: string; playbook: RunnablePlaybook; index: number }): string {
    const label = `${actionLabel(e.action)} ${targetName(e.target as ActionTarget)}`;
    if (e.status !== 'deferred' || !e.request) return `${label}: ${e.status}${e.error ? ` (${e.error})` : ''}`;
    if (e.action === 'teamsMessage') {
      const body = (e.request.body ?? {}) as { text?: string };
      this.postToThread(ctx.incidentId, { text: body.text ?? 'The playbook posted a message.' }, `run-message:${ctx.runId}:${ctx.index}`);
      return `${label}: posted in this thread`;
    }
    let approval: ActionApproval;
    try {
      approval = this.requestAction({
      idempotencyKey: `run:${ctx.runId}:${ctx.index}:${e.action}`,
      incidentId: ctx.incidentId,
      action: e.action,
      target: this.withDeviceFacts(ctx.incidentId, e.target as ActionTarget),
      evidence: e.evidence ?? {},
      request: e.request,
      requestedBy: { id: `playbook:${ctx.playbook.playbookId}`, name: `playbook ${ctx.playbook.name} v${ctx.playbook.version}` },
      runId: ctx.runId,
      playbookId: ctx.playbook.playbookId,
      playbookVersion: ctx.playbook.version,
      unattended: ctx.playbook.unattended,
    });
    } catch (err) {
      if (!(err instanceof ForeignDeviceError)) throw err;
      this.o.logger.warn({ runId: ctx.runId, action: e.action }, err.message);
      return `${label}: refused (${err.message})`;
    }
    return `${label}: ${ctx.playbook.unattended ? 'sending (approved for unattended runs)' : `waiting for approval (${approval.id})`}`;
  }

  /** A playbook names a device by id and name; the incident's alerts add its OS, risk and health. */
  private withDeviceFacts(incidentId: string, target: ActionTarget): ActionTarget {
    const incident = target.machineId ? this.incidents.get(incidentId) : undefined;
    const device = incident ? devicesOf(incident).find((d) => d.machineId === target.machineId) : undefined;
    const out: ActionTarget = { ...target };
    if (device) {
      out.deviceName ??= device.name;
      out.osPlatform ??= device.osPlatform;
      out.riskScore ??= device.riskScore;
      out.healthStatus ??= device.healthStatus;
    }
    return out;
  }

  /**
   * Before an approval card is first posted: what Defender knows about the machine now (last
   * seen above all). A failed lookup is said on the card rather than hidden.
   */
  private async lookUpMachine(approval: ActionApproval): Promise<void> {
    const machineId = approval.target.machineId;
    if (!machineId || approval.target.lastSeen) return;
    const machine = this.o.defender ? await this.o.defender.getMachine(machineId).catch(() => undefined) : undefined;
    this.approvals.completeTarget(approval.id, {
      deviceName: machine?.computerDnsName ?? undefined,
      osPlatform: machine?.osPlatform ?? undefined,
      riskScore: machine?.riskScore ?? undefined,
      healthStatus: machine?.healthStatus ?? undefined,
      lastSeen: machine?.lastSeen ?? (this.o.defender ? 'unknown: Defender did not answer the machine lookup' : 'unknown: no Defender connection is configured'),
    });
  }

  private saveRunProgress(runId: string, steps: string[], status: string, summary?: string): void {
    this.runs.progress(runId, steps, status, summary);
  }

  /**
   * Sends an approved action exactly once and follows it to its end. `sending` is committed
   * before the call; while an action is `sending`, an earlier attempt may have gone out, so
   * Defender / Graph is asked first (machine actions by the device's list, indicators by value,
   * users by their state) and the action is sent only when that look-up finds nothing. A call
   * cut off without an answer is given time to land before that look-up. Throttling, 5xx and
   * network trouble are retried with backoff; after the retry window the thread says the
   * action failed and the approval card offers Retry.
   */
  private async executeApproved(item: OutboxItem): Promise<unknown> {
    const approvalId = String(item.payload.approvalId);
    const approval = this.approvals.get(approvalId);
    if (!approval) return { skipped: 'unknown approval' };
    if (typeof item.payload.comment === 'string') {
      await this.commentOnIncident(approval.incidentId, item.payload.comment);
      return { commented: true };
    }
    if (!['approved', 'sending', 'sent'].includes(approval.status)) return { status: approval.status };
    const defender = this.o.defender;
    try {
      if (!defender) throw new RetryLater('no Defender connection is configured (TENANT_ID, CLIENT_ID, CLIENT_SECRET)', 30_000, true, true);
      return await this.sendApproved(approvalId, defender);
    } catch (err) {
      const current = this.approvals.get(approvalId)!;
      const started = new Date(current.sendStartedAt ?? current.decidedAt ?? current.createdAt).getTime();
      const window = this.o.actionRetryWindowMs ?? 15 * 60_000;
      const reason = err instanceof Error ? err.message : String(err);
      if (current.status !== 'sent' && Date.now() - started > window) {
        this.approvals.update(approvalId, { status: 'failed', error: `not sent: ${reason} (tried for ${Math.round((Date.now() - started) / 60_000)} min)` });
        this.finishAction(approvalId, `${actionLabel(current.action)} of ${targetName(current.target)} failed: Defender kept failing (${reason}). Approved by ${current.decidedBy?.name ?? 'unknown'}. Use Retry on the approval card to try again; Rampart looks for an earlier attempt before sending.`);
        return { status: 'failed', error: reason };
      }
      if (err instanceof RetryLater) throw err;
      // A lookup that failed, a timeout, a reset connection: maybe acted on; look again before any resend.
      throw new RetryLater(reason, 1000, true, true);
    }
  }

  private async sendApproved(approvalId: string, defender: DefenderGateway): Promise<unknown> {
    const lane = threadLane(this.approvals.get(approvalId)!.incidentId);
    let approval = this.approvals.get(approvalId)!;
    if (approval.status === 'approved') {
      this.approvals.markSending(approvalId);
      approval = this.approvals.get(approvalId)!;
    } else if (approval.status === 'sending') {
      if (approval.sendingAt) {
        // A call that got no answer (cut off by a crash or a timeout) may still land: look only once it had time to.
        const settledAt = new Date(approval.sendingAt).getTime() + (this.o.inFlightGraceMs ?? 40_000);
        if (settledAt > Date.now()) throw new RetryLater('an earlier attempt may still be in flight; reconciling once it has landed', settledAt - Date.now(), true);
      }
      let earlier: EarlierSend | undefined;
      try {
        earlier = await findEarlierSend(defender, approval);
      } catch (err) {
        throw new RetryLater(`could not look for an earlier attempt (${(err as Error).message}); nothing is sent until Rampart can`, 5000, true, true);
      }
      if (earlier?.kind === 'machineAction') {
        this.approvals.update(approvalId, { status: 'sent', machineActionId: earlier.action.id, machineActionStatus: earlier.action.status });
      } else if (earlier?.kind === 'inEffect') {
        this.approvals.update(approvalId, { status: 'succeeded', machineActionStatus: earlier.what });
      }
      approval = this.approvals.get(approvalId)!;
    }
    if (approval.status === 'sending') {
      this.approvals.markAttempt(approvalId);
      let answer: ApiAnswer;
      try {
        answer = await defender.send(withApprovalComment(approval));
      } catch (err) {
        // No answer: it may have gone out. `sending_at` stays set, so the next try waits, then looks.
        throw new RetryLater(`no answer from Defender (${(err as Error).message})`, 1000, true, true);
      }
      this.approvals.markAttempt(approvalId, true);
      if (answer.status === 429) {
        // Throttled: certainly not acted on; the next try still looks first, which costs one read.
        throw new RetryLater(`Defender answered ${answer.status}`, (answer.retryAfterSeconds ?? 5) * 1000, true, true);
      }
      if (answer.status >= 500) {
        // Maybe acted on: stays `sending`, so the next attempt looks for it before sending again.
        throw new RetryLater(`Defender answered ${answer.status}`, (answer.retryAfterSeconds ?? 1) * 1000, true, true);
      }
      const late = answer.status === 400 && /ActiveRequestAlreadyExists/.test(apiErrorText(answer.body) ?? '') ? await findEarlierSend(defender, approval).catch(() => undefined) : undefined;
      if (late?.kind === 'machineAction') {
        // Our earlier, cut-off call landed after all: that action is the one to follow.
        this.approvals.update(approvalId, { status: 'sent', machineActionId: late.action.id, machineActionStatus: late.action.status });
      } else if (answer.status >= 400) {
        const message = apiErrorText(answer.body) ?? `Defender answered ${answer.status}`;
        this.approvals.update(approvalId, { status: 'failed', error: message });
        this.finishAction(approvalId, `${actionLabel(approval.action)} of ${targetName(approval.target)} failed: ${message}. Approved by ${approval.decidedBy?.name ?? 'unknown'}.`);
        return { status: answer.status };
      } else {
        const body = (answer.body ?? {}) as { id?: string; status?: string };
        this.approvals.update(approvalId, { status: body.id && approval.target.machineId ? 'sent' : 'succeeded', machineActionId: body.id, machineActionStatus: body.status ?? 'Pending' });
      }
    }
    approval = this.approvals.get(approvalId)!;
    const round = approval.retries > 0 ? `:retry${approval.retries}` : '';
    if (approval.status === 'sent' || approval.status === 'succeeded') {
      this.outbox.enqueue({ kind: 'update', lane, idempotencyKey: `approval-sent:${approvalId}${round}`, payload: { incidentId: approval.incidentId, approvalCard: approvalId } });
      this.outbox.enqueue({
        kind: 'post',
        lane,
        idempotencyKey: `action-sent:${approvalId}${round}`,
        payload: { incidentId: approval.incidentId, text: `${actionLabel(approval.action)} of ${targetName(approval.target)} sent (approved by ${approval.decidedBy?.name ?? 'unknown'})${approval.machineActionId ? `: machine action ${approval.machineActionId} is ${approval.machineActionStatus ?? 'Pending'}` : ''}.` },
      });
      this.worker.wake();
    }
    if (approval.status === 'sent' && approval.machineActionId) {
      const final = await this.followMachineAction(defender, approval.machineActionId);
      const ok = final?.status === 'Succeeded';
      this.approvals.update(approvalId, { status: ok ? 'succeeded' : 'failed', machineActionStatus: final?.status ?? 'unknown (timed out following it)', error: ok ? null : `machine action ended ${final?.status ?? 'without an answer in time'}` });
      approval = this.approvals.get(approvalId)!;
      const who = approval.decidedBy?.name ?? 'unknown';
      const words = ok
        ? `${targetName(approval.target)} ${pastTense(approval.action)}, approved by ${who} (machine action ${approval.machineActionId}: Succeeded).`
        : `${actionLabel(approval.action)} of ${targetName(approval.target)} did not succeed: machine action ${approval.machineActionId} ended ${final?.status ?? 'without an answer in time'}. Approved by ${who}.`;
      this.finishAction(approvalId, words);
    } else if (approval.status === 'succeeded') {
      this.finishAction(approvalId, `${actionLabel(approval.action)} of ${targetName(approval.target)} done${approval.machineActionStatus && !approval.machineActionId && approval.machineActionStatus !== 'Pending' ? ` (${approval.machineActionStatus})` : ''}, approved by ${approval.decidedBy?.name ?? 'unknown'}.`);
    }
    return { status: this.approvals.get(approvalId)?.status };
  }

  /** Retry on a failed action's card: by someone allowed to approve it; reconciles before anything is sent. */
  async retryAction(approvalId: string, person: ApprovalPerson): Promise<DecisionResult> {
    const approval = this.approvals.get(approvalId);
    if (!approval) return { outcome: 'unknown', message: 'This approval request is not known to Rampart (it may belong to another deployment).' };
    if (approval.status !== 'failed') return { outcome: 'already-decided', approval, message: `This action is ${statusWords(approval)}; there is nothing to retry.` };
    const verdict = await this.o.canApprove(person, approval);
    if (!verdict.allowed) {
      await this.o.audit.record({ actorId: person.id, actorName: person.name, kind: 'action-retry-refused', subject: approval.id, detail: { reason: verdict.reason, action: approval.action } });
      return { outcome: 'not-allowed', approval, message: verdict.reason };
    }
    const reopened = this.o.db.transaction(() => {
      if (!this.approvals.reopenForRetry(approvalId)) return false;
      const retries = this.approvals.get(approvalId)!.retries;
      this.outbox.enqueue({ kind: 'execute', lane: `action:${approvalId}`, idempotencyKey: `execute:${approvalId}:retry${retries}`, payload: { approvalId } });
      this.outbox.enqueue({ kind: 'post', lane: threadLane(approval.incidentId), idempotencyKey: `retry:${approvalId}:${retries}`, payload: { incidentId: approval.incidentId, text: `${person.name} asked to retry ${actionLabel(approval.action).toLowerCase()} of ${targetName(approval.target)}; Rampart checks Defender for an earlier attempt first.` } });
      return true;
    })();
    const current = this.approvals.get(approvalId)!;
    if (!reopened) return { outcome: 'already-decided', approval: current, message: 'Someone else retried it first.' };
    await this.o.audit.record({ actorId: person.id, actorName: person.name, kind: 'action-retried', subject: approvalId, detail: { incidentId: approval.incidentId, action: approval.action, target: approval.target } });
    this.worker.wake();
    return { outcome: 'retried', approval: current, message: `Retried by ${person.name}.` };
  }

  private finishAction(approvalId: string, words: string): void {
    const approval = this.approvals.get(approvalId)!;
    const lane = threadLane(approval.incidentId);
    // Each Retry is a new round with its own result messages.
    const round = approval.retries > 0 ? `:retry${approval.retries}` : '';
    this.o.db.transaction(() => {
      this.outbox.enqueue({ kind: 'post', lane, idempotencyKey: `action-result:${approvalId}${round}`, payload: { incidentId: approval.incidentId, text: words } });
      this.outbox.enqueue({ kind: 'update', lane, idempotencyKey: `approval-final:${approvalId}${round}`, payload: { incidentId: approval.incidentId, approvalCard: approvalId } });
      this.outbox.enqueue({ kind: 'update', lane, idempotencyKey: `notification-refresh:${approvalId}${round}`, payload: { incidentId: approval.incidentId, notification: true } });
      if (!approval.incidentId.startsWith('sentinel:')) {
        this.outbox.enqueue({ kind: 'execute', lane: `comment:${approvalId}`, idempotencyKey: `comment:${approvalId}${round}`, payload: { approvalId, comment: `Rampart: ${words}` } });
      }
    })();
    this.worker.wake();
  }

  private async followMachineAction(defender: DefenderGateway, id: string): Promise<MachineActionInfo | undefined> {
    const until = Date.now() + (this.o.machineActionTimeoutMs ?? 10 * 60_000);
    let last: MachineActionInfo | undefined;
    while (Date.now() < until) {
      last = await defender.getMachineAction(id).catch(() => last);
      if (last && TERMINAL_MACHINE_STATUSES.has(last.status)) return last;
      await new Promise((r) => setTimeout(r, this.o.machineActionPollMs ?? 2000));
    }
    return last && TERMINAL_MACHINE_STATUSES.has(last.status) ? last : undefined;
  }

  /**
   * At start-up every approved action not finished is resumed, whatever became of its outbox
   * item (pending, failed for good, or marked done by an older version): a fresh item is queued
   * unless one is still pending, and `sending` makes it look before it sends.
   */
  private recoverInterruptedActions(): void {
    for (const a of this.approvals.inFlight()) {
      const lane = `action:${a.id}`;
      if (this.outbox.hasPending(lane)) continue;
      this.outbox.enqueue({ kind: 'execute', lane, idempotencyKey: `execute:${a.id}:resume:${Date.now()}`, payload: { approvalId: a.id } });
    }
  }

  /** Writes a comment to the Defender incident (the `execute` kind with a comment payload). */
  async commentOnIncident(incidentId: string, comment: string): Promise<void> {
    if (!this.o.defender) return;
    const answer = await this.o.defender.updateIncident(incidentId, { comment });
    if (answer.status === 429 || answer.status >= 500) throw new RetryLater(`Defender answered ${answer.status}`, (answer.retryAfterSeconds ?? 5) * 1000);
    if (answer.status >= 400) this.o.logger.warn({ incidentId, status: answer.status }, 'could not comment on the incident');
  }

  get system(): ApprovalPerson {
    return SYSTEM;
  }
}

function withApprovalComment(approval: ActionApproval): { api: string; method: string; path: string; body?: unknown } {
  const body = (approval.request.body && typeof approval.request.body === 'object' ? { ...(approval.request.body as Record<string, unknown>) } : approval.request.body) as Record<string, unknown> | undefined;
  if (body && approval.target.machineId && approval.request.api === 'defender') {
    const key = 'Comment' in body ? 'Comment' : 'comment' in body ? 'comment' : 'Comment';
    body[key] = `${String(body[key] ?? actionLabel(approval.action))} [Rampart approval ${approval.id}, approved by ${approval.decidedBy?.name ?? 'unknown'}]`;
  }
  return { ...approval.request, body };
}

function apiErrorText(body: unknown): string | undefined {
  const e = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
  return e ? `${e.code ?? 'error'}: ${e.message ?? ''}`.trim() : undefined;
}

function changedMaterially(previous: SecurityIncident | undefined, next: SecurityIncident): boolean {
  if (!previous) return true;
  return previous.severity !== next.severity || previous.status !== next.status || previous.alerts.length !== next.alerts.length || previous.classification !== next.classification;
}

function describeChange(previous: SecurityIncident | undefined, next: SecurityIncident): string {
  if (!previous) return 'new';
  const parts: string[] = [];
  if (previous.status !== next.status) parts.push(`status ${previous.status} -> ${next.status}`);
  if (previous.severity !== next.severity) parts.push(`severity ${previous.severity} -> ${next.severity}`);
  if (previous.alerts.length !== next.alerts.length) parts.push(`alerts ${previous.alerts.length} -> ${next.alerts.length}`);
  if (previous.classification !== next.classification) parts.push(`classification ${previous.classification ?? 'none'} -> ${next.classification ?? 'none'}`);
  return parts.length > 0 ? parts.join(', ') : 'details changed';
}
