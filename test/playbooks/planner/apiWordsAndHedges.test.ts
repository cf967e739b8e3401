import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { accepted, planner, step } from './helpers';

/**
 * The Defender API's own words in a request (action names, ScanType, IsolationType, osPlatform, rbacGroupName,
 * riskScore), a case said as an alert's fields, a newcomer's doubts around the ask, English with French habits,
 * expiries said of the block, a night shift's shorthand and accented words.
 */
describe('offline planner: the API\'s words, field headings, doubts around the ask and shorthand', () => {
  describe('the API\'s words', () => {
    it('when actions are named by their API names with a ScanType, then they are the steps, with that scan', async () => {
      const plan = await accepted('Category `Execution` alerts from MDE: `restrictCodeExecution` on the servers, `runAntiVirusScan` ScanType `Full` on the workstations.');
      assert.deepEqual(step(plan, 'restrictCodeExecution').deviceFilter?.include, { kinds: ['server'] });
      const scan = step(plan, 'runAntiVirusScan');
      assert.equal(scan.params.scanType, 'Full');
      assert.deepEqual(scan.deviceFilter?.include, { kinds: ['workstation'] });
    });

    it('when the devices "get isolated with IsolationType `Selective`", then the isolation is selective', async () => {
      const plan = await accepted('On CredentialAccess alerts, the servers get isolated with IsolationType `Selective`.');
      const isolate = step(plan, 'isolate');
      assert.equal(isolate.params.isolationType, 'Selective');
      assert.deepEqual(isolate.deviceFilter?.include, { kinds: ['server'] });
    });

    it('when devices are named by osPlatform and rbacGroupName, then the steps hold to that platform and that group', async () => {
      const plan = await accepted('MDE alerts: devices with osPlatform `Linux` -> runAntiVirusScan with ScanType `Quick`; devices with rbacGroupName `Tier0-Hosts` -> collectInvestigationPackage.');
      assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter?.include, { osPlatforms: ['Linux'] });
      assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter?.include, { groups: ['Tier0-Hosts'] });
    });

    it('when riskScore levels are listed per step ("High -> package; Low/Medium -> scan instead"), then each device gets the step of its level', async () => {
      const plan = await accepted('For each device of a Defender for Endpoint alert: riskScore `High` -> restrictCodeExecution; riskScore `None`/`Low`/`Medium` -> runAntiVirusScan.');
      assert.equal(step(plan, 'restrictCodeExecution').deviceFilter?.include?.minRiskScore, 'High');
      const scan = step(plan, 'runAntiVirusScan');
      assert.equal(scan.deviceFilter?.exclude?.minRiskScore, 'High');
      assert.equal(scan.deviceFilter?.include?.minRiskScore, undefined, JSON.stringify(scan));
    });

    it('when the listed riskScore levels leave a gap ("Low/High"), then they are not read as a range and it asks', async () => {
      const plan = await planner.plan('On MDE alerts, riskScore `Low`/`High` -> collectInvestigationPackage.');
      assert.ok(isQuestion(plan), JSON.stringify(plan));
    });

    it('when "if it is Medium or lower" follows a device risk score, then "it" is the risk score, not the severity', async () => {
      const plan = await accepted('On MDE alerts: if the device risk score is High, collect an investigation package; if it is Medium or lower, run a quick antivirus scan instead.');
      const scan = step(plan, 'runAntiVirusScan');
      assert.equal(scan.deviceFilter?.exclude?.minRiskScore, 'High');
      assert.doesNotMatch(JSON.stringify(scan), /severity/);
    });
  });

  describe('cases said as fields, or after the steps', () => {
    it('when the case is the alert\'s fields ("Alert title \\"X\\", detectionSource `EDR` -> ..."), then the title and the source are read', async () => {
      const plan = await accepted('Alert title "Suspicious rundll32 child", detectionSource `EDR` -> runAntiVirusScan on that device.');
      assert.match(JSON.stringify(plan.spec), /suspicious rundll32 child/i);
      assert.match(JSON.stringify(plan.spec), /"EDR"/);
    });

    it('when "Applies to every alert from X" is said after the steps, then every step holds to that source', async () => {
      const plan = await accepted('Linux hosts: runAntiVirusScan with ScanType `Full`. macOS hosts: runAntiVirusScan with ScanType `Quick`. This applies to all alerts from MicrosoftDefenderForEndpoint.');
      const scans = plan.spec.steps.filter((s) => s.action === 'runAntiVirusScan');
      assert.equal(scans.length, 2, JSON.stringify(plan.spec.steps));
      assert.deepEqual(plan.spec.trigger.serviceSources, ['MicrosoftDefenderForEndpoint']);
    });

    it('when a request opens with two short sentences of the same step for different platforms, then neither is taken for a title', async () => {
      const plan = await accepted('Linux devices: run a full antivirus scan. Windows devices: run a quick antivirus scan.');
      const scans = plan.spec.steps.filter((s) => s.action === 'runAntiVirusScan').map((s) => [s.params.scanType, s.deviceFilter?.include?.osPlatforms?.[0]]);
      assert.deepEqual(scans.sort(), [['Full', 'Linux'], ['Quick', 'Windows']]);
    });

    it('when a long case heading ends in a colon before "selectively isolate", then the isolation is planned', async () => {
      const plan = await accepted('Any alert with category CredentialAccess from MDE: selectively isolate servers.');
      assert.equal(step(plan, 'isolate').params.isolationType, 'Selective');
    });

    it('when the devices "get selective isolation" and others "get restrict app execution", then each kind gets its step', async () => {
      const plan = await accepted('On wiper alerts from MDE the workstations get selective isolation and the servers get restrict app execution.');
      const isolate = step(plan, 'isolate');
      assert.equal(isolate.params.isolationType, 'Selective');
      assert.deepEqual(isolate.deviceFilter?.include, { kinds: ['workstation'] });
      assert.deepEqual(step(plan, 'restrictCodeExecution').deviceFilter?.include, { kinds: ['server'] });
    });
  });

  describe('doubts around the ask, and French habits', () => {
    it('when a newcomer doubts the ask ("not sure if that\'s overkill tbh", "sorry for the wall of text"), then the ask is planned', async () => {
      const plan = await accepted('hey everyone - not sure whether this would be overkill, but can we collect an investigation package whenever a high alert fires? apologies for the long message');
      step(plan, 'collectInvestigationPackage');
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
    });

    it('when the release comes with "in case it had one", then it is planned', async () => {
      const plan = await accepted('After an incident gets resolved as false positive, lift the app execution restriction on the machine too, in case it has one.');
      step(plan, 'unrestrictCodeExecution');
    });

    it('when the mail is "just a heads up so they don\'t open anything", then the mail is planned', async () => {
      const plan = await accepted('Mail the user when a phishing message lands in their inbox, as a heads-up so they won\'t open it.');
      step(plan, 'sendMail');
    });

    it('when "In the opposite case, pass it in status in progress" follows a clean verdict, then the other side sets In Progress', async () => {
      const plan = await accepted('For MDE incidents, if the hash is clean on VirusTotal, resolve the incident as false positive. In the opposite case, pass the incident in status active.');
      const statuses = plan.spec.steps.filter((s) => s.action === 'updateIncident').map((s) => s.params.incident?.status);
      assert.deepEqual(statuses.sort(), ['Active', 'Resolved']);
    });

    it('when the team is "prevented on Teams" (to warn), then it is a Teams post', async () => {
      const plan = await accepted('If MDI lifts an alert of pass-the-ticket, revoke the sessions and prevent the SOC on Teams.');
      step(plan, 'teamsMessage');
      step(plan, 'revokeSessions');
    });

    it('when isolating "is not possible because of the production, so no isolation", then no isolation is planned and the rest is', async () => {
      const plan = await accepted('On ransomware incidents, collect the investigation package of the machines. It is not possible to isolate them because of the clinics, so no isolation.');
      step(plan, 'collectInvestigationPackage');
      assert.ok(!plan.spec.steps.some((s) => s.action === 'isolate'), JSON.stringify(plan.spec.steps));
    });
  });

  describe('expiry said of the block', () => {
    it('when "Keep the block for N days" follows a block with a verdict, then there is one block, with the verdict and the expiry', async () => {
      const plan = await accepted('Block the IPs of C2 alerts when VirusTotal flags them. Keep the block for 10 days.');
      const blocks = plan.spec.steps.filter((s) => s.action === 'createIndicator');
      assert.equal(blocks.length, 1, JSON.stringify(blocks));
      assert.equal(blocks[0].params.expiresInDays, 10);
      assert.equal(blocks[0].target.kind === 'iocs' && blocks[0].target.minEngines, 1);
    });

    it('when "the blocking must last N days, not more" is said, then the indicators expire then', async () => {
      const plan = await accepted('Block the file hashes when VirusTotal flags them with at least 4 engines. Each block has to stay 45 days, no longer.');
      assert.equal(step(plan, 'createIndicator').params.expiresInDays, 45);
    });

    it('when "maybe only for N days instead of forever" is a sentence after a question, then it is the expiry', async () => {
      const plan = await accepted('is it possible to block the domains from C2 alerts if VirusTotal thinks they\'re bad? maybe only for 5 days instead of forever, since those domains usually rotate');
      assert.equal(step(plan, 'createIndicator').params.expiresInDays, 5);
    });

    it('when "for N days" follows a step that is not a block, then it is not read as an expiry', async () => {
      const plan = await planner.plan('Isolate the device on high alerts. Maybe only for 3 days.');
      assert.ok(isQuestion(plan) || !JSON.stringify(plan).includes('expiresInDays'), JSON.stringify(plan));
    });
  });

  describe("a night shift's shorthand, and accented words", () => {
    it('when "dev" follows "the" or "any other", then it is the device', async () => {
      const plan = await accepted('crit alrt: iso teh dev if tagged lab, any other dev: quick av scan');
      step(plan, 'isolate');
      step(plan, 'runAntiVirusScan');
    });

    it('when "dev" names development machines ("the dev servers"), then it is not read as the device', async () => {
      const plan = await planner.plan('hi sev alrt -> iso the dev servers');
      assert.ok(isQuestion(plan), JSON.stringify(plan));
    });

    it('when "usr" and "cmnt" are used, then they are the user and a comment', async () => {
      const plan = await accepted('risky signin alrt -> revoke sess for the usr + cmnt on the inc');
      step(plan, 'revokeSessions');
      assert.ok(plan.spec.steps.some((s) => s.action === 'updateIncident' && s.params.incident?.addComment === true), JSON.stringify(plan.spec.steps));
    });

    it('when "under N or VT doesn\'t know it" follows a threshold block, then it is the other side of the threshold', async () => {
      const plan = await accepted('if vt has the hash at 6+ -> blk it. below 6 or vt doesnt know it -> only a cmnt on the inc');
      assert.match(JSON.stringify(step(plan, 'createIndicator')), /"minEngines":6/);
      const comment = plan.spec.steps.find((s) => s.action === 'updateIncident');
      assert.deepEqual(comment?.when?.condition, { not: { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 6 } });
    });

    it('when an exception in brackets is followed by "+ blk the ip if vt flags it", then the block is a step of its own with its test', async () => {
      const plan = await accepted('hi sev beacon alrt -> iso the box (unles its in Lab-Net grp) + blk the domain if vt flgs it');
      const isolate = step(plan, 'isolate');
      assert.deepEqual(isolate.deviceFilter?.exclude, { groups: ['Lab-Net'] });
      assert.equal(isolate.when?.condition, undefined, JSON.stringify(isolate));
      const block = step(plan, 'createIndicator');
      assert.equal(block.target.kind === 'iocs' && block.target.minEngines, 1);
    });

    it('when "unless it is in the X group" follows a device step and X is unquoted, then X is a device group', async () => {
      const plan = await accepted('On high alerts isolate the machine unless it is in the Dock-Scanners group.');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { groups: ['Dock-Scanners'] });
    });

    it('when "lo/info ignore" follows a case of medium and up, then the lower severities get nothing and the step runs', async () => {
      const plan = await accepted('medium and up: full av scan on any dev. lo/info: skip');
      assert.equal(step(plan, 'runAntiVirusScan').params.scanType, 'Full');
      assert.deepEqual(plan.spec.trigger.severities, ['Medium', 'High']);
    });

    it('when the ask is "only the ones where one of the users is in group X", then a user of the alert must be in X', async () => {
      const plan = await accepted('Please add the tag follow-up to incidents, but only the ones where a user is a member of the Board Members group.');
      assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'userInGroup', groups: ['Board Members'] });
    });

    it('when a quoted group name has accents, then the group keeps them', async () => {
      const plan = await accepted("On high alerts: désactive the account, except for users in the group 'Comité Exécutif'.");
      assert.deepEqual(step(plan, 'disableUser').userFilter?.notInGroups, ['Comité Exécutif']);
    });
  });

  describe('stories, labels and glosses around the ask', () => {
    it('when a greeting, a meeting and a manager\'s demand in reported speech come first, then the demand is the ask', async () => {
      const plan = await accepted('Bonjour the team, I come back from the call with the DPO, it was short. He asks that for each incident of data exfiltration we send him a mail at dpo@contoso.com, and that we tag it privacy.');
      assert.match(JSON.stringify(step(plan, 'sendMail')), /dpo@contoso\.com/);
      assert.match(JSON.stringify(plan.spec.steps), /privacy/);
    });

    it('when what happened last week is told before the ask, then it is background and the ask is planned', async () => {
      const plan = await accepted('Last month a contractor laptop beaconed to a known C2 for two days before anybody looked. When MDE raises a high alert, isolate the device.');
      step(plan, 'isolate');
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
    });

    it('when the story of last week holds a condition word, then it is not dropped as background', async () => {
      const plan = await planner.plan('Last week we said: if the device is a server, never isolate. Isolate the device on high alerts.');
      assert.ok(isQuestion(plan) || JSON.stringify(plan).includes('server'), JSON.stringify(plan));
    });

    it('when a written spec has "Scope:" and "Actions:" labels, a technique glossed in brackets and other sub-techniques ruled out, then it is planned on that sub-technique', async () => {
      const plan = await accepted('Scope: alerts with technique T1547.001 (Registry Run Keys). Actions: run a full antivirus scan on the device. Other T1547 sub-techniques are out of scope.');
      assert.match(JSON.stringify(step(plan, 'runAntiVirusScan').when), /T1547\.001/);
    });

    it('when a quoted group is glossed in brackets and its persons are spared, then the users of that group are spared', async () => {
      const plan = await accepted("Reset the password on high alerts, but never for the persons in the group 'Treasury-Staff' (the people of finance ops).");
      assert.deepEqual(step(plan, 'resetPassword').userFilter?.notInGroups, ['Treasury-Staff']);
    });

    it('when a group of no said kind is spared from a step on users, then its members are spared (never only the devices in a group so named)', async () => {
      const plan = await accepted("Reset the password of the user on high alerts. Those from the 'Treasury' group: never reset.");
      assert.deepEqual(step(plan, 'resetPassword').userFilter?.notInGroups, ['Treasury']);
    });

    it('when a group is named as a device group for a device step, then it stays a device group', async () => {
      const plan = await accepted("Isolate the device on high alerts, except devices in the 'Treasury' device group.");
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { groups: ['Treasury'] });
    });

    it('when "if a device tagged X was skipped" follows a rule that never isolates X, then the tag step needs a device tagged X', async () => {
      const plan = await accepted('Never isolate machines tagged Kiosk. On high incidents from MDE isolate the other machines; if a Kiosk device was skipped, add the tag kiosk-left to the incident.');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { tags: ['Kiosk'] });
      assert.match(JSON.stringify(step(plan, 'updateIncident').when), /Kiosk/);
    });

    it('when "if a device was skipped" names devices no rule leaves out, then it is asked about', async () => {
      const plan = await planner.plan('For high incidents isolate every device, and if a Medical device was skipped, tag the incident medical-review.');
      assert.ok(isQuestion(plan), JSON.stringify(plan));
    });

    it('when "X alerts = security testing" heads the steps, then they are for alerts so titled, and a determination alone names its classification', async () => {
      const plan = await accepted('caldera alerts = pentest. close the inc, determination security testing, tag caldera');
      assert.deepEqual(plan.spec.trigger.titleKeywords, ['caldera']);
      const close = step(plan, 'updateIncident');
      assert.equal(close.params.incident?.classification, 'InformationalExpectedActivity');
      assert.equal(close.params.incident?.determination, 'SecurityTesting');
    });

    it('when "fewer than that or VT does not know it" follows a threshold, then it is the other side of that threshold', async () => {
      const plan = await accepted('On Entra ID Protection alerts look the IP up on VirusTotal; if 4 or more engines flag it, confirm the user compromised, and if it is less than that or VT does not know the IP, dismiss the user risk.');
      const dismiss = JSON.stringify(step(plan, 'dismissRiskyUser').when?.condition);
      assert.match(dismiss, /\{"not":\{"kind":"maliciousIoc","iocTypes":\["ip"\],"minEngines":4\}\}/);
      assert.doesNotMatch(dismiss, /unknownIoc/);
    });

    it('when Identity Protection "lifts an alert of high risk", then it is a high severity alert, not a device risk', async () => {
      const plan = await accepted('Each time Entra ID Protection lifts an alert of medium risk, reset the password of the user.');
      assert.deepEqual(plan.spec.trigger.severities, ['Medium']);
      assert.doesNotMatch(JSON.stringify(plan.spec), /minRiskScore|deviceRisk/);
    });
  });

  describe('registers: a policy\'s legal English, chat fillers and emoji, an on-call engineer\'s words', () => {
    it('when a policy says "Notwithstanding the foregoing", "save where" and "in the event that", then they are read as nothing, unless and if', async () => {
      const plan = await accepted("Notwithstanding the foregoing, in the event that a high severity alert is raised, the account of the user shall be disabled save where the user is in the 'Legal-Hold' group.");
      assert.deepEqual(step(plan, 'disableUser').userFilter?.notInGroups, ['Legal-Hold']);
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
    });

    it('when "The SOC shall, in the event that VirusTotal reports a hash as malicious by N engines, block said hash" is said, then the block needs N engines', async () => {
      const plan = await accepted('The SOC shall, in the event that VirusTotal reports a file hash as malicious by seven or more engines, create a block indicator for said hash.');
      const block = step(plan, 'createIndicator');
      assert.equal(block.target.kind === 'iocs' && block.target.minEngines, 7);
    });

    it('when "devices exhibiting X behaviour shall be isolated" and a group "shall instead be subject to a scan", then the group is scanned and never isolated', async () => {
      const plan = await accepted("Any devices exhibiting ransomware behaviour shall be fully isolated; however, devices belonging to the 'Lab-Benches' device group shall instead be subject to a full antivirus scan.");
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { groups: ['Lab-Benches'] });
      assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter?.include, { groups: ['Lab-Benches'] });
    });

    it('when a step said "instead" chooses devices by tag after an isolation of every device, then those devices are left out of the isolation', async () => {
      const plan = await accepted('On critical alerts isolate the machine. For machines tagged Scanner, collect an investigation package instead.');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { tags: ['Scanner'] });
    });

    it('when a step said "instead" names a kind of device, then the rule for kinds decides (the step keeps its own devices)', async () => {
      const plan = await accepted('On critical alerts isolate the machine. For servers, collect an investigation package instead.');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { kinds: ['server'] });
    });

    it('when chat fillers and emoji surround the ask ("so like", "ngl", "lowkey", "🙏"), then the ask is planned', async () => {
      const plan = await accepted('heyyy 👋 so like whenever theres a C2 alert can u lowkey block the domain if vt says its sus?? ngl and lmk in the channel pls 🙏');
      const block = step(plan, 'createIndicator');
      assert.equal(block.target.kind === 'iocs' && block.target.minEngines, 1);
      step(plan, 'teamsMessage');
    });

    it('when a cross emoji stands before a kind of device, then that kind is never isolated (left out, or asked about)', async () => {
      const plan = await planner.plan('wiper alert ➡️ iso the box ❌ servers');
      assert.ok(isQuestion(plan) || (plan.ok && JSON.stringify(step(plan, 'isolate').deviceFilter?.exclude) === JSON.stringify({ kinds: ['server'] })), JSON.stringify(plan));
    });

    it('when "idc about servers, dont touch those" follows an isolation, then servers are left out', async () => {
      const plan = await accepted('pls iso the pc rn if mde flags ransomware tbh idc about servers, dont touch those lol');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { kinds: ['server'] });
    });

    it('when an on-call engineer writes "ack (...)", "blast radius = that host only", "rest: noop" and "owner: x (assign)", then they are read', async () => {
      const plan = await accepted('- trigger: high sev MDE alert\n- action: ack (set in progress), iso the host (selective), blast radius = that host only\n- rest: noop\n- owner: ir-lead@contoso.com (assign)');
      assert.equal(step(plan, 'isolate').params.isolationType, 'Selective');
      const updates = plan.spec.steps.filter((s) => s.action === 'updateIncident').map((s) => s.params.incident);
      assert.ok(updates.some((u) => u?.status === 'InProgress'), JSON.stringify(updates));
      assert.ok(updates.some((u) => u?.assignedTo === 'ir-lead@contoso.com'), JSON.stringify(updates));
    });

    it('when a Spanish habit puts the subject last ("If is high the alert of MDE") and says "close the sessions", then the severity and the revoke are read', async () => {
      const plan = await accepted('If is medium the alert of MDI, make the reset of the password and close the sessions of the user.');
      assert.deepEqual(plan.spec.trigger.severities, ['Medium']);
      step(plan, 'resetPassword');
      step(plan, 'revokeSessions');
    });

    it('when a user "is in risk high", then it is never read as a device\'s risk score', async () => {
      const plan = await planner.plan('When the account of the alert is in risk high, reset the password.');
      assert.doesNotMatch(JSON.stringify(plan), /deviceRisk|minRiskScore/);
    });
  });

  describe('English shaped by Spanish, a company policy, and a teenager\'s chat', () => {
    it('when "Is necessary that", "must to change his password", "make the isolation" and "but NO if" are said, then they are the steps and the exception', async () => {
      const plan = await accepted('Is necessary that when MDE detect ransomware we make the isolation of the machine, and the user of the alert must to change his password, but NO if is an account of service (svc-*).');
      step(plan, 'isolate');
      assert.deepEqual(step(plan, 'resetPassword').userFilter?.exclude, { namePatterns: ['svc-*'] });
    });

    it('when the mail goes "to the responsable (x@y)", then it goes to that address', async () => {
      const plan = await accepted('For the alerts of malware, make a full scan and send a email to the responsable (jefe.soc@contoso.com).');
      assert.match(JSON.stringify(step(plan, 'sendMail')), /jefe\.soc@contoso\.com/);
    });

    it('when a company policy says "shall ensure that, upon detection of X by Y, ... except where ...", then it is the case, the steps and the exception', async () => {
      const plan = await accepted("The Organisation shall ensure that, upon detection of ransomware by Microsoft Defender for Endpoint, the affected device is isolated, except where the device is in the 'Life-Support' device group.");
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { groups: ['Life-Support'] });
      assert.deepEqual(plan.spec.trigger.serviceSources, ['MicrosoftDefenderForEndpoint']);
    });

    it('when "every time theres a X thing" and "like tell the user" are typed, then the case is X alerts and the user is mailed', async () => {
      const plan = await accepted('omg every time theres a high sev ransomware thing can u just iso the pc and like tell the user?? ty');
      step(plan, 'isolate');
      assert.equal(step(plan, 'sendMail').params.mailToUsers, true);
    });
  });

  describe('a test said after the steps, with its other side', () => {
    it('when "<steps>. Only if X, otherwise just Y" is said, then the steps need X and Y is the other side', async () => {
      const plan = await accepted('For credential theft alerts disable the account and revoke the sessions. Only if the IP is bad on VirusTotal (3+), otherwise just tag the incident review.');
      for (const action of ['disableUser', 'revokeSessions'] as const) assert.match(JSON.stringify(step(plan, action).when), /"minEngines":3/);
      const tag = step(plan, 'updateIncident');
      assert.match(JSON.stringify(tag.when), /"not":\{"kind":"maliciousIoc"/);
    });

    it('when the "only if" sentence comes first, then it is a case as usual', async () => {
      const plan = await accepted('Only if the IP is bad on VirusTotal (3+), disable the account, otherwise just tag the incident review.');
      assert.match(JSON.stringify(step(plan, 'disableUser').when), /"minEngines":3/);
    });
  });
});
