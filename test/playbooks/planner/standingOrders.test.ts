import assert from 'node:assert/strict';
import { accepted, planner, step } from './helpers';

const MALICIOUS_HASH = (n: number): unknown => ({ kind: 'maliciousIoc', iocTypes: ['file', 'ip', 'url', 'domain'], minEngines: n });

describe('offline planner: standing orders, policies and second-language shapes', () => {
  it('when one step is ruled out on an OS by its bare verb, then only that step leaves the OS out, and the others run there', async () => {
    // (At efcddf3 "never quarantine on macOS" was read as "only on macOS": the quarantine ran on macOS alone.)
    const plan = await accepted('on trojan alerts run a quick scan and quarantine the file, but never quarantine on macOS.');
    assert.deepEqual(step(plan, 'stopAndQuarantineFile').deviceFilter?.exclude?.osPlatforms, ['macOS']);
    assert.equal(step(plan, 'stopAndQuarantineFile').deviceFilter?.include, undefined);
    assert.equal(step(plan, 'runAntiVirusScan').deviceFilter, undefined);
    const unknown = await planner.plan('on trojan alerts run a quick scan and quarantine the file, but never frobnicate on macOS.');
    assert.equal(unknown.ok, false, JSON.stringify(unknown));
  });

  it('when an engine count is an upper bound ("or fewer", "at most"), then the other branch needs more engines than that', async () => {
    // (At efcddf3 "2 detections or fewer" was read as "2 or more": the isolation ran on clean hashes.)
    for (const request of [
      'on file alerts: if the hash has 2 detections or fewer on VT just tag it low-risk, otherwise isolate the box',
      'on file alerts: if VT shows at most 2 engines just tag it low-risk, otherwise isolate the box',
    ]) {
      const plan = await accepted(request);
      const isolateWhen = step(plan, 'isolate').when?.condition;
      assert.ok(isolateWhen && 'kind' in isolateWhen && isolateWhen.kind === 'maliciousIoc' && isolateWhen.minEngines === 3, `${request}: ${JSON.stringify(isolateWhen)}`);
      assert.deepEqual(step(plan, 'updateIncident').when?.condition, { not: isolateWhen }, request);
    }
  });

  it('when a group\'s case gets "only" a notice, then the destructive steps said before leave that group out', async () => {
    // (At efcddf3 the members of the group were still reset and revoked, and got the post as well.)
    const plan = await accepted('on high sev alerts reset the pw and revoke sessions. if the user is in group Surgeons, only post in teams.');
    assert.deepEqual(step(plan, 'resetPassword').userFilter?.notInGroups, ['Surgeons']);
    assert.deepEqual(step(plan, 'revokeSessions').userFilter?.notInGroups, ['Surgeons']);
    assert.deepEqual(step(plan, 'teamsMessage').when?.condition, { kind: 'userInGroup', groups: ['Surgeons'] });
    const instead = await accepted('on high sev alerts disable the account. For users in the Partners group, just send a mail to hr@contoso.com instead.');
    assert.deepEqual(step(instead, 'disableUser').userFilter?.notInGroups, ['Partners']);
  });

  it('when "any other device" comes a sentence after the devices it sets apart, then those devices are still left out', async () => {
    // (At efcddf3 only devices named in the same sentence were left out: the Lab devices were fully isolated too.)
    const plan = await accepted('on high sev alerts selectively isolate the devices tagged Lab. Fully isolate any other device.');
    const full = plan.spec.steps.find((s) => s.action === 'isolate' && s.params.isolationType === 'Full');
    assert.deepEqual(full?.deviceFilter?.exclude?.tags, ['Lab'], JSON.stringify(plan.spec.steps));
  });

  it('when a kind of alert is said with a hyphen ("-category", "-related", "-type"), then it is that kind, or Rampart asks', async () => {
    // (At efcddf3 "Malware-category alerts:" and "malware-related alerts:" vanished: the isolation ran on every alert.)
    for (const request of ['Malware-category alerts: isolate the box', 'malware-related incidents: isolate the box', 'trojan-type detections: isolate the box']) {
      const plan = await accepted(request);
      assert.ok(plan.spec.trigger.topics.includes('malware') || plan.spec.trigger.categories.includes('Malware'), request);
    }
    const unknown = await planner.plan('trojan-looking alerts: isolate the box');
    assert.ok(!unknown.ok || unknown.spec.trigger.topics.includes('malware'), JSON.stringify(unknown));
  });

  it('when the steps are wished for with a participle ("I\'d like the host scanned"), then they are the steps', async () => {
    const plan = await accepted("for medium sev alerts I'd like the host scanned and the incident tagged av-check");
    step(plan, 'runAntiVirusScan');
    assert.deepEqual(step(plan, 'updateIncident').params.incident?.addTags, ['av-check']);
    const isolate = await accepted("on high sev ransomware alerts we'd like the device isolated");
    step(isolate, 'isolate');
  });

  it('when "an email goes to" someone, then it is a mail to them', async () => {
    const plan = await accepted('when a high sev incident arrives, an email goes to duty@contoso.com');
    assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['duty@contoso.com']);
  });

  it('when a case then gets "only" one of the steps named again, then the other steps leave that case out', async () => {
    const plan = await accepted('on high sev alerts disable the user and assign it to ir@contoso.com. For members of group Execs, only assign it.');
    assert.deepEqual(step(plan, 'disableUser').userFilter?.notInGroups, ['Execs']);
    const assigns = plan.spec.steps.filter((s) => s.action === 'updateIncident' && s.params.incident?.assignedTo === 'ir@contoso.com');
    assert.ok(assigns.some((s) => JSON.stringify(s.when ?? null).includes('"kind":"userInGroup","groups":["Execs"]}')), JSON.stringify(assigns));
    const devices = await accepted('on high sev alerts isolate the box and run a full scan. On domain controllers just run the scan.');
    assert.deepEqual(step(devices, 'isolate').deviceFilter?.exclude?.kinds, ['domainController']);
    const scans = devices.spec.steps.filter((s) => s.action === 'runAntiVirusScan');
    assert.ok(scans.some((s) => !s.deviceFilter?.exclude?.kinds?.includes('domainController') && (!s.deviceFilter?.include || s.deviceFilter.include.kinds?.includes('domainController'))), JSON.stringify(scans));
  });

  it('when a line is "the same but" with one step said otherwise, then that line has the steps before with that one changed', async () => {
    const plan = await accepted('on malware alerts: Windows: isolate the device + full scan. macOS: same but a quick scan.');
    const mac = plan.spec.steps.filter((s) => s.deviceFilter?.include?.osPlatforms?.includes('macOS'));
    assert.deepEqual(mac.map((s) => s.action).sort(), ['isolate', 'runAntiVirusScan'], JSON.stringify(plan.spec.steps));
    assert.equal(mac.find((s) => s.action === 'runAntiVirusScan')?.params.scanType, 'Quick');
    const unknown = await planner.plan('on malware alerts: Windows: isolate the device + full scan. macOS: same but frobnicated.');
    assert.equal(unknown.ok, false, JSON.stringify(unknown));
  });

  it('when "the exception is" a group, then the steps leave that group out', async () => {
    const plan = await accepted('on risky sign-in alerts revoke the sessions. The exception is anyone in the Night-Ops group.');
    assert.deepEqual(step(plan, 'revokeSessions').userFilter?.notInGroups, ['Night-Ops']);
  });

  it('when a reason after an exclusion says what happens to those devices anyway, then it narrows nothing and is not asked about', async () => {
    const plan = await accepted('run a quick av scan on the devices of any incident tagged wave-3. skip the lab-* boxes tho, they get rebuilt weekly anyway');
    assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter?.exclude?.namePatterns, ['lab-*']);
  });

  it('when a rule opens with when it takes effect ("effective immediately:"), then that is no condition', async () => {
    const plan = await accepted('Policy effective immediately: high sev MDE incidents -> isolate the host');
    step(plan, 'isolate');
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
  });

  it('when a band has no VirusTotal word ("Under 4:") after bands that had it, then it is a VirusTotal band too', async () => {
    const plan = await accepted('VT 10+: isolate the device. Under 4: nothing except a comment on the incident.');
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { not: MALICIOUS_HASH(4) });
  });

  it('when the block is named by its API action ("BlockAndRemediate hash"), then it is a block of that kind', async () => {
    const plan = await accepted('VT 30+: BlockAndRemediate hash');
    const block = step(plan, 'createIndicator');
    assert.equal(block.params.indicatorAction, 'BlockAndRemediate');
    assert.ok(block.target.kind === 'iocs' && block.target.iocTypes?.join() === 'file', JSON.stringify(block));
  });

  it('when a mail address has letters that are also chat slang ("fr"), then the address is kept whole', async () => {
    // (At efcddf3 "fr" was taken for slang inside "secops-fr@contoso.fr": the mail went to no one.)
    const plan = await accepted('on phishing alerts block the url and email secops-fr@contoso.fr fr fr');
    assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['secops-fr@contoso.fr']);
  });

  it('when machines are "with the tag" X, then it is the machines\' tag, not the incident\'s', async () => {
    const plan = await accepted('on high sev alerts collect a package from the machines with the tag Vault');
    assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter?.include?.tags, ['Vault']);
    assert.equal(step(plan, 'collectInvestigationPackage').when, undefined);
  });

  it('when a second-language speaker puts "never" after the verb, says "deactivate", or "in this case", then the rule is read', async () => {
    const order = await accepted('on ransomware alerts isolate the device. Servers you isolate never.');
    assert.deepEqual(step(order, 'isolate').deviceFilter?.exclude?.kinds, ['server']);
    const deactivate = await accepted('on high sev identity alerts deactivate the account. If the user is member of the group Board, do not deactivate him, in this case send only a mail to ciso@contoso.com.');
    assert.deepEqual(step(deactivate, 'disableUser').userFilter?.notInGroups, ['Board']);
    assert.deepEqual(step(deactivate, 'sendMail').when?.condition, { kind: 'userInGroup', groups: ['Board'] });
  });

  it('when a sentence says how people feel about a step, then it is a reason; with "so only" after it, it is still a case', async () => {
    const plan = await accepted('on ransomware alerts isolate the device. the nurses get really annoyed when their carts are cut off.');
    step(plan, 'isolate');
    const narrowed = await planner.plan('on ransomware alerts isolate the device. the nurses hate false alarms so only do it for high sev');
    assert.ok(!narrowed.ok || narrowed.spec.trigger.severities.join() === 'High' || JSON.stringify(narrowed.spec.steps).includes('"High"'), JSON.stringify(narrowed));
  });

  it('when the laptops themselves are not to be touched and the plan only mails, then the mail is planned', async () => {
    const plan = await accepted("on high sev incidents email ciso@contoso.com. Don't take any action on the laptops themselves.");
    assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['ciso@contoso.com']);
  });

  it('when a shift heading also names the cases ("Night rules for phishing alerts (MDO):"), then the cases are kept', async () => {
    // (At efcddf3 a heading that opened with "Overnight" was dropped whole: the lines below ran on every alert.)
    const plan = await accepted('Overnight rules for phishing alerts from MDO:\n- High -> block the url\n- Low -> nothing');
    assert.ok(plan.spec.trigger.serviceSources.includes('MicrosoftDefenderForOffice365') || plan.spec.trigger.topics.includes('phishing'), JSON.stringify(plan.spec.trigger));
  });

  it('when "all other X ->" follows a case that only notifies, then the steps leave that case out, or Rampart asks', async () => {
    // (At efcddf3 "all other high ones" was read as "high ones": the Legal-tagged incidents were isolated and blocked.)
    const plan = await planner.plan('when an incident is tagged Legal, just email ir@contoso.com. all other high ones -> isolate the device and block the hash');
    if (plan.ok) {
      for (const s of plan.spec.steps.filter((x) => x.action !== 'sendMail')) assert.ok(JSON.stringify(s.when ?? null).includes('{"not":{"kind":"incidentTag","tags":["Legal"]}}'), JSON.stringify(s));
    }
  });

  it('when the kind of alert "isn\'t" a named family, then the step leaves that family out', async () => {
    const plan = await accepted('run a full scan for malware alerts that aren\'t eicar');
    assert.deepEqual(step(plan, 'runAntiVirusScan').when?.condition, { not: { any: [{ kind: 'threatFamily', families: ['EICAR'] }, { kind: 'titleContains', keywords: ['EICAR'] }] } });
  });

  it('when a heading says how long the rules hold ("for tonight, per sev:", "until Fri"), then it names no case', async () => {
    const plan = await accepted('for tonight, per sev:\n- high: isolate the box\n- medium: quick scan, no isolation');
    assert.deepEqual(step(plan, 'isolate').when?.condition, { kind: 'severity', severities: ['High'] });
    const until = await accepted('Standing order until Fri (patch window):\n- high sev MDE incidents: collect the investigation pkg');
    step(until, 'collectInvestigationPackage');
  });

  it('when the devices are "the fleet" or "the estate", and a kind is "not this playbook", then those are devices and that kind is left out', async () => {
    const plan = await accepted('rules for the macOS estate: high sev alerts -> isolate the device. Windows: not this playbook, the other one covers it.');
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.osPlatforms, ['macOS']);
    assert.ok(step(plan, 'isolate').deviceFilter?.exclude?.osPlatforms?.includes('Windows'));
  });

  it('when kinds of device "stay online but get a scan", then they are never isolated and they are scanned', async () => {
    const plan = await accepted('on high sev lateral movement alerts isolate every workstation; servers stay online but get a full scan.');
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude?.kinds, ['server']);
    assert.ok(plan.spec.steps.some((s) => s.action === 'runAntiVirusScan' && s.deviceFilter?.include?.kinds?.includes('server')), JSON.stringify(plan.spec.steps));
  });

  it('when an analyst tags the incident themselves ("when I tag an incident X"), then the playbook runs on incidents tagged X', async () => {
    const plan = await accepted('when I (or anyone on nights) tag an incident confirmed-bad after manual review: assign to me, lead@contoso.com');
    assert.deepEqual(step(plan, 'updateIncident').when?.condition ?? plan.spec.trigger, step(plan, 'updateIncident').when?.condition ?? plan.spec.trigger);
    assert.ok(JSON.stringify(plan.spec).includes('confirmed-bad'), JSON.stringify(plan.spec));
  });

  it('when everything else is left to the analyst ("everything else i\'ll look at myself"), then nothing else is done', async () => {
    const plan = await accepted('for high sev ransomware alerts isolate the box. everything else i\'ll look at myself');
    step(plan, 'isolate');
  });

  it('when doubt about the tools opens the request ("not sure which one this lives in, but:"), then it names no case', async () => {
    const plan = await accepted('we have sentinel and defender and im not sure which one this lives in, but: on high sev alerts run a quick scan');
    step(plan, 'runAntiVirusScan');
  });

  it('when an MSP calls the incident a ticket, then closing it closes the incident and a ticket opened by mail is the mail', async () => {
    const closed = await accepted('whenever defender flags EICAR on a pc just close the ticket as informational expected activity');
    assert.equal(step(closed, 'updateIncident').params.incident?.status, 'Resolved');
    const mailed = await accepted('on phishing alerts open a ticket for us by emailing desk@contoso.com');
    assert.deepEqual(step(mailed, 'sendMail').params.mailTo, ['desk@contoso.com']);
  });

  it('when a phishing mail "went to" people in a group, then it is the group of the alert\'s users', async () => {
    const plan = await accepted('when MDO catches a phishing mail that went to anyone in the Board group, post in teams');
    assert.deepEqual(step(plan, 'teamsMessage').when?.condition, { kind: 'userInGroup', groups: ['Board'] });
  });

  it('when a group is named with "grp", then its name is the words before it, not "X group"', async () => {
    // (At efcddf3 "in On Call grp" became the group "On Call group", which no user is in: the reset ran on them.)
    const plan = await accepted('on risky sign-in alerts revoke sessions + reset pw, unless theyre in On Call grp');
    for (const s of plan.spec.steps) assert.deepEqual(s.userFilter?.notInGroups, ['On Call'], JSON.stringify(s));
  });

  it('when a list line says "anything tagged X -> hands off", then incidents so tagged are skipped, and the reason after it narrows nothing', async () => {
    const plan = await accepted('on high sev alerts isolate the box. Anything tagged Drill -> hands off, the blue team is testing all week.');
    assert.deepEqual(step(plan, 'isolate').when?.condition, { not: { kind: 'incidentTag', tags: ['Drill'] } });
  });

  it('when a fact is "somehow" so, then it is that fact', async () => {
    const plan = await accepted('isolate the box on high sev, unless it is somehow a server');
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude?.kinds, ['server']);
  });

  it('when people are "one of the staff (GroupName)" in a request about groups, then they are that group\'s members', async () => {
    const plan = await accepted('on high sev alerts disable the user unless they are in the Leavers group. if its one of the contractors (Vendor-Staff), only post in teams.');
    assert.ok(JSON.stringify(step(plan, 'teamsMessage').when?.condition).includes('{"kind":"userInGroup","groups":["Vendor-Staff"]}'), JSON.stringify(plan.spec.steps));
    assert.ok(step(plan, 'disableUser').userFilter?.notInGroups?.includes('Vendor-Staff'), JSON.stringify(plan.spec.steps));
  });

  it('when named devices stand somewhere ("the boxes at the depot (names start with trm-)"), then they are the devices so named', async () => {
    const plan = await accepted('on high sev alerts isolate the boxes at the depot (names start with trm-)');
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.namePatterns, ['trm-*']);
  });

  it('when someone "signs in from a strange location", then it is a risky sign-in', async () => {
    const plan = await accepted('when someone signs in from a strange location, revoke their sessions');
    assert.deepEqual(plan.spec.trigger.serviceSources, ['AzureAdIdentityProtection']);
  });

  it('when a request is signed with an initial ("Thx, K."), then the initial names no case', async () => {
    const plan = await accepted('on high sev alerts isolate the box. Thx, K.');
    step(plan, 'isolate');
  });

  it('when a list of title words before an arrow is joined by commas, then every word of it is the condition', async () => {
    const plan = await accepted('title mentions mimikatz, rubeus or kekeo -> isolate the box');
    assert.deepEqual([...plan.spec.trigger.titleKeywords].sort(), ['kekeo', 'mimikatz', 'rubeus']);
    const branches = await accepted('high sev: mac -> quick scan, windows or linux -> full scan');
    assert.ok(branches.spec.steps.some((s) => s.params.scanType === 'Full' && s.deviceFilter?.include?.osPlatforms?.includes('Linux')), JSON.stringify(branches.spec.steps));
  });

  it('when a group\'s name holds a VirusTotal word ("Vendor-Staff", "Bad Actors"), then it is only a group, never a verdict', async () => {
    // (At efcddf3 both names also read as "malicious on VirusTotal": "otherwise disable" then disabled the group's
    // members whenever VirusTotal had nothing on the alert.)
    for (const group of ['Vendor-Staff', 'Bad Actors']) {
      const plan = await accepted(`on high sev alerts, if the user is in the '${group}' group, post in teams, otherwise disable the user`);
      assert.deepEqual(step(plan, 'disableUser').userFilter?.notInGroups, [group]);
      assert.equal(step(plan, 'disableUser').when, undefined, JSON.stringify(plan.spec.steps));
      assert.deepEqual(step(plan, 'teamsMessage').when?.condition, { kind: 'userInGroup', groups: [group] });
    }
  });

  it('when kind words come with the device group or tag in brackets ("the lab PCs (device group QA-Lab)"), then the bracket says which devices', async () => {
    const plan = await accepted('on high sev alerts isolate the box unless its one of the lab PCs (device group QA-Lab)');
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude?.groups, ['QA-Lab']);
    const scan = await accepted('scan the till machines (device group Retail-POS) on medium alerts');
    assert.deepEqual(step(scan, 'runAntiVirusScan').deviceFilter?.include?.groups, ['Retail-POS']);
  });

  it('when the others are left to people who do them by hand, then that reason narrows nothing', async () => {
    const plan = await accepted('on phishing alerts block the url. For the other detection sources please do nothing, the analysts check them by hand.');
    step(plan, 'createIndicator');
  });

  it('when alerts are to be "put on the status" X and assigned to a "team mailbox", then that is the status and the assignee, for those alerts', async () => {
    // (At efcddf3 "set alerts whose detection source is X to status In progress" set every incident in progress.)
    const plan = await accepted('Alerts from Custom detection shall be put on the status In progress and assigned to the team mailbox soc@contoso.com.');
    assert.ok(plan.spec.steps.every((s) => s.action === 'updateIncident'), JSON.stringify(plan.spec.steps));
    const set = await accepted('set alerts whose detection source is Custom detection to status In progress');
    assert.deepEqual(step(set, 'updateIncident').when?.condition, { kind: 'detectionSource', sources: ['CustomDetection'] });
  });

  it('when an alert-only indicator is said "without block", then it is alert only', async () => {
    const plan = await accepted('on MDE file alerts: 11+ engines: block the hash. Between 1 and 10 engines, create just an indicator in alert mode, without block.');
    assert.ok(plan.spec.steps.some((s) => s.action === 'createIndicator' && s.params.indicatorAction === 'Alert'), JSON.stringify(plan.spec.steps));
  });

  it('when a kind of IOC gets "nothing" (another team\'s job), then no indicator of that kind is made', async () => {
    const plan = await accepted('on MDE alerts: 11+ engines: block the IOC. 1-10 engines: add an alert-only indicator. For the IP addresses nothing, our network team does that.');
    for (const s of plan.spec.steps) assert.ok(s.target.kind === 'iocs' && !s.target.iocTypes.includes('ip'), JSON.stringify(s));
  });

  it('when a step is said with "then" after a case ("collect a package whenever X, then isolate"), then it runs in that case only', async () => {
    // (At efcddf3 the isolation after "then" ran on every incident.)
    const plan = await accepted("collect an investigation package from each device whenever an incident has the tag 'ir-hold', then isolate the device");
    assert.deepEqual(step(plan, 'isolate').when?.condition, { kind: 'incidentTag', tags: ['ir-hold'] });
  });

  it('when a question about what a step does opens the request, then it is no step', async () => {
    // (A question naming "collect investigation package" had become a package collected on every incident.)
    const plan = await accepted("Silly question, what does 'restrict app execution' actually do? Anyway, on high sev ransomware alerts isolate the device");
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['isolate']);
  });

  it('when a story says what broke before ("I was told hard blocks broke something", "hard blocks broke prod"), then it makes no step', async () => {
    const told = await accepted('on high sev alerts revoke sessions. I was told hard blocks broke something last month.');
    assert.deepEqual(told.spec.steps.map((s) => s.action), ['revokeSessions']);
    const bare = await accepted('on high sev alerts revoke sessions. hard blocks broke prod last month.');
    assert.deepEqual(bare.spec.steps.map((s) => s.action), ['revokeSessions']);
  });

  it('when the domain the company owns is never to be blocked ("X and its subdomains are ours"), then blocks leave it out', async () => {
    const plan = await accepted('MDO phish: block every URL in the message. fabrikam.com and its subdomains are ours - never block those, even if spoofed.');
    assert.deepEqual(step(plan, 'createIndicator').iocFilter?.excludeDomains, ['fabrikam.com']);
    const star = await accepted('MDO phish: block every URL in the message. never block *.fabrikam.com');
    assert.deepEqual(step(star, 'createIndicator').iocFilter?.excludeDomains, ['fabrikam.com']);
  });

  it('when a new analyst passes on what the lead said, apologises, or hopes it makes sense, then those words name no case', async () => {
    const plan = await accepted('Sorry, one more :) my lead said to skip servers. on high sev ransomware alerts isolate the device, I hope that makes sense');
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude?.kinds, ['server']);
    const possible = await accepted('on medium PUA alerts email the user if that\'s possible, it is only to educate them.');
    step(possible, 'sendMail');
  });

  it('when a block is "only in audit/warn mode, not a hard block", then the indicator is audit only', async () => {
    const plan = await accepted('if VT says 8 or more on the IP, block that IP but only in audit mode, not a hard block');
    assert.equal(step(plan, 'createIndicator').params.indicatorAction, 'Audit');
  });

  it('when the team is the subject ("we post in the Teams channel"), the group is quoted without "group", and the other case is "only the Teams post", then all are read', async () => {
    const plan = await accepted("For MDI incidents: if the user is in 'Domain Admins', we post in the Teams channel and email ir@contoso.com, otherwise only the Teams post.");
    assert.deepEqual(step(plan, 'sendMail').when?.condition, { kind: 'userInGroup', groups: ['Domain Admins'] });
    const posts = plan.spec.steps.filter((s) => s.action === 'teamsMessage');
    assert.ok(posts.some((s) => s.when === undefined) || posts.length === 2, JSON.stringify(plan.spec.steps));
  });

  it('when two kinds are left alone as "leave Windows alone, and Linux too", then both are left out', async () => {
    const plan = await accepted('on high sev alerts run a full scan. leave Windows alone, and Linux too.');
    assert.deepEqual([...(step(plan, 'runAntiVirusScan').deviceFilter?.exclude?.osPlatforms ?? [])].sort(), ['Linux', 'Windows']);
  });

  it('when "one" stands for the investigation package named before, and the mail says "that it\'s ready", then both steps are read', async () => {
    const plan = await accepted("The forensics folks want investigation packages. Could Rampart collect one from each device whenever an incident is tagged dfir? And then email dfir@contoso.com that it's ready?");
    assert.deepEqual(step(plan, 'collectInvestigationPackage').when?.condition, { kind: 'incidentTag', tags: ['dfir'] });
    assert.deepEqual(step(plan, 'sendMail').when?.condition, { kind: 'incidentTag', tags: ['dfir'] });
  });

  it('when "it shouldn\'t do anything for Low severity alerts", then low severity alerts are skipped', async () => {
    const plan = await accepted('when VT flags the IP with 5+ engines, block it. Also it shouldn\'t do anything for low severity alerts.');
    assert.deepEqual(step(plan, 'createIndicator').when?.condition, { not: { kind: 'severity', severities: ['Low'] } });
  });

  it('when people are "excluded from all of this" in a last sentence, then every step leaves them out, not only the last sentence\'s', async () => {
    // (At efcddf3 only the last sentence's step left the group out: its members' passwords were still reset.)
    const plan = await accepted('on high alerts, if VT >= 5: reset the password. If VT is under 5: revoke sessions. Accounts in the Vault group are excluded from all of this.');
    for (const s of plan.spec.steps) assert.deepEqual(s.userFilter?.notInGroups, ['Vault'], JSON.stringify(s));
  });

  it('when bands name the indicator action ("1-4 -> action Warn") and the expiry is a sentence of its own, then both are read', async () => {
    const plan = await accepted('For MDO phishing alerts: one URL indicator per URL based on VT count. 1-3 -> action Audit, >=4 -> Block. Expires after 10 days.');
    const audit = plan.spec.steps.find((s) => s.params.indicatorAction === 'Audit');
    assert.equal(audit?.params.expiresInDays, 10, JSON.stringify(plan.spec.steps));
    const block = plan.spec.steps.find((s) => s.action === 'createIndicator' && s.params.indicatorAction === undefined);
    assert.ok(block?.target.kind === 'iocs' && block.target.minEngines === 4 && block.params.expiresInDays === 10, JSON.stringify(plan.spec.steps));
  });

  it('when the lower band is "below N or not in VT", then it is below N (what VirusTotal never saw is below any threshold)', async () => {
    const plan = await accepted('on risky sign-in alerts: if the IP has VT >= 6: reset the password. If below 6 or not in VT: revoke sessions only.');
    const revoke = step(plan, 'revokeSessions');
    assert.ok(JSON.stringify(revoke.when).includes('"not":{"kind":"maliciousIoc"'), JSON.stringify(revoke));
  });
});
