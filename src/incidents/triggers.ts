import { TOPICS, normaliseServiceSource, type Trigger } from '../playbooks/spec';
import type { IncidentAlert, SecurityIncident } from './model';

function lower(values: readonly string[]): string[] {
  return values.map((v) => v.toLowerCase());
}

/** Whether one alert passes the alert-level filters (severity, source, category, topic, keywords). */
function alertMatches(t: Trigger, alert: IncidentAlert, incident: SecurityIncident): boolean {
  const severity = (alert.severity ?? incident.severity ?? '').toLowerCase();
  if (t.severities.length > 0 && !lower(t.severities).includes(severity)) return false;
  if (t.serviceSources.length > 0) {
    const source = normaliseServiceSource(alert.serviceSource ?? '') ?? alert.serviceSource ?? '';
    if (!t.serviceSources.includes(source as Trigger['serviceSources'][number])) return false;
  }
  if (t.detectionSources.length > 0 && !lower(t.detectionSources).includes((alert.detectionSource ?? '').toLowerCase())) return false;
  if (t.categories.length > 0 && !lower(t.categories).includes((alert.category ?? '').toLowerCase())) return false;
  const haystack = `${incident.incidentName} ${alert.title ?? ''}`.toLowerCase();
  if (t.titleKeywords.length > 0 && !t.titleKeywords.some((k) => haystack.includes(k.toLowerCase()))) return false;
  if (t.topics.length > 0) {
    const hit = t.topics.some((topic) => {
      const def = TOPICS[topic];
      return def.keywords.some((k) => haystack.includes(k)) || lower(def.categories).includes((alert.category ?? '').toLowerCase());
    });
    if (!hit) return false;
  }
  return true;
}

/**
 * Whether an incident (update) matches a playbook's trigger: the incident-level filters
 * (status, classification) and at least one alert through the alert-level filters. A status /
 * classification trigger fires only when that field changed to a listed value.
 */
export function matchesTrigger(t: Trigger, incident: SecurityIncident, previous?: SecurityIncident): boolean {
  if (t.statuses.length > 0) {
    if (!lower(t.statuses).includes(incident.status.toLowerCase())) return false;
    if (previous && previous.status === incident.status && t.classifications.length === 0) return false;
  }
  if (t.classifications.length > 0) {
    if (!lower(t.classifications).includes((incident.classification ?? '').toLowerCase())) return false;
    if (previous && previous.classification === incident.classification) return false;
  }
  // Without status triggers, a playbook runs for new incidents and for updates that add alerts.
  if (t.statuses.length === 0 && t.classifications.length === 0 && previous) {
    const known = new Set(previous.alerts.map((a) => a.alertId));
    const added = incident.alerts.filter((a) => !known.has(a.alertId));
    return added.some((a) => alertMatches(t, a, incident));
  }
  if (incident.alerts.length === 0) {
    return t.severities.length === 0 || lower(t.severities).includes(incident.severity.toLowerCase());
  }
  return incident.alerts.some((a) => alertMatches(t, a, incident));
}
