/**
 * Several instances, measured: the same 1,000-incident webhook burst into one Rampart process
 * and into two on one PostgreSQL, side by side, in one run. Prints incidents accepted per
 * second, webhook -> notification latency (median, p99), and how long until the channel shows
 * the burst (the digest card). The Bot Framework connector is a mock that keeps Teams' limits
 * for the channel (60 new posts per 30 s, 7 per second) and answers 429 past them, whatever
 * the number of instances; `--time-scale` shrinks those windows (and Rampart's pacer) alike.
 *
 *   npm run bench:scale -- [--count 1000] [--time-scale 10] [--concurrency 32]
 *
 * PostgreSQL: DATABASE_URL when set (a role that may CREATE DATABASE), else a private cluster
 * started with Debian's binaries for the run.
 */
import os from 'node:os';
import { signBody } from '../src/incidents/webhook';
import { benchIncident, percentile, RateLimitedTeams, scaledLimits } from './lib/benchTeams';
import { TEAMS_GLOBAL_LIMITS, TEAMS_THREAD_LIMITS } from '../src/incidents/teamsPacer';
import { kill, startChild, type RampartChild } from '../test/faults/helpers/rampartChild';
import { freshPostgresDatabase, postgresUnavailable } from '../test/helpers/postgres';
import { CHANNEL_ID, SECRET, installInChannel, tempDir } from '../test/incidents/helpers';

interface Options {
  count: number;
  timeScale: number;
  concurrency: number;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { count: 1000, timeScale: 10, concurrency: 32 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = Number(argv[++i]);
    if (!Number.isFinite(v) || v <= 0) throw new Error(`${a} needs a positive number`);
    if (a === '--count') o.count = Math.floor(v);
    else if (a === '--time-scale') o.timeScale = v;
    else if (a === '--concurrency') o.concurrency = Math.floor(v);
    else throw new Error(`unknown option ${a} (known: --count, --time-scale, --concurrency)`);
  }
  return o;
}

interface Row {
  label: string;
  acceptedPerSecond: number;
  medianMs: number;
  p99Ms: number;
  digestMs: number;
  delivered: number;
  throttled: number;
}

async function burst(label: string, o: Options, envs: Record<string, string>[]): Promise<Row> {
  const channel = await new RateLimitedTeams(scaledLimits(TEAMS_THREAD_LIMITS, o.timeScale), scaledLimits(TEAMS_GLOBAL_LIMITS, o.timeScale), { channelId: CHANNEL_ID, incidentPattern: /incident (9\d{5})\b/ }).start();
  const instances: RampartChild[] = [];
  try {
    for (const env of envs) instances.push(await startChild({ ...env, RAMPART_TEST_TEAMS_SCALE: String(o.timeScale), LOG_LEVEL: 'error' }));
    await installInChannel(instances[0].url, channel);
    const at = new Date().toISOString();
    const sentAt = new Map<string, number>();
    let next = 0;
    let accepted = 0;
    const t0 = performance.now();
    const worker = async (lane: number): Promise<void> => {
      const target = instances[lane % instances.length];
      while (next < o.count) {
        const n = next++;
        const raw = JSON.stringify(benchIncident(n, at, { name: 'scale', device: false }));
        sentAt.set(String(900_000 + n), performance.now());
        const res = await fetch(`${target.url}/api/incidents`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Rampart-Signature': signBody(SECRET, raw) }, body: raw });
        await res.arrayBuffer();
        if (res.status === 202) accepted++;
      }
    };
    await Promise.all(Array.from({ length: o.concurrency }, (_, k) => worker(k)));
    const acceptSeconds = (performance.now() - t0) / 1000;
    const deadline = Date.now() + ((o.count / 60) * 30 * 1000) / o.timeScale * 3 + 60_000;
    while (channel.notifications.size < accepted && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    const latencies = [...channel.notifications].map(([id, [t]]) => t - (sentAt.get(id) ?? t)).sort((a, b) => a - b);
    return {
      label,
      acceptedPerSecond: Math.round(accepted / acceptSeconds),
      medianMs: Math.round(percentile(latencies, 50)),
      p99Ms: Math.round(percentile(latencies, 99)),
      digestMs: channel.digestAt === undefined ? NaN : Math.round(channel.digestAt - t0),
      delivered: channel.notifications.size,
      throttled: channel.throttled,
    };
  } finally {
    for (const i of instances) await kill(i, 'SIGTERM');
    await channel.stop();
  }
}

async function main(): Promise<number> {
  const o = parseArgs(process.argv.slice(2));
  const unavailable = postgresUnavailable();
  if (unavailable) {
    process.stderr.write(`bench:scale needs PostgreSQL: ${unavailable}\n`);
    return 2;
  }
  const base = { RAMPART_LOCAL: 'true', WEBHOOK_HMAC_SECRET: SECRET, POLL_INTERVAL_SECONDS: '0', SOC_CHANNEL_ID: CHANNEL_ID };
  const rows: Row[] = [];
  process.stderr.write(`bench:scale: ${o.count} incidents per run, Teams windows / ${o.timeScale}\n`);
  rows.push(await burst('1 instance, SQLite', o, [{ ...base, DATA_DIR: tempDir() }]));
  const one = await freshPostgresDatabase('rampart_bench');
  rows.push(await burst('1 instance, PostgreSQL', o, [{ ...base, DATA_DIR: tempDir(), DATABASE_URL: one, INSTANCE_ID: 'solo' }]));
  const two = await freshPostgresDatabase('rampart_bench');
  rows.push(await burst('2 instances, PostgreSQL', o, ['a', 'b'].map((id) => ({ ...base, DATA_DIR: tempDir(), DATABASE_URL: two, INSTANCE_ID: id }))));
  const scaled = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(26) : c.padStart(14))).join('');
  process.stdout.write(
    [
      line(['', 'accepted/s', 'median', 'p99', 'to digest', 'delivered', '429s']),
      ...rows.map((r) => line([r.label, String(r.acceptedPerSecond), scaled(r.medianMs), scaled(r.p99Ms), Number.isNaN(r.digestMs) ? 'none' : scaled(r.digestMs), `${r.delivered}/${o.count}`, String(r.throttled)])),
      '',
      `Latency is webhook -> the incident's own thread at Teams' channel limit divided by ${o.timeScale} (x${o.timeScale} for real time); the digest is not scaled by more than the pacer's windows.`,
      `${os.cpus().length} CPUs, Node ${process.version}.`,
      '',
    ].join('\n'),
  );
  return rows.every((r) => r.delivered === o.count) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`${err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
