import { actionApprovalCard } from '../cards/actionApproval';
import { incidentCard, type IncidentCardDevice } from '../cards/incident';
import { ACTIONS } from '../playbooks/spec';
import type { ActionApproval, ActionTarget } from '../records/approval';
import { devicesOf, entitiesOf, type SecurityIncident } from './model';
import type { ThreadMessage } from './ports';
import { scalarText } from '../json';

/** What the incident notification card shows, gathered by the desk. */
export interface NotificationInput {
  incident: SecurityIncident;
  approvals: ActionApproval[];
  /** IOC value -> verdict in words. */
  verdicts: Map<string, string>;
  playbooks: { playbookId: string; name: string }[];
  portalUrl: string;
  reason?: string;
  summary?: { text: string; source: string };
}

/** The incident notification card: the incident, its devices (with Rampart's isolation state), users, IOCs and playbooks. */
export function notificationMessage(n: NotificationInput): ThreadMessage {
  const { incident } = n;
  const { users, iocs } = entitiesOf(incident);
  const devices: IncidentCardDevice[] = devicesOf(incident).map((d) => ({ ...d, isolation: isolationState(n.approvals, d.machineId) }));
  return {
    card: incidentCard({
      incidentId: incident.incidentId,
      title: incident.incidentName,
      severity: incident.severity,
      status: incident.status,
      assignedTo: incident.assignedTo ?? undefined,
      classification: incident.classification ?? undefined,
      alerts: incident.alerts.map((a) => ({ alertId: a.alertId, title: a.title ?? a.alertId, severity: a.severity ?? undefined, serviceSource: a.serviceSource ?? undefined })),
      devices,
      users,
      iocs: iocs.map((i) => ({ type: i.type, value: i.value, verdict: n.verdicts.get(i.value) })),
      portalUrl: incident.incidentUrl ?? `${n.portalUrl.replace(/\/$/, '')}/incidents/${encodeURIComponent(incident.incidentId)}/overview`,
      playbooks: n.playbooks.map((p) => ({ id: p.playbookId, name: p.name })),
      reason: n.reason,
      summary: n.summary,
    }),
  };
}

/** The approval card for an approval's current state (Approve / Deny while pending, Retry after a failure). */
export function approvalMessage(approval: ActionApproval, incident: SecurityIncident | undefined, notice?: string, approvalRule?: string): ThreadMessage {
  return {
    card: actionApprovalCard({
      approvalId: approval.id,
      incidentId: approval.incidentId,
      action: approval.action,
      actionLabel: actionLabel(approval.action),
      target: {
        deviceName: approval.target.deviceName,
        machineId: approval.target.machineId,
        osPlatform: approval.target.osPlatform,
        lastSeen: approval.target.lastSeen,
        riskScore: approval.target.riskScore,
        user: approval.target.user,
        indicator: approval.target.indicatorValue ? `${approval.target.indicatorType ?? ''} ${approval.target.indicatorValue}`.trim() : undefined,
      },
      evidence: evidenceFacts(approval, incident),
      requestedBy: approval.requestedBy?.name ?? 'Rampart',
      status: statusWords(approval),
      pending: approval.status === 'pending' && new Date(approval.expiresAt) > new Date(),
      expiresAt: approval.expiresAt,
      decidedBy: approval.decidedBy?.name,
      decidedAt: approval.decidedAt,
      outcome: approval.machineActionId ? `Machine action ${approval.machineActionId}: ${approval.machineActionStatus ?? 'Pending'}` : approval.error,
      notice,
      retryable: approval.status === 'failed',
      approvalRule,
    }),
  };
}

/** The card label of an action (the spec's catalogue words). */
export function actionLabel(action: string): string {
  return (ACTIONS as Record<string, { label: string } | undefined>)[action]?.label ?? action;
}

export function pastTense(action: string): string {
  const words: Record<string, string> = { isolate: 'isolated', unisolate: 'released from isolation', restrictCodeExecution: 'restricted', unrestrictCodeExecution: 'unrestricted' };
  return words[action] ?? `${action} done`;
}

/** The target in words: the device, user or indicator. */
export function targetName(t: ActionTarget): string {
  return scalarText(t.deviceName ?? t.machineId ?? t.user ?? t.indicatorValue ?? t.incidentId, 'the target');
}

export function statusWords(a: ActionApproval): string {
  switch (a.status) {
    case 'pending':
      return 'waiting for approval';
    case 'approved':
    case 'sending':
      return `approved by ${a.decidedBy?.name ?? 'unknown'}, sending`;
    case 'sent':
      return `approved by ${a.decidedBy?.name ?? 'unknown'}, sent; following the machine action`;
    case 'succeeded':
      return `approved by ${a.decidedBy?.name ?? 'unknown'}, done`;
    case 'failed':
      return `approved by ${a.decidedBy?.name ?? 'unknown'}, failed${a.error ? `: ${a.error}` : ''}`;
    case 'denied':
      return `denied by ${a.decidedBy?.name ?? 'unknown'}; nothing was sent`;
    case 'expired':
      return 'expired without a decision; nothing was sent';
  }
}

/** Evidence keys as the generated playbooks write them, in an analyst's words. */
const EVIDENCE_LABELS: Record<string, string> = {
  alertId: 'Alert',
  reason: 'Why',
  deviceRiskScore: 'Device risk score',
  file: 'File',
  fileName: 'File',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  ioc: 'IOC',
  iocValue: 'IOC',
  verdict: 'VirusTotal verdict',
  vtVerdict: 'VirusTotal verdict',
};

/** The approval card's evidence lines: the alert by its title, then the playbook's reasons. */
function evidenceFacts(approval: ActionApproval, incident?: SecurityIncident): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(approval.evidence)) {
    if (value === null || value === undefined || value === '') continue;
    let words = typeof value === 'string' ? value : JSON.stringify(value);
    if (key === 'alertId') {
      const alert = incident?.alerts.find((a) => a.alertId === value);
      if (alert?.title) words = `${alert.title} (${words}${alert.severity ? `, ${alert.severity}` : ''})`;
    }
    out.push([EVIDENCE_LABELS[key] ?? key, words]);
  }
  return out;
}

/** A device's isolation state as far as Rampart's own actions tell. */
function isolationState(approvals: ActionApproval[], machineId?: string): IncidentCardDevice['isolation'] {
  if (!machineId) return undefined;
  const mine = approvals.filter((a) => a.target.machineId === machineId && (a.action === 'isolate' || a.action === 'unisolate'));
  for (const a of [...mine].reverse()) {
    if (a.status === 'succeeded') return a.action === 'isolate' ? 'isolated' : 'not isolated';
    if (['pending', 'approved', 'sending', 'sent'].includes(a.status)) return a.action === 'isolate' ? 'isolation pending' : 'release pending';
  }
  return 'not isolated';
}

/** VirusTotal verdicts found in run evidence for this incident (value -> words). */
export function verdictsFrom(evidence: Record<string, unknown>[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of evidence) {
    const ioc = e.ioc ?? e.iocValue ?? e.sha256;
    const verdict = e.verdict ?? e.vtVerdict;
    if (typeof ioc === 'string' && verdict !== undefined) out.set(ioc, typeof verdict === 'string' ? verdict : JSON.stringify(verdict));
  }
  return out;
}

