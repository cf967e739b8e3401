import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { accepted, planner, step } from './helpers';

/**
 * A request typed on a phone: a compound split in two by the keyboard, a real word the autocorrect chose, a lone "w", a
 * band left without its arrow; and the shapes a hurried rule takes: a device policy said before the steps, a group name
 * without quotes, an "except if ..., never ..." whose "except" means "but", an account named in brackets.
 */
describe('offline planner: typed on a phone, said in a hurry', () => {
  describe('what the keyboard did', () => {
    it('when a compound is split in two ("work stations", "pass word"), then it is the one word', async () => {
      const plan = await accepted('on high sev alerts isolate the work stations and reset the pass word of the user');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.kinds, ['workstation']);
      assert.ok(step(plan, 'resetPassword'));
    });

    it('when the autocorrect wrote "devise" for device, then the device risk is read', async () => {
      const plan = await accepted('if the devise risk score is high run a full av scan on it');
      assert.equal(step(plan, 'runAntiVirusScan').deviceFilter?.include?.minRiskScore, 'High');
    });

    it('when a lone "w" stands between two words, then it is "with"', async () => {
      const plan = await accepted('set low sev incidents to resolved w classification false positive');
      assert.equal(step(plan, 'updateIncident').params.incident?.classification, 'FalsePositive');
    });

    it('when Rampart asks, then the draft it continues keeps every word it read whole (an unread "ox" does not take the ox out of "box")', async () => {
      const asked = await planner.plan('on high sev alerts isolate the box, only for ox');
      assert.ok(isQuestion(asked));
      assert.deepEqual(asked.unread?.map((u) => u.word), ['ox']);
      assert.match(asked.base ?? '', /\bisolate the box\b/);
    });
  });

  describe('bands and tests', () => {
    it('when risk tiers are said one after another, then a lower tier leaves out the devices of the tier above; "or higher" keeps them', async () => {
      const plan = await accepted('device risk high -> restrict app execution. medium risk -> full av scan. low/none nothing');
      assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter, { include: { minRiskScore: 'Medium' }, exclude: { minRiskScore: 'High' } });
      const wider = await accepted('device risk high -> restrict app execution. medium risk or higher -> full av scan');
      assert.deepEqual(step(wider, 'runAntiVirusScan').deviceFilter, { include: { minRiskScore: 'Medium' } });
    });

    it('when "otherwise" follows a test of severity AND a verdict, then it runs whenever either fails, a medium alert VT flags included', async () => {
      const plan = await accepted('contain the host if it is a high sev alert and VT flags the file as malicious, otherwise just quick scan it');
      assert.deepEqual(step(plan, 'runAntiVirusScan').when?.condition, { not: step(plan, 'isolate').when?.condition });
      // Said as the kind of alert first, the severity stays the case of both branches.
      const kind = await accepted('on high sev alerts contain the host if VT flags the file as malicious, otherwise just quick scan it');
      assert.match(JSON.stringify(step(kind, 'runAntiVirusScan').when?.condition), /"severity"/);
      assert.doesNotMatch(JSON.stringify(step(kind, 'runAntiVirusScan').when?.condition), /"not":\{"all"/);
    });
  });

  describe('which devices', () => {
    it('when a policy before the steps says never servers, only workstations, then every isolation leaves servers out, with a dash too', async () => {
      for (const r of [
        "don't isolate servers, only workstations. on high sev incidents isolate the devices",
        'do not isolate servers - only workstations. isolate every device in high sev incidents',
        'isolate only workstations, never servers. on high sev incidents isolate the devices',
      ]) {
        const plan = await accepted(r);
        const isolations = plan.spec.steps.filter((s) => s.action === 'isolate');
        assert.equal(isolations.length, 1, r);
        assert.ok(isolations[0].deviceFilter?.exclude?.kinds?.includes('server'), r);
        assert.ok(!isolations[0].deviceFilter?.include?.kinds?.includes('server'), r);
        assert.deepEqual(plan.spec.trigger.severities, ['High'], r);
      }
    });

    it('when "servers are left alone" or "servers get left alone" follows the steps in the same sentence, then the servers are left out', async () => {
      for (const r of ['on high sev incidents isolate the devices in it, servers are left alone', 'on high sev incidents isolate the hosts, servers get left alone']) {
        const plan = await accepted(r);
        assert.ok(step(plan, 'isolate').deviceFilter?.exclude?.kinds?.includes('server'), r);
      }
    });

    it('when "it" after a device is in a quoted group, then that is a device group, not an Entra group of users', async () => {
      const plan = await accepted("isolate the host unless it is in the 'Trading Floor' group");
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude?.groups, ['Trading Floor']);
      assert.doesNotMatch(JSON.stringify(step(plan, 'isolate')), /userInGroup/);
      const user = await accepted("reset the password of the user unless it is in the 'Trading Floor' group");
      assert.deepEqual(step(user, 'resetPassword').userFilter?.notInGroups, ['Trading Floor']);
    });
  });

  describe('which accounts', () => {
    it('when a group of several capitalised words has no quotes, then it is still the whole name', async () => {
      const plan = await accepted('on risky sign-ins revoke the sessions. never revoke accounts in the Night Shift Leads group');
      assert.deepEqual(step(plan, 'revokeSessions').userFilter?.notInGroups, ['Night Shift Leads']);
    });

    it('when "except if they are in G, those never get disabled" follows two account steps, then only the disable leaves G out', async () => {
      const plan = await accepted('on high sev identity alerts disable the acct and revoke the sessions. except if they are in the Night Shift Leads group, those never get disabled');
      assert.deepEqual(step(plan, 'disableUser').userFilter?.notInGroups, ['Night Shift Leads']);
      assert.equal(step(plan, 'revokeSessions').userFilter, undefined);
    });

    it('when an account is described and then named in brackets, then the steps act on that account alone, and "other users dont touch" adds nothing', async () => {
      const plan = await accepted('anything with the backup service account (svc-backup) -> revoke its sessions. other users in that incident dont touch');
      assert.deepEqual(step(plan, 'revokeSessions').userFilter?.include?.namePatterns, ['svc-backup']);
    });
  });
});

