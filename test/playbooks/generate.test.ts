import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function rampart(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/rampart.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('rampart generate (CLI)', function () {
  this.timeout(90_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-generate-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('when the request is actionable, then playbook.py, spec.json and review.json are written and the summary says what was understood', () => {
    const out = path.join(dir, 'pb');
    const r = rampart(['generate', 'Isolate the machine if a critical severity alert from Microsoft Defender for Endpoint involves a known malicious IOC, and post the details to a Teams channel.', '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    for (const f of ['playbook.py', 'spec.json', 'review.json']) assert.ok(fs.existsSync(path.join(out, f)), f);
    assert.match(r.stdout, /Understood:/);
    assert.match(r.stdout, /critical.*High/);
    assert.match(r.stdout, /Review: no blocking finding/);
    const spec = JSON.parse(fs.readFileSync(path.join(out, 'spec.json'), 'utf8')) as { specVersion: number; steps: Array<{ action: string }> };
    assert.equal(spec.specVersion, 2);
    assert.deepEqual(spec.steps.map((s) => s.action), ['isolate', 'teamsMessage']);
    const review = JSON.parse(fs.readFileSync(path.join(out, 'review.json'), 'utf8')) as { blocking: boolean };
    assert.equal(review.blocking, false);
  });

  it('when --json is given, then stdout is one JSON object with the plan, the spec and the review', () => {
    const r = rampart(['generate', 'Isolate the device and open a ServiceNow ticket', '--out', path.join(dir, 'pb2'), '--json']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 1);
    const body = JSON.parse(lines[0]) as { ok: boolean; notUnderstood: string[]; spec: { steps: unknown[] }; review: { blocking: boolean } };
    assert.equal(body.ok, true);
    assert.ok(body.notUnderstood.some((n) => n.includes('ServiceNow')));
    assert.equal(body.spec.steps.length, 1);
    assert.equal(body.review.blocking, false);
  });

  it('when the request is a pasted bullet list starting with "- ", then it is read as the request, before or after the options', () => {
    const request = '- on malware alerts\n- scan the box\n- post in teams';
    for (const args of [['generate', request, '--out', path.join(dir, 'list1')], ['generate', '--out', path.join(dir, 'list2'), '--json', request]]) {
      const r = rampart(args);
      assert.equal(r.status, 0, r.stderr);
      const out = args[args.indexOf('--out') + 1];
      const spec = JSON.parse(fs.readFileSync(path.join(out, 'spec.json'), 'utf8')) as { steps: Array<{ action: string }> };
      assert.deepEqual(spec.steps.map((s) => s.action), ['runAntiVirusScan', 'teamsMessage']);
    }
    // A real unknown option is still refused.
    assert.equal(rampart(['generate', 'scan the box', '--bogus', '--out', path.join(dir, 'list3')]).status, 64);
  });

  it('when nothing is actionable, then it exits 2, writes nothing and says what Rampart can automate', () => {
    const out = path.join(dir, 'refused');
    const r = rampart(['generate', 'Handle the bad stuff.', '--out', out]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /did not generate a playbook/);
    assert.match(r.stderr, /Rampart can automate/);
    assert.ok(!fs.existsSync(path.join(out, 'playbook.py')));
  });
});
