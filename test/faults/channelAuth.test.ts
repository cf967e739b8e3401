import assert from 'node:assert/strict';
import { startRampart, type RunningRampart } from '../../src/bootstrap';
import { ACTION_APPROVAL_VERBS } from '../../src/cards/actionApproval';
import { parseConfig } from '../../src/config';
import { BOT_ID, FakeBotFrameworkChannel, MockConnector } from '../helpers/mockConnector';
import { tempDir } from '../incidents/helpers';
import { capturedLogger, capturingConsole } from './helpers/logs';

/** An approval click on an approval Rampart does not know: the answer card proves the turn ran. */
function approveInvoke(serviceUrl: string): Record<string, unknown> {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `inv-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl,
    from: { id: 'user-sam', name: 'Sam Second', aadObjectId: 'aad-sam' },
    recipient: { id: `28:${BOT_ID}`, name: 'Rampart' },
    conversation: { id: '19:soc@thread.tacv2;messageid=1', conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    value: { action: { type: 'Action.Execute', verb: ACTION_APPROVAL_VERBS.approve, data: { approvalId: 'apr-unknown' } }, trigger: 'manual' },
  };
}

/**
 * Findings 5 and 11: with BOT_ID and BOT_OPENID_METADATA_URL, a genuine channel token is
 * accepted (botbuilder gets every parameter it needs, not just the metadata URL) and every
 * forgery is a 401, with no stack trace and no key material in the logs or on the console.
 */
describe('faults: Bot Framework channel tokens', function () {
  this.timeout(60_000);
  let channel: FakeBotFrameworkChannel;
  let connector: MockConnector;
  let rampart: RunningRampart;
  const logs = capturedLogger();

  before(async () => {
    channel = await new FakeBotFrameworkChannel().start();
    connector = await new MockConnector().start();
    rampart = await startRampart({
      port: 0,
      config: parseConfig({ DATA_DIR: tempDir(), BOT_ID, BOT_PASSWORD: 'not-a-real-secret', BOT_OPENID_METADATA_URL: channel.metadataUrl, POLL_INTERVAL_SECONDS: '0' }),
      logger: logs.logger,
    });
  });
  after(async () => {
    await rampart?.stop();
    await connector?.stop();
    await channel?.stop();
  });

  async function invoke(token: string | undefined): Promise<{ status: number; text: string; printed: string }> {
    const { result, printed } = await capturingConsole(async () => {
      const res = await fetch(`${rampart.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(approveInvoke(connector.url)),
      });
      return { status: res.status, text: await res.text() };
    });
    return { ...result, printed };
  }

  it('when the channel sends a validly signed token, then the activity is accepted and the bot answers', async () => {
    const res = await invoke(await channel.token(connector.url));
    assert.equal(res.status, 200, res.text);
    assert.match(res.text, /not known to Rampart/);
  });

  const forgeries: [string, (c: FakeBotFrameworkChannel, serviceUrl: string) => Promise<string | undefined> | string | undefined][] = [
    ['no token', () => undefined],
    ['a token with a bad signature', async (c, s) => `${(await c.token(s)).slice(0, -6)}AAAAAA`],
    ['an HS256 token signed with the public key', (c, s) => c.hs256WithPublicKey(s)],
    ['a token that is not valid yet (future nbf)', (c, s) => c.token(s, { nbf: Math.floor(Date.now() / 1000) + 3600 })],
    ['an expired token', (c, s) => c.token(s, { exp: Math.floor(Date.now() / 1000) - 3600, nbf: Math.floor(Date.now() / 1000) - 7200 })],
    ['a token for another bot', (c, s) => c.token(s, { aud: 'another-bot' })],
    ['a token from another issuer', (c, s) => c.token(s, { iss: 'https://evil.example' })],
    ['a token for another service URL', (c) => c.token('https://smba.evil.example/')],
  ];
  for (const [what, forge] of forgeries) {
    it(`when a request carries ${what}, then the answer is 401 with no stack trace or key in logs or on the console`, async () => {
      const before = logs.lines.length;
      const res = await invoke(await forge(channel, connector.url));
      assert.equal(res.status, 401, res.text);
      const written = `${logs.lines.slice(before).join('\n')}\n${res.printed}\n${res.text}`;
      assert.doesNotMatch(written, /BEGIN (PUBLIC|RSA PUBLIC) KEY|Available keys/);
      assert.doesNotMatch(written, /\n\s+at \S+ \(/, 'no stack trace');
      assert.equal(connector.calls.length, 0, 'nothing was sent on behalf of a forged request');
    });
  }
});
