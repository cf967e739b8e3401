import type { ActionApproval, ActionTarget, ApprovalPerson } from '../records/approval';
import type { IncidentThread } from '../records/incident';
import { devicesOf, entitiesOf } from './model';
import { threadLane } from './outbox';
import { actionLabel, statusWords, targetName } from './threadCards';
import { ForeignDeviceError, PRIORITY, UnknownIncidentError, type ActionRequest, type DecisionResult, type DeskContext } from './desk';

/**
 * The approval state machine of destructive actions: pending -> approved / denied / expired,
 * exactly once; approved -> sending -> sent / succeeded / failed (ApprovedActionSender);
 * failed -> sending again on Retry. Who may decide is the desk's ApprovalRule; what is
 * approved is what Rampart stored, never what a card payload says.
 */
export class ActionApprovals {
  constructor(private readonly ctx: DeskContext) {}

  /**
   * Asks for approval of one destructive action (from a run's deferred event or a card
   * button). Stored once per idempotency key; the approval card goes to the thread.
   */
  async requestAction(input: ActionRequest): Promise<ActionApproval> {
    await this.assertOwnDevice(input.incidentId, input.target, input.request);
    const approval = await this.ctx.atomically(async () => {
      const { approval, created } = await this.ctx.approvals.create({ ...input, expiresAt: new Date(Date.now() + this.ctx.o.approvalTtlMinutes * 60_000) });
      if (!created) return approval;
      if (input.unattended) {
        // Approved in advance with the playbook version: no card, straight to sending.
        await this.ctx.approvals.decide(approval.id, 'approved', { id: `playbook:${input.playbookId}`, name: `playbook ${input.playbookId} v${input.playbookVersion} (approved for unattended actions)` });
        await this.ctx.outbox.enqueue({ kind: 'execute', lane: `action:${approval.id}`, idempotencyKey: `execute:${approval.id}`, payload: { approvalId: approval.id }, priority: PRIORITY.decision });
      } else {
        await this.ctx.outbox.enqueue({ kind: 'post', lane: threadLane(input.incidentId), idempotencyKey: `approval-card:${approval.id}`, payload: { incidentId: input.incidentId, approvalCard: approval.id }, priority: PRIORITY.decision });
      }
      return (await this.ctx.approvals.get(approval.id))!;
    });
    this.ctx.wake();
    return approval;
  }

