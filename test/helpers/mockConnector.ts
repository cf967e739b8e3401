import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK } from 'jose';
import { auditActivityCards } from './cardAudit';

/*
 * The Bot Framework's two sides on loopback: the connector the bot sends to (MockConnector) and
 * the channel that signs the tokens the bot receives (FakeBotFrameworkChannel).
 */

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
  /** Sends answered 429 by `throttle` so far. */
  throttled = 0;
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
    await listenOnLoopback(this.server);
    return this;
  }

  stop(): Promise<void> {
    return closeServer(this.server);
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
      this.throttled++;
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

export const BOT_ID = '11111111-2222-3333-4444-555555555555';
export const CHANNEL_ISSUER = 'https://api.botframework.com';

/**
 * The Bot Framework channel's signing side on loopback: an OpenID metadata document and a
 * JWKS with one RSA key endorsed for msteams, and a signer for channel tokens with it, so a
 * test can present both a genuine token and forgeries.
 */
export class FakeBotFrameworkChannel {
  readonly kid = 'channel-key-1';
  private readonly keys = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  private server?: http.Server;

  get metadataUrl(): string {
    return `${this.base}/v1/.well-known/openidconfiguration`;
  }

  /** The public key as PEM: what an HS256 forgery signs with, and what must never reach a log. */
  get publicKeyPem(): string {
    return this.keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  private get base(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    const jwk = { ...(await exportJWK(this.keys.publicKey)), kid: this.kid, kty: 'RSA', use: 'sig', endorsements: ['msteams'] };
    this.server = http.createServer((req, res) => {
      res.setHeader('Content-Type', 'application/json');
      if (req.url?.startsWith('/keys')) res.end(JSON.stringify({ keys: [jwk] }));
      else res.end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `${this.base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    });
    await listenOnLoopback(this.server);
    return this;
  }

  stop(): Promise<void> {
    return closeServer(this.server);
  }

  /** A channel token as the Bot Framework Service signs it, with claims overridable for forgeries. */
  async token(serviceUrl: string, overrides: { aud?: string; iss?: string; nbf?: number; exp?: number } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ serviceurl: serviceUrl })
      .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'JWT' })
      .setIssuer(overrides.iss ?? CHANNEL_ISSUER)
      .setAudience(overrides.aud ?? BOT_ID)
      .setIssuedAt(now)
      .setNotBefore(overrides.nbf ?? now - 10)
      .setExpirationTime(overrides.exp ?? now + 600)
      .sign(this.keys.privateKey);
  }

  /** The classic key-confusion forgery: HS256 with the public key's PEM as the HMAC secret. */
  hs256WithPublicKey(serviceUrl: string): string {
    const now = Math.floor(Date.now() / 1000);
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', kid: this.kid, typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ iss: CHANNEL_ISSUER, aud: BOT_ID, serviceurl: serviceUrl, nbf: now - 10, exp: now + 600 })).toString('base64url');
    const sig = crypto.createHmac('sha256', this.publicKeyPem).update(`${header}.${payload}`).digest('base64url');
    return `${header}.${payload}.${sig}`;
  }
}

/** Listens on a free loopback port. */
export function listenOnLoopback(server: http.Server): Promise<void> {
  return new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
}

/** Closes a server and the connections it still holds (keep-alive clients would hold it open). */
export function closeServer(server: http.Server | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!server) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
