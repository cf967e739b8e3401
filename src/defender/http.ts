import fs from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import tls from 'node:tls';
import { setTimeout as sleep } from 'node:timers/promises';
import { DefenderApiError, ServiceUnreachableError, type ServiceName } from './errors';

/** Transport settings shared by the clients. */
export interface HttpSettings {
  /** Extra CA certificate(s) to trust besides the system ones (the simulator's caFile). */
  caFile?: string;
  /** Per-attempt timeout; 30 s by default. */
  timeoutMs?: number;
  /** Retries for 429, 5xx and connection failures; 3 by default. */
  maxRetries?: number;
  /** Upper bound for one wait, even when Retry-After asks for more; 60 s by default. */
  maxRetryDelayMs?: number;
}

/** One call: method, path under the base URL (or an absolute nextLink), query and JSON body. */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
}

/** An HTTPS agent trusting the system CAs plus the given CA file (cached per file). */
export function agentFor(caFile?: string): https.Agent | undefined {
  if (!caFile) return undefined;
  let agent = agents.get(caFile);
  if (!agent) {
    agent = new https.Agent({ keepAlive: true, ca: [...tls.rootCertificates, fs.readFileSync(caFile, 'utf8')] });
    agents.set(caFile, agent);
  }
  return agent;
}
const agents = new Map<string, https.Agent>();

/** JSON over HTTPS with timeouts, bounded retries honouring Retry-After, and typed errors. */
export class ApiTransport {
  private readonly agent?: https.Agent;

  constructor(
    private readonly service: ServiceName,
    private readonly baseUrl: string,
    private readonly headers: () => Promise<Record<string, string>>,
    private readonly settings: HttpSettings = {},
  ) {
    this.agent = agentFor(settings.caFile);
  }

  /** Sends the request (retrying what is worth retrying) and returns the parsed JSON body, or undefined when empty. */
  async send<T>(request: ApiRequest): Promise<T> {
    const maxRetries = this.settings.maxRetries ?? 3;
    for (let attempt = 0; ; attempt++) {
      let outcome: { status: number; body: string; retryAfter?: string };
      try {
        outcome = await this.once(request);
      } catch (err) {
        if (attempt < maxRetries && request.method !== 'POST') {
          await sleep(this.backoff(attempt));
          continue;
        }
        throw new ServiceUnreachableError(this.service, `${this.service} did not answer ${request.method} ${request.path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
      if (outcome.status >= 200 && outcome.status < 300) {
        return (outcome.body.trim() ? JSON.parse(outcome.body) : undefined) as T;
      }
      const retryAfter = parseRetryAfter(outcome.retryAfter);
      // A POST that failed with 5xx may have been carried out: repeating it could isolate twice. 429 is never carried out.
      const retryable = outcome.status === 429 || (outcome.status >= 500 && request.method !== 'POST');
      if (retryable && attempt < maxRetries) {
        await sleep(Math.min(retryAfter !== undefined ? retryAfter * 1000 : this.backoff(attempt), this.settings.maxRetryDelayMs ?? 60_000));
        continue;
      }
      throw this.error(outcome.status, outcome.body, retryAfter);
    }
  }

  private backoff(attempt: number): number {
    return Math.min(500 * 2 ** attempt, this.settings.maxRetryDelayMs ?? 60_000);
  }

  private async once(request: ApiRequest): Promise<{ status: number; body: string; retryAfter?: string }> {
    const url = new URL(/^https?:\/\//.test(request.path) ? request.path : this.baseUrl.replace(/\/+$/, '') + request.path);
    for (const [k, v] of Object.entries(request.query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }
    const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
    const headers: Record<string, string> = { Accept: 'application/json', ...(await this.headers()) };
    if (payload !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(Buffer.byteLength(payload));
    }
    const lib = url.protocol === 'http:' ? http : https;
    return new Promise((resolve, reject) => {
      const req = lib.request(url, { method: request.method, headers, agent: url.protocol === 'https:' ? this.agent : undefined, timeout: this.settings.timeoutMs ?? 30_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), retryAfter: res.headers['retry-after'] }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`timed out after ${this.settings.timeoutMs ?? 30_000} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  private error(status: number, body: string, retryAfter?: number): DefenderApiError {
    let parsed: { error?: { code?: string; message?: string; target?: string } | string; error_description?: string } = {};
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      // not JSON: keep the raw text as the message
    }
    const e = parsed.error;
    if (e && typeof e === 'object') {
      return new DefenderApiError(this.service, status, e.code ?? `Http${status}`, e.message ?? body, e.target, retryAfter);
    }
    if (typeof e === 'string') {
      return new DefenderApiError(this.service, status, e, parsed.error_description ?? e, undefined, retryAfter);
    }
    return new DefenderApiError(this.service, status, `Http${status}`, body.slice(0, 300) || `HTTP ${status}`, undefined, retryAfter);
  }
}

function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}
