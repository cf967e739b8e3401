import { quotedValue, scalarText } from '../json';
import crypto from 'node:crypto';
import net from 'node:net';
import type { Caller } from './auth';
import type { SimContext } from './context';
import { bodyObject, defenderError, json, serviceTime, type SimRequest, type SimResponse } from './http';
import type { RateLimitedApi } from './limits';
import { matchesFilter, ODataFilterError, parseFilter } from './odata';
import type { Incident, Indicator, Json, MachineActionType, StoredMachineAction } from './state';
import {
  allAlerts,
  findMachine,
  knownFiles,
  machineActionStatus,
  machineActionView,
  machineContainment,
  machineView,
} from './tenant';

const ODATA = 'https://api.security.microsoft.com/api/$metadata';

/** How each machine action endpoint maps to the MachineAction type, its role and call-log name. */
const MACHINE_ACTIONS: Record<string, { type: MachineActionType; role: string; action: string }> = {
  isolate: { type: 'Isolate', role: 'Machine.Isolate', action: 'isolate' },
  unisolate: { type: 'Unisolate', role: 'Machine.Isolate', action: 'unisolate' },
  runantivirusscan: { type: 'RunAntiVirusScan', role: 'Machine.Scan', action: 'runAntiVirusScan' },
  collectinvestigationpackage: { type: 'CollectInvestigationPackage', role: 'Machine.CollectForensics', action: 'collectInvestigationPackage' },
  restrictcodeexecution: { type: 'RestrictCodeExecution', role: 'Machine.RestrictExecution', action: 'restrictCodeExecution' },
  unrestrictcodeexecution: { type: 'UnrestrictCodeExecution', role: 'Machine.RestrictExecution', action: 'unrestrictCodeExecution' },
  stopandquarantinefile: { type: 'StopAndQuarantineFile', role: 'Machine.StopAndQuarantine', action: 'stopAndQuarantineFile' },
};

/** Actions that cancel each other out share a family: one pending request per family and machine. */
const ACTION_FAMILY: Record<MachineActionType, string> = {
  Isolate: 'isolation',
  Unisolate: 'isolation',
  RestrictCodeExecution: 'restriction',
  UnrestrictCodeExecution: 'restriction',
  RunAntiVirusScan: 'scan',
  CollectInvestigationPackage: 'forensics',
  StopAndQuarantineFile: 'quarantine',
};

const INCIDENT_STATUSES = ['Active', 'Resolved', 'InProgress', 'Redirected'];
const CLASSIFICATIONS = ['Unknown', 'FalsePositive', 'TruePositive', 'InformationalExpectedActivity'];
const DETERMINATIONS = [
  'NotAvailable', 'Apt', 'Malware', 'SecurityPersonnel', 'SecurityTesting', 'UnwantedSoftware', 'Other',
  'MultiStagedAttack', 'CompromisedAccount', 'CompromisedUser', 'Phishing', 'MaliciousUserActivity', 'NotMalicious',
  'NotEnoughDataToValidate', 'ConfirmedActivity', 'ConfirmedUserActivity', 'LineOfBusinessApplication',
];
const INDICATOR_TYPES = ['FileSha1', 'FileSha256', 'FileMd5', 'CertificateThumbprint', 'IpAddress', 'DomainName', 'Url'];
const INDICATOR_ACTIONS = ['Allowed', 'Audit', 'Warn', 'Block', 'BlockAndRemediate', 'AlertAndBlock', 'Alert'];
const SEVERITIES = ['Informational', 'Low', 'Medium', 'High'];

/** The call-log action name for a Defender write request (known before it is authorised, so refusals are named too). */
export function defenderActionName(req: SimRequest): string | null {
  const parts = segments(req.path);
  if (req.method === 'PATCH' && parts[1]?.toLowerCase() === 'incidents') return 'updateIncident';
  if (req.method === 'POST' && parts[1]?.toLowerCase() === 'machines' && parts.length === 4) {
    return MACHINE_ACTIONS[parts[3].toLowerCase()]?.action ?? null;
  }
  if (req.method === 'POST' && parts[1]?.toLowerCase() === 'indicators') return 'createIndicator';
  if (req.method === 'DELETE' && parts[1]?.toLowerCase() === 'indicators') return 'deleteIndicator';
  return null;
}

