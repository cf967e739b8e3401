import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from './errors';
import dotenv from 'dotenv';

/**
 * One typed, validated configuration for the whole process. Every setting is documented
 * here: the text is what an operator sees when the setting is missing or malformed.
 */
const SETTINGS = {
  PORT: 'the port the bot listens on (Bot Framework messages, incident webhook, health)',
  DATA_DIR: 'the directory holding the SQLite database (the embedded store, used when DATABASE_URL is not set)',
  DATABASE_URL: 'a PostgreSQL connection string (postgres://user:password@host:5432/db?sslmode=require): the shared store of several Rampart instances; SQLite in DATA_DIR when unset',
  WEBSITE_INSTANCE_ID: 'set by Azure App Service on each instance; the default INSTANCE_ID',
  INSTANCE_ID: 'this instance\'s name in /healthz and in the outbox claims (default: WEBSITE_INSTANCE_ID on App Service, else host name and process id)',
  LOG_LEVEL: 'pino log level: trace, debug, info, warn, error',
  LOG_FORMAT: '"pretty" for readable local logs or "json" for production',
  APPLICATIONINSIGHTS_CONNECTION_STRING: 'Application Insights connection string: traces and metrics through Azure Monitor OpenTelemetry (none when unset)',
  PUBLIC_BASE_URL: 'the public https URL of this bot, used for download links on cards',
  BOT_ID: 'the Entra app (client) id of the bot; Bot Framework authentication is enforced with it, and Rampart refuses to start without it outside local mode',
  RAMPART_LOCAL: 'true runs Rampart in explicit local mode: no bot registration, no authentication, bound to 127.0.0.1 (npm start, rampart dev)',
  HOST: 'the address the bot listens on (default 0.0.0.0; always 127.0.0.1 in local mode)',
  BOT_PASSWORD: 'the bot app client secret (SECRET_BOT_PASSWORD in env/*.user or Key Vault)',
  BOT_TENANT_ID: 'the Entra tenant of the bot registration',
  BOT_TYPE: 'MultiTenant, SingleTenant or UserAssignedMsi',
  BOT_OPENID_METADATA_URL: 'override of the Bot Framework OpenID metadata URL that signs channel tokens (sovereign clouds, tests)',
  KEY_VAULT_URL: 'Azure Key Vault holding the secrets (https://<name>.vault.azure.net)',
  TENANT_ID: 'the tenant of the Defender XDR / Graph app registration',
  CLIENT_ID: 'the app (client) id Rampart and its playbooks use to call Defender and Graph',
  CLIENT_SECRET: 'the client secret of that app (SECRET_CLIENT_SECRET or Key Vault)',
  AZURE_AUTHORITY_HOST: 'the Entra ID authority host (sovereign clouds, or the simulator)',
  DEFENDER_API_BASE: 'the Defender XDR / Defender for Endpoint API base URL',
  GRAPH_API_BASE: 'the Microsoft Graph base URL',
  VT_API_BASE: 'the VirusTotal API base URL',
  VT_API_KEY: 'the VirusTotal API key (SECRET_VT_API_KEY or Key Vault)',
  TEAMS_WEBHOOK_URL: 'a Teams Workflows webhook the playbooks may post to',
  SOC_EMAIL_SENDER: 'the mailbox playbooks send mail from',
  SOC_EMAIL_TO: 'default mail recipients when a request names none',
  DEFENDER_CA_FILE: 'an extra CA bundle to trust for the Defender/Graph/VirusTotal endpoints (the simulator CA)',
  DEFENDER_PORTAL_URL: 'the Defender portal base URL used for incident links',
  RAMPART_PYTHON: 'the Python 3 interpreter that runs playbooks (needs msal and requests)',
  APPROVERS: 'comma-separated Entra object ids or UPNs allowed to approve playbooks and actions',
  APPROVER_GROUP_IDS: 'comma-separated Entra group ids whose members may approve',
  APPROVER_TEAM_ROLES: 'team roles whose holders may approve, in the team the channel belongs to (only "owner")',
  ALLOW_SELF_APPROVAL: 'true lets the requester approve their own playbook (local trials only)',
  SOC_CHANNEL_ID: 'the Teams conversation id of the SOC channel that receives incident notifications',
  WEBHOOK_HMAC_SECRET: 'the shared secret that signs POST /api/incidents (SECRET_WEBHOOK_HMAC_SECRET or Key Vault)',
  WEBHOOK_AUDIENCES: 'comma-separated app ids / URIs an Entra bearer token on POST /api/incidents must be issued for (default: BOT_ID and CLIENT_ID)',
  WEBHOOK_REQUIRED_ROLE: 'the app role a bearer token on POST /api/incidents must carry (default Rampart.Incidents.Submit)',
  WEBHOOK_ALLOWED_APP_IDS: 'comma-separated app (client) ids allowed to call POST /api/incidents with a bearer token (appid / azp claim); none: the bearer path is off',
  POLL_INTERVAL_SECONDS: 'how often the Defender XDR incidents API is polled; 0 disables the poller',
  BURST_DIGEST_THRESHOLD: 'more new incidents than this waiting for their thread is a burst: Rampart posts a digest card at once and opens the threads needing a decision first (0 turns digests off)',
  APPROVAL_TTL_MINUTES: 'how long an action approval card stays valid',
  OPENAI_API_KEY: 'OpenAI (or compatible) API key for the LLM planner',
  OPENAI_MODEL: 'the OpenAI model name for the LLM planner',
  OPENAI_BASE_URL: 'an OpenAI-compatible endpoint (e.g. a local server)',
  AZURE_OPENAI_ENDPOINT: 'Azure OpenAI endpoint for the LLM planner',
  AZURE_OPENAI_DEPLOYMENT: 'Azure OpenAI deployment name',
  AZURE_OPENAI_API_KEY: 'Azure OpenAI key (else managed identity is used)',
} as const;

