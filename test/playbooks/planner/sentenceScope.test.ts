import assert from 'node:assert/strict';
import { normalizeRequest } from '../../../src/playbooks/planner/normalize';
import { accepted, planner, step, knownClean } from './helpers';

describe('offline planner: a sentence of its own that scopes the steps before it', () => {
  it('when a sentence names only the kind of device, then the scan before it runs on that kind alone', async () => {
    const plan = await accepted('Kick off a quick AV scan on the hosts of the incident. Linux hosts only.');
    assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter, { include: { osPlatforms: ['Linux'] } });
  });

  it('when "only" comes first ("only on windows servers"), then the scope is read the same way', async () => {
    const plan = await accepted('collect a pkg from the machines. only on windows servers.');
    assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter, { include: { osPlatforms: ['WindowsServer'] } });
  });

  it('when the sentence leaves a kind out ("DCs excluded"), then the isolation skips that kind and keeps the others', async () => {
    const plan = await accepted('isolate the affected hosts on high incidents. DCs excluded.');
    assert.deepEqual(step(plan, 'isolate').deviceFilter, { exclude: { kinds: ['domainController'] } });
  });

  it('when two sentences of steps come before the scope, then the isolation is scoped too, not only the last step', async () => {
    const plan = await accepted('isolate the boxes. email ir@contoso.com. workstations only.');
    assert.deepEqual(step(plan, 'isolate').deviceFilter, { include: { kinds: ['workstation'] } });
  });

  it('when the scope sentence stands before any step, then it is not taken as a scope of steps that follow it', async () => {
    const plan = await accepted('isolate the boxes on high incidents. tag them with iso.');
    assert.equal(step(plan, 'isolate').deviceFilter, undefined);
  });
});

describe('offline planner: states of the incident left out together', () => {
  it('when a request leaves out closed or already-owned incidents, then the isolation runs on open, unowned incidents only', async () => {
    const plan = await accepted('contain the hosts of high sev incidents unless the incident is closed or already taken');
    assert.deepEqual(plan.spec.trigger.statuses, ['Active', 'InProgress']);
    assert.deepEqual(step(plan, 'isolate').when?.condition, { kind: 'assignment', assigned: false });
  });

  it('when a state is said without the test it goes with, then the plan does not drop it silently', async () => {
    const plan = await planner.plan('isolate the hosts of high incidents. ignore incidents someone already owns and the ones that are resolved.');
    assert.ok(!plan.ok || plan.spec.trigger.statuses.length > 0, JSON.stringify(plan));
  });
});

describe('offline planner: a sentence that says what a message holds', () => {
  it('when a sentence lists what the Teams post carries, then it narrows nothing and is shown as the message content', async () => {
    const plan = await accepted('Tag high incidents with iso-review and post to Teams. The post contains the device names, the severity and a link to the portal.');
    assert.ok(plan.understood.some((u) => u.phrase.startsWith('The post contains') && /narrows nothing/.test(u.meaning)), JSON.stringify(plan.understood));
    assert.ok(step(plan, 'teamsMessage'));
  });

  it('when the content sentence carries a condition of its own, then it is not set aside as content', async () => {
    const plan = await planner.plan('Isolate the hosts of high incidents and email soc@contoso.com. The email lists the hosts only when they are servers.');
    assert.ok(!plan.ok || !plan.understood.some((u) => u.phrase.startsWith('The email lists')), JSON.stringify(plan));
  });
});

describe('offline planner: a step ruled out for severities alone', () => {
  it('when a request says a step is never done on some severities, then that step skips them and the others keep it', async () => {
    const plan = await accepted('isolate the device and email ir@contoso.com. dont isolate on info or low incidents');
    assert.deepEqual(step(plan, 'isolate').when?.condition, { not: { kind: 'severity', severities: ['Informational', 'Low'] } });
    assert.equal(step(plan, 'sendMail').when, undefined);
  });

  it('when the verb of such a sentence names no step, then no step runs on those severities', async () => {
    const plan = await accepted('Tag every incident with triage. Informational ones are never handled.');
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { not: { kind: 'severity', severities: ['Informational'] } });
  });
});

describe('offline planner: incidents in a state said to be skipped', () => {
  it('when owned and closed incidents are said to be skipped in the passive, then the step runs on open, unowned incidents only', async () => {
    const plan = await accepted('Send ops@contoso.com an email for each medium incident. Incidents which have already been closed are ignored, as are incidents already assigned to someone.');
    assert.deepEqual(plan.spec.trigger.statuses, ['Active', 'InProgress']);
    assert.deepEqual(step(plan, 'sendMail').when?.condition, { not: { kind: 'assignment', assigned: true } });
  });
});

describe('offline planner: a sentence that only says how to isolate', () => {
  it('when the isolation type follows a narrowed isolation, then it sets that isolation\'s type and isolates nothing more', async () => {
    const plan = await accepted('scan every host, then isolate only the ones with a high risk score. go with selective isolation so teams keeps working');
    const isolations = plan.spec.steps.filter((x) => x.action === 'isolate');
    assert.equal(isolations.length, 1, JSON.stringify(plan.spec.steps));
    assert.equal(isolations[0].params.isolationType, 'Selective');
    assert.deepEqual(isolations[0].deviceFilter, { include: { minRiskScore: 'High' } });
  });

  it('when the type is said in a case of its own, then it stays that case\'s isolation', async () => {
    const plan = await accepted('if sev is high, isolate the host. if sev is medium, selective isolation.');
    assert.deepEqual(plan.spec.steps.filter((x) => x.action === 'isolate').map((x) => x.params.isolationType).sort(), ['Full', 'Selective']);
  });
});

describe('offline planner: one kind of IOC blocked and another ruled out', () => {
  it('when a block names the domain and rules out the url, then only domains are blocked', async () => {
    const plan = await accepted('if VT flags the domain on 2+ engines, block the domain (not the url)');
    const blocks = plan.spec.steps.filter((x) => x.action === 'createIndicator');
    assert.equal(blocks.length, 1, JSON.stringify(blocks));
    assert.deepEqual(blocks[0].target.kind === 'iocs' && blocks[0].target.iocTypes, ['domain']);
  });
});

describe('offline planner: a clause that rules out an action the plan never takes', () => {
  it('when a reason follows "dont <action>" and no step takes that action, then the reason holds nothing back', async () => {
    const plan = await accepted('high sev phish: reset the users pw and revoke their sessions. dont quarantine anything, legal wants the evidence kept');
    assert.ok(step(plan, 'resetPassword') && step(plan, 'revokeSessions'));
    assert.ok(!plan.spec.steps.some((x) => x.action === 'stopAndQuarantineFile'));
  });

  it('when the ruled-out action is one the plan takes elsewhere, then the unread words are still asked about', async () => {
    const plan = await planner.plan('isolate the hosts on high incidents. dont isolate, the finance folks scream');
    assert.equal(plan.ok, false);
  });

  it('when the words after the rule-out say where, then they are still asked about', async () => {
    const plan = await planner.plan('revoke the sessions of the users. dont disable anyone, in the treasury department');
    assert.equal(plan.ok, false);
  });

  it('when a closed-as-true-positive case is told to stay isolated, then the release runs on false positives only, without a question', async () => {
    const plan = await accepted('when an incident is resolved as false positive, unisolate its machines. resolved as TP -> keep them isolated obviously');
    assert.deepEqual(plan.spec.trigger.classifications, ['FalsePositive']);
  });
});

