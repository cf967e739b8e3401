/**
 * Authoring latency: for each request of the benchmark corpus (dev.jsonl), the time from the
 * message arriving to the typing indicator and to Rampart's answer (a proposal card after plan,
 * generate, review and dry run; a question; or a refusal), with the real engine and a local
 * simulator as the tenant. Each request is its own conversation, so none is read as an edit of
 * the previous one's draft.
 *
 *   npx tsx scripts/bench-authoring.ts --corpus DIR [--limit N] [--json]
 */
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { TestAdapter, type Activity, type ResourceResponse, type TurnContext } from 'botbuilder';
import { createAuthoringServices } from '../src/bot/authoring/services';
import { argValue, loadCorpus } from '../src/commands/corpus';
import { parseConfig } from '../src/config';
import { silentLogger } from '../src/logger';
import { startSimulator, simulatorEnvironment } from '../src/simulator';
import { openDatabase } from '../src/storage/database';
import { authoringBot } from '../test/bot/authoring/harness';
import { botDeps } from '../src/bootstrap';

type Outcome = 'proposal' | 'question' | 'refusal' | 'other';

interface Sent {
  at: number;
  type?: string;
  /** The card's heading, when the activity carries an Adaptive Card. */
  heading?: string;
}

/** Records when each activity leaves the bot. */
class TimedAdapter extends TestAdapter {
  sent: Sent[] = [];
  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const at = performance.now();
    for (const a of activities) this.sent.push({ at, type: a.type, heading: cardHeading(a) });
    return super.sendActivities(context, activities);
  }
}

function cardHeading(activity: Partial<Activity>): string | undefined {
  const content = activity.attachments?.[0]?.content as { body?: { text?: string }[] } | undefined;
  return content?.body?.[0]?.text;
}

/** Which answer a card is, by the heading each card builder in src/cards/proposal.ts starts with. */
function outcomeOf(heading: string): Outcome {
  if (heading.startsWith('Playbook proposal')) return 'proposal';
  if (heading.startsWith('One question')) return 'question';
  if (heading.startsWith('I could not')) return 'refusal';
  return 'other';
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function post(info: { url: string; caFile: string }, method: string, p: string, body: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = https.request(`${info.url}${p}`, { method, ca: fs.readFileSync(info.caFile), headers: { 'Content-Type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => ((res.statusCode ?? 500) < 300 ? resolve() : reject(new Error(`${p}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

async function main(): Promise<void> {
  const corpus = loadCorpus(argValue(process.argv, '--corpus'), 'bench-authoring');
  if (typeof corpus === 'string') {
    process.stderr.write(`${corpus}\n`);
    process.exitCode = 2;
    return;
  }
  const limit = Number(argValue(process.argv, '--limit') ?? Infinity);
  const requests = corpus.cases.map((c) => c.request).slice(0, limit);

  const simulator = await startSimulator({ rateLimits: false });
  const info = simulator.info;
  const samples = path.resolve(__dirname, '../src/bot/authoring/samples');
  for (const f of fs.readdirSync(samples)) await post(info, 'POST', '/_sim/incidents', JSON.parse(fs.readFileSync(path.join(samples, f), 'utf8')));

  const db = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-bench-')));
  const config = parseConfig({
    ...simulatorEnvironment(info),
  });
  const authoring = createAuthoringServices({ db, config, logger: silentLogger() });
  const adapter = authoringBot(db, botDeps(db, config, silentLogger(), authoring), (logic) => new TimedAdapter(logic));

  const rows: { request: string; typingMs: number; answerMs: number; outcome: Outcome }[] = [];
  for (const [i, request] of requests.entries()) {
    adapter.sent = [];
    const start = performance.now();
    await adapter.send({
      type: 'message',
      text: request,
      from: { id: 'bench', name: 'Bench' },
      conversation: { id: `bench-${i}`, isGroup: false, name: `bench-${i}` },
    } as Partial<Activity>);
    const typing = adapter.sent.find((s) => s.type === 'typing');
    const answer = adapter.sent.find((s) => s.heading !== undefined);
    rows.push({ request, typingMs: (typing?.at ?? NaN) - start, answerMs: (answer?.at ?? NaN) - start, outcome: answer?.heading ? outcomeOf(answer.heading) : 'other' });
  }
  await simulator.stop();
  await db.close();

  const timesOf = (outcome: Outcome) => rows.filter((r) => r.outcome === outcome).map((r) => r.answerMs);
  const stats = (values: number[]) =>
    values.length ? { count: values.length, median: Math.round(percentile(values, 50)), p95: Math.round(percentile(values, 95)), max: Math.round(Math.max(...values)) } : { count: 0 };
  const typing = rows.map((r) => r.typingMs);
  const summary = {
    requests: rows.length,
    proposals: stats(timesOf('proposal')),
    questions: stats(timesOf('question')),
    refusals: stats(timesOf('refusal')),
    other: rows.filter((r) => r.outcome === 'other').length,
    typingMs: stats(typing),
  };
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ ...summary, rows })}\n`);
    return;
  }
  for (const r of rows) process.stdout.write(`${r.answerMs.toFixed(0).padStart(6)} ms  ${r.outcome.padEnd(8)}  ${r.request.slice(0, 90)}\n`);
  const line = (name: string, s: ReturnType<typeof stats>) =>
    'median' in s ? `${name}: ${s.count}, median ${s.median} ms, p95 ${s.p95} ms, max ${s.max} ms` : `${name}: 0`;
  process.stdout.write(
    `\n${summary.requests} requests, each in its own conversation (message -> Rampart's card)\n` +
      `${line('proposals', summary.proposals)}\n${line('questions', summary.questions)}\n${line('refusals', summary.refusals)}\n` +
      (summary.other ? `no card: ${summary.other}\n` : '') +
      `${line('typing indicator', summary.typingMs)}\n`,
  );
}

main().catch((err: Error) => {
  process.stderr.write(`bench-authoring failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
