import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { ConversationKind } from '../storage/installations';

/** The person behind an activity, as approval rules and the audit log see them. */
export interface Actor {
  /** Entra object id when Teams gives it, else the channel account id. */
  id: string;
  name: string;
  aadObjectId?: string;
  /** The UPN/email, when known (Teams gives it through TeamsInfo; the Playground does not). */
  upn?: string;
}

/** Who sent this activity. */
export function actorOf(activity: Partial<Activity>): Actor {
  const from = activity.from ?? { id: 'unknown', name: 'unknown' };
  return {
    id: from.aadObjectId ?? from.id,
    name: from.name ?? from.id,
    aadObjectId: from.aadObjectId,
  };
}

/** channel / groupChat / personal, from Teams' conversationType. */
export function conversationKind(activity: Partial<Activity>): ConversationKind {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat') return 'groupChat';
  return 'personal';
}

/** The conversation id without Teams' `;messageid=` thread suffix: the channel itself. */
export function rootConversationId(conversationId: string): string {
  return conversationId.split(';messageid=')[0];
}

/** The reference to the conversation root (for new threads), derived from an activity. */
export function rootReference(activity: Partial<Activity>): Partial<ConversationReference> {
  const ref = TurnContext.getConversationReference(activity);
  const conversation = ref.conversation ? { ...ref.conversation, id: rootConversationId(ref.conversation.id) } : undefined;
  return { ...ref, conversation: conversation, activityId: undefined };
}

/** The Teams team id and channel name, when the activity comes from a channel. */
export function teamInfo(activity: Partial<Activity>): { teamId?: string; channelName?: string; tenantId?: string } {
  const data = (activity.channelData ?? {}) as {
    team?: { id?: string };
    channel?: { id?: string; name?: string };
    tenant?: { id?: string };
  };
  return { teamId: data.team?.id, channelName: data.channel?.name, tenantId: data.tenant?.id ?? activity.conversation?.tenantId };
}
