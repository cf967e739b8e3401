import { ActivityTypes, CardFactory, INVOKE_RESPONSE_KEY, TurnContext, type Activity } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import { errorMessage } from '../../errors';
import { ANSWER_VERB, NEW_REQUEST_VERB, proposalCard, questionCard, refusalCard, PROPOSAL_VERBS } from '../../cards/proposal';
import type { AdaptiveCard } from '../../cards/types';
import type { Playbook, PlaybookVersion, VersionContent } from '../../playbooks/library';
import type { ThreadMessage } from '../../playbooks/planner/llm';
import { isQuestion, type Reading } from '../../playbooks/planner/types';
import { actorOf, type Actor } from '../conversation';
import { approverOf } from '../teamRoles';
import { explainFailure } from '../errors';
import type { BotDeps } from '../deps';
import { MAX_REQUEST_CHARS } from '../messageSize';
import type { AppTurnState } from '../state';
import type { PlanningThread } from './engine';
import type { DryRunPreview } from '../../playbooks/preview';
import type { AuthoringServices } from './services';
import { threadIdOf, type AuthoringThread, type PendingQuestion } from './threads';
import { AppError } from '../../errors';

/**
 * The authoring flow: a plain-English request becomes a proposal card (plan, review, dry run,
 * code); the card's Action.Execute buttons approve, reject, dry-run again or edit it. Every
 * decision is looked up and made server-side from the ids on the card.
 */

/** The ids a card button carries; anything else in the payload is ignored (zod strips it). */
const ActionData = z.object({
  playbookId: z.string().min(1).max(100),
  version: z.coerce.number().int().positive(),
});

/** Inputs a person types or toggles on the card: read only by the verb they belong to. */
const Inputs = z.object({
  allowUnattended: z.union([z.boolean(), z.string()]).optional(),
  rejectReason: z.string().max(500).optional(),
  incidentId: z.string().max(40).optional(),
  change: z.string().max(1000).optional(),
});

function services(deps: BotDeps): AuthoringServices {
  if (!deps.authoring) throw new AppError('FeatureUnavailable', 'Playbook authoring is not running in this instance.', { detail: 'the authoring feature is registered without its services' });
  return deps.authoring;
}

/** Sends the Action.Execute response as a card for the person who clicked. */
async function respondWithCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await respond(context, { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card });
}

/** Sends the Action.Execute response as a message only the person who clicked sees. */
async function respondWithMessage(context: TurnContext, message: string): Promise<void> {
  await respond(context, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: message });
}

async function respond(context: TurnContext, body: Record<string, unknown>): Promise<void> {
  const activity: Partial<Activity> = { type: ActivityTypes.InvokeResponse, value: { status: 200, body } };
  await context.sendActivity(activity);
  // Some adapters (TestAdapter) do not record it; teams-ai must not send a second response.
  context.turnState.set(INVOKE_RESPONSE_KEY, activity);
}

/** The requester / approver as the library records them. */
function person(actor: Actor): { id: string; name: string } {
  return { id: actor.id, name: actor.name };
}

/** Renders the current card for a version from server state. */
export async function renderProposal(s: AuthoringServices, playbook: Playbook, version: PlaybookVersion, extra: { notice?: string; refreshUserIds?: string[]; preview?: DryRunPreview; progress?: string } = {}): Promise<AdaptiveCard> {
  const record = await s.proposals.get(playbook.id, version.version);
  const previous = version.version > 1 ? await s.library.getVersion(playbook.id, version.version - 1) : undefined;
  return proposalCard({
    previous: previous ? { version: previous.version, spec: previous.spec } : undefined,
    playbook,
    version,
    preview: extra.preview ?? record?.preview,
    downloadUrl: s.downloads.urlFor({ playbookId: playbook.id, version: version.version }),
    selfApprovalAllowed: s.policy.selfApprovalAllowed,
    approvalRule: s.policy.describe(),
    refreshUserIds: extra.refreshUserIds,
    notice: extra.notice,
    progress: extra.progress ?? s.working.get(workKey(playbook.id, version.version)),
  });
}

