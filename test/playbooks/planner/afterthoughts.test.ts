import assert from 'node:assert/strict';
import { accepted, planner, step } from './helpers';

describe('offline planner: narrowings said after the steps, and the other case left to people', () => {
  it('when "... wait, only if nobody owns it" follows a step, then the step takes that condition', async () => {
    const plan = await accepted('grab an investigation pkg from each box in the incident... wait, only if the incident is unassigned');
    assert.deepEqual(step(plan, 'collectInvestigationPackage').when?.condition, { kind: 'assignment', assigned: false });
  });

  it('when the other case is left to a person ("otherwise the analyst decides"), then it adds nothing and asks nothing', async () => {
    const plan = await accepted('run a full scan on the hosts if the incident is unassigned, otherwise the analyst decides');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['runAntiVirusScan']);
    assert.deepEqual(step(plan, 'runAntiVirusScan').when?.condition, { kind: 'assignment', assigned: false });
  });

  it('when a sentence of its own narrows by tag ("lab-tagged incidents only."), then the step carries the tag', async () => {
    const plan = await accepted('restrict app execution on the host. lab-tagged incidents only.');
    assert.deepEqual(step(plan, 'restrictCodeExecution').when?.condition, { kind: 'incidentTag', tags: ['lab'] });
  });

  it('when "only the ones whose hostname starts with X" is a sentence after the step, then the devices are those named X', async () => {
    const plan = await accepted('collect an investigation pkg from the hosts in the incident. only the ones whose hostname starts with kiosk- pls');
    assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter, { include: { namePatterns: ['kiosk-*'] } });
  });

  it('when "leave everyone else\'s incidents alone" closes the request, then it is the other side of the condition, not a question', async () => {
    const plan = await accepted('assign the incident to vip-desk@contoso.com when a user of the alert is in the Board-Members group, and leave everyone else\'s incidents alone.');
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'userInGroup', groups: ['Board-Members'] });
  });
});

describe('offline planner: devices named after a negation are left out, never the only ones acted on', () => {
  const isolateFilter = async (request: string): Promise<unknown> => (await accepted(request)).spec.steps.find((s) => s.action === 'isolate')?.deviceFilter;

  it('when "but NOT the kiosk-* boxes" follows the isolation, then those boxes are excluded', async () => {
    assert.deepEqual(await isolateFilter('isolate hosts on high sev, but NOT the kiosk-* boxes'), { exclude: { namePatterns: ['kiosk-*'] } });
  });

  it('when "not the boxes named X", "without the X boxes" or "never the ones tagged X" follows, then those are excluded', async () => {
    assert.deepEqual(await isolateFilter('isolate hosts on high sev, not the boxes named kiosk-*'), { exclude: { namePatterns: ['kiosk-*'] } });
    assert.deepEqual(await isolateFilter('isolate hosts on high sev, without the kiosk-* boxes'), { exclude: { namePatterns: ['kiosk-*'] } });
    assert.deepEqual(await isolateFilter('isolate hosts on high sev, but never the ones tagged lobby'), { exclude: { tags: ['lobby'] } });
  });

  it('when the same devices are named as the ones to act on, then they are the only ones (the other side)', async () => {
    assert.deepEqual(await isolateFilter('isolate the kiosk-* boxes on high sev'), { include: { namePatterns: ['kiosk-*'] } });
  });

  it('when what is said of the named devices may leave them out ("are off limits"), then the isolation is asked about', async () => {
    const plan = await planner.plan('isolate hosts on high sev, kiosk-* boxes are off limits');
    assert.equal(plan.ok, false);
  });
});

