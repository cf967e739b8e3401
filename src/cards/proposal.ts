import { describeSpec, type PlaybookSpec } from '../playbooks/spec';
import type { PlaybookStatus, PlaybookVersion } from '../playbooks/library';
import type { DryRunPreview } from '../playbooks/preview';
import { adaptiveCard, facts, text, type AdaptiveCard, type CardAction, type CardElement } from './types';

/** The verbs of the proposal card's Action.Execute buttons. */
export const PROPOSAL_VERBS = {
  approve: 'rampart.playbook.approve',
  reject: 'rampart.playbook.reject',
  dryRun: 'rampart.playbook.dryRun',
  edit: 'rampart.playbook.edit',
  refresh: 'rampart.playbook.refresh',
} as const;

/** The New request button (Action.Submit): its typed request starts a separate playbook. */
export const NEW_REQUEST_VERB = 'rampart.request.new';

/** The New request button: a separate playbook from this conversation, whatever its draft. */
export function newRequestAction(): CardAction {
  return {
    type: 'Action.ShowCard',
    title: 'New request',
    card: {
      type: 'AdaptiveCard',
      body: [
        { type: 'Input.Text', id: 'request', label: 'A separate playbook (this one stays as it is)', placeholder: 'e.g. block the file hash when a high severity alert has a malicious file', isMultiline: true, maxLength: 4000, isRequired: true, errorMessage: 'Describe the new playbook' },
      ],
      actions: [{ type: 'Action.Submit', title: 'Plan it', data: { verb: NEW_REQUEST_VERB } }],
    },
  };
}

/** The only data a proposal card's buttons carry: which version. Everything else is looked up server-side. */
export interface ProposalActionData {
  playbookId: string;
  version: number;
}

/** Teams' limit on a card is about 28 KB; the card is built to stay under this. */
export const CARD_BUDGET_BYTES = 28 * 1024;
const CODE_BUDGET_MARGIN = 1024;
const LINES_PER_CHUNK = 40;

export interface ProposalCardInput {
  playbook: { id: string; name: string; status: PlaybookStatus; latestVersion: number };
  version: PlaybookVersion;
  preview?: DryRunPreview;
  /** The signed, expiring link to the whole file. */
  downloadUrl: string;
  selfApprovalAllowed: boolean;
  /** The approval rule in force, in words (who may approve). */
  approvalRule?: string;
  /** Teams user ids whose clients refresh the card automatically (Universal Actions, max 60). */
  refreshUserIds?: string[];
  /** A line for the top of the card (e.g. "Dry run repeated on incident 41002"). */
  notice?: string;
  /** The version this one was edited from: the card then shows what changed. */
  previous?: { version: number; spec: PlaybookSpec };
  /** Work a click started and Rampart is still doing (e.g. "Dry run on incident 41002, asked by Sam Intern"): shown as working. */
  progress?: string;
}

/** Most of the card is the code; the diff gets at most this much of the budget. */
const DIFF_BUDGET_BYTES = 6 * 1024;

/** The notice the LLM planner puts first in the facts when the offline planner answered instead. */
const FALLBACK_NOTICE = /^The model \(.*\) was not used: /;

/** "14:02 UTC on 2026-11-28": what the decision line shows. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${hh}:${mm} UTC on ${d.toISOString().slice(0, 10)}`;
}

/** The decision line, e.g. "Approved by Dana Lead at 14:02 UTC on 2026-11-28, version 3, enabled". */
export function decisionLine(v: PlaybookVersion, status: PlaybookStatus, latestVersion: number): string | undefined {
  if (v.decision === 'approved' && v.decidedBy && v.decidedAt) {
    const self = v.selfApproved ? ' (self-approved: the two-person rule is relaxed in this deployment)' : '';
    const unattended = v.unattended ? '; unattended destructive actions allowed' : '; destructive actions ask for approval in the incident thread';
    return `Approved by ${v.decidedBy.name} at ${formatTime(v.decidedAt)}, version ${v.version}, ${status}${self}${unattended}.`;
  }
  if (v.decision === 'rejected' && v.decidedBy && v.decidedAt) {
    return `Rejected by ${v.decidedBy.name} at ${formatTime(v.decidedAt)}: ${v.rejectReason || 'no reason given'}.`;
  }
  if (v.decision === 'superseded') return `Superseded by version ${latestVersion}: see the newer card in this thread.`;
  return undefined;
}

