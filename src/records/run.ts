/** Playbook runs triggered by incidents and their store port (see incident.ts for what this folder may hold). */

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

/** What starting a run records. */
export interface NewIncidentRun {
  runId: string;
  incidentId: string;
  playbookId: string;
  version: number;
  playbookName: string;
}

/** Playbook runs triggered by incidents: their progress and the card that shows it (storage/runs.ts). */
export interface IncidentRunStore {
  /** Records the start of a run once (a retried outbox item finds it already there). */
  start(run: NewIncidentRun): Promise<void>;
  get(runId: string): Promise<IncidentRun | undefined>;
  /** Replaces the run's steps and status; a summary, when given, replaces the stored one. */
  progress(runId: string, steps: RunEntry[], status: string, summary?: string): Promise<void>;
  ended(runId: string, at: string): Promise<void>;
  /** The summary card's activity, so the final state can replace it in place. */
  setSummaryActivity(runId: string, activityId: string): Promise<void>;
}
