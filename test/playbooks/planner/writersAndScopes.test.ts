import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { accepted, planner, step } from './helpers';

/**
 * Who writes and what they leave alone: a writer's words about themself around the ask, an ask's lead ("could you build
 * me the equivalent of ..."), kinds of device left alone in a sentence of their own, groups named before ("not in that
 * group", "outside X"), and a few shapes of dictated text. Each reading has its other side: words that could narrow are
 * still asked about.
 */
describe('offline planner: writers, asks and the devices left alone', () => {
  it('when the writer speaks of themself in a sentence of its own, then the sentence is background; with a narrowing word or a name in it, Rampart asks', async () => {
    const plan = await accepted('I come from the networking side, so go easy on me. When an alert is High and its category is Ransomware, isolate the device.');
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
    assert.deepEqual(plan.spec.trigger.categories, ['Ransomware']);
    assert.equal(step(plan, 'isolate').when, undefined);
    const apology = await accepted('Did I put that right? When an alert is High, isolate the device. Sorry if the wording is clumsy.');
    assert.deepEqual(apology.spec.trigger.severities, ['High']);
    assert.ok(isQuestion(await planner.plan('Sorry if the wording is off, only for the Zorblax unit. When an alert is High, isolate the device.')));
    assert.ok(isQuestion(await planner.plan('I come from networking, so bear with me for Frobnitz devices. When an alert is High, isolate the device.')));
  });

  it('when the ask opens with what kind of thing to build, then the lead is background; a lead that names devices is asked about', async () => {
    const plan = await accepted('Could you build me the equivalent of a firewall rule: when an alert is High and its category is Ransomware, isolate the device.');
    assert.deepEqual(plan.spec.trigger.categories, ['Ransomware']);
    const told = await accepted('My manager asked me to set up something where, for any incident with a Linux host, we kick off a full antivirus scan on the Linux host.');
    assert.deepEqual(step(told, 'runAntiVirusScan').deviceFilter?.include?.osPlatforms, ['Linux']);
    assert.ok(isQuestion(await planner.plan('Could you set up something for Frobnitz devices where, when an alert is High, isolate the device.')));
  });

  it('when kinds of device are left alone in a sentence of their own, then every device step leaves each of them out', async () => {
    const plan = await accepted('When a malware alert is Medium, run a quick scan on the device. Linux and macOS boxes, please leave them be, the platform team owns those.');
    assert.deepEqual([...(step(plan, 'runAntiVirusScan').deviceFilter?.exclude?.osPlatforms ?? [])].sort(), ['Linux', 'macOS']);
    assert.equal(step(plan, 'runAntiVirusScan').deviceFilter?.include, undefined);
    const said = await accepted('On Execution alerts collect an investigation package from the device. My manager told me not to touch the Windows or Mac boxes, since the desktop crew owns them.');
    assert.deepEqual([...(step(said, 'collectInvestigationPackage').deviceFilter?.exclude?.osPlatforms ?? [])].sort(), ['Windows', 'macOS']);
    const partOf = await accepted('On High alerts run a full scan, for Linux VMs only. Windows machines are not part of this rule.');
    assert.deepEqual(step(partOf, 'runAntiVirusScan').deviceFilter?.include?.osPlatforms, ['Linux']);
    assert.ok(!JSON.stringify(step(partOf, 'runAntiVirusScan').deviceFilter?.include).includes('Windows'));
    // Devices said with a name Rampart does not know are still asked about.
    assert.ok(isQuestion(await planner.plan('When a malware alert is Medium, run a quick scan on the device. Plinth machines leave alone, I will handle those myself.')));
  });

  it('when "that group" follows a group named with its directory ("the Entra group \'X\'"), then it is that group; with no group named, Rampart asks', async () => {
    const plan = await accepted("If the user is a member of the Entra group 'Road-Warriors', dismiss the risky user. If they are not in that group, confirm them compromised.");
    assert.deepEqual(step(plan, 'dismissRiskyUser').userFilter?.inGroups, ['Road-Warriors']);
    assert.deepEqual(step(plan, 'confirmCompromised').userFilter?.notInGroups, ['Road-Warriors']);
    const unnamed = await planner.plan('On High alerts disable the user. If they are not in that group, revoke their sessions.');
    assert.ok(isQuestion(unnamed), JSON.stringify(unnamed));
  });

  it('when a device or a user is "outside" a group named before, or "not in" it, then the condition is the group negated', async () => {
    const plan = await accepted('On High alerts for devices in device group Branch-Tills, restrict app execution. If the alert is on a device outside Branch-Tills, just add a comment.');
    assert.deepEqual(step(plan, 'restrictCodeExecution').deviceFilter?.include?.groups, ['Branch-Tills']);
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { not: { kind: 'deviceIs', match: { groups: ['Branch-Tills'] } } });
    const notIn = await accepted('When the alert title mentions mimikatz and the device is in device group Jump-Hosts, resolve the incident. If mimikatz shows up on a device that is not in the Jump-Hosts device group, tag it jump-review.');
    const tag = notIn.spec.steps.find((s) => s.action === 'updateIncident' && s.params.incident?.addTags?.includes('jump-review'));
    assert.deepEqual(tag?.when?.condition, { not: { kind: 'deviceIs', match: { groups: ['Jump-Hosts'] } } });
    const users = await accepted('On identity protection alerts, if the user is in the group Tier0-Admins disable the account. For a user outside Tier0-Admins revoke the sessions only.');
    assert.deepEqual(step(users, 'disableUser').userFilter?.inGroups, ['Tier0-Admins']);
    assert.deepEqual(step(users, 'revokeSessions').userFilter?.notInGroups, ['Tier0-Admins']);
    // A name never said to be a group is left as said.
    assert.ok(isQuestion(await planner.plan('On High alerts isolate the device. If the alert is on a device outside Glorp, just add a comment.')));
  });

  it('when a case says "do NOT close it, just tag it", then it gets only the tag, and a state said after "and it is" stays a state', async () => {
    const plan = await accepted('When the alert title mentions EICAR and the machine is in device group Test-Rig, resolve the incident. If EICAR turns up on a machine outside Test-Rig, do NOT close it, just tag it eicar-elsewhere.');
    const close = plan.spec.steps.find((s) => s.params.incident?.status === 'Resolved');
    const tag = plan.spec.steps.find((s) => s.params.incident?.addTags?.includes('eicar-elsewhere'));
    assert.deepEqual(JSON.stringify(close?.when?.condition).includes('"not"'), false, JSON.stringify(close));
    assert.ok(JSON.stringify(tag?.when?.condition).includes('{"not":{"kind":"deviceIs"'), JSON.stringify(tag));
    // "and it is tagged X" is never a step that tags X.
    const state = await planner.plan('If the alert title contains EICAR, close the incident. If it is also tagged prod-box, do NOT close it, just tag it eicar-prod.');
    assert.ok(!state.ok || !state.spec.steps.some((s) => s.params.incident?.addTags?.includes('prod-box')), JSON.stringify(state));
  });

  it('when a request is dictated, then spoken homophones and marks are read ("hi severity", "ransom wear", "sock teams channel", "dash")', async () => {
    const plan = await accepted('for any hi severity ransom wear alert contain the device full stop then post in the sock teams channel full stop tag it urgent dash ransom full stop');
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
    assert.ok(plan.spec.trigger.topics.includes('ransomware') || plan.spec.trigger.categories.includes('Ransomware'), JSON.stringify(plan.spec.trigger));
    step(plan, 'isolate');
    step(plan, 'teamsMessage');
    assert.deepEqual(step(plan, 'updateIncident').params.incident?.addTags, ['urgent-ransom']);
  });

  it('when the kind of isolation is said in brackets, or the expiry as "set it to expire", then both are read', async () => {
    const plan = await accepted('On ransomware alerts isolate the host (selective isolation, not the full one).');
    assert.equal(step(plan, 'isolate').params.isolationType, 'Selective');
    const expiry = await accepted('Block the domain if VirusTotal has it at 8 or more malicious, and set it to expire in 14 days.');
    assert.equal(step(expiry, 'createIndicator').params.expiresInDays, 14);
  });

  it('when the other side of "still unassigned" is said with "don\'t touch", then the plan stands; devices outside a scope "leave them be" too', async () => {
    const plan = await accepted('For Office alerts where the incident is still unassigned, assign it to triage@contoso.com. Incidents that are already assigned to someone, don\'t touch.');
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'assignment', assigned: false });
  });
});