function bullets(lines: string[]): string {
  return lines.map((l) => `- ${l}`).join('\n');
}

function section(title: string, items: CardElement[], separator = true): CardElement {
  return { type: 'Container', separator, spacing: 'Medium', items: [text(title, { weight: 'Bolder' }), ...items] };
}

function understoodSection(v: PlaybookVersion): CardElement {
  const d = describeSpec(v.spec);
  const items: CardElement[] = [text(`**Trigger:** ${d.trigger}`)];
  if (d.conditions.length) items.push(text(`**Conditions:**\n${bullets(d.conditions)}`));
  items.push(text(`**Steps:**\n${bullets(d.steps)}`));
  if (v.plan.understood.length) {
    items.push(text(`**From your words:**\n${bullets(v.plan.understood.map((u) => `"${u.phrase}" → ${u.meaning}`))}`, { isSubtle: true }));
  }
  if (v.plan.notUnderstood.length) {
    items.push(text(`**Not understood (left out):**\n${bullets(v.plan.notUnderstood.map((n) => `"${n}"`))}`, { color: 'Warning' }));
  }
  const domainFacts = v.plan.facts.filter((f) => !FALLBACK_NOTICE.test(f));
  if (domainFacts.length) items.push(text(`**Domain facts applied:**\n${bullets(domainFacts)}`));
  if (v.plan.assumptions.length) items.push(text(`**Assumptions:**\n${bullets(v.plan.assumptions)}`, { isSubtle: true }));
  return section('What Rampart understood', items, false);
}

/** Which planner wrote the plan: the model, "offline", or the offline planner standing in for the model, with why. */
function plannerLine(v: PlaybookVersion): CardElement {
  const notice = v.plan.facts.find((f) => FALLBACK_NOTICE.test(f));
  const fellBack = notice !== undefined || /\(fallback: /.test(v.plan.planner);
  if (!fellBack) return text(`Planner: ${v.plan.planner}`, { isSubtle: true, size: 'Small', spacing: 'None' });
  const items: CardElement[] = [text(`Planner: ${v.plan.planner}`, { weight: 'Bolder', size: 'Small' })];
  if (notice) items.push(text(notice, { size: 'Small' }));
  return { type: 'Container', style: 'warning', spacing: 'Small', items };
}

/** What changed from the version this one was edited from: plan bullets added and removed, then the code diff (collapsible). */
function changesSection(v: PlaybookVersion, previous: { version: number; spec: PlaybookSpec }, name: string): CardElement {
  const before = describeSpec(previous.spec);
  const after = describeSpec(v.spec);
  const lines = (d: ReturnType<typeof describeSpec>) => [d.trigger, ...d.conditions.map((c) => `Condition: ${c}`), ...d.steps.map((st) => `Step: ${st}`)];
  const old = lines(before);
  const now = lines(after);
  const removed = old.filter((l) => !now.includes(l));
  const added = now.filter((l) => !old.includes(l));
  const items: CardElement[] = [];
  if (v.changeRequest) items.push(text(`Change asked for: “${v.changeRequest}”`, { isSubtle: true }));
  if (added.length) items.push(text(`**Added:**\n${bullets(added)}`, { color: 'Good' }));
  if (removed.length) items.push(text(`**Removed:**\n${bullets(removed)}`, { color: 'Attention' }));
  if (!added.length && !removed.length) items.push(text('The plan reads the same; only the code below changed.', { isSubtle: true }));
  if (v.diff) {
    let diff = v.diff;
    if (Buffer.byteLength(diff) > DIFF_BUDGET_BYTES) {
      diff = `${Buffer.from(diff).subarray(0, DIFF_BUDGET_BYTES).toString('utf8').replace(/\n[^\n]*$/, '')}\n… (diff cut to fit the card: type \`diff ${name} ${previous.version} ${v.version}\` for all of it)`;
    }
    const changed = v.diff.split('\n').filter((l) => /^[+-](?![+-])/.test(l)).length;
    items.push({
      type: 'Container',
      selectAction: { type: 'Action.ToggleVisibility', title: 'Code diff', targetElements: ['code-diff'] },
      items: [text(`▸ Code diff from version ${previous.version} (${changed} line(s) changed)`, { color: 'Accent', size: 'Small' })],
    });
    items.push({
      type: 'Container',
      id: 'code-diff',
      isVisible: false,
      style: 'emphasis',
      items: [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: diff, fontType: 'Monospace', size: 'Small' }] }],
    });
  }
  return section(`What changed since version ${previous.version}`, items);
}

