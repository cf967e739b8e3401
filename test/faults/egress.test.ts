import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { connectionFromEnvironment, networkNamespaceSupport, runPlaybook, sandboxIdentity, sandboxStatus, type PlaybookConnection, type PlaybookEvent, type RunResult } from '../../src/playbooks/runner';
import { simulatorEnvironment, startSimulator, type RunningSimulator } from '../../src/simulator';
import { incidentFile } from '../fixtures/corpus';
import { call as simCall } from '../simulator/simHttp';

const PYTHON = '/usr/bin/python3';
const PLAYBOOK = path.resolve(__dirname, '../fixtures/playbooks/clean_isolate.py');
const INCIDENT_FILE = incidentFile('mde-high-malware.json');
const SHA1 = 'bc95abe6f8308107a46a23080cee401fbb58c798';
const MACHINE = '20ecaee6ff3fb66600d733c6f5f7daad2c0886eb';

/**
 * A "playbook" that tries to get out: through the proxy to a loopback port that is not one of its
 * hosts (plain HTTP and HTTPS), around the proxy with a raw socket to that port, and (sandboxed
 * runs only, never sent from the host's network) to an outside name and an outside address; and
 * one genuine HTTPS call to the simulator, its certificate checked against the simulator's CA.
 */
function escapeProbe(forbiddenPort: number, outside: boolean): string {
  return `
import json, os, socket
import requests

def report(step, message):
    print(json.dumps({"event": "step", "step": step, "message": message}), flush=True)

def attempt(step, fn):
    try:
        report(step, "reached: " + str(fn()))
    except Exception as e:
        report(step, "denied: " + type(e).__name__)

FORBIDDEN = ${forbiddenPort}
attempt("proxy-http", lambda: requests.get("http://127.0.0.1:%d/" % FORBIDDEN, timeout=5).status_code)
attempt("proxy-https", lambda: requests.get("https://127.0.0.1:%d/" % FORBIDDEN, timeout=5, verify=False).status_code)
attempt("direct", lambda: socket.create_connection(("127.0.0.1", FORBIDDEN), timeout=5).getpeername())
if ${outside ? 'True' : 'False'}:
    attempt("outside-name", lambda: requests.get("https://example.com/", timeout=5).status_code)
    attempt("outside-address", lambda: socket.create_connection(("192.0.2.1", 443), timeout=5).getpeername())
attempt("simulator", lambda: requests.get(os.environ["DEFENDER_API_BASE"] + "/api/incidents", timeout=10).status_code)
print(json.dumps({"event": "done", "status": "completed", "actions": 0, "summary": "probe"}), flush=True)
`;
}

function said(result: RunResult, step: string): string {
  const e = result.events.find((x) => x.event === 'step' && x.step === step) as { message?: string } | undefined;
  assert.ok(e, `no ${step} line; stderr: ${result.stderrTail}`);
  return String(e.message);
}

