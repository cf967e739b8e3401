/**
 * A German or Dutch speaker's English puts the verb last: "the user as compromised confirm", "by Low severity the risk
 * dismiss", "the device not isolate". The clause is restated in English order before anything else reads it: read as it
 * stood, the last verb took a default object and swallowed the clause after it.
 *
 *   "the user as compromised confirm"          -> "confirm the user as compromised"
 *   "By Low severity the risk dismiss"         -> "By Low severity dismiss the risk"
 *   "the device never isolate"                 -> "never isolate the device"
 *   "the app execution on the device restrict" -> "restrict the app execution on the device"
 *   "if the IP at VirusTotal clean is"         -> "if the IP is clean at VirusTotal"
 *   "disable automatically the account"       -> "automatically disable the account"
 */

/** Steps said as a verb with its object before it. */
const VERB = String.raw`(?:isolate|remove|stop|start|contain|quarantine|block|disable|reset|revoke|confirm|dismiss|restrict|collect|scan|release|unisolate|resolve|close|assign|tag|notify|inform|mail|e-?mail|ping|escalate|create|set|send)`;

/** What a step acts on: said before the verb, it is that verb's object ("the risk dismiss"), never a noun's modifier ("a full scan"). */
const THING = String.raw`(?:processe?s?|restrictions?|app\s+restrictions?|users?|accounts?|accts?|identit(?:y|ies)|devices?|machines?|hosts?|box(?:es)?|endpoints?|servers?|workstations?|laptops?|clients?|pcs?|files?|hash(?:es)?|ips?|urls?|domains?|senders?|risk|passwords?|pw|sessions?|incidents?|alerts?|indicators?|iocs?|mailbox(?:es)?|recipients?|package|execution|tag|scan|message|mail)`;

/** The object: a determiner, at most two words, the thing, and what it is said to be ("as compromised"). */
const OBJECT = String.raw`(?:the|a|an|this|that|its|his|her|their|all|any|every|each|investigation)\s+(?:[\w'-]+\s+){0,2}?${THING}(?:\s+(?:on|of|from|in)\s+(?:the|its|their|this|that|each|every)\s+(?:[\w-]+\s+)?${THING})?(?:\s+as\s+[\w-]+)?\s+`;

/** A clause whose verb comes after its object. */
const VERB_LAST = new RegExp(String.raw`(^|[.:;!?\n]\s*|,\s*(?:then\s+|and\s+)?|\b(?:then|and)\s+)((?:(?:by|at|with|for|on|in\s+case\s+of|bei|if|when)\s+[\w' -]{1,40}?\s+)?)(${OBJECT})(?:(not|never|no|also|then)\s+)?(${VERB})(?=\s*(?:[.,;:!?\n)]|$)|\s+and\b)`, 'gi');

/** A verb with its adverb after it, before its object. */
const ADVERB_AFTER_VERB = new RegExp(String.raw`(?<![\w\u00e0-\u00ff])(${VERB}|d[ée]sactiver|isoler|bloquer|r[ée]initialiser|fermer|envoyer)\s+(automatically|immediately|directly|always|also|then|quickly|at\s+once)\s+(?=(?:the|his|her|their|its|all|any|every|each|this|that|these|those)\b)`, 'gi');

/** A verb said last after its object and what it sets ("the incident to In Progress set", "the incident as resolved mark"). */
const SET_LAST = /(^|[.:;!?\n]\s*|,\s*(?:then\s+|and\s+)?|\b(?:then|and)\s+)((?:(?:after|then|by|at|with|for|on)\s+(?:the|that|this|its)?\s*[\w-]+\s+)?)((?:the|its|this|that)\s+(?:incident|status|alert))\s+(to|on|as)\s+([\w -]{2,30}?)\s+(set|put|mark|change|move)(?=\s*(?:[.,;:!?\n)]|$))/gi;

/** A verb said before what comes with it, after its object: "the incident resolve as True Positive", "the risk dismiss with a comment". */
const VERB_BEFORE_COMPLEMENT = new RegExp(String.raw`(^|[.:;!?\n]\s*|,\s*(?:then\s+|and\s+)?|\b(?:then|and)\s+)(${OBJECT})(?:(also|then|too)\s+)?(${VERB}|remove|stop)\s+(?=(?:as|to|with|from|for)\s)`, 'gi');

