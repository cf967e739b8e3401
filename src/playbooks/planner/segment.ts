/**
 * Segmenting: a request into sentences, a sentence into clauses (lead conditions, actions,
 * trailing conditions), with the connectives that tie them (if / when / unless / otherwise /
 * except / only / but not / instead). The interpreter reads clause by clause.
 */

const CONDITION_START = /^(?:upon|on\s+(?:discovery|detection)\s+of|only\s+(?:do\s+(?:this|that|it|so)\s+)?(?:if|when)|do\s+(?:this|that|it|so)\s+only\s+(?:if|when)|(?:but\s+)?only\s+(?:if|when)|if|when|whenever|unless|once|as soon as|in case|provided(?: that)?|as\s+long\s+as|where|after|every time|each time|should)\b/i;
const LEAD_FOR = /^(?:for|on|with)\b/i;
export const NEGATED_ACTION = /^(?:but\s+)?(?:do not|don't|dont|never|no need to|not|without|avoid|skip|no(?=\s+(?:(?:password|pw|pwd|account|user|device|host|machine|box|endpoint|server|workstation|session|sign-?in)(?:e?s)?\s+)?(?:(?:is|are|gets?|will\s+be|should\s+be|shall\s+be)\s+(?:ever\s+|automatically\s+|auto-?)?)?(?:isolat|block|quarantin|restrict|scan|disabl|reset|revok|contain|clos|resolv|releas)))\b/i;
const FILLER = /^(?:and then|then|and also|also|and|but|so|please|plus|additionally|finally|first|next|afterwards|just|simply|instead)\b[\s,]*/i;

// ---------------------------------------------------------------- splitting

export interface Clause {
  text: string;
  /** `otherwise`: the other branch of the conditions before it ("otherwise", "else", "if clean"). */
  role: 'lead' | 'action' | 'cond' | 'otherwise';
  /** A title before a colon at the start of a sentence ("Stop and quarantine: this playbook ..."). */
  header?: boolean;
  /** The words that opened an `otherwise` clause ("otherwise", "any other workstation"). */
  opener?: string;
  /** An `otherwise` said as the clean side ("if the hash is clean"): its words, a condition of its own when no test is before it. */
  clean?: string;
}

/** Starts the other branch: "otherwise scan it", "else comment", "if not, ...", "in all other cases". */
export const OTHERWISE_START = /^(?:otherwise|else|or\s+else|if\s+not|if\s+it'?s\s+not|for\s+(?:all\s+)?(?:the\s+)?(?:lower|other)\s+severit(?:y|ies)(?:\s+(?:ones|alerts|incidents))?|(?:for\s+)?anything\s+(?:lower|less\s+severe)|in\s+(?:all\s+)?(?:the\s+)?other\s+cases|for\s+(?:all\s+)?(?:the\s+)?(?:rest|others|everything\s+else)|everything\s+else|(?:every|all|any)\s+other\s+(?:devices?|machines?|hosts?|boxes|box|endpoints?|ones|cases?)(?=\s*[:,]|\s*$)|(?:every|all|any)\s+other(?=\s))\b[\s,:]*/i;
/** A lead that is the clean side of a VirusTotal condition before it: "if clean", "when it's benign". */
const CLEAN_BRANCH = /^(?:if|when)\s+(?:it'?s\s+|it\s+is\s+|they'?re\s+|they\s+are\s+|(?:the\s+)?(?:verdict|result|hash|file|ip|url|domain|ioc)\s+)?(?:is\s+|comes\s+back\s+|turns\s+out\s+|looks\s+|returns\s+|shows\s+(?:as\s+)?)?(?:clean|benign|harmless|undetected|not\s+malicious)$/i;

export function splitSentences(request: string): string[] {
  return request
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/^\s*@?rampart\b[,:]?/i, '')
    .split(/(?<=[.!?;])\s+(?=\S)|\n+|(?<=[a-z0-9)"'])[.!?]$/i)
    .map((s) => s.trim().replace(/[.!?;]+$/, '').trim())
    .filter((s) => s.length > 0);
}

const PROTECT: Array<[RegExp, string]> = [
  [/stop\s+and\s+quarantine/gi, 'stop-and-quarantine'],
  [/kill\s+and\s+quarantine/gi, 'kill-and-quarantine'],
  [/command\s+and\s+control/gi, 'command-and-control'],
  [/block\s+and\s+remediate/gi, 'block-and-remediate'],
  [/\b(as|with|using)\s+alert\s+and\s+block/gi, '$1 alert-and-block'],
  [/\b(and|or)\s+(above|higher|up|over|more|greater|worse)\b/gi, '$1_$2'],
  [/\bbetween\s+(\d+)\s+and\s+(\d+)/gi, 'between $1_and_$2'],
];

/** "<verb> the/it/them ...": an instruction even when the verb is unknown (so it is reported, not swallowed). */
const LOOKS_IMPERATIVE = /^(?!(?:for|on|in|with|from|to|of|by|at|so|as|if|when|where|that|which|who|including|especially|all|any|every|each|both|either|then|also|not|only|is|are|was|were|has|have|had|be|the|a|an|their|its|our|my|his|her|teams|outlook|email|mail|skype)\b)[a-z]+\s+(?:the|a|an|their|its|it|them|his|her|our|all|every|each|any)\b/i;

const ACTION_START = new RegExp(
  '^(?:only\\s+|just\\s+)?(?:skipping|ignoring|excluding|no\\s+(?:touch(?:ing)?|action)|leave|an?\\s+(?:quick|full|deep|antivirus|av|investigation|forensic)|teams|nothing|antivirus|av|quick|full|fully|deep|selective|selectively|investigation|forensic|forensics|isolate|quarantine|contain|cut|take|disconnect|network-isolate|release|unisolate|un-isolate|reconnect|lift|remove|undo|run|start|trigger|kick|launch|initiate|perform|do|scan|collect|gather|grab|pull|capture|get|restrict|unrestrict|lock|stop-and-quarantine|stop|kill|block|blacklist|ban|add|create|submit|push|assign|reassign|route|hand|mark|set|move|change|flip|update|close|resolve|tag|label|comment|note|annotate|write|disable|suspend|deactivate|revoke|sign|terminate|invalidate|end|reset|force|rotate|confirm|flag|dismiss|clear|email|e-mail|mail|send|notify|post|share|message|ping|alert|tell|inform|warn|report|summarize|summarise|publish|announce|drop|open|file|raise|page|call|delete|purge|use|apply|put|escalate|look|check|enrich|query|wipe|reboot|restart|shut|offboard|cc|handle|deal|fix|respond)\\b',
  'i',
);

/** An action verb and its object inside a clause: where a lead condition written without a comma ends. */
/** After a "for ..." phrase, the verb that starts its instruction, determiner or not ("for servers just restrict app execution"). */
const FOR_ACTION = /\s(?:(?:just|only|simply|then|also)\s+)?(isolate|block|disable|revoke|reset|run|collect|restrict|assign|tag|close|resolve|post|email|notify|send|quarantine|confirm|dismiss|release|scan|contain|add|stop|kill|comment|mark|ping|alert(?=\s+(?:the|them|me|us|soc|on-?call|analysts?|tier\d?|it)\b)|escalate|classify|create(?=\s+(?:an?\s+|the\s+)?(?:custom\s+|new\s+)?(?:[\w-]+\s+){0,2}(?:indicators?|iocs?)\b))\b(?!\s+(?:incidents?|alerts?|threats?|messages?|campaigns?|security|based|attachments?|address(?:es)?|delivery|gateway|protection|was|were|is|are|has|had|got|gets|that|which|itself|headers?|subject|sender|body|from|with|in)\b)/i;
/** "if it already has an owner dont touch it": a branch that does nothing, after its condition. */
const NO_OP_AFTER = /\s((?:do\s+not|don'?t|dont|never)\s+touch\s+(?:it|them|(?:the|their|his|her|its)\s+(?:user'?s?\s+)?(?:accounts?|users?|identit(?:y|ies)|devices?|machines?|hosts?|box(?:es)?|endpoints?))|(?:do\s+not|don'?t|dont)\s+do\s+anything(?:\s+else)?|do\s+nothing|leave\s+(?:it|them)\s+alone|nothing\s+else|(?:do\s+not|don'?t|dont|never|no\s+need\s+to)\s+(?:isolate|block|quarantine|restrict|scan|disable|reset|revoke|contain|close|resolve|release|collect))\b/i;
/** An action with a bare plural object, no determiner: "on risky sign-ins revoke sessions". */
const ACTION_AFTER_BARE = /\s((?:ignore|skip)(?:\s+(?:it|them|those|these))?(?=\s*$)|(?:isolate|contain|quarantine|scan|disable|block|restrict)(?=\s+and\s+[a-z]+\s|\s*$|\s+(?:immediately|right\s+away|straight\s+away|too|as\s+well)\b)|restrict\s+(?:app|application|code)\s+execution|revoke\s+(?:all\s+)?(?:sign-?in\s+)?sessions|reset\s+passwords?|disable\s+(?:accounts|users)|block\s+(?:iocs|ips|urls|domains|hashes|files)|isolate\s+(?:hosts|devices|machines|endpoints|boxes)|collect\s+(?:investigation\s+)?packages|(?:post|message|ping|notify|alert|tell)\s+(?:in\s+|to\s+|on\s+)?(?:here|me|us|teams|this\s+(?:channel|chat|thread))|(?:email|mail)\s+[\w.+-]+@[\w.-]+)(?=\s|[,.;]|$)/i;
/** "if X assign to bob@...", "if X email soc@...": a step whose object is an owner or an address. */
const ACTION_AFTER_TO = /\s((?:assign|reassign|route|escalate|hand)\s+(?:it\s+|them\s+)?to\s+\S|(?:e-?mail|mail|notify|ping)\s+[\w.+'-]+@|(?:post|send|share|drop|write)\s+(?:in|to|into|on)\s+(?:the\s+|our\s+)?(?:soc\s+|sec\s+|security\s+)?(?:channel|teams|chat)\b|force\s+(?:a\s+)?(?:password|pw)\s+(?:reset|change)\b)/i;
const ACTION_AFTER = /\s(make(?=\s+(?:it|them)\s+(?:an?\s+)?(?:alert|audit|warn|block))|comment\s+on|set(?=\s+(?:it|them|the\s+(?:incident|status))\s+(?:to|in|as)\b)|drop|leave|write|skip|isolate|block|disable|revoke|reset|run|collect|grab|gather|pull|capture|launch|kick\s+off|stop-and-quarantine|kill-and-quarantine|stop|kill|ping|mark|comment|suspend|lock|submit|escalate|unisolate|restrict|assign|tag|close|resolve|post|email|mail(?!\s+(?:that|this|an?|any|all|every|each|its|everything)\b)|notify|send|quarantine|confirm|dismiss|release|scan|contain|add|put|apply|slap|start|initiate|perform)\s+(?:the|their|it|them|a|an|any|all|every|each|that|this|its|everything)\b|\s(?:just\s+|only\s+)(?=(?:e-?mail|mail|ping|notify|tell|message)\s+(?:me|us)\b)/i;

/** "A if C": a step, then a case said after it. */
const CASE_AT_END = /^(.+?\S)\s+((?:if|when|unless)\s+.+)$/i;
/** "A if C just B": a case between two steps, the second said "just" or "only". */
const MID_CASE = /^(.+?\S)\s+((?:if|when|unless)\s+.+?)\s+((?:just|only|simply)\s+(?:add|isolate|block|disable|revoke|reset|run|collect|restrict|assign|tag|close|resolve|post|email|mail|notify|send|quarantine|confirm|dismiss|release|scan|comment|mark|ping|put|leave|do\s+nothing|ignore|skip)\b.*)$/i;

/** A word that names a step, in any form ("isolation", "blocked", "a scan"). */
const STEP_WORD = /\b(?:isolat\w*|quarantin\w*|scans?|block\w*|restrict\w*|disabl\w*|resets?|revok\w*|collect\w*|assign\w*|tag(?:s|ged)?|clos\w*|resolv\w*|e-?mail\w*|post\w*|notif\w*|indicators?)\b/i;

export function splitClauses(sentence: string): Clause[] {
  let s = sentence;
  for (const [re, rep] of PROTECT) s = s.replace(re, rep);
  // "comment 'pua low, no action'": a quoted text is one piece, whatever punctuation it holds.
  s = s.replace(/(^|[\s(])(['"\u2018\u201c])([^'"\u2018\u2019\u201c\u201d]{1,80}?)(['"\u2019\u201d])(?=[\s,.;:!?)]|$)/g, (_m, lead: string, open: string, inner: string, close: string) =>
    `${lead}${open}${inner.replace(/,/g, '\uE001').replace(/;/g, '\uE002').replace(/:/g, '\uE004').replace(/ /g, '\uE003')}${close}`);
  // A colon ends a trigger header ("When X reports a high alert: isolate ..., block ...").
  const pieces = s.split(/(\s*[:;]\s+|,\s*(?:and\s+then\s+|and\s+|then\s+|but\s+)?|\s+(?:and\s+then|then|and\s+also|and|also|plus|as\s+well\s+as|but|so(?!\s+(?:that|it|they|the|we|analysts?)\b))\s+)/i);
  const clauses: Clause[] = [];
  for (let i = 0; i < pieces.length; i += 2) {
    const raw = pieces[i] ?? '';
    const sep = i > 0 ? pieces[i - 1] ?? ' ' : '';
    const text = raw.trim();
    if (!text) continue;
    const bare = text.replace(FILLER, '');
    // "..., except servers" / "but not domain controllers" narrows the clause before it.
    if (clauses.length > 0 && /^(?:except|excluding|other\s+than|apart\s+from|not\s+(?:on\s+|for\s+)?(?:the\s+|any\s+|our\s+)?(?:domain\s+controllers?|dcs?|servers?|workstations?|laptops?|desktops?|(?:devices?|machines?|hosts?)\s+(?:in|tagged|named)))\b/i.test(bare)) {
      const prev = clauses[clauses.length - 1];
      prev.text = `${prev.text}${sep}${text}`;
      continue;
    }
    const otherwise = OTHERWISE_START.exec(bare);
    if (otherwise) {
      clauses.push({ text: bare.slice(otherwise[0].length).trim(), role: 'otherwise', opener: otherwise[0].trim() });
      continue;
    }
    if (CLEAN_BRANCH.test(bare)) {
      clauses.push({ text: '', role: 'otherwise', clean: bare });
      continue;
    }
    // "1-4 engines: comment", "Servers: collect a package": a header before a colon is a condition.
    const header = clauses.length === 0 && /^\s*:/.test(pieces[i + 1] ?? '') && !ACTION_START.test(bare);
    // "..., for medium ones run an AV scan instead": a "for" phrase with an action of its own opens another branch.
    // ", for those with malicious verdicts, submit an indicator": a "for" phrase right before an action is its condition.
    const nextPiece = (pieces[i + 2] ?? '').trim().replace(FILLER, '');
    // "on macs run a scan, on windows boxes isolate": "on" and the devices it names, before an action of its own, open a branch too.
    const onDevices = /^on\s+(?:the\s+|any\s+|all\s+)?(?:(?:windows|linux|mac\s?os|macs?|win(?:dows)?\s?1[01])\b|(?:[\w-]+\s+){0,2}(?:servers?|workstations?|dcs?|domain\s+controllers?|boxes|box|hosts?|machines?|devices?|endpoints?|laptops?)\b)/i.test(bare);
    const forBranch = clauses.length > 0 && (/^for\s+(?!\d|a\s+(?:day|week|month|year)|(?:the\s+)?(?:next|following)\b)/i.test(bare) || onDevices) && (ACTION_AFTER.test(bare) || FOR_ACTION.test(bare) || (/^,/.test((pieces[i + 1] ?? '').trim()) && ACTION_START.test(nextPiece)));
    // "medium sev and up only", "MDE alerts only": a qualifier said on its own.
    const onlyQualifier = /\bonly(?:\s+(?:please|thanks|thank\s+you|though|tho|ok|okay))*$/i.test(bare) && !ACTION_START.test(bare) && !LOOKS_IMPERATIVE.test(bare);
    const isCond = header || forBranch || onlyQualifier || CONDITION_START.test(bare) || ((clauses.length === 0 || /^\s*:/.test(sep)) && LEAD_FOR.test(bare));
    // ("isolate the device, but ignore low severity alerts": the cases left out are a clause of their own; joined to the step,
    // their severity had become the step's, and only the lows were isolated.)
    const isAction = ACTION_START.test(bare) || NEGATED_ACTION.test(bare) || (i > 0 && LOOKS_IMPERATIVE.test(bare)) || (i > 0 && !/^\s*:/.test(sep) && /^(?:skip|ignore|exclude|disregard|leave\s+out)\s+(?!(?:it|them|this|that)\b)/i.test(bare));
    // "any new high sev from mde w/ a file VT flags, isolate the box": a first piece that only says which cases,
    // before a comma and an instruction, is their condition, as it would be before a colon.
    if (clauses.length === 1 && isAction && !isCond && /^,/.test(sep.trim()) && clauses[0].role === 'action' && !clauses[0].header
      && (/^(?:any|every|all|each|new)\s/i.test(clauses[0].text) || (/\b(?:alerts?|detections?|hits|cases)$/i.test(clauses[0].text) && !/^(?:the|their|its|this|that)\b/i.test(clauses[0].text))) && !ACTION_START.test(clauses[0].text) && !LOOKS_IMPERATIVE.test(clauses[0].text)
      && !NEGATED_ACTION.test(clauses[0].text) && !STEP_WORD.test(clauses[0].text)) {
      clauses[0].role = 'lead';
    }
    // "C2 Containment: Incidents in X trigger a selective isolation ...": after a title's colon, a statement starts.
    const afterTitle = /^\s*:/.test(sep) && clauses.length === 1 && !CONDITION_START.test(clauses[0].text) && clauses[0].text.split(/\s+/).length <= 6 && !isCond && STEP_WORD.test(bare);
    // "servers: collect a package, workstations: isolate": a short name before a colon, after a step, heads the steps after
    // it (joined to the step before, it had been read as that step's devices, and the first heading as the second step's).
    if (clauses.length > 1 && !isCond && !isAction && !afterTitle && /^\s*:/.test(pieces[i + 1] ?? '') && /^\s*,|^\s+and\s+$/.test(sep) && clauses[clauses.length - 1].role === 'action'
      && clauses.slice(0, -1).some((c) => c.header) && bare.split(/\s+/).length <= 4 && !STEP_WORD.test(bare)) {
      clauses.push({ text: bare, role: 'lead', header: true });
      continue;
    }
    if (clauses.length > 0 && !isCond && !isAction && !afterTitle) {
      const prev = clauses[clauses.length - 1];
      prev.text = `${prev.text}${sep}${text}`;
      // "risky sign-in, high sev: revoke ...": a header said in pieces, before its colon, is a condition too.
      if (clauses.length === 1 && prev.role === 'action' && /^\s*:/.test(pieces[i + 1] ?? '') && !ACTION_START.test(prev.text) && !LOOKS_IMPERATIVE.test(prev.text)) {
        prev.role = 'lead';
        prev.header = true;
      }
      continue;
    }
    if (clauses.length > 0 && isCond && /^\s*[:;]/.test(sep) === false && /^(?:where|should)\b/i.test(bare)) {
      const prev = clauses[clauses.length - 1];
      prev.text = `${prev.text}${sep}${text}`;
      continue;
    }
    // A condition right after "otherwise" opens that branch ("otherwise, if fewer than 3, comment").
    const opensBranch = clauses.length > 0 && clauses[clauses.length - 1].role === 'otherwise' && !clauses[clauses.length - 1].text;
    // A condition right after a lead or header is a lead too ("low sev: if VT says clean, close it").
    // After a title's colon too ("Notify the user: when X, email them").
    const afterLead = clauses.length > 0 && (clauses[clauses.length - 1].role === 'lead' || (/^\s*:/.test(sep) && clauses[clauses.length - 1].header === true));
    // "isolate it, and if VT flags the hash, block it too": a condition joined by "and" / "then" before an action of its own leads that action.
    const nextIsAction = ACTION_START.test(nextPiece) || LOOKS_IMPERATIVE.test(nextPiece);
    const leadsNext = clauses.length > 0 && /\b(?:and|then|also|plus)\b/i.test(sep) && nextIsAction && CONDITION_START.test(bare);
    const role: Clause['role'] = isCond ? (clauses.length === 0 || opensBranch || afterLead || leadsNext ? 'lead' : 'cond') : 'action';
    // "..., undo the containment on its devices: release isolation and ...": an action before a colon sums up what follows.
    const titled = /^\s*:/.test(pieces[i + 1] ?? '') && pieces.length > i + 2 && (clauses.length === 0 || !isCond);
    clauses.push({ text: bare, role, ...(titled ? { header: true } : {}) });
  }
  // "Isolate device and notify: this playbook ...": a short title before a colon, several clauses long.
  const colon = /^([^:]{3,60}?):\s+\S/.exec(s);
  if (colon && !CONDITION_START.test(colon[1].trim()) && !/:/.test(pieces[1] ?? '') && clauses.length > 1) {
    const titleClauses = splitClauses(colon[1]).length;
    if (titleClauses > 1 && titleClauses < clauses.length) clauses.slice(0, titleClauses).forEach((c) => (c.header = true));
  }
  // A lead clause whose header ends with an action verb without a comma: "If X is malicious isolate the device".
  const out: Clause[] = [];
  for (const c of clauses) {
    if (c.role === 'lead' || c.role === 'cond') {
      // The earliest of an action ("isolate the ..."), a negated one ("dont isolate") or a branch that does nothing.
      const found = [ACTION_AFTER.exec(c.text), ACTION_AFTER_BARE.exec(c.text), ACTION_AFTER_TO.exec(c.text), NO_OP_AFTER.exec(c.text)].filter((x): x is RegExpExecArray => x !== null).sort((a, b) => a.index - b.index);
      const m = found[0] ?? (/^(?:for|on)\b/i.test(c.text) ? FOR_ACTION.exec(c.text) : null);
      // "if it was blocked before delivery dont email them": the negation before the verb is the action's (left in the
      // condition, the mail was planned for blocked messages).
      const negated = m ? /\s(?:do\s+not|don'?t|dont|never|no\s+need\s+to)\s*$/i.exec(c.text.slice(0, m.index)) : null;
      const verbAt = negated && m ? negated.index : m?.index ?? 0;
      // ("for Linux only a full scan": the scan's kind goes with it, never stays in the case.)
      const kind = m ? /\s(?:(?:just|only)\s+)?(?:an?|the)\s+(?:full|quick|deep)(?:\s+(?:av|antivirus))?\s*$/i.exec(c.text.slice(0, verbAt)) : null;
      const at = kind ? kind.index : verbAt;
      if (m && at > 0 && (negated || !/\b(?:to|is|be|was|were|are|not|that)\s*$/i.test(c.text.slice(0, m.index)))) {
        // "scan it, then if any file is bad isolate them": the condition governs the action after it.
        // ("isolate the device but only if VT flags it leave the windows ones alone": an "only if" right after a step is that
        // step's, said without a comma; read as the case of what follows, the isolation had run whatever VT said.)
        const trailing = /^(?:but\s+)?only\s+(?:if|when|once|after)\b/i.test(c.text) && /^(?:leave|ignore|skip|do\s+nothing|don'?t|dont|do\s+not|never|not)\b/i.test(c.text.slice(at).trim());
        const role = c.role === 'cond' && !trailing ? 'lead' : c.role;
        out.push({ text: c.text.slice(0, at).trim().replace(/\s+(?:just|simply|then|only)$/i, ''), role });
        out.push({ text: c.text.slice(at).trim(), role: 'action' });
        continue;
      }
    }
    // "block the hash too if its between 4 and 10 just add a comment": a case said without punctuation between two steps,
    // the second said "just" / "only", is the case of that second step (a new branch), not a test of the first.
    const mid = c.role === 'action' && !c.header ? MID_CASE.exec(c.text) : null;
    if (mid && ACTION_START.test(mid[1]) && !/\b(?:if|when|unless)\b/i.test(mid[1])) {
      out.push({ text: mid[1], role: 'action' }, { text: mid[2], role: 'lead' }, { text: mid[3], role: 'action' });
      continue;
    }

    // "On any high sev incident restrict app execution on the machines, windows 10 only": once the lead is split from
    // its action, a qualifier said after that action narrows it, as it would after any action.
    if (c.role === 'lead' && out.length > 0 && out[out.length - 1].role === 'action' && /\bonly(?:\s+(?:please|pls|thanks|though|tho))*$/i.test(c.text) && !CONDITION_START.test(c.text)) {
      out.push({ ...c, role: 'cond' });
      continue;
    }
    out.push(c);
  }
  // ("..., block the hash too if its between 4 and 10, just add a comment": the same, with a comma before "just".)
  for (let k = out.length - 2; k >= 0; k--) {
    const [c, next] = [out[k], out[k + 1]];
    const saidJust = s.includes(`just ${next.text}`) || s.includes(`only ${next.text}`) || s.includes(`simply ${next.text}`) || /^(?:just|only|simply)\s/i.test(next.text);
    const end = c.role === 'action' && !c.header && next.role === 'action' && saidJust && ACTION_START.test(next.text) ? CASE_AT_END.exec(c.text) : null;
    if (end && ACTION_START.test(end[1]) && !/\b(?:if|when|unless)\b/i.test(end[1])) out.splice(k, 1, { text: end[1], role: 'action' }, { text: end[2], role: 'lead' });
  }
  return out.map((c) => ({ ...c, text: unprotect(c.text) }));
}

export function unprotect(text: string): string {
  return text
    .replace(/\uE001/g, ',')
    .replace(/\uE002/g, ';')
    .replace(/\uE003/g, ' ')
    .replace(/\uE004/g, ':')
    .replace(/\b(\d+)_and_(\d+)/g, '$1 and $2')
    .replace(/\b(and|or)_(above|higher|up|over|more|greater|worse)\b/gi, '$1 $2')
    .replace(/\b(stop|kill|command|alert|block)-and-(quarantine|control|block|remediate)\b/gi, '$1 and $2');
}

/** Splits an action clause at a trailing condition ("isolate it only if ..."). */
export function splitTrailingCondition(text: string): { action: string; cond: string | null } {
  const m = /\s(?:but\s+)?(only\s+(?:if|when|after|once)|except\s+(?:when|if)|not\s+(?:when|if)|if|when|whenever|unless|provided(?:\s+that)?|in\s+case|as\s+long\s+as|once|after)\s/i.exec(text);
  if (!m) return { action: text, cond: null };
  // "resolve them, because biomed fires them every morning when they validate AV": the reason's own "when" is no case.
  if (/\bbecause\b/i.test(text.slice(0, m.index)) && /^(?:when|once|after)\s+(?:they|we|he|she|i|you)\b/i.test(text.slice(m.index).trim())) return { action: text, cond: null };
  return { action: text.slice(0, m.index).trim(), cond: text.slice(m.index).trim() };
}

