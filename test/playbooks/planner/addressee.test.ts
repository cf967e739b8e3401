import assert from 'node:assert/strict';
import { accepted, planner, step } from './helpers';

describe('offline planner: whose tenant an MSSP analyst says a rule is for', () => {
  it('when a request opens with "X tenant:", "customer X:" or "X again -", then those words narrow nothing and the card says who it is for', async () => {
    for (const request of ['adatum tenant: on high sev alerts isolate the device', 'customer Litware: on high sev alerts isolate the device', 'tailspin again - on high sev alerts isolate the device', 'proseware asked for this: on high sev alerts isolate the device']) {
      const plan = await accepted(request);
      assert.equal(step(plan, 'isolate').when, undefined, request);
      assert.deepEqual(plan.spec.trigger.severities, ['High'], request);
      assert.ok(plan.understood.some((u) => /who the playbook is for/.test(u.meaning)), JSON.stringify(plan.understood));
    }
  });

  it('when the opening names a part of the organisation ("payroll:", "finance wants this:"), then it is asked about, never dropped', async () => {
    for (const request of ['payroll: on high sev alerts isolate the device', 'finance wants this: on high sev alerts isolate the device', 'hr team tenant: on high sev alerts isolate the device']) {
      const plan = await planner.plan(request);
      assert.equal(plan.ok, false, request);
    }
  });

  it('when a bare name opens the request ("adatum: ..."), then it is still asked about: it may name the incidents', async () => {
    const plan = await planner.plan('adatum: on high sev alerts isolate the device');
    assert.equal(plan.ok, false);
    assert.ok(plan.notUnderstood.some((n) => n.includes('adatum')), JSON.stringify(plan.notUnderstood));
  });
  it('when the rule is said with whom it is for ("new one for adatum -", "iso rule for litware:", "pls set up for proseware:"), then the name narrows nothing', async () => {
    for (const request of ['new one for adatum - on high sev alerts isolate the device', 'iso rule for litware: on high sev alerts isolate the device', 'pls set up for proseware: on high sev alerts isolate the device', 'adatum asked for this one: on high sev alerts isolate the device']) {
      const plan = await accepted(request);
      assert.equal(step(plan, 'isolate').when, undefined, request);
    }
    // A part of the organisation, or a time, before the rule may narrow it: asked about.
    assert.equal((await planner.plan('new one for payroll - on high sev alerts isolate the device')).ok, false);
    assert.equal((await planner.plan('weekend thing for adatum: on high sev alerts isolate the device')).ok, false);
  });

  it('when "all tenants" is said, then it narrows nothing', async () => {
    const plan = await accepted('hash bands, all tenants: VT 8+ -> block the hash');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['createIndicator']);
    assert.deepEqual(step(plan, 'createIndicator').target, { kind: 'iocs', iocTypes: ['file'], minEngines: 8 });
  });
});

describe('offline planner: what went wrong before, told as why', () => {
  it('when a rule-out is followed by a past complaint or outage ("... yelled at us last week", "... took down prod last month"), then it is a reason and the steps are planned', async () => {
    const yelled = await accepted('on high sev alerts isolate the workstation. dont touch servers, the dba already yelled at us twice last week');
    assert.deepEqual(step(yelled, 'isolate').deviceFilter?.exclude?.kinds, ['server']);
    const outage = await accepted('on risky sign-ins revoke the sessions of the user, never disable svc- accounts. disabling svc-backup took down the backup jobs last month');
    assert.deepEqual(outage.spec.steps.map((s) => s.action), ['revokeSessions']);
  });

  it('when the past tense is itself the case ("if the user complained about a phish"), then it is not waved through as a reason', async () => {
    const plan = await planner.plan('reset the password if the user already complained about phishing last week');
    assert.equal(plan.ok, false);
  });

  it('when "the customer wont let us X" follows a step, then the other step is not ruled out by it and the step said stays', async () => {
    const plan = await accepted('on high sev alerts run a full scan on linux boxes, the client wont let us isolate them');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['runAntiVirusScan']);
    assert.equal(step(plan, 'runAntiVirusScan').params.scanType, 'Full');
  });

  it('when a verb is said bare before "and tell us" ("dont disable, just revoke and tell us in teams"), then it is the step said before with its object', async () => {
    const plan = await accepted('on risky sign-ins disable the account and revoke sessions. if its a service account (upn starts with svc-) dont disable, just revoke and tell us in teams');
    assert.equal(step(plan, 'disableUser').userFilter?.exclude?.namePatterns?.[0], 'svc-*');
    assert.ok(plan.spec.steps.filter((s) => s.action === 'revokeSessions').length >= 1);
    assert.ok(plan.spec.steps.some((s) => s.action === 'teamsMessage'));
  });
});

