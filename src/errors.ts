/** The one error type the application raises on purpose; a central handler maps it to a reply. */
export class AppError extends Error {
  constructor(
    /** A stable machine-readable name, e.g. `ConfigInvalid`, `PlaybookNotFound`. */
    public readonly code: string,
    message: string,
    /** The HTTP status an API answers with when this error reaches it. */
    public readonly httpStatus = 500,
    /** True when the process cannot go on (bad config, storage gone). */
    public readonly isCatastrophic = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

/** Narrowing helper for catch blocks. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