/** A dry run's outcome in one line, for the top of the card it replaces. */
function previewInWords(preview: DryRunPreview): string {
  if (preview.status === 'failed') return `it did not finish (${preview.problem ?? 'see the preview below'}).`;
  if (preview.effects.length === 0) return `no action${preview.falseConditions[0] ? `: ${preview.falseConditions[0]}` : ''}.`;
  const shown = preview.effects.slice(0, 4).map((e) => e.text);
  return `it would ${shown.join(', ')}${preview.effects.length > shown.length ? ` and ${preview.effects.length - shown.length} more` : ''}.`;
}

function workKey(playbookId: string, version: number): string {
  return `${playbookId}:${version}`;
}

/**
 * Runs `work` after the invoke has answered, in a new turn on the same conversation (the
 * click's own turn context is revoked when the invoke returns).
 */
function continueInBackground(context: TurnContext, deps: BotDeps, s: AuthoringServices, label: string, work: (ctx: TurnContext) => Promise<void>): void {
  const reference = TurnContext.getConversationReference(context.activity);
  const adapter = context.adapter;
  s.background.run(label, () => adapter.continueConversationAsync(deps.config.bot.appId ?? '', reference, work));
}

/** Replaces the posted card for everyone in the conversation (the card's activity id is stored). */
async function updateForEveryone(context: TurnContext, deps: BotDeps, activityId: string | undefined, card: AdaptiveCard): Promise<void> {
  const id = activityId ?? context.activity.replyToId;
  if (!id) return;
  try {
    await context.updateActivity({ type: ActivityTypes.Message, id, attachments: [CardFactory.adaptiveCard(card)] });
  } catch (err) {
    // The decision stands even if Teams refuses the update; the refresh action shows it.
    deps.logger.warn({ err: errorMessage(err), activityId: id }, 'could not update the proposal card');
  }
}

async function dryRunSafely(s: AuthoringServices, deps: BotDeps, code: string, spec: PlaybookVersion['spec'], incidentId?: string): Promise<DryRunPreview> {
  try {
    return await s.engine.dryRun(code, spec, incidentId);
  } catch (err) {
    const said = explainFailure(deps.logger, err, 'dry run failed', { incidentId }, 'the sandbox could not start the playbook');
    return { incidentId: incidentId ?? '?', source: 'sample', effects: [], falseConditions: [], status: 'failed', problem: `the dry run could not start: ${said}`, ranAt: new Date().toISOString() };
  }
}

/** Posts a new proposal card for a version in this conversation and remembers where it is. */
async function postProposal(context: TurnContext, s: AuthoringServices, playbook: Playbook, version: PlaybookVersion, preview: DryRunPreview, notice?: string): Promise<void> {
  const card = await renderProposal(s, playbook, version, { preview, refreshUserIds: [context.activity.from.id], notice });
  const sent = await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  await s.proposals.save({
    playbookId: playbook.id,
    version: version.version,
    conversationId: context.activity.conversation.id,
    activityId: sent?.id ?? '',
    preview,
  });
  // Follow-ups in this thread now edit this playbook.
  const threadId = threadIdOf(context.activity);
  await s.threads.save({ ...(await s.threads.get(threadId)), playbookId: playbook.id });
}

type Drafted =
  | { ok: true; content: Omit<VersionContent, 'request' | 'requester' | 'changeRequest'> }
  | { ok: false; card: AdaptiveCard; reason: string }
  | { ok: 'question'; question: string; planner: string; readings: Reading[]; base?: string };

/** Plans, generates and reviews; the content of a new version, the refusal card, or the planner's one question. */
async function draft(s: AuthoringServices, planInput: string, thread?: PlanningThread): Promise<Drafted> {
  const result = await s.engine.propose(planInput, thread);
  if (!result.ok) {
    const r = result.refusal;
    if (result.question) {
      const asked = isQuestion(r) ? r : undefined;
      return { ok: 'question', question: result.question, planner: r.planner, readings: asked?.readings ?? [], base: asked?.base };
    }
    return { ok: false, reason: r.reason, card: refusalCard({ request: planInput, reason: r.reason, notUnderstood: r.notUnderstood, supported: r.supported }) };
  }
  return {
    ok: true,
    content: {
      spec: result.spec,
      code: result.code,
      review: { findings: result.review.findings, blocking: result.review.blocking, permissions: result.review.permissions },
      plan: {
        understood: result.plan.understood,
        notUnderstood: result.plan.notUnderstood,
        facts: result.plan.facts,
        assumptions: result.plan.assumptions,
        planner: result.plan.planner,
      },
    },
  };
}

