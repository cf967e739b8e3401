/**
 * A request pasted from a mail or a ticket: the ask sits inside an envelope of references ("ticket SEC-2291", "(ref
 * TI-0097)"), who passes it on ("Retail IT here", "Forwarding this from the helpdesk queue"), courtesies ("Hope your
 * week is going OK", "Let me know if you need anything else") and the story of why ("The lab team runs EICAR test files
 * all day and it's flooding our queue"). Those parts are kept as background, so no step or case is read from them.
 *
 * A story sentence is background only when nothing in it could narrow the steps: no negation or exception, no case, no
 * request, no step, and every name it holds (a capitalised word, a device kind, a severity) said again in the rest of the
 * request. Otherwise it stays, and its words go through the ledger like any other.
 */

/** A ticket's or a change's number: "SEC-2291", "#88213", "HD-55120", "AF-23-14". */
const TICKET_ID = String.raw`(?:#\s?\d{2,}|[A-Z]{1,8}-\d{2,}(?:-\d+)*[A-Z]?|\d{4,})(?![\w.-]*\d)`;
const TICKET_WORD = String.raw`(?:ticket|ref|reference|re|req|request|case|change|chg|cr|inc|sr|jira|(?:audit\s+)?finding)`;

/** "(ref TI-0097)", "(REQ-7710)", "(OPS-3390)": a reference in brackets. */
const REFERENCE_IN_BRACKETS = new RegExp(String.raw`\s*\(\s*(?:${TICKET_WORD}\b\.?:?\s*)?(?:no\.?\s*|number\s*|#\s*)?${TICKET_ID}\s*\)`, 'gi');
/** "ticket SEC-2291", "Ref #88213", "re: RIT-552", "per ticket LEG-009": a reference said in the sentence. */
const REFERENCE = new RegExp(String.raw`(?:[ \t]*,[ \t]*|\b)(?:(?:from|via|per|in|on|under|following|after)\s+)?(?:the\s+)?${TICKET_WORD}\b\.?[ \t]*(?:no\.?|number|#|:)?[ \t]*${TICKET_ID}(?![\w-])`, 'gi');

