import type { SqliteDatabase } from '../storage/database';

/** A playbook run on an incident, as its summary card in the thread shows it. */
export interface IncidentRun {
  playbookName: string;
  version: number;
  status: string;
  steps: string[];
  summary?: string;
  summaryActivityId?: string;
}

interface Row {
  playbook_name: string;
  playbook_version: number;
  status: string;
  events: string;
  summary: string | null;
  summary_activity_id: string | null;
}

/** Playbook runs triggered by incidents: their progress and the card that shows it. */
export class IncidentRunStore {
  constructor(private readonly db: SqliteDatabase) {}

  /** Records the start of a run once (a retried outbox item finds it already there). */
  start(run: { runId: string; incidentId: string; playbookId: string; version: number; playbookName: string }): void {
    this.db
      .prepare(`INSERT OR IGNORE INTO incident_runs (run_id, incident_id, playbook_id, playbook_version, playbook_name, status, events, started_at) VALUES (?, ?, ?, ?, ?, 'running', '[]', ?)`)
      .run(run.runId, run.incidentId, run.playbookId, run.version, run.playbookName, new Date().toISOString());
  }

  get(runId: string): IncidentRun | undefined {
    const r = this.db.prepare('SELECT * FROM incident_runs WHERE run_id = ?').get(runId) as Row | undefined;
    if (!r) return undefined;
    return { playbookName: r.playbook_name, version: r.playbook_version, status: r.status, steps: JSON.parse(r.events) as string[], summary: r.summary ?? undefined, summaryActivityId: r.summary_activity_id ?? undefined };
  }

  progress(runId: string, steps: string[], status: string, summary?: string): void {
    this.db.prepare('UPDATE incident_runs SET events = ?, status = ?, summary = COALESCE(?, summary) WHERE run_id = ?').run(JSON.stringify(steps), status, summary ?? null, runId);
  }

  ended(runId: string, at: string): void {
    this.db.prepare('UPDATE incident_runs SET ended_at = ? WHERE run_id = ?').run(at, runId);
  }

  /** The summary card's activity, so the final state can replace it in place. */
  setSummaryActivity(runId: string, activityId: string): void {
    this.db.prepare('UPDATE incident_runs SET summary_activity_id = ? WHERE run_id = ?').run(activityId, runId);
  }
}
