import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { spokenInWords } from '../../../src/playbooks/planner/spoken';
import { accepted, planner, step } from './helpers';

/**
 * Requests as they arrive from a dictation, a KQL-minded hunter, a policy document or a client's form: words written as
 * they sound, run-on cases with no punctuation, the API's names of steps, a case said "instead" after the steps, and a
 * case that gets nothing. Each reading keeps its other side: what the request narrows is never widened.
 */
describe('offline planner: dictation, run-on cases and API names', () => {
  it('when a request is dictated, then the words written as they sound are the steps, the address and the numbers', () => {
    assert.equal(spokenInWords('eye solate the box and mail sam dot lee at contoso dot com'), 'isolate the box and mail sam.lee@contoso.com');
    assert.match(spokenInWords('block the you are ells if its between for and ten'), /block the URLs if its between 4 and 10/);
    assert.match(spokenInWords('skip anything tagged no dash touch'), /tagged no-touch/);
    assert.match(spokenInWords('on hi severity alerts reset the password'), /on high severity alerts reset the password/);
    assert.match(spokenInWords('mail ops at fabrikam dot co dot uk'), /mail ops@fabrikam\.co\.uk/);
    // "hi" as a greeting stays; "for" that is no number stays.
    assert.equal(spokenInWords('hi team, scan the box for malware'), 'hi team, scan the box for malware');
  });

  it('when a dictated request runs on without punctuation, then a case said with "we never" and a step said "instead" are read apart', async () => {
    const plan = await accepted('when a hi severity alert comes in eye solate the box unless its a server we never eye solate servers just run a full scan on those instead');
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude?.kinds, ['server']);
    assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter?.include?.kinds, ['server']);
  });

  it('when a step is said for a kind of device "instead", then the step said before it leaves those devices out', async () => {
    for (const request of [
      'on trojan alerts contain the host. for servers, collect an investigation package instead.',
      'on trojan alerts contain the host; if it is a server, collect an investigation package instead',
      'on trojan alerts contain the host. Servers get an investigation package instead.',
    ]) {
      const plan = await accepted(request);
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude?.kinds, ['server'], request);
      assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter?.include?.kinds, ['server'], request);
    }
    // "make it a full scan instead": that scan on the servers, among the devices the first step named.
    const scans = await accepted('quick scan every box in the Payroll-Desks group on trojan alerts, and if its a server make it a full scan instead');
    const [quick, full] = ['Quick', 'Full'].map((k) => scans.spec.steps.find((s) => s.action === 'runAntiVirusScan' && s.params.scanType === k));
    assert.deepEqual(quick?.deviceFilter?.exclude?.kinds, ['server']);
    assert.deepEqual(full?.deviceFilter?.include, { kinds: ['server'], groups: ['Payroll-Desks'] });
  });

  it('when "only if" follows a step with no comma and a rule-out follows it, then the test is that step\'s, not dropped', async () => {
    const plan = await accepted('contain the host but only if virustotal flags any file on it leave the linux ones alone');
    assert.equal(JSON.stringify(step(plan, 'isolate').when ?? {}).includes('maliciousIoc'), true);
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude?.osPlatforms, ['Linux']);
    // A test said before a step of its own still leads it.
    const led = await accepted('scan the host, then only if any file is bad contain it');
    assert.equal(step(led, 'runAntiVirusScan').when, undefined);
    assert.equal(JSON.stringify(step(led, 'isolate').when ?? {}).includes('maliciousIoc'), true);
  });

  it('when a case sits between two steps and the second is said "just", then the case is the second step\'s', async () => {
    const plan = await accepted('if VT has the hash at more than 12 engines quarantine it and block the hash too if it is between 3 and 12, just add a comment');
    assert.equal(step(plan, 'createIndicator').when, undefined);
    assert.equal(step(plan, 'stopAndQuarantineFile').when, undefined);
    const target = step(plan, 'createIndicator').target;
    assert.equal(target.kind === 'iocs' ? target.minEngines : null, 13);
    assert.match(JSON.stringify(step(plan, 'updateIncident').when), /"minEngines":3/);
  });

  it('when severities are said to get no action, then they are left out of the steps, never joined to the trigger', async () => {
    for (const request of [
      'Low severity alerts shall not trigger any device action. For Medium alerts, isolate the device.',
      'Low severity alerts: no device action. For Medium alerts, isolate the device.',
      'Low severity alerts: do nothing. For Medium alerts, isolate the device.',
    ]) {
      const plan = await accepted(request);
      assert.deepEqual(plan.spec.trigger.severities, ['Medium'], request);
    }
    // One case of several facts: the lows of one product, not every low alert and every alert of that product.
    const both = await accepted('Informational and Low severity endpoint alerts shall not trigger any device action. For Medium alerts on workstations, a full scan shall be run.');
    assert.match(JSON.stringify(step(both, 'runAntiVirusScan').when), /"not":\{"all":\[/);
    // Said after the step, with "but": the lows are left out, never made the step's only case.
    const after = await accepted('Isolate the device on every alert, but ignore low severity alerts.');
    assert.deepEqual(after.spec.trigger.severities, []);
    assert.deepEqual(step(after, 'isolate').when?.condition, { not: { kind: 'severity', severities: ['Low'] } });
  });

  it('when a step is named by its API name, then it is that step, with its kind in brackets', async () => {
    const plan = await accepted('for High sev incidents: RunAntiVirusScan (Full) + CollectInvestigationPackage + revokeSignInSessions');
    assert.equal(step(plan, 'runAntiVirusScan').params.scanType, 'Full');
    assert.ok(step(plan, 'collectInvestigationPackage'));
    assert.ok(step(plan, 'revokeSessions'));
    const users = await accepted('on high identity protection alerts confirmCompromised and resetPassword, then sendMail to soc@contoso.com');
    assert.deepEqual(users.spec.steps.map((s) => s.action), ['confirmCompromised', 'resetPassword', 'sendMail']);
    const closed = await accepted('if the incident is tagged drill, close it as TruePositive, determination UnwantedSoftware');
    assert.equal(step(closed, 'updateIncident').params.incident?.determination, 'UnwantedSoftware');
  });

  it('when a hunter writes a query over a table, then the table and the join name no case, and the columns name the entities', async () => {
    const plan = await accepted('AlertInfo | where Severity == "High" and Category == "Exfiltration" | join AlertEvidence on AlertId | where EntityType == "User" -> disable the AccountUpn');
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
    assert.ok(step(plan, 'disableUser'));
    // "exclude ... from the isolation": those devices, never a second isolation without the severity.
    const kept = await accepted('when the severity is High, isolate the device. exclude the devices in the Build-Farm device group from the isolation.');
    const isolations = kept.spec.steps.filter((s) => s.action === 'isolate');
    assert.equal(isolations.length, 1);
    assert.deepEqual(isolations[0].deviceFilter?.exclude?.groups, ['Build-Farm']);
  });

  it('when an exception names users by their group in a sentence of its own, then every user step before and after it spares them', async () => {
    const plan = await accepted('For High severity identity protection alerts, revoke the sessions and confirm the user compromised. Exclude members of Ops-NoAuto-Skip. Medium severity: revoke sessions only, no confirm.');
    const userSteps = plan.spec.steps.filter((s) => s.action === 'revokeSessions' || s.action === 'confirmCompromised');
    assert.equal(userSteps.length, 3);
    for (const s of userSteps) assert.deepEqual(s.userFilter?.notInGroups, ['Ops-NoAuto-Skip']);
    // A step verb said alone after "no" is that step ruled out, not an unknown word.
    const medium = plan.spec.steps.filter((s) => s.action === 'confirmCompromised');
    assert.equal(medium.length, 1);
    // The group's name is not a kind of alert: "Phish" inside it rules no phishing alert out.
    const named = await accepted('on MDO alerts revoke the sessions. Exclude members of Phish-Drill-Users.');
    assert.equal(step(named, 'revokeSessions').when, undefined);
  });

  it('when a request is copied from a client form, then the form and its section are background, and a case named with it still narrows', async () => {
    const plan = await accepted('Contoso onboarding form (section 3 - Containment): on High severity MDE alerts, isolate the workstations, full isolation');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['isolate']);
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.kinds, ['workstation']);
    // A section that names a case is read, not set aside.
    assert.ok(isQuestion(await planner.plan('Contoso form (section 3 - servers only): on High severity MDE alerts, isolate the device')));
  });

  it('when a second language puts the verb last, with what it sets or where it takes the device from, then the steps read in English order', async () => {
    const plan = await accepted('When a High severity alert from Defender for Endpoint comes, the host isolate. After the isolation the incident to In Progress set.');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['isolate', 'updateIncident']);
    assert.equal(step(plan, 'updateIncident').params.incident?.status, 'InProgress');
    const released = await accepted('When an incident closed is with classification False Positive, the host out of the isolation release and the app restriction also remove.');
    assert.deepEqual(released.spec.steps.map((s) => s.action), ['unisolate', 'unrestrictCodeExecution']);
    const scans = await accepted('On coin miner alerts on Windows workstations: the process stop and the file quarantine. Isolation not, the users need their machines. For Linux only the full scan.');
    assert.ok(!scans.spec.steps.some((s) => s.action === 'isolate'));
    assert.equal(scans.spec.steps.find((s) => s.action === 'runAntiVirusScan')?.params.scanType, 'Full');
    const spared = await accepted('For macOS devices with Low severity: a quick scan start. Linux machines please not touch.');
    assert.deepEqual(step(spared, 'runAntiVirusScan').deviceFilter?.exclude?.osPlatforms, ['Linux']);
  });

  it('when "not" opens the first of two tests joined by "and", then only that test is negated', async () => {
    const plan = await accepted('if the incident is not tagged tabletop and VT flags the URL with 4 or more engines, block the URL');
    const block = step(plan, 'createIndicator');
    assert.deepEqual(block.target, { kind: 'iocs', iocTypes: ['url'], minEngines: 4 });
    assert.deepEqual(block.when?.condition, { not: { kind: 'incidentTag', tags: ['tabletop'] } });
    // Alone, the negated test is the same case as before.
    const alone = await accepted('if the incident is not tagged tabletop, block the URL');
    assert.deepEqual(step(alone, 'createIndicator').when?.condition, { not: { kind: 'incidentTag', tags: ['tabletop'] } });
  });

  it('when devices named by a tag get another step "instead", then the step said before leaves them out, whichever way the exception is said', async () => {
    for (const request of [
      'on ransomware alerts restrict app execution on every device. for devices tagged vault-hosts, selective isolation on those instead',
      'on ransomware alerts restrict app execution on every device, except devices tagged vault-hosts: selective isolation on those instead',
      'AlertInfo | where Category == "Ransomware"\n-> RestrictAppExecution on every device\n except machineTags has "vault-hosts" -> Selective isolation on those instead',
    ]) {
      const plan = await accepted(request);
      assert.deepEqual(step(plan, 'restrictCodeExecution').deviceFilter?.exclude?.tags, ['vault-hosts'], request);
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.tags, ['vault-hosts'], request);
    }
    // A query over a table of devices chooses devices, not alerts: asked, never read as a case of the incident.
    assert.ok(isQuestion(await planner.plan('DeviceInfo | where OSPlatform == "Linux"\nfor those in a High sev incident: collect an investigation package')));
  });

  it('when a tag is followed by "where", then the tag ends there and its "not" is read, whatever another sentence says of it', async () => {
    // "not tagged X where ..." is that case, read on its own (a tag that seemed to run on had been left to the name read in the
    // sentence before, and dropped).
    const plan = await accepted('MDO incidents tagged TabletopEx -> close them as false positive. for incidents not tagged TabletopEx where the URL is >= 5 on VT -> block the URL');
    assert.deepEqual(step(plan, 'createIndicator').when?.condition, { not: { kind: 'incidentTag', tags: ['TabletopEx'] } });
    // An emoji between two steps joined by "n" keeps them one sentence, so the exception after them reaches the isolation.
    const emoji = await accepted('if sev high + its mde -> iso the box \u{1F6A8} n ping teams. not DCs tho');
    assert.deepEqual(step(emoji, 'isolate').deviceFilter?.exclude?.kinds, ['domainController']);
  });

  it('when a hunter writes VirusTotal bands over the incident\'s entities with API names, then each band is read', async () => {
    const plan = await accepted('for each Url entity on the incident -> VT last_analysis_stats.malicious:\n  >= 9 -> Url indicator, action AlertAndBlock, expirationTime now()+14d\n  2..8 -> tag the incident vt-grey + comment with the counts\n  < 2 -> nothing');
    const block = step(plan, 'createIndicator');
    assert.deepEqual(block.target, { kind: 'iocs', iocTypes: ['url'], minEngines: 9 });
    assert.equal(block.params.expiresInDays, 14);
    assert.ok(plan.spec.steps.some((s) => s.params.incident?.addTags?.includes('vt-grey')));
    assert.match(JSON.stringify(step(plan, 'updateIncident').when), /"minEngines":2/);
  });

  it('when the owner of a mailbox is in a group, then that user is, and a URL block said as a noun is the step', async () => {
    const plan = await accepted("inbox rule alerts ('Suspicious inbox manipulation rule'): revoke sessions for the mailbox owner. if the owner is in Payroll-Clerks also reset their password");
    assert.deepEqual(step(plan, 'resetPassword').userFilter?.inGroups, ['Payroll-Clerks']);
    const noun = await accepted('MDO incidents where the URL is 6 or more on VT -> URL block indicator');
    assert.deepEqual(step(noun, 'createIndicator').target, { kind: 'iocs', iocTypes: ['url'], minEngines: 6 });
  });

  it('when an alert is named by its quoted title in brackets after a nickname, then that title is the case', async () => {
    const plan = await accepted("mailbox abuse ('User restricted from sending email'): disable the account and revoke the sessions");
    assert.deepEqual(plan.spec.trigger.titleKeywords, ['user restricted from sending email']);
    const product = await accepted("MDO 'Email messages containing malware removed after delivery' alerts: block the attachment SHA256");
    assert.deepEqual(product.spec.trigger.titleKeywords, ['email messages containing malware removed after delivery']);
  });
});
