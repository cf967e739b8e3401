import { DEVICE_ACTIONS, USER_ACTIONS, type ActionName, type Condition, type PlaybookSpec, type Step } from '../spec';
import { actionsRuledOutBy } from './ledger';

/**
 * Sentences that say what a playbook leaves alone: "Low and informational incidents, as well as incidents from other
 * products, are left unchanged", "Open incidents are not modified", "Workstations and non-Windows devices are
 * excluded". Formal descriptions end with one as often as not. Such a sentence adds no step; it can only narrow. It is
 * set aside when everything it names is a case no step of the plan runs on anyway (the other side of the plan's own
 * conditions); a sentence that names anything else ("devices in the Finance group are not touched") stays in the
 * request, where the ledger asks about it.
 */

/** A sentence that leaves some cases alone: its subject, and the actions its verb names (none: every step). */
export interface LeftAlone {
  sentence: string;
  subject: string;
  actions: ActionName[];
  /** "It does not perform any containment": said of the whole playbook, with no subject of cases. */
  wholePlaybook?: boolean;
}

const SUBJECT = '([a-z][^.;!?]{2,160}?)';
/** "this one", "the playbook": the rule being written. */
const THIS_ONE = '(?:this|the)\\s+(?:one|playbook|rule|automation|flow|runbook)';
/** ", analysts handle it", ", also when they are High severity": what may follow "nothing" (who does it instead, or a stress). */
const AFTERWORD = "(?:,?\\s+(?:(?:the\\s+)?(?:analysts?|humans?|people|soc|we|someone|the\\s+desk)\\s+(?:handle|handles|will\\s+handle|check|checks|look\\s+at|looks\\s+at)\\s+(?:it|them)|(?:also|even)\\s+(?:when|if)\\s+(?:they|it)\\s+(?:are|is)\\s+[a-z ]{2,40}))?";
const LEFT_ALONE: RegExp[] = [
  new RegExp(`^${SUBJECT},?\\s+(?:are|is|will\\s+be|remain|remains|stay|stays|should\\s+(?:stay|remain|be))\\s+(?:(?:left|kept)\\s+)?(?:exactly\\s+|completely\\s+|entirely\\s+)?(?:unchanged|untouched|unmodified|alone|open|as\\s+(?:is|they\\s+are|it\\s+is|they\\s+were|it\\s+was)|(?:only|just|merely|simply)\\s+(?:logged|recorded|noted|counted))(?:\\s+for\\s+(?:an?\\s+|the\\s+)?(?:analysts?|humans?|people|review|triage|someone|soc|manual\\s+review))?$`, 'i'),
  new RegExp(`^${SUBJECT},?\\s+(?:(?:are|is|will\\s+be)\\s+(?:not|never)|(?:should(?:n'?t|\\s+not)|must\\s+not|won'?t|will\\s+not)\\s+be)\\s+(?:automatically\\s+)?(changed|modified|touched|updated|altered|affected|processed|handled|actioned|acted\\s+(?:on|upon)|contained|isolated|scanned|blocked|disabled|remediated|reassigned|closed|resolved|tagged|escalated)(?:\\s+(?:in\\s+any\\s+way|at\\s+all|automatically))?(?:\\s+(?:by|in)\\s+${THIS_ONE})?$`, 'i'),
  new RegExp(`^${SUBJECT},?\\s+(?:(?:are|is)\\s+(?:excluded|skipped|ignored|exempt(?:ed)?|out\\s+of\\s+scope)|(?:(?:are|is)\\s+not|aren'?t|arent|isn'?t|isnt)\\s+(?:in\\s+scope|included|part\\s+of\\s+${THIS_ONE}))(?:\\s+(?:from|for|of)\\s+(?:the\\s+|this\\s+|these\\s+|all\\s+|both\\s+|any\\s+)?(?:playbook|automation|actions?|steps?|response|one|rule))?(?:\\s+and\\s+(?:are\\s+|is\\s+)?(?:not|never)\\s+(?:touched|changed|affected|processed|acted\\s+(?:on|upon)))?(?:\\s*,\\s*(?:so\\s+|just\\s+|please\\s+)?(?:leave\\s+(?:them|it|those)\\s+(?:be|alone)|(?:do\\s+not|don'?t|dont)\\s+touch\\s+(?:them|it|those)))?$`, 'i'),
  // "staff accts out of scope for this one": the same, typed without its verb.
  new RegExp(`^${SUBJECT}(?:,?\\s+etc\\.?)?\\s*[,:]?\\s+(?:out\\s+of\\s+scope|not\\s+in\\s+scope)(?:\\s+(?:from|for)\\s+(?:the\\s+|this\\s+)?(?:playbook|automation|runbook|one|rule))?$`, 'i'),
  new RegExp(`^${SUBJECT}(?:,?\\s+etc\\.?)?,?\\s+not\\s+(?:in|part\\s+of)\\s+${THIS_ONE}$`, 'i'),
  // "For Low severity never do anything": the same, said as an instruction after the cases.
  new RegExp(`^for\\s+${SUBJECT},?\\s+(?:(?:never|don'?t|dont|do\\s+not)\\s+do\\s+anything|do\\s+nothing|nothing|no\\s+action)(?:\\s+(?:at\\s+all|please|pls))?(?:,\\s*(?:also|and|even)\\s+(?:not\\s+)?(?:on|for)\\s+[a-z /-]{2,40})?$`, 'i'),
  // "For other machines this is not needed": the same, said of the steps.
  new RegExp(`^for\\s+${SUBJECT},?\\s+(?:this|that|it|these|they)\\s+(?:is|are)\\s+not\\s+(?:needed|necessary|required|wanted)$`, 'i'),
  // "the rest of the estate stays manual for now": handled by people.
  new RegExp(`^${SUBJECT}\\s+(?:stays?|remains?|is|are)\\s+(?:handled\\s+)?manual(?:ly)?(?:\\s+for\\s+now)?$`, 'i'),
  new RegExp(`^(?:no|none\\s+of\\s+the)\\s+(?:action|actions|changes?|response)\\s+(?:is|are)\\s+(?:taken|made|done|performed|applied)\\s+(?:on|for|to|against)\\s+${SUBJECT}$`, 'i'),
  // "anything without X in the title gets no action", "medium or lower gets nothing": the same, said of what they get.
  new RegExp(`^${SUBJECT},?\\s+(?:gets?|receives?)\\s+(?:no\\s+(?:automated\\s+|automatic\\s+)?(?:action|actions|automation|response|steps?)|nothing(?:\\s+(?:at\\s+all|automated))?)$`, 'i'),
  // "single device incidents leave alone dont touch anything": a subject and the instruction, without a comma (dictated).
  new RegExp(`^${SUBJECT}\\s+(?:just\\s+)?leave\\s+(?:them\\s+|it\\s+|those\\s+|these\\s+)?alone(?:[,;]?\\s+(?:and\\s+)?(?:do\\s+not|don'?t|dont)\\s+touch\\s+(?:anything|them|it))?$`, 'i'),
  // "dont apply this to any other machine", "nobody else gets this": the rule's scope said again from the other side.
  new RegExp(`^(?:but\\s+|and\\s+)?(?:do\\s+not|don'?t|dont|never)\\s+(?:apply|run|use|do)\\s+(?:this|it|that|these|the\\s+(?:rule|playbook|steps?))\\s+(?:to|on|for)\\s+${SUBJECT}$`, 'i'),
  new RegExp(`^((?:nobody|no\\s*one|no\\s+other\\s+(?:users?|accounts?|people|persons?|devices?|machines?|incidents?))(?:\\s+else)?)\\s+(?:gets?|receives?|is\\s+(?:touched|affected))(?:\\s+(?:this|that|it|these|them|anything))?$`, 'i'),
  // "dont scan anything else", "never isolate other machines": the other side of the steps that verb names.
  new RegExp(`^(?:but\\s+|and\\s+)?(?:do\\s+not|don'?t|dont|never)\\s+(scan|isolate|contain|block|disable|quarantine|restrict|reset|revoke|collect|close|resolve|tag)\\s+((?:anything|anyone|anybody)\\s+else|(?:any\\s+)?other\\s+[a-z]+(?:\\s+[a-z]+)?)$`, 'i'),
  // "does not apply to endpoint stuff": the rule's scope said again from the other side.
  new RegExp(`^(?:but\\s+|and\\s+)?(?:this\\s+|it\\s+|that\\s+)?(?:does\\s+not|doesn'?t|doesnt|won'?t|will\\s+not)\\s+apply\\s+to\\s+${SUBJECT}$`, 'i'),
  // "dont release anything that was a true positive": the other side of a step's cases, said with the step's verb.
  new RegExp(`^(?:but\\s+|and\\s+)?(?:obviously\\s+|of\\s+course\\s+)?(?:do\\s+not|don'?t|dont|never)\\s+(?:release|unisolate|un-isolate|scan|isolate|contain|block|disable|quarantine|restrict|reset|revoke|collect|close|resolve|tag)\\s+(?=(?:anything|any\\s+(?:incidents?|alerts?|ones?)|incidents?|alerts?|ones|those)\\b)${SUBJECT}$`, 'i'),
  // "dont touch resolved ones", "closed as TP -> leave it alone": the same, said as an instruction.
  new RegExp(`^(?:but\\s+|and\\s+)?(?:do\\s+not|don'?t|dont|never)\\s+(?:touch|change|modify|update|act\\s+on|handle|process)\\s+${SUBJECT}$`, 'i'),
  new RegExp(`^${SUBJECT}\\s*(?:->|=>|=|:|-|,)\\s*(?:just\\s+)?(?:(?:leave|keep)\\s+(?:it|them)(?:\\s+(?:alone|isolated|contained|blocked|disabled|open|(?:as|like)\\s+(?:is|it\\s+is|they\\s+are)|(?:for|to)\\s+(?:us|me|people|humans?|someone|(?:an?\\s+|the\\s+)?(?:analysts?|soc|team|human|desk))))?(?:\\s+(?:obv|obvs|obviously|ofc|of\\s+course))?|do\\s+nothing|nothing(?:\\s+(?:for\\s+now|automatic|automated|at\\s+all))?|ignore(?:\\s+(?:it|them))?|skip(?:\\s+(?:it|them))?|no\\s+action(?:\\s+(?:please|pls|at\\s+all))?|(?:do\\s+not|don'?t|dont|never)\\s+touch(?:\\s+(?:it|them|those|these))?|out\\s+of\\s+scope|hands\\s+off(?:\\s+(?:completely|entirely|totally))?)${AFTERWORD}$`, 'i'),
];