describe('offline planner: what chat puts around a request', () => {
  it('when numbered steps open with loading the incident, then the numbers and the load are not words to ask about', async () => {
    const plan = await accepted('step 1 fetch the incident. step 2 if the device risk is high: run a full av scan. step 3 comment on the incident regardless');
    assert.equal(step(plan, 'runAntiVirusScan').params.scanType, 'Full');
    assert.equal(step(plan, 'updateIncident').when, undefined);
  });

  it('when a step is said "either way" after an exception, then it runs for everyone and the exception stays on its own step', async () => {
    const plan = await accepted('high sev identity alerts: reset the pw unless they are in the Tier0 group. revoke sessions either way');
    assert.deepEqual(step(plan, 'resetPassword').userFilter, { notInGroups: ['Tier0'] });
    assert.equal(step(plan, 'revokeSessions').userFilter, undefined);
  });

  it('when a please stands between the condition and the step, then the condition still governs the step', async () => {
    const plan = await accepted('if the hash is clean on VT (0 engines) pls resolve the incident as false positive');
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, knownClean(['file']));
  });

  it('when a sentence is chatter, then it is not asked about; when it holds a case word, then it is', async () => {
    const plan = await accepted('block the ip if VT flags it on 4+ engines. long night haha');
    assert.ok(step(plan, 'createIndicator'));
    assert.equal((await planner.plan('block the ip if VT flags it on 4+ engines. finance servers only lol')).ok, false);
  });

  it('when a question about the incident comes before a step, then it is the condition of that step', async () => {
    const plan = await accepted('nobody assigned? assign the incident to t1@contoso.com');
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'assignment', assigned: false });
  });

  it('when domain controllers are named by a pattern in brackets, then the pattern is read as their names', async () => {
    const plan = await accepted('isolate the hosts of high sev incidents but never the domain controllers (adc-*)');
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude?.namePatterns, ['adc-*']);
  });
});

describe('offline planner: what a description says is not done', () => {
  it('when no action is said to be taken on a kind of device, then the steps before leave that kind out (never dropped as "nothing else")', async () => {
    const plan = await accepted('Contain the endpoints of high severity incidents. No response action is taken on Linux hosts.');
    assert.deepEqual(step(plan, 'isolate').deviceFilter, { exclude: { osPlatforms: ['Linux'] } });
  });

  it('when no action is taken on something else named, then it is asked about, not dropped', async () => {
    assert.equal((await planner.plan('Contain the endpoints of high severity incidents. No response action is taken on the finance fleet.')).ok, false);
  });

  it('when a list of kinds of action is ruled out, then none of them becomes a step', async () => {
    const plan = await accepted('Comment the VirusTotal verdicts of the file hashes on the incident. It takes no isolation, blocking or identity actions of any kind.');
    assert.deepEqual(plan.spec.steps.map((x) => x.action), ['updateIncident']);
  });

  it('when the severities left are "only logged", then that is the other side of the steps\' severities', async () => {
    const plan = await accepted('Email soc@contoso.com about every high incident. Medium and low incidents are just logged.');
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
  });

  it('when "every other case" is left untouched, then it adds nothing to ask about', async () => {
    const plan = await accepted('If the incident is low severity and VT rates every hash clean, close it as benign positive. In every other case the incident is left untouched for manual triage.');
    assert.equal(step(plan, 'updateIncident').params.incident?.status, 'Resolved');
  });

  it('when private space is named with its RFC in brackets and said to be skipped, then the block leaves private IPs out', async () => {
    const plan = await accepted('Block IPs that VT flags on 2+ engines. Internal address space (RFC 1918) is always skipped.');
    assert.equal(step(plan, 'createIndicator').iocFilter?.ipScope, 'public');
  });
});

describe('offline planner: an IOC VirusTotal has no record of', () => {
  it('when a step is for a URL VirusTotal has no record of, then it tests "unknown to VirusTotal", not "clean"', async () => {
    const plan = await accepted('Block URLs that VT flags on 3+ engines. If VirusTotal has no record of the url, assign the incident to intel@contoso.com.');
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'unknownIoc', iocTypes: ['url'] });
  });

  it('when "never seen" is said together with zero, then it is the clean side as before', async () => {
    const plan = await accepted('check the ips on VT. 5+ -> block. 0 or VT never saw it -> comment on the incident');
    const cond = step(plan, 'updateIncident').when?.condition;
    assert.ok(cond && 'not' in cond && 'kind' in cond.not && cond.not.kind === 'maliciousIoc' && cond.not.minEngines === 1, JSON.stringify(cond));
  });
});

describe('offline planner: files of the alert, techniques by name, device health', () => {
  it('when the files are said as the alert\'s or the incident\'s, then they are the files a quarantine acts on', async () => {
    const plan = await accepted("stop and quarantine the incident's binaries");
    assert.equal(step(plan, 'stopAndQuarantineFile').target.kind, 'fileDevices');
  });

  it('when a technique id is followed by its name and "sub-techniques too", then the id alone is the condition', async () => {
    const plan = await accepted('scan the host of any alert mapped to T1055 (process injection), including sub-techniques');
    assert.deepEqual(step(plan, 'runAntiVirusScan').when?.condition, { kind: 'mitreTechnique', techniques: ['T1055'] });
  });

  it('when devices whose health is not Active are skipped, then only Active devices are acted on', async () => {
    const plan = await accepted('collect a package from every machine, skipping machines whose health status is not Active');
    assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter, { include: { healthStatuses: ['Active'] } });
  });
});

describe('offline planner: descriptions of verdict bands and their subjects', () => {
  it('when bands are labelled with dashes after "the highest count among the hashes", then each band gets its own step', async () => {
    const plan = await accepted('It looks at the highest detection count across the file hashes and acts as follows: 30 or more - full isolation; 10 to 29 - a full antivirus scan; 0 - a comment on the incident.');
    assert.deepEqual(plan.spec.steps.map((x) => x.action), ['isolate', 'runAntiVirusScan', 'updateIncident']);
    assert.deepEqual(step(plan, 'runAntiVirusScan').when?.condition, { all: [{ kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 10 }, { not: { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 30 } }] });
  });

  it('when a single number is followed by a dash, then it is not taken for a band', async () => {
    const plan = await planner.plan('isolate Windows 10 - the old fleet');
    assert.ok(!plan.ok || !JSON.stringify(plan.spec).includes('maliciousIoc'), JSON.stringify(plan));
  });

  it('when "at least one hash is reported malicious by N or more engines", then N is the threshold', async () => {
    const plan = await accepted('When at least one file is reported as malicious by seven or more engines, the playbook collects an investigation package from the device.');
    assert.deepEqual(step(plan, 'collectInvestigationPackage').when?.condition, { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 7 });
  });

  it('when the accounts are "the associated Entra ID accounts", then they are the users of the incident', async () => {
    const plan = await accepted('For Identity Protection incidents, reset the password of the related Azure AD accounts.');
    assert.equal(step(plan, 'resetPassword').target.kind, 'users');
  });

  it('when a confirmation says why ("so that user risk is raised"), then the why narrows nothing', async () => {
    const plan = await accepted('For Entra ID Protection incidents, confirm every account as compromised so that its risk is set to high.');
    assert.ok(step(plan, 'confirmCompromised'));
  });
});