export function verbLastInOrder(text: string): string {
  return text
    // "the incident to In Progress set": set it to that.
    .replace(SET_LAST, (_m, lead: string, when: string, object: string, prep: string, value: string, verb: string) => `${lead}${when}${verb.toLowerCase()} ${object} ${prep.toLowerCase()} ${value}`)
    // "when an incident resolved is with classification X": the copula before its participle.
    .replace(/\b((?:incidents?|alerts?|it|they)\s+)(resolved|closed|assigned|tagged|classified|isolated)\s+(is|are|was|were|gets?|got)\b/gi, '$1$3 $2')
    // "the machine out of the isolation release": release it from isolation.
    .replace(/\b((?:the|its|this|that|all|any)\s+(?:[\w-]+\s+){0,1}?(?:devices?|machines?|hosts?|box(?:es)?|endpoints?|clients?|pcs?))\s+(?:out\s+of|from)\s+(?:the\s+)?isolation\s+(?:also\s+)?(release|free|take|get)\b/gi, (_m, object: string) => `release ${object} from isolation`)
    // "nothing do", "no other actions make": nothing done.
    // "Isolation not, the users must keep working": no isolation.
    .replace(/(^|[.:;!?\n]\s*|,\s*)(isolation|containment|scan|blocking|block|quarantine|reset|password\s+reset|revocation|restriction|disabling)\s+not\b(?=\s*(?:[.,;:!?\n)]|$))/gi, '$1no $2')
    // "Windows machines please not touch": do not touch them.
    .replace(/(^|[.:;!?\n]\s*|,\s*)((?:(?:the|all|any|our)\s+)?(?:[\w-]+\s+){0,2}?(?:machines|devices|hosts|boxes|endpoints|servers|workstations|laptops|clients|accounts|users))\s+(?:please\s+|pls\s+)?(not|never)\s+(touch|isolate|scan|block|disable)\b(?=\s*(?:[.,;:!?\n)]|$))/gi, (_m, lead: string, object: string, not: string, verb: string) => `${lead}${/^never$/i.test(not) ? 'never' : 'do not'} ${verb.toLowerCase()} ${object}`)
    // "make following playbook": the one that follows.
    .replace(/\b(make|create|build|write)\s+following\s+(playbook|rule|automation|runbook)\b/gi, '$1 the following $2')
    // "a quick scan start": run it.
    .replace(/\b(an?\s+(?:quick|full)\s+(?:av\s+|antivirus\s+)?scan)\s+(?:start|run|launch|make|do|initiate)\b(?=\s*(?:[.,;:!?\n)]|$|\s+and\b))/gi, 'run $1')
    .replace(/\bnothing\s+(?:more\s+|else\s+)?do\b(?=\s*(?:[.,;:!?\n)]|$))/gi, 'do nothing')
    .replace(/\bno\s+(?:other\s+|further\s+|more\s+)?actions?\s+(?:make|do|take)\b(?=\s*(?:[.,;:!?\n)]|$))/gi, 'take no other action')
    // "the incident resolve as True Positive": the verb before what comes with it.
    .replace(VERB_BEFORE_COMPLEMENT, (_m, lead: string, object: string, adverb: string | undefined, verb: string) => `${lead}${adverb ? `${adverb} ` : ''}${verb} ${object}`)
    // "the user as compromised confirm", "the device not isolate": the verb goes first, its negation with it.
    .replace(VERB_LAST, (m: string, lead: string, case_: string, object: string, not: string | undefined, verb: string) => {
      const said = object.trim();
      if (!said) return m;
      // ("the user as compromised confirm": "as compromised" stays with its object.)
      const adverb = not && /^(?:also|then)$/i.test(not) ? `${not.toLowerCase()} ` : '';
      const negation = not && !adverb ? (/^never$/i.test(not) ? 'never ' : 'do not ') : '';
      return `${lead}${case_}${negation}${adverb}${verb} ${said}`;
    })
    // "disable automatically the account", "isolate immediately the device": the adverb before the verb, as English has it.
    // (A French verb too, which the code-switch table turns into English later: "désactiver automatically the account".)
    .replace(ADVERB_AFTER_VERB, '$2 $1 ')
    // "if the IP at VirusTotal clean is": the copula before what it says.
    .replace(/\b((?:if|when|unless|only\s+(?:if|when))\s+(?:the|its|their|a|an)\s+[\w-]+)\s+((?:at|on|in|by)\s+[\w-]+)\s+(clean|malicious|unknown|flagged|bad|suspicious)\s+(is|are)\b/gi, '$1 $4 $3 $2')
    .replace(/\b((?:if|when|unless|only\s+(?:if|when))\s+(?:the|its|their|a|an)\s+[\w-]+)\s+(clean|malicious|unknown|flagged|bad|suspicious|high|low|medium)\s+(is|are)\b/gi, '$1 $3 $2');
}
