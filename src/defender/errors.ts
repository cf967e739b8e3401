/** Which service answered: the error codes differ per service. */
export type ServiceName = 'defender' | 'graph' | 'virustotal';

/**
 * A refusal from Defender XDR, Graph or VirusTotal, keeping the service's own error code
 * (`ActiveRequestAlreadyExists`, `Request_ResourceNotFound`, `NotFoundError`...) so callers can
 * branch on it and show the analyst what the service said.
 */
export class DefenderApiError extends Error {
  constructor(
    public readonly service: ServiceName,
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly target?: string,
    /** Seconds the service asked to wait (429/503), when it said. */
    public readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DefenderApiError';
  }

  /** True for 404 answers. */
  get isNotFound(): boolean {
    return this.status === 404;
  }
}

/** The call did not get an answer (timeout, connection refused, TLS failure). */
export class ServiceUnreachableError extends Error {
  constructor(
    public readonly service: ServiceName,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ServiceUnreachableError';
  }
}
