import { MockConnector } from '../../helpers/mockConnector';
import { CHANNEL_ID, SECRET, defenderIncident, installInChannel, notificationsFor, postIncident, tempDir, waitUntil } from '../../incidents/helpers';
import { kill, reader, startChild, type RampartChild } from './rampartChild';

export interface BurstOptions {
  count: number;
  /** How long Teams refuses every send (alternating 429 and 502). */
  outageMs: number;
  /** Rate-limit windows shrunk by this factor (1 = Teams' real limits). */
  teamsScale: number;
  concurrency?: number;
  /** How long to wait for every notification after Teams recovers. */
  deliveryTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface BurstResult {
  count: number;
  accepted: number;
  /** Incidents whose notification reached Teams exactly once / never / more than once. */
  deliveredOnce: number;
  missing: number[];
  duplicated: number[];
  refusedDuringOutage: number;
  killedAtMs: number;
  recoveredToAllDeliveredMs: number;
}

const FIRST_ID = 500_000;

/**
 * A burst of `count` incidents through the signed webhook while Teams answers 429 / 502 for
 * `outageMs`, with Rampart killed (SIGKILL) once in the middle of the outage and restarted on
 * the same DATA_DIR; then Teams recovers and every notification must arrive exactly once.
 */
export async function burstUnderOutage(o: BurstOptions): Promise<BurstResult> {
  const log = o.log ?? (() => undefined);
  const connector = await new MockConnector().start();
  const dataDir = tempDir();
  const env = { RAMPART_LOCAL: 'true', DATA_DIR: dataDir, WEBHOOK_HMAC_SECRET: SECRET, POLL_INTERVAL_SECONDS: '0', SOC_CHANNEL_ID: CHANNEL_ID, RAMPART_TEST_TEAMS_SCALE: String(o.teamsScale) };
  let rampart: RampartChild = await startChild(env);
  const started = Date.now();
  try {
    await installInChannel(rampart.url, connector);
    connector.outage(429);
    const flip = setInterval(() => connector.outage(Math.random() < 0.5 ? 429 : 502), 2000);
    const ids = Array.from({ length: o.count }, (_, k) => FIRST_ID + k);
    let accepted = 0;
    let next = 0;
    const killAt = started + o.outageMs / 2;
    let killedAtMs = -1;
    const post = async (): Promise<void> => {
      while (next < ids.length) {
        const id = ids[next++];
        for (;;) {
          try {
            const res = await postIncident(rampart.url, defenderIncident(id));
            if (res.status === 202 || res.status === 200) {
              accepted++;
              break;
            }
          } catch {
            // Rampart is being restarted: the sender tries again, as Sentinel would.
          }
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    };
    const posting = Promise.all(Array.from({ length: o.concurrency ?? 16 }, post));
    await new Promise((r) => setTimeout(r, Math.max(0, killAt - Date.now())));
    await kill(rampart);
    killedAtMs = Date.now() - started;
    log(`killed Rampart (SIGKILL) at ${killedAtMs} ms with ${accepted} of ${o.count} accepted`);
    rampart = await startChild(env);
    await posting;
    log(`all ${accepted} incidents accepted at ${Date.now() - started} ms`);
    await new Promise((r) => setTimeout(r, Math.max(0, started + o.outageMs - Date.now())));
    clearInterval(flip);
    const refused = connector.refused;
    connector.recover();
    const recoveredAt = Date.now();
    log(`Teams recovered at ${recoveredAt - started} ms after ${refused} refused sends`);
    const read = reader(dataDir);
    await waitUntil(() => (read<{ n: number }>(`SELECT COUNT(*) AS n FROM incident_outbox WHERE kind = 'notify' AND status = 'done'`)?.n ?? 0) >= o.count, o.deliveryTimeoutMs ?? 600_000, 'every notification delivered');
    const allDelivered = Date.now() - recoveredAt;
    // Anything sent twice would have shown by now; look once more after a pause.
    await new Promise((r) => setTimeout(r, 2000));
    const counts = new Map<number, number>();
    for (const id of ids) counts.set(id, notificationsFor(connector, id).length);
    const missing = ids.filter((id) => counts.get(id) === 0);
    const duplicated = ids.filter((id) => (counts.get(id) ?? 0) > 1);
    return { count: o.count, accepted, deliveredOnce: ids.length - missing.length - duplicated.length, missing, duplicated, refusedDuringOutage: refused, killedAtMs, recoveredToAllDeliveredMs: allDelivered };
  } finally {
    await kill(rampart);
    await connector.stop();
  }
}
