import { TurnState, type DefaultConversationState, type DefaultUserState } from '@microsoft/teams-ai';

/** What Rampart remembers about a conversation between turns. */
// Authoring threads keep their drafts and pending questions in their own store
// (src/bot/authoring/threads.ts), keyed by thread, not by conversation.
export type ConversationState = DefaultConversationState;

export type UserState = DefaultUserState;

export type AppTurnState = TurnState<ConversationState, UserState>;
