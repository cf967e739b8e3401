import { adaptiveCard, facts, nestedCard, text, type AdaptiveCard, type CardAction, type CardElement } from './types';

/** Card verbs of the incident notification (the bot routes them in src/bot/incidents). */
export const INCIDENT_VERBS = {
  isolate: 'incident.isolate',
  release: 'incident.release',
  runPlaybook: 'incident.runPlaybook',
  assignToMe: 'incident.assignToMe',
  resolve: 'incident.resolve',
  comment: 'incident.comment',
} as const;

/** A device line on the card. */
export interface IncidentCardDevice {
  machineId?: string;
  name: string;
  osPlatform?: string;
  riskScore?: string;
  healthStatus?: string;
  /** isolated / not isolated / isolation pending / release pending; undefined when unknown. */
  isolation?: 'isolated' | 'not isolated' | 'isolation pending' | 'release pending';
}

export interface IncidentCardIoc {
  type: string;
  value: string;
  /** e.g. "malicious (52/70)"; undefined when no verdict is known. */
  verdict?: string;
}

/** What the notification card shows. */
export interface IncidentCardData {
  incidentId: string;
  title: string;
  severity: string;
  status: string;
  assignedTo?: string;
  classification?: string;
  alerts: { alertId: string; title: string; severity?: string; serviceSource?: string }[];
  devices: IncidentCardDevice[];
  users: string[];
  iocs: IncidentCardIoc[];
  portalUrl: string;
  /** Enabled playbooks a responder may run from the card. */
  playbooks: { id: string; name: string }[];
  /** Why this card was (re)posted: new incident, or what changed. */
  reason?: string;
  /** Two sentences about the incident and where they came from (a model, or the incident's fields). */
  summary?: { text: string; source: string };
}

/** Adaptive Card colours for Defender severities. */
export function severityColour(severity: string): 'attention' | 'warning' | 'accent' | 'default' {
  switch (severity.toLowerCase()) {
    case 'high':
      return 'attention';
    case 'medium':
      return 'warning';
    case 'low':
      return 'accent';
    default:
      return 'default';
  }
}

const RESOLVE_CLASSIFICATIONS: [string, string][] = [
  ['True positive', 'TruePositive'],
  ['Informational, expected activity', 'InformationalExpectedActivity'],
  ['False positive', 'FalsePositive'],
];

/**
 * The id of the notification card's first element: how Rampart recognises an incident's thread
 * in the channel when the answer to its post was lost. Element ids are part of the card Teams
 * keeps; the buttons' data would not do, as the burst digest carries incident ids too.
 */
export function notificationMarker(incidentId: string): string {
  return `rampart-incident-${incidentId}`;
}

