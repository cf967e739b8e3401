import { burstDigestCard } from '../cards/digest';
import { notificationMarker } from '../cards/incident';
import { AppError, errorMessage } from '../errors';
import type { Logger } from '../logger';
import type { AuditLog } from '../audit';
import type { IncidentStorage } from '../records/storage';
import type { NewRun } from '../playbooks/library';
import { DESTRUCTIVE_ACTIONS, type PlaybookSpec } from '../playbooks/spec';
import type { PlaybookEvent } from '../playbooks/runner/events';
import type { ActionApprovalStore, ActionApproval, ActionTarget, ApprovalPerson } from '../records/approval';
import { entitiesOf, type SecurityIncident } from './model';
import { OutboxWorker, RetryLater, threadLane, type IncidentOutbox, type OutboxItem } from './outbox';
import type { DefenderGateway, StartedThread, TeamsSender, ThreadMessage, ThreadReference } from './ports';
import { ApprovedActionSender, apiErrorText } from './actionExecutor';
import { ActionApprovals } from './approvalFlow';
import { IngestBatcher } from './ingest';
import { PlaybookRunExecutor } from './runExecutor';
import type { IncidentRunStore } from '../records/run';
import { approvalMessage, notificationMessage, verdictsFrom } from './threadCards';
export { actionLabel, targetName } from './threadCards';
import type { IncidentStore } from '../records/incident';
import type { IocVerdicts } from './verdicts';
import { IncidentSummaries, type SummaryWriter } from './summary';
import { LiveRunCards } from './liveRuns';
import { count, inSpan, rememberIncidentTrace } from '../telemetry';
import { scalarText } from '../json';

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
  /** The stores (storage/incidentStorage.ts), whose outbox claims items as this process's instance. */
  storage: IncidentStorage;
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
  /** The model that writes the card's two-sentence summary (when one is configured); otherwise the summary is built from the incident's fields. */
  summaryWriter?: SummaryWriter;
  /** The approval rule in force, in words ("an approver listed in APPROVERS, or an owner of the team"), for the run card. */
  approverRule?: () => string;
  /**
   * How long a send cut off without an answer may still take to land (default 40 s: the 30 s
   * call timeout and a margin): an approved action is looked for only after it; a notification
   * not found in the channel is posted again only after it.
   */
  inFlightGraceMs?: number;
  /** How long an approved action is retried through Defender errors before the thread says it failed (default 15 min). */
  actionRetryWindowMs?: number;
  concurrency?: number;
  /**
   * More new incidents than this waiting for their thread is a burst: a digest card goes to
   * the channel at once (default 20: about 10 s of the channel's rate; 0 turns digests off).
   */
  burstDigestThreshold?: number;
}

/** What the desk's parts share: options, stores, the outbox worker's wake-up, a transaction, and two desk operations. */
export interface DeskContext {
  o: IncidentDeskOptions;
  incidents: IncidentStore;
  approvals: ActionApprovalStore;
  outbox: IncidentOutbox;
  runs: IncidentRunStore;
  wake(): void;
  atomically<T>(fn: () => Promise<T>): Promise<T>;
  postToThread(incidentId: string, message: ThreadMessage, key: string): Promise<void>;
  requestAction(input: ActionRequest): Promise<ActionApproval>;
  /** A run's step or one of its approvals moved: redraw its live card (and comment on the incident at the end). */
  runChanged(runId: string | undefined, why: string): void;
  /** After new incidents are stored: posts a digest when more wait than the channel can show soon. */
  checkBurst(): Promise<void>;
}

