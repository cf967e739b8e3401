import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { accepted, planner, step, knownClean } from './helpers';

describe('offline planner: named users, values said once, and bounds said in words', () => {
  describe('a mail address is read only when the plan holds it', () => {
    it('when a user step names one address, then it acts on that user only', async () => {
      for (const r of ['lock the account of mreyes@contoso.com if it turns up in an incident', 'kill the sessions for mreyes@contoso.com', "reset mreyes@contoso.com's password"]) {
        const plan = await accepted(r);
        const s = plan.spec.steps.find((x) => x.target.kind === 'users');
        assert.deepEqual(s?.userFilter, { include: { namePatterns: ['mreyes@contoso.com'] } }, r);
      }
    });

    it('when an address names the user someone is told about, then it is a recipient, not a condition on the mail', async () => {
      const plan = await accepted('mail the user t.okafor@contoso.com and contain the host');
      assert.equal(step(plan, 'sendMail').when, undefined);
      const told = await accepted('contain the host and let t.okafor@contoso.com know');
      assert.deepEqual(step(told, 'sendMail').params.mailTo, ['t.okafor@contoso.com']);
    });

    it('when an address stands in a step clause and the plan holds it nowhere, then the step is asked about', async () => {
      const plan = await planner.plan('contain the host, t.okafor@contoso.com approves');
      assert.ok(isQuestion(plan), JSON.stringify(plan));
      assert.ok(plan.notUnderstood.some((n) => n.includes('t.okafor@contoso.com')), JSON.stringify(plan.notUnderstood));
    });
  });

  describe('a value said once for two cases', () => {
    it('when "assign to A unless X, then B" is said, then A gets the other cases and B gets X', async () => {
      const plan = await accepted('route it to l1@contoso.com unless its a medium, then l2@contoso.com');
      const owners = plan.spec.steps.map((s) => [s.params.incident?.assignedTo, JSON.stringify(s.when?.condition)]);
      assert.deepEqual(owners, [
        ['l1@contoso.com', JSON.stringify({ not: { kind: 'severity', severities: ['Medium'] } })],
        ['l2@contoso.com', JSON.stringify({ kind: 'severity', severities: ['Medium'] })],
      ]);
    });

    it('when a branch names only the verb of a step said before, then it is that step, with its object', async () => {
      const plan = await accepted('mdi alerts. high = reset the password and revoke the sessions. medium = revoke');
      const revokes = plan.spec.steps.filter((s) => s.action === 'revokeSessions').map((s) => JSON.stringify(s.when?.condition));
      assert.deepEqual(revokes, [JSON.stringify({ kind: 'severity', severities: ['High'] }), JSON.stringify({ kind: 'severity', severities: ['Medium'] })]);
      assert.equal(plan.spec.steps.filter((s) => s.action === 'resetPassword').length, 1);
    });

    it('when incidents already owned by someone are left alone, then nobody named "someone" is assigned', async () => {
      const plan = await accepted('take every medium, give it to ops@contoso.com, but leave the ones already assigned to someone alone');
      assert.deepEqual(plan.spec.steps.map((s) => s.params.incident?.assignedTo), ['ops@contoso.com']);
      assert.deepEqual(plan.spec.steps[0].when?.condition, { not: { kind: 'assignment', assigned: true } });
    });
  });

  describe('bounds and typos', () => {
    it('when a threshold is written in words with "or greater", "and up" or "or higher", then it is that threshold', async () => {
      for (const [r, n] of [
        ['block any hash whose VirusTotal malicious count is eight or greater', 8],
        ['block hashes at 4 engines and up on VT', 4],
        ['block the hash when VT has it at 6 or higher', 6],
      ] as const) {
        const t = step(await accepted(r), 'createIndicator').target;
        assert.equal(t.kind === 'iocs' ? t.minEngines : undefined, n, r);
      }
    });

    it('when a misspelt word is as close to two words, then the one that keeps its first letter is read', async () => {
      const plan = await accepted('asign high sev incidents to soc@contoso.com');
      assert.equal(step(plan, 'updateIncident').params.incident?.assignedTo, 'soc@contoso.com');
    });
  });

  describe('bands and verdicts said loosely', () => {
    it('when the band between two thresholds is left "for a human", then it gets no step and the bands keep theirs', async () => {
      const plan = await accepted('hash at 10+ on VT -> isolate. VT says 0 -> close it as fp. whatever in between, leave it to the analysts');
      assert.deepEqual(step(plan, 'isolate').when?.condition, { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 10 });
      assert.deepEqual(step(plan, 'updateIncident').when?.condition, knownClean(['file']));
      // With one threshold there is no "between": the words are reported, and the isolation keeps its threshold.
      const one = await accepted('hash at 10+ on VT -> isolate. whatever in between, leave it to the analysts');
      assert.deepEqual(step(one, 'isolate').when?.condition, { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 10 });
      assert.ok(one.notUnderstood.some((n) => n.includes('in between')), JSON.stringify(one.notUnderstood));
    });

    it('when "every URL comes back clean" is said in a request that checks VirusTotal, then it is no URL flagged', async () => {
      const plan = await accepted('URLs are looked up on VirusTotal. If all URLs come back clean, the incident is resolved as a false positive.');
      assert.deepEqual(step(plan, 'updateIncident').when?.condition, knownClean(['url']));
    });

    it('when levels are "not reported", then every step leaves them out; a mail with no recipient goes to the one named', async () => {
      const plan = await accepted('For high sev incidents an email with the incident details is sent to ir@contoso.com. Medium and Low incidents are not reported.');
      assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['ir@contoso.com']);
      const branch = await accepted('On a high severity alert, isolate the machine and email ir@contoso.com. Low severity risk detections are only reported by email.');
      const mails = branch.spec.steps.filter((s) => s.action === 'sendMail');
      assert.deepEqual(mails.map((m) => [m.params.mailTo, JSON.stringify(m.when?.condition)]), [
        [['ir@contoso.com'], JSON.stringify({ kind: 'severity', severities: ['High'] })],
        [['ir@contoso.com'], JSON.stringify({ kind: 'severity', severities: ['Low'] })],
      ]);
      assert.deepEqual(step(branch, 'isolate').when?.condition, { kind: 'severity', severities: ['High'] });
    });

    it('when "do not touch any device or user" follows a notification, then both kinds are spared and the post stands', async () => {
      const plan = await accepted('post in the soc channel for every medium incident, nothing else. never touch the hosts or accounts');
      assert.deepEqual(plan.spec.steps.map((s) => s.action), ['teamsMessage']);
      assert.ok(!(await planner.plan('disable the user. never touch the hosts or accounts')).ok);
    });
  });

  describe('what a device or a folder is said to be', () => {
    it('when the device is "the one on which the activity was observed", then it is the alert device, not where files were seen', async () => {
      const plan = await accepted('When an MDE alert of credential theft fires, the host on which the activity was seen is contained.');
      assert.equal(step(plan, 'isolate').target.kind, 'alertDevices');
      assert.equal(step(plan, 'isolate').deviceFilter?.include?.ranThere, undefined);
    });

    it('when users are "named in that alert", then "in" is no device name', async () => {
      const plan = await accepted('for credential theft alerts, disable each account named in that alert');
      assert.equal(step(plan, 'disableUser').when, undefined);
    });

    it("when a folder is a user's, then it is the one under a user profile", async () => {
      const plan = await accepted("quarantine the file if it sits in the user's downloads folder");
      assert.deepEqual(step(plan, 'stopAndQuarantineFile').iocFilter?.filePaths, ['\\users\\*\\downloads']);
      const any = await accepted('quarantine the file if it sits in a downloads folder');
      assert.deepEqual(step(any, 'stopAndQuarantineFile').iocFilter?.filePaths, ['\\downloads']);
    });
  });

  describe('requests written as lists', () => {
    it('when each line of a list is a band with an arrow, then each line is its own branch, a band from 0 included', async () => {
      const plan = await accepted('hash score on VT, mde only:\n0-3 -> resolve as FP\n4-9 -> in progress + assign l2@contoso.com\n10+ -> contain the host');
      const close = plan.spec.steps.find((s) => s.params.incident?.status === 'Resolved');
      assert.deepEqual(close?.when?.condition, { not: { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 4 } });
      const progress = plan.spec.steps.find((s) => s.params.incident?.status === 'InProgress');
      assert.ok(progress, JSON.stringify(plan.spec.steps));
      assert.deepEqual(step(plan, 'isolate').when?.condition, { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 10 });
    });

    it('when bulleted lines say bands under a header of the IOCs, then the bullets are sentences and "X only" keeps those kinds', async () => {
      const plan = await accepted('for each hash in the incident:\n- VT 25 or more: block it\n* VT 8 to 24: audit-only indicator, no block\n- below 8: leave it\nnothing for domains or ips, hashes only');
      const actions = plan.spec.steps.map((s) => [s.params.indicatorAction ?? 'Block', s.target.kind === 'iocs' ? s.target.iocTypes : []]);
      assert.deepEqual(actions, [['Block', ['file']], ['Audit', ['file']]]);
    });
  });

  describe('IOC kinds left out', () => {
    it('when a block says "them" and a later sentence spares a kind, then that kind is never blocked', async () => {
      const plan = await accepted('if VT has it at 6+ block them. never block urls');
      const t = step(plan, 'createIndicator').target;
      assert.deepEqual(t.kind === 'iocs' ? t.iocTypes : [], ['file', 'ip', 'domain']);
    });

    it('when the kinds spared can be said by nothing that stays, then the words stay and Rampart asks', async () => {
      const plan = await planner.plan('on phishing do the VT thing and push blocks at 6+. never block urls');
      assert.ok(!plan.ok || !plan.spec.steps.some((s) => s.target.kind === 'iocs' && s.target.iocTypes.includes('url')), JSON.stringify(plan));
    });
  });

  describe('"if X dont V, just W"', () => {
    it('when what replaces a step said before is of another kind, then the step still skips that case', async () => {
      const plan = await accepted('contain the host. if the inc is tagged legal-hold dont contain, just post in teams and collect a package');
      assert.deepEqual(step(plan, 'isolate').when?.condition, { not: { kind: 'incidentTag', tags: ['legal-hold'] } });
      assert.deepEqual(step(plan, 'collectInvestigationPackage').when?.condition, { kind: 'incidentTag', tags: ['legal-hold'] });
    });

    it('when the replacement is of the same kind and more steps follow, then the step is left out for that group', async () => {
      const plan = await accepted("reset the victim's pw. if the victim is in the Board group dont reset, just revoke their sessions and email ciso@contoso.com instead");
      assert.deepEqual(step(plan, 'resetPassword').userFilter, { notInGroups: ['Board'] });
      assert.deepEqual(step(plan, 'revokeSessions').userFilter, { inGroups: ['Board'] });
    });
  });

  describe('non-native and chatty phrasing', () => {
    it('when a condition is said as a question ("is the device a server then ...") with "and not V", then V skips that case', async () => {
      const plan = await accepted('restrict app execution on every device, but is the device a server then make only a quick antivirus scan and not restrict');
      assert.deepEqual(step(plan, 'restrictCodeExecution').deviceFilter, { exclude: { kinds: ['server'] } });
      assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter, { include: { kinds: ['server'] } });
    });

    it('when the status is set with "put" or "set the incident", then it is a step, and a status word no step holds is asked about', async () => {
      const plan = await accepted('put the incident in progress and give it to noc@contoso.com');
      assert.deepEqual(plan.spec.steps.map((s) => s.params.incident?.status ?? s.params.incident?.assignedTo), ['InProgress', 'noc@contoso.com']);
    });

    it('when a sentence of small talk or a "reminder:" comes first, then it narrows nothing; a time with "after" still does', async () => {
      assert.ok((await planner.plan('sigh, 2am again. contain the host on high sev')).ok);
      assert.ok((await planner.plan('reminder: we never contain DCs. contain the other hosts on high sev')).ok);
      assert.ok(isQuestion(await planner.plan('only after 2am. contain the host on high sev')));
    });
  });

  describe('what a description says in its own words', () => {
    it('when devices are "placed in selective network isolation" and packages "requested", then those are the steps', async () => {
      const plan = await accepted('On High severity incidents the playbook places every affected device in selective network isolation and requests an investigation package from it.');
      assert.equal(step(plan, 'isolate').params.isolationType, 'Selective');
      step(plan, 'collectInvestigationPackage');
    });

    it('when "the other severities are left exactly as they are", then that narrows nothing the trigger does not', async () => {
      const plan = await accepted('For Medium severity incidents the playbook runs a quick scan on each device. Incidents of another severity are left exactly as they are.');
      assert.deepEqual(plan.spec.trigger.severities, ['Medium']);
    });

    it('when isolation is "deliberately not applied", then no isolation is planned and the other steps stand', async () => {
      const plan = await accepted('On ransomware the playbook restricts app execution on each affected device. Network isolation is deliberately not applied, so that the forensics team can still reach it.');
      assert.deepEqual(plan.spec.steps.map((s) => s.action), ['restrictCodeExecution']);
    });

    it('when "endpoint incidents" are named and tokens "and sessions" revoked, then it is the Defender for Endpoint source and one revoke', async () => {
      const plan = await accepted('For endpoint incidents, revoke the user refresh tokens and session cookies.');
      assert.deepEqual(plan.spec.trigger.serviceSources, ['MicrosoftDefenderForEndpoint']);
      assert.equal(plan.spec.steps.filter((s) => s.action === 'revokeSessions').length, 1);
    });
  });

  describe('IOCs a description gathers', () => {
    it('when an address is blocked with no other kind named, then it is an IP address and no file is blocked', async () => {
      const plan = await accepted('The playbook gets the VirusTotal score of each address. Every address that 12 or more engines call malicious is submitted as a Block indicator. Addresses under that threshold are left alone.');
      const t = step(plan, 'createIndicator').target;
      assert.deepEqual(t.kind === 'iocs' ? [t.iocTypes, t.minEngines] : [], [['ip'], 12]);
    });

    it('when the list first "collects the URLs", then that is the VirusTotal lookup, not an investigation package', async () => {
      const plan = await accepted('Steps:\n1. Gather the URLs found in the mail.\n2. Look each up in VirusTotal.\n3. If 2 or more engines flag a URL, block it.');
      assert.ok(!plan.spec.steps.some((s) => s.action === 'collectInvestigationPackage'), JSON.stringify(plan.spec.steps));
      const t = step(plan, 'createIndicator').target;
      assert.deepEqual(t.kind === 'iocs' ? t.iocTypes : [], ['url']);
    });
  });

  describe('qualifiers said after the step', () => {
    it('when "applies only to hosts named X" or "Linux boxes only. the rest stay as they are" follows, then the step is for those devices', async () => {
      const named = await accepted('collect a package from the host, this applies only to hosts named lab-*');
      assert.deepEqual(step(named, 'collectInvestigationPackage').deviceFilter, { include: { namePatterns: ['lab-*'] } });
      const kind = await accepted('contain it. linux boxes only - windows and macs stay as they are');
      assert.deepEqual(step(kind, 'isolate').deviceFilter?.include?.osPlatforms, ['Linux']);
    });

    it('when each machine is scanned "where its risk score is low or lower", then each device above low is left out', async () => {
      const plan = await accepted('run a full scan on each box, but only where the risk score for it is low or lower');
      assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter, { exclude: { minRiskScore: 'Medium' } });
    });
  });

  describe('which incidents, said last', () => {
    it('when a last sentence only says which incidents, then it holds for every step, not only the one before it', async () => {
      const plan = await accepted('lab-* hosts: collect a package. ws-* hosts: contain them. medium sev incidents only thx');
      assert.deepEqual(plan.spec.trigger.severities, ['Medium']);
      for (const s of plan.spec.steps) assert.ok(!JSON.stringify(s.when ?? {}).includes('High'), JSON.stringify(s));
      const before = await accepted('lab-* hosts: restrict app execution. pc-* hosts: contain them. only for medium sev incidents');
      assert.deepEqual(before.spec.trigger.severities, ['Medium']);
    });

    it('when the request says "you put" or names devices "(fin-*)", then those are the step and the name pattern', async () => {
      const plan = await accepted('when phish comes from MDO you put the incident in progress and you tag it phish');
      assert.deepEqual(plan.spec.steps.map((s) => s.params.incident?.status ?? s.params.incident?.addTags?.[0]), ['InProgress', 'phish']);
      const named = await accepted('finance machines (fin-*) get a full scan');
      assert.deepEqual(step(named, 'runAntiVirusScan').deviceFilter, { include: { namePatterns: ['fin-*'] } });
    });
  });

  describe('parts of a request said again', () => {
    it('when the second of two steps is said again with "but only V it once X", then X is that step\'s alone', async () => {
      const plan = await accepted('quarantine the file wherever it ran and then block its hash, but only block it once VT shows 20 or more');
      const quarantine = step(plan, 'stopAndQuarantineFile').target;
      assert.equal(quarantine.kind === 'fileDevices' ? quarantine.minEngines : -1, null);
      const block = step(plan, 'createIndicator').target;
      assert.equal(block.kind === 'iocs' ? block.minEngines : -1, 20);
      assert.equal(plan.spec.steps.filter((s) => s.action === 'createIndicator').length, 1);
    });

    it('when a step is "also" done "regardless of the IP result", then the test before does not reach it; a private IP is skipped', async () => {
      const plan = await accepted('for the alert ip: if its internal skip it, otherwise if VT has 6+ block it. also run a full scan on the host regardless of the vt result');
      assert.equal(step(plan, 'runAntiVirusScan').when, undefined);
      assert.equal(step(plan, 'createIndicator').iocFilter?.ipScope, 'public');
    });

    it('when "dont bother isolating" or "if its not X leave it alone" is said, then no isolation, and the other side gets nothing', async () => {
      const plan = await accepted('on adware dont bother isolating, just run a quick scan');
      assert.deepEqual(plan.spec.steps.map((s) => s.action), ['runAntiVirusScan']);
      const release = await accepted('release the host if the incident was resolved as false positive. if its not resolved as FP leave the host alone');
      assert.ok(step(release, 'unisolate').when || release.spec.trigger.classifications.length > 0, JSON.stringify(release.spec));
    });
  });

  describe('bare verbs, chat triggers and read-only asks', () => {
    it('when "otherwise disable + revoke + mail X" lists bare verbs, then they act on the account, in that branch', async () => {
      const plan = await accepted("if the user is in the 'Tier0' group dont disable it, just post in teams. otherwise disable + revoke + mail ir@contoso.com");
      assert.deepEqual(step(plan, 'disableUser').userFilter, { notInGroups: ['Tier0'] });
      assert.deepEqual(step(plan, 'revokeSessions').userFilter, { notInGroups: ['Tier0'] });
    });

    it('when a bare verb is joined to a step with its own condition, then the condition still reaches it', async () => {
      const plan = await accepted('contain and block the url, only when VT has it at 4+');
      assert.deepEqual(step(plan, 'isolate').when?.condition, { kind: 'maliciousIoc', iocTypes: ['url'], minEngines: 4 });
    });

    it('when "whenever a risky user alert fires", "if VT has anything at all" or "read only" is said, then each is read', async () => {
      const fires = await accepted('ping teams whenever a risky user alert fires');
      assert.deepEqual(fires.spec.trigger.serviceSources, ['AzureAdIdentityProtection']);
      const any = await accepted('if VT has anything at all on the ip assign it to ir@contoso.com');
      assert.deepEqual(step(any, 'updateIncident').when?.condition, { kind: 'maliciousIoc', iocTypes: ['ip'], minEngines: 1 });
      assert.ok((await planner.plan('post the VT scores in teams, read only')).ok);
      assert.ok(!(await planner.plan('isolate the host and post in teams, read only')).ok);
    });

    it('when "windows boxes skip" follows a device step, then windows devices are left out', async () => {
      const plan = await accepted('quarantine the file on the host. windows servers skip');
      assert.deepEqual(step(plan, 'stopAndQuarantineFile').deviceFilter?.exclude?.osPlatforms, ['WindowsServer']);
    });
  });

  describe('branches said loosely', () => {
    it('when "if X dont touch the device, just mail Y. otherwise for linux boxes scan" is said, then each side gets its steps', async () => {
      const plan = await accepted('if the inc is tagged legal dont touch the device, just mail law@contoso.com. otherwise for linux boxes run a full scan');
      assert.deepEqual(step(plan, 'sendMail').when?.condition, { kind: 'incidentTag', tags: ['legal'] });
      assert.deepEqual(step(plan, 'runAntiVirusScan').when?.condition, { not: { kind: 'incidentTag', tags: ['legal'] } });
      assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter, { include: { osPlatforms: ['Linux'] } });
    });

    it('when "dont isolate but still collect" is said of servers, then only the isolation skips them', async () => {
      const plan = await accepted('grab the package then contain the host. if the host is a server skip the contain part but still grab the package');
      assert.equal(step(plan, 'collectInvestigationPackage').deviceFilter, undefined);
      assert.deepEqual(step(plan, 'isolate').deviceFilter, { exclude: { kinds: ['server'] } });
    });
  });

  describe('pasted tickets and named files', () => {
    it('when an alert "names" a file and the steps act on "that file", then they act on that file by its name', async () => {
      const plan = await accepted('when an alert names psexec.exe, quarantine that file on the box. out of scope: any other file in the incident.');
      assert.deepEqual(step(plan, 'stopAndQuarantineFile').iocFilter?.fileNames, ['psexec.exe']);
    });

    it('when a clause is taken out between a step and a remark, then the step stays a step', async () => {
      const plan = await accepted('on ransomware contain the box and disable the user that was logged in. even if VT says the file is clean still do it, ransomware alerts dont lie');
      step(plan, 'disableUser');
      // A remark after a comma whose "dont" is about something else negates no step; a "dont" about a step still does.
      step(await accepted('on ransomware disable the logged-on user, those alerts never lie'), 'disableUser');
      assert.ok(!(await accepted('on ransomware disable the user, but dont reset the pw')).spec.steps.some((s) => s.action === 'resetPassword'));
    });
  });

  describe('which device a step means', () => {
    it('when a file verdict leads to "isolate the box", then it is the box the flagged file was seen on', async () => {
      const plan = await accepted('if VT calls the file hash bad on 8+ engines -> contain the box');
      const s = step(plan, 'isolate');
      assert.deepEqual([s.target.kind, s.deviceFilter?.include?.ranThere], ['fileDevices', true]);
    });

    it('when only "the devices where defender named the threat family X" are isolated, then the trigger reads the alerts of X', async () => {
      const plan = await accepted('contain the host, but only the devices where defender named the threat family Lumma');
      assert.equal(plan.spec.trigger.kind, 'alert');
      assert.equal(step(plan, 'isolate').target.kind, 'alertDevices');
    });

    it('when "if its windows also restrict; linux/mac just the isolation" is said, then the restriction is for Windows alone', async () => {
      const plan = await accepted('contain the devices. if its windows also restrict app execution, linux/mac just the isolation since it is not supported there');
      assert.deepEqual(step(plan, 'restrictCodeExecution').deviceFilter, { include: { osPlatforms: ['Windows'] } });
      assert.equal(step(plan, 'isolate').deviceFilter, undefined);
    });
  });

  describe('bands and complements in words', () => {
    it('when a band is written "two to six detections", then it is that band', async () => {
      const plan = await accepted('if the hash has two to six detections on VT, add a comment');
      assert.deepEqual(step(plan, 'updateIncident').when?.condition, { all: [{ kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 2 }, { not: { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 7 } }] });
    });

    it('when "incidents without X are not changed" follows a step on X, then it narrows nothing more', async () => {
      const plan = await accepted('If the incident is tagged legal, assign it to law@contoso.com. Incidents without that tag are not changed.');
      assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'incidentTag', tags: ['legal'] });
    });
  });

  describe('more description wording', () => {
    it('when a description "applies full network isolation" and leaves "devices whose files fall below the threshold" alone, then those are read', async () => {
      const plan = await accepted('For each file hash with 12 or more VirusTotal detections, the playbook applies full network isolation to the device the file ran on. Devices whose files fall below the threshold are not contained.');
      assert.equal(step(plan, 'isolate').params.isolationType, 'Full');
    });

    it('when "a password reset" is forced, then "reset" stays the noun it is', async () => {
      const plan = await accepted('on risky sign-ins confirm the user as compromised and force a password reset');
      assert.equal(step(plan, 'resetPassword').phrase, 'force a password reset');
    });
  });
  describe('"any" and "none" after the things a request checks', () => {
    it('when "if any is flagged" follows a lookup, then the step waits for that verdict, and "if none" is the other side', async () => {
      const plan = await accepted('Send each domain of the alert to VirusTotal; if any is reported as malicious, block them. If none is, close the incident as a false positive.');
      assert.deepEqual(step(plan, 'createIndicator').target, { kind: 'iocs', iocTypes: ['domain'], minEngines: 1 });
      const close = plan.spec.steps.find((s) => s.params.incident?.classification === 'FalsePositive');
      assert.deepEqual(close?.when?.condition, { not: { kind: 'maliciousIoc', iocTypes: ['domain'], minEngines: 1 } });
    });

    it('when "if any" names a thing of its own ("if any host is a DC"), then it is not read as a verdict', async () => {
      const plan = await planner.plan('look up the hashes on vt. if any host is a printer, isolate it');
      assert.ok(isQuestion(plan) || !plan.ok, JSON.stringify(plan));
    });
  });

  describe('incident states and group names said plainly', () => {
    it('when "every incident that is not yet closed" or "skip resolved incidents", then only open incidents, and nothing is resolved', async () => {
      for (const request of ['add the VT verdicts as a comment on every incident that is not yet closed', 'add the VT verdicts as a comment on the incident. closed incidents are ignored', 'add the VT verdicts as a comment on the incident, skip the resolved ones']) {
        const plan = await accepted(request);
        assert.deepEqual([...plan.spec.trigger.statuses].sort(), ['Active', 'InProgress'], request);
        assert.ok(plan.spec.steps.every((s) => s.params.incident?.status === undefined), `${request}: ${JSON.stringify(plan.spec.steps)}`);
      }
    });

    it('when the request is about incidents that get resolved, then that state is still the case the step is for', async () => {
      const plan = await accepted('when an incident gets resolved, post in teams');
      assert.deepEqual(plan.spec.trigger.statuses, ['Resolved']);
    });

    it('when a group is named after the word "group", unquoted, then it is the group of the user filter', async () => {
      assert.deepEqual(step(await accepted('reset the password for members of group Lab-Staff'), 'resetPassword').userFilter, { inGroups: ['Lab-Staff'] });
      assert.deepEqual(step(await accepted('revoke sessions unless the user is in entra group Tier1_Ops'), 'revokeSessions').userFilter, { notInGroups: ['Tier1_Ops'] });
    });

    it('when the word after "group" is no name ("in group chat"), then no group is made up', async () => {
      const plan = await planner.plan('disable the user and tell us in group chat');
      assert.ok(!JSON.stringify(plan).includes('inGroups'), JSON.stringify(plan));
    });
  });

  describe('requests worded the way other languages say them', () => {
    it('when "can you make that when X the box gets isolated" (no comma after the case), then the case is the trigger and the isolation its step', async () => {
      const plan = await accepted('can you make that when a ransomware alert comes from MDE the box gets isolated');
      assert.deepEqual(plan.spec.trigger.topics, ['ransomware']);
      assert.equal(step(plan, 'isolate').params.isolationType, 'Full');
    });

    it('when "make also a quick scan" or "make disable of the account", then "make" is the step it names', async () => {
      assert.equal(step(await accepted('on high sev incidents isolate the box and make also a quick scan'), 'runAntiVirusScan').params.scanType, 'Quick');
      assert.ok(step(await accepted('on high sev identity protection incidents make disable of the account'), 'disableUser'));
    });

    it('when "more then 4 engines" is mistyped, then it is "more than"; "severity doesnt matter, all incidents" narrows nothing', async () => {
      const plan = await accepted('block the hash when VT has more then 4 engines. severity doesnt matter, all incidents');
      assert.deepEqual(plan.spec.trigger.severities, []);
      const block = step(plan, 'createIndicator');
      assert.equal(block.target.kind === 'iocs' ? block.target.minEngines : undefined, 5);
    });

    it('when "except if X, for them only a teams ping, never disable", then the disable leaves X out and X gets the ping', async () => {
      const plan = await accepted("on identity protection incidents disable the account. Except if the user is in the group 'Plant-Ops', for them only a teams ping, never disable.");
      assert.deepEqual(step(plan, 'disableUser').userFilter, { notInGroups: ['Plant-Ops'] });
      assert.deepEqual(step(plan, 'teamsMessage').when?.condition, { kind: 'userInGroup', groups: ['Plant-Ops'] });
    });

    it('when an aside in brackets comes before a later exception, then it is never joined to the exception (never negated with it)', async () => {
      const plan = await accepted("when defender flags lateral movement (category LateralMovement) on a box, reset the user's password, unless the user is in the group 'Ops-Admins'");
      const reset = step(plan, 'resetPassword');
      assert.ok(!JSON.stringify(reset.when ?? {}).includes('"not"'), JSON.stringify(reset));
      assert.deepEqual(reset.userFilter, { notInGroups: ['Ops-Admins'] });
    });
  });

  describe('exceptions of accounts named by a pattern', () => {
    it('when "revoke the sessions and reset the password, unless the account starts with adm-", then both steps spare adm- accounts', async () => {
      const plan = await accepted('on identity protection incidents revoke the sessions of the user and reset the password, unless the account starts with adm-');
      for (const action of ['revokeSessions', 'resetPassword'] as const) assert.deepEqual(step(plan, action).userFilter, { exclude: { namePatterns: ['adm-*'] } }, action);
    });

    it('when "the admin accounts (they start with adm-) we must not touch, for them only a teams message", then the steps spare adm- accounts and they get the message', async () => {
      const plan = await accepted('on identity protection incidents revoke the sessions of the user and force him to change his password. the admin accounts (they start with adm-) we must not touch, for them only a teams message.');
      for (const action of ['revokeSessions', 'resetPassword'] as const) assert.deepEqual(step(plan, action).userFilter, { exclude: { namePatterns: ['adm-*'] } }, action);
      assert.deepEqual(step(plan, 'teamsMessage').when?.condition, { kind: 'userNamed', patterns: ['adm-*'] });
    });

    it('when two bounds make a band ("less then 8 but more then 2"), then the step runs on that band only', async () => {
      const plan = await accepted('block the hash when VT has 8 or more engines. if less then 8 but more then 2, only add a comment to the incident');
      const note = JSON.stringify(step(plan, 'updateIncident').when?.condition);
      assert.ok(note.includes('"minEngines":3') && note.includes('"minEngines":8'), note);
    });

    it('when "if already someone is assigned, dont change anything, only post in teams", then the post is for owned incidents and the assignment for the others', async () => {
      const plan = await accepted('when the incident is assigned to nobody, assign it to duty@contoso.com. if already someone is assigned, dont change anything, only post in teams');
      assert.deepEqual(step(plan, 'teamsMessage').when?.condition, { kind: 'assignment', assigned: true });
      assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'assignment', assigned: false });
    });
  });

  describe('prefixes listed with "or", and "a device on it"', () => {
    it('when "never act on accounts whose UPN starts with adm- or tier0", then both prefixes are spared by every step', async () => {
      const plan = await accepted('on identity protection incidents disable the account and revoke sessions. never act on accounts whose UPN starts with adm- or tier0');
      for (const action of ['disableUser', 'revokeSessions'] as const) {
        assert.deepEqual([...(step(plan, action).userFilter?.exclude?.namePatterns ?? [])].sort(), ['adm-*', 'tier0*'], action);
      }
    });

    it('when "every high incident that has a device on it", then each step needs a device in the incident', async () => {
      const plan = await accepted('every high sev incident that has a device on it, tag the incident dev-seen');
      assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'entityCount', entity: 'device', atLeast: 1 });
    });
  });

  describe('two groups named with "or"', () => {
    it('when "unless the user is in the Ops-A or Lab-B group; for those, only revoke", then both groups are spared the disable and get the revoke', async () => {
      const plan = await accepted('on high sev identity protection incidents disable the account, unless the user is in the Ops-A or Lab-B group; for those, only revoke their sessions');
      assert.deepEqual(step(plan, 'disableUser').userFilter, { notInGroups: ['Ops-A', 'Lab-B'] });
      assert.deepEqual(step(plan, 'revokeSessions').userFilter, { inGroups: ['Ops-A', 'Lab-B'] });
    });

    it('when the groups are quoted one after the other ("in group \'Ops-A\' or \'Lab-B\'", "in the \'Ops-A\' group or the \'Lab-B\' group"), then both are read', async () => {
      for (const request of ["disable the user, unless the user is in group 'Ops-A' or 'Lab-B'", "disable the user, unless the user is in the 'Ops-A' group or the 'Lab-B' group"]) {
        assert.deepEqual(step(await accepted(request), 'disableUser').userFilter, { notInGroups: ['Ops-A', 'Lab-B'] }, request);
      }
    });

    it('when one group is named, then the filter holds that group alone', async () => {
      assert.deepEqual(step(await accepted("disable the user, unless the user is in the 'Ops-A' group"), 'disableUser').userFilter, { notInGroups: ['Ops-A'] });
    });
  });

  describe('what a comment says', () => {
    it('when a comment "saying it is high priority" is asked for, then its words are the comment, never the severity of the trigger', async () => {
      const plan = await accepted('if VT has 1 to 4 engines on the hash, leave a comment on the incident saying it is high priority for review');
      assert.deepEqual(plan.spec.trigger.severities, []);
      assert.equal(step(plan, 'updateIncident').params.incident?.addComment, true);
    });

    it('when the severity is a case of the request, then it still narrows it', async () => {
      const plan = await accepted('on high severity incidents leave a comment on the incident saying it needs a look');
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
    });
  });
});
