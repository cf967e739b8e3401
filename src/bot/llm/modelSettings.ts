import { OpenAIModel } from '@microsoft/teams-ai';
import type { Config } from '../../config';

/** Which kind of model endpoint the LLM planner talks to. */
export type ModelProvider = 'openai' | 'azure-openai' | 'openai-compatible';

/** The resolved model settings: which endpoint, which model, how it authenticates. */
export interface ModelSettings {
  provider: ModelProvider;
  /** The OpenAI model name, or the Azure OpenAI deployment name. */
  model: string;
  /** OpenAI-compatible base URL, or the Azure OpenAI resource endpoint. */
  endpoint?: string;
  apiKey?: string;
  /** Azure OpenAI without a key authenticates with Entra ID (managed identity, az login, ...). */
  auth: 'api-key' | 'entra-id';
}

/** Model name used when OPENAI_MODEL is not set. */
export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';

/** Reads the LLM settings out of the config; undefined when no model is configured. */
export function resolveModelSettings(llm: Config['llm']): ModelSettings | undefined {
  if (llm.azureEndpoint) {
    return {
      provider: 'azure-openai',
      model: llm.azureDeployment ?? llm.openaiModel ?? DEFAULT_OPENAI_MODEL,
      endpoint: llm.azureEndpoint,
      apiKey: llm.azureApiKey,
      auth: llm.azureApiKey ? 'api-key' : 'entra-id',
    };
  }
  if (llm.openaiBaseUrl) {
    return {
      provider: 'openai-compatible',
      model: llm.openaiModel ?? DEFAULT_OPENAI_MODEL,
      endpoint: llm.openaiBaseUrl,
      // Local OpenAI-compatible servers often need no key, but the SDK refuses an empty one.
      apiKey: llm.openaiApiKey ?? 'not-needed',
      auth: 'api-key',
    };
  }
  if (llm.openaiApiKey) {
    return { provider: 'openai', model: llm.openaiModel ?? DEFAULT_OPENAI_MODEL, apiKey: llm.openaiApiKey, auth: 'api-key' };
  }
  return undefined;
}

/** The name shown on cards and in /healthz, e.g. "openai:gpt-4o-mini" or "azure-openai:soc-gpt4o". */
export function modelLabel(settings: ModelSettings): string {
  return `${settings.provider}:${settings.model}`;
}

/** The scope Azure OpenAI accepts for Entra ID tokens. */
export const AZURE_OPENAI_SCOPE = 'https://cognitiveservices.azure.com/.default';

/** Supplies Entra ID bearer tokens for Azure OpenAI when no key is configured. */
export type AzureTokenProvider = () => Promise<string>;

/** The default Entra ID token provider: DefaultAzureCredential (managed identity in Azure, az login locally). */
export function defaultAzureTokenProvider(): AzureTokenProvider {
  // Loaded lazily: @azure/identity is heavy and only needed for keyless Azure OpenAI.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- synchronous lazy load of a heavy, rarely needed package
  const identity = require('@azure/identity') as typeof import('@azure/identity');
  return identity.getBearerTokenProvider(new identity.DefaultAzureCredential(), AZURE_OPENAI_SCOPE);
}

export interface ModelClientOptions {
  /** Per-request timeout of the HTTP client (the planner enforces its own deadline too). */
  timeoutMs: number;
  /** Entra ID token provider for keyless Azure OpenAI; defaults to DefaultAzureCredential. */
  azureTokenProvider?: AzureTokenProvider;
  /** Extra `openai` client options (tests pass an https agent trusting their own CA). */
  clientOptions?: Record<string, unknown>;
  /** Azure OpenAI API version; tool calls need 2024-02-01 or later. */
  azureApiVersion?: string;
}

/** Builds the teams-ai OpenAIModel for OpenAI, Azure OpenAI (key or Entra ID) or a compatible endpoint. */
export function createOpenAIModel(settings: ModelSettings, options: ModelClientOptions): OpenAIModel {
  // Retries are ours to decide: a planner that waits through SDK back-off keeps the analyst
  // waiting, while the offline planner answers at once.
  const common = {
    maxRetries: 0,
    useSystemMessages: true,
    // teams-ai does not hand maxRetries to the openai client; clientOptions does.
    clientOptions: { timeout: options.timeoutMs, maxRetries: 0, ...(options.clientOptions ?? {}) },
  };
  if (settings.provider === 'azure-openai') {
    return new OpenAIModel({
      ...common,
      azureEndpoint: settings.endpoint ?? '',
      azureDefaultDeployment: settings.model,
      azureApiVersion: options.azureApiVersion ?? '2024-06-01',
      ...(settings.auth === 'api-key'
        ? { azureApiKey: settings.apiKey }
        : { azureADTokenProvider: options.azureTokenProvider ?? defaultAzureTokenProvider() }),
    });
  }
  return new OpenAIModel({
    ...common,
    apiKey: settings.apiKey ?? '',
    defaultModel: settings.model,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
  });
}