/** Finding 10, outbound traffic: a playbook reaches its configured hosts and nothing else. */
describe('faults: playbook egress', function () {
  this.timeout(90_000);
  let sim: RunningSimulator;
  let connection: PlaybookConnection;
  let forbidden: http.Server;
  let forbiddenPort: number;
  let forbiddenConnections = 0;

  before(async function () {
    if (process.getuid?.() !== 0) this.skip(); // the namespace and the uid drop need root; CI (.ci/run) runs as root
    assert.ok(sandboxIdentity(), 'running as root without the rampart-playbook user: run scripts/prereqs.sh');
    assert.ok(networkNamespaceSupport(PYTHON).ok, `unshare --net does not work here: ${networkNamespaceSupport(PYTHON).note}`);
    sim = await startSimulator({ port: 0, actionDelaysMs: { toInProgress: 10, toSucceeded: 20 } });
    connection = connectionFromEnvironment(simulatorEnvironment(sim.info));
    // Another service on the host's loopback that a playbook has no business reaching.
    forbidden = http.createServer((_req, res) => res.end('you should not be here'));
    forbidden.on('connection', () => (forbiddenConnections += 1));
    await new Promise<void>((resolve) => forbidden.listen(0, '127.0.0.1', resolve));
    forbiddenPort = (forbidden.address() as AddressInfo).port;
  });
  after(async () => {
    await sim?.stop();
    await new Promise((resolve) => (forbidden ? forbidden.close(resolve) : resolve(undefined)));
  });
  beforeEach(async () => {
    forbiddenConnections = 0;
    await simCall(sim.info, 'POST', '/_sim/reset');
    await simCall(sim.info, 'POST', '/_sim/incidents', { body: JSON.parse(fs.readFileSync(INCIDENT_FILE, 'utf8')) });
    await simCall(sim.info, 'PUT', '/_sim/virustotal', { body: { files: { [SHA1]: { malicious: 45, suspicious: 0, undetected: 25, harmless: 0 } } } });
  });

  it('when /healthz reads the sandbox, then it says egress is enforced', () => {
    assert.equal(sandboxStatus().egressEnforced, true, sandboxStatus().egress);
  });

  it('when a playbook tries a host that is not its own, through the proxy or around it, then nothing gets out and each refusal is reported', async () => {
    const events: PlaybookEvent[] = [];
    const result = await runPlaybook({ source: escapeProbe(forbiddenPort, true), incidentId: 41001, dryRun: true, env: connection, python: PYTHON, onEvent: (e) => events.push(e) });
    assert.equal(result.status, 'completed', result.stderrTail);
    // Plain HTTP gets the proxy's own 403; a tunnel is refused before it opens; around the proxy there is no route.
    assert.equal(said(result, 'proxy-http'), 'reached: 403');
    for (const step of ['proxy-https', 'direct', 'outside-name', 'outside-address']) assert.match(said(result, step), /^denied/, step);
    assert.equal(forbiddenConnections, 0, 'the forbidden loopback service was never reached');
    assert.equal(result.egress?.enforced, true);
    const refused = result.egress.refused.map((r) => `${r.method} ${r.host}:${r.port}`);
    assert.ok(refused.includes(`GET 127.0.0.1:${forbiddenPort}`), refused.join(', '));
    assert.ok(refused.includes(`CONNECT 127.0.0.1:${forbiddenPort}`), refused.join(', '));
    assert.ok(refused.includes('CONNECT example.com:443'), refused.join(', '));
    const logged = events.filter((e) => e.event === 'log' && e.stream === 'stderr' && e.line.startsWith('rampart sandbox: refused'));
    assert.ok(logged.length >= 3, 'each refusal is reported while the run goes');
    // The genuine call in the same run went through, TLS checked end to end.
    assert.match(said(result, 'simulator'), /^reached: \d{3}$/);
  });

  it('when the same probe runs on the host\'s network, then the forbidden service is reached (the check above can fail)', async () => {
    const result = await runPlaybook({ source: escapeProbe(forbiddenPort, false), incidentId: 41001, dryRun: true, env: connection, python: PYTHON, restrictEgress: false });
    assert.equal(result.status, 'completed', result.stderrTail);
    assert.equal(result.egress?.enforced, false);
    assert.match(said(result, 'direct'), /^reached/);
    assert.match(said(result, 'proxy-http'), /^reached: 200/);
    assert.ok(forbiddenConnections >= 2, `${forbiddenConnections} connection(s)`);
  });

  it('when a real playbook runs sandboxed, then msal and requests sign in and isolate through the proxy with the simulator\'s TLS', async () => {
    const result = await runPlaybook({ file: PLAYBOOK, incidentId: 41001, dryRun: false, env: connection, python: PYTHON });
    assert.equal(result.status, 'completed', result.stderrTail);
    assert.equal(result.egress?.enforced, true);
    assert.deepEqual(result.egress?.refused, []);
    assert.deepEqual(result.actions.map((a) => [a.action, a.status]), [['isolate', 'succeeded'], ['teamsMessage', 'succeeded']]);
    const calls = (await simCall(sim.info, 'GET', '/_sim/calls')).body as Array<{ action: string | null; path: string }>;
    const writes = calls.filter((c) => c.action).map((c) => `${c.action} ${c.path}`);
    assert.ok(writes.includes(`isolate /api/machines/${MACHINE}/isolate`), writes.join('\n'));
    assert.ok(calls.some((c) => c.path.includes('/oauth2/v2.0/token')), 'the token came from the simulator\'s Entra ID through the proxy');
  });

  it('when unshare cannot be found, then the playbook still runs, on the host\'s network, and the run says so', async () => {
    // The same interpreter under another path: the namespace check is made afresh for it.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-python-'));
    fs.chmodSync(dir, 0o755);
    const python = path.join(dir, 'python3');
    fs.symlinkSync(PYTHON, python);
    const savedPath = process.env.PATH;
    process.env.PATH = dir; // no unshare here
    try {
      assert.equal(networkNamespaceSupport(python).ok, false);
      assert.match(networkNamespaceSupport(python).note ?? '', /unshare could not be started/);
      const result = await runPlaybook({ source: escapeProbe(forbiddenPort, false), incidentId: 41001, dryRun: true, env: connection, python });
      assert.equal(result.status, 'completed', result.stderrTail);
      assert.equal(result.egress?.enforced, false);
      assert.match(result.egress?.note ?? '', /outbound traffic not restricted: unshare could not be started/);
      assert.match(said(result, 'simulator'), /^reached: \d{3}$/);
      assert.match(said(result, 'direct'), /^reached/);
    } finally {
      process.env.PATH = savedPath;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when a run fails on a refused host, then its reason names the host', async () => {
    const source = `
import requests
requests.get("https://127.0.0.1:${forbiddenPort}/", timeout=5)
`;
    const result = await runPlaybook({ source, incidentId: 41001, dryRun: true, env: connection, python: PYTHON });
    assert.equal(result.status, 'failed');
    assert.match(result.reason ?? '', new RegExp(`the sandbox refused connections to 127\\.0\\.0\\.1:${forbiddenPort}`));
    assert.equal(forbiddenConnections, 0);
  });
});
