import { apiWords, fieldHeading } from './apiWords';
import { lateShapes, readAsides } from './asides';
import { resolveRunbookJumps } from './runbook';
import { courtesies, documentHeading, managerWhy, portedFrom, ruleTitle, ticketEnvelope } from './envelope';
import { opensWithCommentary } from './commentary';
import { pastedAlert } from './pastedAlert';
import { spokenInWords } from './spoken';
import { NARROWS, queryInWords, terseInWords } from './queryLike';
import { soarDialect } from './soar';
import { groupNamesInWords } from './groupNames';
import { verbLastInOrder } from './wordOrder';
import fs from 'node:fs';
import { distance } from 'fastest-levenshtein';
import wordListPath from 'word-list';
import { restateSoar } from './soar';
import { isRunbookLabel, restateStructured, saidAgain, stepReferences } from './structured';
import { canonicalTimes } from './timeWindow';
import { CODE_SWITCH, CODE_SWITCH_NEEDS_COMPANY, DOMAIN_WORDS, FUNCTION_WORDS, HARMLESS_WORDS, IOC_VALUE, KIND_OF_DEVICE, SHORTHAND, CONNECTIVES, correctionTargets } from './vocabulary';
import { TOPICS } from '../spec';

/** A word Rampart read as another (a typo or chat shorthand), shown on the card. */
export interface Correction {
  from: string;
  to: string;
  kind: 'typo' | 'shorthand';
}

/** The request as the grammar reads it, with what normalising changed or set aside. */
export interface NormalizedRequest {
  text: string;
  corrections: Correction[];
  /** Text addressed to the system (hidden comments, "SYSTEM:", "ignore previous instructions"): never a step. */
  ignored: string[];
  /** A request written as labelled lines ("Trigger: ... Actions: ..."), as the sentence it was read as. */
  restated?: string;
  /** Examples in brackets ("(mimikatz, lsass dumps etc)"): shown on the card, never a condition. */
  examples?: string[];
  /** A story told before the request ("So, having spent three weeks on a Qakbot case, ..."): shown, never a step or a case. */
  background?: string[];
  /** Sentences that ask for an analyst's approval before a step, which Rampart asks for before every destructive step. */
  approval?: string[];
  /** Sentences that say what a message or a comment holds ("The notification includes the incident title"): shown, never a condition. */
  content?: string[];
  /** The playbook's name said first ("Ransomware containment for Linux servers."): shown, its naming words not read as conditions. */
  title?: string;
  /** Who the request is for, said first by an MSSP analyst ("fabrikam tenant:", "northwind again -"): shown, never a condition. */
  addressee?: string;
}

/** "can u build", "could you please make": how a chat request to build something opens. */
const CAN_YOU_MAKE = String.raw`(?:can|could|would)\s+(?:you|u)\s+(?:please\s+|pls\s+)?(?:make|create|build|set\s+up|write|do|whip\s+up|knock\s+up|put\s+together|sort\s+out)`;

/** Words that name a part of one organisation: a request "for" it narrows to it, so it is never read as an addressee. */
const PART_OF_ORG = /\b(?:finance|financial|hr|human\s+resources|payroll|legal|sales|marketing|engineering|it|ops|operations|execs?|executives?|vips?|devs?|developers?|research|r&d|accounting|treasury|support|help\s*desk|management|board|team|teams|dept|department|group|division|unit|office|site|branch|lab|labs|prod|production|servers?|workstations?|laptops?|devices?|users?|accounts?)\b/i;

/**
 * "fabrikam tenant: if MDE ...", "northwind again - when ...", "customer Contoso: ...": an MSSP analyst says first whose
 * tenant the rule is for. Rampart serves one tenant, so the words narrow nothing within it; they are shown, not read as
 * a condition. Only a name with such a marker is taken: a bare "payroll:" or "finance wants this:" may name the incidents
 * the rule is for, and is left to the ledger.
 */
function addresseeOf(text: string): { addressee: string; rest: string } | undefined {
  const forms = [
    /^(?:for\s+)?(?:customer|client|tenant)\s+([\w&.-]+(?:\s+[\w&.-]+){0,3}?)\s*(?:\([^)]{0,40}\))?\s*(?::|\s[-\u2013]|,)\s+/i,
    /^(?:for\s+)?([\w&.-]+(?:\s+[\w&.-]+){0,3}?)(?:'s)?\s+(?:tenant|customer|client|environment)\s*(?:\([^)]{0,40}\))?\s*(?::|\s[-\u2013]|,)\s+/i,
    /^([\w&.-]+(?:\s+[\w&.-]+){0,3}?)\s+(?:again|(?:wants|needs|asked\s+for|asked\s+us\s+for|is\s+asking\s+for|requested)\s+this(?:\s+one)?(?:\s+(?:before|by|for|asap|today|tonight)\b[^:\u2013]{0,30}?)?)\s*(?::|\s[-\u2013]|,)\s+/i,
    // "quick one for northwind - ...", "iso rule for woodgrove: ...", "need an AV one for northwind: ...", "pls set up for tailspin:":
    // the rule, and whom it is for. (A word of time before the rule, "overnight thing for X", is a case: not taken.)
    /^(?:(?:pls|please|ok|so)\s+)?(?:(?:need|want|make|build|create|write)\s+)?(?:an?\s+|one\s+|this\s+|the\s+)?(?:(?!(?:overnight|night|nightly|daily|weekend|weekday|morning|evening|after-?hours|business-?hours|daytime|day)\b)[\w-]+\s+)?(?:one|rule|pb|playbook|thing|automation|matrix|runbook)\s+for\s+([\w&.-]+)(?:\s+(?:pls|please|again|too))?\s*(?::|\s[-\u2013]|,)\s+/i,
    /^(?:(?:pls|please)\s+)?(?:set\s+(?:this\s+|one\s+|it\s+)?up|build\s+(?:this|one|it))\s+for\s+([\w&.-]+)\s*(?::|\s[-\u2013]|,)\s+/i,
  ];
  // "all tenants: ...": every customer, which narrows nothing. (A customer's name alone, "northwind: ...", may name the
  // incidents: a customer's incidents carry its tag or its device groups. It is asked about.)
  const all = /^(?:all|every|any)\s+(?:tenants|customers|clients)\s*:\s+/i.exec(text);
  if (all) return { addressee: all[0].replace(/\s*:\s*$/, '').trim(), rest: text.slice(all[0].length) };
  // "Northwind wants every box in the X group with a high alert restricted": a customer (a capitalised name, not a
  // part of the organisation) who wants the rule; the rule is what follows.
  const wants = /^(?:[-\u2013]\s*)?([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2})\s+(?:wants|needs|would\s+like|has\s+asked\s+for|asked\s+for)\s+(?=(?:any|every|all|each)\s)/.exec(text);
  if (wants && !PART_OF_ORG.test(wants[1]) && !/^(?:I|We|They|He|She|It|This|That|MDE|MDO|MDI|SOC|Defender|Microsoft|Rampart|Legal|Finance|Management|Security)\b/.test(wants[1])) {
    return { addressee: wants[1], rest: text.slice(wants[0].length) };
  }
  for (const re of forms) {
    const m = re.exec(text);
    if (!m || PART_OF_ORG.test(m[1]) || /\b(?:if|when|on|for|all|any|every|each|the|isolate|block|scan|disable|high|medium|low|critical|sev)\b/i.test(m[1])) continue;
    return { addressee: m[0].replace(/\s*(?::|[-\u2013]|,)\s*$/, '').trim(), rest: text.slice(m[0].length) };
  }
  return undefined;
}

/** Text as a regular expression that matches it literally. */
/** A word that names a kind of alert ("ransomware", "credential theft"): what "C2 ips from ransomware alerts" is about. */
const KIND_OF_ALERT = new RegExp(`\\b(?:${Object.values(TOPICS).flatMap((t) => [...t.keywords]).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`, 'i');

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Hidden or system-addressed text: removed before planning and reported. */
const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
const SYSTEM_SENTENCE =
  /(?:^|(?<=[.!?;\n]))\s*[^.!?;\n]*?\b(?:system\s*:|assistant\s*:|developer\s*:|\[\/?(?:inst|system)\]|<\/?system>|ignore\s+(?:all\s+|any\s+|the\s+)?(?:previous|prior|above|earlier|preceding)\s+(?:instructions?|rules?|prompts?|messages?)|disregard\s+(?:all\s+|any\s+|the\s+)?(?:previous|prior|above|earlier|your)\s+\w+|you\s+are\s+now\b|new\s+instructions?\s*:|jailbreak|developer\s+mode|end\s+of\s+(?:the\s+)?(?:system|hidden|injected)\s+(?:message|prompt|instructions?))[^.!?\n]*[.!?]?/gi;

/** Punctuation Teams and phones produce, mapped to what the grammar expects. */
type Replacement = string | ((match: string, ...groups: string[]) => string);
const PUNCTUATION: Array<[RegExp, Replacement]> = [
  [/[\u2018\u2019\u201a\u201b\u2032]/g, "'"],
  [/[\u201c\u201d\u201e\u201f\u2033]/g, '"'],
  // "only if the risk is high \u2014 for medium, just post": a dash before a new case ends the sentence (as a comma, the
  // "only if" went to the case after it and the steps before ran on every level).
  [/\s*[\u2013\u2014\u2015]\s*(?=(?:for|if|when|whenever|otherwise|else|unless)\s)/gi, '. '],
  [/\s*[\u2014\u2015]\s*/g, ', '],
  [/(\w)\s*\u2013\s*(\w)/g, '$1 - $2'],
  [/\u2026/g, '...'],
  // "created b/w 22:00 and 06:00": between.
  [/\bb\/w\b/gi, 'between'],
  [/[\u00a0\u2000-\u200b\u202f\u205f\u3000]/g, ' '],
  // ("URL bad on VT ➡️ block it", "👉 post in teams": an arrow drawn as an emoji is an arrow.)
  [/\s*(?:->|=>|\u2192|\u21d2|-->|\u27a1\ufe0f?|\u{1f449}|\u23e9)\s*/gu, ' -> '],
  // Dictated requests (speech to text) spell out what a keyboard types: "virus total", "med dash something",
  // "ns-something" (a name pattern, not a device called that), "soc at contoso dot com", "one to for engines".
  [/\bvirus\s+total\b/gi, 'VirusTotal'],
  // "revoke there sessions", "reset there password": the homophone of "their" before what a person owns.
  [/\bthere(?=\s+(?:sign-?in\s+)?(?:sessions?|accounts?|accts?|passwords?|pw|creds?|credentials?|devices?|machines?|boxes|laptops?|tokens?|links?|e-?mails?|mailbox(?:es)?|inbox(?:es)?|managers?|sign-?ins?)\b)/gi, 'their'],
  [/\b([a-z][a-z0-9]*)\s+dash\s+(?:something|anything|whatever|star|wildcard|blah|x+)\b/gi, '$1-*'],
  [/\b([a-z]{1,6})\s+dash\s+(?=(?!(?:if|and|or|the|when|so|but|for|on|in|to|at|of|is|it|then|they)\b)(?:[a-z]{1,4}|\d+)\b)/gi, '$1-'],
  // "whose name starts with kiosk dash": the prefix, its dash spoken.
  [/\b(starts?|starting|begins?|beginning)\s+with\s+([a-z][\w]*)\s+dash\b/gi, '$1 with $2-'],
  [/\b([a-z][a-z0-9-]*)-(?:something|anything|whatever|blah|smth|xxx?)\b/gi, '$1-*'],
  // Host names written as a convention: "DAY-EWS-nn", "GDN-HMI-##", "xxx-HMI-nn" (a placeholder for a number or a site is
  // any text there), "DAY/MTY/GDN-EWS-nn" (one pattern per site), "(DAY-JMP / GDN-JMP / MTY-JMP)" (prefixes of names).
  [/\b([a-z][a-z0-9]*(?:-[a-z0-9]+)*)-(?:nnn?|##?#?)(?![\w#])/gi, '$1-*'],
  [/(?<![\w*.-])(?:xxx?|nnn?|##?#?|\?\?\??)-(?=[a-z][a-z0-9]*-)/gi, '*-'],
  [/\(\s*([A-Z]{2,6}-[A-Z]{2,6}(?:\s*[/,]\s*[A-Z]{2,6}-[A-Z]{2,6})+)\s*\)/g, (_m: string, list: string) => `(${list.split(/\s*[/,]\s*/).map((p) => `${p}-*`).join(' or ')})`],
  // "(the *-EWS-* machines at all three plants)": the pattern is what the bracket says.
  [/\(\s*(?:the\s+|our\s+)?([\w.*-]*\*[\w.*-]*)\s+(?:machines|boxes|hosts|devices|ones|pcs|computers|servers|workstations|laptops|endpoints)(?:\s+(?:at|in|across|on)\s+(?:all\s+)?(?:[\w-]+\s+)?(?:plants|sites|locations|offices|stores|branches|factories|hospitals|campuses|regions))?\s*\)/gi, '($1)'],
  [/(?<![\w-])([a-z]{2,6}(?:\s*\/\s*[a-z]{2,6})+)-((?:[a-z0-9]+-)*(?:[a-z0-9]+\*?|\*))(?![\w-])/gi, (_m: string, sites: string, rest: string) => sites.split(/\s*\/\s*/).map((site) => `${site}-${rest}`).join(' or ')],
  [/\b(one|two|three|four|five|six|seven|eight|nine|\d+)\s+to\s+for\b/gi, '$1 to four'],
  [/\b(?:to|too)(?=\s+or\s+more\s+(?:engines?|vendors?|detections?|hits?)\b)/gi, 'two'],
  [/\bfor(?=\s+or\s+more\s+(?:engines?|vendors?|detections?|hits?)\b)/gi, 'four'],
  // "≥15 mal", "≤ 4": the comparison in ASCII.
  [/\u2265\s*/g, '>= '],
  [/\u2264\s*/g, '<= '],
  // "alert w/ file -> VT lookup on the hash -> >= 15 mal -> quarantine": the look-up and its threshold are the step's test.
  [/\s*->\s*(?:vt|virus\s?total)\s+(?:lookup|look-?up|check|scan)\s+(?:on|of|for)\s+the\s+(hash|file|ip|url|domain|sha-?256|sha-?1)\s*->\s*>=\s*(\d+)\s*(?:mal(?:icious)?|engines?|detections?|hits?|vendors?)?\s*->\s*/gi, ', if VirusTotal flags the $1 with $2 or more engines, '],
  // "0: ignore | 1-4: teams msg | 5+: ...": a bar between cases ends one.
  [/\s+\|\s+(?=\S)/g, '. '],
  // "(osPlatform macOS)", "osPlatform WindowsServer*": Defender's field, said as the platform.
  [/\(?\s*\bos\s?platform\s*(?:=|:|is\s+)?\s*["']?windows\s?server\*?["']?\s*\)?/gi, ' Windows Server '],
  [/\(?\s*\bos\s?platform\s*(?:=|:|is\s+)?\s*["']?(macos|linux|windows(?:1[01])?)\*?["']?\s*\)?/gi, ' $1 '],
  [/\s+=\s+(?=(?:only\s+|just\s+)?(?:an?\s+)?(?:(?:av|antivirus|full|quick|investigation)\s+)*(?:isolate|disable|revoke|block|scan|run|collect|restrict|reset|confirm|quarantine|stop|tag|comment|close|resolve|assign|post|notify|email|mail|ping|alert|nothing|teams|do\s+nothing|no\s+action|leave|ignore|skip|add)\b)/gi, ' -> '],
];

/** Shorthand that needs context: "AV" is antivirus except as in "AV engines". */
/** What comes before a tag's name: "tagged ", "tag the incident ", "with the tag ". */
const TAG_NAME_BEFORE = /\b(?:tagged|labell?ed|(?:add\s+(?:the\s+)?)?tag(?:\s+(?:it|them|the\s+(?:incident|alert|case|device|machine|host)s?))?(?:\s+(?:as|with))?|with\s+(?:the\s+)?tag)\s+$/i;
const CONTEXT_SHORTHAND: Array<[RegExp, string]> = [
  // Chat from people whose first language drops the subject or says "more of" ("if is medium", "more of 10 engines"):
  // the subject is the case just named, "more of" is "more than".
  [/\b(if|when|unless)\s+is\b/gi, '$1 it is'],
  // "its marked High", "if it's rated medium": the severity.
  [/\b(it'?s|it\s+is|is|was|they'?re|are)\s+(?:marked|rated|flagged|classed|set|labell?ed)\s+(?:as\s+)?(?:only\s+)?(critical|high|medium|low|informational)\b(?!\s*(?:-|\s)\s*(?:risk|exposure|confidence))/gi, '$1 $2 severity'],
  // "if its only Medium then": the severity; "only" says which branch, not a limit on top of it.
  [/\b(if|when)\s+(it'?s|it\s+is|they'?re|they\s+are)\s+only\s+(?=(?:critical|high|medium|low|informational)\b)/gi, '$1 $2 '],
  // "an alert of high risk on a user" (Identity Protection's risk level): an alert of that severity.
  [/\ban?\s+alert\s+of\s+(high|medium|low)\s+risk\b/gi, 'a $1 severity alert'],
  [/\balerts\s+of\s+(high|medium|low)\s+risk\b/gi, '$1 severity alerts'],
  // "each time MDE raises ...": whenever.
  [/\b(?:each|every)\s+time\s+(?=(?:a|an|the|mde|mdi|mdo|mdca|defender|entra|identity|sentinel|it|there|there'?s|theres|we|someone|somebody|an?\s+\w+)\b)/gi, 'whenever '],
  // "if MDE pops mimikatz", "when entra idp screams about a user": the product raises an alert about it.
  [/\b(mde|mdi|mdo|mdca|mcas|defender(?:\s+for\s+(?:endpoint|identity|office(?:\s+365)?|cloud\s+apps))?|(?:entra\s+)?(?:id\s+)?(?:idp|identity\s+protection)|sentinel|the\s+edr|edr|the\s+av|av|antivirus)\s+(?:pops|screams\s+about|yells\s+about|shouts\s+about|freaks\s+out\s+(?:about|over)|squawks\s+about|fires\s+on|goes\s+off\s+(?:on|about))\b/gi, '$1 raises an alert about'],
  // "iso teh dev", "scan each dev": the device, after a device step ("dev" alone may be development).
  [/\b(iso|isolate|isolat|contain|quarantine|scan|restrict)\s+(the|teh|that|this|each|every|its|their)\s+devs?\b(?=\s*(?:[,.;:!?()+]|->|$|(?:and|if|when|unles{1,2}|too|now|asap|then|but|&)\b))/gi, '$1 $2 device'],
  // "take the box off the network", "yeet it off the net", "kick them off the lan": isolate them.
  [/\b(?:take|takes|kick|kicks|knock|knocks|pull|pulls|yank|yanks|yeet|yeets|boot|boots|throw|throws|rip|rips|cut|cuts|get|gets)\s+(it|them|(?:the|that|this|their|each|every|any|its)\s+(?:[\w-]+\s+)?(?:box|boxes|hosts?|machines?|devices?|laptops?|pcs?|computers?|endpoints?|workstations?|servers?))\s+(?:off|out)\s+(?:of\s+)?(?:the\s+)?(?:network|net|lan|internet|wifi|wire)\b/gi, 'isolate $1'],
  // "lock that persons account", "lock the acct": disable it (never "lock down" the apps, a restriction).
  [/\block\s+(?!down\b)(the|that|their|his|her|this|each|any|every)\s+(?:(?:user|users|person|persons|person's|user's|employee|employee's|victim's)\s+)?(accounts?|accts?)\b(?!\s+(?:lockout|policy|policies|threshold))/gi, 'disable $1 $2'],
  // "lock the person who got it out of their account", "dont lock them out": disable the account.
  [/\block(?:s|ed|ing)?\s+(them|him|her|the\s+(?:user|person|employee|victim|recipient)(?:\s+who\s+(?:got|clicked|opened|received)\s+(?:it|that|the\s+\w+))?)\s+out(?:\s+of\s+(?:their|his|her|the)\s+(?:accounts?|accts?|m365|o365|mailbox))?\b/gi, 'disable $1'],
  // "make them pick a new password next time they log in", "force them to change their password": a password reset.
  [/\b(?:make|have|get|force)\s+(?:them|him|her|the\s+users?|that\s+(?:user|person))\s+(?:to\s+)?(?:pick|choose|set|change|reset|create|make)\s+(?:a\s+new|their|his|her|the|new)\s+(?:password|pw|pwd)(?:\s+(?:the\s+)?next\s+time\s+(?:they|he|she)\s+(?:log|sign)s?\s*(?:in|on))?\b/gi, 'force a password reset'],
  // "kill all their sessions": revoke them.
  [/\bkill(?:s|ing)?\s+(all\s+)?(their|his|her|the|any|its)\s+(?:(?:active|sign-?in|login|open)\s+)?sessions\b/gi, 'revoke $1$2 sessions'],
  // "put that file on the blocked list", "add the hash to the deny list": block it.
  [/\b(?:put|place|stick|add)\s+(it|them|(?:the|that|this|those|these|its|their|every|all|any)\s+(?:bad\s+|malicious\s+)?(?:files?|hash(?:es)?|ips?|urls?|links?|domains?|iocs?|address(?:es)?|sites?|websites?))\s+(?:on|to|in)\s+(?:the\s+|a\s+|our\s+)?(?:block(?:ed)?|deny|denied|ban(?:ned)?|black)[- ]?list\b/gi, 'block $1'],
  // "burn the hash": block it.
  [/\bburn\s+(the|that|this|those|these|its|their|every|all|any)\s+(hash(?:es)?|ips?|urls?|domains?|iocs?|indicators?|sha-?(?:1|256)s?|md5s?)\b/gi, 'block $1 $2'],
  // "give the server team a shout in the channel", "get it dumped in the soc channel": a post there.
  [/\bgive\s+(?:me|us|the\s+[\w-]+(?:\s+team)?|[\w-]+)\s+a\s+(?:shout|shout-?out|heads[- ]up|ping|nudge)\s+(?:in|on)\s+(?=(?:the\s+|our\s+)?(?:soc\s+|sec\s+|security\s+)?(?:channel|teams|chat)\b)/gi, 'post in '],
  [/\b(?:gets?|is|be)\s+dumped\s+(?:in|into|to)\s+(?=(?:the\s+|our\s+)?(?:soc\s+|sec\s+|security\s+)?(?:channel|teams|chat)\b)/gi, 'gets posted in '],
  // "chuck the URL in as a block indicator", "chuck a full AV scan on", "chuck a comment on the incident", "flick an email to
  // the infra lads", "give the user a fresh password", "lock down app execution": the steps, as Australian chat says them.
  [/\bchuck\s+(it|them|(?:the|that|this|those|its|their)\s+(?:[\w-]+\s+)?(?:url|urls|link|links|hash(?:es)?|ips?|domains?|iocs?|indicators?))\s+in\s+as\s+(?:an?\s+)?block(?:ing)?\s+(?:indicator|ioc)s?\b/gi, 'block $1'],
  [/\b(?:chuck|whack|throw|slap|bung)\s+(?:a|an)\s+((?:full|quick)\s+)?(?:av\s+|antivirus\s+|virus\s+)?scan\s+on\s+(it|them|(?:the|that|each|every)\s+[\w-]+)/gi, 'run a $1antivirus scan on $2'],
  [/\b(?:chuck|whack|throw|slap|bung)\s+(?:a|an)\s+((?:full|quick)\s+)?(?:av\s+|antivirus\s+|virus\s+)?scan\s+on\b/gi, 'run a $1antivirus scan'],
  [/\b(?:chuck|whack|throw|slap|bung|drop)\s+a\s+(comment|note)\s+(?:on|in)\s+(?=(?:the|that|this)\s+incident\b)/gi, 'add a $1 to '],
  [/\bflick\s+(an?\s+)?(e-?mail|mail|msg|message|note)\s+(?=to\b)/gi, 'send $1$2 '],
  [/\bgive\s+(the\s+user|them|him|her|that\s+user)\s+a\s+(?:fresh|new)\s+(?:password|pw|pwd)\b/gi, 'reset the password of $1'],
  [/\block\s+down\s+(?=(?:app(?:lication)?|code)\s+execution\b)/gi, 'restrict '],
  [/\bgrab\s+(an?\s+|the\s+)?(investigation\s+)?(package|pkg)\s+off\s+(?=(?:the|that|this|each|every|its|their)\s+)/gi, 'collect $1investigation $3 from '],
  // "never ever touch", "no worries if this one's a big ask", ", full stop", ", standard drill", ", not our patch": emphasis
  // and courtesies around what is asked.
  [/\bnever\s+(?:ever\s+)+/gi, 'never '],
  [/(^|[,.;:!?]\s*)no\s+worries(?:\s+if\s+[^,.;:!?\n]{2,60}?(?=[,.;:!?\n]|$))?\s*[,.:!]*\s*/gi, '$1'],
  [/\s*,?\s*\b(?:full\s+stop|period|end\s+of\s+story)\b\s*[-\u2013\u2014]\s*(?=[a-z])/gi, '. '],
  [/\s*,?\s*\b(?:full\s+stop|period|end\s+of\s+story)\b\s*(?=[,.;!]|$)/gi, ''],
  [/\s*,\s*(?:(?:the\s+)?(?:standard|usual|normal)\s+(?:drill|procedure|stuff|practice)|not\s+our\s+(?:patch|problem|circus|job|area|department))(?=\s*(?:[.;!?]|$))/gi, ''],
  [/,?\s*(?:and\s+)?that\s+sort(?:a|\s+of)\s+(?:thing|stuff)(?=\s*\))/gi, ', etc'],
  // "the alert's from antivirus", "the link's fine": "is", not a possessive.
  [/\b(alert|incident|device|box|machine|host|user|account|link|url|hash|file|ip|domain|severity|sev)'s\s+(?=(?:from|on|in|an?|the|not|tagged|named|running|high|medium|low|informational|critical|fine|clean|bad|malicious|sus|suspicious|flagged|over|under|above|below|already|also|still)\b)/gi, '$1 is '],
  // "the same incident's also got a ransomware alert": has.
  [/\b(?:the\s+same\s+|the\s+|that\s+)(incident|alert|device|box|machine|user)(?:'s|\s+has)\s+(also\s+)?got\b/gi, 'the $1 $2has'],
  // "just isolate the thing": the device.
  [/\b(isolate|scan|contain|restrict\s+app\s+execution\s+on)\s+the\s+thing\b/gi, '$1 the device'],
  // "isle late it", "ice o late the box": isolate, as voice typing hears it.
  [/\b(?:isle|aisle|ice|eyes)\s*-?\s*(?:o\s+)?late\b/gi, 'isolate'],
  // "work stations", "lap tops", "pass word": a compound a phone's keyboard split in two.
  [/\b(work)\s+(stations?)\b/gi, '$1$2'],
  [/\b(lap)\s+(tops?)\b/gi, '$1$2'],
  [/\b(pass)\s+(words?)\b/gi, '$1$2'],
  [/\b(mal|ransom)\s+(ware)\b/gi, '$1$2'],
  [/\b(end)\s+(points)\b/gi, '$1$2'],
  // "phish w a link", "email me w the details": with.
  [/(?<![\w/@.-])w\s+(?=(?:a|an|the|no|any|its|their|high|medium|low)\b)/gi, 'with '],
  // "resolved w classification ...", "comment w details": a lower-case "w" between two words in chat is "with".
  [/(?<=[a-z]\s+)w\s+(?=[a-z][a-z-]*\b(?!:))/g, 'with '],
  // "if u see the VIP tag on an incident": the incident is tagged VIP.
  [/\bif\s+(?:you|u)\s+see\s+(?:the\s+|a\s+)?["']?([\w-]+)["']?\s+tag\s+on\s+(?:an?|the)\s+incident\b/gi, 'if the incident is tagged $1'],
  // "nothing for us to block", "nothing to isolate here": that step is not done (read as the step itself, it blocked).
  [/\b(?:there\s+is\s+|there'?s\s+|theres\s+)?nothing\s+(?:to|for\s+(?:us|you)\s+to)\s+(block|isolate|quarantine|disable|reset|revoke|restrict|contain|scan|close|resolve)\b/gi, "don't $1"],
  // "unless their in the Break Glass group": they are.
  [/\btheir\s+(?=in\s+(?:the\s+)?["']?[\w&.-]+(?:\s+[\w&.-]+){0,2}["']?\s+(?:group|grp)\b)/gi, 'they are '],
  [/(?<=\b(?:if|unless|when|whether)\s+)there\s+(?=in\s+(?:the\s+)?["']?[\w&.-]+(?:\s+[\w&.-]+){0,2}["']?\s+(?:group|grp)\b)/gi, 'they are '],
  // "quack scan", "full scam": a phone's autocorrect of "quick scan" and "full scan".
  [/\bquack\s+(?=scan\b)/gi, 'quick '],
  [/\b(full|quick|av|antivirus|virus)\s+scam(s?)\b/gi, '$1 scan$2'],
  // "the full virus check", "a quick virus scan": the antivirus scan.
  [/\b(?:(full|quick)\s+)?virus\s+(?:check|scan|sweep)(?:s|ing)?\b/gi, '$1 antivirus scan'],
  // "the microsoft security thing", "the security system": Defender, which raises every incident Rampart sees.
  [/\bthe\s+(?:microsoft\s+)?security\s+(?:thing|system|tool|software|app|portal|stuff)\b/gi, 'Defender'],
  // "flags one of the laptops", "a bad file on a laptop": a laptop is a workstation to Defender, which reports no form
  // factor; read so, servers stay out, and the card says how it was read. ("only laptops", a limit of their own, is asked.)
  [/(?<!\bonly\s+(?:on\s+)?)\b(?:one\s+of\s+(?:the|our|ur)\s+laptops|an?\s+laptop)\b(?!\s*(?:or|and|\/|,)\s*(?:an?\s+)?(?:desktop|pc|workstation|server)s?\b)/gi, 'a workstation'],
  // "isola full the machine": the kind before the object, as "full isolate the machine".
  [/\b([a-z]{4,})\s+(full|fully|selective|selectively)\s+(?=the\s+(?:machine|device|host|box|endpoint|computer|pc|laptop)s?\b)/gi, '$2 $1 '],
  // "if the guy is in group X": the user.
  [/\bthe\s+(?:guy|dude|fella|person)\b/gi, 'the user'],
  // "dont touch in the account", "dont make nothing in the devices": the account; nothing at all.
  [/\btouch\s+in\s+(?=(?:the|his|her|their|its)\b)/gi, 'touch '],
  [/\b(?:do\s+not|don'?t|dont)\s+(?:make|do)\s+nothing\b/gi, 'do nothing'],
  // "if VT dont know the url (not found)": VirusTotal has no record of it.
  [/\b(?:virustotal|vt)\s+(?:dont|doesn'?t|does\s+not|do\s+not)\s+know\s+(?:the\s+|this\s+|that\s+)?(url|hash|ip|domain|file)s?\b(?:\s*\(\s*not\s+found\s*\))?/gi, 'the $1 is unknown to VirusTotal'],
  [/\b(?:virustotal|vt)\s+(?:dont|doesn'?t|does\s+not|do\s+not)\s+know\s+(?:it|them)\b(?:\s*\(\s*not\s+found\s*\))?(?=\s*(?:->|=>|[,.;:]|$))/gi, 'it is unknown to VirusTotal'],
  // "other titles nothing for now": the other side does nothing.
  [/\bother\s+(?:titles|alerts|incidents|cases|severities|ones)\s*[:,-]?\s*(?:->\s*)?nothing(?:\s+for\s+now)?\b/gi, 'otherwise do nothing'],
  // ", eventually i ask more things": a note that more requests may come; it narrows nothing.
  [/[,.]?\s*(?:eventually|later|maybe\s+later|in\s+the\s+future)\s*,?\s+i(?:'ll|\s+will)?\s+(?:ask|add|request|send)\s+(?:for\s+)?(?:more|other)\s+(?:things|stuff|steps|rules|automations?)\b/gi, ''],
  // "iso teh dev", "any other dev -> scan", "dev tagged kiosk": a device, in a night shift's shorthand ("the dev servers",
  // "dev boxes", "the dev team" are the development ones, and "devs" are developers).
  [/\b(the|teh|that|this|each|every|any|other|a|per|its|their|affected|same|one|on)\s+dev(?=\s*(?:$|[.,;:!?()]|->|=>|\+|\/)|\s+(?:tagged|in|on|with|of|from|and|or|if|when|is|has|gets?|only|too|also|that|which|where|unless|but|then|first|itself|w|asap|now|immediately|right|pls|please|tho|though)\b)/gi, '$1 device'],
  [/(^|[.;:!?,]\s*|->\s*|\n\s*)dev\s+(?=tagged\b|with\s+(?:the\s+)?tag\b)/gi, '$1device '],
  // "if the device risk score is High, collect ...; if it's Medium or lower, scan": "it" is the risk score said before,
  // not the alert's severity.
  [/(\b(?:device\s+|machine\s+)?risk\s+(?:score|level)\s+is\s+(?:none|low|medium|high)\b[^.;!?\n]{0,120}?[,;.]\s*(?:and\s+|but\s+)?)(if|when)\s+(?:it'?s|it\s+is|its)\s+(?=(?:none|low|medium|high)\b)/gi, '$1$2 the device risk score is '],
  // "the workstations get X and the servers get Y": two clauses, one per kind (joined, "isolate the workstations and the
  // servers" had isolated both).
  [/\s+and\s+((?:the\s+)?(?:workstations|servers|laptops|desktops|dcs|domain\s+controllers|macs|linux\s+(?:boxes|hosts|servers))\s+(?:get|should\s+get|will\s+get|must\s+get)\s+)/gi, '; $1'],
  // "only the ones where one of the users is in the VIP group I mean": only when a user of theirs is in that group.
  [/\b(?:but\s+)?only\s+(?:for\s+)?(?:the\s+ones|those(?:\s+incidents|\s+alerts)?|the\s+incidents|the\s+alerts)\s+where\s+(?:one\s+of\s+the\s+users|a\s+user|any\s+user|some\s+user|one\s+user)\s+is\s+(?:in|a\s+member\s+of|part\s+of)\s+(?:the\s+)?["']?([A-Za-z][\w&.-]*(?:\s+[A-Za-z][\w&.-]*){0,3}?)["']?\s+(?:entra\s+(?:id\s+)?)?group\b(?:\s*,?\s*i\s+mean\b)?/gi, "only if a user is in the '$1' group"],
  // "any dev -> quick scan", "every box: isolate": the step on every device (of the case said before).
  [/(^|[.;:]\s*)(?:any|every|each|all)\s+(?:devices?|machines?|hosts?|boxes|box|endpoints?)\s*(?:->|=>|:)\s*/gi, '$1for every device, '],
  // "workstations get selective isolation", "servers get isolated fully": the kind of isolation said after the devices.
  [/\b((?:the\s+)?(?:workstations|servers|laptops|desktops|devices|machines|hosts|endpoints|boxes))\s+(?:get|should\s+get|will\s+get|must\s+get|are|should\s+be|must\s+be|are\s+to\s+be|will\s+be)\s+(?:selective\s+isolation|selectively\s+isolated|isolated\s+selectively)\b/gi, 'selectively isolate $1'],
  [/\b((?:the\s+)?(?:workstations|servers|laptops|desktops|devices|machines|hosts|endpoints|boxes))\s+(?:get|should\s+get|will\s+get|must\s+get|are|should\s+be|must\s+be|are\s+to\s+be|will\s+be)\s+(?:full\s+isolation|fully\s+isolated|isolated\s+fully)\b/gi, 'fully isolate $1'],
  [/\bav\b(?!\s*(?:engines?|vendors?|detections?|scanners?|hits?))/gi, 'antivirus'],
  [/\boperating\s+systems?\b/gi, 'OS'],
  [/\bmvmt\b/gi, 'movement'],
  // "false pos": a false positive; "POS" alone is a point-of-sale terminal (a till), never shorthand.
  [/\b(true|false)\s+pos\b/gi, '$1 positive'],
  // "rev sessions": revoke them ("rev shell" is a reverse shell).
  [/\brev\s+(?=(?:the\s+|their\s+|all\s+|any\s+)?(?:sign-?in\s+)?(?:sessions?|tokens?)\b)/gi, 'revoke '],
  [/\b(?:mitre\s+)?att&ck\b/gi, 'MITRE'],
  [/\blmk\b/gi, 'notify me'],
  // "its hashes r malicious", "if they r in X": chat's "are", between a noun or pronoun and what it is.
  [/(?<=\b(?:it|its|they|these|those|hashes|ips|urls|domains|files|users|accounts|devices|hosts|boxes|machines|ones|they)\s)r(?=\s+(?:malicious|bad|clean|flagged|in|on|not|known|unknown|tagged|servers?|workstations?|dcs?|admins?|vips?)\b)/gi, 'are'],
  [/\blet\s+me\s+know\b/gi, 'notify me'],
  // "alert cat Ransomware", "cat DefenseEvasion": the category; "VT mal count", "mal score": the engines that say malicious.
  [/\b(alert\s+|mde\s+)cat\b(?=\s+[a-z])/gi, '$1category'],
  [/(?<=\(\s*)cat\b(?=\s+[A-Z])/g, 'category'],
  [/\bmal(?:icious)?\s+(?:count|score)\s+(?=of\s+(?:the\s+|each\s+|a\s+)?(?:hash|file|ip|url|domain|ioc)s?\b)/gi, 'malicious detections '],
  [/\bmal\s+(?:count|score)\b/gi, 'malicious detections'],
  // "teams ping only", "a quick teams ping": a message in Teams.
  [/\bteams\s+(?:ping|pings|heads[- ]up|shout|nudge)\b/gi, 'teams message'],
  [/\bw\/o\b/gi, 'without'],
  [/\bw\//gi, 'with '],
  [/\bb\/c\b/gi, 'because'],
  [/\bsev\b(?!\s*[0-4]\b)/gi, 'severity'],
  // "med" on its own is the severity ("scan it if med"); a host name such as med-ws-01 is left alone.
  [/(?<![\w-])med(?![\w-])/gi, 'medium'],
  // "isolate ws-01 if it shows up in any incident": the device is in the incident, which is what the step acts on.
  [/\b(?:if|when|whenever|once)\s+(?:it|they|he|she|that\s+(?:device|host|machine|box|user|account)|the\s+(?:device|host|machine|box|user|account)e?s?|[\w.+'-]+@[\w-]+(?:\.[\w-]+)+)\s*(?:shows?\s+up|appears?|is\s+seen|turns?\s+up|pops?\s+up|is\s+involved|comes?\s+up|(?:is|are|'re|'s)\s+(?:a\s+)?part\s+of|(?:are|'re)\s+involved|(?:is|are|'re|'s)\s+in)\s+(?:in\s+)?(?=(?:an?|any|the|some)\s+(?:[\w-]+\s+){0,3}?(?:incidents?|alerts?)\b(?!\s+titles?))/gi, 'on '],
  // "isolate the hosts but not on low incidents", "..., not for low sev": the steps skip that severity.
  [/,?\s+(?:but\s+)?not\s+(?:on\s+|for\s+|in\s+|with\s+)?(?:the\s+|any\s+)?(low|informational|info|medium|high)(?:\s+(?:severity|sev))?(?:\s+(?:ones|incidents?|alerts?|cases?))?(?=\s*(?:[.;,!]|$|\band\b))/gi, ', unless the severity is $1'],
  // "..., ignore low": the steps skip low-severity cases.
  [/(^|[,;]\s*|\band\s+)(?:just\s+)?(?:ignore|skip)\s+(?:the\s+|any\s+|all\s+)?(low|informational|info|medium)(?:s|\s+ones|\s+(?:severity|sev)(?:\s+ones)?|\s+alerts?|\s+incidents?)?(?=\s*(?:[,;.!]|$))/gi, '$1unless the severity is $2'],
  // "if any (of them) is flagged malicious", "if none matches": the things just checked, and the other side of that test.
  [/\b(if|when)\s+any(?:\s+(?:of\s+(?:them|those|these)|one))?\s+(?:is|are|was|were|gets?|comes?\s+back)\s+(?=(?:reported\s+|flagged\s+|found\s+|deemed\s+|rated\s+|marked\s+|as\s+)*(?:malicious|bad|dirty|suspicious|flagged|known[- ]bad)\b)/gi, '$1 they are '],
  // "when none has a malicious detection", "if VT flags nothing", "if nothing is flagged": no IOC is malicious. Read as a
  // verdict without its "none", it had closed flagged incidents as false positives.
  // "if none of the ips is malicious", "if no address is flagged": the kind said stays (a block of "the ones" read
  // as every kind of IOC had followed it).
  [/\b(if|when|where|whenever)\s+(?:none\s+of\s+the|no)\s+(?:ips?|ip\s+address(?:es)?|address(?:es)?)\s+(?:has|have|gets?|got|shows?|returns?|is|are|was|were|comes?\s+back(?:\s+(?:as|with))?)\s+(?:an?\s+|any\s+|a\s+single\s+|even\s+one\s+)?(?:(?:malicious|bad|positive)\s+(?:detections?|verdicts?|hits?|results?|engines?)|malicious|flagged|bad|dirty|detected)\b(?:\s+(?:on|by|in)\s+(?:virus\s?total|vt))?/gi, '$1 no ip is malicious'],
  [/\b(if|when|where|whenever)\s+(?:none\s+of\s+the|no)\s+(?:hash(?:es)?|file\s+hash(?:es)?|files?)\s+(?:has|have|gets?|got|shows?|returns?|is|are|was|were|comes?\s+back(?:\s+(?:as|with))?)\s+(?:an?\s+|any\s+|a\s+single\s+|even\s+one\s+)?(?:(?:malicious|bad|positive)\s+(?:detections?|verdicts?|hits?|results?|engines?)|malicious|flagged|bad|dirty|detected)\b(?:\s+(?:on|by|in)\s+(?:virus\s?total|vt))?/gi, '$1 no file hash is malicious'],
  [/\b(if|when|where|whenever)\s+(?:none\s+of\s+the|no)\s+(?:urls?|links?)\s+(?:has|have|gets?|got|shows?|returns?|is|are|was|were|comes?\s+back(?:\s+(?:as|with))?)\s+(?:an?\s+|any\s+|a\s+single\s+|even\s+one\s+)?(?:(?:malicious|bad|positive)\s+(?:detections?|verdicts?|hits?|results?|engines?)|malicious|flagged|bad|dirty|detected)\b(?:\s+(?:on|by|in)\s+(?:virus\s?total|vt))?/gi, '$1 no url is malicious'],
  [/\b(if|when|where|whenever)\s+(?:none\s+of\s+the|no)\s+domains?\s+(?:has|have|gets?|got|shows?|returns?|is|are|was|were|comes?\s+back(?:\s+(?:as|with))?)\s+(?:an?\s+|any\s+|a\s+single\s+|even\s+one\s+)?(?:(?:malicious|bad|positive)\s+(?:detections?|verdicts?|hits?|results?|engines?)|malicious|flagged|bad|dirty|detected)\b(?:\s+(?:on|by|in)\s+(?:virus\s?total|vt))?/gi, '$1 no domain is malicious'],
  [/\b(if|when|where|whenever)\s+(?:none(?:\s+of\s+(?:them|those|these|the\s+[\w-]+))?|nothing|not\s+one(?:\s+of\s+them)?)\s+(?:has|have|gets?|got|shows?|returns?|is|are|was|were|comes?\s+back(?:\s+(?:as|with))?)\s+(?:an?\s+|any\s+|a\s+single\s+|even\s+one\s+)?(?:(?:malicious|bad|positive)\s+(?:detections?|verdicts?|hits?|results?|engines?)|malicious|flagged|bad|dirty|detected)\b(?:\s+(?:on|by|in)\s+(?:virus\s?total|vt))?/gi, '$1 no IOC is malicious'],
  [/\b(if|when|where|whenever)\s+(?:virus\s?total|vt)\s+(?:flags|finds|reports|returns|shows|says|has)\s+(?:nothing|none(?:\s+of\s+(?:them|those|these))?|no\s+(?:detections?|hits?|malicious\s+verdicts?))\b(?!\s+(?:on|for|about|in)\s+(?:the|that|this|its|their)\s)/gi, '$1 no IOC is malicious'],
  [/\b(if|when|where|whenever)\s+nothing\s+(?:is|gets|was|got)\s+(?:flagged|detected|found)(?:\s+(?:on|by|in)\s+(?:virus\s?total|vt))?/gi, '$1 no IOC is malicious'],
  // "When no hash meets the threshold", "where all URLs are below the threshold": the other side of the test before.
  [/(^|[.;]\s*)(?:if|when|where|whenever)\s+(?:no|none\s+of\s+the)\s+(?:file\s+)?(?:hash(?:es)?|files?|ips?|ip\s+address(?:es)?|urls?|domains?|indicators?|iocs?)\s+(?:meets?|reach(?:es)?|exceeds?|pass(?:es)?|cross(?:es)?|hits?)\s+(?:the|that|this)\s+(?:threshold|limit|bar)\s*,?\s*/gi, '$1otherwise, '],
  [/(^|[.;]\s*)(?:if|when|where|whenever)\s+(?:all|every)\s+(?:the\s+)?(?:file\s+)?(?:hash(?:es)?|files?|ips?|ip\s+address(?:es)?|urls?|domains?|indicators?|iocs?)\s+(?:are|is|come\s+back|comes\s+back)\s+(?:below|under)\s+(?:the|that|this)\s+threshold\s*,?\s*/gi, '$1otherwise, '],
  [/(^|[.;]\s*|,\s*)(?:and\s+)?if\s+none(?:\s+of\s+(?:them|those|these))?(?:\s+(?:is|are|was|were)(?:\s+(?:flagged|malicious|bad|reported|found))*|\s+(?:match(?:es)?|hits?|qualif(?:y|ies)|does|do))?\s*(?=,|$|[.;]|\s+(?:then\s+)?[a-z])/gi, '$1otherwise'],
  [/\b(app|apps|application|code)\s+exec\b/gi, '$1 execution'],
  [/\b(?:smth|sth|smthg|somethin)\b/gi, 'something'],
  // "one of our peeps": people, the users.
  [/\bpeeps\b/gi, 'users'],
  // "sign ins", "log ins": the sign-ins.
  [/\b(sign|log)\s+(ins|ons)\b/gi, '$1-$2'],
  // "low/info", "url/ip": either.
  [/\b(critical|high|medium|med|low|info|informational|urls?|ips?|hash(?:es)?|domains?|files?|windows|linux|mac|macos|servers?|workstations?|laptops?)\/(?=(?:critical|high|medium|med|low|info|informational|urls?|ips?|hash(?:es)?|domains?|files?|windows|linux|mac|macos|servers?|workstations?|laptops?)\b)/gi, '$1 or '],
];
/** "isolate + block", "tag & email": both steps. */
const SYMBOLS: Array<[RegExp, string]> = [
  [/(\w)\s+\+\s+(?=[a-z])/gi, '$1 and '],
  // ("tag it vt-suspicious + comment": after a name kept as written, the "+" starts the next piece of text.)
  [/^(\s+)\+\s+(?=[a-z])/gi, '$1and '],
  [/\s&\s/g, ' and '],
  // "stop+quarantine", "isolate+block": both steps, written without spaces.
  [/\b(stop|kill|isolate|contain|block|scan|tag|reset|revoke|disable|collect|restrict|quarantine)\+(?=[a-z])/gi, '$1 and '],
];

/** "lo/info ignore", "low + info: skip": the lower severities get nothing ("low: nothing, <why>" is read where it stands). */
function lowerSeveritiesIgnored(text: string): string {
  return text.replace(/(^|[.;,]\s*)((?:lo|low|info|informational)(?:\s*(?:\/|,|\+|&|\band\b|\bor\b)\s*(?:lo|low|info|informational))*)\s*(?:alerts?|incidents?|sev(?:erity)?)?\s*(?:->|=>|:|=|-)?\s*(?:ignore|skip|leave(?:\s+(?:them|it))?(?:\s+alone)?|no\s+action)\b\.?(?=\s*(?:[.;!?\n]|$))/gi,
    (_m: string, lead: string, sevs: string) => `${lead}${sevs.replace(/\blo\b/gi, 'low').replace(/\binfo\b/gi, 'informational').replace(/\s*(?:\/|,|\+|&)\s*/g, ' and ')} alerts: do nothing.`);
}

const TOKEN = /\p{L}[\p{L}'-]*\p{L}|\p{L}/gu;
const TARGETS = correctionTargets();
const CONNECTIVE_TARGETS = new Set(CONNECTIVES);

/** Whether the grammar, the vocabulary or the shorthand table knows a word. */
export function known(word: string): boolean {
  const w = word.toLowerCase();
  return FUNCTION_WORDS.has(w) || DOMAIN_WORDS.has(w) || HARMLESS_WORDS.has(w) || SHORTHAND[w] !== undefined || lemmaKnown(w);
}

/** Plural / verb forms of a known word ("blocks", "isolated", "servers'") count as known. */
export function lemmaKnown(w: string): boolean {
  for (const suffix of ["'s", "s'", 's', 'es', 'ed', 'd', 'ing', 'ly', 'ation', 'ies', 'ied']) {
    if (w.length > suffix.length + 2 && w.endsWith(suffix)) {
      const stem = w.slice(0, -suffix.length);
      // "flagging" -> "flag", "flagged" -> "flag", "notifies" -> "notify".
      const stems = [stem, `${stem}e`, `${stem}y`, /([b-df-hj-np-tv-z])\1$/.test(stem) ? stem.slice(0, -1) : stem];
      if (stems.some((x) => FUNCTION_WORDS.has(x) || DOMAIN_WORDS.has(x) || HARMLESS_WORDS.has(x))) return true;
    }
  }
  return false;
}

let english: ReadonlySet<string> | undefined;
/** English words (the word-list package): a real word is never "corrected" into another ("production" is not "protection"). */
function isEnglishWord(w: string): boolean {
  english ??= new Set(fs.readFileSync(wordListPath, 'utf8').split('\n'));
  return english.has(w);
}

function isTransposition(a: string, b: string): boolean {
  const diff = [...a].map((c, i) => (c === b[i] ? -1 : i)).filter((i) => i >= 0);
  return diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
}

/**
 * "isola the machine", "isol it", "quarant the file": an action verb cut short (or said as another language's stem), before
 * what it acts on. Only a start of exactly one verb, at least four letters and most of the verb, no English word.
 */
function truncatedVerb(word: string, after: string): string | undefined {
  const w = word.toLowerCase();
  if (w.length < 4 || /[^a-z]/.test(w) || isEnglishWord(w)) return undefined;
  if (!/^\s+(?:(?:full|fully|selective|selectively)\s+)?(?:the|it|them|this|that|those|these|all|every|each|his|her|their|its|a|an|one)\b/i.test(after)) return undefined;
  const verbs = ACTION_VERBS.filter((v) => v.startsWith(w) && v.length - w.length <= 3 && w.length * 3 >= v.length * 2);
  return verbs.length === 1 ? verbs[0] : undefined;
}

/** The closest grammar word to a misspelt one, when exactly one is close enough and the word is no English word. */
function typoTarget(word: string): string | undefined {
  const w = word.toLowerCase();
  if (w.length < 4 || /[^a-z]/.test(w) || isEnglishWord(w)) return undefined;
  const budget = w.length >= 7 ? 2 : 1;
  let closest: string[] = [];
  let bestDistance = budget + 1;
  for (const t of TARGETS) {
    if (Math.abs(t.length - w.length) > budget) continue;
    // Two letters swapped ("hgih", "isloate") count as one edit.
    const d = t.length === w.length && isTransposition(w, t) ? 1 : distance(w, t);
    if (d < bestDistance) {
      closest = [t];
      bestDistance = d;
    } else if (d === bestDistance && !closest.includes(t)) closest.push(t);
  }
  if (bestDistance > budget) return undefined;
  // "asign" is one edit from "assign" and from "sign": a typo rarely loses the first letter, so the one that keeps it wins.
  const kept = closest.length > 1 ? closest.filter((t) => t[0] === w[0]) : closest;
  // "exept" is one edit from "except" and from "exempt": a word of the grammar's joints is the likelier.
  const joints = kept.length > 1 ? kept.filter((t) => CONNECTIVE_TARGETS.has(t)) : kept;
  return kept.length === 1 ? kept[0] : joints.length === 1 ? joints[0] : undefined;
}

/** Spans the normaliser must leave alone: quoted literals, e-mail addresses, URLs, hashes, host names. */
const LITERAL = /"[^"]*"|(?<!\w)'[^'\s][^']*'(?!\w)|[\w.+'-]+@[\w-]+(?:\.[\w-]+)+|\bhttps?:\/\/\S+|\b[0-9a-f]{32,64}\b|\b[\w-]*\d[\w-]*\b|\b\w+(?:-\w+)+\*?|\S*\*\S*/gi;

function mapOutsideLiterals(text: string, fn: (chunk: string) => string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(LITERAL)) {
    out += fn(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + fn(text.slice(last));
}

const CODE_SWITCH_PHRASES = Object.keys(CODE_SWITCH).filter((k) => k.includes(' ')).sort((a, b) => b.length - a.length);
const CODE_SWITCH_WORD = /[A-Za-z\u00c0-\u00ff]+/g;
const CODE_SWITCH_PHRASE = new RegExp(String.raw`(?<![\w\u00c0-\u00ff])(?:${CODE_SWITCH_PHRASES.map(escapeRegExp).join('|')})(?![\w\u00c0-\u00ff])`, 'gi');

/**
 * "isolate the equipo complete", "severidad media o alta", "If is clean nada": Spanish or Portuguese words left in an English
 * request, read as the English they stand for. A short or English-looking word ("de", "o", "media")
 * is read only beside one that is surely foreign, so "media" in "removable media" stays English.
 */
function codeSwitched(input: string, corrections: Correction[]): string {
  const switched = mapOutsideLiterals(input, (chunk) => {
    let c = chunk.replace(CODE_SWITCH_PHRASE, (m) => {
      const to = CODE_SWITCH[m.toLowerCase()];
      corrections.push({ from: m, to, kind: 'shorthand' });
      return to;
    });
    const words = [...c.matchAll(CODE_SWITCH_WORD)];
    const isForeign = words.map((w) => CODE_SWITCH[w[0].toLowerCase()] !== undefined && !CODE_SWITCH_NEEDS_COMPANY.has(w[0].toLowerCase()));
    // A word that needs company is read when a neighbour is read, so "de severidad media o alta" is read from "severidad" out.
    for (let changed = true; changed; ) {
      changed = false;
      words.forEach((w, i) => {
        if (isForeign[i] || !CODE_SWITCH_NEEDS_COMPANY.has(w[0].toLowerCase())) return;
        const between = (a: number, b: number) => /^[\s,]*$/.test(c.slice(words[a].index + words[a][0].length, words[b].index));
        if ((i > 0 && isForeign[i - 1] && between(i - 1, i)) || (i + 1 < words.length && isForeign[i + 1] && between(i, i + 1))) {
          isForeign[i] = true;
          changed = true;
        }
      });
    }
    for (let i = words.length - 1; i >= 0; i--) {
      if (!isForeign[i]) continue;
      const w = words[i];
      const to = CODE_SWITCH[w[0].toLowerCase()];
      corrections.push({ from: w[0], to, kind: 'shorthand' });
      c = c.slice(0, w.index) + to + c.slice(w.index + w[0].length);
    }
    return c;
  });
  return switched;
}

const SECOND_LANGUAGE_VERB = String.raw`(?:isolate|block|disable|reset|revoke|scan|restrict|quarantine|collect|close|tag|comment|assign|notify|post|send|email|mail|launch|run|confirm|dismiss|contain)`;
const SECOND_LANGUAGE_LEVELS = String.raw`(?:critical|high|medium|low|informational)(?:\s*(?:,|\bor\b|\band\b|\/)\s*(?:critical|high|medium|low|informational))*`;

/** "and after launch a scan": then. */
const THEN_AFTER = new RegExp(String.raw`\b(and\s+|,\s*)?after\s+(?=(?:${SECOND_LANGUAGE_VERB}|put|add|write|leave)\s+(?:an?|the|one|them|it|its|their|all|every|each)\b)`, 'gi');
/** "alerts of severity medium or high": the severity before the noun. */
const SEVERITY_AFTER_NOUN = new RegExp(String.raw`\b(alerts?|incidents?)\s+(?:of|with|de)\s+(?:the\s+)?(?:severity|sev)\s+(${SECOND_LANGUAGE_LEVELS}(?:\s+or\s+(?:higher|above|more)|\s+and\s+(?:up|above|higher))?)\b`, 'gi');
/** "never isolate nothing": a double negative. */
const NEGATIVE_CONCORD = new RegExp(String.raw`\b(never|dont|don'?t|do\s+not)\s+(${SECOND_LANGUAGE_VERB})\s+(?:nothing|nobody|no\s+one)\b`, 'gi');

/**
 * English as Spanish, Portuguese or Italian shape it: "when arrives an incident of X", "and after launch a scan", "a
 * complete scan of antivirus", "the user is not of the group G", "an account of service", "If it is clean nothing",
 * "never isolate nothing" (a double negative that means "never isolate anything"), "alerts of severity medium or high".
 */
/**
 * English written with French habits: a space before "!" and "?", « quotes », false friends ("superior to 15" for more
 * than, "precise" for say, "eventually" for possibly, "After," for then), the adjective after its noun ("isolation full",
 * "a message Teams"), a double negative ("don't touch never"), "leave them like that" for leave them alone.
 */
function frenchShapes(input: string): string {
  return input
    .replace(/[ \t]+([!?:;])(?=\s|$)/g, '$1')
    .replace(/\u00ab\s*/g, '"').replace(/\s*\u00bb/g, '"')
    .replace(/\bsuperior\s+or\s+equal\s+to\b/gi, 'at least').replace(/\bsuperior\s+to\b/gi, 'more than').replace(/\binferior\s+to\b/gi, 'less than')
    .replace(/(^|[.;!?]\s+)after\s*,\s*/gi, '$1then ')
    .replace(/\b(isolate\s+(?:the|that|this|each|every|its|their)\s+[\w-]+)(\s+(?:immediate?ly|now|right\s+away|asap|at\s+once))?\s+in\s+full\b/gi, 'full $1$2')
    .replace(/\b(an?|one)\s+(?:little\s+|small\s+|short\s+)?message\s+(teams|slack)\b/gi, 'a Teams message')
    .replace(/\b(?:don'?t|dont|do\s+not)\s+(touch|isolate|block|disable|close|reset|scan)\s+never\b/gi, 'never $1')
    .replace(/\beventually\s+(?=(?:just\s+|only\s+)?(?:an?|one|send|post|notify|mail|e-?mail|comment|tag)\b)/gi, '')
    // "In the contrary case, ...": otherwise. "pass it in status in progress": set that status. "prevent the team on Teams"
    // (prevenir, to warn): notify them there. "when X lifts an alert" (lever): raises one.
    .replace(/\b(?:in\s+the\s+(?:contrary|opposite|inverse|reverse)\s+case|in\s+(?:the\s+)?contrary|on\s+the\s+contrary)\b\s*,?/gi, 'otherwise,')
    .replace(/\bpass\s+(it|them|the\s+incidents?)\s+(?:in|to|into)\s+(?:the\s+)?(?:status\s+|state\s+)?(?=(?:in\s+progress|in\s+work|active|resolved|closed|new)\b)/gi, 'set the status of $1 to ')
    .replace(/\bprevent\s+((?:the\s+)?(?:[\w-]+\s+)?(?:team|soc|analysts?|manager|responsible|on-?call|us|me|him|her)|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s+(?:on|in|by|via)\s+(?:the\s+)?(teams|mail|e-?mail)\b/gi, (_m, who: string, how: string) => (/teams/i.test(how) ? `notify ${who} in Teams` : `send an email to ${who}`))
    .replace(/\blifts?\s+(?=an?\s+alert\b)/gi, 'raises ')
    // "signals them as malicious by minimum 5 engines": flags them, with at least that many.
    .replace(/\bsignals?\s+(it|them|the\s+[\w-]+)\s+(?:as\s+)?(malicious|bad|dangerous)\b/gi, 'flags $1 as $2')
    .replace(/\b(?:by|with|from)\s+(?:a\s+)?minimum(?:\s+of)?\s+(\d+)\s+(engines?|antivirus(?:es)?|vendors?|detections?)\b/gi, 'with at least $1 $2')
    // "it is not possible to isolate them because of the production": they are not isolated.
    .replace(/\b(?:actually\s*,?\s+)?(?:it\s+is|it'?s)\s+(?:not\s+possible|impossible)\s+to\s+(isolate|block|disable|restrict|quarantine|contain|scan)\s+(them|it|the\s+[\w-]+)(?:\s+because\s+of\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?(?=\s*[,.;]))?/gi, 'do not $1 $2')
    // "for the persons of the group X": its users (read as the devices of a device group, the members were disabled).
    .replace(/\b(the\s+|all\s+|any\s+)?persons\b/gi, (_m, det: string | undefined) => `${det ?? ''}users`)
    // "but never for the users in the X group": for those users ("the" before them changed nothing, and was not read).
    .replace(/\b(never|not|except|but\s+not)\s+for\s+the\s+(users|accounts|people|members)\s+(?=(?:in|of|from)\b)/gi, '$1 for $2 ')
    .replace(/,?\s*\bbut\s+not\s+for\s+(users|accounts|people|members)\s+(?:of|in|from)\s+(?=(?:the\s+)?group\s+["'\u2018\u201c]|(?:the\s+)?["'\u2018\u201c][^"'\u2019\u201d\n]{1,60}["'\u2019\u201d]\s+group\b)/gi, ', except $1 in ')
    // "If is high the alert of MDE": the alert is that severity. "the user of the alert is in risk high": the user's risk
    // (read as a device's risk score, the reset ran on the device's risk). "close the sessions": revoke them.
    .replace(/\b(if|when)\s+(?:it\s+)?is\s+(critical|high|medium|low|informational)\s+the\s+(alert|incident)((?:\s+(?:of|from)\s+[\w-]+(?:\s+for\s+[\w-]+)?)?)(?=\s*,)/gi, '$1 the $3$4 is $2 severity')
    .replace(/\b(the\s+(?:user|account|person)(?:\s+of\s+the\s+(?:alert|incident))?)\s+(?:is|are)\s+(?:in|at|on)\s+(?:(?:a\s+)?risk\s+(high|medium|low)|(?:a\s+)?(high|medium|low)\s+risk)\b/gi, (_m, who: string, a: string | undefined, b: string | undefined) => `the user risk of ${who.replace(/^the\s+/i, '')} is ${a ?? b}`)
    .replace(/\bclose\s+(the|his|her|their|all(?:\s+the)?|its)\s+((?:sign-?in\s+|active\s+|open\s+)?sessions)\b/gi, 'revoke $1 $2')
    // "we never disable the account, we revoke only the sessions": "only" before what it limits.
    .replace(/\b(?:we|you)\s+(revoke|block|isolate|disable|scan|reset|tag|close|collect|restrict)\s+only\s+(?=(?:the|his|her|their|its)\b)/gi, 'only $1 ')
    .replace(/[,.]?\s*(?:thanks?|thank\s+you)\s+in\s+advance(?:\s+for\s+your\s+(?:comprehension|understanding|help|patience))?\s*[.!]?/gi, '.')
    .replace(/\bprecise\s+(?:in|on)\s+the\s+incident\s+(?:a|an|one)\s+(comment|note)\b/gi, 'add a $1 to the incident')
    .replace(/\b(to|please|we|you|i|and)\s+precise\b/gi, '$1 say')
    .replace(/\blaunch(?:es|ed)?\s+(?=(?:only|just|also)\s+(?:an?\s+|the\s+)?(?:(?:full|quick)\s+)?(?:antivirus\s+|av\s+)?scan)/gi, 'run ')
    .replace(/\blook\s+(them|it|those|these|the\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:on|in)\s+(?=virus\s?total\b|vt\b)/gi, 'look up $1 on ')
    .replace(/\b(?:we\s+)?leave\s+(them|it)\s+(?:like\s+(?:that|this|it\s+is|they\s+are)|as\s+(?:it\s+is|they\s+are|is))(?:\s*,\s*no\s+(?:modifications?|changes?))?/gi, 'leave $1 alone')
    .replace(/(^|[.;!?]\s+)(?:a\s+)?(?:small|little|quick)\s+(?:demand|request|question)\s*:\s*/gi, '$1')
    // "run only a full antivirus scan", "send just a mail": the "only" before the verb it limits.
    .replace(/\b(run|start|launch|do|perform|send|post)\s+(only|just)\s+(?=(?:an?|the|one)\s)/gi, '$2 $1 ')
    // "send me a mail at julien@contoso.com": mail that address.
    .replace(/\bsend\s+(?:me|us)\s+(an?\s+(?:e-?mail|mail|message))\s+(?:at|on)\s+(?=[\w.+-]+@[\w-]+\.)/gi, 'send $1 to ')
    .replace(/\bin\s+all\s+the\s+cases\b/gi, 'in all cases')
    // "if the device group is executives": the device is in that device group.
    .replace(/\b(?:the\s+)?(device|machine|host|box)(?:'s)?\s+group\s+is\s+["'\u2018\u201c]?([\w-]+)["'\u2019\u201d]?/gi, "the $1 is in the '$2' device group")
    // "if its between 3 and 10 just alert on it, dont block": an indicator that only alerts.
    .replace(/(,\s*|\s+)(?:just\s+|only\s+)?alert\s+on\s+(?:it|them)\b(?:\s*,?\s*(?:but\s+)?(?:do\s+not|don'?t|dont)\s+block(?:\s+(?:it|them))?)?/gi, ', create an alert only indicator')
    // "the isolation must be selective and not full": the kind of isolation, said as what it must be.
    .replace(/\b(?:the\s+)?isolation\s+(?:must|should|has\s+to|shall|needs\s+to|will)\s+be\s+(selective|full)(?:\s+(?:and|but)\s+not\s+(?:full|selective))?\b/gi, 'use $1 isolation')
    // "expires after 30 days - not definitively": the expiry said twice.
    .replace(/(\b(?:expir\w*|for|valid\s+for|lasts?)\s+(?:after\s+|in\s+|for\s+)?\d+\s*(?:days?|weeks?|months?|d)\b)\s*(?:[-\u2013\u2014,;(]\s*)?(?:and\s+|but\s+)?not\s+(?:permanently|definitively|forever|for\s+ever|indefinitely)\b\s*\)?/gi, '$1')
    // "If the severity is medium, just a Teams message in the channel": the step said as its noun.
    .replace(/([,:]\s*)(?:just|only)\s+(?=an?\s+(?:teams\s+)?(?:message|post|notification)\s+(?:in|on|to)\s+(?:the\s+)?(?:teams\s+)?channel\b)/gi, '$1just post ')
    // "Actually in the R&D we have a lot of Mac and Linux, not only Windows.": what the estate is, told first.
    .replace(/(^|[.;!?]\s+)(?:actually\s+|currently\s+|today\s+)?(?:,\s*)?(?:in\s+(?:the\s+)?[\w&-]+(?:\s+[\w&-]+)?\s*,?\s+)?we\s+have\s+(?:a\s+lot\s+of|lots\s+of|many|plenty\s+of|mostly|also)\s+(?![^.!?\n]*\b(?:if|when|unless|isolat\w*|block\w*|disabl\w*|reset\w*|revok\w*|scan\w*|collect\w*|restrict\w*)\b)([^.!?\n]{2,80})[.!]\s*/gi, (_m, lead: string, what: string) =>
      // "Actually we have a lot of incidents of Low severity from MDCA. ... put them in Resolved": the incidents the steps
      // are for (dropped as a remark on the estate, the steps had run on every incident).
      (/\b(?:incidents?|alerts?|detections?)\b/i.test(what) ? `${lead}For ${what.trim()}: ` : lead))
    .replace(/\b(incidents?|alerts?)\s+(critical|high|medium|low|informational)\s+(?=(?:coming|arriving|raised|that|which)\b)/gi, '$2 $1 ')
    // "The private IPs (10.x, ...) never of course": never block them (said where a block was asked for).
    .replace(/(^|[.;!?]\s+)(?:the\s+)?((?:private|internal|rfc\s?1918)(?:\s*\/\s*(?:private|internal|rfc\s?1918|local|reserved))?)\s+(ips?|ip\s+address(?:es)?|addresses|ranges)\s*(\([^()]*\))?\s+never(?:\s*,?\s*of\s+course)?\b/gi, (m: string, lead: string, kind: string, what: string, list: string | undefined, _at: number, whole: string) => (/\bblock/i.test(whole) ? `${lead}never block the ${kind.replace(/\s*\/\s*/, ' or ')} ${what}${list ? ` ${list}` : ''}` : m));
}

/** "the user is to disable", "his sessions to revoke": the step on what is named first. */
const STEP_IS_TO = new RegExp(String.raw`\b((?:the|his|her|their|its|this|that)\s+(?:[\w-]+\s+)?(?:users?|accounts?|devices?|machines?|hosts?|sessions?|passwords?|incidents?|files?|hash(?:es)?|urls?|ips?|domains?))\s+(?:is\s+|are\s+)?to\s+(${SECOND_LANGUAGE_VERB})(?=\s*(?:[,.;!?]|\band\b|$))`, 'gi');
/** "Isolate not": the step ruled out, the negation after it. */
const STEP_NOT = new RegExp(String.raw`(^|[.;:!?]\s+|,\s*)(${SECOND_LANGUAGE_VERB})\s+not(?=\s*(?:[,.;!?]|$))`, 'gi');
/** "The password of the user from the alert, reset it please": what the step acts on, said first. */
const OBJECT_SAID_FIRST = new RegExp(String.raw`(^|[.;:!?]\s+)((?:the|his|her|their|its)\s+[^,.;:!?\n]{3,60}?),\s+(?:please\s+|pls\s+)?(${SECOND_LANGUAGE_VERB})\s+(?:it|them)\b(?:\s+please)?`, 'gi');
/** "Incidents tagged X are from our red team. These please close ...": a case said as a statement, then its step on "these". */
const CASE_STATED_THEN_THESE = new RegExp(String.raw`(^|[.;!?]\s+)((?:the\s+|all\s+|any\s+)?(?:incidents?|alerts?)\s+(?:tagged|which|that|with|from)\b[^.;!?]{2,80}?)\s+(?:are|is|come)\b[^.;!?]{0,120}[.;!?]\s+(?:please\s+)?(?:(?:these|those)\s+(?:please\s+)?(${SECOND_LANGUAGE_VERB})|(${SECOND_LANGUAGE_VERB})\s+(?:these|those))\b`, 'gi');
/** "These please close with ...": the step on the incidents the sentence before named. */
const THESE_PLEASE = new RegExp(String.raw`(^|[.;:!?]\s+)(these|those)\s+please\s+(${SECOND_LANGUAGE_VERB})\b`, 'gi');
/** A subject a Dutch or German "Is X ..., then" question-shaped case opens with. */
const CASE_SUBJECT = String.raw`(?:it|they|this|that|(?:an?|the|one|any|this|that)\s+(?:[\w-]+\s+)?(?:incidents?|alerts?|devices?|users?|accounts?|machines?|hosts?|servers?|workstations?|files?|hash(?:es)?|ips?|urls?|domains?)(?:\s+(?:from|of|in)\s+the\s+(?:alert|incident))?)`;
/** "Is the URL malicious (min. 3 engines), block it": a case said as a question, then a step straight after the comma. */
const VERB_FIRST_CASE_STEP = new RegExp(String.raw`(^|[.;!?]\s+|\n\s*)(is|are|has|have)\s+(also\s+)?(${CASE_SUBJECT})\s+([^,:.;!?\n]{2,120}?)\s*,\s*(?=(?:please\s+|pls\s+|then\s+)?(?:${SECOND_LANGUAGE_VERB}|do|make|write|set|put|add|stop|kill)\b)`, 'gi');
/** "Are it more than 20 engines which say malicious, block ...": a count said as a question. */
const COUNT_FIRST_CASE = /(^|[.;!?]\s+|\n\s*)(?:is|are)\s+(?:it|there)\s+((?:more|less|fewer)\s+than|over|under|at\s+least)\s+(\d+)\s+(engines?|vendors?|detections?|avs?)\s+(?:which|that|who)\s+(?:say|says|flag|flags|mark|marks|report|reports|find|finds)\s+(?:it\s+)?(?:as\s+)?malicious\s*,\s*/gi;
/** "Is an incident closed with classification False positive, then ...": the verb first, as Dutch and German open a case. */
const VERB_FIRST_CASE = new RegExp(String.raw`(^|[.;!?]\s+|\n\s*)(is|are|has|have)\s+(${CASE_SUBJECT})\s+([^,:.;!?\n]{2,120}?)\s*(?:,\s*then\b|:)\s*`, 'gi');
/** "Linux and macOS machines not isolate": the object first and the verb last, as Dutch and German say a rule-out. */
const OBJECT_FIRST_RULE_OUT = /(^|[.;,:]\s+|\n\s*)((?:the\s+|our\s+|all\s+)?(?:[\w*-]+\s+){0,4}?(?:machines|devices|servers|workstations|laptops|hosts|endpoints|addresses|ips|urls|domains|users|accounts|dcs|systems|boxes))(\s*\([^()]{1,60}\))?\s+(not|never)\s+(isolate|scan|block|disable|quarantine|restrict|look\s+up|touch|reset|revoke)\b/gi;

/** "do not isolate Linux machines, there (we) collect only the package": what those devices get instead, said after them. */
const RULE_OUT_THEN_THERE = /(\b(?:do\s+not|don'?t|dont|never)\s+(?:isolate|scan|block|disable|quarantine|restrict|touch|reset|revoke)\s+((?:the\s+|our\s+|all\s+)?(?:[\w-]+\s+){0,4}?(?:machines|devices|servers|workstations|laptops|hosts|endpoints|users|accounts|dcs|systems|boxes)))(?:\s*\([^()]{1,60}\))?\s*,\s*(?:there|on\s+(?:those|them|these)|for\s+(?:those|them|these)|with\s+(?:those|them|these))\s+(?:we\s+|you\s+|u\s+)?(?=(?:only\s+|just\s+)?[a-z]+)/gi;

function secondLanguageShapes(input: string): string {
  return frenchShapes(input)
    .replace(VERB_FIRST_CASE, (_m, lead: string, verb: string, subject: string, rest: string) => `${lead}${/^[A-Z]/.test(verb) ? 'If' : 'if'} ${subject} ${verb.toLowerCase()} ${rest.trim()}, `)
    // "the user is to disable and his sessions to revoke": the German "ist zu sperren", the step on what is named first.
    .replace(STEP_IS_TO, '$2 $1')
    // "Isolate not, we need remote access": the German "nicht isolieren".
    .replace(STEP_NOT, (_m, lead: string, verb: string) => `${lead}do not ${verb.toLowerCase()}`)
    // "The password of the user from the alert, reset it please": what the step acts on, said first.
    .replace(OBJECT_SAID_FIRST, (_m, lead: string, what: string, verb: string) => `${lead}${verb.toLowerCase()} ${what.charAt(0).toLowerCase()}${what.slice(1)}`)
    // "These please close with ...": the step on the incidents the sentence before named.
    .replace(THESE_PLEASE, (_m, lead: string, these: string, verb: string) => `${lead}please ${verb.toLowerCase()} ${these.toLowerCase()}`)
    // "the incident shall become the tag 'auto-contained'": it gets that tag.
    .replace(/\b(the\s+incident|it)\s+(?:shall|should|must|will|has\s+to)\s+(?:become|get|receive|have)\s+the\s+tag\s+/gi, 'tag $1 ')
    // "Incidents which have already the tag 'pentest'": those tagged so.
    .replace(/\b(incidents?|alerts?|devices?|machines?|hosts?|users?|accounts?)\s+(?:which|that)\s+(?:have|has|carry|carries|bear|bears)\s+(?:already\s+)?(?:the\s+)?tag\s+(['"\u2018\u201c]?[\w.-]+['"\u2019\u201d]?)/gi, '$1 tagged $2')
    // "Incidents tagged X are from our red team. These please close ...": the incidents the sentence before named get it.
    .replace(CASE_STATED_THEN_THESE, (_m, lead: string, which: string, verb: string | undefined, verbFirst: string | undefined) => `${lead}For ${which.replace(/^the\s+/i, '')}, ${(verb ?? verbFirst ?? '').toLowerCase()} them`)
    // "ban the entire domain, not merely the link", "block the domains (rather than just the URLs)": the wider indicator, not the
    // narrower one (read as a second block, the URL was blocked on its own verdict, which the request never tested).
    .replace(/\b((?:block|ban|blacklist)\s+(?:the\s+)?(?:whole\s+|entire\s+|full\s+)?(?:sender\s+)?domains?)\s*[(,-]?\s*(?:and\s+)?(?:not\s+(?:only|just|merely)|rather\s+than\s+(?:only|just)|instead\s+of\s+(?:only|just))\s+(?:the\s+|that\s+|its\s+|one\s+)?(?:urls?|links?|web\s?address(?:es)?)(?:\s+(?:alone|itself))?\s*\)?/gi, '$1')
    // "else do nothing at all, and no note", "do nothing - no mail, no post": what "nothing" covers, said again.
    .replace(/\b(do\s+nothing(?:\s+(?:else|more|at\s+all))?)(?:\s*[-:,;\u2013\u2014]\s*(?:(?:also|and|so|i\.e\.?|meaning)\s+)?(?:no|not\s+even\s+an?)\s+(?:comments?|notes?|notifications?|e-?mails?|mails?|teams\s+(?:posts?|messages?)|posts?|messages?|tags?|pings?)(?:\s+(?:either|too|as\s+well))?)+\b/gi, '$1')
    // "make nothing other - no isolation, nothing": nothing else (the German "mach nichts anderes").
    .replace(/\bmake\s+nothing\s+(?:other|else|more|further)\b(?:\s*[-:,;\u2013]\s*no\s+(?:isolation|containment|scans?|blocks?|actions?)(?:\s*,\s*nothing)?\b)?/gi, 'do nothing else')
    // "a DC is never isolated, this is forbidden by us": the rule-out said twice.
    .replace(/,\s*(?:this|that|it)\s+is\s+(?:forbidden|not\s+allowed|prohibited|not\s+permitted)(?:\s+(?:by|for|with|at)\s+us|\s+here)?(?=\s*[.;,!]|\s*$)/gi, '')
    // "Make instead a full scan on the DC": run it ("make" for the German "machen").
    .replace(/\bmake\s+(instead\s+)?(only\s+)?(?:an?\s+)?((?:full|quick)\s+(?:av\s+|antivirus\s+)?scan)\b/gi, (_m, instead: string | undefined, only: string | undefined, scan: string) => `${instead ? 'instead ' : ''}${only ? 'only ' : ''}run a ${scan}`)
    // "malicious (min. 3 engines)": at least that many.
    .replace(/\bmin(?:imum|\.)?\s+(\d+)\s+(engines?|vendors?|detections?|avs?|hits)\b/gi, 'at least $1 $2')
    // "control the URL at VirusTotal": the German "kontrollieren", check it.
    .replace(/\bcontrol\s+(?=(?:the|all|every|each|its|their)\s+[^.;]{0,40}?\b(?:at|by|on|with|in|against)\s+(?:virustotal|vt)\b)/gi, 'check ')
    .replace(COUNT_FIRST_CASE, (_m, lead: string, than: string, n: string, what: string) => `${lead}if ${than} ${n} ${what} say malicious, `)
    .replace(VERB_FIRST_CASE_STEP, (_m, lead: string, verb: string, also: string | undefined, subject: string, rest: string) => `${lead}if ${subject} ${verb.toLowerCase()} ${also ?? ''}${rest.trim()}, `)

    .replace(OBJECT_FIRST_RULE_OUT, (_m, lead: string, what: string, aside: string | undefined, not: string, verb: string) => `${lead}${not.toLowerCase() === 'never' ? 'never' : 'do not'} ${verb} ${what.trim()}${aside ?? ''}`)
    .replace(RULE_OUT_THEN_THERE, (_m, ruleOut: string, what: string) => `${ruleOut}. for ${what.replace(/^(?:the|our|all)\s+/i, '')} `)
    // "on all devices of the incident a quick AV scan please": the step said as a noun, after where it runs.
    .replace(/\b(on|for)\s+((?:all|every|each)\s+(?:the\s+)?(?:devices?|machines?|hosts?|endpoints?)\s+(?:of|in)\s+the\s+incident)\s*,?\s+(?:an?\s+|the\s+)?(quick|full)?\s*(?:av|antivirus|virus)?\s*scan\b/gi, (_m, _on: string, where: string, kind: string | undefined) => `run a ${kind ? `${kind.toLowerCase()} ` : ''}antivirus scan on ${where}`)
    // "For servers is enough to collect investigation package", "for them it's enough a quick scan": only that step.
    .replace(/\b(?:it\s+)?(?:is|it'?s|will\s+be|would\s+be)\s+(?:already\s+)?enough\s+(?:to\s+)?(?=(?:collect|run|do|make|start|scan|tag|post|send|mail|email|comment|assign|notify|restrict|isolate|revoke|reset|block|quarantine|an?\s+|the\s+)\b)/gi, 'only ')
    // "For Windows 10 and 11", "Windows 10/11": both systems.
    .replace(/\bwindows\s+(10|11)\s*(?:and|or|\/|,)\s*(11|10)\b(?!\s*\.\d)/gi, (_m, a: string, b: string) => `Windows ${a} or Windows ${b}`)
    // "Identity Protection alert, high;": the severity said after the alert, as a note.
    .replace(/\b(alerts?|incidents?)\s*,\s*(critical|high|medium|low|informational)(?:\s+sev(?:erity)?)?\s*(?=[;:\n]|->|\s-\s|,\s*(?:on|for|with|in|from)\b)/gi, '$1 with $2 severity')
    // "Say more than 4 engines it is malicious, then ...": a case supposed, as "if".
    .replace(/(^|[.;!?]\s+|\n\s*)(?:let'?s\s+)?say\s+(?!(?:hi|hello|thanks|that|so|something|nothing)\b)([^,.;!?\n]{3,120}?)\s*,\s*then\b/gi, '$1if $2, then')
    // "Without the tag nothing.": the other side of the tag, left alone.
    .replace(/\bwithout\s+(?:the|that|this)\s+(?:tag|label)\s*[:,]?\s+(?:nothing|niks|nichts|do\s+nothing|no\s+action)\b/gi, 'otherwise do nothing')
    // "when arrives an incident of ransomware from MDE": the verb before its subject.
    .replace(/\b(when|whenever|if|once)\s+(?:arrives?|comes?|enters?|appears?|gets?\s+in|llega)\s+((?:an?|the|one|any|some|new)\s+(?:new\s+)?(?:[\w-]+\s+){0,3}?(?:incidents?|alerts?)(?:\s+(?:of|from|in|with|about)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+){0,2}?){0,3}?)(?=\s*(?:,|\band\b|\bwith\b|\(|\.|$))/gi, (_m, when: string, what: string) => `${when} ${what.replace(/^a\s+(?=[aeiou])/i, 'an ')} arrives`)
    // "and after launch a scan": then.
    .replace(THEN_AFTER, (_m, lead: string | undefined) => `${lead ?? ''}then `)
    // "a complete scan of antivirus", "the scan of antivirus": a full antivirus scan.
    .replace(/\b(?:a\s+|the\s+|one\s+)?(complete|completed|full|quick|rapid|fast)\s+(?:scan|analysis|scanning)\s+(?:of|with|by)\s+(?:the\s+)?(?:antivirus|av|defender)\b/gi, (_m, kind: string) => `a ${/^(?:quick|rapid|fast)$/i.test(kind) ? 'quick' : 'full'} antivirus scan`)
    .replace(/\b(?:scan|analysis|scanning)\s+of\s+(?:the\s+)?(?:antivirus|av)\b/gi, 'antivirus scan')
    // "make the antivirus scan complete (full)": run a full one ("completo" after its noun; "make" for "hacer").
    .replace(/\b(?:make|do|realiz\w*|perform|execute|launch|run)\s+(?:an?|the|one)\s+((?:antivirus|av)\s+)?scan\s+(?:complete|completed|total|entire|full)\b(?:\s*\(\s*(?:full|complete)\s*\))?/gi, 'run a full antivirus scan')
    .replace(/\bmake\s+(an?|the|one)\s+((?:full|quick)\s+)?(antivirus|av)\s+scan\b/gi, (_m, art: string, kind: string | undefined) => `run ${/^one$/i.test(art) ? 'a' : art} ${kind ?? ''}antivirus scan`)
    .replace(/\b(?:one\s+)?complete\s+(?:antivirus\s+|av\s+)?scan\b/gi, 'a full antivirus scan').replace(/\b(an?|the)\s+a\s+full\s+antivirus\s+scan\b/gi, '$1 full antivirus scan')
    // "isolate the device complete": fully.
    .replace(/\b(full\s+)?(isolat(?:e|es))(\s+(?:the|that|this|each|every|its|their)\s+[\w-]+)\s+(?:complete|completely|total|totally|entire|entirely)\b(?:\s*\(\s*full\s*\))?/gi, (_m, _full: string | undefined, verb: string, object: string) => `full ${verb}${object}`)
    // "isolate but selective": the kind of isolation, said after.
    .replace(/\bisolat(?:e|ion)\s+(?:but\s+|in\s+)?(selective|selectively|full|fully|total|complete)(?:\s+mode)?\b/gi, (_m, kind: string) => `${/^sel/i.test(kind) ? 'selective' : 'full'} isolate`)
    // "launch a complete scan", "kick off a quick scan": run it.
    .replace(/\b(?:launch|start|trigger|initiate|kick\s+off|fire\s+off|perform|execute)\s+(an?\s+|the\s+)?((?:full|quick)\s+)?((?:antivirus|av)\s+)?scan\b/gi, (_m, art: string | undefined, kind: string | undefined) => `run ${art ?? 'a '}${kind ?? ''}antivirus scan`)
    // "But attention, if ...", "important: if ...": a call for attention before what follows.
    .replace(/(^|[.;!]\s+)(?:but\s+)?(?:attention|careful|be\s+careful|important|watch\s+out|heads\s+up)\s*[,:!]+\s*(?:[.]\s*)?/gi, '$1')
    // "the package of investigation", "an account of service": the noun the other way round.
    .replace(/\b(?:the\s+|a\s+|an\s+)?package\s+of\s+(?:the\s+)?investigation\b/gi, 'the investigation package')
    .replace(/\b(an?\s+|the\s+)?(accounts?)\s+of\s+(service|admin|administrator|system)s?\b/gi, (_m, art: string | undefined, noun: string, kind: string) => `${art ? (/^an?\s/i.test(art) ? 'a ' : art) : ''}${kind.toLowerCase().replace('administrator', 'admin')} ${noun}`)
    .replace(/\brestrict\s+(?:the\s+)?execution\s+of\s+(?:the\s+)?(?:apps|applications|programs|code)\b/gi, 'restrict app execution')
    // Portuguese habits: "realize a full scan" (perform), "if the machine eventually is Linux" (happens to be), "but the
    // servers no" (not the servers), "in the servers only restrict" (on them), "the device have the tag X", "if not have the
    // tag", "let it isolated" (keep), "take out the restriction of apps" (remove it), "the channel of the SOC", "register in
    // the channel" (post there).
    .replace(/\brealiz(?:e|es|ed|ing)\s+(only|just)\s+(?=(?:an?|the|one)\s+(?:(?:full|quick|complete|rapid)\s+)?(?:antivirus\s+|av\s+)?scan\b)/gi, '$1 run ')
    .replace(/\brealiz(?:e|es|ed|ing)\s+(?=(?:only\s+|just\s+|also\s+)?(?:an?|the|one)\s+(?:(?:full|quick|complete|rapid)\s+)?(?:antivirus\s+|av\s+)?scan\b)/gi, 'run ')
    .replace(/\b(if|when)\s+(the\s+[\w-]+|it|they)\s+eventually\s+(?=(?:is|are|has|have|runs?)\b)/gi, '$1 $2 ')
    .replace(/\bbut\s+(the\s+(?:[\w-]+\s+){0,2}?[\w-]+)\s+no\b(?=\s*(?:[,.;:\u2014\u2013]|\s-\s|$))/gi, 'but not $1')
    .replace(/([,;:\u2014\u2013]\s*|\s-\s)in\s+the\s+(servers|workstations|laptops|desktops|machines|devices|hosts|dcs|domain\s+controllers|macs|linux\s+(?:machines|servers|hosts))\s+(?=(?:only|just)\s)/gi, '$1on the $2 ')
    .replace(/\b(the\s+(?:device|machine|host|box|incident|alert|user|account))\s+have\s+(?=the\s+(?:tag|label)\b)/gi, '$1 has ')
    .replace(/\b(if|when)\s+(?:it\s+)?not\s+(?:have|has)\s+(?=the\s+(?:tag|label)\b)/gi, '$1 it does not have ')
    .replace(/\b(and|but)\s+have\s+(?=the\s+(?:tag|label)\s)/gi, '$1 has ')
    // "Low severity we ignore.": the object first.
    .replace(/(^|[.;!?]\s+)((?:critical|high|medium|low|informational)(?:\s*(?:,|\bor\b|\band\b|\/)\s*(?:critical|high|medium|low|informational))*)(?:\s+(?:severity|sev))?(?:\s+(?:ones|incidents|alerts))?\s*,?\s+we\s+(?:just\s+|simply\s+)?(ignore|skip)\b(?:\s+(?:it|them))?/gi, '$1$3 $2 severity')
    .replace(/\blet\s+(it|them|the\s+(?:device|machine|host|box|devices|machines|hosts))\s+(?=(?:isolated|restricted|disabled|blocked)\b)/gi, 'keep $1 ')
    .replace(/\b(?:take\s+out|remove|lift|withdraw)\s+(?:also\s+)?(?:the\s+)?restriction\s+of\s+(?:the\s+)?(?:apps|applications|programs|app\s+execution|code\s+execution|execution)\b/gi, 'remove the app restriction')
    .replace(/\bthe\s+channel\s+of\s+(?:the\s+)?(soc|security|sec|ir|plant[\u00e3a]o)\b/gi, 'the $1 channel')
    .replace(/\bregister\s+(?=(?:it\s+)?(?:in|on|to)\s+(?:the\s+)?(?:[\w-]+\s+)?(?:channel|teams)\b)/gi, 'post ')
    .replace(/\s*\(\s*(?:for|so(?:\s+that)?)\s+(?:the\s+)?[^()]{2,60}?\s+(?:continue|continues|keep|keeps)\s+(?:working|running|up|online)\s*\)/gi, '')
    .replace(/,\s*nothing\s*,\s*(?=(?:only|just)\s)/gi, ', ')
    // "atypical travel (viagem atípica)": the same words glossed in the writer's language, no English word among them.
    .replace(/\s*\(([\p{L}\s'-]{3,40})\)/gu, (m: string, inner: string) => (/[\u00c0-\u017f]/.test(inner) && inner.split(/[\s'-]+/).filter(Boolean).every((w) => !known(w)) ? '' : m))
    // "with the resume of the incident": its summary.
    .replace(/\bthe\s+resume\s+of\s+(?=(?:the|this|that)\s+(?:incident|alert|case)\b)/gi, 'a summary of ')
    // "the user is in travel", "is in vacations": away, not a member of a group so named.
    .replace(/\b(is|are)\s+in\s+(?:a\s+)?(?:travel|travels|trip|business\s+trip)\b/gi, '$1 travelling').replace(/\b(is|are)\s+in\s+(?:vacation|vacations|holiday|holidays)\b/gi, '$1 on holiday')
    // "because actually the user is travelling": the reason, with a false friend for "currently".
    .replace(/\b(because|since)\s+(?:actually|currently|right\s+now)\s+/gi, '$1 ')
    // "put a comment in the incident asking for one analyst to verify manually": what the comment says.
    .replace(/\b(comment|note)((?:\s+(?:in|on|to)\s+the\s+incident)?)\s+asking\s+(?:for\s+)?((?:an?|one|the|some)\s+)?(analyst|someone|somebody|person|team|human|engineer|tier\s*[123](?:\s+analyst)?)\s+to\s+/gi, '$1$2 saying $3$4 must ')
    // "assume the incident in my name (x@y.com)": take it, assigned to that address; "pass the status to in progress": set it.
    .replace(/\bassume\s+(the\s+incident|it)\s+(?:in|on|under)\s+my\s+name\s*[(:,]?\s*([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)\s*\)?/gi, 'assign $1 to $2')
    .replace(/\bpass\s+(?:the\s+)?status\s+(?:to|for)\s+/gi, 'set the status to ')
    // "for these ones only send an email": for those.
    .replace(/\b(for|on|to)\s+(?:these|those)\s+ones\b/gi, '$1 those')
    // "alerts of severity medium or high", "the incidents informational of EICAR": the severity before the noun.
    .replace(SEVERITY_AFTER_NOUN, '$2 severity $1')
    .replace(/\b(incidents?|alerts?)\s+(critical|high|medium|low|informational)\s+(?=(?:of|from|in|with|on|for)\b)/gi, '$2 $1 ')
    // "the user is not of the group G", "machines of the group 'Lab'": in it.
    .replace(/\b(is|are)\s+(not\s+)?of\s+the\s+(?=(?:group|grp)\b|["'\u2018\u201c]|[A-Z])/g, (_m, verb: string, not: string | undefined) => `${verb} ${not ?? ''}in the `)
    .replace(/\b(is|are)\s+(not\s+)?of\s+the\s+(?=(?:group|grp)\b)/gi, (_m, verb: string, not: string | undefined) => `${verb} ${not ?? ''}in the `)
    // "depending of VT": on.
    .replace(/\bdepending\s+of\b/gi, 'depending on')
    // "not the IPs neither the URLs": nor.
    .replace(/(\bnot\s+(?:the\s+)?[\w-]+)\s+neither\s+(?=(?:the\s+)?[\w-]+)/gi, '$1 nor ')
    // "If it is clean nothing": nothing is done then.
    .replace(/\b((?:if|when)\s+(?:(?:it|they|the\s+[\w-]+)\s+)?(?:is|are|'s)\s+(?:not\s+)?[\w-]+)\s*,?\s+(?:nothing|no\s+action|none)\s*(?=[.;!]|$)/gi, '$1, do nothing')
    // "The DC never are isolated": the adverb before the verb it goes with.
    .replace(/\b(never|not)\s+(are|is)\s+(?=[a-z]+ed\b)/gi, '$2 $1 ')
    // "to those only restrict app execution": for those.
    .replace(/([,;]\s*)to\s+(those|them|these)\s+(?=(?:only|just)\s)/gi, '$1for $2 ')
    // "put one comment", "send one mail": a comment, a mail.
    .replace(/\b(put|send|add|leave|write|post|make)\s+one\s+(?=(?:comment|note|mail|e-?mail|message|post)\b)/gi, '$1 a ')
    // "revise the URLs in VirusTotal", "consult the hash on VT": look them up there.
    .replace(/\b(?:revise|review|consult|verify|validate)\s+((?:the|its|their|all|each|every)\s+[^.;,]{2,40}?)\s+(?:in|on|with|against)\s+(virus\s?total|vt)\b/gi, 'look up $1 on $2')
    // "sign-in risky": a risky sign-in.
    .replace(/\bsign-?ins?\s+(risky|suspicious|anomalous|unusual)\b/gi, '$1 sign-in')
    // "never isolate nothing", "dont block nothing": a double negative that means "anything".
    // ("then not make nothing", "don't do nothing more": nothing; "not block nothing": block nothing.)
    .replace(/\b(?:not|dont|don'?t|do\s+not)\s+(?:make|do)\s+nothing(\s+(?:more|else))?\b/gi, (_m, more: string | undefined) => `do nothing${more ?? ''}`)
    .replace(new RegExp(String.raw`(^|[,;:]\s*|\s)not\s+(${SECOND_LANGUAGE_VERB})\s+(?:nothing|nobody|no\s+one)\b`, 'gi'), '$1do not $2 anything')
    .replace(NEGATIVE_CONCORD, '$1 $2 anything')
    // "no disable", "no isolate": not that step.
    // (Not "no block", "no scan", "no reset": English says those as nouns.)
    .replace(/(^|[,;:.!]\s*|\s)no\s+(isolate|disable|revoke|quarantine|restrict|collect|notify|assign|confirm|dismiss|deshabilitar)\b(?!\s*-)/gi, '$1do not $2')
    // "revoke only, do not confirm", "Don't disable.": a step verb said without its object is that step (read alone, "confirm"
    // was no word Rampart knew and the confirm of another case was held back).
    .replace(NEGATED_BARE_VERB, (_m, negation: string, verb: string) => `${negation} ${verb} ${BARE_VERB_OBJECT[verb.toLowerCase()]}`)
    // "don't release it": the device, released from isolation ("release" takes no "it" as a step does).
    .replace(/\b(do\s+not|don'?t|dont|never)\s+release\s+(?:it|them)\b(?!\s+from)/gi, '$1 release the device')
    // "put the indicator in Alert mode": an alert-only indicator.
    .replace(/\b(?:put|set|add|create|leave)\s+(?:just\s+|only\s+)?(?:the|an?|them|it)\s+(?:(?:file\s+)?(?:indicators?|iocs?|hash(?:es)?)\s+)?(?:in|as|to|with|on)\s+(?:the\s+)?(?:alert(?:[- ]only)?\s+mode|mode\s+alert)(?:\s+only)?\b/gi, 'add an alert-only indicator')
    .replace(/\b(?:we|i)\s+(?:don'?t|dont|do\s+not)\s+block\s*[:,;]\s*(?:(?:we|i)\s+)?(?=add\s+an\s+alert-only\s+indicator\b)/gi, '')
    // German English: "shall become isolated" (get), "1 until 10 engines" (to), "clean resp. unknown" (or), "eventually
    // there run databases" (possibly: a reason), "Hello together", "I need following".
    .replace(/\b(shall|should|must|will|to|never|not)\s+become\s+(?=(?:never\s+|not\s+)?[a-z]+ed\b)/gi, '$1 be ')
    .replace(/\bbecomes?\s+(?=(?:isolated|disabled|blocked|scanned|quarantined|restricted|closed|resolved|assigned|tagged)\b)/gi, 'gets ')
    .replace(/\b(which|that|who)\s+become\s+(?=(?:the|a)\s+tag\b)/gi, '$1 get ')
    .replace(/\bbe\s+never\s+(?=[a-z]+ed\b)/gi, 'never be ')
    .replace(/\bbecomes?\s+never\s+(?=[a-z]+ed\b)/gi, 'are never ')
    // "For servers only a full virus scan shall be started": run it.
    .replace(/\b(?:an?|the)\s+((?:full|quick)\s+)?(?:antivirus\s+|virus\s+|av\s+)?scan\s+(?:shall|should|must|will|is\s+to)\s+be\s+(?:started|run|launched|triggered|performed|done|executed)\b/gi, (_m, kind: string | undefined) => `run a ${kind ?? ''}antivirus scan`)
    // "For these, I need following:", "please make sure that devices ... are never isolated": a lead-in before what is said.
    .replace(/(^|[.;!?]\s+|\n)for\s+(?:these|them|those)(?:\s+incidents)?\s*,?\s*(?:(?:i|we)\s+need\s+)?(?:the\s+)?following\s*:[ \t]*/gi, '$1')
    .replace(/(^|[.;!?]\s+|\n)(?:please\s+)?make\s+sure\s+(?:that\s+)?(?=[^.;\n]*\b(?:never|not)\b)/gi, '$1')
    // "set the status on In Progress": to.
    .replace(/\b(status)\s+on\s+(?=["']?(?:in\s*progress|active|resolved|redirected|new)\b)/gi, '$1 to ')
    // "ignore incidents which have additionally the tag Test, also when VIP is there": the ignore holds whatever else is said.
    .replace(/,?\s*(?:also|even)\s+(?:when|if)\s+["']?[\w-]{1,30}["']?\s+is\s+(?:there|present|set|on\s+it)\b/gi, '')
    .replace(/\b(have|has|carry|carries)\s+additionally\s+(?=the\s+tag\b)/gi, '$1 ')
    .replace(/\b(\d+)\s+until\s+(\d+)\b/gi, '$1 to $2')
    .replace(/\s+resp\.\s+/gi, ' or ')
    .replace(/([,;]?\s+|\s-\s)eventually\s+(?=(?:there|it|this|that|they|we|he|she|the|an?|our)\b)/gi, ', because possibly ')
    .replace(/^\s*(?:hello|hi|dear\s+all)\s+together\s*[,!.]?\s*/i, '')
    .replace(/\b(need|want|would\s+like|build)\s+following\b/gi, '$1 the following')
    .replace(/\bthe\s+following\s+automatism\b/gi, 'the following automation')
    // "Please make sure that for incidents with other categories nothing happens", "For other categories nothing please":
    // nothing for the rest, which no step reaches anyway.
    .replace(/(^|[.;!?]\s+|\n\s*)(?:please\s+)?(?:make\s+sure\s+that\s+)?for\s+(?:the\s+)?(?:(?:incidents?|alerts?)\s+(?:with|of|from)\s+(?:the\s+)?)?other\s+(?:categories|products|sources|detection\s+sources|severities|titles|kinds|types)(?:\s*\([^()]*\))?\s*,?\s*(?:please\s+)?(?:nothing(?:\s+(?:happens|please|at\s+all))?|do\s+nothing|no\s+action)\s*(?:please)?\s*[.!]?/gi, '$1')
    // "When in the incident an alert with the category X is contained": the incident contains it.
    .replace(/\b(when|if|whenever)\s+in\s+the\s+incident\s+((?:an?|one|at\s+least\s+one)\s+alert\b[^,.;]{3,80}?)\s+is\s+(?:contained|included|present)\b/gi, '$1 the incident contains $2')
    // "the affected client", "Windows clients": a workstation, as German IT says it.
    // ("all clients: VT on file hashes", "quick one for all clients: ...": an MSP's customers, every one of them, said as a
    // label before a colon; no workstation.)
    .replace(/(^|[.;!\n]\s*)((?:(?:quick\s+one|one)\s+)?(?:for\s+)?(?:all|any|every)\s+(?:of\s+)?(?:our\s+|the\s+)?(?:clients?|customers?|tenants?))\s*:\s*/gim, '$1')
    .replace(/\b(the\s+affected|affected|all|the|windows)\s+clients?\b(?!\s+(?:devices?|machines?|computers?|side|secret|id|apps?))/gi, (_m, lead: string) => `${lead} ${/s$/i.test(_m) ? 'workstations' : 'workstation'}`)
    // "if the user is member of the group": a member.
    .replace(/\b(is|are)\s+(not\s+)?(members?)\s+of\b/gi, (_m, verb: string, not: string | undefined, noun: string) => `${verb} ${not ?? ''}${noun === 'members' ? 'members' : 'a member'} of`)
    // "(the former AAD Identity Protection)": another name of the same product.
    .replace(/\s*\(\s*(?:the\s+)?(?:former(?:ly)?|previously|old|ex-?)\s+[^()]{2,50}\)/gi, '')
    // "I need the following:": what follows is the request.
    .replace(/(^|[.;!?]\s+|\n)(?:i|we)\s+(?:need|want|would\s+like(?:\s+to\s+have)?)\s+(?:the\s+)?following(?:\s+automation)?(?:\s+for\s+([^:.\n]{3,80}))?\s*:[ \t]*/gi, (_m, lead: string, what: string | undefined) => `${lead}${what ? `for ${what}: ` : ''}`)
    // "The domain please do not block", "IPs and URLs please NOT": the object said first, then the step ruled out.
    .replace(/(^|[.;!]\s+|\n)((?:the\s+)?(?:domains?|urls?|ips?|ip\s+addresses|hashes|hash|files?|devices?|users?|accounts?|servers?|workstations?|laptops?|dcs?|domain\s+controllers?)(?:\s*(?:,|\band\b|\bor\b)\s*(?:the\s+)?(?:domains?|urls?|ips?|hashes|files?|servers?|workstations?))*)\s+(?:please\s+)?(?:do\s+not|don'?t|dont|never)\s+(block|isolate|disable|scan|reset|revoke|quarantine|restrict)\b/gi, '$1do not $3 $2')
    .replace(/(^|[.;!]\s+|\n)((?:the\s+)?(?:domains?|urls?|ips?|ip\s+addresses)(?:\s*(?:,|\band\b|\bor\b)\s*(?:the\s+)?(?:domains?|urls?|ips?))*)\s+(?:please\s+)?not\b(?=\s*[,.;!])/gi, '$1do not block $2')
    // "incidents which have additionally the tag 'Test' please ignore": ignore those.
    .replace(/(^|[.;!]\s+|\n\s*(?:-\s+)?)((?:the\s+)?(?:incidents?|alerts?|files?|devices?)\s+(?:which|that|with)\s+[^.;!\n]{3,80}?)\s+please\s+(ignore|skip)(?:\s+(?:completely|entirely|totally))?\b/gi, '$1$3 $2')
    // "(minimum 5 engines)": at least.
    .replace(/\bminimum\s+(\d+)\b/gi, 'at least $1')
    // "In the Windows ones make a full scan": for those devices.
    .replace(/(^|[.;:]\s+)(?:in|on|for)\s+the\s+(windows|linux|macos|mac|server|workstation)\s+ones\s*,?\s+/gi, '$1for $2 devices, ')
    // "Domain controllers you isolate never", "For incidents without this tag, you do nothing": the rule, word order of German.
    .replace(new RegExp(`\\byou\\s+(${ACTION_VERB})\\s+never\\b`, 'gi'), 'never $1')
    .replace(/\byou\s+(?=do\s+nothing\b)/gi, '')
    // "If more than 10 antivirus say malicious": that many engines flag it.
    .replace(/\b(\d+)\s+(?:antivirus(?:es)?|anti-?viruses|avs|av\s+engines|vendors|scanners|engines)\s+(?:say|says|flag|mark|call|consider|detect|find|report)\s+(?:it\s+)?(?:as\s+)?(?:malicious|bad|dangerous)\b/gi, '$1 engines flag it as malicious')
    // "Rampart controls the URL on VirusTotal" (French "contrôler", to check): looks it up.
    .replace(/\b(?:controls?|controlling)\s+(?=(?:the|its|their|each|every|all)\s+[^.;,]{2,40}?\s+(?:on|at|in|with|against)\s+(?:virus\s?total|vt)\b)/gi, 'check ')
    // "If it is eventually suspect": possibly suspicious.
    .replace(/\b(is|are)\s+(?:eventually\s+)?suspect\b/gi, '$1 suspicious')
    // "For the sensible devices, that means the machines with the tag X": the devices, as they are then said.
    .replace(/\b(for|on)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){0,3}?(?:devices|machines|hosts|boxes|endpoints|computers|users|accounts)\s*,\s*(?:that\s+means|this\s+means|meaning|which\s+means|that\s+is(?:\s+to\s+say)?|i\.\s?e\.,?)\s+(?=(?:the|all|any|every)\s)/gi, '$1 ')
    // "the concerned account": the account of the alert.
    .replace(/\bthe\s+concerned\s+(?=(?:accounts?|users?|devices?|machines?|computers?|hosts?|files?|ips?|urls?)\b)/gi, 'the ')
    // "dont disable him, in this case only send a mail": the case just said.
    .replace(/(\b(?:do\s+not|don'?t|dont|never)\s+[a-z]+\s+(?:him|her|them|it|the\s+[a-z]+)\s*[,;]\s*)in\s+(?:this|that|such\s+a)\s+case\s*,?\s+(?=[a-z])/gi, '$1')
    // "I demand that for each incident ... and that the incident is attributed to me": what is asked, as said.
    .replace(/(^|[.;!?]\s+)(?:i|we)\s+(?:demand|request|ask|require|wish|would\s+like|want)\s+that\s+/gi, '$1')
    .replace(/\b(and|but)\s+that\s+(?=(?:the|its|their|each|every|all)\s+[\w-]+\s+(?:is|are|gets?|shall|should|will)\b)/gi, '$1 ')
    // "(like this Outlook and Teams are still functioning for the cashiers)": what the step is for, a reason of its own.
    .replace(/\s*\(\s*(?:like\s+this|this\s+way|so)\s+([^()]{3,120})\)\s*/gi, (_m, why: string) => `, so that ${why.trim()}, `)
    // "For the IP addresses nothing, this makes our network team": no indicators of that kind (another team's job).
    .replace(/(^|[.;!?]\s+)for\s+(?:the\s+)?(ip\s+addresses|ips?|urls?|domains?|hash(?:es)?)\s*,?\s*(?:please\s+)?(?:nothing|no\s+action|do\s+nothing)\b(?:\s*,\s*(?:this|that|it)\s+(?:makes|does|handles|is\s+done\s+by)\s+(?:our|the)\s+[\w-]+(?:\s+team)?)?/gi, (_m, lead: string, kind: string) => `${lead}never block the ${/^ip/i.test(kind) ? 'IPs' : kind}`)
    // "Could you please, each time an alert of MDE contains a file, ...": the ask, then when.
    .replace(/(^|[.!?]\s+)(?:could|can|would)\s+(?:you|u)\s+(?:please|pls|kindly)\s*,\s*(?:each|every)\s+time\s+/gi, '$1whenever ')
    // German English: "the file is by VirusTotal from at least 10 engines as malicious recognised" (the participle last),
    // "when it are under 10 engines", "in the title stands 'encrypt'" (steht), "I would like to become also a Teams message"
    // (bekommen), "make that the incident is assigned" (dafür sorgen), "the rest please let like it is" (lassen), "please let
    // alone", "the status set on 'in work'" (in Bearbeitung), German words for the things themselves ("Rechner isolieren").
    .replace(/\b(is|are)\s+by\s+(?:virus\s?total|vt)\s+(?:from|by|of)\s+((?:at\s+least|min(?:imum|\.)?|more\s+than|over|less\s+than|under)\s+)?(\d+)\s+(engines?|vendors?|avs?|scanners?)\s+as\s+(malicious|bad|dangerous)\s+(?:recogni[sz]ed|detected|classified|identified|marked|rated|flagged|reported|seen|found)\b/gi, (_m, verb: string, than: string | undefined, n: string, what: string) => `${verb} flagged malicious by ${than ? than.replace(/^min(?:imum|\.)?\s+$/i, 'at least ') : ''}${n} ${what} on VirusTotal`)
    .replace(/\b(when|if)\s+it\s+are\b/gi, '$1 it is')
    .replace(/\bin\s+the\s+((?:alert\s+|incident\s+)?title)\s+(?:stands|is\s+written|appears|occurs)\s+(?=["'\u2018\u201c])/gi, 'the $1 contains ')
    .replace(/(^|[.;!?]\s+)(?:and\s+)?(?:i|we)\s+(?:would\s+like\s+to|want\s+to|wish\s+to|like\s+to)\s+(?:become|get|receive|have)\s+(?:also\s+)?(?:an?\s+)?(?:teams\s+(?:message|msg|post|notification)|(?:message|notification)\s+(?:in|on|via)\s+teams)(?:\s+also|\s+as\s+well|\s+too)?(?=\s*[.;!?]|$)/gi, '$1Also post to teams')
    .replace(/(^|[.;!?]\s+|[,:]\s*)(?:can|could)\s+(?:you|u)\s+make\s+that\s+((?:the|its|their|each|every|all)\s+[\w-]+\s+(?:is|are|gets?)\b[^.;!?\n]*)/gi, (_m, lead: string, wish: string) => `${lead}${wish.replace(/\bthe\s+status\s+is\s+(?:set|put|changed)\s+(?:to|on)\s+/gi, 'set the status to ').replace(/\bthe\s+incident\s+is\s+assigned\s+to\s+/gi, 'assign the incident to ')}`)
    .replace(/\b(?:the\s+rest|everything\s+else|all\s+else|anything\s+else|all\s+other\s+(?:incidents|alerts))\s+(?:please\s+)?(?:let|leave)\s+(?:like|as)\s+it\s+is\b/gi, 'otherwise do nothing')
    .replace(/\b(please|pls)\s+let\s+(?:(them|those|these|it)\s+)?alone\b/gi, (_m, please: string, what: string | undefined) => `${please} leave ${what ?? ''}${what ? ' ' : ''}alone`)
    .replace(/\b(status)\s+(?:is\s+)?(?:set|put)\s+on\s+/gi, '$1 is set to ')
    .replace(/\b(status\s+(?:is\s+)?(?:set\s+)?to|set\s+(?:it\s+)?to)\s+["'\u2018\u201c]?in\s+(?:work|processing|bearbeitung)["'\u2019\u201d]?/gi, '$1 In Progress')
    // "but not when the device is in G - there only a full scan": "there" is those the exception names (German "dort").
    .replace(/\b(but\s+not|and\s+not|not)\s+when\s+(?=(?:the|it|they|a|an)\b)/gi, '$1 if ')
    .replace(/(\b(?:not\s+(?:if|when)|except|unless)\b[^.;!?\n]{3,120}?)(?:[.;:]\s+|\s+[-\u2013\u2014]\s+|,\s*)there\s+(?=(?:only|just)\b)/gi, '$1. For those ')
    // "only revoke the sessions, not deactivate": that step, ruled out.
    .replace(/,\s*(?:but\s+)?not\s+(?:deactivate|disable)(?=\s*[.;!]|$)/gi, ', do not disable the account')
    .replace(/,\s*(?:but\s+)?not\s+isolate(?=\s*[.;!]|$)/gi, ', do not isolate the device')
    // "but not for hashes which VirusTotal does not know": those VirusTotal has never seen are skipped.
    .replace(/\bnot\s+for\s+(?:the\s+)?(hashes|files|urls|ips|domains|indicators|iocs)\s+(?:which|that)\s+(?:virus\s?total|vt)\s+(?:does\s+not|doesn'?t|doesnt|do\s+not)\s+know\b/gi, 'skip $1 VirusTotal does not know')
    .replace(/\b(?:den\s+|the\s+)?(?:rechner|ger(?:ae|\u00e4)t)\s+(?:isolieren|isolate)\b/gi, 'isolate the device')
    .replace(/\bisolieren\b/gi, 'isolate')
    .replace(/\b(?:rechner|ger(?:ae|\u00e4)te?)\b/gi, 'device')
    .replace(/\b(?:(?:einen|ein|a|an)\s+)?(?:(full|quick|vollst\u00e4ndigen?|vollen?|schnellen?)\s+)?viren-?scan\b/gi, (_m, kind: string | undefined) => `${kind && /^(?:full|voll)/i.test(kind) ? 'a full' : kind ? 'a quick' : 'an'} antivirus scan`)
    .replace(/(?:\s*[,.!]\s*|\s+)(?:danke(?:\s+sch\u00f6n)?|vielen\s+dank)\s*[.!]*\s*$/gi, '')
    // "deactivate the account": disable it.
    .replace(/\bdeactivat(e|es|ed|ing)\b/gi, (_m, end: string) => ({ e: 'disable', es: 'disables', ed: 'disabled', ing: 'disabling' } as Record<string, string>)[end.toLowerCase()])
    // "stopped and put in quarantine on the computer": quarantined.
    .replace(/\bput\s+(?:(it|them|the\s+file|the\s+files)\s+)?in(?:to)?\s+(?:the\s+)?quarantine\b/gi, (_m, what: string | undefined) => `quarantine ${what ?? 'the file'}`)
    .replace(/\b(stopped|stop)\s+and\s+quarantine\s+the\s+file\b/gi, 'stop and quarantine the file');
}

/** What a step verb said alone acts on: "do not confirm" is "do not confirm the user as compromised". */
const BARE_VERB_OBJECT: Readonly<Record<string, string>> = {
  isolate: 'the device', disable: 'the account', revoke: 'the sessions', reset: 'the password', confirm: 'the user as compromised',
  dismiss: 'the user risk', quarantine: 'the file', restrict: 'app execution', release: 'the device from isolation', collect: 'the investigation package',
  close: 'the incident', resolve: 'the incident',
};
const NEGATED_BARE_VERB = new RegExp(String.raw`\b(do\s+not|don'?t|dont|never)\s+(${Object.keys(BARE_VERB_OBJECT).join('|')})(?=\s*(?:[.,;:!?)]|$|\s+(?:and|or|nor|either|ever|automatically|please|pls)\b))`, 'gi');

/** The Defender and Graph APIs' names of the steps (and the names KQL users give them), as the steps are said in words. */
const API_STEP_WORDS: Readonly<Record<string, string>> = {
  restrictcodeexecution: 'restrict app execution', restrictappexecution: 'restrict app execution', unrestrictcodeexecution: 'remove the app execution restriction',
  runantivirusscan: 'run an antivirus scan', collectinvestigationpackage: 'collect an investigation package', stopandquarantinefile: 'stop and quarantine the file', stopandquarantine: 'stop and quarantine',
  revokesigninsessions: 'revoke the sign-in sessions', revokesessions: 'revoke the sign-in sessions', confirmcompromised: 'confirm the user as compromised', resetpassword: 'reset the password',
  dismissriskyuser: 'dismiss the user risk', disableuser: 'disable the account', disableaccount: 'disable the account', sendmail: 'send an email',
  isolatemachine: 'isolate the device', isolatedevice: 'isolate the device', unisolatemachine: 'release the device from isolation',
};
/** "revokeSessions(recipient)", "stopAndQuarantine(file)": a call on the entity the step acts on anyway, or on the mail's recipient. */
const API_STEP_ARGUMENT = String.raw`(?:\(\s*(?:(user|account|acct|file|device|machine|host|it)|(recipient|sender))?\s*\))?`;
const API_STEP_NAME = new RegExp(String.raw`\b(isolate|unisolate|offboard|${Object.keys(API_STEP_WORDS).join('|')})${API_STEP_ARGUMENT}(?=\s+(?:on|for|to|the|that|this|each|every|all|it|them|and|then|so|too|also|only|if|when|unless)\b|\s*[.;,)+(]|\s*$)`, 'gi');

/** XSOAR's commands for Defender for Endpoint, Microsoft Graph and mail, by the step each runs. */
const XSOAR_COMMANDS: Readonly<Record<string, string>> = {
  'microsoft-atp-isolate-machine': 'isolate the device', 'microsoft-atp-unisolate-machine': 'release the device from isolation',
  'microsoft-atp-run-antivirus-scan': 'run an antivirus scan', 'microsoft-atp-collect-investigation-package': 'collect an investigation package',
  'microsoft-atp-restrict-app-execution': 'restrict app execution', 'microsoft-atp-remove-app-restriction': 'remove the app execution restriction',
  'microsoft-atp-stop-and-quarantine-file': 'stop and quarantine the file', 'microsoft-atp-sc-indicator-create': 'block the indicator',
  'microsoft-atp-indicator-create': 'block the indicator', 'microsoft-atp-create-indicator': 'block the indicator',
  'msgraph-user-session-revoke': 'revoke the sign-in sessions', 'msgraph-user-account-disable': 'disable the account',
  'msgraph-user-change-password': 'reset the password', 'msgraph-user-force-reset-password': 'reset the password',
  'msgraph-identity-protection-risky-user-confirm-compromised': 'confirm the user as compromised', 'msgraph-identity-protection-risky-user-dismiss': 'dismiss the user risk',
  'azure-risky-users-confirm-compromised': 'confirm the user as compromised', 'azure-risky-users-dismiss': 'dismiss the user risk',
  'send-mail': 'send an email', 'microsoft-teams-send-notification': 'post to teams', 'send-notification': 'post to teams',
};
const XSOAR_COMMAND_NAME = new RegExp(String.raw`(?<![\w-])!?(${Object.keys(XSOAR_COMMANDS).join('|')})(?![\w-])`, 'gi');

const NEGATED_STEP_NOUN: Readonly<Record<string, string>> = {
  isolation: 'isolate', isolating: 'isolate', containment: 'isolate', blocking: 'block', block: 'block', quarantine: 'quarantine', quarantining: 'quarantine',
  scan: 'scan', scanning: 'scan', restriction: 'restrict app execution on', disabling: 'disable', reset: 'reset the password of', resetting: 'reset the password of',
};
const NEGATED_STEP_AFTER_CASE = new RegExp(String.raw`(\b(?:if|when|whenever|for|on)\s+[^,.;:!?]{2,80}?)\s*(,\s*|\s+)(?:no|without)\s+(${Object.keys(NEGATED_STEP_NOUN).join('|')})\b(?!\s+(?:of|on|for|from|the|an?|it|them|their|his|her|its)\b)`, 'gi');

/**
 * "for servers no isolation, only the scan", "if the device is a server NO isolation": a step said as a noun with "no",
 * right after a case, is that step not done in that case. (Read as two known words, "no isolation" had been passed over
 * and the isolation run on the servers.)
 */
function negatedStepNouns(text: string): string {
  return text.replace(NEGATED_STEP_AFTER_CASE, (m: string, cased: string, _gap: string, noun: string) => {
    // "if there is no isolation", "when it has no scan": the case itself, not a step.
    if (/\b(?:is|are|was|were|has|have|had|with|there|been)$/i.test(cased.trim())) return m;
    return `${cased}, do not ${NEGATED_STEP_NOUN[noun.toLowerCase()]} them`;
  });
}

/**
 * Rule-outs and subjects said in chat: "never touch anything tagged X", "servers are off limits for isolation", "any incident
 * with mimikatz or 'credential theft' in an alert title".
 */
function spokenRuleOuts(text: string): string {
  // "grab a package + full scan on every device in it. skip anything tagged 'lab'": with device steps, what is tagged may be
  // the incident or the device; both are skipped (read as the incident's tag alone, the lab device had been scanned).
  if (/\b(?:isolat|scan|collect|restrict|quarantin|package|pkg)\w*/i.test(text)) {
    text = text.replace(/\b(skip|ignore|exclude|leave\s+out)\s+(?:anything|everything|stuff|whatever)\s+(?:that(?:'s|\s+is)\s+)?(?:tagged|labell?ed|with\s+the\s+tag)\s+(["'\u2018\u201c]?[\w-]+(?:\.[\w-]+)*["'\u2019\u201d]?)(?![\w'-])(?!\s+(?:entirely|altogether|completely|totally))/gi, (_m, verb: string, tag: string) => `${verb} incidents tagged '${bareName(tag)}' or devices tagged '${bareName(tag)}'`);
  }
  return text
    // "never touch anything tagged PROD-PAYMENTS even if it's a workstation": the incidents with that tag and the devices with
    // it (read as the incident's tag alone, a tagged device in an untagged incident had been isolated).
    .replace(/\b(never|do\s+not|don'?t|dont)\s+(?:ever\s+)?touch\s+(?:anything|stuff|things)\s+(?:that(?:'s|\s+is)\s+)?(?:tagged|labell?ed|with\s+the\s+tag)\s+(["'\u2018\u201c]?[\w.-]+["'\u2019\u201d]?)(?:\s*,?\s*even\s+if\s+(?:it'?s|it\s+is)\s+(?:an?\s+)?[\w-]+)?/gi, '$1 touch incidents tagged $2 or devices tagged $2')
    // "servers are off limits for isolation", "the kiosks are a no-go for scans": that step never on them (read as a step of
    // its own, "isolation" had isolated the servers). Without the step named, they are never touched.
    .replace(OFF_LIMITS,
      (_m, lead: string, what: string, step: string | undefined) => `${lead}never ${step ? ({ isolation: 'isolate', isolating: 'isolate', containment: 'isolate', quarantine: 'quarantine files on' } as Record<string, string>)[step.toLowerCase()] ?? (/^scan/i.test(step) ? 'scan' : 'isolate') : 'touch'} ${what}`)
    // "any incident with mimikatz or 'credential theft' in an alert title": whose alert title contains them.
    .replace(/\b(incidents?|alerts?)\s+(?:with\s+|w\/\s*)((?:'[^']+'|"[^"]+"|[\w-]+)(?:\s*(?:,|\bor\b)\s*(?:'[^']+'|"[^"]+"|[\w-]+))*)\s+in\s+(?:an?|the|its|their)\s+(?:alert\s+)?titles?\b/gi, '$1 whose alert title contains $2');
}

/**
 * What another flow covers: "EDR alerts are handled in another flow, ignore them here" leaves those alerts out;
 * "no file / URL indicators in this one, thats a separate flow" and "(ZAP does the job)" only say where the rest is done.
 */
function handledElsewhere(text: string): string {
  return text
    // "Windows: not this playbook, leave it to the existing one": those devices are left out.
    .replace(/(^|[.;]\s*|\n\s*(?:[-*\u2022]\s*)?)((?:windows|linux|mac\s?os|macs?|servers?|workstations?|dcs?|domain\s+controllers?)(?:\s+(?:boxes|hosts|machines|devices|endpoints|servers))?)\s*:\s*not\s+(?:in\s+|for\s+)?(?:this|the)\s+(?:playbook|one|rule|automation|runbook)\b(?:\s*,\s*(?:leave|that'?s|thats|it'?s|its|the\s+(?:other|existing|old)\s+(?:one|playbook|rule|flow)|another\s+(?:one|playbook|rule|flow))\b[^.;\n]*)?/gi, '$1skip $2')
    .replace(/(^|[.;(\n]\s*)((?:the\s+)?(?:[\w-]+\s+){0,3}?(?:alerts|incidents|detections))\s+are\s+(?:handled|covered|dealt\s+with|taken\s+care\s+of)\s+(?:in|by)\s+(?:another|a\s+separate|a\s+different|their\s+own|the\s+[\w-]+)\s+(?:flow|playbook|runbook|rule|automation|process|team|logic\s+app)\s*(?:[,;-]\s*|\s+so\s+)(?:please\s+)?(?:ignore|skip)\s+(?:them|those|these)(?:\s+here)?/gi, '$1ignore $2')
    .replace(/,?\s*(?:that|this|thats|that's|it's|its)\s*(?:is\s+)?(?:a\s+|in\s+a\s+)?(?:separate|different|another|other)\s+(?:flow|playbook|runbook|rule|automation|logic\s+app)\b/gi, '')
    .replace(/\s*\(\s*(?:the\s+)?[\w-]+(?:\s+[\w-]+){0,2}\s+(?:does|handles|takes\s+care\s+of|covers)\s+(?:the\s+job|it|that|them|those|this)\s*\)/gi, '')
    .replace(/\b(no\s+(?:[\w/ ]{1,30}?\s+)?(?:indicators?|iocs?|blocks?|actions?))\s+(?:in|for)\s+(?:this|the)\s+(?:one|flow|playbook|rule|automation|runbook|logic\s+app)\b/gi, '$1');
}

/** Action verbs a description writes in the third person or as a gerund ("it isolates", "by blocking"). */
const ACTION_VERBS = [
  'isolate', 'release', 'quarantine', 'contain', 'scan', 'collect', 'restrict', 'block', 'add', 'create', 'assign', 'mark', 'set',
  'close', 'resolve', 'tag', 'comment', 'disable', 'suspend', 'revoke', 'reset', 'confirm', 'dismiss', 'email', 'send', 'notify',
  'post', 'share', 'alert', 'inform', 'run', 'trigger', 'stop', 'update', 'forward', 'submit', 'lock', 'escalate', 'enrich', 'check',
  'start', 'launch', 'initiate', 'perform', 'kick', 'remove', 'lift', 'drop', 'clear', 'undo', 'revert', 'unisolate', 'unrestrict', 'append',
  'move', 'require', 'force', 'apply', 'place', 'request',
];
/** The action verbs as one alternation, for the patterns that name a step by its verb. */
const ACTION_VERB = ACTION_VERBS.join('|');
const INFLECTED = new Map<string, string>();
for (const v of ACTION_VERBS) {
  const stem = v.endsWith('e') ? v.slice(0, -1) : v;
  const doubled: Record<string, string> = { run: 'running', set: 'setting', stop: 'stopping', tag: 'tagging', drop: 'dropping' };
  const third = /(?:s|sh|ch|x)$/.test(v) ? `${v}es` : v.endsWith('y') ? `${v.slice(0, -1)}ies` : `${v}s`;
  INFLECTED.set(third, v);
  INFLECTED.set(doubled[v] ?? `${stem}ing`, v);
}
INFLECTED.set('notifying', 'notify');
/** A step's verb said as an order ("isolate", "tag", "mail"), not as news ("closed 2 FPs"). */
const STEP_ORDER = new RegExp(`\\b(?:${ACTION_VERB}|mail|e-?mail|ping|page|kill|nuke|wipe)\\b`, 'i');
/** A step's verb in any of its forms ("isolate", "isolates", "isolated"), built once. */
const STEP_VERB = new RegExp(`\\b(?:${ACTION_VERB})(?:s|es|ed|d|ing)?\\b`, 'i');
/**
 * "do not disable the account, reset the password or revoke the sessions": the negation governs every step of a list that
 * ends in "or" ("nor"); read on, only the first was left out and the others became steps. (A list ending in "and" is not
 * distributed: "don't isolate, scan it and tag the incident" leaves out the isolation alone.)
 */
const NEGATED_OR_LIST = new RegExp(String.raw`\b(do\s+not|don'?t|dont|never|must\s+not|shall\s+not|should\s+not|will\s+not|won'?t)\s+((?:${ACTION_VERB})\b[^,;.:!?\n]{0,40}?(?:\s*,\s*(?:${ACTION_VERB})\b[^,;.:!?\n]{0,40}?)+\s*,?\s+(?:or|nor)\s+(?:${ACTION_VERB}|take\s+any|do\s+anything|touch)\b[^,;.:!?\n]{0,40}?)(?=\s*(?:[,;.:!?\n]|$))`, 'gi');
const NEGATED_LIST_ITEM = new RegExp(String.raw`\s*,\s*(?:or\s+|nor\s+)?|\s+(?:or|nor)\s+(?=(?:${ACTION_VERB}|take\s+any|do\s+anything|touch)\b)`, 'i');

/**
 * "block the hash + quarantine it on the box. not on DCs tho, just block there": the devices left out of the rule before
 * keep one of its steps. Read as a sentence of its own, "just block there" became a step without the rule's case (every
 * file was blocked); it is the rule's other device steps, never done on those devices.
 */
const JUST_THERE = new RegExp(String.raw`(^|[.;!?\n]\s*|,\s*)(?:but\s+)?not\s+(?:on|for)\s+(?:the\s+|any\s+)?((?:[\w-]+\s+){0,2}?(?:servers?|dcs?|domain\s+controll?ers?|workstations?|laptops?|macs?|boxes|hosts|devices|machines|endpoints))(?:\s+(?:tho|though|obviously|ofc))?\s*[,.;:-]?\s*(?:just|only)\s+(${ACTION_VERB})(?:\s+(?:it|them|the\s+[\w-]+))?\s+(?:there|on\s+(?:those|them|these)|for\s+(?:those|them|these))\b`, 'gi');
/** A rule's device steps, and how "never" says each of them for some devices. */
const DEVICE_STEP_FAMILIES: Array<[RegExp, string]> = [
  [/\b(?:isolat\w*|contain)\b/i, 'never isolate $'],
  [/\bscan\w*/i, 'never scan $'],
  [/\bcollect\w*|\b(?:pkg|package)\b/i, 'never collect an investigation package from $'],
  [/\brestrict\w*/i, 'never restrict app execution on $'],
  [/\bquarantin\w*/i, 'never quarantine files on $'],
];

/**
 * "quarantine the file, block the hash and collect a package, except (skip) devices tagged X": the devices' exception
 * ends the run, as "unless the device is tagged X" does (read with the last step, a step that acts on no device had run
 * for them).
 */
/** Every action verb in a text, counted once per word. */
/** A step said inside what was taken for a case: "the host has the kiosk tag collect an investigation package instead". */
const CASE_HAS_STEP = new RegExp(String.raw`\binstead\b|\b(?:${ACTION_VERB})\s+(?:the|its|their|his|her|app|code|it|them|an?)\b`, 'i');
const ACTION_VERBS_IN = new RegExp(String.raw`\b(?:${ACTION_VERB})\b`, 'gi');

function deviceExceptionEndsRun(text: string): string {
  return text.replace(/,\s*(?:but\s+)?except\s+(?:(?:skip|ignore|exclude|for|on)\s+)?(?:any\s+|all\s+|the\s+)?(?:devices?|machines?|hosts?|box(?:es)?|endpoints?)\s+(?:(?:tagged|with\s+(?:the\s+)?(?:machine\s+|device\s+)?tag)\s+(["'\u2018\u201c]?[\w.-]*[\w-]["'\u2019\u201d]?)|in\s+(?:the\s+)?(?:(?:device|machine)\s+)?group\s+(["'\u2018\u201c]?[\w.&-]*[\w&-]["'\u2019\u201d]?)|in\s+(?:the\s+)?(["'\u2018\u201c][\w .&-]+["'\u2019\u201d]|[\w.&-]*[\w&-])\s+(?:device\s+|machine\s+)?group)(?=\s*(?:[.;!\n]|$))/gi, (m: string, tag: string | undefined, group: string | undefined, named: string | undefined, offset: number, whole: string) => {
    const sentence = whole.slice(0, offset).split(/[.;!?\n]/).pop() ?? '';
    if ((sentence.match(ACTION_VERBS_IN) ?? []).length < 2) return m;
    const quoted = (x: string): string => (/^["'\u2018\u201c]/.test(x) ? x : `'${x}'`);
    return tag ? `, unless the device is tagged ${quoted(tag)}` : `, unless the device is in the ${quoted((group ?? named ?? '').trim())} device group`;
  });
}

/** Steps said to "you", or after a case with "can it": built once, not per request. */
const YOU_AFTER_CASE = new RegExp(String.raw`(\b(?:if|when|unless|whenever)\s+[^.;:!?,]{3,150}?)\s+you\s+(?:(?:just|always|then|also|simply)\s+)?(?=(?:(?:never|do\s+not|don'?t|dont)\s+)?(?:${ACTION_VERB}|grab|take|cut|kick|ping|email|mail|put|drop|slap|give|leave|ignore|touch)\b)`, 'gi');
const YOU_AFTER_DASH = new RegExp(String.raw`(\s[-\u2013\u2014]\s*)you\s+(?:(?:just|always|then|also|simply)\s+)?(?=(?:${ACTION_VERB}|grab|take|ping|email|mail|put|drop|slap|give|leave)\b)`, 'gi');
const YOU_STEP = new RegExp(String.raw`(^|[.;:!?>]\s*|\n\s*|,\s*(?:and\s+|then\s+|but\s+)?|\b(?:and|then|instead)\s+)you\s+(?:(?:just|always|then|also|simply|first)\s+)?(?=(?:(?:never|do\s+not|don'?t|dont)\s+)?(?:${ACTION_VERB}|grab|take|cut|kick|ping|email|mail|put|drop|slap|give|leave|ignore)\b)`, 'gi');
const ASK_AFTER_CASE = new RegExp(String.raw`(\b(?:when|whenever|if|once|for|on)\b[^.;!?]{3,200}?)[,\s]+(?:can|could|would|will)\s+(?:it|you|u|ya|the\s+bot|rampart)\s+(?:please\s+|pls\s+|plz\s+|just\s+|also\s+|automatically\s+)*(?=(?:${ACTION_VERB}|cut|take|make|put|get|grab|kick|email|mail|tell|ping|lock)\b)`, 'gi');
const STEP_AFTER_SEMICOLON = new RegExp(String.raw`((?:^|[.!?:\n]\s*)(?:if|when|whenever|unless)\b[^.;!?\n]{3,150},\s*[^.;!?\n]+?);\s+(?=(?:${ACTION_VERB})\b)`, 'gi');
/** Where a description's verb stands: after its subject ("it", "the playbook") or a connective ("by", "and then"). */
const DESCRIPTIVE_VERB = new RegExp(
  `\\b((?:it|this\\s+playbook|the\\s+playbook|playbook|this\\s+automation|the\\s+automation|the\\s+logic\\s+app|the\\s+workflow|rampart|which|by|then|and|also|automatically|immediately|first|finally|before|after|while)\\s+(?:then\\s+|also\\s+|automatically\\s+|immediately\\s+|optionally\\s+|only\\s+|just\\s+)*|,\\s+)(${[...INFLECTED.keys()].join('|')})\\b`,
  'gi',
);

/** The subject of a description ("this playbook then ..."), dropped before its action verb so the clause reads as an instruction. */
const DESCRIPTION_SUBJECT =
  /\b(?:it|this\s+playbook|the\s+playbook|this\s+automation|the\s+automation|the\s+logic\s+app|the\s+workflow|rampart|we)\s+(?:(?:will|then|also|automatically|immediately|should|can|must|would|first|finally|optionally|only)\s+)*(?=[a-z]+\b)/gi;

/** Verbs a description starts a sentence with ("Releases devices from isolation ..."); nouns such as "Alerts" are not among them. */
const SENTENCE_VERBS = /(^|[.;:!?]\s+)(adds|releases|isolates|quarantines|collects|restricts|disables|revokes|resets|confirms|dismisses|assigns|closes|resolves|sends|notifies|emails|creates|contains|stops|enriches|escalates|submits|forwards|blocks|starts|launches)\b/gi;

/** "it isolates the device by blocking ...": the base forms the grammar reads. */
function baseForms(text: string): string {
  let based = text.replace(SENTENCE_VERBS, (_m: string, lead: string, verb: string) => `${lead}${INFLECTED.get(verb.toLowerCase()) ?? verb}`);
  // Matches may overlap (", it collects"): repeat until nothing changes.
  for (let pass = 0; pass < 3; pass++) {
    const next = based.replace(DESCRIPTIVE_VERB, (m: string, lead: string, verb: string) => {
      const base = INFLECTED.get(verb.toLowerCase());
      return base ? `${lead}${base}` : m;
    });
    if (next === based) break;
    based = next;
  }
  return based.replace(DESCRIPTION_SUBJECT, (m: string, offset: number, whole: string) => {
    const next = /^[a-z]+/i.exec(whole.slice(offset + m.length))?.[0].toLowerCase() ?? '';
    // ("if 5 or more engines flag it isolate the device": "it" is what the verb before it acts on, not who acts.)
    if (/^it\b/i.test(m) && /\b(?:flag|flags|flagged|mark|marks|detect|detects|see|sees|call|calls|rate|rates|consider|considers|classify|classifies|report|reports|list|lists|know|knows|hit|hits|catch|catches|find|finds|score|scores|label|labels)\s+$/i.test(whole.slice(Math.max(0, offset - 20), offset))) return m;
    return ACTION_VERBS.includes(next) || next === 'only' ? '' : m;
  });
}

const DEVICE_NOUN = String.raw`(?:devices?|machines?|hosts?|endpoints?|boxe?s?|computers?|servers?|workstations?|laptops?|desktops?|pcs?)`;
const USER_NOUN = String.raw`(?:users?|accounts?|accts?|identit(?:y|ies)|people|persons?|employees?|admins?|members?|upns?|logins?|mailboxe?s?|sender|recipients?)`;

const DEVICE_IN_QUOTED_GROUP = new RegExp(String.raw`\b(${DEVICE_NOUN})\s+(is|are|sits?|lives?|resides?)\s+(not\s+)?in\s+(?:the|an?|any)\s+(["'\u2018\u201c][^"'\u2019\u201d\n]{1,60}["'\u2019\u201d])\s+group\b`, 'gi');
const DEVICE_WORD = new RegExp(String.raw`\b${DEVICE_NOUN}\b`, 'gi');
const USER_WORD = new RegExp(String.raw`\b${USER_NOUN}\b`, 'gi');

/**
 * "the device is in the 'Kiosks' group", "isolate the box unless it is in the 'Kiosks' group": a group said of a device is a
 * device group. ("it" is whichever was named last before it in the sentence: read as an Entra group of users, the
 * isolation had reached the boxes the request spared.)
 */
function deviceGroupsSaid(text: string): string {
  const lastAt = (word: RegExp, sentence: string): number => [...sentence.matchAll(word)].at(-1)?.index ?? -1;
  return text
    .replace(DEVICE_IN_QUOTED_GROUP, (_m, noun: string, verb: string, not: string | undefined, name: string) => `${noun} ${/^(?:is|are)$/i.test(verb) ? verb : /s$/i.test(verb) ? 'is' : 'are'} ${not ?? ''}in the ${name} device group`)
    // ("unless its in OT-Net group", unquoted: a name of one word, with a capital or a dash, is the name.)
    .replace(/\b(it\s+is|it'?s|its)\s+(not\s+)?in\s+(?:(?:the|an?|any)\s+(["'\u2018\u201c][^"'\u2019\u201d\n]{1,60}["'\u2019\u201d])|(?:the\s+)?((?=[\w.&-]*[A-Z-])[A-Za-z][\w.&-]*[\w&]))\s+group\b/g, (m: string, itIs: string, not: string | undefined, quoted: string | undefined, bare: string | undefined, offset: number, whole: string) => {
      const sentence = whole.slice(0, offset).split(/[.;!?\n]/).pop() ?? '';
      return lastAt(DEVICE_WORD, sentence) > lastAt(USER_WORD, sentence) ? `${itIs} ${not ?? ''}in the ${quoted ?? `'${bare}'`} device group` : m;
    });
}

const POLICY_VERB = String.raw`(isolate|contain|restrict\s+app(?:lication)?\s+execution(?:\s+on)?|(?:run\s+an?\s+)?(?:av\s+|antivirus\s+)?scan|collect\s+(?:an?\s+)?(?:investigation\s+)?package(?:\s+(?:from|on))?|quarantine\s+files\s+on)`;
const POLICY_KIND = String.raw`(?:the\s+|any\s+)?(servers?|workstations?)`;
/** "dont isolate servers, only workstations". */
const NEVER_KIND_ONLY_OTHER = new RegExp(String.raw`(^|[.;!?\n]\s*)(?:so\s+)?(?:do\s+not|don'?t|dont|never)\s+${POLICY_VERB}\s+${POLICY_KIND}\s*(?:[,;:]|\s[-\u2013\u2014])?\s*(?:only|just)\s+${POLICY_KIND}(?:\s+only)?\s*(?:[.!;]+|(?=\n)|$)`, 'gi');
/** "isolate only workstations, never servers". */
const ONLY_KIND_NEVER_OTHER = new RegExp(String.raw`(^|[.;!?\n]\s*)${POLICY_VERB}\s+(?:only\s+${POLICY_KIND}|${POLICY_KIND}\s+only)\s*(?:[,;:]|\s[-\u2013\u2014])?\s*(?:(?:but\s+)?(?:not|never)|and\s+never)\s+${POLICY_KIND}\s*(?:[.!;]+|(?=\n)|$)`, 'gi');

/**
 * A rule about which kind of device an action may touch, said beside the steps that do it: "dont isolate servers, only
 * workstations", "isolate only workstations, never servers". A workstation is any device that is not a server, so both say
 * "never isolate servers", which reaches every isolation the request asks for. (Read as steps, the first had left out
 * servers and workstations alike, said with a dash it had isolated both, and the second ran an isolation of its own on
 * every incident beside the one the request asked for.)
 */
function kindPolicies(text: string): string {
  const isServer = (k: string): boolean => k.toLowerCase().startsWith('server');
  const never = (lead: string, verb: string, spared: string): string => `${lead}never ${verb.toLowerCase()} ${isServer(spared) ? 'servers' : 'workstations'}. `;
  // The same verb said elsewhere in the request: the steps the rule is about.
  const stepsElsewhere = (verb: string, whole: string, from: number, to: number): boolean =>
    new RegExp(String.raw`\b${verb.split(/\s+/)[0]}\w*\b`, 'i').test(whole.slice(0, from) + whole.slice(to));
  return text
    .replace(NEVER_KIND_ONLY_OTHER, (m: string, lead: string, v: string, a: string, b: string) => (isServer(a) !== isServer(b) ? never(lead, v, a) : m))
    .replace(ONLY_KIND_NEVER_OTHER, (m: string, lead: string, v: string, b1: string | undefined, b2: string | undefined, a: string, offset: number, whole: string) =>
      isServer(a) !== isServer(b1 ?? b2 ?? '') && stepsElsewhere(v, whole, offset, offset + m.length) ? never(lead, v, a) : m)
    .trim();
}

/** Device kinds that get their own action: "servers get restricted app execution" is "; for servers, restrict app execution". */
function kindClauses(text: string): string {
  return text
    .replace(
      /(^|[.;]\s+|,\s*)(?:and\s+|but\s+|while\s+)?((?:the\s+|all\s+)?(?:domain\s+controllers?|dcs|servers|workstations|laptops|desktops|(?:linux|windows|mac)\s+(?:boxes|hosts|servers|machines|devices|endpoints)))\s+(?:should\s+|will\s+|must\s+|only\s+|just\s+)*(?:get|gets|receive|receives|are\s+given|have)\s+(?!(?:left|ignored|skipped|spared|excluded|exempted|untouched)\b)/gi,
      (_m, lead: string, kind: string) => `${/^,/.test(lead) ? '; ' : lead}for ${kind.toLowerCase()}, `,
    )
    // "..., servers get left alone": the steps skip them.
    .replace(/(^|[.;]\s+|,\s*)(?:and\s+|but\s+|while\s+)?((?:the\s+|all\s+)?(?:domain\s+controllers|dcs|servers|workstations|laptops|desktops|(?:linux|windows|mac)\s+(?:boxes|hosts|servers|machines|devices|endpoints)))\s+(?:should\s+|will\s+|must\s+)?(?:get|gets)\s+(?:left\s+(?:alone|untouched|out)|ignored|skipped|spared|excluded|exempted)\s*(?=[.;!?\n]|$)/gi, (_m, lead: string, kind: string) => `${/^,/.test(lead) ? '; ' : lead}skip ${kind.toLowerCase()}`)
    // "linux boxes collect an investigation package": the devices, then what they get.
    .replace(
      /(^|[.;]\s+|,\s*)(?:and\s+|but\s+)?((?:linux|windows|mac|macos)(?:\s+(?:boxes|hosts|machines|devices|endpoints|servers|laptops|workstations))?|servers|workstations|laptops|desktops|domain\s+controllers|dcs)\s+(?=(?:collect|run|isolate|scan|restrict|quarantine|just|only(?=\s+\w)|nothing|get\s+nothing)\b)/gi,
      (_m, lead: string, kind: string) => `${/^,/.test(lead) ? '; ' : lead}for ${kind.toLowerCase()}, `,
    )
    // "the rest get a quick scan", "all other hosts receive ...": the devices the cases before did not take.
    .replace(/(^|[.;:]\s*|,\s*)(?:and\s+|but\s+)?(?:the\s+rest(?:\s+of\s+(?:them|the\s+(?:devices|machines|hosts|endpoints|boxes)))?|all\s+(?:the\s+)?others|(?:any|all|every)\s+other\s+(?:devices?|machines?|hosts?|endpoints?|box(?:es)?|ones?)|(?:the\s+|all\s+)?remaining\s+(?:devices|machines|hosts|endpoints|boxes|ones))\s+(?:just\s+|only\s+)?(?:get|gets|receive|receives|are\s+given|is\s+given|undergo|undergoes)\s+/gi, '$1otherwise, ')
    // What they "get", as an instruction: "a scan" is "run a scan", "isolated" is "isolate".
    .replace(/(\bfor\s+[^,;.]+|\botherwise),\s+restricted\s+/gi, '$1, restrict ')
    .replace(/(\bfor\s+[^,;.]+|\botherwise),\s+(?:an?\s+)?((?:quick\s+|full\s+|deep\s+)?(?:antivirus\s+|av\s+)?scan)\b/gi, '$1, run a $2')
    .replace(/(\bfor\s+[^,;.]+|\botherwise),\s+(?:an?\s+)?((?:investigation|forensic)\s+package)\b/gi, '$1, collect an $2')
    .replace(/(\bfor\s+[^,;.]+|\botherwise),\s+(isolated|quarantined|contained)\b/gi, (_m, lead: string, v: string) => `${lead}, ${v.toLowerCase().replace(/d$/, '')}`);
}

/** "but not if it's a server", "unless it's a DC": an exclusion of that kind of device. */
function deviceExclusions(text: string): string {
  // "isolate it. only if it's not a server.": a sentence of its own that says which kind of device the steps before may
  // touch ("but not servers.", "but only for workstations.", which hold for the device steps said before it).
  // ("unless it's a server." on its own: but not servers.)
  text = text.replace(/(^|[.!?]\s+)(?:but\s+)?unless\s+(?:its|it'?s|it\s+is|the\s+(?:device|machine|host|box|endpoint|computer)\s+is|they'?re|they\s+are)\s+(?:an?\s+)?(domain\s+controller|dc|server|workstation|desktop)s?\s*(?=[.!?]|$)/gi, (_m, lead: string, kind: string) => `${lead}but not ${kind.toLowerCase()}s`);
  text = text.replace(
    /(?<lead>^|[.!?]\s+)(?:but\s+)?only\s+(?:if|when)\s+(?:its|(?:it|the\s+(?:device|machine|host|box|endpoint|computer)s?|they)(?:'s|'re|\s+is|\s+are|\s+(?:isn'?t|aren'?t)(?<not1>)))\s+(?:not\s+(?<not2>))?(?:an?\s+)?(?<kind>domain\s+controller|dc|server|workstation|laptop|desktop)s?\s*(?=[.!?]|$)/gi,
    (...m: unknown[]) => {
      const groups = m.at(-1) as Record<string, string | undefined>;
      return `${groups.lead}${groups.not1 !== undefined || groups.not2 !== undefined ? 'but not' : 'but only for'} ${(groups.kind ?? '').toLowerCase()}s`;
    },
  );
  return text.replace(
    /\b(?:but\s+)?(?:not\s+if|except\s+(?:if|when))\s+(?:it'?s|its|it\s+is|the\s+(?:device|machine|host|box|endpoint)\s+is|they'?re|they\s+are)\s+(?:an?\s+)?(?=(?:domain\s+controller|dc|server|workstation|laptop|linux|windows|mac)s?\b)/gi,
    'except ',
  );
}

const NUMBER_WORDS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15,
  fourteen: 14, twenty: 20, thirty: 30, sixty: 60, ninety: 90,
};
const UNIT = '(?:(?:or\\s+more|\\+|malicious|vt|virustotal|antivirus|av|security)\\s+)*(?:engines?|vendors?|detections?|avs?|scanners?|positives?|hits?|days?|weeks?|months?|hours?|devices?|machines?|alerts?|hosts?|users?)\\b';

/** "three engines", "one week": digits, so thresholds and expiry read them (and the ledger can check them). */
function numberWords(text: string): string {
  return text
    // "10 or less but not zero", "4 or fewer but more than zero": a band that starts at one engine.
    .replace(/\b(\d+)\s+or\s+(?:fewer|less|lower|below|under)\s*,?\s*(?:but|and)\s+(?:not\s+(?:zero|0|none)|(?:more|greater|higher)\s+than\s+(?:zero|0)|above\s+(?:zero|0)|at\s+least\s+(?:one|1))\b/gi, (_m, n: string) => `1-${n}`)
    // "URL with 1-4 malicious: tag ...", "URL with zero malicious: resolve ...": a band said as a heading of what has it.
    .replace(/(^|[.;!?]\s+|\n\s*(?:\d+[.)]\s*)?)(?:an?\s+|the\s+|any\s+|each\s+)?(?:urls?|ips?|files?|hash(?:es)?|domains?|iocs?)\s+with\s+(\d+\s*-\s*\d+|zero|no|0)\s+(?:malicious|detections?|engines?|hits?)(?:\s+(?:on|in|from)\s+(?:vt|virustotal))?\s*:\s*/gi, (_m, lead: string, band: string) => `${lead}If ${/^(?:zero|no)$/i.test(band) ? '0' : band.replace(/\s+/g, '')}: `)
    // "if it has 1-4 malicious", "if malicious is 1-10": the band said with what has it.
    .replace(/\b(if|when)\s+(?:(?:the\s+)?(?:vt\s+|virustotal\s+)?(?:malicious(?:\s+count)?|detections?|count|score|hits|engines)\s+(?:is|are)|(?:it|they|the\s+[\w-]+)\s+(?:has|have|gets?|shows?))\s+(\d+\s*-\s*\d+)(?:\s+(?:malicious|detections?|engines?|hits?|vendors?))?(?=\s*(?:[,:;]|->|\s-\s|$))/gi, '$1 $2')
    // "if it's 3 or fewer", "4 or less engines": an upper bound, said as "fewer than" the next count.
    .replace(/\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+or\s+(?:fewer|less|lower|below|under)\b/gi, (_m, n: string) => `fewer than ${(/^\d+$/.test(n) ? Number(n) : NUMBER_WORDS[n.toLowerCase()] ?? 0) + 1}`)
    .replace(new RegExp(`\\b(zero|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty|sixty|ninety)\\b(?=\\s+${UNIT}|\\s+or\\s+(?:more|greater|higher|above|over)\\b)`, 'gi'), (w) => String(NUMBER_WORDS[w.toLowerCase()]))
    // "when the count is zero": no engine, said as a word.
    .replace(/\b((?:if|when|where)\s+(?:(?:it|the\s+(?:count|score|result|number|verdict))\s+)?(?:is|'s|are|=|equals)\s+)zero\b/gi, '$10')
    .replace(/\b(at\s+least|more\s+than|fewer\s+than|less\s+than|over|under|above|below|>=?|<=?)\s*(one|two|three|four|five|six|seven|eight|nine|ten|twenty)\b/gi, (_m, lead: string, w: string) => `${lead} ${NUMBER_WORDS[w.toLowerCase()]}`)
    .replace(new RegExp(`\\b(one|a|an)\\s+(?=(?:day|week|month)\\b)`, 'gi'), '1 ')
    // "one to nine detections": a band written in words.
    .replace(/\b(one|two|three|four|five|six|seven|eight|nine|ten)\b(?=\s+(?:to|-|through)\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|twenty)\b)/gi, (w) => String(NUMBER_WORDS[w.toLowerCase()]))
    // "5 or greater", "10 and up", "3 or above": one way to say a lower bound.
    .replace(/\b(\d+)\s*(?:or\s+(?:greater|higher|above|over|up)|and\s+(?:up|above|over|higher|greater)|or\s+more)\b/gi, '$1 or more')
    .replace(/\b(\d+)\s+((?:malicious\s+)?(?:engines?|detections?|hits?|vendors?|positives?))\s+(?:or\s+(?:greater|higher|above|over|more)|and\s+(?:up|above|over|higher|greater))\b/gi, '$1 or more $2');
}

/** "Servers are excluded (from the restriction)." after a sentence: ", except servers" on that sentence. */
const EXCLUDED_DEVICES = '((?:domain\\s+controllers?|dcs?|servers?|workstations?|laptops?|desktops?|macs)|(?:windows|linux|macos|mac)\\s+(?:devices?|machines?|hosts?|endpoints?|boxes|servers?|workstations?)|(?:devices?|machines?|hosts?|endpoints?)\\s+(?:running|on)\\s+(?:an?\\s+)?(?:windows\\s+)?servers?(?:\\s+(?:operating\\s+system|os|edition))?)';
const EXCLUDED_VERB = '(?:are|is|should\\s+be|must\\s+be|will\\s+be|get|are\\s+always)\\s+(?:excluded|exempt(?:ed)?|skipped|spared|left\\s+(?:out|alone)|out\\s+of\\s+scope|not\\s+(?:touched|included|affected|handled|covered|processed|in\\s+scope))(?:\\s+(?:from|by)\\s+[^.;]*)?';

function excludedKind(kind: string): string {
  return /\bservers?\b/i.test(kind) && !/^servers?$/i.test(kind) ? 'servers' : kind.toLowerCase();
}

/** "Servers are excluded from isolation (and only get a full scan)", "Devices in the X device group are exempt from containment". */
const EXCLUDED_FROM_ISOLATION = new RegExp(
  String.raw`(^|[.;]\s+|(?:^|[.;]\s+)exceptions?\s*:\s*)(?:but\s+)?(?:the\s+|all\s+|any\s+)?(?:${EXCLUDED_DEVICES}|(?:devices?|machines?|hosts?|endpoints?)\s+(?:that\s+are\s+members\s+of|which\s+are\s+members\s+of|(?:that\s+are\s+|which\s+are\s+)?in|(?:that\s+)?belong(?:ing|s)?\s+to)\s+(?:the\s+)?(?:["'\u2018\u201c]([^"'\u2019\u201d]{1,60})["'\u2019\u201d]|([A-Za-z0-9][\w&.-]*))\s+(?:device\s+|machine\s+)?group)` +
    String.raw`\s+(?:(?:are|is|will\s+be|should\s+be|must\s+be)\s+(?:always\s+)?(?:excluded|exempt(?:ed)?|spared)\s+from\s+(?:the\s+)?(?:automatic\s+|automated\s+|auto-?\s*)?(?:network\s+|device\s+)?(?:isolation|containment)(?:\s+steps?)?|(?:are|is|will\s+be)\s+(?:never|not)\s+(?:isolated|contained)(?:\s+by\s+(?:this|the)\s+playbook)?)(?!\s*(?:[:,]|\s-)\s*(?:for\s+(?:those|them|these)|instead))` +
    String.raw`(?:(?:\s*,?\s+and\s+(?!(?:the|an?|all|any|every|incidents?|alerts?|users?|accounts?)\b)|\s*;\s*for\s+(?:them|those|these)(?:\s+(?:devices|machines|hosts|servers))?\s*,?\s+)(?:are\s+|is\s+)?(?:only\s+|instead\s+|just\s+)?([^.;]{3,120}?))?(?=\s*(?:[.;]|$))`,
  'gi',
);

/** What devices left out of a step get instead, said of them ("only get a full scan", "are tagged 'review'"), as a step. */
function insteadStep(rest: string): string {
  const got = /^(?:only\s+|instead\s+|just\s+)?(?:get|gets|receive|receives|are\s+given|is\s+given|undergo|undergoes)\s+(?:an?\s+)?(.+)$/i.exec(rest.trim());
  if (got && /\bscan\b/i.test(got[1])) return `run a ${got[1]}`;
  if (got && /\binvestigation\s+package\b/i.test(got[1])) return `collect an ${got[1]}`;
  const tagged = /^(?:only\s+|instead\s+|just\s+)?(?:tagged|labell?ed)\s+(?:with\s+|as\s+)?(["'\u2018\u201c][^"'\u2019\u201d]{1,40}["'\u2019\u201d]|[\w.]+-[\w.-]+)$/i.exec(rest.trim());
  if (tagged) return `tag the incident ${tagged[1]}`;
  if (/^(?:only\s+|instead\s+|just\s+)?scanned$/i.test(rest.trim())) return 'run a quick antivirus scan';
  // "only the investigation package is collected", "a full scan is run".
  const passive = /^(?:only\s+)?(?:the\s+|an?\s+)?(investigation\s+package|(?:quick|full)\s+(?:antivirus\s+|av\s+)?scan)\s+(?:is|gets)\s+(?:collected|run|started|taken|requested)$/i.exec(rest.trim());
  if (passive) return /package/i.test(passive[1]) ? 'collect an investigation package' : `run a ${passive[1]}`;
  return rest;
}

function exclusionSentences(text: string): string {
  // "Containment: Endpoints running a Windows Server OS are excluded.": first thing after a title, an exclusion clause of its own.
  text = text.replace(
    new RegExp(`(^|:\\s*)(?:the\\s+|all\\s+|any\\s+)?${EXCLUDED_DEVICES}\\s+${EXCLUDED_VERB}(?=[.;]|$)`, 'gi'),
    (_m, lead: string, kind: string) => `${lead}exclude ${excludedKind(kind)}`,
  );
  text = text.replace(
    /[.;]\s+(?:but\s+)?(?:the\s+|all\s+|any\s+)?((?:domain\s+controllers?|dcs?|servers?|workstations?|laptops?|desktops?)|(?:devices?|machines?|hosts?|endpoints?)\s+(?:running|on)\s+(?:an?\s+)?(?:windows\s+)?servers?(?:\s+(?:operating\s+system|os|edition))?)\s+(?:are|is|should\s+be|must\s+be|will\s+be|get|are\s+always)\s+(?:excluded|exempt(?:ed)?|skipped|spared|left\s+(?:out|alone)|out\s+of\s+scope|not\s+(?:touched|included|affected))(?:\s+from\s+[^.;]*?)?(?:\s+and\s+(?:instead\s+)?(?:receive|get|are\s+given|undergo|have)\s+([^.;]+?))?(?=[.;]|$)/gi,
    // "... are excluded and receive a full antivirus scan instead": the exception, and what they get.
    (_m, kind: string, instead?: string) => `, except ${excludedKind(kind)}${instead ? `. For ${excludedKind(kind)}, run ${instead.replace(/^(?:a|an)\s+/i, 'a ')}` : ''}`,
  );
  // "Service accounts (names beginning with svc-) are excluded.": an exception of the accounts the steps before act on.
  return text.replace(
    /[.;]\s+(?:but\s+)?((?:the\s+|all\s+|any\s+)?(?:[\w-]+\s+){0,2}(?:accounts?|users?|identities)\b[^.;]{0,60}?)\s+(?:are|is|should\s+be|must\s+be|will\s+be|are\s+always)\s+(?:excluded|exempt(?:ed)?|skipped|spared|left\s+(?:out|alone)|out\s+of\s+scope|not\s+(?:touched|included|affected))(\s+from\s+[^.;]*)?(?=[.;]|$)/gi,
    // ("... from all of the above": from more than the sentence before, so from every step. "... from steps 1-2" names steps
    // by number, which may hold notices too: left as said, to be asked about.)
    (m: string, who: string, from?: string) => (from && /\bsteps?\s+\d/i.test(from) ? m : from && /\b(?:all|both|every|each|above|everything)\b/i.test(from) ? `. Skip ${who.replace(/^(?:the|all|any)\s+/i, '')}` : `, except ${who}`),
  );
}

/** Verbs that name the same action, one pattern per action: a bracketed one after another of its group is a gloss. */
const SAME_ACTION = [
  /^(?:suspend|suspended|disable|disabled|deactivate|deactivated|lock|locked)$/i,
  /^(?:isolate|isolated|contain|contained|quarantine|quarantined|disconnect|disconnected)$/i,
  /^(?:revoke|revoked|kill|terminate|invalidate)$/i,
  /^(?:reset|rotate|change)$/i,
];

/** "actually no", "nope", "scratch that", "make that": the writer takes back what they just said. */
const SELF_CORRECTION = /(?:\.{2,}|[.,;!(]|\s-+|\u2026)\s*(?:(?:nah|hmm+|oh|ok|okay|well|no|actually)[,\s]+)*(?:(?:actually|wait|hmm+|oh)[,\s]+(?:no|nope)\b[,.!]*|actually,?\s+(?=make\s+(?:that|it)\b)|no\s+wait\b[,.!]*|wait,?\s+no\b[,.!]*|nope\b[,.!]*|nah\b[,.!]*|no,?\s+sorry\b[,.!:]*|sorry,?\s+no\b[,.!:]*|(?:scratch|strike|forget)\s+(?:that|it)(?:\s+(?:bit|part|one|last\s+bit))?\b[,.!]*|(?:never\s*mind|nvm)(?:\s+that)?(?:[,\s]+(?:just\s+)?(?:skip|ignore|drop|forget)\s+(?:that|it)(?:\s+(?:bit|part|one))?)?\b[,.!]*|on\s+second\s+thoughts?\b[,.!]*|correction\s*:|i\s+meant?\b,?)(?:\s*,?\s*wait\b[,.!]*)?\s*(?:(?:(?:scratch|strike|forget)\s+(?:that|it)(?:\s+(?:bit|part))?|on\s+second\s+thoughts?)\b[,.!]*\s*)?(?:make\s+(?:that|it)\b:?\s*)?/i;
const CORRECTED_NUMBER = /(?:(?:>=|<=|=>|[<>\u2265]|at\s+least|more\s+than|fewer\s+than|less\s+than|over|under|above|below)\s*)?\d+\s*(?:\+|or\s+more)?(?:\s*(?:engines?|detections?|vendors?|hits?|days?|weeks?|months?|devices?|machines?|hosts?))?/gi;
/** The first step a taken-back clause said: the words before it are its trigger or condition. */
const CORRECTED_STEP = /\b(?:isolate|block|quarantine|scan|run|collect|restrict|disable|suspend|reset|revoke|tag|label|comment|close|resolve|assign|post|notify|email|mail|send|ping|message|add|mark|contain|stop|kill|release|unisolate|confirm|dismiss|lock|escalate|let\s+(?:[\w'-]+\s+){1,3}know|tell|inform)\b/i;
const CORRECTED_SEVERITY = /\b(?:critical|high|medium|low|informational)\b/gi;
/** What a step is called by its noun in a correction ("just the email", "no teams post"), and how its words read. */
const STEP_NOUNS: Array<[RegExp, RegExp]> = [
  [/^(?:e-?mail|mail)$/i, /\b(?:e-?mail|mail)\w*/i],
  [/^(?:teams(?:\s+(?:post|message|msg|ping))?|post|message|msg|ping)$/i, /\b(?:teams|post|message|msg|ping)\w*/i],
  [/^comment$/i, /\bcomment\w*/i],
  [/^tag$/i, /\btag\w*/i],
  [/^scan$/i, /\bscan\w*/i],
  [/^(?:package|pkg)$/i, /\b(?:package|pkg|collect)\w*/i],
  [/^(?:isolation|isolate)$/i, /\bisolat\w*/i],
  [/^block$/i, /\bblock\w*/i],
];

/**
 * A correction replaces what it corrects: "block the hash and quarantine.. nope just block it" blocks
 * the hash only; ">=1 engine... actually no, make that 3+ engines" is 3+ engines; "isolate it, scratch
 * that, just scan it" scans. A correction Rampart cannot place is left as it is, and so is asked about.
 */
function selfCorrections(text: string): string {
  for (let pass = 0; pass < 3; pass++) {
    const m = SELF_CORRECTION.exec(text);
    if (!m) return text;
    const before = text.slice(0, m.index);
    let restStart = m.index + m[0].length;
    // "isolate it... actually no, scratch that. just post here": the next sentence is the correction.
    if (/^\s*[.!?]*\s*$/.test(text.slice(restStart).split(/[.!?;](?:\s|$)/)[0] ?? '')) restStart += /^[\s.!?;]*/.exec(text.slice(restStart))?.[0].length ?? 0;
    const bracketed = m[0].trimStart().startsWith('(');
    const end = (bracketed ? /\)/ : /[.!?;](?:\s|$)/).exec(text.slice(restStart));
    const restEnd = end ? restStart + end.index : text.length;
    // "actually no, not the sender, block the URL": what the correction rules out first is the taken-back step again.
    // ("no, sorry, not dismiss, only post in teams": the step taken back named by its verb.)
    const fix = text.slice(restStart, restEnd).trim().replace(/^not\s+(?:(?:the|that|this|their|its)\s+[\w-]+(?:\s+[\w-]+)?|[a-z]+)\s*,\s*(?=[a-z])/i, '');
    const after = bracketed ? text.slice(restEnd).replace(/^\)/, '') : text.slice(restEnd);
    // "revoke sessions on the acct. actually no, disable it too, revoke + disable both": a correction that adds a step
    // ("too", "as well", "both") keeps what it corrects.
    const adds = /^((?:just\s+)?[a-z]+\s+(?:it|them|him|her|the\s+[\w-]+|their\s+[\w-]+))\s+(?:too|as\s+well|also)\b\s*,?\s*(.*)$/i.exec(fix);
    if (adds) {
      // ("revoke + disable both" says the two steps again.)
      const restated = adds[2].replace(/^[a-z]+\s*(?:\+|&|and)\s*[a-z]+(?:\s+both)?\s*,?\s*/i, '').trim();
      text = `${before.replace(/[\s.,;]+$/, '')}, and ${adds[1]}${restated ? `, ${restated}` : ''}${after}`;
      continue;
    }
    // What is corrected: the words since the last sentence, clause or header boundary.
    // "..., also if the user is a contractor then... forget that bit": an afterthought is a piece of its own.
    const boundary = Math.max(...[...before.matchAll(/[.!?;:](?:\s|$)|->\s|,\s+(?=(?:and\s+|then\s+)?(?:if|when|unless|otherwise|else|for)\b)|,\s+(?=(?:and\s+)?also\s+(?:if|when|for|on)\b|oh\s+and\b)/g)].map((b) => b.index + b[0].length), 0);
    const head = before.slice(0, boundary);
    const said = before.slice(boundary);
    // The first piece of the correction: "high" in "wait no, high, isolate it".
    const piece = /^[^,]*/.exec(fix)?.[0].trim() ?? '';
    const tail = fix.slice(piece.length);
    let corrected: string | undefined;
    // "post to teams and email X. actually, on second thought, only the email and not the Teams post": the steps said
    // are kept or dropped by their nouns ("just the email", "no teams post"); the case they were said for stays.
    const kept = /^(?:just|only)\s+(?:the\s+|an?\s+)?([a-z-]+(?:\s+(?:post|message|msg|ping))?)(?:\s*,?\s*(?:and\s+|but\s+)?(?:not|no)\s+(?:the\s+|an?\s+)?([a-z-]+(?:\s+(?:post|message|msg|ping))?))?\s*(?=,|$)/i.exec(fix);
    const dropped = kept ? null : /^(?:(?:no|not\s+the|skip\s+the|without\s+the|drop\s+the)\s+([a-z-]+(?:\s+(?:post|message|msg|ping))?)|(?:do\s+not|don'?t|dont)\s+(post|e-?mail|mail|comment|tag|scan|isolate|block)(?:\s+(?:to|in|on)\s+teams)?)\s*(?=,|$)/i.exec(fix);
    const stepNoun = (noun: string): RegExp | undefined => STEP_NOUNS.find(([re]) => re.test(noun))?.[1];
    const keepRe = kept ? stepNoun(kept[1]) : undefined;
    const dropRe = kept?.[2] ? stepNoun(kept[2]) : dropped ? stepNoun(dropped[1] ?? dropped[2]) : undefined;
    if (keepRe || dropRe) {
      const first = CORRECTED_STEP.exec(said);
      const lead = first ? said.slice(0, first.index) : '';
      const pieces = (first ? said.slice(first.index) : said).split(/\s*(?:,|\band\b|\+|&|\bthen\b)\s*/).filter((p) => p.trim());
      const left = pieces.filter((p) => (keepRe ? keepRe.test(p) : true) && !(dropRe && dropRe.test(p)));
      if (left.length > 0 && left.length < pieces.length) {
        const reason = fix.slice((kept ?? dropped)![0].length).replace(/^\s*,\s*/, '');
        text = `${head}${head && !/\s$/.test(head) ? ' ' : ''}${lead}${left.join(' and ')}${reason ? `, ${reason}` : ''}${after}`.replace(/^\s*[.,;]\s*/, '');
        continue;
      }
    }
    // "... and email the recipients manager... actually nvm the manager, just mail soc-lead": the piece that names what is
    // taken back goes; the other pieces, and the case they were said for, stay.
    // ("... tell the team lead... actually no, team leads aren't in the directory yet, just mail me": what is taken back,
    // said with why it cannot be done.)
    const named = /^(?:(?:the|that|this|their|its)\s+([\w-]+(?:\s+[\w-]+)?)\s*,|((?:[\w-]+\s+)?[\w-]+)\s+(?:aren'?t|isn'?t|are\s+not|is\s+not|can'?t|cannot|won'?t|don'?t|doesn'?t)\b[^,]*,)\s*(?=[a-z])/i.exec(text.slice(restStart, restEnd).trim());
    if (named) {
      const noun = escapeRegExp((named[1] ?? named[2]).replace(/s$/i, '')).replace(/\s+/g, '\\s+');
      const pieces = [...said.matchAll(/(?:^|\s+(?:and|then|&|\+)\s+|,\s*)((?:(?!\s+(?:and|then|&|\+)\s+|,)[^])+)/gi)];
      const hit = pieces.filter((p) => new RegExp(`\\b${noun}s?\\b`, 'i').test(p[1]) && CORRECTED_STEP.test(p[1]));
      if (hit.length === 1 && pieces.length > 1) {
        const kept = `${said.slice(0, hit[0].index)}${said.slice(hit[0].index + hit[0][0].length)}`.replace(/[,\s]+$/, '');
        text = `${head}${head && !/\s$/.test(head) ? ' ' : ''}${kept}, ${text.slice(restStart, restEnd).trim().slice(named[0].length)}${after}`.replace(/^\s*[.,;]\s*/, '');
        continue;
      }
    }
    if (/^(?:(?:>=|<=|=>|[<>\u2265]|at\s+least|more\s+than|fewer\s+than|less\s+than|over|under|above|below)\s*)?\d+\s*(?:\+|or\s+more)?(?:\s*[a-z]+)?$/i.test(piece)) {
      const numbers = [...said.matchAll(CORRECTED_NUMBER)];
      const last = numbers[numbers.length - 1];
      // "for 30 days, actually make it 90": a bare number keeps the unit it replaces.
      // ">= 2 ... make that 6 engines": the comparison said first still holds.
      const comparison = /^(?:(?:>=|<=|=>|[<>\u2265]|at\s+least|more\s+than|fewer\s+than|less\s+than|over|under|above|below)\s*)/i;
      const kept = last && !comparison.test(piece) && !/\+|or\s+more/i.test(piece) ? comparison.exec(last[0])?.[0] ?? '' : '';
      const replacement = /^\d+$/.test(piece) && last ? last[0].replace(/\d+/, piece) : `${kept}${piece}`;
      if (last?.index !== undefined) corrected = `${said.slice(0, last.index)}${replacement}${said.slice(last.index + last[0].length)}${tail}`;
    } else if (/^(?:critical|high|medium|low|informational)(?:\s+(?:severity|sev))?$/i.test(piece)) {
      const sevs = [...said.matchAll(CORRECTED_SEVERITY)];
      const last = sevs[sevs.length - 1];
      if (last?.index !== undefined) corrected = `${said.slice(0, last.index)}${piece.split(/\s+/)[0]}${said.slice(last.index + last[0].length)}${tail}`;
    } else {
      // What the taken-back words said before their first step ("on high sev incidents") still holds.
      // "when ... the mail got delivered, block the sender, actually no, ...": what is taken back is the last piece with a step
      // in it; the condition before it stays (a verb-like word in it, "mail", is no step).
      const lastPiece = said.replace(/[,\s]+$/, '').lastIndexOf(',');
      const step = lastPiece > 0 && CORRECTED_STEP.test(said.slice(lastPiece + 1)) ? { index: lastPiece + 1 } : CORRECTED_STEP.exec(said);
      const lead = step ? said.slice(0, step.index).replace(/,$/, ', ') : '';
      // The case the taken-back step was said for ("on high sev incidents", "when every hash is clean") still holds
      // for what replaces it: a correction of the step is not one of the cases.
      const taken = step ? said.slice(step.index) : '';
      const caseAt = /\s(?:on|for|when|whenever|if|once|unless|only|where|whose|with)\s/i.exec(taken.replace(/^\S+\s+\S+/, (w) => w.replace(/\s/g, '_')));
      const caseWords = caseAt ? taken.slice(caseAt.index).replace(/[,\s.]+$/, '').trim() : '';
      const verb = /^(?:(?:just|only)\s+)?([a-z]+)\b/i.exec(fix)?.[1];
      // "block X and quarantine... nope just block it": the step said again keeps what it acted on, the others go.
      const kept = verb && /^(?:it|them)\b/i.test(fix.replace(/^(?:(?:just|only)\s+)?[a-z]+\s+/i, '')) ? new RegExp(`\\b${verb}\\b[^,;]*?(?=\\s+(?:and|then|&|\\+)\\s+|[,;]|$)`, 'i').exec(said) : null;
      // "isolate the finance laptops on high alerts. actually no, make it selective isolation": the kind of the same step,
      // which keeps everything else the step was said with.
      // "..., full isolation kills the vpn, make it selective isolation": the kind is what "make it" says; the other words stay.
      const madeIt = /(?:^|,\s*|\.\s+)make\s+(?:it|that)\s+((?:an?\s+)?(?:selective|full|quick|partial|complete)(?:\s+(?:isolation|scan|one|av\s+scan|antivirus\s+scan))?)\s*(?=[,.;]|$)/i.exec(fix);
      const kindFix = madeIt ? madeIt[1] : fix;
      const otherWords = madeIt ? `${fix.slice(0, madeIt.index)}${fix.slice(madeIt.index + madeIt[0].length)}`.replace(/^[\s,.]+|[\s,.]+$/g, '') : '';
      const sameStep = (step || /\b(?:isolation|scan)\b/i.test(said)) && /^(?:(?:an?|the)\s+)?(?:selective|full|quick|partial|complete)\s*(?:isolation|scan|one|av\s+scan|antivirus\s+scan)?$/i.test(kindFix) ? said.replace(/[,\s.]+$/, '') : undefined;
      // "close them as FP when every hash is clean... on second thought dont close anything. just tag them": the rule-out
      // takes the step back, and what "just" says is done in its place, in the same case.
      const ruledOut = /^(?:but\s+)?(?:do\s+not|don'?t|dont|never|no)\s+[a-z]+/i.test(fix);
      const instead = ruledOut ? /^[\s.;,]*(?:just|only|instead|rather)\s+([^.;]+?)(?=\s*(?:[.;]|$))/i.exec(after) : null;
      const scanKind = /\b(full|quick)\b/i.exec(kindFix)?.[1];
      const scanSaid = /(?:\brun\s+)?(?:\b(?:an?|the)\s+)?(?:\b(?:full|quick)\s+)?(?:\b(?:av|antivirus)\s+)?\bscan\b(?:\s+(?:on|of))?/i;
      if (sameStep && scanKind && !/isolation/i.test(kindFix) && scanSaid.test(sameStep)) corrected = sameStep.replace(scanSaid, `run a ${scanKind.toLowerCase()} scan on`);
      else if (sameStep && /\b(?:selective|full|partial|complete)\b/i.test(kindFix) && /\bisolat/i.test(sameStep) && !/\bscan\b/i.test(kindFix)) {
        const kind = /\b(?:selective|partial)\b/i.test(kindFix) ? 'selectively' : 'fully';
        const noun = /\b(?:full|selective|partial|complete)\s+isolation\b/i;
        corrected = noun.test(sameStep) ? sameStep.replace(noun, `${kind === 'fully' ? 'full' : 'selective'} isolation`) : sameStep.replace(/\b(?:(?:selectively|fully)\s+)?(isolat\w*)/i, `${kind} $1`).replace(/\s+with\s+(?:full|selective)\s+isolation\b|\b(?:full|selective)\s+(?=isolation\b)/gi, (m) => (/with/i.test(m) ? '' : `${kind === 'fully' ? 'full' : 'selective'} `));
      } else if (sameStep) corrected = undefined;
      else if (instead) {
        corrected = `${lead}${instead[1]}${caseWords ? ` ${caseWords}` : ''}`;
        text = `${head}${head && !/\s$/.test(head) ? ' ' : ''}${corrected.trim()}${after.slice(instead.index + instead[0].length)}`.replace(/^\s*[.,;]\s*/, '');
        continue;
      } else corrected = kept ? `${said.slice(0, kept.index)}${kept[0]}${fix.replace(/^(?:(?:just|only)\s+)?[a-z]+\s+(?:it|them)\b/i, '')}` : fix ? `${lead}${fix}${caseWords && !ruledOut ? ` ${caseWords}` : ''}` : '';
      // The other words of such a correction: a narrowing goes on with the step; "full isolation kills the vpn" says why;
      // another step is not placed, and asked about.
      if (corrected !== undefined && sameStep && otherWords) {
        for (const part of otherWords.split(/,\s*(?=(?:and\s+|but\s+)?(?:only|unless|except|if|when|whenever)\b)/i)) {
          if (corrected === undefined) break;
          if (/^(?:(?:and|but)\s+)?(?:only|unless|except|if|when|whenever|not)\b/i.test(part)) corrected = `${corrected}, ${part}`;
          else if (STEP_VERB_FIRST.test(part) || /\b(?:only|unless|except|if|when|whenever)\b/i.test(part)) corrected = undefined;
          else corrected = `${corrected}, because ${part}`;
        }
      }
    }
    if (corrected === undefined) return text;
    text = `${head}${corrected.trim() ? (head && !/\s$/.test(head) ? ' ' : '') + corrected.trim() : ''}${after}`.replace(/^\s*[.,;]\s*/, '');
  }
  return text;
}

const BAND_ACTION =
  '(?:(?:just|only|then)\\s+)?(?:do\\s+nothing|nothing|ignore|leave\\s+(?:it|them)|make\\s+(?:it|them)|no\\s+action|isolate|disable|revoke|block|scan|run|collect|restrict|reset|confirm|quarantine|stop|tag|comment|close|resolve|assign|post|notify|email|mail|ping|alert|add|escalate|mark)\\b';
/** "VT bands: 0-2 engines do nothing, 3-10 tag it, 11+ isolate": a band right before its action, as if with an arrow. */
function bandsWithoutArrows(text: string): string {
  if (!/\b(?:virustotal|vt|engines?|detections?)\b/i.test(text)) return text;
  const band = new RegExp(
    `(^|[:;,.!?]\\s*)((?:if\\s+)?(?:(?:under|below|over|above|less\\s+than|fewer\\s+than|more\\s+than)\\s+\\d+|\\d+\\s*(?:-|to)\\s*\\d+|between\\s+\\d+\\s+(?:and|to)\\s+\\d+|\\d+\\s*\\+|\\d+\\s+or\\s+(?:more|above|higher)|0)(?:\\s+(?:engines?|detections?|hits?|vendors?))?)\\s*,?\\s+(?=${BAND_ACTION})`,
    'gi',
  );
  return text.replace(band, (_m, lead: string, cond: string) => `${lead}${cond} -> `);
}

/**
 * "high -> restrict. medium -> scan. low/none nothing": the last band of a list of arrows, said without its arrow and with
 * levels joined by a slash (a device's risk may be "none"), is that band doing nothing.
 */
function levelBandsWithoutArrows(text: string): string {
  if (!text.includes('->')) return text;
  const level = String.raw`(?:critical|high|medium|med|low|informational|info|none)`;
  return text.replace(new RegExp(String.raw`(^|[.;!?\n]\s*)(${level}(?:\s*\/\s*${level})+)\s+(nothing|do\s+nothing)\s*(?=[.;!?\n]|$)`, 'gi'), (_m, lead: string, levels: string, none: string) => `${lead}${levels.replace(/\s*\/\s*/g, ' or ')} -> ${none}`);
}

/**
 * "students = members of the All-Students group", "contractors are the users in 'Ext-Contractors'": a kind of account the
 * request defines by its group. The definition is dropped and the kind, where it is said, becomes the group's users
 * ("if a student acct gets flagged" -> "if a user in the 'All-Students' group gets flagged").
 */
function definedGroups(text: string): string {
  const definition = /(^|[.;!?\n]\s*)(?:and\s+)?(?:the\s+)?([a-z][a-z-]{2,30}?)(s?)\s*(?:=|\bare\b|\bmeans?\b|\bis\b|:)\s*(?:the\s+|all\s+)?(?:members?|users?|accounts?|people|ppl|everyone|anyone)\s+(?:of|in)\s+(?:the\s+)?(?:(?:entra(?:\s+id)?|aad|azure\s+ad|ad)\s+)?(?:group\s+)?["'\u2018\u201c]?([A-Za-z][\w.-]*)["'\u2019\u201d]?(?:\s+(?:entra\s+|aad\s+|security\s+)?group)?\s*(?:[.;!?]+|(?=\n)|$)/gi;
  const found: Array<{ noun: string; group: string }> = [];
  let out = text.replace(definition, (m: string, lead: string, noun: string, _plural: string, group: string) => {
    // "the account is in the 'X' group" is a condition, not a definition; "Exception: members of X" leaves them out (read as
    // a name for the group, the exception had gone without a word and the group's accounts were disabled).
    if (/^(?:user|account|acct|it|he|she|they|this|that|group|incident|alert|device|host|machine|exception|exclusion|exemption|exempt|except|scope|out-of-scope)$/i.test(noun)) return m;
    found.push({ noun: noun.toLowerCase(), group });
    return lead;
  });
  // "we have a group in entra called 'Partners' for the 3 partners. if one of their accounts ...": the same, said as a
  // group made for them; "one of their accounts" in the sentence after is one of the group's.
  out = out.replace(/(^|[.;!?\n]\s*)(?:so\s+)?(?:we\s+have|we'?ve\s+got|there\s+is|there'?s)\s+an?\s+(?:(?:entra|aad|azure\s+ad|security)\s+)?group\s+(?:in\s+(?:entra(?:\s+id)?|aad|azure\s+ad)\s+)?(?:called|named)\s+["'\u2018\u201c]([A-Za-z][\w .&-]{1,40}?)["'\u2019\u201d]\s+(?:for|with)\s+(?:the\s+|our\s+|all\s+(?:the\s+|our\s+)?)?(?:\d+\s+|\w+\s+(?=[a-z-]+s\b))?([a-z][a-z-]{2,30}?)s\b[^.;!?\n]{0,40}[.;!?]+\s*((?:if|when|whenever)\s+(?:one|any)\s+of\s+(?:their|them|those)(?:\s+(?:accounts?|accts?|users?|logins?))?)?/gi, (m: string, lead: string, group: string, noun: string, theirs: string | undefined) => {
    if (/^(?:user|account|acct|member|people|person|device|machine|host)$/i.test(noun)) return m;
    found.push({ noun: noun.toLowerCase(), group });
    return `${lead}${theirs ? `${theirs.split(/\s+/)[0]} a ${noun.toLowerCase()} account` : ''}`;
  });
  // "one of our contractors' accounts (they're all in the 'External Contractors' group)": the same, said in brackets.
  out = out.replace(/\b([a-z][a-z-]{2,30}?)(?:s'|'s|s)?(\s+(?:accounts?|accts?|users?|logins?))?\s*\(\s*(?:they'?re|theyre|they\s+are|those\s+are|all\s+of\s+them\s+are)\s+(?:all\s+)?(?:members\s+of|in)\s+(?:the\s+)?(?:(?:entra(?:\s+id)?|aad|azure\s+ad|ad)\s+)?["'\u2018\u201c]([A-Za-z][\w .&-]{1,40}?)["'\u2019\u201d](?:\s+(?:entra\s+|aad\s+|security\s+)?group)?\s*\)/gi, (m: string, noun: string, account: string | undefined, group: string) => {
    if (/^(?:user|account|acct|it|he|she|they|this|that|group|incident|alert|device|host|machine|our|the|their)$/i.test(noun)) return m;
    found.push({ noun: noun.toLowerCase(), group });
    return `${noun}s${account ?? ''}`;
  });
  for (const { noun, group } of found) {
    const word = new RegExp(String.raw`\b(an?\s+|the\s+|any\s+|our\s+)?${noun}(s|es)?(?:'s)?(?:\s+(?:acct|account|user|login|identity|identities|accounts|accts|users|logins))?\b`, 'gi');
    out = out.replace(word, (_m: string, article: string | undefined, plural: string | undefined) => (plural ? `users in the '${group}' group` : `${article ? 'a ' : ''}user in the '${group}' group`));
  }
  if (found.length) return out.trim();
  // "only for people in the finance group ... if a finance user shows up": "people", "staff", "folks" in a group are its
  // users, and once "the finance group" is named, "a finance user" is one of its members.
  out = text.replace(/\b(?:people|persons|ppl|folks|staff|employees)\s+(?=(?:who\s+(?:is|are)\s+)?in\s+(?:the\s+)?["'\u2018\u201c]?[\w&.-]+["'\u2019\u201d]?\s+group\b)/gi, 'users ');
  // ("in the group X": "the" is no group's name.)
  const groups = new Set([...out.matchAll(/\b(?:in|of|from)\s+(?:the\s+)?["'\u2018\u201c]?(?!(?:the|a|an|this|that|our|their|its|any|each|every)\s)([a-z][\w&.-]{1,30})["'\u2019\u201d]?\s+group\b/gi)].map((g) => g[1]));
  // "anyone in ICU-Clinicians or the Break Glass Accounts group": both are groups, the first named without the word.
  for (const g of out.matchAll(/\b(?:in|of|from)\s+(?:the\s+)?["'\u2018\u201c]?([A-Za-z][\w&.-]{1,30})["'\u2019\u201d]?\s+(?:or|and|nor)\s+(?:in\s+)?(?:the\s+)?["'\u2018\u201c]?((?:[A-Z][\w&.-]*\s+){0,3}[A-Z][\w&.-]*)["'\u2019\u201d]?\s+groups?\b/g)) {
    groups.add(g[1]);
    groups.add(g[2]);
  }
  for (const group of groups) {
    // "ICU people" for ICU-Clinicians, "break glass accts" for Break Glass Accounts: the name, its first part, or the name
    // without its word for people, followed by a word for people. (Not "non finance users", the other side of the group.)
    const names = new Set([group, group.split(/[-\s]/)[0], group.replace(/\s+(?:accounts?|users?|members?|people)$/i, '')].filter((n) => n.length >= 3));
    const quoted = /\s/.test(group) ? `'${group}'` : group;
    for (const name of names) {
      const escaped = escapeRegExp(name).replace(/\s+/g, '\\s+');
      out = out.replace(new RegExp(String.raw`(?<!\bnon[- ]?|\bnot\s+)\b(an?\s+|the\s+|any\s+|our\s+)?${escaped}\s+(?:(user|person|employee|account|acct|member)|users|people|persons|staff|employees|accounts|accts|members|folks)\b(?!\s+group)`, 'gi'), (_m: string, article: string | undefined, one: string | undefined) => (one ? `${article ? 'a ' : ''}user in the ${quoted} group` : `users in the ${quoted} group`));
    }
  }
  return out;
}

/**
 * "if the user is in 'Tier0-Admins' -> disable. non tier0 users -> just post": the users not in a group named before are the
 * other side of it. A group not named before is left as said (asked about).
 */
function otherSideOfGroup(text: string): string {
  const squash = (x: string): string => x.toLowerCase().replace(/[^a-z0-9]/g, '');
  return text.replace(
    /\bif\s+(?:the\s+)?(?:(?:users?|accounts?|anyone|everyone|everybody|anybody|people)\s+(?:(?:who|that)\s+(?:is|are)\s+)?not\s+in\s+(?:the\s+)?["']?([\w&.-]+)["']?(?:\s+group)?|non[- ]?["']?([\w&.-]+)["']?\s+(?:users?|accounts?|people|ones|members|folks))\s*,\s*/gi,
    (m: string, a: string | undefined, b: string | undefined, offset: number) => {
      const said = squash(a ?? b ?? '');
      const named = [...text.slice(0, offset).matchAll(/["'\u2018\u201c]([\w&.-]+)["'\u2019\u201d]|\b([\w&.-]+)\s+group\b/gi)].map((g) => squash(g[1] ?? g[2]));
      return said.length >= 2 && named.some((n) => n.startsWith(said)) ? 'otherwise, ' : m;
    },
  );
}

/** "svc- accounts -> leave alone. real people -> reset": the accounts that are people, the other side of accounts named before. */
const REAL_PEOPLE = String.raw`(?:for\s+|if\s+)?(?:the\s+)?(?:(?:real|actual|normal|regular|human|personal)\s+(?:people|persons|humans|users|accounts|ones)|humans|people)`;

/** "high -> isolate": "if high, isolate" (an arrow reads as a condition and what follows it). */
function readArrows(input: string): string {
  // "title mentions a launch agent, launchd or cron -> ...": a list's comma, with no arrow before it in the sentence, is
  // part of the condition (after an arrow it starts a branch of its own: "mac -> quick scan, windows or linux -> full").
  const text = input.replace(/,\s+((?:[\w'-]+\s+){0,2}?(?:or|and)\s+[\w'-]+)(?=\s+->\s)/g, (m: string, tail: string, offset: number, whole: string) => {
    const before = whole.slice(0, offset).split(/[.;!?\n]/).pop() ?? '';
    return before.includes('->') || /,/.test(before) || !/\S/.test(before) ? m : ` or ${tail.replace(/^(?:or|and)\s+/i, '')}`;
  });
  // (The colon of a time, "06:00 UTC and sev is high -> isolate", is part of the condition, never where it starts.)
  return text.replace(/(^|(?:[.;!?\n]|(?<!\d):|:(?!\d))\s*|,\s*)((?:[^.;:!?,\n]|\.(?=\w)|(?<=\d):(?=\d))+?)\s+->\s+/g, (_m, lead: string, cond: string) => {
    const c = cond.trim();
    // "mac -> quick scan, windows -> full scan": an arrow after a comma starts a branch of its own.
    const start = /^,/.test(lead) ? '; ' : lead;
    // "otherwise -> tag it", "anything else -> tag it": the other branch, no condition of its own.
    if (new RegExp(String.raw`^(?:otherwise|else|(?:for\s+)?(?:anything|everything|everyone|anyone|anybody|everybody|all)\s+else|(?:the\s+)?rest|(?:all\s+)?(?:the\s+)?others?|(?:all\s+|any\s+)?(?:the\s+)?other\s+(?:cases|incidents|alerts|users|accounts|devices|machines|hosts|boxes)|${REAL_PEOPLE})$`, 'i').test(c)) return `${start}otherwise, `;
    // "regular users in high sev incidents -> reset pwd": the other side of the accounts named before, in those incidents.
    const people = new RegExp(String.raw`^(?:${REAL_PEOPLE})(?:\s+(?:accounts?|accts?|users?))?\s+((?:in|on|for|with|from)\s+.+)$`, 'i').exec(c);
    if (people) return `${start}otherwise, ${people[1]}, `;
    return /^(?:if|when|whenever|for|unless)\b/i.test(c) ? `${start}${c}, ` : `${start}if ${c}, `;
  });
}

/** Past participles of action verbs, for descriptions written in the passive ("the device is isolated"). */
const PARTICIPLES: Record<string, string> = {
  'stopped and quarantined': 'stop and quarantine', isolated: 'isolate', quarantined: 'quarantine', contained: 'contain', scanned: 'scan', collected: 'collect', restricted: 'restrict',
  blocked: 'block', added: 'add', created: 'create', assigned: 'assign', marked: 'mark', closed: 'close', resolved: 'resolve',
  tagged: 'tag', labelled: 'label', labeled: 'label', commented: 'comment on', disabled: 'disable', suspended: 'suspend',
  revoked: 'revoke', reset: 'reset', confirmed: 'confirm', dismissed: 'dismiss', emailed: 'email', sent: 'send', notified: 'notify',
  classified: 'classify', run: 'run', started: 'run', launched: 'run', performed: 'run', initiated: 'run',
  posted: 'post', written: 'write', alerted: 'alert', informed: 'inform', released: 'release', submitted: 'submit', forwarded: 'forward',
  set: 'set', deactivated: 'disable', attributed: 'assign', locked: 'lock',
};
const PARTICIPLE_WORDS = Object.keys(PARTICIPLES).sort((a, b) => b.length - a.length).join('|');
const PASSIVE = new RegExp(
  `(^|[.;:!?]\\s+|,\\s+(?:and\\s+|then\\s+)?|\\botherwise,?\\s+|\\bthen\\s+|\\binstead,?\\s+|(?:^|[.;:!?]\\s+)(?:finally|lastly|afterwards|additionally|next),?\\s+|(?<=\\b(?:alerts?|incidents?|detections?)\\s))((?:the|an?|all|each|every|any|its|their|both|that|those)\\s+(?:(?!(?:when|if|unless|where|who|once|is|are|whenever)\\b)[\\w'-]+\\s+){0,13}?[\\w'-]+|(?!(?:if|when|whenever|unless|once|after|before|until|while|where|only|${ACTION_VERB})\\b)(?:[\\w'-]+\\s+){0,5}?(?:incidents|alerts|devices|machines|hosts|endpoints|workstations|servers|laptops|desktops|computers|pcs|boxes|users|accounts|files|hashes|ips|urls|domains|indicators|sessions|tokens|passwords|iocs|addresses|senders|recipients|mailboxes|applications|apps|programs|binaries|executables|payloads|attachments)(?:\\s+(?:(?:found|seen|observed|listed|contained|detected|named|flagged|marked|rated|identified|reported|deemed)\\s+(?:as\\s+)?(?:(?:malicious|bad|suspicious|clean)\\s+)?)?(?:from|in|of|on|by|raised\\s+by|generated\\s+by|created\\s+by|triggered\\s+by|detected\\s+by|reported\\s+by|tagged|labell?ed|with|involving|containing|affecting|at|as|running|whose|(?:that|which)\\s+(?:involve|affect|contain|include|mention|target|come\\s+from|originate\\s+from|hit)s?|(?:that|which)\\s+(?:are|is|have|has)(?=\\s+(?:still\\s+|not\\s+|no\\s+)?(?:unassigned|new|open|active|un\\w+ed|assigned|tagged|in\\s+progress)\\b))\\s+(?:(?!(?:when|if|unless|where|who|once)\\b)[\\w'-]+\\s+){0,14}?(?!(?:when|if|unless|where|that|which|who|once)\\b)[\\w'-]+)?)\\s+(?:is|are|gets|get|will\\s+be|should\\s+be|must\\s+be|shall\\s+be)\\s+(?:then\\s+|also\\s+|additionally\\s+|automatically\\s+|immediately\\s+|fully\\s+|completely\\s+|promptly\\s+)?((?:selectively|partially)\\s+)?(${PARTICIPLE_WORDS})\\b`,
  'gi',
);

/** "I'd like the user's sessions revoked": the object, then the step done to it. */
const WANTED_OBJECT = `((?:the|its|their|his|her|each|every|all|that|this)\\s+(?:[\\w'-]+\\s+){0,3}?[\\w'-]+)\\s+(${PARTICIPLE_WORDS})(?![\\w-])`;
const WANTED_DONE = new RegExp(`\\b(?:i|we)(?:\\s+(?:really\\s+)?(?:want|need|would\\s+like)|'d\\s+like|\\s+d\\s+like)\\s+${WANTED_OBJECT}((?:\\s+(?:and|\\+)\\s+(?:the|its|their|his|her)\\s+(?:[\\w'-]+\\s+){0,3}?[\\w'-]+\\s+(?:${PARTICIPLE_WORDS})(?![\\w-]))*)`, 'gi');
const WANTED_DONE_MORE = new RegExp(`\\s+(?:and|\\+)\\s+${WANTED_OBJECT}`, 'gi');

/** The noun of a step's verb, for "only block if ...". */
const VERB_RESTATED: Record<string, string> = {
  isolate: 'isolation', restrict: 'restriction', scan: 'scan', block: 'block', quarantine: 'quarantine', contain: 'containment', reset: 'reset', disable: 'disabling', revoke: 'revocation',
};

/** The step a noun restates ("the isolation only when ..."): the instruction it names. */
const RESTATED: Record<string, string> = {
  isolation: 'isolate the device', restriction: 'restrict app execution', scan: 'run the antivirus scan', block: 'block the indicator',
  blocking: 'block the indicator', quarantine: 'quarantine the file', containment: 'contain the device', reset: 'reset the password',
  disabling: 'disable the account', revocation: 'revoke the sessions',
};

/**
 * A description's main clause in the passive ("the affected device is isolated and the SOC is
 * alerted in Teams"): the instruction it describes ("isolate the affected device and alert the
 * SOC in Teams"). Only where a main clause starts, never after "if" or "when": "when the incident
 * is resolved" stays a condition.
 */
const GAP_SEVERITY = '(?:critical|high|medium|low|informational)(?:\\s+severity|\\s+sev)?(?:\\s+(?:ones|incidents?|alerts?))?';
const GAP_VERBS: Array<[RegExp, string]> = [
  [/\b(?:assign(?:ed|s)?|route[ds]?|hand(?:ed|s)?|give[ns]?|escalate[ds]?)\b/i, 'assign'],
  [/\b(?:tag(?:ged|s)?|label(?:l?ed|s)?)\b/i, 'tag'],
];

/**
 * "assign highs to A and mediums to B", "high ones get assigned to A, medium ones to B": the second
 * half leaves its verb out. It is written back in, so each half is an instruction (and a branch) of its own.
 */
function gappedVerbs(text: string): string {
  return text
    .split(/(?<=[.!?])\s+/)
    .map((sentence) => {
      const verb = GAP_VERBS.find(([re]) => re.test(sentence));
      if (!verb) return sentence;
      const at = verb[0].exec(sentence)!.index;
      const gap = new RegExp(`(,\\s*(?:and\\s+)?|;\\s*|\\s+and\\s+)(${GAP_SEVERITY}\\s+(?:to|as|with)\\s+)`, 'gi');
      return sentence.replace(gap, (m: string, joint: string, rest: string, offset: number) => (offset > at ? `${joint}${verb[1]} ${rest}` : m));
    })
    .join(' ');
}

const OBJECT_VERBS = 'revoke|isolate|scan|block|disable|reset|quarantine|collect|restrict|contain|unisolate|release|confirm|dismiss';

/**
 * "high: disable the account and revoke sessions. medium: just revoke": a verb said bare, its object
 * said with the same verb before. The object is copied, so the bare verb is the same step.
 */
function elidedObjects(text: string): string {
  // "otherwise disable + revoke + mail X": a verb said bare in a list, too.
  const bare = new RegExp(`(?<!\\b(?:dont|don't|not|never|to|and\\s+not|a|an|the|full|quick|deep|av|antivirus|virus|investigation|password|pw|session|token|risk|account|device|host|file|hash)\\s+)(?<![\\w-])(${OBJECT_VERBS})(?=(?:\\s+instead)?\\s*(?:[.;!]|$|,?\\s+(?:and|\\+)\\s+(?:${OBJECT_VERBS}|mail|email|post|ping|notify|tag|comment|assign|close|resolve|drop|send|message|write|leave|raise|page|alert|inform|text|open|file|tell|let|warn|call)\\b))`, 'gi');
  return text.replace(bare, (verb: string, _v: string, offset: number) => {
    const before = text.slice(0, offset);
    const said = [...before.matchAll(new RegExp(`\\b${verb}\\s+((?:(?:the|their|his|her|its|all|any|a|an)\\s+)?(?!(?:it|them|those|these|that|this|and|or|if|when|only|just|then)\\b)[a-z][\\w-]*(?:\\s+(?!(?:and|or|if|when|for|on|unless|but|then)\\b)[a-z][\\w-]*)?)(?=\\s*(?:[.;,+]|$|\\s(?:and|or|if|when|for|on|unless|but|then)\\b))`, 'gi'))];
    // A bare verb joined to a step with a condition of its own ("isolate and quarantine the file only when ...") shares that
    // step's words; it is left bare, so the condition reaches it.
    const rest = text.slice(offset + verb.length).split(/[.;!?]/)[0];
    const object = /\b(?:only|if|when|unless|once|except)\b/i.test(rest) ? undefined : said.at(-1)?.[1] ?? BARE_OBJECT[verb.toLowerCase()];
    return object ? `${verb} ${object}` : verb;
  });
}

/** The object a verb has when none is said and none was said before: "otherwise disable and revoke" acts on the account. */
const BARE_OBJECT: Record<string, string> = { disable: 'the account', revoke: 'the sessions', reset: 'the password', isolate: 'the device', contain: 'the device', scan: 'the device', unisolate: 'the device', release: 'the device', confirm: 'the user compromised', dismiss: 'the user risk' };

/** "the affected user is sent an email with guidance": a mail to them, said in the passive with the person first. */
const SENT_TO_SUBJECT = /(^|[.;:!?]\s+|,\s+(?:and\s+|then\s+)?|\bthen\s+|(?<=\b(?:alerts?|incidents?|detections?)\s))((?:the|an?|each|every|its|their)\s+(?:[\w'-]+\s+){0,3}?(?:users?|recipients?|employees?|senders?|owners?|persons?|people|victims?|analysts?|managers?|team))\s+(?:is|are|gets|get|will\s+be)\s+(?:then\s+|also\s+|automatically\s+)?(?:sent|emailed|mailed)\s+(?:an?\s+)?(?:e-?mail|mail|message|notification|note|warning|heads-?up)?/gi;

/**
 * Statements a description makes about the playbook rather than steps or conditions: how it is
 * started, where its IOCs were found, a trigger said last, an exception or a negation said in the
 * passive, a softening "though", a notice "when done".
 */
const GERUND_VERB: Record<string, string> = {
  isolating: 'isolate', stopping: 'stop', quarantining: 'quarantine', blocking: 'block', scanning: 'scan', running: 'run', disabling: 'disable',
  revoking: 'revoke', resetting: 'reset', collecting: 'collect', restricting: 'restrict', containing: 'contain', deleting: 'delete',
  tagging: 'tag', assigning: 'assign', closing: 'close', resolving: 'resolve',
};
const GERUNDS = `(?:${Object.keys(GERUND_VERB).join('|')})`;

function statementRewrites(text: string): string {
  let out = text;
  // "never block it; that decision is left to an analyst", "add a comment and the case is left to an analyst": who takes it
  // from there, which narrows nothing.
  out = out.replace(/\s*(?:[;,]\s*|\s+and\s+)(?:that|this|the)\s+(?:decision|call|choice|case|incident|rest)\s+is\s+(?:then\s+)?left\s+to\s+(?:an?\s+|the\s+)?(?:(?:soc\s+|human\s+|tier\s*\d\s+)?analysts?|humans?|the\s+soc|people)\b(?=\s*[.;]|$)/gi, '');
  // "Each URL is placed into one of three bands:": a lead-in to the bands that follow.
  out = out.replace(/(^|[.;]\s+)(?:each|every)\s+(?:url|ip|ip\s+address|address|domain|file|hash|ioc|indicator|alert|incident|device)\s+is\s+(?:placed|sorted|put|classified|bucketed|assigned)\s+(?:in|into|to)\s+(?:one\s+of\s+)?(?:\w+\s+)?(?:bands?|buckets?|tiers?|categories|groups)\s*:\s*/gi, '$1');
  // "ten or more malicious detections result in an indicator with the Block action", "no detections result in no indicator".
  out = out.replace(/(^|[.;:]\s*)((?:\d+|no|zero)(?:\s*(?:to|-|or\s+more|and\s+above|\+)\s*(?:\d+)?)?\s+(?:malicious\s+)?(?:detections?|engines?|hits?))\s+results?\s+in\s+(?:an?\s+)?((?:url\s+|ip\s+|file\s+|domain\s+)?indicator\s+with\s+the\s+[\w-]+\s+action)/gi, '$1$2: create an $3')
    .replace(/(^|[.;:]\s*)(?:no|zero|0)\s+(?:malicious\s+)?(?:detections?|engines?|hits?)\s+results?\s+in\s+no\s+(?:indicator|action|block)s?\s*(?=[.;]|$)/gi, '$10 detections: nothing')
    .replace(/(^|[.;]\s+)(?:in\s+every\s+case\s*,?\s*)?an?\s+(?:incident\s+)?comment\s+(?:on\s+the\s+incident\s+)?(?:records|lists|notes|documents|states)\s+[^.;]{3,80}(?=[.;]|$)/gi, '$1add a comment to the incident');
  // "This playbook never contains devices or accounts": the steps it rules out.
  out = out.replace(/(^|[.;]\s+)(?:this|the)\s+(?:playbook|automation|workflow)\s+never\s+(?:contains|isolates|touches)\s+(?:any\s+)?(?:devices|machines|hosts|endpoints)\s+or\s+(?:any\s+)?(?:accounts|users|identities)\b/gi, '$1never isolate devices and never disable accounts');
  // "with a user entity and at least one URL that VirusTotal reports as malicious (any detection)": a malicious URL.
  out = out.replace(/\bat\s+least\s+(?:one|1)\s+(url|ip(?:\s+address)?|domain|file(?:\s+hash)?|hash)\s+that\s+(?:virus\s?total|vt)\s+(?:reports|flags|marks|rates)\s+(?:as\s+)?malicious(?:\s*\(?\s*any\s+detections?\s*\)?)?/gi, 'a $1 that VirusTotal flags');
  // "The response depends on the incident severity:": a lead-in to the cases that follow, which name their severities.
  out = out.replace(/(^|[.;]\s+)(?:the\s+)?(?:response|handling|action(?:\s+taken)?|treatment|playbook'?s?\s+behaviou?r|what\s+(?:happens|it\s+does))\s+(?:depends|is\s+based|varies)\s+(?:on|by|with)\s+(?:the\s+)?(?:incident'?s?\s+|alert'?s?\s+)?(?:severity|risk(?:\s+level)?|verdict)\s*(?::\s*|[.;]\s*|,\s*(?=for\b))/gi, '$1');
  // "URLs that stay below the threshold", "the device concerned": the same as "are below", "the device".
  out = out.replace(/\b(?:stay|stays|remain|remains)\s+(below|under|above|over)\b/gi, 'are $1')
    .replace(/\b((?:the|that|each|every)\s+(?:devices?|machines?|hosts?|endpoints?|users?|accounts?|files?))\s+(?:concerned|in\s+question)\b/gi, '$1');
  // "Applies to active incidents whose ...": the incidents it is for.
  out = out.replace(/(^|[.;:]\s+)(?:it\s+|this\s+playbook\s+|the\s+playbook\s+)?(?:applies|is\s+applied|runs|triggers)\s+(?:only\s+)?(?:to|on|for)\s+(?=(?:all\s+|any\s+|every\s+)?(?:new\s+|active\s+|open\s+)?(?:[\w-]+\s+){0,3}?(?:incidents|alerts)\b)/gi, '$1for ');
  // "No other incidents are changed.": what the steps leave alone, which they do anyway.
  out = out.replace(/(^|[.;]\s+)(?:no|none\s+of\s+the)\s+other\s+(?:incidents?|alerts?|devices?|machines?|hosts?|accounts?|users?)\s+(?:are|is|will\s+be|get)\s+(?:changed|modified|touched|affected|processed|updated|acted\s+(?:up)?on)(?:\s+(?:by\s+this\s+playbook|at\s+all))?\s*(?:[.;]|$)/gi, '$1');
  // "after the collection request, isolate": the order of the steps, which is the order they are said in.
  out = out.replace(/(^|[.;:,]\s*|\(\d\)\s*)after\s+(?:the|that)\s+(?:collection|package|scan|isolation|block|quarantine)\s+(?:request|step|action|is\s+(?:requested|started|done|complete|completed))\s*,\s*/gi, '$1then ');
  // "submit a URL that five or more engines classify as malicious to Defender as a URL indicator", then further steps: the
  // verdict is the condition of all of them, not only of the block.
  out = out.replace(/\b(?:submit|block|add)\s+(?:a|any|each|every)\s+(url|ip(?:\s+address)?|domain|file(?:\s+hash)?|hash)\s+that\s+(\d+)\s+or\s+more\s+(?:virustotal\s+)?engines\s+(?:classify|flag|report|mark|rate|consider|detect)\s+(?:it\s+)?as\s+malicious\b(?:\s+to\s+(?:microsoft\s+)?defender(?:\s+for\s+endpoint)?)?(?:\s+as\s+an?\s+(?:url|ip|domain|file(?:\s+hash)?)\s+indicator)?/gi, 'if VirusTotal flags a $1 with $2 or more engines, block it');
  // "Files with between 1 and 24 detections are documented in an incident comment only": for those, a comment.
  out = out.replace(/(^|[.;]\s+)((?:the\s+|any\s+|all\s+)?(?:[\w-]+\s+){0,2}?(?:files?|hash(?:es)?|urls?|ips?|addresses|domains?|iocs?|indicators?)\b[^.;]{0,80}?)\s+(?:are|is)\s+(?:only\s+|just\s+)?(?:documented|recorded|noted|logged|listed|written\s+up|reported)\s+(?:only\s+)?in\s+(?:an?|the)\s+(?:incident\s+)?comment(?:\s+on\s+the\s+incident)?(?:\s+only)?(?=\s*(?:[.;]|$|,))/gi, (_m, lead: string, which: string) => `${lead}${/\b(?:below|under)\s+(?:the|that|this)\s+threshold\b/i.test(which) ? 'otherwise' : `for ${which}`}, add a comment to the incident`);
  // "a FileSha256 indicator", "an IpAddress indicator": the API's indicator types, in words.
  out = out.replace(/\b(?:FileSha256|FileSha1|FileMd5)(?=\s+(?:indicators?|iocs?)\b)/g, 'file hash').replace(/\bIpAddress(?=\s+(?:indicators?|iocs?)\b)/g, 'ip').replace(/\bDomainName(?=\s+(?:indicators?|iocs?)\b)/g, 'domain');
  // "If any entity is flagged" after the URLs and hashes were looked up on VirusTotal: any IOC of them.
  if (/\b(?:virus\s?total|vt)\b/i.test(out)) out = out.replace(/\b(any|an|no|every|each)\s+entit(?:y|ies)\s+(?=(?:is|are|gets?)\s+(?:flagged|malicious|detected|reported)\b)/gi, '$1 IOC ');
  // "It enumerates the devices attached to the incident's alerts, collects the SHA-1 and SHA-256 hashes of the file evidence
  // on each device, and looks up every hash": reading the incident, which every playbook does.
  out = out.replace(/(^|[.;]\s+)(?:it|the\s+playbook|this\s+playbook)\s+(?:enumerates|identifies|lists|gathers|retrieves|extracts|collects|finds)\s+(?:the|all|every|each)\s+(?:devices?|machines?|hosts?|endpoints?|users?|accounts?|entities|iocs?|files?)\s+(?:attached\s+to|of|in|from|involved\s+in|associated\s+with|linked\s+to|named\s+in)\s+(?:the\s+)?(?:incident(?:'s)?(?:\s+alerts)?|alerts?)\s*,\s*/gi, '$1')
    .replace(/\b(?:collects?|gathers?|extracts?|retrieves?|reads?|takes?)\s+(?:the\s+)?(?:sha-?1|sha-?256|md5)(?:\s+(?:and|or)\s+(?:sha-?1|sha-?256|md5))?\s+(?:hash(?:es)?|values?)\s+of\s+[^,.;]{3,80}?(?:,\s*and\s+|,\s*|\s+and\s+)(?=look|query|check|submit|send|enrich)/gi, '');
  // "add the hash to the (tenant-wide) indicator list": block it.
  out = out.replace(/\badd(?:s|ed|ing)?\s+((?:the|its|their|that|this|each|every)\s+(?:file\s+)?(?:hash(?:es)?|ips?|urls?|domains?|iocs?|indicators?))\s+to\s+the\s+(?:(?:tenant|org(?:anization)?)[- ]wide\s+)?(?:defender\s+)?(?:indicators?|ioc|block|deny)\s*(?:list|blocklist)\b/gi, 'block $1');
  // "a tenant-wide FileSha256 indicator": every Defender indicator holds for the whole tenant; no mass action.
  out = out.replace(/\b(?:tenant|org(?:anization)?|organisation)[- ]wide\s+(?=(?:[\w-]+\s+){0,2}(?:indicators?|iocs?|blocks?)\b(?!\s+lists?\b))/gi, '');
  // "block the sender address and every URL in it", "block the URLs and the sender": the sender (which Rampart cannot
  // block) is a step of its own, so the block it can do is not lost with it, nor the sender silently dropped.
  out = out.replace(/\bblocks?\s+(the\s+)?(senders?(?:\s+(?:e-?mail\s+)?address(?:es)?)?)\s+(?:and|as\s+well\s+as|\+|&)\s+(?!block\b)(?=(?:the\s+|every\s+|all\s+|any\s+|each\s+)?(?:(?:malicious\s+|embedded\s+)?(?:urls?|links?|domains?|ips?|ip\s+address(?:es)?|hash(?:es)?|file\s+hash(?:es)?|attachments?)\b))/gi, 'block $1$2 and block ')
    .replace(/\bblocks?\s+((?:the\s+|every\s+|all\s+|any\s+|each\s+)?(?:(?:malicious\s+|embedded\s+)?(?:urls?|links?|domains?|ips?|ip\s+address(?:es)?|hash(?:es)?|file\s+hash(?:es)?|attachments?)))\s+(?:and|as\s+well\s+as|\+|&)\s+(the\s+senders?(?:\s+(?:e-?mail\s+)?address(?:es)?)?)\b(?!'?s?\s+domains?)/gi, 'block $1 and block $2');
  // "It is run manually from the incident": how the playbook starts; Rampart runs it on matching incidents, and by hand from the card.
  out = out.replace(/(^|[.;!?]\s+)(?:it|this(?:\s+playbook)?|the\s+playbook|this\s+automation)\s+(?:is|can\s+be)\s+(?:also\s+)?(?:run|triggered|started|launched|invoked|kicked\s+off)\s+(?:manually|by\s+hand|on\s+demand)\b[^.;!?]*[.;!?]?/gi, '$1');
  // "URLs are submitted to VirusTotal": a look-up, never a mail.
  out = out.replace(
    /(^|[.;:!?]\s+|,\s+(?:and\s+|then\s+)?)((?!(?:if|when|whenever|unless|once|after|before|until|while|where|only)\b)(?:[\w'-]+\s+){0,6}?[\w'-]+)\s+(?:is|are|gets?|will\s+be)\s+(?:first\s+)?(?:submitted|enriched|checked|looked\s+up|queried|scanned)\s+(?:to|with|on|against|in|via|using|through)\s+(?:virus\s?total|vt)\b/gi,
    (_m, lead: string, subject: string) => `${lead}check ${subject.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase())} on VirusTotal`,
  );
  out = out.replace(/\b(?:is|are|gets?|will\s+be)\s+(?:first\s+)?(?:submitted|enriched|checked|looked\s+up|queried|scanned)\s+(?:to|with|on|against|in|via|using|through)\s+(?:virus\s?total|vt)\b/gi, 'are checked on VirusTotal');
  out = out.replace(/\bsubmit(?:s|ted|ting)?\b(?=[^.;]*?\bto\s+(?:virus\s?total|vt)\b)/gi, 'look up');
  // "the URLs found in the email": where they were seen, not a mail to send.
  out = out.replace(/\b(found|seen|contained|included|embedded|present|listed)\s+in\s+(?:the|that|this|each)\s+(?:e-?mails?|mails?|messages?)\b/gi, '$1 in the lure');
  // "... It is triggered when an Identity Protection incident is created.": the trigger, said last; it leads.
  const trailing = /(?:^|(?<=[.!?]\s))(?:it|this\s+playbook|the\s+playbook|this\s+automation|the\s+automation)\s+(?:is\s+)?(?:triggered|runs?|fires?|starts?|is\s+run|is\s+started|executes?|kicks\s+off)\s+((?:when(?:ever)?|upon|once|as\s+soon\s+as)\s+[^.!?]+)[.!?]?\s*$/i.exec(out.trim());
  if (trailing && trailing.index > 0) out = `${trailing[1].replace(/^upon\b/i, 'When')}: ${out.trim().slice(0, trailing.index).trim()}`;
  // "(domain controllers are excluded)": an exception said in the passive.
  out = out.replace(/\(?(?<!-)\b((?:the\s+)?(?:domain\s+controllers?|dcs|servers|workstations|laptops|desktops|(?:linux|windows|mac)\s+(?:boxes|hosts|servers|machines|devices|endpoints)|[\w-]+\s+accounts|[\w-]+\s+users))\s+(?:are|is)\s+(?:always\s+)?(?:excluded|exempt(?:ed)?|skipped|spared|left\s+out)(?:\s+from\s+(?:this|the|it|isolation|containment|[\w\s]{1,30}?))?\)?(?=\s*(?:[.;,]|$))/gi, 'except $1');
  // "App execution is restricted", "(full) isolation is applied to X": the step, said as a state.
  out = out.replace(/\b(?:the\s+)?(app(?:lication)?|code)\s+execution\s+(?:is|gets|will\s+be)\s+(?:then\s+|also\s+|immediately\s+)?restricted\b/gi, 'restrict $1 execution');
  out = out.replace(/(^|[.;:!?]\s+|,\s+(?:and\s+)?)(?:(full|selective)\s+)?(?:network\s+)?isolation\s+(?:is|gets|will\s+be)\s+(?:then\s+|also\s+|immediately\s+)?(?:applied|performed|done)\s+(?:to|on)\s+/gi, (_m, lead: string, kind?: string) => `${lead}${kind && /selective/i.test(kind) ? 'selective ' : ''}isolate `);
  // "X after a quick scan has been performed": the scan first, then X.
  out = out.replace(/(^|[.;:!?]\s+)([^.;:!?]+?)\s+after\s+(?:an?|the)\s+((?:quick|full)\s+)?(?:antivirus\s+)?scan\s+(?:has\s+been|is|was|has|completes|finishes)\s*(?:performed|run|completed|done|finished|carried\s+out)?(?=\s*(?:[.;!?]|$))/gi, (_m, lead: string, main: string, kind?: string) => `${lead}a ${kind ?? ''}scan is run, then ${main.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase())}`);
  // "(Block, expiring after 90 days)": how long the indicator lasts, not a condition.
  // ("Expires after 14 days." as a sentence of its own says when every indicator expires: it keeps its word.)
  out = out.replace(/\b(?:expir(?:ing|es?|y)|valid|lasting)\s+(?:after|in|for)\s+(\d+)\s+(days?|weeks?|months?)\b/gi, (m: string, n: string, unit: string, at: number, whole: string) =>
    /(?:^|[.;!?:]\s*|\n\s*)$/.test(whole.slice(0, at)) && /^\s*(?:[.;!?\n]|$)/.test(whole.slice(at + m.length)) ? `expiry ${n} ${unit}` : `for ${n} ${unit}`);
  // "an email containing the incident name, severity and entities is sent to X": a mail to X; what it holds is what every mail holds.
  out = out.replace(/(^|[.;:!?]\s+|,\s+(?:and\s+)?)(?:an?|the)\s+(?:e-?mail|mail|notification|message|summary|report)\b(?:\s+(?:containing|with|listing|that\s+(?:contains|lists|includes)|including|summari[sz]ing|describing)\s+[^.;:!?]{3,120}?)?\s+(?:is|will\s+be|gets)\s+(?:then\s+|also\s+|automatically\s+)?(?:sent|emailed|mailed|delivered)\s+to\s+/gi, '$1email ');
  // "Low and Informational incidents are not reported.": those levels are left out of every step.
  out = out.replace(/(^|[.;:!?]\s+)((?:critical|high|medium|low|informational|info)(?:\s*(?:,|\/|\band\b|\bor\b)\s*(?:critical|high|medium|low|informational|info))*)(?:\s+(?:severity|sev))?(?:\s+(?:incidents?|alerts?|ones|detections?|cases))?\s+(?:are|is|will\s+be|get|gets)\s+(?:not|never)\s+(?:reported|handled|processed|actioned|acted\s+on|touched|included|covered|escalated|notified|emailed|in\s+scope)\s*(?=[.;!?]|$)/gi, (_m, lead: string, levels: string) => `${lead}skip ${levels.replace(/\s*\/\s*/g, ' and ')} incidents`);
  // "sends a notification to the SOC mailbox": a mail, whatever the message is called.
  // ("MDO alerts sent to a shared mailbox": which mail the alerts are about, no mail to send.)
  out = out.replace(/(?<!\b(?:alerts?|detections?|e-?mails?|mails?|messages?|phish\w*|spam|ones|that|which|was|were|is|are|been)\s+)\b(?:send|sends|sent|post|posts|notify|notifies)\s+(?:(?:an?|the)\s+)?(?:(?:notification|message|note|alert|heads-?up|summary|e-?mail|mail|report)\s+)?to\s+(?:the\s+|our\s+)?(?!(?:an?|any|some|one)\s)([\w-]+(?:\s+(?!(?:shared|team)\b)[\w-]+)?)\s+(?:shared\s+|team\s+)?(?:mailbox|inbox|distribution\s+list|mailing\s+list)\b/gi, 'email the $1');
  // "..., and post in Teams either way": that step holds whatever the conditions before it say; it is a sentence of its own.
  out = out.replace(/\s*[,;]?\s*(?:and\s+)?(?:then\s+)?((?:always\s+)?(?:post|notify|ping|message|tell|send|email|mail|tag|comment|note|assign|alert|update|let|write|drop|set\s+(?:the\s+)?(?:incident\s+)?status|add\s+a\s+(?:comment|note|tag))\b[^,;.!?]*?)\s+(?:either\s+way|regardless(?:\s+of\s+(?:the\s+)?(?:verdict|result|outcome|score))?|in\s+any\s+case|in\s+all\s+cases|no\s+matter\s+what|whatever\s+the\s+(?:verdict|result|outcome|score))(?=\s*(?:[.;!]|$))/gi, '. $1');
  out = out.replace(/\s*[,;]\s*(?:and\s+|but\s+)?(?:either\s+way|regardless|in\s+any\s+case|in\s+all\s+cases|no\s+matter\s+what|whatever\s+the\s+(?:verdict|result|outcome|score)),?\s+(?=(?:always\s+)?(?:post|notify|ping|message|tell|send|email|mail|tag|comment|note|assign|alert|update|let|write|drop)\b)/gi, '. ');
  // "but leave service accounts alone": those accounts (or devices) are an exception, not a step.
  out = out.replace(/(?:(?<=[,;])\s*(?:but\s+|and\s+)?|\s+(?:but|and)\s+)leave\s+(?:the\s+|any\s+|all\s+|our\s+)?((?:(?!(?:the|their|its|those|these)\b)[\w-]+\s+){1,2}?(?:accounts|users|identities|devices|machines|hosts|boxes|endpoints)|(?:[\w-]+\s+){0,2}?(?:servers|workstations|dcs|domain\s+controllers))\s+(?:alone|untouched|be|out(?:\s+of\s+(?:it|this))?)\b/gi, ', except $1');
  // "PUAs detected by X are removed by stopping and quarantining the file": for those, the step the gerund names.
  out = out.replace(
    new RegExp(`(^|[.;:!?]\\s+)((?!(?:if|when|whenever|unless|once|where)\\b)[^.;:!?,]{3,120}?)\\s+(?:is|are|gets?|will\\s+be)\\s+(?:removed|remediated|cleaned\\s+up|handled|contained|dealt\\s+with|neutrali[sz]ed|mitigated)\\s+by\\s+(${GERUNDS}(?:\\s+and\\s+(?:${GERUNDS}))?)\\b`, 'gi'),
    (_m, lead: string, subject: string, gerunds: string) => `${lead}For ${subject.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase())}, ${gerunds.replace(new RegExp(GERUNDS, 'gi'), (g) => GERUND_VERB[g.toLowerCase()] ?? g)}`,
  );
  // "the server is not isolated; instead the IP is blocked", "if it's a mac dont isolate; run a scan instead": "instead"
  // goes on with the same case, not a new sentence.
  out = out.replace(/\s*;\s*(?=instead\b|(?:the|its|their)\s+[\w-]+\s+(?:shall|will|must|should|is\s+to|are\s+to)\s+instead\b)|(?<=\b(?:if|when|for)\b[^.;]*\b(?:dont|don'?t|do\s+not|never|no)\s[^.;]*)\s*;\s*(?=[^.;:!?]*\binstead\s*(?:[.;!?]|$))/gi, ', ');
  // "servers are excluded and receive a full antivirus scan instead": an exception, and a branch for it.
  out = out.replace(
    /(?:,|;)?\s+((?:the\s+)?(?:servers|workstations|domain\s+controllers|dcs|(?:linux|windows|mac)\s+(?:boxes|hosts|servers|machines|devices)))\s+(?:are|is)\s+(?:excluded|skipped|left\s+out|exempt(?:ed)?|spared)(?:\s+from\s+(?:isolation|this|it|containment))?\s*(?:,\s*)?(?:and|but)\s+(?:instead\s+)?(?:receive|get|are\s+given|undergo)\s+([^.;]+?)(?:\s+instead)?(?=\s*(?:[.;]|$))/gi,
    (_m, who: string, what: string) => `, except ${who}. For ${who}, ${/\bscan\b/i.test(what) ? 'run' : /\bpackage\b/i.test(what) ? 'collect' : 'apply'} ${what}`,
  );
  // "Incidents that involve a VIP device receive the incident tag 'vip'": for those incidents, the tag.
  out = out.replace(/(^|[.;:!?]\s+)((?:new\s+)?(?:incidents?|alerts?)\s+(?:that|which|whose|with|involving|containing|from|on)\b[^,;.:]*?)\s+(?:receive|get|are\s+given|gets)\s+(?:the\s+|an?\s+)?(?:incident\s+)?(tag|label|comment)\s+/gi, (_m, lead: string, which: string, what: string) => `${lead}For ${which.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase())}, ${what.toLowerCase()} the incident `);
  // "after incident resolution": when the incident is resolved.
  out = out.replace(/\bafter\s+(?:the\s+)?(incident|alert)(?:'s)?\s+(?:resolution|is\s+resolved|closure|is\s+closed|gets\s+(?:resolved|closed))\b/gi, 'when the $1 is resolved');
  // "It does not take any remediation action": what does not happen, which the plan already leaves out.
  out = out.replace(/(^|[.;!?]\s+)(?:it|this(?:\s+playbook)?|the\s+playbook|no\s+step)\s+(?:does\s+not|doesn'?t|will\s+not|won'?t|never)\s+(?:take|perform|run|do)s?\s+(?:any\s+)?(?:other\s+|further\s+)?(?:remediation|containment|response|automated|destructive)?\s*actions?\b[^.;!?]*[.;!?]?/gi, '$1');
  // "the user is required to reset the password at next sign-in": the reset, said as what the user must do.
  out = out.replace(/\b(?:the\s+)?(user|account(?:\s+owner)?)\s+(?:is|are|will\s+be|gets?)\s+(?:required|forced|made|prompted)\s+to\s+(?:reset|change)\s+(?:the|their|his|her|its)\s+password\b/gi, 'reset the $1 password');
  // "if the incident is already resolved skip it, else isolate": the case the steps skip.
  out = out.replace(/\bif\s+([^,;.]{3,80}?)\s*,?\s+(?:just\s+)?(?:skip|ignore|leave)\s+(?:it|them)(?:\s+alone)?\s*[,;]?\s*(?:else|otherwise|if\s+not)\s*,?\s+/gi, 'unless $1, ');
  out = out.replace(/\b(incident|alert)'s\s+(?:already\s+)?(resolved|closed|active|open|in\s+progress)\b/gi, '$1 is $2');
  // "when resolved", "once its closed as FP": an incident's status, said without the incident.
  out = out.replace(/\b(when|once|after|if|whenever)\s+(?:it'?s\s+|its\s+|it\s+is\s+|it\s+gets\s+|it\s+got\s+|it\s+was\s+|it\s+has\s+been\s+|gets\s+|got\s+)?(resolved|closed)\b/gi, (_m, cue: string, state: string) => `${cue} the incident is ${state.toLowerCase()}`);
  // "skip incidents already In Progress": the state the incidents must not be in.
  out = out.replace(/(^|[.;,]\s*|\band\s+|\bbut\s+)(?:just\s+)?(?:skip|ignore|exclude|leave\s+out|not)\s+(?:any\s+|the\s+|all\s+)?(?:incidents?|ones|cases)\s+(?:that\s+are\s+|which\s+are\s+|that'?re\s+)?(?:already\s+|still\s+)?(in\s+progress|resolved|closed)\b/gi, (_m, lead: string, state: string) => `${lead}unless the incident is already ${state.toLowerCase()}`);
  // "unless the incident is resolved or tagged fp": the incident is tagged, not its devices (the subject said once for both).
  out = out.replace(/\b(unless|if|when)\s+((?:the\s+)?incident\s+(?:is|was|has\s+been)\s+[^,;.]*?)\s+(or|and)\s+(?=(?:tagged|labell?ed)\b)/gi, '$1 $2 $3 the incident is ');
  // "unless the incident is resolved or already assigned": two states, each of which leaves the incident out (never "if it
  // is still open or already assigned", which would act on the assigned ones).
  out = out.replace(new RegExp(String.raw`\bunless\s+(?:the\s+|that\s+|this\s+)?(incident|alert|it)\s+(?:is|was|has\s+been|gets)\s+(?:already\s+)?(${INCIDENT_STATE})\s*(?:,\s*)?(?:or|and)\s+(?:(?:is|was|has\s+been)\s+)?(?:already\s+)?(${INCIDENT_STATE})\b`, 'gi'), (_m, what: string, a: string, b: string) => {
    const subject = /^it$/i.test(what) ? 'incident' : what;
    const state = (x: string): string => (/^has\b/i.test(x) ? 'has an owner' : /^(?:resolved|closed|in\s+progress)$/i.test(x) ? `is ${x}` : `is already ${x}`);
    return `unless the ${subject} ${state(a)}, unless the ${subject} ${state(b)}`;
  });
  // "unless the incident is resolved": while it is still open.
  // (Never when another case follows with "or": "unless resolved or X" is "if open and not X", which "if still open or X" is not.)
  out = out.replace(/\bunless\s+(?:the\s+|that\s+|this\s+)?(incident|alert)\s+(?:is|was|has\s+been|gets)\s+(?:already\s+)?(?:resolved|closed)\b(?!\s*,?\s*(?:or|and)\b)/gi, 'if the $1 is still open');
  out = out.replace(/\b(if|when|while|and|but)\s+(?:(?:the\s+|that\s+|this\s+)?(incident|alert)|it)\s+(?:is|has)\s+not\s+(?:yet\s+|been\s+)*(?:resolved|closed)\b/gi, (_m, cue: string, what: string | undefined) => `${cue} the ${what ?? 'incident'} is still open`);
  // "classified as true positive and not yet resolved": the subject said once for both.
  out = out.replace(/\b(and|but)\s+(?:is\s+|has\s+)?not\s+(?:yet\s+|been\s+)*(?:resolved|closed)\b/gi, '$1 the incident is still open');
  // "Insider risk: mass download - ...", "insider risk / mass download alerts": the programme's name beside a detection the
  // request names; the detection is the trigger.
  out = out.replace(/(^|[.!?]\s+)insider[\s-]+risks?(?:\s+(?:management|response|playbook|alert))?\s*(?::|\s-\s|\s*\/\s*|\s+or\s+)\s*(?=[^.]*\b(?:mass\s+download|exfiltrat\w*|data\s+(?:theft|leak\w*)|defender\s+for\s+cloud\s+apps|mcas|mdca|dlp)\b)/gi, '$1');
  // "any non-server machine": the machines that are not servers.
  out = out.replace(/\bnon-?(servers?|dcs?|domain\s+controllers?|workstations?)\s+(machines?|devices?|hosts?|boxes|box|endpoints?)\b/gi, (_m, kind: string, noun: string) => `${noun} except ${kind.replace(/s$/i, '')}s`);
  // "don't touch anything else", "clean URLs are ignored", "skip if it's under that": what does not happen, which the plan already leaves out.
  out = out.replace(/\s*[,.;]?\s*(?:and\s+|but\s+)?(?:don'?t|do\s+not|dont)\s+touch\s+anything\s+else\b/gi, '');
  out = out.replace(/\s*[,;]\s*(?:and\s+)?(?:the\s+)?clean\s+(?:ones|urls|ips|hashes|files|domains|iocs|addresses)\s+(?:are|get)\s+(?:ignored|skipped|left\s+alone|dropped)\b/gi, '');
  out = out.replace(/\s*[,;.]\s*(?:and\s+)?(?:skip|ignore)(?:\s+it)?\s+if\s+(?:it'?s|it\s+is)\s+(?:under|below|less\s+than|lower\s+than)\s+(?:that|this|it)\b/gi, '');
  // "leave anything tagged DoNotIsolate on the network": those devices are an exception.
  out = out.replace(/\b(?:but\s+)?leave\s+(?:anything|any\s+(?:device|machine|host|box)s?|(?:the\s+)?(?:devices?|machines?|hosts?|boxes))\s+(tagged\s+["']?[\w.-]+["']?)\s+(?:on\s+the\s+network|alone|connected|online|untouched)\b/gi, 'except devices $1');
  // "the kiosk machines (tag 'Kiosk')": the tag that names them.
  out = out.replace(/\b([\w-]+\s+)?(machines|devices|hosts|boxes|endpoints)\s*\(\s*(?:with\s+)?(?:the\s+)?(?:machine\s+|device\s+)?tag(?:ged)?\s*:?\s*(["'][\w.-]+["']|[\w.-]+)\s*\)/gi, (_m, _adj: string | undefined, noun: string, tag: string) => `${noun} tagged ${tag}`);
  // "private (RFC 1918) addresses": RFC 1918 is what private means.
  // "Private address ranges (RFC 1918)": the bracket names what was just said.
  out = out.replace(/\b(private|internal)\s+(?:ip\s+)?address\s+space\b/gi, '$1 address ranges').replace(/\s+(?:as\s+defined\s+in|per|under)\s+rfc\s*1918\b/gi, '');
  out = out.replace(/\b((?:private|internal)\s+(?:ip\s+)?(?:address\s+)?(?:ranges?|addresses|ips|networks?))\s*\(?\s*rfc\s*1918\s*\)?/gi, '$1');
  out = out.replace(/\b(?:private\s+)?(?:\(\s*)?rfc\s*1918(?:\s*\))?/gi, 'private');
  // "page oncall via mail to X": a mail to X.
  out = out.replace(/\bpage\s+(?:the\s+)?[\w-]+\s+(?:via|by|through|over|with\s+an?)\s+(?:e-?mail|mail)\s+(?:to|at)\s+/gi, 'email ');
  // "the recipient of the phishing email receives an email notification", "an email is sent to that user's mailbox": mail the users.
  out = out.replace(/\b(?:the|each|every)\s+(recipients?|users?)\b(?:\s+of\s+(?:the\s+)?[\w\s-]{1,40}?)?\s+(?:receives?|gets?|is\s+sent|are\s+sent)\s+an?\s+(?:e-?mail|mail)(?:\s+(?:notification|message|warning|heads-?up))?/gi, (_m, who: string) => `email the ${who.toLowerCase()}`);
  // "an email goes to our CISO at ciso@contoso.com": mail them.
  out = out.replace(/\b(?:an?\s+)?(?:e-?mail|mail)(?:\s+notification)?\s+(?:goes|should\s+go|will\s+go|must\s+go|gets\s+sent)\s+(?:out\s+)?to\s+(?=\S)/gi, 'email ');
  out = out.replace(/\ban?\s+(?:e-?mail|mail)(?:\s+notification)?\s+is\s+sent\s+to\s+(?:the|that|this|each)\s+(user|recipient)'?s?\s+(?:mailbox|inbox|e-?mail\s+address)/gi, 'email the $1');
  // "sends an email to the user's mailbox": mail the user (the active voice of the same).
  out = out.replace(/\bsends?\s+an?\s+(?:e-?mail|mail|message)(?:\s+notification)?\s+to\s+(?:the|that|this|each|their)\s+(?:affected\s+)?(user|recipient)'?s?\s+(?:mailbox|inbox|e-?mail(?:\s+address)?)/gi, 'email the $1');
  // "..., and confirm compromised too if sev is high": a step added for a narrower case is a branch of its own.
  out = out.replace(/,\s+and\s+([a-z][^,;.]*?)\s+(?:too|as\s+well|also)\s+(if|when)\s+([^,;.]+)(?=[.;]|$)/gi, '. $2 $3, $1');
  // "Upon incident creation": when an incident is created.
  out = out.replace(/\b(?:upon|on|at)\s+(incident|alert)\s+creation\b/gi, 'when an $1 is created');
  // "dont disable them though": a trailing "though" only softens.
  out = out.replace(/,?\s+(?:though|tho)(?=\s*(?:[.;,!?]|$))/gi, '');
  // "isolate nothing for now": the step said with its negation as the object.
  out = out.replace(/\b(isolate|block|quarantine|restrict|disable|reset|revoke|contain|close|resolve|release|scan|collect|tag|assign|email|post|notify)\s+(?:nothing|nobody|no\s?one|none)\b/gi, 'do not $1 anything');
  // "lmk when its live": a word about setting the playbook up, not a step of it.
  out = out.replace(/[.,;]?\s*\b(?:and\s+)?(?:lmk|let\s+me\s+know|notify\s+me|ping\s+me|tell\s+me)\s+(?:when|once)\s+(?:it'?s|its|it\s+is|the\s+playbook\s+is|this\s+is)\s+(?:live|deployed|up|active|running|in\s+place|set\s+up|ready|on)\b\s*[.!]?/gi, '.');
  // "lmk when done": a notice when the playbook has run, not a condition on it.
  out = out.replace(/\b(notify\s+(?:me|us)|tell\s+(?:me|us)|ping\s+(?:me|us)|update\s+(?:me|us))(?:\s+(?:here|in\s+(?:here|teams|the\s+channel|this\s+channel)))?\s+(?:when|once|after|as\s+soon\s+as)\s+(?:it'?s\s+|it\s+is\s+|that'?s\s+|everything'?s\s+|everything\s+is\s+|all\s+|they'?re\s+|its\s+|it\s+has\s+|you'?re\s+|you\s+are\s+)?(?:done|finished|complete[d]?|over|through|ready|run|queued|started|submitted|kicked\s+off|running|sent|in\s+progress|underway)\b/gi, 'notify me');
  return out;
}

const FOLLOW_UP_VERB = new RegExp(`\\b(?:${ACTION_VERB})\\b`, 'i');
const FOLLOW_UP = new RegExp(`^(?:(?:and\\s+)?(?:then|after\\s+that|afterwards|after\\s+which)\\s*,?\\s+((?:${ACTION_VERB})\\b(?:[^.!?;\\n]|\\.(?=\\w)){1,100}?)|((?:${ACTION_VERB})\\b(?:[^.!?;\\n]|\\.(?=\\w)){1,100}?)\\s+(?:after|afterwards|after\\s+that))\\s*[.!?]?$`, 'i');
const FOLLOW_UP_NOT_AFTER = /^\s*(?:otherwise|else|if\s+not|for\s+(?:the\s+rest|every(?:thing|one)\s+else|all\s+others))\b|\b(?:never|not|dont|don'?t|no|skip|ignore|unless|except|otherwise)\b/i;
/**
 * "block the ip in mde. ip only, no url blocks. tag the incident ioc-blocked after", "... . then post in teams": a step
 * said to come after the step before goes with that step, in its case (read alone, the tag ran when nothing had been
 * blocked). Sentences between that name no step (a rule-out of kinds, a remark) are passed over; a branch's other side
 * or a rule-out is never the step before, whose case is not the follow-up's.
 */
/** "collect a package whenever X, then isolate the device": the step after "then" follows the first in its case. */
const THEN_AFTER_CASE = new RegExp(String.raw`(\b(?:${ACTION_VERB})\b(?:[^.;!?,\n]|\.(?=\w))*?)\s+((?:whenever|when|if|once|as\s+soon\s+as)\s+(?:[^,.;!?\n]|\.(?=\w)){3,120}?)\s*,\s*(?:and\s+)?then\s+((?:${ACTION_VERB})\b(?:[^.;!?,\n]|\.(?=\w))*)`, 'gi');
function thenAfterCase(text: string): string {
  return text.replace(THEN_AFTER_CASE, '$1 and then $3 $2');
}

function followUpSteps(input: string): string {
  const sentences = input.split(/(?<=[.!?])\s+(?=\S)/);
  for (let i = 1; i < sentences.length; i++) {
    const m = FOLLOW_UP.exec(sentences[i].trim());
    if (!m) continue;
    let j = i - 1;
    while (j >= 0 && i - j <= 3 && !FOLLOW_UP_VERB.test(sentences[j])) j--;
    if (j < 0 || i - j > 3 || FOLLOW_UP_NOT_AFTER.test(sentences[j])) continue;
    const step = (m[1] ?? m[2]).trim();
    sentences[j] = `${sentences[j].replace(/[\s.!?,;]*$/, '')}, then ${step}.`;
    sentences.splice(i, 1);
    i--;
  }
  return sentences.join(' ');
}

const IOC_WORDS: Record<string, string> = { hash: 'hash', hashes: 'hash', file: 'hash', files: 'hash', ip: 'ip', ips: 'ip', url: 'url', urls: 'url', domain: 'domain', domains: 'domain' };

/**
 * "block every IOC VT flags, except hashes", "leave the hashes alone": the blocks are of the other kinds. A block
 * that named its kinds keeps them; one said of every IOC names the others.
 */
const IOC_KIND = '(?:file\\s+)?(?:hash(?:es)?|files?|ips?|urls?|domains?)';
const IOC_KINDS = `${IOC_KIND}(?:\\s*(?:,|\\/|\\bor\\b|\\band\\b|\\bnor\\b)\\s*(?:the\\s+|any\\s+)?${IOC_KIND})*`;

const USER_CASE = /\b(?:users?|accounts?|accts?|recipients?|victims?|employees?|senders?|owners?|they|he|she)\b/i;

/** What a step acts on, by the verb it starts with: "device", "user", "ioc" or "other". */
function stepKind(text: string): string {
  const verb = /^\s*(?:just\s+|only\s+)?(\w+)/.exec(text)?.[1]?.toLowerCase() ?? '';
  if (/^(?:isolate|contain|restrict|quarantine|scan|run|collect|release|unisolate|stop)$/.test(verb)) return 'device';
  if (/^(?:disable|reset|revoke|confirm|dismiss|lock|suspend)$/.test(verb)) return 'user';
  if (/^(?:block|add|submit|create)$/.test(verb)) return 'ioc';
  return 'other';
}

/** "revoke their sessions and ping us instead": the step that replaces the one left out is the first; "instead" goes with it. */
function insteadFirst(steps: string): string {
  const plain = steps.replace(/\s+instead\b/i, '');
  const cut = plain.search(/\s+and\s+|\s*[+&]\s*|,\s*|\s+then\s+|\s+so\s+/);
  return cut > 0 ? `${plain.slice(0, cut)} instead${plain.slice(cut)}` : `${plain} instead`;
}

function iocTypesLeftOut(text: string): string {
  const spared = new Set<string>();
  const kindsOf = (list: string): string[] => [...list.matchAll(/(hash(?:es)?|files?|ips?|urls?|domains?)/gi)].map((k) => IOC_WORDS[k[1].toLowerCase()]).filter(Boolean);
  // "dont create anything for IPs or urls", "hashes only", "only hashes": the IOC kinds left out, said in a list.
  text = text
    .replace(new RegExp(`(^|[.;,]\\s*)(?:but\\s+)?(?:(?:do\\s+not|don'?t|dont|never)\\s+(?:create|add|make|block|submit|push)\\s+(?:anything|any\\s+(?:indicators?|iocs?|blocks?)|indicators?|iocs?)|nothing|no\\s+(?:indicators?|iocs?|blocks?))\\s+(?:for|on)\\s+(?:the\\s+|any\\s+)?(${IOC_KINDS})(?=\\s*(?:[.;,]|$))`, 'gi'), (_m, lead: string, list: string) => {
      kindsOf(list).forEach((k) => spared.add(k));
      return lead;
    })
    // "leave file hashes and urls alone": those kinds, in a list.
    .replace(new RegExp(`(^|[.;,]\\s*)(?:but\\s+|and\\s+)?leave\\s+(?:the\\s+|any\\s+|all\\s+)?(${IOC_KINDS})\\s+(?:alone|untouched|out\\s+of\\s+it)(?:\\s*,\\s*(?:they|those|these|it)(?:'re|\\s+are|\\s+is|'s)\\s+[^.;,]*)?(?=\\s*(?:[.;,]|$))`, 'gi'), (_m, lead: string, list: string) => {
      kindsOf(list).forEach((k) => spared.add(k));
      return lead;
    })
    .replace(new RegExp(`(^|[.;,?!]\\s*)(?:(${IOC_KINDS})\\s+only|(?:only|just)\\s+(?:the\\s+)?(${IOC_KINDS}))(?:\\s+(?:please|pls|plz|thanks))?(?=\\s*(?:[.;]|,\\s*(?:and|but)\\b|$))(,\\s*(?:and|but)\\s+)?`, 'gi'), (m, lead: string, a?: string, b?: string, joined?: string) => {
      const kept = kindsOf(a ?? b ?? '');
      if (kept.length === 0) return m;
      ['hash', 'ip', 'url', 'domain'].filter((k) => !kept.includes(k)).forEach((k) => spared.add(k));
      return joined ? lead.replace(/[,\s]+$/, ' ') : lead;
    })
    .replace(/(?:\s*,)+\s*([.;]|$)/g, '$1');
  const cut = text.replace(/(?:,\s*|\s+)(?:except|excluding|but\s+not|not)\s+(?:the\s+|any\s+)?(hash(?:es)?|files?|ips?|urls?|domains?)(?=\s*(?:[.;]|$))|(^|[.;]\s+)(?:leave\s+the\s+(hash(?:es)?|files|ips|urls|domains)\s+alone|(?:do\s+not|don'?t|dont|never)\s+block\s+(?:the\s+|any\s+)?(hash(?:es)?|files|ips|urls|domains))(?:\s*,\s*(?:they|those|these|it)(?:'re|\s+are|\s+is|'s)\s+[^.;,]*)?(?=\s*(?:[.;]|,\s*(?:also|and|then)\b|$))/gi,
    (_m, a?: string, lead?: string, b?: string, c?: string) => {
      spared.add(IOC_WORDS[(a ?? b ?? c ?? '').toLowerCase()]);
      return lead ?? '';
    });
  if (spared.size === 0) return text;
  const others = ['hash', 'ip', 'url', 'domain'].filter((t) => !spared.has(t)).map((t) => (t === 'hash' ? 'hashes' : `${t}s`));
  const list = others.length > 1 ? `${others.slice(0, -1).join(', ')} and ${others[others.length - 1]}` : others[0] ?? '';
  let named = 0;
  const out = cut
    .replace(/\b(every|all|any|each|the)\s+(?:malicious\s+|bad\s+)?(?:iocs?|indicators?|observables?|artifacts?|entities)\b/gi, (_m, det: string) => {
      named++;
      return `${det} ${list}`;
    })
    // "block them if VT 5+. never block ips": the pronoun is the IOCs of the kinds left in.
    .replace(/\b(block|blacklist|ban|submit)\s+(it|them|those|these|they)\b/gi, (_m, verb: string) => {
      named++;
      return `${verb} the ${list}`;
    })
    .replace(/^\s*[.;]\s*/, '')
    .replace(/([.;])\s*[.;]/g, '$1');
  // The kinds left out must be said by what stays: a step that names its kinds ("block the hash") needs nothing more;
  // one that names none keeps the words, which Rampart then asks about rather than block every kind.
  const kept = new RegExp(`\\b(?:${others.map((o) => o.replace(/e?s$/, '')).join('|')})(?:e?s)?\\b`, 'i');
  return named > 0 || kept.test(out) ? out : text;
}

/**
 * "MDI alerts on the DCs: dont isolate the dc; reset pw for the account. revoke its sessions": a header said with a colon
 * at the start heads the sentences after it, until one has a header or a condition of its own. The steps after a
 * full stop must not run on every alert because the header's words were left behind in the first sentence.
 */
/** Text that opens with a step's verb ("Isolate ...", "Collect ..."): a title that says a step, not only a name. */
/**
 * "high sev only pls, medium n below leave alone", "high only, medium, low or informational: ignore": the levels left
 * alone after an "only" are what the "only" says; the "only" then scopes the whole request.
 */
const LEVEL_WORD = String.raw`(?:critical|high|medium|low|informational)`;
const LEFT_ALONE_AFTER_ONLY = new RegExp(
  String.raw`\b(${LEVEL_WORD}(?:\s*(?:,|\bor\b|\band\b|\/|\+)\s*${LEVEL_WORD})*(?:\s+(?:severity|sev))?\s+only)(?:\s+(?:please|pls|plz))?\s*[,;]\s*` +
    String.raw`(?:${LEVEL_WORD}(?:\s+(?:severity|sev))?(?:\s+(?:or|and|n|&)\s+(?:lower|below|less|under|down))?\s*(?:,|\bor\b|\band\b|\/|\+)?\s*)+` +
    String.raw`(?::|->)?\s*(?:just\s+)?(?:leave\s+(?:them|it)\s+alone|leave\s+alone|ignore(?:\s+(?:them|it))?|skip(?:\s+(?:them|it))?|nothing|do\s+nothing|no\s+action)(?=\s*(?:[.;!]|$))`,
  'gi',
);

/** A step's verb anywhere in a piece of text ("tag the incident", "drop a comment"). */
const STEP_VERB_ANYWHERE = new RegExp(`\\b(?:${ACTION_VERB}|comment|post|email|mail|notify|send|tag|assign|close|resolve|drop)\\b`, 'i');
const STEP_VERB_FIRST = new RegExp(`^(?:${ACTION_VERB}|contain|collect|run|stop|send|notify|email|post|mark|set|add|create|kill|lock|force)\\b`, 'i');


function headerScope(text: string): string {
  const header = /^([^.;:!?]{3,80}?):\s+(?=\S)/.exec(text);
  if (!header || /^(?:if|when|whenever|unless|for|on|step\s+\d|note|fyi|ps|context|background|example|e\.g)\b/i.test(header[1].trim())) return text;
  // Only a header that says which cases ("high sev ransomware", "MDI alerts on the DCs"), not a title of steps.
  if (!/\b(?:alerts?|incidents?|detections?|hits|sev(?:erity)?|critical|high|medium|low|ransomware|malware|phish\w*|mde|mdo|mdi|mcas|dcs?|domain\s+controllers?|servers?|workstations?|devices?|hosts?|boxes|machines?|endpoints?|hash(?:es)?|files?|ips?|urls?|domains?|virustotal|vt|engines?)\b/i.test(header[1])) return text;
  if (/^(?:isolate|block|disable|revoke|reset|scan|collect|restrict|quarantine|tag|assign|close|resolve|email|mail|post|notify|send)\b/i.test(header[1].trim())) return text;
  let out = text.slice(0, header[0].length);
  const rest = text.slice(header[0].length);
  const parts = rest.split(/(?<=[a-z0-9)"'])([.;]\s+)(?=[a-z])/i);
  out += parts[0];
  let open = true;
  for (let i = 1; i < parts.length; i += 2) {
    const next = parts[i + 1] ?? '';
    // "medium ones just post here", "servers get a scan": a sentence that names its own cases is a branch of its own.
    // "hash w/ VT >= 20: if its on a server ... . if its a workstation ...": branches said one after another under the header.
    // Only under a header that is itself a test of the IOCs ("hash w/ VT >= 20"), and for branches that name no severity or band.
    const branch = /^(?:if|when)\b/i.test(rest.trim()) && /^(?:if|when)\b/i.test(next) && !/\d|\b(?:critical|high|medium|med|low|informational|info|sev\w*)\b/i.test(next)
      && /\b(?:hash(?:es)?|files?|ips?|urls?|domains?)\b/i.test(header[1]) && /\d/.test(header[1]);
    const own = !branch && /^(?:if|when|whenever|unless|for|on|otherwise|else|except|only|but|also\s+for|this|the\s+playbook|it\s+|(?:(?:by|at|with|in|in\s+case\s+of|bei|by\s+an?)\s+)?(?:the\s+|any\s+|all\s+)?(?:critical|high|medium|med|low|informational|info|sev\s*\d|p\d|rest|everything|anything|others?|servers?|workstations?|dcs?|domain\s+controllers?|linux|mac|macs|windows|laptops?)\b)/i.test(next) || /^[^.;]{0,60}?(?::|->)/.test(next);
    // "malware category: sev medium or up -> full scan. sev high -> also isolate": a branch by severity under a header of a
    // kind of alert is still that kind's; the header is said again for it.
    const kindHeader = !/\b(?:critical|high|medium|med|low|informational|info|sev\w*|p\d)\b/i.test(header[1]) && /\b(?:malware|ransomware|phish\w*|mde|mdo|mdi|mcas|categor(?:y|ies)|credential\w*|trojans?|pua|adware|exfiltration|lateral)\b/i.test(header[1]);
    const severityBranch = /^(?:(?:if|when)\s+)?(?:the\s+)?(?:sev(?:erity)?\s+(?:is\s+)?)?(?:critical|high|medium|med|low|informational|info)\b/i.test(next);
    if (own && kindHeader && severityBranch) {
      open = false;
      out += `${parts[i]}${header[1].trim()}: ${next}`;
    } else if (!own && open) out += `, ${next}`;
    else {
      open = false;
      out += `${parts[i]}${next}`;
    }
  }
  return out;
}

/**
 * "4) URL with 1-4 malicious: no block. Tag the incident 'needs-review'.": in a numbered or bulleted list, an item that opens
 * with its case before a colon is one case; its later sentences stay under it (cut off by the full stop, the tag had gone to
 * every incident).
 */
function listItemCases(text: string): string {
  // (A label that says the item is an ask, "3) automation req: ...", names no case: its sentences stay sentences.)
  return text.replace(/^([ \t]*(?:\d+[.)]|[-*\u2022])[ \t]+(?!(?:an?\s+)?(?:automation\s+|autom8\s+)?(?:ask|req|request)(?:\s+from\s+me)?\s*:)[^\n:]{2,80}:[^\n]*)$/gim, (line: string) => {
    const colon = line.indexOf(':');
    return line.slice(0, colon + 1) + line.slice(colon + 1).replace(/([a-z0-9'")])\.\s+(?=[A-Za-z])/g, '$1, ');
  });
}

/**
 * "Exception: accounts in the group 'BreakGlass-Admins' are never disabled; revoke sessions and email X instead": the case,
 * the step it rules out and what it gets instead, said as a case (read as a step ruled out, "instead" lost its case and the
 * revoke ran for every account at every severity).
 */
function ruledOutInstead(text: string): string {
  return text
    // "Nothing in the Tier0 device group gets isolated": the devices there are never isolated.
    .replace(/\bnothing\s+((?:in|from|on|tagged|with)\s+[^.;,:\n]{2,60}?)(?:\s+ever)?\s+(?:gets?|is|will\s+be|should\s+be|may\s+be)\s+(?:ever\s+)?(isolated|contained|scanned|restricted|disabled|reset)\b/gi, (_m, where: string, participle: string) => `${/^(?:disabled|reset)$/i.test(participle) ? 'accounts' : 'devices'} ${where} are never ${participle}`)
    // "Nothing in the Tier0 group gets isolated; collect an investigation package from those instead": for those, the step
    // (said after it, "from those" had not told the package which devices).
    .replace(/([;.]\s+|\n\s*)((?:collect|grab|get|pull)\b[^.;\n]{2,80}?)\s+from\s+(?:those|them|these)(?:\s+(?:devices|machines|hosts|boxes|ones))?\s+instead\b/gi, '$1for those, $2 instead')
    .replace(/(^|[.;!?]\s+|\n\s*(?:\d+[.)]\s*|[-*\u2022]\s*)?)(?:exceptions?\s*:\s*)?(?:the\s+|any\s+|all\s+)?(accounts?|users?|members|identities)\s+(?:in|of|from)\s+(?:the\s+)?(?:group\s+)?('[^'\n]{1,40}'|"[^"\n]{1,40}"|[\w.&-]+)(?:\s+group)?\s+(?:are|is)\s+never\s+(disabled|reset)\s*[;,:]\s*((?:[^.;\n]|\.(?=\w)){3,120}?)\s+instead(?=\s*(?:[.;\n]|$))/gi, (_m: string, lead: string, _who: string, group: string, participle: string, rest: string) => {
    const verb: Record<string, string> = { disabled: 'disable the account', reset: 'reset the password' };
    const name = /^['"]/.test(group) ? `'${group.slice(1, -1)}'` : `'${group}'`;
    return `${lead}If the user is in the ${name} group, do not ${verb[participle.toLowerCase()]}, ${rest} instead`;
  });
}

/** "Domain controllers are never isolated": a step the description rules out, said in the passive. */
const NEVER_PASSIVE = new RegExp(`((?:^|[.;:!?]\\s+)(?:and\\s+|but\\s+)?|,\\s+(?:and\\s+|but\\s+)?)((?!(?:for|if|when|whenever|on|unless)\\b)(?:the\\s+|any\\s+|our\\s+)?(?:(?:'[^'\\n]{1,40}'|"[^"\\n]{1,40}"|(?!(?:that|which|who|whose)\\b)[\\w'*-]+)\\s+){0,6}?(?!(?:that|which|who|whose)\\b)[\\w'*-]+)\\s+(?:(?:is|are|will|should|must|shall)\\s+(?:never|not)\\s+(?:be\\s+)?|never\\s+gets?\\s+|(?:do|does)\\s*(?:not|n'?t)\\s+get\\s+)(${PARTICIPLE_WORDS})(?:\\s+(?:or|nor|and|\\/)\\s+(${PARTICIPLE_WORDS}))?\\b(?:\\s+(?:by\\s+(?:automation|the\\s+playbook|rampart)|automatically))?`, 'gi');

function passiveClauses(text: string): string {
  // "... is submitted as an indicator; the incident is then classified ...": "then" goes on from the step before, under the
  // same condition, which a semicolon had cut off.
  text = text.replace(/;\s+((?:the|each|every|its|their)\s+[\w'-]+(?:\s+[\w'-]+){0,3}?\s+(?:is|are|gets?)\s+)then\s+/gi, ', then $1')
    .replace(/((?:^|[.!?]\s+)(?:if|when|whenever|once)\s[^.;!?]*?,[^.;!?]*?);\s+then\s+/gi, '$1, then ');
  // "Devices on which the file was not observed are not touched", "Devices without such a finding are not contained": the
  // other side of what the steps test, said as a case left alone (the plan checks that every step then has a test of its own).
  // A subject with no negation of its own ("Devices in the lab group are not touched") is an exclusion, and stays as it is.
  text = text.replace(/(^|[.;]\s+)((?:the\s+)?(?:other\s+|remaining\s+)?(?:devices?|machines?|hosts?|endpoints?|incidents?|alerts?|accounts?|users?|files?|urls?|ips?|addresses)\s+(?:on\s+which|where|in\s+which|that|which|whose|without|with\s+no)\b[^.;:]{0,80}?)\s+(?:are|is|will\s+be|remain)\s+(?:not|never)\s+(?:touched|contained|isolated|changed|modified|affected|processed|acted\s+(?:up)?on|blocked|disabled|quarantined)(?:\s+(?:either|at\s+all|by\s+this\s+playbook))?\s*(?=[.;]|$)/gi,
    (m, lead: string, subject: string) => (/\b(?:not|no|without|never|none|below|under|fewer|less)\b|n't\b/i.test(subject) ? `${lead}${subject}: leave them alone` : m));
  // "the device where it ran is isolated", "the host on which the tool was seen": the device the alert's file or
  // process was seen on, which is not every device of the alert.
  // "the device on which the activity was observed": the alert's device, no file's.
  text = text.replace(/\b((?:the|that|each|every)\s+(?:affected\s+)?(?:devices?|machines?|hosts?|endpoints?|box(?:es)?|computers?))\s+(?:where|on\s+which|in\s+which|that)\s+the\s+(?:suspicious\s+|malicious\s+)?(?:activity|alert|attack|behaviou?r|detection|threat|incident|event|compromise|intrusion|sign-?in|logon)\s+(?:happened|occurred|took\s+place|(?:was|were|is|are)\s+(?:seen|found|detected|observed|raised|reported|recorded))(?:\s+on)?\b/gi, '$1');
  text = text.replace(/\b((?:the|that|each|every)\s+(?:affected\s+)?(?:devices?|machines?|hosts?|endpoints?|box(?:es)?|computers?))\s+(?:where|on\s+which|in\s+which|that)\s+(?:it|they|the\s+[\w-]+|this|that|those)\s+(?:ran|runs|executed|happened|occurred|(?:was|were|is|are)\s+(?:running|seen|found|detected|observed|executed|launched|started))(?:\s+on)?\b/gi, '$1 the file ran on');
  // "devices that were isolated during the investigation are released": the isolated devices, which is what a release acts on.
  text = text.replace(/\b(devices?|machines?|hosts?|endpoints?)\s+(?:that|which)\s+(?:were|was|have\s+been|had\s+been|are|got)\s+isolated(?:\s+(?:during|in|for|by)\s+(?:the\s+)?(?:investigation|incident|response|playbook|us|rampart|containment))?(?=\s+(?:are|is|get|gets|will\s+be)\s+released\b)/gi, '$1');
  // "code execution on that device is restricted to Microsoft-signed binaries": the restriction, in the active.
  text = text.replace(/\b(?:code|app(?:lication)?|program)\s+execution\s+(?:on\s+((?:that|the|this|each|those|these|its|their)\s+(?:device|machine|host|endpoint)s?)\s+)?(?:is|are|gets|get|will\s+be)\s+(?:then\s+|also\s+|immediately\s+)?restricted\b/gi, (_m, where?: string) => `restrict app execution on ${where ?? 'the device'}`);
  // "an alert results in the user's account being disabled and X being notified": the steps it leads to.
  text = text
    .replace(new RegExp(`\\s+(?:results?\\s+in|leads?\\s+to|causes?)\\s+(?=[^.;]*?\\bbeing\\s+(?:${PARTICIPLE_WORDS})\\b)`, 'gi'), ', then ')
    .replace(new RegExp(`((?:the|an?|their|its|his|her)\\s+(?:[\\w'-]+\\s+){0,4}?[\\w'-]+|[\\w.+'-]+@[\\w-]+(?:\\.[\\w-]+)+)\\s+being\\s+(${PARTICIPLE_WORDS})\\b`, 'gi'), (_m, subject: string, participle: string) => `${PARTICIPLES[participle.toLowerCase()]} ${subject}`);
  // "anything named med-* is never isolated or scanned by automation": never isolate or scan it.
  // "service accounts are neither disabled nor revoked": never either.
  text = text.replace(/\b(are|is|gets?|will\s+be)\s+neither\s+([a-z]+ed)\s+nor\s+([a-z]+ed)\b/gi, '$1 never $2 or $3');
  // ("... never disabled or revoked": of accounts, a revoke is of their sessions; a bare "revoke" had named no step.)
  let out = text.replace(NEVER_PASSIVE, (_m: string, lead: string, subject: string, participle: string, second: string | undefined) => {
    const who = subject.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase());
    const pair = second ? [participle, second].map((p) => p.toLowerCase()) : [];
    if (/\b(?:accounts?|accts?|users?|members?|admins?|identit(?:y|ies))\b/i.test(subject) && pair.includes('revoked') && pair.some((p) => /^(?:disabled|reset)$/.test(p))) {
      const other = pair.find((p) => p !== 'revoked') === 'reset' ? 'reset the password' : 'disable the account';
      return `${lead}never ${other} or revoke the sessions of ${who}`;
    }
    return `${lead}never ${PARTICIPLES[participle.toLowerCase()]}${second ? ` or ${PARTICIPLES[second.toLowerCase()]}` : ''} ${who}`;
  });
  // "Devices in the 'Legal' device group must never be isolated. When one of them is in a malware incident, ...": one of
  // the devices of that group.
  // ("... EXCEPT devices tagged pump-gw. if one of those gateways is in the incident, ...": a device so tagged.)
  out = out.replace(/\b(when|if|whenever|once)\s+one\s+of\s+(?:them|those|these)(?:\s+[a-z]+s)?\s+(?=is\s+(?:in|part\s+of|involved\s+in|on)\b)/gi, (m: string, cue: string, at: number, whole: string) => {
    const named = [...whole.slice(0, at).matchAll(/\b(?:devices|machines|hosts|boxes|endpoints)\s+(?:(?:in|of|from)\s+(?:the\s+)?(["'\u2018\u201c][^"'\u2019\u201d\n]{1,60}["'\u2019\u201d])\s+(?:device\s+|machine\s+)?group\b|tagged\s+(["'\u2018\u201c]?[\w-]+(?:\.[\w-]+)*["'\u2019\u201d]?))/gi)];
    const last = named.at(-1);
    if (!last) return m;
    return last[1] ? `${cue} a device in the ${last[1]} device group ` : `${cue} a device tagged ${last[2]} `;
  });
  // "never isolate the Legal devices: they hold privileged material": why, after a colon or a dash.
  out = out.replace(/(\b(?:never|do\s+not|don'?t|dont)\s+(?:isolat|disabl|block|quarantin|restrict|reset|revok|scan|touch|clos)\w*[^:.;\n\u2014\u2013]{0,100}?)\s*(?::|\s[\u2013\u2014-])\s*(?=(?:they|it|we|these|those)\s+(?:hold|holds|contain|contains|run|runs|are|is|have|has|belong|belongs|serve|serves|support|supports|carry|carries|store|stores|keep|keeps)\b|(?:under|per|according\s+to|as\s+per)\s+(?:our|the|their)\s+[\w\s-]{1,40}?(?:agreement|policy|contract|law|rules?|regulations?|gdpr)\b)/gi, '$1, because ');
  out = out.replace(SENT_TO_SUBJECT, (_m: string, lead: string, subject: string) => `${lead}email ${subject.replace(/^The\b/, 'the')}`);
  out = out.replace(PASSIVE, (m: string, lead: string, subject: string, manner: string | undefined, participle: string, offset: number, whole: string) => {
    // "are selectively isolated": how, kept with the verb.
    const verb = `${PARTICIPLES[participle.toLowerCase()]}${manner ? ` ${manner.trim()}` : ''}`;
    // "I want that no device is isolated", "none of the hosts are isolated": a step ruled out, never one to take.
    const nothing = /\b(?:no|none(?:\s+of)?|nothing|neither|nobody|not\s+(?:a|an|any|one))\s+(?:of\s+)?(?:the\s+|their\s+|its\s+)?([\w'-]+(?:\s+[\w'-]+){0,2})$/i.exec(subject);
    if (nothing) return `${lead}${subject.slice(0, nothing.index).trim() ? `${subject.slice(0, nothing.index).trim()}, ` : ''}never ${verb} ${nothing[1]}`;
    if (/\b(?:no|none|nothing|neither|nobody)\b/i.test(subject)) return m;
    // "for each incident tagged PCI the machines are isolated": what the incident is, then the subject (no comma between).
    if (/^(?:tagged|labell?ed|named|with|from|whose)\b/i.test(subject)) return m;
    // "any incident that is tagged X:", "any customer whose incident is tagged X": the verb is the relative clause's, a case
    // (read as the main clause, the case had become a tag step and the steps after it ran on every incident).
    if (/\b(?:that|which|who|whose(?:\s+[\w'-]+){0,2})$/i.test(subject.trim())) return m;
    // "the kiosk machines are tagged 'kiosk' in MDE", "the devices are tagged 'review'": a tag on devices, which no step sets;
    // never a step tagging the incident (it is read as a fact about the devices, or asked about).
    if (/^(?:tagged|labell?ed)$/i.test(participle) && /(?<!\bfor\s+)\b(?:devices?|machines?|hosts?|endpoints?|box(?:es)?|laptops?|desktops?|servers?|workstations?|pcs?|computers?)$/i.test(subject.trim())) return m;
    // "any incident is tagged X: ...", "incidents assigned to Y -> ...": a state before a case's colon or arrow is the case.
    if (/^(?:tagged|labell?ed|assigned|marked|classified|closed|resolved)$/i.test(participle) && /^\s*(?:to\s+|as\s+)?["'\u2018\u201c]?[\w.@-]+["'\u2019\u201d]?\s*(?::|->|=>|\u2192)/.test(whole.slice(offset + m.length))) return m;
    // "Medium severity incidents are tagged P2": which incidents, then what is done to them ("tag Medium ... P2" reads badly).
    if (!manner && /^(?:tag|label|assign|close|resolve|mark|set|comment\s+on)$/.test(verb) && /^(?!(?:the|this|that|it)\s+(?:incident|alert)\b)(?:[\w'-]+\s+){0,6}?(?:incidents|alerts)\b/i.test(subject)) {
      return `${lead}for ${subject}, \uE000${verb} them`;
    }
    return `${lead}\uE000${verb} ${subject}`;
  });
  // "... are tagged 'x' and assigned to y": the second participle shares the subject.
  out = out.replace(new RegExp(`(\uE000(?:[^.;\uE000]|\\.(?=\\w))*?\\s+and\\s+)(?:then\\s+|also\\s+)?(${PARTICIPLE_WORDS})\\b(?=\\s+(?:to|as|with|in|on|by)\\b|\\s*[.;,]|\\s*$|\\s+["'\u2018\u201c]?[\\w-]+["'\u2019\u201d]?\\s*(?:[.;,]|$))`, 'gi'), (_m, head: string, participle: string) => `${head}${PARTICIPLES[participle.toLowerCase()]}`);
  // "... and the SOC is alerted in Teams" right after a converted clause.
  out = out.replace(
    new RegExp(`\uE000(${[...new Set(Object.values(PARTICIPLES))].join('|')})(\\s+[^.;,]*?\\s+and\\s+)((?:the|an?|their|its|his|her|each|all|any|every)\\s+(?:[\\w'-]+\\s+){0,5}?[\\w'-]+)\\s+(?:is|are|gets|get|(?:will|shall|must|should)\\s+(?:also\\s+|additionally\\s+)?be)\\s+(${PARTICIPLE_WORDS})\\b`, 'gi'),
    (_m, verb: string, mid: string, subject: string, participle: string) => `${verb}${mid}${PARTICIPLES[participle.toLowerCase()]} ${subject}`,
  );
  // "make it so any MDO alert with a bad attachment gets the hash blocked": "any ..." is which alerts; the steps follow.
  out = out.replace(
    new RegExp(`(^|[.!?]\\s+|\\b(?:(?:can|could|would)\\s+(?:you|u)\\s+)?make\\s+(?:it\\s+)?so\\s+(?:that\\s+)?)((?:any|every|each)\\s+[^.;:!?]{3,100}?)\\s+(gets?|has|have)\\s+(?=(?:the|its|their|his|her)\\s+(?:[\\w'-]+\\s+){0,3}?[\\w'-]+\\s+(?:${PARTICIPLE_WORDS})\\b)`, 'gi'),
    (_m, lead: string, which: string, verb: string) => `${/make/i.test(lead) ? '' : lead}for ${which} ${verb} `,
  );
  // "any MDO alert with a bad attachment gets the hash blocked and the owner's sessions revoked": the steps, in the active.
  out = out.replace(new RegExp(`\\s*\\b(?:gets?|has|have)\\s+((?:the|its|their|his|her)\\s+(?:[\\w'-]+\\s+){0,3}?[\\w'-]+)\\s+(${PARTICIPLE_WORDS})(?![\\w-])((?:\\s+(?:and|\\+)\\s+(?:the|its|their|his|her)\\s+(?:[\\w'-]+\\s+){0,3}?[\\w'-]+\\s+(?:${PARTICIPLE_WORDS})\\b)*)`, 'gi'), (m: string, object: string, participle: string, more: string) => {
    // ("has the tag contained", "has the status resolved": a tag or a state by its name, not a step.)
    if (/\b(?:tags?|labels?|status|state|classification|determination|name|title)$/i.test(object)) return m;
    const rest = more.replace(new RegExp(`\\s+(?:and|\\+)\\s+((?:the|its|their|his|her)\\s+(?:[\\w'-]+\\s+){0,3}?[\\w'-]+)\\s+(${PARTICIPLE_WORDS})\\b`, 'gi'), (_n, o: string, p: string) => ` and ${PARTICIPLES[p.toLowerCase()]} ${o}`);
    return `, ${PARTICIPLES[participle.toLowerCase()]} ${object}${rest}`;
  });
  // "the accounts are disabled and their sessions revoked": the second participle, its auxiliary left out.
  out = out.replace(new RegExp(`(\uE000(?:[^.;\uE000]|\\.(?=\\w))*?\\s+and\\s+)((?:all\\s+)?(?:the|their|its|his|her)\\s+(?:[\\w'-]+\\s+){0,2}?[\\w'-]+)\\s+(${PARTICIPLE_WORDS})(?=\\s*[.;,]|\\s*$)`, 'gi'), (_m, head: string, object: string, participle: string) => `${head}${PARTICIPLES[participle.toLowerCase()]} ${object}`);
  // "When X is created, it is assigned to Y and tagged 'z'": a pronoun in the passive after the condition.
  out = out.replace(new RegExp(`(,\\s+|;\\s+)(it|they)\\s+(?:is|are|gets?|(?:will|shall|must|should)\\s+be)\\s+(?:then\\s+|also\\s+|automatically\\s+|immediately\\s+)?(${PARTICIPLE_WORDS})\\b`, 'gi'), (_m, lead: string, pronoun: string, participle: string) => `${lead}\uE000${PARTICIPLES[participle.toLowerCase()]} ${pronoun.toLowerCase() === 'it' ? 'it' : 'them'}`);
  out = out.replace(new RegExp(`(\uE000(?:[^.;\uE000]|\\.(?=\\w))*?\\s+and\\s+)(?:then\\s+|also\\s+)?(${PARTICIPLE_WORDS})\\b(?=\\s+(?:to|as|with|in|on|by)\\b|\\s*[.;,]|\\s*$|\\s+["'])`, 'gi'), (_m, head: string, participle: string) => `${head}${PARTICIPLES[participle.toLowerCase()]}`);
  // "if malicious they are blocked": a pronoun in the passive right after a short condition.
  out = out.replace(new RegExp(`\\b((?:if|when|once)\\s+[^,;.:!?]{1,60}?)\\s+(they|it|those|these)\\s+(?:is|are|gets?|(?:will|shall|must|should)\\s+be)\\s+(?:then\\s+|also\\s+|automatically\\s+|immediately\\s+)?(${PARTICIPLE_WORDS})\\b`, 'gi'), (m: string, cond: string, pronoun: string, participle: string) =>
    // ("if the title says EICAR and it is tagged prod-box": a state the case goes on with, not a step.)
    // ("release it when resolved unless it's tagged keep-isolated": the state after "unless" is the exception, never a step.)
    (/\s(?:and|or|but|unless|except|if|whether)$/i.test(cond) ? m : `${cond}, ${PARTICIPLES[participle.toLowerCase()]} ${pronoun === 'it' ? 'it' : 'them'}`));
  out = statementRewrites(out);
  const nothing = '(?:no\\s+(?:further\\s+|other\\s+)?(?:containment\\s+|remediation\\s+|response\\s+|destructive\\s+|automated\\s+|device\\s+|user\\s+|account\\s+|endpoint\\s+|host\\s+)?actions?\\s+(?:is|are|will\\s+be)\\s+taken|nothing\\s+(?:else\\s+)?(?:is|will\\s+be)\\s+done)(?:\\s+(?:on|for|to|against)\\s+(?:it|them|(?:the|that|this|its|their)\\s+(?:device|host|machine|box|endpoint|account|user|incident|alert|ip|url|file|hash|domain)s?))?';
  // (What "no action is taken on" names otherwise is a case the steps must leave out: "on servers" stays, to be read or asked about.)
  return out
    .replace(/\uE000/g, '')
    // "The restriction is applied when X": the step stated before, narrowed.
    // "Only block if VT flags them 5+": the same, said with the verb (read as a step of its own, a second block ran always).
    .replace(/(^|[.;!?]\s+)(?:but\s+)?only\s+(isolate|restrict|scan|block|quarantine|contain|reset|disable|revoke)\s+(?:(?:it|them|those|that|the\s+(?:device|machine|host|box|ip|url|domain|hash|file|indicator|ioc|user|account|password|sessions?)s?)\s+)?(when|if|once|provided)\b/gi, (_m, lead: string, verb: string, cue: string) => `${lead}${RESTATED[VERB_RESTATED[verb.toLowerCase()] ?? '']} only ${cue.toLowerCase()}`)
    .replace(/(^|[.;!?]\s+)(?:the|this)\s+(isolation|restriction|scan|block|blocking|quarantine|containment|reset|disabling|revocation)\s+(?:is\s+|gets\s+)?(?:only\s+)?(?:applied|performed|done|run|executed|triggered|carried\s+out|happens|made)?\s*(?:only\s+)?(when|if|once|provided)\b/gi, (_m, lead: string, noun: string, cue: string) => `${lead}${RESTATED[noun.toLowerCase()]} only ${cue.toLowerCase()}`)
    .replace(/\b(?:exceeds?|exceeding|tops?|surpass(?:es)?)\s+(?=\d|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty)/gi, 'more than ')
    // "0 or VT has never seen it": no engine flags it. Said alone, "if VT has no record of the URL" is its own case: VirusTotal
    // does not know it, which a clean URL VirusTotal knows is not.
    .replace(/\b(?:virustotal|vt)\s+(?:has\s+never\s+seen|never\s+saw|(?:has\s+)?never\s+heard\s+of|doesn'?t\s+know|does\s+not\s+know|has\s+no\s+record\s+of|has\s+nothing\s+on)(?:\s+(?:the\s+|that\s+|this\s+)?(ip|url|file|hash|domain)\b|\s+it\b)?/gi, (m: string, what: string | undefined, offset: number, whole: string) => {
      const withClean = /\b(?:0|zero|clean|nothing|no\s+(?:hits?|detections?))\s*(?:\)\s*)?(?:or|\/)\s*$/i.test(whole.slice(Math.max(0, offset - 30), offset)) || /^\s*(?:or|\/)\s*(?:is\s+|comes\s+back\s+)?(?:0|zero|clean)\b/i.test(whole.slice(offset + m.length));
      // "it": the kind of IOC named last before it ("check the hashes ... VT never saw it" is a hash), never every kind.
      const named = what ?? [...whole.slice(0, offset).matchAll(/\b(hash|file|ip|url|domain)(?:es|s)?\b/gi)].at(-1)?.[1]?.toLowerCase() ?? 'ioc';
      return withClean ? `the ${named} is not flagged by VirusTotal` : `the ${named} is unknown to VirusTotal`;
    })
    // "clean or unknown on VT": the unknown counted with the clean, as "0 or VT has never seen it" is.
    .replace(/\b(clean|0|zero)\s*(?:or|\/)\s*(?:unknown|unseen|not\s+known)\b(?:\s+(?:to|on|in|by)\s+(?:virustotal|vt)\b)?/gi, '$1 or not flagged by VirusTotal')
    .replace(/(\bno\s+(?:\w+\s+){0,3}?(?:is|are)\s+malicious)\s*(?:or|\/)\s*(?:unknown|unseen|not\s+known)\b/gi, '$1')
    .replace(/\b((?:virustotal|vt))\s+(?:finds|found|has|returns|reports|shows|knows)\s+nothing(?:\s+(?:malicious|bad))?\b/gi, '$1 says clean')
    // "no action is taken": says what does not happen, which the plan already leaves out.
    .replace(new RegExp(`\\s+and\\s+${nothing}(?=[.;,]|$)`, 'gi'), '')
    .replace(new RegExp(`(,\\s*)${nothing}\\s*[;,]\\s*`, 'gi'), '$1')
    .replace(new RegExp(`,?\\s*${nothing}(?=[.;,]|$)`, 'gi'), '')
    .replace(/\b(?:malicious|detection|positives?)\s+(?:count|score|ratio)\s+(?:of\s+|is\s+|=\s*)?(?=\d|[<>]=?|(?:above|over|more|greater|higher|at\s+least|exceeds?|below|under|less|fewer)\b)/gi, 'malicious ');
}

/** A quoted name, whose letters are the name's and are kept as written. */
const QUOTED_NAME = /(["\u201c`][^"\u201c\u201d`\n]{1,160}["\u201d`]|(?<![\w'])'[^'\n]{1,80}'(?![\w']))/;

/**
 * "le comité de direction", "sécurité", "Geräte": accented letters outside quotes read as their plain letters (the words
 * are read, or quoted as not read, whole; a quoted name keeps its accents, as the tenant spells it).
 */
function foldAccents(text: string): string {
  if (!/[\u00C0-\u024F]/.test(text)) return text;
  // (A word the vocabulary knows with its accents, "días", "gerät", is read as written.)
  const fold = (part: string): string => part.replace(/\p{L}+/gu, (w) => {
    const lower = w.toLowerCase();
    if (!/[\u00C0-\u024F]/.test(w) || known(lower) || CODE_SWITCH[lower] !== undefined || CODE_SWITCH_NEEDS_COMPANY.has(lower)) return w;
    return w.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
  });
  return text.split(QUOTED_NAME).map((part, i) => (i % 2 === 1 ? part : fold(part))).join('');
}

/** Case, punctuation, shorthand and typos: the request as the grammar reads it, with every change listed. */
/** "... the host is isolated. Isolation type: Selective.": a settings line, which says how the isolation is done. */
function isolationTypeLine(text: string): string {
  const line = /(^|[.;]\s*)isolation\s+(?:type|mode)\s*[:=-]?\s*(selective|full)(?:\s*,\s*([^.;]{1,80}))?\s*(?=[.;]|$)[.;]?/i.exec(text);
  if (!line || !/\bisolate\b/i.test(text)) return text;
  // ("isolation type: selective, people still need teams": why, when the words after it name no step and no case.)
  if (line[3] !== undefined && (STEP_VERB.test(line[3]) || NARROWS.test(line[3]) || /\b(?:if|when|for|on|servers?|workstations?|devices?|machines?|hosts?|dcs?|users?|high|medium|low|critical)\b/i.test(line[3]))) return text;
  const rest = (text.slice(0, line.index) + line[1] + text.slice(line.index + line[0].length)).trim();
  return /^selective$/i.test(line[2]) ? rest.replace(/\bisolate\b/i, 'selectively isolate') : rest;
}

/** Kinds of device a request may give steps of their own. */
const DEVICE_KIND_WORDS = '(?:windows\\s+|linux\\s+)?(?:servers?|workstations?|laptops?|desktops?|dcs?|domain\\s+controllers?|macs?)';
/** "servers are off limits for isolation" (spokenRuleOuts). */
const OFF_LIMITS = new RegExp(String.raw`(^|[.;!]\s+|,\s*|\n)(?:(?:righto|ok(?:ay)?|so|right|alright)[,\s]+)*((?:the\s+|our\s+|any\s+)?(?:${DEVICE_KIND_WORDS}|[\w-]+\s+(?:devices|machines|boxes|hosts|endpoints)))\s+(?:are|is)\s+(?:off[- ]limits|untouchable|a\s+no[- ]go(?:\s+zone)?)(?:\s+for\s+(isolation|isolating|containment|scans?|scanning|blocking|quarantine))?(?=\s*(?:[,.;!\n]|$|-))`, 'gi');
/** "if the box is a DC dont touch ANYTHING, ..., just ping X" (untouchedCase). */
const UNTOUCHED_CASE = new RegExp(String.raw`(?:[.;,]\s*|\n\s*)(?:but\s+)?(?:wait\s*[-,:]?\s*)?(?:if|when)\s+(?:the|a|any)\s+(?:box|device|machine|host|endpoint|computer)\s+is\s+(?:an?\s+)?(${DEVICE_KIND_WORDS})\s*,?\s*(?:do\s+not|don'?t|dont|never)\s+touch\s+(?:anything|it|them)(?:\s+at\s+all)?\b(?:\s*,[^,.;!?]{0,80}?)?[,.;]\s*(?:just|only|simply)\s+([^.;!?]+)`, 'i');
/** Kinds of device, and operating systems, an "unless it's a ..." may name. */
const OTHER_KIND_WORDS = '(?:mac(?:book)?s?|linux\\s+(?:box|host|server|machine)e?s?|linux|windows\\s+servers?|servers?|workstations?|laptops?|desktops?|dcs?|domain\\s+controllers?)';
/** A device step said as a noun ("the package", "a quick scan", "isolation"). */
const DEVICE_STEP_NOUN = '(?:an?\\s+|the\\s+)?(?:investigation\\s+)?package|(?:an?\\s+|the\\s+)?(?:(?:antivirus|full|quick)\\s+){0,2}scan|isolation';

/** A list of kinds of device or platforms ("mac + linux", "servers and DCs"). */
const KIND_LIST = String.raw`${KIND_OF_DEVICE}(?:\s*(?:,|\band\b|\bor\b|&|\+|\/)\s*(?:the\s+)?${KIND_OF_DEVICE})*`;
/** "; for mac and linux just full scan": only that scan, for them. */
const KINDS_JUST_SCAN = new RegExp(String.raw`(;\s+for\s+(?:the\s+)?${KIND_LIST})\s*,?\s*(?:just|only)\s+(?:an?\s+)?((?:full|quick|deep)\s+(?:antivirus\s+|av\s+)?scan)\b`, 'gi');
/** A step on devices, then ", for <kinds> <what they get>". */
const KINDS_AFTER_STEP = new RegExp(
  String.raw`(\b(?:isolat\w*|restrict\w*|scan\w*|collect\w*|contain\w*|quarantin\w*)\b[^.;!?,]*?)\s*,\s*(for\s+(?:the\s+|all\s+|any\s+)?${KIND_LIST})(\s*,\s*|\s+)(?=(?:just|only|simply|then)\s|(?:run|do|collect|restrict|scan|isolat\w*|tag|block|a|an|full|quick)\s)`,
  'gi',
);

function deviceStepVerb(noun: string): string {
  const n = noun.trim().toLowerCase().replace(/^(?:an?|the)\s+/, '');
  if (/package$/.test(n)) return 'collect the investigation package';
  if (/scan$/.test(n)) return `run a ${n}`;
  return 'isolate them';
}

/**
 * What a kind of device gets, said per kind: "servers: package only", "servers just get the package",
 * "for servers only the package" (those devices get that step and no other); "(servers: no isolation)"
 * (they are not isolated). Each becomes the plain sentence the grammar reads: "for servers, only collect ...".
 */
function perKindSteps(text: string): string {
  const kind = DEVICE_KIND_WORDS;
  const noun = DEVICE_STEP_NOUN;
  // "isolate the windows boxes, for mac + linux just full scan": the kinds after the comma and what they get are a
  // clause of their own (read as a trailing case of the step before, the isolation had reached the macs).
  text = text.replace(KINDS_AFTER_STEP, (_m, step: string, kinds: string, sep: string) => `${step}; ${kinds}${/,/.test(sep) ? ', ' : ' '}`)
    .replace(KINDS_JUST_SCAN, '$1, only run a $2');
  const devices = `(?:["']?[\\w.-]+["']?[- ]tagged\\s+)?(?:[\\w-]+\\s+){0,2}?(?:machines|devices|hosts|boxes|endpoints|servers|workstations|laptops|dcs|domain\\s+controllers)(?:\\s+(?:tagged|in\\s+(?:the\\s+)?[\\w.-]+\\s+group)\\s*["']?[\\w.-]+["']?|\\s+in\\s+the\\s+'[^'\\n]{1,40}'\\s+device\\s+group)?`;
  return text
    // "except VIP tagged machines - those just get a full scan": the devices left out get that step instead.
    .replace(new RegExp(`(?:\\b|(?<=[^.;!?\\s])\\s*[.;!?]+\\s+)(except|but\\s+not|excluding|other\\s+than|(?<=[.;!?]\\s+)not)\\s+(?:on\\s+|for\\s+)?(${devices})\\s*(?:[-\u2013,;:.]|->)?\\s*(?:those|they|these|which|them)\\s+(?:(?:(?:just|only)\\s+)?(?:get|gets|receive|should\\s+get)\\s+(?:(?:just|only)\\s+)?|(?:just|only)\\s+(?:an?\\s+)?)(${noun})(?:\\s+(?:only|instead))?\\b`, 'gi'), (m: string, cue: string, d: string, n: string) => `${/^not$/i.test(cue) ? ', but not' : /^[.;!?\s]/.test(m) ? `. ${cue}` : cue} ${d}; for ${d}, only ${deviceStepVerb(n)}`)
    // "isolate the host unless it's a mac - macs just get a full scan": the kind left out gets that step instead.
    .replace(new RegExp(`\\bunless\\s+(?:it'?s|it\\s+is|its|they'?re|they\\s+are|the\\s+(?:device|host|machine|box)\\s+is)\\s+(?:an?\\s+)?(${OTHER_KIND_WORDS})\\s*(?:[-\u2013,;:]|->)\\s*(?:those|they|these|then|(?:the\\s+)?(?:${OTHER_KIND_WORDS}))\\s+(?:(?:just|only)\\s+)?(?:get|gets|receive|should\\s+get)\\s+(?:(?:just|only)\\s+)?(${noun})(?:\\s+(?:only|instead))?\\b`, 'gi'), (_m, k: string, n: string) => {
      const many = /s$/i.test(k) ? k : `${k}s`;
      return `except ${many}; for ${many}, only ${deviceStepVerb(n)}`;
    })
    // "never isolate servers, do the scan for them instead", "dont isolate servers, just scan those": "them" is the kind
    // ruled out, and the step said of them is theirs alone (read as a step of its own, it had scanned every device).
    // "never isolate srv-mes-* machines, they run the line, instead collect the package there": the same, for devices
    // named by a pattern, with a reason between.
    .replace(new RegExp(`\\b((?:never|dont|don't|do\\s+not)\\s+(?:isolate|contain|restrict|quarantine)\\s+(?:the\\s+|any\\s+)?(${OTHER_KIND_WORDS}|${PATTERN_DEVICES}|${NAMED_DEVICES}))\\s*(?:\\([^()]{1,40}\\)\\s*)?(?:,\\s*(?:they|those|these|it|which)\\s+(?!(?:get|gets|only|just)\\b)[^.;,]{3,60}?(?=\\s*,))?(?:[,;:]|\\s[-\u2013])\\s*(?:but\\s+|and\\s+)?(?:just\\s+|only\\s+|instead\\s+)?((?:do|run|collect|scan|restrict|grab|tag|take)\\b[^.;,]{0,40}?)\\s+(?:(?:(?:for|on|from)\\s+)?(?:them|those|these)|there)(\\s+instead)?(?=\\s*(?:[.;,]|$))`, 'gi'), (_m, rule: string, k: string, step: string, instead: string | undefined) => {
      const many = /s$|\bgroup["'\u2019\u201d]?$|\btagged\s+\S+$/i.test(k) ? k : `${k}s`;
      return `${rule}. for ${many}, ${step.replace(/^do\s+(?=(?:the|an?)\s)/i, 'run ')}${instead ?? ''}`;
    })
    // "servers dont get isolated, just the scan", "never isolate DCs - only the package": the step named after the rule-out
    // is what that kind gets instead, and only that kind gets it that way (read as a step of its own, it was left out).
    .replace(new RegExp(`\\b(?:(?:never|dont|don't|do\\s+not)\\s+(?:isolate|contain)\\s+(?:the\\s+|any\\s+)?(${OTHER_KIND_WORDS})|(?:the\\s+)?(${OTHER_KIND_WORDS})\\s+(?:never|dont|don't|do\\s+not|shouldn'?t|should\\s+not)\\s+(?:get|be)\\s+(?:isolated|contained))\\s*(?:[,;:]|\\s[-\u2013])\\s*(?:but\\s+)?(?:just|only)\\s+(${noun})(?:\\s+(?:only|instead))?(?=\\s*(?:[.;,]|$))`, 'gi'), (_m, k1: string | undefined, k2: string | undefined, n: string) => {
      const k = k1 ?? k2 ?? '';
      const many = /s$/i.test(k) ? k : `${k}s`;
      return `never isolate ${many}. for ${many}, only ${deviceStepVerb(n)}`;
    })
    // "(servers: no isolation)": an aside of its own.
    // (A name pattern in brackets, "(dc-*)", is no aside: the dash must stand apart.)
    .replace(new RegExp(`\\s*\\(\\s*(${kind}\\s*(?::|->|\\s-)[^()]*)\\)\\s*[.;]?`, 'gi'), '; $1; ')
    .replace(new RegExp(`(^|[.;,(]\\s*|\\band\\s+)(${kind})\\s*(?::|->|-)\\s*(?:no|not|never)\\s+(?:isolation|isolating|isolate)\\b`, 'gi'), (_m, lead: string, k: string) => `${lead}do not isolate ${k}`)
    .replace(new RegExp(`(^|[.;,(]\\s*|\\band\\s+)(${kind})\\s*(?::|->)\\s*(?:(?:just|only)\\s+)?(${noun})\\s+only\\b`, 'gi'), (_m, lead: string, k: string, n: string) => `${lead}for ${k}, only ${deviceStepVerb(n)}`)
    .replace(new RegExp(`(^|[.;,(]\\s*|\\band\\s+)(${kind})\\s*(?::|->)\\s*(?:just|only)\\s+(${noun})\\b`, 'gi'), (_m, lead: string, k: string, n: string) => `${lead}for ${k}, only ${deviceStepVerb(n)}`)
    .replace(new RegExp(`(?:\\s*,\\s*(?:and\\s+|but\\s+)?|\\b)(${kind})\\s+(?:(?:just|only)\\s+)?gets?\\s+(?:(?:just|only)\\s+)?(${noun})(?:\\s+only)?\\b`, 'gi'), (m: string, k: string, n: string) => (/\b(?:just|only)\b/i.test(m) ? `${/^\s*,/.test(m) ? '; ' : ''}for ${k}, only ${deviceStepVerb(n)}` : m))
    .replace(new RegExp(`\\b(for|on)\\s+(${kind})\\s*,?\\s*(?:just|only)\\s+(${noun})(?=\\s*(?:$|[,.;)]))`, 'gi'), (_m, prep: string, k: string, n: string) => `${prep} ${k}, only ${deviceStepVerb(n)}`)
    // "scan it, but not servers, for servers only a scan": what the kind ruled out gets is a sentence of its own (read in
    // the same clause, the scan had been for servers and not for servers at once, so it never ran).
    .replace(new RegExp(`(\\b(?:but\\s+)?not\\s+(?:on\\s+|for\\s+)?(?:the\\s+)?(${kind}))\\s*,\\s*(?=(?:for|on)\\s+(?:the\\s+)?(${kind})\\s*,\\s*only\\b)`, 'gi'), '$1. ')
    // "never isolate servers, quick scan only", "do not isolate bkr-srv-* devices, just post to teams": the step said with
    // "only" after the rule-out is what those devices get instead, and theirs alone (read as a step of its own, the scan
    // ran on every device).
    .replace(new RegExp(`\\b((?:never|do\\s+not)\\s+isolate\\s+(?:the\\s+|any\\s+)?(${OTHER_KIND_WORDS}|${PATTERN_DEVICES}))(?:\\s+the\\s+(?:device|host|machine|box))?\\s*(?:[,;:]|\\s[-\u2013])\\s*(?:but\\s+)?(?:(just|only)\\s+)?(${ALTERNATIVE_STEP})(\\s+only)?(?=\\s*(?:[.;]|$))`, 'gi'), (m: string, rule: string, k: string, only: string | undefined, step: string, after: string | undefined) => (only || after ? `${rule}. for ${k}, only ${step}` : m));
}

/** A policy's noun for a step, as the verb the grammar reads: "revocation of the user's sessions". */
const POLICY_NOUN_VERB: Readonly<Record<string, string>> = { revocation: 'revoke', disabling: 'disable', disablement: 'disable', deactivation: 'disable', isolation: 'isolate', containment: 'isolate', blocking: 'block', quarantine: 'quarantine', restriction: 'restrict' };

/** Devices named by their group or tag: "devices in the 'Core Routers' device group", "hosts tagged Kiosk". */
const NAMED_DEVICES = String.raw`(?:devices|machines|hosts|endpoints|boxes|servers|workstations)\s+(?:in\s+(?:the\s+)?(?:device\s+group\s+)?["'\u2018\u201c][^"'\u2019\u201d]{1,40}["'\u2019\u201d](?:\s+(?:device\s+)?group)?|in\s+(?:the\s+)?[\w.&-]+\s+(?:device\s+)?group|tagged\s+["'\u2018\u201c]?[\w.-]+["'\u2019\u201d]?)`;
/** Devices named by a pattern: "bkr-srv-* devices". */
const PATTERN_DEVICES = String.raw`[\w.-]*\*[\w.-]*\s+(?:machines|devices|hosts|boxes|servers|workstations|endpoints)`;
/** A step said as what some devices get instead of isolation: "quick scan", "post in teams that ...". */
const ALTERNATIVE_STEP = String.raw`(?:run\s+)?(?:an?\s+)?(?:quick|full)\s+(?:av\s+|antivirus\s+)?scan|(?:post|collect|grab|restrict|tag|comment|send|mail|email|notify|ping)\b[^.;,]{0,60}?`;

/** Defender XDR's determinations in words, as they may follow a classification. */
export const DETERMINATION_WORDS = 'apt|malware|phishing|unwanted\\s+software|multi[- ]?staged?\\s+attack|compromised\\s+account|malicious\\s+user\\s+activity|security\\s+testing|security\\s+personnel|line[- ]of[- ]business\\s+app(?:lication)?|confirmed\\s+user\\s+activity|not\\s+malicious|not\\s+enough\\s+data(?:\\s+to\\s+validate)?|other';
/** A determination as the API spells it, once in words ("SecurityTesting" -> "security testing"). */
const API_DETERMINATION = new RegExp(String.raw`^(?:${DETERMINATION_WORDS})$`);

/**
 * "if X dont V, just W": in that case the second step replaces the first. Said both when the request is read and once
 * its branches are written out ("if 5-20, dont quarantine, just add an IOC").
 */
/**
 * "for VIP incidents never isolate, only mail X. for the other high ones isolate the host": the step is said after the case,
 * for the others. After an "otherwise" it is that branch's already, and needs no exception.
 */
function saidAfterForOthers(after: string, verb: string): boolean {
  const at = after.search(new RegExp(`\\b${verb}`, 'i'));
  return at >= 0 && !/\b(?:otherwise|else|if\s+not)\b/i.test(after.slice(0, at));
}

/** A word before a noun that says which cases ("except", "not", "only", "for") is never dropped with a describing word. */
/** "Isolation requires analyst approval in the Teams thread before it is executed." */
const APPROVAL_SENTENCE = /(^|[.!?]\s+)((?:the\s+|each\s+|every\s+|any\s+)?(?:isolation|containment|(?:destructive\s+)?actions?|steps?|it|this|blocking|the\s+block|disabling|quarantine)\s+(?:requires?|needs?|waits?\s+for|is\s+subject\s+to)\s+(?:an?\s+|the\s+)?(?:explicit\s+)?(?:analyst|human|manual|soc|second[- ]analyst|an\s+analyst'?s)?\s*(?:approval|sign-?off|confirmation)(?:\s+(?:from|by)\s+(?:an?\s+)?(?:analyst|human|the\s+soc))?(?:\s+in\s+(?:the\s+)?(?:microsoft\s+)?teams(?:\s+(?:thread|channel))?)?(?:\s+before\s+(?:it|they)\s+(?:is|are)\s+(?:executed|run|performed|sent|applied|carried\s+out)|\s+before\s+(?:it|they)\s+runs?)?[.!?]?)(?=\s|$)/gi;

/**
 * A sentence whose subject is a message, a mail, a comment or a summary, and whose verb says what it holds: "The
 * notification includes the incident title, the affected devices and the affected users.", "Each email contains a link
 * to the incident." The sentence must stand alone (after a full stop or at the start) and end there.
 */
const MESSAGE_CONTENT = /(^|[.!?]\s+)((?:the|each|every|this|that|its|their)\s+(?:(?:teams|e-?mail|mail|incident|soc|summary|notification|channel|chat|status)\s+)?(?:notifications?|messages?|e-?mails?|mails?|comments?|notes?|summar(?:y|ies)|posts?|cards?|alerts?\s+messages?)\s+(?:(?:also|always|then)\s+)?(?:includes?|contains?|lists?|shows?|carries|carry|gives?|mentions?|names?|states?|summari[sz]es?|references?|links?\s+to|holds?|records?|describes?|quotes?|has|have|will\s+(?:include|contain|list|show|mention|state|have))\b[^.!?]{3,300}[.!?]?)(?=\s|$)/gi;

/**
 * What chat puts around a request: "ok so", "step 3", "either way", "or whatever", a question that is a condition
 * ("already assigned to someone? dont reassign"), a word of politeness that stands where a comma would, and sentences
 * of chatter ("going to sleep after this lol").
 */
const LEVEL = '(?:critical|crit|high|medium|med|low|informational|info)';
const LEVELS = `${LEVEL}(?:\\s*(?:,|\\/|\\+|&|\\band\\b|\\bor\\b)\\s*${LEVEL})*(?:\\s*\\+|\\s+or\\s+(?:above|higher)|\\s+and\\s+(?:up|above))?`;

/** Where chat puts a severity with no noun after it, said as the severity it is. */
function severityPositions(input: string): string {
  let text = input;
  // "ransomware. high. isolate.": a severity as a sentence of its own, before the steps, is the incidents they are for.
  text = text.replace(new RegExp(`(^|[.;!]\\s+)(${LEVELS})(?:\\s+(?:severity|sev))?(?:\\s+only)?\\s*[.!]\\s+(?=[a-z])`, 'gi'), (_m, lead: string, levels: string) => `${lead}for ${levels.replace(/\s*[+&]\s*(?=[a-z])/gi, ' and ')} severity incidents, `);
  // "isolate. full not selective.": the kind of isolation, the other one ruled out.
  text = text.replace(/\b(full|selective)\s*,?\s+(?:not|rather\s+than|instead\s+of|never)\s+(?:full|selective)(?:\s+isolation)?(?=\s*(?:[.;,!)]|$))/gi, (_m, kind: string) => `${kind.toLowerCase()} isolation`);
  // "isolate it but selective not full": the kind of that isolation (read as a step of its own, it took the devices of the
  // sentence before, and isolated the Linux servers that sentence only collected a package from).
  text = text.replace(/\b(?:isolate|isolated)(\s+(?:it|them|the\s+[\w-]+|that\s+[\w-]+|those(?:\s+[\w-]+)?))?\s*,?\s+but\s+(full|selective)\s+isolation\b/gi, (_m, what: string | undefined, kind: string) => `${/^s/i.test(kind) ? 'selectively' : 'fully'} isolate${what ?? ''}`);
  // "malware. high. isolate.": a kind of alert as a sentence of its own is the alerts the steps are for.
  text = text.replace(/(^|[.;!]\s+)(malware|trojans?|viruses)\s*[.!]\s+(?=[a-z])/gi, '$1$2 alerts. ');
  // "flagged by identity protection (high)": the severity in brackets.
  text = text.replace(new RegExp(`\\s*\\(\\s*(${LEVELS})(?:\\s+(?:severity|sev))?\\s*\\)`, 'gi'), (_m, levels: string) => ` with ${levels.replace(/\s*[+&]\s*(?=[a-z])/gi, ' and ')} severity`);
  // "c2 ip triage, high + medium only:": the severities the request is for.
  text = text.replace(new RegExp(`(^|[,;:(]\\s*|\\s[-\\u2013]\\s*)(${LEVEL}(?:\\s*(?:,|\\/|\\+|&|\\band\\b|\\bor\\b)\\s*${LEVEL})+)\\s+only\\b(?!\\s+(?:severity|sev|incidents?|alerts?))`, 'gi'), (_m, lead: string, levels: string) => `${lead}${levels.replace(/\s*(?:[+&]|\band\b)\s*/gi, ' or ')} severity only`);
  // "otherwise medium+ MDE gets a quick scan": a level said of the product's incidents.
  text = text.replace(new RegExp(`\\b(${LEVELS})\\s+(mde|mdo|mdi|mdca|defender|sentinel|identity\\s+protection)\\b(?!\\s+(?:alerts?|incidents?|detections?|for)\\b)`, 'gi'), (_m, levels: string, product: string) => `${levels} severity ${product} incidents`);
  return text;
}

const LINE_TAG = String.raw`(["'\u2018\u201c][^"'\u2019\u201d]{1,30}["'\u2019\u201d]|[\w.-]{2,30})`;
const SEVERITY_LINE_LABEL = new RegExp(String.raw`^(${LEVELS})(\s+(?:and|or)\s+(?:below|lower|under|above|higher|up))?(?:\s*(?:\+|&|\band\b|\bwith\b)\s*(?:the\s+|a\s+)?(?:tag|tagged|label)\s+${LINE_TAG}|\s+(?:without|w\/o|with\s+no|no)\s+(?:the\s+|a\s+)?(?:${LINE_TAG}\s+tag|tag\s+${LINE_TAG}))?\s*:\s+`, 'i');

/**
 * "- Medium: quick scan", "- Low / Informational: a comment", "- High + tag 'VIP': ...", "- High without VIP tag: ...": a
 * line of a list keyed by a bare severity (and a tag, or its absence) is for those incidents.
 */
function severityLineLabel(line: string): string {
  return line.replace(SEVERITY_LINE_LABEL, (_m, levels: string, range: string | undefined, tagged: string | undefined, missing1: string | undefined, missing2: string | undefined) => {
    const tag = (t: string): string => (/^["'\u2018\u201c]/.test(t) ? t : `'${t}'`);
    const qualifier = tagged ? ` tagged ${tag(tagged)}` : missing1 ?? missing2 ? ` not tagged ${tag((missing1 ?? missing2)!)}` : '';
    return `${levels.replace(/\s*(?:\/|&|\band\b)\s*/gi, ' or ')} severity${range ?? ''} incidents${qualifier}: `;
  });
}

/** "They hate it when ...", "the execs get really upset when ...": a sentence about how people feel (a reason, not a case). */
const FEELINGS = /(^|[.!?;]\s+)(?:(?:she|he|they|people|everyone|everybody)|(?:the\s+|our\s+|their\s+)?(?:[\w-]+\s+){0,2}(?:execs|executives|users|ciso|boss|bosses|management|managers?|leadership|team|folks|people|staff|doctors|nurses|engineers|devs|admins|helpdesk|business))\s+(?:(?:always|really|usually|all)\s+)?(?:hates?(?:\s+it)?|(?:get|gets|got|go|goes|went)\s+(?:(?:understandably|really|very|super|pretty|quite|so|extremely|rightly|justifiably)\s+)?(?:upset|annoyed|angry|mad|furious|grumpy|cranky|nervous|frustrated|irritated|livid))\b[^.!?;]*[.!?]?/gi;

/** "The exception is anyone in the 'Legal Hold' group; for them, ...", "The only exception is DCs.": the case left out. */
const EXCEPTION_IS = /(^|[.!?]\s+)the\s+(?:only\s+)?exceptions?\s+(?:is|are|being)\s+((?:[^;:,.!?\n]|\.(?=\w)){2,80}?)\s*(?:[;:,]\s*(for\s+(?:them|those|these|him|her|that\s+group)\s*,\s*)|(?=[.!?\n]|$))/gi;

/** "skip anyone in the X group", "except for users in the 'Y' group": those users left out. */
const USERS_OF_GROUP_LEFT_OUT = /\b(?:skip|excluding|exclude|except(?:\s+for)?|but\s+not)\s+(?:(?:anyone|anybody|everyone|users?|accounts?|people|those)\s+(?:in|from)|members\s+of)\s+(?:the\s+)?(["'\u2018\u201c][^"'\u2019\u201d]{1,60}["'\u2019\u201d]|[\w&.-]+(?:\s+[\w&.-]+){0,3}?)\s+group\b(?:\s*\((?![^()]*\b(?:only|if|unless|except|when|not)\b)[^()]{3,100}\))?/gi;
/** "exclude members of grp 'Break Glass Accounts'", "skip anyone in group X": the group named after the word "group". */
const USERS_OF_NAMED_GROUP_LEFT_OUT = /\b(?:skip|excluding|exclude|except(?:\s+for)?|but\s+not)\s+(?:(?:anyone|anybody|everyone|users?|accounts?|people|those)\s+(?:in|from)|members\s+of)\s+(?:the\s+)?(?:group|grp)\s+(["'\u2018\u201c][^"'\u2019\u201d]{1,60}["'\u2019\u201d]|[\w&.-]+)/gi;
const usersOfGroupLeftOut = (_m: string, group: string): string => `unless the user is in the ${/^["'\u2018\u201c]/.test(group) ? group : `'${group}'`} group`;

/** The kinds of step a list item names, for "same but ...". */
const STEP_KINDS: RegExp[] = [/\bscan/i, /\b(?:isolat|contain)/i, /\bquarantin/i, /\bblock/i, /\b(?:collect|package|pkg)/i, /\brestrict/i, /\bdisabl/i, /\breset/i, /\brevok/i, /\btag/i, /\bassign/i, /\b(?:e-?mail|mail)/i, /\b(?:post|teams|ping)/i, /\b(?:comment|note)/i];

/**
 * "stop and quarantine the file + full scan" with "but quick scan": the item of that kind said the new way; "but no
 * quarantine": that item left out. Undefined when the words name no item of the list (they are then left to be read).
 */
function sameBut(steps: string, but: string): string | undefined {
  const kind = STEP_KINDS.find((k) => k.test(but));
  if (!kind) return undefined;
  const items = steps.split(/\s*(?:,|\+|&|\band\b|\bplus\b)\s*/).filter(Boolean);
  const hits = items.filter((item) => kind.test(item));
  // ("stop and quarantine" is one item: its "and" split it.)
  if (hits.length !== 1 || /\bstop$/i.test(items[items.indexOf(hits[0]) - 1] ?? '')) return undefined;
  const at = steps.indexOf(hits[0]);
  if (/^(?:no|without|minus|skip|not)\b/i.test(but)) {
    const before = steps.slice(0, at).replace(/\s*(?:,|\+|&|\band\b|\bplus\b)\s*$/i, '');
    const after = steps.slice(at + hits[0].length).replace(/^\s*(?:,|\+|&|\band\b|\bplus\b)\s*/i, before ? ' and ' : '');
    const left = `${before}${after}`.trim();
    return left || undefined;
  }
  return `${steps.slice(0, at)}${but}${steps.slice(at + hits[0].length)}`;
}

/** What went wrong before, told as a story ("hard blocks broke prod last month"). */
export const STORY_VERB = /\b(?:broke|breaks|caused|took\s+down|went\s+wrong|failed|crashed|blew\s+up)\b/i;
/** "I was told hard blocks broke something last month.": a story of what broke, a sentence of its own. */
const STORY_TOLD = new RegExp(String.raw`(^|[.!?]\s+)(?:i\s+was\s+told|i\s+heard|apparently|someone\s+(?:said|told\s+me)|i'?m\s+told)\s+(?:that\s+)?[^.!?\n]*${STORY_VERB.source}[^.!?\n]*[.!?]\s*`, 'gi');

/**
 * How analysts write standing orders, shift notes and second-language requests, read before the grammar's own rules:
 * headings of when a rule holds, bands said without "VirusTotal", upper bounds of engine counts, kinds said with a
 * hyphen or in brackets, MSP and shift words, asides, questions and stories that name no case.
 */
/**
 * The quoted group named last before a point of the text ("... in the 'Finance' group", "of group 'VIP'"), quotes kept:
 * what "that group", "those members" and "anyone else" refer to.
 */
function groupNamedBefore(before: string): string | undefined {
  const named = [...before.matchAll(/\b(?:in|of|from)\s+(?:the\s+)?(?:(?:entra(?:\s+id)?|azure\s+ad|aad|ad|security)\s+)?(?:(["'\u2018\u201c][^"'\u2019\u201d]{1,40}["'\u2019\u201d])\s+(?:(?:entra(?:\s+id)?|azure\s+ad|aad|ad|security)\s+)?group|group\s+(["'\u2018\u201c][^"'\u2019\u201d]{1,40}["'\u2019\u201d]))/gi)].pop();
  return named ? named[1] ?? named[2] : undefined;
}

/**
 * What a verb acted on when it was said before ("revoke the sessions of the user" -> "the sessions"), or what it always
 * acts on ("disable" -> "the account").
 */
function objectSaidBefore(verb: string, before: string): string | undefined {
  const said = [...before.matchAll(new RegExp(`\\b${verb}\\s+((?:(?:the|their|his|her|its|all|any|a|an)\\s+)?(?!(?:it|them|those|these|that|this|and|or|if|when|only|just|then)\\b)[a-z][\\w-]*)(?=\\s*(?:[.;,+]|$|\\s(?:and|or|if|when|for|on|unless|but|then)\\b))`, 'gi'))];
  return said.at(-1)?.[1] ?? BARE_OBJECT[verb.toLowerCase()];
}

function analystShapes(input: string, background: string[]): string {
  let text = input;
  // "SOP effective now:", "New policy, effective immediately -": when the rule starts, which is when it is saved.
  text = text.replace(/(^|[.!?]\s+|\n)(?:(?:new|updated)\s+)?(?:sop|policy|rule|standing\s+(?:order|rule)|procedure|process|directive)?\s*,?\s*(?:effective|starting|in\s+force|in\s+effect|from)\s+(?:now|immediately|today|asap|right\s+away|as\s+of\s+(?:now|today))\s*(?:[:,]|\s-+|\.(?=\s))\s*/gi, '$1');
  // "Under 5: nothing except a comment on the incident": only that step.
  text = text.replace(/\bnothing\s+(?:except|but|besides|other\s+than|apart\s+from|beyond)\s+(?=(?:an?\s+|the\s+)?(?:comment|note|tag|post|e-?mail|mail|ping|message|teams|assign|scan))/gi, 'just ')
    // "just a comment on the incident": the step, said as a noun.
    .replace(/\b(just|only)\s+an?\s+(comment|note)\b(?=\s+(?:on|in|to|with|w\/|saying|that)\b)/gi, '$1 add a $2');
  // "VT >= 25: block. VT 5-24: alert only. Under 5: a comment": a bare band after VirusTotal's bands is VirusTotal's too.
  // ("if VirusTotal flags the IP on 10 or more engines, block it. Under 10, just a comment": the same, after a comma.)
  if (/\b(?:virustotal|vt)\s*(?:>=?|<=?|\d)/i.test(text) || (/\b(?:virustotal|vt)\b/i.test(text) && /\b\d+\s+(?:or\s+more\s+)?(?:malicious\s+)?(?:engines?|detections?|vendors?|hits)\b/i.test(text))) {
    text = text.replace(/(^|[.;!?]\s+|\n\s*)(?:[-*\u2022]\s*)?(?:(?:virustotal|vt)\s+)?(?:is\s+)?(under|below|less\s+than|fewer\s+than|<=?)\s*(\d+)(?:\s+(?:engines?|hits?|detections?|vendors?))?\s*[:,]/gi, (m: string, lead: string, under: string, n: string) => {
      // "under 5:" is the band 0-4 ("<= 5:" the band 0-5), as a band label reads it.
      const top = Number(n) - (under.trim() === '<=' ? 0 : 1);
      return top >= 1 ? `${lead}VirusTotal 0-${top}:` : m;
    });
  }
  // "BlockAndRemediate IOC": the indicator's action by its API name, said as the step.
  text = text.replace(/\b(?:BlockAndRemediate|block-and-remediate)\s+(?:the\s+|an?\s+)?(iocs?|indicators?|hash(?:es)?|files?|ips?|urls?|domains?)\b/gi, 'block and remediate the $1');
  // "with 5 engines or less", "at most 3 detections": an upper bound, which the grammar reads as "fewer than".
  text = text.replace(/\b(\d+)\s+((?:(?:malicious|antivirus|av)\s+)?(?:engines?|detections?|vendors?|hits?|avs?|scanners?|positives?)\s+)?or\s+(?:less|fewer|lower|below|under)\b/gi, (m: string, n: string, noun: string | undefined, at: number, whole: string) => {
    const before = whole.slice(Math.max(0, at - 60), at);
    return noun || /\b(?:virustotal|vt|engines?|detections?|score|vendors?)\b[^.;,]*$/i.test(before) ? `fewer than ${Number(n) + 1}${noun ? ` ${noun.trim()}` : ''}` : m;
  })
    .replace(/\b(?:at\s+most|no\s+more\s+than|not\s+more\s+than|max(?:imum)?\.?|up\s+to)\s+(\d+)(?=\s*(?:(?:malicious\s+)?(?:engines?|detections?|vendors?|hits?|avs?|scanners?|positives?)|malicious)\b)/gi, (_m, n: string) => `fewer than ${Number(n) + 1}`);
  // "the machines with the tag Crown-Jewel": the devices' own tag, not the incident's.
  text = text.replace(/\b(devices?|machines?|hosts?|boxes|box|endpoints?|computers?|servers?|workstations?|laptops?|pcs?)\s+(?:with|w\/|having|carrying)\s+(?:the\s+|a\s+)?(?:machine\s+|device\s+)?tag\s+(?=["'\u2018\u201c]?[\w-])/gi, '$1 tagged ');
  // "the rest of the fleet", "the Linux or macOS estate": the devices.
  text = text.replace(/\b(?:the\s+)?rest\s+of\s+the\s+(?:fleet|estate)\b/gi, 'all other devices')
    .replace(/\b(?:the\s+|our\s+)?((?:(?:linux|mac\s?os|macs?|windows|server|workstation|laptop|desktop|endpoint|non-windows)\s+(?:or\s+|and\s+|\/\s*)?)+)(?:estate|fleet)\b/gi, (_m, kinds: string) => `${kinds.trim()} devices`);
  // "servers and DCs stay online but get a full scan": never isolated; what they get instead follows.
  text = text.replace(/(^|[.;:]\s*|,\s*|\n\s*(?:[-*\u2022]\s*)?)((?:the\s+)?(?:servers?|dcs?|domain\s+controllers?|workstations?|laptops?|(?:linux|windows|mac\s?os)(?:\s+(?:boxes|hosts|machines|devices|servers))?)(?:\s*(?:,|and|\/|&)\s*(?:the\s+)?(?:servers?|dcs?|domain\s+controllers?|workstations?|laptops?))*)\s+(?:stay|stays|remain|remains|keep|keeps)\s+(?:online|up|connected|on\s+the\s+network|running|reachable)\b(?:\s*(?:,\s*)?but\s+(?:they\s+)?(gets?|receives?)\s+)?/gi, (_m, lead: string, kinds: string, get: string | undefined) => `${lead}never isolate ${kinds}${get ? `. ${kinds} ${get} ` : ''}`);
  // "When I (or anyone on the hunt team) tag an incident hunt-confirmed after manual hunting": an incident so tagged.
  text = text.replace(/\b(when(?:ever)?|once|if)\s+(?:i|we|someone|somebody|anyone|an?\s+analyst)(?:\s*\([^()]{0,60}\))?\s+tags?\s+(?:an?\s+|the\s+)?(incident|alert)\s+(?:as\s+|with\s+)?(["'\u2018\u201c]?[\w-]+["'\u2019\u201d]?)(?:\s+(?:after|following)\s+(?:manual|a|an|the|their|my|our)\s+[\w-]+(?:\s+[\w-]+)?)?/gi, (_m, when: string, what: string, tag: string) => `${when} an ${what.toLowerCase()} is tagged ${tag}`);
  // "everything else i'll look at myself": nothing for the rest.
  text = text.replace(/\b(?:everything|anything)\s+else\s*(?:[,:]|->)?\s*(?:i'?ll|i\s+will|we'?ll|we\s+will|someone\s+will|a\s+human\s+will)\s+(?:look\s+at|handle|check|deal\s+with|take|triage)(?:\s+(?:it|them))?(?:\s+(?:myself|ourselves|by\s+hand|manually))?\b/gi, 'otherwise do nothing');
  // "we run sentinel AND defender and im honestly not sure which one this lives in, but:": doubt before the ask.
  text = text.replace(/(^|[.!?]\s+)[^.!?:\n]{0,120}?\b(?:i'?m|im|i\s+am)\s+(?:honestly\s+|really\s+|totally\s+|not\s+really\s+)?not\s+(?:sure|certain)\s+(?:which|where|what|how|whether|if)\b[^.!?:\n]{0,80}?,?\s*but\s*[:,]\s*/gi, '$1');
  // "just isolate it, no questions", "On top of that,": said with weight; also.
  text = text.replace(/,\s*no\s+questions(?:\s+asked)?\b/gi, '').replace(/(^|[.;!?]\s+)on\s+top\s+of\s+that\s*,\s*/gi, '$1also, ');
  // "a nasty hash": a malicious one.
  text = text.replace(/\bnasty\s+(?=(?:hash(?:es)?|files?|ips?|urls?|domains?|links?|attachments?)\b)/gi, 'malicious ');
  // "malware alerts that aren't EICAR", "(category Malware that isnt eicar)": the case, less what it is not.
  // (Only a name said alone: "incidents that are not yet closed", "not assigned to anybody" are states the grammar reads.)
  text = text.replace(new RegExp(String.raw`\b((?:alerts?|incidents?|detections?|malware|stuff|ones|hits)|category\s+[A-Za-z]+)\s+(?:that|which)\s+(?:(?:is|are|'s)\s*(?:not|n't)|isnt|arent|isn't|aren't)\s+(?:an?\s+)?(?!(?:yet|assigned|closed|resolved|active|open|new|malicious|clean|known|flagged|tagged|from|in|on|by)\b)([\w.-]+?)(\s*\))?(?=\s*(?:[,;)]|\.(?!\w)|$)|\s+(?:${ACTION_VERB})\b)`, 'gi'), (_m, what: string, not: string, close: string | undefined) => `${what}${close ?? ''}, unless it is ${not},`);
  // "just close the ticket", "assign the ticket to": an MSP calls the incident a ticket.
  text = text.replace(/\b(close|resolve|assign|tag|reassign|update|comment\s+on)\s+(?:out\s+)?(?:the|that|this|their|its|each)\s+tickets?\b(?:\s+out\b)?/gi, '$1 the incident')
    // "open a ticket for us by emailing tickets@x": the mail is the ticket.
    .replace(/\b(?:open|raise|create|log)\s+(?:a|an)\s+(?:new\s+)?ticket\s+(?:for\s+(?:us|them|the\s+[\w-]+)\s+)?by\s+(e-?mailing|mailing|sending\s+(?:an?\s+)?(?:e-?mail|mail)\s+to)\s+/gi, 'email ');
  // "a phishing mail that went to anyone in X": sent to them.
  text = text.replace(/\b(mails?|e-?mails?|messages?|phish(?:es)?)\s+(?:that|which)\s+(?:went|was\s+sent|were\s+sent|got\s+sent|was\s+delivered|were\s+delivered|landed|got\s+delivered)\s+(?=to\s)/gi, '$1 sent ')
    // "anytime defender pops X": whenever.
    .replace(/(^|[.;!?]\s+|\n\s*)any\s?time\s+(?=(?:a|an|the|defender|mde|mdo|mdi|sentinel|it|we|someone|an?\s+\w+)\b)/gi, '$1whenever ');
  // "Anything tagged Pentest -> hands off, red team is in this week": those are skipped (the rest is why).
  text = text.replace(/(^|[.;!?]\s+|\n\s*(?:[-*\u2022]|\d+[.)])?\s*)(anything|everything|incidents?|alerts?|devices?|machines?|boxes|hosts?)\s+(tagged|with\s+the\s+tag)\s+(["'\u2018\u201c]?[\w-]+["'\u2019\u201d]?)\s*(?:->|:|=|\u2192)\s*(?:hands\s+off|do\s+nothing|nothing|leave\s+(?:it|them)\s+alone|skip(?:\s+(?:it|them))?|ignore(?:\s+(?:it|them))?|no\s+automation(?:\s+at\s+all)?)\b/gi, (_m, lead: string, what: string, _tagged: string, tag: string) => `${lead}skip ${what} tagged ${tag}`)
    // "the acct is somehow still enabled": how it came to be says nothing.
    .replace(/\b(is|are|was|were)\s+somehow\s+/gi, '$1 ')
    // "if its one of the staff (Staff-All)": the people of that group.
    .replace(/\bif\s+(?:it'?s|its|it\s+is|they'?re|theyre|they\s+are|the\s+user\s+is|he'?s|she'?s)\s+(?:one\s+of\s+(?:the|our)\s+)?(?:[\w-]+\s+){0,2}?(?:staff|users|people|employees|contractors|admins|execs|members|folks|team)\s*\(\s*([A-Z][\w-]*[\w])\s*\)/g, (m: string, group: string, _o: number, whole: string) => (/\bgroups?\b|\bgrp\b/i.test(whole) ? `if the user is in the '${group}' group` : m))
    // "the kiosk boxes at the hotel (names start w/ KIOSK-)": the devices so named, wherever they stand.
    .replace(/\b(boxes|machines|devices|hosts|pcs|computers|laptops|workstations|servers|terminals)\s+(?:at|in|on)\s+the\s+[\w-]+(?:\s+[\w-]+)?\s*(?=\(\s*(?:names?|hostnames?)\s+(?:start|begin))/gi, '$1 ');
  // "when somebody signs in from a weird place": a risky sign-in.
  text = text.replace(/\b(?:somebody|someone|a\s+user|anyone|users?)\s+signs?\s+in\s+from\s+(?:a|an|some)\s+(?:weird|strange|odd|unusual|new|suspicious|sketchy|risky|funny|dodgy)\s+(?:place|location|country|ip|spot)\b/gi, 'a risky sign-in alert arrives');
  // "dont reset anything": no password reset.
  text = text.replace(/\b(don'?t|dont|do\s+not|never)\s+reset\s+(?:anything|any|it|them)\b/gi, '$1 reset the password');
  // "one of the dental office PCs (device group Client-Dental)": the devices the bracket names (a platform word stays).
  text = text.replace(new RegExp(String.raw`\b((?:one\s+of\s+)?(?:the|our|any|all|those|these)\s+)((?:(?!(?:${NOT_A_NAME_WORD})\b)[\w-]+\s+){0,3}?)(?:pcs?|machines?|devices?|boxes|box|laptops?|computers?|workstations?|servers?|hosts?|endpoints?)\s*\(\s*(?:in\s+)?(?:the\s+)?(device\s+group|machine\s+group|rbac\s+group|machine\s+tag|device\s+tag|tag(?:ged)?)\s+["'\u2018\u201c]?([\w-]+)["'\u2019\u201d]?\s*\)`, 'gi'), (_m, lead: string, words: string, kind: string, name: string) => {
    const platform = (words.match(/\b(?:windows|linux|mac\s?os|macs?)\b/gi) ?? []).join(' ');
    const where = `${/tag/i.test(kind) ? 'tagged' : 'in device group'} ${name}`;
    // ("its one of the lab PCs (device group QA-Lab)": it is in that group.)
    return /^one\s+of/i.test(lead) && !platform ? where : `the ${platform ? `${platform} ` : ''}devices ${where}`;
  });
  // ", the colleagues look at them by hand", ", IR decides containment", ", it stays Active for IR": who does it, said as why.
  text = text.replace(/,\s*(?:the\s+|our\s+)?(?:colleagues|analysts?|humans?|people|team|we|they|i|someone|[\w-]+\s+team)\s+(?:look\s+at|handle|check|deal\s+with|review|do|triage)\s+(?:them|it|those|these)\s+(?:by\s+hand|manually|ourselves|themselves|myself)\b(?=\s*[.;!\n]|$)/gi, (m: string) => {
    background.push(m.replace(/^,\s*/, ''));
    return '';
  })
    .replace(/,\s*((?:the\s+)?(?:ir|soc|[\w-]+\s+team|legal|hr|it|ops|the\s+business)\s+(?:decides?|owns?|handles?|does)\s+(?:the\s+)?(?:containment|remediation|isolation|response|that|it|those|the\s+rest))(?=\s*[.;!\n]|$)/gi, ', because $1')
    .replace(/,\s*(it|they)\s+(stays?|remains?)\s+(active|open|in\s+progress)(\s+for\s+(?:ir|the\s+[\w-]+|[\w-]+))?(?=\s*[.;!\n]|$)/gi, ', because $1 $2 $3$4')
    // "create just an indicator in mode alert, without block": alert only, which is what it says.
    .replace(/(\balert(?:[- ]only)?\b[^.;\n]{0,40}?)\s*,\s*(?:without|no)\s+block(?:ing)?\b/gi, '$1');
  // "shall be put on the status In progress", "the team mailbox soc@x": set to that status; a mailbox.
  text = text.replace(/\b(be|is|are|get|gets)\s+put\s+(?:on|in|to|into)\s+(?:the\s+)?status\s+/gi, '$1 set to status ')
    .replace(/\b(?:the\s+)?team\s+(mailbox|inbox|address|alias|dl|distribution\s+list)\s+(?=[\w.+'-]+@)/gi, '');
  // "set alerts whose detection source is X to status In progress": those alerts' incidents get that status.
  text = text.replace(/\bset\s+((?:the\s+|all\s+|any\s+|every\s+)?(?:[\w-]+\s+){0,3}?(?:alerts|incidents)\s+(?:whose|that|which|with|from|tagged|in|on|raised|where)\b[^.;:]{2,100}?)\s+to\s+(?:the\s+)?(?:status\s+)?(?=["']?(?:in\s*progress|active|resolved|new|redirected|closed)\b)/gi, 'for $1, set the status to ');
  // "contoso.com and its subdomains are ours - never block those, even if the sender spoofs us": never block that domain
  // (a domain left out of blocks covers its subdomains); "*.contoso.com" is the same.
  text = text.replace(/\b((?:[\w-]+\.)+[a-z]{2,})\s+(?:or|and|\+|&)\s+(?:all\s+)?(?:its|their|the)\s+sub-?domains\b/gi, '$1')
    .replace(/(^|\s)\*\.((?:[\w-]+\.)+[a-z]{2,})\b/gi, '$1$2')
    .replace(/(^|[.;!?]\s+)((?:[\w-]+\.)+[a-z]{2,})\s+(?:is|are)\s+(?:ours|our\s+own|our\s+domain|internal|trusted|legit)\s*(?:[-\u2013\u2014,;:]+\s*)?(?:so\s+)?(?:never|don'?t|dont|do\s+not)\s+block\s+(?:those|them|it|that|this)\b(?:\s*,?\s*even\s+if\b[^.;!?]*)?/gi, '$1never block $2');
  // "my lead said never the ones in X", "I hope that makes sense", "if that's possible", "it's only to educate them": who
  // asked, and courtesy, which name no case; what a notice is for is a reason.
  text = text.replace(/\b(?:my|our)\s+(?:lead|boss|manager|ciso|team\s+lead|supervisor|senior)\s+(?:said|says|wants|asked|told\s+me)\s+(?:that\s+|to\s+)?/gi, '')
    .replace(/,?\s*(?:i\s+)?hope\s+(?:that|this|it)\s+makes\s+sense\b|,?\s*if\s+(?:that|this|it)\s+makes\s+sense\b|,?\s*if\s+(?:that'?s|that\s+is|this\s+is|it'?s|it\s+is)\s+(?:possible|doable|ok(?:ay)?|allowed)\b/gi, '')
    .replace(/,\s*(?:it'?s|it\s+is|this\s+is)\s+(?:only|just|purely)\s+(?:meant\s+)?(?:to|for)\s+(?:educat\w*|inform\w*|warn\w*|remind\w*|awareness)\b[^.;!?]*/gi, (m: string) => {
      background.push(m.replace(/^,\s*/, ''));
      return '';
    })
    // "block that IP but only in audit/warn mode, not a hard block": the indicator's action.
    .replace(/\b(?:but\s+)?only\s+in\s+(audit|warn)(?:\s*(?:\/|or)\s*(?:audit|warn))?\s+mode\b(?:\s*,?\s*not\s+a\s+hard\s+block)?/gi, (_m, mode: string) => `as a ${mode.toLowerCase()} indicator`)
    // "we post in the Teams channel AND email X": the steps, said of the team.
    .replace(/(,\s*|^|[.;]\s+)we\s+(?=(?:post|email|mail|ping|notify|tag|assign|comment)\b)/gi, '$1')
    // "leave Windows alone, and Linux too": both left alone.
    .replace(/\bleave\s+((?:windows|linux|mac\s?os|macs?|servers?|workstations?)(?:\s+(?:boxes|hosts|machines|devices))?)\s+alone\s*,?\s*(?:and|&)\s+((?:windows|linux|mac\s?os|macs?|servers?|workstations?)(?:\s+(?:boxes|hosts|machines|devices))?)\s+(?:too|as\s+well|also)\b/gi, 'leave $1 and $2 alone');
  // "what does 'collect investigation package' do? ... Could Rampart collect one from each device": that package.
  if (/\binvestigation\s+(?:packages?|pkgs?)\b/i.test(text)) text = text.replace(/\bcollect\s+one\b/gi, 'collect an investigation package');
  // "Sorry, one more :)", "email X that it's ready", "the user is in 'Tier0 Admins'", "only the Teams post", "it shouldn't do
  // anything for Low severity alerts": an aside; what a mail says; a quoted group; the step as a noun; those skipped.
  text = text.replace(/(^|[.!?]\s+)sorry\s*,?\s*(?:one\s+more|another\s+one|me\s+again)\s*(?::\)|:-\)|!+|\.+)?\s*/gi, '$1')
    .replace(/\b((?:e-?mail|mail|notify)\s+[\w.+'-]+@[\w-]+(?:\.[\w-]+)+)\s+that\s+(?:it'?s|it\s+is|the\s+(?:package|pkg|scan|file)\s+is)\s+(?:ready|done|finished|collected|complete)\b/gi, '$1')
    .replace(/\b((?:the\s+)?(?:user|account|acct|recipient|sender)\s+(?:is|isn'?t|is\s+not)\s+in)\s+(["'\u2018\u201c][^"'\u2018\u2019\u201c\u201d]{1,40}["'\u2019\u201d])(?!\s+(?:group|grp|device\s+group|tag))/gi, '$1 the $2 group')
    .replace(/\bonly\s+the\s+teams\s+(?:post|message|ping|notification)\b/gi, 'only post in Teams')
    .replace(/\bit\s+(?:shouldn'?t|should\s+not|must\s+not|mustn'?t)\s+do\s+anything\s+(?:for|on|with)\s+((?:low|medium|informational|info)(?:\s*(?:and|or|\/|,)\s*(?:low|medium|informational|info))*)\s+(?:severity\s+|sev\s+)?(alerts|incidents)\b/gi, 'skip $1 severity $2');
  // "Quick question, what does 'collect investigation package' actually do?", "I was told hard blocks broke something
  // last month.": a question about Rampart and a story, neither a step nor a case.
  text = text.replace(/(^|[.!?]\s+)(?:(?:quick|short|silly|dumb)\s+question\s*[,:]?\s*)?(?:what|how|why)\s+(?:does|do|is|are|would|will)\s+[^.?!\n]{2,100}\?\s*/gi, (m: string, lead: string) => {
    background.push(m.slice(lead.length).trim());
    return lead;
  })
    .replace(/(^|[.!?]\s+)anyway\s*[,:]\s*/gi, '$1');
  text = text
    // "a full scan, not a quick one": the other kind, ruled out after the kind chosen.
    .replace(/(\bfull\s+(?:(?:antivirus|av|virus|malware)\s+)?(?:scan|check)s?\b(?:[^.;!?\n]|\.(?=\w)){0,60}?)\s*,?\s*(?:and\s+|but\s+)?not\s+(?:a|the)\s+quick(?:\s+(?:one|scan))?\b/gi, '$1')
  // "could they please be assigned to X and given the tag 'Y'?": the request, asked politely in the passive.
    .replace(/\b(?:could|can|would|will)\s+(?:they|it|these|those|the\s+incidents?)\s+(?:please\s+)?(?:also\s+)?be\s+(assigned|tagged|closed|resolved|commented\s+on)\b/gi, (_m, verb: string) => `please ${({ assigned: 'assign', tagged: 'tag', closed: 'close', resolved: 'resolve' } as Record<string, string>)[verb.toLowerCase()] ?? 'comment on'} them`)
    .replace(/\b(please\s+(?:assign|tag|close|resolve|comment\s+on)\s+them\b[^.;!?\n]{0,80}?)\s+and\s+(?:be\s+)?given\s+(?:the\s+|a\s+)?tag\s+/gi, '$1 and tag them ')
    // "... close them. it's just the build team testing again smh": who or what is behind the alerts, said after the steps
    // as why (a remark that names no step and no case).
    .replace(/([.!?]\s+)((?:it'?s|its|it\s+is|that'?s|thats|they'?re|theyre|they\s+are)\s+(?:just|prob(?:ably)?|likely|always|usually|mostly)\s+([^.!?\n]{2,80}?))\s*[.!?]*(?=\s*$)/gi, (m: string, lead: string, remark: string, rest: string) => {
      if (/\b(?:isolat|contain|quarantin|scan|collect|restrict|block|disabl|reset|revok|assign|tag|clos|resolv|post|e-?mail|mail|notif|ping|comment|releas|if|when|unless|except|only|not|never|no|but|server|workstation|laptop|desktop|dc|domain|admin|vip|exec|critical|high|medium|low)\w*\b/i.test(rest)) return m;
      background.push(remark.trim());
      return lead.trimEnd();
    })
    .replace(STORY_TOLD, (m: string, lead: string) => {
      background.push(m.slice(lead.length).trim());
      return lead;
    });
  // "collect a package whenever an incident is tagged X, then isolate the device": the step after "then" follows the
  // first in its case (read on its own it had run on every incident).
  text = thenAfterCase(text);
  // "one Url indicator per URL based on VT malicious count": each URL, checked on VirusTotal; the bands say what follows.
  text = text.replace(/\bone\s+(?:url|ip|file|hash|domain)\s+(?:indicator|ioc)\s+per\s+(url|ip|file|hash|domain)\s+(?:based\s+on|depending\s+on|by)\s+(?:the\s+)?(?:virustotal|vt)(?:\s+malicious)?\s+(?:count|score|verdict|detections)\b/gi, (_m, kind: string) => `check each ${kind.toLowerCase() === 'file' ? 'hash' : kind} on VirusTotal`);
  // "If below 5 or not in VT": below the threshold already holds what VirusTotal has never seen.
  text = text.replace(/\b((?:below|under|fewer\s+than|less\s+than|<)\s*\d+)\s+or\s+(?:not\s+(?:in|on|known\s+to|seen\s+by)|unknown\s+(?:to|on|in)|unseen\s+(?:by|on))\s+(?:virustotal|vt)\b/gi, '$1');
  // "Accounts in the BreakGlass group are excluded from all of this": left out of every step, not the last sentence's.
  text = text.replace(/(^|[.;!?]\s+|\n\s*)((?:the\s+|any\s+|all\s+)?(?:accounts?|users?|devices?|machines?|hosts?|boxes|servers?|workstations?|incidents?|alerts?)\b[^.;!?\n]{1,80}?)\s+(?:are|is)\s+(?:excluded|exempt(?:ed)?|left\s+out|out\s+of\s+scope)\s+from\s+(?:all\s+(?:of\s+)?(?:this|that|the\s+above|it)|everything(?:\s+above)?|the\s+whole\s+(?:thing|playbook|rule)|this\s+(?:playbook|rule|automation)|every\s+step)\s*(?=[.;!?\n]|$)/gi, (_m, lead: string, what: string) => `${lead}skip ${what.replace(/^[A-Z]/, (c) => c.toLowerCase())}`);
  // "1-4 -> action Warn, >=5 -> Block": the indicator's action, said after the band.
  text = text.replace(/(->|\u2192|=>|:)\s*(?:action\s+|indicator\s+action\s+)(warn|audit|alert(?:\s*only)?|block\s*and\s*remediate|blockandremediate)\b/gi, (_m, arrow: string, action: string) => {
    const a = action.toLowerCase().replace(/\s+/g, '');
    return `${arrow} ${a === 'warn' ? 'add a warn indicator' : a === 'audit' ? 'add an audit indicator' : a.startsWith('alert') ? 'add an alert-only indicator' : 'block and remediate it'}`;
  });
  // "3-9: an audit-only indicator", "-> warn indicator": the step said by its indicator's kind alone, after the band.
  text = text.replace(/(->|\u2192|=>|:)\s*(?:an?\s+|just\s+(?:an?\s+)?|only\s+(?:an?\s+)?)?(warn|audit|alert)(?:[- ]only|\s+only)?\s+(?:indicators?|iocs?)\b(?:\s+only\b)?(?:\s*,?\s*(?:and\s+)?no\s+(?:block(?:ing)?|remediation|prevention)\b)*/gi, (_m, arrow: string, action: string) => {
    const a = action.toLowerCase();
    return `${arrow} ${a === 'warn' ? 'add a warn indicator' : a === 'audit' ? 'add an audit indicator' : 'add an alert-only indicator'}`;
  });
  // "Malware-category alerts", "malware-related incidents", "ransomware-type detections": the kind of alert, said with a hyphen.
  text = text.replace(/\b([a-z]{3,})-(?:categor(?:y|ies)|cat)\b(?=\s+(?:alerts?|incidents?|detections?|hits|events?|stuff|ones|cases)\b)/gi, '$1 category')
    .replace(/\b([a-z]{3,})[- ](?:related|type|flavou?red|ish|style)\b(?=\s+(?:alerts?|incidents?|detections?|hits|events?|stuff|ones|cases)\b)/gi, (m: string, kind: string) => (FUNCTION_WORDS.has(kind.toLowerCase()) ? m : kind));
  // "if the tag is no-touch that overrides everything, only add a comment": which case wins, which "only" says already.
  text = text.replace(/\s*,?\s+(?:that|which|this|it)\s+(?:overrides|trumps|beats|wins\s+over|takes\s+(?:precedence|priority)\s+over)\s+(?:everything|all|the\s+rest|anything|any\s+other\s+rule)(?:\s+else)?(?:\s+above)?(?=\s*[,;:.]|\s*$)/gi, '');
  // "if the device is running Windows, ignore": nothing for those incidents; "this one is only for the non-windows fleet"
  // after it says the same of every step.
  text = text.replace(/\b(if|when)\s+([^,;.:\n]{3,80}?)\s*(,|->|=>|\u2192)\s*(?:just\s+)?(?:ignore|skip)(?:\s+(?:it|them|those|these))?(?=\s*(?:[,;.\n]|$))/gi, (_m, cue: string, cond: string, sep: string) => `${cue} ${cond}${sep === ',' ? ',' : ` ${sep}`} do nothing`)
    .replace(/(?:\s*,\s*|([.;]\s+))this\s+(?:one|rule|playbook|automation)\s+is\s+(only\s+(?:for|about)\s+[^.;\n]{3,80})/gi, (_m, stop: string | undefined, only: string) => `${stop ? stop : '. '}${only}`);
  // "if they are in that group, just add a comment": the group named last (read as a group called "that").
  text = text.replace(/\b(in|of|from)\s+(?:that|this|the\s+same|said)\s+group\b/gi, (m: string, prep: string, at: number, whole: string) => {
    const named = groupNamedBefore(whole.slice(0, at));
    return named ? `${prep} the ${named} group` : m;
  });
  // "... in the 'Lab' device group. If it's EICAR but the device is not in Lab": the device group named before, by its
  // name alone (its name was read as a word already said, and the exception was lost).
  for (const g of new Set([...text.matchAll(/\b(?:in|of|from)\s+the\s+["'\u2018\u201c]([\w.&-]{2,40})["'\u2019\u201d]\s+(?:device|machine)\s+group\b/gi)].map((m) => m[1]))) {
    text = text.replace(new RegExp(`\\b(in|of|from)\\s+(?:the\\s+)?${escapeRegExp(g)}(?![\\w'"\u2019\u201d-]|\\s+(?:device\\s+|machine\\s+)?group)`, 'g'), `$1 the '${g}' device group`);
  }
  // "Could you resolve incidents where ...? Classification informational / expected activity, determination security
  // testing.": how the resolve classifies, said as a sentence of its own (read alone, every incident was classified).
  text = text.replace(/(\b(?:resolve|close|auto-resolve|auto-close)\b[^.?!\n]{3,200}?)\s*[?.!]\s+((?:with\s+)?(?:the\s+)?classification\s+(?:as\s+|of\s+|=\s*|:\s*)?[^.?!\n]{3,120}?)(?=\s*[.!?\n]|$)/gi, '$1, with $2');
  // "severity high (or critical)": Defender's highest level is High, which a critical incident has.
  text = text.replace(/\b(high)\s*\(\s*(?:or|o|ou)\s+(?:critical|crit)\s*\)/gi, '$1')
    // "isolate the equipment": the device, as a second-language speaker says it.
    .replace(/\b(the|this|that|each|every|any|one|a)\s+equipments?\b/gi, (_m, det: string) => `${det} device`)
    // "only the workstations, the servers NO": not the servers.
    .replace(/,\s*(?:and\s+)?the\s+(servers?|workstations?|dcs?|domain\s+controllers?|laptops?|desktops?|macs?)\s+(?:NO|No|no|not|never)\b(?!\s+(?:one|longer|need|action))/g, ', not the $1')
    // "If it is less, only put the tag": under the threshold said before, the other case.
    // (Said after an engine count, it is under that count.)
    .replace(/(^|[.;]\s+)if\s+(?:it\s+is|is|its|it's|the\s+(?:score|count|number)\s+is)\s+(?:less|lower|fewer|below|under)(?:\s+than\s+(?:that|this))?\s*,\s*/gi, (_m, lead: string, at: number, whole: string) => {
      const before = whole.slice(0, at);
      const more = [...before.matchAll(/\b(?:more\s+than|over|above|>)\s*(\d+)\s+(?:engines?|detections?|vendors?)|\b(\d+)\s*(?:or\s+more|\+)\s+(?:engines?|detections?|vendors?)|\bat\s+least\s+(\d+)\s+(?:engines?|detections?|vendors?)/gi)].pop();
      if (!more) return `${lead}otherwise, `;
      const top = more[1] !== undefined ? Number(more[1]) + 1 : Number(more[2] ?? more[3]);
      return `${lead}if VirusTotal has fewer than ${top} engines, `;
    })
    // "If is normal user just revoke sessions": the other users.
    .replace(/\bif\s+(?:it\s+is|is|its|it's|they\s+are|he\s+is|she\s+is|the\s+user\s+is)\s+(?:an?\s+)?(?:normal|regular|ordinary|common|standard)\s+(?:users?|employees?|accounts?|persons?|people)\b\s*,?\s*/gi, 'for everyone else, ')
    // "For Windows no need, they have already other rule": those devices are left out.
    .replace(/(^|[.;]\s+)for\s+(windows|linux|mac\s?os|macs?|servers?|workstations?|laptops?)(?:\s+(?:devices|machines|boxes))?\s*,?\s*(?:there\s+is\s+)?no\s+need(?:\s+(?:for|of)\s+(?:it|this|that))?(?:\s*,\s*(?:they|it|we)\s+[^.;\n]{2,80})?(?=\s*[.;\n]|$)/gi, (_m, lead: string, kind: string) => `${lead}skip ${/^win|^linux|^mac/i.test(kind) ? `${kind} devices` : kind}`)
    // "Ojo:", "Atención:", "Obs:": "note", which adds nothing.
    .replace(/(^|[.!?]\s+|\n\s*)(?:ojo|atenci[oó]n|aten[cç][aã]o|obs|nota|importante)\s*[:!,]\s*/gi, '$1')
    // "not revoke nothing, only the mail": a double negative, and the step the case keeps.
    .replace(/\bnot\s+(revoke|disable|reset|isolate|block|close|touch|do)\s+(?:nothing|nada)\b/gi, 'do not $1 anything')
    .replace(/\b(do\s+not|don'?t|dont|never)\s+(revoke|disable|reset|isolate|block|quarantine|contain|restrict)\s+(?:anything|nothing)(?=\s*,\s*(?:only|just|but)\b)/gi, '$1 $2')
    // "send mail to helpdesk for they call the user": why, said as a second-language speaker says "so that".
    .replace(/\bfor\s+(they|them|him|her|he|she|the\s+[\w-]+)\s+(?:to\s+|can\s+|could\s+)?(call|contact|check|review|reach|know|handle|look|follow|see|fix|rotate|investigate)\b/gi, (_m, who: string, verb: string) => `so ${who.toLowerCase() === 'them' ? 'they' : who.toLowerCase() === 'him' ? 'he' : who.toLowerCase() === 'her' ? 'she' : who} can ${verb}`)
    // "isolate the workstation and the incident assigned to X": the second step, said as a participle.
    .replace(/\b(and|,)\s+(?:the\s+)?incident\s+assigned\s+to\b/gi, '$1 assign the incident to')
    // "never auto-close anything rated Medium or above": only below that level.
    .replace(/\b(?:but\s+)?(?:make\s+sure\s+(?:we\s+|it\s+|rampart\s+)?)?never\s+(?:auto-?)?(close|resolve)\s+(?:anything|any\s+incidents?|incidents?)\s+(?:rated|of|at|with\s+severity)?\s*(medium|high|low)\s+or\s+(?:above|higher|more)\b/gi, (m: string, _verb: string, level: string) => {
      const below = ({ medium: 'Low or Informational', high: 'Medium, Low or Informational', low: 'Informational' } as Record<string, string>)[level.toLowerCase()];
      return below ? `only when the severity is ${below}` : m;
    })
    // "and never anything on a server": never on servers.
    .replace(/\b(?:and\s+)?never\s+anything\s+on\s+(?:an?\s+)?(server|workstation|domain\s+controller|dc|laptop)s?\b/gi, (_m, kind: string) => `not on ${kind.toLowerCase()}s`)
    // "while the Defender for Cloud Apps ones go to X": those incidents are assigned to X.
    .replace(/,?\s*while\s+the\s+((?:[\w-]+\s+){0,5}?[\w-]+)\s+ones\s+go\s+to\s+/gi, '. assign $1 incidents to ')
    // "isolation decisions stay with the on-shift analysts": Rampart never isolates.
    .replace(/\b(isolation|containment)\s+decisions?\s+(?:stay|remain|are\s+left|rest)\s+with\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:analysts?|humans?|people|team|soc|on-?call|shift)(?:\s+for\s+now)?\b/gi, (_m, what: string) => (/^isolation$/i.test(what) ? 'never isolate the devices' : 'never isolate or restrict the devices'))
    // "service accounts (anything whose UPN starts with svc-)": the accounts the bracket names.
    .replace(/\b(?:service\s+)?accounts?\s*\(\s*(?:anything|any\s+account|accounts?|users?|those)\s+whose\s+(?:upn|user\s?name|name|login)\s+(?:starts|begins)\s+with\s+([\w.-]+)\s*\)/gi, 'accounts starting with $1')
    .replace(/\b(?:please\s+)?make\s+sure\s+(accounts\s+starting\s+with\s+[\w.-]+)\s+are\s+never\s+touched(?:\s+by\s+(?:the\s+)?(?:automation|rampart|playbook))?/gi, 'never touch $1')
    // "..., for Medium ones just the assignment": a case of its own, not a narrowing of the step before.
    .replace(/,\s*(for\s+(?:critical|high|medium|low|informational)\s+ones)\s*,?\s*(just|only)\b/gi, '. $1, $2')
    // "for Medium ones just the assignment": only the assign step said before.
    .replace(/\b(just|only)\s+the\s+assignment\b/gi, (m: string, word: string, at: number, whole: string) => {
      const to = [...whole.slice(0, at).matchAll(/\bassign(?:ed)?\s+(?:the\s+incident\s+|it\s+)?to\s+[^.;]{0,40}?([\w.+-]+@[\w-]+(?:\.[\w-]+)+)/gi)].pop();
      return to ? `${word} assign the incident to ${to[1]}` : m;
    })
    // "under no circumstances isolate a DC": never.
    .replace(/\b(?:under\s+no\s+circumstances?|in\s+no\s+case|at\s+no\s+time)\s*,?\s+(?=(?:isolate|disable|block|reset|revoke|restrict|quarantine|contain|close|resolve)\b)/gi, 'never ')
    // "advise us in Teams": a post there.
    .replace(/\b(?:advise|inform|warn|alert)\s+(?:us|me|the\s+(?:soc|team))\s+(?:in|on|via|by)\s+teams\b/gi, 'post in Teams')
    // "in one server of the 'Servers-Prod' group": a group of devices.
    .replace(/\b(servers?|workstations?|devices?|machines?|hosts?|laptops?|endpoints?|computers?)\s+(?:of|in|from)\s+the\s+(["'\u2018\u201c][^"'\u2019\u201d]{1,40}["'\u2019\u201d])\s+group\b/gi, '$1 in the $2 device group')
    // "an alert of the category Execution": in that category.
    .replace(/\bof\s+(?:the\s+)?categor(?:y|ia)\s+([A-Z][a-z]+(?:\s?[A-Z][a-z]+)?)\b/g, 'in the $1 category')
    // "the break glass account bg-admin@contoso.com": the account, named by its address.
    .replace(/\bthe\s+(?:[\w-]+\s+){1,3}?(account|user|mailbox)\s+([\w.+-]+@[\w-]+(?:\.[\w-]+)+)/gi, 'the $1 $2')
    .replace(/\bonly\s+the\s+(e-?mail|mail|teams\s+(?:message|post)|comment)\b(?=\s*[.;,\n]|$)/gi, (_m, what: string) => (/comment/i.test(what) ? 'only add a comment' : /teams/i.test(what) ? 'only post in Teams' : 'only send the mail'));
  // "(even a single engine is enough for them)": one engine or more.
  text = text.replace(/\s*\(?\s*(?:even\s+)?(?:a\s+single|one|1|just\s+one)\s+(?:engine|detection|vendor|hit|av|scanner)\s+(?:is|would\s+be)\s+enough(?:\s+for\s+(?:them|us|me|him|her))?\s*\)?/gi, ' with 1 or more engines')
    // "block the whole domain": the domain.
    .replace(/\b(the|its|their)\s+(?:whole|entire)\s+(?=(?:domains?|subnets?|urls?|devices?|machines?|hosts?|incidents?)\b)/gi, '$1 ')
    // "for regular employees nothing automated, just put a comment": the users the case before leaves out; "nothing
    // automated, just" is only that step.
    .replace(/\bfor\s+(?:regular|normal|ordinary|all\s+other|other|the\s+other|the\s+rest\s+of\s+the)\s+(?:employees|staff|users|people|accounts|folks|colleagues)(?:\s+(?:subject\s+to|affected\s+by|hit\s+by|named\s+in|concerned\s+by|with|having)(?=\s+(?:an?|any)\b))?/gi, (m: string, at: number, whole: string) => {
      // (Opening a sentence, "otherwise", as "for everyone else" is read there.)
      const lead = /(?:^|[.;!?]\s+|\n)$/.test(whole.slice(0, at)) ? 'otherwise,' : 'for everyone else';
      if (/\s(?:subject|affected|hit|named|concerned|with|having)\b/i.test(m)) return `${lead}${lead.endsWith(',') ? '' : ','} on`;
      return /^\s*,/.test(whole.slice(at + m.length)) ? lead.replace(/,$/, '') : lead;
    })
    // "email the recipient ... nothing else, just the email to them": the mail said before, said again as all there is.
    .replace(/([.;!?]\s+|,\s*)(?:(?:and\s+)?nothing\s+else\s*[,:-]?\s*)?(?:just|only)\s+(?:send\s+)?(?:the|that|an?)\s+(?:e-?mail|mail)(?:\s+to\s+(?:them|him|her|the\s+(?:user|recipient|person)))?\s*(?=[.;!?]|$)/gi, (m: string, lead: string, at: number, whole: string) => (/\b(?:e-?mail|mail)\s+(?:the|them|him|her|[\w.+'-]+@)/i.test(whole.slice(0, at)) ? (/,/.test(lead) ? '' : lead.trim().replace(/^$/, '.')) : m))
    .replace(/\bnothing\s+(?:automated|automatic|else)\s*,\s*(?=just\b|only\b)/gi, '')
    // "selective isolation so the call on Teams stays up", "full isolation so nothing keeps talking to the C2": why that
    // kind of isolation, not which devices.
    .replace(/\b((?:selective|full)(?:ly)?(?:\s+(?:isolation|isolate|mode))?)\s*,?\s+so\s+(?:that\s+)?(?:the\s+|our\s+|their\s+|users?\s+|people\s+|they\s+|we\s+)?[^.,;:!?()\n]{0,50}?\b(?:stays?\s+(?:up|online|connected|working)|keeps?\s+(?:working|running|going)|still\s+works?|can\s+(?:still\s+)?(?:work|talk|call|join|keep\s+working)|(?:is|are)\s+not\s+(?:cut\s+off|dropped))\b/gi, '$1')
    // "except servers (do NOT isolate servers, ops will have my head)": a bracket that only says again what is ruled out,
    // and why.
    .replace(/\s*\(\s*(?:do\s+not|don'?t|dont|never|no)\s+([a-z]+)\s+((?:the\s+|any\s+)?[\w-]+(?:\s+[\w-]+)?)\s*(?:[,;:-]\s*[^()]{0,100})?\)/gi, (m: string, verb: string, what: string, at: number, whole: string) => {
      const before = whole.slice(Math.max(0, at - 120), at).split(/[.;!?\n]/).pop() ?? '';
      const noun = what.replace(/^(?:the|any)\s+/i, '').toLowerCase();
      return new RegExp(String.raw`\b${escapeRegExp(verb)}`, 'i').test(before) && new RegExp(String.raw`\b(?:except|not|but\s+not|excluding|no)\s+(?:on\s+|for\s+)?(?:the\s+|any\s+)?${escapeRegExp(noun)}\b`, 'i').test(before) ? '' : m;
    })
    // "isolate it, but selective so Teams calls keep working": selectively.
    .replace(/\b(isolate|contain)\s+(it|them|the\s+(?:device|machine|host|laptop)s?)\s*,?\s+but\s+(?:make\s+it\s+|use\s+)?(selective|full)(?:ly)?(?:\s+(?:isolation|mode))?(?:\s*,?\s*(?:not|rather\s+than|instead\s+of)\s+(?:full|selective)(?:ly)?(?:\s+(?:isolation|mode))?)?\b/gi, (_m, verb: string, what: string, kind: string) => `${kind.toLowerCase() === 'full' ? 'fully' : 'selectively'} ${verb} ${what}`)
    // (Said of the users after a group was named: only that group's.)
    .replace(/(^|[.!?]\s+)(?:alerts?|incidents?|detections?)\s+(?:on|for|involving|about)\s+(?:anyone|anybody|everyone|everybody|any\s+other\s+users?|other\s+(?:users|people))\s*(?:else\s+)?(?:are|is)\s+out\s+of\s+scope(?:\s+(?:for|of|here|in)\s+(?:this|here)(?:\s+(?:one|rule|request|playbook))?)?\s*(?=[.!?\n]|$)/gi, (m: string, lead: string, at: number, whole: string) => {
      const group = groupNamedBefore(whole.slice(0, at));
      return group ? `${lead}only for users in the ${group} group` : m;
    })
    // "on a device used by someone in the 'Executives' group": the alert's user is in that group.
    .replace(/\b(?:on|for|from)\s+(?:a|the|any)\s+(?:device|machine|laptop|host|computer|pc)\s+(?:used|owned)\s+by\s+(?:someone|somebody|a\s+user|anyone|a\s+member|a\s+person|people|users?)\s+(?:in|of|from)\s+(?:the\s+)?(?=["'\u2018\u201c]?[\w-]+["'\u2019\u201d]?\s+group\b)/gi, 'where the user is in the ')
    // "they'd prefer a full AV scan plus assigning the incident to X rather than cutting the laptop off": the steps, and the
    // step they replace.
    .replace(/(^|[,;:.]\s*)(?:they|we|i|management|the\s+[\w-]+\s+team)(?:'d|\s+would)\s+(?:prefer|like)\s+(?:to\s+(?=[a-z]))?(?=(?:a|an|the|[a-z]+)\s)/gi, '$1')
    .replace(/\s+plus\s+(assign|tagg|clos|resolv|email|mail|post|block|collect|scann)ing\b/gi, (_m, verb: string) => ` and ${({ tagg: 'tag', clos: 'close', resolv: 'resolve', scann: 'scan' } as Record<string, string>)[verb.toLowerCase()] ?? verb}`)
    .replace(/\b(rather\s+than|instead\s+of)\s+(?:cutting|kicking|taking)\s+((?:it|them|the\s+[\w-]+|their\s+[\w-]+)\s+)?(?:off|out)(?:\s+(?:of\s+)?the\s+network)?\b/gi, (_m, cue: string, what: string | undefined) => `${cue} isolating${what ? ` ${what.trim()}` : ''}`)
    // "This is notification only, no containment": nothing is contained; "notifications split by severity:" heads a list.
    .replace(/(^|[.!?]\s+|\n\s*)this\s+is\s+(?:a\s+)?notifications?[- ]only(?:\s+(?:rule|playbook|automation|request))?\s*(?:,\s*|(?=[.!?\n]|$))/gi, '$1no containment of any kind, ')
    .replace(/(^|[.!?]\s+|\n\s*)(?:(?:we|they|i)\s+(?:need|want|would\s+like|'d\s+like)\s+)?(?:the\s+)?(?:incident\s+)?(?:notifications?|alerts?|responses?)\s+(?:split|broken\s+down|routed|handled)\s+by\s+severity\s*:\s*/gi, '$1');
  // "where the account starts with svc-: dont disable, revoke sessions only": a step ruled out by its verb alone acts on
  // what that verb acted on before (or on what the verb always acts on).
  text = text.replace(new RegExp(`(?<=[:,]\\s*(?:dont|don't|do\\s+not|never)\\s+)(${OBJECT_VERBS})(?=\\s*[,;]\\s*(?:but\\s+|and\\s+)?(?:just\\s+|only\\s+)?[a-z]+)`, 'gi'), (verb: string, _v: string, offset: number) => {
    const object = objectSaidBefore(verb, text.slice(0, offset));
    return object ? `${verb} ${object}` : verb;
  });
  return text;
}

/** "S. For users in group X, only assign it.": in that case, of the steps of S only the one named again runs. */
const ONLY_RESTATED = /(^|[.!?]\s+)((?:[^.!?\n]|\.(?=\w))+?)\s*[.!?;]\s+(?:but\s+)?(for|on|with|where|if|when)\s+((?:[^,.;:!?\n]|\.(?=\w)){2,80}?)\s*[,:]\s*(?:(?:please|pls)\s+)?(?:only|just)\s+([a-z]+)\s+(?:it|them|that|those|these)(?:\s*,\s*(?:since|as|because|cause|cuz)\s+[^.!?\n]*)?\s*(?=[.!?\n]|$)/gi;

/**
 * "revoke the sessions and assign it to a@x.com. For users in group Legal, only assign it." -> "revoke the sessions and
 * assign it to a@x.com, except for users in group Legal. For users in group Legal, assign it to a@x.com.": the other
 * steps leave that case out, and the step named again runs in it as it was said.
 */
function onlyRestated(text: string): string {
  return text.replace(ONLY_RESTATED, (m: string, lead: string, steps: string, prep: string, which: string, verb: string) => {
    if (!STEP_VERB.test(verb)) return m;
    const said = new RegExp(`\\b${verb}\\b(?:[^,;.!?]|\\.(?=\\w))*?(?=\\s+(?:and|then|\\+)\\s+|[,;!?]|\\.(?!\\w)|$)`, 'i').exec(steps);
    // (Only when the sentence before has that step and at least one other.)
    if (!said || !/\b(?:and|then)\b|\+|,/.test(steps)) return m;
    const condition = /^(?:if|when)$/i.test(prep);
    const left = condition ? `unless ${which}` : `except ${prep.toLowerCase()} ${which}`.replace(USERS_OF_GROUP_LEFT_OUT, usersOfGroupLeftOut);
    return `${lead}${steps}, ${left}. ${prep.charAt(0).toUpperCase()}${prep.slice(1).toLowerCase()} ${which}, ${said[0]}`;
  });
}

/**
 * "(forensics need it before the box gets reimaged)", "(it's almost always our VPN egress)", "(the engineers run odd tools
 * then)": an aside in brackets that is a clause of its own, someone or something doing or being, says why.
 */
const ASIDE_CLAUSE = new RegExp(String.raw`^(?:[\w-]+,?\s+){0,3}?(?:(?:(?:we|they|he|she|it|there|that|this)(?:'s|'re|\s+[a-z]+)|(?:(?:the|our|their)\s+)?(?:[\w-]+\s+){0,2}(?:people|team|guys|folks|engineers|admins|analysts|staff|devs|owners?|lead|desk|vendor|suppliers?|ppl))\s+[a-z]+|(?:[\w-]+s|(?:the|our|their)\s+[\w-]+)\s+(?:is|are|was|were|need|needs|run|runs|use|uses|get|gets|got|has|have|had|depend|depends|rely|relies|handle|handles|want|wants|own|owns|control|controls|do|does|did|break|breaks|die|dies|go|goes|live|lives|sit|sits|say|says|hate|hates|complain|complained|download|downloads|click|clicks|like|likes|know|knows|call|calls|work|works))\b`, 'i');
/** What makes an aside more than a reason: a narrowing word, a number, a name pattern, a kind of device, user or alert. */
const ASIDE_NARROWS = /\d|\*|[a-z0-9]-(?:\s|$)|\b(?:only|if|when|whenever|unless|except|excluding|not|never|no|all|every|any|each|severity|sev|critical|high|medium|low|informational|tag|tagged|group|named?|names|start|starts|starting|contain|contains|containing|begin|begins|beginning|prefix|suffix|servers?|workstations?|laptops?|desktops?|linux|macs?|macos|windows|dcs?|domain\s+controllers?|osplatform|engines?|vt|virustotal|malicious|category|source|mde|mdo|mdi|admins?|service\s+accounts?|ransom\w*|phish\w*|malware|c2|credential\w*|brute\w*|lateral|exfil\w*|trojans?|bec|vips?|executives?)\b/i;

/**
 * "the medical devices, anything named med-*", "a nurses station pc (named ns-*)", "the pharmacy machines those are all
 * named pharm-*", "the ER triage workstations (ws-er-*)", "emergency dept machines (names start with ed-)": a kind of
 * device the analyst names in their own words, defined on the spot by a name pattern. The pattern is what Defender's data
 * can test; the words before it only name it, so they go (a platform word, which narrows further, stays).
 */
/** Words that are never part of a kind's own name: grammar, steps, and what says which cases ("except", "whose"). */
const NOT_A_NAME_WORD = [...FUNCTION_WORDS].filter((w) => /^[a-z]+$/.test(w)).concat(['isolate', 'scan', 'block', 'collect', 'restrict', 'disable', 'reset', 'revoke', 'named', 'called', 'excluding', 'exclude', 'skip', 'ignore', 'spare', 'leave', 'except']).join('|');
// (Only with a name pattern: "warehouse scanners (name starts with whs-)" are the devices so named.)
const NAMED_KIND_NOUN = '(?:devices?|machines?|boxes|box|pcs?|computers?|hosts?|endpoints?|workstations?|servers?|laptops?|desktops?|stations?|carts?|scanners?|terminals?|tills?|handhelds?|appliances?|nodes?)';
const NAME_PATTERN_TEXT = String.raw`(?:\*-)?[A-Za-z][\w.]*(?:-[\w.]*)*(?:-\*?|\*[\w.*-]*)`;
const NAME_PATTERN = `(${NAME_PATTERN_TEXT})`;
/** "(DAY-EWS-* or MTY-EWS-*)", "(ed-*, er-*)": several patterns in one bracket. */
const NAME_PATTERN_LIST = String.raw`(${NAME_PATTERN_TEXT}(?:\s*(?:,|\/|\bor\b|\band\b)\s*${NAME_PATTERN_TEXT})*)`;
const PATTERN_LIST_SPLIT = /\s*(?:,|\/|\bor\b|\band\b)\s*/i;
const NAMED_KIND = new RegExp(
  String.raw`\b((?:(?:the|a|an|any|every|all|our|other|those|these)\s+)?)((?:(?!(?:${NOT_A_NAME_WORD})\b)[\w'-]+\s+){0,3}?)(${NAMED_KIND_NOUN})\b` +
    String.raw`(\s+only)?(?:\s*\(\s*(?:(?:named|called|(?:whose\s+)?(?:host\s?)?names?\s+(?:start|begin)(?:s|ing)?\s+with|starting\s+with)\s+)?${NAME_PATTERN_LIST}\s*\)|\s+(?=[\w.-]*\*)${NAME_PATTERN}(?=[\s,.;:!?]|$)` +
    String.raw`|(?!\s+(?:host\s?)?names?\b)\s*,?\s*(?:-\s*)?(?:like|e\.?\s?g\.?,?|i\.?\s?e\.?,?|i\s+mean)?\s*(?:(?:those|these|they|which)\s+are\s+(?:all\s+)?|all\s+)?(?:anything|everything|any\s+(?:device|machine|box|host)|the\s+ones?|ones)?\s*(?:named|called|(?:whose\s+)?(?:host\s?)?names?\s+(?:start|begin)(?:s|ing)?\s+with|starting\s+with)\s+${NAME_PATTERN})`,
  'gi',
);
const PLATFORM_WORD = /^(?:windows|linux|macos|mac|win10|win11)$/i;
const PLATFORM_IN_BRACKETS = new RegExp(String.raw`\b((?:(?!(?:${NOT_A_NAME_WORD})\b)[\w-]+\s+){0,2}(?!(?:${NOT_A_NAME_WORD})\b)[\w-]+)\s*\(\s*the\s+(linux|windows|macos|mac)\s+ones\s*,\s*`, 'gi');

/** "svc accts (anything starting w/ svc-)": the same for accounts. */
const NAMED_ACCOUNTS = new RegExp(
  String.raw`\b((?:(?!(?:${NOT_A_NAME_WORD})\b)[\w'-]+\s+){0,2}?)(?:accounts?|accts?|users?|identities|logins?|upns?)\s*[(,]\s*(?:anything|everything|any(?:\s+(?:account|user|one))?|ones|those|the\s+ones)?\s*(?:(?:that\s+)?(?:start(?:s|ing)?|begin(?:s|ning)?)\s+with|named|called|prefixed(?:\s+with)?)\s+([a-z][\w.]*-?)\*?\s*\)?`,
  'gi',
);

/** "DAY-EWS-*, mty-ews-" -> "day-ews-* or mty-ews-*": a list of patterns, each a wildcard. */
function patternList(list: string): string {
  return list.toLowerCase().split(PATTERN_LIST_SPLIT).map((p) => (p.endsWith('-') ? `${p}*` : p)).join(' or ');
}

function namedKinds(input: string): string {
  const text = input
    // "name is starting with whs-": the same as "starts with".
    .replace(/\b(?:is|are)\s+(start|begin)(?:ing|ning)\s+with\b/gi, (_m, verb: string) => `${verb.toLowerCase()}s with`)
    // "warehouse scanners (the linux ones, name starts with whs-)": the platform said first, in the brackets, goes before.
    .replace(PLATFORM_IN_BRACKETS, (_m, kind: string, platform: string) => `${platform} ${kind} (`).replace(NAMED_ACCOUNTS, (_m: string, _words: string, prefix: string) => `accounts named ${prefix.toLowerCase()}*`)
    // "the sql svc acct (svc-sql)": one account, described, then its name in brackets.
    .replace(/\b(?:the|our|that|this)\s+(?:[\w'-]+\s+){0,3}?(?:service\s+|svc\s+)?(?:account|acct|user|identity|login)\s*\(\s*([a-z][\w.]*[-_.\d][\w.-]*|[\w.+'-]+@[\w-]+(?:\.[\w-]+)+)\s*\)/gi, (_m, name: string) => `the account named ${name.toLowerCase()}`);
  const aliases: Array<{ alias: string; pattern: string; own?: boolean }> = [];
  const out = text.replace(NAMED_KIND, (m: string, det: string, words: string, noun: string, only: string | undefined, inParens: string | undefined, bare: string | undefined, said: string | undefined) => {
    const raw = (inParens ?? bare ?? said ?? '').toLowerCase();
    if (!raw) return m;
    const pattern = patternList(raw);
    const dropped = words.trim().split(/\s+/).filter((w) => w && !PLATFORM_WORD.test(w));
    const kept = words.trim().split(/\s+/).filter((w) => PLATFORM_WORD.test(w));
    // "emergency dept machines (names start with ed-) ... for the ED boxes": the words, their initials or the pattern's
    // prefix name the same devices when said again.
    if (dropped.length > 0) aliases.push({ alias: dropped.join(' '), pattern });
    if (dropped.length > 1) aliases.push({ alias: dropped.map((w) => w[0]).join(''), pattern });
    const prefix = /^([a-z]{2,})-\*$/.exec(pattern)?.[1];
    if (prefix) aliases.push({ alias: prefix, pattern });
    // ("macOS laptops (MTY-MAC-xx)": a form factor Defender does not report adds nothing to what the pattern names.)
    const nounSaid = /^laptops?$/i.test(noun) ? (/s$/i.test(noun) ? 'devices' : 'device') : noun;
    return `${det}${kept.length ? `${kept.join(' ')} ` : ''}${nounSaid} named ${pattern}${only ?? ''}`;
  });
  // "HMIs (xxx-HMI-nn)", "Historians (*-HIST-*)": a kind said by its own name, an acronym or a plural, with the pattern
  // in brackets after it.
  // "jump host alerts (DAY-JMP-* or GDN-JMP-*)": alerts on the hosts so named.
  let result = out.replace(HOST_ALERTS, (_m: string, list: string) => `alerts on devices named ${patternList(list)}`);
  result = result.replace(BARE_KIND, (m: string, det: string | undefined, platform: string | undefined, word: string, list: string) => {
    // (A function word after "a" or "the" is a noun: "a till (pos-*)" is no "until".)
    const afterArticle = Boolean(det) && /^(?:the|an?)\s+$/i.test(det ?? '') && !/s$/i.test(word) && FUNCTION_WORDS.has(word.toLowerCase()) && !/^(?:one|other|same|whole|rest|few|lot|bit|way|thing|time|case|list|set)$/i.test(word);
    if (NOT_A_BARE_KIND.test(word) && !afterArticle) return m;
    // Only a word of the analyst's own (an acronym, or a plural Rampart has no meaning for): "domain controllers (adc-*)"
    // and "leave svc accounts alone (svc-*)" keep what their words already say.
    const token = /^\S+/.exec(m.slice((det ?? '').length + (platform ?? '').length))?.[0] ?? word;
    // ("a till (pos-*)": a word of its own said once, after "a" or "the".)
    const singular = !/s$/i.test(token);
    if (!/^[A-Z]{2,6}(?:e?s)?$/.test(token) && (singular ? !det || DOMAIN_WORDS.has(token.toLowerCase()) || HARMLESS_WORDS.has(token.toLowerCase()) : known(token) || known(word))) return m;
    const pattern = patternList(list);
    aliases.push({ alias: word.replace(/(?<=[a-z]{3})s$/, ''), pattern, own: true });
    return `${det ?? ''}${platform ?? ''}devices named ${pattern}`;
  });
  // "ransomware at MTY (..., any MTY-* device, ...)": a site said by the prefix of a name pattern given in the request is
  // its devices (read as a word of the title, it had matched no incident).
  for (const site of result.matchAll(/(?<![\w*-])([A-Z]{2,6})-\*(?![\w-])/g)) {
    result = result.replace(new RegExp(String.raw`\b(?:at|in|from)\s+${site[1]}\b(?![\w*-])`, 'g'), `on the devices named ${site[1].toLowerCase()}-*`);
  }
  for (const { alias, pattern, own } of aliases) {
    result = result.replace(new RegExp(String.raw`\b(?:the\s+)?${escapeRegExp(alias)}\s+(${NAMED_KIND_NOUN})\b(?!\s+named\b)`, 'gi'), (_m: string, noun: string) => `the ${noun} named ${pattern}`);
    // "Isolate the EWS", "HMIs never get isolated": an acronym said again alone is the same devices.
    // "malware on a lectern (lec-*) -> isolate the lectern": a word of the analyst's own, said again with "the", is the same devices.
    if (own && /^[a-z]{3,15}$/i.test(alias) && !/^[A-Z]{2,6}$/.test(alias)) {
      result = result.replace(new RegExp(String.raw`(?<![\w*-])(?:the|that|this|each|every|any)\s+${escapeRegExp(alias)}s?(?![\w*-])(?!\s+(?:named|${NAMED_KIND_NOUN})\b)`, 'gi'), `the devices named ${pattern}`);
    }
    if (/^[A-Z]{2,6}$/.test(alias)) {
      result = result.replace(new RegExp(String.raw`(?<![\w*-])(?:(?:the|an?|any|all|each|every)\s+)?${alias}(?:e?s)?(?![\w*-])(?!\s+(?:named|${NAMED_KIND_NOUN})\b)`, 'g'), `the devices named ${pattern}`);
    }
  }
  return result;
}
const ACCOUNT_NOUN = '(?:accounts?|accts?|users?|identities|logins?|upns?|people|staff|mailbox(?:es)?)';
/** What a bracketed pattern after a plural never defines: alerts, IOCs, groups, tags. */
const NOT_A_DEVICE_KIND = '(?:alerts?|incidents?|ips?|urls?|domains?|hash(?:es)?|files?|groups?|tags?|labels?|emails?|mails?|messages?|indicators?|iocs?|addresses|ranges?|subnets?|networks?|nets?|titles?|names?|patterns?|prefix(?:es)?|sites?|plants?|regions?)';
const BARE_KIND = new RegExp(String.raw`\b((?:the|any|all|our|an?)\s+)?((?:linux|windows|macos|mac)\s+)?([A-Z]{2,6}|[A-Z][A-Za-z]{1,15}?(?=e?s\b)|[a-z]{3,15}(?=s\b)|(?<=\b(?:the|any|an?|each|every)\s+)[a-z]{3,15})(?:e?s)?\s*\(\s*${NAME_PATTERN_LIST}\s*\)`, 'gi');
const NOT_A_BARE_KIND = new RegExp(`^(?:${NOT_A_NAME_WORD}|${ACCOUNT_NOUN}|${NOT_A_DEVICE_KIND})$`, 'i');
const HOST_ALERTS = new RegExp(String.raw`\b(?:[\w-]+\s+){0,2}?(?:host|device|server|box|machine|workstation|endpoint)s?\s+alerts?\s*\(\s*${NAME_PATTERN_LIST}\s*\)`, 'gi');

/** "every file hash, IP address and URL": a list of IOC kinds, as the sentence after may refer back to it. */
const IOC_NOUN = String.raw`(?:file\s+)?hash(?:es)?|ip(?:\s+address(?:es)?|s)?|urls?|domains?`;
const IOC_LIST = String.raw`(?:${IOC_NOUN})(?:\s*(?:,\s*(?:and\s+|or\s+)?|\band\b|\bor\b)\s*(?:every\s+|each\s+|all\s+)?(?:${IOC_NOUN}))*`;
const TAKEN_FROM = new RegExp(
  String.raw`(^|[.;!?]\s+)(?:this\s+playbook|the\s+playbook|it)\s+(?:pulls|extracts|gathers|collects|takes|reads|grabs|retrieves)\s+(?:every|all|each|the)\s+(${IOC_LIST})\s+(?:out\s+of|from)\s+(?:the\s+)?(?:incident|alerts?)(?:'s)?(?:\s+(?:alerts|entities))?\s+and\s+(?:enriches|checks|looks\s+up|submits)\s+(?:each\s+(?:one|of\s+them)|them|each|it)\s+(?:with|in|against|to)\s+virustotal\s*\.\s+(?:the\s+)?(?:indicators|iocs|observables|artifacts|ones)\b`,
  'i',
);

/**
 * "This playbook pulls every file hash, IP address and URL out of the incident's alerts and enriches each one with
 * VirusTotal. Indicators that five or more engines detect ...": the kinds of IOC taken are what "indicators" means next.
 */
function iocsTakenFrom(text: string): string {
  return text.replace(TAKEN_FROM, (_m, lead: string, list: string) => `${lead}${list.charAt(0).toUpperCase()}${list.slice(1)}`);
}

/**
 * "The red team tags every incident they generate with 'pentest'. This playbook checks each new incident for that tag. If
 * the tag is present ... High-severity incidents that carry the tag ...": the tag named once is what "the tag" means
 * after it; who puts it there, and that the playbook looks for it, are no steps.
 */
function tagReferences(input: string): string {
  // "incidents tagged PLC-ADJ: ... untagged -> nothing": without the one tag the request names.
  const once = [...new Set([...input.matchAll(/\btagged\s+(?:as\s+|with\s+)?["'\u2018\u201c]?([A-Z][\w.-]*)["'\u2019\u201d]?/g)].map((m) => m[1]))];
  const text = once.length === 1
    ? input
      .replace(/\b(if|when)\s+untagged(?:\s+(?:ones|incidents|alerts|cases))?\s*,\s*(?:just\s+)?(?:do\s+)?nothing\b/gi, `$1 the incident is not tagged '${once[0]}', do nothing`)
      .replace(/\buntagged(?:\s+(?:ones|incidents|alerts|cases))?\b/gi, `incidents not tagged '${once[0]}'`)
    : input;
  const named = /\b(?:tags?|tagged|labels?|labell?ed)\s+(?:(?:every|each|all|the|their|any)\s+)?(?:[\w-]+\s+){0,5}?(?:with|as)\s+["'\u2018\u201c]([\w.-]+)["'\u2019\u201d]|\b(?:tagged|tag|label)\s+["'\u2018\u201c]([\w.-]+)["'\u2019\u201d]/i.exec(text);
  if (!named) return text;
  const tag = named[1] ?? named[2];
  return text
    .replace(/(^|[.;!?]\s+)(?:the\s+)?(?:[\w-]+\s+){1,3}?(?:tags?|labels?)\s+(?:every|each|all|their|the|any)\s+(?:[\w-]+\s+){0,5}?(?:with|as)\s+["'\u2018\u201c][\w.-]+["'\u2019\u201d]\s*[.;]\s*/i, (m: string, lead: string) => (/^(?:(?:the\s+)?(?:playbook|rampart|automation|it)\b)/i.test(m.slice(lead.length)) ? m : lead))
    .replace(/(^|[.;!?]\s+)(?:this\s+playbook|the\s+playbook|it)\s+(?:checks|looks\s+at|inspects|examines)\s+(?:each|every|all|the)\s+(?:new\s+)?incidents?\s+for\s+(?:that|the|this)\s+(?:tag|label)\s*[.;]\s*/gi, '$1')
    .replace(/\b(if|when|where)\s+(?:the|that|this)\s+(?:tag|label)\s+is\s+(?:present|there|set|found|on\s+(?:it|the\s+incident))\b/gi, `$1 the incident is tagged '${tag}'`)
    .replace(/\b(?:that|which)\s+(?:carry|carries|have|has|bear|bears)\s+(?:the|that|this)\s+(?:tag|label)\b/gi, `tagged '${tag}'`);
}

function chatSpeech(input: string): string {
  let text = input;
  // "anyone else just gets the incident tagged X": the other branch, where the incident is tagged.
  text = text.replace(new RegExp(String.raw`(^|[,;.]\s*)(?:humans|people|real\s+(?:users|people|accounts)|regular\s+(?:users|accounts)|normal\s+(?:users|accounts)|human\s+(?:users|accounts)|(?:everyone|everybody|anyone|anybody)\s+else|the\s+rest|all\s+others|others)\s+(?:just\s+|only\s+)?(?:get|gets)\s+((?:the|its|their|his|her)\s+(?:[\w'-]+\s+){0,3}?[\w'-]+)\s+(?=(?:${PARTICIPLE_WORDS})\b)`, 'gi'), '$1otherwise, $2 gets ');
  // "if it's a svc acct just reset its pw, humans get revoke sessions only": everyone else is the other branch.
  text = text.replace(/(^|[,;.]\s*)(?:humans|people|real\s+(?:users|people|accounts)|regular\s+(?:users|accounts)|normal\s+(?:users|accounts)|human\s+(?:users|accounts)|(?:everyone|everybody|anyone|anybody)\s+else|the\s+rest|all\s+others|others)\s+(?:just\s+)?(?:get|gets)\s+(?=[a-z])/gi, '$1otherwise ');
  // "if the user's in X disable the acct, everybody else just revoke sessions": everyone else is the other branch, and what
  // follows is its step.
  text = text.replace(new RegExp(String.raw`(^|[,;.]\s*)(?:for\s+)?(?:everyone|everybody|anyone|anybody)\s+else\s*(?:[,:]|->|-)?\s*(?:just\s*,?\s+|only\s*,?\s+|we\s+)?(?=(?:${ACTION_VERB})\b)`, 'gi'), (_m, lead: string) => `${/,/.test(lead) ? '. ' : lead}otherwise, `);
  // "anyone else in a high incident where VT says the IP is bad: disable their account": the other branch, in that case (the
  // words after "else" had been dropped, and the disable ran on the group's members too, in every incident).
  if (/\b(?:if|when|for|unless|where)\b[^.;!?]*\b(?:users?|accounts?|anyone|anybody|someone|member|members|people)\b[^.;!?]*\b(?:in|of)\b/i.test(text)) {
    text = text.replace(/(^|[.;!?]\s+|\n)(?:but\s+)?(?:for\s+)?(?:everyone|everybody|anyone|anybody)\s+else\s+((?:in|on|with|from|where|whose|at)\s+(?:[^:.;!?\n]|\.(?=\w)){3,140}?)\s*(?::|->|\u2014|\u2013|\s-)\s*(?=[a-z])/gi, (_m, lead: string, cond: string) => {
      // "in a high incident where VT says ...": the case, then the test in it.
      const test = /^(.+?)\s+(?:where|in\s+which|if)\s+(.+)$/i.exec(cond);
      if (/^(?:where|whose)\b/i.test(cond)) return `${lead}otherwise, if ${cond.replace(/^where\s+/i, '')}, `;
      return test ? `${lead}otherwise, ${test[1]}, if ${test[2]}, ` : `${lead}otherwise, ${cond}, `;
    });
  }
  // "Internal staff: revoke only", "Non-exec users: no changes", "Everyone else at high sev: revoke sessions only", after a
  // case on who the user is: the other branch, with the severity it names kept as its condition.
  if (/\b(?:if|when|for|unless|where)\b[^.;!?]*\b(?:users?|accounts?|anyone|anybody|someone|member|members|people)\b[^.;!?]*\b(?:in|of)\b/i.test(text)) {
    // ("non-VIPs with a high sev risky sign-in:": the people outside the group named by that word before, its plural alone.)
    text = text.replace(new RegExp(String.raw`(^|[.;!?]\s+|\n)(?:for\s+)?(?:(?:internal|regular|normal|ordinary|standard|other|all\s+other|non[- ]?[a-z][\w-]*)\s+(?:staff|users?|employees?|people|accounts?|folks|humans)|(?:everyone|everybody|anyone|anybody)\s+else|employees|staff|non[- ]?([a-z][\w]*?)s)(?:\s+(?:at|with|w\/)\s*(?:an?\s+)?(${LEVEL_WORD}(?:\s+(?:or|and|\/)\s+${LEVEL_WORD})*)(?:\s+(?:sev|severity))?(?:\s+(?:risky\s+sign-?ins?|sign-?ins?|alerts?|incidents?|detections?|ones))?)?\s*(?::|->|\u2014|\u2013)\s*`, 'gi'), (m: string, lead: string, stem: string | undefined, levels: string | undefined, at: number, whole: string) =>
      (stem && (/^(?:window|linux|mac|server|workstation|laptop|desktop|dc|device|machine|host|box|endpoint|prod|critical|high|medium|low)$/i.test(stem) || !new RegExp(String.raw`\b${escapeRegExp(stem)}\b[^.;!?]{0,30}\bgroup\b|\bgroup\s+["'\u2018\u201c]?${escapeRegExp(stem)}\b`, 'i').test(whole.slice(0, at)))
        ? m : `${lead}otherwise, ${levels ? `if the severity is ${levels}, ` : ''}`));
  }
  // "tag anything from defender for cloud apps mdca-wknd": what is tagged, then the tag (a name with a hyphen or a digit).
  text = text.replace(/\btag\s+(?:anything|everything|all(?:\s+(?:the\s+)?(?:incidents|alerts))?|(?:the\s+)?(?:incidents|alerts))\s+(?:from|frm|fr)\s+((?:(?!(?:as|with|to|using)\b)[\w-]+\s+){0,5}?(?!(?:as|with|to|using)\b)[\w-]+)\s+(["'\u2018\u201c]?[a-z][\w]*(?:[-_][\w]+)+["'\u2019\u201d]?|["'\u2018\u201c][^"'\u2019\u201d\s]{1,40}["'\u2019\u201d])(?=\s*(?:[.;,+]|$|\s+(?:and|then)\b))/gi, (_m, source: string, tag: string) => `for incidents from ${source}, tag the incident ${tag}`);
  // "assign to me dan@x.com + email me": "me" is the address the writer gave for themselves.
  const self = /\b(?:to\s+me|me|myself|i'?m|i\s+am|my\s+(?:e-?mail|address|mailbox)(?:\s+is)?)\s*[(:,]?\s*([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)/i.exec(text);
  if (self) text = text.replace(/\b(e-?mail|mail)\s+me\b(?!\s*[(:,]?\s*[\w.+'-]+@)/gi, `$1 ${self[1]}`).replace(/\bsend\s+me\s+(an?\s+)?(e-?mail|mail)\b/gi, `send $1$2 to ${self[1]}`);
  // "anyone in the BreakGlass-Admins group gets skipped entirely": skip them; "Do NOT touch break-glass accounts: skip ..." says
  // which accounts, named by the group after the colon.
  text = text.replace(/\b(anyone|anybody|everyone|users?|accounts?|members|devices?|machines?|hosts?)\s+(in|of|tagged|named)\s+([^,.;:\n]{1,60}?)\s+(?:gets?|are|is|will\s+be)\s+skipped\b/gi, 'skip $1 $2 $3')
    .replace(/\b(?:do\s+not|don'?t|dont|never)\s+touch\s+(?:the\s+|any\s+|our\s+)?[\w-]+(?:\s+[\w-]+){0,2}?\s+accounts\s*:\s*(?=skip\s+(?:anyone|anybody|users?|accounts?|members)\s+(?:in|of)\b)/gi, '')
    // "so they aren't stuck behind the risky-user policy": what the step is for.
    .replace(/\b(gets?|is|was|are)\s+(closed|resolved)\s+by\s+(?:an?\s+|the\s+)?(?:analyst|human|someone|somebody|person|soc|tier\s*\d|t\d)\s+(?=as\b)/gi, '$1 $2 ')
    // "It's normally a service account so do NOT reset its password": what it usually is, said as why.
    .replace(/(^|[.;!?]\s+)(?:it'?s|it\s+is|they'?re|they\s+are)\s+(?:normally|usually|typically|mostly|generally|often|almost\s+always)\s+(?:an?\s+)?[\w-]+(?:\s+[\w-]+){0,3}?\s*,?\s+so\s+(?=(?:do\s+not|don'?t|dont|never|no)\b)/gi, '$1');
  // "except the devices in the 'PAW' device group - never run it on those groups": the exception, said again.
  text = text.replace(/(\b(?:except|excluding)\b[^.;]{3,120}?)\s*(?:[-:,;]|\s-)\s*(?:and\s+)?never\s+(?:run|do|apply)\s+(?:it|this|that)\s+(?:on|for|to)\s+(?:those|these|them)(?:\s+[a-z]+s)?\b/gi, '$1');
  // "if a clinician ... DONT disable it, a doctor locked out is a safety issue. revoke sessions + email X. otherwise, ...": the
  // case's rule-out, then its steps said as a sentence of their own before the other branch.
  text = text.replace(/(\bif\s+[^.;!?\n]{3,150}?),?\s+((?:dont|don'?t|do\s+not|never)\s+[a-z]+(?:\s+(?:it|them|the\s+[\w-]+|their\s+[\w-]+))?)((?:\s*,[^.;!?\n]{3,150}?)?)[.;]\s+((?!(?:otherwise|else|if|when|for|unless|but)\b)[a-z](?:[^.;!?\n]|\.(?=\w)){3,160}?)[.;]\s+(?=otherwise\b)/gi, (_m, test: string, ruleOut: string, why: string, steps: string) => `${test}, ${ruleOut}, just ${steps}${why}. `);
  // "otherwise, no changes at all": nothing is done there.
  text = text.replace(/\b(otherwise),?\s+no\s+(?:changes?|actions?)(?:\s+(?:at\s+all|whatsoever))?(?=\s*(?:[.;!?]|$))/gi, '$1 do nothing');
  // "leave the account enabled", "keep their accounts active": the account is not disabled.
  text = text.replace(/\b(?:leave|keep)\s+(the|their|his|her|its|that)\s+(accounts?|accts?)\s+(?:enabled|active)\b/gi, 'do not disable $1 $2');
  text = definedGroups(text);
  // "medium -> revoke only": the sessions, in a request that speaks of them.
  if (/\bsessions?\b/i.test(text)) text = text.replace(/\brevoke(\s+only)?(?=\s*(?:[.;,]|$))/gi, 'revoke the sessions$1');
  // "windows boxes are covered by the other pb, dont touch them, same w/ linux": devices another playbook handles are left out
  // here, and "same with" leaves out the next kind too.
  text = text.replace(/(^|[.;]\s*)((?:the\s+|our\s+)?(?:windows|linux|mac\s?os|macs?|servers?|workstations?|dcs?|domain\s+controllers?)(?:\s+(?:boxes|hosts|machines|devices|endpoints|servers|workstations))?)\s+(?:are|is)\s+(?:already\s+)?(?:covered|handled|done|taken\s+care\s+of)\s+(?:by|in)\s+(?:the\s+|an?\s+)?(?:other|another|separate|different|existing)\s+(?:pb|playbook|rule|automation|runbook|one)\b(?:\s*,\s*(?:so\s+)?(?:do\s+not|don'?t|dont|never)\s+touch\s+(?:them|those|it))?(?:\s*,\s*(?:and\s+)?(?:the\s+)?same\s+(?:with|w\/|for)\s+((?:windows|linux|mac\s?os|macs?|servers?|workstations?)(?:\s+(?:boxes|hosts|machines|devices|endpoints))?))?/gi, (_m, lead: string, kind: string, more: string | undefined) => `${lead}skip ${kind}${more ? `. skip ${more}` : ''}`);
  // "ok the nightly thing: every high sev incident created b/w 22:00 and 06:00 UTC -> ... daytime ones dont touch, the client's
  // own team picks those up": with the hours said in UTC, the rule's name and the daytime left alone say nothing more.
  if (/\b\d{1,2}:\d{2}\b[^.;]*\butc\b/i.test(text)) {
    // "... between 22:00 and 06:00 UTC isolate it. during the day shift dont isolate, just post to teams": with night hours
    // said, the day is their other side.
    const night = [...text.matchAll(/\b(\d{1,2}):\d{2}\s*(?:to|-|and|until|till|through)\s*(\d{1,2}):\d{2}\s*utc\b/gi)].some((h) => Number(h[1]) > Number(h[2]));
    if (night) {
      // "During covered hours: Teams post only": the same, with the steps said before "only".
      text = text.replace(/(^|[.;\n]\s*)(?:during|in)\s+(?:the\s+)?(?:day(?:time)?(?:\s+shift)?|business\s+hours|office\s+hours|daylight\s+hours|(?:covered|staffed|working|coverage|soc)\s+hours)\s*[:,]\s*(?=[^.;\n]*\bonly\b)/gi, '$1otherwise, ');
      text = text.replace(/(^|[.;]\s*)(?:during|in)\s+(?:the\s+)?(?:day(?:time)?(?:\s+shift)?|business\s+hours|office\s+hours|daylight\s+hours|(?:covered|staffed|working|coverage|soc)\s+hours)\s*,?\s*(?:(?:do\s+not|don'?t|dont|never)\s+(?:isolate|contain|disable|block|restrict|quarantine)(?:\s+(?:it|them|automatically))*\s*,?\s*)?(?=(?:just|only)\s)/gi, '$1otherwise, ');
    }
    text = text.replace(/^(?:(?:ok|so|okay)\s*,?\s+)*the\s+(?:nightly|overnight|night|night-?shift|after-?hours|weekend)\s+(?:thing|one|rule|playbook|pb)\s*:\s*/i, '');
    text = text.replace(/\b(?:the\s+)?(?:daytime|day-?time|day|daylight|business-?hours?|office-?hours?)\s+ones?\s*,?\s*(?:(?:do\s+not|don'?t|dont|never)\s+touch(?:\s+(?:them|those|it))?|leave\s+(?:them|those)\s+alone|ignore(?:\s+(?:them|those))?|skip(?:\s+(?:them|those))?)(?:\s*,\s*(?:the\s+|their\s+)?(?:[\w'-]+\s+){0,3}(?:team|analysts?|staff|soc|people|folks)\s+(?:picks?|handles?|covers?|takes?|deals?\s+with)\s+(?:those|them|it)(?:\s+up)?)?/gi, 'otherwise, do nothing');
  }
  // "VT-check first": the VirusTotal check.
  text = text.replace(/\b(?:vt|virus\s?total)-(check|lookup|look-up|scan|verdict)\b/gi, 'VirusTotal $1');
  // "... or microsoft.com - those are FPs half the time": a dash before what the cases are is a comma, never a title's colon.
  text = text.replace(/\s+[-\u2013]\s+(?=(?:those|these|they)\s+(?:are|r)\s+(?:(?:just|usually|mostly|often|always)\s+)?(?:[\w-]+\s+){0,2}(?:fps?|false\s+positives?|noise|benign|legit)\b)/gi, ', ');
  // "a client domain (contoso.com, fabrikam.com, incl subdomains)": the domains listed, whose subdomains a domain left out
  // always covers.
  text = text.replace(/\b(?:an?|any|our|the|one\s+of\s+(?:the|our))\s+(?:(?:client|customer|partner|company|corporate|internal|own|trusted)\s+)?domains?\s*\(([^()]*\b[\w-]+\.[a-z]{2,}\b[^()]*)\)/gi, (_m, list: string) => list);
  text = text.replace(/(\b[\w-]+\.[a-z]{2,}\b[^.;]{0,80}?)\s*,?\s*\(?\s*(?:incl\.?|including|and|plus|\+|with)\s+(?:their\s+|all\s+|any\s+|the\s+)?sub-?domains(?:\s*\))?/gi, '$1');
  // "action Alert only (no block)": an indicator that alerts and does not block, said twice.
  text = text.replace(/\b(alert|audit|warn)(?:[- ]only|\s+only)?\s*\(\s*(?:no|not\s+a?|without)\s+block(?:ing)?\s*\)/gi, '$1 only');
  // "if the box is a server (DCs esp)", "(especially the DCs)": an example of the kind already named, which
  // neither narrows nor widens it.
  // ("e.g." and "such as" are read elsewhere, as examples.)
  text = text.replace(/\s*\(\s*(?:(?:esp\.?|especially|particularly)\s+[^()]{1,40}|[^()]{1,40}?\s+(?:esp\.?|especially|in\s+particular|particularly))\s*\)/gi, '');
  // "mimikatz / lsass dump type stuff": alerts of that kind.
  text = text.replace(/\s+type\s+(?:of\s+)?(?:stuff|things|activity|behaviou?r)\b/gi, ' activity');
  // "those only get sessions revoked, disabling them breaks prod jobs": why a step is not taken, never a step.
  text = text.replace(/\s*[,;:\u2014\u2013-]*\s*(?:because\s+|since\s+|as\s+)?\b(?:disabling|isolating|resetting|revoking|blocking|restricting|quarantining|closing|containing|scanning|locking)\s+(?:(?:them|it|those|these|that|him|her|the\s+[\w-]+(?:\s+[\w-]+)?)\s+)?(?:locks?\s+(?:them|him|her|users?|people|everyone|students|staff)\s+out|cuts?\s+(?:them|him|her|users?|people|everyone|students|staff)\s+off|breaks?|would\s+break|will\s+break|could\s+break|kills?|would\s+kill|hurts?|causes?|would\s+cause|takes?\s+down|brings?\s+down|messes?\s+up|is\s+(?:bad|risky|disruptive|dangerous)|would\s+be\s+(?:bad|risky|disruptive|a\s+problem))\b[^.;]*/gi, '');
  // "those only get sessions revoked": the step, said of them.
  text = text.replace(/\b(?:those|they|these|them)\s+(only\s+|just\s+)?get\s+(?:their\s+|the\s+)?(sessions?|tokens?|passwords?|pws?)\s+(revoked|reset)\b/gi, (_m, only: string | undefined, what: string, verb: string) => `${only ?? ''}${verb.toLowerCase() === 'revoked' ? 'revoke' : 'reset'} their ${/^(?:pw|pass)/i.test(what) ? 'password' : what.toLowerCase()}`);
  // "restrict it if the score is > 20. and either way collect the pkg": what follows runs whatever the test said.
  text = text.replace(/[,.]?\s+(?:and\s+)?(?:either\s+way|in\s+(?:any|either|both)\s+cases?|both\s+cases|regardless|no\s+matter\s+what),?\s+(?=(?:also\s+|just\s+|always\s+)?(?:collect|grab|run|scan|tag|post|email|mail|notify|add|put|comment|assign|set|close|resolve|block|isolate|restrict)\b)/gi, '. ');
  // "the win10 legacy image breaks when restricted": why the kind said before is left out, never a condition.
  // It says not to take that step there: "never restrict windows 10 devices"; a subject that names no kind stays, to be asked about.
  text = text.replace(/(^|[.;]\s+)((?:the\s+|our\s+)?(?:[\w-]+\s+){0,3}?(?:image|build|app|apps|software|fleet|boxes|machines|devices|hosts|servers))\s+(?:breaks?|crash(?:es)?|dies|die|fails?|stops?\s+working|goes\s+down)\s+(?:when|if|once)\s+(restricted|isolated|contained|scanned|quarantined)\s*(?=[.;]|$)/gi, (m, lead: string, subject: string, done: string) => {
    const kind = /\bwin(?:dows)?\s?10\b/i.test(subject) ? 'windows 10 devices' : /\bwin(?:dows)?\s?11\b/i.test(subject) ? 'windows 11 devices' : /\blinux\b/i.test(subject) ? 'linux devices' : /\bmac(?:os)?\b/i.test(subject) ? 'macOS devices' : /\bservers?\b/i.test(subject) ? 'servers' : '';
    const verb = { restricted: 'restrict app execution on', isolated: 'isolate', contained: 'isolate', scanned: 'scan', quarantined: 'quarantine files on' }[done.toLowerCase()] ?? '';
    return kind && verb ? `${lead}never ${verb} ${kind}` : m;
  });
  // "create an indicator in MDE, ALERT ONLY, not block": the kind of indicator, said after it.
  text = text.replace(/\b(create|add|raise|make)\s+(?:an?\s+|the\s+)?((?:[\w-]+\s+)?indicators?)((?:\s+(?:in|on|for)\s+(?:mde|defender(?:\s+for\s+endpoint)?))?)\s*[,:\u2014\u2013-]*\s*(alert|audit|warn)[- ]only\b(?:\s*,?\s*(?:not|no|never)\s+(?:a\s+)?block(?:ing)?\b)?/gi, (_m, verb: string, what: string, where: string, kind: string) => `${verb} an ${kind.toLowerCase()}${/alert/i.test(kind) ? '-only' : ''} ${what}${where}`);
  // "low/info -> nothing at all": nothing.
  text = text.replace(/\b(nothing|no\s+action)\s+at\s+all\b/gi, '$1');
  // "anything at all on VT -> tag it": any verdict VirusTotal gives.
  text = text.replace(/(?:\b(if|when)\s+)?(?:there(?:'s|\s+is)\s+)?\b(?:anything|something)(?:\s+at\s+all)?\s+(?:on|in|from)\s+(virustotal|vt)\b/gi, (_m, cue: string | undefined, vt: string) => `${cue ? `${cue} ` : ''}${vt} flags any IOC`);
  // "isolate all devices EXCEPT servers, those get selective isolation instead of full": the excepted kind is isolated the
  // other way (read as the type of the whole isolation, it had isolated every workstation selectively).
  text = text.replace(/\b(except(?:\s+for)?\s+((?:the\s+)?(?:servers?|workstations?|domain\s+controllers?|dcs?|laptops?|linux\s+(?:hosts|boxes|servers|devices)|macs?|windows\s+servers?)(?:\s+windows\s+server)?)(?:\s*\([^()]{1,40}\))?)\s*[,;:\u2014\u2013-]*\s*(?:those|these|them|they)\s+(?:get|receive|are\s+given|should\s+get)\s+(selective|full)\s+isolation(?:\s+instead(?:\s+of\s+(?:full|selective)(?:\s+isolation)?)?)?/gi, (_m, except: string, kind: string, type: string) => `${except}. for ${kind.replace(/^the\s+/i, '')}, isolate the device ${type.toLowerCase() === 'selective' ? 'selectively' : 'with full isolation'}`);
  // "isolate the box, but for servers use selective isolation, and post in teams": the selective kind ends its sentence, so
  // "for servers" stays with the isolation (read as the lead of the post, the isolation had been selective for every device).
  text = text.replace(/(\bisolat\w*\b[^.;!?]*?,\s*but\s+(?:for|on)\s+(?:the\s+|our\s+|any\s+|all\s+)?(?:windows\s+|linux\s+)?(?:servers?|srvs?|dcs?|domain\s+controllers?|workstations?|laptops?|macs?|kiosks?)\s+use\s+selective\s+isolation)\s*,\s*(?:and\s+|then\s+)?(?=[a-z])/gi, '$1. ');
  // "isolate the box. for servers use selective isolation instead", "isolate it; on DCs, isolate them selectively": the
  // selective isolation of some devices, said after an isolation of every one, is that isolation's other kind for those
  // devices (said apart, it was a selective isolation of those devices only, or a question).
  text = text.replace(/(\bisolat\w*\b[^.;!?]*?)\s*[.;]\s+(?:and\s+|but\s+)?(?:for|on)\s+((?:the\s+|our\s+|any\s+|all\s+)?(?:windows\s+|linux\s+)?(?:servers?|srvs?|dcs?|domain\s+controllers?|workstations?|laptops?|macs?|kiosks?))\s*[,:]?\s*(?:->\s*)?(?:(?:use|do|go\s+with|make\s+it|it'?s|they\s+get|isolate\s+(?:them|it|the\s+(?:device|box|host|machine)s?))\s+)?(?:an?\s+)?selective(?:ly)?(?:\s+isolation)?(?:\s+instead)?(?=\s*[.;!?]|$)/gi, (m, before: string, devices: string) => (/\bselective|\b(?:except|excluding|other\s+than|apart\s+from|not|never|unless)\b/i.test(before) ? m : `${before}, but for ${devices} use selective isolation`));
  // "1-4 = leave open, assign X": the incident stays as it is; what follows is the step.
  text = text.replace(/(^|[,:;>=]\s*)leave\s+(?:it\s+|the\s+incident\s+)?(?:open|as\s+is|active)\s*(?:,|\band\b|\+)\s*/gi, '$1');
  // "5+ = block the url + mark true positive": the verdict on the incident.
  text = text.replace(/\bmark\s+(?:it\s+|the\s+incident\s+|the\s+case\s+)?(?:as\s+)?(?:an?\s+)?(?=true[- ]positive\b|tp\b)/gi, 'classify the incident as ');
  // "dont touch severity": a field no step of Rampart's changes.
  text = text.replace(/,?\s*(?:and\s+|but\s+)?(?:dont|don't|do\s+not|never)\s+(?:touch|change|modify|alter|lower|raise|bump)\s+(?:the\s+)?(?:incident'?s?\s+)?severity\b(?:\s+(?:though|tho|pls|please))?/gi, '');
  // "reset pw on the targeted users, skip anyone in the X group (resets break jobs)": the users, those of the group left out,
  // and why, which narrows nothing.
  // "Skip anyone in the X group entirely, just email Y instead": those users left out of the steps before, and what they get
  // (read as "unless they are in X, email Y instead", the steps before had run on the group's members only).
  text = text.replace(/(^|[.;!?]\s+)skip\s+(?:anyone|anybody|everyone|users?|accounts?|people|those)\s+(?:in|from)\s+(?:the\s+)?(["'\u2018\u201c][^"'\u2019\u201d]{1,60}["'\u2019\u201d]|[\w&.-]+(?:\s+[\w&.-]+){0,3}?)\s+group(?:\s+(?:entirely|completely|altogether))?\s*[,;]\s*(?:and\s+)?(?:just|only|simply)\s+((?:[^.;!?\n]|\.(?=\w))+?)\s+instead\b/gi, (_m, lead: string, group: string, steps: string) => {
    const name = bareName(group);
    return `${lead}Unless the user is in the '${name}' group. If the user is in the '${name}' group, ${steps}`;
  });
  // "<steps>. except people in the X group - leave those accounts be and just post in teams": the steps before spare the
  // group, and its members get what follows "just". (As "unless they are in X, just ping teams", the steps before had run
  // on the group's members only.)
  text = text.replace(/(^|[.;!?]\s+)(?:but\s+)?(?:except(?:\s+for)?|excluding)\s+(?:anyone|anybody|everyone|users?|accounts?|accts?|people|those)\s+(?:in|from)\s+(?:the\s+)?(["'\u2018\u201c][^"'\u2019\u201d]{1,60}["'\u2019\u201d]|[\w&.-]+(?:\s+[\w&.-]+){0,3}?)\s+group\s*(?:[,;:]|\s-)\s*(?:(?:and\s+)?(?:(?:dont|don'?t|do\s+not|never)\s+(?:touch|change|act\s+on)\s+(?:those|them|these|their)(?:\s+(?:accts|accounts|users|people))?(?:\s+at\s+all)?|leave\s+(?:those|them|these|their)(?:\s+(?:accts|accounts|users|people))?\s+(?:be|alone))\s*(?:[,;:]|\s-|\s+(?=and\b))\s*)?(?:and\s+)?(?:just|only|instead)\s+/gi, (_m, lead: string, group: string) => `${lead}But if the user is in the '${bareName(group)}' group, just `);
  text = unlessJustInstead(text);
  text = text.replace(USERS_OF_GROUP_LEFT_OUT, usersOfGroupLeftOut).replace(USERS_OF_NAMED_GROUP_LEFT_OUT, usersOfGroupLeftOut)
    .replace(/\bthe\s+(?:targeted|attacked|victim)\s+(users?|accounts?)\b/gi, 'the $1');
  // "not the servers, those we release by hand after change mgmt": who does that step instead, which narrows nothing.
  text = text.replace(/,?\s*(?:those|them|these|that|it)\s+(?:we|i|they|ops|the\s+team|someone)\s+(?:\w+\s+){0,2}?(?:by\s+hand|manually)\b[^.;]*/gi, '');
  // "bad on vt (3+)": the engines that flag it.
  text = text.replace(/\b((?:on|in|by|per)\s+(?:virus\s?total|vt))\s*(?:\(\s*(\d+)\s*\+\s*(?:engines?|vendors?|detections?|hits?)?\s*\)|(\d+)\s*\+(?:\s*(?:engines?|vendors?|detections?)\b)?)/gi, (_m, on: string, inParens?: string, bare?: string) => `${on} with ${inParens ?? bare} or more engines`);
  // "skip if the incident is already resolved", "ignore it when it's assigned": the case the steps leave out. Read as its
  // condition alone, it had become the only case they ran in.
  text = text.replace(/(^|[.;,!]\s*|\s[-\u2013]\s*|\b(?:and|but)\s+)(?:please\s+|pls\s+|just\s+)?(?:skip|ignore|bypass|don'?t\s+bother|do\s+nothing|hold\s+off|stand\s+down|leave\s+(?:it|them|those|these|that)(?:\s+(?:alone|open|be|untouched|unresolved|as\s+is))?)\s+(?:(?:it|them|this|that|those|these|the\s+(?:incident|alert|case)s?)\s+)?(?:if|when|whenever|in\s+case|where)\s+/gi, '$1unless ');
  // "Team, new policy from tonight.", "Reminder for night shift:", "Effective immediately:", "Going forward": how a post
  // opens, which says when the rule was made, not which incidents it is for.
  text = text.replace(/^(?:(?:hi|hey|hello)\s+)?(?:team|folks|all|everyone|guys|people|soc)\s*[,!:.-]+\s*/i, '');
  text = text.replace(/(^|[.;!?]\s+)(?:(?:a\s+)?new\s+(?:policy|rule|playbook|one|ask|request|automation)(?:\s+(?:from|as\s+of|starting)\s+(?:tonight|today|now|this\s+week|monday|tomorrow))?|reminder(?:\s+for\s+(?:the\s+)?(?:night|day|late|early|weekend)\s+shift)?|effective\s+(?:immediately|today|tonight|now)|going\s+forward|from\s+now\s+on|as\s+of\s+(?:today|tonight|now))\s*[.:,;!-]+\s*/gi, '$1');
  // "Thanks, Priya", "cheers": a sign-off.
  text = text.replace(/(^|[.;!?]\s+)(?:[Tt]hanks|[Tt]hank\s+you(?:\s+(?:very\s+much|so\s+much))?|[Tt]hx|THX|[Tt]y|[Cc]heers|[Rr]egards|[Bb]est)(?:\s*,?\s*[A-Z](?:[a-z]+|\.)?)?\s*[.!]*\s*$/g, '$1');
  // "can you make one where um when ...": the request is what follows; a filler inside it says nothing.
  text = text.replace(new RegExp(String.raw`\b${CAN_YOU_MAKE}\s+(?:one|a\s+playbook|something|an?\s+automation)\s+(?:where|that|so|for\s+when)\s+`, 'gi'), '').replace(/,?\s+\b(?:um+|uh+|erm+|uhm+)\b,?/gi, '');
  // "I want the machine cut off from the network": isolate it.
  text = text.replace(/\b(?:i|we)\s+(?:really\s+)?(?:want|need|would\s+like|'d\s+like)\s+(the|that|this|each|every)\s+(machine|device|host|box|endpoint|laptop|workstation|server)(s?)\s+(?:cut\s+off|taken\s+off\s+the\s+network|off\s+the\s+network|disconnected|isolated|contained)(?:\s+from\s+the\s+network)?/gi, (_m, det: string, noun: string, plural: string) => `isolate ${det} ${noun}${plural}`);
  // "ping the teams channel dont touch the user account": a run-on sentence goes on with a step ruled out.
  // (Not inside a condition: "if it is a workstation dont contain the host" is the case and what it does not get.)
  text = text.replace(/([a-z0-9'])\s+(?=(?:dont|don'?t|do\s+not)\s+(?:touch|isolate|contain|disable|reset|revoke|block|quarantine|restrict|close|resolve|scan|collect|release)\b)/gi, (m, last: string, offset: number, whole: string) => {
    const piece = whole.slice(0, offset).split(/[,.;:!?]/).pop() ?? '';
    // ("... and do not revoke": the run's own "and" joins it already.)
    return /\b(?:and|or|nor|but|then)$/i.test(whole.slice(0, offset + 1)) || /^\s*(?:but\s+|and\s+)?(?:if|when|whenever|unless|in\s+case|once|where)\b/i.test(piece) || !/\b(?:isolat|contain|quarantin|scan|collect|restrict|block|disabl|reset|revok|assign|tag|clos|resolv|post|e-?mail|mail|notif|ping|comment|releas|grab|run)\w*/i.test(piece) ? m : `${last}, `;
  });
  // "I want to restrict app execution", "we'd like you to isolate": the step itself.
  text = text.replace(/\b(?:i|we)(?:\s+(?:really\s+)?(?:want|need|would\s+like|wanna)|'d\s+like)\s+(?:you\s+|rampart\s+|it\s+|the\s+playbook\s+)?(?:to\s+)?(?=(?:isolate|contain|restrict|quarantine|stop|block|disable|reset|revoke|collect|run|scan|tag|assign|close|resolve|post|email|mail|notify|comment|confirm|dismiss|release|unisolate)\b)/gi, '');
  // "can we get rampart to isolate", "could the bot block", "set up a rule that disables": the step itself, asked of the bot.
  const stepVerb = `(?=(?:${ACTION_VERB})s?\\b)`;
  text = text
    .replace(new RegExp(`\\b(?:(?:can|could|would)\\s+(?:we|you|u|ya|someone)\\s+)?(?:get|have|make)\\s+(?:rampart|the\\s+bot|the\\s+playbook|it)\\s+(?:to\\s+)?${stepVerb}`, 'gi'), '')
    .replace(new RegExp(`\\b(?:can|could|would|will)\\s+(?:rampart|the\\s+bot|the\\s+playbook)\\s+(?:please\\s+|pls\\s+)?${stepVerb}`, 'gi'), '')
    // "is there a way to revoke ...", "I was wondering if rampart could tag ...": the step, asked for tentatively.
    .replace(new RegExp(`\\b(?:is\\s+there\\s+(?:a|any)\\s+way\\s+(?:to|we\\s+(?:can|could)|it\\s+(?:can|could))|(?:i\\s+was|i'?m|im|we\\s+were|we'?re)\\s+wondering\\s+(?:if|whether)\\s+(?:rampart|the\\s+bot|the\\s+playbook|it|we|you|u)\\s+(?:could|can|would|might)(?:\\s+(?:maybe|possibly|also))?)\\s+${stepVerb}`, 'gi'), '')
    .replace(new RegExp(`\\b(?:(?:can|could|would)\\s+(?:you|u|we)\\s+)?(?:set\\s+up|create|make|add|build)\\s+(?:me\\s+|us\\s+)?an?\\s+(?:new\\s+)?(?:standing\\s+)?(?:rule|automation|playbook)\\s+(?:that|thta|taht|tht|which|to)\\s+(${ACTION_VERB})s?\\b`, 'gi'), '$1');
  // "can we make it so when ... we scan", "would it be ok to have new incidents ... get tagged": what follows is the rule,
  // asked for tentatively.
  text = text
    .replace(/\b(?:(?:can|could|would)\s+(?:we|you|u)\s+)?(?:make|set)\s+it\s+(?:up\s+)?so\s+(?:that\s+)?(?=(?:when|whenever|if|once|new|every|any|all|the|for)\b)/gi, '')
    .replace(/\b(?:would|will|is)\s+it\s+(?:be\s+)?(?:ok|okay|possible|fine|alright|cool)\s+(?:to|if\s+(?:we|i|you|u)\s+(?:could\s+)?)\s*(?:have\s+|get\s+)?/gi, '')
    // "is that a thing we can do?", "would that be ok?", "lmk if thats weird to automate", "not sure if we're allowed to
    // auto assign lol": a question about the request, not part of it; it narrows nothing.
    .replace(HEDGE_QUESTION, '$1')
    // "not for the break-glass accts, those are in the Entra group 'Emergency Access'": the accounts left out, said by the
    // group they are in (and "we must never lock those out" after it is why).
    .replace(ACCOUNTS_BY_GROUP, (_m, ruleOut: string, named: string | undefined, before: string | undefined) => `${ruleOut}users in the ${named ?? before} group`)
    .replace(/(\s+and\s+|,\s*)(?=(?:we|you|u)\s+(?:must|should|can|cannot|can'?t|cant)\s*(?:never\s+|not\s+|n'?t\s+)?(?:ever\s+)?lock\s+(?:those|them|these|they)\s+out\b)/gi, ', because ')
    // "standing order, any time of day or night:", "24/7": always, which narrows nothing.
    .replace(/(^|[.;:]\s*|,\s*)(?:(?:at\s+)?any\s+time\s+of\s+(?:the\s+)?day\s+or\s+night|24\s*\/\s*7|around\s+the\s+clock|day\s+or\s+night)\s*(?=[,:;.]|->)/gi, '$1')
    .replace(/^\s*(?:standing\s+(?:order|rule|instruction)|new\s+standing\s+(?:order|rule))(?:\s*[,:;.-])+\s*/i, '');
  // "when it's tagged VIP can you post it ...": a step asked for in the middle of a sentence is the step.
  text = text.replace(new RegExp(`(?<=\\S\\s+)(?:can|could|would|will)\\s+(?:you|u|ya)\\s+(?:please\\s+|pls\\s+|just\\s+|also\\s+)*${stepVerb}`, 'gi'), '');
  // "stick it in the teams channel", "pop a note in here": a post.
  text = text.replace(/\b(?:stick|pop|chuck|throw|drop|bung|put|shove)\s+(it|them|this|that|those|(?:a|the)\s+(?:note|message|msg|summary|heads[- ]up|line))\s+(?:in|into|on)\s+(?:(?:the|our)\s+)?(?:(?:soc|teams|sec(?:urity)?|team)\s+)?(channel|chat|teams|here)\b/gi, (_m, what: string, where: string) => `post ${what} in ${/^here$/i.test(where) ? 'here' : 'the channel'}`);
  // "if MDE raises a high on a mac": an alert of that severity.
  text = text.replace(/\b(a|an|any|every|each)\s+(critical|high|medium|low|informational)(?=\s+(?:on|from|in|for|against|that|which|with|hits|comes|lands|pops)\b)/gi, (_m, det: string, level: string) => `${/^an$/i.test(det) && !/^[aeiou]/i.test(level) ? 'a' : /^a$/i.test(det) && /^[aeiou]/i.test(level) ? 'an' : det} ${level} severity alert`);
  // "mail X when u do", "post in teams when you do it": a notice after the steps, no condition.
  text = text.replace(/,?\s*\b(?:when|once|after)\s+(?:you|u|it|rampart|the\s+bot)\s+(?:do|does|did|have|has)(?:\s+(?:it|that|so|this))?(?=\s*(?:[.;!]|$))/gi, '');
  // "Nothing else should change on the incident": nothing else is done.
  text = text.replace(/\bnothing\s+else\s+(?:should|must|may|is\s+to|shall|will)\s+(?:be\s+)?(?:change[sd]?|happen|be\s+done|be\s+touched|be\s+updated)(?:\s+(?:on|to)\s+(?:the\s+)?(?:incident|alert|case)s?)?\b/gi, 'nothing else');
  // "High ones stay open for us to look at": those are left open.
  text = text.replace(/\b((?:the\s+)?(?:critical|high|medium|low|informational)(?:\s+(?:and|or|\+)\s+(?:critical|high|medium|low|informational))*\s+(?:ones|incidents|alerts|severity\s+ones))\s+(?:should\s+)?(?:stay|stays|remain|remains|are\s+kept|are\s+left|get\s+left)\s+open\b(?:\s+(?:for|so)\s+(?:us|the\s+team|someone|a\s+human|an\s+analyst)\s+(?:to\s+)?(?:look\s+at|review|check|triage)(?:\s+them|\s+it)?)?/gi, '$1 are left open');
  // "lows and mediums ignore pls": the severities the rule skips, said before the verb.
  const levelWord = String.raw`(?:(?:low|medium|high|informational|critical)\s+severity\s+ones|lows|mediums|meds|highs|infos|informationals|criticals|crits)`;
  text = text.replace(new RegExp(String.raw`(^|[.;,:]\s*)(${levelWord}(?:\s*(?:and|or|\+|&|,)\s*${levelWord})*)\s+(?:just\s+)?(ignore|skip|leave)(?:\s+(?:them|those|alone))?(?:\s+(?:please|pls))?(?=\s*(?:[.;,!]|$))`, 'gi'), (_m, lead: string, which: string, verb: string) => {
    const levels = [...which.matchAll(/\b(low|med(?:ium)?|high|info(?:rmational)?|crit(?:ical)?)/gi)].map((l) => ({ low: 'low', med: 'medium', medium: 'medium', high: 'high', info: 'informational', informational: 'informational', crit: 'critical', critical: 'critical' })[l[1].toLowerCase()] ?? l[1]);
    return `${lead}${/^leave$/i.test(verb) ? 'leave' : 'ignore'} ${levels.join(' and ')} severity ones${/^leave$/i.test(verb) ? ' alone' : ''}`;
  });
  // ("when it's tagged VIP can, post it": what is left of "can you" once "you" is read as who is addressed.)
  text = text.replace(new RegExp(`\\s+(?:can|could|would|will)(?:\\s+(?:you|u|ya))?\\s*,\\s+${stepVerb}`, 'gi'), ', ');
  // "I'd like a ransomware playbook: ...": the rule is for those alerts.
  text = text.replace(/\b(?:i'?d|we'?d|i\s+would|we\s+would)\s+like\s+(?:a|an)\s+(?:new\s+)?([a-z][\w-]*(?:\s+[a-z][\w-]*)?)\s+(?:playbook|rule|automation)\s*:\s*/gi, 'for $1 alerts: ');
  // "Exception: members of X are never disabled": a label over the exception, which says itself what it leaves out.
  // ("Exceptions: domain controllers" names what is left out and keeps its label.)
  text = text.replace(/(^|[.;!?]\s+|\n)exceptions?\s*:\s*(?=[a-z][^.;!?\n]*\b(?:are|is|get|gets|never|not|only|dont|don'?t|do\s+not)\b)/gi, '$1');
  // "Standing rule for identity alerts:", "New standing automation for MDO alerts:", "Rule:": what the rule is for, or
  // nothing; the words for a rule are no condition.
  text = text.replace(/(^|[.;!?]\s+|\n)(?:(?:a|our|the)\s+)?(?:new\s+)?(?:standing\s+)?(?:rule|automation|policy|instruction|request|playbook(?=\s+for\b))(?:\s+(for\s+[^:.;!?\n]{2,60}?))?\s*:\s*/gi, (_m, lead: string, forWhat: string | undefined) => `${lead}${forWhat && !/^for\s+(?:the\s+)?(?:team|soc|shift|everyone|all|us|you\s+all|night\s+shift|day\s+shift|analysts?)$/i.test(forWhat) ? `${forWhat}: ` : ''}`);
  // "any high sev incident that has a device": one that involves at least one device.
  text = text.replace(/\b(incidents?|alerts?|ones|things?)\s+(?:that|which)\s+(?:has|have|includes?|contains?|involves?)\s+(?:an?|any|at\s+least\s+one)\s+(device|machine|host|endpoint|user|account)s?\b(?!\s+(?:tagged|named|in|with|running|that|which|whose|from|of|on|labell?ed|called|where|who)\b)/gi, (_m, what: string, entity: string) => `${what} that involves at least 1 ${/device|machine|host|endpoint/i.test(entity) ? 'device' : 'user'}`);
  // "for any high sev thing that has a device": an incident.
  text = text.replace(/\b((?:critical|high|medium|low|informational)\s+(?:sev(?:erity)?\s+)?)(?:thing|stuff)s?\b/gi, '$1incident');
  // "restrict the app execution on the device": restrict app execution.
  text = text.replace(/\brestrict\s+the\s+(app(?:lication)?s?\s+execution)\b/gi, 'restrict $1');
  // "ok so VT the hashes", "alright, isolate ...": a sentence's opening filler.
  text = text.replace(/(^|[.;!?]\s+)(?:ok(?:ay)?|alright|right|so|um+|uh+|hmm+)(?:\s+so)?\s*,?\s+(?=[a-z])/gi, '$1');
  // "new thing for the MDO phish alerts:", "another one for X:": what the message is, before what it is for.
  text = text.replace(/(^|[.;!?]\s+)(?:(?:a|one)\s+)?(?:new|another|quick|next|other)\s+(?:thing|one|rule|ask|request|playbook|automation)\s+(?=for\s)/gi, '$1');
  // "(anonymous ip, atypical travel, that kind of thing)", "go ahead and isolate": chat that adds nothing.
  // In brackets it says the words before are examples: "(anonymous ip, atypical travel, that kind of thing)".
  text = text.replace(/\(([^()]{2,160}?),?\s*(?:and\s+|or\s+)?(?:that|this)\s+(?:kind|sort|type)\s+of\s+(?:thing|stuff)s?\s*\)/gi, '(e.g. $1)');
  // "dont disable anyone in ICU-Clinicians or the Break Glass Accounts group": a rule-out for each group.
  text = text.replace(/\b((?:never|dont|don'?t|do\s+not)\s+[a-z]+\s+(?:anyone|anybody|any\s+users?|users?|accounts?|people)\s+in)\s+(?:the\s+)?(["'\u2018\u201c]?[A-Za-z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3}["'\u2019\u201d]?)(?:\s+group)?\s+(?:or|and|nor)\s+(?:in\s+)?(?:the\s+)?(["'\u2018\u201c]?[A-Za-z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3}["'\u2019\u201d]?)\s+groups?\b/g, (_m, ruleOut: string, a: string, b: string) => {
    const name = (g: string): string => (/\s/.test(g) && !/^["'\u2018\u201c]/.test(g) ? `'${g}'` : g);
    return `${ruleOut} the ${name(a)} group. ${ruleOut} the ${name(b)} group`;
  });
  // "(Windows Server and our Linux imaging boxes alike)": examples of what was just named.
  text = text.replace(/\(\s*([^()]{3,120}?)\s+alike\s*\)/gi, '(e.g. $1)');
  text = text.replace(/,?\s*(?:and\s+|or\s+)?(?:that|this)\s+(?:kind|sort|type)\s+of\s+(?:thing|stuff)s?\b/gi, '');
  text = text.replace(/\bgo\s+ahead\s+and\s+(?=[a-z])/gi, '');
  // "so basically when ...", "hey rampart so if ...": dictated filler; "basically" says nothing anywhere.
  text = text.replace(/(^|[.;!?]\s+|,\s*)(?:so\s+)?basically,?\s+/gi, '$1');
  // "only for users in the finance group so if a finance user shows up ...": dictated, "so" where a stop was meant.
  text = text.replace(/([a-z0-9'")*])\s+so\s+(?=(?:if|when|whenever)\s)/gi, '$1. ');
  // "only for users in the finance group. if a user in the finance group ...": the scope heads what follows it.
  text = text.replace(/(^|[.;!?]\s+)(only\s+for\s+(?:the\s+)?(?:users|accounts|members)\s+(?:in|of)\s+[^.;!?:]{2,60}?\s+group)\.\s+(?=[a-z])/gi, '$1$2: ');
  // "step 1 pull the incident. step 2 ...": numbered steps, and a first step that only loads the incident.
  text = text.replace(/(^|[.;!?]\s+)step\s+\d+\s*[:.)-]?\s+/gi, '$1');
  text = text.replace(/(^|[.;!?]\s+)(?:pull|fetch|get|load|grab|read|open)\s+(?:up\s+)?(?:the\s+)?(?:incident|alert)(?:\s+(?:details|data))?\s*[.;]\s*/gi, '$1');
  // "... . revoke sessions either way", "post a summary no matter what happened": a sentence of its own, in every case.
  // (Said in the sentence of a condition, the step is split off later, and a destructive one is asked about.)
  text = text.replace(/(^|[.;!?]\s+)((?!(?:if|when|whenever|unless|once|for|on)\b)[^.;!?,]{3,80}?),?\s+(?:either\s+way|no\s+matter\s+what(?:\s+happen(?:s|ed))?|in\s+(?:any|every)\s+case|regardless)(?=\s*(?:[.;!]|$))/gi, '$1$2');
  // "not execution, not cred access or whatever": the list is what was named.
  text = text.replace(/\s+(?:or|and)\s+(?:whatever|w\/e|smth|something|stuff|so\s+on)(?=\s*(?:[.;,!)]|$))/gi, '');
  // "pls when X -> ...": a please before the condition; "if X please close it": the please marks where the step starts.
  text = text.replace(/(^|[.;!?]\s+)(?:please|pls|plz)\s*,?\s+(?=(?:when|whenever|if|for|on|once)\b)/gi, '$1');
  text = text.replace(/\b((?:if|when|whenever|once)\s+[^,.;:>]{3,80}?)\s+(?:please|pls|plz)\s+(?=[a-z])/gi, '$1, ');
  // "already assigned to someone? dont reassign, just comment": a question asked of the incident, then what to do.
  text = text.replace(/(^|[.;!]\s+)((?:already|is|are|has|have|any|no|nobody|more\s+than|multiple|more)\b[^.?!]{2,80})\?\s+(?=[a-z])/gi, '$1if $2, ');
  // "leave a comment instead, no teams msg": the step said to be left out, as an instruction of its own.
  text = text.replace(/,?\s*(?:and\s+|but\s+)?\bno\s+(?:(teams)|e-?mails?|mails?)(?:\s+(?:messages?|msgs?|posts?|notifications?|pings?))?(?=\s*(?:[.;,!]|$))/gi, (_m, teams?: string) => (teams ? ', dont post to teams' : ', dont send an email'));
  // "for anything high or above that isn't assigned": incidents of that severity.
  text = text.replace(/\b(?:anything|everything|something|smth|sth|stuff|whatever)\s+(?:that(?:'s|\s+is)\s+|rated\s+|with\s+(?:a\s+)?severity\s+(?:of\s+)?)?((?:critical|high|medium|low|informational)(?:\s+(?:severity|sev))?(?:\s+(?:or\s+(?:above|higher|more|worse)|and\s+(?:up|above))|\+)?)(?=\s|[.;,]|$)/gi, '$1 incidents');
  // "page the on-call via teams": a Teams post.
  text = text.replace(/\bpage\s+(?:the\s+)?(?:on-?call|oncall|duty\s+\w+|team|soc)(?:\s+(?:analyst|engineer|person|lead))?\s+(?:via|on|in|through|over)\s+teams\b/gi, 'post to teams');
  // "medium alerts - hands off": nothing for that case.
  text = text.replace(/((?::|->|\s-)\s*)hands\s+off(?:\s+(?:completely|entirely|totally|please|pls))?(?=\s*(?:[.;,!]|$))/gi, '$1do nothing');
  // "going to sleep after this lol", "ugh.": sentences of chatter, with no step and no case in them.
  text = text.replace(/(^|[.;!?]\s+)(?:[\w']+\s+){0,8}?(?:lol|lmao|haha|hehe|ugh|sigh|brb|zzz|gn)\s*(?:[.!]+|$)/gi, (m, lead: string) => (CHATTER_SAFE.test(m) ? lead : m));
  // "... . Poznan has no IT on site so we need the evidence early": a sentence after the request that says why, naming no
  // step and no case.
  text = text.replace(/([.;!?]\s+)([^.;!?]{3,160}?\bso\s+(?:that\s+)?(?:we|they|i|he|she|the\s+[\w-]+)\s+(?:need|needs|want|wants|have\s+to|has\s+to|must|can|could|get|gets|are|is)\b[^.;!?]*)(?=[.;!?]|$)/gi, (m, lead: string, said: string) => (CHATTER_SAFE.test(said) ? lead : m));
  return text;
}

/** Chatter must not hold a word that could be a step or a case. */
const CHATTER_SAFE = /^(?![\s\S]*\b(?:isolat|contain|quarantin|scan|collect|restrict|block|disabl|reset|revok|assign|tag|clos|resolv|post|e-?mail|mail|notif|ping|comment|releas|only|unless|except|if|when|alerts?|incidents?|devices?|hosts?|users?|servers?|files?|hash|ips?|urls?)\w*\b)/i;

/** Nouns of kinds of action a request may rule out in a list: "no containment, blocking or account actions". */
const ACTION_NOUN = String.raw`\b(?:containment|isolation|blocking|block|quarantine|remediation|response|destructive|account|user|device|endpoint|network|identity|enforcement|automated|automatic|further|other|write|indicator)\b`;

/** A band of counts said as a label: "20 or more", "5 to 19", "1-4", "0". */
const BAND_LABEL = String.raw`(?:(?:>=|\u2265|>)?\s*\d+\s*(?:\+|or\s+more|or\s+above|or\s+higher|and\s+up|(?:to|-|\u2013)\s*\d+)?|(?:under|below|less\s+than|fewer\s+than|<=?|\u2264)\s*\d+)(?:\s+(?:engines?|detections?|hits|vendors?))?(?:\s+malicious)?`;

/**
 * "20 or more - full isolation; 5 to 19 - selective isolation; 0: a comment": a list of bands, each with what it gets,
 * is the same list as "20+ -> isolate; 5-19 -> ...". Two labelled bands at least, so that a lone "Windows 10 - " stays.
 */
function bandLabels(text: string): string {
  const label = new RegExp(String.raw`(^|[;:.]\s+|,\s+|\n\s*)(${BAND_LABEL})\s*(?:\s[-\u2013]|:|=(?![=>]))\s+(?=[a-z])`, 'gi');
  const found = [...text.matchAll(label)];
  // (A band already said with an arrow, or as a case, counts: "3+ engines malicious -> block it. below 3: a comment".)
  const arrows = text.match(/(?:^|[.;\n]\s*)(?:if\s+)?(?:>=?|\u2265)?\s*\d+\s*\+?(?:\s+[a-z]+){0,2}\s*(?:->|,|=)/gim)?.length ?? 0;
  if (found.length + arrows < 2) return text;
  return text.replace(label, (_m, lead: string, band: string) => `${lead}${band} -> `);
}

/** States of an incident a request may leave out: "resolved", "already assigned", "taken". */
const INCIDENT_STATE = String.raw`resolved|closed|in\s+progress|assigned(?:\s+to\s+(?:someone|somebody|anyone|an?\s+analyst))?|owned|taken|picked\s+up|has\s+(?:an?\s+)?(?:owner|assignee)(?:\s+(?:assigned|set))?`;

/** Kinds and systems of devices a sentence of its own may name: "Windows Server machines", "the linux boxes", "DCs". */
const DEVICE_NP = String.raw`(?:the\s+)?(?:windows\s+servers?|win\s+servers?|mac\s?os|macs?|windows|linux|servers?|workstations?|laptops?|desktops?|dcs?|domain\s+controllers?)(?:\s+(?:devices?|machines?|hosts?|boxes|endpoints?|ones))?`;
const DEVICE_ONLY = new RegExp(String.raw`^(?:(${DEVICE_NP})\s+only|only\s+(?:on\s+|for\s+)?(${DEVICE_NP}))$`, 'i');
const DEVICE_EXCEPT = new RegExp(String.raw`^(?:(${DEVICE_NP})\s+(?:are\s+|is\s+)?(?:excluded|skipped|not\s+included|left\s+out)|(?:not|never|except|excluding|but\s+not)\s+(?:on\s+|for\s+)?(${DEVICE_NP})|no\s+actions?\s+(?:is|are|will\s+be)\s+taken\s+(?:on|for|against)\s+(${DEVICE_NP}))$`, 'i');
/** Verbs of a step a device scope can narrow. */
const DEVICE_STEP_VERB = /\b(?:isolat\w*|contain\w*|scan\w*|collect\w*|restrict\w*|quarantin\w*|stop|releas\w*|unisolat\w*|tag\w*|kill\w*|run\w*|block\w*|disabl\w*|reset\w*|revok\w*|close|resolve|assign\w*|mail\w*|email\w*|post\w*|notify|comment\w*|send|message|ping|page)\b/i;

/**
 * "isolate it. macOS devices only", "full scan the boxes. only on linux boxes.", "Servers excluded.": a sentence that only
 * names a kind of device scopes the steps before it, every sentence of them back to the start of the line: "isolate the
 * devices. mail bob. workstations only." must not isolate servers because "only" went to the mail.
 */
function deviceScopeSentences(text: string): string {
  const parts = text.split(/(?<=[^.!?\s][.!?])\s+/);
  if (parts.length < 2) return text;
  for (let i = 1; i < parts.length; i++) {
    const body = parts[i].replace(/[.!?]$/, '').trim();
    const only = DEVICE_ONLY.exec(body);
    const except = only ? undefined : DEVICE_EXCEPT.exec(body);
    if (!only && !except) continue;
    const np = (only ? only[1] ?? only[2] : except![1] ?? except![2] ?? except![3]).replace(/^the\s+/i, '');
    const clause = only ? `, only for ${np}` : `, except ${np}`;
    // The sentences of steps before it, back to the last line break (a title line stays as it is).
    const targets: number[] = [];
    for (let j = i - 1; j >= 0; j--) {
      if (DEVICE_STEP_VERB.test(parts[j])) targets.push(j);
      if (/\n/.test(parts[j]) || /\n\s*$/.test(parts[j - 1] ?? '')) break;
    }
    if (targets.length === 0) continue;
    for (const j of targets) parts[j] = parts[j].replace(/\s*([.!?])$/, `${clause}$1`);
    parts[i] = '';
  }
  return parts.filter((p) => p !== '').join(' ');
}

function keptCue(word: string | undefined): string {
  return word && /^(?:except|excluding|not|but|unless|skip|only|never|no|dont|don't|all|any|every|each|the|our|those|these|for|on|in|of|from|to|and|or|with|just|isolate|scan|collect|restrict|contain|release|quarantine|block|tag)$/i.test(word) ? `${word} ` : '';
}

function stepReplacedInCase(input: string): string {
  // "otherwise, dont quarantine, just add an audit indicator": the other branch, where the first one's step is not done.
  const text = input.replace(/\b(otherwise|else)\s*,?\s+(?:do\s+not|don'?t|dont|never)\s+(?:isolate|disable|reset|revoke|block|restrict|quarantine|contain)(?:\s+(?:it|them|the\s+[\w-]+|their\s+[\w-]+))?\s*[,;]?\s+(?:just|only|simply)\s+((?:[^.;]|\.(?=\w))+?)(?=\s*(?:[.;](?!\w)|$))/gi, (_m, word: string, rest: string) => `${word}, ${insteadFirst(rest)}`);
  return text.replace(/(\b(?:if|when|for\s+(?=(?:the\s+|any\s+|all\s+)?(?:[\w'-]+\s+){0,3}?(?:incidents?|alerts?|cases?|devices?|machines?|hosts?|boxes|users?|accounts?)\b))\s*[^.;:]{3,120}?),?\s+(?:do\s+not|don'?t|dont|never)\s+(isolate|disable|reset|revoke|block|restrict|quarantine|contain)(?:\s+(?:it|them|the\s+[\w-]+|their\s+[\w-]+))?\s*[,;]?\s+(?:just|only|simply)\s+((?:[^.;]|\.(?=\w))+?)(?=\s*(?:[.;](?!\w)|$))/gi, (m: string, cond: string, verb: string, rest: string, offset: number, whole: string) =>
    // "isolate the box. if it's VIP dont isolate, just ping teams": the step said before (or after) skips that case, whatever
    // replaces it.
    // A case about the user with a replacement of the same kind ("if they're in X dont reset, just revoke") leaves the
    // step out by "instead", which reads user groups.
    (new RegExp(`\\b${verb}`, 'i').test(whole.slice(0, offset)) || saidAfterForOthers(whole.slice(offset + m.length), verb)) && !(USER_CASE.test(cond) && stepKind(verb) === stepKind(rest))
      // "for incidents tagged VIP, never isolate": "dont isolate on incidents tagged VIP" is how an exception by case reads.
      ? `\uE001${/^for\s/i.test(cond) ? `dont ${verb} ${cond.replace(/^for\s+/i, 'on ')}` : `${cond}, dont ${verb}${/^(?:isolate|contain)$/i.test(verb) ? '' : ` ${objectSaidBefore(verb, whole.slice(0, offset)) ?? ''}`.trimEnd()}`}. ${cond}, only ${rest.replace(/\s+instead\b/i, '')}`
      : `${cond}, ${insteadFirst(rest)}`)
    // ", but if it's a server dont restrict": a sentence of its own, so it is the exception of the step before.
    .replace(/([.!?]\s*)?(?:[,;]?\s*(?:\bbut\s+|\band\s+)?)\uE001/g, (_m, stop: string | undefined, offset: number) => (offset === 0 ? '' : stop ?? '. '));
}

/** The verb an action noun stands for after "make", "perform", "do" ("the restriction of" -> "restrict"). */
const LIGHT_VERB_NOUN: Record<string, string> = {
  restrict: 'restrict', restriction: 'restrict', isolate: 'isolate', isolation: 'isolate', quarantine: 'quarantine',
  collection: 'collect', reset: 'reset', revocation: 'revoke',
};

/** "if you added a comment": the step a polite wish names, said in the past as English does after "if you". */
const WISHED_STEP: Record<string, string> = {
  added: 'add', posted: 'post', emailed: 'email', mailed: 'email', sent: 'send', tagged: 'tag', blocked: 'block', collected: 'collect',
  isolated: 'isolate', scanned: 'scan', ran: 'run', assigned: 'assign', closed: 'close', resolved: 'resolve', commented: 'comment',
  notified: 'notify', pinged: 'ping', wrote: 'write', left: 'leave', put: 'put', dropped: 'drop', revoked: 'revoke', reset: 'reset',
};

/**
 * A request asked politely, the way someone unsure of themselves asks: "Sorry if this is a basic question.", "could you
 * maybe look up ...", "if possible, also revoke ...", "(I think 5 or more detections is a reasonable bar)", "I think it
 * would also help the next shift if you added a comment ...", "just an email to X would be better", "I hope that makes
 * sense!". The hedges ask nothing and narrow nothing; what they wrap is the request.
 */
/**
 * A story told before the request, with no step and no case in it: "So, having spent three weeks cleaning up after X,
 * here's what I'd want", "A note on ransomware, from someone who ...", "Exfil to cloud storage comes up a lot", "we are
 * receiving many incidents of MDI". Only leading sentences, only in a narrative form, never one that rules something out
 * or narrows ("only", "not", "except", ...), and only when the sentence after it opens with a case of its own ("When
 * MDE raises ...", "If ...", "For ...") and steps follow.
 */
const NARRATIVE = /^(?:so\s*,?\s+|honestly\s*,?\s+|actually\s*,?\s+|ok(?:ay)?\s*,?\s+)*(?:having\s+[a-z]+|writing\s+this|a\s+(?:quick\s+|short\s+)?note\s+(?:on|about)|(?:i|we)(?:'ve|\s+have|\s+had|\s+spent|\s+were|\s+are\s+(?:receiving|seeing|getting))\b|most\s+of\s+the\s+[\w-]+\s+(?:cases|incidents)\s+(?:i|we)\s+(?:work|see|handle))|\b(?:comes?\s+up\s+a\s+lot|keeps?\s+(?:me|us)\s+up\s+at\s+night|(?:get|gets)\s+hit\s+(?:with|by)\b[^.!?]*\b(?:constantly|all\s+the\s+time|a\s+lot|regularly))/i;

/**
 * A two-column markdown table pasted as the request ("| alert severity | response |", "|---|---|", "| High | isolate |"):
 * each row is its case and what it gets, "High: isolate." The header row names the columns and is no case.
 * (Tables of more columns are left as they are, and asked about.)
 */
const INDICATOR_KIND: Record<string, string> = { filesha256: 'sha256 hash', filesha1: 'sha1 hash', filemd5: 'md5 hash', ipaddress: 'ip', url: 'url', domainname: 'domain' };

/**
 * A request written as pseudo-code: "alert.category == Ransomware && device.osPlatform startswith Windows", "v >= 15 =>
 * indicator(FileSha256, BlockAndRemediate)", "user ∉ group(X) => revokeSessions(user)". The operators, field paths and
 * calls are said in words the grammar reads; a request with none of them is left as it is.
 */
function pseudoCode(input: string): string {
  if (!/&&|\|\||!=|==|\u2208|\u2209|\b(?:elif|foreach)\b|\b(?:isolate|restrictCodeExecution|revokeSessions|confirmCompromised|updateIncident|indicator|VT)\(|\b(?:alert|incident|device)\.[a-z]/i.test(input)) return input;
  const value = (v: string): string => v.replace(/^["'`]|["'`]$/g, '');
  const spared: string[] = [];
  return input
    // "// never isolate a DC": a comment is a sentence of its own.
    .replace(/[ \t]*\/\/[ \t]*/g, '. ')
    // "urls.count >= 1", "files.length > 0": the alert holds one.
    .replace(/\b(url|ip|file|domain|user|device|mailbox)s?\.(?:count|length|size)(?:\(\))?\s*(?:>=\s*1|>\s*0|!=\s*0)/gi, (_m, kind: string) => `the alert involves ${/^[aeiou]/i.test(kind) || /^url$/i.test(kind) ? 'an' : 'a'} ${kind.toLowerCase() === 'ip' || kind.toLowerCase() === 'url' ? kind.toUpperCase() : kind.toLowerCase()}`)
    // "any(device.osPlatform startswith X)": a device of the alert that does (the steps' devices are the alert's).
    .replace(/\bany\(\s*([^()\n]+?)\s*\)/gi, '$1')
    // "title =~ /ransom/i": the title holds the word.
    .replace(/\b(?:alert\.)?title\s*=~\s*\/([^/\n]+)\/[a-z]*/gi, "the alert title contains '$1'")
    // "osPlatform in (Linux, macOS)": either system.
    .replace(/(?:\b(?:alert\.)?device\.)?\bosPlatform\s+(not\s+in|!in|in)\s*[([]([^)\]\n]+)[)\]]/gi, (_m, op: string, list: string) => `the device is ${/^(?:not|!)/i.test(op) ? 'not ' : ''}running ${list.split(/\s*,\s*/).map(value).join(' or ')}`)
    // "'pentest' in tags", "'x' in device.tags": the incident's tags, or the device's.
    .replace(/(["'`])([^"'`\n]+)\1\s+(not\s+in|in)\s+(?:(?:alert\.)?(device)\.|incident\.)?tags\b/gi, (_m, _q: string, tag: string, op: string, device: string | undefined) => `the ${device ? 'device' : 'incident'} is ${/^not/i.test(op) ? 'not ' : ''}tagged ${tag}`)
    // "assignedTo == x@y": the incident's owner.
    .replace(/\b(?:incident\.)?assigned(?:To)?\s*==\s*([\w.+-]+@[\w-]+(?:\.[\w-]+)+)/gi, 'the incident is assigned to $1')
    // "incident.status = InProgress", "tags += [a, b]": what a step sets.
    .replace(/(?<!\(\s*|,\s*)\b(?:incident\.)?status\s*=(?!=)\s*["']?(\w+)["']?/gi, (_m, status: string) => `set the incident status to ${status.replace(/([a-z])([A-Z])/g, '$1 $2')}`)
    .replace(/\b(?:incident\.)?tags\s*\+=\s*\[([^\]\n]+)\]/gi, (_m, list: string) => `tag the incident ${list.split(/\s*,\s*/).map((t) => `'${value(t)}'`).join(' and ')}`)
    // "if status == Resolved: return": nothing.
    .replace(/:\s*return\b/gi, ': do nothing')
    // "else: quick scan": the scan.
    .replace(/\b(else|otherwise)(\s*:?\s*)(quick|full)\s+(?:av\s+|antivirus\s+)?scan\b/gi, (_m, cue: string, gap: string, kind: string) => `${cue}${gap}run a ${kind.toLowerCase()} antivirus scan`)
    .replace(/^\s*(?:foreach|for\s+each|for)\s+\w+(?:\s+in\s+[\w.]+)?(?:\s+entity)?\s*:\s*$/gim, '')
    .replace(/^\s*[a-z]\s*=\s*(?:vt|virustotal)\(\s*\w*\s*\)\.malicious\s*$/gim, '')
    // Fields and their tests.
    .replace(/\s*&&\s*!\s*(?:alert\.)?device\.name\.startswith\(\s*["'`]?([\w.-]+?)["'`]?\s*\)/gi, (_m, p: string) => {
      spared.push(`devices named ${p}*`);
      return '';
    })
    .replace(/\s*&&\s*(?:alert\.)?(?:device\.)?osPlatform\s*!=\s*["'`]?(\w+)["'`]?/gi, (_m, os: string) => {
      spared.push(`${os} devices`);
      return '';
    })
    .replace(/!\s*(?:alert\.)?device\.name\.startswith\(\s*["'`]?([\w.-]+?)["'`]?\s*\)/gi, 'the device is not named $1*')
    .replace(/(?:alert\.)?device\.name\.startswith\(\s*["'`]?([\w.-]+?)["'`]?\s*\)/gi, 'the device is named $1*')
    .replace(/(?:alert\.)?(?:device\.)?osPlatform\s*!=\s*["'`]?(\w+)["'`]?/gi, 'the device is not running $1')
    .replace(/(?:alert\.)?(?:device\.)?osPlatform\s*(?:==|startswith|starts\s+with)\s*["'`]?(\w+)["'`]?/gi, 'the device is running $1')
    .replace(/(?:alert\.)?(?:device\.)?rbacGroupName\s*!=\s*("[^"]+"|'[^']+'|[\w-]+)/gi, (_m, g: string) => `the device is not in the '${value(g)}' device group`)
    .replace(/(?:alert\.)?(?:device\.)?rbacGroupName\s*==\s*("[^"]+"|'[^']+'|[\w-]+)/gi, (_m, g: string) => `the device is in the '${value(g)}' device group`)
    .replace(/(?<!\balert\s)\b(?:alert\.)?title\s*(?:~|contains|=~)\s*("[^"]+"|'[^']+')/gi, (_m, w: string) => `the alert title contains '${value(w)}'`)
    .replace(/\b(alert|incident)\.(category|title|severity|status|detectionSource|serviceSource|tags)\b/gi, (_m, what: string, field: string) => `the ${what.toLowerCase()} ${field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`)
    .replace(/\b(severity|status)\s+in\s*\(\s*([\w\s,]+?)\s*\)/gi, (_m, field: string, list: string) => `${field} is ${list.split(/\s*,\s*/).join(' or ')}`)
    .replace(/\buser\s*\u2209\s*group\(\s*([\w&.-]+)\s*\)/gi, "the user is not in the '$1' group")
    .replace(/\buser\s*\u2208\s*group\(\s*([\w&.-]+)\s*\)/gi, "the user is in the '$1' group")
    .replace(/\s*&&\s*!?/g, (m: string) => (m.trim().endsWith('!') ? ' and not ' : ' and '))
    .replace(/\s*\|\|\s*/g, ' or ')
    .replace(/\s*!=\s*/g, ' is not ')
    .replace(/\s*==\s*/g, ' is ')
    // Bands of a VirusTotal count: "v >= 15 =>", "5 <= v < 15 =>", "else =>".
    .replace(/^(\s*)[a-z]\s*>=\s*(\d+)\s*(?:=>|->|:)/gim, '$1$2 or more engines ->')
    .replace(/^(\s*)(\d+)\s*<=\s*[a-z]\s*<\s*(\d+)\s*(?:=>|->|:)/gim, (_m, lead: string, lo: string, hi: string) => `${lead}${lo} to ${Number(hi) - 1} engines ->`)
    .replace(/^(\s*)else\s*(?:=>|->|:)\s*(?:noop|nothing|skip|pass)\s*$/gim, '$1otherwise do nothing')
    .replace(/\belif\b/gi, 'otherwise if')
    .replace(/^(\s*)else\s*:\s*/gim, '$1otherwise ')
    // Calls: the steps they name.
    .replace(/\bisolate\(\s*(full|selective)\s*\)/gi, (_m, kind: string) => `${kind.toLowerCase()} isolate the device`)
    .replace(/\brestrictCodeExecution\([^)]*\)/gi, 'restrict app execution on the device')
    // "revokeSessions(user); confirmCompromised(user)": statements of one branch.
    .replace(/\)\s*;\s*(?=[a-z]+\()/gi, ') and ')
    .replace(/\brevokeSessions\(\s*user\s*\)/gi, "revoke the user's sessions")
    .replace(/\bconfirmCompromised\(\s*user\s*\)/gi, 'confirm the user compromised')
    .replace(/\bupdateIncident\(([^)]*)\)/gi, (_m, args: string) => {
      const said: string[] = [];
      const status = /status\s*=\s*["']?(\w+(?:\s+\w+)?)["']?/i.exec(args);
      if (status) said.push(`set the incident to ${status[1].replace(/([a-z])([A-Z])/g, '$1 $2')}`);
      if (/comment\s*=/i.test(args)) said.push('add a comment to the incident');
      return said.join(' and ') || _m;
    })
    .replace(/\bindicator\(\s*(FileSha256|FileSha1|FileMd5|IpAddress|Url|DomainName)\s*,\s*(BlockAndRemediate|AlertAndBlock|Block|Alert|Audit|Warn)\s*\)/gi, (_m, kind: string, action: string) => {
      const what = INDICATOR_KIND[kind.toLowerCase()];
      return /^(?:alert|audit|warn)$/i.test(action) ? `create an alert-only indicator for the ${what}` : `block the ${what} with action ${action}`;
    })
    .replace(/^(\s*)teams\s*$/gim, '$1post in teams')
    // (The devices a test left out, said as a sentence after the steps, which leaves them out of every one of them.)
    .replace(/\s*$/, () => (spared.length ? `. Not on ${spared.join(', not on ')}.` : ''));
}

/**
 * A request sent as a letter: "Dear team, ... Regards, Ramesh". The greeting, the courtesies around the request ("As
 * discussed in the morning call", "Revert back in case of any queries") and the signature are no part of it; they are
 * kept as background.
 */
function letter(input: string, background: string[]): string {
  let text = managerWhy(ticketEnvelope(documentHeading(portedFrom(ruleTitle(pastedAlert(input, background, (t) => new RegExp(SYSTEM_SENTENCE.source, 'i').test(t)), background), background, STEP_VERB), background), background, STEP_VERB), background, STEP_VERB);
  const aside = (m: string): string => {
    if (m.trim()) background.push(m.trim().replace(/[,.;:!]+$/, ''));
    return '';
  };
  // The greeting: "Hello,", "Dear Rampart team,", "To whom it may concern,", "Hi Team, Good morning.", and a colleague's
  // own language's ("Hola!", "Bonjour à tous,", "Guten Morgen,").
  for (let i = 0; i < 3; i++) {
    text = text.replace(/^\s*(?:(?:hi|hello|hey|dear|greetings|good\s+(?:morning|afternoon|evening|day)|hola|bonjour|salut|hallo|ciao|buen[oa]s(?:\s+(?:d[ií]as|tardes|noches))?|bom\s+dia|guten\s+(?:morgen|tag|abend)|moin)(?:\s+(?:to\s+)?(?:all|team|everyone|everybody|folks|rampart(?:\s+team)?|sir|madam|colleagues|[àa]\s+tous|[A-Z][a-z]+))*|to\s+whom\s+it\s+may\s+concern)\s*[,.!:\n]\s*/i, aside);
  }
  // The signature: "Regards, Jan Novak, IT Operations Manager", "Thanks & Regards,\nRamesh", "Many thanks, Tomasz".
  text = text.replace(/(?:^|[.!\n]\s*|,\s*)((?:(?:kind|best|warm|many)\s+)?(?:regards|thanks(?:\s*(?:&|and)\s*regards)?|thank\s+you|with\s+thanks|thanks\s+in\s+advance|cheers|sincerely|yours\s+(?:truly|sincerely)|br|best(?:\s+wishes)?(?=\s*,)|rgds|thx|take\s+care|gracias|muchas\s+gracias|merci(?:\s+beaucoup)?|danke(?:\s+sch[öo]n)?|grazie|obrigad[oa])\b[\s\S]{0,120})$/i, (m: string, sig: string) => {
    // (Only a signature: what follows is a name and a title, no step.)
    if (/\b(?:isolat|block|disabl|quarantin|restrict|revok|reset|scan|collect|post|e-?mail|mail|tag|assign|clos|resolv|notif)\w*/i.test(sig.replace(/^[^,\n]*/, ''))) return m;
    background.push(sig.trim());
    return m.slice(0, m.length - sig.length).replace(/[,\s]+$/, '.');
  });
  return text
    // "As discussed in the morning call,", "Following our call,", "As agreed with your colleague,", "as per the discussion with client":
    // where the request comes from.
    .replace(/(^|[.!?]\s+|\n\s*)(?:as\s+(?:discussed|agreed|requested|mentioned)|following\s+(?:our|the|your)|as\s+per\s+(?:the\s+|our\s+)?(?:discussion|call|meeting|request))\b[^,.\n]{0,60},\s*/gi, (_m, lead: string) => lead)
    // "PFB the requirement from client side.", "kindly configure the playbook for below requirement.", "kindly help for below.":
    // the request announced.
    .replace(/(^|[.!?]\s+|\n\s*)(?:please\s+|kindly\s+)?(?:pfb|please\s+find\s+below|find\s+below)\b[^.\n]{0,200}(?:[.:]|(?=\n)|$)\s*/gi, '$1')
    .replace(/(^|[.!?]\s+|\n\s*)(?:please\s+|kindly\s+)?(?:configure|set\s+up|create|build|help)\s+(?:the\s+|a\s+)?(?:playbook|automation|rule|workflow)?\s*(?:for|with|as\s+per)\s+(?:the\s+)?below(?:\s+requirements?)?\s*[.:]\s*/gi, '$1')
    .replace(/(^|[.!?]\s+|\n\s*)(?:please\s+|kindly\s+)?help\s+(?:for|with)\s+(?:the\s+)?below\s*[.:]\s*/gi, '$1')
    .replace(/(^|[.!?]\s+|\n\s*)(?:please\s+|kindly\s+)?(?:set\s+the\s+automation\s+up|set\s+it\s+up)\s+as\s+follows\s*[.:]\s*/gi, '$1')
    // "Revert back in case of any queries.", "Kindly do the needful at the earliest.", "Please confirm when this is in place.":
    // what the writer asks back.
    .replace(/(^|[.!?,]\s*|\n\s*)(?:please\s+|kindly\s+)?(?:revert(?:\s+back)?(?:\s+(?:in\s+case\s+of\s+any\s+(?:queries|questions|doubts)|for\s+any\s+(?:clarifications?|queries|questions)|once\s+done|if\s+(?:any|you\s+have\s+any)\s+(?:queries|questions)))?|do\s+the\s+needful(?:\s+(?:at\s+the\s+earliest|asap|by\s+eod(?:\s+today)?|as\s+below))?|confirm\s+(?:when|once)\s+(?:this|it)\s+is\s+(?:in\s+place|done|live))\s*(?=[.!?:\n]|$)[.!?:]?/gi, '$1')
    // "do the needful to inform SOC team": inform them.
    .replace(/\b(?:kindly\s+|please\s+)?do\s+the\s+needful\s+(?:to|and)\s+/gi, '')
    .replace(/\bkindly\s+/gi, 'please ')
    // "Please note servers are not to be isolated": a note is still the request.
    .replace(/\b(?:please\s+)?note\s+(?:that\s+)?(?=[a-z])/gi, (m: string) => (/^please|that\s*$/i.test(m) ? '' : m))
    // "any incident is coming with severity as High", "incident is having tag X": comes with severity High, has tag X.
    .replace(/\b(is|are)\s+coming\s+(?=with\b)/gi, 'comes ')
    .replace(/\bseverity\s+as\s+(?=(?:critical|high|medium|low|informational)\b)/gi, 'severity ')
    .replace(/\b(?:is|are)\s+having\s+/gi, 'has ')
    // "A request from the quality department.": who asks.
    .replace(/(^|[.!?]\s+|\n\s*)(?:a|one|another)\s+(?:small\s+|quick\s+)?(?:request|ask|requirement|change)\s+from\s+(?:the\s+|our\s+)?[\w\s&-]{2,40}?\s*[.:]\s*/gi, (m: string, lead: string) => {
      background.push(m.trim().replace(/[.:]$/, ''));
      return lead;
    })
    // "Machines outside that group follow your normal process and are out of scope here.": the rest is not this playbook's.
    .replace(/(^|[.;!?]\s+|\n\s*)(?:all\s+)?(?:other\s+)?(?:machines|devices|incidents|alerts|users|accounts|everything|anything)\s+(?:else\s+)?(?:outside|not\s+in)\s+(?:that|this|the|those)\s+(?:[\w-]+\s+){0,3}?(?:groups?|tags?|scope)\s+(?:follow|go\s+through|use|are\s+handled\s+by|stay\s+with)\s+(?:your|the|our)\s+(?:normal|usual|standard|regular|existing)\s+(?:process|runbook|procedure|flow|handling)(?:\s+and\s+are\s+out\s+of\s+scope(?:\s+here)?)?\s*(?=[.;!?\n]|$)[.;!?]?/gi, '$1')
    // "servers are not to be isolated, for the same please do only Full AV scan": "the same" is those devices.
    .replace(/\b((?:the\s+)?(servers|workstations|domain\s+controllers|dcs|macs|laptops|desktops|linux\s+(?:boxes|hosts|servers))\s+(?:are|is)\s+(?:not\s+to\s+be|never\s+to\s+be|not\s+be)\s+[a-z]+ed)\s*,\s*for\s+the\s+same\b/gi, '$1, for $2')
    .replace(/\bfor\s+the\s+same\b(?=\s*,?\s*(?:please\s+|pls\s+)?(?:do\s+|run\s+|only\s+|just\s+))/gi, 'for those')
    // "do only Full AV scan": only run that scan.
    .replace(/\b(?:please\s+)?do\s+only\s+(?:a\s+)?(full|quick)\s+(?:av|antivirus|virus)\s+scan\b/gi, 'only run a $1 antivirus scan');
}

/** "(i)", "(ii)", "(a)", "(3)": an item's number inside a sentence. */
const INLINE_ITEM = /([:;,]\s*|\band\s+|\bor\s+|(?<=[a-z])\s+(?=\((?:i{1,3}|iv|vi{0,3})\)))\((?:i{1,3}|iv|vi{0,3}|ix|[a-h]|\d{1,2})\)\s+(?=[a-z])/gi;
/** Where a policy's clause is cited: "pursuant to §4.5", "in accordance with §6.1 of the Threat Intelligence Standard". */
const CLAUSE_CITED = /\s*,?\s*\b(?:[Ff]urther\s+to|[Pp]ursuant\s+to|[Ii]n\s+accordance\s+with|[Ww]ith\s+reference\s+to|[Ii]n\s+line\s+with|[Ii]n\s+compliance\s+with|[Aa]s\s+(?:required|set\s+out|defined)\s+(?:by|in|under)|[Aa]s\s+per|[Pp]er|[Uu]nder)\s+(?:(?:the\s+)?(?:[A-Z][\w&-]*\s+){0,5}(?:[A-Z]{2,}-?\d[\w.-]*\s+)?)?\u00a7\s*\d+(?:\.\d+)*(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w&-]*)(?:\s+[A-Z][\w&-]*){0,5})?(?:\s*\([A-Z][^()]{1,60}\))?(?=\s*[,;.:)\n]|\s*$)/g;

/**
 * A request written as a formal instruction: the clauses of policies it cites ("Further to Policy IS-07 §4.2",
 * "pursuant to §4.5", "(Data Breach Procedure §9)"), a closing "This instruction is issued under ..." and "please be
 * advised that" say where the instruction comes from, not which incidents; "(i)", "(ii)" number its items.
 */
function formalInstruction(input: string): string {
  // "members of the security group 'X'", "a host in the device group 'Y'": the group named by its name, then its kind.
  input = input
    .replace(/\bthe\s+(?:(?:entra(?:\s+id)?|aad|azure\s+ad|security|m365|microsoft\s+365)\s+)?group\s+(["'\u2018\u201c][^"'\u2019\u201d\n]{1,60}["'\u2019\u201d])/gi, 'the $1 group')
    .replace(/\bthe\s+(?:mde\s+|defender\s+)?(?:device|machine)\s+group\s+(["'\u2018\u201c][^"'\u2019\u201d\n]{1,60}["'\u2019\u201d])/gi, 'the $1 device group')
    // "never disable members of the 'X' group": its users (who are members of it is read where it is said so).
    .replace(/(?<!\b(?:are|is|be|being|a|an|all|the|its|their|any|group|team)\s+)\bmembers\s+of\s+the\s+(["'\u2018\u201c][^"'\u2019\u201d\n]{1,60}["'\u2019\u201d])\s+group\b/gi, 'users in the $1 group');
  // "kindly arrange that, where ...", "please ensure that upon ...": the request, announced; "subject to the following
  // provisos:" announces the limits that follow.
  input = input
    .replace(/\b((?:kindly|please)\s+)(?:arrange|ensure|see\s+to\s+it|make\s+sure)\s+that\s*,?\s*/gi, '')
    .replace(/\s*,?\s*subject\s+to\s+the\s+following\s+(?:provisos?|conditions?|exceptions?|limitations?)\s*:/gi, ':')
    // "accounts if they are members of the 'X' group shall not be disabled": never for that group's accounts.
    .replace(/\b(accounts?|users?)\s+(?:if|when|that|who|which)\s+(?:they\s+)?(?:are|is)\s+(?:a\s+)?members?\s+of\s+(?:the\s+)?["'\u2018\u201c]?([\w.&-]+)["'\u2019\u201d]?\s+group\s+(?:(?:shall|must|will|should|may|are\s+to)\s+(?:not|never)\s+be|(?:are|is)\s+(?:not|never))\s+(isolated|disabled|suspended|blocked|quarantined|restricted|reset|revoked|confirmed\s+(?:as\s+)?compromised)\b(?:\s+(?:automatically|by\s+(?:the\s+)?(?:playbook|automation|rampart)|under\s+any\s+circumstances))?/gi, (m: string, _who: string, group: string, participle: string) => {
      const verb = PARTICIPLES[participle.toLowerCase()] ?? ({ reset: 'reset the password of', revoked: 'revoke the sessions of' } as Record<string, string>)[participle.toLowerCase()];
      return verb ? `never ${verb} users in the '${group}' group` : m;
    })
    // "the account is disabled and its sessions revoked": the second verb's "are" left out.
    .replace(/\band\s+(its|their|his|her|the)\s+(sessions?|tokens?|passwords?)\s+(revoked|reset)\b/gi, (_m, whose: string, what: string, done: string) => `and ${done.toLowerCase() === 'revoked' ? 'revoke' : 'reset'} ${whose} ${what}`)
    // "the account shall be disabled and the user confirmed as compromised": the second passive's "shall be" left out.
    .replace(/(\b(?:shall|must|will|should|is\s+to|are\s+to)\s+be\s+[a-z]+ed\b[^.;:!?\n]{0,60}?)\band\s+(the|its|their)\s+(users?|accounts?|devices?|machines?|hosts?|incidents?)\s+(confirmed\s+as\s+compromised|[a-z]+ed)\b/gi, (m: string, before: string, whose: string, what: string, done: string) => {
      const verb = /^confirmed\s/i.test(done) ? 'confirm' : PARTICIPLES[done.toLowerCase()];
      return verb ? `${before}and ${verb} ${whose} ${what}${/^confirmed\s/i.test(done) ? ' as compromised' : ''}` : m;
    })
    // "(iii) where none do, take no action": the other side of the case before.
    .replace(/\bwhere\s+none\s+(?:do|does|is|are)\s*,\s*(?=(?:take\s+no\s+action|no\s+action|nothing|do\s+nothing)\b)/gi, 'otherwise, ')
    // "... informed by email in every case where action is taken": whenever the steps run.
    .replace(/\s+in\s+every\s+case\s+where\s+(?:any\s+)?action\s+is\s+taken\b/gi, '')
    // "disable the implicated account": the account the alert names, which a step acts on anyway.
    .replace(/\b(the|each|every|any)\s+implicated\s+(?=(?:user\s+)?accounts?\b|users?\b|devices?\b|machines?\b|hosts?\b)/gi, '$1 ');
  input = controlLanguage(input);
  // "shall in no event be isolated", "under no circumstances": never.
  input = input.replace(/\b(shall|must|will|may|should|are|is)\s+(?:in\s+no\s+(?:event|case)|under\s+no\s+circumstances?|at\s+no\s+time)\s+(?=be\b|to\s+be\b)/gi, '$1 never ');
  if (!/\u00a7|\((?:i{1,3}|iv|[ab])\)|\bbe\s+advised\b/i.test(input)) return input;
  // "(i) the device is isolated; (ii) ...; (iii) X is notified. ... for such devices item (iii) alone shall apply": the item
  // named is said again in its place.
  const items = new Map<string, string>();
  for (const m of input.matchAll(/(?:^|[:;,]\s*|\band\s+|\n\s*)\(((?:i{1,3}|iv|v|[a-h]|\d{1,2}))\)\s+((?:[^;.\n]|\.(?=\w)){3,160})/gi)) items.set(m[1].toLowerCase(), m[2].trim());
  input = input.replace(/\b(?:item|step|point|limb|paragraph|provision)\s+\(((?:i{1,3}|iv|v|[a-h]|\d{1,2}))\)\s+(?:alone|only)\s+(?:shall|will|is\s+to|must|should)\s+apply\b/gi, (m: string, n: string) => (items.has(n.toLowerCase()) ? `only ${items.get(n.toLowerCase())}` : m));
  return input
    .replace(/(^|[.!?]\s+|\n\s*)this\s+(?:instruction|request|requirement|change)\s+is\s+(?:issued|made|raised|required|given)\s+(?:under|pursuant\s+to|in\s+accordance\s+with|per)\s+(?:[^.\n\u00a7]|\u00a7\s*\d+(?:\.\d+)*){1,100}[.]?/gi, '$1')
    .replace(/(^|[.!?]\s+|\n\s*)this\s+is\s+required\s+(?:under|by)\s+(?:[^.\n\u00a7]|\u00a7\s*\d+(?:\.\d+)*){1,100}[.]?/gi, '$1')
    .replace(/\s*\(\s*(?:ref\.?\s+|see\s+)?(?:[A-Z][\w&-]*\s+){0,5}\u00a7\s*\d+(?:\.\d+)*\s*\)/g, '')
    .replace(CLAUSE_CITED, '')
    .replace(/(^|[.!?]\s+|\n\s*)further\s+to\s+(?:the\s+)?(?:[\w&-]+\s+){1,6}?(?:decision|instruction|directive|memo|request)\s+[A-Z]{2,}-?\d[\w.-]*\s*,\s*/g, '$1')
    .replace(/^\s*,\s*/, '')
    .replace(/(^|[.!?]\s+|\n\s*|,\s*)(?:please\s+)?be\s+advised\s+(?:that\s*)?,?\s*/gi, '$1')
    .replace(INLINE_ITEM, '$1');
}

/** What a control cites: "control IR-4.2 (Incident Triage)", "the IOC Retention Standard (IOC-RS-3)", "baseline HB-LNX-04". */
const CITED = String.raw`(?:the\s+|our\s+)?(?:(?![\w-]*(?:only|not|never|except|unless|if|when|where|for)\b)[\w&'./-]+\s+){0,6}?(?:(?:control|standard|policy|procedure|baseline|requirement|guideline|framework|runbook|assessment|plan|sop|regulation|directive|programme|program)(?:\s+[A-Z][A-Z0-9]*(?:[-.][A-Z0-9]+)+)?|[A-Z][A-Z0-9]*(?:[-.][A-Z0-9]+)+)(?:\s*\([^()\n]{1,60}\))?`;
const CITING = String.raw`(?:in\s+accordance\s+with|pursuant\s+to|as\s+(?:required|mandated)\s+by|in\s+(?:line|compliance)\s+with|consistent\s+with|as\s+per|per)`;
/** Nominal steps a control rules out: "account disablement", "password reset", "session revocation". */
const NOMINAL_STEPS: Array<[RegExp, string]> = [
  [/^(?:(?:user\s+)?account\s+)?(?:disablement|disabling|deactivation|suspension)$/i, 'disable the account'],
  [/^password\s+resets?$/i, 'reset the password'],
  [/^(?:session|token)\s+revocation$|^revocation\s+of\s+(?:sessions|tokens)$/i, 'revoke the sessions'],
  [/^(?:(?:device|network|host)\s+)?isolation$/i, 'isolate the device'],
  [/^(?:app(?:lication)?\s+(?:execution\s+)?restriction|restricted\s+app(?:lication)?\s+execution)$/i, 'restrict app execution'],
  [/^(?:indicator\s+)?blocking$|^blocks?$/i, 'block the indicators'],
];
const NOMINAL = String.raw`(?:(?:user\s+)?account\s+)?(?:disablement|deactivation|suspension)|password\s+resets?|(?:session|token)\s+revocation|(?:(?:device|network|host)\s+)?isolation|app(?:lication)?\s+(?:execution\s+)?restriction|restricted\s+app(?:lication)?\s+execution|(?:indicator\s+)?blocking`;

/**
 * A control's language: where it comes from ("In accordance with control IR-4.2 (Incident Triage), ensure that ...", "...,
 * in accordance with hardening baseline HB-LNX-04, except ..."), why a step is done ("for evidentiary purposes"), and the
 * steps it rules out as nouns ("ensure that no account disablement, password reset or session revocation is performed")
 * or says the other side of ("Indicators shall not be created for files assessed below this threshold", "Incidents
 * involving any other device group shall remain open"). A citation or a purpose that names a case is left to be read.
 */
function controlLanguage(input: string): string {
  if (!/\b(?:ensure|shall|accordance|pursuant|purposes?|applicable|(?:excluded|exempt(?:ed)?)\s+from|threshold|no\s+(?:[\w-]+\s+){0,3}(?:is|are|shall)\s+(?:be\s+)?(?:performed|taken|carried|applied))\b/i.test(input)) return input;
  const citing = new RegExp(String.raw`(^|[.;!?]\s+|\n\s*)${CITING}\s+${CITED}\s*,\s*|,?\s+${CITING}\s+${CITED}(?=\s*(?:[,.;!?\n]|$))`, 'gi');
  return input
    .replace(citing, (_m, lead: string | undefined) => lead ?? '')
    // "an investigation package collected for evidentiary purposes": why, not which.
    .replace(/,?\s+for\s+(?:evidentiary|evidential|forensic|audit(?:ing)?|documentation|compliance|record-?keeping|legal|investigative|evidence|reporting|traceability)\s+purposes\b/gi, '')
    // "Where applicable, a record of the action shall be added as an incident comment": said of a note, it narrows nothing
    // a note does; before a step that acts, it is left to be read.
    .replace(/(^|[.;!?]\s+|\n\s*)(?:where|if|as|when)\s+(?:applicable|appropriate|relevant)\s*,\s*(?=[^.;!?\n]*\b(?:comment|record|note|notif|e-?mail|mail|post|message|inform|report)\w*)(?![^.;!?\n]*\b(?:isolat|disabl|block|reset|revok|quarantin|restrict|contain|kill|clos|resolv|assign)\w*)/gi, '$1')
    // "The outcome shall be communicated to the SOC channel in Microsoft Teams": notify them.
    .replace(/\b(?:the\s+)?(?:outcome|result|results|actions?\s+taken|action)\s+(?:shall|must|will|should|is\s+to|are\s+to)\s+be\s+(?:communicated|reported|notified|sent|shared)\s+to\s+/gi, 'notify ')
    // "devices ... are under no circumstances isolated or subjected to restricted app execution by automated playbooks".
    .replace(/\b(are|is)\s+(?:under\s+no\s+circumstances?|in\s+no\s+(?:event|case)|at\s+no\s+time)\s+(?=[a-z]+ed\b)/gi, '$1 never ')
    .replace(/\bsubjected\s+to\s+(?:restricted\s+app(?:lication)?\s+execution|app(?:lication)?\s+(?:execution\s+)?restriction)\b/gi, 'restricted')
    // "ensure that devices in the X group are never isolated or restricted": never do that to them.
    .replace(/\b(?:ensure\s+that|make\s+sure\s+that)\s+((?:all\s+|any\s+)?(?:devices|machines|hosts|servers|workstations|users|accounts)\s+[^.;:!?\n]{1,80}?)\s+(?:are|is)\s+never\s+([a-z]+ed)(?:\s+(?:or|nor|and)\s+([a-z]+ed))?\b/gi, (m: string, what: string, first: string, second: string | undefined) => {
      const verbs = [first, second].filter((x): x is string => x !== undefined).map((x) => PARTICIPLES[x.toLowerCase()]);
      return verbs.every(Boolean) ? `never ${verbs.join(' or ')} ${what}` : m;
    })
    .replace(/\s+by\s+(?:(?:the\s+)?automated\s+(?:playbooks?|response|actions?)|(?:the\s+)?automation|(?:this|the)\s+playbook|rampart)\b(?=\s*[.;,]|\s*$)/gi, '')
    // "ensure that no account disablement, password reset or session revocation is performed": none of those steps.
    .replace(new RegExp(String.raw`\b(?:ensure\s+that\s+)?no\s+((?:${NOMINAL})(?:\s*,\s*(?:${NOMINAL}))*(?:\s*,?\s*(?:or|nor|and)\s+(?:${NOMINAL}))?)\s+(?:is|are|shall\s+be|will\s+be|must\s+be|may\s+be)\s+(?:performed|carried\s+out|taken|applied|executed|done|undertaken|initiated)\b`, 'gi'), (m: string, list: string) => {
      const steps = list.split(/\s*,\s*(?:or\s+|nor\s+|and\s+)?|\s+(?:or|nor|and)\s+/).map((x) => NOMINAL_STEPS.find(([re]) => re.test(x.trim()))?.[1]);
      if (steps.some((x) => x === undefined)) return m;
      return steps.length === 1 ? `do not ${steps[0]}` : `do not ${steps.slice(0, -1).join(', ')} or ${steps[steps.length - 1]}`;
    })
    .replace(/\bno\s+(?:blocking|indicators?)\s+(?:shall|will|must|may|is\s+to)\s+(?:occur|be\s+(?:created|applied|added|performed))\b/gi, 'do not block it')
    // "the incident shall instead be assigned to X": instead, assign it to X.
    .replace(/\b(the|its|their)\s+(incidents?|alerts?|devices?|users?|accounts?)\s+(?:shall|will|must|should|is\s+to|are\s+to)\s+instead\s+be\s+([a-z]+ed)\b/gi, (m: string, whose: string, what: string, done: string) => (PARTICIPLES[done.toLowerCase()] ? `instead ${PARTICIPLES[done.toLowerCase()]} ${whose.toLowerCase()} ${what}` : m))
    // "(full) isolation shall be applied": isolate them.
    .replace(/\b(?:(full|selective)\s+)?(?:network\s+)?isolation\s+(?:shall|must|will|should|is\s+to)\s+be\s+applied\b/gi, (_m, kind: string | undefined) => `isolate the devices${kind ? ` (${kind.toLowerCase()} isolation)` : ''}`)
    // "Ensure that all incidents tagged 'X' are excluded from automated response": skip them.
    .replace(/\b(?:ensure\s+that\s+)?(?:all\s+|any\s+)?(incidents?|alerts?|devices?|users?|accounts?)\s+((?:tagged|labell?ed|in|with|of|from|whose|that)\s+[^.;:!?\n]{1,80}?)\s+(?:are|is|shall\s+be|must\s+be|will\s+be)\s+(?:excluded|exempt(?:ed)?)\s+from\s+(?:(?:all|any)\s+)?(?:automated\s+(?:response|actions?|remediation|handling|containment)|automation|(?:this|the)\s+(?:playbook|automation|rule|control))\b/gi, (_m, what: string, which: string) => `skip ${what.toLowerCase().replace(/^(incident|alert|device|user|account)$/, '$1s')} ${which}`)
    // "Indicators shall not be created for files assessed below this threshold": the other side of the threshold said.
    .replace(/(^|[.;!?]\s+|\n\s*)(?:indicators?|iocs?|blocks?)\s+(?:shall|must|will|should|are\s+to)\s+not\s+be\s+(?:created|added|raised|applied|set)\s+for\s+[^.;!?\n]{0,60}?\bbelow\s+(?:this|that|the)\s+threshold\b/gi, '$1Otherwise, do not create indicators')
    // "Incidents involving any other device group shall remain open": the other side of the case, left as it is.
    .replace(/(^|[.;!?]\s+|\n\s*)(?:incidents?|alerts?|devices?|users?|accounts?)\s+(?:involving|with|in|from|of|on)\s+(?:any\s+)?other\s+[^.;!?\n]{1,60}?\s+(?:shall|must|will|should|are\s+to)\s+(?:remain|stay|be\s+left)\s+(open|unchanged|untouched|as\s+(?:they|it)\s+(?:are|is)|alone)\b/gi, (_m, lead: string, state: string) => `${lead}Otherwise, ${/^open$/i.test(state) ? 'leave the incident open' : 'do nothing'}`);
}

/** A step left out, or cases left out, and what is said after it: "do NOT block the IPs, network team owns the fw". */
const NEGATION_THEN_TAIL = /(^|[.;!?]\s+|\n|,\s*|:\s*)((?:but\s+)?(?:(?:do\s+not|don'?t|dont|never|no)\s+[^,.;:!?\n]{2,60}?|not\s+(?:for|on)\s+[^,.;:!?\n]{2,60}?|leave\s+[^,.;:!?\n]{2,60}?\s+alone))(\s*,\s*(?:because\s+|since\s+|as\s+|cuz\s+|bc\s+|coz\s+)?|\s+(?:because|since|cuz|bc|coz)\s+)([^.;:!?\n]{3,100})(?=[.;!?\n]|$)/gi;
/** Words a tail would need to say which cases, devices, accounts or IOCs (or a number, a name in quotes). */
const TAIL_NAMES_A_CASE = /\b(?:if|when|where|whenever|unless|until|for|on|in|with|without|from|after|before|during|severity|sev|critical|high|medium|low|info(?:rmational)?|servers?|workstations?|laptops?|desktops?|devices?|machines?|hosts?|box(?:es)?|endpoints?|dcs?|users?|accounts?|admins?|groups?|tags?|tagged|named|called|alerts?|incidents?|ips?|urls?|domains?|hash(?:es)?|files?|indicators?|iocs?|titles?|categor(?:y|ies)|windows|linux|mac(?:os|s)?)\b|['"\u2018\u201c]|\d/i;

/**
 * "do NOT block the IPs, network team owns the fw and they will scream", "no iso, too noisy rn", "never disable them
 * because they lose order entry": after what is left out, words that name no step, no case and no limit say why. They
 * go, and the rule-out stands as said. (Whatever such words could have narrowed, leaving them out only leaves out more.)
 */
function reasonsAfterRuleOuts(text: string): string {
  return text.replace(NEGATION_THEN_TAIL, (m: string, lead: string, ruleOut: string, _sep: string, tail: string) => {
    // ("the whole business runs off those shares": what depends on the thing left alone, no step; "shares" is a noun there.)
    // ("they are in production": what a thing is used for, no case.)
    const said = tail.replace(/\b(?:runs?|running|ran)\s+off\b|\b(?:depends?|depending|relies|rely|relying)\s+on\b|\b(?:those|these|the|our|their|its|file|network|smb)\s+shares\b|\b(?:are|is|'re|being|stay|stays)\s+(?:in|on)\s+(?:production|prod|use|service|live)\b|\b(?:we'?ve|we\s+have|we)\s+had\s+(?:fps?|false\s+positives?|issues|problems|outages|trouble)\b[^,.;!?]*|\b(?:we|they|you)\s+(?:need|use|rely\s+on)\s+(?:those|them|these|it)\s+for\s+[\w-]+(?:\s+[\w-]+)?/gi, ' ');
    return STEP_VERB.test(said) || NARROWS.test(said) || TAIL_NAMES_A_CASE.test(said) ? m : `${lead}${ruleOut}`;
  });
}

/** "X alerts = <what they are>": a kind of alert defined with "=", a sentence of its own. */
const DEFINED_WITH_EQUALS = /(^|[.;!?]\s+|\n\s*)((?:[\w'-]+\s+){0,3}(?:alerts?|incidents?|detections?|hits?|ones))\s+=\s+([^=.;!?\n]{3,200}?)\s*(?:[.;!?]|(?=\n)|$)/gi;

/** Words a regulation or an SOP titles its parts with ("Section 6 - Notification", "Clause 8 (Test detections)"). */
const PART = String.raw`(?:section|clause|article|control|policy|sop|annex|part|chapter|rule|standard|provision|appendix|requirement|procedure)`;

/** What records a change's approval: a board, a reference, who approved it or on whose behalf it is asked. */
const CHANGE_RECORD = /\b(?:e?cab|change\s+(?:board|ref(?:erence)?|request|record|advisory\s+board|approval|control|ticket|number)|standing\s+change|approved\s+(?:by|under|at|in|via|on|through)|authori[sz](?:ed|ation)\s+(?:by|under)|authority\s+to\s+proceed|(?:per|under)\s+(?:e?cab|change|the\s+change)|on\s+behalf\s+of)\b/i;
/** What a record of a change must not hold to be read as one: a case, a step, a kind of thing, an address. */
const CHANGE_KEEPS = /\b(?:only|just|not|never|no|none|except\w*|exclud\w*|unless|if|when|whenever|where|while|without|instead|alerts?|incidents?|detections?|devices?|machines?|hosts?|servers?|workstations?|laptops?|users?|accounts?|severity|high|medium|low|critical|informational|categor\w*|tag\w*|groups?|isolat\w*|disabl\w*|block\w*|quarantin\w*|restrict\w*|reset|revok\w*|scan\w*|collect\w*|assign\w*|clos\w*|resolv\w*|post\w*|e-?mail\w*|mail|notif\w*|comment\w*|vt|virustotal|ips?|urls?|hash\w*|files?|skip\w*|ignor\w*|spar\w*|leave|alone|internal|private|external|public|address\w*|ranges?|subnets?|domains?|senders?)\b|@/i;

/**
 * The record of a change around a request: "Raised under change request 4471, approved by the operations board last
 * Tuesday.", or "Network hygiene, per the change advisory board (ref 5512):" before the request. Who approved it narrows
 * nothing; a sentence that also names a case, a step or a kind of thing is read.
 */
function changeRecords(input: string, background: string[]): string {
  const record = (said: string): boolean => CHANGE_RECORD.test(said) && !CHANGE_KEEPS.test(said.replace(/\b(?:please\s+)?implement\s+the\s+following\b/gi, ' '));
  // A heading before a colon, at the start of the request or of a line.
  let text = input.replace(/(^|\n)([^:\n]{3,160}?):\s+(?=\S)/g, (m: string, lead: string, said: string) => {
    if (!record(said)) return m;
    background.push(said.trim());
    return lead;
  });
  // Sentences of their own.
  text = text.replace(/(^|\n|(?<=[.!?])[ \t]+)((?:[^.!?\n]|[.!?](?![\s]|$))+[.!?]?)/g, (m: string, lead: string, said: string) => {
    if (!record(said)) return m;
    background.push(said.trim().replace(/[.!?]$/, ''));
    return lead === '\n' ? lead : '';
  });
  return text;
}

/**
 * A request written as a policy: numbered provisions under headings, defined terms, cross-references. The headings are
 * titles and the numbers and references say where a provision sits, not which incidents; "X" means Y defines a term,
 * which reads as its meaning where it is used (a mailbox, a group, a kind of device).
 */
function provisions(input: string, background: string[]): string {
  const lines = input.split('\n');
  if (lines.length < 3 || !lines.some((l) => /^\s*(?:\(?[a-z]\)|\(?[ivx]+\)|[A-Z]{0,4}-?\d+(?:\.\d+)+|\d+\.\d+)\s/i.test(l))) return input;
  const kept: string[] = [];
  for (const line of lines) {
    const bare = line.trim();
    // "Section 6 - Notification", "1. Definitions", "Article 4 - Measures", "SOP-17 (Ransomware)": a heading.
    if (new RegExp(String.raw`^(?:${PART}\s*[\w.-]*|[A-Z]{1,5}-\d+(?:\.\d+)*|\d+\.)\s*(?:[-–—:.]\s*|\(\s*)?[A-Z][\w\s,&/-]{0,60}\)?\s*\.?$`, 'i').test(bare) && !/\b(?:shall|must|will|is|are|be)\b/i.test(bare)) {
      background.push(bare);
      continue;
    }
    kept.push(line
      // "2.1 ", "R-4.1 ", "(a) ", "1.1 Definitions." : the provision's number.
      .replace(/^(\s*)(?:\(?[a-z]\)|\(?[ivx]+\)|[A-Z]{1,4}-?\d+(?:\.\d+)*|\d+(?:\.\d+)+\.?)\s+(?:definitions?\.\s*)?/i, '$1')
      // "(see 1.1)", "(see Annex B)": where a term is defined.
      .replace(/\s*\(\s*see\s+[^()]{1,30}\)/gi, '')
      // "shall (i) isolate ...; (ii) set ...; and (iii) notify ...": the items' numbers.
      .replace(/\s*\((?:i|ii|iii|iv|v|vi|vii|viii|[a-h])\)\s*/g, ' ')
      // "This SOP applies to any incident whose title ...": the incidents the provisions are for.
      .replace(new RegExp(String.raw`^(\s*)this\s+(?:${PART}|sop|runbook|document)\s+(?:only\s+)?applies\s+(?:only\s+)?to\s+`, 'i'), '$1Trigger: ')
      // ", irrespective of case": a title's words match in any case.
      .replace(/,?\s*(?:irrespective|regardless)\s+of\s+(?:letter\s+)?case\b/gi, '')
      // "and a comment citing this Clause", "under this Section": where the provision sits.
      .replace(new RegExp(String.raw`\s+(?:citing|under|of|in|by)\s+this\s+${PART}\b`, 'gi'), ''));
  }
  let text = kept.join('\n');
  // '"SecOps Mailbox" means soc@contoso.com.': the term is that mailbox wherever it is used.
  const terms: Array<[string, string]> = [];
  text = text.replace(/(^|[.;]\s+|\n\s*)["\u201c]([^"\u201d]{2,40})["\u201d]\s+(?:means|shall\s+mean|refers\s+to|is)\s+([\w.+-]+@[\w-]+(?:\.[\w-]+)*[\w-])\s*(?=[.;\n]|$)/gi, (_m, lead: string, term: string, mail: string) => {
    terms.push([term, mail]);
    return lead;
  }).replace(/(^|\n)\s*(?:[.;]\s*)+/g, '$1');
  for (const [term, meaning] of terms) text = text.replace(new RegExp(String.raw`\b(?:the\s+)?${escapeTerm(term)}s?\b`, 'gi'), meaning);
  // '"Clinical Device" means a device bearing the machine tag "Clinical".': the term is those devices where it is used.
  const kinds: Array<[string, [string, string]]> = [];
  text = text.replace(/(^|[.;]\s+|\n\s*)(?:\([a-z]\)\s*)?["\u201c]([^"\u201d]{2,40})["\u201d]\s*(?:means|shall\s+mean|refers\s+to|:)\s+(?:an?\s+|any\s+)?(devices?|machines?|endpoints?|accounts?|users?)\b([^.;\n]*)(?=[.;\n]|$)/gi, (m, lead: string, term: string, noun: string, rest: string) => {
    const phrase = definedAs(noun, rest);
    if (!phrase) return m;
    kinds.push([term, phrase]);
    return lead;
  }).replace(/(^|\n)\s*(?:[.;]\s*)+/g, '$1');
  for (const [term, [one, many]] of kinds) {
    text = text.replace(new RegExp(String.raw`\b${escapeTerm(term)}(s?)\b`, 'gi'), (_m, plural: string) => (plural || /s$/i.test(term) ? many : one));
  }
  return text;
}

/** What a defined term of devices or accounts is, in the words the grammar reads: [one, many]; null when unknown. */
function definedAs(noun: string, rest: string): [string, string] | null {
  const said = rest.trim();
  if (/^(?:devices?|machines?|endpoints?)$/i.test(noun)) {
    const tag = /\b(?:bearing|with|carrying|that\s+(?:has|have|bears?))\s+(?:the\s+)?(?:machine\s+|device\s+)?tag\s+["\u201c']?([\w.-]+)["\u201d']?$/i.exec(said);
    if (tag) return [`device tagged ${tag[1]}`, `devices tagged ${tag[1]}`];
    const name = /\bwhose\s+(?:host\s?|device\s+|dns\s+)?name\s+(?:begins|starts)\s+with\s+["\u201c']?([\w.-]+)["\u201d']?$/i.exec(said);
    if (name) return [`device named ${name[1]}*`, `devices named ${name[1]}*`];
    if (/^(?:running|whose\s+(?:operating\s+system|os)\s+is)\s+(?:a\s+)?windows\s+server(?:\s+(?:edition|os|operating\s+system))?$/i.test(said)) return ['Windows server', 'Windows servers'];
    if (/\b(?:client\s+edition\s+of\s+windows|windows\s+(?:client|10|11|workstation)(?:\s+edition)?)$/i.test(said) && !/\bserver\b/i.test(said)) return ['Windows workstation', 'Windows workstations'];
    return null;
  }
  const group = /^(?:that\s+is\s+)?(?:an?\s+)?members?\s+of\s+the\s+group\s+["\u201c']([^"\u201d']{2,40})["\u201d']$/i.exec(said.replace(/^(?:that\s+is\s+|who\s+is\s+)/i, ''));
  if (group) return [`account in the '${group[1]}' group`, `accounts in the '${group[1]}' group`];
  return null;
}

function escapeTerm(term: string): string {
  return escapeRegExp(term.trim()).replace(/\s+/g, '\\s+');
}

function markdownTables(input: string): string {
  if (!/^\s*\|.*\|\s*$/m.test(input)) return input;
  const lines = input.split(/\r?\n/);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const sep = lines[i + 1] ?? '';
    const cells = (l: string) => l.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
    if (/^\s*\|.*\|\s*$/.test(lines[i]) && /^\s*\|?\s*:?-{3,}:?\s*\|\s*:?-{3,}:?\s*\|?\s*$/.test(sep) && cells(lines[i]).length === 2) {
      i += 2;
      for (; i < lines.length && /^\s*\|.*\|\s*$/.test(lines[i]); i++) {
        const [when, what] = cells(lines[i]);
        if (when && what) out.push(`${when}: ${what.replace(/[.\s]+$/, '')}.`);
      }
      i--;
      continue;
    }
    out.push(lines[i]);
  }
  return out.join('\n');
}

function preamble(input: string, background: string[]): string {
  const sentences = input.split(/(?<=[.!?])\s+(?=[A-Z"'(])/);
  let i = 0;
  while (i < sentences.length - 1 && NARRATIVE.test(sentences[i]) && !NARROWS.test(sentences[i].replace(/\bwith\s+no\s+[a-z]+\b/gi, '')) && !STEP_VERB.test(sentences[i].replace(/\bcheck(?:ing)?\s+in\b|\b(?:going|from\s+now)\s+forward\b/gi, ''))) i++;
  // (The sentence after the story names its own case, "When MDE raises ...": the story's nouns are not the scope then.)
  if (i === 0 || !/^(?:when|whenever|if|for|on|any\s+time|every\s+time)\b/i.test(sentences[i]) || !sentences.slice(i).some((x) => STEP_VERB.test(x))) return input;
  background.push(...sentences.slice(0, i).map((x) => x.trim()));
  return sentences.slice(i).join(' ');
}

/**
 * "isolate the box, disable the user, if the box is a DC dont touch ANYTHING, we do DCs by hand, just ping the AD team":
 * with such a device in the incident none of the steps before runs (back to the heading they are listed under), only the
 * one after "just" (read as an exclusion of the device steps alone, the user had been disabled in the DC's incident).
 */
function untouchedCase(input: string): string {
  const said = UNTOUCHED_CASE.exec(input);
  if (said) {
    const kind = said[1].replace(/s$/i, '');
    const before = input.slice(0, said.index).split(/(?<=[.;!?:\n])/);
    for (let i = before.length - 1; i >= 0; i--) {
      if (/:\s*$/.test(before[i]) && i < before.length - 1) break;
      if (STEP_VERB.test(before[i])) before[i] = before[i].replace(/^([\s\S]*?)([.;!?]?)(\s*)$/, (_m, body: string, stop: string, space: string) => `${body}, unless the incident involves a ${kind}${stop}${space}`);
    }
    return `${before.join('').replace(/[,\s]*$/, '')}. if the incident involves a ${kind}, ${said[2].trim()}${input.slice(said.index + said[0].length)}`;
  }
  return input;
}

/**
 * "isolate the box and disable the user. unless a DC is involved. if a DC is involved, just post": an "unless" said as a
 * sentence of its own, with no step in it, holds every step said before it (back to the heading they are listed under);
 * left alone, its words were taken by the branch after it and the DC was isolated.
 */
function unlessSentences(input: string): string {
  const sentences = input.split(/(?<=[.!?;\n])(?=\s)/);
  if (sentences.length < 3) return input;
  for (let i = 1; i < sentences.length; i++) {
    const said = /^\s*unless\s+([^.!?;\n]{3,120}?)\s*[.!?;]?\s*$/i.exec(sentences[i]);
    if (!said || STEP_VERB.test(said[1])) continue;
    // (Only when something after it goes on: an "unless" that ends the request already reaches the sentence before it.)
    if (!sentences.slice(i + 1).some((x) => x.trim())) continue;
    let held = false;
    for (let j = i - 1; j >= 0; j--) {
      if (/:\s*$/.test(sentences[j])) break;
      if (!STEP_VERB.test(sentences[j])) continue;
      sentences[j] = sentences[j].replace(/^([\s\S]*?)([.!?;]?)(\s*)$/, (_m, body: string, stop: string, space: string) => `${body}, unless ${said[1]}${stop}${space}`);
      held = true;
    }
    if (held) sentences[i] = '';
  }
  return sentences.join('');
}

/** A runbook's heading on a line of its own: "Trigger", "Automated actions", "Never", "Exceptions (do NOT disable)". */
const RUNBOOK_HEADING = /^(?:trigger|conditions?|criteria|filters?|scope|(?:automated\s+|response\s+)?actions?|steps?|rules?|response|remediation|containment|never|do\s+not|don'?t|exceptions?|exclusions?|otherwise|else|notify|notifications?|why|reason|context|owner|notes?|title|name|summary|purpose|description)\b/i;

/** A line that could say which incidents or what to do: a step, a case, a kind of entity, a name, a number. */
const LINE_SAYS_SOMETHING = /\d|["'][^"']+["']|\b[\w]+-[\w-]+\b|\*|@[\w.-]+\.\w|\b(?:isolat|contain|quarantin|scan|collect|restrict|block|disabl|reset|revok|assign|tag|clos|resolv|post|e-?mail|mail|notif|ping|comment|releas|confirm|compromis|dismiss|investigat|escalat|ransomware|phish|malware|ignor|exclud|classif|determin)\w*|\b(?:only|unless|except|if|when|whenever|never|not|no|nothing|dont|don't|do|skip|leave|run|stop|kill|lock|send|message|alerts?|incidents?|devices?|hosts?|box|boxes|machines?|users?|accts?|accounts?|servers?|workstations?|laptops?|files?|hash|hashes|ips?|urls?|links?|domains?|sev|severity|high|medium|low|informational|info|critical|mde|mdo|mdi|defender|vt|virustotal|teams|channel|dcs?|svc|linux|mac|macs|macos|windows|package|pkg|av|antivirus|group|grp|kiosks?|desktops?|pcs?|endpoints?|tablets?|printers?|tills?|terminals?|vips?|execs?|executives?|admins?|lockdown)\b/i;

/**
 * A message typed in bursts during an incident: "ok ppl LISTEN UP", "URGENT", "GO", "ty", "@jonas watch the queue pls".
 * A line that names no step, case, entity or value is said to the room, not to Rampart; a line that opens on @names
 * is said to those people unless what follows names something. Both are kept as background.
 */
function roomLines(input: string, background: string[]): string {
  const lines = input.split('\n');
  if (lines.length < 3) return input;
  const kept = lines.filter((line) => {
    const bare = line.trim();
    if (!bare) return true;
    const toPeople = /^(?:@[\w.-]+[\s,:]*)+/.exec(bare);
    const rest = toPeople ? bare.slice(toPeople[0].length) : bare;
    if (LINE_SAYS_SOMETHING.test(rest) || STEP_VERB.test(rest)) return true;
    // A label ("Actions:", a heading "Automated actions" or "Never" on its own line), a field ("src: X"), or a word Rampart
    // does not know: the line may say something after all.
    if (/:/.test(rest) || /[=<>~&|[\]{}()]/.test(rest) || RUNBOOK_HEADING.test(rest)) return true;
    const words = rest.match(TOKEN) ?? [];
    if (words.some((w) => DOMAIN_WORDS.has(w.toLowerCase()) || !(known(w) || isEnglishWord(w.toLowerCase())))) return true;
    background.push(bare);
    return false;
  });
  return kept.length > 0 && kept.some((l) => l.trim()) ? kept.join('\n') : input;
}

/** "last year we blocked ...", "yesterday the CEO got popped": a sentence told in the past opens on a time gone by. */
const PAST_STORY = /^(?:(?:lol|honestly|so|and|but|ok(?:ay)?)\s*,?\s+|(?:context|background|fyi|for\s+context)\s*[:,-]\s*)*(?:last\s+(?:year|month|week|time|night|quarter|summer|winter|spring|autumn|fall)|yesterday|a\s+(?:while|few\s+(?:days|weeks|months|years))\s+(?:ago|back)|back\s+in\s+\w+|previously|in\s+(?:19|20)\d\d)\b/i;
const PAST_VERB = /\b(?:[a-z]{3,}ed|got|was|were|had|took|broke|went|made|lost|hit|ran|caught|did|came|blew)\b/i;

/**
 * "last year we blocked an internet address and it turned out to be our card payment company ..., so no addresses or
 * websites": what happened once is background, never a step (read as one, it became a block of IPs); what the story
 * leads to, after ", so", stays.
 */
function pastStories(input: string, background: string[]): string {
  // "the microsoft email protection one (Defender for Office I think its called?)": the product the aside names is the one
  // meant; the loose words before it say nothing more.
  input = input.replace(/\b(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:one|thing|tool|product|system|stuff|app)\s*\(\s*((?:microsoft\s+)?(?:defender\s+for\s+(?:office|endpoint|identity|cloud\s+apps)(?:\s+365)?|(?:microsoft\s+)?entra\s+(?:id\s+)?protection|identity\s+protection|mde|mdo|mdi|mdca|mcas))\b(?:[,\s]*(?:i\s+(?:think|believe|guess)\s+)?(?:it'?s|its|that'?s|it\s+is)\s+(?:called|the\s+name))?\s*\??\s*\)/gi, '$1');
  // "im the only IT person for our 9 stores and security isnt my thing, but could you set it up so when ...": who asks
  // is background; the request starts at the ask.
  const ask = /^([^.!?]{10,300}?),?\s+but\s+(?=(?:can|could|would|will)\s+(?:you|u|ya)\s+(?:please\s+|pls\s+|plz\s+)?(?:set\s+(?:it|this|things)\s+(?:up\s+)?|make\s+(?:it|this)\s+)so\b)/i.exec(input);
  if (ask && !STEP_VERB.test(ask[1]) && !NARROWS.test(ask[1].replace(/\b(?:i'?m|im|i\s+am|we'?re|we\s+are)\s+(?:the\s+|a\s+)?only\b/gi, '').replace(/\b(?:is|am|are)(?:\s+not|n'?t)\s+(?:really\s+)?(?:my|our)\s+(?:thing|area|strong\s+suit|forte|job)\b|\b(?:really\s+)?(?:isn'?t|isnt)\s+(?:really\s+)?(?:my|our)\s+(?:thing|area|strong\s+suit|forte|job)\b/gi, ''))) {
    background.push(ask[1].trim());
    input = input.slice(ask[0].length).replace(/^(?:can|could|would|will)\s+(?:you|u|ya)\s+(?:please\s+|pls\s+|plz\s+)?(?:set\s+(?:it|this|things)\s+(?:up\s+)?|make\s+(?:it|this)\s+)so\s+(?:that\s+)?/i, '');
  }
  // (The line breaks between sentences are kept: a list or a "Trigger:" line reads by them.)
  return input.split(/((?<=[.!?])\s+)/).map((sentence, i) => {
    if (i % 2 === 1 || !PAST_STORY.test(sentence)) return sentence;
    const cut = sentence.search(/,\s*so\s+(?!that\b)/i);
    const story = cut > 0 ? sentence.slice(0, cut) : sentence;
    if (!PAST_VERB.test(story.replace(PAST_STORY, ''))) return sentence;
    background.push(story.trim().replace(/[.!?]$/, ''));
    return cut > 0 ? sentence.slice(cut).replace(/^,\s*so\s+/i, '') : '';
  }).join('').trim();
}

/**
 * "<steps>. unless the user is in X, just post in teams", "... unless the user is in X, the desk lead handles those herself,
 * so for them only email her instead": "just" puts the post in the place of the steps before, for those the "unless" names.
 * Read word for word, the steps had run on X's members only and the post on everyone else. (After a case of its own,
 * "if ... . If she is not a member, only post", the other side is read as it stands.)
 */
function unlessJustInstead(text: string): string {
  return text.replace(/(^|[.;!?]\s+)unless\s+([^,.;!?\n]{3,100}?)\s*,\s*((?:[^.;!?\n]{0,80}?,\s*)?)(?:so\s+)?(?:then\s+)?(?:for\s+(?:them|those|these|him|her)\s*,?\s+)?(?:just|only)\s+(?=[a-z])/gi, (m: string, lead: string, cond: string, aside: string, at: number, whole: string) =>
    (at > 0 && STEP_VERB.test(whole.slice(0, at)) && !/\b(?:if|unless)\b/i.test(whole.slice(0, at)) && !/\b(?:if|when|not|never|no|unless|except|only)\b|n't\b/i.test(cond) && !STEP_VERB.test(aside) && !/\b(?:if|when|unless|only|not|never|no)\b|n't\b/i.test(aside) ? `${lead}But if ${cond}, just ` : m));
}

/** Kinds of thing a story may name: the story is background only when the rest of the request names them again. */
const STORY_NAMES = /\b(?:servers?|workstations?|laptops?|desktops?|dcs?|domain\s+controllers?|macs?|macos|linux|windows|kiosks?|vips?|execs?|executives?|admins?|contractors?|guests?|hash(?:es)?|ips?|urls?|domains?|groups?|tags?|tagged)\b/gi;
const STORY_NAME = new RegExp(STORY_NAMES.source, 'i');
/** What a story may not say to be set aside: a case, an exception, a negation (but "never again"), a step's mark. */
const STORY_NARROWS = /\b(?:only|just|except|excluding|unless|if|whenever|without|instead|skip\w*|exclud\w*|not|never|no|don'?t|dont)\b|n't\b|->|=>|\u2192|[:"@]|\d{2,}/i;
/** Whether every kind of thing an aside names (STORY_NAMES) is named again in the rest of the request. */
function namedAgain(said: string, rest: string): boolean {
  return [...said.matchAll(STORY_NAMES)].every((n) => new RegExp(String.raw`\b${escapeRegExp(n[0].toLowerCase().replace(/e?s$/, ''))}`, 'i').test(rest));
}

/**
 * A story or a reason told inside a sentence, after its rule: ", we got bitten last year when a till froze mid shift",
 * ", we had a printer go offline for a week once, never again", "(the auditors will want it for the year-end review)", ", the
 * plant floor would lose its schedule". What happened once, and what someone would lose or want, is background when nothing
 * in it narrows (a "when" in a story must be followed by what happened) and every kind of thing it names is named again.
 */
function storyClauses(input: string, background: string[]): string {
  // "full scans slow the macs down for hours", "isolations break the tills": what a kind of step does, said of it in general
  // (the step as the subject of a verb that says what it causes), never a step of its own. (Read as one, the full scan
  // the sentence before had replaced with a quick one ran on the macs as well.)
  input = input.replace(/(^|[.;!?]\s+|,\s*)((?:(?:full|quick|av|antivirus)\s+scans|scans|isolations|isolating\s+\w+|resets|password\s+resets|blocks|restrictions)\b[^.;!?\n]{0,40}?\s+(?:tank|kill|drain|wreck|break|slow|hurt|annoy|upset|cause|mess\s+up|take\s+(?:forever|ages|hours))s?\b[^.;!?\n]*)/gi, (m: string, lead: string, said: string) => {
    if (STORY_NARROWS.test(said)) return m;
    background.push(said.trim());
    return /^,/.test(lead) ? '' : lead;
  });
  // ", throughput > everything", "- uptime over everything": what matters most, said as a motto.
  input = input.replace(/(,\s*|;\s*|\s-\s+)((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*\s*(?:>|\bover\b|\btrumps\b|\bbeats\b)\s*(?:everything|anything|all(?:\s+else)?)(?:\s+else)?)(?=\s*(?:[,.;!?]|$))/gi, (m: string, _lead: string, motto: string) => {
    if (STORY_NARROWS.test(motto.replace(/>/g, ' ')) || STEP_VERB.test(motto) || STORY_NAME.test(motto)) return m;
    background.push(motto.trim());
    return '';
  });
  // "we handle about 60 of those per week": how often the case comes, which is why it should run on its own.
  input = input.replace(/(^|[.;!?]\s+|,\s*|\s-\s+)((?:and\s+|because\s+|since\s+|as\s+|cause\s+|cuz\s+|bc\s+)?(?:we|i|they)\s+(?:get|see|receive|handle|deal\s+with|have)\s+(?:like\s+|about\s+|around\s+|roughly\s+|maybe\s+|easily\s+|over\s+|up\s+to\s+|~\s*)?\d+\+?k?\s+(?:(?:of\s+)?(?:these|those|them|such|alerts?|incidents?|tickets?|mails?|e-?mails?|reports?)\s+)?(?:a|an|one|1|per|each|every)\s+(?:day|week|hour|night|shift|month))(?:\s*,?\s*so(?:\s+(?:pls|please|plz|yeah|ya|yes))?)?(?=\s*(?:[.;!?]|$))/gi, (_m, lead: string, said: string) => {
    background.push(said.trim());
    return /^[,\s-]/.test(lead) && !/[.;!?]/.test(lead) ? '' : lead;
  });
  const clause = /(,\s*|;\s*|\s-\s+|\(\s*)((?:and\s+|because\s+|since\s+|as\s+|cause\s+|cuz\s+|bc\s+)?(?:(?:we|i|they)\s+(?:got\s+(?:burned|burnt|bitten)|were\s+(?:burned|burnt|bitten)|(?:once\s+)?had\s+(?:an?|one|that|this)\s|'ve\s+had\s|have\s+had\s|learned|learnt)|(?:the\s+|our\s+|their\s+)?(?:[\w/&-]+\s+){0,3}?[\w/&-]+\s+(?:would|will|'d|'ll|could)\s+(?:(?:lose|want|need|miss|complain|riot|kill\s+us|freak\s+out)\b|go\s+(?:dark|down|offline)\b|be\s+(?:down|offline|blind|locked\s+out)\b))[^.!?;()\n]*)(\)?)/gi;
  return input.replace(clause, (m: string, lead: string, said: string, close: string, at: number, whole: string) => {
    if (lead.startsWith('(') !== (close === ')')) return m;
    const bare = said.replace(/\s*,?\s*(?:and\s+)?never\s+again\b/gi, ' ');
    // ("when a kiosk went dark": when it happened; "when the alert is high" would be a case.)
    const when = /\bwhen\b(?!\s+(?:[\w-]+\s+){0,5}?(?:went|was|were|had|got|did|died|broke|lost|hit|came|took|froze|fell|ran|hung|shut|blew|[a-z]{3,}ed)\b)/i.test(bare);
    const story = /^(?:and\s+|because\s+|since\s+|as\s+|cause\s+|cuz\s+|bc\s+)?(?:we|i|they)\b/i.test(said);
    if (when || STORY_NARROWS.test(bare) || STEP_VERB.test(bare.replace(/\b(?:drop(?:s|ped)?|fell|falls?)\s+off\b/gi, ' ')) || (story && !PAST_VERB.test(bare))) return m;
    const rest = whole.slice(0, at) + whole.slice(at + m.length);
    if (!namedAgain(bare, rest)) return m;
    background.push(said.trim());
    return lead.startsWith('(') ? '' : /^[,;]/.test(lead) ? '' : ' ';
  });
}

/** Who writes, how sure they are and how they feel about their wording: "I'm coming from the Azure side so bear with me". */
const WRITER = /\b(?:i|i'?m|im|i'?ve|i'?d|me|my|myself|sorry|sry|soz|apolog\w*|thanks?|thank|thx|ty|cheers|hope|hopefully|bear|hi+|hello|hey|basically|wording|phrasing|explain\w*|ugh+|argh+|sigh|ffs|meh|oof|yawn|asleep|sleepy|tired|woken|coffee)\b/i;
/** What could narrow or ask: a case, an exception, a step, a kind of thing, a name, a number. */
const WRITER_KEEPS = /\b(?:only|just|not|never|no|none|nothing|don'?t|dont|except\w*|exclud\w*|unless|but|without|instead|rather|avoid\w*|skip\w*|ignor\w*|spare|leave|alone|if|when|whenever|once|where|while|until|other|else|otherwise|also|too|same|scope|outside|inside|please|pls|could|can|would|should|must|shall|need|needs|want|wants|like|prefer|ensure|alerts?|incidents?|detections?|devices?|machines?|hosts?|box(?:es)?|endpoints?|laptops?|desktops?|workstations?|servers?|dcs?|computers?|pcs?|vms?|users?|accounts?|identit\w*|people|employees?|members?|groups?|files?|hash\w*|ips?|urls?|links?|domains?|iocs?|indicators?|senders?|recipients?|mails?|e-?mails?|messages?|severity|sev|high|medium|low|critical|informational|categor\w*|titles?|tags?|tagged|sources?|vt|virustotal|engines?|detections?|windows|linux|mac\w*|os|channel|teams|chat|tickets?|night\w*|weekends?|hours?|daily|weekly|nightly|morning|evening|shift|days?)\b|n't\b|[0-9"\u201c@:]|(?:^|\s)['\u2018]|->|=>|\u2192/i;
/** Capitalised words a writer's aside may hold: who they are and what they know, never a name that narrows. */
const WRITER_NAMES = /^(?:I|I'm|I've|I'd|I'll|Im|SOC|Azure|Monitor|AWS|GCP|Splunk|QRadar|Sentinel|Rampart|Microsoft|OK|Ok|Hi+|Hey|Hello|Thanks|Thank|Sorry|Oh|Basically)$/;

/**
 * The writer speaking of themself or of their wording, in a sentence of its own: "I'm used to Azure Monitor so sorry if
 * the wording is off.", "Did I explain that right?", "Hii, apologies in advance.", "Basically a runbook for that.". Such
 * a sentence is background only when nothing in it could narrow the steps: no case, exception or negation, no step, no
 * kind of thing, no number, quote or address, and no capitalised name but the writer's own words.
 */
function writerAsides(input: string, background: string[]): string {
  return input.split(/((?<=[.!?])\s+|\n+)/).map((sentence, i) => {
    if (i % 2 === 1) return sentence;
    const body = sentence.trim().replace(/[.!?\u2026]+$/, '');
    if (!body) return sentence;
    // (How sure the writer is of their words: "sorry if the wording is off", "if that makes sense".)
    const plain = body.replace(/\b(?:sorry|apologies)\s+if\s+(?:the|my|this|that|it)\s*(?:wording|phrasing|english|grammar|terminology|terms|question|message|request|explanation)?\s+(?:is|are|was|sounds?|seems?|looks?)\s+(?:a\s+bit\s+|kind\s+of\s+|a\s+little\s+)?(?:off|wrong|weird|odd|strange|confusing|unclear|clumsy|dumb|silly|basic|obvious)\b|\bif\s+(?:that|this|it)\s+makes\s+sense\b|\bthat'?s\s+(?:all|it)\b/gi, '');
    const question = /\?\s*$/.test(sentence.trim());
    if (!(WRITER.test(plain) || question) || WRITER_KEEPS.test(plain) || STEP_VERB.test(plain)) return sentence;
    const names = plain.split(/[\s,;()!?]+/).slice(1).filter((w) => /^[A-Z]/.test(w));
    if (!names.every((w) => WRITER_NAMES.test(w.replace(/[.\u2019']+$/, '').replace(/\u2019/g, "'")))) return sentence;
    background.push(body);
    return '';
  }).join('');
}

/** A source of alerts named in a request: what "every other source" is other than. */
const SOURCE_NAMED = /\b(?:defender\s+for\s+\w+|md[eiao]|mdca|identity\s+protection|entra\s+id\s+protection|sentinel|purview|(?:detection|service)\s+source)\b/i;

/**
 * What a manager says around the ask, in a sentence of its own: what matters most ("<X> is our crown jewel, full stop", "<X>
 * is the number one business risk"), when they need it ("need this live by Friday, thanks") and how it starts ("quick one
 * before the board meeting"). Background only when nothing in it narrows (no case, exception or negation, no step, no
 * number) and every kind of thing it names is named again in the rest.
 */
const PRIORITY_REMARK = new RegExp([
  String.raw`^(?:[\w'-]+\s+){1,6}?(?:is|are|'s|'re)\s+(?:the|our|my)\s+(?:(?:number\s+one|#\s?1|no\.?\s?1|top|biggest|main|key|single\s+biggest|real)\s+)?(?:business\s+)?(?:crown\s+jewels?|priority|risk|concern|worry|headache|focus|vips?)(?:\s+(?:here|now))?(?:\s*,\s*full\s+stop)?`,
  String.raw`^quick\s+(?:one|q|ask|request)(?:\s+(?:before|ahead\s+of)\s+(?:the\s+|my\s+|a\s+)?(?:[\w-]+\s+){0,2}(?:meeting|call|sync|standup|review))?`,
  String.raw`^(?:(?:i|we)\s+)?need\s+(?:this|it)\s+(?:live|done|running|in\s+place|deployed|in\s+prod(?:uction)?)(?:\s+(?:by|before)\s+(?:[\w-]+\s*){1,2})?(?:\s*,?\s*(?:thanks|thx|ty|cheers|please|pls))?`,
].map((x) => `(?:${x})`).join('|') + String.raw`\s*$`, 'i');

function priorityRemarks(input: string, background: string[]): string {
  const parts = input.split(/((?<=[.!?])\s+|\n+)/);
  return parts.map((sentence, i) => {
    if (i % 2 === 1) return sentence;
    const body = sentence.trim().replace(/[.!?]+$/, '');
    if (!body || !PRIORITY_REMARK.test(body) || STORY_NARROWS.test(body) || STEP_VERB.test(body.replace(/,\s*full\s+stop$/i, ''))) return sentence;
    const rest = parts.filter((_x, j) => j !== i).join(' ');
    if (!namedAgain(body, rest)) return sentence;
    background.push(body);
    return '';
  }).join('');
}

/** Who passes an ask on: "my lead", "the Customer Service supervisor", "our CISO", "she". */
const SPEAKER = String.raw`(?:(?:the|my|our|his|her)\s+(?:[\w-]+\s+){0,3}?(?:lead|manager|boss|mentor|supervisor|ciso|cio|director|head|owner|admin|team)|he|she|they)`;
/** A kind of device a sentence may leave alone: "Windows", "Mac devices", "the Windows Server machines", "DCs". */
const LEFT_KIND = String.raw`(?:windows\s+servers?|win\s+servers?|windows(?:\s+1[01])?|mac\s?os|macs?|linux|servers?|workstations?|desktops?|dcs?|domain\s+controllers?)(?:\s+(?:devices?|machines?|hosts?|boxes|box|endpoints?|ones|vms?|clients?))?`;
const LEFT_LIST = String.raw`(?:the\s+|any\s+|all\s+|our\s+)?${LEFT_KIND}(?:\s*(?:,|&|\/|\band\b|\bor\b|,\s*(?:and|or))\s*(?:the\s+)?${LEFT_KIND})*`;
/** Why the writer leaves them alone: "I'll handle those manually", "because another team handles those". */
const LEFT_WHY = String.raw`(?:\s*[,;-]?\s*(?:because|since|as|i'?ll|we'?ll|i\s+will|we\s+will|another\s+team|someone\s+else|they(?:'re|\s+are)\s+(?:handled|covered)|(?:the\s+)?other\s+(?:playbooks?|flows?|rules?|automations?|runbooks?|pbs?)\s+(?:cover|covers|handle|handles|take\s+care\s+of|deal\s+with)|(?:the\s+|our\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:team|folks|people|guys|desk)\s+(?:handles?|owns?|covers?|patch(?:es)?|manages?|deals?\s+with|takes?\s+care\s+of|looks?\s+after))\b[^.!?\n]*)?`;
const LEFT_ALONE = new RegExp(String.raw`(^|[.!?]\s+|\n\s*)(?:(?:but|and|oh\s+and|also)\s+)?(?:${SPEAKER}\s+(?:also\s+)?(?:said|says|told\s+(?:me|us))\s+)?(?:` +
  String.raw`(${LEFT_LIST})\s*,?\s*(?:just\s+|please\s+)?(?:leave\s+(?:them|those|these|it)?\s*(?:alone|be)|(?:are|is)\s+(?:not\s+(?:part\s+of|in\s+scope\s+(?:of|for))|out\s+of\s+scope(?:\s+(?:of|for))?)(?:\s+(?:this|the)\s+(?:one|playbook|rule|automation|request))?|(?:should(?:n'?t|\s+not)|must\s+not|will\s+not|won'?t)\s+be\s+touched|(?:stay|remain)\s+untouched)` +
  String.raw`|(?:please\s+)?(?:leave|(?:do\s+not|don'?t|dont|not|never)\s+(?:to\s+)?(?:touch|do\s+anything\s+(?:to|with|on)))\s+(${LEFT_LIST})(?:\s+alone)?(?:\s+in\s+the\s+same\s+incident)?)${LEFT_WHY}\s*(?=[.!?\n]|$)`, 'gi');

/**
 * "Windows and Mac devices leave alone, I'll handle those manually.", "she said NOT to do anything to the Windows or Mac
 * machines in the same incident, because another team handles those", "Windows machines are not part of this one": kinds
 * of device left out of every step, in a sentence of their own, said as the scope sentence reads them ("Not Windows, not
 * Mac.": each kind said with its "not", so no kind of a list is read as the only one).
 */
function devicesLeftAlone(input: string): string {
  return input.replace(LEFT_ALONE, (_m, lead: string, first: string | undefined, second: string | undefined) => {
    const kinds = (first ?? second ?? '').split(/\s*(?:,\s*(?:and|or)\s+|,|&|\/|\band\b|\bor\b)\s*/i).map((k) => k.trim().replace(/^(?:the|any|all|our)\s+/i, '')).filter(Boolean);
    return `${lead}${kinds.map((k, i) => `${i === 0 ? 'Not' : 'not'} ${k}`).join(', ')}`;
  });
}

/**
 * "Can you set up the equivalent of an alert rule + action group: when ...", "My lead asked me to set up something where,
 * if ...", "could you hook up a flow that ...": who asks for what kind of thing, before the ask itself. The words go only
 * when they narrow nothing (no negation, exception or case) and name nothing.
 */
const ASK_LEAD = new RegExp(String.raw`(^\s*|[.!?]\s+|\n\s*)((?:(?:can|could|would|will)\s+(?:you|u|ya)|please|pls|plz|i\s+need\s+you\s+to|i'?d\s+like\s+(?:you\s+)?to|(?:(?:he|she|they|my\s+[\w-]+|the\s+[\w-]+)\s+)?(?:asked|told|wants?)\s+(?:me|us)\s+to|i\s+was\s+asked\s+to|(?:i|we)\s+(?:need|want)\s+to)\s+(?:please\s+|pls\s+)?(?:set\s+up|setup|make|create|build|write|configure|hook\s+up|put\s+together|wire\s+up)\s+(?:me\s+|us\s+)?(?:something|a\s+thing|one|the\s+equivalent\s+of\s+(?:an?\s+|the\s+)?[\w\s+&/-]{1,60}?|an?\s+(?:[\w-]+\s+){0,3}?(?:playbook|rule|runbook|automation|flow|workflow|logic\s+app|alert\s+rule(?:\s*(?:\+|and|&)\s*(?:an?\s+)?action\s+group)?))(?:\s+for\s+(?:this|that|it|me|us))?)\s*(?::|,?\s*(?:where|so\s+that|such\s+that|that|which)\b\s*,?|,|-)\s*(?=\S)`, 'gi');
/**
 * "Think of this like a deny rule on an NSG but in Defender:", "Treat the Defender device groups like resource groups for
 * me:", "sort of an RBAC question:": what the writer compares the ask to, before a colon. Background when it narrows
 * nothing.
 */
const ANALOGY_LEAD = /(^\s*|[.!?]\s+|\n\s*)((?:think\s+of\s+(?:this|it)\s+(?:like|as)|treat\s+(?:this|it|the\s+[\w\s-]{1,40}?)\s+(?:like|as)|(?:this\s+is\s+)?(?:basically|sort\s+of|kind\s+of|a\s+bit\s+like)\s+(?:like\s+)?(?:an?\s+)?)[^.:!?\n]{1,80}?)\s*:\s*(?=\S)/gi;
/**
 * A lead the writer says before the ask, set aside as background unless `keeps` finds a word in it that could narrow. The
 * background keeps the lead's own words (`said`), or, with `whole`, everything matched but the colon ("my lead says").
 */
function backgroundLead(input: string, background: string[], lead: RegExp, keeps: (said: string) => boolean, whole = false): string {
  return input.replace(lead, (m, start: string, said: string) => {
    if (keeps(said)) return m;
    background.push(whole ? m.slice(start.length).replace(/:\s*$/, '').trim() : said.trim());
    return start;
  });
}

/**
 * "handover 23:00-07:00, quiet night, closed 2 FPs. ask for the automation going fwd: ...", "<news of the night>. pls automate:
 * ...", "KEV-related, no IOCs yet. meanwhile: ...": the writer marks where the ask starts; what comes before is their news.
 * It goes to the background only when it could narrow nothing: no step said as an order, no case, exception or negation, and
 * no kind of thing (a severity, a kind of device or account, a group, tag, tenant or customer) the ask does not name again.
 */
const ASK_MARKER = /(^|[.!?]\s+|[:;,]\s*|\s[-\u2013\u2014]\s*|\s(?:and|\+|&)\s+|\n\s*(?:\d+[.)]\s*)?)(?:(?:an?\s+)?(?:automation|autom8|automate)\s+(?:ask|req|request)(?:\s+from\s+me)?(?:\s+re\s+([^:\n]{1,60}?))?|(?:an?\s+)?ask\s+for\s+(?:the\s+|an?\s+)?automation(?:\s+going\s+(?:fwd|forward))?|(?:pls|please|plz)\s+automate(?:\s+(?:this|the\s+following))?|meanwhile|(?:new\s+)?rule\s+(?:going\s+(?:fwd|forward)|from\s+now\s+on|from\s+today)|quick\s+(?:one|q|ask|request)(?:\s+(?:for\s+(?:you|u|the\s+bot)|before\s+i\s+(?:log\s+off|go|head\s+out|leave|sign\s+off|sleep)))?|hand-?over\s*(?:notes?\s*)?(?:and|\+|&)\s*(?:an?\s+)?(?:ask|req|request))\s*:\s*(?=\S)/i;
/** Words a reply in a thread agrees with what it quotes: "+1", "agreed", "what @Lena said", "this", "yes pls". */
/** A word a reply opens with to agree, and "what @Lena said". */
const AGREE = String.raw`(?:\+1|agreed?|yes|yep|yeah|this|same|seconded|ack|approved?)`;
const SAID_BY = String.raw`what\s+@?[\w.-]+\s+said`;
const ENDORSES = new RegExp(String.raw`^\s*(?:${AGREE}|do\s+it|lets\s+do\s+(?:it|that|this))\b|\b${SAID_BY}\b|\b(?:agree|agreed)\s+with\s+@?[\w.-]+`, 'i');
/** The agreement a reply opens with ("+1 to what @Lena said:"), then whose words it agrees with, before what it adds. */
const AGREEMENT_LEAD = new RegExp(String.raw`^\s*${AGREE}\b\s*(?:to\s+${SAID_BY})?\s*[:,.!-]*\s*`, 'i');
const SAID_BY_LEAD = new RegExp(String.raw`^(?:to\s+)?${SAID_BY}\s*[:,.!-]*\s*`, 'i');

/**
 * A reply in a Teams thread: colleagues' messages quoted with ">" ("> **Priya**: can we ...?"), emoji shortcodes (":fire:"),
 * @mentions. A quote is what the reply agrees with ("+1", "agreed", "what @Lena said") and then part of the ask; otherwise it
 * is the thread's context (a question, a complaint), and the reply after it is the ask.
 */
function threadReply(input: string, background: string[]): string {
  // (A quote opens with words: "> 12 engines", ">= 9 ->" are comparisons.)
  const quote = /^[ \t]*>(?!=)[ \t]*(?=[A-Za-z*_@])/;
  if (!input.split('\n').some((l) => quote.test(l)) && !/:(?:[a-z][a-z0-9_+-]*|100):/.test(input)) return input;
  const text = input
    .replace(/(?<![\w:])(?::(?:[a-z][a-z0-9_+-]*|100|\+1|-1):)+(?![\w])/g, ' ')
    .replace(/(^|\s)@(?:channel|here|everyone|team|rampart)\b[,:]?/gi, '$1');
  const lines = text.split('\n');
  const quoted = lines.filter((l) => quote.test(l));
  if (quoted.length === 0) return text;
  const reply = lines.filter((l) => !quote.test(l)).join('\n').trim();
  const said = quoted.map((l) => l.replace(/^[ \t]*>\s*/, '').replace(/^(?:\*\*|__)?@?[A-Z][\w.-]{1,30}(?:\*\*|__)?\s*:\s*/, '').trim()).filter(Boolean);
  // ("agreed: rule going fwd: VT >= 40 -> block": a reply that says the quoted step again in its own words has the rule.)
  const stems = (x: string): string[] => (x.toLowerCase().match(/\b(?:isolat|contain|block|quarantin|restrict|scan|collect|disabl|reset|revok|confirm|tag|assign|clos|resolv|post|mail|comment)\w*/g) ?? []).map((w) => w.slice(0, 5));
  const restated = stems(reply).some((w) => stems(said.join(' ')).includes(w));
  if (ENDORSES.test(reply) && !restated) {
    // ("+1 :fire: but only workstations": the quote is the ask, and what the reply adds stays after it.)
    const added = reply.replace(AGREEMENT_LEAD, '').replace(SAID_BY_LEAD, '');
    return `${said.join(' ')}${/[.!?]$/.test(said.join(' ')) ? '' : '.'} ${added}`.trim();
  }
  background.push(...said);
  // ("agreed, rule going fwd: ..." said of a quote it restates: the agreement is no word of the rule.)
  return reply.replace(/^\s*(?:\+1|agreed?|yes|yep|yeah|same|seconded|ack)\b\s*[:,.!-]*\s*/i, '');
}

/**
 * How a threat-intelligence note is labelled for sharing and trust, never which incidents: "TLP:AMBER", "(TLP:RED, SOC
 * only!!)", "conf 70", "confidence 85", "pls don't forward outside the SOC". A confidence said as a test ("only if
 * confidence > 80") is no label and stays (Rampart cannot test it, so it is asked about).
 */
function intelMarkings(input: string, background: string[]): string {
  if (!/\btlp\s*:|\bconf(?:idence)?\b/i.test(input)) return input;
  const said = (m: string): string => {
    background.push(m.replace(/^[\s(,;:\u2014\u2013-]+|[\s),;:\u2014\u2013-]+$/g, ''));
    return ' ';
  };
  return input
    .replace(/\(?\s*\btlp\s*:\s*(?:red|amber(?:\+strict)?|green|clear|white)\b(?:\s*[,(]\s*[a-z ]{2,30}?\s+only\s*!*\s*\)?)?(?:\s*,\s*conf(?:idence)?\s*:?\s*(?:\d{1,3}%?|low|med(?:ium)?|high|hi|lo)(?:\s*[-/]\s*(?:low|med(?:ium)?|high))?)?\s*\)?\s*(?:[\u2014\u2013]|-(?=\s))?/gi, said)
    .replace(/(?<!\b(?:if|when|only|unless|where|whose|with|at\s+least|over|above|below|under)\s+(?:the\s+)?)\bconf(?:idence)?\s*:?\s*(?:\d{1,3}%?(?!\s*(?:\+|or\s+(?:more|higher|above)))|low|med(?:ium)?|high|hi|lo)(?:\s*[-/]\s*(?:low|med(?:ium)?|high))?\b(?!\s*(?:[<>=]|or\s|and\s+(?:above|up)))/gi, said)
    .replace(/(^|[.;!?\n]\s*|,\s*)(?:(?:pls|please)\s+)?(?:do\s+not|don'?t|dont)\s+(?:forward|share|send)\s+(?:this\s+|it\s+)?(?:outside|beyond)\s+(?:the\s+)?(?:soc|team|company|org)\b\s*[.!]*/gi, (m: string, lead: string) => { said(m); return lead; })
    .replace(/(^|[.;!?\n]\s*)legal\s+(?:is|are)\s+(?:on\s+it|looped\s+in|involved|aware)\s*[.!]*/gi, (m: string, lead: string) => { said(m); return lead; });
}

/** A line of an IOC list: the value, maybe its kind before it and a note in brackets after it ("sha256 <hash>", "url <url> (loader)"). */
const IOC_LINE = new RegExp(String.raw`^[ \t]*(?:[-*\u2022][ \t]*)?(?:(?:ip|ipv4|url|domain|sha-?256|sha-?1|md5|hash)[ \t]*[:=]?[ \t]+)?(${IOC_VALUE})[ \t]*(?:\([^()\n]{1,60}\))?[ \t]*[.,;]?[ \t]*$`, 'i');
/** "if any of these shows up in an incident", "if either shows up": the values listed before. */
const ANY_OF_THESE = /\b(if|when|whenever)\s+(?:(?:any|one)\s+of\s+(?:these|those|them|the\s+above)|either(?:\s+of\s+(?:these|those|them|the\s+above))?)(?:\s+(?:ips?|iocs?|hashes|urls?|indicators?|addresses|values))?\s+(?=(?:shows?\s+up|appears?|is\s+seen|are\s+seen|turns?\s+up|is\s+present|are\s+present|comes?\s+up)\b)/i;

/**
 * A threat-intelligence note: a heading ("from the FS-ISAC feed this morning: QakBot C2 infra"), one IOC per line, then
 * "if any of these shows up in an incident, ...". The values are what "these" names; the list's lines and its heading are
 * background once the rule names the values (the heading only when it narrows nothing).
 */
function iocLists(input: string, background: string[]): string {
  const ask = ANY_OF_THESE.exec(input);
  if (!ask) return input;
  const lines = input.slice(0, ask.index).split('\n');
  const values: string[] = [];
  let first = lines.length;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (!lines[i].trim() && values.length === 0) continue;
    const line = IOC_LINE.exec(lines[i]);
    if (!line) break;
    values.unshift(line[1].replace(/[.,;:)]+$/, ''));
    first = i;
  }
  // (The ask's own line may begin with words of its own before "if": they stay.)
  if (values.length === 0 || first === lines.length) return input;
  const heading = lines.slice(0, first).join('\n').trim();
  const keepHeading = heading !== '' && (STEP_ORDER.test(heading) || NARROWS.test(heading) || /\b(?:if|when|only|unless|except|severity|sev|high|medium|low|critical)\b/i.test(heading));
  background.push(...lines.slice(keepHeading ? first : 0, first + values.length).map((l) => l.trim()).filter(Boolean));
  const said = values.join(' or ');
  const before = keepHeading ? `${heading}\n` : '';
  return `${before}${lines.slice(first + values.length).join('\n')}${input.slice(ask.index).replace(ANY_OF_THESE, (_m, cue: string) => `${cue} ${said} `)}`;
}

/** "our CFO's account (Helen Walker, hwalker@contoso.com)": an account named by whose it is, the person and the address. */
const NAMED_ACCOUNT = /\b(?:our|the|their|my)\s+[\w'\u2019-]+\s+account\s*\(\s*([A-Z][\w'-]+)((?:\s+[A-Z][\w'-]+){0,2})\s*,\s*([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)\s*\)/g;
/** Words of a kind of thing a rule may be narrowed to. */
const SCOPE_WORD = /\b(?:critical|high|medium|med|low|informational|info|sev\w*|servers?|workstations?|laptops?|desktops?|dcs?|controllers?|mac|macs|macos|windows|linux|kiosks?|vms?|tenants?|customers?|groups?|tag|tags|tagged|departments?|finance|hr|vips?|execs?|executives?|admins?|contractors?|interns?|service|prod\w*)\b/gi;
/** News a writer tells without narrowing: "not us", "not urgent", "no IOCs yet", "conf low-med". */
const NEWS_IDIOM = /\bnot\s+(?:us|ours|our\s+(?:problem|job|thing)|urgent|related|a\s+big\s+deal)\b|\bno\s+[\w-]+\s+yet\b|\bconf(?:idence)?\s*:?\s*(?:low|lo|med(?:ium)?|high|hi)(?:\s*[-/]\s*(?:low|lo|med(?:ium)?|high|hi))?\b|\btlp\s*:\s*[a-z+-]+/gi;
function askMarker(input: string, background: string[]): string {
  // "tier1 keeps forgetting to tag these.": why the writer asks, about people; its object is what the ask goes on to name.
  input = input.replace(/(^|[.!?]\s+|:\s*|\n\s*)((?:[\w-]+\s+){1,3}?(?:keeps?|kept|always)\s+(?:forgetting|forgets?|forgot|missing|miss(?:es)?)\s+(?:to\s+)?[a-z]+\s+(?:these|those|them|it|this|that)(?:\s+ones)?)\s*[.!]+\s*/gi, (m: string, lead: string, why: string) => {
    if (NARROWS.test(why) || /\b(?:if|when|only|unless)\b/i.test(why)) return m;
    background.push(why.trim());
    return lead;
  });
  // "The board is worried about our executives being targeted.": why the writer asks, when what it names the request
  // names again ("someone in the 'Executives' group"); a worry about anything else may say which cases, and stays.
  input = input.replace(/(^|[.!?]\s+|\n\s*)((?:the|our|my|their)\s+[\w-]+(?:\s+[\w-]+)?\s+(?:is|are|was|were|gets?|got)\s+(?:really\s+|very\s+|quite\s+|a\s+bit\s+)?(?:worried|concerned|nervous|anxious|scared|paranoid)\s+(?:about|that)\s+([^.!?\n]{3,120}?))\s*[.!]+\s*/gi, (m: string, lead: string, worry: string, what: string, at: number, whole: string) => {
    const rest = whole.slice(0, at) + whole.slice(at + m.length);
    const words = what.toLowerCase().match(/[a-z][a-z'-]{3,}/g) ?? [];
    const named = words.filter((w) => !/^(?:being|getting|about|their|those|these|that|this|with|from|into|again|still|really|people|someone|anyone|users?|members?|accounts?|group|targeted|attacked|hacked|phished|compromised|breached|hit)$/.test(w));
    if (named.length === 0 || NARROWS.test(what) || !named.every((w) => new RegExp(String.raw`\b${escapeRegExp(singular(w).slice(0, Math.max(4, singular(w).length - 1)))}`, 'i').test(rest))) return m;
    background.push(worry.trim());
    return lead;
  });
  const marker = ASK_MARKER.exec(input);
  if (!marker) return input;
  const before = `${input.slice(0, marker.index)}${marker[1]} ${marker[2] ?? ''}`;
  const rest = input.slice(marker.index + marker[0].length);
  const plain = before.replace(NEWS_IDIOM, ' ');
  if (STEP_ORDER.test(plain) || NARROWS.test(plain) || /\b(?:if|when|whenever|unless|only|except|otherwise|else|once|while|until|for\s+(?!days?\b|nights?\b|(?:the\s+)?(?:next|day|night|early|late)\s+shift\b|now\b))\b|["\u201c@]/i.test(plain)) return input;
  if ((plain.match(SCOPE_WORD) ?? []).some((w) => !new RegExp(`\\b${escapeRegExp(w)}`, 'i').test(rest))) return input;
  if (before.trim()) background.push(before.trim().replace(/[.:,;\s-]+$/, ''));
  return rest;
}

function analogyLead(input: string, background: string[]): string {
  return backgroundLead(input, background, ANALOGY_LEAD, (said) => {
    const plain = said.replace(/,?\s*but\s+(?:in|for|on|with)\s+(?:defender|mde|xdr|microsoft\s+defender)(?:\s+xdr)?\b/gi, '');
    return NARROWS.test(plain) || /\b(?:if|when|unless|only)\b/i.test(plain) || STEP_VERB.test(plain.replace(/^\s*treat\b/i, ''));
  });
}

/**
 * "The Customer Service supervisor asked:", "my lead says:", "Our CISO wants the following:": who the ask comes from,
 * before a colon. Who asks is never which incidents; the words go when they narrow nothing.
 */
const RELAYED_LEAD = new RegExp(String.raw`(^\s*|[.!?]\s+|\n\s*)(${SPEAKER})\s+(?:also\s+)?(?:asked|asks|said|says|wants|wanted|wrote|writes|requested|requests)(?:\s+(?:for\s+)?(?:the\s+following|this))?\s*:\s*(?=\S)`, 'gi');
function relayedLead(input: string, background: string[]): string {
  return backgroundLead(input, background, RELAYED_LEAD, (who) => NARROWS.test(who) || /\b(?:if|when|unless|only|for)\b/i.test(who), true);
}

function askLead(input: string, background: string[]): string {
  return backgroundLead(input, background, ASK_LEAD, (said) =>
    NARROWS.test(said) || /\b(?:if|when|unless|for\s+(?!this|that|it|me|us))\b/i.test(said) || said.split(/\s+/).slice(1).some((w) => /^[A-Z]/.test(w) && !/^(?:I|SOC|Azure|Logic|App|Rampart|Microsoft)$/.test(w)));
}

/**
 * "Same High alert for a user outside Priv-Admins", "If EICAR shows up on a device outside QA-Lab": not in the group of that
 * name, when the request named it a group before (a device group for a device, an Entra group for a user).
 */
function outsideGroup(input: string): string {
  return input.replace(/\b(devices?|machines?|hosts?|boxes|box|endpoints?|users?|accounts?|anyone|someone|people)(\s+(?:that\s+(?:is|are)\s+)?)outside\s+(?:of\s+)?(?:the\s+)?(["'\u2018\u201c]?)([\w.&-]{2,40})\3(?:\s+((?:device\s+|machine\s+)?group))?(?![\w-])/gi, (m: string, who: string, gap: string, _q: string, name: string, said: string | undefined, at: number, whole: string) => {
    const before = whole.slice(0, at);
    const esc = escapeRegExp(name);
    const deviceGroup = new RegExp(String.raw`\b(?:device|machine)\s+groups?\s+(?:["'\u2018\u201c]?[\w.&-]+["'\u2019\u201d]?\s*(?:,|and|or)\s*)*["'\u2018\u201c]?${esc}\b|\b${esc}["'\u2019\u201d]?\s+(?:device|machine)\s+group`, 'i');
    const userGroup = new RegExp(String.raw`\bgroup\s+["'\u2018\u201c]?${esc}\b|\b${esc}["'\u2019\u201d]?\s+(?:security\s+|entra\s+(?:id\s+)?)?group\b`, 'i');
    const userish = /^(?:users?|accounts?|anyone|someone|people)$/i.test(who);
    if (userish ? said && !/^group$/i.test(said) : said && /^group$/i.test(said)) return m;
    if (!userish && (deviceGroup.test(before) || /device|machine/i.test(said ?? ''))) return `${who}${gap}not in the '${name}' device group`;
    if (userish && userGroup.test(before)) return `${who}${gap}not in the '${name}' group`;
    return m;
  });
}

const BELOW: Record<string, string> = { critical: 'informational, low, medium and high', high: 'informational, low and medium', medium: 'informational and low', low: 'informational' };

/**
 * "confirm the user compromised and revoke their sessions. but if they're in SOC-Analysts, just drop a comment": the steps
 * before are for everyone else, the steps after for the group (read as an added case, the analysts were confirmed
 * compromised as well; with "instead", the revoke had acted on the analysts only).
 */
/**
 * "burn the hash. sha256 pls, sha1 is dead to me.": which hash of the file the block uses, said on its own; the block
 * says it then ("block the sha256 hash"). Without such a block the words stay, and are asked about.
 */
function hashKindSaidApart(text: string): string {
  const said = /(^|[.;,]\s*)(sha-?256|sha-?1|md5)\s+(?:only|pls|please|plz)\b(?:\s*,\s*(?:sha-?256|sha-?1|md5)\s+(?:is|are)\s+(?:dead|useless|bad|obsolete|deprecated|no\s+good)(?:\s+to\s+me)?)?(?=\s*(?:[.;,]|$))/i.exec(text);
  if (!said) return text;
  const kind = said[2].toLowerCase().replace('-', '');
  const blocks = /\b(block|ban|blacklist)\s+(the|every|all|each|its|their|any)\s+(?:file\s+)?(hash(?:es)?)\b/gi;
  if (!blocks.test(text)) return text;
  const rest = text.slice(0, said.index) + said[1] + text.slice(said.index + said[0].length);
  return rest.replace(blocks, (_m, verb: string, det: string, noun: string) => `${verb} ${det} ${kind} ${noun}`).replace(/([.;])\s*[.;,]\s*/g, '$1 ').replace(/,\s*([.;])/g, '$1');
}

function groupExceptions(text: string): string {
  // "do NOT disable the acct, HR gets salty. but if they're in Tier0-Admins disable it too": the step ruled out, then the
  // case where it is done after all: that step, in that case only.
  text = text.replace(/(^|[.;!?]\s+)(?:do\s+not|don'?t|dont|never)\s+(disable|isolate|reset|revoke|block|restrict|quarantine|suspend)\s+((?:the|their|his|her|its|this|that)\s+[\w-]+)((?:\s*,[^.;!?]*)?)[.;!]\s+but\s+if\s+([^,.;!?]{3,80}?)\s*,?\s+(?:then\s+)?\2\s+(?:it|them|\3)(?:\s+(?:too|as\s+well|also|anyway))?(?:\s*[\p{Extended_Pictographic}\u{FE0F}]+)*(?=\s*(?:[.;!?]|$))/giu,
    (_m, lead: string, verb: string, what: string, why: string, test: string) => `${lead}${verb} ${what} only if ${test.trim()}${why}`);
  // "... unless its a svc acct -> ping the soc channel instead": the same, said with "unless" and "instead" (read as a
  // narrowing of the ping alone, the disable had run on the service accounts and the ping on everyone else).
  const exception = (opener: string, tail: string): RegExp => new RegExp(String.raw`([^.;!?]*\b(?:disable|revoke|reset|confirm|isolate|restrict|block|quarantine|suspend)\b[^.;!?]*?)(?:[.;,]\s*|\s+)${opener}\s+((?:they|he|she|the\s+(?:user|account|recipient|victim)s?)(?:'re|\s+are|\s+is|'s)\s+(?:in|a\s+member\s+of|members\s+of|part\s+of)\s+(?![^.;!?]*\bunless\b)(?![^,.;!?]*\b(?:do\s+not|don'?t|dont|never|touch|leave)\b)[^,.;!?]{2,60}?)(\s+because\b[^,.;!?]*)?(?:\s*(?:,|->)\s*(?:(?:just|only|simply)\s+)?|\s+(?:just|only|simply)\s+)(?!\s*(?:do\s+not|don'?t|dont|never|leave|skip|ignore|nothing|no\s+)\b)\s*((?:[^.;!?]|\.(?=\w))+?)${tail}`, 'gi');
  // (The "but if" form has no words after "instead": its fifth argument is the match's offset.)
  const rewrite = (_m: string, before: string, test: string, why: string | undefined, after: string, rest?: unknown): string =>
    `${before.trimEnd()}, unless ${test.trim()}. if ${test.trim()}${why ?? ''}, ${after.trim()}${typeof rest === 'string' ? rest : ''}`;
  return text
    .replace(exception(String.raw`but\s+if`, String.raw`(?:\s+instead)?(?=\s*(?:[.;!?]|$))`), rewrite)
    .replace(exception('unless', String.raw`\s+instead\b([^.;!?]*)(?=[.;!?]|$)`), rewrite);
}

/**
 * A newcomer's politeness and doubts around what is asked: "Sorry, I'm new here", "sorry if this is a dumb question",
 * "Is that ok?", "I'm not sure that's allowed there", "... I think", "maybe not on servers?". The doubts that name no step
 * and no kind of thing go; a hedged limit ("maybe only medium", "not on servers?") is kept as the limit it is, the safe
 * side.
 */
function politeHedges(input: string): string {
  return input
    // "Hi! I'm new so sorry if this is obvious.", "I think that's what we normally do.", "I'm not sure how to phrase this,
    // but basically": who asks and how sure they are, in sentences of their own; never a case.
    .replace(/(^|[.!?]\s+)(?:hi|hello|hey)?\s*!?\s*(?:i'?m|i\s+am|im)\s+(?:still\s+|pretty\s+|quite\s+|very\s+)?new(?:\s+here|\s+to\s+(?:this|the\s+team|rampart|the\s+soc))?(?:\s*(?:,|so|and)\s*sorry\s+if\s+(?:this|it)\s+is\s+(?:obvious|a\s+(?:dumb|silly|stupid|basic)\s+question))?\s*[.!]+/gi, '$1')
    .replace(/(^|[.!?]\s+)(?:i\s+think\s+)?(?:that'?s|this\s+is|that\s+is)\s+what\s+we\s+(?:normally|usually|always|typically)\s+do\s*[.!]*/gi, '$1')
    .replace(/(^|[.!?]\s+)(?:i'?m|i\s+am|im)\s+not\s+(?:sure|certain)\s+how\s+to\s+(?:phrase|word|say|put)\s+(?:this|it)\s*,?\s*(?:but\s+)?(?:basically\s*,?\s*)?/gi, '$1')
    .replace(/(^|[.!?,]\s*)(?:if|unless)\s+it(?:'s|\s+is)\s+(?:not\s+)?too\s+much\s+(?:trouble|hassle|work|effort|to\s+ask)\s*,?\s*/gi, '$1')
    // "I want it blocked": block it.
    .replace(/\b(?:i|we)\s+(?:want|need|would\s+like|'d\s+like)\s+(it|them|those|that)\s+(blocked|isolated|quarantined|disabled|scanned|contained|closed|resolved|tagged|restricted)\b/gi, (_m, what: string, done: string) => `${PARTICIPLES[done.toLowerCase()]} ${what}`)
    // "I'd like the user's sessions revoked and the incident assigned to X": the steps, in the active.
    .replace(WANTED_DONE, (_m, object: string, done: string, more: string) => `${PARTICIPLES[done.toLowerCase()]} ${object}${more.replace(WANTED_DONE_MORE, (_n, o: string, p: string) => ` and ${PARTICIPLES[p.toLowerCase()]} ${o}`)}`)
    .replace(/(^|[.!?]\s+)sorry\s*,?\s+(?:i'?m|i\s+am)\s+new\s+here\b[^.!?a-z]*/gi, '$1')
    .replace(/[,.]?\s*(?:and\s+)?sorry\s+(?:if\s+this\s+is\s+(?:a\s+)?(?:dumb|stupid|silly|weird|basic|naive)\s+(?:question|one|ask|request)|for\s+the\s+(?:long|confusing|messy)\s+(?:message|msg|post|text)|to\s+bother(?:\s+you)?|for\s+bothering(?:\s+you)?)\b[.!]*/gi, '')
    .replace(/(^|[.!?]\s+)(?:not\s+100%\s+sure|not\s+(?:totally|entirely|completely)\s+sure)\s*,?\s*(?:sorry)?\s*[.!]*/gi, '$1')
    .replace(/(^|[.!?]\s+)(?:is\s+that\s+ok(?:ay)?|does\s+that\s+(?:make\s+sense|work)|would\s+that\s+work)\s*\?+\s*/gi, '$1')
    // "I'm not sure that's allowed there", "I'm not sure if this is possible, but": a doubt that names nothing.
    .replace(/(^|[.!?]\s+|,\s*)(?:i'?m|i\s+am)\s+not\s+(?:sure|certain)\s+(?:if|whether|that|it)\b([^.;!?]*?)(?:,\s*but\s+|\s*(?=[.;!?]|$))/gi, (m: string, lead: string, what: string) => (STEP_VERB.test(what) || /\b(?:servers?|workstations?|laptops?|macs?|linux|windows|dcs?|users?|accounts?|admins?|high|medium|low)\b/i.test(what) ? m : lead))
    // "... I think", "... I guess": the hedge after what is said.
    .replace(/,?\s+(?:i\s+think|i\s+guess|i\s+suppose|i\s+believe)(?=\s*(?:[,.;!?]|$))/gi, '')
    // "(and) not on servers?", "maybe only medium...": the limit, said as a question or trailing off.
    .replace(/\b((?:and\s+)?(?:maybe\s+)?(?:not|only|never|except)\s+(?:on\s+|for\s+)?[\w\s/-]{2,30}?)(?:\?+|\.{2,}|\u2026)(?=\s|$)/gi, (_m, limit: string) => `${limit.replace(/\bmaybe\s+/i, '')}.`)
    // "high ones are already handled by someone else so only medium": who covers the rest, said as why.
    .replace(/(^|[.;!?]\s+|,\s*)((?:the\s+)?(?:[\w-]+\s+){0,2}(?:ones|incidents|alerts))\s+are\s+(?:already\s+)?(?:handled|covered|taken\s+care\s+of|dealt\s+with)\s+by\s+(?:someone|somebody|another|a\s+different|the\s+other|other)\b[^,.;!?]*?(?:\s*,?\s*so\s+|(?=[,.;!?]|$))/gi, '$1')
    // "The low ones we can ignore": ignore them.
    .replace(/(^|[.;!?]\s+|,\s*)((?:the\s+)?(?:critical|high|medium|low|informational|info)\s+ones)\s+(?:we|you|u)\s+(?:can|could|should|may)\s+(ignore|skip)\b/gi, '$1$3 $2');
}

/**
 * "run the antivirus scan on it? The full one please, not the quick one", "... scan the host. Make it a full scan.": the
 * scan said before is a full one (read as a step of its own, a quick scan and a full scan both ran).
 */
function scanKindSaidAfter(text: string): string {
  return text.replace(/(\b(?:run|do|start|launch|kick\s+off|trigger)\s+(?:an?\s+|the\s+)?)((?:antivirus|av|virus|malware)\s+(?:scan|check)|scan)((?:[^.;!?\n]|\.(?=\w)){0,80}?[.;!?])\s+(?:(?:please\s+)?make\s+it\s+(?:a\s+)?full(?:\s+(?:scan|one))?|the\s+full\s+(?:one|scan)(?:\s+please)?)(?:\s*,?\s*(?:and\s+)?not\s+(?:a|the)\s+quick(?:\s+(?:one|scan))?)?(?:\s*,?\s*(?:because|as|since)\s+[^.;!?\n]*)?\s*[.!]?/gi, (_m, verb: string, scan: string, rest: string) => `${verb}full ${scan}${rest}`);
}

function hedges(input: string): string {
  return input
    // "ok so the first one you'll see a lot:", "next one:": which of the briefing's rules this is, a label.
    .replace(/(^|[.;!?]\s+|\n)(?:ok(?:ay)?\s*,?\s+)?(?:so\s+)?(?:the\s+)?(?:first|next|second|third|last|final|another|other)\s+one(?:\s+(?:you'?ll|you\s+will|we'?ll|we)\s+(?:see|get|hit)\s+(?:a\s+lot|often|constantly|all\s+the\s+time|most))?\s*(?::|\s-|–|—)\s*/gi, '$1')
    // "Exec-VIP (the Entra group)": the group of that name.
    .replace(/\b([\w&.-]+)\s*\(\s*(?:the|an?|our)\s+(?:entra(?:\s+id)?|aad|azure\s+ad|ad|security|m365)\s+group\s*\)/gi, 'the $1 group')
    // "medium risky sign-ins you ignore": the cases named first, then what "you" do with them.
    .replace(/(^|[,;.:]\s*)((?:critical|high|medium|low|informational)\s+(?:[\w-]+\s+){0,3}?[\w-]+)\s+you\s+(?:just\s+)?(ignore|skip)\b/gi, '$1$3 $2')
    // "anything cred-dumpy": credential dumping (never a tag's name, "tag it cred-dump").
    .replace(/(?<!\b(?:tag|tagged|label|labell?ed|named|called)\s+(?:(?:it|them|the\s+incident)\s+)?(?:as\s+|with\s+)?)\bcred(?:ential)?s?[- ]dump(?:y|ish|ing)\b/gi, 'credential dumping')
    // "HR gets salty 🙄 ...buuut if they're in X": a trailing-off "..." before "but" starts a new sentence.
    .replace(/\s*(?:\.{2,}|…)\s*(?=(?:b+u+t+|unless|except|oh\s+and|also|plus)\b)/gi, '. ')
    // "(HIGH only, medium is just ppl on hotel wifi lol)": the severity kept; what the others are is why.
    .replace(/\(\s*(critical|high|medium|low)\s+only\s*,\s*(?:critical|high|medium|low|informational)\s+(?:ones\s+|alerts\s+|sev\s+)?(?:is|are|=|r)\s+[^()]*\)/gi, '($1 only)')
    // "nuke the creds: kill all their sessions + force pw reset", "go scorched earth and disable it too": a name for the
    // steps that follow, which say it all.
    .replace(/\b(?:nuke|burn|torch|scorch|wipe\s+out)\s+(?:the|their|his|her)\s+(?:creds|credentials|identity|account|acct|access)\s*:\s*/gi, '')
    .replace(/\bgo\s+(?:scorched[- ]earth|nuclear|full\s+send|all\s+in)\s+(?:and|&|\+)\s+/gi, '')
    // "0 / VT never heard of it: do nothing": the band of no detections and of IOCs VirusTotal does not know.
    .replace(/(^|\n\s*|[.;]\s+)0\s*(?:\/|or|\|)\s*(?:vt|virustotal)\s+(?:(?:has\s+)?never\s+(?:heard\s+of|seen)|(?:has\s+)?no\s+(?:record|idea)\s+of|does\s*n[o']?t\s+know)\s+(?:it|them|the\s+\w+)\s*:/gi, '$10:')
    // "unless its a svc acct (in the svc-accounts grp)": the accounts the aside names by their group.
    .replace(/\b(?:it'?s|its|it\s+is|they'?re|they\s+are|the\s+user\s+is)\s+(?:a\s+|an\s+)?(?:svc|service|admin|break[- ]?glass|shared|vip|exec)\s+(?:acct|account|user)s?\s*\(\s*(?:in|member\s+of|part\s+of)\s+(?:the\s+)?["']?([\w&.-]+)["']?\s+(?:grp|group)\s*\)/gi, 'the user is in the $1 group')
    // "lol the CEO got popped AGAIN 🤡 so new rule:": what happened, then the rule; the rule is what follows.
    .replace(/^(?:(?:lol|ok|so|well|yeah|ugh)\s*,?\s+)*(?:the\s+|our\s+)?[\w-]+(?:\s+[\w-]+)?\s+got\s+(?:popped|pwned|owned|phished|hacked|compromised|hit|breached)\b[^.:\n]{0,60}?(?:so\s+)?(?:(?:a|the|our)\s+)?new\s+rule\s*:\s*/i, '')
    .replace(/(^|[.;!?]\s+|\n)(?:so\s+)?(?:(?:a|the|our)\s+)?new\s+rule\s*:\s*/gi, '$1')
    // "selective iso (so they can still whine on teams), NOT full", "selective isolation only, not a full one": the kind
    // said, and the other ruled out.
    .replace(/(\bselective(?:ly)?\s+(?:iso|isolation|isolate)\b[^.;\n]*?),?\s+not\s+(?:the\s+|a\s+)?full(?:\s+(?:one|isolation|iso))?\b/gi, '$1')
    // "when you see 'mimikatz' or 'lsass' anywhere in an alert title": an alert title that contains either word.
    .replace(/\b(?:when(?:ever)?|if)\s+(?:you\s+see|there\s+is|there'?s|we\s+see)\s+((["'\u2018\u201c])[^"'\u2019\u201d]{1,40}["'\u2019\u201d](?:\s*(?:,|or)\s*(?:or\s+)?["'\u2018\u201c][^"'\u2019\u201d]{1,40}["'\u2019\u201d])+)\s+(?:anywhere\s+)?in\s+(?:an?\s+|the\s+)?alert\s+title\b/gi, (_m, words: string) => `when an alert title contains ${words}`)
    // "anything else, nothing from you": nothing in the other case.
    .replace(/(^|[.;:!?]\s+)(?:anything|everything)\s+else\s*[,:-]?\s*nothing(?:\s+from\s+(?:you|us|the\s+bot))?\s*(?=[.;!?]|$)/gi, '$1otherwise do nothing')
    // "any incident w/ 'powershell' in an alert title": an alert title that contains the word.
    .replace(/\b(?:with|w\/|having|that\s+has|that\s+have)\s+(["'\u2018\u201c][^"'\u2019\u201d]{1,40}["'\u2019\u201d])\s+(?:anywhere\s+)?in\s+(?:an?\s+|the\s+|its\s+|their\s+)?(alert|incident)?\s*(title|name)s?\b/gi, (_m, word: string, what: string | undefined, noun: string) => `whose ${what ? `${what.toLowerCase()} ` : 'alert '}${noun.toLowerCase()} contains ${word}`)
    // "disable the user behind it": the user of the alert.
    .replace(/\b(the\s+(?:user|account|acct|person|identity))\s+(?:behind|responsible\s+for)\s+(?:it|this|that|the\s+(?:alert|activity|incident|detection))\b/gi, '$1')
    // "dont isolate anything!! just the scan": the scan, said again after the step ruled out.
    .replace(/(\b(?:do\s+not|don'?t|dont|never)\s+(?:isolate|contain|quarantine|block|restrict)\s+(?:anything|any\s+(?:device|box|machine)s?|it|them)\b)[!.,\s]*just\s+the\s+(?:av\s+|antivirus\s+|quick\s+|full\s+)?scan\s*(?=[.!;]|$)/gi, '$1')
    // "unless they r in Executives": in the Executives group (a capitalised name after a user, never a product).
    .replace(/\b(they|he|she|the\s+user|the\s+account)\s+(are|is|r|'re)\s+in\s+(?!(?:The|A|An|Teams|Defender|VirusTotal|VT|MDE|MDO|MDI|Entra|Azure|AAD|Office|Exchange|Outlook)\b)([A-Z][\w&.-]+)(?=\s*(?:[,.;)]|$|\s+(?:then|so|because|->)\b))/g, '$1 $2 in the $3 group')
    // "not isolating some vp's laptop at 3am lol": the step ruled out; the rest is a joke about why.
    .replace(/(^|[.!?]\s+)(?:and\s+)?not\s+(isolat|disabl|block|restrict|quarantin|contain)ing\s+(?:some|a|the|any|their|his|her|anyone'?s)\s+[^.!?]{0,60}?\b(?:lol|lmao|haha|rofl)\b[^.!?]*(?=[.!?]|$)/gi, (_m, lead: string, stem: string) => `${lead}do not ${stem.toLowerCase()}${/^(?:block|restrict)$/i.test(stem) ? '' : 'e'} anything`)
    // "just email me nightshift-lead@contoso.com": me, at that address.
    .replace(/\b(e-?mail|mail)\s+(?:me|us)\s+(?:at\s+|on\s+|to\s+)?(?=[\w.+-]+@[\w-]+\.)/gi, '$1 ')
    // "mail their secops at secops@fabrikam.com", "email the on-call lead at x@y": the address said is who gets it.
    .replace(/\b(e-?mail|mail)\s+(?:their|the|our|its|his|her)\s+(?:[\w-]+\s+){0,2}?[\w-]+\s+(?:at|on|via)\s+(?=[\w.+-]+@[\w-]+\.)/gi, '$1 ')
    // "phish w/ a link -> VT the url": look it up on VirusTotal.
    .replace(/\b(?:vt|virustotal)\s+(the|each|every|all|its|their|any)\s+(urls?|links?|hash(?:es)?|ips?|domains?|files?|iocs?)\b/gi, 'look up $1 $2 on VirusTotal')
    // "1-9: just tag phish-sus, no block": a band whose own steps block nothing says so (never after "same", whose copied
    // steps it would take back).
    .replace(/(^|\n|[.;]\s+)([^:\n.;]{1,40}:\s*(?![^\n.;]*\b(?:same|also|too|as\s+well|plus)\b)[^\n.;]*?\b(?:tag|comment|post|email|mail|notify|assign|ping|note)\b[^\n.;]*?),\s*(?:no|without)\s+(?:block(?:ing)?|blocks|isolation|containment|ioc|indicator)\s*(?=[\n.;]|$)/gi, '$1$2')
    // "lol we learned that one the hard way": a lesson, which narrows nothing.
    .replace(/\s*(?:lol\s+)?(?:(?:we|i)\s+)?(?:learned|learnt)\s+(?:that|this|it)(?:\s+one)?\s+the\s+hard\s+way\b(?:\s+(?:last|this|yesterday)\s*(?:arvo|afternoon|week|month|year|night|morning|time)?)?(?:\s+(?:lol|haha))?[.!]*/gi, '')
    // "(DC = hostname starts w/ dc-)": which devices the kind named just before is, said as its name.
    .replace(/\s*\(\s*(?:a\s+)?(dcs?|domain\s+controllers?|servers?|workstations?|kiosks?)\s*(?:=|means|is|are)\s*(?:any\s+|a\s+|the\s+)?(?:(?:devices?|boxes|box|machines?|hosts?)\s+)?(?:whose\s+|with\s+(?:a\s+)?)?(?:host\s?name|name|dns\s+name)s?\s+(?:that\s+)?(?:starts?|begins?|starting|beginning)\s+(?:w\/|with)\s+["']?([\w.-]+?)["']?\s*\)/gi, (_m, _kind: string, prefix: string) => ` (named ${prefix.replace(/\*?$/, '*')})`)
    // "except the DC (domain controllers, the name begins with dc-)": the same, with the kind said again before the name.
    .replace(/(\b(?:dcs?|domain\s+controllers?|servers?|workstations?|kiosks?))\s*\(\s*(?:(?:dcs?|domain\s+controllers?|servers?|workstations?|kiosks?)\s*[,:;-]\s*)?(?:the|their|its)\s+(?:host\s?|device\s+|dns\s+)?names?\s+(?:begins?|starts?|starting|beginning)\s+(?:w\/|with)\s+["']?([\w.-]+?)["']?\s*\)/gi, (_m, kind: string, prefix: string) => `${kind} (named ${prefix.replace(/\*?$/, '*')})`)
    // "never DCs, DCs are devices whose hostname starts with dc-": the same, said as a clause (read as a case of its own,
    // the isolation had been held to dc- devices).
    .replace(/\b(dcs?|domain\s+controllers?|servers?|workstations?|kiosks?)\s*,\s*(?:the\s+|our\s+)?(dcs?|domain\s+controllers?|servers?|workstations?|kiosks?)\s+(?:are|=|means)\s+(?:any\s+|the\s+)?(?:devices?|boxes|machines?|hosts?)\s+(?:whose\s+|with\s+(?:a\s+)?)(?:host\s?name|name|dns\s+name)s?\s+(?:that\s+)?(?:starts?|begins?|starting|beginning)\s+(?:w\/|with)\s+["']?([\w.-]+?)["']?(?=\s*(?:[.;,!?)]|$))/gi,
      (m, a: string, b: string, prefix: string) => (a.toLowerCase().replace(/s$/, '').replace(/^domain\s+controller$/, 'dc') === b.toLowerCase().replace(/s$/, '').replace(/^domain\s+controller$/, 'dc') ? `${a} (named ${prefix.replace(/\*?$/, '*')})` : m))
    // "DCs tho?? NEVER": the step before, never on them.
    .replace(/(^|[.;!?]\s+)(?:but\s+)?((?:the\s+)?(?:dcs?|domain\s+controllers?|servers?|workstations?|macs?|linux\s+(?:boxes|hosts)|kiosks?))\s+(?:tho(?:ugh)?|though)\s*[?!.]*\s*(?:never|no|nope)\b[!.]*(\s*\([^()]*\))?(\s*,)?/gi, (_m, lead: string, kind: string, aside: string | undefined, comma?: string) => `${lead}but never ${kind}${aside ?? ''}${comma ? ',' : '.'}`)
    // "servers too idc": no limit said, none read.
    .replace(/(^|[.;!?]\s+)(?:and\s+)?(?:the\s+)?(?:servers?|workstations?|macs?|laptops?|linux(?:\s+boxes)?)\s+(?:too|as\s+well|also|included)(?:\s+(?:idc|lol|tbh|fine|whatever|i\s+don'?t\s+care))*\s*(?=[.!?]|$)[.!?]?/gi, '$1')
    // "Incidents of High severity shall be notified by electronic mail to A and to B": mail them about those incidents.
    .replace(/(^|[.;:]\s+|\n\s*)((?:incidents?|alerts?)\b[^.;\n]{0,80}?)\s+shall\s+be\s+notified\s+(?:by\s+(?:electronic\s+mail|e-?mail|mail)\s+)?to\s+(?=[\w.+-]+@)/gi, '$1for $2, email ')
    .replace(/(\bemail\s+[\w.+-]+@[\w.-]+)\s+and\s+to\s+(?=[\w.+-]+@)/gi, '$1 and ')
    // "; ciso@contoso.com shall not be copied": the mail is not to them, which it is not anyway.
    .replace(/\s*[;,]\s*[\w.+-]+@[\w.-]+\s+(?:shall|must|should|will)\s+not\s+be\s+(?:copied|cc'?d|included|notified|informed)\b/gi, '')
    // "Incidents of Low severity shall not give rise to notification.": no mail about them, which no branch sends.
    .replace(/(^|[.;]\s+|\n\s*)(?:incidents?|alerts?)\s+of\s+(?:critical|high|medium|low|informational)(?:\s+(?:or|and)\s+(?:critical|high|medium|low|informational))*\s+severity\s+(?:shall|must|will)\s+not\s+(?:give\s+rise\s+to|trigger|result\s+in|lead\s+to)\s+(?:any\s+)?(?:notifications?|e-?mails?|mails?|alerts?)\s*(?=[.;\n]|$)[.;]?/gi, '$1')
    // "An incident ... whose title contains "EICAR" shall be resolved with the classification "X" and a comment": for
    // those incidents, resolve them as X and comment.
    .replace(/(^|[.;]\s+|\n\s*)((?:an?\s+|the\s+|each\s+|every\s+|any\s+)?(?:incidents?|alerts?)\b[^.;\n]{0,120}?)\s+(?:shall|must|will|is\s+to|are\s+to)\s+be\s+(?:resolved|closed)(?:\s+by\s+the\s+(?:service|automation|system|bot|playbook|platform))?\s+(?:with\s+(?:the\s+)?classification\s+|as\s+)["\u201c]?([^"\u201d.;\n]{3,60}?)["\u201d]?(\s+and\s+(?:a|an)\s+comment)?(?=\s*(?:[.;\n]|$))/gi,
      (_m, lead: string, what: string, cls: string, comment?: string) => `${lead}for ${what}, resolve the incident as ${cls}${comment ? ' and add a comment' : ''}`)
    // "Upon receipt of an incident of High severity": on such incidents.
    .replace(/\bupon\s+(?:the\s+)?(?:receipt|arrival|creation|detection|raising)\s+of\s+/gi, 'on ')
    // "A device tagged Clinical shall, upon any alert of Medium severity or higher, be isolated using Selective isolation
    // only": on those alerts, isolate such devices that way.
    .replace(/(^|[.;]\s+|\n\s*)((?:an?\s+|any\s+|each\s+|every\s+)?(?:other\s+)?(?:[\w*-]+\s+){0,3}?devices?(?:\s+(?:tagged|named)\s+[\w*.-]+)?)\s+shall\s*,?\s+(upon|on|for)\s+([^,.;\n]+?),\s+be\s+isolated(?:\s+using|\s+with)?\s+(selective|full)\s+isolation(\s+only)?/gi,
      (_m, lead: string, what: string, _on: string, when: string, kind: string) => `${lead}on ${when}, ${kind.toLowerCase()} isolate ${what.replace(/^(?:an?|any|each|every)\s+/i, 'the ')}`)
    // "Full isolation of a Clinical Device is prohibited.": said once the kind allowed was said ("Selective isolation only").
    .replace(/(^|[.;]\s+|\n\s*)(full|selective)\s+isolation\s+of\s+(?:an?\s+|any\s+|the\s+)?[^.;\n]{2,60}?\s+(?:is|are)\s+(?:prohibited|forbidden|not\s+permitted|not\s+allowed|disallowed)\s*(?=[.;\n]|$)[.;]?/gi, (m: string, lead: string, kind: string, offset: number, whole: string) =>
      (new RegExp(`\\b${kind.toLowerCase() === 'full' ? 'selective' : 'full'}\\s+(?:isolation|isolate)\\b`, 'i').test(whole.slice(0, offset)) ? lead : m))
    // "Domain Controllers are exempt from (b) and (c) and shall not be isolated": what the references say, the rest says.
    .replace(/\s+(?:are|is)\s+exempt(?:ed)?\s+from\s+(?:\(?[a-z0-9.]{1,5}\)?(?:\s*(?:,|and|or)\s*\(?[a-z0-9.]{1,5}\)?)*\s+)?(?:(?:and|or)\s+)?and\s+(?=(?:shall|must|will|are|is)\s+not\b)/gi, ' ')
    // "save for devices belonging to ...", "barring", "with the exception of": except.
    .replace(/\b(?:save\s+for|saving|barring|with\s+the\s+exception\s+of)\b/gi, 'except')
    // "No machine action of any kind shall be taken against a device of the OT-Network group.": never touch those devices.
    .replace(/(^|[.;]\s+|\n\s*)no\s+(?:machine|device|containment|automated|automatic)?\s*(?:actions?|measures?|steps?)(?:\s+of\s+any\s+kind)?\s+(?:shall|may|must|will|is\s+to|are\s+to)\s+be\s+(?:taken|performed|run|applied)\s+(?:against|on|to)\s+(?:a|any|the)\s+devices?\s+(?:of|in|from|belonging\s+to)\s+(?:the\s+)?(?:device\s+group\s+)?["\u201c]?([\w&.-]+)["\u201d]?(?:\s+(?:device\s+)?group)?\s*(?=[.;\n]|$)/gi, '$1never touch devices in the $2 group')
    // "Annex B. No machine action ...": the part's name, before the provision.
    .replace(new RegExp(String.raw`(^|\n\s*)${PART}\s+[\w-]{1,6}\.\s+(?=[A-Z])`, 'gi'), '$1')
    // "shall be resolved by the Service": by Rampart, which runs every step.
    .replace(/\s+by\s+the\s+(?:service|automation|system|bot|playbook|platform)\b/gi, '')
    // "The Service shall not resolve any other incident.": the step stays with its own case, which it does.
    .replace(/(^|[.;]\s+|\n\s*)(?:the\s+)?(?:service|automation|system|bot|playbook|platform)\s+(?:shall|must|will)\s+not\s+(resolve|close|isolate|disable|block|quarantine|restrict|tag|assign)\s+(?:any\s+)?other\s+(?:incidents?|alerts?|devices?|accounts?|users?|ones)\s*(?=[.;\n]|$)[.;]?/gi, '$1')
    // "The Service shall not resolve ...", "the automation shall isolate": what it must and must not do.
    .replace(/\b(?:the\s+)?(?:service|automation|system|bot|playbook|platform|tool|solution)\s+shall\s+not\s+(?=[a-z])/gi, 'never ')
    .replace(/\b(?:the\s+)?(?:service|automation|system|bot|platform|tool|solution)\s+shall\s+(?:further\s+|also\s+|then\s+|instead\s+)?(?=(?!be\b)[a-z])/gi, '')
    // "we should not do any action on the user account", "no action is to be taken on their account": leave it alone.
    .replace(/\b(?:(?:we|you|rampart|the\s+(?:bot|playbook|automation))\s+)?(?:should|must|shall|will|are\s+to|is\s+to)?\s*(?:not|never)\s+(?:do|take|perform|run)\s+(?:any\s+)?(?:actions?|steps?|changes?)\s+(?:on|against|to)\s+(the\s+user(?:'s)?\s+accounts?|their\s+accounts?|the\s+accounts?|his\s+account|her\s+account|them)\b/gi, 'do not touch $1')
    // "for incidents where the user is member of 'VIP-Users' group, do not touch the user account": accounts in that group
    // are never touched, whatever step a later sentence names (read as the case of the next sentence, its disable had run
    // on that group alone).
    .replace(/(^|[.;!?]\s+|\n\s*)(?:for\s+(?:the\s+)?(?:incidents?|alerts?)\s+(?:where|in\s+which|when)|if|when|where|whenever)\s+(?:the\s+)?(?:user|account|users|accounts)\s+(?:is|are)\s+(?:an?\s+)?members?\s+of\s+(?:the\s+)?(?:group\s+)?["'\u2018\u201c]?([\w&.-]+)["'\u2019\u201d]?(?:\s+group)?\s*,\s*(?:(?:we|you)\s+)?(?:should|must|shall)?\s*(?:do\s+not|don'?t|dont|never|not)\s+touch\s+(?:the\s+user(?:'s)?\s+accounts?|their\s+accounts?|the\s+accounts?|them)(?:\s+at\s+all)?\s*(?=[.;!?\n]|$)/gi, '$1Never touch accounts in the $2 group')
    // "... set the incident to In Progress. Except on Linux devices and devices named srv-*.": a sentence that only leaves
    // devices out leaves them out of every step before it (read as the last step's, the restriction had run on them).
    .replace(/(^|[.!?]\s+|\n\s*)except\s+(?:on\s+|for\s+)?((?:(?:the\s+)?(?:linux|windows|mac\s?os|macs?)\s+(?:devices|machines|hosts|boxes)|(?:devices|machines|hosts)\s+named\s+[\w.*-]+|servers|workstations|domain\s+controllers|dcs)(?:\s*(?:,|and)\s*(?:on\s+)?(?:(?:the\s+)?(?:linux|windows|mac\s?os|macs?)\s+(?:devices|machines|hosts|boxes)|(?:devices|machines|hosts)\s+named\s+[\w.*-]+|servers|workstations|domain\s+controllers|dcs))*)\s*(?=[.!?]|$)/gi,
      (_m, lead: string, list: string) => `${lead}${list.split(/\s*(?:,|\band\b)\s*/i).filter(Boolean).map((d) => `not on ${d.replace(/^on\s+/i, '')}`).join(', ')}`)
    // "exception - if they're in SOC-Analysts ...": the case after the dash is the exception to the steps before.
    .replace(/(^|[.;!?]\s+|\n)(?:one\s+|the\s+)?exception\s*(?:[:\-–—]|\s-)\s*(?=(?:if|when|unless|for)\b)/gi, '$1but ')
    // "ignore medium risky sign-ins": that severity is ignored (what it calls the cases can only make it ignore less).
    .replace(/\b(ignore|skip)\s+(critical|high|medium|low|informational)\s+(?:sev(?:erity)?\s+)?(?:[\w-]+\s+){0,3}?(?:alerts?|incidents?|ones|sign-?ins?|detections?|hits|cases)\b/gi, '$1 $2 severity')
    // "drop a comment on the incident and move on": nothing more.
    .replace(/,?\s*(?:and|then)\s+move\s+on\b/gi, '')
    // "if the user is in X you don't touch their account": the step after the case, said to "you".
    .replace(YOU_AFTER_CASE, '$1, ')
    // "first thing you do is grab a package": first, grab it; "(evidence first, always)": the order, which the steps keep.
    .replace(/\bfirst\s+thing\s+(?:you\s+do\s+is|to\s+do\s+is|is\s+to|is)\s+/gi, 'first ')
    .replace(/\s*\(\s*(?:[\w-]+\s+){0,2}first(?:\s*,\s*always|\s+always)?\s*\)/gi, '')
    // "device groups matter on this one.", "no need to ask anyone", "and wait for me": remarks that narrow nothing.
    .replace(/(^|[.;!?]\s+)(?:the\s+)?(?:device\s+groups?|tags?|severit(?:y|ies)|users?|os(?:es)?)\s+(?:really\s+)?(?:matters?|are\s+key|is\s+key|count)(?:\s+(?:on|for|in)\s+this\s+one)?\s*[.;!]\s*/gi, '$1')
    .replace(/,?\s*no\s+need\s+to\s+ask\s+(?:anyone|anybody|me|us|first)\b/gi, '')
    .replace(/\s+and\s+wait\s+for\s+(?:me|us|an?\s+analyst|the\s+on-?call)\b/gi, '')
    // "anything tagged honeypot is the deception grid.": what the tag stands for, which the tag already says.
    // (Only when the tag is said again: "Incidents tagged pentest-2026 are the red team. Resolve them: ..." names those
    // incidents once, and "them" are they; dropped, the close ran on every incident.)
    .replace(/(^|[.;:!?]\s+)(anything|everything|any\s+(?:device|incident|alert)|devices?|incidents?|alerts?)\s+tagged\s+([\w-]+)\s+(?:is|are)\s+(?:the|our)\s+[\w\s-]{2,30}?\s*[.;]\s*/gi, (m: string, lead: string, what: string, tag: string, at: number, whole: string) => {
      const rest = whole.slice(0, at) + whole.slice(at + m.length);
      if (new RegExp(String.raw`(?<![\w-])${escapeRegExp(tag)}(?![\w-])`, 'i').test(rest)) return lead;
      const next = whole.slice(at + m.length);
      const kind = /^(?:devices?|any\s+device)$/i.test(what) ? 'devices' : 'incidents';
      return /^[a-z]+\s+(?:them|those|these|it)\b/i.test(next) ? `${lead}for ${kind} tagged ${tag}, ` : m;
    })
    // "close it once the block is in": after the block, which runs first anyway.
    .replace(/\s+once\s+the\s+(?:block|isolation|scan|indicator|restriction)\s+is\s+(?:in|done|placed|complete|set|up)\b/gi, '')
    // "if the box is a server you don't restrict -", "don't restrict.": the app restriction.
    .replace(/\b(never|not|do\s+not|don'?t|dont)\s+restrict\b(?=\s*(?:[-\u2013\u2014,.;:]|$))/gi, '$1 restrict app execution')
    // "Engineering-Build machines you NEVER isolate": the devices said first, then what "you" do with them.
    .replace(/(^|[.;:!?]\s+)((?:the\s+|any\s+|our\s+)?[\w-]+\s+(?:machines|devices|boxes|hosts|servers|workstations|laptops|accounts|users))\s+you\s+(never|always|just|only)?\s*(isolate|scan|restrict|disable|block|quarantine|touch|reset|revoke)\b/gi,
      (_m, lead: string, what: string, how: string | undefined, verb: string) => `${lead}${how ? `${how} ` : ''}${verb} ${what}`)
    // "... - you run a full AV scan": the steps after a dash, said to "you".
    .replace(YOU_AFTER_DASH, '$1')
    // "-> you isolate the box", "you assign the incident to Priya", "you never disable an account": a lead briefing a new
    // analyst says the steps to "you"; they are the steps (never "if you think", the reader's own judgement).
    .replace(YOU_STEP, '$1')
    // "don't bother with anything under high", "skip alerts below medium": the severities below it are ignored.
    .replace(/\b(?:(?:do\s+not|don'?t|dont|no\s+need\s+to)\s+bother\s+(?:with|w\/)|skip|ignore|leave)\s+(?:anything|everything|all|any|(?:the\s+)?(?:alerts?|incidents?|ones|stuff|detections?))\s+(?:under|below|lower\s+than|less\s+than|beneath)\s+(?:sev(?:erity)?\s+)?(critical|high|medium|low)\b(?:\s+(?:sev(?:erity)?|alerts?|incidents?))?(?:\s+alone)?/gi, (_m, sev: string) => `ignore ${BELOW[sev.toLowerCase()]} severity`)
    // "this is High only", "high only": that severity and no other.
    .replace(/(?<!(?:\+|&|\/|,|\band|\bor)\s*)\b(?:(?:this|it|that)\s+is\s+(?:for\s+)?)?(critical|high|medium|low|informational)\s+only\b(?!\s+(?:risk|exposure|confidence|alerts?|incidents?|ones|sev(?:erity)?|users?|devices?))/gi, '$1 severity only')
    // "when AV finds a file in Downloads, quarantine it. and if VT says more than 20, block the sha256": a sentence opened by
    // "and if" goes on with the one before, under its case.
    .replace(/([a-z0-9)'"])\.\s+and\s+(?=(?:if|when|only\s+if)\b)/gi, '$1, and ')
    // "make stop and quarantine of the file", "do one isolation of the machine": the step, said as a noun.
    .replace(/\b(?:make|do|perform|execute)\s+(?:an?\s+|one\s+|the\s+)?(stop\s+and\s+quarantine|quarantine|isolation|block|scan|collection)\s+(?:of|on)\s+/gi, (_m: string, noun: string) => `${({ isolation: 'isolate', collection: 'collect' } as Record<string, string>)[noun.toLowerCase()] ?? noun} `)
    // "Nothing else on the incident is to be changed by automation", "nothing else is touched": no other step, which the
    // plan has none of anyway.
    .replace(/(^|[.;!?]\s+|\n)nothing\s+else\s+(?:on|about|of)\s+the\s+incidents?\s+(?:is|are)\s+(?:to\s+be\s+)?(?:changed|touched|updated|modified)(?:\s+by\s+(?:the\s+)?(?:automation|bot|playbook))?\s*(?=[.;!?]|$)[.;!?]?/gim, '$1')
    // "is for windows, linux and mac ok": every platform, so no limit.
    .replace(/(^|[.;,!?]\s*)(?:it\s+|this\s+)?is\s+for\s+(?:all\s+)?(windows|linux|macs?|macos)\s*(?:,|and|&|\/)\s*(windows|linux|macs?|macos)\s*(?:,|and|&|\/)?\s*(?:and\s+)?(windows|linux|macs?|macos)\b(?:\s+(?:ok|okay|too|all))?\s*\??/gi, (m: string, lead: string, a: string, b: string, c: string) => (new Set([a, b, c].map((x) => x.toLowerCase().replace(/^mac.*/, 'mac'))).size === 3 ? lead : m))
    // "the EICAR alerts that the lab make every day": what makes those alerts, and how often; no schedule of the playbook.
    .replace(/\s+(?:that|which)\s+(?:the\s+|our\s+)?[\w-]+(?:\s+team)?\s+(?:make|makes|generate|generates|run|runs|trigger|triggers|fire|fires|create|creates)\s+every\s+(?:day|week|night|morning|hour)\b/gi, '')
    // "if is other group dont close" ("if it is another group"): the other side.
    .replace(/\b(?:if|when)\s+(?:it\s+)?is\s+(?:an?\s+)?(?:other|another|different)\s+(?:group|device\s+group|tag|severity|source)\b\s*,?/gi, 'otherwise,')
    // "I would not isolate: the web tier fails over badly": what follows the colon after a step ruled out is why.
    // "we don't block: we create the indicator in mode alert only": an indicator that only alerts, not a block.
    .replace(/\b(?:we\s+)?(?:do\s+not|don'?t|dont)\s+block(?:\s+(?:it|them))?\s*[,:;]\s*(?:(?:we|just|only)\s+)*(?:create|add|make|put|set)\s+(?:the|an?)\s+indicator\s+(?:in|with|as|on)\s+(?:the\s+)?(?:mode|action)\s+["']?alert(?:\s+only)?["']?/gi, 'create an alert only indicator')
    .replace(/\b((?:do\s+not|don'?t|dont|never|not)\s+(?:isolat|contain|disabl|block|quarantin|restrict|reset|revok|scan)\w*(?:\s+(?:it|them|the\s+[\w-]+))?)\s*:\s+(?=(?:the|our|their|it|they|this|that|we)\b)(?!we\s+(?:create|run|launch|send|post|tag|add|isolate|scan|collect|notify|mail|e-?mail|comment|assign|block|only|just)\b)/gi, '$1, because ')
    // "immediate full isolation followed by restricting app execution": one step, then the other; "immediate" narrows nothing.
    .replace(/\bimmediate(?:ly)?\s+(?=(?:full|selective|network|isolat|contain|block|disabl|revok|reset|scan|collect|restrict|quarantin)\w*)/gi, '')
    .replace(/\s+(?:immediately\s+)?followed\s+by\s+/gi, ', then ')
    // "a High severity alert means isolation": on such alerts, isolate; "it is always selective isolation": that kind.
    .replace(/\b(alerts?|incidents?|detections?)\s+means\s+(?:an?\s+)?(full\s+|selective\s+)?isolation\b/gi, (_m: string, what: string, kind: string | undefined) => `${what}: ${kind ? kind.trim().toLowerCase() + ' ' : ''}isolate the device`)
    .replace(/\balways\s+(?=(?:selective|full|quick)\b)/gi, '')
    // "look the url in virustotal": look it up.
    .replace(/\blook\s+(?=(?:the|its|their|each|every|all|any)\s+(?:urls?|hash(?:es)?|ips?|domains?|files?|iocs?|links?)\b[^.;\n]{0,30}?\b(?:in|on|at)\s+(?:virus\s?total|vt)\b)/gi, 'look up ')
    // "MDO (defender for office)", "MDI (Microsoft Defender for Identity)": the acronym said again in full.
    .replace(/\b(MDE|MDO|MDI|MDCA|MCAS|MDA|AADIP)\s*\(\s*(?:microsoft\s+)?(?:defender|entra|azure|cloud|office)[^()]{0,40}\)/gi, '$1')
    // "Our standing policy on indicators:": a label over the rules.
    .replace(/(^|[.;!?]\s+|\n)(?:our|the)\s+(?:standing\s+|current\s+)?polic(?:y|ies)\s+(?:on|for|about|regarding)\s+[\w\s-]{2,40}?:\s*/gi, '$1')
    .replace(/,\s*(?:our|the)\s+(?:standing\s+)?policy\s+is\s+(?:that\s+)?/gi, ', ')
    // "No automated containment is permitted for these": no containment.
    .replace(/\bno\s+(?:automated|automatic|auto)\s+/gi, 'no ')
    .replace(/\b(no\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:is|are)\s+(?:permitted|allowed)\b/gi, '$1')
    // "anything else -> leave unassigned, no changes": nothing is done.
    .replace(/(->|:)\s*leave\s+(?:it\s+|them\s+)?unassigned(?:\s*,\s*no\s+changes?)?/gi, '$1 do nothing')
    // "For anyone else, ...": the other side.
    .replace(/(^|[.;!?]\s+|\n)for\s+(?:anyone|anybody|everyone|everybody)\s+else\s*,?\s*/gi, '$1otherwise, ')
    // "Servers I'd leave connected but restrict app execution on them": not isolated, and restricted instead.
    .replace(/\b((?:the\s+)?(?:servers?|workstations?|dcs?|domain\s+controllers?|laptops?|macs?|linux\s+(?:boxes|hosts|servers)))\s+(?:i'?d|we'?d|i\s+would|we\s+would)\s+(?:leave|keep)\s+(?:connected|online|on\s+the\s+network|up)\s+(?:but|and)\s+/gi, '$1: do not isolate them, but ')
    // "AV scan (Full)", "scan (quick)": the kind of scan.
    .replace(/\b((?:av|antivirus|defender)\s+)?scan\s*\(\s*(full|quick)\s*\)/gi, (_m: string, av: string | undefined, kind: string) => `${kind.toLowerCase()} ${av ?? ''}scan`)
    // "no-op", "severity low/info: -": nothing is done.
    .replace(/\bno-?op\b/gi, 'do nothing')
    .replace(/:\s*-\s*(?=$|\n|[.;])/gm, ': do nothing')
    // "MDE severity matrix, pls implement as-is:": a table named by what it is for; the rows after it are the request.
    .replace(/(^|\n)\s*([^\n:.]{2,60}?)\s+(?:severity\s+|response\s+|routing\s+|decision\s+)?(?:matrix|table|mapping|grid)\s*,?\s*(?:(?:pls|please)\s+)?(?:(?:implement|use|apply|follow)\s+(?:it\s+|this\s+)?(?:as-?is|exactly|as\s+written)?)?\s*:/gi, (m: string, lead: string, subject: string) => (new RegExp(`\\b(?:${ACTION_VERB})\\w*\\b|\\b(?:in|on|from|of|the\\s+following|this|these|below)\\s*$`, 'i').test(subject) ? m : `${lead}For ${subject.trim()}:`))
    // "serviceSource = AzureAdIdentityProtection", "alert.severity == High AND detectionSource == EDR", "alert.category =
    // InitialAccess": Defender's fields compared, said in words; "scope:" / "when:" before them is the case.
    .replace(/\b(?:alert\.|incident\.)?service_?source\s*(?:==?|:|\bis\b)\s*['"]?([A-Za-z0-9]+)['"]?/gi, 'alerts from $1')
    .replace(/\b(?:alert\.)?detection_?source\s*(?:==?|:)\s*['"]?([A-Za-z0-9]+)['"]?/gi, 'the detection source is $1')
    .replace(/\b(alert|incident)\.severity\s*(?:==?|:)\s*['"]?([A-Za-z]+)['"]?/gi, (_m: string, of: string, level: string) => `the ${of.toLowerCase()} severity is ${level}`)
    .replace(/\b(?:alert\.)category\s*(?:==?|:)\s*['"]?([A-Za-z]+)['"]?/gi, 'the alert category is $1')
    .replace(/(?<=\b(?:alerts\s+from\s+[A-Za-z0-9]+|the\s+(?:detection\s+source|(?:alert\s+|incident\s+)?severity|alert\s+category)\s+is\s+[A-Za-z0-9]+))\s+AND\s+/g, ' and ')
    .replace(/(^|\n|[.;]\s+)(?:scope|applies\s+to)\s*:\s*(?=alerts\s+from\b|the\s+(?:detection\s+source|(?:alert\s+|incident\s+)?severity|alert\s+category)\s+is\b)/gi, '$1only for ')
    .replace(/(^|\n|[.;]\s+)(?:when|applies\s+when|match)\s*:\s*(?=alerts\s+from\b|the\s+(?:detection\s+source|(?:alert\s+|incident\s+)?severity|alert\s+category)\s+is\b)/gi, '$1when ')
    .replace(/(^|\n|[.;]\s+)applies\s+when\s+/gi, '$1when ')
    // "if more of 10 engines say malicious", "less of 3": more than, less than (a false friend of "mais de").
    .replace(/\b(more|less|fewer)\s+of\s+(?=\d)/gi, '$1 than ')
    // "It is our policy that X", "As a rule, X", "Our policy is that X": the rule itself is X.
    .replace(/(^|[.;!?]\s+|\n)(?:it\s+is\s+(?:our|the\s+soc'?s?|the\s+company'?s?|company)\s+(?:standing\s+)?policy\s+that|(?:our|the)\s+(?:standing\s+)?policy\s+is\s+(?:that\s+)?|as\s+a\s+(?:general\s+|standing\s+)?rule\s*,?)\s*/gi, '$1')
    // "that URL is to be blocked", "servers are never to be isolated": policy's modal passive, the passive it states.
    .replace(/\b(is|are)\s+(never\s+|not\s+|always\s+)?to\s+be\s+(?=(?:(?:fully|immediately|automatically|selectively|promptly|also)\s+)?[a-z]+(?:ed|en|t)\b)/gi, '$1 $2')
    // "are never closed by automation", "is isolated automatically by Rampart": who does it is the playbook itself.
    .replace(/\b((?:is|are)\s+(?:never\s+|not\s+|always\s+)?[a-z]+(?:ed|en|t))\s+(?:by\s+(?:the\s+)?(?:automation|bot|playbook|rampart)|automatically)\b/gi, '$1')
    // "Under no circumstances is a device tagged X to be isolated": such a device is never isolated.
    .replace(/(^|[.;:!?]\s+|\n)under\s+no\s+circumstances\s*,?\s+(?:is|are|should|shall|may|must|will|can)\s+([^.;:!?\n]{3,80}?)\s+(?:to\s+)?be\s+/gi, (_m: string, lead: string, subject: string) => `${lead}${subject} must never be `)
    // "... must never be isolated or to have its code execution restricted": both steps are ruled out for those devices.
    .replace(/\b((?:a|an|any|the)\s+[^.;,]{2,60}?)\s+must\s+never\s+be\s+(isolated|quarantined|scanned)\s+or\s+(?:to\s+)?have\s+(?:its|their)\s+(?:code|app|application)\s+execution\s+restricted\b/gi, (_m: string, subject: string, verb: string) => `never ${({ isolated: 'isolate', quarantined: 'quarantine', scanned: 'scan' } as Record<string, string>)[verb.toLowerCase()]} ${subject} and never restrict app execution on ${subject}`)
    .replace(/(^|[.;:!?]\s+|\n)under\s+no\s+circumstances\s*,?\s+(?:do|does|should|shall|will|may|must)\s+(?:we|you|they|rampart|the\s+(?:bot|automation|playbook))\s+/gi, '$1never ')
    // "regardless of what any tool says", "whatever the alert says", "no matter the severity": it holds either way.
    .replace(/\s*,?\s*(?:regardless\s+of|irrespective\s+of|no\s+matter)\s+(?:what|whatever|how|who)\s+(?:[\w'-]+\s+){0,4}?(?:says?|shows?|thinks?|reports?|claims?)\b/gi, '')
    .replace(/\s*,\s*whatever\s+(?:the\s+|any\s+)?(?:[\w'-]+\s+){0,3}?(?:says?|shows?|thinks?|reports?|claims?)\b/gi, '')
    // "I'd say isolate the host", "I'd run a full scan", "I would not isolate": the step, said as what the writer would do.
    .replace(new RegExp(String.raw`\b(?:i'?d|i\s+would)\s+(?:(?:say|probably|also|just|then|first|definitely|still)\s*,?\s+)*(?=(?:${ACTION_VERB})\b)`, 'gi'), '')
    .replace(new RegExp(String.raw`\b(?:i'?d|i\s+would)\s+(?:(?:probably|definitely|still)\s+)?(?:not|never)\s+(?=(?:${ACTION_VERB})\b)`, 'gi'), 'do not ')
    // "What I'd do: a quick AV scan": what follows is the step.
    .replace(/(^|[.!?]\s+|\n)what\s+(?:i'?d|i\s+would|we'?d|we\s+would)\s+(?:do|want|like)(?:\s+(?:to\s+see|is))?\s*:\s*/gi, '$1')
    // "Unless the user is in the Plant-Leadership group, I mean.": "I mean" with nothing after it stresses what was said; it
    // takes nothing back (read as a correction, the sentence after it had replaced the exception and the steps before).
    .replace(/\s*,?\s*\bi\s+mean\s*(?=[.!?]|$)/gi, '')
    // (Only an apology with nothing else in it: "sorry, no: only post in teams" takes a step back and says another.)
    .replace(/(^|[.!?]\s+|\n)(?:(?:so\s+)?sorry|apologies)\b(?![^.!?\n]*\b(?:no|not|nope|actually|only|just|instead|rather|isolat\w*|disabl\w*|block\w*|quarantin\w*|restrict\w*|reset\w*|revok\w*|scan\w*|collect\w*|dismiss\w*|confirm\w*|post\w*|e-?mail\w*|mail|tag\w*|assign\w*|clos\w*|resolv\w*|comment\w*|notif\w*|unless|except|skip\w*|ignor\w*|exclud\w*|leav\w*|spar\w*|never|don'?t|dont|avoid\w*|hands)\b)[^.!?\n]{0,80}[.!?]+\s*/gi, '$1')
    .replace(/(^|[.!?]\s+|\n)i\s+hope\s+(?:i'?m|i\s+am|this|that|it)\b[^.!?\n]{0,60}[.!?]+\s*/gi, '$1')
    .replace(/(^|[.!?]\s+|\n)i\s+have\s+(?:two|three|a\s+few|some|a\s+couple\s+of)\s+(?:small\s+|quick\s+|little\s+)?(?:things|requests|asks|items)(?:\s+if\s+(?:that'?s|that\s+is)\s+(?:ok(?:ay)?|alright|fine))?\s*[.:!]+\s*/gi, '$1')
    .replace(/(^|[.!?]\s+|\n)(?:first|second|third|firstly|secondly)\s*,\s*(?:and\s+)?(?:this\s+(?:one\s+)?is\s+separate\s*,\s*)?/gi, '$1')
    .replace(/\b(could|can|would)\s+(you|u)\s+(?:please\s+)?maybe\s+/gi, '$1 $2 ')
    .replace(/(^|[,;.!?]\s*|\band\s+)(?:,\s*)?if\s+(?:at\s+all\s+)?possible\s*,?\s*/gi, '$1')
    .replace(/\bmaybe\s+(?=(?:just|only|also|not|even|an?|the)\b|[a-z]+\s+(?:the|a|an|it|them|each|every)\b)/gi, '')
    .replace(/\bi\s+think\s+(?:that\s+)?(?!the\s+idea\b)/gi, '')
    .replace(/\b(?:i\s+think\s+)?it\s+would\s+(?:also\s+)?(?:really\s+)?(?:help(?:\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){0,2}?(?:shift|team|us|analysts?|people|everyone|folks|crew|soc))?|be\s+(?:great|nice|good|helpful|useful))\s+if\s+(?:you\s+)?(?:could\s+)?([a-z]+)\b/gi, (m: string, verb: string) => (WISHED_STEP[verb.toLowerCase()] ? `also ${WISHED_STEP[verb.toLowerCase()]}` : m))
    .replace(/\s+(?:would|will|might)\s+be\s+(?:better|best|great|nice|good|enough|fine|ideal|preferable)\b/gi, '')
    // "If it's 0 or VT has never seen it, nothing is needed.": nothing is done.
    .replace(/\bnothing\s+(?:is\s+)?(?:needed|required|necessary)\b/gi, 'do nothing')
    // "I first thought of soc@contoso.com but that mailbox is being retired, so please send it to ot-security@contoso.com
    // instead": the address thought of first is taken back; the one after is where it goes.
    .replace(/(^|[.!?]\s+|\n)i\s+(?:first\s+|initially\s+|originally\s+)?(?:thought\s+(?:of|about)|was\s+going\s+to\s+(?:say|use|put)|considered|wanted(?:\s+to\s+use)?)\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*,?\s+but\s+[^.;!?\n]{3,120}?,\s*so\s+([^.;!?\n]*?[\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s+instead\b/gi, '$1$2')
    // "... and send an email about it? ... Please send it to ot-security@contoso.com.": where the mail goes, said after.
    .replace(/\b((?:send|write)\s+(?:an?\s+|the\s+)?(?:e-?mail|mail|message|note)(?:\s+about\s+(?:it|this|that|them))?)(?!\s+to\b)([^.!?\n]{0,200}?[.!?]+\s+)(?:(?:so\s+)?(?:please|pls)\s+)?send\s+it\s+to\s+([\w.+-]+@[\w-]+(?:\.[\w-]+)+)(?:\s+instead)?\s*[.!]*/gi, '$1 to $3$2')
    // "If Defender raises X on one of them, could you reset the password": the request put as a question mid-sentence.
    .replace(/,\s*(?:could|can|would)\s+(?:you|u)\s+(?:please\s+|pls\s+)?(?=[a-z]+\s)/gi, ', ')
    // "let the plant management IT channel in Teams know": a post in Teams.
    .replace(/\blet\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){0,4}(?:channel|team|people|folks|group|crew|room)\s+(?:in|on|via)\s+teams\s+know\b/gi, 'post to Teams')
    // "One exception please: if the account is in X, leave it alone": an exception of the steps before.
    .replace(/(^|[.!?]\s+|\n)(?:(?:one|an?|the\s+only|only\s+one)\s+)?exception(?:\s+(?:please|pls|though|tho))?\s*:\s*(?:if|when)\s+([^.;!?\n]{3,120}?)\s*,\s*(?:just\s+)?(?:leave\s+(?:it|them|him|her)\s+alone|skip\s+(?:it|them)|do\s+nothing|don'?t\s+touch\s+(?:it|them))/gi, (_m: string, lead: string, cond: string) => `${lead.replace('?', '.')}unless ${cond}`)
    // "I think we need a rule for credential theft on the EWS. If Defender raises ...": the rule's subject, a header.
    .replace(/(^|[.!?]\s+|\n)(?:we\s+(?:need|want|could\s+use|should\s+have)|i\s+(?:need|want|would\s+like))\s+(?:a|an|one)\s+(?:new\s+)?(?:rule|playbook|pb|automation|runbook)\s+for\s+([^.!?\n]{3,160}?)\s*\.\s+(?=[A-Z])/g, '$1For $2: ')
    // "we also have a few macOS laptops for the plant managers in Monterrey (MTY-MAC-xx). If there's a malware alert on one
    // of them, ...": the devices the sentence before defines by their pattern are what "one of them" means.
    .replace(/(^|[.!?]\s+|\n)we\s+(?:also\s+)?(?:have|run|got|use|own)\s+(?:a\s+few|some|several|\d+|a\s+couple\s+of|a\s+handful\s+of)\s+((?:macos|mac|linux|windows)\s+)?([a-z]+s)\b[^.!?\n()]{0,80}?\(\s*([\w*.-]+)\s*\)\s*[.!]\s+([^.!?\n]*?)\b(?:one\s+of\s+them|any\s+of\s+them)\b/gi, '$1$5one of the $2$3 ($4)')
    // "HMIs never get isolated, period": the stress of a rule said once.
    .replace(/\s*,\s*period\b\s*(?=[.!;]|$)/gi, '')
    // "We've been getting a lot of fake supplier invoice emails at the plants lately.": what has been happening, told first.
    .replace(/(^|[.!?]\s+|\n)we(?:'ve|\s+have)?\s+(?:been\s+)?(?:getting|seeing|having|receiving|had|got)\s+(?:a\s+lot\s+of|lots\s+of|many|tons\s+of|loads\s+of|more|a\s+few|several|some)\s+(?![^.!?\n]*\b(?:if|when|unless|only|isolate|block|disable|reset|revoke|scan|collect|restrict)\b)[^.!?\n]{3,100}?(?:\s+(?:lately|recently|this\s+(?:week|month|year|quarter)|these\s+days))\s*[.!]+\s*/gi, '$1');
}

/**
 * "unless the incident is not tagged X", "unless the device isn't a server", "if it has not been tagged X, do nothing"
 * (which reads as the same "unless"): two negations, one case. Read as "unless" of the fact with its "not" lost, the
 * isolation had run on exactly the incidents the analyst meant to spare; it is the case the steps are only for.
 */
/**
 * "disable each account, except accounts starting with app-, members of X or accounts starting with svc-": each item of an
 * exception list is an exception ("except A, except B, except C"). Read as a list, the last item after "or" had become the
 * only accounts the step acted on.
 */
const EXCEPTION_ITEM = /^(?:the\s+|any\s+|all\s+)?(?:(?:service|svc|admin|vendor|guest|shared|break[- ]?glass)\s+)?(?:accounts?|accts?|users?|members?|people|identities|devices?|machines?|hosts?|servers?|workstations?|laptops?|endpoints?|dcs?|domain\s+controllers?|anyone|anything|everything|those|ones)\b/i;
function exceptionLists(text: string): string {
  return text.replace(/\b(except|excluding)\s+((?:[^.;:!?\n(]|\([^()]*\))+)/gi, (m: string, word: string, list: string) => {
    const items = list.split(/\s*,\s*(?:or\s+|and\s+)?|\s+or\s+(?=(?:the\s+|any\s+|all\s+)?(?:[\w-]+\s+)?(?:accounts?|accts?|users?|members?|people|identities|devices?|machines?|hosts?|servers?|workstations?|laptops?|endpoints?|dcs?|domain\s+controllers?)\b)/i);
    // (Names only: an item that says what happens, "workstations get a full scan", is a clause of its own.)
    if (items.length < 2 || !items.every((x) => EXCEPTION_ITEM.test(x.trim()) && x.trim().split(/\s+/).length <= 8 && !/\b(?:get|gets|got|receive|receives|run|runs|should|must|will|do|does|need|needs)\b/i.test(x))) return m;
    return items.map((x) => `${word} ${x.trim()}`).join(', ');
  });
}

/** Whether an "if ... not" is better left as said: after "only", before "do nothing", or taken up again by "if they are". */
function ifNotStands(whole: string, at: number, match: string): boolean {
  const before = whole.slice(Math.max(0, at - 12), at);
  const rest = whole.slice(at + match.length);
  const clauseEnd = rest.search(/[.;!?]|$/);
  return (
    /\bonly\s*$/i.test(before) ||
    /,\s*(?:then\s+|just\s+)?(?:do\s+nothing|nothing|skip|ignore|leave|don'?t|dont|do\s+not|never|no\s+)/i.test(rest.slice(0, clauseEnd)) ||
    /\b(?:if|when)\s+(?:they|it|he|she|the\s+[\w-]+)\s+(?:are|is|does|do)\s*[,.;:]/i.test(rest) ||
    // "if the incident is not tagged drill and the URL is malicious": "not" is the first test's; as "unless A and B" it had
    // negated both, and the block ran on clean URLs.
    /^[^,.;!?\n]*?\s(?:and|or|&&|\|\|)\s/i.test(rest.slice(0, clauseEnd))
  );
}

const NOTE_IOC = String.raw`(?:(?:dst|src|destination|source|remote|sender'?s?)\s+)?(?:sha-?256s?|sha-?1s?|md5s?|hash(?:es)?|files?|ips?|urls?|domains?|iocs?)`;
const NOTE_ARROW = String.raw`\s*(?:->|\u2192|=>)\s*`;
const NOTE_LOOKUP = new RegExp(String.raw`^([ \t]*(?:[-\u2022*][ \t]*)?)(${NOTE_IOC}(?:\s*(?:\+|\/|,|and|&)\s*${NOTE_IOC})*)${NOTE_ARROW}(?:vt|virus\s?total)(?:\s+(?:lookup|look-?up|check|enrich(?:ment)?))?[ \t]*$`, 'gim');
const NOTE_ACTION = new RegExp(String.raw`(${NOTE_ARROW})(BlockAndRemediate|Block|Warn|Audit)\b(?!\s+(?:the|it|them|ips?|urls?|domains?|hash(?:es)?|sha\w*|files?)\b)`, 'g');
const NOTE_ALERT_ONLY = new RegExp(String.raw`(${NOTE_ARROW})Alert\s+only\b\s*,?\s*(?:no\s+block)?`, 'gi');
const NOTE_NOTIFY = new RegExp(String.raw`\bnotify${NOTE_ARROW}(?=[\w.+-]+@)`, 'gi');
const NOTE_SUMMARY = new RegExp(String.raw`\bsummary${NOTE_ARROW}(?:the\s+)?((?:soc\s+)?teams\s+channel|channel)`, 'gi');

/**
 * A threat-intelligence analyst's notes: one line per rule, arrows, "IOC -> VT" for a look-up, confidence bands in brackets
 * ("conf high (>=30 mal)"), "mal >= 20", an indicator action alone after the arrow ("-> Block", "-> Warn"), "org-wide" said
 * of an indicator (every indicator is), TLP labels (how to share the notes, nothing Rampart does), "a | b" for either.
 */
function indicatorNotes(input: string): string {
  if (!/(?:->|\u2192|=>)/.test(input)) return input;
  return input
    .replace(/^[ \t]*TLP\s*:\s*[A-Z+-]+\b[^\n]*$/gim, '')
    // "≥5 mal → block IP / (indented) + isolate host if sev = High": a "+" line goes on with the rule above it, in its case
    // (and in its own, when it names one): "≥5 mal and alert sev = High → isolate host".
    .replace(/^([ \t]*(?:[-\u2022*][ \t]*)?)([^\n]*?)(\s*(?:->|\u2192|=>)\s*)([^\n]*)\n[ \t]+\+[ \t]*([a-z][^\n]*)$/gim, (m: string, lead: string, when: string, arrow: string, first: string, more: string) => {
      if (!when.trim()) return m;
      const own = /^(.*?)\s+(?:if|when|only\s+if)\s+(.+)$/i.exec(more);
      return `${lead}${when}${arrow}${first}\n${lead}${when}${own ? ` and ${own[2]}` : ''}${arrow}${own ? own[1] : more}`;
    })
    .replace(/,?\s*\bTLP\s*:\s*[A-Z+-]+\b/g, '')
    .replace(NOTE_LOOKUP, (_m, lead: string, iocs: string) => `${lead}look up the ${iocs.replace(/\s*(?:\+|\/|&)\s*/g, ' and ')} on VirusTotal.`)
    .replace(/\bconf(?:idence)?\s*:?\s*(?:high|hi|med(?:ium)?|low|lo)?\s*\(([^()]*)\)/gi, '$1')
    .replace(/\bconf(?:idence)?\s*:\s*(?=(?:vt|virus\s?total)\b)/gi, 'only if ')
    .replace(/\bmal(?:icious)?\s*(\u2265|>=|>|<=|\u2264|<)\s*(\d+)/gi, '$1 $2 malicious engines')
    .replace(/\bmal(?:icious)?\s+(\d+)\s*[-\u2013]\s*(\d+)/gi, '$1-$2 malicious engines')
    // "cat: CommandAndControl", "(cat Ransomware)": the alert category.
    .replace(/\bcat\b\s*[:=]?\s*(?=[A-Z])/g, 'category ')
    // "allowlist: contoso.com + subdomains, *.microsoft.com - never block": domains never blocked.
    // (A domain left out of blocking is left out with its subdomains: "+ subdomains" and "*." say nothing more.)
    .replace(/\ballow-?list\s*:\s*([^\n]+?)\s*(?:[-\u2013\u2014,;]\s*)?never\s+block(?:ed)?\b/gi, (_m, list: string) => `never block ${list.replace(/\s*(?:\+|and)\s*(?:its\s+|all\s+)?subdomains?/gi, '').replace(/\*\./g, '').replace(/\s*,\s*/g, ' or ')}`)
    .replace(/\bexp(?:iry|ires)?\s*[:=]?\s*(\d+)\s*d\b/gi, 'expires in $1 days')
    .replace(/\s*\(\s*[\w-]+\s+ind(?:icator)?\.?\s*\)/gi, '')
    .replace(/\s*\(\s*(?:alert|incident|device|entity)\.\w+\s*\)/gi, '')
    // "RFC1918 -> skip": private addresses are never blocked.
    .replace(/^([ \t]*(?:[-\u2022*][ \t]*)?)(?:rfc\s?1918|private(?:\s+ips?)?|internal(?:\s+ips?)?)\s*(?:->|\u2192|=>)\s*(?:skip|ignore|no-?op|nothing|never\s+block)\b/gim, '$1never block private IPs')
    // "NO ip/url blocking": those IOC types are never blocked.
    .replace(/\bno\s+((?:ip|url|domain|hash|file)s?(?:\s*(?:\/|,|or|and)\s*(?:ip|url|domain|hash|file)s?)*)\s+block(?:ing|s)?\b/gi, (_m, kinds: string) => `never block ${kinds.replace(/\s*\/\s*/g, ' or ').replace(/\b(ip|url|domain|hash|file)\b/gi, '$1s')}`)
    .replace(/\b(sha-?1)\s*(?:\+|and|&|\/)\s*(sha-?256)\s*,?\s*both\b/gi, 'both $1 and $2 hashes')
    // "anything else / blank -> no-op": the other cases get nothing.
    .replace(/^([ \t]*(?:[-\u2022*][ \t]*)?)(?:anything|everything)\s+else(?:\s*(?:\/|or)\s*(?:blank|empty|none|unknown|n\/a))?\s*(?:->|\u2192|=>)\s*(?:no-?op|nothing|ignore|skip)\b/gim, '$1otherwise nothing')
    .replace(NOTE_ACTION, (_m, arrow: string, action: string) => `${arrow}block it${action === 'Block' ? '' : ` with action ${action}`}`)
    .replace(NOTE_ALERT_ONLY, '$1create an alert only indicator')
    .replace(/(\b(?:block\w*|indicators?)\b[^.\n]*?)\s*,?\s*(?:org|organi[sz]ation|tenant|company)[- ]wide\b/gi, '$1')
    .replace(NOTE_NOTIFY, 'mail ')
    .replace(NOTE_SUMMARY, 'post a summary in the $1')
    .replace(/\bno-?op\b/gi, 'nothing')
    .replace(/(\b[A-Z][\w-]*)\s*\|\s*(?=[A-Z][\w-]*\b)/g, '$1 or ')
    .replace(/(?:\u2265|>=)\s*(\d+)\s+(devices|hosts|machines|users|accounts)\s+in\s+(?:the\s+)?incident\b/gi, 'the incident has $1 or more $2');
}

/** A padlock, a no-entry sign, a flame said as a verb before what it acts on ("🔒 that device", "🚫 the IP", "🔥 a full scan"). */
const EMOJI_OBJECT = String.raw`(?=\s*(?:that|the|this|it|them|those|these|all|every|any|anything|devices?|machines?|hosts?|box(?:es)?|endpoints?|ips?|urls?|domains?|hash(?:es)?|an?)\b)`;
const EMOJI_LOCK = new RegExp(String.raw`\u{1F512}\uFE0F?${EMOJI_OBJECT}`, 'gu');
const EMOJI_UNLOCK = new RegExp(String.raw`\u{1F513}\uFE0F?${EMOJI_OBJECT}`, 'gu');
const EMOJI_NO_ENTRY = new RegExp(String.raw`\u{1F6AB}\uFE0F?${EMOJI_OBJECT}`, 'gu');
const EMOJI_FLAME = new RegExp(String.raw`\u{1F525}\uFE0F?(?=\s*(?:an?|the)\s+(?:(?:full|quick)\s+)?(?:av\s+|antivirus\s+)?scan\b)`, 'gu');
/** A run of emoji, with their skin-tone modifiers, variation selectors and joiners. */
const EMOJI = String.raw`(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u{FE0F}|\u{200D})+`;
const EMOJI_RUN = new RegExp(EMOJI, 'gu');
const EMOJI_ENDS_CLAUSE = new RegExp(String.raw`(?<=[\w')])\s*${EMOJI}\s+(?=(?!(?:so|because|since|bc|cuz|as|and|n|an|or|but|then|plus|also|on|in|at|for|to|from|with|of|w|AND|OR|BUT|THEN)\b)[a-zA-Z(])`, 'gu');

/** ":rocket:", ":thumbsup:": an emoji as Teams and Slack write them, a decoration. */
const EMOJI_SHORTCODE = /(^|[\s(])(?::[a-z][a-z0-9_+-]{1,30}:)+(?=[\s),.!?]|$)/gim;

/** "edit: ~~A~~ -> `B` (why)": a correction on a line of its own. */
const CORRECTION_LINE = /(^|\n)[ \t]*(?:[-*\u2022][ \t]*)?(?:edit(?:[ \t]*\d+)?[ \t]*:[ \t]*)?~~([^~\n]{1,80})~~[ \t]*(?:\u2192|->|=>)?[ \t]*`?([^`\s(),;]+(?:[ \t]+[^`\s(),;]+){0,3})`?[ \t]*(?:\([^()\n]{0,100}\))?[ \t]*(?=\n|$)/;

/**
 * Chat markdown: ~~struck~~ words are what the writer took back (and an arrow after them points at what replaces them);
 * "- [x]" and "- [ ]" are list items, ticked or not; "edit:" and "edit 2:" label a correction, which is read as said; a
 * "> " line quotes the message answered, and "+1, and also ..." adds to it.
 */
function chatMarkdown(input: string): string {
  // "edit: ~~secops@contoso.com~~ -> mdo-triage@contoso.com (secops is drowning)": a correction on a line of its own puts
  // the new words where the struck ones were said; the bracket after it is why.
  for (let fix = CORRECTION_LINE.exec(input), n = 0; fix && n < 10; fix = CORRECTION_LINE.exec(input), n++) {
    const struck = fix[2].trim();
    // (The struck words as words: "~~dc~~" is not the "dc" inside "dc-01".)
    const occurrences = [...input.slice(0, fix.index).matchAll(new RegExp(String.raw`(?<![\w@.-])${escapeRegExp(struck)}(?![\w@-])`, 'gi'))];
    const said = occurrences.length > 0 ? occurrences[occurrences.length - 1].index : -1;
    if (said < 0) break;
    input = input.slice(0, said) + fix[3] + input.slice(said + struck.length, fix.index) + input.slice(fix.index + fix[0].length);
  }
  // A checklist that ticks some items and not others: what is not ticked is not asked for. (An unticked limit with no step
  // of its own, "[ ] not on servers", stays: leaving it out could only widen a step.)
  if (/^[ \t]*(?:[-*\u2022][ \t]*)?\[[xX]\]/m.test(input) && /^[ \t]*(?:[-*\u2022][ \t]*)?\[ \]/m.test(input)) {
    input = input.replace(/^[ \t]*(?:[-*\u2022][ \t]*)?\[ \][^\n]*(?:\n|$)/gm, (line: string) => {
      const said = line.replace(/~~[^~\n]*~~/g, '');
      return NARROWS.test(said) && !STEP_VERB.test(said) ? line : '';
    });
  }
  if (!/`|~~|\[[ xX]\]|(?:^|\n)[ \t]*>(?![=>])(?![ \t]*[\d<>=])|(?:^|\n|[.;]\s*)edit(?:\s*\d+)?\s*:|(?:^|\n)\s*\+1\b|(?:^|\s):[a-z][a-z0-9_+-]{1,30}:/i.test(input)) return input;
  return input
    // A fenced block's fences, and `inline code`: a value written as code is the value; a name of several words, or one
    // after "group" or "tag", is quoted as names are.
    .replace(/(^|\n)[ \t]*```[\w-]*[ \t]*(?=\n|$)/g, '$1')
    .replace(/(\b(?:group|tag|tagged|labell?ed|named|called)\s+)?`([^`'"\n]{1,60})`/gi, (_m, before: string | undefined, code: string) => (before || /\s/.test(code.trim()) ? `${before ?? ''}'${code.trim()}'` : code))
    .replace(/~~[^~\n]{1,200}~~\s*(?:(?:\u2192|->|=>)\s*)?/g, '')
    // (The spaces after a box indent what follows it: "[ ]   collect a package" under "[ ] when ...:".)
    .replace(/^([ \t]*(?:[-*\u2022][ \t]*)?)\[[ xX]\]([ \t]*)/gm, (_m, lead: string, after: string) => `${lead}${after.slice(1)}`)
    // ("edit: selective iso": the kind of the isolation asked for above.)
    .replace(/(^|\n|[.;]\s*)(\s*(?:[-*\u2022]\s*)?)edit(?:\s*\d+)?\s*:\s*(?:(full|selective)\s+(?:iso|isolation|isolate)\b)?/gi, (_m, lead: string, bullet: string, kind: string | undefined) => `${lead}${bullet}${kind ? `isolation type: ${kind.toLowerCase()}` : ''}`)
    .replace(EMOJI_SHORTCODE, '$1')
    // (Not "> 10 engines: block", a count.)
    .replace(/^[ \t]*>(?![=>])(?![ \t]*[\d<>=])[ \t]?/gm, '')
    .replace(/(^|\n)\s*\+1\s*[,.!]?\s*(?=but\b)/g, '$1')
    .replace(/(^|\n)\s*\+1\s*[,.!]?\s*(?:and\s+)?(?:also\s+)?(?=\S)/g, '$1also ')
    .replace(/(^|\n)\s*\+1\s*[,.!]?\s*(?=\n|$)/g, '$1');
}

/**
 * Markdown as a runbook pasted from a wiki writes it: "## Trigger" is a heading ("Trigger"), "**High**" and "__High__" are
 * the word stressed, "*Leaked credentials*" after "titled" or "group" is a name (quoted, as names are). A bullet ("* item")
 * and a wildcard ("svc-*", "*.exe") are not emphasis: an opening star is followed, and a closing one preceded, by a letter.
 */
function markdownEmphasis(input: string): string {
  if (!/\*\*|__|(?:^|\n)[ \t]*#{1,6}[ \t]|(?<![\w*])\*[^\s*]|(?<![\w_])_[^\s_]/.test(input)) return input;
  return input
    .replace(/(^|\n)([ \t]*)#{1,6}[ \t]+(?=\S)/g, '$1$2')
    .replace(/\*\*([^*\n]{1,160}?)\*\*/g, '$1')
    .replace(/(?<![\w])__([^_\n]{1,160}?)__(?![\w])/g, '$1')
    // ("_Reason: audit wants it_": a line in italics.)
    .replace(/(^|\n)([ \t]*)_([^\s_][^_\n]{0,200}?[^\s_])_[ \t]*(?=\n|$)/g, '$1$2$3')
    // (A star beside a name's letters is a wildcard, "*-gw-*", "named *gw*": it stays.)
    .replace(/(\b(?:titled|group|tag|tagged)\s+)?(?<![\w*-])\*([A-Za-z][^*\n]{0,80}?[A-Za-z0-9)]|[A-Za-z])\*(?![\w*-])/gi, (m: string, before: string | undefined, words: string, at: number, whole: string) =>
      (/\b(?:named|called|like|match(?:es|ing)?|pattern|names?|host\s?names?|prefix|suffix|starts?|ends?|contains?|containing|mentions?|with)\s*$/i.test(whole.slice(Math.max(0, at - 30), at)) ? m : before ? `${before}'${words.trim()}'` : words));
}

/** A runbook's labelled case: "Trigger:", "## When", "**Condition:**", "Scope:", "Applies to:". */
const MARKDOWN_CASE_LABEL = /(?:^|\n)[ \t]*(?:[-*\u2022][ \t]*)?(?:#{1,6}[ \t]*)?(?:\*\*)?(?:triggers?|when|conditions?|criteria|scope|applies\s+to|if)(?:\s*\([^()\n]{0,40}\))?[ \t]*(?:\*\*)?[ \t]*(?::|(?:\*\*)?[ \t]*(?=\n))/i;

/**
 * "## Linux crypto-miner auto-response" or "**Suspicious PowerShell**" on the first line, above a runbook whose own lines
 * label its case ("trigger: ...", "## When"): the runbook's name, shown and never a condition (those lines say the case).
 * A name that narrows by itself ("## Linux only", "**Not for servers**"), or one above no labelled case, stays and is read.
 */
function markdownTitle(input: string): { text: string; title?: string } {
  const m = /^[ \t]*(?:#{1,6}[ \t]+([^\n#]{2,80}?)|\*\*([^*\n]{2,80})\*\*)[ \t]*\n(?=[\s\S]*\S)/.exec(input);
  if (!m) return { text: input };
  const title = (m[1] ?? m[2]).trim();
  const rest = input.slice(m[0].length);
  if (/[:\d@]|\b(?:only|just|not|never|no|none|except|unless|without|but|excluding|if|when)\b|n't\b/i.test(title) || !MARKDOWN_CASE_LABEL.test(rest)) return { text: input };
  return { text: rest, title };
}

/** Words a shouted headline may not hold to be set aside: a case, a step, a narrowing, a kind of entity. */
const SHOUT_CASE = /\b(?:ONLY|JUST|NOT|NO|NEVER|EXCEPT|UNLESS|IF|WHEN|SKIP|DONT|DON'T|HIGH|MEDIUM|MED|LOW|CRIT|CRITICAL|INFO|INFORMATIONAL|SEV\d?|P[0-4]|MDE|MDO|MDI|MDCA|IDP|DEFENDER|LINUX|MACS?|MACOS|WINDOWS|SERVERS?|WORKSTATIONS?|LAPTOPS?|DCS?|KIOSKS?|VIPS?|EXECS?|ADMINS?|CFO|CEO|PHISH\w*|RANSOM\w*|MALWARE|MINERS?|C2|IOCS?|IPS?|URLS?|DOMAINS?|HASH\w*|FILES?|USERS?|ACCOUNTS?|DEVICES?|HOSTS?|BOX(?:ES)?|GROUPS?|TAG\w*|OPEN|CLOSED|RESOLVED|ACTIVE|ISOLAT\w*|BLOCK\w*|DISABL\w*|RESET|REVOK\w*|SCAN\w*|QUARANTIN\w*|CONTAIN\w*|RESTRICT\w*|COLLECT\w*|ASSIGN\w*|CLOSE|RESOLVE|E-?MAIL|MAIL|POST|TEAMS|IDENTITY|ENDPOINTS?|OFFICE|CLOUD|ENTRA|SIGN-?INS?|ALERTS?|INCIDENTS?)\b/;
const SHOUT_WORD = String.raw`[A-Z][A-Z0-9'&/]*(?:-[A-Z0-9]+)*`;
/** "OUTBREAK MODE, effective NOW.", "P1 BRIDGE:", "PHISH WAVE - STOP THE BLEEDING.", "CLEANUP PHASE.": a shouted headline first. */
const SHOUTED_OPENING = new RegExp(String.raw`^(\s*)(${SHOUT_WORD}(?:[ \t]+${SHOUT_WORD}){0,5}(?:[ \t]*[-\u2013\u2014][ \t]*${SHOUT_WORD}(?:[ \t]+${SHOUT_WORD}){0,5})?(?:[ \t]*,[ \t]*(?:effective|EFFECTIVE)[ \t]+(?:now|NOW|immediately|IMMEDIATELY|today|TODAY|tonight|TONIGHT))?)[ \t]*(?:[.:!]+[ \t]*|[ \t]*\n)`);
/** "GO GO", "MOVE", "NOW!!": shouted at the room, last. */
const SHOUTED_CLOSING = /(^|[.!?]\s+|\n\s*)((?:GO|MOVE|NOW|ASAP|FAST|HURRY|PLS|PLEASE|THANKS|TY|GOGO|MOVE\s+IT)(?:[ \t,]+(?:GO|MOVE|NOW|ASAP|FAST|HURRY|PLS|PLEASE|THANKS|TY|PEOPLE|FOLKS|TEAM))*)[ \t]*[.!]*\s*$/;

/**
 * An incident commander's headline and send-off: a first sentence or heading shouted in capitals that names no case, no
 * step and no narrowing ("OUTBREAK MODE, effective NOW.", "CLEANUP PHASE."), and "GO GO" or "MOVE" last, are said to the
 * room. They are shown, never read as cases. A shouted headline that names a case ("P1 BRIDGE", "PHISH WAVE", "LINUX
 * ONLY") is read.
 */
function shoutedHeadlines(input: string, background: string[]): string {
  let text = input;
  const opening = SHOUTED_OPENING.exec(text);
  if (opening && /[A-Z]{3,}/.test(opening[2]) && !SHOUT_CASE.test(opening[2]) && text.slice(opening[0].length).trim()) {
    background.push(opening[2].trim());
    text = opening[1] + text.slice(opening[0].length);
  }
  const closing = SHOUTED_CLOSING.exec(text);
  if (closing && text.slice(0, closing.index).trim()) {
    background.push(closing[2].trim());
    text = text.slice(0, closing.index) + closing[1].replace(/\s+$/, '');
  }
  return text;
}

/**
 * A case on a line ending in a colon, with its steps on the lines indented under it:
 *
 *   when a Linux box gets a High alert:        ->  when a Linux box gets a High alert: collect a package and isolate it
 *     - collect a package
 *     - isolate it
 *
 * is one line, as the grammar reads a case and its steps. A runbook's label ("Actions:") keeps its lines (the runbook
 * reader reads those), and so does a case whose lines hold cases of their own.
 */
function nestedCases(input: string): string {
  if (!/:[ \t]*\r?\n[ \t]+\S/.test(input)) return input;
  const lines = input.split('\n');
  const indentOf = (l: string): number => (/^[ \t]*/.exec(l)?.[0] ?? '').replace(/\t/g, '    ').length;
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const head = /^([ \t]*(?:[-*\u2022][ \t]*|\d+[.)][ \t]*)?)(\S.*?)[ \t]*:[ \t]*$/.exec(line);
    if (!head || isRunbookLabel(line)) {
      out.push(line);
      continue;
    }
    const items: string[] = [];
    let j = i + 1;
    for (; j < lines.length && lines[j].trim() && indentOf(lines[j]) > indentOf(line); j++) items.push(lines[j].trim().replace(/^(?:[-*\u2022]|\d+[a-z]?[.)]|[a-z][.)])\s*/i, '').replace(/[.;]+$/, '').trim());
    // (Only steps: lines that are cases or bands of their own, "- >= 15 -> quarantine", "- VIP -> revoke", stay lines.)
    if (items.length === 0 || items.some((x) => !x || /:\s*$|->|=>|\u2192|^\s*(?:[<>=]|\d|if\b|when\b|else\b|otherwise\b)/i.test(x) || !STEP_VERB_FIRST.test(x.replace(/^(?:please\s+|pls\s+|then\s+|also\s+|and\s+)/i, '')))) {
      out.push(line);
      continue;
    }
    out.push(`${head[1]}${head[2]}: ${items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`}`);
    i = j - 1;
  }
  return out.join('\n');
}

/** Rewrites text with its mail addresses and links set aside, so no rule for words can change them. */
function keepAddresses(input: string, rewrite: (text: string) => string): string {
  const kept: string[] = [];
  const masked = input.replace(/[\w.+'-]+@[\w-]+(?:\.[\w-]+)+|\bhttps?:\/\/[^\s"'<>]+/g, (m: string) => `\uE200${kept.push(m) - 1}\uE201`);
  return rewrite(masked).replace(/\uE200(\d+)\uE201/g, (_m, i: string) => kept[Number(i)]);
}

/**
 * Chat of a younger analyst: emoji said as verbs ("🔒 that device", "NEVER 🔒 devices w/ the tag"), every other emoji a
 * decoration; "=" between a case and what is done; letters stretched for stress ("pleaseee", "sooo"); slang that says
 * how the writer feels, not which cases ("no cap", "fr", "lowkey", "its giving chaos"); "cooked" for malicious.
 */
function chatSlang(input: string): string {
  if (!/\p{Extended_Pictographic}|\b(?:no\s+cap|fr|ngl|lowkey|istg|bestie|rn|yeet|cooked|bet|popped|pwned)\b|([a-z])\1{2,}/iu.test(input)) return input;
  // (Slang is never part of an address: "secops-fr@contoso.fr" keeps its "fr".)
  return keepAddresses(input, slangRewrites);
}

function slangRewrites(input: string): string {
  return input
    // "servers getting popped w/ a reverse shell alert": the servers with that alert.
    .replace(/\s+(?:getting|get|got|gets|that\s+get|that\s+got)\s+(?:popped|pwned|owned)\s+(?=with\b|w\/|by\b)/gi, ' ')
    .replace(EMOJI_LOCK, 'isolate')
    .replace(EMOJI_UNLOCK, 'release')
    .replace(EMOJI_NO_ENTRY, 'block')
    .replace(EMOJI_FLAME, 'run')
    // "URL bad on VT ➡️ block it": an arrow drawn as an emoji leads to the steps, never ends the clause.
    .replace(/\s*(?:\u27a1\ufe0f?|\u{1f449}\p{Emoji_Modifier}?|\u23e9)\s*/gu, ' -> ')
    // A decoration between a clause and the next word ends the clause, as a full stop would ("they trip alerts all day 💀 just scan those").
    .replace(EMOJI_ENDS_CLAUSE, '. ')
    .replace(EMOJI_RUN, ' ')
    .replace(/(^|[.!?]\s+)(?:bet|ok(?:ay)?\s+so|oh\s+and)\s*[.!,]*\s+/gi, '$1')
    // "macs are lowkey our blind spot": why the rule is wanted, nothing it tests.
    .replace(/(^|[.!?]\s+)[\w\s-]{2,40}?\s+(?:is|are)\s+(?:kind\s+of\s+|sort\s+of\s+|really\s+|lowkey\s+)?our\s+(?:biggest\s+|main\s+|big\s+|real\s+)?(?:blind\s*spot|weak\s+spot|weakness|headache)\s*(?:[.!]+|(?=\p{Extended_Pictographic}))/giu, '$1')
    // "oh sure lets isolate the CEO's laptop again, that went so well last time": sarcasm, which asks for nothing.
    .replace(/(^|[.!?]\s+)(?:oh\s+)?(?:sure|yeah\s+right|great\s+idea)\s*,?\s+let'?s\s+[^.!?\n]*?\b(?:again|last\s+time)\b[^.!?\n]*[.!?]+(?:\s*anyway\s*[.!,]*)?\s*/gi, '$1')
    // "windows? not my problem rn. linux?? also no": kinds of device left out.
    .replace(/(?<=^|[.!]\s+)(windows|linux|macs?|mac\s?os|servers?|workstations?)\s*\?+\s*(?:also\s+)?(?:not\s+my\s+problem|nope|no|nah|skip|not\s+now|not\s+today)\b(?:\s+(?:rn|now|lol|lmao))*\s*[.!]*/gi, 'but not on $1 devices.')
    // "no VIP tag = leave it alone": the other incidents get nothing.
    .replace(/\bno\s+(["'\u2018\u201c]?[\w-]+["'\u2019\u201d]?)\s+tag\s*(?:=|->|\u2192|:)\s*(?:just\s+)?(?:leave\s+it\s+alone|nothing|skip(?:\s+it)?|ignore(?:\s+it)?)\b/gi, 'if the incident is not tagged $1, do nothing')
    // "(soft delete the email too?? nah we cant do that from here, skip it)": a thought taken back.
    .replace(/\s*\([^()]*?\b(?:skip\s+it|nvm|never\s*mind|forget\s+it|ignore\s+(?:that|it))\s*[.!]*\)/gi, '')
    // "high sev + ransomware = isolate that device", "3+ engines = bad -> block": "=" between a case and its step or verdict.
    .replace(/\s+=\s*(?=(?:just\s+)?(?:isolate|block|release|run|scan|disable|reset|revoke|post|tag|assign|close|resolve|leave|ignore|skip|nothing|collect|restrict|quarantine|mail|e-?mail|notify|ping)\b)/gi, ' -> ')
    .replace(/\s+=\s*(?=(?:bad|malicious|clean|good|sus|suspicious)\b)/gi, ' is ')
    .replace(/\b(is|are|looks?|'s)\s+cooked\b/gi, '$1 malicious')
    // "yeet it (disable the acct)": throwing the account out is disabling it.
    .replace(/\byeet\s+(?=(?:it|them|the\s+(?:acct|account|user)s?)\b)(?=[^.!?\n]*\b(?:acct|account|user)s?\b)/gi, 'disable ')
    .replace(/\b([a-z]*?)([a-z])\2{2,}([a-z]*)\b/gi, (m: string, head: string, letter: string, tail: string) => {
      const one = `${head}${letter}${tail}`;
      const two = `${head}${letter}${letter}${tail}`;
      return lemmaKnown(one.toLowerCase()) || FUNCTION_WORDS.has(one.toLowerCase()) ? one : lemmaKnown(two.toLowerCase()) || FUNCTION_WORDS.has(two.toLowerCase()) ? two : m;
    })
    .replace(/,?\s*\b(?:no\s+cap|fr(?:\s+fr)?|ngl|lowkey|highkey|istg|deadass|on\s+god|not\s+gonna\s+lie)\b,?/gi, ' ')
    // "0 hits = gg ignore": game over, nothing more.
    .replace(/(=|->)\s*gg\s+(?=(?:ignore|skip|nothing|do\s+nothing|leave)\b)/gi, '$1 ')
    .replace(/,?\s*\bit'?s\s+giving\s+[\w-]+/gi, '')
    .replace(/\brn\b/gi, 'now')
    .replace(/[ \t]{2,}/g, ' ');
}

const NOTE_STEP_WORD = /\b(?:isolat|contain|quarantin|scan|collect|restrict|block|disabl|reset|revok|assign|tag|clos|resolv|post|e-?mail|mail|notif|ping|comment|releas|confirm|dismiss)\w*/i;
/** Words of a heading that name cases: a source, a kind of alert, entity or device, a severity. */
const HEADING_CASE = /\b(?:alerts?|incidents?|sign-?ins?|detections?|devices?|machines?|hosts?|boxes|endpoints?|users?|accounts?|servers?|workstations?|laptops?|dcs?|mde|mdo|mdi|mdca|entra|identity|defender|phish\w*|malware|ransomware|iocs?|ips?|urls?|hash(?:es)?|domains?|sev(?:erity)?|high|medium|low|critical|linux|mac\s?os|macs?|windows|tagged|group)\b/i;
/** When a shift's notes or rules hold: "overnight", "tonight's", "(until further notice)", "until Fri". */
const SHIFT_WORDS = /\(\s*(?:until|till|til)\b[^()]*\)|\b(?:until|till|til)\s+(?:further\s+notice|(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun|tomorrow|(?:the\s+)?morning)\b|\b(?:for\s+)?(?:tonight'?s?|overnight|(?:this\s+)?weekend'?s?|(?:night|day)\s+shift'?s?|nite)\b,?/gi;
const NOTES_HEADING = /^\s*(?:[#*]+\s*)?(?:(?:night|nite|day|shift|overnight)\s+(?:notes|shift|handover)|hand-?over|overnight|nite\b|night\b|(?:[\w&/+-]+\s+){0,4}(?:sync|minutes|retro|stand-?up|meeting|notes)\b|minutes\b)/i;

/**
 * "MDE high sev:", "Ransomware on MDE:" on a line of their own over the steps: a heading that names cases (a source, a
 * severity, a kind of alert) with no step in it is what the steps below are for, as "for MDE high sev:" says (without a
 * noun, "alerts" or "incidents", such a line had been left unread and the playbook asked about it). Read last, after
 * the rules that take a heading for a document's title, a shift's notes or a time.
 */
function headingCases(text: string): string {
  return text.replace(/(^|\n)[ \t]*([^\n:.;!?]{2,60}?)[ \t]*:[ \t]*(?=\n([ \t]*\S[^\n]*))/g, (m: string, lead: string, heading: string, next: string) =>
    // (Only a source or a severity, in a few words: a runbook's or a list's name, "Endpoint response:", "Phishing runbook:",
    // is read by the rules for names, and a list keyed by severity, "- High: ...", by the rules for lists.)
    /\b(?:mde|mdo|mdi|mdca|defender|identity\s+protection|entra|sev(?:erity)?|high|medium|low|critical)\b/i.test(heading) && heading.trim().split(/\s+/).length <= 5
    && !NOTE_STEP_WORD.test(heading) && !/^(?:for|on|if|when|whenever|in|with|unless|except|only|otherwise|else|where|once|after|not|no|never)\b/i.test(heading.trim())
    && !/\b(?:not|no|never|except|excluding|without|other|rest|else|everything|everyone|anything|alerts?|incidents?|runbook|playbook|checklist|procedure|response|rules?|sop|triage|part|steps?|actions?|plan|policy|process|workflow|each|every|entity)\b/i.test(heading)
    && !/^(?:[-*\u2022]\s*)?(?:critical|high|medium|low|info(?:rmational)?|sev)\b[^:\n]{0,20}(?::|->|=>|\u2192)/i.test(next.trim())
      ? `${lead}for ${heading.trim()}:`
      : m,
  );
}

/**
 * "for tonight, per sev:", "Standing order until Fri (change freeze):", "Queue assignment tonight:": a heading line's words
 * for how long the rules hold, and for what kind of list follows, name no case. They are shown, and the heading keeps
 * what else it says ("Overnight rules for risky sign-ins:" keeps "for risky sign-ins").
 */
function headingValidity(input: string, background: string[]): string {
  const m = /^([^\n]{3,120}):[ \t]*\n(?=\s*\S)/.exec(input);
  if (!m || NOTE_STEP_WORD.test(m[1]) || !SHIFT_WORDS.test(m[1])) return input;
  SHIFT_WORDS.lastIndex = 0;
  const kept = m[1]
    .replace(SHIFT_WORDS, ' ')
    .replace(/\(([^()]*)\)/g, (b: string, inner: string) => (HEADING_CASE.test(inner) ? b : ' '))
    .replace(/\b(?:standing\s+orders?|orders?|rules?|per\s+sev(?:erity)?|queue\s+assignments?|queue|assignments?|notifications?|(?:night|day)\s+shift|effective(?:\s+(?:immediately|now|today))?)\b/gi, ' ')
    .replace(/^[\s,.;:-]+|[\s,.;:-]+$/g, '')
    .replace(/\s{2,}/g, ' ');
  background.push(m[1].trim());
  return `${kept ? `${kept}:\n` : ''}${input.slice(m[0].length)}`;
}

/** A system or a kind of device as a rule leaves it out ("Linux", "servers", "non-Windows devices"); DEVICE_KIND_WORDS has no systems. */
const SYSTEM_OR_KIND = String.raw`(?:non-?windows|windows|linux|mac(?:os)?|macs|servers?|workstations?|laptops?)(?:\s+(?:devices|machines|boxes|endpoints))?`;
/** "(linux/mac not part of this)", "Windows and macOS are covered by SO-1, not this order", "Servers ... are excluded". */
const KINDS_LEFT_OUT = new RegExp(String.raw`(^|[.;!?(]\s*|\n\s*)(${SYSTEM_OR_KIND}(?:\s*(?:,|or|and|\/)\s*${SYSTEM_OR_KIND})*)\s+(?:are\s+|is\s+)?(?:not\s+part\s+of\s+(?:this|it|the\s+(?:rule|order|playbook))|(?:out\s+of|not\s+in)\s+scope(?:\s+(?:for|of)\s+(?:this|the)\s+(?:rule|order|playbook))?|excluded|(?:covered|handled|dealt\s+with)\s+(?:by|under|in)\s+[^,.;()\n]{1,40}?(?:\s*,\s*not\s+(?:by\s+|in\s+|under\s+)?(?:this|here)(?:\s+(?:order|rule|playbook|runbook|one))?)?)\s*(?=[.;!?)\n]|$)`, 'gi');

/** The label of a pasted order or runbook page: "Standing order 12", "SO-7", "Order 5", "Weekend coverage orders", "Runbook 4.2". */
const DOCUMENT_LABEL = /^\s*(?:#+\s*)?(?:(?:(?:standing|shift|weekend|weekday|day|night|nite|overnight|holiday)\s+)*(?:(?:coverage|handover|shift)\s+)?(?:orders?|rules?|procedures?)|SOP?|runbook|playbook|procedure|policy|directive)(?:[ \t]*[-#]?[ \t]*\d+(?:\.\d+)*)?(?=[\s:(\u2013\u2014-]|$)/i;
/** A word of a title that names nothing by itself. */
/** A line that hands over a pasted document and asks for it to be built, before the document. */
const DOCUMENT_ASK = /,?\s*(?:(?:please|pls|plz|kindly)\s+)?(?:automate|implement|build|set\s+up|turn)\b[^:\n]{0,40}?(?=:\s*$)|\.\s*(?:please\s+)?implement\s+as\s+automation(?=:\s*$)/i;
const DOCUMENT_INTRO = /^(?=[^\n]*\b(?:automate|implement|build|pasting|pasted|excerpt|following|here'?s|here\s+is|below|from\s+(?:the|our)\b))[^\n]{0,200}?\b(?:runbook|run\s*book|procedure|sop|playbook|policy|excerpt|section)\b[^\n]{0,200}?:[ \t]*(?=\n)/i;
/** The cases a line that hands over a document names at its end: "... automated for endpoint (MDE) alerts:". */
const INTRO_SCOPE = /\b(?:for|on)\s+((?:(?!\b(?:for|on)\s)[^:\n]){2,80}?\b(?:alerts?|incidents?|detections?|cases?))\s*:[ \t]*$/i;
/** An item of the list that says which cases it covers. */
const LIST_SCOPE = /^\s*(?:(?:[A-Z]{1,3})?\d+(?:\.\d+)*[.)]?|step\s+\d+\s*[-\u2013:]?)?\s*(?:scope|applicability|applies\s+(?:only\s+)?to|trigger)\s*:/im;
const TITLE_FILLER = /^(?:and|or|the|a|an|of|for|on|in|to|with|by|only|all|new|our|v\d+|rev|revised|updated|draft|final)$/i;

/**
 * "Standing order 12 - identity", "SO-7 Phishing (effective immediately)", "Day shift orders - credential theft" on the first
 * line of a pasted list: the order's label and when it holds name no case. Its topic is kept as the list's heading, unless
 * the list below says every word of it again ("identity" over "Identity Protection alerts ..."), when it adds nothing.
 */
function documentTitle(input: string, background: string[]): string {
  // "Pasting the Northwind runbook section, pls automate as written:", "Runbook EX-03 (Executive endpoints), please
  // implement:": a line that hands over a document is no rule; what its title names is read as a title below.
  // ("Customer: Fabrikam. Runbook PH-02 ...:" names whose incidents the rule is for: that stays to be asked about.)
  const intro = DOCUMENT_INTRO.exec(input);
  if (intro && !/\b(?:customer|client|tenant|company)\s*:/i.test(intro[0]) && /\n\s*\S/.test(input.slice(intro[0].length))) {
    background.push(intro[0].trim());
    const title = /["\u201c]([^"\u201d\n]{2,60})["\u201d]|\(([^()\n]{2,60})\)/.exec(intro[0].replace(DOCUMENT_ASK, ' '));
    const rest = input.slice(intro[0].length).replace(/^\s*\n/, '');
    // (The title, without an id of its own, "R1 - Ransomware", stays as a heading: it may name the cases.)
    // ("this is what I want automated for endpoint (MDE) alerts:": the cases the line names are the heading, whatever its
    // brackets say; read as a title, "(its on sharepoint somewhere)" had replaced them and the list ran on every alert.)
    const scope = INTRO_SCOPE.exec(intro[0]);
    const named = scope ? familyThenProducts(scope[1]) : (title?.[1] ?? title?.[2])?.replace(/^[A-Z]{0,5}-?\d+(?:\.\d+)*\s*[-\u2013:]\s*/i, '');
    if (!named || /^applies\b|^[A-Z]{2,}-?\d/i.test(named)) return documentTitle(rest, background);
    return /^\s*(?:\d+[.)]|[-*\u2022])\s+\S/.test(rest.split('\n').find((l) => l.trim() !== '') ?? '') ? documentTitle(`Runbook - ${named}\n${rest}`, background) : `${named}:\n${rest}`;
  }
  const lines = input.split('\n');
  if (lines.length < 2 || !/^\s*(?:\d+[.)]|[-*\u2022])\s+\S/.test(lines.slice(1).find((l) => l.trim() !== '') ?? '')) return input;
  const label = DOCUMENT_LABEL.exec(lines[0]);
  if (!label || NOTE_STEP_WORD.test(lines[0])) return input;
  const when = /\((?:effective|valid|in\s+force|from|until|till|starting|as\s+of)\b[^()]*\)|\((?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\s*[-\u2013/]\s*(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\)|,?\s*\beffective\s+(?:immediately|now|today|tonight|tomorrow|from\s+[\w ]+)\b|\b(?:this|tonight'?s?|for\s+the)\s+(?:weekend|shift|week|night)\b/gi;
  const topic = lines[0].slice(label[0].length).replace(when, ' ').replace(/^[\s:\u2013\u2014-]+|[\s:.\u2013\u2014-]+$/g, '').replace(/\s{2,}/g, ' ');
  background.push(lines[0].trim());
  const body = lines.slice(1).join('\n').toLowerCase();
  // (A list that says its own scope, "1. Scope: ...", "Applicability: devices tagged VIP", makes the title its name.)
  const restated = LIST_SCOPE.test(lines.slice(1).join('\n')) || topic.split(/[\s/,&]+/).filter((w) => w && !TITLE_FILLER.test(w)).every((w) => body.includes(w.toLowerCase().replace(/(?:ies|es|s)$/, '').slice(0, 6)));
  return `${topic && !restated ? `${topic}:\n` : ''}${lines.slice(1).join('\n')}`;
}

/**
 * A shift handover or meeting minutes that carry a standing rule: the heading (who, when), "FYI" lines (what happened
 * tonight), "Attendees:" and "Recap:" lines are background; "Carry-over", "standing rule pls:", "ask:", "Decision:",
 * "Agreed that", "AI-1 (owner: TK):" are labels before what is asked; initials after a line ("- KT", "(JM)") sign it.
 */
function shiftNotes(input: string, background: string[]): string {
  const lines = input.split('\n');
  if (lines.length < 2) return input;
  const looksLikeNotes = NOTES_HEADING.test(lines[0]) || lines.some((l) => /^\s*(?:[-*\u2022]\s*)?(?:fyi\b|attendees\s*:|present\s*:|decisions?\s*:|agreed\b|carry-?over\b|ai-\d+\b|action\s+items?\b)/i.test(l));
  if (!looksLikeNotes) return input;
  const out: string[] = [];
  lines.forEach((line, i) => {
    const bare = line.replace(/^\s*(?:[-*\u2022]|\d+[.)])?\s*/, '');
    const heading = i === 0 && NOTES_HEADING.test(line) && (!NOTE_STEP_WORD.test(line) || /\bhand-?over\b.*->/i.test(line));
    // A line of the night's news that asks nothing ("quiet-ish.", "ZAP purged most of it.") and names no case is background too.
    const asksNothing = i > 0 && bare.trim() !== '' && !NOTE_STEP_WORD.test(bare) && !/->|\u2192|=>|:\s*$|\b(?:if|when|unless|only|never|except|skip|not|no|don'?t|dont|alerts?|incidents?|detections?|devices?|machines?|hosts?|users?|accounts?|servers?|workstations?|laptops?|critical|high|medium|low|informational|sev)\b/i.test(bare);
    // "Overnight rules for risky sign-ins (Entra ID Protection):": a heading that also names the cases is kept for them,
    // without the words that say when the notes were written.
    if (heading && HEADING_CASE.test(line.replace(NOTES_HEADING, ' '))) {
      background.push(line.trim());
      out.push(line.replace(SHIFT_WORDS, ' ').replace(/\s{2,}/g, ' ').trim());
      return;
    }
    if (heading || asksNothing || /^(?:fyi\b|attendees\s*:|present\s*:|recap\s*:|context\s*:|notes\s*:|note\s+taker\b|open\s*:|still\s+open\s*:)/i.test(bare) || /^\s*[-\u2013\u2014]?\s*[A-Z]{2,3}\.?\s*$/.test(line)) {
      if (line.trim()) background.push(line.trim());
      return;
    }
    let kept = line
      .replace(/^(\s*(?:[-*\u2022]|\d+[.)])?\s*)(?:(?:carry-?over|standing\s+(?:rule|ask)|(?:autom(?:ation)?\s+)?ask|rule|decision|decisions|agreed(?:\s+that)?|action\s+item|ai-\d+)\b(?:\s*(?:\([^()]*\)|from\s+[\w\s]+?\([^()]*\)|\/|pls|please|for\s+rampart|,))*\s*)+[:-]?\s*/i, '$1')
      .replace(/^(\s*(?:[-*\u2022]|\d+[.)])?\s*)exception\s*\([^()]*\)\s*:/i, '$1Exception:')
      // "Exception: devices tagged honeypot -> skip": those are skipped.
      .replace(/^(\s*(?:[-*\u2022]|\d+[.)])?\s*)exception\s*:\s*((?:the\s+|any\s+|all\s+)?(?:devices?|machines?|hosts?|boxes|endpoints?|servers?|workstations?|users?|accounts?|incidents?|alerts?)\b[^\n]*?)\s*(?:->|\u2192|=>|:|,)\s*(?:just\s+)?(?:skip(?:\s+(?:it|them))?|ignore(?:\s+(?:it|them))?|no\s+action|nothing|leave\s+(?:it|them)\s+alone)(?:\s+as\s+well)?\s*[.!]?\s*$/i, '$1skip $2.')
      .replace(/\s*\(\s*(?:owner|notes?)\s*:\s*[\w .-]+\)/gi, '')
      .replace(/\s+[-\u2013\u2014]\s*[A-Z]{2,3}\.?\s*$/, '')
      .replace(/^(\s*(?:[-*\u2022])?\s*)rampart\s+rule\s*(?:->|\u2192|:)\s*/i, '$1');
    // A label left alone on its line ("Decision:") says nothing.
    if (/^\s*(?:[-*\u2022])?\s*[:-]?\s*$/.test(kept)) kept = '';
    out.push(kept);
  });
  return out.join('\n');
}

/** Punctuation spoken aloud, as speech to text writes it: "comma", "period", "new line", "colon". */
const SPOKEN_MARK = /\b(?:comma|period|full\s+stop|new\s+line|new\s+paragraph|colon|question\s+mark)\b/gi;
const SPELT_NUMBER: Record<string, string> = { one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10', eleven: '11', twelve: '12', fifteen: '15', twenty: '20', thirty: '30', sixty: '60', ninety: '90' };
const SPELT = Object.keys(SPELT_NUMBER).join('|');
const LIKE_BEFORE_NUMBER = new RegExp(String.raw`\blike\s+(?=(?:\d|${SPELT})\b)`, 'gi');
const BETWEEN_SPELT = new RegExp(String.raw`\bbetween\s+(${SPELT})\s+and\s+(${SPELT})\b`, 'gi');

/**
 * A request dictated on a phone: the marks are words ("comma", "period", "new line", "colon"), fillers ("um", "uh",
 * "you know", "like" before a number), homophones ("I so late" for isolate, "sock" for SOC), addresses and numbers spelt
 * out ("dana dot kim at contoso dot com", "sha two fifty six", "office three sixty five"). Spoken marks are read as marks
 * only when the request has (almost) none of its own, so "a retention period of 30 days" stays as written.
 */
function dictated(input: string): string {
  let text = input
    // Spelt-out addresses and numbers are read anywhere.
    .replace(/\b([a-z][\w-]*)\s+(dot|dash|underscore)\s+([a-z][\w-]*)\s+at\s+([a-z][\w-]*)\s+dot\s+(com|org|net|edu|gov|io|co|local)\b/gi, (_m, a: string, join: string, b: string, domain: string, tld: string) => `${a}${join.toLowerCase() === 'dot' ? '.' : join.toLowerCase() === 'dash' ? '-' : '_'}${b}@${domain}.${tld}`)
    .replace(/\b(?:office|o)\s+three\s+sixty\s+five\b/gi, 'Office 365')
    .replace(/\bsha[\s-]*(?:two\s+fifty\s+six|two\s+five\s+six)\b/gi, 'sha256')
    .replace(/\bsha[\s-]*one\b/gi, 'sha1')
    .replace(/\b(?:i|eye|aye)\s+so\s+late\b/gi, 'isolate')
    // "if its between 3 and 10", "unless its a server": "it is", its apostrophe dropped.
    .replace(/\b(if|when|unless|whenever)\s+its\s+(?=(?:between|over|under|above|below|more|less|at\s+least|an?|on|in|from|not|clean|bad|malicious|high|medium|low|informational|tagged)\b)/gi, '$1 it is ')
    // "tag the incident with the word enriched": that tag.
    .replace(/\btag\s+(it|them|the\s+incidents?)\s+with\s+(?:the\s+)?(?:word|tag|label|text)\s+["'\u2018\u201c]?([\w-]+)["'\u2019\u201d]?/gi, "tag $1 '$2'")

    .replace(/\bsock\b(?=\s+(?:channel|teams?|lead|analysts?|queue|chat)\b)/gi, 'SOC')
    // "block it, set it to expire in thirty days": the block's expiry.
    .replace(/\b(?:and\s+)?(?:set|make|have|let)\s+(?:it|them|the\s+(?:block|indicator|ioc|entry)s?)\s+(?:to\s+)?(?=expire\b)/gi, '')
    // Homophones and spelt letters of voice-to-text: "ransom wear", "an I P", "the U R L", "fishing emails", "hi severity".
    .replace(/\bransom\s+(?:wear|ware|where)\b/gi, 'ransomware')
    .replace(/\b(?:I\s+P|eye\s+pee)(?=\s+(?:address(?:es)?|that|which|from|in|on|is|it|to)\b|\s*[,.;]|$)/g, 'IP')
    .replace(/\bU\s+R\s+L(s?)\b/g, 'URL$1')
    .replace(/\bfishing\b(?=\s+(?:e-?mails?|mails?|messages?|alerts?|links?|attempts?|campaigns?|incidents?)\b)/gi, 'phishing')
    .replace(/\bhi\b(?=\s+(?:severity|sev|priority|risk)\b)/gi, 'high');
  const spoken = [...text.matchAll(SPOKEN_MARK)].length;
  const marks = (text.match(/[,.;:!?](?=\s|$)/g) ?? []).length;
  if (spoken === 0 || (spoken < 2 && marks > 0) || marks > spoken) return text;
  text = text
    // "tag suspicious dash url": a hyphenated word, spoken.
    .replace(/\b([a-z][\w]*)\s+dash\s+(?=[a-z])/gi, '$1-')
    .replace(/\s*\bcomma\b\s*/gi, ', ')
    .replace(/\s*\b(?:period|full\s+stop)\b(?!\s+of\b)\s*/gi, '. ')
    .replace(/\s*\bnew\s+(?:line|paragraph)\b\s*/gi, '. ')
    .replace(/\s*\bcolon\b\s*/gi, ': ')
    .replace(/\s*\bquestion\s+mark\b\s*/gi, '? ')
    // "the eicar test thing": a vague "thing" after what is named.
    .replace(/\b(the|that|this)\s+((?!(?:device|box|machine|host|kind|sort)\b)[\w-]+(?:\s+(?!of\b)[\w-]+)?)\s+thing\b(?!\s+(?:is|was|that|which))/gi, '$1 $2')
    // Fillers of speech.
    .replace(/(^|[\s,.])(?:um+|uh+|erm|hmm+)\b,?\s*/gi, '$1')
    .replace(/,?\s*\byou\s+know\b,?\s*/gi, ', ')
    .replace(/\b(but|and|so|or|if|its|it's|is)\s+like\s+/gi, '$1 ')
    .replace(LIKE_BEFORE_NUMBER, '')
    .replace(/(^|[.]\s+)(?:okay|ok|alright|right)\s+(?:so\s+)?/gi, '$1')
    .replace(/(^|[.]\s+)(?:next|new)\s+(?:one|rule)\s*[,:]?\s*/gi, '$1')
    // "servers we just scan them": what is done to a kind of device, said as a thought of its own.
    .replace(/(?:^|[,.;]\s*)(servers?|workstations?|laptops?|desktops?|domain\s+controllers?|dcs?|macs?|linux\s+(?:boxes|servers|hosts))\s+we\s+(?:just\s+|only\s+)?(scan|collect\s+a\s+package\s+from|isolate|restrict|tag)\s+(?:them|it)\b/gi, (_m, kind: string, verb: string) => `. for ${kind} just ${verb} them`)
    // "block it at the firewall I mean in defender as an indicator": what is said after "I mean" takes the place of what came before it.
    .replace(/\s+(?:at|on|in|to)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+I\s+mean\s+(?=(?:at|on|in|to|as)\b)/gi, ' ')
    .replace(BETWEEN_SPELT, (_m, a: string, b: string) => `between ${SPELT_NUMBER[a.toLowerCase()]} and ${SPELT_NUMBER[b.toLowerCase()]}`)
    // "resolve it as a false positive no wait as informational expected activity": the second reading replaces the first.
    .replace(/\bas\s+(?:an?\s+)?[\w\s-]{2,40}?\s*,?\s*(?:no\s+wait|wait\s+no|sorry|i\s+mean|actually)\s*,?\s+as\s+/gi, 'as ')
    .replace(/\s+([,.:?])/g, '$1')
    .replace(/([.?])(?:\s*[.,])+/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return text;
}

function doubleNegations(text: string): string {
  const subject = String.raw`((?:the\s+|its\s+|their\s+)?(?:incident|alert|device|machine|host|box|endpoint|user|account|it|its|they|that|this)(?:\s+[\w-]+)?)`;
  return text
    // "except if they are not in X", "except when the device isn't tagged Y": the same as "unless".
    .replace(new RegExp(String.raw`\b(?:except|but\s+not)\s+(?:if|when)\s+${subject}\s+(?:(?:is|are|was|were)\s*(?:not|n't)|isn'?t|aren'?t|wasn'?t|weren'?t)\s+`, 'gi'), 'only if $1 is ')
    // "except devices that are not tagged 'GO'", "excluding devices not tagged 'GO'", "except users who aren't in X": only those.
    // ("skip devices not in X", "leave out devices that are not tagged X", "never for users not in G": the same.)
    .replace(/\b(?:except|excluding|but\s+not|skip(?:ping)?|leav(?:e|ing)\s+out|exclud(?:e|ing)|ignor(?:e|ing)|spar(?:e|ing)|(?:but\s+)?(?:never|not)\s+for|(?:do\s+not|don'?t|dont|never)\s+touch)\s+(?:for\s+)?(?:the\s+|any\s+)?(devices?|machines?|hosts?|boxes|endpoints?|users?|accounts?|people|ones|those)\s+(?:(?:that|who|which)\s+(?:(?:are|is)\s*(?:not|n't)|aren'?t|isn'?t)|not)\s+(?=(?:in|tagged|labell?ed|named|called|members?|part|a|an|on)\b)/gi, (m: string, who: string, at: number, whole: string) => (/^(?:named|called|starting|beginning)\b/i.test(whole.slice(at + m.length)) ? `only for ${who} ` : `only for ${who} that are `))
    // "accounts that are named adm-*": the accounts so named (read as a device's name, the reset had gone to every user).
    .replace(/\b(accounts?|accts?|users?|identities|people)\s+(?:that|who|which)\s+(?:are|is)\s+(named|called)\b/gi, '$1 $2')
    // "except servers not tagged 'GO'": a kind left out, but only where a fact is missing, which no exclusion of a kind can
    // say (read as "except servers tagged GO", the untagged servers were isolated). Said so that it is asked about.
    .replace(/\b(?:except|excluding|but\s+not)\s+(?:for\s+)?(?:the\s+|any\s+)?((?:windows\s+|linux\s+|mac\s?os\s+)?(?:servers?|workstations?|dcs?|domain\s+controllers?|laptops?|desktops?|macs?|[\w-]+\s+(?:devices|machines|boxes|hosts)))\s+(?:(?:that|which)\s+(?:(?:are|is)\s*(?:not|n't)|aren'?t|isn'?t)|not)\s+(?:tagged|labell?ed|in|named|owned|assigned)\s+/gi, 'except $1 that lack ')
    // "isolate the machine, not the laptop though", "contain the hosts, no DCs": a kind of device left out, said after the step.
    .replace(new RegExp(String.raw`(\b(?:isolat|contain|restrict|scan|collect|quarantin)\w*\b[^.;!?]*?),\s*(?:but\s+)?(?:not|no)\s+(?:the\s+|any\s+|our\s+)?(${DEVICE_KIND_WORDS})(?:\s+(?:though|tho|pls|please))?(?=\s*(?:[.;!?,]|$))`, 'gi'), '$1, but not $2')
    // "if it is not not a server", "if the incident is not unassigned": two negations in a row cancel.
    .replace(/\bnot\s+not\s+/gi, '')
    .replace(/\b(is|are)\s+not\s+unassigned\b/gi, '$1 assigned')
    // "except for users not in the Ops group": only those in it.
    .replace(/\b(?:except|excluding|but\s+not)\s+(?:for\s+)?(?:the\s+|any\s+)?(users?|accounts?|people|members)\s+(?:not|outside)\s+(?:in|of)\s+/gi, 'only for $1 in ')
    .replace(new RegExp(String.raw`\bunless\s+${subject}\s+(?:(?:is|are|was|were)\s*(?:not|n't)|isn'?t|aren'?t|wasn'?t|weren'?t|(?:has|have)\s*(?:not|n't)\s+been|hasn'?t\s+been|haven'?t\s+been)\s+`, 'gi'), (m: string, who: string, at: number, whole: string) => `only if ${incidentTagPronoun(who, whole.slice(at + m.length), whole)} is `)
    // "unless its not tagged GO", "unless they're not in X": the verb inside the contraction.
    .replace(/\b(?:unless|except\s+(?:if|when))\s+(it'?s|they'?re|theyre)\s+not\s+/gi, (_m: string, who: string) => `only if ${/^it/i.test(who) ? 'it is' : 'they are'} `)
    // "unless not tagged 'GO'": the same, with the subject left out.
    .replace(/\bunless\s+not\s+(?=(?:tagged|labell?ed|assigned|owned|resolved|closed|in\s+the|a\s+|an\s+|on\s+)\b)/gi, 'only if ')
    // "if the alert is not in the Execution category", "when the incident isn't tagged test": the same case as "unless the
    // alert is in ...", which the grammar reads (read with its "not" lost, the isolation had run on the other alerts).
    // (Not before "do nothing", nor after "only", nor when "if they are" takes the case up again: those read the "not" already.)
    .replace(new RegExp(String.raw`\b(?:if|when|whenever)\s+${subject}\s+(?:(?:is|are|was|were)\s*(?:not|n't)|isn'?t|aren'?t|wasn'?t|weren'?t)\s+(?!(?:yet|already|still|even|just|only|sure|certain|clear|known|found|detected|remediated|contained|resolved|fixed|isolated|blocked|disabled|quarantined|scanned)\b)`, 'gi'), (m: string, who: string, at: number, whole: string) => (ifNotStands(whole, at, m) ? m : `unless ${who} is `))
    .replace(/\b(?:if|when|whenever)\s+(it'?s|they'?re|theyre)\s+not\s+(?=(?:tagged|labell?ed|in\s+the|in\s+an?|from|on\s+an?|a\s+|an\s+|part\s+of|a\s+member)\b)/gi, (m: string, who: string, at: number, whole: string) => (ifNotStands(whole, at, m) ? m : `unless ${/^it/i.test(who) ? 'it is' : 'they are'} `))
    .replace(new RegExp(String.raw`\b(?:if|when|whenever)\s+${subject}\s+(?:(?:does|do)\s*(?:not|n't)|doesn'?t|don'?t)\s+(contain|mention|include|come\s+from|have|carry)\b`, 'gi'), (m: string, who: string, verb: string, at: number, whole: string) => {
      if (ifNotStands(whole, at, m)) return m;
      const v = verb.toLowerCase();
      return `unless ${who} ${v === 'have' || v === 'carry' ? 'has' : v === 'come from' ? 'comes from' : `${v}s`}`;
    })
    .replace(new RegExp(String.raw`\bunless\s+${subject}\s+(?:(?:does|do)\s*(?:not|n't)|doesn'?t|don'?t)\s+(?:have|carry|bear)\s+(?:the\s+|a\s+)?(?:machine\s+|device\s+)?tag\s+`, 'gi'), 'only if $1 is tagged ')
    .replace(new RegExp(String.raw`\bunless\s+${subject}\s+(?:(?:does|do)\s*(?:not|n't)|doesn'?t|don'?t)\s+(?:have|carry|bear)\s+`, 'gi'), 'only if $1 has ');
}

/**
 * "..., unless it is not tagged contained", where the request tags only incidents ("the incident has the tag contained"): "it"
 * is the incident (left as "it", the release it gates could be read as about the device, and was asked about).
 */
function incidentTagPronoun(who: string, after: string, whole: string): string {
  if (!/^it$/i.test(who) || !/^tagged\b/i.test(after)) return who;
  const incidentTag = /\bincidents?\s+(?:[\w-]+\s+){0,8}?(?:is\s+|are\s+)?(?:tagged|(?:has|have)\s+(?:the\s+|a\s+)?tag)\b/i.test(whole);
  const deviceTag = /\b(?:devices?|machines?|hosts?|box(?:es)?|endpoints?|servers?)\s+(?:is\s+|are\s+)?(?:tagged|(?:has|have)\s+(?:the\s+|a\s+)?tag)\b|\bmachine\s*tags?\b/i.test(whole);
  return incidentTag && !deviceTag ? 'the incident' : who;
}

/** A name as said in quotes, without them: "'Legal Hold'" -> "Legal Hold". */
function bareName(quoted: string): string {
  return quoted.replace(/^["'\u2018\u201c]|["'\u2019\u201d]$/g, '');
}

const NOTIFY_ONLY = /(^|[.;!?\n]\s*|,\s*)(?:(?:this\s+is\s+|it'?s\s+)?(?:a\s+)?(?:notifications?|notify|alert(?:ing)?|e-?mail|heads[- ]up|fyi|informational)\s+only|(?:only|just)\s+(?:a\s+)?(?:notifications?|notify))(?=\s*(?:[.;!?,\n]|$))/gi;
const CHANGING_STEP = /\b(?:isolat|contain|disabl|block|reset|revok|quarantin|restrict|scan|collect|close|resolv|confirm|dismiss|release|tag|assign|classif|stop|kill|lock)\w*/i;
/**
 * "email soc@x.com (title, severity). notification only, no containment": that the request only notifies, said again.
 * Dropped when no step of the request changes anything; otherwise left for the ledger to ask about.
 */
function notificationOnly(text: string): string {
  if (text.search(NOTIFY_ONLY) < 0) return text;
  const rest = text.replace(NOTIFY_ONLY, '$1').replace(/\b(?:no|not|never|don'?t|dont|do\s+not|without|nothing\s+like)\s+(?:\w+\s+){0,1}\w+/gi, ' ').replace(/\bnotify\s+|\bnotifications?\b/gi, ' ');
  return CHANGING_STEP.test(rest) ? text : text.replace(NOTIFY_ONLY, '$1').replace(/(^|[.;!?\n]\s*)[,\s]+/g, '$1');
}

/** A sentence opened by the incidents it is about, then "if it's one from / tagged ...". */
const ONE_OF_THOSE = new RegExp(
  String.raw`((?:^|[.;!?]\s+)(?:whenever|when|if|once|each\s+time|every\s+time)\s+(?:an?\s+|any\s+|the\s+)?((?:[\w-]+\s+){0,4}?(?:incident|alert|detection))s?\s+(?:comes?\s+in|arrives?|is\s+(?:created|raised|opened)|gets?\s+(?:created|raised|opened)|fires?|pops?\s+up|shows?\s+up)\b[^.;!?]*?(?:[.;!?]\s+|,\s+(?=(?:and|also|plus)\s+(?:if|when)\b)))(?:and\s+|also\s+|plus\s+)?(if|when)\s+(?:it'?s|it\s+is|its|that'?s|that\s+is|this\s+is)\s+(?:one|one\s+of\s+(?:those|them|these))\s+(from|in|on|tagged|assigned|raised\s+by|about)\b`,
  'gi',
);

/** A sentence that never takes a user step on some accounts, and one after it with the steps for "everyone else". */
const EVERYONE_ELSE_AFTER_RULE_OUT = new RegExp(
  String.raw`((?:^|[.;!?]\s+)(?:[^.;!?]*?:\s*)?never\s+(?:disable|reset|revoke|suspend|lock|touch)\b[^.;!?]*?\s+((?:the\s+|any\s+)?(?:[\w-]+\s+){0,2}?(?:accounts|users|accts)(?:\s+(?:named\s+)?[\w.-]*\*[\w.*-]*|\s+in\s+(?:the\s+)?(?:group\s+)?["'][^"'.;]{1,40}["'](?:\s+group)?|\s+in\s+(?:the\s+)?[\w-]+\s+group)?)[^.;!?]*[.;!?])\s+` +
    String.raw`(?:otherwise,?|(?:but\s+)?(?:for\s+)?(?:everyone|everybody|anyone|anybody)\s+else|all\s+(?:the\s+)?other\s+(?:users|accounts|accts))((?:\s+(?:in|on|with|for)\s+[^:.;,]{3,80}?))?\s*(?::|->|=>|,)?\s+((?:disable|reset|revoke|confirm|suspend|block|isolate|email|notify|tag|assign)\b[^.;!?\n]*)`,
  'gi',
);

/** Where a sentence saying what the request is not about starts, what it names, and the "leave those alone" after it. */
const NOT_OURS_LEAD = String.raw`(^|[.;!?(]\s*|\n\s*|,\s*(?:but\s+)?)`;
const NOT_OURS_WHAT = String.raw`(?:the\s+|our\s+|any\s+)?(?:[\w/-]+\s+){0,3}?(?:servers?|workstations?|laptops?|desktops?|pcs|macs?|dcs|domain\s+controllers|devices|machines|hosts|boxes|alerts|incidents|accounts|users)`;
const NOT_OURS_LEFT_ALONE = String.raw`(?:(?:please\s+)?leave\s+(?:those|them|it)\s+(?:out|alone)|(?:don'?t|dont|do\s+not|never)\s+touch\s+(?:them|those|it))`;

/** The Defender products a request names its alerts by: "Defender for Endpoint", "MDO", "Identity Protection". */
export const DEFENDER_PRODUCT = String.raw`(?:microsoft\s+)?defender\s+for\s+(?:endpoint|office\s*365|identity|cloud\s+apps)|mde|mdo|mdi|mdca|mda|idp|(?:entra\s+(?:id\s+)?|azure\s+ad\s+)?identity\s+protection`;

/** One product of Defender XDR as analysts name it (the names headings use, and the older ones), and a list of them ("IdP / MCAS"). */
const PRODUCT = String.raw`(?:${DEFENDER_PRODUCT}|mcas|aadip|(?:entra\s+(?:id\s+)?|azure\s+ad\s+|aad\s+)?idp|aad\s+identity\s+protection|(?:microsoft\s+)?defender\s+for\s+office)`;
/** Private address ranges as analysts write them: "10.x", "192.168", "172.16-31", "private ranges", "RFC1918" (read before). */
const PRIVATE_RANGE = String.raw`(?:10\.(?:x|\*|0\.0\.0\/8)|192\.168(?:\.x|\.\*|\.0\.0\/16)?|172\.16(?:\s*-\s*31)?(?:\.x|\.\*)?|private(?:\s+(?:ips?|ranges?|addresses|address\s+ranges))?|internal(?:\s+(?:ips?|ranges?|addresses))?)`;
const PRIVATE_RANGES = String.raw`${PRIVATE_RANGE}(?:\s*(?:,|\/|\bor\b|\band\b)\s*${PRIVATE_RANGE})*`;
/** "never query 10.x or 192.168 on VT": private addresses never looked up. */
const PRIVATE_NOT_LOOKED_UP = new RegExp(String.raw`\s*(?:[,;]\s*)?(?:and\s+)?(?:no\s*,?\s+)?(?:dont|don'?t|do\s+not|never)\s+(?:send|submit|look\s+up|check|query)\s+(?:the\s+)?${PRIVATE_RANGES}\s+(?:ips?\s+|addresses\s+|ranges\s+)?(?:to|on|in|against|with)\s+(?:virustotal|vt)\b(?:\s*,\s*(?:it\s+is|it'?s|that\s+is)\s+not\s+[^.;!?\n]*)?`, 'gi');
/** "the private IPs (10.x, ...) we do not submit to VT (and never block them)". */
const PRIVATE_NOT_SUBMITTED = new RegExp(String.raw`(^|[.;!?]\s+|\n\s*)the\s+private\s+ips?\s*(?:\(\s*${PRIVATE_RANGES}\s*\))?\s+(?:you|we)\s+(?:dont|don'?t|do\s+not|never)\s+(?:send|submit)\s+(?:them\s+)?to\s+(?:virustotal|vt)(?:\s+and\s+(?:you\s+)?never\s+block\s+(?:them|those))?`, 'gi');
/** A Defender product named anywhere. */
const PRODUCT_NAMED = new RegExp(String.raw`\b(?:${DEFENDER_PRODUCT})\b`, 'i');
/** ", not the mdi ones, too chatty", ". except MDE alerts": a product's alerts left out, and why. */
const PRODUCT_LEFT_OUT = new RegExp(String.raw`(^|[.;!?]\s+|,\s*)(?:but\s+)?(?:not|except|excluding|minus)\s+(?:for\s+|on\s+|from\s+)?(?:the\s+|any\s+)?(${DEFENDER_PRODUCT})\s+(?:alerts?|incidents?|stuff|ones|detections?|things)(?:\s+(?:though|tho))?(?:\s*[,-]?\s*(?:(?:it'?s|its|they'?re|theyre|way)\s+)?(?:too|very|so)\s+(?:noisy|loud|chatty|spammy|much))?(?=\s*(?:[.;!?\n]|$))`, 'gi');
const PRODUCT_LIST = String.raw`${PRODUCT}(?:\s*(?:[/,&]|\bor\b|\band\b)\s*${PRODUCT})*`;
const FAMILY = String.raw`\b(?:identity|e-?mail|mail|endpoint|cloud(?:\s+apps?)?)`;
const FAMILY_THEN_PRODUCTS = new RegExp(String.raw`${FAMILY}\s+(alerts?|incidents?|detections?)\s*(?:\(\s*(${PRODUCT_LIST})\s*\)|(from|by|raised\s+by)\s+(${PRODUCT_LIST})\b(?![\w-]))|${FAMILY}\s*\(\s*(${PRODUCT_LIST})\s*\)\s*(alerts?|incidents?|detections?)\b`, 'gi');
/** "for the phishing side (MDO)", "on the MDE side": a product said as a side of the shop. */
const SIDE_THEN_PRODUCTS = new RegExp(String.raw`\b(for|on|from)\s+the\s+(?:[\w-]+\s+)?side\s*\(\s*(${PRODUCT_LIST})\s*\)`, 'gi');
const PRODUCT_SIDE = new RegExp(String.raw`\b(on|for|from|in)\s+the\s+(${PRODUCT})\s+side\b`, 'gi');

/** "Litware endpoints are tagged 'litware' on the device itself in MDE.": a name for the devices that carry a tag. */
const DEVICES_TAGGED_SAID = /(^|[.;!?]\s+|\n\s*)([A-Za-z][\w&-]*)\s+(?:endpoints|devices|machines|boxes|hosts|laptops|servers|workstations)\s+(?:are|r)\s+(?:all\s+)?tagged\s+(?:with\s+)?(["'\u2018\u201c])([\w.-]{1,40})["'\u2019\u201d](?:\s+on\s+the\s+(?:device|machine|endpoint)s?(?:\s+(?:itself|themselves))?)?(?:\s+in\s+(?:MDE|defender(?:\s+for\s+endpoint)?))?(?:\s*\([^()\n]*\))?\s*[.;]/i;

/**
 * Devices named once by the tag they carry ("Litware endpoints are tagged 'litware' on the device itself.") and then as
 * "those devices" or "litware boxes": the devices tagged so. (Read as it stood, the sentence had become a step tagging
 * the incident, and the scans after it ran on every device.)
 */
function devicesTaggedAlias(input: string): string {
  const said = DEVICES_TAGGED_SAID.exec(input);
  if (!said) return input;
  const [whole, lead, name, , tag] = said;
  const devices = `devices tagged '${tag}'`;
  const rest = input.slice(said.index + whole.length);
  const named = rest
    .replace(/\b(?:for|on)\s+(?:those|these|them|such)\s+(?:devices|endpoints|machines|boxes|hosts)\b/gi, `for ${devices}`)
    .replace(new RegExp(String.raw`\b${escapeRegExp(name)}\s+(?:boxes|devices|endpoints|machines|hosts|laptops|servers|workstations)\b`, 'gi'), devices);
  // (Named and never referred to, the sentence stays, to be read or asked about.)
  return named === rest ? input : `${input.slice(0, said.index)}${lead}${named}`;
}

const TAGGED_NOUN = String.raw`(?:hosts|boxes|devices|machines|endpoints|servers|workstations|laptops|pcs|ones)`;
/**
 * "we tagged the old kiosk boxes 'legacy-7' in MDE", "I've tagged them wave-2-pilot in defender": devices the writer
 * tagged before writing. A tag's name is quoted, or has a digit or a dash in it.
 */
const WE_TAGGED = new RegExp(String.raw`(^|[.;!?]\s+|\n\s*)(?:(?:so|ok|also)\s*,?\s+)?(?:we|i)(?:'ve|\s+have|\s+already|\s+just)*\s+tagged\s+([^.;!?\n]{1,80}?)\s+(?:(?:in|on)\s+(?:mde|defender(?:\s+for\s+endpoint)?)\s+)?(?:with\s+|as\s+)?(?:the\s+tag\s+|a\s+tag\s+)?(?:["\u2018\u201c]([\w.-]{1,40})["\u2019\u201d]|'([\w.-]{1,40})'|((?=[\w.-]*[\d-])[A-Za-z0-9][\w.-]{1,40}))(?:\s+(?:tag|in\s+(?:mde|defender)))*(?:\s*\([^()\n]*\))?\s*(?:[.;!?]|$)`, 'i');

/**
 * Devices the writer tagged ("we tagged the old build machines 'legacy-7' in MDE.") and then refers to as
 * "one of those", "the tagged hosts", "those boxes" or "hosts without my tag": the devices with that tag, or without it.
 * (Read as it stood, the sentence had become a step tagging the incident, and "isolate those boxes" isolated every
 * device of the alert.)
 */
const SAYS_DEVICES = new RegExp(String.raw`\b${DEVICE_NOUN}\b`, 'i');
/** "the tagged hosts", "hosts without my tag": devices a tag named before is meant for. */
const TAGGED_DEVICES_SAID = new RegExp(String.raw`\bthe\s+tagged\s+${TAGGED_NOUN}|\b${TAGGED_NOUN}\s+(?:without|w/o)\s+\w+\s+tag\b`, 'i');
const ONE_OF_THE_TAGGED = new RegExp(String.raw`\bone\s+of\s+(?:those|these|them|the\s+tagged\s+ones)(?:\s+tagged)?(?:\s+${TAGGED_NOUN})?\b`, 'gi');
const THOSE_TAGGED = new RegExp(String.raw`\b(?:(?:those|these)\s+(?:tagged\s+)?|the\s+tagged\s+)${TAGGED_NOUN}\b`, 'gi');
const WITHOUT_THE_TAG = new RegExp(String.raw`\b${TAGGED_NOUN}\s+(?:without|w/o)\s+(?:the|that|this|my|our|their|a)\s+tag\b|\buntagged\s+${TAGGED_NOUN}\b`, 'gi');

function weTaggedDevices(input: string): string {
  const said = WE_TAGGED.exec(input);
  if (!said) return input;
  const [whole, lead, what] = said;
  const tag = said[3] ?? said[4] ?? said[5];
  const rest = input.slice(said.index + whole.length);
  // ("I tagged them ..." names devices when devices were named before it, or when the rest says "the tagged hosts".)
  const saysDevices = SAYS_DEVICES.test(input.slice(Math.max(0, said.index - 200), said.index)) || TAGGED_DEVICES_SAID.test(rest);
  if (!SAYS_DEVICES.test(what) && !(/^(?:them|those|these|all\s+of\s+them)$/i.test(what.trim()) && saysDevices)) return input;
  const named = rest
    .replace(ONE_OF_THE_TAGGED, `a device tagged '${tag}'`)
    .replace(THOSE_TAGGED, `devices tagged '${tag}'`)
    .replace(WITHOUT_THE_TAG, `devices not tagged '${tag}'`);
  // (Named and never referred to, the sentence stays, to be read or asked about.)
  return named === rest ? input : `${input.slice(0, said.index)}${lead}${named}`;
}

/** A customer's tag, as MSSPs write them: "CUST-FABRIKAM", "ACME_PROD". */
const CUSTOMER_TAG = String.raw`[A-Z][A-Z0-9]*(?:[-_][A-Z0-9]+)+`;
/** "Fabrikam (incident tag CUST-FABRIKAM)", "tailspin + woodgrove (tags CUST-TAILSPIN / CUST-WOODGROVE)": names, then their tags. */
const CUSTOMER_NAMED = new RegExp(
  String.raw`\b((?:[A-Za-z][\w&.]*)(?:\s*(?:\+|&|\band\b|\/|,)\s*[A-Za-z][\w&.]*){0,3})\s*\(\s*(?:(?:incident\s+|customer\s+)?tags?\s*[:=]?\s*)?(${CUSTOMER_TAG}(?:\s*(?:\/|,|\bor\b|\band\b|\+)\s*${CUSTOMER_TAG})*)\s*\)`,
  'g',
);
/** Words that would narrow what a background remark says of a customer, so it is never dropped as background. */
const REMARK_NARROWS = /\b(?:only|not|never|no|except|unless|if|when|but|servers?|workstations?|devices?|users?|accounts?|alerts?|incidents?|high|medium|low|critical|tagged|group)\b/i;

/**
 * An MSSP's customers, named once with their incident tags ("Fabrikam (incident tag CUST-FABRIKAM) ... for them: ...") and
 * then by name, as "them" / "their incidents", or as "every other customer": incidents with those tags, or without them.
 * Read by name alone, the customer had narrowed nothing and every customer's incidents got the steps.
 */
function customerAliases(input: string): string {
  const defined = [...input.matchAll(CUSTOMER_NAMED)];
  if (defined.length !== 1) return input;
  const [whole, names, tagList] = defined[0];
  const tags = tagList.split(/\s*(?:\/|,|\bor\b|\band\b|\+)\s*/).filter(Boolean);
  // A customer is named, not described ("gateway alerts (LON-GW / PAR-GW)" are hosts), and its tag is said to be one or
  // carries its name ("Contoso (CUST-CONTOSO)").
  const nameList = names.split(/\s*(?:\+|&|\band\b|\/|,)\s*/).filter(Boolean);
  if (nameList.some((n) => DOMAIN_WORDS.has(n.toLowerCase()) || lemmaKnown(n.toLowerCase()))) return input;
  if (!/\btags?\b/i.test(whole) && !nameList.every((n) => tags.some((t) => t.toLowerCase().includes(n.toLowerCase())))) return input;
  const tagged = `incidents tagged ${tags.map((t) => `'${t}'`).join(' or ')}`;
  const untagged = `incidents not tagged ${tags.map((t) => `'${t}'`).join(' or ')}`;
  const nameAlt = names.split(/\s*(?:\+|&|\band\b|\/|,)\s*/).filter((n) => n.length >= 3).map(escapeRegExp).join('|');
  let text = input.replace(whole, tagged);
  // "incidents tagged X signed the MDR addendum last week so for them:": the remark before "for them" is background.
  text = text.replace(new RegExp(String.raw`${escapeRegExp(tagged)}\s+([^.:;\n]{0,100}?)\s*,?\s*so\s+for\s+them\s*:`, 'i'), (m: string, remark: string) => (REMARK_NARROWS.test(remark) ? m : `for ${tagged}:`));
  // "incidents tagged X want IP IOCs blocked": what they want is the rule for their incidents.
  // ("want IP IOCs blocked automatically": the step, said of its object.)
  text = text.replace(new RegExp(String.raw`(^|[.;!?]\s+)${escapeRegExp(tagged)}\s+(?:wants?|asked\s+for|asks\s+for|needs?)\s+(?:((?:[\w-]+\s+){0,3}?[\w-]+)\s+(${PARTICIPLE_WORDS})\b)?`, 'i'), (_m, lead: string, object?: string, done?: string) =>
    `${lead}for ${tagged}, ${object && done ? `${PARTICIPLES[done.toLowerCase()]} ${object}` : ''}`);
  // "incidents tagged X billing thing:", "... onboarding ask:": a label for what follows.
  text = text.replace(new RegExp(String.raw`(^|[.;!?]\s+)${escapeRegExp(tagged)}\s+(?:[\w-]+\s+){0,2}(?:thing|stuff|request|ask|rule|item|setup|config)\s*:`, 'i'), `$1for ${tagged}:`);
  return text
    .replace(/\b(?:dont|don'?t|do\s+not)\s+do\s+(?:it|this|that|any\s+of\s+(?:this|that))\s+for\s+(?:any\s+|the\s+)?other\s+(?:customers?|tenants?|clients?)\b/gi, `only for ${tagged}`)
    .replace(/\bnot\s+for\s+(?:any\s+|the\s+)?other\s+(?:customers?|tenants?|clients?)\b/gi, `only for ${tagged}`)
    // "per their runbook v3", "per-OS handling on ...": where the rule comes from and how it is laid out.
    .replace(/,?\s*\bper\s+(?:their|our|the|its)\s+(?:runbook|playbook|procedure|policy|sop|process)(?:\s+v?\d+(?:\.\d+)*)?(?=\s*[:,.;]|$)/gi, '')
    .replace(/\bper[- ](?:os|platform)\s+handling\s+(?=on\b)/gi, '')
    .replace(/\b(?:every|any|all|the)\s+other\s+(?:customers?|tenants?|clients?)\b|\bother\s+(?:customers|tenants|clients)\b/gi, untagged)
    .replace(/\b(?:one\s+of\s+)?their\s+incidents\b/gi, tagged)
    .replace(/\bfor\s+them\b(?=\s*(?:[:,]|but\b))/gi, `for ${tagged}`)
    .replace(new RegExp(String.raw`\b(?:(?:and\s+)?(?:obviously|of\s+course|obv)\s+)?only\s+(?:for\s+)?(?:${nameAlt})\b`, 'gi'), `only for ${tagged}`)
    .replace(new RegExp(String.raw`\bfor\s+(?:${nameAlt})\b`, 'gi'), `for ${tagged}`);
}

/**
 * "identity alerts (IdP / MCAS)", "endpoint (MDE) alerts", "email incidents from MDO": a family of products said, then the
 * products it means (read as a family too, "identity" had added Defender for Identity to the two named).
 */
function familyThenProducts(text: string): string {
  return text.replace(FAMILY_THEN_PRODUCTS, (_m, noun: string | undefined, bracketed: string | undefined, from: string | undefined, named: string | undefined, inside: string | undefined, after: string | undefined) => {
    if (inside !== undefined) return `${inside.replace(/\s*[/,&]\s*/g, ' or ')} ${after ?? ''}`;
    return bracketed ? `${bracketed.replace(/\s*[/,&]\s*/g, ' or ')} ${noun ?? ''}` : `${noun ?? ''} ${from ?? ''} ${named ?? ''}`;
  });
}

/** A sentence, at the end of the text, that only narrows what was said before it: "... . only if its 5+ engines, ...". */
/** A device kind ruled out in a sentence of its own ("NOT servers though"), then maybe why: ", they need a ticket". */
const EXCLUSION_SENTENCE = new RegExp(
  String.raw`([^.!?\s])\s*[.!?]\s+((?:but\s+)?(?:not|never|no)\s+(?:on\s+|for\s+)?(?:the\s+|any\s+)?(servers?|dcs?|domain\s+controllers?|workstations?|linux(?:\s+(?:servers?|boxes|hosts?))?|windows\s+servers?|macs?)(?:\s+(?:though|obviously|please))?)(\s*(?:[,;.!]\s*|$))` +
    String.raw`((?:because\s+|since\s+)?(?:they|those|these|(?:the\s+|our\s+|all\s+)?(servers?|dcs?|workstations?|macs?))\s+(?=(?:need|needs|require|requires|must|have\s+to|has\s+to|are|is|go|goes|run|runs|host|hosts|hold|holds|can'?t|cannot|cant)\b)(?![^.;!?]*\b(?:isolat|contain|scan|collect|block|disabl|quarantin|restrict|revok|reset|tag|assign|clos|resolv|post|e-?mail|mail|notif|comment|instead|only|unless|except|if|when)\w*))?`,
  'gi',
);

/** A kind said in the singular: "servers" -> "server", "macs" -> "mac", "boxes" -> "box". */
function singular(word: string): string {
  const w = word.toLowerCase().replace(/\s+/g, ' ');
  return w.replace(/(?<=x)es$|s$/, '');
}

/** "not for the break-glass accts, those are in the Entra group 'Emergency Access'": accounts ruled out, then their group. */
const ACCOUNTS_BY_GROUP = new RegExp(
  String.raw`\b((?:but\s+)?(?:not|never|except|excluding|skip)\s+(?:for\s+)?)(?:the\s+|our\s+|any\s+)?(?:[\w-]+\s+){0,2}?(?:accounts?|accts?|users?|admins?|people|folks|identities)\s*(?:,|\(|\s-)\s*(?:those|they|these|which|who)\s*(?:are|r|'re)\s+(?:all\s+)?(?:in|members\s+of)\s+(?:the\s+)?(?:(?:entra|aad|azure\s+ad|entra\s+id)\s+)?(?:group\s+('[^'\n]{1,60}'|"[^"\n]{1,60}")|('[^'\n]{1,60}'|"[^"\n]{1,60}")\s+group)\)?`,
  'gi',
);

/** A joint of the grammar in capitals between lowercase words: "ok? BUT not for", "file AND the incident". */
const SHOUTED_JOINT = /(?<=[a-z][\w']*[,.;:?!]*\s+)(?:BUT|AND|OR|NOT|NEVER|ONLY|EXCEPT|UNLESS|IF|WHEN|THEN|ALSO|NO|DONT|DON'T|EVEN|ALL|ANY|NOTHING|OTHERWISE|ELSE|INSTEAD|JUST)(?=\s+[a-z])/g;

/** Words that name which things a rule is about: kinds of device or account, their places and owners. */
const HEARSAY_NAMES = /^(?:servers?|workstations?|laptops?|desktops?|devices?|machines?|hosts?|box(?:es)?|endpoints?|pcs?|vms?|dcs?|controllers?|users?|accounts?|accts?|admins?|groups?|members?|windows|linux|macs?|macos|lab|labs|prod|production|test|dev|staging|finance|hr|legal|vips?|execs?|executives?|kiosks?|ot|ics|scada|partners?|vendors?|contractors?|guests?|customers?|tenants?)$/;
/** "? i got told we always need the pkg first": a rule heard from someone, a sentence with no step of its own. */
const HEARSAY = /(?<=\w)\s*[.?!]+\s+((?:i|we)\s+(?:got|was|were|have\s+been|'ve\s+been)\s+told\s+(?!to\b)(?![^.?!;]*\b(?:isolat|contain|block|disabl|quarantin|restrict|revok|reset|scan|collect|tag|assign|clos|resolv|post|e-?mail|mail|notif|comment|ping|releas|never|not|only|except|unless|stay|stays|dont|don'?t|cant|can'?t|cannot|must)\w*)[^.?!;]*)(?=[.?!;]|$)/gi;

/** A question about the request said beside it: "is that a thing we can do?", "would that be ok?", "lmk if thats weird". */
const HEDGE_QUESTION = new RegExp(
  String.raw`(^|[.?!]\s+|,\s*)(?:(?:is|does)\s+(?:that|this)\s+(?:a\s+thing\s+(?:we|you|u|it|rampart)\s+can\s+do|ok(?:ay)?|allowed|possible|doable|fine|make\s+sense|sound\s+(?:ok(?:ay)?|right|sane))|would\s+(?:that|this)\s+be\s+(?:ok(?:ay)?|fine|allowed|possible|alright)|(?:lmk|let\s+me\s+know)\s+if\s+(?:that'?s|thats|that\s+is|this\s+is|it'?s|its)\s+(?:weird|ok(?:ay)?|fine|possible|dumb|too\s+much|a\s+bad\s+idea|crazy|overkill|not\s+allowed)(?:\s+to\s+(?:automate|do))?|not\s+sure\s+if\s+(?:we'?re|we\s+are|i'?m|im|i\s+am)\s+allowed\s+to\s+(?:auto[- ]?)?[a-z]+(?:\s+(?:it|them|that|this|those))?)(?:\s+(?:lol|haha|tbh|though|tho))?\s*(?:[?.!]+|(?=,)|$)`,
  'gi',
);

const NARROWING_SENTENCE = /(?:^|[.;!?]\s+)(?:but\s+)?(?:only|just)\s+(?:if|when|for|on)\b(?:[^.;!?]|\.(?=\w))*$/i;

/** Devices a heading of alerts names: "MDE alerts on Linux", "alerts from servers", "detections on macOS hosts". */
const HEADING_DEVICES = /\b(?:on|from)\s+(?:[\w-]+\s+){0,2}?(?:linux|mac\w*|windows(?:\s+server)?|servers?|workstations?|laptops?|desktops?|hosts?|devices?|machines?|endpoints?|boxes|dcs?|domain\s+controllers?)\b/i;

export function normalizeRequest(raw: string): NormalizedRequest {
  const ignored: string[] = [];
  const switchedWords: Correction[] = [];
  /** "excludes private (RFC 1918) ranges" said before the block it narrows. */
  let privateLeftOut = false;
  let text = raw.replace(/<at>[^<]*<\/at>/gi, ' ').replace(/^\s*@?rampart\b[,:]?/i, '').replace(/^\s*(?:hey|hi|hello|yo|heya|hiya)(?:\s+(?:there|team|rampart|all))?\b[,!.]?\s+(?!(?:[-/+]\s*)?(?:sev|severity|prio|priority|pri|crit|critical|med|medium)\b)/i, '');
  text = text.replace(HTML_COMMENT, (m) => {
    ignored.push(m.trim());
    return ' ';
  });
  text = resolveRunbookJumps(text);
  text = readAsides(lowerSeveritiesIgnored(fieldHeading(apiWords(foldAccents(text)))));
  // "iso the box (unless its in X, dont touch those) + blk the ip if vt flags it": the exception ends before the next step
  // (read on, "unless" had taken the block and its test for the exception's own).
  text = text.replace(new RegExp(String.raw`(?:\(\s*)?(\bunles{1,2}\b[^.;+()\n]{1,120}?)\s*\)?\s+\+\s+(?=(?:${ACTION_VERB}|blk|iso|cmnt|ping|mail)\b)`, 'gi'), (_m, said: string) => `${said}. Also `);
  // "under 10 or vt doesn't know it -> comment": below the threshold holds for a file VirusTotal does not know (none of its
  // engines flags it), so the band is the other side of the threshold; "otherwise or if VT does not know it" the same.
  const vtUnknown = String.raw`(?:(?:it\s+is|it'?s|its|they\s+are|they'?re|(?:the\s+)?(?:file|hash|url|ip|domain)\s+is)\s+)?unknown\s+(?:to|on|in)\s+(?:vt|virus\s?total)|(?:vt|virus\s?total)\s+(?:dont|doesn'?t|does\s+not|do\s+not|has\s+never\s+seen|never\s+saw)\s+(?:know\s+)?(?:it|them|the\s+(?:file|hash|url|ip|domain))`;
  // ("if 5 or more engines say so ... if it's fewer than that": the number said before.)
  text = text.replace(/\b(fewer|less|lower)\s+than\s+that\b/gi, (m: string, _w: string, at: number, whole: string) => {
    const n = [...whole.slice(0, at).matchAll(/\b(\d{1,2})\s*(?:\+|or\s+more|or\s+higher|and\s+up)|\bat\s+least\s+(\d{1,2})\b/gi)].at(-1);
    return n ? `under ${n[1] ?? n[2]}` : m;
  });
  text = text.replace(new RegExp(String.raw`\b(under|below|less\s+than|fewer\s+than|<)\s*(\d+)(\s+(?:engines?|detections?|hits))?\s+or\s+(?:if\s+)?(?:${vtUnknown})\b`, 'gi'), (_m, below: string, n: string, unit: string | undefined) => `${below === '<' ? 'under' : below} ${n}${unit ?? ''}`)
    .replace(new RegExp(String.raw`\botherwise\s*,?\s+or\s+if\s+(?:${vtUnknown})\b`, 'gi'), 'otherwise');
  // "<steps>. Only if the link is bad on VT (5+), otherwise just comment": the test is the steps' before it, and "otherwise"
  // starts the other side (read as one sentence, the test went to the comment's side alone and the steps ran without it).
  text = text.replace(/(^|[.!?]\s+|\p{Extended_Pictographic}\uFE0F?\s*)(only\s+(?:if|when)\b[^.;!?\n]{3,200}?)\s*,\s*(otherwise|else|if\s+not)\b/giu, (m: string, lead: string, cond: string, other: string, at: number, whole: string) =>
    (STEP_VERB.test(whole.slice(0, at)) ? `${/^[.!?]/.test(lead) ? lead : `${lead.trim() ? `${lead.trim()} ` : ''}. `}${cond}. ${other.charAt(0).toUpperCase()}${other.slice(1)}` : m));
  // "in OT-Net grp": the group, said so before the rules that name groups read it ("grp" left after them was a word more).
  text = text.replace(/(?<![\w'"\u2018\u201c.-])grp(s?)(?![\w'"\u2019\u201d-])/gi, 'group$1');
  // "Applies to every alert from MDE", "This applies to all incidents from MDO": the case of every step, said after them,
  // reads as said first (said where it stands, it had narrowed only the steps after it).
  const applies = /(^|[.;!?]\s+|\n\s*)(?:(?:this|it|that|the\s+(?:rule|playbook|automation))\s+)?(?:applies|is\s+to\s+apply|should\s+apply)\s+to\s+(?:every|all|any|each)\s+(alerts?|incidents?)\s+(from\s+[\w -]+?)\s*(?:[.;]|$)/i.exec(text);
  if (applies && applies.index > 0) {
    text = `On every ${/^a/i.test(applies[2]) ? 'alert' : 'incident'} ${applies[3]}. ${text.slice(0, applies.index)}${applies[1]}${text.slice(applies.index + applies[0].length)}`.trim();
  }
  // 'MDO "Email messages containing malicious URL removed after delivery" -> block': an alert of that source with that title.
  text = text.replace(/\b(MDO|MDE|MDI|MDCA|Defender\s+for\s+(?:Endpoint|Identity|Office(?:\s+365)?|Cloud\s+Apps)|(?:Entra\s+ID\s+|AAD\s+)?Identity\s+Protection)\s+(["\u201c`][^"\u201d`\n]{3,120}["\u201d`])(?=\s*(?:->|=>|\u2192|:\s|,))/g, '$1 alerts titled $2');
  // "Scope is strictly the devices from the matching alert, not every device in the incident: isolate them when the alert
  // ...": what the steps act on when the case is an alert's, which is how Rampart reads it already.
  text = text.replace(/(^|[.;!?]\s+|\n)(?:the\s+)?scope\s+(?:is|=|:)\s+(?:strictly\s+|only\s+|just\s+)?the\s+devices\s+(?:from|of|in)\s+the\s+(?:matching\s+|triggering\s+)?alerts?\s*(?:,\s*not\s+(?:every|all|each)\s+(?:devices?|machines?)\s+(?:in|of)\s+the\s+incident)?\s*[:.]\s*(?=[^]*\b(?:the\s+)?alert(?:'s)?\s+(?:severity|title|category|source|is|comes|has))/gi, '$1');
  // "block it during 30 days" (French "pendant"): for that long.
  text = text.replace(/\bduring\s+(\d+)\s+(days?|weeks?|months?|hours?)\b/gi, 'for $1 $2');
  // "sorry if this is a dumb q but could we maybe have it so that when ..., the url gets blocked? only if VT agrees its bad":
  // a newcomer's lead-in, a wish for how it should work, and the step said as what happens to the thing.
  text = text.replace(/(^|[.!?]\s+)(?:sorry|apologies|sry)\s+if\s+(?:this|it)\s+is\s+(?:a\s+)?(?:dumb|stupid|silly|basic|noob|newbie)\s+(?:question|ask|q)\s*,?\s*but\s+/gi, '$1')
    // "not sure if that's overkill tbh", "sorry, not sure this is the right place to ask", "sorry for the wall": a newcomer's
    // doubts about asking, which narrow nothing.
    .replace(/(^|[.!?,;]\s*|\s+-+\s*)(?:(?:and\s+|but\s+)?(?:sorry|apologies)\s*,?\s*)?(?:i'?m\s+|im\s+)?not\s+sure\s+(?:if\s+|whether\s+)?(?:that'?s|this\s+is|it'?s|it\s+is|it\s+would\s+be|this\s+would\s+be|thats)\s+(?:overkill|too\s+much|a\s+good\s+idea|a\s+dumb\s+idea|necessary|needed|worth\s+it|the\s+right\s+(?:place|channel|spot|way)(?:\s+to\s+ask)?)(?:\s+(?:tbh|to\s+be\s+honest|honestly|lol|haha))?\s*(?:\.{2,}|[.!?]|(?=,|$))/gi, '$1')
    .replace(/(^|[.!?,;]\s*)(?:and\s+)?(?:sorry|apologies)\s+(?:for\s+(?:the|this|my)\s+(?:wall(?:\s+of\s+text)?|long\s+(?:message|post|text)|essay|novel|rant))\s*[.!]?/gi, '$1')
    // "if it's under 5, could we maybe just dismiss the risk?": the step, asked as a wish after its case.
    .replace(/(\b(?:if|when|otherwise|else)\b[^.?!\n]{2,120}?,\s*)(?:could|can|would)\s+(?:we|you|u)\s+(?:maybe\s+|possibly\s+|please\s+|pls\s+)?(?=(?:just|only|also|then)?\s*[a-z])/gi, '$1')
    // "remove the restriction too? in case it had one": whether there is one is for the action to find.
    .replace(/[,.?]?\s*(?:just\s+)?in\s+case\s+(?:it|they|the\s+(?:device|machine|host|box))\s+(?:had|has|have|got)\s+(?:one|any)\b\s*/gi, '. ')
    // "email the person ...? just a heads up so they don't click anything in it": what the mail is for.
    .replace(/[,.?]?\s*(?:just\s+)?(?:as\s+)?a\s+heads[- ]up\s*,?\s*so\s+(?:that\s+)?(?:they|he|she|the\s+user|people|nobody)\s+(?:don'?t|do\s+not|won'?t|will\s+not|doesn'?t|does\s+not)\s+(?:click|open|reply|answer|download|forward|fall\s+for)\b[^.!?]*[.!?]?/gi, '. ')
    // "for 7 days instead of forever, since those sites usually go down quickly": the expiry, and why.
    .replace(/\b(?:maybe\s+)?(?:only\s+)?(for\s+\d+\s+(?:days?|weeks?|months?|hours?))\s+(?:instead\s+of|rather\s+than|not)\s+(?:forever|permanently|indefinitely|for\s+ever)\b/gi, '$1')
    .replace(/\s*,?\s*\b(?:since|because|as)\s+(?:those|these|the|such|phishing|phish)\s+(?:[\w-]+\s+){0,2}?(?:sites?|domains?|urls?|links?|pages?|ips?)\s+(?:usually|often|typically|tend\s+to|always|normally|mostly)\s+[^.!?]*(?=[.!?]|$)/gi, '')
    // "if VirusTotal thinks they're malicious": flags them.
    .replace(/\b(virus\s?total|vt)\s+(?:thinks|reckons|considers)\s+(?:that\s+)?(they'?re|they\s+are|theyre|it'?s|it\s+is|its)\s+(?:malicious|bad)\b/gi, (_m, vt: string, they: string) => `${vt} flags ${/^they/i.test(they) ? 'them' : 'it'}`)
    .replace(/(^|[.!?]\s+)(?:could|can|would)\s+we\s+(?:maybe\s+|possibly\s+|somehow\s+)?(?:have\s+it|set\s+(?:it|things)\s+up|make\s+it)\s+(?:so\s+)?that\s+/gi, '$1')
    .replace(/,?\s*\b(?:the|that|their)\s+(url|link|ip|domain|hash|file|sender)s?\s+(?:gets|get|is|are)\s+blocked\s*(?=[?.!,;]|$)/gi, (_m, what: string) => `, block the ${what.toLowerCase()}`)
    .replace(/\b(?:vt|virus\s?total)\s+(?:agrees|confirms)\s+(?:that\s+)?(?:it'?s|its|it\s+is|they'?re|they\s+are)\s+(?:bad|malicious|evil|dodgy)\b/gi, 'VirusTotal flags it')
    .replace(/(\bonly\s+(?:if|when)\b[^.?!\n]{3,80}?)\s+(?:tho|though)(?=\s*[.?!]|$)/gi, '$1')
    .replace(/^\s+/, '');
  // "The blocking must last 30 days, not more", "keep the block for 14 days", "? maybe only for 7 days": how long the
  // indicators stay, said of the block (read as a step, "keep the block" had blocked every URL, flagged or not).
  const expiry = (n: string, unit: string): string => `The indicators expire after ${n} ${unit}`;
  text = text.replace(/(^|[.;!?]\s+|,\s*(?:and\s+)?)(?:the|a|each|every|that|this|those|these)\s+(?:block(?:ing)?s?|indicators?|iocs?|ban)\s+(?:should|must|will|shall|can|has\s+to|needs?\s+to|is\s+to)?\s*(?:last|stay|remain|be\s+kept|be\s+valid|hold|run|live)\s+(?:for\s+|during\s+)?(\d+)\s+(days?|weeks?|months?|hours?)\b(?:\s*,?\s*(?:not\s+more|no\s+more|max(?:imum)?|at\s+most|and\s+no\s+longer|not\s+longer|no\s+longer))?/gi, (_m, lead: string, n: string, unit: string) => `${/^,/.test(lead) ? '. ' : lead}${expiry(n, unit)}`)
    .replace(/(^|[.;!?]\s+|,\s*(?:and\s+)?)keep\s+(?:the|those|these|that|this|each|every)\s+(?:blocks?|indicators?|iocs?)\s+(?:for|during)\s+(\d+)\s+(days?|weeks?|months?|hours?)\b/gi, (_m, lead: string, n: string, unit: string) => `${/^,/.test(lead) ? '. ' : lead}${expiry(n, unit)}`);
  if (/\bblock/i.test(text)) {
    text = text.replace(/([.?!]\s+)(?:and\s+)?(?:maybe\s+|ideally\s+|preferably\s+|please\s+)?(?:only\s+|just\s+)?for\s+(\d+)\s+(days?|weeks?|months?)\s*(?=[.?!]|$)/gi, (_m, lead: string, n: string, unit: string) => `${lead.replace(/[?!]/, '.')}${expiry(n, unit)}`);
  }
  // "med+ -> revoke, hi -> also reset": "hi" as a case among severities is high.
  text = text.replace(/(^|[,;.]\s*|\n\s*)hi\s*(?=->|=>|\u2192|:\s)/gi, '$1high ');
  // "title "Possible attempt to access Primary Refresh Token (PRT)"": an abbreviation in brackets at the end of a quoted
  // title goes (the title still holds the words before it; moved out as an aside, it had been read as a word of the request).
  text = text.replace(/(["\u201c`])([^"\u201c\u201d`\n]{3,160}?)\s*\(\s*[A-Z0-9][A-Za-z0-9.-]{0,10}\s*\)\s*(["\u201d`])/g, '$1$2$3');
  // "whose title is exactly "X"", "title == 'X'": the title holds those words (an exact title is one that holds them all).
  text = text.replace(/\b(title|name)\s+(?:is\s+exactly|is\s+equal\s+to|equals|==|=)\s+(?=["'\u2018\u201c`])/gi, '$1 contains ').replace(/\btitled\s+exactly\s+(?=["'\u2018\u201c`])/gi, 'titled ');
  // "... when VirusTotal says they are malicious? Like 5 engines or more?": the threshold said after the verdict, in a
  // sentence of its own, is the verdict's.
  text = text.replace(/(\b(?:virus\s?total|vt)\b(?:(?![.;!?\n])\D){0,80}?\b(?:malicious|bad|flag(?:s|ged)?|detect(?:s|ed)?)\b(?:(?![.;!?\n])\D){0,40}?)\s*([.?!])\s+(?:(?:like|say|so|maybe|approx(?:imately)?|about|around|roughly)\s+)?(?:at\s+least\s+(\d{1,2})|(\d{1,2})\s*(?:\+|or\s+more|or\s+higher|and\s+up)|(\d{1,2})(?=\s*(?:engines?|detections?|vendors?|avs?|hits)\s*(?:\+|or\s+more|or\s+higher|and\s+up)))\s*(?:engines?|detections?|vendors?|avs?|hits)?(?:\s*(?:\+|or\s+more|or\s+higher|and\s+up))?\s*[.?!]?(?=\s|$)/gi, (_m, said: string, stop: string, a: string | undefined, b: string | undefined, c: string | undefined) => `${said} (at least ${a ?? b ?? c} engines)${stop}`);
  // "cust Fabrikam (their dev grps are FAB-*): ... on their boxes": an MSSP's customer, named by what its devices are; the
  // customer's name is a label, the devices are the case. "other custs' devices dont touch": the devices outside it.
  text = text.replace(/(^|[.;!?]\s+|\n)\s*(?:cust(?:omer)?|client|tenant)\s+([A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)?)\s*\(\s*(?:their|its)\s+(?:dev(?:ice)?s?\s+)?(?:grps?|groups?)\s+(?:are|is|=)\s+([A-Za-z][\w.-]*\*)\s*\)\s*:\s*/g, (_m, lead: string, _name: string, pattern: string) => `${lead}For devices in the '${pattern}' device group: `);
  if (/^For devices in the '[^']+' device group: /m.test(text)) {
    text = text.replace(/\b(?:on|for)\s+their\s+(?:boxes|devices|machines|hosts|endpoints)\b/gi, 'on those devices')
      .replace(/(^|[.;!?]\s+)other\s+(?:custs?'?|customers?'?|clients?'?)\s+(?:devices|boxes|machines)\s+(?:do\s*n[o']?t|dont|never)\s+touch\b(?:\s*,?\s*even\s+if\s+(?:they'?re|theyre|they\s+are)\s+in\s+the\s+same\s+(?:inc|incident))?/gi, '$1leave the other devices alone');
  }
  // "< high leave for now": the lower severities get nothing.
  text = text.replace(/(^|[.;!?]\s+|\n)(?:<|below|under)\s*(high|medium|low)(?:\s+sev(?:erity)?)?\s*[:,-]?\s*(?:->\s*)?(?:leave(?:\s+(?:it|them))?(?:\s+alone)?|nothing|skip|ignore)(?:\s+for\s+now)?(?=\s*(?:[.;!?\n]|$))/gi, (_m, lead: string, level: string) => `${lead}Below ${level.toLowerCase()}: do nothing`);
  // "the devices in the FAB-* device groups": a pattern of device group names, never of device names (read as a name, a
  // device of another group that happened to be named so had been isolated).
  text = text.replace(/\b(in|of|from)\s+(?:the\s+|their\s+|any\s+)?([A-Za-z][\w.-]*\*)\s+(?:(?:device|machine|rbac|dev)\s+)?(?:groups?|grps?)\b/gi, "$1 the '$2' device group")
    .replace(/\b(?:(?:device|dev|machine)\s+)(?:groups?|grps?)\s+(?:are|is|=|named|called|like)\s+([A-Za-z][\w.-]*\*)(?![\w*])/gi, "devices in the '$1' device group")
    .replace(/\b(in|of|from)\s+(?:the\s+)?(?:(?:device|dev|machine|rbac)\s+)?(?:groups?|grps?)\s+([A-Za-z][\w.-]*\*)(?![\w*])/gi, "$1 the '$2' device group");
  // ", if we lock them out we're blind": what the step would do to the team, said as why it is not done.
  text = text.replace(/,\s*if\s+(?:we|they|you)\s+(?:lock|cut|kick|isolate|disable|block|take|shut)\s+(?:them|those|these|it|him|her)\s*(?:out|off|down)?\s*,?\s*(we|they|you)(?:'re|\s+are|'d\s+be|\s+would\s+be|'ll\s+be|\s+will\s+be)\s+([a-z]+)(?=\s*[.;!]|$)/gi, (_m, who: string, what: string) => `, because ${who.toLowerCase()} would be ${what.toLowerCase()} otherwise`);
  // "and taking it down costs us more than the attack would": what the step would cost, said as why.
  text = text.replace(/(?:,\s*(?:and\s+)?|\s+and\s+)((?:taking|shutting|pulling|isolating|cutting)\s+(?:it|them|those|that|these)\s+(?:down|offline|out|off)\s+(?:costs?|would\s+cost|hurts?|is\s+worse|does\s+more\s+damage)\b)/gi, ', because $1');
  // ", no half measures", ", no exceptions": emphasis on the step said; "tagged X, that's the file server cluster": what
  // the tagged devices are, said after the tag.
  text = text.replace(/\s*,\s*(?:no\s+half[- ]measures|no\s+exceptions?|no\s+ifs,?\s+(?:and|or)\s+buts)(?=\s*[,.;!]|$)/gi, '');
  text = text.replace(/(\btagged\s+["'\u2018\u201c]?[\w.-]+["'\u2019\u201d]?)\s*,\s*(?:that'?s|thats|that\s+is|those\s+are|these\s+are|it'?s)\s+(?:the|our)\s+(?:[\w-]+\s+){0,3}(?:cluster|servers?|boxes|machines|hosts|fleet|farm|nodes|pool|systems?)\b/gi, '$1');
  // ", mind you,": a filler; "when Identity Protection calls it high risk": the risk level of its alert, which is the
  // alert's severity.
  text = text.replace(/\s*,\s*(?:mind\s+you|you\s+know|i\s+mean)\s*,/gi, ',').replace(/,\s*and\s+never\s+for\b/gi, ', but never for');
  text = text.replace(/\b(?:identity\s+protection|idp|entra(?:\s+id)?\s+protection|aad\s*ip)\s+(?:calls|rates|flags|marks|scores|classifies|says)\s+(?:it|the\s+(?:user|sign-?in|risk))\s+(?:as\s+|is\s+)?(high|medium|low)(?:\s+risk)?\b/gi, (_m, level: string) => `the alert from Identity Protection has ${level.toLowerCase()} severity`);
  // "don't block a URL that VT has never seen or has at 0": only those VirusTotal flags are blocked.
  text = text.replace(/\b(?:(?:and|also|but)\s+)?(?:do\s+not|don'?t|dont|never)\s+block\s+(?:a|any|the)\s+(?:urls?|ips?|domains?|hash(?:es)?|files?)\s+(?:that|which)\s+(?:vt|virus\s?total)\s+(?:has\s+never\s+seen|does\s*n[o']?t\s+know|doesnt\s+know)\s+or\s+(?:has\s+|puts\s+|rates\s+)?at\s+(?:0|zero)(?:\s+engines|\s+detections)?\b/gi, (m: string) => (/^[A-Z]/.test(m) ? 'Only if VirusTotal flags them' : 'only if VirusTotal flags them'));
  // "the dcs (grp Domain Controllers)", "the kiosks (device group Store-Kiosks)": the devices of that group, named by kind
  // first (the bracket, moved to the end as an aside, had left "those just ..." after it without its devices).
  text = text.replace(/\b((?:the\s+|our\s+|all\s+)?)(?:dcs|domain\s+controllers|servers|srvs|workstations|wkstns|laptops|desktops|kiosks|tills|boxes|machines|hosts|devices|endpoints)\s*\(\s*(?:grp|group|device\s+group|machine\s+group|rbac\s+group)\s*[:=]?\s*["'\u2018\u201c]?([A-Za-z0-9][\w.-]*(?:\s+[A-Za-z0-9][\w.-]*){0,3})["'\u2019\u201d]?\s*\)/gi, (_m, det: string, group: string) => `${det}devices in the '${group}' device group`);
  // "laptops or desktops", "desktops and laptops": every workstation (Defender tells neither apart from the other, and the
  // two together are all of them); "have the system run X": run X.
  text = text.replace(/\b(laptops?|desktops?)\s*(?:,\s*|\s+)(?:or|and|\/|&)\s*(?:the\s+|our\s+)?(desktops?|laptops?)\b/gi, (m: string, a: string, b: string) => (a.slice(0, 3).toLowerCase() === b.slice(0, 3).toLowerCase() ? m : /s$/i.test(a) || /s$/i.test(b) ? 'workstations' : 'workstation'))
    .replace(/\b(?:have|get|let)\s+(?:the\s+(?:system|bot|tool|automation|playbook)|rampart)\s+(?=(?:run|do|start|kick\s+off|isolate|block|disable|reset|revoke|collect|scan|quarantine|restrict|tag|assign|close|email|send|post)\b)/gi, '');
  // "would the bot please turn off the user's login": the system asked, then the step; "turn off" an account is
  // disabling it.
  text = text.replace(/\b(?:could|can|would|will)\s+(?:the\s+(?:system|bot|tool|automation|playbook)|rampart)\s+(?:please\s+)?(?=[a-z])/gi, 'please ')
    .replace(/\b(?:switch|turn|shut)\s+off\s+((?:the\s+|their\s+|his\s+|her\s+)?(?:(?:person|user|employee)(?:'s)?\s+)?(?:accounts?|users?|logins?))\b|\b(?:switch|turn|shut)\s+((?:the\s+|their\s+|his\s+|her\s+)?(?:(?:person|user|employee)(?:'s)?\s+)?(?:accounts?|logins?))\s+off\b/gi, (_m, a: string | undefined, b: string | undefined) => `disable ${a ?? b}`);
  // "have the user log in again across all their apps", "force them to sign on again": their sessions revoked.
  text = text.replace(/\b(?:make|force|have|get)\s+(?:them|the\s+(?:user|person|account)|him|her|users?)\s+(?:to\s+)?(?:sign|log)\s*(?:-\s*)?(?:in|on)\s+again(?:\s+(?:on|across|from|everywhere\s+on)\s+(?:all\s+|every\s+)?(?:of\s+)?(?:their|his|her|the)\s+(?:devices?|apps?|sessions?))?(?:\s+everywhere)?/gi, 'revoke their sessions');
  // "don't lock or disable the account", "disable/lock out the user": one step said with two of its names.
  text = text.replace(/\block(?:\s+out)?\s*(?:\bor\b|\band\b|\/)\s*(disable|deactivate|suspend)\b/gi, '$1').replace(/\b(disable|deactivate|suspend)\s*(?:\bor\b|\band\b|\/)\s*lock(?:\s+out)?\b/gi, '$1');
  // "(i believe that is what they call it when one IP tries many accounts)": what the writer thinks a word means, an aside
  // that names nothing the request does not say (the word itself is read where it stands).
  const namingAsides: string[] = [];
  text = text.replace(/\s*\(\s*(?:i\s+(?:think|believe|guess)|if\s+i\s+(?:remember|recall)\s+(?:right|correctly)?|iirc)\s*,?\s*(?:that'?s|that\s+is|it'?s|it\s+is|this\s+is)\s+(?:what\s+(?:it'?s|it\s+is|they'?re|they\s+are|people|they|we)\s+)?(?:called|call\s+it|named)\b[^()\n]{0,120}\)/gi, (m: string) => {
    namingAsides.push(m.trim().replace(/^\(|\)$/g, ''));
    return '';
  });
  // "if the alert shows the account's password was sprayed", "a password that got brute forced": such an alert.
  text = text.replace(/\b(?:the\s+alert\s+(?:says|shows|indicates|reports)\s+(?:that\s+)?)?(?:their|the\s+(?:user'?s|person'?s|account'?s)|a|the|his|her)\s+password\s+(?:was|is|were|has\s+been|got|gets)\s+(?:being\s+)?(guessed|sprayed|brute[- ]?forced)(?:\s+(?:or|and|\/)\s+(guessed|sprayed|brute[- ]?forced))?\b/gi, (_m, a: string, b: string | undefined) => {
    const kinds = [...new Set([a, b].filter((x): x is string => Boolean(x)).map((x) => (/spray/i.test(x) ? 'password spray' : 'brute force')))];
    return `the alert is about ${kinds.join(' or ')}`;
  });
  // "(was gonna say mail the user but they cant get in after the reset lol)": a step thought of and dropped, with why, is
  // no step and narrows nothing. (What follows "but" may ask for something instead: then that is read, without the thought.)
  text = text.replace(/(^|[.;!?]\s*|,\s*)\(?\s*(?:i\s+)?(?:was\s+(?:gonna|going\s+to)|wanted\s+to|thought\s+(?:about|of)|almost)\s+(?:say(?:ing)?\s+|add(?:ing)?\s+|do(?:ing)?\s+)?([^.;!?()\n]{2,80}?)\s+but\s+([^.;!?()\n]{2,120}?)\s*\)?(?=\s*(?:[.;!?]|$))/gi, (_m: string, lead: string, _thought: string, why: string) =>
    (/\b(?:isolat|contain|block|disabl|quarantin|restrict|revok|reset|scan|collect|tag|assign|clos|resolv|post|e-?mail|mail|notif|comment|ping|releas|instead|just|only)\w*/i.test(why.replace(/\bafter\s+the\s+[a-z]+\b/gi, '')) ? `${lead}${why}` : lead));
  // "was gonna do let vips = _GetWatchlist('Tier0') but no watchlists here so: ...": what the writer would have written
  // elsewhere, and why not; the ask follows the colon.
  text = text.replace(/(^|[.;!?]\s*|\n\s*)(?:i\s+)?(?:was\s+(?:gonna|going\s+to)|wanted\s+to)\s+(?:do|use|write|say)\s+[^\n]{2,120}?\s+but\s+([^.;!?\n:]{2,80}?)\s*,?\s*so\s*:\s*/gi, (m: string, lead: string, why: string) =>
    (/\b(?:isolat|contain|block|disabl|quarantin|restrict|revok|reset|scan|collect|tag|assign|clos|resolv|post|e-?mail|mail|notif|comment|ping|releas|instead|just|only|if|when|unless|except)\w*/i.test(why) ? m : lead));
  // "lmk if anything's unclear", "let me know if you have questions": a courtesy, wherever it stands (a mail's envelope
  // was the only place it had been set aside; elsewhere it became a Teams post run "if anything is unclear").
  const courtesy: string[] = [];
  text = courtesies(text, courtesy);
  // "devices not tagged X are not our concern, leave them to the SOC": those are left alone; who handles
  // them then narrows nothing.
  text = text.replace(/(^|[.;!?]\s+|,\s*)([^.;!?,\n]{3,80}?)\s+(?:aren'?t|are\s+not|isn'?t|is\s+not)\s+(?:really\s+)?(?:my|our)\s+(?:problem|concern|business|department|responsibility|job)(?:\s*,\s*(?:just\s+)?leave\s+(?:them|those|it)\s+(?:to|for)\s+(?:the\s+)?[^.;!?\n]{2,40})?/gi, (m: string, lead: string, who: string) =>
    (/\b(?:if|when|unless|only|not|never|no)\b/i.test(who.replace(/\bnot\s+(?=tagged\b|in\s+the\b)/gi, '')) ? m : `${lead}ignore ${who}`));
  // "no action from us, their ops team deals with those", "nothing, the vendor owns that box": nothing, and who does it.
  text = text.replace(/\bno\s+action\s+from\s+(?:us|me|rampart|the\s+bot)\b/gi, 'nothing')
    .replace(/(,\s*|\s-\s+)(?:the\s+|their\s+|our\s+)?(?:(?:in-house|own|local|internal|site|plant|customer'?s?|client'?s?)\s+)?(?:[\w-]+\s+)?(?:team|netsec|network\s+team|ops|it|vendor|helpdesk|service\s*desk|noc|msp|they)\s+(?:owns?|handles?|manages?|takes?\s+care\s+of|deals?\s+with)\s+(?:that|those|these|it|them|the\s+rest|that\s+(?:box|device|server|one)|those\s+(?:boxes|devices|servers|ones))(?=\s*(?:[.;!?,]|$))/gi, '');
  // "i don't think we should ever block internal addresses": never block them.
  text = text.replace(/\b(?:i|we)\s+(?:don'?t|dont|do\s+not)\s+think\s+(?:we|you|it|rampart|the\s+bot)\s+should\s+(?:ever\s+)?(?=[a-z])/gi, 'never ')
    .replace(/(\bnever\s+[^.;!?\n]{3,80}?)\s*,?\s+(?:tho|though)?\s*,?\s*right\s*\?/gi, '$1.');
  // "add the tag and leave it for the night team": nothing more is done; the people named look later.
  text = text.replace(/\s*,?\s*(?:and\s+)?leave\s+(?:it|them|those|the\s+rest)\s+(?:for|to)\s+(?:the\s+)?(?:day|morning|night|next|a\s+human|humans|analysts?|tier\s*[12]|l[12]|us)(?:\s+(?:shift|team|crew))?\b(?=\s*(?:[.;!?,]|$))/gi, '');
  // "block the url (a real block, not warn)": a block, which an indicator is unless a warn or audit mode is asked for.
  text = text.replace(/\s*(?:\(\s*|,\s*)(?:an?\s+)?(?:actual|real|hard|proper|full)\s+block\s*(?:,\s*|\s+)not\s+(?:a\s+|just\s+(?:a\s+)?)?(?:warn|warning|audit|alert)(?:\s+only)?\s*(?:\)|(?=[.;!?,]|$))/gi, '');
  // "no mailbox cleanup either, we dont have the api for that": a step ruled out that Rampart has no API for; nothing asks it.
  text = text.replace(/(^|[.;!?]\s+|,\s*)no\s+(?:[\w-]+\s*?){1,4}?\s*,?\s+(?:we|i|you)\s+(?:don'?t|dont|do\s+not)\s+have\s+(?:that|the|an?|those)\s+(?:api|apis|access|license|licence|permissions?|integration)(?:\s+for\s+(?:that|it|this|those))?(?:\s+anyway)?(?=\s*(?:[.;!?,]|$))/gi, (_m, lead: string) => (/^,/.test(lead) ? '' : lead));
  // "High = P1 -> assign ...", "Medium = P2: ...": the priority a severity maps to is a label; the severity is the case.
  text = text.replace(/(^|\n\s*|[.;]\s*)((?:critical|high|medium|med|low|informational|info)(?:\s*(?:\/|,|\bor\b|\band\b)\s*(?:critical|high|medium|med|low|informational|info))*)(\s+sev(?:erity)?)?\s*=\s*(?:p|prio(?:rity)?\s*|sev\s*)\d\b\s*(?=->|=>|:|\u2192)/gi, (_m, lead: string, levels: string, sev: string | undefined) => `${lead}${levels}${sev ?? ''} `);
  // "for those, reset the password only and page the lead": "only" after the step says what "only" before it says (the
  // case gets that step alone); after a device or a person ("isolate the laptops only") it still says which ones.
  text = text.replace(/((?:^|[.;!?]\s+|\n\s*)for\s+[^.;:,\n]{2,80},\s*(?:then\s+)?)((?:revoke|reset|disable|isolate|scan|collect|restrict|quarantine|block|post|send|e-?mail|mail|notify|ping|comment|add|tag|assign|close|resolve|confirm|dismiss)\b(?:\s+(?!(?:in|on|for|from|of|with|where|when|if|unless|except|not|no|workstations?|servers?|laptops?|desktops?|devices?|machines?|hosts?|box(?:es)?|pcs?|dcs?|users?|accounts?|admins?|members?|people|ips?|urls?|hash(?:es)?|files?|domains?|senders?|recipients?)\b)[\w'-]+){0,4}?)\s+only\b(?=\s*(?:[.;!?,\n]|\s+and\b|$))/gi, '$1only $2');
  // "medium -> a teams post only, no client email": the Teams post alone.
  text = text.replace(/\b(?:(?:a|the)\s+)?teams(?:\s+(?:post|message|msg|ping))?\s+only\b/gi, 'only post in teams')
    .replace(/\bno\s+(?:customer|client|external)\s+(e-?mails?|mails?)\b/gi, 'no $1');
  // "email their secops DL secops@x.com": the list is the address after it.
  text = text.replace(/\b(?:(?:their|the|our|its)\s+)?(?:[\w-]+\s+)?(?:dl|distro|distribution\s+list|mailing\s+list)\s+(?=[\w.+-]+@[\w-]+\.)/gi, '');
  // A newcomer's hedges about names and about Rampart: "someone told me you can build rules here?", "(i think it's
  // called defender for endpoint now?)", "not totally sure that's the correct term", "sorry still learning the names", "i think 'X' is
  // the button in entra". They say what the writer is unsure of, never which incidents.
  text = text.replace(/(^|[.!?]\s+|,\s*|[\u{1F300}-\u{1FAFF}\u2600-\u27BF]\s*)(?:(?:so|ok|um+|hi|hey)\s*,?\s+)*(?:i\s+was\s+told|i\s+heard|someone\s+(?:said|told\s+me)|my\s+(?:lead|boss|manager)\s+(?:said|told\s+me))\s+(?:that\s+)?(?:i|we|you)\s+(?:can|could)\s+(?:set\s+up|make|create|build|do)\s+(?:automations?|rules?|playbooks?|automated\s+(?:stuff|things|rules))(?:\s+(?:in\s+)?here|\s+with\s+(?:you|this|rampart|the\s+bot))?\s*[?.!]*/giu, '$1')
    .replace(/\s*\(\s*(?:i\s+(?:think|believe|guess)\s+)?(?:it'?s|its|it\s+is|that'?s)\s+(?:called|named)\s+(?:mde|mdo|mdi|mdca|defender(?:\s+for\s+(?:endpoint|office(?:\s+365)?|identity|cloud\s+apps))?|entra(?:\s+id)?(?:\s+protection)?)(?:\s+now)?\s*\??\s*\)/gi, '')
    .replace(/(^|[.!?]\s+|,\s*)(?:i'?m\s+|im\s+)?not\s+(?:100\s*%|a\s+hundred\s+percent|totally|entirely|fully)\s+sure\s+(?:if\s+|that\s+)?(?:that'?s|thats|that\s+is|it'?s|its)\s+the\s+(?:right|correct)\s+(?:name|word|term)(?:\s+for\s+([^.!?\n]{1,100}))?\s*[.!?]*(?=\s|$)/gi, (m: string, lead: string, what: string | undefined) =>
      (what && /\b(?:only|if|when|unless|except|not|never|no|servers?|workstations?|dcs?|groups?|tagged|high|medium|low|critical|users?|accounts?)\b|n't\b/i.test(what) ? m : lead))
    .replace(/,?\s*(?:sorry\s*,?\s*)?(?:i'?m\s+|im\s+)?still\s+learning\s+(?:the\s+)?(?:names|tools|products|ropes|terms)\b/gi, '')
    .replace(/(^|[.!?]\s+|,\s*)i\s+think\s+(["'\u2018\u201c][^"'\u2019\u201d\n]{3,40}["'\u2019\u201d])\s+is\s+(?:the|what)\s+(?:button|option|action|menu\s+item|thing)\s+(?:(?:is\s+)?called\s+)?(?:in|on)\s+(?:entra|the\s+portal|defender|mde|the\s+console)\s*[.!?]*(?=\s|$)/gi, '$1');
  // "SLA for these is 20 min so it needs to run on its own", "the SLA is 1 hour":
  // why the rule is automated, which narrows nothing.
  text = text.replace(/(^|[.;!?]\s+|,\s*|\n\s*)(?:(?:the|our|their)\s+)?(?:p\d\s+)?sla\s+(?:for\s+[^.;!?,\n]{1,40}?\s+)?(?:is|=|of)\s+(?:under\s+|within\s+)?\d+\s*(?:min(?:ute)?s?|m|h|hrs?|hours?)\b(?:\s*,?\s*so\s+(?:it|this)\s+(?:has|needs|have|need)\s+to\s+(?:be\s+(?:automatic|automated|auto)|run\s+(?:on\s+its\s+own|automatically|by\s+itself)))?(?=\s*(?:[.;!?,]|$))/gi, (_m, lead: string) => (/^,/.test(lead) ? '' : lead));
  // "only on workstations pls.", "isolate it please": a courtesy at the end of a sentence.
  // (After a word or two, "sha1 please.", it says which one: kept.)
  text = text.replace(/\s*,?\s*\b(?:pls|plz|please|thanks|thx|ty|thank\s+you)\b(?:\s*!+)?\s*(?=[.!?;]|$)/gi, (m: string, at: number, whole: string) =>
    (whole.slice(0, at).split(/[.!?;\n]/).pop()?.trim().split(/\s+/).length ?? 0) < 3 ? m : '');
  // "email the user themself": themselves.
  text = text.replace(/\bthemself\b/gi, 'themselves');
  // "(live Fri 18:00 -> Mon 07:00, I'll flip it on and off myself)": the writer switches the playbook on and off, so the
  // hours said beside it are no case of the steps.
  text = text.replace(/\s*\([^()\n]*\b(?:i'?ll|i\s+will|we'?ll|we\s+will)\s+(?:flip|turn|switch|toggle|enable|disable|activate|deactivate)\s+(?:it|this)\s+(?:on\s+and\s+off|off\s+and\s+on|on|off)\b[^()\n]*\)/gi, '');
  // "questions -> me, phone's on", "don't call before 9 on sunday unless something's on fire": how to reach the writer.
  // "revoke all sessions first so stolen tokens die": what the step is for, not a case of it.
  text = text.replace(/\s+so\s+(?:that\s+)?(?:(?:the|their|its|any|all|stolen|the\s+stolen|active|live)\s+)*(?:tokens?|sessions?|creds?|credentials?|cookies?|the\s+attacker|attackers?|they|it|malware|the\s+malware)\s+(?:die|dies|expire|expires|stop\s+working|stops\s+working|(?:are|is|get|gets)\s+(?:dead|gone|invalid(?:ated)?|useless|killed|revoked)|can'?t\s+(?:be\s+)?(?:used|reused|replayed|come\s+back)|cannot\s+(?:be\s+)?(?:used|reused|replayed|come\s+back)|won'?t\s+work|lose\s+access|loses\s+access)\b(?=\s*(?:[.;,!?\n]|$|\(?\d{1,2}[).]\s))/gi, '');
  // "compromised account runbook, order matters: 1) ...": the runbook's name and a word on order (the steps run in the order
  // they are said), before its steps.
  // (A name that says a kind of thing, "linux runbook:", is kept: it may be the steps' case.)
  text = text.replace(/(^|[.!?\n:]\s*)((?:(?:our|the|my|this)\s+)?(?:[\w-]+\s+){0,3}?)(?:runbook|procedure|sop|checklist)\s*(?:v?\d+(?:\.\d+)?\s*)?[,:;]\s*/gi, (m: string, lead: string, name: string) => (ASIDE_NARROWS.test(name) ? m : lead))
    .replace(/(^|[.!?\n:,]\s*)(?:the\s+)?order\s+(?:matters|is\s+important|is\s+key)\b\s*(?:[,:;.!]+\s*|(?=\n)|$)/gi, '$1');
  // "<steps>. trigger: an identity protection alert where ...": the case, said last as a label; it heads the steps.
  // (On a line of its own, "Trigger:" is a field of a described playbook, which is read as such.)
  const triggerLast = /[.!?][ \t]*(?:trigger(?:ed\s+(?:by|on))?|triggers|fires?\s+on|runs?\s+on)\s*[:=]\s*((?:an?\s+|any\s+|every\s+)?[^.!?\n:]{3,160}?)\s*[.!]*\s*$/i.exec(text);
  if (triggerLast && triggerLast.index > 0 && !/^\s*(?:for|on|when|whenever|if)\b/i.test(text)) {
    text = `for ${triggerLast[1].replace(/^(?:an?|any|every)\s+/i, '').trim()}: ${text.slice(0, triggerLast.index).trim()}`;
  }
  // "EXCEPT anything tagged NeverTouch in MDE (the SIS boxes)": a machine tag Defender for Endpoint holds, on the devices the
  // step acts on (read as an incident tag, the tagged boxes had been scanned); what the bracket calls them says nothing more.
  text = text.replace(/\b(?:anything|everything|any\s+(?:box|device|machine|host|endpoint)s?|(?:the\s+)?(?:boxes|devices|machines|hosts|endpoints))\s+tagged\s+(["'\u2018\u201c]?[\w-]+["'\u2019\u201d]?)\s+in\s+(?:mde|defender(?:\s+for\s+endpoint)?|the\s+(?:mde\s+|defender\s+)?(?:portal|console)|(?:the\s+)?device\s+inventory)\b(?:\s*\(\s*(?:the|our|all|those)\s+(?:[\w-]+\s+){0,3}?(?:boxes|devices|machines|hosts|endpoints|servers|workstations|pcs|systems)\s*\))?/gi, (_m, tag: string) => `devices tagged ${tag}`);
  // "... except devices tagged X - those get nothing, not even a scan": the exception, said again.
  text = text.replace(/(\b(?:except|excluding|but\s+not|other\s+than)\b[^.;!?\n]{3,80}?)\s*(?:[,;\u2014\u2013]|\s-)\s*(?:those|these|they|them)\s+(?:get|gets|receive)\s+nothing(?:\s*,?\s*not\s+even\s+an?\s+(?:[\w-]+\s+){0,2}?[\w-]+)?(?=\s*(?:[.;!?\n]|$))/gi, '$1');
  // "do NOT release the devices, they stay isolated until forensics signs off": the same rule-out, said again with why.
  text = text.replace(/\b((?:do\s+not|don'?t|dont|never)\s+(?:release|unisolate|un-isolate|lift|undo|remove)\b[^.;!?\n]*?)\s*[,;-]\s*(?:they|it|the\s+(?:devices?|boxes|box|hosts?|machines?))\s+(?:stay|stays|remain|remains|must\s+stay|should\s+stay)\s+(?:isolated|contained|restricted|locked(?:\s+down)?|quarantined)(?:\s+until\s+[^.;!?\n]*?)?(?=\s*(?:[.;!?\n]|$))/gi, '$1');
  // "containment for high sev incidents, by device type: ...": the rule's name and how it is laid out, before its case.
  text = text.replace(/(^|[.!?]\s+|\n\s*)(?:containment|response|remediation|handling|triage|playbook|rule|policy|automation)\s+(for\s+[^:,.;\n]{3,60}?)\s*,?\s*(?:(?:split\s+)?(?:by|per)\s+(?:device\s+(?:type|kind)|type\s+of\s+device|os|platform|severity|sev))?\s*:\s*/gi, '$1$2: ');
  // "someone clicked a phishing link AGAIN.": what happened, told before the ask (past tense, with "again" or a day); read as
  // a case it had narrowed the rule to URL-click alerts.
  text = text.replace(/(^|[.!?]\s+|\n\s*)(?:so\s+|ugh,?\s+|welp,?\s+)?(?:someone|somebody|a\s+user|users|people|ppl|one\s+of\s+(?:our|the)\s+[\w-]+|another\s+[\w-]+)\s+(?:clicked|opened|fell\s+for|entered\s+(?:their|his|her)\s+(?:creds|credentials|password)\s+(?:in|on|into)|got\s+phished\s+(?:by|via|through))\b[^.!?\n]{0,80}?\b(?:again|today|yesterday|this\s+(?:morning|week)|last\s+(?:night|week))\b\s*[.!?]+(?=\s*\S)/gi, '$1');
  text = text.replace(/(^|[.;!?]\s+|\n\s*)(?:any\s+)?(?:questions|qs|issues|problems)\s*(?:->|=>|:|to|go\s+to)\s*(?:me|us|[\w.+'-]+@[\w-]+(?:\.[\w-]+)+)\b(?:\s*,\s*(?:my\s+)?phone'?s\s+on)?\s*(?=[.;!?\n]|$)/gi, '$1')
    .replace(/(^|[.;!?]\s+|\n\s*)(?:pls\s+|please\s+|and\s+)?(?:don'?t|dont|do\s+not)\s+(?:call|phone|ring|page)\s+(?:me|us)?\s*(?:before|after|between|on|at|unless)\b[^.;!?\n]*/gi, '$1');
  // "no containment from this one, it's escalation only": what kind of rule it is, said after what it leaves out, is why.
  text = text.replace(/,\s*(?:it'?s|its|it\s+is|this\s+is|this\s+one\s+is|that'?s|thats)\s+(?:just\s+|purely\s+)?(escalation|notification|notifications|alerting|reporting|triage|paging|tracking|visibility)(?:\s+only)?(?=\s*(?:[.;!]|$))/gi, ', because it is just $1');
  // "monday handback, I'll run it Mon 07:00 once I'm back:": when the writer runs it by hand, no case of the steps.
  // ("monday handback, I'll run it ...": the day's label before it is the same day, no case either.)
  text = text.replace(/(?:(?<=^|[.;!?]\s|\n)\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|weekend)\s+[\w-]+\s*,\s*(?=(?:i'?ll|i\s+will|we'?ll|we\s+will)\s+(?:run|trigger|kick\s+off|fire|start)\s+(?:it|this)\b))?,?\s*\b(?:i'?ll|i\s+will|we'?ll|we\s+will)\s+(?:run|trigger|kick\s+off|fire|start)\s+(?:it|this)\s+(?:(?:manually|myself|by\s+hand)\s+)?(?:on\s+)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\s+)?(?:at\s+)?\d{1,2}(?::\d\d)?(?:\s*(?:am|pm))?(?:\s+(?:once|when|after)\s+(?:i'?m|i\s+am|we'?re|we\s+are|i\s+get)\s+back)?(?=\s*[:,.;]|$)/gi, '');
  // "IdP alert on someone in the Entra group 'Tier0 Admins' -> ...": alerts whose user is in that group.
  text = text.replace(/\b(alerts?|incidents?|detections?)\s+(?:on|for|about|against|involving)\s+(?:someone|somebody|anyone|anybody|a\s+user|an\s+account|any\s+user|any\s+account)\s+(?:who\s+is\s+|that\s+is\s+)?in\s+(?:the\s+)?(?:(?:entra|aad|azure\s+ad)\s+(?:id\s+)?)?(?:group\s+('[^'\n]{1,60}'|"[^"\n]{1,60}")|('[^'\n]{1,60}'|"[^"\n]{1,60}")\s+group)/gi, (_m, what: string, named: string | undefined, before: string | undefined) => `${what} where the user is in the ${named ?? before} group`);
  const intel: string[] = [];
  text = iocLists(intelMarkings(threadReply(text, intel), intel), intel)
    // "add the sha256 (not the sha1)", "block indicator (sha256 pls, not sha1)": the hash to make the indicator of, the other
    // named as not that.
    .replace(/\b(?:the\s+)?(sha-?256|sha-?1|md5)\s*\(\s*not\s+(?:the\s+)?(?:sha-?256|sha-?1|md5)\s*\)/gi, 'the $1')
    // (Only the SHA-256, which a file indicator is made of anyway; another hash said so is left to be read or asked about.)
    .replace(/\s*\(\s*sha-?256\s*(?:pls|please)?\s*,?\s*not\s+(?:the\s+)?(?:sha-?1|md5)\s*\)/gi, '');
  text = customerAliases(text);
  text = weTaggedDevices(devicesTaggedAlias(text));
  // "any customer, doesn't matter which tenant:", "regardless of the client": every customer, which narrows nothing.
  text = text.replace(/(^|[.;:!?]\s+|\n\s*)(?:for\s+)?(?:any|every|all)\s+(?:customers?|tenants?|clients?)\s*,\s*(?:it\s+)?(?:doesn'?t|does\s+not|dont|don'?t)\s+matter\s+which(?:\s+(?:customer|tenant|client|one))?\s*(?:[:,]\s*)?/gi, '$1')
    .replace(/,?\s*\bregardless\s+of\s+(?:the\s+|which\s+)?(?:customer|tenant|client)\b/gi, '')
    // "for CUST-WOODGROVE phishing": a customer's tag said as the customer.
    .replace(/\bfor\s+((?:CUST|CUSTOMER|CLIENT|TENANT)[-_][A-Z0-9][A-Z0-9_-]*)\s+(?=[a-z])/g, "for incidents tagged '$1', ")
    // "(device tag, not the incident tag, i know its confusing)": which tag, said again; it narrows nothing more.
    .replace(/\s*\(\s*(?:the\s+|a\s+)?device\s+tag\s*,\s*not\s+(?:the\s+|an?\s+)?incident\s+tag(?:\s*,\s*i\s+know\s+(?:it'?s|its|this\s+is|that'?s)\s+(?:confusing|weird|odd|annoying))?\s*\)/gi, '')
    // "we're allowed to disable accts for them": the step.
    .replace(/\b(?:we'?re|we\s+are|you'?re|you\s+are)\s+(?:allowed|permitted|cleared|ok|okay|authori[sz]ed)\s+to\s+(?=(?:isolate|contain|restrict|quarantine|stop|block|disable|reset|revoke|collect|run|scan|tag|assign|close|resolve|post|email|mail|notify|comment|confirm|dismiss|release)\b)/gi, '');
  // "would that be ok? BUT not for the break-glass accts", "AND the incident is informational": a joint shouted inside
  // lowercase text is the joint (read only in lowercase by much of the grammar, the exclusion had been left unread).
  text = text.replace(SHOUTED_JOINT, (w) => w.toLowerCase());
  // "hi sev", "sev hi", "hi/med": the severity, not the greeting (read as "hi", the severity was dropped).
  text = text.replace(/\bhi\b(?=\s*(?:[-/+]\s*)?(?:sev(?:erity)?|prio(?:rity)?|pri|crit(?:ical)?|med(?:ium)?)\b)/gi, 'high')
    .replace(/\b((?:sev(?:erity)?|prio(?:rity)?)\s*(?:[:=]|is|of)?\s*(?:(?:crit(?:ical)?|med(?:ium)?)\s*(?:[/,]|or)\s*)?)hi\b/gi, '$1high')
    .replace(/\blo\b(?=\s*(?:sev(?:erity)?|prio(?:rity)?)\b)/gi, 'low');
  text = listItemCases(ruledOutInstead(notificationOnly(text)));
  // "No L3 on call, so NO device isolation ... this weekend": what leads to a rule-out with "so" is why, when it names no case.
  text = text.replace(/(^|[.;!?]\s+|\n[ \t]*(?:\d+[.)][ \t]*|[-*\u2022][ \t]*)?)([^,.;:\n]{2,40}),\s*so\s+(?=(?:no|never|do\s+not|don'?t|dont)\s)/gi, (m: string, lead: string, why: string) => (NOTE_STEP_WORD.test(why) || /\b(?:only|just|except|excluding|unless|but|skip\w*|ignor\w*|exclud\w*|leave|alone|never|not|if|when|whenever|for|in|from|with|where|tagged|group|alerts?|incidents?|devices?|users?|accounts?|servers?|severity|high|medium|low|remediat\w*|actions?|auto\w*)\b|n't\b/i.test(why.replace(/\bon\s+call\b/gi, '')) ? m : lead));
  // "when a device is in an 'Engineering - Build' group": a device group (read as a group of users, it had tested the users).
  text = deviceGroupsSaid(text);
  // "insider-risk type alerts (category Exfiltration)": the alerts' category, said in brackets beside them (moved to the end of
  // the sentence with the other asides, it had joined a rule-out there and been negated with it).
  text = text.replace(/\b(alerts?|incidents?|detections?)\s*\(\s*(?:alert\s+)?(?:category|categories)\s*[:=]?\s*([A-Z][\w-]*(?:\s*(?:,|\/|\bor\b)\s*[A-Z][\w-]*)*)\s*\)/g, '$1 of category $2');
  // "IdP (Identity Protection)", "MDI (Defender for Identity)": a product's short name with its long one in brackets is the product.
  text = text.replace(/\b(IdP|MDE|MDI|MDO|MDCA|MCAS|AADIP)\s*\(\s*(?:microsoft\s+)?(?:(?:entra|azure\s+ad|aad)\s+(?:id\s+)?)?(?:identity\s+protection|defender\s+for\s+(?:endpoint|identity|office(?:\s+365)?|cloud\s+apps)|cloud\s+app\s+security)\s*\)/gi, '$1');
  text = familyThenProducts(text)
    // "for the phishing side (MDO)", "on the MDE side": the product's alerts.
    .replace(SIDE_THEN_PRODUCTS, (_m, prep: string, named: string) => `${prep} ${named.replace(/\s*[/,&]\s*/g, ' or ')} alerts`)
    .replace(PRODUCT_SIDE, '$1 $2')
    // "closed out as false positive": closed as it.
    .replace(/\b(closed|resolved)\s+out\s+(?=as\b)/gi, '$1 ')
    // "unknown/clean ->", "clean or unknown": VirusTotal has nothing on it, which is clean.
    .replace(/\b(?:unknown\s*(?:\/|\bor\b)\s*clean|clean\s*\/\s*unknown)\b/gi, 'clean or unknown')
    // "user-reported phish ('Email reported by user as malware or phish' alerts)": alerts of that title, where they are said.
    .replace(/(\b(?:alerts?|incidents?|detections?))?\s*\(\s*(["'\u2018\u201c][^"'\u2019\u201d\n()]{3,80}["'\u2019\u201d])\s+(alerts?|incidents?|detections?)\s*\)/g, (_m, said: string | undefined, title: string, noun: string) => `${said ? `${said} ` : ' '}${said ? '' : `${noun} `}titled ${title}`)
    // "anything closed as false positive", "incidents resolved as benign": those that have been.
    .replace(/\b(anything|everything|incidents?|ones|any\s+incidents?)\s+(closed|resolved)\s+(?=as\b)/gi, '$1 that has been $2 ')
    // "thats been closed", "its been resolved": has been.
    .replace(/\b(that|it|which|this)\s+is\s+been\b/gi, '$1 has been')
    // "cleanup ask:", "quick ask -": what kind of request it is, which narrows nothing.
    .replace(/(^|[.;!?]\s+|\n\s*)(?:(?:quick|small|cleanup|clean-up|housekeeping|new|one|another|urgent|tiny|simple)\s+)?ask\s*(?::|\s-)\s*/gi, '$1');
  // "never block 20.190.151.7 or 20.190.151.8 (telehealth gateway)": what the addresses are, which narrows nothing.
  text = text.replace(/((?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?|\b[0-9a-f]{32,64}\b)\s*\(([^()\n\d]{1,40})\)/gi, (m: string, value: string, aside: string) => (NARROWS.test(aside) ? m : value));
  // "Members of the 'Legal Hold' group must not be disabled ...; for them, revoke only", "users in the 'EU' group are covered by
  // X, so for them ...": "them" are the members of the group the sentence is about.
  text = text.replace(/(^|[.;:!?\n]\s*)((?:the\s+)?(?:members\s+of|(?:users|accounts|people|anyone|employees)\s+in)\s+(?:the\s+)?(?:group\s+)?(["'\u2018\u201c][^"'\u2019\u201d\n]{1,60}["'\u2019\u201d]|[\w.&]+-[\w.&-]+)(?:\s+group)?\b[^.!?\n]*?[;,]\s*(?:so\s+|and\s+)?)for\s+(?:them|those|these)(?:\s+(?:users|people|accounts|members))?\s*,?\s+/gi, (_m, lead: string, said: string, group: string) => {
    const name = bareName(group);
    // ("users in G are covered by the works agreement, so for them": what they are is why; only the case is kept.)
    const why = /\s(?:are|is)\s+(?!not\b|never\b)[^;,]*[,;]\s*so\s+$/i.test(said) && !NARROWS.test(said.replace(/\bso\s+$/i, '')) && !new RegExp(`\\b(?:${ACTION_VERB})\\b`, 'i').test(said);
    return `${lead}${why ? '' : said}if the user is in the '${name}' group, `;
  });
  // "if a clinician account (member of 'Clinical-Staff') gets ...": the account of that group.
  text = text.replace(/\b(an?|the|any)\s+(?:[\w-]+\s+)?(?:accounts?|users?|persons?|employees?)\s*\(\s*(?:a\s+|the\s+)?members?\s+of\s+(?:the\s+)?(?:group\s+)?(["'\u2018\u201c][^"'\u2019\u201d\n]{1,60}["'\u2019\u201d]|[\w.&-]+)(?:\s+group)?\s*\)/gi, (_m, det: string, group: string) => `${det} user in the '${bareName(group)}' group`);
  // "please preserve forensic evidence before containment: first collect ...": what the steps after the colon are for.
  text = text.replace(/(^|[.;!?]\s+|,\s*)(?:please\s+)?(?:preserve|keep|protect|secure|save)\s+(?:the\s+|all\s+)?(?:forensic\s+)?(?:evidence|artifacts|artefacts)(?:\s+(?:before|prior\s+to)\s+(?:any\s+)?(?:containment|isolation|isolating|action|remediation))?\s*:\s*/gi, '$1')
    // "please do not run antivirus scans on these devices": no scan.
    .replace(/\b(do\s+not|don'?t|dont|never)\s+run\s+(?:any\s+)?(?:an?\s+)?(?:(?:full|quick)\s+)?(?:antivirus|av|virus|defender)?\s*scans?\b/gi, '$1 scan');
  // "assign anything unassigned + high to me": incidents that are both (read as two steps, "assign high to me" dropped the
  // severity and every unassigned incident was taken).
  text = text.replace(/(?:\b(?:anything|everything|any|all|whatever|stuff|ones)\s+(?:that\s+(?:is|are)\s+|that'?s\s+)?|(?<=(?:^|[.;:!?\n])\s*))(unassigned|unowned|new|open|active)\s*(?:\+|&|\band\b)\s*(critical|crit|high|hi|medium|med|low|informational|info)(?:\s+sev(?:erity)?)?\b(?!\s+(?:incidents?|alerts?|ones)\b)/gi, (_m, state: string, level: string) => {
      const full: Record<string, string> = { crit: 'critical', hi: 'high', med: 'medium', info: 'informational' };
      return `any ${state.toLowerCase()} ${full[level.toLowerCase()] ?? level.toLowerCase()} severity incident`;
    });
  const markdownNamed = markdownTitle(text);
  text = markdownEmphasis(markdownNamed.text)
    // "a user entity in the incident is a member of the Entra group X": a user of the incident in group X (groups are Entra's).
    .replace(/\b(user|account)\s+entit(y|ies)\b(?=\s+(?:in|of|on)\s+the\s+(?:incident|alert)\s+(?:is|are)\s+(?:not\s+)?(?:a\s+)?(?:members?\s+of|in)\b)/gi, (_m, noun: string, end: string) => (end === 'y' ? noun : `${noun}s`))
    .replace(/\b(?:microsoft\s+)?(?:entra(?:\s+id)?|azure\s+ad|aad)\s+(groups?|grps?)\b/gi, '$1')
    // "concerns a user who is a member of the group 'X'": a user in that group.
    .replace(/\b(an?|the|any)\s+(user|account|recipient|sender)\s+(?:who|that)\s+(?:is|are)\s+(?:a\s+)?members?\s+of\s+(?:the\s+)?(?:group\s+(["'\u2018\u201c][^"'\u2019\u201d\n]{1,60}["'\u2019\u201d]|[\w.&-]*[\w&-])(?!\s+group\b)|(["'\u2018\u201c][^"'\u2019\u201d\n]{1,60}["'\u2019\u201d]|[\w.&-]*[\w&-])\s+group\b)/gi, (_m, det: string, noun: string, first: string | undefined, second: string | undefined) => {
      const name = bareName(first ?? second ?? '');
      return `${det} ${noun} in the '${name}' group`;
    });
  text = verbLastInOrder(groupNamesInWords(soarDialect(terseInWords(queryInWords(spokenInWords(stepReferences(text)))))));

  // "block C2 ips from ransomware alerts": which IPs (the ones the attacker's C2 used), in the alerts the request is about;
  // read as a kind of alert, either kind had triggered the block, C2 alerts with no ransomware among them too.
  text = text.replace(/\b(?:c2|c&c|cnc|command[- ]and[- ]control|phishing|phish|malware|ransomware)\s+((?:ips?|ip\s+addresses|addresses|urls?|links?|domains?|hashes|hash|files?|iocs?|indicators?|servers?|infrastructure)\s+(?:(?:that\s+(?:are|were)\s+)?(?:seen|found|observed|named|listed|reported)\s+)?(?:from|in|on|of|inside|within)\s+(?:the\s+|any\s+|all\s+|those\s+)?(?!alerts?\b|incidents?\b)[\w-]+(?:\s+[\w-]+){0,2}?\s+(?:alerts?|incidents?|detections?|cases?)\b)/gi, (m: string, rest: string) => (KIND_OF_ALERT.test(rest) ? rest : m));
  // "If an incident is actual still open and eventually contains a Mac": "actual(ly)" and "eventually" as a second
  // language uses them ("currently", "possibly") narrow nothing; the second state keeps the incident as its subject.
  text = text.replace(/\b(is|are)\s+actual(?:ly)?\s+(?=still\b|open\b|active\b|new\b|unassigned\b)/gi, '$1 ')
    .replace(/\b(and|or)\s+eventually\s+(?=(?:contains?|includes?|involves?|has|have|is|are)\b)/gi, '$1 ')
    .replace(/\b((?:if|when|whenever)\s+(?:an?|the)\s+(incident|alert)\s+(?:is|has|was|gets)\s+[^,.;:!?\n]{2,60}?)\s+and\s+(contains?|includes?|involves?|has|touches)\b/gi, (_m, lead: string, noun: string, verb: string) => `${lead} and the ${noun.toLowerCase()} ${verb}`);
  // "set all phishing incidents on 'In progress'": a status said in quotes is the status (and "on" it is "to" it).
  text = text.replace(/\b(set|put|move|switch|change)\b([^.;:!?\n]{0,80}?)\s+(?:on|in|at|into|to)\s+(?:the\s+status\s+)?["'\u2018\u201c](in[\s-]?progress|active|resolved)["'\u2019\u201d](?!\w)/gi, (_m, verb: string, what: string, status: string) => `${verb}${what} to ${status}`);
  // "Night shift rules for Rampart (handover from the day lead):", "Housekeeping rules for the bot:", "Notification rules
  // going forward:": whom a list's heading addresses, who hands it over and from when narrow nothing; what the heading
  // names besides is left to be read.
  text = text.replace(/^(\s*[^\n:]{0,80}?\b(?:rules?|rule\s*set|ruleset|runbook|handover|hand-?off)\b[^\n:]{0,80}?):[ \t]*(?=\n)/i, (_m, heading: string) => {
    const bare = heading
      .replace(/\s*\((?:handover|hand-?off|notes?|passed\s+on|copied)\s+from\s+[^()\n]{1,40}\)/gi, '')
      .replace(/\s+for\s+(?:the\s+)?(?:bot|rampart|automation|assistant|you|u)\b/gi, '')
      .replace(/\s+(?:going\s+forward|from\s+now\s+on|from\s+today)\b/gi, '')
      .replace(/^\s*(?:housekeeping|hygiene|standing|house)\s+/i, '')
      .replace(/\s*\bhandover\s*[-:\u2013]\s*/gi, ' ')
      .replace(/^\s*(?:night|day|late|early|weekend)[\s-]+shift\s+(?=rules?\b)/i, '');
    return `${bare.trim()}:`;
  });
  // "Automation must not take any action on devices tagged X", "and shall not perform any action against ...": never touch
  // them, by any step (said after another rule, it had joined that rule's step alone).
  text = text.replace(/\b(?:(?:the\s+)?(?:automation|playbook|rampart|bot|system)\s+)?(?:must|shall|should|will|may)\s+(?:not|never)\s+(?:take|perform|run|carry\s+out)\s+(?:any\s+)?(?:automated\s+|automatic\s+)?(?:actions?|steps?|measures?)(?:\s+(?:of\s+any\s+kind|whatsoever|at\s+all))?\s+(?:on|against|for|to)\s+(?=(?:the\s+|any\s+|all\s+)?(?:devices?|machines?|hosts?|endpoints?|servers?|workstations?|laptops?)\b)/gi, 'never touch ');
  // "leave those completely alone": alone. "machines that also carry the crit-ops tag", "boxes with the X tag": tagged X.
  // "dont care about sev", "regardless of severity": every severity, which is what no severity says.
  text = text.replace(/\b(leave\s+(?:those|them|it|these|that)|leave\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)\s+(?:completely|entirely|totally|fully|well)\s+alone\b/gi, '$1 alone')
    // "EXCEPT machines tagged X - leave those alone": never touch them.
    .replace(/(^|[.;!?]\s+|\n\s*)(?:but\s+)?except\s+((?:the\s+|any\s+)?(?:devices|machines|hosts|boxes|servers|workstations|endpoints)\s+(?:tagged\s+["'\u2018\u201c]?[\w.-]+["'\u2019\u201d]?|in\s+(?:the\s+)?["'\u2018\u201c]?[\w .&-]{1,40}?["'\u2019\u201d]?\s+(?:device\s+)?group))\s*(?::|-|\u2013|,)\s*leave\s+(?:those|them|these)\s+alone\b/gi, '$1never touch $2')
    .replace(/\b(?:that|which)\s+(?:also\s+)?(?:carry|carries|have|has|bear|bears)\s+(?:the|a)\s+["'\u2018\u201c]?([\w.-]+)["'\u2019\u201d]?\s+(?:machine\s+|device\s+)?tag\b/gi, 'tagged $1')
    .replace(/\bwith\s+the\s+["'\u2018\u201c]?([\w.-]+)["'\u2019\u201d]?\s+(?:machine\s+|device\s+)tag\b/gi, 'tagged $1')
    .replace(/[,.;]?\s*(?:(?:i\s+)?(?:don'?t|dont|do\s+not)\s+care\s+(?:about|abt)\s+(?:the\s+)?sev(?:erity)?|regardless\s+of\s+(?:the\s+)?sev(?:erity)?|whatever\s+the\s+sev(?:erity)?(?:\s+is)?|no\s+matter\s+the\s+sev(?:erity)?)(?=\s*(?:[.;,!\n]|$))/gi, '');
  // "windows boxes are the desktop team's problem, dont touch them": someone else's, so left out of this request.
  text = text.replace(new RegExp(String.raw`${NOT_OURS_LEAD}(${NOT_OURS_WHAT})(?:\s+with\s+the\s+same\s+alert)?\s+(?:are|is)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:team'?s|someone\s+else'?s|somebody\s+else'?s|another\s+team'?s|their\s+own)\s+(?:problem|job|responsibility|call|thing)(?:\s*(?:,|;|-|\u2013)?\s*(?:so\s+)?${NOT_OURS_LEFT_ALONE})?(?=\s*(?:[.;!)\n]|$))`, 'gi'), (_m, lead: string, what: string) => `${lead}exclude ${what}`);
  // "devices tagged cust-x, by alert severity:" above the cases: those devices.
  text = text.replace(/(^|\n)([ \t]*)((?:devices|machines|hosts|boxes|endpoints)\s+(?:tagged\s+["'\u2018\u201c]?[\w.-]+["'\u2019\u201d]?|in\s+(?:the\s+)?["'\u2018\u201c]?[\w.&-]+["'\u2019\u201d]?\s+(?:device\s+)?group))(?:\s*,?\s*by\s+(?:alert\s+|incident\s+)?sev(?:erity)?)?\s*:[ \t]*(?=\n)/gi, '$1$2For $3:');
  // "devices tagged cust-x ... ignore devices without that tag": only those devices (the tag said before).
  text = text.replace(/\b(?:ignore|skip|leave\s+out|exclude)\s+(?:any\s+|all\s+)?(?:devices|machines|hosts|boxes|endpoints)\s+(?:without|not\s+carrying|that\s+lack|lacking)\s+(?:that|this|the)\s+tag\b/gi, (m: string, offset: number, whole: string) => {
    const said = [...whole.slice(0, offset).matchAll(/\btagged\s+["'\u2018\u201c]?([\w.-]+)["'\u2019\u201d]?/gi)].pop();
    return said ? `only devices tagged ${said[1]}` : m;
  });
  // "MDO phish" on a line of its own above the rules: that product's alerts of that kind.
  text = text.replace(new RegExp(String.raw`(^|\n)([ \t]*)(${DEFENDER_PRODUCT})((?:[ \t]+[\w-]+){1,3})[ \t]*(?=\n)`, 'gi'), (m: string, lead: string, indent: string, name: string, words: string) =>
    (/\b(?:alerts?|incidents?|detections?|stuff|rules?)\b/i.test(words) || STEP_VERB.test(words) ? m : `${lead}${indent}${name}${words} alerts:`));
  // "hash score on VT, mde only:": only that product's alerts (said bare, the narrowing had been dropped).
  text = text.replace(new RegExp(String.raw`\b(${DEFENDER_PRODUCT})\s+only\b(?!\s+(?:alerts?|incidents?|detections?)\b)`, 'gi'), 'only $1 alerts');
  // "Defender for Endpoint, high severity." on a line or in a sentence of its own: that product's alerts (as a bare name
  // its source was dropped while the severity beside it was kept, and the steps ran on every product's incidents).
  text = text.replace(new RegExp(String.raw`(^|\n[ \t]*(?:[-*\u2022>][ \t]*|\d{1,2}[.)][ \t]*)?|[.;!?][ \t]+)(${DEFENDER_PRODUCT})(?=[ \t]*[,:]|[ \t]+(?:the\s+)?sev(?:erity)?\b(?![ \t]+(?:matrix|table|map|mapping|chart|levels?|list|guide)\b))`, 'gi'), (m: string, lead: string, name: string, offset: number, whole: string) =>
    (/^[^\n.;!?]*?\b(?:alerts?|incidents?|detections?)\b/i.test(whole.slice(offset + m.length)) ? m : `${lead}${name} alerts`));
  // "A -> disable + revoke, UNLESS user in grp X -> comment on inc only": X's users get that step instead, and only it (read
  // as "unless" of the comment, the comment went to everyone else and X's users were disabled).
  text = text.replace(/(?:\s*[,;]\s*|\s+)(?:but\s+)?unless\s+([^,;:.>\n]{3,80}?)\s*(?:->|=>|\u2192|:)\s*(?:(?:just|only)\s+)?/gi, '. if $1, just ');
  // "Execs group: nothing, ping me in teams", "-> do nothing but mail X": in that case that step alone (read as a step beside
  // "nothing", the other cases' account steps had still run on that group's users).
  text = text.replace(/((?:->|=>|\u2192|:)\s*)(?:do\s+|take\s+)?(?:nothing|no\s+action)(?:\s+else)?\s*(?:,\s*(?:just\s+|only\s+)?|\s+(?:but|except|other\s+than|besides|apart\s+from)\s+)(?=(?:post|ping|e-?mail|mail|notify|send|tag|comment|assign|add|drop|alert|message|leave\s+a)\b)/gi, '$1just ');
  // "dont touch anything just ping me": what is done instead, after the rule-out.
  text = text.replace(/\b((?:don'?t|dont|do\s+not|never)\s+touch\s+(?:anything|it|them|a\s+thing))\s+(just|only)\s+/gi, '$1, $2 ');
  // "AV detections -> do nothing, AV already remediated": why nothing is done (read as a clause, "AV" had become a scan).
  text = text.replace(/\b(do\s+nothing|nothing|leave\s+(?:it|them)(?:\s+alone)?|skip(?:\s+(?:it|them))?|hands\s+off)\s*(?:,|;|-|\u2013)\s*((?:the\s+)?[\w/ -]{1,30}?\s+(?:has\s+|have\s+)?already\s+(?:[a-z]+ed|done|dealt\s+with|took\s+care\s+of\s+(?:it|them))(?:\s+(?:it|them))?)(?=\s*(?:[.;!\n]|$))/gi, '$1 because $2');
  // "Servers aren't mine so leave those out", "(Entra alerts aren't part of this)", "MDE stuff isn't covered by this, separate
  // rules.", "leave the kiosks out": what the request is not about is left out of it.
  text = text.replace(new RegExp(String.raw`${NOT_OURS_LEAD}(${NOT_OURS_WHAT.replace('|accounts|', '|stuff|accounts|')})\s+(?:aren'?t|are\s+not|isn'?t|is\s+not|ain'?t)\s+(?:mine|ours|my\s+(?:problem|area|team'?s?|call)|part\s+of\s+(?:this|it|these\s+rules)|covered(?:\s+(?:by|in|here)(?:\s+(?:this|these|here))?)?|in\s+scope(?:\s+(?:here|for\s+this))?|handled\s+(?:here|by\s+this))(?:\s*(?:,|;|-|\u2013)?\s*(?:so\s+)?(?:${NOT_OURS_LEFT_ALONE}|(?:those\s+are\s+|that'?s\s+|they\s+have\s+)?(?:separate|different|other)\s+(?:rules?|playbooks?|automation)))?(?=\s*(?:[.;!)\n]|$))`, 'gi'), (_m, lead: string, what: string) => `${lead}exclude ${what}`)
    .replace(/\b(?:leave|keep)\s+((?:the\s+|any\s+|all\s+)?(?:[\w-]+\s+){0,2}?(?:servers?|workstations?|laptops?|desktops?|pcs|macs?|dcs|domain\s+controllers|kiosks?|alerts|incidents|accounts|users))\s+out(?:\s+of\s+(?:it|this|that))?\b/gi, 'exclude $1');
  // "any customer whose incident is tagged X", "a client whose devices are in group Y": an MSSP's customer is named by what
  // their incidents and devices carry; that is the case.
  text = text.replace(/\b(any|every|each|a|the)\s+(?:customer|client|tenant|company|org(?:ani[sz]ation)?)\s+whose\s+(incidents?|alerts?|devices?|machines?|hosts?|users?)\b/gi, (_m, det: string, noun: string) => `${/^(?:a|the)$/i.test(det) ? 'any' : det} ${noun}`);
  // "MDE alerts on Linux:" on a line of its own above the steps, or as a list's first line with no step in it ("1. MDE alerts
  // on macOS, any sev"): the alerts the steps are for, as "For ... :" says them (the line had been left unread). Only a
  // heading that names devices: the other words of one are read as a title's are.
  text = text.replace(/^(\s*(?:[^\n:]{0,80}:[ \t]*\n\s*(?=1[.)]))?(?:(?:1[.)]|[-*\u2022])[ \t]+)?)(?!(?:for|if|when|whenever|on|only|unless|except|trigger)\b)((?:[\w/>=+.-]+[ \t]+){0,6}?(?:alerts?|incidents?|detections?)\b[^:\n]{0,60}?)[ \t]*(?::[ \t]*)?(?=\n)/i, (m: string, lead: string, what: string) =>
    (STEP_VERB.test(what.replace(/\b(?:alerts?|incidents?|detections?)\b/gi, ' ')) || !HEADING_DEVICES.test(what) || (!/:\s*$/.test(m) && !/(?:1[.)]|[-*\u2022])[ \t]+$/.test(lead)) ? m : `${lead.replace(/(?:1[.)]|[-*\u2022])[ \t]+$/, '')}For ${what}:`));
  // "Informational and Low severity endpoint alerts shall not trigger any device action", "Low: no device action": those
  // severities get nothing (read as a kind of alert, the lows had been joined to the trigger and scanned).
  text = text.replace(/(^|[.;!?]\s+|\n\s*)((?:(?:critical|high|medium|low|informational|info)(?:\s*(?:,|\/|\band\b|\bor\b)\s*)?)+(?:\s+sev(?:erity)?)?(?:\s+[\w-]+){0,2}?\s+(?:alerts?|incidents?|detections?|ones))\s+(?:shall|must|should|will|do|does|may|can)\s*(?:not|n'?t)\s+(?:trigger|get|receive|cause|result\s+in|lead\s+to)\s+(?:any(?:thing)?|an?)(?:\s+(?:device|automated|automatic|containment|response|remediation))?(?:\s+(?:actions?|steps?|responses?|remediation))?(?=\s*(?:[.;!\n]|$))/gi, '$1$2 are ignored')
    .replace(/((?:(?:critical|high|medium|low|informational|info)(?:\s*(?:,|\/|\band\b|\bor\b)\s*)?)+(?:\s+sev(?:erity)?)?(?:\s+[\w-]+){0,3}?\s*(?::|->|=>|\u2192))\s*no\s+(?:device|automated|automatic|containment|response)\s+actions?(?=\s*(?:[.;!\n]|$))/gi, '$1 do nothing');
  // "revoke sessions only, no reset", "no pw reset": the reset ruled out, which the "only" before it already says.
  text = text.replace(/(\bonly)\s*,\s*(?:but\s+)?no\s+(?:pw\s+|password\s+)?reset(?:\s+(?:of\s+)?the\s+password)?(?=\s*[.;!\n]|\s*$)/gi, '$1')
    .replace(/\bno\s+(?:pw\s+|password\s+)?reset(?:\s+(?:of\s+)?the\s+password)?(?=\s*[.;,!\n]|\s*$)/gi, 'do not reset the password');
  // A policy's nouns for steps: "shall result in revocation of the user's sessions" (revoke them), "SHALL additionally have
  // application execution restricted" (restrict it), "assessed as malicious by VirusTotal", "with an expiry of 30 days".
  text = text.replace(/\s+(?:shall|must|should|will)\s+result\s+in\s+(?:the\s+)?(revocation|disabling|disablement|deactivation|isolation|containment|blocking|quarantine|restriction)\s+of\s+/gi, (_m, noun: string) => `: ${POLICY_NOUN_VERB[noun.toLowerCase()] ?? noun} `)
    .replace(/(^|[.;]\s+|\n\s*(?:\d+(?:\.\d+)*[.)]?\s+)?)((?:the\s+|all\s+|any\s+)?(?:devices?|endpoints?|machines?|hosts?)\b[^.;:\n]{0,60}?)\s+(?:shall|must|should|will)\s+(additionally\s+|also\s+|instead\s+)?have\s+(?:an?\s+|the\s+|their\s+|its\s+)?(application\s+execution|app\s+execution|code\s+execution|investigation\s+package|(?:quick|full)\s+(?:antivirus\s+|av\s+)?scan)\s+(?:restricted|collected|started|run|performed)\b/gi,
      (_m, lead: string, who: string, more: string | undefined, what: string) => {
        const also = more && !/instead/i.test(more) ? 'also ' : '';
        const step = /execution/i.test(what) ? `restrict app execution on ${who}` : /package/i.test(what) ? `collect an investigation package from ${who}` : `run a ${what} on ${who}`;
        return `${lead}${/instead/i.test(more ?? '') ? 'instead ' : ''}${also}${step}`;
      })
    .replace(/\b(?:is|are)\s+(?:assessed|rated|classified|judged|deemed|considered)\s+(?:as\s+)?malicious\s+by\s+(virustotal|vt)\b/gi, 'is malicious on $1')
    .replace(/\bwith\s+an?\s+expiry\s+of\s+(\d+)\s+days\b/gi, 'for $1 days')
    // "application execution shall be restricted on them instead": restrict it there.
    .replace(/\b(?:the\s+)?(?:application|app|code)\s+execution\s+(?:shall|must|should|will|is\s+to)\s+(also\s+|additionally\s+|instead\s+)?be\s+restricted\b/gi, (_m, more: string | undefined) => `${more ?? ''}restrict app execution`)
    // "Hashes rated malicious by 1 to 4 engines shall be recorded in an incident comment only": for those, the comment.
    .replace(/(^|[.;]\s+|\n\s*)([^.;:\n]{3,100}?)\s+(?:shall|must|should|will|are\s+to|is\s+to)\s+(only\s+)?be\s+(?:recorded|noted|logged|documented|mentioned|reported|written\s+down)\s+(only\s+)?(?:in|as|via|through)\s+(?:an?\s+|the\s+)?(?:incident\s+)?comments?(?:\s+(?:on|to)\s+the\s+incident)?(\s+only)?(?=\s*(?:[.;\n]|$))/gi,
      (_m, lead: string, what: string, ...only: Array<string | undefined>) => {
        // ("The release shall be recorded as a comment": what was done is the comment's subject, not a case.)
        const item = /^\s*(?:\(?[a-z0-9]{1,3}\)|[0-9]{1,2}[.)])?\s*/i.exec(what)?.[0] ?? '';
        const subject = what.slice(item.length).trim();
        const done = /^(?:(?:the|each|every|any|this|that|such|all)\s+)?(?:[\w-]+\s+)?(?:release|action|isolation|block(?:ing)?|step|measure|change|result|outcome|verdict|decision|scan|containment|restriction|revocation|reset)s?$|^(?:it|this|that|they|these)$/i.test(subject);
        return `${lead}${item}${done ? '' : `for ${subject}, `}${only.slice(0, 3).some(Boolean) ? 'just ' : ''}add a comment to the incident`;
      });
  // A second language's order and idiom: "If it is assigned already" (already assigned), "send rather a mail" (instead send
  // a mail), "nothing may happen, only a comment" (do nothing but the comment), "throw all his sessions out" (revoke them),
  // "an alert of medium or higher" (of severity medium or higher).
  text = text.replace(/\b(is|are|was|were)\s+(assigned|resolved|closed|isolated|tagged|classified)\s+already\b/gi, '$1 already $2')
    .replace(/\b(send|post|email|mail|assign|run|collect|isolate|block|make|put|add)\s+rather\s+/gi, 'instead $1 ')
    .replace(/\bnothing\s+(?:may|must|should|shall|can|will)\s+(?:happen|be\s+done)\b/gi, 'do nothing')
    .replace(/\bthrow\s+(?:all\s+)?((?:his|her|their|the\s+user'?s?)\s+)?sessions?\s+out\b/gi, (_m, whose: string | undefined) => `revoke ${whose ?? 'the '}sessions`)
    .replace(/\b(alerts?|incidents?)\s+of\s+(critical|high|medium|low|informational)\s+or\s+(higher|above|more)\b/gi, '$1 of severity $2 or higher');
  // "only block the IP, 7 days", "block hash tenant wide, expire in 14d": how long the block lasts.
  text = text.replace(/(\bblock\b[^.;:\n]{0,50}?)\s*,\s*(?:expire\s+(?:in|after)\s+)?(\d+)\s*(?:d|days?)\b(?=\s*(?:[.;\n]|$))/gi, '$1 for $2 days');
  // "VT on file hashes.", "virustotal for the urls": the lookup, said as a line of its own.
  text = text.replace(/(^|[.;:!\n]\s*)(?:vt|virustotal)\s+(?:on|for|lookup\s+(?:on|of)|check\s+(?:on|of))\s+(?:the\s+|all\s+|every\s+)?(file\s+hash(?:es)?|hash(?:es)?|files|ips?|ip\s+addresses|urls?|domains?)\s*(?=[.;\n]|$)/gim, '$1look up the $2 on VirusTotal');
  // A Romance language's subject left out ("If has less"), its "eventually" (possibly) before a case, its bracket saying who
  // a group is ("(are the directors)"), and "not touch" without its "do".
  text = text.replace(/\b(if|when)\s+(has|have|is|are)\s+(?=(?:less|more|fewer|under|over|below|above|no|not|any|only|clean|malicious)\b)/gi, '$1 it $2 ')
    .replace(/(^|[.;!?]\s+)eventually\s*,?\s+(?=if\b|when\b)/gi, '$1')
    // "If has less, only add a comment": below the count just named, the other branch.
    .replace(/(^|[.;!?]\s+)if\s+(?:it\s+)?(?:has|have|gets?|is|are)\s+(?:less|fewer|lower)(?:\s+than\s+(?:that|this))?\s*,/gi, '$1otherwise,')
    .replace(/\bincidences\b/gi, 'incidents').replace(/\bincidence\b/gi, 'incident')
    // (Only a bracket of a word or two after "are the": "(they are the ones named kio-)" names devices, and stays.)
    .replace(/\s*\((?:are|is)\s+(?:the|our)\s+(?!(?:ones?|named|tagged|called|only|not)\b)[a-z]+(?:\s+(?!(?:named|tagged|called|in|with|only|not)\b)[a-z]+)?\)/gi, '')
    .replace(/(^|[.;:]\s*|\band\s+)not\s+(touch|isolate|disable|block|reset|revoke|close)\b(?!\s+(?:nothing|nobody|no\s+one)\b)/gi, '$1do not $2');
  // "revoke the sessions, unless the user is in X, in this case only send a mail": "this case" is the exception just
  // named, said again as the case of what follows (read as it stood, the revoke ran on X and the mail went elsewhere).
  text = text.replace(/\b(?:unless|exc?ept\s+(?:if|when))\s+((?:[^,.;!?\n]|\.(?=\w)){3,120}?)\s*[,.;]\s*(?:in\s+(?:this|that|which|such\s+an?|these|those)\s+cases?|in\s+that\s+event|if\s+so)\s*,?\s*/gi, (_m, cond: string) => `unless ${cond}. If ${cond}, `);
  // An incident's owner said as who picked it up ("nobody has picked up yet", "if somebody already owns it"), the channel
  // told ("let the channel know"), a source that "signals" an alert, and urgency said to the bot ("dont wait for me").
  // "new incidents that nobody's picked up yet": incidents with no owner.
  text = text.replace(/\b(that|which)\s+(?:nobody|no\s+one|noone|no-one)(?:'s|s|\s+has|\s+have)?\s+(?:picked\s+up|taken|grabbed|claimed)(?:\s+yet)?\b/gi, '$1 are unassigned')
    .replace(/\b(?:nobody|no\s+one|noone)(?:\s+has|'s|s)\s+(?:picked\s+(?:it\s+)?up|taken\s+it|grabbed\s+it|claimed\s+it|got(?:ten)?\s+it)(?:\s+yet)?\b/gi, 'it is unassigned')
    .replace(/\b(?:somebody|someone|anybody|anyone)(?:'s|s)?\s+(?:already\s+)?(?:owns|has\s+picked\s+up|has\s+taken|has\s+claimed|(?:has\s+)?got(?:ten)?)\s+it(?:\s+already)?\b/gi, 'it is already assigned')
    .replace(/\blet\s+the\s+(?:teams\s+)?channel\s+know\b/gi, 'post to the teams channel')
    .replace(/\b(identity\s+protection|defender(?:\s+for\s+[\w ]+?)?|mde|mdi|mdo|mdca|entra(?:\s+id)?)\s+signals\b/gi, '$1 raises')
    .replace(/[,.;]?\s*\b(?:dont|don't|do\s+not)\s+wait\s+for\s+(?:me|us|approval|anyone|a\s+human)\b/gi, '')
    // "if someone already owns it pls dont change it": leave it alone.
    .replace(/(\b(?:if|when)\s+(?:it\s+is|its|it'?s|they\s+are|they'?re)\s+already\s+assigned\s*,?\s*(?:then\s+)?)(?:pls\s+|please\s+|just\s+)*(?:dont|don'?t|do\s+not)\s+(?:change|touch|modify|update|reassign|overwrite)\s+(?:it|them|anything|the\s+incident)(?=\s*(?:[.;!?,]|$))/gi, '$1leave it alone')
    // "if its already assigned leave it alone, dont overwrite the owner": the owner kept, said again.
    .replace(/\b(leave\s+(?:it|them)\s+alone|do\s+nothing|skip\s+(?:it|them))\s*[,;-]\s*(?:and\s+)?(?:do\s+not|don'?t|dont|never)\s+(?:overwrite|replace|change|override|touch|reassign)\s+(?:the\s+|its\s+|their\s+)?(?:owner|assignee|assignment|assigned\s+(?:user|analyst|person))\b/gi, '$1');
  // "If he is not member, ...": not in the user group the request named last before it (never a device group; with no
  // group named before, the words stay, and Rampart asks).
  text = text.replace(/\b(if|when|unless)\s+(?:he|she|they|the\s+user|the\s+account)\s+(is|are|isn'?t|aren'?t)\s+(not\s+)?(?:an?\s+)?members?(?:\s+of\s+(?:it|that\s+group|this\s+group|the\s+group))?\b(?!\s+of\s+(?!(?:it|that|this|the\s+group)\b))/gi, (m: string, lead: string, verb: string, not: string | undefined, at: number, whole: string) => {
    const groups = [...whole.slice(0, at).matchAll(/\b(?:in|of)\s+the\s+(?:group\s+)?["'\u2018\u201c]?([\w&.-]+)["'\u2019\u201d]?(?:\s+group)?\b/gi)].filter((g) => /group/i.test(g[0]) && !/\b(?:device|machine|rbac)\s+group\b/i.test(g[0]));
    const group = groups.length ? groups[groups.length - 1][1] : undefined;
    if (!group) return m;
    const negated = Boolean(not) || /n'?t$/i.test(verb);
    return `${lead} the user is ${negated ? 'not ' : ''}in the '${group}' group`;
  })
    // "MDO incidents tagged AttackSim are our simulation training -> resolve them": what they are says why; the arrow says what
    // they get (never when the words name a case: "are high severity", "are not ...").
    .replace(/\b((?:incidents?|alerts?)\s+tagged\s+["'\u2018\u201c]?[\w-]+["'\u2019\u201d]?)\s+(?:are|is)\s+((?:our|the|just|only|all)\s+)?([a-z][\w -]{2,40}?)\s*(->|=>|:)\s*/gi, (m: string, which: string, _det: string | undefined, what: string, arrow: string) => (/\b(?:critical|high|medium|low|informational|not|no|never|only|if|when|servers?|workstations?|tagged|from|in|on|with)\b/i.test(what) ? m : `${which} ${arrow} `))
    // "incidents tagged drill are exercises, dont touch those": never touch them (what they are says why).
    .replace(/\b((?:incidents?|alerts?|devices?|machines?|hosts?|boxes|anything)\s+(?:tagged\s+["'\u2018\u201c]?[\w-]+["'\u2019\u201d]?|in\s+the\s+["'\u2018\u201c]?[\w-]+["'\u2019\u201d]?\s+(?:device\s+)?group))\s+(?:are|is)\s+(?:an?\s+|our\s+|the\s+)?[\w -]{2,40}?\s*[,.;:]\s*(?:so\s+)?(?:dont|don'?t|do\s+not|never)\s+touch\s+(?:those|them|these|it)(?:\s+(?:hosts|ones|devices|machines|incidents))?\b/gi, 'never touch $1')
    // "under 5 dont block anything, just drop a comment": the band below, and what it gets alone.
    .replace(/\b(under|below|less\s+than|fewer\s+than)\s+(\d+)\s*,?\s*(?:dont|don'?t|do\s+not|no)\s+(?:block|blocking)(?:\s+(?:anything|it|them))?\s*,\s*(?=(?:just|only)\s)/gi, '$1 $2: ');
  // "nobodys assigned": the apostrophe a chat drops.
  text = text.replace(/\b(nobody|noone|anybody|somebody|someone|anyone|everybody|everyone)s\b/gi, "$1's");
  // "BKR-SRV-* never isolate", "isolate any web-* (not db-*)": a name pattern said without a noun names devices.
  text = text.replace(/(^|[.;:!?(]\s*|\n\s*(?:[-*\u2022]\s*)?|\b(?:on|any|for|isolate|scan|except|excluding|all|every|not)\s+)((?:[a-z0-9]+[.-])+\*|[a-z0-9][\w.-]*\*[\w.-]*)(?=\s*(?:->|:|,|\)|\bnever\b|\bdont\b|\bdon'?t\b|\bdo\s+not\b|\bgets?\b|[.;](?:\s|$)|$))/gim, '$1$2 devices');
  // "selective isolation so the agents still have Outlook and Teams": the apps they keep, never a post to Teams.
  text = text.replace(/\b((?:have|keep|use|using|access\s+to|reach|working)\s+(?:their\s+|the\s+)?)(outlook|office|e-?mail)\s*(?:and|&|\+|,)\s*teams\b(?!\s+(?:channel|chat|post|message|ping))/gi, '$1$2');
  // "For Low or Informational alerts just the email, no isolation.": that step alone, said as a noun (before a "no
  // isolation" is read as an instruction of its own).
  text = text.replace(/\b(just|only)\s+(?:the\s+|an?\s+)?(?:e-?mail|mail)(?:\s+to\s+(?:her|him|them))?\s*(?:,\s*(?:but\s+)?(?:no|not\s+the)\s+(?:isolation|block|blocking|scan|quarantine|restriction|containment)\b)?(?=\s*[.;!\n]|\s*$)/gi, '$1 send the email');
  // "Only the hashes ok, ...": only those (the "ok" says they may be blocked); "never block IPs nor URLs": after a
  // negation, "nor" is "or". (Before the IOC kinds left out are read.)
  text = text.replace(/\b(only\s+(?:the\s+)?(?:file\s+)?(?:hash(?:es)?|ips?|urls?|domains?))\s+(?:are\s+)?(?:ok|okay|fine)\b/gi, '$1')
    .replace(/\b(never|not|no|don'?t|dont|n[aã]o|nunca)\b([^.;\n]{1,60}?)\bnor\b/gi, '$1$2or');
  // "whenever an alert fires on a Crown-Jewels device, post to Teams; if it is also High, isolate it": the case said "also"
  // is the case before and more (read alone, every High alert's device was isolated).
  text = text.replace(/(^|[.;!?]\s+|\n\s*|,\s*(?:so|and)\s+)((?:whenever|when|if)\s+(?:[^,;.\n]|\.(?=\w)){3,160}?)\s*,\s*((?:[^.;\n]|\.(?=\w)){3,240}?)\s*([.;]\s*)(?:and\s+|but\s+)?if\s+(?:it|this|that|the\s+(?:alert|incident|device|severity))\s+is\s+also\s+([^,;.\n]{2,60}?)\s*,\s*/gi, (_m, lead: string, cond: string, steps: string, stop: string, more: string) => `${lead}${cond}, ${steps}${stop}${cond} and it is ${more}, `);
  // "The red team infra is tagged RT-Infra in MDE; never action those, just tag the incident", "Devices in the Purple-Lab
  // device group are our detonation hosts; for those only leave a comment": devices defined, then what they get. ("...,
  // ignore them completely" is left as said: a post or a tag would still run on their alerts.)
  text = text.replace(/(^|[.;!?]\s+|\n\s*)(?:the\s+|our\s+|any\s+|all\s+)?(?:[\w-]+\s+){0,3}?(?:devices?|machines?|hosts?|boxes|infra(?:structure)?|endpoints?|servers?|laptops?)\s+(?:is|are)\s+(?:the\s+ones\s+)?(tagged\s+["']?[\w.-]+["']?|named\s+[\w*.-]+|in\s+the\s+["']?[\w.&-]+["']?\s+device\s+group)(?:\s+in\s+(?:mde|defender(?:\s+for\s+endpoint)?))?(?:\s*,?\s*(?:they\s+are\s+|those\s+are\s+|which\s+are\s+)?(?:our|the)\s+[\w\s-]{2,40}?)?\s*[;,.:]\s*((?:never|don'?t|do\s+not)\s+(?:action|touch|act\s+on)\s+(?:those|them|these)\s*,\s*(?=just\b|only\b)|(?:and\s+)?for\s+(?:those|them|these)\s*,?\s*)/gi, (_m, lead: string, which: string) => `${lead}for devices ${which}, `)
    .replace(/(^|[.;!?]\s+|\n\s*)(?:the\s+|our\s+|any\s+|all\s+)?(?:devices?|machines?|hosts?|boxes|endpoints?)\s+(tagged\s+["']?[\w.-]+["']?|named\s+[\w*.-]+|in\s+the\s+["']?[\w.&-]+["']?\s+device\s+group)\s+are\s+(?:our|the)\s+[\w\s-]{2,40}?\s*[;,.:]\s*((?:never|don'?t|do\s+not)\s+(?:action|touch|act\s+on)\s+(?:those|them|these)\s*,\s*(?=just\b|only\b)|(?:and\s+)?for\s+(?:those|them|these)\s*,?\s*)/gi, (_m, lead: string, which: string) => `${lead}for devices ${which}, `)
    // "T1218 (signed binary proxy exec: mshta / rundll32)": the bracket says what the technique is; "(T1021.002 /
    // T1569.002: PsExec, remote service creation)": the techniques, and what they are.
    .replace(/\b(T\d{4}(?:\.\d{3})?)\s*\((?![^()]*\bT\d{4})[^()]{3,160}\)/g, '$1')
    .replace(/\(\s*(T\d{4}(?:\.\d{3})?(?:\s*(?:\/|,|or|and)\s*T\d{4}(?:\.\d{3})?)*)\s*:\s*[^()]{3,120}\)/g, (_m, ids: string) => `(${ids.split(/\s*(?:\/|,|or|and)\s*/).join(' or ')})`)
    // "from the purple sprint", "from the Atomic Red Team run this morning": where the rule comes from.
    .replace(/\s+from\s+the\s+(?:[\w-]+\s+){0,3}(?:sprint|exercise|tabletop|engagement)\b/gi, '')
    // "T1218.", "Lateral movement rule (T1021.002 or T1569.002).": a heading that names techniques is the alerts the steps
    // after it are for.
    .replace(/(^|[.!?]\s+|\n\s*)(?:(?:[A-Za-z][\w-]*\s+){0,4}?(?:rule|follow-up|followup|playbook|detections?|alerts?)\s*)?\(?\s*(T\d{4}(?:\.\d{3})?(?:\s*(?:or|\/|,)\s*T\d{4}(?:\.\d{3})?)*)\s*\)?\s*[.:]\s+(?=\S)/g, (_m, lead: string, ids: string) => `${lead}On ${ids.split(/\s*(?:or|\/|,)\s*/).join(' or ')} alerts, `)
    // "Real devices: quick scan": the devices left, after the ones skipped.
    // "Exception: accounts in PurpleTeam-Operators": those accounts are left out.
    // "Exception: anything in the Malware-Lab device group - add a comment and do nothing else", "Except for devices tagged
    // lab: only post in Teams": the case named as the exception gets the steps said after it, and those alone (read as
    // "add a comment except there", the comment went everywhere else and the restriction ran on the lab).
    .replace(new RegExp(String.raw`(^|[.;!?]\s+|\n\s*(?:[-*\u2022]|\d+[.)])?\s*)(exceptions?\s*:\s*|except(?:\s+for)?\s+)((?:[^.;:!?\n]|\.(?=\w)){3,90}?)\s*(?::|\s[-\u2013\u2014]\s|->|\u2192)\s*(?:(only|just)\s+)?(?=(?:${ACTION_VERB}|add|comment|tag|post|send|mail|email|notify|collect|run|kick|put|drop|ping|leave)\b)([^.;!?\n]*)`, 'gi'), (m: string, lead: string, cue: string, scope: string, only: string | undefined, rest: string) =>
      (/^exception/i.test(cue) || only || /\b(?:nothing|no)\s+(?:else|other|more)\b/i.test(rest)) && !/^(?:that|this|it|when|if|where)\b/i.test(scope.trim()) ? `${lead}For ${scope.trim()}, only ${rest}` : m)
    .replace(/\bexceptions?\s*(?:\(\s*[A-Z]{1,8}-?\d[\w.-]*\s*\)\s*)?:\s*((?:the\s+)?(?:accounts?|users?|members))\s+(?:in|of)\s+(?:the\s+)?(?:group\s+(?=["'\u2018\u201c]|[\w.&-]+(?:\s*[.;,)]|\s*$)))?["'\u2018\u201c]?([\w.&-]*[\w&-])["'\u2019\u201d]?(?:\s+group)?(?:\s*\((?:that'?s|they'?re|those\s+are)\s+[^()]{1,30}\))?/gi, "except $1 in the '$2' group");
  // "on T1218 alerts skip devices named pt-*. quick scan ...": the devices left out of every step, said first (read as a
  // case, the steps had run on those devices of the other alerts).
  text = text.replace(/(^|[.;!?]\s+|\n\s*)((?:on|for)\s+[^,.;:\n]{2,60}?\s+(?:alerts?|incidents?|detections?))\s*,?\s+(skip|ignore|exclude)\s+((?:the\s+|any\s+|all\s+)?(?:devices?|machines?|hosts?|boxes|endpoints?|accounts?|users?)\s+[^.;\n]{2,60}?)\s*([.;])\s+(?=\S)/gi, (_m, lead: string, on: string, verb: string, what: string, stop: string) => `${lead}${verb} ${what}${stop} ${on}, `);
  // "...; and if the alert is High, isolate selectively as well": a case said with "as well" / "too" after steps is the
  // case before and more, too.
  text = text.replace(/(^|[.;!?]\s+|\n\s*|,\s*(?:so|and)\s+)((?:whenever|when|if)\s+(?:[^,;.\n]|\.(?=\w)){3,160}?|(?:on|for)\s+(?:[^,;.:\n]|\.(?=\w)){2,80}?\b(?:alerts?|incidents?|detections?))\s*[,:]?\s+((?:[^.;\n]|\.(?=\w)){3,240}?)\s*([.;]\s*)(?:and\s+|but\s+)?if\s+(?:it|this|that|the\s+(?:alert|incident|device|severity))\s+is\s+([^,;.\n]{2,60}?)\s*,\s*((?:[^.;\n]|\.(?=\w)){3,160}?)\s+(?:as\s+well|too)\b/gi, (m: string, lead: string, cond: string, steps: string, stop: string, more: string, then: string) =>
    /\balso\b/i.test(more) ? m : /^(?:on|for)\s/i.test(cond) ? `${lead}${cond}, ${steps}${stop}${cond}, if it is ${more}, ${then}` : `${lead}${cond}, ${steps}${stop}${cond} and it is ${more}, ${then}`);
  // A policy's wording: "whose title makes reference to 'X'" mentions it; "bearing the tag X" is tagged X (and "not
  // bearing that tag", the tag named before); "Network indicators, namely IP addresses, URLs and domains, shall not be
  // blocked" rules those kinds out; "for those members" are the members of the group named before.
  text = text.replace(/\bmakes?\s+(?:a\s+)?reference\s+to\b/gi, 'mentions')
    // "if an alert title references CVE-2023-23397", "the title refers to X": mentions it.
    .replace(/\b(title|name)\s+(?:references|refers\s+to|cites|calls\s+out)\b/gi, '$1 mentions')
    .replace(/\bnot\s+bearing\s+(?:that|this|the\s+same)\s+tag\b/gi, (m: string, at: number, whole: string) => {
      const tag = [...whole.slice(0, at).matchAll(/\bbearing\s+(?:the\s+)?tag\s+(["'\u2018\u201c]?[\w.-]+["'\u2019\u201d]?)/gi)].pop();
      return tag ? `not tagged ${tag[1]}` : m;
    })
    .replace(/\bbearing\s+(?:the\s+)?tag\s+/gi, 'tagged ')
    // "If it does not have the tag, leave it isolated": not tagged with the tag named before; left as it is.
    .replace(/\b(?:does\s+not|doesn'?t|do\s+not|don'?t|not)\s+(?:have|has|carry|carries)\s+(?:that|this|the)\s+tag\b/gi, (m: string, at: number, whole: string) => {
      const tag = [...whole.slice(0, at).matchAll(/\b(?:tagged|(?:the\s+)?tag)\s+(["'\u2018\u201c]?[\w.-]+["'\u2019\u201d]?)/gi)].filter((x) => !/^(?:is|are|and|or|the|that|this)$/i.test(x[1])).pop();
      return tag ? `is not tagged ${tag[1]}` : m;
    })
    // ("please keep the isolation and do not release" too: one rule for both wordings.)
    .replace(/\b(?:please\s+)?(?:leave|let|keep)\s+(?:the\s+isolation|(it|them|the\s+(?:devices?|machines?|hosts?|box(?:es)?))\s+(?:isolated|in\s+isolation|contained))(?:\s*(?:,|and)\s*(?:please\s+)?(?:do\s+not|don'?t|dont|never)\s+release(?:\s+(?:it|them|the\s+devices?))?)?\b(?=\s*(?:[.;,!\n]|$))/gi, (_m, what: string | undefined) => `leave ${what ?? 'it'} alone`)
    .replace(/\b(?:network\s+)?(?:indicators?|iocs?)\s*,?\s*namely\s+((?:ip\s+addresses|ips|urls|domains|(?:file\s+)?hashes)(?:\s*(?:,|and|or)\s*(?:ip\s+addresses|ips|urls|domains|(?:file\s+)?hashes))*)\s*,?\s+shall\s+(?:not|never)\s+be\s+blocked\b(?:\s+under\s+(?:this|the)\s+(?:automation|playbook|policy))?(?:\s+under\s+any\s+circumstances?)?/gi, (_m, kinds: string) => `never block the ${kinds.replace(/\bip\s+addresses\b/gi, 'ips').replace(/\s*,\s*(?:and\s+|or\s+)?|\s+and\s+/g, ' or ')}`)
    // "Incidents not bearing that tag shall not be modified by this automation": the other side of the case gets nothing.
    .replace(/(^|[.;]\s+)(?:incidents?|alerts?)\s+not\s+(?:bearing\s+(?:that|this|the\s+same)\s+tag|tagged\s+["'\u2018\u201c]?[\w.-]+["'\u2019\u201d]?)\s+(?:shall|will|are\s+to|must)\s+not\s+be\s+(?:modified|touched|changed|acted\s+(?:up)?on)(?:\s+by\s+this\s+(?:automation|playbook|policy))?(?:\s+in\s+any\s+(?:way|respect))?\s*(?=[.;\n]|$)/gi, '$1otherwise do nothing')
    // "..., with the exception of members of the 'X' group, whose accounts shall remain enabled": what the exception says.
    .replace(/(\bmembers\s+of\s+(?:the\s+)?["'\u2018\u201c][^"'\u2019\u201d]{1,40}["'\u2019\u201d]\s+group)\s*,\s*whose\s+accounts?\s+(?:shall|will|must|are\s+to)\s+remain\s+(?:enabled|active|untouched)/gi, '$1')
    // "raised ... concerning a user account": every such alert names one.
    .replace(/\s+concerning\s+(?:a|the)\s+user(?:\s+account)?\b/gi, '')
    .replace(/\bfor\s+(?:those|these|such)\s+members\b/gi, (m: string, at: number, whole: string) => {
      const g = groupNamedBefore(whole.slice(0, at));
      return g ? `for members of the ${g} group` : m;
    });
  // "é da Diretoria (group Diretoria)", "in Finance (the Finance group)": a bracket that names the group of the word before.
  text = text.replace(/\b([A-Z][\w.&-]+)\s*\(\s*(?:the\s+)?(?:group|grupo|grp)\s+["'\u2018\u201c]?([\w.&-]+)["'\u2019\u201d]?\s*\)|\b([A-Z][\w.&-]+)\s*\(\s*(?:the\s+)?["'\u2018\u201c]?([\w.&-]+)["'\u2019\u201d]?\s+(?:group|grupo|grp)\s*\)/g, (m: string, a?: string, b?: string, c?: string, d?: string) => ((a && a === b) || (c && c === d) ? `the '${a ?? c}' group` : m));
  // "all other high ones w/ a nasty hash -> quarantine": the other case, as its own heading (an arrow reads as "if").
  text = text.replace(/((?:^|[.;!?]\s+|\n\s*(?:[-*\u2022]|\d+[.)])?\s*)(?:all|every|any)\s+other\s+[^.;:\n]{1,80}?)\s*(?:->|\u2192|=>)\s*/gi, '$1: ');
  // "- none malicious:" as a case of a list: if none of them is.
  text = text.replace(/(^|\n)([ \t]*(?:[-*\u2022][ \t]*|\d+[.)][ \t]*)?)none\s+(?:(?:is|are)\s+)?(malicious|bad|flagged)\b/gi, '$1$2if none are $3');
  text = nestedCases(indicatorNotes(chatSlang(dictated(formalInstruction(chatMarkdown(text))))));
  // "never isolate a server, unless you like weekend calls from the app team": a joke after a rule-out is why,
  // never a case (only after "never", "don't" or "no" in the same sentence).
  text = text.replace(/(\b(?:never|do\s+not|don'?t|dont|no)\b[^.;!?\n]*?),?\s+unless\s+(?:you|u|ya|ye|we)\s+(?:really\s+)?(?:enjoy|like|love|want|fancy|feel\s+like|are\s+keen\s+on)\s+[^.;!?\n]*/gi, '$1');
  // "If an incident is high, contain the host. Also kick off a full scan on it.": the step said "also" of the same host is in the
  // same case (read as a sentence of its own, the scan ran whatever the severity).
  text = text.replace(/((?:^|[.;!?]\s+|\n\s*)(?:when(?:ever)?|if|for|on)\b[^.;!?\n]*?)\.\s+(?:also|and\s+also|additionally|plus)\s*,?\s+(?=[^.;!?\n]*\b(?:it|them|that\s+(?:machine|device|box|host|laptop|user|account)|the\s+same\s+(?:machine|device|box|host|laptop|user|account))\b)(?![^.;!?\n]*\b(?:when(?:ever)?|if|unless|for\s+(?:all|every|any))\b)/gi, '$1, and also ');
  // "T1110 aka brute force": the technique's name said again.
  text = text.replace(/\b(T\d{4}(?:\.\d{3})?)\s+(?:aka|a\.k\.a\.?|also\s+known\s+as)\s+[\w-]+(?:\s+[\w-]+)?(?=\s*(?:->|[-:,.;)]|$))/gi, '$1');
  // "never isolate a server no matter the technique": the rule-out, said with emphasis.
  text = text.replace(/(\b(?:never|do\s+not|don'?t|dont)\b[^.;!?\n]*?),?\s+(?:no\s+matter\s+(?:the|what|which)|regardless\s+of\s+(?:the\s+)?)\s*(?:technique|severity|sev|alert|source|category|product|ttp|score|verdict|count|result|vt\s+score)s?\b/gi, '$1');
  // "collect there instead": the package, on those devices.
  text = text.replace(/\b(collect|grab|pull)\s+(there|on\s+(?:it|them|those|these))\s+instead\b/gi, '$1 an investigation package $2 instead');
  // "never isolate a server. run a full scan there instead": "there" is on the devices just left out.
  text = text.replace(/(\b(?:never|do\s+not|don'?t|dont)\s+(?:isolate|contain|restrict\s+app\s+execution\s+on|quarantine\s+files\s+on)\s+(?:a\s+|an\s+|the\s+|any\s+)?(domain\s+controllers?|dcs?|servers?|workstations?)\b[^.;!?\n]*[.;]\s*)((?:collect|run|scan|restrict|post|ping|email|tag|add)\b[^.;!?\n]*?)\s+(?:there|on\s+(?:it|them|those|these))\s+instead\b/gi, (_m, said: string, kind: string, step: string) => `${said}for ${/^(?:dcs?|domain)/i.test(kind) ? 'domain controllers' : kind.toLowerCase().replace(/s?$/, 's')}, ${step} instead`);
  // "every URL that VirusTotal counts 4 or more engines on": flags on that many engines.
  text = text.replace(/\b(virustotal|vt)\s+(?:counts?|counted|shows?|gives?|reports?)\s+(\d+\s*(?:\+|or\s+more)?)\s+(engines?|vendors?|detections?)(?:\s+(?:as\s+)?malicious)?(?:\s+on(?=\s+(?:gets?|is|are)\b))?\b/gi, '$1 flags on $2 $3')
    // "tell us which in the Teams channel": a post there.
    .replace(/\b(?:say|tell\s+(?:us|me|them))\s+((?:which|what|who)\b[^.;!?\n]{0,40}?\s+)?(in|on|to)\s+(the\s+(?:soc\s+)?teams(?:\s+channel)?|teams)\b/gi, (_m, what: string | undefined, prep: string, where: string) => `post ${what ?? ''}${prep} ${where}`);
  // "never disable users in the 'X' group; for those, just assign the incident to Y": "those" are that group's users or
  // devices.
  text = text.replace(/(\b(users?|accounts?|devices?|machines?|hosts?|box(?:es)?|laptops?|servers?|workstations?)\s+in\s+the\s+(["'\u2018\u201c][^"'\u2019\u201d\n]{1,60}["'\u2019\u201d])\s+(device\s+)?group\b[^.;:\n]*?)\s*[.;]\s*(?:and\s+)?for\s+(?:those|them|these)(?:\s+(?:ones|accounts|users|devices|machines))?\s*,\s*/gi, (_m, said: string, noun: string, name: string, device: string | undefined) => `${said}. For ${/^(?:users?|accounts?)$/i.test(noun) ? 'users' : 'devices'} in the ${name} ${device ?? ''}group, `);
  text = text.replace(NEGATED_OR_LIST, (_m, not: string, list: string) => {
    const items = list.split(NEGATED_LIST_ITEM).map((x) => x.trim()).filter(Boolean);
    return `${not} ${items.slice(0, -1).join(`, ${not} `)} and ${not} ${items[items.length - 1]}`;
  });
  // A careful writer's connectives: "However, please do not ..." is "but"; "After that, kindly post ..." is "then".
  text = text.replace(/(^|[.;!?]\s+|\n\s*)however\s*,\s*/gi, (_m, lead: string) => `${lead}${lead.trim() || !lead ? 'But ' : 'but '}`)
    .replace(/(^|[.;!?]\s+|\n\s*)(?:after\s+(?:that|this)|afterwards|after\s+which|following\s+that|once\s+(?:that|this)\s+is\s+done)\s*,\s*/gi, (_m, lead: string) => `${lead}Then `)
    // "the VirusTotal result is less than 5", "the VT detection count for the hash is 10 or more", and after VirusTotal was
    // named, "when the count is between 1 and 9", "when it is 0": engines VirusTotal has.
    .replace(/\b(the\s+)?((?:virustotal|vt)\s+)?(?:(?:detection|malicious|engine)\s+)?(?:result|score|count|number|verdict|detections?)(?:\s+count)?(?:\s+(?:for|of|on)\s+(?:the\s+|that\s+|this\s+)?([\w-]+(?:\s+hash)?)(?:\s+in\s+the\s+(?:alert|incident))?)?\s+is\s+(?:(less\s+than|fewer\s+than|under|below|lower\s+than|more\s+than|over|above|greater\s+than|at\s+least)\s*(\d+)|(\d+)(\s+or\s+(?:more|higher|above|less|lower|fewer))?|between\s+(\d+)\s+and\s+(\d+)|(0|zero))\b/gi, (m: string, the: string | undefined, vt: string | undefined, what: string | undefined, how: string | undefined, n1: string | undefined, n2: string | undefined, orMore: string | undefined, lo: string | undefined, hi: string | undefined, zero: string | undefined, offset: number, whole: string) => {
      if (!vt && (!the || !/\b(?:virustotal|vt)\b/i.test(whole.slice(0, offset)))) return m;
      const subject = what ? `the ${what.toLowerCase()} ` : '';
      if (zero) return `${subject}VirusTotal has 0 engines`;
      if (lo && hi) return `${subject}VirusTotal has between ${lo} and ${hi} engines`;
      const n = n1 ?? n2 ?? '';
      if (how && /less|fewer|under|below|lower/i.test(how)) return `${subject}has fewer than ${n} VirusTotal engines`;
      if (how && /more|over|above|greater/i.test(how)) return `${subject}has more than ${n} VirusTotal engines`;
      if (/less|lower|fewer/i.test(orMore ?? '')) return `${subject}has ${n} or fewer VirusTotal engines`;
      return `${subject}has ${n} or more VirusTotal engines`;
    })
    // "Isolation is not needed, please do not isolate": no isolation.
    .replace(/\b(isolation|containment|an?\s+(?:full\s+|quick\s+)?scan|blocking|a\s+block|app\s+restriction|quarantine|a\s+password\s+reset|disabling(?:\s+the\s+account)?)\s+is\s+not\s+(?:needed|required|necessary|wanted)\b/gi, (_m, what: string) => `no ${what.replace(/^an?\s+/i, '')}`)
    // "Sign-in risk alerts": Identity Protection's risky sign-ins.
    .replace(/\bsign-?in\s+risk\s+(alerts?|detections?|incidents?|events?)\b/gi, 'risky sign-in $1');
  // A careful writer's framing: "This is only for Windows 11 devices, not servers." is a scope; "About incidents with the
  // tag 'x', ..." is "For incidents tagged 'x', ..."; "I would like to request an automation for Linux servers." names the
  // devices the request is for.
  text = text.replace(/(^|[.;!?]\s+|\n\s*)(?:this|that|it)\s+(?:is|applies|should\s+apply|must\s+apply)\s+only\s+(?:for|to)\s+/gi, '$1Only for ')
    .replace(/(^|[.;!?]\s+|\n\s*)(?:excuse\s+me\s*,?\s*)?(?:about|regarding|concerning|as\s+for)\s+((?:the\s+)?(?:incidents?|alerts?|devices?|machines?|users?|accounts?)\b[^,.;:!?\n]{0,80}?)\s*,\s*/gi, (_m, lead: string, what: string) => `${lead}For ${what.replace(/^the\s+/i, '')}, `)
    .replace(/(^|[.;!?]\s+|\n\s*)(?:please\s*,?\s*)?(?:i|we)\s+(?:would\s+like|want|wish|'d\s+like)\s+to\s+(?:request|ask\s+for|ask)\s+(?:you\s+)?(?:for\s+)?(?:an?|one|the)\s+(?:new\s+)?(?:automation|playbook|rule|automated\s+response)\s+(for\s+[^.;:!?\n]{2,60}?)\s*[.:]\s+/gi, (_m, lead: string, forWhat: string) => `${lead}${forWhat.replace(/^f/, 'F')}: `)
  // "For incidents tagged 'vip', do NOT isolate anything. For the other incidents with ..., isolate and block": the other
  // incidents are those without the tag, for every step said for them (only the isolation had been spared the tag).
  text = text.replace(/(^|[.;!?]\s+|\n\s*)for\s+(?:the\s+|all\s+)?(?:other|remaining)\s+incidents\b/gi, (m: string, lead: string, offset: number, whole: string) => {
    const tag = [...whole.slice(0, offset).matchAll(/\b(?:for|about|on)\s+(?:the\s+|any\s+|all\s+)?incidents\s+(?:tagged|with\s+the\s+tag)\s+(["'\u2018\u201c]?[\w.-]*[\w-]["'\u2019\u201d]?)/gi)].pop();
    return tag ? `${lead}For incidents not tagged ${tag[1]}` : m;
  });
  // "a Linux box in group Web": a device in that device group (read after "box", it was taken for the users' group).
  text = text.replace(/\bbox\b(?=\s+(?:in|from|of)\s+(?:the\s+)?(?:(?:device\s+|machine\s+|rbac\s+)?group\b|["'\u2018\u201c]?[\w.&-]+(?:\s+[\w.&-]+){0,3}?["'\u2019\u201d]?\s+(?:device\s+|machine\s+|rbac\s+)?group\b))/gi, 'device');
  // "Only for Windows 11 devices": only on those devices (read with "for", it narrowed the last step alone and the release
  // before it ran on every device).
  text = text.replace(/\b(only|just)\s+for\s+((?:the\s+|our\s+)?(?:[\w-]+\s+){0,6}?(?:devices|machines|hosts|endpoints|boxes|servers|workstations|laptops|desktops|macs|pcs))\b/gi, '$1 on $2');
  // "when the incident is resolved and the classification is False Positive": resolved as that.
  text = text.replace(/\b((?:is|are|gets?|was|were)\s+(?:resolved|closed))\s+(?:and|with)\s+(?:the\s+|its\s+|their\s+)?classification\s+(?:is\s+|=\s*|of\s+)?((?:true|false)[\s-]+positive|informational[\s,]+expected\s+activity|benign\s+positive)\b/gi, '$1 as $2');
  // "release it when resolved as False Positive ... If it is resolved as True Positive, leave it alone": the other
  // classification, which the case already leaves out.
  text = text.replace(/(^|[.;!?]\s+|\n\s*)(?:but\s+)?(?:if|when)\s+(?:it|the\s+incident|they)\s+(?:is|are|was|were|gets?)\s+(?:resolved|closed|classified)\s+as\s+(true|false)[\s-]+positives?\s*,\s*(?:please\s+)?(?:leave\s+(?:it|them)\s+alone|do\s+nothing|nothing)\s*(?:[.;!]|$)/gi, (m: string, lead: string, kind: string, offset: number, whole: string) => {
    const other = /^true$/i.test(kind) ? 'false' : 'true';
    return new RegExp(String.raw`\b${other}[\s-]+positive`, 'i').test(whole.slice(0, offset)) ? lead : m;
  });
  // "If the IP is malicious on VirusTotal (3+), confirm ... If it is not malicious, dismiss": the other side of the verdict.
  text = text.replace(/(^|[.;!?]\s+|\n\s*)(?:but\s+)?(?:if|when)\s+(?:it|they|that|the\s+[\w-]+)\s+(?:is|are)\s+not\s+(?:malicious|bad|flagged)(?:\s+(?:on|by|in|at)\s+(?:virustotal|vt))?\s*,\s*/gi, (m: string, lead: string, offset: number, whole: string) => {
    const before = whole.slice(0, offset + lead.length).replace(/[\s.;!?]+$/, '');
    const sentence = before.split(/[.;!?\n]\s*/).pop() ?? '';
    return /\b(?:if|when)\b[^,]*\bmalicious\b/i.test(sentence) ? `${lead}Otherwise, ` : m;
  });
  // "But, if the user is in group X, do not disable. In that case only send mail to Y": the case said again in its place (a
  // sentence of its own, the mail had gone to everyone and the other steps had kept X's users).
  text = text.replace(/(^|[.;!?]\s+|\n\s*)in\s+(?:that|this|such\s+a|those|these|such)\s+cases?\s*,?\s*/gi, (m: string, lead: string, offset: number, whole: string) => {
    const before = whole.slice(0, offset + (lead.length > 0 ? 1 : 0)).replace(/[\s.;!?]+$/, '');
    const sentence = before.split(/[.;!?\n]\s*/).pop() ?? '';
    const when = /^\s*(?:but\s*,?\s*|and\s+|also\s*,?\s*|however\s*,?\s*)?((?:if|when|where|whenever)\s+[^,]{3,120}?)\s*,/i.exec(sentence);
    return when ? `${lead}${when[1].replace(/^./, (c) => (lead.trim() || offset === 0 ? c.toUpperCase() : c))}, ` : m;
  });
  text = deviceExceptionEndsRun(text);
  text = text.replace(JUST_THERE, (m: string, lead: string, devices: string, kept: string, offset: number, whole: string) => {
    const rule = whole.slice(0, offset).replace(/[\s.;!?]+$/, '').split(/[.;!?\n]/).pop() ?? '';
    const keptFamily = DEVICE_STEP_FAMILIES.find(([re]) => re.test(kept));
    const others = DEVICE_STEP_FAMILIES.filter((f) => f !== keptFamily && f[0].test(rule));
    if (others.length === 0 || !new RegExp(String.raw`\b${kept}`, 'i').test(rule)) return m;
    return `${/^,/.test(lead) ? '. ' : lead}${others.map(([, say]) => say.replace('$', devices)).join('. ')}`;
  });
  text = unlessSentences(untouchedCase(handledElsewhere(spokenRuleOuts(negatedStepNouns(secondLanguageShapes(codeSwitched(restateSoar(markdownTables(text)), switchedWords)))))));
  const background: string[] = [...courtesy, ...intel, ...namingAsides];
  text = shoutedHeadlines(text, background);
  text = roomLines(pseudoCode(letter(shiftNotes(headingValidity(documentTitle(text, background), background), background), background)), background);
  // "I want the incident assigned to X, a full scan kicked off and an email to Y": the mail is a step of the list (read with
  // the scan, it had been dropped).
  text = text.replace(/(,\s*|\s+and\s+|\s+plus\s+)(?:also\s+)?(?:an?\s+)(?:e-?mail|mail)\s+(?:sent\s+)?to\s+(?=[\w.+'-]+@[\w-]+\.)/gi, '$1send an email to ');
  // "ransomware = all hands, no exceptions.", "yes that includes servers, even prod": emphasis, which narrows nothing.
  // (Only where nothing narrowed before it: "never isolate prod. that includes the build farm" widens the rule-out.)
  text = text.replace(/,?\s*\bno\s+exceptions?\b(?:\s+(?:whatsoever|at\s+all))?/gi, '')
    .replace(/(^|[.;!?]\s+|\n\s*)[\w -]{2,30}\s*=\s*all\s+hands(?:\s+on\s+deck)?\s*(?=[.;!?\n]|$)[.;!]?/gi, '$1')
    .replace(/(^|[.;!?]\s+|\n\s*)(?:(?:and\s+)?yes,?\s+)?(?:that|this|it)\s+(?:also\s+)?(?:includes?|covers?)\s+((?:[^.;!?\n]|\.(?=\w)){1,60}?)(?=\s*(?:[.;!?\n]|$))/gi, (m: string, lead: string, what: string, at: number, whole: string) => (NARROWS.test(what) || NARROWS.test(whole.slice(0, at)) ? m : lead))
    // "medium and low leave them in the queue but tag them X": in the queue is where they stay; the tag is the step.
    .replace(/\bleave\s+(?:them|it|those)\s+in\s+the\s+(?:queue|backlog)\s+(?:but|and)\s+(?:just\s+|only\s+)?/gi, ': ');
  // "skip if the device is tagged crown-jewel.": a sentence that skips devices by what they are (read as "unless", it had
  // no step to narrow).
  text = text.replace(/(^|[.;!?]\s+|\n\s*)(skip|ignore|exclude)\s+(?:it\s+|them\s+)?(?:if|when)\s+the\s+(?:device|machine|host|box)\s+is\s+(tagged|in|running|named)\s+(?=[^.;!?\n]{1,60}(?:[.;!?\n]|$))/gi, '$1$2 devices $3 ');
  text = provisions(changeRecords(text, background), background);
  // "Devices in the 'G' device group are business-critical and are not to be isolated": what they are is why; the "not"
  // is the rule.
  text = text.replace(/\b((?:devices?|machines?|hosts?|servers?|workstations?|endpoints?)\s+in\s+the\s+["'\u2018\u201c][^"'\u2019\u201d\n]{1,60}["'\u2019\u201d]\s+(?:device\s+)?group)\s+(?:are|is)\s+(?!not\b|never\b)(?:[\w-]+\s+){0,2}?[\w-]+\s+and\s+(?=(?:are|is)\s+(?:not|never)\b|(?:must|shall|should)\s+(?:not|never)\b)/gi, (m: string, devices: string) => (STEP_VERB_ANYWHERE.test(m.slice(devices.length)) ? m : `${devices} `));
  // "... are not to be isolated; where one of those devices is concerned, only post in Teams": "those devices" are the
  // group named just before.
  text = text.replace(/(\b(?:devices?|machines?|hosts?|servers?|workstations?|endpoints?)\s+in\s+the\s+(["'\u2018\u201c][^"'\u2019\u201d\n]{1,60}["'\u2019\u201d])\s+(?:device\s+)?group\b[^.;\n]*?)\s*([.;])\s*where\s+(?:such|that|this|one\s+of\s+(?:these|those))\s+(?:an?\s+)?(?:device|machine|host|box|endpoint)s?\s+(?:is|are)\s+(?:involved|affected|present|implicated|concerned)\s*,\s*/gi, (_m, said: string, group: string) => `${said}. For devices in the ${group} device group, `);
  // "no action shall be taken on the user's account", "otherwise no further action is to be taken": those are left alone
  // (the other side of the case gets nothing).
  text = text.replace(/\b(otherwise|else|if\s+not)\s*,?\s+no\s+(?:further\s+|other\s+)?actions?\s+(?:is|are|shall|will|should|must)?\s*(?:to\s+)?(?:be\s+)?taken(?:\s+(?:on|against|for)\s+(?:the\s+|their\s+|its\s+|any\s+|those\s+|these\s+)?[\w-]+(?:\s+(?:itself|themselves))?)?(?=\s*(?:[.;,]|$))/gi, '$1 do nothing')
    .replace(/\bno\s+(?:further\s+|other\s+)?actions?\s+(?:is|are|shall|will|should|must)?\s*(?:to\s+)?(?:be\s+)?taken\s+(?:on|against|for)\s+((?:the\s+|their\s+|its\s+|any\s+)?(?:user'?s?\s+)?(?:accounts?|users?|devices?|machines?|hosts?|workstations?|servers?|laptops?|endpoints?)(?:\s+(?:itself|themselves))?)(?=\s*(?:[.;,]|$))/gi, (_m, what: string) => `leave ${what.replace(/\s+(?:itself|themselves)$/i, '').replace(/^(?:the\s+|their\s+)?user'?s?\s+/i, 'the ')} alone`)
    // "require a password reset": the step.
    .replace(/\b(?:require|mandate)\s+(?:a\s+)?password\s+(?:reset|change)\b/gi, 'reset the password');
  // "the group 'Ops-T0' (Tier Zero Operations)": the name spelled out in capitalised words, which says it again.
  text = text.replace(/(["'\u2018\u201c][^"'\u2019\u201d\n]{1,60}["'\u2019\u201d](?:\s+(?:device\s+)?group)?)\s*\(\s*((?:[A-Z][\w&-]*)(?:\s+(?:of\s+|and\s+|&\s+|for\s+)?[A-Z][\w&-]*){1,5})\s*\)/g, (m: string, name: string, spelled: string) => (/\b(?:Windows|Linux|Mac\w*|High|Medium|Low|Critical|Informational|Server\w*|Workstations?|Laptops?|Only|Not|Except|VIP|Admins?)\b/.test(spelled) ? m : name));
  // "not on devices in the 'G' device group, ops owns those: only post in Teams", "not on servers: just post":
  // the device steps before leave those devices out, and they get the steps after "just" (read as a case of its own, the
  // tag went to every other incident and those devices were isolated).
  text = text.replace(/(^|[.;!?]\s+|\n\s*)(?:but\s+)?(?:not|never)\s+(?:on|for|to)\s+(?:(?:anything|any\s+(?:device|box|machine|host|endpoint)|(?:the\s+)?(?:devices|boxes|machines|hosts|endpoints))\s+(?:in\s+the\s+(["'\u2018\u201c][^"'\u2019\u201d\n]{1,60}["'\u2019\u201d])\s+device\s+group|tagged\s+(["'\u2018\u201c][^"'\u2019\u201d\n]{1,40}["'\u2019\u201d]|[\w-]+)|with\s+the\s+(["'\u2018\u201c][^"'\u2019\u201d\n]{1,40}["'\u2019\u201d]|[\w-]+)\s+tag)|(?:any\s+|the\s+)?(servers?|dcs?|domain\s+controllers?|workstations?|laptops?))(?:\s*,\s*[^:.;!?\n]{1,80}?)?\s*(?::|,|->)\s*(just|only)\s+(?=[a-z])/gi, (m: string, lead: string, group: string | undefined, tagged: string | undefined, withTag: string | undefined, kind: string | undefined, just: string, at: number, whole: string) => {
    // (Only after steps it leaves those devices out of.)
    if (!STEP_VERB_ANYWHERE.test(whole.slice(0, at))) return m;
    const tag = tagged ?? withTag;
    const kinds = (k: string): string => (/^dcs?$|^domain/i.test(k) ? 'domain controllers' : k.toLowerCase().replace(/s?$/, 's'));
    const devices = group ? `devices in the ${group} device group` : tag ? `devices tagged ${tag}` : kinds(kind ?? 'devices');
    return `${lead}leave ${devices} alone. for ${devices}, ${just.toLowerCase()} `;
  });
  // "not for anyone in the 'G' group: just email X": G's users get the steps after "just", which leaves them out of the
  // steps before (read as a case of its own, G's users alone were disabled).
  text = text.replace(/(^|[.;!?]\s+|\n\s*)(?:but\s+)?(?:not|never)\s+(?:on|for|to)\s+(?:anyone|anybody|any\s+(?:user|account|person)|(?:the\s+)?(?:users|accounts|people))\s+in\s+the\s+(["'\u2018\u201c][^"'\u2019\u201d\n]{1,60}["'\u2019\u201d])\s+group(?:\s*,\s*[^:.;!?\n]{1,80}?)?\s*(?::|,|->)\s*(just|only)\s+(?=[a-z])/gi, (m: string, lead: string, group: string, just: string, at: number, whole: string) => (STEP_VERB_ANYWHERE.test(whole.slice(0, at)) ? `${lead}for users in the ${group} group, ${just.toLowerCase()} ` : m));
  // "look up each external IP on VT": the private ones are never looked up, so never blocked.
  text = text.replace(/\b(check|look\s+up)\s+(every|all|each|the|any)\s+(?:public|external|internet[- ]facing|routable)\s+(ips?|ip\s+address(?:es)?)\b([^.;!?\n]*)/gi, '$1 $2 $3$4. never block private IPs');
  // "never query 10.x or 192.168 on VT", "the private IPs (10.x, ...) we do not submit to VT": private addresses are
  // never looked up, so never blocked.
  text = text.replace(PRIVATE_NOT_LOOKED_UP, '. never block private IPs').replace(/\.\s*\.\s+never\s+block\s+private\s+IPs/g, '. never block private IPs')
    .replace(PRIVATE_NOT_SUBMITTED, '$1never block private IPs');
  // "T1059.*", "T1055.x": every sub-technique of it, which the technique id alone matches.
  text = text.replace(/\b(T\d{4})\.(?:\*|x)(?![\w*])/g, '$1');
  // "T1059 alerts only: look up each URL on VT. 12+: block": the case holds for the lookup and the bands after it
  // (said as a heading, it held for the lookup alone, which is no step).
  text = text.replace(/(^|[.;!?]\s+|\n\s*)(?:only\s+)?((?:[^:.;!?\n]{0,60}?\b)?(?:alerts?|incidents?|detections?)\b[^:.;!?\n]{0,60}?)\s*:\s*(check|look\s+up)\b(?=[^.;!?\n]*\b(?:virustotal|vt)\b)/gi, (m: string, lead: string, head: string, verb: string) => (/^\s*(?:on|for|if|when)\b/i.test(head) ? m : `${lead}on ${head.trim().replace(/\s*,\s*(?:only\s+)?(?=(?:alerts?|incidents?|detections?)\b)/i, ' ')} ${verb}`));
  // "For all other incidents at High severity, post ...", after a case said with "For" or "If": the other
  // side of the cases before, then its own case.
  // ("For other users, add a comment": the other side alone.)
  text = text.replace(/([.;!?]\s+|\n\s*)for\s+(?:every|each|all|any)?\s*other\s+(incidents?|alerts?|users?|accounts?|devices?|machines?|hosts?)\b(\s*,\s*)?(?=[^.;!?\n]*,|(?<=,\s*))/gi, (m: string, lead: string, noun: string, comma: string | undefined, at: number, whole: string) => (/(?:^|[.;!?]\s+|\n\s*)(?:for|if|when|on)\s/i.test(whole.slice(0, at + lead.length)) ? (comma ? `${lead}Otherwise, ` : `${lead}Otherwise, for ${noun.toLowerCase().replace(/s?$/, 's')}`) : m));
  // "... are out of scope for this request": out of scope of what is asked, which is the request itself.
  text = text.replace(/\bout\s+of\s+(?:the\s+)?scope\s+(?:of|for)\s+(?:this|the)\s+(?:change|request|rule|playbook|automation|procedure|policy|cr|ticket|instruction)\b/gi, 'out of scope')
    // "from the other products, nothing": their alerts get nothing.
    .replace(/(^|[.;!?]\s+|\n\s*)from\s+(?:the\s+|all\s+)?other\s+(?:defender\s+|microsoft\s+)?(products|sources|services|tools)\s*,?\s*(?:there\s+is\s+|we\s+have\s+)?(?:nothing|no\s+action)(?:\s+to\s+do)?(?=\s*(?:[.;!?\n]|$))/gi, '$1alerts from other $2: nothing');
  text = askMarker(text, background);
  // "Teams post + mail to X for every incident Sev >= Medium where any device has riskScore High": the case said after a
  // list of steps is every step's (read after the last one, the post went out on every incident); said first, it is.
  text = text.replace(/(^|[.;!?]\s+|\n\s*)((?:[^.;!?\n]|\.(?=\w)){3,120}?)\s+(for\s+(?:every|each|any|all)\s+(?:incidents?|alerts?)\b(?:[^.;!?\n]|\.(?=\w)){3,160}?)(?=\s*(?:[.;!?\n]|$))/gi, (m: string, lead: string, steps: string, forCase: string) => {
    const parts = steps.split(/\s*(?:\+|&|,|\band\b)\s*/i).filter((x) => x.trim());
    if (parts.length < 2 || /\b(?:if|when|whenever|for|unless|only|except|where|but|not|never|no)\b/i.test(steps)) return m;
    return parts.every((x) => STEP_ORDER.test(x) || /\b(?:post|mail|e-?mail|ping|page|comment|note|tag|scan|isolation|block|summary|message|msg)\b/i.test(x)) ? `${lead}${forCase}, ${steps}` : m;
  });
  // "send me a summary every time a high or critical incident comes in": the case said after the steps, said first.
  // (Only a case that ends the sentence: "..., then isolate", "so she knows" and "i.e." stay where they are.)
  text = text.replace(/(^|[.;!?]\s+|\n\s*)((?:[^.;!?\n]|\.(?=\w)){3,120}?)\s+(?:every\s+time|each\s+time|any\s+time|anytime)\s+((?:an?|any|the|one\s+of\s+(?:the|our))\s+[^.;!?,:\n]{3,120}?)(?=\s*(?:[.;!?\n]|$))/gi, (m: string, lead: string, steps: string, when: string) =>
    (STEP_ORDER.test(steps) && !/\b(?:if|when|whenever|unless|only|except|for|on|but|not|never|no)\b/i.test(steps) && /\b(?:incidents?|alerts?|detections?)\b/i.test(when)
      ? `${lead}whenever ${when}, ${steps.replace(/^(?:can|could|would|will)\s+(?:the\s+(?:system|bot|tool|automation)|you|u|rampart)\s+(?:please\s+)?/i, '')}` : m));
  // A manager's words for the steps: "a new password forced", "force a new password": a reset; "I want to be told
  // (x@y)": a mail to that address; "our CFO's account (Helen Walker, hwalker@x)": the account of that address; "if
  // anything suspicious happens on it", "when x@y shows up in an alert": when the alert's user is that account.
  // ("this is only about Helen", "everyone else goes through the normal process": the person named, said again.)
  for (const named of text.matchAll(NAMED_ACCOUNT)) {
    text = text.replace(new RegExp(String.raw`(^|[.;!?]\s+|,\s*)(?:this|it|that)(?:'s|\s+is)\s+(?:only|just)\s+(?:about|for)\s+${escapeRegExp(named[1])}(?:${escapeRegExp(named[2])})?(?=\s*(?:[.;!?]|$))`, 'gi'), '$1')
      .replace(/(^|[.;!?]\s+)(?:everyone|everybody|anyone|anybody|all\s+others)\s+else\s+(?:goes\s+through|follows|gets)\s+the\s+(?:normal|usual|standard|regular)\s+(?:process|procedure|flow|triage|route)(?=\s*(?:[.;!?,]|$))[,]?/gi, '$1');
  }
  // "assigned to our senior analyst Omar (omar.haddad@contoso.com)": the person, named by their address.
  text = text.replace(/\b(to|e-?mail|mail|notify|cc|ping)\s+(?:(?:our|the|my|your)\s+)?(?:[a-z][\w-]*\s+){0,3}?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?\s*\(\s*([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)\s*\)/g, '$1 $2')
    // "make sure the incident is assigned to X and tagged 'exec'": assign it to X and tag it.
    .replace(new RegExp(String.raw`\bmake\s+sure\s+(?:that\s+)?(the\s+incident|the\s+alert|it)\s+(?:is|gets)\s+(${PARTICIPLE_WORDS})\b((?:(?!\s+and\b)(?:[^.;!?\n]|\.(?=\w))){0,60})(?:\s+and\s+(?:is\s+|gets\s+)?(${PARTICIPLE_WORDS})\b)?`, 'gi'), (_m, what: string, first: string, rest: string, second: string | undefined) =>
      `${PARTICIPLES[first.toLowerCase()]} ${what}${rest}${second ? ` and ${PARTICIPLES[second.toLowerCase()]} it` : ''}`)
    // "let the team know on Teams", "let us know in the channel": a post.
    .replace(/\blet\s+(?:the\s+(?:team|soc|channel|on-?call)|us|everyone|everybody|the\s+soc\s+team)\s+know\s+(?:on|in|via|through)\s+(?:the\s+)?(?:(?:soc\s+)?teams(?:\s+channel)?|(?:soc\s+)?channel|chat)\b/gi, 'post to Teams')
    // "don't lock anyone out of their account": don't disable anyone.
    .replace(/\b(do\s+not|don'?t|dont|never)\s+lock\s+(anyone|anybody|them|him|her|the\s+user|users)\s+out(?:\s+of\s+(?:their|his|her|the)\s+accounts?)?/gi, '$1 disable $2');
  text = text.replace(/\ba\s+new\s+password\s+forced\b/gi, 'the password reset')
    .replace(/\bforce\s+(?:a\s+)?(?:new\s+password|password\s+change)\b/gi, 'reset the password')
    .replace(/\b(?:i|we)\s+(?:want|need|would\s+like|'d\s+like)\s+(?:to\s+be|being)\s+(?:told|informed|notified|emailed|e-mailed|updated|kept\s+in\s+the\s+loop)(?:\s+(?:by|via)\s+e-?mail)?\s*[(:,]?\s*([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)\s*\)?/gi, 'email $1')
    .replace(NAMED_ACCOUNT, (_m, _first: string, _last: string, upn: string) => `the account ${upn}`)
    .replace(/\b(if|when|whenever)\s+(?:anything|something)\s+(?:suspicious|weird|bad|odd|malicious)?\s*(?:happens|shows\s+up|comes\s+up|fires)\s+(?:on|for|with)\s+(?:the\s+account\s+|the\s+user\s+)?([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)(?:'s\s+account)?/gi, '$1 the user is $2')
    .replace(/\b(if|when|whenever)\s+([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)\s+(?:is\s+in|shows\s+up\s+in|appears\s+in|turns\s+up\s+in)\s+(?:an?|any)\s+(?:alert|incident)s?\b/gi, '$1 the user is $2');
  // "IP IOCs: VT malicious > 5 -> indicator, AlertAndBlock": a heading naming the kind of IOC the rule is for, and the
  // indicator said with its action after the arrow.
  // ("VT bands for IP IOCs:", "rules for URL / IP IOCs:": the same heading, with the rule's name before it.)
  const iocKinds: Record<string, string> = { ip: 'IP addresses', url: 'URLs', domain: 'domains' };
  text = text.replace(/(^|[.;!?]\s+|\n\s*)(?:(?:the\s+|our\s+)?(?:[\w-]+\s+){0,3}?for\s+)?(ip|url|domain|file|hash|file\s+hash)(?:\s*(?:\/|,|\band\b|\bor\b|&)\s*(ip|url|domain|file|hash|file\s+hash))?\s+(?:iocs?|indicators?)\s*:[ \t]*/gi, (_m, lead: string, kind: string, other: string | undefined) =>
    `${lead}For ${[kind, other].filter((k): k is string => Boolean(k)).map((k) => iocKinds[k.toLowerCase()] ?? 'file hashes').join(' and ')}: `)
    .replace(/(->|=>|\u2192)\s*(?:an?\s+)?indicator\s*,\s*(?:(?:with\s+)?action\s*[:=]?\s*)?(AlertAndBlock|BlockAndRemediate|Block|Warn|Audit)\b/g, (_m, arrow: string, action: string) => `${arrow} block it${action === 'Block' ? '' : ` with action ${action}`}`);
  // "Service accounts (svc- prefix)": the accounts whose name starts so.
  text = text.replace(/\b(?:service\s+|admin\s+|test\s+)?(accounts?|users?)\s*\(\s*([a-z][\w]*[-_.])\s*(?:prefix(?:ed)?|prefix\s+names?)\s*\)/gi, (_m, who: string, prefix: string) => `${who.toLowerCase()} named ${prefix.toLowerCase()}*`);
  // "low = nothing, CA risk policy already handles those": who does it instead, said after the nothing.
  text = text.replace(/(\bnothing)\s*,\s*(?:the\s+|our\s+)?(?:(?!(?:if|when|unless|only|except|but|not|no)\b)[\w-]+\s+){1,5}?(?:already\s+)?(?:handles?|covers?|takes\s+care\s+of|deals\s+with)\s+(?:those|them|it|that|these)\b/gi, '$1');
  // "anything w/ ransomware in the incident title": a word of the title, not the threat's kind (its category would match too).
  text = text.replace(/\b(?:anything|any\s+(?:incident|alert)|incidents?|alerts?)\s+(?:with|w\/|that\s+has|having)\s+(["'\u2018\u201c]?)([\w-]{3,40})\1\s+in\s+(?:the|its)\s+(?:incident\s+|alert\s+)?(?:title|name)\b/gi, (_m, _q: string, word: string) => `if the incident title contains '${word}'`);
  // "ransomware on normal workstations": a workstation is the ordinary kind of device already; the word adds nothing.
  text = text.replace(/\b(?:normal|regular|ordinary|standard|plain|everyday)\s+(?=(?:user\s+)?(?:workstations?|laptops?|desktops?)\b)/gi, '');
  text = preamble(text, background);
  text = storyClauses(pastStories(text, background), background);
  text = priorityRemarks(writerAsides(text, background), background);
  // ", so I want this automated": the ask itself, said again.
  text = text.replace(/\s*,?\s*(?:so\s+|and\s+)?(?:i|we)\s+(?:want|need|would\s+like)\s+(?:this|it)\s+(?:automated|automating)(?=\s*[.!]|$)/gi, '');
  text = relayedLead(analogyLead(askLead(text, background), background), background);
  // "in the Entra group Exec-Protection", "in the AD group Tier0": the group, named after its directory.
  text = text.replace(/\b(in|of|from)\s+(?:the\s+)?(?:[Ee]ntra(?:\s+I[Dd])?|[Aa]zure\s+AD|AAD|AD|[Ss]ecurity|M365)\s+group\s+(?!["'\u2018\u201c])([A-Z0-9][\w.&-]*)(?![\w'-])/g, "$1 the '$2' group")
    // "kill their refresh tokens", "invalidate the user's tokens": revoke their sessions.
    // "kill the recipients sessions", "nuke all his sessions": revoke them.
    .replace(/\b(?:kill|nuke|terminate|zap)\s+(?=(?:all\s+)?(?:of\s+)?(?:the\s+|their\s+|his\s+|her\s+|its\s+)?(?:[\w']+\s+)?(?:active\s+|sign-?in\s+|login\s+)?sessions?\b)/gi, 'revoke ')
    .replace(/\b(?:kill|invalidate|nuke|expire|revoke)\s+(?:all\s+)?(?:of\s+)?(their|his|her|the\s+user'?s|the\s+account'?s|the|its)\s+(?:refresh\s+|access\s+|sign-?in\s+|auth\s+)?tokens\b(?:\s*\(\s*(?:i\.?e\.?\s+|aka\s+)?revoke\s+(?:the\s+|their\s+)?sessions?\s*\))?/gi, (_m, whose: string) => `revoke ${/^the$/i.test(whose) ? 'the' : whose} sessions`)
    // "classify False Positive and resolve": resolve it as that classification.
    // "if the recipient is in X, do NOT revoke their sessions; escalate by mail to Y instead": the step left out for that
    // case, and the step that case gets, each said with the case (read as one clause, the mail went out for everyone).
    .replace(/(^|[.!?]\s+|\n\s*|:\s*)((?:if|when)\s+[^,;.:\n]{3,100}?),\s*((?:do\s+not|don'?t|dont|never)\s+[a-z]+(?:\s+[^;.:\n]{1,60}?)?)\s*;\s*(?:(?:escalate|send\s+it)\s+by\s+(?:e-?mail|mail)\s+to|escalate\s+to|(?:e-?mail|mail|notify))\s+([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)\s+instead\b/gi, (_m, lead: string, cond: string, not: string, to: string) => `${lead}${cond}, ${not}. ${cond}, email ${to}`)
    .replace(/\b(?:classify|mark|flag)\s+(?:it\s+|them\s+)?(?:as\s+)?(false\s+positive|true\s+positive|benign\s+positive)\s+(?:and|\+|&)\s+(resolve|close)(?:\s+(?:it|them|the\s+incident))?\b/gi, (_m, what: string, verb: string) => `${verb.toLowerCase()} it as ${what.toLowerCase()}`);
  // "Could you please set up: when ...": the ask announced, with nothing named.
  text = text.replace(/(^\s*|[.!?]\s+|\n\s*)[!.,\s]*(?:(?:can|could|would)\s+(?:you|u)\s+)?(?:please\s+|pls\s+)?(?:set\s+up|setup|configure|create|build)(?:\s+(?:the\s+)?following)?\s*:\s*(?=\S)/gi, '$1')
    // "when an incident is NOT assigned to anybody yet": unassigned.
    .replace(/\b(is|are|and)\s+not\s+(?:yet\s+)?assigned\s+to\s+(?:anybody|anyone|someone|somebody|an?\s+(?:analyst|person|owner))(?:\s+yet)?\b/gi, '$1 unassigned')
    // "post in the Teams channel that I'm on it": what the post says, which narrows nothing.
    .replace(/\b((?:post|write|say|send\s+a\s+(?:message|note|ping))\s+(?:in|to|on|into)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+)?(?:teams\s+)?(?:channel|chat|teams))\s+(?:that|saying(?:\s+that)?)\s+(?:i'?m|i\s+am|we'?re|we\s+are|someone\s+is|it'?s\s+being|it\s+is\s+being)\s+[^.;,!?]{1,60}/gi, '$1')
    // "(I don't need the medium and low ones.)": the other severities, left alone.
    // ("don't need the low level stuff": the same, without its subject.)
    .replace(/(?:^|(?<=[.!?]\s*)|\s*\()\s*(?:(?:i|we)\s+)?(?:don'?t|do\s+not|dont)\s+(?:need|want|care\s+about)\s+(?:the\s+|any\s+)?((?:critical|high|medium|low|informational)(?:\s*(?:,|and|or|\/)\s*(?:critical|high|medium|low|informational))*)(?:\s+(?:level|sev(?:erity)?|priority))?\s+(?:ones|incidents|alerts|stuff|things)\s*\)?\s*[.!]?/gi, (_m, levels: string, at: number, whole: string) => `${/[.!?]\s*$/.test(whole.slice(0, at)) || at === 0 ? ' ' : '. '}${levels.charAt(0).toUpperCase()}${levels.slice(1)} incidents are left alone.`)
    // "please don't reassign it, that would be rude": how the writer feels about the step left out, a reason.
    .replace(/\s*,?\s*(?:that|which|it)\s+would\s+be\s+(?:rude|bad|annoying|awkward|confusing|a\s+mess|messy|unfair|weird)\b/gi, '');
  // "If that incident also carries a file VirusTotal calls malicious": the incident of the rule, with a file that VirusTotal
  // finds malicious.
  text = text.replace(/\b(if|when|where)\s+(?:that|this|the\s+same)\s+(incident|alert)\b/gi, '$1 the $2')
    .replace(/\b(incidents?|alerts?)\s+(?:also\s+)?(?:carries|carry|contains?|includes?|holds?)\s+(?=(?:an?|any|one|some)\s+(?:file|hash|url|ip|domain))/gi, (m: string, what: string) => `${what} ${/also/i.test(m) ? 'also ' : ''}${/s$/i.test(what) ? 'have' : 'has'} `)
    .replace(/\b(an?\s+|one\s+)(file|hash|url|ip|domain)\s+(?:that\s+)?(?:virustotal|vt)\s+(?:calls|rates|considers|deems|reports\s+as)\s+(malicious|bad)\b/gi, (_m, det: string, what: string) => `${det}${what} that is malicious on VirusTotal`);
  // "(linux/mac not part of this)", "Workstations are out of scope", "Windows and macOS are covered by SO-1, not this order",
  // "Servers and Linux or macOS devices are excluded": kinds of device the rule leaves out.
  text = text.replace(KINDS_LEFT_OUT, (_m, lead: string, kinds: string) => `${lead}skip ${kinds.replace(/\s+(?:devices|machines|boxes|endpoints)\b/gi, '').replace(/\bnon-?windows\b/gi, 'Linux and macOS').replace(/\//g, ' and ')} devices`);
  // "whose riskScore is High", "whose rbacGroupName is Tier1", "if assignedTo is empty": Defender's field names said in prose.
  text = text.replace(/\b(?:riskScore|risk_score)\b/g, 'risk score')
    .replace(/\b(?:whose|where|with)\s+(?:the\s+)?(?:rbacGroupName|machineGroup|deviceGroup)\s+(?:is|=|==)\s+(["'\u2018\u201c]?[\w-]+(?:\.[\w-]+)*["'\u2019\u201d]?)/g, (_m, group: string) => `in the '${bareName(group)}' device group`)
    .replace(/\b(?:if|when|where)\s+(?:the\s+)?(?:assignedTo|assigned_to|owner)\s+(?:is|==|=)\s+(?:empty|null|none|blank|unset|not\s+set|"")/gi, 'if the incident is unassigned');
  // "never touch the devices regardless of VT", "never disable accounts from this rule, regardless of anything": a rule-out
  // that holds whatever the verdict or the severity says, which leaves nothing more out.
  text = text.replace(/[^.;!?\n]+/g, (sentence: string) => (/\b(?:never|no|do\s+not|don'?t|dont|not)\b/i.test(sentence)
    ? sentence.replace(/\s*,?\s*(?:and\s+)?regardless(?:\s+of\s+(?:anything|everything|what\s+(?:vt|virustotal|the\s+verdict)\s+says|(?:the\s+)?(?:vt|virustotal)(?:\s+(?:verdict|score|results?|count))?|(?:the\s+)?severity))?(?=\s*(?:[,:]|$)|\s+(?:never|no|do\s+not|don'?t|dont)\b)/gi, '').replace(/^\s*,\s*/, ' ')
    : sentence));
  // "never touch the devices themselves: no isolation, no scans, no restriction": the device steps, then named one by one.
  text = text.replace(/\b((?:never|do\s+not|don'?t|dont)\s+touch\s+(?:the\s+)?(?:devices?|machines?|hosts?|endpoints?|boxes))(?:\s+themselves|\s+itself)?\s*(?::|,|\s-)\s*no\s+[a-z]+(?:\s*,\s*(?:and\s+|or\s+)?no\s+[a-z]+)*(?=\s*(?:[.;!\n]|$))/gi, '$1');
  // "from this rule", "by this order": the rule itself, which every step is part of.
  text = text.replace(/(\b(?:never|no|do\s+not|don'?t|dont)\s+[a-z]+\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?)\s+(?:from|by|under|in)\s+this\s+(?:rule|order|playbook|runbook|policy)\b/gi, '$1');
  // "auto-close the EICAR test file noise": the noisy alerts about it.
  text = text.replace(/\b((?:close|resolve|suppress|silence|mute|clear|dismiss)\s+(?:the|that|this|all\s+the|our)\s+(?:(?!(?:is|are|was|were)\b)[\w-]+\s+){1,4}?)noise\b(?!\s+(?:level|floor|reduction|filter))/gi, '$1alerts');
  // "anything NOT tagged pentest leave alone": the incidents without the tag get nothing.
  text = text.replace(/(^|[.;!?]\s+|,\s*(?:and\s+)?|\n\s*)(?:anything|everything|any\s+(?:other\s+)?incidents?|incidents?|all\s+(?:the\s+)?others?|the\s+rest)\s+(?:that\s+is\s+|that'?s\s+|which\s+is\s+)?not\s+tagged\s+(["'\u2018\u201c]?[\w.-]+["'\u2019\u201d]?)\s*(?:[:,]|->|\u2192|-)?\s*(?:just\s+)?(?:leave\s+(?:it|them)?\s*alone|ignore(?:\s+(?:it|them))?|skip(?:\s+(?:it|them))?|do\s+nothing|nothing)(?=\s*(?:[.;,!\n]|$))/gi, (_m, lead: string, tag: string) => `${lead}if the incident is not tagged ${tag}, leave it alone`);
  // "never close anything above informational (even if its tagged)": the severities above it, left unclosed.
  text = text.replace(/\b(never|do\s+not|don'?t|dont)\s+(close|resolve|touch|isolate|contain|disable|scan|restrict|block)\s+(?:anything|any\s+incidents?|incidents?|alerts?|any\s+alerts?)\s+(above|over|higher\s+than|below|under|lower\s+than)\s+(informational|info|low|medium|med)(?:\s+(?:severity|sev))?(?:\s*,?\s*even\s+if\s+(?:it'?s|its|it\s+is|they'?re|they\s+are)\s+[^.;,!?\n]{1,40}?)?(?=\s*(?:[.;,!\n]|$))/gi, (m: string, not: string, verb: string, side: string, level: string) => {
    const order = ['Informational', 'Low', 'Medium', 'High'];
    const at = order.findIndex((o) => o.toLowerCase().startsWith(level.toLowerCase().slice(0, 3)));
    const levels = /^(?:above|over|higher)/i.test(side) ? order.slice(at + 1) : order.slice(0, at);
    return at < 0 || levels.length === 0 ? m : `${not} ${verb} ${levels.join(', ').replace(/, (?=[^,]*$)/, ' or ')} severity incidents`;
  });
  // "For alerts on a device tagged X, do not touch the device itself. Please only tag the incident ...": what that case
  // gets, said in a sentence of its own after the rule-out (read alone, the tag and the assignment went to every incident).
  text = text.replace(/(^|[.!?]\s+|\n\s*)((?:for|on|with)\s+(?:any\s+|every\s+|all\s+)?[^,.;:!?\n]{3,100}?,\s*(?:please\s+)?(?:do\s+not|don'?t|dont|never)\s+[^.;!?\n]{3,100}?)[.!]+\s+(?:please\s+|pls\s+|and\s+)?(only|just)\s+/gi, '$1$2, $3 ');
  // "assign it to X and email that same address": the address said just before.
  text = text.replace(/\b(e-?mail|mail|notify|cc|ping)\s+(?:that|the|this)\s+same\s+(?:address|mailbox|person|team|alias|contact|inbox|one)\b/gi, (m: string, verb: string, at: number, whole: string) => {
    const before = whole.slice(0, at).match(/[\w.+'-]+@[\w-]+(?:\.[\w-]+)+/g);
    return before ? `${verb} ${before[before.length - 1]}` : m;
  });
  text = outsideGroup(text);
  // "For Linux VMs only": machines of that system (whether a machine is virtual, Defender does not say; a VM named by its
  // system alone is that system's machine).
  text = text.replace(/\b(linux|windows(?:\s+server)?|mac\s?os)\s+vms\b/gi, '$1 machines').replace(/\b(linux|windows(?:\s+server)?|mac\s?os)\s+vm\b/gi, '$1 machine');
  // "isolate the box (full isolation, not the selective one)": the kind of isolation, said in brackets after the step.
  text = text.replace(/\b(isolate|contain)\s+(it|them|(?:the|that|this|each|every|their|its)\s+[\w-]+)\s*\(\s*(full|selective)(?:ly)?(?:\s+(?:isolation|mode|one))?\s*(?:[,;]\s*(?:not|rather\s+than|instead\s+of|no)\s+(?:the\s+)?(?:full|selective)(?:\s+(?:one|isolation|mode|kind))?)?\s*\)/gi, (_m, verb: string, what: string, kind: string) => `${kind.toLowerCase() === 'full' ? 'fully' : 'selectively'} ${verb} ${what}`);
  text = scanKindSaidAfter(text);
  // "if its a server make it a full scan instead": that scan, on it.
  text = text.replace(/\bmake\s+(?:it|that|this)\s+(?:an?\s+)?(full|quick)\s+(?:av\s+|antivirus\s+)?scan\b/gi, (_m, kind: string) => `run a ${kind.toLowerCase()} scan on it`);
  // "restrict every device, except devices tagged crown-jewel: selective isolation on those instead": the exception, and what
  // those devices get (read as a step of its own, the isolation had run on every device).
  text = text.replace(/,?\s*\bexcept\s+((?:the\s+|any\s+|all\s+)?[^:;.,\n]{2,60}?)\s*:\s*([^.;\n]{3,80}?)\s+(?:on|for|from|to|of)\s+(?:those|them|these)(\s+instead)?\b/gi, (_m, which: string, what: string, instead: string | undefined) => `, except ${which}. For ${which}, ${what}${instead ?? ' instead'}`);
  // "compromised mailbox / outbound spam ('User restricted from sending email'):", "forwarding alerts ('Suspicious Email
  // Forwarding Activity'):": the alert, by its quoted title; the words before it are its nickname (never when they name
  // a case the title does not: a severity, a kind of device, a tag, a negation).
  text = text.replace(/(^|[.;!?]\s+|\n\s*)([^.;:!?\n()'"]{2,60}?)\s*\(\s*(?:the\s+)?(?:alert\s+)?(['"\u2018\u201c])([^'"\u2019\u201d\n]{6,100})['"\u2019\u201d]\s*\)\s*(?=:|->|--|,\s*[a-z])/gi, (m: string, lead: string, nickname: string, _q: string, title: string) => {
    const own = nickname.toLowerCase().split(/[^a-z0-9-]+/).filter((w) => w.length > 2 && !title.toLowerCase().includes(w));
    if (own.some((w) => /^(?:critical|high|medium|low|informational|sev\w*|servers?|workstations?|laptops?|macs?|linux|windows|vips?|only|not|never|except|unless|tagged|tag|groups?|if|when)$/.test(w))) return m;
    return `${lead}alerts titled '${title}'`;
  })
    // "put the attachment SHA256 on the MDE indicator list as AlertAndBlock": an indicator for it, with that action.
    .replace(/\bput\s+((?:(?![.;\n]).){3,60}?)\s+(?:on|in|into|to)\s+(?:the\s+)?(?:mde\s+|defender\s+|tenant\s+)?(?:indicators?|iocs?|block)\s*list(?:\s+as\s+(\w+))?/gi, (_m, what: string, action: string | undefined) => `add ${what} as an indicator${action ? ` with action ${action}` : ''}`)
    // "realize the reset of the password", "make the reset of the password" (a Romance language's "perform"): do it.
    .replace(/\b(?:realize|realise|effectuate|execute|proceed\s+with|make)\s+(?=the\s+(?:reset|revocation|isolation|blocking|block|scan|collection|quarantine|restriction|disabling)\s+of\b)/gi, 'perform ')
    // "after make one full scan", "make one quick scan": then run that scan.
    .replace(/\b(?:and\s+)?after\s+(?:that\s+)?(?=(?:make|do|run)\s+(?:one|a|an)\s+(?:full|quick)\s+(?:av\s+|antivirus\s+)?scan\b)/gi, 'then ')
    .replace(/\b(?:make|do)\s+(?:one|a|an)\s+(full|quick)\s+(?:av\s+|antivirus\s+)?scan\b/gi, (_m, kind: string) => `run a ${kind.toLowerCase()} scan`)
    // "pass the incident for the DLP team (dlp-team@x)", "hand the incident over to x@": assign it.
    .replace(/\b(?:pass|forward|transfer|hand)\s+(?:over\s+)?(the\s+incident|it)\s+(?:over\s+)?(?:for|to)\s+(?=(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:\(\s*)?[\w.+'-]+@)/gi, 'assign $1 to ')
    // "disable the account during the investigation": while it runs, which says nothing of when.
    .replace(/\s+during\s+the\s+(?:investigation|triage|review|analysis)\b/gi, '');
  // "exclude the devices in the 'Tier1' device group from the isolation part": never isolate them (read as a step, the
  // isolation named here had run on every severity, beside the one the request asked for).
  text = text.replace(/\b(?:exclude|leave\s+out)\s+((?:(?![.;\n]).){3,100}?)\s+from\s+(?:the\s+|any\s+|all\s+)?(isolation|isolating|containment|scans?|scanning|blocking|blocks?|quarantine|restrictions?|disabling|password\s+resets?|resets?)(?:\s+(?:part|step|steps|action|actions|bit|piece))?\b/gi, (_m, what: string, step: string) => {
    const verb = ({ isolation: 'isolate', isolating: 'isolate', containment: 'isolate', blocking: 'block', quarantine: 'quarantine files on', disabling: 'disable' } as Record<string, string>)[step.toLowerCase()]
      ?? (/^scan/i.test(step) ? 'scan' : /^block/i.test(step) ? 'block' : /^restriction/i.test(step) ? 'restrict app execution on' : 'reset the password of');
    return `never ${verb} ${what}`;
  });
  // "isolate the affected workstations, full isolation", "scan the servers (full scan)": the kind of the step, said after its
  // devices; read as a step of its own, the kind had isolated every device, the servers the request spared too.
  text = text.replace(/\b(isolate|contain)\s+(it|them|(?:the|that|this|those|these|each|every|their|its|all|any)\s+(?:[\w-]+\s+){0,3}?[\w-]+)\s*(?:\(\s*|,\s*(?:with\s+|using\s+)?)(full|selective)(?:ly)?\s+(?:isolation|mode|one)\s*(?:\)|(?=[.;,\n]|$))/gi, (_m, verb: string, what: string, kind: string) => `${kind.toLowerCase() === 'full' ? 'fully' : 'selectively'} ${verb} ${what}`)
    .replace(/\b(?:(?:run|start|kick\s+off|trigger)\s+(?:an?\s+)?(?:av\s+|antivirus\s+|defender\s+)?scans?\s+on|scan)\s+(it|them|(?:the|that|this|those|these|each|every|their|its|all|any)\s+(?:[\w-]+\s+){0,3}?[\w-]+)\s*(?:\(\s*|,\s*)(full|quick)\s+(?:av\s+|antivirus\s+)?(?:scan|one)\s*(?:\)|(?=[.;,\n]|$))/gi, (_m, what: string, kind: string) => `run a ${kind.toLowerCase()} scan on ${what}`);
  text = devicesLeftAlone(text);
  // "the executives get understandably upset when their machines are cut off": how people feel about a step, a sentence of
  // its own (or after ";"), says why, never when.
  text = text.replace(FEELINGS, (m: string, lead: string) => {
    // ("the team hates false positives so only do it for high sev": what follows "so" is a case.)
    if (/\b(?:so|only|just|but|unless|except|if|then|therefore|thus|please|pls)\b/i.test(m) || STEP_VERB.test(m.replace(/\bcut\s+off\b/gi, ''))) return m;
    background.push(m.slice(lead.length).trim());
    return lead;
  });
  // "devs will riot", "ever.", "(yes > 0, we're paranoid)": what people would do, an emphasis and a self-confirmation said on
  // their own; none says when.
  text = text.replace(/(^|[.!?;]\s+|\n\s*)(?:the\s+|our\s+)?(?:[\w-]+\s+){0,2}?(?:devs|developers|users|nurses|doctors|staff|people|engineers|execs|everyone|they|the\s+business)\s+(?:will|would|'?ll|are\s+going\s+to)\s+(?:riot|revolt|mutiny|scream|kill\s+(?:me|us)|lynch\s+(?:me|us)|lose\s+it|go\s+mad|freak\s+out|never\s+forgive\s+us)\b[^.!?;\n]*[.!?]?/gi, (m: string, lead: string) => {
    background.push(m.slice(lead.length).trim());
    return lead;
  })
    .replace(/(^|[.!?]\s+|\n\s*)(?:ever|never\s+ever|not\s+ever|full\s+stop|period|no\s+exceptions)\s*[.!]+/gi, '$1')
    .replace(/\s*\((?:yes|yep|yeah|really|i\s+know|seriously)\b[^()\n]{0,60}\)/gi, '');
  text = politeHedges(hedges(text));
  // "EICAR alerts = biomed vendor running their monthly AV test on the carts, pure noise": what a kind of alert is, said
  // with "=", is background (read for its words, "running ... antivirus" had become a scan).
  text = text.replace(DEFINED_WITH_EQUALS, (m: string, lead: string, what: string, meaning: string) => {
    if (STEP_VERB.test(meaning) || /->|\b(?:if|when|unless|only|not|never|no|nothing|skip|ignore|leave)\b/i.test(meaning) || meaning.trim().split(/\s+/).length < 3) return m;
    background.push(`${what.trim()} = ${meaning.trim()}`);
    return lead;
  });
  text = reasonsAfterRuleOuts(doubleNegations(text));
  text = analystShapes(text, background);
  // "Hashes VirusTotal has never seen are skipped": the IOCs unknown to VirusTotal.
  text = text.replace(/\b(hash(?:es)?|ips?|ip\s+address(?:es)?|urls?|domains?|files?|iocs?|indicators?)\s+(?:that\s+|which\s+)?(?:virus\s?total|vt)\s+(?:has|have)\s+never\s+seen(?:\s+before)?\b/gi, '$1 unknown to VirusTotal');
  // "If a hash isn't known to VirusTotal at all", "when the URL is not found on VT": unknown to VirusTotal.
  text = text.replace(/\b(hash(?:es)?|ips?|ip\s+address(?:es)?|urls?|links?|domains?|files?|iocs?|indicators?)\s+(?:is\s+not|isn'?t|isnt|are\s+not|aren'?t|was\s+not|wasn'?t)\s+(?:known|found|listed|seen|recognised|recognized)\s+(?:to|by|in|on|at)\s+(?:virus\s?total|vt)(?:\s+at\s+all)?\b/gi, '$1 is unknown to VirusTotal');
  text = text.replace(EXCEPTION_IS, (_m, lead: string, who: string, forThem: string | undefined) => (forThem ? `${lead}For ${who}, ` : `${lead}Except ${who}`));
  // "disable the acct in the alert, svc-* accts excluded": a participle after what it leaves out is an exception (read as
  // the accounts named, the disable had run on the service accounts only).
  text = text.replace(/(^|[,;:(]\s*|[.!?]\s+|\n)((?:the\s+|any\s+|all\s+|our\s+)?(?:[\w*.'-]+\s+){0,3}?[\w*.'-]+)\s+(?:excluded|exempted|exempt|excepted|skipped)(?=\s*(?:[,;.)!\n]|$))/gi, (m: string, lead: string, what: string) => (/^(?:are|is|were|was|be|been|being|get|gets|got|and|or|not|never)$/i.test(what.trim().split(/\s+/).pop() ?? '') ? m : `${lead}except ${what}`));
  // "disable the acct. svc-* accts excluded.": said as a sentence of its own, the exception is the steps' before it.
  // (Only a sentence that says nothing else: "Except Linux hosts, collect a package instead" has a step of its own.)
  text = text.replace(/([a-z0-9)*"'])\.\s+(except\s+[^.;!?\n]{2,160})(?=[.;!?\n]|$)/gi, (m: string, end: string, exception: string) => {
    // (", disabling those kills the historian sync" after it is why.)
    const bare = exception.replace(/,\s*[a-z]+ing\s+(?:them|those|these|it|that)\s+(?:kills?|breaks?|stops?|takes?\s+down|locks?)\b[^]*$/i, '');
    return STEP_VERB_ANYWHERE.test(bare) || /[,\u2014\u2013]|\s-\s/.test(bare) ? m : `${end}, ${exception}`;
  });
  // "if defender says someones credentials got stolen (credential theft / credential access alerts)": the words say in
  // their own way what the bracket names, the kind of alert.
  text = text.replace(/\b(?:if|when|whenever)\s+(?:defender|mde|mdi|mdo|sentinel|the\s+edr|edr|it)\s+(?:says|reports|thinks|flags|detects|sees)\s+[^().;]{3,80}?\s*\(([^()]*?\balerts?)\s*\)\s*,?\s*/gi, 'on $1, ');
  // "created at night (22:00 to 06:00 UTC, skeleton crew)": the hours in the bracket are what "at night" means.
  text = text.replace(/\b(?:at\s+night|overnight|after\s+hours|during\s+the\s+night(?:\s+shift)?|on\s+the\s+night\s+shift)\s*\(\s*(\d{1,2}:\d{2})\s*(?:to|-|until|till|through|and)\s*(\d{1,2}:\d{2})\s*utc\b[^()]*\)/gi, 'between $1 and $2 UTC');
  // A runbook's labels: "Description: ...", "Logic: ...", "Outputs: ..." head what they label; "Inputs: the incident's IP
  // entities" names what the steps read, which they say again.
  text = text.replace(/(^|\n)\s*inputs?\s*:\s*(?:the\s+)?(?:incident'?s?|alert'?s?)\s+(?:[\w-]+\s+){0,3}?(?:entities|indicators|iocs|artifacts|observables)\s*[.;]?\s*(?=\n|$)/gi, '$1');
  text = text.replace(/(^|\n)\s*(?:description|logic|outputs?|purpose|summary|overview|behaviou?r)\s*:\s*/gi, '$1');
  // "Per-severity device response, for each device in the incident:", "For each device in the incident's alerts, ...": the
  // devices of the incident are what device steps act on anyway.
  text = text.replace(/(^|\n)\s*(?:[\w-]+\s+){0,3}(?:response|actions?|handling|containment)\s*,\s*for\s+(?:each|every)\s+(?:device|machine|host|endpoint)\s+(?:in|of)\s+the\s+incident(?:'s\s+alerts)?\s*:\s*/gi, '$1');
  // "Title | | Steps: | 1. ... | 2. ...": a bar between spaces is a line break, as a one-line copy of a message writes it.
  text = text.replace(/[ \t]+\|(?:[ \t]+\|)*[ \t]+(?=\S)/g, '\n');
  // "Send-IncidentSummary-PlantBremen\n\nThis playbook ...": a name written as a script's, on a line of its own, is a title.
  text = text.replace(/^\s*[A-Z][a-z]+(?:-[A-Z][A-Za-z0-9]*){1,5}\s*\n(?=[\s\S]*\S)/, '');
  // "Action: restrictCodeExecution on that device": the Defender API's name of a step, said as the step.
  // "revoke the refresh tokens (revokeSignInSessions) and confirmCompromised": Microsoft Graph's names of the user steps too.
  // "RunAntiVirusScan (Full)", "Isolate(type=Selective)": the API's step with its kind.
  text = text.replace(/\b(runantivirusscan|isolate(?:machine|device)?)\s*\(\s*(?:(?:scan|isolation)?type\s*[:=]\s*)?["']?(full|quick|selective)["']?\s*\)/gi, (m: string, api: string, kind: string) => {
    const k = kind.toLowerCase();
    if (/^run/i.test(api)) return k === 'selective' ? m : `run a ${k} antivirus scan`;
    return k === 'quick' ? m : `${k === 'full' ? 'fully' : 'selectively'} isolate the device`;
  });
  text = text.replace(API_STEP_NAME, (m: string, name: string, _entity: string | undefined, party: string | undefined) => {
    const words = API_STEP_WORDS[name.toLowerCase()];
    if (!words) return m;
    return party ? `${words} of the ${party.toLowerCase()}` : words;
  });
  // "Skip service accounts (...) entirely", "ignore those altogether": a skip is whole anyway. "Tasks: X, then Y": the steps.
  // (Only of a kind named: "skip anything tagged kiosk entirely" is asked about as it was.)
  text = text.replace(/\b(skip|ignore|exclude|leave\s+out|spare)(\s+(?:the\s+|all\s+|any\s+)?(?:[\w-]+\s+){0,2}?(?:accounts?|users?|devices?|machines?|hosts?|boxes|servers?|workstations?|laptops?|ips?|urls?|domains?)\b[^.;:!?\n]{0,60}?)\s+(?:entirely|altogether|completely|fully|totally)\b/gi, '$1$2')
    .replace(/(^|[.;!?]\s+)(?:tasks|task\s+list)[ \t]*:[ \t]*(?=\S)/gi, '$1');
  // "!msgraph-user-session-revoke", "!microsoft-atp-isolate-machine": an XSOAR integration's command, as the step it runs.
  text = text.replace(XSOAR_COMMAND_NAME, (m: string, name: string) => XSOAR_COMMANDS[name.toLowerCase()] ?? m);
  // "A, then B ONLY when severity >= High, then C": the case is B's; a sentence of its own says so (in the chain, its
  // severity had become the trigger of A and C too).
  text = text.replace(/,\s*(?:and\s+)?then\s+([^,.;:!?\n]{3,80}?\s+only\s+(?:when|if)\s+[^,.;:!?\n]{3,60}?)\s*,\s*(?:and\s+)?then\s+/gi, '. $1. ');
  // "close it as TruePositive / SecurityTesting": a determination as the API spells it, in words.
  text = text.replace(/\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b/g, (m: string) => {
    const words = m.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase();
    return API_DETERMINATION.test(words) ? words : m;
  });
  // "The playbook takes no containment actions": nothing done to the devices; "no other action" adds nothing to the steps.
  text = text.replace(/(^|[.;!]\s+)(?:the|this)\s+(?:playbook|automation|runbook|workflow)\s+(?:takes|performs|does|runs|makes)\s+no\s+(?:containment|device|response)\s+actions?(?:\s+(?:on|against)\s+(?:the\s+)?(?:devices?|machines?|hosts?))?\s*(?=[.;!]|$)/gi, '$1never isolate or restrict the devices')
    .replace(/(^|[.;!]\s+)(?:the|this)\s+(?:playbook|automation|runbook|workflow)\s+(?:takes|performs|does|makes)\s+no\s+(?:other|further|additional)\s+(?:actions?|changes?)\s*(?=[.;!]|$)[.;!]?/gi, '$1');
  // "only for Poznan plant (device name contains -poz-)": the place is the devices the brackets name.
  text = text.replace(/\b(for|on|in)\s+(?:the\s+|our\s+)?(?:[A-Z][\w-]*\s+){1,2}(?:plant|site|office|location|campus|branch|factory|warehouse|hospital|clinic|lab)s?\s*\(\s*(?:device|host|machine|computer)?\s*(?:names?|hostnames?)\s+(contains?|containing|includes?|starts?\s+with|begins?\s+with|starting\s+with)\s+([^()\s]+)\s*\)/g, (_m, prep: string, verb: string, value: string) => `${prep} devices whose name ${/^start|^begin/i.test(verb) ? 'starts with' : 'contains'} ${value}`);
  // "name contains -poz-": a part of a name with dashes either side, quoted so no dash reads as punctuation.
  text = text.replace(/\b((?:names?|hostnames?)\s+(?:contains?|containing|includes?|including)|contain(?:s|ing)?)\s+(-[\w.]+(?:-[\w.]+)*-?)(?=[\s,.;:)]|$)/gi, "$1 '$2'");
  // "Affected device hostname matches *-EWS-* (any site: DAY, MTY, GDN)": the devices named so; the bracket says what the
  // star stands for.
  text = text.replace(/\b(?:(?:the\s+)?affected\s+)?(?:device|machine|computer|host)?\s*(?:host\s?name|device\s?name|computer\s?name|dns\s?name|name)\s+(?:matches|is\s+like|looks\s+like|like|=|~)\s+(["'\u2018\u201c]?)([\w.*?-]*\*[\w.*?-]*)\1(?:\s*\(\s*(?:any|all|every|each)\s+(?:sites?|plants?|locations?|regions?|offices?|numbers?)\b[^()]{0,60}\))?/gi, (_m, _q: string, pattern: string) => `devices named ${pattern}`);
  // "Teams post only, a human decides", "post to Teams and the shift lead decides": who decides after the step is no step.
  text = text.replace(/\s*(?:,|\band)\s+(?:a|the|an)\s+(?:human|analyst|person|(?:shift\s+)?lead|on-?call|engineer)\s+(?:decides|takes\s+it\s+from\s+there|handles\s+the\s+rest)(?=\s*(?:[.;\n]|$))/gi, '');
  // "Isolate the EWS (full)", "isolate (selective)": the kind of isolation.
  // (Said before the verb, in place: as an aside moved to the sentence's end, "HIGH -> isolate (selective) / MED -> scan"
  // had become a selective isolation of every incident.)
  text = text.replace(/\b(isolat\w*)((?:\s+(?!\()[^\s()]+){0,4})\s*\(\s*(full|selective)\s*\)/gi, (_m, verb: string, rest: string, kind: string) => `${kind.toLowerCase()} ${/^isolat(?:e|es|ed|ing)$/i.test(verb) ? verb : 'isolate'}${rest}`);
  // "Alert category DefenseEvasion (tamper protection bypass, AV turned off, exclusions added, ...)": examples of the kind,
  // a list that trails off.
  text = text.replace(/\(([^()]{3,120}?),?\s*(?:\.\.\.|\u2026|etc\.?)\s*\)/g, '(for example $1)');
  // "(see OT-RB-08)", "(separate runbook)", "(server team runbook)": where another procedure covers it.
  text = text.replace(/\s*\(\s*(?:see\s+[^()]{1,40}|(?:a\s+|the\s+)?(?:[\w-]+\s+){0,3}(?:runbook|playbook|procedure|proc|sop|process))\s*\)/gi, '');
  // "Title: Enrich and escalate URLs\nDescription: ...": the title line names the playbook; the rest says what it does.
  text = text.replace(/^\s*(?:title|playbook\s+name)\s*:\s*[^\n]{1,100}\n(?=[\s\S]*\S)/i, '');
  // "a short comment", "a brief note": the comment.
  text = text.replace(/\b(an?|the)\s+(?:short|brief|quick)\s+(comment|note)\b/gi, '$1 $2');
  // "group 'Finance-Department' (entra group)": the kind of group, said again.
  text = text.replace(/\s*\(\s*(?:an?\s+)?(?:entra(?:\s+id)?|azure\s+ad|aad|ad|security|m365|o365)\s+group\s*\)/gi, '');
  // ", not this playbook", "that is another playbook": whose job the rest is, a remark.
  text = text.replace(/\s*,\s*(?:not\s+(?:for\s+)?this\s+(?:playbook|one|runbook)|(?:that|this)(?:'s|\s+is)\s+(?:for\s+)?(?:another|a\s+different)\s+(?:playbook|runbook|team))(?=\s*(?:[.;]|$))/gi, '');
  // "everybody else: nothing": every other user is left alone.
  text = text.replace(/(^|[.;]\s+)(?:everybody|everyone|anybody|anyone|all\s+the\s+others)\s+else\s*(?::|,|-|->)?\s*(?:nothing|skip|ignore|leave\s+(?:them|it)\s+alone|no\s+action)(?=\s*(?:[.;]|$))/gi, '$1every other user, leave it');
  // "everything else ignore for now", "anything else: nothing": the other cases get nothing.
  text = text.replace(/(^|[.;]\s+|\n)(?:everything|anything|all)\s+else\s*(?::|,|-|->|=)?\s*(?:just\s+)?(?:ignore|skip|nothing|do\s+nothing|no\s+action|leave(?:\s+(?:it|them))?(?:\s+alone)?)(?:\s+(?:it|them))?(?:\s+for\s+now)?(?=\s*(?:[.;\n]|$))/gi, '$1otherwise do nothing');
  // "anything under high stays with the analysts", "lower ones are for the humans": a case handed to people is one the
  // playbook leaves alone.
  text = text.replace(/(^|[.;!?]\s+|\n)((?:anything|everything|all|the\s+rest)\s+(?:below|under|lower\s+than|less\s+than|above|over)\s+(?:informational|low|medium|high)|(?:informational|low|medium|high|lower|higher)(?:\s+(?:sev(?:erity)?|ones|incidents|alerts|stuff))?)\s+(?:stays?|remains?|goes|go|is|are|gets?\s+left)\s+(?:with|to|for)\s+(?:the\s+|our\s+)?(?:analysts?|humans?|team|soc|people|on-?call|us)(?=\s*(?:[.;!?\n]|$))/gi, '$1$2: do nothing');
  // "low stuff can wait": those incidents.
  text = text.replace(/\b(informational|info|low|medium|med|high|lower|higher)(\s+sev(?:erity)?)?\s+stuff\b/gi, '$1$2 ones');
  // "ignore every other source", "don't touch incidents from any other source": said after a source the steps are for,
  // the other sources get nothing (without a source named before, what "other" means is not known and stays unread).
  const otherSources = /(^|[.;!?]\s+|\n)(?:(?:just\s+|simply\s+)?(?:ignore|skip)|(?:do\s+not|don'?t|dont|never)\s+touch|leave)\s+(?:(?:the\s+)?(?:incidents?|alerts?|ones|anything|everything)\s+(?:from|of)\s+)?(?:any|every|all|the)?\s*other\s+(?:sources?|products?|services?|detection\s+sources?)(?:\s+alone)?(?=\s*(?:[.;!?\n]|$))/gi;
  if (SOURCE_NAMED.test(text.replace(otherSources, ' '))) {
    text = text.replace(otherSources, '$1otherwise do nothing');
  }
  // "Never a server." after a device step: the step is never run on one.
  text = text.replace(/(^|[.;!?]\s+)(never|not)\s+(?:(?:on|for)\s+)?(?:an?\s+)?(servers?|workstations?|domain\s+controllers?|laptops?|desktops?)(?=\s*(?:[,.;!?]|$))/gi, (_m, lead: string, never: string, kind: string) => `${lead}${never} on ${kind.replace(/s?$/, 's')}`);
  // "never auto-close anything, ever": no close.
  text = text.replace(/\b(never|do\s+not|don'?t|dont)\s+(?:ever\s+)?(?:auto-?|automatically\s+)?(close|resolve)\s+(?:anything|any\s+incidents?|incidents|any\s+of\s+them)(?:\s*,?\s*ever)?\b(?!\s+(?:automatically|auto)\b)/gi, '$1 $2 the incident');
  // "don't reassign anything somebody already owns" (with the assignment): only an incident nobody owns is assigned.
  text = text.replace(/(^|[.;!?]\s+|,\s*(?:and\s+)?)(?:never|do\s+not|don'?t|dont)\s+(?:re-?assign|take\s+over|steal)\s+(?:anything|incidents?|ones|it|any(?:thing)?)\s+(?:that\s+)?(?:somebody|someone|anyone|anybody|a\s+person|an?\s+analyst)\s+(?:already\s+)?(?:owns|has(?:\s+taken)?|is\s+working\s+on)(?=\s*(?:[.;!?]|$))/gi, '$1only if the incident is unassigned');
  // "Block every hash. The indicators shall expire after 14 days.": how long the blocks said just before last.
  text = text.replace(/(\b(?:block|ban|blacklist|indicator)[^.;!?\n]*?)\s*[.;]\s+(?:the\s+|these\s+|those\s+|all\s+)?(?:indicators?|iocs?|blocks?|they|it)\s+(?:(?:shall|should|must|will|are\s+to|have\s+to|need\s+to)\s+)?(?:expire|run\s+out|lapse|be\s+removed)\s+(?:after|in|within)\s+(\d+)\s+(days?|weeks?|hours?|months?)\s*(?=[.;!]|$)/gi, '$1 for $2 $3');
  // "if the user is in group G, disable ... By normal users only revoke": the users outside the group, said after it.
  text = text.replace(/(^|[.;!?]\s+)(?:for|by|with)\s+(?:all\s+)?(?:the\s+)?(?:other|normal|regular|ordinary)\s+(?:users|accounts|people|staff|employees)\s*[,:]?\s+(?=(?:only|just)\b)/gi, (m: string, lead: string, at: number, whole: string) => (/\b(?:in|of)\s+(?:the\s+)?(?:group\b|'[^']{2,40}'\s+group\b)/i.test(whole.slice(0, at)) ? `${lead}Otherwise ` : m));
  // "unless the user is in the group 'OT-Operators' ... For OT-Operators only revoke": a group named before, by its name alone.
  for (const g of new Set([...text.matchAll(/\bgroup\s+["'\u2018\u201c]([\w.&-]{2,40})["'\u2019\u201d]|["'\u2018\u201c]([\w.&-]{2,40})["'\u2019\u201d]\s+group\b/gi)].map((m) => m[1] ?? m[2]))) {
    const esc = g.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    text = text.replace(new RegExp(String.raw`(^|[.;:]\s+|,\s+)for\s+(?:the\s+)?${esc}(?:\s+(?:users|accounts|people|members|ones))?(?=\s*[,:]?\s+(?:only|just|we|please|pls|do|revoke|reset|send|post|email|mail|notify|inform|ping)\b)`, 'gi'), `$1for members of the '${g}' group`);
  }
  // "accounts whose UPN starts with svc- or breakglass": each prefix, of the accounts (read once, "breakglass" had been
  // left out of the exception and those accounts acted on).
  text = text.replace(/\b(accounts?|users?|identities)\s+whose\s+(?:upn|user\s?principal\s?name|sam\s?account\s?name|login|logon\s+name|username)s?\s+/gi, '$1 whose name ')
    .replace(/\b((?:accounts?|users?|identities)\s+(?:whose\s+names?\s+|with\s+names?\s+)?(?:start(?:s|ing)?|begin(?:s|ning)?)\s+with\s+)(["'\u2018\u201c]?[\w.-]+\*?["'\u2019\u201d]?)((?:\s*,\s*["'\u2018\u201c]?[\w.-]+\*?["'\u2019\u201d]?)*)\s+or\s+(["'\u2018\u201c]?[\w.-]+\*?["'\u2019\u201d]?)(?=[\s,.;:)]|$)/gi, (_m, head: string, first: string, middle: string, last: string) => [first, ...middle.split(',').map((x) => x.trim()).filter(Boolean), last].map((p, i) => (i === 0 ? `${head}${p}` : `accounts starting with ${p}`)).join(' or '));
  // "every incident that has a device on it": a device in the incident ("on it" said again).
  text = text.replace(/\b((?:has|have|having|with|contains?|containing)\s+(?:an?|any|at\s+least\s+one|one\s+or\s+more)\s+(?:devices?|machines?|hosts?|endpoints?|users?|accounts?|files?|ips?|urls?))\s+(?:on|in|attached\s+to|tied\s+to)\s+(?:it|them|the\s+incident)\b/gi, '$1');
  // "computer names starting lib-kiosk-", "hostnames beginning hpc-": "with" left out.
  text = text.replace(/\b((?:computer\s+|device\s+|host\s?|dns\s+)?names?)\s+(starting|beginning|starts|begins)\s+(?!with\b)(?=["'\u2018\u201c]?[a-z0-9][\w.-]*)/gi, '$1 $2 with ')
    .replace(/\bcomputer\s+(names?)\s+(?=(?:start|begin|contain|includ|end))/gi, 'device $1 ');
  // "Service accounts (user principal name beginning with svc-)", "the service accounts (they begin with svc-)": the
  // accounts named so, which the name in brackets says.
  text = text.replace(/\b(?:(?:service|svc|admin|technical|system)\s+)?(accounts?|users?)\s*\(\s*(?:user\s+principal\s+names?|upns?|user\s?names?|names?|(?:they|which|those|that|these)(?:\s+all)?)\s+(?:beginning|starting|begins?|starts?|that\s+begin|that\s+start)\s+with\s+["'\u2018\u201c]?([\w.-]+?)\*?["'\u2019\u201d]?\s*\)/gi, '$1 starting with $2');
  // "servers leave alone ops handles those": the kind left alone, said first; who handles them is why.
  text = text.replace(/(^|[.;]\s+|,\s+)((?:the\s+)?(?:servers?|workstations?|laptops?|desktops?|dcs?|domain\s+controllers?|linux\s+(?:boxes|hosts|servers)|macs?))\s+(?:leave\s+(?:them\s+|those\s+)?alone|skip|ignore)(?:\s*,?\s+(?:the\s+)?[\w-]+(?:\s+team)?\s+(?:handles?|owns?|covers?)\s+(?:those|them|it))?(?=\s*(?:[.;]|$))/gi, '$1leave $2 alone');
  // "when an incident affects a device whose name ...": involves.
  text = text.replace(/\baffects\s+(?=(?:a|an|any|the|one|at\s+least\s+one)\s+(?:device|machine|host|endpoint|user|account)s?\b)/gi, 'involves ');
  const addressed = addresseeOf(text.trimStart());
  if (addressed) text = addressed.rest;
  // "(we want) every box in the X group with a high alert isolated": the step, said as what the devices end up.
  text = text.replace(/(^|[.;!?]\s+)(?:(?:we|i|they)\s+(?:want|need|would\s+like)\s+)?((?:any|every|each|all)\s+(?:devices?|machines?|hosts?|box(?:es)?|endpoints?)\s+[^.;!?()\n]{3,140}?)\s+(isolated|restricted|contained|scanned)(?=\s*(?:[.;!?(,]|$))/gi, (_m, lead: string, which: string, done: string) =>
    `${lead}${({ isolated: 'isolate', restricted: 'restrict app execution on', contained: 'contain', scanned: 'run an antivirus scan on' } as Record<string, string>)[done.toLowerCase()]} ${which}`);
  // Chat around the request: "can u build:", "quick one:", "sound good?", "oh and ...". None of it says which incidents.
  text = text
    .replace(new RegExp(String.raw`^\s*(?:${CAN_YOU_MAKE}(?:\s+(?:me\s+|us\s+)?(?:this|one|a\s+playbook|something|an?\s+automation|a\s+rule))?|quick\s+one|(?:a\s+)?quick\s+(?:ask|request))\s*[:,-]\s*`, 'i'), '')
    .replace(/(^|[.;!]\s*|,\s*)(?:sounds?\s+good|makes?\s+sense|ok(?:ay)?|cool|right|thoughts|does\s+that\s+work|work\s+for\s+you)\s*\?+\s*/gi, '$1')
    .replace(/(^|[.;!?,]\s*)oh+\s*,?\s+(?=(?:and|also|plus|btw|one\s+more\s+thing)\b)/gi, '$1')
    .replace(/\b(never|dont|don't|do\s+not)\s+(?:act\s+(?:on|upon)|take\s+(?:any\s+)?action\s+on)\b/gi, '$1 touch')
    // "collect a package so it's ready when day shift gets in": what the step is for; the "when" is no case of the step.
    .replace(/\bso\s+(?:that\s+)?(it|they|(?:the|a)\s+[\w-]+|everything)(?:'s|'re|\s+is|\s+are|\s+will\s+be)\s+(ready|there|waiting|available|done)\s+(?:when|once)\b/gi, 'so that $1 is $2 by the time');
  text = text.replace(/<\/?[a-z][^>]*>/gi, ' ');
  // "can you make that when ...", "I want that when ...": a wish for what follows, said the way German or Polish says it.
  text = text.replace(new RegExp(String.raw`(^|[.!;]\s+)(?:${CAN_YOU_MAKE}|(?:i|we)\s+(?:want|need|would\s+like)|please\s+make|pls\s+make)\s+(?:it\s+so\s+|sure\s+)?that\s+(?=(?:when|whenever|if|every|each|all|for|on|the|an?)\b)`, 'gi'), '$1');
  // "when a ransomware alert comes from MDE the machine gets isolated": the case ends where the step's subject starts, a
  // comma left out.
  text = text.replace(new RegExp(String.raw`(^|[.;!]\s+)((?:when|whenever|if|once)\s+[^,.;:]{3,120}?)\s+((?:the|its|their|each|every|all\s+the|that|this)\s+(?:[\w-]+\s+){0,2}?(?:machines?|devices?|hosts?|box(?:es)?|users?|accounts?|hash(?:es)?|files?|ips?|urls?|domains?|sessions?|passwords?|endpoints?|pcs?|computers?|laptops?|servers?|workstations?)\s+(?:is|are|gets?|will\s+be|should\s+be|must\s+be)\s+(?:(?:then|also|immediately|automatically)\s+)?(?:${PARTICIPLE_WORDS})\b)`, 'gi'), (m: string, lead: string, cond: string, step: string) =>
    // ("when the alert is High and the device is tagged 'pci', isolate it": a state the case goes on with, never a step;
    // read as "tag the device", every High alert's device had been isolated.)
    (/\s(?:and|or|but|nor)$/i.test(cond) ? m : `${lead}${cond}, ${step}`));
  // "good night team.", "good morning all,": a greeting.
  text = text.replace(/^\s*(?:good\s+)?(?:morning|night|evening|afternoon|day)(?:\s+(?:team|all|guys|everyone|folks|soc|y'?all))?\s*(?:[.,!]+|\s[-\u2013])\s*/i, '');
  // "oblige him to change the password", "force the user to change their password": a password reset.
  text = text.replace(/\b(?:oblige|force|make|require|get)\s+(?:him|her|them|the\s+user|the\s+account|the\s+users)\s+to\s+(?:change|reset|renew)\s+(?:his|her|their|the|its)\s+(?:password|pw|pwd)\b/gi, 'reset the password');
  // "less than 10 but more than 0", "more than 2 and under 8": the band between, said with both bounds.
  text = text.replace(/\b(?:less|fewer|lower)\s+th[ae]n\s+(\d+)\s+(?:but|and)\s+(?:more|greater|higher)\s+th[ae]n\s+(\d+)\b/gi, (m, hi: string, lo: string) => (Number(lo) + 1 <= Number(hi) - 1 ? `${Number(lo) + 1} to ${Number(hi) - 1}` : m))
    .replace(/\b(?:more|greater|higher)\s+th[ae]n\s+(\d+)\s+(?:but|and)\s+(?:less|fewer|lower)\s+th[ae]n\s+(\d+)\b/gi, (m, lo: string, hi: string) => (Number(lo) + 1 <= Number(hi) - 1 ? `${Number(lo) + 1} to ${Number(hi) - 1}` : m));
  // "if already somebody is assigned", "assigned to nobody": whether the incident has an owner.
  text = text.replace(/\b(?:already\s+)?(?:somebody|someone|anybody|anyone|an?\s+analyst)\s+is\s+(?:already\s+)?assigned\b/gi, 'the incident is already assigned')
    .replace(/\b(is|are)\s+assigned\s+to\s+(?:nobody|no\s+one|noone|none)\b/gi, '$1 unassigned')
    .replace(/\b(?:do\s+not|don'?t|dont)\s+(?:change|touch|modify)\s+anything\s*,\s*(?=(?:only|just)\s)/gi, '');
  // ", the owner is plant IT": who owns them, a remark.
  text = text.replace(/\s*,\s*(?:the\s+)?(?:owner|contact|point\s+of\s+contact|responsible\s+team)\s+(?:is|are)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+){0,2}(?=\s*(?:[.;]|$))/gi, '');
  // ", other team handles them": who deals with the rest, said as why.
  text = text.replace(/\s*,\s*(?:the\s+|an?\s+)?(?:other|another|different|separate)\s+(?:team|desk|group|playbook|runbook)\s+(?:handles?|covers?|owns?|takes?\s+care\s+of|deals\s+with|looks\s+after)\s+(?:them|those|these|it|that)(?=\s*(?:[.;]|$))/gi, '');
  // "the svc accounts we must not touch": the object said first, as German or Polish put it.
  text = text.replace(/(^|[.;!]\s+|,\s*)(?:but\s+)?(?:attention\s*[,:!]*\s+)?((?:the\s+)?[^,.;!]{3,60}?)\s+(?:we|you|u)\s+(?:(?:must|should|can|may|shall)\s*(?:not|n'?t)|never|don'?t|dont|do\s+not)\s+touch\b/gi, '$1never touch $2');
  // "... never touch accounts starting with svc-, for them only send a message": an exception, and what it gets.
  text = text.replace(/(?:([a-z0-9)"'])[.;!]\s+|(^|,\s*))(?:but\s+)?(?:never|dont|don'?t|do\s+not)\s+touch\s+([^,.;]{3,60}?)\s*[,;:-]\s*(?:and\s+)?(?:for|with)\s+(?:them|those|these)\s*,?\s+/gi, (_m, end: string | undefined, lead: string | undefined, what: string) => `${end ?? lead ?? ''}${end ? ', ' : ''}except ${what}, in that case `);
  // "... on it?? only when sev is high": a double question mark in chat ends the sentence.
  text = text.replace(/([a-z0-9)"'])\?{2,}\s+(?=[a-z])/gi, '$1. ');
  // "can u make a thing that isolates the machine when ...": the playbook that does it.
  text = text.replace(new RegExp(String.raw`(^|[.!;]\s+)${CAN_YOU_MAKE}\s+(?:me\s+|us\s+)?(?:a\s+thing|something|one|a\s+playbook|a\s+rule|an?\s+automation)\s+(?:that|which)\s+(?=[a-z]+s\b)`, 'gi'), '$1the playbook ');
  // "make also a full scan", "make disable of the account", "make isolation of the box": the step, with "make" for "do".
  text = text
    .replace(/\bmake\s+(?:also\s+|too\s+)?(an?\s+(?:(?:full|quick|av|antivirus)\s+){0,2}scan)\b/gi, 'also run $1')
    .replace(/\bmake\s+(?:also\s+)?(?:the\s+|a\s+)?(disable|isolation|reset|revoke|block)\s+of\s+/gi, (_m, what: string) => `${{ disable: 'disable', isolation: 'isolate', reset: 'reset', revoke: 'revoke', block: 'block' }[what.toLowerCase()] ?? what} `);
  // "(forensics need it before the box gets reimaged)": an aside in brackets that is a clause of its own says why. Before
  // "in that case" it would stand between the case and what it gets, and is left out there.
  text = text.replace(/\s\(([^()]{3,100})\)/g, (m: string, aside: string, at: number, whole: string) => {
    // ("want it running for Dayton, Monterrey and Gdansk": a place named with a capital may be a scope.)
    if (!ASIDE_CLAUSE.test(aside) || ASIDE_NARROWS.test(aside) || /\b(?:for|at|in)\s+(?:the\s+)?[A-Z][a-z]{2,}/.test(aside)) return m;
    // "UNLESS incident tagged X (batch running, lead signed off) -> no iso, just ...": an aside inside an exception's case
    // stays there, where the exception is read with it (made a reason here, it had swallowed the rule-out after it, and the
    // isolation ran on the tagged incidents only).
    if (/\bunless\s+[^.;!?]{0,80}$/i.test(whole.slice(0, at))) return m;
    return /^\s*[.,;]?\s*(?:in\s+(?:that|which|this)\s+case|then)\b/i.test(whole.slice(at + m.length)) ? '' : ` because ${aside}`;
  });
  // "members of group Finance-Team", "in entra group Tier0_Admins": a group named after the word, unquoted, as the group
  // readers know it ("in the 'Finance-Team' group"). A one-word name with a capital, digit, dash or underscore only.
  text = text.replace(/\b(in|of)\s+(?:the\s+)?(?:(?:entra|azure\s+ad|aad|ad|security|m365)\s+(?:id\s+)?)?group\s+(?!(?:The|This|That|And|Or|If|When|Then)\b)(?:["'\u2018\u201c]([^"'\u2019\u201d]{1,40})["'\u2019\u201d]|([A-Z](?:[\w&-]|\.(?=\w))*|[a-z](?:[\w&]|\.(?=\w))*[-_A-Z0-9](?:[\w&-]|\.(?=\w))*)(?!\s+group\b))(?=\s*(?:[.,;:)!?]|$|\s))/g, (_m, prep: string, quoted: string | undefined, name: string | undefined) => `${prep} the '${quoted ?? name ?? ''}' group`);
  // "DO NOT touch anyone in BreakGlass": people in a name that reads as a group's (a capital, no space) are its members;
  // "anyone in the 'X' group" are its users.
  text = text
    .replace(/\b(?:anyone|anybody|everyone|everybody|users?|accounts?|people|members|folks)\s+(?:in|from|of)\s+(?:the\s+(?=[A-Z][\w-]*\s+group\b))?(?!The\b|This\b|That\b)([A-Z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)*)(?:\s+group\b)?(?=\s*(?:[.,;:!?]|$)|\s+alone\b|\s+(?:are|is)\s+(?:never|not|excluded|exempt|off)\b)/g, "users in the '$1' group")
    .replace(/\b(?:anyone|anybody|everyone|everybody|people|members|folks)(?=\s+(?:in|from)\s+the\s+'[^']{1,40}'\s+group\b)/gi, 'users');
  // "the user's in Domain Admins ... if they're not a DA": a member of a group named before, called by its initials.
  for (const g of [...text.matchAll(/\b(?:in|of)\s+(?:the\s+)?'?((?:[A-Z][a-z]+\s+){1,2}[A-Z][a-z]+)'?(?:\s+group)?\b/g)]) {
    const initials = g[1].split(/\s+/).map((w) => w[0]).join('');
    text = text.replace(new RegExp(`\\b(is|are|'re|'s)\\s+(not\\s+)?an?\\s+${initials}s?\\b`, 'g'), (_m, verb: string, not: string | undefined) => `${verb} ${not ?? ''}in the '${g[1]}' group`);
  }
  // "if user is of group Break-Glass" (now "of the 'Break-Glass' group"): a member of it.
  text = text.replace(/\b((?:the\s+)?(?:user|account|acct|guy|person)|he|she|they)\s+(is|are)\s+of\s+(?=the\s+'[^']{1,40}'\s+group\b)/gi, '$1 $2 in ');
  // "because when the box is offline the line stops": the "when" of a reason is no case of the steps.
  text = text.replace(/\b(because|since|cuz|coz)\s+(?:when|whenever|once|if)\s+/gi, '$1 ');
  // "every incident that is not yet resolved", "unresolved incidents": the open ones. "Resolved incidents are skipped",
  // "ignore closed incidents": only the open ones (read word by word, "resolved" had been a step that closed incidents).
  text = text
    .replace(/\b(incidents?|ones|cases?)\s+(?:that|which)\s+(?:is|are|has|have)\s+not\s+(?:yet\s+|already\s+|been\s+)*(?:resolved|closed)\b/gi, (_m, noun: string) => `open ${noun}`)
    .replace(/\b(?:unresolved|un-resolved|not[- ]yet[- ]resolved|non-?resolved)\s+(?=(?:incidents?|ones|cases?)\b)/gi, 'open ')
    .replace(/(^|[.;]\s+|,\s+(?:and\s+|but\s+)?)(?:(?:ignore|skip|leave\s+out|exclude)\s+(?:any\s+|all\s+|the\s+)?(?:already\s+)?(?:resolved|closed)\s+(?:incidents|ones|cases)|(?:already\s+)?(?:resolved|closed)\s+(?:incidents|ones|cases)\s+(?:are|get|will\s+be)\s+(?:skipped|ignored|left\s+(?:alone|untouched|out)|not\s+(?:touched|processed|changed)|out\s+of\s+scope|excluded))(?=\s*(?:[.;]|$))/gi, '$1only for open incidents');
  // "servers (windows server OS)": what servers are, said again in brackets.
  text = text.replace(/\b(servers?)\s*\(\s*(?:any\s+)?(?:windows\s+server(?:\s+(?:os|edition)s?)?|(?:os|osplatform)\s*[:=]?\s*windows\s*server\*?|server\s+os(?:es)?)\s*\)/gi, '$1');
  // "outside business hours, i.e. before 07:00 or after 19:00 UTC": a time window in one form the segmenter keeps whole.
  text = canonicalTimes(text);
  // "only when the device risk score is high as well, not medium": the level said again the other way round.
  text = text.replace(/\b(risk\s+(?:score|level)\s+(?:is\s+|=\s*)?(?:high|medium|low)(?:\s+as\s+well|\s+too)?)\s*,\s*(?:but\s+)?not\s+(?:high|medium|low)(?:\s+or\s+(?:high|medium|low))?(?=\s*(?:[.;,]|$))/gi, '$1');
  // "... at 08:00-18:00 UTC. Outside these hours please only send a Teams message": the other side of the window.
  if (/\bat\s+\d\d:\d\d-\d\d:\d\d\s+UTC\b/.test(text)) text = text.replace(/(^|[.;]\s+)(?:outside\s+(?:of\s+)?(?:these|those|the|business|office|working)\s+hours|(?:at\s+)?(?:all\s+)?other\s+times|the\s+rest\s+of\s+the\s+time)\s*[,:]?\s*(?:please\s+|pls\s+)?/gi, '$1otherwise, ');
  // "... at 19:00-07:00 UTC. during the day a human handles it": the other side of a time window, which gets nothing.
  if (/\bat\s+\d\d:\d\d-\d\d:\d\d\s+UTC\b|\bon\s+[A-Z][a-z]+day(?:\/[A-Z][a-z]+day)*\s+UTC\b/.test(text)) {
    text = text.replace(/(^|[.;]\s+|,\s+(?=(?:and\s+)?(?:during|in|within|on)\b))(?:and\s+)?(?:during|in|within|on)\s+(?:the\s+|our\s+)?(?:day(?:time)?|business\s+hours|office\s+hours|working\s+hours|work\s+hours|weekdays?|the\s+week)\s*[,:]?\s*(?:->\s*)?(?:just\s+)?(?:do\s+nothing|nothing|leave\s+(?:it|them)(?:\s+alone|\s+for\s+[^.;]{1,40})?|(?:a\s+|the\s+)?(?:humans?|analysts?|person|people|someone|somebody|day\s*shift|day\s+team|on-?call|soc|we)\s+(?:handles?|picks?|takes?|deals?|looks?|will\s+handle|can\s+handle|triages?)\b[^.;]{0,40})(?:\s*,\s*(?:a\s+|the\s+)?(?:humans?|analysts?|day\s*shift|day\s+team|someone|we)\s+[^.;]{1,40})?(?=\s*(?:[.;]|$))/gi, '$1');
  }
  // "dont isolate the dc!! reset pw for ...": an exclamation inside a run-on sentence ends a clause, not the sentence.
  text = text.replace(/!+\s+(?=[a-z])/g, ', ');
  // "... + collect a pkg. and assign the incident to me": a sentence that starts with "and" goes on with the one before.
  // ("... . and never isolate X" is a rule of its own, and stays a sentence: joined, it had cut "in that case Y" short.)
  // ("... just full scan. also if the alert ip is bad block it": a case of its own after "also" starts a rule of its own;
  // joined, the kinds of device of the sentence before had become the block's case.)
  // "only if its 5+ engines, i dont want to block 8.8.8.8 by accident": the worry is why the case is said, no rule of its own.
  // "... in the Servers-Prod group? i got told we always need the pkg before anyone touches prod servers": a rule heard from
  // someone that names nothing the sentence before did not (prod, servers, package), and rules nothing out, is why the
  // request is made. ("we were told the lab boxes must stay up" names boxes the steps never narrowed to: still read.)
  text = text.replace(HEARSAY, (m: string, told: string, at: number, whole: string) => {
    const before = (whole.slice(0, at).split(/[.?!;]\s+/).pop() ?? '').toLowerCase();
    // (A box, a machine, a host: a device, however each sentence says it.)
    const stem = (w: string): string => (/^(?:box(?:es)?|machines?|hosts?|endpoints?|devices?|computers?|pcs?)$/.test(w) ? 'device' : singular(w));
    const said = new Set(before.split(/[^a-z0-9]+/).filter(Boolean).map(stem));
    const named = told.toLowerCase().replace(/^\S+\s+\S+(?:\s+been)?\s+told\s+/, '').split(/[^a-z0-9']+/).map((w) => SHORTHAND[w] ?? w).filter((w) => w && (!known(w) || HEARSAY_NAMES.test(w)));
    return named.every((w) => said.has(stem(w))) ? `, because ${told}` : m;
  });
  // "only with 8+ engines", "only with at least 5 detections": only if.
  text = text.replace(/\bonly\s+with\s+(?=(?:at\s+least\s+|more\s+than\s+|over\s+|>=?\s*)?\d+\s*\+?\s*(?:or\s+more\s+)?(?:(?:malicious|bad|vt|virustotal)\s+)?(?:engines?|detections?|hits?|vendors?)\b)/gi, 'only if ');
  // ("... more than 10 detections? i dont wanna quarantine some admin tool by mistake": the same worry, said after a stop.)
  text = text.replace(/(,\s*|\s+-\s+|(?<=\w)\s*[.?!]+\s+)(?=(?:i|we)\s+(?:dont|don'?t|do\s+not)\s+(?:want\s+to|wanna)\s+(?:[^.;,!?\n]|\.(?=\w)){2,80}?\s+(?:by\s+(?:accident|mistake)|accidentally)\b)/gi, ', because ');
  // "high severity incidents assign to X", "the medium ones go to Y": the case, then who owns it (read as a note, "go to"
  // had been left out and the medium incidents went to the high ones' owner).
  text = text.replace(/(^|[.;!?]\s+)((?:the\s+)?(?:critical|high|medium|low|informational)(?:\s+(?:or|and)\s+(?:critical|high|medium|low|informational))?(?:\s+(?:severity|sev))?\s+(?:ones|incidents?|alerts?))\s+(?:(?:should\s+)?go(?:es)?\s+to|assign\s+(?:it\s+|them\s+)?to)\s+(?=[\w.+-]+@[\w-]+\.)/gi, '$1$2: assign to ');
  // ("only if its 5+ engines, i dont want to block 8.8.8.8. and drop a comment": a sentence that narrows the steps before it
  // keeps its own stop; joined, it had narrowed the comment only and the block ran on one engine.)
  text = text.replace(/([a-z0-9)"'])\.\s+(and|plus|also)\s+(?=[a-z])(?!(?:never|dont|don't|do\s+not)\b)(?<!\balso\s+(?=(?:if|when|whenever)\b))/g, (m: string, end: string, joint: string, at: number, whole: string) => (NARROWING_SENTENCE.test(whole.slice(0, at + 1)) ? m : `${end}, ${joint} `));
  // "make the restrict of app execution on the device", "perform a scan of the host": an action said as a noun after a
  // verb that only carries it, as the verb itself.
  text = text.replace(/\b(?:(?:you\s+)?(?:make|makes|perform|performs|do|does|carry\s+out|carries\s+out|execute|executes|apply|applies|trigger|triggers|initiate|initiates)\s+)(?:an?\s+|the\s+)?(restrict|restriction|isolate|isolation|quarantine|collection|reset|revocation)\s+(?:of|on|for)\s+/gi, (_m, noun: string) => `${LIGHT_VERB_NOUN[noun.toLowerCase()]} `);
  // "block it, VT 1+ is enough", "3 engines is plenty": the threshold, said as what suffices.
  text = text.replace(/\b(?:(?:virustotal|vt)\s+)?(?:at\s+)?(\d+)\s*(?:\+|or\s+more)?\s*(?:engines?|detections?|hits?|vendors?)?\s+(?:is|are)\s+(?:enough|plenty|sufficient|fine|ok|okay)\b/gi, (m, n: string) => (/\b(?:virustotal|vt|engines?|detections?|hits?|vendors?)\b/i.test(m) ? `if VirusTotal flags it on ${n} or more engines` : m));
  // "unless theyre in Break Glass", "if the user is in Tier0 Admins": a group named without the word, when what was
  // just named is a user. "is one of the IT-Admins group": a member of it.
  text = text.replace(/\b(is|are)\s+one\s+of\s+the\s+([\w&.-]+(?:\s+[\w&.-]+)?\s+group)\b/gi, '$1 in the $2');
  // "if more than 5 engines say malicious, block it. if the url is clean, close it": after a threshold above one, clean is
  // still no detection at all (read as the other side of the threshold, 1 to 5 engines would have closed it).
  text = text.replace(/\b(if|when)\s+(?:it'?s\s+|it\s+is\s+|they'?re\s+|they\s+are\s+|(?:the\s+)?(url|ip|hash|file|domain|ioc)s?\s+(?:is|are)\s+)?(?:totally\s+|completely\s+|fully\s+)?clean\b/gi, (m, cue: string, what: string | undefined, offset: number) => {
    const before = text.slice(0, offset);
    if (!/(?:more\s+than|over|above|>)\s*[1-9]\d*|(?:at\s+least|>=|=>)\s*(?:[2-9]|\d{2,})|\b(?:[2-9]|\d{2,})\s*(?:\+|or\s+more)/i.test(before)) return m;
    const kind = (what ?? [...before.matchAll(/\b(url|ip|hash|file|domain)s?\b/gi)].at(-1)?.[1] ?? 'ioc').toLowerCase();
    return `${cue} no ${kind} is malicious`;
  });
  // "contractors only (upn starts with ext-)": the accounts the brackets define, by the start of their name.
  text = text.replace(/\b[a-z][\w-]*\s+only\s*\(\s*(?:their\s+|the\s+)?(?:upn|user\s?name|username|account\s?name|sign-?in\s+name|login)s?\s+(?:starts?|begins?|starting|beginning)\s+with\s+["']?([\w.-]+?)\*?["']?\s*\)/gi, (_m, prefix: string) => `only accounts named ${prefix}*`);
  // "if the user is member of group 'Tier0'": in that group.
  text = text.replace(/\b(is|are)\s+(?:an?\s+)?members?\s+of\s+(?:the\s+)?(?:entra\s+(?:id\s+)?)?group\s+(?:["'\u2018\u201c]([^"'\u2019\u201d]{1,60})["'\u2019\u201d]|([A-Z0-9][\w&.-]*))(?=[\s,.;:!?)]|$)/g, (_m, verb: string, quoted: string | undefined, bare: string | undefined) => `${verb} in the ${quoted ?? bare} group`);
  // "if low, do nothing please. Thank you!": courtesy closes the request and narrows nothing.
  text = text.replace(/\b(do\s+nothing|nothing|no\s+action)\s+(?:please|pls|plz|thanks|thx|ty)\b/gi, '$1');
  text = text.replace(/(^|[.!?;]\s+|,\s*)(?:(?:many\s+)?thanks?(?:\s+(?:you|a\s+lot|so\s+much|in\s+advance))*|thank\s+you(?:\s+(?:so|very)\s+much)?(?:\s+in\s+advance)?|thx|tks|tnx|tia|cheers|much\s+appreciated|appreciate\s+it)\s*[.!]*(?=\s*$|\s+[A-Z])/gi, (_m, lead: string) => (/[.!?;]/.test(lead) ? lead : ''));
  text = text.replace(/\b((?:they|he|she|the\s+(?:user|account|acct|owner|mailbox\s+owner|clicker|recipient|victim|employee|sender|person)s?(?:\s+(?:on|of|in|from)\s+(?:the|this|that|an?|each|any)\s+(?:[\w-]+\s+){0,3}?(?:alert|incident|detection)s?)?)\s*(?:'re|’re|re|\s+are|\s+is|'s))\s+(not\s+)?in\s+(?:the\s+)?((?!(?:Defender|Teams|Outlook|Azure|Entra|Microsoft|Office|Windows|Linux|Exchange|SharePoint|OneDrive|MDE|MDO|MDI|VT|AD|AAD|IT)\b)[A-Z][\w&.-]*(?:\s+[A-Z0-9][\w&.-]*){0,2})(?!\s+(?:group|groups|grp|grps|ou|department|dept|team|site|office|tenant)\b|[\w&.-]|\s+[A-Z0-9])/g, (m, who: string, not: string | undefined, name: string, offset: number, whole: string) => {
    const before = whole.slice(Math.max(0, offset - 160), offset);
    const noun = [...before.matchAll(/\b(box(?:es)?|devices?|machines?|hosts?|endpoints?|servers?|workstations?|laptops?|users?|accounts?|acct|sessions?|passwords?|pw|creds|credentials|identit(?:y|ies)|mailbox(?:es)?)\b/gi)].at(-1)?.[1] ?? '';
    const userish = /^(?:users?|accounts?|acct|sessions?|passwords?|pw|creds|credentials|identit(?:y|ies)|mailbox(?:es)?)$/i.test(noun) || /^(?:he|she|the\s+(?:user|account|acct|owner))/i.test(who);
    // ("if the owner is in Finance-AP": the mailbox's owner, a user; never the incident's owner, who is no member of anything.)
    return userish ? `${who.replace(/^the\s+(?:mailbox\s+)?(?:owner|clicker)(?=\s|'|$)/i, 'the user')} ${not ?? ''}in the ${name} group` : m;
  });
  // "In every other case the incident is left untouched for manual triage": the other side of the steps' own cases.
  text = text.replace(/(^|[.;]\s+)(?:in\s+(?:every|all|any)\s+other\s+cases?|otherwise|in\s+all\s+other\s+situations),?\s+(?:the\s+incident|it|they|incidents?|nothing)\s+(?:is|are|remains?|stays?|happens)(?:\s+(?:left|kept))?(?:\s+(?:untouched|unchanged|alone|open|as\s+is))?(?:\s+for\s+(?:manual|human|an?\s+analyst'?s?)\s+(?:triage|review|handling|investigation))?\s*(?=[.;]|$)/gi, '$1');
  // "performs no containment, blocking or account actions of any kind": the "no" is for every kind in the list.
  text = text.replace(new RegExp(String.raw`\bno\s+(?:${ACTION_NOUN}|[\s,]|\b(?:or|and|nor)\b)+?\s*(?:actions?|steps?|changes?|measures?)(?:\s+(?:of\s+any\s+kind|whatsoever|at\s+all))?(?=\s*[.;,]|\s+(?:is|are|will|on|for|to|against)\b|$)`, 'gi'), 'no action');
  // "When at least one hash is reported malicious by five or more engines": a hash flagged by that many.
  text = text.replace(/\b(?:at\s+least\s+(?:one|1)|any|a|an)\s+(hash|file|ip|url|domain|ioc|indicator)(?:e?s)?\s+(?:is|was|gets|are|were)\s+(?:reported|flagged|detected|marked|rated|identified)\s+(?:as\s+)?malicious\s+by\s+(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+or\s+more\s+(?:\w+\s+)?(?:engines?|vendors?|scanners?)\b/gi, (_m, what: string, n: string) => `a ${what.toLowerCase()} is flagged by ${n} or more engines`);
  // "disables the associated Microsoft Entra ID accounts": the users' accounts.
  text = text.replace(/\b(?:the\s+)?(?:associated|related|corresponding|linked|affected|involved)\s+(?:microsoft\s+)?(?:entra(?:\s+id)?|azure\s+(?:ad|active\s+directory)|aad)\s+(?:user\s+)?(accounts?|users?|identit(?:y|ies))\b/gi, 'the user $1');
  // "takes the highest malicious count among the file hashes and responds as follows:": the bands after it are of the
  // worst verdict, which "any file with N or more" is.
  text = text.replace(/(^|[.;]\s+)(?:the\s+playbook|it|this\s+playbook)\s+(?:takes|uses|looks\s+at|computes|reads|finds|gets)\s+the\s+(?:highest|maximum|max|largest|top|worst)\s+(?:malicious\s+|virustotal\s+|vt\s+)?(?:count|score|detection\s+count|number\s+of\s+(?:malicious\s+)?detections)\s+(?:among|of|across|over)\s+(?:the\s+|all\s+)?(?:incident'?s?\s+)?(file\s+hashes|hashes|files|ips|ip\s+addresses|urls|domains|iocs|indicators)(?:\s+of\s+the\s+incident)?(?:\s*,?\s*(?:and\s+)?(?:responds|acts|reacts)(?:\s+as\s+follows)?)?\s*[:.]\s*/gi, (_m, lead: string, what: string) => `${lead}check the ${what} on VirusTotal. `);
  // "VT > 15 -> quarantine. otherwise (15 or less) ...": the band in brackets says again what "otherwise" is; dropped only
  // when it is exactly the other side of a threshold said before it.
  text = text.replace(/\b(otherwise|else)\s*,?\s*\(\s*(?:(\d+)\s+or\s+(?:less|fewer|below|under)|(?:under|below|less\s+than|fewer\s+than|<)\s*(\d+)|<=\s*(\d+)|(\d+)\s+and\s+(?:below|under))\s*\)\s*,?/gi, (m, word: string, atMost1?: string, under?: string, atMost2?: string, atMost3?: string, offset?: number, whole?: string) => {
    const before = (whole ?? '').slice(0, offset ?? 0);
    const top = Number(atMost1 ?? atMost2 ?? atMost3 ?? (under !== undefined ? Number(under) - 1 : NaN));
    const threshold = new RegExp(String.raw`(?:>\s*|more\s+than\s+|over\s+|above\s+)${top}\b|(?:>=\s*|at\s+least\s+)${top + 1}\b|\b${top + 1}\s*(?:\+|or\s+more|or\s+above|and\s+up)`, 'i');
    return Number.isFinite(top) && threshold.test(before) ? `${word}, ` : m;
  });
  // "Incidents that carry the tag 'prod' involve production workloads and must never be contained automatically": never
  // isolate incidents with that tag (what else the sentence says of them is why).
  text = text.replace(/(^|[.;]\s+)incidents?\s+(?:that\s+(?:carry|have|bear)\s+(?:the\s+)?tag|tagged(?:\s+with)?(?:\s+the)?|with\s+the\s+tag)\s+(["']?[\w-]+["']?)(?:\s+[^.;]{0,80}?)?\s+(?:must|should|will|may|are|is|can)\s+(?:never|not)\s+be\s+(contained|isolated|restricted|quarantined)(?:\s+automatically)?\s*(?=[.;]|$)/gi, (_m, lead: string, tag: string, verb: string) => `${lead}never ${verb.replace(/ed$/, '').replace(/contain$/, 'isolate')} incidents tagged ${tag}`);
  // "never contain incidents tagged X": the containment is the isolation.
  text = text.replace(/\b(never|dont|don'?t|do\s+not)\s+(?:auto(?:matically)?\s+|ever\s+)?contain\s+(?=(?:any\s+|the\s+)?(?:incidents?|anything|ones|alerts?)\b)/gi, '$1 isolate ');
  // "Servers are excluded from isolation and only get a full scan", "Devices in the 'Tier0' device group are exempt from
  // containment": no isolation for them (the other steps keep them), and what they get instead is a step of its own.
  text = text.replace(EXCLUDED_FROM_ISOLATION, (_m, lead: string, kind: string | undefined, quotedGroup: string | undefined, group: string | undefined, rest: string | undefined, offset: number) => {
    const np = kind ? excludedKind(kind) : `devices in the ${quotedGroup !== undefined ? `'${quotedGroup}'` : group} device group`;
    const instead = rest ? insteadStep(rest) : '';
    // "for them only the investigation package is collected", when every device gets one anyway: nothing more for them.
    const verb = /^(collect|run|restrict|stop)\b/i.exec(instead)?.[1];
    const before = text.slice(0, offset);
    const already = verb !== undefined && new RegExp(`\\b${verb}`, 'i').test(before) && (verb !== 'run' || new RegExp(`\\b${/full/i.test(instead) ? 'full' : 'quick'}\\s+(?:antivirus\\s+|av\\s+)?scan`, 'i').test(before));
    return `${lead.replace(/exceptions?\s*:\s*$/i, '')}do not isolate ${np}${instead && !already ? `. for ${np}, ${instead}` : ''}`;
  });
  // "Domain controllers are excluded from package collection (to avoid load on ...)": only that step leaves them out.
  text = text.replace(new RegExp(String.raw`(^|[.;]\s+)(?:the\s+|all\s+|any\s+)?${EXCLUDED_DEVICES}\s+(?:are|is|will\s+be)\s+(?:always\s+)?(?:excluded|exempt(?:ed)?|spared)\s+from\s+(?:the\s+)?(?:automatic\s+|automated\s+)?((?:investigation\s+)?package\s+collection|(?:the\s+)?(?:investigation\s+)?packages?|(?:antivirus\s+|av\s+)?scan(?:s|ning)?|(?:app(?:lication)?\s+)?(?:execution\s+)?restriction|quarantine)(?:\s+(?:to|so\s+as\s+to|in\s+order\s+to)\s+(?:avoid|not|spare|keep|protect)\b[^.;]*)?(?=\s*(?:[.;]|$))`, 'gi'), (_m, lead: string, kind: string, what: string) => {
    const np = excludedKind(kind);
    const verb = /package/i.test(what) ? 'collect a package from' : /scan/i.test(what) ? 'scan' : /restriction/i.test(what) ? 'restrict app execution on' : 'quarantine files on';
    return `${lead}do not ${verb} ${np}`;
  });
  // "..., while all other devices receive a quick scan": the other case, a sentence of its own.
  text = text.replace(/,?\s+(?:while|whereas)\s+((?:all|every|the)\s+other\s+(?:devices?|machines?|hosts?|endpoints?)|the\s+(?:rest|remaining\s+(?:devices|machines|hosts)))\s+/gi, '. $1 ');
  // "the playbook evaluates the sign-in IP address with VirusTotal": a look-up.
  text = text.replace(/\b(?:evaluates?|assesses?|vets?|scores?)\s+(the\s+[^.;]{2,60}?)\s+(?:with|against|on|using|via|through|in)\s+(virus\s?total|vt)\b/gi, 'checks $1 on $2');
  // "Devices that run a server operating system are excluded from automatic isolation: for those, the playbook restricts
  // application execution instead": no isolation for them, and what they get instead.
  text = text.replace(/(^|[.;]\s+)((?:the\s+)?(?:[\w-]+\s+){0,6}?(?:devices?|machines?|hosts?|endpoints?|servers?|workstations?|dcs?|controllers?)(?:\s+(?:that|which)\s+(?:run|runs|are\s+running)\s+(?:an?\s+)?[\w\s-]{2,40}?)?)\s+(?:are|is)\s+(?:excluded|exempt(?:ed)?|exempted)\s+from\s+(?:the\s+)?(?:automatic\s+|auto-?\s*)?(?:isolation|containment)\s*(?:[:;,]|\s-)\s*(?:for\s+(?:those|them|these)|instead)\s*,?\s*/gi, (m, lead: string, subject: string) => {
    const np = /domain\s+controllers?|\bdcs?\b/i.test(subject) ? 'domain controllers' : /linux/i.test(subject) ? 'linux devices' : /mac/i.test(subject) ? 'macOS devices' : /server/i.test(subject) ? 'servers' : /workstation|client/i.test(subject) ? 'workstations' : '';
    return np ? `${lead}do not isolate ${np}. for ${np}, ` : m;
  });
  // "only act on devices whose alert is high sev": only for them.
  text = text.replace(/\bonly\s+(?:act|run|fire|trigger|work|apply)\s+(?:on|for|to)\b/gi, 'only for');
  // "Automated containment of VIP devices is not permitted": never contain them.
  text = text.replace(/(^|[.;]\s+)(?:any\s+)?(?:automated|automatic|auto-?)?\s*(containment|isolation|quarantine|blocking|disabling)\s+of\s+([^.;]{3,60}?)\s+(?:is|are)\s+(?:not\s+(?:permitted|allowed)|forbidden|prohibited|never\s+(?:permitted|allowed))(?:\s+under\s+any\s+circumstances)?(?=\s*[.;]|$)/gi, (_m, lead: string, noun: string, what: string) => `${lead}never ${{ containment: 'isolate', isolation: 'isolate', quarantine: 'quarantine', blocking: 'block', disabling: 'disable' }[noun.toLowerCase()] ?? 'isolate'} ${what}`);
  // "every file hash in it is known to VirusTotal with zero malicious detections": none flagged, and none unknown.
  text = text.replace(/\b(?:every|all|each)\s+(?:of\s+the\s+|the\s+)?(?:file\s+)?(hash(?:es)?|files?|ips?|urls?|domains?)(?:\s+(?:in|of|on)\s+(?:it|them|the\s+incident|the\s+alert))?\s+(?:is|are)\s+known\s+to\s+(?:virustotal|vt)\s+(?:with|and\s+(?:has|have))\s+(?:zero|0|no)\s+(?:malicious\s+)?(?:detections?|verdicts?|engines?|hits?)\b/gi, (_m, what: string) => {
    const one = what.toLowerCase().replace(/(?:es|s)$/, '').replace(/^hash$/, 'hash');
    return `no ${one} is flagged by VirusTotal and no ${one} is unknown to VirusTotal`;
  });
  // "When an incident's classification is True Positive": it is classified so.
  text = text.replace(/\b(?:an?|the|this|that)\s+incident'?s\s+classification\s+(?:is|was|has\s+been|becomes|changes\s+to|is\s+set\s+to)\s+/gi, 'the incident is classified as ');
  // "only if the sensor health is Active": the device's health status.
  // (Said as the devices whose health it is, never "the status is Active", which is the incident's.)
  text = text.replace(/\b(?:only\s+)?(?:if|when)\s+(?:the\s+|its\s+)?(?:device'?s?\s+|mde\s+|defender\s+)?(?:sensor\s+health(?:\s+(?:status|state))?|health\s+(?:status|state))\s+is\s+["']?(active|inactive)["']?\b/gi, 'only for devices whose health status is $1');
  // "ip 4+ -> block", "file hash 15 or more on VT": a VirusTotal threshold said with the kind of IOC.
  if (/\b(?:virustotal|vt)\b/i.test(text)) text = text.replace(/(^|[.;,]\s*|\bif\s+)(?:the\s+)?(file\s+hash|hash|file|ip|url|domain)(?:es|s)?\s+(?:is\s+)?(\d+)\s*(?:\+|or\s+more)(?:\s+(?:engines?|detections?|hits?))?(?:\s+on\s+(?:virustotal|vt))?(?=\s*(?:->|[,:]|$))/gi, (_m, lead: string, what: string, n: string) => `${/if\s+$/i.test(lead) ? lead : `${lead}if `}VirusTotal flags the ${what.toLowerCase().replace('file hash', 'hash')} on ${n} or more engines`);
  // "skipping any device whose health status isn't Active": only those whose status it is.
  text = text.replace(/,?\s*\b(?:skipping|skip|excluding|except(?:\s+for)?|but\s+not)\s+(?:any|all|the|those)?\s*(?:devices?|machines?|hosts?|endpoints?|boxes|ones)\s+(?:whose|where\s+the|with\s+a)\s+(?:(?:sensor|defender|mde|device)\s+)?health\s+(?:status|state)\s+(?:isn'?t|is\s+not|is\s+anything\s+(?:but|other\s+than)|other\s+than|not)\s+["']?(active|inactive|impairedcommunication|nosensordata|nosensordataimpairedcommunication)["']?/gi, ', only those whose health status is $1');
  // "quarantine the alert's files", "block the incident hashes": the files of the alert.
  text = text.replace(/\b(the|this|that|each|every)\s+(alert|incident|detection)(?:'s|s')?\s+(files?|hash(?:es)?|binar(?:y|ies)|executables?|payloads?|attachments?)\b/gi, (_m, det: string, of: string, what: string) => `${det} ${what} of the ${of.toLowerCase()}`);
  // "T1021 (remote services), sub-techniques count too": the technique's name, and its sub-techniques, which an id covers.
  text = text.replace(/\b(T\d{4})\s*\([a-z][a-z /&-]{2,40}\)/gi, '$1').replace(/(\bT\d{4}\b[^.;]{0,80}?),?\s*(?:and\s+|incl(?:uding|\.)?\s+)?(?:its\s+|any\s+|all\s+)?sub-?techniques?(?:\s+(?:count|included|as\s+well|too|also))*(?:\s+(?:too|as\s+well))?(?=\s*[.;,)]|$)/gi, '$1');
  // "For High severity incidents it instead runs a full scan": an adverb between the subject and its verb.
  text = text.replace(/\b(it|the\s+playbook|this\s+playbook)\s+(instead|also|additionally|then|further|then\s+also)\s+(?=[a-z]+s\b)/gi, '$2 $1 ');
  // "Private address space (RFC 1918)": the bracket names what was just said.
  text = text.replace(/(\b(?:private|internal)\b[^.;()]{0,40}?)\s*\(\s*rfc\s*-?\s*1918\s*\)/gi, '$1');
  text = chatSpeech(text);
  text = severityPositions(text);
  text = stepReplacedInCase(text);
  // "dont isolate unless its a mac": the step, only in that case.
  text = text.replace(/(^|[.;:!?]\s+|,\s+(?:and\s+|but\s+)?|(?<=\b(?:alerts?|incidents?|detections?|ones|hits)\s))(?:do\s+not|don'?t|dont|never)\s+((?:isolate|disable|reset|revoke|block|restrict|quarantine|contain|close|resolve|scan|collect)\b[^.;,]{0,60}?),?\s+unless\s+(?!(?:i|we|you|someone|an?\s+analyst)\s)/gi, '$1$2 only if ');
  // "a phishing mail with a link in it": a mail that has a URL, which the alert's URL entity shows.
  text = text.replace(/\b((?:e-?mails?|mails?|messages?|phish(?:ing)?(?:\s+(?:e-?mails?|mails?|messages?))?))\s+(?:with|containing|that\s+contains?|that\s+has)\s+an?\s+(?:malicious\s+|bad\s+|suspicious\s+)?(?:links?|urls?)(?:\s+in\s+(?:it|them))?\b/gi, '$1 that has a url');
  // "medium or low alerts: we look at those by hand later": the case gets nothing from the playbook.
  text = text.replace(/((?::|->|\s-)\s*)(?:we|they|i|the\s+team|someone|an?\s+analyst)\s+(?:(?:will|can|should)\s+)?(?:handles?|do|does|takes?\s+care\s+of|deals?\s+with|looks?\s+at|checks?|reviews?)\s+(?:those|them|these|that|it)\s+(?:by\s+hand|manually|ourselves|themselves|myself|personally)(?:\s+(?:later|afterwards|tomorrow|in\s+the\s+morning))?/gi, '$1do nothing');
  // "NOT the servers/DCs tho, we handle those by hand": who does it instead is a reason, not a condition.
  text = text.replace(/,?\s+(?:since\s+|as\s+|because\s+)?(?:we|they|i|the\s+team|someone)\s+(?:handle|do|take\s+care\s+of|deal\s+with|look\s+at)\s+(?:those|them|these|that|it)\s+(?:by\s+hand|manually|ourselves|themselves|myself|personally)\b/gi, '');
  // "vt every hash in the incident. 10+ engines -> block": look them up, which any threshold after it does.
  text = text.replace(/(^|[.;!?]\s+)(?:vt|virustotal)\s+(every|all|each|the)\s+/gi, '$1check $2 ').replace(/(^|[.;!?]\s+)(check\s+(?:every|all|each|the)\s+[^.;]{2,60}?)(?=\s*[.;])/gi, (m, lead: string, what: string) => (/\b(?:virustotal|vt)\b/i.test(what) ? m : `${lead}${what} on VirusTotal`));
  // "dont resolve it", "do NOT close it": the incident stays open, which no step changes unless one says so.
  text = text.replace(/\b(?:do\s+not|don'?t|dont|never)\s+(?:close|resolve)\s+(?:it|them|the\s+incidents?)(?:\s+(?:out|yet))?\b/gi, 'leave it open');
  // "skip internal ranges obvs", "the usual, ofc": words that only stress.
  text = text.replace(/,?\s+\b(?:obvs|obviously|ofc|of\s+course|duh|naturally)\b/gi, '');
  // "(doesnt work there)": why the other branch exists.
  text = text.replace(/\(?\s*\b(?:it\s+|that\s+|restriction\s+|isolation\s+)?(?:does\s+not|doesn'?t|doesnt|won'?t|wont|cannot|can'?t)\s+work\s+(?:there|on\s+(?:those|them|that|it|linux|mac(?:os)?|macs))\s*\)?/gi, ' ');
  // "if an incident gets tagged 'escalate'": when it carries that tag.
  text = text.replace(/\b((?:an?|the|any)\s+incidents?)\s+(?:gets|get|got|has\s+been|was)\s+tagged\b/gi, '$1 is tagged');
  // "revoke that user's sessions": the user of the alert.
  text = text.replace(/\b(?:that|this)\s+(user|account|acct)('s)?\b/gi, 'the $1$2');
  // "assign ir-oncall@contoso.com": assign the incident to that address.
  text = text.replace(/\b(assign(?:\s+(?:it|the\s+incident))?)\s+(?=[\w.+-]+@[\w-]+(?:\.[\w-]+)+)/gi, '$1 to ');
  // "servers: leave alone entirely": nothing for them.
  text = text.replace(/\bleave\s+(?:(it|them|those)\s+)?alone(?:\s+(?:entirely|completely|totally|fully))?\b/gi, (_m, who?: string) => `leave ${who ?? 'them'} alone`);
  // "medium: full scan + comment. high: same + isolate": "same" is the steps of the branch before.
  // "macOS: quarantine the file + full scan. Windows: same but quick scan": the step of that kind said the other way.
  text = text.replace(/([^.;:]{2,80}):\s*([^.;:]{3,160})([.;]\s+)([^.;:]{2,60}):\s*(?:the\s+|do\s+the\s+)?same(?:\s+thing)?(?:\s+as\s+(?:above|before|that))?(?:\s*(?:,|and|\+|plus)\s*(?:also\s+)?([^.;]+)|\s*,?\s+(?:but|except)\s+(?:with\s+)?(?:an?\s+)?([^.;]+))?/gi,
    (m: string, head: string, steps: string, stop: string, head2: string, more?: string, but?: string) => {
      const again = but ? sameBut(steps.trim(), but.trim()) : steps.trim();
      return again === undefined ? m : `${head}: ${steps}${stop}${head2}: ${again}${more ? ` and ${more.trim()}` : ''}`;
    });
  // "servers: leave them alone": those devices are left out of every step.
  text = text.replace(/(^|[.;]\s+)((?:the\s+)?(?:servers?|workstations?|dcs?|domain\s+controllers?|laptops?|(?:linux|mac(?:os)?|windows)(?:\s+(?:boxes|hosts|machines|devices|servers))?|macs))\s*:\s*(?:just\s+)?leave\s+(?:them|it|those)\s+alone\b/gi, '$1leave $2 alone');
  // "high risk identity protection stuff": Entra ID Protection gives its alerts the severity of the risk it found.
  text = text.replace(/\b(high|medium|low)[- ]risk\s+(?=(?:entra\s+(?:id\s+)?)?(?:identity\s+protection|idp|aad\s+idp)\b)/gi, '$1 severity ');
  // "disable the user, but only if theyre not in the X group. if they are, email legal instead": "if they are" is that group.
  text = text.replace(/(\bnot\s+in\s+(?:the\s+)?([^.;,]{2,60}?\s+group)\b[^.;]*[.;]\s+)if\s+(they|he|she)\s+(?:are|is|'re)\s*,/gi, '$1if $3 are in the $2,');
  // "dont bother w/ hashes": the hashes are left alone.
  text = text.replace(/(^|[.;,]\s+)(?:do\s+not|don'?t|dont|no\s+need\s+to)\s+bother\s+(?:with|w\/)\s+(?:the\s+)?(hash(?:es)?|files?|ips?|urls?|domains?)\b/gi, '$1leave the $2 alone');
  // "if vt agrees (3+ engines)": VirusTotal flags it.
  // "if virustotal agrees the file is bad": VirusTotal flags the file.
  text = text.replace(/\b(virustotal|vt)\s+(?:agrees|concurs|confirms)(?:\s+that)?\s+(?:the\s+)?(file|hash|ip|url|domain|it)\s+(?:is|was)\s+(?:bad|malicious|evil|dodgy|nasty)\b/gi,
    (_m, vt: string, what: string) => `${vt} flags ${what.toLowerCase() === 'it' ? 'it' : `the ${what}`}`);
  text = text.replace(/\b(virustotal|vt)\s+(?:agrees|concurs|confirms(?:\s+it)?)\b(?:\s*\(?\s*(?:(?:on|with|at)\s+)?(\d+\s*(?:\+|or\s+more)?\s*(?:engines?|detections?|vendors?))\s*\)?)?/gi, (_m, vt: string, n?: string) => `${vt} flags it${n ? ` on ${n}` : ''}`);
  // "macs / windows skip": those are skipped.
  text = text.replace(/(^|[.;]\s+)((?:macs?|windows|linux|servers?|workstations?|dcs?)(?:\s*(?:\/|,|and|or)\s*(?:macs?|windows|linux|servers?|workstations?|dcs?))*)\s+(?:skip|ignore|no\s+action|nothing)\s*(?=[.;]|$)/gi, '$1skip $2');
  // "Block Entra ID user", "block the account's sign-in": blocking a user's sign-in is disabling the account.
  text = text.replace(/\bblock(s|ed|ing)?\s+(?:sign-?ins?\s+(?:for|of)\s+)?((?:the|a|an|each|every|any|that|this|their)\s+)?(?:(?:compromised|risky|affected|involved|impacted|suspicious|at-risk)\s+)?(?:(?:microsoft\s+)?(?:entra(?:\s+id)?|aad|azure\s+ad|m365|o365|office\s+365)\s+)?(users?|accounts?|accts?|identit(?:y|ies))(?!\s*(?:'s|s')?\s*(?:ips?|ip\s+address(?:es)?|urls?|domains?|hash(?:es)?|files?|devices?|machines?))\b(?:\s+(?:from\s+)?sign(?:ing)?[- ]?in)?/gi,
    (_m, suffix: string | undefined, det: string | undefined, noun: string) => `${{ s: 'disables', ed: 'disabled', ing: 'disabling' }[(suffix ?? '').toLowerCase()] ?? 'disable'} ${det ?? 'the '}${noun}`);
  // "After the isolation requests are submitted, the playbook adds ...": the order steps run in, which they do anyway.
  text = text.replace(/(^|[.;]\s+)after\s+(?:the\s+)?(?:[\w-]+\s+){0,2}(?:requests?|actions?|calls?|steps?)\s+(?:are|is|have\s+been|has\s+been)\s+(?:submitted|sent|queued|made|issued|completed|done|finished),?\s*/gi, '$1');
  // "No other changes are made.", "No containment actions are taken by this playbook.": what does not happen.
  text = text.replace(/(^|[.;]\s+)no\s+(?:(?:other|further|additional|containment|device|account|remediation|automatic|automated)(?:\s+or\s+(?:containment|remediation|device|account))?)?\s*(?:changes?|actions?|steps?|containment|measures?)(?:\s+of\s+any\s+kind)?\s+(?:are|is|will\s+be|shall\s+be|may\s+be)\s+(?:made|taken|performed|applied|done)(?:\s+by\s+(?:this|the)\s+(?:playbook|automation|workflow))?\s*(?=[.;]|$)[.;]?/gi, '$1');
  // "For incidents of lower severity it only posts ...": the other case.
  text = text.replace(/(^|[.;]\s+)for\s+(?:incidents|alerts)\s+of\s+(?:a\s+)?(?:lower|other|any\s+other)\s+severit(?:y|ies),?\s+/gi, '$1otherwise, ');
  // "one of its alerts names a known ransomware family": an alert about ransomware.
  text = text.replace(/\b(?:names|has|carries|is\s+from|belongs\s+to|is\s+attributed\s+to)\s+an?\s+(?:known\s+)?ransomware\s+(?:family|strain|variant|group|operator)\b/gi, 'is about ransomware');
  // "a Teams message listing the blocked addresses": what a message reports, never a block of its own (read as one, every
  // public address of the incident had been blocked, with no threshold).
  text = text.replace(/\b(listing|lists?|naming|names?|with|of|summari[sz]ing|about|reporting|showing|shows?)\s+(?:the\s+|all\s+|any\s+)?(?:newly\s+)?blocked\s+(?:ip\s+)?(?:addresses|ips|iocs|indicators|urls|hashes|domains|files|entities|items)\b/gi, '$1 the results');
  // "addresses in private or other internal ranges": private or internal ones.
  text = text.replace(/\b(private|internal|rfc\s?1918)\s+or\s+other\s+(private|internal|reserved|non-?routable)\b/gi, '$1 or $2');
  // "addresses in private or internal ranges are skipped": private addresses.
  text = text.replace(/\b(?:ip\s+)?(addresses|ips)\s+in\s+(?:the\s+)?((?:private|internal|rfc\s?1918)(?:\s+or\s+(?:private|internal|reserved))?)\s+(?:ip\s+|address\s+)?(?:ranges?|space|networks?|subnets?)\b/gi, '$2 $1');
  // "collects all IP address entities from the incident, excludes private (RFC 1918) ranges, and looks each up": the IPs, public only.
  text = text.replace(/\b(?:collects?|gathers?|takes?|extracts?|retrieves?)\s+(?:all\s+|every\s+|each\s+)?(?:the\s+)?(?:ip(?:\s+address)?|url|file|hash|domain|user|account|device)\s+entit(?:y|ies)\s+(?:from|of|in)\s+the\s+(?:incident|alert)s?,?\s*(?:and\s+)?/gi, '')
    // "private or internal addresses are skipped, since they are our clinical VLANs": the same, said of the addresses.
    // (A rule-out of every block, wherever the blocks are said: appended after the last sentence it could attach to a message.)
    .replace(/(^|[.;]\s+)(?:the\s+)?(?:private|internal|rfc\s?1918)(?:\s+or\s+(?:private|internal|reserved))?\s+(?:ip\s+)?(?:addresses|ips|ranges)\s+(?:are|is|will\s+be)\s+(?:always\s+)?(?:skipped|ignored|excluded|left\s+out)(?:\s*,\s*(?:since|because|as)\s+[^.;]*)?\s*(?=[.;]|$)/gi, '$1never block private IPs')
    .replace(/(^|[.;]\s+)(?:the\s+playbook\s+|it\s+)?excludes?\s+(?:the\s+)?(?:private|internal|rfc\s?1918)\s+(?:\(?\s*rfc\s?1918\s*\)?\s+)?(?:ip\s+)?(?:address\s+)?ranges?,?\s*(?:and\s+)?/gi, (_m, lead: string) => {
      privateLeftOut = true;
      return lead;
    })
    // "looks each remaining address up in VirusTotal": the lookup a threshold implies.
    .replace(/(^|[.;]\s+)(?:the\s+playbook\s+|it\s+)?(?:then\s+)?looks?\s+(?:each|every|all|the)\s+(?:remaining\s+)?(?:address(?:es)?|ips?|hash(?:es)?|urls?|domains?|files?|iocs?)\s+up\s+(?:in|on|with)\s+virustotal\s*(?=[.;]|$)[.;]?/gi, '$1');
  // The private ranges said before the block are left out of it: said last, the exception reads with the block.
  // (A rule-out of every block, not "..., except private IPs" after the last sentence: that sentence may be a message about
  // "the blocked addresses", which the exception had turned into a block of every public address.)
  if (privateLeftOut) text = `${text.replace(/[\s.;]+$/, '')}. never block private IPs.`;
  // "It retrieves every device associated with the incident's alerts and isolates each one": it isolates them.
  text = text.replace(/\b(?:retrieves?|gets?|collects?|gathers?|enumerates?|finds?|identifies?)\s+((?:every|all|each|the)\s+(?:[\w-]+\s+){0,3}?(?:devices?|machines?|hosts?|endpoints?|users?|accounts?)(?:\s+[^.;]{0,60}?)?)\s+and\s+([a-z]+s)\s+(?:each\s+(?:one|of\s+them)|them(?:\s+all)?|it)\b/gi, '$2 $1');
  // "it invokes the Stop and Quarantine File machine action on the device": that action.
  text = text.replace(/\b(?:(?:it|the\s+playbook)\s+)?(?:invokes?|calls?|triggers?|runs?|uses?|issues?|sends?)\s+(?:the|an?)\s+((?:stop\s+and\s+quarantine(?:\s+file)?|isolate(?:\s+(?:device|machine))?|run\s+antivirus\s+scan|collect\s+investigation\s+package|restrict\s+app(?:lication)?\s+execution))\s+(?:machine\s+)?(?:action|api|endpoint)\b/gi, (_m, what: string) => (/stop/i.test(what) ? 'stop and quarantine the file' : /isolate/i.test(what) ? 'isolate the device' : /scan/i.test(what) ? 'run an antivirus scan' : /collect/i.test(what) ? 'collect an investigation package' : 'restrict app execution'));
  // "an alert detected by Microsoft Defender Antivirus (detection source WindowsDefenderAv)": that detection source.
  text = text.replace(/\bdetected\s+by\s+(?:the\s+)?(?:microsoft\s+)?[\w -]{2,40}?\s*\(\s*detection\s+source\s*[:=]?\s*([\w]+)\s*\)/gi, 'whose detection source is $1');
  // "A quick scan is used by default": the scan is a quick one unless something else is said.
  text = text.replace(/(^|[.;]\s+)an?\s+(quick|full)\s+scan\s+is\s+(?:used|run|performed|done|the\s+default)(?:\s+by\s+default)?\s*(?=[.;,]|$)/gi, '$1run a $2 scan');
  // "Linux endpoint containment. When ...": a short title before the description, which says it all again.
  // Only a title the description says again: "high sev mde alerts. if ..." names the cases, and is no title to drop.
  // "Block malicious IP addresses. For each IP address entity in the incident, the playbook ...": a title that names the
  // step, when what follows is a description of "the playbook" that says every word of it again.
  text = text.replace(/^([A-Z][\w-]*(?:\s+[\w-]+){0,5})\.\s+(?=(?:when|whenever|for|this\s+playbook|the\s+playbook|if|on|upon|triggered|each|every|any)\b)/i, (m, title: string, offset: number, whole: string) => {
    const rest = whole.slice(offset + m.length);
    if (/\d|@/.test(title) || !saidAgain(title, rest)) return m;
    if (STEP_VERB_FIRST.test(title) && !/\b(?:the|this)\s+playbook\b/i.test(rest)) return m;
    return '';
  });
  // "Cryptomining response for Linux servers. When ...": a first sentence that names the playbook (a procedure noun, no verb,
  // more sentences after it). Its naming words are the name; what it says the playbook is for ("for Linux servers") stays.
  let title: string | undefined = markdownNamed.title;
  // "Playbook: isolate endpoints with VirusTotal-confirmed malware. This playbook runs when ...": a labelled name before the
  // description that says it all again; shown as the name, its words not read as conditions.
  const labelledName = title ? null : /^(?:playbook|playbook\s+name|name|title|summary)\s*:\s*([^.:;!?]{3,120})\.\s+(?=(?:this\s+playbook|the\s+playbook|when|whenever|for|on|if)\b)/i.exec(text);
  if (labelledName) {
    title = labelledName[1].trim();
    text = text.slice(labelledName[0].length);
  }
  // "Anonymous IP sign-in: enrichment and graded response.": a subject, then the name; the subject is what it is for.
  const colonNamed = title ? null : /^([A-Z][^.;:!?]{2,60}):\s+([a-z][^.;:!?]{2,80}?)\.\s+(?=[A-Z"'(])/.exec(text);
  if (colonNamed && !/\d|@/.test(colonNamed[0]) && !STEP_VERB_FIRST.test(colonNamed[2]) && !STEP_VERB_FIRST.test(colonNamed[1])
    && /^(?:[\w-]+\s+){0,5}(?:response|containment|remediation|triage|enrichment|handling|investigation|notification|automation|playbook|workflow|protection|escalation|routing|mitigation|hunting)$/i.test(colonNamed[2].trim())
    && !/\b(?:isolat|block|disabl|reset|revok|quarantin|restrict|scan|collect|tag|assign|close|resolv|e-?mail|post|notif)\w*/i.test(colonNamed[1])) {
    title = `${colonNamed[1]}: ${colonNamed[2]}`;
    text = `For ${colonNamed[1]}. ${text.slice(colonNamed[0].length)}`;
  }
  const named = /^([A-Z][^.;:!?]{2,110}?)\.\s+(?=[A-Z"'(])/.exec(text);
  if (!title && named && !/\d|@|(?<![\w-])(?:if|when|whenever|unless|only|except|not|never)\b/i.test(named[1].replace(/\b(?:office|microsoft|m)\s*365\b/gi, '')) && !STEP_VERB_FIRST.test(named[1])
    && !/\b(?:is|are|was|were|be|been|gets?|has|have|does|do)\b|\b(?:the|this|our|a)\s+(?:playbook|automation|workflow|rule)\b/i.test(named[1]) && !/^(?:the|this|a|an|on|for|when|if|in|at|every|each|all|any|only)\b/i.test(named[1])) {
    const head = /^(.*\b(?:response|containment|remediation|triage|assignment|closure|follow-?up|enrichment|handling|investigation|notification|automation|playbook|workflow|protection|hygiene|clean-?up|escalation|routing|lockdown|mitigation|revocation|hunting|management|alerting|defen[cs]e|risk|isolation|quarantine|blocking)(?:\s+and\s+[\w-]+)?)\b(.*)$/i.exec(named[1]);
    // ("Linux server containment. When a high alert arrives, isolate the device.": words before the name's noun that name
    // devices, a severity or people are a case; said nowhere else, they are read, not set aside with the name. A topic,
    // "Lateral movement containment", is the name.)
    const modifiers = head?.[1].replace(/\s*\b[\w-]*?(?:response|containment|remediation|triage|assignment|closure|follow-?up|enrichment|handling|investigation|notification|automation|playbook|workflow|protection|hygiene|clean-?up|escalation|routing|lockdown|mitigation|revocation|hunting|management|alerting|defen[cs]e|risk|isolation|quarantine|blocking)(?:\s+and\s+[\w-]+)?$/i, '') ?? '';
    const scopeWords = modifiers.match(/\b(?:linux|mac(?:os|s)?|windows|servers?|workstations?|laptops?|desktops?|dcs?|domain\s+controllers?|critical|high|medium|low|informational|vips?|execs?|executives?|admins?|kiosks?)\b/gi) ?? [];
    if (head && scopeWords.every((w) => saidAgain(w, text.slice(named[0].length)))) {
      title = named[1];
      const purpose = /^\s*(?:for|on|in)\s+(.+)$/i.exec(head[2])?.[1];
      // "for identity-theft and lateral-movement incidents": a playbook for either kind.
      text = (purpose ? `For ${purpose.replace(/\s+and\s+/gi, ' or ')}. ` : '') + text.slice(named[0].length);
    }
  }
  // "For each file entity with a SHA-1 hash, it ...": what the step acts on anyway.
  text = text.replace(/(^|[.;:]\s+)for\s+(?:each|every)\s+(?:file|ip|url|user|account|device)\s+entit(?:y|ies)\s+with\s+an?\s+(?:sha-?1|sha-?256|md5)(?:\s+hash)?\s*,\s*(?:it\s+)?/gi, '$1');
  // "Workstations in the same incident are left untouched": those devices are left alone.
  text = text.replace(/(^|[.;]\s+)((?:servers?|workstations?|domain\s+controllers?|dcs?|laptops?|(?:windows|linux|macos)(?:\s+and\s+(?:windows|linux|macos))?\s+devices))(?:\s+in\s+the\s+same\s+incident)?\s+are\s+(?:left\s+(?:untouched|alone)|not\s+touched|out\s+of\s+scope(?:\s+for\s+this\s+playbook)?|ignored|excluded)\s*(?=[.;]|$)/gi, '$1leave $2 alone');
  // "The playbook inspects the MITRE techniques attached to each alert.": reading, which every playbook does.
  text = text.replace(/(^|[.;]\s+)(?:the\s+playbook|it|this\s+playbook)\s+(?:inspects|examines|reads|reviews|looks\s+at|enumerates|parses)\s+[^.;]{3,100}?(?=[.;])(?![^.;]*\b(?:isolat|block|disabl|revok|reset|quarantin|restrict|tag|assign|clos|resolv|email|post|notif)\w*)[.;]?/gi, '$1');
  // "sends an email to each recipient ..., explaining that ... and asking them to ...": what the mail says.
  text = text.replace(/(\b(?:e-?mails?|mails?|messages?|notifications?|notif(?:y|ies))\b[^.;]*?),?\s+(?:explaining|stating|saying|advising|cautioning|telling\s+them|asking\s+them|informing\s+them|letting\s+them\s+know|reminding\s+them|warning\s+them)\b[^.;,+]*/gi, '$1');
  // "without waiting for VirusTotal enrichment": no VirusTotal test.
  text = text.replace(/,?\s+without\s+(?:waiting\s+for|checking|consulting|any)\s+(?:a\s+)?(?:virustotal|vt)(?:\s+(?:enrichment|lookups?|verdicts?|checks?|results?))?\b/gi, '');
  // "block the DOMAIN (not the full url)", "block the ip, not the domain": only the kind of IOC named first.
  text = text.replace(/\b((?:block|ban|blocklist|denylist)\s+(?:only\s+)?(?:the\s+|its\s+|their\s+)?(?:sender'?s?\s+|malicious\s+|bad\s+)?(?:domains?|urls?|ips?|ip\s+address(?:es)?|hash(?:es)?|files?|links?))\s*,?\s*\(?\s*(?:and\s+|but\s+)?(?:not|rather\s+than|instead\s+of)\s+(?:the\s+|its\s+|their\s+|any\s+)?(?:full\s+|whole\s+|entire\s+)?(?:domains?|urls?|ips?|ip\s+address(?:es)?|hash(?:es)?|files?|links?)\s*\)?(?=[\s,.;]|$)/gi, (m, kept: string) => {
    const kinds = (t: string): string => (/domain/i.test(t) ? 'domain' : /url|link/i.test(t) ? 'url' : /ip/i.test(t) ? 'ip' : 'file');
    const other = m.slice(kept.length);
    return kinds(kept) === kinds(other) ? m : kept;
  });
  // "send ops@contoso.com an email", "drop soc@contoso.com a mail": a mail to that address.
  text = text.replace(/\b(?:send|drop|shoot|fire\s+off)\s+([\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s+an?\s+(?:quick\s+|short\s+)?(?:e-?mail|mail|note|message)\b/gi, 'email $1');
  // "page secops-leads@contoso.com": a mail to that address.
  text = text.replace(/\bpage\s+(?=[\w.+-]+@[\w-]+(?:\.[\w-]+)+)/gi, 'email ');
  // "emails the store operations mailbox (storeops@contoso.com)": the mailbox is its address.
  text = text.replace(/\b(?:the|our|a)\s+(?:(?!(?:e-?mails?|mails?|sends?|notif\w*|posts?|to|and|or|the)\b)[\w-]+\s+){0,3}?(?:mailbox|inbox|shared\s+mailbox|distribution\s+list|dl|alias|address)\s*\(\s*([\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*\)/gi, '$1');
  // "cna u block the ip ...", "could you pls isolate ...": a request put as a question is the instruction that follows.
  text = text.replace(new RegExp(String.raw`(^|[.;!?]\s+)(?:hey\s+|so\s+|ok\s+)?(?:can|cna|acn|could|would|will)\s+(?:you|u|ya)\s+(?:please\s+|pls\s+|plz\s+)?(?=(?:${ACTION_VERB}|post|send|email|mail|tag|assign|close|resolve|comment|ping|notify)\b)`, 'gi'), '$1');
  // "When MDO catches one can it block the link", "for the POS ones only, can it run the scan": the ask, after its case,
  // is the step.
  text = text.replace(ASK_AFTER_CASE, '$1, ');
  // "can u set it up so X detections get ...", "could you make it so that ...": the request is what follows.
  text = text.replace(/(^|[.;!?]\s+)(?:(?:can|could|would|will)\s+(?:you|u|ya)\s+(?:please\s+|pls\s+|plz\s+)?|please\s+|pls\s+|plz\s+)?(?:set\s+(?:it|this|things)\s+(?:up\s+)?|make\s+(?:it|this)\s+)so\s+(?:that\s+)?/gi, '$1');
  // "Isolation requires analyst approval in the Teams thread before it is executed.": what Rampart does before every
  // destructive step anyway.
  const approval: string[] = [];
  text = text.replace(APPROVAL_SENTENCE, (_m, lead: string, sentence: string) => {
    approval.push(sentence.trim());
    return lead;
  });
  // "the playbook, after analyst approval in the incident thread, stops ...": the approval Rampart asks for anyway.
  text = text.replace(/,?\s*(?:only\s+)?after\s+(?:an?\s+|the\s+)?(?:analyst(?:'s)?|human|soc\s+analyst(?:'s)?|second\s+analyst(?:'s)?|reviewer(?:'s)?)\s+(?:approval|sign-?off|ok)(?:\s+in\s+(?:the\s+)?(?:incident\s+)?(?:teams\s+)?thread)?\s*,?/gi, (m: string) => {
    approval.push(m.replace(/^,?\s*|\s*,?$/g, '').trim());
    return ' ';
  });
  text = text.replace(/,?\s*(?:but\s+)?only\s+(?:after|once)\s+(?:an?\s+|the\s+)?(?:analyst|human|soc\s+analyst|second\s+analyst|reviewer)\s+(?:approves|has\s+approved|okays|signs\s+off)(?:\s+(?:it|them|the\s+(?:isolation|action|step)))?(?:\s+in\s+(?:the\s+)?teams(?:\s+thread)?)?(?=\s*[.;,]|$)/gi, (m) => {
    approval.push(m.replace(/^,?\s*/, '').trim());
    return '';
  });
  // "Don't wait for my approval on any of it": Rampart asks in the thread before every destructive step all the same, which
  // the card says; the words narrow nothing.
  text = text.replace(/(^|[.;!?]\s+|,\s*)(?:(?:please|pls)\s+)?(?:don'?t|do\s+not|dont|no\s+need\s+to)\s+(?:wait\s+for|ask\s+(?:me\s+)?for|ask\s+me)\s+(?:my\s+|an?\s+|the\s+|any\s+)?(?:approval|sign-?off|ok|go-?ahead|confirmation)(?:\s+(?:on|for)\s+(?:any\s+of\s+)?(?:it|this|that|them|these|those|any\s+of\s+(?:it|them)))?\s*[.!]?(?=\s|$)/gi, (m: string, lead: string) => {
    approval.push(m.slice(lead.length).trim());
    return lead;
  });
  // "The notification includes the incident title and the affected users.": what a message says, which narrows nothing.
  const content: string[] = [];
  text = text.replace(MESSAGE_CONTENT, (m, lead: string, sentence: string) => {
    if (/\b(?:only|unless|except|if|when|whenever|but\s+not|never)\b/i.test(sentence)) return m;
    content.push(sentence.trim());
    return lead;
  });
  // "post a card to the SOC channel that lists every action and its status": what the message holds, said of it.
  text = text.replace(/\b((?:post|send|email|mail)\s+(?:an?|the|one)\s+(?:(?:summary|status|adaptive)\s+)?(?:card|message|summary|notification|note|e-?mail|post)\b[^.;]{0,80}?)\s*,?\s+(?:that|which)\s+((?:lists?|includes?|contains?|shows?|summari[sz]es?|describes?|names?|gives?)\s+[^.;]{3,200}?)(?=\s*(?:[.;]|$))/gi, (m, step: string, what: string) => {
    if (/\b(?:only|unless|except|if|when|whenever|but\s+not|never)\b/i.test(what)) return m;
    content.push(what.trim());
    return step;
  });
  // "(mimikatz, lsass dumps etc)": examples of what was just named; they illustrate and narrow nothing.
  const examples: string[] = [];
  text = text.replace(/\s*\(([^()]*?\b(?:etc|e\.?g|such\s+as|for\s+example|for\s+instance)\b[^()]*)\)/gi, (_m, inner: string) => {
    examples.push(inner.trim());
    return ' ';
  });
  // "private ranges (10.x, 172.16-31.x, 192.168.x)": the ranges spelled out, examples of the words before them.
  text = text.replace(/\s*\(((?:\s*[,/]?\s*(?:or\s+|and\s+)?\d{1,3}(?:[.-](?:\d{1,3}|x|\*))+(?:\/\d{1,2})?)+)\s*\)/gi, (_m, inner: string) => {
    examples.push(inner.trim());
    return ' ';
  });
  // "suspend the acct (disable)": a bracketed verb that names the same action again is a gloss, not a step.
  text = text.replace(/\s\(\s*([a-z]+)(?:\s+(?:it|them|the\s+\w+))?\s*\)/gi, (m, gloss: string, offset: number, whole: string) => {
    const group = SAME_ACTION.findIndex((g) => g.test(gloss));
    const before = whole.slice(Math.max(0, offset - 60), offset).split(/[.;:()]/).pop() ?? '';
    return group >= 0 && before.split(/\s+/).slice(-6).some((w) => SAME_ACTION[group].test(w)) ? '' : m;
  });
  // The API's own values, written as one word ("FalsePositive", "InProgress", "DomainName"): their words.
  text = text
    .replace(/\b(False|True)Positive\b/g, (_m, side: string) => `${side.toLowerCase()} positive`)
    .replace(/\bInformationalExpectedActivity\b/g, 'informational, expected activity')
    .replace(/\bInProgress\b/g, 'in progress')
    .replace(/\bDomainName\b/g, 'domain')
    .replace(/\bIpAddress\b/g, 'IP address')
    // "alerts of category CommandAndControl": the category's words (a quoted value stays as written).
    .replace(/(?<!["'\u2018\u201c])\b(Command)And(Control)\b(?!["'\u2019\u201d])/g, 'command-and-control')
    .replace(/(?<!["'\u2018\u201c])\b(Credential|Lateral|Initial|Privilege|Defense|Unwanted|Suspicious)(Access|Movement|Escalation|Evasion|Software|Activity)\b(?!["'\u2019\u201d])/g, (_m, a: string, b: string) => `${a.toLowerCase()} ${b.toLowerCase()}`);
  // "isolate + pkg": the package said as a noun right after a device step is its collection.
  text = text.replace(/\b(isolate|contain|scan|quarantine)(\s+(?:it|them|the\s+[\w-]+))?\s*(?:\+|&|\band)\s*(?:an?\s+)?(?:investigation\s+)?(?:pkg|package)\b(?!\s+(?:name|manager|install))/gi, '$1$2 and collect an investigation package');
  // "Everything else malware: just scan": the other case, of that kind.
  text = text.replace(/\b(?:everything|anything)\s+else\s+(?:that'?s\s+|that\s+is\s+|which\s+is\s+)?(?!(?:alerts?|incidents?|ones)\b)([a-z][\w-]*)(?:\s+(?:alerts?|incidents?|detections?))?\s*(?::|->)\s*/gi, 'otherwise, for $1 alerts: ');
  // "assign to A unless it's high sev, then B": the same step with the other value, in that case.
  text = text.replace(
    /\b((?:assign|reassign|route|give|hand|tag|label|email|mail|notify|escalate)\b[^.;,]{0,40}?\s)([\w.+'-]+@[\w-]+(?:\.[\w-]+)+|[\w-]+)\s+unless\s+([^,;.]{3,80}?)\s*[,;]?\s*(?:then|in\s+(?:that|which)\s+case|if\s+so)\s+(?:(?:to|with|as)\s+)?([\w.+'-]+@[\w-]+(?:\.[\w-]+)+|[\w-]+)(?=\s*(?:[.;!]|$))/gi,
    (_m, lead: string, first: string, cond: string, second: string) => `${lead}${first} unless ${cond}; if ${cond}, ${lead}${second}`,
  );
  // "scope: only alerts whose title contains X. for those, scan the device": the sentence before says which; "for those" adds nothing.
  text = text.replace(/(^|[.;]\s+)(?:scope\s*:\s*)?(only\s+(?:for\s+)?(?:the\s+)?(?:alerts?|incidents?|detections?)\b[^.;!?]{3,160})\.\s+(?:and\s+)?for\s+(?:those|these|them|such)(?:\s+(?:alerts?|incidents?|detections?|ones|cases))?\s*[,:]?\s+/gi, '$1$2. ');
  // "disable the user, except members of X: for them just post in teams", "except servers, in that case scan them": an
  // exception followed by what it gets is the "unless" form below (read as "except ..." it had left the exception out of
  // the disable, and given the post to everyone else).
  text = text.replace(/\b(?:except(?:\s+for|\s+if|\s+when)?|excluding|apart\s+from|other\s+than|but\s+not(?:\s+if|\s+when)?)\s+([^.;:!?]{3,80}?)\s*(?:[,;:]|\s-|\.|\s*[\u2013\u2014])\s+(?:and\s+)?(?:(?:for|with)\s+(?:those|them|these|such\s+(?:ones|devices|machines|users|accounts))|in\s+(?:that|which|those|these)\s+cases?|then)\s*,?\s+/gi, 'unless $1, in that case ');
  // "if X, do not confirm them and do not dismiss the risk either; only add a comment": what "only" already leaves out,
  // said first.
  text = text.replace(/(\bif\s+[^,;.:]{3,100},\s*)((?:(?:and\s+)?(?:do\s+not|don'?t|dont|never)\s+[^,;.:]{2,60}?(?:\s+either)?\s*(?:,|;|\band\b)\s*)+)(?:but\s+)?(?=(?:only|just)\s+[a-z])/gi, '$1');
  // "for them only a teams alert, never disable": what "only" already leaves out, said again. Not an "only" of a count
  // ("if its only 1 to 4 engines, dont block it"): there the rule-out is that case's, and dropping it had left the case
  // on its own, read as the condition of the block before it.
  text = text.replace(/(\b(?<!\b(?:its|it's|is|are|has|have|had|was|were|got)\s+)only\b(?!\s+(?:\d|one\b|two\b|a\s+few\b))[^.;]{0,60}?)\s*,\s*(?:and\s+|but\s+)?(?:never|dont|don'?t|do\s+not|no)\s+(?:disable|disabling|isolate|isolation|isolating|reset|revoke|block|blocking|quarantine|restrict|contain|assign|assigning|scan|scanning|close|closing|resolve|collect|escalate)(?:\s+(?:them|it|those|him|her|the\s+[\w-]+))?(?=\s*(?:[.;]|$)|[ \t]*\n)/gi, '$1');
  // "disable them unless X, in that case just email Y": the step for the case the exception names.
  // "isolate it unless it's tagged X - for those just email Y": what the exception gets.
  // "unless the user is in G - those are our emergency admins, never disable them, just revoke": the exception's own steps,
  // with what they are (a reason) and the step ruled out for them said on the way.
  text = text.replace(/(\bunless\s+[^.;:!?]{3,80}?)\s*(?:[,;:]|\s-|\.|\s*[\u2013\u2014])\s+(?:(?:those|these|they)\s+(?:are|'re)\s+[^,.;]{3,60}?\s*[,;]\s*)?(?:never|don'?t|dont|do\s+not)\s+(?:isolate|disable|block|reset|revoke|quarantine|restrict|scan|close|touch)\s+(?:them|it|those|these|that)\s*[,;]\s*(?:just|only)\s+(?=[a-z])/gi, '$1, in that case only ');
  text = text.replace(/(\bunless\s+[^.;:!?]{3,80}?)\s*(?:[,;:]|\s-|\.|\s*[\u2013\u2014])\s+(?:and\s+)?(?:for|with)\s+(?:those|them|these|such\s+(?:ones|devices|machines|users|accounts))\s*,?\s+/gi, '$1, in that case ');
  // The case is said again in full: "it" is what the step before acts on ("isolate the box unless it's tagged X" -> "if the device is tagged X").
  // "disable the acct. NOT if theyre in X tho, then only ...": an exception said as a sentence of its own goes with the one before.
  text = text.replace(/([a-z0-9)"'])\.\s+(?=(?:unless|(?:but\s+)?not\s+if)\s+[^.;]{3,120}?[,;]?\s*(?:then|in\s+(?:that|which)\s+case)\s)/gi, '$1, ');
  // "unless theyre in X, then dont touch the acct just post here", "NOT if X, then only revoke": the same.
  // "UNLESS incident tagged X -> no iso, just collect pkg + teams": the same, said with an arrow and a rule-out (read as
  // "unless (tagged X, no iso)", the isolation had run on the tagged incidents only).
  text = text.replace(/(^|[.;!?]\s+)(unless\s+[^.;]{3,120}?)\s+->\s+/gi, '$1$2, ');
  text = text.replace(/(?:\bunless|(?<=(?:^|[.;,:!?]|\s-)\s*)(?:but\s+)?not\s+if)\s+((?:[^,;.()]|\([^()]*\)){3,160}?)\s*(?:[,;]\s*(?:in\s+(?:that|which)\s+case|if\s+(?:so|they\s+are|it\s+is)(?!\s+(?:in|an?|on|part|members?|tagged|named|from|not)\b))|\s+in\s+(?:that|which)\s+case|[,;]?\s*then\s+(?:(?:do\s+not|don'?t|dont)\s+touch\s+(?:the\s+|their\s+|its\s+)?[\w-]+,?(?:\s+and)?\s+)?(?=(?:only|just|instead|simply|tag|comment|post|notify|email|mail|ping|assign|leave)\b)|[,;]?\s*then\s+leave\s+(?:it|them)\s+open,?\s+(?:and\s+)?|[,;]\s*(?:no|never|do\s+not|don'?t|dont)\s+(?:iso|isolat\w*|contain\w*|disabl\w*|block\w*|restrict\w*|quarantin\w*)\s*,?\s+(?=(?:only|just|instead|simply)\b))\s*,?\s*/gi, (_m, cond: string, offset: number, whole: string) => {
    const before = whole.slice(Math.max(0, whole.lastIndexOf('.', offset) + 1), offset);
    const noun = [...before.matchAll(/\b(box(?:es)?|devices?|machines?|hosts?|endpoints?|servers?|workstations?|laptops?|users?|accounts?)\b/gi)].at(-1)?.[1] ?? '';
    const who = /^(?:users?|accounts?)$/i.test(noun) ? 'the user' : noun ? 'the device' : '';
    // An aside in brackets ("(line running, plant mgr signed off)") stays with the exception, not the case said again.
    // (A bracket that names the case, "(svc_ prefix)", stays: only an aside of several words goes.)
    const bare = cond.replace(/\s*\(([^()]*)\)/g, (m: string, inner: string) => (/,/.test(inner) || inner.trim().split(/\s+/).length > 3 ? '' : m)).trim();
    const again = who ? bare.replace(/^(?:it|they)(?:'s|'re|\s+is|\s+are)\b/i, `${who} is`) : bare;
    return `unless ${cond}; if ${again}, `;
  });
  // "low/none risk leave it alone": the case before a branch that does nothing.
  text = text.replace(new RegExp(`(^|[.;]\\s+)(?!(?:if|when|unless|for|on|just|then|please|pls|otherwise|else|${ACTION_VERB})\\b)([a-z][^.;,:]{1,40}?)\\s+(?=(?:just\\s+)?(?:leave\\s+(?:it|them)\\s+alone|do\\s+nothing|ignore\\s+(?:it|them))\\s*(?:[.;]|$))`, 'gi'), (_m, lead: string, cond: string) => `${lead}if ${cond.replace(/\s*(?:-+>|=>|:|-)$/, '')}, `);
  // "The restriction is removed manually by an analyst.", "Higher severities are left to the analyst on duty.": what the
  // playbook does not do, which the plan already leaves out.
  text = text.replace(/(^|[.;]\s+)(?:the\s+)?(?:restriction|isolation|block|indicator|quarantine|containment)\s+(?:is|are|will\s+be|can\s+be)\s+(?:later\s+)?(?:removed|lifted|released|undone|reverted|reviewed)\s+manually(?:\s+by\s+(?:an?\s+|the\s+)?(?:analyst|human|engineer|operator)s?)?\s*(?=[.;]|$)[.;]?/gi, '$1');
  text = text.replace(/(^|[.;]\s+)(?:higher|lower|other|remaining|all\s+other)\s+(?:severit(?:y|ies)|incidents?|alerts?|cases?)\s+(?:are|is)\s+(?:left|handed|passed)\s+to\s+(?:the\s+|an?\s+)?(?:analysts?|humans?|soc|team)(?:\s+on\s+(?:duty|shift|call))?\s*(?=[.;]|$)[.;]?/gi, '$1');
  // "Lower severities are ignored.", "hashes with fewer detections are left untouched": the cases the steps leave alone.
  text = text.replace(/(^|[.;]\s+|,\s*(?:and\s+|while\s+)?)(?:the\s+)?(?:(?:higher|lower|other|remaining|all\s+other)\s+(?:severit(?:y|ies)|incidents?|alerts?|cases?|ones)|(?:incidents?|alerts?|cases?)\s+(?:of|with)\s+(?:an?\s+|any\s+)?(?:higher|lower|other|another|different)\s+severit(?:y|ies)|(?:all\s+(?:the\s+)?)?others|(?:hash(?:es)?|files?|ips?|urls?|domains?|iocs?|ones)\s+with\s+(?:fewer|less|lower|no)\s+(?:detections?|engines?|hits?|scores?)|(?:hash(?:es)?|files?|ips?|urls?|domains?|iocs?|ones|addresses)\s+(?:(?:that|which)\s+(?:fall|falls|are|score)\s+)?(?:below|under)\s+(?:that|the|this)\s+(?:score|threshold|count|number|limit)|(?:devices?|machines?|hosts?|boxes)\s+whose\s+(?:files?|hash(?:es)?|ips?|urls?)\s+(?:fall|falls|are|score)\s+(?:at\s+or\s+)?(?:below|under)\s+(?:that|the|this)\s+(?:score|threshold|count|limit))\s+(?:are|is)\s+(?:simply\s+|just\s+)?(?:ignored|skipped|left\s+(?:exactly\s+|completely\s+)?(?:untouched|alone|unchanged|unmodified|as\s+(?:they|it)\s+(?:are|is)|(?:for|to)\s+(?:an?\s+|the\s+)?(?:analysts?|humans?))|not\s+(?:handled|touched|actioned|modified|changed|processed|contained|isolated|quarantined|blocked))\s*(?=[.;]|$)[.;]?/gi, '$1');
  // "For each account entity in the incident: ...": what the steps act on anyway.
  text = text.replace(/(^|[.;:]\s+)for\s+(?:each|every)\s+(?:account|user|ip(?:\s+address)?|url|file|host|device|mailbox|domain|mail(?:\s+message)?)\s+entit(?:y|ies)(?:\s+(?:in|of)\s+the\s+(?:incident|alert))?\s*[:,]\s*/gi, '$1');
  // "the malicious count is above zero": at least one engine.
  text = text.replace(/\b(?:above|over|more\s+than|greater\s+than|higher\s+than)\s+(?:zero|0)\b|>\s*0\b/gi, 'at least 1');
  // "full isolation is requested": the isolation, in the active.
  text = text.replace(/\b(?:(full|selective)\s+)?isolation\s+(?:is|gets|will\s+be)\s+(?:then\s+)?(?:requested|initiated|triggered|issued|applied|performed|started)\b/gi, (_m, how?: string) => `${how && /selective/i.test(how) ? 'selectively ' : ''}isolate the device`);
  // "... are blocked and the incident is tagged 'x'": the incident's update, in the active.
  text = text.replace(/(\s+and\s+)(the\s+(?:incident|alert|case))\s+(?:is|gets|will\s+be)\s+(?:then\s+|also\s+)?(tagged|labell?ed|assigned|closed|resolved|commented\s+on)\b/gi, (_m, joint: string, subject: string, participle: string) => `${joint}${participle.toLowerCase().replace(/^tagged$/, 'tag').replace(/^labell?ed$/, 'label').replace(/^assigned$/, 'assign').replace(/^closed$/, 'close').replace(/^resolved$/, 'resolve').replace(/^commented on$/, 'comment on')} ${subject}`);
  // "isolate the device of the High severity alert only, not the ones from medium alerts": the devices of the alert named
  // before are what the step acts on; the other alerts' devices are left out by that already.
  text = text.replace(/,?\s*(?:but\s+)?not\s+(?:the\s+ones|those|the\s+(?:devices|machines|hosts)|devices|machines|hosts)\s+(?:from|in|of|on|tied\s+to|linked\s+to)\s+(?:the\s+)?(critical|high|medium|low|informational)(?:\s+severity|\s+sev)?\s+alerts?\b/gi, (m: string, sev: string, offset: number, whole: string) => {
    const before = whole.slice(0, offset);
    const named = /\b(critical|high|medium|low|informational)(?:\s+severity|\s+sev)?\s+alerts?\b/i.exec(before);
    return named && named[1].toLowerCase() !== sev.toLowerCase() ? '' : m;
  });
  // "posts the VirusTotal reputation of every IP, URL and file hash as an incident comment": a comment with the verdicts.
  text = text.replace(/\bposts?\s+(the\s+)?((?:virustotal|vt)\s+(?:reputation|verdicts?|results?|reports?|scores?)\s+of\s+)(?:every|each|all(?:\s+the)?)\s+[^.;]*?(\s+in\s+the\s+(?:incident|alert))?\s+as\s+(?:an?\s+)?(?:incident\s+)?comments?\b/gi, (_m, the: string | undefined, what: string, where: string | undefined) => `add ${the ?? ''}${what}every IOC${where ?? ''} as a comment on the incident`);
  // "make it a block indicator, otherwise just an audit/alert-only one": "one" is the indicator said before.
  if (/\bindicators?\b/i.test(text)) text = text.replace(/\b(an?\s+)?(audit|alert[- ]only|warn|block)(?:\s*\/\s*(?:audit|alert[- ]only|warn|block))*\s+one\b/gi, (_m, a: string | undefined, kind: string) => `${a ?? 'an '}${kind} indicator`);
  // "incidents of lower severity are only posted to the Teams channel": the other severities' branch, in the active.
  text = text.replace(/([;.]\s+|,\s+(?:and\s+|while\s+|but\s+)?|^)(?:the\s+)?(?:(?:incidents?|alerts?|ones)\s+of\s+(?:a\s+)?(?:lower|other)\s+severit(?:y|ies)|(?:lower|other)[- ]severity\s+(?:incidents?|alerts?|ones))\s+(?:are|is|get|will\s+be)\s+(?:only\s+|just\s+)?(posted|sent|reported|shared|announced)\s+(?:only\s+)?(to|in|on)\b/gi, (_m, lead: string, _verb: string, prep: string) => `${lead}for the lower severities, only post ${prep}`);
  // "10 or more detections - tagged 'VT-Malicious'": in a band, the tag the incident gets.
  text = text.replace(/((?:->|[-\u2013:;,])\s*)(?:the\s+incident\s+is\s+)?tagged\s+(["'\u201c\u2018][^"'\u201d\u2019]{1,40}["'\u201d\u2019])/gi, '$1tag the incident $2');
  // "Run a full scan on anything tagged Server": after a device step, what is tagged is a device.
  text = text.replace(/\b((?:isolate|scan|collect|restrict|quarantine)\b[^.;,]{0,40}?\s(?:on|from)\s+)(?:anything|everything|whatever|any\s+box|all\s+boxes)\s+(tagged|labell?ed)\b/gi, '$1devices $2');
  // "don't do anything except leave a comment": only that step.
  text = text.replace(/\b(?:do\s+not|don'?t|dont)\s+do\s+anything(?:\s+else)?\s*,?\s*(?:except|but|other\s+than|besides|apart\s+from)\s+(?:to\s+)?/gi, 'just ');
  // "acct(s)", "device(s)": the plural said with brackets.
  text = text.replace(/\b([a-z]{2,})\((?:e?s)\)/gi, (_m, noun: string) => `${noun}${/(?:s|x|ch|sh)$/i.test(noun) ? 'es' : 's'}`);
  // "as long as the sender is not X": a condition.
  text = text.replace(/\b(?:as|so)\s+long\s+as\b/gi, 'if');
  // "determination: malware", "TP - phishing": the determination said with punctuation, which would split the clause.
  text = text
    .replace(/\b(determination)\s*[:=–-]\s*/gi, '$1 ')
    .replace(new RegExp(`\\b(true[- ]positive|tp|false[- ]positive|fp)\\s*[:–-]\\s*(?=(?:${DETERMINATION_WORDS})\\b)`, 'gi'), '$1 with determination ');
  const restated = restateStructured(text) ?? undefined;
  if (restated) text = deviceExceptionEndsRun(restated);
  // "rules: - High severity: isolate - Medium severity: scan only": a list typed on one line; each dash before a severity
  // label starts a line (read on, "scan - Medium severity" had put the scan under the next label).
  const inlineItem = new RegExp(String.raw`(?:^|\s)[-\u2013*\u2022]\s+(?=${LEVELS}(?:\s+(?:severity|sev))?[^:.;\n]{0,30}:\s)`, 'gi');
  // One such dash after a step ("isolate on high sev - low sev: a comment") ends that step's sentence all the same: read on,
  // the step had taken both severities.
  if (!/\n/.test(text) && (text.match(inlineItem) ?? []).length >= 2) text = text.replace(inlineItem, '\n- ').replace(/^\n/, '');
  else text = text.replace(new RegExp(String.raw`([a-z0-9)"'])[ \t]+[-\u2013][ \t]+(?=${LEVELS}(?:\s+(?:severity|sev))?\s*:\s)`, 'gi'), '$1. ');
  // "- VT >= 20: block it\n- under 5: leave it": each line of a list is a sentence of its own, its bullet dropped.
  if (/\n/.test(text)) {
    text = text
      .split(/\r?\n/)
      .map((l) => l.replace(/^\s*(?:[-*\u2022\u00b7\u25aa\u2023\u25e6]|\(?\d{1,2}[.)])\s+/, '').trim())
      // "- Medium: quick scan", "- Low / Informational: a comment": a line keyed by a bare severity is for those incidents.
      .map(severityLineLabel)
      .filter(Boolean)
      .map((l) => (/[.!?;:,]$/.test(l) ? l : `${l}.`))
      .join('\n');
  }
  text = bandLabels(text);
  for (const [re, to] of PUNCTUATION) text = typeof to === 'string' ? text.replace(re, to) : text.replace(re, to);
  text = text.replace(SYSTEM_SENTENCE, (m) => {
    if (m.trim()) ignored.push(m.trim());
    return ' ';
  });

  const corrections: Correction[] = [...switchedWords];
  // "VT-malicious", "VT-flagged": VirusTotal's verdict, even inside a hyphenated word.
  text = text.replace(/(?<!["'\u201c\u2018])(?<!\b(?:tag|tagged|label|labelled|labeled)\s+(?:(?:it|them|the\s+incident|the\s+alert)\s+)?(?:(?:as|with)\s+)?)\bvt-(?=(?:malicious|flagged|clean|positive|negative|bad|good)\b)/gi, (m) => {
    corrections.push({ from: m.slice(0, -1), to: 'VirusTotal', kind: 'shorthand' });
    return 'VirusTotal ';
  });
  // Chat shorthand with digits, which the literal guard would keep: "b4".
  text = text.replace(/\bb4\b/gi, (m) => {
    corrections.push({ from: m, to: 'before', kind: 'shorthand' });
    return 'before';
  });
  const patternParts = new Set(text.match(/(?<=[*-])[A-Z]{2,6}(?=-)|(?<=-)[A-Z]{2,6}(?=-?\*)/g) ?? []);
  text = mapOutsideLiterals(text, (chunk) => {
    let c = chunk;
    for (const [re, to] of SYMBOLS) c = c.replace(re, to);
    for (const [re, to] of CONTEXT_SHORTHAND) {
      c = c.replace(re, (m: string, ...args: unknown[]) => {
        // The groups come before the offset; a lookahead in the pattern only holds in the whole text, so no second match.
        const groups = args.slice(0, args.findIndex((a) => typeof a === 'number')).map((g) => (typeof g === 'string' ? g : ''));
        const replaced = to.replace(/\$(\d)/g, (_d, n: string) => groups[Number(n) - 1] ?? '');
        corrections.push({ from: m.trim(), to: replaced.trim(), kind: 'shorthand' });
        return replaced;
      });
    }
    return c.replace(TOKEN, (word: string, offset: number, whole: string) => {
      // "pos-*", "svc-": a prefix ending in a dash is a name, never shorthand or a typo.
      if (whole[offset + word.length] === '-' && !/[A-Za-z]/.test(whole[offset + word.length + 1] ?? '')) return word;
      // "a POS (*-POS-*)": an acronym that is a part of a name pattern in the request is that name, never shorthand ("positive").
      if (/^[A-Z]{2,6}$/.test(word) && patternParts.has(word)) return word;
      const lower = word.toLowerCase();
      const short = SHORTHAND[lower];
      // "tagged crit", "tag the incident srv": a tag's name as it was written (expanded, it matched no tag Defender holds).
      // (Asked only of a word that would be changed: the shorthand and typo readings below.)
      const tagName = (): boolean => TAG_NAME_BEFORE.test(whole.slice(Math.max(0, offset - 60), offset)) && !/^(?:incidents?|alerts?|with|the|them|it|as|and|if|when|on)$/i.test(short ?? lower);
      if (short !== undefined) {
        if (short.toLowerCase() !== lower && tagName()) return word;
        if (short.toLowerCase() !== lower) corrections.push({ from: word, to: short, kind: 'shorthand' });
        return short;
      }
      if (known(word) || tagName()) return word;
      // "buuut", "pleeease", "sooo": a letter held for emphasis.
      const held = /([a-z])\1/i.test(word) && word.length > 3 ? [word.replace(/([a-z])\1{2,}/gi, '$1$1'), word.replace(/([a-z])\1{2,}/gi, '$1'), word.replace(/([a-z])\1+/gi, '$1')].find((w) => w !== word && known(w)) : undefined;
      if (held) {
        corrections.push({ from: word, to: held, kind: 'typo' });
        return held;
      }
      const fixed = typoTarget(word) ?? truncatedVerb(word, whole.slice(offset + word.length));
      if (!fixed) return word;
      corrections.push({ from: word, to: fixed, kind: 'typo' });
      return fixed;
    });
  });
  // "an .exe": a dot that starts a file extension keeps its space.
  text = text.replace(/[ \t]+/g, ' ').replace(/[ \t]+([,;:!?]|\.(?![a-z0-9]))/gi, '$1').trim();
  text = kindPolicies(text);
  // "in the Break Glass group": a name of several capitalised words, said without quotes, is the group's name all the same
  // (a one-word name is read as it stands). "in the Lab Rigs or Build Farm groups": each name, quoted.
  const notAName = (name: string): boolean => /^(?:Entra|AAD|Azure|AD|Security|Device|Devices|Machine|RBAC|The|A|An|Any|Every|This|That|High|Medium|Low|Critical|Informational|VIP)\b/.test(name) || /\b(?:Entra|AAD|Azure|AD|Device|Machine|RBAC)\s*$/.test(name);
  const capitalised = String.raw`[A-Z][\w&+]*(?:-[\w&+]+)*(?:\s+[A-Z][\w&+]*(?:-[\w&+]+)*){0,3}`;
  text = text.replace(new RegExp(String.raw`\b(in|of|from|to|into)\s+(the\s+|our\s+)?(${capitalised})((?:\s*,\s*${capitalised})*)\s*,?\s+(or|and)\s+(?:the\s+)?(${capitalised})\s+((?:device\s+|machine\s+)?groups?)\b`, 'g'), (m: string, prep: string, the: string | undefined, first: string, middle: string, joint: string, last: string, group: string) => {
    const names = [first, ...middle.split(/\s*,\s*/).filter(Boolean), last];
    return names.some(notAName) ? m : `${prep} ${the ?? 'the '}${names.map((n) => `'${n.trim()}'`).join(` ${joint} `)} ${group}`;
  });
  text = text.replace(/\b(in|of|from|to|into)\s+(the\s+|our\s+)?((?:[A-Z][\w&+]*(?:-[\w&+]+)*\s+){2,4}?)((?:(?:entra|aad|azure\s+ad|ad|security|m365|o365)(?:\s+id)?\s+)?groups?)\b/g, (m: string, prep: string, the: string | undefined, name: string, group: string) =>
    /^(?:Entra|AAD|Azure|AD|Security|Device|Devices|Machine|RBAC|The|A|An|Any|Every|This|That|High|Medium|Low|Critical|Informational|VIP)\b/.test(name) || /\b(?:Entra|AAD|Azure|AD|Device|Machine|RBAC)\s+$/.test(name) ? m : `${prep} ${the ?? 'the '}'${name.trim()}' ${group}`);
  text = deviceGroupsSaid(text);
  // "... devices in the 'Lab' or 'Kiosk' groups are never isolated. for those ones just run a scan": "those" are the devices
  // the sentence before spared.
  text = text.replace(/((?:^|[.!?]\s+)[^.!?]*?\b(?:never\s+[a-z]+\s+(devices\s+(?:in\s+the\s+(?:'[^'\n]{1,60}'(?:\s+(?:or|and)\s+'[^'\n]{1,60}')*)\s+(?:device\s+)?groups?|tagged\s+'?[\w.-]+'?))|(devices\s+(?:in\s+the\s+(?:'[^'\n]{1,60}'(?:\s+(?:or|and)\s+'[^'\n]{1,60}')*)\s+(?:device\s+)?groups?|tagged\s+'?[\w.-]+'?))\s+(?:are|is)\s+never\s+[a-z]+ed)\b[^.!?]*[.!?]\s+)for\s+(?:those|these|them)(?:\s+(?:ones|devices|boxes|machines|hosts))?\s*[,:]?\s+/gi, (_m, before: string, a: string | undefined, b: string | undefined) => `${before}for ${a ?? b}, `);
  text = namedKinds(text);
  // "release it when resolved, exept if its tagged X": "except if" is "unless" (after the spelling is mended).
  // "except if they're in Break Glass, those never get disabled": a case that is spared, said with its own "never"; as
  // "unless" it would have said the opposite (every other account spared).
  text = text.replace(/\bexcept\s+(if|when)\b(?=[^.;!?\n,]{3,120},\s*(?:(?:those|they|these|them|then|it)\s+)?(?:should\s+|must\s+|will\s+|can\s+)?(?:never|not|do\s+not|don'?t|dont|shouldn'?t|mustn'?t|won'?t|cannot|can'?t)\b)/gi, 'but $1');
  text = text.replace(/\bexcept\s+(?:if|when)\b/gi, 'unless');
  // "release isolation when incident resolved unless its tagged keep-isolated": "it" is the incident the case names, when
  // no device is named between.
  text = text.replace(/(\b(?:when|whenever|if|once|after)\s+(?:the\s+|an?\s+)?incidents?\b(?:(?!\b(?:devices?|machines?|hosts?|boxes|box|endpoints?|servers?|workstations?|laptops?|users?|accounts?|files?)\b)[^.;,!?\n])*?)(,?\s*)\bunless\s+(?:it'?s|it\s+is|its)\s+(tagged|labell?ed)\b/gi, '$1$2unless the incident is $3');
  // "Device is an HMI (*-HMI-*) or an engineering workstation (*-EWS-*)": the devices so named, in a list of conditions.
  text = text.replace(/\b(?:the\s+)?(?:affected\s+)?(?:device|machine|host|endpoint|computer)\s+is\s+(?:an?\s+|the\s+)?(?:devices?|workstations?|servers?|boxes|box|machines?|hosts?|pcs?|laptops?)\s+named\s+([\w.*-]+)((?:\s+or\s+(?:an?\s+|the\s+)?(?:(?:devices?|workstations?|servers?|boxes|box|machines?|hosts?|pcs?|laptops?)\s+named\s+)?[\w.*-]*\*[\w.*-]*)*)/gi,
    (_m, first: string, more: string) => `on devices named ${[first, ...more.split(/\s+or\s+/).map((x) => x.trim().split(/\s+/).pop() ?? '').filter(Boolean)].join(' or ')}`);
  text = iocsTakenFrom(text);
  text = tagReferences(text);
  // "are pushed to Microsoft Defender for Endpoint as custom indicators with a blocking action": they are blocked.
  text = text.replace(/\b(are|is|get|gets)\s+(?:pushed|submitted|sent|uploaded|added|created)\s+(?:to|in)\s+(?:microsoft\s+)?(?:defender|mde)(?:\s+for\s+endpoint)?\s+as\s+(?:custom\s+)?(?:indicators?|iocs?)\s+with\s+(?:a|an|the)\s+(?:block(?:ing)?|block\s+and\s+remediate)\s+action\b/gi, '$1 blocked');
  // "block the C2 ips (any ip VT flags at all, 1+ engines)": with VirusTotal's test in the bracket after, "C2" describes the
  // IPs that test picks, not the kind of alert (read as a command-and-control trigger it had left out every other alert).
  text = text.replace(/[^.;!?]+/g, (sentence) => (/\b(?:virustotal|vt)\b|\bengines?\b/i.test(sentence) ? sentence.replace(/\b(?:c2|c&c|command[- ]and[- ]control)\s+(?=(?:ips?|ip\s+address(?:es)?|addresses|domains?|urls?|iocs?|indicators?)\s*\([^)]*\b(?:virustotal|vt|engines?)\b)/gi, '') : sentence));
  // "collect a pkg from every box... wait, only if nobody owns it": a condition added after a pause, not a correction.
  // ("isolate every device ...\nwait no - only if the alert is high": the same, said as a correction that only narrows.)
  text = text.replace(/(?:\.{2,}|[,;\u2026]|\.(?=\s)|\n)\s*(?:oh\s+|hmm+\s+)?wait(?:\s*,?\s*no)?\s*[-,.!]*\s*(?=(?:but\s+|and\s+)?only\s+(?:if|when|for|on)\b|(?:but\s+)?(?:just\s+)?(?:if|when|unless)\b)/gi, ', ');
  text = text.replace(/(?:\.{2,}|[,;\u2026]|\.(?=\s))\s*(?:oh\s+|hmm+\s+)?wait\s*[,.!]*\s*(?=(?:but\s+|and\s+)?only\b|(?:but\s+)?(?:just\s+)?(?:if|when|unless)\b)/gi, ', ');
  text = selfCorrections(text);
  // "isolate it if VT says bad (10+) otherwise just kick off a scan": "otherwise" opens the other branch, comma or not.
  text = text.replace(new RegExp(String.raw`([a-z0-9+)"'])\s+(otherwise|else)\s+(?=(?:just\s+|only\s+|simply\s+)?(?:${ACTION_VERB}|kick|start|post|send|email|mail|tag|assign|close|resolve|comment|ping|notify|leave|do)\b)`, 'gi'), '$1, $2, ');
  // "full scans kill the db perf", "isolation breaks the vpn": why a kind of step is not wanted, never a step of its own.
  // "run a full scan on it, the customer wont let us isolate those": who forbids the other step, said as why this one.
  text = text.replace(/(,\s*|\s+(?:since|as)\s+)((?:the\s+|our\s+|their\s+)?(?:[\w-]+\s+){1,3}?(?:will\s+not|won'?t|wont|would\s+not|does\s+not|doesn'?t|do\s+not|don'?t|never)\s+(?:let|allow|permit)\s+(?:us|me|you|them|anyone|anybody)\b)/gi, (_m, _lead: string, who: string) => `, because ${who}`);
  // ", the epic interface engine falls over if we reset those": what would break, said as why; its "if" is no case.
  text = text.replace(/([,;]\s*|\s[-\u2013]\s*)((?:the|our|their)\s+(?:[\w-]+\s+){0,4}?(?:falls?\s+over|breaks?|crash(?:es)?|goes\s+down|dies|stops?\s+working))\s+(?:if|when)\s+(?:(?:we|you|they|i)\s+)?[a-z]+\s+(?:those|them|these|it|that)\b/gi, (_m, lead: string, what: string) => `${lead.replace(/\s[-\u2013]\s*$/, ', ')}because ${what} then`);
  // ", restricting the EHR app servers kills charting for the whole hospital", ", isolating a DC takes down logons": a step
  // said as a gerund with what it would break is why the request says otherwise (read as a step, it had asked).
  text = text.replace(/(^|[,;:]\s*|\.\s+|\s[-\u2013]\s*)(?:isolating|restricting|scanning|disabling|resetting|blocking|quarantining|locking\s+out|revoking)\s+((?:[\w-]+\s+){0,6}?)(kills?|breaks?|crash(?:es)?|takes?\s+down|disrupts?|ruins?|stops?)\s+([^.;,]*)/gi, (_m, lead: string, _what: string, verb: string, rest: string) => `${/\.\s+$/.test(lead) ? lead : `${lead.replace(/\s[-\u2013]\s*$/, ', ')}`}because that ${verb} ${rest}`);
  text = text.replace(/(^|[,;:]\s*|\.\s+|\s[-\u2013]\s*)((?:the\s+)?(?:full|quick|selective)?\s*(?:av\s+|antivirus\s+)?(?:scans?|isolations?|isolating|restrictions?|quarantines?|blocking|blocks?)\s+(?:kills?|breaks?|crash(?:es)?|slows?\s+down|hurts?|tanks?|takes?\s+down|disrupts?|ruins?)\s+(?:the|our|their|it|them|prod|production)\b[^.;,]*)/gi, (_m, lead: string, why: string) => `${/\.\s+$/.test(lead) ? lead : `${lead.replace(/\s[-\u2013]\s*$/, ', ')}`}because that ${why.replace(/^.*?\b(kills?|breaks?|crash(?:es)?|slows?\s+down|hurts?|tanks?|takes?\s+down|disrupts?|ruins?)\b/i, '$1')}`);
  // "full av scan the device": a full scan of it.
  text = text.replace(/\b(full|quick)\s+(?:av\s+|antivirus\s+)?scan\s+(?=(?:the|their|its|that|this|each|every|all|any)\b)/gi, 'run a $1 antivirus scan on ');
  // "if its Medium then just the quick antivirus scan is fine": that scan, for that case.
  text = text.replace(/\b(then\s+)?(?:just\s+|only\s+)?(?:the\s+|a\s+)?(full|quick)\s+antivirus\s+scan\s+(?:is|will\s+be|would\s+be|should\s+be)\s+(?:fine|ok|okay|enough|plenty|good(?:\s+enough)?|sufficient)\b/gi, (_m, then: string | undefined, kind: string) => `${then ?? ''}run a ${kind.toLowerCase()} antivirus scan`);
  // "never isolate servers, for those only run a full scan": "those" are the devices ruled out just before.
  text = text.replace(/\b((?:never|not|do\s+not|don'?t|dont)\s+(?:isolate|restrict\s+app\s+execution\s+on|quarantine\s+files\s+on|scan)\s+((?:the\s+)?(?:windows\s+|linux\s+)?(?:servers|workstations|dcs|domain\s+controllers|macs|laptops|desktops)))\s*,\s*(?:and\s+)?for\s+(?:those|them|these)\b/gi, '$1, for $2');
  // "and if it is Medium a quick antivirus scan,": the scan named after its case is the step.
  text = text.replace(/(\b(?:if|when)\s+(?:it\s+is|it'?s|the\s+severity\s+is)\s+(?:critical|high|medium|low|informational)(?:\s+severity)?\s+)(?:then\s+)?(?:just\s+|only\s+)?(?:the\s+|a\s+)?(full|quick)\s+antivirus\s+scan\b(?=\s*(?:[,.;]|$))/gi, (_m, lead: string, kind: string) => `${lead}run a ${kind.toLowerCase()} antivirus scan`);
  // "High: full scan, Medium: quick scan, and anything lower than that just leave it alone": the severities below the last
  // one named, which the branches before leave as the other case.
  text = text.replace(/(\b(?:critical|high|medium|low)\b[^.;!?]{0,200}?),?\s*(?:and\s+)?(?:anything|everything|all|any(?:thing)?\s+else)\s+(?:lower|less|below|under)(?:\s+than)?\s+(?:that|this|those)\b,?/gi, '$1, otherwise');
  // "the box its on", "the device it's on": the device the file was seen on.
  text = text.replace(/\b(?:the\s+)?(box|device|host|machine|endpoint|computer|pc)\s+(?:it'?s|its|it\s+is|it\s+was|they'?re|they\s+are|they\s+were)\s+(?:seen\s+|found\s+|sitting\s+|running\s+)?on\b/gi, 'the $1 where it was seen');
  // "please to block the url": the instruction.
  text = text.replace(/\b(?:please|pls|plz)\s+to\s+(?=[a-z])/gi, '');
  // "scan the devices in the incident. only the ones named ws-*": the ones of the last kind of thing named before.
  text = text.replace(/(^|[.;!?]\s+)(only\s+)?the\s+ones\s+(?=named\b|whose\b|that\b|which\b|with\b|running\b|tagged\b|in\s+the\b)/gi, (m, lead: string, only: string | undefined, offset: number) => {
    const noun = [...text.slice(0, offset).matchAll(/\b(devices|machines|hosts|boxes|endpoints|servers|workstations|laptops|users|accounts|files|hashes|ips|urls|domains)\b/gi)].at(-1)?.[1];
    return noun ? `${lead}${only ?? ''}the ${noun.toLowerCase()} ` : m;
  });
  // "scan the machines in the incident. only the machines named lab-*": a sentence that only narrows what the one before
  // acts on goes on with it.
  text = text.replace(new RegExp(String.raw`([a-z0-9*)"'])\.\s+(only\s+(?:on\s+|for\s+)?(?:the\s+)?(?:devices|machines|hosts|boxes|endpoints|servers|workstations|laptops|users|accounts)\s+(?:named|whose|called|with|running|tagged|in\s+the)\b(?:(?!\b(?:${ACTION_VERB})\b)[^.!?;])*)(?=[.!?;]|$)`, 'gi'), '$1, $2');
  // "VIP-tagged incidents only": incidents tagged VIP.
  text = text.replace(/\b([A-Za-z][\w]*)-tagged\s+(incidents?|alerts?|cases?|devices?|machines?|hosts?)\b/g, (_m, tag: string, noun: string) => `${noun} tagged ${tag}`);
  // "1) block the URL  2) reset the pwd  3) email X": a numbered list is a sentence per item. After a heading ("for MDI alerts
  // where VT flags the IP: 1) revoke 2) reset"), the list starts on a line of its own, as it would be typed on several, so
  // the heading's case holds for every item (it had reached the first one only, and the rest ran on every alert).
  if ((text.match(/(?:^|\s)\(?\d{1,2}[).]\s+(?=[a-z])/gi) ?? []).length >= 2) text = text.replace(/\s*(?:^|(?<=[\s:]))\(?\d{1,2}[).]\s+(?=[a-z])/gi, (_m, offset: number) => (offset === 0 ? ' ' : /:\s*$/.test(text.slice(0, offset + 1)) ? (/^\s*(?:for|on|when|whenever|if|in)\b[^\n]*:\s*$/i.test(text.slice(0, offset + 1).split(/[.!?\n]/).pop() ?? '') ? '\n' : ' ') : '. ')).replace(/\s*\.\s*\.\s/g, '. ').replace(/,\s*\./g, '.').trim();
  // "for MDI alerts where VT flags the IP: revoke the sessions; confirm the user; reset the pw": the same list, its items
  // parted by semicolons (the heading's case had reached the first item only).
  text = text.replace(new RegExp(String.raw`(^|[.!?\n]\s*)((?:for|on|when|whenever|if|in)\b[^.!?;:\n]{3,160}):\s+((?:${ACTION_VERB})\b[^.!?:;\n]*(?:;\s*(?:and\s+|then\s+)?(?:${ACTION_VERB})\b[^.!?:;\n]*)+)(?=[.!?\n]|$)`, 'gi'), (_m, lead: string, heading: string, items: string) => `${lead}${heading}:\n${items.split(/\s*;\s*(?:and\s+|then\s+)?/).join('. ')}`);
  // "post in teams when done": the order the steps are said in, no condition.  // "post in teams when done": the order the steps are said in, no condition.
  text = text.replace(/,?\s*\b(?:when|once|after)\s+(?:(?:it'?s|that'?s|everything\s+is|all\s+is|you'?re|that\s+is)\s+)?(?:done|finished|completed?)\b/gi, '');
  // "if its got any malicious hits": it has.
  text = text.replace(/\b(it|they|that)(?:'s|s|\s+is|\s+has)\s+got\b/gi, (_m, who: string) => `${who} ${/^they$/i.test(who) ? 'have' : 'has'}`).replace(/\bthey(?:'ve|\s+have)\s+got\b/gi, 'they have');
  // "Not if its already resolved": it is. "revoke that users sessions": the user's. "leave thise open": those.
  text = text
    .replace(/\bits\s+(?=(?:already|still|not|been|now|currently)\b)/gi, 'it is ')
    .replace(/\b(?:that|this|the)\s+users\s+(?=(?:sessions?|passwords?|pw|accounts?|accts?|tokens?|creds?|credentials?)\b)/gi, "the user's ")
    .replace(/\b(?:thise|thsoe|thos)\b/gi, 'those')
    .replace(/\b(those|they|these|u|we)\s+r\b/gi, (_m, who: string) => `${who} are`);
  // "Not Tier0 Admins grp, those are mine": the users of that group are left out.
  // (Only where every step acts on users: beside a device step, "not the Lab group" may name a device group.)
  const devicesActedOn = /\b(?:isolat\w*|contain\w*|scan\w*|collect\w*|restrict\w*|quarantin\w*|release\w*|package|iso)\b/i.test(text);
  // "VIP grp -> dont touch anything, just ping me": where every step acts on users, a group named as a case is the users'.
  if (!devicesActedOn) text = text.replace(/(^|[.;!?]\s+|\n\s*)(?:if\s+|for\s+)?(?:the\s+)?'?((?!(?:[Nn]ot|NOT|[Nn]ever|NEVER|[Nn]o|NO|[Ee]xcept|EXCEPT|[Bb]ut|BUT)\b)(?:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*){0,2})'?\s+(?:group|grp)\s*(?:->|=>|\u2192|:)\s*/g, (_m, lead: string, name: string) => `${lead}if the user is in the '${name}' group, `);
  if (!devicesActedOn) text = text.replace(/(^|[.;!?]\s+|,\s*)(?:[Bb]ut\s+)?(?:[Nn]ot|NOT|[Nn]ever|NEVER)\s+(?:for\s+|on\s+)?(?:the\s+|anyone\s+in\s+(?:the\s+)?|users\s+in\s+(?:the\s+)?)?'?((?:[A-Z][\w-]*)(?:\s+[A-Z][\w-]*){0,2})'?\s+(?:group|grp)\b/g, (_m, lead: string, name: string) => `${lead}unless the user is in the '${name}' group`);
  text = unlessJustInstead(text);
  // "detectionSource EDR" (read as "detection-source"): the detection source. "don't reassign it": no assignment.
  text = text.replace(/\bdetection-source\b/gi, 'detection source').replace(/\b(do\s+not|don'?t|dont|never)\s+re-?assign\b/gi, '$1 assign');
  // "if the account is a service account (name starting svc-)": what it is, said by its name.
  text = text.replace(/\b(?:the\s+)?(?:account|user|acct)\s+is\s+an?\s+(?:service|svc|shared|admin)\s+(?:account|acct)\s*\(\s*(?:(?:its|the)\s+)?(?:user\s?)?(?:name|upn)\s+(?:starting|starts|beginning|begins)\s+(?:with\s+)?([\w.*-]+)\s*\)/gi, 'the account name starts with $1')
    .replace(/\b(?:the\s+)?(?:account|user|acct)\s+is\s+an?\s+(?:(?:service|svc|shared|admin)\s+)?(?:account|acct)\s+(?:starting|beginning)\s+with\s+([\w.*-]+)/gi, 'the account name starts with $1');
  // "assign to tier2@contoso.com ... Low ones only get assigned to tier2": the address named before, by its first part.
  for (const address of new Set(text.match(/\b[\w.+'-]+@[\w-]+(?:\.[\w-]+)+/g) ?? [])) {
    const local = address.split('@')[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    text = text.replace(new RegExp(`\\b(to|cc|email|mail|notify|ping)\\s+${local}\\b(?![@.\\w-])`, 'gi'), `$1 ${address}`);
  }
  // "otherwise just a quick scan is fine": that step, said as what will do.
  text = text.replace(/\b(?:just\s+|only\s+)?(an?\s+(?:(?:quick|full|av|antivirus)\s+){0,2}scan|(?:an?\s+|the\s+)?(?:investigation\s+)?package|an?\s+(?:incident\s+)?comment)\s+(?:is\s+(?:fine|enough|ok|okay|plenty|all\s+we\s+need)|will\s+do|should\s+do)\b/gi, (_m, what: string) => (/scan$/i.test(what) ? `run ${what.replace(/^an(?=\s+(?:quick|full))/i, 'a')}` : /package$/i.test(what) ? 'collect the investigation package' : 'add a comment'));
  // "any chance we could auto-isolate ...": the step, asked for.
  text = text.replace(new RegExp(`\\b(?:is\\s+there\\s+)?any\\s+chance\\s+(?:we|you|u|rampart|the\\s+bot|it)\\s+(?:could|can|would|might)\\s+(?:maybe\\s+|also\\s+)?((?:auto-?)?(?:${ACTION_VERB})\\b[^?.!]*)\\?`, 'gi'), '$1.');
  // "if VT gives it 10+": the engines that flag it.
  text = text.replace(/\b(virus\s?total|vt)\s+(?:gives|rates|scores|puts)\s+(it|them|the\s+(?:hash|file|ip|url|domain)s?)\s+(?:at\s+|a\s+)?(\d+)\s*(?:\+|or\s+more|or\s+above|and\s+up)/gi, (_m, _vt: string, what: string, n: string) => `VirusTotal flags ${what} with ${n} or more engines`);
  // "quarantine the file and isolate the host if VT flags it, otherwise run a quick scan": the case first, then its steps
  // and the other branch (a trailing "if" after a run of steps had left the "otherwise" without a case).
  text = text.replace(new RegExp(`(^|[.;!]\\s+|\\n)((?:${ACTION_VERB})\\b[^.;!?]*?\\band\\s+(?:${ACTION_VERB})\\b[^.;!?]*?)\\s+if\\s+([^,.;!?]+?),\\s*(otherwise|else|if\\s+not)\\b,?`, 'gi'), (_m, lead: string, steps: string, cond: string, other: string) => `${lead}if ${cond}, ${steps}. ${other.toLowerCase()},`);
  // ("if any chance we could isolate ..., but not servers": a question read as a case before its words were.)
  text = text.replace(new RegExp(`\\bif\\s+any\\s+chance\\s+(?:we|you|u|rampart|the\\s+bot|it)\\s+(?:could|can|would|might)\\s+(?:maybe\\s+|also\\s+)?(?=(?:auto-?)?(?:${ACTION_VERB})\\b)`, 'gi'), '');
  // "... gets full isolation. Servers get selective.": that kind is isolated selectively and the others as said (read as a
  // sentence of its own, "selective" was dropped and the servers fully isolated).
  text = text.replace(new RegExp(`([a-z0-9)])\\s*(?:[.;]\\s+|,\\s*)(${DEVICE_KIND_WORDS})\\s+(?:gets?|should\\s+get|are|is)\\s+(?:selective(?:ly)?(?:\\s+isolat(?:ion|ed))?|isolated\\s+selectively)(?:\\s+(?:only|instead))?(?=\\s*(?:[.;!]|$))`, 'gi'), (_m, last: string, kind: string) => `${last}, ${kind} selectively`);
  // "DCs nobody touches": left alone.
  text = text.replace(new RegExp(`(^|[.;,]\\s*)(${DEVICE_KIND_WORDS})\\s+(?:nobody|no\\s*one|no-one)\\s+touch(?:es)?\\b`, 'gi'), '$1leave $2 alone');
  // "... if the user is in X? and if they're not, just comment": the other side of the case before.
  text = text.replace(/(^|[.;!?,]\s*)(?:and\s+)?if\s+(?:they|it|he|she|the\s+user|the\s+device)(?:'re|'s|\s+are|\s+is)\s+not\s*,\s*/gi, '$1otherwise, ');
  // "isolate it, but please not if it's tagged VIP": unless.
  text = text.replace(/,?\s*but\s+(?:please\s+|pls\s+)?not\s+if\s+/gi, ', unless ');
  // "when an incident gets escalated to high": its severity is high.
  text = text.replace(/\b(gets?|is|was)\s+(?:escalated|raised|bumped|upgraded|elevated)\s+to\s+(critical|high|medium)\b/gi, (_m, _v: string, level: string) => `is ${level.toLowerCase()}`);
  // "..., anything else leave for triage": the other side gets nothing.
  text = text.replace(/,?\s*(?:and\s+)?(?:(?:anything|everything)\s+else|otherwise|else)\s*[:,-]?\s*(?:just\s+)?leave\s+(?:it\s+|them\s+)?(?:for|to)\s+(?:triage|the\s+analysts?|us|a\s+human|manual\s+review|review|the\s+(?:team|shift|soc))\b/gi, '');
  // "close it as security testing": a determination only Informational, expected activity holds.
  text = text.replace(/\b(close[sd]?|resolved?|resolving|mark(?:ed)?|classif(?:y|ied))\b([^.;!?]{0,60}?)\bas\s+(?:an?\s+)?(security\s+testing|security\s+personnel|line[- ]of[- ]business\s+app(?:lication)?|confirmed\s+user\s+activity)\b/gi, '$1$2as informational expected activity, $3');
  // "if VT has no clue about the hash": the hash is unknown to VirusTotal.
  text = text.replace(/\b(if|when|unless)\s+(?:virus\s?total|vt)\s+(?:has\s+no\s+(?:clue|idea|record|data|results?|info(?:rmation)?)|(?:doesn'?t|does\s+not|dont)\s+know|has\s+never\s+heard\s+of|has\s+nothing)\s+(?:about|on|of)\s+(?:the\s+)?(hash(?:es)?|files?|ips?|urls?|links?|domains?)\b/gi, '$1 the $2 is unknown to VirusTotal');
  // "can we get an email to X every time ...": email X.
  text = text.replace(/\b(?:(?:can|could)\s+(?:we|i|you|u)\s+)?(?:get|have)\s+(?:an?\s+)?(?:e-?mail|mail)\s+(?:sent\s+)?to\s+([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)/gi, 'email $1');
  // "if it's a medium, scan it; high, isolate it": a severity said alone after a branch is the next branch's case.
  text = text.replace(/(;\s*|[.!]\s+)(critical|high|medium|low|informational)\s*,\s*(?=(?:isolate|scan|block|disable|revoke|reset|collect|restrict|close|resolve|tag|assign|post|email|notify|ignore|skip|leave|do\s+nothing|nothing)\b)/gi, (_m, lead: string, level: string) => `${lead}if the severity is ${level.toLowerCase()}, `);
  text = thenAfterCase(followUpSteps(text));
  // "check the file hash on VirusTotal and act on the score: ...": the bands that follow are how; no step of its own.
  text = text.replace(/,?\s*(?:and\s+)?(?:act|decide|respond)\s+(?:on|according\s+to|based\s+on|depending\s+on)\s+(?:the|its|their|that)\s+(?:score|result|verdict|count|detections?)s?(?=\s*(?:[:.;,]|$))/gi, '');
  // "post in the channel whenever it does something": a notice of what the playbook did, after its steps; no condition.
  text = text.replace(/,?\s*\b(?:whenever|every\s+time|each\s+time|any\s+time|anytime)\s+(?:it|the\s+playbook|rampart|the\s+bot)\s+(?:does\s+(?:something|anything)|acts|takes\s+(?:an\s+|any\s+)?actions?|does\s+an\s+action)\b/gi, '');
  // "PUA on a workstation? just scan it": a question that is no request, before a step, is its condition.
  text = text.replace(/(^|[.!;]\s+)(?!(?:can|could|would|will|should|shall|do|does|did|is|are|was|were|how|what|why|who|where|which|any\s+chance|may|might)\b)([a-z][^.?!;]{2,80}?)\?\s+(?=(?:(?:then|just|pls|please|simply)\s+)?(?:isolate|block|disable|revoke|reset|run|collect|restrict|assign|tag|close|resolve|post|email|notify|send|quarantine|scan|stop|mark|comment|ping)\b)/gi, (_m, lead: string, cond: string) => `${lead}if ${cond}, `);
  // "Isolate it. NOT servers though, for servers ...": an exclusion said as a sentence of its own belongs to the one before.
  // "not servers though, servers need a change ticket before we touch them": why they are left out stays with the
  // exclusion as its reason, the kind said again read as "they" (a sentence of its own, its words had been a case).
  text = text.replace(EXCLUSION_SENTENCE, (_m, before: string, exclusion: string, kind: string, separator: string, why: string | undefined, subject: string | undefined) => {
    const same = !subject || singular(subject) === singular(kind);
    return why && separator.trim() === ',' && same ? `${before}, ${exclusion}, because they ` : `${before}, ${exclusion}. ${why ?? ''}`;
  });
  text = perKindSteps(text);
  text = text.replace(/\be-mail(s|ed|ing)?\b/gi, (_m, suffix?: string) => `email${suffix ?? ''}`);
  // "unless it's a medium", "if they're high ones": the level of the incident or alert.
  text = text.replace(/\b(if|unless|when|except\s+(?:if|when))\s+(?:it'?s|its|it\s+is|they'?re|they\s+are)\s+(?:an?\s+)?(critical|high|medium|low|informational)(?:\s+(?:one|ones|severity|incident|incidents|alert|alerts))?(?=\s*(?:[,;.:!]|$|->|\s+(?:then|in\s+(?:that|which)\s+case)\b))/gi, (_m, cue: string, level: string) => `${cue} the severity is ${level.toLowerCase()}`);
  // "on servers do nothing except add a comment": only that step there.
  text = text.replace(/\b(?:do\s+nothing|nothing)(?:\s+else)?\s*,?\s+(?:except|but|other\s+than|apart\s+from|besides)\s+(?:to\s+)?(?=(?:add|tag|comment|post|ping|message|notify|e-?mail|mail|send|assign|alert|write|leave|drop|collect|run|scan|grab)\b)/gi, 'only ');
  // "post every incident, except informational ones", "except those coming from Defender for Office 365": cases the step
  // skips, said with "except" (read as devices, the words had been asked about).
  text = text.replace(/\bexcept\s+(?:for\s+)?(?:the\s+|any\s+)?((?:critical|high|medium|low|informational|info)(?:\s*(?:,|\/|\bor\b|\band\b)\s*(?:critical|high|medium|low|informational|info))*)(?:\s+(?:severity|sev))?\s+(?:ones|incidents|alerts)\b/gi, (_m, levels: string) => `unless the severity is ${levels.toLowerCase().split(/\s*(?:,|\/|\bor\b|\band\b)\s*/).filter(Boolean).join(' or ')}`);
  text = text.replace(/\bexcept\s+(?:for\s+)?(?:the\s+ones|those|the\s+incidents|incidents|the\s+alerts|alerts)\s+(?:(?:that|which)\s+)?(?:coming|come|comes|raised|that\s+are|which\s+are)?\s*from\s+/gi, 'unless it comes from ');
  // "if it was opened at night and its critical, ...": the same, said as the second test of a condition.
  text = text.replace(/(\b(?:if|unless|when|whenever)\b[^.;!?,]*?\band)\s+(?:it'?s|its|it\s+is|they'?re|they\s+are)\s+(?:an?\s+)?(critical|high|medium|low|informational)(?:\s+(?:one|ones|severity|incident|incidents|alert|alerts))?(?=\s*(?:[,;.:!]|$|->|\s+(?:then|in\s+(?:that|which)\s+case)\b))/gi, (_m, cue: string, level: string) => `${cue} the severity is ${level.toLowerCase()}`);
  // "3-14 -> in progress + assign X": the status said bare, as a step.
  text = text.replace(/(^|[.;:,\n]\s*|->\s*|\band\s+|\bthen\s+)(?:just\s+)?(in[- ]progress|active)(?=\s*(?:[.;,\n]|$|\s+and\b|\s+\+))/gim, (m, lead: string, state: string, offset: number, whole: string) =>
    /\b(?:if|when|unless|only)\s+[^,;.]*$/i.test(whole.slice(Math.max(0, offset - 60), offset + lead.length)) && !/,\s*$/.test(lead) ? m : `${lead}set it ${state.toLowerCase().replace('-', ' ')}`);
  // "for every file hash on the inc:": a header naming the IOCs the lines after it are about.
  // On a line of its own it only says what the steps below act on, which they name themselves.
  text = text
    .replace(/(^|\n)\s*(?:for|on)\s+(?:every|each|all(?:\s+the)?|any|the)\s+(?:file\s+)?(?:hash|hashe|file|ip|url|domain|ioc)(?:e?s)?(?:\s+(?:on|in|of|from)\s+(?:the\s+|this\s+)?(?:incident|alert)s?)?\s*:\s*(?=\n)/gi, '$1')
    .replace(/(^|[.;\n]\s*)(?:for|on)\s+(?:every|each|all(?:\s+the)?|any)\s+((?:file\s+)?(?:hash|hashe|file|ip|url|domain)(?:e?s)?)\s+(?:on|in|of|from)\s+(?:the\s+|this\s+)?(?:incident|alert)s?\s*:/gi, (_m, lead: string, kind: string) => `${lead}for the ${kind.toLowerCase()}:`);
  // "alert-only indicator, no block, no quarantine": how the indicator acts, said twice.
  text = text.replace(/\b((?:alert|audit|warn|monitor)[- ]only\s+(?:indicator|ioc))(?:\s*,?\s*(?:and\s+)?no\s+(?:block(?:ing)?|quarantine|remediation|prevention))+/gi, '$1');
  // "Please make following:", "can you set up the following:": what comes next is the request.
  text = text.replace(/(^|[.;!?\n]\s*)(?:(?:please|pls|can\s+you|could\s+you|cna\s+you|would\s+you)\s+)?(?:make|do|create|build|set\s+up|setup|add|write)\s+(?:me\s+)?(?:the\s+)?following\s*:\s*/gi, '$1');
  // "reminder: ...", "fyi: ...", "btw, ...": a marker of what kind of sentence follows.
  text = text.replace(/(^|[.;!?\n]\s*)(?:reminder|fyi|btw|note|ps|p\.s\.|heads[- ]up)\s*[:,-]\s*/gi, '$1');
  // "but is the device a server then make only a scan": a condition said as a question, as in German or Polish.
  text = text.replace(/(^|[,;.]\s*)(but\s+|and\s+)?(?:is|are)\s+(the\s+(?:device|host|machine|box|endpoint|user|account|incident|alert|file|hash|ip)|it|they)\s+((?:an?\s+|the\s+)?[^,;.]{2,40}?)\s*,?\s+then\s+/gi, (_m, lead: string, conj: string | undefined, who: string, what: string) => `${lead}${conj ?? ''}if ${who} ${/^they$/i.test(who) ? 'are' : 'is'} ${what}, `);
  // "make only a full antivirus scan and not restrict": a scan run, and the other step left out.
  text = text
    .replace(/\b(?:make|do|perform)\s+((?:only|just)\s+)?(an?\s+)?((?:full|quick)\s+)?((?:antivirus|av)\s+)?scan\b/gi, (_m, only = '', a = '', kind = '', av = '') => `${only}run ${a}${kind}${av}scan`)
    .replace(/\b(scan|package|comment)\s+and\s+not\s+(isolate|restrict|contain|quarantine|block|disable|reset|revoke)\b/gi, '$1, and dont $2');
  // "if it's a server, only run a full scan, and dont restrict": the step left out is said last; said first it is one rule.
  text = text.replace(/(\b(?:if|when)\s+[^.;:]{3,120}?),\s+((?:only|just)\s+[^.;,]+?),?\s+and\s+(?:do\s+not|don'?t|dont|not)\s+(isolate|disable|reset|revoke|block|restrict|quarantine|contain)\b(?:\s+(?:it|them|app\s+execution|code\s+execution|the\s+[\w-]+))?/gi, '$1 dont $3, $2');
  // "places each of them in full network isolation", "requests an investigation package": the step, in a description's words.
  text = text
    .replace(/\b(?:places?|puts?|placing|putting)\s+((?:each|all|every|both)\s+of\s+(?:them|those|these)|(?:them|it|those|these)|(?:the|each|every|all|any)\s+(?:[\w-]+\s+){0,2}?(?:devices?|machines?|hosts?|endpoints?))\s+(?:in|into|under)\s+(?:(full|selective)\s+)?(?:network\s+)?isolation\b/gi, (_m, what: string, kind?: string) => `isolate ${what}${kind ? ` with ${kind.toLowerCase()} isolation` : ''}`)
    .replace(/\b(?:requests?|requesting|triggers?|initiates?)\s+(an?\s+)?(investigation|forensic)\s+package\b/gi, 'collect $1$2 package')
    // "is intentionally not disabled", "is deliberately not applied": the "not" is what counts.
    .replace(/\b(?:intentionally|deliberately|purposely|purposefully|explicitly|on\s+purpose)\s+(?=not\b)/gi, '')
    .replace(/(^|[.;]\s+)(?:(full|selective)\s+)?(?:network\s+)?isolation\s+(?:is|will\s+be)\s+not\s+(?:applied|performed|used|done|triggered)\b/gi, '$1do not isolate the devices')
    // "endpoint incidents": those Defender for Endpoint raises.
    .replace(/(?<!\bdefender\s+for\s+)\bendpoint\s+(incidents?|alerts?|detections?)\b/gi, 'Defender for Endpoint $1')
    // "revoke the refresh tokens and sign-in sessions": one step, whatever the user's sessions are called.
    .replace(/\b(refresh\s+tokens?|sign-?in\s+sessions?|sessions?|tokens?)\s+(?:and|&|\+)\s+(?:(?:all\s+)?(?:their\s+|the\s+|its\s+)?(?:sign-?in|session|refresh|active)\s+)?(sessions?|tokens?|cookies)\b/gi, '$1');
  // "1. Collect the URLs contained in the reported message.", "extracts URLs from the alerts": gathering what the steps act
  // on, which every playbook does; no step of its own ("collect" here is no investigation package).
  // In a request that checks them on VirusTotal, that is what the gathering is for; the kind of IOC it names is kept.
  if (/\b(?:virus\s?total|vt|engines?)\b/i.test(text)) {
    text = text.replace(/(^|[.;:\n]\s*|,\s*|->\s*)(?:first,?\s+)?(?:the\s+playbook\s+)?(?:collect|collects|gather|gathers|extract|extracts|pull|pulls|get|gets|retrieve|retrieves|enumerate|enumerates|list|lists|identify|identifies)\s+(?:the\s+|all\s+(?:the\s+)?|every\s+|each\s+|any\s+)?(urls?|ips?|ip\s+address(?:es)?(?:\s+entit(?:y|ies))?|(?:file\s+)?hash(?:es)?|domains?)\b(?!\s+(?:and|then)\s+(?:block|isolate|quarantine|disable))[^.;\n]*?(?=\s*(?:[.;\n]|$|\band\s+(?:then\s+)?(?:checks?|looks?|queries|query|submits?|sends?|runs?|enrich(?:es)?)\b|,\s*(?:and\s+)?(?:then\s+)?(?:virus\s?total|vt|checks?|looks?|quer(?:y|ies)|submits?|sends?|runs?|enrich(?:es)?)\b))/gi, (m, lead: string, kind: string) => {
      if (/\b(?:package|evidence|forensic)/i.test(m)) return m;
      const check = `check the ${kind.replace(/\s+entit(?:y|ies)$/i, '').toLowerCase()} on VirusTotal`;
      // "extracts the URLs from Defender for Office 365 alerts": which alerts is kept, as the scope of what follows.
      const tail = m.slice(m.toLowerCase().indexOf(kind.toLowerCase()) + kind.length);
      const from = /^\s*(?:entit(?:y|ies)\s+)?(?:found\s+|listed\s+|contained\s+|seen\s+|observed\s+)?(?:from|in|of|on)\s+((?:[\w-]+\s+){0,8}?(?:alerts?|incidents?|detections?))\s*$/i.exec(tail);
      const plain = /^\s*(?:entit(?:y|ies)\s+)?(?:(?:found|listed|contained|seen|observed|referenced|present|named)\s+)?(?:(?:from|in|of|on|by)\s+(?:the\s+|its\s+|each\s+|every\s+|all\s+)?(?:incident'?s?|alert'?s?|alerts|reported|suspicious|phishing|original|e-?mail|mail|message|messages|body|attachments?|entit(?:y|ies)|(?:e-?mail|mail|message)-related|related|those|these|such|matching|same|of|the|\s)+)?$/i;
      if (plain.test(tail)) return `${lead}${check}`;
      return from ? `${lead}for ${from[1]}, ${check}` : m;
    });
  }
  // "block the ones flagged by 3+", "detected by 5 or more": engines, in a request that checks VirusTotal.
  if (/\b(?:virus\s?total|vt)\b/i.test(text)) text = text.replace(/\b(flagged|detected|marked|reported|hit)\s+(?:as\s+(?:malicious|bad)\s+)?by\s+(\d+)\s*(?:\+|or\s+more)(?!\s*(?:engines?|vendors?|detections?|avs?|scanners?)\b)/gi, '$1 by $2 or more engines');
  // "look each up in VirusTotal": the lookup, its object said between the verb and "up".
  text = text.replace(/\blook\s+((?:it|them|each(?:\s+one)?|those|these|every\s+one|all\s+of\s+them|(?:the|every|each|all(?:\s+the)?)\s+[\w-]+(?:\s+[\w-]+)?))\s+up\s+(?:in|on|with|against)\s+(virus\s?total|vt)\b/gi, 'check $1 on $2');
  // "applies only to hosts named X", "this only applies to": only for them.
  text = text.replace(/\b(?:(?:this|it|that)\s+)?(?:applies\s+only|only\s+applies)\s+to\b/gi, 'only for');
  // "macOS devices only: windows and linux stay as they are": the others are left alone, which "only" already says.
  // Said without "only" before it ("isolate the devices in it, servers are left alone"), it is what the steps skip: dropped,
  // the isolation had reached the servers.
  text = text.replace(/([.;:,]\s*|\s[-\u2013]\s*)(?:the\s+)?(other\s+|(?:windows|linux|mac\s?os|macs?|servers?|workstations?|dcs?)(?:\s*(?:,|\band\b|\bor\b|\/)\s*(?:windows|linux|mac\s?os|macs?|servers?|workstations?|dcs?))*\s*)(devices?|machines?|hosts?|boxes|endpoints?|ones)?\s*(?:stay|remain|are\s+left|stays|remains)\s+(?:exactly\s+)?(?:as\s+(?:they|it)\s+(?:are|is)|untouched|alone|unchanged)\s*(?=[.;]|$)/gi, (_m, lead: string, kinds: string, noun: string | undefined, offset: number, whole: string) => {
    const sentence = whole.slice(0, offset).split(/[.!?\n]/).pop() ?? '';
    const kept = /[.;]/.test(lead) ? lead : '';
    if (/\bonly\b/i.test(sentence) || /^other\s/i.test(kinds) || /[.;]/.test(lead) && /\bonly\b/i.test(whole.slice(0, offset).split(/[.!?\n]/).slice(-2).join(' '))) return kept;
    return `${kept || '; '}skip ${kinds.trim()}${noun ? ` ${noun}` : ''}`;
  });
  // "high sev only pls, medium n below leave alone" (before "and below" is spelt out): see LEFT_ALONE_AFTER_ONLY.
  text = text.replace(LEFT_ALONE_AFTER_ONLY, '$1');
  // "srv-* boxes: restrict. ws-* boxes: isolate. only on high sev incidents tho": which incidents the whole request is
  // for, said last. Said first it heads every sentence; said last it would reach only the one before.
  const scopeLast = /(?:^|[.!?]\s+)((?:but\s+|and\s+)?(?:(?:this\s+is\s+|all\s+(?:of\s+)?(?:this|that)\s+)?only\s+(?:on|for|in|with)\s+([^.!?]{3,60}?)|([^.!?]{3,60}?)\s+only)(?:\s+(?:tho|though|please|pls|thx|thanks))?)\s*[.!]?\s*$/i.exec(text);
  if (scopeLast && scopeLast.index > 0) {
    const what = scopeLast[2] ?? scopeLast[3] ?? '';
    if ((/\b(?:incidents?|alerts?|detections?|cases?)\b/i.test(what) || /^(?:(?:critical|high|medium|low|informational)(?:\s*(?:,|\bor\b|\band\b|\/|\+)\s*)?)+(?:\s+(?:severity|sev))?$/i.test(what.trim())) && !new RegExp(`\\b(?:${ACTION_VERB})\\b`, 'i').test(what) && !/\b(?:devices?|machines?|hosts?|boxes|endpoints?|servers?|workstations?|users?|accounts?)\b/i.test(what)) {
      const steps = text.slice(0, scopeLast.index + (scopeLast[0].match(/^[.!?]/) ? 1 : 0)).trim();
      // One sentence of steps: the scope heads it as its header, which carries a tag or an owner as well as a severity.
      text = /[.!?]\s/.test(steps.replace(/[.!?]+$/, '')) || /:/.test(steps) ? `only on ${what.trim()}. ${steps}` : `only on ${what.trim()}: ${steps}`;
    }
  }
  // "please, when X, you block the url ... and you put the incident in progress": an instruction with "you" said.
  text = text.replace(/(^|[.;:,]\s*|\b(?:and|then|please|pls)\s+)you\s+(?=(?:put|set|block|isolate|contain|assign|tag|close|resolve|send|post|disable|reset|revoke|scan|run|collect|restrict|quarantine|add|mark|comment|email|notify|dont|don'?t|do\s+not|never|still)\b)/gi, '$1');
  // "dont bother isolating": dont isolate.
  // ", biomed fires them every morning when they validate AV": who sets the incidents off, said as why.
  text = text.replace(/,\s+((?:[\w-]+\s+){1,2}(?:fires?|runs?|triggers?|generates?|creates?|sets?\s+off|kicks?\s+off)\s+(?:them|those|these)\b)/gi, ', because $1');
  // "only when the incident is informational sev, if its anything higher someone should look at it": the other side of the
  // severity said before is left to a person; it asks for nothing (read as a case of its own, the steps had been held back).
  text = text.replace(/(?:[,;.]\s*|\s+-\s+)(?:but\s+)?(?:if|when)\s+(?:it'?s|its|it\s+is|they'?re|theyre|they\s+are)\s+(?:anything|something|any)\s+(?:higher|above\s+that|more\s+severe|worse)(?:\s+than\s+that)?\s*,?\s*(?:then\s+)?(?:someone|somebody|a\s+human|an?\s+analyst|a\s+person|we|one\s+of\s+us)\s+(?:should|can|will|needs?\s+to|has\s+to|must|gotta)\s+(?:look\s+at|check|review|handle|triage|take\s+a\s+look\s+at)\s+(?:it|them)(?=\s*(?:[.;!?]|$))/gi, (m: string, at: number, whole: string) =>
    (/\b(?:informational|info|low|medium)\s+(?:severity|sev)\b|\b(?:severity|sev)\s+(?:is\s+)?(?:informational|info|low|medium)\b/i.test(whole.slice(0, at)) ? '' : m));
  // ("close the EICAR incidents? the lab folks trigger them like 20x a day": the same, said as a sentence of its own.)
  text = text.replace(/(?<=\w)\s*[.?!]+\s+(?=(?:the\s+|our\s+)?(?:[\w-]+\s+){1,2}(?:fire|trigger|generate|create|set\s+off|kick\s+off)s?\s+(?:them|those|these)\b(?![^.?!;]*\b(?:isolat|contain|block|disabl|quarantin|restrict|revok|reset|scan|collect|tag|assign|clos|resolv|post|e-?mail|mail|notif|comment|ping|releas|only|unless|except|if|when)\w*)[^.?!;]*(?:[.?!;]|$))/gi, ', because ');
  // "resolve as informational expected activity / security testing": the classification, then the determination.
  text = text.replace(new RegExp(String.raw`\b(informational,?\s+expected\s+activity|true\s+positive|false\s+positive|benign(?:\s+positive)?)\s*(?:\/|\s-\s|,|:)\s*(?=(?:${DETERMINATION_WORDS})\b)`, 'gi'), '$1 with determination ');
  // "restrict app execution on any workstation where defender finds a file that VT has at 10+": the devices the file was
  // seen on (read as every device of an incident with such a file, a workstation was restricted for a file on a DC).
  text = text.replace(/\bwhere\s+(?:defender|mde|microsoft\s+defender|we|it|they|the\s+edr|edr)?\s*(?:finds?|found|detects?|detected|sees?|saw|spots?|spotted|observes?|observed)\s+(?:a|an|the|any)\s+((?:malicious\s+|bad\s+)?(?:file|hash|binary|executable))\s+(?:that|which)\s+/gi, 'where the file was seen, if it is a $1 that ');
  // "3 to 9 engines -> indicator set to alert only": an indicator whose action is Alert.
  text = text.replace(/\b(?:an?\s+|the\s+)?indicator\s+(?:set\s+to|with)\s+alert(?:\s+only)?\b(?:\s*,?\s*(?:do\s+not|don'?t|dont|no)\s+block(?:ing)?(?:\s+(?:it|them))?\b)?/gi, 'add an indicator with action Alert');
  // "page the ED charge nurse through teams": a Teams message.
  text = text.replace(/\b(?:page|ping|alert|notify)\s+(?:the\s+|a\s+|our\s+)?(?:[\w-]+\s+){0,4}?(?:through|via|on|in|over)\s+(?:ms\s+|microsoft\s+)?teams\b/gi, 'post to teams');
  // "Exception at every severity: ...": a label before the exception it says.
  text = text.replace(/(^|[.;!?\n]\s*)exceptions?\s+(?:at|for|in)\s+(?:every|all|any)\s+(?:severit(?:y|ies)|levels?)\s*:\s*/gi, '$1');
  // "Never run device actions on these incidents", "No machine action of any kind is sent to these": none of the steps that
  // act on devices.
  text = text.replace(/\b(?:never|do\s+not|don'?t|dont)\s+(?:run|take|do|perform|send|trigger)\s+(?:any\s+)?(?:device|machine|endpoint)\s+actions?(?:\s+of\s+any\s+kind)?(?:\s+(?:on|for|to)\s+(?:these|those|such|the|them)(?:\s+(?:incidents?|alerts?|devices?|machines?))?)?/gi, 'leave the devices alone');
  // "medium or lower: teams post only, any time": whatever the hour, which is what no hour condition says.
  text = text.replace(/,?\s*(?:at\s+)?any\s*time(?:\s+of\s+(?:the\s+)?day)?(?=\s*(?:[.;]|$))/gi, '');
  // "a Teams message listing the blocked addresses, sent only when at least one address was blocked": when VirusTotal flags
  // one at the block's threshold, the one threshold the request says.
  {
    const thresholds = [...text.matchAll(/\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s*(?:\+|or\s+more)\s+(?:(?:malicious|virustotal|vt)\s+)*(?:detections|engines|vendors|hits)\b/gi)].map((m) => String(NUMBER_WORDS[m[1].toLowerCase()] ?? m[1]));
    if (new Set(thresholds).size === 1) {
      // "When at least one hash was blocked, it writes a comment": the same, said first.
      // ("if you blocked any URL, tell us which in Teams": the same, said of whoever blocked it.)
      text = text.replace(/\b(?:(?:sent\s+)?only\s+)?(?:when|if|once)\s+(?:(?:you|we|it|rampart|the\s+playbook)\s+(?:have\s+|has\s+)?blocked\s+(?:some|any|an?|at\s+least\s+one|one)\s+|at\s+least\s+(?:one|1|an?)\s+)(address|ip|hash|url|domain|file)(?:es|s)?(?:\s+(?:was|were|got|is|are|has\s+been)\s+blocked)?\b/gi, (_m, kind: string) => `only if VirusTotal flags ${/^(?:address|ip)$/i.test(kind) ? 'an IP' : /^(?:hash|file)$/i.test(kind) ? 'a file hash' : `a ${kind.toLowerCase()}`} with ${thresholds[0]} or more engines`);
    }
  }
  // "PCs named ns-* and anything named med-*": the devices named so.
  text = text.replace(/(\b(?:and|or|nor)\s+|,\s*)anything\s+(named|called|whose\s+name)\b/gi, '$1devices $2');
  // "dont bother w/ private/internal ips": what follows is not a step but what to skip.
  text = text.replace(/\b(?:do\s+not|don'?t|dont|no\s+need\s+to)\s+bother\s+(?:with|about)\s+(?!(?:isolat|scann|block|disabl|reset|revok|collect|restrict|quarantin|tagg|comment|post|email|mail|notify|assign|clos|resolv)\w*ing\b)/gi, 'skip ');
  text = text.replace(/\b(do\s+not|don'?t|dont|no\s+need\s+to)\s+bother\s+(?:with\s+)?([a-z]+?)(?:ing)?\b/gi, (_m, neg: string, verb: string) => `${neg} ${GERUND_VERB[`${verb.toLowerCase()}ing`] ?? verb}`);
  // "for the ip: unless its private": unless the IP is in a private range.
  if (/\bips?\b|\bip\s+address/i.test(text)) {
    text = text
      .replace(/\bif\s+(?:it'?s|its|it\s+is|the\s+ip\s+is|they'?re|they\s+are)\s+(?:an?\s+)?(?:private|internal|rfc\s?1918|local)(?:\s+(?:ip|address|range)s?)?(?:\s*\([^)]{0,60}\))?,?\s+(?:just\s+)?(?:skip|ignore)\s+(?:it|them)\b/gi, 'except internal ips')
      .replace(/\b(?:unless|except\s+(?:if|when))\s+(?:it'?s|its|it\s+is|the\s+ip\s+is|they'?re|they\s+are)\s+(?:an?\s+)?(?:private|internal|rfc\s?1918|local)(?:\s+(?:ip|address|range)s?)?\b/gi, 'except internal ips');
  }
  // "unisolate it if X. if its not X leave the machine alone": the other side gets nothing, which the condition already says.
  text = text.replace(/(\bif\s[^.;]{3,120}[.;]\s*)if\s+(?:it'?s|its|it\s+is|the\s+incident\s+is|it\s+was)\s+not\s+[^,.;!]{2,40}?,?\s+(?:just\s+)?(?:leave\s+(?:the\s+[\w-]+|it|them)(?:\s+alone)?|do\s+nothing|ignore\s+it)\s*!*\s*(?=[.;]|$)/gi, '$1');
  // "for the ip: except internal ips, otherwise check VT": the steps, for what the exception leaves.
  text = text.replace(/(\bexcept\s+[^,.;]{3,40}),\s*otherwise,?\s+/gi, '$1, ');
  // "only do the blocking part once ...", "just do the comment part": that step.
  const PART_VERB: Record<string, string> = { block: 'block it', blocking: 'block it', quarantine: 'quarantine it', quarantining: 'quarantine it', isolation: 'isolate it', isolating: 'isolate it', isolate: 'isolate it', scan: 'scan it', scanning: 'scan it', comment: 'comment on the incident', commenting: 'comment on the incident', tag: 'tag the incident', tagging: 'tag the incident', email: 'send the email', mail: 'send the email', teams: 'post to teams' };
  text = text.replace(/\b(only|just)\s+do\s+the\s+(block|blocking|quarantine|quarantining|isolation|isolating|isolate|scan|scanning|comment|commenting|tag|tagging|email|mail|teams)\s+(?:part|step|bit)\b/gi, (_m, only: string, part: string) => `${only} ${PART_VERB[part.toLowerCase()]}`);
  // "quarantine it and then block its hash, but only block it once VT has 15+": the condition is the second step's alone.
  text = text.replace(/,?\s+and\s+(?:then\s+)?(block|isolate|quarantine|scan|restrict|disable|reset|revoke|collect)\s+([^,;.]{2,60}?),?\s+but\s+only\s+\1\s+(?:it|them|that|those)\s+/gi, '. $1 $2 only ');
  // "..., also quick scan the device regardless of the ip result": a step that holds whatever the test before says; a sentence
  // of its own, so the test does not reach it.
  text = text.replace(/\s*[,;]\s*(?:and\s+)?(?:also\s+)?((?:quick\s+|full\s+)?(?:scan|isolate|contain|collect|restrict|quarantine|block|disable|reset|revoke|run|post|notify|ping|email|mail|tag|comment|assign|add)\b[^,;.!?]*?)\s+(?:regardless|irrespective)\s+of\s+(?:the\s+)?(?:[\w-]+\s+)?(?:verdicts?|results?|outcome|scores?|lookup|check)(?=\s*(?:[.;!]|$))/gi, '. $1');
  // "whenever a risky user incident fires": on those incidents.
  text = text.replace(/\b(?:whenever|when|every\s+time|each\s+time)\s+(?:an?|the|any)\s+([^,.;]{2,40}?)\s+(incident|alert|detection)s?\s+(?:fires|goes\s+off|triggers|pops(?:\s+up)?)\b/gi, (_m, what: string, noun: string) => `on ${what} ${noun.toLowerCase()}s`);
  // "NO actions on devices or users, read only": nothing is changed on devices or accounts.
  text = text.replace(/,?\s*(?:it'?s\s+|just\s+|strictly\s+)?read[- ]only(?:\s+(?:mode|access|playbook))?\s*(?=[.;]|$)/gi, '. no actions on devices or users');
  // "windows boxes skip": skip them.
  text = text.replace(/(^|[.;]\s+)((?:the\s+)?(?:windows|linux|mac\s?os|macs?|servers?|workstations?|dcs?|domain\s+controllers?)(?:\s+(?:boxes|hosts|machines|devices|endpoints|servers))?)\s*[:,-]?\s*(?:->\s*)?(?:skip|ignore|leave\s+(?:them\s+)?alone|exclude)(?:\s+(?:them|those|it))?\s*(?=[.;]|$)/gi, '$1skip $2');
  // "if VT has anything at all": flagged by any engine.
  text = text.replace(/\b(virus\s?total|vt)\s+(?:has|shows|flags|finds|returns)\s+anything(?:\s+at\s+all)?\b/gi, '$1 flags it on 1 or more engines');
  // "skip the isolate part": that step is not done there. "dont do anything automatic to the device": no device step.
  text = text
    .replace(/\b(?:skip|leave\s+out|drop|omit)\s+the\s+(isolate|isolation|isolating|contain|containment|block|blocking|quarantine|scan|restriction|restrict|reset|disable|disabling|revoke|collect|collection|package|grab)\s+(?:part|step|bit)\b/gi, (_m, part: string) => `dont ${({ isolation: 'isolate', isolating: 'isolate', containment: 'contain', blocking: 'block', restriction: 'restrict', disabling: 'disable', collection: 'collect', package: 'collect', grab: 'collect' } as Record<string, string>)[part.toLowerCase()] ?? part.toLowerCase()}`)
    .replace(/\b(?:do\s+not|don'?t|dont)\s+do\s+anything\s+(?:automatic(?:ally)?\s+|automated\s+)?(?:to|on|with)\s+(?:the\s+|their\s+|its\s+|any\s+)?(device|machine|host|box|endpoint|user|account)s?\b/gi, 'dont touch the $1');
  // "if it's a server dont isolate but still collect the package": the step said before goes on there, as it is.
  text = text.replace(/(\b(?:do\s+not|don'?t|dont|never)\s+(?:isolate|contain|block|quarantine|restrict|disable|reset|revoke|scan|collect)\b(?:\s+(?:it|them|the\s+[\w-]+))?),?\s+but\s+(?:still|do\s+still|always)\s+(?:isolate|contain|block|quarantine|restrict|disable|reset|revoke|scan|collect|grab|gather|run|post|email|mail|tag|comment)\b[^.;]*/gi, '$1');
  // "when an alert names anydesk.exe, stop and quarantine that file": the step, on that file by its name.
  text = text.replace(/\b(?:when|if|whenever)\s+(?:an?\s+|the\s+|any\s+)?(?:alert|incident|detection)\s+(?:names|involves|mentions|contains|has|includes|references|is\s+about)\s+(?:the\s+file\s+)?([\w.-]+\.(?:exe|dll|ps1|bat|cmd|js|vbs|msi|scr|zip|iso|lnk|docm|xlsm|hta|jar))\s*,\s*([^.;]*?)\b(?:that|the|this)\s+(?:file|binary|executable)\b/gi, '$2$1');
  // "applies full network isolation": isolates the device, that way.
  text = text.replace(/\b(?:applies|apply|applying)\s+(?:(full|selective)\s+)?(?:network\s+)?isolation(?:\s+to\s+((?:the|each|every|all|its|their|that|those)\s+[^,.;]*?(?:devices?|machines?|hosts?|endpoints?|boxes|box)(?:\s+the\s+file\s+ran\s+on)?))?\b(?!\s+is)/gi, (_m, kind?: string, what?: string) => `isolate ${what ?? 'the device'}${kind ? ` with ${kind.toLowerCase()} isolation` : ''}`);
  // "If the IP address is unknown to VirusTotal or has no malicious verdicts": not flagged, which an unknown IOC is not.
  text = text.replace(/\b(?:is\s+)?unknown\s+to\s+(?:virus\s?total|vt)\s+or\s+(?=has|is|gets|returns|shows)/gi, '');
  // "Incidents without VIP accounts are not changed.": the other side of the condition the steps carry.
  text = text.replace(/(^|[.;]\s+)(?:the\s+)?(?:incidents?|alerts?|cases?)\s+without\s+[^.;]{2,40}?\s+(?:are|is)\s+(?:not|never)\s+(?:changed|modified|touched|handled|processed)\s*(?=[.;]|$)[.;]?/gi, '$1');
  // "Out of scope: any other file in the incident.": what the steps do not name, which they leave alone anyway.
  text = text.replace(/(^|[.;\n]\s*)out\s+of\s+scope\s*:\s*(?:any|all|every)\s+other\s+[^.;\n]{2,60}(?=[.;\n]|$)/gi, '$1');
  // "When alert is from other source please not touch the user": the other side of the source said before.
  text = text
    // ("... on high incidents pls not the servers": "please not" before devices leaves them out.)
    .replace(/\bplease\s+not\s+(?=(?:the\s+|any\s+|our\s+)?(?:servers?|dcs?|domain\s+controllers?|workstations?|laptops?|desktops?|macs?|linux\s+(?:boxes|machines|hosts|servers|devices)|windows\s+servers?)\b)/gi, 'but not ')
    .replace(/\bplease\s+(?:do\s+)?not\s+(?=[a-z])/gi, 'dont ')
    .replace(/\b(?:when|if)\s+(?:the\s+)?alert\s+(?:is\s+)?(?:coming\s+)?(?:from|by)\s+(?:an?\s+|any\s+)?(?:other|another|different)\s+(?:source|product|service|tool)s?\s*,?\s*/gi, 'otherwise, ');
  // "if VT has the file hash as malicious w/ 5+ engines -> isolate the box": the box the file was seen on, not every box.
  text = text.replace(/(\bif\s+(?:virustotal|vt)\b[^.;]*?\b(?:file|hash|sha-?\d*|binary)\b[^.;]*?(?:,|->)\s*)(isolate|contain)\s+(?:the|that)\s+(?:box|device|host|machine|endpoint)\b(?!\s+(?:the\s+file|where|on\s+which))/gi, '$1$2 the device the file ran on');
  // "isolate, but only the device(s) where defender named the threat family X": on the alerts of that family.
  text = text.replace(/(^|[.;]\s*)([^.;]{3,80}?),?\s+but\s+only\s+(?:on\s+)?the\s+devices?\s+(?:where|whose|with|on\s+which)\s+(?:defender\s+(?:named|reported|flagged|saw|found)\s+)?(?:the\s+|a\s+)?threat\s+family\s+(?:is\s+|of\s+)?([\w.!-]+)/gi, '$1on alerts with threat family $3, $2');
  // "if its windows also restrict app execution, linux/mac just the isolation since ...": the other kinds get only the
  // step said for every device, which the kind-limited step already leaves them out of.
  if (/\bif\s+(?:it'?s|its|it\s+is|the\s+(?:device|host|box|machine)\s+is)\s+(?:an?\s+)?(?:windows|linux|mac\s?os|macs?|servers?|workstations?)\b/i.test(text)) {
    text = text.replace(/,\s*(?:(?:windows|linux|mac\s?os|macs?|servers?|workstations?)(?:\s*(?:\/|,|\bor\b|\band\b)\s*(?:windows|linux|mac\s?os|macs?|servers?|workstations?))*)(?:\s+(?:boxes|devices|machines|hosts))?\s+(?:get\s+)?(?:just|only)\s+(?:get\s+)?the\s+(?:isolation|scan|containment|package|collection)(?:\s+(?:since|because|as)\b[^.;]*)?(?=\s*(?:[.;]|$))/gi, '');
  }
  // "otherwise for macs run a full scan": the other side, for those devices.
  text = text.replace(/\b(otherwise|else),?\s+(for\s+(?:the\s+|any\s+)?(?:macs?|mac\s?os(?:\s+(?:devices|machines|boxes|hosts))?|linux(?:\s+(?:devices|machines|boxes|hosts|servers))?|windows(?:\s+(?:devices|machines|boxes|hosts|servers))?|servers?|workstations?|laptops?|dcs?|domain\s+controllers?))\s+(?=[a-z])/gi, '$1, $2, ');
  // "if it's VIP dont touch the device, just mail X. otherwise ...": that branch has no device step, and the other side
  // is where the device steps are.
  if (/\b(?:otherwise|else)\b/i.test(text)) text = text.replace(/(\bif\s+[^,.;]{3,80}?)\s*,?\s*(?:do\s+not|don'?t|dont|never)\s+touch\s+(?:the\s+|their\s+|its\s+|any\s+)?(?:device|machine|host|box|endpoint|user|account)s?\s*,?\s*(?=(?:just|only|simply)\s)/gi, '$1, ');
  // "HR machines (ws-hr-*)": the devices by the name pattern the aside gives.
  // The word before the noun is dropped when it only describes them ("lab boxes (ws-lab-*)"); a cue is kept ("except servers
  // (srv-*)" stays an exception).
  text = text.replace(/\b(?:([A-Za-z][\w&-]*)\s+)?(machines|devices|hosts|boxes|endpoints|laptops|workstations|servers|pcs|domain\s+controllers|dcs)\s*\(\s*([a-z0-9][\w.-]*\*|[a-z0-9][\w.]*-)\s*\)/gi, (_m, word: string | undefined, noun: string, pattern: string) => `${keptCue(word)}${noun} named ${pattern.endsWith('-') ? `${pattern}*` : pattern}`);
  // "Not servers, not Linux, not macOS.": each kind left out, a sentence of its own.
  text = text.replace(new RegExp(String.raw`(^|[.!?]\s+)((?:not|no|never)\s+${DEVICE_NP}(?:\s*,\s*(?:and\s+)?(?:not|no|never)\s+${DEVICE_NP})+)\s*(?=[.!?]|$)`, 'gi'), (_m, lead: string, list: string) => `${lead}${list.split(/\s*,\s*(?:and\s+)?/).join('. ')}`);
  text = deviceScopeSentences(text);
  // "Incidents that already have an owner, or that are resolved, are not modified": each left out.
  text = text.replace(/(^|[.;]\s+)incidents?\s+that\s+([^.;,]{3,60}?),\s*(?:or|and)\s+(?:those\s+)?that\s+([^.;,]{3,60}?),\s+(?:are|is)\s+(?:skipped|ignored|excluded|not\s+(?:processed|handled|touched|modified|changed|updated))\s*(?=[.;]|$)/gi, '$1skip incidents that $2. skip incidents that $3');
  // "route new incidents of Medium severity or higher to the Tier 1 queue: assign them ...": for those incidents.
  text = text.replace(/(^|[.;:]\s+)(?:automatically\s+)?route\s+([^.;:]{3,100}?)\s+to\s+the\s+[\w -]{1,30}?\s+queue\s*:\s*/gi, '$1for $2: ');
  // "a member of the Entra group 'Privileged-Admins'": in that group.
  text = text.replace(/\b(?:is\s+)?(?:a\s+)?member\s+of\s+the\s+(?:microsoft\s+)?(?:entra(?:\s+id)?|azure\s+ad|aad)\s+group\s+(["'][^"']{2,60}["']|[\w-]+)/gi, (_m, name: string) => `is in the ${name.replace(/^["']|["']$/g, '')} group`);
  // "skip junked/blocked copies": the copies of the mail.
  text = text.replace(/\b((?:junked|blocked|quarantined|delivered)(?:\s*(?:\/|or|and)\s*(?:junked|blocked|quarantined|delivered))*)\s+copies\b/gi, '$1 mail');
  // "in a user-writable folder like Downloads, Temp or AppData": those folders.
  text = text.replace(/\b(?:in|under)\s+(?:a|any|one\s+of\s+the)\s+(?:user-?writable\s+|user\s+|writable\s+|temporary\s+)?(?:folder|directory|path)s?\s+(?:like|such\s+as)\s+((?:[A-Za-z][\w$-]*)(?:\s*(?:,|or|and)\s*[A-Za-z][\w$-]*)*)/gi, (_m, list: string) => list.split(/\s*(?:,|\bor\b|\band\b)\s*/i).filter(Boolean).map((f) => `in the ${f} folder`).join(' or '));
  // "in the Downloads, Temp or AppData folder": each of them.
  text = text.replace(/\bin\s+the\s+((?:downloads?|temp|tmp|appdata|programdata|public|startup|desktop|documents)(?:\s*,\s*(?:downloads?|temp|tmp|appdata|programdata|public|startup|desktop|documents))+\s*,?\s*(?:or|and)\s+(?:downloads?|temp|tmp|appdata|programdata|public|startup|desktop|documents))\s+folders?\b/gi, (_m, list: string) => list.split(/\s*(?:,|\bor\b|\band\b)\s*/i).filter(Boolean).map((f) => `in the ${f} folder`).join(' or '));
  // "If an address has at least one malicious verdict": VirusTotal flags it on that many engines.
  text = text.replace(/\b(if|when)\s+(?:an?|the|any)\s+(ip(?:\s+address)?|address|url|domain|hash|file)\s+(?:has|gets|receives|shows)\s+(?:at\s+least\s+)?([1-9]\d*|one|two|three|four|five)\s+(?:or\s+more\s+)?malicious\s+(?:verdicts?|detections?|hits?|engines?|votes?)(?:\s+(?:on|in|from)\s+(?:virustotal|vt))?/gi, (_m, cue: string, what: string, n: string) => `${cue} VirusTotal flags the ${/address|ip/i.test(what) ? 'ip' : what.toLowerCase()} on ${n} or more engines`);
  // "Incidents already assigned to an analyst are skipped, as are incidents that have been resolved": each left out.
  text = text.replace(/(^|[.;]\s+)(incidents?\s+(?:that|which)\s+(?:are|have|has)\s+[^.;,]{3,80}?|incidents?\s+(?:already\s+)?(?:assigned|owned|resolved|closed|in\s+progress)[^.;,]{0,60}?)\s+(?:are|is)\s+(?:skipped|ignored|excluded|not\s+(?:processed|handled|touched|modified|changed|updated))(?:\s*,\s*as\s+(?:are|is)\s+(incidents?\s+[^.;]{3,80}?))?\s*(?=[.;]|$)/gi, (_m, lead: string, first: string, second: string | undefined) => `${lead}skip ${first}${second ? `. skip ${second}` : ''}`);
  // "only if the detection came from Defender Antivirus": what detected it.
  text = text.replace(/\b(?:the\s+)?detection\s+(?:came|comes|is|was)\s+from\s+/gi, 'it was detected by ');
  // "risk score for it": the device's risk score.
  text = text.replace(/\b(risk\s+(?:score|level))\s+(?:for|of)\s+(?:it|them|the\s+(?:device|machine|host|box))\b/gi, '$1');
  // "EDR-sourced detections are out of scope": the sources the condition before leaves out anyway.
  text = text.replace(/[,;]\s*(?:[\w-]+[- ]sourced|other)\s+(?:detections?|alerts?)\s+(?:are|is)\s+(?:out\s+of\s+scope|ignored|excluded|not\s+in\s+scope)\s*(?=[.;]|$)/gi, '');
  // "Whatever the verdict, assign ...": in every case.
  text = text.replace(/\b(?:whatever|regardless\s+of)\s+the\s+(?:verdicts?|results?|outcome|score)\s*,\s*/gi, '');
  // "let bob@contoso.com know": a mail to that address. "jdoe@contoso.com's password": the password of that user.
  text = text
    .replace(/\blet\s+([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)\s+know\b/gi, 'email $1')
    .replace(/\b([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)'s\s+(account|password|pw|sessions?|sign-?in\s+sessions?|tokens?|mailbox)\b/gi, 'the $2 of $1');
  // "(not plain AV detections)": an aside reads as a clause of its own.
  // The aside moves to the end of its sentence, so the clause it interrupted stays whole.
  // An aside that qualifies the words before it ("a URL VT calls bad (5+ engines)") stays where it is, without its brackets.
  // "Microsoft Sentinel: ...", "Logic App - ...": who publishes the playbook, not a source of alerts.
  // "simple one: post ...", "quick one -": a preamble.
  text = text.replace(/^(?:ok(?:ay)?\s+|so\s+)?(?:an?\s+)?(?:simple|quick|easy|small|another|new|short)\s+(?:one|request|ask|thing|playbook)\s*(?:[:,-]|\.\.\.)\s*/i, '');
  text = text.replace(/^(?:microsoft\s+)?(?:sentinel|azure\s+sentinel|logic\s+apps?|xsoar|cortex\s+xsoar)(?:\s+(?:playbook|automation|template))?\s*(?::|\s-\s)\s*/i, '');
  // Widening phrases narrow nothing: "regardless of the OS", "no matter the severity", "whatever the source".
  text = text.replace(/,?\s*\b(?:regardless\s+of|irrespective\s+of|no\s+matter)\s+(?:the\s+|its\s+|their\s+|what\s+)?(?:os|platform|operating\s+system|severity|sev|source|device\s+type|kind|type|group|tags?|owner|user)\b/gi, '');
  // "regardless of whether it's a server", "whether or not it's tagged VIP", "vip or not": said so that nothing narrows the step.
  text = text.replace(/,?\s*\b(?:regardless\s+of\s+whether|irrespective\s+of\s+whether|no\s+matter\s+(?:whether|if)|whether\s+or\s+not)\s+[^,.;:!?]{1,60}?(?:\s+or\s+not)?(?=\s*(?:[,.;!?]|$))/gi, '');
  text = text.replace(/,?\s*(?:\b(?:whether|regardless\s+if)\s+)?(?:\b(?:it|they|he|she)(?:'s|'re|\s+is|\s+are)\s+)?(?:\ban?\s+)?\b(?!(?:if|when|unless|and|or|is|are|it)\b)((?:tagged\s+)?[\w-]+(?:\s+[\w-]+)?)\s+or\s+not(?=\s*(?:[,.;!?]|$))/gi, '');
  text = text.replace(/,?\s*\bregardless\s+of\s+(?:the\s+|its\s+|their\s+|any\s+)?[\w-]+(?:\s+[\w-]+){0,2}?(?=\s*(?:[,.;!?]|$))/gi, '');
  // "VT doesnt matter", "doesnt matter if its low sev", "even if it's only low sev": said so that nothing narrows the step.
  text = text.replace(/,?\s*\b(?:virustotal|vt|(?:the\s+)?(?:os|platform|severity|sev|source|verdict|score|vt\s+score|virustotal\s+score|group|owner))\s+(?:does\s+not|doesn'?t|doesnt|dont|don'?t)\s+matter\b/gi, '');
  text = text.replace(/,?\s*\b(?:it\s+)?(?:does\s+not|doesn'?t|doesnt)\s+matter\s+(?:if|whether|what)\s+[^,.;:!?]{1,60}?(?=\s*(?:[,.;!?]|$))/gi, '');
  // "more then 10 engines", "less then 5": "than", mistyped.
  text = text.replace(/\b(more|less|fewer|greater|higher|lower|bigger|smaller)\s+then\s+(?=\d)/gi, '$1 than ');
  // "severity doesnt matter, all incidents": every incident, which narrows nothing either.
  text = text.replace(/\s*[,;:]\s*(?:for\s+|on\s+)?(?:all|every|any)\s+(?:incidents?|alerts?)(?=\s*(?:[.;!?]|$))/gi, '');
  // "block it even if VT has never seen it": whatever that case, which narrows nothing.
  text = text.replace(/,?\s*\beven\s+(?:if|when|though|tho)\s+[^,.;:!?]{3,80}?(?=\s*(?:[,.;!?]|$))/gi, '');
  // "and the device risk score is also high": "also" adds nothing to the test.
  text = text.replace(/\b(is|are)\s+also\s+(?=(?:high|medium|low|critical|informational|tagged|in|a|an|on|running|marked|assigned|from)\b)/gi, '$1 ');
  // "Only incidents with a severity of High are processed": the incidents the playbook is for.
  text = text.replace(/(^|[.;]\s+)only\s+((?:incidents|alerts)\s+(?:with|of)\s+(?:a\s+)?severity\s+(?:of\s+)?(?:critical|high|medium|low|informational)(?:\s+or\s+(?:higher|above|critical|high|medium|low))?)\s+(?:are|get|will\s+be)\s+(?:processed|handled|considered|actioned|acted\s+on|in\s+scope)\b[^.;]*/gi, '$1only for $2');
  // "... add a comment. Only for High severity incidents.": a qualifier said as a sentence of its own, after the steps.
  text = text.replace(/([a-z0-9)"'])\.\s+(?:(?:do|run)\s+(?:this|it)\s+)?only\s+(for\s+[^.;:]{3,80}?)\s*(?=[.;]|$)/gi, '$1, only $2');
  // "High severity incidents are left to the analysts": the case the playbook skips.
  text = text.replace(/(^|[.;]\s+)((?:critical|high|medium|low|informational)(?:\s+(?:and|or)\s+(?:critical|high|medium|low|informational))?\s+severity\s+(?:incidents|alerts))\s+are\s+(?:left|handed|passed)\s+to\s+(?:the\s+|an?\s+)?(?:analysts?|humans?|soc|team)(?:\s+on\s+(?:duty|shift|call))?(?=\s*(?:[.;]|$))/gi, '$1ignore $2');
  text = text.replace(/\b(incidents?|alerts?)\s+(?:with|of)\s+(?:a\s+)?severity\s+(?:of\s+)?(critical|high|medium|low|informational)\b/gi, '$2 severity $1');
  // "revokes all refresh tokens and session cookies, forcing the user to authenticate again": revokes the sessions.
  text = text.replace(/\b(refresh\s+tokens?)\s*(?:,|and|&)\s*(?:the\s+|their\s+)?session\s+cookies?\b/gi, '$1')
    .replace(/,?\s+(?:forcing|requiring|so\s+that)\s+(?:the\s+)?(?:users?|them|him|her|they)\s+(?:to\s+)?(?:must\s+)?(?:re-?)?(?:authenticate|sign\s+in|log\s+in|login)(?:\s+again)?\b/gi, '');
  // "whose alerts fall into the X categories": are in them.
  text = text.replace(/\b(fall|falls|fell)\s+(?:into|under|within)\s+(?=(?:the\s+)?[\w -]{3,60}?\s+categor(?:y|ies)\b)/gi, 'are in ');
  // "For each account entity in the incident it revokes ...": what the step acts on anyway.
  text = text.replace(/(^|[.;:]\s+)for\s+(?:each|every)\s+(?:account|user|ip(?:\s+address)?|url|file|host|device|mailbox|domain)\s+entit(?:y|ies)(?:\s+(?:in|of)\s+the\s+(?:incident|alert))?\s+it\s+(?=[a-z]+s\b)/gi, '$1it ');
  // "eicar anywhere else means someones testing, leave it open and ping me": the other case, and what it gets.
  text = text.replace(/(^|[.;]\s+)(?:[\w-]+\s+){0,2}(?:anywhere|anything|everything|any\s?where|any\s+other\s+(?:box|device|host|machine))\s+else\s+(?:means|is|=)\s+[^,.;:]{3,80},\s*/gi, '$1otherwise, ');
  // "send the recipient a heads up mail from the soc box telling them not to open it": a mail to the recipient.
  text = text.replace(/\bsend\s+(the\s+(?:recipients?|users?|clickers?|victims?|mailbox\s+owners?)|them|him|her)\s+an?\s+(?:quick\s+|short\s+)?(?:heads[- ]?up\s+|warning\s+|notification\s+)?(?:e-?mail|mail|message|note)(?:\s+from\s+(?:the\s+)?(?:soc|security)(?:\s+(?:box|mailbox|account|address|inbox))?)?(?:\s+(?:telling|warning|asking|saying|letting)\s+(?:them|him|her)\b[^,.;]*)?/gi, 'email $1');
  // "block the ip it talked to": the IP of the alert.
  text = text.replace(/\b(the\s+(?:ip|ips|ip\s+address(?:es)?|domains?|urls?))\s+(?:it|they|the\s+(?:host|device|box|machine|malware|beacon))\s+(?:talked|talks|connected|connects|called\s+out|calls\s+out|beaconed|beacons|reached\s+out|phoned\s+home)(?:\s+to)?\b/gi, '$1');
  // "creates a Microsoft Defender for Endpoint indicator with the action AlertAndBlock for every address": blocks them.
  text = text.replace(/\bcreates?\s+(?:an?\s+)?(?:(?:microsoft\s+)?defender(?:\s+for\s+endpoint)?\s+|mde\s+|file\s+|ip\s+|url\s+)?(?:block\s+)?indicators?\s+(with\s+the\s+action\s+[\w]+\s+)?for\s+(?:every|each|all|any)\s+/gi, (_m, how?: string) => `block ${how ? `${how.trim()} ` : ''}every `);
  // "stops any running process of that file and quarantines it": a stop and quarantine.
  text = text.replace(/\bstops?\s+(?:any|the|all)\s+running\s+process(?:es)?\s+of\s+(?:that|the|this)\s+file\s+and\s+quarantines?\s+it\b/gi, 'stop and quarantine the file');
  // "resolves incidents ..., setting the classification to X with the determination Y": how it is resolved.
  text = text.replace(/,\s*(?:setting|and\s+sets?|with)\s+(?:the\s+|its\s+)?classification\s+(?:to|as)\s+/gi, ' as ');
  // "incidents whose alerts are detections of the EICAR test file": what Defender detected, not VirusTotal's count.
  text = text.replace(/\b(alerts?|incidents?)\s+(are|is)\s+(?:(?:defender|mde|antivirus|av)\s+)?detections\s+of\s+/gi, '$1 $2 about ');
  // "detections of the EICAR anti-malware test file": the EICAR test file.
  text = text.replace(/\b(eicar)\s+(?:anti-?malware|anti-?virus|av)\s+test\b/gi, '$1 test');
  // "members of the 'Break Glass Accounts' group, which must never be disabled automatically": why, said again.
  text = text.replace(/,\s*which\s+(?:must|should|may|can|will)\s+(?:never|not)\s+be\s+[a-z]+(?:\s+automatically)?(?=\s*(?:[.;,]|$))/gi, '');
  // "Incidents that contain any other detection remain open", "Files below the threshold are left untouched": the other case, left alone.
  text = text.replace(/(^|[.;]\s+)(?:incidents?|alerts?)\s+(?:that|which)\s+(?:contain|have|include)\s+(?:any\s+)?other\s+(?:detections?|alerts?)\s+(?:remain|stay|are\s+left)\s+(?:open|untouched|alone|as\s+they\s+are)\s*(?=[.;]|$)[.;]?/gi, '$1')
    .replace(/(^|[.;]\s+)(?:files?|hash(?:es)?|ips?|urls?|domains?|addresses|iocs?)\s+(?:below|under)\s+(?:that|the|this)\s+threshold\s+(?:are|is)\s+(?:left\s+(?:untouched|alone)|ignored|skipped|not\s+(?:touched|blocked|quarantined))\s*(?=[.;]|$)[.;]?/gi, '$1');
  // "alerts on DCs (device tag DomainController)": how those devices are told, which is the devices so tagged.
  text = text.replace(/\b(?:dcs?|domain\s+controllers?|servers?|workstations?|hosts?|machines?|devices?|boxes|endpoints?|laptops?)\s*\(\s*(?:device\s+|machine\s+)?tag(?:ged)?\s*[:=]?\s*["'\u2018\u201c]?([\w.-]+)["'\u2019\u201d]?\s*\)/gi, 'devices tagged $1');
  // "the DMZ tagged linux hosts, if ...": hosts tagged DMZ.
  text = text.replace(/(^|[.;]\s+)(?:for\s+|on\s+)?(?:the\s+|our\s+|any\s+)?([A-Za-z][\w-]*)[- ]tagged\s+((?:(?:linux|windows|mac(?:os)?)\s+)?(?:hosts|devices|machines|boxes|servers|workstations|endpoints|laptops))\s*,/gi, '$1for $3 tagged $2,');
  // "0 or unknown leave it be": nothing for an IOC VirusTotal does not flag, known or not.
  text = text.replace(/\b(0|zero|none)\s+or\s+(?:unknown|not\s+found|missing|no\s+data)\b/gi, '$1').replace(/\bleave\s+(it|them)\s+be\b/gi, 'leave $1 alone');
  // "..., the red team is at it again": a remark on who is behind it.
  text = text.replace(/,?\s+(?:the\s+|our\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:is|are)\s+at\s+it\s+again\b/gi, '');
  // "(behavioural, not the antivirus engine)": what such a detection is, said again.
  text = text.replace(/\s*\(\s*behaviou?r(?:al|[- ]based)[^()]*\)/gi, '');
  // "unless they carry the NoIsolate tag": are tagged so.
  // ("the device has the machine tag 'pci'": the tag named after "tag".)
  text = text.replace(/\b(they|it|the\s+(?:device|machine|host|box)s?)\s+(?:carry|carries|have|has|bear|bears)\s+(?:the\s+|a\s+)?(?:device\s+|machine\s+|mde\s+)?tag\s+(["'\u2018\u201c][\w.-]+["'\u2019\u201d])/gi, (_m, who: string, tag: string) => `${who} ${/^(?:they|the\s+\w+s)$/i.test(who) ? 'are' : 'is'} tagged ${tag}`)
    .replace(/\b(they|it|the\s+(?:device|machine|host|box)s?)\s+(?:carry|carries|have|has|bear|bears)\s+(?:the\s+|a\s+)?(?!(?:the|a|an|device|machine|mde)\s)["'\u2018\u201c]?([\w.-]+)["'\u2019\u201d]?\s+(?:device\s+|machine\s+)?tag\b/gi, (_m, who: string, tag: string) => `${who} ${/^(?:they|the\s+\w+s)$/i.test(who) ? 'are' : 'is'} tagged ${tag}`);
  // "if the host is tagged kiosk in MDE": where a device's tag lives, the only place it can.
  text = text.replace(/\b((?:devices?|machines?|box(?:es)?|hosts?|laptops?|endpoints?|servers?|workstations?|pcs?|it|they)\s+(?:(?:is|are)\s+)?tagged\s+(?:["'\u2018\u201c][\w.-]+["'\u2019\u201d]|[\w.-]+))\s+(?:in|on)\s+(?:mde|defender(?:\s+for\s+endpoint)?|the\s+(?:mde\s+|defender\s+|security\s+)?portal|security\s+center)\b/gi, '$1');
  // "assigns each new incident to a queue based on the service that raised it: incidents from X go to a@, incidents from
  // Y go to b@, and all other incidents go to c@": one assignment per source, and the rest.
  text = text.replace(/(?:\b(?:this|the)\s+playbook\s+)?\bassigns?\s+(?:each|every|all|the)\s+(?:new\s+)?[^:.;]{0,60}?\s+to\s+(?:a|the\s+right)\s+(?:queue|team|owner|analyst|group)\s+(?:based\s+on|according\s+to|depending\s+on|by)\s+[^:.;]{0,60}:\s*/gi, '');
  text = text.replace(/(^|[,;:.]\s*)(?:and\s+)?((?:incidents|alerts)\s+(?:from|raised\s+by|generated\s+by|in|with|of)\s+[^,;.:]{2,80}?)\s+(?:go|goes|are\s+sent|are\s+routed|are\s+assigned)\s+to\s+([\w.+-]+@[\w-]+(?:\.[\w-]+)+)/gi, (_m, lead: string, which: string, to: string) => `${lead.trim() ? `${lead.trim().replace(/[,;:]$/, '.')} ` : ''}For ${which}, assign to ${to}`)
    .replace(/\b(?:and\s+)?(?:all\s+)?(?:the\s+)?other\s+(?:incidents|alerts)\s+(?:go|goes|are\s+sent|are\s+routed|are\s+assigned)\s+to\s+([\w.+-]+@[\w-]+(?:\.[\w-]+)+)/gi, '. Otherwise, assign to $1')
    .replace(/[,;]\s*\.\s+/g, '. ');
  // "NOT servers, leave those for the infra guys": who handles them instead, which the exception already says.
  text = text.replace(/,?\s+leave\s+(?:those|them|these|it|that)\s+(?:for|to)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:guys|team|folks|people|crew|squad|admins|ops)\b/gi, '');
  // "run every file hash on new incidents thru VT": look them up, which any threshold after it does.
  text = text.replace(/(^|[.;!?]\s+)(?:please\s+)?(?:run|put|throw|push)\s+(every|all|each|the)\s+([^.;]{2,60}?)\s+(?:thru|through|against)\s+(?:vt|virustotal)\b/gi, '$1check $2 $3 on VirusTotal');
  // "unless theyre in the Break Glass group, never touch those": the exception, said twice.
  text = text.replace(/(\bunless\s+[^,.;]{3,80}),\s*(?:never|do\s+not|don'?t|dont)\s+touch\s+(?:those|them|these|it)\b/gi, '$1');
  // "page us here", "a teams msg here": a post in this channel.
  text = text.replace(/\bpage\s+(?:us|me|the\s+team|the\s+channel|the\s+soc)\s+(?:here|in\s+here|in\s+teams|in\s+(?:the|this)\s+channel)\b/gi, 'post here')
    .replace(/(?:\+|\band)\s+an?\s+(?:teams\s+)?(?:msg|message|post|note|ping)\s+(?:here|in\s+here|in\s+teams|in\s+(?:the|this)\s+channel)\b/gi, 'and post here');
  // "any CustomDetection alert gets assigned to tier2@": assign those.
  text = text.replace(/\b((?:any|every|each|all)\s+[^.;,]{2,60}?)\s+(?:gets|get|is|are)\s+assigned\s+to\s+(?=[\w.+-]+@)/gi, 'for $1, assign it to ');
  // "if the incident also has a device on it": "also" adds nothing to the test.
  text = text.replace(/\b(has|have|is|are|contains?|involves?)\s+also\b/gi, '$1').replace(/\balso\s+(has|have|contains?|involves?)\b/gi, '$1');
  // "dont action anything on the device", "(red team does this)": nothing done to it; who does it.
  text = text.replace(/\b(?:do\s+not|don'?t|dont)\s+(?:action|do)\s+anything\s+(?:on|to)\s+(?:the\s+)?(device|box|host|machine|user|account)s?\b/gi, "don't touch the $1")
    .replace(/\s*\(\s*(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:does|do|did)\s+(?:this|that|these|it)(?:\s+\w+)?\s*\)/gi, '');
  // "windows boxes are handled by another playbook so skip em": skip them.
  text = text.replace(/(^|[.;]\s+)((?:the\s+)?[\w-]+(?:\s+[\w-]+)?)\s+(?:are|is)\s+(?:handled|covered|taken\s+care\s+of|dealt\s+with)\s+by\s+(?:another|a\s+different|a\s+separate|the\s+other)\s+(?:playbook|automation|team|process)(?:,?\s*so\s+(?:skip|ignore)\s+(?:em|them|those|it))?\s*(?=[.;]|$)/gi, '$1skip $2');
  // "isolate + S&Q": stop and quarantine the file.
  text = text.replace(/\bs\s*&\s*q\b/gi, 'stop and quarantine the file');
  // "except DCs and anything tagged kiosk": devices so tagged, said with devices.
  text = text.replace(/(\bexcept\s+(?:the\s+)?(?:dcs?|domain\s+controllers?|servers?|workstations?|laptops?|devices?|hosts?|machines?|boxes)[^.;]*?\s+(?:and|or|,)\s+)(?:anything|everything|anyone|any\s+one)\s+tagged\b/gi, '$1devices tagged');
  // "mail me when it happens": when the playbook runs, which is when every step runs.
  text = text.replace(/,?\s+(?:when(?:ever)?|once|as\s+soon\s+as)\s+(?:it|that|this)\s+(?:happens|does|fires|triggers|runs|goes\s+off|kicks\s+in)(?=\s*(?:[,.;!?]|$))/gi, '');
  // "sits in the X group", "lives in", "belongs to": is in it.
  text = text.replace(/\b(?:sits?|sitting|lives?|living|resides?|residing)\s+in\b/gi, 'is in').replace(/\b(?:belongs?|belonging)\s+to\s+(?=(?:the\s+)?["'\u2018\u201c]?[\w& .-]{1,40}?["'\u2019\u201d]?\s+(?:device\s+|machine\s+|security\s+|entra\s+|ad\s+)?group\b)/gi, 'is in ');
  // "anyone in the alert who's in the X group", "except for members of X": the users' group membership, as a condition on them.
  text = text.replace(/\b(anyone|anybody|everyone|users?|accounts?|people|employees|identities|recipients?)\b([^.;,:!?]{0,40}?)\s+(?:who|that)(?:'s|'re|\s+is|\s+are)\s+(in|a\s+member\s+of|members?\s+of|part\s+of)\b/gi, '$1$2 if they are $3');
  text = text.replace(/\b(?:except|but\s+not|excluding)\s+(?:for\s+)?(?:the\s+|any\s+)?members\s+of\b/gi, 'unless they are members of');
  // "identity protection says it's a high risk sign-in": Entra ID Protection gives its alerts the severity of the risk it found.
  if (/\b(?:identity\s+protection|aadip|idp|entra(?:\s+id)?|azure\s+ad|aad)\b/i.test(text)) {
    text = text.replace(/\b(?:an?\s+)?(high|medium|low)[- ]risk\s+(?:sign[- ]?ins?|log[- ]?ins?|logons?|users?|accounts?|detections?)\b/gi, (_m, level: string) => `a ${level.toLowerCase()} severity alert`);
  } else {
    // "if a clinician gets a high risk sign-in alert": a risky sign-in alert of that severity (Entra ID Protection's).
    // (Without "alert", "high risk sign-ins" may be a user's or a sign-in's risk level, which no alert field holds: asked about.)
    text = text.replace(/\b(?:an?\s+)?(high|medium|low)[- ]risk\s+(?:sign[- ]?ins?|log[- ]?ins?|logons?)\s+alerts?\b/gi, (_m, level: string) => `a ${level.toLowerCase()} severity risky sign-in alert`);
  }
  // "page oncall by emailing oncall@contoso.com": the page is the mail.
  text = text.replace(/\b(?:page|paging|pages)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:by|via|with|through)\s+(?:e-?mail(?:ing)?|mail(?:ing)?|sending\s+(?:an?\s+)?e-?mail\s+to)\s+(?:to\s+)?([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)/gi, 'email $1');
  // "slap a tag 'x' on it", "stick the label 'y' on": tag it.
  text = text.replace(/\b(?:slap|stick|throw|whack|chuck|pop|put|drop|apply|add)\s+(?:an?\s+|the\s+)?(tag|label)\s+(["'\u2018\u201c][^"'\u2019\u201d]{1,40}["'\u2019\u201d]|[\w.-]+)\s+(?:on|onto|to)\s+(it|them|the\s+incidents?)\b/gi, (_m, what: string, value: string, on: string) => `${what.toLowerCase()} ${on} ${value}`);
  // "put the triage tag on it": the value said before the word tag.
  text = text.replace(/\b(?:slap|stick|throw|whack|chuck|pop|put|drop|apply|add)\s+(?:an?\s+|the\s+)(["'\u2018\u201c][^"'\u2019\u201d]{1,40}["'\u2019\u201d]|[\w.-]+)\s+(tag|label)\s+(?:on|onto|to)\s+(it|them|the\s+incidents?)\b/gi, (_m, value: string, what: string, on: string) => `${what.toLowerCase()} ${on} ${value}`);
  text = text.replace(/\b(?:slap|stick|throw|whack|chuck|pop)\s+(?=(?:an?\s+|the\s+)?(?:tag|label)\b)/gi, 'add ');
  // "posts an adaptive card to the SOC channel": a Teams message.
  text = text.replace(/\b(?:an?\s+)?adaptive\s+cards?\b/gi, 'a message');
  // "put the incident id in the subject": what the mail says, which it says anyway.
  text = text.replace(/,?\s*(?:and\s+)?(?:put|include|add|mention)\s+(?:the\s+)?(?:incident\s+)?(?:id|number|name|title|link|url)(?:\s+and\s+(?:the\s+)?(?:id|number|name|title|link|url|severity))?\s+(?:in|into|to)\s+(?:the\s+)?(?:subject|subject\s+line|title|body|message|mail|e-?mail|post)\b/gi, '');
  // "Private IP ranges are ignored": private addresses are never acted on.
  text = text.replace(/(^|[.;]\s+)(?:the\s+)?(?:private|internal|rfc\s*1918)\s+(?:ip\s+)?(?:address\s+)?(?:ranges|addresses|ips|ip\s+addresses|space)\s+(?:are|is|will\s+be)\s+(?:always\s+)?(?:ignored|skipped|excluded|never\s+(?:blocked|submitted|sent|added|indicated)|not\s+(?:blocked|submitted|sent|added)|left\s+(?:out|alone))(?=\s*[.;]|\s*$)/gi, (_m, lead: string) => `${lead ? ', ' : ''}except private IPs`);
  // "if less: just isolate", "if lower, comment": the other side of the threshold before it.
  text = text.replace(/\b(?:if|when)\s+(?:it'?s\s+|there\s+are\s+)?(?:less|lower|fewer|under\s+that|below\s+that|anything\s+less)(?=\s*[,:;]|\s+(?:just|then|only)\b)/gi, 'otherwise');
  // "the mailbox owner": the user of the mailbox.
  text = text.replace(/\b(?:the\s+)?(?:affected\s+|compromised\s+)?mailbox\s+owner('s|s)?\b/gi, (_m, pos?: string) => `the user${pos ?? ''}`);
  // "the dropped exe", "the malicious dll": the file.
  text = text.replace(/\b(the|that|this|each|every|any)\s+((?:dropped|malicious|bad|suspicious|flagged|detected|downloaded)\s+)?(?:exe|dll|msi|executable|binary)\b(?!\s+files?\b)/gi, (_m, det: string, adj?: string) => `${det} ${adj ?? ''}file`);
  // ".exe files only", "only .ps1 files": the files of that kind.
  text = text.replace(/,\s*(?:only\s+\.(exe|dll|ps1|bat|cmd|vbs|js|msi|scr|hta|lnk|iso|zip)\s+files?|\.(exe|dll|ps1|bat|cmd|vbs|js|msi|scr|hta|lnk|iso|zip)\s+files?\s+only)\b/gi, (_m, a?: string, b?: string) => `, only files ending in .${(a ?? b ?? '').toLowerCase()}`);
  // "unless they belong to the X group": they are in it.
  text = text.replace(/\b(they|users|accounts)\s+belong\s+to\b/gi, '$1 are in');
  // "tag high sev incidents 'p1' and medium ones 'p2'": a tag per severity, each its own branch.
  const SEV = '(critical|high|medium|low|informational|info)';
  const TAG_VALUE = '(["\'\u2018\u201c][^"\'\u2019\u201d]{1,40}["\'\u2019\u201d]|[\\w.:-]+)';
  text = text.replace(
    new RegExp(`\\b(tag|label)\\s+(?:the\\s+|all\\s+|any\\s+)?${SEV}(?:\\s+(?:severity|sev))?\\s+(?:incidents|ones|alerts)\\s+(?:as\\s+|with\\s+)?${TAG_VALUE}((?:\\s*(?:,|;|\\band\\b)\\s*(?:and\\s+)?(?:the\\s+)?${SEV}(?:\\s+(?:severity|sev))?(?:\\s+(?:ones|incidents|alerts))?\\s+(?:as\\s+|with\\s+)?${TAG_VALUE})+)`, 'gi'),
    (_m, verb: string, sev: string, tag: string, more: string) => {
      const branches = [[sev, tag], ...[...more.matchAll(new RegExp(`${SEV}(?:\\s+(?:severity|sev))?(?:\\s+(?:ones|incidents|alerts))?\\s+(?:as\\s+|with\\s+)?${TAG_VALUE}`, 'gi'))].map((m) => [m[1], m[2]])];
      return branches.map(([s, t]) => `for ${s.toLowerCase()} severity incidents, ${verb.toLowerCase()} them ${t}`).join('. ');
    },
  );
  // "raises a 'Mass download' alert", "the alert 'A potentially malicious URL click was detected'": the alert's title.
  text = text.replace(/\b(an?|the)\s+(["\u2018\u201c'][^"\u2019\u201d']{3,80}["\u2019\u201d'])\s+alerts?\b/gi, '$1 alert titled $2');
  text = text.replace(/\balert\s+(["\u2018\u201c'][^"\u2019\u201d']{3,80}["\u2019\u201d'])/gi, (m: string, title: string, offset: number, whole: string) => (/\b(?:titled|named|called)\s*$/i.test(whole.slice(0, offset)) ? m : `alert titled ${title}`));
  // "names a privileged acct ... disable it": "it" is the account.
  text = text.replace(/\b(acct|account|user|identity)\b([^.;!?]{0,80}?)\b(disable|suspend|deactivate)\s+(it|them)\b/gi, (_m, noun: string, mid: string, verb: string, pronoun: string) => `${noun}${mid}${verb} ${pronoun.toLowerCase() === 'them' ? 'the accounts' : 'the account'}`);
  // "if a hash has 20+ VT hits quarantine it": "it" is the file.
  text = text.replace(/\b(files?|hash(?:es)?|sha-?(?:1|256)s?|binar(?:y|ies)|executables?|payloads?|samples?|attachments?|[\w-]+\.(?:exe|dll|ps1|bat|cmd|vbs|js|msi|scr|hta))\b((?:[^.;!?]|\.(?=\w)){0,80}?)\b(quarantine|stop\s+and\s+quarantine)\s+(it|them)\b/gi, (_m, noun: string, mid: string, verb: string, pronoun: string) => `${noun}${mid}${verb} ${pronoun.toLowerCase() === 'them' ? 'the files' : 'the file'}`);
  // "medium+", "sev high+": that severity or above.
  text = text.replace(/\b(low|medium|high)\s*\+(?=\s|[,.;:!?]|$)/gi, '$1 or above');
  // "if rbac grp = Payroll-PCs", "device group is X", "the machine group: X": the device's group.
  text = text.replace(/\b(?:the\s+)?(?:rbac|device|machine|mde)\s+(?:group|grp)(?:\s+name)?\s*(?:==?|is)\s*["'\u2018\u201c]?(?!(?:not|in|a|an|the|one)\b)([\w.&-]+)["'\u2019\u201d]?/gi, "the device is in the '$1' device group")
    // "close as fp lol its always pirrit junk": why, after a laugh.
    .replace(/\s+(?:lol|lmao|haha|tbh)\s*,?\s+(?=(?:it'?s|its|they'?re|theyre|it\s+is|they\s+are)\s+(?:always|usually|just|basically|all|only|mostly)\b)/gi, ', because ')
    // "n its malware", "and it's ransomware": the alert is.
    .replace(/\b(and|n|&)\s+(?:it'?s|its|it\s+is)\s+(malware|ransomware|phishing|a\s+phish)\b/gi, (_m, _and: string, what: string) => `and the alert is ${what}`);
  // "if critical and unassigned", "high + no owner ->", "med+ on a srv ->": a bare severity beside another case, or before the
  // devices it is on, is the alert's severity (read alone, it was left unread).
  text = text.replace(/(\b(?:if|when|whenever)\s+|(?:^|[.;!?]\s+|\n\s*))(critical|high|medium|low|informational)(\s+or\s+(?:above|higher|more|worse))?\s*(?:and|&|\+)\s+(?!(?:critical|high|medium|low|informational|info|sev\w*|alerts?|incidents?|ones)\b)(?=[a-z])/gi, '$1$2$3 severity and ')
    .replace(/(\b(?:if|when|whenever)\s+|(?:^|[.;!?]\s+|\n\s*))(critical|high|medium|low|informational)(\s+or\s+(?:above|higher|more|worse))?\s+on\s+(?=(?:an?|the|any)\s)/gi, '$1$2$3 severity alerts on ');
  // "low PUA", "medium or above phish": the severity of that kind of alert.
  text = text.replace(/\b(critical|high|medium|low|informational)((?:\s+(?:or|and)\s+(?:above|higher|up|below|lower))?)\s+(?=(?:pua|malware|ransomware|phish(?:ing|es)?|trojans?|c2|beacons?|credential\s+theft|lateral\s+movement|coin\s*miners?)\b)/gi, (_m, level: string, range: string) => `${level} severity${range} `);
  // "close the incident as benign if it's tagged Red Team": "it" is the incident the step changes.
  text = text.replace(/\b((?:close|resolve|assign|reassign|tag|label|comment\s+on|mark|classify)\s+(?:the\s+|this\s+)?(?:incident|case|it)\b[^.;!?]{0,60}?\b(?:if|when|unless)\s+)it(?:'s|\s+is|\s+was)\s+(tagged|labell?ed)\b/gi, '$1the incident is $2');
  // "whenever a PUA gets prevented": Defender stopped it, which is a detection like any other.
  text = text.replace(/\b(?:gets?|got|is|was|were|are)\s+(?:prevented|blocked\s+by\s+(?:av|antivirus|defender))\b/gi, 'is detected');
  // "any alert w/ mimikatz.exe": an alert whose file is named so.
  text = text.replace(/\b(alerts?|incidents?|detections?)\s+(?:with|w\/|involving|containing|that\s+(?:has|have|involves?|contains?)|mentioning|about)\s+(?:an?\s+|the\s+)?([\w-]+\.(?:exe|dll|ps1|bat|cmd|vbs|js|msi|scr|hta))\b/gi, '$1 whose file path contains $2');
  // "Step 1: isolate ... Step 2: block ...": numbered steps, a sentence each.
  text = text.replace(/(^|[.;:!?]\s*)step\s+\d{1,2}[a-z]?\s*[:.)-]\s*/gi, (_m, lead: string) => (lead.trim() ? `${lead.trim()} ` : ''));
  // "The expiration is set to 14 days": how long the indicators last.
  text = text.replace(/\b(?:the\s+)?(?:indicators?'?\s+|ioc\s+|block\s+)?(?:expiration|expiry)(?:\s+(?:date|period|time|window))?\s+(?:is|will\s+be|gets|should\s+be)\s+(?:set\s+to|configured\s+(?:to|for)|fixed\s+at)\s+(\d+|\w+)\s+(days?|weeks?|months?)\b/gi, 'the indicators have an expiration of $1 $2');
  // "excluding devices in the X group", "excluding servers": an exception.
  text = text.replace(/\bexcluding\s+(?=(?:the\s+|any\s+|all\s+)?(?:[\w-]+\s+){0,2}(?:devices?|machines?|hosts?|endpoints?|servers?|workstations?|laptops?|dcs?|domain\s+controllers?|users?|accounts?)\b)/gi, 'except ');
  // "the kiosk machines (their names start with kiosk-)": devices named so.
  text = text.replace(/\b(?:([\w-]+)\s+)?(machines|devices|hosts|boxes|endpoints|servers|workstations|laptops)\s*\(\s*(?:their|the|whose)?\s*(?:host\s*|device\s*|machine\s*)?names?\s+(?:start|begin|starts|begins)\s+with\s+["']?([\w.-]+?)["']?\s*\)/gi, (_m, word: string | undefined, noun: string, prefix: string) => `${keptCue(word)}${noun} named ${prefix.replace(/\*?$/, '*')}`);
  text = text.replace(/\b(machines|devices|hosts|boxes|endpoints|servers|workstations|laptops)\s+(?:whose|with)\s+(?:host\s*|device\s*|machine\s*)?names?\s+(?:start|begin|starts|begins)\s+with\s+["']?([\w.-]+?)["']?(?=[\s,.;]|$)/gi, (_m, noun: string, prefix: string) => `${noun} named ${prefix.replace(/\*?$/, '*')}`);
  // "isolate ONLY the devices in HR-Workstations, everything else in the incident just a full AV scan": every other device,
  // after a step on devices said that way (read as every other case, the scan ran on no ransomware incident).
  text = text.replace(/(\b(?:isolat\w*|restrict\w*|scan\w*|collect\w*|contain\w*)\b[^.;!?]{0,100}?\b(?:devices?|machines?|hosts?|box(?:es)?|endpoints?|servers?|workstations?|laptops?)\b[^.;!?]{0,60}?,\s*(?:and\s+)?)(?:everything|anything|all)\s+else\b(?=(?:\s+in\s+the\s+incident)?\s*:?\s*(?:just\s+|only\s+)?(?:gets?\s+|run\s+)?(?:an?\s+)?(?:(?:full|quick)\s+)?(?:(?:antivirus|av)\s+)?(?:scan|isolat|collect|restrict))/gi, '$1all other devices');
  // "never isolate DCs. everything else in a high sev incident gets isolated": every other device.
  text = text.replace(/\b(?:everything|anything|all)\s+else\b(?=[^.;!?]*\b(?:gets?|is|are|will\s+be)\s+(?:isolated|contained|scanned|restricted|quarantined)\b)/gi, 'all other devices');
  // "except the ones at Low risk": the devices whose risk score is above that.
  text = text.replace(/,?\s*\b(?:except|but\s+not|excluding)\s+(?:for\s+)?(?:the\s+ones|those|ones|the\s+devices|devices|machines|hosts|boxes)\s+(?:that\s+are\s+)?(?:already\s+)?(?:at|with)\s+(?:an?\s+)?low(?:\s+device)?\s+risk(?:\s+(?:score|level))?\b/gi, ', only devices with a medium or higher risk score');
  // "an incident involving a user is closed": the incident (whoever it involves).
  text = text.replace(/\b((?:an?|the|any)\s+incidents?)\s+(?:involving|that\s+involves?|with)\s+(?:an?|the|some)\s+(?:users?|devices?|accounts?|hosts?|machines?)(?=\s+(?:is|are|gets?|was|were|has\s+been)\b)/gi, '$1');
  // "malware delivered by email": malware (the alert's source says it came by mail).
  text = text.replace(/\bmalware\s+(?:delivered|sent|arriving)\s+(?:by|via|in|through)\s+(?:e-?mail|mail)\b/gi, 'malware');
  // "the server is not isolated, because it hosts production services": the reason for what is not done narrows nothing.
  text = text.replace(/(\b(?:never|not|don'?t|dont|do\s+not)\s[^.;!?]*?),?\s+(?:because|since|as)\s+(?:it|they|this|these|those|the\s+[\w-]+)\s+(?:hosts?|runs?|is|are|has|have|serves?|holds?|provides?|supports?)\s[^,.;!?]{1,60}/gi, '$1');
  // "an alert is raised for malware", "an alert about ransomware": an alert of that kind.
  const KIND = '(malware|ransomware|phishing|phish|credential\\s+theft|lateral\\s+movement|command-and-control|c2|pua|trojans?)';
  text = text.replace(new RegExp(`\\b(an?|the|any)\\s+((?:[\\w-]+\\s+){0,6}?)(alerts?|incidents?)\\s+(?:is\\s+|are\\s+)?(raised|generated|created|triggered|fired)\\s+(?:for|about|on)\\s+${KIND}\\b`, 'gi'), (_m, det: string, mid: string, noun: string, verb: string, kind: string) => `${det} ${mid}${kind} ${noun} is ${verb}`);
  text = text.replace(new RegExp(`\\b(an?|the|any)\\s+((?:[\\w-]+\\s+){0,6}?)(alerts?|incidents?)\\s+(?:about|for|of|regarding)\\s+${KIND}\\b`, 'gi'), (_m, det: string, mid: string, noun: string, kind: string) => `${det} ${mid}${kind} ${noun}`);
  // "Web shell response (Linux servers): ...": the devices a title names are the ones its steps act on.
  text = text.replace(/^([^:()]{3,60}?)\s*\(\s*((?:linux|windows|mac\s?os|macs?)?\s*(?:servers?|workstations?|laptops?|devices|machines|hosts|endpoints)|(?:linux|windows|mac\s?os))\s*\)\s*:\s*/i, (_m, title: string, scope: string) => `${title}: on ${scope.trim()}, `);
  // "except the ones carrying the NoIsolate tag", "incidents that carry the VIP tag": tagged so.
  text = text.replace(/\b(the\s+ones|those|ones|devices?|machines?|hosts?|boxes|endpoints?|incidents?|alerts?)\s+(?:that\s+|which\s+)?(?:carry|carries|carrying|bear|bears|bearing|have|has|having|with)\s+(?:the\s+|a\s+)?(?!(?:the|a|an)\s)(?!(?:machine|device|host|incident|alert)\s+tag\s+["'\u2018\u201c])(["'\u2018\u201c][^"'\u2019\u201d]{1,40}["'\u2019\u201d]|[\w.-]+)\s+tag\b/gi, '$1 tagged $2');
  // "so the morning shift picks them up", "so that tier 2 sees it": why, which narrows nothing.
  text = text.replace(/,?\s+so\s+(?:that\s+)?(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:shift|team|analysts?|tier\s*\d|on-?call|soc|we|they|someone|people|she|he|i|you|everyone|everybody|management|boss|manager|lead)\s+(?:can\s+|will\s+)?(?:picks?|sees?|knows?|notices?|gets?|looks?|checks?|handles?|find|finds|hears?)\b[^.;!?]*/gi, '');
  // "(indicator, 30 days)": how long the indicator lasts.
  text = text.replace(/\s\(\s*(?:(?:as\s+an?\s+)?(?:indicator|ioc|block)\s*,?\s*)?(\d+)\s*(days?|d|weeks?|w|months?)\s*\)/gi, (_m, n: string, unit: string) => ` for ${n} ${/^d/i.test(unit) ? 'days' : /^w/i.test(unit) ? 'weeks' : 'months'}`);
  // "hosts that talk to c2", "machines beaconing out to a C2 server": the devices of command-and-control alerts.
  text = text.replace(/\b(?:that|which|who)?\s*(?:talk|talks|talking|connect|connects|connecting|communicate|communicates|communicating|beacon|beacons|beaconing|call(?:s|ing)?\s+(?:out|home))\s+(?:out\s+)?(?:to|with)\s+(?:a\s+|the\s+|known\s+)?(?:c2|command-and-control|command\s+and\s+control)(?:\s+(?:servers?|infrastructure|ips?|domains?))?\b/gi, ' in command-and-control alerts');
  // "with a link to the incident": what the mail or post carries anyway.
  text = text.replace(/,?\s*(?:with|w\/|including|incl\.?)\s+(?:a\s+|the\s+)?(?:link|url)\s+to\s+(?:the\s+)?(?:incident|alert)\b/gi, '');
  // "can u make it so high sev incidents get emailed to X": email X about them.
  text = text.replace(/\b(?:(?:can|could|would)\s+(?:you|u)\s+)?make\s+(?:it\s+)?so\s+(?:that\s+)?((?:[\w-]+\s+){0,4}?(?:incidents?|alerts?))\s+(?:get|are|is|gets)\s+(?:e-?mailed|mailed|sent)\s+to\s+([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)/gi, 'for $1, email $2');
  text = text.replace(/\b(?:e-?mail|mail|send)\s+((?:the\s+|all\s+|any\s+)?(?:[\w-]+\s+){0,4}?(?:incidents?|alerts?))\s+to\s+([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)/gi, 'for $1, email $2');
  // "tag every high sev incident with needs-triage": tag it so.
  text = text.replace(/\b(tag|label)\s+((?:every|each|all|any)\s+(?:[\w-]+\s+){0,4}?(?:incidents?|alerts?))\s+(?:with|w\/|as)\s+(["'\u2018\u201c][^"'\u2019\u201d]{1,40}["'\u2019\u201d]|[\w.:-]+)/gi, 'for $2, $1 them $3');
  // "except for accounts in the Break Glass Accounts group": unless they are in it.
  text = text.replace(/\bexcept\s+(?:for\s+)?(?:the\s+)?(?:accounts|users|identities)\s+(?:in|from|of)\s+(?=(?:the\s+)?["'\u2018\u201c]?[\w&. -]{2,40}?["'\u2019\u201d]?\s+group\b)/gi, 'unless they are in ');
  // "(app owners will riot)", "(we'd lose auth)": a remark on what would happen, which narrows nothing.
  text = text.replace(/\s*\(\s*(?!(?:if|when|only|unless|except|not|never|but)\b)(?:we|they|it|he|she|you|people|users|[\w-]+\s+[\w-]+)\s*(?:'d|'ll|\s+will|\s+would|\s+might|\s+could|\s+can'?t|\s+cannot|\s+won'?t|\s+hate|\s+complain)\s+(?![^()]*\b(?:if|only|unless|except|when)\b)[^()]{1,60}\)/gi, '');
  // "isolate like normal", "(mimikatz and friends)": how it is usually done, and examples of a kind; nothing narrower.
  text = text.replace(/,?\s+(?:like|as)\s+(?:normal|usual|always|per\s+usual)\b/gi, '').replace(/\s+(?:and\s+friends|and\s+co\.?|and\s+the\s+like|and\s+similar|etc\.?)(?=\s*[),.;!?]|\s*$)/gi, '');
  // "if the malware is on a workstation": the device it is on is a workstation.
  text = text.replace(/\b(?:the\s+)?(?:malware|threat|infection|file|payload|detection|alert)\s+is\s+on\s+(?:an?\s+)?(workstation|server|laptop|desktop|domain\s+controller|dc|mac|linux\s+box|linux\s+server)\b/gi, 'the device is a $1');
  // "... reset the pw. unless VT says the url is clean, then do nothing": an exception of the sentence before.
  text = text.replace(/([.;!?])\s+unless\s+([^.;!?]{3,100}?),?\s+(?:then\s+)?(?:just\s+)?(?:do\s+nothing|nothing|skip(?:\s+it)?|leave\s+it(?:\s+alone)?|ignore\s+it|no\s+action)\s*(?=[.;!?]|$)/gi, (_m, end: string, cond: string) => `, unless ${cond}${end}`);
  // "add a comment saying which IOC matched": the comment's words, which it writes anyway.
  text = text.replace(/\b(comment|note)\s+(?:saying|stating|that\s+says|explaining|describing|listing|noting|about)\s+(?:which|what|why|how|the|that)\b(?:(?!\s+(?:is|are|will\s+be|gets?)\s+(?:added|posted|written|left|put|appended|attached)\b)[^,.;!?])*/gi, '$1');
  // "just email me instead, j.ortiz@contoso.com": "me" is the address said after it.
  text = text.replace(/\b(e-?mail|mail|notify|ping)\s+me(\s+instead)?\s*,\s*([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)/gi, '$1 $3$2');
  // "one of our own custom TI indicators": ours.
  text = text.replace(/\bour\s+own\b/gi, 'our');
  // "It is intended to be triggered on incidents from X": it runs on them.
  text = text.replace(/\b(?:it|this\s+playbook|the\s+playbook)\s+is\s+(?:intended|designed|meant|built)\s+to\s+(?:be\s+)?(?:triggered|run|used|started)\s+(on|for|by|with|when|whenever)\b/gi, (_m, cue: string) => `It runs ${cue.toLowerCase() === 'by' || cue.toLowerCase() === 'with' ? 'on' : cue.toLowerCase()}`);
  // "..., which raises their user risk to high": what the step brings about, said after it.
  text = text.replace(/,\s+which\s+(?:raises|sets|makes|marks|moves|flags|lowers|means|ensures|prevents|keeps|stops|blocks)\s+(?![^.;!?]*\b(?:if|only|unless|except|when)\b)[^.;!?]{1,200}(?=[.;!?]|$)/gi, '');
  // "stops the process and quarantines the file", "using the file's SHA1": the one stop-and-quarantine step.
  text = text.replace(/\b(stops?|kills?)\s+(?:the\s+)?(?:running\s+)?(?:process(?:es)?|it)\s+and\s+(quarantines?)\b/gi, '$1 and $2');
  text = text.replace(/,?\s*(?:using|by|with)\s+(?:the\s+|its\s+)?(?:file'?s?\s+)?(?:sha-?1|sha-?256|md5|hash)(?:\s+(?:hash|value))?(?=\s*[,.;!?]|\s*$)/gi, '');
  // "servers are restricted from running unsigned code instead": app execution is restricted on them.
  text = text.replace(/\b((?:the\s+)?(?:[\w-]+\s+){0,2}(?:servers?|devices?|machines?|hosts?|workstations?|endpoints?))\s+(?:are|is|get|gets)\s+restricted\s+from\s+running\s+(?:unsigned|untrusted|non-microsoft|unknown|any)?\s*(?:code|apps?|applications?|programs?|binaries)\b/gi, 'restrict app execution on $1');
  // "For each file hash in the incident, the playbook queries VirusTotal": what the steps act on anyway.
  text = text.replace(/(^|[.:;]\s+)for\s+(?:each|every)\s+(?:file\s+hash|hash|ip(?:\s+address)?|url|domain|file|account|user|host|device|ioc|indicator)(?:\s+(?:entity|entities))?(?:\s+(?:in|of)\s+the\s+(?:incident|alert))?\s*,\s*/gi, '$1');
  // "Windows Server devices are not isolated; for those, a comment is added": what the devices left out get.
  text = text.replace(/\b((?:devices?|machines?|hosts?|endpoints?)\s+running\s+(?:an?\s+)?windows\s+server(?:\s+operating\s+system|\s+os)?|servers?|domain\s+controllers?|workstations?|laptops?)(\s+(?:are|is)\s+not\s+(?:isolated|contained|restricted|scanned)[^.;]*)\s*[;.]\s*for\s+(?:those|them|these)\s*,\s*/gi, (_m, who: string, not: string) => `${who}${not}. For ${/server/i.test(who) ? 'servers' : who.toLowerCase()}, `);
  // "that's all", "simple as that", "nothing more": the request is done; it narrows nothing.
  text = text.replace(/(^|[.,;:!?]\s*|\s-\s*)(?:and\s+)?(?:(?:that'?s|that\s+is|thats)\s+(?:it|all)|simple\s+as\s+that|(?:and\s+)?nothing\s+(?:more|else)(?:\s+(?:needed|required))?|end\s+of\s+story|no\s+more\s+no\s+less)(?:\s+(?:really|tbh|thanks|thx|pls|please))?\s*([.!]*)(?=\s|$)/gi, (_m, lead: string, end: string) => (/[.;!?]/.test(lead) ? lead : end ? '.' : ''));
  // "leave the rest alone", "leave everything else as is": what the steps do not reach stays as it is, which they say already.
  text = text.replace(/,?\s*(?:and\s+|but\s+)?(?:just\s+)?leave\s+(?:the\s+rest|the\s+others|all\s+the\s+others|everything\s+else|anything\s+else|the\s+remaining\s+ones|the\s+other\s+ones|every\s+other\s+\w+|(?:everyone|everybody|anyone|anybody)\s+else'?s\s+(?:incidents?|alerts?|cases?|devices?|machines?|accounts?)|(?:all\s+)?(?:the\s+)?other\s+(?:incidents|alerts|cases|devices|machines|users|accounts))\s+(?:alone|be|as\s+(?:is|they\s+are)|untouched)(?=\s*(?:[,.;!?]|$))/gi, '');
  // "..., otherwise the owner decides", "if not, a human handles it": the other case gets nothing from the playbook.
  text = text.replace(/\b(otherwise|else|if\s+not)\s*,?\s+(?:a\s+|an\s+|the\s+)?(?:humans?|analysts?|owner|assignee|person|people|someone|somebody|day\s*shift|day\s+team|on-?call|soc|we|they|tier\s*[123]|l[123])\s+(?:decides?|handles?(?:\s+it)?|picks?\s+(?:it\s+)?up|takes?\s+(?:it|over|care\s+of\s+it)|deals?\s+with\s+it|looks?\s+at\s+it|triages?(?:\s+it)?|will\s+(?:handle|decide|look\s+at)(?:\s+it)?)(?=\s*(?:[,.;!?]|$))/gi, '$1 nothing');
  // "otherwise leave it open and post here": the incident stays as it is; the rest of the branch is what happens.
  text = text.replace(/\b(?:just\s+)?(?:leave|keep)\s+(?:it|the\s+incident|the\s+case|them)\s+(?:open|active|as\s+is|alone|untouched|unresolved)\s+(?:and|but)\s+/gi, '');
  text = text.replace(/\b(?:just\s+)?(?:leave|keep)\s+(?:it|the\s+incident|the\s+case|them)\s+(?:open|active|as\s+is|unresolved)(?=\s*(?:[,.;!?]|$))/gi, 'do nothing');
  // "if EICAR shows up elsewhere, do NOT close it, just tag it": only the step after "just" (the case gets that step).
  text = text.replace(/\bdo\s+nothing\s*,\s*(?:but\s+)?(just|only)\s+(?=[a-z])/gi, '$1 ');
  // "Under 10, don't block, just put a comment": in a case of its own, "just" already says the other steps are not for it.
  // (Only after a band of counts, whose steps have their own thresholds: after "for servers" or "during day shift" the
  // "don't" is what keeps the step off that case.)
  text = text.replace(/((?:^|[.;!?]\s+|\n\s*)(?:(?:virustotal|vt)\s+)?(?:(?:under|below|less\s+than|fewer\s+than|<=?)\s*\d+|\d+\s*(?:-|to|\u2013)\s*\d+|0|zero)(?:\s+(?:engines?|detections?|hits|vendors?))?\s*(?:[,:]\s*|->\s*))(?:but\s+)?(?:do\s+not|don'?t|dont|no|never)\s+(?:block(?:ing)?|isolat(?:e|ion)|quarantin(?:e|ing)|restrict(?:ion)?|disabl(?:e|ing)|reset|revok(?:e|ing)|scan(?:ning)?|clos(?:e|ing)|resolv(?:e|ing)|contain(?:ment)?|action)(?:\s+(?:it|them|anything))?\s*,\s*(?:but\s+)?(just|only)\s+(?=[a-z])/gi, '$1$2 ')
    .replace(/\b(just|only)\s+(?:the\s+|an?\s+)?(?:teams\s+(?:post|message|ping)|post\s+(?:in|to)\s+teams)\s*(?:,\s*(?:but\s+)?(?:no|not\s+the)\s+(?:isolation|block|blocking|scan|quarantine|restriction|containment)\b)?(?=\s*[.;!\n]|\s*$|\s*,\s*(?:but\s+)?(?:do\s+not|don'?t|dont|never|leave)\s)/gi, '$1 post to teams');
  // "everything under high ignore", "info skip": a case said by its severities, then nothing for it, with no colon between.
  text = text.replace(/((?:^|[.;!?]\s+|\n\s*)(?:(?:anything|everything|all|the\s+rest|rest)\s+)?(?:(?:below|under|lower\s+than|less\s+than|above|over)\s+)?(?:critical|high|medium|low|informational|info)(?:\s*(?:\/|,|or|and)\s*(?:critical|high|medium|low|informational|info))*(?:\s+(?:severity|ones|alerts|incidents))?)\s+(?:just\s+)?(?:skip|ignore|nothing|do\s+nothing|no\s+action)(?:\s+(?:it|them|those))?(?=\s*(?:[.;!?\n]|$))/gi, '$1: do nothing');
  // "info or low just the teams post": a case said by its severities, its steps after "just" as after a colon.
  text = text.replace(/((?:^|[.;!?]\s+|\n\s*)(?:critical|high|medium|low|informational|info)(?:\s*(?:\/|,|or|and)\s*(?:critical|high|medium|low|informational|info))*(?:\s+(?:severity|ones|alerts|incidents))?)\s+(just|only)\s+(?=[a-z])/gi, '$1: $2 ');
  // "When the tag 'x' is present on an incident": the incident has the tag.
  text = text.replace(/\bthe\s+tag\s+(["'\u2018\u201c][^"'\u2019\u201d]{1,40}["'\u2019\u201d]|[\w:.-]+)\s+is\s+(?:present|there|already\s+(?:set|applied))\s+on\s+((?:an?|the|any)\s+[^,.;]{0,60}?\b(?:incidents?|alerts?))\b/gi, '$2 has the tag $1');
  // "Upon creation of a high severity incident": when it is created.
  text = text.replace(/\b(?:upon|on|at|after)\s+(?:the\s+)?creation\s+of\s+(an?\s+|any\s+|every\s+|each\s+|the\s+)?/gi, (_m, det?: string) => `when ${det ?? 'an '}`.replace(/\s+$/, ' ')).replace(/\bwhen\s+(an?|any|every|each|the)\s+((?:(?!->|=>|\u2192)[^,.;])*?\b(?:incident|alert)s?)(?=\s*[,.;])/gi, 'when $1 $2 is created');
  // An indicator applies to the whole tenant: "block it across the organization" asks for nothing more.
  text = text.replace(/\b(block(?:ed)?\s+(?:it|them|the\s+[\w-]+(?:\s+[\w-]+)?))\s+(?:across|in|for|throughout)\s+(?:the\s+(?:whole\s+|entire\s+)?)?(?:organi[sz]ation|org|tenant|company|enterprise)\b/gi, '$1');
  // "DCSync or similar credential theft": the named kind covers what is similar to it.
  text = text.replace(/\bor\s+(?:any\s+)?(?:similar|related|comparable|other\s+such)\s+(?=[a-z])/gi, 'or ');
  // "if they actually clicked (alert says url click)": a click is known from the alert that reports it.
  text = text.replace(/\b(if|when|once)\s+(?:they|the\s+(?:user|recipient)|he|she|someone|a\s+user)\s+(?:actually\s+|really\s+)?clicked(?:\s+(?:on\s+)?(?:it|the\s+(?:link|url)|a\s+(?:link|url)))?\b/gi, '$1 the alert title mentions click');
  text = text.replace(/\(\s*(?:the\s+)?alert\s+(?:says|is|title\s+says)\s+([\w -]{2,30}?)\s*\)/gi, (_m, what: string) => `(the alert title mentions "${what.trim()}")`);
  // "VT check on all the IOCs": a look-up on VirusTotal, said as a noun.
  text = text.replace(/\b(?:virustotal|vt)\s+(?:check|lookup|look-up|enrichment|reputation\s+check)\s+(?:on|of|for)\s+([^,.;]+?)(?=\s+(?:and|then)\b|[,.;]|$)/gi, 'look up $1 on VirusTotal');
  // "no actions pls": nothing beyond what was asked.
  text = text.replace(/\bno\s+(?:other\s+|further\s+)?actions?(?:\s+(?:please|pls|plz|thanks|thx))?(?=\s*(?:[.;,!]|$))/gi, 'no action');
  // "email me at jlo@contoso.com": the address is who "me" is.
  text = text.replace(/\b(email|e-mail|mail|ping|notify|message)\s+(?:me|us)\s+(?:at|on|via)\s+([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)/gi, '$1 $2');
  // "assigns it to the on-call analyst (oncall@contoso.com)": the address is who the role is.
  text = text.replace(/\b(to|for|cc|notify|email|mail|ping)\s+(?:the\s+|our\s+|an?\s+)?(?:[\w-]+\s+){0,3}?(?:analysts?|team|lead|manager|engineers?|person|on-?call|owner|admins?|desk|responders?|queue|handler|shift)\s*\(\s*([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)\s*\)/gi, '$1 $2');
  // "a Malware or Ransomware alert": an alert of either kind.
  text = text.replace(/\b(malware|ransomware|phishing|phish|credential[- ]theft|credential[- ]access|lateral[- ]movement|exfiltration|command[- ]and[- ]control|c2|pua)\s+(or|and|\/)\s+(?=(?:malware|ransomware|phishing|phish|credential[- ]theft|credential[- ]access|lateral[- ]movement|exfiltration|command[- ]and[- ]control|c2|pua)\s+(?:alerts?|incidents?|detections?)\b)/gi, (_m, kind: string, joint: string) => `${kind} alert ${joint === '/' ? 'or' : joint} `);
  // "assign it to me (kim@fabrikam.com)": the address is who "me" is.
  text = text.replace(/\b(to|for|cc|notify|email|mail|ping)\s+me\s*\(\s*([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)\s*\)/gi, '$1 $2');
  // "..., not every device in the incident": the devices of the alerts named before, which the plan acts on anyway.
  text = text.replace(/,?\s*(?:and\s+|but\s+)?not\s+(?:on\s+)?(?:every|all(?:\s+the)?|each)\s+(?:devices?|machines?|hosts?|endpoints?|boxes)\s+(?:in|of|across|on)\s+the\s+(?:whole\s+|entire\s+)?incident\b/gi, '');
  // "full scan if high otherwise quick": an "otherwise" inside a clause starts the other branch,
  // and a bare scan type after it is a scan.
  text = text.replace(/([a-z0-9'"])\s+(otherwise)\s+(?=[a-z])/gi, '$1, $2 ');
  text = text.replace(/\b(otherwise|else),?\s+(?:just\s+|a\s+)?(quick|full|deep)\b(?!\s+(?:antivirus\s+|av\s+)?scan)(?!\s+isolat)/gi, '$1 $2 scan');
  // "the kiosk machines (tag 'Kiosk')": the tag that names them (before asides move).
  text = text.replace(/\b([\w-]+\s+)?(machines|devices|hosts|boxes|endpoints)\s*\(\s*(?:with\s+)?(?:the\s+)?(?:machine\s+|device\s+)?tag(?:ged)?\s*:?\s*(["'][\w.-]+["']|[\w.-]+)\s*\)/gi, (_m, _adj: string | undefined, noun: string, tag: string) => `${noun} tagged ${tag}`);
  // "Isolate on critical IOC": how bad the indicator is, said by the rest of the request; no severity.
  text = text.replace(/\bcritical\s+(?=(?:iocs?|indicators?|hash(?:es)?|artifacts?|observables?)\b)/gi, '');
  // "picks up a phish", "catches ransomware": detects it.
  // ("Picked up by MSSP L1", a comment's words, is who took the incident.)
  text = text.replace(/\b(?:picks?|picked)\s+up\b(?!\s+by\b)|\b(?:catches|caught)\b(?=\s+(?:an?\s+|some\s+)?(?:phish|malware|ransomware|trojan|pua|c2|credential))/gi, 'detects');
  // "push every file SHA256 ... as a FileSha256 indicator": an indicator that blocks it.
  text = text.replace(/\b(?:push|submit|upload)\s+((?:every|each|all|any|the)\s+[^.;:]{1,80}?)\s+(?:as|into|to)\s+(?:an?\s+)?(?!(?:warn|warning|audit|alert|allow)\b)(?:[\w-]+\s+)?(?:indicators?|iocs?)(?:\s+in\s+(?:mde|defender))?\b/gi, 'block $1');
  // "when identity protection flags a sign in from an anonymous ip": Defender's product detects it; no VirusTotal verdict.
  text = text.replace(/\b((?:microsoft\s+)?(?:defender(?:\s+for\s+(?:endpoint|identity|office(?:\s*365)?|cloud\s+apps))?|mde|mdi|mdo|mdca|(?:entra(?:\s+id)?\s+)?identity\s+protection|entra(?:\s+id)?|smartscreen|edr))\s+flag(?:s|ged)\b(?!\s+(?:it|them|this|that|the\s+[\w-]+)\s+(?:as|with)\b)/gi, '$1 detects');
  // "totally clean", "really malicious": an intensifier narrows nothing.
  text = text.replace(/\b(?:totally|completely|entirely|100%|really|definitely|clearly)\s+(?=(?:clean|malicious|bad|benign|harmless)\b)/gi, '');
  // "the logged on user", "the signed-in user": the user of the alert.
  text = text.replace(/\b(?:currently\s+)?(?:logged[- ]?(?:on|in)|signed[- ]?in)\s+(users?|accounts?)\b/gi, '$1');
  // "finance laptops (device group Finance-Laptops)": the device group that names them.
  text = text.replace(/\b(?:[\w-]+\s+)?(?:laptops|machines|devices|hosts|boxes|endpoints|workstations|servers)\s*\(\s*(?:in\s+)?(?:the\s+)?(?:device\s+|machine\s+)group:?\s+(["']?[\w.-]+["']?)\s*\)/gi, (_m, group: string) => `devices in the ${group} device group`);
  // "... and the device isn't tagged VIP": those devices are left out.
  text = text.replace(/\s*,?\s*(?:and\s+|but\s+)?(?:if\s+|when\s+)?(?:the|its|their)\s+(?:device|machine|host|box|endpoint)s?\s+(?:is|are)\s+(?:not|never)\s+(tagged|labell?ed|in)\b/gi, (_m, how: string) => `, except the devices ${how}`);
  // "but not the ones tagged Lab", "never those in the OT group": those devices are left out.
  text = text.replace(/\b(?:(?:but\s+)?(?:not|never)|except(?:\s+for)?)\s+(?:the\s+ones|those|ones)\s+(tagged|labell?ed|in|named|running|with)\b/gi, (_m, how: string, offset: number, whole: string) => {
    // "the ones" are the nearest things named before: devices, or users, or incidents.
    const before = whole.slice(Math.max(0, offset - 100), offset);
    const nouns = [...before.matchAll(/\b(hosts?|devices?|machines?|boxes|box|endpoints?|servers?|workstations?|laptops?|users?|accounts?|incidents?|alerts?)\b/gi)];
    let last = nouns.at(-1)?.[1].toLowerCase() ?? '';
    // "isolate devices in high severity incidents, except the ones ...": a device step's ones are its devices.
    const deviceNoun = nouns.find((n) => /^(?:hosts?|devices?|machines?|boxes|box|endpoints?|servers?|workstations?|laptops?)$/i.test(n[1]));
    if (/^(?:incidents?|alerts?)$/.test(last) && deviceNoun && /\b(?:isolate|contain|scan|restrict|collect|quarantine|release)\b/i.test(before)) last = deviceNoun[1].toLowerCase();
    if (/^(?:users?|accounts?)$/.test(last)) return /^in$/i.test(how) ? 'unless they are in' : `except ${last.replace(/s?$/, 's')} ${how}`;
    const which = /^(?:users?|accounts?|incidents?|alerts?)$/.test(last) || !last ? 'those' : 'the devices';
    return `except ${which} ${how}`;
  });
  // "devices without the tag", "hosts without that tag" after one device tag was named: those tagged so are left out.
  // (With two tags named before, which one is meant is not known: the words are left to the ledger.)
  text = text.replace(/\b(devices?|machines?|hosts?|endpoints?|boxes)\s+(?:that\s+are\s+|which\s+are\s+)?(?:without\s+(?:the|that|this|my|our|their)\s+tag|not\s+tagged)\b(?!\s+(?:with|as)\b|\s+["'\u2018\u201c]|\s+(?!(?:get|gets|are|is|just|only|should|will|can|go|do|don'?t|dont|aren'?t|never|->)\b)[\w.-]*\w)/gi, (m: string, noun: string, at: number, whole: string) => {
    const named = new Set([...whole.slice(0, at).matchAll(/\btag(?:ged|s)?\b([^.;!?\n]{0,60})/gi)].flatMap((t) => {
      // ("we tagged the old kiosk boxes 'legacy-7'": the quoted name, not the word after "tagged".)
      const quoted = /["\u2018\u201c]([\w.-]+)["\u2019\u201d]|(?<!\w)'([\w.-]+)'(?!\w)/.exec(t[1]);
      const bare = /^\s+(?:(?:them|it|those|these)\s+)?(?:in\s+(?:mde|defender)\s+)?(?:with\s+|as\s+)?((?!(?:in|with|as|the|them|it|on|a|an|and|or|to|for|every|all|any|each|each|those|these|that|this)\b)[\w.-]*\w)/i.exec(t[1]);
      const name = quoted ? quoted[1] ?? quoted[2] : bare?.[1];
      return name ? [name.toLowerCase()] : [];
    }));
    return named.size === 1 ? `${noun} except those tagged ${[...named][0]}` : m;
  });
  // "devices not tagged VIP", "machines without the Lab tag": those tagged so are left out.
  text = text.replace(/\b(devices?|machines?|hosts?|endpoints?|boxes)\s+(?:that\s+are\s+|which\s+are\s+)?(?:not\s+tagged|untagged\s+with|without\s+(?:the\s+)?tag)\s+(["'\u2018\u201c]?(?!(?:get|gets|are|is|just|only|should|will|can|go|do|never)\b)[\w.-]*\w[\w.-]*["'\u2019\u201d]?)(?:\s+tag)?/gi, '$1 except those tagged $2');
  text = text.replace(/\b(devices?|machines?|hosts?|endpoints?|boxes)\s+without\s+(?:the\s+|a\s+)?(?!(?:my|our|their|his|her|this|that|the|a|an|any)\s)(["'\u2018\u201c]?[\w.-]+["'\u2019\u201d]?)\s+tag\b/gi, '$1 except those tagged $2');
  // "restrict app execution on devices not in the 'Critical Servers' device group", "disable users that are not in the VIP
  // group", "isolate devices not named srv-*": every one but those (the "not" after the noun had been passed over, and
  // the step run on the critical servers, the VIPs, the srv- devices only).
  // (Said where a step's object stands: "users not in Ops -> post" at the head of a case is that case.)
  text = text.replace(/(?<=\b(?:on|from|for|of|to|the|all|every|any|each|isolate|restrict|scan|disable|reset|revoke|block|collect|quarantine|contain|lock|release)\s+)(devices?|machines?|hosts?|endpoints?|boxes|servers?|workstations?|laptops?|computers?|pcs|users|accounts|people|employees|identities|mailboxes)\s+(?:(?:that|which|who)\s+(?:are\s+not|aren'?t|is\s+not|isn'?t|do\s+not|don'?t)|not)\s+(in|named|called|tagged|labell?ed|running|members?\s+of|part\s+of|belonging\s+to|belong\s+to)\b/gi, (_m, noun: string, prep: string) => `${noun} except those ${/^(?:members?\s+of|part\s+of|belong(?:ing)?\s+to)$/i.test(prep) ? 'in' : prep}`);
  text = text.replace(/\b(users|accounts|people|employees|identities|mailboxes)\s+except\s+those\s+in\s+(?:the\s+)?(?!["'\u2018\u201c])([\w.&-]+(?:\s+(?!group\b)[\w.&-]+)?)\s+(?:security\s+|entra\s+|user\s+)?group\b/gi, "$1 except those in the '$2' group");
  text = text.replace(/\b(devices?|machines?|hosts?|endpoints?|boxes|servers?|workstations?)\s+(?:that\s+are\s+|which\s+are\s+)?outside\s+(?:of\s+)?(?:the\s+)?(["'\u2018\u201c][^"'\u2019\u201d]{1,40}["'\u2019\u201d]|[\w.-]+)\s+(?:device\s+|machine\s+)?group\b/gi, (_m, noun: string, group: string) => `${noun} except those in the ${group} device group`);
  // "any device in the incident is tagged VIP": the device's tag, not the incident's.
  text = text.replace(/\b(devices?|machines?|hosts?|endpoints?|boxes)\s+(?:in|of|on)\s+(?:the|this)\s+(?:incident|alert)\s+(?:is|are)\s+(tagged|labell?ed)\b/gi, '$1 $2');
  // "VIP tagged device", "a device that carries the 'VIP' tag": a device tag.
  text = text.replace(/\b(?!(?:the|those|these|a|an|any|all|every|each|my|our|their|its|his|her|un)[- ]tagged)(["']?[\w.-]+["']?)[- ]tagged\s+(devices?|machines?|hosts?|boxes|endpoints?)\b/gi, '$2 tagged $1');
  text = text.replace(/\b(devices?|machines?|hosts?|boxes|endpoints?)\s+(?:in\s+the\s+incident\s+)?(?:carries|carry|has|have|bears?)\s+(?:the\s+|a\s+)?(?!(?:the|a|an)\s)(["'\u2018\u201c][\w.-]+["'\u2019\u201d]|[\w.-]+)\s+(?:device\s+|machine\s+)?tag\b/gi, '$1 tagged $2');
  // "if the machine has the tag Prod", "devices that carry the tag 'OT'": the devices' tag, said before its name (read as
  // the incident's tag, a Prod device in an untagged incident had been isolated).
  text = text.replace(/\b(incidents?|alerts?)\s+(?:that\s+|which\s+)?(?:carries|carry|carrying|bears?|bearing|having|with|(?<=(?:that|which)\s+)(?:has|have))\s+(?:the\s+|a\s+)?tag\s+(?!(?:the|a|an)\s)(["'\u2018\u201c][\w.-]+["'\u2019\u201d]|[\w.-]+)/gi, '$1 tagged $2');
  text = text.replace(/\b(the\s+|that\s+|this\s+|its\s+|their\s+)?(devices?|machines?|hosts?|boxes|endpoints?|computers?|pcs?|laptops?|servers?|workstations?)\s+(?:in\s+the\s+incident\s+)?(?:that\s+|which\s+)?(?:carries|carry|has|have|bears?|having|carrying|bearing)\s+(?:the\s+|a\s+)?(?:device\s+|machine\s+)?tag\s+(["'\u2018\u201c][\w.-]+["'\u2019\u201d]|[\w.-]+)/gi, (_m, det: string | undefined, noun: string, tag: string) => (det ? `${det}${noun} ${/(?:s|es)$/i.test(noun) && !/^(?:this|that|its)\s/i.test(det) ? 'are' : 'is'} tagged ${tag}` : `${noun} tagged ${tag}`));
  // "Only Microsoft-signed applications will be allowed to run.": what a restriction does.
  text = text.replace(/(^|[.;]\s+)only\s+microsoft[- ]signed\s+(?:applications|apps|code|binaries|programs)\s+(?:will\s+be|are|is|can\s+be)\s+(?:allowed|permitted|able)\s+to\s+(?:run|execute)[^.;]*[.;]?/gi, '$1');
  // "an investigation package collection": the package (no MITRE "Collection").
  text = text.replace(/\b(investigation\s+package)\s+collection\b/gi, '$1');
  // "After resetting the user's password, this playbook sends ...": the first step, then the next.
  text = text.replace(/(^|[.:;]\s+)(?:after|once)\s+(resetting|isolating|blocking|disabling|revoking|quarantining|collecting|scanning|tagging|assigning|closing|resolving|restricting)\s+([^,.;]+),\s+(?:this\s+playbook\s+|the\s+playbook\s+|it\s+)?/gi, (_m, lead: string, gerund: string, object: string) => `${lead}${GERUND_VERB[gerund.toLowerCase()] ?? gerund} ${object}, then `);
  // "IP addresses that VirusTotal flags as malicious (3+ engines) are blocked, and the device is isolated": the verdict
  // leads the sentence, so it governs every step said in it.
  text = text.replace(/\b((?:the\s+|any\s+|all\s+)?(?:remote\s+|external\s+)?(?:ip\s+address(?:es)?|ips?|urls?|domains?|file\s+hashes|hashes|files|iocs))\s+(?:that|which)\s+(virustotal|vt)\s+(?:flags?|rates?|reports?|marks?|calls?)\s+(?:as\s+)?(malicious|bad)(\s*\([^()]{1,40}\))?\s+(?:are|is|get|will\s+be)\s+(blocked|quarantined)\b/gi, (_m, what: string, vt: string, verdict: string, aside: string | undefined, done: string) => `if ${vt} flags ${what} as ${verdict}${aside ?? ''}, ${done.toLowerCase() === 'blocked' ? 'block' : 'quarantine'} them`);
  // "non-VIP devices": the devices without that tag.
  text = text.replace(/\bnon-(?!(?:servers?|dcs?|domain|workstations?|windows|linux|mac)\b)(["']?[\w.]+["']?)\s+(devices|machines|hosts|boxes|endpoints)\b/gi, '$2 except those tagged $1');
  // "..., except devices running X, which receive a package instead": the exception, and what it gets.
  text = text.replace(/,\s*except\s+([^,.;]{3,80}?),\s+which\s+(?:instead\s+)?(?:receive|get|are\s+given|undergo|have)\s+([^.;]+?)(?:\s+instead)?(?=[.;]|$)/gi, (_m, who: string, what: string) => `, except ${who}. For ${who}, run ${what} instead`);
  // "block its hash tenant wide": an indicator is tenant-wide anyway; no mass action.
  text = text.replace(/\b(block[^.;,]{0,60}?\b(?:hash(?:es)?|ips?|urls?|domains?|indicators?|iocs?|sha-?(?:1|256)s?)\b[^.;,]{0,30}?)\s+(?:tenant|org(?:anization)?|company|enterprise)[- ]wide\b/gi, '$1');
  // "Low and Informational incidents are ignored.", "Windows devices are not affected.": what is left out.
  text = text.replace(/(^|[.;]\s+)((?:[\w-]+\s+){0,4}(?:incidents|alerts))\s+(?:are|get|will\s+be)\s+(?:ignored|skipped|left\s+alone|not\s+(?:handled|processed|touched|affected))(?=\s*[.;]|\s*$)/gi, '$1ignore $2');
  text = text.replace(/[.;]\s+((?:[\w-]+\s+){0,3}(?:devices|machines|hosts|endpoints|servers|workstations))\s+(?:are|is|will\s+be)\s+not\s+(?:affected|touched|included|impacted|in\s+scope|handled|covered|processed)(?:\s+by\s+(?:this|the)\s+(?:playbook|automation|workflow|logic\s+app|rule))?(?=\s*[.;]|\s*$)/gi, ', except $1');
  // "the email was delivered (not blocked)": the state said twice; "not blocked" is no step.
  text = text.replace(/\b(delivered|junked|quarantined|blocked)\s*\(\s*(?:and\s+|i\.e\.?\s+|so\s+)?not\s+(?:blocked|junked|quarantined|delivered|caught)\s*\)/gi, '$1');
  // "test files (EICAR)": the EICAR test file.
  text = text.replace(/\btest\s+(files?|samples?|strings?)\s*\(\s*eicar\s*\)/gi, 'EICAR test $1');
  // "skips private (RFC 1918) addresses": those IPs are an exception.
  text = text.replace(/\bskip(?:s|ping)?\s+(?:the\s+|any\s+|all\s+)?(private|internal)\s+(?:\(\s*rfc\s*1918\s*\)\s+)?(?:ip\s+)?(?:addresses|ips|ranges)\b/gi, 'except $1 IPs');
  // "Release device after remediation": once the incident is resolved.
  text = text.replace(/\bafter\s+(?:the\s+)?(?:remediation|clean-?up)\b(?!\s+(?:is|has|of)\b)/gi, 'after incident resolution');
  // "(expire after 7 days)", "(expires in 30d)": how long the block lasts, read as "for N days".
  text = text.replace(/\s\(\s*(?:that\s+|which\s+|to\s+|and\s+|,\s*)?(?:expir(?:e|es|ing|y)|valid|lasting|keep\s+it)\s+(?:after|in|for)?\s*(\d+)\s*(days?|d|weeks?|w|months?)\s*\)/gi, (_m, n: string, unit: string) => ` for ${n} ${/^d/i.test(unit) ? 'days' : /^w/i.test(unit) ? 'weeks' : 'months'}`);
  // An indicator applies to the whole tenant anyway: "block it tenant-wide" asks for nothing more.
  text = text.replace(/\b(block(?:ed)?\s+(?:it|them|the\s+[\w-]+(?:\s+[\w-]+)?))\s+(?:tenant|org(?:anization)?|company|enterprise)[- ]wide\b/gi, '$1');
  // "the remote IP", "the destination address": the IP entity of the alert.
  text = text.replace(/\b(?:remote|destination|target|peer|contacted|attacker'?s?)\s+(ip(?:\s+address(?:es)?)?|ips|addresses)\b/gi, '$1');
  // "The new password must be changed at next sign-in": what a password reset always does, not a condition.
  text = text.replace(/(^|[.;!?]\s+)(?:the\s+)?(?:new\s+|temporary\s+)?password\s+(?:must|has\s+to|needs\s+to|will\s+(?:need\s+to|have\s+to)|should)\s+be\s+changed\s+(?:at|on|upon)\s+(?:the\s+)?(?:next|first)\s+(?:sign-?in|log-?in|logon|log\s+on)[^.;!?]*[.;!?]?/gi, '$1');
  // "(block and remediate)", "(alert and block)": the indicator's action, one word so no clause splits at its "and".
  text = text.replace(/\s\(\s*(block|alert)\s*(?:and|&|\+)\s*(remediate|block)\s*\)/gi, (_m, a: string, b: string) => ` with the ${a.charAt(0).toUpperCase()}${a.slice(1).toLowerCase()}And${b.charAt(0).toUpperCase()}${b.slice(1).toLowerCase()} action`);
  // "scan them (quick is fine)", "full iso is fine": the kind the analyst settles for is the kind asked for.
  const kindIsFine = String.raw`\(\s*(quick|full)(?:\s+(?:scan|one))?\s+(?:is|'s)\s+(?:fine|ok|okay|enough|good|sufficient)\s*\)`;
  text = text
    .replace(new RegExp(String.raw`\b((?:antivirus|av)\s+)?scan\s+(it|them|those|these|the\s+[\w-]+)\s*${kindIsFine}`, 'gi'), (_m, av: string | undefined, what: string, kind: string) => `${kind.toLowerCase()} ${av ?? ''}scan ${what}`)
    .replace(new RegExp(kindIsFine, 'gi'), (_m, kind: string) => `(a ${kind.toLowerCase()} scan)`);
  // "This playbook checks whether a new High incident is still unassigned. If it is, it assigns ...": the check is the
  // condition of what follows "if it is".
  text = text.replace(/(^|[.;!?]\s+)(?:this\s+playbook|the\s+playbook|it)\s+(?:first\s+)?(?:checks|verifies|determines|looks\s+at)\s+(?:whether|if)\s+([^.;!?]{5,160}?)\s*[.;]\s+if\s+(?:it\s+is|they\s+are|it\s+does|they\s+do|so|yes|that\s+is\s+the\s+case)\s*,\s*/gi, '$1If $2, ');
  // "when Defender find hacking tool on it (alert title have 'HackTool' or 'Mimikatz')": the brackets say what the loose
  // words mean, in a test Rampart reads; the test is the condition.
  text = text.replace(/\b(when|if|whenever)\s+(?:defender|mde|mdav|it|antivirus|av|the\s+(?:av|antivirus|edr))\s+(?:finds?|found|detects?|detected|catches|catch|caught|sees?|saw|flags?|flagged)\s+(?:an?\s+|the\s+|some\s+)?[\w-]+(?:\s+[\w-]+)?(?:\s+on\s+(?:it|them))?\s*\(\s*((?:the\s+)?(?:alert\s+|incident\s+)?(?:title|category)\s+[^()]{3,120})\)/gi, (_m, cue: string, test: string) => `${cue} the ${test.replace(/^the\s+/i, '')}`);
  // "For Medium on Windows only quick scan": a level said alone after "for" is the severity.
  text = text.replace(/(^|[.;:]\s+)(for)\s+(critical|high|medium|low|informational)\s+(?=(?:on|for|with)\s+(?!severity\b)|(?:->|=>|:)\s*)/gi, (_m, lead: string, f: string, level: string) => `${lead}${f} ${level} severity `);
  // "For Low severity never do anything, also not on mac or linux": nothing is nothing on every device; the stress goes.
  text = text.replace(/\b((?:never|don'?t|dont|do\s+not)\s+do\s+anything|do\s+nothing|nothing)\s*,\s*(?:also|and|even|not\s+even)\s+(?:not\s+)?(?:on|for)\s+(?:the\s+)?[\w-]+(?:\s+(?:or|and|\/)\s+[\w-]+)?(?:\s+(?:devices?|machines?|boxes|ones))?(?=\s*(?:[.;]|$))/gi, '$1');
  // "selective isolation, not full": the other kind said not to be meant narrows nothing.
  text = text.replace(/\b(selective(?:ly)?(?:\s+isolation)?|full(?:\s+isolation)?)\s*,?\s*(?:and\s+)?not\s+(?:a\s+)?(full|selective)(?:\s+(?:isolation|one))?\b/gi, (m, said: string, not: string) => (said.toLowerCase().startsWith(not.toLowerCase()) ? m : said));
  // "a point-of-sale device, i.e. a device in the machine group 'POS-Terminals'": the second says what the first means, in
  // words Rampart can test.
  text = text.replace(/\b(?:an?|the|any)\s+(?:[\w-]+\s+){0,3}?[\w-]+\s*,?\s*\(?\s*(?:i\.\s?e\.?|ie)\s*[,:]?\s+(?=(?:an?|the|any)\s)/gi, '');
  // "(full isolation; selective isolation is not available on Linux)", "macs dont do selective anyway": what the platform
  // offers, a fact that narrows nothing (an isolation is full unless selective is asked for).
  text = text.replace(/[;,]?\s*\b(?:selective(?:\s+isolation)?\s+(?:is\s+not|isn'?t|isnt)\s+(?:available|supported|possible|an\s+option)|(?:(?:the\s+)?(?:macs?|macos|linux|linux\s+(?:boxes|hosts|devices)|they|those|these|it)\s+)(?:do\s+not|don'?t|dont|does\s+not|doesn'?t|doesnt|cannot|can'?t|cant|won'?t|wont)\s+(?:do|support|allow|have|get)\s+selective(?:\s+isolation)?)(?:\s+(?:on|for)\s+(?:linux|macos|macs?|those|them|these|that\s+platform))?(?:\s+anyway)?(?=\s*[).;,]|\s*$)/gi, '');
  // "when the mail was not delivered at all (delivery action Blocked)": the field's value says the delivery again, and goes;
  // elsewhere it stays where it is said, as a test (moved to the sentence's end, "Blocked" had become a block of every URL).
  text = text.replace(/\s*\(\s*(?:the\s+)?(?:delivery\s*action|deliveryaction|(?:latest\s+)?delivery\s+location)\s*(?:[:=]|is)?\s*([\w ]{2,30}?)\s*\)/gi, (_m, value: string, at: number, whole: string) =>
    (/\b(?:deliver\w*|blocked|junk\w*|quarantin\w*|inbox)\b[^.;!?()]{0,30}$/i.test(whole.slice(Math.max(0, at - 60), at)) ? '' : ` where the delivery action is ${value}`));
  // "isolate the HR devices (full iso)", "isolate them (selective)": the kind of isolation of the step just said stays with
  // that step (moved to the sentence's end, it had become a step of the clause said last).
  text = text.replace(/\b(isolat\w*|contain\w*)\b([^.;!?()\n]{0,80}?)\s*\(\s*(full|selective)(?:\s+(?:isolate|isolation|one|mode))?\s*\)/gi, (_m, verb: string, between: string, kind: string) =>
    kind.toLowerCase() === 'selective' && !/selective/i.test(between) ? `selectively ${verb}${between}` : `${verb}${between}`);
  // "(isolation kills our mgmt agent on those)", "(a full scan takes the box down)": what a step does to the business,
  // said as a reason; it narrows nothing and names no step of its own.
  text = text.replace(/\s\(((?:the\s+|an?\s+)?(?:full\s+|quick\s+)?(?:isolation|isolating|containment|quarantine|restriction|scanning|scans?|blocking)\s+(?:kills|breaks|bricks|disconnects|drops|knocks\s+out|takes\s+(?:down|out)|messes\s+(?:up|with)|interferes\s+with|crashes|causes|hurts|upsets|would|will|does\s+not|doesn'?t|doesnt|cannot|can'?t|cant)\b[^()]{0,80})\)/gi, ' because $1');
  // "(MDE for mac isolation is flaky for us)": a remark on how things go, said as a reason, narrows nothing.
  text = text.replace(/\s\(([^()]{3,100})\)/g, (m: string, aside: string) =>
    /\b(?:is|are|was|were|keeps?\s+being|tends?\s+to\s+be|has\s+been|have\s+been|gets?)\b/i.test(aside) &&
    /\b(?:for\s+us|for\s+me|lately|these\s+days|tbh|imo|imho|fyi|as\s+usual|historically|known\s+issue|flaky|unreliable|buggy|broken|finicky|annoying|painful)\b/i.test(aside) &&
    !/\d|\b(?:only|if|when|unless|except|not|never|but|all|every|any)\b/i.test(aside)
      ? ` because ${aside}`
      : m);
  text = text.replace(/\s\(([^()]{1,80})\)/g, (m: string, aside: string) => (/\d|\b(?:engines?|detections?|vt|virustotal|only|except|unless|not|if|when|severity|high|medium|low)\b|\bblock\s*(?:and|&|\+)\s*remediate\b|\balert\s*(?:and|&|\+)\s*block\b|\b(?:alert|audit|warn)(?:\s+only)?$|\b(?:prefix(?:ed)?|suffix|starting|beginning|ending|named)\b|[a-z0-9][-_]\s*$|[a-z0-9][-_]\s|\*/i.test(aside) ? ` ${aside}` : m));
  // "but NOT if it's in the Servers group": an exception, as "unless" says it.
  text = text.replace(/\b(?:but\s+)?not\s+if\b/gi, 'unless');
  for (let pass = 0; pass < 3 && /\s\([^()]{1,80}\)/.test(text); pass++) {
    // The sentence ends at punctuation followed by a space or the end, not inside "contoso.com".
    // It goes before an exception or a test said later in the sentence: at the end, "(category X)" had joined the
    // "unless" clause and been negated with it.
    text = text.replace(/\s\(([^()]{1,80})\)((?:[^.;!?\n]|[.;!?](?=\S))*)/, (_m, aside: string, after: string) => {
      const cue = /\s*[,;]\s*(?=(?:unless|except|but|otherwise|if|when|only)\b)/i.exec(after);
      return cue ? `${after.slice(0, cue.index)}, ${aside}${after.slice(cue.index)}` : `${after.replace(/\s+$/, '')}, ${aside}`;
    });
  }
  text = text.replace(/,\s*([,.;:!?])/g, '$1').replace(/,$/, '');
  // Attack techniques named in words are one term each ("pass the hash" -> "pass-the-hash").
  text = text.replace(/\b(pass)\s+the\s+(hash|ticket)\b|\b(brute)\s+(force)\b|\b(password)\s+(spray(?:ing)?)\b|\b(golden|silver)\s+(ticket)\b/gi, (m) => m.replace(/\s+/g, '-'));
  // "AV scan anything sev medium or above - full scan for highs": a dash between words introduces the detail.
  // (Not inside a quoted name: "'Woodgrove - Branch ATMs'" is a group.)
  // ("do not isolate the device - builds must go on": a comment after the dash is why, not the detail.)
  text = text.replace(/"[^"\n]*"|(?<!\w)'[^'\s][^'\n]*'(?!\w)|([a-z])\s+-\s+(?=[a-z])/gi, (m: string, letter: string | undefined, at: number, whole: string) => (letter ? (opensWithCommentary(whole.slice(at + m.length)) ? `${letter}, ` : `${letter}: `) : m));
  // "for highs", "the mediums": severities used as nouns.
  text = text.replace(/\b(critical|high|medium|low)s\b/gi, '$1 severity ones');
  // "full scan for highs, quick for mediums": the noun the second half leaves out.
  text = text.replace(/\b((?:quick|full|deep)\s+(?:antivirus\s+|av\s+)?scan\b[^.;]*?,\s*(?:and\s+)?)(quick|full|deep)\s+(?=for\b|on\b)/gi, '$1$2 scan ');
  // "Isolate ... . Except macOS hosts, run a full scan on those instead": an exception of the sentence before, and a branch for it.
  // ". EXCEPT bg-* accts, never touch those": the exception, said twice.
  text = text.replace(/\.\s+except\s+(?:for\s+)?([^,.;]{3,60}?),\s+(?:(?:we|they|i|you)\s+)?(?:never|don'?t|dont|do\s+not)\s+(?:ever\s+)?(?:touch|act\s+on)\s+(?:those|them|these|it)\b/gi, ', except $1');
  text = text.replace(/\.\s+except\s+(?:for\s+)?([^,.;]{3,60}?),\s+(?=[a-z])/gi, (_m, what: string) => `, except ${what}. For ${what}, `);
  // "If the machine is in group X, just block the hash and email Y rather than isolating it": in that case the step named
  // is not taken (read as "instead" alone, the isolation still ran there).
  const replacedBase: Record<string, string> = { isolat: 'isolate', block: 'block', disabl: 'disable', quarantin: 'quarantine', contain: 'contain', restrict: 'restrict', reset: 'reset', revok: 'revoke', scann: 'scan', clos: 'close', resolv: 'resolve' };
  text = text.replace(/(^|[.;!?]\s+)((?:if|when)\s+(?:[^,.;!?]|\.(?=\w)){3,120},\s*)(?:just\s+|only\s+)?((?:[^.;!?]|\.(?=\w))*?)\s*,?\s+(?:instead\s+of|rather\s+than)\s+(?:just\s+)?(isolat|block|disabl|quarantin|contain|restrict|reset|revok|scann|clos|resolv)ing(?:\s+(?:it|them|the\s+[\w-]+|those|these))?\b/gi, (_m, lead: string, cased: string, steps: string, verb: string) => `${lead}${cased}dont ${replacedBase[verb.toLowerCase()]}, just ${steps}`);
  // "instead of isolating (them)": says which step this replaces, not a step of its own.
  text = text.replace(/,?\s+(?:instead\s+of|rather\s+than)\s+(?:just\s+)?[a-z]+ing(?:\s+(?:it|them|the\s+[\w-]+|those|these))?\b/gi, ' instead');
  // "VT bands for file hashes, all tenants:": for every customer of an MSSP, which in one tenant is every incident.
  text = text.replace(/\s*,?\s*\b(?:for\s+|across\s+)?(?:all|every|each)\s+(?:(?:our|the)\s+)?(?:tenants|clients|customers)\b(?=\s*[:,.;-])/gi, '');
  // "When it is done, it adds a comment", "once the playbook finishes, it posts ...": what comes after the steps, no case.
  // Only opening a sentence ("ping me once it is finished" keeps its words), and joined to the sentence before: the step
  // after it is for the same incidents.
  text = text.replace(/[.;!?]\s+(?:when|once|after)\s+(?:it|the\s+playbook|this\s+playbook|that|this)\s+(?:is\s+(?:done|finished|complete)|(?:has\s+)?(?:finish(?:es|ed)?|complete[sd]?|end(?:s|ed)?))\s*,\s*/gi, ', then ');
  // "Prerequisites: an app registration with ...", "Permissions: ...": what the playbook needs to run, no step and no case.
  // ("Requirement: user accounts named in ... shall be disabled": a control's rule, which says a step; it had gone without a
  // word, and the exception after it with it.)
  text = text.replace(/(^|[.!?]\s+|\n)\s*(?:[-*]\s*)?(?:\*\*)?(prerequisites?|requirements?|required\s+permissions?|api\s+permissions?|permissions?|author|version|last\s+updated)(?:\*\*)?\s*:(.*?)(?:\.(?=\s|$)|$)/gim, (m: string, lead: string, label: string, said: string) =>
    (/^requirements?$/i.test(label) && NOTE_STEP_WORD.test(said.replace(/\b[A-Z]\w+(?:\.[A-Z]\w+)+\b/g, ' ')) ? `${lead}${said.trim()}${m.trimEnd().endsWith('.') ? '.' : ''}` : lead));
  // "revokes every sign-in session of the mailbox owner": the user's sessions.
  text = text.replace(/\b(?:every|each|all(?:\s+the)?|any)\s+(?:active\s+)?(sign-?in\s+sessions?|sessions?)\s+of\s+/gi, 'the sessions of ');
  // "EXCEPT never block anything on a client domain": the exception is the rule-out that follows.
  text = text.replace(/\bexcept\s*[,:]?\s+(?=(?:never|do\s+not|don'?t|dont)\b)/gi, '');
  // "any other alert type ignore": the other side of the kinds of alert named, which gets nothing.
  text = text.replace(/\b(?:any|all|every)\s+other\s+(?:alert|incident|detection)\s*(?:types?|kinds?|categories)\s*(?:,|:|-|->)?\s*(?:just\s+)?(?:ignore(?:\s+(?:it|them))?|skip(?:\s+(?:it|them))?|nothing|do\s+nothing|leave\s+(?:it|them)(?:\s+alone)?)\b/gi, 'otherwise, do nothing');
  // "if the acct in the alert starts w/ svc-": the account's name, wherever the account was seen.
  text = text.replace(/\b(the\s+)?(account|user|upn|username)\s+(?:in|of|on|from)\s+(?:the\s+|this\s+|that\s+)?(?:alert|incident)\s+(?=(?:starts?|begins?|ends?|is\s+named|matches)\b)/gi, (_m, the: string | undefined, who: string) => `${the ?? ''}${who} `);
  // "on VIP tagged incidents", "for 'pentest'-tagged alerts": the incidents or alerts with that tag.
  text = text.replace(/\b(?:the\s+|any\s+|all\s+)?["'\u2018\u201c]?([\w.-]+?)["'\u2019\u201d]?[- ]tagged\s+(incidents?|alerts?)\b/gi, (_m, tag: string, what: string) => `${what} tagged ${tag}`);
  // "0 -> nothing, not even teams": nothing, said twice.
  text = text.replace(/\b(nothing|do\s+nothing|no\s+action)\s*,?\s*(?:not\s+even|no)\s+(?:a\s+|an\s+)?(?:teams(?:\s+(?:msg|message|post|ping))?|comments?|e-?mails?|mails?|pings?|notifications?|posts?|messages?)\b/gi, '$1');
  // "-> indicator w/ action Alert only (no block)": an indicator is added, one that alerts and does not block.
  text = text.replace(/(\s->\s*|^|[;:]\s*)(?:an?\s+)?(?:(?:mde|defender)\s+)?(?:custom\s+)?indicator\b(?=\s+(?:with|w\/|as|for|of|using)\b)/gim, '$1add an indicator');
  // "high -> full iso + disable / med -> selective iso / low -> scan": a slash after an arrow's step, before another arrow,
  // ends that case ("windows / mac -> scan", with no arrow before it, lists two).
  for (let before = ''; before !== text; ) {
    before = text;
    text = text.replace(/(\s->\s[^/;.\n]*?)\s+\/\s+(?=[^/;.\n]*?\s->\s)/, '$1; ');
  }
  text = otherSideOfGroup(readArrows(levelBandsWithoutArrows(bandsWithoutArrows(numberWords(text)))));
  text = numberWords(text);
  text = exclusionSentences(text);
  // A playbook's name as a title ("Block-MDEFileHash: ...", "Revoke-RiskyUserSessions - ..."): not part of the request.
  text = text.replace(/(^|[.!?]\s+)[A-Z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)+(?:\s+(?:response|playbook|automation|workflow|remediation|containment))?\s*(?::|\s-\s)\s*/g, '$1');
  text = text.replace(
    /\b(?:this|the)\s+(?:playbook|automation|logic\s+app|workflow|rule)\s+(?:(?:is|gets|will\s+be|should\s+be)\s+(?:triggered|run|executed|invoked|started|fired|used)|runs|fires|applies|works|operates|acts|kicks\s+in)\s+(on|by|for|when|whenever|if)\s+/gi,
    (_m: string, cue: string) => (/^(?:when|whenever|if)$/i.test(cue) ? `${cue.charAt(0).toUpperCase()}${cue.slice(1).toLowerCase()} ` : 'For '),
  );
  // "Runs whenever an incident is created: ...": when the playbook runs is its trigger.
  text = text.replace(/(^|[.;!?]\s+)(?:it\s+)?(?:runs|fires|triggers|executes|kicks\s+in)\s+(whenever|when|if|once|on|for)\b/gi, (_m, lead: string, cue: string) => `${lead}${cue.charAt(0).toUpperCase()}${cue.slice(1).toLowerCase()}`);
  // "Using the risk score of each device: devices rated High are isolated": rated by that score.
  if (/\brisk\b/i.test(text)) text = text.replace(/\b(devices?|machines?|hosts?|endpoints?|box(?:es)?)\s+(?:rated|scored|with\s+a\s+rating\s+of)\s+(high|medium|low)\b(?!\s+risk)/gi, (_m, what: string, level: string) => `${what} with a ${level.toLowerCase()} risk score`);
  // "Based on the risk score of each device: ...", "... and handled according to its detection count:": what the cases
  // after the colon go by, which each of them names itself.
  const GOES_BY = '(?:the\\s+|its\\s+|their\\s+)?(?:[\\w\'-]+\\s+){0,5}?(?:risk\\s+(?:score|level|rating)s?|(?:detection|engine|malicious(?:\\s+detection)?)\\s+counts?|verdicts?|severity|severities|exposure\\s+level)(?:\\s+(?:of|for|on)\\s+(?:each|every|the)\\s+[\\w-]+(?:\\s+in\\s+the\\s+incident)?)?\\s*:\\s*';
  text = text
    .replace(new RegExp(`(^|[.;]\\s+)(?:(?:we\\s+|it\\s+)?(?:go|goes|going)\\s+by|using|based\\s+on|according\\s+to|depending\\s+on|driven\\s+by|by)\\s+${GOES_BY}`, 'gi'), '$1')
    .replace(new RegExp(`,?\\s+(?:and\\s+)?(?:is\\s+|are\\s+|gets?\\s+)?(?:then\\s+)?(?:handled|treated|processed|triaged|actioned|acts?)\\s+(?:according\\s+to|based\\s+on|depending\\s+on|by)\\s+${GOES_BY}`, 'gi'), '. ');
  // "This playbook reviews each device in the incident." left alone once its "and acts according to ..." went: reading.
  text = text.replace(/(^|[.;]\s+)(?:this|the)\s+playbook\s+(?:reviews|inspects|examines|goes\s+over|looks\s+at|evaluates|checks)\s+(?:each|every|all(?:\s+the)?)\s+(?:devices?|machines?|hosts?|endpoints?)\s+(?:in|of|associated\s+with|involved\s+in|attached\s+to)\s+(?:the|an?)\s+(?:(?:microsoft\s+)?defender\s+xdr\s+)?incident\s*[.;]\s*/gi, '$1');
  // "is placed into network isolation", "gets put in selective isolation": isolated, that way.
  text = text.replace(/\b(is|are|gets?|will\s+be)\s+(?:then\s+|also\s+|immediately\s+|automatically\s+)?(?:placed|put)\s+(?:in|into|under)\s+(?:(full|selective)\s+)?(?:network\s+)?isolation\b/gi, (_m, be: string, kind?: string) => `${be} ${kind && /^selective$/i.test(kind) ? 'selectively ' : ''}isolated`);
  // "selective isolation for hosts tagged kiosk, full isolation for everything else": every other device, in a sentence that
  // just named devices that way.
  text = text.replace(/(\bfor\s+(?:the\s+|any\s+|all\s+)?(?:machines?|hosts?|devices?|box(?:es)?|endpoints?)\s+[^.;]{2,80}?,\s*(?:and\s+)?[^.;,]{2,60}?\bfor\s+)(?:everything\s+else|anything\s+else|all\s+(?:the\s+)?others|the\s+rest|every\s+other\s+one|all\s+other\s+ones)\b/gi, '$1all other devices');
  // "high sev incidents get tag p1, medium ones get tag p2": a tag per severity, each its own case.
  text = text.replace(/(^|[.;:,]\s*)(?:and\s+)?(?:every\s+|each\s+|all\s+|any\s+)?(critical|high|medium|low|informational|info)(?:\s+(?:severity|sev))?(?:\s+(?:ones|incidents?|alerts?|cases?))?\s+(?:gets?|get|receive|receives|should\s+get)\s+(?:the\s+|a\s+)?(?:tag|label)(?:ged|led)?\s+/gi, (_m, lead: string, level: string) => `${/^,/.test(lead) ? '; ' : lead}for ${level.toLowerCase()} severity incidents, tag them `);
  // "for incidents tagged 'VIP' I want that no device is isolated": what the writer wants is what follows.
  // ("Isolate not, we need the remote access for the forensic": what they need, a reason, is no step and stays as said.)
  text = text.replace(/,?\s*\b(?:i|we)\s+(?:want|would\s+like|need|expect)\s+(?:that\s+|it\s+so\s+that\s+)?(?=(?:no|none|nothing)\b|(?:the|all|every|each|any)\b[^.;,]*?\b(?:is|are|gets?|get|be)\s+(?:\w+ed|\w+en)\b)/gi, ', ');
  // "in a Temp or Downloads folder", "in a temp folder or the downloads folder": each folder with its own "in".
  {
    const FW = '(?:temp|tmp|downloads?|appdata|programdata|public|startup|desktop|documents)';
    const DIR = '(?:folders?|director(?:y|ies)|dirs?)';
    text = text
      .replace(new RegExp(`\\b(${FW})\\s+(?:or|and|\\/|,)\\s+(?:the\\s+|an?\\s+|their\\s+)?(${FW})\\s+(${DIR})\\b`, 'gi'), '$1 $3 or in the $2 $3')
      .replace(new RegExp(`\\b(${FW})\\s+(${DIR})\\s*(?:,\\s*)?(or|and)\\s+(?:the\\s+|an?\\s+|their\\s+)?(?=${FW}\\s+${DIR}\\b)`, 'gi'), '$1 $2 $3 in the ');
  }
  // "except the service account svc-sql": that account by its name (a name looks like one: a digit, a dash, a dot, an @).
  text = text.replace(/\b(except|excluding|but\s+not|other\s+than|apart\s+from)\s+(?:for\s+)?(?:the\s+)?(?:(?:service|admin|shared|break[- ]glass|user|system)\s+)?(?:account|acct|user|identity)\s+((?=[\w.@-]*[\d_.@-])[a-z][\w.-]*(?:@[\w-]+(?:\.[\w-]+)+)?)(?=[\s,.;]|$)/gi, (_m, cue: string, name: string) => `${/^(?:other|apart)/i.test(cue) ? 'except' : cue} accounts named ${name.replace(/\.$/, '')}`);
  // "disable it, provided the user is in X", "as long as": a condition.
  text = text.replace(/,?\s+(?:provided|providing|as\s+long\s+as)(?:\s+that)?\s+(?=(?:the|it|its|it'?s|they|their|he|she)\b)/gi, ' if ');
  // "disable the incident user's account", "the alert's users": the users of the incident or the alert.
  text = text.replace(/\bthe\s+(incident|alert)(?:'s)?\s+((?:users?|accounts?|accts?|devices?|hosts?|machines?|boxes|endpoints?)(?:'s?\s+(?:account|acct|password|pw|sessions?))?)(?=[\s,.;]|$)/gi, (_m, where: string, what: string) => `the ${what} in the ${where.toLowerCase()}`);
  // "medium or lower", "medium and below": those severities, listed (a device's risk band is read as such elsewhere).
  text = text.replace(/(?<!\brisk(?:\s+(?:score|level))?(?:\s+is)?\s)\b(high|medium|low)(\s+(?:severity|sev))?\s+(?:or|and)\s+(?:lower|below|less|under)\b(?!\s+risk)/gi, (_m, level: string, noun: string | undefined) => {
    const below = ['high', 'medium', 'low', 'informational'];
    const list = below.slice(below.indexOf(level.toLowerCase()));
    return `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}${noun ?? ''}`;
  });
  // "medium or above from MDE: ...": incidents of that severity from that product.
  text = text.replace(/\b(critical|high|medium|low|informational|info)(\s+(?:or\s+(?:above|higher|worse|more)|and\s+(?:above|up))|\s*\+)?\s+(from|raised\s+by|out\s+of)\s+(?=(?:the\s+)?(?:mde|mdo|mdi|mdca|mcas|defender|microsoft|entra|identity|aad|azure|office|endpoint)\b)/gi, '$1$2 incidents $3 ');
  // "(name starts srv-)", "server name begins with db": named so.
  text = text.replace(/\b(?:(?:its|the|whose|their)\s+)?(?:host\s*|device\s*|machine\s*|computer\s*)?name\s+(?:starts?|begins?)\s+(?:with\s+)?["']?([a-z0-9][\w.-]*?)["']?\*?(?=[\s,.;)]|$)/gi, (_m, prefix: string) => `named ${prefix}*`);
  // "device risk medium or low": that level or lower; "high or medium": that level or higher.
  text = text.replace(/\b(risk(?:\s+(?:score|level))?\s+(?:is\s+)?)(medium|low)\s*(?:or|\/)\s*(?:low|none|informational|no\s+risk)\b/gi, '$1$2 or lower')
    .replace(/\b(risk(?:\s+(?:score|level))?\s+(?:is\s+)?)high\s*(?:or|\/)\s*medium\b/gi, '$1medium or higher');
  // "NEVER isolate X whatever happens": said with weight, no condition.
  text = text.replace(/,?\s*\b(?:whatever\s+happens|no\s+matter\s+what|under\s+any\s+circumstances?|in\s+any\s+case)\b/gi, '');
  // "from THAT device only, not the other devices on the incident": what "only" already leaves out.
  text = text.replace(/(\bonly\b[^.;]{0,80}?),?\s*(?:and\s+|but\s+)?not\s+(?:on\s+|from\s+)?(?:the\s+|any\s+)?(?:other|remaining)\s+(?:devices|machines|hosts|boxes|endpoints|users|accounts)(?:\s+(?:on|in|of)\s+the\s+(?:incident|alert))?(?=\s*(?:[.;,]|$))/gi, '$1');
  // "applies the Defender for Endpoint 'Restrict app execution' action to the machine": that action, by its name.
  text = text.replace(/\b(?:applies|apply|applying|runs?|running|triggers?|triggering|performs?|performing|executes?|executing|invokes?|invoking|initiates?|initiating|takes?|taking)\s+(?:the\s+)?(?:(?:microsoft\s+)?defender(?:\s+for\s+endpoint)?\s+|mde\s+)?["'\u2018\u201c]?(restrict\s+app(?:lication)?\s+execution|isolate\s+device|collect\s+investigation\s+package|run\s+antivirus\s+scan|stop\s+and\s+quarantine\s+file)["'\u2019\u201d]?\s+(?:response\s+)?action\s+(?:to|on|against|for)\s+/gi, (_m, action: string) => `${action.toLowerCase()} on `);
  // "Otherwise the incident stays open and the playbook posts ...": nothing is done to it but what follows.
  text = text.replace(/\b(otherwise|else)\s*,?\s+the\s+(?:incident|case)\s+(?:stays|remains|is\s+left|is\s+kept)\s+(?:open|active|as\s+is|untouched)\s*(?:,\s*)?and\s+/gi, '$1, ');
  // "For each file entity tied to a device, ...": which entities the steps go over, which they do anyway.
  text = text.replace(/(^|[.:;]\s+)(?:for|on)\s+(?:each|every|all(?:\s+the)?)\s+(?:file|ip(?:\s+address)?|url|domain|user|account|hash)\s+entit(?:y|ies)(?:\s+(?:tied|linked|associated|attached|related|bound)\s+(?:to|with)\s+(?:a|an|the|its)\s+(?:device|machine|host|alert|incident))?\s*,\s*/gi, '$1');
  // (A rule said in the passive, "Devices in X shall not be isolated; ... on them instead", is read per kind once it is
  // active: perKindSteps runs again after doubleNegations, below.)
  text = onlyRestated(passiveClauses(text));
  // "Linux: scan only, we don't quarantine on Linux": what the team never does, said after a step, is a rule of its own.
  // (Not after a condition: "If it is between 5 and 15, we don't block: we create the indicator in alert mode" is that case.)
  text = text.replace(new RegExp(`([a-z0-9)'"])\\s*,\\s+(?:we|i)\\s+(?:don'?t|dont|do\\s+not|never)\\s+(?:ever\\s+)?(?=(?:${ACTION_VERB})\\b)`, 'gi'), (m: string, end: string, offset: number, whole: string) =>
    /^\s*(?:if|when|whenever|unless|once|where|in\s+case)\b/i.test(whole.slice(0, offset).split(/[.;:!?\n]/).pop() ?? '') ? m : `${end}. never `);
  // "for incidents tagged VIP, never isolate the device (automatically)": no isolation on those incidents.
  text = text.replace(/(^|[.;]\s+)(for\s+(?:the\s+|any\s+|all\s+)?(?:[\w'-]+\s+){0,3}?(?:incidents?|alerts?|cases?)\b[^.;,]{0,60}?)\s*,\s*(?:never|dont|don'?t|do\s+not)\s+(isolate|disable|reset|revoke|block|restrict|quarantine|contain)\b(?:\s+(?:it|them|any\s+[\w-]+|the\s+[\w-]+|[\w-]+))?(?:\s+automatically)?\s*(?=[.;,]|$)/gi, (_m, lead: string, cond: string, verb: string) => `${lead}dont ${verb} ${cond.replace(/^for\s+/i, 'on ')}`);
  text = gappedVerbs(text);
  text = elidedObjects(text);
  text = numberWords(text);
  // "users in the ICU-Clinicians group, revoke their sessions ... instead": a branch for those users, said without "for".
  text = text.replace(/(^|[.;!?]\s+|,\s+)(users\s+in\s+the\s+\S+(?:\s+\S+){0,3}?\s+group)\s*,\s+(?=[a-z])/gi, '$1for $2, ');
  // "..., users in the 'Break Glass Accounts' group get nothing automated just a teams ping": another branch, what they get.
  text = text.replace(/,\s+(users\s+in\s+the\s+\S+(?:\s+\S+){0,3}?\s+group)\s+gets?\s+nothing(?:\s+(?:automated|automatic|else))?\s*,?\s+(?=(?:just|only)\s)/gi, '. for $1, ');
  text = baseForms(text);
  text = kindClauses(text);
  text = deviceExclusions(text);
  text = isolationTypeLine(text);
  text = headerScope(text);
  text = iocTypesLeftOut(text);
  // "isolate it. NOT the servers/DCs", "block it. except internal IPs": an exception said as a sentence of its own.
  text = text.replace(/([a-z0-9)"'])[.;]\s+(?:but\s+)?(?:not|except(?:\s+for)?|excluding)\s+(?=(?:the\s+|any\s+|our\s+)?(?:internal|private|servers?|workstations?|dcs?|domain\s+controllers?|laptops?|linux|mac|macs|windows)\b[^.;]{0,60}(?:[.;]|$))/gi, '$1, except ');
  // "Devices running a Windows Server operating system": Windows Server devices.
  text = text.replace(/\b(?:devices?|machines?|hosts?|endpoints?|computers?)\s+(?:running|that\s+run|on)\s+(?:an?\s+|the\s+)?windows\s+server(?:\s+(?:operating\s+system|os))?\b/gi, 'Windows Server devices');
  // "For users outside that group, only add a comment", "for incidents from any other source": the other branch.
  text = text.replace(/(^|[.;]\s+)for\s+(?:all\s+)?(?:other\s+)?(?:users?|accounts?|identities|devices?|machines?|hosts?)\s+(?:outside|not\s+in)\s+(?:that|this|the|those|these)\s+groups?\s*,?\s*/gi, '$1otherwise, ')
    .replace(/(^|[.;]\s+)for\s+(?:all\s+)?(?:incidents?|alerts?)\s+from\s+(?:any\s+)?other\s+(?:sources?|products?|services?)\s*(?=,|\s+(?:that|which|with)\b)/gi, '$1otherwise from any other source, for the incidents');
  // "Accounts that are members of the 'X' group are excluded from both actions": the steps before skip them.
  text = text.replace(/[.;]\s+(?:the\s+)?(?:accounts?|users?|identities)\s+(?:that|who|which|if\s+they)\s+(?:are|is)\s+(?:a\s+)?members?\s+of\s+(?:the\s+)?((?:'[^']+'|"[^"]+"|[\w&.-]+(?:\s+[\w&.-]+){0,3}?))\s+group\s+(?:are|is)\s+(?:excluded|exempt(?:ed)?|skipped|left\s+out|spared)(?:\s+from\s+(?:both|these|those|all|the|this|each)(?:\s+of\s+the)?\s*(?:actions?|steps?|automation|playbook|of\s+them)?)?/gi, (_m, group: string) => `, unless the user is in the ${group} group`);
  // "Incidents that already have an owner are left unchanged": those are left alone.
  text = text.replace(/(^|[.;]\s+)((?:the\s+|any\s+)?(?:incidents?|alerts?|devices?|machines?|hosts?|users?|accounts?)\s+(?:that|which|who)\s+[^.;,]{3,60}?)\s+(?:are|is)\s+left\s+(?:unchanged|untouched|alone|as\s+(?:is|they\s+are))(?=\s*(?:[.;]|$))/gi, '$1leave $2 alone')
    .replace(/\b(?:and\s+)?take\s+no\s+(device|machine|host|account|user|identity)\s+actions?\b/gi, 'no $1 actions');
  // "each device named in the alert": the alert's devices, not a device name.
  text = text.replace(/\b(?:each|every|all|any|the)\s+(?:of\s+the\s+)?(device|machine|host|endpoint|user|account)s?\s+(?:named|listed|mentioned|referenced|identified|shown|found)\s+(?:in|by|on)\s+(?:the|that|this|each)\s+(alert|incident)s?\b/gi, (_m, what: string, where: string) => `the ${what.toLowerCase()}s of the ${where.toLowerCase()}`);
  // "when an incident's alerts concern only the EICAR test file": what they are about, which the alerts' own words say.
  text = text.replace(/\b(alerts?|incidents?|detections?)\s+(?:concerns?|relates?\s+to|are\s+about|is\s+about|pertains?\s+to)\s+/gi, '$1 involve ');
  // "The playbook inspects every device in the incident: ...": it goes over them, which each step does anyway.
  text = text.replace(/(^|[.;]\s+)(?:the\s+playbook|it)\s+(?:inspects|examines|evaluates|reviews|goes\s+through|looks\s+at|iterates\s+(?:over|through)|enumerates|walks\s+through)\s+(?:every|each|all(?:\s+the)?)\s+(?:devices?|machines?|hosts?|endpoints?)(?:\s+(?:in|of)\s+the\s+incident)?\s*[:,]\s*/gi, '$1');
  // "devices whose risk score is High have application execution restricted", "... receive a quick antivirus scan".
  text = text.replace(/(^|[.;:,]\s+(?:and\s+)?)((?:the\s+)?(?:devices?|machines?|hosts?|endpoints?)\s+(?:whose|that|which|with|where)\s[^.;,]{3,80}?)\s+(?:have|has|get|gets)\s+(?:their\s+|its\s+)?(?:app(?:lication)?|code)\s+execution\s+restricted\b/gi, '$1restrict app execution on $2')
    .replace(/(^|[.;:,]\s+(?:and\s+)?)((?:the\s+)?(?:devices?|machines?|hosts?|endpoints?)\s+(?:whose|that|which|with|where)\s[^.;,]{3,80}?)\s+(?:receive|receives|get|gets|are\s+given|undergo|undergoes)\s+(an?\s+(?:quick|full)\s+(?:antivirus\s+|av\s+)?scan)\b(\s+and\s+(?:an?\s+investigation\s+package(?:\s+collection)?|collect\s+an?\s+investigation\s+package)\b)?/gi, (_m, lead: string, who: string, scan: string, pkg?: string) => (pkg ? `${lead}for ${who}, run ${scan} and collect an investigation package` : `${lead}run ${scan} on ${who}`));
  // "send the recipient a security awareness email": mail the recipient.
  text = text.replace(/\bsend\s+((?:the|each|every|that|this|those|these|all(?:\s+the)?|affected|impacted|targeted)\s+(?:affected\s+|impacted\s+|targeted\s+)?(?:recipients?|users?|employees?|persons?|people|victims?|mailbox\s+owners?))\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?:e-?mail|mail|message|notice|note|warning|heads-?up)\b/gi, 'email $1');
  // "On each affected machine it starts a scan", "For each email attachment in the incident, ...": which things the
  // steps go over, which they do anyway (the devices or files of the alerts); no narrowing.
  text = text.replace(new RegExp(`(^|[.:;]\\s+)(?:on|for|from)\\s+(?:each|every|all(?:\\s+of)?(?:\\s+the)?)\\s+(?:affected\\s+|impacted\\s+|involved\\s+|compromised\\s+)?(?:machines?|devices?|hosts?|endpoints?|box(?:es)?|computers?|(?:e-?mail\\s+)?attachments?)(?:\\s+(?:in|of|on)\\s+the\\s+(?:incident|alert))?\\s*,?\\s*(?:it\\s+|the\\s+playbook\\s+)?(?=(?:${ACTION_VERB}|start|initiate|perform|the\\s+sha)\\b)`, 'gi'), '$1');
  // "submits the addresses to Defender as custom indicators", "private ranges are never submitted": a block.
  text = text.replace(/\bsubmit(?:s|ted)?\s+(?!to\b)([^.;]{1,100}?)\s+(?:to\s+(?:microsoft\s+)?defender(?:\s+for\s+endpoint)?\s+)?as\s+(?:custom\s+)?(?:ioc|indicator)s?\b/gi, 'add $1 to the custom indicators')
    .replace(/\b(never|not|do\s+not|don'?t)\s+submit\b/gi, '$1 block');
  // "if under 5, ignore": the other side of a threshold, left alone.
  // "leave it for a human", "leave them to the analysts": nothing is done.
  text = text.replace(/\bleave\s+(it|them)\s+(?:for|to)\s+(?:a\s+|an\s+|the\s+)?(?:humans?|analysts?|us|someone|soc|team|manual\s+review|tier\s?\d|l\d|on-?call)\b/gi, 'leave $1');
  // "5+ -> isolate. 0 -> close. anything in between leave it": the band between the thresholds gets no step, which the
  // steps gated on those thresholds already say.
  if ((text.match(/\d+\s*(?:\+|or\s+more|-\d+)|(?<![\d.])0(?![\d.])/gi) ?? []).length >= 2 && /\b(?:virustotal|engines?|detections?)\b/i.test(text)) {
    text = text.replace(/(^|[.;,]\s*)(?:and\s+)?(?:anything|everything|whatever|any(?:thing)?\s+(?:score|count|result))\s+(?:else\s+)?(?:in[- ]between|in\s+the\s+middle|between\s+(?:those|them|the\s+two))\s*[,:]?\s*(?:->\s*)?(?:just\s+)?(?:leave\s+(?:it|them)(?:\s+alone)?|do\s+nothing|nothing|no\s+action|ignore(?:\s+(?:it|them))?|skip(?:\s+(?:it|them))?)\s*(?=[.;]|$)/gi, '$1');
  }
  text = text.replace(/(^|[.;,]\s*)(?:if\s+)?(?:it'?s\s+|its\s+|vt\s+is\s+|virustotal\s+is\s+)?(?:under|below|less\s+than|fewer\s+than|<)\s*(\d+)(?:\s*(?:engines?|detections?|hits?))?\s*[,:]?\s*(?:->\s*)?(?:just\s+)?(?:ignore(?:\s+(?:it|them))?|skip(?:\s+(?:it|them))?|nothing|do\s+nothing|no\s+action|leave\s+(?:it|them)(?:\s+alone)?)(?=\s*(?:[.;,]|$))/gi, (m, lead: string, n: string) => (/\b(?:virustotal|engines?|detections?)\b/i.test(text) ? `${lead}if VirusTotal is under ${n}, do nothing` : m));
  // "except break glass accts (bg-*)": accounts a name pattern says which.
  text = text.replace(/\b(except|excluding|but\s+not|unless|skip|not)\s+(?:the\s+|any\s+|our\s+)?(?:[a-z][\w-]*\s+){1,3}?(accounts?|accts?|users?|admins?|identities)\s+([a-z][\w.-]*\*|\*[\w.-]+)/gi, (_m, cue: string, _noun: string, pattern: string) => `${cue} accounts named ${pattern}`);
  // "email whoever it was sent to (the recipient) and tell em not to click anything": mail the recipient; what it says is the mail's.
  text = text.replace(/\b(e-?mail|mail|message|notify|warn)\s+whoever\s+(?:it|the\s+(?:mail|message|e-?mail|phish))\s+(?:was|were|is)\s+(?:sent|delivered|addressed)\s+to\b/gi, '$1 the recipient')
    .replace(/(\b(?:e-?mail|mail|message|notify|warn)\s+the\s+(?:recipients?|users?)\b[^.;]*?)\s*,?\s*and\s+tell\s+(?:them|em|'em|him|her|the\s+users?)\s+(?:not\s+to|to)\s+[^.;]*/gi, '$1');
  // "leave other paths alone": what the step does not name, which it leaves alone anyway.
  text = text.replace(/\s*[.;,]\s*(?:and\s+)?(?:just\s+)?leave\s+(?:the\s+|any\s+|all\s+)?other\s+[\w-]+(?:\s+[\w-]+)?\s+alone\b/gi, '');
  text = stepReplacedInCase(text);
  // "except bg-* accounts, we never touch those", "(thats never legit for us)": the exception said again, and a reason.
  text = text.replace(/(\b(?:except|excluding|unless|but\s+not)\s[^.;]{2,80}?),\s*(?:(?:we|they|i|you)\s+)?(?:never|don'?t|dont|do\s+not)\s+(?:ever\s+)?(?:touch|act\s+on|action)\s+(?:those|them|these|it|that)\b/gi, '$1')
    .replace(/,?\s*\b(?:that|this|it)\s+(?:is|'s)\s+(?:never|not)\s+(?:legit|legitimate|ok|okay|normal|expected|allowed|fine)\b(?:\s+(?:for|with|at|in)\s+(?:us|our\s+\w+|here))?/gi, '');
  // "any device holding a file VT flags": the devices with that file.
  text = text.replace(/\b(devices?|machines?|hosts?|box(?:es)?|endpoints?)\s+(?:holding|carrying|containing|storing|that\s+holds?|that\s+contains?|that\s+stores?)\s+(?=(?:a|an|the|any)\s+(?:malicious\s+|bad\s+)?(?:file|hash|binary|payload|sample)s?\b)/gi, '$1 with ');
  // "but only if that user is cwhite@contoso.com": that account by its name.
  text = text.replace(/\b(only\s+if|only\s+when|if|when|unless|except\s+(?:if|when))\s+(?:the|that|this)\s+(?:affected\s+|impacted\s+)?(?:user|account|acct|identity)(?:'s\s+(?:upn|user\s*name|email|e-mail|address))?\s+(?:is|=|equals)\s+([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)/gi, (_m, cue: string, who: string) => (/^(?:unless|except)/i.test(cue) ? `except accounts named ${who}` : /^only/i.test(cue) ? `only for accounts named ${who}` : `for accounts named ${who}`));
  // "svc accts (svc-*) only get a pw reset": for those accounts, that step instead.
  text = text.replace(/(^|[.;]\s+)(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}?(?:accounts?|accts?|users?|admins?)\s+\(?([a-z][\w.-]*\*|\*[\w.-]+)\)?\s+(?:only\s+get|get\s+only|just\s+get)\s+(?:an?\s+|the\s+)?([^.;,]{3,40}?)(?=\s*(?:[.;,]|$))/gi, (_m, lead: string, pattern: string, what: string) => `${lead}for accounts named ${pattern}, ${/^(?:pw|password)\s+reset$/i.test(what.trim()) ? 'reset the password' : /^session\s+revo\w+$/i.test(what.trim()) ? 'revoke the sessions' : what} instead`);
  // "if virustotal says its fine", "if it comes back ok": the clean verdict, in plain words.
  if (/\b(?:virus\s?total|vt)\b/i.test(text)) {
    text = text
      .replace(/\b((?:virus\s?total|vt)\s+(?:says|said|reports|shows|returns|rates|calls)\s+(?:(?:it'?s|its|it\s+is|that\s+it\s+is|they'?re|they\s+are|the\s+(?:link|url|ip|hash|file|domain)\s+is)\s+)?)(?:fine|ok|okay|good|all\s+good|alright|legit|legitimate)\b/gi, '$1clean')
      .replace(/\b(if|when|once)\s+(?:it|they|the\s+(?:link|url|ip|hash|file|domain|lookup|check|result))\s+(?:comes?|came)\s+back\s+(?:fine|ok|okay|good|all\s+good|legit|clean)\b/gi, '$1 VirusTotal says it is clean');
  }
  // "never revoke accounts in X", "never reset users in X": their sessions, their password.
  text = text.replace(/\b((?:never|do\s+not|don'?t|dont)\s+)(revoke|reset)\s+(?=(?:the\s+)?(?:accounts?|accts?|users?|anyone|members|people)\s+(?:(?:who|that)\s+(?:is|are)\s+)?(?:in|of|from)\b)/gi, (_m, never: string, verb: string) => `${never}${verb.toLowerCase()} the ${/^revoke$/i.test(verb) ? 'sessions' : 'password'} of `);
  // "... the account named svc-sql ... other users in the same incident dont touch": the steps said of that account act on
  // it alone already (its name filters each user step), so the other side says nothing more.
  const namedOnes = [...new Set([...text.matchAll(/\baccounts?\s+named\s+([\w.*@+-]+)/gi)].map((n) => n[1].toLowerCase()))];
  if (namedOnes.length === 1) {
    text = text.replace(/(^|[.;!?]\s*)(?:and\s+)?(?:the\s+)?(?:other|remaining|rest\s+of\s+the)\s+(?:users?|accounts?|people|identities)(?:\s+(?:in|on|of|from)\s+(?:the\s+|that\s+|this\s+)?(?:same\s+)?(?:incident|alert|case)s?)?\s*[,:-]?\s*(?:(?:dont|don'?t|do\s+not|never)\s+touch(?:\s+(?:them|those))?|leave\s+(?:them|those)\s+alone|(?:are|get)\s+(?:left\s+alone|nothing|untouched)|nothing|stay\s+untouched)\s*(?=[.;!?]|$)/gi, '$1');
  }
  // "if someone already owns it": it is assigned.
  text = text.replace(/\b(if|unless|when)\s+(?:someone|somebody|anyone|anybody)\s+(?:already\s+)?(?:owns|has\s+(?:taken|picked\s+up)|took|picked\s+up|is\s+on)\s+(?:it|the\s+(?:incident|case|ticket))\b/gi, (_m, cue: string) => `${cue.toLowerCase()} it is already assigned`);
  // "close it as FP. if it is already assigned dont close it" / "..., do nothing": that case is skipped by what was just said.
  text = text.replace(/([^.;]+)[.;]\s+(?:but\s+)?if\s+([^.;,]{3,80}?),?\s+(?:then\s+)?(?:(do\s+nothing|(?:do\s+not|don'?t|dont)\s+do\s+anything|leave\s+it(?:\s+alone)?|skip\s+it)|(?:do\s+not|don'?t|dont|never)\s+([a-z]+)(?:\s+(?:it|them|those|these|the\s+[\w-]+))?)(?=\s*(?:[.;]|$))/gi, (m, before: string, cond: string, nothing: string | undefined, verb: string | undefined, offset: number, whole: string) => {
    // "block it. if not, skip it": the other side of the test before, which gets nothing anyway.
    if (nothing && /^(?:not|no|none|nope)$/i.test(cond.trim())) return `${before}.`;
    // "but if the host has the kiosk tag collect a package instead, never isolate": the case has a step of its own (no
    // comma after the case), so it is not an exception to the sentence before.
    if (CASE_HAS_STEP.test(cond)) return m;
    // "assign it to X when it is unassigned. if it is already assigned to someone, don't reassign it": the other side of
    // the assignment's own case, said again.
    if (verb && /^(?:re)?assign$/i.test(verb) && /\balready\s+(?:assigned|owned|taken)\b|\bassigned\s+to\s+(?:someone|somebody|anyone|anybody)\b|\bhas\s+an?\s+(?:owner|assignee)\b/i.test(cond) && /\bunassigned\b|\bnot\s+(?:yet\s+)?assigned\b/i.test(whole.slice(0, offset + before.length).split(/[.;!?]\s+(?=[A-Z])/).pop() ?? '')) return `${before}.`;
    // A band or a level left alone ("under 5 do nothing", "low risk leave it") is a branch of its own, read as such.
    if (/\b(?:otherwise|else|instead|unless|except)\b/i.test(before) || /\d|\b(?:low|medium|med|high|critical|crit|informational|info|risk|severity|sev|clean|malicious|flagged)\b/i.test(cond)) return m;
    const verbs = before.match(new RegExp(`\\b(?:${ACTION_VERB}|contain|collect|grab|gather|pull|run|stop|send|notify|email|post|mark|set|add|create|kill|lock|ping|page|lmk)\\b`, 'gi')) ?? [];
    // "lmk ... . if X dont ping": notify, ping, post, page and message are one step.
    const family = (v: string): string => (/^(?:notify|ping|post|page|message|tell|alert|lmk)/i.test(v) ? 'notify' : v.toLowerCase().slice(0, 4));
    // "grab the package then contain the host. if it's a server dont contain": the last step is the one left out there; it
    // becomes a sentence of its own, so the exception reaches it alone.
    const last = verbs.at(-1);
    if (verb && verbs.length > 1 && last && family(last) === family(verb) && verbs.filter((v) => family(v) === family(verb)).length === 1) {
      const at = before.search(new RegExp(`(?:,\\s*(?:and\\s+)?(?:then\\s+)?|\\s+(?:and\\s+)?then\\s+|\\s+and\\s+)(?=${last}\\b)(?![^]*\\b${last}\\b[^]*\\b${last}\\b)`, 'i'));
      if (at > 0) return `${before.slice(0, at)}. ${before.slice(at).replace(/^[,\s]*(?:and\s+)?(?:then\s+)?/i, '')}, unless ${cond}`;
    }
    // "disable the acct and revoke the sessions. if they're in the 'Break Glass' group, never disable those": the accounts of
    // that group are left out of that one step, whichever step was said last.
    const group = /^(?:they|the\s+(?:user|account|acct)s?|he|she|it)\s+(?:is|are|'re)\s+(?:a\s+)?(?:member\s+of|in)\s+(?:the\s+)?(["'][^"'\n]{1,60}["'])(?:\s+(?:entra\s+|aad\s+|security\s+)?group)?$/i.exec(cond.trim());
    if (verb && group && /^(?:disable|reset|revoke|suspend|lock|confirm|dismiss)$/i.test(verb) && verbs.some((v) => family(v) === family(verb))) return `${before}. never ${verb.toLowerCase()} accounts in the ${group[1]} group`;
    if (verb && !(verbs.length === 1 && family(verbs[0]) === family(verb))) return m;
    if (!nothing && !verb) return m;
    return `${before}, unless ${cond}`;
  });
  // "ONLY when both: X AND Y. either one alone isnt enough": both conditions, said twice.
  if (/\bboth\b/i.test(text)) {
    text = text.replace(/\b(when|if)\s+both\s*:?\s+/gi, '$1 ')
      .replace(/(^|[.;,]\s*)(?:but\s+)?(?:either|any)\s+(?:one\s+)?(?:alone|on\s+its\s+own|by\s+itself)\s+(?:is\s+not|isn'?t|isnt|is\s+never)\s+enough\b[.]?/gi, '$1');
  }
  // ", we cant have them disabled": why, said after the step that replaces it.
  text = text.replace(/,\s*(?:we|they|i|you)\s+(?:cannot|can'?t|cant|can\s+not|don'?t\s+want\s+to|do\s+not\s+want\s+to)\s+(?:have|let|get)\s+(?:them|it|those|these)\s+[a-z]+(?=\s*(?:[.;]|$))/gi, '');
  // What a description says is not done. "No other action is performed", "No reputation lookup is performed": nothing more.
  text = text.replace(/(^|[.;]\s+)(?:the\s+playbook\s+|it\s+)?(?:(?:deliberately|intentionally)\s+)?(?:(?:takes|performs|does)\s+no\s+(?:other|further|additional)\s+(?:actions?|steps?)(?:\s+of\s+any\s+kind)?|no\s+(?:other|further|additional)\s+(?:actions?|steps?|changes?)\s+(?:is|are)\s+(?:performed|taken|made)|no\s+(?:reputation\s+)?(?:lookup|look-up|enrichment|reputation\s+check)\s+is\s+(?:performed|done|made))(?=\s*(?:[.;]|$))/gi, '$1')
    // "The playbook takes no containment action", "performs no containment or remediation of any kind": no device action.
    .replace(/(^|[.;]\s+)(?:the\s+playbook\s+|it\s+)?(?:(?:deliberately|intentionally)\s+)?(?:takes|performs|does)\s+no\s+(?:containment|device|endpoint)(?:\s+or\s+remediation)?\s+(?:actions?|steps?)?(?:\s*of\s+any\s+kind)?(?=\s*(?:[.;]|$))/gi, '$1no device actions')
    // "Incidents of lower severity are ignored", "X are out of scope", "Windows devices ... must not be acted upon by this one": X is skipped.
    .replace(/(^|[.;]\s+)((?:the\s+|all\s+|any\s+)?[^.;]{3,100}?)\s+(?:are|is)\s+(?:(?:simply|otherwise|also)\s+)?(?:ignored|out\s+of\s+scope|not\s+(?:processed|handled|in\s+scope)(?:\s+by\s+this\s+(?:playbook|automation|one))?|(?:already\s+)?(?:covered|handled)\s+by\s+(?:a|another|the\s+other|an\s+other|a\s+different)\s+(?:separate\s+)?(?:playbook|automation|process|flow|rule|pb)(?:\s+and\s+must\s+not\s+be\s+acted\s+(?:up)?on(?:\s+by\s+this\s+one)?|\s*,?\s+so\s+(?:just\s+)?(?:leave\s+(?:those|them|these|it)\s+alone|ignore\s+(?:those|them|these|it)|skip\s+(?:those|them|these|it)))?)(?=\s*(?:[.;]|$))/gi, (m, lead: string, what: string) => {
      // ("ransomware on workstations is covered by the other playbook": those devices, whatever the alert; read as
      // "ignore ransomware", it had become a condition against the rule's own case.)
      const kinds = /^(?:[\w-]+\s+){1,3}?(?:on|from)\s+(?:the\s+|any\s+|all\s+)?((?:workstations?|servers?|laptops?|desktops?|dcs?|domain\s+controllers?|macs?|linux\s+(?:boxes|hosts|machines|devices)|windows\s+(?:boxes|hosts|machines|devices))(?:\s+(?:and|or)\s+(?:workstations?|servers?|laptops?|desktops?|macs?))?)$/i.exec(what);
      if (kinds) return `${lead}skip ${kinds[1]}`;
      return /\b(?:incidents?|alerts?|devices?|machines?|hosts?|endpoints?|servers?|workstations?|users?|accounts?|products?|sources?)\b/i.test(what) ? `${lead}ignore ${what.replace(/^the\s+/i, '')}` : m;
    })
    // "Low and Informational incidents do not trigger any device action": those incidents are skipped.
    .replace(/(^|[.;]\s+)((?:the\s+|all\s+)?[^.;]{3,80}?\b(?:incidents?|alerts?))\s+(?:do|does)\s+not\s+(?:trigger|get|receive|cause)\s+(?:any\s+)?(?:device\s+|containment\s+|automated\s+)?(?:actions?|response|steps?)(?=\s*(?:[.;]|$))/gi, '$1ignore $2');
  // Description idioms, each said of the steps or of the case nothing is done in:
  // "ignore alerts from other products", after one product was named: what that product's name already says.
  // (Said twice in a row, each is dropped: the lead is looked behind, not taken.)
  // "reset the pw. unless its an adm- acct, for those just revoke or the jobs fail", "... If it is a bot_* account, only
  // kill the sessions.": accounts named by a prefix are an exception of the steps before, and get the one step said for
  // them (read as a case of its own, the step before had still acted on those accounts).
  text = text.replace(/([^.;!?\n])\s*[.;]+\s+(?:but\s+)?(?:unless|if|when|where)\s+(?:it\s+is|it'?s|its|they\s+are|they'?re|theyre|the\s+(?:user|account)\s+is)\s+(?:an?\s+)?["'\u2018\u201c]?([a-z][\w.]*[-_])\*?["'\u2019\u201d]?\s+(?:accounts?|accts?|users?|ones)\s*[,:;\u2013\u2014-]?\s*(?:(?:for\s+)?(?:those|them|they|then)\s*,?\s*)?(?:we\s+|you\s+)?(only|just)\s+([a-z][^.;!?\n]*?)(?:\s*,?\s+(?:or(?:\s+else)?|otherwise)\s+(?:the\s+)?[\w-]+\s+(?:breaks|dies|goes\s+down|falls\s+over|stops))?(?=\s*(?:[.;!?\n]|$))/gi, (_m, last: string, prefix: string, _only: string, step: string) => `${last}, except ${prefix}* accounts. For ${prefix}* accounts, ${BARE_OBJECT[step.toLowerCase()] ? `${step} ${BARE_OBJECT[step.toLowerCase()]}` : step}`);
  // "email me + teams", "mail ir@x.org and the teams channel": the mail, and a post in Teams.
  text = text.replace(/\b((?:e-?mail|mail)\s+(?:me\s+(?:at\s+)?)?(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|me|us))\s*(?:\+|&|\band\b)\s*(?:the\s+)?(?:teams|ms\s+teams)(?:\s+channel)?\b(?!\s+(?:is|are|was|were|has|have)\b)/gi, '$1 and post in teams');
  // "one exception: our VIPs are in a group called Board Members and we must never disable them, so for them please just
  // email X instead": who they are is that group, and the step said for them is the only one they get.
  text = text.replace(/(^|[.;!?]\s+)(?:(?:(?:[Tt]here'?s|[Tt]here\s+is)\s+)?(?:[Oo]ne|[Aa]n?)\s+(?:important\s+|big\s+)?exception\s*:\s*)?(?:[Oo]ur\s+|[Tt]he\s+|[Aa]ll\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:are|is)\s+(?:all\s+)?in\s+(?:a|the)\s+(?:security\s+|entra\s+)?group\s+(?:called|named)\s+(["'\u201c][^"'\u201d\n]{2,40}["'\u201d]|[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})\s*,?\s+and\s+(?:we\s+)?(?:must|should|can|may|shall)\s*(?:not|never|n't)\s+[^,.;!?\n]{2,40}?\s*,?\s*so\s+for\s+(?:them|those|these)\s*,?\s*(?:please\s+|pls\s+)?(?:just|only)\s+((?:[^.;!?\n]|\.(?=\w))+?)(?:\s+instead)?(?:\s+so\s+(?:that\s+)?(?:she|he|they|we|someone)\s+[^.;!?\n]*)?(?=\s*(?:[.;!?]|$))/g, (_m, lead: string, group: string, step: string) => `${lead}If the user is in the '${group.replace(/^["'\u201c]|["'\u201d]$/g, '')}' group, just ${step}`);
  // "gets an alert that's marked as high", "one of our workstations": a high severity alert, a workstation.
  text = text.replace(/\b(an?|the)\s+(alert|incident)s?\s+(?:(?:that'?s|that\s+is|which\s+is|that\s+was|which\s+was)\s+)?(?:marked|rated|classed)\s+(?:as\s+)?(critical|high|medium|low|informational)\b(?!\s*(?:-|\s)\s*(?:risk|exposure|confidence))/gi, (_m, det: string, what: string, sev: string) => `${/^the$/i.test(det) ? 'the' : 'a'} ${sev.toLowerCase()} severity ${what.toLowerCase()}`)
    .replace(/\bone\s+of\s+(?:our|the|their|your)\s+(workstation|server|laptop|desktop|device|machine|host|endpoint|box|computer|pc|mac|domain\s+controller)(?:e?s)\b/gi, (_m, kind: string) => `a ${kind.toLowerCase()}`);
  // "The servers are looked after by the infra team, so please leave those alone, they hate surprise reboots": that kind is
  // skipped; who looks after it, and why, are the reason.
  text = text.replace(/(^|[.;!?]\s+)(?:the\s+|our\s+|all\s+)?(servers|workstations|domain\s+controllers|laptops|desktops|macs|linux\s+(?:servers|boxes|machines|hosts))\s+(?:are|get)\s+(?:looked\s+after|handled|managed|owned|run|maintained|taken\s+care\s+of|covered)\s+(?:by\s+)?[^,.;!?\n]{2,50}?\s*,?\s*so\s+(?:please\s+|pls\s+)?(?:leave\s+(?:those|them|these)\s+(?:alone|out)|(?:do\s+not|don'?t|dont)\s+touch\s+(?:those|them|these))(?:\s*,\s*(?:they|it|he|she|we)\b[^.;!?\n]*)?(?=\s*(?:[.;!?]|$))/gi, (_m, lead: string, kind: string) => `${lead}skip ${kind.toLowerCase()}`);
  // "I'm still learning the Defender side of things", "I'm new to all this": who is writing, not what to do.
  text = text.replace(/(^|[.;!?]\s+)(?:i'?m|i\s+am)\s+(?:still\s+|quite\s+|very\s+|pretty\s+|totally\s+)?(?:new\s+(?:to|at|here|on)|learning|getting\s+(?:used\s+to|to\s+know))\b[^.;!?\n]{0,60}?(?:[.;!]+|$)\s*/gi, (m: string, lead: string) => (/\b(?:if|when|unless|only|isolat|block|disabl|reset|revok|scan|collect|quarantin|restrict|tag|assign|clos|email|mail|post)\w*/i.test(m.slice(lead.length)) ? m : lead));
  // "medium ones stay with tier 2, so please don't touch those": who keeps that case, and that it is left alone.
  text = text.replace(/(^|[.;!?]\s+)((?:critical|high|medium|low|informational)(?:\s+(?:or|and)\s+(?:above|higher|up|below|lower|critical|high|medium|low|informational))?(?:\s+(?:severity|sev))?\s+(?:incidents|alerts|ones))\s+(?:should\s+|must\s+|will\s+|can\s+)?stays?\s+(?:with|in|on)\s+[^,.;!?\n]{2,40}?\s*,?\s*(?:so\s+)?(?:please\s+|pls\s+)?(?:do\s+not|don'?t|dont)\s+(?:assign|touch|tag|close|route|send)\s+(?:those|them|these|it)(?:\s+to\s+(?:us|me|the\s+[\w-]+))?(?=\s*(?:[.;!?]|$))/gi, '$1skip $2');
  // "page me for medium and up, but not the MDI ones, way too chatty", "..., except for MDE alerts": that product's alerts
  // are skipped (what they are, said after, is why).
  text = text.replace(PRODUCT_LEFT_OUT, (_m, lead: string, product: string) => `${/,/.test(lead) ? '. ' : lead}skip ${product} alerts`);
  text = text.replace(/(?<=^|[.;!?]\s*|\n\s*)(?:and\s+)?(?:ignore|skip)\s+(?:the\s+|any\s+|all\s+)?(?:alerts?|incidents?|detections?|ones)\s+from\s+(?:the\s+|all\s+|any\s+)?other\s+(?:defender\s+|microsoft\s+)?(?:products|sources|services|tools)\s*[.;!]?(?=\s|$)/gi, (m: string, at: number, whole: string) => (PRODUCT_NAMED.test(whole.slice(0, at)) ? '' : m));
  text = text
    // "If the URLs are clean, no account action is taken", "In all other situations, the playbook takes no action on the account".
    // ("if low, tag the incident, no device actions": a case with a step of its own stays; only that step's kind is done.)
    .replace(/(^|[.;]\s+)((?:if|when|in)\s+[^.;]{3,80}?),\s*(?:the\s+playbook\s+)?(?:takes\s+no|performs\s+no|does\s+not\s+take\s+any|no)\s+(?:[\w-]+\s+)?(?:actions?|changes?)(?:\s+(?:on|to|against)\s+the\s+[\w-]+)?(?:\s+(?:is|are)\s+(?:taken|performed|made))?(?=\s*(?:[.;]|$))/gi, (m, lead: string, cond: string) => (STEP_VERB_ANYWHERE.test(cond) || /\b(?:ping|teams|msg|message|chat|channel|page)\b/i.test(cond) ? m : lead))
    // "If no hash reaches the threshold, ...": the other side of the threshold.
    .replace(/(^|[.;]\s+)if\s+no\s+(?:file\s+)?(?:hash(?:es)?|files?|urls?|ips?|domains?|iocs?)\s+(?:reaches|meets|exceeds|hits|is\s+above)\s+(?:the|that)\s+threshold\s*,?\s*/gi, '$1otherwise, ')
    // "blocked organization-wide through an indicator": an indicator is tenant-wide by nature.
    .replace(/\b(block(?:s|ed|ing)?)\s+(?:organi[sz]ation|org|tenant|company|enterprise)[- ]wide\b/gi, '$1')
    // "requests full isolation for each of them": isolate them.
    .replace(/\brequests?\s+(full|selective)?\s*isolation\s+(?:for|of)\s+(each\s+of\s+them|them|each\s+(?:device|machine|host)|every\s+(?:device|machine|host)|the\s+(?:devices?|machines?|hosts?))/gi, (_m, kind: string | undefined, what: string) => `isolate ${/^each\s+of\s+them$/i.test(what) ? 'them' : what}${kind ? ` (${kind.toLowerCase()} isolation)` : ''}`)
    // "Incidents of lower severity are ignored" once a severity is named: what the trigger leaves out anyway.
    .replace(/(^|[.;]\s+)(?:ignore\s+)?(?:incidents?|alerts?)\s+(?:of|with)\s+(?:a\s+)?(?:lower|other)\s+severit(?:y|ies)(?:\s+(?:are|is)\s+ignored)?(?=\s*(?:[.;]|$))/gi, '$1')
    // "a Defender for Endpoint file indicator": an indicator.
    .replace(/\b(an?|the)\s+(?:microsoft\s+)?defender(?:\s+for\s+endpoint)?\s+((?:file|url|ip|domain)\s+)?(indicators?|iocs?)\b/gi, (_m, det: string, kind: string | undefined, noun: string) => `${/^the$/i.test(det) ? 'the' : /^(?:file|ip|url)/i.test(kind ?? '') && det.toLowerCase() === 'an' ? 'a' : det} ${kind ?? ''}${noun}`)
    // "stops the malicious process and quarantines its file": stop and quarantine the file.
    .replace(/\bstop(?:s)?\s+the\s+(?:malicious\s+)?process(?:es)?\s+and\s+quarantines?\s+(?:its|the|their)\s+files?\b/gi, 'stop and quarantine the file')
    // "issues a Stop and Quarantine File action for that file": that step.
    .replace(/\bissues?\s+an?\s+stop\s+and\s+quarantine(?:\s+file)?\s+action\s+(?:for|on)\s+/gi, 'stop and quarantine ')
    // "Each new incident is assigned according to its severity:": a header for the branches.
    .replace(/\s+according\s+to\s+(?:its|their|the)\s+severit(?:y|ies)\b/gi, '')
    // "Service accounts, identified by a user principal name beginning with 'svc-',": those named so.
    .replace(/\b(?:[\w-]+\s+)?accounts?\s*,\s*identified\s+by\s+(?:a|an|their|the)\s+(?:user\s+principal\s+name|upn|user\s*name|name)\s+(?:beginning|starting)\s+with\s+['"]?([\w.-]+)['"]?\s*,/gi, (_m, prefix: string) => `accounts named ${prefix}*`)
    // "to avoid breaking applications": why.
    .replace(/\s+(?:to\s+avoid|so\s+as\s+not\s+to|in\s+order\s+not\s+to)\s+[^.;,]*/gi, '')
    // "URLs without detections are not submitted": what no threshold reaches.
    .replace(/(^|[.;]\s+)(?:never\s+(?:block|submit)\s+)?(?:iocs?|urls?|ips?|domains?|hash(?:es)?|files?|addresses)\s+(?:without|with\s+no)\s+(?:any\s+)?(?:malicious\s+)?detections?(?:\s+(?:are|is)\s+(?:not|never)\s+(?:submitted|blocked))?(?=\s*(?:[.;]|$))/gi, '$1')
    // "Once the indicators are created, ...": then.
    .replace(/(^|[.;]\s+)once\s+the\s+(?:indicators?|iocs?|actions?|steps?|blocks?)\s+(?:are|is|have\s+been|has\s+been)\s+(?:created|done|complete[d]?|finished|sent|submitted)\s*,\s*/gi, '$1then ')
    // "The playbook collects the file entities of all alerts in the incident and creates ...": what it acts on anyway.
    .replace(/\b(?:the\s+playbook\s+)?(?:collects?|gathers?|extracts?|retrieves?)\s+(?:the|all|every)\s+(?:file|ip|url|user|device|domain)\s+(?:entities|entity|hashes)\s+(?:of|from)\s+(?:all\s+|every\s+|the\s+)?(?:alerts?|incident)(?:\s+in\s+the\s+incident)?\s+and\s+/gi, '')
    // "For every file entity tied to a device in the incident, the playbook queries VirusTotal;": the lookup a threshold does.
    .replace(/(^|[.;]\s+)for\s+(?:every|each)\s+(?:file|ip|url|domain)\s+entity\s+[^,.;]{0,60}?,\s*(?:the\s+playbook\s+)?(?:queries|checks|looks\s+up)\s+(?:it\s+(?:on|in|against)\s+)?virustotal\s*[;,.]\s*/gi, '$1')
    // "composes an email containing the incident name ... and sends it to X": mail X.
    .replace(/\bcomposes?\s+an?\s+(?:e-?mail|message)\s+(?:containing|with|listing|that\s+lists)\s+[^.;]*?,?\s+and\s+sends?\s+it\s+to\s+/gi, 'email ')
    // "requires the user to reset their password": reset it.
    .replace(/(?:\bthe\s+playbook\s+)?\b(?:requires|forces|makes)\s+the\s+user\s+to\s+reset\s+(?:their|his|her|the)\s+password\b/gi, "reset the user's password")
    // "non-Windows endpoints": Linux and macOS ones.
    .replace(/\bnon-windows\b/gi, 'Linux or macOS')
    // "blocked organization-wide through a URL indicator": an indicator is tenant-wide by nature.
    .replace(/\s+(?:organi[sz]ation|org|tenant|company|enterprise)[- ]wide(?=\s+(?:through|via|using|with|as)\b[^.;]*\b(?:indicators?|iocs?)\b)/gi, '')
    .replace(/\b((?:private|internal)\s+(?:ip\s+)?(?:address\s+)?(?:ranges?|space|addresses|ips))\s+(?:is|are)\s+never\s+(?:submitted|blocked|sent)\b/gi, 'never block $1')
    // "It extracts every file hash from the incident's alerts and looks each one up in VirusTotal.": the lookup a threshold does.
    .replace(/(^|[.;]\s+)(?:it|the\s+playbook)\s+(?:extracts|collects|gathers|retrieves)\s+(?:every|each|all|the)\s+(?:file\s+)?(?:hash(?:es)?|urls?|ips?|domains?|iocs?|indicators?)\b[^.;]*?\s+and\s+(?:looks\s+(?:each\s+one|them|it)\s+up|checks\s+(?:each\s+one|them|it))\s+(?:in|on|against)\s+virustotal(?=\s*[.;])/gi, '$1')
    // "Other incident categories are not handled": what the trigger leaves out anyway.
    // (Only when the request names what the others are other than: without it, the words stay and are asked about.)
    .replace(/(^|[.;]\s+)ignore\s+(?:all\s+)?other\s+(?:incident\s+|alert\s+)?(categories|types|kinds|products|sources|severities)(?=\s*(?:[.;]|$))/gi, (m: string, lead: string, kind: string, at: number, whole: string) => {
      const rest = whole.slice(0, at) + whole.slice(at + m.length);
      const named = /^sev/i.test(kind) ? /\b(?:critical|high|medium|low|informational|sev(?:erity)?)\b/i
        : /^(?:products|sources)$/i.test(kind) ? SOURCE_NAMED
          : /\b(?:categor\w*|ransomware|phish\w*|malware|credential\w*|lateral|execution|persistence|exfiltration|discovery|command\s+and\s+control|initial\s+access|privilege|defense\s+evasion|collection|impact)\b/i;
      return named.test(rest) ? lead : m;
    })
    // "Service accounts ... are excluded": the steps before leave them out.
    .replace(/[.;]\s+(accounts\s+(?:named|starting\s+with|beginning\s+with)\s+[\w.*-]+)\s+(?:are|is)\s+(?:excluded|skipped|exempt(?:ed)?|left\s+out|spared)\b/gi, ', except $1')
    // "with the action AlertAndBlock and the title 'Blocked by SOAR playbook'": the indicator's title, which a playbook sets anyway.
    .replace(/\s+and\s+the\s+(?:title|description|name)\s+(['"\u2018\u201c])[^'"\u2019\u201d]{1,80}['"\u2019\u201d]/gi, '')
    // "If the URLs are clean." left with nothing after it once "no account action is taken" is read: nothing in that case.
    .replace(/(^|[.;]\s+)(?:if|when)\s+the\s+(?:urls?|ips?|hash(?:es)?|files?|domains?|iocs?|verdicts?)\s+(?:are|is)\s+clean\s*(?=[.;]\s*|$)[.;]?/gi, '$1')
    // "medium -> just a teams post", "an email to X": the step, said as a noun.
    .replace(/(^|[,:;]\s*|->\s*|\bthen\s+)(?:just\s+|only\s+)?(?:a|an)\s+(?:quick\s+)?(?:teams|channel|slack)\s+(?:post|message|msg|ping|notification|note)(?=\s*(?:[.;,]|$))/gi, '$1post in teams')
    .replace(/(^|[,:;]\s*|->\s*|\bthen\s+)(?:just\s+|only\s+)?(?:a|an)\s+(?:quick\s+)?(?:e-?mail|mail)\s+to\s+(?=[\w.+-]+@)/gi, '$1email ')
    // "low -> just a comment", "a note on the incident only", "the package": a step on the incident or device, said as a noun.
    .replace(/(^|[,:;]\s*|->\s*|\bthen\s+)(?:just\s+|only\s+)?(?:(?:an?|the)\s+(?:short\s+|quick\s+)?(?:incident\s+)?|(?:an?\s+|the\s+)?(?:short\s+)?incident\s+)(?:comment|note)(?:\s+(?:on|in|to)\s+the\s+incident)?(?:\s+only)?(?=\s*(?:[.;,]|$))/gi, '$1add a comment to the incident')
    .replace(/(^|[,:;]\s*|->\s*|\bthen\s+)(?:just\s+|only\s+)?(?:an?|the)\s+(?:investigation\s+)?package(?:\s+only)?(?=\s*(?:[.;,]|$))/gi, '$1collect an investigation package')
    // "auto-assign ... to me (x@y)": assign.
    .replace(/\bauto[- ]?(assign|tag|close|resolve|isolate|block|disable|quarantine|revoke|reset|scan|restrict|contain|release|confirm|dismiss)\b/gi, '$1')
    // "push an IpAddress block indicator": add it.
    .replace(/\bpush(?:es|ed)?\s+(?=(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}(?:indicators?|iocs?)\b)/gi, 'add ')
    // "assign each new incident: High incidents to X, Medium incidents to Y, and Low ones to Z": one branch per item.
    .replace(/(^|[.;]\s+)assign\s+(?:each|every|all|any)\s+(?:new\s+)?incidents?\s*:\s*((?:[^.;]|\.(?=\w))+)/gi, (m, lead: string, list: string) => {
      const items = list.split(/\s*,\s*(?:and\s+)?(?:assign\s+)?|\s+and\s+(?=(?:assign\s+)?[\w\s]+?\s+to\s+[\w.+'-]+@)/i).map((x) => /^(?:assign\s+)?(.+?)\s+to\s+([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)$/i.exec(x.trim()));
      if (items.length < 2 || items.some((x) => !x)) return m;
      return lead + items.map((x) => `${x![1]}: assign it to ${x![2]}`).join('. ');
    })
    // "In every case the incident status is set to In Progress": a step for every incident.
    .replace(/(^|[.;]\s+)in\s+(?:every|each|all|any)\s+cases?\s*,?\s*/gi, '$1')
    // "-> URL block indicator", ": IP block indicator in MDE": block it, as an indicator.
    .replace(/(->|=>|:|,|\+|\band\b|\bthen)\s*(?:an?\s+)?(url|ip|domain|file\s+hash|hash|sha-?256|sha-?1|filesha256|filesha1|ipaddress|domainname)\s+(?:(?:block(?:ing)?|blocklist)\s+)?indicator(?:\s+in\s+(?:mde|defender))?\b/gi, (_m, lead: string, kind: string) => `${lead} block the ${({ ip: 'IP', ipaddress: 'IP', url: 'URL', domainname: 'domain', filesha256: 'SHA256', filesha1: 'SHA1' } as Record<string, string>)[kind.toLowerCase()] ?? kind}`)
    // "-> indicator IP address, action AlertAndBlock": the same, with the kind after the word.
    .replace(/(->|=>|:|,|\+|\band\b|\bthen)\s*(?:an?\s+)?(?:ti)?indicator\s+(url|ip\s+address|ip|domain|filesha256|filesha1|sha-?256|sha-?1|ipaddress|domainname)\b/gi, (_m, lead: string, kind: string) => `${lead} block the ${({ ip: 'IP', 'ip address': 'IP', ipaddress: 'IP', url: 'URL', domain: 'domain', domainname: 'domain', filesha256: 'SHA256', filesha1: 'SHA1', sha256: 'SHA256', 'sha-256': 'SHA256', sha1: 'SHA1', 'sha-1': 'SHA1' } as Record<string, string>)[kind.toLowerCase()] ?? kind}`)
    // "Url indicator, Block", "IP indicator, action AlertAndBlock": the indicator's action, said after it.
    .replace(/\bblock\s+the\s+(URL|IP|domain|SHA256|SHA1|file\s+hash|hash)\s+with\s+action\s+Alert(?:\s+only)?\b/g, 'create an alert-only indicator for the $1')
    // ("with action Audit only": an Audit indicator, which the step reads as it stands.)
    .replace(/\b(block\s+the\s+(?:URL|IP|domain|SHA256|SHA1|file\s+hash|hash)\s+with\s+action\s+(?:Audit|Warn))\s+only\b/g, '$1')
    .replace(/\b(block\s+the\s+(?:URL|IP|domain|SHA256|SHA1|file\s+hash|hash))\s*,\s*(?:(?:with\s+)?action\s*[:=]?\s*)?(Block|BlockAndRemediate|AlertAndBlock|Warn|Audit)\b/g, (_m, step: string, action: string) => (action === 'Block' ? step : `${step} with action ${action}`))
    // "for Linux only the full scan": a full scan (read as "the scan" said before, its kind had been lost).
    .replace(/\bonly\s+the\s+(full|quick)\s+(?=(?:av\s+|antivirus\s+)?scan\b)/gi, 'only a $1 ')
    // "After the isolation, set the incident to In Progress": then that step, once the one said before has run.
    .replace(/(^|[.;!?]\s+)after\s+(?:the|that|this)\s+(?:isolation|containment|scan|block(?:ing)?|reset|revocation|restriction|quarantine|release)\s*,?\s+(?=[a-z])/gi, '$1then ')
    // ", followed by a quick antivirus scan of that device": then that scan.
    .replace(/,?\s+followed\s+by\s+(an?\s+(?:quick|full)\s+(?:antivirus\s+|av\s+)?scan)/gi, ', then run $1');
  // "except accounts if they are members of X", "except devices that are tagged Y": the case left out, said as one.
  text = text.replace(/\b(?:except|excluding|but\s+not)\s+(?:for\s+)?(?:the\s+|any\s+)?(accounts?|users?|identities|devices?|machines?|hosts?|endpoints?)\s+(?:if|when|that|who|which|where)\s+(?:they|it)?\s*(?:are|is|'re)\s+/gi, (_m, noun: string) => (/^(?:accounts?|users?|identities)$/i.test(noun) ? 'unless the user is ' : 'unless the device is '));
  // "servers are never restricted": no app restriction on them.
  text = text.replace(/\b(never|not|do\s+not|don'?t|dont)\s+restrict\s+(?!(?:app|application|code|program|execution)s?\b|on\b)(?=[a-z])/gi, '$1 restrict app execution on ');
  // The same, once "and below" is spelt out as a list of levels.
  text = text.replace(LEFT_ALONE_AFTER_ONLY, '$1');
  // A full stop left before a comma by a clause taken out ("logged in., ransomware alerts ..."): the sentence ends there.
  text = text.replace(/([a-z0-9)"'])\.\s*,\s*/gi, '$1. ');
  text = reasonsAfterRuleOuts(doubleNegations(text));
  // The kinds ruled out and their steps, once rules said in the passive are active and a rule-out reads "but not"
  // ("..., NOT the servers, those only a quick scan": a rule-out said as a sentence of its own becomes one only in
  // doubleNegations).
  text = perKindSteps(text);
  text = exceptionLists(text);
  text = groupExceptions(text);
  text = hashKindSaidApart(text);
  // "if the user is not in VIP, revoke their sessions; confirm the user compromised": a step after ";" in a sentence that
  // opened on a case goes on under it (read as a sentence of its own, the confirmation ran for the VIP users too).
  text = text.replace(STEP_AFTER_SEMICOLON, '$1, and ');
  // "do NOT disable the acct ... disable it too": "it" is the account a sentence before named (never a word with no
  // account before it, "if the alert is about lateral movement disable it").
  text = text.replace(/([.;!?]\s+[^.;!?]*?\b(?:disable|suspend)\s+)(it|them)\b(?!\s+(?:on|from|in)\s+(?:the\s+)?(?:device|machine|host|box|endpoint|server))/gi, (m, head: string, _it: string, offset: number, whole: string) =>
    (/\b(?:accounts?|accts?|users?)\b/i.test(whole.slice(0, offset)) && /\b(?:disable|suspend)\w*\s+(?:the|their|his|her|that)\s+(?:accounts?|accts?|users?)\b/i.test(whole.slice(0, offset)) ? `${head}the account` : m));
  // "burn the hash. BlockAndRemediate, no expiry.": the indicator's action, said as a sentence after the block, is the block's.
  text = text.replace(/(\b(?:block|ban|blacklist)\b[^.;!?]*?)[.;]\s+((?:with\s+)?(?:(?:the\s+)?action\s+)?(?:blockandremediate|block\s*(?:and|&|\+)\s*remediate|alertandblock|alert\s*(?:and|&|\+)\s*block|audit|warn|alert\s+only)(?:\s*,\s*(?:no\s+expiry|no\s+expiration|never\s+expires?|expires?\s+in\s+\d+\s+days?|\d+\s*(?:days?|d)\s+expiry))?)\s*(?=[.;!?]|$)/gi,
    (_m, block: string, action: string) => `${block} ${/^with\b/i.test(action) ? action : `with action ${action.replace(/^(?:the\s+)?action\s+/i, '')}`}`);
  // "biomed group BIOMED-CLIN is hands off: no isolate, ... just post": what the devices of that group get.
  text = text.replace(/(^|[.;]\s+|\n)(?:the\s+)?(?:[a-z][\w-]*\s+)?(?:device\s+|machine\s+)?group\s+(["'\u2018\u201c]?)([A-Za-z0-9][\w.&-]*)\2\s+(?:is|are)\s+(?:hands[- ]off|off[- ]limits|untouchable|special|a\s+no[- ]go(?:\s+zone)?)\s*:\s*/g, "$1for devices in group '$3': ");
  // "isolate the servers, the DCs by hand": those are done by a person, so the step leaves them out (read as part of the
  // step, the DCs were isolated by the playbook).
  text = text.replace(/,\s*(?:and\s+|but\s+)?((?:the|our|any)\s+(?:[\w-]+\s+){0,3}?(?:domain\s+controllers|dcs|servers|workstations|laptops|devices|machines|hosts|accounts|users|admins))\s+(?:we\s+(?:do|handle)\s+|(?:are|get)\s+(?:done|handled)\s+)?(?:by\s+hand|manually|ourselves|myself)\b/gi, ', except $1');
  // "service accounts are never disabled; email ad-team instead": the mail is for those accounts (said as a step of its own,
  // it went out for every incident).
  text = text.replace(/(\bnever\s+(?:disable|reset|revoke|touch)\b[^;.!?]*?\s+((?:the\s+|any\s+)?(?:[\w-]+\s+){0,2}?(?:accounts|users|members|admins)\b[^;.,!?]{0,60}?))\s*[;,]\s*((?:e-?mail|mail|notify|send|post|ping)\b(?:[^.;!?\n]|\.(?=\w))*?)\s+instead\b/gi, (_m, ruleOut: string, users: string, stepSaid: string) => `${ruleOut}. for ${users.trim()}, ${stepSaid}`);
  // "svc accts never get disabled or pw reset. everyone else in a high sev MDI alert: disable + revoke": the steps are
  // for everyone but the accounts ruled out, each of them (read on their own, the revoke ran on the svc accounts).
  text = text.replace(EVERYONE_ELSE_AFTER_RULE_OUT, (_m, ruleOut: string, users: string, lead: string | undefined, steps: string) =>
    `${ruleOut} ${lead ? `${lead.trim()}, ` : ''}${steps.trim()}, except ${users.trim()}`);
  // "Whenever a high severity incident comes in, post in Teams. And if it's one from MDI, also email X": "one" is one of
  // the incidents the sentence before is about, so its case holds too (read alone, every MDI incident was mailed).
  // (Joined to that sentence by "and", it is a sentence of its own: in one, its case had become every step's.)
  text = text.replace(ONE_OF_THOSE, (_m, before: string, what: string, cue: string, prep: string) => `${before.replace(/,\s+$/, '. ')}${cue.toLowerCase()} ${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what} is ${prep}`);
  // "1. Scope: incidents raised by MDE with severity High", "Applicability: devices tagged VIP": a label before the cases
  // the list is about; the cases are read, the label adds nothing.
  text = text.replace(/(^|\n|[.;]\s+)((?:(?:step\s+)?\d+(?:\.\d+)*[.)]?\s*(?:[-\u2013:]\s*)?)?)(?:scope|in\s+scope|applicability|applies\s+to)\s*:\s*(?=\S)/gi, '$1$2');
  // "Out of scope: Medium and below (handled in the daily queue)": those levels are left out.
  text = text.replace(/(^|\n|[.;]\s+)((?:(?:step\s+)?\d+(?:\.\d+)*[.)]?\s*(?:[-\u2013:]\s*)?)?)(?:out\s+of\s+scope|not\s+in\s+scope)\s*:\s*((?:critical|high|medium|low|informational)(?:\s*(?:,|\bor\b|\band\b|\/)\s*(?:critical|high|medium|low|informational))*)(?:\s+(?:severity|sev))?(?:\s+(?:incidents|alerts|ones))?(?:,?\s*(?:handled|dealt\s+with|covered|worked)\s+(?:in|by|through)\s+[^.;\n]{2,60})?/gi, '$1$2ignore $3 severity incidents');
  // "dont touch servers those go to the infra ppl": a pronoun with a verb of its own after the things named starts a clause.
  text = text.replace(/\b(servers?|workstations?|dcs|domain\s+controllers?|devices|machines|boxes|hosts|laptops|desktops|accounts|users|macs)\s+(?=(?:those|they|these)\s+(?:go|goes|belong|are|get|need|run|will|would|have|handle|sit|live)\b)/gi, '$1, ');
  // "read only, dont change anything on them": the second half says what "read only" means.
  text = text.replace(/\bread[- ]only\s*[,;:-]\s*(?=(?:and\s+|so\s+)?(?:do\s+not|don'?t|dont|never)\s+(?:change|touch|modify|update|alter|edit)\s+(?:anything|a\s+thing)\b)/gi, '');
  // "Update the incident: classification True positive, determination Malware": the fields it sets, each to its value.
  text = text.replace(/\bupdate\s+the\s+incident\s*:\s*((?:classification|determination|status)\s+(?:to\s+|=\s*)?[^,.;\n]+?(?:\s*,\s*(?:and\s+)?(?:classification|determination|status)\s+(?:to\s+|=\s*)?[^,.;\n]+?)*)(?=\s*(?:[.;\n]|$))/gi, (_m, fields: string) =>
    `set ${fields.split(/\s*,\s*(?:and\s+)?/).map((f) => f.replace(/^(classification|determination|status)\s+(?:to\s+|=\s*)?/i, (_x, name: string) => `the ${name.toLowerCase()} to `)).join(' and ')}`);
  // "nothing automatic, this we look ourself": nothing, and people handle those.
  text = text.replace(/\bnothing\s+automatic(?:ally)?\b/gi, 'nothing')
    .replace(/\b(?:this|that|those|these)\s+we\s+(?:look|check|do|handle|take|see)\s+(?:at\s+|to\s+)?(?:ourself|ourselves|by\s+hand|manually)\b/gi, 'we handle those by hand');
  // "do nothing, then there is no danger": the German "denn", a reason.
  text = text.replace(/,\s*then\s+(?=(?:there\s+is|there'?s|it\s+is|it'?s)\s+no\s+(?:danger|risk|threat|problem|harm)\b)/gi, ', because ');
  // "Servers not!": not on servers.
  text = text.replace(/(^|[.;!?]\s+)(servers?|workstations?|dcs|domain\s+controllers|laptops|macs?|linux(?:\s+(?:boxes|hosts|devices))?)\s+not\s*[!.]+/gi, (_m, lead: string, kind: string) => `${lead}Not on ${kind.toLowerCase()}.`);
  // "Do NOT isolate. The customer's DFIR retainer needs the hosts reachable.": what someone needs, said right after a
  // rule-out, is why (a sentence of its own, its words were asked about).
  text = text.replace(/((?:^|[.;!?\n]\s*)(?:\d+(?:\.\d+)*[.)]?\s+|[A-Z]{1,3}\d+(?:\.\d+)*\s+)?(?:do\s+not|don'?t|dont|never)\s+[^.;!?\n]{2,60}?)[.;!]\s+((?:the|our|their|his|her|its)\s+[^.;!?\n]{2,60}?\s+(?:needs?|requires?|relies\s+on|depends\s+on)\s+[^.;!?\n]{2,80}?)(?=[.;!?\n]|$)/gi, (m: string, ruleOut: string, why: string) =>
    (NOTE_STEP_WORD.test(why) ? m : `${ruleOut}, because ${why.charAt(0).toLowerCase()}${why.slice(1)}`));
  // "if someone already has it skip it": an incident someone owns is assigned.
  text = text.replace(/\b(?:someone|somebody|anyone|anybody)\s+(?:already\s+)?(?:has|owns|took|grabbed|picked\s+up|is\s+on|is\s+working\s+on)\s+(it|them)\b/gi, (_m, it: string) => (it.toLowerCase() === 'them' ? 'they are already assigned' : 'it is already assigned'));
  // "if on a user account, ...": when the alert involves one.
  text = text.replace(/\b(if|when|only\s+if|only\s+when)\s+(?:it'?s\s+|it\s+is\s+)?on\s+an?\s+(user(?:\s+account)?|account|device|machine|host|endpoint)\s*,/gi, (_m, cue: string, what: string) => `${cue} the alert involves a ${/^(?:user|account)/i.test(what) ? 'user' : 'device'},`);
  // "Low severity alerts: do nothing. For Medium alerts, isolate": the alerts of those severities are left out, as "ignore
  // them" says (read as a case said before the steps, its severity had joined the trigger and the isolation ran on lows).
  // (Said after the steps, such a case is the other side of theirs, and is read as that.)
  text = text.replace(/(^|[.;!?]\s+|\n\s*)((?:(?:critical|high|medium|low|informational|info)(?:\s*(?:,|\/|\band\b|\bor\b)\s*)?)+(?:\s+sev(?:erity)?)?(?:\s+[\w-]+){0,4}?\s+(?:alerts?|incidents?|detections?))\s*(?::|->|=>|\u2192|\s-)\s*(?:just\s+)?(?:do\s+nothing|nothing|ignore(?:\s+(?:it|them))?|no\s+action|skip(?:\s+(?:it|them))?)\s*(?=[.;!\n]|$)/gi, (m: string, lead: string, which: string, at: number, whole: string) => (/\b(?:if|when|unless|not|only|except)\b/i.test(which) || STEP_VERB.test(whole.slice(0, at)) ? m : `${lead}ignore ${which}`));
  // "escalation ladder:", "our triage matrix:": the name of the list that follows, which names no case.
  text = text.replace(/(^|[.;!?]\s+|\n\s*)(?:(?:the|our|my|this|new|updated|draft|soc|escalation|response|containment|triage|notification|on-?call|standing)\s+){1,3}(?:ladder|plan|procedure|policy|rules|order|matrix|steps|process|protocol|checklist|flow|workflow|tree)\s*:\s*/gi, '$1');
  // "if it is already assigned leave it alone, don't reassign or spam them": what "leave it alone" already says, said again
  // step by step (nothing is done in that case).
  text = text.replace(/(\bleave\s+(?:it|them)\s+(?:alone|be))\s*,\s*(?:and\s+)?(?:do\s+not|don'?t|dont|never)\s+([a-z]+(?:\s*(?:,|\bor\b|\/)\s*[a-z]+){0,3})\s+(?:it|them|him|her|anyone|anybody|the\s+(?:owner|assignee|analyst))(?=\s*(?:[.;!?\n]|$))/gi, (m: string, leave: string, verbs: string) =>
    (verbs.split(/\s*(?:,|\bor\b|\/)\s*/).every((v) => /^(?:re)?(?:assign|mail|e-?mail|spam|ping|page|notify|bother|message|touch|change|update|tag|close|override|overwrite)$/i.test(v)) ? leave : m));
  // "under 5 = just put a comment on the incident, dont touch the user": what "just" already says of that case, the steps on
  // the user (or the device) being the other case's. (Only after a case whose steps touch neither.)
  text = text.replace(/((?:=|->|=>|\u2192|:|,)\s*(?:just|only)\s+([^.;!?\n]{3,120}?))\s*,\s*(?:and\s+)?(?:do\s+not|don'?t|dont|never)\s+touch\s+(?:the\s+|their\s+|his\s+|her\s+)?(?:users?|accounts?|recipients?|devices?|machines?|hosts?|box(?:es)?)(?=\s*(?:[.;!?\n]|$))/gi, (m: string, kept: string, steps: string) =>
    (/\b(?:isolat|contain|disabl|reset|revok|restrict|quarantin|scan|collect|confirm|dismiss|lock|block)\w*/i.test(steps) || NARROWS.test(steps.replace(/^(?:just|only)\s+/i, '')) ? m : kept));
  // "for high sev incidents, assign it to X and set it to in progress, unless it is already assigned, then dont touch it":
  // the exception is every step's, said first (after the run, it had held back the last step only, and an owned incident
  // was reassigned).
  text = text.replace(/(^|[.;!?]\s+)((?:for|on|when|whenever)\s+(?:[^,.;!?]|\.(?=\w)){3,100}?,\s*)?((?:[^.;!?]|\.(?=\w)){3,200}?)\s*,?\s+unless\s+(?:it\s+is|it'?s|the\s+incident\s+is)\s+already\s+assigned(?:\s*,\s*(?:then\s+)?(?:(?:do\s+not|don'?t|dont)\s+touch\s+it|leave\s+it\s+alone))?(?=\s*(?:[.;!?]|$))/gi, (m: string, lead: string, scope: string | undefined, steps: string) =>
    ((steps.match(ACTION_VERBS_IN) ?? []).length >= 2 && !/\b(?:if|when|unless|only|except)\b/i.test(steps) ? `${lead}${scope ?? ''}if the incident is unassigned, ${steps}` : m));
  // "server: isolate selective / workstation: full isolate", "servers: package, workstations: isolate": each kind's case
  // opens a sentence of its own (joined by the comma or slash, the second kind had been read as the first step's devices
  // and the first kind's heading as the second step's).
  text = text.replace(/(\s*,\s*(?:and\s+)?|\s+(?:\/|\|)\s+)((?:the\s+|for\s+|on\s+)?(?:(?:windows\s+|linux\s+|mac\s+)?(?:servers?|workstations?|laptops?|desktops?|dcs?|domain\s+controllers?|endpoints?|clients?|macs?|macos|linux|windows)(?:\s+(?:devices?|machines?|hosts?|boxes|ones))?|(?:critical|high|medium|low|informational)(?:\s+(?:sev(?:erity)?|ones|alerts|incidents))?))\s*:\s+(?=\S)/gi, (m: string, _sep: string, kind: string, at: number, whole: string) => {
    const before = whole.slice(Math.max(whole.lastIndexOf('.', at), whole.lastIndexOf(';', at), whole.lastIndexOf('\n', at)) + 1, at);
    const said = before.slice(before.lastIndexOf(':') + 1);
    return before.includes(':') && (STEP_VERB.test(said) || /\b(?:isolation|containment|scan|package|restriction|quarantine)\b/i.test(said)) ? `; ${kind}: ` : m;
  });
  // "if < 5, no file action, full scan of the device instead": the steps on the file ruled out in that case, said before
  // what is done instead.
  text = text.replace(/([,;:]\s*|->\s*)no\s+(?:file|hash)\s+actions?\s*[,;]\s*(?=[^.;\n]*\binstead\b)/gi, '$1');
  // "All branches: post the result to Teams": a step said for every case before it, in a sentence of its own.
  text = text.replace(/(^|[.;!?]\s+|\n)(?:in\s+|on\s+|for\s+)?(?:all|every|each|both)\s+(?:branches|branch|cases|case|paths|path|outcomes)\s*[:,]\s*(?=[a-z])/gi, '$1');
  // "No device actions at all on machines in the X device group, a human does those": those devices left out.
  text = text.replace(/(^|[.;!?]\s+)no\s+(?:device\s+)?actions?(?:\s+at\s+all)?\s+(?:on|for|against)\s+((?:the\s+)?(?:machines|devices|hosts|boxes|endpoints)\s+(?:in|tagged|named)\s+[^,.;!?\n]{2,60}?)(?:\s*,\s*(?:a|some)\s+(?:human|person|analyst)\s+(?:does|do|handles?)\s+(?:those|them|that))?(?=\s*[,.;!?]|$)/gi, (_m, lead: string, what: string) => `${lead}Do not touch ${what.replace(/^the\s+/i, '').replace(/^(?:machines|hosts|boxes|endpoints)\b/i, 'devices')}`);
  // "the only thing I want is revoking sessions": only that step.
  text = text.replace(/\bthe\s+only\s+thing\s+(?:i|we)\s+(?:want|need|would\s+like)(?:\s+(?:done|automated))?\s+is\s+(?:to\s+)?(revoking|revoke|blocking|block|scanning|scan|isolating|isolate|disabling|disable|resetting|reset|posting|post|emailing|email|tagging|tag|assigning|assign|collecting|collect)\b/gi, (_m, verb: string) => `only ${({ revoking: 'revoke', blocking: 'block', scanning: 'scan', isolating: 'isolate', disabling: 'disable', resetting: 'reset', posting: 'post', emailing: 'email', tagging: 'tag', assigning: 'assign', collecting: 'collect' } as Record<string, string>)[verb.toLowerCase()] ?? verb.toLowerCase()}`);
  // "only revoke sessions, and not for anyone in 'Service Accounts'": the group's users left out.
  text = text.replace(/,\s*(?:and|but)\s+not\s+for\s+(?:anyone|anybody|users?|people|accounts?)\s+in\s+(?:the\s+)?(['"\u2018\u201c][^'"\u2019\u201d]{2,40}['"\u2019\u201d])(?:\s+group)?/gi, ', except for users in the $1 group');
  // "Don't isolate, don't restrict, nothing that cuts anyone off": the rule-outs said again as what they are for.
  text = text.replace(/(\b(?:do\s+not|don'?t|dont|never)\s+(?:isolate|restrict|contain|disable)\b[^.;!?\n]*?)\s*,\s*(?:and\s+)?nothing\s+that\s+(?:cuts|locks|kicks|takes)\s+(?:anyone|anybody|someone|users?|people|them|the\s+(?:user|device|machine))\s+(?:off|out)(?:\s+(?:of\s+)?(?:the\s+network|their\s+(?:machine|device|account)))?/gi, '$1');
  // "Block the URLs, except our own domains. Never block those, even if VT screams.": the exception said again.
  text = text.replace(/((?:^|[.;!?]\s+)(?:[^.;!?\n]|\.(?=\w))*\b(block|isolate|disable|scan|quarantine|restrict|reset|revoke)\w*\b(?:[^.;!?\n]|\.(?=\w))*\bexcept\b(?:[^.;!?\n]|\.(?=\w)){3,160}[.;!?])\s+(?:never|do\s+not|don'?t|dont)\s+(\w+)\s+(?:those|them|these)(?:\s*,?\s*(?:even\s+if|whatever|no\s+matter\s+(?:what|how))\s+[^.;!?\n]{2,60})?\s*(?=[.;!?]|$)[.;!?]?/gi, (m: string, said: string, verb: string, again: string) => (again.toLowerCase().startsWith(verb.toLowerCase().slice(0, 4)) ? said : m));
  // "isolate every device, except anything tagged X": a device tagged so is left out as well as an incident tagged so
  // ("anything"; read as the incident's tag alone, a device tagged "DoNotIsolate" had been isolated); with "just scan
  // those" after it, "anything" is the devices, and "For anything tagged X" is for them.
  if (/\b(?:isolat|contain|restrict|quarantin|scan|collect)\w*/i.test(text)) {
    text = text.replace(/,?\s*\b(?:except|excluding|but\s+not|other\s+than)\s+(?:for\s+)?(?:anything|everything|whatever|stuff)\s+(?:(?:that|which)(?:'s|\s+is|\s+are)\s+|(?:is|are)\s+)?(?:tagged|labell?ed|with\s+the\s+tag)\s+(["'\u2018\u201c]?[\w-]+(?:\.[\w-]+)*["'\u2019\u201d]?)(?![\w'-])/gi, (_m, tag: string, at: number, whole: string) => (/\b(?:just|only)\s+(?:run\s+an?\s+|do\s+an?\s+)?(?:(?:full|quick)\s+)?(?:scan|collect|restrict)\w*\b[^.;!?\n]{0,40}\b(?:those|them|these)\b/i.test(whole.slice(at)) ? `, except devices tagged '${bareName(tag)}'` : `, but skip incidents tagged '${bareName(tag)}' or devices tagged '${bareName(tag)}'`))
      .replace(/(\bexcept\s+devices\s+tagged\s+'([^']+)'[^.;!?\n]*?)[,.;]\s*(?:just|only)\s+((?:run\s+an?\s+|do\s+an?\s+)?(?:(?:full|quick)\s+)?(?:av\s+|antivirus\s+)?(?:scan|collect|restrict)\w*(?:\s+(?!(?:on|for)\s+(?:those|them|these)\b)[\w-]+){0,4}?)\s+(?:on\s+|for\s+)?(?:those|them|these)\b/gi, (_m, said: string, tag: string, step: string) => `${said}. For devices tagged '${tag}', only ${step}`)
      .replace(/\bfor\s+(?:anything|everything|whatever)\s+(?:that(?:'s|\s+is)\s+)?tagged\s+(["'\u2018\u201c]?[\w-]+(?:\.[\w-]+)*["'\u2019\u201d]?)(?![\w'-])/gi, (_m, tag: string) => `for devices tagged '${bareName(tag)}'`);
  }
  // "if in group G, password reset and revoke sessions": the step said as a noun, first in its list.
  text = text.replace(/([,:;]\s*|->\s*|^)password\s+reset(?=\s+(?:and|\+|&|then)\s+[a-z]|\s*(?:[,.;]|$))/gim, '$1reset the password');
  // "if medium or above Identity Protection, revoke": the alerts of that source, said without the noun.
  text = text.replace(/\b((?:informational|low|medium|high)(?:\s+(?:or|and)\s+(?:above|higher|more|up))?\s+(?:identity\s+protection|defender\s+for\s+(?:endpoint|identity|office(?:\s+365)?|cloud\s+apps)|md[eiao]|entra\s+id\s+protection))(?=\s*(?:,|->|=>|:))/gi, '$1 alerts');
  // "if 1-4 malicious, tag it": a band of engine counts, said with what they count ("if 1-4," is read as the band).
  text = text.replace(/\b(if|when)\s+(\d{1,2})\s*(?:-|\u2013|to)\s*(\d{1,2})\s+(?:malicious|engines?|detections?|hits|vendors?|avs?)(?:\s+(?:engines?|detections?|hits|on\s+(?:vt|virustotal)))?\s*,/gi, '$1 $2-$3,');
  // "med lo nothing", "hi/lo": "lo" beside another severity is low.
  text = text.replace(/\b(medium|high|informational|critical)(\s*(?:,|\/|\band\b|\bor\b)?\s*)lo\b/gi, '$1$2low');
  // (Once more at the end: the rules above make "except when X, do not isolate, only Y" and passives into these shapes too.)
  text = headingCases(lateShapes(text));
  return { text, corrections, ignored, ...(restated ? { restated } : {}), ...(examples.length ? { examples } : {}), ...(background.length ? { background } : {}), ...(content.length ? { content } : {}), ...(approval.length ? { approval } : {}), ...(title ? { title } : {}), ...(addressed ? { addressee: addressed.addressee } : {}) };
}
