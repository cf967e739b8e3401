import type { AuditEntry, AuditLog } from '../audit';
import type { Db } from './database';

// The port lives beside the domain; src/incidents still imports it from here.
export type { AuditEntry, AuditLog } from '../audit';

/** The audit log on SQLite or PostgreSQL (one table, newest last). */
export class SqlAuditLog implements AuditLog {
  constructor(private readonly db: Db) {}

  async record(e: Omit<AuditEntry, 'id' | 'at'> & { at?: string }): Promise<AuditEntry> {
    const at = e.at ?? new Date().toISOString();
    const row = await this.db
      .q()
      .insertInto('audit_log')
      .values({ at, actor_id: e.actorId ?? null, actor_name: e.actorName ?? null, kind: e.kind, subject: e.subject ?? null, detail: JSON.stringify(e.detail ?? {}) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: Number(row.id), at, actorId: e.actorId, actorName: e.actorName, kind: e.kind, subject: e.subject, detail: e.detail };
  }

  async recent(limit = 20, subject?: string): Promise<AuditEntry[]> {
    let query = this.db.q().selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit);
    if (subject !== undefined) query = query.where('subject', '=', subject);
    const rows = await query.execute();
    return rows.map((r) => ({
      id: Number(r.id),
      at: r.at,
      actorId: r.actor_id ?? undefined,
      actorName: r.actor_name ?? undefined,
      kind: r.kind,
      subject: r.subject ?? undefined,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }));
  }
}
