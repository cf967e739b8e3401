import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { generatePlaybook } from '../../../src/playbooks/codegen';
import { OfflinePlanner } from '../../../src/playbooks/planner';
import { parseSpec, type ActionName, type PlaybookSpecInput } from '../../../src/playbooks/spec';
import { simulatorEnvironment, startSimulator, type RunningSimulator } from '../../../src/simulator';
import { control } from '../../simulator/simHttp';
import { incidentFile } from '../../fixtures/corpus';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';

const MACHINE = 'f3a9c2b17d4e5a6b8c9d0e1f2a3b4c5d6e7f8091';
const USER = '3d7c1b2a-5e6f-4a8b-9c0d-1e2f3a4b5c6d';
const SHA1 = 'bc95abe6f8308107a46a23080cee401fbb58c798';

interface Event {
  event: string;
  action?: string;
  status?: string;
  outcome?: string;
  error?: string;
}

interface Call {
  method: string;
  path: string;
  status: number;
  action: string | null;
}

/** One playbook per action: the trigger matches the test incident and the step has no condition. */
const STEPS: Record<ActionName, { step: PlaybookSpecInput['steps'][number]; fault: { path: string; method: string } }> = {
  isolate: { step: { action: 'isolate', target: { kind: 'alertDevices' } }, fault: { path: '^/api/machines/[^/]+/isolate$', method: 'POST' } },
  unisolate: { step: { action: 'unisolate', target: { kind: 'alertDevices' } }, fault: { path: '^/api/machines/[^/]+/unisolate$', method: 'POST' } },
  runAntiVirusScan: { step: { action: 'runAntiVirusScan', target: { kind: 'alertDevices' } }, fault: { path: '^.*/runAntiVirusScan$', method: 'POST' } },
  collectInvestigationPackage: { step: { action: 'collectInvestigationPackage', target: { kind: 'alertDevices' } }, fault: { path: '^.*/collectInvestigationPackage$', method: 'POST' } },
  restrictCodeExecution: { step: { action: 'restrictCodeExecution', target: { kind: 'alertDevices' } }, fault: { path: '^/api/machines/[^/]+/restrictCodeExecution$', method: 'POST' } },
  unrestrictCodeExecution: { step: { action: 'unrestrictCodeExecution', target: { kind: 'alertDevices' } }, fault: { path: '^.*/unrestrictCodeExecution$', method: 'POST' } },
  stopAndQuarantineFile: { step: { action: 'stopAndQuarantineFile', target: { kind: 'fileDevices', minEngines: null } }, fault: { path: '^.*/StopAndQuarantineFile$', method: 'POST' } },
  createIndicator: { step: { action: 'createIndicator', target: { kind: 'iocs', iocTypes: ['ip'], minEngines: null } }, fault: { path: '^/api/indicators$', method: 'POST' } },
  updateIncident: { step: { action: 'updateIncident', target: { kind: 'incident' }, params: { incident: { status: 'InProgress' } } }, fault: { path: '^/api/incidents/\\d+$', method: 'PATCH' } },
  disableUser: { step: { action: 'disableUser', target: { kind: 'users' } }, fault: { path: '^/graph/v1.0/users/[^/]+$', method: 'PATCH' } },
  resetPassword: { step: { action: 'resetPassword', target: { kind: 'users' } }, fault: { path: '^/graph/v1.0/users/[^/]+$', method: 'PATCH' } },
  revokeSessions: { step: { action: 'revokeSessions', target: { kind: 'users' } }, fault: { path: '^.*/revokeSignInSessions$', method: 'POST' } },
  confirmCompromised: { step: { action: 'confirmCompromised', target: { kind: 'users' } }, fault: { path: '^.*/confirmCompromised$', method: 'POST' } },
  dismissRiskyUser: { step: { action: 'dismissRiskyUser', target: { kind: 'users' } }, fault: { path: '^.*/riskyUsers/dismiss$', method: 'POST' } },
  sendMail: { step: { action: 'sendMail', target: { kind: 'mailbox' }, params: { mailTo: ['soc@contoso.com'] } }, fault: { path: '^.*/sendMail$', method: 'POST' } },
  teamsMessage: { step: { action: 'teamsMessage', target: { kind: 'channel' } }, fault: { path: '^/teams/webhook/', method: 'POST' } },
};

