import assert from 'node:assert/strict';
import http from 'node:http';
import zlib from 'node:zlib';
import { startRampart, type RunningRampart } from '../../src/bootstrap';
import { parseConfig } from '../../src/config';
import { signBody } from '../../src/incidents/webhook';
import { silentLogger } from '../../src/logger';
import { BOT_ID, FakeBotFrameworkChannel, MockConnector, messageActivity } from '../helpers/mockConnector';
import { SECRET, defenderIncident, tempDir } from '../incidents/helpers';

/** 64 MB of zeros once inflated, about 64 KB on the wire (an earlier version of this test used 600 MB; anything past the 1 MiB cap shows the same). */
const BOMB = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });

function send(url: string, body: Buffer, headers: Record<string, string>): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
}

async function healthy(url: string): Promise<void> {
  const res = await fetch(`${url}/healthz`);
  assert.ok(res.status === 200 || res.status === 503, `/healthz answered ${res.status}`);
  await res.body?.cancel();
}

/**
 * Sends headers and the first bytes of a large body, then waits: the answer must come before
 * the client has sent the rest, which shows the body was not read before authentication.
 */
function answerBeforeBody(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = http.request({ host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': String(512 * 1024), ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err)));
    req.write(Buffer.alloc(1024, 0x20));
    // Nothing more is sent: a server that waits for the whole body never answers.
    setTimeout(() => reject(new Error('no answer before the body was complete: the server waited for the body')), 10_000).unref();
  });
}

describe('faults: request bodies', function () {
  this.timeout(60_000);

  describe('in local mode', () => {
    let rampart: RunningRampart;
    let connector: MockConnector;
    before(async () => {
      connector = await new MockConnector().start();
      rampart = await startRampart({ port: 0, config: parseConfig({ RAMPART_LOCAL: 'true', DATA_DIR: tempDir(), WEBHOOK_HMAC_SECRET: SECRET, POLL_INTERVAL_SECONDS: '0' }), logger: silentLogger() });
    });
    after(async () => {
      await rampart?.stop();
      await connector?.stop();
    });

    it('when a gzip bomb is POSTed to /api/messages, then the answer is 413, the process stays up and /healthz answers', async () => {
      const before = process.memoryUsage().rss;
      const res = await send(`${rampart.url}/api/messages`, BOMB, { 'Content-Encoding': 'gzip' });
      assert.equal(res.status, 413);
      assert.match(((await res.json()) as { error: { message: string } }).error.message, /larger than/);
      assert.ok(process.memoryUsage().rss - before < 200 * 1024 * 1024, 'the bomb was not inflated into memory');
      await healthy(rampart.url);
    });

    it('when a gzip bomb carries a well-formed signature to /api/incidents, then the answer is 413 and nothing is stored', async () => {
      const res = await send(`${rampart.url}/api/incidents`, BOMB, { 'Content-Encoding': 'gzip', 'X-Rampart-Signature': `sha256=${'0'.repeat(64)}` });
      assert.equal(res.status, 413);
      assert.equal((await rampart.deps.incidents!.incidents.count()), 0);
      await healthy(rampart.url);
    });

    it('when a body comes in an unknown Content-Encoding, then the answer is 415', async () => {
      const res = await send(`${rampart.url}/api/messages`, Buffer.from('{}'), { 'Content-Encoding': 'compress' });
      assert.equal(res.status, 415);
    });

    it('when an uncompressed body is over the limit, then the answer is 413 with the limit named', async () => {
      const res = await send(`${rampart.url}/api/messages`, Buffer.alloc(2 * 1024 * 1024, 0x20), {});
      assert.equal(res.status, 413);
      await healthy(rampart.url);
    });

    it('when a small signed incident comes gzip-compressed, then it is inflated, verified and accepted', async () => {
      const raw = JSON.stringify(defenderIncident(7001));
      const res = await send(`${rampart.url}/api/incidents`, zlib.gzipSync(raw), { 'Content-Encoding': 'gzip', 'X-Rampart-Signature': signBody(SECRET, raw) });
      assert.equal(res.status, 202);
      assert.ok((await rampart.deps.incidents!.incidents.get('7001')));
    });

    it('when a gzip message activity is sent, then the bot handles it like any other', async () => {
      const res = await send(`${rampart.url}/api/messages`, zlib.gzipSync(JSON.stringify(messageActivity(connector.url, 'help', { conversationId: 'conv-gz' }))), { 'Content-Encoding': 'gzip' });
      assert.ok(res.status < 300, `status ${res.status}`);
      await connector.waitFor((c) => c.conversationId === 'conv-gz');
    });

    it('when /api/incidents has neither a signature nor a token, then the 401 comes before the body is read', async () => {
      assert.equal(await answerBeforeBody(`${rampart.url}/api/incidents`, {}), 401);
    });
  });

  describe('with BOT_ID', () => {
    let channel: FakeBotFrameworkChannel;
    let rampart: RunningRampart;
    before(async () => {
      channel = await new FakeBotFrameworkChannel().start();
      rampart = await startRampart({ port: 0, config: parseConfig({ DATA_DIR: tempDir(), BOT_ID, BOT_PASSWORD: 'not-a-real-secret', BOT_OPENID_METADATA_URL: channel.metadataUrl, POLL_INTERVAL_SECONDS: '0' }), logger: silentLogger() });
    });
    after(async () => {
      await rampart?.stop();
      await channel?.stop();
    });

    it('when an unauthenticated gzip bomb is POSTed to /api/messages, then the answer is 401 before the body is read', async () => {
      assert.equal(await answerBeforeBody(`${rampart.url}/api/messages`, { 'Content-Encoding': 'gzip' }), 401);
      const res = await send(`${rampart.url}/api/messages`, BOMB, { 'Content-Encoding': 'gzip' });
      assert.equal(res.status, 401);
      await healthy(rampart.url);
    });

    it('when an authenticated caller sends a gzip bomb, then the answer is still 413', async () => {
      const res = await send(`${rampart.url}/api/messages`, BOMB, { 'Content-Encoding': 'gzip', Authorization: `Bearer ${await channel.token('http://127.0.0.1:1/')}` });
      assert.equal(res.status, 413);
      await healthy(rampart.url);
    });
  });
});
