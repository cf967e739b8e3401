import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { OfflinePlanner, isQuestion } from '../../../src/playbooks/planner';
import { ACTIONS } from '../../../src/playbooks/spec';

/**
 * The safety rule as a property: a narrowing phrase Rampart cannot read, inserted at any clause
 * boundary of a request that acts, never leaves a destructive step in the plan. The phrases are
 * made of words no vocabulary holds, so no rule can have been written for them.
 */
const REQUESTS = (JSON.parse(fs.readFileSync(path.join(__dirname, '../../fixtures/dev-requests.json'), 'utf8')) as Array<{ request: string }>).map((r) => r.request);

const UNKNOWN_QUALIFIERS = [
  'only for the Zorblax unit',
  'but only during Quibble hours',
  'unless it belongs to the Frobnitz team',
  'only when the Vexdale flag is set',
  'except for Glorp machines',
];
const UNKNOWN_SENTENCES = ['Do this only for Plinth incidents.', 'Only when the Yarrow box says so.'];

/** Every place a phrase can go: the start, after each comma or colon, before each sentence end, the end. */
function insertions(request: string, phrase: string): string[] {
  const out = new Set<string>([`${phrase}, ${request}`, `${request.replace(/[.!?]\s*$/, '')} ${phrase}.`]);
  for (const m of request.matchAll(/[,:]\s|[.;]\s(?=\S)/g)) {
    const at = m.index + 1;
    out.add(`${request.slice(0, at)} ${phrase}${request.slice(at)}`);
  }
  return [...out];
}

describe('planner safety property: unknown narrowing words', () => {
  const planner = new OfflinePlanner();

  it('when an unknown narrowing phrase is inserted at any clause boundary of a dev request that acts, then no destructive step is planned', async () => {
    let acting = 0;
    let variants = 0;
    for (const request of REQUESTS) {
      const plain = await planner.plan(request);
      if (!plain.ok || !plain.spec.steps.some((s) => ACTIONS[s.action].destructive)) continue;
      acting += 1;
      const texts = [
        ...UNKNOWN_QUALIFIERS.flatMap((q) => insertions(request, q)),
        ...UNKNOWN_SENTENCES.map((s) => `${request.trim()} ${s}`),
        ...UNKNOWN_SENTENCES.map((s) => `${s} ${request.trim()}`),
      ];
      for (const text of texts) {
        variants += 1;
        const plan = await planner.plan(text);
        if (plan.ok) {
          const destructive = plan.spec.steps.filter((s) => ACTIONS[s.action].destructive).map((s) => s.action);
          assert.deepEqual(destructive, [], `"${text}" still plans ${destructive.join(', ')}`);
        } else {
          assert.ok(isQuestion(plan) || plan.reason.length > 0);
        }
      }
    }
    assert.ok(acting >= 10, `only ${acting} dev requests act`);
    assert.ok(variants >= 100, `only ${variants} variants`);
  });

  it('when the same requests carry no unknown words, then they still plan their destructive steps (the rule is not a blanket refusal)', async () => {
    for (const request of REQUESTS) {
      const plan = await planner.plan(request);
      if (isQuestion(plan)) assert.fail(`a clear request was answered with a question: "${request}": ${plan.question}`);
    }
  });
});
