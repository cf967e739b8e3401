import assert from 'node:assert/strict';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { connectionFromEnvironment, runPlaybook, type PlaybookConnection } from '../../../src/playbooks/runner';
import { incidentFile } from '../../fixtures/corpus';
import { simulatorEnvironment, startSimulator, type RunningSimulator } from '../../../src/simulator';

const PLAYBOOK = path.resolve(__dirname, '../../fixtures/playbooks/clean_isolate.py');
const INCIDENT_FILE = incidentFile('mde-high-malware.json');
const SHA1 = 'bc95abe6f8308107a46a23080cee401fbb58c798';
const MACHINE = '20ecaee6ff3fb66600d733c6f5f7daad2c0886eb';

function control(sim: RunningSimulator, method: string, route: string, body?: unknown): Promise<unknown> {
  const payload = body === undefined ? '' : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${sim.info.url}${route}`,
      { method, ca: fs.readFileSync(sim.info.caFile), headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => ((res.statusCode ?? 500) < 300 ? resolve(text ? JSON.parse(text) : undefined) : reject(new Error(`${res.statusCode} ${text}`))));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function writeCalls(sim: RunningSimulator): Promise<string[]> {
  const calls = (await control(sim, 'GET', '/_sim/calls')) as Array<{ action: string | null; path: string }>;
  return calls.filter((c) => c.action).map((c) => `${c.action} ${c.path}`);
}

describe('playbook runner against the simulator', () => {
  let sim: RunningSimulator;
  let connection: PlaybookConnection;

  before(async () => {
    sim = await startSimulator({ port: 0, actionDelaysMs: { toInProgress: 10, toSucceeded: 20 } });
    const s = sim.info;
    connection = connectionFromEnvironment(simulatorEnvironment(s));
  });
  after(() => sim?.stop());

  beforeEach(async () => {
    await control(sim, 'POST', '/_sim/reset');
    await control(sim, 'POST', '/_sim/incidents', JSON.parse(fs.readFileSync(INCIDENT_FILE, 'utf8')));
    await control(sim, 'PUT', '/_sim/virustotal', { files: { [SHA1]: { malicious: 45, suspicious: 0, undetected: 25, harmless: 0 } } });
  });

  it('when a malicious file is seen live, then the device is isolated through the real API with the simulator CA', async () => {
    const result = await runPlaybook({ file: PLAYBOOK, incidentId: 41001, dryRun: false, env: connection, python: '/usr/bin/python3' });
    assert.equal(result.status, 'completed', result.stderrTail);
    assert.deepEqual(result.actions.map((a) => [a.action, a.status]), [['isolate', 'succeeded'], ['teamsMessage', 'succeeded']]);
    assert.deepEqual(result.conditions.map((c) => c.result), [true]);
    const writes = await writeCalls(sim);
    assert.ok(writes.includes(`isolate /api/machines/${MACHINE}/isolate`), writes.join('\n'));
    assert.equal(writes.filter((w) => w.startsWith('teamsMessage')).length, 1);
  });

  it('when the run is a dry run, then every write is reported and none is sent', async () => {
    const result = await runPlaybook({ file: PLAYBOOK, incidentId: 41001, dryRun: true, env: connection, python: '/usr/bin/python3' });
    assert.equal(result.status, 'completed', result.stderrTail);
    assert.deepEqual(result.actions.map((a) => [a.action, a.status, a.dryRun]), [['isolate', 'dry-run', true], ['teamsMessage', 'dry-run', true]]);
    assert.deepEqual(await writeCalls(sim), []);
  });

  it('when isolation is deferred for approval, then it is not sent and its exact request is reported', async () => {
    const result = await runPlaybook({
      file: PLAYBOOK,
      incidentId: 41001,
      dryRun: false,
      deferActions: ['isolate'],
      env: connection,
      python: '/usr/bin/python3',
    });
    assert.equal(result.status, 'completed', result.stderrTail);
    const isolate = result.actions.find((a) => a.action === 'isolate');
    assert.equal(isolate?.status, 'deferred');
    assert.deepEqual(isolate?.request, {
      api: 'defender',
      method: 'POST',
      path: `/api/machines/${MACHINE}/isolate`,
      body: { Comment: 'Rampart: malicious file on this device', IsolationType: 'Full' },
    });
    const writes = await writeCalls(sim);
    assert.equal(writes.filter((w) => w.startsWith('isolate')).length, 0);
    assert.equal(writes.filter((w) => w.startsWith('teamsMessage')).length, 1);
  });
});
