import type { Request, Response, Server } from 'restify';
import type { Logger } from '../logger';
import { IncidentPayloadError, parseIncidentPayload, type SecurityIncident } from '../incidents/model';
import { isLockError } from '../storage/outbox';
import { validSignature, type BearerVerifier } from '../incidents/webhook';
import { readBody, sendAppError } from './body';
import { inSpan, rememberIncidentTrace, SpanKind } from '../telemetry';
import type { Span } from '@opentelemetry/api';

export interface IncidentWebhookOptions {
  /** WEBHOOK_HMAC_SECRET: `X-Rampart-Signature: sha256=<hex of HMAC-SHA256(raw body)>`. */
  hmacSecret?: string;
  verifyBearer?: BearerVerifier;
  ingest: (incident: SecurityIncident, source: string) => Promise<{ fresh: boolean; isNew: boolean }>;
  logger: Logger;
  /** Cap on the body after decompression (default MAX_BODY_BYTES). */
  maxBodyBytes?: number;
}

/**
 * `POST /api/incidents`: a Defender XDR incident or a Sentinel automation-rule / Logic App
 * body, signed with HMAC-SHA256 or carrying an Entra ID token. 401 otherwise, 400 with the
 * reason for a malformed body, 202 once stored (200 when it was a duplicate).
 */
export function registerIncidentWebhook(server: Server, options: IncidentWebhookOptions): void {
  // Each request is the root of a trace; the incident it brings in keeps that trace (src/telemetry.ts).
  server.post('/api/incidents', async (req: Request, res: Response) => {
    await inSpan('POST /api/incidents', { root: true, kind: SpanKind.SERVER, attributes: { 'http.request.method': 'POST', 'http.route': '/api/incidents' } }, (span) => handle(req, res, span));
  });

  async function handle(req: Request, res: Response, span: Span): Promise<void> {
    const refuse = (): void => {
      res.send(401, { error: { code: 'Unauthorized', message: 'Sign the raw body with the shared secret (X-Rampart-Signature: sha256=<hex HMAC-SHA256>) or send an Entra ID bearer token for this app.' } });
    };
    // Authenticate before reading: a bearer token is checked on its own; a signature needs the
    // bytes, so only a well-formed signature header earns a (capped) read of the body.
    const auth = req.header('authorization');
    const signature = req.header('x-rampart-signature');
    let bearerOk = false;
    if (auth?.toLowerCase().startsWith('bearer ') && options.verifyBearer) {
      bearerOk = await options.verifyBearer(auth.slice(7).trim()).catch(() => false);
    }
    const mayBeSigned = Boolean(options.hmacSecret && signature && /^sha256=[0-9a-f]{64}$/i.test(signature.trim()));
    if (!bearerOk && !mayBeSigned) return refuse();
    let raw: Buffer;
    try {
      raw = await readBody(req, { maxBytes: options.maxBodyBytes });
    } catch (err) {
      return sendAppError(res, err);
    }
    if (!bearerOk && !validSignature(options.hmacSecret!, raw, signature)) return refuse();
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
        res.send(err.httpStatus, { error: { code: 'BadRequest', message: err.userMessage } });
        return;
      }
      throw err;
    }
    const source = incident.source === 'sentinel' ? 'webhook:sentinel' : 'webhook:defender';
    span.setAttribute('rampart.incident.id', incident.incidentId);
    rememberIncidentTrace(incident.incidentId, span);
    let stored: { fresh: boolean; isNew: boolean };
    try {
      stored = await options.ingest(incident, source);
    } catch (err) {
      if (!isLockError(err)) throw err;
      options.logger.warn({ incidentId: incident.incidentId }, 'storage is locked; asked the sender to retry');
      res.header('Retry-After', '5');
      res.send(503, { error: { code: 'StorageBusy', message: 'Rampart could not store the incident right now; send it again in a few seconds.' } });
      return;
    }
    span.setAttribute('http.response.status_code', stored.fresh ? 202 : 200);
    res.send(stored.fresh ? 202 : 200, { incidentId: incident.incidentId, lastUpdateTime: incident.lastUpdateTime, duplicate: !stored.fresh, new: stored.isNew });
  }
}
