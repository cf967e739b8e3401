import { ActionPlanner, PromptManager, type PromptCompletionModel, type PromptTemplate } from '@microsoft/teams-ai';
import type { PromptResponse } from '@microsoft/teams-ai/lib/types';
import { ModelUnavailable, type LanguageModel, type ModelAnswer, type PromptName } from '../../playbooks/planner/llm/languageModel';
import { PROMPTS_FOLDER, planningTools, specGuide } from '../../playbooks/planner/llm/promptCatalog';
import { ScratchMemory } from './scratchMemory';

// The model never receives a Bot Framework turn: teams-ai only uses the context to tag its
// events, so any object identity serves.
type TurnContextLike = Parameters<ActionPlanner['completePrompt']>[0];

/**
 * The engine's LanguageModel on teams-ai: renders the prompt folder through an ActionPlanner
 * (OpenAIModel in production, TestModel in unit tests) and turns every failure into a
 * ModelUnavailable with a plain reason. The deadline is the engine's (completeWithin).
 */
export class TeamsAiLanguageModel implements LanguageModel {
  private readonly planner: ActionPlanner;
  private readonly prompts: PromptManager;
  private readonly guide = specGuide();
  private prepared = false;

  constructor(model: PromptCompletionModel, readonly label: string, promptsFolder = PROMPTS_FOLDER) {
    this.prompts = new PromptManager({ promptsFolder });
    // Repairs are done by the LLM planner itself (one round, with the zod errors).
    this.planner = new ActionPlanner({ model, prompts: this.prompts, defaultPrompt: 'plan-playbook', max_repair_attempts: 0 });
  }

  async complete(prompt: PromptName, input: string): Promise<ModelAnswer> {
    await this.prepare();
    const memory = new ScratchMemory({ 'temp.input': input, 'temp.specGuide': this.guide });
    const context = { rampart: prompt } as unknown as TurnContextLike;
    let response: PromptResponse<string>;
    try {
      response = await this.planner.completePrompt<string>(context, memory, prompt);
    } catch (err) {
      throw new ModelUnavailable(`the model call failed: ${(err as Error).message}`);
    }
    if (response.status !== 'success' || !response.message) throw new ModelUnavailable(describeFailure(response));
    const calls = response.message.action_calls ?? [];
    return {
      toolCalls: calls.map((c: { function: { name: string; arguments: string } }) => ({ name: c.function.name, arguments: c.function.arguments })),
      text: typeof response.message.content === 'string' ? response.message.content : '',
    };
  }

  // The tool definitions always come from the live schema, even if actions.json on disk is stale.
  private async prepare(): Promise<void> {
    if (this.prepared) return;
    const template: PromptTemplate = await this.prompts.getPrompt('plan-playbook');
    template.actions = planningTools();
    await this.prompts.getPrompt('summarize-incident');
    this.prepared = true;
  }
}

/** Plain words for a failed completion: rate limit, HTTP status, or connection problem. */
export function describeFailure(response: PromptResponse<unknown>): string {
  const message = response.error?.message ?? 'no answer';
  if (response.status === 'rate_limited') return 'the model is rate-limited (HTTP 429)';
  if (response.status === 'too_long') return 'the request is too long for the model';
  // The openai SDK reports refused connections and DNS failures as an APIError without a status.
  if (/status of undefined/.test(message)) return 'the model endpoint is unreachable';
  const status = /status of (\d{3})/.exec(message);
  if (status) return `the model service failed (HTTP ${status[1]})`;
  if (/timed? ?out/i.test(message)) return 'the model did not answer in time';
  if (/ECONNREFUSED|Connection error|ENOTFOUND|fetch failed|socket/i.test(message)) return 'the model endpoint is unreachable';
  return `the model call failed (${message})`;
}
