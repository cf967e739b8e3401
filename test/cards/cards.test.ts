import assert from 'node:assert/strict';
import { auditCard, diffCard, exportCard, libraryCard, playbookCard, runResultCard } from '../../src/cards/library';
import { CARD_BUDGET_BYTES, proposalCard, questionCard, refusalCard, type ProposalCardInput } from '../../src/cards/proposal';
import { generatePlaybook } from '../../src/playbooks/codegen/generate';
import { isQuestion } from '../../src/playbooks/planner/llm';
import { OfflinePlanner } from '../../src/playbooks/planner/offline';
import { DEV_REQUESTS } from '../fixtures/corpus';
import type { AdaptiveCard } from '../../src/cards/types';
import { welcomeCard } from '../../src/cards/welcome';
import type { PlaybookVersion } from '../../src/playbooks/library';
import { ISOLATE_SPEC, fakeCode } from '../bot/authoring/harness';
import { adaptiveCardProblems, assertAdaptiveCard } from './adaptiveCards';

function assertValid(card: AdaptiveCard, label: string): void {
  assertAdaptiveCard(card, label);
  assert.ok(Buffer.byteLength(JSON.stringify(card)) < CARD_BUDGET_BYTES, `${label} is over the 28 KB budget`);
}

function version(overrides: Partial<PlaybookVersion> = {}): PlaybookVersion {
  return {
    playbookId: 'pb-1',
    version: 3,
    request: 'Isolate the machine if a critical severity alert involves a known malicious IOC.',
    spec: ISOLATE_SPEC,
    code: fakeCode(200),
    codeSha256: 'a'.repeat(64),
    review: {
      findings: [
        { rule: 'RAMP001', severity: 'high', line: 7, message: 'hard-coded secret', fix: 'use the environment', blocking: true },
        { rule: 'B113', severity: 'low', line: 40, message: 'no timeout', fix: 'add timeout', blocking: false },
      ],
      blocking: false,
      permissions: [{ name: 'Machine.Isolate', api: 'Defender', why: 'isolate devices' }],
    },
    plan: { understood: [{ phrase: 'critical', meaning: 'High' }], notUnderstood: ['hourly'], facts: ['critical -> High'], assumptions: ['a known IOC means 1+ engines'], planner: 'offline' },
    blocking: false,
    requester: { id: 'aad-alex', name: 'Alex Analyst' },
    createdAt: '2026-11-28T14:00:00.000Z',
    decision: 'pending',
    unattended: false,
    selfApproved: false,
    ...overrides,
  };
}

function input(v: PlaybookVersion, extra: Partial<ProposalCardInput> = {}): ProposalCardInput {
  return {
    playbook: { id: 'pb-1', name: 'isolate-malicious-ioc', status: v.decision === 'approved' ? 'enabled' : 'draft', latestVersion: 4 },
    version: v,
    preview: {
      incidentId: '41001',
      source: 'sample',
      effects: [{ text: 'isolate ws-fin-042.contoso.local (Full)', destructive: true }],
      falseConditions: [],
      status: 'completed',
      ranAt: '2026-11-28T14:00:01.000Z',
    },
    downloadUrl: 'https://rampart.test/api/downloads/playbooks/pb-1/3?expires=1&sig=abc',
    selfApprovalAllowed: false,
    refreshUserIds: ['29:alex'],
    ...extra,
  };
}

