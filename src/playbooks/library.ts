import { createTwoFilesPatch } from 'diff';
import { AppError } from '../errors';
import type { PlaybookSpec } from './spec';

/**
 * The playbook library: playbooks, their immutable versions and their runs, and the rules a
 * store keeps (a decision is made once, only approved versions run). The bot, the incident
 * pipeline and the CLI use the `PlaybookStore` port; src/storage/playbookStore.ts is the
 * SQLite one (a PostgreSQL one can implement the same interface).
 */

export type PlaybookStatus = 'draft' | 'enabled' | 'disabled' | 'rejected';
/** What happened to one version: waiting for a second analyst, or decided. `superseded`: an edit replaced it before a decision. */
export type VersionDecision = 'pending' | 'approved' | 'rejected' | 'superseded';

/** A person as the library records them. */
export interface Person {
  id: string;
  name: string;
}

/** One review finding, as stored with a version. */
export interface StoredFinding {
  rule: string;
  severity: string;
  line?: number | null;
  message: string;
  fix?: string;
  blocking: boolean;
}

/** The static review stored with a version. */
export interface StoredReview {
  findings: StoredFinding[];
  blocking: boolean;
  permissions: { name: string; api: string; why: string }[];
}

/** What the planner understood, stored with a version (shown again on `show`). */
export interface StoredPlan {
  understood: { phrase: string; meaning: string }[];
  notUnderstood: string[];
  facts: string[];
  assumptions: string[];
  planner: string;
}

/** The content of a version: fixed once written. */
export interface VersionContent {
  request: string;
  /** The edit, in the analyst's words, that produced this version from the previous one. */
  changeRequest?: string;
  spec: PlaybookSpec;
  code: string;
  review: StoredReview;
  plan: StoredPlan;
  requester: Person;
}

/** One immutable version of a playbook, with its decision. */
export interface PlaybookVersion extends VersionContent {
  playbookId: string;
  version: number;
  codeSha256: string;
  blocking: boolean;
  /** Unified diff from the previous version (undefined for version 1). */
  diff?: string;
  createdAt: string;
  decision: VersionDecision;
  decidedBy?: Person;
  decidedAt?: string;
  rejectReason?: string;
  /** Approved for unattended destructive actions (no per-action approval at run time). */
  unattended: boolean;
  selfApproved: boolean;
}

/** The last run of a playbook, for the library list. */
export interface PlaybookRun {
  id: number;
  playbookId: string;
  version: number;
  incidentId?: string;
  mode: 'dry-run' | 'live';
  /** `manual` (the run command) or `incident` (an incident matched the trigger). */
  startedBy: 'manual' | 'incident';
  /** e.g. completed, failed, awaiting-approval, running */
  status: string;
  summary?: string;
  actions: unknown[];
  actor?: Person;
  startedAt: string;
  finishedAt?: string;
}

export interface Playbook {
  id: string;
  /** A short unique slug, e.g. `isolate-malicious-ioc`. */
  name: string;
  status: PlaybookStatus;
  /** The approved version that runs when the playbook is enabled. */
  activeVersion?: number;
  latestVersion: number;
  createdBy: Person;
  createdAt: string;
  updatedAt: string;
}

/** A playbook with its active version: what the incident pipeline runs. */
export interface EnabledPlaybook {
  playbook: Playbook;
  version: PlaybookVersion;
}

export type DecisionOutcome =
  | { ok: true; playbook: Playbook; version: PlaybookVersion }
  /** Already decided (a double click or a replay): nothing changed; the current state is returned. */
  | { ok: false; reason: 'already-decided' | 'superseded' | 'blocking'; playbook: Playbook; version: PlaybookVersion };

export type NewRun = Omit<PlaybookRun, 'id' | 'startedAt'> & { startedAt?: string };

