import { OfflinePlanner } from './offline';
import type { Planner } from './types';

export * from './types';
export { OfflinePlanner } from './offline';

/** The planner Rampart uses when no LLM is configured: offline rules, no keys, deterministic. */
export function defaultPlanner(): Planner {
  return new OfflinePlanner();
}
