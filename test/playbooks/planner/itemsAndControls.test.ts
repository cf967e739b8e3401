import assert from 'node:assert/strict';
import type { Condition } from '../../../src/playbooks/spec';
import { isQuestion } from '../../../src/playbooks/planner';
import { accepted, kinds, planner, step } from './helpers';

/**
 * Checklists that name their items by label ("step 2 only", "(1) and (3) only when ...", "same for the URLs"), a comment
 * whose words say what was done, a heading of a source and a severity over the steps, and a compliance control's labelled
 * lines ("Requirement:", "Exception (EXC-7):").
 */
describe('offline planner: items named by label, headings and control lines', () => {
  describe('items named by their label', () => {
    it('when accounts of a pattern "get item 3 only", then they get that item alone and the other items leave them out', async () => {
      const plan = await accepted('risky sign-in alerts:\n1. revoke the sessions\n2. reset the password\n3. email iam-team@contoso.com\nexception: break-glass accounts (bg-*) get item 3 only');
      for (const action of ['revokeSessions', 'resetPassword'] as const) {
        const s = step(plan, action);
        const spared = JSON.stringify([s.userFilter ?? null, s.when ?? null]);
        assert.match(spared, /bg-\*/, `${action} leaves the bg-* accounts out: ${spared}`);
      }
      assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['iam-team@contoso.com']);
    });

    it('when a line says "(1) and (2) only when" a VirusTotal count, then those items wait for it and the item said "otherwise" runs below it', async () => {
      const plan = await accepted('for MDE alerts:\n(1) stop and quarantine the file\n(2) block the hash\n(1) and (2) only when VT >= 12 malicious\n(3) otherwise run a quick scan of the device');
      assert.deepEqual(step(plan, 'createIndicator').target, { kind: 'iocs', iocTypes: ['file'], minEngines: 12 });
      assert.deepEqual(step(plan, 'stopAndQuarantineFile').target, { kind: 'fileDevices', minEngines: 12 });
      assert.ok(kinds(step(plan, 'runAntiVirusScan').when?.condition).includes('not maliciousIoc'));
    });

    it('when an item says "same for the URLs", then it is the item before on the URLs', async () => {
      const plan = await accepted('on command and control alerts:\n1) block each domain VT flags on at least 4 engines\n2) same for the URLs\n3) post in Teams');
      const blocks = plan.spec.steps.filter((s) => s.action === 'createIndicator');
      assert.deepEqual(blocks.map((b) => b.target).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))), [{ kind: 'iocs', iocTypes: ['domain'], minEngines: 4 }, { kind: 'iocs', iocTypes: ['url'], minEngines: 4 }]);
    });

    it('when a label names no item of the list, then the words stay as written and are asked about', async () => {
      const plan = await planner.plan('on high severity alerts:\n1. isolate the device\n2. post in Teams\nexception: lab machines get step 7 only');
      assert.equal(isQuestion(plan), true);
    });
  });

  describe('what a comment says', () => {
    it('when the comment says "what got blocked", then no block of every indicator is added', async () => {
      const plan = await accepted('on C2 alerts block every IP VirusTotal flags with 3 or more engines. comment on the incident what got blocked');
      const blocks = plan.spec.steps.filter((s) => s.action === 'createIndicator');
      assert.deepEqual(blocks.map((b) => b.target), [{ kind: 'iocs', iocTypes: ['ip'], minEngines: 3 }]);
    });

    it('when a rule-out follows the comment on the next line, then it is still read', async () => {
      const plan = await accepted('on C2 alerts:\n1) block every IP VirusTotal flags with 3 or more engines\n2) comment on the incident what got blocked\nnever block internal addresses');
      assert.equal(step(plan, 'createIndicator').iocFilter?.ipScope, 'public');
    });
  });

  describe('a heading of a source and a severity', () => {
    const severities = (c: Condition | undefined): string[] => (!c ? [] : 'all' in c ? c.all.flatMap(severities) : 'kind' in c && c.kind === 'severity' ? c.severities : []);

    it('when "MDE high sev:" stands on a line over the steps, then the steps are for those alerts', async () => {
      const plan = await accepted('MDE high sev:\n1. isolate the device\n2. post in Teams');
      assert.deepEqual(plan.spec.trigger.serviceSources, ['MicrosoftDefenderForEndpoint']);
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
    });

    it('when the heading is over branches, then each branch keeps the heading', async () => {
      const plan = await accepted('MDE high sev:\n1. if VT >= 10 malicious, isolate the device\n2. otherwise post in teams');
      assert.deepEqual(severities(step(plan, 'isolate').when?.condition), ['High']);
      assert.deepEqual(severities(step(plan, 'teamsMessage').when?.condition), ['High']);
    });

    it('when the heading leaves something out ("not servers:"), then it is not read as the case of the steps', async () => {
      const plan = await planner.plan('high sev, not servers:\n1. isolate the device');
      if (plan.ok) assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude?.kinds, ['server']);
    });
  });

  describe('a compliance control written as labelled lines', () => {
    it('when "Requirement:" says the step and "Exception (ID):" names a group, then the step runs and the group is left out', async () => {
      const plan = await accepted('Control IA-9 - Session termination\nRequirement: sessions of users named in a High severity Identity Protection incident shall be revoked.\nException (EXC-7): members of Entra ID group Tier0-Admins.');
      const revoke = step(plan, 'revokeSessions');
      assert.match(JSON.stringify([revoke.userFilter ?? null, revoke.when ?? null]), /Tier0-Admins/);
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
    });

    it('when the requirement carries its id ("Requirement (AC-9.1):"), then the id names no case', async () => {
      const plan = await accepted('Requirement (AC-9.1): IP addresses seen in High severity incidents shall be blocked where VirusTotal reports >= 7 malicious detections.');
      assert.deepEqual(step(plan, 'createIndicator').target, { kind: 'iocs', iocTypes: ['ip'], minEngines: 7 });
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
    });

    it('when "Requirements:" lists permissions only, then it is no step and no case', async () => {
      const plan = await accepted('Requirements: Machine.Isolate permission. Isolate the device on high severity alerts.');
      assert.equal(plan.spec.steps.length, 1);
      assert.equal(step(plan, 'isolate').when, undefined);
    });

    it('when "Exception:" names members of a group without quotes, then it is an exception and never a name for the group', async () => {
      const plan = await accepted('Requirement: disable the accounts named in High severity Identity Protection incidents.\nException: members of group Break-Glass.');
      assert.match(JSON.stringify(step(plan, 'disableUser')), /Break-Glass/);
    });
  });

  describe('a table of controls', () => {
    it('when rows have an id, a condition of fields and an action, then each row is its case and an exception naming a row is that row\'s', async () => {
      const plan = await accepted('| Control ID | Condition | Action |\n|---|---|---|\n| EP-1 | Incident severity = High AND device OS = Windows Server | Run a full antivirus scan |\n| EP-2 | Incident severity = High AND device type = workstation | Isolate device |\n\nException (EP-2 only): devices in device group `Trading-Floor`.');
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
      assert.deepEqual(step(plan, 'isolate').deviceFilter, { include: { kinds: ['workstation'] }, exclude: { groups: ['Trading-Floor'] } });
      assert.equal(step(plan, 'runAntiVirusScan').deviceFilter?.exclude, undefined);
    });

    it('when a row says "No notification" and another "Any other source", then they add no step', async () => {
      const plan = await accepted('| ID | Condition | Action |\n|---|---|---|\n| N-1 | Incident source = Microsoft Defender for Identity | Assign to idt@contoso.com |\n| N-2 | Any other source | No change |');
      assert.deepEqual(plan.spec.steps.map((x) => x.action), ['updateIncident']);
      assert.match(JSON.stringify(step(plan, 'updateIncident').when ?? plan.spec.trigger), /Identity/);
    });

    it('when "Exception: none." closes a control, then it narrows nothing; "Exception: devices tagged X remain contained" leaves them out', async () => {
      const none = await accepted('Requirement: on High severity incidents, devices shall be isolated.\nException: none.');
      assert.equal(step(none, 'isolate').deviceFilter, undefined);
      const kept = await accepted('Requirement: release the devices from isolation when the incident is Resolved as a false positive.\nException: devices tagged `Evidence-Hold` remain contained.');
      assert.deepEqual(step(kept, 'unisolate').deviceFilter?.exclude?.tags, ['Evidence-Hold']);
    });

    it('when an exception is "alerts of Informational severity", then those alerts are skipped', async () => {
      const plan = await accepted('| Condition | Action |\n|---|---|\n| Alert category = Malware | Run a quick antivirus scan |\n\nException: alerts of Informational severity.');
      assert.match(JSON.stringify(step(plan, 'runAntiVirusScan').when), /Informational/);
      assert.match(JSON.stringify(step(plan, 'runAntiVirusScan').when), /"not"/);
    });
  });

  describe('a customer\'s mail forwarded into the channel', () => {
    it('when the reply hands over a quoted mail, then the mail is the ask without its greeting and signature, and the reply\'s limit holds', async () => {
      const plan = await accepted('Hi team, see below from Contoso, can someone build it? Only their high severity ones please.\n\n> Hi Ana,\n> When Defender finds malware on one of our machines, please run a full antivirus scan on it and post in our Teams channel.\n> Kind regards,\n> Bob Smith | IT | Contoso\n> Sent from my phone');
      assert.equal(step(plan, 'runAntiVirusScan').params.scanType, 'Full');
      assert.ok(step(plan, 'teamsMessage'));
      assert.match(JSON.stringify([plan.spec.trigger.severities, step(plan, 'runAntiVirusScan').when ?? null]), /High/);
    });

    it('when a quoted message in a thread is a question the reply answers, then the quote stays context', async () => {
      const plan = await accepted('> Kim: should we block these?\n\nfrom now on, tag every MDE incident as mde-review');
      assert.deepEqual(plan.spec.steps.map((x) => x.action), ['updateIncident']);
    });

    it('when a sentence asks to "let the blocks expire after N days so ...", then it is the blocks\' expiry and the reason narrows nothing', async () => {
      const plan = await accepted('block the IPs if 6+ vendors on VT flag them. Please let the blocks expire after 45 days so the list stays small.');
      assert.equal(step(plan, 'createIndicator').params.expiresInDays, 45);
      assert.equal(plan.spec.steps.length, 1);
    });

    it('when a mail opens "As discussed on Tuesday:" before its case, then the case stays', async () => {
      const plan = await accepted('see below from Fabrikam, can we get this live?\n\n> Hello,\n> As discussed on Tuesday: when ransomware is found on one of our workstations, please isolate it.\n> Thanks,\n> Tom');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.kinds, ['workstation']);
      assert.match(JSON.stringify([plan.spec.trigger, step(plan, 'isolate').when ?? null]), /ransom/i);
    });
  });

  describe('techniques named with their ATT&CK ids', () => {
    const techniques = (c: Condition | undefined): string[] => (!c ? [] : 'all' in c ? c.all.flatMap(techniques) : 'kind' in c && c.kind === 'mitreTechnique' ? c.techniques : []);

    it('when a name is glossed by ids in brackets, then the ids are the case and the name no unread word', async () => {
      const plan = await accepted('token theft via browser cookies (T1539 or T1550.004) -> revoke the sessions of the user');
      assert.deepEqual(techniques(step(plan, 'revokeSessions').when?.condition), ['T1539', 'T1550.004']);
    });

    it('when "trigger = <name> (<ids>)" follows the steps, then it is the case of every step', async () => {
      const plan = await accepted('iso + quick av on the host. trigger = remote service abuse (T1021.006). sev does not matter');
      assert.deepEqual(techniques(step(plan, 'isolate').when?.condition), ['T1021.006']);
      assert.deepEqual(techniques(step(plan, 'runAntiVirusScan').when?.condition), ['T1021.006']);
    });

    it('when the bracket also names a device kind, then the name is left to be read as written', async () => {
      const plan = await planner.plan('defense evasion on servers (T1562) -> isolate the host');
      if (plan.ok) assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.kinds, ['server']);
    });

    it('when a bracket lists names and ends with "whatever", then they are examples that narrow nothing', async () => {
      const plan = await accepted('ransomware detections (lockbit, blackcat, akira, whatever): isolate the host');
      assert.equal(step(plan, 'isolate').deviceFilter, undefined);
      assert.doesNotMatch(JSON.stringify(plan.spec), /akira/i);
    });

    it('when "(incl subtechs: ...)" follows an id, then the id alone is the case', async () => {
      const plan = await accepted('any alert w/ T1059 (incl subtechs: powershell, cmd, whatever) -> collect the investigation package');
      assert.deepEqual(techniques(step(plan, 'collectInvestigationPackage').when?.condition), ['T1059']);
    });
  });

  describe('a list of steps in shorthand and a limit after it', () => {
    it('when "pkg" is an item of a list of steps, then it is the collection of a package', async () => {
      const plan = await accepted('on high severity alerts: iso + full av + pkg on the host');
      assert.deepEqual(plan.spec.steps.map((x) => x.action).sort(), ['collectInvestigationPackage', 'isolate', 'runAntiVirusScan']);
    });

    it('when ", only for <case>" ends a run of steps, then every step of the run is for that case', async () => {
      const plan = await accepted('run a full antivirus scan and isolate the device, only for alerts mapped to T1021.002');
      for (const action of ['runAntiVirusScan', 'isolate'] as const) assert.match(JSON.stringify(step(plan, action).when), /T1021\.002/);
    });
  });

  describe('English written with Dutch habits', () => {
    it('when the verb of the "when" clause comes last ("when the severity high is"), then the case is read', async () => {
      const plan = await accepted('Graag: isolate the device when the severity high is, only for workstations.');
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.kinds, ['workstation']);
    });

    it('when a count comes before its verb ("when VirusTotal 8 or more engines on malicious has"), then it is the threshold', async () => {
      const plan = await accepted('Block graag the file hashes when VirusTotal 8 or more engines on malicious has.');
      assert.deepEqual(step(plan, 'createIndicator').target, { kind: 'iocs', iocTypes: ['file'], minEngines: 8 });
    });

    it('when "niks doen" closes a level, then that level gets nothing', async () => {
      const plan = await accepted('Devices with a high alert: isolate. With medium alerts niks doen.');
      assert.deepEqual(plan.spec.steps.map((x) => x.action), ['isolate']);
      assert.match(JSON.stringify([plan.spec.trigger.severities, step(plan, 'isolate').when ?? null]), /High/);
    });

    it('when the request has no Dutch words, then a clause that ends in its verb is left as written', async () => {
      const plan = await planner.plan('isolate the device when the host we flagged is');
      assert.equal(isQuestion(plan), true);
    });
  });
});
