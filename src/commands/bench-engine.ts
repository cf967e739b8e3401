import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import https from 'node:https';
import { generateFromRequest } from '../playbooks/engine';
import { startSimulator } from '../simulator';
import { loadCorpus } from './corpus';

const run = promisify(execFile);

function stats(values: number[]): string {
  if (values.length === 0) return 'n/a';
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms (n=${values.length})`;
}

/**
 * `npm run bench:engine -- --corpus DIR`: over the dev requests, the time of plan + generate, of the review, and
 * of a dry run with --mock-data (VirusTotal reads go to a simulator started for the bench).
 */
export default async function benchEngine(opts: Record<string, unknown>): Promise<number> {
  const corpus = loadCorpus(typeof opts.corpus === 'string' ? opts.corpus : undefined, 'bench-engine');
  if (typeof corpus === 'string') {
    process.stderr.write(`${corpus}\n`);
    return 2;
  }
  const { cases } = corpus;
  const python = process.env.RAMPART_PYTHON ?? '/usr/bin/python3';
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-bench-engine-'));
  const sim = await startSimulator({ port: 0, rateLimits: false });
  const planGenerate: number[] = [];
  const review: number[] = [];
  const toReviewed: number[] = [];
  const dryRun: number[] = [];
  try {
    for (const c of cases) {
      const result = await generateFromRequest(c.request, { python });
      planGenerate.push(result.timings.planMs + result.timings.generateMs);
      if (!result.ok) continue;
      if (result.timings.reviewMs !== undefined) {
        review.push(result.timings.reviewMs);
        toReviewed.push(result.timings.planMs + result.timings.generateMs + result.timings.reviewMs);
      }
      const scenario = c.scenarios?.[0];
      if (!scenario) continue;
      const file = path.join(work, `${c.id}.py`);
      fs.writeFileSync(file, result.code);
      await simCall(sim.info.url, sim.info.caFile, 'PUT', '/_sim/virustotal', scenario.virustotal ?? {});
      const url = sim.info.url.replace(/\/$/, '');
      const t0 = performance.now();
      await run(python, [file, '--incident-id', String(scenario.incidentId), '--mock-data', path.join(corpus.dir, scenario.incident), '--dry-run'], {
        env: { PATH: process.env.PATH ?? '', VT_API_BASE: `${url}/vt`, VT_API_KEY: sim.info.vtApiKey, REQUESTS_CA_BUNDLE: sim.info.caFile },
        timeout: 60_000,
      });
      dryRun.push(performance.now() - t0);
    }
  } finally {
    await sim.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
  process.stdout.write(
    [
      `plan + generate: ${stats(planGenerate)}`,
      `review:          ${stats(review)}`,
      `request -> reviewed playbook (plan + generate + review): ${stats(toReviewed)}`,
      `dry run (--mock-data, VirusTotal via the simulator): ${stats(dryRun)}`,
      '',
    ].join('\n'),
  );
  return 0;
}

async function simCall(base: string, caFile: string, method: string, p: string, body: unknown): Promise<void> {
  const ca = fs.readFileSync(caFile);
  await new Promise<void>((resolve, reject) => {
    const req = https.request(new URL(base.replace(/\/$/, '') + p), { method, ca, headers: { 'Content-Type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => ((res.statusCode ?? 500) < 300 ? resolve() : reject(new Error(`simulator ${method} ${p}: HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}
