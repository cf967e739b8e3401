import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { restateStructured } from '../../../src/playbooks/planner/structured';
import { accepted, planner, step } from './helpers';

describe('offline planner: requests written as labelled lines, and a scope before a test', () => {
  describe('labelled lines (Trigger / Conditions / Actions)', () => {
    it('when a request is pasted as labelled lines, then it is read as the one sentence they say', async () => {
      const plan = await accepted(['Use case: ransomware containment', 'Trigger: incident raised, severity High', 'Criteria: category is Ransomware', 'Response:', '- quarantine the host', '- notify soc-leads@contoso.com'].join('\n'));
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
      assert.deepEqual(plan.spec.trigger.categories, ['Ransomware']);
      assert.deepEqual(plan.spec.steps.map((s) => s.action).sort(), ['isolate', 'sendMail']);
      assert.ok(plan.understood.some((u) => /labelled lines/.test(u.phrase) && /read as one request/.test(u.meaning)), 'the card says how the lines were read');
    });

    it('when an exception line follows, then it narrows the steps; an else line is the other branch', async () => {
      const plan = await accepted(['Trigger - new incident from MDE', 'If - the file is flagged by 4+ VT engines', 'Then - stop and quarantine the file', 'Else - add a comment with the VT results'].join('\n'));
      assert.deepEqual(step(plan, 'stopAndQuarantineFile').target, { kind: 'fileDevices', minEngines: 4 });
      assert.deepEqual(step(plan, 'updateIncident').when?.condition, { not: { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 4 } });
      const spared = await accepted(['When: high severity incident', 'Actions:', '1. isolate the machine', '2. collect an investigation package', 'Exceptions: domain controllers'].join('\n'));
      assert.deepEqual(step(spared, 'isolate').deviceFilter, { exclude: { kinds: ['domainController'] } });
      assert.deepEqual(step(spared, 'collectInvestigationPackage').deviceFilter, { exclude: { kinds: ['domainController'] } });
    });

    it('when actions are numbered labels ("Action 1:", "Step 2 -"), then each is a step', async () => {
      const plan = await accepted(['Name: token theft response', 'Trigger: incident created', 'Condition: severity is High', 'Action 1: revoke the user sessions', 'Step 2 - force a password reset'].join('\n'));
      assert.deepEqual(plan.spec.steps.map((s) => s.action).sort(), ['resetPassword', 'revokeSessions']);
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
    });

    it('when a labelled line says something Rampart cannot check, then it asks; it never drops the line', async () => {
      const plan = await planner.plan(['Trigger: new high incident', 'Conditions: the user works in the finance department', 'Actions: disable the account'].join('\n'));
      assert.ok(isQuestion(plan), JSON.stringify(plan));
    });

    it('when text is ordinary prose or has no action line, then it is left as written', () => {
      assert.equal(restateStructured('Isolate the device on high incidents.\nAlso post in Teams.'), null);
      assert.equal(restateStructured('Trigger: new high incident\nNotes: the SOC reviews these weekly'), null);
    });
  });

  describe('a lead that names the incidents, then a test with an otherwise', () => {
    it('when "For high severity incidents: if X, A; otherwise B", then B runs on high incidents where X does not hold, never on the others', async () => {
      const plan = await accepted('On medium sev incidents from Defender for Endpoint: if a URL has 3 or more VT hits, block it; otherwise just comment on the incident.');
      assert.deepEqual(plan.spec.trigger.severities, ['Medium']);
      assert.deepEqual(step(plan, 'updateIncident').when?.condition, { not: { kind: 'maliciousIoc', iocTypes: ['url'], minEngines: 3 } });
    });

    it('when the lead itself is the test, then the other branch is every other incident', async () => {
      const plan = await accepted('if the incident is high, quarantine the host, otherwise kick off a quick scan');
      assert.deepEqual(plan.spec.trigger.severities, []);
      assert.deepEqual(step(plan, 'runAntiVirusScan').when?.condition, { not: { kind: 'severity', severities: ['High'] } });
    });
  });
});
