import type { ActionEvent, PlaybookEvent } from '../playbooks/runner/events';
import type { ActionApproval, ActionTarget } from './approvals';
import { devicesOf } from './model';
import { threadLane, type OutboxItem } from './outbox';
import { actionLabel, targetName } from './threadCards';
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
    const steps: string[] = [];
    let actionIndex = 0;
    const onEvent = async (e: PlaybookEvent): Promise<void> => {
      if (e.event === 'step') steps.push(e.message || e.step);
      else if (e.event === 'condition') steps.push(`${e.name}: ${e.result ? 'yes' : 'no'}${e.reason ? `, ${e.reason}` : ''}`);
      else if (e.event === 'action') {
        const index = actionIndex++;
        steps.push(await this.onRunAction(e, { runId, incidentId, playbook, index }));
      } else return;
      await this.saveRunProgress(runId, steps, 'running');
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
    await this.ctx.outbox.enqueue({ kind: 'update', lane, idempotencyKey: `run-card-final:${runId}`, payload: { incidentId, runSummary: runId } });
    this.ctx.wake();
    return { status };
  }

  private async onRunAction(e: ActionEvent, ctx: { runId: string; incidentId: string; playbook: RunnablePlaybook; index: number }): Promise<string> {
    const label = `${actionLabel(e.action)} ${targetName(e.target)}`;
    if (e.status !== 'deferred' || !e.request) return `${label}: ${e.status}${e.error ? ` (${e.error})` : ''}`;
    if (e.action === 'teamsMessage') {
      const body = (e.request.body ?? {}) as { text?: string };
      await this.ctx.postToThread(ctx.incidentId, { text: body.text ?? 'The playbook posted a message.' }, `run-message:${ctx.runId}:${ctx.index}`);
      return `${label}: posted in this thread`;
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
      return `${label}: refused (${err.message})`;
    }
    return `${label}: ${ctx.playbook.unattended ? 'sending (approved for unattended runs)' : `waiting for approval (${approval.id})`}`;
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

  private async saveRunProgress(runId: string, steps: string[], status: string, summary?: string): Promise<void> {
    await this.ctx.runs.progress(runId, steps, status, summary);
  }
}
