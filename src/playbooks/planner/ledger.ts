import { ACTIONS, TOPICS, type ActionName, type Condition, type IncidentChanges, type PlaybookSpec, type Step } from '../spec';

/**
 * Steps the safety rule guards: destructive actions, and closing or classifying an incident (a
 * real incident resolved as expected activity is lost from the queue as surely as a device is cut off).
 */
export function isGuarded(step: Step): boolean {
  const i = step.params.incident;
  return ACTIONS[step.action].destructive || (step.action === 'updateIncident' && (i?.status === 'Resolved' || i?.classification !== undefined));
}
import { alertDataConditions } from './alertData';
import { COMMENTARY } from './commentary';
import { lemmaKnown } from './normalize';
import { splitClauses, splitSentences } from './segment';
import { DOMAIN_WORDS, FUNCTION_WORDS, HARMLESS_WORDS } from './vocabulary';

/**
 * The ledger: every word of the (normalized) request is part of a recognised phrase, a known
 * function word, or listed as not read with its position. Words not read that could narrow a
 * destructive step (they sit in its clause, in a condition, or in a clause that acted on
 * nothing of its own) are what the safety rule withholds that step for.
 */

export type WordStatus = 'function' | 'read' | 'literal' | 'unread';

export interface LedgerEntry {
  word: string;
  /** 0-based word index in the normalized request. */
  position: number;
  status: WordStatus;
  /** The clause the word belongs to (its text as the interpreter saw it). */
  clause: string;
  /** Set for a word of a reason or a purpose ("because ...", ", they need ..."): reported, never withheld for. */
  reason?: boolean;
  /** Set for a word of a clause that rules out only what no step of the plan does ("do not change the status"). */
  ruledOut?: boolean;
}

export interface Ledger {
  entries: LedgerEntry[];
  /** Unread words that could narrow a destructive step: in a clause with a destructive step, or in one with no step of its own. */
  governing: LedgerEntry[];
  /** Unread words in clauses that only produced non-destructive steps (reported, never blocking). */
  harmless: LedgerEntry[];
}

const WORD = /"[^"]*"|(?<!\w)'[^'\s][^']*'(?!\w)|[\w.+'-]+@[\w-]+(?:\.[\w-]+)+|https?:\/\/\S+|[A-Za-z0-9][\w'*./:-]*|[<>]=?|\+/g;

/**
 * The words of the classification and determination a step sets ("'Informational, expected activity'", "determination
 * multi-staged attack": the API's values, run together). They are read where that step is said, and only there: set as a
 * value, "informational" says nothing of the severity another clause tests ("only when the incident is informational").
 */
function valueWordsOf(steps: readonly Step[]): Set<string> {
  const out = new Set<string>();
  for (const s of steps) {
    const i = s.params.incident;
    for (const v of [i?.determination, i?.classification]) {
      if (!v) continue;
      const words = v.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
      out.add(words);
      for (const w of words.split(/[^a-z0-9]+/)) if (w) out.add(w);
    }
  }
  return out;
}

function literalWordsOf(spec: PlaybookSpec | undefined): Set<string> {
  const out = new Set<string>();
  if (!spec) return out;
  const add = (v: string | undefined): void => {
    if (!v) return;
    for (const w of v.toLowerCase().split(/[^a-z0-9*.@_-]+/)) if (w) out.add(w);
    out.add(v.toLowerCase());
  };
  // "svc-*" was written "svc-" or "svc_": a name pattern, its wildcard dropped, and its parts are the words.
  // "*-ews-*" is read as "ews-*" too: a leading star and its dash are not a word.
  const addPattern = (p: string): void => [p, p.replace(/\*/g, ''), p.replace(/[*_.-]+/g, ' ').trim(), p.replace(/^\*-?/, '')].forEach(add);
  const t = spec.trigger;
  [...t.titleKeywords, ...t.categories, ...t.detectionSources].forEach(add);
  // "alerts of category CommandAndControl": a named threat matches its categories too.
  for (const topic of t.topics) TOPICS[topic].categories.forEach(add);
  const visit = (c: Condition): void => {
    if ('all' in c) c.all.forEach(visit);
    else if ('any' in c) c.any.forEach(visit);
    else if ('not' in c) visit(c.not);
    else if (c.kind === 'titleContains') c.keywords.forEach(add);
    else if (c.kind === 'category') c.categories.forEach(add);
    else if (c.kind === 'incidentTag') c.tags.forEach(add);
    else if (c.kind === 'userInGroup') c.groups.forEach(add);
    else if (c.kind === 'detectionSource') c.sources.forEach(add);
    else if (c.kind === 'assignment') add(c.to);
    else if (c.kind === 'userNamed') c.patterns.forEach(addPattern);
    else if (c.kind === 'iocValue') c.values.forEach((v) => out.add(v.toLowerCase()));
    else if (c.kind === 'mitreTechnique') c.techniques.forEach(add);
    else if (c.kind === 'threatFamily') c.families.forEach(add);
    else if (c.kind === 'filePath') c.contains.forEach((p) => add(p.replace(/\\/g, ' ')));
    else if (c.kind === 'mailDelivery') c.actions.forEach(add);
    else if (c.kind === 'mailSubject') c.contains.forEach(add);
    // "if any device carries the VIP tag, assign the incident": the devices a step that acts on none is gated by.
    else if (c.kind === 'deviceIs') {
      c.match.groups?.forEach(add);
      c.match.tags?.forEach(add);
      c.match.namePatterns?.forEach(addPattern);
      c.match.osPlatforms?.forEach(add);
    }
  };
  for (const s of spec.steps) {
    if (s.when) visit(s.when.condition);
    const i = s.params.incident;
    if (i) {
      add(i.assignedTo);
      i.addTags?.forEach(add);
      add(i.comment);
    }
    s.params.mailTo?.forEach(add);
    if (s.params.indicatorAction) {
      add(s.params.indicatorAction.replace(/([a-z])([A-Z])/g, '$1 $2'));
      add(s.params.indicatorAction);
    }
    // "with the action 'Block'": the default action of a block.
    else if (s.action === 'createIndicator') add('Block');
    for (const m of [s.userFilter?.include, s.userFilter?.exclude]) {
      m?.namePatterns.forEach(addPattern);
    }
    [...(s.userFilter?.inGroups ?? []), ...(s.userFilter?.notInGroups ?? [])].forEach(add);
    s.iocFilter?.excludeDomains?.forEach(add);
    s.iocFilter?.values?.forEach((v) => out.add(v.toLowerCase()));
    s.iocFilter?.excludeValues?.forEach((v) => {
      add(v);
      // "10/8" is read as "10.0.0.0/8".
      const short = /^(\d+(?:\.\d+)*?)(?:\.0)+\/(\d+)$/.exec(v);
      if (short) add(`${short[1]}/${short[2]}`);
    });
    s.iocFilter?.fileNames?.forEach(addPattern);
    s.iocFilter?.filePaths?.forEach((p) => add(p.replace(/\\/g, ' ')));
    if (s.iocFilter?.ipScope) out.add('#ip-scope');
    for (const m of [s.deviceFilter?.include, s.deviceFilter?.exclude]) {
      if (!m) continue;
      m.groups?.forEach(add);
      m.tags?.forEach(add);
      m.namePatterns?.forEach(addPattern);
      m.osPlatforms?.forEach(add);
      m.healthStatuses?.forEach(add);
    }
  }
  return out;
}

/**
 * Words that state a fact the spec must then carry: an alert category, a severity, an operating
 * system, a service. Known to the grammar, yet read only when the plan holds that fact: a
 * category the interpreter skipped must not pass as read.
 */
interface FactWord {
  re: RegExp;
  holds: (spec: PlaybookSpec, word: string) => boolean;
}

function conditionsOf(spec: PlaybookSpec): Condition[] {
  const out: Condition[] = [];
  const visit = (c: Condition): void => {
    out.push(c);
    if ('all' in c) c.all.forEach(visit);
    else if ('any' in c) c.any.forEach(visit);
    else if ('not' in c) visit(c.not);
  };
  spec.steps.forEach((s) => s.when && visit(s.when.condition));
  return out;
}

/** Whether the plan holds a severity (or a risk level, which the same words name). */
function severityHeld(spec: PlaybookSpec): boolean {
  return (
    spec.trigger.severities.length > 0 ||
    conditionsOf(spec).some((c) => 'kind' in c && (c.kind === 'severity' || c.kind === 'deviceRisk')) ||
    spec.steps.some((s) => s.deviceFilter?.include?.minRiskScore || s.deviceFilter?.exclude?.minRiskScore)
  );
}

const LEVELS = ['Informational', 'Low', 'Medium', 'High'];

/** The severity and risk levels the plan tests anywhere ("at least Medium" holds Medium and High). */
function levelsHeld(spec: PlaybookSpec): Set<string> {
  const out = new Set<string>(spec.trigger.severities);
  const from = (level: string | undefined): void => {
    if (level) LEVELS.slice(LEVELS.indexOf(level)).forEach((l) => out.add(l));
  };
  // "risk is medium or lower": the levels below the one left out.
  const below = (level: string | undefined): void => {
    if (level) LEVELS.slice(0, LEVELS.indexOf(level)).forEach((l) => out.add(l));
  };
  for (const c of conditionsOf(spec)) {
    if ('not' in c && 'kind' in c.not && c.not.kind === 'deviceRisk') below(c.not.atLeast);
    if (!('kind' in c)) continue;
    if (c.kind === 'severity') c.severities.forEach((l) => out.add(l));
    if (c.kind === 'deviceRisk') from(c.atLeast);
    if (c.kind === 'deviceIs') from(c.match.minRiskScore);
  }
  for (const s of spec.steps) {
    from(s.deviceFilter?.include?.minRiskScore);
    from(s.deviceFilter?.exclude?.minRiskScore);
    below(s.deviceFilter?.exclude?.minRiskScore);
  }
  return out;
}

/** The spans of a clause that name alert data (a technique, a family, a folder, a delivery) the plan holds a condition on. */
function heldDataSpans(clause: string, spec: PlaybookSpec): Array<readonly [number, number]> {
  const out: Array<readonly [number, number]> = [];
  const lower = clause.toLowerCase();
  const data = alertDataConditions(clause, false, true);
  for (const example of data.examples) {
    const at = lower.indexOf(example.phrase.toLowerCase());
    if (at >= 0) out.push([at, at + example.phrase.length] as const);
  }
  for (const [i, phrase] of data.phrases.entries()) {
    const c = data.conditions[i];
    const inner = 'any' in c ? c.any[0] : c;
    if (!('kind' in inner) || !holdsKind(spec, inner.kind)) continue;
    for (const part of phrase.phrase.split(', ')) {
      const at = lower.indexOf(part.toLowerCase());
      if (at >= 0) out.push([at, at + part.length] as const);
    }
  }
  return out;
}

/** Whether the plan holds a condition of this kind anywhere. */
function holdsKind(spec: PlaybookSpec, kind: string): boolean {
  // A folder a file step is limited to is held as that step's file filter.
  if (kind === 'filePath' && spec.steps.some((s) => s.iocFilter?.filePaths)) return true;
  return conditionsOf(spec).some((c) => 'kind' in c && c.kind === kind);
}

