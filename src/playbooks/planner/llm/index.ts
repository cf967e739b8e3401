/**
 * The LLM planner: a model (behind the LanguageModel port) proposes a spec through a tool call,
 * checked by the same schema and safety rule as the offline planner's. The teams-ai model that
 * fills the port, and the factories that pick it from the config, live in src/bot/llm/.
 */
export {
  LlmPlanner,
  DEFAULT_MODEL_TIMEOUT_MS,
  isQuestion,
  type ConversationContext,
  type FallbackNotice,
  type LlmPlanResult,
  type LlmPlannerOptions,
  type PlanQuestion,
  type ThreadMessage,
} from './LlmPlanner';
export { completeWithin, ModelUnavailable, type LanguageModel, type ModelAnswer, type PromptName, type ToolCall } from './languageModel';
export { IncidentSummarizer, type IncidentSummary } from './summarizeIncident';
