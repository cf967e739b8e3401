import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { generatePlaybook } from '../../../src/playbooks/codegen';
import { parseSpec, permissionsOf, type Condition, type PlaybookSpecInput } from '../../../src/playbooks/spec';
import { simulatorEnvironment, startSimulator, type RunningSimulator } from '../../../src/simulator';
import { ALL_ROLES } from '../../../src/simulator/state';
import { control } from '../../simulator/simHttp';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';

interface Event {
  event: string;
  action?: string;
  status?: string;
  name?: string;
  result?: boolean;
  reason?: string;
  target?: { deviceName?: string; indicatorValue?: string };
  request?: { body: Record<string, unknown> };
}

type Json = Record<string, unknown>;

/** An MDE alert on one device; `extra` overrides any field. */
function alert(id: string, device: string, extra: Json = {}): Json {
  return {
    alertId: id,
    serviceSource: 'MicrosoftDefenderForEndpoint',
    detectionSource: 'WindowsDefenderAtp',
    severity: 'High',
    category: 'Execution',
    title: 'Suspicious process',
    devices: [{ mdatpDeviceId: `${device}-id`.padEnd(40, '0'), deviceDnsName: device, osPlatform: 'Windows11', riskScore: 'Medium' }],
    entities: [],
    ...extra,
  };
}

function incident(id: number, alerts: Json[], extra: Json = {}): Json {
  return { incidentId: id, incidentName: 'Activity on two endpoints', severity: 'Medium', status: 'Active', tags: [], alerts, ...extra };
}

function user(upn: string, id: string): Json {
  return { entityType: 'User', accountName: upn.split('@')[0], userPrincipalName: upn, aadUserId: id };
}

/**
 * A playbook with an "if" step (scan) and its "otherwise" (collect a package), both on the
 * devices of the alerts the branch selects.
 */
function branchSpec(condition: Condition, scope: 'alert' | 'incident'): PlaybookSpecInput {
  return {
    specVersion: 2,
    name: 'branch',
    trigger: { kind: 'alert' },
    steps: [
      { action: 'runAntiVirusScan', target: { kind: 'alertDevices' }, when: { condition, scope } },
      { action: 'collectInvestigationPackage', target: { kind: 'alertDevices' }, when: { condition: { not: condition }, scope } },
    ],
  };
}

