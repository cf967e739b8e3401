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

type Part = 'title' | 'trigger' | 'condition' | 'action' | 'exception' | 'never' | 'otherwise' | 'notify' | 'reason' | 'text';

const LABELS: Array<{ re: RegExp; part: Part }> = [
  { re: /^(?:playbook\s+)?(?:name|title)$|^playbook$|^summary$|^use\s+case$/i, part: 'title' },
  { re: /^(?:trigger(?:s|ed\s+(?:by|on|when))?(?:\s+condition)?|when|on|event|fires?\s+(?:on|when))$/i, part: 'trigger' },
  // "Connectors: Microsoft Defender XDR, Microsoft Teams", "Permissions: Machine.Isolate": what the playbook needs, not a case.
  { re: /^(?:(?:required\s+|api\s+|graph\s+)*permissions?|connectors?|connections?|licen[sc]es?|roles?|dependencies|requires|integrations?)$/i, part: 'reason' },
  { re: /^(?:conditions?|if|criteria|filters?|scope|match(?:es|ing)?|where|only\s+if|prerequisites?|requirements?|applies\s+to|applicable\s+to|in\s+scope)$/i, part: 'condition' },
  { re: /^(?:actions?|then|do|steps?|response(?:\s+actions?)?|remediation|containment|playbook\s+steps?|automated\s+actions?|what\s+to\s+do|rules?|policy|procedure)$/i, part: 'action' },
  { re: /^(?:exceptions?|except|exclusions?|exclude|excluding|unless|skip|out\s+of\s+scope|not\s+in\s+scope)$/i, part: 'exception' },
  // "Never\n- disable the recipient's account", "Don't\n- Full isolation: ...": what the playbook must not do, not cases left out.
  { re: /^(?:do\s+not|don'?t|never|must\s+not|forbidden|prohibited)$/i, part: 'never' },
  // "Why: attackers ...", "Context: SOC coverage is ...", "Owner: OT shift lead": why the runbook exists and who keeps it.
  { re: /^(?:why|reason|rationale|context|background|goal|objective|purpose|owner|author|contact|notes?|references?|see\s+also|version|last\s+(?:updated|reviewed))$/i, part: 'reason' },
  // "Everyone else (not VIP): revoke sessions": the cases the lines above do not cover.
  { re: /^(?:else|otherwise|if\s+not|every(?:one|body|thing)\s+else|any(?:one|body)\s+else|all\s+(?:the\s+)?others?|all\s+other\s+(?:users|devices|incidents|cases))$/i, part: 'otherwise' },
  { re: /^(?:notify|notifications?|notify\s+via|communications?|escalat(?:e|ion)|report(?:ing)?)$/i, part: 'notify' },
];

/** "OT-RB-07 - ", "PB-012: ", "SOP 4.2 ": a runbook's number before its name. */
const RUNBOOK_ID = /^\s*(?:[A-Z]{1,6}(?:-[A-Z]{1,6})*-?\s?\d{1,4}(?:\.\d{1,3})?[a-z]?)\s*(?:[-\u2013:]\s*)?/;
const LABEL_LINE = /^\s*(?:[-*\u2022]\s*|\d+[.)]\s*)?([A-Za-z][A-Za-z' ]{0,30}?)(?:\s*#?\d+)?(?:\s*\([^()\n]{1,40}\))?\s*(?::|\s[-\u2013]\s)\s*(.*)$/;
/** "Trigger", "Automated actions", "Condition (all of)", "Exceptions (do NOT disable)": a heading on a line of its own. */
const HEADING_LINE = /^\s*([A-Za-z][A-Za-z' ]{0,30}?)\s*(\([^()]{1,40}\))?\s*:?\s*$/;
const ITEM_LINE = /^\s*(?:[-*\u2022]|\d+[.)]|[a-z][.)])\s+(.+)$/i;

/** "incident created", "a new Microsoft Defender XDR incident", "any severity": a trigger that is every incident. */
const EVERY_INCIDENT = /^(?:(?:when|whenever|on)\s+)?(?:(?:an?|any|every|each)\s+)?(?:new(?:ly\s+created)?\s+)?(?:(?:microsoft\s+)?defender(?:\s+xdr)?\s+|xdr\s+)?(?:incidents?|alerts?)(?:\s+(?:is\s+|are\s+|gets?\s+)?(?:created|opened|raised|arrives?|comes?\s+in|fires?))?$|^(?:any|all|every)\s+severit(?:y|ies)$/i;

/** "Read the devices from the incident's alerts", "Get the incident's entities": reading only. */
const READS_ONLY = /^(?:read|get|fetch|retrieve|pull|gather|list|enumerate|identify|load)\s+(?:the\s+|all\s+(?:the\s+)?|every\s+|each\s+)?(?:incident'?s\s+)?(?:affected\s+|involved\s+|impacted\s+)?(?:devices?|machines?|hosts?|users?|accounts?|entities|evidence|alerts?|incident\s+details)(?:\s+(?:from|of|in|on)\s+(?:the\s+)?(?:incident(?:'s)?(?:\s+alerts?)?|alerts?))?$/i;

/** Whether a line's words are one of a runbook's labels ("Trigger", "Actions", "Exceptions (do NOT disable)"). */
export function isRunbookLabel(text: string): boolean {
  const m = /^\s*(?:[-*\u2022]\s*|\d+[.)]\s*)?([A-Za-z][A-Za-z' ]{0,30}?)\s*(?:\([^()]{1,40}\))?\s*:?\s*$/.exec(text);
  return m !== null && partOf(m[1]) !== undefined;
}

function partOf(label: string): Part | undefined {
  const l = label.trim();
  return LABELS.find((x) => x.re.test(l))?.part;
}

/**
 * Whether every word of a title (but the small ones) comes back in the text after it, in some form ("containment" ->
 * "contain"), or as the initials of words said together ("Engineering Workstations" -> "EWS").
 */
export function saidAgain(title: string, rest: string): boolean {
  const stems = new Set(rest.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 0).map((w) => w.slice(0, 5)));
  const acronyms = new Set(rest.match(/\b[A-Z]{2,6}\b/g) ?? []);
  const words = title.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 2 && !/^(?:the|and|for|with|from|via|playbook|automation|workflow|response|auto|flow|rule|runbook)$/.test(w));
  const initials = title.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const inAcronym = new Set<string>();
  for (let i = 0; i < initials.length; i++) {
    for (let n = 2; n <= 3 && i + n <= initials.length; n++) {
      const run = initials.slice(i, i + n);
      // "Engineering Workstations" -> "EWS": each word's first letter, and one more for a compound ("work-station").
      const first = run.map((w) => w[0].toUpperCase()).join('');
      if ([...acronyms].some((a) => a.startsWith(first) && a.length <= first.length + 1)) run.forEach((w) => inAcronym.add(w.toLowerCase()));
    }
  }
  return words.every((w) => stems.has(w.slice(0, 5)) || inAcronym.has(w));
}

