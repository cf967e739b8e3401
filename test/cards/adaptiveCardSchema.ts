/**
 * A JSON Schema for the Adaptive Card 1.5 elements Rampart's cards use, written from the
 * Adaptive Cards 1.5 schema explorer (adaptivecards.io/explorer; schema
 * http://adaptivecards.io/schemas/1.5.0/adaptive-card.json). The official schema file is not
 * shipped in any installed package; this one is strict on purpose: unknown element types,
 * unknown properties and out-of-range enum values all fail, so a card Teams would reject (or
 * render wrongly) fails the test.
 */

const spacing = { enum: ['default', 'none', 'small', 'medium', 'large', 'extraLarge', 'padding', 'Default', 'None', 'Small', 'Medium', 'Large', 'ExtraLarge', 'Padding'] };
const color = { enum: ['Default', 'Dark', 'Light', 'Accent', 'Good', 'Warning', 'Attention'] };
const size = { enum: ['Default', 'Small', 'Medium', 'Large', 'ExtraLarge'] };
const weight = { enum: ['Default', 'Lighter', 'Bolder'] };
const containerStyle = { enum: ['default', 'emphasis', 'good', 'attention', 'warning', 'accent'] };
const fontType = { enum: ['Default', 'Monospace'] };

const common = {
  type: { type: 'string' },
  id: { type: 'string' },
  isVisible: { type: 'boolean' },
  separator: { type: 'boolean' },
  spacing,
  height: { enum: ['auto', 'stretch'] },
  horizontalAlignment: { enum: ['Left', 'Center', 'Right'] },
  requires: { type: 'object' },
  fallback: {},
};

const actionCommon = {
  type: { type: 'string' },
  id: { type: 'string' },
  title: { type: 'string' },
  iconUrl: { type: 'string' },
  style: { enum: ['default', 'positive', 'destructive'] },
  tooltip: { type: 'string' },
  isEnabled: { type: 'boolean' },
  mode: { enum: ['primary', 'secondary'] },
  requires: { type: 'object' },
  fallback: {},
};

function element(name: string, props: Record<string, unknown>, required: string[] = []) {
  return {
    if: { properties: { type: { const: name } }, required: ['type'] },
    then: { type: 'object', properties: { ...common, ...props }, required: ['type', ...required], additionalProperties: false },
  };
}

function action(name: string, props: Record<string, unknown>, required: string[] = []) {
  return {
    if: { properties: { type: { const: name } }, required: ['type'] },
    then: { type: 'object', properties: { ...actionCommon, ...props }, required: ['type', ...required], additionalProperties: false },
  };
}

