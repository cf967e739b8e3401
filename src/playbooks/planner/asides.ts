/**
 * What surrounds an ask and narrows nothing, said the way people brief each other: a greeting, a meeting's story, labels of a written spec ("Scope:", "Actions:"), a gloss in brackets after a name or a technique
 * id, and a manager's demand said as reported speech. Each is read here so the ask itself is planned; anything that
 * could still narrow a step (a condition word, a step verb) keeps the words where they are, to be read or asked about.
 */

/** Words that make a sentence an ask (or a case of one), never a story. */
const ASKS = /\b(?:if|when|whenever|unless|please|pls|should|must|shall|could|can\s+we|would|need|want|wish|make\s+sure|from\s+now\s+on|going\s+forward)\b|\?/i;

/** "Hello the team,", "hi all, sorry,": a greeting before the ask. */
function greeting(text: string): string {
  return text.replace(/(^|[.!?]\s+|\n\s*)(?:(?:hi|hello|hey|bonjour|salut|hola)\s+(?:the\s+)?(?:all|everyone|everybody|team|guys|folks|colleagues)|the\s+team)\s*[,!.]\s*(?:sorry\s*[,.!]\s*)?/gi, '$1');
}

/** "is there (maybe) a way that when ...": the wish, said as a question about whether it can be done. */
function wayThat(text: string): string {
  return text.replace(/(^|[.!?]\s+|\n\s*)(?:is\s+there|would\s+there\s+be)\s+(?:maybe\s+|possibly\s+|perhaps\s+|any\s+)?(?:a\s+)?way\s+(?:that|so\s+that)\s+/gi, '$1');
}

/** "I come out of the meeting with the CISO, it was long.": where the writer comes from. */
function meetingStory(text: string): string {
  return text.replace(/(^|[.!?]\s+|\n\s*)(?:i|we)\s+(?:just\s+)?(?:come|came|am\s+coming|got|get)\s+(?:out|back)\s+(?:of|from)\s+(?:the|a|my|our)\s+(?:meeting|call|review|sync|briefing)\b[^.!?\n]{0,80}[.!]\s*/gi, (m: string, lead: string) => (ASKS.test(m.slice(lead.length)) ? m : lead));
}

/** "He demands that for every incident ... we send him a mail at x@y, and that we restrict ...": the demand is the ask. */
function reportedDemand(text: string): string {
  return text
    .replace(/(^|[.!?]\s+|\n\s*)(?:he|she|they|the\s+(?:ciso|rssi|boss|manager|director|cio|cto|head\s+of\s+[\w-]+))\s+(?:demands?|asks?|wants?|requires?|requested|asked|wanted|demanded|insists?|insisted)\s+that\s+/gi, '$1')
    .replace(/(,\s*and\s+)that\s+(we|you)\s+(?=[a-z])/gi, '$1')
    .replace(/\b(?:we\s+|you\s+)?send\s+(?:him|her|them)\s+(an?\s+(?:e-?mail|mail|message))\s+(?:at|on|to)\s+(?=[\w.+-]+@[\w-]+\.)/gi, 'send $1 to ');
}

/** "Scope: alerts with ...", "Actions: ...": a written spec's labels. */
function specLabels(text: string): string {
  // (Beside "Trigger:" or "Condition:" lines, "Action:" is a rule's field, read where written rules are.)
  if (!/(?:^|[.!?]\s+|\n\s*)scope\s*:/i.test(text) || /\b(?:trigger|condition|conditions|when)\s*:/i.test(text)) return text;
  return text
    .replace(/(^|[.!?]\s+|\n\s*)scope\s*:\s*(?=(?:alerts?|incidents?|detections?)\b)/gi, '$1For ')
    .replace(/(^|[.!?]\s+|\n\s*)(?:actions?|response|steps?|what\s+to\s+do)\s*:\s*(?=[A-Za-z])/gi, '$1');
}

/**
 * "T1003.001 (LSASS Memory)", "T1003 (cred dumping)", "the group 'Direction' (the executive committee)": a gloss in
 * brackets that names again what the id or the quoted name is. ("Other T1003 sub-techniques are out of scope" after a
 * sub-technique was named: the test holds that sub-technique alone already.)
 */
