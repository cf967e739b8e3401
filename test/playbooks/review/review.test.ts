import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reviewPlaybook, type Review } from '../../../src/playbooks/review';

const FIXTURES = path.resolve(__dirname, '../../fixtures/playbooks');
const PYTHON = '/usr/bin/python3';

function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** Lines carrying a `# RAMPxxx` marker: where the bad sample expects that rule to fire. */
function markedLines(source: string, rule: string): number[] {
  return source
    .split('\n')
    .map((line, i) => (line.includes(`# ${rule}`) ? i + 1 : 0))
    .filter((n) => n > 0);
}

function linesOf(review: Review, rule: string): number[] {
  return [...new Set(review.findings.filter((f) => f.rule === rule).map((f) => f.line))].sort((a, b) => a - b);
}

describe('playbook review', () => {
  const rules: Array<[string, string, boolean]> = [
    ['bad/secrets.py', 'RAMP001', true],
    ['bad/hosts.py', 'RAMP002', true],
    ['bad/timeouts.py', 'RAMP003', false],
    ['bad/verify.py', 'RAMP004', true],
    ['bad/exec.py', 'RAMP005', true],
    ['bad/excepts.py', 'RAMP006', false],
    ['bad/writes.py', 'RAMP007', true],
    ['bad/syntax.py', 'RAMP000', true],
  ];

  for (const [file, rule, blocking] of rules) {
    it(`when ${file} is reviewed, then ${rule} is reported on exactly the marked lines (blocking: ${blocking})`, async () => {
      const source = fixture(file);
      const review = await reviewPlaybook(source, { python: PYTHON, skipBandit: true });
      assert.deepEqual(linesOf(review, rule), markedLines(source, rule));
      const found = review.findings.filter((f) => f.rule === rule);
      assert.ok(found.length > 0);
      for (const f of found) {
        assert.equal(f.blocking, blocking, `${rule} blocking`);
        assert.ok(f.fix.length > 0 && !f.fix.includes('\n'), 'a one-line fix');
        assert.ok(f.message.length > 0);
      }
      assert.equal(review.blocking, blocking || review.findings.some((f) => f.blocking));
    });
  }

  it('when the clean hand-written playbook is reviewed with bandit, then nothing is found and every tool ran', async () => {
    const review = await reviewPlaybook(fixture('clean_isolate.py'), { python: PYTHON });
    assert.deepEqual(review.findings, []);
    assert.equal(review.blocking, false);
    assert.deepEqual(review.tools, { pyCompile: 'ok', rules: 'ok', bandit: 'ok' });
  });

  it('when a clean playbook is reviewed, then none of the rules fire on its allowed hosts, env-read secrets and timeouts', async () => {
    const review = await reviewPlaybook(fixture('clean_isolate.py'), { python: PYTHON, skipBandit: true });
    assert.equal(review.findings.length, 0);
  });

  it('when the clean playbook is reviewed, then the permissions it needs are inferred from its API paths', async () => {
    const review = await reviewPlaybook(fixture('clean_isolate.py'), { python: PYTHON, skipBandit: true });
    assert.deepEqual(
      review.permissions.map((p) => p.name),
      ['Incident.Read.All', 'Machine.Isolate', 'VirusTotal API key (x-apikey)'],
    );
  });

  it('when code calls every supported API, then each Defender and Graph permission is listed with its API', async () => {
    const review = await reviewPlaybook(fixture('bad/permissions.py'), { python: PYTHON, skipBandit: true });
    const byName = Object.fromEntries(review.permissions.map((p) => [p.name, p.api]));
    assert.deepEqual(byName, {
      'Machine.Isolate': 'Defender',
      'Machine.Scan': 'Defender',
      'Machine.CollectForensics': 'Defender',
      'Machine.RestrictExecution': 'Defender',
      'Machine.StopAndQuarantine': 'Defender',
      'Ti.ReadWrite.All': 'Defender',
      'Incident.Read.All': 'Defender',
      'Incident.ReadWrite.All': 'Defender',
      'File.Read.All': 'Defender',
      'User.ReadWrite.All': 'Graph',
      'IdentityRiskyUser.ReadWrite.All': 'Graph',
      'Mail.Send': 'Graph',
    });
    assert.equal(review.blocking, false);
  });

  it('when an incident is only read, then Incident.ReadWrite.All is not asked for', async () => {
    const source = [
      'import requests',
      'def read(base, incident_id):',
      '    return requests.get(f"{base}/api/incidents/{incident_id}", timeout=10)',
      'def machines(base):',
      '    return requests.get(base + "/api/machines?$top=10", timeout=10)',
    ].join('\n');
    const review = await reviewPlaybook(source, { python: PYTHON, skipBandit: true });
    assert.deepEqual(review.permissions.map((p) => p.name).sort(), ['Incident.Read.All', 'Machine.Read.All']);
  });

  it('when the machine action comes from an argument, then its permission is still inferred', async () => {
    const source = [
      'import requests',
      'def machine_action(base, machine_id, path_action):',
      '    return requests.post(base + "/api/machines/%s/%s" % (machine_id, path_action), json={}, timeout=10)',
      'def respond(base, machine_id):',
      '    machine_action(base, machine_id, "runAntiVirusScan")',
      '    machine_action(base, machine_id, "isolate")',
      '    lookup = "%s/api/v3/%s/%s" % (base, "files", "abc")',
    ].join('\n');
    const review = await reviewPlaybook(source, { python: PYTHON, skipBandit: true });
    assert.deepEqual(review.permissions.map((p) => p.name), ['Machine.Isolate', 'Machine.Scan', 'VirusTotal API key (x-apikey)']);
  });

  it('when bandit finds something Rampart has no rule for, then its JSON result becomes a bandit finding', async () => {
    const source = ['import hashlib', 'import random', 'def pick(items):', '    return random.choice(items)', ''].join('\n');
    const review = await reviewPlaybook(source, { python: PYTHON });
    assert.equal(review.tools.bandit, 'ok');
    const b311 = review.findings.find((f) => f.rule === 'B311');
    assert.ok(b311, JSON.stringify(review.findings));
    assert.equal(b311.source, 'bandit');
    assert.equal(b311.line, 4);
    assert.equal(b311.severity, 'low');
    assert.equal(b311.blocking, false);
    assert.match(b311.message, /random/i);
  });

  it('when bandit and a Rampart rule flag the same line, then only the Rampart finding is kept', async () => {
    const review = await reviewPlaybook(fixture('bad/verify.py'), { python: PYTHON });
    assert.equal(review.tools.bandit, 'ok');
    assert.deepEqual(
      review.findings.map((f) => `${f.source}:${f.rule}:${f.line}`),
      ['rampart:RAMP004:6'],
    );
  });

  it('when bandit rates an issue high severity, then it blocks even behind a "# nosec" comment', async () => {
    const source = [
      'import ssl',
      'def wrap(sock):',
      '    return ssl.wrap_socket(sock, ssl_version=ssl.PROTOCOL_SSLv2)  # nosec',
      '',
    ].join('\n');
    const review = await reviewPlaybook(source, { python: PYTHON });
    const b502 = review.findings.find((f) => f.rule === 'B502');
    assert.ok(b502, JSON.stringify(review.findings));
    assert.equal(b502.severity, 'high');
    assert.equal(b502.blocking, true);
    assert.equal(review.blocking, true);
  });

  it('when an extra host is allowed, then URLs on it pass and others still block', async () => {
    const source = 'import requests\nA = "https://siem.contoso.com/api"\nB = "https://evil.example.org/x"\n';
    const review = await reviewPlaybook(source, { python: PYTHON, skipBandit: true, allowedHosts: ['*.contoso.com'] });
    assert.deepEqual(linesOf(review, 'RAMP002'), [3]);
  });

  it('when the interpreter does not exist, then the review blocks and says why', async () => {
    const review = await reviewPlaybook('print(1)\n', { python: '/nonexistent/python3' });
    assert.equal(review.blocking, true);
    assert.equal(review.findings[0].rule, 'RAMP009');
    assert.match(review.findings[0].message, /nonexistent/);
    assert.equal(review.tools.bandit, 'unavailable');
  });
});