/** What a participle names ("are never isolated"); a verb ("dont scan anything else") is read as the ledger reads a rule-out. */
const VERB_ACTIONS: Record<string, ActionName[]> = {
  tag: ['updateIncident'],
  reassigned: ['updateIncident'],
  closed: ['updateIncident'],
  resolved: ['updateIncident'],
  tagged: ['updateIncident'],
  contained: ['isolate', 'restrictCodeExecution'],
  isolated: ['isolate'],
  scanned: ['runAntiVirusScan'],
  blocked: ['createIndicator'],
  disabled: ['disableUser'],
};

const CONTAINMENT: ActionName[] = ['isolate', 'restrictCodeExecution', 'stopAndQuarantineFile', 'disableUser', 'revokeSessions'];

/** "It does not perform any containment", "No write actions on devices or users in this playbook": what the playbook never does. */
const NO_ACTIONS_NOUN = '(?:automatic\\s+|automated\\s+|auto\\s+)?(containment|remediation|(?:write|destructive|containment|response|remediation)\\s+actions?|changes?|writes?)';
const NO_ACTIONS_ON = '(?:\\s+(?:on|to|against)\\s+(?:the\\s+|any\\s+)?(devices?|machines?|hosts?|endpoints?|users?|accounts?|identities|(?:devices?|machines?)\\s+(?:or|and|nor)\\s+(?:users?|accounts?)|(?:users?|accounts?)\\s+(?:or|and|nor)\\s+(?:devices?|machines?)))?';
const NO_ACTIONS: RegExp[] = [
  new RegExp(`^(?:it|${THIS_ONE})\\s+(?:does\\s+not|doesn'?t|doesnt|will\\s+not|won'?t|never|must\\s+not|should\\s+not)\\s+(?:perform|do|take|make|run|apply|carry\\s+out)\\s+(?:any\\s+)?${NO_ACTIONS_NOUN}${NO_ACTIONS_ON}(?:\\s+(?:at\\s+all|whatsoever))?$`, 'i'),
  new RegExp(`^no\\s+${NO_ACTIONS_NOUN}${NO_ACTIONS_ON}(?:\\s+(?:in|by|from)\\s+${THIS_ONE})?(?:\\s+(?:at\\s+all|whatsoever))?$`, 'i'),
];

