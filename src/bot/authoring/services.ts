import type { ApprovalPolicy } from '../../approvals/policy';
import type { DownloadLinks } from '../../downloads';
import type { PlaybookStore } from '../../playbooks/library';
import type { AuthoringEngine, PlanningThread } from './engine';
import type { ProposalCardStore } from './proposals';
import type { AuthoringThreadStore } from './threads';

/** What the authoring flow and the library commands need, beyond the core BotDeps. */
export interface AuthoringServices {
  library: PlaybookStore;
  policy: ApprovalPolicy;
  engine: AuthoringEngine;
  downloads: DownloadLinks;
  proposals: ProposalCardStore;
  /** What each authoring thread is discussing: its draft and any question awaiting an answer. */
  threads: AuthoringThreadStore;
  /** Dry runs and edits started from a card click, finished after the invoke has answered. */
  background: BackgroundWork;
  /** Proposal cards with work in progress (playbookId:version -> what is being done), for refreshes meanwhile. */
  working: Map<string, string>;
}

import type { Config } from '../../config';
import type { Logger } from '../../logger';
import { AppError } from '../../errors';
import { SqliteDb, type Db } from '../../storage/database';
import type { PlanResult, Planner } from '../../playbooks/planner/types';
import type { ConversationContext, LlmPlanResult } from '../../playbooks/planner/llm';
import type { PlaybookSpec } from '../../playbooks/spec';
import { generateFromRequest } from '../../playbooks/engine';
import { SqlBotStorage } from '../../storage/botStorage';
import type { Review } from '../../playbooks/review/types';
import { ApprovalPolicy as Policy, type GroupMembershipLookup } from '../../approvals/policy';
import { DownloadLinks as Links, deploymentKeyNow } from '../../downloads';
import { SqlPlaybookStore } from '../../storage/playbookStore';
import { connectionFromConfig, runPlaybook } from '../../playbooks/runner';
import { createAuthoringEngine } from './engine';
import { BackgroundWork } from '../background';
import { createCredential } from '../../defender/credential';
import { DefenderClient } from '../../defender/defenderClient';
import { parseIncidentPayload } from '../../incidents/model';
import { matchesTrigger } from '../../incidents/triggers';
import { SqlProposalCardStore } from './proposals';
import { StorageAuthoringThreadStore } from './threads';

/** A planner that can edit a draft in conversation (the LLM planner). */
interface RevisingPlanner extends Planner {
  plan(request: string, ctx?: ConversationContext): Promise<LlmPlanResult>;
  revise(currentSpec: PlaybookSpec, change: string, ctx?: ConversationContext): Promise<LlmPlanResult>;
}

function canRevise(planner: Planner | undefined): planner is RevisingPlanner {
  return typeof (planner as Partial<RevisingPlanner> | undefined)?.revise === 'function';
}

/**
 * The engine's `generateFromRequest`, shaped for the authoring flow. A conversational planner
 * gets the thread (and edits the draft with `revise`); any other planner plans the request,
 * which is everything the analyst asked for in the thread, as one request.
 */
function engineGenerate(config: Config, planner?: Planner): (request: string, thread?: PlanningThread) => Promise<{ plan: PlanResult; code?: string; review?: Review }> {
  return async (request, thread) => {
    let effective = planner;
    if (thread && canRevise(planner)) {
      const llm = planner;
      const ctx: ConversationContext = thread.history?.length ? { history: thread.history } : {};
      const latest = thread.latest ?? request;
      const current = thread.currentSpec;
      // The engine calls plan(request) and quotes the request in the code's header; the model
      // gets the thread and the analyst's latest words instead.
      effective = { name: llm.name, plan: () => (current ? llm.revise(current, latest, ctx) : llm.plan(latest, ctx)) };
    }
    const result = await generateFromRequest(request, { python: config.python, planner: effective });
    return result.ok ? { plan: result.plan, code: result.code, review: result.review } : { plan: result.plan };
  };
}

/**
 * The newest tenant incident a spec's trigger matches, for the dry-run preview; undefined
 * without Defender credentials (the preview then uses a built-in sample).
 */
function recentMatchingIncident(config: Config): ((spec: PlaybookSpec) => Promise<{ incidentId: string; title: string } | undefined>) | undefined {
  const d = config.defender;
  if (!d.tenantId || !d.clientId || !d.clientSecret) return undefined;
  const credential = createCredential({ kind: 'clientSecret', tenantId: d.tenantId, clientId: d.clientId, clientSecret: d.clientSecret, authorityHost: d.authorityHost, caFile: d.caFile });
  const client = new DefenderClient({ credential, baseUrl: d.defenderApiBase, caFile: d.caFile, timeoutMs: 4000, maxRetries: 0 });
  return async (spec) => {
    const { incidents } = await client.listIncidents({ top: 50 });
    const newestFirst = [...incidents].sort((a, b) => String(b.lastUpdateTime).localeCompare(String(a.lastUpdateTime)));
    for (const raw of newestFirst) {
      try {
        const incident = parseIncidentPayload(raw);
        if (matchesTrigger(spec.trigger, incident)) return { incidentId: String(incident.incidentId), title: incident.incidentName };
      } catch {
        // An incident Rampart cannot read is not a preview candidate.
      }
    }
    return undefined;
  };
}

/** Builds the authoring services on the database; `engine` overrides the real engine (tests). */
export function createAuthoringServices(options: {
  db: Db;
  /** The download-link signing key (read from the database beforehand; the embedded one can be read here). */
  downloadKey?: Buffer;
  config: Config;
  logger: Logger;
  engine?: AuthoringServices['engine'];
  /** The planner (offline by default; the LLM planner when configured). */
  planner?: Planner;
  membership?: GroupMembershipLookup;
  baseUrl?: string;
}): AuthoringServices {
  const { db, config } = options;
  return {
    library: new SqlPlaybookStore(db),
    policy: new Policy(
      { approvers: config.approvals.approvers, approverGroupIds: config.approvals.approverGroupIds, approverTeamRoles: config.approvals.approverTeamRoles, allowSelfApproval: config.approvals.allowSelfApproval },
      options.membership,
    ),
    engine:
      options.engine ??
      createAuthoringEngine({
        generate: engineGenerate(config, options.planner),
        runPlaybook,
        python: config.python,
        connection: connectionFromConfig(config),
        recentMatchingIncident: recentMatchingIncident(config),
      }),
    downloads: new Links(options.downloadKey ?? embeddedKey(db), options.baseUrl ?? config.publicBaseUrl ?? `http://localhost:${config.port}`),
    proposals: new SqlProposalCardStore(db),
    threads: new StorageAuthoringThreadStore(new SqlBotStorage(db)),
    background: new BackgroundWork(options.logger.child({ component: 'card-work' })),
    working: new Map(),
  };
}

function embeddedKey(db: Db): Buffer {
  if (db instanceof SqliteDb) return deploymentKeyNow(db);
  // A wiring mistake of the composition root (bootstrap passes the shared key on PostgreSQL), not something a user or operator can meet.
  throw new AppError('WiringInvalid', 'Rampart is not set up correctly; an administrator must check its start-up.', { detail: 'createAuthoringServices needs downloadKey when the database is PostgreSQL', isCatastrophic: true });
}
