import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { isOtherSide, leftAloneSentences } from '../../../src/playbooks/planner/otherSide';
import { accepted, planner, step } from './helpers';

describe('offline planner: a sentence that says what is left alone', () => {
  describe('finding the sentence', () => {
    it('when a request ends with what it leaves alone, then that sentence is found with its subject and the rest is kept', () => {
      const { rest, sentences } = leftAloneSentences('Tag medium incidents with triage. Quiet incidents of low severity stay untouched.');
      assert.equal(rest, 'Tag medium incidents with triage.');
      assert.deepEqual(sentences.map((s) => s.subject), ['Quiet incidents of low severity']);
    });

    it('when the verb names a containment, then the sentence concerns the containment steps only', () => {
      const { sentences } = leftAloneSentences('Hosts rated below the threshold are never contained.');
      assert.deepEqual(sentences[0].actions, ['isolate', 'restrictCodeExecution']);
      assert.deepEqual(leftAloneSentences('Nothing here says what is left.').sentences, []);
    });
  });

  describe('the other side of the plan is read', () => {
    it('when severities below the gate and other products are left unchanged, then the plan acts as written, without a question', async () => {
      const plan = await accepted('On high incidents raised by Defender for Office 365, tag them with mail-review. Medium and low incidents, and incidents from any other product, remain unchanged.');
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
      assert.ok(plan.understood.some((u) => u.phrase.startsWith('Medium and low incidents')), JSON.stringify(plan.understood));
    });

    it('when closed incidents are released and open ones left as they are, then the release runs on resolved incidents only', async () => {
      const plan = await accepted('When an incident gets resolved as a false positive, lift the isolation of its machines. Unresolved incidents are left as they are.');
      assert.deepEqual(plan.spec.trigger.statuses, ['Resolved']);
      assert.equal(step(plan, 'unisolate').target.kind, 'incidentDevices');
    });

    it('when owned incidents are left alone after an assignment of unowned ones, then the assignment keeps its test', async () => {
      const plan = await accepted('Give unassigned medium incidents to triage@contoso.com. Incidents that already have an assignee are not touched.');
      assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'assignment', assigned: false });
    });

    it('when a server-only collection leaves laptops and non-Windows hosts out, then the collection keeps its server filter', async () => {
      const plan = await accepted('Grab an investigation package from every Windows Server host of the incident. Laptops and non-Windows hosts are skipped.');
      assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter, { include: { osPlatforms: ['WindowsServer'] } });
    });

    it('when hosts below a VirusTotal threshold are not contained, then the isolation keeps the threshold', async () => {
      const plan = await accepted('If a file comes back from VirusTotal with more than 6 detections, isolate the device the file ran on. Hosts whose files stay at or below the threshold are not contained.');
      assert.deepEqual(step(plan, 'isolate').when?.condition, { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 7 });
    });
  });

  describe('the same, said as an instruction', () => {
    it('when "dont touch" names closed incidents and owned ones after steps on open unowned ones, then the steps stand as written', async () => {
      const plan = await accepted('every active incident with no owner: put it in progress and give it to nightshift@contoso.com. dont touch closed ones or ones someone already owns');
      assert.deepEqual(plan.spec.trigger.statuses, ['Active']);
      assert.ok(plan.spec.steps.every((s) => JSON.stringify(s.when?.condition) === JSON.stringify({ kind: 'assignment', assigned: false })), JSON.stringify(plan.spec.steps));
    });

    it('when a classification the trigger does not take is "left alone" with an arrow, then it is the other side', async () => {
      const plan = await accepted('once closed as false positive, release the hosts. closed as true positive -> leave it alone');
      assert.deepEqual(plan.spec.trigger.classifications, ['FalsePositive']);
      const asked = await planner.plan('once closed as false positive, release the hosts. closed as a false positive by the lab -> leave it alone');
      assert.ok(isQuestion(asked), JSON.stringify(asked));
    });

    it('when the cases left alone are ones nobody owns, then it is not read as owned ones', () => {
      const left = leftAloneSentences('dont touch ones nobody owns').sentences[0];
      const spec = { version: 3, name: 'x', trigger: { kind: 'incident', severities: [], serviceSources: [], detectionSources: [], categories: [], topics: [], titleKeywords: [], statuses: [], classifications: [] }, steps: [{ action: 'updateIncident', target: { kind: 'incident' }, params: {}, when: { condition: { kind: 'assignment', assigned: false }, scope: 'incident' } }] } as unknown as Parameters<typeof isOtherSide>[1];
      assert.equal(isOtherSide(left, spec), false);
      assert.equal(isOtherSide(leftAloneSentences('dont touch ones someone owns').sentences[0], spec), true);
    });
  });

  describe('more ways descriptions say it', () => {
    it('when incidents of other severities are "left open" after a close of one severity, then the close stands as written', async () => {
      const plan = await accepted('Close low incidents about the EICAR test file as true positive. Incidents of any other severity are left open.');
      assert.deepEqual(plan.spec.trigger.severities, ['Low']);
      assert.equal(step(plan, 'updateIncident').params.incident?.classification, 'TruePositive');
    });

    it('when owned incidents are "not reassigned" but no step tests the owner, then the assignment skips owned incidents', async () => {
      const plan = await accepted('Give high incidents to t2@contoso.com. Incidents that already have an owner are not reassigned.');
      assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'assignment', assigned: false });
    });

    it('when no IOC "meets the threshold", then that is the other side of the verdict test', async () => {
      const plan = await accepted('Send each IP to VirusTotal. When an IP is flagged by 4 or more engines, block it. When no IP meets the threshold, tag the incident vt-low.');
      assert.deepEqual(plan.spec.steps.find((s) => s.action === 'updateIncident')?.when?.condition, { not: { kind: 'maliciousIoc', iocTypes: ['ip'], minEngines: 4 } });
    });
  });

  describe('a tag per severity', () => {
    it('when each severity "gets tag" its own value, then each is a step on that severity', async () => {
      const plan = await accepted('critical ones get tag sev-a, medium incidents get the tag sev-b');
      assert.deepEqual(plan.spec.steps.map((s) => [s.params.incident?.addTags, s.when?.condition]), [
        [['sev-a'], { kind: 'severity', severities: ['High'] }],
        [['sev-b'], { kind: 'severity', severities: ['Medium'] }],
      ]);
    });
  });

  describe('anything else in the sentence is still asked about', () => {
    it('when the sentence names a group the plan does not test, then Rampart asks instead of isolating', async () => {
      const plan = await planner.plan('Isolate the machines of high incidents. Machines in the Payroll group are not touched.');
      assert.ok(isQuestion(plan), JSON.stringify(plan));
    });

    it('when a level is left alone but no step tests severity, then the steps skip that level', async () => {
      const plan = await accepted('Isolate the machines of every phishing incident. Low incidents are left unchanged.');
      assert.deepEqual(step(plan, 'isolate').when?.condition, { not: { kind: 'severity', severities: ['Low'] } });
    });

    it('when the level left alone is one the plan acts on, then it is not the other side', () => {
      const left = leftAloneSentences('High incidents from the lab are left alone.').sentences[0];
      const spec = { version: 3, name: 'x', trigger: { kind: 'incident', severities: ['High'], serviceSources: [], detectionSources: [], categories: [], topics: [], titleKeywords: [], statuses: [], classifications: [] }, steps: [{ action: 'isolate', target: { kind: 'incidentDevices' }, params: {} }] } as unknown as Parameters<typeof isOtherSide>[1];
      assert.equal(isOtherSide(left, spec), false);
      const low = leftAloneSentences('Low incidents are left alone.').sentences[0];
      assert.equal(isOtherSide(low, spec), true);
    });

    it('when the sentence is about device risk, then a level in it is not read as a severity', async () => {
      const { sentences } = leftAloneSentences('Medium-risk hosts are left alone.');
      const plan = await accepted('Isolate the devices of high incidents.');
      assert.equal(isOtherSide(sentences[0], plan.spec), false);
    });
  });
  describe('IOCs and higher severities left alone', () => {
    it('when "IPs that are clean or unknown to VirusTotal are skipped" follows blocks with a threshold, then it is their other side; said beside blocks with no threshold, it is asked about', async () => {
      const plan = await accepted('The playbook blocks every URL that VT flags on 6 or more engines and posts a summary to Teams. URLs that are clean or unknown to VirusTotal are skipped.');
      assert.deepEqual(plan.spec.steps.map((s) => s.action), ['createIndicator', 'teamsMessage']);
      assert.equal((await planner.plan('The playbook blocks every URL of the incident. URLs that are clean are skipped.')).ok, false);
    });

    it('when "incidents of any higher severity stay open for an analyst" follows a close of low incidents, then it is their other side', async () => {
      const plan = await accepted('This playbook closes low incidents whose titles mention canary. Incidents of any higher severity stay open for an analyst.');
      assert.deepEqual(plan.spec.trigger.severities, ['Low']);
    });
  });
});
