import type { ActionApproval } from '../records/approval';
import { RetryLater, threadLane, type OutboxItem } from './outbox';
import type { ApiAnswer, DefenderGateway, MachineActionInfo } from './ports';
import { findEarlierSend, type EarlierSend } from './reconcile';
import { actionLabel, pastTense, targetName } from './threadCards';
import type { DeskContext } from './desk';
import { count, failed, inSpan, SpanKind } from '../telemetry';
import { scalarText } from '../json';

const TERMINAL_MACHINE_STATUSES = new Set(['Succeeded', 'Failed', 'Cancelled', 'TimeOut']);

/**
 * The approved-action side of the desk: sends each approved action once (reconciling before any
 * resend), follows machine actions to their end, tells the thread and comments on the incident.
 */
export class ApprovedActionSender {
  constructor(private readonly ctx: DeskContext) {}

  /**
   * Sends an approved action exactly once and follows it to its end. `sending` is committed
   * before the call; while an action is `sending`, an earlier attempt may have gone out, so
   * Defender / Graph is asked first (machine actions by the device's list, indicators by value,
   * users by their state) and the action is sent only when that look-up finds nothing. A call
   * cut off without an answer is given time to land before that look-up. Throttling, 5xx and
   * network trouble are retried with backoff; after the retry window the thread says the
   * action failed and the approval card offers Retry.
   */
  async execute(item: OutboxItem): Promise<unknown> {
    if (typeof item.payload.runComment === 'string' && typeof item.payload.comment === 'string') {
      // A finished run's outcome, written back to the incident.
      await this.commentOnIncident(String(item.payload.incidentId), item.payload.comment);
      return { commented: true };
    }
    const approvalId = String(item.payload.approvalId);
    const approval = await this.ctx.approvals.get(approvalId);
    if (!approval) return { skipped: 'unknown approval' };
    if (typeof item.payload.comment === 'string') {
      await this.commentOnIncident(approval.incidentId, item.payload.comment);
      return { commented: true };
    }
    if (!['approved', 'sending', 'sent'].includes(approval.status)) return { status: approval.status };
    const defender = this.ctx.o.defender;
    try {
      if (!defender) throw new RetryLater('no Defender connection is configured (TENANT_ID, CLIENT_ID, CLIENT_SECRET)', 30_000, true, true);
      return await this.sendApproved(approvalId, defender);
    } catch (err) {
      const current = (await this.ctx.approvals.get(approvalId))!;
      const started = new Date(current.sendStartedAt ?? current.decidedAt ?? current.createdAt).getTime();
      const window = this.ctx.o.actionRetryWindowMs ?? 15 * 60_000;
      const reason = err instanceof Error ? err.message : String(err);
      if (current.status !== 'sent' && Date.now() - started > window) {
        await this.ctx.approvals.update(approvalId, { status: 'failed', error: `not sent: ${reason} (tried for ${Math.round((Date.now() - started) / 60_000)} min)` });
        await this.finishAction(approvalId, `${actionLabel(current.action)} of ${targetName(current.target)} failed: Defender kept failing (${reason}). Approved by ${current.decidedBy?.name ?? 'unknown'}. Use Retry on the approval card to try again; Rampart looks for an earlier attempt before sending.`);
        return { status: 'failed', error: reason };
      }
      if (err instanceof RetryLater) throw err;
      // A lookup that failed, a timeout, a reset connection: maybe acted on; look again before any resend.
      throw new RetryLater(reason, 1000, true, true);
    }
  }

