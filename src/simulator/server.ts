import type http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { CallLog } from './callLog';
import type { SimContext } from './context';
import { defenderActionName, handleDefender } from './defenderApi';
import { nextDemoIncident, seedDemoTenant } from './demo';
import { graphActionName, handleGraph } from './graphApi';
import { bodyObject, defenderError, graphError, json, SimHttpError, virusTotalError, type SimRequest, type SimResponse } from './http';
import { FaultInjector, type Fault } from './limits';
import { ALL_ROLES, type GraphUser, type Json, type Machine, type VirusTotalVerdicts } from './state';
import { addIncidents, findUser, machineFromDevice, machineView } from './tenant';
import { VirusTotalApi } from './virusTotalApi';
import crypto from 'node:crypto';
import { scalarText } from '../json';

const MAX_BODY_BYTES = 5 * 1024 * 1024;
const SECRET_FORM_FIELDS = ['client_secret', 'client_assertion', 'password', 'refresh_token'];

/** Routes every request of the simulator's one HTTPS origin, records it, and serves the control API. */
export class SimulatorServer {
  readonly calls = new CallLog();
  readonly faults = new FaultInjector();
  private readonly virusTotal: VirusTotalApi;
  private demoTimer?: NodeJS.Timeout;

  constructor(
    private readonly ctx: SimContext,
    private readonly info: () => Json,
  ) {
    this.virusTotal = new VirusTotalApi(ctx);
  }

