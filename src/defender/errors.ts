import { AppError } from '../errors';

/** Which service answered: the error codes differ per service. */
export type ServiceName = 'defender' | 'graph' | 'virustotal';

const SERVICE_LABELS: Record<ServiceName, string> = { defender: 'Defender XDR', graph: 'Microsoft Graph', virustotal: 'VirusTotal' };

/**
 * A refusal from Defender XDR, Graph or VirusTotal, keeping the service's own error code
 * (`ActiveRequestAlreadyExists`, `Request_ResourceNotFound`, `NotFoundError`...) as `code` so
 * callers can branch on it; the analyst is shown what the service said.
 */
export class DefenderApiError extends AppError {
  constructor(
    public readonly service: ServiceName,
    public readonly status: number,
    code: string,
    message: string,
    public readonly target?: string,
    /** Seconds the service asked to wait (429/503), when it said. */
    public readonly retryAfterSeconds?: number,
  ) {
    super(code, `${SERVICE_LABELS[service]} refused the call (${status} ${code}): ${message}`, { httpStatus: 502, detail: target ? `target ${target}` : undefined });
    // Callers relay the service's own words (the gateway rebuilds its error body from them).
    this.message = message;
  }

  /** True for 404 answers. */
  get isNotFound(): boolean {
    return this.status === 404;
  }
}

/** The call did not get an answer (timeout, connection refused, TLS failure). */
export class ServiceUnreachableError extends AppError {
  constructor(
    public readonly service: ServiceName,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('ServiceUnreachable', `${SERVICE_LABELS[service]} did not answer; try again in a few minutes.`, { httpStatus: 502, detail: message, cause: options?.cause });
    this.message = message;
  }
}