/** The actions a "does not perform any X (on Y)" sentence rules out. */
function ruledOut(noun: string, on: string | undefined): ActionName[] {
  const base: ActionName[] = /^containment\b/i.test(noun) ? CONTAINMENT : [...DEVICE_ACTIONS, ...USER_ACTIONS, ...(/^(?:write|changes?|writes?)\b/i.test(noun) ? (['createIndicator', 'updateIncident'] as ActionName[]) : [])];
  if (!on) return base;
  const devices = /\b(?:devices?|machines?|hosts?|endpoints?)\b/i.test(on);
  const users = /\b(?:users?|accounts?|identities)\b/i.test(on);
  return base.filter((a) => (devices && DEVICE_ACTIONS.includes(a)) || (users && USER_ACTIONS.includes(a)));
}

/** "MDE alerts: low severity: nothing": the heading before a case said with a colon of its own. */
const HEADING_BEFORE_CASE = /^(?:[-*\u2022]\s+|\d+[.)]\s+)?([^:.;!?\n]{2,60}):\s*[^:.;!?\n]{2,60}:\s*\S/;

/** The sentences of a request that leave cases alone, and the request without them. */
export function leftAloneSentences(request: string): { rest: string; sentences: LeftAlone[] } {
  const sentences: LeftAlone[] = [];
  let rest = request;
  // A dictated request runs "nobody else gets this" on without a stop: it is a sentence of its own all the same.
  for (const raw of request.split(/(?<=[.;!?])\s+|\n+|\s+(?=(?:nobody|no\s*one)\s+else\s+(?:gets?|receives?)\b)/i)) {
    // A bullet of a list is a sentence of its own.
    const sentence = raw.trim().replace(/[.;!?]+$/, '').trim().replace(/^(?:[-*\u2022]|\d+[.)])\s+/, '');
    const none = NO_ACTIONS.map((re) => re.exec(sentence)).find((m) => m !== null);
    if (none) {
      sentences.push({ sentence: raw.trim(), subject: 'the playbook', actions: ruledOut(none[1], none[2]), wholePlaybook: true });
      rest = rest.replace(raw.trim(), ' ');
      continue;
    }
    for (const re of LEFT_ALONE) {
      const m = re.exec(sentence);
      if (!m) continue;
      const verb = (m[2] ?? '').toLowerCase();
      const named = VERB_ACTIONS[verb] ?? (verb ? actionsRuledOutBy(verb) : undefined);
      // "Hashes that are clean ... are skipped": IOCs left alone are left out of the steps that act on IOCs.
      const iocs = /\b(?:hash(?:es)?|ips?|urls?|domains?|indicators?|iocs?|addresses)\b/i.test(m[1]) && !/\b(?:incidents?|alerts?|devices?|machines?|hosts?|users?|accounts?)\b/i.test(m[1]);
      sentences.push({ sentence: raw.trim(), subject: m[1], actions: named ?? (iocs ? ['createIndicator', 'stopAndQuarantineFile'] : []) });
      // "MDE alerts: low severity: nothing. High severity: isolate": a heading before the case is the heading of the
      // sentences after it too, and stays for them (taken away with the case, the isolation ran on every product's alerts).
      const heading = HEADING_BEFORE_CASE.exec(raw.trim());
      const after = rest.slice(rest.indexOf(raw.trim()) + raw.trim().length);
      rest = rest.replace(raw.trim(), heading && /[a-z]/i.test(after) ? `${heading[1]}: ` : ' ');
      break;
    }
  }
  return { rest: rest.replace(/[ \t]+/g, ' ').trim(), sentences };
}