/** The incident notification: severity colour, facts, alerts, devices, users, IOCs, buttons. */
export function incidentCard(d: IncidentCardData): AdaptiveCard {
  const colour = severityColour(d.severity);
  const body: CardElement[] = [
    {
      type: 'Container',
      id: notificationMarker(d.incidentId),
      style: colour === 'default' ? 'emphasis' : colour,
      bleed: true,
      items: [
        text(`${d.severity} severity incident ${d.incidentId}`, { weight: 'Bolder', size: 'Small', color: colour === 'default' ? 'Default' : colour === 'attention' ? 'Attention' : colour === 'warning' ? 'Warning' : 'Accent' }),
        text(d.title, { size: 'Large', weight: 'Bolder' }),
      ],
    },
    facts([
      ['Status', d.status],
      ['Severity', d.severity],
      ['Assigned to', d.assignedTo ?? 'nobody'],
      ...(d.classification && d.classification !== 'Unknown' ? ([['Classification', d.classification]] as [string, string][]) : []),
      ['Alerts', String(d.alerts.length)],
    ]),
  ];
  if (d.summary) {
    body.push(text('Summary', { weight: 'Bolder', spacing: 'Medium' }));
    body.push(text(d.summary.text));
    body.push(text(d.summary.source, { isSubtle: true, size: 'Small', spacing: 'None' }));
  }
  if (d.reason) body.push(text(d.reason, { isSubtle: true, size: 'Small' }));
  if (d.alerts.length > 0) {
    body.push(text('Alerts', { weight: 'Bolder', spacing: 'Medium' }));
    for (const a of d.alerts.slice(0, 10)) {
      body.push(text(`- ${a.title}${a.severity ? ` (${a.severity}` : ''}${a.serviceSource ? `, ${a.serviceSource}` : ''}${a.severity ? ')' : ''}`, { size: 'Small' }));
    }
    if (d.alerts.length > 10) body.push(text(`... and ${d.alerts.length - 10} more`, { isSubtle: true, size: 'Small' }));
  }
  const actions: CardAction[] = [];
  if (d.devices.length > 0) {
    body.push(text('Devices', { weight: 'Bolder', spacing: 'Medium' }));
    for (const dev of d.devices) {
      const parts = [dev.osPlatform, dev.riskScore ? `risk ${dev.riskScore}` : undefined, dev.healthStatus ? `health ${dev.healthStatus}` : undefined, dev.isolation].filter(Boolean);
      body.push(text(`- **${dev.name}**${parts.length ? `: ${parts.join(', ')}` : ''}`, { size: 'Small' }));
      if (!dev.machineId) continue;
      // Each device's button sits under its line: a card shows at most five actions in a row.
      if (dev.isolation === 'isolated') {
        body.push({ type: 'ActionSet', spacing: 'Small', actions: [{ type: 'Action.Execute', title: `Release ${shortName(dev.name)} from isolation`, verb: INCIDENT_VERBS.release, data: { incidentId: d.incidentId, machineId: dev.machineId } }] });
      } else if (dev.isolation !== 'isolation pending') {
        body.push({ type: 'ActionSet', spacing: 'Small', actions: [{ type: 'Action.Execute', title: `Isolate ${shortName(dev.name)}`, verb: INCIDENT_VERBS.isolate, data: { incidentId: d.incidentId, machineId: dev.machineId }, style: 'destructive' }] });
      }
    }
  }
  if (d.users.length > 0) {
    body.push(text('Users', { weight: 'Bolder', spacing: 'Medium' }));
    body.push(text(d.users.map((u) => `- ${u}`).join('\n'), { size: 'Small' }));
  }
  if (d.iocs.length > 0) {
    body.push(text('Indicators', { weight: 'Bolder', spacing: 'Medium' }));
    body.push(text(d.iocs.slice(0, 15).map((i) => `- ${i.type} \`${i.value}\`: ${i.verdict ?? 'no VirusTotal verdict yet'}`).join('\n'), { size: 'Small' }));
  }
  if (d.playbooks.length > 0) {
    actions.push({
      type: 'Action.ShowCard',
      title: 'Run playbook...',
      card: nestedCard(
        [{ type: 'Input.ChoiceSet', id: 'playbookId', label: 'Playbook', isRequired: true, errorMessage: 'Pick a playbook to run.', choices: d.playbooks.map((p) => ({ title: p.name, value: p.id })), value: d.playbooks[0].id }],
        [{ type: 'Action.Execute', title: 'Run', verb: INCIDENT_VERBS.runPlaybook, data: { incidentId: d.incidentId } }],
      ),
    });
  }
  actions.push({ type: 'Action.Execute', title: 'Assign to me', verb: INCIDENT_VERBS.assignToMe, data: { incidentId: d.incidentId } });
  actions.push({
    type: 'Action.ShowCard',
    title: 'Resolve',
    card: nestedCard(
      [
        { type: 'Input.ChoiceSet', id: 'classification', label: 'Classification', isRequired: true, errorMessage: 'Pick a classification.', value: 'TruePositive', choices: RESOLVE_CLASSIFICATIONS.map(([title, value]) => ({ title, value })) },
        { type: 'Input.Text', id: 'resolveComment', label: 'Comment', isMultiline: true, placeholder: 'What was found and done' },
      ],
      [{ type: 'Action.Execute', title: 'Resolve incident', verb: INCIDENT_VERBS.resolve, data: { incidentId: d.incidentId } }],
    ),
  });
  actions.push({
    type: 'Action.ShowCard',
    title: 'Comment',
    card: nestedCard(
      [{ type: 'Input.Text', id: 'comment', label: 'Comment on the incident', isMultiline: true, isRequired: true, errorMessage: 'Write the comment first.' }],
      [{ type: 'Action.Execute', title: 'Add comment', verb: INCIDENT_VERBS.comment, data: { incidentId: d.incidentId } }],
    ),
  });
  actions.push({ type: 'Action.OpenUrl', title: 'Open in Defender', url: d.portalUrl });
  return adaptiveCard(body, actions);
}

function shortName(name: string): string {
  return name.split('.')[0];
}

/** A one-card progress report of a playbook run, updated in place as it goes. */
export interface RunSummaryData {
  playbookName: string;
  version: number;
  status: string;
  steps: string[];
  summary?: string;
}

/** The run summary card (updated in place). */
export function runSummaryCard(d: RunSummaryData): AdaptiveCard {
  return adaptiveCard([
    text(`Playbook **${d.playbookName}** v${d.version}: ${d.status}`, { weight: 'Bolder' }),
    ...(d.steps.length > 0 ? [text(d.steps.slice(-20).map((s) => `- ${s}`).join('\n'), { size: 'Small' })] : []),
    ...(d.summary ? [text(d.summary)] : []),
  ]);
}
