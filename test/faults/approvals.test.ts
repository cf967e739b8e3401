import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { startRampart, type RunningRampart } from '../../src/bootstrap';
import { ACTION_APPROVAL_VERBS } from '../../src/cards/actionApproval';
import { INCIDENT_VERBS } from '../../src/cards/incident';
import { PROPOSAL_VERBS } from '../../src/cards/proposal';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { ALEX, DANA, SAM, buildBot, cardOf, click, say } from '../bot/authoring/harness';
import { MockConnector } from '../helpers/mockConnector';
import { call as simCall } from '../simulator/simHttp';
import { cardText, clickExecute, defenderIncident, deskSettings, installInChannel, postIncident, tempDir, waitUntil } from '../incidents/helpers';
import { approvalIdIn } from '../helpers/people';

const MALLORY = { id: 'user-mallory', name: 'Mallory Editor', aadObjectId: 'aad-mallory' };

async function propose(h: ReturnType<typeof buildBot>): Promise<{ playbookId: string; activity: Partial<Activity> }> {
  const replies = await say(h, 'Isolate the device of every high severity Defender for Endpoint alert.', ALEX);
  const activity = replies.find((a) => a.attachments?.length)!;
  const refresh = (cardOf(activity).refresh as { action: { data: { playbookId: string } } }).action.data;
  return { playbookId: refresh.playbookId, activity };
}

