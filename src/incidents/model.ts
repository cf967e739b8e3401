import { z } from 'zod';
import { AppError } from '../errors';
import { SEVERITIES } from '../playbooks/spec';
import type { IncidentAlert, IncidentDevice, IncidentEntity, SecurityIncident } from '../records/incident';

// The incident's shape lives in src/records (shared with the store that keeps it); this module parses into it.
export type { IncidentAlert, IncidentDevice, IncidentEntity, SecurityIncident } from '../records/incident';

/** An incident's severity: Defender XDR's (the spec's list), or UnSpecified; Sentinel uses the same words. */
export const INCIDENT_SEVERITIES = ['UnSpecified', ...SEVERITIES] as const;

const nullableString = z.string().nullish();
const idLike = z.union([z.string().min(1), z.number().int()]).transform((v) => String(v));

const entitySchema = z.object({ entityType: z.string() }).passthrough();
const deviceSchema = z.object({ mdatpDeviceId: nullableString, deviceDnsName: nullableString }).passthrough();
const alertSchema = z
  .object({
    alertId: idLike,
    title: nullableString,
    severity: nullableString,
    devices: z.array(deviceSchema).nullish().transform((v) => v ?? []),
    entities: z.array(entitySchema).nullish().transform((v) => v ?? []),
  })
  .passthrough();

/** A Defender XDR incident as the incidents API returns it. */
export const defenderIncidentSchema = z
  .object({
    incidentId: idLike,
    incidentName: z.string().min(1, 'incidentName must not be empty'),
    severity: z.string().min(1),
    status: z.string().min(1),
    lastUpdateTime: z.string().datetime({ offset: true, message: 'lastUpdateTime must be an ISO 8601 timestamp' }),
    createdTime: nullableString,
    classification: nullableString,
    determination: nullableString,
    assignedTo: nullableString,
    tags: z.array(z.string()).nullish().transform((v) => v ?? []),
    alerts: z.array(alertSchema).nullish().transform((v) => v ?? []),
  })
  .passthrough();

/** The Logic App / automation-rule trigger body ("Microsoft Sentinel incident"). */
const sentinelAutomationSchema = z.object({
  object: z.object({
    id: z.string().optional(),
    name: z.string().min(1),
    properties: z
      .object({
        title: z.string().min(1),
        severity: z.string().min(1),
        status: z.string().min(1),
        incidentNumber: idLike.optional(),
        lastModifiedTimeUtc: z.string().min(1),
        createdTimeUtc: z.string().optional(),
        classification: nullableString,
        incidentUrl: nullableString,
        providerName: nullableString,
        providerIncidentId: nullableString,
        owner: z.object({ userPrincipalName: nullableString, assignedTo: nullableString, email: nullableString }).passthrough().nullish(),
        labels: z.array(z.object({ labelName: z.string() }).passthrough()).nullish(),
        alerts: z.array(z.object({ name: z.string().optional(), properties: z.record(z.unknown()).optional() }).passthrough()).nullish(),
        relatedEntities: z.array(z.object({ kind: z.string(), properties: z.record(z.unknown()).optional() }).passthrough()).nullish(),
      })
      .passthrough(),
    relatedEntities: z.array(z.object({ kind: z.string(), properties: z.record(z.unknown()).optional() }).passthrough()).nullish(),
  }),
});

/** A SecurityIncident row from the Sentinel workspace (Log Analytics), as some connectors post it. */
const sentinelRowSchema = z
  .object({
    IncidentName: z.string().min(1),
    Title: z.string().min(1),
    Severity: z.string().min(1),
    Status: z.string().min(1),
    IncidentNumber: idLike.optional(),
    LastModifiedTime: z.string().min(1),
    CreatedTime: z.string().optional(),
    Classification: nullableString,
    IncidentUrl: nullableString,
    ProviderName: nullableString,
    ProviderIncidentId: nullableString,
    Owner: z.object({ userPrincipalName: nullableString, assignedTo: nullableString }).passthrough().nullish(),
    AlertIds: z.union([z.array(z.string()), z.string()]).nullish(),
  })
  .passthrough();

/** Why a payload was refused, in words a webhook author can act on (the reason is about their own body, so it is the user's text). */
export class IncidentPayloadError extends AppError {
  constructor(reason: string) {
    super('IncidentPayloadInvalid', reason, { httpStatus: 400 });
  }
}

function issuesText(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(body)'}: ${i.message}`)
    .join('; ');
}

/** Sentinel's severities are Defender's words; anything else (a numeric level) is mapped. */
function severityWord(raw: string): string {
  const found = INCIDENT_SEVERITIES.find((s) => s.toLowerCase() === raw.toLowerCase());
  if (found) return found;
  return 'UnSpecified';
}

