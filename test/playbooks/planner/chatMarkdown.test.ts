import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { accepted, planner, step } from './helpers';

describe('offline planner: chat markdown, formal instructions and reasons after a rule-out', () => {
  it('when a checklist strikes a step through, then that step is not planned and the ticked ones are', async () => {
    const plan = await accepted(['on high sev MDE alerts:', '- [x] ~~isolate the box~~ collect an investigation package', '- [x] tag the incident `pkg-collected`'].join('\n'));
    assert.ok(!plan.spec.steps.some((s) => s.action === 'isolate'), JSON.stringify(plan.spec.steps));
    step(plan, 'collectInvestigationPackage');
    assert.deepEqual(step(plan, 'updateIncident').params.incident?.addTags, ['pkg-collected']);
  });

  it('when an edit line strikes a recipient and points at another, then the mail goes to the new one only', async () => {
    const plan = await accepted('email the summary to alpha@contoso.com on phishing incidents\nedit: ~~alpha@contoso.com~~ -> `beta@contoso.com` (alpha moved teams)');
    assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['beta@contoso.com']);
  });

  it('when an edit line changes the kind of isolation, then the one isolation asked for is of that kind', async () => {
    const plan = await accepted('isolate the device on high sev ransomware alerts\nedit: ~~full~~ selective iso, ppl still need outlook');
    const isolations = plan.spec.steps.filter((s) => s.action === 'isolate');
    assert.equal(isolations.length, 1, JSON.stringify(plan.spec.steps));
    assert.equal(isolations[0].params.isolationType, 'Selective');
  });

  it('when a device group is named in code quotes or bare after "anything in", then that group is left out, not the words before it', async () => {
    // (At 5a615ec both excluded a group called "anything in": every device of the named group was isolated.)
    const quoted = await accepted('contain hosts on high sev alerts. skip anything in device group `Trading Desks` pls');
    assert.deepEqual(step(quoted, 'isolate').deviceFilter?.exclude?.groups, ['Trading Desks']);
    const bare = await accepted('contain hosts on high sev alerts, skip anything in device group Kassa');
    assert.deepEqual(step(bare, 'isolate').deviceFilter?.exclude?.groups, ['Kassa']);
  });

  it('when "isolate them but selective not full" follows a sentence about other devices, then only the devices it names are isolated', async () => {
    // (At 5a615ec "but selective" became a second isolation that took the Linux servers of the sentence before.)
    const plan = await accepted('on linux servers just grab the package. windows workstations with high sev: isolate them but selective not full');
    const isolations = plan.spec.steps.filter((s) => s.action === 'isolate');
    assert.equal(isolations.length, 1, JSON.stringify(plan.spec.steps));
    assert.deepEqual(isolations[0].deviceFilter?.include, { kinds: ['workstation'], osPlatforms: ['Windows'] });
    assert.equal(isolations[0].params.isolationType, 'Selective');
  });

  it('when a formal instruction cites policy clauses and numbers its items, then the citations are background and the items are steps', async () => {
    const plan = await accepted(
      'Further to Policy XY-2 §3.1, kindly ensure that upon a High severity ransomware alert (i) the device is isolated; (ii) a full antivirus scan is run; and (iii) secops@contoso.com is notified by e-mail. This instruction is issued under §2.4 of the Response Policy.',
    );
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
    step(plan, 'isolate');
    assert.equal(step(plan, 'runAntiVirusScan').params.scanType, 'Full');
    assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['secops@contoso.com']);
  });

  it('when a formal instruction leaves a group out of containment in words Rampart cannot tie to a step, then it asks rather than isolate that group', async () => {
    const request =
      'Kindly arrange that on a High severity ransomware alert (i) the device is isolated; and (ii) ops@contoso.com is notified by e-mail. Devices in the \'Lab-Bench\' group are excluded from any containment pursuant to §4.5; for such devices item (ii) alone shall apply.';
    const plan = await planner.plan(request);
    assert.equal(plan.ok, false, JSON.stringify(plan));
    assert.match((plan as { question?: string }).question ?? '', /Lab-Bench/);
  });

  it('when a rule-out is followed by why, then the rule-out is read; when the words after it limit it, then Rampart asks', async () => {
    const plan = await accepted('on emotet alerts block the sha256 hash. never block URLs, the proxy team gets upset');
    const block = step(plan, 'createIndicator');
    assert.equal(block.target.kind === 'iocs' ? block.target.iocTypes?.join() : '', 'file');
    const asked = await planner.plan('on emotet alerts block the sha256 hash. never block URLs, only the ones on the allowlist');
    assert.equal(asked.ok, false);
  });
  it('when a checklist ticks some items and not others, then the unticked step is left out and an unticked limit stays', async () => {
    const plan = await accepted('on high sev alerts:\n- [ ] isolate the device\n- [x] run a full scan on the device\n- [ ] not on servers');
    assert.ok(!plan.spec.steps.some((s) => s.action === 'isolate'), JSON.stringify(plan.spec.steps));
    assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter?.exclude, { kinds: ['server'] });
  });

  it('when a reply quotes a request and adds "+1 but only for X", then the quoted step is held to X; a line opening on "> 10" is a count, not a quote', async () => {
    const plan = await accepted('> contain the box on ransomware alerts\n+1 but only for workstations');
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.include, { kinds: ['workstation'] });
    const band = await accepted('on malware alerts check the hash on VT\n> 12 engines: block the hash\n1-12: just comment on the incident');
    const block = step(band, 'createIndicator');
    assert.equal(block.target.kind === 'iocs' ? block.target.minEngines : undefined, 13);
  });

  it('when an instruction says what must be done and what "shall in no event" be done, then both are read', async () => {
    const plan = await accepted('On High severity alerts the device must be isolated. Devices in group \'Vault\' shall in no event be isolated.');
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { groups: ['Vault'] });
  });

  it('when a band of VirusTotal counts is said as a label with a colon after one said as a case, then each band gets its own steps', async () => {
    const plan = await accepted('on phishing alerts look the url up on VT. 4+ engines malicious = block the URL. below 4: just add a comment to the incident');
    const block = step(plan, 'createIndicator');
    assert.equal(block.target.kind === 'iocs' ? block.target.minEngines : undefined, 4);
    const comment = step(plan, 'updateIncident').when?.condition;
    const parts = comment && 'all' in comment ? comment.all : [comment];
    assert.ok(parts.some((c) => isDeepStrictEqual(c, { not: { kind: 'maliciousIoc', iocTypes: ['url'], minEngines: 4 } })), JSON.stringify(comment));
  });
  it('when a mail step is followed by what may be at stake and who needs it, then that is why, and the steps are planned', async () => {
    const plan = await accepted('MDO phish alerts with a link: check the url on VT. if 4+ engines malicious, block the URL, expire in 14d + mail dpo@contoso.org, possible customer data exposure, they need it for the breach register.');
    assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['dpo@contoso.org']);
    step(plan, 'createIndicator');
  });

  it('when a terse note gives the severity after the alert and "if on a user account", then both are read', async () => {
    const plan = await accepted('IdP alert, medium: if on a user account, revoke the sessions');
    assert.deepEqual(plan.spec.trigger.severities, ['Medium']);
    assert.deepEqual(step(plan, 'revokeSessions').when?.condition, { kind: 'entityPresent', entityType: 'User' });
    const device = await accepted('MDE alert, high, on a workstation -> isolate it');
    assert.deepEqual(device.spec.trigger.severities, ['High']);
    assert.deepEqual(step(device, 'isolate').deviceFilter?.include, { kinds: ['workstation'] });
  });
  it('when a formal instruction arranges steps "subject to the following provisos", then a group exempt from one step keeps the others', async () => {
    const plan = await accepted(
      "Kindly arrange that, where Microsoft Defender for Identity raises a High severity alert, the implicated account is disabled and its sessions revoked, subject to the following provisos:\naccounts if they are members of the 'Vault-Admins' group shall not be disabled;\nthe access team shall be informed by e-mail in every case where action is taken, access@contoso.com.",
    );
    assert.deepEqual(step(plan, 'disableUser').userFilter, { notInGroups: ['Vault-Admins'] });
    assert.equal(step(plan, 'revokeSessions').userFilter, undefined);
    assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['access@contoso.com']);
  });
  it('when a kind of alert is defined with "=", then the definition is background, not a step', async () => {
    // (At 5a615ec this sentence was asked about, and the same shape ending "pure noise" became a scan on a VirusTotal verdict.)
    const plan = await accepted('EICAR alerts = the lab vendor running their weekly antivirus test on the kiosks, just noise. if title has EICAR and severity is low, resolve the incident');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['updateIncident']);
    assert.equal(step(plan, 'updateIncident').params.incident?.status, 'Resolved');
  });

  it('when "title has X and severity is low" names a threat family, then the trigger keeps no title words made of the rest of the sentence', async () => {
    // (At 5a615ec the trigger's title words were "and severity is low": the playbook never ran.)
    const plan = await accepted('if title has EICAR and severity is low, resolve the incident');
    assert.deepEqual(plan.spec.trigger.titleKeywords, []);
    assert.deepEqual(plan.spec.trigger.severities, ['Low']);
  });
  it('when some devices are said to be done by hand, then the step leaves them out', async () => {
    // (At 5a615ec "isolate the servers on high alerts, the DCs by hand" isolated the domain controllers too.)
    const plan = await accepted('contain the servers on high alerts, the DCs by hand');
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { kinds: ['domainController'] });
  });

  it('when a terse note abbreviates workstation ("wkstn") and leaves servers alone with a reason, then the bands are planned for the rest', async () => {
    const plan = await accepted('malware alert on a wkstn: VT the file hash.\n12+ engines -> full iso\n<12 -> nothing\nleave servers alone, they go thru change mgmt');
    const isolate = step(plan, 'isolate');
    assert.deepEqual(isolate.deviceFilter?.exclude, { kinds: ['server'] });
    assert.deepEqual(isolate.when?.condition, { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 12 });
  });
  it('when blocks of one kind of IOC are followed by "dont block the ips or urls", then that is the other side; when a block acts on those kinds, Rampart asks', async () => {
    const plan = await accepted('any file in an alert that VT has at 6+ malicious -> block indicator in mde. dont block the ips or urls. drop a comment on the incident');
    const block = step(plan, 'createIndicator');
    assert.deepEqual(block.target.kind === 'iocs' ? block.target.iocTypes : [], ['file']);
    assert.equal((await planner.plan('block the IOCs on emotet alerts, dont block the urls')).ok, false);
  });
});
