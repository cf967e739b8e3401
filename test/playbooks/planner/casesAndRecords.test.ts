import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { accepted, planner, step } from './helpers';

/**
 * Cases said without a colon ("low or medium just ...", "anything under medium ignore"), the steps a case says "instead"
 * or "only" after them, groups named the way a directory names them, the record of a change around a request, and a
 * file a later step refers back to.
 */
describe('offline planner: cases and change records', () => {
  const steps = (plan: Awaited<ReturnType<typeof accepted>>, action: string) => plan.spec.steps.filter((s) => s.action === action);

  describe('a case said by its severities, with no colon', () => {
    it('when "info or low just the teams post" follows a high case, then informational and low get the post alone and the host is left alone', async () => {
      const plan = await accepted('sev high: isolate the host and post in teams. info or low just the teams post, leave the host alone');
      assert.deepEqual(step(plan, 'isolate').when?.condition, { kind: 'severity', severities: ['High'] });
      const posts = steps(plan, 'teamsMessage').map((s) => JSON.stringify(s.when?.condition));
      assert.ok(posts.includes(JSON.stringify({ kind: 'severity', severities: ['Informational', 'Low'] })), posts.join(' | '));
    });

    it('when "everything under high ignore" closes the request, then the steps hold for high alerts alone', async () => {
      const plan = await accepted('high sev alerts -> collect an investigation package from the host. everything under high ignore');
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
    });
  });

  describe('an indicator said by its kind alone after a band', () => {
    it('when "5-20 -> a warn-only indicator" is a band, then that band creates a warn indicator', async () => {
      const plan = await accepted('look up the hashes on VT. 21+ engines -> block the hash. 5-20 -> a warn-only indicator. under 5 leave it');
      const warn = steps(plan, 'createIndicator').find((s) => s.params.indicatorAction === 'Warn');
      assert.ok(warn, JSON.stringify(plan.spec.steps));
      assert.equal(warn.target.kind === 'iocs' ? warn.target.minEngines : undefined, 5);
    });
  });

  describe('what is said around the steps', () => {
    it('when the writer says how many such alerts come in a week, then the steps are planned and the volume is background', async () => {
      const plan = await accepted('on MDO phish alerts add a comment to the incident and tag it mail-review. we handle about 60 of those per week');
      assert.equal(steps(plan, 'updateIncident').length > 0, true);
    });

    it('when a device tag is said to live "in MDE", then that is where the tag is, not a condition on the alert source', async () => {
      const plan = await accepted('on high alerts isolate the host. but if the host is tagged kiosk in MDE, collect an investigation package instead.');
      assert.deepEqual(step(plan, 'isolate').deviceFilter, { exclude: { tags: ['kiosk'] } });
      assert.ok(!JSON.stringify(plan.spec.steps).includes('serviceSource'), JSON.stringify(plan.spec.steps));
    });
  });

  describe('a case with its own step, said "instead"', () => {
    it('when "but if the host has the tag X <step> instead, never isolate" has no comma after the case, then the tagged hosts are never isolated (and the others are)', async () => {
      const plan = await accepted("on high alerts isolate the host. but if the host has the 'kiosk' tag collect an investigation package instead, never isolate.");
      assert.deepEqual(step(plan, 'isolate').deviceFilter, { exclude: { tags: ['kiosk'] } });
      assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter, { include: { tags: ['kiosk'] } });
    });

    it('when a case inside the case of the steps before says "instead", then its step keeps their severity', async () => {
      const plan = await accepted('critical alerts -> isolate the host. but if the alert comes from MDI restrict app execution instead.');
      assert.deepEqual(step(plan, 'restrictCodeExecution').when?.condition, { all: [{ kind: 'serviceSource', sources: ['MicrosoftDefenderForIdentity'] }, { kind: 'severity', severities: ['High'] }] });
      // A case that names its own severity keeps it alone.
      const own = await accepted('critical alerts -> isolate the host. if it is medium, run a quick scan instead.');
      assert.deepEqual(step(own, 'runAntiVirusScan').when?.condition, { kind: 'severity', severities: ['Medium'] });
    });
  });

  describe('"only" said after the step of a case', () => {
    it('when "for users in the group G, reset the password only" follows a disable, then G\'s users are not disabled (the others are)', async () => {
      const plan = await accepted("on risky sign-in alerts disable the account and revoke the sessions. for users in the 'Payroll-Ops' group, reset the password only.");
      assert.deepEqual(step(plan, 'disableUser').userFilter, { notInGroups: ['Payroll-Ops'] });
      assert.deepEqual(step(plan, 'resetPassword').userFilter, { inGroups: ['Payroll-Ops'] });
    });

    it('when "only" follows a step on named devices, then it is left where it is', async () => {
      const plan = await accepted('on high alerts: for MDE alerts, isolate workstations only.');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.kinds, ['workstation']);
    });
  });

  describe('groups named the way a directory names them', () => {
    it('when members of "the security group \'G\'" are not to be disabled, or "members of the \'G\' group" are never disabled, then the disable leaves G out', async () => {
      for (const r of [
        "on MDI alerts disable the account and revoke its sessions. users who are members of the security group 'Ops-Breakglass' are not disabled.",
        "on MDI alerts disable the account and revoke its sessions. never disable members of the 'Ops-Breakglass' group.",
        "on MDI alerts disable the account and revoke its sessions. accounts that are members of the group 'Ops-Breakglass' shall not be disabled automatically.",
      ]) {
        const plan = await accepted(r);
        assert.deepEqual(step(plan, 'disableUser').userFilter, { notInGroups: ['Ops-Breakglass'] }, r);
        assert.equal(step(plan, 'revokeSessions').userFilter, undefined, r);
      }
    });

    it('when "for those," follows the sentence that names the group, then those are its users', async () => {
      const plan = await accepted("on MDI alerts disable the account and revoke its sessions. never disable users in the 'Ops-Breakglass' group; for those, just assign the incident to iam@corp.example.");
      const assign = steps(plan, 'updateIncident').find((s) => s.params.incident?.assignedTo === 'iam@corp.example');
      assert.deepEqual(assign?.when?.condition, { kind: 'userInGroup', groups: ['Ops-Breakglass'] });
    });
  });

  describe('the record of a change', () => {
    it('when a sentence or a heading records who approved the change, then it narrows nothing', async () => {
      for (const r of [
        'Raised under change request 4471, approved by the operations board last Tuesday.\nOn high severity MDE alerts collect an investigation package from the device.',
        'Network hygiene, per the change advisory board (ref 5512): on high severity MDE alerts collect an investigation package from the device.',
      ]) {
        const plan = await accepted(r);
        assert.equal(step(plan, 'collectInvestigationPackage').action, 'collectInvestigationPackage', r);
      }
    });

    it('when a sentence that records the change also narrows, then it is read (here: asked about)', async () => {
      const result = await planner.plan('Approved by the change board only for the payroll estate. On high severity MDE alerts isolate the device.');
      assert.ok(isQuestion(result), JSON.stringify(result));
    });

    it('when "out of scope for this request" or "ignore alerts from other products" follows a named product, then it says what the product said', async () => {
      const plan = await accepted('Scope: alerts raised by Microsoft Defender for Identity.\nAction: revoke the sessions of the user.\nAlerts from other products are out of scope for this request. Ignore alerts from other products.');
      assert.deepEqual(plan.spec.trigger.serviceSources, ['MicrosoftDefenderForIdentity']);
      // With no product named, "other products" is not read.
      const result = await planner.plan('on high alerts revoke the sessions of the user. ignore alerts from other products.');
      assert.ok(isQuestion(result), JSON.stringify(result));
    });

    it('when "for each other incident of X" follows a case, then it is the other side of that case', async () => {
      const plan = await accepted('For incidents tagged embargo, email legal@corp.example. For each other incident of low severity, add a comment.');
      const when = step(plan, 'updateIncident').when?.condition;
      const parts = when && 'all' in when ? when.all.map((c) => JSON.stringify(c)).sort() : [];
      assert.deepEqual(parts, [JSON.stringify({ kind: 'severity', severities: ['Low'] }), JSON.stringify({ not: { kind: 'incidentTag', tags: ['embargo'] } })].sort());
    });
  });

  describe('mass actions', () => {
    it('when the accounts "across the agency" are to be reset, then it is refused as a mass action; the accounts of an alert are not', async () => {
      const result = await planner.plan('as a precaution please reset the password of all user accounts across the agency and its regional offices');
      assert.ok(!result.ok && /mass action/.test(result.reason + (isQuestion(result) ? result.question : '')), JSON.stringify(result));
      await accepted('on risky sign-in alerts reset the password of the user involved');
    });
  });

  describe('a file a later step refers back to', () => {
    it('when a later step quarantines "the file" in a case of its own, then it keeps the threshold the block said (a file under it is not quarantined)', async () => {
      const plan = await accepted('MDO attachment alerts: VT 8+ -> block the file hash. if the file is on a laptop as well (an MDE alert says so), quarantine it there');
      const quarantine = step(plan, 'stopAndQuarantineFile');
      assert.deepEqual(quarantine.target, { kind: 'fileDevices', minEngines: 8 });
    });
  });

  describe('a lookup said under its case, and the addresses it leaves out', () => {
    it('when "T1059.* alerts only: look up each URL on VT" heads the bands, then the bands hold for that technique', async () => {
      const plan = await accepted('T1059.* alerts only: look up each URL on VT. 12+ engines: block the URL. 1-11: add an audit indicator. 0: nothing.');
      for (const s of steps(plan, 'createIndicator')) assert.ok(JSON.stringify(s.when).includes('"techniques":["T1059"]'), JSON.stringify(s));
    });

    it('when the lookup is of "each external IP", or private ranges are never to be looked up on VT, then private addresses are never blocked', async () => {
      for (const r of ['look up each external IP on VT. 6+ engines: block the IP.', 'look up the IPs on VT. 6+ engines: block the IP. never query 10.x or 192.168 addresses on VT, waste of quota']) {
        const plan = await accepted(r);
        assert.deepEqual(step(plan, 'createIndicator').iocFilter, { ipScope: 'public' }, r);
      }
    });
  });

  describe('what a band or a case rules out', () => {
    it('when a band says "nothing for us to block", then that band gets no such step (the others keep theirs)', async () => {
      const plan = await accepted('look up the hashes on VT. 15+ engines: block the hash and quarantine the file. 2-14: add a comment, nothing for us to block. under 2 do nothing');
      const blocks = steps(plan, 'createIndicator');
      assert.equal(blocks.length, 1, JSON.stringify(blocks));
      assert.equal(blocks[0].target.kind === 'iocs' ? blocks[0].target.minEngines : undefined, 15);
    });

    it('when "if it is zero" closes a band list, then it is the band of no engine', async () => {
      const plan = await accepted('look up the URL on VT. 6+ engines: block the URL. 1-5: add a comment. if it is zero: resolve the incident as false positive.');
      const close = steps(plan, 'updateIncident').find((s) => s.params.incident?.status === 'Resolved');
      assert.ok(close && JSON.stringify(close.when).includes('"not"'), JSON.stringify(plan.spec.steps));
    });

    it('when "selective isolation only, not a full one" is said, then the isolation is selective', async () => {
      const plan = await accepted('on high MDE alerts contain the laptop, selective isolation only, not a full one.');
      assert.equal(step(plan, 'isolate').params.isolationType, 'Selective');
    });

    it('when the file to quarantine is called "the dropper", then it is the file of the alert', async () => {
      const plan = await accepted('on T1204 alerts stop and quarantine the dropper on that host');
      assert.equal(step(plan, 'stopAndQuarantineFile').target.kind, 'fileDevices');
    });
  });

  describe('"not on X: just <step>"', () => {
    it('when "NOT on anything in the device group G, <who handles it>: just tag the incident" follows device steps, then G\'s devices are left out of them and get the tag', async () => {
      const plan = await accepted("ransomware alerts -> isolate the host and restrict app execution. NOT on anything in the 'Plant-HMI' device group, ops handles those: just tag the incident plant-hold");
      for (const a of ['isolate', 'restrictCodeExecution'] as const) assert.deepEqual(step(plan, a).deviceFilter, { exclude: { groups: ['Plant-HMI'] } }, a);
      assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'deviceIs', match: { groups: ['Plant-HMI'] } });
    });

    it('when "not on anything tagged T: just <step>" follows an isolation, then hosts tagged T are never isolated', async () => {
      const plan = await accepted("on high alerts isolate the host. not on anything tagged 'kiosk': just post in teams");
      assert.deepEqual(step(plan, 'isolate').deviceFilter, { exclude: { tags: ['kiosk'] } });
    });

    it('when "not for anyone in the group G: just email X" follows a disable, then G\'s users are never disabled and X is mailed for them', async () => {
      const plan = await accepted("on risky sign-ins disable the account. not for anyone in the 'Board' group: just email exec-support@corp.example");
      assert.deepEqual(step(plan, 'disableUser').userFilter, { notInGroups: ['Board'] });
      assert.deepEqual(step(plan, 'sendMail').when?.condition, { kind: 'userInGroup', groups: ['Board'] });
    });
  });

  describe('what formal requests say of devices and accounts', () => {
    it('when devices of a group "are business-critical and are not to be isolated" and "where one of those devices is concerned" only get a mail, then they are never isolated and get the mail', async () => {
      const plan = await accepted("For High severity incidents on a device in the 'Branch-PCs' device group, isolate that device and email noc@corp.example. Devices in the 'Branch-Tills' device group are business-critical and are not to be isolated; where one of those devices is concerned, send the email only.");
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { groups: ['Branch-Tills'] });
      assert.ok(steps(plan, 'sendMail').some((s) => JSON.stringify(s.when).includes('Branch-Tills')), JSON.stringify(plan.spec.steps));
    });

    it('when "otherwise, no action shall be taken on those hosts" closes the case of workstations, then it is that case\'s other side (no device is left out of the isolation for it)', async () => {
      const plan = await accepted('On MDE alerts, for workstations: full isolation when the alert is High severity; otherwise, no action shall be taken on those hosts.');
      assert.deepEqual(step(plan, 'isolate').deviceFilter, { include: { kinds: ['workstation'] } });
      assert.ok(JSON.stringify(step(plan, 'isolate').when).includes('"High"'));
    });

    it('when "no action shall be taken on the user\'s account" is said for some users, then their account is left alone', async () => {
      const plan = await accepted("On risky sign-in alerts, for users in the 'Treasury' group (Group Treasury), require a password change and add a comment. For other users, no action shall be taken on the user's account.");
      assert.deepEqual(step(plan, 'resetPassword').userFilter, { inGroups: ['Treasury'] });
    });
  });

  describe('what continues a case, and what only colours it', () => {
    it('when "Also <step> on it." follows a case in a sentence of its own, then the step keeps that case (it does not run on the other severities)', async () => {
      const plan = await accepted('If an MDE incident is high, contain the host. Also kick off a full AV scan on it. If it is medium, a quick scan only.');
      assert.deepEqual(steps(plan, 'runAntiVirusScan').find((s) => s.params.scanType === 'Full')?.when?.condition, { kind: 'severity', severities: ['High'] });
    });

    it('when VirusTotal "counts" N engines, and a post is for when "you blocked any URL", then both hold to that threshold', async () => {
      const plan = await accepted('every URL that VirusTotal counts 4 or more engines on gets a block indicator. if you blocked any URL, tell us which in the Teams channel.');
      const block = step(plan, 'createIndicator');
      assert.equal(block.target.kind === 'iocs' ? block.target.minEngines : undefined, 4);
      assert.deepEqual(step(plan, 'teamsMessage').when?.condition, { kind: 'maliciousIoc', iocTypes: ['url'], minEngines: 4 });
    });

    it('when a rule-out ends in a joke ("unless you like ...") or in "no matter the technique", then it narrows nothing; "there instead" is on the devices left out', async () => {
      const plan = await accepted('T1059 alerts -> isolate the host. never isolate a server no matter the technique, unless you like weekend calls from the app team. run a full scan there instead');
      assert.deepEqual(step(plan, 'isolate').deviceFilter, { exclude: { kinds: ['server'] } });
      assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter, { include: { kinds: ['server'] } });
      assert.ok(JSON.stringify(step(plan, 'runAntiVirusScan').when).includes('T1059'), JSON.stringify(step(plan, 'runAntiVirusScan')));
    });

    it('when a technique id is followed by "aka <its name>", then the name says it again', async () => {
      const plan = await accepted('T1110 aka brute force -> revoke the sessions of the user');
      assert.deepEqual(step(plan, 'revokeSessions').when?.condition, { kind: 'mitreTechnique', techniques: ['T1110'] });
    });
  });
});