/**
 * A small shop's IT person and a forensics analyst: plain words for a verdict, a story told before the ask, a group
 * introduced before the accounts it holds, a rule's name before its case, a rule-out said again with why.
 */
describe('offline planner: plain words around the rule', () => {
  it('when VirusTotal "says its fine" or the lookup "comes back ok", then that is the clean verdict', async () => {
    for (const r of ['check the url on VT. if VT says its fine, close the incident as false positive', 'check the url on VT. if it comes back ok, close the incident as false positive']) {
      const plan = await accepted(r);
      assert.match(JSON.stringify(step(plan, 'updateIncident').when?.condition), /"not":\{"kind":"maliciousIoc"/, r);
    }
  });

  it('when what happened is told first ("a user opened a bad attachment again."), then it narrows nothing', async () => {
    const plan = await accepted('a user opened a bad attachment again today. on MDO phishing alerts reset the password of the recipient');
    assert.equal(step(plan, 'resetPassword').when, undefined);
    assert.deepEqual(plan.spec.trigger.titleKeywords, []);
  });

  it('when the rule is named before its case ("containment for high sev incidents, by device type:"), then the case is the trigger', async () => {
    const plan = await accepted('containment for high sev incidents, by device type: workstations get full isolation. servers get a full av scan');
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.kinds, ['workstation']);
  });

  it('when "do not release the devices, they stay isolated until X" follows, then it only says the rule-out again', async () => {
    const plan = await accepted('when an incident is resolved as true positive, tag it keep-evidence. do not release the devices, they stay isolated until legal signs off');
    assert.deepEqual(step(plan, 'updateIncident').params.incident?.addTags, ['keep-evidence']);
    assert.ok(!plan.spec.steps.some((s) => s.action === 'unisolate'));
  });

  it('when a group is introduced for some people, then "one of their accounts" is a member and "anyone else in a case where X" is the other side, with X kept', async () => {
    const plan = await accepted("we have an entra group called 'Vendors' for our 4 vendors. if one of their accounts is in a high sev incident, just email soc@contoso.com. anyone else in a high incident where VT says the IP is malicious - disable their account");
    assert.deepEqual(step(plan, 'disableUser').userFilter?.notInGroups, ['Vendors']);
    assert.match(JSON.stringify(step(plan, 'disableUser').when?.condition), /"maliciousIoc"/);
    assert.match(JSON.stringify(step(plan, 'sendMail').when?.condition), /"userInGroup"/);
  });

  it('when a VirusTotal test sits in a case the plan could not read, then the step is asked about, never run on every IP', async () => {
    const asked = await planner.plan("if a user in the 'Vendors' group is in a high severity incident, email soc@contoso.com instead. otherwise, in a high incident where virustotal says the IP in it is malicious, disable their account");
    assert.ok(isQuestion(asked) || (asked.ok && JSON.stringify(step(asked, 'disableUser').when ?? {}).includes('maliciousIoc')));
  });
});

/** Runbook-shaped requests on one line: a case and then numbered or semicolon steps, the case said last, why a step comes first. */
describe('offline planner: a case over steps listed on one line', () => {
  it('when a case heads numbered steps on the same line, then every step holds the case, not the first only', async () => {
    for (const r of [
      'for MDI alerts where the source IP is 4+ on VT: 1) revoke the sessions, 2) reset the password, 3) email soc@contoso.com',
      'for MDI alerts where the source IP is 4+ on VT: revoke the sessions; reset the password; email soc@contoso.com',
    ]) {
      const plan = await accepted(r);
      for (const action of ['revokeSessions', 'resetPassword', 'sendMail'] as const) assert.match(JSON.stringify(step(plan, action).when?.condition), /"minEngines":4/, `${action} in ${r}`);
    }
  });

  it('when the case is said last as "trigger: ...", then it heads the steps', async () => {
    const plan = await accepted('revoke the sessions and reset the password. trigger: an identity protection alert where the IP is 4+ on VT');
    assert.deepEqual(plan.spec.trigger.serviceSources, ['AzureAdIdentityProtection']);
    assert.match(JSON.stringify(step(plan, 'resetPassword').when?.condition), /"minEngines":4/);
  });

  it('when a runbook is named and "order matters" and why a step goes first are said, then they narrow nothing', async () => {
    const plan = await accepted('session theft runbook, order matters: 1) revoke the sessions first so stolen tokens die 2) reset the password. on high sev identity protection alerts');
    assert.ok(step(plan, 'revokeSessions'));
    assert.ok(step(plan, 'resetPassword'));
  });

  it('when the devices left out are "tagged X in MDE (the Y boxes)", then that is a machine tag the step skips', async () => {
    const plan = await accepted('full av scan on every device in high sev incidents except anything tagged DoNotScan in MDE (the lab boxes) - those get nothing');
    assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter?.exclude?.tags, ['DoNotScan']);
    assert.equal(step(plan, 'runAntiVirusScan').when, undefined);
  });
});
