import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createCredential, DefenderApiError, DefenderClient, GraphClient, VirusTotalClient, type TokenCredential } from '../../src/defender';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { call } from '../simulator/simHttp';

const incident = JSON.parse(fs.readFileSync(path.join(__dirname, '../simulator/fixtures/mde-high-malware.json'), 'utf8')) as Record<string, unknown>;
const MACHINE = '20ecaee6ff3fb66600d733c6f5f7daad2c0886eb';

describe('Defender, Graph and VirusTotal clients against the simulator', () => {
  let sim: RunningSimulator;
  let credential: TokenCredential;
  let defender: DefenderClient;
  let graph: GraphClient;

  before(async () => {
    sim = await startSimulator({ actionDelaysMs: { toInProgress: 50, toSucceeded: 50 }, rateLimits: false });
    const { info } = sim;
    credential = createCredential({ kind: 'clientSecret', tenantId: info.tenantId, clientId: info.clientId, clientSecret: info.clientSecret, authorityHost: info.url, caFile: info.caFile });
    defender = new DefenderClient({ credential, baseUrl: info.url, caFile: info.caFile, maxRetryDelayMs: 2_000 });
    graph = new GraphClient({ credential, baseUrl: `${info.url}/graph`, caFile: info.caFile });
  });
  after(() => sim.stop());
  beforeEach(async () => {
    await call(sim.info, 'POST', '/_sim/reset');
    await call(sim.info, 'POST', '/_sim/incidents', { body: incident });
  });

  it('when @azure/identity ClientSecretCredential uses the simulator as authority host, then it gets a token and the incident reads', async () => {
    const got = await defender.getIncident(41001);
    assert.equal(got.incidentId, 41001);
    assert.equal(got.alerts[0].devices[0].mdatpDeviceId, MACHINE);
    const calls = (await call(sim.info, 'GET', '/_sim/calls')).body as Array<{ path: string }>;
    assert.ok(calls.some((c) => c.path.startsWith(`/${sim.info.tenantId}/oauth2/v2.0/token`)), JSON.stringify(calls.map((c) => c.path)));
  });

  it('when the client secret is wrong, then getToken fails and no API call is made', async () => {
    const bad = createCredential({ kind: 'clientSecret', tenantId: sim.info.tenantId, clientId: sim.info.clientId, clientSecret: 'wrong', authorityHost: sim.info.url, caFile: sim.info.caFile });
    await assert.rejects(() => new DefenderClient({ credential: bad, baseUrl: sim.info.url, caFile: sim.info.caFile }).getIncident(41001), /invalid_client|AADSTS7000215/);
  });

  it('when a device is isolated and waited for, then the action ends Succeeded; a second one fails with the service code', async () => {
    const action = await defender.isolateDevice(MACHINE, 'Rampart test', 'Selective');
    assert.equal(action.status, 'Pending');
    const done = await defender.waitForMachineAction(action.id, { timeoutMs: 5_000, pollMs: 30 });
    assert.equal(done.status, 'Succeeded');
    await defender.createMachineAction(MACHINE, { type: 'RunAntiVirusScan', comment: 'scan', scanType: 'Full' });
    const again = await defender.createMachineAction(MACHINE, { type: 'RunAntiVirusScan', comment: 'scan' }).catch((e: unknown) => e);
    assert.ok(again instanceof DefenderApiError);
    assert.equal(again.status, 400);
    assert.equal(again.code, 'ActiveRequestAlreadyExists');
  });

  it('when a machine action does not finish in time, then waitForMachineAction throws', async () => {
    const slow = await startSimulator({ actionDelaysMs: { toInProgress: 60_000, toSucceeded: 60_000 }, rateLimits: false });
    try {
      const cred = createCredential({ kind: 'clientSecret', tenantId: slow.info.tenantId, clientId: slow.info.clientId, clientSecret: slow.info.clientSecret, authorityHost: slow.info.url, caFile: slow.info.caFile });
      const client = new DefenderClient({ credential: cred, baseUrl: slow.info.url, caFile: slow.info.caFile });
      await call(slow.info, 'POST', '/_sim/incidents', { body: incident });
      const action = await client.isolateDevice(MACHINE, 'slow');
      await assert.rejects(() => client.waitForMachineAction(action.id, { timeoutMs: 150, pollMs: 50 }), /still Pending/);
    } finally {
      await slow.stop();
    }
  });

  it('when the service answers 429 with Retry-After once, then the client waits and succeeds on the retry', async () => {
    await call(sim.info, 'POST', '/_sim/faults', { body: { path: '/api/incidents/41001', status: 429, retryAfterSeconds: 1, count: 1 } });
    const started = Date.now();
    const got = await defender.getIncident(41001);
    assert.equal(got.incidentId, 41001);
    assert.ok(Date.now() - started >= 900, 'the client honoured Retry-After');
    const calls = (await call(sim.info, 'GET', '/_sim/calls')).body as Array<{ path: string; status: number }>;
    assert.deepEqual(calls.filter((c) => c.path === '/api/incidents/41001').map((c) => c.status), [429, 200]);
  });

  it('when the service keeps failing with 503, then the client gives up after its retry budget with the service error', async () => {
    const impatient = new DefenderClient({ credential, baseUrl: sim.info.url, caFile: sim.info.caFile, maxRetries: 2, maxRetryDelayMs: 20 });
    await call(sim.info, 'POST', '/_sim/faults', { body: { path: '/api/incidents', status: 503 } });
    const err = await impatient.getIncident(41001).catch((e: unknown) => e);
    assert.ok(err instanceof DefenderApiError);
    assert.equal(err.status, 503);
    const calls = (await call(sim.info, 'GET', '/_sim/calls')).body as Array<{ path: string }>;
    assert.equal(calls.filter((c) => c.path === '/api/incidents/41001').length, 3);
  });

  it('when a POST fails with 503, then the client does not repeat it (it may have been carried out)', async () => {
    await call(sim.info, 'POST', '/_sim/faults', { body: { path: '/isolate', status: 503 } });
    await assert.rejects(() => defender.isolateDevice(MACHINE, 'x'), DefenderApiError);
    const calls = (await call(sim.info, 'GET', '/_sim/calls')).body as Array<{ action: string | null }>;
    assert.equal(calls.filter((c) => c.action === 'isolate').length, 1);
  });

  it('when incidents span pages, then allIncidents follows nextLink to the end', async () => {
    await call(sim.info, 'POST', '/_sim/incidents', { body: [41002, 41003, 41004].map((incidentId) => ({ ...incident, incidentId })) });
    const ids: number[] = [];
    for await (const i of defender.allIncidents("status eq 'Active'", 2)) ids.push(i.incidentId);
    assert.deepEqual(ids.sort(), [41001, 41002, 41003, 41004]);
  });

  it('when machines, indicators and files are used, then the typed helpers return the service objects', async () => {
    assert.equal((await defender.findMachineByName('ws-fin-042.contoso.local'))?.id, MACHINE);
    assert.equal(await defender.findMachineByName('nope.contoso.local'), undefined);
    const indicator = await defender.submitIndicator({ indicatorValue: '185.220.101.45', indicatorType: 'IpAddress', action: 'Block', title: 'C2', description: 'from incident 41001' });
    assert.equal(indicator.indicatorValue, '185.220.101.45');
    assert.equal((await defender.getFile('bc95abe6f8308107a46a23080cee401fbb58c798'))?.sha256, 'ede9395da0787633a049632770611f11bbc544d11f9e9c98a4c1036d3e6818ce');
    assert.equal(await defender.getFile('0'.repeat(40)), undefined);
  });

  it('when Graph actions run on an incident user, then the simulator records disableUser, revokeSessions and sendMail', async () => {
    await graph.disableUser('jdoe@contoso.com');
    await graph.revokeSessions('4f2ac81b-c08e-7df2-c8a8-83085dde19cd');
    await graph.sendMail('soc-automation@contoso.com', { subject: 'Incident 41001', body: '<p>contained</p>', to: ['soc-lead@contoso.com'] });
    assert.equal((await graph.getUser('jdoe@contoso.com')).accountEnabled, false);
    const calls = (await call(sim.info, 'GET', '/_sim/calls')).body as Array<{ action: string | null }>;
    assert.deepEqual(calls.filter((c) => c.action).map((c) => c.action), ['disableUser', 'revokeSessions', 'sendMail']);
    const incidents = await graph.listSecurityIncidents({ expandAlerts: true });
    assert.equal(incidents[0].severity, 'high');
  });

  it('when VirusTotal knows an IOC, then its stats come back; an unknown one is undefined', async () => {
    await call(sim.info, 'PUT', '/_sim/virustotal', { body: { files: {}, ips: { '185.220.101.45': { malicious: 9 } }, urls: { 'http://update-check.badcdn.example/payload.bin': { malicious: 2 } }, domains: { 'badcdn.example': { malicious: 4 } } } });
    const vt = new VirusTotalClient({ apiKey: sim.info.vtApiKey, baseUrl: `${sim.info.url}/vt`, caFile: sim.info.caFile });
    assert.equal((await vt.ipVerdict('185.220.101.45'))?.stats.malicious, 9);
    assert.equal((await vt.urlVerdict('http://update-check.badcdn.example/payload.bin'))?.stats.malicious, 2);
    assert.equal((await vt.domainVerdict('badcdn.example'))?.stats.malicious, 4);
    assert.equal(await vt.fileVerdict('bc95abe6f8308107a46a23080cee401fbb58c798'), undefined);
    const wrongKey = new VirusTotalClient({ apiKey: 'bad', baseUrl: `${sim.info.url}/vt`, caFile: sim.info.caFile });
    await assert.rejects(() => wrongKey.ipVerdict('185.220.101.45'), (e: unknown) => e instanceof DefenderApiError && e.code === 'WrongCredentialsError');
  });
});