function glosses(text: string): string {
  const gloss = String.raw`\(\s*(?:the\s+|a\s+|an\s+|i\.?e\.?,?\s+|aka\s+|le\s+|la\s+|les\s+)?(?![^()]*\b(?:if|when|unless|not|no|never|except|only|isolat\w*|block\w*|disabl\w*|revok\w*|scan\w*|tag\w*|servers?|workstations?|devices?|users?|accounts?)\b)[A-Za-z][A-Za-z' -]{1,40}\)`;
  text = text.replace(new RegExp(String.raw`\b(T\d{4}(?:\.\d{3})?)\s*${gloss}`, 'g'), '$1');
  text = text.replace(new RegExp(String.raw`(["'\u2018\u201c][^"'\u2019\u201d\n]{1,40}["'\u2019\u201d](?:\s+(?:device\s+|entra\s+(?:id\s+)?)?group)?)\s*${gloss}`, 'gi'), '$1');
  for (const sub of text.match(/\bT\d{4}\.\d{3}\b/g) ?? []) {
    const parent = sub.slice(0, 5);
    text = text.replace(new RegExp(String.raw`(^|[.!?]\s+|\n\s*)(?:all\s+|any\s+)?other\s+${parent}\s+sub-?techniques\s+(?:are|stay|remain)\s+out\s+of\s+scope\s*[.!]?`, 'gi'), '$1');
  }
  return text;
}

/**
 * "Devices tagged PCI are never isolated. ... if a PCI device was skipped, tag the incident": the devices the request
 * leaves out are the ones skipped, so the case is that such a device is in the alert.
 */
function skippedDevices(text: string): string {
  return text.replace(/\bif\s+(?:a|an|any)\s+(?:["'`\u2018\u201c]?([\w.-]+)["'`\u2019\u201d]?\s+)?(?:device|machine|host|box)(?:\s+tagged\s+["'`\u2018\u201c]?([\w.-]+)["'`\u2019\u201d]?)?\s+(?:was|were|got|is|gets|has\s+been)\s+(?:skipped|left\s+out|spared|excluded)\b/gi, (m: string, before: string | undefined, after: string | undefined) => {
    const tag = after ?? before;
    if (!tag || !new RegExp(String.raw`\btag(?:ged)?\s+["'\`\u2018\u201c]?${tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\b[^.;!?\n]*\b(?:never|not|no|don'?t|dont|except|excluding|skip)\b|\b(?:never|not|no|don'?t|dont|except|excluding|skip)\b[^.;!?\n]*\btag(?:ged)?\s+["'\`\u2018\u201c]?${tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\b`, 'i').test(text)) return m;
    return `if a device of the alert is tagged ${tag}`;
  });
}

/** 'eicar test file alerts = sec testing. resolve ...': the alerts so titled, which the writer says are a test. */
function testingAlerts(text: string): string {
  return text.replace(/(^|[.;!?]\s+|\n\s*)([a-z][\w-]*(?:\s+[a-z][\w-]*){0,4}?)\s+(?:alerts?|alrts?)\s*(?:=|are|is)\s*(?:sec(?:urity)?\s+testing|(?:just\s+)?(?:tests?|testing)|red\s+team(?:\s+stuff)?|pen-?test(?:ing)?|expected(?:\s+activity)?|benign)\s*[.;:]\s*/gi, (_m, lead: string, title: string) => `${lead}For alerts titled "${title}": `);
}

/**
 * A policy's legal register: "Notwithstanding the foregoing," (nothing), "The SOC shall, in the event that X, create Y"
 * (if X, create Y), "said hash" (the hash), "save where" (unless), "reports X as malicious" (flags X).
 */
