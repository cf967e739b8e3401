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
      const plan = await accepted('sev high -> srv: iso selective / wks: full iso');
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
    it('when lower severities "stay with the analysts", then the isolation is planned for high only', async () => {
      const plan = await accepted('Contain the device when the incident is high. Anything under high stays with the team.');
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
      step(plan, 'isolate');
    });

    it('when "low stuff can wait", then the scan runs for medium', async () => {
      const plan = await accepted('Run a quick scan on medium severity alerts. Low stuff can wait.');
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

    it('when the request says "never auto-close anything" and plans no close, then the assignment is planned and nothing is closed', async () => {
      const plan = await accepted('Assign new incidents to tier1@contoso.com. Never auto-close anything, ever.');
      assert.equal(step(plan, 'updateIncident').params.incident?.status, undefined);
    });

    it('when "don\'t reassign anything someone already owns" follows the assignment, then only unassigned incidents are assigned', async () => {
      const plan = await accepted('Assign high incidents to lead@contoso.com. Do not reassign anything somebody already owns.');
      assert.match(JSON.stringify(step(plan, 'updateIncident').when?.condition), /assigned/);
    });

    it('when "never a server, no matter the score" follows a threshold isolation, then servers are left out', async () => {
      const plan = await accepted('Isolate the device when a file on it has 12 or more engines on VT. Never a server, no matter the score.');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { kinds: ['server'] });
    });
  });

  describe("a manager's remarks around the ask", () => {
    it('when priorities and a deadline surround the ask, then they are background and the steps are planned', async () => {
      const plan = await accepted('Our backups are the crown jewels, full stop. When a ransomware alert comes in, isolate the device. Need this live by Monday, thanks.');
      step(plan, 'isolate');
      assert.ok(plan.understood.some((u) => /crown jewels/.test(u.phrase) && /background/.test(u.meaning)), JSON.stringify(plan.understood));
    });

    it('when the priority names a kind of device the ask never names again, then it is asked about', async () => {
      const plan = await planner.plan('Servers are our top priority. Isolate the device when the incident is high.');
      assert.ok(isQuestion(plan), JSON.stringify(plan));
    });
  });

  describe('English with German habits', () => {
    it('when the verdict is said with the participle last ("as malicious recognised"), then the threshold is read', async () => {
      const plan = await accepted('Please isolate the computer when the file is by VirusTotal from at least 7 engines as malicious recognised. When it are under 7 engines, make only a quick scan.');
      assert.match(JSON.stringify(step(plan, 'isolate').when?.condition), /"minEngines":7/);
      assert.equal(step(plan, 'runAntiVirusScan').params.scanType, 'Quick');
    });

    it('when the title "stands" a word and a Teams message is "become", then the title test and the post are planned', async () => {
      const plan = await accepted("If in the title stands 'wiper', restrict the app execution. I would like to become also a Teams message.");
      step(plan, 'restrictCodeExecution');
      step(plan, 'teamsMessage');
      assert.match(JSON.stringify(plan.spec), /wiper/);
    });

    it('when German words name the device and the scan and "there only" follows the exception, then the group gets the scan only', async () => {
      const plan = await accepted("for high sev from MDE: Rechner isolieren, but NOT when the Geraet is in the device group 'Press-Line' - there only a full Virenscan");
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { groups: ['Press-Line'] });
      assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter?.include, { groups: ['Press-Line'] });
    });

    it('when "by normal users only revoke, not deactivate" follows a group\'s steps, then the others are only revoked', async () => {
      const plan = await accepted("When a risky sign-in comes and the user is member of the group 'Finance-Admins', deactivate the account and revoke the sessions. By normal users only revoke the sessions, not deactivate.");
      assert.deepEqual(step(plan, 'disableUser').userFilter?.inGroups, ['Finance-Admins']);
      const revokes = plan.spec.steps.filter((s) => s.action === 'revokeSessions');
      assert.ok(revokes.some((s) => JSON.stringify(s.userFilter ?? {}).includes('notInGroups')), JSON.stringify(revokes));
    });

    it('when the expiry is a sentence of its own after the block, then the indicators expire', async () => {
      const plan = await accepted('Block every file hash of the incident. The indicators shall expire after 21 days.');
      assert.equal(step(plan, 'createIndicator').params.expiresInDays, 21);
    });

    it('when the status is "set on \'in work\'" and the rest is "let like it is", then the status is In Progress', async () => {
      const plan = await accepted("Can you make that the incident is assigned to oncall@contoso.com and the status is set on 'in work', only for Defender for Identity alerts. The rest please let like it is.");
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

    it('when "don\'t block a URL VirusTotal has never seen or has at 0" follows an exception said twice, then only flagged URLs outside it are blocked', async () => {
      const plan = await accepted("Block the URLs from the incident, except anything on fabrikam.com. Never block those, whatever VT says. And don't block a URL that VT has never seen or has at 0.");
      const blocks = plan.spec.steps.filter((s) => s.action === 'createIndicator');
      assert.equal(blocks.length, 1, JSON.stringify(blocks));
      assert.match(JSON.stringify(blocks[0]), /fabrikam\.com/);
      assert.equal(blocks[0].target.kind === 'iocs' && blocks[0].target.minEngines, 1);
    });

    it('when "no device actions on machines in the X device group" opens the request, then the file step leaves that group out', async () => {
      const plan = await accepted('No device actions at all on machines in the Legal device group, a human does those. If a file has 7+ on VT, stop and quarantine that file.');
      assert.deepEqual(step(plan, 'stopAndQuarantineFile').deviceFilter?.exclude, { groups: ['Legal'] });
    });

    it('when "the only thing I want is revoking sessions, and not for anyone in \'X\'" is said, then sessions are revoked for the others', async () => {
      const plan = await accepted("For risky sign-ins the only thing I want is revoking sessions, and not for anyone in 'Kiosk Accounts'.");
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

    it('when "just scan those" follows the exception, then the devices tagged X get the scan and no isolation', async () => {
      const plan = await accepted('For ransomware alerts isolate every device in the incident, no half measures. Except anything tagged KeepOnline, that is the print server farm, just run a quick scan on those.');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { tags: ['KeepOnline'] });
      assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter?.include, { tags: ['KeepOnline'] });
    });

    it('when Identity Protection "calls it high risk" and a group of several words is spared, then high alerts disable everyone else', async () => {
      const plan = await accepted('Disable the account. Only when Identity Protection calls it high risk, mind you, and never for anyone in the Night Ops Admins group. Those are our on-call admins, if we lock them out we are blind.');
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
      assert.deepEqual(step(plan, 'disableUser').userFilter?.notInGroups, ['Night Ops Admins']);
    });
  });

  describe("an MSSP's device groups by pattern, and steps said as nouns", () => {
    it('when the devices are "in the ABC-* device groups" unquoted, then it is a pattern of group names, not of device names', async () => {
      const plan = await accepted('For high severity MDE incidents, isolate the devices in the NWX-* device groups.');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.include, { groups: ['NWX-*'] });
    });

    it("when a customer is named by its device groups (\"cust X (their dev grps are ABC-*)\"), then the steps are for those devices and the rest are left alone", async () => {
      const plan = await accepted("cust Lakeshore (their dev grps are LKS-*): high sev MDE inc on their boxes -> isolate. other custs' devices dont touch even if theyre in the same inc. < high leave for now");
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.include, { groups: ['LKS-*'] });
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
    });

    it('when a customer is named without saying what its devices are, then it is asked about', async () => {
      const plan = await planner.plan('Lakeshore: high sev MDE inc -> isolate the box');
      assert.ok(isQuestion(plan), JSON.stringify(plan));
    });

    it('when "password reset and revoke sessions" follows a group\'s case, then both steps are planned for it', async () => {
      const plan = await accepted('idp alerts: if the user is in Payroll-Admins grp -> pwd reset + revoke sessions. everyone else revoke only.');
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