/** `/api/...`: Defender XDR incidents and Defender for Endpoint machines, actions, indicators, files. */
export async function handleDefender(ctx: SimContext, req: SimRequest): Promise<SimResponse> {
  const parts = segments(req.path); // ['api', 'incidents', '41001']
  const collection = parts[1]?.toLowerCase();
  const caller = await ctx.entra.authenticate(req, 'defender', (m) => defenderError(401, 'Unauthorized', m));
  const family: RateLimitedApi = collection === 'incidents' ? 'incidents' : req.method === 'POST' && collection === 'machines' && parts.length === 4 ? 'machineActions' : 'defender';
  const wait = ctx.limiter.take(caller.appId, family);
  if (wait !== undefined) {
    throw defenderError(429, 'TooManyRequests', `Rate limit is exceeded. Try again in ${wait} seconds.`, { 'Retry-After': String(wait) });
  }
  const data = ctx.store.data;
  const id = parts[2] === undefined ? undefined : decodeURIComponent(parts[2]);

  switch (collection) {
    case 'incidents':
      if (req.method === 'GET' && id === undefined) {
        requireRole(caller, ['Incident.Read.All', 'Incident.ReadWrite.All']);
        return page(req, data.incidents.slice().sort(newest('lastUpdateTime')), ['lastUpdateTime', 'createdTime', 'status', 'assignedTo'], 100, `${ODATA}#Incidents`, ctx.baseUrl());
      }
      if (req.method === 'GET' && parts.length === 3) {
        requireRole(caller, ['Incident.Read.All', 'Incident.ReadWrite.All']);
        return json(200, { '@odata.context': `${ODATA}#Incidents/$entity`, ...findIncident(ctx, id) });
      }
      if (req.method === 'PATCH' && parts.length === 3) {
        requireRole(caller, ['Incident.ReadWrite.All']);
        return updateIncident(ctx, req, caller, findIncident(ctx, id));
      }
      break;
    case 'alerts':
      if (req.method === 'GET') {
        requireRole(caller, ['Alert.Read.All', 'Alert.ReadWrite.All', 'Incident.Read.All', 'Incident.ReadWrite.All']);
        const alerts = allAlerts(data).map((a) => alertView(ctx, a.alertId));
        if (id === undefined) {
          return page(req, alerts.sort(newest('alertCreationTime')), ['alertCreationTime', 'lastUpdateTime', 'incidentId', 'status', 'severity', 'category', 'machineId', 'title'], 10000, `${ODATA}#Alerts`, ctx.baseUrl());
        }
        const alert = alerts.find((a) => a.id === id);
        if (!alert) throw defenderError(404, 'ResourceNotFound', `Alert ${id} was not found`);
        return json(200, { '@odata.context': `${ODATA}#Alerts/$entity`, ...alert });
      }
      break;
    case 'machines':
      if (req.method === 'GET' && parts.length <= 3) {
        requireRole(caller, ['Machine.Read.All', 'Machine.ReadWrite.All']);
        if (id === undefined) {
          const machines = data.machines.map((m) => machineView(data, m));
          return page(req, machines, ['computerDnsName', 'id', 'healthStatus', 'riskScore', 'exposureLevel', 'osPlatform', 'lastSeen', 'lastIpAddress', 'rbacGroupId', 'machineTags', 'aadDeviceId'], 10000, `${ODATA}#Machines`, ctx.baseUrl());
        }
        const machine = findMachine(data, id);
        if (!machine) throw defenderError(404, 'ResourceNotFound', `Machine ${id} was not found`);
        return json(200, { '@odata.context': `${ODATA}#Machines/$entity`, ...machineView(data, machine) });
      }
      if (req.method === 'POST' && parts.length === 4 && id !== undefined) {
        return createMachineAction(ctx, req, caller, id, parts[3]);
      }
      break;
    case 'machineactions':
      if (req.method === 'GET') {
        requireRole(caller, ['Machine.Read.All', 'Machine.ReadWrite.All']);
        if (id === undefined) {
          const actions = data.machineActions.slice().sort((a, b) => b.createdAtMs - a.createdAtMs).map((a) => machineActionView(a));
          return page(req, actions, ['id', 'status', 'machineId', 'type', 'requestor', 'creationDateTimeUtc'], 10000, `${ODATA}#MachineActions`, ctx.baseUrl());
        }
        const action = data.machineActions.find((a) => a.id === id);
        if (!action) throw defenderError(404, 'ResourceNotFound', `MachineAction ${id} was not found`);
        if (parts[3]?.toLowerCase() === 'getpackageuri') {
          if (action.type !== 'CollectInvestigationPackage' || machineActionStatus(action) !== 'Succeeded') {
            throw defenderError(404, 'ResourceNotFound', `No investigation package is available for action ${id}`);
          }
          return json(200, { '@odata.context': `${ODATA}#Edm.String`, value: `${ctx.baseUrl()}/_sim/packages/${id}.zip?sig=simulated` });
        }
        return json(200, { '@odata.context': `${ODATA}#MachineActions/$entity`, ...machineActionView(action) });
      }
      break;
    case 'indicators':
      if (req.method === 'GET' && id === undefined) {
        requireRole(caller, ['Ti.ReadWrite.All', 'Ti.ReadWrite', 'Ti.Read.All']);
        return page(req, data.indicators.slice().reverse(), ['indicatorValue', 'indicatorType', 'action', 'createdBy', 'severity', 'title', 'application', 'creationTimeDateTimeUtc', 'expirationTime'], 10000, `${ODATA}#Indicators`, ctx.baseUrl());
      }
      if (req.method === 'POST' && id === undefined) {
        requireRole(caller, ['Ti.ReadWrite.All', 'Ti.ReadWrite']);
        return submitIndicator(ctx, req, caller);
      }
      if (req.method === 'DELETE' && id !== undefined) {
        requireRole(caller, ['Ti.ReadWrite.All', 'Ti.ReadWrite']);
        const before = data.indicators.length;
        data.indicators = data.indicators.filter((i) => i.id !== id);
        if (data.indicators.length === before) throw defenderError(404, 'ResourceNotFound', `Indicator ${id} was not found`);
        ctx.store.save();
        return { status: 204 };
      }
      break;
    case 'files':
      if (req.method === 'GET' && id !== undefined && parts.length === 3) {
        requireRole(caller, ['File.Read.All']);
        return json(200, { '@odata.context': `${ODATA}#Files/$entity`, ...fileView(ctx, id) });
      }
      break;
    default:
      break;
  }
  throw defenderError(404, 'ResourceNotFound', `No resource at ${req.method} ${req.path}`);
}