describe('offline planner: the other branch said again in brackets', () => {
  it('when "otherwise (N or less)" is exactly the other side of "> N", then it is the otherwise branch, with the step it replaces left out', async () => {
    const plan = await accepted('if VT is > 8 on the hash, block it with block and remediate. otherwise (8 or less) dont block, just comment on the incident');
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { not: { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 9 } });
  });

  it('when the band in brackets is not the other side, then it is asked about', async () => {
    assert.equal((await planner.plan('if VT is > 8 on the hash, block it. otherwise (3 or less) comment on the incident')).ok, false);
  });
});

describe('offline planner: incidents by tag that must never be contained', () => {
  it('when a description says tagged incidents must never be contained, then the isolation skips incidents with that tag', async () => {
    const plan = await accepted('Incidents with the tag lab-test are test traffic and should never be isolated automatically. For other high incidents the playbook isolates the device.');
    assert.deepEqual(step(plan, 'isolate').when?.condition, { not: { kind: 'incidentTag', tags: ['lab-test'] } });
  });

  it('when "never contain incidents tagged X" is said as an instruction, then it is read as never isolating them', async () => {
    const plan = await accepted('never contain incidents tagged hr-legal. isolate the hosts of high incidents.');
    assert.deepEqual(step(plan, 'isolate').when?.condition, { not: { kind: 'incidentTag', tags: ['hr-legal'] } });
  });
});

describe('offline planner: a classification and a state said together', () => {
  it('when a classification comes with "not yet resolved", then both are tested (never the classification alone)', async () => {
    const plan = await accepted('When an incident\'s classification is True Positive and it is not yet closed, collect an investigation package from each device.');
    assert.deepEqual(plan.spec.trigger.classifications, ['TruePositive']);
    assert.deepEqual(plan.spec.trigger.statuses, ['Active', 'InProgress']);
  });

  it('when "still open" is said and nothing tests the status, then it is asked about rather than dropped', async () => {
    const plan = await planner.plan('isolate the hosts of high incidents that are open according to the ticket system');
    assert.ok(!plan.ok || plan.spec.trigger.statuses.length > 0, JSON.stringify(plan));
  });
});

describe('offline planner: the device a flagged file is on, and files VirusTotal must know', () => {
  it('when "the affected device" is isolated on a file verdict, then only the devices of the flagged files are isolated', async () => {
    const plan = await accepted('When a file is flagged by 12 or more engines on VT, isolate the infected host.');
    assert.deepEqual(step(plan, 'isolate').target, { kind: 'fileDevices', minEngines: 12 });
  });

  it('when "the affected device" is isolated with no file verdict, then the target stays the incident\'s devices', async () => {
    const plan = await accepted('On high severity incidents, isolate the affected device.');
    assert.equal(step(plan, 'isolate').target.kind, 'incidentDevices');
  });

  it('when every hash must be known to VirusTotal with zero detections, then an unknown hash holds the close back too', async () => {
    const plan = await accepted('If all hashes of the incident are known to VT with 0 malicious detections, close it as false positive.');
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { all: [{ not: { kind: 'unknownIoc', iocTypes: ['file'] } }, { not: { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 1 } }] });
  });
});

describe('offline planner: descriptions with exemptions, approvals and labelled fields', () => {
  it('when a kind is "excluded from automatic isolation: for those, X instead", then it is not isolated and gets X', async () => {
    const plan = await accepted('Isolates the endpoints of high severity incidents. Domain controllers are excluded from automatic isolation; for those, the playbook collects an investigation package instead.');
    assert.deepEqual(step(plan, 'isolate').deviceFilter, { exclude: { kinds: ['domainController'] } });
    assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter, { include: { kinds: ['domainController'] } });
  });

  it('when a sentence asks for an analyst\'s approval before isolating, then it is what Rampart does anyway and adds no question', async () => {
    const plan = await accepted('On high incidents, isolate the device. The isolation needs analyst approval in Teams before it is executed.');
    assert.ok(plan.understood.some((u) => /approval in the thread/.test(u.meaning)), JSON.stringify(plan.understood));
  });

  it('when an update lists its fields ("status In Progress, classification True Positive"), then every field is set', async () => {
    const plan = await accepted('for high incidents, update the incident: status In Progress, classification True Positive');
    assert.deepEqual(step(plan, 'updateIncident').params.incident, { status: 'InProgress', classification: 'TruePositive', determination: 'Other' });
  });
});

describe('offline planner: a case said after the steps to get nothing', () => {
  it('when lower severities are "ignored for now" after a high-severity isolation, then the isolation never runs on them (asked, not inverted)', async () => {
    const plan = await planner.plan('contain the host on high sev alerts. medium and low alerts: not looked at for now');
    assert.ok(!plan.ok || !JSON.stringify(plan.spec.steps).includes('"Low"'), JSON.stringify(plan));
  });

  it('when lower severities are left to people ("we check those by hand"), then the isolation stays on high alerts only', async () => {
    const plan = await accepted('contain the host on high sev alerts. medium or low alerts: the team reviews those manually');
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
    assert.equal(step(plan, 'isolate').when, undefined);
  });

  it('when a case after the steps says something Rampart cannot tie to a step, then it is asked about', async () => {
    assert.equal((await planner.plan('scan the host on high sev alerts. medium alerts: tomorrow')).ok, false);
  });

  it('when devices of lower alerts are "hands off", then only the high alerts\' devices are acted on', async () => {
    const plan = await accepted('only act on hosts whose alert is high sev: collect a pkg. hosts with medium alerts only - hands off');
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
  });

  it('when containment of a kind of device is "not permitted" and no step contains anything, then it holds nothing back', async () => {
    const plan = await accepted('for incidents tagged VIP, assign them to tier3@contoso.com. Automated containment of VIP laptops is not permitted.');
    assert.ok(step(plan, 'updateIncident'));
  });
});

describe('offline planner: a step said not to happen inside another, and a condition after a run of steps', () => {
  it('when "no teams msg" follows the step of a case, then no Teams post is planned for that case', async () => {
    const plan = await accepted('post to teams for high incidents nobody owns. if someone already owns it just add a comment instead, no teams post');
    const posts = plan.spec.steps.filter((x) => x.action === 'teamsMessage');
    assert.equal(posts.length, 1);
    assert.match(JSON.stringify(posts[0].when?.condition), /"not":\{"kind":"assignment","assigned":true\}/);
  });

  it('when a condition clause closes a run that begins with a tag, then the tag is under the condition too', async () => {
    const plan = await accepted('tag the incident lateral and run a full scan on the host, when the alert is mapped to T1021');
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'mitreTechnique', techniques: ['T1021'] });
  });

  it('when "anything high or above" names the incidents, then it is their severity', async () => {
    const plan = await accepted('email soc@contoso.com about anything medium or above');
    assert.deepEqual([...plan.spec.trigger.severities].sort(), ['High', 'Medium']);
  });
});

