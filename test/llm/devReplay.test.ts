import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../../src/config';
import { createPlanner } from '../../src/playbooks/planner/llm';
import { PlaybookSpec } from '../../src/playbooks/spec';
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

  it('when the dev corpus is present, then every dev request has a recording', function () {
    const corpus = process.env.RAMPART_CORPUS ?? '/work/shared/corpus/dev.jsonl';
    if (!fs.existsSync(corpus)) this.skip();
    const ids = fs
      .readFileSync(corpus, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { id: string }).id)
      .sort();
    assert.deepEqual(recordings.map((r) => r.id).sort(), ids);
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
