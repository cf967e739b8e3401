import type { Condition, CountedEntity, IocFilter, UserFilter } from '../spec';
import type { Understood } from './types';

/**
 * Qualifiers on who and what a step acts on, besides devices: users by name pattern ("except svc-
 * accounts"), IOCs by address range or domain ("external IPs only", "never our contoso.com"), and
 * counts of what the incident involves ("if more than 3 hosts are hit"). A qualifier of that kind
 * that names nothing Rampart can check ("service accounts", "our own domain") is returned as unknown,
 * so the steps it would narrow are withheld and Rampart asks.
 */

/** Words before a qualifier that make it an exception ("except", "unless it's", "skip", "not"). */
const EXCEPT_CUE = /\b(?:except(?:\s+for)?|excluding|exclude|but\s+not|and\s+not|not\s+(?:for|on|to)|not|never|other\s+than|apart\s+from|unless|skip(?:ping)?|ignor(?:e|ing)|leave\s+out|spare|exempt(?:ing)?|without)\b/i;

const USER_NOUN = '(?:accounts?|users?|upns?|identit(?:y|ies)|usernames?|user\\s?names?|logins?|mailboxes)';
/** A user name pattern: a prefix ending in - or _, a * wildcard, or a whole address. */
const USER_PATTERN = '(?:[\\w.+\'-]+@[\\w-]+(?:\\.[\\w-]+)+|\\*[\\w.@-]+|[a-z0-9][\\w.-]*\\*|[a-z0-9][\\w.]*[-_](?=[\\s,;)"\'”]|$))';
const USER_FORMS: Array<{ re: RegExp; pattern: (m: RegExpExecArray) => string; exceptOnly?: boolean }> = [
  // "guest accounts", "external users", "B2B guests", "#EXT# accounts": Entra ID writes a guest's UPN with #EXT#.
  {
    re: new RegExp(`\\b(?:guest|external(?:\\s+guest)?|b2b(?:\\s+guest)?)\\s+${USER_NOUN}(?:\\s*\\(\\s*#ext#\\s*\\))?|\\b(?:b2b\\s+)?guests\\b(?:\\s*\\(\\s*#ext#\\s*\\))?|#ext#(?:\\s+${USER_NOUN})?`, 'i'),
    pattern: () => '*#ext#*',
  },
  // "accounts starting with adm-", "users whose name begins with svc", "accounts prefixed svc_"
  {
    re: new RegExp(`\\b${USER_NOUN}\\s+(?:whose\\s+(?:user\\s?)?names?\\s+|with\\s+(?:a\\s+)?(?:user\\s?)?names?\\s+|(?:user\\s?)?names?\\s+|that\\s+)?(?:start(?:s|ing)?|begin(?:s|ning)?|prefixed)\\s+(?:with\\s+|by\\s+)?["'“]?([\\w.-]+?)\\*?["'”]?(?=[\\s,;.)]|$)`, 'i'),
    pattern: (m) => `${m[1].toLowerCase()}*`,
  },
  // "accounts ending in -adm", "users whose name ends with _admin"
  {
    re: new RegExp(`\\b${USER_NOUN}\\s+(?:whose\\s+(?:user\\s?)?names?\\s+|that\\s+)?(?:end(?:s|ing)?)\\s+(?:with|in)\\s+["'“]?\\*?([\\w.-]+)["'”]?`, 'i'),
    pattern: (m) => `*${m[1].toLowerCase()}`,
  },
  // "accounts named svc-backup", "users like adm-*", "accounts matching svc*"
  {
    re: new RegExp(`\\b${USER_NOUN}\\s+(?:named|called|like|matching)\\s+(?!(?:in|on|by|from|as|the|an?|at|for|with|of|to)\\b)["'“]?(${USER_PATTERN}|[a-z0-9][\\w.-]*)["'”]?|\\b${USER_NOUN}\\s+(?:is|are|=|equals)\\s+(?:named\\s+)?["'“]?(${USER_PATTERN})["'”]?`, 'i'),
    pattern: (m) => ((m[1] ?? `${m[2]}${/[-_.]$/.test(m[2]) ? '*' : ''}`)).toLowerCase(),
  },
  // "svc- accounts", "adm-* users", "the svc_ ones", "(svc- prefix)", "svc- prefixed accounts"
  {
    re: new RegExp(`["'“]?(${USER_PATTERN})["'”]?\\s*(?:prefix(?:ed)?\\s+)?(?:${USER_NOUN}|prefix(?:ed)?\\b|ones\\b)`, 'i'),
    pattern: (m) => (/[-_.]$/.test(m[1]) ? `${m[1].toLowerCase()}*` : m[1].toLowerCase()),
  },
  // "service accounts (svc-*)", "admin accounts, adm-": the kind, then its pattern.
  {
    re: new RegExp(`\\b${USER_NOUN},?\\s+\\(?["'\u201c]?(\\*?[a-z0-9][\\w.]*[-_*][\\w.*-]*)["'\u201d]?\\)?(?=[\\s,;.)]|$)`, 'i'),
    pattern: (m) => (/[-_.]$/.test(m[1]) ? `${m[1].toLowerCase()}*` : m[1].toLowerCase()),
  },
  // "a service account, svc- prefix", "the prefix svc-"
  {
    re: new RegExp(`\\b(?:prefix|prefixed\\s+with)\\s+["'“]?([a-z0-9][\\w.]*[-_]?)["'”]?(?=[\\s,;.)]|$)`, 'i'),
    pattern: (m) => `${m[1].toLowerCase()}*`,
  },
  // "the account of jdoe@contoso.com", "sessions for jdoe@contoso.com", "jdoe@contoso.com's password": that user's, not a recipient.
  {
    re: /\b(?:(?:accounts?|users?|sessions?|tokens?|passwords?|pw|upn|mailbox|identity)\s+(?:of|for|belonging\s+to)\s+(?:the\s+user\s+)?|(?<!\b(?:e-?mail|mail|notify|ping|message|tell|alert|inform|cc|contact|send|sent|to)\s+(?:the\s+)?)(?<!\bthe\s)(?:the\s+)?(?:user|account|upn)\s+)([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)(?!\s+(?:know|aware|informed|posted))|\b([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)'s\s+(?:account|sessions?|password|pw|tokens?|mailbox|sign-?ins?)\b/i,
    pattern: (m) => (m[1] ?? m[2]).toLowerCase(),
  },
  // "except ceo@contoso.com", "not the break-glass account (bg-admin@contoso.com)"
  {
    re: /\b([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)/i,
    pattern: (m) => m[1].toLowerCase(),
    exceptOnly: true,
  },
];
/** User kinds Defender's alerts cannot tell apart without a name pattern. */
const UNKNOWN_USER_KIND = new RegExp(`\\b(?:service|svc|break[- ]?glass|emergency(?:[- ]access)?|admin(?:istrator)?|privileged|vip|executive|exec|shared|test|system|contractor|generic|non[- ]human|machine|sync)\\s+${USER_NOUN}\\b|\\b(?:users?|accounts?|owners?|they|he|she)\\s+(?:is|are|'s|'re)\\s+(?:an?\\s+)?(?:vips?|executives?|admins?|administrators?|privileged|contractors?)\\b|\\b(?:c-?suite|the\\s+ceo|the\\s+cfo|board\\s+members?)\\b`, 'i');

export interface EntityQualifiers {
  users: UserFilter;
  iocs: IocFilter;
  notes: Understood[];
  /** Qualifiers on users or IOCs Rampart cannot check: the user or block steps they narrow are withheld. */
  unknownUsers: string[];
  unknownIocs: string[];
}

function addPattern(list: string[] | undefined, p: string): string[] {
  const out = list ?? [];
  if (!out.includes(p)) out.push(p);
  return out;
}

/** Whether the words before `at` in the text make what follows an exception. */
export function isException(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 60), at);
  const cue = [...before.matchAll(new RegExp(EXCEPT_CUE.source, 'gi'))].at(-1);
  if (!cue) return false;
  // "isolate it, not just scan it, for svc- accounts": a cue followed by an action verb is not about the users.
  return !/\b(?:isolate|block|disable|reset|revoke|scan|quarantine|restrict)\b/i.test(before.slice((cue.index ?? 0) + cue[0].length));
}

const IP_NOUN = '(?:ips?|ip\\s+address(?:es)?|addresses|address\\s+ranges?|ranges?|networks?|subnets?|hosts?|destinations?|endpoints?)';
const PUBLIC_WORD = '(?:external|public|internet(?:[- ]facing)?|outside|routable|non[- ]rfc\\s?1918|remote|foreign)';
const PRIVATE_WORD = '(?:internal|private|rfc\\s?1918|local|lan|intranet|non[- ]routable|corporate|corp|in[- ]house|our)';
const PUBLIC_IPS = new RegExp(`\\b${PUBLIC_WORD}\\s+(?:ipv4\\s+)?${IP_NOUN}\\b|\\b(?:the\\s+)?ips?(?:\\s+address(?:es)?)?\\s+(?:is|are)\\s+(?:an?\\s+)?${PUBLIC_WORD}\\b`, 'i');
const PRIVATE_IPS = new RegExp(`\\b${PRIVATE_WORD}\\s+(?:ipv4\\s+)?(?:ip\\s+)?${IP_NOUN}\\b|\\b(?:10|192\\.168|172\\.16)\\.(?:x|\\*|0)(?:\\.(?:x|\\*|0))*(?:\\/\\d+)?|\\brfc\\s?1918\\b`, 'i');
const DOMAIN_NAME = /(?<![@\w.-])((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|net|org|io|co|uk|de|fr|nl|eu|us|gov|edu|local|corp|internal|[a-z]{2}))\b(?![@\w-])/i;
/** An IOC named by its value: an IPv4 address or range ("10.0.0.0/8", "10/8", "172.16/12"), or a file hash. */
const IOC_VALUE = /(?<![\w./])(?:\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?|\d{1,3}(?:\.\d{1,3}){0,2}\/\d{1,2})(?![\w./])|\b[0-9a-f]{64}\b|\b[0-9a-f]{40}\b|\b[0-9a-f]{32}\b/gi;

/** "172.16/12" as CIDR writes it: "172.16.0.0/12". */
function fullRange(value: string): string {
  const m = /^(\d{1,3}(?:\.\d{1,3}){0,3})\/(\d{1,2})$/.exec(value);
  if (!m) return value;
  const parts = m[1].split('.');
  while (parts.length < 4) parts.push('0');
  return `${parts.join('.')}/${m[2]}`;
}
const OWN_DOMAIN = /\b(?:our|the\s+company'?s|the\s+corporate|company|corporate|internal|own|trusted|allow-?listed|whitelisted|known[- ]good|first[- ]party|legit(?:imate)?)\s+(?:own\s+)?(?:domains?|sites?|websites?|urls?|links?|sharepoint|tenant)\b/i;

/**
 * The user and IOC qualifiers of a clause. With `spared` every qualifier found is an exception
 * (the subject of "skip ...", or of "never block ...").
 */
export function entityQualifiers(text: string, spared = false): EntityQualifiers {
  const isExc = (t: string, at: number): boolean => spared || isException(t, at);
  const out: EntityQualifiers = { users: {}, iocs: {}, notes: [], unknownUsers: [], unknownIocs: [] };
  // "admin accounts (the ones starting with adm-)": "the ones" are the accounts (same length, so positions hold).
  let rest = /\b(?:accounts?|users?|identit(?:y|ies))\b/i.test(text)
    ? text.replace(/\bthe\s+ones\b(?=\s+(?:starting|beginning|prefixed|ending|named|matching|like|whose))/gi, 'accounts').replace(/\bthose\b(?=\s+(?:starting|beginning|prefixed|ending|named|matching|like|whose))/gi, 'users')
    : text;
  for (const form of USER_FORMS) {
    for (;;) {
      const m = form.re.exec(rest);
      if (!m) break;
      const pattern = form.pattern(m);
      const at = m.index;
      rest = rest.slice(0, at) + ' '.repeat(m[0].length) + rest.slice(at + m[0].length);
      // A mail address is a user only after an exception cue or a user noun ("except ceo@..."), never a recipient.
      if (form.exceptOnly && !isExc(text, at)) continue;
      if (/^[\d.]+\*?$/.test(pattern)) continue;
      if (isExc(text, at)) {
        out.users.exclude = { namePatterns: addPattern(out.users.exclude?.namePatterns, pattern) };
        out.notes.push({ phrase: m[0].trim(), meaning: `leave out users named ${pattern}` });
      } else {
        // "disable svc- accounts", "only for adm-* users": which users the step is for.
        out.users.include = { namePatterns: addPattern(out.users.include?.namePatterns, pattern) };
        out.notes.push({ phrase: m[0].trim(), meaning: `only users named ${pattern}` });
      }
    }
  }
  // "a member of 'Emergency Access Users'": a group's name, which a group condition reads, is no kind of user.
  rest = rest.replace(/\b(?:a\s+)?(?:members?|part)\s+of\s+(?:the\s+)?(?:["\u201c\u2018'][^"\u201d\u2019']{2,60}["\u201d\u2019']|(?:[A-Z][\w&.-]*)(?:\s+[A-Z][\w&.-]*){0,3})(?:\s+group)?|(?<!\b(?:devices?|machines?|hosts?|endpoints?|boxes|servers?|workstations?|laptops?|computers?)\s+)\bin\s+(?:the\s+)?["\u201c\u2018'][^"\u201d\u2019']{2,60}["\u201d\u2019']\s+group\b|\b(?:are|is)\s+in\s+(?:the\s+)?(?:[A-Z][\w&.-]*)(?:\s+[A-Z][\w&.-]*){0,3}\s+group\b/g, (m) => ' '.repeat(m.length));
  const kind = UNKNOWN_USER_KIND.exec(rest);
  // "a service account, svc- prefix": the kind is named by the pattern beside it.
  if (kind && !(out.users.exclude || out.users.include)) out.unknownUsers.push(kind[0]);

  const pub = PUBLIC_IPS.exec(text);
  const priv = PRIVATE_IPS.exec(text);
  if (pub && !isExc(text, pub.index)) {
    out.iocs.ipScope = 'public';
    out.notes.push({ phrase: pub[0], meaning: 'public IP addresses only' });
  } else if (priv && isExc(text, priv.index)) {
    out.iocs.ipScope = 'public';
    out.notes.push({ phrase: priv[0], meaning: 'leave out private, loopback and reserved IP ranges' });
  } else if (pub && isExc(text, pub.index)) {
    out.iocs.ipScope = 'private';
    out.notes.push({ phrase: pub[0], meaning: 'leave out public IP addresses' });
  } else if (priv && /\bonly\b/i.test(text) && /\bips?\b|\baddress/i.test(priv[0])) {
    out.iocs.ipScope = 'private';
    out.notes.push({ phrase: priv[0], meaning: 'private-range IP addresses only' });
  }
  for (const m of text.matchAll(new RegExp(DOMAIN_NAME.source, 'gi'))) {
    if (!isExc(text, m.index)) continue;
    // "except alerts from MDO.com"? A name that is a product or a file is no domain of ours.
    if (/\.(?:exe|dll|ps1|bat|js|vbs|zip|docx?|xlsx?|pdf|lnk|iso)$/i.test(m[1])) continue;
    out.iocs.excludeDomains = addPattern(out.iocs.excludeDomains, m[1].toLowerCase());
    out.notes.push({ phrase: m[0], meaning: `never block URLs or domains at ${m[1].toLowerCase()}` });
  }
  // "never block 20.190.151.7 or 20.190.151.8", "never block 10/8, 172.16/12", "except the hash 3f7a...": IOCs left out by
  // their value.
  for (const m of text.matchAll(IOC_VALUE)) {
    if (!isExc(text, m.index)) continue;
    const value = fullRange(m[0]).toLowerCase();
    out.iocs.excludeValues = addPattern(out.iocs.excludeValues, value);
    out.notes.push({ phrase: m[0], meaning: `never ${value}` });
  }
  const own = OWN_DOMAIN.exec(text);
  if (own && !out.iocs.excludeDomains) out.unknownIocs.push(own[0]);
  return out;
}

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twenty: 20 };
const NUM = '(\\d+|one|two|three|four|five|six|seven|eight|nine|ten|twenty)';
const COUNT_NOUNS: Array<{ re: string; entity: CountedEntity }> = [
  { re: '(?:devices?|machines?|hosts?|endpoints?|boxes|box|computers?|laptops?|workstations?|servers?|pcs?|assets?)', entity: 'device' },
  { re: '(?:users?|accounts?|identities|people|employees|mailboxes|recipients?)', entity: 'user' },
  { re: '(?:alerts?)', entity: 'alert' },
];
const ADJ = '(?:(?:different|distinct|separate|unique|affected|impacted|compromised|infected|involved|individual)\\s+)?';

function num(w: string): number {
  return NUMBER_WORDS[w.toLowerCase()] ?? Number(w);
}

/** A user or a device said to be in the alerts counted after it: "one user is in", "a host that shows up in". */
const PER_ENTITY_COUNT = /\b(?:users?|accounts?|accts?|persons?|people|he|she|they|him|her|them|devices?|hosts?|machines?|box(?:es)?|endpoints?|ips?|iocs?|files?|hash(?:es)?)\s+(?:(?:that|who|which)\s+)?(?:is|are|was|were|appears?|shows?\s+up|turns?\s+up|pops?\s+up|comes?\s+up|occurs?|featur(?:es?|ing)|seen)\s+(?:(?:only|just|again|repeatedly)\s+)?(?:in|on|across)\s*$/i;

/** Words before a count in an action clause that make it a condition ("in incidents with more than 2 alerts"), not the object. */
const COUNT_LEAD = /\b(?:with|has|have|having|contain(?:s|ing)?|includ(?:e|es|ing)|involv(?:e|es|ing)|across|spanning|spans|affect(?:s|ing)?|hit(?:s|ting)?|touch(?:es|ing)?|on|where|when|if|once)\s*$/i;

/**
 * A count of what the incident involves: "more than 3 hosts", "5+ users", "multiple machines", "a single device".
 * With `asCondition` false (an action's own words) only a count introduced as a condition counts.
 */
export function countCondition(text: string, asCondition = true): { condition: Condition; phrase: string } | null {
  for (const { re, entity } of COUNT_NOUNS) {
    const forms: Array<{ r: RegExp; make: (m: RegExpExecArray) => { atLeast: number; below: boolean } }> = [
      { r: new RegExp(`\\b(?:more\\s+than|over|above|greater\\s+than|>)\\s*${NUM}\\s+${ADJ}${re}\\b`, 'i'), make: (m) => ({ atLeast: num(m[1]) + 1, below: false }) },
      { r: new RegExp(`\\b(?:at\\s+least|>=|a\\s+minimum\\s+of|min(?:imum)?\\s+of)\\s*${NUM}\\s+${ADJ}${re}\\b`, 'i'), make: (m) => ({ atLeast: num(m[1]), below: false }) },
      { r: new RegExp(`(?<![\\w.])${NUM}\\s*(?:\\+|or\\s+more)\\s+${ADJ}${re}\\b`, 'i'), make: (m) => ({ atLeast: num(m[1]), below: false }) },
      { r: new RegExp(`\\b(?:fewer\\s+than|less\\s+than|under|below|<)\\s*${NUM}\\s+${ADJ}${re}\\b`, 'i'), make: (m) => ({ atLeast: num(m[1]), below: true }) },
      { r: new RegExp(`\\b(?:at\\s+most|no\\s+more\\s+than|up\\s+to)\\s*${NUM}\\s+${ADJ}${re}\\b|(?<![\\w.])${NUM}\\s+or\\s+(?:fewer|less)\\s+${ADJ}${re}\\b`, 'i'), make: (m) => ({ atLeast: num(m[1] ?? m[2]) + 1, below: true }) },
      { r: new RegExp(`\\b(?:multiple|more\\s+than\\s+one|2\\s*\\+)\\s+${ADJ}${re}\\b`, 'i'), make: () => ({ atLeast: 2, below: false }) },
      // "a mass download by a single user" names the alert, not a count.
      { r: new RegExp(`(?<!\\bby\\s)\\b(?:a\\s+single|only\\s+one|just\\s+one|one\\s+single)\\s+${ADJ}${re}\\b`, 'i'), make: () => ({ atLeast: 2, below: true }) },
      {
        r: new RegExp(`\\b(?:number\\s+of\\s+${ADJ}${re}|${re.replace(/\?/g, '')}\\s+count)\\s+(?:is\\s+)?(?:(>=|at\\s+least)|(>|more\\s+than|over|above|greater\\s+than|exceeds))\\s*${NUM}\\b`, 'i'),
        make: (m) => ({ atLeast: num(m[3]) + (m[2] ? 1 : 0), below: false }),
      },
    ];
    for (const { r, make } of forms) {
      const m = r.exec(text);
      if (!m) continue;
      if (!asCondition && !COUNT_LEAD.test(text.slice(0, m.index))) continue;
      // "when the same account shows up in more than 3 alerts of one incident", "a host that shows up in 3+ alerts": how many alerts one
      // user or device is in, which is not how many the incident has (read so, every user of a three-alert incident was
      // disabled). It is left unread, to be asked about.
      if (entity === 'alert' && PER_ENTITY_COUNT.test(text.slice(Math.max(0, m.index - 60), m.index))) return null;
      const { atLeast, below } = make(m);
      if (!Number.isFinite(atLeast) || atLeast < 1) continue;
      const count: Condition = { kind: 'entityCount', entity, atLeast };
      return { condition: below ? { not: count } : count, phrase: m[0] };
    }
  }
  return null;
}
