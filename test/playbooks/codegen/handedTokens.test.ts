import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { generatePlaybook } from '../../../src/playbooks/codegen';
import { parseSpec } from '../../../src/playbooks/spec';
import { simulatorEnvironment, startSimulator, type RunningSimulator } from '../../../src/simulator';
import { control, tokenFor } from '../../simulator/simHttp';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const USER = '8e2f4c1a-0b3d-4e5f-9a6b-7c8d9e0f1a2b';

interface Event {
  event: string;
  action?: string;
  status?: string;
  error?: string;
}

describe('short-lived tokens handed by the runner (RAMPART_ACCESS_TOKEN_DEFENDER / _GRAPH)', function () {
  this.timeout(60_000);
  let sim: RunningSimulator;
  let dir: string;
  let file: string;

  before(async () => {
    sim = await startSimulator({ port: 0, rateLimits: false });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-tokens-'));
    file = path.join(dir, 'playbook.py');
    const spec = parseSpec({
      specVersion: 2,
      name: 'disable and tag',
      trigger: { kind: 'alert' },
      steps: [
        { action: 'disableUser', target: { kind: 'users' } },
        { action: 'updateIncident', target: { kind: 'incident' }, params: { incident: { addTags: ['contained'] } } },
      ],
    });
    fs.writeFileSync(file, generatePlaybook(spec, { request: 'Disable the user and tag the incident.' }));
  });
  after(async () => {
    await sim?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function runWith(tokens: Record<string, string>): Promise<{ events: Event[]; tokenRequests: number }> {
    await control(sim.info, 'POST', '/_sim/reset');
    await control(sim.info, 'POST', '/_sim/incidents', {
      incidentId: 63001,
      incidentName: 'Token test',
      alerts: [{ alertId: 't1', title: 'Sign-in from a Tor exit node', severity: 'High', serviceSource: 'AzureAdIdentityProtection', entities: [{ entityType: 'User', userPrincipalName: 'eve@contoso.com', aadUserId: USER }] }],
    });
    const { CLIENT_SECRET: _secret, ...withoutSecret } = simulatorEnvironment(sim.info);
    // A run that fails exits 1; its events still say why.
    const { stdout } = await run(PYTHON, [file, '--incident-id', '63001'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', ...withoutSecret, ...tokens } })
      .catch((err: { stdout: string }) => ({ stdout: err.stdout }));
    const calls = (await control(sim.info, 'GET', '/_sim/calls')) as Array<{ path: string }>;
    return { events: stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Event), tokenRequests: calls.filter((c) => c.path.includes('/oauth2/')).length };
  }

  it('when both tokens are in the environment and CLIENT_SECRET is not, then the playbook reads, disables and tags with them and never signs in', async () => {
    const tokens = {
      RAMPART_ACCESS_TOKEN_DEFENDER: await tokenFor(sim.info, 'https://api.security.microsoft.com'),
      RAMPART_ACCESS_TOKEN_GRAPH: await tokenFor(sim.info, 'https://graph.microsoft.com'),
    };
    const { events, tokenRequests } = await runWith(tokens);
    assert.deepEqual(events.filter((e) => e.event === 'action').map((e) => [e.action, e.status]), [['disableUser', 'succeeded'], ['updateIncident', 'succeeded']]);
    assert.equal(tokenRequests, 0);
  });

  it('when only the Defender token is handed over, then the Graph call needs CLIENT_SECRET and says so, while the Defender calls work', async () => {
    const { events } = await runWith({ RAMPART_ACCESS_TOKEN_DEFENDER: await tokenFor(sim.info, 'https://api.security.microsoft.com') });
    const disable = events.find((e) => e.action === 'disableUser');
    assert.equal(disable?.status, 'failed');
    assert.match(disable?.error ?? '', /CLIENT_SECRET is not set/);
    assert.equal(events.find((e) => e.action === 'updateIncident')?.status, 'succeeded');
  });

  it('when a handed token is not valid, then the API refuses it (the playbook does not fall back to a secret it lacks)', async () => {
    const { events, tokenRequests } = await runWith({ RAMPART_ACCESS_TOKEN_DEFENDER: 'not-a-token' });
    assert.equal(events.at(-1)?.status, 'failed');
    assert.match(JSON.stringify(events.at(-1)), /401/);
    assert.equal(tokenRequests, 0);
  });

  it('when the playbook is generated, then its header documents both token variables', () => {
    const code = fs.readFileSync(file, 'utf8');
    assert.match(code, /^# .*RAMPART_ACCESS_TOKEN_DEFENDER and$/m);
    assert.match(code, /^# RAMPART_ACCESS_TOKEN_GRAPH, and no CLIENT_SECRET is needed/m);
  });
});
