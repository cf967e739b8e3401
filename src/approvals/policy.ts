import { AppError } from '../errors';

/**
 * Who may approve a playbook version or a destructive action: one policy for playbook
 * proposals and per-action approvals. No Teams imports: the bot layer
 * passes the clicking person in.
 */

/** The person clicking Approve, as the policy sees them. */
export interface ApproverIdentity {
  /** Entra object id when known, else the channel account id. */
  id: string;
  name: string;
  aadObjectId?: string;
  upn?: string;
  /**
   * The person's roles in the team the click came from (e.g. "owner"), as the bot layer read
   * them from Teams for this click; absent outside a team or when no team role is configured.
   */
  teamRoles?: string[];
}

/** Answers "is this user in one of these Entra groups?" (Graph `checkMemberGroups` in production). */
export interface GroupMembershipLookup {
  memberGroups(userObjectId: string, groupIds: string[]): Promise<string[]>;
}

export interface ApprovalPolicySettings {
  /** Entra object ids or UPNs. */
  approvers: string[];
  approverGroupIds: string[];
  /** Team roles whose holders may approve (in the team the channel belongs to): "owner". */
  approverTeamRoles?: string[];
  allowSelfApproval: boolean;
}

/** What is being approved. */
export interface ApprovalSubject {
  /** Who asked for it (the requester of a playbook, or the playbook's requester for an action). */
  requester: { id: string; aadObjectId?: string; upn?: string };
  /** Everyone else who shaped it (the authors of earlier versions and edits): excluded like the requester. */
  editors?: { id: string; aadObjectId?: string; upn?: string }[];
  /** Blocking review findings: nobody may approve. */
  blocking?: boolean;
  /** Words for messages, e.g. "this playbook" / "this isolation". */
  label?: string;
}

export type ApprovalVerdict =
  | { allowed: true; selfApproval: boolean }
  | { allowed: false; reason: string; code: 'not-an-approver' | 'self-approval' | 'blocking' };

function norm(value: string | undefined): string | undefined {
  return value?.trim().toLowerCase() || undefined;
}

/** The same person, by any id Teams or Entra gives for them. */
export function samePerson(a: { id: string; aadObjectId?: string; upn?: string }, b: { id: string; aadObjectId?: string; upn?: string }): boolean {
  const ids = (p: typeof a) => [p.id, p.aadObjectId, p.upn].map(norm).filter((v): v is string => Boolean(v));
  const left = new Set(ids(a));
  return ids(b).some((id) => left.has(id));
}

/**
 * The approval rules: configured approvers (ids / UPNs) or group members may approve; with
 * neither configured, anyone in the conversation may (Teams only delivers card actions from
 * conversation members). The requester, and everyone who edited the request, may not approve it unless
 * ALLOW_SELF_APPROVAL. Blocking findings mean no one may approve.
 */
export class ApprovalPolicy {
  constructor(
    private readonly settings: ApprovalPolicySettings,
    private readonly membership?: GroupMembershipLookup,
  ) {}

  /** True when self-approval is allowed (cards say so). */
  get selfApprovalAllowed(): boolean {
    return this.settings.allowSelfApproval;
  }

  /** True when approvers are restricted to a configured list or group. */
  get restricted(): boolean {
    return this.settings.approvers.length > 0 || this.settings.approverGroupIds.length > 0 || (this.settings.approverTeamRoles ?? []).length > 0;
  }

  /** True when a team role counts: the bot layer then looks the clicker's roles up in the team. */
  get usesTeamRoles(): boolean {
    return (this.settings.approverTeamRoles ?? []).length > 0;
  }

  /** The rule in force, in words for cards: "an approver (2 listed people, members of 1 Entra group or owners of this team); not the requester". */
  describe(): string {
    const who: string[] = [];
    const n = this.settings.approvers.length;
    if (n > 0) who.push(n <= 3 ? this.settings.approvers.join(', ') : `${n} listed people`);
    const g = this.settings.approverGroupIds.length;
    if (g > 0) who.push(`members of ${g === 1 ? 'the approver group' : `${g} approver groups`}`);
    for (const role of this.settings.approverTeamRoles ?? []) who.push(`${role}s of this team`);
    const whom = who.length === 0 ? 'anyone in this conversation' : who.length === 1 ? who[0] : `${who.slice(0, -1).join(', ')} or ${who[who.length - 1]}`;
    return `${whom}${this.settings.allowSelfApproval ? ' (self-approval allowed)' : ', not the requester'}`;
  }