describe('offline planner: what an exception gets, said after it', () => {
  it('when "except X: for them just Y" follows a disable, then X is left out of the disable and gets Y (the disable had reached X, and Y went to everyone else)', async () => {
    for (const request of ['on high sev alerts disable the account, except members of the Board group: for them just email ciso@contoso.com', 'on high sev alerts disable the account, except members of the Board group, in that case just email ciso@contoso.com']) {
      const plan = await accepted(request);
      assert.deepEqual(step(plan, 'disableUser').userFilter, { notInGroups: ['Board'] }, request);
      assert.deepEqual(step(plan, 'sendMail').when?.condition, { kind: 'userInGroup', groups: ['Board'] }, request);
    }
  });

  it('when "except on servers - for those a full scan" follows an isolation, then servers get the scan and never the isolation', async () => {
    const plan = await accepted('on high sev alerts isolate the host except on servers - for those run a full scan');
    assert.deepEqual(step(plan, 'isolate').deviceFilter, { exclude: { kinds: ['server'] } });
    assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter, { include: { kinds: ['server'] } });
  });

  it('when a scope sentence ("scope: only alerts whose title contains X.") is followed by "for those, ...", then the steps run on those alerts only', async () => {
    const plan = await accepted('scope: only alerts whose title contains Rundll32. for those, collect an investigation package from the device. every other alert, leave it');
    assert.deepEqual(plan.spec.trigger.titleKeywords, ['rundll32']);
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['collectInvestigationPackage']);
  });

  it('when "every other alert, leave it" follows steps that nothing narrows, then it is asked about: there is no other side', async () => {
    const plan = await planner.plan('isolate the device. every other alert, leave it');
    assert.equal(plan.ok, false);
  });
});

describe('offline planner: chat around a request', () => {
  it('when the request is wrapped in chat ("can u build:", "sound good?", "oh and ..."), then the wrapping narrows nothing and the steps are planned', async () => {
    const plan = await accepted('can u build: on high sev alerts collect an investigation package from the device. sound good? oh and never act on anything tagged redteam');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['collectInvestigationPackage']);
    assert.deepEqual(step(plan, 'collectInvestigationPackage').when?.condition, { not: { kind: 'incidentTag', tags: ['redteam'] } });
  });

  it('when a step says what it is for ("so it is ready when the morning shift starts"), then that "when" is no case of the step', async () => {
    const plan = await accepted('on high sev incidents collect an investigation package from each device so it is ready when the morning shift starts');
    assert.equal(step(plan, 'collectInvestigationPackage').when, undefined);
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
  });

  it('when "otherwise:" heads a list of branches, then the branches after the first are asked about rather than run on the side the request left alone', async () => {
    const plan = await planner.plan('if the incident has an owner dont contain anything, just tag it owned. otherwise: high sev -> isolate the machines, low -> quick scan');
    assert.equal(plan.ok, false);
    assert.ok(plan.notUnderstood.some((n) => n.includes('after "otherwise:"')), JSON.stringify(plan.notUnderstood));
  });
});