/** The analyst's sentences as one request, for planners without a conversation and for the record. */
function joinWords(parts: string[]): string {
  return parts.map((t) => t.trim().replace(/[.\s]+$/, '')).filter(Boolean).join('. ') + '.';
}

/** "new request: ..." starts a new playbook even in a thread that already has one (or a question pending). */
const NEW_REQUEST = /^\s*(?:new\s+(?:request|playbook)|start\s+over)\b\s*[:,.-]?\s*/i;
/** "edit: ..." (or "edit ..." from the command menu) changes the thread's draft, whatever the words look like. */
const EDIT_COMMAND = /^\s*(?:edit\b\s*:?|change\s*:)\s*/i;

/** What the analyst said a message is, or how Rampart read it when they did not say. */
type Intent = 'new' | 'edit' | 'guess';
/** An answer that drops the words Rampart asked about and keeps the rest of the request. */
const LEAVE_OUT = /^\s*(?:leave\s+(?:it|them|that|those(?:\s+words)?)\s+out|drop\s+(?:it|them|that|those(?:\s+words)?)|ignore\s+(?:it|them|that|those(?:\s+words)?))\s*[.!]?\s*$/i;
const CANCEL = /^\s*(?:cancel|never\s*mind|forget\s+it)\s*[.!]?\s*$/i;
/** How a change to the draft usually starts ("also block the hash", "only for servers", "use selective isolation"). */
const EDIT_CUE =
  /^\s*(?:also|and|but|only|just|instead|use|make|change|don'?t|do\s+not|remove|add|drop|plus|except|without|rather|switch|skip|then|too|no|not|with|same|exclude|include|limit|replace)\b/i;

/**
 * True when a follow-up in a thread with a draft reads as a new automation request of its own
 * (it names its own trigger, "... when a high severity alert ..."), rather than a change to the draft.
 */
export function readsAsNewRequest(text: string): boolean {
  if (EDIT_CUE.test(text)) return false;
  const words = text.trim().split(/\s+/).length;
  return words >= 8 && /\b(?:when(?:ever)?|if|each\s+time|every\s+time|for\s+(?:every|each|any|all))\b[^.;]*\b(?:incidents?|alerts?)\b/i.test(text);
}

/** Posts Rampart's question in the thread and remembers what it is waiting on. */
async function askInThread(context: TurnContext, s: AuthoringServices, deps: BotDeps, thread: AuthoringThread, pending: PendingQuestion, planner: string, editOf?: { name: string; version: number }, readings: Reading[] = []): Promise<void> {
  await s.threads.save({ ...thread, pending });
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(questionCard({ request: pending.text, question: pending.question, planner, editOf, readings }))] });
  await deps.audit.record({ actorId: pending.askedBy.id, actorName: pending.askedBy.name, kind: 'question', detail: { threadId: thread.threadId, about: pending.text, question: pending.question, editOf: pending.editOf } });
}

/** A new playbook from the analyst's words (and, after a question, the thread so far). */
async function proposeNew(context: TurnContext, s: AuthoringServices, deps: BotDeps, thread: AuthoringThread, actor: Actor, request: string, answered?: { history: ThreadMessage[]; wholeRequest: string }, notice?: string): Promise<void> {
  const drafted = answered ? await draft(s, answered.wholeRequest, { history: answered.history, latest: request }) : await draft(s, request);
  if (drafted.ok === 'question') {
    const history = answered?.history ?? [{ from: 'analyst' as const, text: request }];
    await askInThread(context, s, deps, thread, { kind: 'request', text: request, question: drafted.question, history, askedBy: person(actor), askedAt: new Date().toISOString(), base: drafted.base }, drafted.planner, undefined, drafted.readings);
    return;
  }
  if (thread.pending) await s.threads.save({ ...thread, pending: undefined });
  const whole = answered?.wholeRequest ?? request;
  if (!drafted.ok) {
    await deps.audit.record({ actorId: actor.id, actorName: actor.name, kind: 'refusal', detail: { request: whole, reason: drafted.reason } });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(drafted.card)] });
    return;
  }
  const { playbook, version } = await s.library.createDraft({ ...drafted.content, request: whole, requester: person(actor) });
  const preview = await dryRunSafely(s, deps, version.code, version.spec);
  await postProposal(context, s, playbook, version, preview, notice);
  await deps.audit.record({
    actorId: actor.id,
    actorName: actor.name,
    kind: 'proposal',
    subject: `${playbook.name} v${version.version}`,
    detail: { playbookId: playbook.id, version: version.version, blocking: version.blocking, findings: version.review.findings.length, effects: preview.effects.length, planner: version.plan.planner },
  });
}

