import { severityColour } from './incident';
import { adaptiveCard, facts, text, type AdaptiveCard, type CardAction, type CardElement } from './types';

/** The verb of a digest's "Open thread" button. */
export const DIGEST_VERBS = {
  openThread: 'incident.openThread',
} as const;

/** One incident on the digest. */
export interface DigestIncident {
  incidentId: string;
  title: string;
  severity: string;
}

/** What a burst digest shows. */
export interface BurstDigestData {
  /** New incidents whose own thread is not posted yet. */
  waiting: number;
  /** Count per severity among them. */
  severities: Record<string, number>;
  /** The most severe first, each with a button that opens its thread next. */
  top: DigestIncident[];
  /** Of the waiting ones, how many need a decision (their threads open first). */
  needingDecision: number;
  /** About how long until every thread is posted at the channel's rate. */
  etaMinutes: number;
  portalUrl: string;
  /** A line for the person who clicked (e.g. which thread opens next). */
  notice?: string;
}

/** The card Rampart posts when more incidents arrive than the channel's rate lets it post one by one. */
export function burstDigestCard(d: BurstDigestData): AdaptiveCard {
  const order = ['High', 'Medium', 'Low', 'Informational'];
  const rank = (s: string): number => (order.includes(s) ? order.indexOf(s) : order.length);
  const severities = Object.entries(d.severities).sort(([a], [b]) => rank(a) - rank(b));
  const body: CardElement[] = [
    ...(d.notice ? [text(d.notice, { weight: 'Bolder', color: 'Good' })] : []),
    text(`Burst: ${d.waiting} new incidents`, { size: 'Large', weight: 'Bolder', color: 'Attention', wrap: true }),
    text(
      `More incidents arrived than Teams lets Rampart post in this channel at once. Every one gets its own thread, ${d.needingDecision > 0 ? `those needing a decision (${d.needingDecision}) first, ` : ''}the rest as the channel allows (about ${d.etaMinutes} min).`,
      { wrap: true },
    ),
    facts(severities.map(([severity, n]) => [severity, String(n)])),
    text('Most severe', { weight: 'Bolder', spacing: 'Medium' }),
    ...d.top.map((i) => ({
      type: 'ColumnSet',
      columns: [
        { type: 'Column', width: 'auto', items: [text(i.severity, { color: capitalised(severityColour(i.severity)), weight: 'Bolder' })] },
        { type: 'Column', width: 'stretch', items: [text(`${i.title} (incident ${i.incidentId})`, { wrap: true })] },
        {
          type: 'Column',
          width: 'auto',
          items: [{ type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Open thread', verb: DIGEST_VERBS.openThread, data: { incidentId: i.incidentId } }] }],
        },
      ],
    })),
  ];
  const actions: CardAction[] = [{ type: 'Action.OpenUrl', title: 'Open the incident queue', url: d.portalUrl }];
  return adaptiveCard(body, actions);
}

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
