import assert from 'node:assert/strict';
import type { Condition } from '../../../src/playbooks/spec';
import { isQuestion } from '../../../src/playbooks/planner';
import { accepted, kinds, planner, step } from './helpers';

/**
 * English shaped by Spanish ("make the revoke of the sessions", "for this ones no isolate"), an on-call engineer's runbook
 * lines ("ack,", "sev-high MDE pages", "blast radius: indicators only", "-> x@y"), a limit said between the steps and a
 * case of their own, devices said by a bracket or a tag that get only one step, and the branches of a source.
 */
describe('offline planner: second-language English, runbook lines and limits between steps', () => {
  const severityOf = (c: Condition | undefined): string[] => {
    if (!c) return [];
    if ('kind' in c && c.kind === 'severity') return c.severities;
    if ('all' in c) return c.all.flatMap(severityOf);
    return [];
  };

  describe('English shaped by another language', () => {
    it('when the request opens with a greeting and closes with thanks in Spanish, then neither is a condition', async () => {
      const plan = await accepted('Hola! On high severity incidents isolate the device. Muchas gracias!');
      assert.equal(plan.spec.steps.length, 1);
      assert.equal(plan.spec.steps[0].action, 'isolate');
    });

    it('when the servers are left out "because they are in production", then the reason is no case and the workstations are isolated', async () => {
      const plan = await accepted('On high incidents isolate the machine. Only the workstations, never isolate the servers because they are in production.');
      const isolate = step(plan, 'isolate');
      assert.deepEqual(isolate.deviceFilter?.include?.kinds, ['workstation']);
    });

    it('when the scan is said as "make the scan of antivirus complete", then it is a full scan', async () => {
      const plan = await accepted('For every new incident make the scan of antivirus complete on all the devices of the incident.');
      assert.equal(step(plan, 'runAntiVirusScan').params.scanType, 'Full');
    });

    it('when steps are said as nouns after "make" and "no" stands for "do not", then they are the steps and the rule-out', async () => {
      const plan = await accepted('On risky sign-in alerts of low severity make only the revoke of the sessions, no reset the password.');
      assert.ok(step(plan, 'revokeSessions'));
      assert.equal(plan.spec.steps.some((s) => s.action === 'resetPassword'), false);
    });

    it('when a group is excepted and "for this ones no isolate, make only" a package, then that group gets the package and no isolation', async () => {
      const plan = await accepted('On high alerts isolate the device, except when the device is in the group Kiosk-Floor, for this ones no isolate, make only the collect of the package of investigation.');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude?.groups, ['Kiosk-Floor']);
      assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter?.include?.groups, ['Kiosk-Floor']);
    });

    it('when the other incidents are "the others incidents", then they are left as they are', async () => {
      const plan = await accepted('For the incidents that have the tag payroll, assign them to hr-sec@contoso.com. The others incidents leave them like they are.');
      assert.equal(step(plan, 'updateIncident').params.incident?.assignedTo, 'hr-sec@contoso.com');
    });

    it('when a mail is sent "for advise him", then the purpose is no condition', async () => {
      const plan = await accepted('If the hash has more than 8 detections on VirusTotal, block it and send a mail to lead@contoso.com for advise him.');
      assert.ok(step(plan, 'createIndicator'));
      assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['lead@contoso.com']);
    });

    it('when a past story opens the request, then it narrows nothing', async () => {
      const plan = await accepted('Yesterday a phishing mail got through to the payroll people and the director is really upset, so we must be quicker. For phishing alerts from Defender for Office 365, block the url.');
      const block = step(plan, 'createIndicator');
      assert.deepEqual(kinds(block.when?.condition).filter((k) => k.includes('title')), []);
      assert.deepEqual(plan.spec.trigger.serviceSources, ['MicrosoftDefenderForOffice365']);
    });
  });

  describe('an exception, then what it gets instead', () => {
    it('when "isolate, unless in group G, collect the package instead" is said, then G is never isolated and only G gets the package', async () => {
      const plan = await accepted("When the alert is high isolate the device, unless the device is in the 'Tills' device group, collect the investigation package instead.");
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { groups: ['Tills'] });
      assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter?.include, { groups: ['Tills'] });
    });

    it('when the exception is a kind of device, then only that kind gets the step said instead', async () => {
      const plan = await accepted('isolate the device unless it is a server, collect the investigation package instead');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { kinds: ['server'] });
      assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter?.include, { kinds: ['server'] });
    });
  });

  describe('what a comment says', () => {
    it('when a comment says that a scan is launched, then the scan is not a second step', async () => {
      const plan = await accepted('Run a full antivirus scan on every device of the incident, then comment on the incident that the scan is launched.');
      assert.equal(plan.spec.steps.filter((s) => s.action === 'runAntiVirusScan').length, 1);
      assert.ok(step(plan, 'updateIncident').params.incident?.addComment);
    });

    it('when a comment\'s words name no step, then they stay its text', async () => {
      const plan = await accepted('on high severity incidents leave a comment on the incident saying it needs a second look');
      assert.equal(step(plan, 'updateIncident').params.incident?.comment, 'it needs a second look');
    });

    it('when a case follows the comment\'s words, then the case is kept', async () => {
      const plan = await accepted('Add a note saying the host was contained if the alert is high, and block the IP.');
      assert.ok(step(plan, 'updateIncident'));
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
    });
  });

  describe('a limit between the steps and a case of its own', () => {
    it('when "Only when high, if medium only revoke" follows the steps, then the reset needs high and medium only revokes', async () => {
      const plan = await accepted('Reset the password of the user and revoke the sessions. Only when the severity is high, if it is medium only revoke the sessions.');
      const reset = plan.spec.steps.filter((s) => s.action === 'resetPassword');
      assert.equal(reset.length, 1);
      assert.deepEqual(severityOf(reset[0].when?.condition), ['High']);
      const revokes = plan.spec.steps.filter((s) => s.action === 'revokeSessions').map((s) => severityOf(s.when?.condition).join());
      assert.deepEqual(revokes.sort(), ['High', 'Medium']);
    });

    it('when "this is only for" Identity Protection high alerts comes before the medium case, then the same holds', async () => {
      const plan = await accepted('Reset the password of the user and revoke the sessions also. This is only for the alerts of the Identity Protection when the severity is high, if it is medium only revoke the sessions.');
      assert.deepEqual(severityOf(step(plan, 'resetPassword').when?.condition), ['High']);
    });
  });

  describe('devices that get one step only', () => {
    for (const [said, exclude] of [
      ["for devices tagged lab, only run an antivirus scan", { tags: ['lab'] }],
      ["devices tagged lab: only run an antivirus scan", { tags: ['lab'] }],
      ["for devices in the 'Lab' device group, only run an antivirus scan", { groups: ['Lab'] }],
    ] as const) {
      it(`when steps for every device are followed by "${said}", then those devices are left out of the other steps`, async () => {
        const plan = await accepted(`Isolate the device and collect the investigation package. ${said}.`);
        assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, exclude);
        assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter?.exclude, exclude);
        assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter?.include, exclude);
      });
    }

    it('when a line names devices by a tag in brackets and says what they skip and the one step they keep, then they get only that step, of the kind said before', async () => {
      const plan = await accepted('for high incidents:\n- isolate the box\n- full AV scan\n- grab the investigation package\nkiosk boxes (device tag `kiosk`): skip isolation + the package, AV scan only');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { tags: ['kiosk'] });
      assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter?.exclude, { tags: ['kiosk'] });
      const scans = plan.spec.steps.filter((s) => s.action === 'runAntiVirusScan');
      assert.ok(scans.every((s) => s.params.scanType === 'Full'), JSON.stringify(scans));
      assert.ok(scans.some((s) => JSON.stringify(s.deviceFilter?.include) === JSON.stringify({ tags: ['kiosk'] })), JSON.stringify(scans));
    });

    it('when the bracket is on a line after a bullet, then the bullet before keeps its words', async () => {
      const plan = await accepted('on high incidents:\n- isolate the box\n- post in the channel\nkiosk boxes (device tag `kiosk`): skip isolation');
      assert.ok(step(plan, 'teamsMessage'));
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { tags: ['kiosk'] });
    });
  });

  describe('an on-call engineer\'s runbook', () => {
    it('when it opens with "ack," and names "sev-high MDE pages", then those are the incidents', async () => {
      const plan = await accepted('ack, putting this down as the runbook for sev-high MDE pages:\n- isolate the box\n- post in the channel');
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
      assert.ok(step(plan, 'isolate'));
    });

    it('when "new rule pls:" heads it and "blast radius: indicators only" comes before a rule-out, then the blocks are planned and nothing else', async () => {
      const plan = await accepted('new rule pls:\n- any sha1 VT flags >= 20 engines -> block it\n- blast radius: indicators only, do not touch the devices');
      assert.deepEqual(plan.spec.steps.map((s) => s.action), ['createIndicator']);
    });

    it('when a rule-out carries a bracket saying why, then the bracket is no condition', async () => {
      const plan = await accepted('sev high ransomware alerts:\n- servers: restrict app exec ONLY, never isolate (blast radius way too big, we call the owners instead)');
      assert.ok(step(plan, 'restrictCodeExecution'));
      assert.equal(plan.spec.steps.some((s) => s.action === 'isolate'), false);
    });

    it('when an incident "flips to Resolved" as a false positive, then that is the case; "still active -> noop" adds nothing', async () => {
      const plan = await accepted('undo path for the lockdown runbook: when an incident flips to Resolved w/ classification FalsePositive, release the device from isolation. still active -> noop');
      assert.deepEqual(plan.spec.trigger.statuses, ['Resolved']);
      assert.deepEqual(plan.spec.trigger.classifications, ['FalsePositive']);
      assert.ok(step(plan, 'unisolate'));
    });

    it('when an incident "is set to In progress and tagged" so, then both updates stand and the runbook heading about a time is asked about', async () => {
      const plan = await accepted('Applies to open incidents whose title contains the word "coinminer". The incident is set to In progress and tagged miner.');
      assert.ok(plan.spec.steps.some((x) => x.params.incident?.status === 'InProgress'));
      assert.ok(plan.spec.steps.some((x) => JSON.stringify(x.params.incident?.addTags) === JSON.stringify(['miner'])));
      assert.equal(isQuestion(await planner.plan('night shift playbook: isolate the linux box')), true);
    });

    it('when a routing rule\'s last line is an address alone, then it is assigned there in the other cases', async () => {
      const plan = await accepted('routing rule for every new incident:\n- MDE -> assign edr@contoso.com\n- anything else -> desk@contoso.com');
      const assigned = plan.spec.steps.filter((s) => s.action === 'updateIncident').map((s) => s.params.incident?.assignedTo);
      assert.deepEqual(assigned, ['edr@contoso.com', 'desk@contoso.com']);
    });

    it('when a heading over arrow lines names a technique and a line is the other people, then that line is the other side and the heading\'s negation is dropped', async () => {
      const plan = await accepted('T1110 alerts:\n- acct is in Entra group `Svc Accts` -> revoke sessions + reset pwd\n- human accts -> revoke sessions only. no pwd reset\n- alerts without T1110 -> noop');
      const reset = step(plan, 'resetPassword');
      assert.deepEqual(reset.userFilter?.inGroups, ['Svc Accts']);
      const revokes = plan.spec.steps.filter((s) => s.action === 'revokeSessions');
      assert.equal(revokes.length, 2);
      assert.ok(revokes.some((s) => JSON.stringify(s.userFilter?.notInGroups) === JSON.stringify(['Svc Accts'])), JSON.stringify(revokes));
      assert.ok(plan.spec.steps.every((s) => JSON.stringify(s.when?.condition) === JSON.stringify({ kind: 'mitreTechnique', techniques: ['T1110'] })), JSON.stringify(plan.spec.steps));
    });

    it('when devices are chosen by their health said as a field ("device healthStatus Active ->"), then the steps hold to that health', async () => {
      const plan = await accepted('sev high MDE incidents:\n- device healthStatus Active -> isolate it\n- device Inactive / not reporting -> do NOT isolate, assign the incident to desk@contoso.com');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.healthStatuses, ['Active']);
      assert.equal(step(plan, 'updateIncident').params.incident?.assignedTo, 'desk@contoso.com');
    });

    it('when "iff VT mal >= 10" gates a quarantine and the other side tags the incident vt-clean, then the tag\'s name is no verdict', async () => {
      const plan = await accepted('on high alerts stop+quarantine the file on the host iff VT mal >= 10. else tag the incident vt-clean');
      const quarantine = step(plan, 'stopAndQuarantineFile');
      assert.equal(quarantine.target.kind === 'fileDevices' ? quarantine.target.minEngines : undefined, 10);
      assert.equal(kinds(step(plan, 'updateIncident').when?.condition).some((k) => k.includes('unknownIoc')), false);
    });
  });

  describe('branches by source', () => {
    it('when a branch tests only the source and an "otherwise" follows, then the other side is every other source', async () => {
      const plan = await accepted('if the alert comes from MDI, assign to idm@contoso.com. otherwise, assign to desk@contoso.com.');
      const [first, other] = plan.spec.steps;
      assert.deepEqual(first.when?.condition, { kind: 'serviceSource', sources: ['MicrosoftDefenderForIdentity'] });
      assert.deepEqual(other.when?.condition, { not: { kind: 'serviceSource', sources: ['MicrosoftDefenderForIdentity'] } });
    });

    it('when two source branches come before the "otherwise", then it holds neither source', async () => {
      const plan = await accepted('if the alert comes from MDE, assign to a@contoso.com. if it comes from MDI or MDO, assign to b@contoso.com. otherwise, assign to c@contoso.com.');
      const other = plan.spec.steps.find((s) => s.params.incident?.assignedTo === 'c@contoso.com');
      assert.deepEqual(kinds(other?.when?.condition).sort(), ['not serviceSource', 'not serviceSource']);
    });

    it('when the other sources are left alone, then the source named is still the trigger', async () => {
      const plan = await accepted('For Defender for Identity alerts, add the tag idm-review. Leave alerts from other sources alone.');
      assert.deepEqual(plan.spec.trigger.serviceSources, ['MicrosoftDefenderForIdentity']);
    });
  });
  describe('a policy\'s legal English', () => {
    it('when a tagged device "shall not be isolated, nor shall the execution of applications thereon be restricted", then neither step reaches it', async () => {
      const plan = await accepted("Notwithstanding any other provision of this automation, no device bearing the tag 'Board-Room' shall be isolated, nor shall the execution of applications thereon be restricted. Save as aforesaid, in the event that a device is implicated in an alert of High severity categorised as Ransomware, that device shall be isolated and the execution of applications thereon shall be restricted.");
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { tags: ['Board-Room'] });
      assert.deepEqual(step(plan, 'restrictCodeExecution').deviceFilter?.exclude, { tags: ['Board-Room'] });
    });

    it('when bands are said in words ("no fewer than twenty (20)", "fewer than twenty but not fewer than five", "no indicator whatsoever"), then each band gets its indicator and the lowest none', async () => {
      const plan = await accepted('Having regard to the Indicator Standard, where VirusTotal reports a file hash implicated in an incident as malicious by no fewer than twenty (20) engines, that hash shall be blocked by means of a Defender indicator, which shall expire thirty (30) days after its creation; where fewer than twenty but not fewer than five engines so report, an indicator shall nonetheless be created but shall be limited to raising an alert, without blocking; and where fewer than five engines so report, no indicator whatsoever shall be created.');
      const blocks = plan.spec.steps.filter((x) => x.action === 'createIndicator');
      assert.equal(blocks.length, 2);
      assert.equal(blocks[0].params.expiresInDays, 30);
      assert.ok(blocks.every((b) => b.target.kind === 'iocs' && (b.target.minEngines ?? 0) >= 5), JSON.stringify(blocks));
    });

    it('when the other side is said "for the avoidance of doubt", then it narrows nothing more', async () => {
      const plan = await accepted('The privacy office (privacy@contoso.com) shall be notified by email of every incident of High severity in which a mailbox is implicated; for the avoidance of doubt, incidents of a lesser severity shall not be so notified.');
      const mail = step(plan, 'sendMail');
      assert.deepEqual(mail.params.mailTo, ['privacy@contoso.com']);
      assert.deepEqual(mail.when?.condition, { kind: 'severity', severities: ['High'] });
    });

    it('when "the foregoing shall apply solely to" a device group follows two updates, then both updates hold to it', async () => {
      const plan = await accepted("Pursuant to the decision of the Audit Board, and without prejudice to the existing procedure, the incident shall be tagged 'Audit-Review' and assigned to audit@contoso.com; the foregoing shall, however, apply solely to incidents in which a device belonging to the device group 'Card-Data' is implicated, and shall not apply to any incident which has already been resolved.");
      const updates = plan.spec.steps.filter((x) => x.action === 'updateIncident');
      assert.equal(updates.length, 2);
      for (const u of updates) assert.deepEqual(u.when?.condition, { kind: 'deviceIs', match: { groups: ['Card-Data'] } }, JSON.stringify(u));
    });

    it('when "in any intermediate case, no action shall be taken save for a notification to the Teams channel" ends the cases, then that is the other side', async () => {
      const plan = await accepted('For risky sign-in alerts from Entra ID Protection, if the IP is flagged by at least 4 VirusTotal engines, confirm the user as compromised; if the IP is clean on VirusTotal, dismiss the user\'s risk; in any intermediate case, no action shall be taken save for a notification to the Teams channel.');
      const post = step(plan, 'teamsMessage');
      assert.ok(kinds(post.when?.condition).includes('not maliciousIoc') || kinds(post.when?.condition).some((k) => k.startsWith('not')), JSON.stringify(post.when));
      assert.ok(step(plan, 'confirmCompromised'));
    });

    it('when devices "shall be excluded from antivirus scanning" and "all other devices" get a quick scan, then the excluded ones are never scanned', async () => {
      const plan = await accepted('Devices running Linux shall be excluded from antivirus scanning under this automation, such devices being scanned under a separate contract; all other devices implicated in an incident of Medium severity or above shall be subjected to a quick antivirus scan.');
      const scan = step(plan, 'runAntiVirusScan');
      assert.deepEqual(scan.deviceFilter?.exclude, { osPlatforms: ['Linux'] });
      assert.deepEqual(plan.spec.trigger.severities, ['Medium', 'High']);
    });

    it('when each incident "shall be communicated by electronic mail to the recipient ... provided always that no such correspondence shall be sent where" low, then the recipient is mailed except on low ones', async () => {
      const plan = await accepted('Every incident raised by Defender for Office 365 in which a message was delivered to a mailbox shall be communicated by electronic mail to the recipient of that message, advising caution in respect thereof; provided always that no such correspondence shall be sent where the incident is of Low severity.');
      const mail = step(plan, 'sendMail');
      assert.ok(kinds(mail.when?.condition).includes('not severity'), JSON.stringify(mail.when));
    });
  });

  describe('a young analyst\'s chat', () => {
    it('when "need smth that tags incidents \'x\' when theres x in it (like the file name) and assigns them to me" is said, then both updates need a file of that name', async () => {
      const plan = await accepted("lowkey need smth that tags incidents 'rubeus' when theres rubeus in it (like the file name) and assigns them to me kim@contoso.com tysm");
      assert.deepEqual(plan.spec.trigger.titleKeywords, []);
      const updates = plan.spec.steps.filter((x) => x.action === 'updateIncident');
      assert.equal(updates.length, 2);
      for (const u of updates) assert.deepEqual(u.when?.condition, { kind: 'filePath', contains: ['rubeus'] });
    });

    it('when a file name is said to contain a word, then the case is a file of the alert with that name', async () => {
      const plan = await accepted('tag the incident lazagne when a file name contains lazagne');
      assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'filePath', contains: ['lazagne'] });
    });

    it('when "isolate it but the selective one so teams still works" is said, then the isolation is selective', async () => {
      const plan = await accepted('wen theres ransomware on a device pls isolate it but the selective one so teams still works, not if the incident is alrdy resolved tho');
      assert.equal(step(plan, 'isolate').params.isolationType, 'Selective');
      assert.deepEqual(plan.spec.trigger.statuses.includes('Resolved'), false);
    });

    it('when a group\'s member "pops up" in an alert and "anyone else nah just email", then the mail is the other side', async () => {
      const plan = await accepted('if anyone in the Contractors group pops up in a high alert just disable their account tbh 💀 anyone else nah just email soc@contoso.com abt it');
      assert.deepEqual(step(plan, 'disableUser').userFilter?.inGroups, ['Contractors']);
      assert.ok(kinds(step(plan, 'sendMail').when?.condition).includes('not userInGroup'), JSON.stringify(step(plan, 'sendMail').when));
    });

    it('when "when theres a file alert" and "mac ones too" are said, then the scan needs a file and no device is left out', async () => {
      const plan = await accepted('can u run a quick scan on the device when theres a file alert 🫠 mac ones too pls');
      const scan = step(plan, 'runAntiVirusScan');
      assert.deepEqual(scan.when?.condition, { kind: 'entityPresent', entityType: 'File' });
      assert.equal(scan.deviceFilter, undefined);
    });

    it('when the writer\'s day and who asked come first and "dont touch anything else" and "if the risk score is lower" follow, then the steps are read', async () => {
      const plan = await accepted('omg today was sooo long 😩 anyway sam said i should set this up so: if the device risk score is high confirm the user as compromised. if the risk score is lower just comment on the incident pls. i keep forgetting so dont touch anything else tho');
      assert.deepEqual(kinds(step(plan, 'confirmCompromised').when?.condition), ['deviceRisk']);
      assert.deepEqual(kinds(step(plan, 'updateIncident').when?.condition), ['not deviceRisk']);
    });
  });

  describe('a night shift\'s shorthand', () => {
    it('when "iso teh dev" is typed with an exception after it, then the device is isolated outside the group', async () => {
      const plan = await accepted('malware alrt -> iso teh dev (unles its in Lab-Net grp) + tag the incident mal');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { groups: ['Lab-Net'] });
    });
  });

  describe('an on-call engineer\'s read-only rule', () => {
    it('when "read-only rule, no blocking:" heads a post gated on VT, then the post is the one step', async () => {
      const plan = await accepted('read-only rule, no blocking: page the channel only when a URL on the incident scores >= 4 malicious on VT. below that -> noop');
      assert.deepEqual(plan.spec.steps.map((x) => x.action), ['teamsMessage']);
      assert.deepEqual(step(plan, 'teamsMessage').when?.condition, { kind: 'maliciousIoc', iocTypes: ['url'], minEngines: 4 });
    });
  });
  describe('cases strung with commas', () => {
    it('when "if medium, dismiss the risk, if high, confirm the user" is one sentence, then each step keeps its own level', async () => {
      const plan = await accepted('On risky user alerts, if the severity is medium, dismiss the risk, if it is high, confirm the user as compromised.');
      assert.deepEqual(step(plan, 'dismissRiskyUser').when?.condition, { kind: 'severity', severities: ['Medium'] });
      assert.deepEqual(step(plan, 'confirmCompromised').when?.condition, { kind: 'severity', severities: ['High'] });
    });

    it('when the levels come after "by" as German has it ("by Severity Low the Risk dismiss, by High ... confirm"), then each step keeps its own level', async () => {
      const plan = await accepted('When Identity Protection a risky User meldet: by Severity Low the Risk dismiss, by High the User as compromised confirm.');
      assert.deepEqual(step(plan, 'dismissRiskyUser').when?.condition, { kind: 'severity', severities: ['Low'] });
      assert.deepEqual(step(plan, 'confirmCompromised').when?.condition, { kind: 'severity', severities: ['High'] });
    });
  });

  describe('dictation', () => {
    it('when speech to text writes "devise", "medium sever", "sock channel", "a sign it", "in formational", "work stations" and "severs", then the words are read', async () => {
      const plan = await accepted('scan the devise on the work stations but not on the severs if the incident is medium sever and then post it in the sock channel');
      const scan = step(plan, 'runAntiVirusScan');
      assert.deepEqual(scan.deviceFilter?.include?.kinds, ['workstation']);
      assert.ok(step(plan, 'teamsMessage'));
      assert.deepEqual(plan.spec.trigger.severities, ['Medium']);
      const other = await accepted('when the incident is low or in formational severity tag it noise and a sign it to triage@contoso.com');
      assert.deepEqual(other.spec.trigger.severities, ['Informational', 'Low']);
      assert.ok(other.spec.steps.some((x) => x.params.incident?.assignedTo === 'triage@contoso.com'));
    });

    it('when a story ends with "anyway going forward" and "everybody else" starts the other side, then the story goes and the other side is read', async () => {
      const plan = await accepted('ok so um last night was chaos with the payroll laptops again anyway going forward if there\'s a user on the incident who\'s in the Directors group do not disable them just email ciso@contoso.com about it everybody else disable the account thanks');
      assert.deepEqual(step(plan, 'disableUser').userFilter?.notInGroups, ['Directors']);
      assert.ok(kinds(step(plan, 'sendMail').when?.condition).includes('userInGroup'), JSON.stringify(step(plan, 'sendMail').when));
    });
  });

  describe('English with German habits', () => {
    it('when compounds and verbs come last ("on all Devices the Code-Execution restrict and at the Incident the Tag X set"), then both steps are read', async () => {
      const plan = await accepted('For Incidents with the Category Ransomware: on all Devices the Code-Execution restrict and at the Incident the Tag Ransom-Handled set.');
      assert.ok(step(plan, 'restrictCodeExecution'));
      assert.deepEqual(step(plan, 'updateIncident').params.incident?.addTags, ['Ransom-Handled']);
    });

    it('when "in the Incident a User from the Group G is" and "By the other Users only the Sessions revoke" are said, then the group gets both steps and the others only the revoke', async () => {
      const plan = await accepted('Until now we make this by hand: when in the Incident a User from the Group Payroll-Admins is, then Password reset and the Sessions revoke. By the other Users only the Sessions revoke.');
      assert.deepEqual(step(plan, 'resetPassword').userFilter?.inGroups, ['Payroll-Admins']);
      const revokes = plan.spec.steps.filter((x) => x.action === 'revokeSessions');
      assert.ok(revokes.some((x) => JSON.stringify(x.userFilter?.notInGroups) === JSON.stringify(['Payroll-Admins'])), JSON.stringify(revokes));
    });

    it('when the other side assigns "the Incident to Tier2 assign (x@y)", then it is assigned there', async () => {
      const plan = await accepted('Close the Incident as False Positive, when the Severity is Low. Else the Incident to Tier2 assign (tier2@contoso.com).');
      assert.ok(plan.spec.steps.some((x) => x.params.incident?.assignedTo === 'tier2@contoso.com'));
    });

    it('when a group\'s name is hyphenated like a compound ("Finance-Users"), then it stays the name', async () => {
      const plan = await accepted('MDO alerts where the recipient is in the group Payroll-Users: revoke their sessions.');
      assert.deepEqual(step(plan, 'revokeSessions').userFilter?.inGroups, ['Payroll-Users']);
    });
  });
  describe('a veteran sysadmin\'s slang', () => {
    it('when a slang verb carries the step in brackets ("nuke the box from orbit (full isolation)", "zap (stop+quarantine)"), then the bracket is the step', async () => {
      const plan = await accepted('nuke the box from orbit (full isolation) if VT has >= 25 engines on any hash found on it. otherwise leave it alone. kthx');
      const isolate = step(plan, 'isolate');
      assert.equal(isolate.params.isolationType, 'Full');
      assert.ok(JSON.stringify(isolate).includes('"minEngines":25'), JSON.stringify(isolate));
    });

    it('when a bracket says why ("don\'t lock us out of the tenant again, fwiw"), then the exception before it stands alone', async () => {
      const plan = await accepted("kill sessions + disable the acct for whoever's on an IdP alert, unless they're in Tenant-Owners (don't lock us out of the tenant again, fwiw)");
      assert.deepEqual(step(plan, 'disableUser').userFilter?.notInGroups, ['Tenant-Owners']);
    });

    it('when "iirc we never isolate X. everything else w/ a high alert: isolate" is said, then the group is left out and the rest of high alerts isolated', async () => {
      const plan = await accepted('iirc we never auto-isolate anything in the Build-Farm group. everything else w/ a high alert: isolate. drop a note in teams either way');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { groups: ['Build-Farm'] });
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
      assert.ok(step(plan, 'teamsMessage'));
    });
  });
  describe('an incident commander\'s checklist', () => {
    it('when a runbook is named by a kind of alert ("Phishing runbook:"), then its steps are for those alerts (the name had gone without a word)', async () => {
      const plan = await accepted('Phishing runbook:\n1) block the url\n2) post to the SOC channel in Teams');
      assert.ok(plan.spec.trigger.topics.includes('phishing') || JSON.stringify(plan.spec).includes('Phishing'), JSON.stringify(plan.spec.trigger));
    });

    it('when "n.b. NOT the <kind> (<name> device group), we need those for <reason>" follows the items, then that group is left out', async () => {
      const plan = await accepted('Malware runbook, auto part:\n1) isolate every affected host\n2) post to the SOC channel in Teams\nn.b. NOT the print servers (PRN device group), we need those for payroll');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { groups: ['PRN'] });
    });

    it('when items are lettered and one sets "status -> In Progress", then the status is set; a case that skips items by letter and "only" keeps one step gets that step alone', async () => {
      const plan = await accepted('triage for new incidents:\na) assign to ir-l2@contoso.com\nb) status -> In Progress');
      assert.ok(plan.spec.steps.some((x) => x.params.incident?.status === 'InProgress'));
      const skipping = await accepted('triage for new incidents:\na) assign to ir-l2@contoso.com\nb) status -> In Progress\nc) sev low: skip a+b, only drop a comment');
      const lowOut = { not: { kind: 'severity', severities: ['Low'] } };
      const assign = skipping.spec.steps.find((x) => x.params.incident?.assignedTo === 'ir-l2@contoso.com');
      const status = skipping.spec.steps.find((x) => x.params.incident?.status === 'InProgress');
      assert.deepEqual(assign?.when?.condition, lowOut);
      assert.deepEqual(status?.when?.condition, lowOut);
      assert.deepEqual(skipping.spec.steps.find((x) => x.params.incident?.addComment)?.when?.condition, { kind: 'severity', severities: ['Low'] });
    });

    it('when "indicators expire after N days" is an item of its own and a rule-out says why with "we\'ve had FPs", then the block expires and the reason narrows nothing', async () => {
      const plan = await accepted('phish checklist:\n- block the URLs, only the ones VT has at >= 3 malicious\n- do NOT block the sender domain, we\'ve had FPs w/ big webmail providers\n- indicators expire after 14 days');
      const block = step(plan, 'createIndicator');
      assert.equal(block.params.expiresInDays, 14);
    });
  });
});
