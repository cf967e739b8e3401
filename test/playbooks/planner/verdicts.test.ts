import assert from 'node:assert/strict';
import { describeCondition } from '../../../src/playbooks/spec';
import { accepted, planner, step, knownClean } from './helpers';

describe('offline planner: a clean verdict needs a verdict', () => {
  it('when a close is gated on "clean on VirusTotal", then an IOC VirusTotal has never seen does not count as clean', async () => {
    const plan = await accepted('if virustotal calls every url clean, resolve the incident as benign');
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, knownClean(['url']));
  });

  it('when the count of none is a number ("0 engines on VT"), then the same record is needed', async () => {
    const plan = await accepted('dismiss the risky user when the sign-in ip scores 0 engines on VT');
    assert.deepEqual(step(plan, 'dismissRiskyUser').when?.condition, knownClean(['ip']));
  });

  it('when the request counts the unknown with the clean ("0 or never seen by VT"), then unknown IOCs are on that side, as said', async () => {
    for (const request of ['check hashes on VT. 8+ -> block. 0 or VT has never seen it -> just comment', 'check hashes on VT. 8+ -> block. if the hash is clean or unknown on VT -> just comment']) {
      const plan = await accepted(request);
      const comment = plan.spec.steps.find((s) => s.action === 'updateIncident');
      assert.deepEqual(comment?.when?.condition, { not: { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 1 } }, request);
    }
  });

  it('when a block is said "unless VT says it is clean", then what is blocked is still only what VirusTotal flags (an unknown domain is not blocked)', async () => {
    const plan = await accepted('block the domain unless virustotal reports it clean');
    const block = step(plan, 'createIndicator');
    assert.equal(JSON.stringify(block).includes('unknownIoc'), false, JSON.stringify(block));
  });

  it('when the card describes a clean verdict, then it says that an IOC VirusTotal has never seen is not clean', () => {
    const words = describeCondition(knownClean(['file']));
    assert.match(words, /no file is malicious on VirusTotal/);
    assert.match(words, /VirusTotal has a record of every file \(one it has never seen is not clean\)/);
  });
});

describe('offline planner: alerts named by the antivirus that raised them', () => {
  it('when a request says "AV detections" or "antivirus alerts", then the step runs only on alerts Defender Antivirus raised', async () => {
    for (const request of ['AV detections on high sev -> isolate the device', 'isolate the machine on antivirus alerts of high severity', 'for medium sev stuff found by defender antivirus, run a full scan on the box']) {
      const plan = await accepted(request);
      const acting = plan.spec.steps[0];
      assert.deepEqual(acting.when?.condition, { kind: 'detectionSource', sources: ['WindowsDefenderAv', 'antivirus'] }, request);
    }
  });

  it('when "5 AV detections" counts engines, then it is no detection source', async () => {
    const plan = await planner.plan('block the hash if it has 5 AV detections on virustotal');
    assert.ok(plan.ok, JSON.stringify(plan));
    assert.equal(JSON.stringify(plan.spec).includes('detectionSource"'), false, JSON.stringify(plan.spec));
  });

  it('when "antivirus" is said in a way Rampart does not read, then the isolation is held back and the word is quoted; an "AV scan" is just the scan', async () => {
    const unread = await planner.plan('if defender av flags it on a high sev, isolate the box');
    assert.equal(unread.ok, false);
    assert.ok(unread.notUnderstood.some((n) => /antivirus/i.test(n)), JSON.stringify(unread.notUnderstood));
    const scan = await accepted('on high sev alerts run an av scan on the device and isolate it');
    assert.deepEqual(scan.spec.steps.map((s) => s.action).sort(), ['isolate', 'runAntiVirusScan']);
  });
});
