import type { Application } from '@microsoft/teams-ai';
import type { BotDeps } from './deps';
import { sendWelcome } from './lifecycle';
import type { AppTurnState } from './state';

/** `help` (and its everyday forms) answers with the welcome card. */
export function registerHelp(app: Application<AppTurnState>, deps: BotDeps): void {
  app.message(/^\s*(help|\?|hi|hello|what can you do\??|commands)\s*$/i, async (context) => {
    await sendWelcome(context, deps);
  });
}
