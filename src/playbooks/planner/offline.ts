import { ACTIONS, IOC_TYPES, type ActionName, type PlaybookSpec } from '../spec';
import { actionsAskedFor, interpretRequest, iocTypesIn, type Withheld } from './interpret';
import { buildLedger, withoutReason } from './ledger';
import { normalizeRequest, DEFENDER_PRODUCT, type NormalizedRequest } from './normalize';
import { isOtherSide, leftAloneSentences, leftOutBy } from './otherSide';
import { describeNormalizing, question } from './safety';
import { SUPPORTED_AUTOMATIONS, type PlanAccepted, type PlanContext, type PlanResult, type Planner, type Understood } from './types';

import { splitClauses, splitSentences } from './segment';
export { splitClauses, splitSentences } from './segment';

/**
 * The offline planner: no keys, no network, deterministic. A pipeline:
 * normalize (case, punctuation, shorthand, typos; text addressed to the system set aside) ->
 * interpret (sentences -> clauses -> spec fragments) -> ledger (every word read, a function
 * word, or not read) -> the safety rule (a destructive step governed by words not read is
 * withheld, and Rampart asks).
 */
export class OfflinePlanner implements Planner {
  readonly name = 'offline-rules';

  /** Plans a request; never throws for odd input (it refuses or asks instead). */
  async plan(request: string, ctx: PlanContext = {}): Promise<PlanResult> {
    return planWithOtherSide(request, ctx);
  }
}

/**
 * "... Open incidents are not modified.": a sentence that leaves alone cases no step runs on is the other side of the
 * plan's conditions. The request is planned without it, and that plan is kept only when everything the sentence names
 * falls outside every step it concerns; otherwise the whole request is planned, and the ledger asks about the sentence.
 */
function planWithOtherSide(raw: string, ctx: PlanContext): PlanResult {
  const { rest, sentences } = leftAloneSentences(raw);
  if (sentences.length === 0 || !rest.replace(/[\s.,;:!?]+/g, '')) return planWithIocRuleOuts(raw, ctx);
  // (Kinds of IOC ruled out may stand beside such a sentence, or be one: each reading is checked on its own final spec.)
  const reduced = planWithIocRuleOuts(rest, ctx);
  if (!reduced.ok) return planWithIocRuleOuts(raw, ctx);
  // A sentence that leaves alone cases the steps do run on, all of them facts Rampart can test, is an exclusion.
  let spec = reduced.spec;
  const understood: Understood[] = [];
  for (const s of sentences) {
    if (isOtherSide(s, spec)) {
      understood.push({ phrase: s.sentence, meaning: 'cases no step runs on: the other side of the conditions above, left alone' });
      continue;
    }
    const narrowed = leftOutBy(s, spec);
    if (!narrowed) return planWithIocRuleOuts(raw, ctx);
    spec = narrowed;
    understood.push({ phrase: s.sentence, meaning: 'cases left alone: the steps it concerns skip them' });
  }
  return { ...reduced, spec, understood: [...reduced.understood, ...understood] };
}

/** "dont block the ips or urls", "no url or hash blocks", "never touch the IPs": kinds of IOC no block may act on. */
const IOC_KIND = String.raw`(?:ips?|ip\s+address(?:es)?|urls?|links?|(?:sender(?:'?s)?\s+|senders'\s+|mail\s+|e-?mail\s+)?domains?|hash(?:es)?|file\s+hash(?:es)?)`;
/** Kinds of IOC listed: "ip/url", "urls and domains", "hash, ip or url". */
const IOC_KIND_LIST = String.raw`${IOC_KIND}(?:\s*(?:,|\bor\b|\band\b|\/)\s*${IOC_KIND})*`;
const IOC_RULE_OUT = new RegExp(
  String.raw`(^|[.;,:]\s*|\n\s*)((?:but\s+|and\s+)?(?:(?:do\s+not|don'?t|dont|never)\s+(?:block|touch)\s+(?:the\s+|any\s+)?${IOC_KIND}(?:\s*(?:,|\bor\b|\band\b|\/|\bnor\b)\s*(?:the\s+)?${IOC_KIND})*|no\s+${IOC_KIND_LIST}\s+(?:blocks?|blocking|indicators?|iocs?)|(?:the\s+)?${IOC_KIND}(?:\s*(?:,|\bor\b|\band\b|\/)\s*(?:the\s+)?${IOC_KIND})*\s+(?:are|is)\s+(?:out\s+of\s+scope|excluded|not\s+in\s+scope|left\s+alone|not\s+blocked|never\s+blocked))(?:\s+(?:either|at\s+all|please|pls|here|for\s+this\s+one|tho|though|obviously|obvs))?)\s*(?=[.;,\n]|$)`,
  'gi',
);

