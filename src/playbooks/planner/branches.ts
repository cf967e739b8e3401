import { SEVERITIES, TOPICS, type Condition, type DeviceFilter, type DeviceMatch, type ServiceSource, type Severity, type Topic } from '../spec';

/**
 * Branches: a request is read as segments (a sentence, or the part of one after "otherwise").
 * Each segment collects its own trigger facts (severity, source, category, topic, title words).
 * When segments say different things ("high -> isolate; medium -> tag"), or one is the other
 * branch of another ("otherwise", "if clean"), the facts they do not share become conditions of
 * their own steps instead of one trigger for all, and an "otherwise" segment runs only when its
 * parent's conditions do not hold.
 */

/** Trigger facts read from a piece of the request. */
export interface TriggerDraft {
  severities: Set<Severity>;
  severityNouns: Set<'alert' | 'incident'>;
  sources: Set<ServiceSource>;
  topics: Set<Topic>;
  titleKeywords: Set<string>;
  statuses: Set<'Active' | 'InProgress' | 'Resolved'>;
  /** States the incident must not be in ("skip incidents already in progress"). */
  notStatuses: Set<'Active' | 'InProgress' | 'Resolved'>;
  classifications: Set<'FalsePositive' | 'TruePositive' | 'InformationalExpectedActivity'>;
  categories: Set<string>;
  mentionsAlert: boolean;
}

const INCIDENT_STATUSES = ['Active', 'InProgress', 'Resolved'] as const;

export function newDraft(): TriggerDraft {
  return {
    severities: new Set(), severityNouns: new Set(), sources: new Set(), topics: new Set(), titleKeywords: new Set(),
    statuses: new Set(), notStatuses: new Set(), classifications: new Set(), categories: new Set(), mentionsAlert: false,
  };
}

/** A step under construction: the conditions gathered for it so far. */
export interface BranchStep {
  conditions: Condition[];
  deviceFilter?: DeviceFilter;
}

/** An "otherwise" that names devices: "any other workstation", "every other box". */
export const OTHER_DEVICES_OPENER = /^(?:any|every|all)\s+other\s+(?:workstations?|devices?|machines?|hosts?|boxes|box|endpoints?|pcs?|laptops?|desktops?|computers?)\b/i;

/** A segment of the request and the steps it produced. */
export interface Segment<S extends BranchStep> {
  local: TriggerDraft;
  steps: S[];
  /** Conditions of the segment's lead clauses ("if VirusTotal flags the hash, ..."). */
  lead: Condition[];
  /** Set for an "otherwise" segment: the segment whose conditions it is the other side of. */
  parent?: Segment<S>;
  /** The words that opened the branch, for questions. */
  opener?: string;
  /**
   * For an "otherwise" after several conditional branches ("high -> isolate; medium -> collect;
   * otherwise tag"): the branches before the parent it is the other side of as well.
   */
  siblings?: Array<Segment<S>>;
  /**
   * The facts of a lead that says which incidents the request is about, when a test follows it
   * ("When a high incident comes in, if the hash is flagged, block it; otherwise comment"): they hold
   * for the "otherwise" branch too, which is the other side of the test only.
   */
  scope?: TriggerDraft;
  /** Whether the segment's last lead named incidents without testing anything ("For high severity incidents"). */
  scopeLead?: boolean;
  /** The devices the segment's lead chose ("if a DC is in the incident, ..."): what its "otherwise" is the other side of. */
  devices?: DeviceMatch;
  /** An "otherwise" said of devices ("any other workstation"): the other side of the devices its parent chose. */
  otherDevices?: boolean;
  /** The words of the accounts the segment's lead chose ("if it's a svc- account, leave it alone"): what its "otherwise" leaves out. */
  users?: string;
  /** Its severity was said as half of a test ("if it's high sev and VT flags it"), not as the kind of alert it is about. */
  severityTested?: boolean;
}

export const FILTER_FIELDS = ['severities', 'sources', 'topics', 'titleKeywords', 'categories'] as const;
type FilterField = (typeof FILTER_FIELDS)[number];

/** Whether a draft names any fact that narrows (severity, source, topic, title, category). */
export function hasFilters(d: TriggerDraft): boolean {
  return FILTER_FIELDS.some((f) => d[f].size > 0);
}