describe('offline planner: how a chat post opens, wants and takes back', () => {
  it('when a post opens with "Team, new rule from today." and closes with thanks, then neither is asked about', async () => {
    const plan = await accepted('Team, new rule from today. On high severity incidents, collect an investigation package from each device. Thanks, Omar');
    assert.ok(step(plan, 'collectInvestigationPackage'));
  });

  it('when "anything else =>" follows a case, then it is the otherwise branch', async () => {
    const plan = await accepted('ransomware alert => isolate the host. anything else => tag the incident triage');
    assert.match(JSON.stringify(step(plan, 'updateIncident').when?.condition), /"not"/);
  });

  it('when a correction takes back the last step only, then the condition said before it stays', async () => {
    const plan = await accepted('when a phish from MDO was delivered to the inbox, revoke the sessions, wait no, not the sessions, reset the password of the recipient');
    assert.deepEqual(step(plan, 'resetPassword').when?.condition, { kind: 'mailDelivery', actions: ['Delivered'] });
    assert.ok(!plan.spec.steps.some((x) => x.action === 'revokeSessions'));
  });

  it('when a step is said as what the writer wants ("I want to restrict ..."), then it is the step, never dropped', async () => {
    const plan = await accepted('when a ransomware alert comes in, we want to restrict app execution on the host.');
    assert.ok(step(plan, 'restrictCodeExecution'));
  });

  it('when a run-on sentence rules out touching accounts no step touches, then its reason holds nothing back', async () => {
    const plan = await accepted('for ransomware alerts isolate the host then post in teams dont touch the accounts the identity team does that tomorrow');
    assert.ok(step(plan, 'isolate') && !plan.spec.steps.some((x) => x.action === 'disableUser'));
  });
});

describe('offline planner: more of how descriptions say it', () => {
  it('when owned or resolved incidents "are not modified", then the route runs on open, unowned incidents', async () => {
    const plan = await accepted('Automatically route new incidents of High severity to the on-call queue: assign them to oncall@contoso.com. Incidents that have an owner already, or that are closed, are not changed.');
    assert.deepEqual(plan.spec.trigger.statuses, ['Active', 'InProgress']);
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { not: { kind: 'assignment', assigned: true } });
  });

  it('when "an address has at least one malicious verdict", then VirusTotal flagging the IP is the condition', async () => {
    const plan = await accepted('For Identity Protection incidents, if an IP address has at least two malicious verdicts, revoke the user\'s sessions.');
    assert.deepEqual(step(plan, 'revokeSessions').when?.condition, { kind: 'maliciousIoc', iocTypes: ['ip'], minEngines: 2 });
  });

  it('when "before isolation is requested" opens a sentence, then the words keep their spaces', async () => {
    assert.doesNotMatch(normalizeRequest('Before isolation is requested, the device state is read.').text, /Beforeisolate/);
  });

  it('when lower severities are "not acted upon", then that is the other side of the severities the steps are for', async () => {
    const plan = await accepted('For High severity incidents the playbook isolates the devices. Medium and low incidents are not acted upon.');
    assert.ok(step(plan, 'isolate'));
  });
});

describe('offline planner: mail as a noun, groups by Entra name, folder lists', () => {
  it('when "the mail actually landed" is a condition, then no mail step is planned from it', async () => {
    const plan = await accepted('revoke the sessions of the recipients, only where the mail actually landed in the inbox');
    assert.deepEqual(plan.spec.steps.map((x) => x.action), ['revokeSessions']);
  });

  it('when the user must be "a member of the Entra group X", then the step is for that group\'s members', async () => {
    const plan = await accepted('For Identity Protection incidents, disable the user, provided the user is a member of the Entra group \'Tier0-Ops\'.');
    assert.deepEqual(step(plan, 'disableUser').userFilter, { inGroups: ['Tier0-Ops'] });
  });

  it('when folders are listed ("a user folder like Desktop, Downloads or Temp"), then each one is a folder the quarantine is for', async () => {
    const plan = await accepted('quarantine the file, only when it is in a user folder like Documents, Downloads or Temp');
    assert.equal(step(plan, 'stopAndQuarantineFile').iocFilter?.filePaths?.length, 3);
  });

  it('when "anyone else -> nothing" follows a case, then it is the otherwise branch, which does nothing', async () => {
    const plan = await accepted('high sev -> isolate the box. anyone else -> nothing');
    assert.ok(step(plan, 'isolate'));
  });
});

describe('offline planner: titles with an implied verdict, headers of a kind, adverbs before the verb', () => {
  it('when a title says "known-malicious files" and the body gives the threshold, then only the body\'s threshold is used', async () => {
    const plan = await accepted('Block malicious hashes. The playbook checks each file on VirusTotal; if 20 or more engines detect it, the hash is blocked with a file indicator.');
    const blocks = plan.spec.steps.filter((x) => x.action === 'createIndicator');
    assert.equal(blocks.length, 1, JSON.stringify(blocks));
    assert.ok(blocks[0].target.kind === 'iocs' && blocks[0].target.minEngines === 20, JSON.stringify(blocks[0]));
  });

  it('when severity branches follow a header naming a kind of alert, then each branch is still for that kind', async () => {
    const plan = await accepted('ransomware alerts: sev medium -> quick av scan. sev high -> isolate the box');
    assert.deepEqual(plan.spec.trigger.topics, ['ransomware']);
  });

  it('when "it instead runs" says the step of a branch, then that step is read with its own kind of scan', async () => {
    const plan = await accepted('For Medium severity incidents, the playbook runs a quick antivirus scan. For High severity incidents it instead runs a full antivirus scan.');
    assert.deepEqual(plan.spec.steps.map((x) => x.params.scanType).sort(), ['Full', 'Quick']);
  });
});

describe('offline planner: per-recipient delivery and incidents that have a device', () => {
  it('when a user step is for "only the ones where the mail landed", then Rampart asks (delivery is known per alert, not per recipient)', async () => {
    assert.equal((await planner.plan('disable the phish recipients, only those whose mail actually got delivered')).ok, false);
  });

  it('when the incidents are "ones that have a device", then every step, the tag too, needs a device in the incident', async () => {
    const plan = await accepted('for high sev incidents that have a machine, collect a package and tag the incident pkg-requested');
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'entityCount', entity: 'device', atLeast: 1 });
  });
});

