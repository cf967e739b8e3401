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

/**
 * "Yesterday we had a big problem with a phishing mail, my boss is angry, so we need to be faster with this.": what
 * happened, told before the ask. A sentence that opens on a past time and has no step and no case in it is the story.
 */
function pastStory(text: string): string {
  return text.replace(
    /(^|[.!?]\s+|\n\s*)(?:yesterday|last\s+(?:night|week|month|friday|monday|tuesday|wednesday|thursday|weekend|shift)|this\s+(?:morning|week)|earlier\s+today|the\s+other\s+day|recently|a\s+(?:few|couple\s+of)\s+(?:days|weeks)\s+ago)\b[^.!?\n]{0,240}[.!]\s*/gi,
    (m: string, lead: string) => (new RegExp(String.raw`\b(?:${CHAT_STEP}|send|notify|assign|comment|contain|lock|if|when|whenever|unless|only|except|every|each|any|must|should|shall|please|pls|never|not|no|dont|don't|without|from\s+now\s+on|going\s+forward)\b|\?`, 'i').test(m.slice(lead.length)) ? m : lead),
  );
}

/**
 * "last night was a mess with the finance laptops again anyway going forward if ...": a dictated story with no stop, ended
 * by "anyway" (and "going forward"); it goes when it names no step and no case.
 */
