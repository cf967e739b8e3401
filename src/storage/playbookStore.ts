import crypto from 'node:crypto';
import type { Selectable, Updateable } from 'kysely';
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
import type { Db } from './database';
import type { PlaybookRunsTable, PlaybooksTable, PlaybookVersionsTable } from './schema';

/** Rows of the playbooks, playbook_versions and playbook_runs tables as schema.ts types them, with the columns this store writes only known values to narrowed. */
type PlaybookRow = Omit<Selectable<PlaybooksTable>, 'status'> & { status: PlaybookStatus };
type VersionRow = Omit<Selectable<PlaybookVersionsTable>, 'decision'> & { decision: VersionDecision };
type RunRow = Omit<Selectable<PlaybookRunsTable>, 'mode' | 'started_by'> & { mode: PlaybookRun['mode']; started_by: PlaybookRun['startedBy'] };

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

/**
 * The playbook store on SQLite or PostgreSQL. A decision is one conditional UPDATE inside a
 * transaction (and the database's triggers refuse to change a decided version), so a double
 * click, or two instances, cannot decide twice.
 */
export class SqlPlaybookStore implements PlaybookStore {
  constructor(private readonly db: Db) {}

  async createDraft(content: VersionContent, options: { name?: string } = {}): Promise<{ playbook: Playbook; version: PlaybookVersion }> {
    const id = crypto.randomUUID();
    const now = new Date().toISOString();
    return this.db.atomically(async () => {
      const name = await this.uniqueName(options.name ?? slugFromRequest(content.request));
      await this.db
        .q()
        .insertInto('playbooks')
        .values({ id, name, status: 'draft', active_version: null, latest_version: 1, created_by_id: content.requester.id, created_by_name: content.requester.name, created_at: now, updated_at: now })
        .execute();
      await this.insertVersion(id, 1, content, undefined, now);
      return { playbook: await this.mustGet(id), version: await this.mustGetVersion(id, 1) };
    });
  }

  async addVersion(playbookId: string, content: VersionContent): Promise<{ playbook: Playbook; version: PlaybookVersion }> {
    const now = new Date().toISOString();
    return this.db.atomically(async () => {
      const playbook = await this.mustGet(playbookId);
      const previous = await this.mustGetVersion(playbookId, playbook.latestVersion);
      const next = playbook.latestVersion + 1;
      const diff = versionDiff(playbook.name, previous, { version: next, code: content.code });
      await this.insertVersion(playbookId, next, content, diff, now);
      await this.db.q().updateTable('playbook_versions').set({ decision: 'superseded' }).where('playbook_id', '=', playbookId).where('version', '<', next).where('decision', '=', 'pending').execute();
      await this.db.q().updateTable('playbooks').set({ latest_version: next, updated_at: now }).where('id', '=', playbookId).execute();
      return { playbook: await this.mustGet(playbookId), version: await this.mustGetVersion(playbookId, next) };
    });
  }