function segments(path: string): string[] {
  return path.split('/').filter(Boolean);
}

function requireRole(caller: Caller, anyOf: string[]): void {
  if (!anyOf.some((r) => caller.roles.includes(r))) {
    throw defenderError(403, 'Forbidden', `The application does not have any of the required application permissions (${anyOf.join(', ')}) to access the resource.`);
  }
}

/** The entity fields an alert's evidence carries (null when the entity has none), in the API's order. */
const EVIDENCE_FIELDS = ['sha1', 'sha256', 'fileName', 'filePath', 'processId', 'processCommandLine', 'ipAddress', 'url', 'accountName', 'domainName', 'userSid', 'aadUserId', 'userPrincipalName'] as const;

function newest(field: string): (a: Json, b: Json) => number {
  return (a, b) => Date.parse(scalarText(b[field])) - Date.parse(scalarText(a[field]));
}

/** OData paging as the APIs do it: `$filter`, `$top` (capped), `$skip`, `@odata.nextLink` when more. */
function page(req: SimRequest, items: Json[], filterable: string[], maxTop: number, context: string, baseUrl: string): SimResponse {
  const filterText = req.query.get('$filter');
  let filtered = items;
  if (filterText) {
    try {
      const filter = parseFilter(filterText, filterable);
      filtered = items.filter((i) => matchesFilter(i, filter));
    } catch (err) {
      if (err instanceof ODataFilterError) throw defenderError(400, 'InvalidRequest', err.userMessage);
      throw err;
    }
  }
  const topText = req.query.get('$top');
  const skipText = req.query.get('$skip');
  const top = topText === null ? maxTop : Number(topText);
  const skip = skipText === null ? 0 : Number(skipText);
  if (!Number.isInteger(top) || top < 0 || top > maxTop) {
    throw defenderError(400, 'InvalidRequest', `The $top value must be an integer between 0 and ${maxTop}.`);
  }
  if (!Number.isInteger(skip) || skip < 0) {
    throw defenderError(400, 'InvalidRequest', 'The $skip value must be a non-negative integer.');
  }
  const value = filtered.slice(skip, skip + top);
  const body: Json = { '@odata.context': context, value };
  if (skip + top < filtered.length && top > 0) {
    const next = new URLSearchParams(req.query);
    next.set('$skip', String(skip + top));
    next.set('$top', String(top));
    body['@odata.nextLink'] = `${baseUrl}${req.path}?${next.toString().replace(/%24/g, '$')}`;
  }
  return json(200, body);
}

