import { ApprovalPolicy } from '../approvals/policy';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { PlaybookLibrary } from '../playbooks/library';
import { connectionFromConfig, runPlaybook } from '../playbooks/runner';
import type { AuditLog } from '../audit';
import type { IncidentStorage, Leadership } from '../records/storage';
import type { ApprovalPerson } from '../records/approval';
import { VirusTotalClient } from '../defender/virusTotalClient';
import { TransportDefenderGateway } from './defenderGateway';
import { IocVerdicts } from './verdicts';
import { entraBearerVerifier } from './entraBearer';
import { IncidentDesk, type ApprovalRule, type PlaybookRunnerFn, type RunnablePlaybook } from './desk';
import { IncidentPoller } from './poller';
import type { DefenderGateway, TeamsSender } from './ports';
import type { BearerVerifier } from './webhook';
import type { SecurityIncident } from './model';
import type { SummaryWriter } from './summary';

export { IncidentDesk } from './desk';
export { signBody, validSignature } from './webhook';
export { parseIncidentPayload } from './model';

export interface IncidentPipelineOptions {
  config: Config;
  /** The stores (storage/incidentStorage.ts, claiming outbox items as this process's instance). */
  storage: IncidentStorage;
  /** Whether this instance polls (storage/leadership.ts: the `incident-poller` advisory lock on PostgreSQL). */
  leadership: Leadership;
  logger: Logger;
  audit: AuditLog;
  /** Posting to Teams: the bot layer's TeamsThreads (botbuilder stays out of this folder). */
  teams: TeamsSender;
  library?: PlaybookLibrary;
  policy?: ApprovalPolicy;
  /** Overrides for tests: a gateway, a runner, Teams limits, machine-action timing. */
  defender?: DefenderGateway;
  runPlaybook?: PlaybookRunnerFn;
  machineActionPollMs?: number;
  machineActionTimeoutMs?: number;
  inFlightGraceMs?: number;
  actionRetryWindowMs?: number;
  verifyBearer?: BearerVerifier;
  /** The model that writes notification summaries (the composition root's LLM summariser), when one is configured. */
  summaryWriter?: SummaryWriter;
}

/** What a test or benchmark may tune when starting the whole bot (see StartOptions.incidents). */
export type IncidentPipelineTuning = Pick<IncidentPipelineOptions, 'machineActionPollMs' | 'machineActionTimeoutMs' | 'inFlightGraceMs' | 'actionRetryWindowMs' | 'verifyBearer'> & {
  /** How often a standby instance tries to take the poller role (default 10 s; storage/leadership.ts). */
  leaderCheckMs?: number;
};

