import pino, { type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/** Paths pino blanks in every log line, so a secret never reaches a log sink. */
export const REDACTED_PATHS = [
  'password',
  'secret',
  'clientSecret',
  'token',
  'accessToken',
  'access_token',
  'apiKey',
  'authorization',
  '*.password',
  '*.secret',
  '*.clientSecret',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.apiKey',
  '*.authorization',
  'headers.authorization',
  'headers["x-apikey"]',
  'req.headers.authorization',
  'req.headers["x-apikey"]',
  'config.secrets',
  // A PostgreSQL connection string carries its password.
  'databaseUrl',
  '*.databaseUrl',
  'connectionString',
  '*.connectionString',
];

export interface LoggerSettings {
  level?: string;
  /** Human-readable output (local development); JSON lines otherwise. */
  pretty?: boolean;
  name?: string;
  /** Where log lines go; stderr by default so stdout stays free for command output. */
  destination?: NodeJS.WritableStream;
}

/** Builds the process logger: JSON in production, readable locally, secrets redacted. */
export function createLogger(settings: LoggerSettings = {}): Logger {
  const options: LoggerOptions = {
    name: settings.name ?? 'rampart',
    level: settings.level ?? process.env.LOG_LEVEL ?? 'info',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  if (settings.pretty) {
    // pino-pretty as a stream (not a worker transport) keeps start-up fast and synchronous.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- pino-pretty loads only for local, readable logs
    const pretty = require('pino-pretty') as (opts: object) => NodeJS.WritableStream;
    return pino(options, pretty({ colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname', destination: 2 }));
  }
  return pino(options, settings.destination ?? pino.destination(2));
}

/** A logger that drops everything, for tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
