import type { ConversationReference } from 'botbuilder';
import type { SqliteDatabase } from './database';

export type ConversationKind = 'channel' | 'groupChat' | 'personal';

/** Where Rampart is installed: a conversation it may post to proactively. */
export interface Installation {
  conversationId: string;
  kind: ConversationKind;
  name?: string;
  teamId?: string;
  tenantId?: string;
  reference: Partial<ConversationReference>;
  installedAt: string;
}

/** One page of installations and the token for the next page (undefined at the end). */
export interface InstallationPage {
  items: Installation[];
  continuationToken?: string;
}

/** The Teams Toolkit notification template's store shape: add / remove / paged list. */
export interface InstallationStore {
  add(installation: Omit<Installation, 'installedAt'>): Promise<void>;
  remove(conversationId: string): Promise<void>;
  get(conversationId: string): Promise<Installation | undefined>;
  list(pageSize?: number, continuationToken?: string, kind?: ConversationKind): Promise<InstallationPage>;
}

interface Row {
  conversation_id: string;
  kind: ConversationKind;
  name: string | null;
  team_id: string | null;
  tenant_id: string | null;
  reference: string;
  installed_at: string;
}

function toInstallation(r: Row): Installation {
  return {
    conversationId: r.conversation_id,
    kind: r.kind,
    name: r.name ?? undefined,
    teamId: r.team_id ?? undefined,
    tenantId: r.tenant_id ?? undefined,
    reference: JSON.parse(r.reference) as Partial<ConversationReference>,
    installedAt: r.installed_at,
  };
}

/** SQLite installation store; pages are keyed by conversation id (stable under inserts). */
export class SqliteInstallationStore implements InstallationStore {
  constructor(private readonly db: SqliteDatabase) {}

  async add(i: Omit<Installation, 'installedAt'>): Promise<void> {
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO installations (conversation_id, kind, name, team_id, tenant_id, reference, installed_at, updated_at)
         VALUES (@id, @kind, @name, @teamId, @tenantId, @reference, @now, @now)
         ON CONFLICT(conversation_id) DO UPDATE SET kind = @kind, name = COALESCE(@name, installations.name),
           team_id = @teamId, tenant_id = @tenantId, reference = @reference, updated_at = @now`,
      )
      .run({
        id: i.conversationId,
        kind: i.kind,
        name: i.name ?? null,
        teamId: i.teamId ?? null,
        tenantId: i.tenantId ?? null,
        reference: JSON.stringify(i.reference),
        now,
      });
  }

  async remove(conversationId: string): Promise<void> {
    this.db.prepare('DELETE FROM installations WHERE conversation_id = ?').run(conversationId);
  }

  async get(conversationId: string): Promise<Installation | undefined> {
    const row = this.db.prepare('SELECT * FROM installations WHERE conversation_id = ?').get(conversationId) as Row | undefined;
    return row ? toInstallation(row) : undefined;
  }

  async list(pageSize = 50, continuationToken?: string, kind?: ConversationKind): Promise<InstallationPage> {
    const rows = this.db
      .prepare(
        `SELECT * FROM installations WHERE conversation_id > @after AND (@kind IS NULL OR kind = @kind)
         ORDER BY conversation_id LIMIT @limit`,
      )
      .all({ after: continuationToken ?? '', kind: kind ?? null, limit: pageSize + 1 }) as Row[];
    const items = rows.slice(0, pageSize).map(toInstallation);
    return { items, continuationToken: rows.length > pageSize ? items[items.length - 1].conversationId : undefined };
  }
}
