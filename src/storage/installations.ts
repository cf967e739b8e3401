import type { ConversationReference } from 'botbuilder';
import type { Db } from './database';

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

/** The installation store on SQLite or PostgreSQL; pages are keyed by conversation id (stable under inserts). */
export class SqlInstallationStore implements InstallationStore {
  constructor(private readonly db: Db) {}

  async add(i: Omit<Installation, 'installedAt'>): Promise<void> {
    const now = new Date().toISOString();
    const row = {
      kind: i.kind,
      team_id: i.teamId ?? null,
      tenant_id: i.tenantId ?? null,
      reference: JSON.stringify(i.reference),
      updated_at: now,
    };
    await this.db
      .q()
      .insertInto('installations')
      .values({ conversation_id: i.conversationId, name: i.name ?? null, installed_at: now, ...row })
      .onConflict((oc) => oc.column('conversation_id').doUpdateSet((eb) => ({ ...row, name: eb.fn.coalesce(eb.val(i.name ?? null), eb.ref('installations.name')) })))
      .execute();
  }

  async remove(conversationId: string): Promise<void> {
    await this.db.q().deleteFrom('installations').where('conversation_id', '=', conversationId).execute();
  }

  async get(conversationId: string): Promise<Installation | undefined> {
    const row = await this.db.q().selectFrom('installations').selectAll().where('conversation_id', '=', conversationId).executeTakeFirst();
    return row ? toInstallation(row as Row) : undefined;
  }

  async list(pageSize = 50, continuationToken?: string, kind?: ConversationKind): Promise<InstallationPage> {
    let query = this.db.q().selectFrom('installations').selectAll().where('conversation_id', '>', continuationToken ?? '').orderBy('conversation_id').limit(pageSize + 1);
    if (kind) query = query.where('kind', '=', kind);
    const rows = (await query.execute()) as Row[];
    const items = rows.slice(0, pageSize).map(toInstallation);
    return { items, continuationToken: rows.length > pageSize ? items[items.length - 1].conversationId : undefined };
  }
}