  /** Whether this person is an approver at all (also gates the `audit` command). */
  async isApprover(person: ApproverIdentity): Promise<boolean> {
    if (!this.restricted) return true;
    const listed = new Set(this.settings.approvers.map(norm));
    if ([person.id, person.aadObjectId, person.upn].some((v) => v && listed.has(norm(v)))) return true;
    const roles = new Set((this.settings.approverTeamRoles ?? []).map(norm));
    if ((person.teamRoles ?? []).some((r) => roles.has(norm(r)))) return true;
    if (this.settings.approverGroupIds.length > 0 && this.membership && person.aadObjectId) {
      const groups = await this.membership.memberGroups(person.aadObjectId, this.settings.approverGroupIds);
      return groups.length > 0;
    }
    return false;
  }

  /** The verdict for this person approving this subject; `reason` is addressed to the person. */
  async canApprove(person: ApproverIdentity, subject: ApprovalSubject): Promise<ApprovalVerdict> {
    const label = subject.label ?? 'this playbook';
    if (subject.blocking) {
      return {
        allowed: false,
        code: 'blocking',
        reason: `${capitalise(label)} has blocking review findings, so no one can approve it. Fix them (Edit, in plain words) and approve the new version.`,
      };
    }
    if (!(await this.isApprover(person))) {
      return {
        allowed: false,
        code: 'not-an-approver',
        reason: `You are not one of this deployment's approvers (${this.describe()}), so your click changed nothing. Ask one of them to approve ${label}.`,
      };
    }
    const self = samePerson(person, subject.requester) || (subject.editors ?? []).some((e) => samePerson(person, e));
    if (self && !this.settings.allowSelfApproval) {
      return {
        allowed: false,
        code: 'self-approval',
        reason: `You asked for or edited ${label}, so a second analyst has to approve it (two-person rule). Your click changed nothing.`,
      };
    }
    return { allowed: true, selfApproval: self };
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Membership through Microsoft Graph `POST /users/{id}/checkMemberGroups` (needs GroupMember.Read.All). */
export class GraphGroupMembership implements GroupMembershipLookup {
  constructor(
    private readonly graphApiBase: string,
    private readonly getToken: () => Promise<string>,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async memberGroups(userObjectId: string, groupIds: string[]): Promise<string[]> {
    const url = `${this.graphApiBase.replace(/\/$/, '')}/v1.0/users/${encodeURIComponent(userObjectId)}/checkMemberGroups`;
    const res = await this.fetchImpl(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await this.getToken()}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ groupIds }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new AppError('GraphUnavailable', 'Rampart could not check whether you are in an approver group; try again in a few minutes.', { httpStatus: 503, detail: `Graph checkMemberGroups answered ${res.status}` });
    const body = (await res.json()) as { value?: string[] };
    return body.value ?? [];
  }
}

/**
 * Whether someone owns a team, through Microsoft Graph `GET /teams/{id}/members` (the Bot
 * Framework roster names members but not owners). Needs TeamMember.Read.Group (resource-specific
 * consent in the app manifest) or TeamMember.Read.All.
 */
export class GraphTeamOwners {
  constructor(
    private readonly graphApiBase: string,
    private readonly getToken: () => Promise<string>,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async isOwner(teamGroupId: string, userObjectId: string): Promise<boolean> {
    const filter = encodeURIComponent(`(microsoft.graph.aadUserConversationMember/userId eq '${userObjectId.replace(/'/g, "''")}')`);
    const url = `${this.graphApiBase.replace(/\/$/, '')}/v1.0/teams/${encodeURIComponent(teamGroupId)}/members?$filter=${filter}`;
    const res = await this.fetchImpl(url, { headers: { Authorization: `Bearer ${await this.getToken()}` }, signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new AppError('GraphUnavailable', 'Rampart could not check who owns this team; try again in a few minutes.', { httpStatus: 503, detail: `Graph teams/members answered ${res.status}` });
    const body = (await res.json()) as { value?: { userId?: string; roles?: string[] }[] };
    return (body.value ?? []).some((m) => m.userId?.toLowerCase() === userObjectId.toLowerCase() && (m.roles ?? []).map((r) => r.toLowerCase()).includes('owner'));
  }
}