/** A request for approval of one destructive action. */
export interface ActionRequest {
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
export class ForeignDeviceError extends AppError {
  constructor(userMessage: string, detail?: string) {
    super('ForeignDevice', userMessage, { httpStatus: 403, detail });
  }
}

/** An incident id Rampart has not stored (a card from another deployment, a pruned database). */
export class UnknownIncidentError extends AppError {
  constructor(incidentId: string) {
    super('IncidentUnknown', `Incident ${incidentId} is not known to Rampart.`, { httpStatus: 404, detail: `no stored incident ${incidentId}` });
  }
}

const SYSTEM: ApprovalPerson = { id: 'rampart', name: 'Rampart' };

/** How far Teams' clock may be from ours when Rampart looks for its own earlier post. */
const CLOCK_SKEW_MS = 60_000;

/** Outbox priorities: what a burst must not hold back. */
export const PRIORITY = {
  /** Threads and cards of incidents that need a person's decision, and approved actions. */
  decision: 1,
  /** The burst digest itself. */
  digest: 2,
  /** A thread an analyst asked for from the digest. */
  asked: 3,
} as const;

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
  private readonly ingestBatcher: IngestBatcher;
  private readonly actions: ApprovedActionSender;
  private readonly runExecutor: PlaybookRunExecutor;
  private readonly flow: ActionApprovals;
  private readonly summaries: IncidentSummaries;
  private readonly liveRuns: LiveRunCards;
  private lastBurstCheck = 0;
  private warnedNoLookup = false;
  private burstCheckScheduled = false;

  constructor(private readonly o: IncidentDeskOptions) {
    this.summaries = new IncidentSummaries({ writer: o.summaryWriter, logger: o.logger });
    ({ incidents: this.incidents, approvals: this.approvals, outbox: this.outbox, runs: this.runs } = o.storage);
    const ctx: DeskContext = {
      o,
      incidents: this.incidents,
      approvals: this.approvals,
      outbox: this.outbox,
      runs: this.runs,
      wake: () => this.worker.wake(),
      atomically: (fn) => o.storage.atomically(fn),
      postToThread: (incidentId, message, key) => this.postToThread(incidentId, message, key),
      requestAction: (input) => this.flow.requestAction(input),
      runChanged: (runId, why) => {
        void this.liveRuns.changed(runId, why).catch((err: Error) => this.o.logger.warn({ runId, err: err.message }, 'could not redraw the run card'));
      },
      checkBurst: () => this.checkBurst(),
    };
    this.liveRuns = new LiveRunCards(ctx);
    this.ingestBatcher = new IngestBatcher(ctx);
    this.actions = new ApprovedActionSender(ctx);
    this.runExecutor = new PlaybookRunExecutor(ctx);
    this.flow = new ActionApprovals(ctx);
    this.worker = new OutboxWorker(
      o.storage,
      {
        notify: (item) => this.traced('teams.notification', item, () => this.deliverNotification(item)),
        post: (item) => this.traced('teams.post', item, () => this.deliverPost(item)),
        update: (item) => this.traced('teams.update', item, () => this.deliverUpdate(item)),
        run: (item) => this.traced('playbook.run', item, () => this.runExecutor.execute(item)),
        execute: (item) => this.traced(typeof item.payload.comment === 'string' ? 'incident.comment' : 'action.execute', item, () => this.actions.execute(item)),
        digest: () => this.deliverDigest(),
      },
      {
        concurrency: o.concurrency ?? 16,
        kindLimits: { notify: 4 },
        onStorageError: (err) => o.logger.warn({ err: err.message }, 'storage is busy; the outbox will try again'),
        onError: (item, err, final) =>
          (final ? o.logger.error.bind(o.logger) : o.logger.warn.bind(o.logger))({ kind: item.kind, lane: item.lane, err: err.message }, final ? 'outbox item failed for good' : 'outbox item will be retried'),
      },
    );
  }

