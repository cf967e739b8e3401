import type { ConversationReference } from 'botbuilder';
import { actionApprovalCard } from '../cards/actionApproval';
import { incidentCard, runSummaryCard, type IncidentCardDevice } from '../cards/incident';
import type { Logger } from '../logger';
import type { AuditLog } from '../storage/audit';
import type { SqliteDatabase } from '../storage/database';
import type { NewRun } from '../playbooks/library';
import { ACTIONS, DESTRUCTIVE_ACTIONS, type PlaybookSpec } from '../playbooks/spec';
import type { ActionEvent, PlaybookEvent } from '../playbooks/runner/events';
import { ActionApprovalStore, type ActionApproval, type ActionTarget, type ApprovalPerson } from './approvals';
import { devicesOf, entitiesOf, type SecurityIncident } from './model';
import { IncidentOutbox, OutboxWorker, RetryLater, threadLane, type OutboxItem } from './outbox';
import type { DefenderGateway, MachineActionInfo } from './ports';
import { IncidentStore } from './store';
import type { TeamsThreads, ThreadMessage } from './teamsThreads';
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
  teams: TeamsThreads;
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
  /** How long a send cut off by a crash may still take to land before Rampart looks for it (default 10 s). */
  inFlightGraceMs?: number;
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
  outcome: 'approved' | 'denied' | 'not-allowed' | 'already-decided' | 'expired' | 'unknown';
  approval?: ActionApproval;
  message: string;
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
  private readonly worker: OutboxWorker;
  private expiryTimer?: NodeJS.Timeout;
  private readonly ingestQueue: { incident: SecurityIncident; source: string; resolve: (r: IngestResult) => void; reject: (e: Error) => void }[] = [];

  constructor(private readonly o: IncidentDeskOptions) {
    this.incidents = new IncidentStore(o.db);
    this.approvals = new ActionApprovalStore(o.db);
    this.outbox = new IncidentOutbox(o.db);
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
    const { users, iocs } = entitiesOf(incident);
    const approvals = this.approvals.forIncident(incidentId);
    const devices: IncidentCardDevice[] = devicesOf(incident).map((d) => ({ ...d, isolation: isolationState(approvals, d.machineId) }));
    const verdicts = verdictsFrom(this.o.db, incidentId);
    for (const [value, words] of (await this.o.verdicts?.lookUp(iocs)) ?? []) verdicts.set(value, `${words} on VirusTotal`);
    const playbooks = await this.o.playbooks().catch(() => []);
    return {
      card: incidentCard({
        incidentId,
        title: incident.incidentName,
        severity: incident.severity,
        status: incident.status,
        assignedTo: incident.assignedTo ?? undefined,
        classification: incident.classification ?? undefined,
        alerts: incident.alerts.map((a) => ({ alertId: a.alertId, title: a.title ?? a.alertId, severity: a.severity ?? undefined, serviceSource: a.serviceSource ?? undefined })),
        devices,
        users,
        iocs: iocs.map((i) => ({ type: i.type, value: i.value, verdict: verdicts.get(i.value) })),
        portalUrl: incident.incidentUrl ?? `${this.o.portalUrl.replace(/\/$/, '')}/incidents/${encodeURIComponent(incidentId)}/overview`,
        playbooks: playbooks.map((p) => ({ id: p.playbookId, name: p.name })),
        reason,
      }),
    };
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
   * The Isolate / Release buttons: one approval request per device and action while one is
   * open (a second click returns the first), naming the device as Defender knows it now.
   */
  async requestDeviceAction(incidentId: string, machineId: string, action: 'isolate' | 'unisolate', requestedBy: ApprovalPerson): Promise<ActionApproval> {
    const open = this.approvals.openFor(incidentId, action, machineId);
    if (open) return open;
    const incident = this.incidents.get(incidentId);
    if (!incident) throw new Error(`Incident ${incidentId} is not known to Rampart.`);
    const device = devicesOf(incident).find((d) => d.machineId === machineId);
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
    return {
      card: actionApprovalCard({
        approvalId: approval.id,
        incidentId: approval.incidentId,
        action: approval.action,
        actionLabel: actionLabel(approval.action),
        target: {
          deviceName: approval.target.deviceName,
          machineId: approval.target.machineId,
          osPlatform: approval.target.osPlatform,
          lastSeen: approval.target.lastSeen,
          riskScore: approval.target.riskScore,
          user: approval.target.user,
          indicator: approval.target.indicatorValue ? `${approval.target.indicatorType ?? ''} ${approval.target.indicatorValue}`.trim() : undefined,
        },
        evidence: evidenceFacts(approval, this.incidents.get(approval.incidentId)),
        requestedBy: approval.requestedBy?.name ?? 'Rampart',
        status: statusWords(approval),
        pending: approval.status === 'pending' && new Date(approval.expiresAt) > new Date(),
        expiresAt: approval.expiresAt,
        decidedBy: approval.decidedBy?.name,
        decidedAt: approval.decidedAt,
        outcome: approval.machineActionId ? `Machine action ${approval.machineActionId}: ${approval.machineActionStatus ?? 'Pending'}` : approval.error,
        notice,
      }),
    };
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

  private threadReference(incidentId: string): Partial<ConversationReference> {
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
      const run = readRun(this.o.db, payload.runSummary);
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
    if (id && typeof item.payload.runSummary === 'string') this.o.db.prepare('UPDATE incident_runs SET summary_activity_id = ? WHERE run_id = ?').run(id, item.payload.runSummary);
    return { activityId: id };
  }

  private async deliverUpdate(item: OutboxItem): Promise<unknown> {
    const incidentId = String(item.payload.incidentId);
    const reference = this.threadReference(incidentId);
    let activityId: string | undefined;
    if (typeof item.payload.approvalCard === 'string') activityId = this.approvals.get(item.payload.approvalCard)?.cardActivityId;
    else if (typeof item.payload.runSummary === 'string') activityId = readRun(this.o.db, item.payload.runSummary)?.summaryActivityId;
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
    this.o.db
      .prepare(`INSERT OR IGNORE INTO incident_runs (run_id, incident_id, playbook_id, playbook_version, playbook_name, status, events, started_at) VALUES (?, ?, ?, ?, ?, 'running', '[]', ?)`)
      .run(runId, incidentId, playbookId, version, playbook.name, new Date().toISOString());
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
    this.o.db.prepare('UPDATE incident_runs SET ended_at = ? WHERE run_id = ?').run(endedAt, runId);
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
    const approval = this.requestAction({
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
    this.o.db.prepare('UPDATE incident_runs SET events = ?, status = ?, summary = COALESCE(?, summary) WHERE run_id = ?').run(JSON.stringify(steps), status, summary ?? null, runId);
  }

  /**
   * Sends an approved action exactly once: `sending` is committed before the call; after a
   * crash the machine's actions are looked up (our approval id rides in the comment) before
   * anything is sent again. Then follows the machine action to its end.
   */
  private async executeApproved(item: OutboxItem): Promise<unknown> {
    const approvalId = String(item.payload.approvalId);
    let approval = this.approvals.get(approvalId);
    if (!approval) return { skipped: 'unknown approval' };
    if (typeof item.payload.comment === 'string') {
      await this.commentOnIncident(approval.incidentId, item.payload.comment);
      return { commented: true };
    }
    const defender = this.o.defender;
    if (!defender) throw new RetryLater('no Defender connection is configured (TENANT_ID, CLIENT_ID, CLIENT_SECRET)', 30_000);
    const lane = threadLane(approval.incidentId);
    if (approval.status === 'approved') {
      this.approvals.markSending(approvalId);
      approval = this.approvals.get(approvalId)!;
    } else if (approval.status === 'sending' && approval.sendingAt) {
      // A call that was on the wire when the process died may still land: look only once it had time to.
      const settledAt = new Date(approval.sendingAt).getTime() + (this.o.inFlightGraceMs ?? 10_000);
      if (settledAt > Date.now()) throw new RetryLater('an earlier attempt may still be in flight; reconciling once it has landed', settledAt - Date.now(), true);
    }
    if (approval.status === 'sending') {
      const adopted = approval.target.machineId ? await this.findSentAction(defender, approval) : undefined;
      if (adopted) {
        this.approvals.update(approvalId, { status: 'sent', machineActionId: adopted.id, machineActionStatus: adopted.status });
      } else {
        const answer = await defender.send(withApprovalComment(approval));
        if (answer.status === 429) {
          // Throttled: certainly not acted on, so it may be sent again without a look-up first.
          this.approvals.update(approvalId, { status: 'approved' });
          throw new RetryLater(`Defender answered ${answer.status}`, (answer.retryAfterSeconds ?? 5) * 1000);
        }
        if (answer.status >= 500) {
          // Maybe acted on: stays `sending`, so the next attempt looks for it before sending again.
          throw new RetryLater(`Defender answered ${answer.status}`, (answer.retryAfterSeconds ?? 5) * 1000);
        }
        const late = answer.status === 400 && /ActiveRequestAlreadyExists/.test(apiErrorText(answer.body) ?? '') ? await this.findSentAction(defender, approval) : undefined;
        if (late) {
          // Our earlier, cut-off call landed after all: that action is the one to follow.
          this.approvals.update(approvalId, { status: 'sent', machineActionId: late.id, machineActionStatus: late.status });
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
      this.outbox.enqueue({ kind: 'update', lane, idempotencyKey: `approval-sent:${approvalId}`, payload: { incidentId: approval.incidentId, approvalCard: approvalId } });
      this.outbox.enqueue({
        kind: 'post',
        lane,
        idempotencyKey: `action-sent:${approvalId}`,
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
      this.finishAction(approvalId, `${actionLabel(approval.action)} of ${targetName(approval.target)} done, approved by ${approval.decidedBy?.name ?? 'unknown'}.`);
    }
    return { status: this.approvals.get(approvalId)?.status };
  }

  private finishAction(approvalId: string, words: string): void {
    const approval = this.approvals.get(approvalId)!;
    const lane = threadLane(approval.incidentId);
    this.o.db.transaction(() => {
      this.outbox.enqueue({ kind: 'post', lane, idempotencyKey: `action-result:${approvalId}`, payload: { incidentId: approval.incidentId, text: words } });
      this.outbox.enqueue({ kind: 'update', lane, idempotencyKey: `approval-final:${approvalId}`, payload: { incidentId: approval.incidentId, approvalCard: approvalId } });
      this.outbox.enqueue({ kind: 'update', lane, idempotencyKey: `notification-refresh:${approvalId}`, payload: { incidentId: approval.incidentId, notification: true } });
      if (!approval.incidentId.startsWith('sentinel:')) {
        this.outbox.enqueue({ kind: 'execute', lane: `comment:${approvalId}`, idempotencyKey: `comment:${approvalId}`, payload: { approvalId, comment: `Rampart: ${words}` } });
      }
    })();
    this.worker.wake();
  }

  private async findSentAction(defender: DefenderGateway, approval: ActionApproval): Promise<MachineActionInfo | undefined> {
    const actions = await defender.listMachineActions(approval.target.machineId!);
    return actions.find((a) => (a.requestorComment ?? '').includes(approval.id));
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

  /** `sending` at start-up means a crash mid-call: its execute item is still pending, so the worker reconciles it. */
  private recoverInterruptedActions(): void {
    const rows = this.o.db.prepare(`SELECT id FROM action_approvals WHERE status IN ('approved', 'sending', 'sent')`).all() as { id: string }[];
    for (const r of rows) this.outbox.enqueue({ kind: 'execute', lane: `action:${r.id}`, idempotencyKey: `execute:${r.id}`, payload: { approvalId: r.id } });
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

/** The card label of an action (the spec's catalogue words). */
export function actionLabel(action: string): string {
  return (ACTIONS as Record<string, { label: string } | undefined>)[action]?.label ?? action;
}

function pastTense(action: string): string {
  const words: Record<string, string> = { isolate: 'isolated', unisolate: 'released from isolation', restrictCodeExecution: 'restricted', unrestrictCodeExecution: 'unrestricted' };
  return words[action] ?? `${action} done`;
}

/** The target in words: the device, user or indicator. */
export function targetName(t: ActionTarget): string {
  return String(t.deviceName ?? t.machineId ?? t.user ?? t.indicatorValue ?? t.incidentId ?? 'the target');
}

function statusWords(a: ActionApproval): string {
  switch (a.status) {
    case 'pending':
      return 'waiting for approval';
    case 'approved':
    case 'sending':
      return `approved by ${a.decidedBy?.name ?? 'unknown'}, sending`;
    case 'sent':
      return `approved by ${a.decidedBy?.name ?? 'unknown'}, sent; following the machine action`;
    case 'succeeded':
      return `approved by ${a.decidedBy?.name ?? 'unknown'}, done`;
    case 'failed':
      return `approved by ${a.decidedBy?.name ?? 'unknown'}, failed${a.error ? `: ${a.error}` : ''}`;
    case 'denied':
      return `denied by ${a.decidedBy?.name ?? 'unknown'}; nothing was sent`;
    case 'expired':
      return 'expired without a decision; nothing was sent';
  }
}

/** Evidence keys as the generated playbooks write them, in an analyst's words. */
const EVIDENCE_LABELS: Record<string, string> = {
  alertId: 'Alert',
  reason: 'Why',
  deviceRiskScore: 'Device risk score',
  file: 'File',
  fileName: 'File',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  ioc: 'IOC',
  iocValue: 'IOC',
  verdict: 'VirusTotal verdict',
  vtVerdict: 'VirusTotal verdict',
};

/** The approval card's evidence lines: the alert by its title, then the playbook's reasons. */
function evidenceFacts(approval: ActionApproval, incident?: SecurityIncident): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(approval.evidence)) {
    if (value === null || value === undefined || value === '') continue;
    let words = typeof value === 'string' ? value : JSON.stringify(value);
    if (key === 'alertId') {
      const alert = incident?.alerts.find((a) => a.alertId === value);
      if (alert?.title) words = `${alert.title} (${words}${alert.severity ? `, ${alert.severity}` : ''})`;
    }
    out.push([EVIDENCE_LABELS[key] ?? key, words]);
  }
  return out;
}

/** A device's isolation state as far as Rampart's own actions tell. */
function isolationState(approvals: ActionApproval[], machineId?: string): IncidentCardDevice['isolation'] {
  if (!machineId) return undefined;
  const mine = approvals.filter((a) => a.target.machineId === machineId && (a.action === 'isolate' || a.action === 'unisolate'));
  for (const a of [...mine].reverse()) {
    if (a.status === 'succeeded') return a.action === 'isolate' ? 'isolated' : 'not isolated';
    if (['pending', 'approved', 'sending', 'sent'].includes(a.status)) return a.action === 'isolate' ? 'isolation pending' : 'release pending';
  }
  return 'not isolated';
}

/** VirusTotal verdicts found in run evidence for this incident (value -> words). */
function verdictsFrom(db: SqliteDatabase, incidentId: string): Map<string, string> {
  const out = new Map<string, string>();
  const rows = db.prepare('SELECT evidence FROM action_approvals WHERE incident_id = ?').all(incidentId) as { evidence: string }[];
  for (const r of rows) {
    const e = JSON.parse(r.evidence) as Record<string, unknown>;
    const ioc = e.ioc ?? e.iocValue ?? e.sha256;
    const verdict = e.verdict ?? e.vtVerdict;
    if (typeof ioc === 'string' && verdict !== undefined) out.set(ioc, typeof verdict === 'string' ? verdict : JSON.stringify(verdict));
  }
  return out;
}

function readRun(db: SqliteDatabase, runId: string): { playbookName: string; version: number; status: string; steps: string[]; summary?: string; summaryActivityId?: string } | undefined {
  const r = db.prepare('SELECT * FROM incident_runs WHERE run_id = ?').get(runId) as
    | { playbook_name: string; playbook_version: number; status: string; events: string; summary: string | null; summary_activity_id: string | null }
    | undefined;
  if (!r) return undefined;
  return { playbookName: r.playbook_name, version: r.playbook_version, status: r.status, steps: JSON.parse(r.events) as string[], summary: r.summary ?? undefined, summaryActivityId: r.summary_activity_id ?? undefined };
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