export const ADAPTIVE_CARD_15_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'rampart:adaptive-card-1.5-subset',
  definitions: {
    Element: {
      type: 'object',
      required: ['type'],
      properties: {
        type: { enum: ['TextBlock', 'RichTextBlock', 'FactSet', 'Container', 'ColumnSet', 'ActionSet', 'Input.Text', 'Input.Toggle', 'Image'] },
      },
      allOf: [
        element('TextBlock', { text: { type: 'string' }, wrap: { type: 'boolean' }, size, weight, color, isSubtle: { type: 'boolean' }, fontType, maxLines: { type: 'integer' }, style: { enum: ['default', 'heading'] } }, ['text']),
        element('RichTextBlock', { inlines: { type: 'array', items: { $ref: '#/definitions/TextRun' } } }, ['inlines']),
        element('FactSet', { facts: { type: 'array', items: { type: 'object', properties: { title: { type: 'string' }, value: { type: 'string' } }, required: ['title', 'value'], additionalProperties: false } } }, ['facts']),
        element('Container', { items: { type: 'array', items: { $ref: '#/definitions/Element' } }, style: containerStyle, selectAction: { $ref: '#/definitions/SelectAction' }, bleed: { type: 'boolean' }, minHeight: { type: 'string' }, verticalContentAlignment: { enum: ['Top', 'Center', 'Bottom'] }, rtl: { type: 'boolean' } }, ['items']),
        element('ColumnSet', { columns: { type: 'array' }, style: containerStyle, selectAction: { $ref: '#/definitions/SelectAction' } }),
        element('ActionSet', { actions: { type: 'array', items: { $ref: '#/definitions/Action' } } }, ['actions']),
        element('Image', { url: { type: 'string' }, altText: { type: 'string' }, size: { enum: ['Auto', 'Stretch', 'Small', 'Medium', 'Large'] } }, ['url']),
        element('Input.Text', { label: { type: 'string' }, placeholder: { type: 'string' }, value: { type: 'string' }, isMultiline: { type: 'boolean' }, maxLength: { type: 'number' }, isRequired: { type: 'boolean' }, errorMessage: { type: 'string' }, regex: { type: 'string' }, style: { enum: ['Text', 'Tel', 'Url', 'Email', 'Password'] } }, ['id']),
        element('Input.Toggle', { label: { type: 'string' }, title: { type: 'string' }, value: { type: 'string' }, valueOn: { type: 'string' }, valueOff: { type: 'string' }, wrap: { type: 'boolean' }, isRequired: { type: 'boolean' }, errorMessage: { type: 'string' } }, ['id', 'title']),
      ],
    },
    TextRun: {
      type: 'object',
      properties: { type: { const: 'TextRun' }, text: { type: 'string' }, fontType, size, weight, color, isSubtle: { type: 'boolean' }, italic: { type: 'boolean' }, strikethrough: { type: 'boolean' }, highlight: { type: 'boolean' }, underline: { type: 'boolean' } },
      required: ['type', 'text'],
      additionalProperties: false,
    },
    Action: {
      type: 'object',
      required: ['type'],
      properties: { type: { enum: ['Action.Execute', 'Action.Submit', 'Action.OpenUrl', 'Action.ShowCard', 'Action.ToggleVisibility'] } },
      allOf: [
        action('Action.Execute', { verb: { type: 'string' }, data: {}, associatedInputs: { enum: ['Auto', 'None', 'auto', 'none'] } }),
        action('Action.Submit', { data: {}, associatedInputs: { enum: ['Auto', 'None', 'auto', 'none'] } }),
        action('Action.OpenUrl', { url: { type: 'string', format: 'uri' } }, ['url']),
        action('Action.ShowCard', { card: { $ref: '#/definitions/NestedCard' } }, ['card']),
        action('Action.ToggleVisibility', { targetElements: { type: 'array', items: { type: 'string' }, minItems: 1 } }, ['targetElements']),
      ],
    },
    SelectAction: {
      allOf: [{ $ref: '#/definitions/Action' }, { not: { properties: { type: { const: 'Action.ShowCard' } }, required: ['type'] } }],
    },
    NestedCard: {
      type: 'object',
      properties: { type: { const: 'AdaptiveCard' }, body: { type: 'array', items: { $ref: '#/definitions/Element' } }, actions: { type: 'array', items: { $ref: '#/definitions/Action' } } },
      required: ['type'],
      additionalProperties: false,
    },
  },
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    type: { const: 'AdaptiveCard' },
    version: { const: '1.5' },
    body: { type: 'array', items: { $ref: '#/definitions/Element' } },
    actions: { type: 'array', items: { $ref: '#/definitions/Action' } },
    refresh: {
      type: 'object',
      properties: { action: { allOf: [{ $ref: '#/definitions/Action' }, { properties: { type: { const: 'Action.Execute' } } }] }, userIds: { type: 'array', items: { type: 'string' }, maxItems: 60 } },
      required: ['action'],
      additionalProperties: false,
    },
    msteams: { type: 'object', properties: { width: { const: 'Full' } }, additionalProperties: false },
    fallbackText: { type: 'string' },
    speak: { type: 'string' },
    lang: { type: 'string' },
  },
  required: ['type', 'version'],
  additionalProperties: false,
} as const;