  /**
   * A device action names one of the incident's own devices, and the request goes to that same
   * device: whatever a card payload or a playbook says, nothing else can be put up for approval.
   */
  private async assertOwnDevice(incidentId: string, target: ActionTarget, request: { api: string; path: string }): Promise<void> {
    const onPath = request.api === 'defender' ? /^\/api\/machines\/([^/]+)\//i.exec(request.path)?.[1] : undefined;
    const named = [target.machineId, onPath === undefined ? undefined : decodeURIComponent(onPath)].filter((v): v is string => Boolean(v));
    if (named.length === 0) return;
    const incident = await this.ctx.incidents.get(incidentId);
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
    const incident = await this.ctx.incidents.get(incidentId);
    if (!incident) throw new UnknownIncidentError(incidentId);
    const thread = await this.ctx.incidents.thread(incidentId);
    if (fromConversation !== undefined && thread?.conversationId && !isThread(fromConversation, thread)) {
      throw new ForeignDeviceError(`This button does not belong to incident ${incidentId}'s thread, so nothing was requested.`);
    }
    const device = devicesOf(incident).find((d) => d.machineId === machineId);
    if (!device) throw new ForeignDeviceError(`Device ${machineId} is not one of incident ${incidentId}'s devices, so Rampart does not ask to act on it.`);
    const open = await this.ctx.approvals.openFor(incidentId, action, machineId);
    if (open) return open;
    const machine = await this.ctx.o.defender?.getMachine(machineId).catch(() => undefined);
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
    const verdicts = (await this.ctx.o.verdicts?.lookUp(deviceIocs)) ?? new Map<string, string>();
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

  /** Approve or deny, exactly once; a second click, a late click or a not-allowed click changes nothing. */
  async decide(approvalId: string, decision: 'approved' | 'denied', person: ApprovalPerson): Promise<DecisionResult> {
    await this.expireApprovals();
    const approval = await this.ctx.approvals.get(approvalId);
    if (!approval) return { outcome: 'unknown', message: 'This approval request is not known to Rampart (it may belong to another deployment).' };
    if (approval.status === 'expired') return { outcome: 'expired', approval, message: `This request expired at ${approval.expiresAt}; nothing was sent. Click Isolate again (or re-run the playbook) to ask anew.` };
    if (approval.status !== 'pending') return { outcome: 'already-decided', approval, message: `Already decided by ${approval.decidedBy?.name ?? 'someone else'}; your click changed nothing.` };
    const verdict = await this.ctx.o.canApprove(person, approval);
    if (!verdict.allowed) {
      await this.ctx.o.audit.record({ actorId: person.id, actorName: person.name, kind: 'action-approval-refused', subject: approval.id, detail: { reason: verdict.reason, action: approval.action } });
      return { outcome: 'not-allowed', approval, message: verdict.reason };
    }
    const changed = await this.ctx.atomically(async () => {
      if (!(await this.ctx.approvals.decide(approvalId, decision, person))) return false;
      if (decision === 'approved') {
        await this.ctx.outbox.enqueue({ kind: 'execute', lane: `action:${approvalId}`, idempotencyKey: `execute:${approvalId}`, payload: { approvalId }, priority: PRIORITY.decision });
      } else {
        await this.ctx.outbox.enqueue({ kind: 'post', lane: threadLane(approval.incidentId), idempotencyKey: `denied:${approvalId}`, payload: { incidentId: approval.incidentId, text: `${actionLabel(approval.action)} of ${targetName(approval.target)} was denied by ${person.name}. Nothing was sent.` } });
      }
      return true;
    });
    const current = (await this.ctx.approvals.get(approvalId))!;
    if (!changed) {
      return current.status === 'expired'
        ? { outcome: 'expired', approval: current, message: `This request expired at ${current.expiresAt}; nothing was sent.` }
        : { outcome: 'already-decided', approval: current, message: `Already decided by ${current.decidedBy?.name ?? 'someone else'}; your click changed nothing.` };
    }
    this.ctx.runChanged(current.runId, `decided:${approvalId}`);
    await this.ctx.o.audit.record({ actorId: person.id, actorName: person.name, kind: decision === 'approved' ? 'action-approved' : 'action-denied', subject: approvalId, detail: { incidentId: approval.incidentId, action: approval.action, target: approval.target } });
    this.ctx.wake();
    return { outcome: decision, approval: current, message: decision === 'approved' ? `Approved by ${person.name}; sending now.` : `Denied by ${person.name}.` };
  }

  /** Marks overdue approvals expired and updates their cards. */
  async expireApprovals(): Promise<void> {
    const expired = await this.ctx.approvals.expireDue();
    for (const a of expired) {
      await this.ctx.outbox.enqueue({ kind: 'update', lane: threadLane(a.incidentId), idempotencyKey: `approval-expired:${a.id}`, payload: { incidentId: a.incidentId, approvalCard: a.id } });
      this.ctx.runChanged(a.runId, `expired:${a.id}`);
    }
    if (expired.length > 0) this.ctx.wake();
  }

  /** Retry on a failed action's card: by someone allowed to approve it; reconciles before anything is sent. */
  async retryAction(approvalId: string, person: ApprovalPerson): Promise<DecisionResult> {
    const approval = await this.ctx.approvals.get(approvalId);
    if (!approval) return { outcome: 'unknown', message: 'This approval request is not known to Rampart (it may belong to another deployment).' };
    if (approval.status !== 'failed') return { outcome: 'already-decided', approval, message: `This action is ${statusWords(approval)}; there is nothing to retry.` };
    const verdict = await this.ctx.o.canApprove(person, approval);
    if (!verdict.allowed) {
      await this.ctx.o.audit.record({ actorId: person.id, actorName: person.name, kind: 'action-retry-refused', subject: approval.id, detail: { reason: verdict.reason, action: approval.action } });
      return { outcome: 'not-allowed', approval, message: verdict.reason };
    }
    const reopened = await this.ctx.atomically(async () => {
      if (!(await this.ctx.approvals.reopenForRetry(approvalId))) return false;
      const retries = (await this.ctx.approvals.get(approvalId))!.retries;
      await this.ctx.outbox.enqueue({ kind: 'execute', lane: `action:${approvalId}`, idempotencyKey: `execute:${approvalId}:retry${retries}`, payload: { approvalId } });
      await this.ctx.outbox.enqueue({ kind: 'post', lane: threadLane(approval.incidentId), idempotencyKey: `retry:${approvalId}:${retries}`, payload: { incidentId: approval.incidentId, text: `${person.name} asked to retry ${actionLabel(approval.action).toLowerCase()} of ${targetName(approval.target)}; Rampart checks Defender for an earlier attempt first.` } });
      return true;
    });
    const current = (await this.ctx.approvals.get(approvalId))!;
    if (!reopened) return { outcome: 'already-decided', approval: current, message: 'Someone else retried it first.' };
    this.ctx.runChanged(current.runId, `retried:${approvalId}:${current.retries}`);
    await this.ctx.o.audit.record({ actorId: person.id, actorName: person.name, kind: 'action-retried', subject: approvalId, detail: { incidentId: approval.incidentId, action: approval.action, target: approval.target } });
    this.ctx.wake();
    return { outcome: 'retried', approval: current, message: `Retried by ${person.name}.` };
  }
}

/**
 * Whether a click came from the incident's own thread. Every thread of the SOC channel is
 * `<channel>;messageid=<root>`, so sharing the channel is not enough: the root must be the
 * thread's own (however Teams spells the id around it).
 */
function isThread(conversationId: string, thread: IncidentThread): boolean {
  if (conversationId === thread.conversationId) return true;
  const [channel, root] = conversationId.split(';messageid=');
  return channel === thread.channelId && root !== undefined && root === thread.rootActivityId;
}
