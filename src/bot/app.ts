import { Application, TurnState } from '@microsoft/teams-ai';
import type { Storage, TurnContext } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { registerHelp } from './commands';
import type { BotDeps } from './deps';
import { explainFailure } from './errors';
import { registerLifecycle, rememberConversation } from './lifecycle';
import type { AppTurnState, ConversationState, UserState } from './state';

/** A feature that hangs its routes off the app. */
export type Feature = (app: Application<AppTurnState>, deps: BotDeps) => void;

export interface CreateAppOptions {
  adapter: TeamsAdapter;
  storage: Storage;
  deps: BotDeps;
  /** Features registered after help and lifecycle, in order; the catch-all comes last. */
  features?: Feature[];
  /** The catch-all for messages no feature claimed. */
  fallback?: (context: TurnContext, state: AppTurnState) => Promise<void>;
}

/** Builds the teams-ai Application with Rampart's features registered in route order. */
export function createBotApp(options: CreateAppOptions): Application<AppTurnState> {
  const { deps } = options;
  const app = new Application<AppTurnState>({
    adapter: options.adapter,
    storage: options.storage,
    botAppId: deps.config.bot.appId ?? '',
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
    adaptiveCards: { actionSubmitFilter: 'verb' },
    turnStateFactory: () => new TurnState<ConversationState, UserState>(),
  });

  app.turn('beforeTurn', async (context) => {
    if (context.activity.type === 'message') {
      // Every conversation that talks to Rampart is one it may answer in later.
      await rememberConversation(context, deps).catch((err: Error) =>
        deps.logger.warn({ err: err.message }, 'could not remember the conversation'),
      );
    }
    return true;
  });

  registerLifecycle(app, deps);
  registerHelp(app, deps);
  for (const feature of options.features ?? []) feature(app, deps);

  app.activity('message', async (context, state) => {
    if (options.fallback) {
      await options.fallback(context, state);
      return;
    }
    await context.sendActivity('I did not understand that. Type `help` to see what I can automate.');
  });

  app.error(async (context, err) => {
    const said = explainFailure(
      deps.logger,
      err,
      'turn failed',
      { activityType: context.activity.type, conversation: context.activity.conversation?.id },
      'Sorry, something went wrong on my side while handling that; please try again.',
    );
    // A failing card action or event must never spam a channel: only messages get a reply.
    if (context.activity.type === 'message') await context.sendActivity(said);
  });
  return app;
}