describe('offline planner: states inside a case, pronouns after a verb, bands said as upper bounds', () => {
  it('when a case goes on "and the device is tagged X", then that is a state of the case, never a step that tags, and no device outside it is isolated', async () => {
    const plan = await planner.plan("when the alert is High and the device is tagged 'pci', isolate it.");
    if (plan.ok) {
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.tags, ['pci']);
      assert.ok(!plan.spec.steps.some((s) => s.params.incident?.addTags?.includes('pci')), JSON.stringify(plan.spec.steps));
    } else assert.ok(isQuestion(plan), JSON.stringify(plan));
    // Said alone, the passive is still a step: "the machine gets isolated".
    step(await accepted('when a ransomware alert comes from MDE the machine gets isolated'), 'isolate');
  });

  it('when "it" is what a verb of the test acts on ("engines flag it"), then it is the IOC named before, not every kind', async () => {
    const plan = await accepted('check the hash on VT. if 5 or more engines flag it isolate the device.');
    assert.deepEqual(step(plan, 'isolate').when?.condition, { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 5 });
  });

  it('when the lower band is said "N or fewer", "Under N," or "not known to VirusTotal", then each is its own case', async () => {
    const fewer = await accepted("Check the URL on VirusTotal: if more than 3 engines say malicious revoke the user's sessions. If it's 3 or fewer, send an email to soc@contoso.com.");
    assert.deepEqual(step(fewer, 'revokeSessions').when?.condition, { kind: 'maliciousIoc', iocTypes: ['url'], minEngines: 4 });
    assert.deepEqual(step(fewer, 'sendMail').when?.condition, { not: { kind: 'maliciousIoc', iocTypes: ['url'], minEngines: 4 } });
    const under = await accepted('if any domain has 6 or more malicious detections on VirusTotal, block it. Below 6, no blocking, only a comment on the incident.');
    assert.deepEqual(step(under, 'createIndicator').target, { kind: 'iocs', iocTypes: ['domain'], minEngines: 6 });
    assert.deepEqual(step(under, 'updateIncident').when?.condition, { not: { kind: 'maliciousIoc', iocTypes: ['domain'], minEngines: 6 } });
    const unknown = await accepted('block the file hashes that VirusTotal says are malicious by at least twelve engines. If a hash is not found on VirusTotal at all, just add a comment.');
    assert.deepEqual(step(unknown, 'updateIncident').when?.condition, { kind: 'unknownIoc', iocTypes: ['file'] });
  });

  it('when the writer compares the ask to something before a colon, then the comparison is background; a comparison that narrows is asked about', async () => {
    const plan = await accepted('Think of it as an ACL entry but in Defender: if an IP in the incident has 10 or more malicious detections on VirusTotal, block it.');
    assert.deepEqual(step(plan, 'createIndicator').target, { kind: 'iocs', iocTypes: ['ip'], minEngines: 10 });
    assert.ok(isQuestion(await planner.plan('Think of this like a deny rule only for the Zorblax unit: if any IP has 10 or more malicious detections on VirusTotal, block it.')));
  });
});