const LEVELS = ['Informational', 'Low', 'Medium', 'High'] as const;
type Level = (typeof LEVELS)[number];
const LEVEL_WORDS: Record<string, Level> = { informational: 'Informational', info: 'Informational', low: 'Low', medium: 'Medium', med: 'Medium', high: 'High' };

/** Words that say "the rest": the other side of whatever the plan tests. */
const OTHER = /^(?:other|another|different|remaining|rest|else|below|under|lower|less|fewer|beneath|higher|above|non|not|no|without|outside|already)$/;

/** Words that name nothing (grammar, the things a playbook acts on, where incidents come from). */
const NEUTRAL = new Set(
  ('the a an any all every each that which who whose where with from of in on by to at for have has had having are is were was be been ' +
    'their its they it than there those these ones one such as well also do does did still currently yet fall falls stay stays remain remains sit sits land lands get gets score scores scored rated marked ' +
    'raised created coming somebody someone anybody anyone ones originate originating generated reported come comes defender microsoft xdr incident incidents alert alerts device devices ' +
    'machine machines host hosts endpoint endpoints account accounts user users identity identities file files hash hashes case cases detection ' +
    'detections entity entities ip ips address addresses url urls domain domains indicator indicators ioc iocs it\'s severity severities level levels sev ' +
    'anything everything nobody everybody everyone people person persons box boxes inc incs incdt acct accts same etc this estate fleet').split(' '),
);

/** A product's acronym, as analysts type it: the service sources it names. */
const SOURCE_ACRONYMS: Record<string, string[]> = {
  mde: ['MicrosoftDefenderForEndpoint'], mdatp: ['MicrosoftDefenderForEndpoint'], mdo: ['MicrosoftDefenderForOffice365'],
  mdi: ['MicrosoftDefenderForIdentity'], mdca: ['MicrosoftCloudAppSecurity'], mcas: ['MicrosoftCloudAppSecurity'], aadip: ['AzureAdIdentityProtection'],
};

type Part =
  | { kind: 'severity'; levels: Level[] }
  | { kind: 'status'; open: boolean }
  | { kind: 'deviceKind'; kinds: string[]; negated: boolean }
  | { kind: 'os'; prefix: string; negated: boolean }
  | { kind: 'assignment'; assigned: boolean }
  | { kind: 'classification'; values: string[] }
  | { kind: 'single'; entity: 'device' | 'user' }
  | { kind: 'source'; sources: string[] }
  | { kind: 'other'; of: 'severity' | 'source' | 'category' | 'threshold' | 'group' | 'title' | 'tag' | 'any' | 'devices' | 'users' };

const KIND_WORDS: Record<string, 'severity' | 'source' | 'category' | 'threshold' | 'group' | 'title' | 'tag'> = {
  tag: 'tag', tags: 'tag', label: 'tag', labels: 'tag',
  title: 'title', titles: 'title',
  severity: 'severity', severities: 'severity', sev: 'severity',
  product: 'source', products: 'source', source: 'source', sources: 'source', service: 'source', services: 'source', workload: 'source', workloads: 'source',
  category: 'category', categories: 'category', tactic: 'category', tactics: 'category',
  threshold: 'threshold', engines: 'threshold', verdict: 'threshold', verdicts: 'threshold', virustotal: 'threshold', vt: 'threshold',
  group: 'group', groups: 'group',
};

