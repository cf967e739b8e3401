import { ACTIONS, ALERT_CATEGORIES, type ActionName, type PlaybookSpec } from '../spec';
import { actionsAskedFor, type Withheld } from './interpret';
import { buildLedger, destructiveLabels, type LedgerEntry } from './ledger';
import { escapeRegExp, normalizeRequest, type NormalizedRequest } from './normalize';
import { SUPPORTED_AUTOMATIONS, type PlanAccepted, type PlanQuestion, type Reading, type UnreadWord } from './types';

/**
 * The safety rule, shared by both planners: a destructive step exists only when every word that
 * could narrow it was read. Otherwise the step is withheld and Rampart asks one question that
 * quotes the words it did not read, offers readings where it can guess, and remembers the
 * request without those words so the answer can take their place.
 */

/** What normalizing changed, for the card: corrections read, text set aside. */
export function describeNormalizing(n: NormalizedRequest): { understood: PlanAccepted['understood']; ignored: string[]; facts: string[] } {
  const understood = n.corrections.map((c) => ({ phrase: c.from, meaning: c.kind === 'typo' ? `read as "${c.to}" (typo)` : `read as "${c.to}"` }));
  for (const a of n.approval ?? []) understood.push({ phrase: a, meaning: 'Rampart asks for an analyst\'s approval in the thread before every destructive step' });
  for (const c of n.content ?? []) understood.push({ phrase: c, meaning: 'what the message or note says; it narrows nothing' });
  for (const b of n.background ?? []) understood.push({ phrase: b, meaning: 'background (a story, a greeting, a signature, a heading): no step and no case is read from it' });
  for (const e of n.examples ?? []) understood.push({ phrase: `(${e})`, meaning: 'examples of what was named before them; they narrow nothing' });
  if (n.title) understood.unshift({ phrase: n.title, meaning: 'the name of the playbook; its naming words are not conditions (what it says the playbook is for is read)' });
  if (n.addressee) understood.unshift({ phrase: n.addressee, meaning: 'who the playbook is for: it runs on the incidents of the tenant Rampart is connected to, so these words narrow nothing' });
  if (n.restated) understood.unshift({ phrase: 'the labelled lines (Trigger, Conditions, Actions)', meaning: `read as one request: "${n.restated}"` });
  const ignored = n.ignored.map((t) => `${t.length > 120 ? `${t.slice(0, 117)}...` : t} (text addressed to the system: never a step)`);
  const facts = n.ignored.length ? ['Text addressed to the system inside a request (hidden comments, "SYSTEM:", "ignore previous instructions") is never turned into a step.'] : [];
  return { understood, ignored, facts };
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
  // Whole words only: the unread "w" of "resolved w classification" must not take the w out of "new".
  for (const w of words) out = out.replace(new RegExp(`${/^\w/.test(w) ? '(?<!\\w)' : ''}${escapeRegExp(w)}${/\w$/.test(w) ? '(?!\\w)' : ''}`), ' ');
  return out
    .replace(/\s+/g, ' ')
    // Words left dangling where the unread ones stood ("only for the.").
    .replace(/(?:,\s*)?(?:\b(?:only|just|for|the|in|on|of|from|to|with|a|an|do|this|that|when|if)\b\s*)+(?=[.;]|$)/gi, '')
    .replace(/\s+([,.;])/g, '$1')
    .replace(/([,;.])\s*([.;,])/g, '$2')
    .trim();
}

