/**
 * Requests dictated to a phone or a headset and pasted as they came out of speech-to-text: no punctuation, and words
 * written as they sound. "eye solate the device", "block the you are ells", "mail priya dot nair at woodgrove dot com",
 * "tagged keep dash isolated", "if its between for and ten". Each spoken form here has one written form and means
 * nothing else in a request, so it is written out before the grammar reads the words. (The forms a keyboard's symbols
 * take when spoken, "virus total", "there sessions", "kio dash something", are read with the punctuation, in normalize.)
 */

/** Words as a dictation writes them, and as they are written. */
const SOUNDS_LIKE: Array<[RegExp, string | ((m: string, ...groups: string[]) => string)]> = [
  // "eye solate", "eye so late": isolate.
  [/\beye\s+so\s*lat(e|es|ed|ing|ion)\b/gi, (_m, end: string) => `isolat${end.toLowerCase()}`],
  // "the you are ells", "u r l": URLs; "eye pees", "i p's": IPs.
  [/\b(?:you\s+are\s+(?:ell|el|l)|u\s+r\s+l)(s|'s)?\b/gi, (_m, plural: string | undefined) => (plural ? 'URLs' : 'URL')],
  [/\beye\s+pee(s|'s)?\b|\bi\s+p('s|s)\b/gi, (_m, a: string | undefined, b: string | undefined) => (a || b ? 'IPs' : 'IP')],
  // "all the sea too stuff": C2.
  [/\b(?:sea|see|c)\s+(?:too|two|to)\b(?=\s+(?:stuff|traffic|servers?|ips?|alerts?|incidents?|beacons?|beaconing|callbacks?|infrastructure|domains?|channels?)\b)/gi, 'C2'],
  // "e mail me", "e-mail": email.
  [/\be\s+mail(s|ed|ing)?\b/gi, (_m, end: string | undefined) => `email${end ?? ''}`],
  // "hi severity", "hi and medium severity incidents": high (never the greeting, which no severity follows).
  [/\bhi\b(?=\s+(?:sev(?:erity)?|severity|priority|risk)\b|\s+(?:and|or)\s+(?:critical|medium|low|informational)\b)|(?<=\b(?:critical|medium|low)\s+(?:and|or)\s+)hi\b/gi, 'high'],
  // "the lennox machines": Linux.
  [/\blennox\b/gi, 'Linux'],
  // "isolate the devise", "on the severs", "high sever", "the sock channel", "a sign it to", "in formational", "work
  // stations": device, servers, severity, SOC, assign, informational, workstations.
  [/\bdevise(s)?\b/gi, (_m, s: string | undefined) => `device${s ?? ''}`],
  [/\b(critical|high|medium|low|informational)\s+sever\b(?!\s*(?:ity|e))/gi, '$1 severity'],
  [/\b(the|all|any|our|on|no)\s+severs\b/gi, '$1 servers'],
  [/\bsock\s+(?=(?:channel|team|analysts?|lead|mailbox|inbox)\b)/gi, 'SOC '],
  [/\ba\s+sign\s+(?=(?:it|them|the\s+incident|this|that)\s+to\b)/gi, 'assign '],
  [/\bin\s+formational\b/gi, 'informational'],
  [/\bwork\s+stations?\b/gi, (m: string) => (/s$/i.test(m) ? 'workstations' : 'workstation')],
  // "not if there in the break glass group": they're (read as "there", the group had become one of devices).
  [/\b(if|unless|when|and|but|because)\s+there\s+(?=(?:not\s+)?(?:in|members?\s+of|part\s+of)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+){0,2}\s+(?:group|grp)\b)/gi, "$1 they're "],
];

/** Numbers as they sound, where a number is what the words around them need: "between for and ten", "more than for". */
const NUMBER_SOUNDS: Record<string, string> = { won: '1', to: '2', too: '2', tree: '3', for: '4', fore: '4', ate: '8' };
const NUMBER_WORDS = String.raw`(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty)`;
const NUMBER_VALUES: Record<string, string> = {
  one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10', eleven: '11', twelve: '12', fifteen: '15', twenty: '20', thirty: '30', fifty: '50',
};
const SPOKEN_NUMBER = String.raw`(?:won|to|too|tree|for|fore|ate)`;

/** An address said aloud: "priya dot nair at woodgrove dot com". */
const SPOKEN_ADDRESS = /\b([a-z][\w-]*(?:\s+dot\s+[a-z][\w-]*)*)\s+at\s+([a-z][\w-]*(?:\s+dot\s+[a-z][\w-]*)*\s+dot\s+(?:com|org|net|io|gov|edu|co|uk|de|fr|nl|be|example|local|internal))\b/gi;

/**
 * A dictation has no punctuation: where a new sentence or a new step obviously starts, the stop or the comma is put back.
 * "unless its a server we never isolate servers just run a full scan on those instead and then post it in teams" reads
 * "unless its a server. we never isolate servers, just run a full scan on those instead, and then post it in teams".
 */
function punctuated(text: string): string {
  if (/[.,;:!?]/.test(text) || text.trim().split(/\s+/).length < 12) return text;
  return text
    .replace(/\s+(?=(?:we|i)\s+(?:never|always|don'?t|dont|do\s+not|want|need|only|usually|also|would|'d)\b)/gi, '. ')
    .replace(/\s+(?=(?:just|only)\s+(?:run|isolate|block|disable|revoke|reset|collect|restrict|assign|tag|close|resolve|post|email|mail|notify|send|quarantine|scan|add|comment|ping|leave|do)\b)/gi, ', ')
    .replace(/\s+(?=and\s+then\b)/gi, ', ')
    .replace(/\s+(?=(?:otherwise|else)\b)/gi, '. ')
    // "phishing alerts from office 365 if virus total says ...": the case, then its test.
    .replace(/\b(alerts|incidents|detections)\s+((?:from|in|on|by)\s+[a-z0-9 ]{2,40}?\s+)?(?=(?:if|when|whenever|unless)\b)/gi, (_m, noun: string, from: string | undefined) => `${noun}${from ? ` ${from.trim()}` : ''}, `)
    // "... assign to ahmed at contoso dot com the medium ones go to ...": an address said aloud ends what it is said in.
    // ("... to soc at contoso dot com with the details": what goes on with a preposition stays with the mail.)
    .replace(/(\s+at\s+[a-z][\w-]*(?:\s+dot\s+[a-z][\w-]*)*\s+dot\s+(?:com|org|net|io|gov|edu|co|uk|de|fr|nl|be|example|local|internal))\s+(?=[a-z])(?!(?:with|about|for|and|or|cc|saying|incl\w*|that|to|of|on|in|re|regarding|please|pls|asap|too|as|so|when|if|whenever|telling|letting)\b)/gi, '$1. ');
}

export function spokenInWords(input: string): string {
  let text = punctuated(input);
  for (const [re, by] of SOUNDS_LIKE) text = text.replace(re, by as (m: string, ...groups: string[]) => string);
  // "go to tier one at contoso dot com": the words after "to" before the "at" are one address (read as "one", the rest had
  // been a word of the sentence).
  text = text.replace(/\b(to|email|mail|cc|notify|ping)\s+((?!(?:the|our|a|an|them|him|her|us|me|to|at|cc|and|or|email|mail)\b)[a-z]+)\s+((?!dot\b)[a-z][\w-]*)(?=\s+at\s+[a-z][\w-]*(?:\s+dot\s+[a-z][\w-]*)*\s+dot\s+[a-z]+\b)/gi, (m: string, lead: string, first: string, second: string) => (/^(?:at|dot|and|or|if|when)$/i.test(second) ? m : `${lead} ${first}${second}`));
  text = text.replace(SPOKEN_ADDRESS, (_m, local: string, domain: string) => `${local.split(/\s+dot\s+/i).join('.')}@${domain.split(/\s+dot\s+/i).join('.')}`);
  // "tagged keep dash isolated", "the group finance underscore admins": a name, as written (a dash between two ordinary
  // words elsewhere is no name).
  text = text.replace(/\b(tagged|tag|labell?ed|label|group|named|called)\s+((?:[a-z0-9]+\s+(?:dash|underscore)\s+)+[a-z0-9]+)\b/gi, (_m, lead: string, name: string) => `${lead} ${name.replace(/\s+dash\s+/gi, '-').replace(/\s+underscore\s+/gi, '_')}`);
  // "between for and ten", "from five to twenty": a range of numbers, in digits.
  text = text.replace(new RegExp(String.raw`\b(between|from)\s+(${NUMBER_WORDS}|${SPOKEN_NUMBER})\s+(and|to)\s+(${NUMBER_WORDS}|${SPOKEN_NUMBER})\b`, 'gi'), (m: string, lead: string, a: string, joint: string, b: string) => {
    const digit = (w: string): string | undefined => (/^\d+$/.test(w) ? w : NUMBER_SOUNDS[w.toLowerCase()] ?? NUMBER_VALUES[w.toLowerCase()]);
    const [x, y] = [digit(a), digit(b)];
    return x && y && Number(x) < Number(y) ? `${lead} ${x} ${joint} ${y}` : m;
  });
  // "more than for engines": the number.
  text = text.replace(new RegExp(String.raw`\b(more\s+than|less\s+than|fewer\s+than|over|under|above|below|at\s+least)\s+(${SPOKEN_NUMBER})(?=\s+(?:malicious\s+)?(?:engines?|detections?|hits?|vendors?|or\s+more|or\s+less|or\s+fewer)\b)`, 'gi'), (_m, lead: string, n: string) => `${lead} ${NUMBER_SOUNDS[n.toLowerCase()]}`);
  return text;
}