/** The versioned playbook store (docs/ARCHITECTURE.md, "Ports"). Errors are AppErrors with the codes below. */
export interface PlaybookStore {
  /** Stores a new playbook with version 1 as a draft awaiting approval. */
  createDraft(content: VersionContent, options?: { name?: string }): Promise<{ playbook: Playbook; version: PlaybookVersion }>;
  /** Adds a version (an edit) with a diff from the latest one; the previous pending version is superseded. */
  addVersion(playbookId: string, content: VersionContent): Promise<{ playbook: Playbook; version: PlaybookVersion }>;
  /** By id or by name. */
  get(idOrName: string): Promise<Playbook | undefined>;
  getVersion(playbookId: string, version: number): Promise<PlaybookVersion | undefined>;
  versions(playbookId: string): Promise<PlaybookVersion[]>;
  list(): Promise<Playbook[]>;
  /** Enabled playbooks with their active version (for the incident pipeline). */
  listEnabled(): Promise<EnabledPlaybook[]>;
  /** Approves a pending version (exactly once); it becomes the active version and the playbook is enabled. */
  approve(playbookId: string, version: number, approver: Person, options: { unattended: boolean; selfApproved: boolean; at?: string }): Promise<DecisionOutcome>;
  /** Rejects a pending version (exactly once). */
  reject(playbookId: string, version: number, by: Person, reason: string, at?: string): Promise<DecisionOutcome>;
  setEnabled(playbookId: string, enabled: boolean): Promise<Playbook>;
  /** Makes an earlier approved version the active one. */
  rollback(playbookId: string, version: number): Promise<Playbook>;
  /** Unified diff between two versions' code. */
  diff(playbookId: string, from: number, to: number): Promise<string>;
  recordRun(run: NewRun): Promise<PlaybookRun>;
  /** Updates a run in place (status, summary, actions, finish time), e.g. when deferred actions complete. */
  updateRun(id: number, patch: Partial<Pick<PlaybookRun, 'status' | 'summary' | 'actions' | 'finishedAt'>>): Promise<PlaybookRun>;
  lastRun(playbookId: string): Promise<PlaybookRun | undefined>;
}

const STOP_WORDS = new Set(
  (
    'a an the and or if when whenever then of to for from in on at by with into any every each all is are be it its ' +
    'that this these those their there known severity microsoft defender endpoint teams channel post details please ' +
    'automatically auto me us our my involves involving which who has have having than more least most'
  ).split(' '),
);

/** A short slug from a request: its first significant words, e.g. "isolate-machine-critical-alert". */
export function slugFromRequest(request: string, maxWords = 4): string {
  const words = request
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !STOP_WORDS.has(w) && w.length > 1);
  const slug = words.slice(0, maxWords).join('-').slice(0, 40).replace(/-+$/, '');
  return slug || 'playbook';
}

/** The name src/incidents still imports; PlaybookStore is the port. */
export type PlaybookLibrary = PlaybookStore;

/** A playbook or version that is not in the store (AppError code `PlaybookNotFound`). */
export function playbookNotFound(what: string): AppError {
  return new AppError('PlaybookNotFound', `${what} does not exist.`, { httpStatus: 404 });
}

/** Enabling needs an approved version (AppError code `PlaybookNotApproved`). */
export function notApprovedYet(playbook: Playbook): AppError {
  return new AppError('PlaybookNotApproved', `${playbook.name} has no approved version yet, so it cannot be enabled.`, { httpStatus: 409 });
}

/** Only approved versions can become active (AppError code `VersionNotApproved`). */
export function versionNotApproved(playbook: Playbook, version: PlaybookVersion): AppError {
  return new AppError('VersionNotApproved', `Version ${version.version} of ${playbook.name} was never approved (${version.decision}), so it cannot become the active version.`, { httpStatus: 409 });
}

/** Why a version cannot be decided now, or undefined when it can: decided once, never after an edit, never with a blocking finding. */
export function decisionRefusal(v: PlaybookVersion, rejecting = false): 'already-decided' | 'superseded' | 'blocking' | undefined {
  if (v.decision === 'approved' || v.decision === 'rejected') return 'already-decided';
  if (v.decision === 'superseded') return 'superseded';
  if (!rejecting && v.blocking) return 'blocking';
  return undefined;
}

/** Unified diff between two versions' code, named after the playbook. */
export function versionDiff(name: string, from: Pick<PlaybookVersion, 'version' | 'code'>, to: Pick<PlaybookVersion, 'version' | 'code'>): string {
  return createTwoFilesPatch(`${name}-v${from.version}.py`, `${name}-v${to.version}.py`, from.code, to.code, undefined, undefined, { context: 3 });
}
