/**
 * Authoring latency: for each request in shared/corpus/dev.jsonl, the time from the message
 * arriving to the typing indicator and to the proposal card being sent (plan, generate,
 * review, dry run), with the real engine and a local simulator as the tenant.
 *
 *   npx tsx scripts/bench-authoring.ts [--corpus PATH] [--limit N] [--json]
 */
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { TestAdapter, type Activity, type ResourceResponse, type TurnContext } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { createBotApp } from '../src/bot/app';
import { handleAutomationRequest, registerAuthoring } from '../src/bot/authoring';
import { createAuthoringServices } from '../src/bot/authoring/services';
import type { BotDeps } from '../src/bot/deps';
import { registerLibraryCommands } from '../src/bot/library';
import { parseConfig } from '../src/config';
import { silentLogger } from '../src/logger';
import { startSimulator, simulatorEnvironment } from '../src/simulator';
import { SqliteAuditLog } from '../src/storage/audit';
import { SqliteBotStorage } from '../src/storage/botStorage';
import { openDatabase } from '../src/storage/database';
import { SqliteInstallationStore } from '../src/storage/installations';

/** Records when each activity leaves the bot. */
class TimedAdapter extends TestAdapter {
  sent: { at: number; type?: string; card: boolean }[] = [];
  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const at = performance.now();
    for (const a of activities) this.sent.push({ at, type: a.type, card: Boolean(a.attachments?.length) });
    return super.sendActivities(context, activities);
  }
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
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
  const corpus = arg('--corpus') ?? path.resolve(__dirname, '../../shared/corpus/dev.jsonl');
  const limit = Number(arg('--limit') ?? Infinity);
  const requests = fs
    .readFileSync(corpus, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { request: string }).request)
    .slice(0, limit);

  const simulator = await startSimulator({ rateLimits: false });
  const info = simulator.info;
  const samples = path.resolve(__dirname, '../src/bot/authoring/samples');
  for (const f of fs.readdirSync(samples)) await post(info, 'POST', '/_sim/incidents', JSON.parse(fs.readFileSync(path.join(samples, f), 'utf8')));

  const db = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-bench-')));
  const config = parseConfig({
    ...simulatorEnvironment(info),
  });
  const authoring = createAuthoringServices({ db, config, logger: silentLogger() });
  const deps: BotDeps = { config, logger: silentLogger(), installations: new SqliteInstallationStore(db), audit: new SqliteAuditLog(db), library: authoring.library, approvalPolicy: authoring.policy, authoring };
  const app = createBotApp({
    adapter: undefined as unknown as TeamsAdapter,
    storage: new SqliteBotStorage(db),
    deps,
    features: [registerLibraryCommands, registerAuthoring],
    fallback: (context) => handleAutomationRequest(context, deps),
  });
  const adapter = new TimedAdapter(async (context) => {
    await app.run(context);
  });

  const rows: { request: string; typingMs: number; cardMs: number; refused: boolean }[] = [];
  for (const request of requests) {
    adapter.sent = [];
    const before = (await authoring.library.list()).length;
    const start = performance.now();
    await adapter.send({ type: 'message', text: request, from: { id: 'bench', name: 'Bench' } } as Partial<Activity>);
    const typing = adapter.sent.find((s) => s.type === 'typing');
    const card = adapter.sent.find((s) => s.card);
    rows.push({ request, typingMs: (typing?.at ?? NaN) - start, cardMs: (card?.at ?? NaN) - start, refused: (await authoring.library.list()).length === before });
  }
  await simulator.stop();
  db.close();

  // Refusals answer in milliseconds; the budget is about proposals.
  const cards = rows.filter((r) => !r.refused).map((r) => r.cardMs);
  const typing = rows.map((r) => r.typingMs);
  const summary = {
    requests: rows.length,
    proposals: rows.filter((r) => !r.refused).length,
    cardMs: { median: Math.round(percentile(cards, 50)), p95: Math.round(percentile(cards, 95)), max: Math.round(Math.max(...cards)) },
    typingMs: { median: Math.round(percentile(typing, 50)), p95: Math.round(percentile(typing, 95)), max: Math.round(Math.max(...typing)) },
  };
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ ...summary, rows })}\n`);
    return;
  }
  for (const r of rows) process.stdout.write(`${r.cardMs.toFixed(0).padStart(6)} ms  ${r.refused ? 'refused ' : 'proposal'}  ${r.request.slice(0, 90)}\n`);
  process.stdout.write(
    `\n${summary.requests} requests (${summary.proposals} proposals): message -> proposal card median ${summary.cardMs.median} ms, p95 ${summary.cardMs.p95} ms; ` +
      `typing indicator median ${summary.typingMs.median} ms, p95 ${summary.typingMs.p95} ms\n`,
  );
}

main().catch((err: Error) => {
  process.stderr.write(`bench-authoring failed: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
