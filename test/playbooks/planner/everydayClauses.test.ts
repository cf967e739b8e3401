import assert from 'node:assert/strict';
import { accepted, planner, step } from './helpers';

describe('offline planner: everyday one-clause asks', () => {
  it('when a post is asked for "whenever it does something", then it is a notice after the steps, with no condition of its own', async () => {
    const plan = await accepted('on high sev ransomware alerts isolate the device. post in teams whenever it acts');
    step(plan, 'isolate');
    assert.equal(step(plan, 'teamsMessage').when, undefined);
  });

  it('when the engine count is said in brackets with the word engines, then it is the threshold and nothing is left over', async () => {
    const plan = await accepted('if the hash comes back bad on VT (7+ engines) block it');
    const block = step(plan, 'createIndicator');
    assert.ok(block.target.kind === 'iocs' && block.target.minEngines === 7, JSON.stringify(block));
  });

  it('when a kind of device "doesnt get isolated, just the scan", then that kind is scanned and not isolated, and the others get both', async () => {
    const plan = await accepted('isolate the host and run a quick av scan on it for high sev alerts. dcs dont get isolated, just the scan');
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude?.kinds, ['domainController']);
    assert.equal(step(plan, 'runAntiVirusScan').deviceFilter, undefined);
  });

  it('when a rule-out of a kind and its own step follow in one clause, then the step runs on that kind (it never ran at all)', async () => {
    const plan = await accepted('isolate the box and run a full av scan on it, but not servers, for servers only the scan.');
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude?.kinds, ['server']);
    const scans = plan.spec.steps.filter((s) => s.action === 'runAntiVirusScan');
    assert.ok(scans.length > 0 && scans.every((s) => !s.deviceFilter?.exclude?.kinds?.includes('server') && s.when === undefined), JSON.stringify(scans));
  });

  it('when laptops are left out of a step, then Rampart asks (Defender reports no form factor) rather than run the step on them', async () => {
    // (At 5becf24 "isolate the device and scan it, but not laptops" isolated and scanned the laptops: "but not laptops" was
    // dropped without a word.)
    for (const request of ['isolate the device and scan it, but not laptops', 'scan it, but not laptops']) {
      const plan = await planner.plan(request);
      assert.equal(plan.ok, false, JSON.stringify(plan));
    }
    const servers = await accepted('isolate the device and scan it, but not servers');
    assert.deepEqual(step(servers, 'isolate').deviceFilter?.exclude?.kinds, ['server']);
  });

  it('when a group is named and then "everyone else" gets a step, then that step is for the users outside the group only', async () => {
    const plan = await accepted('for risky sign-in alerts: if the user is in Payroll-Admins reset the pw and revoke sessions, anybody else just revoke sessions');
    assert.deepEqual(step(plan, 'resetPassword').userFilter?.inGroups, ['Payroll-Admins']);
    const others = plan.spec.steps.filter((s) => s.action === 'revokeSessions' && s.userFilter?.notInGroups?.includes('Payroll-Admins'));
    assert.equal(others.length, 1, JSON.stringify(plan.spec.steps));
  });

  it('when a sentence ends right after a bare group name, then its full stop still ends the sentence', async () => {
    // (At 5becf24 the name took the full stop: "anyone else: reset the password" became part of the disable, and the
    // reset ran on the group's members as well.)
    const plan = await accepted('disable the user if they are in group Ops. anyone else: reset the password');
    assert.deepEqual(step(plan, 'disableUser').userFilter?.inGroups, ['Ops']);
    assert.deepEqual(step(plan, 'resetPassword').userFilter?.notInGroups, ['Ops']);
  });

  it('when people in a group are never to be touched, said without the word "group" or with "anyone", then every user step leaves them out', async () => {
    const plain = await accepted('on high sev identity alerts revoke sessions and reset the pw. DO NOT touch anyone in Vault-Keepers');
    for (const s of plain.spec.steps) assert.deepEqual(s.userFilter?.notInGroups, ['Vault-Keepers'], JSON.stringify(s));
    const named = await accepted('on high sev identity alerts revoke sessions. leave anybody in the Auditors group alone');
    assert.deepEqual(step(named, 'revokeSessions').userFilter?.notInGroups, ['Auditors']);
  });

  it('when "it" has any malicious hits in a request that checks it on VirusTotal, then that is one engine or more; without VirusTotal named, Rampart asks', async () => {
    const plan = await accepted('look the url up on VT. if its got any malicious hits block it');
    const block = step(plan, 'createIndicator');
    assert.ok(block.target.kind === 'iocs' && block.target.minEngines === 1 && block.target.iocTypes.includes('url'), JSON.stringify(block));
    const asked = await planner.plan('if it has any detections isolate the box');
    assert.equal(asked.ok, false, JSON.stringify(asked));
  });

  it('when the block is of one kind and the request then says "that kind only" or rules the other kinds out, then the plan holds; when a block is of a kind ruled out, Rampart asks', async () => {
    const only = await accepted('block the domain in mde for 7 days when VT flags it at 4+. domains only for this one.');
    const block = step(only, 'createIndicator');
    assert.ok(block.target.kind === 'iocs' && block.target.iocTypes.join() === 'domain', JSON.stringify(block));
    const scope = await accepted('block every hash VT flags at 3+. URLs and domains are out of scope.');
    assert.ok(step(scope, 'createIndicator').target.kind === 'iocs');
    // (At 5becf24 "block every ip ... hashes only." blocked the IPs.)
    const clash = await planner.plan('block every ip VT flags at 3+. hashes only.');
    assert.equal(clash.ok, false, JSON.stringify(clash));
    assert.match((clash as { question?: string }).question ?? '', /hashes only/);
  });

  it('when a title list has an "or" and a device group follows with "and", then both hold: the title words are alternatives and the group narrows', async () => {
    const plan = await accepted('if the alert title mentions mimikatz or lsass and the machine is in the Tier0-Servers device group, isolate it');
    assert.deepEqual([...plan.spec.trigger.titleKeywords].sort(), ['lsass', 'mimikatz']);
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.groups, ['Tier0-Servers']);
  });

  it('when a block is ruled out on a kind of device, then the block does not run when such a device is in the alert', async () => {
    // (At 5becf24 "Don't block or isolate anything on workstations" spared them the isolation only: the hash was blocked.)
    const plan = await accepted('on high sev malware alerts isolate the device and block the file hash. Don\'t block or isolate anything on workstations.');
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude?.kinds, ['workstation']);
    assert.deepEqual(step(plan, 'createIndicator').when?.condition, { not: { kind: 'deviceIs', match: { kinds: ['workstation'] } } });
  });

  it('when the bot is asked as the subject ("could the bot", "get rampart to", "set up a rule that"), then the step is read', async () => {
    const bot = await accepted('could the bot reset the pw when a high sev identity alert comes in?');
    step(bot, 'resetPassword');
    const rampart = await accepted('can you get rampart to collect an investigation package on every high sev MDE alert');
    step(rampart, 'collectInvestigationPackage');
    const rule = await accepted('could you set up a rule that revokes sessions for risky sign-in alerts');
    step(rule, 'revokeSessions');
  });

  it('when Defender or Identity Protection "flags" something, then that is its detection, not a VirusTotal verdict', async () => {
    // (At 5becf24 the flagged sign-in's IP address became a VirusTotal verdict the reset waited for.)
    const plan = await accepted("reset the pw when entra flags a risky sign-in from the user's ip address");
    assert.equal(step(plan, 'resetPassword').when, undefined);
    assert.ok(!plan.spec.enrichments.some((e) => e.source === 'virusTotal'), JSON.stringify(plan.spec.enrichments));
  });

  it('when a standing rule has a heading that says what it is for, then the heading scopes it and the word "rule" is no condition', async () => {
    const plan = await accepted('Standing automation for Defender for Office 365 alerts: block any URL VT flags with 3 or more engines.');
    assert.deepEqual(plan.spec.trigger.serviceSources, ['MicrosoftDefenderForOffice365']);
    step(plan, 'createIndicator');
  });

  it('when hashes are pushed "as indicators", then they are blocked; when the indicator is a warning, the warning is kept', async () => {
    const push = await accepted('push every file hash VT flags at 5+ as an indicator in defender');
    const block = step(push, 'createIndicator');
    assert.ok(block.target.kind === 'iocs' && block.target.iocTypes.join() === 'file' && block.target.minEngines === 5, JSON.stringify(block));
    const warn = await accepted('add every URL VT flags as a Warn indicator');
    assert.equal(step(warn, 'createIndicator').params.indicatorAction, 'Warn');
  });

  it('when a URL is blocked "+ its domain", then Rampart asks: the domain of a URL is not one of the domains it can block', async () => {
    const plan = await planner.plan('on phishing alerts block the link plus its domain if VT flags it');
    assert.equal(plan.ok, false, JSON.stringify(plan));
  });

  it('when a step is asked for mid-sentence ("can you post it"), or said as "stick it in the channel", then it is the step, under the condition before it', async () => {
    const plan = await accepted('whenever an incident gets tagged exec can you pop it in the soc channel');
    assert.deepEqual(step(plan, 'teamsMessage').when?.condition, { kind: 'incidentTag', tags: ['exec'] });
  });

  it('when an alert is called by its severity ("raises a high on a server"), then that is the severity', async () => {
    const plan = await accepted('if MDE raises a medium on a server just run a quick scan');
    const scan = step(plan, 'runAntiVirusScan');
    const severities = [...plan.spec.trigger.severities, ...(scan.when && 'kind' in scan.when.condition && scan.when.condition.kind === 'severity' ? scan.when.condition.severities : [])];
    assert.deepEqual(severities, ['Medium'], JSON.stringify(plan.spec));
  });

  it('when the severities left alone are said before "ignore", then they are left out', async () => {
    const plan = await accepted('scan the device on MDE alerts. infos and lows ignore pls');
    assert.deepEqual(step(plan, 'runAntiVirusScan').when?.condition, { not: { kind: 'severity', severities: ['Informational', 'Low'] } });
  });

  it('when a mail is to be sent "when you do", then it is a notice after the steps', async () => {
    const plan = await accepted('block the url on mdo phishing alerts when VT flags it. ping soc@contoso.com when you do');
    assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['soc@contoso.com']);
  });

  it('when every device or user "we have" or "in their tenant" is asked for, then it is refused as a mass action; the devices of the incident are not', async () => {
    for (const request of ['can you revoke sessions for every user in their tenant tonight', 'isolate every pc and laptop we have until monday']) {
      const plan = await planner.plan(request);
      assert.equal(plan.ok, false, JSON.stringify(plan));
      assert.match(plan.ok ? '' : plan.reason, /mass action/);
    }
    step(await accepted('isolate every device we have in the incident on high sev ransomware alerts'), 'isolate');
  });

  it('when "nothing else should change" or severities "stay open" follow the steps, then no other step is planned and those incidents are left as they are', async () => {
    const plan = await accepted('when an incident is closed as benign positive, add the tag bp-checked. Nothing else should be touched on the incident.');
    assert.equal(plan.spec.steps.length, 1, JSON.stringify(plan.spec.steps));
    const open = await accepted('close incidents tagged lab-noise as false positive unless the severity is high. High ones stay open for an analyst to triage.');
    const close = step(open, 'updateIncident');
    assert.equal(close.params.incident?.status, 'Resolved');
    assert.deepEqual(close.when?.condition, { all: [{ kind: 'incidentTag', tags: ['lab-noise'] }, { not: { kind: 'severity', severities: ['High'] } }] });
  });

  it('when a step said "after" or "then" follows the step before in a sentence of its own, then it runs in that step\'s case; after a rule-out it does not take its case', async () => {
    const plan = await accepted('on phishing alerts block any url VT flags at 4+. urls only. comment on the incident afterwards');
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'maliciousIoc', iocTypes: ['url'], minEngines: 4 });
    const ruledOut = await accepted('on high sev alerts isolate the device. never isolate servers. then post in teams');
    assert.equal(step(ruledOut, 'teamsMessage').when, undefined);
  });

  it('when devices of two OSes are named with articles ("a mac or a linux box"), then both are meant, in a case and in an exception', async () => {
    // (At 5becf24 "unless it's a mac or a linux box" left out the macs only: the Linux boxes were isolated.)
    const spared = await accepted('isolate the device on high sev alerts unless it is a mac or a linux box');
    assert.deepEqual(step(spared, 'isolate').deviceFilter?.exclude?.osPlatforms, ['macOS', 'Linux']);
    const scanned = await accepted('if the alert is on a linux box or a mac run a quick scan');
    assert.deepEqual(step(scanned, 'runAntiVirusScan').deviceFilter?.include?.osPlatforms, ['Linux', 'macOS']);
  });

  it('when a kind of IOC is ruled out with a reason after it, then the reason narrows nothing and the block of another kind holds', async () => {
    const plan = await accepted('block the url on mdo alerts if VT flags it. dont block the sender domain, compliance would not like that');
    const block = step(plan, 'createIndicator');
    assert.ok(block.target.kind === 'iocs' && block.target.iocTypes.join() === 'url', JSON.stringify(block));
  });

  it('when a group named before is later called by its initials ("not a DA"), then that is membership of the group', async () => {
    const plan = await accepted('if the user is in Help Desk Operators reset their password. if they are not an HDO just add a comment to the incident');
    assert.deepEqual(step(plan, 'resetPassword').userFilter?.inGroups, ['Help Desk Operators']);
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { not: { kind: 'userInGroup', groups: ['Help Desk Operators'] } });
  });

  it('when the selective isolation of another kind of device is said after a full isolation, then each kind gets its own; neither is dropped', async () => {
    // (At 5becf24 "DCs only get selective isolation" was taken as the type of the workstations' isolation: the workstations
    // were isolated selectively, the DCs not at all, and nothing said so.)
    const plan = await accepted('on ransomware alerts fully isolate the workstations and collect a package. DCs only get selective isolation');
    const isolations = plan.spec.steps.filter((s) => s.action === 'isolate');
    assert.deepEqual(isolations.map((s) => [s.params.isolationType, s.deviceFilter?.include?.kinds]), [['Full', ['workstation']], ['Selective', ['domainController']]]);
  });

  it('when members of a group "are never disabled", then the disable leaves them out', async () => {
    const plan = await accepted('disable the account on high sev identity alerts. members of Break-Glass are never disabled');
    assert.deepEqual(step(plan, 'disableUser').userFilter?.notInGroups, ['Break-Glass']);
  });

  it('when incidents are to be left open "if" the title says a word, then the close skips them', async () => {
    // (At 5becf24 "close low alerts as fp. leave them open if the title mentions lsass" closed the lsass alerts too.)
    const plan = await accepted('close low sev alerts as fp. leave them open if the title mentions rubeus');
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { not: { kind: 'titleContains', keywords: ['rubeus'] } });
  });

  it('when chat spells "it\'s" as "its", "those" as "thise", or "the user\'s" as "that users", then the words are read', async () => {
    const plan = await accepted('assign high sev incidents to tier2@contoso.com. Not if its already assigned');
    assert.deepEqual(step(plan, 'updateIncident').params.incident?.assignedTo, 'tier2@contoso.com');
    const sessions = await accepted('on high sev identity alerts revoke that users sessions');
    step(sessions, 'revokeSessions');
  });

  it('when a group is ruled out in a sentence of its own ("Not X grp"), then users steps leave it out; beside a device step Rampart asks', async () => {
    const plan = await accepted('on password spray alerts reset the pw. Not Service Desk grp, those are shared');
    assert.deepEqual(step(plan, 'resetPassword').userFilter?.notInGroups, ['Service Desk']);
    const device = await planner.plan('on high sev alerts collect an investigation package. Not the Kiosk group');
    assert.equal(device.ok, false, JSON.stringify(device));
  });

  it('when a field is written as in the API ("detectionSource EDR"), then it is that condition', async () => {
    const plan = await accepted('for alerts with detectionSource EDR, run a full av scan on the device');
    const scan = step(plan, 'runAntiVirusScan');
    const sources = scan.when && 'kind' in scan.when.condition && scan.when.condition.kind === 'detectionSource' ? scan.when.condition.sources : plan.spec.trigger.detectionSources;
    assert.ok(sources.includes('EDR'), JSON.stringify(plan.spec));
  });

  it('when an address named before is later called by its first part ("assigned to tier3"), then it is that address', async () => {
    const plan = await accepted('on high sev alerts assign the incident to tier3@contoso.com. Medium ones get assigned to tier3 as well');
    const assignees = plan.spec.steps.filter((s) => s.action === 'updateIncident').map((s) => s.params.incident?.assignedTo);
    assert.ok(assignees.length > 0 && assignees.every((a) => a === 'tier3@contoso.com'), JSON.stringify(plan.spec.steps));
  });

  it('when runbook steps carry letters ("Step 2a:", "Step 2b:"), then each is a sentence and the label is no condition', async () => {
    const plan = await accepted(['Step 1: collect an investigation package.', 'Step 2a: if VT flags the file, isolate the device.', 'Step 2b: otherwise run a quick scan.'].join('\n'));
    step(plan, 'collectInvestigationPackage');
    assert.deepEqual(step(plan, 'isolate').when?.condition, { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 1 });
    assert.deepEqual(step(plan, 'runAntiVirusScan').when?.condition, { not: { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 1 } });
  });

  it('when the ask is tentative ("is there a way to", "I was wondering if rampart could", "any chance we could"), then the step is read', async () => {
    step(await accepted('is there a way to revoke sessions for risky sign-in alerts?'), 'revokeSessions');
    step(await accepted('I was wondering if rampart could tag incidents from MDO as phish-review'), 'updateIncident');
    const chance = await accepted('morning all - any chance we could auto-isolate boxes that get a high sev malware alert? not the servers tho');
    assert.deepEqual(step(chance, 'isolate').deviceFilter?.exclude?.kinds, ['server']);
  });

  it('when an incident is closed "as security testing", then it is informational, expected activity with that determination', async () => {
    const plan = await accepted("set incidents tagged 'pentest' to resolved as security testing");
    assert.deepEqual(step(plan, 'updateIncident').params.incident, { status: 'Resolved', classification: 'InformationalExpectedActivity', determination: 'SecurityTesting' });
  });

  it('when VirusTotal "has no clue about" an IOC, then that is an IOC unknown to VirusTotal', async () => {
    const plan = await accepted('if VT has no clue about the hash just leave a comment on the incident');
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'unknownIoc', iocTypes: ['file'] });
  });

  it('when an email is asked for as "can we get an email to X", then X is emailed', async () => {
    const plan = await accepted('can we get an email to soc@contoso.com every time a high sev incident comes in');
    assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['soc@contoso.com']);
  });

  it('when severities are said alone after a branch ("medium, scan it; high, isolate it"), then each is its branch', async () => {
    const plan = await accepted("if it's a medium, scan it; high, isolate it; low, ignore");
    assert.deepEqual(step(plan, 'isolate').when?.condition, { kind: 'severity', severities: ['High'] });
    assert.deepEqual(step(plan, 'runAntiVirusScan').when?.condition, { kind: 'severity', severities: ['Medium'] });
  });

  it('when two steps carry a trailing "if" and an "otherwise" follows, then the other branch is the other side of that case', async () => {
    const plan = await accepted('quarantine the file and isolate the host if VT gives it 10+, otherwise just a quick scan is fine');
    assert.deepEqual(step(plan, 'isolate').when?.condition, { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 10 });
    assert.deepEqual(step(plan, 'runAntiVirusScan').when?.condition, { not: { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 10 } });
  });

  it('when a kind of device "gets selective" after a full isolation, then that kind is isolated selectively and never fully', async () => {
    // (At 5becf24 "Servers get selective." was dropped with a note and the servers were isolated fully.)
    const plan = await accepted('on ransomware alerts isolate the device fully. Servers get selective.');
    const isolations = plan.spec.steps.filter((s) => s.action === 'isolate');
    assert.deepEqual(isolations.map((s) => [s.params.isolationType, s.deviceFilter]), [['Full', { exclude: { kinds: ['server'] } }], ['Selective', { include: { kinds: ['server'] } }]]);
  });

  it('when everyday asides follow ("DCs nobody touches", "and if they\'re not, just comment", "anything else leave for triage", "so she knows"), then they are read', async () => {
    const dcs = await accepted('isolate the host on high sev ransomware alerts. DCs nobody touches.');
    assert.deepEqual(step(dcs, 'isolate').deviceFilter?.exclude?.kinds, ['domainController']);
    const other = await accepted('revoke the sessions if the user is in the Payroll group, and if they are not, just comment');
    assert.deepEqual(step(other, 'updateIncident').when?.condition, { not: { kind: 'userInGroup', groups: ['Payroll'] } });
    const triage = await accepted('if VT flags the url block it, anything else leave for triage');
    step(triage, 'createIndicator');
    const why = await accepted('email mgr@contoso.com whenever a critical incident is opened, so she knows before the stand-up');
    assert.deepEqual(step(why, 'sendMail').params.mailTo, ['mgr@contoso.com']);
  });

  it('when an isolation is ruled out with "but please not if", then the isolation skips that case', async () => {
    const plan = await accepted('if there is lateral movement from a workstation, isolate it, but please not if it is tagged VIP');
    assert.deepEqual(step(plan, 'isolate').deviceFilter, { include: { kinds: ['workstation'] }, exclude: { tags: ['VIP'] } });
  });

  it('when a new analyst wraps the ask in apologies and doubts, then those sentences are no case and the ask is read', async () => {
    const plan = await accepted("Hello! I'm still new here. When a medium severity alert lands on a server, could Rampart run a full scan on it? That's what we usually do. Thanks!");
    assert.deepEqual(plan.spec.trigger.severities, ['Medium']);
    assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter?.include?.kinds, ['server']);
    const wanted = await accepted("I'm not sure how to word this, but basically if VT says an ip is bad I want it blocked");
    const block = step(wanted, 'createIndicator');
    assert.ok(block.target.kind === 'iocs' && block.target.iocTypes.join() === 'ip', JSON.stringify(block));
    const polite = await accepted("if it's not too much hassle, tag high incidents with 'urgent'");
    assert.deepEqual(step(polite, 'updateIncident').params.incident?.addTags, ['urgent']);
  });

  it('when a case of devices gets other steps "rather than isolating it", then the isolation said before skips that case', async () => {
    // (At 5becf24 "rather than isolating it" was read as a bare "instead": the devices of that group were isolated too.)
    const plan = await accepted("on high sev malware alerts isolate the machine. If the machine is tagged 'Kiosk', just collect an investigation package rather than isolating it.");
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude?.tags, ['Kiosk']);
    step(plan, 'collectInvestigationPackage');
  });
});

