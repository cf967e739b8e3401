import { ConfigurationServiceClientCredentialFactory, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Config } from '../config';
import { BOT_FRAMEWORK } from './channelAuth';
import { messageSizeMiddleware } from './messageSize';

/** teams-ai's TeamsAdapter, with the one entry point the server uses once it has read and checked a request. */
export class RampartAdapter extends TeamsAdapter {
  /** Runs one activity whose token the server already verified; botbuilder checks it again. */
  processAuthenticated(authorization: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }
}

/**
 * The Bot Framework settings botbuilder reads. Setting any one of the endpoint parameters puts
 * botbuilder in its "every parameter explicit" mode, so an OpenID metadata override comes
 * with all the others at their public-cloud values (a missing issuer refuses every token).
 */
export function botFrameworkSettings(config: Config): Record<string, string | boolean> {
  const settings: Record<string, string | boolean> = {
    MicrosoftAppId: config.bot.appId ?? '',
    MicrosoftAppPassword: config.bot.password ?? '',
    MicrosoftAppType: config.bot.type,
    MicrosoftAppTenantId: config.bot.tenantId ?? '',
  };
  if (config.bot.openIdMetadataUrl) {
    Object.assign(settings, {
      ValidateAuthority: true,
      ToChannelFromBotLoginUrl: BOT_FRAMEWORK.toChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: BOT_FRAMEWORK.toChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: BOT_FRAMEWORK.channelTokenIssuer,
      OAuthUrl: BOT_FRAMEWORK.oAuthUrl,
      ToBotFromChannelOpenIdMetadataUrl: config.bot.openIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: BOT_FRAMEWORK.emulatorOpenIdMetadataUrl,
      CallerId: BOT_FRAMEWORK.callerId,
    });
  }
  return settings;
}

/**
 * The CloudAdapter (teams-ai's TeamsAdapter). With BOT_ID set, every request must carry a
 * valid Bot Framework token (401 otherwise); without it (explicit local mode only, bound to
 * 127.0.0.1), authentication is off so the local Agents Playground can talk to the bot.
 */
export function createAdapter(config: Config): RampartAdapter {
  const settings = botFrameworkSettings(config);
  const adapter = config.bot.appId ? new RampartAdapter(settings, new ConfigurationServiceClientCredentialFactory(settings)) : new RampartAdapter({});
  // Every card, replies and proactive posts alike, stays under Teams' message size limit.
  adapter.use({ onTurn: messageSizeMiddleware });
  return adapter;
}