type Revised =
  | { ok: true; playbook: Playbook; version: PlaybookVersion; oldCard: AdaptiveCard }
  | { ok: false; message: string }
  | { ok: 'question' };

/**
 * A change to the latest version, from the Edit button or a follow-up in the thread: a new
 * version with a diff, proposed on a new card; the old card shows it was superseded.
 */
async function reviseDraft(
  context: TurnContext,
  s: AuthoringServices,
  deps: BotDeps,
  playbook: Playbook,
  current: PlaybookVersion,
  change: string,
  actor: Actor,
  answered?: { question: string; answer: string; history: ThreadMessage[] },
  notice?: string,
  /** Called once the new version exists, before the old card is redrawn (clears its working state). */
  onVersion?: () => void,
): Promise<Revised> {
  const earlier = (await s.library.versions(playbook.id)).map((v) => v.changeRequest).filter((c): c is string => Boolean(c));
  const before: ThreadMessage[] = answered?.history ?? [current.request, ...earlier].map((text) => ({ from: 'analyst' as const, text }));
  const history: ThreadMessage[] = answered ? [...before, { from: 'rampart', text: answered.question }, { from: 'analyst', text: answered.answer }] : before;
  const changeRequest = answered ? joinWords([change, answered.answer]) : change;
  const wholeRequest = joinWords([current.request, ...earlier, changeRequest]);
  if (changeRequest.length > MAX_REQUEST_CHARS || wholeRequest.length > 4 * MAX_REQUEST_CHARS) {
    return { ok: false, message: `That change would make the request ${wholeRequest.length.toLocaleString('en-US')} characters long; Rampart reads a change of up to ${MAX_REQUEST_CHARS.toLocaleString('en-US')} characters and a request with its edits of up to ${(4 * MAX_REQUEST_CHARS).toLocaleString('en-US')}. Start a new request instead ("new request: ...").` };
  }
  const drafted = await draft(s, wholeRequest, { history, currentSpec: current.spec, latest: change });
  const threadId = threadIdOf(context.activity);
  if (drafted.ok === 'question') {
    const thread = await s.threads.get(threadId);
    await askInThread(
      context,
      s,
      deps,
      { ...thread, playbookId: playbook.id },
      { kind: 'edit', text: change, question: drafted.question, history, askedBy: person(actor), askedAt: new Date().toISOString(), editOf: { playbookId: playbook.id, version: current.version } },
      drafted.planner,
      { name: playbook.name, version: current.version },
    );
    return { ok: 'question' };
  }
  if (answered) await s.threads.save({ ...(await s.threads.get(threadId)), pending: undefined });
  if (!drafted.ok) return { ok: false, message: `With that change I could not make a playbook: ${drafted.reason}` };
  const { playbook: updated, version } = await s.library.addVersion(playbook.id, { ...drafted.content, request: current.request, changeRequest, requester: person(actor) });
  const preview = await dryRunSafely(s, deps, version.code, version.spec);
  await deps.audit.record({ actorId: actor.id, actorName: actor.name, kind: 'edit', subject: `${updated.name} v${version.version}`, detail: { playbookId: updated.id, version: version.version, change: changeRequest, planner: version.plan.planner } });
  onVersion?.();
  const old = await s.library.getVersion(updated.id, current.version);
  const oldCard = await renderProposal(s, updated, old ?? current);
  const oldRecord = await s.proposals.get(updated.id, current.version);
  await updateForEveryone(context, deps, oldRecord?.activityId || undefined, oldCard);
  await postProposal(context, s, updated, version, preview, notice);
  await deps.audit.record({ actorId: actor.id, actorName: actor.name, kind: 'proposal', subject: `${updated.name} v${version.version}`, detail: { playbookId: updated.id, version: version.version, blocking: version.blocking } });
  return { ok: true, playbook: updated, version, oldCard };
}

/**
 * A plain-English message in an authoring thread: typing at once, then, in the same thread,
 * - the answer to Rampart's pending question -> the proposal card (or the next question);
 * - a follow-up to the thread's draft ("also block the hash") -> a new version with a diff;
 * - otherwise a new request -> a proposal card, one focused question, or a refusal.
 * Library commands and `help` never get here: their routes are registered first.
 */
