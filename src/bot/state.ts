import { TurnState, type DefaultConversationState, type DefaultUserState } from '@microsoft/teams-ai';

/** What Rampart remembers about a conversation between turns. */
export interface ConversationState extends DefaultConversationState {
  /** The playbook draft being discussed in this thread, if any (id of the playbook). */
  draftPlaybookId?: string;
}

export type UserState = DefaultUserState;

export type AppTurnState = TurnState<ConversationState, UserState>;
