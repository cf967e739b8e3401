import type { AuditEntry, AuditLog } from '../audit';
import type { SqliteDatabase } from './database';

// The port lives beside the domain; src/incidents still imports it from here.
export type { AuditEntry, AuditLog } from '../audit';

export class SqliteAuditLog implements AuditLog {
  constructor(private readonly db: SqliteDatabase) {}

  async record(e: Omit<AuditEntry, 'id' | 'at'> & { at?: string }): Promise<AuditEntry> {
    const at = e.at ?? new Date().toISOString();
    const info = this.db
      .prepare('INSERT INTO audit_log (at, actor_id, actor_name, kind, subject, detail) VALUES (?, ?, ?, ?, ?, ?)')
      .run(at, e.actorId ?? null, e.actorName ?? null, e.kind, e.subject ?? null, JSON.stringify(e.detail ?? {}));
    return { id: Number(info.lastInsertRowid), at, actorId: e.actorId, actorName: e.actorName, kind: e.kind, subject: e.subject, detail: e.detail };
  }

  async recent(limit = 20, subject?: string): Promise<AuditEntry[]> {
    const rows = this.db
      .prepare('SELECT * FROM audit_log WHERE (@subject IS NULL OR subject = @subject) ORDER BY id DESC LIMIT @limit')
      .all({ subject: subject ?? null, limit }) as {
      id: number;
      at: string;
      actor_id: string | null;
      actor_name: string | null;
      kind: string;
      subject: string | null;
      detail: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id ?? undefined,
      actorName: r.actor_name ?? undefined,
      kind: r.kind,
      subject: r.subject ?? undefined,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }));
  }
}
