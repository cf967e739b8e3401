import type { Server } from 'restify';
import { createAdapter } from './bot/adapter';
import { ChannelTokenVerifier } from './bot/channelAuth';
import { createBotApp, type Feature } from './bot/app';
import type { BotDeps } from './bot/deps';
import { assertServable, loadConfig, type Config } from './config';
import { createLogger, type Logger } from './logger';
import { SqlAuditLog } from './storage/audit';
import { SqlBotStorage } from './storage/botStorage';
import { openStorage, type Db } from './storage/database';
import { incidentStorage } from './storage/incidentStorage';
import { SqlInstallationStore } from './storage/installations';
import { leadershipFor } from './storage/leadership';
import { deploymentKey } from './downloads';
import { startServer, type HealthReport, type RunningServer } from './server';
import { checkPythonRuntime, resolvePythonInterpreter } from './playbooks/python';
import { sandboxStatus, useSandboxLogger } from './playbooks/runner/sandbox';
import { handleAutomationRequest, registerAuthoring } from './bot/authoring';
import { createAuthoringServices, type AuthoringServices } from './bot/authoring/services';
import { registerLibraryCommands } from './bot/library';
import { registerDownloadRoute } from './downloads';
import { registerIncidentActions } from './bot/incidents';
import { createIncidentPipeline, type IncidentPipelineTuning } from './incidents';
import { TeamsPacer, TEAMS_GLOBAL_LIMITS, TEAMS_THREAD_LIMITS } from './incidents/teamsPacer';
import { TeamsThreads } from './bot/teamsThreads';
import { registerIncidentWebhook } from './http/incidentWebhook';
import { createIncidentSummarizer, createPlanner, plannerLabel } from './bot/llm';
import { GraphGroupMembership, GraphTeamOwners } from './approvals/policy';
import { GraphChannelMessages } from './bot/channelMessages';
import { TeamsRosterRoles } from './bot/teamRoles';
import { createCredential } from './defender/credential';
import { AppError } from './errors';
import { startTelemetry, stopTelemetry } from './telemetry';

/** A running Rampart: the bot server and everything it owns. */
export interface RunningRampart {
  url: string;
  port: number;
  /** The listen address: 127.0.0.1 in local mode. */
  host: string;
  config: Config;
  /** The store in use: SQLite (embedded) or PostgreSQL (DATABASE_URL). */
  db: Db;
  deps: BotDeps;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Listen port; overrides PORT (0 = any free port, for tests). */
  port?: number;
  /** Settings layered over the process environment (tests pass DATA_DIR etc. here). */
  env?: Record<string, string>;
  /** An already-built config (skips env loading). */
  config?: Config;
  logger?: Logger;
  /** Incident pipeline tuning for tests and benchmarks (Teams limits, timings, a bearer verifier). */
  incidents?: IncidentPipelineTuning & { teamsLimits?: { thread: readonly [number, number][]; global: readonly [number, number][] } };
}

/** Features beyond help/lifecycle, registered in order; later issues add theirs here. */
const FEATURES: Feature[] = [registerLibraryCommands, registerAuthoring, registerIncidentActions];

/** Graph tokens for Rampart's app identity, when it has a Graph credential; `what` says, in a failure, what could not be done. */
function graphTokens(config: Config, what: string): (() => Promise<string>) | undefined {
  const d = config.defender;
  if (!d.tenantId || !d.clientId || !d.clientSecret) return undefined;
  const credential = createCredential({ kind: 'clientSecret', tenantId: d.tenantId, clientId: d.clientId, clientSecret: d.clientSecret, authorityHost: d.authorityHost, caFile: d.caFile });
  return async () => {
    const token = await credential.getToken('https://graph.microsoft.com/.default');
    if (!token) throw new AppError('GraphTokenUnavailable', `Rampart could not ${what}: Entra ID gave no Graph token. Check TENANT_ID, CLIENT_ID and the client secret.`, { httpStatus: 503 });
    return token.token;
  };
}

/** Group-based approvers (APPROVER_GROUP_IDS) are checked through Graph with Rampart's app identity. */
function approverGroupMembership(config: Config): GraphGroupMembership | undefined {
  const tokens = config.approvals.approverGroupIds.length > 0 ? graphTokens(config, 'check the approver groups') : undefined;
  return tokens && new GraphGroupMembership(config.defender.graphApiBase, tokens);
}

/** Team ownership through Graph, when Rampart has a Graph credential (the roster alone does not say who owns a team). */
function graphTeamOwners(config: Config): GraphTeamOwners | undefined {
  const tokens = graphTokens(config, 'check who owns the team');
  return tokens && new GraphTeamOwners(config.defender.graphApiBase, tokens);
}

/** The SOC channel's messages through Graph, when Rampart has a Graph credential: how a post whose answer was lost is found. */
function channelMessages(config: Config): GraphChannelMessages | undefined {
  const tokens = graphTokens(config, 'read the SOC channel');
  return tokens && new GraphChannelMessages(config.defender.graphApiBase, tokens);
}

/** The bot's dependencies on one database: its stores, and the playbook library and approval policy of the authoring services. */
export function botDeps(db: Db, config: Config, logger: Logger, authoring: AuthoringServices): BotDeps {
  return { config, logger, installations: new SqlInstallationStore(db), audit: new SqlAuditLog(db), library: authoring.library, approvalPolicy: authoring.policy, authoring };
}