function findIncident(ctx: SimContext, id: string | undefined): Incident {
  const incident = ctx.store.data.incidents.find((i) => String(i.incidentId) === id);
  if (!incident) throw defenderError(404, 'ResourceNotFound', `Incident ${id ?? ''} was not found`);
  return incident;
}

function updateIncident(ctx: SimContext, req: SimRequest, caller: Caller, incident: Incident): SimResponse {
  const body = bodyObject(req);
  if (!body) throw defenderError(400, 'InvalidRequestBody', 'Request body is incorrect');
  const allowed = ['status', 'assignedTo', 'classification', 'determination', 'tags', 'comment'];
  if ('severity' in body) {
    throw defenderError(400, 'InvalidRequestBody', 'The severity of an incident cannot be changed through the API; update the alerts\' severity in the portal instead.');
  }
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (unknown.length) {
    throw defenderError(400, 'InvalidRequestBody', `Request body is incorrect: unsupported propert${unknown.length > 1 ? 'ies' : 'y'} ${unknown.join(', ')}; updatable: ${allowed.join(', ')}`);
  }
  checkEnum(body.status, INCIDENT_STATUSES, 'status');
  checkEnum(body.classification, CLASSIFICATIONS, 'classification');
  checkEnum(body.determination, DETERMINATIONS, 'determination');
  if (body.assignedTo !== undefined && body.assignedTo !== null && typeof body.assignedTo !== 'string') {
    throw defenderError(400, 'InvalidRequestBody', 'assignedTo must be a string (the owner\'s user principal name)');
  }
  if (body.tags !== undefined && !(Array.isArray(body.tags) && body.tags.every((t) => typeof t === 'string'))) {
    throw defenderError(400, 'InvalidRequestBody', 'tags must be an array of strings');
  }
  if (body.comment !== undefined && typeof body.comment !== 'string') {
    throw defenderError(400, 'InvalidRequestBody', 'comment must be a string');
  }
  for (const key of ['status', 'classification', 'determination', 'assignedTo', 'tags'] as const) {
    if (body[key] !== undefined) (incident as Json)[key] = body[key];
  }
  const now = serviceTime();
  if (typeof body.comment === 'string' && body.comment) {
    incident.comments.push({ comment: body.comment, createdBy: caller.appName, createdTime: now });
  }
  incident.lastUpdateTime = now;
  ctx.store.save();
  return json(200, { '@odata.context': `${ODATA}#Incidents/$entity`, ...incident });
}

function checkEnum(value: unknown, allowed: string[], name: string): void {
  if (value !== undefined && !allowed.includes(quotedValue(value))) {
    throw defenderError(400, 'InvalidRequestBody', `Invalid ${name} '${quotedValue(value)}'; allowed: ${allowed.join(', ')}`);
  }
}

