import assert from 'node:assert/strict';
import { accepted, planner, step, knownClean } from './helpers';

describe('offline planner: a reason given for a step left out', () => {
  it('when "the X team needs ..." follows "do not isolate", then the reason narrows nothing and the other steps run', async () => {
    const plan = await accepted('on malware alerts scan the device and grab the package. Do not isolate! the payroll team needs the network to close the month.');
    assert.deepEqual(plan.spec.steps.map((s) => s.action).sort(), ['collectInvestigationPackage', 'runAntiVirusScan']);
    assert.ok(plan.notUnderstood.some((n) => /payroll/.test(n) && /reason/.test(n)), JSON.stringify(plan.notUnderstood));
  });

  it('when "its flaky on ..." follows a rule-out, then those words are a reason, and the step said "instead" keeps the case', async () => {
    const plan = await accepted('linux boxes: dont isolate, its buggy on our linux estate; run a full scan instead. windows boxes: isolate them.');
    assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter, { include: { osPlatforms: ['Linux'] } });
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { osPlatforms: ['Linux'] });
  });

  it('when an anecdote follows a rule-out ("the client got burned ..."), then the steps asked for are planned', async () => {
    const plan = await accepted('for risky sign-ins revoke the sessions. never disable the user, the client got burned by that in spring.');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['revokeSessions']);
  });

  it('when "no point" closes a rule-out, then it is a reason, not a case', async () => {
    const plan = await accepted('on phishing alerts reset the pw. dont revoke sessions, no point');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['resetPassword']);
  });

  it('when a narrowing word comes after the reason ("because ..., unless ..."), then its words are asked about, not waved through', async () => {
    const plan = await planner.plan('isolate the device on high sev alerts, because it is urgent unless the box belongs to payroll');
    assert.equal(plan.ok, false);
    assert.ok(!plan.ok && 'question' in plan && /payroll/.test(String(plan.question)), JSON.stringify(plan));
  });

  it('when the same narrowing comes without a reason before it, then it is asked about the same way', async () => {
    const plan = await planner.plan('isolate the device on high sev alerts unless the box belongs to payroll');
    assert.equal(plan.ok, false);
  });

  it('when a subject with more words excludes a group ("the finance users are ..."), then it is not taken for a reason', async () => {
    const plan = await planner.plan('reset the pw of the user on phishing alerts, the finance users are off limits');
    assert.ok(!plan.ok || plan.spec.steps.every((s) => s.action !== 'resetPassword' || s.userFilter !== undefined || s.when !== undefined), JSON.stringify(plan));
  });
});

describe('offline planner: an action said as a noun after a verb that only carries it', () => {
  it('when "perform the restriction of app execution on the host" is asked, then that is the restriction step', async () => {
    const plan = await accepted('on ransomware alerts, perform the restriction of app execution on the host');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['restrictCodeExecution']);
  });

  it('when "you make the isolate of the box" is asked on a condition, then the isolation keeps the condition', async () => {
    const plan = await accepted('when the alert is high severity you make the isolate of the box, and do the reset of the password for the user');
    assert.deepEqual(plan.spec.steps.map((s) => s.action).sort(), ['isolate', 'resetPassword']);
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
  });

  it('when "a scan of" or "the reset of" has no carrying verb, then the words are not rewritten', async () => {
    const plan = await planner.plan('on high alerts the reset of the password happens by hand, isolate the box');
    assert.ok(!plan.ok || plan.spec.steps.every((s) => s.action !== 'resetPassword'), JSON.stringify(plan));
  });
});

describe('offline planner: a step ruled out on a severity, without a noun of cases', () => {
  it('when "dont email on medium" follows steps for high and medium, then only the mail skips medium', async () => {
    const plan = await accepted('on high and medium incidents drop a note in teams and email ir@contoso.com. dont email on medium');
    assert.deepEqual(step(plan, 'sendMail').when?.condition, { not: { kind: 'severity', severities: ['Medium'] } });
    assert.equal(step(plan, 'teamsMessage').when, undefined);
  });

  it('when "but dont isolate on low sev" follows the isolation, then the isolation skips low alerts', async () => {
    const plan = await accepted('isolate the box on trojan alerts but dont isolate on low sev');
    assert.deepEqual(step(plan, 'isolate').when?.condition, { not: { kind: 'severity', severities: ['Low'] } });
  });

  it('when the verb names no step ("dont bother on low"), then the levels are not applied to every step', async () => {
    const plan = await planner.plan('isolate the box on trojan alerts. dont bother on low');
    assert.ok(!plan.ok || plan.spec.steps.every((s) => !JSON.stringify(s.when ?? {}).includes('"not"')), JSON.stringify(plan));
  });
});

