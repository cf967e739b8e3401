import crypto from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../logger';
import { IncidentPayloadError, parseIncidentPayload, type SecurityIncident } from './model';

/** Checks an Entra ID bearer token (issuer, audience, signature); true when valid. */
export type BearerVerifier = (token: string) => Promise<boolean>;

export interface IncidentWebhookOptions {
  /** WEBHOOK_HMAC_SECRET: `X-Rampart-Signature: sha256=<hex of HMAC-SHA256(raw body)>`. */
  hmacSecret?: string;
  verifyBearer?: BearerVerifier;
  ingest: (incident: SecurityIncident, source: string) => Promise<{ fresh: boolean; isNew: boolean }>;
  logger: Logger;
}

/** Constant-time check of `sha256=<hex>` against the raw body. */
export function validSignature(secret: string, rawBody: Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const m = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!m) return false;
  const expected = crypto.createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(m[1], 'hex');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** The signature header value for a body (for senders, tests and the benchmark). */
export function signBody(secret: string, rawBody: string | Buffer): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

function readRawBody(req: Request): Promise<Buffer> {
  // restify's bodyParser (on for every route) has already read the stream and kept the text.
  const r = req as Request & { rawBody?: Buffer | string; body?: unknown };
  const existing = r.rawBody ?? (typeof r.body === 'string' || Buffer.isBuffer(r.body) ? r.body : undefined);
  if (existing !== undefined) return Promise.resolve(Buffer.isBuffer(existing) ? existing : Buffer.from(existing, 'utf8'));
  if (req.complete) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * `POST /api/incidents`: a Defender XDR incident or a Sentinel automation-rule / Logic App
 * body, signed with HMAC-SHA256 or carrying an Entra ID token. 401 otherwise, 400 with the
 * reason for a malformed body, 202 once stored (200 when it was a duplicate).
 */
export function registerIncidentWebhook(server: Server, options: IncidentWebhookOptions): void {
  server.post('/api/incidents', async (req: Request, res: Response) => {
    const raw = await readRawBody(req);
    const auth = req.header('authorization');
    let authenticated = false;
    if (options.hmacSecret && validSignature(options.hmacSecret, raw, req.header('x-rampart-signature'))) authenticated = true;
    else if (auth?.toLowerCase().startsWith('bearer ') && options.verifyBearer) {
      authenticated = await options.verifyBearer(auth.slice(7).trim()).catch(() => false);
    }
    if (!authenticated) {
      res.send(401, { error: { code: 'Unauthorized', message: 'Sign the raw body with the shared secret (X-Rampart-Signature: sha256=<hex HMAC-SHA256>) or send an Entra ID bearer token for this app.' } });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch (err) {
      res.send(400, { error: { code: 'BadRequest', message: `The body is not JSON: ${(err as Error).message}` } });
      return;
    }
    let incident: SecurityIncident;
    try {
      incident = parseIncidentPayload(body);
    } catch (err) {
      if (err instanceof IncidentPayloadError) {
        res.send(400, { error: { code: 'BadRequest', message: err.message } });
        return;
      }
      throw err;
    }
    const source = incident.source === 'sentinel' ? 'webhook:sentinel' : 'webhook:defender';
    const stored = await options.ingest(incident, source);
    res.send(stored.fresh ? 202 : 200, { incidentId: incident.incidentId, lastUpdateTime: incident.lastUpdateTime, duplicate: !stored.fresh, new: stored.isNew });
  });
}
