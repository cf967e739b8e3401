import { AppError } from '../errors';
import type { Logger } from '../logger';
import { IncidentPayloadError, parseIncidentPayload, type SecurityIncident } from './model';
import type { DefenderGateway } from './ports';
import type { IncidentStore } from '../records/incident';

const CURSOR = 'defender-incidents';
const PAGE = 100;

export interface IncidentPollerOptions {
  defender: DefenderGateway;
  store: IncidentStore;
  ingest: (incident: SecurityIncident, source: string) => Promise<unknown>;
  logger: Logger;
  intervalSeconds: number;
  /** Polls only while this says so (the instance holding the poller role among several). */
  isLeader?: () => boolean;
  /** Where a first poll starts (default: one day back), so a fresh install is not flooded by history. */
  initialLookbackMinutes?: number;
}

/**
 * Polls the Defender XDR incidents API: `$filter=lastUpdateTime ge <cursor>`, `$top` 100 with
 * `$skip` paging, the cursor durable in SQLite. The cursor is inclusive (`ge`), so incidents
 * at the cursor time are seen again and dropped by the lastUpdateTime dedupe. 429 waits for
 * Retry-After. The documented limits (50 calls / minute, 1500 / hour) are far above one poll.
 */
export class IncidentPoller {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;

  constructor(private readonly o: IncidentPollerOptions) {}

  start(): void {
    if (this.o.intervalSeconds <= 0 || !this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      if (this.o.isLeader && !this.o.isLeader()) {
        // Another instance polls; this one checks again soon, to take over if that one dies.
        this.schedule(Math.min(this.o.intervalSeconds * 1000, 5000));
        return;
      }
      this.running = this.pollOnce()
        .then((waitMs) => this.schedule(waitMs ?? this.o.intervalSeconds * 1000))
        .catch((err: Error) => {
          this.o.logger.warn({ err: err.message }, 'polling Defender incidents failed; trying again at the next interval');
          this.schedule(this.o.intervalSeconds * 1000);
        });
    }, ms);
    this.timer.unref();
  }

  /** One poll through every page; returns a wait in ms when throttled. Public for tests and `rampart` commands. */
  async pollOnce(): Promise<number | undefined> {
    const since = (await this.o.store.cursor(CURSOR)) ?? new Date(Date.now() - (this.o.initialLookbackMinutes ?? 24 * 60) * 60_000).toISOString();
    let newest = since;
    for (let skip = 0; ; skip += PAGE) {
      const page = await this.o.defender.listIncidents(since, PAGE, skip);
      if (page.status === 429) {
        // The cursor stays put: pages are not guaranteed in time order, and repeats are deduped.
        if (!(await this.o.store.cursor(CURSOR))) await this.o.store.saveCursor(CURSOR, since);
        const wait = (page.retryAfterSeconds ?? 30) * 1000;
        this.o.logger.warn({ waitMs: wait }, 'Defender throttled the incident poll; waiting as asked');
        return wait;
      }
      if (page.status >= 400) throw new AppError('IncidentListRefused', 'Defender refused the incident list; the poller tries again at its next round.', { httpStatus: 502, detail: `Defender answered ${page.status} to the incident list: ${JSON.stringify(page.body).slice(0, 300)}` });
      const items = ((page.body as { value?: unknown[] })?.value ?? []);
      for (const raw of items) {
        try {
          const incident = parseIncidentPayload(raw);
          await this.o.ingest(incident, 'poller');
          if (incident.lastUpdateTime > newest) newest = incident.lastUpdateTime;
        } catch (err) {
          if (!(err instanceof IncidentPayloadError)) throw err;
          this.o.logger.warn({ err: err.message }, 'skipped an incident the API returned in an unexpected shape');
        }
      }
      if (items.length < PAGE) break;
    }
    await this.saveProgress(newest, since);
    return undefined;
  }

  private async saveProgress(newest: string, since: string): Promise<void> {
    if (newest > since || !(await this.o.store.cursor(CURSOR))) await this.o.store.saveCursor(CURSOR, newest);
  }
}
