import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { generatePlaybook } from '../../../src/playbooks/codegen';
import { OfflinePlanner } from '../../../src/playbooks/planner';
import { reviewPlaybook } from '../../../src/playbooks/review';
import { parseSpec, type PlaybookSpec } from '../../../src/playbooks/spec';
import { startSimulator, type RunningSimulator } from '../../../src/simulator';
import { DEV_REQUESTS as ALL_DEV_REQUESTS, incidentFile as sampleIncident } from '../../fixtures/corpus';
import { call } from '../../simulator/simHttp';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const DEV_REQUESTS: string[] = ALL_DEV_REQUESTS.filter((c) => !c.refuse).map((c) => c.request);
const EXTRA_REQUESTS = [
  'Reset the user\'s password, dismiss their risk and email soc@contoso.com when Identity Protection reports a high alert.',
  'Unrestrict app execution and release the device from isolation when the incident is resolved as a false positive.',
  'Tag incidents with a high risk device as "risky", assign them to tier2@contoso.com and post the VirusTotal verdicts to Teams.',
  'Collect an investigation package and run a full scan on every device in high severity incidents from MDE.',
];
const SEED = DEV_REQUESTS[0];

async function plan(request: string): Promise<PlaybookSpec> {
  const result = await new OfflinePlanner().plan(request);
  assert.ok(result.ok, `planner refused: ${request}`);
  return result.spec;
}

interface Event {
  event: string;
  action?: string;
  status?: string;
  dryRun?: boolean;
  target?: Record<string, unknown>;
  request?: { api: string; method: string; path: string; body: Record<string, unknown> };
  result?: boolean;
  reason?: string;
  name?: string;
}

function events(stdout: string): Event[] {
  return stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Event);
}

