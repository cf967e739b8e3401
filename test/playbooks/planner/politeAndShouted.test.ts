import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { accepted, planner, step } from './helpers';

/**
 * Two registers of the same SOC: the careful, polite English of a second-language writer ("However, please ...", "After
 * that, kindly ...", "the VirusTotal result is less than 5", "This is only for ... devices") and an incident commander
 * shouting a headline and a send-off ("LOCKDOWN MODE, effective immediately.", "GO GO"). Their framing narrows nothing;
 * what they say of cases is read as said.
 */
describe('offline planner: polite framing and shouted headlines', () => {
  it('when a careful writer says "However," and "After that, kindly", then they are "but" and "then"', async () => {
    const plan = await accepted('When a high severity ransomware alert arrives, please isolate the device. However, please do not isolate the device if it is a server. After that, kindly post the result to our Teams channel.');
    assert.deepEqual(step(plan, 'isolate').deviceFilter, { exclude: { kinds: ['server'] } });
    assert.ok(plan.spec.steps.some((s) => s.action === 'teamsMessage'));
  });

  it('when VirusTotal\'s result or count is compared with a number, then it is a band of engines', async () => {
    const plan = await accepted('If the URL is judged as malicious by VirusTotal (6 engines or more), please block the URL. If the VirusTotal result is less than 6, please only add a comment to the incident.');
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { not: { kind: 'maliciousIoc', iocTypes: ['file', 'ip', 'url', 'domain'], minEngines: 6 } });
    const counted = await accepted('When the VirusTotal detection count for the file hash is 12 or more, stop and quarantine the file. When the count is between 1 and 11, run a full scan.');
    assert.match(JSON.stringify(step(counted, 'runAntiVirusScan').when?.condition), /"minEngines":12/);
  });

  it('when the other side of a verdict is said "if it is not malicious", then it is the other branch', async () => {
    const plan = await accepted('For risky sign-in alerts: if the IP is malicious on VirusTotal (4 engines or more), confirm the user as compromised. If it is not malicious, please dismiss the risky user.');
    assert.deepEqual(step(plan, 'dismissRiskyUser').when?.condition, { not: { kind: 'maliciousIoc', iocTypes: ['ip'], minEngines: 4 } });
  });

  it('when a step is said to be not needed, then it is no step', async () => {
    const plan = await accepted('When the alert is Malware on a Linux device, collect the investigation package and run a quick scan. Isolation is not needed, please do not isolate.');
    assert.deepEqual(plan.spec.steps.map((s) => s.action).sort(), ['collectInvestigationPackage', 'runAntiVirusScan']);
  });

  it('when a later sentence says the steps are "only for" some devices, then the release before it is for those devices too', async () => {
    for (const request of [
      'When an incident is resolved as False Positive, release the device from isolation and add a comment. Only for Windows 11 devices.',
      'When an incident is resolved and the classification is False Positive, release the device from isolation and add a comment. Only for Windows 11 devices, not servers.',
    ]) {
      const plan = await accepted(request);
      assert.deepEqual(plan.spec.trigger.classifications, ['FalsePositive'], request);
      assert.deepEqual(step(plan, 'unisolate').deviceFilter?.include, { osPlatforms: ['Windows11'] }, request);
    }
  });

  it('when a careful writer frames the case ("About incidents with the tag x,", "an automation for Linux servers"), then the frame is the case', async () => {
    const about = await accepted('Excuse me, about incidents with the tag \'drill\', please do NOT isolate anything. For the other incidents with a High severity alert, please isolate the device.');
    assert.deepEqual(step(about, 'isolate').when?.condition, { not: { kind: 'incidentTag', tags: ['drill'] } });
    const forWhat = await accepted('Please, I would like to request an automation for Linux servers. When a high severity alert arrives, please isolate the device.');
    assert.deepEqual(step(forWhat, 'isolate').deviceFilter?.include, { kinds: ['server'], osPlatforms: ['Linux'] });
  });

  it('when the other classification is said to be left alone, then the release keeps its own case', async () => {
    const plan = await accepted('Release the device from isolation when the incident is resolved as False Positive. If it is resolved as True Positive, please keep the isolation and do not release.');
    assert.deepEqual(plan.spec.trigger.classifications, ['FalsePositive']);
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['unisolate']);
  });

  it('when a headline and a send-off are shouted, then they are said to the room; a shouted headline that names a case is read', async () => {
    const plan = await accepted('DAMAGE CONTROL - HOLD THE LINE. for every high sev incident, isolate the device, selective isolation so the calls on Teams stay up. MOVE');
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
    assert.equal(step(plan, 'isolate').params.isolationType, 'Selective');
    const linux = await accepted('LINUX ONLY: for every high sev incident, isolate the device.');
    assert.deepEqual(step(linux, 'isolate').deviceFilter?.include, { osPlatforms: ['Linux'] });
    assert.equal(isQuestion(await planner.plan('KIOSK WAVE: for every high sev incident, isolate the device.')), true);
    // A device group's name that holds a kind of device ("Sales-Workstations") is the group's name, never workstations.
    const group = await accepted('NEED THIS NOW: on high sev alerts, isolate devices in the Sales-Workstations group');
    assert.deepEqual(step(group, 'isolate').deviceFilter, { include: { groups: ['Sales-Workstations'] } });
    assert.equal(isQuestion(await planner.plan('NEED THIS NOW: HIGH sev incident w/ a device in Core-Servers or Edge-Servers group = collect investigation pkg from that box + tag CORE-HIT. workstations in the same incident: isolate them.')), true);
  });

  it('when a bracket only says again what is ruled out, and why, then it narrows nothing more', async () => {
    const plan = await accepted('for every high sev incident, isolate the device except servers (do NOT isolate servers, the ops team will kill me), and post to teams.');
    assert.deepEqual(step(plan, 'isolate').deviceFilter, { exclude: { kinds: ['server'] } });
    assert.ok(plan.spec.steps.some((s) => s.action === 'teamsMessage'));
  });
  it('when "the other incidents" follow incidents ruled out by a tag, then every step said for them is for incidents without the tag', async () => {
    const plan = await accepted('For incidents tagged \'drill\', do not isolate anything. For the other incidents with a High severity alert, isolate the device and block the IP.');
    for (const action of ['isolate', 'createIndicator'] as const) assert.deepEqual(step(plan, action).when?.condition, { not: { kind: 'incidentTag', tags: ['drill'] } }, action);
  });


  it('when a case ends in a colon and its steps are indented under it, then they are that case\'s steps', async () => {
    const plan = await accepted('[ ] when a Linux box in group Web gets a High alert:\n[ ]   collect investigation package\n[ ]   isolate (full)');
    for (const action of ['isolate', 'collectInvestigationPackage'] as const) assert.deepEqual(step(plan, action).deviceFilter, { include: { groups: ['Web'], osPlatforms: ['Linux'] } }, action);
    const bands = await accepted('Phish checklist (MDO only):\n- any URL >= 4 malicious:\n    - block that URL\n    - revoke sessions for the recipient\n- none malicious:\n    - comment \'clean\' on the incident');
    assert.match(JSON.stringify(step(bands, 'revokeSessions').when?.condition), /"minEngines":4/);
    assert.match(JSON.stringify(step(bands, 'updateIncident').when?.condition), /"not"/);
  });
  it('when a tired texter joins two states of the incidents with "+", then the step is for incidents that are both', async () => {
    const plan = await accepted('assign anything unassigned + high to me (nights@contoso.com) and set in progress');
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
    assert.match(JSON.stringify(step(plan, 'updateIncident').when?.condition), /"assigned":false/);
  });
});
