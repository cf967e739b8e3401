import crypto from 'node:crypto';

/** Checks an Entra ID bearer token (issuer, audience, signature); true when valid. */
export type BearerVerifier = (token: string) => Promise<boolean>;

/** Constant-time check of `sha256=<hex>` against the raw body. */
export function validSignature(secret: string, rawBody: Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const m = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!m) return false;
  const expected = crypto.createHmac('sha256', secret).update(rawBody).digest();
  const given = Buffer.from(m[1], 'hex');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** The signature header value for a body (for senders, tests and the benchmark). */
export function signBody(secret: string, rawBody: string | Buffer): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}
