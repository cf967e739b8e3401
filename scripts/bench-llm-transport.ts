/**
 * The LLM planner's transport and schema on the dev corpus, through real HTTP against the
 * recorded-answer stub. The recordings are the offline planner's own specs, so this measures the
 * path (teams-ai, the openai SDK, tool calls, validation, the citation check, latency), not the
 * quality of a model's planning:
 *
 *   npx tsx scripts/bench-llm-transport.ts --corpus DIR            latency per request + parity with the offline planner
 *   npx tsx scripts/bench-llm-transport.ts --corpus DIR --record   re-record test/fixtures/llm/dev/*.json from the offline planner's specs
 *
 * DIR is the team's benchmark corpus (dev.jsonl); it is not in the repository.
 *
 * bench.py grades the playbook generated from the spec, so a request whose LLM-path spec equals
 * the offline planner's scores exactly the same; "parity" below counts those.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { argValue, loadCorpus, type CorpusCase } from '../src/commands/corpus';
import { parseConfig } from '../src/config';
import { OfflinePlanner } from '../src/playbooks/planner/offline';
import { createPlanner } from '../src/bot/llm';
import { FIXTURES, startOpenAIStub } from '../test/llm/openaiStub';

type DevCase = Pick<CorpusCase, 'id' | 'request' | 'refuse' | 'refuseOk'>;

function toolCompletion(id: string, name: string, args: unknown) {
  return {
    id: `chatcmpl-rampart-dev-${id}`,
    object: 'chat.completion',
    created: 1764300000,
    model: 'replay',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: null, refusal: null, tool_calls: [{ id: `call_${id}`, type: 'function', function: { name, arguments: JSON.stringify(args) } }] },
        logprobs: null,
        finish_reason: 'tool_calls',
      },
    ],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  };
}

async function record(cases: DevCase[]): Promise<void> {
  const offline = new OfflinePlanner();
  const dir = path.join(FIXTURES, 'dev');
  fs.mkdirSync(dir, { recursive: true });
  for (const c of cases) {
    const r = await offline.plan(c.request);
    const body = r.ok
      ? toolCompletion(c.id, 'propose_playbook', { spec: r.spec, understood: r.understood, notUnderstood: r.notUnderstood, facts: r.facts, assumptions: r.assumptions })
      : toolCompletion(c.id, 'decline_request', { reason: r.reason, notUnderstood: r.notUnderstood });
    fs.writeFileSync(path.join(dir, `${c.id}.json`), `${JSON.stringify({ id: c.id, request: c.request, reply: { status: 200, body } }, null, 1)}\n`);
  }
  // The tests' copy of the requests (no scenarios), which devReplay.test.ts holds the recordings to.
  const requests = path.resolve(FIXTURES, '../dev-requests.json');
  fs.writeFileSync(requests, `${JSON.stringify(cases.map(({ id, request, refuse, refuseOk }) => ({ id, request, refuse, refuseOk })), null, 1)}\n`);
  process.stdout.write(`recorded ${cases.length} answers in ${dir} and the requests in ${requests}\n`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function bench(cases: DevCase[]): Promise<number> {
  const stub = await startOpenAIStub();
  try {
    const llm = createPlanner(parseConfig({ OPENAI_BASE_URL: stub.url, OPENAI_MODEL: 'replay' }));
    const offline = new OfflinePlanner();
    const times: number[] = [];
    let parity = 0;
    for (const c of cases) {
      const t0 = performance.now();
      const viaModel = await llm.plan(c.request);
      const ms = performance.now() - t0;
      times.push(ms);
      const rules = await offline.plan(c.request);
      const same =
        viaModel.ok === rules.ok && !viaModel.planner.includes('fallback') && (!viaModel.ok || (rules.ok && isDeepStrictEqual(viaModel.spec, rules.spec)));
      if (same) parity += 1;
      process.stdout.write(`${same ? 'same ' : 'DIFF '} ${ms.toFixed(1).padStart(7)} ms  ${c.id}  (${viaModel.planner})\n`);
    }
    times.sort((a, b) => a - b);
    process.stdout.write(
      `\nLLM planner via stub: median ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms over ${times.length} requests\n` +
        `parity with the offline planner: ${parity}/${cases.length} (equal spec => equal bench.py score)\n`,
    );
    return parity === cases.length ? 0 : 1;
  } finally {
    await stub.stop();
  }
}

async function main(): Promise<number> {
  const corpus = loadCorpus(argValue(process.argv, '--corpus'), 'bench-llm-transport');
  if (typeof corpus === 'string') {
    process.stderr.write(`${corpus}\n`);
    return 2;
  }
  const { cases } = corpus;
  if (process.argv.includes('--record')) {
    await record(cases);
    return 0;
  }
  return bench(cases);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench-llm-transport failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(3);
  },
);