/** Timestamps from Sentinel rows look like "2023-03-09 13:40:51.080319+00:00": ISO them. */
function isoTime(raw: string, field: string): string {
  const parsed = new Date(raw.includes(' ') && !raw.includes('T') ? raw.replace(' ', 'T') : raw);
  if (Number.isNaN(parsed.getTime())) throw new IncidentPayloadError(`${field}: "${raw}" is not a timestamp`);
  return parsed.toISOString();
}

/** A Defender incident forwarded through Sentinel keeps its Defender id, so both sources dedupe. */
function sentinelIncidentId(name: string, providerName?: string | null, providerIncidentId?: string | null): string {
  if (providerIncidentId && /defender|microsoft 365|xdr/i.test(providerName ?? '')) return providerIncidentId;
  return `sentinel:${name}`;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** Sentinel entities (Host, Account, Ip, FileHash, Url) as Defender alert entities and devices. */
function mapSentinelEntities(entities: { kind: string; properties?: Record<string, unknown> }[]): { devices: IncidentDevice[]; entities: IncidentEntity[] } {
  const devices: IncidentDevice[] = [];
  const out: IncidentEntity[] = [];
  for (const e of entities) {
    const p = e.properties ?? {};
    switch (e.kind.toLowerCase()) {
      case 'host': {
        const name = [str(p.hostName), str(p.dnsDomain)].filter(Boolean).join('.');
        devices.push({ mdatpDeviceId: str(p.additionalData && (p.additionalData as Record<string, unknown>).MdatpDeviceId) ?? null, deviceDnsName: name || str(p.friendlyName) || null, osPlatform: str(p.osFamily) ?? null });
        break;
      }
      case 'account':
        out.push({ entityType: 'User', accountName: str(p.accountName) ?? null, aadUserId: str(p.aadUserId) ?? null, userPrincipalName: str(p.accountName) && str(p.upnSuffix) ? `${String(p.accountName)}@${String(p.upnSuffix)}` : null });
        break;
      case 'ip':
        out.push({ entityType: 'Ip', ipAddress: str(p.address) ?? null });
        break;
      case 'filehash': {
        const algo = (str(p.algorithm) ?? '').toLowerCase();
        out.push({ entityType: 'File', sha256: algo === 'sha256' ? str(p.hashValue) ?? null : null, sha1: algo === 'sha1' ? str(p.hashValue) ?? null : null });
        break;
      }
      case 'url':
        out.push({ entityType: 'Url', url: str(p.url) ?? null });
        break;
      default:
        break;
    }
  }
  return { devices, entities: out };
}

/**
 * Reads a webhook body: a Defender XDR incident, a Sentinel automation-rule / Logic App
 * trigger body, or a Sentinel SecurityIncident row. Throws IncidentPayloadError with the reason.
 */
export function parseIncidentPayload(body: unknown): SecurityIncident {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new IncidentPayloadError('the body must be one JSON object: a Defender XDR incident or a Microsoft Sentinel incident');
  }
  const raw = body as Record<string, unknown>;
  if ('object' in raw) {
    const r = sentinelAutomationSchema.safeParse(raw);
    if (!r.success) throw new IncidentPayloadError(`not a valid Sentinel incident trigger body: ${issuesText(r.error)}`);
    const o = r.data.object;
    const p = o.properties;
    const { devices, entities } = mapSentinelEntities([...(o.relatedEntities ?? []), ...(p.relatedEntities ?? [])]);
    const alerts: IncidentAlert[] = (p.alerts ?? []).map((a, i) => ({
      alertId: a.name ?? `${o.name}_${i}`,
      title: str(a.properties?.alertDisplayName) ?? null,
      severity: str(a.properties?.severity) ?? null,
      serviceSource: str(a.properties?.productName) ?? 'MicrosoftSentinel',
      devices: i === 0 ? devices : [],
      entities: i === 0 ? entities : [],
    }));
    if (alerts.length === 0 && (devices.length > 0 || entities.length > 0)) {
      alerts.push({ alertId: `${o.name}_entities`, title: p.title, serviceSource: 'MicrosoftSentinel', devices, entities });
    }
    return {
      incidentId: sentinelIncidentId(o.name, p.providerName, p.providerIncidentId),
      incidentName: p.title,
      severity: severityWord(p.severity),
      status: p.status,
      classification: p.classification ?? null,
      assignedTo: p.owner?.userPrincipalName ?? p.owner?.assignedTo ?? null,
      createdTime: p.createdTimeUtc ? isoTime(p.createdTimeUtc, 'object.properties.createdTimeUtc') : null,
      lastUpdateTime: isoTime(p.lastModifiedTimeUtc, 'object.properties.lastModifiedTimeUtc'),
      tags: (p.labels ?? []).map((l) => l.labelName),
      alerts,
      source: 'sentinel',
      incidentUrl: p.incidentUrl ?? null,
    };
  }
  if ('IncidentName' in raw || 'row' in raw) {
    const row = 'row' in raw ? raw.row : raw;
    const r = sentinelRowSchema.safeParse(row);
    if (!r.success) throw new IncidentPayloadError(`not a valid Sentinel SecurityIncident row: ${issuesText(r.error)}`);
    const d = r.data;
    const alertIds = Array.isArray(d.AlertIds) ? d.AlertIds : typeof d.AlertIds === 'string' ? safeJsonArray(d.AlertIds) : [];
    return {
      incidentId: sentinelIncidentId(d.IncidentName, d.ProviderName, d.ProviderIncidentId),
      incidentName: d.Title,
      severity: severityWord(d.Severity),
      status: d.Status,
      classification: d.Classification || null,
      assignedTo: d.Owner?.userPrincipalName ?? d.Owner?.assignedTo ?? null,
      createdTime: d.CreatedTime ? isoTime(d.CreatedTime, 'CreatedTime') : null,
      lastUpdateTime: isoTime(d.LastModifiedTime, 'LastModifiedTime'),
      tags: [],
      alerts: alertIds.map((id) => ({ alertId: id, serviceSource: 'MicrosoftSentinel', devices: [], entities: [] })),
      source: 'sentinel',
      incidentUrl: d.IncidentUrl ?? null,
    };
  }
  const r = defenderIncidentSchema.safeParse(raw);
  if (!r.success) throw new IncidentPayloadError(`not a valid Defender XDR incident: ${issuesText(r.error)}`);
  return { ...(r.data as unknown as SecurityIncident), lastUpdateTime: new Date(r.data.lastUpdateTime).toISOString(), source: 'defender' };
}