/** A stand-in VirusTotal that answers files / IPs / URLs from a table and 404s the rest. */
async function fakeVirusTotal(malicious: Record<string, number>): Promise<{ url: string; close: () => Promise<void>; seen: string[] }> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url} key=${String(req.headers['x-apikey'])}`);
    const id = decodeURIComponent((req.url ?? '').split('/').pop() ?? '');
    const hit = Object.entries(malicious).find(([k]) => k.toLowerCase() === id.toLowerCase());
    res.setHeader('Content-Type', 'application/json');
    if (!hit) {
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { code: 'NotFoundError', message: `${id} not found` } }));
      return;
    }
    res.end(JSON.stringify({ data: { id, attributes: { last_analysis_stats: { malicious: hit[1], suspicious: 0, undetected: 70 - hit[1], harmless: 0, timeout: 0 } } } }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((r) => server.close(() => r())) };
}

function scrubbedEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8' };
  return { ...env, ...extra };
}

describe('playbook code generation', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-codegen-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('when the same spec is generated twice (and after a JSON round trip), then the bytes are identical', async () => {
    for (const request of [...DEV_REQUESTS, ...EXTRA_REQUESTS]) {
      const spec = await plan(request);
      const a = generatePlaybook(spec, { request });
      const b = generatePlaybook(parseSpec(JSON.parse(JSON.stringify(spec))), { request });
      assert.equal(a, b, request);
      assert.ok(!/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(a), 'no timestamp in the code');
    }
  });

  it('when a playbook only scans, then it carries no Graph, mail or VirusTotal code', async () => {
    const code = generatePlaybook(await plan('Run a full scan on every device in high severity incidents.'), { request: 'x' });
    assert.doesNotMatch(code, /def graph\(|sendMail|def verdict\(|import html/);
    assert.match(code, /runAntiVirusScan/);
  });

  it('when every dev request and extra phrasing is generated, then each playbook compiles with py_compile and has no forbidden construct', async () => {
    const files: string[] = [];
    for (const [n, request] of [...DEV_REQUESTS, ...EXTRA_REQUESTS].entries()) {
      const file = path.join(dir, `compile_${n}.py`);
      const code = generatePlaybook(await plan(request), { request });
      assert.doesNotMatch(code, /verify\s*=\s*False|subprocess|\beval\(|\bexec\(|os\.system|except\s*:/, request);
      assert.match(code, /^# Request:/m);
      fs.writeFileSync(file, code);
      files.push(file);
    }
    await run(PYTHON, ['-m', 'py_compile', ...files]);
  });

  it('when the generated playbooks are reviewed, then none has a blocking finding', async () => {
    for (const request of [...DEV_REQUESTS, ...EXTRA_REQUESTS]) {
      const review = await reviewPlaybook(generatePlaybook(await plan(request), { request }), { python: PYTHON });
      assert.equal(review.blocking, false, `${request}\n${JSON.stringify(review.findings.filter((f) => f.blocking))}`);
    }
  });

  describe('run with --mock-data --dry-run', () => {
    let playbook: string;
    const incidentFile = sampleIncident('mde-high-malware.json');
    before(async () => {
      playbook = path.join(dir, 'seed.py');
      fs.writeFileSync(playbook, generatePlaybook(await plan(SEED), { request: SEED }));
    });

    it('when the alert\'s file is malicious on VirusTotal, then isolating ws-fin-042 and the Teams post are printed, not sent', async () => {
      const vt = await fakeVirusTotal({ ede9395da0787633a049632770611f11bbc544d11f9e9c98a4c1036d3e6818ce: 45 });
      try {
        const { stdout } = await run(PYTHON, [playbook, '--incident-id', '41001', '--mock-data', incidentFile, '--dry-run'], {
          env: scrubbedEnv({ VT_API_BASE: vt.url, VT_API_KEY: 'test-key' }),
        });
        const evs = events(stdout);
        const actions = evs.filter((e) => e.event === 'action');
        assert.deepEqual(actions.map((a) => [a.action, a.status, a.dryRun]), [['isolate', 'dry-run', true], ['teamsMessage', 'dry-run', true]]);
        assert.equal(actions[0].request!.path, '/api/machines/20ecaee6ff3fb66600d733c6f5f7daad2c0886eb/isolate');
        assert.equal(actions[0].request!.body.IsolationType, 'Full');
        assert.equal(actions[0].target!.deviceName, 'ws-fin-042.contoso.local');
        assert.deepEqual(evs.at(-1), { ...evs.at(-1), event: 'done', status: 'completed', actions: 2 });
        assert.ok(vt.seen.every((s) => s.includes('key=test-key')), 'VirusTotal called with x-apikey');
      } finally {
        await vt.close();
      }
    });

    it('when every IOC is clean, then nothing is isolated and the condition event says why', async () => {
      const vt = await fakeVirusTotal({ ede9395da0787633a049632770611f11bbc544d11f9e9c98a4c1036d3e6818ce: 0, '185.220.101.45': 0 });
      try {
        const { stdout } = await run(PYTHON, [playbook, '--incident-id', '41001', '--mock-data', incidentFile, '--dry-run'], {
          env: scrubbedEnv({ VT_API_BASE: vt.url, VT_API_KEY: 'test-key' }),
        });
        const evs = events(stdout);
        assert.ok(!evs.some((e) => e.action === 'isolate'));
        const cond = evs.find((e) => e.event === 'condition' && e.name !== 'trigger');
        assert.equal(cond?.result, false);
        assert.match(cond?.reason ?? '', /no file\/ip\/url\/domain in alert da6385010000001_1 is malicious.*0\/70 engines/);
      } finally {
        await vt.close();
      }
    });

    it('when RAMPART_DEFER_ACTIONS names isolate, then isolate is deferred with its full request while the rest runs', async () => {
      const vt = await fakeVirusTotal({ ede9395da0787633a049632770611f11bbc544d11f9e9c98a4c1036d3e6818ce: 45 });
      try {
        const { stdout } = await run(PYTHON, [playbook, '--incident-id', '41001', '--mock-data', incidentFile], {
          env: scrubbedEnv({ VT_API_BASE: vt.url, VT_API_KEY: 'k', RAMPART_DEFER_ACTIONS: 'isolate', TEAMS_WEBHOOK_URL: `${vt.url}/teams` }),
        });
        const isolate = events(stdout).find((e) => e.action === 'isolate');
        assert.equal(isolate?.status, 'deferred');
        assert.equal(isolate?.request?.method, 'POST');
        assert.equal(isolate?.request?.path, '/api/machines/20ecaee6ff3fb66600d733c6f5f7daad2c0886eb/isolate');
      } finally {
        await vt.close();
      }
    });

    it('when the tag playbook runs dry on an incident with tags, then the PATCH keeps the old tags and adds the new one', async () => {
      const request = 'Tag every incident that involves a device with a high risk score as high-risk-device.';
      const file = path.join(dir, 'tag.py');
      fs.writeFileSync(file, generatePlaybook(await plan(request), { request }));
      const incident = JSON.parse(fs.readFileSync(incidentFile, 'utf8')) as Record<string, unknown>;
      incident.tags = ['existing'];
      const mock = path.join(dir, 'tagged.json');
      fs.writeFileSync(mock, JSON.stringify(incident));
      const { stdout } = await run(PYTHON, [file, '--incident-id', '41001', '--mock-data', mock, '--dry-run'], { env: scrubbedEnv({}) });
      const patch = events(stdout).find((e) => e.action === 'updateIncident');
      assert.deepEqual(patch?.request?.body.tags, ['existing', 'high-risk-device']);
    });
  });

  describe('live against the simulator', () => {
    let sim: RunningSimulator;
    before(async () => {
      sim = await startSimulator({ port: 0, actionDelaysMs: { toInProgress: 50, toSucceeded: 100 } });
    });
    after(async () => sim?.stop());

    async function runLive(request: string, incidentFile: string, incidentId: number, virustotal: Record<string, unknown>) {
      const file = path.join(dir, `live_${incidentId}_${Date.now()}.py`);
      fs.writeFileSync(file, generatePlaybook(await plan(request), { request }));
      const info = sim.info;
      await call(info, 'POST', '/_sim/reset');
      await call(info, 'POST', '/_sim/incidents', { body: JSON.parse(fs.readFileSync(sampleIncident(incidentFile), 'utf8')) });
      await call(info, 'PUT', '/_sim/virustotal', { body: virustotal });
      const url = info.url.replace(/\/$/, '');
      const { stdout } = await run(PYTHON, [file, '--incident-id', String(incidentId)], {
        env: scrubbedEnv({
          TENANT_ID: info.tenantId, CLIENT_ID: info.clientId, CLIENT_SECRET: info.clientSecret, AZURE_AUTHORITY_HOST: url,
          DEFENDER_API_BASE: url, GRAPH_API_BASE: `${url}/graph`, VT_API_BASE: `${url}/vt`, VT_API_KEY: info.vtApiKey,
          TEAMS_WEBHOOK_URL: info.teamsWebhookUrl, SOC_EMAIL_SENDER: 'soc-automation@contoso.com', REQUESTS_CA_BUNDLE: info.caFile,
        }),
      });
      const calls = (await call(info, 'GET', '/_sim/calls')).body as Array<{ action: string | null; path: string; status: number }>;
      return { evs: events(stdout), writes: calls.filter((c) => c.action) };
    }

    it('when the seed playbook meets a malicious file, then exactly ws-fin-042 is isolated and Teams gets the post', async () => {
      const { writes, evs } = await runLive(SEED, 'mde-high-malware.json', 41001, {
        files: { bc95abe6f8308107a46a23080cee401fbb58c798: { malicious: 45, undetected: 25 }, ede9395da0787633a049632770611f11bbc544d11f9e9c98a4c1036d3e6818ce: { malicious: 45, undetected: 25 } },
      });
      assert.deepEqual(writes.map((w) => [w.action, w.status >= 200 && w.status < 300]), [['isolate', true], ['teamsMessage', true]]);
      assert.equal(writes[0].path, '/api/machines/20ecaee6ff3fb66600d733c6f5f7daad2c0886eb/isolate');
      assert.equal(evs.at(-1)?.status, 'completed');
    });

    it('when the verdicts are clean, then the seed playbook isolates nothing', async () => {
      const { writes } = await runLive(SEED, 'mde-high-malware.json', 41001, {
        files: { ede9395da0787633a049632770611f11bbc544d11f9e9c98a4c1036d3e6818ce: { malicious: 0, undetected: 70 } },
        ips: { '185.220.101.45': { malicious: 0, undetected: 70 } },
      });
      assert.ok(!writes.some((w) => w.action === 'isolate'), JSON.stringify(writes));
    });

    it('when a high and a medium alert sit on two devices, then only the high alert\'s device is isolated', async () => {
      const { writes } = await runLive(SEED, 'mde-high-two-devices.json', 41003, {
        files: { '98a0a402ecad71ecab1ab391b5020500cbdf60e1d956fa81ad4188cbedf32922': { malicious: 30 }, '9609b60eaecc8dee15e611321bd71d79b9026c6caab262b0c1c5a4e2434d3ee9': { malicious: 30 } },
      });
      assert.deepEqual(writes.filter((w) => w.action === 'isolate').map((w) => w.path), ['/api/machines/9232c0a87bb37d92e937d45ea0a79138bb0aafc0/isolate']);
    });

    it('when an Identity Protection alert is high, then the user is disabled and signed out through Graph', async () => {
      const { writes } = await runLive(DEV_REQUESTS.find((r) => r.startsWith('When Identity Protection'))!, 'idp-risky-user.json', 41005, {});
      assert.deepEqual(writes.map((w) => w.action).sort(), ['disableUser', 'revokeSessions']);
      assert.ok(writes.every((w) => w.status >= 200 && w.status < 300), JSON.stringify(writes));
      assert.ok(writes.some((w) => w.path.includes('e7d7c384-9f6d-c4a9-c855-84eb8d3f00cc')));
    });
  });
});
