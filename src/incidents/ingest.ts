import type { SecurityIncident } from './model';
import { threadLane } from './outbox';
import { hasDestructiveSteps } from '../playbooks/spec';
import { matchesTrigger } from './triggers';
import { PRIORITY } from './desk';
import type { DeskContext, IngestResult, RunnablePlaybook } from './desk';

/**
 * Incident updates in: each stored once per lastUpdateTime, a notification for a new incident,
 * a reply for an update that matters, matching playbooks queued; updates arriving together
 * share one transaction (one disk sync), which is what lets the webhook take a burst.
 */
export class IngestBatcher {
  private readonly queue: { incident: SecurityIncident; source: string; resolve: (r: IngestResult) => void; reject: (e: Error) => void }[] = [];

  constructor(private readonly ctx: DeskContext) {}

  /**
   * One incident update from the poller or the webhook: stored once per lastUpdateTime, a
   * notification for a new incident (a reply for an update that matters), matching playbooks
   * queued; all in one transaction. Updates arriving together share one commit (one disk
   * sync), which is what lets the webhook take a burst; the caller hears back after it.
   */
  ingest(incident: SecurityIncident, source: string): Promise<IngestResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ incident, source, resolve, reject });
      if (this.queue.length === 1) setImmediate(() => void this.flushIngest());
    });
  }

  private async flushIngest(): Promise<void> {
    const batch = this.queue.splice(0);
    if (batch.length === 0) return;
    let playbooks: RunnablePlaybook[];
    try {
      playbooks = this.ctx.o.runPlaybook ? await this.ctx.o.playbooks() : [];
    } catch (err) {
      for (const b of batch) b.reject(err as Error);
      return;
    }
    let results: IngestResult[] | undefined;
    try {
      results = await this.ctx.atomically(async () => {
        const out: IngestResult[] = [];
        for (const b of batch) out.push(await this.ingestOne(b.incident, b.source, playbooks));
        return out;
      });
    } catch {
      // One bad update must not cost the others: each again in its own transaction.
      for (const b of batch) {
        try {
          b.resolve(await this.ctx.atomically(() => this.ingestOne(b.incident, b.source, playbooks)));
        } catch (err) {
          b.reject(err as Error);
        }
      }
    }
    if (results) batch.forEach((b, i) => b.resolve(results[i]));
    this.ctx.wake();
    // Not awaited: the webhook answers as soon as the updates are stored.
    void this.ctx.checkBurst().catch(() => undefined);
  }

  private async ingestOne(incident: SecurityIncident, source: string, playbooks: RunnablePlaybook[]): Promise<IngestResult> {
    const stored = await this.ctx.incidents.record(incident, source);
    if (!stored.fresh) return { fresh: false, isNew: false, runs: 0 };
    const lane = threadLane(incident.incidentId);
    const matching = playbooks.filter((p) => matchesTrigger(p.spec.trigger, incident, stored.previous));
    if (stored.isNew) {
      // In a burst, the threads where someone must approve an action open first.
      const needsDecision = matching.some((p) => !p.unattended && hasDestructiveSteps(p.spec));
      await this.ctx.outbox.enqueue({ kind: 'notify', lane, idempotencyKey: `notify:${incident.incidentId}`, payload: { incidentId: incident.incidentId }, priority: needsDecision ? PRIORITY.decision : 0 });
    }
    if (!stored.isNew && (matching.length > 0 || changedMaterially(stored.previous, incident))) {
      await this.ctx.outbox.enqueue({
        kind: 'post',
        lane,
        idempotencyKey: `update:${incident.incidentId}:${incident.lastUpdateTime}`,
        payload: { incidentId: incident.incidentId, text: `Incident updated: ${describeChange(stored.previous, incident)}.` },
      });
    }
    for (const p of matching) {
      const runId = `${incident.incidentId}:${p.playbookId}:v${p.version}:${incident.lastUpdateTime}`;
      await this.ctx.outbox.enqueue({ kind: 'run', lane: `run:${runId}`, idempotencyKey: `run:${runId}`, payload: { runId, incidentId: incident.incidentId, playbookId: p.playbookId, version: p.version } });
    }
    return { fresh: true, isNew: stored.isNew, runs: matching.length };
  }
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
