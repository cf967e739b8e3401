import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { ACTION_APPROVAL_VERBS } from '../../cards/actionApproval';
import { DIGEST_VERBS } from '../../cards/digest';
import { INCIDENT_VERBS } from '../../cards/incident';
import { text, adaptiveCard, type AdaptiveCard } from '../../cards/types';
import type { ActionApproval, ApprovalPerson } from '../../records/approval';
import { ForeignDeviceError, type IncidentDesk } from '../../incidents/desk';
import { actorOf } from '../conversation';
import { approverOf } from '../teamRoles';
import { explainFailure } from '../errors';
import type { BotDeps } from '../deps';
import type { AppTurnState } from '../state';
import { AppError } from '../../errors';

interface IncidentActionData {
  incidentId: string;
  machineId?: string;
  playbookId?: string;
  classification?: string;
  comment?: string;
  /** The Resolve form's comment (its own input id: ids are unique on a card). */
  resolveComment?: string;
}

interface ApprovalActionData {
  approvalId: string;
  /** Set when the button is on a run's live card: the answer is that card. */
  runId?: string;
}

function person(context: TurnContext): ApprovalPerson {
  const actor = actorOf(context.activity);
  return { id: actor.id, name: actor.name, aadObjectId: actor.aadObjectId, upn: actor.upn };
}

/** The clicker with their team roles, when a team role may approve. */
async function approver(context: TurnContext, deps: BotDeps): Promise<ApprovalPerson> {
  return approverOf(context, deps.teamRoles, deps.approvalPolicy?.usesTeamRoles ?? deps.config.approvals.approverTeamRoles.length > 0);
}

/** A small card answering the clicker, keeping the notification's buttons out of a stale state. */
function notice(message: string): AdaptiveCard {
  return adaptiveCard([text(message)]);
}

async function refreshedNotification(desk: IncidentDesk, incidentId: string, message: string): Promise<AdaptiveCard> {
  const { card } = await desk.notificationCard(incidentId, message);
  return card ?? notice(message);
}

/**
 * The incident card buttons (Isolate, Release, Run playbook, Assign to me, Resolve, Comment)
 * and the approval card's Approve / Deny. Each answers with the card to show in place.
 */