/** A clause that is only a label ("malware", "pua stuff"): a few words, none of them a function word. */
function bareLabel(text: string): boolean {
  const words = text.toLowerCase().match(/[a-z0-9][\w'-]*/g) ?? [];
  // "Multi-stage response workflow:" is a title: a procedure noun names the playbook, not its cases.
  const title = /\b(?:response|containment|remediation|triage|enrichment|handling|investigation|notification|automation|playbook|workflow|flow|runbook|procedure|protection|hygiene|clean-?up|escalation|routing|mitigation|hunting|management|alerting|policy|rule)s?\b/i;
  // ("Zorblax rules:": a title word beside a word Rampart does not know may name the cases, and stays a label.)
  const unknownBeside = words.some((w) => !title.test(w) && !(DOMAIN_WORDS.has(w) || HARMLESS_WORDS.has(w) || lemmaKnown(w)));
  return words.length > 0 && words.length <= 3 && !words.some((w) => FUNCTION_WORDS.has(w)) && (!title.test(text) || unknownBeside);
}

/** The services whose alerts are sign-ins. */
const SIGN_IN_SOURCES: readonly string[] = ['AzureAdIdentityProtection', 'MicrosoftDefenderForIdentity', 'MicrosoftCloudAppSecurity'];

const FACT_WORDS: FactWord[] = [
  {
    // "isolate high sev malware": the kind of incident, which must not vanish; "scan for malware" is what a scan does.
    re: /^(?:malware|trojan|trojans)$/,
    holds: (spec) => spec.trigger.topics.includes('malware') || spec.trigger.categories.includes('Malware') || spec.trigger.titleKeywords.includes('malware') || conditionsOf(spec).some((c) => JSON.stringify(c).toLowerCase().includes('"malware"'))
      || spec.steps.some((s) => s.params.incident?.determination === 'Malware'),
  },
  // "AV detections on high sev": the alerts Defender Antivirus raised, which must not vanish; "an AV scan" is the scan.
  {
    re: /^(?:av|antivirus)$/,
    holds: (spec) => spec.steps.some((s) => s.action === 'runAntiVirusScan') || holdsKind(spec, 'detectionSource') || spec.trigger.detectionSources.length > 0,
  },
  { re: /^(?:mitre|att&ck|ttp|ttps)$/, holds: (spec) => holdsKind(spec, 'mitreTechnique') },
  // "resolved with the classification False Positive": a classification, which the trigger or a step must then carry.
  // ("Url indicator, Warn": an indicator's action is read only where a step sets it; a block said beside it is no Warn.)
  { re: /^warn$/, holds: (spec) => spec.steps.some((s) => s.params.indicatorAction === 'Warn') },
  { re: /^audit$/, holds: (spec) => spec.steps.some((s) => s.params.indicatorAction === 'Audit') },
  { re: /^alertandblock$/, holds: (spec) => spec.steps.some((s) => s.params.indicatorAction === 'AlertAndBlock') },
  { re: /^blockandremediate$/, holds: (spec) => spec.steps.some((s) => s.params.indicatorAction === 'BlockAndRemediate') },
  { re: /^(?:false|true|benign|fp|tp|false-positive|true-positive)$/, holds: (spec) => spec.trigger.classifications.length > 0 || spec.steps.some((s) => s.params.incident?.classification !== undefined) || conditionsOf(spec).some((c) => JSON.stringify(c).includes('classification')) },
  // "Device isolation with exclusion tag": a title word, read when the plan leaves something out.
  { re: /^(?:exclusions?|exceptions?)$/, holds: (spec) => spec.steps.some((s) => s.deviceFilter?.exclude || s.userFilter?.exclude || s.iocFilter || JSON.stringify(s.when ?? null).includes('"not"')) },
  // "Ransomware on servers: containment.": a kind of device, which must not vanish with a header that made no step.
  {
    re: /^(?:servers?|workstations?|dcs?|controllers?)$/,
    holds: (spec) => JSON.stringify(spec.steps.map((s) => [s.deviceFilter ?? null, s.when ?? null])).search(/"(?:kinds|osPlatforms)"/) >= 0,
  },
  // "Windows client devices": the workstations, held as a device filter.
  { re: /^clients?$/, holds: (spec) => spec.steps.some((s) => [...(s.deviceFilter?.include?.kinds ?? []), ...(s.deviceFilter?.exclude?.kinds ?? [])].includes('workstation')) },
  // "files ending in .dll", "the .ps1 extension": a kind of file, held as the file names a step is limited to.
  { re: /^(?:ending|ends|extension|extensions|script|scripts)$/, holds: (spec) => spec.steps.some((s) => s.iocFilter?.fileNames?.some((n) => n.startsWith('*.'))) },
  { re: /^(?:family|families)$/, holds: (spec) => holdsKind(spec, 'threatFamily') },
  // "incidents that are still active": the incident's state, which must not vanish ("active sessions" is no state).
  { re: /^(?:active|unresolved|open)$/, holds: (spec) => spec.trigger.statuses.length > 0 || spec.steps.some((s) => s.params.incident?.status !== undefined) },
  // "skip incidents already assigned or resolved": the incident's state, which must not vanish with the other test.
  {
    re: /^(?:resolved|closed)$/,
    // (A classification alone does not hold it: "classified as true positive and not yet resolved" tests the status too.)
    holds: (spec) => spec.trigger.statuses.length > 0 || spec.steps.some((s) => s.params.incident?.status !== undefined) || conditionsOf(spec).some((c) => JSON.stringify(c).includes('Resolved')),
  },
  // "set the incident in progress": a status, which the trigger, a condition or a step must then carry.
  { re: /^(?:progress|in-progress|inprogress)$/, holds: (spec) => spec.trigger.statuses.length > 0 || spec.steps.some((s) => s.params.incident?.status !== undefined) || conditionsOf(spec).some((c) => JSON.stringify(c).includes('InProgress')) },
  {
    // "external" also names public IP ranges ("block external IPs").
    re: /^(?:guest|guests|external|b2b|ext)$/,
    holds: (spec, w) => JSON.stringify(spec.steps.map((s) => [s.userFilter, s.when])).includes('#ext#') || (w === 'external' && spec.steps.some((s) => s.iocFilter?.ipScope !== undefined)),
  },
  // "admin accounts (adm-*)": the kind of account is read when a name pattern says which ones.
  {
    re: /^(?:admin|admins|administrator|administrators|privileged)$/,
    holds: (spec) => spec.steps.some((s) => s.userFilter !== undefined) || holdsKind(spec, 'userNamed'),
  },
  // "if the url is unknown to VirusTotal": a case of its own, which the plan must test.
  { re: /^unknown$/, holds: (spec) => holdsKind(spec, 'unknownIoc') },
  // "where virustotal says the IP is malicious": a verdict, read only when the plan checks one (a VirusTotal test, a step on
  // what VirusTotal flags, a lookup); said in a case the plan dropped, it was counted read and the step ran on every IP.
  // ("malicious" alone is also what Defender calls its own detections: "an alert about a malicious link".)
  {
    re: /^virustotal$/,
    holds: (spec) =>
      holdsKind(spec, 'maliciousIoc') || holdsKind(spec, 'unknownIoc') || spec.enrichments.length > 0 ||
      spec.steps.some((s) => ((s.target.kind === 'iocs' || s.target.kind === 'fileDevices') && s.target.minEngines !== undefined) || s.params.includeVirusTotal === true),
  },
  // "unless it is already taken", "ones someone owns": the incident's owner, which a test of assignment holds.
  { re: /^(?:taken|owned)$/, holds: (spec) => holdsKind(spec, 'assignment') },
  // "assigned to nobody": a state of the incident, which an assign step alone does not hold.
  { re: /^(?:nobody|noone|no-one)$/, holds: (spec) => holdsKind(spec, 'assignment') },
  { re: /^(?:unassigned|assigned|owner|owners|ownerless)$/, holds: (spec) => holdsKind(spec, 'assignment') || spec.steps.some((s) => s.params.incident?.assignedTo !== undefined) },
  { re: /^(?:path|paths|folder|folders|directory|directories|dir|temp|tmp|downloads|download|appdata|programdata|startup)$/, holds: (spec) => holdsKind(spec, 'filePath') },
  { re: /^(?:delivered|delivery|inbox|inboxes|junk|junked|landed)$/, holds: (spec) => holdsKind(spec, 'mailDelivery') },
  {
    // "status" narrows (the alert's status, "status New") unless the plan reads or sets a status.
    re: /^(?:status|statuses)$/,
    holds: (spec) => spec.trigger.statuses.length > 0 || spec.steps.some((s) => s.params.incident?.status !== undefined),
  },
  // "custom threat intelligence", "custom TI": a detection source, which the plan must then hold.
  { re: /^(?:ti|intel|intelligence)$/, holds: (spec) => holdsKind(spec, 'detectionSource') || spec.trigger.detectionSources.length > 0 },
  {
    re: /^(?:edr|smartscreen)$/,
    holds: (spec) => holdsKind(spec, 'detectionSource'),
  },
  {
    re: /^(?:days?|weeks?|months?|years?)$/,
    holds: (spec) => spec.steps.some((s) => s.params.expiresInDays !== undefined),
  },
  {
    re: /^(?:initialaccess|execution|persistence|privilegeescalation|defenseevasion|credentialaccess|discovery|lateralmovement|collection|commandandcontrol|exfiltration|impact|exploit|reconnaissance|resourcedevelopment|suspiciousactivity|unwantedsoftware)$/,
    holds: (spec, w) =>
      [...spec.trigger.categories, ...conditionsOf(spec).flatMap((c) => ('kind' in c && c.kind === 'category' ? c.categories : []))].some((c) => c.toLowerCase() === w) ||
      (w === 'exfiltration' && spec.trigger.topics.includes('exfiltration')),
  },
  {
    // A level must be the one the plan holds: "contain it on high, scan on med" must not pass "high" because "med" was read.
    re: /^(?:critical|crit|high|medium|med|moderate|low|informational|sev|sev[0-4]|p[0-4])$/,
    holds: (spec, w) => {
      if (!severityHeld(spec)) return false;
      const level = levelOf(w);
      return level === null || levelsHeld(spec).has(level);
    },
  },
  {
    re: /^(?:external|public|private|internal|rfc1918|routable|non-routable|range|ranges)$/,
    holds: (spec) => spec.steps.some((s) => s.iocFilter?.ipScope !== undefined),
  },
  {
    re: /^(?:prefix|prefixed|prefixes|starting|ending|ends|suffix)$/,
    holds: (spec) =>
      spec.steps.some((s) => s.userFilter || s.deviceFilter?.include?.namePatterns || s.deviceFilter?.exclude?.namePatterns) ||
      holdsKind(spec, 'userNamed'),
  },
  {
    re: /^(?:health|inactive|impaired|sensor)$/,
    holds: (spec) => spec.steps.some((s) => s.deviceFilter?.include?.healthStatuses || s.deviceFilter?.exclude?.healthStatuses),
  },
  {
    re: /^(?:multiple|single|distinct|different|unique|separate|number)$/,
    holds: (spec) => holdsKind(spec, 'entityCount'),
  },
  {
    // "when none has a malicious detection": a "none" the plan holds no negation for was read the other way round.
    re: /^(?:none|nothing|neither)$/,
    holds: (spec) => conditionsOf(spec).some((c) => 'not' in c) || spec.steps.some((s) => s.deviceFilter?.exclude || s.userFilter?.exclude || s.iocFilter) || spec.steps.length === 0,
  },
  {
    // "for identity alerts", "MDI or MDO alerts": the product that raised them, which the trigger or a condition must then hold
    // (elsewhere, "in Identity Protection" says where a step acts: FACT_WORD_PHRASES leaves it read).
    re: /^(?:identity|mdi|mdo|mdca|mcas|aadip)$/,
    holds: (spec) => spec.trigger.serviceSources.length > 0 || spec.trigger.detectionSources.length > 0 || holdsKind(spec, 'serviceSource') || holdsKind(spec, 'detectionSource'),
  },
  {
    // "on risky sign-ins": the kind of incident, which must not vanish ("revoke their sign-in sessions" is an action).
    re: /^(?:sign-?ins?|signins?|logins?|log-?ons?)$/,
    holds: (spec) =>
      spec.trigger.serviceSources.some((s) => SIGN_IN_SOURCES.includes(s)) ||
      // (Held by each step when branches share it: "for risky sign-ins: if A ...; if B ...; otherwise ...".)
      conditionsOf(spec).some((c) => 'kind' in c && c.kind === 'serviceSource' && c.sources.some((s) => SIGN_IN_SOURCES.includes(s))) ||
      // "anonymous IP sign-in", "impossible travel sign-ins": the detection's name says which sign-ins.
      spec.trigger.titleKeywords.length > 0 ||
      conditionsOf(spec).some((c) => /sign|log/i.test(JSON.stringify(c))),
  },
  {
    re: /^(?:linux|macos|mac|macs|windows|windows10|windows11)$/,
    holds: (spec) =>
      spec.steps.some((s) => s.deviceFilter?.include?.osPlatforms?.length || s.deviceFilter?.exclude?.osPlatforms?.length) ||
      conditionsOf(spec).some((c) => 'kind' in c && c.kind === 'deviceIs' && Boolean(c.match.osPlatforms?.length)),
  },
];

/**
 * "where the recipient is a shared mailbox", "if the sender is external": who a mail went to or came from, said as a case.
 * In a case (not a step's own words) these are read only when the plan tests something of the mail's people or delivery.
 */
const MAIL_PARTY = /^(?:recipients?|recipient's|senders?|sender's|mailbox(?:es)?|inbox(?:es)?|addressees?)$/i;
function mailPartyHeld(spec: PlaybookSpec): boolean {
  return ['userInGroup', 'userNamed', 'mailDelivery', 'mailSubject', 'entityPresent'].some((k) => holdsKind(spec, k)) || spec.steps.some((s) => s.userFilter !== undefined);
}
/** "a shared mailbox", "shared accounts", "the shared kiosk PCs": a kind of mailbox, account or device no test of Rampart's says. */
const SHARED_KIND = /\bshared\s+(?:mail\s*box(?:es)?|inbox(?:es)?|accounts?|accts?|users?|devices?|machines?|computers?|workstations?|pcs?|laptops?|kiosks?|terminals?|desks?)\b/gi;

/** Phrases whose fact words are part of an action or another reading, not a fact of their own. */
const FACT_WORD_PHRASES = /\b(?:antivirus|av)\s+(?:scans?|scanning|engines?|vendors?|signatures?|definitions?)\b|\b\d+\s*\+?\s*(?:av|antivirus)\s+(?:detections?|hits?|flags?)\b|\b(?:leave|leaves|left|keep|keeps|kept|stay|stays|stayed|remain|remains|remained|is\s+left|are\s+left)\s+(?:it\s+|them\s+|the\s+incidents?\s+)?open\b|\bopen\s+(?:a|an|the)\s+(?:ticket|case|link|portal|url|incident\s+page|bridge|war\s*room)\b|\b(?:do|does|doing|did|take|takes|taking|otherwise|else|then|just|and)\s+nothing\b|\bnothing\s+(?:else|more|further|at\s+all)\b|(?:->|=>|:|,|^)\s*(?:just\s+)?nothing\b|\bnothing\s*$|\b(?:identity|mdi|mdo|mdca|mcas|aadip)\b(?!\s+(?:incidents?|alerts?|detections?|threats?|attacks?|cases?|stuff)\b)|\b(?:sign-?ins?|log-?ins?|log-?ons?)(?:'s)?\s+(?:source\s+)?(?:ips?|ip\s+address(?:es)?|address(?:es)?|locations?|countr(?:y|ies)|devices?|user|account)\b|\b(?:sign-?ins?|log-?ins?|log-?ons?)\s+from\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:ips?|ip\s+address(?:es)?|addresses|locations?|countr(?:y|ies)|tor|vpns?|proxies|proxy)\b|\b(?:revoke|kill|terminate|end|invalidate)\s+(?:all\s+)?(?:the\s+|their\s+|his\s+|her\s+)?(?:user'?s?\s+)?(?:sign-?ins|log-?ins)\b|\b(?:sign-?ins?|signins?|log-?ins?|log-?ons?)\s+(?:sessions?|tokens?|logs?|activity|history|names?|page|prompts?)\b|\b(?:single|interactive)\s+sign-?on\b|\bactive\s+(?:sessions?|directory|tokens?|sign-?ins?|accounts?|users?|connections?|processes?|threats?|attacks?|exploitation|malware|infections?|campaigns?)\b|\bactively\b|(?<=\b(?:scan\w*|check\w*|look\w*|sweep\w*|hunt\w*|search\w*)\s+(?:\w+\s+){0,3}?)for\s+(?:any\s+)?malware\b|\b(?:remov\w*|clean\w*|quarantin\w*|delet\w*|kill\w*)\s+(?:the\s+|any\s+)?malware\b|\bmalware\s+(?:scans?|removal|found|detected)\b|\b(?:finds?|found|detects?|detected)\s+(?:any\s+)?malware\b|\bwindows\s+(?:defender|firewall|event\w*|security|update\w*|logs?|services?|registry)\b|\bby\s+a\s+single\s+(?:user|account|person|identity)\b|\b(?:a|one)\s+single\s+(?:comment|message|note|e-?mail|mail|post|notification|summary)\b|\bhealth\s+(?:status|state)\b|\b(?:app(?:lication)?s?|code|programs?)\s+execution\b|\blow[- ]hanging\b|\bimpacted\b|\bevidence\s+collection\b|\bcollection\s+(?:was|were|is|has\s+been)\s+(?:requested|started|run|triggered|done)\b|\bcollection\s+of\b|\bfull\s+(?:scan|isolation)\b|\bdata\s+exfiltration\b|\b(?:upon|on)\s+discovery\s+of\b|\binformational[,\s]+(?:and\s+)?expected\s+activity\b|(?<=\b(?:close[sd]?|resolve[sd]?|classif\w*|mark(?:s|ed)?)\b[^.;]{0,40}?)\bas\s+informational\b/gi;

/** Words that make a clause a qualifier of other steps rather than an instruction of its own. */
const NARROWING_CUE = /\d(?!\d*\s?(?:am|pm|a\.m\.|p\.m\.)\b)|\b(?:after|before|until|till|past|upon|above|below|over|under|least|only|at|by|flagged|rated|marked|except|excluding|unless|if|when|whenever|while|for|not|don'?t|never|avoid|touch|but|where|whose|which|that|with|without|in|on|from|during|outside|between|skip\w*|ignor\w*|exclud\w*|exempt\w*|spare\w*|leave|alone|bypass|disregard|tagged|labell?ed|assigned|owned|named|called|titled|instead|rather)\b/i;

/** Numbers the plan holds: engine thresholds (and the bound a band or "more than" was written with), expiry. */
function numbersOf(spec: PlaybookSpec | undefined, only?: (s: Step) => boolean): Set<number> {
  const out = new Set<number>([365]);
  if (!spec) return out;
  const engines = (m: number): void => {
    out.add(m);
    out.add(m - 1);
  };
  const visit = (c: Condition): void => {
    if ('all' in c) c.all.forEach(visit);
    else if ('any' in c) c.any.forEach(visit);
    else if ('not' in c) visit(c.not);
    else if (c.kind === 'maliciousIoc') engines(c.minEngines);
    // "more than 3 hosts" is held as at least 4.
    else if (c.kind === 'entityCount') engines(c.atLeast);
  };
  for (const s of spec.steps) {
    if (only && !only(s)) continue;
    if (s.when) visit(s.when.condition);
    if ((s.target.kind === 'iocs' || s.target.kind === 'fileDevices') && s.target.minEngines) engines(s.target.minEngines);
    const d = s.params.expiresInDays;
    if (d) [d, d / 7, d / 30].forEach((n) => out.add(n));
  }
  return out;
}

/**
 * Where a clause starts giving a reason or a purpose: "because ...", "since they ...", "so (that)
 * outlook still works", "as they probably ...", ", the finance team needs ...", ", its flaky on
 * the macs", ", no point", ", mgr gets annoyed". What follows says why, not which incidents, up to
 * a word that narrows again (REASON_ENDS).
 */
const REASON_CUE = new RegExp(
  [
    /,\s*(?=(?:we|they|i)\s+(?:do\s+not|don'?t|dont|can'?t|cannot)\s+(?:trust|like|want|need|rely|care|have|believe)\b)/,
    /,\s*(?=(?:they|we|ir|he|she|these|those|the\s+(?:team|soc|user|owner|business))\s+(?:need|needs|want|wants|wanna|use|uses|are|runs?|hosts?|controls?|handles?|owns?|depends?|rely|relies|powers?|drives?|manages?|would|will|can'?t|cannot|has\s+to|have\s+to)\b|the\s+(?:[\w-]+\s+){0,2}(?:team|desk|helpdesk|business|customer|client|folks|people)\s+(?:need|needs|want|wants|wanna|use|uses|relies|rely|hates?|would|will|can'?t|cannot|has\s+to|have\s+to|handles?|owns?|covers?|manages?|patch(?:es)?|takes?\s+care\s+of|looks?\s+after|deals?\s+with)\b|(?:it|that|this)\s+(?:needs?|wants?|uses?|runs?|hosts?|serves?|would|will|can'?t|cannot)\b|(?:it|that|this)\s+(?:is|'s)\s+(?:our\s+|a\s+|the\s+)?(?:prod|production|critical|business[- ]critical|core|key|live)\b)/,
    // "mail privacy@..., possible PHI exposure, they need it for the log": what may be at stake, said as why.
    /,\s*(?=(?:possible|potential|likely|probable|suspected)\s+(?:[\w-]+\s+){0,3}?(?:exposure|breach|leak|leakage|compromise|impact|loss|disclosure)\b)/,
    // "(expires after 30 days), not permanently, the cloud IPs change owner": why an indicator should not last.
    /,\s*(?=(?:the\s+|those\s+|these\s+|such\s+)?(?:[\w-]+\s+){0,5}?(?:ips?|addresses|domains?|urls?)(?:\s+[\w-]+){0,4}?\s+(?:change|changes|rotate|rotates|move|moves|get\s+(?:reassigned|recycled|reused)|are\s+(?:reassigned|recycled|reused|shared))\b)/,
    // ", it is their job to test such tools": whose work it is, said as why.
    /,\s*(?=(?:it|that|this)(?:'s|s|\s+is)\s+(?:their|his|her|our|my|the\s+[\w-]+(?:\s+team)?'s)\s+(?:job|work|role|task|responsibility)\b)/,
    // ", its flaky on our macs", ", it's a pain": a judgement of the action ruled out.
    /(?:^|,\s*)(?=(?:it|that|this)(?:'s|s|\s+is|\s+was|\s+gets)\s+(?:(?:way|too|really|super|very|just|always|kinda|pretty|so)\s+)?(?:flaky|buggy|broken|unreliable|unstable|annoying|noisy|slow|painful|disruptive|overkill|pointless|useless|aggressive|risky|dangerous|drastic|harsh|heavy|a\s+pain|a\s+nightmare|a\s+mess)\b)/,
    /,\s*(?=(?:there'?s\s+)?(?:no\s+point|not\s+worth\s+it|waste\s+of\s+time|pointless)\b)/,
    // ", the epic interface engine falls over if we reset those", ", restricting the EHR app servers kills charting for the
    // whole hospital": what would break, said as why (the "if" inside is the breakage's, not a case of the request).
    /[,:]\s*(?=(?:the\s+|our\s+|their\s+)?(?:[\w-]+\s+){0,7}?(?:falls?\s+over|fails?\s+over|breaks?|crash(?:es)?|goes\s+down|dies|stops?\s+working|tanks?)\b)/,
    /[,;]\s*(?=(?:isolating|restricting|scanning|disabling|resetting|blocking|quarantining|locking|revoking|cutting|taking|pulling)\s+(?:[\w-]+\s+){0,6}?(?:(?:would|will|could|might|can)\s+)?(?:kills?|breaks?|takes?\s+down|take\s+down|stops?|stop|disrupts?|disrupt|ruins?|ruin|halts?|halt|kill|break)\b)/,
    // "as our supplier portals are sometimes flagged by mistake": why, said of what the step could hit.
    /\bas\s+(?=(?:our|the|their|some)\s+(?:[\w-]+\s+){0,3}(?:are|is|get|gets)\s+(?:sometimes|often|occasionally|regularly|frequently|always|usually)\b)/,
    // ", we cant lock a surgeon out mid case", ", the ED cant lose a workstation mid shift": what the team cannot afford.
    /,\s*(?=(?:we|they|i|the\s+[\w-]+(?:\s+[\w-]+)?)\s+(?:can'?t|cant|cannot|can\s+not)\s+(?:lose|lock|kick|take|cut|afford|risk|have|be\s+without|go\s+without)\b)/,
    // ", biomed fires them every morning when they validate AV": who sets them off, said as why.
    /,\s*(?=(?:[\w-]+\s+){1,2}(?:fires?|runs?|triggers?|generates?|creates?|sets?\s+off|kicks?\s+off)\s+(?:them|those|these)\b)/,
    // ", the devices are FDA-validated": what the things left alone are, said as why.
    /,\s*(?=(?:the|these|those|they|our)\s+(?:[\w-]+\s+)?(?:are|is|r)\s+(?:all\s+)?(?:[\w]+-)?(?:validated|certified|regulated|approved|life-?critical|safety-?critical|fragile|vendor-?managed)\b)/,
    // ", the plant networks really shouldn't be browsing anywhere odd": what ought to be true anyway, said as why.
    /,\s*(?=(?:the\s+|our\s+|their\s+)?(?:[\w-]+\s+){0,3}(?:really\s+|just\s+)?(?:should(?:n'?t|\s+not|\s+never)|ought\s+not\s+to|must(?:n'?t|\s+not))\s+(?:be\s+|have\s+been\s+)?[a-z]+ing\b)/,
    // ", those are the emergency accounts we use when the domain is down": what the things left alone are.
    /,\s*(?=(?:those|these|they)\s+are\s+(?:the|our)\s+(?:[\w-]+\s+){0,3}(?:accounts?|accts?|users?|people|machines|devices|boxes|servers|hosts|ones)\s+(?:we|they|the\s+[\w-]+)\s+(?:use|need|run|keep|have)\b)/,
    // ", normal flow handles those": the usual process takes the rest, said as why nothing is done.
    /,\s*(?=(?:the\s+|our\s+)?(?:normal|regular|usual|standard|existing|manual)\s+(?:flow|process|procedure|triage|playbook|queue|handling|workflow)\s+(?:handles?|covers?|deals\s+with|takes\s+care\s+of|picks\s+up)\s+(?:those|them|these|it)\b)/,
    // ", all the plant OT nets are 10.x", ", our guest wifi is 172.16": what the networks are, said as why.
    /,\s*(?=(?:all\s+)?(?:the\s+|our\s+)?(?:[\w-]+\s+){0,3}(?:nets|networks|subnets|ranges|vlans|segments|lans)\s+(?:are|is|r)\b)/,
    // ", the channel is noisy enough": how busy the place a message goes to already is.
    /,\s*(?=(?:the\s+|our\s+)?(?:[\w-]+\s+)?(?:channel|queue|inbox|mailbox|chat)\s+(?:is|'s|gets|got)\s+(?:(?:already|way|too|really|super|very|pretty)\s+)*(?:noisy|busy|loud|flooded|full|spammy|swamped)\b)/,
    // ", the medium ones r usually the backup agent": what the cases left out usually are, said as why.
    /,\s*(?=(?:the\s+)?(?:[\w-]+\s+)?(?:ones|alerts|incidents|detections|hits)\s+(?:r|are|is)\s+(?:usually|always|mostly|often|just|probably|prob|generally|typically)\b)/,
    // ", the office USB incidents are handled by helpdesk", ", other team handles them": who deals with the rest, said as why.
    /,\s*(?=(?:the\s+|our\s+)?(?:[\w-]+\s+){0,3}(?:incidents?|alerts?|ones|devices|machines|boxes|hosts|accounts|users)\s+(?:are|is|get|gets)\s+(?:already\s+)?(?:handled|covered|owned|managed|dealt\s+with|taken\s+care\s+of|looked\s+after)\s+by\b|(?:the\s+|an?\s+)?(?:other|another|different|separate|[\w-]+)\s+(?:team|desk|helpdesk|playbook|runbook|group)\s+(?:handles?|covers?|owns?|takes?\s+care\s+of|deals\s+with|looks\s+after)\s+(?:them|those|these|it|that)\b)/,
    // ", she never checks mail at night", ", DBA team will murder me", ", they're fine", ", its just adware",
    // ", our servers go down when isolated": what someone does, would do or is, said as why.
    /(?:^|,\s*)(?=(?:he|she|they|we|it)\s+(?:never|always|usually|rarely|barely|hardly\s+ever)\s+[a-z]+)/,
    /(?:^|,\s*)(?=(?:[\w-]+\s+){0,3}(?:will|would|gonna|is\s+going\s+to)\s+(?:murder|kill|hate|yell\s+at|scream\s+at|fire|shout\s+at)\s+(?:me|us)\b)/,
    /(?:^|,\s*)(?=(?:they'?re|theyre|they\s+are|it'?s|its|it\s+is|that'?s|thats)\s+(?:just\s+|only\s+|probably\s+|usually\s+|all\s+|mostly\s+)?(?:fine|ok|okay|noise|noisy|benign|harmless|adware|junk|legit|false\s+positives?|fps?)\b)/,
    /(?:^|,\s*|\s)(?=our\s+(?:[\w-]+\s+){0,2}(?:go|goes|went|die|dies|crash|crashes|break|breaks|lose|loses|need|needs|rely|relies|can'?t|cannot|don'?t|won'?t|have\s+to|has\s+to)\b)/,
    // "- last month someone blocked an internal addr and took down a branch": what happened before, told first, as why.
    /(?:^|[,;:]\s*|\s-\s*)(?=(?:last\s+(?:time|week|month|quarter|year|night)|yesterday|a\s+(?:while|few\s+\w+)\s+ago|once)\s*,?\s+(?:someone|somebody|we|they|he|she|i|an?\s+[\w-]+|the\s+[\w-]+)\s+(?:[\w-]+ed|took|broke|got|had|did|made|went|ran|lost|caused)\b)/,
    // "(the cfo's team got phished twice this month, thats why)": a clause that says itself it is the reason.
    /^(?=[^.;]*?,?\s*(?:that\s+is|that'?s|thats|which\s+is)\s+why\s*\)?\s*[.!]?\s*$)/,
    // "fyi VT does sometimes flag internal IPs": a remark for the reader, with no step in it.
    /(?:^|[.;]\s*)(?=(?:fyi|btw|for\s+context|background)\b[:,]?\s+(?![^.;]*\b(?:isolat|block|disabl|quarantin|restrict|revok|reset|scan|collect|post|e-?mail|mail|tag|assign|clos|resolv|notif|ping)\w*))/,
    // ", it's a Monday problem", "thats a day shift problem": the case can wait, said as why nothing is done now.
    /,\s*(?=(?:it'?s|its|it\s+is|that'?s|thats|that\s+is)\s+(?:an?\s+)?(?:monday|tomorrow|morning|weekday|next[- ]week|day[- ]shift|business[- ]hours|later|future)\s+(?:problem|issue|thing|job)\b)/,
    // ", their contracts dont cover response actions": what an agreement leaves out, said as why.
    /,\s*(?=(?:their|our|the|its)\s+(?:[\w-]+\s+)?(?:contracts?|slas?|agreements?|msas?|licen[cs]es?|subscriptions?|plans?|scope)\s+(?:do(?:es)?\s*n[o']?t|dont|doesnt|won'?t|wont|never)\s+(?:cover|include|allow|permit)\b)/,
    // ", probably it is the office proxy": a guess at why, after the step.
    /(?:^|,\s*)(?=(?:probably|prob|likely|most\s+likely|maybe|prolly|presumably)\s+(?:it|that|this|they)(?:'s|'re|\s+is|\s+are|\s+was|\s+were)\b)/,
    // ", mgr gets annoyed", ", customer got burned by that last quarter": what happened, or would, to someone.
    /,\s*(?=(?:[\w-]+\s+){1,3}(?:got|gets|get|was|were)\s+(?:burned|burnt|upset|annoyed|angry|mad|spammed|flooded|yelled\s+at|salty|grumpy|cranky|pissed|furious|twitchy|nervous|antsy)\b)/,
    // (Not an instruction: "kill the sessions of every account" at the start of a clause, or after "and", is a step.)
    /(?<!^\s*)(?<!\b(?:and|then|also|or|just|pls|please)\s+)\b(?=(?:kills?|breaks?|crashes|slows?\s+down)\s+(?:the|our|it|them|those|prod)\b)/,
    // ", their ops guy already yelled at us once this month", "disabling svc-sql took down prod last month", "HR complained
    // last time": what went wrong before, told as why; a complaint or an outage, with when it happened.
    /(?:^|,\s*)(?=(?:[\w'-]+\s+){0,4}(?:already\s+)?(?:yelled|complained|moaned|screamed|shouted|freaked\s+out|escalated|took\s+down|broke|crashed|killed|caused\s+an?\s+outage|burned|burnt)\b[^.;]*?\b(?:last\s+(?:time|week|month|quarter|year|night)|once|yesterday|before|this\s+(?:week|month|year|quarter)|already|again)\b)/,
    // "Do not isolate them, warehouse cannot stop the picking in the night shift": what follows an action ruled out, said
    // of someone or something with a verb of its own and no step in it, is why.
    /(?<=\b(?:do\s+not|don'?t|dont|never|not)\s+(?:isolat\w*|contain\w*|disabl\w*|block\w*|quarantin\w*|restrict\w*|reset\w*|revok\w*|scan\w*|touch\w*)(?:\s+(?:them|it|those|these|that|this|the\s+[\w'-]+(?:\s+[\w'-]+)?))?),\s*(?=(?:the\s+|our\s+|their\s+|it\s+|they\s+)?(?:[\w-]+\s+){0,2}?(?:can'?t|cant|cannot|can\s+not|needs?|must|has\s+to|have\s+to|relies|rely|uses?|depends?|belongs?|is\s+owned|is\s+run)\s+(?![^,.;]*\b(?:isolat|disabl|block|quarantin|restrict|reset|revok|scan|collect|tag|assign|clos|resolv|post|e-?mail(?!\s+(?:system|server|flow|gateway))|notif|comment|ping)\w*)[^.;]*(?:[.;]|$))/,
    // "must never be isolated automatically: they hold privileged material", "do not block it - it belongs to a law firm":
    // after a step ruled out, a colon or a dash and a clause with its own subject and no step in it is why.
    /(?<=\b(?:do\s+not|don'?t|dont|never|not)\s+(?:be\s+)?(?:isolat|disabl|block|quarantin|restrict|reset|revok|scan|touch|clos)\w*[^:.;\u2014\u2013]{0,100})\s*(?::|\s[-\u2013\u2014])\s*(?=(?:they|it|we|these|those|that|this|the\s+[\w-]+|our\s+[\w-]+|a\s+[\w-]+)\s+(?![^.;]*\b(?:isolat|disabl|block|quarantin|restrict|reset|revok|scan|collect|tag|assign|clos|resolv|post|e-?mail|mail|notif|comment|ping)\w*)[^.;]*(?:[.;]|$))/,
    // ", a doctor locked out at 3am is a patient safety issue", "- those are the customer's emergency admins": what it would
    // cause, or what they are, said as why.
    /(?:,|\s[-\u2013\u2014])\s*(?=(?:an?|the|our|their)\s+(?![^,.;]*\b(?:isolat|disabl|block|quarantin|restrict|reset|revok|scan|collect|tag|assign|clos|resolv|post|e-?mail|mail|notif|comment|ping)\w*)[^,.;]{0,60}?\s+(?:is|are|would\s+be)\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}(?:issue|problem|risk|concern|nightmare|disaster|hazard)\b)/,
    /(?:^|,|\s[-\u2013\u2014])\s*(?=(?:those|these|they)\s+(?:are|'re)\s+(?:the\s+|our\s+|their\s+)?(?:[\w'-]+\s+){0,3}(?:admins?|administrators|accounts?|break-?glass|emergency\s+\w+|owners?|vips?|executives?|servers?|devices?)\s*(?:[,.;]|$))/,
    // ", our vendor's IPs rotate and we got burned by permanent blocks": what changes under the rule, said as why.
    /,\s*(?=(?:our|their|the)\s+(?:[\w'-]+\s+){0,4}?(?:rotate|rotates|change|changes|move|moves|get\s+reused|are\s+shared|are\s+dynamic)\b)/,
    // ", as a scan can alter file timestamps": why, said with "as" and a clause of its own.
    /,\s*as\s+(?!(?:soon|well|long|usual|needed|required|appropriate|before|described|above|below|per|follows|if)\b)(?=(?:a|an|the|this|that|it|they|we|our|these|those|there|such)\s+(?:[\w'-]+\s+){0,4}?(?:can|could|may|might|would|will|is|are|was|were|has|have|holds?|contains?|needs?|must)\b)/,
    /\b(?:because|cuz|coz|cause|given\s+that|in\s+order\s+to|so\s+that)\b/,
    /\bsince\s+(?!(?:\d|yesterday|last|the\s+last|midnight|then\b))(?=[a-z])/,
    /\bas\s+(?=(?:they|it|he|she|we)\s+(?:probably|prob|likely|might|may|could|prolly|most\s+likely)\b)/,
    /\bso\s+(?=(?:[\w/'-]+\s+){0,3}?(?:still|keeps?|can|could|cannot|can'?t|cant|couldn'?t|stays?|remains?|continues?)\b)/,
    // "so they aren't stuck behind the risky-user policy": what is spared by the step, said as why.
    /\bso\s+(?=(?:they|he|she|we|the\s+users?|users|people)\s+(?:aren'?t|are\s+not|isn'?t|is\s+not|won'?t|will\s+not|don'?t|do\s+not|doesn'?t)\b)/,
    // ", some human can deal": who takes it from there, said as why nothing is done.
    /,\s*(?=(?:some|a|an|the)\s+(?:human|analyst|person|one\s+of\s+us|tier\s*\d|t\d|l\d)\s+(?:can|will|should|could|gets?\s+to)\s+(?:deal|handle|look|take|check|sort)\b)/,
    // ", the restriction is enough", ", doesn't matter how bad it looks": why no more is done, or why it is done anyway.
    /,\s*(?=(?:the\s+)?[\w-]+\s+(?:is|are)\s+(?:enough|sufficient|plenty)\b)/,
    /,\s*(?=(?:it\s+)?(?:does\s*n[o']?t|doesnt|does\s+not)\s+matter\s+(?:how|what|if)\b)/,
    // "lol we learned that one the hard way": a lesson, said as why.
    /(?:^|,\s*|\s)(?=(?:lol\s+)?(?:we|i)\s+(?:learned|learnt)\s+(?:that|this|it)(?:\s+one)?\s+the\s+hard\s+way\b)/,
    // ", that's mostly the pentesters poking around": what the cases left out usually are, said as why.
    /,\s*(?=(?:that'?s|thats|that\s+is|this\s+is|this'?s|those\s+are|these\s+are|they'?re|theyre|they\s+are|it'?s|its|it\s+is)\s+(?:mostly|usually|just|probably|prob|always|often|generally|typically|normally)\s+(?:the\s+|our\s+|some\s+|a\s+)?[\w-]+)/,
    // "so nobody else at the stores can open it": what the step is for, said of whom it keeps out.
    /\bso\s+(?=(?:nobody|no\s+one|noone|no-one|none\s+of)\b)/,
    // ", the stores cant run without them": what would stop, said as why.
    /,\s*(?=(?:the\s+|our\s+|their\s+)?(?:[\w-]+\s+){0,2}(?:can'?t|cant|cannot|can\s+not|won'?t|wont|couldn'?t)\s+(?:run|work|operate|function|open|trade|cope|sell|ship|do\s+(?:anything|their\s+job))\s+without\b)/,
    // "so the risk-based CA policy kicks in", "so Conditional Access takes effect": what the step sets off elsewhere.
    /\bso\s+(?:that\s+)?(?=(?:the\s+|our\s+|their\s+|its\s+)?(?:[\w/'-]+\s+){0,4}?(?:kicks?\s+in|applies|takes?\s+effect|enforces?\s+(?:it|itself)|picks?\s+(?:it|them)\s+up)\b)/,
    // ", so users get a warning page instead of a hard block": what the step is for.
    /\bso\s+(?=(?:the\s+)?(?:users?|people|ppl|staff|employees|analysts?|they|we)\s+(?:get|gets|see|sees|receive|receives)\b)/,
    // "put one comment in the incident for the N2 see in the morning", "send msg on teams for the N2 decide": who reads the
    // note, and what for.
    /(?<=\b(?:comment|note|post|message|msg|mail|e-?mail|teams|channel|notif\w*|ping)\b[^.;]{0,80}?)\bfor\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){0,2}?(?:to\s+)?(?:see|sees|decide|decides|check|review|look|analy[sz]e|triage|handle|validate|know)\b/,
    // ", only teams message so the analyst decides": who then decides, said as what the step is for.
    /\bso\s+(?=(?:the\s+|an?\s+|our\s+)?(?:analysts?|people|humans?|someone|somebody|we|they|the\s+on-?call|on-?call|soc|team)\s+(?:can\s+)?(?:decides?|checks?|reviews?|handles?|looks?|triages?|calls?)\b)/,
    /\bso\s+(?=(?:the\s+|their\s+|its\s+|that\s+)?(?:[\w-]+\s+){0,2}(?:is|are|gets?|becomes?)\s+(?:raised|set|known|aware|seen|visible|tracked|recorded|notified|informed|alerted|warned|updated)\b)/,
    // "assign to mssp-t2@contoso.com, thats our queue": what the mailbox or person named just before is.
    /,\s*(?=(?:that'?s|thats|that\s+is|it'?s|its|which\s+is)\s+(?:our|their|the\s+(?:team|soc|client|customer)'?s?)\s+(?:[\w-]+\s+){0,2}(?:queue|inbox|mailbox|team|channel|desk|lead|manager|address|alias|dl|list|on-?call)\s*$)/,
    // "- those are compromised-page FPs half the time": what the cases left out usually are.
    /(?:^|[,:;]\s*|\s-\s*)(?=(?:those|these|they|them)\s+(?:are|r)\s+(?:(?:just|usually|mostly|often|always)\s+)?(?:[\w-]+\s+){0,2}(?:fps?|false\s+positives?|noise|benign|legit)\b)/,
    // "skip the kiosk-* machines tho, they reimage nightly anyway": what is true of them regardless, said as why.
    /,\s*(?=(?:they|those|these|it|that|we|the\s+[\w-]+|[\w-]+s)\s+(?![^,.;]*\b(?:isolat|disabl|block|quarantin|restrict|reset|revok|scan|collect|tag|assign|clos|resolv|post|e-?mail|mail|notif|comment|ping)\w*)[^,.;]*\banyway\s*(?:[.;!]|$))/,
    // ", red team is in this week": who is doing what for now, said as why.
    /,\s*(?=(?:the\s+)?(?:[\w-]+\s+){1,3}(?:is|are|'s|'re)\s+(?![^,.;]*\b(?:isolat|disabl|block|quarantin|restrict|reset|revok|scan|collect|tag|assign|clos|resolv|post|e-?mail|mail|notif|comment|ping)\w*)[^,.;]*\b(?:this|next|all)\s+(?:week|month|weekend|night|day)\s*(?:[.;!]|$))/,
    // "(no VT check needed, trust MDE on these)": why no test is made.
    /(?:^|,\s*)(?=(?:we\s+|just\s+)?trust\s+(?:mde|defender|mdo|mdi|the\s+[\w-]+|it|them|these|those)\b)/,
    // "so the user risk goes to high": what the step does to a value, said as what it is for.
    /\bso\s+(?=(?:the\s+|their\s+|its\s+)?(?:[\w-]+\s+){0,2}(?:goes|go|moves?|jumps?|rises?|drops?)\s+(?:up\s+|down\s+)?to\b)/,
    // ", artists will riot", " - builds must go on", ", theyre mid-tournament and will rage quit": after a clause, one with a
    // subject and a verb of its own that names no step, no thing Rampart acts on, no test and no negation, up to where the
    // clause ends, says why. (Any such word keeps it a clause to read: ", they are servers", ", those get a scan".)
    new RegExp(String.raw`(?:[,:]|\s[-\u2013\u2014])\s*${COMMENTARY}`),
  ].map((r) => r.source).join('|'),
  'i',
);

/** "because it is urgent, unless the box belongs to finance": a word that narrows again ends the reason. */
// (An "only" that says what something is, "its only AV stuff", does not narrow.)
// ("falls over if we reset those": an "if" of what the team would do to those is the breakage's, not a case.)
const REASON_ENDS = /\b(?:unless|except|excluding|(?<!\b(?:it'?s|it\s+is|that'?s|thats|they'?re|theyre|is|are|was|were)\s+)only|if(?!\s+(?:(?:we|you|they|i)\s+)?[a-z]+\s+(?:those|them|these|it|that)\b)|(?<!\b(?:use|uses|need|needs|run|runs|keep|keeps|have|has)(?:\s+(?:it|them))?\s+)when(?!\s+(?:they|we|he|she|i|you)\b)|whenever|but|provided|where|whose|instead(?!\s+of\b)|otherwise)\b/i;

/** Where the reason of a clause runs, start to end; [Infinity, Infinity] when it gives none. */
export function reasonSpan(text: string): readonly [number, number] {
  const m = REASON_CUE.exec(text);
  if (!m) return [Infinity, Infinity];
  // "because when the server is offline the line stops": a "when" said first belongs to the reason.
  const after = m.index + m[0].length + (/^\s*(?:when|if|once|whenever)\b/i.exec(text.slice(m.index + m[0].length))?.[0].length ?? 0);
  const end = REASON_ENDS.exec(text.slice(after));
  return [m.index, end ? after + end.index : Infinity];
}

/** The clause with its reason cut out: "no isolation at all, since its only AV stuff" -> "no isolation at all". */
export function withoutReason(text: string): string {
  const [start, end] = reasonSpan(text);
  if (start === Infinity) return text;
  return `${text.slice(0, start)} ${end === Infinity ? '' : text.slice(end)}`.replace(/\s+/g, ' ').trim();
}

/** A clause that opens by ruling an action out: "dont disable the acct", "NO isolation", "never auto-close". */
const RULED_OUT = /^(?:but\s+|and\s+|also\s+|just\s+|pls\s+|please\s+)?(?:do\s+not|don'?t|dont|never|no|not)\s+(?:auto(?:matically|-)?\s*|ever\s+)?(?:(?:device|machine|host|account|user|app|code)\s+(?=(?:isolation|disables?|disabling|resets?|restriction|scans?|quarantines?|blocks?|containment)\b))?(isolat\w*|contain\w*|disabl\w*|block\w*|quarantin\w*|restrict\w*|reset\w*|revok\w*|clos\w*|resolv\w*|dismiss\w*|confirm\w*|scan\w*|collect\w*|releas\w*|unisolat\w*|touch\s+(?:the\s+|their\s+|any\s+)?(?:user'?s?\s+)?(?:accounts?|users?|identit(?:y|ies)|devices?|machines?|hosts?|box(?:es)?|endpoints?|laptops?|desktops?|workstations?|servers?|pcs?|computers?|dcs?|domain\s+controllers?))\b/i;
const RULED_OUT_ACTIONS: Array<[RegExp, ActionName[]]> = [
  [/^isolat/i, ['isolate']],
  [/^contain/i, ['isolate', 'restrictCodeExecution']],
  [/^disabl/i, ['disableUser']],
  [/^block/i, ['createIndicator']],
  [/^quarantin/i, ['stopAndQuarantineFile']],
  [/^restrict/i, ['restrictCodeExecution']],
  [/^reset/i, ['resetPassword']],
  [/^revok/i, ['revokeSessions']],
  [/^(?:clos|resolv)/i, ['updateIncident']],
  [/^dismiss/i, ['dismissRiskyUser']],
  [/^confirm/i, ['confirmCompromised']],
  [/^scan/i, ['runAntiVirusScan']],
  [/^collect/i, ['collectInvestigationPackage']],
  [/^(?:releas|unisolat)/i, ['unisolate']],
  [/^touch\s.*(?:accounts?|users?|identit)/i, ['disableUser', 'resetPassword', 'revokeSessions', 'confirmCompromised', 'dismissRiskyUser']],
  [/^touch\s/i, ['isolate', 'unisolate', 'runAntiVirusScan', 'collectInvestigationPackage', 'restrictCodeExecution', 'unrestrictCodeExecution', 'stopAndQuarantineFile']],
];

/** A further step ruled out in the same breath: " or app restriction", ", no scans". */
const RULED_OUT_MORE = /^\s*(?:,\s*(?:or\s+|and\s+|nor\s+|no\s+)?|\s(?:or|and|nor)\s+(?:no\s+)?)(?:(?:device|machine|host|account|user|app|code)\s+)?(isolat\w*|contain\w*|disabl\w*|block\w*|quarantin\w*|restrict\w*|reset\w*|revok\w*|scan\w*)\b/i;

/** Who would take a step ruled out and for how long: "by automation", "under this order", "this weekend". */
const BY_WHOM_AND_WHEN = /(?:^|\s)(?:by\s+(?:automation|the\s+playbook|rampart)|automatically|under\s+this\s+(?:order|rule|policy|playbook|runbook)|(?:this|for\s+the)\s+(?:weekend|week|shift|night)|tonight|for\s+now)\b/gi;

/** The actions a verb rules out ("isolate", "disabling", "scan"), as a rule-out clause reads them; undefined for any other word. */
export function actionsRuledOutBy(verb: string): ActionName[] | undefined {
  return RULED_OUT_ACTIONS.find(([re]) => re.test(verb))?.[1];
}

/** Whether a clause rules out only actions that no step of the plan takes, and names no narrowing cue. */
/** "phishing incidents ... are never closed", "servers are not isolated": a step ruled out, said in the passive. */
const RULED_OUT_PASSIVE = /^(?:[\w'-]+\s+){1,14}?(?:is|are|gets?|will\s+be)\s+(?:never|not)\s+((?:isolat|contain|disabl|block|quarantin|restrict|reset|revok|clos|resolv|dismiss|confirm|scann|collect|releas|unisolat)\w*)\s*$/i;

/** "Do not change status or classification on anything", "never touch the assignment": fields of the incident ruled out. */
const FIELD = String.raw`(?:the\s+|its\s+|their\s+|any\s+)?(?:incident'?s\s+)?(status|classification|determination|assignment|assignee|owner|tags?)`;
const FIELDS_RULED_OUT = new RegExp(String.raw`^(?:but\s+|and\s+|also\s+|please\s+|pls\s+)?(?:(?:do\s+not|don'?t|dont|never)\s+(?:change|touch|modify|update|alter|set|overwrite|edit|reset)|no\s+changes?\s+to|(?<leave>leave))\s+${FIELD}((?:\s*(?:,|or|and|nor|\/)\s*${FIELD})*)(?:\s+(?:on|of|for|in)\s+(?:anything|any\s+incidents?|(?:the|an?|this|that)\s+incidents?|it|them))?(?:\s+(?<alone>alone|as\s+(?:is|it\s+is)|untouched|unchanged))?\s*$`, 'i');
const FIELD_CHANGES: Array<[RegExp, Array<keyof IncidentChanges>]> = [
  [/^status$/i, ['status']],
  [/^classification$/i, ['classification']],
  [/^determination$/i, ['determination']],
  [/^(?:assignment|assignee|owner)$/i, ['assignedTo']],
  [/^tags?$/i, ['addTags']],
];

/** Whether the clause only rules out changing fields of the incident that no step of the plan sets. */
function fieldsRuledOutAbsent(text: string, spec: PlaybookSpec): boolean {
  const m = FIELDS_RULED_OUT.exec(text.trim());
  // ("leave the status" says nothing without "alone".)
  if (!m || (m.groups?.leave && !m.groups.alone)) return false;
  const names = [m[2], ...m[3].split(/\s*(?:,|\bor\b|\band\b|\bnor\b|\/)\s*/)].map((w) => w.replace(/^(?:the|its|their|any)\s+/i, '').trim()).filter(Boolean);
  const fields = names.flatMap((n) => FIELD_CHANGES.find(([re]) => re.test(n))?.[1] ?? []);
  // ("leave the assignment alone" beside "assign it when unassigned": an owner already set is not overwritten.)
  const unassignedOnly = (st: Step): boolean => { const c = st.when?.condition; return c !== undefined && 'kind' in c && c.kind === 'assignment' && !c.assigned; };
  return fields.length > 0 && !spec.steps.some((st) => st.action === 'updateIncident' && fields.some((f) => st.params.incident?.[f] !== undefined && !(f === 'assignedTo' && unassignedOnly(st))));
}

/** The severity a word names ("crit" is High, Defender's highest), or null. */
function levelOf(word: string): 'High' | 'Medium' | 'Low' | 'Informational' | null {
  const w = word.toLowerCase();
  return /^(?:critical|crit|high)$/.test(w) ? 'High' : /^(?:medium|med|moderate)$/.test(w) ? 'Medium' : w === 'low' ? 'Low' : /^(?:informational|info)$/.test(w) ? 'Informational' : null;
}

/** The severity levels a case names ("if low or info", "high sev"). */
function levelsNamed(text: string): Set<string> {
  return new Set([...text.matchAll(/\b[a-z]+\b/gi)].map((m) => levelOf(m[0])).filter((l): l is NonNullable<typeof l> => l !== null));
}

/** The severities a step is limited to by its own condition (all of them must hold); undefined when it is not. */
function stepLevels(st: Step): Set<string> | undefined {
  const c = st.when?.condition;
  const parts = !c ? [] : 'all' in c ? c.all : [c];
  const sev = parts.find((x): x is Extract<Condition, { kind: 'severity' }> => 'kind' in x && x.kind === 'severity');
  return sev ? new Set(sev.severities) : undefined;
}

/** "post", "mail", "tag" ruled out in a case of its own: "low/info -> tag it, don't post anything". */
const RULED_OUT_NOTICE = /^(?:but\s+|and\s+|just\s+)?(?:do\s+not|don'?t|dont|never|no)\s+(post|message|ping|notify|notification|mail|e-?mail|comment|tag|assign)\w*(?:\s+(?:anything|it|them|that|a\s+thing|in\s+teams|to\s+teams|here))?$/i;
const NOTICE_ACTIONS: Array<[RegExp, ActionName[]]> = [
  [/^(?:post|message|ping|notif)/i, ['teamsMessage']],
  [/^(?:mail|e-?mail)/i, ['sendMail']],
  [/^(?:comment|tag|assign)/i, ['updateIncident']],
];

/**
 * A notice ruled out inside a case of severities ("if low or info, tag it, don't post anything") narrows nothing when every
 * step that posts is limited to other severities: none of them could run in that case anyway. (A post that could run on
 * low incidents too would be narrowed by it, and the words stay unread.)
 */
function ruledOutInBranch(text: string, spec: PlaybookSpec, levels: Set<string>): boolean {
  if (levels.size === 0) return false;
  const m = RULED_OUT_NOTICE.exec(text.trim());
  if (!m) return false;
  const actions = NOTICE_ACTIONS.find(([re]) => re.test(m[1]))?.[1] ?? [];
  if (actions.length === 0) return false;
  const trigger = spec.trigger.severities.length > 0 ? new Set<string>(spec.trigger.severities) : undefined;
  // ("Low -> tag P4, dont assign": a tag in that case is no assignment; only an update that assigns could be narrowed.)
  const field = /^assign/i.test(m[1]) ? 'assignedTo' : /^tag/i.test(m[1]) ? 'addTags' : /^comment/i.test(m[1]) ? 'comment' : undefined;
  const sameKind = (st: PlaybookSpec['steps'][number]): boolean => !field || st.action !== 'updateIncident' || (field === 'comment' ? Boolean(st.params.incident?.comment || st.params.incident?.addComment) : st.params.incident?.[field] !== undefined);
  return spec.steps.filter((st) => actions.includes(st.action) && sameKind(st)).every((st) => {
    const own = stepLevels(st) ?? trigger;
    return own !== undefined && ![...own].some((l) => levels.has(l));
  });
}

/** "dont change anything on them" ("read only, " before it is dropped by the normaliser): no change at all, beside steps that only notify. */
const NOTHING_CHANGED = /^(?:but\s+|and\s+|so\s+)?(?:do\s+not|don'?t|dont|never)\s+(?:change|touch|modify|update|alter|edit)\s+(?:anything|a\s+thing)(?:\s+(?:on|of|in|about)\s+(?:them|it|the\s+incidents?|those|these))?\s*$/i;

function ruledOutAbsent(text: string, spec: PlaybookSpec): boolean {
  if (fieldsRuledOutAbsent(text, spec)) return true;
  if (NOTHING_CHANGED.test(text.trim())) return spec.steps.every((st) => st.action === 'teamsMessage' || st.action === 'sendMail');
  const passive = RULED_OUT_PASSIVE.exec(text.trim());
  if (passive) {
    const actions = RULED_OUT_ACTIONS.find(([re]) => re.test(passive[1]))?.[1];
    return actions !== undefined && !/\b(?:only|unless|except|if|when|whenever|but|instead|just|otherwise)\b/i.test(text) && !spec.steps.some((st) => actions.includes(st.action) && (st.action !== 'updateIncident' || isGuarded(st)));
  }
  const said = text.trim();
  const m = RULED_OUT.exec(said);
  if (!m) return false;
  const actions = [...(RULED_OUT_ACTIONS.find(([re]) => re.test(m[1]))?.[1] ?? [])];
  if (actions.length === 0) return false;
  // "no device isolation or app restriction by automation this weekend": more steps ruled out, and who would do them and when.
  let full = said.slice(m[0].length);
  let more: RegExpExecArray | null;
  while ((more = RULED_OUT_MORE.exec(full)) !== null) {
    const verb = more[1];
    actions.push(...(RULED_OUT_ACTIONS.find(([re]) => re.test(verb))?.[1] ?? []));
    full = full.slice(more[0].length);
  }
  full = full.replace(BY_WHOM_AND_WHEN, ' ');
  // ", the backup team needs the network to restore files": the words of a reason are not a cue nor a step.
  const [from, to] = reasonSpan(full);
  const rest = full.slice(0, Math.min(from, full.length)) + ' ' + (to === Infinity ? '' : full.slice(to));
  // "dont isolate unless ...", "never close it, just tag the servers": a cue or another step makes it more than a rule-out.
  if (/\b(?:only|unless|except|if|when|whenever|but|instead|just|otherwise|else|until)\b/i.test(rest) || matchesAnyStepVerb(rest)) return false;
  // "dont disable the acct, in the finance dept": a phrase that goes on from the verb says where, which may be meant for more.
  if (/^[^,]*,\s*(?:for|on|in|from|at|to|of|within|during|across|via|with)\b/i.test(rest)) return false;
  return !spec.steps.some((st) => actions.includes(st.action));
}

function matchesAnyStepVerb(text: string): boolean {
  return /\b(?:isolat|contain|quarantin|scan|collect|restrict|block|disabl|reset|revok|assign|tag|clos|resolv|post|e-?mail|mail|notif|ping|comment|releas|unisolat|confirm|dismiss|stop|kill|run)\w*/i.test(text);
}

/** Narrowing words whose scope can reach past their own clause. */
const SPREADING_CUE = /^(?:only|except|excluding|unless|if|when|whenever|while|but|where|whose|which|that|during|outside|between|for|just)$/i;

function statusOf(token: string, literals: Set<string>): WordStatus {
  const raw = token.replace(/^["']|["']$/g, '');
  const w = raw.toLowerCase().replace(/[.,:;!?)(]+$/g, '').replace(/^[(]+/, '');
  if (!w) return 'function';
  // A quoted value is read only when the plan holds it: a quoted category or title Rampart skipped must not pass.
  // The plan must hold at least one of its words; the others may be the grammar's ("'Suspicious inbox forwarding'").
  if (/^["']/.test(token)) {
    const words = w.replace(/^["']|["']$/g, '').split(/[\s,;:]+/).filter(Boolean);
    return literals.has(w) || (words.some((x) => literals.has(x)) && words.every((x) => literals.has(x) || DOMAIN_WORDS.has(x))) ? 'literal' : 'unread';
  }
  // "none", "nothing", "neither" turn a test around: read only when the plan holds a negation (FACT_WORDS).
  if (/^(?:none|nothing|neither)$/.test(w)) return 'read';
  if (FUNCTION_WORDS.has(w)) return 'function';
  if (/^[<>]=?$|^\+$|^\d+(?:st|nd|rd|th)$/.test(w)) return 'function';
  // A mail address is read when the plan holds it (a recipient, an owner, a user's name): "disable jdoe@contoso.com" must not pass as read.
  if (/@/.test(w)) return literals.has(w) || literals.has(w.replace(/'s$/, '')) ? 'literal' : 'unread';
  // An IOC's value is read when the plan holds it ("block 1.2.3.4" holds it as the value blocked); "if 1.2.3.4 shows up,
  // block that IP" with no such test or filter had blocked every IP.
  if (/^https?:/.test(w) || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(w) || /^[0-9a-f]{32,64}$/.test(w)) return literals.has(w) || literals.has(w.replace(/\/+$/, '')) ? 'literal' : 'unread';
  if (literals.has(w)) return 'literal';
  // "our internal 10.x addresses", "192.168.*": a private range written out, held as the IP scope of a block.
  if (/^(?:10|192\.168|172\.(?:1[6-9]|2\d|3[01]))(?:\.(?:x|\*|\d{1,3}))*(?:\/\d{1,2})?$/.test(w)) return literals.has('#ip-scope') ? 'literal' : 'unread';
  if (DOMAIN_WORDS.has(w) || HARMLESS_WORDS.has(w) || lemmaKnown(w)) return 'read';
  // "employee's", "users'": a possessive is read when its noun is.
  const owner = /^(.+?)(?:'s|s')$/.exec(w)?.[1];
  if (owner && statusOf(owner, literals) === 'read') return 'read';
  // Hyphenated or dotted compounds ("sign-in", "high-risk") are read when every part is.
  const parts = w.split(/[-/.]+/).filter(Boolean);
  if (parts.length > 1 && parts.every((p) => statusOf(p, literals) !== 'unread')) return 'read';
  // Words with digits: severities (sev1, p2), tiers, OS versions, counts ("30d").
  if (/\d/.test(w) && (DOMAIN_WORDS.has(w) || /^(?:sev|p|tier|windows|win|o|m|x)?\d+[a-z]?$/.test(w) || /^\d+[a-z]{1,5}$/.test(w))) return 'read';
  return 'unread';
}

const SEVERITIES_LEFT_ALONE =
  /^(?:for\s+|on\s+)?(?:the\s+)?(?:critical|high|medium|low|informational|info)(?:\s*(?:\/|,|or|and)\s*(?:critical|high|medium|low|informational|info))*(?:\s+(?:severity|sev))?(?:\s+(?:ones|alerts?|incidents?|stuff))?\s*(?::|-|->|,)?\s*(?:just\s+)?(?:ignore(?:\s+(?:it|them))?|skip(?:\s+(?:it|them))?|nothing|no\s+action|do\s+nothing|leave\s+(?:it|them)\s+alone)$/i;
/** "no scan", "no isolation": what a case does not get, said as a noun. */
const NO_STEP = /^no\s+(?:(?:av|antivirus|quick|full)\s+)*(?:scans?|scanning|isolation|containment|block(?:ing)?|quarantine|restriction|package|collection|actions?)(?:\s+(?:the|on\s+the)\s+(?:devices?|machines?|hosts?))?(?:\s+(?:at\s+all|either|needed))?$/i;
const NOTHING = /^(?:just\s+|then\s+)?(?:do\s+nothing|nothing|no\s+action|take\s+no\s+action|leave\s+(?:it|them)(?:\s+alone)?|ignore(?:\s+(?:it|them))?)(?:\s+else)?$/i;

/** Words that take back what was just said ("actually no", "scratch that", "on second thought"). */
const TAKEN_BACK = /\b(?:actually\s+no|no\s+wait|wait\s+no|nope|nah|scratch\s+that|strike\s+that|forget\s+(?:that|it)|never\s*mind|nvm|on\s+second\s+thoughts?|on\s+reflection)\b/i;

/** "we are only 2 people", "i'm alone on nights": what the team is, which no incident has. */
const OUR_STATE = /\b(?:(?:we|i)\s+(?:are|were|am|have\s+been)|we'?re|i'?m)(?:\s+(?:only|just))?(?:\s+(?:\d+|one|two|three|four|five|a\s+few|a\s+couple(?:\s+of)?)(?:\s+(?:people|persons|analysts|of\s+us|guys|folks))?|\s+alone)?\b/gi;

/** Nouns that name the cases a playbook runs on or the things it acts on. */
const CASE_NOUN = /\b(?:alerts?|incidents?|detections?|hits|events?|cases?|devices?|machines?|hosts?|box(?:es)?|endpoints?|servers?|workstations?|laptops?|desktops?|pcs?|vms?|dcs?|macs?|kiosks?|tablets?|phones?|terminals?|tills?|fleet|estate|users?|accounts?|mailbox(?:es)?|files?|hash(?:es)?|ips?|urls?|domains?)\b/i;

/** Words that turn a test around, or leave cases out ("not", "never", "except", "unless"). */
const NEGATION = /^(?:not|no|never|don'?t|dont|doesn'?t|didn'?t|isn'?t|aren'?t|won'?t|n't|nor|without|except|excluding|unless)$/i;

/** Negations the plan reads as something other than a test turned around: an expiry never set, a determination's name. */
const NEGATION_PHRASES = new RegExp(
  [
    String.raw`\b(?:no|never|without\s+(?:an?\s+)?)\s*(?:expir\w*|end\s+date|time\s+limit)\b|\bnot\s+enough\s+data\b|\bnot\s+(?:permanent(?:ly)?|forever|for\s+ever|indefinitely)\b`,
    // What is said about the alerts or the speaker, not about a case: "those alerts never lie", "no worries", "not gonna lie".
    String.raw`\b(?:never|do\s+not|don'?t|dont|does\s+not|doesn'?t|doesnt)\s+(?:lie|lies|fail|fails|miss|misses|matter|matters|worry|panic|hesitate|forget)\b`,
    String.raw`\bno\s+(?:worries|worry|rush|pressure|problem|prob|probs|biggie|cap|joke|kidding|doubt|offen[cs]e|need\s+to|need\s+for|excuses?|matter)\b|\bnot\s+(?:gonna|going\s+to)\s+lie\b|\bnot\s+(?:sure|certain|100%)\b|\bnot\s+(?:only|just)\b(?=[^.;]*\balso\b)`,
  ].join('|'),
  'gi',
);

/**
 * Whether the plan holds a reading that turns a test around or leaves cases out, for these steps: a negated
 * condition, an exclusion, an IOC scope, an unassigned incident, a VirusTotal verdict ("unless it is clean"),
 * or a trigger on the incident's state ("unless the incident is in progress").
 */
function negationHeld(steps: Step[], spec: PlaybookSpec, clause: string): boolean {
  // "servers: do not isolate them": an action ruled out for some cases, which every step of that action is narrowed for.
  const ruled = RULED_OUT.exec(clause.trim()) ?? RULED_OUT_PASSIVE.exec(clause.trim());
  const actions = ruled ? actionsRuledOutBy(ruled[1]) : undefined;
  if (actions && spec.steps.some((st) => actions.includes(st.action)) && spec.steps.filter((st) => actions.includes(st.action)).every((st) => st.when || st.deviceFilter || st.userFilter || st.iocFilter)) return true;
  if (spec.trigger.statuses.length > 0 || spec.trigger.classifications.length > 0) return true;
  return steps.some((s) => {
    const when = JSON.stringify(s.when ?? null);
    return (
      when.includes('"not"') || when.includes('"assigned":false') || when.includes('"maliciousIoc"') || when.includes('"unknownIoc"') ||
      Boolean(s.deviceFilter?.exclude || s.userFilter?.exclude || s.userFilter?.notInGroups || s.iocFilter?.excludeDomains || s.iocFilter?.excludeValues || s.iocFilter?.ipScope) ||
      ('minEngines' in s.target && typeof s.target.minEngines === 'number')
    );
  });
}

/** Accounts for every word of the normalized request against the plan that was read from it. */
export function buildLedger(request: string, spec: PlaybookSpec | undefined, declined: string[] = [], unreadClauses: string[] = []): Ledger {
  const declinedClauses = new Set(declined.map((d) => d.toLowerCase()));
  // Clauses the interpreter could not read as a whole: known words in an unknown combination
  // ("service accounts are excluded from this automation") are not read either.
  const unreadWhole = new Set(unreadClauses.map((d) => d.toLowerCase()));
  const literals = literalWordsOf(spec);
  const numbers = numbersOf(spec);
  let previous = '';
  /** A number is read when the plan holds it, or as a severity ("sev 1", "P2") or a version ("Windows 11"). */
  const numberStatus = (w: string, held: Set<number> = numbers): WordStatus | undefined => {
    const m = /^(\d+)(?:\+|-(\d+))?$/.exec(w);
    if (!m) return undefined;
    if (/^(?:sev|severity|p|priority)$/i.test(previous)) return spec && severityHeld(spec) ? 'read' : 'unread';
    if (/^(?:tier|windows|win|office|server|v)$/i.test(previous)) return 'function';
    // "0-2": a band from none up is held by its upper bound.
    const values = m[2] && Number(m[1]) === 0 ? [Number(m[2])] : [Number(m[1]), ...(m[2] ? [Number(m[2])] : [])];
    return values.every((v) => held.has(v)) ? 'literal' : 'unread';
  };
  const factStatus = (word: string, base: WordStatus, exempt: boolean, held: PlaybookSpec | undefined = spec): WordStatus => {
    if (base !== 'read' || exempt) return base;
    // ("servers:" at the end of a header is the word "servers".)
    const w = word.toLowerCase().replace(/[:;,.!?]+$/, '');
    // "ends" may end a file name or a user name: read when the plan holds either.
    // "malware-related": a compound is read only when the plan holds the facts its parts name.
    // "nobodys assigned", "nobody's assigned": the pronoun's fact.
    const owner = /^(nobody|noone|anybody|somebody|someone|anyone)(?:'?s)$/.exec(w);
    const forms = owner ? [w, owner[1]] : [w];
    const facts = FACT_WORDS.filter((f) => forms.some((x) => f.re.test(x)) || w.split(/[-/]+/).some((part) => part !== w && f.re.test(part)));
    if (facts.length === 0) return base;
    return held && facts.some((f) => f.holds(held, w)) ? 'read' : 'unread';
  };
  // Every step is tied to severities of its own (or the trigger names them): a severity left alone then narrows nothing.
  const everyStepGated = (spec?.steps.length ?? 0) > 0 && ((spec?.trigger.severities.length ?? 0) > 0 || (spec?.steps ?? []).every((st) => JSON.stringify(st.when ?? null).includes('"severity"')));
  const entries: LedgerEntry[] = [];
  const destructiveByPhrase = new Map<string, boolean>();
  for (const s of spec?.steps ?? []) {
    const key = (s.phrase ?? '').toLowerCase();
    destructiveByPhrase.set(key, (destructiveByPhrase.get(key) ?? false) || isGuarded(s));
  }
  const governing: LedgerEntry[] = [];
  const harmless: LedgerEntry[] = [];
  /** Whether the plan tests anything of the mail's people or delivery (the same for every clause). */
  const mailPartyKnown = spec !== undefined && mailPartyHeld(spec);
  let position = 0;
  for (const sentence of splitSentences(request)) {
    const clauses = splitClauses(sentence);
    // "VT 1-4: comment. 5 or more: block the hash": a number in a condition of this sentence is read only when a step
    // of this sentence holds it; another sentence's threshold does not account for it.
    const lower = sentence.toLowerCase();
    const here = (spec?.steps ?? []).filter((st) => st.phrase && lower.includes(st.phrase.toLowerCase()));
    const localNumbers = here.length > 0 ? numbersOf(spec, (st) => here.includes(st)) : numbers;
    // "high: isolate. medium: tag it": a fact word of a sentence with steps is read only when the trigger or one of those
    // steps holds it; a level another sentence's step tests does not account for it.
    const localSpec = spec && here.length > 0 ? { ...spec, steps: here } : spec;
    // "if low or info, tag it, don't post anything": the severities this sentence's own case names.
    const branchLevels = levelsNamed(clauses.filter((c) => c.role === 'lead').map((c) => c.text).join(' '));
    for (const [ci, clause] of clauses.entries()) {
      const key = clause.text.toLowerCase();
      // "if 0-2 engines: do nothing": the numbers of a branch that does nothing are read, though the plan holds no step for them.
      const leadsNothing = clause.role === 'lead' && NOTHING.test(withoutReason(clauses[ci + 1]?.text ?? ''));
      // "Low and informational: no scan", once every step is tied to severities of its own: those levels get no step.
      const leadsNoStep = clause.role === 'lead' && NO_STEP.test(withoutReason(clauses[ci + 1]?.text ?? '').trim());
      const stepsHere = [...destructiveByPhrase.entries()].filter(([phrase]) => phrase === key);
      // An action clause that acted only on notes and notifications, or an instruction of its own that
      // asked for nothing Rampart knows ("frobnicate the widgets"), narrows no other step.
      const onlyHarmlessSteps =
        clause.role === 'action' &&
        // A statement that made no step ("email was actually delivered") may be a condition cut off from its cue: never harmless.
        (stepsHere.length > 0 ? stepsHere.every(([, destructive]) => !destructive) : !NARROWING_CUE.test(clause.text.replace(OUR_STATE, ' ')) && !/\b(?:was|were|is|are|has\s+been|have\s+been|had\s+been|gets?|got)\b/i.test(clause.text.replace(OUR_STATE, ' '))
          // "can you set it so emotet or qakbot detections": words about which alerts or machines say which cases, whatever follows.
          && !CASE_NOUN.test(clause.text)
          // "malware. high. isolate the box": a bare label of a word or three, no instruction, names the case the steps are for.
          && !bareLabel(clause.text)
          // "the finance floor again tonight": a thing named without a verb, before the steps, may be what they are for.
          && !/^(?:the|our|those|these|that|this|all|any|every|each|some|my)\s+(?:(?!(?:is|are|was|were|has|have|had|do|does|did|keeps?|kept|gets?|got|goes|went|comes?|came|runs?|ran|needs?|wants?|says?|said|looks?|seems?|hates?|hated|loves?|loved|likes?|liked|complains?|complained|will|would|can|could|should|must|might|may)\b)[\w'-]+\s*){1,5}$/i.test(clause.text.trim().replace(/[.,;:!?]+$/, ''))
          // "actually no wait" left where Rampart could not place the correction: what it takes back is not known.
          && !TAKEN_BACK.test(clause.text));
      // "dont disable the acct tho, helpdesk hates that", "NO isolation, user might be presenting": a clause that rules out
      // an action no step of the plan takes. Its other words could only say when that action is done after all, which the
      // plan never does: they narrow nothing, and are reported.
      const ruledOut = clause.role === 'action' && stepsHere.length === 0 && spec ? ruledOutAbsent(clause.text, spec) || ruledOutInBranch(clause.text, spec, branchLevels) : false;
      // A clause Rampart declined (unsupported, refused) was read: it is reported with its reason.
      // So was a list of severities the request leaves alone ("low/info: skip").
      if (declinedClauses.has(key) || SEVERITIES_LEFT_ALONE.test(withoutReason(clause.text).trim())) {
        for (const m of clause.text.matchAll(WORD)) entries.push({ word: m[0], position: position++, status: 'read', clause: clause.text });
        continue;
      }
      // A title before a colon ("Undo the containment on its devices: ...") narrows nothing itself.
      // ("we are only 2 people": an "only" of what the team is narrows nothing.)
      const ours = [...clause.text.matchAll(OUR_STATE)].map((x) => [x.index, x.index + x[0].length] as const);
      const wholeUnread = unreadWhole.has(key) && stepsHere.length === 0 && NARROWING_CUE.test(clause.text.replace(OUR_STATE, ' ')) && !(clause.header && clause.role === 'action');
      const exempt = [...clause.text.matchAll(FACT_WORD_PHRASES)].map((x) => [x.index, x.index + x[0].length] as const);
      // "made it to the inbox", "lives in the downloads folder": a phrase the plan holds a condition for is read whole.
      const dataSpans = spec ? heldDataSpans(clause.text, spec) : [];
      // "since they prob clicked", "so outlook still works": a reason or a purpose, reported, never withheld for.
      const [reasonAt, reasonEnd] = reasonSpan(clause.text);
      // "restrict devices not in the Critical group": a negation the plan turned nothing around for was not read, when it
      // could narrow a guarded step (of this clause, else of this sentence, else of the plan).
      const ownSteps = (spec?.steps ?? []).filter((st) => (st.phrase ?? '').toLowerCase() === key);
      const nearSteps = ownSteps.length > 0 ? ownSteps : here.length > 0 ? here : (spec?.steps ?? []);
      const negationUnread = spec !== undefined && nearSteps.some(isGuarded) && !negationHeld(nearSteps, spec, clause.text);
      const negationPhrases = [...clause.text.matchAll(NEGATION_PHRASES)].map((x) => [x.index, x.index + x[0].length] as const);
      const sharedKinds = [...clause.text.matchAll(SHARED_KIND)].map((x) => [x.index, x.index + 'shared'.length] as const);
      const mailCase = clause.role !== 'action' && spec !== undefined && !mailPartyKnown;
      const valueWords = valueWordsOf(ownSteps);
      let cued = false;
      for (const m of clause.text.matchAll(WORD)) {
        // After "only", "unless", "except"... the words may scope more than this clause ("scan them, only for X, and isolate them").
        if (SPREADING_CUE.test(m[0]) && !ours.some(([a, b]) => m.index >= a && m.index < b)) cued = true;
        const inPhrase = exempt.some(([a, b]) => m.index >= a && m.index < b);
        const inData = dataSpans.some(([a, b]) => m.index >= a && m.index < b);
        // "high -> mail. low/info -> ignore": the facts of a case that gets nothing narrow no step, once every step carries a
        // condition of its own ("isolate the box. low -> ignore" has none, so "low" is asked about).
        // "-> >= 15 malicious -> quarantine": a threshold said in a step's clause is read only when a step of its sentence holds
        // it; another band's bound ("1-14 -> tag") does not account for it.
        const compared = /(?:>=?|<=?|\bat\s+least|\bover|\babove|\bmore\s+than|\bunder|\bbelow)\s*$/i.test(clause.text.slice(0, m.index));
        // "0 malicious and 0 suspicious": VirusTotal's suspicious count is no test Rampart makes; a count of it is not read.
        const suspiciousCount = /^suspicious$/i.test(m[0].replace(/[.,;:!?)]+$/, '')) && /^(?:\d+|zero|no|>=?|<=?)$/i.test(previous.replace(/[.,;:!?(]+$/, ''));
        const read = suspiciousCount ? 'unread' : inData ? 'read' : (leadsNothing && /^\d+(?:\+|-\d+)?$/.test(m[0]) ? 'read' : numberStatus(m[0], clause.role === 'action' && !compared ? numbers : localNumbers)) ?? factStatus(m[0], statusOf(m[0], literals), inPhrase || ((leadsNothing || leadsNoStep) && everyStepGated && /^(?:critical|crit|high|medium|med|moderate|low|informational|info|sev|sev[0-4]|p[0-4])$/i.test(m[0])), clause.role === 'action' ? spec : localSpec);
        const negation =
          read === 'function' && negationUnread && NEGATION.test(m[0].replace(/[.,:;!?)]+$/, '')) && !negationPhrases.some(([a, b]) => m.index >= a && m.index < b) && !ours.some(([a, b]) => m.index >= a && m.index < b);
        // "unless it is tagged keep-isolated": the word after "tagged" is the tag, read only when the plan holds it (its parts
        // are known words, which said nothing of the tag).
        const tagUnheld = read === 'read' && /^(?:tagged|labell?ed)$/i.test(previous);
        // "a shared mailbox": no test says which mailboxes are shared; "where the recipient is ...": a case of the mail's people.
        const kindUnheld = read === 'read' && (sharedKinds.some(([a, b]) => m.index >= a && m.index < b) || (mailCase && MAIL_PARTY.test(m[0].replace(/[.,:;!?)]+$/, ''))));
        const valueSaid = m[0].toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
        const valued = read === 'unread' && valueSaid.length > 0 && valueSaid.every((x) => valueWords.has(x) || DOMAIN_WORDS.has(x)) && valueSaid.some((x) => valueWords.has(x)) ? 'literal' : read;
        const status = (wholeUnread && valued !== 'function') || negation || tagUnheld || kindUnheld ? 'unread' : valued;
        previous = m[0];
        const entry: LedgerEntry = { word: m[0], position: position++, status, clause: clause.text };
        entries.push(entry);
        if (entry.status !== 'unread') continue;
        const inReason = m.index >= reasonAt && m.index < reasonEnd;
        if (inReason) entry.reason = true;
        else if (ruledOut) entry.ruledOut = true;
        (inReason || ruledOut || (onlyHarmlessSteps && !cued && !wholeUnread) ? harmless : governing).push(entry);
      }
    }
  }
  return { entries, governing, harmless };
}

/** The actions a question holds back, in plain words. */
export function destructiveLabels(actions: ActionName[]): string {
  return [...new Set(actions.map((a) => (a === 'updateIncident' ? 'update the incident' : ACTIONS[a].label.toLowerCase())))].join(', ');
}