describe('offline planner: asks relayed from someone else', () => {
  it('when the ask is relayed ("The night-shift manager asked: ..."), then who asked is background; a relayed lead that names a unit is asked about', async () => {
    const plan = await accepted('The night-shift manager asked: when an alert is High and its category is Exfiltration, isolate the device.');
    assert.deepEqual(plan.spec.trigger.categories, ['Exfiltration']);
    assert.ok(isQuestion(await planner.plan('The manager for the Plinth unit asked: when an alert is High, isolate the device.')));
  });

  it('when an assignment is asked "set up:" for incidents "not assigned to anybody yet", with the other side and the severities left out said again, then the plan is the assignment of the unassigned ones', async () => {
    const plan = await accepted("Please set up: when a Medium severity incident is not assigned to anyone yet, assign it to lee.ward@contoso.com and post in the channel that I'm on it. If it's already assigned to somebody, don't reassign it, that would be awkward (we don't need the high and low ones.)");
    const assign = step(plan, 'updateIncident');
    assert.equal(assign.params.incident?.assignedTo, 'lee.ward@contoso.com');
    const when = JSON.stringify(assign.when?.condition ?? plan.spec.trigger);
    assert.ok(when.includes('"assigned":false'), when);
    assert.ok(JSON.stringify(plan.spec).includes('"Medium"'), JSON.stringify(plan.spec));
    assert.ok(!JSON.stringify(plan.spec.trigger.severities).includes('High'), JSON.stringify(plan.spec.trigger));
  });
});

