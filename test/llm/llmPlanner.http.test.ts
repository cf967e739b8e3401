import assert from 'node:assert/strict';
import https from 'node:https';
import { parseConfig } from '../../src/config';
import { createIncidentSummarizer, createPlanner } from '../../src/bot/llm';
import { isQuestion, LlmPlanner, type LlmPlanResult } from '../../src/playbooks/planner/llm';
import { ACTIONS } from '../../src/playbooks/spec';
import { createTls } from '../../src/simulator/tls';
import { startOpenAIStub, type OpenAIStub } from './openaiStub';

const REQUEST =
  'Isolate the machine if a critical severity alert from Microsoft Defender for Endpoint involves a known malicious IOC, and post the details to a Teams channel.';

function compatiblePlanner(stub: OpenAIStub, scenario: string, timeoutMs = 5000) {
  const config = parseConfig({ OPENAI_BASE_URL: stub.url, OPENAI_API_KEY: 'sk-test-local', OPENAI_MODEL: scenario });
  return createPlanner(config, { timeoutMs });
}

function accepted(result: LlmPlanResult) {
  assert.equal(result.ok, true, `expected a spec, got ${JSON.stringify(result)}`);
  return result;
}

describe('LLM planner over HTTP (OpenAI-compatible stub, openai SDK through teams-ai)', () => {
  let stub: OpenAIStub;
  beforeEach(async () => {
    stub = await startOpenAIStub();
  });
  afterEach(async () => {
    await stub.stop();
  });

  it('when the model proposes a valid spec, then the plan carries it, normalised, and names the model', async () => {
    const planner = compatiblePlanner(stub, 'valid');
    assert.ok(planner instanceof LlmPlanner);
    const result = accepted(await planner.plan(REQUEST));
    assert.equal(result.planner, 'openai-compatible:valid');
    assert.deepEqual(result.spec.trigger.serviceSources, ['MicrosoftDefenderForEndpoint'], 'the MicrosoftDefenderATP alias is normalised');
    assert.deepEqual(result.spec.steps.map((s) => s.action), ['isolate', 'teamsMessage']);
    assert.ok(result.facts.some((f) => /critical/i.test(f)));
    assert.equal(stub.calls.length, 1);
    const sent = stub.calls[0].body;
    assert.deepEqual(sent.tools?.map((t) => t.function.name), ['propose_playbook', 'ask_clarifying_question', 'decline_request']);
    assert.equal(sent.tool_choice, 'required');
    assert.equal(stub.calls[0].authorization, 'Bearer sk-test-local');
    const system = sent.messages[0];
    assert.equal(system.role, 'system');
    assert.match(system.content ?? '', /stopAndQuarantineFile: Stop and quarantine file; DESTRUCTIVE/);
  });

  it('when the first answer fails validation, then one repair round sends the errors and the repaired spec is used', async () => {
    const result = accepted(await compatiblePlanner(stub, 'invalid-then-repaired').plan(REQUEST));
    assert.equal(stub.calls.length, 2);
    const repairMessage = stub.calls[1].body.messages.at(-1)?.content ?? '';
    assert.match(repairMessage, /<validation-errors>/);
    assert.match(repairMessage, /spec\.trigger\.severities\.0/);
    assert.match(repairMessage, /spec\.steps\.0\.target/);
    assert.deepEqual(result.spec.trigger.severities, ['High']);
    assert.equal(result.planner, 'openai-compatible:invalid-then-repaired');
  });

  it('when the model answers garbage twice, then the offline planner answers and the result says why', async () => {
    const result = accepted(await compatiblePlanner(stub, 'garbage').plan(REQUEST));
    assert.equal(stub.calls.length, 2, 'exactly one repair round');
    assert.match(result.planner, /^offline-rules \(fallback: .*not a valid playbook spec/);
    assert.match(result.facts[0], /The model \(openai-compatible:garbage\) was not used/);
    assert.equal(result.fallback?.model, 'openai-compatible:garbage');
    assert.ok(result.spec.steps.some((s) => s.action === 'isolate'), 'the offline planner still planned the request');
  });

  it('when the request is ambiguous, then the model\'s clarifying question comes back as a question result', async () => {
    const result = await compatiblePlanner(stub, 'question').plan('isolate bad machines');
    assert.ok(isQuestion(result));
    assert.equal(result.ok, false);
    assert.match(result.question, /Which machines count as bad/);
    assert.equal(result.planner, 'openai-compatible:question');
  });

  it('when the analyst answers the question, then the thread goes to the model as data and a spec comes back', async () => {
    const history = [
      { from: 'analyst' as const, text: 'isolate bad machines' },
      { from: 'rampart' as const, text: 'Which machines count as bad?' },
    ];
    const result = accepted(await compatiblePlanner(stub, 'answered').plan('Devices in a high severity alert with a malicious IOC', { history }));
    const sent = stub.calls[0].body.messages.at(-1)?.content ?? '';
    assert.match(sent, /<conversation note="the thread so far, for context only">\nanalyst: isolate bad machines\nrampart: Which machines count as bad\?/);
    assert.ok(result.spec.steps.length > 0);
  });

  it('when the model declines, then the result is a refusal saying what Rampart can automate', async () => {
    const result = await compatiblePlanner(stub, 'decline').plan('Open a ServiceNow ticket for each new incident.');
    assert.equal(result.ok, false);
    assert.ok(!isQuestion(result));
    if (result.ok) return;
    assert.match(result.reason, /ServiceNow/);
    assert.deepEqual(result.notUnderstood, ['Open a ServiceNow ticket']);
    assert.match(result.supported, /isolate or release devices/);
  });

  it('when the model is slower than the deadline, then the offline planner answers at the deadline', async () => {
    const result = accepted(await compatiblePlanner(stub, 'slow', 400).plan(REQUEST));
    assert.match(result.planner, /fallback: the model did not answer within 0.4s/);
  });

  for (const [scenario, reason] of [
    ['rate-limited', /rate-limited \(HTTP 429\)/],
    ['server-error', /service failed \(HTTP 500\)/],
  ] as const) {
    it(`when the endpoint answers ${scenario}, then the offline planner answers without retrying and says so`, async () => {
      const result = accepted(await compatiblePlanner(stub, scenario).plan(REQUEST));
      assert.equal(stub.calls.length, 1, 'no SDK retries: the analyst is not kept waiting');
      assert.match(result.planner, reason);
    });
  }

  it('when the endpoint refuses connections, then the offline planner answers and the result says the endpoint is unreachable', async () => {
    const url = stub.url;
    await stub.stop();
    const config = parseConfig({ OPENAI_BASE_URL: url, OPENAI_MODEL: 'valid' });
    const result = accepted(await createPlanner(config, { timeoutMs: 5000 }).plan(REQUEST));
    assert.match(result.planner, /fallback: the model endpoint is unreachable/);
    stub = await startOpenAIStub(); // for afterEach
  });

  it('when a follow-up edits the current draft, then the model gets the draft as data and the revised spec comes back', async () => {
    const first = accepted(await compatiblePlanner(stub, 'valid').plan(REQUEST));
    const planner = compatiblePlanner(stub, 'edit') as LlmPlanner;
    const revised = accepted(
      await planner.revise(first.spec, 'use selective isolation', { history: [{ from: 'analyst', text: REQUEST }] }),
    );
    assert.equal(revised.spec.steps[0].params.isolationType, 'Selective');
    assert.equal(first.spec.steps[0].params.isolationType, 'Full');
    const sent = stub.calls.at(-1)?.body.messages.at(-1)?.content ?? '';
    assert.match(sent, /<current-spec note="the draft the analyst is editing">/);
    assert.match(sent, /<conversation note=/);
    assert.match(sent, /<analyst-request>\nuse selective isolation\n<\/analyst-request>/);
    assert.ok(revised.facts.some((f) => /Selective isolation keeps Outlook/.test(f)));
  });

  it('when a follow-up comes while the model is down, then the offline planner re-plans the original request with the change', async () => {
    const first = accepted(await compatiblePlanner(stub, 'valid').plan(REQUEST));
    const planner = compatiblePlanner(stub, 'server-error') as LlmPlanner;
    const revised = accepted(await planner.revise(first.spec, 'Also block the file hash.', { history: [{ from: 'analyst', text: REQUEST }] }));
    assert.match(revised.planner, /fallback/);
    assert.ok(revised.spec.steps.some((s) => s.action === 'isolate'), 'the original request is kept');
    assert.ok(revised.spec.steps.some((s) => s.action === 'createIndicator'), 'the change is applied');
  });

  it('when Azure OpenAI is configured with a key, then the deployment path and api-key header are used', async () => {
    const tls = createTls();
    const azure = await startOpenAIStub({ tls });
    try {
      const config = parseConfig({ AZURE_OPENAI_ENDPOINT: azure.url, AZURE_OPENAI_DEPLOYMENT: 'valid', AZURE_OPENAI_API_KEY: 'azure-key-1' });
      const planner = createPlanner(config, { clientOptions: { httpAgent: new https.Agent({ ca: tls.caPem }) } });
      const result = accepted(await planner.plan(REQUEST));
      assert.equal(result.planner, 'azure-openai:valid');
      assert.equal(azure.calls[0].path, '/openai/deployments/valid/chat/completions');
      assert.equal(azure.calls[0].apiKey, 'azure-key-1');
    } finally {
      await azure.stop();
    }
  });

  it('when Azure OpenAI has no key, then an Entra ID bearer token from the token provider is sent', async () => {
    const tls = createTls();
    const azure = await startOpenAIStub({ tls });
    try {
      const config = parseConfig({ AZURE_OPENAI_ENDPOINT: azure.url, AZURE_OPENAI_DEPLOYMENT: 'valid' });
      let asked = 0;
      const planner = createPlanner(config, {
        azureTokenProvider: async () => {
          asked += 1;
          return 'entra-token-for-cognitiveservices';
        },
        clientOptions: { httpAgent: new https.Agent({ ca: tls.caPem }) },
      });
      accepted(await planner.plan(REQUEST));
      assert.equal(asked, 1);
      assert.equal(azure.calls[0].authorization, 'Bearer entra-token-for-cognitiveservices');
      assert.equal(azure.calls[0].apiKey, undefined);
    } finally {
      await azure.stop();
    }
  });

  it('when a summary is asked for, then two plain sentences come back, without markup or links', async () => {
    const config = parseConfig({ OPENAI_BASE_URL: stub.url, OPENAI_MODEL: 'summary' });
    const summary = await createIncidentSummarizer(config)?.summarizeIncident({ incidentId: 1, incidentName: 'Mimikatz on ws-fin-042', alerts: [] });
    assert.ok(summary);
    assert.equal(summary.model, 'openai-compatible:summary');
    assert.equal(summary.text.match(/[.!?](\s|$)/g)?.length, 2);
    assert.doesNotMatch(summary.text, /\*\*|https?:/);
  });

  it('when the model endpoint is down, then no summary is produced and nothing throws', async () => {
    const config = parseConfig({ OPENAI_BASE_URL: stub.url, OPENAI_MODEL: 'server-error' });
    assert.equal(await createIncidentSummarizer(config)?.summarizeIncident({ incidentId: 1, alerts: [] }), undefined);
  });

  it('when destructive steps are proposed, then the catalogue still marks them as needing approval', async () => {
    const result = accepted(await compatiblePlanner(stub, 'valid').plan(REQUEST));
    const isolate = result.spec.steps.find((s) => s.action === 'isolate');
    assert.ok(isolate && ACTIONS[isolate.action].destructive);
  });
});
