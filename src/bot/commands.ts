import type { Application } from '@microsoft/teams-ai';
import { TRY_EXAMPLE_VERB } from '../cards/welcome';
import { handleAutomationRequest } from './authoring';
import type { BotDeps } from './deps';
import { sendWelcome } from './lifecycle';
import type { AppTurnState } from './state';

/** `help` (and its everyday forms) answers with the welcome card; its example buttons make a request. */
export function registerHelp(app: Application<AppTurnState>, deps: BotDeps): void {
  app.message(/^\s*(help|\?|hi|hello|what can you do\??|commands)\s*$/i, async (context) => {
    await sendWelcome(context, deps);
  });

  app.adaptiveCards.actionSubmit(TRY_EXAMPLE_VERB, async (context, _state, data: { request?: unknown }) => {
    if (typeof data.request !== 'string' || !data.request.trim()) return;
    // Only the example texts are on the card; the request is planned exactly like a typed one.
    context.activity.text = data.request.slice(0, 2000);
    await handleAutomationRequest(context, deps);
  });
}
