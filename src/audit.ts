/* The audit log port: who did what to Rampart, append-only. src/storage/audit.ts is the SQLite one. */

/** Who did something to Rampart, and when. */
export interface AuditEntry {
  id: number;
  at: string;
  actorId?: string;
  actorName?: string;
  /** e.g. request, proposal, approval, rejection, run, action-approved, action-denied */
  kind: string;
  /** The playbook, version, incident or action it concerns. */
  subject?: string;
  detail: Record<string, unknown>;
}

/** The append-only audit log of requests, proposals, decisions and runs. */
export interface AuditLog {
  record(entry: Omit<AuditEntry, 'id' | 'at'> & { at?: string }): Promise<AuditEntry>;
  recent(limit?: number, subject?: string): Promise<AuditEntry[]>;
}