/** The running incident pipeline: the desk, the poller, and the webhook route. */
export interface IncidentPipeline {
  desk: IncidentDesk;
  poller?: IncidentPoller;
  /** Whether this instance is the one that polls (always, on the embedded database). */
  leadership: Leadership;
  /** What POST /api/incidents needs (the route itself lives in src/http). */
  webhook: { hmacSecret?: string; verifyBearer?: BearerVerifier; ingest: (incident: SecurityIncident, source: string) => Promise<{ fresh: boolean; isNew: boolean }> };
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The approval rules (ApprovalPolicy) applied to one action approval. */
function approvalRule(config: Config, policy?: ApprovalPolicy): ApprovalRule {
  const rules =
    policy ??
    new ApprovalPolicy({
      approvers: config.approvals.approvers,
      approverGroupIds: config.approvals.approverGroupIds,
      approverTeamRoles: config.approvals.approverTeamRoles,
      allowSelfApproval: config.approvals.allowSelfApproval,
    });
  return async (person, approval) => {
    const requester = approval.requestedBy ?? { id: 'rampart', name: 'Rampart' };
    const verdict = await rules.canApprove(person, { requester: { id: requester.id }, label: `this ${approval.action}` });
    return verdict.allowed ? { allowed: true } : { allowed: false, reason: verdict.reason };
  };
}

function enabledPlaybooks(library?: PlaybookLibrary): () => Promise<RunnablePlaybook[]> {
  return async () => {
    if (!library) return [];
    const enabled = await library.listEnabled();
    return enabled.map((e) => ({ playbookId: e.playbook.id, name: e.playbook.name, version: e.version.version, spec: e.version.spec, code: e.version.code, unattended: e.version.unattended }));
  };
}

function liveRunner(config: Config): PlaybookRunnerFn {
  // One connection (and one credential, whose token cache every run shares).
  const connection = connectionFromConfig(config);
  return async ({ code, incidentId, deferActions, onEvent }) => {
    const result = await runPlaybook({
      source: code,
      incidentId,
      dryRun: false,
      deferActions,
      python: config.python,
      onEvent,
      env: connection,
    });
    return { status: result.status, reason: result.reason, summary: result.done?.summary };
  };
}

/** Entra ID tokens for WEBHOOK_AUDIENCES (default: Rampart's own apps) carrying WEBHOOK_REQUIRED_ROLE, from WEBHOOK_ALLOWED_APP_IDS. */
function defaultBearerVerifier(config: Config): BearerVerifier | undefined {
  const d = config.defender;
  const configured = config.incidents.webhookAudiences;
  const appIds = configured.length > 0 ? configured : [config.bot.appId, d.clientId].filter((v): v is string => Boolean(v));
  if (!d.tenantId || appIds.length === 0 || config.incidents.webhookAllowedAppIds.length === 0) return undefined;
  return entraBearerVerifier({
    authorityHost: d.authorityHost,
    tenantId: d.tenantId,
    appIds,
    requiredRole: config.incidents.webhookRequiredRole,
    allowedCallers: config.incidents.webhookAllowedAppIds,
    refusedCallers: d.clientId ? [d.clientId] : [],
    caFile: d.caFile,
  });
}

/** Builds the incident pipeline from the composition root's pieces (not started). */
export function createIncidentPipeline(o: IncidentPipelineOptions): IncidentPipeline {
  const { config, logger } = o;
  let defender = o.defender;
  if (!defender && config.defender.tenantId && config.defender.clientId && config.defender.clientSecret) {
    defender = new TransportDefenderGateway(config.defender);
  }
  const teams = o.teams;
  const d = config.defender;
  const verdicts = d.vtApiKey
    ? new IocVerdicts(new VirusTotalClient({ apiKey: d.vtApiKey, baseUrl: d.vtApiBase, caFile: d.caFile, timeoutMs: 4000, maxRetries: 0 }), logger.child({ component: 'virustotal' }))
    : undefined;
  const library = o.library;
  const desk = new IncidentDesk({
    verdicts,
    summaryWriter: o.summaryWriter,
    recordRun: library ? (run) => library.recordRun(run) : undefined,
    storage: o.storage,
    logger: logger.child({ component: 'incidents' }),
    audit: o.audit,
    teams,
    defender,
    playbooks: enabledPlaybooks(o.library),
    runPlaybook: o.runPlaybook ?? liveRunner(config),
    canApprove: approvalRule(config, o.policy),
    approverRule: () => (o.policy ?? new ApprovalPolicy({ approvers: config.approvals.approvers, approverGroupIds: config.approvals.approverGroupIds, approverTeamRoles: config.approvals.approverTeamRoles, allowSelfApproval: config.approvals.allowSelfApproval })).describe(),
    portalUrl: config.defender.portalUrl,
    approvalTtlMinutes: config.approvals.ttlMinutes,
    burstDigestThreshold: config.incidents.burstDigestThreshold,
    machineActionPollMs: o.machineActionPollMs,
    machineActionTimeoutMs: o.machineActionTimeoutMs,
    inFlightGraceMs: o.inFlightGraceMs,
    actionRetryWindowMs: o.actionRetryWindowMs,
  });
  const leadership = o.leadership;
  const poller = defender
    ? new IncidentPoller({ isLeader: () => leadership.isLeader(), defender, store: desk.incidents, ingest: (i, s) => desk.ingest(i, s), logger: logger.child({ component: 'poller' }), intervalSeconds: config.incidents.pollIntervalSeconds })
    : undefined;
  return {
    desk,
    poller,
    leadership,
    webhook: { hmacSecret: config.incidents.webhookHmacSecret, verifyBearer: o.verifyBearer ?? defaultBearerVerifier(config), ingest: (i, s) => desk.ingest(i, s) },
    start: async () => {
      await desk.start();
      if (poller) await leadership.start();
      poller?.start();
    },
    stop: async () => {
      await poller?.stop();
      await leadership.stop();
      await desk.stop();
    },
  };
}

export type { ApprovalPerson };