describe('offline planner: the IOC a request looks up, and an exception that gets a step of its own', () => {
  it('when the request looks one kind of IOC up on VirusTotal, then its bare bands count that kind, never a flagged file or IP', async () => {
    const plan = await accepted("For phishing alerts from Defender for Office 365, check the URL on VirusTotal.\n- malicious >= 6: revoke the recipient's sessions\n- 0: classify False Positive and resolve");
    const revoke = JSON.stringify(step(plan, 'revokeSessions').when?.condition);
    assert.ok(revoke.includes('{"kind":"maliciousIoc","iocTypes":["url"],"minEngines":6}') && !revoke.includes('"file"'), revoke);
    const close = step(plan, 'updateIncident');
    assert.equal(close.params.incident?.status, 'Resolved');
    assert.equal(close.params.incident?.classification, 'FalsePositive');
  });

  it('when a group is named after its directory without quotes and its members get another step "instead", then the step left out spares them and the other step is theirs alone', async () => {
    const plan = await accepted("on phishing alerts revoke the sessions of the recipient. when the recipient is in the Entra group Board-Members, never revoke their sessions; email board-sec@contoso.com instead.");
    assert.deepEqual(step(plan, 'revokeSessions').userFilter?.notInGroups, ['Board-Members']);
    assert.deepEqual(step(plan, 'sendMail').when?.condition, { kind: 'userInGroup', groups: ['Board-Members'] });
  });
});

describe('offline planner: tokens, the apps a user keeps, the email alone, the other groups', () => {
  it('when the request says "kill their refresh tokens", then the sessions are revoked', async () => {
    step(await accepted('On risky sign-in alerts from Identity Protection, reset the password and nuke their refresh tokens.'), 'revokeSessions');
  });

  it('when the isolation is selective "so the staff keep Outlook and Teams", then no Teams post is planned; the lower band gets the email alone and other groups are left alone', async () => {
    const plan = await accepted('For machines in the Reception-Kiosks device group only: on a High or Medium alert isolate the machine, but selective isolation so the clerks can still use Outlook and Teams, and send an email to ana@contoso.com. On Low or Informational alerts only the email, no isolation. Other groups shouldn\'t be touched.');
    assert.ok(!plan.spec.steps.some((s) => s.action === 'teamsMessage'), JSON.stringify(plan.spec.steps));
    assert.equal(step(plan, 'isolate').params.isolationType, 'Selective');
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.groups, ['Reception-Kiosks']);
    assert.ok(!JSON.stringify(step(plan, 'isolate').when).includes('Low'), JSON.stringify(step(plan, 'isolate').when));
    assert.equal(plan.spec.steps.filter((s) => s.action === 'sendMail').length, 2);
  });
});
