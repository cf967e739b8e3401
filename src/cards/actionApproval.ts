import { adaptiveCard, facts, text, type AdaptiveCard, type CardAction } from './types';

/** Card verbs of the per-action approval card. */
export const ACTION_APPROVAL_VERBS = {
  approve: 'action.approve',
  deny: 'action.deny',
  retry: 'action.retry',
} as const;

/** What the approval card shows; every field names the exact target and the reason. */
export interface ActionApprovalCardData {
  approvalId: string;
  incidentId: string;
  /** e.g. "Isolate device" */
  actionLabel: string;
  action: string;
  target: {
    deviceName?: string;
    machineId?: string;
    osPlatform?: string;
    lastSeen?: string;
    riskScore?: string;
    user?: string;
    indicator?: string;
  };
  /** Which alert, which IOC, which verdict, in words. */
  evidence: [string, string][];
  requestedBy: string;
  /** Status in words for the card. */
  status: string;
  /** True while Approve / Deny still apply. */
  pending: boolean;
  expiresAt: string;
  decidedBy?: string;
  decidedAt?: string;
  /** Outcome lines once sent (machine action id, status, error). */
  outcome?: string;
  /** A message addressed to the person who just clicked (not allowed, already decided). */
  notice?: string;
  selfApprovalAllowed?: boolean;
  /** True when the approved action failed and may be tried again (a Retry button). */
  retryable?: boolean;
  /** Who may approve, in words (the rule in force). */
  approvalRule?: string;
}

/** The approval card: the target, the evidence, Approve / Deny while pending, the outcome after. */
export function actionApprovalCard(d: ActionApprovalCardData): AdaptiveCard {
  const pending = d.pending;
  const targetFacts: [string, string][] = [];
  if (d.target.deviceName) targetFacts.push(['Device', d.target.deviceName]);
  if (d.target.machineId) targetFacts.push(['Machine id', d.target.machineId]);
  if (d.target.osPlatform) targetFacts.push(['OS', d.target.osPlatform]);
  if (d.target.lastSeen) targetFacts.push(['Last seen', d.target.lastSeen]);
  if (d.target.riskScore) targetFacts.push(['Risk score', d.target.riskScore]);
  if (d.target.user) targetFacts.push(['User', d.target.user]);
  if (d.target.indicator) targetFacts.push(['Indicator', d.target.indicator]);
  const body = [
    text(`${pending ? 'Approval needed' : 'Approval'}: ${d.actionLabel}`, { size: 'Large', weight: 'Bolder', color: pending ? 'Attention' : 'Default' }),
    text(`Incident ${d.incidentId}. Requested by ${d.requestedBy}.`, { isSubtle: true }),
    facts(targetFacts),
    ...(d.evidence.length > 0 ? [text('Evidence', { weight: 'Bolder' }), facts(d.evidence)] : []),
    facts([
      ['Status', d.status],
      ...(pending && d.approvalRule ? ([['Who may approve', d.approvalRule]] as [string, string][]) : []),
      ...(d.decidedBy ? ([['Decided by', `${d.decidedBy}${d.decidedAt ? ` at ${d.decidedAt}` : ''}`]] as [string, string][]) : []),
      ['Expires', pending ? `${d.expiresAt} (after that this card can no longer be approved)` : d.expiresAt],
    ]),
    ...(d.outcome ? [text(d.outcome, { weight: 'Bolder' })] : []),
    ...(d.notice ? [text(d.notice, { color: 'Warning' })] : []),
  ];
  const actions: CardAction[] = pending
    ? [
        { type: 'Action.Execute', title: 'Approve', verb: ACTION_APPROVAL_VERBS.approve, data: { approvalId: d.approvalId }, style: 'destructive' },
        { type: 'Action.Execute', title: 'Deny', verb: ACTION_APPROVAL_VERBS.deny, data: { approvalId: d.approvalId } },
      ]
    : d.retryable
      ? [{ type: 'Action.Execute', title: 'Retry', verb: ACTION_APPROVAL_VERBS.retry, data: { approvalId: d.approvalId }, style: 'destructive' }]
      : [];
  return adaptiveCard(body, actions);
}
