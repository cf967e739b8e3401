/**
 * Requests pasted as labelled lines, the way runbooks and tickets write them:
 *
 *   Trigger: new incident, severity High
 *   Conditions: category is Ransomware
 *   Actions:
 *   - isolate the device
 *   - post in Teams
 *
 * are restated as the one sentence the grammar reads ("When a new incident with severity High
 * comes in, if the category is Ransomware, isolate the device and post in Teams."). Nothing is
 * dropped: a line under a label Rampart does not know stays a sentence of its own, so its words go
 * through the ledger like any other.
 */

type Part = 'title' | 'trigger' | 'condition' | 'action' | 'exception' | 'otherwise' | 'notify' | 'text';

const LABELS: Array<{ re: RegExp; part: Part }> = [
  { re: /^(?:playbook\s+)?(?:name|title)$|^playbook$|^summary$|^use\s+case$/i, part: 'title' },
  { re: /^(?:trigger(?:s|ed\s+(?:by|on|when))?(?:\s+condition)?|when|on|event|fires?\s+(?:on|when))$/i, part: 'trigger' },
  { re: /^(?:conditions?|if|criteria|filters?|scope|match(?:es|ing)?|where|only\s+if|prerequisites?|requirements?)$/i, part: 'condition' },
  { re: /^(?:actions?|then|do|steps?|response(?:\s+actions?)?|remediation|containment|playbook\s+steps?|automated\s+actions?|what\s+to\s+do)$/i, part: 'action' },
  { re: /^(?:exceptions?|except|exclusions?|exclude|excluding|unless|skip|do\s+not|don'?t|never)$/i, part: 'exception' },
  { re: /^(?:else|otherwise|if\s+not)$/i, part: 'otherwise' },
  { re: /^(?:notify|notifications?|notify\s+via|communications?|escalat(?:e|ion)|report(?:ing)?)$/i, part: 'notify' },
];

const LABEL_LINE = /^\s*(?:[-*\u2022]\s*|\d+[.)]\s*)?([A-Za-z][A-Za-z' ]{0,30}?)(?:\s*#?\d+)?\s*(?::|\s[-\u2013]\s)\s*(.*)$/;
const ITEM_LINE = /^\s*(?:[-*\u2022]|\d+[.)]|[a-z][.)])\s+(.+)$/i;

function partOf(label: string): Part | undefined {
  const l = label.trim();
  return LABELS.find((x) => x.re.test(l))?.part;
}

/** Joins list items with commas and a final "and": "a, b and c". */
function joined(items: string[], word: 'and' | 'or' = 'and'): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}

/** The kinds of step a line names, by verb ("contain" and "isolate" are one). */
function stepFamilies(text: string): string[] {
  const families: Array<[string, RegExp]> = [
    ['isolate', /\b(?:isolat|contain|quarantin(?!e\s+(?:the\s+)?files?))\w*/i],
    ['collect', /\bcollect\w*|\binvestigation\s+package/i],
    ['scan', /\bscan\w*/i],
    ['block', /\bblock\w*/i],
    ['restrict', /\brestrict\w*/i],
    ['disable', /\bdisabl\w*/i],
    ['reset', /\breset\w*/i],
    ['revoke', /\brevok\w*/i],
    ['notify', /\b(?:notif|post|e-?mail|alert)\w*/i],
  ];
  return families.filter(([, re]) => re.test(text)).map(([f]) => f);
}

function clean(item: string): string {
  return item.trim().replace(/[.;]+$/, '').trim();
}

/** "incident created" -> "an incident is created": a trigger line written without its verb. */
function asClause(item: string): string {
  return item
    .replace(/^(incidents?|alerts?)\b/i, (m) => `an ${m}`)
    .replace(/\b(incidents?|alerts?)\s+(?!is\b|are\b|gets?\b)(created|opened|raised|generated|fired|triggered|detected|received|updated|reopened)\b/i, '$1 is $2');
}

/**
 * The request restated as prose when it is written as labelled lines (at least a trigger or
 * condition label and an action label); null when it is not.
 */
export function restateStructured(text: string): string | null {
  // "Trigger: incident created. Condition: ... Actions: (1) ..., (2) ...": the labelled lines written on one line.
  const labels = text.match(/(?:^|[.;]\s+)(?:trigger|conditions?|actions?|steps|exceptions?|otherwise|notify)\s*:/gi) ?? [];
  const oneLine = !/\r?\n/.test(text.trim()) && labels.length >= 2
    ? text.replace(/([.;])\s+(?=(?:trigger|conditions?|actions?|steps|exceptions?|otherwise|notify)\s*:)/gi, '$1\n').replace(/(?:^|,?\s+)\((\d{1,2})\)\s+/g, '\n$1. ')
    : text;
  const lines = oneLine.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length < 2) return null;
  const parts: Array<{ part: Part; items: string[] }> = [];
  let current: { part: Part; items: string[] } | undefined;
  for (const line of lines) {
    const labelled = LABEL_LINE.exec(line);
    const part = labelled ? partOf(labelled[1]) : undefined;
    if (labelled && part) {
      current = { part, items: [] };
      parts.push(current);
      if (labelled[2].trim()) current.items.push(...labelled[2].split(/\s*;\s*/).map(clean).filter(Boolean));
      continue;
    }
    const item = ITEM_LINE.exec(line);
    if (current && current.part !== 'text' && current.part !== 'title' && (item || current.items.length === 0)) {
      current.items.push(clean(item ? item[1] : line));
      continue;
    }
    current = { part: 'text', items: [clean(line)] };
    parts.push(current);
  }
  const has = (p: Part): boolean => parts.some((x) => x.part === p && x.items.length > 0);
  if (!has('action') || !(has('trigger') || has('condition'))) return null;
  // "Defender for Endpoint - collect and contain." on the first line, before the labels: the playbook's name, when every
  // step it names is one of the actions below (left in, it became steps of its own, without the trigger's conditions).
  if (parts[0]?.part === 'text' && parts.length > 1 && parts[1].part !== 'text') {
    const named = stepFamilies(parts[0].items.join(' '));
    const listed = stepFamilies(parts.filter((x) => x.part === 'action').flatMap((x) => x.items).join(' '));
    if (named.length > 0 && named.every((f) => listed.includes(f))) parts[0] = { part: 'title', items: [] };
  }
  const all = (p: Part): string[] => parts.filter((x) => x.part === p).flatMap((x) => x.items);

  // Commas inside a trigger or condition item would end the clause early: "new incident, severity High".
  const unComma = (s: string): string => s.replace(/\s*,\s*/g, ' and ');
  const trigger = all('trigger').map(unComma).map(asClause);
  const conditions = all('condition').map(unComma);
  const sentences: string[] = [];
  const title = all('title');
  let main = '';
  if (trigger.length) main += `When ${joined(trigger)}, `;
  if (conditions.length) main += `if ${joined(conditions)}, `;
  main += joined(all('action'));
  const exceptions = all('exception');
  if (exceptions.length) main += `, except ${joined(exceptions, 'or')}`;
  sentences.push(`${title.length ? `${joined(title)}: ` : ''}${main}.`);
  const otherwise = all('otherwise');
  if (otherwise.length) sentences.push(`Otherwise, ${joined(otherwise)}.`);
  const notify = all('notify');
  if (notify.length) sentences.push(`${notify.map((n) => (/^(?:notify|post|send|e-?mail|mail|message|tell|ping|alert)\b/i.test(n) ? n : `notify ${n}`)).join('. ')}.`);
  for (const t of all('text')) sentences.push(/[.!?]$/.test(t) ? t : `${t}.`);
  return sentences.join(' ');
}
