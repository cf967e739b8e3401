import { SEVERITIES } from '../spec';

/**
 * A runbook written as numbered steps with decision points: "2. Severity: 2a. High -> go to 3 2b. Medium -> go to 5",
 * "4. Disable the account. Go to 6.", "2c. 0 or unknown -> end". The jumps are read here, before anything else, into the
 * plain shape the rest of the planner reads: each step that some cases skip is said with the cases that reach it, a jump
 * to the next step goes, and a case that only jumps on does nothing in its decision.
 *
 * Only one decision at a time is resolved: a step reached through two decisions, a jump backwards, or a case whose
 * subject Rampart cannot name leaves the text as it was (its words are then asked about, never guessed).
 */

/** A numbered line: "2.", "2)", "Step 2:"; a case line: "2a.", "2b)", "2.a", "2.1". */
const STEP_LINE = /^\s*(?:step\s+)?(\d{1,2})[.):]\s+(.*)$/i;
const CASE_LINE = /^\s*(\d{1,2})(?:\.?([a-z])[.):]?|\.(\d{1,2})[.):]?)\s+(.*)$/i;
/** "go to 5", ", then go to step 5", "-> 5": where the case goes on. */
const JUMP = /(?:[,;.]\s*|\s+)(?:then\s+)?(?:go\s*to|goto|continue\s+(?:with|at)|proceed\s+(?:to|with)|jump\s+to|skip\s+to)\s+(?:step\s+)?(\d{1,2})\s*[.!]?\s*$/i;
const BARE_JUMP = /^(?:then\s+)?(?:go\s*to|goto|continue\s+(?:with|at)|proceed\s+(?:to|with)|jump\s+to|skip\s+to)?\s*(?:step\s+)?(\d{1,2})\s*[.!]?\s*$/i;
/** "end", "stop", "stop, do nothing": the runbook ends on that case. */
const END = /^(?:then\s+)?(?:end|stop|exit|done|close\s+out)(?:\s+(?:here|the\s+runbook|the\s+playbook))?(?:\s*[,;]\s*(?:do\s+)?nothing(?:\s+else)?)?\s*[.!]?\s*$/i;
/** "X? No -> end", "X? yes -> 2 / no -> stop": a check with the way on when it fails. */
const CHECK = /^(.{3,160}?)\?\s*(?:(?:yes|y)\s*(?:->|=>|\u2192|:)\s*(?:go\s*to\s+)?(?:step\s+)?(\d{1,2})\s*[/,;]?\s*)?(?:no|n)\s*(?:->|=>|\u2192|:)\s*(?:end|stop|exit|done|do\s+nothing)\s*[.!]?\s*$/i;
const ARROW = /\s*(?:->|=>|\u2192)\s*/;

interface Case {
  cond: string;
  body: string;
  /** The step it goes on at: a number, 'end', or the next step. */
  jump: number | 'end' | 'next';
}

interface RunbookStep {
  n: number;
  text: string;
  cases: Case[];
  jump: number | 'end' | 'next';
}

function readCase(said: string): Case | null {
  const parts = said.split(ARROW);
  if (parts.length < 2) return null;
  const cond = parts[0].trim();
  let body = parts.slice(1).join(' -> ').trim();
  let jump: Case['jump'] = 'next';
  if (END.test(body)) return { cond, body: '', jump: 'end' };
  const bare = BARE_JUMP.exec(body);
  if (bare && /\d/.test(body) && body.split(/\s+/).length <= 4) return { cond, body: '', jump: Number(bare[1]) };
  const to = JUMP.exec(body);
  if (to) {
    jump = Number(to[1]);
    body = body.slice(0, to.index).trim();
  }
  const ended = /(?:[,;.]\s*|\s+)(?:then\s+)?(?:end|stop)\s*[.!]?\s*$/i.exec(body);
  if (ended) {
    jump = 'end';
    body = body.slice(0, ended.index).trim();
  }
  return { cond, body: body.replace(/[,;.\s]+$/, ''), jump };
}

/** What a decision's cases test, from its heading: the words a case needs to be read ("the severity is High"). */
function subjectOf(heading: string, cond: string): string | null {
  if (/\b(?:sev|severity)\b/i.test(heading) && /^(?:critical|high|medium|low|informational|info)\b/i.test(cond)) return `the severity is ${cond}`;
  if (/\b(?:malicious|engines?|detections?|hits|vendors?)\b/i.test(cond) || (/\b(?:vt|virustotal)\b/i.test(heading) && /^(?:[<>]=?\s*\d|\d)/.test(cond))) {
    const what = /\b(urls?|links?|domains?|ips?|hash(?:es)?|files?)\b/i.exec(heading)?.[1] ?? 'file';
    const m = /^(?:>=\s*|at\s+least\s+)(\d+)|^(\d+)\s*\+|^(\d+)\s+or\s+more/i.exec(cond);
    if (m) return `VirusTotal flags the ${what} with at least ${m[1] ?? m[2] ?? m[3]} engines`;
    const band = /^(\d+)\s*(?:-|to|\u2013)\s*(\d+)\b/.exec(cond);
    if (band) return `VirusTotal flags the ${what} with ${band[1]} to ${band[2]} engines`;
  }
  return null;
}

