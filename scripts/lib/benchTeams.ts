/** What the incident benchmarks share: their incidents, a connector with Teams' rate limits, and the arithmetic. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Sliding windows as `teamsPacer.ts` writes them: [window ms, most requests in it]. */
export type Limits = readonly (readonly [number, number])[];

/** Teams' limits sped up `factor` times (the windows shrink, the counts stay). */
export function scaledLimits(limits: Limits, factor: number): [number, number][] {
  return limits.map(([w, max]) => [Math.max(1, Math.round(w / factor)), max]);
}

/** The p-th percentile of sorted numbers (NaN for none). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Incident `n` of a benchmark run (ids from 900000), as Defender XDR sends it: one alert, with
 * one device and one user when `device` is set.
 */
export function benchIncident(n: number, at: string, o: { name: string; device: boolean }): Record<string, unknown> {
  const id = 900_000 + n;
  const alert = { alertId: `da${o.name}${id}_1`, serviceSource: 'MicrosoftDefenderForEndpoint', title: 'Suspicious PowerShell command line', severity: 'Medium', category: 'Execution' };
  return {
    incidentId: id,
    incidentName: `Suspicious activity on ws-${o.name}-${n}`,
    createdTime: at,
    lastUpdateTime: at,
    status: 'Active',
    severity: ['High', 'Medium', 'Low'][n % 3],
    classification: 'Unknown',
    determination: 'NotAvailable',
    assignedTo: null,
    tags: [],
    alerts: [
      o.device
        ? {
            ...alert,
            devices: [{ mdatpDeviceId: `${id}`.padStart(40, 'b'), deviceDnsName: `ws-${o.name}-${n}.contoso.com`, osPlatform: 'Windows11', riskScore: 'Medium', healthStatus: 'Active' }],
            entities: [{ entityType: 'User', accountName: o.name, userPrincipalName: `${o.name}${n}@contoso.com` }],
          }
        : { ...alert, devices: [] },
    ],
  };
}

/**
 * A Bot Framework connector that keeps Teams' rules for the benchmarks: per conversation (a
 * channel for new posts, a thread for replies) and per bot, sliding windows; past them, 429 +
 * Retry-After. It notes when each incident's notification (a new thread naming it) and the
 * first burst digest arrived.
 */
export class RateLimitedTeams {
  /** Incident id -> when each notification naming it arrived (ms, performance clock). */
  readonly notifications = new Map<string, number[]>();
  /** When the first burst digest arrived. */
  digestAt?: number;
  throttled = 0;
  requests = 0;
  private readonly sent = new Map<string, number[]>();
  private global: number[] = [];
  private server?: http.Server;
  private nextId = 1;

  constructor(
    private readonly threadLimits: Limits,
    private readonly globalLimits: Limits,
    private readonly o: {
      /** The channel new threads go to when the activity does not name one. */
      channelId: string;
      /** Finds the incident id in a new thread's request body (the notification card's words). */
      incidentPattern: RegExp;
    },
  ) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.handle(req, res, Buffer.concat(chunks).toString('utf8')));
    });
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => {
      this.server?.close(() => r());
      this.server?.closeAllConnections();
    });
  }

  private allowed(key: string, now: number): boolean {
    const longest = Math.max(...this.threadLimits.map(([w]) => w));
    const list = (this.sent.get(key) ?? []).filter((t) => t > now - longest);
    this.global = this.global.filter((t) => t > now - Math.max(...this.globalLimits.map(([w]) => w)));
    const within = (times: number[], limits: Limits): boolean => limits.every(([w, max]) => times.filter((t) => t > now - w).length < max);
    if (!within(list, this.threadLimits) || !within(this.global, this.globalLimits)) {
      this.sent.set(key, list);
      return false;
    }
    list.push(now);
    this.sent.set(key, list);
    this.global.push(now);
    return true;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    this.requests++;
    const m = /^\/v3\/conversations(?:\/([^/?]+))?/.exec(req.url ?? '');
    if (!m) {
      reply(res, 404);
      return;
    }
    let activity: { channelData?: { channel?: { id?: string } } } = {};
    try {
      activity = body ? (JSON.parse(body) as typeof activity) : {};
    } catch {
      reply(res, 400);
      return;
    }
    const creating = !m[1];
    const channel = activity.channelData?.channel?.id ?? this.o.channelId;
    if (!this.allowed(creating ? channel : decodeURIComponent(m[1]), Date.now())) {
      this.throttled++;
      reply(res, 429, { 'Retry-After': '1', 'Content-Type': 'application/json' }, '{"error":{"code":"Throttled","message":"Too many requests"}}');
      return;
    }
    const id = `act-${this.nextId++}`;
    if (!creating) {
      reply(res, 200, { 'Content-Type': 'application/json' }, JSON.stringify({ id }));
      return;
    }
    if (body.includes('Burst:')) this.digestAt ??= performance.now();
    else {
      const incident = this.o.incidentPattern.exec(body)?.[1];
      if (incident) this.notifications.set(incident, [...(this.notifications.get(incident) ?? []), performance.now()]);
    }
    reply(res, 201, { 'Content-Type': 'application/json' }, JSON.stringify({ id: `${channel};messageid=${id}`, activityId: id }));
  }
}

/** restify patches http.ServerResponse when it is loaded in the same process, so writeHead is not chained here. */
function reply(res: http.ServerResponse, status: number, headers: Record<string, string> = {}, body = ''): void {
  res.writeHead(status, headers);
  res.end(body);
}