export function question(n: NormalizedRequest, result: Pick<PlanAccepted, 'understood' | 'notUnderstood' | 'facts'>, fromRules: Withheld[], governing: LedgerEntry[], destructive: ActionName[]): PlanQuestion {
  const actions = [...new Set([...fromRules.flatMap((w) => w.actions), ...(governing.length ? destructive : [])])];
  const labels = destructiveLabels(actions);
  const lost = fromRules.filter((w) => w.kind === 'lost');
  const narrowing = fromRules.filter((w) => w.kind !== 'lost');
  const phrases = [...new Set(narrowing.map((w) => w.words.trim()))];
  const words = governing.map((e) => e.word);
  const clauses = [...new Set(governing.map((e) => e.clause))];
  const parts: string[] = [];
  if (phrases.length) parts.push(`I could not read ${quote(phrases)}`);
  if (words.length) parts.push(`I did not read ${quote([...new Set(words)])} in ${quote(clauses)}`);
  const lostText = lost
    .map((w) => `I could not read ${quote([w.words.trim()])}, which asks for “${destructiveLabels(w.actions)}”: I planned no such step rather than guess what it should act on and when. `)
    .join('');
  const narrowingActions = [...new Set([...narrowing.flatMap((w) => w.actions), ...(governing.length ? destructive : [])])];
  const narrowingText = parts.length
    ? `${parts.join('; ')}. ${phrases.length + new Set(words).size > 1 ? 'They' : 'It'} may narrow “${destructiveLabels(narrowingActions)}”, so I left ${narrowingActions.length > 1 ? 'those steps' : 'that step'} out rather than run ${narrowingActions.length > 1 ? 'them' : 'it'} more widely than you asked. `
    : '';
  const text =
    `${lostText}${narrowingText}` +
    'What should it mean? Answer with a condition I can check (for example “only when the alert category is Execution”, “only for servers”, “only when the incident is tagged vip”), or “leave it out” to drop those words.';
  const allPhrases = [...new Set(fromRules.map((w) => w.words.trim()))];
  const unread: UnreadWord[] = governing.map((e) => ({ word: e.word, position: e.position }));
  const readings: Reading[] = [...readingsFor([...new Set(words)]), { label: `Without ${labels}`, answer: `Do not ${labels}.` }];
  // A clause that only qualified (no step of its own) goes whole; in a step's clause only the unread words go.
  const stepPhrases = new Set(('spec' in result ? (result as PlanAccepted).spec.steps : []).map((st) => (st.phrase ?? '').toLowerCase()));
  const qualifierClauses = clauses.filter((c) => !stepPhrases.has(c.toLowerCase()));
  const base = withoutWords(n.text, [...allPhrases, ...qualifierClauses, ...words]);
  const notes = describeNormalizing(n);
  return {
    ok: false,
    reason: `Rampart needs an answer before it can plan “${labels}” safely.`,
    question: text,
    unread,
    readings,
    base,
    notUnderstood: [...notes.ignored, ...result.notUnderstood, ...words.map((w, i) => `"${w}" (word ${governing[i].position + 1}): not read`)],
    understood: [...notes.understood, ...result.understood],
    facts: [...notes.facts, ...result.facts],
    supported: SUPPORTED_AUTOMATIONS,
    planner: 'offline-rules',
  };
}

/**
 * Holds an LLM planner's spec to the safety rule: each destructive step must cite words of the
 * request (its `phrase`) that Rampart's own grammar reads as asking for that action, and no word
 * of the request that could narrow it may be left unread. Returns the question to ask, or
 * undefined when the plan may stand.
 */
export function checkCitedPlan(request: string, result: PlanAccepted): PlanQuestion | undefined {
  const normalized = normalizeRequest(request);
  const flat = (t: string): string => t.toLowerCase().replace(/[^a-z0-9@.]+/g, ' ').trim();
  const haystacks = [flat(request), flat(normalized.text)];
  const withheld: Withheld[] = [];
  for (const step of result.spec.steps) {
    if (!ACTIONS[step.action].destructive) continue;
    const cited = step.phrase?.trim() ?? '';
    const inRequest = cited.length > 0 && haystacks.some((h) => h.includes(flat(cited)));
    const asks = inRequest && actionsAskedFor(normalizeRequest(cited).text).includes(step.action);
    if (!asks) {
      withheld.push({
        words: cited ? `${cited} (cited for ${ACTIONS[step.action].label.toLowerCase()}, ${inRequest ? 'but those words do not ask for it' : 'but the request does not say that'})` : `${ACTIONS[step.action].label.toLowerCase()} (no words of the request were cited for it)`,
        actions: [step.action],
        kind: 'word',
      });
    }
  }
  const ledger = buildLedger(normalized.text, result.spec);
  // As for the offline planner: unread words that could narrow a step hold back every step, destructive or not.
  const governing = ledger.governing;
  if (withheld.length === 0 && governing.length === 0) return undefined;
  return { ...question(normalized, result, withheld, governing, result.spec.steps.map((s) => s.action)), planner: result.planner };
}

/** Whether a spec has a destructive step (the only kind the safety rule can withhold). */
export function actsDestructively(spec: PlaybookSpec): boolean {
  return spec.steps.some((s) => ACTIONS[s.action].destructive);
}