function legalese(text: string): string {
  return text
    .replace(/(^|[.;!?]\s+|\n\s*)notwithstanding\s+(?:the\s+foregoing|anything\s+(?:to\s+the\s+contrary|above|herein)|the\s+above)\s*,?\s*/gi, '$1')
    .replace(/(^|[.;!?]\s+|\n\s*)(?:the\s+(?:soc|analyst(?:\s+on\s+duty)?|platform|playbook|automation|system|responder)|rampart|we)\s+(?:shall|must|will|should)\s*,\s*(?=(?:in\s+the\s+event\s+that|if|when|where|whenever|provided\s+that|upon)\b)/gi, '$1')
    .replace(/\bsaid\s+(hash(?:es)?|files?|devices?|machines?|hosts?|users?|accounts?|ips?|ip\s+address(?:es)?|urls?|domains?|incidents?|alerts?|indicators?|mailbox(?:es)?)\b/gi, 'the $1')
    .replace(/\bin\s+the\s+event\s+(?:that|of)\b/gi, 'if')
    // "The Company shall ensure that, upon detection of X by Y, ...": when Y detects X, ...
    .replace(/(^|[.;!?]\s+|\n\s*)(?:the\s+)?(?:company|organi[sz]ation|soc|bank|firm|entity|group|service\s+provider|provider|team)\s+(?:shall|must|will)\s+ensure\s+that\s*,?\s*/gi, '$1')
    .replace(/\bupon\s+(?:the\s+)?detection\s+of\s+([^,;.]{3,60}?)\s+by\s+((?:microsoft\s+)?(?:defender\s+for\s+(?:endpoint|identity|office(?:\s+365)?|cloud\s+apps)|entra\s+id\s+protection|identity\s+protection|mde|mdi|mdo|mdca))\s*,/gi, 'when $2 detects $1,')
    .replace(/\bexcept\s+where\b/gi, 'unless')
    // "All endpoints exhibiting ransomware behaviour shall be isolated": on alerts of that kind, those devices.
    .replace(/(^|[.;!?]\s+|\n\s*)(all\s+|any\s+)?(endpoints|devices|machines|hosts)\s+(?:exhibiting|showing|displaying)\s+([\w-]+)\s+(?:behaviou?r|activity)\s+/gi, (_m, lead: string, all: string | undefined, noun: string, kind: string) => `${lead}On ${kind.toLowerCase()} alerts, ${all ?? 'the '}${noun} `)
    // "shall instead be subject to a full antivirus scan": shall instead get one.
    .replace(/\b(shall|must|will|should)\s+(instead\s+)?be\s+subject(?:ed)?\s+to\s+/gi, '$1 $2get ')
    .replace(/\bsave\s+where\b/gi, 'unless').replace(/\bsave\s+for\b/gi, 'except for')
    .replace(/\b(virus\s?total|vt)\s+reports\s+((?:a|an|the|any|each)\s+(?:[\w-]+\s+)?(?:hash|file|ip|url|domain|address|indicator|ioc)(?:es|s)?)\s+as\s+malicious(?:\s+by(?=\s+(?:at\s+least\s+)?\w+\s+(?:or\s+more\s+)?(?:engines?|vendors?|scanners?|detections?)\b))?/gi, (_m, vt: string, what: string) => `${vt} flags ${what}${/\sby$/i.test(_m) ? ' with' : ''}`);
}

/** Step verbs as chat types them, shorthand included (a filler before one is read as nothing). */
const CHAT_STEP = 'block|isolate|iso|scan|disable|revoke|reset|tag|ping|post|email|mail|quarantine|restrict|collect|close|resolve';

/**
 * Chat fillers that say nothing about the ask: "ngl", "imo", "lowkey" or "tbh" before a step, "so like" before the case,
 * "idc about X, dont touch those" (never touch X), "VT says it's sus" (flags it), "we should (lowkey) block" (block). (Emoji,
 * "lol" and "rn" are read further on, where an emoji may be a step.)
 */
