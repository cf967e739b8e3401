import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Config } from '../config';

/**
 * The CloudAdapter (teams-ai's TeamsAdapter). With BOT_ID set, every request must carry a
 * valid Bot Framework token (401 otherwise); without it, authentication is off so the local
 * Agents Playground can talk to the bot.
 */
export function createAdapter(config: Config): TeamsAdapter {
  if (!config.bot.appId) {
    return new TeamsAdapter({});
  }
  const settings = {
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.password ?? '',
    MicrosoftAppType: config.bot.type,
    MicrosoftAppTenantId: config.bot.tenantId ?? '',
    ...(config.bot.openIdMetadataUrl ? { ToBotFromChannelOpenIdMetadataUrl: config.bot.openIdMetadataUrl } : {}),
  };
  return new TeamsAdapter(settings, new ConfigurationServiceClientCredentialFactory(settings));
}
