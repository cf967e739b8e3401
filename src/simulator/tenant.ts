import { scalarText } from '../json';
import crypto from 'node:crypto';
import { serviceTime } from './http';
import type {
  GraphUser,
  Incident,
  IncidentAlert,
  IncidentEntity,
  Json,
  Machine,
  RiskyUser,
  StoredMachineAction,
  TenantData,
} from './state';

/** The status a machine action shows at `now`, from the times stored when it was accepted. */
export function machineActionStatus(a: StoredMachineAction, now = Date.now()): 'Pending' | 'InProgress' | 'Succeeded' {
  if (now >= a.succeededAtMs) return 'Succeeded';
  if (now >= a.inProgressAtMs) return 'InProgress';
  return 'Pending';
}

/** A machine action in the MDE MachineAction shape. */
export function machineActionView(a: StoredMachineAction, now = Date.now()): Json {
  const status = machineActionStatus(a, now);
  const updated = status === 'Succeeded' ? a.succeededAtMs : status === 'InProgress' ? a.inProgressAtMs : a.createdAtMs;
  return {
    id: a.id,
    type: a.type,
    title: null,
    requestor: a.requestor,
    requestorComment: a.requestorComment,
    status,
    machineId: a.machineId,
    computerDnsName: a.computerDnsName,
    creationDateTimeUtc: serviceTime(a.createdAtMs),
    lastUpdateDateTimeUtc: serviceTime(updated),
    cancellationRequestor: null,
    cancellationComment: null,
    cancellationDateTimeUtc: null,
    errorHResult: 0,
    scope: a.scope,
    externalId: null,
    requestSource: 'PublicApi',
    relatedFileInfo: a.relatedFileInfo,
    commands: [],
    troubleshootInfo: null,
  };
}

/** Containment that the machine's succeeded actions have put in place (or its starting state). */
export function machineContainment(data: TenantData, machine: Machine, now = Date.now()): { isolated: boolean; isolationType: string | null; restricted: boolean } {
  let isolated = machine.isolationState === 'Isolated';
  let isolationType: string | null = isolated ? 'Full' : null;
  let restricted = machine.restrictionState === 'Restricted';
  const done = data.machineActions
    .filter((a) => a.machineId === machine.id && machineActionStatus(a, now) === 'Succeeded')
    .sort((x, y) => x.succeededAtMs - y.succeededAtMs);
  for (const a of done) {
    if (a.type === 'Isolate') {
      isolated = true;
      isolationType = a.scope ?? 'Full';
    } else if (a.type === 'Unisolate') {
      isolated = false;
      isolationType = null;
    } else if (a.type === 'RestrictCodeExecution') {
      restricted = true;
    } else if (a.type === 'UnrestrictCodeExecution') {
      restricted = false;
    }
  }
  return { isolated, isolationType, restricted };
}

/** A machine in the MDE Machine shape with its current containment. */
export function machineView(data: TenantData, machine: Machine, now = Date.now()): Json {
  const c = machineContainment(data, machine, now);
  return {
    ...machine,
    isolationState: c.isolated ? 'Isolated' : 'NotIsolated',
    isolationType: c.isolationType,
    restrictionState: c.restricted ? 'Restricted' : 'NotRestricted',
  };
}

/** Finds a machine by its MDE id or its computer DNS name (full or the host part). */
export function findMachine(data: TenantData, idOrName: string): Machine | undefined {
  const key = idOrName.toLowerCase();
  return (
    data.machines.find((m) => m.id.toLowerCase() === key) ??
    data.machines.find((m) => m.computerDnsName.toLowerCase() === key) ??
    data.machines.find((m) => m.computerDnsName.toLowerCase().split('.')[0] === key)
  );
}

/** Finds a Graph user by object id or user principal name. */
export function findUser(data: TenantData, idOrUpn: string): GraphUser | undefined {
  const key = idOrUpn.toLowerCase();
  return data.users.find((u) => u.id.toLowerCase() === key || u.userPrincipalName.toLowerCase() === key);
}

/** Adds or replaces incidents; their devices become machines and their User entities Entra ID users. */
export function addIncidents(data: TenantData, incidents: Json[]): Incident[] {
  const added: Incident[] = [];
  for (const raw of incidents) {
    const incident = normaliseIncident(data, raw);
    data.incidents = data.incidents.filter((i) => i.incidentId !== incident.incidentId);
    data.incidents.push(incident);
    for (const alert of incident.alerts) {
      for (const device of alert.devices ?? []) {
        if (device.mdatpDeviceId && !data.machines.some((m) => m.id === device.mdatpDeviceId)) {
          data.machines.push(machineFromDevice(device));
        }
      }
      for (const entity of alert.entities ?? []) {
        if (entity.entityType === 'User' && (entity.aadUserId || entity.userPrincipalName)) {
          const user = userFromEntity(entity);
          if (!findUser(data, user.id) && !findUser(data, user.userPrincipalName)) {
            data.users.push(user);
          }
          if (/IdentityProtection/i.test(alert.serviceSource)) {
            markRisky(data, findUser(data, user.id) ?? user, alert.severity === 'High' ? 'high' : alert.severity === 'Medium' ? 'medium' : 'low', 'atRisk', 'none');
          }
        }
      }
    }
    added.push(incident);
  }
  return added;
}