/** Why, said right after a rule-out: "..., legal get funny about that", ", because the CDN shares them". */
const REASON_AFTER = /^\s*,\s*(?:(?:because|since|as|cause|cuz|coz)\s+)?(?:legal|compliance|they|we|it|that|those|these|people|users|management|mgmt|the\s+(?:business|client|customer|cdn|vendor)|[a-z]+\s+(?:team|dept|department))\b[^.;\n]{0,80}?(?=\s*(?:[.;\n]|$))/i;

/** "ip only for this one", "hashes only": the kinds of IOC every block is of, said after the blocks. */
const IOC_ONLY = new RegExp(
  String.raw`(^|[.;,:]\s*|\n\s*)((?:(?:the\s+)?${IOC_KIND_LIST}\s+only|only\s+(?:the\s+)?${IOC_KIND_LIST})(?:\s+(?:for\s+(?:this|that)\s+(?:one|rule|playbook)|here|this\s+time|please|pls))?)\s*(?=[.;,\n]|$)`,
  'gi',
);

/**
 * "block the hashes at 5+ engines ... dont block the ips or urls", "ip only for this one": a rule-out of kinds of IOC (or
 * "only" one kind) is the other side of blocks that act on other kinds. The request is planned without those words, and
 * that plan is kept only when every block of it acts on none of the kinds ruled out; otherwise the whole request is
 * planned, the ledger asks about the words it cannot read, and a plan that still blocks a kind ruled out is asked about.
 */
function planWithIocRuleOuts(raw: string, ctx: PlanContext): PlanResult {
  // ("dont block the sender domain tho, legal get funny about that": why, after the rule-out, narrows nothing; a reason
  // that asks for a step is no reason.)
  const said = [...raw.matchAll(IOC_RULE_OUT)].map((m) => {
    const why = REASON_AFTER.exec(raw.slice((m.index ?? 0) + m[0].length));
    return { words: why && actionsAskedFor(why[0]).length === 0 ? `${m[2]}${why[0]}` : m[2], kinds: iocTypesIn(m[2]) };
  });
  // "ip only for this one": every other kind is ruled out.
  const only = [...raw.matchAll(IOC_ONLY)].map((m) => ({ words: m[2], kinds: IOC_TYPES.filter((t) => !iocTypesIn(m[2]).includes(t)) }));
  const found = [...said, ...only];
  if (found.length === 0) return planRequest(raw, ctx);
  const ruledOut = new Set(found.flatMap((m) => m.kinds));
  const rest = found.reduce((text, m) => text.replace(m.words, ' '), raw);
  const reduced = planRequest(rest, ctx);
  if (!reduced.ok) return blocksNoneRuledOut(planRequest(raw, ctx), found.map((m) => m.words.trim()), ruledOut);
  const blocks = reduced.spec.steps.filter((st) => st.action === 'createIndicator');
  const apart = blocks.length > 0 && blocks.every((st) => st.target.kind === 'iocs' && st.target.iocTypes.every((t) => !ruledOut.has(t)));
  if (!apart) return blocksNoneRuledOut(planRequest(raw, ctx), found.map((m) => m.words.trim()), ruledOut);
  const understood: Understood[] = found.map((m) => ({ phrase: m.words.trim(), meaning: `no ${[...ruledOut].join(' / ')} indicator: every block acts on other kinds of IOC` }));
  return { ...reduced, understood: [...reduced.understood, ...understood] };
}

/**
 * The whole request, planned with the words that rule kinds of IOC out: a block of a kind they rule out ("block every ip
 * ... hashes only") is a request at odds with itself, and Rampart asks which kinds it meant (it had blocked the IPs).
 */
