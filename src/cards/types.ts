/** Adaptive Card 1.5 JSON, typed loosely enough for every element, strictly at the top. */
export interface CardElement {
  type: string;
  [key: string]: unknown;
}

export interface CardAction {
  type: 'Action.Execute' | 'Action.Submit' | 'Action.OpenUrl' | 'Action.ShowCard' | 'Action.ToggleVisibility';
  title: string;
  [key: string]: unknown;
}

export interface AdaptiveCard {
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  type: 'AdaptiveCard';
  version: '1.5';
  body: CardElement[];
  actions?: CardAction[];
  refresh?: { action: CardAction; userIds?: string[] };
  msteams?: { width?: 'Full' };
  [key: string]: unknown;
}

/** A new card with the schema header filled in. */
export function adaptiveCard(body: CardElement[], actions: CardAction[] = [], extra: Partial<AdaptiveCard> = {}): AdaptiveCard {
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.5',
    body,
    ...(actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full' },
    ...extra,
  };
}

/** The card an Action.ShowCard opens: body and actions only (version and Teams width belong to the outer card). */
export function nestedCard(body: CardElement[], actions: CardAction[] = []): { type: 'AdaptiveCard'; body: CardElement[]; actions?: CardAction[] } {
  return { type: 'AdaptiveCard', body, ...(actions.length > 0 ? { actions } : {}) };
}

/** A TextBlock that wraps. */
export function text(value: string, options: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text: value, wrap: true, ...options };
}

/** A FactSet from label/value pairs. */
export function facts(pairs: [string, string][]): CardElement {
  return { type: 'FactSet', facts: pairs.map(([title, value]) => ({ title, value })) };
}