/** Refusals that mean "already as wanted", per action (as the simulator's own state would answer them). */
const GOAL_STATE: Partial<Record<ActionName, { status: number; code: string; message: string; outcome: string }>> = {
  isolate: { status: 400, code: 'InvalidRequest', message: `Machine ${MACHINE} is already isolated`, outcome: 'already isolated' },
  unisolate: { status: 400, code: 'InvalidRequest', message: `Machine ${MACHINE} is not isolated`, outcome: 'already released (not isolated)' },
  restrictCodeExecution: { status: 400, code: 'InvalidRequest', message: `Machine ${MACHINE} already has app execution restricted`, outcome: 'app execution already restricted' },
  unrestrictCodeExecution: { status: 400, code: 'InvalidRequest', message: `Machine ${MACHINE} does not have app execution restricted`, outcome: 'app execution already unrestricted' },
  createIndicator: { status: 409, code: 'Conflict', message: 'An indicator for 185.220.101.45 already exists', outcome: 'indicator already exists' },
};
const MACHINE_ACTIONS: ActionName[] = ['isolate', 'unisolate', 'runAntiVirusScan', 'collectInvestigationPackage', 'restrictCodeExecution', 'unrestrictCodeExecution', 'stopAndQuarantineFile'];

interface Answer {
  name: string;
  fault?: { status: number; code?: string; message?: string; count?: number; retryAfterSeconds?: number };
  /** Expected sends of the write and the action event's status (and outcome). */
  expect: (action: ActionName) => { sends: number; status: 'succeeded' | 'failed'; outcome?: string };
}

const ANSWERS: Answer[] = [
  { name: '2xx', expect: () => ({ sends: 1, status: 'succeeded' }) },
  { name: '429 once, then 2xx', fault: { status: 429, retryAfterSeconds: 0, count: 1 }, expect: () => ({ sends: 2, status: 'succeeded' }) },
  { name: '429 every time', fault: { status: 429, retryAfterSeconds: 0 }, expect: () => ({ sends: 2, status: 'failed' }) },
  { name: '500', fault: { status: 500 }, expect: () => ({ sends: 1, status: 'failed' }) },
  { name: '503', fault: { status: 503 }, expect: () => ({ sends: 1, status: 'failed' }) },
  { name: '403', fault: { status: 403 }, expect: () => ({ sends: 1, status: 'failed' }) },
  { name: '404', fault: { status: 404 }, expect: () => ({ sends: 1, status: 'failed' }) },
  { name: '400 invalid request', fault: { status: 400, code: 'InvalidRequestBody', message: 'Request body is incorrect' }, expect: () => ({ sends: 1, status: 'failed' }) },
  {
    name: '400 ActiveRequestAlreadyExists once, then 2xx',
    fault: { status: 400, code: 'ActiveRequestAlreadyExists', message: 'Action is already in progress', count: 1 },
    expect: (a) => (MACHINE_ACTIONS.includes(a) ? { sends: 2, status: 'succeeded' } : { sends: 1, status: 'failed' }),
  },
  {
    name: '400 ActiveRequestAlreadyExists every time',
    fault: { status: 400, code: 'ActiveRequestAlreadyExists', message: 'Action is already in progress' },
    expect: (a) => ({ sends: MACHINE_ACTIONS.includes(a) ? 2 : 1, status: 'failed' }),
  },
];

function incident(): Record<string, unknown> {
  return {
    incidentId: 62001,
    incidentName: 'Write semantics',
    severity: 'High',
    alerts: [
      {
        alertId: 'w1',
        title: 'Suspicious activity',
        severity: 'High',
        serviceSource: 'MicrosoftDefenderForEndpoint',
        devices: [{ mdatpDeviceId: MACHINE, deviceDnsName: 'ws-write-01.contoso.local', osPlatform: 'Windows11' }],
        entities: [
          { entityType: 'File', fileName: 'evil.exe', sha1: SHA1, deviceId: MACHINE },
          { entityType: 'Ip', ipAddress: '185.220.101.45' },
          { entityType: 'User', userPrincipalName: 'dana@contoso.com', aadUserId: USER, accountName: 'dana' },
        ],
      },
    ],
  };
}

