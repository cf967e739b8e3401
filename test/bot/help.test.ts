import assert from 'node:assert/strict';
import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { createBotApp } from '../../src/bot/app';
import type { BotDeps } from '../../src/bot/deps';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import { SqlAuditLog } from '../../src/storage/audit';
import { SqlBotStorage } from '../../src/storage/botStorage';
import { openDatabase } from '../../src/storage/database';
import { SqlInstallationStore } from '../../src/storage/installations';

function build(env: Record<string, string> = {}) {
  const db = openDatabase(':memory:');
  const deps: BotDeps = {
    config: parseConfig(env),
    logger: silentLogger(),
    installations: new SqlInstallationStore(db),
    audit: new SqlAuditLog(db),
  };
  const app = createBotApp({ adapter: undefined as unknown as TeamsAdapter, storage: new SqlBotStorage(db), deps });
  const adapter = new TestAdapter(async (context) => {
    await app.run(context);
  });
  return { adapter, deps };
}

function cardText(activity: Partial<Activity>): string {
  return JSON.stringify(activity.attachments?.[0]?.content ?? {});
}

describe('bot: help and lifecycle', () => {
  it('when a user types help, then Rampart answers with the welcome card and its commands', async () => {
    const { adapter } = build();
    await adapter.send('help').assertReply((reply) => {
      assert.equal(reply.attachments?.[0]?.contentType, 'application/vnd.microsoft.card.adaptive');
      const text = cardText(reply);
      assert.match(text, /Rampart/);
      assert.match(text, /playbooks/);
      assert.match(text, /Isolate the machine if a critical severity alert/);
    });
  });

  it('when the two-person rule is relaxed, then the welcome card says so', async () => {
    const { adapter } = build({ ALLOW_SELF_APPROVAL: 'true' });
    await adapter.send('help').assertReply((reply) => assert.match(cardText(reply), /two-person rule is relaxed/));
  });

  it('when Rampart is added to a team channel, then it stores the channel and posts the welcome card', async () => {
    const { adapter, deps } = build();
    const update: Partial<Activity> = {
      type: ActivityTypes.ConversationUpdate,
      membersAdded: [{ id: 'bot', name: 'Rampart' }],
      recipient: { id: 'bot', name: 'Rampart' },
      conversation: { id: '19:soc@thread.tacv2', conversationType: 'channel', isGroup: true, name: 'SOC' },
      channelData: { team: { id: 'team-1' }, channel: { id: '19:soc@thread.tacv2', name: 'SOC' }, eventType: 'teamMemberAdded' },
    };
    await adapter.send(update).assertReply((reply) => assert.match(cardText(reply), /Rampart/));
    const stored = await deps.installations.get('19:soc@thread.tacv2');
    assert.equal(stored?.kind, 'channel');
    assert.equal(stored?.teamId, 'team-1');
  });

  it('when someone else joins the conversation, then Rampart stays quiet', async () => {
    const { adapter, deps } = build();
    const update: Partial<Activity> = {
      type: ActivityTypes.ConversationUpdate,
      membersAdded: [{ id: 'someone', name: 'Sam' }],
      recipient: { id: 'bot', name: 'Rampart' },
      conversation: { id: 'gc-1', conversationType: 'groupChat', isGroup: true, name: 'Group chat' },
    };
    await adapter.send(update);
    assert.equal(adapter.activeQueue.length, 0);
    assert.equal(await deps.installations.get('gc-1'), undefined);
  });

  it('when Rampart is removed, then the installation is forgotten', async () => {
    const { adapter, deps } = build();
    await deps.installations.add({ conversationId: 'gc-2', kind: 'groupChat', reference: {} });
    await adapter.send({
      type: ActivityTypes.ConversationUpdate,
      membersRemoved: [{ id: 'bot', name: 'Rampart' }],
      recipient: { id: 'bot', name: 'Rampart' },
      conversation: { id: 'gc-2', conversationType: 'groupChat', isGroup: true },
    } as Partial<Activity>);
    assert.equal(await deps.installations.get('gc-2'), undefined);
  });
});
