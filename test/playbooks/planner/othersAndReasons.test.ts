import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { accepted, planner, step } from './helpers';

/**
 * How people outside the SOC's own idiom say the other side of a case and why they rule a step out: "Everyone else at high
 * sev: revoke only", "Staff: ...", "Non-admin users: no changes"; a reason after a colon or ", as ..."; a rule-out by an
 * IOC's value or range; chat shorthand and a phone's autocorrect; a Portuguese speaker's English.
 */
describe('offline planner: the other people, reasons and values ruled out', () => {
  it('when the other users are named as a label ("Everyone else at high sev:", "Staff:"), then their steps are for users outside the group', async () => {
    const everyone = await accepted('For high severity incidents: if the user is in Tier0-Admins, confirm them as compromised and revoke their sessions. Everyone else at high sev: revoke sessions only.');
    const revokes = everyone.spec.steps.filter((s) => s.action === 'revokeSessions').map((s) => s.userFilter);
    assert.deepEqual(revokes, [{ inGroups: ['Tier0-Admins'] }, { notInGroups: ['Tier0-Admins'] }]);
    assert.deepEqual(step(everyone, 'confirmCompromised').userFilter, { inGroups: ['Tier0-Admins'] });
    const staff = await accepted('Identity Protection alerts: if the user is in Vendors-Guest, disable the account. Regular staff: revoke sessions only, keep their accounts enabled.');
    assert.deepEqual(step(staff, 'disableUser').userFilter, { inGroups: ['Vendors-Guest'] });
    assert.deepEqual(step(staff, 'revokeSessions').userFilter, { notInGroups: ['Vendors-Guest'] });
  });

  it('when the others "just get the incident tagged", then the tag waits for a user outside the group', async () => {
    const plan = await accepted('Cloud Apps exfiltration alerts: if the user is in Treasury-Ops, disable the account. Anybody else just gets the incident tagged exfil-check.');
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { not: { kind: 'userInGroup', groups: ['Treasury-Ops'] } });
  });

  it('when the other users get "no changes at all", then only the group\'s steps are planned', async () => {
    const plan = await accepted('If a user on the incident is in the Board-Members group, assign the incident to vip-desk@contoso.com and tag it board. Non-board users: no changes at all.');
    assert.deepEqual(plan.spec.steps.map((s) => s.when?.condition), [{ kind: 'userInGroup', groups: ['Board-Members'] }, { kind: 'userInGroup', groups: ['Board-Members'] }]);
  });

  it('when a severity is said "at medium or above" before the users it concerns, then it is read', async () => {
    const plan = await accepted('Identity Protection alerts at medium or above for a user in Interns-2026: disable the account.');
    assert.match(JSON.stringify(plan.spec), /"severities":\["Medium","High"\]/);
    assert.deepEqual(step(plan, 'disableUser').userFilter, { inGroups: ['Interns-2026'] });
  });

  it('when addresses or ranges are ruled out by value, then the block skips them', async () => {
    const plan = await accepted('On command and control alerts, block the IPs VirusTotal flags with 3 or more engines. Never block 52.10.4.8 or 192.168/16, those are our partners.');
    assert.deepEqual(step(plan, 'createIndicator').iocFilter, { excludeValues: ['52.10.4.8', '192.168.0.0/16'] });
  });

  it('when the steps are said to be "notification only", then a request that only notifies is planned and one that isolates is asked about', async () => {
    const notify = await accepted('When a high severity Defender for Identity incident arrives, email identity-team@contoso.com. Notification only, no containment.');
    assert.deepEqual(notify.spec.steps.map((s) => s.action), ['sendMail']);
    assert.ok(isQuestion(await planner.plan('When a high severity incident arrives, isolate the device and email soc@contoso.com. Notification only.')));
  });

  it('when a rule-out gives its reason after a colon or ", as", then the reason narrows nothing', async () => {
    const colon = await accepted("Machines in the 'Finance - Ledger' device group must never be isolated automatically: they run the month-end close. When one of them is in a high severity incident, collect the investigation package instead.");
    assert.deepEqual(step(colon, 'collectInvestigationPackage').deviceFilter, { include: { groups: ['Finance - Ledger'] } });
    const as = await accepted('On high severity incidents collect the investigation package, then isolate the device. Please do not run antivirus scans on them, as a scan can change the evidence.');
    assert.deepEqual(as.spec.steps.map((s) => s.action), ['collectInvestigationPackage', 'isolate']);
  });

  it('when chat shortens words or a phone autocorrects them, then they are read', async () => {
    const plan = await accepted('if smth high comes in frm defender just isolate it + post in the soc chnl');
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
    assert.deepEqual(plan.spec.steps.map((s) => s.action).sort(), ['isolate', 'teamsMessage']);
    const scans = await accepted('on new incidents quack scan the devices if sev is low, full scam if medium');
    assert.deepEqual(scans.spec.steps.map((s) => s.params.scanType), ['Quick', 'Full']);
  });

  it('when "email me" follows the address the writer gave for themselves, then the mail goes there', async () => {
    const plan = await accepted('incidents tagged exec -> assign to me priya.n@contoso.com + email me');
    assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['priya.n@contoso.com']);
    assert.equal(step(plan, 'updateIncident').params.incident?.assignedTo, 'priya.n@contoso.com');
  });

  it('when the tag follows the incidents it is for ("tag everything from X name-1"), then it is the tag', async () => {
    const plan = await accepted('tag everything from defender for identity idn-night and post in the soc channel');
    assert.deepEqual(plan.spec.trigger.serviceSources, ['MicrosoftDefenderForIdentity']);
    assert.deepEqual(step(plan, 'updateIncident').params.incident?.addTags, ['idn-night']);
  });

  it('when a Portuguese speaker writes English ("realize a scan", "the servers no", "let it isolated"), then it is read as meant', async () => {
    const scan = await accepted('When the alert is from Defender for Endpoint and the severity is medium or high, realize a full scan in the machine. If the machine is Linux, realize only the quick scan. Low severity we ignore.');
    assert.deepEqual(scan.spec.steps.map((s) => [s.params.scanType, s.deviceFilter]), [['Full', { exclude: { osPlatforms: ['Linux'] } }], ['Quick', { include: { osPlatforms: ['Linux'] } }]]);
    assert.deepEqual(scan.spec.trigger.severities, ['Medium', 'High']);
    const servers = await accepted('For high severity malware alerts, isolate the machines, but the servers no - in the servers only restrict the execution of apps.');
    assert.deepEqual(step(servers, 'isolate').deviceFilter, { exclude: { kinds: ['server'] } });
    assert.deepEqual(step(servers, 'restrictCodeExecution').deviceFilter, { include: { kinds: ['server'] } });
    const release = await accepted("When one incident is closed as true positive and have the tag cleaned, release the machine of the isolation and take out the restriction of apps. If not have the tag, let it isolated.");
    assert.deepEqual(release.spec.steps.map((s) => [s.action, s.when?.condition]), [
      ['unisolate', { kind: 'incidentTag', tags: ['cleaned'] }],
      ['unrestrictCodeExecution', { kind: 'incidentTag', tags: ['cleaned'] }],
    ]);
  });

  it('when the user is said to be "in travel", then it is a reason, not a group', async () => {
    const plan = await accepted('For high severity Identity Protection incidents revoke the sessions of the user. Do not disable the account, because actually the user is in travel and needs to work.');
    assert.deepEqual(plan.spec.steps.map((s) => [s.action, s.userFilter]), [['revokeSessions', undefined]]);
  });

  it('when steps are written as code (snake_case calls, "if n >= 15:", comments), then the calls are the steps and the remarks narrow nothing', async () => {
    const bands = await accepted('for h in incident.files:\n    n = vt(h.sha1).malicious\n    if n >= 20:   block(h); stop_and_quarantine(h, on=h.device)\n    elif n >= 4:  block(h)   # audit would do too\n    else:         pass       # nothing to see');
    assert.deepEqual(bands.spec.steps.map((s) => [s.action, 'minEngines' in s.target ? s.target.minEngines : undefined]), [['createIndicator', 20], ['stopAndQuarantineFile', 20], ['createIndicator', 4]]);
    const release = await accepted('when an incident is resolved as false positive:\n  release_from_isolation(incident.devices)\n  remove_app_restriction(incident.devices)\n  comment("released by automation")');
    assert.deepEqual(release.spec.steps.map((s) => s.action), ['unisolate', 'unrestrictCodeExecution', 'updateIncident']);
    const tagged = await accepted("rule: sev == High && !('kiosk' in device.tags) -> isolate(device, type=Selective)  // so the till app keeps working");
    assert.deepEqual(step(tagged, 'isolate').deviceFilter, { exclude: { tags: ['kiosk'] } });
    assert.equal(step(tagged, 'isolate').params.isolationType, 'Selective');
  });

  it('when a branch says "X only, dont Y" or the rules carry a heading line, then neither narrows the steps', async () => {
    const plan = await accepted("escalation rules for the night desk:\nHigh -> assign nightlead@contoso.com\nMedium -> tag 'night-review' only, dont assign\nLow -> nothing");
    assert.deepEqual(plan.spec.steps.map((s) => [s.params.incident?.assignedTo ?? s.params.incident?.addTags, s.when?.condition]), [
      ['nightlead@contoso.com', { kind: 'severity', severities: ['High'] }],
      [['night-review'], { kind: 'severity', severities: ['Medium'] }],
    ]);
  });

  it('when branches by severity hold incident updates only, then they are the incident\'s severity, and an Audit indicator keeps its action', async () => {
    const plan = await accepted("desk rules for the night queue:\nHigh -> assign nightlead@contoso.com + set In Progress\nMedium -> tag 'night-review' only");
    assert.deepEqual(plan.spec.steps.map((s) => s.when), [
      { condition: { kind: 'severity', severities: ['High'] }, scope: 'incident' },
      { condition: { kind: 'severity', severities: ['High'] }, scope: 'incident' },
      { condition: { kind: 'severity', severities: ['Medium'] }, scope: 'incident' },
    ]);
    const audit = await accepted('per hash: let n = VT(SHA256).malicious | where n between (1 .. 9) -> FileSha256 indicator with action Audit only');
    assert.equal(step(audit, 'createIndicator').params.indicatorAction, 'Audit');
  });

  it('when a customer is named alone before a colon, then it is asked about: a customer\'s incidents carry its tag or its groups', async () => {
    assert.ok(isQuestion(await planner.plan("litwareinc: on high incidents revoke the user sessions, unless the user is in the 'LI-Admins' group - those are the customer's own admins, never disable them, just revoke")));
    assert.ok(isQuestion(await planner.plan('payroll: isolate the device on high alerts')));
    assert.deepEqual((await accepted('all customers: on high incidents revoke the user sessions')).spec.steps.map((s) => s.action), ['revokeSessions']);
  });

  it('when a reason in brackets says "vendor" or "safe", then it is no VirusTotal verdict', async () => {
    const plan = await accepted('On high severity alerts run a quick scan on every device except devices tagged scada-hmi (the vendor says a scan freezes the HMI and the line goes to safe mode).');
    assert.equal(step(plan, 'runAntiVirusScan').when, undefined);
    assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter, { exclude: { tags: ['scada-hmi'] } });
  });

  it('when "one of those" takes up the devices a rule-out named, then the step is for a device so tagged', async () => {
    const plan = await accepted("On high alerts isolate every device EXCEPT devices tagged lab-robot. If one of those robots is in the incident, tag the incident 'lab-review' instead.");
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'deviceIs', match: { tags: ['lab-robot'] } });
  });

  it('when addresses ruled out carry a label in brackets and the block gives a reason, then neither is asked about', async () => {
    const plan = await accepted("Block IPs on high severity alerts when VirusTotal flags them with 4+ engines, but only for 14 days, our partner's IPs rotate every month. Never block 40.1.2.3 (partner VPN) no matter what VT says.");
    assert.deepEqual(step(plan, 'createIndicator').iocFilter, { excludeValues: ['40.1.2.3'] });
    assert.equal(step(plan, 'createIndicator').params.expiresInDays, 14);
  });

  it('when users of a group are said to be covered by something, "so for them" only one step, then the others get the other branch', async () => {
    const plan = await accepted("Risky sign-in alerts: users in the 'Works-Council' group are covered by the staff agreement, so for them do not reset the password and do not revoke sessions either; only add a comment to the incident. For users outside that group, reset the password.");
    assert.deepEqual(step(plan, 'resetPassword').userFilter, { notInGroups: ['Works-Council'] });
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'userInGroup', groups: ['Works-Council'] });
  });

  it('when a block is ruled out for a kind of IOC no block takes, then it is read; for one a block takes, it is asked about', async () => {
    const plan = await accepted("For phishing incidents: if VirusTotal flags the URL, block the URL, but please do not block the sender's domain, it belongs to a partner.");
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['createIndicator']);
    assert.ok(isQuestion(await planner.plan("For phishing incidents: block the sender domain. Do not block the sender's domain.")));
  });

  it('when a KQL writer names the count, the product and what a close sets, then they are read', async () => {
    const bands = await accepted('per hash: let hits = VT(SHA1).last_analysis_stats.malicious | where hits >= 12 -> tiIndicator FileSha1, action BlockAndRemediate | where hits between (2 .. 11) -> FileSha1 indicator with action Audit only | hits == 0 -> nothing');
    assert.deepEqual(bands.spec.steps.map((s) => [s.params.indicatorAction, 'minEngines' in s.target ? s.target.minEngines : undefined]), [['BlockAndRemediate', 12], ['Audit', 2]]);
    const product = await accepted("SecurityAlert | where AlertProductNames has 'Office 365' and AlertName has 'credential phish' -> mv-expand Url entities, VT malicious > 2 -> Url indicator, Block");
    assert.deepEqual(product.spec.trigger.serviceSources, ['MicrosoftDefenderForOffice365']);
    assert.equal(step(product, 'createIndicator').params.indicatorAction, undefined);
    const close = await accepted("SecurityAlert | where AlertName has 'Atomic Red Team' -> close the incident: Status = Resolved, Classification = BenignPositive, ClassificationReason = SecurityTesting");
    assert.deepEqual(step(close, 'updateIncident').params.incident, { status: 'Resolved', classification: 'InformationalExpectedActivity', determination: 'SecurityTesting' });
  });

  it('when a KQL writer skips private addresses and names the indicator after its kind, then the block is for public addresses with that action', async () => {
    const plan = await accepted('mv-expand the Ip entities -> for each: skip if ipv4_is_private(ip). VT malicious >= 6 -> indicator IpAddress, action AlertAndBlock');
    assert.deepEqual(step(plan, 'createIndicator').iocFilter, { ipScope: 'public' });
    assert.equal(step(plan, 'createIndicator').params.indicatorAction, 'AlertAndBlock');
  });

  it('when accounts of a group "get skipped entirely" and are "not touched", then the user steps leave them out and their own step is theirs', async () => {
    const plan = await accepted('High sev Identity Protection incidents: revoke the sessions and reset the password. Do NOT touch emergency accounts: anyone in the Glass-Admins group gets skipped entirely, just email idadmins@contoso.com instead.');
    assert.deepEqual(step(plan, 'resetPassword').userFilter, { notInGroups: ['Glass-Admins'] });
    assert.deepEqual(step(plan, 'sendMail').when?.condition, { kind: 'userInGroup', groups: ['Glass-Admins'] });
  });

  it('when what an account usually is and what a step is for are said on the way, then they narrow nothing', async () => {
    const usually = await accepted("When Defender for Identity flags Kerberoasting, disable the account. It's usually a service account so do not reset its password.");
    assert.deepEqual(usually.spec.steps.map((s) => s.action), ['disableUser']);
    const closedBy = await accepted("If an Identity Protection incident gets resolved by an analyst as false positive, dismiss the user's risk so they aren't blocked by the risk policy.");
    assert.deepEqual(closedBy.spec.trigger.classifications, ['FalsePositive']);
    assert.deepEqual(closedBy.spec.steps.map((s) => s.action), ['dismissRiskyUser']);
  });

  it('when a group is skipped "entirely, just email X instead", then the account steps leave the group out and never run on it alone', async () => {
    for (const request of [
      'High sev Identity Protection incidents: revoke the sessions and reset the password. Skip anyone in the Glass-Admins group entirely, just email idadmins@contoso.com instead.',
      "High sev Identity Protection incidents: revoke the sessions and reset the password. Unless the user is in the 'Glass-Admins' group, just email idadmins@contoso.com instead.",
    ]) {
      const plan = await accepted(request);
      assert.deepEqual(step(plan, 'resetPassword').userFilter, { notInGroups: ['Glass-Admins'] }, request);
      assert.equal(step(plan, 'resetPassword').when, undefined, request);
      assert.deepEqual(step(plan, 'sendMail').when?.condition, { kind: 'userInGroup', groups: ['Glass-Admins'] }, request);
    }
  });

  it('when a rule-out lists steps and ends "or take any action on the device", then none of them is done', async () => {
    const plan = await accepted('For data theft alerts of category Exfiltration, please do not disable the account, reset the password or take any action on the device. Assign the incident to hr@contoso.com.');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['updateIncident']);
    const bracket = await accepted('For data theft type alerts (category Exfiltration), please do not revoke the sessions, reset the password or touch the device: under our staff agreement HR decides. Assign the incident to hr@contoso.com.');
    assert.deepEqual(bracket.spec.steps.map((s) => [s.action, s.when]), [['updateIncident', undefined]]);
    assert.deepEqual(bracket.spec.trigger.categories, ['Exfiltration']);
  });

  it('when "a device is in" a quoted group, then it is a device group, a star in its name a pattern', async () => {
    const plan = await accepted("isolate the device on high alerts when a device is in the 'Plant - Line 2' group");
    assert.deepEqual(step(plan, 'isolate').deviceFilter, { include: { groups: ['Plant - Line 2'] } });
    assert.equal(step(plan, 'isolate').when, undefined);
    const star = await accepted("run a full scan on medium alerts when a machine is in an 'Plant - *' group");
    assert.deepEqual(step(star, 'runAntiVirusScan').deviceFilter, { include: { groups: ['Plant - *'] } });
  });

  it('when a condition names a system "A or B" beside another test, then the "or" is between the systems', async () => {
    const plan = await accepted('when the alert category is Malware and the device is running Windows 10 or Windows 11, isolate the device');
    assert.deepEqual(step(plan, 'isolate').deviceFilter, { include: { osPlatforms: ['Windows10', 'Windows11'] } });
    assert.ok(isQuestion(await planner.plan('when the alert category is Malware and the device is tagged prod or the incident is tagged vip, isolate the device')));
  });

  it('when a heading sentence says which devices ("when ... and the device is not running macOS."), then the bands after it keep to them', async () => {
    const plan = await accepted('When the severity is High and the device is not running Linux. If VirusTotal flags the file with 10 or more engines, stop and quarantine the file and block the hash. Otherwise run a quick scan.');
    assert.deepEqual(step(plan, 'stopAndQuarantineFile').deviceFilter, { exclude: { osPlatforms: ['Linux'] } });
    assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter, { exclude: { osPlatforms: ['Linux'] } });
    assert.match(JSON.stringify(step(plan, 'createIndicator').when), /"not":\{"kind":"deviceIs","match":\{"osPlatforms":\["Linux"\]\}\}/);
    const code = await accepted('file_rule:\n  scope: sev IN (High) AND device.os != Linux\n  for f in files:\n    vt.mal >= 12 -> quarantine(f, host)\n    vt.mal < 12 -> comment only');
    assert.deepEqual(step(code, 'stopAndQuarantineFile').deviceFilter, { exclude: { osPlatforms: ['Linux'] } });
  });

  it('when a group\'s case rules a step out and says its steps in the next sentence, before "otherwise", then those steps are the case\'s', async () => {
    const plan = await accepted("if a user in the 'Pilots' group gets a high risk sign-in alert DONT disable the account, a grounded pilot is an expensive problem. revoke sessions + email crewdesk@contoso.com. everyone else: disable the account + revoke sessions");
    assert.deepEqual(plan.spec.steps.map((s) => [s.action, s.userFilter ?? s.when?.condition]), [
      ['revokeSessions', { inGroups: ['Pilots'] }],
      ['sendMail', { all: [{ kind: 'severity', severities: ['High'] }, { kind: 'userInGroup', groups: ['Pilots'] }] }],
      ['disableUser', { notInGroups: ['Pilots'] }],
      ['revokeSessions', { notInGroups: ['Pilots'] }],
    ]);
    assert.deepEqual(plan.spec.trigger.serviceSources, ['AzureAdIdentityProtection']);
  });
});