function alertView(ctx: SimContext, alertId: string): Json {
  const incident = ctx.store.data.incidents.find((i) => i.alerts.some((a) => a.alertId === alertId)) as Incident;
  const a = incident.alerts.find((x) => x.alertId === alertId)!;
  const device = a.devices?.[0];
  const user = a.entities?.find((e) => e.entityType === 'User');
  return {
    id: a.alertId,
    incidentId: incident.incidentId,
    investigationId: a.investigationId ?? null,
    assignedTo: a.assignedTo ?? null,
    severity: a.severity,
    status: a.status,
    classification: a.classification ?? null,
    determination: a.determination ?? null,
    investigationState: a.investigationState ?? 'Unknown',
    detectionSource: a.detectionSource ?? null,
    detectorId: null,
    category: a.category ?? null,
    threatFamilyName: a.threatFamilyName ?? null,
    title: a.title,
    description: a.description ?? '',
    alertCreationTime: a.creationTime ?? incident.createdTime,
    firstEventTime: a.firstActivity ?? null,
    lastEventTime: a.lastActivity ?? null,
    lastUpdateTime: a.lastUpdatedTime ?? incident.lastUpdateTime,
    resolvedTime: a.resolvedTime ?? null,
    machineId: device?.mdatpDeviceId ?? null,
    computerDnsName: device?.deviceDnsName ?? null,
    rbacGroupName: device?.rbacGroupName ?? null,
    aadTenantId: ctx.store.identity.tenantId,
    threatName: null,
    mitreTechniques: a.mitreTechniques ?? [],
    relatedUser: user ? { userName: user.accountName ?? null, domainName: user.domainName ?? null } : null,
    comments: [],
    evidence: (a.entities ?? []).map((e) => ({
      entityType: e.entityType,
      evidenceCreationTime: a.creationTime ?? incident.createdTime,
      ...Object.fromEntries(EVIDENCE_FIELDS.map((f) => [f, e[f] ?? null])),
      detectionStatus: e.entityType === 'File' ? 'Detected' : null,
    })),
  };
}

