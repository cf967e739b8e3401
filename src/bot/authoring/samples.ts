import fs from 'node:fs';
import path from 'node:path';
import { normaliseServiceSource, TOPICS, type PlaybookSpec } from '../../playbooks/spec';

/**
 * Built-in sample incidents (Defender XDR shape, from the benchmark corpus) for dry-run
 * previews when no incident is picked and none comes from the tenant.
 */

export interface SampleIncident {
  incidentId: string;
  title: string;
  lastUpdateTime: string;
  /** The incident exactly as `GET /api/incidents/{id}` returns it (the playbook's --mock-data). */
  incident: Record<string, unknown>;
}

interface IncidentShape {
  incidentId?: number | string;
  incidentName?: string;
  displayName?: string;
  severity?: string;
  status?: string;
  lastUpdateTime?: string;
  alerts?: { serviceSource?: string; severity?: string; category?: string; title?: string; detectionSource?: string }[];
}

const SAMPLE_DIR = path.join(__dirname, 'samples');
let cache: SampleIncident[] | undefined;

/** Every built-in sample, newest first. */
export function sampleIncidents(): SampleIncident[] {
  if (!cache) {
    cache = fs
      .readdirSync(SAMPLE_DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => {
        const incident = JSON.parse(fs.readFileSync(path.join(SAMPLE_DIR, f), 'utf8')) as Record<string, unknown> & IncidentShape;
        return {
          incidentId: String(incident.incidentId),
          title: incident.incidentName ?? incident.displayName ?? `Incident ${incident.incidentId}`,
          lastUpdateTime: incident.lastUpdateTime ?? '',
          incident,
        };
      })
      .sort((a, b) => b.lastUpdateTime.localeCompare(a.lastUpdateTime) || a.incidentId.localeCompare(b.incidentId));
  }
  return cache;
}

/** The built-in sample with this id, if any. */
export function findSample(incidentId: string): SampleIncident | undefined {
  return sampleIncidents().find((s) => s.incidentId === incidentId.trim());
}

/** How well an incident fits a trigger: alerts from the right source, severity, topic, status. */
export function triggerScore(spec: PlaybookSpec, incident: Record<string, unknown>): number {
  const i = incident as IncidentShape;
  const t = spec.trigger;
  const alerts = i.alerts ?? [];
  let score = 0;
  const fits = alerts.filter((a) => {
    const source = a.serviceSource ? normaliseServiceSource(a.serviceSource) : undefined;
    const sourceOk = t.serviceSources.length === 0 || (source !== undefined && t.serviceSources.includes(source));
    const sevOk = t.severities.length === 0 || t.severities.includes((t.kind === 'alert' ? a.severity : i.severity) as never);
    return sourceOk && sevOk;
  });
  if (fits.length > 0) score += 10;
  if (t.statuses.length === 0 ? i.status === 'Active' : t.statuses.includes(i.status as never)) score += 3;
  for (const topic of t.topics) {
    const def = TOPICS[topic];
    const hit = alerts.some(
      (a) =>
        (def.categories as readonly string[]).includes(a.category ?? '') ||
        def.keywords.some((k) => `${a.title ?? ''} ${i.incidentName ?? ''}`.toLowerCase().includes(k)),
    );
    if (hit) score += 4;
  }
  for (const category of t.categories) if (alerts.some((a) => a.category?.toLowerCase() === category.toLowerCase())) score += 2;
  for (const word of t.titleKeywords) if (`${i.incidentName ?? ''} ${alerts.map((a) => a.title).join(' ')}`.toLowerCase().includes(word.toLowerCase())) score += 2;
  return score;
}

/** The sample that best matches the playbook's trigger (ties: the most recent). */
export function pickSample(spec: PlaybookSpec): SampleIncident {
  const samples = sampleIncidents();
  let best = samples[0];
  let bestScore = -1;
  for (const s of samples) {
    const score = triggerScore(spec, s.incident);
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}
