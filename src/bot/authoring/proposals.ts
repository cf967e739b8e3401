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

export { SqlProposalCardStore } from '../../storage/proposalCards';
