import crypto from 'node:crypto';
import { AppError } from '../errors';

/** One request as the simulator's handlers see it. */
export interface SimRequest {
  method: string;
  /** Path without the query string, percent-decoding left to the handlers. */
  path: string;
  /** Path and query, as recorded in the call log. */
  url: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  /** The parsed JSON or form body; undefined when there is none or it does not parse. */
  body: unknown;
  bodyParseError: boolean;
}

/** What a handler answers. `action` names the write call for the call log (null for reads). */
export interface SimResponse {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
  action?: string | null;
}

/** A refusal that carries its complete HTTP answer, thrown from deep inside a handler. */
export class SimHttpError extends AppError {
  constructor(public readonly response: SimResponse) {
    super('SimulatedRefusal', `The simulated service answered ${response.status}.`, { httpStatus: response.status, detail: JSON.stringify(response.json ?? response.text ?? null).slice(0, 300) });
    this.message = `HTTP ${response.status}`;
  }
}

/** Answers with JSON. */
export function json(status: number, body: unknown, headers?: Record<string, string>): SimResponse {
  return { status, json: body, headers };
}

/** The Defender XDR / MDE error body: `{"error":{"code","message","target"}}`. */
export function defenderError(status: number, code: string, message: string, headers?: Record<string, string>): SimHttpError {
  return new SimHttpError(json(status, { error: { code, message, target: crypto.randomUUID() } }, headers));
}

/** The Microsoft Graph error body, with the innerError Graph adds. */
export function graphError(status: number, code: string, message: string): SimHttpError {
  const requestId = crypto.randomUUID();
  return new SimHttpError(
    json(status, {
      error: {
        code,
        message,
        innerError: { date: new Date().toISOString().replace(/\.\d+Z$/, ''), 'request-id': requestId, 'client-request-id': requestId },
      },
    }),
  );
}

/** The VirusTotal v3 error body. */
export function virusTotalError(status: number, code: string, message: string): SimHttpError {
  return new SimHttpError(json(status, { error: { code, message } }));
}

/** The body as a JSON object, or undefined. */
export function bodyObject(req: SimRequest): Record<string, unknown> | undefined {
  return req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : undefined;
}

/** Reads one header as a string. */
export function header(req: SimRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Now as the services print it: ISO 8601 with 7 fractional digits. */
export function serviceTime(ms: number = Date.now()): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}
