import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import type { Step } from '../../../src/playbooks/spec';
import { accepted, planner, step } from './helpers';

const actions = (steps: Step[]): string[] => steps.map((s) => s.action);
const unconditionalIsolation = (steps: Step[]): boolean => steps.some((s) => s.action === 'isolate' && s.deviceFilter === undefined && s.when === undefined);

/**
 * Asides in brackets and the word order of analysts writing in a second language: the kind of a step said in brackets
 * after it, a reason in brackets that names a step, kinds of device listed after a comma, "everyone else" after accounts
 * ruled out, a mail party said as a case, "if it's one from X", a passive "neither ... nor", a case said as a question
 * ("Is the URL malicious, block it"), verbs said last or after "is to", "X not", and labels of pasted runbooks.
 */
describe('offline planner: asides and word order', () => {
  it('when the kind of isolation is said in brackets after the step, then it stays that step\'s and makes no step of its own', async () => {
    const plan = await accepted('For ransomware incidents isolate only the devices in the Payroll-PCs group (full iso), everything else in the incident just a quick AV scan.');
    const isolations = plan.spec.steps.filter((s) => s.action === 'isolate');
    assert.equal(isolations.length, 1);
    assert.deepEqual(isolations[0].deviceFilter, { include: { groups: ['Payroll-PCs'] } });
    const selective = await accepted('On high severity malware alerts isolate the device (selective).');
    assert.equal(step(selective, 'isolate').params.isolationType, 'Selective');
  });

  it('when a reason in brackets names a step ("isolation breaks X"), then it makes no step', async () => {
    const plan = await accepted('high sev alerts from MDE: isolate the windows devices, for linux just a full scan (isolation kills the backup agent there). also if the alert ip is bad on vt block it');
    const isolations = plan.spec.steps.filter((s) => s.action === 'isolate');
    assert.equal(isolations.length, 1);
    assert.deepEqual(isolations[0].deviceFilter, { include: { osPlatforms: ['Windows'] } });
    assert.equal(step(plan, 'createIndicator').when, undefined);
  });

  it('when kinds of device are listed after a comma with their own step, then the step before never reaches them', async () => {
    const plan = await accepted('High severity malware: isolate the windows devices, for mac and linux only a full scan.');
    assert.deepEqual(step(plan, 'isolate').deviceFilter, { include: { osPlatforms: ['Windows'] } });
    assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter, { include: { osPlatforms: ['macOS', 'Linux'] } });
    assert.equal(step(plan, 'runAntiVirusScan').params.scanType, 'Full');
  });

  it('when "everyone else" gets the steps after accounts ruled out, then every step of that sentence leaves those accounts out', async () => {
    const plan = await accepted('Accounts named adm-* never get disabled or have their password reset. Everyone else on a high severity Identity Protection alert: disable and revoke.');
    for (const a of ['disableUser', 'revokeSessions'] as const) assert.deepEqual(step(plan, a).userFilter, { exclude: { namePatterns: ['adm-*'] } }, a);
  });

  it('when "everything else" follows a step on devices named one way, then it is every other device, not every other case', async () => {
    const plan = await accepted('For ransomware incidents isolate only the devices in the Studio-PCs group, everything else just a quick AV scan for now.');
    const scan = step(plan, 'runAntiVirusScan');
    assert.deepEqual(scan.deviceFilter, { exclude: { groups: ['Studio-PCs'] } });
    assert.ok(!JSON.stringify(scan.when ?? null).includes('"not"'), JSON.stringify(scan.when));
  });

  it('when a case names who a mail went to ("the recipient is a shared mailbox"), then a destructive step waits for an answer; a group of recipients is read', async () => {
    assert.ok(isQuestion(await planner.plan('MDO alerts where the recipient is a shared mailbox: block the URL.')));
    assert.ok(isQuestion(await planner.plan('Defender for Office 365 alerts sent to a shared mailbox: block the URL.')));
    const grouped = await accepted('MDO alerts where the recipient is in the group Finance-Users: revoke their sessions.');
    assert.deepEqual(step(grouped, 'revokeSessions').userFilter, { inGroups: ['Finance-Users'] });
  });

  it('when "alerts sent to a mailbox" says which mail the alerts are about, then no mail is sent and the mailbox is asked about', async () => {
    const plan = await planner.plan('Defender for Office 365 alerts sent to the payroll mailbox: tag the incident payroll-phish.');
    assert.ok(isQuestion(plan));
    assert.ok(!plan.ok && !JSON.stringify(plan).includes('email the payroll'));
  });

  it('when "if it\'s one from X" follows a sentence about some incidents, then both cases hold', async () => {
    const plan = await accepted('When a medium severity incident comes in, post it to Teams. And if it is one from Defender for Office 365, also email mdo-team@contoso.com.');
    assert.deepEqual(plan.spec.trigger.severities, ['Medium']);
    assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['mdo-team@contoso.com']);
  });

  it('when accounts are "neither disabled nor revoked", then both steps leave them out', async () => {
    const plan = await accepted('On MDI alerts disable the account and revoke the sessions. Accounts named adm-* are neither disabled nor revoked.');
    for (const a of ['disableUser', 'revokeSessions'] as const) assert.deepEqual(step(plan, a).userFilter, { exclude: { namePatterns: ['adm-*'] } }, a);
  });

  it('when accounts are never disabled and a mail goes out "instead", then the mail is for those accounts only', async () => {
    const plan = await accepted('On MDI alerts disable the account and revoke the sessions. Accounts named adm-* are never disabled or revoked; email iam@contoso.com instead.');
    assert.deepEqual(step(plan, 'sendMail').when?.condition, { kind: 'userNamed', patterns: ['adm-*'] });
    assert.deepEqual(step(plan, 'disableUser').userFilter, { exclude: { namePatterns: ['adm-*'] } });
  });

  it('when a step on a thing of a device is said verb last ("the app execution on the device restrict"), then it is read', async () => {
    const plan = await accepted('By ransomware incidents: the app execution on the device restrict.');
    assert.deepEqual(actions(plan.spec.steps), ['restrictCodeExecution']);
  });

  it('when a case is said as a question before its step ("Is the URL malicious, block it"), then it is the step\'s case', async () => {
    const plan = await accepted('On phishing alerts check the URLs at VirusTotal. Is the URL malicious (min. 4 engines), block it.');
    assert.deepEqual(step(plan, 'createIndicator').target, { kind: 'iocs', iocTypes: ['url'], minEngines: 4 });
    const count = await accepted('Check the file hashes at VirusTotal. Are it more than 10 engines which say malicious, block the hash.');
    assert.deepEqual(step(count, 'createIndicator').target, { kind: 'iocs', iocTypes: ['file'], minEngines: 11 });
  });

  it('when the step is said after "is to" or after its object, then it is read in English order', async () => {
    const plan = await accepted('For Identity Protection alerts with severity high the account is to disable and his sessions to revoke.');
    assert.deepEqual(actions(plan.spec.steps), ['disableUser', 'revokeSessions']);
    const dislocated = await accepted('For MDI alerts on domain controllers: the password of the user from the alert, reset it please.');
    assert.deepEqual(actions(dislocated.spec.steps), ['resetPassword']);
  });

  it('when a case is said as a statement and its step follows on "these", then the step is for that case and "all other" is the rest', async () => {
    const plan = await accepted("Alerts which have already the tag 'drill' are from the blue team exercise. These please close as false positive and make nothing other - no isolation. All other alerts with severity High: isolate the device.");
    assert.deepEqual(step(plan, 'isolate').when?.condition, { all: [{ not: { kind: 'incidentTag', tags: ['drill'] } }, { kind: 'severity', severities: ['High'] }] });
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'incidentTag', tags: ['drill'] });
  });

  it('when a rule-out is said twice ("this is forbidden by us") and "make" runs a scan, then the scan is the rule\'s own step', async () => {
    const plan = await accepted('The alerts from Defender for Identity on domain controllers: a DC is never isolated, this is forbidden by us. Make instead a full scan on the DC.');
    assert.deepEqual(actions(plan.spec.steps), ['runAntiVirusScan']);
    assert.equal(step(plan, 'runAntiVirusScan').params.scanType, 'Full');
  });

  it('when a case of the mail\'s delivery gets nothing, then the steps leave it out or it is asked about; a severity that gets nothing is still the other side', async () => {
    const plan = await accepted('On phishing alerts from MDO, if the URL is malicious, block it. But when the mail was blocked, do nothing.');
    assert.deepEqual(step(plan, 'createIndicator').when?.condition, { not: { kind: 'mailDelivery', actions: ['Blocked'] } });
    assert.ok(isQuestion(await planner.plan('On phishing alerts from MDO, if the URL is malicious, block it. But when the delivery action is Blocked, do nothing.')));
    const bracketed = await planner.plan('On phishing alerts from MDO, if the URL is malicious, block it. But when the mail was not delivered at all (delivery action Blocked), do nothing.');
    assert.ok(!bracketed.ok || bracketed.spec.steps.every((s) => s.action !== 'createIndicator' || (s.target.kind === 'iocs' && s.target.minEngines !== null)));
    const levels = await accepted('High severity: isolate the device. Low and informational: ignore.');
    assert.deepEqual(actions(levels.spec.steps), ['isolate']);
  });

  it('when "X not" rules a step out, then it is not taken', async () => {
    const plan = await accepted('By ransomware incidents collect an investigation package. Isolate not, the forensic team needs the host.');
    assert.deepEqual(actions(plan.spec.steps), ['collectInvestigationPackage']);
  });

  it('when a French speaker writes "pas" and "à la place", then they are "not" and "instead"', async () => {
    const plan = await accepted('Quick AV scan on all the machines in the incident. If the machine has riskScore High, a full scan à la place.');
    assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter, { exclude: { minRiskScore: 'High' } });
    const pas = await planner.plan('High severity incidents: isolate the workstations. PAS on the servers svp.');
    assert.ok(!pas.ok || pas.spec.steps.every((s) => s.action !== 'isolate' || !JSON.stringify(s.deviceFilter?.include ?? {}).includes('server')));
  });

  it('when "someone already has it", then the incident is assigned', async () => {
    const plan = await accepted('Assign anything high severity to tier2@contoso.com. If someone already has it, skip it.');
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'assignment', assigned: false });
  });

  it('when "read only, dont change anything" is said beside a notification, then it narrows nothing; beside an isolation it is asked about', async () => {
    const plan = await accepted('Post new high severity incidents to Teams. Read only, dont change anything on them.');
    assert.deepEqual(actions(plan.spec.steps), ['teamsMessage']);
    assert.ok(isQuestion(await planner.plan('On high severity incidents isolate the device. Read only, dont change anything on them.')));
  });

  it('when a runbook labels its scope and what is out of scope, then the label narrows nothing and the levels are left out', async () => {
    const plan = await accepted('1. Scope: incidents from Microsoft Defender for Endpoint with severity High or Medium.\n2. Collect an investigation package.\n3. Out of scope: Low and Informational (handled in the weekly review).');
    assert.deepEqual([...plan.spec.trigger.severities].sort(), ['High', 'Medium']);
  });

  it('when a line hands over a pasted runbook, then it narrows nothing; a title the list does not define, or a customer named, is still asked about', async () => {
    const plan = await accepted('Pasting the Woodgrove runbook section, pls automate as written:\n\nRB-LM-007 - Lateral movement tooling\n1. Scope: incidents raised by Microsoft Defender for Endpoint with severity High.\n2. Collect an investigation package from each affected device.');
    assert.deepEqual(actions(plan.spec.steps), ['collectInvestigationPackage']);
    assert.ok(isQuestion(await planner.plan('Runbook LM-7 (Finance laptops), please implement:\n1. High severity incidents from MDE: isolate the device.\n2. Post to Teams.')));
    assert.ok(isQuestion(await planner.plan('Customer: Woodgrove. Runbook LM-7 (Lateral movement), please build this:\n1. Scope: High severity incidents from MDE.\n2. Isolate the device.')));
  });

  it('when the sentence after a rule-out says what someone needs, then it is why; one that names a step is still asked about', async () => {
    const plan = await accepted('On ransomware alerts restrict app execution and collect an investigation package. Do NOT isolate. The outsourced forensics team needs the hosts reachable.');
    assert.deepEqual(actions(plan.spec.steps), ['restrictCodeExecution', 'collectInvestigationPackage']);
    assert.ok(isQuestion(await planner.plan('On ransomware alerts restrict app execution and collect an investigation package. Do NOT isolate. The finance team needs the servers isolated.')));
  });

  it('when "Update the incident:" lists fields and values, then the step sets them', async () => {
    const plan = await accepted('On ransomware alerts restrict app execution. Update the incident: classification True positive, determination Malware.');
    assert.deepEqual(step(plan, 'updateIncident').params.incident, { classification: 'TruePositive', determination: 'Malware' });
  });

  it('when "isolate the machine" follows a verdict on file hashes only, then it is the machine the file is on', async () => {
    const plan = await accepted('Check the file hashes at VirusTotal. If more than 20 engines say malicious, block the hash and isolate the machine.');
    assert.deepEqual(step(plan, 'isolate').target, { kind: 'fileDevices', minEngines: 21 });
    const anyIoc = await accepted('Isolate the machine if a high severity alert involves a known malicious IOC.');
    assert.notEqual(step(anyIoc, 'isolate').target.kind, 'fileDevices');
  });

  it('when a sentence says why the things named are left alone ("those go to the infra team"), then it narrows nothing', async () => {
    const plan = await accepted('If MDE raises a high severity alert on a workstation, isolate it. Dont touch servers those go to the infra team, just ping Teams for those.');
    assert.ok(!unconditionalIsolation(plan.spec.steps));
    assert.ok(plan.spec.steps.some((s) => s.action === 'teamsMessage'));
  });
});