describe('rampart review', () => {
  const bin = path.resolve(__dirname, '../../../bin/rampart.js');

  function rampartReview(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, [bin, 'review', ...args], { env: { ...process.env, RAMPART_PYTHON: PYTHON } }, (err, stdout, stderr) => {
        resolve({ code: err ? Number(err.code) : 0, stdout, stderr });
      });
    });
  }

  it('when the file has no blocking finding, then it exits 0 and lists the permissions', async () => {
    const { code, stdout } = await rampartReview(path.join(FIXTURES, 'clean_isolate.py'));
    assert.equal(code, 0, stdout);
    assert.match(stdout, /no blocking finding/);
    assert.match(stdout, /Machine\.Isolate/);
  });

  it('when a finding is blocking, then it exits 1 and shows the rule, line and fix', async () => {
    const { code, stdout } = await rampartReview(path.join(FIXTURES, 'bad/verify.py'));
    assert.equal(code, 1);
    assert.match(stdout, /BLOCKED/);
    assert.match(stdout, /line 6\s+RAMP004/);
    assert.match(stdout, /fix: remove verify=False/);
  });

  it('when only non-blocking findings exist, then it exits 0', async () => {
    const { code, stdout } = await rampartReview(path.join(FIXTURES, 'bad/timeouts.py'));
    assert.equal(code, 0, stdout);
    assert.match(stdout, /RAMP003/);
  });

  it('when --json is given, then stdout is one JSON review', async () => {
    const { code, stdout } = await rampartReview(path.join(FIXTURES, 'bad/exec.py'), '--json');
    assert.equal(code, 1);
    const parsed = JSON.parse(stdout) as Review;
    assert.equal(parsed.blocking, true);
    assert.equal(parsed.findings.filter((f) => f.rule === 'RAMP005').length, 7);
  });

  it('when the file cannot be read, then it exits 2 with a message', async () => {
    const missing = path.join(os.tmpdir(), `rampart-missing-${process.pid}.py`);
    const { code, stderr } = await rampartReview(missing);
    assert.equal(code, 2);
    assert.match(stderr, /cannot read/);
  });
});