export async function handleAutomationRequest(context: TurnContext, deps: BotDeps): Promise<void> {
  const s = services(deps);
  let text = (context.activity.text ?? '').replace(/<at>[^<]*<\/at>/g, '').trim();
  if (!text) return;
  if (text.length > MAX_REQUEST_CHARS) {
    // A clear limit, said up front: a 100 KB request would plan for seconds and make a card Teams refuses.
    await context.sendActivity(
      `That request is ${text.length.toLocaleString('en-US')} characters long; Rampart reads requests up to ${MAX_REQUEST_CHARS.toLocaleString('en-US')} characters. ` +
        'Say what should happen in a few sentences (the trigger, the conditions, the actions), and add details as edits afterwards.',
    );
    return;
  }
  await context.sendActivity({ type: ActivityTypes.Typing });
  const actor = actorOf(context.activity);
  const threadId = threadIdOf(context.activity);
  const thread = await s.threads.get(threadId);
  const fresh = NEW_REQUEST.exec(text);
  const edit = fresh ? null : EDIT_COMMAND.exec(text);
  const intent: Intent = fresh ? 'new' : edit ? 'edit' : 'guess';
  if (fresh) text = text.slice(fresh[0].length).trim();
  if (edit) text = text.slice(edit[0].length).trim();
  if (!text) {
    await context.sendActivity(
      intent === 'edit'
        ? 'Say what should change, e.g. "edit: also send an email to soc@contoso.com".'
        : 'Say what the new playbook should do, e.g. "new request: block the file hash when a high severity alert has a malicious file".',
    );
    return;
  }

  if (intent === 'edit') {
    const playbook = thread.playbookId ? await s.library.get(thread.playbookId) : undefined;
    const current = playbook ? await s.library.getVersion(playbook.id, playbook.latestVersion) : undefined;
    if (!playbook || !current) {
      await context.sendActivity('There is no playbook draft in this conversation to edit. Write the request itself (or "new request: ...") to start one.');
      return;
    }
    if (thread.pending) await s.threads.save({ ...thread, pending: undefined });
    await deps.audit.record({ actorId: actor.id, actorName: actor.name, kind: 'request', subject: `${playbook.name} v${current.version}`, detail: { change: text, threadId, explicit: true } });
    const revised = await reviseDraft(context, s, deps, playbook, current, text, actor);
    if (revised.ok === false) await context.sendActivity(revised.message);
    return;
  }

  if (thread.pending && !fresh) {
    const pending = thread.pending;
    if (CANCEL.test(text)) {
      await s.threads.save({ ...thread, pending: undefined });
      await context.sendActivity(`OK, I dropped that. Nothing was planned for “${pending.text}”.`);
      return;
    }
    await deps.audit.record({ actorId: actor.id, actorName: actor.name, kind: 'answer', detail: { threadId, question: pending.question, answer: text } });
    if (pending.kind === 'edit' && pending.editOf) {
      const playbook = await s.library.get(pending.editOf.playbookId);
      const current = playbook ? await s.library.getVersion(playbook.id, playbook.latestVersion) : undefined;
      if (playbook && current) {
        const revised = await reviseDraft(context, s, deps, playbook, current, pending.text, actor, { question: pending.question, answer: text, history: pending.history });
        if (revised.ok === false) await context.sendActivity(revised.message);
        return;
      }
    }
    const history: ThreadMessage[] = [...pending.history, { from: 'rampart', text: pending.question }, { from: 'analyst', text }];
    const said = history.filter((m) => m.from === 'analyst').map((m) => m.text);
    // The answer takes the place of the words Rampart could not read ("leave it out" drops them).
    const wholeRequest = pending.base !== undefined ? (LEAVE_OUT.test(text) ? pending.base : joinWords([pending.base, text])) : joinWords([...new Set(said)]);
    await proposeNew(context, s, deps, thread, actor, pending.text, { history, wholeRequest });
    return;
  }

  // Neither "new request:" nor "edit:": a follow-up to the thread's draft is read as a change
  // unless it names its own trigger; the card says how it was read and how to say otherwise.
  const draftHere = thread.playbookId && !fresh ? await s.library.get(thread.playbookId) : undefined;
  const currentDraft = draftHere ? await s.library.getVersion(draftHere.id, draftHere.latestVersion) : undefined;
  if (draftHere && currentDraft && !readsAsNewRequest(text)) {
    await deps.audit.record({ actorId: actor.id, actorName: actor.name, kind: 'request', subject: `${draftHere.name} v${currentDraft.version}`, detail: { change: text, threadId } });
    const notice = `Read as a change to version ${currentDraft.version}. Meant a separate playbook? Use New request below, or start your message with “new request:”.`;
    const revised = await reviseDraft(context, s, deps, draftHere, currentDraft, text, actor, undefined, notice);
    if (revised.ok === false) await context.sendActivity(revised.message);
    return;
  }

  await deps.audit.record({ actorId: actor.id, actorName: actor.name, kind: 'request', detail: { request: text } });
  const notice =
    intent === 'guess' && draftHere
      ? `Read as a new request, separate from ${draftHere.name} (it names its own trigger). Meant a change to ${draftHere.name}? Start your message with “edit:”.`
      : undefined;
  await proposeNew(context, s, deps, thread, actor, text, undefined, notice);
}

