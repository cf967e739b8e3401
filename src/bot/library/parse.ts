/** A library command, from its short form or an everyday sentence. */
export type LibraryCommand =
  | { kind: 'list' }
  | { kind: 'show'; name: string; version?: number }
  | { kind: 'diff'; name: string; from: number; to: number }
  | { kind: 'enable' | 'disable'; name: string }
  | { kind: 'rollback'; name: string; version: number }
  | { kind: 'run'; name: string; incidentId: string; live: boolean }
  | { kind: 'export'; name: string }
  | { kind: 'audit' };

const NAME = '([a-z0-9][a-z0-9-]{0,60})';
const V = '(?:v(?:ersion)?\\s*)?(\\d+)';
const PLAYBOOK = '(?:the\\s+)?(?:playbook\\s+)?';

const PATTERNS: [RegExp, (m: RegExpMatchArray) => LibraryCommand][] = [
  [/^(?:list\s+|show\s+(?:me\s+)?(?:all\s+)?(?:the\s+)?|what\s+)?(?:playbooks|library|playbook library)(?:\s+(?:are\s+there|do\s+we\s+have))?\??$/, () => ({ kind: 'list' })],
  [new RegExp(`^(?:show|open|view)\\s+${PLAYBOOK}${NAME}(?:\\s+${V})?$`), (m) => ({ kind: 'show', name: m[1], version: m[2] ? Number(m[2]) : undefined })],
  [
    new RegExp(`^(?:diff|compare|what\\s+changed\\s+in)\\s+${PLAYBOOK}${NAME}\\s+(?:between\\s+)?${V}\\s+(?:and\\s+|to\\s+|vs\\.?\\s+)?${V}\\??$`),
    (m) => ({ kind: 'diff', name: m[1], from: Number(m[2]), to: Number(m[3]) }),
  ],
  [new RegExp(`^(?:disable|turn\\s+off|pause|stop)\\s+${PLAYBOOK}${NAME}$`), (m) => ({ kind: 'disable', name: m[1] })],
  [new RegExp(`^(?:enable|turn\\s+on|resume)\\s+${PLAYBOOK}${NAME}$`), (m) => ({ kind: 'enable', name: m[1] })],
  [new RegExp(`^(?:rollback|roll\\s+back|revert)\\s+${PLAYBOOK}${NAME}\\s+(?:to\\s+)?${V}$`), (m) => ({ kind: 'rollback', name: m[1], version: Number(m[2]) })],
  [
    new RegExp(`^(?:(live)\\s+)?run\\s+${PLAYBOOK}${NAME}\\s+(?:on|against|for)\\s+(?:incident\\s+)?#?([A-Za-z0-9_.:-]{1,40})(?:\\s+(live|dry(?:[- ]run)?))?$`),
    (m) => ({ kind: 'run', name: m[2], incidentId: m[3], live: Boolean(m[1]) || m[4] === 'live' }),
  ],
  [new RegExp(`^(?:export|download|get\\s+the\\s+code\\s+of)\\s+${PLAYBOOK}${NAME}$`), (m) => ({ kind: 'export', name: m[1] })],
  [/^(?:audit|audit log|show (?:me )?the audit log|who approved what\??)$/, () => ({ kind: 'audit' })],
];

/** The library command in a message, or undefined when it is not one (then it may be an automation request). */
export function parseLibraryCommand(text: string): LibraryCommand | undefined {
  const t = text
    .replace(/<at>[^<]*<\/at>/g, '')
    .trim()
    .replace(/[.!]+$/, '')
    .replace(/^(?:please\s+|rampart[,:]?\s+)/i, '')
    .replace(/\s+/g, ' ');
  if (!t || t.split(' ').length > 12) return undefined;
  const lowered = t.toLowerCase();
  for (const [re, build] of PATTERNS) {
    const m = re.exec(lowered);
    if (m) return build(m);
  }
  return undefined;
}