describe('offline planner: "never seen it" keeps its kind of IOC, thresholds by kind, sensor health', () => {
  it('when "VT never saw it" follows a check of the hashes, then the block stays on hashes (never every kind of IOC)', async () => {
    const plan = await accepted('check the file hashes on VT. 12+ -> block. if 0 or VT never heard of it, add a comment');
    const block = step(plan, 'createIndicator');
    assert.deepEqual(block.target.kind === 'iocs' && block.target.iocTypes, ['file']);
  });

  it('when thresholds are said per kind ("ip 4+ -> block"), then each block has its kind and threshold', async () => {
    const plan = await accepted('look up the ips and domains on VT. ip 6+ -> block it. domain 3+ -> block it');
    const blocks = plan.spec.steps.filter((x) => x.action === 'createIndicator').map((x) => x.target.kind === 'iocs' && [x.target.iocTypes, x.target.minEngines]);
    assert.deepEqual(blocks, [[['ip'], 6], [['domain'], 3]]);
  });

  it('when a step is only for devices whose sensor health is Active, then that is a device filter, not the incident\'s status', async () => {
    const plan = await accepted('collect a package from the hosts, only if the sensor health is Active');
    assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter, { include: { healthStatuses: ['Active'] } });
    assert.deepEqual(plan.spec.trigger.statuses, []);
  });
});

describe('offline planner: severity bands that overlap', () => {
  it('when a later band is inside an earlier one ("medium or higher: scan. high: also a package"), then the scan runs on both and the package on High only', async () => {
    const plan = await accepted('on medium or higher incidents run a quick AV scan on the hosts. severity high -> also grab an investigation package');
    assert.deepEqual(plan.spec.trigger.severities, ['Medium', 'High']);
    assert.equal(step(plan, 'runAntiVirusScan').when, undefined);
    assert.deepEqual(step(plan, 'collectInvestigationPackage').when?.condition, { kind: 'severity', severities: ['High'] });
  });

  it('when the bands do not overlap, then each keeps its own level and the trigger is not narrowed to one of them', async () => {
    const plan = await accepted('high incidents: isolate the hosts. medium incidents: scan the hosts');
    assert.deepEqual(step(plan, 'isolate').when?.condition, { kind: 'severity', severities: ['High'] });
    assert.deepEqual(step(plan, 'runAntiVirusScan').when?.condition, { kind: 'severity', severities: ['Medium'] });
  });

  it('when a header is a level "and up" ("medium and up:"), then it is read as that band, not asked about', async () => {
    const plan = await accepted('medium and up: add the tag sweep. high: isolate the device as well');
    assert.deepEqual(plan.spec.trigger.severities, ['Medium', 'High']);
    assert.deepEqual(step(plan, 'isolate').when?.condition, { kind: 'severity', severities: ['High'] });
  });
});

describe('offline planner: devices excluded from isolation, said as a sentence of their own', () => {
  it('when a device group is "excluded from isolation and only tagged \'X\'", then the isolation skips that group and the tag is for its devices', async () => {
    const plan = await accepted("On credential theft alerts isolate the host and collect a package. Machines in the 'Tier0' device group are excluded from isolation and are only tagged 'tier0-review'.");
    assert.deepEqual(step(plan, 'isolate').deviceFilter, { exclude: { groups: ['Tier0'] } });
    assert.equal(step(plan, 'collectInvestigationPackage').deviceFilter, undefined);
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'deviceIs', match: { groups: ['Tier0'] } });
  });

  it('when servers "are exempt from containment and only get a full scan", then only the isolation leaves them out and they get the scan', async () => {
    const plan = await accepted('isolate the affected hosts and grab an investigation package on high incidents. Servers are exempt from containment and only get a full scan.');
    assert.deepEqual(step(plan, 'isolate').deviceFilter, { exclude: { kinds: ['server'] } });
    assert.equal(step(plan, 'collectInvestigationPackage').deviceFilter, undefined);
    const scan = step(plan, 'runAntiVirusScan');
    assert.deepEqual([scan.params, scan.deviceFilter], [{ scanType: 'Full' }, { include: { kinds: ['server'] } }]);
  });

  it('when the group is said plainly ("Hosts in the Lab group are excluded from isolation"), then the isolation skips it', async () => {
    const plan = await accepted('isolate the host on ransomware alerts. Hosts in the Lab group are excluded from isolation.');
    assert.deepEqual(step(plan, 'isolate').deviceFilter, { exclude: { groups: ['Lab'] } });
  });
});

describe('offline planner: "no IP is malicious" keeps its kind; a sender said with a block Rampart can do', () => {
  it('when the clean side names its kind ("if none of the addresses is flagged"), then the close tests that kind only', async () => {
    const plan = await accepted('look the IPs up on VT, block the ones with 4+ engines. if none of the addresses is flagged, resolve the incident as false positive');
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { not: { kind: 'maliciousIoc', iocTypes: ['ip'], minEngines: 1 } });
    const block = step(plan, 'createIndicator');
    assert.deepEqual(block.target.kind === 'iocs' && block.target.iocTypes, ['ip']);
  });

  it('when "no domain is malicious" is the condition, then it is read (not asked about) and tests domains', async () => {
    const plan = await accepted('check domains on virustotal; when no domain is malicious add a comment saying clean');
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { not: { kind: 'maliciousIoc', iocTypes: ['domain'], minEngines: 1 } });
  });

  it('when the sender and the links are blocked together, then the links are blocked and the sender is reported as not supported', async () => {
    for (const request of ['for phish alerts block the senders and all links in the mail', 'for phish alerts block all links and the sender']) {
      const plan = await accepted(request);
      const block = step(plan, 'createIndicator');
      assert.deepEqual(block.target.kind === 'iocs' && block.target.iocTypes, ['url'], request);
      assert.ok(plan.notUnderstood.some((n) => /sender/.test(n) && /not supported/.test(n)), JSON.stringify(plan.notUnderstood));
    }
  });
});

describe('offline planner: "skip if", bare labels and where chat puts a severity', () => {
  it('when a case is said with "skip if" ("skip if the incident is closed"), then the steps leave that case out (never run only in it)', async () => {
    const plan = await accepted('contain the hosts on credential theft alerts. skip if the incident is already closed');
    assert.deepEqual(plan.spec.trigger.statuses, ['Active', 'InProgress']);
  });

  it('when "ignore it when someone owns the incident" follows a scan, then the scan needs an unassigned incident', async () => {
    const plan = await accepted('quick scan the machines on medium sev, ignore it when somebody already took the incident');
    assert.deepEqual(step(plan, 'runAntiVirusScan').when?.condition, { kind: 'assignment', assigned: false });
  });

  it('when "if not, skip it" follows a verdict, then only the block remains (nothing is asked about)', async () => {
    const plan = await accepted('if virustotal flags the domain, block it. if not, skip it');
    assert.equal(plan.spec.steps.length, 1);
    assert.equal(plan.spec.steps[0].action, 'createIndicator');
  });

  it('when a bare word of a case stands as its own sentence and is not read ("worms. isolate the box"), then Rampart asks instead of isolating everything', async () => {
    const plan = await planner.plan('worms. isolate the box');
    assert.equal(plan.ok, false);
  });

  it('when a severity is a sentence of its own ("phish. high. block the url"), then it is the incidents the steps are for', async () => {
    const plan = await accepted('trojan. crit. isolate. full not selective.');
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
    assert.deepEqual(plan.spec.trigger.topics, ['malware']);
    assert.equal(step(plan, 'isolate').params.isolationType, 'Full');
  });

  it('when the severity is in brackets or listed with "+ ... only", then it is read', async () => {
    assert.deepEqual((await accepted('when MDI flags an account (medium) reset its password')).spec.trigger.severities, ['Medium']);
    assert.deepEqual((await accepted('lateral movement, low + medium only: scan the devices')).spec.trigger.severities, ['Low', 'Medium']);
  });

  it('when a level is said of a product ("high MDO gets ..."), then it is that severity', async () => {
    const plan = await accepted('if the incident is tagged test do nothing. otherwise high MDE gets an investigation package');
    assert.deepEqual([plan.spec.trigger.severities, plan.spec.trigger.serviceSources], [['High'], ['MicrosoftDefenderForEndpoint']]);
    assert.deepEqual(step(plan, 'collectInvestigationPackage').when?.condition, { not: { kind: 'incidentTag', tags: ['test'] } });
  });
});

