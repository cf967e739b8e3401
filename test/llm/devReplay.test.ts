import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../../src/config';
import { createPlanner } from '../../src/bot/llm';
import { PlaybookSpec } from '../../src/playbooks/spec';
import { DEV_REQUESTS } from '../fixtures/corpus';
import { FIXTURES, startOpenAIStub, type OpenAIStub } from './openaiStub';

interface Recording {
  id: string;
  request: string;
  reply: { body: { choices: { message: { tool_calls: { function: { name: string; arguments: string } }[] } }[] } };
}

const recordings = fs
  .readdirSync(path.join(FIXTURES, 'dev'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(fs.readFileSync(path.join(FIXTURES, 'dev', f), 'utf8')) as Recording);

describe('LLM planner on the dev corpus (recorded answers over HTTP)', () => {
  let stub: OpenAIStub;
  before(async () => {
    stub = await startOpenAIStub();
  });
  after(async () => {
    await stub.stop();
  });

  it('when the recordings are listed, then every dev request has one, for the same words', () => {
    const recorded = new Map(recordings.map((r) => [r.id, r.request]));
    assert.deepEqual([...recorded.keys()].sort(), DEV_REQUESTS.map((r) => r.id).sort());
    for (const r of DEV_REQUESTS) assert.equal(recorded.get(r.id), r.request, r.id);
  });

  for (const rec of recordings) {
    it(`when "${rec.id}" is planned through the model, then the recorded answer becomes exactly that spec or refusal`, async () => {
      const planner = createPlanner(parseConfig({ OPENAI_BASE_URL: stub.url, OPENAI_MODEL: 'replay' }));
      const result = await planner.plan(rec.request);
      const call = rec.reply.body.choices[0].message.tool_calls[0].function;
      assert.doesNotMatch(result.planner, /fallback/);
      if (call.name === 'propose_playbook') {
        assert.equal(result.ok, true);
        if (result.ok) assert.deepEqual(result.spec, PlaybookSpec.parse((JSON.parse(call.arguments) as { spec: unknown }).spec));
      } else {
        assert.equal(result.ok, false);
      }
    });
  }
});
