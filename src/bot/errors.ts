import { reportError, userFacingText } from '../errors';
import type { Logger } from '../logger';

/**
 * Logs a failed turn's detail under a correlation id and returns what the analyst may read:
 * the error's user-safe text (a generic sentence for anything not an AppError) and that id.
 */
export function explainFailure(logger: Logger, err: unknown, what: string, fields: Record<string, unknown> = {}, fallback?: string): string {
  const reported = reportError(err, fallback);
  if (reported.expected) logger.info({ ...fields, ...reported.log }, what);
  else logger.error({ ...fields, ...reported.log }, what);
  return userFacingText(reported);
}
