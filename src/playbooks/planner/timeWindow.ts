import type { Condition, TimeMoment, Weekday } from '../spec';

/**
 * Times of day and days of the week a request limits a step to ("only outside business hours, i.e.
 * before 07:00 or after 19:00 UTC", "if the incident was created on a weekend"), read as a
 * `timeWindow` condition. Hours are read only with a zone Rampart can check (UTC or GMT): an hour
 * in another zone, or with none, is left unread, and so asked about. Days are read in UTC.
 */

const CLOCK = String.raw`(\d{1,2})(?:[:.h](\d{2}))?\s*(a\.?m\.?|p\.?m\.?|h(?:rs)?)?(?![\w:])`;
const ZONE = String.raw`(?:\s*\(?\s*(?:utc|gmt|zulu|z)\b\)?)?`;
const DAY = String.raw`(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)`;
const WEEKDAYS_ALL: readonly Weekday[] = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const WEEKEND = ['Saturday', 'Sunday'] as const;
const WORKWEEK = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as const;

interface Piece {
  start: number;
  end: number;
}
interface Hours extends Piece {
  from: string;
  to: string;
  /** A range said as the hours inside it ("08:00-18:00"), which "outside" turns around. */
  range: boolean;
}
interface Days extends Piece {
  days: Weekday[];
  /** Said with "on", "at", "over", "during": a case on its own. A bare day ("weekdays 08:00-18:00") only goes with hours or another day. */
  strong: boolean;
  /** "or any time on a Saturday or Sunday": a case of its own, whatever the hours. */
  anyTime: boolean;
}

