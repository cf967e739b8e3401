/** The LLM planner: OpenAI / Azure OpenAI / compatible endpoints through teams-ai, producing the checked spec. */
export { createIncidentSummarizer, createPlanner, plannerLabel, type ConversationalPlanner, type CreatePlannerOptions } from './createPlanner';
export {
  LlmPlanner,
  isQuestion,
  type ConversationContext,
  type FallbackNotice,
  type LlmPlanResult,
  type LlmPlannerOptions,
  type PlanQuestion,
  type ThreadMessage,
} from './LlmPlanner';
export { IncidentSummarizer, type IncidentSummary } from './summarizeIncident';
export { createOpenAIModel, modelLabel, resolveModelSettings, type ModelSettings } from './modelSettings';
