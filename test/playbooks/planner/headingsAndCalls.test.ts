import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import type { Condition } from '../../../src/playbooks/spec';
import { generatePlaybook } from '../../../src/playbooks/codegen';
import { accepted, planner, step } from './helpers';

/** Every IOC-verdict test inside a condition, however deep. */
function verdicts(c: Condition | undefined): Array<{ iocTypes: string[]; minEngines: number }> {
  if (!c) return [];
  if ('all' in c) return c.all.flatMap(verdicts);
  if ('any' in c) return c.any.flatMap(verdicts);
  if ('not' in c) return verdicts(c.not);
  return c.kind === 'maliciousIoc' ? [{ iocTypes: c.iocTypes, minEngines: c.minEngines }] : [];
}

/**
 * Groups said by an identifier ("user in Ops-Core", "not in that grp"), calls written as code ("vt(ip).malicious >= 5",
 * "revokeSessions(recipient)", "in 2..6"), a family of products narrowed by the products named beside it, the cases a
 * line handing over a list names, severities that get nothing, a heading over such a case, and dictated requests.
 */
describe('offline planner: headings, groups and calls', () => {
  it('when a group is named by an identifier without "is" ("user in Ops-Core"), then the step is for its members only', async () => {
    const plan = await accepted('risky sign-in alerts: user in Helpdesk-Leads -> reset the pw');
    assert.deepEqual(step(plan, 'resetPassword').userFilter, { inGroups: ['Helpdesk-Leads'] });
    // The other side: a plain word after "in" is no group, and the reset is not narrowed to one.
    const word = await planner.plan('risky sign-in alerts: user in finance -> reset the pw');
    assert.ok(!word.ok || step(word, 'resetPassword').userFilter?.inGroups === undefined);
  });

  it('when "that group" follows the one group named, then it is that group', async () => {
    const plan = await accepted('risky sign-in alerts: if the user is in Net-Ops reset the pw. not in that grp -> revoke sessions only');
    assert.deepEqual(step(plan, 'resetPassword').userFilter, { inGroups: ['Net-Ops'] });
    assert.deepEqual(step(plan, 'revokeSessions').userFilter, { notInGroups: ['Net-Ops'] });
  });

  it('when code tests VirusTotal on one kind of IOC ("vt(ip).malicious >= 7"), then only that kind\'s verdict counts', async () => {
    const ip = await accepted('identity alerts from MDI:\n  if vt(ip).malicious >= 7 -> disableUser, revokeSessions');
    assert.deepEqual(verdicts(step(ip, 'disableUser').when?.condition), [{ iocTypes: ['ip'], minEngines: 7 }]);
    assert.deepEqual(verdicts(step(ip, 'revokeSessions').when?.condition), [{ iocTypes: ['ip'], minEngines: 7 }]);
    const file = await accepted('MDE alerts:\n  if vt(file).malicious >= 7 -> isolate the device');
    assert.deepEqual(verdicts(step(file, 'isolate').when?.condition), [{ iocTypes: ['file'], minEngines: 7 }]);
  });

  it('when code gives a band of engines ("in 2..6"), then the step runs in that band only', async () => {
    const plan = await accepted('if src == MDE:\n  if vt(file).malicious >= 7 -> isolate the device\n  elif vt(file).malicious in 2..6 -> quick av scan\n  else -> noop');
    const band = verdicts(step(plan, 'runAntiVirusScan').when?.condition);
    assert.deepEqual(band, [{ iocTypes: ['file'], minEngines: 2 }, { iocTypes: ['file'], minEngines: 7 }]);
    assert.deepEqual(verdicts(step(plan, 'isolate').when?.condition), [{ iocTypes: ['file'], minEngines: 7 }]);
  });

  it('when a family of products is said with the products it means, then only those products trigger it', async () => {
    const named = await accepted('identity alerts (MDI / MCAS): revoke the sessions');
    assert.deepEqual(named.spec.trigger.serviceSources, ['MicrosoftCloudAppSecurity', 'MicrosoftDefenderForIdentity']);
    const from = await accepted('identity alerts from Identity Protection: revoke the sessions');
    assert.deepEqual(from.spec.trigger.serviceSources, ['AzureAdIdentityProtection']);
    // The other side: the family alone is both identity products.
    const family = await accepted('identity alerts: revoke the sessions');
    assert.deepEqual(family.spec.trigger.serviceSources, ['AzureAdIdentityProtection', 'MicrosoftDefenderForIdentity']);
  });

  it('when a line hands over a list "for endpoint (MDE) alerts", then the list is for those alerts, whatever its brackets say', async () => {
    const plan = await accepted('Here is the procedure from our wiki (ask Tom for the link) that I want automated for endpoint (MDE) alerts:\n- High severity: isolate the device\n- Medium: run a quick AV scan');
    assert.deepEqual(plan.spec.trigger.serviceSources, ['MicrosoftDefenderForEndpoint']);
  });

  it('when severities get nothing with a reason said, then they never join the steps of the other severities', async () => {
    // (A reason Rampart reads or one it asks about: either way it never isolates on a low alert.)
    for (const reason of ['let them expire', 'they are noise', 'since nobody reads them']) {
      const plan = await planner.plan(`Low or informational severity: nothing, ${reason}. High severity: isolate the device`);
      assert.ok(isQuestion(plan) || (plan.ok && plan.spec.trigger.severities.join() === 'High' && !plan.spec.steps.some((s) => JSON.stringify(s.when ?? {}).includes('Low'))), reason);
    }
    const bare = await accepted('Low or informational severity: nothing. High severity: isolate the device');
    assert.deepEqual(bare.spec.trigger.severities, ['High']);
  });

  it('when a heading stands before a case that gets nothing, then it still heads the cases after it', async () => {
    const plan = await accepted('MDO alerts: low severity: nothing. High severity: block the URL');
    assert.deepEqual(plan.spec.trigger.serviceSources, ['MicrosoftDefenderForOffice365']);
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
    const spelled = await accepted('For MDO alerts: low severity: nothing. High severity: block the URL');
    assert.deepEqual(spelled.spec.trigger.serviceSources, ['MicrosoftDefenderForOffice365']);
  });

  it('when a dictation says "if there in the X group", then it is the users\' group, never a device group', async () => {
    const plan = await accepted('when identity protection flags somebody high severity revoke there sessions but not if there in the ops-breakglass group');
    assert.deepEqual(step(plan, 'revokeSessions').userFilter, { notInGroups: ['ops-breakglass'] });
    assert.equal(step(plan, 'revokeSessions').when, undefined);
  });

  it('when a dictation runs two addresses into one sentence, then each case keeps its own address', async () => {
    const plan = await accepted('high severity incidents assign to maria at contoso dot com the medium ones go to tier two at contoso dot com');
    const owner = (level: string): string | undefined => plan.spec.steps.find((s) => JSON.stringify(s.when?.condition ?? {}).includes(level))?.params.incident?.assignedTo;
    assert.equal(owner('High'), 'maria@contoso.com');
    assert.equal(owner('Medium'), 'tiertwo@contoso.com');
  });

  it('when a sentence of its own narrows the block before it ("only if its 6+ engines"), then a step joined after it by "and" does not take the narrowing away', async () => {
    const plan = await planner.plan('block the url if VirusTotal says its bad. only if its like 6+ engines, i dont want to block google.com by accident. and drop a comment on the incident');
    assert.ok(isQuestion(plan) || (plan.ok && JSON.stringify(step(plan, 'createIndicator').target).includes('"minEngines":6')));
  });

  it('when the product is said as a side of the shop ("the identity side (MDI)", "on the MDE side"), then it is that product\'s alerts', async () => {
    const side = await accepted('for the identity side (MDI): disable the account and revoke the sessions');
    assert.deepEqual(side.spec.trigger.serviceSources, ['MicrosoftDefenderForIdentity']);
    const on = await accepted('anything closed out as false positive on the MDE side: release the machine from isolation');
    assert.deepEqual(on.spec.trigger.serviceSources, ['MicrosoftDefenderForEndpoint']);
    assert.deepEqual(on.spec.trigger.classifications, ['FalsePositive']);
  });

  it('when "dont <step> anything that was X" is the other side of the step\'s own case, then it is read; naming another case, it is asked about', async () => {
    const other = await accepted('when an incident is resolved as false positive on MDE, release the machine from isolation. dont release anything that was a true positive');
    assert.deepEqual(step(other, 'unisolate').when, undefined);
    assert.ok(isQuestion(await planner.plan('when an incident is resolved as false positive on MDE, release the machine from isolation. dont release anything in the Lab-Hosts group')));
  });

  it('when alerts are named by a quoted title in brackets, then the steps are for alerts of that title', async () => {
    const plan = await accepted("reported mails ('Phish submitted by user' alerts) with no VT hits on the link: resolve as false positive");
    assert.deepEqual(plan.spec.trigger.titleKeywords, ['phish submitted by user']);
    const after = await accepted("MDO alerts ('Suspicious inbox forwarding' alerts): revoke the sessions");
    assert.match(JSON.stringify(after.spec), /suspicious inbox forwarding/i);
  });

  it('when code sets fields and tests lists ("osPlatform in (Linux, macOS)", "tags += [a, b]", "\'x\' in tags"), then each is read', async () => {
    const plan = await accepted("if alert.category == Ransomware:\n  - isolate all devices unless osPlatform in (Linux, macOS)\n  - incident.status = InProgress, tags += [ir, sev1]");
    assert.deepEqual(step(plan, 'isolate').deviceFilter, { exclude: { osPlatforms: ['Linux', 'macOS'] } });
    assert.ok(plan.spec.steps.some((s) => s.params.incident?.status === 'InProgress'));
    assert.ok(plan.spec.steps.some((s) => JSON.stringify(s.params.incident?.addTags) === '["ir","sev1"]'));
    const tagged = await accepted("on new incident:\n  if 'drill' in tags && sev == High: resolve");
    assert.match(JSON.stringify(step(tagged, 'updateIncident').when), /"incidentTag","tags":\["drill"\]/);
  });

  it('when a sentence skips devices by a test ("skip if the device is tagged X."), then no device step reaches them', async () => {
    const plan = await accepted('skip if the device is tagged lab-box. if VirusTotal flags the file, run a full scan. otherwise run a quick scan.');
    for (const s of plan.spec.steps) assert.deepEqual(s.deviceFilter, { exclude: { tags: ['lab-box'] } });
  });

  it('when alerts come "from Office 365", then they are Defender for Office 365\'s; Office 365 mailboxes or licences are no product', async () => {
    const plan = await accepted('phishing alerts from Office 365: block the URL');
    assert.deepEqual(plan.spec.trigger.serviceSources, ['MicrosoftDefenderForOffice365']);
    const mailboxes = await planner.plan('phishing alerts about mail from Office 365 mailboxes: block the URL');
    assert.ok(!mailboxes.ok || !mailboxes.spec.trigger.serviceSources.includes('MicrosoftDefenderForOffice365'));
  });

  it('when a group holds a step back, then the playbook also spares groups whose name holds its words; a group that lets a step run must be named exactly', async () => {
    const spared = await accepted('on risky sign-in alerts post to teams, unless the user is in the break glass group');
    assert.match(generatePlaybook(spared.spec, { request: 'x' }), /not_\(user_in_group\(ctx, scope_alerts, \("break glass",\), lenient=True\)\)/);
    const members = await accepted('on risky sign-in alerts, if the user is in the Tier1-Support group, post to teams');
    assert.doesNotMatch(generatePlaybook(members.spec, { request: 'x' }), /lenient=True\)/);
  });

  it('when a dictation says the alerts, then "if" with no stop, and an address with more words after it, then the test and the mail are read', async () => {
    const plan = await accepted('identity protection alerts from entra id if virus total flags the ip block it and mail ir at contoso dot com about it right away please');
    assert.deepEqual(step(plan, 'createIndicator').target, { kind: 'iocs', iocTypes: ['ip'], minEngines: 1 });
    assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['ir@contoso.com']);
    assert.deepEqual(verdicts(step(plan, 'sendMail').when?.condition), [{ iocTypes: ['ip'], minEngines: 1 }]);
  });

  it('when a request asks to add a user to a group, then it is refused as unsupported, and a group whose name holds a verb is never that step', async () => {
    const add = await planner.plan('risky sign-in alerts -> add the user to grp Legacy-Block-Auth so conditional access catches them');
    assert.equal(add.ok, false);
    assert.ok(!isQuestion(add));
    assert.match(add.reason, /adding a user to a group/);
    const named = await accepted('on risky sign-in alerts disable the account, unless the user is in Legacy-Block-Auth');
    assert.deepEqual(named.spec.steps.map((s) => s.action), ['disableUser']);
    assert.deepEqual(step(named, 'disableUser').userFilter, { notInGroups: ['Legacy-Block-Auth'] });
  });

  it('when a step on every account or device is said for the whole tenant, then it is refused as a mass action; the whole company said as why is not', async () => {
    const mass = await planner.plan('reset the password of every user who has not changed it in a year, across the entire org');
    assert.equal(mass.ok, false);
    assert.match(mass.reason, /mass action/);
    const why = await planner.plan('on risky sign-in alerts disable the account in the alert, the entire org depends on it');
    assert.ok(!why.ok ? !/mass action/.test(why.reason) : true);
  });

  it('when emphasis widens nothing ("all hands, no exceptions", "yes that covers the DCs too"), then it narrows nothing; after a rule-out it is still asked about', async () => {
    const plan = await accepted('malware = all hands, no exceptions. on malware incidents collect an investigation package from every machine involved. yes that covers the DCs too');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['collectInvestigationPackage']);
    assert.equal(step(plan, 'collectInvestigationPackage').deviceFilter, undefined);
    assert.ok(isQuestion(await planner.plan('on malware incidents isolate every machine involved, never the prod servers. that covers the build farm too')));
  });

  it('when code loops over the URLs ("for u in urls: ... indicator(u, Block)"), then each statement keeps its own case', async () => {
    const plan = await accepted("src == MDO && urls.count >= 1:\n  for u in urls: if vt(u).malicious >= 6 -> indicator(u, AlertAndBlock)\n  teams msg always");
    assert.deepEqual(step(plan, 'createIndicator').target, { kind: 'iocs', iocTypes: ['url'], minEngines: 6 });
    assert.equal(step(plan, 'createIndicator').params.indicatorAction, 'AlertAndBlock');
    assert.equal(step(plan, 'teamsMessage').when, undefined);
  });

  it('when the device itself is spared on its own alerts ("dont touch the DC itself"), then the account steps still run there; a step whose conditions contradict each other is asked about', async () => {
    const itself = await accepted('MDI alerts on a domain controller: dont touch the DC itself. reset the password of the user in the alert');
    assert.deepEqual(step(itself, 'resetPassword').when?.condition, { kind: 'deviceIs', match: { kinds: ['domainController'] } });
    const contradiction = await planner.plan('MDI alerts on a domain controller: never touch domain controllers. disable the user in the alert.');
    assert.ok(isQuestion(contradiction));
    assert.match(contradiction.question, /contradict each other/);
  });

  it('when a list of what is wanted ends with "and an email to X", then the mail is a step of its own', async () => {
    const plan = await accepted('when MDE flags a server I want the incident assigned to tier2@contoso.com, a quick scan run on the server and an email to srv-owners@contoso.com');
    assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['srv-owners@contoso.com']);
    assert.equal(step(plan, 'runAntiVirusScan').params.scanType, 'Quick');
  });
});
