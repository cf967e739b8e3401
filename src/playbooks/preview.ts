import type { ActionEvent } from './runner/events';
import type { RunResult } from './runner';

/**
 * A dry run, in the words the proposal card shows: the exact side effects, or why nothing
 * would be done. Stored with the proposal so the card renders the same after a restart.
 */
export interface DryRunPreview {
  incidentId: string;
  incidentTitle?: string;
  /** `sample`: a built-in sample incident; `tenant`: read from Defender by the playbook itself. */
  source: 'sample' | 'tenant';
  /** e.g. "isolate ws-fin-042.contoso.local (Full)". */
  effects: { text: string; destructive: boolean }[];
  /** The conditions that were false, in plain words (why nothing happened). */
  falseConditions: string[];
  status: 'completed' | 'failed';
  /** Plain words when the run failed (e.g. the tenant could not be reached). */
  problem?: string;
  ranAt: string;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : undefined;
}

/** One side effect in plain words, e.g. "isolate ws-fin-042.contoso.local (Full)". */
export function describeAction(a: Pick<ActionEvent, 'action' | 'target' | 'request'>): string {
  const t = a.target ?? {};
  const body = (a.request?.body ?? {}) as Record<string, unknown>;
  const device = str(t.deviceName) ?? str(t.computerDnsName) ?? str(t.machineId) ?? 'the device';
  const user = str(t.user) ?? str(t.userPrincipalName) ?? str(t.userId) ?? 'the user';
  const incident = str(t.incidentId) ?? 'the incident';
  switch (a.action) {
    case 'isolate':
      return `isolate ${device} (${str(body.IsolationType) ?? str(t.isolationType) ?? 'Full'})`;
    case 'unisolate':
      return `release ${device} from isolation`;
    case 'runAntiVirusScan':
      return `run a ${(str(body.ScanType) ?? 'Quick').toLowerCase()} antivirus scan on ${device}`;
    case 'collectInvestigationPackage':
      return `collect an investigation package from ${device}`;
    case 'restrictCodeExecution':
      return `restrict app execution on ${device}`;
    case 'unrestrictCodeExecution':
      return `remove the app execution restriction on ${device}`;
    case 'stopAndQuarantineFile':
      return `stop and quarantine file ${str(t.sha1) ?? str(body.Sha1) ?? ''} on ${device}`.replace('  ', ' ');
    case 'createIndicator':
      return `${(str(body.action) ?? 'Block').toLowerCase()} ${str(t.indicatorType) ?? str(body.indicatorType) ?? 'indicator'} ${str(t.indicatorValue) ?? str(body.indicatorValue) ?? ''}`.trim();
    case 'updateIncident': {
      const changes = Object.keys(body).filter((k) => k !== 'comment');
      const what = [...changes.map((k) => `${k} = ${JSON.stringify(body[k])}`), ...(body.comment ? ['add a comment'] : [])];
      return `update incident ${incident}${what.length ? `: ${what.join(', ')}` : ''}`;
    }
    case 'disableUser':
      return `disable the account of ${user}`;
    case 'resetPassword':
      return `reset the password of ${user}`;
    case 'revokeSessions':
      return `revoke the sign-in sessions of ${user}`;
    case 'confirmCompromised':
      return `confirm ${user} compromised`;
    case 'dismissRiskyUser':
      return `dismiss the risk of ${user}`;
    case 'sendMail': {
      const to = Array.isArray(t.to) ? (t.to as unknown[]).join(', ') : str(t.to) ?? 'the SOC mailbox';
      return `send an email to ${to}`;
    }
    case 'teamsMessage':
      return 'post to the SOC channel';
    default:
      return `${a.action} ${JSON.stringify(t)}`;
  }
}

/** A runner result as the card's preview. */
export function previewFromRun(result: RunResult, incident: { incidentId: string; title?: string; source: 'sample' | 'tenant' }): DryRunPreview {
  const effects = result.actions
    .filter((a) => a.status === 'dry-run' || a.status === 'deferred' || a.status === 'succeeded')
    .map((a) => ({ text: describeAction(a), destructive: a.destructive }));
  const falseConditions = result.conditions.filter((c) => !c.result).map((c) => c.reason || c.name);
  const failed = result.status !== 'completed' || result.done?.status === 'failed';
  const failures = result.actions.filter((a) => a.status === 'failed').map((a) => `${describeAction(a)} failed: ${a.error ?? 'unknown error'}`);
  return {
    incidentId: incident.incidentId,
    incidentTitle: incident.title,
    source: incident.source,
    effects,
    falseConditions,
    status: failed ? 'failed' : 'completed',
    problem: failed ? [result.reason, result.done?.summary, ...failures].filter(Boolean).join('; ') || lastLine(result.stderrTail) : failures.join('; ') || undefined,
    ranAt: new Date().toISOString(),
  };
}

function lastLine(text: string): string | undefined {
  const lines = text.trim().split('\n').filter(Boolean);
  return lines[lines.length - 1];
}
