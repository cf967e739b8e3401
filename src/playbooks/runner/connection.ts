import type { Config } from '../../config';
import type { PlaybookConnection } from './index';

/** The connection a playbook gets from the environment variables of the generated-playbook contract (docs/ARCHITECTURE.md, "Contracts"). */
export function connectionFromEnvironment(env: Record<string, string | undefined>): PlaybookConnection {
  return {
    tenantId: env.TENANT_ID,
    clientId: env.CLIENT_ID,
    clientSecret: env.CLIENT_SECRET,
    authorityHost: env.AZURE_AUTHORITY_HOST,
    defenderApiBase: env.DEFENDER_API_BASE,
    graphApiBase: env.GRAPH_API_BASE,
    vtApiBase: env.VT_API_BASE,
    vtApiKey: env.VT_API_KEY,
    teamsWebhookUrl: env.TEAMS_WEBHOOK_URL,
    socEmailSender: env.SOC_EMAIL_SENDER,
    socEmailTo: env.SOC_EMAIL_TO,
    caFile: env.DEFENDER_CA_FILE,
    keyVaultUrl: env.KEY_VAULT_URL,
  };
}

/** The connection playbooks run with inside Rampart, from its validated config. */
export function connectionFromConfig(config: Pick<Config, 'defender' | 'keyVaultUrl'>): PlaybookConnection {
  const d = config.defender;
  return {
    tenantId: d.tenantId,
    clientId: d.clientId,
    clientSecret: d.clientSecret,
    authorityHost: d.authorityHost,
    defenderApiBase: d.defenderApiBase,
    graphApiBase: d.graphApiBase,
    vtApiBase: d.vtApiBase,
    vtApiKey: d.vtApiKey,
    teamsWebhookUrl: d.teamsWebhookUrl,
    socEmailSender: d.socEmailSender,
    socEmailTo: d.socEmailTo,
    caFile: d.caFile,
    keyVaultUrl: config.keyVaultUrl,
  };
}
