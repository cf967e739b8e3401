import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { normalizeRequest } from '../../../src/playbooks/planner/normalize';
import type { Step } from '../../../src/playbooks/spec';
import { accepted, planner, step } from './helpers';

const of = (steps: Step[], action: Step['action']): Step[] => steps.filter((s) => s.action === action);

describe('offline planner: the devices an opening names reach every branch; a story told in the past; how an ask is put', () => {
  describe('branches under an opening that names devices', () => {
    it('when "for alerts on workstations: if High isolate, if Medium restrict", then the restriction is held to workstations too', async () => {
      const plan = await accepted('for alerts on workstations: if High isolate it, if Medium restrict app execution on it');
      for (const s of [step(plan, 'isolate'), step(plan, 'restrictCodeExecution')]) assert.deepEqual(s.deviceFilter?.include, { kinds: ['workstation'] }, JSON.stringify(s));
    });

    it('when the opening is an event ("when an alert fires on a workstation and it is High ..., and if it is Medium ..."), then so is the second branch', async () => {
      const plan = await accepted('when an alert fires on a workstation and it is High severity isolate it, and if it is Medium then restrict app execution on it');
      assert.deepEqual(step(plan, 'restrictCodeExecution').deviceFilter?.include, { kinds: ['workstation'] });
      assert.deepEqual(step(plan, 'restrictCodeExecution').when?.condition, { kind: 'severity', severities: ['Medium'] });
    });

    it('when a branch names devices of its own ("if it is a server"), then it keeps them and gets none of the opening\'s', async () => {
      const plan = await accepted('for alerts on workstations: if High isolate it, if it is a server restrict app execution on it');
      assert.deepEqual(step(plan, 'restrictCodeExecution').deviceFilter?.include, { kinds: ['server'] });
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.include, { kinds: ['workstation'] });
    });
  });

  describe('a story told in the past', () => {
    it('when "last year we blocked an internet address ..., so no addresses" sits among the steps, then it is background and blocks nothing', async () => {
      const n = normalizeRequest('block the file hash if VirusTotal flags it. last year we blocked an internet address and it broke card payments, so be careful.');
      assert.ok(n.background?.some((b) => /last year we blocked an internet address/.test(b)), JSON.stringify(n));
      assert.ok(!/internet address/.test(n.text), n.text);
      const plan = await planner.plan('block the file hash if VirusTotal flags it. last year we blocked an internet address and it broke card payments for a day.');
      if (plan.ok) for (const s of of(plan.spec.steps, 'createIndicator')) assert.ok(!(s.target.kind === 'iocs' && s.target.iocTypes?.includes('ip')), JSON.stringify(s));
    });

    it('when a sentence opens on a time gone by but tells nothing that happened ("last week: isolate the device"), then it is read as usual', () => {
      const n = normalizeRequest('Last week\'s rule still holds. Last time, isolate the device on high alerts.');
      assert.equal(n.background, undefined, JSON.stringify(n.background));
      assert.match(n.text, /isolate the device on high alerts/i);
    });
  });

  describe('how the ask is put', () => {
    it('when who asks comes first ("im the only IT person ..., but could you set it up so when ..."), then it is background and the request is read', async () => {
      const req = 'im the only IT person here and security really isnt my thing, but could you set it up so when Defender flags a workstation and its marked High it runs the full virus check on it';
      const n = normalizeRequest(req);
      assert.ok(n.background?.some((b) => /only IT person/.test(b)), JSON.stringify(n.background));
      const plan = await accepted(req);
      const s = step(plan, 'runAntiVirusScan');
      assert.equal(s.params.scanType, 'Full');
      assert.deepEqual(s.when?.condition ?? { kind: 'severity', severities: plan.spec.trigger.severities }, { kind: 'severity', severities: ['High'] });
      assert.deepEqual(s.deviceFilter?.include, { kinds: ['workstation'] });
    });

    it('when what comes first narrows ("only for the finance team, but could you set it up so ..."), then it is not set aside', () => {
      const n = normalizeRequest('only for the finance team, but could you set it up so when Defender flags a workstation it runs the full virus check on it');
      assert.ok(!n.background, JSON.stringify(n.background));
    });

    it('when "a laptop" names the alert\'s device, then it is a workstation, and the card says so', async () => {
      const n = normalizeRequest('when there is a malware alert on a laptop, run a full antivirus scan on it');
      assert.match(n.text, /on a workstation/);
      assert.ok(n.corrections.some((c) => /laptop/.test(c.from) && c.to === 'a workstation'));
      assert.ok(isQuestion(await planner.plan('isolate laptops on high alerts')), '"laptops" as a limit of its own is still asked about');
    });

    it('when "if its only Medium then just the quick virus check is fine, anything lower than that leave it alone", then Medium gets a quick scan and lower gets nothing', async () => {
      const plan = await accepted('when Defender flags a workstation and its High severity run the full antivirus scan on it, and if its only Medium then just the quick virus check is fine, and anything lower than that just leave it alone');
      const scans = of(plan.spec.steps, 'runAntiVirusScan');
      assert.deepEqual(scans.map((s) => [s.params.scanType, s.when?.condition]), [['Full', { kind: 'severity', severities: ['High'] }], ['Quick', { kind: 'severity', severities: ['Medium'] }]]);
    });

    it('when the reason names a phone call ("because the managers call me"), then the request is not refused as unsupported', async () => {
      const plan = await planner.plan('on high alerts run a full antivirus scan on the device, and anything lower than that just leave it alone because the managers call me complaining');
      assert.ok(plan.ok, JSON.stringify(plan));
      assert.ok(!JSON.stringify(plan).includes('SMS and phone calls'), JSON.stringify(plan));
    });

    it('when "VT agrees the file is bad", then VirusTotal flags the file, with the words kept apart', () => {
      assert.match(normalizeRequest('block the file only if virustotal agrees the file is bad').text, /virustotal flags the file$/i);
    });

    it('when "ONLY the file please." follows a block, then only file hashes are blocked', async () => {
      const plan = await accepted('when there is a bad file on a device, block it if VirusTotal flags it. ONLY the file please.');
      for (const s of of(plan.spec.steps, 'createIndicator')) assert.deepEqual(s.target.kind === 'iocs' ? s.target.iocTypes : s.target.kind, ['file'], JSON.stringify(s));
    });
  });
});

