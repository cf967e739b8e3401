import { isQuestion, type ThreadMessage } from '../../playbooks/planner/llm';
import type { PlanAccepted, PlanRefused, PlanResult } from '../../playbooks/planner/types';
import type { Review } from '../../playbooks/review/types';
import type { PlaybookConnection, RunOptions, RunResult } from '../../playbooks/runner';
import type { PlaybookSpec } from '../../playbooks/spec';
import { findSample, pickSample, type SampleIncident } from './samples';
import { previewFromRun, type DryRunPreview } from '../../playbooks/preview';
import { AppError } from '../../errors';

/**
 * The thread a plan belongs to. `propose(request)` always gets everything the analyst asked for
 * in plain words (what a planner without a conversation plans); a conversational (LLM) planner
 * instead reads the history, the current draft and the analyst's latest words.
 */
export interface PlanningThread {
  /** The thread so far (request, Rampart's question, the answer, earlier edits). */
  history?: ThreadMessage[];
  /** The draft being edited: `latest` is then a change to it ("also block the hash"). */
  currentSpec?: PlaybookSpec;
  /** What the conversational planner plans: the change, or the request a question was about. */
  latest?: string;
}

/** What `propose` answers: a playbook, a refusal, or (refusal with `question`) one question to ask in the thread. */
export type Proposal =
  | { ok: true; plan: PlanAccepted; spec: PlaybookSpec; code: string; review: Review }
  | { ok: false; refusal: PlanRefused; question?: string };

/** What the authoring flow needs from the engine: plan + generate + review, and runs. */
export interface AuthoringEngine {
  /** Plan, generate and review a request, or a change to the thread's draft. */
  propose(request: string, thread?: PlanningThread): Promise<Proposal>;
  /** Dry-runs code against an incident: the given id (a built-in sample, else read from the tenant) or the best sample for the spec. */
  dryRun(code: string, spec: PlaybookSpec, incidentId?: string): Promise<DryRunPreview>;
  /** A manual run of an approved version: dry by default; live runs defer the listed actions. */
  run(code: string, incidentId: string, options: { live: boolean; deferActions: string[] }): Promise<RunResult>;
}

/** The engine's entry points, injected so the bot does not depend on how they are built. */
export interface EngineParts {
  /** request -> plan (+ code and review when the plan was accepted); `generateFromRequest` in production. */
  generate(request: string, thread?: PlanningThread): Promise<{ plan: PlanResult; code?: string; review?: Review }>;
  runPlaybook(options: RunOptions): Promise<RunResult>;
  connection: PlaybookConnection;
  python?: string;
  /** Dry-run time limit; a preview must not hold the card back for long. */
  dryRunTimeoutMs?: number;
  /** The most recent tenant incident the spec's trigger matches, when a tenant is configured. */
  recentMatchingIncident?: (spec: PlaybookSpec) => Promise<{ incidentId: string; title: string } | undefined>;
}

/** How long the preview waits for the tenant's incident list before using a built-in sample. */
const RECENT_INCIDENT_WAIT_MS = 4000;

/** The authoring engine over the real planner, codegen, review and runner. */
export function createAuthoringEngine(parts: EngineParts): AuthoringEngine {
  const choose = async (spec: PlaybookSpec, incidentId?: string): Promise<{ sample?: SampleIncident; incidentId: string; title?: string }> => {
    if (incidentId) return { sample: findSample(incidentId), incidentId: incidentId.trim() };
    const recent = await recentFromTenant(spec);
    if (recent) return { incidentId: recent.incidentId, title: recent.title };
    const sample = pickSample(spec);
    return { sample, incidentId: sample.incidentId };
  };
  // A tenant that is slow or down must not hold the card back: fall back to a built-in sample.
  const recentFromTenant = async (spec: PlaybookSpec): Promise<{ incidentId: string; title: string } | undefined> => {
    if (!parts.recentMatchingIncident) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), RECENT_INCIDENT_WAIT_MS)));
    try {
      return await Promise.race([parts.recentMatchingIncident(spec).catch(() => undefined), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    async propose(request, thread) {
      const { plan, code, review } = await parts.generate(request, thread);
      if (!plan.ok) return isQuestion(plan) ? { ok: false, refusal: plan, question: plan.question } : { ok: false, refusal: plan };
      if (code === undefined || review === undefined) {
        throw new AppError('EngineIncomplete', 'Rampart planned this but could not produce the playbook.', { detail: 'the engine accepted the plan but returned no code or review' });
      }
      return { ok: true, plan, spec: plan.spec, code, review };
    },
    async dryRun(code, spec, incidentId) {
      const target = await choose(spec, incidentId);
      const result = await parts.runPlaybook({
        source: code,
        incidentId: target.incidentId,
        mockData: target.sample?.incident,
        dryRun: true,
        env: parts.connection,
        python: parts.python,
        timeoutMs: parts.dryRunTimeoutMs ?? 60_000,
      });
      return previewFromRun(result, {
        incidentId: target.incidentId,
        title: target.sample?.title ?? target.title,
        source: target.sample ? 'sample' : 'tenant',
      });
    },
    async run(code, incidentId, options) {
      const sample = findSample(incidentId);
      return parts.runPlaybook({
        source: code,
        incidentId,
        mockData: sample?.incident,
        dryRun: !options.live,
        deferActions: options.live ? options.deferActions : [],
        env: parts.connection,
        python: parts.python,
      });
    },
  };
}
