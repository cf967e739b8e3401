/**
 * The engine contracts the LLM planner builds on, in one place: when the engine's names move,
 * only this file changes.
 */
export {
  ACTIONS,
  ACTION_NAMES,
  Classification,
  Condition,
  Determination,
  IncidentStatus,
  PlaybookSpec,
  SERVICE_SOURCE_ALIASES,
  SERVICE_SOURCES,
  SEVERITIES,
  TOPICS,
  Target,
  describeCondition,
  describeTarget,
  describeSpec,
  hasDestructiveSteps,
} from '../../spec';
export type { ActionName, PlaybookSpecInput } from '../../spec';
export { SUPPORTED_AUTOMATIONS } from '../types';
export { refusalForSystemText } from '../offline';
export type { PlanAccepted, PlanContext, PlanRefused, PlanResult, Planner, Understood } from '../types';
