import { CardFactory, type TurnContext } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { welcomeCard } from '../cards/welcome';
import type { BotDeps } from './deps';
import { conversationKind, rootConversationId, rootReference, teamInfo } from './conversation';
import type { AppTurnState } from './state';

/** Remembers the conversation so Rampart can post to it later (notifications, run results). */
export async function rememberConversation(context: TurnContext, deps: BotDeps): Promise<void> {
  const activity = context.activity;
  if (!activity.conversation?.id) return;
  const info = teamInfo(activity);
  await deps.installations.add({
    conversationId: rootConversationId(activity.conversation.id),
    kind: conversationKind(activity),
    name: info.channelName ?? activity.conversation.name,
    teamId: info.teamId,
    tenantId: info.tenantId,
    reference: rootReference(activity),
  });
}

/** Sends the welcome card (also the answer to `help`). */
export async function sendWelcome(context: TurnContext, deps: BotDeps): Promise<void> {
  const card = welcomeCard({
    selfApprovalAllowed: deps.config.approvals.allowSelfApproval,
    inChannel: conversationKind(context.activity) === 'channel',
  });
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

/** Install / uninstall: keep the installation store current and greet once. */
export function registerLifecycle(app: Application<AppTurnState>, deps: BotDeps): void {
  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === botId);
    if (!botAdded) return;
    await rememberConversation(context, deps);
    deps.logger.info({ conversation: context.activity.conversation?.id }, 'installed in a conversation');
    await sendWelcome(context, deps);
  });

  app.conversationUpdate('membersRemoved', async (context) => {
    const botId = context.activity.recipient?.id;
    const botRemoved = (context.activity.membersRemoved ?? []).some((m) => m.id === botId);
    if (!botRemoved || !context.activity.conversation?.id) return;
    await deps.installations.remove(rootConversationId(context.activity.conversation.id));
    deps.logger.info({ conversation: context.activity.conversation.id }, 'removed from a conversation');
  });

  app.activity('installationUpdate', async (context) => {
    const action = (context.activity as { action?: string }).action ?? '';
    if (action.startsWith('remove') && context.activity.conversation?.id) {
      await deps.installations.remove(rootConversationId(context.activity.conversation.id));
    } else {
      await rememberConversation(context, deps);
    }
  });
}
