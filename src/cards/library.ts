import { describeSpec } from '../playbooks/spec';
import type { Playbook, PlaybookRun, PlaybookVersion } from '../playbooks/library';
import type { AuditEntry } from '../audit';
import { formatTime } from './proposal';
import { adaptiveCard, facts, text, type AdaptiveCard, type CardElement } from './types';

/** One playbook as the library list shows it. */
export interface LibraryRow {
  playbook: Playbook;
  /** The active (approved) version, else the latest. */
  version: PlaybookVersion;
  lastRun?: PlaybookRun;
}

function runLine(run: PlaybookRun | undefined): string {
  if (!run) return 'never run';
  return `${run.mode} run ${run.status} on incident ${run.incidentId ?? '?'} at ${formatTime(run.startedAt)}`;
}

/** `playbooks`: every playbook with status, trigger, last run and its result. */
export function libraryCard(rows: LibraryRow[]): AdaptiveCard {
  const body: CardElement[] = [text('Playbook library', { size: 'Large', weight: 'Bolder', style: 'heading' })];
  if (rows.length === 0) {
    body.push(text('No playbooks yet. Describe an automation in plain English to propose one, or type `help`.'));
    return adaptiveCard(body);
  }
  for (const r of rows) {
    const d = describeSpec(r.version.spec);
    const active = r.playbook.activeVersion ? `active v${r.playbook.activeVersion}` : 'no approved version';
    body.push({
      type: 'Container',
      separator: true,
      items: [
        text(`**${r.playbook.name}** · ${r.playbook.status} · ${active} · latest v${r.playbook.latestVersion}`),
        text(d.trigger, { isSubtle: true, spacing: 'None', size: 'Small' }),
        text(`Last run: ${runLine(r.lastRun)}${r.lastRun?.summary ? ` (${r.lastRun.summary})` : ''}`, { size: 'Small', spacing: 'None' }),
      ],
    });
  }
  body.push(text('`show <name> [version]`, `diff <name> <v1> <v2>`, `enable`/`disable <name>`, `rollback <name> <version>`, `run <name> on incident <id> [live]`, `export <name>`', { isSubtle: true, size: 'Small' }));
  return adaptiveCard(body);
}

/** `show <name> [version]`: one version's plan, decision, review summary and diff note. */
export function playbookCard(playbook: Playbook, v: PlaybookVersion, versions: PlaybookVersion[], downloadUrl: string): AdaptiveCard {
  const d = describeSpec(v.spec);
  const body: CardElement[] = [
    text(`${playbook.name} · version ${v.version}`, { size: 'Large', weight: 'Bolder', style: 'heading' }),
    facts([
      ['Status', `${playbook.status}${playbook.activeVersion ? ` (active: v${playbook.activeVersion})` : ''}`],
      ['Requested by', `${v.requester.name} at ${formatTime(v.createdAt)}`],
      ['Request', v.changeRequest ? `${v.request} — change: ${v.changeRequest}` : v.request],
      ['Decision', v.decidedBy ? `${v.decision} by ${v.decidedBy.name} at ${formatTime(v.decidedAt ?? v.createdAt)}${v.rejectReason ? `: ${v.rejectReason}` : ''}` : v.decision],
      ['Unattended', v.unattended ? 'destructive actions run without per-action approval' : 'destructive actions ask for approval'],
      ['Review', `${v.review.findings.length} finding(s)${v.blocking ? ', blocking' : ''}`],
      ['Code', `${v.code.split('\n').length} lines, sha256 ${v.codeSha256.slice(0, 12)}…`],
      ['Versions', versions.map((x) => `v${x.version} ${x.decision}`).join(', ')],
    ]),
    text(`**${d.trigger}**`),
    text(d.steps.map((s) => `- ${s}`).join('\n')),
  ];
  return adaptiveCard(body, [{ type: 'Action.OpenUrl', title: `Download ${playbook.name}-v${v.version}.py`, url: downloadUrl }]);
}