/** The spec's severities, lowest first, as a case says them. */
const LEVELS = SEVERITIES.map((x) => x.toLowerCase());

/** The severities a case names: "High", "Medium or lower", "Low / informational", "medium and up". */
function severitiesOf(cond: string): string[] {
  const said = cond.toLowerCase().replace(/\binfo\b/g, 'informational').replace(/\bcritical\b/g, 'high');
  const named = LEVELS.filter((x) => new RegExp(`\\b${x}\\b`).test(said));
  if (named.length === 1 && /\b(?:or|and)\s+(?:lower|below|less|under)\b/.test(said)) return LEVELS.slice(0, LEVELS.indexOf(named[0]) + 1);
  if (named.length === 1 && /\b(?:or|and)\s+(?:higher|above|up|more)\b/.test(said)) return LEVELS.slice(LEVELS.indexOf(named[0]));
  return named;
}

/** Whether a decision's cases cover every case: a catch-all, every severity, or VirusTotal bands from nothing to a threshold up. */
function exhaustive(d: RunbookStep): boolean {
  const conds = d.cases.map((c) => c.cond.trim());
  if (conds.some((c) => /^(?:else|otherwise|anything\s+else|everything\s+else|any\s+other|the\s+rest|rest|others?|no)\b/i.test(c))) return true;
  if (new Set(conds.flatMap(severitiesOf)).size === LEVELS.length) return true;
  return conds.some((c) => /^(?:0\b|<|none\b|clean\b|not\s+known|unknown)/i.test(c)) && conds.some((c) => /^(?:>=?|at\s+least)|\d\s*\+|\bor\s+more\b/i.test(c));
}

