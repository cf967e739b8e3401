import type { Activity, Attachment, TurnContext } from 'botbuilder';

/**
 * Teams refuses a bot message over about 40 KB (413 MessageSizeTooBig; the documented limit is
 * ~28 KB of text or 40 KB for the whole activity). Rampart keeps every card under this, with
 * room for the activity's envelope.
 */
export const MAX_CARD_BYTES = 36 * 1024;

/** The longest automation request Rampart reads; longer ones get a message saying so. */
export const MAX_REQUEST_CHARS = 4000;

const SHORTENED = ' … (shortened to fit in a Teams message; the full text is in the playbook download)';

function bytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/** Every long string in a card that is content (not a type, id, verb or URL), longest first. */
function longTexts(node: unknown, out: { holder: Record<string, unknown>; key: string }[] = []): { holder: Record<string, unknown>; key: string }[] {
  if (Array.isArray(node)) {
    for (const item of node) longTexts(item, out);
  } else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      if (typeof value === 'string') {
        if (['text', 'value', 'title', 'fallbackText', 'placeholder'].includes(key) && value.length > 120) out.push({ holder: record, key });
      } else {
        longTexts(value, out);
      }
    }
  }
  return out;
}

/**
 * The card itself when it fits in `limit` bytes; otherwise a copy whose longest texts (code,
 * requests echoed back, long fact values) are cut, longest first, until it fits. Buttons,
 * verbs and ids are never touched, so the card still works.
 */
export function fitCard<T>(card: T, limit = MAX_CARD_BYTES): T {
  if (bytes(card) <= limit) return card;
  const copy = JSON.parse(JSON.stringify(card)) as T;
  for (let round = 0; round < 200 && bytes(copy) > limit; round++) {
    const texts = longTexts(copy).sort((a, b) => String(b.holder[b.key]).length - String(a.holder[a.key]).length);
    const longest = texts[0];
    if (!longest) break;
    const value = String(longest.holder[longest.key]).replace(SHORTENED, '');
    const over = bytes(copy) - limit;
    const keep = Math.max(100, Math.min(Math.floor(value.length / 2), value.length - over - SHORTENED.length));
    longest.holder[longest.key] = value.slice(0, keep) + SHORTENED;
  }
  if (bytes(copy) <= limit) return copy;
  // Hundreds of short elements: nothing left to cut without losing the structure.
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [{ type: 'TextBlock', wrap: true, text: 'This card was too large for a Teams message, so Rampart left it out. Ask again with a shorter request, or use the `rampart` command for the full output.' }],
  } as T;
}

function fitAttachments(attachments: Attachment[] | undefined): void {
  for (const a of attachments ?? []) {
    if (a.contentType === 'application/vnd.microsoft.card.adaptive' && a.content) a.content = fitCard(a.content as Record<string, unknown>);
  }
}

/** Cuts the cards of an outgoing activity (messages, updates, and Action.Execute invoke responses) down to size. */
export function fitActivity(activity: Partial<Activity>): void {
  fitAttachments(activity.attachments);
  const body = (activity.value as { body?: { type?: string; value?: unknown } } | undefined)?.body;
  if (activity.type === 'invokeResponse' && body?.type === 'application/vnd.microsoft.card.adaptive' && body.value) body.value = fitCard(body.value);
}

/** Adapter middleware: every card Rampart sends, replies and proactive posts alike, stays under Teams' limit. */
export async function messageSizeMiddleware(context: TurnContext, next: () => Promise<void>): Promise<void> {
  context.onSendActivities(async (_ctx, activities, nextSend) => {
    for (const a of activities) fitActivity(a);
    return nextSend();
  });
  context.onUpdateActivity(async (_ctx, activity, nextUpdate) => {
    fitActivity(activity);
    return nextUpdate();
  });
  await next();
}
