import type { DryRunPreview } from '../playbooks/preview';
import type { Db } from './database';

/** A proposal card as stored (the bot's ProposalCardStore port has the same shape). */
export interface StoredProposalCard {
  playbookId: string;
  version: number;
  conversationId: string;
  activityId: string;
  preview?: DryRunPreview;
}

interface Row {
  playbook_id: string;
  version: number;
  conversation_id: string;
  activity_id: string;
  preview: string | null;
}

function toRecord(r: Row): StoredProposalCard {
  return {
    playbookId: r.playbook_id,
    version: r.version,
    conversationId: r.conversation_id,
    activityId: r.activity_id,
    preview: r.preview ? (JSON.parse(r.preview) as DryRunPreview) : undefined,
  };
}

/** Where proposal cards were posted, on SQLite or PostgreSQL, so a card posted before a restart can be decided after it. */
export class SqlProposalCardStore {
  constructor(private readonly db: Db) {}

  async save(r: StoredProposalCard): Promise<void> {
    const now = new Date().toISOString();
    const preview = r.preview ? JSON.stringify(r.preview) : null;
    await this.db
      .q()
      .insertInto('proposal_cards')
      .values({ playbook_id: r.playbookId, version: r.version, conversation_id: r.conversationId, activity_id: r.activityId, preview, created_at: now, updated_at: now })
      .onConflict((oc) =>
        oc.columns(['playbook_id', 'version']).doUpdateSet((eb) => ({
          conversation_id: eb.ref('excluded.conversation_id'),
          activity_id: eb.ref('excluded.activity_id'),
          preview: eb.fn.coalesce(eb.ref('excluded.preview'), eb.ref('proposal_cards.preview')),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }

  async get(playbookId: string, version: number): Promise<StoredProposalCard | undefined> {
    const row = await this.db.q().selectFrom('proposal_cards').selectAll().where('playbook_id', '=', playbookId).where('version', '=', version).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async byActivity(activityId: string): Promise<StoredProposalCard | undefined> {
    const row = await this.db.q().selectFrom('proposal_cards').selectAll().where('activity_id', '=', activityId).orderBy('updated_at', 'desc').limit(1).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  async setPreview(playbookId: string, version: number, preview: DryRunPreview): Promise<void> {
    await this.db.q().updateTable('proposal_cards').set({ preview: JSON.stringify(preview), updated_at: new Date().toISOString() }).where('playbook_id', '=', playbookId).where('version', '=', version).execute();
  }
}
