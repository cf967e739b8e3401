import { AppError } from '../../../errors';

/**
 * The port through which the LLM planner and the incident summariser reach a model. The engine
 * knows only this; the bot layer fills it with teams-ai (src/bot/llm/teamsAiModel.ts), tests
 * with teams-ai's TestModel behind the same adapter or with a plain object.
 */
export interface LanguageModel {
  /** Shown on cards and /healthz, e.g. "openai:gpt-4o-mini". */
  readonly label: string;
  /** Completes the named prompt with `input` as the user message; throws ModelUnavailable when the model cannot answer. */
  complete(prompt: PromptName, input: string): Promise<ModelAnswer>;
}

/** The prompt names under prompts/. */
export type PromptName = 'plan-playbook' | 'summarize-incident';

/** One tool call the model made. */
export interface ToolCall {
  name: string;
  arguments: string;
}

/** What the model answered: its tool calls and any text. */
export interface ModelAnswer {
  toolCalls: ToolCall[];
  text: string;
}

/** Why the model could not be used; the planner falls back to the offline planner with this reason. */
export class ModelUnavailable extends AppError {
  constructor(readonly reason: string) {
    super('ModelUnavailable', 'The language model did not answer; Rampart used its offline planner instead.', { httpStatus: 503, detail: reason });
  }
}

/** `model.complete`, or ModelUnavailable once `timeoutMs` has passed without an answer; any other failure becomes ModelUnavailable too. */
export async function completeWithin(model: LanguageModel, timeoutMs: number, prompt: PromptName, input: string): Promise<ModelAnswer> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ModelUnavailable(`the model did not answer within ${Math.round(timeoutMs / 100) / 10}s`)), timeoutMs);
  });
  try {
    return await Promise.race([model.complete(prompt, input), deadline]);
  } catch (err) {
    if (err instanceof ModelUnavailable) throw err;
    throw new ModelUnavailable(`the model call failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    clearTimeout(timer);
  }
}
