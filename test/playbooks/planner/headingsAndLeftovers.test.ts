import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { accepted, planner, step } from './helpers';

/**
 * Kinds of device said as headings one after another on one line, cases handed back to people ("stays with the
 * analysts"), rule-outs of steps the plan does not hold, a manager's remarks around the ask, and English written with
 * German habits.
 */
describe('offline planner: headings on one line, cases left to people, and remarks around the ask', () => {
  describe('kinds of device as headings on one line', () => {
    it('when "servers: X, workstations: Y" is said after a case, then each kind gets its own step (never the other one\'s)', async () => {
      const plan = await accepted('for high alerts: servers: collect a package, workstations: full isolate.');
      assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter?.include, { kinds: ['server'] });
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.include, { kinds: ['workstation'] });
    });

    it('when the headings are joined by a slash and the isolation kinds differ, then servers get selective and workstations full', async () => {
      const plan = await accepted('critical or high incidents -> srvs: selective isolation / workstations: iso full');
      const isolations = plan.spec.steps.filter((s) => s.action === 'isolate').map((s) => [s.params.isolationType, JSON.stringify(s.deviceFilter?.include)]);
      assert.deepEqual(isolations.sort(), [['Full', '{"kinds":["workstation"]}'], ['Selective', '{"kinds":["server"]}']]);
    });

    it('when the second heading is a name Rampart does not know, then it asks (the name is not read as the first step\'s devices)', async () => {
      const plan = await planner.plan('servers: collect a package, the print boxes: isolate');
      assert.ok(isQuestion(plan), JSON.stringify(plan));
    });

    it('when a kind after a comma has no colon, then it still narrows the step before it', async () => {
      const plan = await accepted('for high alerts, collect a package, servers only');
      assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter?.include, { kinds: ['server'] });
    });
  });

  describe('cases left to people, and rule-outs of steps the plan does not hold', () => {
    it('when lower severities "remain with the SOC", then the containment is planned for high only', async () => {
      const plan = await accepted('Contain the device when the incident is high. Anything below high remains with the SOC.');
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
      step(plan, 'isolate');
    });

    it('when "informational stuff can wait", then the scan runs for medium only', async () => {
      const plan = await accepted('Run a quick scan on medium severity alerts. Informational stuff can wait.');
      assert.deepEqual(plan.spec.trigger.severities, ['Medium']);
    });

    it('when other sources are ignored after a source is named, then the step is planned for that source', async () => {
      const plan = await accepted('For Defender for Office 365 alerts, add the tag mail-review. Leave alerts from other sources alone.');
      assert.deepEqual(plan.spec.trigger.serviceSources, ['MicrosoftDefenderForOffice365']);
    });

    it('when other sources are ignored but no source was named, then it asks', async () => {
      const plan = await planner.plan('Add the tag mail-review. Ignore all other sources.');
      assert.ok(isQuestion(plan), JSON.stringify(plan));
    });

    it('when resolving incidents is ruled out and no step resolves one, then the assignment is planned and nothing is closed', async () => {
      const plan = await accepted('Assign new incidents to tier1@contoso.com, but do not resolve any incidents.');
      assert.equal(step(plan, 'updateIncident').params.incident?.status, undefined);
    });

    it('when taking over incidents an analyst works on is ruled out, then only unassigned incidents are assigned', async () => {
      const plan = await accepted('Assign high incidents to lead@contoso.com; never take over incidents an analyst is working on.');
      assert.match(JSON.stringify(step(plan, 'updateIncident').when?.condition), /assigned/);
    });

    it('when "Never a domain controller." follows a threshold containment, then domain controllers are left out', async () => {
      const plan = await accepted('When VirusTotal counts 12 engines or more for a file, contain the machine it was seen on. Never a domain controller.');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { kinds: ['domainController'] });
    });
  });

  describe("a manager's remarks around the ask", () => {
    it('when priorities and a deadline surround the ask, then they are background and the steps are planned', async () => {
      const plan = await accepted('Quick one ahead of the audit review. When a ransomware alert comes in, isolate the device. We need it deployed before Monday, cheers.');
      step(plan, 'isolate');
      assert.ok(plan.understood.some((u) => /audit review/.test(u.phrase) && /background/.test(u.meaning)), JSON.stringify(plan.understood));
    });

    it('when the priority names a kind of device the ask never names again, then it is asked about', async () => {
      const plan = await planner.plan('Servers are our top priority. Isolate the device when the incident is high.');
      assert.ok(isQuestion(plan), JSON.stringify(plan));
    });
  });

  describe('English with German habits', () => {
    it('when the verdict is said with the participle last ("as malicious recognised"), then the threshold is read', async () => {
      const plan = await accepted('Isolate the host if the hash is by VirusTotal from at least 7 engines as malicious recognized. When it are under 7, make only a quick scan.');
      assert.match(JSON.stringify(step(plan, 'isolate').when?.condition), /"minEngines":7/);
      assert.equal(step(plan, 'runAntiVirusScan').params.scanType, 'Quick');
    });

    it('when the title "stands" a word and a Teams message is "become", then the title test and the post are planned', async () => {
      const plan = await accepted("When in the incident title stands 'wiper', restrict the app execution. And we want to receive a message in teams too.");
      step(plan, 'restrictCodeExecution');
      step(plan, 'teamsMessage');
      assert.match(JSON.stringify(plan.spec), /wiper/);
    });

    it('when German words name the device and the scan and "there only" follows the exception, then the group gets the scan only', async () => {
      const plan = await accepted("MDE alerts of severity high: den Rechner isolieren, but not when the Gerät is in the 'Press-Line' device group - there only a quick Virenscan.");
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { groups: ['Press-Line'] });
      assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter?.include, { groups: ['Press-Line'] });
    });

    it('when "with all other staff, only revoke" follows a group\'s steps, then the others are only revoked', async () => {
      const plan = await accepted("If the user of a risky sign-in is in the group 'Finance-Admins', reset the password and revoke the sessions. With all other staff, only revoke the sessions, not disable.");
      assert.deepEqual(step(plan, 'resetPassword').userFilter?.inGroups, ['Finance-Admins']);
      const revokes = plan.spec.steps.filter((s) => s.action === 'revokeSessions');
      assert.ok(revokes.some((s) => JSON.stringify(s.userFilter ?? {}).includes('notInGroups')), JSON.stringify(revokes));
    });

    it('when the expiry is a sentence of its own after the block, then the indicators expire', async () => {
      const plan = await accepted('Block every file hash of the incident. The indicators shall expire after 21 days.');
      assert.equal(step(plan, 'createIndicator').params.expiresInDays, 21);
    });

    it('when the wish "make that the status is put on \'in work\'" is said, then the status is In Progress', async () => {
      const plan = await accepted("For Defender for Identity alerts: could you make that the status is put on 'in work' and the incident is assigned to oncall@contoso.com. All other incidents leave as it is.");
      assert.equal(step(plan, 'updateIncident').params.incident?.status, 'InProgress');
    });
  });

  describe('a step said again with "only", and rule-outs said around the steps', () => {
    it('when "Isolate the devices." is followed by "Only isolate the servers.", then only servers are isolated', async () => {
      const plan = await accepted('Isolate the devices. Also collect a package. Only isolate the servers.');
      const isolations = plan.spec.steps.filter((s) => s.action === 'isolate');
      assert.equal(isolations.length, 1, JSON.stringify(isolations));
      assert.deepEqual(isolations[0].deviceFilter?.include, { kinds: ['server'] });
      step(plan, 'collectInvestigationPackage');
    });

    it('when the "only" is said for a case of its own ("For servers, only collect"), then it stays that case\'s step', async () => {
      const plan = await accepted('Isolate the devices. For servers, only collect a package.');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { kinds: ['server'] });
    });

    it('when "Block the URLs" is said again as "only block the URLs VirusTotal flags", then one block of flagged URLs is planned', async () => {
      const plan = await accepted('Block the URLs from the incident. Only block the URLs VirusTotal flags.');
      const blocks = plan.spec.steps.filter((s) => s.action === 'createIndicator');
      assert.equal(blocks.length, 1, JSON.stringify(blocks));
      assert.equal(blocks[0].target.kind === 'iocs' && blocks[0].target.minEngines, 1);
    });

    it('when blocks of what VirusTotal does not know or rates at zero are ruled out after an exception said twice, then only flagged domains outside it are blocked', async () => {
      const plan = await accepted("Block every domain of the incident, except fabrikam.com and its subdomains. Do not block those, no matter what. Also never block a domain which VirusTotal does not know or rates at zero.");
      const blocks = plan.spec.steps.filter((s) => s.action === 'createIndicator');
      assert.equal(blocks.length, 1, JSON.stringify(blocks));
      assert.match(JSON.stringify(blocks[0]), /fabrikam\.com/);
      assert.equal(blocks[0].target.kind === 'iocs' && blocks[0].target.minEngines, 1);
    });

    it('when actions on hosts of a device group are ruled out after the step, then the file step leaves that group out', async () => {
      const plan = await accepted('If a file has 7+ on VT, stop and quarantine that file. No actions on hosts in the Legal device group, some analyst handles them.');
      assert.deepEqual(step(plan, 'stopAndQuarantineFile').deviceFilter?.exclude, { groups: ['Legal'] });
    });

    it('when "the only thing we need is to revoke the sessions, but not for users in X" is said, then sessions are revoked for the others', async () => {
      const plan = await accepted("On Identity Protection alerts the only thing we need is to revoke the sessions, but not for users in 'Kiosk Accounts'.");
      assert.deepEqual(step(plan, 'revokeSessions').userFilter?.notInGroups, ['Kiosk Accounts']);
    });
  });

  describe('things tagged, risk levels and reasons around a rule-out', () => {
    it('when every device is isolated "except anything tagged X", then a device tagged X is left out as well as an incident tagged X', async () => {
      const plan = await accepted('For ransomware alerts isolate every device in the incident, except anything tagged KeepOnline.');
      const isolate = step(plan, 'isolate');
      assert.deepEqual(isolate.deviceFilter?.exclude, { tags: ['KeepOnline'] });
      assert.match(JSON.stringify(isolate.when?.condition), /"not".*KeepOnline/);
    });

    it('when "only run a full scan on those" follows the exception, then the devices tagged X get the scan and no isolation', async () => {
      const plan = await accepted('Ransomware: contain all the machines in the incident, excluding whatever is tagged KeepOnline, those are our print nodes. Only run a full scan on those.');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { tags: ['KeepOnline'] });
      assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter?.include, { tags: ['KeepOnline'] });
    });

    it('when Entra ID Protection "rates the user as high risk" and a group of several words is spared, then high alerts revoke everyone else', async () => {
      const plan = await accepted('Revoke the sessions, but only if Entra ID Protection rates the user as high risk, you know, and never for users in the On-Call Travel group, since they need access on the road.');
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
      assert.deepEqual(step(plan, 'revokeSessions').userFilter?.notInGroups, ['On-Call Travel']);
    });
  });

  describe("an MSSP's device groups by pattern, and steps said as nouns", () => {
    it('when the devices are "in the ABC-* device groups" unquoted, then it is a pattern of group names, not of device names', async () => {
      const plan = await accepted('For high severity MDE incidents, isolate the devices in the NWX-* device groups.');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.include, { groups: ['NWX-*'] });
    });

    it("when a customer is named by its device groups (\"cust X (their dev grps are ABC-*)\"), then the steps are for those devices and the rest are left alone", async () => {
      const plan = await accepted("client Lakeshore (its device groups are LKS-*): when MDE raises a high incident for their devices, contain them. other clients' machines never touch. below high: nothing.");
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.include, { groups: ['LKS-*'] });
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
    });

    it('when a customer is named without saying what its devices are, then it is asked about', async () => {
      const plan = await planner.plan('Lakeshore: high sev MDE inc -> isolate the box');
      assert.ok(isQuestion(plan), JSON.stringify(plan));
    });

    it('when "password reset and revoke sessions" follows a group\'s case, then both steps are planned for it', async () => {
      const plan = await accepted('On Identity Protection alerts, for members of the Payroll-Admins group: password reset and revoke the sessions. Everyone else: only revoke the sessions.');
      assert.deepEqual(step(plan, 'resetPassword').userFilter?.inGroups, ['Payroll-Admins']);
    });
  });

  describe('exact titles, thresholds said after the verdict, a hesitant newcomer and a terse night shift', () => {
    it('when the title is said "exactly" with an abbreviation in brackets, then the title words are the case', async () => {
      const plan = await accepted('For alerts whose title is exactly "Suspicious sign-in from a token replay (STR)", revoke the user sessions.');
      assert.deepEqual(plan.spec.trigger.titleKeywords, ['suspicious sign-in from a token replay']);
    });

    it('when the engine count follows the verdict as a question of its own ("Like 6 engines or more?"), then it is the threshold', async () => {
      const plan = await accepted('Would it be possible to block the domains when VirusTotal says they are malicious? Like 6 engines or more?');
      const block = step(plan, 'createIndicator');
      assert.equal(block.target.kind === 'iocs' && block.target.minEngines, 6);
    });

    it('when the block is asked "during 14 days", then it expires after 14 days', async () => {
      const plan = await accepted('If the IP is malicious at VirusTotal (superior to 4 engines), block it during 14 days.');
      assert.equal(step(plan, 'createIndicator').params.expiresInDays, 14);
    });

    it('when a newcomer asks "could we maybe have it so that ... the url gets blocked? only if VT agrees its bad", then flagged URLs are blocked', async () => {
      const plan = await accepted('sorry if this is a dumb q but could we maybe have it so that on phishing alerts the url gets blocked? only if VT agrees its bad tho');
      const block = step(plan, 'createIndicator');
      assert.deepEqual(block.target.kind === 'iocs' && block.target.iocTypes, ['url']);
      assert.equal(block.target.kind === 'iocs' && block.target.minEngines, 1);
    });

    it('when "med+ idp -> revoke, hi -> also reset" is typed, then high alerts also reset the password', async () => {
      const plan = await accepted('med+ idp -> revoke sess, hi -> also reset pw');
      assert.deepEqual(plan.spec.trigger.severities, ['Medium', 'High']);
      assert.match(JSON.stringify(step(plan, 'resetPassword').when?.condition), /High/);
    });
  });

  describe("a detection engineer's exact words", () => {
    it('when a source is followed by a quoted title and an arrow, then the title is the case', async () => {
      const plan = await accepted('MDE "Suspicious scheduled task registration" -> collect an investigation package.');
      assert.deepEqual(plan.spec.trigger.titleKeywords, ['suspicious scheduled task registration']);
      assert.equal(plan.spec.trigger.serviceSources.length, 1);
      assert.match(plan.spec.trigger.serviceSources[0], /Endpoint|ATP/);
    });

    it('when the scope is said to be the devices of the matching alert, then the isolation acts on those devices', async () => {
      const plan = await accepted('Scope is strictly the devices from the matching alert, not every device in the incident: isolate them when the alert severity is High.');
      assert.equal(step(plan, 'isolate').target.kind, 'alertDevices');
    });

    it('when that scope is said but the case is the incident\'s, then it is asked about', async () => {
      const plan = await planner.plan('Scope is strictly the devices from the matching alert: isolate them when the incident is High.');
      assert.ok(isQuestion(plan), JSON.stringify(plan));
    });
  });
});