function createMachineAction(ctx: SimContext, req: SimRequest, caller: Caller, machineId: string, verb: string): SimResponse {
  const spec = MACHINE_ACTIONS[verb.toLowerCase()];
  if (!spec) throw defenderError(404, 'ResourceNotFound', `No machine action '${verb}'`);
  requireRole(caller, [spec.role, 'Machine.ReadWrite.All']);
  const data = ctx.store.data;
  const machine = data.machines.find((m) => m.id.toLowerCase() === machineId.toLowerCase());
  if (!machine) throw defenderError(404, 'ResourceNotFound', `Machine ${machineId} was not found`);
  const body = bodyObject(req);
  if (!body || typeof body.Comment !== 'string' || !body.Comment.trim()) {
    throw defenderError(400, 'InvalidRequestBody', 'Request body is incorrect: Comment is required');
  }
  let scope: string | null = null;
  let relatedFileInfo: StoredMachineAction['relatedFileInfo'] = null;
  if (spec.type === 'Isolate') {
    scope = body.IsolationType === undefined ? 'Full' : quotedValue(body.IsolationType);
    if (!['Full', 'Selective'].includes(scope)) throw defenderError(400, 'InvalidRequestBody', `Invalid IsolationType '${scope}'; allowed: Full, Selective`);
  }
  if (spec.type === 'RunAntiVirusScan') {
    scope = body.ScanType === undefined ? 'Quick' : quotedValue(body.ScanType);
    if (!['Quick', 'Full'].includes(scope)) throw defenderError(400, 'InvalidRequestBody', `Invalid ScanType '${scope}'; allowed: Quick, Full`);
  }
  if (spec.type === 'StopAndQuarantineFile') {
    const sha1 = typeof body.Sha1 === 'string' ? body.Sha1 : '';
    if (!/^[0-9a-f]{40}$/i.test(sha1)) throw defenderError(400, 'InvalidRequestBody', 'Request body is incorrect: Sha1 must be the 40-character SHA-1 of the file');
    relatedFileInfo = { fileIdentifier: sha1.toLowerCase(), fileIdentifierType: 'Sha1' };
  }
  const now = Date.now();
  const family = ACTION_FAMILY[spec.type];
  const active = data.machineActions.find(
    (a) => a.machineId === machine.id && ACTION_FAMILY[a.type] === family && machineActionStatus(a, now) !== 'Succeeded',
  );
  if (active) {
    throw defenderError(400, 'ActiveRequestAlreadyExists', `Action is already in progress (${active.type} ${active.id} is ${machineActionStatus(active, now)})`);
  }
  const containment = machineContainment(data, machine, now);
  if (spec.type === 'Isolate' && containment.isolated) {
    throw defenderError(400, 'InvalidRequest', `Machine ${machine.id} is already isolated`);
  }
  if (spec.type === 'Unisolate' && !containment.isolated) {
    throw defenderError(400, 'InvalidRequest', `Machine ${machine.id} is not isolated`);
  }
  if (spec.type === 'RestrictCodeExecution' && containment.restricted) {
    throw defenderError(400, 'InvalidRequest', `Machine ${machine.id} already has app execution restricted`);
  }
  if (spec.type === 'UnrestrictCodeExecution' && !containment.restricted) {
    throw defenderError(400, 'InvalidRequest', `Machine ${machine.id} does not have app execution restricted`);
  }
  const action: StoredMachineAction = {
    id: crypto.randomUUID(),
    type: spec.type,
    scope,
    requestor: caller.appId,
    requestorComment: body.Comment,
    machineId: machine.id,
    computerDnsName: machine.computerDnsName,
    createdAtMs: now,
    inProgressAtMs: now + ctx.actionDelaysMs.toInProgress,
    succeededAtMs: now + ctx.actionDelaysMs.toInProgress + ctx.actionDelaysMs.toSucceeded,
    relatedFileInfo,
  };
  data.machineActions.push(action);
  ctx.store.save();
  return json(201, { '@odata.context': `${ODATA}#MachineActions/$entity`, ...machineActionView(action, now) });
}

function submitIndicator(ctx: SimContext, req: SimRequest, caller: Caller): SimResponse {
  const body = bodyObject(req);
  if (!body) throw defenderError(400, 'InvalidRequestBody', 'Request body is incorrect');
  for (const field of ['indicatorValue', 'indicatorType', 'action', 'title', 'description']) {
    if (typeof body[field] !== 'string' || !(body[field]).trim()) {
      throw defenderError(400, 'InvalidRequestBody', `Request body is incorrect: ${field} is required`);
    }
  }
  const type = String(body.indicatorType);
  const action = String(body.action);
  checkEnum(type, INDICATOR_TYPES, 'indicatorType');
  checkEnum(action, INDICATOR_ACTIONS, 'action');
  checkEnum(body.severity, SEVERITIES, 'severity');
  if (action === 'BlockAndRemediate' && !type.startsWith('File') && type !== 'CertificateThumbprint') {
    throw defenderError(400, 'InvalidRequestBody', `Action BlockAndRemediate applies to file and certificate indicators only, not ${type}`);
  }
  const value = String(body.indicatorValue).trim();
  const problem = indicatorValueProblem(type, value);
  if (problem) throw defenderError(400, 'InvalidRequestBody', `Invalid indicatorValue '${value}' for ${type}: ${problem}`);
  if (body.expirationTime !== undefined && body.expirationTime !== null && Number.isNaN(Date.parse(quotedValue(body.expirationTime)))) {
    throw defenderError(400, 'InvalidRequestBody', 'expirationTime must be an ISO 8601 date');
  }
  const data = ctx.store.data;
  const now = serviceTime();
  const existing = data.indicators.find((i) => i.indicatorType === type && i.indicatorValue.toLowerCase() === value.toLowerCase());
  const fields: Json = {
    indicatorValue: value,
    indicatorType: type,
    action,
    application: body.application ?? null,
    severity: body.severity ?? 'Informational',
    title: body.title,
    description: body.description,
    recommendedActions: body.recommendedActions ?? null,
    expirationTime: body.expirationTime ?? null,
    rbacGroupNames: body.rbacGroupNames ?? [],
    generateAlert: body.generateAlert ?? ['Alert', 'AlertAndBlock'].includes(action),
  };
  let indicator: Indicator;
  if (existing) {
    Object.assign(existing, fields, { lastUpdateTime: now, lastUpdatedBy: caller.appId });
    indicator = existing;
  } else {
    indicator = {
      id: String(data.nextIndicatorId++),
      ...fields,
      source: caller.appName,
      sourceType: 'AadApp',
      createdBy: caller.appId,
      createdBySource: 'PublicApi',
      creationTimeDateTimeUtc: now,
      lastUpdateTime: now,
      lastUpdatedBy: null,
    } as unknown as Indicator;
    data.indicators.push(indicator);
  }
  ctx.store.save();
  return json(200, { '@odata.context': `${ODATA}#Indicators/$entity`, ...indicator });
}