/** "7pm" -> "19:00"; a bare number ("after 7") is no time of day. */
function clock(hours: string, minutes: string | undefined, suffix: string | undefined): string | undefined {
  let h = Number(hours);
  const m = minutes === undefined ? 0 : Number(minutes);
  const s = (suffix ?? '').toLowerCase().replace(/\./g, '');
  if (minutes === undefined && !s) return undefined;
  if (s === 'pm' && h < 12) h += 12;
  if (s === 'am' && h === 12) h = 0;
  if (h > 24 || m > 59 || (h === 24 && m > 0)) return undefined;
  return `${String(h % 24).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

function dayName(word: string): Weekday {
  const w = word.toLowerCase().slice(0, 3);
  return ({ mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' } as const)[w as 'mon'];
}

function hoursOf(text: string): Hours[] {
  const out: Hours[] = [];
  const forms: Array<[RegExp, (m: RegExpExecArray) => [string | undefined, string | undefined, boolean]]> = [
    // "before 07:00 or after 19:00": the night between them.
    [new RegExp(String.raw`\b(?:before|earlier\s+than)\s+${CLOCK}${ZONE}\s*,?\s*(?:or|and|\/)\s+(?:after|past|later\s+than)\s+${CLOCK}`, 'gi'), (m) => [clock(m[4], m[5], m[6]), clock(m[1], m[2], m[3]), false]],
    // "after 19:00 or before 07:00", "after 08:00 and before 18:00".
    [new RegExp(String.raw`\b(?:after|past|later\s+than)\s+${CLOCK}${ZONE}\s*,?\s*(?:or|and|but|\/)\s+(?:before|earlier\s+than)\s+${CLOCK}`, 'gi'), (m) => [clock(m[1], m[2], m[3]), clock(m[4], m[5], m[6]), false]],
    // "between 22:00 and 06:00", "from 08:00 to 18:00", "08:00-18:00".
    [new RegExp(String.raw`(?:\b(?:between|from)\s+)?(?<![\d:])${CLOCK}${ZONE}\s*(?:and|to|until|till|through|-|\u2013)\s*${CLOCK}`, 'gi'), (m) => [clock(m[1], m[2], m[3]), clock(m[4], m[5], m[6]), true]],
    // "after 19:00" alone: until midnight. "before 07:00" alone: from midnight.
    [new RegExp(String.raw`\b(?:after|past|later\s+than)\s+${CLOCK}`, 'gi'), (m) => [clock(m[1], m[2], m[3]), '00:00', false]],
    [new RegExp(String.raw`\b(?:before|earlier\s+than)\s+${CLOCK}`, 'gi'), (m) => ['00:00', clock(m[1], m[2], m[3]), false]],
  ];
  for (const [re, read] of forms) {
    for (const m of text.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (out.some((h) => start < h.end && end > h.start)) continue;
      const [from, to, range] = read(m);
      // "after 7": not a time of day; left for the question.
      if (!from || !to || from === to) return [];
      out.push({ start, end, from, to, range });
    }
  }
  return out;
}

function daysOf(text: string): Days[] {
  const out: Days[] = [];
  const add = (m: RegExpMatchArray, days: Weekday[]): void => {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    if (out.some((d) => start < d.end && end > d.start)) return;
    // "tag it 'weekend'", "weekend-oncall@contoso.com": a value, not a day.
    if (/["'\u2018\u201c@.-]$/.test(text.slice(0, start)) || /^["'\u2019\u201d@-]|^\.\w/.test(text.slice(end))) return;
    const anyTime = /\b(?:any\s*time|all\s+day|the\s+whole\s+day|around\s+the\s+clock)\s*(?:on|at|over|during)?\s*(?:the\s+|a\s+)?$/i.test(text.slice(Math.max(0, start - 30), start));
    out.push({ start, end, days, anyTime, strong: /^(?:on|at|over|during)\b/i.test(m[0]) || anyTime });
  };
  for (const m of text.matchAll(new RegExp(String.raw`\b(?:(?:on|at|over|during)\s+(?:the\s+|a\s+)?)?weekends?\b|\bweekend\b`, 'gi'))) add(m, [...WEEKEND]);
  for (const m of text.matchAll(new RegExp(String.raw`\b(?:(?:on|during)\s+(?:a\s+)?)?(?:weekdays?|work\s*days?|working\s+days?)\b|\b(?:mon(?:day)?)\s*(?:-|\u2013|to|through|thru|till|until)\s*(?:fri(?:day)?)\b`, 'gi'))) add(m, [...WORKWEEK]);
  for (const m of text.matchAll(new RegExp(String.raw`\b(?:on\s+(?:a\s+)?)?${DAY}s?(?:\s*(?:,|\/|\bor\b|\band\b)\s*${DAY}s?)*\b`, 'gi'))) {
    // "sat" and "sun" alone are English words as often as days; "mon" too. A day said short counts only in a list.
    const names = [...m[0].matchAll(new RegExp(`\\b${DAY}`, 'gi'))].map((x) => x[0]);
    if (names.length === 1 && names[0].length < 6) continue;
    add(m, [...new Set(names.map(dayName))]);
  }
  return out.sort((a, b) => a.start - b.start);
}

const OUTSIDE = /\boutside(?:\s+of)?\s+(?:(?:the|our|normal|regular|standard|core)\s+)*(?:business|office|working|work)\s+hours\b|\b(?:out\s+of|after)\s+(?:business|office|working)\s+hours\b|\boutside(?:\s+of)?\b(?=\s+(?:the\s+hours\s+(?:of\s+)?)?\d)/i;
const INSIDE = /\b(?:during|within|inside|in)\s+(?:(?:the|our|normal|regular|standard|core)\s+)*(?:business|office|working|work)\s+hours\b/i;
/** A zone that is not UTC: the hours would be read wrong. */
const OTHER_ZONE = /\b(?:cet|cest|est|edt|cst|cdt|mst|mdt|pst|pdt|bst|ist|aest|aedt|jst|sgt|local(?:\s+time)?|our\s+time|eastern|pacific|central|mountain|utc\s*[+-]\s*\d|gmt\s*[+-]\s*\d)\b/i;
const UTC_SAID = /\b(?:utc|gmt|zulu)\b|\d\s*z\b/i;

/** Which moment the words speak of: the alert's activity, the alert itself, or (by default) the incident's creation. */
function momentOf(text: string): TimeMoment {
  if (/\b(?:activity|activities)\s+(?:started|began|begins|starts|happened|occurred)|\b(?:first\s+(?:activity|seen)|started|began|happened|occurred)\b/i.test(text) && !/\bincident\s+(?:was\s+|is\s+|gets\s+)?(?:created|opened|raised)\b/i.test(text)) return 'firstActivity';
  if (/\balerts?\s+(?:that\s+|which\s+)?(?:was\s+|is\s+|were\s+|are\s+|got\s+)?(?:fired|fires|raised|created|triggered|generated)\b|\b(?:fired|fires|triggered)\b/i.test(text) && !/\bincidents?\s+(?:was\s+|is\s+|were\s+)?(?:created|opened|raised)\b/i.test(text)) return 'alertCreated';
  return 'incidentCreated';
}

/**
 * The time condition a piece of a request names, with the words it was read from; `unread` when it
 * names hours Rampart cannot place (no zone, another zone, "after 7"); undefined when it names none.
 */
export function timeWindowOf(text: string): { condition: Condition; phrase: string } | { unread: string } | undefined {
  const outside = OUTSIDE.exec(text);
  const inside = INSIDE.exec(text);
  const hours = hoursOf(text);
  const days = daysOf(text);
  if (hours.length === 0 && days.length === 0) return undefined;
  const spans: Piece[] = [...hours, ...days, ...(outside ? [{ start: outside.index, end: outside.index + outside[0].length }] : []), ...(inside ? [{ start: inside.index, end: inside.index + inside[0].length }] : [])];
  let start = Math.min(...spans.map((s) => s.start));
  let end = Math.max(...spans.map((s) => s.end));
  // "(before 08:00 or after 18:00 UTC)": the brackets and the zone go with the words.
  const tail = /^\s*(?:\(?\s*(?:utc|gmt|zulu)\b\s*\)?)?\s*\)?/i.exec(text.slice(end));
  end += tail?.[0].length ?? 0;
  if (text[start - 1] === '(' && !text.slice(start, end).includes('(')) start -= 1;
  const phrase = text.slice(start, end).trim();
  const region = text.slice(Math.max(0, start - 40), Math.min(text.length, end + 40));
  if (hours.length > 1) return { unread: phrase };
  if (hours.length === 1 && (OTHER_ZONE.test(region) || !UTC_SAID.test(region))) return { unread: phrase };
  if (days.length > 0 && OTHER_ZONE.test(region)) return { unread: phrase };
  const at = momentOf(text);
  const h = hours[0];
  // "on a weekend (Saturday or Sunday)": the same days said twice are one piece.
  const said = days.filter((d) => !d.anyTime);
  const main = said.filter((d, i) => said.findIndex((x) => x.days.join() === d.days.join()) === i).map((d) => ({ ...d, strong: said.some((x) => x.days.join() === d.days.join() && x.strong) }));
  const extra = days.filter((d) => d.anyTime);
  if (main.length > 1) return { unread: phrase };
  // "weekdays" or "Saturday" alone, with no "on" and no hours: a word of something else ("weekend coverage").
  if (!h && extra.length === 0 && main.every((d) => !d.strong)) return undefined;
  const window = (d: readonly Weekday[] | undefined, from?: string, to?: string): Condition => ({ kind: 'timeWindow', at, ...(d ? { days: [...d] } : {}), ...(from && to ? { from, to } : {}) });
  const cases: Condition[] = [];
  const d = main[0]?.days;
  // "outside business hours (weekdays 08:00 to 18:00)": the hours said are the working ones, so the window is every other
  // moment. "outside business hours (between 22:00 and 06:00)", "before 07:00 or after 19:00": the hours said are the
  // outside ones already (working hours do not run over midnight).
  const turned = outside !== null && h !== undefined && h.range && h.from < h.to;
  if (turned) {
    cases.push(window(d, h.to, h.from));
    if (d) cases.push(window(WEEKDAYS_ALL.filter((x) => !d.includes(x))));
  } else if (outside !== null && !h && d) {
    cases.push(window(WEEKDAYS_ALL.filter((x) => !d.includes(x))));
  } else if (h || d) {
    cases.push(window(d, h?.from, h?.to));
  }
  for (const x of extra) if (!cases.some((c) => JSON.stringify(c) === JSON.stringify(window(x.days)))) cases.push(window(x.days));
  if (cases.length === 0) return undefined;
  return { condition: cases.length === 1 ? cases[0] : { any: cases }, phrase };
}

/** "incidents created", "the activity started": the moment a window is of, said inside the window's words. */
const MOMENT_SAID = String.raw`(?:the\s+)?(?:incidents?|alerts?|(?:suspicious\s+|malicious\s+)?activit(?:y|ies))(?:\s+(?:that\s+|which\s+)?(?:was|were|is|are|got))?\s+(?:created|raised|fired|opened|triggered|started|began|happened|occurred)`;
const CORE_TIME = [
  String.raw`(?:between|from)\s+${CLOCK}${ZONE}\s*(?:and|to|until|till|through|-|\u2013)\s*${CLOCK}`,
  String.raw`(?:before|after|past|earlier\s+than|later\s+than|between|from)\s+${CLOCK}`,
  String.raw`(?<![\d:])\d{1,2}(?:[:.h]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)?\s*(?:-|\u2013|to|until|till|through|and)\s*${CLOCK}`,
  String.raw`\d{1,2}[:.]\d{2}|\d{1,2}\s*(?:a\.?m\.?|p\.?m\.?)(?!\w)`,
  String.raw`(?:on|at|over|during)\s+(?:the\s+|a\s+)?weekends?`,
  String.raw`(?:on|during)\s+(?:a\s+)?(?:weekdays?|work\s*days?|working\s+days?)`,
  String.raw`on\s+(?:a\s+)?${DAY}s?(?:\s*(?:-|\u2013|to|through|thru|,|\/|\bor\b|\band\b)\s*${DAY}s?)*`,
].join('|');
const GLUE_TIME = [
  String.raw`outside(?:\s+of)?(?:\s+(?:the|our|normal|regular|standard|core))*(?:\s+(?:business|office|working|work)\s+hours)?`,
  String.raw`(?:out\s+of|after)\s+(?:business|office|working)\s+hours`,
  String.raw`(?:during|within|inside|in)(?:\s+(?:the|our|normal|regular|standard|core))*\s+(?:business|office|working|work)\s+hours`,
  String.raw`i\.?\s?e\.?|that\s+is|meaning|defined\s+as|namely`,
  // "during the night shift, which for us runs from 22:00 to 06:00 UTC": the shift is named by its hours.
  String.raw`(?:during|in|on)\s+(?:the\s+|our\s+)?(?:night|late|overnight|graveyard|evening|weekend|day|morning|early)\s+shift(?:\s*,?\s*(?:which|that)\s+(?:for\s+us\s+)?(?:runs?|is|goes|lasts|covers))?`,
  MOMENT_SAID,
  String.raw`(?:utc|gmt|zulu)\b`,
  String.raw`(?:or\s+|and\s+)?(?:at\s+)?any\s*time(?:\s+(?:on|at|over|during))?(?:\s+(?:the|a))?`,
  String.raw`weekends?|weekdays?|work\s*days?|working\s+days?`,
  String.raw`${DAY}s?(?:\s*(?:-|\u2013|to|through|thru|,|\/|\bor\b|\band\b)\s*${DAY}s?)*`,
  String.raw`or|and`,
  String.raw`[,:()]`,
].join('|');
const TIME_REGION = new RegExp(String.raw`(?:\b(?:${GLUE_TIME})|\b(?:${CORE_TIME}))(?:\s*(?:\b(?:${GLUE_TIME})|\b(?:${CORE_TIME})|[,:()]))*`, 'gi');
const CORE_ONLY = new RegExp(String.raw`\b(?:${CORE_TIME})`, 'i');

/** The words of a time window in one form the segmenter keeps whole: "on Saturday/Sunday at 19:00-07:00 UTC". */
function render(c: Condition): string {
  if ('any' in c) return c.any.map(render).join(' or any time ');
  if (!('kind' in c) || c.kind !== 'timeWindow') return '';
  return `${c.days ? `on ${c.days.join('/')} ` : ''}${c.from ? `at ${c.from}-${c.to} UTC` : 'UTC'}`;
}

/**
 * Rewrites each time window of a request into the one form the segmenter keeps whole ("outside business hours,
 * i.e. before 07:00 or after 19:00 UTC" -> "at 19:00-07:00 UTC"); windows it cannot place stay as written.
 */
export function canonicalTimes(text: string): string {
  return text.replace(TIME_REGION, (...args: unknown[]) => {
    // The clock's groups come between the match and its offset.
    const region = args[0] as string;
    const offset = args[args.length - 2] as number;
    if (!CORE_ONLY.test(region)) return region;
    // "tag it 'weekend shift'", "weekend-oncall@contoso.com": a value, not a time.
    if (/["'\u2018\u201c@-]$/.test(text.slice(0, offset)) || /^["'\u2019\u201d@-]/.test(text.slice(offset + region.length))) return region;
    // Glue at the ends ("and", a comma, an unmatched bracket) stays outside the window.
    const lead = /^(?:\s*(?:and|or|,|:|\)))*\s*/i.exec(region)?.[0] ?? '';
    let body = region.slice(lead.length);
    let trail = '';
    for (;;) {
      const m = /(?:\s*(?:\band\b|\bor\b|,|:|\())\s*$/i.exec(body) ?? (/\)\s*$/.test(body) && (body.match(/\(/g) ?? []).length < (body.match(/\)/g) ?? []).length ? /\)\s*$/.exec(body) : null);
      if (!m || m[0].length === 0) break;
      trail = m[0] + trail;
      body = body.slice(0, m.index);
    }
    if (!CORE_ONLY.test(body)) return region;
    const read = timeWindowOf(body);
    if (!read || !('condition' in read)) return region;
    const moment = new RegExp(MOMENT_SAID, 'i').exec(body)?.[0];
    const words = render(read.condition);
    if (!words) return region;
    // "Outside business hours (before 07:00 or after 19:00 UTC) isolate the box and ping on-call": a window that opens the
    // sentence is the case of every step after it.
    if (/(?:^|[.;:!?])\s*$/.test(text.slice(0, offset) + lead)) return `${lead}for ${moment ?? 'incidents created'} ${words}${/,/.test(trail) ? trail : `,${trail || ' '}`}`;
    return `${lead}${moment ? `${moment} ` : ''}${words}${trail}`;
  });
}