function dictatedStory(text: string): string {
  return text.replace(
    /(^|[.!?]\s+)(?:(?:ok(?:ay)?|so|um+|uh+|er+|right)[\s,]+)*((?:last\s+(?:night|week)|yesterday|this\s+morning|earlier\s+today)\b[^.!?\n]{0,200}?)\s+(?:anyway|anyhow|anyways)\s+(?:going\s+forward\s+|from\s+now\s+on\s+)?/gi,
    (m: string, lead: string, story: string) => (new RegExp(String.raw`\b(?:${CHAT_STEP}|send|notify|assign|comment|contain|lock|if|when|whenever|unless|only|except|never|not|no|dont|don't)\b`, 'i').test(story) ? m : lead),
  );
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
  // "non-prod boxes (device tag `non-prod`):", "the dental PCs (device group Dental)": the devices the bracket names, which is
  // what the words before it meant (a platform word stays). One line: a name never reaches back over a line break.
  text = text.replace(
    /(^|[.;:!?][ \t]+|\n[ \t]*|\b(?:one[ \t]+of[ \t]+)?(?:the|our|any|all|those|these)[ \t]+)((?:(?!(?:the|our|any|all|those|these|an?|and|or|on|in|for|of|to|with|if|when|only|just|please|pls|run|do|isolate|iso|scan|collect|restrict|block|quarantine|contain|tag|skip|never|not|no|dont|don't)\b)[\w-]+[ \t]+){0,3}?)(?:pcs?|machines?|devices?|boxes|box|laptops?|computers?|workstations?|servers?|hosts?|endpoints?)[ \t]*\([ \t]*(?:in[ \t]+)?(?:the[ \t]+)?(device[ \t]+group|machine[ \t]+group|rbac[ \t]+group|machine[ \t]+tag|device[ \t]+tag)[ \t]+["'`\u2018\u201c]?([\w-]+)["'`\u2019\u201d]?[ \t]*\)/gi,
    (_m, lead: string, words: string, kind: string, name: string) => {
      const platform = (words.match(/\b(?:windows|linux|mac\s?os|macs?)\b/gi) ?? []).join(' ');
      const where = /tag/i.test(kind) ? `tagged '${name}'` : `in the '${name}' device group`;
      return /^one\s+of/i.test(lead.trim()) && !platform ? `${lead.replace(/one\s+of\s+(?:the|our|any|all|those|these)\s+$/i, '')}${where}` : `${/^(?:the|our|any|all|those|these)\b/i.test(lead.trim()) ? lead : `${lead}the `}${platform ? `${platform} ` : ''}devices ${where}`;
    },
  );
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
    .replace(/(^|[.;!?]\s+|\n\s*)notwithstanding\s+(?:the\s+foregoing|anything\s+(?:to\s+the\s+contrary|above|herein)|the\s+above|any\s+(?:other\s+)?provision\s+(?:of|in)\s+(?:this|the)\s+(?:automation|policy|playbook|rule|document|procedure))\s*,?\s*/gi, '$1')
    // "Save as aforesaid,", "Subject to the foregoing,", "without prejudice to the existing escalation procedure,", "Pursuant to
    // the resolution adopted by the Risk Committee at its meeting of 3 March,": where the rule stands among others.
    .replace(/(^|[.;!?,]\s*|\n\s*)(?:(?:and\s+)?(?:save\s+as\s+aforesaid|subject\s+to\s+the\s+(?:foregoing|above)|without\s+prejudice\s+to\s+[^,.;]{3,80}?|pursuant\s+to\s+[^,.;]{3,160}?)\s*,\s*)+/gi, '$1')
    // "the foregoing shall, however, apply solely to incidents in which ..., and shall not apply to any incident which has
    // already been resolved": the case of the steps before, and the case left out.
    .replace(/[;,]?\s*the\s+foregoing\s+shall\s*,?\s*(?:however\s*,?\s*)?apply\s+(?:solely|only|exclusively)\s+to\s+/gi, ', only for ')
    .replace(/,?\s*and\s+shall\s+not\s+apply\s+to\s+any\s+(incident|alert)\s+which\s+(?:has|have)\s+already\s+been\s+(resolved|closed)\b/gi, (_m, noun: string) => `, and not for ${noun}s that are already resolved`)
    .replace(/\b(incidents?|alerts?)\s+in\s+which\s+an?\s+(device|machine|host)\s+(?:belonging\s+to|in|of)\s+the\s+(?:device\s+)?group\s+(["'\u2018\u201c][^"'\u2019\u201d]{1,60}["'\u2019\u201d])\s+is\s+(?:implicated|involved)\b/gi, "$1 with a $2 in the device group $3")
    // "in any intermediate case, no action shall be taken save for a notification to the Teams channel": otherwise, only that.
    .replace(/\bin\s+(?:any|all)\s+(?:intermediate|other|remaining)\s+cases?\s*,\s*no\s+(?:other\s+|further\s+)?action\s+shall\s+be\s+taken\s+(?:save|except)\s+for\s+a\s+notification\s+(?:to|in|on)\s+the\s+teams\s+channel\b/gi, 'otherwise, only post to the Teams channel')
    // "Devices running macOS or Linux shall be excluded from antivirus scanning under this automation, such devices being
    // scanned under a separate arrangement; all other devices ...": never scanned here, and why; the rest are the devices.
    .replace(/(^|[.;!?]\s+|\n\s*)((?:the\s+)?(?:devices|machines|hosts|endpoints)\s+(?:running|on|with)\s+[^,.;]{2,60}?)\s+shall\s+be\s+excluded\s+from\s+(?:antivirus\s+|av\s+)?scanning(?:\s+under\s+this\s+(?:automation|policy|playbook))?(?:\s*,\s*such\s+devices\s+being\s+[^;.]{3,120})?/gi, (_m, lead: string, who: string) => `${lead}never scan ${who}`)
    .replace(/(\bnever\s+scan\s+[^;.]{3,80}[;.]\s*)all\s+other\s+(devices|machines|hosts|endpoints)\b/gi, '$1the $2')
    // "shall be communicated by electronic mail to the recipient of that message": mailed to them; "provided always that no such
    // correspondence shall be sent where ...": not in that case.
    .replace(/\bshall\s+be\s+communicated\s+by\s+(?:e-?mail|electronic\s+mail)\s+to\s+/gi, 'shall be emailed to ')
    .replace(/(^|[.;!?]\s+|\n\s*)((?:every|each|any|all)\s+(?:incident|alert)s?\b[^.;!?\n]{0,160}?)\s+shall\s+be\s+emailed\s+to\s+/gi, '$1For $2, email ')
    .replace(/\bin\s+respect\s+(?:thereof|of\s+it|of\s+them)\b/gi, '')
    .replace(/[;,]?\s*provided\s+(?:always\s+)?that\s+no\s+such\s+(?:correspondence|notification|e-?mail|mail|message|communication)\s+shall\s+be\s+(?:sent|made|issued)\s+(?:where|when|if)\s+/gi, ', but not when ')
    // "no device bearing the tag 'X' shall be isolated, nor shall the execution of applications thereon be restricted":
    // never, for those devices; "implicated in", "thereon": in, on it.
    .replace(/(^|[.;!?]\s+|\n\s*)no\s+(device|machine|host|endpoint)\s+(?:bearing|carrying|having|with)\s+the\s+tag\s+(["'\u2018\u201c][^"'\u2019\u201d]{1,40}["'\u2019\u201d]|[\w-]+)\s+shall\s+be\s+(isolated|contained|scanned|restricted)\b(\s*,?\s*nor\s+shall\s+the\s+execution\s+of\s+(?:applications|apps|programs|code)\s+(?:thereon|on\s+(?:it|them))\s+be\s+restricted\b)?/gi, (_m, lead: string, noun: string, tag: string, done: string, nor: string | undefined) => {
      const devices = `${noun}s tagged ${tag}`;
      return `${lead}never ${done.replace(/ed$/i, 'e').replace(/scanne$/i, 'scan').replace(/restricte$/i, 'restrict')} ${devices}${nor ? `, and never restrict app execution on ${devices}` : ''}`;
    })
    .replace(/\bthe\s+execution\s+of\s+(?:applications|apps|programs|code)\s+thereon\s+shall\s+be\s+restricted\b/gi, 'restrict app execution on that device')
    .replace(/\b(is|are|was|were|be|being)\s+implicated\s+in\b/gi, '$1 in')
    .replace(/\b(is|are|was|were|be|being)\s+implicated\b/gi, '$1 involved')
    .replace(/\b(devices?|users?|accounts?|mailbox(?:es)?|files?|hash(?:es)?|ips?|urls?)\s+implicated\s+in\b/gi, '$1 in')
    // "twenty (20) engines", "ninety (90) days": the number, said twice.
    .replace(/\b(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one\s+hundred|a\s+hundred)\s*\(\s*(\d+)\s*\)/gi, '$1')
    // "fewer than twenty", "not fewer than five": a count said in words.
    .replace(/\b(than|least)\s+(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)\b(?!\s*\()/gi, (_m, than: string, n: string) => `${than} ${NUMBER_WORD.indexOf(n.toLowerCase()) + 1 || { twenty: 20, thirty: 30, forty: 40, fifty: 50 }[n.toLowerCase()]}`)
    // "that user's account shall be disabled and all of their sessions revoked": the second step said without its verb.
    .replace(/\band\s+(all\s+(?:of\s+)?(?:their|his|her|its)\s+(?:sign-?in\s+)?sessions)\s+revoked\b/gi, 'and revoke $1')
    // "no action shall be taken against the account and the CISO (x@y) shall instead be informed by email": only the mail.
    .replace(/\bno\s+action\s+shall\s+be\s+taken\s+against\s+(?:the|that|this|his|her|their)\s+(?:account|user)s?\s+and\s+(?:the\s+)?((?:[^,.;]|\.(?=\w)){2,120}?)\s+shall\s+instead\s+be\s+(?:informed|notified|told|advised)\s+by\s+(?:e-?mail|electronic\s+mail)\b/gi, (_m, who: string) => `only send an email to ${/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/.exec(who)?.[0] ?? `the ${who}`}`)
    // "a user in an incident of High severity is a member of": the severity before its noun, so the user's test reads on.
    .replace(/\b(an?\s+)(incident|alert)\s+of\s+(critical|high|medium|low|informational)\s+severity(\s+or\s+(?:above|higher|more)|\s+and\s+(?:above|up|higher))?\b/gi, (_m, _art: string, noun: string, level: string, up: string | undefined) => `${/^[aeiou]/i.test(level) ? 'an ' : 'a '}${level}${up ? ' or higher' : ''} severity ${noun}`)
    // "by no engine whatsoever": by none; "reports a risky sign-in": raises such an alert.
    .replace(/\b(no\s+[\w-]+)\s+whatsoever\b/gi, '$1')
    .replace(/\b(?:if|when|in\s+the\s+event\s+that)\s+((?:microsoft\s+)?(?:entra\s+id\s+protection|identity\s+protection|azure\s+ad\s+identity\s+protection))\s+(?:reports|raises|flags|detects)\s+an?\s+(risky\s+sign-?in|risky\s+user|leaked\s+credentials?)\s+and\s+/gi, 'for $2 alerts from $1, if ')
    // "Having regard to the requirements set out in the Policy,": where the rule comes from.
    .replace(/(^|[.;!?]\s+|\n\s*)having\s+regard\s+to\s+[^,.;]{3,160}?\s*,\s*/gi, '$1')
    // "no fewer than 20 engines", "fewer than 20 but not fewer than 5 engines so report": at least, and a band.
    .replace(/\bfewer\s+than\s+(\d+)\s+but\s+(?:not\s+fewer|no\s+fewer|not\s+less|no\s+less)\s+than\s+(\d+)\b/gi, (_m, hi: string, lo: string) => `between ${lo} and ${Number(hi) - 1}`)
    .replace(/\b(?:no|not)\s+(?:fewer|less)\s+than\s+(?=\d)/gi, 'at least ')
    .replace(/\b(engines?|vendors?|scanners?)\s+so\s+report\b/gi, '$1 flag it')
    .replace(/\bby\s+means\s+of\s+(?:an?\s+)?((?:defender\s+)?indicators?)\b/gi, 'as a $1')
    .replace(/,?\s*which\s+shall\s+expire\s+(\d+)\s+(days?|weeks?|months?)\s+after\s+(?:its|their)\s+creation\b/gi, ', expiring after $1 $2')
    // "an indicator shall nonetheless be created but shall be limited to raising an alert, without blocking": one that only
    // alerts; "no indicator whatsoever shall be created": none.
    .replace(/\ban\s+indicator\s+shall\s+(?:nonetheless\s+|nevertheless\s+|still\s+|also\s+)?be\s+created\s+(?:but|which)\s+shall\s+be\s+limited\s+to\s+raising\s+an\s+alert(?:\s*,?\s*without\s+blocking)?/gi, 'create an alert only indicator')
    .replace(/\bno\s+indicator\s+(?:whatsoever\s+|at\s+all\s+)?shall\s+be\s+created\b/gi, 'do nothing')
    // "for the avoidance of doubt, incidents of a lesser severity shall not be so notified": the other side, left alone.
    .replace(/[,;]?\s*(?:for\s+the\s+avoidance\s+of\s+doubt|to\s+be\s+clear|for\s+clarity)\s*,\s*(?:incidents?|alerts?)\s+of\s+(?:a\s+|any\s+)?(?:lesser|lower|other)\s+severit(?:y|ies)\s+(?:shall|will|must|should|are\s+to)\s+not\s+be\s+(?:so\s+)?\w+/gi, '. Otherwise, do nothing')
    .replace(/(^|[.;!?]\s+|\n\s*)(?:the\s+(?:soc|analyst(?:\s+on\s+duty)?|platform|playbook|automation|system|responder)|rampart|we)\s+(?:shall|must|will|should)\s*,\s*(?=(?:in\s+the\s+event\s+that|if|when|where|whenever|provided\s+that|upon)\b)/gi, '$1')
    .replace(/\b(?:the\s+)?said\s+(hash(?:es)?|files?|devices?|machines?|hosts?|users?|accounts?|ips?|ip\s+address(?:es)?|urls?|domains?|incidents?|alerts?|indicators?|mailbox(?:es)?)\b/gi, 'the $1')
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

/** The verb a stem of "tags", "closes", "notifies" stands for. */
const STEM_VERB: Record<string, string> = { tag: 'tag', assign: 'assign', clos: 'close', isolat: 'isolate', block: 'block', disabl: 'disable', scan: 'scan', email: 'email', post: 'post', reset: 'reset', revok: 'revoke', collect: 'collect', restrict: 'restrict', quarantin: 'quarantine', comment: 'comment', notif: 'notify' };

/** Counts said in words, one to nineteen. */
const NUMBER_WORD = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];

/** What starts a clause, kept before the words put in its place: an emoji that ended the clause before stands apart. */
function clauseLead(lead: string): string {
  return /\p{Extended_Pictographic}/u.test(lead) ? `${lead.trim()} ` : lead;
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
    // "isolate it but the selective one so teams still works": selectively, and why.
    .replace(/\b(isolate|iso|contain)\s+(it|them|the\s+(?:device|box|machine|host|laptop))\s+(?:but\s+)?(?:the|a|with)\s+(selective|full)\s+(?:one|kind|mode|isolation|type)\b/gi, (_m, _verb: string, what: string, kind: string) => `${kind.toLowerCase() === 'selective' ? 'selectively' : 'fully'} isolate ${what}`)
    .replace(/\s*,?\s*\bso\s+(?:that\s+)?(?:teams|outlook|email|mail|the\s+user|they|he|she|users?|people|ppl)\s+(?:still\s+|can\s+still\s+)?(?:works?|wrks|working|keeps?\s+working|can\s+(?:still\s+)?(?:work|talk|chat|call|email))\b(?:\s+(?:at\s+least|tho|though))?/gi, '')
    // "if anyone in the Interns group pops up in a medium alert", "anyone else nah": a user of theirs in one; the others.
    .replace(/\b(?:pops?|popped)\s+up\s+in\b/gi, 'shows up in')
    .replace(/\b(if|when)\s+any(?:one|body)\s+in\s+the\s+/gi, '$1 a user in the ')
    .replace(/(^|[.;!?]\s+|,\s*|\p{Extended_Pictographic}\uFE0F?\s*)any(?:one|body)\s+else\s+(?:nah|no|nope|meh)\s*,?\s*/giu, (_m, lead: string) => `${clauseLead(lead)}otherwise, `)
    // "when theres a file alert": an alert with a file in it; "mac ones too": every device, which the steps already take.
    .replace(/\b(when|if|whenever)\s+(?:there'?s|theres|there\s+is|we\s+get|you\s+get|u\s+get)\s+an?\s+(file|url|ip|mailbox)\s+alert\b/gi, '$1 an alert involves a $2')
    .replace(/[,.]?\s*\b(?:the\s+|and\s+)?(mac|macos|linux|windows)\s+(?:ones|boxes|devices|machines|hosts)\s+too\b(?:\s+(?:pls|please|plz))?/gi, (m: string, os: string, at: number, whole: string) =>
      (new RegExp(String.raw`\b(?:except|not|never|skip\w*|exclud\w*|only)\b[^.;!?]{0,40}\b${os}`, 'i').test(whole.slice(0, at)) ? m : ''))
    // "... disable them just email X about it everybody else disable the account": the other people, said without a stop.
    .replace(new RegExp(String.raw`\s*,?\s*\b(?:every(?:body|one)|any(?:one|body))\s+else\s+(?=(?:${CHAT_STEP}|send|notify|assign|just|only|gets?|should)\b)`, 'gi'), '. Otherwise, ')
    // "nuke the box from orbit (full isolation)", "zap (stop+quarantine) any file": slang for a step the bracket names.
    .replace(/\b(?:nuke|zap|torch|yeet|axe|hose|kill)\s+((?:the|that|this|any|every|each)\s+[\w-]+\s+)?(?:from\s+orbit\s+)?\(\s*(full\s+isolation|selective\s+isolation|isolation|isolate|stop\s*(?:\+|and|&)\s*quarantine|quarantine|block)\s*\)\s*/gi, (_m, what: string | undefined, step: string) => {
      const verb = /selective/i.test(step) ? 'selectively isolate' : /isolat/i.test(step) ? 'fully isolate' : /quarantine/i.test(step) ? 'stop and quarantine' : 'block';
      return `${verb} ${what ?? ''}`;
    })
    // "(don't lock us out of the tenant again, fwiw)": why, in brackets.
    .replace(/\s*\((?=[^()]*\b(?:lock|locked|locking)\s+(?:us|ourselves|people|everyone|the\s+admins)\s+out\b)(?![^()]*\b(?:if|when|unless|only|except)\b)[^()]{3,120}\)/gi, '')
    // "everything else w/ a high alert: isolate": after a rule-out, the other devices of those alerts.
    .replace(/(^|[.;!?]\s+)(?:everything|everyone|anything|all)\s+else\s+(?:with|w\/)\s+an?\s+(critical|high|medium|low)\s+(alert|incident)\s*:\s*/gi, '$1On $2 $3s: ')
    // "i keep forgetting so can u ...", "today was sooo long 😩 anyway", "jordan said i should set this up so:": the writer's day,
    // and who asked for it.
    .replace(/\b(?:i|we)\s+(?:keep|always|kinda|sometimes)\s+forget(?:ting)?(?:\s+(?:to\s+do\s+(?:it|this|that)|it|this|that))?\s*(?:,\s*)?(?:so\s+)?/gi, '')
    .replace(/(^|[.!?]\s+)(?:omg\s+)?today\s+(?:was|has\s+been|is\s+being)\s+(?:so+\s+|such\s+an?\s+|really\s+|very\s+|a\s+)?[\w-]+(?:\s+day)?\s*(?:\p{Extended_Pictographic}\uFE0F?\s*)*(?:anyway|anyways|ok\s+so|so)?\s*,?\s*/giu, '$1')
    .replace(/(^|[.!?:]\s+|\p{Extended_Pictographic}\uFE0F?\s*)(?:anyway|anyways)\s*,?\s+/giu, '$1')
    .replace(/\b[\w-]+\s+(?:said|told\s+me|asked\s+me\s+to|wants?\s+me\s+to)\s+(?:that\s+)?(?:i\s+should\s+|to\s+|we\s+should\s+)?(?:set|put)\s+(?:this|it)\s+up(?:\s+so)?\s*:\s*/gi, '')
    // "dont touch anything else tho": the other cases get nothing.
    .replace(/(^|[.;!?]\s+|,\s*|\p{Extended_Pictographic}\uFE0F?\s*)(?:and\s+)?(?:dont|don'?t|do\s+not)\s+touch\s+anything\s+else(?:\s+(?:tho|though|pls|please|ok))*\b/giu, (_m, lead: string) => `${clauseLead(lead)}otherwise do nothing`)
    // "if the risk score is high ... if the risk score is lower": the other side of that level.
    .replace(/(^|[.;!?]\s+)if\s+the\s+(?:device(?:'s)?\s+)?risk(?:\s+score)?\s+is\s+(?:lower|less|below\s+that|anything\s+(?:lower|less|else))\b\s*,?\s*/gi, (m: string, lead: string, at: number, whole: string) => (/\brisk(?:\s+score)?\s+is\s+(?:high|critical)\b/i.test(whole.slice(0, at)) ? `${lead}otherwise, ` : m))
    // "need smth that tags the incident X": a wish for a playbook that does it, which is the step.
    .replace(/\b(?:(?:i|we)\s+)?(?:need|want|would\s+like|wanna)\s+(?:smth|sth|something|a\s+(?:rule|playbook|thing|automation|flow))\s+(?:that|which|to)\s+(tag|assign|clos|isolat|block|disabl|scan|email|post|reset|revok|collect|restrict|quarantin|comment|notif)(?:e?s|ies|y|e)?\b/gi, (_m, stem: string) => STEM_VERB[stem.toLowerCase()] ?? stem)
    // "tags incidents 'mimikatz'": tags each incident so (read as incidents titled so, nothing was ever tagged).
    .replace(/\b(tags?|tagging|labels?|labell?ing)\s+(?:the\s+)?incidents\s+(?=["'\u2018\u201c][\w.-]+["'\u2019\u201d])/gi, '$1 the incident ')
    // "when theres mimikatz in it (like the file name)": a file of that name in the incident.
    .replace(/\b(when|if|whenever)\s+(?:there'?s|theres|there\s+is)\s+([\w.-]+)\s+in\s+(?:it|there|the\s+incident)\s*\(\s*(?:like|e\.?g\.?|i\.?e\.?|such\s+as|as\s+in)\s+(?:the|a|its)\s+file\s*name\s*\)/gi, '$1 a file name contains $2')
    .replace(/^\s*(?:hi{2,}|hey{2,}|heyo|yo+|sup|hello+o)\b[\s,!.]*/i, '')
    .replace(/(^|[\s,;!?])(?:omg|ily|pls\s+help|help\s+pls)(?=[\s,;!?]|$)/gi, '$1')
    .replace(/\b(and|or|then|just)\s+like\s+(?=[a-z])/gi, '$1 ')
    // "tell the user", "warn the recipient": a mail to them (dropped, the request had silently lost that step).
    .replace(/\b(?:tell|inform|warn|give)\s+(the\s+(?:user|recipient|person|employee|victim)s?)(?:\s+a\s+heads[- ]up)?\b(?!\s+(?:group|in\s+the|to\s+(?!click|open)))/gi, 'email $1')
    .replace(/\b(phishing|phish|ransomware|malware|c2|beacon(?:ing)?|mimikatz|crypto-?miner|miner)\s+(?:thing|stuff|thingy)s?\b/gi, '$1 alert')
    .replace(/(^|[.!?]\s+|,\s*|\p{Extended_Pictographic}\uFE0F?\s*)(?:so\s+)?like\s*,?\s+(?=(?:whenever|when|if|every|any|can|could|pls|please|u|you)\b)/giu, '$1')
    .replace(/[\s,]*\bidc\s+about\s+((?:the\s+)?[\w-]+(?:\s+[\w-]+)?)\s*,?\s*(?:just\s+)?(?:do\s*n[o']?t|dont)\s+touch\s+(?:those|them|these|em)\b/gi, '. Never touch $1')
    .replace(/(^|[\s,;!?])(?:ngl|highkey|tbf|imo|imho|istg|fwiw|iirc|afaik|kthx|kthxbye|tia)(?=[\s,;!?]|$)/gi, '$1')
    .replace(new RegExp(String.raw`(^|[\s,;!?])(?:lowkey|tbh)(?=\s+(?:${CHAT_STEP}|idc|we|u|you|i|just|can|could|pls)\b)`, 'gi'), '$1')
    .replace(new RegExp(String.raw`\b(?:we|u|you)\s+(?:should|could|gotta|need\s+to|have\s+to)\s+(?:just\s+)?(?=(?:${CHAT_STEP})\b)`, 'gi'), '')
    .replace(/\b(virus\s?total|vt)\s+says\s+(?:it'?s|its|it\s+is)\s+(?:sus|sussy|suspicious|dodgy|sketchy|bad|malicious)\b/gi, '$1 flags it');
}

/** An on-call engineer's words: "ack (set in progress, assign to X)" is what is in brackets; "blast radius = that host only". */
function onCall(text: string): string {
  return text
    .replace(/\back\s*\(\s*([^()]{3,120})\s*\)\s*(,\s*(?:and\s+)?)?/gi, (_m, what: string, more: string | undefined) => `${what}${more ? '; also ' : ''}`)
    // "ack, ..." before the ask: heard.
    .replace(/(^|\n\s*)ack\s*[,.!:\u2014\u2013-]+\s*/gi, '$1')
    // "writing this down as the runbook for sev-high MDE pages:": the cases it is for; a page is an incident that calls
    // someone out, and "page the channel" is a post there.
    .replace(/(^|[.;!?]\s+|\n\s*)(?:(?:i'?m\s+|we'?re\s+)?(?:writing|putting|noting|jotting)\s+(?:this|it)\s+down\s+as|here'?s|here\s+is|this\s+is)\s+(?:the|a|our|my)\s+(?:new\s+)?(?:runbook|playbook|sop|procedure)\s+(?=for\b)/gi, '$1')
    .replace(/\b((?:sev(?:erity)?[- ]?(?:critical|high|medium|low)|mde|mdo|mdi|defender|p[0-4])\s+)pages\b/gi, '$1incidents')
    .replace(/\bpage\s+(?:the\s+|our\s+)?((?:soc\s+|teams\s+|on-?call\s+)?channel)\b/gi, 'post in the $1')
    // "rest: noop", "owner: x@y (assign)": the other cases get nothing; the incident goes to that owner.
    .replace(/(^|[.;!?]\s+|\n\s*(?:[-*\u2022]\s*)?|,\s*)(?:the\s+)?rest\s*(?::|->|=>|=)\s*(?:noop|no-op|nothing|ignore|skip|leave)\b/gi, '$1otherwise do nothing')
    .replace(/(^|[.;!?]\s+|\n\s*(?:[-*\u2022]\s*)?)owner\s*[:=]\s*([\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*(?:\(\s*assign(?:ed)?\s*\))?/gi, '$1assign the incident to $2')
    .replace(/\s*,?\s*\bblast\s+radius\s*(?:=|:|is)?\s*(?:that|the|this|its)\s+(?:host|device|box|machine|endpoint)\s+only\b/gi, '')
    // "blast radius: indicators only, do not touch the devices": the steps said are all it does; the rule-out after stays.
    .replace(/\bblast\s+radius\s*(?:=|:|is)\s*(?:the\s+)?(?:indicators?|iocs?|incidents?|tickets?|comments?)(?:\s*(?:\+|and|&|\/)\s*(?:indicators?|iocs?|incidents?|tickets?|comments?))*\s+only\b\s*[,;]?\s*/gi, '')
    // "never isolate (blast radius way too big, we page the app owners instead)": why, and what people do by hand.
    .replace(/(\b(?:never|do\s+not|don'?t|dont|no)\s+(?:isolat\w*|contain\w*|restrict\w*|quarantin\w*|block\w*|disabl\w*|reset\w*|scan\w*|touch\w*)(?:\s+(?:it|them|those|these|the\s+[\w-]+))?)\s*\((?![^()]*\b(?:if|when|unless|only|except|sev\w*|critical|high|medium|low|tag\w*|group|servers?|workstations?|laptops?|dcs?|users?|accounts?)\b)(?=[^()]*\b(?:blast\s+radius|too\s+(?:big|risky|noisy|wide|many)|outage|downtime|we\s+(?:page|call|ping|handle|do|ask|tell|contact)|they\s+(?:handle|own)|just|never|forever|pending|breaks?|kills?)\b)[^()]{3,160}\)/gi, '$1')
    // "when an incident flips to Resolved": when it is; "still active -> noop": an incident in that status gets nothing.
    .replace(/\b(incidents?|it|they|the\s+case)\s+(?:flips?|flipped|goes|went|moves?|moved|switches|switched|changes?|changed|turns?)\s+to\s+(?=(?:resolved|active|in\s*progress|redirected|new)\b)/gi, (_m, what: string) => `${what} ${/^(?:incidents|they)$/i.test(what) ? 'are' : 'is'} `)
    .replace(/(^|[.;!?]\s+|\n\s*(?:[-*\u2022]\s*)?)still\s+(active|open|in\s*progress|new)\s*(?=->|=>)/gi, (_m, lead: string, state: string) => `${lead}if the incident status is ${/^open$/i.test(state) ? 'Active' : state} `)
    // "rollback path for the containment runbook:": the name of what follows, which names no case; "routing rule for every
    // new incident:" says which incidents it is for.
    .replace(/^\s*([^:.;!?\n]{0,60}?\S\s+(?:runbook|playbook|procedure|sop|rule|automation|path|flow)s?)(?:\s+for\s+([^:.;!?\n]{1,80}))?\s*:/i, (m: string, name: string, scope: string | undefined) => {
      // ("Playbook: contain hosts ...": a label before a name is no heading to drop.)
      // (A time, "weekend coverage playbook:", "rules for the night desk:", is left where it is for the rules that read it.)
      if (/\b(?:weekends?|weekdays?|nights?|nightly|overnight|after-?hours|business|shifts?|mornings?|evenings?|holidays?)\b/i.test(m)) return m;
      const CASE_WORD = /\b(?:if|when|whenever|unless|only|except|every|each|all|any|sev\w*|critical|high|medium|low|informational|tag\w*|group|servers?|workstations?|laptops?|desktops?|devices?|machines?|hosts?|boxes|endpoints?|dcs?|linux|mac\w*|windows|ios|android|users?|accounts?|alerts?|incidents?|phish\w*|malware|ransomware|mde|mdo|mdi)\b/i;
      if (CASE_WORD.test(name)) return m;
      // ("Quarnix rules:": whose rules, which may say whose incidents, is left to be read.)
      if (!scope && /\brules?$/i.test(name.trim())) return m;
      return scope && CASE_WORD.test(scope) ? `For ${scope}:` : '';
    })
    // "- MDO -> assign x@y\n- anything else -> z@y": the same step for the last branch, its address alone.
    .replace(/(->|=>|\u2192)\s*([\w.+-]+@[\w-]+(?:\.[\w-]+)+)(?=\s*(?:[.;,]?\s*(?:\n|$)))/g, (m: string, arrow: string, address: string, at: number, whole: string) =>
      (new RegExp(String.raw`(?:->|=>|\u2192)\s*assign(?:\s+(?:it|the\s+incident))?\s+(?:to\s+)?[\w.+-]+@`, 'i').test(whole.slice(0, at)) ? `${arrow} assign ${address}` : m))
    // "flip status to InProgress so the page counts as acked": set it; why is no step.
    .replace(/\bflip\s+(?:the\s+)?(status|state)\s+to\b/gi, 'set the $1 to')
    .replace(/\s+so\s+(?:that\s+)?the\s+(?:page|alert|incident|ticket)\s+(?:counts?|shows?|registers?)\s+as\s+(?:acked|acknowledged|handled|seen|picked\s+up)\b/gi, '')
    // "no pwd reset, don't want ppl locked out mid-shift": why, which asks for nothing.
    .replace(/\s*[,;-]\s*(?:(?:i|we)\s+)?(?:don'?t|dont|do\s+not)\s+want\s+(?:people|ppl|users|them|anyone|anybody|folks|staff|the\s+[\w-]+)\s+(?:locked|kicked|cut|logged)\s+(?:out|off)\b[^.;!?\n]*/gi, '')
    // "revoke sessions only. no pwd reset": what "only" already left out, said again after it.
    .replace(/(\bonly)\.[ \t]+(no\s+(?:pwd|password|pw|isolation|block|blocking|scan|package|disable|disabling|reset)(?:\s+(?:reset|change))?)(?=\s*[.;!?\n]|$)/gi, '$1, $2')
    // "read-only rule, no blocking: ...": a rule that only tells people, and the steps it rules out.
    .replace(/^\s*(?:a\s+)?(?:read-?only|notify-?only|notification-?only|report-?only|observe-?only|passive)\s+(?:rule|runbook|playbook|automation|mode)\s*[,:;\u2014\u2013-]\s*/i, '')
    .replace(/(^|[.;!?]\s+|\n\s*)no\s+(block|isolat|contain|quarantin)\w*\s*:\s*/gi, (_m, lead: string, verb: string) => `${lead}do not ${verb.toLowerCase() === 'isolat' ? 'isolate' : verb.toLowerCase() === 'quarantin' ? 'quarantine' : verb.toLowerCase()} anything. `)
    // "new rule pls:": what follows is the rule.
    .replace(/^\s*(?:a\s+)?(?:new|another)\s+(?:rule|runbook|playbook|automation|one)\s*(?:pls|please|plz)?\s*[:!.\u2014\u2013-]+\s*/i, '');
}

/** A device step said as a noun: "isolation", "the package", "a full AV scan". */
const DEVICE_NOUN = String.raw`(?:the\s+|an?\s+)?(?:isolation|(?:investigation\s+)?package|(?:(?:full|quick)\s+)?(?:av\s+|antivirus\s+)?scan|app\s+restriction|restriction)`;

/** The step a device noun names, as a verb. */
function deviceNounStep(noun: string): string {
  if (/isolation/i.test(noun)) return 'isolate them';
  if (/package/i.test(noun)) return 'collect the investigation package';
  if (/restriction/i.test(noun)) return 'restrict app execution';
  const kind = /\b(full|quick)\b/i.exec(noun)?.[1]?.toLowerCase();
  return `run a ${kind ? `${kind} ` : ''}antivirus scan`;
}

/**
 * "non-prod boxes: skip isolation + the package, AV scan only": what those devices get, said as what they skip and the
 * one step they keep; the step kept is all they get.
 */
function skipThenOnly(text: string): string {
  return text.replace(
    new RegExp(String.raw`(^|[.;!?]\s+|\n\s*)([^:.;!?\n]{3,80}?)\s*:\s*(?:skip|no)\s+${DEVICE_NOUN}(?:\s*(?:\+|&|,|\band\b|\band\s+no\b)\s*${DEVICE_NOUN})*\s*,\s*(${DEVICE_NOUN})\s+only\b`, 'gi'),
    // ("AV scan only" after "full AV scan" in the list: the scan said before, of its kind.)
    (_m, lead: string, who: string, kept: string, at: number, whole: string) => {
      const before = [...whole.slice(0, at).matchAll(/\b(full|quick)\s+(?:av\s+|antivirus\s+)?scan\b/gi)].pop()?.[1];
      return `${lead}${who}: only ${deviceNounStep(/\bscan\b/i.test(kept) && !/\b(?:full|quick)\b/i.test(kept) && before ? `${before} ${kept}` : kept)}`;
    },
  );
}

/** The verb of a step said as a noun. */
const NOUN_STEP: Record<string, string> = { reset: 'reset', revoke: 'revoke', revocation: 'revoke', block: 'block', blocking: 'block', collect: 'collect', collection: 'collect', quarantine: 'quarantine', restriction: 'restrict', disable: 'disable', disabling: 'disable', closure: 'close', close: 'close', scan: 'scan' };

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
    // "make only the revoke of the sessions", "make the reset of the password": the step said as a noun after "make" (hacer).
    .replace(/\bmake\s+(only\s+|just\s+|also\s+)?(?:the|an?|one)\s+(reset|revoke|revocation|block|blocking|collect|collection|quarantine|restriction|disable|disabling|closure|close|scan)\s+of\s+/gi, (_m, only: string | undefined, noun: string) => `${only ?? ''}${NOUN_STEP[noun.toLowerCase()] ?? noun} `)
    // "no reset the password": do not.
    // ("no scan." and "no block" name the step as a noun, which is read as such; "no isolate," is only ever the verb.)
    .replace(/\bno\s+(reset|revoke|isolate|block|disable|scan|quarantine|restrict|collect|close|tag|touch)\s+(?=(?:the|his|her|their|its|it|them|any|anything|nothing)\b)/gi, 'do not $1 ')
    .replace(/(?<![:>]\s*)\bno\s+(isolate|disable|revoke|restrict|collect|touch)(?=\s*[,.;])/gi, 'do not $1')
    // "except when X, for this ones no isolate": for those ("estos"), which the case just said already names.
    .replace(/,\s*(?:for|on|with)\s+(?:this|these|that|those)\s+ones\s*,?\s*/gi, ', ')
    .replace(/\bbut\s+no\s+if\b/gi, 'but not if')
    // "the others incidents": an adjective agreeing with its plural noun ("los otros incidentes").
    .replace(/\b(the\s+|all\s+the\s+)?others\s+(?=(?:incidents|alerts|devices|machines|users|accounts|cases|ones|files)\b)/gi, (_m, det: string | undefined) => `${det ?? ''}other `)
    // "a mail to x@y for advise him": "para avisarle", to warn him.
    .replace(/\bfor\s+(advise|warn|inform|alert|tell|notify|say|let)\s+(?=(?:him|her|them|the|that|to|know)\b)/gi, 'to $1 ')
    .replace(/\bto\s+(?:the\s+)?(?:responsable|responsible|encargado|manager|boss|lead|owner|ciso|cio|rssi|head\s+of\s+[\w-]+)\s*\(\s*([\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*\)/gi, 'to $1');
}

/**
 * "put a comment in the incident saying that the scan is launched", "for say that ...", "comment what got blocked": what the
 * comment says is its text, never a step of its own (read as a sentence, "the scan is launched" had become a second scan;
 * "what got blocked", a block of every IOC). The words stop where a case or another step starts, so "... saying X if VT
 * flags it" keeps its condition.
 */
function commentWords(text: string): string {
  return text.replace(
    new RegExp(String.raw`\b((?:comment|note)(?:\s+(?:in|on|to|into)\s+(?:the|that|this|each|every)\s+incidents?)?)\s+(?:(?:saying|stating|noting|telling|explaining|that\s+says|to\s+say|for\s+say)(?:\s+that)?|that(?=\s+(?:the|an?|it|we|they|this)\s+(?:[\w-]+\s+)?(?:is|are|was|were|has\s+been|have\s+been)\b)|(?:with\s+|listing\s+|about\s+)?(?:what|which(?:\s+[\w-]+)?|everything(?:\s+that)?)(?=\s+(?:[\w-]+\s+){0,2}?(?:got|get|gets|is|are|was|were|has\s+been|have\s+been|we|it)\b))[ \t]+[^,.;!?\n\s]+(?:(?![ \t]+(?:if|when|whenever|unless|only|except|but|never|not|do\s+not|don'?t|and\s+(?:then\s+)?(?:${CHAT_STEP}|send|notify|assign|comment)|then)\b)[ \t]*[^,.;!?\n\s])*`, 'gi'),
    // (Words that name no step stay, and are the comment's text.)
    (m: string, head: string) => (/\b(?:scan|isolat|block|disabl|quarantin|restrict|collect|launch|reset|revok|contain|confirm|dismiss)\w*/i.test(m.slice(head.length)) ? head : m),
  );
}

/**
 * "<steps>. Only when the severity is high, if it is medium only revoke the sessions": the limit on the steps before, and
 * then a case with a step of its own. Read as one sentence, the limit went to the case's step and the steps before ran on
 * every alert; read as a sentence of its own, it was the header of the cases after it. It limits the steps before it.
 */
function limitThenCase(text: string): string {
  return text.replace(
    new RegExp(String.raw`(^|[.;!?]\s+|\n\s*)(?:but\s+)?(?:(?:this|that|it)\s+(?:is|applies)\s+)?(only\s+(?:for|when|if|on|in|with|where)\b[^,.;!?\n]{2,120}?)\s*[,.;]\s*(?=(?:and\s+|but\s+)?(?:if|when|whenever|for)\s+[^.;!?\n]{2,80}?\b(?:${CHAT_STEP}|send|notify|assign|comment|nothing)\b)`, 'gi'),
    (_m, lead: string, limit: string) => (/^[.;!?]/.test(lead) ? `, ${limit.toLowerCase()}. ` : `${lead}${limit}. `),
  );
}

/**
 * "service accounts -> reset the password. human accts -> revoke only": people, said against the service or group accounts
 * named before, are the other accounts.
 */
function otherPeople(text: string): string {
  return text.replace(/\b(?:human|regular|normal|ordinary|standard|interactive|real)\s+(?:accts?|accounts?|users?|people|persons)\b/gi, (m: string, at: number, whole: string) =>
    (/\b(?:service\s+accounts?|svc|group|break-?glass|admins?)\b/i.test(whole.slice(0, at)) ? 'other users' : m));
}

/**
 * "isolate the device, unless it is in group G, collect the package instead": the exception, then what that case gets
 * instead. Read as one clause, "unless" had gone to the step after it: the package skipped G and G was isolated.
 */
function unlessThenInstead(text: string): string {
  return text.replace(
    new RegExp(String.raw`(,\s*|\s+)unless\s+([^,.;:!?\n]{3,100}?)\s*,\s*((?:then\s+)?(?:just\s+|only\s+|simply\s+)?(?:${CHAT_STEP}|run|collect|restrict|send|notify|assign|comment|make|do|grab|take)\b[^.;!?\n]*?\binstead\b)`, 'gi'),
    (_m, lead: string, unless: string, step: string) => `${lead}unless ${unless}. If ${unless}, ${step.replace(/^then\s+/i, '')}`,
  );
}

/**
 * "tag the incident X and assign it to Y, only for incidents with a device in group G": the limit of both updates, said
 * after them (read where it stands, it had limited the assignment alone and every incident was tagged).
 */
function updatesThenLimit(text: string): string {
  const UPDATE = String.raw`(?:tag|assign|comment|close|resolve|set|mark|add)`;
  return text.replace(
    new RegExp(String.raw`(^|[.;!?]\s+|\n\s*)(${UPDATE}\b(?:[^.;!?\n]|\.(?=\w)){2,160}?\band\s+(?:it\s+|then\s+)?${UPDATE}\b(?:[^.;!?\n]|\.(?=\w)){2,160}?)\s*,\s*only\s+for\s+((?:[^.;!?\n]|\.(?=\w)){3,200}?)(?=\s*(?:[.;!?\n]|$))`, 'gi'),
    (_m, lead: string, steps: string, cases: string) => {
      const [main, ...rest] = cases.split(/\s*,\s*and\s+not\s+for\s+/i);
      return `${lead}For ${main}: ${steps}${rest.length ? `. Not for ${rest.join(' ')}` : ''}`;
    },
  );
}

/**
 * "tag the incident X when a file name contains Y and assign them to me": "them" are the incidents the case chose, so the
 * case heads both steps (read where it stands, every incident was assigned).
 */
function caseThenThem(text: string): string {
  const VERB = String.raw`(?:${CHAT_STEP}|assign|comment|notify|send|collect|restrict)`;
  return text.replace(
    new RegExp(String.raw`(^\s*|[.;!?]\s+|\n\s*)((?:(?:lowkey|ngl|tbh|pls|please|so|ok|okay|just)\s+)*${VERB}\b(?:[^.;!?\n,]|\.(?=\w)){2,100}?)\s+(when|if|whenever)\s+([^.;!?\n,]{3,100}?)\s+and\s+(${VERB}\w*\s+(?:them|it)\b(?:[^.;!?\n]|\.(?=\w))*)`, 'gi'),
    (_m, lead: string, first: string, when: string, cond: string, second: string) => `${lead}${when} ${cond}, ${first} and ${second}`,
  );
}

/**
 * "if the severity is medium, dismiss the risk, if it is high, confirm the user as compromised": cases with their own steps
 * strung with commas are sentences of their own. Read as one, the levels of both went to the trigger and each step ran
 * at every level.
 */
function casesInARow(text: string): string {
  const STEP = String.raw`(?:${CHAT_STEP}|dismiss|confirm|assign|send|notify|comment|collect|restrict|run|release|unisolate|lift|add|set|mark|do\s+nothing|leave)`;
  // (Only "if ..., <step>, if ..., <step>": "when AV detects a file, quarantine it, and if VT says 20+, block it" is a test
  // inside the event, which "and" joins.)
  const CASE_STEP = String.raw`if\s+[^.;!?\n]{2,120}?,\s*(?:then\s+)?(?:just\s+|only\s+|also\s+)?${STEP}\b`;
  const re = new RegExp(String.raw`(\b${CASE_STEP}[^.;!?\n]*?)\s*,\s*(?=${CASE_STEP})`, 'gi');
  for (let i = 0; i < 4; i++) {
    const next = text.replace(re, '$1. ');
    if (next === text) break;
    text = next;
  }
  return text;
}

/** Shapes other rules also make, read again at the end of normalizing: an exception then its instead, updates then their limit. */
export function lateShapes(text: string): string {
  return casesInARow(updatesThenLimit(unlessThenInstead(text)));
}

/**
 * An incident commander's checklist: "1 - revoke sessions" (an item, never a range or an arrow), "b) status -> In
 * Progress" (set it), "n.b. NOT the backup servers", "indicators expire after 7 days" (their expiry). ("skip a+b, only
 * drop a comment" is left to be asked about: read as "only", the items before it still ran in that case.)
 */
function checklist(text: string): string {
  return text
    .replace(/(^|\n)([ \t]*)(\d{1,2})[ \t]+[-\u2013][ \t]+(?=[a-z])/gi, '$1$2$3. ')
    .replace(/(^|\n)([ \t]*(?:[a-z0-9][).][ \t]*)?)status[ \t]*(?:->|=>|\u2192|:|=)[ \t]*(in[ \t]*progress|active|resolved)\b/gi, '$1$2set the status to $3')
    .replace(/(^|\n)([ \t]*)n\.?\s?b\.?\s*[:,-]?\s*/gi, '$1$2')
    .replace(/(^|\n)([ \t]*(?:[-*\u2022][ \t]*)?)(?:the\s+|all\s+)?indicators?\s+(?:should\s+|shall\s+|will\s+|must\s+)?expire\s+(?:after|in)\s+(\d+)\s*(?:days?|d)\b/gi, '$1$2expiry $3 days')
    .replace(/,\s*(?:the\s+)?(?:auto(?:mated)?|automatic)\s+(?:part|bit|section)\s*:/gi, ':')
    // "- do NOT block the sender domain, we've had FPs w/ shared providers": why, to the end of its line.
    .replace(/(\b(?:do\s+not|don'?t|dont|never|no)\b[^\n,]*?),\s*(?:we'?ve|we\s+have|we)\s+had\s+(?:fps?|false\s+positives?|issues|problems|outages|trouble)\b[^\n]*/gi, '$1')
    // "NOT the backup servers (BKP device group)": the group the bracket names, said after its name; alone on its line, a
    // rule-out of those devices.
    .replace(/(^|\n)([ \t]*)not\s+(?=the\s+(?:[\w-]+\s+){0,2}?(?:servers?|workstations?|machines?|devices?|boxes|hosts?|laptops?|pcs?)\b)/gi, '$1$2not on ')
    .replace(/\b((?:the|our|any|all)\s+(?:[\w-]+\s+){0,2}?(?:servers?|workstations?|machines?|devices?|boxes|hosts?|laptops?|pcs?))\s*\(\s*["'`]?([\w-]+)["'`]?\s+device\s+group\s*\)/gi, "the devices in the '$2' device group");
}

/**
 * English written with German habits: a verb said last ("at the Incident the Tag X set", "in the Incident a User from the
 * Group G is", "the Incident to Tier2 assign (x@y)", "by Severity Low the Risk dismiss": "bei", at that level), and nouns
 * joined as compounds ("Block-Indicator", "Code-Execution", "SOC-Channel") read as the two words they are; a name of a
 * group or a tag ("Finance-Admins") stays as written.
 */
function germanShapes(text: string): string {
  return text
    // "at the Incident the Tag X set": tag it so; "when in the Incident a User from the Group G is": the verb last.
    .replace(/\b(?:and\s+)?(?:at|on|for)\s+the\s+incident\s+the\s+tag\s+(["'\u2018\u201c]?[\w.-]+["'\u2019\u201d]?)\s+(?:set|add|put)\b/gi, (m: string, tag: string) => `${/^and\b/i.test(m) ? 'and ' : ''}tag the incident ${tag}`)
    .replace(/\b(when|if)\s+in\s+the\s+incident\s+an?\s+(user|device|account|machine)\s+(?:from|of|in)\s+the\s+group\s+(["'\u2018\u201c]?[\w.-]+["'\u2019\u201d]?)\s+is\b/gi, "$1 a $2 in the incident is in the group $3")
    .replace(/\b(then|and)\s+(?:the\s+)?password\s+reset\b/gi, '$1 reset the password')
    .replace(/(^|[.;!?]\s+)by\s+the\s+other\s+(users|devices|accounts|incidents|alerts)\b\s*,?\s*/gi, '$1for the other $2, ')
    // "the Incident to Tier2 assign (tier2@x)": assign it there; "When Identity Protection a risky User meldet": reports one.
    .replace(/\bthe\s+incident\s+to\s+[\w -]{1,30}?\s+assign\s*\(\s*([\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*\)/gi, 'assign the incident to $1')
    .replace(/\b(when|if)\s+((?:entra\s+id\s+|azure\s+ad\s+)?identity\s+protection|defender\s+for\s+\w+|md[eio])\s+(an?\s+(?:risky\s+)?(?:user|sign-?in|alert))\s+(?:meldet|reports|raises|flags)\b\s*:?/gi, '$1 $2 reports $3,')
    // "by Severity Medium or lower the Risk dismiss, by High ...": "bei", at that severity (read as "by", the levels had
    // joined the trigger and each step ran at every level).
    .replace(/(^|[.;:!?,]\s*)by\s+(?:the\s+)?(?:severity\s+)?((?:critical|high|medium|low|informational)(?:\s+(?:or|and)\s+(?:lower|higher|below|above|less|more|critical|high|medium|low|informational))?)(?:\s+severity)?\s+(?=(?:the|an?|all|its|their)\b)/gi, (_m, lead: string, level: string) => `${lead}if the severity is ${level}, `)
    // "Devices with the Tag X may not isolated become, for those only a Teams-Message": never isolated, only the post.
    .replace(/\b(may|must|shall|should|can)\s+not\s+isolated\s+(?:become|be|get)\b/gi, '$1 not be isolated')
    .replace(/\bfor\s+(those|them|these)\s+only\s+an?\s+teams[- ]message\b/gi, 'for $1, only post a Teams message')
    .replace(/(^|[.;!?]\s+)all\s+other\s+(devices|machines|hosts)\s+in\s+(critical|high|medium|low)[- ]incidents\s+isolate\b/gi, '$1On $3 incidents, isolate all other $2')
    // "The Mail please not to the Mailbox-Owner send (he is then only confused), but to X": to X, not to them.
    .replace(/\bthe\s+mail\s+(?:please\s+)?not\s+to\s+the\s+([\w -]+?)\s+send\s*(?:\([^()]*\))?\s*,?\s*but\s+to\s+([\w.+-]+@[\w-]+(?:\.[\w-]+)+)/gi, 'send the mail to $2, not to the $1')
    // "The other Devices in the Incident leave as they are": the steps act on the alert's devices alone.
    .replace(/(^|[.;!?]\s+)the\s+other\s+(devices|machines|hosts)\s+(?:in|of)\s+the\s+incident\s+(?:leave|let)\s+(?:as\s+they\s+are|alone|untouched|be)\b\s*[.!]?/gi, '$1')
    .replace(/\b(Block|Code|Full|Quick|Investigation|File|Teams|Phishing|Mailbox|Risky|Alert|Incident|Device|Sign|Scan|SOC|MITRE|VT|URL|IP|High|Medium|Low|Critical)-(Indicators?|Execution|Scans?|Package|Hash(?:es)?|Messages?|Channel|Owner|Technique|Incidents?|Mails?|Alerts?|Devices?|Users?|Accounts?|Sessions?|Detections?|Engines?)\b/g, (_m, a: string, b: string) => `${/^(?:SOC|MITRE|VT|URL|IP|Teams)$/.test(a) ? a : a.toLowerCase()} ${b.toLowerCase()}`);
}

/** What a table's header names: the case, the steps, the row's id, or words about the row. */
const TABLE_COLUMN: Array<{ re: RegExp; part: 'case' | 'steps' | 'id' }> = [
  { re: /^(?:conditions?|when|if|trigger(?:s|ing)?|criteria|case|scope|applies\s+to|situation|event|detection|alert|(?:alert\s+|incident\s+)?(?:severity|sev|source|category|type))$/i, part: 'case' },
  { re: /^(?:actions?|response|steps?|then|do|remediation|required\s+actions?|automated\s+actions?|playbook\s+actions?|what\s+to\s+do)$/i, part: 'steps' },
  { re: /^(?:(?:control\s+)?id|control|ref(?:erence)?|#|no\.?|number|rule(?:\s+id)?|item)$/i, part: 'id' },
];

/**
 * A markdown table of rules ("| Control ID | Condition | Action |", a "|---|" line, one row per rule): each row is the
 * sentence it says, "if <condition>, <action>." ("No change", "No notification": nothing; "Any other source": the other
 * side). Its id names no case; a line after it that names a row ("Exception (IR-4.2 only): X") is that row's exception.
 * Columns it cannot place (notes, owners) stay as their own sentences, to be read or asked about. A table without a
 * condition or an action column is left as written.
 */
function markdownTables(text: string): string {
  const lines = text.split('\n');
  const cells = (line: string): string[] => line.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim().replace(/`([^`]+)`/g, "'$1'"));
  const rows = new Map<string, number>();
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const isRow = (l: string | undefined): boolean => l !== undefined && /^\s*\|.*\|\s*$/.test(l);
    if (!isRow(lines[i]) || !/^\s*\|?\s*:?-{3,}/.test(lines[i + 1] ?? '')) {
      out.push(lines[i]);
      continue;
    }
    let header = cells(lines[i]).map((h) => TABLE_COLUMN.find((c) => c.re.test(h))?.part);
    // ("| Severity | Response |", "| When | What |": two columns, the case and its steps, whatever the header says.)
    const plain = !header.includes('steps') && cells(lines[i]).length === 2;
    if (plain) header = ['case', 'steps'];
    if (!header.includes('steps')) {
      out.push(lines[i]);
      continue;
    }
    let j = i + 2;
    for (; isRow(lines[j]); j++) {
      const row = cells(lines[j]);
      const at = (part: 'case' | 'steps' | 'id'): string => row[header.indexOf(part)] ?? '';
      const others = row.filter((_c, k) => header[k] === undefined && row[k]).map((c) => `(${c})`).join(' ');
      const steps = at('steps').replace(/\s*;\s*/g, ' and ').replace(/\.$/, '');
      const nothing = /^(?:no(?:ne|thing)?|no\s+(?:action|change|notification|step)s?|n\/a|-)$/i.test(steps);
      const when = fieldEquals(at('case').replace(/\s+AND\s+/g, ' and ').replace(/\s+OR\s+/g, ' or ').replace(/\.$/, ''));
      const other = /^(?:any\s+other\b|all\s+other\b|other(?:wise)?\b|else\b|everything\s+else|anything\s+else|default)/i.test(when);
      const sentence = plain ? `${when}: ${at('steps').replace(/[.\s]+$/, '')}` : `${when ? (other ? 'otherwise' : `if ${when},`) : ''} ${nothing ? 'do nothing' : steps}`.trim();
      if (at('id')) rows.set(at('id').toLowerCase(), out.length);
      out.push(`${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.${others ? ` ${others}` : ''}`);
    }
    i = j - 1;
  }
  // "Exception (IR-4.2 only): devices in group G": the exception of that row's steps.
  const applied = new Set<number>();
  out.forEach((line, k) => {
    const ex = /^\s*exceptions?\s*\(\s*([\w.()-]+?)(?:\s+only)?\s*\)\s*:\s*(.+?)\s*\.?\s*$/i.exec(line);
    const row = ex ? rows.get(ex[1].toLowerCase()) : undefined;
    if (!ex || row === undefined) return;
    out[row] = out[row].replace(/\.(?=(?:\s+\([^)]*\))*$)/, `, except ${ex[2].replace(/`([^`]+)`/g, "'$1'")}.`);
    applied.add(k);
  });
  return out.filter((_l, k) => !applied.has(k)).join('\n');
}

/** A field said as "<field> = <value>", and how a sentence says it. */
const FIELD_SAID: Array<{ re: RegExp; say: (v: string) => string }> = [
  { re: /(?:(?:incident|alert)\s+)?(?:severity|sev)/, say: (v) => `the severity is ${v}` },
  { re: /(?:incident\s+)?status/, say: (v) => `the incident status is ${v}` },
  { re: /(?:incident\s+)?classification/, say: (v) => `the incident is classified as ${v}` },
  { re: /(?:alert\s+)?category/, say: (v) => `the category is ${v}` },
  { re: /(?:alert\s+)?(?:mitre\s+)?(?:att&ck\s+)?technique(?:\s+id)?/, say: (v) => `the alert is mapped to ${v}` },
  { re: /(?:device\s+)?(?:os|os\s+platform|platform|operating\s+system)/, say: (v) => `the device OS is ${v}` },
  { re: /device\s+(?:type|kind|role)/, say: (v) => `the device is a ${v.replace(/^an?\s+/i, '')}` },
  { re: /device\s+tags?/, say: (v) => `the device is tagged '${v.replace(/^['"]|['"]$/g, '')}'` },
  { re: /(?:device|machine)\s+group/, say: (v) => `the device is in the '${v.replace(/^['"]|['"]$/g, '')}' device group` },
  { re: /incident\s+tags?/, say: (v) => `the incident is tagged '${v.replace(/^['"]|['"]$/g, '')}'` },
  { re: /user\s+group|(?:entra(?:\s+id)?\s+)?group\s+membership/, say: (v) => `the user is in the '${v.replace(/^['"]|['"]$/g, '')}' group` },
  { re: /(?:incident\s+|alert\s+)?(?:service\s+)?source|(?:alert\s+)?product/, say: (v) => `the alert comes from ${v}` },
];

/**
 * "Incident severity = High AND device OS = Windows Server", "classification = False Positive": a test written as fields
 * and values, as a table's condition cell writes it, said as a sentence says it ("the severity is High and the device OS
 * is Windows Server"). A field it does not know is left as written. (Only in a table's cell: elsewhere "Status = Resolved"
 * may be what a step sets, and "Severity == 'High'" a query, which their own rules read.)
 */
function fieldEquals(text: string): string {
  const fields = FIELD_SAID.map((f) => `(${f.re.source})`).join('|');
  return text.replace(new RegExp(String.raw`\b(?:${fields})\s*(?<![=!<>])=(?!=)\s*(['"]?[^,;.|\n()'"]+?['"]?)(?=\s+(?:and|or)\s|\s*[,;.|\n)]|$)`, 'gi'), (m: string, ...args: unknown[]) => {
    const groups = args.slice(0, FIELD_SAID.length) as Array<string | undefined>;
    const value = (args[FIELD_SAID.length] as string).trim();
    const at = groups.findIndex((g) => g !== undefined);
    return at >= 0 && value ? FIELD_SAID[at].say(value) : m;
  });
}

/**
 * A control's labelled lines: "Exception: none." (no exception), "Exception: alerts of Informational severity" and
 * "Exception: devices tagged X remain contained" (those are skipped: the steps leave them as they are); a note that only
 * limits the steps to a severity ("Only their high severity ones please.").
 */
function controlLines(text: string): string {
  return text
    // "Only their high severity ones please.": a sentence that only limits the steps said before it to a severity.
    .replace(/(^|[.!?]\s+|\n\s*)only\s+(?:the\s+|their\s+|our\s+|for\s+(?:the\s+)?)?((?:critical|high|medium|low|informational)(?:\s*(?:,|\/|and|or)\s*(?:critical|high|medium|low|informational))*)\s+(?:severity\s+|sev\s+)?(?:ones|incidents|alerts)(?:\s+please|\s+pls)?\s*(?=[.!?]|$)/gi, (_m, lead: string, levels: string) => `${lead}Only for ${levels.replace(/\s*\/\s*/g, ' and ')} severity incidents`)
    .replace(/(^|\n)[ \t]*exceptions?\s*(?:\([^()\n]{1,30}\))?\s*:\s*(?:none|n\/a|nil|-)\s*\.?[ \t]*(?=\n|$)/gi, '$1')
    .replace(/(^|\n)[ \t]*exceptions?\s*(?:\([^()\n]{1,30}\))?\s*:\s*(?:the\s+)?(alerts?|incidents?)\s+of\s+(informational|low|medium|high)(?:\s+(?:or|and)\s+(informational|low|medium|high))?\s+severity\s*\.?[ \t]*(?=\n|$)/gi, (_m, lead: string, kind: string, a: string, b: string | undefined) => `${lead}Skip ${b ? `${a} and ${b}` : a} severity ${kind.toLowerCase().replace(/s?$/, 's')}.`)
    .replace(/(^|\n)[ \t]*exceptions?\s*(?:\([^()\n]{1,30}\))?\s*:\s*((?:the\s+|any\s+|all\s+)?(?:devices?|machines?|hosts?|endpoints?|users?|accounts?)\s+[^\n]{2,80}?)\s+(?:remain|stay|are\s+left|are\s+kept|shall\s+remain|must\s+remain)\s+(?:contained|isolated|restricted|untouched|as\s+they\s+are|excluded|exempt)\s*\.?[ \t]*(?=\n|$)/gi, '$1Skip $2.');
}

/** A MITRE ATT&CK technique id: "T1003", "T1021.002". */
const TECHNIQUE_ID = /\bT\d{4}(?:\.\d{3})?\b/g;
/** Words in a technique's name that would narrow the steps if dropped with it: devices, sources, severities. */
const NOT_A_GLOSS = /\b(?:servers?|workstations?|laptops?|dcs?|domain\s+controllers?|linux|mac\w*|windows|tagged|group|named|vips?|prod\w*|critical|high|medium|low|informational|sev\w*|mde|mdi|mdo|mdca|identity|office|endpoint|only|not|no|never|except|unless|if|when)\b/i;

/**
 * A technique named with its ATT&CK ids in brackets: "lateral movement via psexec / wmi (T1021.002 or T1047)",
 * "kerberoasting (T1558.003) from MDI", "persistence on a box (schtasks / run keys: T1053.005, T1547.001)": the ids say
 * which alerts, the names before them and beside them say the same in words. A name that also says a device, a source or
 * a severity is left as written. "(incl subtechs: ...)" after an id says what the id covers already; "trigger = X" after
 * the steps is their case, said first.
 */
function techniqueIds(text: string): string {
  // "iso + pkg on every host. trigger = lateral movement (T1021)": the trigger said after the steps heads them.
  const trigger = /\b(?:conditions?|actions?|steps?)\s*:/i.test(text) ? null : /([.;!?][ \t]+)trigger\s*(?:=|:|is)\s*((?:[^.;!?\n]|\.(?=\d)){3,160}?)\s*(?:[.;!?](?!\d)|(?=\n)|$)/i.exec(text);
  const moved = trigger && !/\b(?:isolat|block|disabl|reset|revok|restrict|quarantin|scan|collect|tag|assign|clos|post|mail|email)\w*/i.test(trigger[2])
    ? `For ${trigger[2].trim()}: ${text.slice(0, trigger.index)}${trigger[1]}${text.slice(trigger.index + trigger[0].length)}`.trim()
    : text;
  return moved
    .replace(/(\bT\d{4}\b)\s*\(\s*incl\.?(?:uding)?\s+sub-?tech\w*[^()]*\)/gi, '$1')
    .replace(/(\bT\d{4}\b)\s*,?\s*incl\.?(?:uding)?\s+sub-?tech\w*\b/gi, '$1')
    .replace(/(^|[.;:=,(]\s*|->\s*|\n\s*|\bw\/\s*|\bwith\s+|\bfor\s+)((?:[\w&/+-]+\s+){0,7}?[\w&/+-]+)\s*\(([^()\n]{0,120}?\bT\d{4}(?:\.\d{3})?\b[^()\n]{0,60})\)/gi, (m: string, lead: string, name: string, inside: string) => {
      const ids = inside.match(TECHNIQUE_ID) ?? [];
      if (ids.length === 0 || NOT_A_GLOSS.test(name) || NOT_A_GLOSS.test(inside.replace(TECHNIQUE_ID, ' '))) return m;
      const list = ids.length === 1 ? ids[0] : `${ids.slice(0, -1).join(', ')} or ${ids[ids.length - 1]}`;
      return `${lead}alerts mapped to ${list}`;
    })
    // ("iso + full av + pkg": the package said as a noun in a list of steps is its collection; it had gone without a word.)
    .replace(/(\b(?:iso|isolate|scan|av|block|restrict|quarantine)\b[^.;!?\n]{0,30}?\s*(?:\+|&|,|\band\b)\s*)(?:an?\s+|the\s+)?(?:investigation\s+|inv\s+)?(?:pkg|package)\b(?!\s*(?:collection|from|is|was))/gi, (m: string, lead: string) => (/\b(?:collect|grab|pull|get|take|gather)\b/i.test(lead) ? m : `${lead}collect the investigation package`))
    // ("persistence (T1053.005). server -> full scan": the case said alone before the steps heads them.)
    .replace(/(^|\n\s*)(alerts\s+mapped\s+to\s+(?:[^.;:!?\n]|\.(?=\d))+?)\s*\.\s+(?=\S)/gi, '$1For $2: ');
}

/** A checklist item's label as a line opens with it: "1.", "(2)", "b)", "c:". */
const ITEM_LINE = /^([ \t]*)(?:\(([0-9]{1,2}|[a-h])\)|([0-9]{1,2}|[a-h])[).:])[ \t]+(\S[^\n]*)$/gim;
/** A reference to items by label: "(1) and (2)", "a+b", "steps 1-2", "item 3". */
const ITEM_REF = String.raw`\(?(?:[0-9]{1,2}|[a-h])\)?`;
const ITEM_REFS = String.raw`(?:(?:steps?|items?|#)\s*)?${ITEM_REF}(?:\s*(?:\+|&|,|\/|\band\b|-|\bto\b)\s*${ITEM_REF})*`;
/** The IOC nouns "same for the domains" swaps into the item before it. */
const IOC_NOUN = /\b(?:ips?|ip\s+addresses|domains?|urls?|links?|hashes|hash|files?)\b/i;

/**
 * A checklist whose lines name its items by label: "service accounts get step 3 only" (that item is all they get), "(1) and
 * (2) only when X" (those items' test), "skip a+b, only Y" (the "only" says it), "2) same for the domains" (the item before,
 * on those). A label that names no item of the list is left as written.
 */
function itemReferences(text: string): string {
  const items = new Map<string, string>();
  for (const m of text.matchAll(ITEM_LINE)) items.set((m[2] ?? m[3]).toLowerCase(), m[4].trim().replace(/[.;]\s*$/, ''));
  if (items.size < 2) return text;
  const labels = (refs: string): string[] | undefined => {
    const out: string[] = [];
    for (const r of refs.matchAll(/(?:^|[^\w])\(?([0-9]{1,2}|[a-h])\)?(?=$|[^\w])(?:\s*(?:-|\bto\b)\s*\(?([0-9]{1,2})\)?)?/gi)) {
      const from = r[1].toLowerCase();
      if (r[2] && /^\d+$/.test(from)) for (let n = Number(from); n <= Number(r[2]); n++) out.push(String(n));
      else out.push(from);
    }
    return out.length && out.every((l) => items.has(l)) ? out : undefined;
  };
  let out = text
    // "service accounts (svc-*) get step 3 only": that item is all they get.
    .replace(new RegExp(String.raw`\s*\b(?:gets?|receives?)\s+(?:only\s+|just\s+)?(?:steps?|items?|#)\s*(${ITEM_REF})(?:\s+only)?\b`, 'gi'), (m: string, ref: string) => {
      const l = labels(ref);
      return l?.length === 1 ? `: only ${items.get(l[0])}` : m;
    })
    // "skip a+b, only drop a comment": the "only" says what the case gets; the items skipped are the others.
    .replace(new RegExp(String.raw`\b(?:skip|no|not|without)\s+(${ITEM_REFS})\s*[,;-]\s*(?=(?:only|just)\s)`, 'gi'), (m: string, refs: string) => (labels(refs) ? '' : m));
  // "(1) and (2) only when VT >= 15": a line of its own that gives those items their test.
  const tests: Array<{ labels: string[]; test: string }> = [];
  out = out.replace(new RegExp(String.raw`(^|\n)[ \t]*(${ITEM_REFS})\s+(?:only\s+)?(?:when|if)\s+([^\n]+?)\s*(?=\n|$)`, 'gi'), (m: string, _lead: string, refs: string, test: string) => {
    const l = labels(refs);
    if (!l || l.length < 2 || /^\s*(?:only|just)?\s*(?:when|if)\b/i.test(refs)) return m;
    tests.push({ labels: l, test });
    return '';
  });
  out = out.replace(ITEM_LINE, (m: string, indent: string, a: string | undefined, b: string | undefined, body: string) => {
    const label = (a ?? b ?? '').toLowerCase();
    const head = m.slice(indent.length, m.length - body.length);
    // "2) same for the domains": the item before, on the domains.
    const same = /^(?:same|ditto|likewise)\s+(?:for|with)\s+(?:the\s+|all\s+)?([\w ]+?)\s*[.;]?$/i.exec(body.trim());
    if (same && IOC_NOUN.test(same[1])) {
      const keys = [...items.keys()];
      const prev = items.get(keys[keys.indexOf(label) - 1] ?? '');
      if (prev && IOC_NOUN.test(prev)) return `${indent}${head}${prev.replace(new RegExp(IOC_NOUN.source, 'i'), same[1])}`;
    }
    const test = tests.find((t) => t.labels.includes(label));
    return test ? `${indent}${head}${body.replace(/[.;]\s*$/, '')}, only when ${test.test}` : m;
  });
  return out;
}

/** Words only Dutch English leaves in ("graag", "dus", "niet", "alvast bedankt"): the request is written with Dutch habits. */
const DUTCH_MARKER = /\b(?:graag|dus|niet|niks|doen|zit|alvast|bedankt|hoi|eventueel|erbij|ofcourse|bericht|binnenkomt|zodra|gewoon|groetjes)\b|\bonly\s+even\s+an?\b/i;

/**
 * English written with Dutch habits: the verb of a "when" clause said last ("when the severity high is", "as soon as
 * there a medium alert on is", "if Identity Protection a high alert on a user gives"), a verb at the end of a step
 * ("account disable", "restricted becomes"), and Dutch words left in ("graag" please, "niet" not, "niks doen" do
 * nothing, "even" just, "eventueel" also, "dus" so, "bericht" message). Read only where such words show the habit.
 */
function dutchShapes(text: string): string {
  if (!DUTCH_MARKER.test(text)) return text;
  return text
    .replace(/(^|[.!?]\s+)(?:hoi|hallo)\b[^.!?,\n]{0,20}[,!]?\s*/gi, '$1')
    .replace(/[.!]?\s*\b(?:alvast\s+)?(?:bedankt|dank\s+je(?:\s+wel)?|groetjes)\b[!.]*/gi, '.')
    .replace(/,?\s*\b(?:dus|ofcourse|of\s+course)\b\s*,?/gi, ' ')
    .replace(/\bgraag\b\s*/gi, '')
    .replace(/\bniks\s+doen\b/gi, 'do nothing')
    .replace(/\bniks\b/gi, 'nothing')
    .replace(/\bniet\b/gi, 'not')
    .replace(/\bbericht\b/gi, 'message')
    .replace(/\bbinnenkomt\b/gi, 'comes in')
    .replace(/\bzit\b/gi, 'is')
    .replace(/\s*\berbij\b/gi, '')
    .replace(/\brestricten\b/gi, 'restrict')
    .replace(/\beventueel\s+(?:also\s+)?/gi, 'also ')
    // "For those only even a mail", "can you even a full scan start": "even" is "just".
    .replace(/\b(only|you|we|just)\s+even\s+(?=a\b|an\b|the\b)/gi, '$1 ')
    // "when the severity high is", "when VirusTotal 10 or more engines on malicious has": the verb said last.
    .replace(/\b(when|if|as\s+soon\s+as|once|zodra)\s+((?:the|a|an)\s+[\w-]+|it|there|those|they|this|that|VirusTotal|VT|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\s+((?:(?!\b(?:when|if|then)\b)[^,.;:!?\n]){1,80}?)\s+(is|are|has|have|gives|give|becomes|become|comes\s+in)(?=\s*(?:[,.;:!?)]|$|\s+then\b))/gi, (_m, cue: string, who: string, rest: string, verb: string) => `${cue} ${who} ${verb} ${rest}`)
    // ("as soon as there is a medium alert on": on the device, which the steps act on.)
    .replace(/\b(?:there\s+)?(?:is|are)\s+(a|an|the)\s+((?:critical|high|medium|low)(?:\s+or\s+(?:critical|high|medium|low))?\s+alert)\s+on\b(?=\s*(?:[,.;:!?]|$))/gi, 'there is $1 $2')
    // "account disable and the sessions revoke", "the Device isolate": a step's verb after its object.
    .replace(/\b((?:the\s+)?(?:account|accounts|sessions|device|devices|password|user))\s+(disable|revoke|isolate|reset|block|scan)\b(?=\s*(?:[,.;:!?]|$|\s+and\b))/gi, '$2 $1')
    .replace(/\b(?:may|must|shall|should|can)\s+never\s+(full(?:y)?\s+|selective(?:ly)?\s+)?isolated\s+(?:become|be|get)\b/gi, (_m, kind: string | undefined) => `must never be ${kind ? (/^full/i.test(kind) ? 'fully ' : 'selectively ') : ''}isolated`)
    .replace(/\bthat\s+app(?:lication)?\s+execution\s+restricted\s+(?:becomes|gets|is)\b/gi, 'app execution restricted');
}

/** The request with its asides read. */
export function readAsides(text: string): string {
  // (In this order: a greeting and a wish come off before the story and the demand they lead into are read.)
  const passes = [markdownTables, controlLines, techniqueIds, checklist, itemReferences, germanShapes, dutchShapes, greeting, wayThat, meetingStory, pastStory, dictatedStory, reportedDemand, specLabels, glosses, skippedDevices, testingAlerts, legalese, chatFillers, onCall, romance, commentWords, limitThenCase, skipThenOnly, otherPeople, unlessThenInstead, updatesThenLimit, caseThenThem, casesInARow];
  return passes.reduce((said, pass) => pass(said), text);
}