describe('offline planner: how public playbook descriptions say things', () => {
  it('when a header names a kind of device the steps never took ("Linux boxes: ... ."), then Rampart asks (the kind is never dropped)', async () => {
    assert.equal((await planner.plan('Trojans on workstations: quarantine. When a high trojan alert is raised, isolate the machine.')).ok, false);
  });

  it('when an indicator is called tenant-wide, then it is a block (every indicator is), not a mass action', async () => {
    const plan = await accepted('if 30 or more engines flag the sha256, create a tenant-wide file indicator that blocks it');
    assert.equal(step(plan, 'createIndicator').target.kind, 'iocs');
    assert.equal((await planner.plan('restrict app execution on every machine tenant-wide')).ok, false);
  });

  it('when the block is said as "add the hash to the indicator list" and ruled out, with who decides, then the quarantine alone is planned', async () => {
    const plan = await accepted('When VirusTotal flags the file with 12 or more engines, the playbook issues a Stop and Quarantine File action on that device. The hash is not added to the indicator list; that call is left to the SOC analysts.');
    assert.deepEqual(plan.spec.steps.map((x) => x.action), ['stopAndQuarantineFile']);
  });

  it('when "devices without such a result are not isolated" restates the other side of the test, then it is read as left alone', async () => {
    const plan = await accepted('A device on which a file hash is flagged by 8 or more engines is isolated. Devices without such a result are not isolated.');
    assert.equal(step(plan, 'isolate').target.kind, 'fileDevices');
    // Said of devices with no negation of their own, it is an exclusion, and is never dropped.
    assert.equal((await planner.plan('A device on which a file hash is flagged by 8 or more engines is isolated. Devices in the kiosk ring are not isolated.')).ok, false);
  });

  it('when a description leads in ("The handling depends on the alert severity:") and its bands "remain below" a threshold, then both are read', async () => {
    const plan = await accepted('The handling depends on the alert severity: for High, isolate the machine concerned; for Low, add a comment.');
    assert.deepEqual(step(plan, 'isolate').when?.condition, { kind: 'severity', severities: ['High'] });
    assert.ok((await planner.plan('Look up the domains on VirusTotal. Domains with 6 or more detections are blocked. Domains that remain under the threshold are only noted in a comment.')).ok);
  });

  it('when it "applies to" some incidents and "no other incidents are changed", then those incidents are the trigger', async () => {
    const plan = await accepted('Applies to open incidents whose title contains the word "cryptominer". The incident is set to In progress and tagged miner. No other incidents are changed.');
    assert.deepEqual(plan.spec.trigger.titleKeywords, ['cryptominer']);
    assert.deepEqual(plan.spec.trigger.statuses, ['Active', 'InProgress']);
  });

  it('when a step comes "after the collection request" or "Finally", then it is read as the next step', async () => {
    const plan = await accepted('On high severity MDE incidents collect an investigation package from each device; after the collection request, run a full antivirus scan. Finally the incident is tagged pkg-and-scan.');
    assert.deepEqual(plan.spec.steps.map((x) => x.action), ['collectInvestigationPackage', 'runAntiVirusScan', 'updateIncident']);
  });
});

describe('offline planner: runbook descriptions, labelled lines and what a step is for', () => {
  it('when an IOC "that N or more engines classify as malicious is submitted as an indicator" and more steps follow with "then", then they share the verdict', async () => {
    const plan = await accepted('For MDO alerts, a domain that 7 or more engines classify as malicious is submitted to Defender as a domain indicator; the incident is then set to In progress.');
    const update = step(plan, 'updateIncident');
    assert.deepEqual(update.when?.condition, { kind: 'maliciousIoc', iocTypes: ['domain'], minEngines: 7 });
  });

  it('when a determination is said before its name ("with the Malware determination"), then it is the determination, not a kind of incident', async () => {
    const plan = await accepted('for MDE alerts classify the incident as true positive with the Malware determination');
    assert.deepEqual(step(plan, 'updateIncident').params.incident, { classification: 'TruePositive', determination: 'Malware' });
    assert.deepEqual(plan.spec.trigger.topics, []);
  });

  it('when an "Exception:" says a kind is never isolated and "for them only" gives what every device gets anyway, then the isolation leaves them out and nothing is doubled', async () => {
    const plan = await accepted('Trigger: a high severity incident from Defender for Endpoint. Actions: (1) run a full antivirus scan on each device; (2) isolate the device. Exception: domain controllers are never isolated by this playbook; for them only the full scan is run.');
    assert.deepEqual(step(plan, 'isolate').deviceFilter, { exclude: { kinds: ['domainController'] } });
    assert.equal(plan.spec.steps.filter((x) => x.action === 'runAntiVirusScan').length, 1);
  });

  it('when the first line names the playbook by its steps ("MDE - scan and contain"), then it is the name, not steps without the trigger', async () => {
    const plan = await accepted('MDE - scan and contain.\nTrigger: medium severity incident\nSteps:\n1. quick scan the devices\n2. isolate the devices');
    assert.equal(plan.spec.steps.filter((x) => x.action === 'isolate').length, 1);
    assert.deepEqual(plan.spec.trigger.severities, ['Medium']);
  });

  it('when what a post holds is said of it ("a card that lists every action and its status"), then it is what the card says, never a condition', async () => {
    const plan = await accepted('on ransomware alerts isolate the device and post a card to the SOC channel that lists every action and its status');
    assert.deepEqual(plan.spec.trigger.statuses, []);
    assert.equal(step(plan, 'teamsMessage').when, undefined);
  });

  it('when a step says what it is for ("so that the desk can phone the user"), then the step is planned and the purpose never refuses it', async () => {
    const plan = await accepted('on risky sign-in alerts email desk@contoso.com so that the service desk can call the user on the phone');
    assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['desk@contoso.com']);
  });
});

