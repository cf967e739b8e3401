import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { ApproverIdentity, GraphTeamOwners } from '../approvals/policy';
import { errorMessage } from '../errors';
import type { Logger } from '../logger';
import { actorOf } from './conversation';

/** A person's roles in the team a click came from. */
export interface TeamRoleLookup {
  rolesOf(context: TurnContext): Promise<string[]>;
}

/**
 * Team roles from Teams itself: the roster API (TeamsInfo.getTeamMember: is this person a
 * member of the channel's team, and with which `userRole`), then, for ownership, which the Bot
 * Framework roster does not carry, Graph's team members of the team's Microsoft 365 group
 * (TeamsInfo.getTeamDetails gives its id). Any failure means no role: the click is refused.
 */
export class TeamsRosterRoles implements TeamRoleLookup {
  constructor(
    private readonly logger: Logger,
    private readonly owners?: Pick<GraphTeamOwners, 'isOwner'>,
  ) {}

  async rolesOf(context: TurnContext): Promise<string[]> {
    const teamId = (context.activity.channelData as { team?: { id?: string } } | undefined)?.team?.id;
    if (!teamId) return [];
    try {
      const member = await TeamsInfo.getTeamMember(context, teamId, context.activity.from.id);
      const role = (member as { userRole?: string }).userRole?.toLowerCase();
      if (role === 'owner') return ['owner'];
      if (this.owners && member.aadObjectId && role !== 'guest') {
        const details = await TeamsInfo.getTeamDetails(context, teamId);
        if (details.aadGroupId && (await this.owners.isOwner(details.aadGroupId, member.aadObjectId))) return ['owner'];
      }
      return role ? [role] : ['member'];
    } catch (err) {
      this.logger.warn({ err: errorMessage(err), teamId }, 'could not read the team roster; no team role counts for this click');
      return [];
    }
  }
}

/** The clicking person as the approval policy sees them, with their team roles when a team role may approve. */
export async function approverOf(context: TurnContext, lookup: TeamRoleLookup | undefined, wanted: boolean): Promise<ApproverIdentity> {
  const actor = actorOf(context.activity);
  const person: ApproverIdentity = { id: actor.id, name: actor.name, aadObjectId: actor.aadObjectId, upn: actor.upn };
  if (wanted && lookup) person.teamRoles = await lookup.rolesOf(context);
  return person;
}