  /** The node:https request listener. */
  readonly listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    this.serve(req, res).catch((err: unknown) => {
      this.ctx.logger.error({ err }, 'simulator request failed');
      if (!res.headersSent) res.writeHead(500).end();
    });
  };

  /** Starts (everySeconds > 0) or stops demo mode: a new believable incident every N seconds. */
  setDemoMode(everySeconds: number | undefined): void {
    if (this.demoTimer) clearInterval(this.demoTimer);
    this.demoTimer = undefined;
    if (everySeconds && everySeconds > 0) {
      this.demoTimer = setInterval(() => {
        const [incident] = addIncidents(this.ctx.store.data, [nextDemoIncident(this.ctx.store.data)]);
        this.ctx.store.save();
        this.ctx.logger.info({ incidentId: incident.incidentId, severity: incident.severity }, `demo: new incident "${incident.incidentName}"`);
      }, everySeconds * 1000);
      this.demoTimer.unref();
    }
  }

  /** Stops background work (demo mode). */
  close(): void {
    this.setDemoMode(undefined);
  }

  private async serve(raw: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const req = await readRequest(raw);
    if (req.path === '/_sim' || req.path.startsWith('/_sim/')) {
      return send(res, await this.answer(() => this.control(req)));
    }
    const action = actionName(req);
    const fault = this.faults.take(req.method, req.path);
    let response: SimResponse;
    if (fault?.latencyMs) await sleep(fault.latencyMs);
    if (fault?.status) {
      response = faultResponse(req, fault);
    } else {
      response = await this.answer(() => this.route(req));
    }
    response.action = action;
    this.calls.record({ method: req.method, path: req.url, status: response.status, body: loggedBody(req), action });
    this.ctx.logger.debug({ method: req.method, path: req.url, status: response.status, action }, 'simulator call');
    send(res, response);
  }

  private async answer(handler: () => Promise<SimResponse> | SimResponse): Promise<SimResponse> {
    try {
      return await handler();
    } catch (err) {
      if (err instanceof SimHttpError) return err.response;
      this.ctx.logger.error({ err }, 'simulator handler failed');
      return json(500, { error: { code: 'InternalServerError', message: 'The simulator hit an unexpected error; see its log.' } });
    }
  }

  private async route(req: SimRequest): Promise<SimResponse> {
    const p = req.path;
    if (p.startsWith('/api/')) {
      if (req.bodyParseError) throw defenderError(400, 'InvalidRequestBody', 'Request body is incorrect: not valid JSON');
      return handleDefender(this.ctx, req);
    }
    if (p.startsWith('/graph/')) {
      if (req.bodyParseError) throw graphError(400, 'BadRequest', 'Unable to read JSON request payload.');
      return handleGraph(this.ctx, req);
    }
    if (p.startsWith('/vt/api/v3/')) return this.virusTotal.handle(req);
    if (p.startsWith('/vt/')) throw virusTotalError(404, 'NotFoundError', `Resource ${p} not found`);
    if (p.startsWith('/teams/webhook/')) return this.teamsMessage(req);
    return this.entraId(req);
  }

  private async entraId(req: SimRequest): Promise<SimResponse> {
    const parts = req.path.split('/').filter(Boolean);
    const entra = this.ctx.entra;
    if (req.method === 'GET' && parts[0] === 'common' && parts[1] === 'discovery' && parts[2] === 'instance') return entra.instanceDiscovery();
    const [tenant, ...rest] = parts;
    const tail = rest.join('/');
    if (tenant && req.method === 'GET' && (tail === 'v2.0/.well-known/openid-configuration' || tail === '.well-known/openid-configuration')) {
      return entra.openIdConfiguration(decodeURIComponent(tenant));
    }
    if (tenant && req.method === 'GET' && (tail === 'discovery/v2.0/keys' || tail === 'discovery/keys')) return entra.keys();
    if (tenant && req.method === 'POST' && (tail === 'oauth2/v2.0/token' || tail === 'oauth2/token')) return entra.token(decodeURIComponent(tenant), req);
    return json(404, { error: 'not_found', error_description: `No simulated endpoint at ${req.method} ${req.path}` });
  }

  private teamsMessage(req: SimRequest): SimResponse {
    if (req.method !== 'POST') return { status: 405, text: 'Method not allowed' };
    if (req.body === undefined || req.bodyParseError) return { status: 400, text: 'Bad payload received by generic incoming webhook.' };
    const data = this.ctx.store.data;
    const channel = decodeURIComponent(req.path.slice('/teams/webhook/'.length));
    data.teams.push({ seq: data.teams.length + 1, time: new Date().toISOString(), channel, body: req.body });
    this.ctx.store.save();
    return { status: 200, text: '1' };
  }

  private async control(req: SimRequest): Promise<SimResponse> {
    const data = () => this.ctx.store.data;
    const route = `${req.method} ${req.path.replace(/\/+$/, '')}`;
    const body = req.body;
    const many = <T>(b: unknown): T[] => (Array.isArray(b) ? (b as T[]) : b && typeof b === 'object' ? [b as T] : []);
    switch (route) {
      case 'GET /_sim/info':
        return json(200, this.info());
      case 'POST /_sim/reset': {
        this.ctx.store.reset();
        this.calls.clear();
        this.faults.clear();
        this.ctx.limiter.clear();
        this.virusTotal.resetQuota();
        if (bodyObject(req)?.seed === 'demo') {
          seedDemoTenant(this.ctx.store.data);
          this.ctx.store.save();
        }
        return json(200, { ok: true, incidents: data().incidents.length, machines: data().machines.length });
      }
      case 'POST /_sim/incidents': {
        const items = many<Json>(body);
        if (!items.length) return json(400, { error: 'Send one incident or an array of incidents (Defender XDR shape).' });
        const added = addIncidents(data(), items);
        this.ctx.store.save();
        return json(201, { incidentIds: added.map((i) => i.incidentId) });
      }
      case 'GET /_sim/incidents':
        return json(200, data().incidents);
      case 'POST /_sim/machines': {
        const items = many<Json>(body);
        const added: Machine[] = items.map((m) =>
          m.mdatpDeviceId ? machineFromDevice(m) : ({ ...machineFromDevice({ mdatpDeviceId: m.id, deviceDnsName: m.computerDnsName }), ...m }),
        );
        if (!added.length || added.some((m) => !m.id)) return json(400, { error: 'Each machine needs an id (MDE machine shape).' });
        for (const m of added) {
          data().machines = data().machines.filter((x) => x.id !== m.id);
          data().machines.push(m);
        }
        this.ctx.store.save();
        return json(201, { machineIds: added.map((m) => m.id) });
      }
      case 'GET /_sim/machines':
        return json(200, data().machines.map((m) => machineView(data(), m)));
      case 'POST /_sim/users': {
        const items = many<Json>(body);
        if (!items.length || items.some((u) => !u.id && !u.userPrincipalName)) return json(400, { error: 'Each user needs an id or a userPrincipalName (Graph user shape).' });
        const badGroups = items.find((u) => u.groups !== undefined && !(Array.isArray(u.groups) && u.groups.every((g) => g && typeof g === 'object' && typeof (g as Json).id === 'string' && typeof (g as Json).displayName === 'string')));
        if (badGroups) return json(400, { error: 'groups must be a list of {"id", "displayName"} (the Entra ID groups the user is a member of).' });
        const added = items.map((u) => {
          const id = scalarText(u.id, crypto.randomUUID());
          const upn = scalarText(u.userPrincipalName, `${id}@contoso.com`);
          const user: GraphUser = { id, displayName: upn.split('@')[0], mail: upn, accountEnabled: true, ...u, userPrincipalName: upn };
          const old = findUser(data(), user.id) ?? findUser(data(), user.userPrincipalName);
          data().users = data().users.filter((x) => x !== old);
          data().users.push(user);
          return user;
        });
        this.ctx.store.save();
        return json(201, { userIds: added.map((u) => u.id) });
      }
      case 'GET /_sim/users':
        return json(200, data().users);
      case 'PUT /_sim/virustotal': {
        const b = bodyObject(req) ?? {};
        const lower = (o: unknown) => Object.fromEntries(Object.entries((o as Record<string, Json>) ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
        const verdicts: VirusTotalVerdicts = {
          files: lower(b.files),
          ips: { ...((b.ips as Record<string, Json>) ?? {}) },
          urls: { ...((b.urls as Record<string, Json>) ?? {}) },
          domains: lower(b.domains),
        };
        data().virusTotal = verdicts;
        if (typeof b.quotaPerMinute === 'number' || b.quotaPerMinute === null) this.ctx.virusTotalQuotaPerMinute = (b.quotaPerMinute) ?? undefined;
        this.ctx.store.save();
        return json(200, { files: Object.keys(verdicts.files).length, ips: Object.keys(verdicts.ips).length, urls: Object.keys(verdicts.urls).length, domains: Object.keys(verdicts.domains).length });
      }
      case 'GET /_sim/virustotal':
        return json(200, data().virusTotal);
      case 'POST /_sim/faults': {
        const specs = many<Json>(body);
        const bad = specs.find(
          (f) =>
            typeof f.path !== 'string' ||
            (f.status !== undefined && !FAULT_STATUSES.includes(Number(f.status))) ||
            (f.code !== undefined && typeof f.code !== 'string') ||
            (f.message !== undefined && typeof f.message !== 'string'),
        );
        if (!specs.length || bad) {
          return json(400, { error: `A fault needs a path pattern and optionally status (${FAULT_STATUSES.join(', ')}), code, message, latencyMs, retryAfterSeconds, count, method.` });
        }
        const added = specs.map((f) => this.faults.add(f as unknown as Omit<Fault, 'id'>));
        return json(201, Array.isArray(body) ? added : added[0]);
      }
      case 'GET /_sim/faults':
        return json(200, this.faults.list());
      case 'DELETE /_sim/faults':
        this.faults.clear();
        return { status: 204 };
      case 'GET /_sim/calls':
        return json(200, this.calls.list(Number(req.query.get('since') ?? 0)));
      case 'DELETE /_sim/calls':
        this.calls.clear();
        return { status: 204 };
      case 'POST /_sim/apps': {
        const b = bodyObject(req) ?? {};
        const roles = Array.isArray(b.roles) ? b.roles.map(String) : [];
        const unknown = roles.filter((r) => !ALL_ROLES.includes(r));
        if (unknown.length) return json(400, { error: `Unknown roles: ${unknown.join(', ')}`, known: ALL_ROLES });
        const app = {
          clientId: typeof b.clientId === 'string' ? b.clientId : crypto.randomUUID(),
          clientSecret: typeof b.clientSecret === 'string' ? b.clientSecret : `sim~${crypto.randomBytes(24).toString('base64url')}`,
          displayName: typeof b.displayName === 'string' ? b.displayName : 'Registered test app',
          roles,
        };
        data().apps = data().apps.filter((a) => a.clientId !== app.clientId);
        data().apps.push(app);
        this.ctx.store.save();
        return json(201, app);
      }
      case 'POST /_sim/demo': {
        const every = Number(bodyObject(req)?.everySeconds ?? 0);
        this.setDemoMode(every > 0 ? every : undefined);
        return json(200, { demo: every > 0, everySeconds: every > 0 ? every : null });
      }
      case 'GET /_sim/teams':
        return json(200, data().teams);
      case 'GET /_sim/mail':
        return json(200, data().mail);
      case 'GET /_sim/machineactions':
        return json(200, data().machineActions);
      default:
        return json(404, { error: `No control endpoint ${route}` });
    }
  }
}

function actionName(req: SimRequest): string | null {
  if (req.path.startsWith('/api/')) return defenderActionName(req);
  if (req.path.startsWith('/graph/')) return graphActionName(req);
  if (req.path.startsWith('/teams/webhook/') && req.method === 'POST') return 'teamsMessage';
  return null;
}

/** Statuses a fault can answer with: throttling, server errors and the refusals a client must handle. */
const FAULT_STATUSES = [400, 401, 403, 404, 409, 429, 500, 502, 503, 504];

const FAULT_DEFAULTS: Record<number, { code: string; message: string }> = {
  400: { code: 'InvalidRequest', message: 'The request was refused (injected fault).' },
  401: { code: 'Unauthorized', message: 'The access token is invalid (injected fault).' },
  403: { code: 'Forbidden', message: 'The application does not have the required permission (injected fault).' },
  404: { code: 'ResourceNotFound', message: 'The resource was not found (injected fault).' },
  409: { code: 'Conflict', message: 'The resource already exists (injected fault).' },
  429: { code: 'TooManyRequests', message: 'Rate limit is exceeded (injected fault).' },
  503: { code: 'ServiceUnavailable', message: 'The service is temporarily unavailable (injected fault).' },
};

function faultResponse(req: SimRequest, fault: Fault): SimResponse {
  const status = fault.status ?? 500;
  const headers: Record<string, string> = status === 429 ? { 'Retry-After': String(fault.retryAfterSeconds ?? 1) } : {};
  const defaults = FAULT_DEFAULTS[status] ?? { code: 'InternalServerError', message: 'The service is temporarily unavailable (injected fault).' };
  const message = fault.message ?? defaults.message;
  const code = fault.code ?? defaults.code;
  if (req.path.startsWith('/vt/')) return { ...virusTotalError(status, fault.code ?? (status === 429 ? 'QuotaExceededError' : 'TransientError'), message).response, headers };
  if (req.path.startsWith('/graph/')) return { ...graphError(status, code, message).response, headers };
  if (req.path.startsWith('/api/')) return defenderError(status, code, message, headers).response;
  return json(status, { error: status === 429 ? 'temporarily_unavailable' : 'server_error', error_description: message }, headers);
}

async function readRequest(raw: http.IncomingMessage): Promise<SimRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of raw) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) break;
    chunks.push(chunk as Buffer);
  }
  const rawBody = Buffer.concat(chunks).toString('utf8');
  const url = new URL(raw.url ?? '/', 'https://simulator.invalid');
  const type = String(raw.headers['content-type'] ?? '');
  let body: unknown;
  let bodyParseError = false;
  if (rawBody.trim()) {
    if (type.includes('application/x-www-form-urlencoded')) {
      body = Object.fromEntries(new URLSearchParams(rawBody));
    } else {
      try {
        body = JSON.parse(rawBody);
      } catch {
        bodyParseError = true;
        body = rawBody;
      }
    }
  }
  return {
    method: (raw.method ?? 'GET').toUpperCase(),
    path: url.pathname.replace(/\/{2,}/g, '/'),
    url: url.pathname + url.search,
    query: url.searchParams,
    headers: raw.headers,
    rawBody,
    body,
    bodyParseError,
  };
}

function loggedBody(req: SimRequest): unknown {
  if (req.body && typeof req.body === 'object' && !Array.isArray(req.body)) {
    const copy = { ...(req.body as Record<string, unknown>) };
    for (const field of SECRET_FORM_FIELDS) if (field in copy) copy[field] = '[redacted]';
    if (copy.passwordProfile && typeof copy.passwordProfile === 'object') copy.passwordProfile = { ...(copy.passwordProfile as Json), password: '[redacted]' };
    return copy;
  }
  return req.body ?? null;
}

function send(res: http.ServerResponse, r: SimResponse): void {
  const headers: Record<string, string> = { 'request-id': crypto.randomUUID(), ...(r.headers ?? {}) };
  if (r.json !== undefined) {
    const payload = JSON.stringify(r.json);
    res.writeHead(r.status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(payload), ...headers });
    res.end(payload);
  } else if (r.text !== undefined) {
    res.writeHead(r.status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(r.text), ...headers });
    res.end(r.text);
  } else {
    res.writeHead(r.status, { 'Content-Length': 0, ...headers });
    res.end();
  }
}
