import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { accepted, planner, step } from './helpers';

const isolateWhen = async (request: string): Promise<string> => JSON.stringify(step(await accepted(request), 'isolate').when ?? null);

describe('offline planner: words that say which cases, replacements and waved-off details', () => {
  describe('words that say which cases are never dropped', () => {
    it('when the cases come first with a comma and no verb, then their VirusTotal test governs the steps', async () => {
      assert.match(await isolateWhen('any new critical sev from mde having a hash VT flags on more than 7 engines, isolate the host'), /"minEngines":8/);
      assert.match(await isolateWhen('trickbot or icedid hits, isolate the endpoint'), /TrickBot/);
    });

    it('when a clause with no step names the alerts in words Rampart does not know, then it asks rather than act on every alert', async () => {
      const plan = await planner.plan('could you arrange it whereby zorbex or quantaloo alerts, isolate the workstation');
      assert.ok(isQuestion(plan), JSON.stringify(plan));
    });

    it('when a threshold header follows another sentence with a number, then it is its own band, never a step with no test', async () => {
      const plan = await accepted('if VT has the hash at 2-6 engines, add a comment. 7 or more: block the hash');
      const target = step(plan, 'createIndicator').target;
      assert.equal(target.kind === 'iocs' ? target.minEngines : undefined, 7);
      const asked = await planner.plan('if VT has the hash at 2-6 engines, add a comment. with 7 or more matches: block the hash');
      assert.ok(isQuestion(asked), JSON.stringify(asked));
    });

    it('when a "medium or lower" device risk is named, then the step leaves out each device above it', async () => {
      const plan = await accepted('if any device risk is medium or lower run a full scan on it');
      assert.equal(step(plan, 'runAntiVirusScan').when, undefined);
      assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter, { exclude: { minRiskScore: 'High' } });
    });
  });

  describe('what is not done, and what replaces what', () => {
    it('when "no account changes", "dont touch the host itself" or "no other changes" follow steps that do not do that, then they narrow nothing', async () => {
      for (const r of ['block every hash VT flags on 2+ engines. dont touch the host itself', 'for mdo incidents set it in progress. that is it, no account changes', 'tag every mde incident mde-triage. no other changes']) {
        const plan = await planner.plan(r);
        assert.ok(plan.ok, `${r}: ${JSON.stringify(plan)}`);
      }
      assert.ok(!(await planner.plan('isolate the box and block the hash. no device actions on these')).ok);
    });

    it('when a later step comes "instead" in a case, then the steps of its kind said before are left out in that case', async () => {
      const plan = await accepted('on credential theft alerts reset the pw of the user. if the acct is in the Helpdesk group, revoke their sessions instead');
      assert.deepEqual(step(plan, 'resetPassword').userFilter, { notInGroups: ['Helpdesk'] });
      assert.deepEqual(step(plan, 'revokeSessions').userFilter, { inGroups: ['Helpdesk'] });
      const said = await accepted("on credential theft alerts reset the pw of the user. if the acct is in the Helpdesk group don't reset, just revoke their sessions");
      assert.deepEqual(step(said, 'resetPassword').userFilter, { notInGroups: ['Helpdesk'] });
    });

    it('when an exception is followed by "then only", then that is what the exception gets and the steps before skip it', async () => {
      const plan = await accepted('disable the acct on phishing incidents. NOT if theyre in Execs though, then only revoke the sessions');
      assert.deepEqual(step(plan, 'disableUser').userFilter, { notInGroups: ['Execs'] });
      assert.deepEqual(step(plan, 'revokeSessions').userFilter, { inGroups: ['Execs'] });
      // Said of a device, the same words are no user group.
      assert.ok(!JSON.stringify((await planner.plan('isolate the laptop unless its in Quarantine Lab'))).includes('userInGroup'));
    });

    it('when a step is done "rather than isolating them", then no isolation is planned', async () => {
      const plan = await accepted('for high sev incidents on servers, restrict app execution rather than isolating them');
      assert.deepEqual(plan.spec.steps.map((s) => s.action), ['restrictCodeExecution']);
    });
  });

  describe('asides and sentences that only qualify', () => {
    it('when "VT doesnt matter", "doesnt matter if its low sev" or "when it happens" is said, then nothing is narrowed or asked', async () => {
      for (const r of ['ransomware on a host -> isolate it, VT doesnt matter', 'revoke sessions for the user in a risky sign-in alert, doesnt matter if its low sev', 'isolate ransomware machines and email me at ops@contoso.com when that happens']) {
        const plan = await planner.plan(r);
        assert.ok(plan.ok, `${r}: ${JSON.stringify(plan)}`);
        assert.equal(JSON.stringify(plan.spec.trigger.severities), '[]');
      }
    });

    it('when "Only for X incidents." or "Only incidents with a severity of X are processed" closes a description, then X is the trigger', async () => {
      assert.deepEqual((await accepted('The playbook collects a package from each device. Only for Medium severity incidents.')).spec.trigger.severities, ['Medium']);
      assert.deepEqual((await accepted('This playbook runs an AV scan on the devices. Only incidents with a severity of Low are processed; all others are ignored.')).spec.trigger.severities, ['Low']);
    });
  });

  describe('updates, lists and descriptions', () => {
    it('when "only if the box is in the X group" follows two updates, then it gates both, and "anywhere else means ..., ping me" is the other case', async () => {
      const plan = await accepted('on trojan alerts tag it lab-noise and close it as benign, but only if the box is in the Sandbox group. a trojan anywhere else means trouble, ping the channel');
      for (const s of plan.spec.steps.filter((x) => x.action === 'updateIncident')) assert.match(JSON.stringify(s.when), /"groups":\["Sandbox"\]/);
      assert.match(JSON.stringify(step(plan, 'teamsMessage').when), /"not":\{"kind":"deviceIs"/);
    });

    it('when an update is said with "unless the title says X", then it skips those alerts', async () => {
      const plan = await accepted('for informational alerts resolve it as benign unless the title says beacon');
      assert.deepEqual(step(plan, 'updateIncident').when?.condition, { not: { kind: 'titleContains', keywords: ['beacon'] } });
    });

    it('when titles are named as a list, when hosts are named by a wildcard or a tag before them, then each is read', async () => {
      assert.deepEqual((await accepted('alert titles with rubeus or seatbelt in them: isolate the machine')).spec.trigger.titleKeywords, ['rubeus', 'seatbelt']);
      assert.deepEqual(step(await accepted('quick scan on srv-* machines for low alerts'), 'runAntiVirusScan').deviceFilter, { include: { namePatterns: ['srv-*'] } });
      assert.deepEqual(step(await accepted('the Kiosk tagged windows boxes, if a ransomware alert fires isolate the box'), 'isolate').deviceFilter, { include: { tags: ['Kiosk'], osPlatforms: ['Windows'] } });
      assert.match(JSON.stringify((await accepted('alerts on the till machines (device tag Tills): mail pos-team@contoso.com')).spec.steps[0].when), /"tags":\["Tills"\]/);
    });

    it('when the mail goes to the recipient "with a heads up", or the IP is "the one it talked to", then those are the mail to the users and the alert\'s IP', async () => {
      const plan = await accepted('for mdo phish alerts send the recipient a heads up mail from the soc box telling them to ignore it, and block the ip it connected to');
      assert.equal(step(plan, 'sendMail').params.mailToUsers, true);
      assert.deepEqual(step(plan, 'createIndicator').target, { kind: 'iocs', iocTypes: ['ip'], minEngines: null });
    });

    it('when a description creates an indicator "for every address", stops "any running process of that file", or resolves "setting the classification", then those are the block, the quarantine and the resolve', async () => {
      const block = await accepted('The playbook creates a Defender for Endpoint indicator with the action Warn for every URL reported as malicious by at least 4 vendors.');
      assert.equal(step(block, 'createIndicator').params.indicatorAction, 'Warn');
      assert.ok(await accepted('When VirusTotal flags a file with 15 or more detections, the playbook stops any running process of that file and quarantines it.').then((p) => step(p, 'stopAndQuarantineFile')));
      const close = await accepted('The playbook resolves incidents whose alerts are detections of the EICAR file, setting the classification to false positive.');
      assert.equal(step(close, 'updateIncident').params.incident?.classification, 'FalsePositive');
      assert.ok(!JSON.stringify(close.spec.steps).includes('maliciousIoc'));
    });
  });

  describe('lists, headers and what the steps leave out', () => {
    it('when a source catches "A or B", then both the source and one of the families must hold', async () => {
      const plan = await accepted('edr catches icedid or trickbot on a laptop -> stop & quarantine the file on that box');
      assert.match(JSON.stringify(step(plan, 'stopAndQuarantineFile').when), /^\{"condition":\{"all":/);
      assert.deepEqual((await accepted('if the malware family is conti or akira isolate everything in the incident')).spec.steps.map((s) => s.action), ['isolate']);
    });

    it('when a header names devices, then the sentences after it are about those devices too', async () => {
      const plan = await accepted('alerts on the dcs: leave the box itself alone!! reset the pw of the account. post in teams');
      for (const s of plan.spec.steps) assert.match(JSON.stringify(s.when), /domainController/, s.action);
    });

    it('when "X: same + Y" follows a branch, then X gets those steps and Y; "servers: leave them alone" leaves servers out', async () => {
      const plan = await accepted('low sev on workstations: quick scan + tag it low-scan. medium sev: same + collect a package. servers: leave them alone');
      assert.equal(plan.spec.steps.filter((s) => s.action === 'runAntiVirusScan').length, 2);
      assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter?.exclude, { kinds: ['server'] });
    });

    it('when IOC kinds are left out ("except hashes", "dont bother w/ urls"), then no block is made of them', async () => {
      assert.deepEqual(step(await accepted('block every ioc VT flags on 6+ engines, except hashes'), 'createIndicator').target, { kind: 'iocs', iocTypes: ['ip', 'url', 'domain'], minEngines: 6 });
      assert.deepEqual(step(await accepted("block hashes and ips w/ vt >= 2. don't bother w/ urls"), 'createIndicator').target, { kind: 'iocs', iocTypes: ['file', 'ip'], minEngines: 2 });
    });

    it('when "if they are" follows "only if theyre not in X", or "even if ..." follows a step, then the first is that group and the second narrows nothing', async () => {
      const plan = await accepted('revoke the sessions on risky sign-ins, but only if theyre not in the Contractors group. if they are, email hr@contoso.com instead');
      assert.deepEqual(step(plan, 'sendMail').when?.condition, { kind: 'userInGroup', groups: ['Contractors'] });
      assert.equal(step(await accepted('for mdo malware alerts block the attachment hash even if VT never saw it'), 'createIndicator').when, undefined);
    });

    it('when the mail "has a link", or "any incident touching X" is tagged "and assigned", then the link and the devices gate every step', async () => {
      assert.deepEqual(step(await accepted('when mdo reports a phish mail with a link in it reset their pw'), 'resetPassword').when?.condition, { kind: 'entityPresent', entityType: 'Url' });
      const plan = await accepted('tag any incident touching a device tagged Kiosk with kiosk and assign it to desk@contoso.com');
      for (const s of plan.spec.steps) assert.match(JSON.stringify(s.when), /Kiosk/);
    });
  });

  describe('how public playbook descriptions say it', () => {
    it('when a description "blocks the user", then it disables the account and blocks no indicator', async () => {
      const plan = await accepted('Block compromised user: for Defender for Cloud Apps incidents the playbook blocks the Entra ID user and emails the SOC.');
      assert.deepEqual(plan.spec.steps.map((s) => s.action).sort(), ['disableUser', 'sendMail']);
    });

    it('when a description orders its steps or says what it does not do, then nothing is narrowed', async () => {
      for (const r of [
        'For High severity incidents the playbook collects an investigation package from each device. After the collection requests are submitted, it adds a comment. No further changes are made.',
        'The playbook inspects the alert evidence of each incident. When an alert is in the Execution category it restricts app execution on the device, without waiting for VirusTotal enrichment.',
        'For Defender for Office 365 incidents the playbook emails each recipient of the message, explaining that it was quarantined and asking them to delete any copies.',
      ]) assert.ok((await planner.plan(r)).ok, r);
    });

    it('when "for incidents of lower severity" follows a severity, then it is the other branch', async () => {
      const plan = await accepted('For High severity Identity Protection incidents the playbook revokes the user sessions. For incidents of lower severity it posts a message to Teams.');
      assert.deepEqual(step(plan, 'teamsMessage').when?.condition, { not: { kind: 'severity', severities: ['High'] } });
    });

    it('when private ranges are excluded before a VirusTotal lookup, or a machine action is invoked by name, then those are the IP scope and the step', async () => {
      const ips = await accepted('The playbook takes all IP address entities of the incident, excludes private (RFC 1918) ranges, and looks each remaining address up in VirusTotal. Addresses with 4 or more detections are blocked.');
      assert.equal(step(ips, 'createIndicator').iocFilter?.ipScope, 'public');
      const sq = await accepted('When an alert is detected by Defender Antivirus (detection source WindowsDefenderAv), it invokes the Stop and Quarantine File machine action on the device.');
      assert.match(JSON.stringify(step(sq, 'stopAndQuarantineFile').when), /WindowsDefenderAv/);
    });

    it('when a quick scan "is used by default" and a full scan is run "instead" on High, then the quick scan skips High', async () => {
      const plan = await accepted('The playbook runs an antivirus scan on each device of an MDE incident. A quick scan is used by default; when the incident severity is High, a full scan is run instead.');
      for (const s of plan.spec.steps.filter((x) => x.params.scanType === 'Quick')) assert.match(JSON.stringify(s.when), /"not":\{"kind":"severity","severities":\["High"\]/);
    });

    it('when devices are "left untouched" or a short title without a verb opens the description, then those devices are left out and the title narrows nothing', async () => {
      const plan = await accepted('Server evidence collection. For High severity incidents the playbook collects a package from each device. Workstations in the same incident are left untouched.');
      assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter, { exclude: { kinds: ['workstation'] } });
      // A title that is a step stays one.
      assert.ok((await accepted('Collect an investigation package. This playbook can be launched on demand from an incident.')).spec.steps.length > 0);
    });

    it("when the description says \"the incident's alerts\", then no title word comes of it", async () => {
      const plan = await accepted("It retrieves every device associated with the incident's alerts and scans each one.");
      assert.deepEqual(plan.spec.trigger.titleKeywords, []);
      assert.equal(step(plan, 'runAntiVirusScan').target.kind === 'alertDevices' || step(plan, 'runAntiVirusScan').target.kind === 'incidentDevices', true);
    });
  });

  describe('narrowing said after a run of steps', () => {
    it('when "unless" follows two steps, then both skip that case', async () => {
      const plan = await accepted('disable the acct and revoke its sessions, unless they are in the Helpdesk group');
      for (const s of plan.spec.steps) assert.deepEqual(s.userFilter, { notInGroups: ['Helpdesk'] }, s.action);
    });

    it('when "X ones only" follows a step after a lead, devices "carry the X tag", or are "in the X device group", then those are device filters', async () => {
      assert.deepEqual(step(await accepted('On any medium sev incident scan the affected hosts, Windows 11 ones only.'), 'runAntiVirusScan').deviceFilter, { include: { osPlatforms: ['Windows11'] } });
      assert.deepEqual(step(await accepted('isolate the devices unless they carry the Critical tag'), 'isolate').deviceFilter, { exclude: { tags: ['Critical'] } });
      assert.deepEqual(step(await accepted("collect a package from the devices if they're in the Kiosks device group"), 'collectInvestigationPackage').deviceFilter, { include: { groups: ['Kiosks'] } });
    });

    it('when a remark says who is behind it ("the pentesters are at it again"), then nothing is narrowed', async () => {
      assert.ok((await planner.plan('close incidents tagged redteam as benign, the pentesters are at it again')).ok);
    });
  });

  describe('routing said as where incidents go', () => {
    it('when "incidents from X go to a@, incidents from Y go to b@" is said, then each source gets its own assignment', async () => {
      const plan = await accepted('The playbook assigns every new incident to a queue based on its source: incidents from Defender for Identity go to idt@contoso.com, incidents from Defender for Cloud Apps go to cas@contoso.com.');
      const byOwner = Object.fromEntries(plan.spec.steps.map((s) => [s.params.incident?.assignedTo, JSON.stringify(s.when)]));
      assert.match(byOwner['idt@contoso.com'], /MicrosoftDefenderForIdentity/);
      assert.match(byOwner['cas@contoso.com'], /MicrosoftCloudAppSecurity/);
    });
  });

  describe('the devices a description opens with', () => {
    it('when "For alerts raised on macOS endpoints, ..." opens it, then a later sentence\'s block is for those alerts only; a test\'s other side is not', async () => {
      const plan = await accepted('For alerts raised on macOS endpoints, the playbook runs a quick scan on the device. If VirusTotal flags the URL, the URL is also blocked.');
      assert.deepEqual(step(plan, 'createIndicator').when?.condition, { kind: 'deviceIs', match: { osPlatforms: ['macOS'] } });
      const branch = await accepted('if a server is in the incident, grab an investigation package from it. any other device: scan it');
      assert.deepEqual(step(branch, 'runAntiVirusScan').deviceFilter, { exclude: { kinds: ['server'] } });
    });
  });

  describe('headers that test the IOCs, and hand-offs', () => {
    it('when a header tests the hashes and two "if" branches follow in sentences of their own, then both branches keep the test', async () => {
      const plan = await accepted('hash w/ VT >= 12: if its on a server just collect a pkg. if its a workstation isolate + S&Q');
      assert.match(JSON.stringify(step(plan, 'isolate').when), /"minEngines":12/);
      assert.equal(plan.spec.steps.filter((s) => s.action === 'stopAndQuarantineFile').length, 1);
    });

    it('when accounts are skipped ("skip svc accts (svc-*)"), then the device steps beside them still run', async () => {
      const plan = await accepted('if the alert title has rubeus in it: reset pw for every user on the incident and isolate the host. skip svc accts (svc-*), we rotate those by hand');
      assert.equal(step(plan, 'isolate').when, undefined);
      assert.deepEqual(step(plan, 'resetPassword').userFilter, { exclude: { namePatterns: ['svc-*'] } });
    });

    it('when devices are "handled by another playbook", "left for the infra guys", or a detection source is written as the API writes it, then those read', async () => {
      assert.deepEqual(step(await accepted('any linux device in a high alert: collect investigation package. windows boxes are handled by another playbook so skip em'), 'collectInvestigationPackage').deviceFilter?.exclude, { osPlatforms: ['Windows'] });
      assert.ok((await planner.plan('if mde flags high sev malware on a workstation isolate it. NOT servers, leave those for the infra guys')).ok);
      assert.match(JSON.stringify(step(await accepted('make it so any CustomDetection alert gets assigned to t2@contoso.com'), 'updateIncident').when), /CustomDetection/);
    });
  });
  describe('the other side of several branches', () => {
    it('when branches that only tag come before an "otherwise", then the otherwise runs only when none of them held, however they are joined', async () => {
      const closeWhen = async (request: string): Promise<string> => {
        const plan = await accepted(request);
        const close = plan.spec.steps.find((s) => s.params.incident?.status === 'Resolved');
        assert.ok(close, JSON.stringify(plan.spec.steps));
        return JSON.stringify(close.when?.condition);
      };
      for (const joint of [', ', '. ', '; ']) {
        const first = await closeWhen(`when sev is high put the urgent tag on it${joint}when it is medium put the triage tag on it${joint}otherwise resolve it as a false positive`);
        assert.match(first, /^\{"not":\{"any":/, first);
        assert.match(first, /"High"/, first);
        assert.match(first, /"Medium"/, first);
      }
      const mixed = await closeWhen('when sev is high isolate the box, when it is medium put the triage tag on it, otherwise resolve it as a false positive');
      assert.match(mixed, /"High"/, mixed);
      assert.match(mixed, /"Medium"/, mixed);
    });
  });
  describe('a line that only names the cases', () => {
    it('when it heads the branches (before a colon, a semicolon or a full stop), then the other branch keeps its cases too', async () => {
      for (const joint of [': ', '; ', '. ']) {
        const request = `crit sev defender for endpoint alerts${joint}if the user is in the Payroll group reset the password, otherwise disable the account`;
        const plan = await accepted(request);
        assert.deepEqual(plan.spec.trigger.severities, ['High'], request);
        assert.deepEqual(step(plan, 'disableUser').userFilter, { notInGroups: ['Payroll'] }, request);
      }
    });

    it('when a short first sentence is a title the description says again, then it is dropped; one that names cases of its own is kept', async () => {
      const titled = await accepted('Payroll password reset. When a high severity alert involves a user in the Payroll group, reset the password of that user.');
      assert.deepEqual(titled.spec.steps.map((s) => s.action), ['resetPassword']);
      const own = await accepted('medium sev mdo alerts. when the user is in the Payroll group, reset the password');
      assert.deepEqual(own.spec.trigger.severities, ['Medium']);
    });
  });
  describe('a step ruled out but for one case', () => {
    it('when a step is "not done unless" a case, then it is done only in that case, and the other devices are left alone', async () => {
      const plan = await accepted('on ransomware alerts do not isolate unless the box runs linux');
      assert.deepEqual(step(plan, 'isolate').deviceFilter, { include: { osPlatforms: ['Linux'] } });
      const asked = await planner.plan('on ransomware alerts do not isolate unless the moon is full');
      assert.ok(!asked.ok, JSON.stringify(asked));
    });
  });
  describe('what a step said later refers back to', () => {
    it('when an exception about the device follows a run of steps, then the device steps skip such devices and the account steps skip such cases', async () => {
      const plan = await accepted('on ransomware alerts contain the machine and revoke the sessions of its user, unless the machine is a domain controller');
      assert.deepEqual(step(plan, 'isolate').deviceFilter, { exclude: { kinds: ['domainController'] } });
      assert.deepEqual(step(plan, 'revokeSessions').when?.condition, { not: { kind: 'deviceIs', match: { kinds: ['domainController'] } } });
    });

    it('when "except when" trails a step, then what it names is the case the step skips, never the trigger', async () => {
      const plan = await accepted('run a full scan on the hosts, except when the alert is only low sev');
      assert.deepEqual(plan.spec.trigger.severities, []);
      assert.deepEqual(step(plan, 'runAntiVirusScan').when?.condition, { not: { kind: 'severity', severities: ['Low'] } });
    });

    it('when a pronoun names the IOCs of the step before, then their VirusTotal test comes along', async () => {
      const plan = await accepted('stop and quarantine hashes flagged by 12 or more engines on VT, then add them to the indicators as well');
      const target = step(plan, 'createIndicator').target;
      assert.equal(target.kind === 'iocs' ? target.minEngines : undefined, 12);
    });

    it('when incidents are chosen by their owner, then each change said with it applies to those incidents only', async () => {
      const plan = await accepted('move incidents assigned to ops-lead@contoso.com to in progress and add the tag ops-queue');
      for (const s of plan.spec.steps) assert.deepEqual(s.when?.condition, { kind: 'assignment', assigned: true, to: 'ops-lead@contoso.com' }, JSON.stringify(s));
    });

    it('when the title "in the incident" mentions a tool, then that word is the title test, not the wider kind of threat', async () => {
      const plan = await accepted('contain the endpoint when an alert title in the incident mentions Rubeus');
      assert.deepEqual(plan.spec.trigger.titleKeywords, ['rubeus']);
      const mimi = await accepted('contain the endpoint when an alert name in the incident contains mimikatz');
      assert.deepEqual(mimi.spec.trigger.topics, []);
    });
  });
  describe('how playbook descriptions say things', () => {
    it('when a group of accounts is "excluded from both actions" in a sentence after them, then both steps skip that group, never run only on it', async () => {
      const plan = await accepted('On MDI alerts the playbook disables the account and revokes its sessions. Users who are members of the "Break Glass" group are excluded from both actions.');
      for (const a of ['disableUser', 'revokeSessions'] as const) assert.deepEqual(step(plan, a).userFilter, { notInGroups: ['Break Glass'] }, a);
    });

    it('when the devices are those "named in the alert", a platform is "not restricted", or a band of risk gets its own step, then nothing else is read into them', async () => {
      const plan = await accepted('Restrict application execution on each machine listed in the alert. Hosts running a Windows Server operating system are not restricted.');
      assert.deepEqual(step(plan, 'restrictCodeExecution').deviceFilter, { exclude: { osPlatforms: ['WindowsServer'] } });
      const bands = await accepted('restrict app execution on machines whose risk score is High, and run a full scan on machines whose risk score is Medium');
      assert.deepEqual(step(bands, 'restrictCodeExecution').deviceFilter, { include: { minRiskScore: 'High' } });
    });

    it('when IOCs are "submitted as custom indicators" and private ranges "never submitted", then that is a block of public addresses', async () => {
      const plan = await accepted('IPs that VirusTotal flags on 4 or more engines are submitted to Defender as custom indicators. Private IP ranges (RFC 1918) are never submitted.');
      const block = step(plan, 'createIndicator');
      assert.equal(block.target.kind === 'iocs' ? block.target.minEngines : undefined, 4);
      assert.deepEqual(block.iocFilter, { ipScope: 'public' });
    });

    it('when users "outside that group" get another step, then that is the other branch; a comment "describing" something "is added" is still a comment', async () => {
      const plan = await accepted('When the user is in the Finance group, confirm them compromised. For users outside that group, a note describing the alert is added to the incident.');
      assert.deepEqual(step(plan, 'updateIncident').when?.condition, { not: { kind: 'userInGroup', groups: ['Finance'] } });
    });

    it('when a later sentence adds a step "also" under its own test, then the opening "when" still holds for it', async () => {
      const plan = await accepted('When an MDO alert shows the mail was delivered to the inbox, email the recipient. If a URL in it is flagged by 2 or more engines on VT, also revoke the recipient sessions.');
      assert.match(JSON.stringify(step(plan, 'revokeSessions').when?.condition), /mailDelivery/);
    });
  });
  describe('a playbook name said first', () => {
    it('when a description opens with the playbook name, then its naming words are shown as the name and what it says the playbook is for still narrows', async () => {
      const plan = await accepted('Lateral movement containment for Windows workstations. When MDE raises a high severity alert, isolate the device.');
      assert.deepEqual(step(plan, 'isolate').deviceFilter, { include: { kinds: ['workstation'], osPlatforms: ['Windows'] } });
      assert.ok(plan.understood.some((u) => u.phrase === 'Lateral movement containment for Windows workstations' && /name of the playbook/.test(u.meaning)), JSON.stringify(plan.understood));
      const unknownName = await accepted('Bluefin hygiene. When MDE raises a high severity alert, run a full scan on the device.');
      assert.deepEqual(unknownName.spec.steps.map((s) => s.action), ['runAntiVirusScan']);
      // A first sentence that states cases with no procedure noun is no name: its words still count.
      const cases = await planner.plan('Bluefin alerts on servers. When MDE raises a high severity alert, isolate the device.');
      assert.ok(!cases.ok || JSON.stringify(cases.spec).includes('server'), JSON.stringify(cases));
    });
  });
  describe('chat asides, bands left alone and indicator kinds', () => {
    it('when a reason follows a ruled-out step (", they need ...", ", thats prod"), then it narrows nothing; a relative "that is tagged" still does', async () => {
      const plan = await accepted('on mdi alerts reset the pw. dont disable the acct, the business needs it for payroll runs');
      assert.deepEqual(plan.spec.steps.map((s) => s.action), ['resetPassword']);
      assert.ok(plan.notUnderstood.some((n) => /part of a reason/.test(n)), JSON.stringify(plan.notUnderstood));
      const vip = await accepted('isolate the host, that is tagged vip');
      assert.deepEqual(step(vip, 'isolate').deviceFilter, { include: { tags: ['vip'] } });
    });

    it('when the band below a threshold is "ignored", then nothing runs there; an "alert-only IOC for the hash" is an alerting file indicator', async () => {
      const plan = await accepted('VT 8+ -> block the ip. below 8 skip it');
      const block = step(plan, 'createIndicator').target;
      assert.equal(block.kind === 'iocs' ? block.minEngines : undefined, 8);
      const alerting = step(await accepted('add an alert-only IOC for the hash'), 'createIndicator');
      assert.deepEqual(alerting.target, { kind: 'iocs', iocTypes: ['file'], minEngines: null });
      assert.equal(alerting.params.indicatorAction, 'Alert');
    });

    it('when accounts named by a pattern are left out with words of their own ("except shared mailbox accts (smb-*)"), then the pattern says which', async () => {
      const plan = await accepted('on risky sign-in alerts revoke sessions of every user except shared mailbox accts (smb-*), we never touch those');
      assert.deepEqual(step(plan, 'revokeSessions').userFilter, { exclude: { namePatterns: ['smb-*'] } });
    });

    it('when the mail goes to "whoever it was sent to" and says what to do, then it is a mail to the recipients; "leave other folders alone" adds nothing', async () => {
      const plan = await accepted('on mdo phish alerts mail whoever it was sent to and tell them not to open it');
      assert.equal(step(plan, 'sendMail').params.mailToUsers, true);
      const quarantine = await accepted('stop and quarantine any dll sitting in C:\\Users\\Public on the box. leave other folders alone');
      assert.deepEqual(quarantine.spec.steps.map((s) => s.action), ['stopAndQuarantineFile']);
    });
  });
  describe('each user and each file on their own', () => {
    it('when a user step is for members of a group, or spares one, then each user is checked on their own', async () => {
      const plan = await accepted('disable every account in the alert that belongs to the Interns group');
      assert.deepEqual(step(plan, 'disableUser').userFilter, { inGroups: ['Interns'] });
      assert.equal(step(plan, 'disableUser').when, undefined);
    });

    it('when files are chosen by their folder, then only the files under it are quarantined, not every file of an incident that has one there', async () => {
      const plan = await accepted('stop and quarantine any dll sitting in C:\\Windows\\Temp on the box it was seen on');
      assert.deepEqual(step(plan, 'stopAndQuarantineFile').iocFilter, { filePaths: ['c:\\windows\\temp'] });
    });
  });
  describe('what an opening line says of the devices and the incidents', () => {
    it('when the opening says "Linux servers" and a later sentence only says "running Linux", then the steps are for Linux servers', async () => {
      const plan = await accepted('For Linux servers. When MDE reports malware on a host running Linux, contain that host.');
      assert.deepEqual(step(plan, 'isolate').deviceFilter, { include: { kinds: ['server'], osPlatforms: ['Linux'] } });
    });

    it('when a playbook name is "for X and Y incidents", then it is for either kind; "each IP in the incident" is every IP of the incident', async () => {
      const plan = await accepted('Containment for identity-theft and lateral-movement incidents. For high-severity incidents from MDE, isolate each affected device.');
      const when = JSON.stringify(step(plan, 'isolate').when ?? null);
      assert.ok(when === 'null' || /"any"/.test(when), when);
      const ips = await accepted('on ransomware alerts block each IP address in the incident that VT flags on 2 or more engines');
      assert.equal(ips.spec.trigger.kind, 'incident');
    });
  });
  describe('a case where a step is not done, said after it', () => {
    it('when "if X dont <the step>" or "if X do nothing" follows a step, then the step skips X; never the other way round', async () => {
      const close = await accepted('resolve it as a false positive on low sev alerts. if the incident is already assigned dont resolve it');
      assert.deepEqual(step(close, 'updateIncident').when?.condition, { kind: 'assignment', assigned: false });
      const post = await accepted('post in teams on high sev incidents. if it is already assigned, do nothing');
      assert.deepEqual(step(post, 'teamsMessage').when?.condition, { kind: 'assignment', assigned: false });
    });

    it('when the step ruled out is said in other words than the step, then Rampart asks rather than turn the case into a condition to act on', async () => {
      const plan = await planner.plan('page us here when a high sev incident lands. if it has an owner already dont bother phoning the duty manager');
      assert.ok(!plan.ok, JSON.stringify(plan));
    });

    it('when accounts named by a pattern "only get" another step, then they get that step instead, in the same case', async () => {
      const plan = await accepted('on mdi alerts where the hash is VT-bad (5+), disable the acct. break-glass accts (bg-*) only get a pw reset');
      assert.deepEqual(step(plan, 'disableUser').userFilter, { exclude: { namePatterns: ['bg-*'] } });
      assert.deepEqual(step(plan, 'resetPassword').userFilter, { include: { namePatterns: ['bg-*'] } });
      assert.match(JSON.stringify(step(plan, 'resetPassword').when), /maliciousIoc/);
    });
  });
  describe('two thresholds, and a bare verb under an "only"', () => {
    it('when the hash and the IP each get a VirusTotal threshold, then both must hold; "either one alone is not enough" restates it', async () => {
      const plan = await accepted('contain the box only when both: the file is 12+ on VT and the domain is 3+. either one alone isnt enough');
      assert.deepEqual(step(plan, 'isolate').when?.condition, { all: [{ kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 12 }, { kind: 'maliciousIoc', iocTypes: ['domain'], minEngines: 3 }] });
    });

    it('when a bare verb is joined to a step that ends in "only when", then the bare step is under it too', async () => {
      const plan = await accepted('isolate and quarantine the file only when the hash is 9+ on VT');
      assert.deepEqual(step(plan, 'isolate').when?.condition, { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 9 });
    });
  });
  describe('the subject of a mail', () => {
    it('when a step is only for mails whose subject mentions a word, then that is the condition, in any of the usual wordings', async () => {
      const plan = await accepted('on mdo alerts revoke the recipient sessions, only when the mail subject mentions payroll');
      assert.deepEqual(step(plan, 'revokeSessions').when?.condition, { kind: 'mailSubject', contains: ['payroll'] });
      const quoted = await planner.plan("on mdo alerts with 'wire transfer' in the subject line, reset the recipient's pw");
      assert.ok(quoted.ok, JSON.stringify(quoted));
      assert.deepEqual(step(quoted, 'resetPassword').when?.condition, { kind: 'mailSubject', contains: ['wire transfer'] });
    });
  });
  describe('what descriptions say is not done, and branches said as nouns', () => {
    it('when a description says what it does not do ("No other action is performed", "Lower severity incidents are ignored"), then that narrows nothing it did not already', async () => {
      const plan = await accepted('When an incident with severity High is created, the playbook collects an investigation package from every device involved. Incidents of lower severity are ignored. No other action is performed.');
      assert.deepEqual(plan.spec.steps.map((s) => s.action), ['collectInvestigationPackage']);
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
    });

    it('when a branch is a noun ("medium -> just a teams post") and a level "-> ignore", then each level gets its own step and the ignored one none', async () => {
      const plan = await accepted('crit -> mail ir@contoso.com. med -> just a teams post. low/info -> ignore');
      assert.deepEqual(step(plan, 'sendMail').when?.condition, { kind: 'severity', severities: ['High'] });
      assert.deepEqual(step(plan, 'teamsMessage').when?.condition, { kind: 'severity', severities: ['Medium'] });
      // A level left alone next to a step that tests no level is left out of that step, never dropped.
      const contain = await accepted('contain the box if vt is 5+. low -> ignore');
      assert.deepEqual(step(contain, 'isolate').when?.condition, { all: [{ kind: 'maliciousIoc', iocTypes: ['file', 'ip', 'url', 'domain'], minEngines: 5 }, { not: { kind: 'severity', severities: ['Low'] } }] });
    });

    it('when "alert" is a noun before a mail address, then it is no mail; "EXCEPT X, never touch those" is the exception once', async () => {
      const plan = await accepted('auto-assign anything where the alert title says rubeus to me (jdoe@contoso.com)');
      assert.deepEqual(plan.spec.steps.map((s) => s.action), ['updateIncident']);
      const spared = await accepted('mdi high sev -> reset the pw. EXCEPT shared accts (shr-*), never touch those');
      assert.deepEqual(step(spared, 'resetPassword').userFilter, { exclude: { namePatterns: ['shr-*'] } });
    });
  });
  describe('the last blind round', () => {
    it('when an arrow header only names the alerts before a test and its other side, then the other side keeps the header', async () => {
      const plan = await accepted('crit mdi alert -> if VT has the ip at 4+ engines revoke the sessions, otherwise just post here');
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
      assert.deepEqual(step(plan, 'teamsMessage').when?.condition, { not: { kind: 'maliciousIoc', iocTypes: ['ip'], minEngines: 4 } });
    });

    it('when a device step ends "but the DC", then the DC is left out, never the only device', async () => {
      const plan = await accepted('collect a pkg from every box in the incident but the servers');
      assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter, { exclude: { kinds: ['server'] } });
    });

    it('when "the playbook requires the user to reset their password" in a branch, then that branch resets it and the next branch keeps its own level', async () => {
      const plan = await accepted('For MDI incidents: when the severity is High, the playbook requires the user to reset their password. When the severity is Low, post here.');
      assert.deepEqual(step(plan, 'resetPassword').when?.condition, { kind: 'severity', severities: ['High'] });
    });
  });
  describe('routing lists and the device a flagged file was seen on', () => {
    it('when incidents are "assigned according to severity: High to X, Medium to Y, and Low to Z", then each level goes to its own owner', async () => {
      const plan = await accepted('Each new incident is assigned according to its severity: High incidents to a@contoso.com, Medium incidents to b@contoso.com, and Low incidents to c@contoso.com.');
      const owners = plan.spec.steps.map((s) => [s.params.incident?.assignedTo, s.when?.condition]);
      assert.deepEqual(owners, [
        ['a@contoso.com', { kind: 'severity', severities: ['High'] }],
        ['b@contoso.com', { kind: 'severity', severities: ['Medium'] }],
        ['c@contoso.com', { kind: 'severity', severities: ['Low'] }],
      ]);
    });

    it('when "the device on which the file was observed" is isolated once a file is flagged, then only the devices of flagged files are', async () => {
      const plan = await accepted('When 8 or more engines classify a file as malicious, the device on which the file was observed is isolated.');
      assert.deepEqual(step(plan, 'isolate').target, { kind: 'fileDevices', minEngines: 8 });
    });
  });
  describe('"that device" after a file step', () => {
    it('when a scan of "that device" follows a quarantine on the device a flagged file was seen on, then only those devices are scanned', async () => {
      const plan = await accepted('if 6 or more engines flag a file, stop and quarantine it where it was seen, then run a full scan of that device');
      assert.deepEqual(step(plan, 'runAntiVirusScan').target, { kind: 'fileDevices', minEngines: 6 });
    });
  });
});
