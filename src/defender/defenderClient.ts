import { setTimeout as sleep } from 'node:timers/promises';
import { bearer, type TokenCredential } from './credential';
import { DefenderApiError } from './errors';
import { ApiTransport, type HttpSettings } from './http';
import type {
  Alert,
  FileInfo,
  Incident,
  IncidentQuery,
  IncidentUpdate,
  Indicator,
  IndicatorRequest,
  Machine,
  MachineAction,
  MachineActionRequest,
} from './types';

export interface DefenderClientOptions extends HttpSettings {
  credential: TokenCredential;
  /** https://api.security.microsoft.com by default; the simulator's url locally. */
  baseUrl?: string;
  /** Token scope for the Defender XDR incidents API. */
  incidentsScope?: string;
  /** Token scope for the Defender for Endpoint APIs (machines, actions, indicators, files). */
  endpointScope?: string;
}

interface ODataList<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

const ACTION_PATHS: Record<MachineActionRequest['type'], string> = {
  Isolate: 'isolate',
  Unisolate: 'unisolate',
  RunAntiVirusScan: 'runAntiVirusScan',
  CollectInvestigationPackage: 'collectInvestigationPackage',
  RestrictCodeExecution: 'restrictCodeExecution',
  UnrestrictCodeExecution: 'unrestrictCodeExecution',
  StopAndQuarantineFile: 'StopAndQuarantineFile',
};

/** Defender XDR incidents and Defender for Endpoint machines, machine actions, indicators and files. */
export class DefenderClient {
  private readonly incidentsApi: ApiTransport;
  private readonly endpointApi: ApiTransport;

  constructor(opts: DefenderClientOptions) {
    const base = opts.baseUrl ?? 'https://api.security.microsoft.com';
    this.incidentsApi = new ApiTransport('defender', base, bearer(opts.credential, opts.incidentsScope ?? 'https://api.security.microsoft.com/.default'), opts);
    this.endpointApi = new ApiTransport('defender', base, bearer(opts.credential, opts.endpointScope ?? 'https://api.securitycenter.microsoft.com/.default'), opts);
  }

  /** One page of incidents, newest first, with the link to the next page when there is one. */
  async listIncidents(query: IncidentQuery = {}): Promise<{ incidents: Incident[]; nextLink?: string }> {
    const page = await this.incidentsApi.send<ODataList<Incident>>({
      method: 'GET',
      path: '/api/incidents',
      query: { $filter: query.filter, $top: query.top, $skip: query.skip },
    });
    return { incidents: page.value, nextLink: page['@odata.nextLink'] };
  }

  /** Every incident matching the filter, following `@odata.nextLink` page by page. */
  async *allIncidents(filter?: string, pageSize = 100): AsyncGenerator<Incident> {
    let page = await this.incidentsApi.send<ODataList<Incident>>({ method: 'GET', path: '/api/incidents', query: { $filter: filter, $top: pageSize } });
    for (;;) {
      yield* page.value;
      const next = page['@odata.nextLink'];
      if (!next) return;
      page = await this.incidentsApi.send<ODataList<Incident>>({ method: 'GET', path: next });
    }
  }

  /** One incident with its alerts. */
  getIncident(id: number | string): Promise<Incident> {
    return this.incidentsApi.send<Incident>({ method: 'GET', path: `/api/incidents/${encodeURIComponent(String(id))}` });
  }

  /** Changes status, owner, classification, determination, tags, or adds a comment. */
  updateIncident(id: number | string, update: IncidentUpdate): Promise<Incident> {
    return this.incidentsApi.send<Incident>({ method: 'PATCH', path: `/api/incidents/${encodeURIComponent(String(id))}`, body: update });
  }

  /** Alerts, optionally filtered (`$filter`). */
  async listAlerts(filter?: string, top?: number): Promise<Alert[]> {
    return (await this.endpointApi.send<ODataList<Alert>>({ method: 'GET', path: '/api/alerts', query: { $filter: filter, $top: top } })).value;
  }

  /** One alert. */
  getAlert(id: string): Promise<Alert> {
    return this.endpointApi.send<Alert>({ method: 'GET', path: `/api/alerts/${encodeURIComponent(id)}` });
  }

  /** A machine by its MDE id or computer DNS name. */
  getMachine(idOrName: string): Promise<Machine> {
    return this.endpointApi.send<Machine>({ method: 'GET', path: `/api/machines/${encodeURIComponent(idOrName)}` });
  }