export type SettingName = keyof typeof SETTINGS;

/** Settings that are secrets: read from `SECRET_<NAME>` too, and from Key Vault. */
export const SECRET_SETTINGS: readonly SettingName[] = [
  'BOT_PASSWORD',
  'CLIENT_SECRET',
  'VT_API_KEY',
  'WEBHOOK_HMAC_SECRET',
  'OPENAI_API_KEY',
  'AZURE_OPENAI_API_KEY',
  'DATABASE_URL',
];

const optionalText = z.string().trim().min(1).optional();
const optionalUrl = z.string().trim().url().optional();
const list = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean));
const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));
const int = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).optional().transform((v) => v ?? fallback);

const schema = z.object({
  PORT: int(3978, 0, 65535),
  DATA_DIR: z.string().default('./.data'),
  DATABASE_URL: optionalText,
  INSTANCE_ID: optionalText,
  WEBSITE_INSTANCE_ID: optionalText,
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  APPLICATIONINSIGHTS_CONNECTION_STRING: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().regex(/InstrumentationKey=/i, 'an Application Insights connection string contains InstrumentationKey=').optional()),
  PUBLIC_BASE_URL: optionalUrl,
  BOT_ID: optionalText,
  RAMPART_LOCAL: bool(false),
  HOST: z.string().trim().ip().optional(),
  BOT_PASSWORD: optionalText,
  BOT_TENANT_ID: optionalText,
  BOT_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMsi']).default('MultiTenant'),
  BOT_OPENID_METADATA_URL: optionalUrl,
  KEY_VAULT_URL: optionalUrl,
  TENANT_ID: optionalText,
  CLIENT_ID: optionalText,
  CLIENT_SECRET: optionalText,
  AZURE_AUTHORITY_HOST: z.string().url().default('https://login.microsoftonline.com'),
  DEFENDER_API_BASE: z.string().url().default('https://api.security.microsoft.com'),
  GRAPH_API_BASE: z.string().url().default('https://graph.microsoft.com'),
  VT_API_BASE: z.string().url().default('https://www.virustotal.com'),
  VT_API_KEY: optionalText,
  TEAMS_WEBHOOK_URL: optionalUrl,
  SOC_EMAIL_SENDER: z.string().email().optional(),
  SOC_EMAIL_TO: z.string().optional(),
  DEFENDER_CA_FILE: optionalText,
  DEFENDER_PORTAL_URL: z.string().url().default('https://security.microsoft.com'),
  RAMPART_PYTHON: optionalText,
  APPROVERS: list,
  APPROVER_GROUP_IDS: list,
  APPROVER_TEAM_ROLES: list.pipe(z.array(z.enum(['owner'], { message: 'the only team role Rampart reads is "owner"' }))),
  ALLOW_SELF_APPROVAL: bool(false),
  SOC_CHANNEL_ID: optionalText,
  WEBHOOK_HMAC_SECRET: optionalText,
  WEBHOOK_AUDIENCES: list,
  WEBHOOK_REQUIRED_ROLE: z.string().trim().min(1).default('Rampart.Incidents.Submit'),
  WEBHOOK_ALLOWED_APP_IDS: list,
  POLL_INTERVAL_SECONDS: int(60, 0, 86400),
  BURST_DIGEST_THRESHOLD: int(20, 0, 100_000),
  APPROVAL_TTL_MINUTES: int(240, 1, 7 * 24 * 60),
  OPENAI_API_KEY: optionalText,
  OPENAI_MODEL: optionalText,
  OPENAI_BASE_URL: optionalUrl,
  AZURE_OPENAI_ENDPOINT: optionalUrl,
  AZURE_OPENAI_DEPLOYMENT: optionalText,
  AZURE_OPENAI_API_KEY: optionalText,
});

