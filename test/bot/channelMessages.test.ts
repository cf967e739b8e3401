import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphChannelMessages, isCardFrom, type ChannelMessage } from '../../src/bot/channelMessages';
import { closeServer, listenOnLoopback } from '../helpers/mockConnector';

/** A loopback HTTP server answering with `answer`, recording each request's URL and Authorization header. */
async function server(answer: (url: URL, base: string) => { status: number; body: unknown }): Promise<{ base: string; seen: { url: string; auth?: string }[]; stop(): Promise<void> }> {
  const seen: { url: string; auth?: string }[] = [];
  const s = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', auth: req.headers.authorization });
    const base = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
    const { status, body } = answer(new URL(req.url ?? '/', base), base);
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await listenOnLoopback(s);
  return { base: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, seen, stop: () => closeServer(s) };
}

const card = (id: string): string => JSON.stringify({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Container', id, items: [] }] });
const message = (id: string, appId: string | null, marker: string): ChannelMessage => ({ id, from: appId ? { application: { id: appId } } : { application: null }, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card(marker) }] });

describe('reading the SOC channel through Graph (GraphChannelMessages)', () => {
  it('when the match is on the second page, then the lookup follows @odata.nextLink with its token and finds it, asking for changes since the given time', async () => {
    const g = await server((url, base) =>
      url.searchParams.get('$skiptoken') === '2'
        ? { status: 200, body: { value: [message('1700000000002', 'app-1', 'rampart-incident-42')], '@odata.deltaLink': `${base}/d` } }
        : { status: 200, body: { value: [message('1700000000001', 'app-1', 'rampart-incident-41')], '@odata.nextLink': `${base}${url.pathname}?$skiptoken=2` } },
    );
    try {
      const since = new Date('2026-12-01T10:00:00.000Z');
      const found = await new GraphChannelMessages(g.base, async () => 'token-1').find('group-1', '19:soc@thread.tacv2', since, (m) => isCardFrom(m, 'app-1', 'rampart-incident-42'));
      assert.equal(typeof found === 'object' ? found.id : found, '1700000000002');
      assert.equal(g.seen.length, 2);
      const first = new URL(g.seen[0].url, g.base);
      assert.equal(first.pathname, `/v1.0/teams/group-1/channels/${encodeURIComponent('19:soc@thread.tacv2')}/messages/delta`);
      assert.equal(first.searchParams.get('$filter'), 'lastModifiedDateTime gt 2026-12-01T10:00:00.000Z');
      assert.ok(g.seen.every((r) => r.auth === 'Bearer token-1'));
    } finally {
      await g.stop();
    }
  });

  it('when no message matches, then the answer is undefined; when Graph refuses the channel (403), "unavailable"; a 5xx throws', async () => {
    let status = 200;
    const g = await server(() => ({ status, body: status === 200 ? { value: [message('1', 'app-1', 'rampart-incident-41')] } : { error: { code: 'Forbidden' } } }));
    try {
      const lookup = new GraphChannelMessages(g.base, async () => 't');
      const find = (): ReturnType<GraphChannelMessages['find']> => lookup.find('group-1', 'c', new Date(), (m) => isCardFrom(m, 'app-1', 'rampart-incident-42'));
      assert.equal(await find(), undefined);
      status = 403;
      assert.equal(await find(), 'unavailable');
      status = 503;
      await assert.rejects(find(), /answered 503/);
    } finally {
      await g.stop();
    }
  });

  it('when a page links to another host, then the token is not sent there and the lookup fails; a link on Graph\'s own host is followed', async () => {
    const elsewhere = await server(() => ({ status: 200, body: { value: [] } }));
    const g = await server(() => ({ status: 200, body: { value: [], '@odata.nextLink': `${elsewhere.base}/v1.0/steal` } }));
    try {
      await assert.rejects(new GraphChannelMessages(g.base, async () => 'secret-token').find('group-1', 'c', new Date(), () => true), /another host/);
      assert.equal(elsewhere.seen.length, 0, 'nothing reached the other host');
    } finally {
      await g.stop();
      await elsewhere.stop();
    }
  });

  it('when a message carries the marker but comes from another app or a person, then it is not Rampart\'s; from Rampart\'s app it is', () => {
    assert.equal(isCardFrom(message('1', 'app-1', 'rampart-incident-42'), 'app-1', 'rampart-incident-42'), true);
    assert.equal(isCardFrom(message('1', 'other-app', 'rampart-incident-42'), 'app-1', 'rampart-incident-42'), false);
    assert.equal(isCardFrom(message('1', null, 'rampart-incident-42'), 'app-1', 'rampart-incident-42'), false);
    assert.equal(isCardFrom(message('1', 'app-1', 'rampart-incident-420'), 'app-1', 'rampart-incident-42'), false, 'another incident whose id starts the same');
    assert.equal(isCardFrom({ id: '1', from: { application: { id: 'app-1' } }, attachments: [{ content: 'not json' }] }, 'app-1', 'rampart-incident-42'), false);
  });
});
