import assert from 'node:assert/strict';
import { buildLedger } from '../../../src/playbooks/planner/ledger';
import { normalizeRequest } from '../../../src/playbooks/planner/normalize';
import type { PlaybookSpec, Step } from '../../../src/playbooks/spec';
import { accepted, planner, step } from './helpers';

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

describe('planner ledger: a negation is read only where the plan turns something around for it', () => {
  /** Whether a step carries a reading of a negation: a negated condition, an exclusion, or a user group left out. */
  const turned = (s: Step): boolean =>
    JSON.stringify(s.when ?? null).includes('"not"') || Boolean(s.deviceFilter?.exclude || s.userFilter?.exclude || s.userFilter?.notInGroups);

  it('when the plan holds the negated reading, then every word is read; with the reading taken away, the negation is not read', async () => {
    for (const request of [
      'on malware alerts isolate the box unless the alert came from MDE',
      'restrict app execution on the hosts that are not in the Crown Jewels device group',
      'revoke the sessions of the user when the user is not in the Road-Warriors group',
    ]) {
      const plan = await accepted(request);
      const text = normalizeRequest(request).text;
      assert.deepEqual(buildLedger(text, plan.spec).governing, [], request);
      // The same steps with their negated readings dropped: the words still say "not", the plan no longer does.
      const bare: PlaybookSpec = {
        ...plan.spec,
        steps: plan.spec.steps.map(({ when: _when, deviceFilter: _devices, userFilter: _users, ...rest }) => rest),
      };
      const unread = buildLedger(text, bare).governing.map((e) => e.word.toLowerCase());
      assert.ok(unread.some((w) => /^(?:not|unless|except|no|never)$/.test(w)), `${request}: ${JSON.stringify(unread)}`);
    }
  });

  it('when a negation is said after the step or inside its condition, then no destructive step runs without it', async () => {
    // Each of these once gave a step that ignored its "not": every device, or only the ones meant to be spared.
    for (const [request, action] of [
      ['quarantine the file if the alert is not in the Execution category', 'stopAndQuarantineFile'],
      ['contain the hosts, no DCs', 'isolate'],
      ['isolate the box when the alert is not from Defender for Endpoint', 'isolate'],
      ['restrict app execution on the endpoint, not the kiosk though', 'restrictCodeExecution'],
    ] as const) {
      const plan = await planner.plan(request);
      if (!plan.ok) {
        assert.ok('question' in plan && plan.question, `${request}: ${JSON.stringify(plan)}`);
        continue;
      }
      const steps = plan.spec.steps.filter((s) => s.action === action);
      assert.ok(steps.length > 0 && steps.every(turned), `${request}: ${JSON.stringify(plan.spec.steps)}`);
    }
  });

  it('when "if the alert is not ..." names a fact the grammar reads, then the step runs on the other alerts, and "do nothing" after it still spares them', async () => {
    const other = await accepted('quarantine the file if the alert is not in the Execution category');
    assert.deepEqual(step(other, 'stopAndQuarantineFile').when?.condition, { not: { kind: 'category', categories: ['Execution'] } });
    const dcs = await accepted('contain the hosts, no DCs');
    assert.deepEqual(step(dcs, 'isolate').deviceFilter, { exclude: { kinds: ['domainController'] } });
    // "if it is not tagged X, do nothing": the step is only for the tagged incidents.
    const nothing = await accepted('restrict app execution on high sev incidents. if the incident is not tagged approved-restrict, do nothing');
    assert.deepEqual(step(nothing, 'restrictCodeExecution').when?.condition, { kind: 'incidentTag', tags: ['approved-restrict'] });
  });

  it('when a negation is said about the alerts or the speaker ("those alerts never lie", "no worries"), then the steps stand', async () => {
    step(await accepted('on ransomware alerts disable the user, those detections never lie'), 'disableUser');
    step(await accepted('no worries if it takes a while: on high sev alerts isolate the device'), 'isolate');
  });
});