function permissionsSection(v: PlaybookVersion): CardElement {
  const perms = v.review.permissions;
  return section(
    'Permissions the app registration needs',
    perms.length ? [facts(perms.map((p) => [p.name, `${p.api}: ${p.why}`]))] : [text('None beyond reading incidents.')],
  );
}

function findingsSection(v: PlaybookVersion): CardElement {
  const f = v.review.findings;
  if (f.length === 0) return section('Review', [text('No findings: py_compile, bandit and Rampart’s rules passed.', { color: 'Good' })]);
  const sorted = [...f].sort((a, b) => Number(b.blocking) - Number(a.blocking));
  const items = sorted.slice(0, 12).map((x) =>
    text(
      `${x.blocking ? '**BLOCKING** ' : ''}[${x.severity}] ${x.rule}${x.line ? ` line ${x.line}` : ''}: ${x.message}${x.fix ? ` Fix: ${x.fix}` : ''}`,
      { color: x.blocking ? 'Attention' : 'Default', size: 'Small' },
    ),
  );
  if (f.length > 12) items.push(text(`…and ${f.length - 12} more (see \`show\`).`, { isSubtle: true, size: 'Small' }));
  if (v.blocking) items.unshift(text('Blocking findings: this version cannot be approved. Use Edit to describe the fix.', { color: 'Attention', weight: 'Bolder' }));
  return section('Review findings', items);
}

function previewSection(p: DryRunPreview | undefined): CardElement {
  if (!p) return section('Dry run', [text('No dry run yet.', { isSubtle: true })]);
  const where = `${p.source === 'sample' ? 'built-in sample incident' : 'incident'} ${p.incidentId}${p.incidentTitle ? ` (${p.incidentTitle})` : ''}`;
  const items: CardElement[] = [text(`Against ${where}; nothing was sent.`, { isSubtle: true, size: 'Small' })];
  if (p.effects.length) {
    items.push(text(`**It would:**\n${bullets(p.effects.map((e) => `${e.text}${e.destructive ? ' (destructive: asks for approval at run time)' : ''}`))}`));
  } else {
    const why = p.falseConditions.length ? `the condition was false because ${p.falseConditions.join('; ')}` : 'nothing in this incident matched';
    items.push(text(`No action: ${why}.`));
  }
  if (p.problem) items.push(text(`Problem: ${p.problem}`, { color: p.status === 'failed' ? 'Attention' : 'Warning', size: 'Small' }));
  return section('Dry-run preview', items);
}

/** The code as collapsible chunks, as many as fit the remaining budget; the rest is in the download. */
function codeSection(code: string, budgetBytes: number, downloadUrl: string, name: string, version: number): CardElement {
  const lines = code.split('\n');
  const chunks: CardElement[] = [];
  let used = 0;
  let shownLines = 0;
  for (let start = 0; start < lines.length; start += LINES_PER_CHUNK) {
    const end = Math.min(lines.length, start + LINES_PER_CHUNK);
    const id = `code-${start + 1}`;
    const chunk: CardElement = {
      type: 'Container',
      spacing: 'Small',
      items: [
        {
          type: 'Container',
          selectAction: { type: 'Action.ToggleVisibility', title: `Lines ${start + 1}-${end}`, targetElements: [id] },
          items: [text(`▸ Lines ${start + 1}–${end}`, { color: 'Accent', size: 'Small' })],
        },
        {
          type: 'Container',
          id,
          isVisible: false,
          style: 'emphasis',
          items: [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: lines.slice(start, end).join('\n'), fontType: 'Monospace', size: 'Small' }] }],
        },
      ],
    };
    const size = Buffer.byteLength(JSON.stringify(chunk));
    if (used + size > budgetBytes) break;
    used += size;
    chunks.push(chunk);
    shownLines = end;
  }
  const note =
    shownLines < lines.length
      ? `Showing lines 1–${shownLines} of ${lines.length}; the card size limit hides the rest. Download the whole file below.`
      : `${lines.length} lines. Click a range to show or hide it.`;
  return section('Code', [
    text(note, { isSubtle: true, size: 'Small' }),
    ...chunks,
    {
      type: 'ActionSet',
      actions: [{ type: 'Action.OpenUrl', title: `Download ${name}-v${version}.py`, url: downloadUrl }],
    },
  ]);
}