export function registerIncidentActions(app: Application<AppTurnState>, deps: BotDeps): void {
  const desk = (): IncidentDesk => {
    if (!deps.incidents) throw new AppError('FeatureUnavailable', 'The incident pipeline is not running in this instance.', { detail: 'incident card action without deps.incidents' });
    return deps.incidents;
  };

  /** Any failure becomes a notice with the safe text and a reference; the logs get the detail. */
  const guarded =
    <T extends { incidentId?: string; approvalId?: string }>(verb: string, handler: (context: TurnContext, state: AppTurnState, data: T) => Promise<AdaptiveCard>) =>
    async (context: TurnContext, state: AppTurnState, data: T): Promise<AdaptiveCard> => {
      try {
        return await handler(context, state, data);
      } catch (err) {
        return notice(explainFailure(deps.logger, err, 'incident card action failed', { verb, incidentId: data.incidentId, approvalId: data.approvalId }));
      }
    };

  const device = (action: 'isolate' | 'unisolate') => async (context: TurnContext, _state: AppTurnState, data: IncidentActionData) => {
    if (!data.machineId) return notice('This button does not name a device.');
    let approval: ActionApproval;
    try {
      approval = await desk().requestDeviceAction(data.incidentId, data.machineId, action, person(context), context.activity.conversation?.id);
    } catch (err) {
      if (err instanceof ForeignDeviceError) {
        await deps.audit.record({ actorId: person(context).id, actorName: person(context).name, kind: 'tampered-action', subject: data.incidentId, detail: { action, machineId: data.machineId, reason: err.userMessage } });
        return notice(err.userMessage);
      }
      throw err;
    }
    const verb = action === 'isolate' ? 'Isolation' : 'Release';
    return refreshedNotification(desk(), data.incidentId, `${verb} of ${approval.target.deviceName ?? data.machineId} requested by ${person(context).name}: the approval card is in this thread (expires ${approval.expiresAt}).`);
  };
  app.adaptiveCards.actionExecute<IncidentActionData>(INCIDENT_VERBS.isolate, guarded('isolate', device('isolate')));
  app.adaptiveCards.actionExecute<IncidentActionData>(INCIDENT_VERBS.release, guarded('release', device('unisolate')));

  const decide = (decision: 'approved' | 'denied') => async (context: TurnContext, _state: AppTurnState, data: ApprovalActionData) => {
    const result = await desk().decide(data.approvalId, decision, await approver(context, deps));
    if (!result.approval) return notice(result.message);
    return (await desk().approvalCard(result.approval, result.outcome === 'approved' || result.outcome === 'denied' ? undefined : result.message)).card ?? notice(result.message);
  };
  app.adaptiveCards.actionExecute<ApprovalActionData>(ACTION_APPROVAL_VERBS.approve, guarded('approve', decide('approved')));
  app.adaptiveCards.actionExecute<ApprovalActionData>(ACTION_APPROVAL_VERBS.deny, guarded('deny', decide('denied')));
  app.adaptiveCards.actionExecute<ApprovalActionData>(ACTION_APPROVAL_VERBS.retry, guarded('retry', async (context, _state, data) => {
    const result = await desk().retryAction(data.approvalId, await approver(context, deps));
    if (!result.approval) return notice(result.message);
    if (data.runId && result.approval.runId === data.runId) {
      const run = (await desk().runCard(data.runId)).card;
      if (run && result.outcome !== 'retried') run.body.push(text(result.message, { color: 'Warning' }));
      if (run) return run;
    }
    return (await desk().approvalCard(result.approval, result.outcome === 'retried' ? undefined : result.message)).card ?? notice(result.message);
  }));

  // The burst digest's "Open thread": that incident's thread goes next; the digest is redrawn.
  app.adaptiveCards.actionExecute<IncidentActionData>(DIGEST_VERBS.openThread, guarded('openThread', async (_context, _state, data) => {
    const message = await desk().openThreadNext(data.incidentId);
    return (await desk().burstDigest(message)).card ?? notice(message);
  }));
  app.adaptiveCards.actionExecute<IncidentActionData>(INCIDENT_VERBS.runPlaybook, guarded('runPlaybook', async (context, _state, data) => {
    if (!data.playbookId) return notice('Pick a playbook to run.');
    const message = await desk()
      .runNow(data.incidentId, data.playbookId, person(context))
      .catch((err: unknown) => explainFailure(deps.logger, err, 'run from the incident card failed', { incidentId: data.incidentId, playbookId: data.playbookId }));
    return refreshedNotification(desk(), data.incidentId, message);
  }));

  app.adaptiveCards.actionExecute<IncidentActionData>(INCIDENT_VERBS.assignToMe, guarded('assignToMe', async (context, _state, data) => {
    const who = person(context);
    const message = await desk().updateIncidentFromCard(data.incidentId, { assignedTo: who.upn ?? who.name }, `Assigned to ${who.upn ?? who.name}`, who);
    return refreshedNotification(desk(), data.incidentId, message);
  }));

  app.adaptiveCards.actionExecute<IncidentActionData>(INCIDENT_VERBS.resolve, guarded('resolve', async (context, _state, data) => {
    const who = person(context);
    const classification = data.classification ?? 'TruePositive';
    const patch: Record<string, unknown> = { status: 'Resolved', classification };
    const comment = (data.resolveComment ?? data.comment)?.trim();
    if (comment) patch.comment = `${comment} (${who.name}, via Rampart)`;
    const message = await desk().updateIncidentFromCard(data.incidentId, patch, `Resolved as ${classification}`, who);
    return refreshedNotification(desk(), data.incidentId, message);
  }));

  app.adaptiveCards.actionExecute<IncidentActionData>(INCIDENT_VERBS.comment, guarded('comment', async (context, _state, data) => {
    const who = person(context);
    if (!data.comment?.trim()) return refreshedNotification(desk(), data.incidentId, 'Write a comment first.');
    const message = await desk().updateIncidentFromCard(data.incidentId, { comment: `${data.comment.trim()} (${who.name}, via Rampart)` }, 'Comment added to the incident', who);
    return refreshedNotification(desk(), data.incidentId, message);
  }));
}