/** What one part of a subject names, or undefined when it names anything Rampart cannot place against the plan. */
function readPart(words: string[]): Part[] | undefined {
  const out: Part[] = [];
  const negated = words.some((w) => /^(?:non|not|no|without|nobody|none)$/.test(w));
  const other = words.some((w) => OTHER.test(w));
  const below = words.some((w) => /^(?:below|under|lower|beneath|less)$/.test(w));
  // "incidents other than High", "non-low incidents": every level but the one named.
  const but = words.some((w) => /^(?:non|not|other|except|besides)$/.test(w));
  const atMost = words.join(' ').match(/\b(informational|info|low|medium|med|high)\s+(?:severity\s+)?(?:or|and)\s+(?:lower|below|less|under)\b/);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (NEUTRAL.has(w) || OTHER.test(w) || /^(?:or|and|nor|lower|below|under|higher|above)$/.test(w)) continue;
    const level = LEVEL_WORDS[w];
    if (level) {
      const at = LEVELS.indexOf(level);
      if (words.includes('risk')) return undefined;
      out.push({ kind: 'severity', levels: atMost ? [...LEVELS.slice(0, at + 1)] : below ? [...LEVELS.slice(0, at)] : but ? LEVELS.filter((l) => l !== level) : [level] });
      continue;
    }
    // "single device incidents", "incidents with one user": the other side of a count of two or more.
    if (/^(?:single|one|1)$/.test(w) && /^(?:device|machine|host|box|endpoint|user|account)s?$/.test(words[i + 1] ?? '')) {
      out.push({ kind: 'single', entity: /^(?:user|account)/.test(words[i + 1]) ? 'user' : 'device' });
      i++;
      continue;
    }
    if (/^(?:open|new|active|unresolved)$/.test(w)) { out.push({ kind: 'status', open: !negated }); continue; }
    if (/^(?:resolved|closed)$/.test(w)) { out.push({ kind: 'status', open: negated }); continue; }
    if (/^(?:servers?)$/.test(w) && words[i - 1] !== 'windows') { out.push({ kind: 'deviceKind', kinds: ['server', 'domainController'], negated }); continue; }
    if (/^(?:workstations?|laptops?|desktops?|clients?)$/.test(w)) { out.push({ kind: 'deviceKind', kinds: ['workstation'], negated }); continue; }
    if (/^(?:dcs?)$/.test(w) || (w === 'domain' && /^controllers?$/.test(words[i + 1] ?? ''))) { out.push({ kind: 'deviceKind', kinds: ['domainController'], negated }); i += w === 'domain' ? 1 : 0; continue; }
    if (w === 'windows' && words[i + 1] === 'server') { out.push({ kind: 'os', prefix: 'windowsserver', negated }); i++; continue; }
    if (/^(?:windows|linux|macos|mac|macs|ios|android)$/.test(w)) { out.push({ kind: 'os', prefix: w.replace(/^macs?$/, 'macos'), negated }); continue; }
    if (/^(?:tp|fp|benign)$/.test(w) || (/^(?:true|false)$/.test(w) && /^positives?$/.test(words[i + 1] ?? ''))) {
      const value = /^(?:tp|true)$/.test(w) ? 'TruePositive' : w === 'benign' ? 'InformationalExpectedActivity' : 'FalsePositive';
      out.push({ kind: 'classification', values: [value] });
      i += /^(?:true|false)$/.test(w) ? 1 : 0;
      continue;
    }
    if (/^(?:owner|owners|assigned|assignee|owned|owns|own)$/.test(w)) { out.push({ kind: 'assignment', assigned: !negated }); continue; }
    // "IPs that are clean or unknown to VirusTotal", "hashes not flagged": the other side of the plan's threshold.
    if (/^(?:clean|unknown|unflagged|undetected|harmless)$/.test(w) || (/^(?:flagged|malicious|detected)$/.test(w) && negated)) { out.push({ kind: 'other', of: 'threshold' }); continue; }
    // "Hashes VirusTotal has never seen": unknown to it.
    if (w === 'never' && words[i + 1] === 'seen') { out.push({ kind: 'other', of: 'threshold' }); i++; continue; }
    if (/^(?:virustotal|vt|engines?)$/.test(w) && (out.some((x) => x.kind === 'other' && x.of === 'threshold') || words.some((x) => /^(?:clean|unknown|unflagged|undetected|harmless|seen)$/.test(x)))) continue;
    // "mde incs", "MDO alerts": a product's, named by its acronym.
    const source = SOURCE_ACRONYMS[w];
    if (source) { out.push({ kind: 'source', sources: source }); continue; }
    if (/^(?:unassigned|unowned)$/.test(w)) { out.push({ kind: 'assignment', assigned: negated }); continue; }
    const of = KIND_WORDS[w];
    if (of && other) { out.push({ kind: 'other', of }); continue; }
    return undefined;
  }
  // "every other alert, leave it": whatever the plan does not run on, whichever fact narrows it.
  // "any other machine", "nobody else": the devices or users the plan did not choose, which it must have chosen.
  if (out.length === 0 && other && words.some((w) => /^(?:devices?|machines?|hosts?|boxes|endpoints?|computers?|workstations?|estate|fleet)$/.test(w))) out.push({ kind: 'other', of: 'devices' });
  else if (out.length === 0 && other && words.some((w) => /^(?:nobody|everybody|everyone|anyone|anybody|someone|somebody|people|persons?|users?|accounts?)$/.test(w))) out.push({ kind: 'other', of: 'users' });
  // "staff accounts", "internal users", "our employees": the people a playbook for named accounts or a group did not choose.
  else if (out.length === 0 && words.some((w) => /^(?:staff|internal|employees?|regular|normal|human|humans|our)$/.test(w)) && words.every((w) => NEUTRAL.has(w) || /^(?:staff|internal|employees?|regular|normal|human|humans|our|people|persons?|users?|accounts?|accts?)$/.test(w))) out.push({ kind: 'other', of: 'users' });
  else if (out.length === 0 && other && words.some((w) => /^(?:alerts?|incidents?|cases?|ones|detections?|stuff|things?|anything|everything)$/.test(w))) out.push({ kind: 'other', of: 'any' });
  return out.length > 0 ? out : undefined;
}