function pendingActions(data: ProposalActionData, blocking: boolean): CardAction[] {
  const approve: CardAction = {
    type: 'Action.Execute',
    title: 'Approve',
    verb: PROPOSAL_VERBS.approve,
    data,
    style: 'positive',
    ...(blocking ? { isEnabled: false, tooltip: 'Blocking review findings: cannot be approved' } : {}),
  };
  return [
    approve,
    {
      type: 'Action.ShowCard',
      title: 'Reject',
      card: {
        type: 'AdaptiveCard',
        body: [{ type: 'Input.Text', id: 'rejectReason', label: 'Why reject it?', isMultiline: true, maxLength: 500, isRequired: true, errorMessage: 'Give a reason' }],
        actions: [{ type: 'Action.Execute', title: 'Reject', verb: PROPOSAL_VERBS.reject, data, style: 'destructive' }],
      },
    },
    {
      type: 'Action.ShowCard',
      title: 'Dry-run on another incident',
      card: {
        type: 'AdaptiveCard',
        body: [{ type: 'Input.Text', id: 'incidentId', label: 'Incident id', placeholder: 'e.g. 41002', maxLength: 40, isRequired: true, errorMessage: 'Give an incident id' }],
        actions: [{ type: 'Action.Execute', title: 'Dry run', verb: PROPOSAL_VERBS.dryRun, data }],
      },
    },
    {
      type: 'Action.ShowCard',
      title: 'Edit',
      card: {
        type: 'AdaptiveCard',
        body: [
          {
            type: 'Input.Text',
            id: 'change',
            label: 'What should change? (plain words)',
            placeholder: 'e.g. also send an email to soc@contoso.com',
            isMultiline: true,
            maxLength: 1000,
            isRequired: true,
            errorMessage: 'Describe the change',
          },
        ],
        actions: [{ type: 'Action.Execute', title: 'Make a new version', verb: PROPOSAL_VERBS.edit, data }],
      },
    },
  ];
}

/** The proposal card: plan, permissions, review, dry run, code, and the decision buttons (or the decision). */
export function proposalCard(input: ProposalCardInput): AdaptiveCard {
  const { playbook, version: v } = input;
  const data: ProposalActionData = { playbookId: playbook.id, version: v.version };
  const decided = decisionLine(v, playbook.status, playbook.latestVersion);
  const body: CardElement[] = [
    text(`Playbook proposal: ${playbook.name} (version ${v.version})`, { size: 'Large', weight: 'Bolder', style: 'heading' }),
    text(`Requested by ${v.requester.name}: “${v.changeRequest ? `${v.request} — change: ${v.changeRequest}` : v.request}”`, { isSubtle: true, spacing: 'None' }),
  ];
  if (decided) {
    body.push({
      type: 'Container',
      style: v.decision === 'approved' ? 'good' : v.decision === 'rejected' ? 'attention' : 'warning',
      items: [text(decided, { weight: 'Bolder' })],
    });
  }
  if (input.progress) {
    body.push({
      type: 'Container',
      style: 'accent',
      items: [
        text(`◐ Working: ${input.progress}`, { weight: 'Bolder' }),
        text('This card updates in place when it is done.', { isSubtle: true, size: 'Small', spacing: 'None' }),
      ],
    });
  }
  body.push(plannerLine(v));
  if (input.notice) body.push(text(input.notice, { color: 'Accent' }));
  if (input.previous) body.push(changesSection(v, input.previous, playbook.name));
  body.push(understoodSection(v), permissionsSection(v), findingsSection(v), previewSection(input.preview));

  let actions: CardAction[] = [];
  if (v.decision === 'pending') {
    const rules = input.selfApprovalAllowed
      ? 'Local trial mode: the two-person rule is relaxed, so the requester may approve this playbook.'
      : `A second analyst must approve: ${v.requester.name} cannot approve their own request.`;
    body.push(
      section('Approval', [
        text(rules, { size: 'Small', color: input.selfApprovalAllowed ? 'Warning' : 'Default' }),
        ...(input.approvalRule ? [text(`Who may approve: ${input.approvalRule}.`, { size: 'Small', spacing: 'None' })] : []),
        {
          type: 'Input.Toggle',
          id: 'allowUnattended',
          title: 'Allow unattended destructive actions (no per-action approval when it runs)',
          value: 'false',
          valueOn: 'true',
          valueOff: 'false',
        },
        text('Off by default: isolations, blocks and account changes then ask for approval in the incident thread.', { isSubtle: true, size: 'Small' }),
      ]),
    );
    actions = pendingActions(data, v.blocking);
  }
  actions.push(newRequestAction());

  const refresh = {
    action: { type: 'Action.Execute' as const, title: 'Refresh', verb: PROPOSAL_VERBS.refresh, data },
    ...(input.refreshUserIds?.length ? { userIds: input.refreshUserIds.slice(0, 60) } : {}),
  };
  const shell = adaptiveCard(body, actions, { refresh });
  const spent = Buffer.byteLength(JSON.stringify(shell));
  const budget = Math.max(0, CARD_BUDGET_BYTES - CODE_BUDGET_MARGIN - spent - 600);
  body.push(codeSection(v.code, budget, input.downloadUrl, playbook.name, v.version));
  return adaptiveCard(body, actions, { refresh });
}

