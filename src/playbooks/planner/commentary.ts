/** What keeps a clause from being taken for a bare comment: a step, a thing Rampart acts on or tests, a case, a negation, a value. */
const COMMENTARY_STOP = String.raw`\b(?:isolat|contain|disabl|block|quarantin|restrict|reset|revok|scan|collect|tag|assign|clos|resolv|post|e-?mail|mail|notif|comment|ping|releas|lock|kill|nuke|wipe|delet|remov|stop|dismiss|confirm|group|member|server|workstation|laptop|desktop|device|machine|host|box|endpoint|pc|vm|dc|controller|user|account|acct|admin|windows|win|linux|mac|ios|android|severity|sev|high|medium|med|low|info|critical|categor|title|alert|incident|vt|virustotal|malicious|clean|engine|hit|ip|url|hash|file|domain|sender|recipient|mailbox|service|svc|exec|vip|finance|hr|except|don'?t|dont|doesn'?t|won'?t|can'?t|cant|belong|exclud|includ|exempt|skip|spar|ignor|leave|touch)\w*\b|\b(?:only|unless|if|when|whenever|where|which|who|whose|that|not|no|never|none|nothing|in|into|from|at|within|under|inside|outside|part|between|across|left|out)\b|\d|["“”@]|(?<![\w])'`;

/**
 * A comment said beside a rule: a clause with a subject and a verb of its own ("artists will riot", "builds must go on",
 * "theyre mid-tournament") that names no step, no thing Rampart acts on or tests, no case, no negation and no value, up to
 * where the clause ends. Any such word ("they are servers", "those get a scan") keeps it a clause to read. A lookahead:
 * it matches no characters.
 */
export const COMMENTARY = String.raw`(?=(?:they'?re|theyre|it'?s|its|that'?s|thats|we'?re|(?:they|it|we|he|she|those|these|people|everyone|everybody|(?:the\s+|our\s+|their\s+)?[a-z]+s)\s+(?:will|would|must|might|may|can|could|are|is|r|were|was|have|has|had|need|needs|keep|keeps|hate|hates|go|goes|get|gets|love|loves|just|all|always|still))\b)(?=(?:(?!${COMMENTARY_STOP})[^,.;:()\n])*?(?:[,.;:!()\n]|$|\b(?:but|unless|except|otherwise|instead|only|if|when|whenever)\b))`;

const COMMENTARY_AT_START = new RegExp(`^${COMMENTARY}`, 'i');

/** Whether the text opens with a comment ("builds must go on", "the artists will riot"). */
export function opensWithCommentary(text: string): boolean {
  return COMMENTARY_AT_START.test(text);
}
