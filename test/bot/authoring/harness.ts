import { TestAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import { auditActivityCards } from '../../helpers/cardAudit';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { createBotApp } from '../../../src/bot/app';
import { handleAutomationRequest, registerAuthoring } from '../../../src/bot/authoring';
import type { AuthoringEngine } from '../../../src/bot/authoring/engine';
import type { DryRunPreview } from '../../../src/playbooks/preview';
import { createAuthoringServices } from '../../../src/bot/authoring/services';
import type { BotDeps } from '../../../src/bot/deps';
import { registerLibraryCommands } from '../../../src/bot/library';
import { parseConfig } from '../../../src/config';
import { silentLogger } from '../../../src/logger';
import type { PlanAccepted } from '../../../src/playbooks/planner/types';
import type { Review } from '../../../src/playbooks/review/types';
import type { RunResult } from '../../../src/playbooks/runner';
import { parseSpec, type PlaybookSpec } from '../../../src/playbooks/spec';
import { SqlBotStorage } from '../../../src/storage/botStorage';
import { openDatabase, type SqliteDb } from '../../../src/storage/database';
import { botDeps } from '../../../src/bootstrap';

/** A TestAdapter that also records card updates (TestAdapter only replaces queued ones). */
export class RecordingAdapter extends TestAdapter {
  readonly updates: Partial<Activity>[] = [];
  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    for (const a of activities) auditActivityCards(a, `sent ${a.type ?? 'activity'}`);
    return super.sendActivities(context, activities);
  }

  /** Proactive turns (work a click started, finished after its invoke answered), as CloudAdapter runs them. */
  override async continueConversationAsync(...args: unknown[]): Promise<void> {
    const reference = args[1] as Partial<ConversationReference>;
    const logic = args[args.length - 1] as (context: TurnContext) => Promise<void>;
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<void> {
    auditActivityCards(activity, 'updated activity');
    this.updates.push(activity);
    await super.updateActivity(context, activity);
  }
}

export const ISOLATE_REQUEST =
  'Isolate the machine if a critical severity alert from Microsoft Defender for Endpoint involves a known malicious IOC, and post the details to a Teams channel.';

export const ISOLATE_SPEC: PlaybookSpec = parseSpec({
  specVersion: 1,
  name: 'isolate-on-malicious-ioc',
  trigger: { kind: 'alert', severities: ['High'], serviceSources: ['MicrosoftDefenderForEndpoint'] },
  enrichments: [{ source: 'virusTotal', iocTypes: ['file', 'ip', 'url', 'domain'] }],
  steps: [
    {
      action: 'isolate',
      target: { kind: 'alertDevices' },
      params: { isolationType: 'Full' },
      when: { condition: { kind: 'maliciousIoc', iocTypes: ['file', 'ip', 'url', 'domain'], minEngines: 1 }, scope: 'alert' },
    },
    { action: 'teamsMessage', target: { kind: 'channel' } },
  ],
});

/** Python-looking code of `lines` lines; `marker` makes versions differ. */
export function fakeCode(lines = 120, marker = 'v1'): string {
  const out = ['#!/usr/bin/env python3', `"""Rampart playbook (${marker})."""`, 'import requests'];
  for (let i = out.length; i < lines; i++) out.push(`    step_${i} = requests.get("https://api.security.microsoft.com/api/incidents", timeout=30)  # ${marker} <b>*_x_*</b>`);
  return out.join('\n');
}

export interface FakeEngineOptions {
  blocking?: boolean;
  codeLines?: number;
  /** While set, dry runs wait for it (a slow sandbox or tenant). */
  dryRunGate?: Promise<void>;
}

/** A deterministic engine: records calls; refuses requests containing "weather". */
export class FakeEngine implements AuthoringEngine {
  readonly proposals: string[] = [];
  readonly dryRuns: (string | undefined)[] = [];
  readonly runs: { incidentId: string; live: boolean; deferActions: string[] }[] = [];
  constructor(public options: FakeEngineOptions = {}) {}

  async propose(request: string) {
    this.proposals.push(request);
    if (/weather|coffee/i.test(request)) {
      return {
        ok: false as const,
        refusal: {
          ok: false as const,
          reason: 'Nothing in the request is something Rampart can automate.',
          notUnderstood: [request],
          understood: [],
          facts: [],
          supported: 'Rampart can automate, for Microsoft Defender XDR incidents and alerts: isolate devices, ...',
          planner: 'offline',
        },
      };
    }
    const plan: PlanAccepted = {
      ok: true,
      spec: ISOLATE_SPEC,
      understood: [{ phrase: 'critical severity alert', meaning: 'alert severity High' }],
      notUnderstood: /hourly/.test(request) ? ['hourly'] : [],
      facts: ['Defender has no "critical" severity: critical is mapped to High.'],
      assumptions: [],
      planner: 'offline',
    };
    const review: Review = {
      findings: this.options.blocking
        ? [{ rule: 'RAMP001', severity: 'high', line: 12, message: 'hard-coded secret', fix: 'read it from the environment', blocking: true, source: 'rampart' }]
        : [{ rule: 'B113', severity: 'low', line: 40, message: 'request without timeout', fix: 'add timeout=30', blocking: false, source: 'bandit' }],
      blocking: Boolean(this.options.blocking),
      permissions: [{ name: 'Machine.Isolate', api: 'Defender', why: 'POST /api/machines/{id}/isolate' }],
      tools: { pyCompile: 'ok', rules: 'ok', bandit: 'ok' },
      durationMs: 5,
    };
    return { ok: true as const, plan, spec: ISOLATE_SPEC, code: fakeCode(this.options.codeLines, `${this.proposals.length}:${request.length}`), review };
  }

  async dryRun(_code: string, _spec: PlaybookSpec, incidentId?: string): Promise<DryRunPreview> {
    this.dryRuns.push(incidentId);
    if (this.options.dryRunGate) await this.options.dryRunGate;
    const id = incidentId ?? '41001';
    if (id === '41002') {
      return { incidentId: id, source: 'sample', effects: [], falseConditions: ['no IOC in alert da1_1 is malicious on VirusTotal (0/70 engines)'], status: 'completed', ranAt: new Date().toISOString() };
    }
    return {
      incidentId: id,
      incidentTitle: 'Credential theft on ws-fin-042',
      source: 'sample',
      effects: [
        { text: 'isolate ws-fin-042.contoso.local (Full)', destructive: true },
        { text: 'post to the SOC channel', destructive: false },
      ],
      falseConditions: [],
      status: 'completed',
      ranAt: new Date().toISOString(),
    };
  }

  async run(_code: string, incidentId: string, options: { live: boolean; deferActions: string[] }): Promise<RunResult> {
    this.runs.push({ incidentId, ...options });
    const isolate = {
      event: 'action' as const,
      action: 'isolate',
      target: { machineId: 'm1', deviceName: 'ws-fin-042.contoso.local' },
      destructive: true,
      dryRun: !options.live,
      status: options.live ? ('deferred' as const) : ('dry-run' as const),
      request: { api: 'defender', method: 'POST', path: '/api/machines/m1/isolate', body: { IsolationType: 'Full' } },
    };
    return {
      status: 'completed',
      exitCode: 0,
      events: [isolate],
      actions: [isolate],
      conditions: [],
      done: { event: 'done', status: 'completed', actions: 1, summary: 'isolation requested' },
      stderrTail: '',
      durationMs: 10,
      truncated: false,
    };
  }
}

export interface Harness {
  adapter: RecordingAdapter;
  deps: BotDeps;
  db: SqliteDb;
  engine: FakeEngine;
}

/**
 * The authoring bot as production wires it (library commands, authoring, and the automation
 * request as the fallback) for `deps`, keeping its state in `db`, behind the adapter `adapterFor` makes.
 */
export function authoringBot<A>(db: SqliteDb, deps: BotDeps, adapterFor: (logic: (context: TurnContext) => Promise<void>) => A): A {
  const app = createBotApp({
    adapter: undefined as unknown as TeamsAdapter,
    storage: new SqlBotStorage(db),
    deps,
    features: [registerLibraryCommands, registerAuthoring],
    fallback: (context) => handleAutomationRequest(context, deps),
  });
  return adapterFor(async (context) => {
    await app.run(context);
  });
}

/** The bot as production wires it (same features, same fallback), on a given database. */
export function buildBot(env: Record<string, string> = {}, options: { db?: SqliteDb; engine?: FakeEngine | 'real' } = {}): Harness {
  const db = options.db ?? openDatabase(':memory:');
  const config = parseConfig(env);
  const engine = options.engine === 'real' ? new FakeEngine() : options.engine ?? new FakeEngine();
  const authoring = createAuthoringServices({ db, config, logger: silentLogger(), engine: options.engine === 'real' ? undefined : engine, baseUrl: 'https://rampart.test' });
  const deps = botDeps(db, config, silentLogger(), authoring);
  return { adapter: authoringBot(db, deps, (logic) => new RecordingAdapter(logic)), deps, db, engine };
}

export const ALEX = { id: 'user-alex', name: 'Alex Analyst', aadObjectId: 'aad-alex' };
export const DANA = { id: 'user-dana', name: 'Dana Lead', aadObjectId: 'aad-dana' };
export const SAM = { id: 'user-sam', name: 'Sam Intern', aadObjectId: 'aad-sam' };

type Person = typeof ALEX;

/** Sends a message from someone and returns what the bot sent back, in order. */
export async function say(h: Harness, text: string, from: Person = ALEX): Promise<Partial<Activity>[]> {
  h.adapter.activeQueue.splice(0);
  await h.adapter.send({ type: 'message', text, from, conversation: { id: 'soc;messageid=1', conversationType: 'channel', isGroup: true, name: 'SOC' } });
  return h.adapter.activeQueue.splice(0);
}

/**
 * A real Universal Actions invoke (Action.Execute) from someone, on the card activity `replyToId`.
 * `response` is what the invoke answered; unless `wait` is false, the work the click started in
 * the background is finished too and what it sent is in `replies` (its card updates in `h.adapter.updates`).
 */
export async function click(h: Harness, verb: string, data: Record<string, unknown>, from: Person, replyToId?: string, options: { wait?: boolean } = {}): Promise<{ replies: Partial<Activity>[]; response: { type: string; value: unknown } }> {
  h.adapter.activeQueue.splice(0);
  const updatesBefore = h.adapter.updates.length;
  await h.adapter.send({
    type: 'invoke',
    name: 'adaptiveCard/action',
    from,
    replyToId,
    conversation: { id: 'soc;messageid=1', conversationType: 'channel', isGroup: true, name: 'SOC' },
    value: { action: { type: 'Action.Execute', verb, data } },
  });
  if (options.wait !== false) await h.deps.authoring?.background.idle();
  const replies = h.adapter.activeQueue.splice(0);
  const invoke = replies.filter((a) => a.type === 'invokeResponse');
  if (invoke.length !== 1) throw new Error(`expected exactly one invoke response, got ${invoke.length} (updates: ${h.adapter.updates.length - updatesBefore})`);
  const body = (invoke[0].value as { body: { type: string; value: unknown } }).body;
  return { replies: replies.filter((a) => a.type !== 'invokeResponse'), response: body };
}

/** The Adaptive Card of an activity. */
export function cardOf(activity: Partial<Activity> | undefined): Record<string, unknown> {
  const content = activity?.attachments?.[0]?.content as Record<string, unknown> | undefined;
  if (!content) throw new Error(`no card in activity ${JSON.stringify(activity)?.slice(0, 200)}`);
  return content;
}
