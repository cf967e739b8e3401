/** The LLM planner's model on teams-ai (OpenAI, Azure OpenAI, compatible endpoints) and the factories the composition root calls. */
export { createIncidentSummarizer, createPlanner, plannerLabel, type ConversationalPlanner, type CreatePlannerOptions } from './createPlanner';
export { createOpenAIModel, modelLabel, resolveModelSettings, type ModelSettings } from './modelSettings';
export { TeamsAiLanguageModel, describeFailure } from './teamsAiModel';
