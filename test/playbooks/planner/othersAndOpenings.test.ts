import assert from 'node:assert/strict';
import { accepted, step } from './helpers';

/**
 * "the others" after a case that named devices, and an opening "For <devices>, only <step>." before sentences of their own:
 * the devices named first get what was said for them, and the later device steps leave them out.
 */
describe('offline planner: the others, and an opening case that says "only"', () => {
  const filter = (plan: Awaited<ReturnType<typeof accepted>>) => step(plan, 'isolate').deviceFilter;
  const shown = (plan: Awaited<ReturnType<typeof accepted>>) => JSON.stringify(step(plan, 'isolate'));

  it('when "isolate the others" follows a mail for the devices of a group, then the group is left out of the isolation', async () => {
    const plan = await accepted('For machines in the group Tills, only send an email to retail-it@contoso.com; isolate the others if the alert is high severity.');
    assert.deepEqual(filter(plan)?.exclude, { groups: ['Tills'] }, shown(plan));
    assert.equal(filter(plan)?.include, undefined, shown(plan));
  });

  it('when "the others" is a sentence of its own after the opening case, then the group is left out too', async () => {
    const plan = await accepted('For machines in the group Tills, only send an email to retail-it@contoso.com. Contain the others when the alert is high.');
    assert.deepEqual(filter(plan)?.exclude, { groups: ['Tills'] }, shown(plan));
    assert.equal(filter(plan)?.include, undefined, shown(plan));
  });

  it('when an opening case says "only" its mail, then a device step in the next sentence leaves those devices out', async () => {
    const plan = await accepted('For machines in the group Tills, only send an email to retail-it@contoso.com. Isolate the device if the alert is high severity.');
    assert.deepEqual(filter(plan)?.exclude, { groups: ['Tills'] }, shown(plan));
    assert.equal(filter(plan)?.include, undefined, shown(plan));
  });

  it('when the opening case has no "only", then it stays the heading of the sentences after it', async () => {
    const plan = await accepted('For machines in the group Tills, send an email to retail-it@contoso.com. Isolate the device if the alert is high severity.');
    assert.deepEqual(filter(plan)?.include, { groups: ['Tills'] }, shown(plan));
  });

  describe('a device said to sit in a group, "nothing, and no comment either", and the wider indicator', () => {
    it('when the host "lives in the group" named in quotes, then the condition is on its device group, not on a user group', async () => {
      const plan = await accepted("Resolve the incident as a false positive if the host lives in the group 'Sandbox'.");
      const cond = JSON.stringify(step(plan, 'updateIncident').when?.condition);
      assert.match(cond, /deviceIs/);
      assert.doesNotMatch(cond, /userInGroup/);
    });

    it('when the user "sits in the group" named in quotes, then it stays a user group', async () => {
      const plan = await accepted("Reset the password when the user sits in the group 'Contractors'.");
      assert.deepEqual(step(plan, 'resetPassword').userFilter?.inGroups, ['Contractors']);
    });

    it('when the other side is "do nothing, and no comment either", then no comment step is planned', async () => {
      const plan = await accepted('Tag the incident sandbox-noise if the alert is informational. Otherwise do nothing, and no comment either.');
      const updates = plan.spec.steps.filter((s) => s.action === 'updateIncident');
      assert.equal(updates.length, 1, JSON.stringify(plan.spec.steps));
      assert.equal(updates[0].params.incident?.addComment, undefined);
    });

    it('when the other side asks for a comment, then the comment is planned for it', async () => {
      const plan = await accepted('Tag the incident sandbox-noise if the alert is informational. Otherwise add a comment saying it was checked.');
      assert.ok(plan.spec.steps.some((s) => s.action === 'updateIncident' && s.params.incident?.addComment), JSON.stringify(plan.spec.steps));
    });

    it('when the request says "block the whole domain, not just the link", then only domains are blocked', async () => {
      const plan = await accepted('If VirusTotal gives the domain 8 or more engines, block the whole domain, not just the link.');
      const block = step(plan, 'createIndicator');
      assert.deepEqual(block.target.kind === 'iocs' ? block.target.iocTypes : undefined, ['domain']);
    });
  });

  describe('accounts named by a prefix after the steps, a product left out, and a mail with a Teams post', () => {
    it('when "If it is a bot_* account, only kill the sessions." follows a disable, then those accounts are never disabled', async () => {
      const plan = await accepted('Disable the account on high Identity Protection alerts. If it is a bot_* account, only kill the sessions.');
      assert.deepEqual(step(plan, 'disableUser').userFilter, { exclude: { namePatterns: ['bot_*'] } });
      assert.deepEqual(step(plan, 'revokeSessions').userFilter, { include: { namePatterns: ['bot_*'] } });
    });

    it('when "unless its an adm- acct, for those just revoke" follows a reset, then the reset leaves those accounts out', async () => {
      const plan = await accepted('reset the pw on high idp alerts. unless its an adm- acct, for those just revoke');
      assert.match(JSON.stringify(step(plan, 'resetPassword').userFilter), /adm-\*/);
      assert.ok(plan.spec.steps.some((x) => x.action === 'revokeSessions'), JSON.stringify(plan.spec.steps));
    });

    it('when a product is left out after the step ("but not the MDI ones, way too chatty"), then its alerts are skipped', async () => {
      const plan = await accepted('mail night-shift@contoso.com for high incidents, but not the MDI ones, way too chatty');
      assert.match(JSON.stringify(step(plan, 'sendMail').when?.condition), /not.*MicrosoftDefenderForIdentity|MicrosoftDefenderForIdentity.*not/);
    });

    it('when the request says "email x and teams", then it mails x and posts in Teams', async () => {
      const plan = await accepted('email night-shift@contoso.com and teams for any high sev');
      step(plan, 'sendMail');
      step(plan, 'teamsMessage');
    });
  });

  describe('the other devices of a kind, a case said with two facts, and a bracketed group after a kind', () => {
    it('when "other servers -> isolate" follows a case of servers tagged crit, then the crit servers are left out', async () => {
      const plan = await accepted('servers on a high alert: if tagged crit, grab an investigation package. other servers -> isolate.');
      const filter = step(plan, 'isolate').deviceFilter;
      assert.deepEqual(filter?.include, { kinds: ['server'] });
      assert.deepEqual(filter?.exclude, { tags: ['crit'] });
    });

    it('when a case of servers tagged crit says "dont isolate", then the other servers are still isolated', async () => {
      const plan = await accepted('srv on a high alert: tagged crit -> dont isolate, grab a package. other srvs -> isolate.');
      const filter = step(plan, 'isolate').deviceFilter;
      assert.deepEqual(filter?.include, { kinds: ['server'] });
      assert.deepEqual(filter?.exclude?.tags, ['crit']);
      assert.equal(filter?.exclude?.kinds, undefined, JSON.stringify(filter));
    });

    it('when "NOT the kiosks (grp Store-Kiosks) those only a full scan" follows an isolation, then that group is scanned instead', async () => {
      const plan = await accepted('high sev mde: isolate the box and post in teams. NOT the kiosks (grp Store-Kiosks) those only a full scan');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { groups: ['Store-Kiosks'] });
      assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter?.include, { groups: ['Store-Kiosks'] });
    });

    it('when "NOT the servers, those just a scan" is a sentence after the isolation, then only the servers are scanned', async () => {
      const plan = await accepted('high sev mde: isolate the box. NOT the servers, those just a quick scan');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { kinds: ['server'] });
      assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter?.include, { kinds: ['server'] });
    });
  });

  it('when a tag is named with a word that is also chat shorthand ("tagged crit"), then the tag keeps the word as written', async () => {
    const plan = await accepted('isolate the host on high alerts, except hosts tagged crit');
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { tags: ['crit'] });
  });
});
