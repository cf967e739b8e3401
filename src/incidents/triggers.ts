import { TOPICS, normaliseServiceSource, type Trigger } from '../playbooks/spec';
import type { IncidentAlert, SecurityIncident } from './model';

/*
 * What a trigger means, once for the bot (this file) and the generated Python (`matching_alerts`
 * in the playbook runtime); test/fixtures/triggers/cases.json runs the same table through both.
 *
 * - Every comparison ignores case; service sources are compared by canonical name (aliases such as
 *   MicrosoftDefenderATP normalised).
 * - Incident filters: the incident's status and classification are among those listed.
 * - Alert filters: an alert passes when each given filter holds for it: severity (the alert's, or
 *   the incident's when the alert has none), service source, detection source, category, and the
 *   subject: topics and title keywords together are one filter, met when any topic (a keyword in
 *   the incident name or the alert title, or the alert's category) or any title keyword (in the
 *   incident name or the alert title) matches. Cards read them as one list joined by "or". When
 *   some alert names the subject by its own title or category, the incident name is not read:
 *   the alerts that name it are the ones that match.
 * - Kind `alert`: the alerts that pass are the ones the steps act on; none passing, no match.
 * - Kind `incident`: the severity filter reads the incident's own severity; the other alert
 *   filters need one alert that passes them all; the steps act on every alert. An incident
 *   without alerts passes only when no alert filter but severity and subject is given, the subject
 *   then read from the incident name.
 */

function lower(values: readonly string[]): string[] {
  return values.map((v) => v.toLowerCase());
}

function listed(values: readonly string[], value: string | null | undefined): boolean {
  return values.length === 0 || lower(values).includes((value ?? '').toLowerCase());
}

/**
 * The subject filter: a topic or a title keyword in the alert title (or the incident name, unless `ownOnly`), or a
 * topic's category.
 */
function subjectMatches(t: Trigger, incident: SecurityIncident, alert: IncidentAlert | undefined, ownOnly = false): boolean {
  if (t.topics.length === 0 && t.titleKeywords.length === 0) return true;
  const texts = [ownOnly ? '' : incident.incidentName ?? '', alert?.title ?? ''].map((s) => String(s).toLowerCase());
  const mentions = (k: string) => texts.some((text) => text.includes(k.toLowerCase()));
  const category = (alert?.category ?? '').toLowerCase();
  return (
    t.topics.some((topic) => TOPICS[topic].keywords.some(mentions) || (category !== '' && lower(TOPICS[topic].categories).includes(category))) ||
    t.titleKeywords.some(mentions)
  );
}

/**
 * Whether the subject is read from the alerts alone: when some alert of the incident names it by its own title or
 * category, an incident name that names it too ("Credential dumping and lateral movement") does not pull in the others.
 */
function subjectFromAlerts(t: Trigger, incident: SecurityIncident): boolean {
  return (incident.alerts ?? []).some((a) => subjectMatches(t, incident, a, true));
}

/** The alert filters other than severity. */
function alertFiltersHold(t: Trigger, incident: SecurityIncident, alert: IncidentAlert, ownOnly: boolean): boolean {
  if (t.serviceSources.length > 0) {
    const source = normaliseServiceSource(alert.serviceSource ?? '') ?? alert.serviceSource ?? '';
    if (!t.serviceSources.includes(source as Trigger['serviceSources'][number])) return false;
  }
  return listed(t.detectionSources, alert.detectionSource) && listed(t.categories, alert.category) && subjectMatches(t, incident, alert, ownOnly);
}

/** Whether one alert passes every alert filter, severity included (the incident's when the alert has none). */
function alertMatches(t: Trigger, alert: IncidentAlert, incident: SecurityIncident, ownOnly: boolean): boolean {
  return listed(t.severities, alert.severity || incident.severity) && alertFiltersHold(t, incident, alert, ownOnly);
}

/** The ids of the alerts a playbook's steps act on when the trigger matches the incident; undefined when it does not. */
export function matchingAlertIds(t: Trigger, incident: SecurityIncident): string[] | undefined {
  if (t.statuses.length > 0 && !listed(t.statuses, incident.status)) return undefined;
  if (t.classifications.length > 0 && !listed(t.classifications, incident.classification)) return undefined;
  const alerts = incident.alerts ?? [];
  // Read once per incident: whether an alert names the subject itself.
  const ownOnly = subjectFromAlerts(t, incident);
  if (t.kind === 'alert') {
    const matched = alerts.filter((a) => alertMatches(t, a, incident, ownOnly)).map((a) => String(a.alertId));
    return matched.length > 0 ? matched : undefined;
  }
  if (!listed(t.severities, incident.severity)) return undefined;
  if (alerts.length === 0) {
    const needsAlert = t.serviceSources.length > 0 || t.detectionSources.length > 0 || t.categories.length > 0;
    return !needsAlert && subjectMatches(t, incident, undefined) ? [] : undefined;
  }
  return alerts.some((a) => alertFiltersHold(t, incident, a, ownOnly)) ? alerts.map((a) => String(a.alertId)) : undefined;
}

/**
 * Whether an incident (update) matches a playbook's trigger (see the rules above). A status /
 * classification trigger fires only when that field changed to a listed value; without one, an
 * update fires only when an alert it adds matches.
 */
export function matchesTrigger(t: Trigger, incident: SecurityIncident, previous?: SecurityIncident): boolean {
  if (matchingAlertIds(t, incident) === undefined) return false;
  if (!previous) return true;
  if (t.statuses.length > 0 && previous.status === incident.status && t.classifications.length === 0) return false;
  if (t.classifications.length > 0 && previous.classification === incident.classification) return false;
  if (t.statuses.length === 0 && t.classifications.length === 0) {
    const known = new Set(previous.alerts.map((a) => a.alertId));
    const added = incident.alerts.filter((a) => !known.has(a.alertId));
    const ownOnly = subjectFromAlerts(t, incident);
    if (t.kind === 'alert') return added.some((a) => alertMatches(t, a, incident, ownOnly));
    return added.some((a) => alertFiltersHold(t, incident, a, ownOnly));
  }
  return true;
}
