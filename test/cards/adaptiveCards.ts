/**
 * Checks a card against the official Adaptive Cards library (`adaptivecards`, the renderer
 * Teams and the Agents Playground are built on), for the version Teams supports (1.5):
 *
 * - the library parses the card with a 1.5 serialization context and must log no event at
 *   all (unknown element or action types, elements newer than 1.5, invalid values: every
 *   warning is a failure);
 * - its own property validation (`validateProperties`: required properties, duplicate ids,
 *   nesting rules) must report nothing;
 * - every property in the card's JSON must be one the library's schema knows for that object
 *   (the library silently drops unknown properties, so they are compared against the schema
 *   the library parsed the object with).
 *
 * What the library does not cover, and is checked by hand here: the Teams extension
 * `msteams` (only `{ "width": "Full" }` on the card itself), Universal Actions' refresh
 * (an Action.Execute, at most 60 user ids) and the declared version.
 */
import { createRequire } from 'node:module';

// The package's `lib/` is ES modules with extensionless imports that Node cannot load; its
// `dist/` bundle is the same library as one CommonJS file (the one browsers and Teams load).
const AC = createRequire(__filename)('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

AC.GlobalSettings.enableFullJsonRoundTrip = true;

/** The Adaptive Card version Teams renders. */
export const TEAMS_CARD_VERSION = '1.5';

/** Keys the library parses with its own code rather than through a schema property. */
const STRUCTURAL_KEYS = new Set(['type', 'items', 'body', 'actions', 'columns', 'cells', 'rows', 'card', 'inlines']);

interface Walkable {
  getSchema(): { getCount(): number; getItemAt(i: number): { name: string } };
  getItemCount?: () => number;
  getItemAt?: (i: number) => Walkable;
  getActionCount?: () => number;
  getActionAt?: (i: number) => Walkable;
  getJsonTypeName?: () => string;
  getInlineCount?: () => number;
  getInlineAt?: (i: number) => Walkable;
  card?: Walkable;
  _rawProperties?: Record<string, unknown>;
  _propertyBag?: Record<string, unknown>;
}

function label(obj: Walkable, path: string): string {
  const type = typeof obj.getJsonTypeName === 'function' ? obj.getJsonTypeName() : obj.constructor.name;
  return `${path} (${type})`;
}

function walk(obj: Walkable, path: string, problems: string[], seen: Set<unknown>): void {
  if (seen.has(obj)) return;
  seen.add(obj);
  const schema = obj.getSchema();
  const known = new Set<string>(STRUCTURAL_KEYS);
  for (let i = 0; i < schema.getCount(); i++) known.add(schema.getItemAt(i).name);
  const raw = obj._rawProperties ?? {};
  for (const key of Object.keys(raw)) {
    if (key === 'msteams' && path === 'card') continue;
    if (!known.has(key)) problems.push(`${label(obj, path)}: unknown property "${key}"`);
  }
  // Nested objects held in schema properties (refresh, selectAction, facts, choices, table columns...).
  for (const [key, value] of Object.entries(obj._propertyBag ?? {})) {
    const children: unknown[] = Array.isArray(value) ? value : [value];
    children.forEach((child, i) => {
      if (child && typeof child === 'object' && typeof (child as Walkable).getSchema === 'function') walk(child as Walkable, `${path}.${key}${Array.isArray(value) ? `[${i}]` : ''}`, problems, seen);
    });
  }
  if (typeof obj.getItemCount === 'function' && typeof obj.getItemAt === 'function') {
    for (let i = 0; i < obj.getItemCount(); i++) walk(obj.getItemAt(i), `${path}[${i}]`, problems, seen);
  }
  if (typeof obj.getActionCount === 'function' && typeof obj.getActionAt === 'function') {
    for (let i = 0; i < obj.getActionCount(); i++) walk(obj.getActionAt(i), `${path}.actions[${i}]`, problems, seen);
  }
  if (typeof obj.getInlineCount === 'function' && typeof obj.getInlineAt === 'function') {
    for (let i = 0; i < obj.getInlineCount(); i++) walk(obj.getInlineAt(i), `${path}.inlines[${i}]`, problems, seen);
  }
  if (obj.card && typeof obj.card.getSchema === 'function') walk(obj.card, `${path}.card`, problems, seen);
}

function checkTeamsExtensions(card: Record<string, unknown>, problems: string[]): void {
  if (card.type !== 'AdaptiveCard') problems.push(`type is ${String(card.type)}, not AdaptiveCard`);
  if (card.version !== TEAMS_CARD_VERSION) problems.push(`version is ${String(card.version)}; Teams renders ${TEAMS_CARD_VERSION}`);
  const refresh = card.refresh as { action?: { type?: string }; userIds?: unknown[] } | undefined;
  if (refresh !== undefined) {
    if (refresh.action?.type !== 'Action.Execute') problems.push('refresh.action must be an Action.Execute (Universal Actions)');
    if ((refresh.userIds?.length ?? 0) > 60) problems.push(`refresh.userIds lists ${refresh.userIds?.length} users; Teams refreshes for at most 60`);
  }
  if (card.msteams !== undefined) {
    const ms = card.msteams as Record<string, unknown>;
    const keys = Object.keys(ms ?? {});
    if (typeof ms !== 'object' || keys.some((k) => k !== 'width') || (ms.width !== undefined && ms.width !== 'Full')) {
      problems.push(`msteams must be { "width": "Full" }, got ${JSON.stringify(ms)}`);
    }
  }
}

/** Every problem the library (and the Teams checks) find in a card; empty when it is clean. */
export function adaptiveCardProblems(json: unknown): string[] {
  const problems: string[] = [];
  if (!json || typeof json !== 'object') return ['not an object'];
  checkTeamsExtensions(json as Record<string, unknown>, problems);
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`parser: ${context.getEventAt(i).message}`);
  const validation = card.validateProperties();
  for (const event of validation.validationEvents) problems.push(`validation: ${event.message}`);
  walk(card as unknown as Walkable, 'card', problems, new Set());
  return problems;
}

/** Throws with every problem when the card is not a clean Adaptive Card 1.5 for Teams. */
export function assertAdaptiveCard(json: unknown, what = 'card'): void {
  const problems = adaptiveCardProblems(json);
  if (problems.length > 0) throw new Error(`${what} fails the Adaptive Cards ${TEAMS_CARD_VERSION} parser:\n  ${problems.join('\n  ')}`);
}
