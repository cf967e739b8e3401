import { CardFactory, type TurnContext } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { AppError } from '../../errors';
import { auditCard, diffCard, exportCard, libraryCard, playbookCard, runResultCard } from '../../cards/library';
import type { AdaptiveCard } from '../../cards/types';
import { DESTRUCTIVE_ACTIONS } from '../../playbooks/spec';
import type { Playbook } from '../../playbooks/library';
import { describeAction } from '../../playbooks/preview';
import type { AuthoringServices } from '../authoring/services';
import { actorOf } from '../conversation';
import { explainFailure } from '../errors';
import type { BotDeps } from '../deps';
import type { AppTurnState } from '../state';
import { parseLibraryCommand, type LibraryCommand } from './parse';

/** What the analyst can do next, in Teams, after the library refused (by AppError code). */
const NEXT_STEP: Readonly<Record<string, string>> = {
  PlaybookNotFound: 'Type `playbooks` to see the library.',
  PlaybookNotApproved: 'A second analyst must approve its proposal card first.',
};

async function sendCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

async function mustFind(s: AuthoringServices, name: string): Promise<Playbook> {
  const playbook = await s.library.get(name);
  if (!playbook) throw new AppError('PlaybookNotFound', `There is no playbook named \`${name}\`.`, { httpStatus: 404 });
  return playbook;
}

/** Carries out one library command and answers in the conversation. */
export async function runLibraryCommand(context: TurnContext, deps: BotDeps, command: LibraryCommand): Promise<void> {
  const s = deps.authoring;
  if (!s) throw new AppError('FeatureUnavailable', 'The playbook library is not running in this instance.', { detail: 'library commands registered without the authoring services' });
  const actor = actorOf(context.activity);
  const who = { actorId: actor.id, actorName: actor.name };
  switch (command.kind) {
    case 'list': {
      const playbooks = await s.library.list();
      const rows = await Promise.all(
        playbooks.map(async (p) => ({
          playbook: p,
          version: (await s.library.getVersion(p.id, p.activeVersion ?? p.latestVersion))!,
          lastRun: await s.library.lastRun(p.id),
        })),
      );
      await sendCard(context, libraryCard(rows));
      return;
    }
    case 'show': {
      const p = await mustFind(s, command.name);
      const n = command.version ?? p.activeVersion ?? p.latestVersion;
      const v = await s.library.getVersion(p.id, n);
      if (!v) throw new AppError('VersionNotFound', `${p.name} has no version ${n} (latest: ${p.latestVersion}).`, { httpStatus: 404 });
      await sendCard(context, playbookCard(p, v, await s.library.versions(p.id), s.downloads.urlFor({ playbookId: p.id, version: n })));
      return;
    }
    case 'diff': {
      const p = await mustFind(s, command.name);
      await sendCard(context, diffCard(p.name, command.from, command.to, await s.library.diff(p.id, command.from, command.to)));
      return;
    }
    case 'enable':
    case 'disable': {
      const p = await mustFind(s, command.name);
      const updated = await s.library.setEnabled(p.id, command.kind === 'enable');
      await deps.audit.record({ ...who, kind: command.kind, subject: p.name, detail: { playbookId: p.id, activeVersion: updated.activeVersion } });
      await context.sendActivity(`${p.name} is now ${updated.status}${updated.activeVersion ? ` (version ${updated.activeVersion})` : ''}.`);
      return;
    }
    case 'rollback': {
      const p = await mustFind(s, command.name);
      if (!(await s.policy.isApprover({ id: actor.id, name: actor.name, aadObjectId: actor.aadObjectId }))) {
        await context.sendActivity('Only an approver can change which version of a playbook runs.');
        return;
      }
      const updated = await s.library.rollback(p.id, command.version);
      await deps.audit.record({ ...who, kind: 'rollback', subject: p.name, detail: { playbookId: p.id, from: p.activeVersion, to: command.version } });
      await context.sendActivity(`${p.name} now runs version ${updated.activeVersion} (was ${p.activeVersion ?? 'none'}); status ${updated.status}.`);
      return;
    }
    case 'run': {
      const p = await mustFind(s, command.name);
      const n = p.activeVersion;
      if (!n) {
        await context.sendActivity(`${p.name} has no approved version yet, so it cannot run. Approve its proposal card first.`);
        return;
      }
      const v = (await s.library.getVersion(p.id, n))!;
      await context.sendActivity({ type: 'typing' });
      const result = await s.engine.run(v.code, command.incidentId, { live: command.live, deferActions: v.unattended ? [] : [...DESTRUCTIVE_ACTIONS] });
      const effects = result.actions.map((a) => ({ text: describeAction(a), status: a.status }));
      const status = result.actions.some((a) => a.status === 'deferred') ? 'awaiting-approval' : result.status;
      const run = await s.library.recordRun({
        playbookId: p.id,
        version: n,
        incidentId: command.incidentId,
        mode: command.live ? 'live' : 'dry-run',
        startedBy: 'manual',
        status,
        summary: result.done?.summary ?? result.reason,
        actions: result.actions,
        actor: { id: actor.id, name: actor.name },
        finishedAt: new Date().toISOString(),
      });
      await deps.audit.record({ ...who, kind: 'run', subject: `${p.name} v${n}`, detail: { runId: run.id, incidentId: command.incidentId, mode: run.mode, status } });
      await sendCard(
        context,
        runResultCard({
          name: p.name,
          version: n,
          incidentId: command.incidentId,
          live: command.live,
          status,
          effects,
          falseConditions: result.conditions.filter((c) => !c.result).map((c) => c.reason || c.name),
          summary: result.done?.summary ?? result.reason,
        }),
      );
      return;
    }
    case 'export': {
      const p = await mustFind(s, command.name);
      const n = p.activeVersion ?? p.latestVersion;
      const v = (await s.library.getVersion(p.id, n))!;
      await deps.audit.record({ ...who, kind: 'export', subject: `${p.name} v${n}`, detail: { playbookId: p.id } });
      await sendCard(context, exportCard(p.name, n, s.downloads.urlFor({ playbookId: p.id, version: n }), v.code.split('\n').length));
      return;
    }
    case 'audit': {
      if (!(await s.policy.isApprover({ id: actor.id, name: actor.name, aadObjectId: actor.aadObjectId }))) {
        await context.sendActivity('The audit log is readable by approvers only.');
        return;
      }
      await sendCard(context, auditCard(await deps.audit.recent(25)));
      return;
    }
  }
}

/** Registers the library commands (`playbooks`, `show`, `diff`, ...) as a message route. */
export function registerLibraryCommands(app: Application<AppTurnState>, deps: BotDeps): void {
  app.message(
    async (context) => context.activity.type === 'message' && parseLibraryCommand(context.activity.text ?? '') !== undefined,
    async (context) => {
      const command = parseLibraryCommand(context.activity.text ?? '')!;
      try {
        await runLibraryCommand(context, deps, command);
      } catch (err) {
        // The analyst's own slip (no such playbook or version) reads best without a reference.
        if (err instanceof AppError && err.httpStatus < 500) {
          const next = NEXT_STEP[err.code];
          await context.sendActivity(next ? `${err.userMessage} ${next}` : err.userMessage);
          return;
        }
        await context.sendActivity(`I could not do that: ${explainFailure(deps.logger, err, 'library command failed', { command: command.kind })}`);
      }
    },
  );
}