/** Why a value does not fit the indicator type, or undefined when it does. */
export function indicatorValueProblem(type: string, value: string): string | undefined {
  const hex = (n: number) => new RegExp(`^[0-9a-f]{${n}}$`, 'i').test(value);
  switch (type) {
    case 'FileSha1':
    case 'CertificateThumbprint':
      return hex(40) ? undefined : 'expected 40 hexadecimal characters';
    case 'FileSha256':
      return hex(64) ? undefined : 'expected 64 hexadecimal characters';
    case 'FileMd5':
      return hex(32) ? undefined : 'expected 32 hexadecimal characters';
    case 'IpAddress':
      if (!net.isIP(value)) return 'not an IPv4 or IPv6 address';
      return isPrivateIp(value) ? 'only public IP addresses are supported' : undefined;
    case 'DomainName':
      return /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$/i.test(value) && !/^https?:/i.test(value) ? undefined : 'not a domain name';
    case 'Url':
      return /^(https?:\/\/)?[^\s/]+\.[^\s/]+(\/\S*)?$/i.test(value) ? undefined : 'not a URL';
    default:
      return 'unknown indicator type';
  }
}

function isPrivateIp(ip: string): boolean {
  if (net.isIPv4(ip)) {
    const [a, b] = ip.split('.').map(Number);
    return a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || a >= 224;
  }
  const v6 = ip.toLowerCase();
  return v6 === '::1' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe80');
}

function fileView(ctx: SimContext, hash: string): Json {
  const entity = knownFiles(ctx.store.data).get(hash.toLowerCase());
  if (!entity) throw defenderError(404, 'ResourceNotFound', `File ${hash} was not found`);
  const vt = ctx.store.data.virusTotal.files;
  const stats = [entity.sha1, entity.sha256].map((h) => (typeof h === 'string' ? vt[h.toLowerCase()] : undefined)).find(Boolean);
  const malicious = Number(stats?.malicious ?? 0) > 0;
  const digest = crypto.createHash('sha256').update(String(entity.sha1 ?? entity.sha256)).digest();
  return {
    sha1: entity.sha1 ?? null,
    sha256: entity.sha256 ?? null,
    md5: entity.md5 ?? null,
    globalPrevalence: 1 + digest.readUInt16BE(0),
    globalFirstObserved: '2025-10-02T11:20:14.0000000Z',
    globalLastObserved: serviceTime(),
    size: 40_000 + digest.readUInt32BE(2) % 4_000_000,
    fileType: null,
    isPeFile: /\.(exe|dll)$/i.test(scalarText(entity.fileName)),
    filePublisher: null,
    fileProductName: null,
    signer: null,
    issuer: null,
    signerHash: null,
    isValidCertificate: false,
    determinationType: malicious ? 'Malware' : 'Unknown',
    determinationValue: malicious ? scalarText(entity.fileName) : '',
  };
}