function chatFillers(text: string): string {
  return text
    .replace(/^\s*(?:hi{2,}|hey{2,}|heyo|yo+|sup|hello+o)\b[\s,!.]*/i, '')
    .replace(/(^|[\s,;!?])(?:omg|ily|pls\s+help|help\s+pls)(?=[\s,;!?]|$)/gi, '$1')
    .replace(/\b(and|or|then|just)\s+like\s+(?=[a-z])/gi, '$1 ')
    // "tell the user", "warn the recipient": a mail to them (dropped, the request had silently lost that step).
    .replace(/\b(?:tell|inform|warn|give)\s+(the\s+(?:user|recipient|person|employee|victim)s?)(?:\s+a\s+heads[- ]up)?\b(?!\s+(?:group|in\s+the|to\s+(?!click|open)))/gi, 'email $1')
    .replace(/\b(phishing|phish|ransomware|malware|c2|beacon(?:ing)?|mimikatz|crypto-?miner|miner)\s+(?:thing|stuff|thingy)s?\b/gi, '$1 alert')
    .replace(/(^|[.!?]\s+|,\s*|\p{Extended_Pictographic}\uFE0F?\s*)(?:so\s+)?like\s*,?\s+(?=(?:whenever|when|if|every|any|can|could|pls|please|u|you)\b)/giu, '$1')
    .replace(/[\s,]*\bidc\s+about\s+((?:the\s+)?[\w-]+(?:\s+[\w-]+)?)\s*,?\s*(?:just\s+)?(?:do\s*n[o']?t|dont)\s+touch\s+(?:those|them|these|em)\b/gi, '. Never touch $1')
    .replace(/(^|[\s,;!?])(?:ngl|highkey|tbf|imo|imho|istg|fwiw)(?=[\s,;!?]|$)/gi, '$1')
    .replace(new RegExp(String.raw`(^|[\s,;!?])(?:lowkey|tbh)(?=\s+(?:${CHAT_STEP}|idc|we|u|you|i|just|can|could|pls)\b)`, 'gi'), '$1')
    .replace(new RegExp(String.raw`\b(?:we|u|you)\s+(?:should|could|gotta|need\s+to|have\s+to)\s+(?:just\s+)?(?=(?:${CHAT_STEP})\b)`, 'gi'), '')
    .replace(/\b(virus\s?total|vt)\s+says\s+(?:it'?s|its|it\s+is)\s+(?:sus|sussy|suspicious|dodgy|sketchy|bad|malicious)\b/gi, '$1 flags it');
}

/** An on-call engineer's words: "ack (set in progress, assign to X)" is what is in brackets; "blast radius = that host only". */
function onCall(text: string): string {
  return text
    .replace(/\back\s*\(\s*([^()]{3,120})\s*\)\s*(,\s*(?:and\s+)?)?/gi, (_m, what: string, more: string | undefined) => `${what}${more ? '; also ' : ''}`)
    // "rest: noop", "owner: x@y (assign)": the other cases get nothing; the incident goes to that owner.
    .replace(/(^|[.;!?]\s+|\n\s*(?:[-*\u2022]\s*)?|,\s*)(?:the\s+)?rest\s*(?::|->|=>|=)\s*(?:noop|no-op|nothing|ignore|skip|leave)\b/gi, '$1otherwise do nothing')
    .replace(/(^|[.;!?]\s+|\n\s*(?:[-*\u2022]\s*)?)owner\s*[:=]\s*([\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*(?:\(\s*assign(?:ed)?\s*\))?/gi, '$1assign the incident to $2')
    .replace(/\s*,?\s*\bblast\s+radius\s*(?:=|:|is)?\s*(?:that|the|this|its)\s+(?:host|device|box|machine|endpoint)\s+only\b/gi, '');
}

/**
 * English shaped by Spanish or Portuguese: "Is necessary that ..." (the ask), "must to change his password" (a forced
 * reset), "make the isolation" (isolate), "but NO if ..." (but not if), "to the responsable (x@y)" (to x@y).
 */
function romance(text: string): string {
  return text
    .replace(/(^|[.;!?]\s+|\n\s*)(?:it\s+)?is\s+(?:necessary|important|needed|required|obligatory|mandatory)\s+that\s+/gi, '$1')
    .replace(/\b(must|should|can|could)\s+to\s+(?=[a-z])/gi, '$1 ')
    .replace(/\b(?:the\s+)?(?:user|person|employee|recipient)\b[^.;!?\n]{0,60}?\s+(?:must|should|has\s+to|needs?\s+to)\s+change\s+(?:his|her|their|the|its)\s+(?:password|pw|pwd|contrase\w+)\b/gi, 'reset the password of the user')
    .replace(/\bmake\s+(?:the|an?)\s+isolation(?:\s+of\s+(the\s+[\w-]+))?\b/gi, (_m, what: string | undefined) => `isolate ${what ?? 'the device'}`)
    .replace(/\bbut\s+no\s+if\b/gi, 'but not if')
    .replace(/\bto\s+(?:the\s+)?(?:responsable|responsible|encargado|manager|boss|lead|owner|ciso|cio|rssi|head\s+of\s+[\w-]+)\s*\(\s*([\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*\)/gi, 'to $1');
}

/** The request with its asides read. */
export function readAsides(text: string): string {
  // (In this order: a greeting and a wish come off before the story and the demand they lead into are read.)
  const passes = [greeting, wayThat, meetingStory, reportedDemand, specLabels, glosses, skippedDevices, testingAlerts, legalese, chatFillers, onCall, romance];
  return passes.reduce((said, pass) => pass(said), text);
}
