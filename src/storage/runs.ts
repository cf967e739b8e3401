import type { IncidentRun, IncidentRunStore, NewIncidentRun, RunEntry } from '../records/run';
import type { Db } from './database';

/** Playbook runs triggered by incidents: their progress and the card that shows it. */
export class SqlIncidentRunStore implements IncidentRunStore {
  constructor(private readonly db: Db) {}

  /** Records the start of a run once (a retried outbox item finds it already there). */
  async start(run: NewIncidentRun): Promise<void> {
    await this.db
      .q()
      .insertInto('incident_runs')
      .values({ run_id: run.runId, incident_id: run.incidentId, playbook_id: run.playbookId, playbook_version: run.version, playbook_name: run.playbookName, status: 'running', events: '[]', started_at: new Date().toISOString() })
      .onConflict((oc) => oc.column('run_id').doNothing())
      .execute();
  }

  async get(runId: string): Promise<IncidentRun | undefined> {
    const r = await this.db.q().selectFrom('incident_runs').selectAll().where('run_id', '=', runId).executeTakeFirst();
    if (!r) return undefined;
    // Runs recorded before steps were structured stored plain lines.
    const steps = (JSON.parse(r.events) as (RunEntry | string)[]).map((e) => (typeof e === 'string' ? { kind: 'step' as const, text: e, at: r.started_at } : e));
    return {
      runId: r.run_id,
      incidentId: r.incident_id,
      playbookName: r.playbook_name,
      version: r.playbook_version,
      status: r.status,
      steps,
      summary: r.summary ?? undefined,
      summaryActivityId: r.summary_activity_id ?? undefined,
      startedAt: r.started_at,
      endedAt: r.ended_at ?? undefined,
    };
  }

  async progress(runId: string, steps: RunEntry[], status: string, summary?: string): Promise<void> {
    await this.db
      .q()
      .updateTable('incident_runs')
      .set((eb) => ({ events: JSON.stringify(steps), status, summary: eb.fn.coalesce(eb.val(summary ?? null), eb.ref('summary')) }))
      .where('run_id', '=', runId)
      .execute();
  }

  async ended(runId: string, at: string): Promise<void> {
    await this.db.q().updateTable('incident_runs').set({ ended_at: at }).where('run_id', '=', runId).execute();
  }

  /** The summary card's activity, so the final state can replace it in place. */
  async setSummaryActivity(runId: string, activityId: string): Promise<void> {
    await this.db.q().updateTable('incident_runs').set({ summary_activity_id: activityId }).where('run_id', '=', runId).execute();
  }
}
