import { generatePlaybook } from './codegen';
import { defaultPlanner, type PlanContext, type PlanResult, type Planner } from './planner';
import { reviewPlaybook, type Review } from './review';
import type { PlaybookSpec } from './spec';

/** Options for one request -> playbook run of the engine. */
export interface GenerateOptions {
  planner?: Planner;
  /** Run the static review (py_compile, bandit, Rampart's rules); default true. */
  review?: boolean;
  /** Interpreter for the review. */
  python?: string;
  planContext?: PlanContext;
}

/** How long each stage took, in milliseconds. */
export interface EngineTimings {
  planMs: number;
  generateMs: number;
  reviewMs?: number;
}

/** The engine's answer: the plan always; spec and code when the plan was accepted. */
export type GenerateResult =
  | { ok: true; plan: Extract<PlanResult, { ok: true }>; spec: PlaybookSpec; code: string; review?: Review; timings: EngineTimings }
  | { ok: false; plan: Extract<PlanResult, { ok: false }>; timings: EngineTimings };

/** Plain-English request -> plan -> Python playbook -> (optionally) review. Used by the CLI, the Teams layer and the benchmark. */
export async function generateFromRequest(request: string, opts: GenerateOptions = {}): Promise<GenerateResult> {
  const planner = opts.planner ?? defaultPlanner();
  const t0 = performance.now();
  const plan = await planner.plan(request, opts.planContext);
  const t1 = performance.now();
  if (!plan.ok) return { ok: false, plan, timings: { planMs: t1 - t0, generateMs: 0 } };
  const code = generatePlaybook(plan.spec, { request });
  const t2 = performance.now();
  const timings: EngineTimings = { planMs: t1 - t0, generateMs: t2 - t1 };
  if (opts.review === false) return { ok: true, plan, spec: plan.spec, code, timings };
  const review = await reviewPlaybook(code, opts.python ? { python: opts.python } : {});
  timings.reviewMs = performance.now() - t2;
  return { ok: true, plan, spec: plan.spec, code, review, timings };
}
