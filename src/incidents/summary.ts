import type { Logger } from '../logger';
import { devicesOf, entitiesOf, type SecurityIncident } from './model';

/** Two plain sentences about an incident and where they came from (a model's label, or the incident's fields). */
export interface IncidentSummaryText {
  text: string;
  source: string;
}

/**
 * A model that writes incident summaries (the LLM summariser fits). It gets the incident as
 * data only; what it answers is shown as text and never acted on.
 */
export interface SummaryWriter {
  summarizeIncident(incident: unknown): Promise<{ text: string; model: string } | undefined>;
}

/** Where a deterministic summary says it comes from. */
export const FIELD_SUMMARY_SOURCE = 'written from the incident fields';

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function list(items: string[], max = 2): string {
  const shown = items.slice(0, max);
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${count(rest, 'more')}`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** Markdown and mentions out of text that comes from the tenant, so a card renders it as plain words. */
function plain(value: string, max = 120): string {
  const cleaned = value.replace(/<[^>]*>/g, ' ').replace(/[*_`#>[\]\\]/g, '').replace(/\s+/g, ' ').trim();
  return cleaned.length > max ? `${cleaned.slice(0, max - 1)}…` : cleaned;
}

/**
 * Two sentences built only from the incident's fields: what it is (severity, title, alerts and
 * their sources) and where it stands (what it touches, status, owner, and VirusTotal's verdicts).
 */
export function fieldSummary(incident: SecurityIncident, verdicts: Map<string, string> = new Map()): string {
  const sources = [...new Set(incident.alerts.map((a) => a.serviceSource).filter((s): s is string => Boolean(s)))].map(sourceName);
  const severity = incident.severity === 'UnSpecified' ? 'Unspecified' : incident.severity;
  const alerts = incident.alerts.length === 0 ? 'no alerts yet' : `${count(incident.alerts.length, 'alert')}${sources.length ? ` from ${list(sources, 3)}` : ''}`;
  const first = `${severity} severity incident ${incident.incidentId}, "${plain(incident.incidentName)}", has ${alerts}.`;

  const devices = devicesOf(incident).map((d) => plain(d.name, 60));
  const { users, iocs } = entitiesOf(incident);
  const touches: string[] = [];
  if (devices.length) touches.push(`${devices.length === 1 ? 'device' : 'devices'} ${list(devices)}`);
  if (users.length) touches.push(`${users.length === 1 ? 'user' : 'users'} ${list(users.map((u) => plain(u, 60)))}`);
  const malicious = iocs.filter((i) => /^malicious/.test(verdicts.get(i.value) ?? '')).length;
  const status = `it is ${incident.status === 'InProgress' ? 'in progress' : plain(incident.status, 30).toLowerCase()} and ${incident.assignedTo ? `assigned to ${plain(incident.assignedTo, 60)}` : 'unassigned'}`;
  const iocWords = iocs.length === 0 ? '' : malicious > 0 ? `, with ${count(malicious, 'indicator')} of ${iocs.length} malicious on VirusTotal` : `, with ${count(iocs.length, 'indicator')} and none known malicious`;
  const second = `${touches.length ? `It involves ${touches.join(' and ')}; ${status}` : `${status[0].toUpperCase()}${status.slice(1)}`}${iocWords}.`;
  return `${first} ${second}`;
}

function sourceName(serviceSource: string): string {
  const names: Record<string, string> = {
    MicrosoftDefenderForEndpoint: 'Defender for Endpoint',
    MicrosoftDefenderForIdentity: 'Defender for Identity',
    MicrosoftDefenderForOffice365: 'Defender for Office 365',
    MicrosoftCloudAppSecurity: 'Defender for Cloud Apps',
    MicrosoftDefenderForCloudApps: 'Defender for Cloud Apps',
    AzureAdIdentityProtection: 'Entra ID Protection',
    MicrosoftSentinel: 'Microsoft Sentinel',
  };
  return names[serviceSource] ?? plain(serviceSource, 40);
}

/**
 * The summary on a notification card: the model's two sentences when a model is configured and
 * answers in time, the incident fields' two sentences otherwise. Model answers are kept per
 * incident update, so refreshing a card does not ask the model again.
 */
export class IncidentSummaries {
  private readonly cache = new Map<string, IncidentSummaryText>();

  constructor(private readonly options: { writer?: SummaryWriter; logger?: Logger; deadlineMs?: number } = {}) {}

  async summaryOf(incident: SecurityIncident, verdicts: Map<string, string>): Promise<IncidentSummaryText> {
    const fallback = { text: fieldSummary(incident, verdicts), source: FIELD_SUMMARY_SOURCE };
    const writer = this.options.writer;
    if (!writer) return fallback;
    const key = `${incident.incidentId}@${incident.lastUpdateTime}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), this.options.deadlineMs ?? 6_000)));
    try {
      const answer = await Promise.race([writer.summarizeIncident(incident).catch((err: Error) => {
        this.options.logger?.warn({ err: err.message }, 'incident summary failed; the card shows the field summary');
        return undefined;
      }), deadline]);
      if (!answer?.text) return fallback;
      const summary = { text: answer.text, source: `written by ${answer.model} from the incident data` };
      if (this.cache.size > 500) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(key, summary);
      return summary;
    } finally {
      clearTimeout(timer);
    }
  }
}