type Raw = z.infer<typeof schema>;

/** The validated configuration the composition root hands to every feature. */
export interface Config {
  port: number;
  /** The listen address: 127.0.0.1 in local mode. */
  host: string;
  dataDir: string;
  /** PostgreSQL (several instances) when set; SQLite in dataDir otherwise. */
  databaseUrl?: string;
  /** Who this process is among several instances. */
  instanceId: string;
  log: { level: string; pretty: boolean };
  /** Application Insights (Azure Monitor OpenTelemetry); telemetry is off when unset. */
  telemetry: { connectionString?: string };
  publicBaseUrl?: string;
  bot: { appId?: string; password?: string; tenantId?: string; type: Raw['BOT_TYPE']; openIdMetadataUrl?: string };
  keyVaultUrl?: string;
  defender: {
    tenantId?: string;
    clientId?: string;
    clientSecret?: string;
    authorityHost: string;
    defenderApiBase: string;
    graphApiBase: string;
    vtApiBase: string;
    vtApiKey?: string;
    teamsWebhookUrl?: string;
    socEmailSender?: string;
    socEmailTo?: string;
    caFile?: string;
    portalUrl: string;
  };
  python?: string;
  approvals: { approvers: string[]; approverGroupIds: string[]; approverTeamRoles: 'owner'[]; allowSelfApproval: boolean; ttlMinutes: number };
  incidents: {
    socChannelId?: string;
    webhookHmacSecret?: string;
    webhookAudiences: string[];
    webhookRequiredRole: string;
    webhookAllowedAppIds: string[];
    pollIntervalSeconds: number;
    /** New incidents waiting for a thread beyond which a digest is posted (0: never). */
    burstDigestThreshold: number;
  };
  llm: {
    openaiApiKey?: string;
    openaiModel?: string;
    openaiBaseUrl?: string;
    azureEndpoint?: string;
    azureDeployment?: string;
    azureApiKey?: string;
  };
  /** Explicit local mode (RAMPART_LOCAL=true without BOT_ID): no authentication, loopback only. */
  isLocal: boolean;
}

/** Reads a dotenv-style file into an object; missing file -> empty. */
export function readEnvFile(file: string): Record<string, string> {
  if (!fs.existsSync(file)) return {};
  return dotenv.parse(fs.readFileSync(file));
}

/**
 * Merges env files (env/.env.<name> then env/.env.<name>.user) under the process
 * environment, which wins. `SECRET_X` in any source fills `X`.
 */
