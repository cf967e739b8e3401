import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { MachineActionType } from '../defender/types';

/** A JSON object as the APIs exchange it. */
export type Json = Record<string, unknown>;

/** An incident in the Defender XDR shape (`GET /api/incidents/{id}`), alerts inline. */
export interface Incident extends Json {
  incidentId: number;
  incidentName: string;
  createdTime: string;
  lastUpdateTime: string;
  status: string;
  severity: string;
  assignedTo: string | null;
  classification: string;
  determination: string;
  tags: string[];
  comments: IncidentComment[];
  alerts: IncidentAlert[];
}

export interface IncidentComment {
  comment: string;
  createdBy: string;
  createdTime: string;
}

export interface IncidentAlert extends Json {
  alertId: string;
  incidentId: number;
  serviceSource: string;
  severity: string;
  status: string;
  title: string;
  devices: IncidentDevice[];
  entities: IncidentEntity[];
}

export interface IncidentDevice extends Json {
  mdatpDeviceId: string;
  deviceDnsName: string;
}

export interface IncidentEntity extends Json {
  entityType: string;
}

/** A device in the Defender for Endpoint Machine shape, plus the containment state the actions change. */
export interface Machine extends Json {
  id: string;
  computerDnsName: string;
  /** Simulator extension: containment as the portal shows it ("Isolated", "NotIsolated"). */
  isolationState?: string;
  restrictionState?: string;
}

/** A machine action as stored: the MDE MachineAction shape plus the times its status changes. */
export interface StoredMachineAction {
  id: string;
  type: MachineActionType;
  scope: string | null;
  requestor: string;
  requestorComment: string;
  machineId: string;
  computerDnsName: string;
  createdAtMs: number;
  inProgressAtMs: number;
  succeededAtMs: number;
  relatedFileInfo: { fileIdentifier: string; fileIdentifierType: string } | null;
}

/** Machine action types as the Defender API names them (one list for the clients and the simulator). */
export type { MachineActionType } from '../defender/types';

export interface Indicator extends Json {
  id: string;
  indicatorValue: string;
  indicatorType: string;
  action: string;
}

/** An Entra ID user in the Graph shape. */
export interface GraphUser extends Json {
  id: string;
  userPrincipalName: string;
  displayName: string;
  mail: string | null;
  accountEnabled: boolean;
  /** Simulator extension: the Entra ID groups the user is a member of (served through memberOf, never in the user shape). */
  groups?: GroupRef[];
}

/** An Entra ID group a user belongs to. */
export interface GroupRef {
  id: string;
  displayName: string;
}

export interface RiskyUser extends Json {
  id: string;
  userPrincipalName: string;
  riskLevel: string;
  riskState: string;
  riskDetail: string;
  riskLastUpdatedDateTime: string;
}

export interface SentMail {
  time: string;
  from: string;
  message: Json;
}

export interface TeamsMessage {
  seq: number;
  time: string;
  channel: string;
  body: unknown;
}

/** Verdicts by object key (hash, IP, URL, domain), each the `last_analysis_stats` object. */
export interface VirusTotalVerdicts {
  files: Record<string, Json>;
  ips: Record<string, Json>;
  urls: Record<string, Json>;
  domains: Record<string, Json>;
}

export interface RegisteredApp {
  clientId: string;
  clientSecret: string;
  displayName: string;
  roles: string[];
}

/** Who the simulated tenant is: stable across restarts when a state directory is used. */
export interface TenantIdentity {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  vtApiKey: string;
  signingKeyPem: string;
  signingKeyId: string;
}

/** Everything the simulated services hold. The call log is kept apart (it is not tenant data). */
export interface TenantData {
  incidents: Incident[];
  machines: Machine[];
  machineActions: StoredMachineAction[];
  indicators: Indicator[];
  nextIndicatorId: number;
  users: GraphUser[];
  riskyUsers: RiskyUser[];
  mail: SentMail[];
  teams: TeamsMessage[];
  virusTotal: VirusTotalVerdicts;
  apps: RegisteredApp[];
}

/** Every role the simulated APIs check; the default app holds all of them. */
export const ALL_ROLES = [
  'Incident.Read.All',
  'Incident.ReadWrite.All',
  'Alert.Read.All',
  'Alert.ReadWrite.All',
  'Machine.Read.All',
  'Machine.ReadWrite.All',
  'Machine.Isolate',
  'Machine.Scan',
  'Machine.CollectForensics',
  'Machine.RestrictExecution',
  'Machine.StopAndQuarantine',
  'Ti.ReadWrite.All',
  'File.Read.All',
  'User.Read.All',
  'User.ReadWrite.All',
  'IdentityRiskyUser.Read.All',
  'IdentityRiskyUser.ReadWrite.All',
  'Mail.Send',
  'GroupMember.Read.All',
  'SecurityIncident.Read.All',
  'SecurityIncident.ReadWrite.All',
];

/** An empty tenant: only the default app registration. */
export function emptyTenant(identity: TenantIdentity): TenantData {
  return {
    incidents: [],
    machines: [],
    machineActions: [],
    indicators: [],
    nextIndicatorId: 1,
    users: [],
    riskyUsers: [],
    mail: [],
    teams: [],
    virusTotal: { files: {}, ips: {}, urls: {}, domains: {} },
    apps: [defaultApp(identity)],
  };
}

function defaultApp(identity: TenantIdentity): RegisteredApp {
  return {
    clientId: identity.clientId,
    clientSecret: identity.clientSecret,
    displayName: 'Rampart SOC automation',
    roles: [...ALL_ROLES],
  };
}

/** A new random tenant identity with its own token signing key. */
export function newIdentity(): TenantIdentity {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    tenantId: crypto.randomUUID(),
    clientId: crypto.randomUUID(),
    clientSecret: `sim~${crypto.randomBytes(24).toString('base64url')}`,
    vtApiKey: crypto.randomBytes(32).toString('hex'),
    signingKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    signingKeyId: crypto.randomBytes(8).toString('hex'),
  };
}

interface Snapshot {
  version: 1;
  identity: TenantIdentity;
  data: TenantData;
}

/** Keeps the tenant in memory and, with a state directory, in a JSON snapshot written atomically. */
export class StateStore {
  readonly identity: TenantIdentity;
  data: TenantData;
  /** True when the data came from an existing snapshot (so seeding is skipped). */
  readonly restored: boolean;
  private readonly file?: string;

  constructor(stateDir?: string) {
    this.file = stateDir ? path.join(stateDir, 'state.json') : undefined;
    const snapshot = this.file && fs.existsSync(this.file) ? readSnapshot(this.file) : undefined;
    this.identity = snapshot?.identity ?? newIdentity();
    this.data = snapshot?.data ?? emptyTenant(this.identity);
    this.restored = snapshot !== undefined;
    if (!snapshot) {
      this.save();
    }
  }

  /** Replaces the tenant data with an empty tenant (the default app stays registered). */
  reset(): void {
    this.data = emptyTenant(this.identity);
    this.save();
  }

  /** Writes the snapshot; write-then-rename so a crash never leaves half a file. */
  save(): void {
    if (!this.file) {
      return;
    }
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const snapshot: Snapshot = { version: 1, identity: this.identity, data: this.data };
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(snapshot), { mode: 0o600 });
    fs.renameSync(tmp, this.file);
  }
}

function readSnapshot(file: string): Snapshot | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Snapshot;
    return parsed.version === 1 && parsed.identity && parsed.data ? parsed : undefined;
  } catch {
    return undefined;
  }
}