/** The conditions every run of a step must meet: the conjuncts of its gate, negations kept as such. */
function conjuncts(step: Step): Condition[] {
  const out: Condition[] = [];
  const visit = (c: Condition): void => {
    if ('all' in c) c.all.forEach(visit);
    else out.push(c);
  };
  if (step.when) visit(step.when.condition);
  return out;
}

const leaf = (c: Condition): Extract<Condition, { kind: string }> | undefined => ('kind' in c ? c : undefined);

function severitiesOf(spec: PlaybookSpec, step: Step): Set<Level> {
  let out = new Set<Level>(spec.trigger.severities.length > 0 ? spec.trigger.severities.filter((s): s is Level => (LEVELS as readonly string[]).includes(s)) : LEVELS);
  for (const c of conjuncts(step)) {
    const l = leaf(c);
    if (l?.kind === 'severity') out = new Set([...out].filter((s) => (l.severities as string[]).includes(s)));
    const n = 'not' in c ? leaf(c.not) : undefined;
    if (n?.kind === 'severity') out = new Set([...out].filter((s) => !(n.severities as string[]).includes(s)));
  }
  return out;
}

const DEVICE_TARGETS = new Set(['incidentDevices', 'alertDevices', 'fileDevices']);

/** The OS platforms and kinds a device step is limited to (undefined: any). */
function deviceLimits(step: Step): { os?: string[]; kinds?: string[]; notKinds: string[]; notOs: string[] } {
  const include = step.deviceFilter?.include;
  const exclude = step.deviceFilter?.exclude;
  let os = include?.osPlatforms?.map((p) => p.toLowerCase());
  let kinds: string[] | undefined = include?.kinds ? [...include.kinds] : undefined;
  for (const match of deviceGates(step)) {
    os = match.osPlatforms?.map((p) => p.toLowerCase()) ?? os;
    kinds = match.kinds ? [...match.kinds] : kinds;
  }
  // A Windows Server platform is a server (a domain controller is one too).
  if (!kinds && os && os.every((p) => p.startsWith('windowsserver'))) kinds = ['server', 'domainController'];
  if (!os && kinds && kinds.every((k) => k !== 'workstation')) os = ['windowsserver'];
  return { os, kinds, notKinds: exclude?.kinds ? [...exclude.kinds] : [], notOs: exclude?.osPlatforms?.map((p) => p.toLowerCase()) ?? [] };
}

/** The device tests a step's gate makes ("when the incident has a macOS device"). */
function deviceGates(step: Step): Array<Extract<Condition, { kind: 'deviceIs' }>['match']> {
  return conjuncts(step).map(leaf).filter((c): c is Extract<Condition, { kind: 'deviceIs' }> => c?.kind === 'deviceIs').map((c) => c.match);
}