/** "Hope your week is going OK.", "Let me know if you need anything else from me.", "Any questions, shout.". */
const COURTESY = /(^|[.!?;]\s*|,\s*|\n\s*)(?:(?:i\s+)?hope\s+(?:you(?:'re|\s+are)|your\s+[\w-]+\s+(?:is|has\s+been)|all\s+is|everyone\s+is|this\s+finds\s+you)\b[^.!?\n]{0,40}|(?:(?:and|pls|please|just)\s+)*(?:lmk|let\s+(?:me|us)\s+know|shout|ping\s+me|give\s+me\s+a\s+shout)\s+if\s+(?:(?:you\s+)?(?:need|have|want)\s+(?:anything|any(?:thing)?\s+(?:else|more|questions?|details?|info(?:rmation)?))|anything(?:'s|\s+is)?\s+(?:unclear|missing|confusing|off)|(?:you\s+have\s+)?(?:any\s+)?questions?|(?:this|that|it)\s+(?:doesn'?t|does\s+not)\s+make\s+sense)[^.!?\n]{0,30}|any\s+questions?\s*,?\s*(?:just\s+)?(?:shout|ping\s+me|let\s+me\s+know)|happy\s+to\s+(?:discuss|jump\s+on\s+a\s+call|explain)[^.!?\n]{0,30})\s*[.!?]?(?=\s|$)/gi;

/** "Retail IT here,", "Threat Intel here.", "Marcus from CTI here -": who writes. */
const WHO_WRITES = /(^|[.!?]\s+|\n\s*)(?:[A-Z][\w&/]*\s+){1,4}here\s*(?:[,.:!]|\s[-\u2013\u2014])\s*/g;

/** "Passing this on from the Messaging team -", "Forwarding this from the helpdesk queue.", "This came in via the Exec Support desk.". */
const PASSED_ON = /(^|[.!?]\s+|\n\s*)(?:(?:passing|forwarding|sending|raising|bringing)\s+this\s+(?:on\s+|over\s+|along\s+)?(?:from|on\s+behalf\s+of|for)|this\s+(?:came|comes|has\s+come)\s+(?:in\s+)?(?:via|from|through))\s+[^.!?\n]{2,80}?(?:[.!?](?=\s|$)|\s+[-\u2013\u2014]\s+|(?=\n)|$)\s*/gi;

/** "What they'd like:", "Ask:", "The request:", "After some back and forth we settled on this:": the ask, announced. */
const ASK_LABEL = /(^|[.!?]\s+|\n\s*)(?:(?:what\s+(?:they|we|i)(?:'d|\s+would)\s+like|(?:the\s+|our\s+|my\s+)?(?:ask|request|requirement)|(?:(?:[\w-]+\s+){0,6}?)(?:we|they)\s+(?:settled|agreed|decided|landed)\s+on\s+(?:this|the\s+following))\s*:)\s*/gi;

/** Words that narrow or ask: a sentence with one is never a story. */
const NARROWS_OR_ASKS = /\b(?:only|just|not|never|no|none|don'?t|dont|except|excluding|unless|but|without|instead|avoid\w*|skip\w*|ignor\w*|exclud\w*|spare|leave|alone|if|when|whenever|once|where|while|until|please|pls|could|can|would|should|must|shall|need|needs|want|wants|like|prefer|ensure|make\s+sure|automat\w*|rule|playbook)\b|n't\b|->|=>|\u2192|:/i;

/** Names that could narrow the steps: capitalised words inside the sentence, kinds of device, severities, IOC kinds. */
const NAMES = /(?<=\S\s+)[A-Z][\w-]*|\b(?:servers?|workstations?|laptops?|desktops?|dcs?|macs?|macos|linux|windows|kiosks?|terminals?|critical|high|medium|low|informational|hash(?:es)?|ips?|urls?|domains?|vips?|executives?|admins?|contractors?|guests?|groups?|tags?|tagged)\b/g;

function said(word: string, rest: string): boolean {
  const stem = word.toLowerCase().replace(/s$/, '').slice(0, 5);
  return rest.toLowerCase().includes(stem);
}

/** A reference anywhere in the text, tested once (the global patterns above keep a position between calls). */
const ANY_REFERENCE = new RegExp(String.raw`${REFERENCE_IN_BRACKETS.source}|\b${TICKET_WORD}\b\.?\s*(?:no\.?|number|#|:)?\s*${TICKET_ID}`, 'i');

/** Whether a mail's or a ticket's envelope may be around the request. */
function enveloped(text: string): boolean {
  return /\n\s*\n/.test(text.trim()) || ANY_REFERENCE.test(text) || /^\s*(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening))\b/i.test(text);
}

/** Quoted text ("add the comment 'known tool, ticket 4411'"): what a step writes, never an envelope. */
const QUOTED = /["\u201c][^"\u201d\n]*["\u201d]|(?<!\w)['\u2018][^'\u2019\n]*['\u2019](?!\w)/g;

/** "Let me know if you need anything else.", ", lmk if anything's unclear": a courtesy, wherever it stands; kept as background. */
export function courtesies(text: string, background: string[]): string {
  return text.replace(COURTESY, (m: string, lead: string) => {
    const what = m.slice(lead.length).trim().replace(/[,.;:!?\s-]+$/g, '');
    if (what) background.push(what);
    return lead;
  });
}

export function ticketEnvelope(input: string, background: string[], stepVerb: RegExp): string {
  if (!enveloped(input.replace(QUOTED, '""'))) return input;
  /** Replaces what the pattern finds outside quoted text. */
  const outsideQuotes = (text: string, re: RegExp, by: (m: string) => string): string => {
    const quoted = [...text.matchAll(QUOTED)].map((q) => [q.index, q.index + q[0].length]);
    return text.replace(re, (m: string, ...rest: unknown[]) => {
      const at = rest.find((x) => typeof x === 'number') as number;
      return quoted.some(([from, to]) => at >= from && at < to) ? m : by(m);
    });
  };
  const aside = (m: string, lead = ''): string => {
    const what = m.slice(lead.length).trim().replace(/^[,(\s]+|[,.;:!)\s-]+$/g, '');
    if (what) background.push(what);
    return lead;
  };
  let text = input.replace(PASSED_ON, (m, lead: string) => aside(m, lead));
  text = outsideQuotes(text, REFERENCE_IN_BRACKETS, (m) => aside(m));
  text = outsideQuotes(text, REFERENCE, (m) => aside(m))
    .replace(COURTESY, (m, lead: string) => aside(m, lead))
    .replace(WHO_WRITES, (m, lead: string) => aside(m, lead))
    .replace(ASK_LABEL, (m, lead: string) => aside(m, lead))
    // ("Hi all, quick one. When ...": the words left of a greeting's line.)
    .replace(/(^|[.!?,]\s+|\n\s*)quick\s+one\s*[.,:!-]\s*/gi, (m, lead: string) => aside(m, lead));
  // The story of why: a sentence that narrows nothing and names nothing the rest does not name again.
  const parts = text.split(/((?<=[.!?])\s+|\n+)/);
  text = parts.map((sentence, i) => {
    if (i % 2 === 1 || !/[.!?]\s*$/.test(sentence) || sentence.trim().split(/\s+/).length < 4) return sentence;
    // ("... and they asked if we could automate part of the clean-up": how the request came about.)
    const body = sentence.replace(/[.!?]\s*$/, '').replace(/\s*,?\s*(?:and\s+|so\s+)?(?:they|he|she|someone|people|management|the\s+[\w-]+\s+team)\s+(?:asked|wondered|want(?:ed)?\s+to\s+know)\s+(?:if|whether)\s+(?:we|you|rampart)\s+(?:could|can|would)\s+(?:help\s+)?automate\s+[^.!?\n]*$/i, '');
    // ("The lab team runs EICAR test files all day": "run" is a step only with a scan after it.)
    const verbs = body.replace(/\bru(?:n|ns|nning)\b(?!\s+(?:an?\s+)?(?:full\s+|quick\s+)?(?:av|antivirus|anti-virus|virus|scans?)\b)/gi, '');
    if (NARROWS_OR_ASKS.test(body) || stepVerb.test(verbs) || /["\u201c@]|(?:^|\s)['\u2018]|\d/.test(body)) return sentence;
    // (A sentence that starts with a verb is an instruction, not a story.)
    if (!/^\s*(?:we|they|i|our|the|their|it|this|that|people|users|everyone|someone|[A-Z][\w&-]*(?:\s+(?:and|&)\s+[A-Z][\w&-]*)?\s+(?:team|raised|asked|said|reported|keeps?|runs?|noticed|has|have|had|is|are|was|were))\b/i.test(body)) return sentence;
    const rest = parts.filter((_p, j) => j !== i).join(' ');
    if (![...body.matchAll(NAMES)].every((n) => said(n[0], rest))) return sentence;
    background.push(body.trim());
    return '';
  }).join('');
  return text;
}

/** Verbs of steps that change a device, a user, an IOC or an incident. */
const DESTRUCTIVE_VERB = /\b(?:isolat|block|disabl|quarantin|restrict|contain|reset|revok|clos|resolv|delet|remov|suspend|lock|kill|stop|ban|assign|tag|confirm|dismiss|release)\w*/i;

/** Business acronyms a manager writes in the why (KPI, SLA, MTTR, CISO): they name no incidents. */
const BUSINESS_ACRONYM = /^(?:KPIs?|SLAs?|MTTR|MTTD|MTTA|CISO|CFO|CEO|CTO|CIO|MSSP|MSP|SOC|L[123]|T[123]|HR|IT|OKRs?|QBR|RFP|ISO|SOX|PCI|GDPR|HIPAA|NIST|DORA|NIS2)$/;

/** How a manager opens the why: "To make sure ...", "Given ...", "With the new ...", "From a KPI standpoint ...". */
const WHY_LEAD = /^(?:to\s+(?:make\s+sure|ensure|support|meet|stay|keep|comply|help|demonstrate|reduce|improve|cut|avoid|prevent)|in\s+order\s+to|so\s+that|given|with\s+the\s+(?:new|current|upcoming)|from\s+an?\s+[\w-]+\s+(?:standpoint|perspective|point\s+of\s+view)|for\s+the\s+(?:[\w-]+\s+){1,3}(?:renewal|audit|review|report|programme|program|project)|following|after|because|since|as\s+(?:discussed|agreed|mentioned))\b/i;
/** Where the ask starts after the why: ", so going forward,", "; for incidents ...", ", whenever ...", ", I'd like ...". */
const ASK_PIVOT = /(?:,\s*so\s+(?:going|moving)\s+forward\s*,?|,\s*so\s+from\s+now\s+on\s*,?|[,;]\s*(?:so\s+)?(?=(?:for\s+(?:any|all|every|each|incidents?|alerts?|risky|the)|on\s+(?:any|all|every|each)|whenever|when\s+(?:an?|any)|if\s+(?:an?|any)|please|i'?d\s+like|i\s+(?:want|need)|we\s+(?:need|want)|can\s+you|could\s+you)\b))\s*/i;

/**
 * "To make sure nothing falls through the cracks ..., and so that we stay inside the SLA, whenever an incident is tagged
 * ...": the why a manager says before the ask is background. Only a why that narrows nothing (no negation, exception or
 * step) and names nothing the ask does not name again (business acronyms aside) is dropped; otherwise it stays and its
 * words are read.
 */
export function managerWhy(input: string, background: string[], stepVerb: RegExp): string {
  return input.split(/((?<=[.!?])\s+|\n+)/).map((sentence, i, parts) => {
    if (i % 2 === 1) return sentence;
    const lead = /^\s*(?:team|all|folks|hi\s+all)\s*,\s*/i.exec(sentence)?.[0] ?? '';
    const body = sentence.slice(lead.length);
    const pivot = ASK_PIVOT.exec(body);
    if (!pivot || pivot.index < 15) return sentence;
    const why = body.slice(0, pivot.index);
    const strong = /going\s+forward|moving\s+forward|from\s+now\s+on/i.test(pivot[0]);
    if (!strong && !WHY_LEAD.test(why)) return sentence;
    // (A verb of a step that changes something is never why; "clear accountability", "check in" are.)
    const verbs = why.replace(/\bcontainment\b|[\w']+(?:-[\w']+)+/gi, '');
    if (/\b(?:only|just|not|never|no|except|unless|but|without|instead|skip\w*|exclud\w*)\b|n't\b/i.test(why) || (stepVerb.test(verbs) && DESTRUCTIVE_VERB.test(verbs))) return sentence;
    const rest = [body.slice(pivot.index), ...parts.filter((_p, j) => j !== i)].join(' ');
    const names = [...why.matchAll(NAMES)].map((n) => n[0]).filter((n) => !BUSINESS_ACRONYM.test(n) && !/^(?:To|Given|With|From|For|Following|After|Because|Since|As|In|So|Team|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/.test(n));
    if (!names.every((n) => said(n, rest))) return sentence;
    background.push(why.trim());
    return lead + body.slice(pivot.index + pivot[0].length);
  }).join('');
}

/** A document a request is copied from: a client's onboarding form, a checklist, an escalation matrix. */
const DOCUMENT = String.raw`(?:(?:onboarding|intake|escalation|client|customer|service|config(?:uration)?)\s+)?(?:forms?|checklists?|matrix|matrices|questionnaires?|spreadsheets?|worksheets?)`;
/** Where in it, and what it says there: "section 4", "item 7", "page 'Identity response'", "Q12 \"IOC blocking\" = YES". */
const DOCUMENT_PART = String.raw`(?:\s*,?\s*(?:section|item|page|question|part|tab|row|line)\s*#?\s*(?:\d+(?:\.\d+)*[a-z]?|["'\u2018\u201c][^"'\u2019\u201d\n]{1,40}["'\u2019\u201d])|\s+Q\d+|\s*["'\u2018\u201c][^"'\u2019\u201d\n]{1,40}["'\u2019\u201d]|\s*=\s*(?:yes|no|y|n|true|false|on|off|enabled|disabled)\b|\s*\([^()\n]{1,60}\))`;
/**
 * "Hi, setting up Northwind Traders per their onboarding form (section 4 - Automated containment):", "Fabrikam onboarding
 * checklist item 7 (triage ownership):", "tailspin form 'Notifications':": the document, named before the ask.
 */
const DOCUMENT_HEADING = new RegExp(String.raw`^(\s*(?:(?:hi|hey|hello|morning)(?:\s+\w+)?\s*[,!.]\s*)?)((?:(?:setting\s+up|configuring|onboarding|adding|doing)\s+[^,.:;\n]{1,40}?\s+)?(?:(?:per|from|following|according\s+to)\s+)?(?:(?:their|the|our|this)\s+)?((?:[\w&'-]+\s+){0,3}?)${DOCUMENT}${DOCUMENT_PART}*)\s*(?::\s*|,\s*(?=only\b)|\s+[-\u2013\u2014]>?\s+)`, 'i');
/** Words that say which cases or steps: a heading with one of them is read, not set aside. */
const CASE_WORDS = /\b(?:only|just|not|never|no|none|except|unless|but|without|instead|skip\w*|exclud\w*|if|when|critical|high|medium|low|informational|sev\w*|servers?|workstations?|laptops?|desktops?|macs?|macos|linux|windows|vips?|execs?|executives?|admins?|tag\w*|groups?|tier\s*\d|ransom\w*|phish\w*|malware|identity|e-?mail|mail|endpoints?|devices?|users?|accounts?|iocs?|ips?|urls?|hash(?:es)?|domains?|files?)\b|n't\b/i;

/** What a rule or a runbook is called in a policy book: "Policy", "Standard", "Control", "Runbook". */
const RULE_KIND = String.raw`(?:policy|rule|standard|directive|procedure|control|runbook|playbook|sop|guideline|requirement|use\s+case)`;
/** Its code: "IAM-7", "SOC-AUTO-004", "RB-MAL-01", "IR-ISO v3" (a number or a version in it). */
const RULE_CODE = String.raw`[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+`;
/**
 * "Policy SOC-AUTO-004 (Endpoint containment).", "Directive TI-5.", "RB-MAL-01 — ...:" on its own line, "IR-ISO v3" on its
 * own line: the name of the rule a request is copied from. Without the kind of rule the code must stand on its own line
 * (a device's name before a colon is no title).
 */
const RULE_TITLE = new RegExp(String.raw`^(\s*)(?:${RULE_KIND}\s+(${RULE_CODE}|[A-Z][A-Z0-9]*-?\d[\w.-]*)(?:\s+v\d+(?:\.\d+)*)?(?:\s*\(([^()\n]{1,60})\))?\s*(?:[.:]\s+|\s*\n\s*|\s+[-\u2013\u2014]+\s+([^\n:]{1,60})\n\s*)|(${RULE_CODE})(?:\s+v\d+(?:\.\d+)*)?\s*(?:\n\s*|[-\u2013\u2014]+\s+(?=[^\n]{1,80}:\s*\n)))`, 'i');

/** "mac fleet runbook:", "IR playbook v2:", "triage rules for the shared queue:" on a line of their own, above the runbook's lines. */
const RUNBOOK_HEADING = /^(\s*)((?:[\w/&-]+\s+){0,4}?(?:runbook|playbook|procedure|sop|checklist|rules)(?:\s+v\d+(?:\.\d+)*)?(?:\s+for\s+[^:\n]{1,60}?)?)\s*:[ \t]*\n\s*/i;

/**
 * The name of the rule a request is copied from is background. Its title in brackets is too when its words name no case,
 * or only cases the rule says again ("(Cloud Apps)", "(Endpoint containment)" before "Defender for Endpoint"); a title
 * that narrows ("(Linux servers)" said nowhere else) stays and is read.
 */
export function ruleTitle(input: string, background: string[]): string {
  const named = RUNBOOK_HEADING.exec(input);
  if (named) {
    // "mac fleet runbook:" above steps that say macOS again: the runbook's name. One that names a case said nowhere else
    // ("linux runbook:" above steps that never say Linux) stays and is read.
    const rest = input.slice(named.index + named[0].length);
    const words = named[2].match(/[\w-]+/g) ?? [];
    if (words.every((w) => !CASE_WORDS.test(w) || said(w, rest))) {
      background.push(named[2].trim());
      return named[1] + rest;
    }
  }
  const m = RULE_TITLE.exec(input);
  if (!m) return input;
  const code = m[2] ?? m[5];
  if (!/\d/.test(code) && !/\sv\d/i.test(m[0])) return input;
  const rest = input.slice(m.index + m[0].length);
  // ("Standard ST-4 - Containment" on its own line: the words after the dash are its title too.)
  for (const title of [m[3], m[4]]) {
    const words = title?.match(/[\w-]+/g) ?? [];
    if (!words.every((w) => !CASE_WORDS.test(w) || said(w, rest))) return input;
  }
  background.push(m[0].trim().replace(/[.:\u2013\u2014-]+$/, '').trim());
  return m[1] + rest;
}

/** The SOAR products a playbook is ported from. */
const SOAR_PRODUCT = String.raw`(?:splunk\s+soar|xsoar|cortex\s+xsoar|phantom|demisto|swimlane|tines|soar)`;
/** "Migrating from XSOAR.", "Rebuild:", "XSOAR post-processing equivalent:", "We used XSOAR 'X' with a manual review task.". */
const PORTED_FROM = [
  new RegExp(String.raw`^\s*(?:(?:i'?m|we'?re|just)\s+)?(?:migrat|port|mov|convert|rebuild|replac|recreat)\w*\s+[^.:\n]{0,60}?\b${SOAR_PRODUCT}\b[^.:\n]{0,40}?[.:](?:\s+|$)`, 'i'),
  new RegExp(String.raw`^\s*(?:rebuild|here|so\s+here|port|new\s+version)\s*:\s*`, 'i'),
  new RegExp(String.raw`^\s*(?:our\s+)?${SOAR_PRODUCT}\b\s*(?:["'\u2018\u201c][^"'\u2019\u201d\n]{1,60}["'\u2019\u201d]\s*)?(?:post-processing\s+|playbook\s+)?(?:replacement|equivalent|port|rebuild)\s*[,:]\s*`, 'i'),
  new RegExp(String.raw`^\s*(?:in\s+${SOAR_PRODUCT}\s*,?\s*)?(?:we|our\s+(?:old\s+)?(?:${SOAR_PRODUCT}\s+)?(?:playbook|flow|setup)|${SOAR_PRODUCT}|the\s+old\s+(?:playbook|flow))\s+(?:had|used|ran|did|was|were|called)\b[^.\n]{0,140}?\.(?:\s+|$)`, 'i'),
];

/**
 * Where a ported playbook comes from and what the old one was ("Migrating from XSOAR.", "Our Phantom playbook had a prompt
 * block before 'contain endpoint'.") is background when nothing in it narrows or asks for a step outside quotes: the
 * request says what to build after it. A story that narrows ("In XSOAR we only ran this on servers.") stays and is read.
 */
export function portedFrom(input: string, background: string[], stepVerb: RegExp): string {
  let text = input;
  for (let i = 0; i < 3; i++) {
    const m = PORTED_FROM.map((re) => re.exec(text)).find((x) => x !== null);
    if (!m) break;
    // ("We had an outbreak last week." is no port; "Here:" is one only after the port was named.)
    if (!SOAR_NAMED.test(m[0]) && (i === 0 || !/^\s*(?:rebuild|here|so\s+here|port|new\s+version)\s*:/i.test(m[0]))) break;
    const bare = m[0].replace(/["'\u2018\u201c][^"'\u2019\u201d\n]{1,60}["'\u2019\u201d]/g, ' ');
    const soarVerbs = bare.replace(/\b(?:migrat|port|rebuild|replac|recreat|convert|mov)\w*|\b(?:had|used|ran|did|was|were|called)\b/gi, ' ');
    if (NARROWS_OR_ASKS_STORY.test(bare) || stepVerb.test(soarVerbs)) break;
    background.push(m[0].trim().replace(/[.:,]+$/, ''));
    text = text.slice(m.index + m[0].length);
  }
  return text;
}
const SOAR_NAMED = new RegExp(String.raw`\b${SOAR_PRODUCT}\b`, 'i');
/** What a SOAR story may not say to be set aside: a narrowing, a case. */
const NARROWS_OR_ASKS_STORY = /\b(?:only|just|not|never|no|none|except|unless|without|instead|skip\w*|exclud\w*|if|when|whenever|critical|high|medium|low|informational|servers?|workstations?|laptops?|macs?|linux|windows|vips?|admins?|tagged|group)\b|n't\b|\d/i;

/** The document a request is copied from, named before the ask, is background; its words never narrow the steps. */
export function documentHeading(input: string, background: string[]): string {
  const m = DOCUMENT_HEADING.exec(input);
  if (!m) return input;
  // (Its parts are checked without the document's own noun: "escalation matrix" names no case.)
  const said = m[2].replace(new RegExp(DOCUMENT, 'gi'), ' ').replace(/\b(?:setting\s+up|configuring|onboarding|per|from|following|according\s+to|their|the|our|this|section|item|page|question|part|tab|row|line)\b/gi, ' ');
  if (CASE_WORDS.test(said)) return input;
  background.push(m[2].trim());
  return m[1] + input.slice(m.index + m[0].length);
}