export function collectEnvironment(
  processEnv: NodeJS.ProcessEnv = process.env,
  rootDir = process.cwd(),
): Record<string, string> {
  const envName = processEnv.RAMPART_ENV ?? processEnv.TEAMSFX_ENV;
  const merged: Record<string, string> = {};
  if (envName) {
    Object.assign(merged, readEnvFile(path.join(rootDir, 'env', `.env.${envName}`)));
    Object.assign(merged, readEnvFile(path.join(rootDir, 'env', `.env.${envName}.user`)));
  }
  for (const [k, v] of Object.entries(processEnv)) {
    if (v !== undefined) merged[k] = v;
  }
  for (const name of SECRET_SETTINGS) {
    const secret = merged[`SECRET_${name}`];
    if (!merged[name] && secret) merged[name] = secret;
  }
  // Empty strings mean "not set" (env files carry `NAME=` placeholders).
  for (const k of Object.keys(merged)) {
    if (merged[k] === '') delete merged[k];
  }
  return merged;
}

/** Validates raw settings; throws an AppError that names each bad variable and what it is for. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const picked: Record<string, string | undefined> = {};
  for (const name of Object.keys(SETTINGS)) picked[name] = env[name];
  const result = schema.safeParse(picked);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0]) as SettingName;
      return `  ${name}=${JSON.stringify(picked[name] ?? '')}: ${issue.message} (${SETTINGS[name] ?? 'unknown setting'})`;
    });
    throw new AppError('ConfigInvalid', `Rampart cannot start, its configuration is invalid:\n${lines.join('\n')}`, { isCatastrophic: true });
  }
  const r = result.data;
  const missing: string[] = [];
  if (r.BOT_ID && r.BOT_TYPE !== 'UserAssignedMsi' && !r.BOT_PASSWORD) missing.push('BOT_PASSWORD');
  if (r.BOT_ID && r.BOT_TYPE !== 'MultiTenant' && !r.BOT_TENANT_ID) missing.push('BOT_TENANT_ID');
  if (r.CLIENT_ID && !r.TENANT_ID) missing.push('TENANT_ID');
  if (missing.length > 0) {
    const lines = missing.map((n) => `  ${n} is required here: ${SETTINGS[n as SettingName]}`);
    throw new AppError('ConfigInvalid', `Rampart cannot start, settings are missing:\n${lines.join('\n')}`, { isCatastrophic: true });
  }
  return {
    port: r.PORT,
    host: r.BOT_ID ? r.HOST ?? '0.0.0.0' : '127.0.0.1',
    dataDir: path.resolve(r.DATA_DIR),
    databaseUrl: r.DATABASE_URL,
    instanceId: r.INSTANCE_ID ?? (r.WEBSITE_INSTANCE_ID ? r.WEBSITE_INSTANCE_ID.slice(0, 12) : `${os.hostname()}-${process.pid}`),
    log: { level: r.LOG_LEVEL, pretty: (r.LOG_FORMAT ?? (r.BOT_ID ? 'json' : 'pretty')) === 'pretty' },
    telemetry: { connectionString: r.APPLICATIONINSIGHTS_CONNECTION_STRING },
    publicBaseUrl: r.PUBLIC_BASE_URL,
    bot: { appId: r.BOT_ID, password: r.BOT_PASSWORD, tenantId: r.BOT_TENANT_ID, type: r.BOT_TYPE, openIdMetadataUrl: r.BOT_OPENID_METADATA_URL },
    keyVaultUrl: r.KEY_VAULT_URL,
    defender: {
      tenantId: r.TENANT_ID,
      clientId: r.CLIENT_ID,
      clientSecret: r.CLIENT_SECRET,
      authorityHost: r.AZURE_AUTHORITY_HOST,
      defenderApiBase: r.DEFENDER_API_BASE,
      graphApiBase: r.GRAPH_API_BASE,
      vtApiBase: r.VT_API_BASE,
      vtApiKey: r.VT_API_KEY,
      teamsWebhookUrl: r.TEAMS_WEBHOOK_URL,
      socEmailSender: r.SOC_EMAIL_SENDER,
      socEmailTo: r.SOC_EMAIL_TO,
      caFile: r.DEFENDER_CA_FILE,
      portalUrl: r.DEFENDER_PORTAL_URL,
    },
    python: r.RAMPART_PYTHON,
    approvals: {
      approvers: r.APPROVERS,
      approverGroupIds: r.APPROVER_GROUP_IDS,
      approverTeamRoles: r.APPROVER_TEAM_ROLES,
      allowSelfApproval: r.ALLOW_SELF_APPROVAL,
      ttlMinutes: r.APPROVAL_TTL_MINUTES,
    },
    incidents: {
      socChannelId: r.SOC_CHANNEL_ID,
      webhookHmacSecret: r.WEBHOOK_HMAC_SECRET,
      webhookAudiences: r.WEBHOOK_AUDIENCES,
      webhookRequiredRole: r.WEBHOOK_REQUIRED_ROLE,
      webhookAllowedAppIds: r.WEBHOOK_ALLOWED_APP_IDS,
      pollIntervalSeconds: r.POLL_INTERVAL_SECONDS,
      burstDigestThreshold: r.BURST_DIGEST_THRESHOLD,
    },
    llm: {
      openaiApiKey: r.OPENAI_API_KEY,
      openaiModel: r.OPENAI_MODEL,
      openaiBaseUrl: r.OPENAI_BASE_URL,
      azureEndpoint: r.AZURE_OPENAI_ENDPOINT,
      azureDeployment: r.AZURE_OPENAI_DEPLOYMENT,
      azureApiKey: r.AZURE_OPENAI_API_KEY,
    },
    isLocal: !r.BOT_ID && r.RAMPART_LOCAL,
  };
}

/**
 * Refuses a configuration that would serve unauthenticated: outside explicit local mode a bot
 * registration (BOT_ID) is required, since without it nobody's identity can be verified.
 */
