import type { Config } from '../../config';
import { createCredential, type TokenCredential } from '../../defender/credential';
import type { PlaybookAccessTokens, PlaybookConnection, PlaybookTokenSource } from './index';

/** The scopes the generated runtime uses (DEFENDER_SCOPE, GRAPH_SCOPE in codegen/runtime.ts). */
export const PLAYBOOK_SCOPES = { defender: 'https://api.security.microsoft.com/.default', graph: 'https://graph.microsoft.com/.default' } as const;

/**
 * Tokens for a run from Rampart's own credential (cached and refreshed by @azure/identity): the
 * playbook gets an hour of API access instead of the client secret. A token that cannot be had
 * is left out, and the playbook falls back to what it was given besides.
 */
export function credentialTokenSource(credential: TokenCredential): PlaybookTokenSource {
  const one = async (scope: string): Promise<string | undefined> => (await credential.getToken(scope).catch(() => null))?.token;
  return {
    async tokens(): Promise<PlaybookAccessTokens> {
      const [defender, graph] = await Promise.all([one(PLAYBOOK_SCOPES.defender), one(PLAYBOOK_SCOPES.graph)]);
      return { defender, graph };
    },
  };
}

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
  const tokens =
    d.tenantId && d.clientId && d.clientSecret
      ? credentialTokenSource(createCredential({ kind: 'clientSecret', tenantId: d.tenantId, clientId: d.clientId, clientSecret: d.clientSecret, authorityHost: d.authorityHost, caFile: d.caFile }))
      : undefined;
  return {
    tokens,
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
