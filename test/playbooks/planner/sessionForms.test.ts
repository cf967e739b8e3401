import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { normalizeRequest } from '../../../src/playbooks/planner/normalize';
import type { Step } from '../../../src/playbooks/spec';
import { accepted, knownClean, planner, step } from './helpers';

const isolations = (steps: Step[]): Step[] => steps.filter((s) => s.action === 'isolate');

describe('offline planner: either of two conditions, a clean side with no test before it, two kinds of isolation, a story told first', () => {
  describe('"or" between conditions of different kinds in a step\'s own words', () => {
    it('when the step says "tagged VIP or with a user in Execs", then either one gates it, not both', async () => {
      const plan = await accepted('isolate the device on any incident tagged VIP or with a user in the Executives group');
      assert.deepEqual(step(plan, 'isolate').when?.condition, { any: [{ kind: 'incidentTag', tags: ['VIP'] }, { kind: 'userInGroup', groups: ['Executives'] }] });
    });

    it('when "or" joins two steps instead, then each condition still gates them both', async () => {
      const plan = await planner.plan('on incidents tagged VIP, isolate or scan the devices in the Servers group');
      // Either a question, or both conditions held together: never one of them alone.
      if (plan.ok) for (const s of plan.spec.steps) assert.ok(!JSON.stringify(s.when ?? {}).includes('"any"'), JSON.stringify(s));
    });

    it('when a bare verb is joined to that step ("isolate and scan the device on ..."), then the isolation is gated by the same case', async () => {
      const plan = await accepted('isolate and scan the device on incidents tagged VIP or with a user in the Executives group');
      assert.deepEqual(step(plan, 'isolate').when?.condition, step(plan, 'runAntiVirusScan').when?.condition);
      assert.ok(step(plan, 'isolate').when, 'the isolation must not run on every incident');
    });

    it('when the case is one condition, then the bare verb before it is gated by it as well', async () => {
      const plan = await accepted('isolate and scan the device on incidents tagged VIP');
      assert.deepEqual(step(plan, 'isolate').when?.condition, { kind: 'incidentTag', tags: ['VIP'] });
    });
  });

  describe('the clean side said with no test before it', () => {
    it('when a lookup is followed by "if the hash is clean, close it as FP", then the close runs only on a known-clean hash', async () => {
      const plan = await accepted('check the file hash on VirusTotal. if the hash is clean, close the incident as false positive');
      const close = step(plan, 'updateIncident');
      assert.equal(close.params.incident?.status, 'Resolved');
      assert.deepEqual(close.when?.condition, knownClean(['file']));
    });

    it('when the same is said in one sentence, then the close is gated the same way', async () => {
      const plan = await accepted('check the file hash on VirusTotal; if the hash is clean, close the incident as false positive');
      assert.deepEqual(step(plan, 'updateIncident').when?.condition, knownClean(['file']));
    });

    it('when a test comes before it, then "if the hash is clean" is still the other side of that test', async () => {
      const plan = await accepted('if VT flags the hash block it. if the hash is clean, post in teams');
      assert.deepEqual(step(plan, 'teamsMessage').when?.condition, { not: { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 1 } });
    });
  });

  describe('two kinds of isolation in one request', () => {
    it('when the servers get selective isolation, then every other device gets a full one', async () => {
      const plan = await accepted('isolate the device, but for Windows Server use selective isolation');
      const [full, selective] = isolations(plan.spec.steps);
      assert.equal(full.params.isolationType, 'Full');
      assert.deepEqual(full.deviceFilter, { exclude: { osPlatforms: ['WindowsServer'] } });
      assert.equal(selective.params.isolationType, 'Selective');
      assert.deepEqual(selective.deviceFilter, { include: { osPlatforms: ['WindowsServer'] } });
    });

    it('when the selective kind is said in a sentence of its own, then it is the same split', async () => {
      const plan = await accepted('on high sev alerts isolate the box. for domain controllers use selective isolation instead');
      const kinds = isolations(plan.spec.steps).map((s) => [s.params.isolationType, s.deviceFilter]);
      assert.deepEqual(kinds, [['Full', { exclude: { kinds: ['domainController'] } }], ['Selective', { include: { kinds: ['domainController'] } }]]);
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
    });

    it('when each kind names its devices, then the workstations are isolated fully and the servers selectively', async () => {
      const plan = await accepted('isolate workstations fully and servers selectively');
      const kinds = isolations(plan.spec.steps).map((s) => [s.params.isolationType, s.deviceFilter?.include?.kinds]);
      assert.deepEqual(kinds, [['Full', ['workstation']], ['Selective', ['server']]]);
    });

    it('when only named devices are isolated selectively, then there is one selective isolation and no full one', async () => {
      const plan = await accepted('isolate the dc selectively');
      assert.deepEqual(isolations(plan.spec.steps).map((s) => s.params.isolationType), ['Selective']);
    });

    it('when the isolation before already leaves those devices out, then the selective sentence does not widen it', async () => {
      const plan = await accepted('high sev MDE incidents: isolate all devices in the incident EXCEPT domain controllers (osPlatform WindowsServer*) - those get selective isolation instead');
      const full = isolations(plan.spec.steps).find((s) => s.params.isolationType === 'Full');
      assert.ok(full?.deviceFilter?.exclude?.kinds?.includes('domainController'), JSON.stringify(plan.spec.steps));
    });
  });

  describe('a story told before the request', () => {
    it('when it is a narrative and the next sentence names its own case, then it is shown as background and the plan stands', async () => {
      const request = "So, having spent the last three weeks cleaning up after an intrusion at this client, here's roughly what I'd want going forward. When Defender raises a ransomware alert, I'd say isolate the host.";
      const n = normalizeRequest(request);
      assert.equal(n.background?.length, 1);
      const plan = await accepted(request);
      assert.deepEqual(plan.spec.trigger.topics, ['ransomware']);
      assert.ok(plan.understood.some((u) => u.meaning.startsWith('background')), JSON.stringify(plan.understood));
    });

    it('when the story narrows ("we never touch servers"), then it is read, not set aside', async () => {
      const n = normalizeRequest("Honestly we have never had a good experience isolating servers, so not those. When Defender raises a ransomware alert, isolate the host.");
      assert.equal(n.background, undefined);
    });

    it('when the sentence after it names no case of its own, then the story may be the scope and is not set aside', async () => {
      const n = normalizeRequest('actually we are receiving many incidents of MDI involving the DCs. isolate the other machines.');
      assert.equal(n.background, undefined);
    });
  });

  describe("what the writer would do, said as the step", () => {
    it('when "I\'d say isolate" and "I would not disable", then isolate is a step and the disable is ruled out', async () => {
      const plan = await accepted("On ransomware alerts I'd say isolate the device. I would not disable the user.");
      assert.deepEqual(plan.spec.steps.map((s) => s.action), ['isolate']);
    });

    it('when nothing but a hedge is said about an unknown case, then it still asks', async () => {
      assert.ok(isQuestion(await planner.plan("I'd isolate the device when the frobnicator is sad")));
    });
  });

  describe('standing policy written as rules', () => {
    it('when "It is our policy that X are never closed by automation", then no step closes them (it had become a close)', async () => {
      const plan = await planner.plan('It is our policy that phishing incidents raised by Defender for Office 365 are never closed by automation. We always assign them to our email security lead, priya.raman@contoso.com.');
      if (plan.ok) for (const s of plan.spec.steps) assert.notEqual(s.params.incident?.status, 'Resolved', JSON.stringify(s));
    });

    it('when the close is asked for in the same words without "never", then it is a close', async () => {
      const plan = await accepted('It is our policy that phishing incidents raised by Defender for Office 365 are closed as false positive when VirusTotal says the url is clean.');
      assert.equal(step(plan, 'updateIncident').params.incident?.status, 'Resolved');
    });

    it('when an address follows "our email security lead", then it is who the incident is assigned to, and no mail is sent', async () => {
      const plan = await accepted('When MDO raises a phishing alert, assign it to our email security lead, priya.raman@contoso.com.');
      assert.deepEqual(plan.spec.steps.map((s) => s.action), ['updateIncident']);
    });

    it('when "that URL is to be blocked for 90 days", then it is a block of 90 days', async () => {
      const plan = await accepted('When MDO raises a phishing alert and VirusTotal rates the URL malicious with 5 or more engines, that URL is to be blocked in Defender for 90 days.');
      assert.equal(step(plan, 'createIndicator').params.expiresInDays, 90);
    });

    it('when "Under no circumstances is a device tagged X to be isolated", then those devices are left out of the isolation', async () => {
      const plan = await accepted('For High severity ransomware incidents, isolate the device. Under no circumstances is a device tagged OT-Critical to be isolated, whatever the alert says.');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude?.tags, ['OT-Critical']);
    });

    it('when "regardless of what any tool says" follows a rule, then it narrows nothing', async () => {
      const plan = await accepted('block IPs VirusTotal flags with 3 or more engines for 7 days, regardless of what any tool says');
      assert.equal(step(plan, 'createIndicator').params.expiresInDays, 7);
    });

    it('when "in those same incidents" refers to incidents chosen by a device they involve, then the step is gated by that device', async () => {
      const plan = await accepted('As a rule, High severity incidents from Defender for Endpoint that involve a server are handled by collecting an investigation package on that server. Workstations in those same incidents are to be fully isolated.');
      assert.deepEqual(step(plan, 'isolate').when?.condition, { kind: 'deviceIs', match: { kinds: ['server'] } });
    });

    it('when the devices named there cannot be read, then the step is asked about, never run in every incident', async () => {
      const plan = await planner.plan('High severity incidents that involve a frobnicator device are handled by a comment. Workstations in those same incidents are isolated.');
      if (plan.ok) assert.ok(plan.spec.steps.every((s) => s.action !== 'isolate' || s.when), JSON.stringify(plan.spec.steps));
    });
  });

  describe('chat from people whose first language is not English', () => {
    it('when "if the user is in group X dont touch the account" follows a disable, then the group\'s members are never disabled (it had disabled them)', async () => {
      const plan = await accepted('for high sev identity protection alerts, disable the account of the user and revoke the sessions. but if the user is in the group VIP-Executives dont touch the account!! only send msg on teams');
      assert.deepEqual(step(plan, 'disableUser').userFilter?.notInGroups, ['VIP-Executives']);
      assert.deepEqual(step(plan, 'revokeSessions').userFilter?.notInGroups, ['VIP-Executives']);
    });

    it('when the account is not named there ("dont touch it"), then the branch still asks or spares them, never disables them', async () => {
      const plan = await planner.plan('for high sev identity protection alerts, disable the account of the user. but if the user is in the group VIP-Executives dont touch it');
      if (plan.ok) assert.ok(JSON.stringify(step(plan, 'disableUser')).includes('VIP-Executives'), JSON.stringify(plan.spec.steps));
    });

    it('when a verb is cut short before its object ("isola the machine"), then it is that verb', async () => {
      const plan = await accepted('when an alert of ransomware comes from MDE, isola the machine and run a full AV scan');
      assert.deepEqual(plan.spec.steps.map((s) => s.action), ['isolate', 'runAntiVirusScan']);
    });

    it('when a short word starts no single verb, then it is not read as one', () => {
      assert.ok(!/\bisolate\b/.test(normalizeRequest('when an alert comes, isol8 the machine').text));
    });

    it('when the subject is dropped ("if is medium") and "more of 10" is said, then it is the case just named and "more than"', async () => {
      const n = normalizeRequest('if more of 10 engines say malicious block the hash. if is medium only post on teams');
      assert.match(n.text, /more than 10 engines/);
      assert.match(n.text, /if it is medium/);
    });

    it('when "the guy" is in a group and "user is of group X" is said, then it is the user and that group', async () => {
      const plan = await accepted("on high sev identity protection alerts disable the user, except if user is of group Break-Glass");
      assert.deepEqual(step(plan, 'disableUser').userFilter?.notInGroups, ['Break-Glass']);
      assert.match(normalizeRequest('if the guy is in the Execs group').text, /the user is in/);
    });

    it('when "VT dont know the url (not found)", then the url is unknown to VirusTotal', () => {
      assert.match(normalizeRequest('if VT dont know the url (not found) only put the tag vt-unknown').text, /the url is unknown to VirusTotal/);
    });
  });

  describe('decision tables, policy sentences and a story\'s asides', () => {
    it('when a two-column markdown table maps severities to responses, then each row is its case', async () => {
      const plan = await accepted('MDE severity matrix, pls implement as-is:\n\n| alert severity | response |\n|---|---|\n| High | isolate (Full) |\n| Medium | AV scan (Full) |\n| Low | incident comment only |\n| Informational | no-op |\n\nscope: serviceSource = MicrosoftDefenderForEndpoint');
      assert.deepEqual(plan.spec.trigger.serviceSources, ['MicrosoftDefenderForEndpoint']);
      assert.ok(JSON.stringify(step(plan, 'isolate').when).includes('"High"'), JSON.stringify(step(plan, 'isolate')));
      assert.equal(step(plan, 'runAntiVirusScan').params.scanType, 'Full');
      assert.ok(JSON.stringify(step(plan, 'runAntiVirusScan').when).includes('"Medium"'));
    });

    it('when fields are compared ("serviceSource = X, alert.category = Y"), then they are the source and the category', async () => {
      const plan = await accepted('when: serviceSource = AzureAdIdentityProtection, alert.category = InitialAccess -> disable the user');
      assert.deepEqual(plan.spec.trigger.categories, ['InitialAccess']);
      assert.ok(JSON.stringify(plan.spec).includes('AzureAdIdentityProtection'), JSON.stringify(plan.spec));
    });

    it('when a service is named by its API name, then it is read, never dropped', async () => {
      const plan = await accepted('when the alert is from AzureAdIdentityProtection and the alert category is InitialAccess, disable the user');
      assert.deepEqual(plan.spec.trigger.serviceSources, ['AzureAdIdentityProtection']);
    });

    it('when "a High severity alert means isolation, always selective", then it is a selective isolation on High alerts', async () => {
      const plan = await accepted('On Windows workstations, a High severity alert means isolation, but it is always selective isolation so that Teams and Outlook keep working.');
      assert.equal(step(plan, 'isolate').params.isolationType, 'Selective');
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
    });

    it('when "immediate full isolation followed by restricting app execution", then both steps', async () => {
      const plan = await accepted('For High ransomware incidents, immediate full isolation followed by restricting app execution.');
      assert.deepEqual(plan.spec.steps.map((s) => s.action), ['isolate', 'restrictCodeExecution']);
    });

    it('when "Servers I\'d leave connected but restrict app execution on them", then servers are restricted and never isolated', async () => {
      const plan = await accepted('On lateral movement incidents isolate all the workstations involved. Servers I\'d leave connected but restrict app execution on them.');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude?.kinds, ['server']);
      assert.deepEqual(step(plan, 'restrictCodeExecution').deviceFilter?.include?.kinds, ['server']);
    });

    it('when a ruled-out step is followed by a colon and why, then the why narrows nothing', async () => {
      const plan = await accepted('On high sev alerts run a full scan. I would not isolate: the web tier behind the load balancer fails over badly.');
      assert.deepEqual(plan.spec.steps.map((s) => s.action), ['runAntiVirusScan']);
    });

    it('when the other side is "For anyone else", then it is the other side of the group before', async () => {
      const n = normalizeRequest('If the user is in the Leavers group, disable the account. For anyone else, post it in Teams.');
      assert.match(n.text, /otherwise, post it in Teams/);
    });
  });

  describe('a test joined by "and" after an event\'s steps, and steps said as nouns', () => {
    it('when "when AV detects a file, quarantine it, and if VT says more than 20, block the sha256", then the block is under the event too (it had blocked on any incident)', async () => {
      const plan = await accepted('when the antivirus detects a file, quarantine the file, and if VT says more than 20 engines malicious, block the sha256');
      assert.ok(JSON.stringify(step(plan, 'createIndicator').when).includes('detectionSource'), JSON.stringify(step(plan, 'createIndicator')));
    });

    it('when two tests are said one after the other ("if server ..., if workstation ..."), then each stays its own branch', async () => {
      const plan = await accepted('if the device is a server collect a package, if it is a workstation isolate it');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.kinds, ['workstation']);
      assert.equal(step(plan, 'isolate').when, undefined);
    });

    it('when a step is said as a noun ("make stop and quarantine of the file"), then it is that step, never dropped', async () => {
      const plan = await accepted('when the antivirus detects a file, make stop and quarantine of the file on the machine');
      assert.deepEqual(plan.spec.steps.map((s) => s.action), ['stopAndQuarantineFile']);
    });

    it('when the request "is for windows, linux and mac", then it names every platform and narrows nothing; one platform still narrows', async () => {
      assert.doesNotMatch(normalizeRequest('when the antivirus detects a file, quarantine it. is for windows, linux and mac ok').text, /windows|linux|mac/i);
      assert.match(normalizeRequest('when the antivirus detects a file, quarantine it. is for windows and linux ok').text, /windows and linux/i);
    });

    it('when a step is ruled out in the passive ("are never closed") and no step closes, then the plan stands', async () => {
      const plan = await accepted('It is our policy that phishing incidents raised by Defender for Office 365 are never closed by automation. Assign them to priya.raman@contoso.com.');
      assert.deepEqual(plan.spec.steps.map((s) => s.action), ['updateIncident']);
      assert.equal(step(plan, 'updateIncident').params.incident?.status, undefined);
    });
  });

  it('when "under no circumstances is a device tagged X to be isolated or to have its code execution restricted", then neither step acts on it (the restriction had run on it)', async () => {
    const plan = await accepted('Under no circumstances is a device tagged OT-Critical to be isolated or to have its code execution restricted, whatever the alert says. For every other device in a High severity ransomware incident, our policy is immediate full isolation followed by restricting app execution.');
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude?.tags, ['OT-Critical']);
    assert.deepEqual(step(plan, 'restrictCodeExecution').deviceFilter?.exclude?.tags, ['OT-Critical']);
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
  });

  it('when "table" ends a step\'s own words ("Block the IPs listed in the following table:"), then it is not read as the title of a table', () => {
    assert.match(normalizeRequest('Block the IPs listed in the following table: 10.1.1.1').text, /^Block the IPs listed in the following table/);
    assert.match(normalizeRequest('MDE severity matrix, pls implement as-is: High: isolate the device.').text, /^For MDE:/);
  });

  it('when another step follows "but for servers use selective isolation" in the same sentence, then the split stands and the post is not gated on servers (every device had been isolated selectively)', async () => {
    const plan = await accepted('on high sev ransomware alerts isolate the box, but for servers use selective isolation, and post in teams');
    const kinds = isolations(plan.spec.steps).map((s) => [s.params.isolationType, s.deviceFilter]);
    assert.deepEqual(kinds, [['Full', { exclude: { kinds: ['server'] } }], ['Selective', { include: { kinds: ['server'] } }]]);
    assert.equal(step(plan, 'teamsMessage').when, undefined);
  });
});
