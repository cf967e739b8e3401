import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseEventLine, runPlaybook, type PlaybookEvent, type RunResult } from '../../../src/playbooks/runner';

const FIXTURES = path.resolve(__dirname, '../../fixtures/playbooks/runner');
const PYTHON = '/usr/bin/python3';
const CONNECTION = {
  tenantId: 'tenant-1',
  clientId: 'client-1',
  clientSecret: 'client-secret-value',
  defenderApiBase: 'https://api.security.microsoft.com',
  vtApiKey: 'vt-key',
};

/** Running (a killed process left as a zombie for an absent reaper does not count). */
function processAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

interface Probe {
  incidentId: string;
  dryRun: boolean;
  mock: unknown;
  env: Record<string, string>;
  cwd: string;
  files: string[];
}

function probeOf(result: RunResult): Probe {
  const step = result.events.find((e) => e.event === 'step');
  assert.ok(step && step.event === 'step', `no probe step in ${JSON.stringify(result)}`);
  return JSON.parse(step.message) as Probe;
}

describe('playbook runner', () => {
  it('when a playbook sleeps past the time limit, then it and its children are killed and the run is timed-out', async () => {
    const result = await runPlaybook({
      file: path.join(FIXTURES, 'sleeper.py'),
      incidentId: 1,
      dryRun: false,
      env: CONNECTION,
      python: PYTHON,
      timeoutMs: 1500,
    });
    assert.equal(result.status, 'timed-out');
    assert.equal(result.exitCode, null);
    assert.match(result.reason ?? '', /longer than/);
    assert.equal(result.events[0]?.event, 'step', 'events before the kill are kept');
  });

  it('when a playbook leaves a child behind, then the whole process group is gone after the run', async () => {
    const pids: number[] = [];
    const source = [
      'import json, os, time',
      'pid = os.fork()',
      'if pid == 0:',
      '    time.sleep(300)',
      '    os._exit(0)',
      'print(json.dumps({"event": "step", "step": "child", "message": str(pid)}), flush=True)',
      'time.sleep(300)',
    ].join('\n');
    await runPlaybook({
      source,
      incidentId: 1,
      dryRun: false,
      env: CONNECTION,
      python: PYTHON,
      timeoutMs: 1500,
      onEvent: (e) => {
        if (e.event === 'step') pids.push(Number(e.message));
      },
    });
    assert.equal(pids.length, 1);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(processAlive(pids[0]), false, 'the forked child was killed with its group');
  });

  it('when a playbook floods stdout, then output is cut at the limit, the process killed and the run marked truncated', async () => {
    let seen = 0;
    const result = await runPlaybook({
      file: path.join(FIXTURES, 'flood.py'),
      incidentId: 1,
      dryRun: false,
      env: CONNECTION,
      python: PYTHON,
      maxOutputBytes: 256 * 1024,
      timeoutMs: 30_000,
      onEvent: () => seen++,
    });
    assert.equal(result.status, 'killed');
    assert.equal(result.truncated, true);
    assert.match(result.reason ?? '', /more than 262144 bytes to stdout/);
    const kept = result.events.length * 240;
    assert.ok(kept <= 256 * 1024, `kept about ${kept} bytes`);
    assert.ok(result.events.length > 100, 'events before the limit are kept');
    assert.equal(seen, result.events.length);
  });

  it('when the parent holds other secrets, then the playbook sees only its own settings plus PATH/HOME/LANG', async () => {
    process.env.RAMPART_TEST_SECRET = 'do-not-leak-me';
    process.env.BOT_PASSWORD = 'bot-password-do-not-leak';
    try {
      const result = await runPlaybook({
        file: path.join(FIXTURES, 'env_probe.py'),
        incidentId: 41001,
        dryRun: false,
        env: { ...CONNECTION, caFile: '/tmp/simulator-ca.pem' },
        python: PYTHON,
      });
      assert.equal(result.status, 'completed', result.stderrTail);
      const { env } = probeOf(result);
      assert.equal(env.RAMPART_TEST_SECRET, undefined);
      assert.equal(env.BOT_PASSWORD, undefined);
      assert.ok(!JSON.stringify(env).includes('do-not-leak'));
      assert.equal(env.CLIENT_SECRET, 'client-secret-value');
      assert.equal(env.TENANT_ID, 'tenant-1');
      assert.equal(env.VT_API_KEY, 'vt-key');
      assert.equal(env.REQUESTS_CA_BUNDLE, '/tmp/simulator-ca.pem');
      const allowed = new Set([
        'PATH', 'HOME', 'LANG', 'PYTHONUNBUFFERED', 'PYTHONDONTWRITEBYTECODE', 'PYTHONIOENCODING',
        'TENANT_ID', 'CLIENT_ID', 'CLIENT_SECRET', 'DEFENDER_API_BASE', 'VT_API_KEY',
        'REQUESTS_CA_BUNDLE', 'SSL_CERT_FILE', 'LC_CTYPE',
      ]);
      if (result.egress?.enforced) {
        // In its own network namespace the playbook's only way out is Rampart's proxy on that namespace's loopback.
        for (const name of ['HTTPS_PROXY', 'HTTP_PROXY', 'https_proxy', 'http_proxy']) {
          assert.equal(env[name], 'http://127.0.0.1:3128');
          allowed.add(name);
        }
      }
      assert.deepEqual(Object.keys(env).filter((k) => !allowed.has(k)), []);
    } finally {
      delete process.env.RAMPART_TEST_SECRET;
      delete process.env.BOT_PASSWORD;
    }
  });

  it('when no CA file is given, then REQUESTS_CA_BUNDLE points at the system bundle', async () => {
    const result = await runPlaybook({ file: path.join(FIXTURES, 'env_probe.py'), incidentId: 1, dryRun: false, env: CONNECTION, python: PYTHON });
    const bundle = probeOf(result).env.REQUESTS_CA_BUNDLE;
    assert.ok(bundle && fs.existsSync(bundle), `bundle ${bundle}`);
  });

  it('when a playbook runs, then it works in a fresh private directory that is removed afterwards', async () => {
    const result = await runPlaybook({
      file: path.join(FIXTURES, 'env_probe.py'),
      incidentId: 7,
      mockData: { incidentId: 7, alerts: [] },
      dryRun: false,
      env: CONNECTION,
      python: PYTHON,
    });
    const probe = probeOf(result);
    assert.notEqual(probe.cwd, process.cwd());
    assert.deepEqual(probe.files, ['mock_incident.json', 'playbook.py']);
    assert.deepEqual(probe.mock, { incidentId: 7, alerts: [] });
    assert.equal(fs.existsSync(probe.cwd), false, 'the working directory was removed');
  });

  it('when dry-run and deferred actions are asked for, then --dry-run and RAMPART_DEFER_ACTIONS reach the playbook', async () => {
    const result = await runPlaybook({
      file: path.join(FIXTURES, 'env_probe.py'),
      incidentId: 41001,
      dryRun: true,
      deferActions: ['isolate', 'disableUser'],
      env: CONNECTION,
      python: PYTHON,
    });
    const probe = probeOf(result);
    assert.equal(probe.dryRun, true);
    assert.equal(probe.incidentId, '41001');
    assert.equal(probe.env.RAMPART_DEFER_ACTIONS, 'isolate,disableUser');
    assert.deepEqual(result.actions.map((a) => [a.action, a.status, a.request?.path]), [
      ['isolate', 'deferred', '/api/machines/m1/isolate'],
      ['disableUser', 'deferred', '/api/machines/m1/disableUser'],
    ]);
    const live = await runPlaybook({ file: path.join(FIXTURES, 'env_probe.py'), incidentId: 1, dryRun: false, env: CONNECTION, python: PYTHON });
    assert.equal(probeOf(live).dryRun, false);
    assert.equal(probeOf(live).env.RAMPART_DEFER_ACTIONS, undefined);
  });

  it('when stdout mixes events and garbage, then events are typed, garbage kept as log lines, and the exit code reported', async () => {
    const streamed: PlaybookEvent[] = [];
    const result = await runPlaybook({
      file: path.join(FIXTURES, 'garbage.py'),
      incidentId: 41001,
      dryRun: false,
      env: CONNECTION,
      python: PYTHON,
      onEvent: (e) => streamed.push(e),
    });
    assert.equal(result.status, 'failed');
    assert.equal(result.exitCode, 3);
    assert.deepEqual(result.events.map((e) => e.event), ['step', 'log', 'condition', 'log', 'action', 'log', 'log', 'log', 'done', 'log']);
    assert.deepEqual(result.conditions, [{ event: 'condition', name: 'malicious file', result: true, reason: '45/70 engines' }]);
    assert.equal(result.actions.length, 1);
    assert.equal(result.actions[0].error, '400 ActiveRequestAlreadyExists');
    assert.equal(result.done?.summary, 'isolation failed');
    assert.equal(result.events.at(-1)?.event === 'log' && result.events.at(-1), result.events[9]);
    assert.deepEqual(result.events[9], { event: 'log', stream: 'stdout', line: 'trailing text without newline' });
    assert.match(result.stderrTail, /RuntimeError: isolation failed/);
    assert.match(result.reason ?? '', /exited with code 3: RuntimeError: isolation failed/);
    assert.ok(streamed.some((e) => e.event === 'log' && e.stream === 'stderr'), 'stderr lines are streamed');
    assert.equal(streamed.filter((e) => e.event !== 'log' || e.stream === 'stdout').length, result.events.length);
  });

  it('when a run is cancelled, then the process is killed and the run marked killed', async () => {
    const controller = new AbortController();
    const pending = runPlaybook({
      file: path.join(FIXTURES, 'sleeper.py'),
      incidentId: 1,
      dryRun: false,
      env: CONNECTION,
      python: PYTHON,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.event === 'step') controller.abort();
      },
    });
    const result = await pending;
    assert.equal(result.status, 'killed');
    assert.match(result.reason ?? '', /cancelled/);
  });

  it('when the interpreter lacks msal, then the run fails with the fix in plain words', async () => {
    const result = await runPlaybook({ source: 'print(1)\n', incidentId: 1, dryRun: false, env: CONNECTION, python: '/nonexistent/python3' });
    assert.equal(result.status, 'failed');
    assert.match(result.reason ?? '', /apt-get install -y python3-msal python3-requests/);
  });
});

describe('playbook event parsing', () => {
  it('when a line is a valid event, then it is typed with defaults filled', () => {
    assert.deepEqual(parseEventLine('{"event":"done","status":"completed","actions":0,"summary":"nothing to do"}'), {
      event: 'done',
      status: 'completed',
      actions: 0,
      summary: 'nothing to do',
    });
    const action = parseEventLine('{"event":"action","action":"teamsMessage","status":"dry-run","dryRun":true}\r');
    assert.equal(action.event, 'action');
    assert.deepEqual(action.event === 'action' && [action.target, action.destructive, action.dryRun], [{}, false, true]);
  });

  it('when a line is not a valid event, then it becomes a log line with its text intact', () => {
    for (const line of ['hello', '{"event":"action","status":"nope"}', '{"event":"condition","name":"x"}', '{broken', '42', '']) {
      assert.deepEqual(parseEventLine(line), { event: 'log', stream: 'stdout', line });
    }
  });
});
