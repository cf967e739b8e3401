import { createHash } from 'node:crypto';
import { AppError } from '../errors';
import { runCard, type RunCardStep, type RunStepState } from '../cards/runCard';
import type { ActionApproval } from '../records/approval';
import { threadLane } from './outbox';
import type { ThreadMessage } from './ports';
import type { IncidentRun, RunEntry } from '../records/run';
import type { DeskContext } from './desk';

const TERMINAL = new Set(['succeeded', 'failed', 'denied', 'expired']);

/** "14:02 UTC". */
function at(iso?: string): string {
  return iso ? `${iso.slice(11, 16)} UTC` : '';
}

/**
 * The live run card: one card per playbook run in the incident's thread, redrawn in place
 * (through the outbox, so Teams limits and outages only delay it) whenever the playbook reports
 * a step or one of the run's approvals moves. When the run has ended and every action has
 * reached its end, the outcome is written back to the incident as a comment naming the approvers.
 */
export class LiveRunCards {
  constructor(private readonly ctx: DeskContext) {}

  /** The run card as it stands now, drawn from the run's record and its approvals. */
  async cardFor(runId: string): Promise<ThreadMessage> {
    const run = await this.ctx.runs.get(runId);
    if (!run) throw new AppError('RunMissing', 'That playbook run is no longer on record.', { detail: `run ${runId} is missing` });
    const view = this.view(run, await this.approvalsOf(run));
    return {
      card: runCard({
        runId,
        incidentId: run.incidentId,
        playbookName: run.playbookName,
        version: run.version,
        state: view.state,
        startedAt: run.startedAt,
        endedAt: run.endedAt,
        steps: view.steps,
        summary: run.summary,
        approvers: view.approvers,
      }),
    };
  }

  /** A step was reported or an approval of the run moved: stamp its timings, redraw the card, and at the very end comment on the incident. */
  async changed(runId: string | undefined, why: string): Promise<void> {
    if (!runId) return;
    const run = await this.ctx.runs.get(runId);
    if (!run) return;
    const approvals = await this.approvalsOf(run);
    if (this.stampTimings(run, approvals)) await this.ctx.runs.progress(runId, run.steps, run.status);
    const view = this.view(run, approvals);
    const lane = threadLane(run.incidentId);
    const signature = createHash('sha256').update(JSON.stringify([run.status, run.endedAt ?? '', view.steps.map((s) => [s.state, s.detail])])).digest('hex').slice(0, 16);
    await this.ctx.outbox.enqueue({ kind: 'update', lane, idempotencyKey: `run-card:${runId}:${why}:${signature}`, payload: { incidentId: run.incidentId, runSummary: runId } });
    if (run.endedAt && view.settled && !run.incidentId.startsWith('sentinel:')) {
      await this.ctx.outbox.enqueue({
        kind: 'execute',
        lane: `comment:run:${runId}`,
        idempotencyKey: `run-comment:${runId}:${signature}`,
        payload: { runComment: runId, incidentId: run.incidentId, comment: this.comment(run, view) },
      });
    }
    this.ctx.wake();
  }

  /** The approvals a run's actions wait on, read once per redraw. */
  private async approvalsOf(run: IncidentRun): Promise<Map<string, ActionApproval>> {
    const out = new Map<string, ActionApproval>();
    for (const entry of run.steps) {
      if (!entry.approvalId || out.has(entry.approvalId)) continue;
      const approval = await this.ctx.approvals.get(entry.approvalId);
      if (approval) out.set(entry.approvalId, approval);
    }
    return out;
  }

  /** Start and end times of each approved action, this round (a Retry starts a new one). */
  private stampTimings(run: IncidentRun, approvals: Map<string, ActionApproval>): boolean {
    let changed = false;
    const now = new Date().toISOString();
    for (const entry of run.steps) {
      if (!entry.approvalId) continue;
      const approval = approvals.get(entry.approvalId);
      if (!approval) continue;
      if ((entry.round ?? 0) !== approval.retries) {
        entry.round = approval.retries;
        entry.startedAt = undefined;
        entry.endedAt = undefined;
        changed = true;
      }
      if (!entry.startedAt && ['approved', 'sending', 'sent', 'succeeded', 'failed'].includes(approval.status) && approval.decidedAt) {
        entry.startedAt = approval.retries > 0 ? now : approval.sendStartedAt ?? approval.decidedAt;
        changed = true;
      }
      if (!entry.endedAt && TERMINAL.has(approval.status)) {
        entry.endedAt = approval.status === 'denied' ? approval.decidedAt ?? now : now;
        changed = true;
      }
    }
    return changed;
  }

