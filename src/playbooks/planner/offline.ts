import { ACTIONS, ALERT_CATEGORIES, type ActionName } from '../spec';
import { interpretRequest, type Withheld } from './interpret';
import { buildLedger, destructiveLabels, type LedgerEntry } from './ledger';
import { normalizeRequest, type NormalizedRequest } from './normalize';
import {
  SUPPORTED_AUTOMATIONS, type PlanAccepted, type PlanContext, type PlanQuestion, type PlanResult, type Planner, type Reading, type UnreadWord,
} from './types';

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
    return planRequest(request, ctx);
  }
}

/** Requests for a mass action on the whole tenant rather than on what an incident involves. */
const MASS_ACTION =
  /\b(?:every|all(?:\s+the)?|each)\s+(?:of\s+(?:the|our)\s+)?(?:machines?|devices?|endpoints?|hosts?|computers?|users?|accounts?|servers?|workstations?|laptops?)\s+(?:in|across|on|of|throughout)\s+(?:the\s+|our\s+|this\s+|my\s+)?(?:tenant|org|organi[sz]ation|company|environment|estate|fleet|network|domain|enterprise|business)\b|\b(?:tenant|org(?:anization)?|company|fleet|enterprise)[- ]wide\b|\b(?:isolate|disable|block|restrict)\s+everything\b|\b(?:isolate|disable|restrict|reset|revoke)\s+(?:all|every)\s+(?:machines?|devices?|endpoints?|hosts?|users?|accounts?)\s*(?:now|right\s+now|immediately)?\s*$/i;

