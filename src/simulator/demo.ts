import crypto from 'node:crypto';
import { serviceTime } from './http';
import type { GraphUser, Indicator, Json, Machine, TenantData } from './state';
import { addIncidents, findUser, machineFromDevice } from './tenant';

interface DemoDevice {
  id: string;
  name: string;
  os: string;
  group: string;
}

const DEVICES: DemoDevice[] = [
  { id: '20ecaee6ff3fb66600d733c6f5f7daad2c0886eb', name: 'ws-fin-042.contoso.local', os: 'Windows11', group: 'Workstations' },
  { id: '9233e0404afd133ffe2d4980b3e3f1c24a8f543d', name: 'ws-hr-007.contoso.local', os: 'Windows11', group: 'Workstations' },
  { id: '9232c0a87bb37d92e937d45ea0a79138bb0aafc0', name: 'ws-eng-019.contoso.local', os: 'Windows11', group: 'Workstations' },
  { id: '70b98334c08e4942ee719006eb700b9c6680b893', name: 'ws-it-011.contoso.local', os: 'Windows10', group: 'Workstations' },
  { id: '7bdeb651418d10bd5be38054fa69e8d84550f056', name: 'ws-ops-023.contoso.local', os: 'Windows11', group: 'Workstations' },
  { id: '4c1d5e9b7a0f2e8d6c3b1a9f8e7d6c5b4a3f2e1d', name: 'ws-lab-003.contoso.local', os: 'Windows10', group: 'Lab' },
  { id: '99b4726416aadcb95ad88249b03275bf582ba223', name: 'srv-db-01.contoso.local', os: 'WindowsServer2022', group: 'Servers' },
  { id: 'a8f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5', name: 'srv-db-02.contoso.local', os: 'WindowsServer2022', group: 'Servers' },
  { id: 'b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0', name: 'srv-web-01.contoso.local', os: 'Linux', group: 'Servers' },
  { id: 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee01', name: 'srv-dc-01.contoso.local', os: 'WindowsServer2019', group: 'Domain Controllers' },
  { id: 'd15ea5e0d15ea5e0d15ea5e0d15ea5e0d15ea5e2', name: 'srv-file-01.contoso.local', os: 'WindowsServer2022', group: 'Servers' },
  { id: 'e1e2e3e4e5e6e7e8e9e0e1e2e3e4e5e6e7e8e9e0', name: 'mac-design-02.contoso.local', os: 'macOS', group: 'Workstations' },
];

const USERS: Array<[string, string, string, string]> = [
  ['4f2ac81b-c08e-7df2-c8a8-83085dde19cd', 'jdoe@contoso.com', 'Jane Doe', 'Finance Analyst'],
  ['e7d7c384-9f6d-c4a9-c855-84eb8d3f00cc', 'cwhite@contoso.com', 'Chris White', 'Sales Manager'],
  ['1b2c3d4e-5f60-4a1b-9c2d-3e4f5a6b7c8d', 'mgarcia@contoso.com', 'Maria Garcia', 'HR Partner'],
  ['2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f', 'akhan@contoso.com', 'Ali Khan', 'Site Reliability Engineer'],
  ['3d4e5f6a-7b8c-4d9e-8f0a-1b2c3d4e5f6a', 'lchen@contoso.com', 'Li Chen', 'IT Administrator'],
  ['4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b', 'pnovak@contoso.com', 'Petra Novak', 'Operations Lead'],
  ['5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c', 'soc-lead@contoso.com', 'SOC Lead', 'SOC Manager'],
  ['6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d', 'ir-team@contoso.com', 'Incident Response', 'Shared mailbox'],
];

interface DemoIncidentSpec {
  name: string;
  severity: 'Informational' | 'Low' | 'Medium' | 'High';
  source: 'MicrosoftDefenderForEndpoint' | 'MicrosoftDefenderForOffice365' | 'AzureAdIdentityProtection' | 'MicrosoftCloudAppSecurity';
  detection: string;
  category: string;
  device?: DemoDevice;
  user?: [string, string];
  file?: { name: string; path: string };
  ip?: string;
  url?: string;
  mail?: { sender: string; recipient: string; subject: string };
}

const SCENARIOS: Array<Omit<DemoIncidentSpec, 'device' | 'user'> & { device?: boolean; user?: boolean }> = [
  { name: "'Mimikatz' credential theft tool detected", severity: 'High', source: 'MicrosoftDefenderForEndpoint', detection: 'WindowsDefenderAv', category: 'CredentialAccess', device: true, user: true, file: { name: 'mimikatz.exe', path: 'C:\\Users\\Public\\Downloads' }, ip: '185.220.101.45', url: 'http://update-check.badcdn.example/payload.bin' },
  { name: 'Ransomware behaviour detected in the file system', severity: 'High', source: 'MicrosoftDefenderForEndpoint', detection: 'EDR', category: 'Impact', device: true, user: true, file: { name: 'svch0st.exe', path: 'C:\\ProgramData\\Temp' }, ip: '45.137.21.9' },
  { name: "'Presenoker' unwanted software was detected", severity: 'Medium', source: 'MicrosoftDefenderForEndpoint', detection: 'WindowsDefenderAv', category: 'Malware', device: true, user: true, file: { name: 'freepdfconverter.exe', path: 'C:\\Users\\Downloads' } },
  { name: 'Suspicious PowerShell command line', severity: 'Low', source: 'MicrosoftDefenderForEndpoint', detection: 'EDR', category: 'Execution', device: true, user: true },
  { name: 'Test malware detection (EICAR)', severity: 'Informational', source: 'MicrosoftDefenderForEndpoint', detection: 'WindowsDefenderAv', category: 'Malware', device: true, file: { name: 'eicar.com.txt', path: 'C:\\Lab\\Samples' } },
  { name: 'Email messages containing phish URLs removed after delivery', severity: 'Medium', source: 'MicrosoftDefenderForOffice365', detection: 'OfficeATP', category: 'InitialAccess', user: true, url: 'https://inv0ice-portal.example/login', mail: { sender: 'billing@inv0ice-portal.example', recipient: '', subject: 'Overdue invoice #4471' } },
  { name: 'Unfamiliar sign-in properties', severity: 'High', source: 'AzureAdIdentityProtection', detection: 'AzureAdIdentityProtection', category: 'InitialAccess', user: true, ip: '103.151.42.17' },
  { name: 'Mass download by a single user', severity: 'Low', source: 'MicrosoftCloudAppSecurity', detection: 'MCAS', category: 'Exfiltration', user: true, ip: '91.219.236.18' },
];

/** Fills an empty tenant with a believable one: machines, users, indicators, incidents at every severity, VirusTotal verdicts. */
export function seedDemoTenant(data: TenantData): void {
  data.machines.push(...DEVICES.map(demoMachine));
  data.users.push(...USERS.map(demoUser));
  const now = Date.now();
  SCENARIOS.forEach((scenario, i) => {
    const spec: DemoIncidentSpec = {
      ...scenario,
      device: scenario.device ? DEVICES[i % 6] : undefined,
      user: scenario.user ? [USERS[i % 6][0], USERS[i % 6][1]] : undefined,
    };
    addIncidents(data, [demoIncident(data, 41001 + i, spec, now - (SCENARIOS.length - i) * 47 * 60_000)]);
  });
  const indicator = (value: string, type: string, action: string, title: string): Indicator => ({
    id: String(data.nextIndicatorId++),
    indicatorValue: value,
    indicatorType: type,
    action,
    title,
    description: `${title} (seeded by the SOC)`,
    severity: 'High',
    application: null,
    recommendedActions: null,
    expirationTime: null,
    rbacGroupNames: [],
    generateAlert: true,
    source: 'soc-lead@contoso.com',
    sourceType: 'User',
    createdBy: 'soc-lead@contoso.com',
    creationTimeDateTimeUtc: serviceTime(now - 86_400_000 * 3),
    lastUpdateTime: serviceTime(now - 86_400_000 * 3),
    lastUpdatedBy: null,
  });
  data.indicators.push(
    indicator('185.220.101.45', 'IpAddress', 'AlertAndBlock', 'Tor exit node used for C2'),
    indicator('badcdn.example', 'DomainName', 'Block', 'Malware distribution domain'),
    indicator('ede9395da0787633a049632770611f11bbc544d11f9e9c98a4c1036d3e6818ce', 'FileSha256', 'BlockAndRemediate', 'Mimikatz build'),
  );
}

/** A new incident for demo mode: one of the scenarios on a random device and user, created now. */
export function nextDemoIncident(data: TenantData): Json {
  const scenario = SCENARIOS[crypto.randomInt(SCENARIOS.length)];
  const device = DEVICES[crypto.randomInt(DEVICES.length)];
  const user = USERS[crypto.randomInt(USERS.length - 2)];
  const id = Math.max(41100, ...data.incidents.map((i) => i.incidentId)) + 1;
  if (!data.machines.some((m) => m.id === device.id)) data.machines.push(demoMachine(device));
  if (!findUser(data, user[0])) data.users.push(demoUser(user));
  return demoIncident(data, id, { ...scenario, device: scenario.device ? device : undefined, user: scenario.user ? [user[0], user[1]] : undefined }, Date.now());
}

function demoMachine(d: DemoDevice): Machine {
  return machineFromDevice({
    mdatpDeviceId: d.id,
    deviceDnsName: d.name,
    osPlatform: d.os,
    rbacGroupName: d.group,
    rbacGroupId: d.group === 'Servers' ? 7 : d.group === 'Domain Controllers' ? 3 : 12,
    riskScore: d.name.startsWith('srv') ? 'Medium' : 'Low',
    tags: d.name.startsWith('srv') ? ['server', 'tier-1'] : ['workstation'],
  });
}

function demoUser([id, upn, name, title]: [string, string, string, string]): GraphUser {
  const [given, ...sur] = name.split(' ');
  return { id, userPrincipalName: upn, displayName: name, mail: upn, accountEnabled: true, givenName: given, surname: sur.join(' ') || null, jobTitle: title, department: null, officeLocation: 'Contoso HQ', businessPhones: [], mobilePhone: null, preferredLanguage: 'en-US' };
}

function demoIncident(data: TenantData, incidentId: number, spec: DemoIncidentSpec, createdMs: number): Json {
  const sha = (seed: string, algo: 'sha1' | 'sha256') => crypto.createHash(algo).update(`${seed}:${incidentId}`).digest('hex');
  const entities: Json[] = [];
  let fileSha1: string | undefined;
  if (spec.file) {
    fileSha1 = sha(spec.file.name, 'sha1');
    const sha256 = sha(spec.file.name, 'sha256');
    entities.push(entity('File', { sha1: fileSha1, sha256, fileName: spec.file.name, filePath: spec.file.path, deviceId: spec.device?.id ?? null }));
    const bad = spec.severity === 'High' || spec.severity === 'Medium';
    data.virusTotal.files[fileSha1] = stats(bad ? 38 + (incidentId % 20) : 0);
  }
  if (spec.ip) {
    entities.push(entity('Ip', { ipAddress: spec.ip }));
    data.virusTotal.ips[spec.ip] = stats(spec.severity === 'High' ? 9 : 2);
  }
  if (spec.url) {
    entities.push(entity('Url', { url: spec.url }));
    data.virusTotal.urls[spec.url] = stats(11);
    data.virusTotal.domains[new URL(spec.url).hostname] = stats(7);
  }
  if (spec.mail && spec.user) {
    entities.push(entity('MailMessage', { sender: spec.mail.sender, recipient: spec.user[1], subject: spec.mail.subject, deliveryAction: 'Delivered' }));
    entities.push(entity('MailBox', { mailboxAddress: spec.user[1], mailboxDisplayName: spec.user[1].split('@')[0] }));
  }
  if (spec.user) {
    entities.push(entity('User', { accountName: spec.user[1].split('@')[0], domainName: 'CONTOSO', aadUserId: spec.user[0], userPrincipalName: spec.user[1] }));
  }
  const created = serviceTime(createdMs);
  return {
    incidentId,
    redirectIncidentId: null,
    incidentName: spec.device ? `${spec.name} on ${spec.device.name.split('.')[0]}` : spec.name,
    createdTime: created,
    lastUpdateTime: serviceTime(createdMs + 90_000),
    assignedTo: null,
    classification: 'Unknown',
    determination: 'NotAvailable',
    status: 'Active',
    severity: spec.severity,
    tags: [],
    comments: [],
    alerts: [
      {
        alertId: `da${incidentId}${crypto.randomBytes(4).toString('hex')}_1`,
        incidentId,
        serviceSource: spec.source,
        creationTime: created,
        lastUpdatedTime: serviceTime(createdMs + 60_000),
        resolvedTime: null,
        firstActivity: serviceTime(createdMs - 600_000),
        lastActivity: serviceTime(createdMs - 5_000),
        title: spec.name,
        description: `${spec.name}.`,
        category: spec.category,
        status: 'New',
        severity: spec.severity,
        investigationId: null,
        investigationState: spec.device ? 'Queued' : 'UnsupportedAlertType',
        classification: null,
        determination: null,
        detectionSource: spec.detection,
        assignedTo: null,
        actorName: null,
        threatFamilyName: null,
        mitreTechniques: [],
        devices: spec.device
          ? [{ mdatpDeviceId: spec.device.id, aadDeviceId: null, deviceDnsName: spec.device.name, osPlatform: spec.device.os, healthStatus: 'Active', riskScore: spec.severity === 'High' ? 'High' : 'Medium', rbacGroupName: spec.device.group }]
          : [],
        entities,
      },
    ],
  };
}

function entity(entityType: string, fields: Json): Json {
  return { entityType, sha1: null, sha256: null, fileName: null, filePath: null, ipAddress: null, url: null, accountName: null, domainName: null, aadUserId: null, userPrincipalName: null, deviceId: null, ...fields };
}

function stats(malicious: number): Json {
  return { malicious, suspicious: malicious > 0 ? 1 : 0, undetected: 70 - malicious, harmless: 0, timeout: 0 };
}