describe('offline planner: an exception of users said after a run of steps', () => {
  it('when "not service accounts (svc-*)" follows "disable + revoke", then neither step touches those accounts', async () => {
    const plan = await accepted('sev high incidents: lock the acct + kill sessions for the users on it. not service accts (svc-*), skip those.');
    for (const s of plan.spec.steps.filter((x) => x.action === 'disableUser' || x.action === 'revokeSessions')) {
      assert.deepEqual(s.userFilter, { exclude: { namePatterns: ['svc-*'] } }, JSON.stringify(s));
    }
    assert.equal(plan.spec.steps.filter((x) => x.action === 'disableUser' || x.action === 'revokeSessions').length, 2);
  });
});

describe('offline planner: a count of none on VirusTotal', () => {
  it('when "clean in VT (0 malicious)" gates the step, then it runs on the clean side only (the two negations do not cancel)', async () => {
    const plan = await accepted('on identity protection alerts, if the sign-in ip is clean in VT (0 malicious) dismiss the risky user');
    assert.deepEqual(step(plan, 'dismissRiskyUser').when?.condition, knownClean(['ip']));
  });

  it('when "has 0 malicious detections" gates the step, then it is the clean side, not "0 or more engines"', async () => {
    const plan = await accepted('on identity protection alerts if the ip has 0 malicious detections on VT dismiss the risky user');
    assert.deepEqual(step(plan, 'dismissRiskyUser').when?.condition, knownClean(['ip']));
  });

  it('when a count of suspicious verdicts is asked for too, then the step is held back (Rampart does not test that count)', async () => {
    const plan = await planner.plan('on identity protection alerts, if the ip is clean on VT (0 malicious and 0 suspicious) dismiss the risky user');
    assert.equal(plan.ok, false);
  });
});

describe('offline planner: a reason said in brackets, or as who handles the rest', () => {
  it('when a bracketed aside is a clause of its own ("(the lab guys need the logs first)"), then it is a reason: the plan is made and the aside narrows nothing', async () => {
    const plan = await accepted('on ransomware alerts collect the investigation package (the lab guys need the logs first) and then isolate the host');
    assert.equal(step(plan, 'isolate').deviceFilter, undefined);
    assert.equal(step(plan, 'collectInvestigationPackage').deviceFilter, undefined);
  });

  it('when a bracketed aside narrows ("(only the kiosk ones)", "(names start with kio-)"), then it is never taken for a reason', async () => {
    for (const request of ['on ransomware alerts isolate the host (we only mean the kiosk ones)', 'on ransomware alerts isolate the host (they are the ones named kio-)']) {
      const plan = await planner.plan(request);
      const isolate = plan.ok ? plan.spec.steps.find((s) => s.action === 'isolate') : undefined;
      assert.ok(!plan.ok || isolate?.deviceFilter !== undefined, `${request}: ${JSON.stringify(plan)}`);
    }
  });

  it('when a reason in brackets stands before "in that case", then the case still gets its step', async () => {
    const plan = await accepted("contain the host on high sev incidents, except when the incident has tag 'Change-Freeze' (the ops people patch things then). in that case just a teams msg");
    assert.deepEqual(step(plan, 'teamsMessage').when?.condition, { kind: 'incidentTag', tags: ['Change-Freeze'] });
    assert.deepEqual(step(plan, 'isolate').when?.condition, { not: { kind: 'incidentTag', tags: ['Change-Freeze'] } });
  });

  it('when "the office ones are handled by the helpdesk" or "another team handles them" follows, then it is a reason', async () => {
    for (const request of ["full scan the device on alerts with 'usb' in the title, but only when the incident has tag 'Shopfloor', the office usb incidents are handled by the helpdesk", 'on macOS devices run a full scan when a file is malicious on VT, a different team handles those']) {
      const plan = await accepted(request);
      assert.ok(step(plan, 'runAntiVirusScan'), request);
    }
  });

  it('when devices named by a pattern are ruled out and a step is said of them "there", then that step is theirs alone', async () => {
    const plan = await accepted('on high sev incidents isolate the device. and never isolate plc-* machines, they drive the presses, instead grab the investigation package there');
    assert.deepEqual(step(plan, 'isolate').deviceFilter, { exclude: { namePatterns: ['plc-*'] } });
    assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter, { include: { namePatterns: ['plc-*'] } });
  });
});

