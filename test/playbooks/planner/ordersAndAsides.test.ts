import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { accepted, planner, step } from './helpers';

/**
 * Pasted standing orders and the asides around a rule: an order's label and a title its list says again; a comment with a
 * subject and a verb of its own after a step ("the builders will live"); fields of the incident ruled out that no step
 * changes; "accounts in G are never disabled; ... instead"; a list item excluded "from both"; an emoji before a
 * shouted word; a second-language "is enough to" and "Windows 10 and 11".
 */
describe('offline planner: standing orders and asides', () => {
  it('when an aside with its own subject and verb follows a step, then it narrows nothing; one naming devices still does', async () => {
    const plan = await accepted('On high severity malware alerts from Defender for Endpoint, isolate the device - the builders will just have to wait.');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['isolate']);
    assert.ok(plan.notUnderstood.some((n) => /builders/.test(n) && /narrows nothing/.test(n)));
    const named = await planner.plan('On high severity malware alerts, isolate the device, servers will wait for the morning crew.');
    assert.ok(!named.ok || !named.spec.steps.some((s) => s.action === 'isolate' && s.deviceFilter === undefined && s.when === undefined));
  });

  it('when a pasted order has a label and a title its list says again, then neither is asked about; a title the list does not say again still narrows', async () => {
    const plan = await accepted('Standing order 4 - ransomware (effective immediately)\n1. Ransomware alerts at High severity: isolate the device.\n2. Post the incident to the SOC channel.');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['isolate', 'teamsMessage']);
    const titled = await planner.plan('Standing order 9 - payroll laptops\n1. High severity alerts: isolate the device.');
    assert.ok(!titled.ok || !titled.spec.steps.some((s) => s.action === 'isolate' && s.deviceFilter === undefined && s.when === undefined));
  });

  it('when a clause rules out changing fields no step sets, then it narrows nothing; ruling out a field a step sets is asked about', async () => {
    const plan = await accepted('When a high severity incident comes in, tag it night-triage. Do not change the status or classification on anything.');
    assert.deepEqual(step(plan, 'updateIncident').params.incident, { addTags: ['night-triage'] });
    assert.ok(isQuestion(await planner.plan('When a high severity incident comes in, resolve it as true positive. Do not change the classification on anything.')));
  });

  it('when the assignment is left alone beside an assignment of unassigned incidents, then each case gets its step', async () => {
    const plan = await accepted('High severity incidents that are unassigned: assign to nightdesk@contoso.com. Incidents already assigned: leave the assignment alone, just add a comment.');
    assert.deepEqual(plan.spec.steps.map((s) => s.when?.condition), [{ kind: 'assignment', assigned: false }, { kind: 'assignment', assigned: true }]);
  });

  it('when accounts of a group "are never disabled; ... instead", then the group is spared the disable and gets the other steps', async () => {
    const plan = await accepted("On high severity Identity Protection alerts, disable the account. Accounts in the group 'Glass-Admins' are never disabled; email iam@contoso.com instead.");
    assert.deepEqual(step(plan, 'disableUser').userFilter, { notInGroups: ['Glass-Admins'] });
    assert.deepEqual(step(plan, 'sendMail').when?.condition, { kind: 'userInGroup', groups: ['Glass-Admins'] });
  });

  it('when a list item excludes accounts from both steps, then every step skips them; "from steps 1-2" by number is asked about', async () => {
    const list = (from: string): string => `1. Cloud Apps alerts in the Exfiltration category: revoke the user's sessions.\n2. If the user is in the group 'Treasury', also disable the account.\n3. Service accounts (names starting with svc-) are excluded from ${from}.`;
    const plan = await accepted(list('both of these'));
    assert.deepEqual(step(plan, 'revokeSessions').userFilter, { exclude: { namePatterns: ['svc-*'] } });
    assert.deepEqual(step(plan, 'disableUser').userFilter?.exclude, { namePatterns: ['svc-*'] });
    assert.ok(isQuestion(await planner.plan(list('steps 1-2'))));
  });

  it('when an emoji comes before a shouted word, then it ends the clause and both steps are read', async () => {
    const plan = await accepted('any alert on a device in the Design-Macs group → quick av scan + post it in teams pls 🙏 NO isolation on those');
    assert.deepEqual(plan.spec.steps.map((s) => s.action).sort(), ['runAntiVirusScan', 'teamsMessage']);
  });

  it('when a second-language request says "is enough to" or "Windows 10 and 11", then it is read', async () => {
    const enough = await accepted('When alert from Defender for Endpoint is High, isolate device, but not if device is server. For servers is enough to run quick antivirus scan.');
    assert.deepEqual(step(enough, 'runAntiVirusScan').deviceFilter, { include: { kinds: ['server'] } });
    const both = await accepted('For High alerts on Windows 10 and 11 devices run Quick antivirus scan.');
    assert.deepEqual(step(both, 'runAntiVirusScan').deviceFilter, { include: { osPlatforms: ['Windows10', 'Windows11'] } });
  });

  it('when categories are listed before "category", then each is read; an API name of a step is the step', async () => {
    const plan = await accepted('For Defender for Endpoint alerts in the Persistence or PrivilegeEscalation category, StopAndQuarantine the file.');
    assert.deepEqual([...plan.spec.trigger.categories].sort(), ['Persistence', 'PrivilegeEscalation']);
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['stopAndQuarantineFile']);
  });

  it('when a VirusTotal band is "N or less but not zero" or "has 1-4 malicious", then it is the band from one engine', async () => {
    for (const band of ['If the IP has 6 or less but more than zero', 'If the IP has 1-6 malicious']) {
      const plan = await accepted(`If the IP has more than 6 malicious on VirusTotal, block it. ${band}, add a comment to the incident.`);
      assert.deepEqual(step(plan, 'updateIncident').when?.condition, { all: [{ kind: 'maliciousIoc', iocTypes: ['ip'], minEngines: 1 }, { not: { kind: 'maliciousIoc', iocTypes: ['ip'], minEngines: 7 } }] });
    }
  });

  it('when a case rules out device steps and the next sentence says what it "only" gets, then those steps keep the case', async () => {
    const plan = await accepted('For alerts on a device tagged lab-scope, do not touch the device. Only tag the incident lab-check, assign it to lab-sec@contoso.com and email that same address.');
    for (const s of plan.spec.steps) assert.deepEqual(s.when?.condition, { kind: 'deviceIs', match: { tags: ['lab-scope'] } });
    assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['lab-sec@contoso.com']);
  });

  it('when "anything tagged X" is skipped beside device steps, then both the devices and the incidents so tagged are skipped', async () => {
    const plan = await accepted('On high severity alerts run a full scan and collect an investigation package on every device of the alert. Skip anything tagged kiosk.');
    for (const s of plan.spec.steps) {
      assert.deepEqual(s.deviceFilter?.exclude, { tags: ['kiosk'] });
      assert.deepEqual(s.when?.condition, { not: { kind: 'incidentTag', tags: ['kiosk'] } });
    }
  });

  it('when a block is for a file on a kind of device, then it blocks the files of the alerts on such devices, not every file of the incident', async () => {
    const plan = await accepted('On high severity incidents with a file VT has at 8 or more on a macOS device, block its sha256.');
    assert.deepEqual(step(plan, 'createIndicator').when, { condition: { kind: 'deviceIs', match: { osPlatforms: ['macOS'] } }, scope: 'alert' });
  });

  it('when a list item opens with a VirusTotal band before a colon, then its sentences stay under that band', async () => {
    const plan = await accepted("1) Look up each IP of the alert on VirusTotal.\n2) IP with 6 or more malicious: block it.\n3) IP with 1-5 malicious: no block. Tag the incident ip-review and add a comment.\n4) IP with zero malicious: close the incident as false positive.");
    const band = { all: [{ kind: 'maliciousIoc', iocTypes: ['ip'], minEngines: 1 }, { not: { kind: 'maliciousIoc', iocTypes: ['ip'], minEngines: 6 } }] };
    const notes = plan.spec.steps.filter((s) => s.action === 'updateIncident' && s.params.incident?.status === undefined);
    assert.equal(notes.length, 2);
    for (const s of notes) assert.deepEqual(s.when?.condition, band);
    const close = plan.spec.steps.find((s) => s.params.incident?.status === 'Resolved');
    assert.match(JSON.stringify(close?.when?.condition), /"not":\{"kind":"maliciousIoc","iocTypes":\["ip"\],"minEngines":1\}/);
  });

  it('when steps are ruled out "by automation this weekend" after a reason with "so", then nothing is asked; a step so ruled out in the plan is', async () => {
    const plan = await accepted('High severity incidents: run a full antivirus scan on the devices. Skeleton crew on call, so no device isolation or app restriction by automation this weekend.');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['runAntiVirusScan']);
    assert.ok(isQuestion(await planner.plan('High severity incidents: isolate the devices. No device isolation or app restriction by automation this weekend.')));
  });

  it('when kinds of device are said to be covered by another order or excluded, then the steps skip them; "Medium or above" beside a device detail is read', async () => {
    const plan = await accepted('Defender for Endpoint alerts on Windows devices, severity Medium or above: run a quick antivirus scan on the device. Linux and macOS are covered by order 7, not this one.');
    assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter?.exclude, { osPlatforms: ['Linux', 'macOS'] });
    assert.deepEqual(plan.spec.trigger.severities, ['Medium', 'High']);
  });

  it('when "email" names the phishing mail a step is about, then no mail is sent', async () => {
    const plan = await accepted('block the URLs from any suspicious email that got delivered');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['createIndicator']);
  });

  it('when Defender field names are said in prose, then they are read', async () => {
    const risky = await accepted('On high alerts, isolate the devices whose riskScore is High.');
    assert.deepEqual(step(risky, 'isolate').deviceFilter, { include: { minRiskScore: 'High' } });
    const group = await accepted('On high alerts, run a full scan on devices whose rbacGroupName is Kiosks-East.');
    assert.deepEqual(step(group, 'runAntiVirusScan').deviceFilter, { include: { groups: ['Kiosks-East'] } });
    const owner = await accepted('On high incidents, if assignedTo is empty, assign to triage@contoso.com.');
    assert.deepEqual(step(owner, 'updateIncident').when?.condition, { kind: 'assignment', assigned: false });
  });

  it('when a rule-out holds "regardless of VT" or lists the device steps it means, then it narrows nothing; "regardless" beside a step to take is still asked about', async () => {
    const plan = await accepted('On high alerts block the IPs VT has at 6 or more; regardless of VT never touch the devices themselves: no isolation, no scans, no restriction.');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['createIndicator']);
    const rule = await accepted('On high Identity Protection alerts revoke the sessions. Never disable accounts from this rule, regardless of anything.');
    assert.deepEqual(rule.spec.steps.map((s) => s.action), ['revokeSessions']);
    assert.ok(isQuestion(await planner.plan('On high alerts isolate the device regardless of the VT verdict on the files.')));
  });
});
