import type { Config } from '../config';
import { bearer, createCredential } from '../defender/credential';
import { DefenderApiError } from '../defender/errors';
import { AppError } from '../errors';
import { ApiTransport, type ApiRequest } from '../defender/http';
import type { ApiAnswer, DefenderGateway, DeferredRequest, MachineActionInfo, MachineInfo } from './ports';

/** A refusal as an answer: the pipeline decides what a 4xx/429 means for it. */
async function answer(call: () => Promise<unknown>): Promise<ApiAnswer> {
  try {
    return { status: 200, body: await call() };
  } catch (err) {
    if (err instanceof DefenderApiError) {
      return { status: err.status, body: { error: { code: err.code, message: err.message, target: err.target } }, retryAfterSeconds: err.retryAfterSeconds };
    }
    throw err;
  }
}

/**
 * The Defender XDR / Defender for Endpoint / Graph calls of the incident pipeline, on the
 * shared transport (token, CA, timeouts, 429 Retry-After). Writes are never retried on 5xx
 * here: the pipeline reconciles instead, so an isolate is never sent twice.
 */
export class TransportDefenderGateway implements DefenderGateway {
  private readonly incidentsApi: ApiTransport;
  private readonly endpointApi: ApiTransport;
  private readonly graphApi: ApiTransport;

  constructor(settings: Config['defender'], options: { maxRetries?: number; timeoutMs?: number } = {}) {
    if (!settings.tenantId || !settings.clientId || !settings.clientSecret) {
      throw new AppError('ConfigInvalid', 'Rampart cannot call Defender: TENANT_ID, CLIENT_ID and CLIENT_SECRET must all be set.', { isCatastrophic: true });
    }
    const credential = createCredential({ kind: 'clientSecret', tenantId: settings.tenantId, clientId: settings.clientId, clientSecret: settings.clientSecret, authorityHost: settings.authorityHost, caFile: settings.caFile });
    const http = { caFile: settings.caFile, maxRetries: options.maxRetries ?? 2, timeoutMs: options.timeoutMs ?? 30_000, maxRetryDelayMs: 30_000 };
    this.incidentsApi = new ApiTransport('defender', settings.defenderApiBase, bearer(credential, 'https://api.security.microsoft.com/.default'), http);
    this.endpointApi = new ApiTransport('defender', settings.defenderApiBase, bearer(credential, 'https://api.securitycenter.microsoft.com/.default'), http);
    this.graphApi = new ApiTransport('graph', settings.graphApiBase, bearer(credential, 'https://graph.microsoft.com/.default'), http);
  }

  listIncidents(since: string, top: number, skip: number): Promise<ApiAnswer> {
    return answer(() =>
      this.incidentsApi.send({ method: 'GET', path: '/api/incidents', query: { $filter: `lastUpdateTime ge ${since}`, $top: top, $skip: skip, $orderby: 'lastUpdateTime asc' } }),
    );
  }

  getIncident(incidentId: string): Promise<ApiAnswer> {
    return answer(() => this.incidentsApi.send({ method: 'GET', path: `/api/incidents/${encodeURIComponent(incidentId)}` }));
  }

  updateIncident(incidentId: string, patch: Record<string, unknown>): Promise<ApiAnswer> {
    return answer(() => this.incidentsApi.send({ method: 'PATCH', path: `/api/incidents/${encodeURIComponent(incidentId)}`, body: patch }));
  }

  async getMachine(machineId: string): Promise<MachineInfo | undefined> {
    const a = await answer(() => this.endpointApi.send({ method: 'GET', path: `/api/machines/${encodeURIComponent(machineId)}` }));
    return a.status === 200 ? (a.body as MachineInfo) : undefined;
  }

  async getMachineAction(actionId: string): Promise<MachineActionInfo | undefined> {
    const a = await answer(() => this.endpointApi.send({ method: 'GET', path: `/api/machineactions/${encodeURIComponent(actionId)}` }));
    return a.status === 200 ? (a.body as MachineActionInfo) : undefined;
  }

  async listMachineActions(machineId: string): Promise<MachineActionInfo[]> {
    const body = await this.endpointApi.send<{ value?: MachineActionInfo[] }>({ method: 'GET', path: '/api/machineactions', query: { $filter: `machineId eq '${machineId}'` } });
    return body?.value ?? [];
  }

  read(api: 'defender' | 'graph', path: string, query?: Record<string, string>): Promise<ApiAnswer> {
    const transport = api === 'graph' ? this.graphApi : path.startsWith('/api/incidents') ? this.incidentsApi : this.endpointApi;
    return answer(() => transport.send({ method: 'GET', path, query }));
  }

  send(request: DeferredRequest): Promise<ApiAnswer> {
    const api = request.api === 'graph' ? this.graphApi : request.path.startsWith('/api/incidents') ? this.incidentsApi : this.endpointApi;
    return answer(() => api.send({ method: request.method.toUpperCase() as ApiRequest['method'], path: request.path, body: request.body }));
  }
}