describe('offline planner: a reason that opens with "when"', () => {
  it('when "because when the box is offline the line stops" follows a step, then the "when" is part of the reason and the plan is made', async () => {
    const plan = await accepted('on servers only a quick scan and a teams message, because when the box is offline the line stops');
    assert.ok(step(plan, 'runAntiVirusScan'));
    assert.equal(plan.spec.steps.some((s) => s.action === 'isolate'), false);
  });
});

describe('offline planner: remarks around a request', () => {
  it('when a judgement follows a change of mind ("wait no, thats too risky for the labs"), then it is a reason and the new request is planned', async () => {
    const plan = await accepted('isolate the device on every high incident... wait no, thats too risky for the labs. just restrict app execution on the device on high incidents');
    assert.equal(plan.spec.steps.some((s) => s.action === 'isolate'), false);
    assert.ok(step(plan, 'restrictCodeExecution'));
  });

  it('when a purpose says what users see ("so users get a warning page instead of a hard block"), then it narrows nothing', async () => {
    const plan = await accepted('add every URL that VT flags as a Warn indicator, so users get a warning page instead of a hard block');
    assert.ok(step(plan, 'createIndicator'));
  });

  it('when "other sources: leave them alone, not this playbook" or "everybody else: nothing" closes a request, then it is the other side, never a step', async () => {
    const a = await accepted('for MDE alerts of high severity isolate the device. other sources: leave them alone, not this playbook.');
    assert.deepEqual(a.spec.steps.map((s) => s.action), ['isolate']);
    const b = await accepted("only when the user is a member of group 'Payroll-Team' (entra group): revoke the sessions. everybody else: nothing");
    assert.deepEqual(step(b, 'revokeSessions').userFilter, { inGroups: ['Payroll-Team'] });
  });

  it('when a group named before is said again by its name alone ("For Payroll-Team only revoke"), then it is that group', async () => {
    const plan = await accepted("disable the user account, unless the user is in the group 'Payroll-Team'. For Payroll-Team only revoke the sessions.");
    assert.deepEqual(step(plan, 'disableUser').userFilter, { notInGroups: ['Payroll-Team'] });
    assert.deepEqual(step(plan, 'revokeSessions').userFilter, { inGroups: ['Payroll-Team'] });
  });

  it('when a title line and "a short comment" are written, then the title names the playbook and the comment is the step', async () => {
    const plan = await accepted('Title: Close noisy test alerts\nDescription: when an incident is tagged test, the playbook resolves it with a short comment.');
    const update = step(plan, 'updateIncident');
    assert.equal(update.params.incident?.status, 'Resolved');
    assert.equal(update.params.incident?.addComment, true);
  });
  it('when a rule-out gives its reason with a step word ("no isolation at all, since its only adware"), then the reason names no step ruled out', async () => {
    const plan = await accepted('on medium incidents quarantine the file, no isolation at all since its only adware');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['stopAndQuarantineFile']);
    // The reason is a reason; a rule-out of the step that is asked for is still asked about.
    const clash = await planner.plan('on medium incidents quarantine the file, no quarantine at all since its only adware');
    assert.equal(clash.ok, false);
  });

  it('when the team says what it is ("our nights are thin, we are only two people"), then that narrows nothing; "weekends we are only 3" is still a case', async () => {
    const plan = await accepted('we are just 3 analysts. block the IPs VT flags on 4+ engines');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['createIndicator']);
    const weekend = await planner.plan('we are only 3 on weekends. isolate the device on high sev incidents');
    assert.equal(weekend.ok, false);
  });
  it('when what happened before is told first ("- last month someone blocked ... and took down ..."), or as "fyi ..." or "..., thats why", then it is a reason', async () => {
    const a = await accepted('block IPs VT flags on 6+ engines, never private ranges - last year someone blocked an internal addr and took down the warehouse');
    assert.deepEqual(a.spec.steps.map((s) => s.action), ['createIndicator']);
    const b = await accepted('block IPs VT flags on 6+ engines. fyi VT sometimes flags our own proxies');
    assert.deepEqual(b.spec.steps.map((s) => s.action), ['createIndicator']);
    const c = await accepted('on phishing alerts revoke the sessions of the recipient (the sales team got phished three times, thats why)');
    assert.deepEqual(c.spec.steps.map((s) => s.action), ['revokeSessions']);
    // A remark that asks for a step is no remark.
    const d = await planner.plan('block IPs VT flags on 6+ engines. fyi also isolate the host');
    assert.ok(!d.ok || d.spec.steps.some((s) => s.action === 'isolate'), JSON.stringify(d));
  });
});
