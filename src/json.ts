/**
 * A value read from untyped JSON (a request body, an API answer, a token's claims) as text:
 * a string as it is, a number or boolean written out, anything else (an object, an array,
 * null, absent) the fallback. Never "[object Object]".
 */
export function scalarText(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return fallback;
}

/** A value from untyped JSON as an error message may quote it: scalars as text, anything else as JSON. */
export function quotedValue(value: unknown): string {
  return scalarText(value, JSON.stringify(value) ?? String(value));
}
