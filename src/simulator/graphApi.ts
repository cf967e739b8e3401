import type { Caller } from './auth';
import type { SimContext } from './context';
import { bodyObject, graphError, json, serviceTime, type SimRequest, type SimResponse } from './http';
import type { GraphUser, GroupRef, Incident, IncidentAlert, Json } from './state';
import { findUser, markRisky } from './tenant';
import { quotedValue, scalarText } from '../json';

const GRAPH = 'https://graph.microsoft.com/v1.0/$metadata';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The call-log action name for a Graph write request. */
export function graphActionName(req: SimRequest): string | null {
  const p = rest(req.path).map((s) => s.toLowerCase());
  if (p[0] === 'users' && p.length === 2 && req.method === 'PATCH') {
    const body = bodyObject(req) ?? {};
    if (body.accountEnabled === false) return 'disableUser';
    if (body.passwordProfile !== undefined) return 'resetPassword';
    if (body.accountEnabled === true) return 'enableUser';
    return 'updateUser';
  }
  if (p[0] === 'users' && p[2] === 'revokesigninsessions' && req.method === 'POST') return 'revokeSessions';
  if (p[0] === 'users' && p[2] === 'sendmail' && req.method === 'POST') return 'sendMail';
  if (p[0] === 'identityprotection' && p[2] === 'confirmcompromised' && req.method === 'POST') return 'confirmCompromised';
  if (p[0] === 'identityprotection' && p[2] === 'dismiss' && req.method === 'POST') return 'dismissRiskyUser';
  if (p[0] === 'security' && p[1] === 'incidents' && req.method === 'PATCH') return 'updateIncident';
  return null;
}

