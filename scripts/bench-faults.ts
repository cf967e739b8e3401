/**
 * The fault burst: N incidents (default 1,000) through the signed webhook while the
 * Teams connector answers 429 / 502 for the outage (default 60 s), Rampart killed with SIGKILL
 * once in the middle of it and restarted; then Teams recovers. Prints how many notifications
 * arrived exactly once (must be all), missing and duplicated ones, and the time from recovery
 * to the last delivery.
 *
 *   npx tsx scripts/bench-faults.ts [--count 1000] [--outage-seconds 60] [--time-scale 10] [--json]
 *
 * `--time-scale` shrinks Teams' rate-limit windows in Rampart's pacer (1 = real limits: 1,000
 * new threads in one channel then take ~500 s after recovery).
 */
import { burstUnderOutage } from '../test/faults/helpers/burst';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${name} needs a positive number`);
  return v;
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const result = await burstUnderOutage({
    count: Math.floor(arg('--count', 1000)),
    outageMs: arg('--outage-seconds', 60) * 1000,
    teamsScale: arg('--time-scale', 10),
    concurrency: 32,
    deliveryTimeoutMs: 30 * 60_000,
    log: json ? undefined : (line) => process.stderr.write(`${line}\n`),
  });
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } else {
    process.stdout.write(
      `${result.deliveredOnce} of ${result.count} delivered exactly once; missing ${result.missing.length}, duplicated ${result.duplicated.length}; ` +
        `${result.refusedDuringOutage} sends refused during the outage; SIGKILL at ${result.killedAtMs} ms; all delivered ${Math.round(result.recoveredToAllDeliveredMs / 1000)} s after recovery\n`,
    );
  }
  process.exit(result.deliveredOnce === result.count ? 0 : 1);
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
