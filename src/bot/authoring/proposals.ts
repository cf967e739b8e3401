import type { SqliteDatabase } from '../../storage/database';
import type { DryRunPreview } from '../../playbooks/preview';

/** Where a proposal card was posted and its latest dry run: what a later turn needs to update it. */
export interface ProposalCardRecord {
  playbookId: string;
  version: number;
  conversationId: string;
  activityId: string;
  preview?: DryRunPreview;
}

/** Proposal cards, persisted so a card posted before a restart can be decided after it. */
export interface ProposalCardStore {
  save(record: ProposalCardRecord): Promise<void>;
  get(playbookId: string, version: number): Promise<ProposalCardRecord | undefined>;
  /** The proposal a card activity shows (the invoke's replyToId), if Rampart posted it. */
  byActivity(activityId: string): Promise<ProposalCardRecord | undefined>;
  setPreview(playbookId: string, version: number, preview: DryRunPreview): Promise<void>;
}

interface Row {
  playbook_id: string;
  version: number;
  conversation_id: string;
  activity_id: string;
  preview: string | null;
}

function toRecord(r: Row): ProposalCardRecord {
  return {
    playbookId: r.playbook_id,
    version: r.version,
    conversationId: r.conversation_id,
    activityId: r.activity_id,
    preview: r.preview ? (JSON.parse(r.preview) as DryRunPreview) : undefined,
  };
}

export class SqliteProposalCardStore implements ProposalCardStore {
  constructor(private readonly db: SqliteDatabase) {}

  async save(r: ProposalCardRecord): Promise<void> {
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO proposal_cards (playbook_id, version, conversation_id, activity_id, preview, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(playbook_id, version) DO UPDATE SET conversation_id = excluded.conversation_id,
           activity_id = excluded.activity_id, preview = COALESCE(excluded.preview, proposal_cards.preview), updated_at = excluded.updated_at`,
      )
      .run(r.playbookId, r.version, r.conversationId, r.activityId, r.preview ? JSON.stringify(r.preview) : null, now, now);
  }

  async get(playbookId: string, version: number): Promise<ProposalCardRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM proposal_cards WHERE playbook_id = ? AND version = ?').get(playbookId, version) as Row | undefined;
    return row ? toRecord(row) : undefined;
  }

  async byActivity(activityId: string): Promise<ProposalCardRecord | undefined> {
    const row = this.db.prepare('SELECT * FROM proposal_cards WHERE activity_id = ? ORDER BY updated_at DESC LIMIT 1').get(activityId) as Row | undefined;
    return row ? toRecord(row) : undefined;
  }

  async setPreview(playbookId: string, version: number, preview: DryRunPreview): Promise<void> {
    this.db
      .prepare('UPDATE proposal_cards SET preview = ?, updated_at = ? WHERE playbook_id = ? AND version = ?')
      .run(JSON.stringify(preview), new Date().toISOString(), playbookId, version);
  }
}
