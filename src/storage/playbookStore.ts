import crypto from 'node:crypto';
import {
  decisionRefusal,
  notApprovedYet,
  playbookNotFound,
  slugFromRequest,
  versionDiff,
  versionNotApproved,
  type DecisionOutcome,
  type EnabledPlaybook,
  type NewRun,
  type Person,
  type Playbook,
  type PlaybookRun,
  type PlaybookStatus,
  type PlaybookStore,
  type PlaybookVersion,
  type StoredPlan,
  type StoredReview,
  type VersionContent,
  type VersionDecision,
} from '../playbooks/library';
import type { PlaybookSpec } from '../playbooks/spec';
import type { SqliteDatabase } from './database';

/** Rows of the playbooks, playbook_versions and playbook_runs tables (src/storage/migrations.ts). */
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

/** The SQLite playbook store. Writes are synchronous transactions, so a double click cannot decide twice. */
export class SqlitePlaybookStore implements PlaybookStore {
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
      const diff = versionDiff(playbook.name, previous, { version: next, code: content.code });
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
      const refusal = decisionRefusal(current);
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
      const refusal = decisionRefusal(current, true);
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
      throw notApprovedYet(playbook);
    }
    this.db
      .prepare('UPDATE playbooks SET status = ?, updated_at = ? WHERE id = ?')
      .run(enabled ? 'enabled' : 'disabled', new Date().toISOString(), playbookId);
    return this.mustGet(playbookId);
  }

  async rollback(playbookId: string, version: number): Promise<Playbook> {
    const playbook = this.mustGet(playbookId);
    const target = await this.getVersion(playbookId, version);
    if (!target) throw playbookNotFound(`Version ${version} of ${playbook.name}`);
    if (target.decision !== 'approved') throw versionNotApproved(playbook, target);
    this.db.prepare('UPDATE playbooks SET active_version = ?, updated_at = ? WHERE id = ?').run(version, new Date().toISOString(), playbookId);
    return this.mustGet(playbookId);
  }

  async diff(playbookId: string, from: number, to: number): Promise<string> {
    const playbook = this.mustGet(playbookId);
    const a = await this.getVersion(playbookId, from);
    const b = await this.getVersion(playbookId, to);
    if (!a) throw playbookNotFound(`Version ${from} of ${playbook.name}`);
    if (!b) throw playbookNotFound(`Version ${to} of ${playbook.name}`);
    return versionDiff(playbook.name, a, b);
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
    if (!row) throw playbookNotFound(`Playbook ${id}`);
    return toPlaybook(row);
  }

  private mustGetVersion(playbookId: string, version: number): PlaybookVersion {
    const row = this.db.prepare('SELECT * FROM playbook_versions WHERE playbook_id = ? AND version = ?').get(playbookId, version) as VersionRow | undefined;
    if (!row) throw playbookNotFound(`Version ${version} of playbook ${playbookId}`);
    return toVersion(row);
  }

  private mustGetRun(id: number): PlaybookRun {
    const row = this.db.prepare('SELECT * FROM playbook_runs WHERE id = ?').get(id) as RunRow;
    return toRun(row);
  }
}