describe('step conditions in the generated Python, against the simulator', function () {
  this.timeout(120_000);
  let sim: RunningSimulator;
  let dir: string;
  before(async () => {
    sim = await startSimulator({ port: 0, rateLimits: false });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-conditions-'));
  });
  after(async () => {
    await sim?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function runPlaybook(spec: PlaybookSpecInput, incidents: Json[], incidentId: number, setup: { users?: Json[]; virustotal?: Json } = {}): Promise<Event[]> {
    await control(sim.info, 'POST', '/_sim/reset');
    await control(sim.info, 'POST', '/_sim/incidents', incidents);
    if (setup.users) await control(sim.info, 'POST', '/_sim/users', setup.users);
    if (setup.virustotal) await control(sim.info, 'PUT', '/_sim/virustotal', setup.virustotal);
    const file = path.join(dir, `playbook_${incidentId}_${Math.random().toString(36).slice(2)}.py`);
    fs.writeFileSync(file, generatePlaybook(parseSpec(spec), { request: 'test' }));
    const { stdout } = await run(PYTHON, [file, '--incident-id', String(incidentId), '--dry-run'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', ...simulatorEnvironment(sim.info) },
    });
    return stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Event);
  }

  /** [action, device] for every action event. */
  function acted(evs: Event[]): string[][] {
    return evs.filter((e) => e.event === 'action').map((e) => [e.action!, e.target?.deviceName ?? e.target?.indicatorValue ?? '']);
  }

  const perAlert: Array<{ kind: string; condition: Condition; yes: Json; no: Json }> = [
    { kind: 'severity', condition: { kind: 'severity', severities: ['High'] }, yes: { severity: 'High' }, no: { severity: 'Low' } },
    { kind: 'category', condition: { kind: 'category', categories: ['credentialaccess'] }, yes: { category: 'CredentialAccess' }, no: { category: 'Discovery' } },
    { kind: 'titleContains', condition: { kind: 'titleContains', keywords: ['MIMIKATZ'] }, yes: { title: "'Mimikatz' credential theft tool" }, no: { title: 'Suspicious PowerShell' } },
    { kind: 'serviceSource (alias)', condition: { kind: 'serviceSource', sources: ['MicrosoftDefenderForEndpoint'] }, yes: { serviceSource: 'MicrosoftDefenderATP' }, no: { serviceSource: 'OfficeATP' } },
    { kind: 'detectionSource', condition: { kind: 'detectionSource', sources: ['windowsdefenderav'] }, yes: { detectionSource: 'WindowsDefenderAv' }, no: { detectionSource: 'EDR' } },
    { kind: 'mitreTechnique (a sub-technique of the one asked for)', condition: { kind: 'mitreTechnique', techniques: ['T1003'] }, yes: { mitreTechniques: ['T1059.001', 't1003.001'] }, no: { mitreTechniques: ['T1030', 'T1059'] } },
    { kind: 'threatFamily', condition: { kind: 'threatFamily', families: ['qakbot'] }, yes: { threatFamilyName: 'QakBot' }, no: { threatFamilyName: 'QakBotLoader' } },
    {
      kind: 'filePath',
      condition: { kind: 'filePath', contains: ['\\AppData\\Local\\Temp\\'] },
      yes: { entities: [{ entityType: 'File', fileName: 'x.exe', filePath: 'C:\\Users\\kim\\appdata\\local\\temp', sha1: 'a'.repeat(40) }] },
      no: { entities: [{ entityType: 'File', fileName: 'temp.exe', filePath: 'C:\\Program Files\\Local', sha1: 'b'.repeat(40) }] },
    },
    {
      kind: 'filePath (a wildcard: the Temp of a user profile, not Windows\\Temp)',
      condition: { kind: 'filePath', contains: ['\\users\\*\\temp'] },
      yes: { entities: [{ entityType: 'File', fileName: 'x.exe', filePath: 'C:\\Users\\kim\\AppData\\Local\\Temp', sha1: 'a'.repeat(40) }] },
      no: { entities: [{ entityType: 'File', fileName: 'x.exe', filePath: 'C:\\Windows\\Temp', sha1: 'b'.repeat(40) }] },
    },
    {
      kind: 'iocValue (an IP inside a named range)',
      condition: { kind: 'iocValue', values: ['45.95.147.0/24', 'http://cdn.example/r.bin'] },
      yes: { entities: [{ entityType: 'Ip', ipAddress: '45.95.147.12' }] },
      no: { entities: [{ entityType: 'Ip', ipAddress: '45.95.148.12' }, { entityType: 'Url', url: 'http://cdn.example/other.bin' }] },
    },
    {
      kind: 'mailDelivery',
      condition: { kind: 'mailDelivery', actions: ['Delivered'] },
      yes: { entities: [{ entityType: 'MailMessage', deliveryAction: 'Delivered', sender: 'a@fabrikam.example' }] },
      no: { entities: [{ entityType: 'MailMessage', deliveryAction: 'Junked', sender: 'a@fabrikam.example' }] },
    },
  ];
  for (const c of perAlert) {
    it(`when one alert meets a ${c.kind} condition and the other does not, then the "if" step acts on the first device and the "otherwise" step on the second`, async () => {
      const evs = await runPlaybook(branchSpec(c.condition, 'alert'), [incident(51001, [alert('a1', 'ws-yes', c.yes), alert('a2', 'ws-no', c.no)])], 51001);
      assert.deepEqual(acted(evs), [['runAntiVirusScan', 'ws-yes'], ['collectInvestigationPackage', 'ws-no']], JSON.stringify(evs.filter((e) => e.event === 'condition')));
    });
  }

  it('when the scope is the incident, then a severity condition reads the incident\'s own severity, not its alerts\'', async () => {
    const spec = branchSpec({ kind: 'severity', severities: ['High'] }, 'incident');
    const high = await runPlaybook(spec, [incident(51002, [alert('a1', 'ws-1', { severity: 'Low' })], { severity: 'High' })], 51002);
    assert.deepEqual(acted(high), [['runAntiVirusScan', 'ws-1']]);
    const low = await runPlaybook(spec, [incident(51003, [alert('a1', 'ws-1', { severity: 'Low' })], { severity: 'Low' })], 51003);
    assert.deepEqual(acted(low), [['collectInvestigationPackage', 'ws-1']]);
    // "High incidents": a Medium incident that holds a High alert is not one.
    const mediumWithHigh = await runPlaybook(spec, [incident(51006, [alert('a1', 'ws-1', { severity: 'High' })], { severity: 'Medium' })], 51006);
    assert.deepEqual(acted(mediumWithHigh), [['collectInvestigationPackage', 'ws-1']]);
    // With no severity of its own, the incident's alerts say it.
    const unrated = await runPlaybook(spec, [incident(51007, [alert('a1', 'ws-1', { severity: 'High' })], { severity: '' })], 51007);
    assert.deepEqual(acted(unrated), [['runAntiVirusScan', 'ws-1']]);
  });

  it('when one alert names the kind in its title, then an alert-scope title test does not take the incident name for the alert beside it', async () => {
    const spec = branchSpec({ kind: 'titleContains', keywords: ['credential'] }, 'alert');
    const named = incident(51008, [alert('a1', 'ws-cred', { title: 'Credential dumping via lsass' }), alert('a2', 'ws-other', { title: 'Suspicious PowerShell' })], { incidentName: 'Credential theft on two endpoints' });
    assert.deepEqual(acted(await runPlaybook(spec, [named], 51008)), [['runAntiVirusScan', 'ws-cred'], ['collectInvestigationPackage', 'ws-other']]);
    // No alert names it: the incident name is what says it, for every alert.
    const byName = incident(51009, [alert('a1', 'ws-a', { title: 'Suspicious process' }), alert('a2', 'ws-b', { title: 'Suspicious PowerShell' })], { incidentName: 'Credential theft on two endpoints' });
    assert.deepEqual(acted(await runPlaybook(spec, [byName], 51009)), [['runAntiVirusScan', 'ws-a'], ['runAntiVirusScan', 'ws-b']]);
  });

  it('when an incident carries a tag in another case, then the incidentTag step runs; without it the otherwise step runs', async () => {
    const spec = branchSpec({ kind: 'incidentTag', tags: ['vip'] }, 'incident');
    assert.deepEqual(acted(await runPlaybook(spec, [incident(51004, [alert('a1', 'ws-1')], { tags: ['VIP', 'x'] })], 51004)), [['runAntiVirusScan', 'ws-1']]);
    assert.deepEqual(acted(await runPlaybook(spec, [incident(51005, [alert('a1', 'ws-1')], { tags: ['other'] })], 51005)), [['collectInvestigationPackage', 'ws-1']]);
  });

  it('when the assignment condition names an owner, then only an incident assigned to that UPN (any case) takes the "if" branch', async () => {
    const to = branchSpec({ kind: 'assignment', assigned: true, to: 'Tier2@contoso.com' }, 'incident');
    assert.deepEqual(acted(await runPlaybook(to, [incident(51006, [alert('a1', 'ws-1')], { assignedTo: 'tier2@contoso.com' })], 51006)), [['runAntiVirusScan', 'ws-1']]);
    assert.deepEqual(acted(await runPlaybook(to, [incident(51007, [alert('a1', 'ws-1')], { assignedTo: 'tier1@contoso.com' })], 51007)), [['collectInvestigationPackage', 'ws-1']]);
    const unassigned = branchSpec({ kind: 'assignment', assigned: false }, 'incident');
    assert.deepEqual(acted(await runPlaybook(unassigned, [incident(51008, [alert('a1', 'ws-1')], { assignedTo: null })], 51008)), [['runAntiVirusScan', 'ws-1']]);
    assert.deepEqual(acted(await runPlaybook(unassigned, [incident(51009, [alert('a1', 'ws-1')], { assignedTo: 'tier1@contoso.com' })], 51009)), [['collectInvestigationPackage', 'ws-1']]);
  });

  it('when one alert\'s user is in the Entra ID group (by display name, any case, or by id) and the other\'s is not, then the branches split by Graph membership', async () => {
    const alice = '0b6f2a0e-1111-4c4c-9a9a-000000000001';
    const bob = '0b6f2a0e-2222-4c4c-9a9a-000000000002';
    const users = [
      { id: alice, userPrincipalName: 'alice@contoso.com', groups: [{ id: 'a7e4d3c2-0000-4000-8000-00000000f1a0', displayName: 'Finance Admins' }] },
      { id: bob, userPrincipalName: 'bob@contoso.com', groups: [{ id: 'a7e4d3c2-0000-4000-8000-00000000b0b0', displayName: 'Sales' }] },
    ];
    const alerts = [alert('a1', 'ws-alice', { entities: [user('alice@contoso.com', alice)] }), alert('a2', 'ws-bob', { entities: [user('bob@contoso.com', bob)] })];
    for (const group of ['finance admins', 'a7e4d3c2-0000-4000-8000-00000000f1a0']) {
      const spec = branchSpec({ kind: 'userInGroup', groups: [group] }, 'alert');
      const evs = await runPlaybook(spec, [incident(51010, alerts)], 51010, { users });
      assert.deepEqual(acted(evs), [['runAntiVirusScan', 'ws-alice'], ['collectInvestigationPackage', 'ws-bob']], group);
    }
    const code = generatePlaybook(parseSpec(branchSpec({ kind: 'userInGroup', groups: ['Finance Admins'] }, 'alert')), { request: 'x' });
    assert.match(code, /^# Permissions: .*GroupMember\.Read\.All/m);
    assert.ok(permissionsOf(parseSpec(branchSpec({ kind: 'userInGroup', groups: ['x'] }, 'alert'))).includes('GroupMember.Read.All'));
  });

  it('when Graph refuses the membership lookup, then neither the "if" nor the "otherwise" step runs', async () => {
    const alice = '0b6f2a0e-1111-4c4c-9a9a-000000000001';
    const spec = branchSpec({ kind: 'userInGroup', groups: ['Finance Admins'] }, 'alert');
    await control(sim.info, 'POST', '/_sim/reset');
    await control(sim.info, 'POST', '/_sim/incidents', [incident(51011, [alert('a1', 'ws-alice', { entities: [user('alice@contoso.com', alice)] })])]);
    // An app registration without GroupMember.Read.All: Graph answers 403 to the membership lookup.
    const roles = ALL_ROLES.filter((r) => r !== 'GroupMember.Read.All');
    const app = (await control(sim.info, 'POST', '/_sim/apps', { roles })) as { clientId: string; clientSecret: string };
    const file = path.join(dir, 'no_group_permission.py');
    fs.writeFileSync(file, generatePlaybook(parseSpec(spec), { request: 'x' }));
    const { stdout } = await run(PYTHON, [file, '--incident-id', '51011', '--dry-run'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', ...simulatorEnvironment(sim.info), CLIENT_ID: app.clientId, CLIENT_SECRET: app.clientSecret },
    });
    const evs = stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Event);
    assert.deepEqual(acted(evs), []);
    assert.ok(evs.filter((e) => e.event === 'condition' && e.name !== 'trigger').every((e) => /^skipped: could not read the groups/.test(e.reason ?? '')), JSON.stringify(evs));
  });

  it('when three alerts\' files have 0, 3 and 10 engines, then the 1-4 band (all of: malicious >= 1, not >= 5) scans only the 3-engine device and >= 5 isolates only the 10-engine one', async () => {
    const hash = (n: number) => String(n).repeat(64).slice(0, 64);
    const file = (n: number) => ({ entities: [{ entityType: 'File', fileName: `f${n}.exe`, sha256: hash(n) }] });
    const spec: PlaybookSpecInput = {
      specVersion: 2,
      name: 'bands',
      trigger: { kind: 'alert' },
      steps: [
        { action: 'isolate', target: { kind: 'alertDevices' }, when: { scope: 'alert', condition: { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 5 } } },
        {
          action: 'runAntiVirusScan',
          target: { kind: 'alertDevices' },
          when: {
            scope: 'alert',
            condition: { all: [{ kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 1 }, { not: { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 5 } }] },
          },
        },
      ],
    };
    const evs = await runPlaybook(spec, [incident(51012, [alert('a0', 'ws-zero', file(1)), alert('a3', 'ws-three', file(2)), alert('a10', 'ws-ten', file(3))])], 51012, {
      virustotal: { files: { [hash(1)]: { malicious: 0, undetected: 70 }, [hash(2)]: { malicious: 3, undetected: 67 }, [hash(3)]: { malicious: 10, undetected: 60 } } },
    });
    assert.deepEqual(acted(evs), [['isolate', 'ws-ten'], ['runAntiVirusScan', 'ws-three']]);
  });

  it('when a step is for URLs VirusTotal has no record of, then it runs on the unknown URL and not on a known clean one', async () => {
    const spec: PlaybookSpecInput = {
      specVersion: 2,
      name: 'unknown url',
      trigger: { kind: 'alert' },
      steps: [{ action: 'runAntiVirusScan', target: { kind: 'alertDevices' }, when: { scope: 'alert', condition: { kind: 'unknownIoc', iocTypes: ['url'] } } }],
    };
    const url = (u: string) => ({ entities: [{ entityType: 'Url', url: u }] });
    const evs = await runPlaybook(spec, [incident(51015, [alert('a1', 'ws-known', url('https://known-clean.example/a')), alert('a2', 'ws-unknown', url('https://never-seen.example/b'))])], 51015, {
      virustotal: { urls: { 'https://known-clean.example/a': { malicious: 0, undetected: 70 } } },
    });
    assert.deepEqual(acted(evs), [['runAntiVirusScan', 'ws-unknown']]);
  });

  it('when VirusTotal cannot be asked, then the "not malicious" branch does not run on a guess', async () => {
    const spec = branchSpec({ kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 5 }, 'alert');
    await control(sim.info, 'POST', '/_sim/reset');
    await control(sim.info, 'POST', '/_sim/incidents', [incident(51013, [alert('a1', 'ws-1', { entities: [{ entityType: 'File', sha256: 'a'.repeat(64) }] })])]);
    const pb = path.join(dir, 'vt_down.py');
    fs.writeFileSync(pb, generatePlaybook(parseSpec(spec), { request: 'x' }));
    const { stdout } = await run(PYTHON, [pb, '--incident-id', '51013', '--dry-run'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', ...simulatorEnvironment(sim.info), VT_API_KEY: 'wrong-key' },
    });
    const evs = stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Event);
    assert.deepEqual(acted(evs), []);
  });

  it('when a step is for incidents created at night in UTC, then it runs on a night incident and the "otherwise" step on a daytime one', async () => {
    const spec = branchSpec({ kind: 'timeWindow', at: 'incidentCreated', from: '19:00', to: '07:00' }, 'incident');
    assert.deepEqual(acted(await runPlaybook(spec, [incident(51015, [alert('a1', 'ws-1')], { createdTime: '2026-11-20T02:41:00.0000000Z' })], 51015)), [['runAntiVirusScan', 'ws-1']]);
    assert.deepEqual(acted(await runPlaybook(spec, [incident(51016, [alert('a1', 'ws-1')], { createdTime: '2026-11-20T13:05:00.0000000Z' })], 51016)), [['collectInvestigationPackage', 'ws-1']]);
  });

  it('when a window is on the weekend and on the alert\'s first activity, then each alert\'s own time decides for its device', async () => {
    const spec = branchSpec({ kind: 'timeWindow', at: 'firstActivity', days: ['Saturday', 'Sunday'] }, 'alert');
    const alerts = [alert('a1', 'ws-sat', { firstActivity: '2026-11-21T10:00:00Z' }), alert('a2', 'ws-mon', { firstActivity: '2026-11-23T10:00:00Z' })];
    assert.deepEqual(acted(await runPlaybook(spec, [incident(51017, alerts, { createdTime: '2026-11-23T11:00:00Z' })], 51017)), [['runAntiVirusScan', 'ws-sat'], ['collectInvestigationPackage', 'ws-mon']]);
  });

  it('when an indicator step says "for 30 days", then the indicator carries an expirationTime 30 days ahead in UTC', async () => {
    const spec: PlaybookSpecInput = {
      specVersion: 2,
      name: 'block for 30 days',
      trigger: { kind: 'alert' },
      steps: [{ action: 'createIndicator', target: { kind: 'iocs', iocTypes: ['ip'], minEngines: null }, params: { expiresInDays: 30 } }],
    };
    const before = Date.now();
    const evs = await runPlaybook(spec, [incident(51014, [alert('a1', 'ws-1', { entities: [{ entityType: 'Ip', ipAddress: '185.220.101.45' }] })])], 51014);
    const action = evs.find((e) => e.action === 'createIndicator');
    const expiry = String(action?.request?.body.expirationTime);
    assert.match(expiry, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const days = (Date.parse(expiry) - before) / 86_400_000;
    assert.ok(days > 29.9 && days < 30.1, expiry);
  });
});