/** Composition: config -> storage -> deps -> teams-ai app -> HTTP server, started. */
export async function startRampart(options: StartOptions = {}): Promise<RunningRampart> {
  const config = options.config ?? (await loadConfig({ ...process.env, ...(options.env ?? {}) }));
  assertServable(config);
  const logger = options.logger ?? createLogger({ level: config.log.level, pretty: config.log.pretty });
  startTelemetry(config.telemetry.connectionString, logger);
  const db = await openStorage(config);
  const authoring = createAuthoringServices({ db, downloadKey: await deploymentKey(db), config, logger, planner: createPlanner(config, { logger }), membership: approverGroupMembership(config) });
  const deps: BotDeps = {
    ...botDeps(db, config, logger, authoring),
    teamRoles: config.approvals.approverTeamRoles.length > 0 ? new TeamsRosterRoles(logger.child({ component: 'team-roles' }), graphTeamOwners(config)) : undefined,
  };
  const adapter = createAdapter(config);
  // Incidents in (poller + webhook), notifications, runs and action approvals out (docs/ARCHITECTURE.md).
  const { teamsLimits, ...incidentTuning } = options.incidents ?? {};
  const messages = channelMessages(config);
  const teams = new TeamsThreads({
    adapter,
    botAppId: config.bot.appId ?? '',
    installations: deps.installations,
    socChannelId: config.incidents.socChannelId,
    pacer: new TeamsPacer(teamsLimits?.thread ?? TEAMS_THREAD_LIMITS, teamsLimits?.global ?? TEAMS_GLOBAL_LIMITS),
    channelMessages: messages,
  });
  if (!messages) {
    logger.warn('no Graph credential (TENANT_ID, CLIENT_ID, CLIENT_SECRET): Rampart cannot look in the SOC channel for a post cut off by a crash, so after one a notification may appear twice');
  }
  // Notification summaries from the model when one is configured (incident text is sent as data only); from the incident's fields otherwise.
  const summaryWriter = createIncidentSummarizer(config, { logger: logger.child({ component: 'summaries' }) });
  const { leaderCheckMs, ...pipelineTuning } = incidentTuning;
  const leadership = leadershipFor(db, {
    role: 'incident-poller',
    checkMs: leaderCheckMs,
    onChange: (leader) => logger.info({ instance: config.instanceId, leader }, leader ? 'this instance now polls Defender incidents' : 'this instance stopped polling (another one polls)'),
  });
  const storage = incidentStorage(db, config.instanceId);
  const incidents = createIncidentPipeline({ config, storage, leadership, logger, audit: deps.audit, teams, library: deps.library, policy: deps.approvalPolicy, summaryWriter, ...pipelineTuning });
  deps.incidents = incidents.desk;
  const app = createBotApp({ adapter, storage: new SqlBotStorage(db), deps, features: FEATURES,
    // Anything no command claimed is an automation request (docs/ARCHITECTURE.md, "Lifecycle of a playbook").
    fallback: (context) => handleAutomationRequest(context, deps),
  });
  const python = resolvePythonInterpreter(config.python);

  const health = async (): Promise<HealthReport> => {
    let database: Record<string, unknown>;
    try {
      await db.ping();
      database = { ok: true, schemaVersion: await db.schemaVersion() };
    } catch (err) {
      database = { ok: false, error: (err as Error).message };
    }
    const runtime = await checkPythonRuntime(python);
    return {
      status: database.ok && runtime.ok ? 'ok' : 'degraded',
      storage: db.kind,
      instance: config.instanceId,
      database,
      poller: !incidents.poller ? 'off (no Defender connection)' : incidents.leadership.isLeader() ? 'leader' : 'standby',
      python: runtime,
      planner: plannerLabel(config),
      defender: { apiBase: config.defender.defenderApiBase, graphApiBase: config.defender.graphApiBase },
      bot: { authentication: config.bot.appId ? 'enforced' : 'off (local mode, loopback only)' },
      sandbox: sandboxStatus(),
    };
  };

  const runtime = await checkPythonRuntime(python);
  if (!runtime.ok) logger.warn({ python: runtime.interpreter }, runtime.message);
  useSandboxLogger(logger);
  const sandbox = sandboxStatus();
  if (!sandbox.uidDrop) logger.warn({ sandbox }, 'playbooks run without the uid drop');
  if (!sandbox.egressEnforced) logger.warn({ egress: sandbox.egress }, 'playbooks run with unrestricted network access');

  const routes: ((server: Server) => void)[] = [];
  routes.push((server) => registerDownloadRoute(server, authoring.downloads, authoring.library, logger));
  routes.push((server) => registerIncidentWebhook(server, { ...incidents.webhook, logger }));
  const server: RunningServer = await startServer(
    {
      adapter,
      bot: (ctx) => app.run(ctx),
      logger,
      health,
      routes,
      channelAuth: config.bot.appId ? new ChannelTokenVerifier({ appId: config.bot.appId, openIdMetadataUrl: config.bot.openIdMetadataUrl }) : undefined,
    },
    options.port ?? config.port,
    config.host,
  );
  if (!config.publicBaseUrl) authoring.downloads.setBaseUrl(server.url);
  await incidents.start();
  logger.info({ url: server.url, planner: plannerLabel(config), defender: config.defender.defenderApiBase }, 'Rampart is listening');
  return {
    url: server.url,
    port: server.port,
    host: server.host,
    config,
    db,
    deps,
    stop: async () => {
      await authoring.background.idle();
      await incidents.stop();
      await server.stop();
      await stopTelemetry().catch((err: Error) => logger.warn({ err: err.message }, 'telemetry did not flush'));
      await db.close();
    },
  };
}
