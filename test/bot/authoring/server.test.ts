import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRampart, type RunningRampart } from '../../../src/bootstrap';
import { PROPOSAL_VERBS } from '../../../src/cards/proposal';
import { parseConfig } from '../../../src/config';
import { silentLogger } from '../../../src/logger';
import { MockConnector, messageActivity } from '../../helpers/mockConnector';
import { ISOLATE_REQUEST } from './harness';

async function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

describe('authoring over HTTP (startRampart, real engine, mock Bot Framework connector)', function () {
  this.timeout(120_000);
  let connector: MockConnector;
  let rampart: RunningRampart;
  before(async () => {
    connector = await new MockConnector().start();
    rampart = await startRampart({ port: 0, config: parseConfig({ RAMPART_LOCAL: 'true', DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-authoring-')) }), logger: silentLogger() });
  });
  after(async () => {
    await rampart?.stop();
    await connector?.stop();
  });

  it('when a request is POSTed, then typing and a proposal card reach the thread; an invoke from another analyst approves it and the card is updated; the download link serves the file', async () => {
    const conversationId = '19:soc@thread.tacv2;messageid=1700000000000';
    const message = messageActivity(connector.url, ISOLATE_REQUEST, { conversationId, conversationType: 'channel' });
    const res = await post(`${rampart.url}/api/messages`, message);
    assert.ok(res.status < 300, `status ${res.status}`);
    const typing = await connector.waitFor((c) => c.conversationId === conversationId && c.activity.type === 'typing', 30_000);
    const cardCall = await connector.waitFor((c) => c.conversationId === conversationId && Array.isArray(c.activity.attachments), 60_000);
    assert.ok(connector.calls.indexOf(typing) < connector.calls.indexOf(cardCall), 'typing comes first');
    assert.equal(cardCall.activityId, message.id, 'the card replies to the request message');
    const card = (cardCall.activity.attachments as { content: Record<string, unknown> }[])[0].content;
    const { playbookId, version } = (card.refresh as { action: { data: { playbookId: string; version: number } } }).action.data;
    const posted = await rampart.deps.authoring!.proposals.get(playbookId, version);
    assert.ok(posted?.activityId, 'the card activity id is stored');

    const download = JSON.stringify(card).match(/"url":"(http:\/\/localhost:\d+\/api\/downloads\/[^"]+)"/)?.[1];
    assert.ok(download, 'the card links the download');
    const file = await fetch(download);
    assert.equal(file.status, 200);
    assert.match(await file.text(), /msal/);

    const invoke = {
      ...messageActivity(connector.url, '', { conversationId, conversationType: 'channel', fromId: 'user-dana', fromName: 'Dana Lead', aadObjectId: 'aad-dana' }),
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: posted.activityId,
      value: { action: { type: 'Action.Execute', verb: PROPOSAL_VERBS.approve, data: { playbookId, version } } },
    };
    const answer = await post(`${rampart.url}/api/messages`, invoke);
    assert.equal(answer.status, 200);
    const body = (await answer.json()) as { type: string; value: unknown };
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(JSON.stringify(body.value), /Approved by Dana Lead/);
    const update = await connector.waitFor((c) => c.method === 'PUT' && c.activityId === posted.activityId, 10_000);
    assert.match(JSON.stringify(update.activity), /Approved by Dana Lead/);
    assert.equal((await rampart.deps.library!.listEnabled()).length, 1);
  });

  it('when Dry-run is clicked over HTTP, then the invoke answers with the working card before the sandbox finishes and the connector then receives the result in place of the card', async () => {
    const conversationId = '19:soc@thread.tacv2;messageid=1700000000001';
    await post(`${rampart.url}/api/messages`, messageActivity(connector.url, ISOLATE_REQUEST, { conversationId, conversationType: 'channel' }));
    const cardCall = await connector.waitFor((c) => c.conversationId === conversationId && Array.isArray(c.activity.attachments), 60_000);
    const card = (cardCall.activity.attachments as { content: Record<string, unknown> }[])[0].content;
    const { playbookId, version } = (card.refresh as { action: { data: { playbookId: string; version: number } } }).action.data;
    const posted = (await rampart.deps.authoring!.proposals.get(playbookId, version))!;
    const before = connector.calls.length;
    const invoke = {
      ...messageActivity(connector.url, '', { conversationId, conversationType: 'channel', fromId: 'user-sam', fromName: 'Sam Intern', aadObjectId: 'aad-sam' }),
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: posted.activityId,
      value: { action: { type: 'Action.Execute', verb: PROPOSAL_VERBS.dryRun, data: { playbookId, version, incidentId: '41002' } } },
    };
    const answer = await post(`${rampart.url}/api/messages`, invoke);
    assert.equal(answer.status, 200);
    const body = (await answer.json()) as { type: string; value: unknown };
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(JSON.stringify(body.value), /Working: dry run on incident 41002, asked by Sam Intern/);
    // The real sandbox (Python) is still running when the invoke has answered.
    assert.ok(rampart.deps.authoring!.background.size >= 1, 'the dry run continues after the invoke');
    const result = await connector.waitFor((c) => connector.calls.indexOf(c) >= before && c.method === 'PUT' && c.activityId === posted.activityId && /Dry run repeated on incident 41002/.test(JSON.stringify(c.activity)), 60_000);
    assert.doesNotMatch(JSON.stringify(result.activity), /Working:/);
    assert.match(JSON.stringify(result.activity), /incident 41002/);
  });
});