  /** The machine with this computer DNS name, or undefined. */
  async findMachineByName(computerDnsName: string): Promise<Machine | undefined> {
    const filter = `computerDnsName eq '${computerDnsName.replace(/'/g, "''")}'`;
    const page = await this.endpointApi.send<ODataList<Machine>>({ method: 'GET', path: '/api/machines', query: { $filter: filter } });
    return page.value[0];
  }

  /** Machines, optionally filtered. */
  async listMachines(filter?: string): Promise<Machine[]> {
    return (await this.endpointApi.send<ODataList<Machine>>({ method: 'GET', path: '/api/machines', query: { $filter: filter } })).value;
  }

  /** Asks for a response action on a machine; resolves with the MachineAction (status Pending). */
  createMachineAction(machineId: string, request: MachineActionRequest): Promise<MachineAction> {
    const body: Record<string, string> = { Comment: request.comment };
    if (request.type === 'Isolate') body.IsolationType = request.isolationType ?? 'Full';
    if (request.type === 'RunAntiVirusScan') body.ScanType = request.scanType ?? 'Quick';
    if (request.type === 'StopAndQuarantineFile') body.Sha1 = request.sha1;
    return this.endpointApi.send<MachineAction>({ method: 'POST', path: `/api/machines/${encodeURIComponent(machineId)}/${ACTION_PATHS[request.type]}`, body });
  }

  /** Isolates a device (Full by default). */
  isolateDevice(machineId: string, comment: string, isolationType: 'Full' | 'Selective' = 'Full'): Promise<MachineAction> {
    return this.createMachineAction(machineId, { type: 'Isolate', comment, isolationType });
  }

  /** Releases a device from isolation. */
  releaseDevice(machineId: string, comment: string): Promise<MachineAction> {
    return this.createMachineAction(machineId, { type: 'Unisolate', comment });
  }

  /** One machine action. */
  getMachineAction(id: string): Promise<MachineAction> {
    return this.endpointApi.send<MachineAction>({ method: 'GET', path: `/api/machineactions/${encodeURIComponent(id)}` });
  }

  /** Machine actions, newest first, optionally filtered (e.g. `machineId eq '...'`). */
  async listMachineActions(filter?: string, top?: number): Promise<MachineAction[]> {
    return (await this.endpointApi.send<ODataList<MachineAction>>({ method: 'GET', path: '/api/machineactions', query: { $filter: filter, $top: top } })).value;
  }

  /** Polls a machine action until it leaves Pending/InProgress, or throws when the time is up. */
  async waitForMachineAction(id: string, opts: { timeoutMs?: number; pollMs?: number } = {}): Promise<MachineAction> {
    const deadline = Date.now() + (opts.timeoutMs ?? 10 * 60_000);
    for (;;) {
      const action = await this.getMachineAction(id);
      if (action.status !== 'Pending' && action.status !== 'InProgress') return action;
      if (Date.now() >= deadline) {
        throw new DefenderApiError('defender', 408, 'MachineActionTimeout', `Machine action ${id} is still ${action.status} after ${opts.timeoutMs ?? 600_000} ms`);
      }
      await sleep(Math.min(opts.pollMs ?? 5_000, Math.max(0, deadline - Date.now())));
    }
  }

  /** Submits (or updates, for the same value) a custom indicator. */
  submitIndicator(indicator: IndicatorRequest): Promise<Indicator> {
    return this.endpointApi.send<Indicator>({ method: 'POST', path: '/api/indicators', body: indicator });
  }

  /** Custom indicators, optionally filtered. */
  async listIndicators(filter?: string): Promise<Indicator[]> {
    return (await this.endpointApi.send<ODataList<Indicator>>({ method: 'GET', path: '/api/indicators', query: { $filter: filter } })).value;
  }

  /** What Defender knows about a file (SHA-1 or SHA-256), or undefined when it has never seen it. */
  async getFile(hash: string): Promise<FileInfo | undefined> {
    try {
      return await this.endpointApi.send<FileInfo>({ method: 'GET', path: `/api/files/${encodeURIComponent(hash)}` });
    } catch (err) {
      if (err instanceof DefenderApiError && err.isNotFound) return undefined;
      throw err;
    }
  }
}
