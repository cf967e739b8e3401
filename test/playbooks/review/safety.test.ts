import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generatePlaybook } from '../../../src/playbooks/codegen';
import { reviewPlaybook, type Review } from '../../../src/playbooks/review';
import { parseSpec } from '../../../src/playbooks/spec';

const PYTHON = '/usr/bin/python3';
const BIN = path.resolve(__dirname, '../../../bin/rampart.js');

/** The seed request's playbook: isolate when an IOC is malicious, then post to Teams. */
const SEED = generatePlaybook(
  parseSpec({
    specVersion: 2,
    name: 'Isolate on a malicious IOC',
    trigger: { kind: 'alert', severities: ['High'] },
    steps: [
      { action: 'isolate', target: { kind: 'alertDevices' }, when: { scope: 'alert', condition: { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 1 } } },
      { action: 'teamsMessage', target: { kind: 'channel' } },
    ],
  }),
  { request: 'Isolate the machine if a high alert involves a malicious file, and tell the channel.' },
);
const TRIGGER_LOOP = '    for alert in matched:\n        ctx.reasons[alert.get("alertId")] = reason\n';
const STEP_LOOP = '    for device in devices_of(alerts):\n';
const ISOLATE = 'machine_action(ctx, "isolate", "isolate", device, {"IsolationType": "Full"}, {"reason": "hand-added"})';

function edit(find: string, replace: string): string {
  assert.equal(SEED.split(find).length, 2, `the generated playbook contains ${JSON.stringify(find)} once`);
  return SEED.replace(find, replace);
}

function rules(review: Review): string[] {
  return review.findings.filter((f) => f.blocking).map((f) => f.rule);
}

function rampartReview(source: string): Promise<{ code: number; stdout: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-safety-'));
  const file = path.join(dir, 'playbook.py');
  fs.writeFileSync(file, source);
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'review', file], { env: { ...process.env, RAMPART_PYTHON: PYTHON } }, (err, stdout) => {
      fs.rmSync(dir, { recursive: true, force: true });
      resolve({ code: err ? Number(err.code) : 0, stdout });
    });
  });
}

describe('review: what a playbook does (pyflakes, destructive calls outside their step, unbounded write loops)', function () {
  this.timeout(60_000);

  it('when the generated playbook is reviewed as generated, then none of RAMP010, RAMP011, RAMP012 fires and pyflakes ran', async () => {
    const review = await reviewPlaybook(SEED, { python: PYTHON, skipBandit: true });
    assert.deepEqual(rules(review), []);
    assert.equal(review.tools.pyflakes, 'ok');
  });

  it('when an unconditional isolation is added at the top of run_playbook, then RAMP011 blocks it on that line', async () => {
    const source = edit(TRIGGER_LOOP, `${TRIGGER_LOOP}    device = devices_of(matched)[0]\n    ${ISOLATE}\n`);
    const review = await reviewPlaybook(source, { python: PYTHON, skipBandit: true });
    const line = source.split('\n').findIndex((l) => l.includes('hand-added')) + 1;
    assert.deepEqual(review.findings.filter((f) => f.rule === 'RAMP011').map((f) => [f.line, f.blocking]), [[line, true]]);
  });

  it('when a step loops over the trigger\'s alerts instead of those its condition selected, then RAMP011 fires', async () => {
    const review = await reviewPlaybook(edit(STEP_LOOP, '    for device in devices_of(matched):\n'), { python: PYTHON, skipBandit: true });
    assert.deepEqual(rules(review), ['RAMP011']);
  });

  it('when the isolation is wrapped in while True without a counter, then RAMP012 blocks it; with a counter that ends the loop, it does not', async () => {
    const endless = edit(STEP_LOOP, `${STEP_LOOP}        while True:\n            ${ISOLATE}\n`);
    assert.deepEqual(rules(await reviewPlaybook(endless, { python: PYTHON, skipBandit: true })), ['RAMP012']);
    const bounded = edit(STEP_LOOP, `${STEP_LOOP}        attempts = 0\n        while True:\n            attempts += 1\n            ${ISOLATE}\n            if attempts >= 2:\n                break\n`);
    assert.deepEqual(rules(await reviewPlaybook(bounded, { python: PYTHON, skipBandit: true })), []);
    const retryForever = edit(STEP_LOOP, `${STEP_LOOP}        while not ${ISOLATE}.get("status") == "succeeded":\n            pass\n`);
    assert.deepEqual(rules(await reviewPlaybook(retryForever, { python: PYTHON, skipBandit: true })), ['RAMP012']);
  });

  it('when a runtime function the playbook calls is deleted, then pyflakes reports the undefined name as blocking RAMP010', async () => {
    const start = SEED.indexOf('def post_to_teams(');
    const end = SEED.indexOf('\n\n\n', start);
    const review = await reviewPlaybook(SEED.slice(0, start) + SEED.slice(end + 3), { python: PYTHON, skipBandit: true });
    const finding = review.findings.find((f) => f.rule === 'RAMP010');
    assert.match(finding?.message ?? '', /undefined name 'post_to_teams'/);
    assert.equal(finding?.blocking, true);
    assert.equal(finding?.source, 'pyflakes');
  });

  it('when rampart review meets the unconditional isolation or the endless loop, then it exits 1 naming the rule', async () => {
    const unconditional = edit(TRIGGER_LOOP, `${TRIGGER_LOOP}    device = devices_of(matched)[0]\n    ${ISOLATE}\n`);
    const endless = edit(STEP_LOOP, `${STEP_LOOP}        while True:\n            ${ISOLATE}\n`);
    const first = await rampartReview(unconditional);
    assert.equal(first.code, 1);
    assert.match(first.stdout, /RAMP011/);
    const second = await rampartReview(endless);
    assert.equal(second.code, 1);
    assert.match(second.stdout, /RAMP012/);
    assert.equal((await rampartReview(SEED)).code, 0);
  });
});
