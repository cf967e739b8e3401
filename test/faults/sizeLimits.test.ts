import assert from 'node:assert/strict';
import { startRampart, type RunningRampart } from '../../src/bootstrap';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import { MAX_CARD_BYTES, MAX_REQUEST_CHARS, fitCard } from '../../src/bot/messageSize';
import fs from 'node:fs';
import { parseIncidentPayload } from '../../src/incidents/model';
import { notificationMessage } from '../../src/incidents/threadCards';
import { buildBot, say } from '../bot/authoring/harness';
import { MockConnector, messageActivity } from '../helpers/mockConnector';
import { tempDir } from '../incidents/helpers';
import { DEV_REQUESTS, SAMPLE_INCIDENTS, incidentFile } from '../fixtures/corpus';

/** Teams refuses a bot message over its size limit (413 MessageSizeTooBig); 40 KB is the safe reading. */
const TEAMS_LIMIT = 40 * 1024;

const SENTENCE = 'Isolate the machine if a critical severity alert from Microsoft Defender for Endpoint involves a known malicious IOC, and post the details to a Teams channel. ';

/** Finding 13: a clear limit on requests, and no card over Teams' message size. */
describe('faults: request and card sizes', function () {
  this.timeout(90_000);
  let connector: MockConnector;
  let rampart: RunningRampart;

  before(async () => {
    connector = await new MockConnector().start();
    rampart = await startRampart({ port: 0, config: parseConfig({ RAMPART_LOCAL: 'true', DATA_DIR: tempDir(), POLL_INTERVAL_SECONDS: '0' }), logger: silentLogger() });
  });
  after(async () => {
    await rampart?.stop();
    await connector?.stop();
  });

  async function ask(text: string, conversationId: string): Promise<void> {
    const res = await fetch(`${rampart.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(messageActivity(connector.url, text, { conversationId })) });
    assert.ok(res.status < 300, `status ${res.status}`);
  }

  it('when a 100 KB request is sent, then Rampart answers that it is over the limit, names the limit, and plans nothing', async () => {
    await ask(SENTENCE.repeat(Math.ceil(100_000 / SENTENCE.length)), 'conv-huge');
    const reply = await connector.waitFor((c) => c.conversationId === 'conv-huge' && typeof c.activity.text === 'string', 20_000);
    assert.match(String(reply.activity.text), new RegExp(`up to ${MAX_REQUEST_CHARS.toLocaleString('en-US')} characters`));
    assert.equal((await rampart.deps.library!.list()).length, 0);
  });

  it('when a request just under the limit is planned, then every message Rampart sends for it is under 40 KB', async () => {
    const text = SENTENCE.repeat(Math.floor((MAX_REQUEST_CHARS - 10) / SENTENCE.length));
    await ask(text, 'conv-long');
    await connector.waitFor((c) => c.conversationId === 'conv-long' && Array.isArray(c.activity.attachments), 60_000);
    const sent = connector.calls.filter((c) => c.conversationId === 'conv-long');
    assert.ok(sent.length > 0);
    for (const c of sent) assert.ok(Buffer.byteLength(JSON.stringify(c.activity)) < TEAMS_LIMIT, `a ${Buffer.byteLength(JSON.stringify(c.activity))}-byte message`);
  });

  it('when a card is 300 KB, then fitCard cuts its longest texts to fit and keeps every button', () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: 'x'.repeat(200_000), wrap: true },
        { type: 'FactSet', facts: [{ title: 'Request', value: 'y'.repeat(100_000) }] },
        { type: 'TextBlock', text: 'short', wrap: true },
      ],
      actions: [{ type: 'Action.Execute', title: 'Approve', verb: 'rampart.playbook.approve', data: { playbookId: 'p1', version: 1 } }],
    };
    const fitted = fitCard(card);
    assert.ok(Buffer.byteLength(JSON.stringify(fitted)) <= MAX_CARD_BYTES);
    assert.deepEqual(fitted.actions, card.actions);
    assert.equal(fitted.body[2].text, 'short');
    assert.match(String(fitted.body[0].text), /shortened to fit/);
    assert.equal(card.body[0].text?.length, 200_000, 'the original is not changed');
  });

  describe('over the dev requests and the sample incidents', () => {
    const requests = DEV_REQUESTS.map((r) => r.request);

    it('when every dev request is proposed by the real engine, then every message the bot sends is under 40 KB', async () => {
      const h = buildBot({}, { engine: 'real' });
      for (const request of requests) {
        for (const reply of await say(h, `new request: ${request}`)) {
          const size = Buffer.byteLength(JSON.stringify(reply));
          assert.ok(size < TEAMS_LIMIT, `${size} bytes for "${request.slice(0, 60)}"`);
        }
      }
    });

    it('when every sample incident is notified, then its card is under 40 KB', () => {
      for (const file of SAMPLE_INCIDENTS) {
        const incident = parseIncidentPayload(JSON.parse(fs.readFileSync(incidentFile(file), 'utf8')));
        const message = notificationMessage({ incident, approvals: [], verdicts: new Map(), playbooks: [], portalUrl: 'https://security.microsoft.com' });
        assert.ok(Buffer.byteLength(JSON.stringify(message.card)) < TEAMS_LIMIT, file);
      }
    });
  });
});