describe('cards: Adaptive Card 1.5 schema and size', () => {
  it('when a proposal is pending, approved, rejected, superseded or blocked, then every card is valid 1.5 under 28 KB', () => {
    const cases: [string, PlaybookVersion][] = [
      ['pending', version()],
      ['approved', version({ decision: 'approved', decidedBy: { id: 'd', name: 'Dana Lead' }, decidedAt: '2026-11-28T14:02:00.000Z' })],
      ['rejected', version({ decision: 'rejected', decidedBy: { id: 'd', name: 'Dana Lead' }, decidedAt: '2026-11-28T14:02:00.000Z', rejectReason: 'too broad' })],
      ['superseded', version({ decision: 'superseded' })],
      ['blocking', version({ blocking: true })],
    ];
    for (const [label, v] of cases) assertValid(proposalCard(input(v)), label);
  });

  it('when the approved card is drawn, then it names the approver, the time, the version and the status', () => {
    const card = proposalCard(input(version({ decision: 'approved', decidedBy: { id: 'd', name: 'Dana Lead' }, decidedAt: '2026-11-28T14:02:00.000Z' })));
    assert.match(JSON.stringify(card), /Approved by Dana Lead at 14:02 UTC on 2026-11-28, version 3, enabled/);
  });

  it('when the playbook is long, then the code is cut to fit 28 KB and the card points to the download', () => {
    const card = proposalCard(input(version({ code: fakeCode(3000) })));
    assertValid(card, 'long code');
    const text = JSON.stringify(card);
    assert.match(text, /Showing lines 1–\d+ of 3000/);
    assert.match(text, /Download isolate-malicious-ioc-v3.py/);
  });

  it('when the dry run found nothing to do, then the card says no action and why', () => {
    const card = proposalCard(input(version(), { preview: { incidentId: '41002', source: 'tenant', effects: [], falseConditions: ['0/70 engines flag bc95...'], status: 'completed', ranAt: '' } }));
    assert.match(JSON.stringify(card), /No action: the condition was false because 0\/70 engines flag bc95/);
    assertValid(card, 'no-action preview');
  });

  it('when a card carries an element, property, value or version outside 1.5, then the library check fails (the check can fail)', () => {
    const bad = proposalCard(input(version()));
    (bad.body as unknown[]).push({ type: 'CodeBlock', codeSnippet: 'x' });
    assert.match(adaptiveCardProblems(bad).join('\n'), /Unknown element type "CodeBlock"/);
    const badProp = proposalCard(input(version()));
    (badProp.body[0] as Record<string, unknown>).colour = 'Red';
    assert.match(adaptiveCardProblems(badProp).join('\n'), /unknown property "colour"/);
    const nested = proposalCard(input(version()));
    (nested.actions as Record<string, unknown>[])[0].tooltipText = 'x';
    assert.match(adaptiveCardProblems(nested).join('\n'), /Action\.Execute\): unknown property "tooltipText"/);
    const badValue = proposalCard(input(version()));
    (badValue.body[0] as Record<string, unknown>).color = 'Purple';
    assert.match(adaptiveCardProblems(badValue).join('\n'), /Invalid value "Purple"/);
    const newer = proposalCard(input(version()));
    (newer as { version: string }).version = '1.6';
    assert.match(adaptiveCardProblems(newer).join('\n'), /version is 1\.6/);
    const wide = proposalCard(input(version()));
    (wide as unknown as Record<string, unknown>).msteams = { width: 'Half' };
    assert.match(adaptiveCardProblems(wide).join('\n'), /msteams/);
    // And the untouched card is clean: the same check accepts what Rampart sends.
    assert.deepEqual(adaptiveCardProblems(proposalCard(input(version()))), []);
  });

  it('when the library, show, diff, audit, run, export, refusal and welcome cards are drawn, then each is valid 1.5', () => {
    const v = version();
    const playbook = { id: 'pb-1', name: 'isolate-malicious-ioc', status: 'enabled' as const, activeVersion: 3, latestVersion: 3, createdBy: { id: 'a', name: 'Alex' }, createdAt: v.createdAt, updatedAt: v.createdAt };
    assertValid(libraryCard([{ playbook, version: v, lastRun: { id: 1, playbookId: 'pb-1', version: 3, incidentId: '41001', mode: 'live', startedBy: 'incident', status: 'completed', actions: [], startedAt: v.createdAt } }]), 'library');
    assertValid(libraryCard([]), 'empty library');
    assertValid(playbookCard(playbook, v, [v], 'https://rampart.test/x'), 'show');
    assertValid(diffCard('isolate-malicious-ioc', 1, 2, '===\n---\n@@ -1 +1 @@\n-a\n+b'), 'diff');
    assertValid(auditCard([{ id: 1, at: v.createdAt, kind: 'approval', actorName: 'Dana', subject: 'x v1', detail: { version: 1 } }]), 'audit');
    assertValid(runResultCard({ name: 'x', version: 1, incidentId: '41001', live: true, status: 'awaiting-approval', effects: [{ text: 'isolate ws (Full)', status: 'deferred' }], falseConditions: [] }), 'run');
    assertValid(exportCard('x', 1, 'https://rampart.test/x', 10), 'export');
    assertValid(refusalCard({ request: 'weather', reason: 'nothing actionable', notUnderstood: ['weather'], supported: 'isolate, block' }), 'refusal');
    assertValid(welcomeCard({ selfApprovalAllowed: true, inChannel: true }), 'welcome');
  });
});

describe('cards: every dev request of the corpus, as the authoring flow draws it', () => {
  it('when each dev request is planned offline, then its proposal, question or refusal card passes the Adaptive Cards parser', async () => {
    const planner = new OfflinePlanner();
    const kinds = { proposal: 0, question: 0, refusal: 0 };
    for (const { request } of DEV_REQUESTS) {
      const plan = await planner.plan(request);
      if (plan.ok) {
        const code = generatePlaybook(plan.spec, { request });
        const v = version({ request, spec: plan.spec, code, plan: { understood: plan.understood, notUnderstood: plan.notUnderstood, facts: plan.facts, assumptions: plan.assumptions, planner: plan.planner }, review: { findings: [], blocking: false, permissions: [] } });
        assertValid(proposalCard(input(v)), `proposal for "${request}"`);
        kinds.proposal++;
      } else if (isQuestion(plan)) {
        assertValid(questionCard({ request, question: plan.question, planner: plan.planner, readings: plan.readings }), `question for "${request}"`);
        kinds.question++;
      } else {
        assertValid(refusalCard({ request, reason: plan.reason, notUnderstood: plan.notUnderstood, supported: plan.supported }), `refusal for "${request}"`);
        kinds.refusal++;
      }
    }
    assert.equal(kinds.proposal + kinds.question + kinds.refusal, DEV_REQUESTS.length);
    assert.ok(kinds.proposal > 0 && kinds.refusal > 0, JSON.stringify(kinds));
  });
});
