import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { TestModel } from '@microsoft/teams-ai';
import { parseConfig } from '../../src/config';
import { OfflinePlanner } from '../../src/playbooks/planner/offline';
import { createOpenAIModel, createPlanner, plannerLabel, resolveModelSettings, TeamsAiLanguageModel } from '../../src/bot/llm';
import { LlmPlanner } from '../../src/playbooks/planner/llm';
import { PROMPTS_FOLDER, planningActionsJson, specGuide } from '../../src/playbooks/planner/llm/promptCatalog';
import { ACTION_NAMES, SEVERITIES } from '../../src/playbooks/spec';

const SPEC = {
  specVersion: 1,
  name: 'Scan on high incidents',
  trigger: { kind: 'incident', severities: ['High'], serviceSources: ['MicrosoftDefenderForEndpoint'] },
  steps: [{ action: 'runAntiVirusScan', target: { kind: 'incidentDevices' }, params: { scanType: 'Full' } }],
};

function toolAnswer(name: string, args: unknown): TestModel {
  return TestModel.returnResponse({
    status: 'success',
    message: { role: 'assistant', content: '', action_calls: [{ id: 'call_1', type: 'function', function: { name, arguments: JSON.stringify(args) } }] },
  });
}

function plannerWith(model: TestModel): LlmPlanner {
  return new LlmPlanner({ model: new TeamsAiLanguageModel(model, 'test:model'), fallback: new OfflinePlanner(), timeoutMs: 1000 });
}

describe('LLM planner (teams-ai TestModel)', () => {
  it('when the model proposes a spec, then defaults are filled by the same zod schema as the offline planner\'s', async () => {
    const result = await plannerWith(toolAnswer('propose_playbook', { spec: SPEC, understood: [], notUnderstood: [] })).plan('scan');
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.deepEqual(result.spec.trigger.titleKeywords, []);
    assert.deepEqual(result.spec.enrichments, []);
    assert.equal(result.planner, 'test:model');
  });

  it('when the request asks to change severity, then that part is reported as not understood with the domain fact, even if the model omitted it', async () => {
    const request = 'Run a full scan on every device of high severity incidents and set the severity to critical.';
    const result = await plannerWith(toolAnswer('propose_playbook', { spec: SPEC, understood: [], notUnderstood: [] })).plan(request);
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.ok(result.facts.some((f) => /Severity cannot be changed/.test(f)));
    assert.ok(result.facts.some((f) => /no "critical" severity/.test(f)));
    assert.ok(result.notUnderstood.some((n) => /severity/.test(n)));
  });

  it('when a compatible endpoint answers with the spec as JSON text instead of a tool call, then it is accepted', async () => {
    const result = await plannerWith(TestModel.returnContent(`Here you go:\n${JSON.stringify(SPEC)}`)).plan('scan');
    assert.equal(result.ok, true);
  });

  it('when the model is rate-limited, then the offline planner answers and says so', async () => {
    const result = await plannerWith(TestModel.returnRateLimited(new Error('429'))).plan('Run a quick scan on machines with high severity alerts.');
    assert.equal(result.ok, true);
    assert.match(result.planner, /^offline-rules \(fallback: the model is rate-limited \(HTTP 429\)\)$/);
  });

  it('when the prompt is rendered, then it carries the catalogue generated from the spec schema', async () => {
    let rendered = '';
    const model = TestModel.createTestModel(async (_m, context, memory, functions, tokenizer, template) => {
      const out = await template.prompt.renderAsMessages(context, memory, functions, tokenizer, 100_000);
      rendered = out.output.map((m) => String(m.content)).join('\n');
      return { status: 'success', message: { role: 'assistant', content: JSON.stringify(SPEC) } };
    });
    await plannerWith(model).plan('scan high incidents');
    for (const action of ACTION_NAMES) assert.ok(rendered.includes(`- ${action}: `), `prompt lists ${action}`);
    assert.ok(rendered.includes(`severities: ${SEVERITIES.join(', ')}`));
    assert.match(rendered, /<analyst-request>\nscan high incidents\n<\/analyst-request>/);
    assert.ok(rendered.includes(specGuide()));
  });

  it('when the spec schema changes, then prompts/plan-playbook/actions.json must be regenerated (it is in sync now)', () => {
    const onDisk = fs.readFileSync(path.join(PROMPTS_FOLDER, 'plan-playbook', 'actions.json'), 'utf8');
    assert.equal(onDisk, planningActionsJson(), 'run: npx tsx src/playbooks/planner/llm/promptCatalog.ts');
  });
});

describe('LLM planner configuration per provider', () => {
  it('when nothing is configured, then the offline planner alone is used', () => {
    const config = parseConfig({});
    assert.equal(resolveModelSettings(config.llm), undefined);
    assert.ok(createPlanner(config) instanceof OfflinePlanner);
    assert.equal(plannerLabel(config), 'offline');
  });

  it('when OPENAI_API_KEY and OPENAI_MODEL are set, then OpenAI is used with that model', () => {
    const config = parseConfig({ OPENAI_API_KEY: 'sk-1', OPENAI_MODEL: 'gpt-4o' });
    const settings = resolveModelSettings(config.llm);
    assert.deepEqual(settings, { provider: 'openai', model: 'gpt-4o', apiKey: 'sk-1', auth: 'api-key' });
    const model = createOpenAIModel(settings, { timeoutMs: 1000 });
    assert.equal((model.options as { defaultModel: string }).defaultModel, 'gpt-4o');
    assert.equal((model.options as { endpoint?: string }).endpoint, undefined);
    assert.equal(createPlanner(config).name, 'openai:gpt-4o');
  });

  it('when only OPENAI_API_KEY is set, then the default model is named', () => {
    assert.equal(createPlanner(parseConfig({ OPENAI_API_KEY: 'sk-1' })).name, 'openai:gpt-4o-mini');
  });

  it('when OPENAI_BASE_URL is set, then the compatible endpoint is used even without a key', () => {
    const settings = resolveModelSettings(parseConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1', OPENAI_MODEL: 'llama3.1' }).llm);
    assert.equal(settings?.provider, 'openai-compatible');
    assert.equal(settings?.endpoint, 'http://127.0.0.1:11434/v1');
    assert.equal(settings?.model, 'llama3.1');
  });

  it('when Azure OpenAI has a key, then key auth on the deployment is used', () => {
    const settings = resolveModelSettings(
      parseConfig({ AZURE_OPENAI_ENDPOINT: 'https://soc.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'gpt4o-soc', AZURE_OPENAI_API_KEY: 'k' }).llm,
    );
    assert.deepEqual(settings, { provider: 'azure-openai', model: 'gpt4o-soc', endpoint: 'https://soc.openai.azure.com', apiKey: 'k', auth: 'api-key' });
  });

  it('when Azure OpenAI has no key, then managed identity (DefaultAzureCredential token provider) is wired in', () => {
    const config = parseConfig({ AZURE_OPENAI_ENDPOINT: 'https://soc.openai.azure.com', AZURE_OPENAI_DEPLOYMENT: 'gpt4o-soc' });
    const settings = resolveModelSettings(config.llm)!;
    assert.equal(settings.auth, 'entra-id');
    const model = createOpenAIModel(settings, { timeoutMs: 1000 });
    assert.equal(typeof (model.options as { azureADTokenProvider?: unknown }).azureADTokenProvider, 'function');
    assert.equal(createPlanner(config).name, 'azure-openai:gpt4o-soc');
    assert.equal(plannerLabel(config), 'azure-openai:gpt4o-soc (offline fallback)');
  });
});
