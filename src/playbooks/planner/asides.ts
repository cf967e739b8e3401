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

/** The request with its asides read. */
export function readAsides(text: string): string {
  return testingAlerts(skippedDevices(glosses(specLabels(reportedDemand(meetingStory(wayThat(greeting(text))))))));
}