type Resolved = { ok: true; playbook: Playbook; version: PlaybookVersion; activityId?: string; inputs: z.infer<typeof Inputs> } | { ok: false; message: string };

/** A channel thread's conversation id without its `;messageid=` suffix: the channel itself. */
function baseConversation(id: string): string {
  return id.split(';messageid=')[0];
}

/** Finds the version a click is about, from server state; refuses payloads that do not match the card clicked. */
async function resolve(context: TurnContext, deps: BotDeps, verb: string, raw: unknown): Promise<Resolved> {
  const s = services(deps);
  const actor = actorOf(context.activity);
  const parsed = ActionData.safeParse(raw);
  const inputs = Inputs.safeParse(raw);
  if (!parsed.success || !inputs.success) return { ok: false, message: 'This card button carries data I do not recognise, so nothing changed.' };
  const { playbookId, version } = parsed.data;
  const replyTo = context.activity.replyToId;
  const posted = replyTo ? await s.proposals.byActivity(replyTo) : undefined;
  if (posted && (posted.playbookId !== playbookId || posted.version !== version)) {
    await deps.audit.record({ actorId: actor.id, actorName: actor.name, kind: 'tampered-action', subject: `${playbookId} v${version}`, detail: { verb, card: `${posted.playbookId} v${posted.version}` } });
    return { ok: false, message: `This card is for version ${posted.version} of a different proposal than the action names, so nothing changed.` };
  }
  if (!posted) {
    // No card to compare with (no replyToId, or one Rampart did not post): the version's own
    // card must live in this conversation, or the click is a payload crafted elsewhere.
    const own = await s.proposals.get(playbookId, version);
    if (!own || baseConversation(own.conversationId) !== baseConversation(context.activity.conversation?.id ?? '')) {
      await deps.audit.record({ actorId: actor.id, actorName: actor.name, kind: 'tampered-action', subject: `${playbookId} v${version}`, detail: { verb, replyToId: replyTo ?? null, reason: own ? 'card posted in another conversation' : 'no card for this version' } });
      return { ok: false, message: 'This button does not belong to a proposal card Rampart posted in this conversation, so nothing changed.' };
    }
  }
  const playbook = await s.library.get(playbookId);
  const v = playbook && playbook.id === playbookId ? await s.library.getVersion(playbook.id, version) : undefined;
  if (!playbook || !v) return { ok: false, message: 'That playbook version does not exist (any more), so nothing changed.' };
  const record = await s.proposals.get(playbook.id, v.version);
  return { ok: true, playbook, version: v, activityId: record?.activityId || posted?.activityId, inputs: inputs.data };
}

