/**
 * A German or Dutch speaker's English puts the verb last: "the user as compromised confirm", "by Low severity the risk
 * dismiss", "the device not isolate". The clause is restated in English order before anything else reads it: read as it
 * stood, the last verb took a default object and swallowed the clause after it.
 *
 *   "the user as compromised confirm"          -> "confirm the user as compromised"
 *   "By Low severity the risk dismiss"         -> "By Low severity dismiss the risk"
 *   "the device never isolate"                 -> "never isolate the device"
 *   "if the IP at VirusTotal clean is"         -> "if the IP is clean at VirusTotal"
 *   "disable automatically the account"       -> "automatically disable the account"
 */

/** Steps said as a verb with its object before it. */
const VERB = String.raw`(?:isolate|contain|quarantine|block|disable|reset|revoke|confirm|dismiss|restrict|collect|scan|release|unisolate|resolve|close|assign|tag|notify|inform|mail|e-?mail|ping|escalate)`;

/** What a step acts on: said before the verb, it is that verb's object ("the risk dismiss"), never a noun's modifier ("a full scan"). */
const THING = String.raw`(?:users?|accounts?|accts?|identit(?:y|ies)|devices?|machines?|hosts?|box(?:es)?|endpoints?|servers?|workstations?|laptops?|clients?|pcs?|files?|hash(?:es)?|ips?|urls?|domains?|senders?|risk|passwords?|pw|sessions?|incidents?|alerts?|indicators?|iocs?|mailbox(?:es)?|recipients?|package|execution)`;

/** The object: a determiner, at most two words, the thing, and what it is said to be ("as compromised"). */
const OBJECT = String.raw`(?:the|a|an|this|that|its|his|her|their|all|any|every|each)\s+(?:[\w'-]+\s+){0,2}?${THING}(?:\s+as\s+[\w-]+)?\s+`;

/** A clause whose verb comes after its object. */
const VERB_LAST = new RegExp(String.raw`(^|[.:;!?\n]\s*|,\s*(?:then\s+|and\s+)?|\b(?:then|and)\s+)((?:(?:by|at|with|for|on|in\s+case\s+of|bei|if|when)\s+[\w' -]{1,40}?\s+)?)(${OBJECT})(?:(not|never|no)\s+)?(${VERB})(?=\s*(?:[.,;:!?\n)]|$))`, 'gi');

/** A verb with its adverb after it, before its object. */
const ADVERB_AFTER_VERB = new RegExp(String.raw`(?<![\w\u00e0-\u00ff])(${VERB}|d[ée]sactiver|isoler|bloquer|r[ée]initialiser|fermer|envoyer)\s+(automatically|immediately|directly|always|also|then|quickly|at\s+once)\s+(?=(?:the|his|her|their|its|all|any|every|each|this|that|these|those)\b)`, 'gi');

export function verbLastInOrder(text: string): string {
  return text
    // "the user as compromised confirm", "the device not isolate": the verb goes first, its negation with it.
    .replace(VERB_LAST, (m: string, lead: string, case_: string, object: string, not: string | undefined, verb: string) => {
      const said = object.trim();
      if (!said) return m;
      // ("the user as compromised confirm": "as compromised" stays with its object.)
      return `${lead}${case_}${not ? (/^never$/i.test(not) ? 'never ' : 'do not ') : ''}${verb} ${said}`;
    })
    // "disable automatically the account", "isolate immediately the device": the adverb before the verb, as English has it.
    // (A French verb too, which the code-switch table turns into English later: "désactiver automatically the account".)
    .replace(ADVERB_AFTER_VERB, '$2 $1 ')
    // "if the IP at VirusTotal clean is": the copula before what it says.
    .replace(/\b((?:if|when|unless|only\s+(?:if|when))\s+(?:the|its|their|a|an)\s+[\w-]+)\s+((?:at|on|in|by)\s+[\w-]+)\s+(clean|malicious|unknown|flagged|bad|suspicious)\s+(is|are)\b/gi, '$1 $4 $3 $2')
    .replace(/\b((?:if|when|unless|only\s+(?:if|when))\s+(?:the|its|their|a|an)\s+[\w-]+)\s+(clean|malicious|unknown|flagged|bad|suspicious|high|low|medium)\s+(is|are)\b/gi, '$1 $3 $2');
}
