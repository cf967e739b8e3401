import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { auditActivityCards } from './cardAudit';

/** One call the bot made to the Bot Framework connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  /** The activity id replied to / updated, when the path carries one. */
  activityId?: string;
  activity: Record<string, unknown>;
  /** When the request reached the connector (Date.now()). */
  receivedAt: number;
}

/**
 * A Bot Framework connector on loopback that records what the bot sends (replies, new
 * conversations, updates), so server tests can assert on real HTTP traffic.
 * `throttle` makes the next N sends answer 429 with Retry-After.
 */
export class MockConnector {
  readonly calls: ConnectorCall[] = [];
  private server?: http.Server;
  private waiters: { predicate: (c: ConnectorCall) => boolean; resolve: (c: ConnectorCall) => void }[] = [];
  private nextId = 1;
  throttle = 0;
  /** While set, every send (not GET) is refused with this status, as Teams does on a bad day. */
  private outageStatus?: number;
  /** Sends refused by `outage()` so far. */
  refused = 0;
  /** The team roster Teams serves (`GET /v3/conversations/{team}/members/{user}`): team id -> user id -> member. */
  readonly roster = new Map<string, Map<string, Record<string, unknown>>>();
  /** Team details (`GET /v3/teams/{team}`): team id -> details (aadGroupId, name). */
  readonly teams = new Map<string, Record<string, unknown>>();

  /** From now on every send answers `status` (429 with Retry-After: 1, or a 5xx) until `recover()`. */
  outage(status: number): void {
    this.outageStatus = status;
  }

  /** Ends the outage: sends are recorded and answered again. */
  recover(): void {
    this.outageStatus = undefined;
  }

  get url(): string {
    const port = (this.server?.address() as AddressInfo).port;
    return `http://127.0.0.1:${port}/`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => this.handle(req, res, body));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }

  /** Resolves with the first recorded (or future) call that matches. */
  waitFor(predicate: (c: ConnectorCall) => boolean, timeoutMs = 10000): Promise<ConnectorCall> {
    const found = this.calls.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching connector call within ${timeoutMs} ms; saw ${this.calls.length}`)), timeoutMs);
      this.waiters.push({
        predicate,
        resolve: (c) => {
          clearTimeout(timer);
          resolve(c);
        },
      });
    });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const path = (req.url ?? '').split('?')[0];
    const member = req.method === 'GET' ? /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(path) : null;
    const team = req.method === 'GET' ? /^\/v3\/teams\/([^/]+)$/.exec(path) : null;
    if (member || team) {
      const found = member ? this.roster.get(decodeURIComponent(member[1]))?.get(decodeURIComponent(member[2])) : this.teams.get(decodeURIComponent(team![1]));
      res.writeHead(found ? 200 : 404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(found ?? { error: { code: 'MemberNotFoundInConversation', message: 'not a member' } }));
      return;
    }
    const m = /^\/v3\/conversations(?:\/([^/]+))?(?:\/activities(?:\/([^/]+))?)?/.exec(path);
    if (!m) {
      res.writeHead(404);
      res.end();
      return;
    }
    if (this.outageStatus !== undefined && req.method !== 'GET') {
      this.refused++;
      res.writeHead(this.outageStatus, { 'Content-Type': 'application/json', ...(this.outageStatus === 429 ? { 'Retry-After': '1' } : {}) });
      res.end(JSON.stringify({ error: { code: this.outageStatus === 429 ? 'Throttled' : 'ServiceUnavailable', message: 'the connector is failing on command' } }));
      return;
    }
    if (this.throttle > 0 && req.method !== 'GET') {
      this.throttle--;
      // Two calls: restify, once loaded, patches ServerResponse so writeHead() no longer chains.
      res.writeHead(429, { 'Retry-After': '1', 'Content-Type': 'application/json' });
      res.end('{"error":{"code":"Throttled"}}');
      return;
    }
    let activity: Record<string, unknown> = {};
    try {
      activity = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    } catch {
      res.writeHead(400);
      res.end();
      return;
    }
    auditActivityCards(activity, `${req.method ?? 'POST'} ${path}`);
    const conversationId = m[1] ? decodeURIComponent(m[1]) : `conv-${this.nextId}`;
    const call: ConnectorCall = { method: req.method ?? 'POST', path, conversationId, activityId: m[2] ? decodeURIComponent(m[2]) : undefined, activity, receivedAt: Date.now() };
    this.calls.push(call);
    for (const w of [...this.waiters]) {
      if (w.predicate(call)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(call);
      }
    }
    const id = `act-${this.nextId++}`;
    res.writeHead(m[1] ? 200 : 201, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(m[1] ? { id } : { id: conversationId, activityId: id }));
  }
}

/** A message activity as Teams sends it to the bot. */
export function messageActivity(
  serviceUrl: string,
  text: string,
  options: { conversationId?: string; conversationType?: string; fromId?: string; fromName?: string; aadObjectId?: string } = {},
): Record<string, unknown> {
  return {
    type: 'message',
    id: `m-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    text,
    from: { id: options.fromId ?? 'user-1', name: options.fromName ?? 'Alex Analyst', aadObjectId: options.aadObjectId ?? 'aad-alex' },
    recipient: { id: 'bot-1', name: 'Rampart' },
    conversation: {
      id: options.conversationId ?? 'personal-conv-1',
      conversationType: options.conversationType ?? 'personal',
      tenantId: 'tenant-1',
    },
    channelData: { tenant: { id: 'tenant-1' } },
    locale: 'en-US',
  };
}
