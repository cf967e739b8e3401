import assert from 'node:assert/strict';
import { OfflinePlanner } from '../../../src/playbooks/planner';
import type { PlanAccepted } from '../../../src/playbooks/planner';
import type { ActionName, Condition, IocType, Step } from '../../../src/playbooks/spec';

/** One offline planner for the planner tests. */
export const planner = new OfflinePlanner();

/** Plans a request that must become a playbook; fails the test with the whole answer otherwise. */
export async function accepted(request: string): Promise<PlanAccepted> {
  const plan = await planner.plan(request);
  assert.ok(plan.ok, `expected a playbook for "${request}", got ${JSON.stringify(plan)}`);
  return plan;
}

/** The plan's step for an action; fails the test when there is none. */
export function step(plan: PlanAccepted, action: ActionName): Step {
  const s = plan.spec.steps.find((x) => x.action === action);
  assert.ok(s, `no ${action} step in ${JSON.stringify(plan.spec.steps)}`);
  return s;
}

/** The condition "clean on VirusTotal": no IOC of these types flagged, and VirusTotal has a record of each (unknown is not clean). */
export function knownClean(iocTypes: IocType[]): Condition {
  return { all: [{ not: { kind: 'maliciousIoc', iocTypes, minEngines: 1 } }, { not: { kind: 'unknownIoc', iocTypes } }] };
}

/** Every condition kind inside a condition, however deep ("not x" for one turned around). */
export function kinds(c: Condition | undefined): string[] {
  if (!c) return [];
  if ('all' in c) return c.all.flatMap(kinds);
  if ('any' in c) return c.any.flatMap(kinds);
  if ('not' in c) return kinds(c.not).map((k) => `not ${k}`);
  return [c.kind];
}