function planRequest(raw: string, ctx: PlanContext): PlanResult {
  const normalized = normalizeRequest(raw);
  const mass = MASS_ACTION.exec(normalized.text);
  if (mass) return massActionRefusal(normalized, mass[0]);
  if (!normalized.text.replace(/[\s.,;:!?]+/g, '')) {
    return refusal(normalized, normalized.ignored.length ? 'The request holds only text addressed to the system, which Rampart never acts on.' : 'The request is empty.');
  }
  const { result, withheld } = interpretRequest(normalized.text, ctx);
  const declined = result.notUnderstood.map((n) => /^(.*?) \((?:not supported|refused)\b/.exec(n)?.[1]).filter((c): c is string => Boolean(c));
  const ledger = buildLedger(normalized.text, result.ok ? result.spec : undefined, declined);
  const notes = describeNormalizing(normalized);
  if (!result.ok) {
    // Every step was destructive and withheld: that is a question, not "nothing actionable".
    const asked = withheld.filter((w) => w.actions.some((a) => ACTIONS[a].destructive));
    if (asked.length > 0) return question(normalized, result, asked, [], []);
    return { ...result, notUnderstood: [...notes.ignored, ...result.notUnderstood], facts: [...notes.facts, ...result.facts] };
  }

  const destructive = result.spec.steps.filter((s) => ACTIONS[s.action].destructive).map((s) => s.action);
  const fromRules = withheld.filter((w) => w.actions.some((a) => ACTIONS[a].destructive));
  const governing = destructive.length > 0 ? ledger.governing : [];
  if (fromRules.length > 0 || governing.length > 0) {
    return question(normalized, result, fromRules, governing, destructive);
  }
  const unreadNotes = [...ledger.harmless].map((e) => `"${e.word}" (word ${e.position + 1}) in "${e.clause}": not read; it only concerns a notification or note, so nothing was held back`);
  const accepted: PlanAccepted = {
    ...result,
    understood: [...notes.understood, ...result.understood],
    notUnderstood: [...notes.ignored, ...result.notUnderstood, ...unreadNotes],
    facts: [...notes.facts, ...result.facts],
  };
  return accepted;
}

function describeNormalizing(n: NormalizedRequest): { understood: PlanAccepted['understood']; ignored: string[]; facts: string[] } {
  const understood = n.corrections.map((c) => ({ phrase: c.from, meaning: c.kind === 'typo' ? `read as "${c.to}" (typo)` : `read as "${c.to}"` }));
  const ignored = n.ignored.map((t) => `${t.length > 120 ? `${t.slice(0, 117)}...` : t} (text addressed to the system: never a step)`);
  const facts = n.ignored.length ? ['Text addressed to the system inside a request (hidden comments, "SYSTEM:", "ignore previous instructions") is never turned into a step.'] : [];
  return { understood, ignored, facts };
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

/** Quotes words for a question: “finance department's”. */
function quote(words: string[]): string {
  return words.map((w) => `“${w.replace(/^["']|["']$/g, '')}”`).join(', ');
}

/** Guesses at what unread words meant, offered as buttons. */
function readingsFor(words: string[]): Reading[] {
  const out: Reading[] = [];
  for (const w of words) {
    const bare = w.replace(/^["']|["']$/g, '').replace(/[^\w -]/g, '');
    const category = ALERT_CATEGORIES.find((c) => c.toLowerCase() === bare.replace(/[\s-]+/g, '').toLowerCase());
    if (category) out.push({ label: `alert category = ${category}?`, answer: `Only when the alert category is ${category}.` });
    else if (/^["']/.test(w) || /^[A-Z]/.test(w)) out.push({ label: `title mentions "${bare}"?`, answer: `Only when the alert title mentions "${bare}".` });
  }
  return out.slice(0, 4);
}

/** Removes the words Rampart did not read from the request, so an answer can take their place. */
function withoutWords(text: string, words: string[]): string {
  let out = text;
  for (const w of words) out = out.replace(w, ' ');
  return out
    .replace(/\s+/g, ' ')
    // Words left dangling where the unread ones stood ("only for the.").
    .replace(/(?:,\s*)?(?:\b(?:only|just|for|the|in|on|of|from|to|with|a|an|do|this|that|when|if)\b\s*)+(?=[.;]|$)/gi, '')
    .replace(/\s+([,.;])/g, '$1')
    .replace(/([,;.])\s*([.;,])/g, '$2')
    .trim();
}

function question(n: NormalizedRequest, result: Pick<PlanAccepted, 'understood' | 'notUnderstood' | 'facts'>, fromRules: Withheld[], governing: LedgerEntry[], destructive: ActionName[]): PlanQuestion {
  const actions = [...new Set([...fromRules.flatMap((w) => w.actions), ...(governing.length ? destructive : [])])];
  const labels = destructiveLabels(actions);
  const phrases = [...new Set(fromRules.map((w) => w.words.trim()))];
  const words = governing.map((e) => e.word);
  const clauses = [...new Set(governing.map((e) => e.clause))];
  const parts: string[] = [];
  if (phrases.length) parts.push(`I could not read ${quote(phrases)}`);
  if (words.length) parts.push(`I did not read ${quote([...new Set(words)])} in ${quote(clauses)}`);
  const text =
    `${parts.join('; ')}. ${phrases.length + new Set(words).size > 1 ? 'They' : 'It'} may narrow “${labels}”, so I left ${actions.length > 1 ? 'those steps' : 'that step'} out rather than run ${actions.length > 1 ? 'them' : 'it'} more widely than you asked. ` +
    'What should it mean? Answer with a condition I can check (for example “only when the alert category is Execution”, “only for servers”, “only when the incident is tagged vip”), or “leave it out” to drop those words.';
  const unread: UnreadWord[] = governing.map((e) => ({ word: e.word, position: e.position }));
  const readings: Reading[] = [...readingsFor([...new Set(words)]), { label: `Without ${labels}`, answer: `Do not ${labels}.` }];
  // A clause that only qualified (no step of its own) goes whole; in a step's clause only the unread words go.
  const stepPhrases = new Set(('spec' in result ? (result as PlanAccepted).spec.steps : []).map((st) => (st.phrase ?? '').toLowerCase()));
  const qualifierClauses = clauses.filter((c) => !stepPhrases.has(c.toLowerCase()));
  const base = withoutWords(n.text, [...phrases, ...qualifierClauses, ...words]);
  const notes = describeNormalizing(n);
  return {
    ok: false,
    reason: `Rampart needs an answer before it can plan “${labels}” safely.`,
    question: text,
    unread,
    readings,
    base,
    notUnderstood: [...notes.ignored, ...result.notUnderstood, ...words.map((w, i) => `"${w}" (word ${governing[i]!.position + 1}): not read`)],
    understood: [...notes.understood, ...result.understood],
    facts: [...notes.facts, ...result.facts],
    supported: SUPPORTED_AUTOMATIONS,
    planner: 'offline-rules',
  };
}
