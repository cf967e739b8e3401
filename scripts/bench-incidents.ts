/**
 * The incident pipeline benchmark: N incidents (default 1,000) pushed through the
 * signed webhook as fast as the machine allows, into a real Rampart (startRampart, SQLite,
 * outbox, Teams pacing) whose Bot Framework connector is a mock that enforces Teams' bot rate
 * limits and answers 429 when they are broken. Prints accepted per second, the time from the
 * webhook call to the notification reaching the connector (median, p99), and the delivered
 * count, which must equal the count sent.
 *
 *   npx tsx scripts/bench-incidents.ts [--count 1000] [--concurrency 32] [--time-scale 1] [--json]
 *
 * Teams allows a bot 60 messages per 30 s in one conversation, and every new post in a
 * channel is a message in that channel's conversation: 1,000 new threads in one SOC channel
 * take at least ~500 s at the real limits. `--time-scale 10` shrinks every window tenfold (in
 * the mock and in Rampart's pacer alike) for a quick run; the latency it reports is then the
 * scaled one.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRampart } from '../src/bootstrap';
import { parseConfig } from '../src/config';
import { signBody } from '../src/incidents/webhook';
import { TEAMS_GLOBAL_LIMITS, TEAMS_THREAD_LIMITS } from '../src/incidents/teamsPacer';
import { silentLogger } from '../src/logger';
import { benchIncident, percentile, RateLimitedTeams, scaledLimits } from './lib/benchTeams';

const SECRET = 'bench-webhook-secret';
const CHANNEL_ID = '19:bench-soc@thread.tacv2';

interface Options {
  count: number;
  concurrency: number;
  timeScale: number;
  json: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { count: 1000, concurrency: 32, timeScale: 1, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): number => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v <= 0) throw new Error(`${a} needs a positive number`);
      return v;
    };
    if (a === '--count') o.count = Math.floor(next());
    else if (a === '--concurrency') o.concurrency = Math.floor(next());
    else if (a === '--time-scale') o.timeScale = next();
    else if (a === '--json') o.json = true;
    else throw new Error(`unknown option ${a} (known: --count, --concurrency, --time-scale, --json)`);
  }
  return o;
}

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  const threadLimits = scaledLimits(TEAMS_THREAD_LIMITS, o.timeScale);
  const globalLimits = scaledLimits(TEAMS_GLOBAL_LIMITS, o.timeScale);
  const connector = await new RateLimitedTeams(threadLimits, globalLimits, { channelId: CHANNEL_ID, incidentPattern: /severity incident ([^"\\\s]+)/ }).start();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-bench-incidents-'));
  const rampart = await startRampart({
    port: 0,
    config: parseConfig({ RAMPART_LOCAL: 'true', DATA_DIR: dataDir, WEBHOOK_HMAC_SECRET: SECRET, POLL_INTERVAL_SECONDS: '0', SOC_CHANNEL_ID: CHANNEL_ID, LOG_LEVEL: 'silent' }),
    logger: silentLogger(),
    incidents: { teamsLimits: { thread: threadLimits, global: globalLimits } },
  });
  try {
    // Rampart learns the SOC channel the way Teams tells it: the bot is added to the team.
    const install = await fetch(`${rampart.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'conversationUpdate',
        id: 'bench-install',
        channelId: 'msteams',
        serviceUrl: connector.url,
        from: { id: 'user-bench', name: 'Bench' },
        recipient: { id: 'bot-1', name: 'Rampart' },
        conversation: { id: CHANNEL_ID, conversationType: 'channel', isGroup: true, tenantId: 'tenant-bench' },
        channelData: { tenant: { id: 'tenant-bench' }, team: { id: '19:bench-team@thread.tacv2' }, channel: { id: CHANNEL_ID, name: 'SOC' }, eventType: 'teamMemberAdded' },
        membersAdded: [{ id: 'bot-1' }],
      }),
    });
    if (install.status >= 300) throw new Error(`installing in the channel answered ${install.status}`);

    const now = new Date().toISOString();
    const bodies = Array.from({ length: o.count }, (_, n) => JSON.stringify(benchIncident(n, now, { name: 'bench', device: true })));
    const sentAt = new Map<string, number>();
    let accepted = 0;
    let refused = 0;
    let next = 0;
    const t0 = performance.now();
    const worker = async (): Promise<void> => {
      while (next < bodies.length) {
        const n = next++;
        const raw = bodies[n];
        const id = String(900_000 + n);
        sentAt.set(id, performance.now());
        const res = await fetch(`${rampart.url}/api/incidents`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Rampart-Signature': signBody(SECRET, raw) }, body: raw });
        await res.arrayBuffer();
        if (res.status === 202) accepted++;
        else refused++;
      }
    };
    await Promise.all(Array.from({ length: o.concurrency }, worker));
    const ingestSeconds = (performance.now() - t0) / 1000;
    if (!o.json) process.stderr.write(`webhook: ${accepted} accepted in ${ingestSeconds.toFixed(2)} s; waiting for the notifications (Teams pacing)...\n`);

    const floorSeconds = (o.count / 60) * 30 / o.timeScale;
    const deadline = Date.now() + Math.max(60_000, floorSeconds * 2000 + 60_000);
    let lastReport = Date.now();
    while (connector.notifications.size < accepted && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      if (!o.json && Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        process.stderr.write(`  ${connector.notifications.size}/${accepted} notifications delivered\n`);
      }
    }
    await rampart.deps.incidents!.drained(5_000);
    const totalSeconds = (performance.now() - t0) / 1000;
    const latencies = [...connector.notifications.entries()].map(([id, times]) => times[0] - (sentAt.get(id) ?? times[0])).sort((a, b) => a - b);
    const duplicates = [...connector.notifications.values()].reduce((n, times) => n + times.length - 1, 0);
    const result = {
      sent: o.count,
      accepted,
      refused,
      acceptedPerSecond: Math.round(accepted / ingestSeconds),
      delivered: connector.notifications.size,
      duplicates,
      deliveredEqualsSent: connector.notifications.size === o.count && duplicates === 0,
      latencyMs: { median: Math.round(percentile(latencies, 50)), p99: Math.round(percentile(latencies, 99)), max: Math.round(latencies[latencies.length - 1] ?? NaN) },
      teams: { timeScale: o.timeScale, connectorRequests: connector.requests, throttled429: connector.throttled, floorSeconds: Math.round(floorSeconds) },
      totalSeconds: Math.round(totalSeconds * 10) / 10,
      machine: { cpus: os.cpus().length, node: process.version },
    };
    if (o.json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } else {
      process.stdout.write(
        [
          `incidents sent:            ${result.sent} (concurrency ${o.concurrency})`,
          `accepted per second:       ${result.acceptedPerSecond} (${accepted} accepted, ${refused} refused)`,
          `webhook -> connector:      median ${result.latencyMs.median} ms, p99 ${result.latencyMs.p99} ms, max ${result.latencyMs.max} ms`,
          `delivered:                 ${result.delivered} of ${result.sent}${duplicates ? `, ${duplicates} duplicates` : ''} -> ${result.deliveredEqualsSent ? 'OK' : 'MISMATCH'}`,
          `Teams limits:              time scale ${o.timeScale}; floor for one channel ~${result.teams.floorSeconds} s; ${connector.throttled} x 429 from the connector`,
          `total:                     ${result.totalSeconds} s on ${result.machine.cpus} CPUs, Node ${result.machine.node}`,
          '',
        ].join('\n'),
      );
    }
    return result.deliveredEqualsSent ? 0 : 1;
  } finally {
    await rampart.stop();
    await connector.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`bench-incidents failed: ${err.message}\n`);
    process.exit(2);
  },
);