  async get(idOrName: string): Promise<Playbook | undefined> {
    const row = await this.db
      .q()
      .selectFrom('playbooks')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName.toLowerCase())]))
      .executeTakeFirst();
    return row ? toPlaybook(row as PlaybookRow) : undefined;
  }

  async getVersion(playbookId: string, version: number): Promise<PlaybookVersion | undefined> {
    const row = await this.db.q().selectFrom('playbook_versions').selectAll().where('playbook_id', '=', playbookId).where('version', '=', version).executeTakeFirst();
    return row ? toVersion(row as VersionRow) : undefined;
  }

  async versions(playbookId: string): Promise<PlaybookVersion[]> {
    const rows = await this.db.q().selectFrom('playbook_versions').selectAll().where('playbook_id', '=', playbookId).orderBy('version').execute();
    return rows.map((r) => toVersion(r as VersionRow));
  }

  async list(): Promise<Playbook[]> {
    const rows = await this.db.q().selectFrom('playbooks').selectAll().orderBy('name').execute();
    return rows.map((r) => toPlaybook(r as PlaybookRow));
  }

  async listEnabled(): Promise<EnabledPlaybook[]> {
    const rows = await this.db.q().selectFrom('playbooks').selectAll().where('status', '=', 'enabled').where('active_version', 'is not', null).orderBy('name').execute();
    const enabled: EnabledPlaybook[] = [];
    for (const r of rows) enabled.push({ playbook: toPlaybook(r as PlaybookRow), version: await this.mustGetVersion(r.id, r.active_version as number) });
    return enabled;
  }

  async approve(
    playbookId: string,
    version: number,
    approver: Person,
    options: { unattended: boolean; selfApproved: boolean; at?: string },
  ): Promise<DecisionOutcome> {
    const at = options.at ?? new Date().toISOString();
    return this.decide(
      playbookId,
      version,
      { decision: 'approved', decided_by_id: approver.id, decided_by_name: approver.name, decided_at: at, unattended: options.unattended ? 1 : 0, self_approved: options.selfApproved ? 1 : 0 },
      () => this.db.q().updateTable('playbooks').set({ status: 'enabled', active_version: version, updated_at: at }).where('id', '=', playbookId).execute(),
    );
  }

  async reject(playbookId: string, version: number, by: Person, reason: string, at = new Date().toISOString()): Promise<DecisionOutcome> {
    return this.decide(
      playbookId,
      version,
      { decision: 'rejected', decided_by_id: by.id, decided_by_name: by.name, decided_at: at, reject_reason: reason },
      // A playbook that already runs an approved version keeps running it; a new one is rejected.
      () =>
        this.db
          .q()
          .updateTable('playbooks')
          .set((eb) => ({ status: eb.case().when('active_version', 'is', null).then('rejected').else(eb.ref('status')).end(), updated_at: at }))
          .where('id', '=', playbookId)
          .execute(),
    );
  }

  /**
   * One decision on a pending version, in one transaction: refused as the library's rules say
   * (`decisionRefusal`), written with one conditional UPDATE, then `after` updates the playbook.
   */
  private decide(playbookId: string, version: number, columns: Updateable<PlaybookVersionsTable> & { decision: 'approved' | 'rejected' }, after: () => Promise<unknown>): Promise<DecisionOutcome> {
    return this.db.atomically(async (): Promise<DecisionOutcome> => {
      const current = await this.mustGetVersion(playbookId, version);
      const refusal = decisionRefusal(current, columns.decision === 'rejected');
      if (refusal) return { ok: false, reason: refusal, playbook: await this.mustGet(playbookId), version: current };
      const decided = await this.db
        .q()
        .updateTable('playbook_versions')
        .set(columns)
        .where('playbook_id', '=', playbookId)
        .where('version', '=', version)
        .where('decision', '=', 'pending')
        .executeTakeFirst();
      // Nothing updated: someone else decided between the read and the write (another instance).
      const outcome = Number(decided.numUpdatedRows) === 1 ? { ok: true as const } : { ok: false as const, reason: 'already-decided' as const };
      if (outcome.ok) await after();
      return { ...outcome, playbook: await this.mustGet(playbookId), version: await this.mustGetVersion(playbookId, version) };
    });
  }

  async setEnabled(playbookId: string, enabled: boolean): Promise<Playbook> {
    const playbook = await this.mustGet(playbookId);
    if (enabled && playbook.activeVersion === undefined) {
      throw notApprovedYet(playbook);
    }
    await this.db.q().updateTable('playbooks').set({ status: enabled ? 'enabled' : 'disabled', updated_at: new Date().toISOString() }).where('id', '=', playbookId).execute();
    return this.mustGet(playbookId);
  }

  async rollback(playbookId: string, version: number): Promise<Playbook> {
    const playbook = await this.mustGet(playbookId);
    const target = await this.getVersion(playbookId, version);
    if (!target) throw playbookNotFound(`Version ${version} of ${playbook.name}`);
    if (target.decision !== 'approved') throw versionNotApproved(playbook, target);
    await this.db.q().updateTable('playbooks').set({ active_version: version, updated_at: new Date().toISOString() }).where('id', '=', playbookId).execute();
    return this.mustGet(playbookId);
  }

  async diff(playbookId: string, from: number, to: number): Promise<string> {
    const playbook = await this.mustGet(playbookId);
    const a = await this.getVersion(playbookId, from);
    const b = await this.getVersion(playbookId, to);
    if (!a) throw playbookNotFound(`Version ${from} of ${playbook.name}`);
    if (!b) throw playbookNotFound(`Version ${to} of ${playbook.name}`);
    return versionDiff(playbook.name, a, b);
  }

  async recordRun(run: NewRun): Promise<PlaybookRun> {
    const row = await this.db
      .q()
      .insertInto('playbook_runs')
      .values({
        playbook_id: run.playbookId,
        version: run.version,
        incident_id: run.incidentId ?? null,
        mode: run.mode,
        started_by: run.startedBy,
        status: run.status,
        summary: run.summary ?? null,
        actions: JSON.stringify(run.actions ?? []),
        actor_id: run.actor?.id ?? null,
        actor_name: run.actor?.name ?? null,
        started_at: run.startedAt ?? new Date().toISOString(),
        finished_at: run.finishedAt ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return this.mustGetRun(Number(row.id));
  }

  /** Writes only the fields given, so two writers of one run never put back each other's older values. */
  async updateRun(id: number, patch: Partial<Pick<PlaybookRun, 'status' | 'summary' | 'actions' | 'finishedAt'>>): Promise<PlaybookRun> {
    await this.mustGetRun(id);
    const set: Updateable<PlaybookRunsTable> = {};
    if (patch.status !== undefined) set.status = patch.status;
    if (patch.summary !== undefined) set.summary = patch.summary;
    if (patch.actions !== undefined) set.actions = JSON.stringify(patch.actions);
    if (patch.finishedAt !== undefined) set.finished_at = patch.finishedAt;
    if (Object.keys(set).length > 0) await this.db.q().updateTable('playbook_runs').set(set).where('id', '=', id).execute();
    return this.mustGetRun(id);
  }

  async lastRun(playbookId: string): Promise<PlaybookRun | undefined> {
    const row = await this.db.q().selectFrom('playbook_runs').selectAll().where('playbook_id', '=', playbookId).orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row ? toRun(row as RunRow) : undefined;
  }

  private async uniqueName(base: string): Promise<string> {
    const exists = async (name: string): Promise<boolean> => Boolean(await this.db.q().selectFrom('playbooks').select('id').where('name', '=', name).executeTakeFirst());
    if (!(await exists(base))) return base;
    for (let i = 2; ; i++) {
      const candidate = `${base}-${i}`;
      if (!(await exists(candidate))) return candidate;
    }
  }

  private async insertVersion(playbookId: string, version: number, c: VersionContent, diff: string | undefined, now: string): Promise<void> {
    await this.db
      .q()
      .insertInto('playbook_versions')
      .values({
        playbook_id: playbookId,
        version,
        request: c.request,
        change_request: c.changeRequest ?? null,
        spec: JSON.stringify(c.spec),
        code: c.code,
        code_sha256: crypto.createHash('sha256').update(c.code).digest('hex'),
        review: JSON.stringify(c.review),
        plan: JSON.stringify(c.plan),
        blocking: c.review.blocking ? 1 : 0,
        diff: diff ?? null,
        requester_id: c.requester.id,
        requester_name: c.requester.name,
        created_at: now,
      })
      .execute();
  }

  private async mustGet(id: string): Promise<Playbook> {
    const row = await this.db.q().selectFrom('playbooks').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw playbookNotFound(`Playbook ${id}`);
    return toPlaybook(row as PlaybookRow);
  }

  private async mustGetVersion(playbookId: string, version: number): Promise<PlaybookVersion> {
    const row = await this.db.q().selectFrom('playbook_versions').selectAll().where('playbook_id', '=', playbookId).where('version', '=', version).executeTakeFirst();
    if (!row) throw playbookNotFound(`Version ${version} of playbook ${playbookId}`);
    return toVersion(row as VersionRow);
  }

  private async mustGetRun(id: number): Promise<PlaybookRun> {
    const row = await this.db.q().selectFrom('playbook_runs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    return toRun(row as RunRow);
  }
}