/** Whether no run of this step can be a case the part names. */
function stepSkips(spec: PlaybookSpec, step: Step, part: Part): boolean {
  const kinds = conjuncts(step).map((c) => leaf(c)?.kind ?? ('not' in c ? leaf(c.not)?.kind : undefined));
  switch (part.kind) {
    case 'severity': {
      const held = severitiesOf(spec, step);
      return part.levels.every((l) => !held.has(l));
    }
    case 'status': {
      const statuses = spec.trigger.statuses;
      if (statuses.length === 0) return false;
      const open = statuses.some((s) => s === 'Active' || s === 'InProgress');
      const closed = statuses.some((s) => s === 'Resolved');
      return part.open ? !open : !closed;
    }
    case 'deviceKind': {
      // A step that acts on no device ("revoke the user's sessions", a mail) skips those devices' incidents only when its
      // gate says which devices its incidents have.
      if (!DEVICE_TARGETS.has(step.target.kind)) return deviceGates(step).some((m) => m.kinds !== undefined && (part.negated ? m.kinds.every((k) => part.kinds.includes(k)) : part.kinds.every((k) => !(m.kinds as string[] | undefined)?.includes(k))));
      const d = deviceLimits(step);
      if (part.negated) return d.kinds !== undefined && d.kinds.every((k) => part.kinds.includes(k));
      return part.kinds.every((k) => d.notKinds.includes(k)) || (d.kinds !== undefined && part.kinds.every((k) => !d.kinds?.includes(k)));
    }
    case 'os': {
      if (!DEVICE_TARGETS.has(step.target.kind)) return deviceGates(step).some((m) => m.osPlatforms !== undefined && m.osPlatforms.every((p) => (part.negated ? p.toLowerCase().startsWith(part.prefix) : !p.toLowerCase().startsWith(part.prefix) && !part.prefix.startsWith(p.toLowerCase()))));
      const d = deviceLimits(step);
      if (part.negated) return d.os !== undefined && d.os.every((p) => p.startsWith(part.prefix));
      return d.notOs.some((p) => part.prefix.startsWith(p)) || (d.os !== undefined && d.os.every((p) => !p.startsWith(part.prefix) && !part.prefix.startsWith(p)));
    }
    case 'single':
      return conjuncts(step).some((c) => {
        const l = leaf(c);
        return l?.kind === 'entityCount' && l.entity === part.entity && l.atLeast >= 2;
      });
    case 'source': {
      // The step runs only on other products' incidents: the trigger's sources, or a gate's.
      const gates = conjuncts(step).map(leaf).filter((c): c is Extract<Condition, { kind: 'serviceSource' }> => c?.kind === 'serviceSource');
      const allowed = [spec.trigger.serviceSources as string[], ...gates.map((g) => g.sources as string[])].filter((x) => x.length > 0);
      return allowed.some((list) => list.every((x) => !part.sources.includes(x)));
    }
    case 'classification':
      return spec.trigger.classifications.length > 0 && part.values.every((v) => !(spec.trigger.classifications as string[]).includes(v));
    case 'assignment':
      return conjuncts(step).some((c) => {
        const l = leaf(c);
        const n = 'not' in c ? leaf(c.not) : undefined;
        return (l?.kind === 'assignment' && l.assigned !== part.assigned) || (n?.kind === 'assignment' && n.assigned === part.assigned);
      });
    case 'other':
      switch (part.of) {
        case 'severity':
          return severitiesOf(spec, step).size < LEVELS.length;
        case 'source':
          return spec.trigger.serviceSources.length > 0 || spec.trigger.detectionSources.length > 0 || kinds.includes('serviceSource') || kinds.includes('detectionSource');
        case 'category':
          return spec.trigger.categories.length > 0 || spec.trigger.topics.length > 0 || kinds.includes('category');
        case 'threshold':
          return kinds.includes('maliciousIoc') || ((step.target.kind === 'iocs' || step.target.kind === 'fileDevices') && Boolean(step.target.minEngines));
        case 'title':
          // "title mentions cobalt strike" may be read as the title or the threat family: either way a test of the title.
          return spec.trigger.titleKeywords.length > 0 || kinds.includes('titleContains') || conjuncts(step).some((c) => 'any' in c && c.any.some((x) => leaf(x)?.kind === 'titleContains'));
        case 'tag':
          return kinds.includes('incidentTag');
        case 'group':
          return kinds.includes('userInGroup') || Boolean(step.userFilter?.inGroups) || Boolean(step.deviceFilter?.include?.groups);
        case 'devices':
          // ("For other machines this is not needed" after a mail: the mail too is for the devices named, asked about.)
          return DEVICE_TARGETS.has(step.target.kind) ? Boolean(step.deviceFilter?.include) || kinds.includes('deviceIs') : deviceGates(step).length > 0;
        case 'users':
          return step.target.kind !== 'users' ? kinds.includes('userInGroup') || kinds.includes('userNamed') : Boolean(step.userFilter?.inGroups?.length || step.userFilter?.include) || kinds.includes('userInGroup');
        case 'any': {
          const t = spec.trigger;
          return [t.severities, t.serviceSources, t.detectionSources, t.categories, t.topics, t.titleKeywords, t.classifications].some((x) => x.length > 0) || kinds.length > 0 || Boolean(step.deviceFilter?.include) || Boolean(step.userFilter?.include || step.userFilter?.inGroups);
        }
      }
  }
  return false;
}

