import crypto from 'node:crypto';
import { createTwoFilesPatch } from 'diff';
import { AppError } from '../errors';
import type { SqliteDatabase } from '../storage/database';
import type { PlaybookSpec } from './spec';

/**
 * The playbook library: playbooks, their immutable versions and their runs. The bot, the
 * incident pipeline and the CLI use the `PlaybookLibrary` interface; `SqlitePlaybookLibrary`
 * is the single-instance store (a PostgreSQL one can implement the same interface).
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

/** The versioned playbook store. */
export interface PlaybookLibrary {
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

interface PlaybookRow {
  id: string;
  name: string;
  status: PlaybookStatus;
  active_version: number | null;
  latest_version: number;
  created_by_id: string;
  created_by_name: string;
  created_at: string;
  updated_at: string;
}

interface VersionRow {
  playbook_id: string;
  version: number;
  request: string;
  change_request: string | null;
  spec: string;
  code: string;
  code_sha256: string;
  review: string;
  plan: string;
  blocking: number;
  diff: string | null;
  requester_id: string;
  requester_name: string;
  created_at: string;
  decision: VersionDecision;
  decided_by_id: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  reject_reason: string | null;
  unattended: number;
  self_approved: number;
}

interface RunRow {
  id: number;
  playbook_id: string;
  version: number;
  incident_id: string | null;
  mode: 'dry-run' | 'live';
  started_by: 'manual' | 'incident';
  status: string;
  summary: string | null;
  actions: string;
  actor_id: string | null;
  actor_name: string | null;
  started_at: string;
  finished_at: string | null;
}

function toPlaybook(r: PlaybookRow): Playbook {
  return {
    id: r.id,
    name: r.name,
    status: r.status,
    activeVersion: r.active_version ?? undefined,
    latestVersion: r.latest_version,
    createdBy: { id: r.created_by_id, name: r.created_by_name },
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function toVersion(r: VersionRow): PlaybookVersion {
  return {
    playbookId: r.playbook_id,
    version: r.version,
    request: r.request,
    changeRequest: r.change_request ?? undefined,
    spec: JSON.parse(r.spec) as PlaybookSpec,
    code: r.code,
    codeSha256: r.code_sha256,
    review: JSON.parse(r.review) as StoredReview,
    plan: JSON.parse(r.plan) as StoredPlan,
    blocking: r.blocking === 1,
    diff: r.diff ?? undefined,
    requester: { id: r.requester_id, name: r.requester_name },
    createdAt: r.created_at,
    decision: r.decision,
    decidedBy: r.decided_by_id ? { id: r.decided_by_id, name: r.decided_by_name ?? r.decided_by_id } : undefined,
    decidedAt: r.decided_at ?? undefined,
    rejectReason: r.reject_reason ?? undefined,
    unattended: r.unattended === 1,
    selfApproved: r.self_approved === 1,
  };
}

function toRun(r: RunRow): PlaybookRun {
  return {
    id: r.id,
    playbookId: r.playbook_id,
    version: r.version,
    incidentId: r.incident_id ?? undefined,
    mode: r.mode,
    startedBy: r.started_by,
    status: r.status,
    summary: r.summary ?? undefined,
    actions: JSON.parse(r.actions) as unknown[],
    actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? r.actor_id } : undefined,
    startedAt: r.started_at,
    finishedAt: r.finished_at ?? undefined,
  };
}

function notFound(what: string): AppError {
  return new AppError('PlaybookNotFound', `${what} does not exist. Type \`playbooks\` to see the library.`, { httpStatus: 404 });
}

/** The SQLite playbook library. Writes are synchronous transactions, so a double click cannot decide twice. */
export class SqlitePlaybookLibrary implements PlaybookLibrary {
  constructor(private readonly db: SqliteDatabase) {}

  async createDraft(content: VersionContent, options: { name?: string } = {}): Promise<{ playbook: Playbook; version: PlaybookVersion }> {
    const id = crypto.randomUUID();
    const now = new Date().toISOString();
    return this.db.transaction(() => {
      const name = this.uniqueName(options.name ?? slugFromRequest(content.request));
      this.db
        .prepare(
          `INSERT INTO playbooks (id, name, status, active_version, latest_version, created_by_id, created_by_name, created_at, updated_at)
           VALUES (?, ?, 'draft', NULL, 1, ?, ?, ?, ?)`,
        )
        .run(id, name, content.requester.id, content.requester.name, now, now);
      this.insertVersion(id, 1, content, undefined, now);
      return { playbook: this.mustGet(id), version: this.mustGetVersion(id, 1) };
    })();
  }

  async addVersion(playbookId: string, content: VersionContent): Promise<{ playbook: Playbook; version: PlaybookVersion }> {
    const now = new Date().toISOString();
    return this.db.transaction(() => {
      const playbook = this.mustGet(playbookId);
      const previous = this.mustGetVersion(playbookId, playbook.latestVersion);
      const next = playbook.latestVersion + 1;
      const diff = createTwoFilesPatch(
        `${playbook.name}-v${previous.version}.py`,
        `${playbook.name}-v${next}.py`,
        previous.code,
        content.code,
        undefined,
        undefined,
        { context: 3 },
      );
      this.insertVersion(playbookId, next, content, diff, now);
      this.db
        .prepare(`UPDATE playbook_versions SET decision = 'superseded' WHERE playbook_id = ? AND version < ? AND decision = 'pending'`)
        .run(playbookId, next);
      this.db.prepare('UPDATE playbooks SET latest_version = ?, updated_at = ? WHERE id = ?').run(next, now, playbookId);
      return { playbook: this.mustGet(playbookId), version: this.mustGetVersion(playbookId, next) };
    })();
  }

  async get(idOrName: string): Promise<Playbook | undefined> {
    const row = this.db.prepare('SELECT * FROM playbooks WHERE id = ? OR name = ?').get(idOrName, idOrName.toLowerCase()) as PlaybookRow | undefined;
    return row ? toPlaybook(row) : undefined;
  }

  async getVersion(playbookId: string, version: number): Promise<PlaybookVersion | undefined> {
    const row = this.db.prepare('SELECT * FROM playbook_versions WHERE playbook_id = ? AND version = ?').get(playbookId, version) as VersionRow | undefined;
    return row ? toVersion(row) : undefined;
  }

  async versions(playbookId: string): Promise<PlaybookVersion[]> {
    const rows = this.db.prepare('SELECT * FROM playbook_versions WHERE playbook_id = ? ORDER BY version').all(playbookId) as VersionRow[];
    return rows.map(toVersion);
  }

  async list(): Promise<Playbook[]> {
    const rows = this.db.prepare('SELECT * FROM playbooks ORDER BY name').all() as PlaybookRow[];
    return rows.map(toPlaybook);
  }

  async listEnabled(): Promise<EnabledPlaybook[]> {
    const rows = this.db
      .prepare(`SELECT * FROM playbooks WHERE status = 'enabled' AND active_version IS NOT NULL ORDER BY name`)
      .all() as PlaybookRow[];
    return rows.map((r) => ({ playbook: toPlaybook(r), version: this.mustGetVersion(r.id, r.active_version as number) }));
  }

  async approve(
    playbookId: string,
    version: number,
    approver: Person,
    options: { unattended: boolean; selfApproved: boolean; at?: string },
  ): Promise<DecisionOutcome> {
    const at = options.at ?? new Date().toISOString();
    return this.db.transaction((): DecisionOutcome => {
      const current = this.mustGetVersion(playbookId, version);
      const refusal = this.refusal(current);
      if (refusal) return { ok: false, reason: refusal, playbook: this.mustGet(playbookId), version: current };
      this.db
        .prepare(
          `UPDATE playbook_versions SET decision = 'approved', decided_by_id = ?, decided_by_name = ?, decided_at = ?,
             unattended = ?, self_approved = ? WHERE playbook_id = ? AND version = ? AND decision = 'pending'`,
        )
        .run(approver.id, approver.name, at, options.unattended ? 1 : 0, options.selfApproved ? 1 : 0, playbookId, version);
      this.db
        .prepare(`UPDATE playbooks SET status = 'enabled', active_version = ?, updated_at = ? WHERE id = ?`)
        .run(version, at, playbookId);
      return { ok: true, playbook: this.mustGet(playbookId), version: this.mustGetVersion(playbookId, version) };
    })();
  }

  async reject(playbookId: string, version: number, by: Person, reason: string, at = new Date().toISOString()): Promise<DecisionOutcome> {
    return this.db.transaction((): DecisionOutcome => {
      const current = this.mustGetVersion(playbookId, version);
      const refusal = this.refusal(current, true);
      if (refusal) return { ok: false, reason: refusal, playbook: this.mustGet(playbookId), version: current };
      this.db
        .prepare(
          `UPDATE playbook_versions SET decision = 'rejected', decided_by_id = ?, decided_by_name = ?, decided_at = ?, reject_reason = ?
           WHERE playbook_id = ? AND version = ? AND decision = 'pending'`,
        )
        .run(by.id, by.name, at, reason, playbookId, version);
      // A playbook that already runs an approved version keeps running it; a new one is rejected.
      this.db
        .prepare(`UPDATE playbooks SET status = CASE WHEN active_version IS NULL THEN 'rejected' ELSE status END, updated_at = ? WHERE id = ?`)
        .run(at, playbookId);
      return { ok: true, playbook: this.mustGet(playbookId), version: this.mustGetVersion(playbookId, version) };
    })();
  }

  async setEnabled(playbookId: string, enabled: boolean): Promise<Playbook> {
    const playbook = this.mustGet(playbookId);
    if (enabled && playbook.activeVersion === undefined) {
      throw new AppError('PlaybookNotApproved', `${playbook.name} has no approved version yet, so it cannot be enabled. A second analyst must approve its proposal card first.`, { httpStatus: 409 });
    }
    this.db
      .prepare('UPDATE playbooks SET status = ?, updated_at = ? WHERE id = ?')
      .run(enabled ? 'enabled' : 'disabled', new Date().toISOString(), playbookId);
    return this.mustGet(playbookId);
  }

  async rollback(playbookId: string, version: number): Promise<Playbook> {
    const playbook = this.mustGet(playbookId);
    const target = await this.getVersion(playbookId, version);
    if (!target) throw notFound(`Version ${version} of ${playbook.name}`);
    if (target.decision !== 'approved') {
      throw new AppError('VersionNotApproved', `Version ${version} of ${playbook.name} was never approved (${target.decision}), so it cannot become the active version.`, { httpStatus: 409 });
    }
    this.db.prepare('UPDATE playbooks SET active_version = ?, updated_at = ? WHERE id = ?').run(version, new Date().toISOString(), playbookId);
    return this.mustGet(playbookId);
  }

  async diff(playbookId: string, from: number, to: number): Promise<string> {
    const playbook = this.mustGet(playbookId);
    const a = await this.getVersion(playbookId, from);
    const b = await this.getVersion(playbookId, to);
    if (!a) throw notFound(`Version ${from} of ${playbook.name}`);
    if (!b) throw notFound(`Version ${to} of ${playbook.name}`);
    return createTwoFilesPatch(`${playbook.name}-v${from}.py`, `${playbook.name}-v${to}.py`, a.code, b.code, undefined, undefined, { context: 3 });
  }

  async recordRun(run: NewRun): Promise<PlaybookRun> {
    const info = this.db
      .prepare(
        `INSERT INTO playbook_runs (playbook_id, version, incident_id, mode, started_by, status, summary, actions, actor_id, actor_name, started_at, finished_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        run.playbookId,
        run.version,
        run.incidentId ?? null,
        run.mode,
        run.startedBy,
        run.status,
        run.summary ?? null,
        JSON.stringify(run.actions ?? []),
        run.actor?.id ?? null,
        run.actor?.name ?? null,
        run.startedAt ?? new Date().toISOString(),
        run.finishedAt ?? null,
      );
    return this.mustGetRun(Number(info.lastInsertRowid));
  }

  async updateRun(id: number, patch: Partial<Pick<PlaybookRun, 'status' | 'summary' | 'actions' | 'finishedAt'>>): Promise<PlaybookRun> {
    const run = this.mustGetRun(id);
    this.db
      .prepare('UPDATE playbook_runs SET status = ?, summary = ?, actions = ?, finished_at = ? WHERE id = ?')
      .run(
        patch.status ?? run.status,
        patch.summary ?? run.summary ?? null,
        JSON.stringify(patch.actions ?? run.actions),
        patch.finishedAt ?? run.finishedAt ?? null,
        id,
      );
    return this.mustGetRun(id);
  }

  async lastRun(playbookId: string): Promise<PlaybookRun | undefined> {
    const row = this.db.prepare('SELECT * FROM playbook_runs WHERE playbook_id = ? ORDER BY id DESC LIMIT 1').get(playbookId) as RunRow | undefined;
    return row ? toRun(row) : undefined;
  }

  private refusal(v: PlaybookVersion, rejecting = false): 'already-decided' | 'superseded' | 'blocking' | undefined {
    if (v.decision === 'approved' || v.decision === 'rejected') return 'already-decided';
    if (v.decision === 'superseded') return 'superseded';
    if (!rejecting && v.blocking) return 'blocking';
    return undefined;
  }

  private uniqueName(base: string): string {
    const exists = this.db.prepare('SELECT 1 FROM playbooks WHERE name = ?');
    if (!exists.get(base)) return base;
    for (let i = 2; ; i++) {
      const candidate = `${base}-${i}`;
      if (!exists.get(candidate)) return candidate;
    }
  }

  private insertVersion(playbookId: string, version: number, c: VersionContent, diff: string | undefined, now: string): void {
    this.db
      .prepare(
        `INSERT INTO playbook_versions (playbook_id, version, request, change_request, spec, code, code_sha256, review, plan, blocking, diff,
           requester_id, requester_name, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        playbookId,
        version,
        c.request,
        c.changeRequest ?? null,
        JSON.stringify(c.spec),
        c.code,
        crypto.createHash('sha256').update(c.code).digest('hex'),
        JSON.stringify(c.review),
        JSON.stringify(c.plan),
        c.review.blocking ? 1 : 0,
        diff ?? null,
        c.requester.id,
        c.requester.name,
        now,
      );
  }

  private mustGet(id: string): Playbook {
    const row = this.db.prepare('SELECT * FROM playbooks WHERE id = ?').get(id) as PlaybookRow | undefined;
    if (!row) throw notFound(`Playbook ${id}`);
    return toPlaybook(row);
  }

  private mustGetVersion(playbookId: string, version: number): PlaybookVersion {
    const row = this.db.prepare('SELECT * FROM playbook_versions WHERE playbook_id = ? AND version = ?').get(playbookId, version) as VersionRow | undefined;
    if (!row) throw notFound(`Version ${version} of playbook ${playbookId}`);
    return toVersion(row);
  }

  private mustGetRun(id: number): PlaybookRun {
    const row = this.db.prepare('SELECT * FROM playbook_runs WHERE id = ?').get(id) as RunRow;
    return toRun(row);
  }
}