export function assertServable(config: Config): void {
  if (config.bot.appId || config.isLocal) return;
  throw new AppError(
    'ConfigInvalid',
    'Rampart cannot start, settings are missing:\n  BOT_ID is required: without a bot registration every request would be unauthenticated and anyone could approve. ' +
      'For a local trial set RAMPART_LOCAL=true (npm start does): authentication off, listening on 127.0.0.1 only.',
    { httpStatus: 500, isCatastrophic: true },
  );
}

/** Key Vault secret names for the secret settings (Key Vault names allow only dashes). */
export function keyVaultSecretName(setting: SettingName): string {
  return setting.toLowerCase().replace(/_/g, '-');
}

/**
 * Loads the configuration: env files + process env, then, when KEY_VAULT_URL is set, the
 * secrets not already given, from Key Vault through DefaultAzureCredential.
 */
export async function loadConfig(processEnv: NodeJS.ProcessEnv = process.env, rootDir = process.cwd()): Promise<Config> {
  const env = collectEnvironment(processEnv, rootDir);
  const vault = env.KEY_VAULT_URL;
  if (vault) {
    const { SecretClient } = await import('@azure/keyvault-secrets');
    const { DefaultAzureCredential } = await import('@azure/identity');
    const client = new SecretClient(vault, new DefaultAzureCredential());
    for (const name of SECRET_SETTINGS) {
      if (env[name]) continue;
      try {
        const secret = await client.getSecret(keyVaultSecretName(name));
        if (secret.value) env[name] = secret.value;
      } catch (err) {
        const status = (err as { statusCode?: number }).statusCode;
        if (status !== 404) {
          throw new AppError(
            'KeyVaultUnavailable',
            `Rampart cannot read secret "${keyVaultSecretName(name)}" from KEY_VAULT_URL=${vault} (${SETTINGS.KEY_VAULT_URL}): ${(err as Error).message}`,
            { isCatastrophic: true, cause: err },
          );
        }
      }
    }
  }
  return parseConfig(env);
}