  private async sendApproved(approvalId: string, defender: DefenderGateway): Promise<unknown> {
    const lane = threadLane((await this.ctx.approvals.get(approvalId))!.incidentId);
    let approval = (await this.ctx.approvals.get(approvalId))!;
    if (approval.status === 'approved') {
      await this.ctx.approvals.markSending(approvalId);
      approval = (await this.ctx.approvals.get(approvalId))!;
      this.ctx.runChanged(approval.runId, `sending:${approvalId}:${approval.retries}`);
    } else if (approval.status === 'sending') {
      if (approval.sendingAt) {
        // A call that got no answer (cut off by a crash or a timeout) may still land: look only once it had time to.
        const settledAt = new Date(approval.sendingAt).getTime() + (this.ctx.o.inFlightGraceMs ?? 40_000);
        if (settledAt > Date.now()) throw new RetryLater('an earlier attempt may still be in flight; reconciling once it has landed', settledAt - Date.now(), true);
      }
      let earlier: EarlierSend | undefined;
      try {
        earlier = await findEarlierSend(defender, approval);
      } catch (err) {
        throw new RetryLater(`could not look for an earlier attempt (${(err as Error).message}); nothing is sent until Rampart can`, 5000, true, true);
      }
      if (earlier?.kind === 'machineAction') {
        await this.ctx.approvals.update(approvalId, { status: 'sent', machineActionId: earlier.action.id, machineActionStatus: earlier.action.status });
      } else if (earlier?.kind === 'inEffect') {
        await this.ctx.approvals.update(approvalId, { status: 'succeeded', machineActionStatus: earlier.what });
      }
      approval = (await this.ctx.approvals.get(approvalId))!;
    }
    if (approval.status === 'sending') {
      await this.ctx.approvals.markAttempt(approvalId);
      let answer: ApiAnswer;
      const request = withApprovalComment(approval);
      try {
        answer = await inSpan(`${request.api} ${approval.action}`, { incidentId: approval.incidentId, kind: SpanKind.CLIENT, attributes: { 'rampart.action': approval.action, 'rampart.approval.id': approval.id, 'http.request.method': request.method, 'url.path': request.path } }, async (span) => {
          const sent = await defender.send(request);
          span.setAttribute('http.response.status_code', sent.status);
          const outcome = sent.status < 300 ? 'sent' : sent.status === 429 || sent.status >= 500 ? 'retry' : 'refused';
          count('actions', { action: approval.action, outcome });
          if (sent.status >= 400) failed(span, `${request.api} answered ${sent.status}`, `${request.api} ${approval.action}`);
          return sent;
        });
      } catch (err) {
        // No answer: it may have gone out. `sending_at` stays set, so the next try waits, then looks.
        throw new RetryLater(`no answer from Defender (${(err as Error).message})`, 1000, true, true);
      }
      await this.ctx.approvals.markAttempt(approvalId, true);
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
        await this.ctx.approvals.update(approvalId, { status: 'sent', machineActionId: late.action.id, machineActionStatus: late.action.status });
      } else if (answer.status >= 400) {
        const message = apiErrorText(answer.body) ?? `Defender answered ${answer.status}`;
        await this.ctx.approvals.update(approvalId, { status: 'failed', error: message });
        await this.finishAction(approvalId, `${actionLabel(approval.action)} of ${targetName(approval.target)} failed: ${message}. Approved by ${approval.decidedBy?.name ?? 'unknown'}.`);
        return { status: answer.status };
      } else {
        const body = (answer.body ?? {}) as { id?: string; status?: string };
        await this.ctx.approvals.update(approvalId, { status: body.id && approval.target.machineId ? 'sent' : 'succeeded', machineActionId: body.id, machineActionStatus: body.status ?? 'Pending' });
      }
    }
    approval = (await this.ctx.approvals.get(approvalId))!;
    const round = approval.retries > 0 ? `:retry${approval.retries}` : '';
    if (approval.status === 'sent' || approval.status === 'succeeded') {
      await this.ctx.outbox.enqueue({ kind: 'update', lane, idempotencyKey: `approval-sent:${approvalId}${round}`, payload: { incidentId: approval.incidentId, approvalCard: approvalId } });
      this.ctx.runChanged(approval.runId, `sent:${approvalId}${round}`);
      await this.ctx.outbox.enqueue({
        kind: 'post',
        lane,
        idempotencyKey: `action-sent:${approvalId}${round}`,
        payload: { incidentId: approval.incidentId, text: `${actionLabel(approval.action)} of ${targetName(approval.target)} sent (approved by ${approval.decidedBy?.name ?? 'unknown'})${approval.machineActionId ? `: machine action ${approval.machineActionId} is ${approval.machineActionStatus ?? 'Pending'}` : ''}.` },
      });
      this.ctx.wake();
    }
    if (approval.status === 'sent' && approval.machineActionId) {
      const final = await this.followMachineAction(defender, approval.machineActionId);
      const ok = final?.status === 'Succeeded';
      await this.ctx.approvals.update(approvalId, { status: ok ? 'succeeded' : 'failed', machineActionStatus: final?.status ?? 'unknown (timed out following it)', error: ok ? null : `machine action ended ${final?.status ?? 'without an answer in time'}` });
      approval = (await this.ctx.approvals.get(approvalId))!;
      const who = approval.decidedBy?.name ?? 'unknown';
      const words = ok
        ? `${targetName(approval.target)} ${pastTense(approval.action)}, approved by ${who} (machine action ${approval.machineActionId}: Succeeded).`
        : `${actionLabel(approval.action)} of ${targetName(approval.target)} did not succeed: machine action ${approval.machineActionId} ended ${final?.status ?? 'without an answer in time'}. Approved by ${who}.`;
      await this.finishAction(approvalId, words);
    } else if (approval.status === 'succeeded') {
      await this.finishAction(approvalId, `${actionLabel(approval.action)} of ${targetName(approval.target)} done${approval.machineActionStatus && !approval.machineActionId && approval.machineActionStatus !== 'Pending' ? ` (${approval.machineActionStatus})` : ''}, approved by ${approval.decidedBy?.name ?? 'unknown'}.`);
    }
    return { status: (await this.ctx.approvals.get(approvalId))?.status };
  }

  async finishAction(approvalId: string, words: string): Promise<void> {
    const approval = (await this.ctx.approvals.get(approvalId))!;
    const lane = threadLane(approval.incidentId);
    // Each Retry is a new round with its own result messages.
    const round = approval.retries > 0 ? `:retry${approval.retries}` : '';
    await this.ctx.atomically(async () => {
      await this.ctx.outbox.enqueue({ kind: 'post', lane, idempotencyKey: `action-result:${approvalId}${round}`, payload: { incidentId: approval.incidentId, text: words } });
      await this.ctx.outbox.enqueue({ kind: 'update', lane, idempotencyKey: `approval-final:${approvalId}${round}`, payload: { incidentId: approval.incidentId, approvalCard: approvalId } });
      await this.ctx.outbox.enqueue({ kind: 'update', lane, idempotencyKey: `notification-refresh:${approvalId}${round}`, payload: { incidentId: approval.incidentId, notification: true } });
      if (!approval.incidentId.startsWith('sentinel:')) {
        await this.ctx.outbox.enqueue({ kind: 'execute', lane: `comment:${approvalId}`, idempotencyKey: `comment:${approvalId}${round}`, payload: { approvalId, comment: `Rampart: ${words}` } });
      }
      this.ctx.runChanged(approval.runId, `final:${approvalId}${round}`);
    });
    this.ctx.wake();
  }

  private async followMachineAction(defender: DefenderGateway, id: string): Promise<MachineActionInfo | undefined> {
    const until = Date.now() + (this.ctx.o.machineActionTimeoutMs ?? 10 * 60_000);
    let last: MachineActionInfo | undefined;
    while (Date.now() < until) {
      last = await defender.getMachineAction(id).catch(() => last);
      if (last && TERMINAL_MACHINE_STATUSES.has(last.status)) return last;
      await new Promise((r) => setTimeout(r, this.ctx.o.machineActionPollMs ?? 2000));
    }
    return last && TERMINAL_MACHINE_STATUSES.has(last.status) ? last : undefined;
  }

  /**
   * At start-up every approved action not finished is resumed, whatever became of its outbox
   * item (pending, failed for good, or marked done by an older version): a fresh item is queued
   * unless one is still pending, and `sending` makes it look before it sends.
   */
  async resumeAll(): Promise<void> {
    for (const a of await this.ctx.approvals.inFlight()) {
      const lane = `action:${a.id}`;
      if (await this.ctx.outbox.hasPending(lane)) continue;
      await this.ctx.outbox.enqueue({ kind: 'execute', lane, idempotencyKey: `execute:${a.id}:resume:${Date.now()}`, payload: { approvalId: a.id } });
    }
  }

  /** Writes a comment to the Defender incident (the `execute` kind with a comment payload). */
  async commentOnIncident(incidentId: string, comment: string): Promise<void> {
    if (!this.ctx.o.defender) return;
    const answer = await this.ctx.o.defender.updateIncident(incidentId, { comment });
    if (answer.status === 429 || answer.status >= 500) throw new RetryLater(`Defender answered ${answer.status}`, (answer.retryAfterSeconds ?? 5) * 1000);
    if (answer.status >= 400) this.ctx.o.logger.warn({ incidentId, status: answer.status }, 'could not comment on the incident');
  }
}

function withApprovalComment(approval: ActionApproval): { api: string; method: string; path: string; body?: unknown } {
  const body = (approval.request.body && typeof approval.request.body === 'object' ? { ...(approval.request.body as Record<string, unknown>) } : approval.request.body) as Record<string, unknown> | undefined;
  if (body && approval.target.machineId && approval.request.api === 'defender') {
    const key = 'Comment' in body ? 'Comment' : 'comment' in body ? 'comment' : 'Comment';
    body[key] = `${scalarText(body[key], actionLabel(approval.action))} [Rampart approval ${approval.id}, approved by ${approval.decidedBy?.name ?? 'unknown'}]`;
  }
  return { ...approval.request, body };
}

export function apiErrorText(body: unknown): string | undefined {
  const e = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
  return e ? `${e.code ?? 'error'}: ${e.message ?? ''}`.trim() : undefined;
}
