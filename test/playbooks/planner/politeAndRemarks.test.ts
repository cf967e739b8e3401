import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { accepted, planner, step } from './helpers';

/**
 * What a polite or a hurried writer wraps around the steps: a request asked as a passive question, a remark about who is
 * behind the alerts, who owns an incident said as who "has got it", and a case handed to another team.
 */
describe('offline planner: polite requests, remarks after the steps, and cases handed elsewhere', () => {
  it('when the request asks "would they please be assigned to X and given the tag Y?", then it assigns and tags', async () => {
    const plan = await accepted("for informational incidents, would they please be assigned to triage@contoso.com and given the tag 'triage-queue'?");
    const updates = plan.spec.steps.filter((s) => s.action === 'updateIncident').map((s) => JSON.stringify(s.params.incident));
    assert.ok(updates.some((u) => u.includes('triage@contoso.com')), updates.join(' | '));
    assert.ok(updates.some((u) => u.includes('triage-queue')), updates.join(' | '));
  });

  it('when a remark after the steps says who is behind the alerts, then the steps are planned and the remark is background', async () => {
    const plan = await accepted('resolve informational eicar incidents as FP. its just the build team testing again smh');
    assert.equal(step(plan, 'updateIncident').params.incident?.status, 'Resolved');
  });

  it('when such a remark says "only", then it is asked about (it may narrow)', async () => {
    const plan = await planner.plan('resolve informational eicar incidents as FP. its probably only the test rigs');
    assert.ok(isQuestion(plan), JSON.stringify(plan));
  });

  it('when the owner is said as "only if nobodys got it yet", then the update is for unassigned incidents', async () => {
    const plan = await accepted('set incs to in progress n assign to nightowl@contoso.com, only if nobodys got it yet');
    assert.match(JSON.stringify(step(plan, 'updateIncident').when?.condition), /unassigned|assigned/);
  });

  it('when "please don\'t assign those to us" follows a case kept by another team, then no assignment is planned for it', async () => {
    const plan = await accepted('assign low incidents to desk@contoso.com. high ones stay with the IR team, so please dont assign those to us.');
    const assigned = plan.spec.steps.filter((s) => s.action === 'updateIncident').map((s) => s.params.incident?.assignedTo);
    assert.deepEqual(assigned, ['desk@contoso.com']);
  });
});
