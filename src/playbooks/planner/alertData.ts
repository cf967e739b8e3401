import { describeCondition, type Condition, type MailDeliveryAction } from '../spec';
import { timeWindowOf } from './timeWindow';
import type { Understood } from './types';
import { IOC_VALUE } from './vocabulary';

/**
 * Data Defender carries on alerts and their evidence, read as conditions: the MITRE ATT&CK
 * technique ids an alert is mapped to, its threat family, the folder a file sits in, and what
 * Office 365 did with a mail. The ledger reads the same phrases, so their words count as read
 * exactly where a condition was made of them.
 */

/** "if 45.95.147.12 or 91.240.118.172 shows up in an incident", "if either of <url> / <hash> appears in an alert". */
const IOC_SEEN = new RegExp(String.raw`(?:\b(?:any|either|one)\s+of\s+)?(${IOC_VALUE}(?:\s*(?:,|\bor\b|\band\b|\/)\s*${IOC_VALUE})*)\s+(?:shows?\s+up|appears?|is\s+seen|are\s+seen|turns?\s+up|is\s+present|are\s+present|is\s+involved|are\s+involved|comes?\s+up)\s+(?:in|on)\s+(?:an?|any|the)\s+(?:incident|alert)s?\b`, 'i');
/** "T1003", "technique T1059.001", "mapped to MITRE T1566 or T1204": ATT&CK technique ids. */
const MITRE_PHRASE = /\b(?:(?:mitre\s+)?(?:att&?ck\s+)?(?:sub-?)?(?:techniques?|ttps?)\s+(?:id\s+)?|mitre\s+(?:att&?ck\s+)?|(?:mapped|maps)\s+to\s+(?:mitre\s+)?)?T\d{4}(?:\.\d{3})?(?:\s*(?:,|\/|\bor\b|\band\b)\s*T\d{4}(?:\.\d{3})?)*\b/i;
/** "threat family Emotet", "family: Lumma" (tried first), then "the QakBot malware family". */
const FAMILY_NAMED = /\b(?:threat|malware|ransomware)\s+family\s+(?:name\s+)?(?:is\s+|=\s*|:\s*|of\s+|named\s+|called\s+)?["'\u201c]?([A-Za-z][\w.:/!-]*)["'\u201d]?/i;
const FAMILY_BEFORE = /\b(?:the\s+|an?\s+)?["'\u201c]?([A-Za-z][\w.:/!-]*)["'\u201d]?\s+(?:malware\s+|threat\s+|ransomware\s+|trojan\s+)?family\b/i;
const NOT_A_FAMILY = /^(?:with|w|of|for|from|in|on|by|and|or|the|a|an|same|this|that|any|some|malware|threat|known|ransomware|trojan|whole|entire|one|its|their|given|specific|particular)$/i;
/** Folders named in words, as the fragment of the path they stand for. */
const FOLDER_WORDS: Array<[RegExp, string]> = [
  [/^(?:temp|tmp|%temp%|%tmp%)$/i, '\\temp'],
  [/^downloads?$/i, '\\downloads'],
  [/^(?:appdata|%appdata%)$/i, '\\appdata\\'],
  [/^(?:programdata|%programdata%)$/i, '\\programdata'],
  [/^public$/i, '\\users\\public'],
  [/^startup$/i, '\\startup'],
  [/^desktop$/i, '\\desktop'],
  [/^documents$/i, '\\documents'],
  [/^program\s*files$/i, '\\program files'],
  [/^system32$/i, '\\system32'],
];
const LOCATED = String.raw`(?:(?:lives?|living|sits?|sitting|resides?|residing|located|stored|saved|written|dropped|placed|copied|downloaded|created|running|runs?|launched|executed|found|seen)\s+)?`;
const FOLDER_PHRASE = new RegExp(String.raw`\b${LOCATED}(?:in|into|under|from|to|inside|within|out\s+of)\s+(?:the\s+|a\s+|an\s+|its\s+|(their\s+|his\s+|her\s+|(?:the\s+|an?\s+|each\s+)?(?:users?|employees?|victims?)'?s?\s+))?(temp|tmp|downloads?|appdata|programdata|public|startup|desktop|documents)\s+(?:folders?|director(?:y|ies)|dirs?|paths?|locations?)\b|\b${LOCATED}(?:in|under|inside|within|from)\s+(?:the\s+)?(program\s*files|system32)\b(?:\s+(?:folders?|director(?:y|ies)))?|(%(?:temp|tmp|appdata|programdata)%)(?:\\[^\s,;"']*)?`, 'i');
const PATH_LITERAL = /(?<![\w])[A-Za-z]:\\[^\s,;"'\u201d]*[^\s,;"'\u201d.]|\b(?:file\s+)?path\s+(?:contains|includes|has|is|starts\s+with|begins\s+with|=)\s+["'\u201c]?([^\s"'\u201d,;]+)["'\u201d]?|\b(?:an?\s+|the\s+|its\s+)?file\s*name\s+(?:contains|includes|has|is|=)\s+["'\u201c]?([^\s"'\u201d,;]+)["'\u201d]?/i;
/** "the mail was delivered", "landed in the inbox", "delivery action is Junked", "wasn't delivered". */
const DELIVERY_PHRASE = /\b(?:(was|were|got|gets|is|are|has\s+been|have\s+been|had\s+been)\s+(not\s+|never\s+)?(?:actually\s+|successfully\s+|already\s+)?(delivered|junked|blocked|replaced|quarantined)\b(?:\s+(?:to|in|into)\s+(?:the\s+|their\s+|a\s+)?(?:users?'?s?\s+)?(?:inbox(?:es)?|mailbox(?:es)?|junk(?:\s+(?:e-?mail|mail))?(?:\s+folder)?))?|(wasn'?t|weren'?t|wasnt|werent|didnt|never|didn'?t|did\s+not)\s+(?:get\s+)?(delivered|reach(?:ed)?\s+(?:the\s+|their\s+)?(?:users?'?s?\s+)?inbox(?:es)?|land(?:ed)?\s+in\s+(?:the\s+|their\s+)?(?:inbox|junk)(?:\s+folder)?)|(?:landed|lands|ended\s+up|made\s+it|reached|hit)\s+(?:in\s+|into\s+|to\s+)?(?:the\s+|their\s+|a\s+)?(?:users?'?s?\s+)?(inbox(?:es)?|junk(?:\s+(?:e-?mail|mail))?(?:\s+folder)?)|delivery\s+action\s+(?:is\s+|=\s*|:\s*|of\s+)?["']?(delivered|junked|blocked|replaced)["']?|\b(delivered)\s+(?:phish(?:ing)?\s+)?(?:e-?mails?|mails?|messages?))/i;
export const MAIL_CONTEXT = /\b(?:e-?mails?|mails?|messages?|phish\w*|inbox\w*|mailbox\w*|junk|sender|spam|mdo|office\s*365|exchange|bec|delivery)\b/i;

/**
 * Malware families analysts name on their own ("if it's cobalt strike", "LockBit hits"): Defender
 * writes them as the alert's threat family and usually in its title, so either counts.
 */
const KNOWN_FAMILIES: Array<{ re: RegExp; family: string; title: string; also?: string[] }> = [
  { re: /\bcobalt[\s-]?strike(?:\s+beacons?)?\b/i, family: 'CobaltStrike', title: 'Cobalt Strike' },
  { re: /\block[\s-]?bit\b/i, family: 'LockBit', title: 'LockBit' },
  { re: /\bemotet\b/i, family: 'Emotet', title: 'Emotet' },
  { re: /\bq(?:ak|ua?k)[\s-]?bot\b|\bqbot\b/i, family: 'QakBot', title: 'QakBot' },
  { re: /\bicedid\b/i, family: 'IcedID', title: 'IcedID' },
  { re: /\bagent[\s-]?tesla\b/i, family: 'AgentTesla', title: 'AgentTesla' },
  { re: /\bred[\s-]?line(?:\s+stealer)?\b/i, family: 'RedLine', title: 'RedLine' },
  { re: /\blumma(?:\s?c2|\s+stealer)?\b/i, family: 'Lumma', title: 'Lumma' },
  { re: /\bblack[\s-]?cat\b|\balphv\b/i, family: 'BlackCat', title: 'BlackCat' },
  { re: /\bconti\b/i, family: 'Conti', title: 'Conti' },
  { re: /\bryuk\b/i, family: 'Ryuk', title: 'Ryuk' },
  { re: /\btrick[\s-]?bot\b/i, family: 'TrickBot', title: 'TrickBot' },
  { re: /\bremcos\b/i, family: 'Remcos', title: 'Remcos' },
  { re: /\basync[\s-]?rat\b/i, family: 'AsyncRAT', title: 'AsyncRAT' },
  { re: /\bnj[\s-]?rat\b/i, family: 'njRAT', title: 'njRAT' },
  { re: /\bsoc[\s-]?gholish\b/i, family: 'SocGholish', title: 'SocGholish' },
  { re: /\bgoot[\s-]?loader\b/i, family: 'GootLoader', title: 'GootLoader' },
  { re: /\bbumble[\s-]?bee\b/i, family: 'BumbleBee', title: 'BumbleBee' },
  { re: /\bsliver\b/i, family: 'Sliver', title: 'Sliver' },
  { re: /\bbrute[\s-]?ratel\b/i, family: 'BruteRatel', title: 'Brute Ratel' },
  { re: /\bplugx\b/i, family: 'PlugX', title: 'PlugX' },
  { re: /\bform[\s-]?book\b/i, family: 'FormBook', title: 'FormBook' },
  { re: /\bvidar\b/i, family: 'Vidar', title: 'Vidar' },
  { re: /\braccoon(?:\s+stealer)?\b/i, family: 'Raccoon', title: 'Raccoon' },
  { re: /\beicar(?:\s+test)?(?:\s+(?:files?|strings?|samples?))?\b/i, family: 'EICAR', title: 'EICAR' },
  { re: /\bwanna[\s-]?cry\b/i, family: 'WannaCry', title: 'WannaCry' },
  { re: /\bblack[\s-]?basta\b/i, family: 'BlackBasta', title: 'Black Basta' },
  { re: /\bakira\b/i, family: 'Akira', title: 'Akira' },
  { re: /\b(?:coin|crypto)[\s-]?(?:miners?|mining)\b|\bcryptojacking\b|\bxmrig\b|\bminers?\b(?=\s+(?:or|and|alerts?|detections?|activity|infections?|hits?|on|running|found)\b)/i, family: 'CoinMiner', title: 'Miner', also: ['mining'] },
];

/** Whether a position of the text is inside a quoted literal ('...' or "..."). */
function insideQuotes(text: string, at: number): boolean {
  let open = false;
  for (const q of text.slice(0, at).matchAll(/['\u2018\u2019\u201c\u201d"]/g)) {
    const prev = text[q.index - 1] ?? ' ';
    const next = text[q.index + 1] ?? ' ';
    if (!open && !/\w/.test(prev) && /\S/.test(next)) open = true;
    else if (open && /\S/.test(prev) && !/\w/.test(next)) open = false;
  }
  return open;
}

function deliveryOf(word: string): MailDeliveryAction {
  const w = word.toLowerCase();
  return /junk/.test(w) ? 'Junked' : /block|quarantin/.test(w) ? 'Blocked' : /replac/.test(w) ? 'Replaced' : 'Delivered';
}

/** The MITRE, threat family, file path and mail delivery conditions a piece of the request names, and the text without them. */
export function alertDataConditions(text: string, negate: boolean, mailElsewhere = false): { conditions: Condition[]; phrases: Understood[]; examples: Understood[]; rest: string } {
  const conditions: Condition[] = [];
  const phrases: Understood[] = [];
  /** Words read as examples of a wider kind, with no condition of their own. */
  const examples: Understood[] = [];
  let rest = text;
  const add = (phrase: string, c: Condition, flip = false): void => {
    const cond: Condition = negate !== flip ? { not: c } : c;
    conditions.push(cond);
    phrases.push({ phrase, meaning: `only if ${describeCondition(cond)}` });
    rest = rest.replace(phrase, ' ');
  };
  // "if 45.95.147.12 or 91.240.118.172 shows up in an incident": an IOC of the alert is one of those values.
  const seen = IOC_SEEN.exec(rest);
  if (seen) add(seen[0], { kind: 'iocValue', values: [...new Set([...seen[1].matchAll(new RegExp(IOC_VALUE, 'gi'))].map((m) => m[0].replace(/[.,;:)]+$/, '')))] });
  const mitre = MITRE_PHRASE.exec(rest);
  if (mitre) add(mitre[0], { kind: 'mitreTechnique', techniques: [...new Set([...mitre[0].matchAll(/T\d{4}(?:\.\d{3})?/gi)].map((m) => m[0].toUpperCase()))] });
  const family = FAMILY_NAMED.exec(rest) ?? FAMILY_BEFORE.exec(rest);
  const familyName = family?.[1];
  if (family && familyName && !NOT_A_FAMILY.test(familyName)) {
    // "the threat family is lockbit or blackcat": each family of the list.
    const more = /^(?:\s*(?:,\s*(?:or\s+)?|\s+or\s+|\s*\/\s*)["'\u201c]?(?!(?:the|a|an|it|if|when|then|any|all)\b)[A-Za-z][\w.:/!-]*["'\u201d]?)+/i.exec(rest.slice(family.index + family[0].length));
    const names = [familyName, ...(more ? [...more[0].matchAll(/[A-Za-z][\w.:/!-]*/g)].map((m) => m[0]).filter((w) => !/^or$/i.test(w)) : [])];
    if (more) rest = rest.replace(more[0], ' ');
    add(more ? `${family[0]}${more[0]}` : family[0], { kind: 'threatFamily', families: names });
  }
  if (!conditions.some((c) => 'kind' in c && c.kind === 'threatFamily')) {
    const named: Array<{ phrase: string; family: string; titles: string[] }> = [];
    for (const known of KNOWN_FAMILIES) {
      const m = known.re.exec(rest);
      // "an alert titled 'EICAR test file detected'": a quoted title is read as the title, whole.
      // ("tag the incident qakbot-c2": a name the family is part of is no family said.)
      if (!m || insideQuotes(rest, m.index) || /^-\w/.test(rest.slice(m.index + m[0].length)) || /\w-$/.test(rest.slice(0, m.index))) continue;
      // "a Cobalt Strike or other command-and-control alert": the family is an example of the wider kind named after it.
      const after = rest.slice(m.index + m[0].length);
      const wider = /^\s+(?:alerts?\s+)?or\s+(?:any\s+)?(?:other\s+)?(?:similar\s+)?([a-z][\w-]*(?:\s+[\w-]+){0,3})/i.exec(after);
      if (wider && !KNOWN_FAMILIES.some((f) => f.re.test(wider[1]))) {
        examples.push({ phrase: m[0], meaning: 'an example of the kind of alert named after it' });
        rest = rest.replace(m[0], ' ');
        continue;
      }
      named.push({ phrase: m[0], family: known.family, titles: [known.title, ...(known.also ?? [])] });
    }
    // "Cobalt Strike or Sliver alerts": alerts of any family named.
    if (named.length) {
      add(named.map((n) => n.phrase).join(', '), { any: [{ kind: 'threatFamily', families: named.map((n) => n.family) }, { kind: 'titleContains', keywords: named.flatMap((n) => n.titles) }] });
      for (const n of named.slice(1)) rest = rest.replace(n.phrase, ' ');
    }
  }
  const fragments: string[] = [];
  const pathPhrases: string[] = [];
  for (let m = PATH_LITERAL.exec(rest); m; m = PATH_LITERAL.exec(rest)) {
    fragments.push((m[1] ?? m[2] ?? m[0]).toLowerCase());
    pathPhrases.push(m[0]);
    rest = rest.replace(m[0], ' ');
  }
  for (let m = FOLDER_PHRASE.exec(rest); m; m = FOLDER_PHRASE.exec(rest)) {
    const word = (m[2] ?? m[3] ?? m[4]).toLowerCase();
    const fragment = FOLDER_WORDS.find(([re]) => re.test(word))?.[1];
    // "a user's Temp folder": the one under a user's profile, not C:\Windows\Temp.
    const own = m[1] && !/^\\(?:users|programdata)/.test(fragment ?? '') ? `\\users\\*${fragment}` : fragment;
    if (own) fragments.push(own);
    pathPhrases.push(m[0]);
    rest = rest.replace(m[0], ' ');
  }
  if (fragments.length) {
    const phrase = pathPhrases.join(', ');
    rest = `${rest} ${phrase}`;
    add(phrase, { kind: 'filePath', contains: [...new Set(fragments)] });
  }
  // "only when the email subject mentions an invoice", "with 'payroll' in the subject line": the mail's subject.
  const subject = /\b(?:(?:the\s+)?(?:e-?mail|mail|message|phish)(?:'s)?\s+)?subject(?:\s+line)?\s+(?:contains?|mentions?|includes?|has|says?|with|containing|mentioning)\s+(?:the\s+(?:word|term)\s+)?(?:an?\s+)?(?:["'\u2018\u201c]([^"'\u2019\u201d]{2,40})["'\u2019\u201d]|([\w-]{3,40}))|\bwith\s+(?:["'\u2018\u201c]([^"'\u2019\u201d]{2,40})["'\u2019\u201d]|([\w-]{3,40}))\s+in\s+(?:the|its)\s+subject(?:\s+line)?\b/i.exec(rest);
  if (subject) {
    add(subject[0], { kind: 'mailSubject', contains: [(subject[1] ?? subject[2] ?? subject[3] ?? subject[4]).toLowerCase()] });
    rest = rest.replace(subject[0], ' ');
  }
  // "only outside business hours (before 07:00 or after 19:00 UTC)", "if the incident was created on a weekend".
  const time = timeWindowOf(rest);
  if (time && 'condition' in time) add(time.phrase, time.condition);
  // "if it was junked": the mail the request is about, named in another clause.
  const found = DELIVERY_PHRASE.exec(rest);
  // "the URL and the sender's domain are blocked": what is blocked there is an IOC; a mail "is blocked" only when the mail is said so.
  const mailBlocked = !found || !/block|quarantin/i.test(found[0]) || /(?:e-?mails?|mails?|messages?|phish\w*|it|they)(?:\s+[\w'-]+){0,2}\s*$/i.test(rest.slice(0, found.index));
  const delivery = found && mailBlocked && (MAIL_CONTEXT.test(text) || (mailElsewhere && !/block|quarantin/i.test(found[0]))) ? found : null;
  if (delivery) {
    const word = delivery[3] ?? delivery[5] ?? delivery[6] ?? delivery[7] ?? delivery[8] ?? 'delivered';
    const denied = Boolean(delivery[2] ?? delivery[4]);
    add(delivery[0], { kind: 'mailDelivery', actions: [deliveryOf(word)] }, denied);
  }
  return { conditions, phrases, examples, rest };
}

