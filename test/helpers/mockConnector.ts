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

/** A root message of a channel as Microsoft Graph shows it (`chatMessage`, the fields Rampart reads). */
export interface GraphChannelMessage {
  id: string;
  createdDateTime: string;
  lastModifiedDateTime: string;
  from: { application: { id: string; displayName: string; applicationIdentityType: 'bot' } };
  channelIdentity: { channelId: string };
  attachments: { id: string; contentType: string; content: string }[];
}

/** One Graph request the connector answered (`/v1.0/...`). */
export interface GraphCall {
  path: string;
  query: string;
  status: number;
}

/**
 * A Bot Framework connector on loopback that records what the bot sends (replies, new
 * conversations, updates), so server tests can assert on real HTTP traffic.
 * `throttle` makes the next N sends answer 429 with Retry-After. It also serves what Microsoft
 * Graph shows of the channels it posted to (`GET /v1.0/teams/{group}/channels/{channel}/messages/delta`,
 * a bearer token required), so a test can point GRAPH_API_BASE at it.
 */
export class MockConnector {
  readonly calls: ConnectorCall[] = [];
  /** Channel id -> the threads started in it, as Graph lists them. */
  readonly channelMessages = new Map<string, GraphChannelMessage[]>();
  readonly graphCalls: GraphCall[] = [];
  /** The next N sends are posted (recorded, shown in Graph) but their answer is lost: the connection is cut. */
  loseAnswers = 0;
  /** The next N sends never arrive: nothing is recorded and the connection is cut. */
  dropSends = 0;
  /** The next N sends are posted but never answered (the connection stays open): a sender killed while it waits. */
  holdAnswers = 0;
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
    if (path.startsWith('/v1.0/')) {
      this.graph(req, res, path);
      return;
    }
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
    if (this.dropSends > 0 && req.method !== 'GET') {
      this.dropSends--;
      req.socket.destroy();
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
    // A new thread in a channel: Teams answers `<channel>;messageid=<root>` and Graph lists the root message.
    const channel = m[1] ? undefined : (activity.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
    const conversationId = m[1] ? decodeURIComponent(m[1]) : channel ? `${channel};messageid=act-${this.nextId}` : `conv-${this.nextId}`;
    const call: ConnectorCall = { method: req.method ?? 'POST', path, conversationId, activityId: m[2] ? decodeURIComponent(m[2]) : undefined, activity, receivedAt: Date.now() };
    this.calls.push(call);
    for (const w of [...this.waiters]) {
      if (w.predicate(call)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(call);
      }
    }
    const id = `act-${this.nextId++}`;
    if (channel) this.showInGraph(channel, id, activity);
    if (req.method === 'PUT' && call.activityId) this.editInGraph(conversationId, call.activityId, activity);
    if (this.loseAnswers > 0 && req.method !== 'GET') {
      this.loseAnswers--;
      req.socket.destroy();
      return;
    }
    if (this.holdAnswers > 0 && req.method !== 'GET') {
      this.holdAnswers--;
      return;
    }
    res.writeHead(m[1] ? 200 : 201, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(m[1] ? { id } : { id: conversationId, activityId: id }));
  }

  /** The root message of a new thread, as Graph will list it (the bot's app id is its `28:` id without the prefix). */
  private showInGraph(channelId: string, id: string, body: Record<string, unknown>): void {
    const activity = (body.activity ?? {}) as Record<string, unknown>;
    const appId = String((body.bot as { id?: string } | undefined)?.id ?? '').replace(/^28:/, '');
    const now = new Date().toISOString();
    const list = this.channelMessages.get(channelId) ?? [];
    list.push({ id, createdDateTime: now, lastModifiedDateTime: now, from: { application: { id: appId, displayName: 'Rampart', applicationIdentityType: 'bot' } }, channelIdentity: { channelId }, attachments: graphAttachments(activity) });
    this.channelMessages.set(channelId, list);
  }

  /** A root card updated in place: Graph shows the new card and a new lastModifiedDateTime. */
  private editInGraph(conversationId: string, activityId: string, activity: Record<string, unknown>): void {
    const message = this.channelMessages.get(conversationId.split(';messageid=')[0])?.find((m) => m.id === activityId);
    if (!message) return;
    message.attachments = graphAttachments(activity);
    message.lastModifiedDateTime = new Date().toISOString();
  }

  /**
   * `GET /v1.0/teams/{group}/channels/{channel}/messages/delta` as Graph serves it: a bearer token
   * required, the team known by its group id (`teams[].aadGroupId`), `$filter=lastModifiedDateTime
   * gt <time>` and `$top` honoured, pages linked by `@odata.nextLink`, the last with a deltaLink.
   */
  private graph(req: http.IncomingMessage, res: http.ServerResponse, path: string): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const answer = (status: number, body: unknown): void => {
      this.graphCalls.push({ path, query: url.search, status });
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (!/^Bearer \S+$/.test(req.headers.authorization ?? '')) return answer(401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' } });
    const m = req.method === 'GET' ? /^\/v1\.0\/teams\/([^/]+)\/channels\/([^/]+)\/messages\/delta$/.exec(path) : null;
    if (!m) return answer(400, { error: { code: 'BadRequest', message: `Resource not found for ${path}` } });
    const [group, channel] = [decodeURIComponent(m[1]), decodeURIComponent(m[2])];
    if (![...this.teams.values()].some((t) => t.aadGroupId === group)) return answer(404, { error: { code: 'NotFound', message: `No team found with Group Id ${group}` } });
    const filter = /^lastModifiedDateTime gt (\S+)$/.exec(url.searchParams.get('$filter') ?? '');
    const since = filter ? Date.parse(filter[1]) : -Infinity;
    const top = Math.min(50, Number(url.searchParams.get('$top') ?? 50) || 50);
    const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
    const all = (this.channelMessages.get(channel) ?? []).filter((msg) => Date.parse(msg.lastModifiedDateTime) > since);
    const page = all.slice(skip, skip + top);
    const base = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}${path}`;
    const more = skip + top < all.length;
    const link = more ? { '@odata.nextLink': `${base}?$filter=${encodeURIComponent(url.searchParams.get('$filter') ?? '')}&$top=${top}&$skiptoken=${skip + top}` } : { '@odata.deltaLink': `${base}?$deltatoken=${Date.now()}` };
    return answer(200, { '@odata.context': "https://graph.microsoft.com/v1.0/$metadata#Collection(chatMessage)", ...link, value: page });
  }
}

/** An activity's Adaptive Cards as Graph shows them: the card as JSON text. */
function graphAttachments(activity: Record<string, unknown>): GraphChannelMessage['attachments'] {
  const attachments = (activity.attachments ?? []) as { contentType?: string; content?: unknown }[];
  return attachments.map((a, k) => ({ id: `att-${k}`, contentType: a.contentType ?? 'application/vnd.microsoft.card.adaptive', content: JSON.stringify(a.content ?? null) }));
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