export function resolveRunbookJumps(input: string): string {
  const jumps = /\b(?:go\s*to|goto|jump\s+to|skip\s+to|continue\s+(?:with|at))\s+(?:step\s+)?\d|\b(?:yes|no)\s*(?:->|=>|\u2192)\s*(?:step\s+)?\d/i.test(input);
  // (Without jumps, a list whose decisions are lettered, "2a. >= 15 -> ...", is read the same way: its labels go.)
  if (!jumps && !/^\s*\d{1,2}[a-z][.)]?\s+[^\n]*(?:->|=>|\u2192)/im.test(input)) return input;
  const lines = input.split(/\r?\n/);
  const steps: RunbookStep[] = [];
  const before: string[] = [];
  const after: string[] = [];
  for (const line of lines) {
    const c = CASE_LINE.exec(line);
    const s = c ? null : STEP_LINE.exec(line);
    // ("1. VT lookup. 2a. >= 15 -> ... 2b. ...": lettered cases with no line of their own for the decision.)
    if (c && !after.length && (steps.length === 0 || Number(c[1]) === steps[steps.length - 1].n + 1) && readCase(c[4])) steps.push({ n: Number(c[1]), text: '', cases: [], jump: 'next' });
    if (c && steps.length > 0 && Number(c[1]) === steps[steps.length - 1].n) {
      const read = readCase(c[4]);
      if (!read) return input;
      steps[steps.length - 1].cases.push(read);
    } else if (s) {
      let text = s[2].trim();
      let jump: RunbookStep['jump'] = 'next';
      const to = JUMP.exec(text);
      if (to) {
        jump = Number(to[1]);
        text = text.slice(0, to.index).trim();
      }
      if (after.length) return input;
      // "Source = Entra ID Protection? No -> end.", "any alert in category X? yes -> 2 / no -> stop": a check the runbook
      // goes on past only when it holds.
      // "Trigger: alert category X. Anything else -> stop, do nothing.": the case every step is for.
      const trigger = /^(?:trigger|scope|applies\s+to)\s*:\s*(.+?)[.\s]*(?:(?:anything|everything)\s+else\s*(?:->|=>|\u2192|:)\s*(?:stop|end)(?:\s*,\s*(?:do\s+)?nothing)?[.!\s]*)?$/i.exec(text);
      if (trigger) text = `Only for ${trigger[1].replace(/^alert\s+category\s+([\w-]+)$/i, 'alerts in the $1 category')}.`;
      const check = CHECK.exec(text);
      if (check && (!check[2] || Number(check[2]) === Number(s[1]) + 1)) text = `Only when ${check[1].trim().replace(/^(?:does|do|is|are|has|have)\s+/i, '')}.`;
      steps.push({ n: Number(s[1]), text, cases: [], jump });
    } else if (!line.trim()) {
      continue;
    } else if (steps.length === 0) {
      before.push(line);
    } else if (/^\s/.test(line) && !after.length) {
      steps[steps.length - 1].text += ` ${line.trim()}`;
    } else {
      after.push(line);
    }
  }
  if (steps.length < 2 || steps.some((s, i) => i > 0 && s.n <= steps[i - 1].n)) return input;
  const at = new Map(steps.map((s, i) => [s.n, i]));
  const target = (i: number, jump: Case['jump']): number | null => (jump === 'end' ? null : jump === 'next' ? (i + 1 < steps.length ? i + 1 : null) : at.get(jump) ?? -1);

  // How each step is reached: always, or through some cases of one decision.
  type Reach = { always: boolean; decision: number | null; cases: Set<number> };
  const reach: Reach[] = steps.map((_s, i) => ({ always: i === 0, decision: null, cases: new Set<number>() }));
  const add = (to: number | null, from: Reach | { decision: number; caseIndex: number }): boolean => {
    if (to === null) return true;
    if (to === -1) return false;
    const r = reach[to];
    if ('always' in from) {
      if (from.always) r.always = true;
      else if (from.decision !== null) {
        if (r.decision !== null && r.decision !== from.decision) return false;
        r.decision = from.decision;
        for (const c of from.cases) r.cases.add(c);
      }
      return true;
    }
    if (r.decision !== null && r.decision !== from.decision) return false;
    r.decision = from.decision;
    r.cases.add(from.caseIndex);
    return true;
  };
  for (let i = 0; i < steps.length; i++) {
    const r = reach[i];
    // (Reached through every case of a decision that covers every case: always. Cases that leave some out, "High -> 3,
    // Medium -> 3" with nothing said of Low, reach it only for those named.)
    if (r.decision !== null && r.cases.size === steps[r.decision].cases.length && exhaustive(steps[r.decision])) {
      r.always = true;
    }
    if (!r.always && r.decision === null) return input;
    const s = steps[i];
    if (s.cases.length === 0) {
      const to = target(i, s.jump);
      if (to !== null && to <= i) return input;
      if (!add(to, r.always ? { always: true, decision: null, cases: new Set() } : r)) return input;
      continue;
    }
    // (A decision inside a step some cases skip is two decisions at once.)
    if (!r.always) return input;
    for (let k = 0; k < s.cases.length; k++) {
      const to = target(i, s.cases[k].jump);
      if (to !== null && to <= i) return input;
      if (!add(to, { decision: i, caseIndex: k })) return input;
    }
  }

  // "PB-PHISH-02 (MDO)", "RB-CRED-01": the runbook's code, a label; what the brackets say stays.
  const out: string[] = before.map((l, i) => (i === 0 ? l.replace(/^\s*[A-Z][A-Z0-9]*(?:-[A-Z0-9]+){1,4}\s*(?:\(([^()]{1,60})\))?\s*:?\s*$/, (_m, what: string | undefined) => (what ? `${what}:` : '')) : l)).filter((l) => l.trim());
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    const r = reach[i];
    let text = s.text;
    if (!r.always) {
      const d = steps[r.decision ?? 0];
      const conds = [...r.cases].sort().map((k) => d.cases[k].cond);
      const said = conds.map((c) => subjectOf(d.text, c));
      if (said.some((x) => x === null)) return input;
      // ("the severity is High or Medium": the severities said once.)
      const severities = said.every((x) => x?.startsWith('the severity is ')) ? `the severity is ${conds.join(' or ')}` : said.join(' or ');
      text = `${text.replace(/[.\s]+$/, '')}, only if ${severities}.`;
    }
    // (A decision whose cases only jump says nothing more once its jumps are read: its heading goes.)
    if (s.cases.length > 0 && s.cases.every((c) => !c.body) && (/[:?]\s*$/.test(text) || text.split(/\s+/).length <= 4)) continue;
    // "Decision on incident severity:", "Severity:": the decision's heading, said as the planner reads one.
    if (s.cases.length > 0) text = text.replace(/^(?:(?:decision|decide|check|branch|split)\s+(?:on|by)\s+)?(?:the\s+)?((?:incident\s+|alert\s+)?sev(?:erity)?)\s*[:?]?\s*$/i, 'Depending on the $1:');
    out.push(`${s.n}. ${text}`);
    for (const c of s.cases) if (c.body) out.push(`- ${c.cond} -> ${c.body}`);
  }
  return [...out, ...after].join('\n');
}
