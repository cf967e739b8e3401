import { ACTION_APPROVAL_VERBS } from './actionApproval';
import { adaptiveCard, facts, text, type AdaptiveCard, type CardElement } from './types';

/** Where one step of a run stands. */
export type RunStepState = 'queued' | 'waiting' | 'running' | 'succeeded' | 'failed' | 'denied' | 'expired' | 'skipped' | 'done';

/** One line of the live run card: a playbook step, a condition it checked, or an action. */
export interface RunCardStep {
  /** "Isolate device", "Condition", or the step's own words. */
  title: string;
  /** What it acts on (a device, a user, an indicator), when it acts. */
  target?: string;
  state: RunStepState;
  /** The state in words: "waiting for approval by ...", "approved by Dana Lead at 14:02 UTC", "failed: ...". */
  detail?: string;
  queuedAt?: string;
  startedAt?: string;
  endedAt?: string;
  /** A failed action that is safe to try again (Rampart looks for an earlier attempt before any resend). */
  retryApprovalId?: string;
}

/** What the live run card shows. */
export interface RunCardData {
  runId: string;
  incidentId: string;
  playbookName: string;
  version: number;
  /** running / waiting for approval / succeeded / failed / finished with failures. */
  state: string;
  startedAt: string;
  endedAt?: string;
  steps: RunCardStep[];
  summary?: string;
  /** Everyone who approved an action of this run. */
  approvers: string[];
}

// Glyphs every platform font has (the hourglass and pause emoji render as boxes on some).
const ICONS: Record<RunStepState, string> = {
  queued: '○',
  waiting: '◐',
  running: '▶',
  succeeded: '✔',
  failed: '✖',
  denied: '⊘',
  expired: '◌',
  skipped: '–',
  done: '✔',
};

const COLOURS: Partial<Record<RunStepState, string>> = {
  waiting: 'Warning',
  running: 'Accent',
  succeeded: 'Good',
  done: 'Good',
  failed: 'Attention',
  denied: 'Attention',
};

/** "14:02:05 UTC". */
function clock(iso: string): string {
  return `${iso.slice(11, 19)} UTC`;
}

/** "12 s", "3 min 4 s". */
export function duration(fromIso: string, toIso: string): string {
  const ms = Math.max(0, new Date(toIso).getTime() - new Date(fromIso).getTime());
  const s = Math.round(ms / 1000);
  if (s < 1) return 'under 1 s';
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return `${m} min${s % 60 ? ` ${s % 60} s` : ''}`;
}

function timing(step: RunCardStep): string | undefined {
  const parts: string[] = [];
  if (step.queuedAt) parts.push(`queued ${clock(step.queuedAt)}`);
  if (step.startedAt) parts.push(`started ${clock(step.startedAt)}`);
  if (step.endedAt) parts.push(`ended ${clock(step.endedAt)}${step.startedAt ? ` (took ${duration(step.startedAt, step.endedAt)})` : ''}`);
  return parts.length ? parts.join(' · ') : undefined;
}

function overallStyle(state: string): string {
  if (/fail|denied/i.test(state)) return 'attention';
  if (/waiting/i.test(state)) return 'warning';
  if (/succeeded|completed|finished/i.test(state)) return 'good';
  return 'accent';
}

/** The live card of one playbook run: one per run in the incident thread, updated in place as each step moves. */
export function runCard(d: RunCardData): AdaptiveCard {
  const body: CardElement[] = [
    {
      type: 'Container',
      style: overallStyle(d.state),
      bleed: true,
      items: [
        text(`Playbook run: ${d.playbookName} v${d.version}`, { size: 'Medium', weight: 'Bolder' }),
        text(`Incident ${d.incidentId} · ${d.state}`, { weight: 'Bolder', spacing: 'None' }),
      ],
    },
    facts([
      ['Started', clock(d.startedAt)],
      ...(d.endedAt ? ([['Script ended', `${clock(d.endedAt)} (${duration(d.startedAt, d.endedAt)})`]] as [string, string][]) : []),
      ...(d.approvers.length ? ([['Approved by', d.approvers.join(', ')]] as [string, string][]) : []),
    ]),
  ];
  const shown = d.steps.slice(0, 25);
  shown.forEach((step, i) => {
    const items: CardElement[] = [
      text(`${ICONS[step.state]} **${i + 1}. ${step.title}**${step.target ? ` · ${step.target}` : ''}`, { size: 'Small' }),
      text(step.detail ?? step.state, { size: 'Small', spacing: 'None', color: COLOURS[step.state] ?? 'Default', ...(step.state === 'failed' ? { weight: 'Bolder' } : {}) }),
    ];
    const when = timing(step);
    if (when) items.push(text(when, { size: 'Small', isSubtle: true, spacing: 'None' }));
    if (step.retryApprovalId) {
      items.push({
        type: 'ActionSet',
        spacing: 'Small',
        actions: [{ type: 'Action.Execute', title: 'Retry', verb: ACTION_APPROVAL_VERBS.retry, data: { approvalId: step.retryApprovalId, runId: d.runId }, style: 'destructive' }],
      });
    }
    body.push({ type: 'Container', spacing: 'Small', separator: i > 0, items });
  });
  if (d.steps.length > shown.length) body.push(text(`... and ${d.steps.length - shown.length} more steps`, { isSubtle: true, size: 'Small' }));
  if (d.steps.length === 0) body.push(text('The playbook has not reported a step yet.', { isSubtle: true, size: 'Small' }));
  if (d.summary) body.push(text(`Playbook output: ${d.summary}`, { size: 'Small', isSubtle: true }));
  return adaptiveCard(body);
}