describe('offline planner: a title that names the step, before a description of the playbook', () => {
  it('when "Quarantine risky files." heads a description that says it all again, then the title adds no step and asks nothing', async () => {
    const plan = await accepted('Quarantine risky files. For each file entity in the incident, the playbook checks VirusTotal and, when a file has 10 or more malicious detections, stops and quarantines the risky file on the device where it was seen.');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['stopAndQuarantineFile']);
  });

  it('when a first sentence with a step is not followed by a description of "the playbook", then it is a step, not a title', async () => {
    const plan = await planner.plan('Isolate the servers. When a high alert fires, isolate the device and email the server team at srv@contoso.com.');
    assert.ok(!plan.ok || plan.spec.steps.filter((s) => s.action === 'isolate').every((s) => s.deviceFilter !== undefined || s.when !== undefined), JSON.stringify(plan));
  });
});

describe('offline planner: the same step in both branches of a group test', () => {
  it('when members get "confirm + disable" and "other users -> only confirm", then each confirm keeps its own side', async () => {
    const plan = await accepted('on IdP alerts: if the user is member of group \'Domain Admins\' -> confirm compromised and disable the account. other users -> only confirm compromised');
    const confirms = plan.spec.steps.filter((s) => s.action === 'confirmCompromised').map((s) => s.userFilter);
    assert.deepEqual(confirms, [{ inGroups: ['Domain Admins'] }, { notInGroups: ['Domain Admins'] }]);
    assert.deepEqual(step(plan, 'disableUser').userFilter, { inGroups: ['Domain Admins'] });
  });

  it('when the request is put as a question with a typo ("cna u block ..."), then the instruction is read', async () => {
    const plan = await accepted('cna u block the url in MDE indicators if VT has it at 4+');
    assert.deepEqual(step(plan, 'createIndicator').target, { kind: 'iocs', iocTypes: ['url'], minEngines: 4 });
  });
});

describe('offline planner: the levels left alone after an "only", and "please to"', () => {
  it('when "high sev only pls, medium n below leave alone" follows the step, then the trigger is High and nothing is asked', async () => {
    const plan = await accepted('collect a pkg from the box if VT says a file is bad. high sev only pls, medium n below leave alone');
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['collectInvestigationPackage']);
  });

  it('when a step is asked for with "please to", then it is the step', async () => {
    const plan = await accepted('on phish alerts if the url is bad on VT, please to block the url in the indicators');
    assert.deepEqual(step(plan, 'createIndicator').target, { kind: 'iocs', iocTypes: ['url'], minEngines: 1 });
  });
});

describe('offline planner: the other side of a test on alerts named by their severity', () => {
  it('when "on high sev alerts isolate the box if VT flags the hash, otherwise scan it", then the scan is for high alerts VT does not flag only', async () => {
    const plan = await accepted('on high sev alerts isolate the box if VT flags the hash, otherwise scan it');
    assert.deepEqual(step(plan, 'runAntiVirusScan').when?.condition, { all: [{ not: { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 1 } }, { kind: 'severity', severities: ['High'] }] });
  });

  it('when the branches are the severities themselves ("high -> isolate, otherwise scan"), then the scan is every other severity', async () => {
    const plan = await accepted('high -> isolate, otherwise scan');
    assert.deepEqual(step(plan, 'runAntiVirusScan').when?.condition, { not: { kind: 'severity', severities: ['High'] } });
  });
});

describe('offline planner: round-38 mechanisms, in other words', () => {
  it('when "full scans tank the db" gives the reason for a quick scan on servers, then the servers get the quick scan and the others the full one', async () => {
    const plan = await accepted('on high sev MDE alerts full av scan the box, but not on servers (windows server OS) - those only get a quick scan, full scans tank the db');
    const scans = plan.spec.steps.filter((s) => s.action === 'runAntiVirusScan').map((s) => [s.params.scanType, s.deviceFilter]);
    assert.deepEqual(scans, [['Full', { exclude: { kinds: ['server'] } }], ['Quick', { include: { kinds: ['server'] } }]]);
  });

  it('when the device is "the host its on" after a file verdict, then it is the file\'s device', async () => {
    const plan = await accepted('if any file in the incident hits VT >= 12 engines, restrict app execution on the host its on');
    assert.deepEqual(step(plan, 'restrictCodeExecution').target, { kind: 'fileDevices', minEngines: 12 });
  });

});