/**
 * Whether a sentence that leaves cases alone names only the other side of the plan: every thing it names is a case
 * no step it concerns runs on. Anything it names that Rampart cannot place against the plan makes it false.
 */
export function isOtherSide(left: LeftAlone, spec: PlaybookSpec): boolean {
  const subject = left.subject
    .toLowerCase()
    .replace(/\bat\s+or\s+(below|under)\b/g, '$1')
    .replace(/\bnon-/g, 'non ')
    // "without EICAR in an alert title": alerts whose title lacks the plan's words.
    .replace(/\bwithout\s+['"]?[\w .-]+?['"]?\s+in\s+(?:the\s+|an?\s+|its\s+|their\s+)?(?:alert\s+|incident\s+)?(?:titles?|names?)\b/g, 'without title')
    // "Anything whose title doesn't mention EICAR": the same.
    .replace(/\bwhose\s+(?:alert\s+|incident\s+)?title\s+(?:does\s*n[o']?t|does\s+not|doesnt)\s+(?:mention|contain|include|say|have)\s+['"]?[\w .-]+?['"]?$/g, 'without title')
    .replace(/[^a-z0-9' -]+/g, ' ');
  const parts = subject.split(/\s*,\s*(?:and\s+|or\s+)?|\s+as\s+well\s+as\s+|\s+(?:and|or|nor|plus)\s+(?!(?:lower|below|less|under|higher|above)\b)/).map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return false;
  const steps = left.actions.length > 0 ? spec.steps.filter((s) => left.actions.includes(s.action)) : spec.steps;
  // "It does not perform any containment": a plan without such a step is what the sentence says.
  // (Only then: a sentence with a subject may carry a condition of a step it does not name, "when X, the server is not
  // isolated; instead the IP is blocked".)
  if (left.wholePlaybook && steps.length === 0) return true;
  for (const p of parts) {
    // Each part names cases (a union); the words of one part narrow each other, so a word left out only widens what
    // the part names, never the reverse: the check stays on the safe side.
    const read = readPart(p.split(/[\s-]+/).filter(Boolean));
    if (!read) return false;
    // The facts of one part narrow each other: a step skips the part when it skips any one of them.
    if (!steps.every((s) => read.some((part) => stepSkips(spec, s, part)))) return false;
  }
  return true;
}

/**
 * "Incidents that already have an owner are left exactly as they are", "High severity incidents are not touched": a
 * sentence that leaves alone cases the plan's steps do run on. When everything its subject names is a fact Rampart can
 * test (a severity, an owner, a kind of device for device steps), the steps it concerns skip those cases: the plan with
 * that exclusion. Anything else it names returns undefined (the ledger asks). The plan only ever narrows.
 */
export function leftOutBy(left: LeftAlone, spec: PlaybookSpec): PlaybookSpec | undefined {
  const subject = left.subject.toLowerCase().replace(/\bnon-/g, 'non ').replace(/[^a-z0-9' -]+/g, ' ');
  const parts = subject.split(/\s*,\s*(?:and\s+|or\s+)?|\s+as\s+well\s+as\s+|\s+(?:and|or|nor|plus)\s+(?!(?:lower|below|less|under|higher|above)\b)/).map((p) => p.trim()).filter(Boolean);
  const concerned = left.actions.length > 0 ? spec.steps.filter((s) => left.actions.includes(s.action)) : spec.steps;
  if (parts.length === 0 || concerned.length === 0) return undefined;
  const gates: Condition[] = [];
  const kinds: string[] = [];
  for (const p of parts) {
    const read = readPart(p.split(/[\s-]+/).filter(Boolean));
    // One fact per part: the words of a part narrow each other, and a conjunction of facts is no exclusion of each.
    if (!read || read.length !== 1) return undefined;
    const [part] = read;
    if (part.kind === 'severity') gates.push({ not: { kind: 'severity', severities: part.levels } });
    else if (part.kind === 'assignment') gates.push({ kind: 'assignment', assigned: !part.assigned });
    else if (part.kind === 'deviceKind' && !part.negated && concerned.every((s) => DEVICE_TARGETS.has(s.target.kind))) kinds.push(...part.kinds);
    else return undefined;
  }
  const steps = spec.steps.map((s): Step => {
    if (!concerned.includes(s)) return s;
    const out: Step = { ...s };
    if (gates.length > 0) {
      const all = [...(s.when ? [s.when.condition] : []), ...gates];
      out.when = { condition: all.length === 1 ? all[0] : { all }, scope: s.when?.scope ?? 'incident' };
    }
    if (kinds.length > 0) {
      const exclude = { ...(s.deviceFilter?.exclude ?? {}), kinds: [...new Set([...(s.deviceFilter?.exclude?.kinds ?? []), ...kinds])] } as NonNullable<NonNullable<Step['deviceFilter']>['exclude']>;
      out.deviceFilter = { ...(s.deviceFilter ?? {}), exclude };
    }
    return out;
  });
  return { ...spec, steps };
}
