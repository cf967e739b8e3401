import zlib from 'node:zlib';
import type { Request, Response } from 'restify';
import { AppError } from '../errors';

/** The largest request body Rampart reads, after decompression (1 MiB: an activity or an incident is far smaller). */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface ReadBodyOptions {
  /** Cap on the decoded (inflated) bytes; also the cap on the bytes on the wire. */
  maxBytes?: number;
}

function tooLarge(limit: number): AppError {
  return new AppError('PayloadTooLarge', `The request body is larger than ${Math.round(limit / 1024)} KB (after decompression); Rampart does not read it.`, { httpStatus: 413 });
}

/**
 * Reads a request body with a hard cap that counts the bytes after decompression, so a small
 * gzip bomb costs at most `maxBytes` of memory. `gzip`, `deflate` and `br` are inflated as a
 * stream and cut off at the cap (413); any other Content-Encoding is refused (415).
 * Call it only once the request is authenticated: an anonymous caller gets nothing read.
 */
export async function readBody(req: Request, options: ReadBodyOptions = {}): Promise<Buffer> {
  const limit = options.maxBytes ?? MAX_BODY_BYTES;
  const declared = Number(req.header('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw tooLarge(limit);
  }
  const encoding = (req.header('content-encoding') || 'identity').trim().toLowerCase();
  let decoder: zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined;
  if (encoding === 'gzip' || encoding === 'x-gzip') decoder = zlib.createGunzip();
  else if (encoding === 'deflate') decoder = zlib.createInflate();
  else if (encoding === 'br') decoder = zlib.createBrotliDecompress();
  else if (encoding !== 'identity') {
    req.resume();
    throw new AppError('UnsupportedEncoding', `Content-Encoding "${encoding}" is not supported; send the body as is, or gzip, deflate or br.`, { httpStatus: 415 });
  }

  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let decoded = 0;
    let wire = 0;
    let settled = false;
    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      decoder?.destroy();
      // Drain (and drop) the rest so the client reads our answer instead of a reset.
      req.removeAllListeners('data');
      req.resume();
      reject(err);
    };
    const onDecoded = (chunk: Buffer): void => {
      decoded += chunk.length;
      if (decoded > limit) return fail(tooLarge(limit));
      chunks.push(chunk);
    };
    const done = (): void => {
      if (settled) return;
      settled = true;
      resolve(Buffer.concat(chunks, decoded));
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      wire += chunk.length;
      if (wire > limit) return fail(tooLarge(limit));
      if (decoder) decoder.write(chunk);
      else onDecoded(chunk);
    });
    req.on('error', fail);
    req.on('aborted', () => fail(new AppError('RequestAborted', 'The client went away before the body arrived.', { httpStatus: 400 })));
    if (decoder) {
      decoder.on('data', onDecoded);
      decoder.on('error', () => fail(new AppError('BadEncoding', `The body is not valid ${encoding} data.`, { httpStatus: 400 })));
      decoder.on('end', done);
      req.on('end', () => decoder.end());
    } else {
      req.on('end', done);
    }
  });
}

/** Reads and parses a JSON body under the same cap; 400 with the reason when it is not JSON. */
export async function readJsonBody(req: Request, options: ReadBodyOptions = {}): Promise<{ raw: Buffer; json: unknown }> {
  const raw = await readBody(req, options);
  try {
    return { raw, json: JSON.parse(raw.toString('utf8')) as unknown };
  } catch (err) {
    throw new AppError('BadRequest', `The body is not JSON: ${(err as Error).message}`, { httpStatus: 400 });
  }
}

/** Answers an AppError (413, 415, 400...) with its code and user-safe message; anything else is rethrown for the central handler. */
export function sendAppError(res: Response, err: unknown): void {
  if (!(err instanceof AppError)) throw err;
  res.send(err.httpStatus, { error: { code: err.code, message: err.userMessage } });
}