function key(d: TriggerDraft): string {
  return JSON.stringify(FILTER_FIELDS.map((f) => [...d[f]].sort()));
}

function intersect<T>(sets: Array<Set<T>>): Set<T> {
  if (sets.length === 0) return new Set();
  return new Set([...sets[0]].filter((v) => sets.every((s) => s.has(v))));
}

/** Merges one draft's facts into another. */
export function mergeDraft(into: TriggerDraft, from: TriggerDraft, fields: readonly (keyof TriggerDraft)[] = Object.keys(from) as Array<keyof TriggerDraft>): void {
  for (const f of fields) {
    const v = from[f];
    if (v instanceof Set) v.forEach((x) => (into[f] as Set<unknown>).add(x));
    else if (f === 'mentionsAlert') into.mentionsAlert = into.mentionsAlert || from.mentionsAlert;
  }
}

/** The facts of a draft that are not in `common`, as step conditions. */
export function residualConditions(d: TriggerDraft, common: TriggerDraft): Condition[] {
  const rest = (f: FilterField): string[] => [...(d[f] as Set<string>)].filter((v) => !(common[f] as Set<string>).has(v)).sort();
  const out: Condition[] = [];
  const severities = (rest('severities') as Severity[]).sort((a, b) => SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b));
  if (severities.length) out.push({ kind: 'severity', severities });
  const sources = rest('sources') as ServiceSource[];
  if (sources.length) out.push({ kind: 'serviceSource', sources });
  const categories = rest('categories');
  if (categories.length) out.push({ kind: 'category', categories });
  const subject: Condition[] = [];
  const keywords = rest('titleKeywords');
  if (keywords.length) subject.push({ kind: 'titleContains', keywords });
  for (const t of rest('topics') as Topic[]) {
    subject.push({ any: [{ kind: 'titleContains', keywords: [...TOPICS[t].keywords] }, { kind: 'category', categories: [...TOPICS[t].categories] }] });
  }
  if (subject.length === 1) out.push(subject[0]);
  else if (subject.length > 1) out.push({ any: subject });
  return out;
}

/** Tests that say which kind of alert a branch is about (not a test of its user, its IOCs or its severity). */
const ALERT_KIND_TESTS: ReadonlySet<string> = new Set(['titleContains', 'category', 'threatFamily', 'mitreTechnique', 'detectionSource', 'serviceSource']);

/** Conditions every step of a list carries (the gate an "otherwise" is the other side of). */
function sharedConditions(steps: BranchStep[]): Condition[] {
  if (steps.length === 0) return [];
  const keyed = steps.map((s) => new Map(s.conditions.map((c) => [JSON.stringify(c), c])));
  return [...keyed[0].entries()].filter(([k]) => keyed.every((m) => m.has(k))).map(([, c]) => c);
}

/**
 * Conditions on what kind of alert it is (its title, category, source, family, technique, severity), rather than a test
 * of it. "on high sev alerts isolate the box if VT flags the hash, otherwise scan it": the other side is high alerts VT
 * does not flag, never every alert that is not both (a low alert had been scanned).
 */
export function isKind(c: Condition, context: ReadonlySet<string> = new Set()): boolean {
  if ('any' in c) return c.any.every((x) => isKind(x, context));
  if ('all' in c || 'not' in c) return false;
  // A severity is the kind only where the branch's own words named its alerts by it ("on high sev alerts ... if X");
  // tested in the condition ("only if sev is high AND VT ..."), it is part of what the other side is the other side of.
  if (c.kind === 'severity') return context.has(JSON.stringify(c));
  return ['category', 'titleContains', 'serviceSource', 'detectionSource', 'threatFamily', 'mitreTechnique'].includes(c.kind);
}

/** A branch's test, split into the kind of alert it is about and what it tests. */
function splitKind(c: Condition, context: ReadonlySet<string>): { kind: Condition[]; test: Condition[] } {
  const parts = 'all' in c ? c.all : [c];
  return { kind: parts.filter((x) => isKind(x, context)), test: parts.filter((x) => !isKind(x, context)) };
}

