import assert from 'node:assert/strict';
import { buildLedger } from '../../../src/playbooks/planner/ledger';
import { normalizeRequest } from '../../../src/playbooks/planner/normalize';
import type { PlaybookSpec } from '../../../src/playbooks/spec';
import { accepted } from './helpers';

describe('planner ledger: fact words are read where the plan holds them', () => {
  it('when each sentence names its own level, then a level is read only if a step of that sentence (or the trigger) tests it', async () => {
    const request = 'crit sev: isolate the box. med sev: tag it needs-review';
    const plan = await accepted(request);
    const text = normalizeRequest(request).text;
    // The genuine plan: every word accounted for.
    assert.deepEqual(buildLedger(text, plan.spec).governing, []);
    // The same steps with their levels swapped: the words say one thing, the plan another.
    const [first, second] = plan.spec.steps;
    assert.ok(first.when && second.when, JSON.stringify(plan.spec.steps));
    const swapped: PlaybookSpec = { ...plan.spec, steps: [{ ...first, when: second.when }, { ...second, when: first.when }] };
    const unread = buildLedger(text, swapped).governing.map((e) => e.word.toLowerCase());
    assert.ok(unread.includes('high') || unread.includes('critical'), JSON.stringify(unread));
  });
});
