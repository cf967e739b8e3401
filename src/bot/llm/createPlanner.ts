import type { Config } from '../../config';
import type { Logger } from '../../logger';
import { OfflinePlanner } from '../../playbooks/planner/offline';
import type { Planner } from '../../playbooks/planner/llm/contract';
import { DEFAULT_MODEL_TIMEOUT_MS, LlmPlanner, type ConversationContext, type LlmPlanResult } from '../../playbooks/planner/llm/LlmPlanner';
import { IncidentSummarizer } from '../../playbooks/planner/llm/summarizeIncident';
import { createOpenAIModel, modelLabel, resolveModelSettings, type AzureTokenProvider } from './modelSettings';
import { TeamsAiLanguageModel } from './teamsAiModel';

/** A planner that takes the thread: the LLM planner, or the offline planner (which ignores what it cannot use). */
export interface ConversationalPlanner extends Planner {
  plan(request: string, ctx?: ConversationContext): Promise<LlmPlanResult>;
}

export interface CreatePlannerOptions {
  /** The offline rule-based planner: the answer when no model is configured, and the fallback. */
  offline?: Planner;
  logger?: Logger;
  timeoutMs?: number;
  /** Keyless Azure OpenAI: where Entra ID tokens come from (default DefaultAzureCredential). */
  azureTokenProvider?: AzureTokenProvider;
  /** Extra `openai` client options (e.g. an https agent trusting a private CA). */
  clientOptions?: Record<string, unknown>;
}

/** The planner for this configuration: the LLM planner (offline as fallback) when a model is configured, else offline alone. */
export function createPlanner(config: Pick<Config, 'llm'>, options: CreatePlannerOptions = {}): ConversationalPlanner {
  const offline = options.offline ?? new OfflinePlanner();
  const settings = resolveModelSettings(config.llm);
  if (!settings) return offline;
  const timeoutMs = options.timeoutMs ?? DEFAULT_MODEL_TIMEOUT_MS;
  const model = createOpenAIModel(settings, {
    // The SDK's own timeout is a little later than the planner's, so the planner's deadline
    // (with its plain-words reason) is the one that fires.
    timeoutMs: timeoutMs + 1000,
    azureTokenProvider: options.azureTokenProvider,
    clientOptions: options.clientOptions,
  });
  return new LlmPlanner({ model: new TeamsAiLanguageModel(model, modelLabel(settings)), fallback: offline, timeoutMs, logger: options.logger });
}

/** The planner name for /healthz and cards, without building a client. */
export function plannerLabel(config: Pick<Config, 'llm'>): string {
  const settings = resolveModelSettings(config.llm);
  return settings ? `${modelLabel(settings)} (offline fallback)` : 'offline';
}

/** The incident summariser for this configuration, or undefined when no model is configured (summaries are optional). */
export function createIncidentSummarizer(
  config: Pick<Config, 'llm'>,
  options: Omit<CreatePlannerOptions, 'offline'> = {},
): IncidentSummarizer | undefined {
  const settings = resolveModelSettings(config.llm);
  if (!settings) return undefined;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const model = createOpenAIModel(settings, {
    timeoutMs: timeoutMs + 1000,
    azureTokenProvider: options.azureTokenProvider,
    clientOptions: options.clientOptions,
  });
  return new IncidentSummarizer({ model: new TeamsAiLanguageModel(model, modelLabel(settings)), timeoutMs, logger: options.logger });
}
