import { randomUUID } from 'node:crypto';

/** How an AppError was raised, beyond its code and the user's sentence. */
export interface AppErrorOptions {
  /** What went wrong in the operator's terms (ids, upstream answers); logged, never shown to an analyst. */
  detail?: string;
  /** The HTTP status an API answers with when this error reaches it. */
  httpStatus?: number;
  /** True when the process cannot go on (bad config, storage gone). */
  isCatastrophic?: boolean;
  cause?: unknown;
}

/**
 * The one error type the application raises on purpose (docs/ARCHITECTURE.md, "Errors").
 * `userMessage` is safe to show an analyst; `detail` is for the logs; `correlationId` joins
 * the two, so a reference quoted from Teams finds the log line.
 */
export class AppError extends Error {
  /** A stable machine-readable name, e.g. `ConfigInvalid`, `PlaybookNotFound`. */
  readonly code: string;
  /** What happened and what to do, in the user's words. */
  readonly userMessage: string;
  readonly detail?: string;
  readonly httpStatus: number;
  readonly isCatastrophic: boolean;
  readonly correlationId: string;

  constructor(code: string, userMessage: string, options: AppErrorOptions = {}) {
    super(options.detail ? `${userMessage} [${options.detail}]` : userMessage, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.userMessage = userMessage;
    this.detail = options.detail;
    this.httpStatus = options.httpStatus ?? 500;
    this.isCatastrophic = options.isCatastrophic ?? false;
    this.correlationId = newCorrelationId();
  }
}

/** A short id that ties what an analyst saw to the log line with the detail. */
export function newCorrelationId(): string {
  return randomUUID().slice(0, 8);
}

/** Narrowing helper for log fields: the error's message, whatever was thrown. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** What to show a user for any thrown value, and what to log beside it. */
export interface ReportedError {
  /** Safe for a Teams message: an AppError's userMessage, otherwise `fallback`. */
  userMessage: string;
  correlationId: string;
  /** Fields for the logger: the code, the internal detail, the error itself. */
  log: { correlationId: string; code: string; err: unknown };
  /** True when the user's own input caused it (an AppError below 500). */
  expected: boolean;
}

/** Splits any thrown value into the user-safe text and the logged detail; unknown errors show only `fallback`. */
export function reportError(err: unknown, fallback = 'Rampart could not do that because of an internal error.'): ReportedError {
  if (err instanceof AppError) {
    return { userMessage: err.userMessage, correlationId: err.correlationId, log: { correlationId: err.correlationId, code: err.code, err }, expected: err.httpStatus < 500 };
  }
  const correlationId = newCorrelationId();
  return { userMessage: fallback, correlationId, log: { correlationId, code: 'Unexpected', err }, expected: false };
}

/** The sentence an analyst sees: the safe text and the reference to quote to an operator. */
export function userFacingText(reported: ReportedError): string {
  return `${reported.userMessage} (reference ${reported.correlationId})`;
}
