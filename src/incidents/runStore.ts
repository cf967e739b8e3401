import type { SqliteDatabase } from '../storage/database';

/** One thing a run reported: a step, a condition, or an action (with the approval it waits on). */
export interface RunEntry {
  kind: 'step' | 'condition' | 'action';
  text: string;
  at: string;
  action?: string;
  target?: string;
  /** The playbook's own status for an action it ran (sent, failed, skipped...), or `deferred`. */
  status?: string;
  error?: string;
  approvalId?: string;
  /** When the approved action started being sent, and when it reached its end (this round). */
  startedAt?: string;
  endedAt?: string;
  round?: number;
}

/** A playbook run on an incident, as its live card in the thread shows it. */
export interface IncidentRun {
  runId: string;
  incidentId: string;
  playbookName: string;
  version: number;
  status: string;
  steps: RunEntry[];
  summary?: string;
  summaryActivityId?: string;
  startedAt: string;
  endedAt?: string;
}

interface Row {
  run_id: string;
  incident_id: string;
  playbook_name: string;
  playbook_version: number;
  status: string;
  events: string;
  summary: string | null;
  summary_activity_id: string | null;
  started_at: string;
  ended_at: string | null;
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

  progress(runId: string, steps: RunEntry[], status: string, summary?: string): void {
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