function blocksNoneRuledOut(plan: PlanResult, words: string[], ruledOut: Set<string>): PlanResult {
  if (!plan.ok) return plan;
  const clash = plan.spec.steps.filter((st) => st.action === 'createIndicator' && st.target.kind === 'iocs' && st.target.iocTypes.some((t) => ruledOut.has(t)));
  if (clash.length === 0) return plan;
  const kinds = [...new Set(clash.flatMap((st) => (st.target.kind === 'iocs' ? st.target.iocTypes.filter((t) => ruledOut.has(t)) : [])))];
  const said = words.map((w) => `“${w}”`).join(', ');
  return {
    ok: false,
    reason: 'Rampart needs an answer before it can plan “block indicator” safely.',
    question: `The request blocks ${kinds.join(' / ')} indicators, and ${said} rules that kind out. Which kinds of IOC should it block?`,
    notUnderstood: [`${said} (at odds with a block of ${kinds.join(' / ')} indicators, so nothing was planned)`],
    understood: plan.understood,
    facts: plan.facts,
    supported: SUPPORTED_AUTOMATIONS,
    planner: 'offline-rules',
  };
}

/** Requests for a mass action on the whole tenant rather than on what an incident involves. */
const MASS_ACTION =
  /\b(?:every|all)\s+(?:[\w-]+\s+)?(?:accounts?|users?|devices?|machines?|endpoints?|hosts?|computers?|servers?|workstations?|laptops?)\b(?:(?!\b(?:incidents?|alerts?|detections?|cases?)\b)[^.;!?\n]){0,100}?\b(?:whole|entire)\s+(?:tenant|org|organi[sz]ation|company|estate|fleet|environment)\b|\b(?:every|all(?:\s+the)?|each)\s+(?:of\s+(?:the|our)\s+)?(?:(?:windows|linux|mac(?:os)?|[\w-]+)\s+)?(?:(?:machines?|devices?|endpoints?|hosts?|computers?|laptops?|desktops?|pcs?)\s+(?:and|or|\/|&)\s+)?(?:machines?|devices?|endpoints?|hosts?|computers?|users?|accounts?|servers?|workstations?|laptops?|desktops?|pcs?|clients?)\s+(?:(?:that\s+)?(?:we|they)(?:'ve|\s+have)?\s+(?:got|have|own|run|manage)\b(?!\s+(?:in|on|from|for)\s+(?:the|this|that|an?|each|every)\s+(?:incident|alert|case)s?\b)|(?:in|across|on|of|throughout)\s+(?:the\s+|our\s+|their\s+|this\s+|my\s+)?(?:whole\s+|entire\s+)?(?:tenant|org|organi[sz]ation|company|environment|estate|fleet|network|domain|enterprise|business)|across\s+(?:the\s+|our\s+|their\s+|this\s+|all\s+)?(?:whole\s+|entire\s+)?(?:department|ministry|agenc(?:y|ies)|government|division|subsidiar(?:y|ies)|branch(?:es)?|regions?|sites?|offices))\b|\b(?:tenant|org(?:anization)?|company|fleet|enterprise)[- ]wide\b(?!\s+(?:[\w-]+\s+){0,2}(?:indicators?|iocs?|blocks?|blocklists?|denylists?))|\b(?:every(?:one|body)|all\s+(?:the\s+|our\s+)?(?:staff|employees|people|personnel|users|accounts))(?:'s)?\s+(?:\w+\s+)?(?:in|across|at|of|throughout)\s+(?:the\s+|our\s+|this\s+)?(?:tenant|org|organi[sz]ation|company|business|enterprise|domain|firm)\b|\b(?:isolate|disable|restrict|reset|revoke|lock|sign\s+out)\s+(?:(?:the\s+)?(?:passwords?|accounts?|sessions?|tokens?)\s+(?:of|for)\s+)?(?:every(?:one|body)|all\s+(?:users|accounts|employees|staff))(?:'s)?\b(?!\s+(?:who|that|which|involved|affected|impacted|targeted|named|listed|(?:in|on|of|from)\s+(?:the|this|that|an?)\s+(?:incident|alert)|(?:in|on|of|from)\s+(?:it|them)\b))|\b(?:isolate|disable|block|restrict)\s+everything\b(?!\s+(?:involved|affected|impacted|implicated|related|touched|listed|named|(?:in|on|from|of)\s+(?:it|them|this|that|the\s+(?:incident|alert)))\b)|\b(?:isolate|disable|restrict|reset|revoke)\s+(?:all|every)\s+(?:machines?|devices?|endpoints?|hosts?|users?|accounts?)\s*(?:now|right\s+now|immediately)?\s*$|\b(?:isolate|disable|restrict|reset|revoke|block)\s+(?:all|every)\s+(?:the\s+)?(?:machines?|devices?|endpoints?|hosts?|users?|accounts?)\s*,?\s*(?:except|but|apart\s+from|other\s+than|besides|save)\b|\b(?:all|every(?:\s+one\s+of)?)\s+(?:the\s+|our\s+)?\d[\d,]*\s+(?:machines|devices|endpoints|hosts|computers|servers|workstations|laptops|users|accounts|mailboxes)\b/i;

function planRequest(raw: string, ctx: PlanContext): PlanResult {
  const normalized = normalizeRequest(raw);
  const mass = MASS_ACTION.exec(normalized.text);
  // "on ransomware alerts all devices are isolated, except servers": the devices of those alerts, not the tenant.
  const scoped = mass !== null && /\b(?:except|but|apart|other\s+than|besides|save)\b/i.test(mass[0]) && /\b(?:alerts?|incidents?|detections?)\b/i.test(normalized.text);
  if (mass && !scoped) return massActionRefusal(normalized, mass[0]);
  if (normalized.ignored.length > 0) return injectionRefusal(normalized);
  if (!normalized.text.replace(/[\s.,;:!?]+/g, '')) return refusal(normalized, 'The request is empty.');
  const { result, withheld } = interpretRequest(normalized.text, ctx);
  const declined = result.notUnderstood.map((n) => /^(.*?) \((?:not supported|refused)\b/.exec(n)?.[1]).filter((c): c is string => Boolean(c));
  // A case the request leaves alone, which no step can run in, was read as that.
  if (result.ok) declined.push(...result.understood.filter((u) => u.meaning.startsWith('a case that gets nothing')).map((u) => u.phrase));
  // So was a sentence that says which devices every step is for ("Scope: workstations only. Not servers.").
  if (result.ok) declined.push(...result.understood.filter((u) => u.meaning.startsWith('the devices of every step')).map((u) => u.phrase));
  const unreadClauses = result.notUnderstood.filter((n) => !/[()":]/.test(n));
  const ledger = buildLedger(normalized.text, result.ok ? result.spec : undefined, declined, unreadClauses);
  const notes = describeNormalizing(normalized);
  if (!result.ok) {
    // Every step was withheld: that is a question, not "nothing actionable".
    const asked = withheld.filter((w) => w.actions.length > 0);
    if (asked.length > 0) return question(normalized, result, asked, [], []);
    return { ...result, notUnderstood: [...notes.ignored, ...result.notUnderstood], facts: [...notes.facts, ...result.facts] };
  }

  // Words not read that could narrow a step hold back every step they may govern, not only the destructive
  // ones: a tag, a mail or a close on incidents the request did not mean is a wrong playbook as well.
  const stepActions = result.spec.steps.map((s) => s.action);
  const fromRules = [...withheld.filter((w) => w.actions.length > 0), ...lostActions(normalized.text, result.notUnderstood, stepActions), ...droppedSources(normalized.text, result.spec, result.understood)];
  const governing = ledger.governing;
  if (fromRules.length > 0 || governing.length > 0) {
    return question(normalized, result, fromRules, governing, stepActions);
  }
  const unreadNotes = [...ledger.harmless].map((e) => `"${e.word}" (word ${e.position + 1}) in "${e.clause}": not read; ${e.reason ? 'it is part of a reason given, which narrows nothing' : e.ruledOut ? 'it rules out only what no step does' : 'it only concerns a notification or note'}, so nothing was held back`);
  const accepted: PlanAccepted = {
    ...result,
    understood: [...notes.understood, ...result.understood],
    notUnderstood: [...notes.ignored, ...result.notUnderstood, ...unreadNotes],
    facts: [...notes.facts, ...result.facts],
  };
  return accepted;
}

/** A product a request names for its alerts: "Defender for Endpoint", "MDE", "Identity Protection". */
const SOURCE_NAMED = new RegExp(String.raw`\b(?:${DEFENDER_PRODUCT}|cloud\s+app\s+security)\b`, 'gi');
/** "confirm the user compromised in Identity Protection": where a step is done, not which alerts. */
const WHERE_DONE = /\b(?:in|via|through|using|inside|within|with|as|to|into)\s+(?:the\s+|an?\s+)?(?:microsoft\s+)?$/i;

/**
 * A product the request names for its alerts that the plan holds nowhere (neither the trigger nor any step's case, said or
 * ruled out): the reading dropped a narrowing, so the steps would run on every product's incidents. Rampart asks rather
 * than widen them. (A safety net behind the grammar: each such drop found is also read by mechanism.)
 */
export function droppedSources(text: string, spec: PlaybookSpec, understood: Understood[] = []): Withheld[] {
  const stepWords = [...spec.steps.map((st) => st.phrase ?? ''), ...understood.filter((u) => Object.values(ACTIONS).some((a) => a.label === u.meaning)).map((u) => u.phrase)].map((p) => p.toLowerCase());
  if (spec.trigger.serviceSources.length > 0 || /"kind":"serviceSource"/.test(JSON.stringify(spec.steps))) return [];
  for (const sentence of splitSentences(text)) {
    const said = withoutReason(sentence);
    for (const m of said.matchAll(SOURCE_NAMED)) {
      // ("Contain Host - MDE", "added as Defender for Endpoint indicators": the product is part of the step's own words.)
      if (WHERE_DONE.test(said.slice(0, m.index)) || stepWords.some((p) => p.includes(m[0].toLowerCase()))) continue;
      return [{ words: m[0], actions: spec.steps.map((s) => s.action), kind: 'condition' }];
    }
  }
  return [];
}

/**
 * Words not read that name an action no step came from ("quarantine it everywhere it was seen", "the device
 * where it ran is isolated"): a playbook without that step is not what was asked, so Rampart asks rather than
 * drop it without a word. Clauses declined with a reason (not supported, refused) were answered already.
 */
export function lostActions(text: string, notUnderstood: string[], planned: ActionName[]): Withheld[] {
  const declined = notUnderstood.filter((n) => /\((?:not supported|refused)\b/.test(n)).map((n) => n.replace(/\s*\((?:not supported|refused)\b.*$/, '').toLowerCase());
  const clauses = splitSentences(text).flatMap((s) => splitClauses(s));
  const fragments = [
    ...notUnderstood.filter((n) => !/\((?:not supported|refused)\b/.test(n) && !/^"/.test(n)).map((n) => n.replace(/\s*\([^()]*\)\s*$/, '').trim()),
    ...clauses.filter((c) => c.role === 'action' || c.role === 'otherwise').map((c) => c.text),
    // "if the device is a workstation stop the process and quarantine the file": a step inside a condition's words.
    ...clauses.filter((c) => c.role === 'lead' || c.role === 'cond').flatMap((c) => {
      const m = /\s((?:isolate|quarantine|disable|restrict|revoke|reset|block|stop|kill|contain|collect)\s+(?:and\s+\w+\s+)?(?:the|it|them|their|there|his|her|its|our|this|that|these|those|everything|anything|stuff|all|every|any|an?|app|apps|application|code|investigation)\b.*)$/i.exec(c.text);
      return m ? [m[1]] : [];
    }),
  ];
  const out: Withheld[] = [];
  const seen = new Set<ActionName>();
  // "hosts rated High get isolated", "the account is disabled": a destructive step said in the passive, in any clause.
  for (const c of clauses) {
    if (/\b(?:not|never|no|dont|don'?t|doesn'?t|without)\b|n't\b/i.test(c.text)) continue;
    if (declined.some((d) => d.includes(c.text.toLowerCase()))) continue;
    const actions = PASSIVE_ACTIONS.filter(([re]) => re.test(c.text)).map(([, a]) => a).filter((a) => !planned.includes(a) && !seen.has(a));
    actions.forEach((a) => seen.add(a));
    if (actions.length > 0) out.push({ words: c.text, actions, kind: 'lost' });
  }
  for (const words of fragments) {
    if (declined.some((d) => d.includes(words.toLowerCase()) || words.toLowerCase().includes(d))) continue;
    // (A reason's words ask for nothing: "because biomed fires them when they validate AV on the carts".)
    const asked = actionsAskedFor(withoutReason(words));
    const actions = (asked.length > 0 ? asked : leadingVerb(words)).filter((a) => !planned.includes(a) && !seen.has(a));
    actions.forEach((a) => seen.add(a));
    if (actions.length > 0) out.push({ words, actions, kind: 'lost' });
  }
  return out;
}

const PASSIVE_BE = String.raw`\b(?:gets?|got|getting|are|is|was|were|be|been|being|becomes?)\s+(?:then\s+|also\s+|fully\s+|immediately\s+|automatically\s+|promptly\s+)?`;
/** Destructive steps said in the passive or with "get": what no step of the plan may silently leave out. */
const PASSIVE_ACTIONS: Array<[RegExp, ActionName]> = [
  [new RegExp(`${PASSIVE_BE}(?:network[- ])?(?:isolated|contained(?!\\s+(?:in|within|inside)\\b))\\b|\\b(?:gets?|receives?|(?:are|is)\\s+(?:given|placed\\s+in(?:to)?|put\\s+in(?:to)?))\\s+(?:an?\\s+)?(?:full\\s+|selective\\s+)?(?:network\\s+)?isolation\\b`, 'i'), 'isolate'],
  [new RegExp(`${PASSIVE_BE}(?:stopped\\s+and\\s+)?quarantined\\b`, 'i'), 'stopAndQuarantineFile'],
  [new RegExp(`${PASSIVE_BE}(?:disabled|suspended|deactivated)\\b`, 'i'), 'disableUser'],
  [new RegExp(`${PASSIVE_BE}(?:app(?:lication)?\\s+|code\\s+)?(?:execution\\s+)?restricted\\b`, 'i'), 'restrictCodeExecution'],
];

/** The action a fragment's first verb names ("disable the mailbox user"), where the grammar's fuller patterns did not match. */
const LEADING_VERBS: Array<[RegExp, ActionName]> = [
  [/^isolate\b/i, 'isolate'],
  [/^(?:disable|suspend|deactivate)\b/i, 'disableUser'],
  [/^quarantine\s+(?:the\s+|that\s+|each\s+|every\s+)?(?:[\w-]+\s+)?(?:hosts?|devices?|machines?|box(?:es)?|endpoints?|laptops?|workstations?|servers?)\b/i, 'isolate'],
  [/^quarantine\b(?!\s+(?:the\s+|that\s+|each\s+|every\s+)?(?:[\w-]+\s+)?(?:hosts?|devices?|machines?|box(?:es)?|endpoints?|laptops?|workstations?|servers?)\b)/i, 'stopAndQuarantineFile'],
  [/^restrict\b/i, 'restrictCodeExecution'],
  [/^revoke\b/i, 'revokeSessions'],
  [/^reset\b/i, 'resetPassword'],
  [/^(?:e-?mail|mail)\s+(?:me|us|it|them|the|an?|[\w.+'-]+@)/i, 'sendMail'],
  [/^(?:tag|label|assign|close|resolve|comment\s+on)\s+(?:it|them|the\s+(?:incident|case)s?)\b/i, 'updateIncident'],
];
function leadingVerb(words: string): ActionName[] {
  const bare = words.replace(/^(?:(?:and|then|also|just|please|pls|plus|finally)\s+)+/i, '');
  if (/\b(?:not|never|don'?t|dont|no)\b/i.test(bare)) return [];
  return LEADING_VERBS.filter(([re]) => re.test(bare)).map(([, action]) => action);
}

function refusal(n: NormalizedRequest, reason: string): PlanResult {
  const notes = describeNormalizing(n);
  return { ok: false, reason, notUnderstood: notes.ignored, understood: notes.understood, facts: notes.facts, supported: SUPPORTED_AUTOMATIONS, planner: 'offline-rules' };
}

function massActionRefusal(n: NormalizedRequest, words: string): PlanResult {
  return refusal(
    n,
    `"${words.trim()}" asks for a mass action. Rampart's playbooks act on the devices, users and IOCs of the incidents that match them, one incident at a time; they never act on every device or user of the tenant. Name the incidents it should react to instead.`,
  );
}

/**
 * Text addressed to the system (a hidden comment, "SYSTEM:", "ignore previous instructions") is
 * never a step; and a request that carries it was most likely pasted from somewhere an attacker
 * writes (a mail, a ticket, an alert), so none of it is planned: the analyst sees the words and
 * sends the request again without them.
 */
function injectionRefusal(n: NormalizedRequest): PlanResult {
  const quoted = n.ignored.map((t) => `"${t.length > 80 ? `${t.slice(0, 77)}...` : t}"`).join(', ');
  return refusal(
    n,
    `The request holds text addressed to the system (${quoted}). Rampart never takes instructions from inside a request, and plans nothing from a request that carries them: it may have been pasted from a mail, a ticket or an alert an attacker wrote. Send the request again without that text.`,
  );
}

/** The refusal for a request that carries text addressed to the system, or undefined: every planner checks this first. */
export function refusalForSystemText(request: string): PlanResult | undefined {
  const normalized = normalizeRequest(request);
  return normalized.ignored.length > 0 ? injectionRefusal(normalized) : undefined;
}
