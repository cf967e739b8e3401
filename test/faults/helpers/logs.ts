import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../../src/logger';

/** A JSON logger whose lines a test can read back (secrets, stacks and key material must never appear). */
export function capturedLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), lines };
}

/** Records what goes to console.error / console.warn / stderr while `fn` runs (botbuilder writes there directly). */
export async function capturingConsole<T>(fn: () => Promise<T>): Promise<{ result: T; printed: string }> {
  const printed: string[] = [];
  const original = { error: console.error, warn: console.warn, write: process.stderr.write.bind(process.stderr) };
  console.error = (...args: unknown[]) => void printed.push(args.map(String).join(' '));
  console.warn = (...args: unknown[]) => void printed.push(args.map(String).join(' '));
  process.stderr.write = ((chunk: string | Uint8Array) => {
    printed.push(String(chunk));
    return true;
  });
  try {
    return { result: await fn(), printed: printed.join('\n') };
  } finally {
    console.error = original.error;
    console.warn = original.warn;
    process.stderr.write = original.write;
  }
}