describe('offline planner: an exception for a group with steps of its own; a lead briefing "you"; severities said in passing', () => {
  const userSteps = (steps: Step[]): Step[] => steps.filter((s) => s.action === 'confirmCompromised' || s.action === 'revokeSessions');

  it('when "X and Y. but if they\'re in G, just drop a comment", then X and Y spare G and the comment is for G', async () => {
    const plan = await accepted('on risky sign-ins confirm the user compromised and revoke their sessions. but if they\'re in SOC-Analysts, just drop a comment on the incident.');
    for (const s of userSteps(plan.spec.steps)) assert.deepEqual(s.userFilter, { notInGroups: ['SOC-Analysts'] }, JSON.stringify(s));
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'userInGroup', groups: ['SOC-Analysts'] });
  });

  it('when the exception ends with "instead", then no step acts on the group alone and every destructive step spares it', async () => {
    const plan = await accepted('on risky sign-ins confirm the user compromised and revoke their sessions, but if they\'re in the SOC-Analysts group, just drop a comment on the incident instead.');
    assert.equal(userSteps(plan.spec.steps).length, 2);
    for (const s of userSteps(plan.spec.steps)) assert.deepEqual(s.userFilter, { notInGroups: ['SOC-Analysts'] }, JSON.stringify(s));
  });

  it('when a lead says the steps to "you" ("-> you isolate the box ... and you tag the incident"), then they are the steps', async () => {
    const plan = await accepted('high sev incident out of MDE where the alert category is CredentialAccess -> you isolate the box, full isolation not selective, and you tag the incident cred-theft');
    assert.equal(step(plan, 'isolate').params.isolationType, 'Full');
    assert.deepEqual(step(plan, 'updateIncident').params.incident?.addTags, ['cred-theft']);
  });

  it('when "you" is the reader\'s own judgement ("ping me if you think it needs it"), then it stays a condition Rampart cannot read', () => {
    assert.match(normalizeRequest('ping me if you think it needs it').text, /if you think/);
  });

  it('when "don\'t bother with anything under high", then the lower severities are left out', async () => {
    const s = step(await accepted('isolate the device on alerts. don\'t bother with anything under high, that\'s mostly the pentesters poking around'), 'isolate');
    assert.deepEqual(s.when?.condition, { not: { kind: 'severity', severities: ['Informational', 'Low', 'Medium'] } });
  });

  it('when "this is High only" is said after the steps, then the playbook is for High incidents only', async () => {
    const plan = await accepted('isolate the device on alerts. this is High only');
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
  });

  it('when slang names a step ("yeet the box off the net", "kill all their sessions", "burn the hash", "lock that persons account"), then it is that step', async () => {
    assert.equal(step(await accepted('on high alerts yeet the box off the net'), 'isolate').action, 'isolate');
    assert.equal(step(await accepted('on risky sign-in alerts kill all their sessions'), 'revokeSessions').action, 'revokeSessions');
    assert.deepEqual(step(await accepted('on ransomware alerts burn the hash'), 'createIndicator').target, { kind: 'iocs', iocTypes: ['file'], minEngines: null });
    assert.equal(step(await accepted('on risky sign-in alerts lock that persons account'), 'disableUser').action, 'disableUser');
    assert.equal(step(await accepted('on risky sign-in alerts make them pick a new password next time they log in'), 'resetPassword').action, 'resetPassword');
    assert.equal(step(await accepted('on high alerts give the server team a shout in the channel'), 'teamsMessage').action, 'teamsMessage');
  });

  it('when "lock down" is said of the apps, then it stays an app restriction, never a disable', async () => {
    const plan = await accepted('on high alerts, lock down the apps on the device');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['restrictCodeExecution']);
  });

  it('when "exception - if they\'re in G" follows the steps, then it is an exception to them', async () => {
    const plan = await accepted('on risky sign-ins revoke their sessions. exception - if they\'re in the SOC-Analysts group just drop a comment on the incident');
    assert.deepEqual(step(plan, 'revokeSessions').userFilter, { notInGroups: ['SOC-Analysts'] });
  });
});