const MAX_DIFF_CHARS = 20_000;

/** `diff <name> <v1> <v2>`: the unified diff, monospace, cut to fit a card. */
export function diffCard(name: string, from: number, to: number, diff: string): AdaptiveCard {
  const body = diff.split('\n').slice(2).join('\n');
  const shown = body.length > MAX_DIFF_CHARS ? `${body.slice(0, MAX_DIFF_CHARS)}\n… (cut: export both versions for the full diff)` : body;
  const changed = body.split('\n').filter((l) => /^[+-](?![+-])/.test(l)).length;
  return adaptiveCard([
    text(`${name}: version ${from} → ${to}`, { size: 'Medium', weight: 'Bolder', style: 'heading' }),
    text(changed === 0 ? 'No change in the code.' : `${changed} line(s) changed.`, { isSubtle: true }),
    { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: shown || '(identical)', fontType: 'Monospace', size: 'Small' }] },
  ]);
}

/** `audit`: recent entries, newest first. */
export function auditCard(entries: AuditEntry[]): AdaptiveCard {
  const body: CardElement[] = [text('Audit log', { size: 'Medium', weight: 'Bolder', style: 'heading' })];
  if (entries.length === 0) body.push(text('Nothing recorded yet.'));
  for (const e of entries) {
    const detail = Object.entries(e.detail)
      .filter(([, v]) => v !== undefined && typeof v !== 'object')
      .map(([k, v]) => `${k}: ${String(v)}`)
      .join('; ');
    body.push(text(`${formatTime(e.at)} · **${e.kind}** · ${e.actorName ?? e.actorId ?? 'Rampart'}${e.subject ? ` · ${e.subject}` : ''}${detail ? ` · ${detail}` : ''}`, { size: 'Small', spacing: 'Small' }));
  }
  return adaptiveCard(body);
}

/** A manual run's result: what it did (or would do), deferred actions awaiting approval, the summary. */
export function runResultCard(input: {
  name: string;
  version: number;
  incidentId: string;
  live: boolean;
  status: string;
  effects: { text: string; status: string }[];
  falseConditions: string[];
  summary?: string;
}): AdaptiveCard {
  const body: CardElement[] = [
    text(`${input.live ? 'Live' : 'Dry'} run of ${input.name} v${input.version} on incident ${input.incidentId}: ${input.status}`, { size: 'Medium', weight: 'Bolder', style: 'heading' }),
  ];
  if (!input.live) body.push(text('Dry run: nothing was sent. Add the word `live` to run it for real.', { isSubtle: true, size: 'Small' }));
  if (input.effects.length) {
    body.push(text(input.effects.map((e) => `- ${e.text}: ${e.status === 'deferred' ? 'awaiting approval' : e.status}`).join('\n')));
  } else {
    body.push(text(`No action${input.falseConditions.length ? `: the condition was false because ${input.falseConditions.join('; ')}` : ''}.`));
  }
  if (input.effects.some((e) => e.status === 'deferred')) {
    body.push(text('Destructive actions were not sent: each waits for an approver in the incident thread.', { color: 'Warning', size: 'Small' }));
  }
  if (input.summary) body.push(text(input.summary, { isSubtle: true, size: 'Small' }));
  return adaptiveCard(body);
}

/** `export <name>`: the download link for the Python file. */
export function exportCard(name: string, version: number, downloadUrl: string, lines: number): AdaptiveCard {
  return adaptiveCard(
    [
      text(`${name}-v${version}.py`, { weight: 'Bolder' }),
      text(`${lines} lines of Python. The link is signed and expires in 24 hours. Run it with \`python3 ${name}-v${version}.py --incident-id ID --dry-run\`.`, { size: 'Small' }),
    ],
    [{ type: 'Action.OpenUrl', title: 'Download', url: downloadUrl }],
  );
}