/** `/graph/v1.0/...`: users, identity protection, mail and security incidents. */
export async function handleGraph(ctx: SimContext, req: SimRequest): Promise<SimResponse> {
  const version = req.path.split('/')[2];
  if (version !== 'v1.0' && version !== 'beta') {
    throw graphError(400, 'BadRequest', `Invalid version: ${version ?? ''}`);
  }
  const caller = await ctx.entra.authenticate(req, 'graph', (m) => graphError(401, 'InvalidAuthenticationToken', m));
  const p = rest(req.path);
  const head = p.map((s) => s.toLowerCase());
  const data = ctx.store.data;

  if (head[0] === 'users') {
    if (p.length === 1 && req.method === 'GET') {
      requireRole(caller, ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All']);
      return json(200, { '@odata.context': `${GRAPH}#users`, value: data.users.map(userView) });
    }
    const user = findUser(data, decodeURIComponent(p[1]));
    if (p.length === 2 && req.method === 'GET') {
      requireRole(caller, ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All']);
      return json(200, { '@odata.context': `${GRAPH}#users/$entity`, ...userView(existing(user, p[1])) });
    }
    if (p.length === 2 && req.method === 'PATCH') {
      requireRole(caller, ['User.ReadWrite.All', 'Directory.ReadWrite.All']);
      return updateUser(ctx, req, existing(user, p[1]));
    }
    if (head[2] === 'revokesigninsessions' && req.method === 'POST') {
      requireRole(caller, ['User.ReadWrite.All', 'Directory.ReadWrite.All', 'User.RevokeSessions.All']);
      const u = existing(user, p[1]);
      u.signInSessionsValidFromDateTime = new Date().toISOString();
      ctx.store.save();
      return json(200, { '@odata.context': `${GRAPH}#Edm.Boolean`, value: true });
    }
    if (head[2] === 'sendmail' && req.method === 'POST') {
      requireRole(caller, ['Mail.Send']);
      return sendMail(ctx, req, decodeURIComponent(p[1]), user);
    }
    if ((head[2] === 'memberof' || head[2] === 'transitivememberof') && p.length === 3 && req.method === 'GET') {
      requireRole(caller, GROUP_READ_ROLES);
      // The simulator has no nested groups: direct and transitive membership are the same list.
      const groups = existing(user, p[1]).groups ?? [];
      return json(200, { '@odata.context': `${GRAPH}#directoryObjects`, value: groups.map(groupView) });
    }
    if (head[2] === 'checkmembergroups' && p.length === 3 && req.method === 'POST') {
      requireRole(caller, GROUP_READ_ROLES);
      const u = existing(user, p[1]);
      const ids = bodyObject(req)?.groupIds;
      if (!Array.isArray(ids) || !ids.length || ids.length > 20 || ids.some((id) => typeof id !== 'string')) {
        throw graphError(400, 'Request_BadRequest', 'groupIds must be a list of 1 to 20 group object ids.');
      }
      const mine = new Set((u.groups ?? []).map((g) => g.id.toLowerCase()));
      return json(200, { '@odata.context': `${GRAPH}#Collection(Edm.String)`, value: (ids as string[]).filter((id) => mine.has(id.toLowerCase())) });
    }
  }

  if (head[0] === 'groups' && p.length === 1 && req.method === 'GET') {
    requireRole(caller, GROUP_READ_ROLES);
    const groups = tenantGroups(data.users);
    const filter = req.query.get('$filter');
    if (!filter) return json(200, { '@odata.context': `${GRAPH}#groups`, value: groups.map(groupView) });
    const m = /^\s*displayName\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(filter);
    if (!m) throw graphError(400, 'Request_UnsupportedQuery', `Unsupported query: the simulator filters groups by displayName eq '...' only, not "${filter}".`);
    const name = m[1].replace(/''/g, "'");
    return json(200, { '@odata.context': `${GRAPH}#groups`, value: groups.filter((g) => g.displayName.toLowerCase() === name.toLowerCase()).map(groupView) });
  }

  if (head[0] === 'identityprotection' && head[1] === 'riskyusers') {
    if (p.length === 2 && req.method === 'GET') {
      requireRole(caller, ['IdentityRiskyUser.Read.All', 'IdentityRiskyUser.ReadWrite.All']);
      return json(200, { '@odata.context': `${GRAPH}#identityProtection/riskyUsers`, value: data.riskyUsers });
    }
    if (p.length === 3 && req.method === 'GET' && !['confirmcompromised', 'dismiss'].includes(head[2])) {
      requireRole(caller, ['IdentityRiskyUser.Read.All', 'IdentityRiskyUser.ReadWrite.All']);
      const risky = data.riskyUsers.find((r) => r.id === p[2]);
      if (!risky) throw graphError(404, 'ResourceNotFound', `Risky user '${p[2]}' was not found.`);
      return json(200, { '@odata.context': `${GRAPH}#identityProtection/riskyUsers/$entity`, ...risky });
    }
    if ((head[2] === 'confirmcompromised' || head[2] === 'dismiss') && req.method === 'POST') {
      requireRole(caller, ['IdentityRiskyUser.ReadWrite.All']);
      return changeRisk(ctx, req, head[2] === 'confirmcompromised');
    }
  }

  if (head[0] === 'security' && head[1] === 'incidents') {
    if (req.method === 'GET') {
      requireRole(caller, ['SecurityIncident.Read.All', 'SecurityIncident.ReadWrite.All']);
      const expandAlerts = /alerts/i.test(req.query.get('$expand') ?? '');
      const tenantId = ctx.store.identity.tenantId;
      const incidents = data.incidents.slice().sort((a, b) => Date.parse(b.lastUpdateTime) - Date.parse(a.lastUpdateTime));
      if (p.length === 2) {
        const top = Math.min(Number(req.query.get('$top') ?? 50), 50);
        const skip = Number(req.query.get('$skip') ?? 0);
        const value = incidents.slice(skip, skip + top).map((i) => graphIncident(i, tenantId, expandAlerts));
        const body: Json = { '@odata.context': `${GRAPH}#security/incidents`, value };
        if (skip + top < incidents.length) body['@odata.nextLink'] = `${ctx.baseUrl()}${req.path}?$top=${top}&$skip=${skip + top}`;
        return json(200, body);
      }
      const incident = incidents.find((i) => String(i.incidentId) === p[2]);
      if (!incident) throw graphError(404, 'NotFound', `Incident '${p[2]}' was not found.`);
      return json(200, { '@odata.context': `${GRAPH}#security/incidents/$entity`, ...graphIncident(incident, tenantId, expandAlerts) });
    }
    if (req.method === 'PATCH' && p.length === 3) {
      requireRole(caller, ['SecurityIncident.ReadWrite.All']);
      return updateGraphIncident(ctx, req, caller, p[2]);
    }
  }
  throw graphError(400, 'BadRequest', `Resource not found for the segment '${p[0] ?? ''}'.`);
}

function rest(path: string): string[] {
  return path.split('/').filter(Boolean).slice(2); // drop 'graph', 'v1.0'
}

function requireRole(caller: Caller, anyOf: string[]): void {
  if (!anyOf.some((r) => caller.roles.includes(r))) {
    throw graphError(403, 'Authorization_RequestDenied', `Insufficient privileges to complete the operation. Requires one of: ${anyOf.join(', ')}.`);
  }
}

function existing(user: GraphUser | undefined, key: string): GraphUser {
  if (!user) {
    throw graphError(404, 'Request_ResourceNotFound', `Resource '${decodeURIComponent(key)}' does not exist or one of its queried reference-property objects are not present.`);
  }
  return user;
}

function userView(u: GraphUser): Json {
  const { passwordProfile: _hidden, signInSessionsValidFromDateTime: _internal, groups: _served, ...visible } = u;
  return visible;
}

/** Roles that let an app read group memberships. */
const GROUP_READ_ROLES = ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All'];

/** Every group some user is a member of, once each (the simulator keeps groups on their members). */
function tenantGroups(users: GraphUser[]): GroupRef[] {
  const byId = new Map<string, GroupRef>();
  for (const u of users) for (const g of u.groups ?? []) if (!byId.has(g.id.toLowerCase())) byId.set(g.id.toLowerCase(), g);
  return [...byId.values()];
}

function groupView(g: GroupRef): Json {
  return { '@odata.type': '#microsoft.graph.group', id: g.id, displayName: g.displayName, securityEnabled: true, mailEnabled: false, groupTypes: [] };
}

function updateUser(ctx: SimContext, req: SimRequest, user: GraphUser): SimResponse {
  const body = bodyObject(req);
  if (!body || !Object.keys(body).length) throw graphError(400, 'Request_BadRequest', 'The request body is empty or not a JSON object.');
  if ('accountEnabled' in body && typeof body.accountEnabled !== 'boolean') {
    throw graphError(400, 'Request_BadRequest', "Invalid value specified for property 'accountEnabled' of resource 'User'.");
  }
  if ('passwordProfile' in body) {
    const profile = body.passwordProfile as Json | null;
    const password = profile && typeof profile.password === 'string' ? profile.password : '';
    const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((r) => r.test(password)).length;
    if (password.length < 8 || classes < 3) {
      throw graphError(400, 'Request_BadRequest', 'The specified password does not comply with password complexity requirements. Please provide a different password.');
    }
    user.passwordProfile = { forceChangePasswordNextSignIn: profile?.forceChangePasswordNextSignIn ?? true, lastChanged: new Date().toISOString() };
  }
  const readOnly = ['id', 'userPrincipalName'];
  for (const [k, v] of Object.entries(body)) {
    if (k !== 'passwordProfile' && !readOnly.includes(k)) (user as Json)[k] = v;
  }
  ctx.store.save();
  return { status: 204 };
}

function sendMail(ctx: SimContext, req: SimRequest, sender: string, user: GraphUser | undefined): SimResponse {
  // A shared mailbox (soc-automation@...) is not an Entra user here, so any address is a mailbox; an unknown object id is not.
  if (!user && !sender.includes('@')) {
    throw graphError(404, 'ErrorInvalidUser', `The requested user '${sender}' is invalid.`);
  }
  const body = bodyObject(req);
  const message = body?.message as Json | undefined;
  if (!message || typeof message !== 'object') throw graphError(400, 'ErrorInvalidRequest', 'The request body must contain a message.');
  const to = Array.isArray(message.toRecipients) ? (message.toRecipients as Json[]) : [];
  const addresses = to.map((r) => (r.emailAddress as Json | undefined)?.address);
  if (!addresses.length || addresses.some((a) => typeof a !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(a))) {
    throw graphError(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid., Recipient is not resolved.');
  }
  ctx.store.data.mail.push({ time: new Date().toISOString(), from: user?.userPrincipalName ?? sender, message });
  ctx.store.save();
  return { status: 202 };
}

function changeRisk(ctx: SimContext, req: SimRequest, compromised: boolean): SimResponse {
  const body = bodyObject(req);
  const ids = body?.userIds;
  if (!Array.isArray(ids) || !ids.length || ids.length > 60) {
    throw graphError(400, 'BadRequest', 'userIds must be an array of 1 to 60 user object ids.');
  }
  const bad = ids.filter((id) => typeof id !== 'string' || !GUID.test(id));
  if (bad.length) {
    throw graphError(400, 'BadRequest', `Invalid user id(s) ${bad.map(String).join(', ')}: userIds takes Entra ID object ids (GUIDs), not user principal names.`);
  }
  for (const id of ids as string[]) {
    const user = findUser(ctx.store.data, id);
    if (user) {
      if (compromised) markRisky(ctx.store.data, user, 'high', 'confirmedCompromised', 'adminConfirmedUserCompromised');
      else markRisky(ctx.store.data, user, 'none', 'dismissed', 'adminDismissedAllRiskForUser');
    }
  }
  ctx.store.save();
  return { status: 204 };
}

function updateGraphIncident(ctx: SimContext, req: SimRequest, caller: Caller, id: string): SimResponse {
  const incident = ctx.store.data.incidents.find((i) => String(i.incidentId) === id);
  if (!incident) throw graphError(404, 'NotFound', `Incident '${id}' was not found.`);
  const body = bodyObject(req) ?? {};
  if (body.status !== undefined) incident.status = pascal(quotedValue(body.status));
  if (body.classification !== undefined) incident.classification = pascal(quotedValue(body.classification));
  if (body.determination !== undefined) incident.determination = body.determination === 'unknown' ? 'NotAvailable' : pascal(quotedValue(body.determination));
  if (body.assignedTo !== undefined) incident.assignedTo = body.assignedTo as string | null;
  if (Array.isArray(body.customTags)) incident.tags = body.customTags.map(String);
  incident.lastUpdateTime = serviceTime();
  ctx.store.save();
  void caller; // the Graph API records the caller in the audit log, which the simulator does not keep
  return json(200, { '@odata.context': `${GRAPH}#security/incidents/$entity`, ...graphIncident(incident, ctx.store.identity.tenantId, false) });
}

function camel(s: string): string;
function camel(s: unknown): unknown;
function camel(s: unknown): unknown {
  return typeof s === 'string' && s ? s[0].toLowerCase() + s.slice(1) : s;
}

function pascal(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

const SERVICE_SOURCES: Record<string, string> = {
  MicrosoftDefenderATP: 'microsoftDefenderForEndpoint',
  MicrosoftDefenderForEndpoint: 'microsoftDefenderForEndpoint',
  MicrosoftDefenderForOffice365: 'microsoftDefenderForOffice365',
  MicrosoftCloudAppSecurity: 'microsoftDefenderForCloudApps',
  MicrosoftDefenderForCloudApps: 'microsoftDefenderForCloudApps',
  AzureAdIdentityProtection: 'azureAdIdentityProtection',
  AzureATP: 'microsoftDefenderForIdentity',
  MicrosoftDefenderForIdentity: 'microsoftDefenderForIdentity',
};
const DETECTION_SOURCES: Record<string, string> = {
  WindowsDefenderAv: 'antivirus',
  WindowsDefenderAtp: 'microsoftDefenderForEndpoint',
  EDR: 'microsoftDefenderForEndpoint',
  MCAS: 'microsoftDefenderForCloudApps',
  OfficeATP: 'microsoftDefenderForOffice365',
  AutomatedInvestigation: 'automatedInvestigation',
};

/** A Defender XDR incident in the Graph security incident shape (camelCase enums, evidence). */
export function graphIncident(i: Incident, tenantId: string, withAlerts: boolean): Json {
  const out: Json = {
    '@odata.type': '#microsoft.graph.security.incident',
    id: String(i.incidentId),
    incidentWebUrl: `https://security.microsoft.com/incidents/${i.incidentId}?tid=${tenantId}`,
    redirectIncidentId: i.redirectIncidentId ?? null,
    tenantId,
    displayName: i.incidentName,
    createdDateTime: i.createdTime,
    lastUpdateDateTime: i.lastUpdateTime,
    assignedTo: i.assignedTo,
    classification: camel(i.classification),
    determination: i.determination === 'NotAvailable' ? 'unknown' : camel(i.determination),
    status: camel(i.status),
    severity: camel(i.severity),
    customTags: i.tags,
    systemTags: [],
    description: null,
    comments: i.comments,
    summary: null,
  };
  if (withAlerts) out.alerts = i.alerts.map((a) => graphAlert(a, tenantId));
  return out;
}

function graphAlert(a: IncidentAlert, tenantId: string): Json {
  return {
    '@odata.type': '#microsoft.graph.security.alert',
    id: a.alertId,
    providerAlertId: a.alertId,
    incidentId: String(a.incidentId),
    status: a.status === 'New' ? 'new' : camel(a.status),
    severity: camel(a.severity),
    classification: a.classification ? camel(a.classification) : 'unknown',
    determination: a.determination ? camel(a.determination) : 'unknown',
    serviceSource: SERVICE_SOURCES[a.serviceSource] ?? camel(a.serviceSource),
    detectionSource: DETECTION_SOURCES[String(a.detectionSource)] ?? camel(a.detectionSource ?? 'unknown'),
    tenantId,
    title: a.title,
    description: a.description ?? null,
    category: a.category ?? null,
    assignedTo: a.assignedTo ?? null,
    alertWebUrl: `https://security.microsoft.com/alerts/${a.alertId}?tid=${tenantId}`,
    incidentWebUrl: `https://security.microsoft.com/incidents/${a.incidentId}?tid=${tenantId}`,
    threatFamilyName: a.threatFamilyName ?? null,
    mitreTechniques: a.mitreTechniques ?? [],
    createdDateTime: a.creationTime ?? null,
    lastUpdateDateTime: a.lastUpdatedTime ?? null,
    resolvedDateTime: a.resolvedTime ?? null,
    firstActivityDateTime: a.firstActivity ?? null,
    lastActivityDateTime: a.lastActivity ?? null,
    comments: [],
    evidence: [
      ...(a.devices ?? []).map((d) => ({
        '@odata.type': '#microsoft.graph.security.deviceEvidence',
        verdict: 'suspicious',
        remediationStatus: 'none',
        mdeDeviceId: d.mdatpDeviceId,
        azureAdDeviceId: d.aadDeviceId ?? null,
        deviceDnsName: d.deviceDnsName,
        osPlatform: d.osPlatform ?? null,
        osBuild: d.osBuild ?? null,
        healthStatus: camel(d.healthStatus ?? 'active'),
        riskScore: camel(d.riskScore ?? 'none'),
        rbacGroupId: d.rbacGroupId ?? null,
        rbacGroupName: d.rbacGroupName ?? null,
        roles: ['compromised'],
      })),
      ...(a.entities ?? []).map((e) => entityEvidence(e)),
    ],
  };
}

function entityEvidence(e: Json): Json {
  const base = { verdict: 'suspicious', remediationStatus: 'none', roles: [] as string[] };
  switch (e.entityType) {
    case 'File':
      return { '@odata.type': '#microsoft.graph.security.fileEvidence', ...base, detectionStatus: 'detected', mdeDeviceId: e.deviceId ?? null, fileDetails: { sha1: e.sha1 ?? null, sha256: e.sha256 ?? null, fileName: e.fileName ?? null, filePath: e.filePath ?? null } };
    case 'Process':
      return { '@odata.type': '#microsoft.graph.security.processEvidence', ...base, processId: e.processId ?? null, processCommandLine: e.processCommandLine ?? null, mdeDeviceId: e.deviceId ?? null };
    case 'Ip':
      return { '@odata.type': '#microsoft.graph.security.ipEvidence', ...base, ipAddress: e.ipAddress ?? null };
    case 'Url':
      return { '@odata.type': '#microsoft.graph.security.urlEvidence', ...base, url: e.url ?? null };
    case 'User':
      return { '@odata.type': '#microsoft.graph.security.userEvidence', ...base, userAccount: { accountName: e.accountName ?? null, domainName: e.domainName ?? null, userSid: e.userSid ?? null, azureAdUserId: e.aadUserId ?? null, userPrincipalName: e.userPrincipalName ?? null } };
    case 'MailBox':
      return { '@odata.type': '#microsoft.graph.security.mailboxEvidence', ...base, primaryAddress: e.mailboxAddress ?? null, displayName: e.mailboxDisplayName ?? null };
    case 'MailMessage':
      return { '@odata.type': '#microsoft.graph.security.analyzedMessageEvidence', ...base, senderIp: null, recipientEmailAddress: e.recipient ?? null, subject: e.subject ?? null, p1Sender: { emailAddress: e.sender ?? null }, deliveryAction: camel(e.deliveryAction ?? 'unknown') };
    default:
      return { '@odata.type': `#microsoft.graph.security.${camel(scalarText(e.entityType))}Evidence`, ...base };
  }
}
