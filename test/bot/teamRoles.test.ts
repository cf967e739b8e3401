import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApprovalPolicy, GraphTeamOwners } from '../../src/approvals/policy';
import type { RunningRampart } from '../../src/bootstrap';
import { ACTION_APPROVAL_VERBS } from '../../src/cards/actionApproval';
import { INCIDENT_VERBS } from '../../src/cards/incident';
import type { RunningSimulator } from '../../src/simulator';
import { MockConnector } from '../helpers/mockConnector';
import { call as simCall } from '../simulator/simHttp';
import { cardText, defenderIncident, postIncident, waitUntil, clickExecute, startDesk, stopDesk } from '../incidents/helpers';
import { ALEX, approvalIdIn } from '../helpers/people';

/** Approval by team role: owners of the team the SOC channel belongs to, read from Teams' roster for each click. */

const TEAM_ID = '19:soc-team@thread.tacv2';
const SAM = { id: 'user-sam', name: 'Sam Member', aadObjectId: 'aad-sam' };
const DANA = { id: 'user-dana', name: 'Dana Owner', aadObjectId: 'aad-dana' };

describe('approval rules by team role', () => {
  describe('the policy', () => {
    const policy = new ApprovalPolicy({ approvers: ['lead@contoso.com'], approverGroupIds: [], approverTeamRoles: ['owner'], allowSelfApproval: false });

    it('when the clicker owns the team, then they may approve; a member of the team may not, and is told the rule', async () => {
      assert.deepEqual(await policy.canApprove({ id: 'u1', name: 'Dana', teamRoles: ['owner'] }, { requester: { id: 'u2' } }), { allowed: true, selfApproval: false });
      const member = await policy.canApprove({ id: 'u3', name: 'Sam', teamRoles: ['member'] }, { requester: { id: 'u2' } });
      assert.equal(member.allowed, false);
      assert.match(member.allowed ? '' : member.reason, /lead@contoso\.com or owners of this team, not the requester/);
      assert.equal((await policy.canApprove({ id: 'u2', name: 'Req', teamRoles: ['owner'] }, { requester: { id: 'u2' } })).allowed, false, 'an owner who asked for it still needs a second person');
    });

    it('when the rule is described, then ids, groups and team roles are named', () => {
      assert.equal(policy.describe(), 'lead@contoso.com or owners of this team, not the requester');
      assert.equal(new ApprovalPolicy({ approvers: [], approverGroupIds: ['g1', 'g2'], allowSelfApproval: true }).describe(), 'members of 2 approver groups (self-approval allowed)');
      assert.equal(new ApprovalPolicy({ approvers: [], approverGroupIds: [], allowSelfApproval: false }).describe(), 'anyone in this conversation, not the requester');
    });
  });

  describe('Graph team owners (the Bot Framework roster does not name owners)', () => {
    let server: http.Server;
    let base = '';
    const seen: string[] = [];
    before(async () => {
      server = http.createServer((req, res) => {
        seen.push(`${req.method} ${decodeURIComponent(req.url ?? '')} ${req.headers.authorization ?? ''}`);
        const owner = /userId eq 'aad-dana'/.test(decodeURIComponent(req.url ?? ''));
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ value: owner ? [{ userId: 'aad-dana', roles: ['owner'] }] : [{ userId: 'aad-sam', roles: [] }] }));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => server.close());

    it('when Graph lists the user with the owner role, then they own the team; without it, they do not', async () => {
      const owners = new GraphTeamOwners(base, async () => 'token-1');
      assert.equal(await owners.isOwner('group-1', 'aad-dana'), true);
      assert.equal(await owners.isOwner('group-1', 'aad-sam'), false);
      assert.match(seen[0], /^GET \/v1\.0\/teams\/group-1\/members\?\$filter=\(microsoft\.graph\.aadUserConversationMember\/userId eq 'aad-dana'\) Bearer token-1$/);
    });
  });

  describe('over HTTP: the roster decides an action approval', function () {
    this.timeout(60_000);
    let sim: RunningSimulator;
    let connector: MockConnector;
    let rampart: RunningRampart;

    before(async () => {
      ({ sim, connector, rampart } = await startDesk({ simulator: true, settings: { APPROVER_TEAM_ROLES: 'owner' } }));
      connector.roster.set(TEAM_ID, new Map([
        [SAM.id, { id: SAM.id, name: SAM.name, aadObjectId: SAM.aadObjectId, userRole: 'user' }],
        [DANA.id, { id: DANA.id, name: DANA.name, aadObjectId: DANA.aadObjectId, userRole: 'owner' }],
      ]));
    });
    after(() => stopDesk({ sim, connector, rampart }));

    /** A click in the SOC channel of the team whose roster decides; the bot's answer as text. */
    const click = async (thread: string, verb: string, data: Record<string, unknown>, who: typeof ALEX): Promise<string> =>
      (await clickExecute(rampart.url, connector, thread, verb, data, who, TEAM_ID)).text;

    it('when a team member clicks Approve, then nothing is sent and they are told the rule; when the team owner does, the action is approved, and the card shows the rule', async () => {
      const machineId = 'e1'.repeat(20);
      const incident = defenderIncident(9301, { machineId });
      assert.ok((await simCall(sim.info, 'POST', '/_sim/incidents', { body: incident })).status < 300);
      assert.equal((await postIncident(rampart.url, incident)).status, 202);
      await waitUntil(async () => Boolean((await rampart.deps.incidents!.incidents.thread('9301'))?.conversationId), 10_000, 'the thread');
      const thread = (await rampart.deps.incidents!.incidents.thread('9301'))!.conversationId!;
      await click(thread, INCIDENT_VERBS.isolate, { incidentId: '9301', machineId }, ALEX);
      const approvalCard = await connector.waitFor((c) => c.conversationId === thread && cardText(c).includes('Approval needed'));
      assert.match(cardText(approvalCard), /"title":"Who may approve","value":"owners of this team, not the requester"/);
      const approvalId = approvalIdIn(cardText(approvalCard))!;

      const bySam = await click(thread, ACTION_APPROVAL_VERBS.approve, { approvalId }, SAM);
      assert.match(bySam, /You are not one of this deployment's approvers \(owners of this team, not the requester\)/);
      assert.equal((await rampart.deps.incidents!.approvals.get(approvalId))?.status, 'pending');

      const byDana = await click(thread, ACTION_APPROVAL_VERBS.approve, { approvalId }, DANA);
      assert.match(byDana, /approved by Dana Owner/);
      assert.notEqual((await rampart.deps.incidents!.approvals.get(approvalId))?.status, 'pending');
    });
  });
});