/** Joins list items with commas and a final "and": "a, b and c". */
function joined(items: string[], word: 'and' | 'or' = 'and'): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}

/** The kinds of step a line names, by verb ("contain" and "isolate" are one). */
function stepFamilies(text: string): string[] {
  const families: Array<[string, RegExp]> = [
    // ("Account containment" is disabling accounts, not isolating devices.)
    ['isolate', /\b(?:isolat|(?<!\b(?:account|user|identity)\s+)contain|quarantin(?!e\s+(?:the\s+)?files?))\w*/i],
    ['collect', /\bcollect\w*|\binvestigation\s+package/i],
    ['scan', /\bscan\w*/i],
    ['block', /\bblock\w*/i],
    ['restrict', /\brestrict\w*/i],
    ['disable', /\bdisabl\w*|\b(?:account|user|identity)\s+containment\b/i],
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
  // "Trigger: incident created | Connectors: ...": two labelled lines on one, parted by a bar.
  const rawLines = oneLine.split(/\r?\n|\s+\|\s+(?=[A-Za-z][A-Za-z' ]{0,30}:)/).filter((l) => l.trim());
  const lines = rawLines.map((l) => l.trim());
  const indent = (l: string | undefined): number => (l === undefined ? -1 : (/^[ \t]*/.exec(l)?.[0].length ?? 0));
  if (lines.length < 2) return null;
  const parts: Array<{ part: Part; items: string[] }> = [];
  let current: { part: Part; items: string[] } | undefined;
  let anyOf = false;
  for (const [at, line] of lines.entries()) {
    // "* Steps" above lines indented under it: a heading written as a bullet.
    const bulletHeading = /^[-*\u2022]\s+/.test(line) && indent(rawLines[at + 1]) > indent(rawLines[at]) ? line.replace(/^[-*\u2022]\s+/, '') : line;
    const heading = HEADING_LINE.exec(bulletHeading);
    const headingPart = heading ? partOf(heading[1]) : undefined;
    if (heading && headingPart) {
      current = { part: headingPart, items: [] };
      parts.push(current);
      // "Condition (any of)": the lines under it are alternatives.
      if (/\b(?:any|one|either)\s+of\b/i.test(heading[2] ?? '') && (headingPart === 'condition' || headingPart === 'trigger')) anyOf = true;
      continue;
    }
    const labelled = LABEL_LINE.exec(line);
    const part = labelled ? partOf(labelled[1]) : undefined;
    if (labelled && part) {
      current = { part, items: [] };
      parts.push(current);
      if (labelled[2].trim()) current.items.push(...labelled[2].split(/\s*;\s*/).map(clean).filter(Boolean));
      continue;
    }
    const item = ITEM_LINE.exec(line);
    if (current && current.part !== 'text' && current.part !== 'title' && (item || current.items.length === 0 || current.part === 'reason')) {
      current.items.push(clean(item ? item[1] : line));
      continue;
    }
    current = { part: 'text', items: [clean(line)] };
    parts.push(current);
  }
  // "Prerequisites: Machine.Isolate, Incident.ReadWrite.All": permissions under a condition's label are what the playbook needs.
  for (const x of parts) if (x.part === 'condition' && x.items.length > 0 && x.items.every((i) => /^(?:[A-Z][A-Za-z]+(?:\.[A-Z][A-Za-z]+)+\s*(?:,\s*|\band\s+|$))+$/.test(i))) x.part = 'reason';
  const has = (p: Part): boolean => parts.some((x) => x.part === p && x.items.length > 0);
  const all = (p: Part): string[] => parts.filter((x) => x.part === p).flatMap((x) => x.items);
  // "This playbook emails ... whenever ...\nTrigger: incident created, any severity": a description that says its steps in
  // prose, and a trigger line that adds nothing to them (every new incident); the prose is the request. (Only when nothing
  // else is labelled: an exception or a rule-out under a label is never dropped this way.)
  const proseOnly = parts.every((x) => x.part === 'title' || x.part === 'text' || x.part === 'trigger' || x.part === 'reason');
  if (proseOnly && has('trigger') && has('text') && all('trigger').every((t) => t.split(/\s*,\s*|\s+and\s+/).every((x) => EVERY_INCIDENT.test(x.trim())))) {
    const title = all('title');
    const texts = all('text').map((t) => (/[.!?]$/.test(t) ? t : `${t}.`));
    if (title.length) texts[0] = `${joined(title)}: ${texts[0]}`;
    for (const r of all('reason')) texts.push(...r.split(/(?<=[.!?])\s+(?=[A-Z])/).map((x) => `(because ${x.replace(/[.!?]+$/, '')})`));
    return texts.join(' ');
  }
  // ("Rule\n- For every High incident, disable ...\nExceptions\n- ...": steps that carry their own case, and what they skip.)
  if (!has('action') || !(has('trigger') || has('condition') || has('exception'))) return null;
  // "Defender for Endpoint - collect and contain." on the first line, before the labels: the playbook's name, when every
  // step it names is one of the actions below (left in, it became steps of its own, without the trigger's conditions).
  if (parts[0]?.part === 'text' && parts.length > 1 && parts[1].part !== 'text') {
    const named = stepFamilies(parts[0].items.join(' '));
    const listed = stepFamilies(parts.filter((x) => x.part === 'action').flatMap((x) => x.items).join(' '));
    // "OT-RB-07 - Ransomware containment: Engineering Workstations": a runbook's number and name, when the lines below say
    // each of its words again (the name narrows nothing they do not).
    const name = parts[0].items.join(' ').replace(RUNBOOK_ID, '');
    const below = parts.slice(1).flatMap((x) => x.items).join('\n');
    if ((named.length > 0 && named.every((f) => listed.includes(f))) || (parts[0].items.length === 1 && saidAgain(name, below))) parts[0] = { part: 'title', items: [] };
  }

  // Commas inside a trigger or condition item would end the clause early: "new incident, severity High".
  const unComma = (s: string): string => s.replace(/\s*,\s*(?![^()]*\))/g, ' and ');
  const trigger = all('trigger').map(unComma).map(asClause);
  const conditions = all('condition').map(unComma);
  const sentences: string[] = [];
  const title = all('title');
  let main = '';
  if (trigger.length) main += `When ${joined(trigger, anyOf && !conditions.length ? 'or' : 'and')}, `;
  if (conditions.length) main += `if ${joined(conditions, anyOf ? 'or' : 'and')}, `;
  // "1. Read the devices from the incident's alerts.": a step that only reads what every playbook reads anyway.
  main += joined(all('action').filter((a) => !READS_ONLY.test(a)));
  const exceptions = all('exception');
  // Each item an exception of its own: "except A, except B" (a list "A or B" can read as names of one thing).
  if (exceptions.length) main += `, ${exceptions.map((x) => `except ${x}`).join(', ')}`;
  sentences.push(`${title.length ? `${joined(title)}: ` : ''}${main}.`);
  const otherwise = all('otherwise');
  if (otherwise.length) sentences.push(`Otherwise, ${joined(otherwise)}.`);
  const notify = all('notify');
  if (notify.length) sentences.push(`${notify.map((n) => (/^(?:notify|post|send|e-?mail|mail|message|tell|ping|alert)\b/i.test(n) ? n : `notify ${n}`)).join('. ')}.`);
  // "Never: disable or reset the recipient's account", "Don't: Full isolation": each a rule-out of its own.
  for (const n of all('never')) sentences.push(`${/^(?:take|touch|run|use|do|make|disable|reset|revoke|isolate|block|restrict|scan|collect|delete|remove|release|close|resolve|assign|email|e-?mail|post|send|notify|change|modify|add|set|stop|quarantine|offboard|confirm|lock|contain|kill)\b/i.test(n) ? 'never' : 'no'} ${n}.`);
  for (const t of all('text')) sentences.push(/[.!?]$/.test(t) ? t : `${t}.`);
  // "Why: ...", "Owner: ...": said as the reason, after what it explains.
  for (const r of all('reason')) sentences.push(...r.split(/(?<=[.!?])\s+(?=[A-Z])/).map((x) => `(because ${x.replace(/[.!?]+$/, '')})`));
  return sentences.join(' ');
}

/** Devices a runbook leaves out of some of its numbered steps: "servers", "the DCs", "Linux hosts", "VIP laptops". */
const REF_DEVICES = String.raw`\b(?:the[ \t]+|any[ \t]+|all[ \t]+)?(?:[\w-]+[ \t]+){0,2}?(?:servers?|workstations?|laptops?|desktops?|dcs?|domain[ \t]+controllers?|macs?|hosts?|boxes|machines?|devices?|endpoints?|kiosks?)`;
/** Which steps: "1-3", "2 and 3", "1, 2 & 4", "steps 2 to 4", "#1-#3". */
const REF_RANGE = String.raw`(?:steps?[ \t]+|items?[ \t]+|#)?\d{1,2}(?:[ \t]*(?:-|\u2013|to|through|thru)[ \t]*#?\d{1,2})?(?:[ \t]*(?:,|and|&|\+)[ \t]*#?\d{1,2}(?:[ \t]*(?:-|\u2013|to)[ \t]*#?\d{1,2})?)*`;
const REFERENCES: RegExp[] = [
  // "servers excluded from 1-3", "DCs are exempt from steps 2 and 3", "Linux hosts skipped for 1-2".
  new RegExp(String.raw`(?<devices>${REF_DEVICES})[ \t]+(?:are[ \t]+|is[ \t]+|get[ \t]+|stay[ \t]+)?(?:excluded|exempt(?:ed)?|left[ \t]+out|skipped|spared)[ \t]+(?:from|for|in)[ \t]+(?<range>${REF_RANGE})`, 'gi'),
  // "skip 1-3 on servers", "exclude servers from 2-3", "no 1-2 for DCs".
  new RegExp(String.raw`(?:skip|exclude|no|not)[ \t]+(?<range>${REF_RANGE})[ \t]+(?:on|for)[ \t]+(?<devices>${REF_DEVICES})`, 'gi'),
  new RegExp(String.raw`(?:exclude|skip)[ \t]+(?<devices>${REF_DEVICES})[ \t]+(?:from|for|in)[ \t]+(?<range>${REF_RANGE})`, 'gi'),
];

function stepNumbers(range: string): number[] {
  const out: number[] = [];
  for (const part of range.replace(/\b(?:steps?|items?)\b|#/gi, ' ').split(/\s*(?:,|and|&|\+)\s*/)) {
    const m = /(\d{1,2})(?:\s*(?:-|\u2013|to|through|thru)\s*(\d{1,2}))?/.exec(part);
    if (!m) continue;
    const from = Number(m[1]);
    const to = m[2] ? Number(m[2]) : from;
    for (let n = from; n <= to && n - from < 20; n++) out.push(n);
  }
  return out;
}

/**
 * A runbook's numbered steps and a line that leaves devices out of some of them by number ("1. full scan ... 3. stop and
 * quarantine ... servers excluded from 1-3"): each of those steps says it of itself ("full scan on each host, not on
 * servers"), where the grammar reads it as that step's. A reference to a step the list does not have is left as written.
 */
export function stepReferences(text: string): string {
  const items = new Map<number, { start: number; end: number }>();
  for (const m of text.matchAll(/^[ \t]*(\d{1,2})[.)][ \t]+([^\n]*)$/gm)) {
    const n = Number(m[1]);
    if (!items.has(n)) items.set(n, { start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  if (items.size < 2) return text;
  const additions = new Map<number, string[]>();
  let out = text;
  for (const re of REFERENCES) {
    out = out.replace(re, (m: string, ...args: unknown[]) => {
      const groups = args[args.length - 1] as { devices: string; range: string };
      const numbers = stepNumbers(groups.range);
      if (numbers.length === 0 || !numbers.every((n) => items.has(n))) return m;
      const devices = groups.devices.replace(/^(?:the|any|all)\s+/i, '');
      for (const n of numbers) additions.set(n, [...(additions.get(n) ?? []), devices]);
      return '\uE001';
    });
  }
  if (additions.size === 0) return text;
  // Said in a sentence of its own, the reference leaves nothing behind; said beside other words, a comma's worth.
  out = out.replace(/(^|[.;!\n])[ \t]*\uE001[ \t]*[.;!]?/g, '$1').replace(/[ \t]*,?[ \t]*\uE001/g, '');
  return out.replace(/^([ \t]*(\d{1,2})[.)][ \t]+)([^\n]*?)([ \t]*[.;]?)[ \t]*$/gm, (line: string, head: string, n: string, body: string) => {
    const devices = additions.get(Number(n));
    return devices ? `${head}${body}, not on ${[...new Set(devices)].join(' or ')}` : line;
  });
}