  private view(run: IncidentRun, approvals: Map<string, ActionApproval>): { state: string; steps: RunCardStep[]; approvers: string[]; settled: boolean } {
    const approvers = new Set<string>();
    const steps = run.steps.map((entry) => {
      const approval = entry.approvalId ? approvals.get(entry.approvalId) : undefined;
      if (approval?.decidedBy && approval.status !== 'denied' && !approval.decidedBy.id.startsWith('playbook:')) approvers.add(approval.decidedBy.name);
      return this.step(entry, approval);
    });
    const states = steps.map((s) => s.state);
    const failed = run.status.startsWith('failed');
    const open = states.some((s) => s === 'waiting' || s === 'running' || s === 'queued');
    let state: string;
    if (states.includes('waiting')) state = 'waiting for approval';
    else if (!run.endedAt || states.includes('running') || states.includes('queued')) state = 'running';
    else if (failed) state = `failed${run.status.length > 6 ? `: ${run.status.slice(8)}` : ''}`;
    else if (states.includes('failed')) state = 'finished with failures';
    else if (states.includes('denied') || states.includes('expired')) state = 'finished; some actions were not approved';
    else state = 'succeeded';
    return { state, steps, approvers: [...approvers], settled: !open };
  }

  private step(entry: RunEntry, approval?: ActionApproval): RunCardStep {
    const base: RunCardStep = { title: entry.kind === 'condition' ? 'Condition' : entry.text, target: entry.target, state: 'done', queuedAt: entry.at, startedAt: entry.startedAt, endedAt: entry.endedAt };
    if (entry.kind === 'condition') return { ...base, title: 'Check', detail: entry.text, queuedAt: undefined };
    if (entry.kind === 'step') return { ...base, title: entry.text, detail: 'done', queuedAt: undefined };
    if (!approval) {
      const own: Record<string, RunStepState> = { succeeded: 'succeeded', failed: 'failed', skipped: 'skipped', 'dry-run': 'done', deferred: 'done' };
      const state = own[entry.status ?? ''] ?? 'done';
      const detail =
        entry.status === 'deferred' && entry.action === 'teamsMessage'
          ? 'posted in this thread'
          : entry.error
            ? `${state === 'failed' ? 'failed' : state}: ${entry.error}`
            : state === 'succeeded'
              ? 'succeeded (no approval needed)'
              : state;
      return { ...base, state, detail, startedAt: undefined, endedAt: undefined };
    }
    const who = approval.decidedBy?.name ?? 'unknown';
    switch (approval.status) {
      case 'pending':
        return { ...base, state: 'waiting', detail: `waiting for approval by ${this.ctx.o.approverRule?.() ?? 'an approver'} (until ${at(approval.expiresAt)})` };
      case 'approved':
      case 'sending':
        return { ...base, state: 'running', detail: `approved by ${who} at ${at(approval.decidedAt)}; sending to Defender${approval.retries > 0 ? ` (retry ${approval.retries})` : ''}` };
      case 'sent':
        return { ...base, state: 'running', detail: `approved by ${who}; machine action ${approval.machineActionId ?? ''} is ${approval.machineActionStatus ?? 'Pending'}` };
      case 'succeeded':
        return { ...base, state: 'succeeded', detail: `succeeded, approved by ${who}${approval.machineActionId ? ` (machine action ${approval.machineActionId}: ${approval.machineActionStatus ?? 'Succeeded'})` : ''}` };
      case 'failed':
        return { ...base, state: 'failed', detail: `failed: ${approval.error ?? 'no reason given'}. Approved by ${who}; Retry looks for an earlier attempt before sending again.`, retryApprovalId: approval.id };
      case 'denied':
        return { ...base, state: 'denied', detail: `denied by ${who}; nothing was sent` };
      case 'expired':
        return { ...base, state: 'expired', detail: 'expired without a decision; nothing was sent' };
    }
  }

  private comment(run: IncidentRun, view: { state: string; steps: RunCardStep[]; approvers: string[] }): string {
    const actions = view.steps.filter((_s, i) => run.steps[i]?.kind === 'action').map((s) => `${s.title}${s.target ? ` ${s.target}` : ''}: ${s.detail ?? s.state}`);
    return [
      `Rampart: playbook ${run.playbookName} v${run.version} ${view.state} (run started ${at(run.startedAt)}).`,
      actions.length ? `${actions.join('; ')}.` : 'No actions.',
      view.approvers.length ? `Approved by ${view.approvers.join(', ')}.` : 'No action needed an approval.',
    ].join(' ');
  }
}
