import { AppError } from '../errors';

/** A parsed OData `$filter`: OR of ANDs of comparisons (no parentheses, as the APIs' own filters need none). */
type Comparison = { field: string; op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'; value: string | number | boolean | null };
export type ODataFilter = Comparison[][];

const COMPARISON = /^\s*([A-Za-z][\w/]*)\s+(eq|ne|gt|ge|lt|le)\s+('(?:[^']|'')*'|[^\s]+)\s*/i;

/** Thrown for a `$filter` the API would refuse; the user's text says what is wrong (the simulated API answers it). */
export class ODataFilterError extends AppError {
  constructor(userMessage: string) {
    super('InvalidFilter', userMessage, { httpStatus: 400 });
  }
}

/** Parses `$filter`, allowing only the given properties (as the real APIs do). */
export function parseFilter(text: string, allowed: readonly string[]): ODataFilter {
  const groups: ODataFilter = [[]];
  let rest = text.trim();
  while (rest.length) {
    const m = COMPARISON.exec(rest);
    if (!m) {
      throw new ODataFilterError(`Invalid filter clause near '${rest.slice(0, 40)}'`);
    }
    const field = allowed.find((a) => a.toLowerCase() === m[1].toLowerCase());
    if (!field) {
      throw new ODataFilterError(`Filtering on '${m[1]}' is not supported; supported properties: ${allowed.join(', ')}`);
    }
    groups[groups.length - 1].push({ field, op: m[2].toLowerCase() as Comparison['op'], value: literal(m[3]) });
    rest = rest.slice(m[0].length);
    const joiner = /^(and|or)\s+/i.exec(rest);
    if (joiner) {
      if (joiner[1].toLowerCase() === 'or') {
        groups.push([]);
      }
      rest = rest.slice(joiner[0].length);
    } else if (rest.length) {
      throw new ODataFilterError(`Invalid filter clause near '${rest.slice(0, 40)}'`);
    }
  }
  return groups;
}

/** True when the record passes the filter. Dates compare as instants, strings case-insensitively. */
export function matchesFilter(record: Record<string, unknown>, filter: ODataFilter): boolean {
  return filter.some((group) => group.every((c) => compare(record[c.field], c)));
}

function literal(raw: string): string | number | boolean | null {
  if (raw.startsWith("'")) {
    return raw.slice(1, -1).replace(/''/g, "'");
  }
  if (raw === 'null') return null;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  return raw; // an unquoted DateTimeOffset such as 2024-01-01T00:00:00Z
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+)?(Z|[+-]\d{2}:?\d{2})?$/;

function compare(actual: unknown, c: Comparison): boolean {
  const expected = c.value;
  let a: unknown = actual;
  let b: unknown = expected;
  if (typeof a === 'string' && typeof b === 'string' && ISO_DATE.test(a) && ISO_DATE.test(b)) {
    a = Date.parse(a);
    b = Date.parse(b);
  } else if (typeof a === 'string' && typeof b === 'string') {
    a = a.toLowerCase();
    b = b.toLowerCase();
  } else if (Array.isArray(a) && c.op === 'eq') {
    return a.some((x) => String(x).toLowerCase() === String(b).toLowerCase());
  }
  switch (c.op) {
    case 'eq':
      return (a ?? null) === (b ?? null);
    case 'ne':
      return (a ?? null) !== (b ?? null);
    default:
      if (a === null || a === undefined || b === null) return false;
      if (c.op === 'gt') return (a as number) > (b as number);
      if (c.op === 'ge') return (a as number) >= (b as number);
      if (c.op === 'lt') return (a as number) < (b as number);
      return (a as number) <= (b as number);
  }
}