/** Registers the proposal card's Action.Execute verbs. */
export function registerAuthoring(app: Application<AppTurnState>, deps: BotDeps): void {
  // A reading button on a question card answers it exactly as a typed reply in the thread would.
  app.adaptiveCards.actionSubmit(ANSWER_VERB, async (context, _state, data: { answer?: unknown }) => {
    if (typeof data.answer !== 'string' || !data.answer.trim()) return;
    context.activity.text = data.answer.slice(0, 500);
    await handleAutomationRequest(context, deps);
  });

  // The New request button: the typed request starts a playbook of its own, whatever this thread holds.
  app.adaptiveCards.actionSubmit(NEW_REQUEST_VERB, async (context, _state, data: { request?: unknown }) => {
    if (typeof data.request !== 'string' || !data.request.trim()) return;
    context.activity.text = `new request: ${data.request.slice(0, MAX_REQUEST_CHARS)}`;
    await handleAutomationRequest(context, deps);
  });

  const s = services(deps);

  /** A proposal card's button: the version it is about, found from server state, or the refusal shown instead. */
  const onProposalClick = (verb: string, handler: (context: TurnContext, r: Extract<Resolved, { ok: true }>) => Promise<void>): void => {
    app.adaptiveCards.actionExecute(verb, async (context, _state, data) => {
      const r = await resolve(context, deps, verb, data);
      await (r.ok ? handler(context, r) : respondWithMessage(context, r.message));
      return '';
    });
  };

  app.adaptiveCards.actionExecute(PROPOSAL_VERBS.refresh, async (context, _state, data) => {
    const r = await resolve(context, deps, PROPOSAL_VERBS.refresh, data);
    if (!r.ok) return r.message;
    const latest = (await s.library.get(r.playbook.id)) ?? r.playbook;
    await respondWithCard(context, await renderProposal(s, latest, r.version));
    return '';
  });

  onProposalClick(PROPOSAL_VERBS.approve, async (context, r) => {
    const actor = actorOf(context.activity);
    const subject = `${r.playbook.name} v${r.version.version}`;
    if (r.version.decision !== 'pending') {
      // A double click or a replay: nothing changes; the clicker sees the current state.
      await respondWithCard(context, await renderProposal(s, r.playbook, r.version));
      return;
    }
    // Everyone who asked for this version or any edit before it is a requester of what it does:
    // an edit in someone else's thread must not launder the two-person rule.
    const authors = (await s.library.versions(r.playbook.id)).filter((v) => v.version <= r.version.version).map((v) => v.requester);
    const verdict = await s.policy.canApprove(await approverOf(context, deps.teamRoles, s.policy.usesTeamRoles), { requester: r.version.requester, editors: authors, blocking: r.version.blocking });
    if (!verdict.allowed) {
      await deps.audit.record({ actorId: actor.id, actorName: actor.name, kind: 'approval-refused', subject, detail: { playbookId: r.playbook.id, version: r.version.version, why: verdict.code } });
      await respondWithMessage(context, verdict.reason);
      return;
    }
    const unattended = r.inputs.allowUnattended === true || r.inputs.allowUnattended === 'true';
    const outcome = await s.library.approve(r.playbook.id, r.version.version, person(actor), { unattended, selfApproved: verdict.selfApproval });
    const card = await renderProposal(s, outcome.playbook, outcome.version);
    if (outcome.ok) {
      await deps.audit.record({
        actorId: actor.id,
        actorName: actor.name,
        kind: 'approval',
        subject,
        detail: { playbookId: r.playbook.id, version: r.version.version, unattended, selfApproved: verdict.selfApproval, requester: r.version.requester.name },
      });
      await updateForEveryone(context, deps, r.activityId, card);
    }
    await respondWithCard(context, card);
  });

  onProposalClick(PROPOSAL_VERBS.reject, async (context, r) => {
    const actor = actorOf(context.activity);
    if (r.version.decision !== 'pending') {
      await respondWithCard(context, await renderProposal(s, r.playbook, r.version));
      return;
    }
    const reason = (r.inputs.rejectReason ?? '').trim();
    if (!reason) return respondWithMessage(context, 'Give a reason for the rejection, so the requester knows what to change.');
    const isRequester = r.version.requester.id === actor.id;
    if (!isRequester && !(await s.policy.isApprover(await approverOf(context, deps.teamRoles, s.policy.usesTeamRoles)))) return respondWithMessage(context, 'Only an approver (or the requester, to withdraw it) can reject a proposal. Your click changed nothing.');
    const outcome = await s.library.reject(r.playbook.id, r.version.version, person(actor), reason);
    const card = await renderProposal(s, outcome.playbook, outcome.version);
    if (outcome.ok) {
      await deps.audit.record({ actorId: actor.id, actorName: actor.name, kind: 'rejection', subject: `${r.playbook.name} v${r.version.version}`, detail: { playbookId: r.playbook.id, version: r.version.version, reason } });
      await updateForEveryone(context, deps, r.activityId, card);
    }
    await respondWithCard(context, card);
  });

  onProposalClick(PROPOSAL_VERBS.dryRun, async (context, r) => {
    const incidentId = (r.inputs.incidentId ?? '').trim();
    if (!/^[A-Za-z0-9_.:-]{1,40}$/.test(incidentId)) return respondWithMessage(context, 'Type the id of a Defender XDR incident (for example 41002) to dry-run the playbook on it.');
    const actor = actorOf(context.activity);
    // The invoke answers at once with the card in a working state; the dry run finishes in the
    // background and replaces the card for everyone (Teams gives an invoke a few seconds only).
    const key = workKey(r.playbook.id, r.version.version);
    const progress = `dry run on incident ${incidentId}, asked by ${actor.name}`;
    s.working.set(key, progress);
    const working = await renderProposal(s, r.playbook, r.version, { progress });
    const { playbook, version, activityId } = r;
    continueInBackground(context, deps, s, 'dry-run', async (ctx) => {
      let card: AdaptiveCard;
      try {
        await updateForEveryone(ctx, deps, activityId, working);
        const preview = await dryRunSafely(s, deps, version.code, version.spec, incidentId);
        await s.proposals.setPreview(playbook.id, version.version, preview);
        await deps.audit.record({ actorId: actor.id, actorName: actor.name, kind: 'dry-run', subject: `${playbook.name} v${version.version}`, detail: { incidentId, effects: preview.effects.length, status: preview.status } });
        s.working.delete(key);
        const latest = (await s.library.get(playbook.id)) ?? playbook;
        const current = (await s.library.getVersion(playbook.id, version.version)) ?? version;
        card = await renderProposal(s, latest, current, { preview, notice: `Dry run repeated on incident ${incidentId} by ${actor.name}: ${previewInWords(preview)}` });
      } catch (err) {
        s.working.delete(key);
        const said = explainFailure(deps.logger, err, 'dry run from the card failed', { incidentId });
        card = await renderProposal(s, playbook, version, { notice: `The dry run on incident ${incidentId} did not finish: ${said}` });
      }
      await updateForEveryone(ctx, deps, activityId, card);
    });
    await respondWithCard(context, working);
  });

  onProposalClick(PROPOSAL_VERBS.edit, async (context, r) => {
    const change = (r.inputs.change ?? '').trim();
    if (!change) return respondWithMessage(context, 'Describe the change in plain words, e.g. "also send an email to soc@contoso.com".');
    if (r.version.version !== r.playbook.latestVersion) return respondWithMessage(context, `Version ${r.playbook.latestVersion} already replaced this one; edit the newest card instead.`);
    const actor = actorOf(context.activity);
    // As with a dry run: the card shows the work at once; the new version (plan, review, dry
    // run) is made in the background, then this card shows it was superseded and the new one follows.
    const key = workKey(r.playbook.id, r.version.version);
    const progress = `version ${r.version.version + 1} from ${actor.name}'s change “${change.length > 120 ? `${change.slice(0, 119)}…` : change}”`;
    s.working.set(key, progress);
    const working = await renderProposal(s, r.playbook, r.version, { progress });
    const { playbook, version, activityId } = r;
    continueInBackground(context, deps, s, 'edit', async (ctx) => {
      let outcome: { notice?: string } | undefined;
      try {
        await updateForEveryone(ctx, deps, activityId, working);
        const revised = await reviseDraft(ctx, s, deps, playbook, version, change, actor, undefined, undefined, () => s.working.delete(key));
        if (revised.ok === 'question') outcome = { notice: `Rampart needs one answer before it can make ${actor.name}'s change: see the question below and reply in this conversation.` };
        else if (!revised.ok) outcome = { notice: revised.message };
      } catch (err) {
        outcome = { notice: `The change did not go through: ${explainFailure(deps.logger, err, 'edit from the card failed', { playbookId: playbook.id })}` };
      } finally {
        s.working.delete(key);
      }
      if (outcome) {
        const current = (await s.library.getVersion(playbook.id, version.version)) ?? version;
        await updateForEveryone(ctx, deps, activityId, await renderProposal(s, (await s.library.get(playbook.id)) ?? playbook, current, outcome));
      }
    });
    await respondWithCard(context, working);
  });
}