describe('faults: approvals that must not be forged or laundered', function () {
  this.timeout(60_000);

  describe('playbook versions', () => {
    it('when someone edits a draft and the original requester approves the new version, then it is refused; a third analyst may approve it', async () => {
      const h = buildBot({ APPROVERS: 'aad-alex,aad-dana,aad-sam' });
      const p = await propose(h);
      const edited = await click(h, PROPOSAL_VERBS.edit, { playbookId: p.playbookId, version: 1, change: 'also add a comment' }, MALLORY, p.activity.id);
      const v2 = edited.replies.find((a) => a.attachments?.length)!;
      assert.equal((await h.deps.library!.getVersion(p.playbookId, 2))?.requester.name, MALLORY.name);

      const byRequester = await click(h, PROPOSAL_VERBS.approve, { playbookId: p.playbookId, version: 2 }, ALEX, v2.id);
      assert.match(String(byRequester.response.value), /second analyst has to approve/);
      assert.equal((await h.deps.library!.getVersion(p.playbookId, 2))?.decision, 'pending');

      const byEditor = await click(h, PROPOSAL_VERBS.approve, { playbookId: p.playbookId, version: 2 }, MALLORY, v2.id);
      assert.equal((await h.deps.library!.getVersion(p.playbookId, 2))?.decision, 'pending', JSON.stringify(byEditor.response.value));

      await click(h, PROPOSAL_VERBS.approve, { playbookId: p.playbookId, version: 2 }, DANA, v2.id);
      assert.equal((await h.deps.library!.getVersion(p.playbookId, 2))?.decision, 'approved');
    });

    it('when an approve invoke has no replyToId and names a version whose card is not in this conversation, then nothing changes and it is audited as tampering', async () => {
      const h = buildBot();
      const p = await propose(h);
      const tamperedHere = await click(h, PROPOSAL_VERBS.approve, { playbookId: p.playbookId, version: 7 }, DANA);
      assert.equal((await h.deps.library!.getVersion(p.playbookId, 1))?.decision, 'pending');
      assert.doesNotMatch(JSON.stringify(tamperedHere.response.value), /Approved by/);
      assert.equal((await h.deps.audit.recent(1))[0].kind, 'tampered-action');

      // The same click from another conversation, with no replyToId to compare against.
      h.adapter.activeQueue.splice(0);
      await h.adapter.send({
        type: 'invoke',
        name: 'adaptiveCard/action',
        from: DANA,
        conversation: { id: 'elsewhere;messageid=9', conversationType: 'channel', isGroup: true, name: 'Other' },
        value: { action: { type: 'Action.Execute', verb: PROPOSAL_VERBS.approve, data: { playbookId: p.playbookId, version: 1 } } },
      });
      assert.equal((await h.deps.library!.getVersion(p.playbookId, 1))?.decision, 'pending');
      assert.equal((await h.deps.audit.recent(1))[0].kind, 'tampered-action');

      // Without replyToId but from the card's own conversation, the click still works.
      await click(h, PROPOSAL_VERBS.approve, { playbookId: p.playbookId, version: 1 }, DANA);
      assert.equal((await h.deps.library!.getVersion(p.playbookId, 1))?.decision, 'approved');
    });
  });

  describe('device actions', () => {
    let sim: RunningSimulator;
    let connector: MockConnector;
    let rampart: RunningRampart;
    before(async () => {
      sim = await startSimulator({ port: 0, rateLimits: false });
      connector = await new MockConnector().start();
      rampart = await startRampart({ port: 0, config: parseConfig(deskSettings(sim.info, tempDir())), logger: silentLogger(), incidents: { machineActionPollMs: 100 } });
      await installInChannel(rampart.url, connector);
    });
    after(async () => {
      await rampart?.stop();
      await connector?.stop();
      await sim?.stop();
    });

    it('when a crafted Isolate invoke names a machine that is not in the incident (a domain controller), then no approval is created and nothing can be approved or sent', async () => {
      const own = 'e'.repeat(40);
      const dc = 'd'.repeat(40);
      await simCall(sim.info, 'POST', '/_sim/machines', { body: { id: dc, computerDnsName: 'dc-01.contoso.com', osPlatform: 'WindowsServer2022' } });
      const incident = defenderIncident(8201, { machineId: own, device: 'ws-8201.contoso.com' });
      assert.ok((await simCall(sim.info, 'POST', '/_sim/incidents', { body: incident })).status < 300);
      assert.equal((await postIncident(rampart.url, incident)).status, 202);
      await waitUntil(async () => Boolean((await rampart.deps.incidents!.incidents.thread('8201'))?.conversationId), 20_000, 'the thread');
      const thread = (await rampart.deps.incidents!.incidents.thread('8201'))!.conversationId!;

      const crafted = await clickExecute(rampart.url, connector, thread, INCIDENT_VERBS.isolate, { incidentId: '8201', machineId: dc }, ALEX);
      assert.equal(crafted.status, 200);
      assert.match(JSON.stringify(crafted.card), /not one of incident 8201's devices/);
      assert.equal((await rampart.deps.incidents!.approvals.forIncident('8201')).length, 0);
      assert.equal((await rampart.deps.audit.recent(1))[0].kind, 'tampered-action');

      // Its own device, but from another incident's thread: refused as well.
      const other = defenderIncident(8202, { machineId: 'f'.repeat(40) });
      assert.equal((await postIncident(rampart.url, other)).status, 202);
      await waitUntil(async () => Boolean((await rampart.deps.incidents!.incidents.thread('8202'))?.conversationId), 20_000, 'the other thread');
      const otherThread = (await rampart.deps.incidents!.incidents.thread('8202'))!.conversationId!;
      await clickExecute(rampart.url, connector, otherThread, INCIDENT_VERBS.isolate, { incidentId: '8201', machineId: own }, ALEX);
      assert.equal((await rampart.deps.incidents!.approvals.forIncident('8201')).length, 0);

      // The genuine click works, and its approval card names only the incident's device.
      await clickExecute(rampart.url, connector, thread, INCIDENT_VERBS.isolate, { incidentId: '8201', machineId: own }, ALEX);
      const card = await connector.waitFor((c) => c.conversationId === thread && cardText(c).includes('Approval needed'), 20_000);
      assert.match(cardText(card), new RegExp(own));
      const approvalId = approvalIdIn(cardText(card))!;
      await clickExecute(rampart.url, connector, thread, ACTION_APPROVAL_VERBS.approve, { approvalId, machineId: dc }, SAM);
      await waitUntil(async () => ['sent', 'succeeded'].includes((await rampart.deps.incidents!.approvals.get(approvalId))?.status ?? ''), 20_000, 'the isolation sent');
      const calls = (await simCall(sim.info, 'GET', '/_sim/calls')).body as { method: string; path: string }[] | { calls: { method: string; path: string }[] };
      const isolates = (Array.isArray(calls) ? calls : calls.calls).filter((c) => c.method === 'POST' && /\/isolate$/.test(c.path));
      assert.deepEqual(isolates.map((c) => c.path), [`/api/machines/${own}/isolate`]);
    });
  });
});