function safeJsonArray(text: string): string[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/** A device seen in the incident's alerts, merged by machine id. */
export interface DeviceSummary {
  machineId?: string;
  name: string;
  osPlatform?: string;
  riskScore?: string;
  healthStatus?: string;
  alertIds: string[];
}

/** The devices named in an incident's alerts, one per machine. */
export function devicesOf(incident: SecurityIncident): DeviceSummary[] {
  const byKey = new Map<string, DeviceSummary>();
  for (const alert of incident.alerts) {
    for (const d of alert.devices ?? []) {
      const key = d.mdatpDeviceId ?? d.deviceDnsName ?? '';
      if (!key) continue;
      const existing = byKey.get(key);
      if (existing) {
        if (!existing.alertIds.includes(alert.alertId)) existing.alertIds.push(alert.alertId);
        continue;
      }
      byKey.set(key, {
        machineId: d.mdatpDeviceId ?? undefined,
        name: d.deviceDnsName ?? d.mdatpDeviceId ?? 'unknown device',
        osPlatform: d.osPlatform ?? undefined,
        riskScore: d.riskScore ?? undefined,
        healthStatus: d.healthStatus ?? undefined,
        alertIds: [alert.alertId],
      });
    }
  }
  return [...byKey.values()];
}

/** An indicator of compromise from the alerts' entities. */
export interface IocSummary {
  type: 'file' | 'ip' | 'url' | 'domain';
  value: string;
  alertId: string;
  /** The file's SHA-1 when `value` is its SHA-256: VirusTotal may know it by either. */
  sha1?: string;
}

/** Users (UPN or account) and IOCs (hashes, IPs, URLs) named in the incident. */
export function entitiesOf(incident: SecurityIncident): { users: string[]; iocs: IocSummary[] } {
  const users = new Set<string>();
  const iocs = new Map<string, IocSummary>();
  for (const alert of incident.alerts) {
    for (const e of alert.entities ?? []) {
      const type = e.entityType.toLowerCase();
      if (type === 'user' || type === 'mailbox') {
        const name = e.userPrincipalName ?? (e.accountName ? `${e.domainName ? `${e.domainName}\\` : ''}${e.accountName}` : undefined);
        if (name) users.add(name);
      }
      const add = (t: IocSummary['type'], v?: string | null, sha1?: string | null): void => {
        if (v && !iocs.has(`${t}:${v}`)) iocs.set(`${t}:${v}`, { type: t, value: v, alertId: alert.alertId, ...(sha1 && sha1 !== v ? { sha1 } : {}) });
      };
      if (type === 'file' || type === 'process') add('file', e.sha256 ?? e.sha1, e.sha1);
      if (type === 'ip') add('ip', e.ipAddress);
      if (type === 'url') add('url', e.url);
    }
  }
  return { users: [...users], iocs: [...iocs.values()] };
}
