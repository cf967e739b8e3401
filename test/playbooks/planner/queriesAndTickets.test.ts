import assert from 'node:assert/strict';
import { accepted, planner, step } from './helpers';

describe('offline planner: conditions written as queries, requests pasted from tickets', () => {
  it('when conditions are written as KQL comparisons, then each is read as the field it names', async () => {
    const plan = await accepted('ServiceSource == "MicrosoftDefenderForIdentity" and Category in ("CredentialAccess", "Discovery") and Severity >= Medium -> disable the account');
    assert.deepEqual(plan.spec.trigger.serviceSources, ['MicrosoftDefenderForIdentity']);
    assert.deepEqual([...plan.spec.trigger.categories].sort(), ['CredentialAccess', 'Discovery']);
    const severities = JSON.stringify(plan.spec);
    assert.ok(/"Medium"/.test(severities) && /"High"/.test(severities) && !/"Low"/.test(severities), severities);
    const devices = await accepted('DeviceName startswith "kiosk-" and OSPlatform in~ ("Windows10", "Windows11") | isolate Selective');
    assert.deepEqual(step(devices, 'isolate').deviceFilter?.include?.namePatterns, ['kiosk-*']);
    assert.equal(step(devices, 'isolate').params.isolationType, 'Selective');
    // A field Rampart does not know stays as written: the isolation is withheld.
    const unknown = await planner.plan('ProcessCommandLine has "-enc" and Severity == "High" -> isolate the device');
    assert.equal(unknown.ok, false, JSON.stringify(unknown));
  });

  it('when "same filter but" changes one field, then the other fields of the filter before still hold', async () => {
    const plan = await accepted('Severity == "High" and Category == "Exfiltration" -> collect an investigation package. same filter but Severity == "Low" -> post in teams');
    assert.deepEqual(plan.spec.trigger.categories, ['Exfiltration']);
    const post = JSON.stringify(step(plan, 'teamsMessage').when);
    assert.ok(post.includes('"Low"') && !post.includes('"High"'), post);
  });

  it('when the title is compared in a query (has, contains, has_any), then the words are title keywords, and English "title contains the word" is left to the grammar', async () => {
    const plan = await accepted('AlertTitle has_any ("procdump", "comsvcs") -> collect an investigation package');
    assert.deepEqual([...plan.spec.trigger.titleKeywords].sort(), ['comsvcs', 'procdump']);
    const english = await accepted('collect an investigation package when the alert title contains the word "procdump"');
    assert.deepEqual(english.spec.trigger.titleKeywords, ['procdump']);
  });

  it('when VirusTotal bands are written as comparisons of the malicious count, then each band is read', async () => {
    const plan = await accepted('per IP: malicious >= 12 -> block it; 4 <= malicious < 12 -> add an alert-only indicator; < 4 -> nothing');
    const blocks = plan.spec.steps.filter((s) => s.action === 'createIndicator');
    assert.equal(blocks.length, 2, JSON.stringify(plan.spec.steps));
    assert.equal(blocks[0].target.kind === 'iocs' && blocks[0].target.minEngines, 12);
    assert.equal(blocks[1].params.indicatorAction, 'Alert');
    assert.ok(JSON.stringify(blocks[1].when).includes('"minEngines":4'), JSON.stringify(blocks[1].when));
  });

  it('when a later case of a tag gets "only" a step, then the destructive steps said before leave that tag out', async () => {
    // (At 6094063 "if the incident is tagged hold, only add a comment" did not keep the isolation off those incidents.)
    const plan = await accepted('if the incident is tagged contain-me, isolate the devices. but if the incident is tagged hold, only add a comment');
    assert.ok(JSON.stringify(step(plan, 'isolate').when).includes('{"not":{"kind":"incidentTag","tags":["hold"]}}'), JSON.stringify(step(plan, 'isolate').when));
    // "only isolate ... if ..." says when the isolation runs; the disable said before is not narrowed by it.
    const when = await accepted('disable the user. only isolate the device if the severity is high');
    assert.equal(step(when, 'disableUser').when, undefined);
  });

  it('when a request comes wrapped as a ticket, then the references, courtesies and the story around it are background', async () => {
    const plan = await accepted('Hello team,\n\nRe: CHG-40417. Facilities here. The badge printers keep getting flagged and the service desk is swamped.\n\nWhen the alert title mentions "BadgeSvc", could you tag the incident facilities-review?\n\nLet me know if you need anything else.\n\nBest,\nNoor');
    assert.deepEqual(step(plan, 'updateIncident').params.incident?.addTags, ['facilities-review']);
    assert.deepEqual(plan.spec.trigger.titleKeywords.map((k) => k.toLowerCase()), ['badgesvc']);
    // A ticket number inside a quoted comment is the comment's.
    const quoted = await accepted("add the comment 'see ticket 88231' to the incident");
    assert.equal(step(quoted, 'updateIncident').params.incident?.comment, 'see ticket 88231');
    // A story that names something the ask does not ("payroll laptops") is not dropped: the isolation is withheld.
    const story = await planner.plan('Hi,\n\nRef #5521. Our payroll laptops keep getting hit.\n\nPlease isolate the device on high severity alerts.\n\nThanks,\nAna');
    assert.equal(story.ok, false, JSON.stringify(story));
  });

  it('when a ticket rules a device group out by its bare name after naming it in full, then the other steps skip that group', async () => {
    // (At 6094063 "not in Staging" after "the 'Staging' device group" was read as a word already said: the tag ran there.)
    const plan = await accepted("resolve incidents where the alert title mentions 'PUA' and the device is in the 'Staging' device group. If it is PUA but the device is not in Staging, tag it pua-outside-staging.");
    const tag = plan.spec.steps.find((s) => s.action === 'updateIncident' && s.params.incident?.addTags);
    assert.ok(JSON.stringify(tag?.when).includes('{"not":{"kind":"deviceIs","match":{"groups":["Staging"]}}}'), JSON.stringify(plan.spec.steps));
  });

  it('when a classification is said as a sentence after a resolve, then it is the resolve\'s, not every incident\'s', async () => {
    const plan = await accepted("resolve incidents whose alert title mentions 'KnownScanner'. Classification informational / expected activity, determination security testing.");
    const updates = plan.spec.steps.filter((s) => s.action === 'updateIncident');
    assert.equal(updates.length, 1, JSON.stringify(plan.spec.steps));
    assert.equal(updates[0].params.incident?.classification, 'InformationalExpectedActivity');
  });

  it('when "anyone else" is out of scope after a group\'s case, then a later step said of "it" keeps to that group', async () => {
    const plan = await accepted("on MDE alerts where the user is in the 'Finance-Leads' group, run a full antivirus scan. If the severity is High, selectively isolate it. Alerts on anyone else are out of scope for this one.");
    assert.ok(JSON.stringify(step(plan, 'isolate').when).includes('"groups":["Finance-Leads"]'), JSON.stringify(step(plan, 'isolate').when));
  });

  it('when a step is ruled out by its bare verb in a case, then the verb keeps its object and the case gets the other steps', async () => {
    const plan = await accepted('on MDI alerts disable the account and revoke the sessions. for accounts starting with adm-: dont disable, revoke sessions only');
    assert.deepEqual(step(plan, 'disableUser').userFilter?.exclude?.namePatterns, ['adm-*']);
  });

  it('when a list of IOC kinds is left alone, then the blocks are of the other kinds', async () => {
    const plan = await accepted('block the iocs VT flags with 5+ engines. leave hashes and domains alone');
    const kinds = plan.spec.steps.filter((s) => s.action === 'createIndicator').flatMap((s) => (s.target.kind === 'iocs' ? s.target.iocTypes ?? [] : []));
    assert.deepEqual([...new Set(kinds)].sort(), ['ip', 'url']);
  });

  it('when conditions are written as terse as shell (sev>=, vt(file)>, os in {..}, src=, devgrp=, title~), then each is read', async () => {
    const plan = await accepted('sev>=medium && devgrp=Kiosks => restrict app execution');
    assert.deepEqual(step(plan, 'restrictCodeExecution').deviceFilter?.include?.groups, ['Kiosks']);
    assert.ok(/"Medium"/.test(JSON.stringify(plan.spec)) && !/"Low"/.test(JSON.stringify(plan.spec)), JSON.stringify(plan.spec));
    const vt = await accepted('vt(file)>7 => block the hash');
    assert.ok(JSON.stringify(step(vt, 'createIndicator')).includes('"minEngines":8'), JSON.stringify(step(vt, 'createIndicator')));
    const os = await accepted('os in {linux,macos} && sev==high => av quick');
    assert.deepEqual([...(step(os, 'runAntiVirusScan').deviceFilter?.include?.osPlatforms ?? [])].sort(), ['Linux', 'macOS']);
    // "title ~ x" is the title; English "the title has x" stays with the grammar, and still narrows.
    const title = await accepted('title~rclone => collect an investigation package');
    assert.deepEqual(title.spec.trigger.titleKeywords, ['rclone']);
    const source = await accepted('src=EDR => collect an investigation package');
    assert.ok(JSON.stringify(source.spec).includes('"EDR"'), JSON.stringify(source.spec));
  });

  it('when a terse test is followed by "? A : B", then A is its case and B the other', async () => {
    const plan = await accepted('url alerts from mdo -> VT the url. mal>=8 ? blk url : tag incident vt-low');
    const block = step(plan, 'createIndicator');
    assert.ok(block.target.kind === 'iocs' && block.target.minEngines === 8, JSON.stringify(block));
    assert.ok(JSON.stringify(step(plan, 'updateIncident').when).includes('"not"'), JSON.stringify(step(plan, 'updateIncident').when));
    // A question mark in prose is no test.
    const prose = await planner.plan('could you isolate the device on high sev alerts? One exception please: if the device is a server, just post in teams.');
    assert.ok(!prose.ok || !JSON.stringify(prose.spec).includes('"otherwise'), JSON.stringify(prose));
  });

  it('when a case is said "also" after a case with steps, then it is that case and more', async () => {
    // (At 6094063 "if it is also High, isolate" isolated every High alert's device, in the group or not.)
    const plan = await accepted("whenever an alert fires on a device in the 'Pay-Terminals' device group, post to Teams; if it is also High, isolate the device selectively");
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.groups, ['Pay-Terminals']);
  });

  it('when a case gets "only" a mail, then the other mail said before leaves that case too', async () => {
    const plan = await accepted("on inbox rule alerts reset the password of the user and send mail to servicedesk@contoso.com. if the user is in the 'Partners' group, dont reset the password, only send mail to legal@contoso.com.");
    const desk = plan.spec.steps.find((s) => s.action === 'sendMail' && s.params.mailTo?.includes('servicedesk@contoso.com'));
    assert.ok(JSON.stringify(desk?.when).includes('{"not":{"kind":"userInGroup","groups":["Partners"]}}'), JSON.stringify(desk));
  });

  it('when a manager opens with why, then the why is background and the ask after it is read', async () => {
    const plan = await accepted('To keep our MTTR inside the SLA we agreed with the CISO, for any High severity alert raised by Defender for Identity please disable the account and assign the incident to iam@contoso.com.');
    assert.deepEqual(plan.spec.trigger.serviceSources, ['MicrosoftDefenderForIdentity']);
    assert.ok(plan.understood.some((u) => /SLA/.test(u.phrase) && /background/.test(u.meaning)), JSON.stringify(plan.understood));
    // A why that rules something out is not background.
    const narrowing = await planner.plan('To make sure the payroll servers are never touched, for any High severity alert please isolate the device.');
    assert.equal(narrowing.ok, false, JSON.stringify(narrowing));
  });

  it('when a second-language speaker writes a group, a negation or a threshold their way, then it is read', async () => {
    const plan = await accepted("when an alert of the category Exfiltration comes from a device of the group 'Lab-Net', collect the investigation package and advise us in Teams. NUNCA isolate.");
    assert.deepEqual(plan.spec.trigger.categories, ['Exfiltration']);
    assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter?.include?.groups, ['Lab-Net']);
    step(plan, 'teamsMessage');
    const less = await accepted('when VT shows more than 7 engines on the hash, block the hash. If is less, only put the tag vt-low in the incident.');
    assert.ok(JSON.stringify(step(less, 'updateIncident').when).includes('"minEngines":8'), JSON.stringify(step(less, 'updateIncident').when));
  });

  it('when "under no circumstances" comes before a step verb, then that step is ruled out', async () => {
    const plan = await accepted('on High severity alerts isolate the device selectively, but under no circumstances isolate a domain controller.');
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude?.kinds, ['domainController']);
  });

  it('when "on X alerts skip D" comes before the steps, then D is left out of X\'s steps, not the other way round', async () => {
    // (At 6094063 the steps ran on the skipped devices of every other alert: "on T1055 alerts skip devices named qa-*.
    // isolate the device" isolated qa-* devices on non-T1055 alerts.)
    const plan = await accepted('on T1055 alerts skip devices named qa-*. collect an investigation package and isolate the device.');
    const isolate = step(plan, 'isolate');
    assert.deepEqual(isolate.deviceFilter?.exclude?.namePatterns, ['qa-*']);
    assert.equal(isolate.deviceFilter?.include, undefined);
    assert.ok(JSON.stringify(isolate.when).includes('"techniques":["T1055"]') && !JSON.stringify(isolate.when).includes('"not"'), JSON.stringify(isolate.when));
  });

  it('when a case is said with "as well" after steps, then it keeps the case before', async () => {
    // (At 6094063 "on T1055 alerts scan; and if the alert is High, isolate as well" isolated on every High alert.)
    const plan = await accepted('on T1055 alerts run a quick scan and post to Teams; and if the alert is High, isolate the device selectively as well.');
    const when = JSON.stringify(step(plan, 'isolate').when);
    assert.ok(when.includes('"T1055"') && when.includes('"High"'), when);
  });

  it('when a heading names techniques, then the steps after it are for those alerts', async () => {
    const plan = await accepted('Credential dumping rule (T1003.001 / T1003.002: lsass access, SAM dump). collect an investigation package.');
    assert.ok(JSON.stringify(step(plan, 'collectInvestigationPackage').when).includes('T1003.001'), JSON.stringify(plan.spec.steps));
  });

  it('when devices are defined and then named by a pronoun, then what they get is theirs alone', async () => {
    const plan = await accepted("on High ransomware alerts fully isolate the device. Devices in the 'Detonation' device group are our sandboxes; for those only leave a comment on the incident.");
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude?.groups, ['Detonation']);
  });

  it('when a policy says what its case leaves alone in its own words, then the other side gets nothing and the members named get theirs', async () => {
    const tag = await accepted("Any incident bearing the tag 'Board-Ops' shall be assigned to ops-lead@contoso.com. Incidents not bearing that tag shall not be modified by this automation.");
    assert.ok(JSON.stringify(step(tag, 'updateIncident').when).includes('"tags":["Board-Ops"]'), JSON.stringify(tag.spec.steps));
    const members = await accepted("On High severity alerts from Entra ID Protection, revoke the sessions, with the exception of members of the 'Treasury' group, whose accounts shall remain enabled; for those members, post in Teams.");
    assert.deepEqual(step(members, 'revokeSessions').userFilter?.notInGroups, ['Treasury']);
    assert.ok(JSON.stringify(step(members, 'teamsMessage').when).includes('"groups":["Treasury"]'), JSON.stringify(members.spec.steps));
  });
});