/** The answer to a request Rampart cannot turn into a playbook: why, and what it can automate. */
export function refusalCard(input: { request: string; reason: string; notUnderstood: string[]; supported: string }): AdaptiveCard {
  const body: CardElement[] = [
    text('I could not turn that into a playbook', { size: 'Medium', weight: 'Bolder', style: 'heading' }),
    text(input.reason),
  ];
  if (input.notUnderstood.length) body.push(text(`**Not understood:**\n${bullets(input.notUnderstood.map((n) => `"${n}"`))}`, { color: 'Warning' }));
  body.push(text('What I can automate', { weight: 'Bolder', spacing: 'Medium' }), text(input.supported));
  body.push(
    text('Try for example: "Isolate the machine if a high severity alert from Defender for Endpoint involves a malicious file hash, and post the details to the SOC channel." Type `help` for the commands.', {
      isSubtle: true,
      size: 'Small',
    }),
  );
  return adaptiveCard(body);
}

/** The verb of a reading button on a question card: its `answer` is planned like a typed reply. */
export const ANSWER_VERB = 'answerQuestion';

/** One focused question before Rampart can plan: answered by the analyst's next message in the thread, or a reading button. */
export function questionCard(input: {
  request: string;
  question: string;
  planner: string;
  editOf?: { name: string; version: number };
  readings?: Array<{ label: string; answer: string }>;
}): AdaptiveCard {
  const about = input.editOf ? `your change to ${input.editOf.name} (version ${input.editOf.version})` : 'your request';
  const buttons = (input.readings ?? []).slice(0, 5).map((r) => ({ type: 'Action.Submit' as const, title: r.label, data: { verb: ANSWER_VERB, answer: r.answer } }));
  return adaptiveCard([
    text('One question before I plan this', { size: 'Medium', weight: 'Bolder', style: 'heading' }),
    text(`About ${about}: “${input.request}”`, { isSubtle: true, spacing: 'None' }),
    // The words quoted stand out; why Rampart asks and what it needs read as plain text.
    ...input.question.split(/(?<=\.)\s+(?=(?:It|They) may\b)/).map((part, n) => text(part, n === 0 ? { weight: 'Bolder' } : { spacing: 'Small' })),
    text(
      `${buttons.length ? 'Pick a reading below, or reply' : 'Reply'} in this thread with your answer. To ask for something else instead, start your message with “new request:”.`,
      { isSubtle: true, size: 'Small' },
    ),
    text(`Planner: ${input.planner}`, { isSubtle: true, size: 'Small' }),
  ], buttons);
}