/** What resolving branches produced: the facts for the one trigger, and "otherwise" segments with no readable parent. */
export interface BranchResolution {
  trigger: TriggerDraft;
  orphans: string[];
  /** Branches that name different incident statuses: a status is tested by the trigger only, so each would run on both. */
  statusClash?: string;
  /** Severities of a sentence with no step before steps of other severities: no heading of theirs, and no step read for them. */
  severityClash?: string[];
}

/**
 * Resolves segments into one trigger and per-step conditions. Without branches every segment's
 * facts go into the trigger, as a request with one subject expects.
 */
export function resolveBranches<S extends BranchStep>(segments: Array<Segment<S>>, requestWide: ReadonlySet<string> = new Set()): BranchResolution {
  // "if it's already resolved do nothing, otherwise isolate": a branch that only names a state and does nothing
  // leaves the other states to the trigger; it is no test the "otherwise" needs.
  for (const s of segments) {
    const p = s.parent;
    if (!p || p.steps.length > 0 || p.lead.length > 0 || hasFilters(p.local) || p.local.statuses.size === 0 || s.siblings?.length) continue;
    const others = INCIDENT_STATUSES.filter((v) => !p.local.statuses.has(v));
    p.local.statuses.clear();
    others.forEach((v) => s.local.statuses.add(v));
    s.parent = undefined;
  }
  // "if still open: isolate. if it IS resolved: just comment": the statuses of the branches would be merged into the trigger,
  // and the isolation would run on resolved incidents too. Said differently by two branches with steps, they are asked about.
  const stated = segments.filter((s) => s.steps.length > 0 && s.local.statuses.size > 0).map((s) => [...s.local.statuses].sort().join(', '));
  const statusClash = new Set(stated).size > 1 ? `steps for ${[...new Set(stated)].map((x) => `${x} incidents`).join(' and steps for ')} (Rampart tests an incident's status for the whole playbook, not per step)` : undefined;
  const trigger = newDraft();
  for (const s of segments) mergeDraft(trigger, s.local, ['severityNouns', 'statuses', 'notStatuses', 'mentionsAlert']);
  // "when it is resolved as false positive, release the box. resolved as true positive: do nothing": the classification a
  // sentence names is the case of its steps and of the steps after it until another is named. Merged into the trigger
  // from a case that does nothing, the release had run on true positives too; said with steps by two cases, it is asked.
  const classified = new Map<Segment<S>, string>();
  let inCase = '';
  for (const s of segments) {
    if (s.local.classifications.size > 0) inCase = [...s.local.classifications].sort().join(', ');
    if (s.steps.length > 0 && inCase) classified.set(s, inCase);
  }
  const cases = new Set(classified.values());
  const casesClash = cases.size > 1 ? `steps for incidents resolved as ${[...cases].join(' and steps for incidents resolved as ')} (Rampart tests an incident's classification for the whole playbook, not per step)` : undefined;
  const CLASSIFICATIONS = ['FalsePositive', 'TruePositive', 'InformationalExpectedActivity'] as const;
  if (cases.size === 0) for (const s of segments) s.local.classifications.forEach((v) => trigger.classifications.add(v));
  else for (const c of cases) CLASSIFICATIONS.filter((v) => c.split(', ').includes(v)).forEach((v) => trigger.classifications.add(v));
  const clash = [statusClash, casesClash].filter((x): x is string => x !== undefined).join('; ') || undefined;
  // "if an MDI alert is high ..., otherwise ...": the source is who the branches are about, not
  // what they test, so the other branch keeps it.
  // "..., otherwise (from any other source) ...": unless the other branch says it is the other sources.
  // ("if the alert comes from MDI, assign it to X; otherwise to Y": a branch that tests nothing but the source tests the
  // source, and its other side is every other source; kept, the "otherwise" had nothing left to be the other side of.)
  const sourceOnly = (p: Segment<S>): boolean => p.lead.length === 0 && p.local.sources.size > 0 && FILTER_FIELDS.every((f) => f === 'sources' || p.local[f].size === 0);
  // (An other side that does nothing leaves the source the subject: "for MDO alerts tag it; leave other sources alone".)
  const otherSideOfSource = (s: Segment<S>): boolean => s.parent !== undefined && sourceOnly(s.parent) && s.steps.length > 0;
  for (const s of segments) if (s.parent && !otherSideOfSource(s) && !/\bother\s+sources?\b/i.test(s.opener ?? '')) s.parent.local.sources.forEach((v) => s.local.sources.add(v));
  for (const s of segments) if (s.parent?.scope) mergeDraft(s.local, s.parent.scope, FILTER_FIELDS);
  const acting = segments.filter((s) => s.steps.length > 0 || s.parent);
  let withFacts = acting.filter((s) => hasFilters(s.local));
  // "restrict app execution and post in Teams. If the sev is high, also isolate it": facts said only after steps
  // that had none are that later step's own, not the subject of the whole request.
  const factsAfterSteps = acting.some((s, i) => hasFilters(s.local) && acting.slice(0, i).some((b) => !hasFilters(b.local)));
  const branching = segments.some((s) => s.parent) || new Set(withFacts.map((s) => key(s.local))).size > 1 || factsAfterSteps;
  /** Sentences with no step before the first step, whose facts head every branch. */
  const heads: Array<Segment<S>> = [];
  /** The first segment that acts or branches: the sentences before it head the request. */
  const firstActing = segments.findIndex((s) => s.steps.length > 0 || s.parent);
  if (branching) {
    // "Ransomware on a machine? ...": what a sentence with no step says before the first step heads every branch.
    for (const head of segments.slice(0, Math.max(firstActing, 0)).filter((s) => hasFilters(s.local))) {
      segments.slice(firstActing).forEach((s) => mergeDraft(s.local, head.local, FILTER_FIELDS));
      heads.push(head);
    }
    withFacts = acting.filter((s) => hasFilters(s.local));
  }
  if (!branching) {
    // Facts of a sentence with no step of its own count when it heads the request ("When MDE raises a
    // high alert:"), not when it trails after the steps ("Medium alerts are only reported.").
    const first = segments.findIndex((s) => s.steps.length > 0);
    // ("Low or informational: nothing, let them expire. High: isolate": severities said before the steps that the steps'
    // own severities never meet head nothing; merged into the trigger, the isolation ran on low incidents.)
    const own = new Set(segments.filter((s) => s.steps.length > 0).flatMap((s) => [...s.local.severities]));
    const clashing = own.size === 0 ? [] : segments.slice(0, Math.max(first, 0)).filter((s) => s.local.severities.size > 0 && ![...s.local.severities].some((l) => own.has(l)));
    if (clashing.length) return { trigger, orphans: [], statusClash: clash, severityClash: clashing.flatMap((s) => [...s.local.severities]) };
    segments.forEach((s, i) => (s.steps.length > 0 || i < first) && mergeDraft(trigger, s.local, FILTER_FIELDS));
    return { trigger, orphans: [], statusClash: clash };
  }
  // "email X whenever Identity Protection flags a user; if sev high also revoke": one source named once
  // is the subject of the whole request, so later segments that name none keep it.
  const named = segments.filter((s) => s.local.sources.size > 0);
  if (named.length > 0 && new Set(named.map((s) => [...s.local.sources].sort().join(','))).size === 1) {
    const first = segments.indexOf(named[0]);
    segments.slice(first).filter((s) => !otherSideOfSource(s)).forEach((s) => named[0].local.sources.forEach((v) => s.local.sources.add(v)));
  }
  // "high sev C2 alerts: block the IP and isolate. medium: just block the IP": the kind of incident named by the
  // first branch only is what the whole request is about; a later branch that names none (and is no "otherwise") keeps it.
  // The same holds for the alerts it names by their title ("mass download alerts from MDA: high -> disable. medium -> post").
  for (const field of ['topics', 'titleKeywords'] as const) {
    const topical = segments.filter((s) => s.local[field].size > 0);
    if (topical.length === 1 && topical[0] === segments.find((s) => s.steps.length > 0)) {
      const first = segments.indexOf(topical[0]);
      const named = topical[0].local[field] as Set<string>;
      for (const s of segments.slice(first + 1).filter((x) => !x.parent && x.steps.length > 0)) {
        // A branch that names alerts of its own ("if they clicked": title mentions click) is those alerts AND the kind named
        // first; merged into its facts the two would read as either (the trigger's meaning of topics and title words).
        if (s.local.topics.size + s.local.titleKeywords.size > 0) {
          const carried = newDraft();
          named.forEach((v) => (carried[field] as Set<string>).add(v));
          const gate = residualConditions(carried, newDraft());
          for (const step of s.steps) step.conditions.push(...gate);
        } else named.forEach((v) => (s.local[field] as Set<string>).add(v));
      }
    }
  }
  // Facts every segment that states facts shares stay in the trigger; the rest gate their own steps.
  const common = newDraft();
  for (const f of FILTER_FIELDS) {
    const shared = withFacts.length === acting.length ? intersect(withFacts.map((s) => s.local[f] as Set<string>)) : new Set<string>();
    shared.forEach((v) => (common[f] as Set<string>).add(v));
  }
  // "medium or higher: scan. high: also collect a package": bands that overlap share a level, yet the trigger is
  // every level a band names, and a band narrower than that is its steps' own condition.
  const bands = withFacts.map((s) => s.local.severities);
  const overlapping = common.severities.size > 0 && bands.some((b) => b.size > common.severities.size);
  if (overlapping) bands.forEach((b) => b.forEach((v) => common.severities.add(v)));
  mergeDraft(trigger, common, FILTER_FIELDS);
  // "For AV alerts of high severity. if the device is tagged Kiosk, ... otherwise ...": what the heading says is the case of
  // every branch, the "otherwise" too; it is no test a branch makes (read as one, the other side was every other alert).
  // (Its tests, "For alerts from the AV", are the lead of a sentence with no step, which every step after it carries.)
  // ("if it is tagged test do nothing. otherwise ...": a branch that does nothing, whose other side follows, is no heading.)
  const branchedFrom = new Set(segments.flatMap((s) => [s.parent, ...(s.siblings ?? [])]));
  const headLeads = segments.slice(0, Math.max(firstActing, 0)).filter((h) => h.steps.length === 0 && !branchedFrom.has(h)).flatMap((h) => h.lead);
  const headKeys = new Set([...heads.flatMap((h) => residualConditions(h.local, common)), ...headLeads].map((c) => JSON.stringify(c)));
  const gates = new Map<Segment<S>, Condition[]>();
  const orphans: string[] = [];
  /** The conditions branches took from their own words ("on high sev alerts"), as opposed to the tests they make. */
  const ownKeys = new Set<string>();
  for (const s of segments) {
    const own = residualConditions(s.local, common);
    if (overlapping && s.local.severities.size > 0 && s.local.severities.size < common.severities.size) {
      own.unshift({ kind: 'severity', severities: [...s.local.severities].sort((a, b) => SEVERITIES.indexOf(a) - SEVERITIES.indexOf(b)) });
    }
    for (const step of s.steps) step.conditions.unshift(...own);
    own.filter((c) => !(s.severityTested && 'kind' in c && c.kind === 'severity')).forEach((c) => ownKeys.add(JSON.stringify(c)));
    let gate = [...own, ...s.lead];
    // "for high sev stuff on lab-* pcs isolate + scan. any other workstation just the scan": the other side of the devices
    // the branch before chose, in the same case (it had been read as the other side of "high", scanning no other
    // workstation on high incidents). The devices chosen are left out of its steps, and its case is the branch's case.
    // A plain "otherwise" after a branch that chose devices in a case of alerts ("if a server in Prod-Web has a reverse shell
    // alert, selective isolation; otherwise full isolation") is read the same way: the other devices of that case. Read as the
    // other side of the alerts' test, the full isolation had run on every device of every other alert.
    // (Only when what the branch tested besides its devices is the kind of alert: a test of the user or a verdict is what an
    // "otherwise" is the other side of.)
    const parentTests = s.parent ? (gates.get(s.parent) ?? []).filter((c) => !requestWide.has(JSON.stringify(c)) && !headKeys.has(JSON.stringify(c))) : [];
    const plainOther =
      s.parent && !s.siblings?.length && !s.otherDevices && s.steps.length > 0 && s.steps.every((st) => !st.deviceFilter) &&
      parentTests.length > 0 && parentTests.every((c) => 'kind' in c && ALERT_KIND_TESTS.has(c.kind));
    const chosen = s.parent && !s.siblings?.length && (s.otherDevices || plainOther) ? chosenDevices(s.parent) : undefined;
    if (s.parent && chosen) {
      const context = (gates.get(s.parent) ?? []).filter((c) => !requestWide.has(JSON.stringify(c)));
      for (const step of s.steps) {
        const exclude: DeviceMatch = { ...(step.deviceFilter?.exclude ?? {}) };
        for (const [k, v] of Object.entries(chosen)) (exclude as Record<string, unknown>)[k] = Array.isArray(v) ? [...new Set([...(((exclude as Record<string, unknown>)[k] as unknown[] | undefined) ?? []), ...v])] : v;
        step.deviceFilter = { ...(step.deviceFilter ?? {}), exclude };
        step.conditions.unshift(...context);
      }
      gates.set(s, [...context, ...gate]);
      continue;
    }
    if (s.parent) {
      // What each branch before it tested: the otherwise runs when none of them held.
      // A sibling whose steps were all dropped (a title's step the body restates) is no branch.
      const tested = [s.parent, ...(s.siblings ?? []).filter((b) => b.steps.length > 0)].map((b) => {
        const gate = gates.get(b) ?? [];
        // (A condition every step of the request carries, an exclusion of the whole request, is no test of this branch.)
        const shared = (b.steps.length ? sharedConditions(b.steps) : gate).filter((c) => !requestWide.has(JSON.stringify(c)) && !headKeys.has(JSON.stringify(c)));
        const conds = shared.length ? shared : gate.filter((c) => !headKeys.has(JSON.stringify(c)));
        // "if a DC is involved: collect a package; any other device: isolate": the branch chose devices.
        if (conds.length === 0 && b.devices) return { kind: 'deviceIs', match: b.devices };
        return conds.length === 0 ? undefined : conds.length === 1 ? conds[0] : ({ all: conds });
      });
      // "..., otherwise leave it": an other branch that does nothing needs no test to be the other side of.
      if (tested.some((t) => t === undefined) && s.steps.length === 0) {
        gates.set(s, gate);
        continue;
      }
      if (tested.some((t) => t === undefined)) {
        orphans.push(s.opener ?? 'otherwise');
      } else {
        const each = tested as Condition[];
        // "on emotet alerts if VT flags the IP block it, otherwise isolate": the kind of alert is what the branches are
        // about, the verdict is what they test; the other side is emotet alerts VT does not flag, never every other alert.
        const split = each.map((c) => splitKind(c, ownKeys));
        const context = split[0].kind;
        // A branch before it with no test of its own ("ransomware: isolate it. if VT ... otherwise just isolate") runs on
        // every such alert, so the other side never does: its test is the kind itself.
        const sameContext = context.length > 0 && split.some((x) => x.test.length > 0) && split.every((x) => JSON.stringify(x.kind) === JSON.stringify(context));
        const tests = sameContext ? split.map((x) => (x.test.length === 0 ? { all: x.kind } : x.test.length === 1 ? x.test[0] : { all: x.test })) : each;
        const other: Condition = { not: tests.length === 1 ? tests[0] : { any: tests } };
        for (const step of s.steps) step.conditions.unshift(other, ...(sameContext ? context : []));
        gate = [other, ...(sameContext ? context : []), ...gate];
      }
    }
    gates.set(s, gate);
  }
  return { trigger, orphans, statusClash: clash };
}

/** The devices a branch chose by name, kind or group: its lead's, or the one device filter all its steps share. */
function chosenDevices<S extends BranchStep>(b: Segment<S>): DeviceMatch | undefined {
  if (b.devices) return b.devices;
  const includes = new Set(b.steps.map((st) => JSON.stringify(st.deviceFilter?.include ?? null)));
  const only = b.steps.length > 0 && includes.size === 1 ? b.steps[0].deviceFilter?.include : undefined;
  // A kind said for the other side too ("lab pcs ... any other workstation") is no choice between them.
  return only && (only.namePatterns?.length || only.groups?.length || only.tags?.length) ? only : undefined;
}