describe('write semantics of generated playbooks: every answer through every action, counted in /_sim/calls', function () {
  this.timeout(600_000);
  let sim: RunningSimulator;
  let dir: string;
  const files = new Map<ActionName, string>();

  before(async () => {
    sim = await startSimulator({ port: 0, rateLimits: false, actionDelaysMs: { toInProgress: 20, toSucceeded: 40 } });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-writes-'));
    for (const [action, { step }] of Object.entries(STEPS) as Array<[ActionName, (typeof STEPS)[ActionName]]>) {
      const file = path.join(dir, `${action}.py`);
      const spec = parseSpec({ specVersion: 2, name: `${action} once`, trigger: { kind: 'alert' }, steps: [step] });
      fs.writeFileSync(file, generatePlaybook(spec, { request: action }));
      files.set(action, file);
    }
  });
  after(async () => {
    await sim?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Resets the tenant to the incident, with the device contained where the action undoes containment. */
  async function arrange(action: ActionName, fault: Answer['fault']): Promise<void> {
    await control(sim.info, 'POST', '/_sim/reset');
    await control(sim.info, 'POST', '/_sim/incidents', incident());
    const contained = { isolationState: action === 'unisolate' ? 'Isolated' : 'NotIsolated', restrictionState: action === 'unrestrictCodeExecution' ? 'Restricted' : 'NotRestricted' };
    await control(sim.info, 'POST', '/_sim/machines', { id: MACHINE, computerDnsName: 'ws-write-01.contoso.local', osPlatform: 'Windows11', ...contained });
    if (fault) await control(sim.info, 'POST', '/_sim/faults', { ...STEPS[action].fault, ...fault });
  }

  async function runLive(action: ActionName): Promise<{ events: Event[]; writes: Call[] }> {
    const { stdout } = await run(PYTHON, [files.get(action)!, '--incident-id', '62001'], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', ...simulatorEnvironment(sim.info), SOC_EMAIL_SENDER: 'soc-automation@contoso.com' },
    });
    const events = stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Event);
    const calls = (await control(sim.info, 'GET', '/_sim/calls')) as Call[];
    return { events, writes: calls.filter((c) => c.action === action) };
  }

  for (const action of Object.keys(STEPS) as ActionName[]) {
    const answers: Answer[] = [...ANSWERS];
    const goal = GOAL_STATE[action];
    if (goal) {
      answers.push({ name: `${goal.status} "${goal.message}"`, fault: { status: goal.status, code: goal.code, message: goal.message }, expect: () => ({ sends: 1, status: 'succeeded', outcome: goal.outcome }) });
    }
    it(`when ${action} meets each answer, then it is sent at most twice, retried only for 429 / a pending action, and reported once`, async () => {
      for (const answer of answers) {
        await arrange(action, answer.fault);
        const { events, writes } = await runLive(action);
        const expected = answer.expect(action);
        const reported = events.filter((e) => e.event === 'action');
        const label = `${action} / ${answer.name}: ${JSON.stringify(writes.map((w) => w.status))} ${JSON.stringify(reported)}`;
        assert.equal(writes.length, expected.sends, label);
        assert.equal(reported.length, 1, label);
        assert.equal(reported[0].status, expected.status, label);
        assert.equal(reported[0].outcome, expected.outcome, label);
        assert.equal(events.at(-1)?.event, 'done', label);
      }
    });
  }

  it('when the seed playbook runs live against a device Defender already holds isolated, then it sends one isolate call and reports it done', async () => {
    const request = 'Isolate the machine if a critical severity alert from Microsoft Defender for Endpoint involves a known malicious IOC, and post the details to a Teams channel.';
    const planned = await new OfflinePlanner().plan(request);
    assert.ok(planned.ok);
    const file = path.join(dir, 'seed.py');
    fs.writeFileSync(file, generatePlaybook(planned.spec, { request }));
    const seedIncident = JSON.parse(fs.readFileSync(incidentFile('mde-high-malware.json'), 'utf8')) as { alerts: Array<{ devices: Array<{ mdatpDeviceId: string; deviceDnsName: string }> }> };
    const device = seedIncident.alerts[0].devices[0];
    await control(sim.info, 'POST', '/_sim/reset');
    await control(sim.info, 'POST', '/_sim/incidents', seedIncident);
    await control(sim.info, 'POST', '/_sim/machines', { id: device.mdatpDeviceId, computerDnsName: device.deviceDnsName, isolationState: 'Isolated' });
    await control(sim.info, 'PUT', '/_sim/virustotal', { files: { ede9395da0787633a049632770611f11bbc544d11f9e9c98a4c1036d3e6818ce: { malicious: 45, undetected: 25 } } });
    const { stdout } = await run(PYTHON, [file, '--incident-id', '41001'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', ...simulatorEnvironment(sim.info) } });
    const events = stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Event);
    const calls = (await control(sim.info, 'GET', '/_sim/calls')) as Call[];
    assert.deepEqual(calls.filter((c) => c.action === 'isolate').map((c) => c.status), [400]);
    const isolate = events.find((e) => e.action === 'isolate');
    assert.equal(isolate?.status, 'succeeded');
    assert.equal(isolate?.outcome, 'already isolated');
    assert.equal(events.at(-1)?.status, 'completed');
  });
});
