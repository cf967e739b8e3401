import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRampart, type RunningRampart } from '../../src/bootstrap';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import { BOT_ID, FakeBotFrameworkChannel, MockConnector, messageActivity } from '../helpers/mockConnector';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-server-'));
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

describe('server over HTTP', () => {
  let connector: MockConnector;
  before(async () => {
    connector = await new MockConnector().start();
  });
  after(async () => connector.stop());

  describe('without BOT_ID (local)', () => {
    let rampart: RunningRampart;
    before(async () => {
      rampart = await startRampart({ port: 0, config: parseConfig({ RAMPART_LOCAL: 'true', DATA_DIR: tempDir() }), logger: silentLogger() });
    });
    after(async () => rampart.stop());

    it('when a help message is POSTed, then the reply reaches the connector with the welcome card', async () => {
      const activity = messageActivity(connector.url, '<at>Rampart</at> help', { conversationId: 'conv-help' });
      (activity as { entities: unknown[] }).entities = [
        { type: 'mention', text: '<at>Rampart</at>', mentioned: { id: 'bot-1', name: 'Rampart' } },
      ];
      const res = await post(`${rampart.url}/api/messages`, activity);
      assert.ok(res.status === 200 || res.status === 201, `status ${res.status}`);
      const call = await connector.waitFor((c) => c.conversationId === 'conv-help');
      const attachments = call.activity.attachments as { contentType: string; content: unknown }[];
      assert.equal(attachments[0].contentType, 'application/vnd.microsoft.card.adaptive');
      assert.match(JSON.stringify(attachments[0].content), /Try one of these/);
    });

    it('when a welcome card example button is clicked, then the request is planned and a proposal card comes back', async () => {
      const activity = messageActivity(connector.url, '', { conversationId: 'conv-try' });
      (activity as { value: unknown }).value = { verb: 'tryExample', request: 'Run a full antivirus scan on every device in a high severity incident.' };
      const res = await post(`${rampart.url}/api/messages`, activity);
      assert.ok(res.status < 300, `status ${res.status}`);
      const call = await connector.waitFor((c) => c.conversationId === 'conv-try' && Array.isArray(c.activity.attachments), 20000);
      assert.match(JSON.stringify(call.activity.attachments), /antivirus scan/i);
    });

    it('when the body is not an activity, then the answer is 400 with the reason', async () => {
      const res = await post(`${rampart.url}/api/messages`, '{"hello": "world"}');
      assert.equal(res.status, 400);
      const body = (await res.json()) as { error: { message: string } };
      assert.match(body.error.message, /Bot Framework activity/);
    });

    it('when the body is not JSON, then the answer is a 4xx, not a crash', async () => {
      const res = await post(`${rampart.url}/api/messages`, '{not json');
      assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
      const health = await fetch(`${rampart.url}/healthz`);
      assert.ok(health.status === 200 || health.status === 503);
    });

    it('when /healthz is read, then it reports storage, the Python runtime, the planner and the Defender endpoint', async () => {
      const res = await fetch(`${rampart.url}/healthz`);
      const report = (await res.json()) as Record<string, Record<string, unknown>>;
      assert.equal(report.storage, 'sqlite');
      assert.equal(report.database.ok, true);
      assert.equal(typeof report.instance, 'string');
      assert.equal(typeof report.python.interpreter, 'string');
      assert.equal(typeof report.python.ok, 'boolean');
      assert.equal(report.planner, 'offline');
      assert.equal(report.defender.apiBase, 'https://api.security.microsoft.com');
    });
  });

  describe('with BOT_ID (deployed)', () => {
    let rampart: RunningRampart;
    // The channel's signing keys, served on loopback (no internet here): a genuine key set that
    // the forged token's signature cannot match.
    let channel: FakeBotFrameworkChannel;
    before(async () => {
      channel = await new FakeBotFrameworkChannel().start();
      rampart = await startRampart({
        port: 0,
        config: parseConfig({
          DATA_DIR: tempDir(),
          BOT_ID,
          BOT_PASSWORD: 'not-a-real-secret',
          BOT_OPENID_METADATA_URL: channel.metadataUrl,
        }),
        logger: silentLogger(),
      });
    });
    after(async () => {
      await rampart.stop();
      await channel.stop();
    });

    it('when a request has no token, then it is refused with 401 and nothing is sent', async () => {
      const before = connector.calls.length;
      const res = await post(`${rampart.url}/api/messages`, messageActivity(connector.url, 'help', { conversationId: 'conv-noauth' }));
      assert.equal(res.status, 401);
      assert.equal(connector.calls.length, before);
    });

    it('when a request carries a forged token, then it is refused with 401', async () => {
      const forged = [
        Buffer.from(JSON.stringify({ alg: 'RS256', kid: channel.kid, typ: 'JWT' })).toString('base64url'),
        Buffer.from(
          JSON.stringify({ iss: 'https://api.botframework.com', aud: BOT_ID, exp: Math.floor(Date.now() / 1000) + 600, serviceurl: connector.url }),
        ).toString('base64url'),
        'c2lnbmF0dXJl',
      ].join('.');
      const res = await post(`${rampart.url}/api/messages`, messageActivity(connector.url, 'help'), { Authorization: `Bearer ${forged}` });
      assert.equal(res.status, 401);
      assert.equal(connector.calls.some((c) => c.conversationId === 'personal-conv-1'), false);
    });
  });
});