describe('offline planner: chat asides around steps', () => {
  it('when a band says "leave open" before its step and another "mark true positive", then both bands are read', async () => {
    const plan = await accepted('phish alerts w/ a link: VT 2-6 = leave it open, assign l2@contoso.com. 7+ = block the link + mark true positive');
    const updates = plan.spec.steps.filter((x) => x.action === 'updateIncident').map((x) => x.params.incident);
    assert.deepEqual(updates, [{ assignedTo: 'l2@contoso.com' }, { classification: 'TruePositive', determination: 'Other' }]);
  });

  it('when the request says not to touch the severity, then that changes nothing and is not asked about', async () => {
    const plan = await accepted('tag every MDI incident as id-queue. do not change the severity');
    assert.deepEqual(step(plan, 'updateIncident').params.incident, { addTags: ['id-queue'] });
  });

  it('when users of a group are skipped with a reason in brackets, then the reset leaves that group out', async () => {
    const plan = await accepted('on password spray alerts reset pw on the targeted accounts, skip anyone in the Kiosk Users group (those are shared logins)');
    assert.deepEqual(step(plan, 'resetPassword').userFilter, { notInGroups: ['Kiosk Users'] });
  });

  it('when a kind is left out with who does it by hand ("those we do manually"), then the step leaves that kind out', async () => {
    const plan = await accepted('release isolation on the workstations once the incident is resolved. not the DCs, those we release manually after review');
    assert.deepEqual(step(plan, 'unisolate').deviceFilter, { include: { kinds: ['workstation'] }, exclude: { kinds: ['domainController'] } });
  });

  it('when the threshold is in brackets after VT ("bad on vt (4+)"), then it is the engines that flag it', async () => {
    const plan = await accepted('wen an alert has an ip thats bad on vt (4+) block the ip');
    const block = step(plan, 'createIndicator');
    assert.deepEqual(block.target.kind === 'iocs' && [block.target.iocTypes, block.target.minEngines], [['ip'], 4]);
  });
});

describe('offline planner: names, approvals and comments in descriptions', () => {
  it('when a name is labelled ("Playbook: contain hosts with VT-confirmed trojans.") before the description, then it is the name, not a condition', async () => {
    const plan = await accepted('Playbook: contain hosts with VT-confirmed trojans. This playbook runs when a high severity incident is created. A device on which a hash is flagged by 12 or more engines is isolated.');
    assert.equal(step(plan, 'isolate').target.kind, 'fileDevices');
    assert.deepEqual(plan.spec.trigger.topics, []);
  });

  it('when a subject comes before a colon and a name ("Lateral movement on DCs: containment."), then the subject is what it is for', async () => {
    const plan = await accepted('Credential theft on servers: triage and containment. When a high credential theft alert is raised, isolate the device.');
    assert.deepEqual(step(plan, 'isolate').deviceFilter, { include: { kinds: ['server'] } });
  });

  it('when a step waits "after analyst approval in the incident thread", then that is the approval Rampart asks for anyway', async () => {
    const plan = await accepted('When an MDE alert has a file flagged by 20 engines, the playbook, after analyst approval in the incident thread, stops and quarantines the file.');
    assert.equal(step(plan, 'stopAndQuarantineFile').target.kind, 'fileDevices');
  });

  it('when files of a lower band "are documented in an incident comment only", then the comment is for that band and the quarantine keeps its threshold', async () => {
    const plan = await accepted('When a file is flagged by 30 or more VirusTotal engines, stop and quarantine it on the devices. Files with between 1 and 29 detections are documented in an incident comment only.');
    const target = step(plan, 'stopAndQuarantineFile').target;
    assert.equal(target.kind === 'fileDevices' && target.minEngines, 30);
    assert.ok(JSON.stringify(step(plan, 'updateIncident').when).includes('"minEngines":30'));
  });

  it('when the API names an indicator type ("a FileSha1 indicator") and "any entity is flagged" follows a VirusTotal look-up, then both are read', async () => {
    assert.equal(step(await accepted('if VT flags the sha1 with 9 or more engines, create a FileSha1 indicator with the Block action'), 'createIndicator').target.kind, 'iocs');
    const plan = await accepted('Check every URL and attachment on VirusTotal. If any entity is flagged, assign the incident to l2@contoso.com.');
    assert.match(JSON.stringify(step(plan, 'updateIncident').when?.condition), /"kind":"maliciousIoc"/);
  });
});

describe('offline planner: a branch on the kind of alert acts on that alert\'s devices', () => {
  it('when "X on a host => act on that host; anything else => tag" branches the incident, then the host step takes the devices of those alerts only', async () => {
    const plan = await accepted('pass the hash on a box => isolate that box + grab a pkg. anything else => just tag the incident look-later');
    const iso = step(plan, 'isolate');
    assert.deepEqual([iso.target.kind, iso.when?.scope], ['alertDevices', 'alert']);
    assert.equal(step(plan, 'updateIncident').when?.scope, 'incident');
  });

  it('when the branch says every device of the incident, then it keeps them all', async () => {
    const plan = await accepted('pass the hash => isolate every device in the incident. anything else => just tag the incident look-later');
    assert.equal(step(plan, 'isolate').target.kind, 'incidentDevices');
  });
});

describe('offline planner: a tool named, why a step is not taken, what a product reports', () => {
  it('when a tool is named ("if its a mimikatz detection"), then it is alerts whose title names it, not every credential-theft alert', async () => {
    const plan = await accepted('revoke sessions for the user on the alert when it is a mimikatz hit');
    assert.deepEqual([plan.spec.trigger.titleKeywords, plan.spec.trigger.topics], [['mimikatz'], []]);
  });

  it('when a reason is a gerund ("disabling them kills the batch jobs"), then it is never a step of its own', async () => {
    const plan = await accepted('any user tied to a cred theft alert on a high sev incident \u2192 disable acct + revoke sessions. EXCEPT app accounts (app-*) \u2014 those only get sessions revoked, disabling them kills the batch jobs');
    const disables = plan.spec.steps.filter((x) => x.action === 'disableUser');
    assert.deepEqual(disables.map((x) => x.userFilter), [{ exclude: { namePatterns: ['app-*'] } }]);
    assert.ok(plan.spec.steps.some((x) => x.action === 'revokeSessions' && JSON.stringify(x.userFilter) === JSON.stringify({ include: { namePatterns: ['app-*'] } })));
  });

  it('when a product "reports a malicious attachment that was delivered", then the steps need both the delivery and a file in the alert', async () => {
    const plan = await accepted('When Defender for Office 365 reports a malicious attachment that was delivered, the playbook resets the password of each recipient.');
    assert.deepEqual(step(plan, 'resetPassword').when?.condition, { all: [{ kind: 'mailDelivery', actions: ['Delivered'] }, { kind: 'entityPresent', entityType: 'File' }] });
  });
});

