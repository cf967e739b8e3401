import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { accepted, planner, step } from './helpers';

/**
 * What an analyst says around the steps: which kind of device, in a sentence of its own after them; devices they tagged
 * themselves before writing, then called "those boxes"; a courtesy at the end; a title that "references" a CVE.
 */
describe('offline planner: said around the steps', () => {
  describe('the kind of device, said after the steps', () => {
    it('when "only if it is not a server" is a sentence of its own, then the isolation before it leaves servers out', async () => {
      for (const r of ['on high sev MDE alerts isolate the box. only if its not a server.', 'on high sev MDE alerts isolate the box. only if the box isn\'t a server']) {
        const plan = await accepted(r);
        assert.deepEqual(step(plan, 'isolate').deviceFilter, { exclude: { kinds: ['server'] } }, r);
      }
    });

    it('when "unless it is a server." or "only on workstations pls" is a sentence of its own, then it narrows the isolation before it', async () => {
      const plan = await accepted('on high sev MDE alerts isolate the box. unless it is a server.');
      assert.deepEqual(step(plan, 'isolate').deviceFilter, { exclude: { kinds: ['server'] } });
      const polite = await accepted('on high sev MDE alerts isolate the box. but only on workstations pls');
      assert.deepEqual(step(polite, 'isolate').deviceFilter, { include: { kinds: ['workstation'] } });
    });

    it('when "only if it is a workstation" is a sentence of its own, then only workstations are isolated', async () => {
      const plan = await accepted('on high sev MDE alerts isolate the box. only if it is a workstation.');
      assert.deepEqual(step(plan, 'isolate').deviceFilter, { include: { kinds: ['workstation'] } });
    });
  });

  describe('devices the writer tagged', () => {
    it('when the writer tagged some boxes and then says "those boxes", then the isolation holds for that tag alone and the incident is not tagged', async () => {
      const plan = await accepted("we tagged the old kiosk boxes 'legacy-7' in MDE. on high sev alerts isolate those boxes");
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.tags, ['legacy-7']);
      assert.ok(!plan.spec.steps.some((s) => s.action === 'updateIncident'));
    });

    it('when "one of those" and "devices without the tag" follow, then the two steps split the devices by the tag', async () => {
      const plan = await accepted("we tagged the old kiosk boxes 'legacy-7' in MDE. if one of those is in a high sev alert, isolate it. devices without the tag just get a quick AV scan on high alerts");
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.tags, ['legacy-7']);
      assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter?.exclude?.tags, ['legacy-7']);
    });

    it('when "I tagged them with X" comes first and "the tagged hosts" after, then they are the devices tagged X', async () => {
      const plan = await accepted("I've tagged them wave-2-pilot in defender. isolate the tagged hosts on high alerts; hosts without my tag get an AV scan");
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.tags, ['wave-2-pilot']);
      assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter?.exclude?.tags, ['wave-2-pilot']);
    });

    it('when no tag was named, then "the tagged hosts" and "hosts without my tag" are asked about, never a tag called "hosts" or "my"', async () => {
      for (const r of ['on high alerts isolate the tagged hosts', 'on high alerts isolate hosts without my tag']) {
        const asked = await planner.plan(r);
        assert.ok(isQuestion(asked), r);
      }
    });
  });

  describe('words that narrow nothing', () => {
    it('when "lmk if anything is unclear" ends the request, then it is a courtesy, not a Teams post', async () => {
      for (const r of ["on high sev MDE alerts isolate the device. lmk if anything's unclear", 'on high sev MDE alerts isolate the device, let me know if you have any questions thx']) {
        const plan = await accepted(r);
        assert.deepEqual(plan.spec.steps.map((s) => s.action), ['isolate'], r);
      }
    });

    it('when an alert title "references" a CVE, then the title mentions it', async () => {
      const plan = await accepted('if an alert title references CVE-2022-30190 revoke sessions for the user on it');
      assert.deepEqual(plan.spec.trigger.titleKeywords, ['cve-2022-30190']);
    });

    it('when a step names a person and then says "email them", then the mail goes to the users of the alert, not to the SOC', async () => {
      const plan = await accepted("on MDO phishing alerts reset the recipient's password and email them");
      assert.equal(step(plan, 'sendMail').params.mailToUsers, true);
      const device = await accepted('on high sev alerts isolate the device and email them');
      assert.notEqual(step(device, 'sendMail').params.mailToUsers, true);
    });

    it('when the mail goes to "the user themself", then it goes to the user and every word is read', async () => {
      const plan = await accepted('when a phish lands on MDO reset the password and send a mail to the user themself');
      assert.equal(step(plan, 'sendMail').params.mailToUsers, true);
      assert.deepEqual(plan.notUnderstood ?? [], []);
    });
  });

  describe('several device groups, and what the spared ones get', () => {
    it('when two or three groups are named together, with or without quotes, then the isolation spares every one of them', async () => {
      for (const r of [
        "on high sev MDE alerts isolate the box. but nothing in the 'Print Floor' or 'Loading Dock' groups gets isolated",
        'on high sev MDE alerts isolate the box. BUT nothing in the Print Floor or Loading Dock groups ever gets isolated',
        'on high sev alerts isolate the box except devices in the Print Floor, Front Desk or Loading Dock groups',
      ]) {
        const plan = await accepted(r);
        const spared = step(plan, 'isolate').deviceFilter?.exclude?.groups ?? [];
        assert.ok(spared.includes('Print Floor') && spared.includes('Loading Dock'), r);
      }
    });

    it('when "for those ones" follows the devices a sentence spared, then the steps after it are for those devices alone', async () => {
      const plan = await accepted('on high sev MDE alerts isolate the box. BUT nothing in the Print Floor or Loading Dock groups ever gets isolated. for those ones just kick off a full AV scan');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude?.groups, ['Print Floor', 'Loading Dock']);
      assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter?.include?.groups, ['Print Floor', 'Loading Dock']);
    });
  });

  describe('a story or a reason inside the sentence', () => {
    it('when a story of what went wrong once follows the rule, then it narrows nothing', async () => {
      for (const r of [
        'on ransomware alerts restrict app execution on the devices. do NOT isolate anything, we had a label printer go offline for a week once, never again',
        'on high sev alerts run a full AV scan on the box and post in teams, we got bitten last year when a till froze during the lunch rush',
      ]) {
        const plan = await accepted(r);
        assert.ok(!plan.spec.steps.some((s) => s.action === 'isolate'), r);
      }
    });

    it('when a reason says what someone would lose, then it narrows nothing; a reason naming a kind of device said nowhere else is asked about', async () => {
      const plan = await accepted('on ransomware alerts restrict app execution on the device, the plant floor would lose its schedule otherwise');
      assert.ok(step(plan, 'restrictCodeExecution'));
      const asked = await planner.plan('on high sev alerts isolate the device, the servers would go down otherwise');
      assert.ok(isQuestion(asked) || !asked.ok || JSON.stringify(step(asked, 'isolate')).includes('server'));
    });

    it('when what matters most is said as a motto ("uptime > everything"), then it narrows nothing', async () => {
      const plan = await accepted('on high sev MDE alerts isolate the box, throughput > everything');
      assert.equal(step(plan, 'isolate').deviceFilter, undefined);
    });

    it('when a "when" in the clause is a case, not what happened, then it is read or asked about, never dropped', async () => {
      const asked = await planner.plan('isolate the device on high sev alerts, we had a rule once when the alert is from the lab');
      assert.ok(isQuestion(asked) || !asked.ok);
    });
  });

  describe('an exception said after the steps, and what it gets instead', () => {
    it('when "EXCEPT anyone in G, dont touch those accts at all, just ping teams" follows account steps, then G is spared and gets the post alone', async () => {
      for (const r of [
        "on risky sign-in alerts revoke the users sessions + reset the pw. except people in the 'Night Desk' group - leave those accounts be and just post in teams",
        "on risky sign-in alerts revoke the users sessions + reset the pw. unless the user is in the 'Night Desk' group, just post in teams",
      ]) {
        const plan = await accepted(r);
        for (const action of ['revokeSessions', 'resetPassword'] as const) {
          assert.deepEqual(step(plan, action).userFilter?.notInGroups, ['Night Desk'], `${action}: ${r}`);
          assert.equal(step(plan, action).when, undefined, `${action}: ${r}`);
        }
        assert.deepEqual(step(plan, 'teamsMessage').when?.condition, { kind: 'userInGroup', groups: ['Night Desk'] }, r);
      }
    });

    it('when what a kind of step causes is said of it ("full scans on macs drain the battery"), then it is no step: the quick scan said for macs stands alone', async () => {
      const plan = await accepted('full AV scan on every windows box in a medium+ mde incident. macs get a quick scan instead, full scans slow the macs down for hours');
      const scans = plan.spec.steps.filter((s) => s.action === 'runAntiVirusScan');
      assert.deepEqual(scans.map((s) => [s.params.scanType, s.deviceFilter?.include?.osPlatforms]), [['Full', ['Windows']], ['Quick', ['macOS']]]);
    });

    it('when a count of alerts is said of one user ("one user is in more than two alerts"), then Rampart asks; a count said of the incident is read', async () => {
      const asked = await planner.plan('when the same account shows up in more than 3 alerts of one incident, disable it');
      assert.ok(isQuestion(asked));
      const plan = await accepted('if an incident has more than two alerts, disable the user');
      assert.deepEqual(step(plan, 'disableUser').when?.condition, { kind: 'entityCount', entity: 'alert', atLeast: 3 });
    });
  });

  describe('who handles the rest, and steps ruled out that Rampart cannot do', () => {
    it('when devices "are not my problem", then they are left out of the steps, and who handles them narrows nothing', async () => {
      const plan = await accepted('on high sev alerts isolate devices tagged pilot-9. devices not tagged pilot-9 are not our concern.');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.tags, ['pilot-9']);
    });

    it('when "no action from us" and "their ops team handles the rest" close the rule, then they add nothing', async () => {
      const plan = await accepted("restrict app execution on devices in the 'Tills' group on medium+ alerts. everything else: no action from us, their ops team deals with those");
      assert.deepEqual(plan.spec.steps.map((s) => s.action), ['restrictCodeExecution']);
      assert.deepEqual(plan.notUnderstood ?? [], []);
    });

    it('when the writer "does not think we should ever block internal ips", then private addresses are never blocked', async () => {
      const plan = await accepted("if VT says an IP in the alert is bad (5+ engines) block it. i don't think we should ever block internal addresses like 192.168.x, right?");
      assert.equal(step(plan, 'createIndicator').iocFilter?.ipScope, 'public');
    });

    it('when the other side is "add the tag and leave it for the morning shift", then the tag is the whole step', async () => {
      const plan = await accepted('on phishing alerts from MDO, block the url when VT flags it at 4+ engines. below 4 engines add the tag url-watch and leave it for the morning shift');
      assert.deepEqual(step(plan, 'updateIncident').params.incident?.addTags, ['url-watch']);
    });

    it('when the block is "an actual block, not warn" and a step Rampart has no API for is ruled out, then the block stands with nothing asked', async () => {
      const plan = await accepted('on phishing alerts from MDO, block the url when VT flags it at 4+ engines (a real block, not warn). no mailbox cleanup either, we dont have the api for that anyway');
      assert.equal(step(plan, 'createIndicator').params.indicatorAction, undefined);
      assert.equal(plan.spec.steps.length, 1);
    });

    it('when a customer "wants any device ... restricted", then the customer narrows nothing and the rule is what follows', async () => {
      const plan = await accepted("Northwind wants every box in the 'Tills' group with a high alert restricted");
      assert.deepEqual(step(plan, 'restrictCodeExecution').deviceFilter?.include?.groups, ['Tills']);
      const part = await planner.plan("Finance wants every box in the 'Tills' group with a high alert restricted");
      assert.ok(!part.ok || JSON.stringify(part.spec).includes('Finance') || isQuestion(part));
    });
  });

  describe('a priority mapping', () => {
    it('when each severity is mapped to a priority ("High = P1 -> ..."), then the priority is a label and the severity the case', async () => {
      const plan = await accepted('our priority mapping, automate it pls:\nHigh = P1 -> assign to fab-p1@mssp.example + email their secops DL secops@fabrikam.example\nMedium = P2 -> assign to fab-p2@mssp.example\nLow/informational = P4 -> tag P4, dont assign');
      const update = plan.spec.steps.filter((s) => s.action === 'updateIncident');
      assert.deepEqual(update.map((s) => [s.params.incident?.assignedTo ?? s.params.incident?.addTags?.[0], JSON.stringify(s.when?.condition)]), [
        ['fab-p1@mssp.example', JSON.stringify({ kind: 'severity', severities: ['High'] })],
        ['fab-p2@mssp.example', JSON.stringify({ kind: 'severity', severities: ['Medium'] })],
        ['P4', JSON.stringify({ kind: 'severity', severities: ['Informational', 'Low'] })],
      ]);
      assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['secops@fabrikam.example']);
    });

    it('when a case gets "teams only, no customer email", then it gets the Teams post alone', async () => {
      const plan = await accepted('on high sev incidents email soc@contoso.com and post in teams. medium sev -> a teams post only, no client email');
      assert.deepEqual(step(plan, 'sendMail').when?.condition, { kind: 'severity', severities: ['High'] });
      assert.deepEqual(plan.spec.steps.filter((s) => s.action === 'teamsMessage').map((s) => s.when?.condition), [{ kind: 'severity', severities: ['High'] }, { kind: 'severity', severities: ['Medium'] }]);
    });

    it('when "dont assign" is said in a case whose only update is a tag, and another case assigns, then nothing is asked; said where it assigns, it is', async () => {
      const plan = await accepted('High -> assign to p1@mssp.example\nLow -> tag P4, dont assign');
      assert.equal(plan.spec.steps.length, 2);
      const asked = await planner.plan('High -> assign to p1@mssp.example\nHigh -> tag P1, dont assign');
      assert.ok(isQuestion(asked) || !asked.ok);
    });
  });

  describe('a newcomer asking', () => {
    it('when the request opens with "i was told i can set up automations here?" and names the product with a hedge, then neither narrows', async () => {
      const plan = await accepted("someone told me you can build rules here? if MDE (i think it's called defender for endpoint now?) raises a high sev alert, isolate the device. only if it isn't a server");
      assert.deepEqual(step(plan, 'isolate').deviceFilter, { exclude: { kinds: ['server'] } });
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
    });

    it('when the writer guesses the name of a button or is unsure of a word, then that narrows nothing', async () => {
      const plan = await accepted("on high sev risky sign-ins confirm the user compromised. i think 'mark compromised' is the menu item in the portal");
      assert.ok(step(plan, 'confirmCompromised'));
      const pkg = await accepted("on ransomware alerts collect the investigation package and tag the incident pkg-done. not totally sure that's the correct term for it");
      assert.ok(step(pkg, 'collectInvestigationPackage'));
    });

    it('when an asked step is followed by "but NOT for users in G, those go to the lead first, so for them just email him instead", then G is spared and gets the mail', async () => {
      const plan = await accepted('on high risk sign in alerts could we revoke the sessions of the user? but NOT for users in the Night Desk group, the desk lead handles those herself, so for them only email her (lead@contoso.com) instead');
      assert.deepEqual(step(plan, 'revokeSessions').userFilter?.notInGroups, ['Night Desk']);
      assert.equal(step(plan, 'revokeSessions').when, undefined);
      assert.deepEqual(step(plan, 'sendMail').when?.condition, { kind: 'userInGroup', groups: ['Night Desk'] });
    });
  });

  describe('a rule for one kind of IOC, headed by its name', () => {
    it('when "VT bands for URL IOCs:" heads the bands, then no band blocks another kind of IOC (it had blocked every kind)', async () => {
      const res = await planner.plan('VT bands for URL IOCs:\n- VT malicious >= 15: block the IOC + isolate the device\n- VT 5-14: block the IOC only');
      const blocks = res.ok ? res.spec.steps.filter((s) => s.action === 'createIndicator') : [];
      assert.ok(isQuestion(res) || blocks.every((b) => b.target.kind === 'iocs' && JSON.stringify(b.target.iocTypes) === '["url"]'));
      const plain = await accepted('URL IOCs: VT malicious > 5 -> indicator, AlertAndBlock');
      assert.deepEqual(step(plain, 'createIndicator').target, { kind: 'iocs', iocTypes: ['url'], minEngines: 6 });
    });

    it('when an SLA is said on a line after the rule ("SLA for these is 20 min so it needs to run on its own"), then it narrows nothing', async () => {
      const plan = await accepted('high sev MDE alerts -> isolate the device\nSLA for these is 20 min so it needs to run on its own.');
      assert.ok(step(plan, 'isolate'));
    });
  });
});

