import assert from 'node:assert/strict';
import type { Condition } from '../../../src/playbooks/spec';
import { accepted, step } from './helpers';

/**
 * "<steps>. <case>: only <step>": the case gets that step and nothing said before it. Every step said before leaves the
 * case out (an assignment and a tag as well as an isolation), whether the case is led by "if" or "for" or is a heading of
 * its own; a case of devices leaves the devices out of the device steps, not the incident out of its updates.
 */
describe('offline planner: a case that gets only one step', () => {
  /** The severities a step's condition rules out ("not (severity Low)"). */
  const ruledOut = (c: Condition | undefined): string[] => {
    if (!c) return [];
    if ('all' in c) return c.all.flatMap(ruledOut);
    if ('not' in c && 'kind' in c.not && c.not.kind === 'severity') return c.not.severities;
    return [];
  };

  it('when a heading of a severity gets "only" a comment, then the isolation and the assignment said before leave that severity out', async () => {
    const plan = await accepted('Assign the incident to ana@contoso.com and isolate the device. Low severity: only add a comment that it was looked at.');
    assert.deepEqual(ruledOut(step(plan, 'isolate').when?.condition), ['Low']);
    const assign = plan.spec.steps.find((s) => s.params.incident?.assignedTo === 'ana@contoso.com');
    assert.ok(assign);
    assert.deepEqual(ruledOut(assign.when?.condition), ['Low']);
    const comment = plan.spec.steps.find((s) => s.params.incident?.addComment);
    assert.ok(comment?.when?.condition && 'kind' in comment.when.condition && comment.when.condition.kind === 'severity');
  });

  it('when "for low severity incidents only" post, then the tag said first leaves the low incidents out too', async () => {
    const plan = await accepted('Tag the incident needs-triage and isolate the device. For low severity incidents only post in Teams.');
    const tag = plan.spec.steps.find((s) => s.params.incident?.addTags?.includes('needs-triage'));
    assert.ok(tag);
    assert.deepEqual(ruledOut(tag.when?.condition), ['Low']);
    assert.deepEqual(ruledOut(step(plan, 'isolate').when?.condition), ['Low']);
  });

  it('when the case says "also" instead of "only", then the steps said before keep running in it', async () => {
    const plan = await accepted('Tag the incident needs-triage and isolate the device. For low severity incidents also post in Teams.');
    const tag = plan.spec.steps.find((s) => s.params.incident?.addTags?.includes('needs-triage'));
    assert.ok(tag);
    assert.equal(tag.when, undefined);
    assert.deepEqual(ruledOut(step(plan, 'isolate').when?.condition), []);
  });

  it('when servers get "only" a package, then they leave the isolation but the Teams post said before still goes out', async () => {
    const plan = await accepted('Post in Teams and isolate the device. For servers, only collect an investigation package.');
    assert.equal(step(plan, 'teamsMessage').when, undefined);
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude?.kinds, ['server']);
    assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter?.include?.kinds, ['server']);
  });
});
