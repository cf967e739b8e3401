import https from 'node:https';
import { agentFor } from '../../src/defender/http';
import type { SimulatorInfo } from '../../src/simulator';

/** A raw HTTP answer from the simulator. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the simulator tests read many JSON shapes ad hoc; typing each is the tests' noise, not safety
  body: any;
}

type CallOptions = { body?: unknown; token?: string; headers?: Record<string, string>; form?: Record<string, string> };

/**
 * Sends one request to the simulator exactly as written, trusting its CA. The one resend: a kept-alive socket the
 * simulator closed as idle just as the request went out (reset before any answer, so the simulator never read it),
 * which Node's documentation says to retry; any other failure is the caller's.
 */
export async function call(info: SimulatorInfo, method: string, path: string, opts: CallOptions = {}): Promise<RawAnswer> {
  try {
    return await callOnce(info, method, path, opts);
  } catch (err) {
    if (!(err instanceof StaleSocketError)) throw err;
    return callOnce(info, method, path, opts);
  }
}

class StaleSocketError extends Error {}

function callOnce(info: SimulatorInfo, method: string, path: string, opts: CallOptions): Promise<RawAnswer> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  let payload: string | undefined;
  if (opts.form) {
    payload = new URLSearchParams(opts.form).toString();
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  } else if (opts.body !== undefined) {
    payload = JSON.stringify(opts.body);
    headers['Content-Type'] = 'application/json';
  }
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  return new Promise((resolve, reject) => {
    const req = https.request(new URL(info.url + path), { method, headers, agent: agentFor(info.caFile) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          // plain text answer
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    });
    req.on('error', (err: NodeJS.ErrnoException) => reject(req.reusedSocket && err.code === 'ECONNRESET' ? new StaleSocketError(err.message, { cause: err }) : err));
    req.end(payload);
  });
}

/** A client-credentials token from the simulator for a resource. */
export async function tokenFor(info: SimulatorInfo, resource: string, app: { clientId: string; clientSecret: string } = info): Promise<string> {
  const answer = await call(info, 'POST', `/${info.tenantId}/oauth2/v2.0/token`, {
    form: { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret, scope: `${resource}/.default` },
  });
  if (answer.status !== 200) throw new Error(`token request failed: ${JSON.stringify(answer.body)}`);
  return answer.body.access_token as string;
}

export const DEFENDER = 'https://api.securitycenter.microsoft.com';
export const GRAPH = 'https://graph.microsoft.com';

/** A control-API call that must succeed: the parsed answer, or an error naming the status. */
export async function control(info: Pick<SimulatorInfo, 'url' | 'caFile'>, method: string, path: string, body?: unknown): Promise<unknown> {
  const answer = await call(info as SimulatorInfo, method, path, { body });
  if (answer.status >= 300) throw new Error(`${method} ${path} -> ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}
