import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { groupNamesInWords } from '../../../src/playbooks/planner/groupNames';
import { accepted, planner, step } from './helpers';

/**
 * Groups named only by the shape of their name ("Warehouse-Tills", "Break-Glass"), what a case said with "only" leaves of
 * the steps before it when that step is among them, a classification said per case, which IOCs a threat word describes,
 * and a verb said last. Each reading has its other side: a tag stays a tag, a case that cannot be told apart is asked.
 */
describe('offline planner: group names, per-case steps and word order', () => {
  it('when a device group is named by its hyphenated name beside the devices, then that group narrows the step', async () => {
    const before = await accepted('on trojan alerts for Warehouse-Tills devices run a full av scan');
    assert.deepEqual(step(before, 'runAntiVirusScan').deviceFilter?.include?.groups, ['Warehouse-Tills']);
    const inside = await accepted('on trojan alerts isolate the machine but never touch anything in Warehouse-Tills');
    assert.deepEqual(step(inside, 'isolate').deviceFilter?.exclude?.groups, ['Warehouse-Tills']);
    const bracket = await accepted('on trojan alerts isolate the machine, except the shop floor tills (Warehouse-Tills)');
    assert.deepEqual(step(bracket, 'isolate').deviceFilter?.exclude?.groups, ['Warehouse-Tills']);
    const pronoun = await accepted('on trojan alerts isolate the machine unless its in Warehouse-Tills');
    assert.deepEqual(step(pronoun, 'isolate').deviceFilter?.exclude?.groups, ['Warehouse-Tills']);
    // A name the request calls a tag is a tag: read as a group, the tagged tills would have been isolated.
    assert.match(groupNamesInWords('never touch anything in Warehouse-Tills'), /in the 'Warehouse-Tills' device group/);
    assert.equal(groupNamesInWords('never touch anything in Warehouse-Tills (machine tag Warehouse-Tills)'), 'never touch anything in Warehouse-Tills (machine tag Warehouse-Tills)');
    // A hyphenated word is no name: "Non-Prod machines" are not a group called Non-Prod.
    assert.equal(groupNamesInWords('scan Non-Prod machines'), 'scan Non-Prod machines');
    // "a device group Jump-Hosts device group" is no doubled name.
    const said = await accepted('on trojan alerts isolate the machine unless it is a Warehouse-Tills device group member');
    assert.ok(!JSON.stringify(said.spec).includes('group group'));
  });

  it('when a user is in a group whose name is lower case, then that Entra group spares them, unless the request calls it a tag', async () => {
    const plan = await accepted('on high severity identity protection alerts disable the account unless theyre in ops-breakglass');
    assert.deepEqual(step(plan, 'disableUser').userFilter?.notInGroups, ['ops-breakglass']);
    assert.ok(isQuestion(await planner.plan('on high severity identity protection alerts reset the password unless the user is in ops-breakglass (that is an incident tag: tagged ops-breakglass)')));
  });

  it('when a case says "only" a step the request already gave everyone, then that step still runs for all and the others leave the case out', async () => {
    const plan = await accepted('on high severity identity protection alerts reset the password and revoke the sessions. if the user is in the Night-Pharmacists group, only revoke the sessions');
    assert.deepEqual(step(plan, 'resetPassword').userFilter?.notInGroups, ['Night-Pharmacists']);
    const revokes = plan.spec.steps.filter((s) => s.action === 'revokeSessions');
    assert.equal(revokes.length, 1);
    assert.equal(revokes[0].userFilter, undefined);
    assert.equal(revokes[0].when, undefined);
    // Said with no comma, "only" ends the case all the same: the reset leaves those users out.
    const bare = await accepted('on high severity identity protection alerts reset the password and revoke the sessions. for users in the Night-Pharmacists group only revoke');
    assert.deepEqual(step(bare, 'resetPassword').userFilter?.notInGroups, ['Night-Pharmacists']);
    assert.equal(bare.spec.steps.filter((s) => s.action === 'revokeSessions').length, 1);
  });

  it('when each classification of a resolved incident has its own steps, then a case that does nothing is no trigger and two cases with steps are asked', async () => {
    const nothing = await accepted('once an incident is closed as a false positive, lift the device isolation. when it is closed as a true positive, do nothing');
    assert.deepEqual(nothing.spec.trigger.classifications, ['FalsePositive']);
    assert.ok(nothing.spec.steps.some((s) => s.action === 'unisolate'));
    // Both cases with steps: the release must not run on a true positive, and no condition tells them apart per step.
    assert.ok(isQuestion(await planner.plan('once an incident is closed as a false positive, lift the device isolation. if it is closed as a true positive, post to teams')));
    // One case only: the trigger as before.
    const one = await accepted('once an incident is closed as a true positive, post to teams and add a comment');
    assert.deepEqual(one.spec.trigger.classifications, ['TruePositive']);
  });

  it('when a threat word describes the IOCs of another kind of alert, then the trigger is that kind alone', async () => {
    const plan = await accepted('block the c2 domains from credential theft alerts if virustotal has 4 or more engines on them');
    assert.equal(plan.spec.trigger.topics.includes('commandAndControl'), false);
    assert.ok(plan.spec.trigger.topics.length > 0);
    // Without another kind of alert, "C2 domains" is still what the alerts are about.
    const alone = await accepted('block c2 domains if virustotal has 4 or more engines on them');
    assert.deepEqual(alone.spec.trigger.topics, ['commandAndControl']);
    // A source is no kind of alert: "phish urls from MDO incidents" keeps the phishing test.
    const source = await accepted('block phish urls from MDO incidents when virustotal has 4 or more engines');
    assert.ok(source.spec.trigger.topics.includes('phishing'));
  });

  it('when a verb is said after its object, then the step reads in English order and a later case stays its own', async () => {
    const plan = await accepted('Risky sign-in alerts from Identity Protection with High severity: the account as compromised confirm. At Medium severity the risk dismiss.');
    assert.deepEqual(step(plan, 'confirmCompromised').when?.condition, { kind: 'severity', severities: ['High'] });
    assert.deepEqual(step(plan, 'dismissRiskyUser').when?.condition, { kind: 'severity', severities: ['Medium'] });
    const never = await accepted('on high severity malware alerts the file quarantine. servers the device never isolate, workstations the device isolate.');
    assert.ok(never.spec.steps.some((s) => s.action === 'stopAndQuarantineFile'));
    // A noun after its article is no verb said last: "a full scan" stays a full scan.
    const scan = await accepted('on high severity malware alerts run a full scan');
    assert.equal(step(scan, 'runAntiVirusScan').params.scanType, 'Full');
  });

  it('when a dash opens the next case, then an "only if" before it stays with the steps before it', async () => {
    // (Read as a comma, the case after the dash took the "only if", and the isolation ran on Low and Informational alerts.)
    const plan = await accepted('on malware alerts isolate the device and collect a package. But only if the severity is high \u2014 for medium, just post to teams.');
    for (const action of ['isolate', 'collectInvestigationPackage'] as const) assert.deepEqual(step(plan, action).when?.condition, { kind: 'severity', severities: ['High'] });
    assert.deepEqual(step(plan, 'teamsMessage').when?.condition, { kind: 'severity', severities: ['Medium'] });
  });

  it('when a French speaker names steps in French words or puts the adverb after the verb, then those steps are read', async () => {
    const plan = await accepted('when a high severity alert comes from Defender for Endpoint, lancer a scan rapide on the servers');
    assert.equal(step(plan, 'runAntiVirusScan').params.scanType, 'Quick');
    const adverb = await accepted('on high severity identity protection alerts désactiver automatically the account of the user');
    assert.ok(adverb.spec.steps.some((s) => s.action === 'disableUser'));
    // "non, pardon" takes back what was just said, as "no, sorry" does.
    const taken = await accepted('on high severity identity protection alerts dismiss the risk, non, pardon, only post to teams');
    assert.deepEqual(taken.spec.steps.map((s) => s.action), ['teamsMessage']);
  });

  it('when an owner is said as who picked the incident up and the channel as told, then the assignment is tested', async () => {
    const plan = await accepted('for high severity incidents that nobody has picked up yet, assign them to night-lead@fabrikam.com and let the channel know');
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'assignment', assigned: false });
    assert.ok(plan.spec.steps.some((s) => s.action === 'teamsMessage'));
  });

  it('when a case says "not a member" of the group named before, or that tagged incidents are drills, then those are the cases', async () => {
    const member = await accepted('if the user is in the Payroll-Admins group, revoke the sessions. If she is not a member, only post to teams.');
    assert.deepEqual(step(member, 'teamsMessage').when?.condition, { not: { kind: 'userInGroup', groups: ['Payroll-Admins'] } });
    // After a device group only, "not a member" names no group of users: asked.
    assert.ok(isQuestion(await planner.plan('on malware alerts isolate devices in the Lab-Benches device group. If he is not a member, only post to teams.')));
    const drill = await accepted('on ransomware alerts isolate the device. incidents tagged purple-week are exercises, so dont touch those.');
    assert.deepEqual(step(drill, 'isolate').when?.condition, { not: { kind: 'incidentTag', tags: ['purple-week'] } });
    const band = await accepted('on ransomware alerts check VT on the file hashes: 8 or more engines = block the hash. below 8 dont block anything, just add a comment.');
    assert.deepEqual(step(band, 'updateIncident').when?.condition, { not: { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 8 } });
    // "anyway" narrows nothing.
    assert.ok((await accepted('on ransomware alerts run a full scan on the device anyway')).spec.steps.length === 1);
  });
});