  /** Starts delivering (and resumes whatever a previous process left in the outbox). */
  async start(): Promise<void> {
    // On the embedded database this process is the only worker: claims left behind are a dead process's.
    if (this.o.storage.embedded) await this.outbox.releaseAllClaims();
    await this.actions.resumeAll();
    this.worker.start();
    this.expiryTimer = setInterval(() => void this.expireApprovals().catch((err: Error) => this.o.logger.warn({ err: err.message }, 'expiring approvals failed; trying again shortly')), 15_000);
    this.expiryTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.expiryTimer) clearInterval(this.expiryTimer);
    await this.worker.stop();
  }

  /**
   * One incident update from the poller or the webhook: stored once per lastUpdateTime, with
   * its notification and matching runs queued in the same transaction (see IngestBatcher).
   */
  ingest(incident: SecurityIncident, source: string): Promise<IngestResult> {
    // From the poller this span starts the incident's trace; from the webhook it joins the request's.
    return inSpan('incident.ingest', { incidentId: incident.incidentId, attributes: { 'rampart.source': source } }, async (span) => {
      rememberIncidentTrace(incident.incidentId, span);
      const result = await this.ingestBatcher.ingest(incident, source);
      if (result.fresh) count('incidents', { source: source.split(':')[0], new: result.isNew });
      span.setAttribute('rampart.runs', result.runs);
      return result;
    });
  }

  /** Writes a comment to the Defender incident. */
  commentOnIncident(incidentId: string, comment: string): Promise<void> {
    return this.actions.commentOnIncident(incidentId, comment);
  }

  /** Queues a reply in the incident's thread. */
  async postToThread(incidentId: string, message: ThreadMessage & { remember?: { approvalId?: string; runId?: string } }, key: string): Promise<void> {
    if (await this.outbox.enqueue({ kind: 'post', lane: threadLane(incidentId), idempotencyKey: key, payload: { incidentId, ...message } })) this.worker.wake();
  }

  /** The notification card's data, from the stored incident and what Rampart did to its devices. */
  async notificationCard(incidentId: string, reason?: string): Promise<ThreadMessage> {
    const incident = await this.incidents.get(incidentId);
    if (!incident) throw new UnknownIncidentError(incidentId);
    const verdicts = verdictsFrom(await this.approvals.evidenceFor(incidentId));
    for (const [value, words] of (await this.o.verdicts?.lookUp(entitiesOf(incident).iocs)) ?? []) verdicts.set(value, words);
    const playbooks = await this.o.playbooks().catch(() => []);
    const summary = await this.summaries.summaryOf(incident, verdicts);
    return notificationMessage({ incident, approvals: await this.approvals.forIncident(incidentId), verdicts, playbooks, portalUrl: this.o.portalUrl, reason, summary });
  }

  /** Queues a live run of an enabled playbook on this incident (the Run playbook... button). */
  async runNow(incidentId: string, playbookId: string, by: ApprovalPerson): Promise<string> {
    const playbook = (await this.o.playbooks()).find((p) => p.playbookId === playbookId);
    if (!playbook) throw new AppError('PlaybookNotEnabled', 'That playbook is not enabled any more.', { httpStatus: 409, detail: `playbook ${playbookId} is not among the enabled ones` });
    const runId = `${incidentId}:${playbookId}:v${playbook.version}:manual:${Date.now()}`;
    await this.outbox.enqueue({ kind: 'run', lane: `run:${runId}`, idempotencyKey: `run:${runId}`, payload: { runId, incidentId, playbookId, version: playbook.version, by: by.name } });
    this.worker.wake();
    return `Running ${playbook.name} v${playbook.version} on incident ${incidentId}; progress follows in this thread.`;
  }

  /** Assign / resolve / comment from the card: a PATCH on the incident, told in the thread. */
  async updateIncidentFromCard(incidentId: string, patch: Record<string, unknown>, words: string, by: ApprovalPerson): Promise<string> {
    if (!this.o.defender) return 'Rampart has no Defender connection configured, so the incident was not changed.';
    const res = await this.o.defender.updateIncident(incidentId, patch);
    if (res.status >= 400) return `Defender refused the change (${res.status}): ${apiErrorText(res.body) ?? 'no details'}.`;
    const incident = await this.incidents.get(incidentId);
    if (incident) {
      const next = { ...incident, ...(patch.status ? { status: scalarText(patch.status) } : {}), ...(patch.assignedTo ? { assignedTo: scalarText(patch.assignedTo) } : {}), ...(patch.classification ? { classification: scalarText(patch.classification) } : {}) };
      await this.incidents.replace(next);
    }
    await this.o.audit.record({ actorId: by.id, actorName: by.name, kind: 'incident-updated', subject: incidentId, detail: patch });
    await this.postToThread(incidentId, { text: `${words} (by ${by.name}).` }, `card-update:${incidentId}:${Date.now()}:${Math.random()}`);
    return `${words}.`;
  }

  /** Asks for approval of one destructive action (see ActionApprovals.requestAction). */
  requestAction(input: ActionRequest): Promise<ActionApproval> {
    return this.flow.requestAction(input);
  }

  /** The Isolate / Release buttons (see ActionApprovals.requestDeviceAction). */
  requestDeviceAction(incidentId: string, machineId: string, action: 'isolate' | 'unisolate', requestedBy: ApprovalPerson, fromConversation?: string): Promise<ActionApproval> {
    return this.flow.requestDeviceAction(incidentId, machineId, action, requestedBy, fromConversation);
  }

  /** Approve or deny, exactly once. */
  async decide(approvalId: string, decision: 'approved' | 'denied', person: ApprovalPerson): Promise<DecisionResult> {
    const approval = await this.approvals.get(approvalId);
    return inSpan('approval.decide', { incidentId: approval?.incidentId, attributes: { 'rampart.approval.id': approvalId, 'rampart.action': approval?.action ?? 'unknown', 'rampart.decision': decision } }, async (span) => {
      const result = await this.flow.decide(approvalId, decision, person);
      span.setAttribute('rampart.approval.outcome', result.outcome);
      if (result.outcome === decision) count('approvals', { decision, action: approval?.action ?? 'unknown' });
      return result;
    });
  }

  /** Retry on a failed action's card. */
  async retryAction(approvalId: string, person: ApprovalPerson): Promise<DecisionResult> {
    const approval = await this.approvals.get(approvalId);
    return inSpan('approval.retry', { incidentId: approval?.incidentId, attributes: { 'rampart.approval.id': approvalId, 'rampart.action': approval?.action ?? 'unknown' } }, async (span) => {
      const result = await this.flow.retryAction(approvalId, person);
      span.setAttribute('rampart.approval.outcome', result.outcome);
      if (result.outcome === 'retried') count('approvals', { decision: 'retried', action: approval?.action ?? 'unknown' });
      return result;
    });
  }

  /** Outbox work as a span of its incident's trace. */
  private async traced(name: string, item: OutboxItem, work: () => Promise<unknown>): Promise<unknown> {
    const incidentId = typeof item.payload.incidentId === 'string' ? item.payload.incidentId : typeof item.payload.approvalId === 'string' ? (await this.approvals.get(item.payload.approvalId))?.incidentId : undefined;
    return inSpan(name, { incidentId, attributes: { 'rampart.outbox.kind': item.kind, 'rampart.outbox.attempt': item.attempts } }, () => work());
  }

  /** Marks overdue approvals expired and updates their cards. */
  expireApprovals(): Promise<void> {
    return this.flow.expireApprovals();
  }

  /** The live card of a playbook run as it stands. */
  runCard(runId: string): Promise<ThreadMessage> {
    return this.liveRuns.cardFor(runId);
  }

  /** The approval card for its current state. */
  async approvalCard(approval: ActionApproval, notice?: string): Promise<ThreadMessage> {
    return approvalMessage(approval, await this.incidents.get(approval.incidentId), notice, this.o.approverRule?.());
  }

  /** Waits until the outbox has nothing due (tests, benchmarks, shutdown). */
  async drained(timeoutMs = 30_000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (((await this.outbox.counts()).pending ?? 0) === 0) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  }

  /**
   * A burst: more new incidents wait for their thread than the channel shows in ~10 s. One
   * digest per five minutes (the idempotency key is the time bucket, so several instances
   * post one between them), ahead of everything else in the outbox.
   */
  async checkBurst(): Promise<void> {
    const threshold = this.o.burstDigestThreshold ?? 20;
    // At most one count every 500 ms however many batches arrive; the last batch is always counted.
    if (threshold <= 0 || this.burstCheckScheduled) return;
    this.burstCheckScheduled = true;
    const wait = Math.max(0, this.lastBurstCheck + 500 - Date.now());
    if (wait > 0) await new Promise((r) => this.o.storage.outsideTransaction(() => setTimeout(r, wait).unref()));
    this.burstCheckScheduled = false;
    this.lastBurstCheck = Date.now();
    if ((await this.outbox.pendingCount('notify')) <= threshold) return;
    const bucket = Math.floor(Date.now() / 300_000);
    if (await this.outbox.enqueue({ kind: 'digest', lane: 'channel:digest', idempotencyKey: `digest:${bucket}`, payload: {}, priority: PRIORITY.digest })) {
      this.o.logger.info({ bucket }, 'a burst of new incidents: posting a digest to the channel');
      this.worker.wake();
    }
  }

  /** The burst digest as it stands (who waits, the most severe first), with a line for the clicker. */
  async burstDigest(notice?: string): Promise<ThreadMessage> {
    const waiting = await this.incidents.waitingForThreads();
    const rank = (s: string): number => ['High', 'Medium', 'Low', 'Informational'].indexOf(s) + 1 || 5;
    const severities: Record<string, number> = {};
    for (const w of waiting) severities[w.severity] = (severities[w.severity] ?? 0) + 1;
    const top = [...waiting].sort((a, b) => b.priority - a.priority || rank(a.severity) - rank(b.severity) || b.incidentId.localeCompare(a.incidentId)).slice(0, 8);
    return {
      card: burstDigestCard({
        waiting: waiting.length,
        severities,
        top,
        needingDecision: waiting.filter((w) => w.priority >= PRIORITY.decision).length,
        // Teams lets a bot start about 2 threads a second in one channel.
        etaMinutes: Math.max(1, Math.ceil(waiting.length / 120)),
        portalUrl: this.o.portalUrl,
        notice,
      }),
    };
  }

  /** The digest's "Open thread" button: that incident's notification goes next. */
  async openThreadNext(incidentId: string): Promise<string> {
    if (await this.outbox.prioritize(`notify:${incidentId}`, PRIORITY.asked)) {
      this.worker.wake();
      return `The thread of incident ${incidentId} opens next.`;
    }
    return (await this.incidents.thread(incidentId))?.conversationId ? `Incident ${incidentId} already has its thread in this channel.` : `Incident ${incidentId} is not waiting for a thread.`;
  }

  // --- outbox handlers -------------------------------------------------------------------

  private async deliverDigest(): Promise<unknown> {
    const threshold = this.o.burstDigestThreshold ?? 20;
    const waiting = await this.outbox.pendingCount('notify');
    if (waiting <= Math.floor(threshold / 2)) return { skipped: 'the burst drained before the digest went out', waiting };
    const started = await this.o.teams.startThread(await this.burstDigest());
    return { conversationId: started.conversationId, waiting };
  }

  /**
   * Posts an incident's thread once. The Bot Connector takes no idempotency key, so the send is
   * marked on the outbox item (committed) before it goes out; an attempt that finds the mark
   * and no thread saved (the process died, or the answer was lost, once Teams may have posted)
   * first looks for the post in the channel and adopts it. Not found, it waits until a cut-off
   * send would have landed (`inFlightGraceMs`), then posts.
   */
  private async deliverNotification(item: OutboxItem): Promise<unknown> {
    const incidentId = String(item.payload.incidentId);
    const existing = await this.incidents.thread(incidentId);
    if (existing?.conversationId) return { conversationId: existing.conversationId };
    if (item.sendingAt) {
      const adopted = await this.adoptEarlierThread(incidentId, item.sendingAt);
      if (adopted) return adopted;
    }
    const message = await this.notificationCard(incidentId);
    await this.outbox.markSending(item.id, new Date());
    let started: StartedThread;
    try {
      started = await this.o.teams.startThread(message);
    } catch (err) {
      if (err instanceof RetryLater && err.notSent) await this.outbox.markSending(item.id, null);
      throw err;
    }
    await this.saveThread(incidentId, started);
    return { conversationId: started.conversationId };
  }

  private async saveThread(incidentId: string, started: StartedThread): Promise<void> {
    await this.incidents.saveThread({ incidentId, channelId: started.channelId, conversationId: started.conversationId, rootActivityId: started.rootActivityId, reference: started.reference });
  }

  /**
   * After a send that may have gone out: the thread, adopted, when the channel shows it; undefined
   * when it is certainly not there and the send had time to land (post it now). Throws RetryLater
   * while it may still land, or while the channel cannot be read for a reason that passes.
   */
  private async adoptEarlierThread(incidentId: string, sendingAt: string): Promise<{ conversationId: string; adopted: true } | undefined> {
    const sentAt = new Date(sendingAt).getTime();
    let found: StartedThread | undefined | 'unavailable';
    try {
      // Teams stamps the post with its own clock: look from a little before ours.
      found = await this.o.teams.findThread(notificationMarker(incidentId), new Date(sentAt - CLOCK_SKEW_MS));
    } catch (err) {
      throw new RetryLater(`could not look in the channel for an earlier post (${errorMessage(err)}); nothing is posted until Rampart can`, 5000, true, true);
    }
    if (found === 'unavailable') {
      if (!this.warnedNoLookup) this.o.logger.warn({ incidentId }, 'Rampart cannot read the SOC channel (Graph is not configured, or ChannelMessage.Read.Group is not granted): a notification whose send was cut off is posted again after the grace, and may appear twice');
      this.warnedNoLookup = true;
    } else if (found) {
      await this.saveThread(incidentId, found);
      this.o.logger.info({ incidentId, conversationId: found.conversationId }, 'found the thread of an earlier, cut-off post in the channel; adopted it rather than posting again');
      return { conversationId: found.conversationId, adopted: true };
    }
    const settledAt = sentAt + (this.o.inFlightGraceMs ?? 40_000);
    if (settledAt > Date.now()) throw new RetryLater('an earlier post may still land in the channel; looking again once it had time to', settledAt - Date.now(), true);
    return undefined;
  }

  private async threadReference(incidentId: string): Promise<ThreadReference> {
    const thread = await this.incidents.thread(incidentId);
    if (!thread?.reference) throw new RetryLater(`the thread of incident ${incidentId} is not posted yet`, 2000, true);
    return thread.reference;
  }

  private async messageFor(payload: Record<string, unknown>): Promise<ThreadMessage> {
    if (typeof payload.approvalCard === 'string') {
      const approval = await this.approvals.get(payload.approvalCard);
      if (!approval) throw new AppError('ApprovalMissing', 'That approval is no longer on record.', { detail: `approval ${payload.approvalCard} is missing` });
      return this.approvalCard(approval);
    }
    if (typeof payload.runSummary === 'string') {
      return await this.liveRuns.cardFor(payload.runSummary);
    }
    if (payload.notification === true) return this.notificationCard(String(payload.incidentId), typeof payload.reason === 'string' ? payload.reason : undefined);
    return { text: typeof payload.text === 'string' ? payload.text : undefined, card: payload.card as ThreadMessage['card'] };
  }

  private async deliverPost(item: OutboxItem): Promise<unknown> {
    const incidentId = String(item.payload.incidentId);
    const reference = await this.threadReference(incidentId);
    if (typeof item.payload.approvalCard === 'string') {
      const approval = await this.approvals.get(item.payload.approvalCard);
      if (approval) await this.lookUpMachine(approval);
    }
    const id = await this.o.teams.reply(reference, await this.messageFor(item.payload));
    if (id && typeof item.payload.approvalCard === 'string') await this.approvals.update(item.payload.approvalCard, { cardActivityId: id });
    if (id && typeof item.payload.runSummary === 'string') await this.runs.setSummaryActivity(item.payload.runSummary, id);
    return { activityId: id };
  }

  private async deliverUpdate(item: OutboxItem): Promise<unknown> {
    const incidentId = String(item.payload.incidentId);
    const reference = await this.threadReference(incidentId);
    let activityId: string | undefined;
    if (typeof item.payload.approvalCard === 'string') activityId = (await this.approvals.get(item.payload.approvalCard))?.cardActivityId;
    else if (typeof item.payload.runSummary === 'string') activityId = (await this.runs.get(item.payload.runSummary))?.summaryActivityId;
    else if (item.payload.notification === true) activityId = (await this.incidents.thread(incidentId))?.rootActivityId;
    if (!activityId) return { skipped: 'the card to update was never posted' };
    await this.o.teams.update(reference, activityId, await this.messageFor(item.payload));
    return { activityId };
  }

  /**
   * Before an approval card is first posted: what Defender knows about the machine now (last
   * seen above all). A failed lookup is said on the card rather than hidden.
   */
  private async lookUpMachine(approval: ActionApproval): Promise<void> {
    const machineId = approval.target.machineId;
    if (!machineId || approval.target.lastSeen) return;
    const machine = this.o.defender ? await this.o.defender.getMachine(machineId).catch(() => undefined) : undefined;
    await this.approvals.completeTarget(approval.id, {
      deviceName: machine?.computerDnsName ?? undefined,
      osPlatform: machine?.osPlatform ?? undefined,
      riskScore: machine?.riskScore ?? undefined,
      healthStatus: machine?.healthStatus ?? undefined,
      lastSeen: machine?.lastSeen ?? (this.o.defender ? 'unknown: Defender did not answer the machine lookup' : 'unknown: no Defender connection is configured'),
    });
  }

  get system(): ApprovalPerson {
    return SYSTEM;
  }
}