describe('offline planner: symbols, bars and field names', () => {
  it('when bands are split by bars and compared with ≥, then each band is read', async () => {
    const plan = await accepted('mde alert w/ a file → VT lookup on the hash → ≥12 mal → stop+quarantine the file | 1-11 → tag incident low-vt | 0 → nothing');
    const target = step(plan, 'stopAndQuarantineFile').target;
    assert.equal(target.kind === 'fileDevices' && target.minEngines, 12);
    assert.match(JSON.stringify(step(plan, 'updateIncident').when?.condition), /"minEngines":12/);
  });

  it('when a threshold sits inside a chain of arrows beside another band, then the quarantine keeps it (never runs on any file)', async () => {
    const plan = await accepted('on file alerts check the hash -> >= 9 flagged -> stop on VirusTotal and quarantine the file. if 1-8, tag incident maybe-bad');
    const target = step(plan, 'stopAndQuarantineFile').target;
    assert.equal(target.kind === 'fileDevices' && target.minEngines, 9);
  });

  it('when Defender\'s field is named ("osPlatform WindowsServer*"), then it is that platform', async () => {
    const plan = await accepted('isolate the devices on high MDE incidents except those with osPlatform WindowsServer*');
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude?.osPlatforms, ['WindowsServer']);
  });

  it('when "and either way" comes before a step, then that step runs whatever the test before it said', async () => {
    const plan = await accepted('isolate the box if VT has the hash at 15+. and either way grab the investigation pkg');
    assert.equal(step(plan, 'collectInvestigationPackage').when, undefined);
  });
});

describe('offline planner: what breaks where, and the health status Defender reports', () => {
  it('when a kind "breaks when isolated", then that kind is left out of the isolation; a subject with no kind is asked about', async () => {
    const plan = await accepted('isolate the hosts on ransomware alerts. our linux build servers break when isolated');
    assert.deepEqual(step(plan, 'isolate').deviceFilter, { exclude: { osPlatforms: ['Linux'] } });
    assert.equal((await planner.plan('isolate the hosts on ransomware alerts. the legacy image breaks when isolated')).ok, false);
  });

  it('when the health status is called Defender\'s ("defender health status isn\'t Active"), then it is the device\'s health status', async () => {
    const plan = await accepted('collect a package from each device, skipping any device whose defender health status is not Active');
    assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter, { include: { healthStatuses: ['Active'] } });
  });
});

describe('offline planner: indicators said in chat', () => {
  it('when a lead asks to "create an indicator", then it is the step (it had been read as part of the lead)', async () => {
    const plan = await accepted('on command and control alerts create an indicator for the IP');
    assert.equal(step(plan, 'createIndicator').target.kind, 'iocs');
  });

  it('when the kind of indicator is said after it ("ALERT ONLY, not block"), then the indicator only alerts', async () => {
    const plan = await accepted('for domains VT flags with 6 or more engines, create an indicator in MDE, AUDIT ONLY, not block');
    assert.equal(step(plan, 'createIndicator').params.indicatorAction, 'Audit');
  });

  it('when "anything at all on VT" is the other band, then it is any verdict', async () => {
    const plan = await accepted('if the url is clean on VT close the incident as false positive. anything at all on VT -> tag it vt-hit');
    assert.match(JSON.stringify(plan.spec.steps.find((x) => x.params.incident?.addTags)?.when), /"maliciousIoc"/);
  });
});

describe('offline planner: device-risk descriptions and exclusions from one step', () => {
  it('when devices rated High "receive a full scan and an investigation package" and the others a quick scan, then the package is for High devices only', async () => {
    const plan = await accepted('This playbook reviews each device in the incident and acts according to the device\'s risk score: devices rated High receive a full antivirus scan and an investigation package collection, while all other devices receive a quick antivirus scan.');
    assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter, { include: { minRiskScore: 'High' } });
    const quick = plan.spec.steps.find((x) => x.action === 'runAntiVirusScan' && x.params.scanType === 'Quick');
    assert.deepEqual(quick?.deviceFilter, { exclude: { minRiskScore: 'High' } });
  });

  it('when a kind is "excluded from package collection", then only the collection leaves it out', async () => {
    const plan = await accepted('On ransomware alerts isolate each device and collect an investigation package. Servers are excluded from package collection to keep the disks free.');
    assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter, { exclude: { kinds: ['server'] } });
    assert.equal(step(plan, 'isolate').deviceFilter, undefined);
  });

  it('when the playbook "evaluates the address with VirusTotal", then that is the look-up the condition uses', async () => {
    const plan = await accepted('For risky sign-ins, the playbook evaluates the sign-in IP address with VirusTotal. If 2 or more engines report it as malicious, revoke the sessions.');
    assert.deepEqual(step(plan, 'revokeSessions').when?.condition, { kind: 'maliciousIoc', iocTypes: ['ip'], minEngines: 2 });
  });
});

describe('offline planner: the other kind of isolation for an exception, the device of a file verdict', () => {
  it('when "EXCEPT servers - those get selective isolation instead of full", then the others get full isolation and the servers selective', async () => {
    const plan = await accepted('high sev MDE incidents: isolate all devices in the incident EXCEPT domain controllers (osPlatform WindowsServer*) - those get selective isolation instead');
    const isolations = plan.spec.steps.filter((x) => x.action === 'isolate').map((x) => [x.params.isolationType, x.deviceFilter]);
    assert.deepEqual(isolations[0][0], 'Full');
    assert.deepEqual(isolations[1], ['Selective', { include: { kinds: ['domainController'] } }]);
  });

  it('when a step is "on the device if the file VT score is > N", then it acts on the device of that file only', async () => {
    const plan = await accepted('run a full scan on the device if the file VT score is above 30. either way post in teams');
    const target = step(plan, 'runAntiVirusScan').target;
    assert.deepEqual(target, { kind: 'fileDevices', minEngines: 31 });
  });
});

describe('offline planner: incident states said together, and per branch', () => {
  it('when "unless" names a state and another case with "or" ("resolved or has an owner"), then both are skipped (the second had been the condition)', async () => {
    const plan = await accepted('unless the incident is already closed or has an owner: restrict app execution on the device on high sev');
    assert.deepEqual(plan.spec.trigger.statuses, ['Active', 'InProgress']);
    assert.deepEqual(step(plan, 'restrictCodeExecution').when?.condition, { kind: 'assignment', assigned: false });
  });

  it('when "the incident is resolved or tagged X" is said, then the tag is the incident\'s, never its devices\'', async () => {
    const plan = await accepted('restrict app execution on the device on high sev unless the incident is closed or tagged pentest');
    const restrict = step(plan, 'restrictCodeExecution');
    assert.deepEqual(restrict.when?.condition, { not: { kind: 'incidentTag', tags: ['pentest'] } });
    assert.equal(restrict.deviceFilter, undefined);
  });

  it('when two branches name different states ("if still open restrict it. if closed just comment"), then Rampart asks (a status is not tested per step)', async () => {
    const plan = await planner.plan('if the incident is still open restrict app execution on the device. if it is closed just add a comment');
    assert.equal(plan.ok, false);
    // One state that does nothing leaves the other states to the trigger.
    const one = await accepted('if the incident is closed, do nothing, otherwise restrict app execution on the device');
    assert.deepEqual(one.spec.trigger.statuses, ['Active', 'InProgress']);
  });
});
