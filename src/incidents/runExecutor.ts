import type { ActionEvent, PlaybookEvent } from '../playbooks/runner/events';
import type { ActionApproval, ActionTarget } from '../records/approval';
import { devicesOf } from './model';
import { threadLane, type OutboxItem } from './outbox';
import { actionLabel, targetName } from './threadCards';
import type { RunEntry } from '../records/run';
import { DEFERRED_ACTIONS, ForeignDeviceError, type DeskContext, type RunnablePlaybook } from './desk';

/** Runs matching playbooks live on an incident; their deferred destructive actions become approval requests. */
export class PlaybookRunExecutor {
  constructor(private readonly ctx: DeskContext) {}

  /** Runs a matching playbook live; deferred destructive actions become approval requests. */
  async execute(item: OutboxItem): Promise<unknown> {
    const { runId, incidentId, playbookId, version } = item.payload as { runId: string; incidentId: string; playbookId: string; version: number };
    const playbook = (await this.ctx.o.playbooks()).find((p) => p.playbookId === playbookId && p.version === version);
    if (!playbook || !this.ctx.o.runPlaybook) return { skipped: 'the playbook version is no longer enabled' };
    const lane = threadLane(incidentId);
    await this.ctx.runs.start({ runId, incidentId, playbookId, version, playbookName: playbook.name });
    await this.ctx.outbox.enqueue({ kind: 'post', lane, idempotencyKey: `run-card:${runId}`, payload: { incidentId, runSummary: runId } });
    this.ctx.wake();
    const steps: RunEntry[] = [];
    let actionIndex = 0;
    const onEvent = async (e: PlaybookEvent): Promise<void> => {
      const now = new Date().toISOString();
      if (e.event === 'step') steps.push({ kind: 'step', text: e.message || e.step, at: now });
      else if (e.event === 'condition') steps.push({ kind: 'condition', text: `${e.name}: ${e.result ? 'yes' : 'no'}${e.reason ? `, ${e.reason}` : ''}`, at: now });
      else if (e.event === 'action') {
        const index = actionIndex++;
        steps.push({ ...(await this.onRunAction(e, { runId, incidentId, playbook, index })), at: now });
      } else return;
      await this.saveRunProgress(runId, steps, 'running');
      this.ctx.runChanged(runId, `event:${steps.length}`);
    };
    const actions: ActionEvent[] = [];
    // Events arrive while the playbook runs; each is stored in order, one after the other.
    let handled: Promise<void> = Promise.resolve();
    let failure: Error | undefined;
    const collect = (e: PlaybookEvent): void => {
      if (e.event === 'action') actions.push(e);
      handled = handled.then(() => (failure === undefined ? onEvent(e) : undefined)).catch((err: unknown) => {
        failure ??= err instanceof Error ? err : new Error(String(err));
      });
    };
    const result = await this.ctx.o.runPlaybook({ code: playbook.code, incidentId, deferActions: DEFERRED_ACTIONS, onEvent: collect });
    await handled;
    if (failure !== undefined) throw failure;
    const status = result.status === 'completed' ? 'completed' : `failed${result.reason ? `: ${result.reason}` : ''}`;
    await this.saveRunProgress(runId, steps, status, result.summary);
    const endedAt = new Date().toISOString();
    await this.ctx.runs.ended(runId, endedAt);
    // The library's run history (the `playbooks` list shows the last run); losing it never blocks the thread.
    await this.ctx.o
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
      .catch((err: Error) => this.ctx.o.logger.warn({ runId, err: err.message }, 'could not record the run in the playbook library'));
    this.ctx.runChanged(runId, 'ended');
    return { status };
  }

  private async onRunAction(e: ActionEvent, ctx: { runId: string; incidentId: string; playbook: RunnablePlaybook; index: number }): Promise<Omit<RunEntry, 'at'>> {
    const entry: Omit<RunEntry, 'at'> = { kind: 'action', text: actionLabel(e.action), action: e.action, target: targetName(e.target), status: e.status, error: e.error };
    if (e.status !== 'deferred' || !e.request) return entry;
    if (e.action === 'teamsMessage') {
      const body = (e.request.body ?? {}) as { text?: string };
      await this.ctx.postToThread(ctx.incidentId, { text: body.text ?? 'The playbook posted a message.' }, `run-message:${ctx.runId}:${ctx.index}`);
      return { ...entry, target: 'this thread' };
    }
    let approval: ActionApproval;
    try {
      approval = await this.ctx.requestAction({
        idempotencyKey: `run:${ctx.runId}:${ctx.index}:${e.action}`,
        incidentId: ctx.incidentId,
        action: e.action,
        target: await this.withDeviceFacts(ctx.incidentId, e.target),
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
      this.ctx.o.logger.warn({ runId: ctx.runId, action: e.action }, err.message);
      return { ...entry, status: 'failed', error: `refused: ${err.message}` };
    }
    return { ...entry, approvalId: approval.id };
  }

  /** A playbook names a device by id and name; the incident's alerts add its OS, risk and health. */
  private async withDeviceFacts(incidentId: string, target: ActionTarget): Promise<ActionTarget> {
    const incident = target.machineId ? await this.ctx.incidents.get(incidentId) : undefined;
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

  private async saveRunProgress(runId: string, steps: RunEntry[], status: string, summary?: string): Promise<void> {
    // Keep the timings the live card stamped on approved actions meanwhile.
    const stored = (await this.ctx.runs.get(runId))?.steps ?? [];
    const merged = steps.map((s, i) => (stored[i]?.approvalId && stored[i].approvalId === s.approvalId ? { ...s, startedAt: stored[i].startedAt, endedAt: stored[i].endedAt, round: stored[i].round } : s));
    await this.ctx.runs.progress(runId, merged, status, summary);
  }
}
