import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { call } from './simHttp';

const ROOT = path.resolve(__dirname, '../..');
const PYTHON = '/usr/bin/python3';
const hasMsal = spawnSync(PYTHON, ['-c', 'import msal, requests'], { stdio: 'ignore' }).status === 0;

// What a generated playbook does, with only the environment of the generated-playbook contract (docs/ARCHITECTURE.md).
const PLAYBOOK = `
import os, sys, json, msal, requests
authority = os.environ["AZURE_AUTHORITY_HOST"].rstrip("/") + "/" + os.environ["TENANT_ID"]
app = msal.ConfidentialClientApplication(os.environ["CLIENT_ID"], client_credential=os.environ["CLIENT_SECRET"],
                                         authority=authority, validate_authority=False)
token = app.acquire_token_for_client(scopes=["https://api.securitycenter.microsoft.com/.default"])
if "access_token" not in token:
    sys.exit("no token: %s" % token.get("error_description"))
api = os.environ["DEFENDER_API_BASE"].rstrip("/")
headers = {"Authorization": "Bearer " + token["access_token"]}
incident = requests.get(api + "/api/incidents/" + sys.argv[1], headers=headers, timeout=30)
incident.raise_for_status()
device = incident.json()["alerts"][0]["devices"][0]["mdatpDeviceId"]
r = requests.post(api + "/api/machines/%s/isolate" % device, headers=headers, timeout=30,
                  json={"Comment": "Rampart playbook", "IsolationType": "Full"})
print(json.dumps({"event": "action", "action": "isolate", "target": device, "status": r.status_code}))
`;

describe('simulator with real clients in other processes', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startSimulator({ rateLimits: false });
  });
  after(() => sim.stop());

  (hasMsal ? it : it.skip)('when a Python msal + requests script runs with the section 6 environment, then it reads the incident, isolates the device and the call log shows it', async () => {
    const incident = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/mde-high-malware.json'), 'utf8'));
    await call(sim.info, 'POST', '/_sim/reset');
    await call(sim.info, 'POST', '/_sim/incidents', { body: incident });
    const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-py-')), 'playbook.py');
    fs.writeFileSync(script, PLAYBOOK);
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      TENANT_ID: sim.info.tenantId,
      CLIENT_ID: sim.info.clientId,
      CLIENT_SECRET: sim.info.clientSecret,
      AZURE_AUTHORITY_HOST: sim.info.url,
      DEFENDER_API_BASE: sim.info.url,
      GRAPH_API_BASE: `${sim.info.url}/graph`,
      VT_API_BASE: `${sim.info.url}/vt`,
      VT_API_KEY: sim.info.vtApiKey,
      TEAMS_WEBHOOK_URL: sim.info.teamsWebhookUrl,
      REQUESTS_CA_BUNDLE: sim.info.caFile,
    };
    const run = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(PYTHON, [script, '41001'], { env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).status, 201);
    const calls = (await call(sim.info, 'GET', '/_sim/calls')).body as Array<{ action: string | null; path: string; status: number }>;
    const isolate = calls.find((c) => c.action === 'isolate');
    assert.deepEqual(isolate && [isolate.path, isolate.status], ['/api/machines/20ecaee6ff3fb66600d733c6f5f7daad2c0886eb/isolate', 201]);
  });
});

describe('rampart simulator command', () => {
  it('when started with --port 0, then its first stdout line is the SimulatorInfo JSON and SIGTERM stops it with exit 0', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/rampart.js'), 'simulator', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        readline.createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`exited with ${code} before printing`)));
      });
      const info = JSON.parse(line);
      for (const key of ['url', 'caFile', 'tenantId', 'clientId', 'clientSecret', 'vtApiKey', 'teamsWebhookUrl']) {
        assert.equal(typeof info[key], 'string', key);
      }
      assert.match(info.url, /^https:\/\/127\.0\.0\.1:\d+$/);
      assert.equal((await call(info, 'GET', '/_sim/calls')).status, 200);
      const exit = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      assert.equal(await exit, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