function normaliseIncident(data: TenantData, raw: Json): Incident {
  const now = serviceTime();
  const incidentId = Number(raw.incidentId ?? Math.max(0, ...data.incidents.map((i) => i.incidentId)) + 1);
  const alerts = (Array.isArray(raw.alerts) ? raw.alerts : []) as IncidentAlert[];
  return {
    redirectIncidentId: null,
    incidentName: 'Incident',
    createdTime: now,
    lastUpdateTime: now,
    assignedTo: null,
    classification: 'Unknown',
    determination: 'NotAvailable',
    status: 'Active',
    severity: 'Medium',
    tags: [],
    comments: [],
    ...raw,
    incidentId,
    alerts: alerts.map((a) => ({ ...a, devices: a.devices ?? [], entities: a.entities ?? [], status: a.status ?? 'New', incidentId })),
  };
}

/** Records an Identity Protection risk for a user. */
export function markRisky(data: TenantData, user: GraphUser, riskLevel: string, riskState: string, riskDetail: string): RiskyUser {
  let risky = data.riskyUsers.find((r) => r.id === user.id);
  if (!risky) {
    risky = {
      id: user.id,
      isDeleted: false,
      isProcessing: false,
      riskLevel,
      riskState,
      riskDetail,
      riskLastUpdatedDateTime: new Date().toISOString(),
      userDisplayName: user.displayName,
      userPrincipalName: user.userPrincipalName,
    };
    data.riskyUsers.push(risky);
  } else {
    Object.assign(risky, { riskLevel, riskState, riskDetail, riskLastUpdatedDateTime: new Date().toISOString() });
  }
  return risky;
}

/** An MDE machine for a device named in an alert. */
export function machineFromDevice(device: Json): Machine {
  const id = String(device.mdatpDeviceId);
  const digest = crypto.createHash('sha256').update(id).digest();
  return {
    id,
    computerDnsName: scalarText(device.deviceDnsName, `device-${id.slice(0, 6)}`),
    firstSeen: scalarText(device.firstSeen, '2025-01-06T09:00:00.000Z'),
    lastSeen: serviceTime(),
    osPlatform: scalarText(device.osPlatform, 'Windows11'),
    version: (device.version) ?? '23H2',
    osProcessor: (device.osProcessor) ?? 'x64',
    lastIpAddress: `10.${digest[0]}.${digest[1]}.${(digest[2] % 250) + 2}`,
    lastExternalIpAddress: `20.${digest[3]}.${digest[4]}.${(digest[5] % 250) + 2}`,
    osBuild: (device.osBuild) ?? 22631,
    healthStatus: scalarText(device.healthStatus, 'Active'),
    onboardingStatus: 'Onboarded',
    rbacGroupId: (device.rbacGroupId) ?? 0,
    rbacGroupName: (device.rbacGroupName) ?? 'UnassignedGroup',
    riskScore: scalarText(device.riskScore, 'None'),
    exposureLevel: 'Medium',
    isAadJoined: Boolean(device.aadDeviceId),
    aadDeviceId: (device.aadDeviceId) ?? null,
    defenderAvStatus: 'Updated',
    deviceValue: 'Normal',
    machineTags: (device.tags) ?? [],
  };
}

/** An Entra ID user for a User entity of an alert. */
export function userFromEntity(entity: IncidentEntity): GraphUser {
  const upn = scalarText(entity.userPrincipalName, `${scalarText(entity.accountName, 'user')}@contoso.com`);
  const name = scalarText(entity.accountName, upn.split('@')[0]);
  return {
    id: scalarText(entity.aadUserId, crypto.randomUUID()),
    userPrincipalName: upn,
    displayName: name,
    mail: upn,
    accountEnabled: true,
    givenName: null,
    surname: null,
    jobTitle: null,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: 'en-US',
    businessPhones: [],
  };
}

/** Files named in alerts, by sha1/sha256 (lower case), with what the alerts say about them. */
export function knownFiles(data: TenantData): Map<string, IncidentEntity> {
  const files = new Map<string, IncidentEntity>();
  for (const incident of data.incidents) {
    for (const alert of incident.alerts) {
      for (const e of alert.entities ?? []) {
        if (e.entityType === 'File') {
          for (const key of ['sha1', 'sha256', 'md5']) {
            if (typeof e[key] === 'string' && e[key]) files.set(String(e[key]).toLowerCase(), e);
          }
        }
      }
    }
  }
  return files;
}

/** Every alert of every incident. */
export function allAlerts(data: TenantData): IncidentAlert[] {
  return data.incidents.flatMap((i) => i.alerts);
}
