import assert from 'node:assert/strict';
import type { RunningRampart } from '../../src/bootstrap';
import { DIGEST_VERBS } from '../../src/cards/digest';
import { assertAdaptiveCard } from '../cards/adaptiveCards';
import { MockConnector, type ConnectorCall } from '../helpers/mockConnector';
import { cardText, clickExecute, defenderIncident, notificationsFor, postIncident, waitUntil, startDesk, stopDesk } from './helpers';
import { ALEX } from '../helpers/people';


const isDigest = (c: ConnectorCall): boolean => c.path === '/v3/conversations' && cardText(c).includes('Burst:');
/** The incident's own thread (the digest names incidents too). */
const threadsFor = (connector: MockConnector, id: number): ConnectorCall[] => notificationsFor(connector, id).filter((c) => !isDigest(c));

describe('a burst of new incidents', function () {
  this.timeout(120_000);
  let connector: MockConnector;
  let rampart: RunningRampart;

  before(async () => {
    // Four new threads a second in the channel: a burst of 40 takes ~10 s to post one by one.
    ({ rampart, connector } = await startDesk({ settings: { BURST_DIGEST_THRESHOLD: '10' }, incidents: { teamsLimits: { thread: [[1000, 4]], global: [[1000, 50]] } } }));
  });
  after(() => stopDesk({ rampart, connector }));

  it('when fewer incidents arrive than the threshold, then each gets its thread and no digest is posted', async () => {
    const ids = [811001, 811002, 811003, 811004, 811005];
    await Promise.all(ids.map(async (id) => assert.equal((await postIncident(rampart.url, defenderIncident(id))).status, 202)));
    await waitUntil(() => ids.every((id) => notificationsFor(connector, id).length === 1), 20_000, 'five notifications');
    assert.equal(connector.calls.filter(isDigest).length, 0);
  });

  it('when more incidents arrive than the channel can show, then a digest comes first, Open thread moves that incident ahead, and every incident still gets exactly one thread', async () => {
    const ids = Array.from({ length: 40 }, (_, k) => 812000 + k);
    const started = Date.now();
    await Promise.all(ids.map(async (id) => assert.equal((await postIncident(rampart.url, defenderIncident(id, { severity: id % 4 === 0 ? 'High' : 'Low' }))).status, 202)));
    const digest = await connector.waitFor(isDigest, 20_000);
    const notifiedBefore = ids.filter((id) => threadsFor(connector, id).length > 0).length;
    assert.ok(notifiedBefore < ids.length / 2, `the digest came while most threads still waited (${notifiedBefore} of ${ids.length} posted)`);
    assert.ok(digest.receivedAt - started < 10_000, `the digest reached the channel ${digest.receivedAt - started} ms after the burst began`);
    const posted = (digest.activity.activity ?? digest.activity) as { attachments: { content: Record<string, unknown> }[] };
    const card = posted.attachments[0].content;
    assertAdaptiveCard(card, 'the digest card');
    const text = JSON.stringify(card);
    assert.match(text, /Burst: \d+ new incidents/);
    assert.match(text, /"title":"High"/);
    const listed = [...text.matchAll(/"incidentId":"(\d+)"/g)].map((m) => Number(m[1]));
    const high = listed.map((id) => id % 4 === 0);
    assert.ok(listed.length > 0 && high[0], `a High incident heads the list: ${listed.join(', ')}`);
    assert.ok(high.every((h, k) => h || !high.slice(k).includes(true)), `High before Low: ${listed.join(', ')}`);

    // The analyst opens the thread of the newest waiting incident from the digest.
    const waiting = ids.filter((id) => threadsFor(connector, id).length === 0);
    const wanted = waiting[waiting.length - 1];
    const clicked = await clickExecute(rampart.url, connector, digest.conversationId, DIGEST_VERBS.openThread, { incidentId: String(wanted) }, ALEX);
    assert.equal(clicked.status, 200);
    assert.match(JSON.stringify(clicked.card), new RegExp(`thread of incident ${wanted} opens next`));
    const clickedAt = Date.now();
    await waitUntil(() => threadsFor(connector, wanted).length === 1, 20_000, 'the asked-for thread');
    const postedAfterClick = connector.calls.filter((c) => c.path === '/v3/conversations' && c.receivedAt >= clickedAt && c.receivedAt < threadsFor(connector, wanted)[0].receivedAt);
    // Without the move it would come last of the waiting ones; with it, only sends already under way (a handful, more on a
    // loaded machine) go before it. A count against the number waiting, not a fixed one, so the test does not time the host.
    assert.ok(postedAfterClick.length < (waiting.length - 1) / 2, `only the sends already under way went before it (${postedAfterClick.length} of ${waiting.length - 1} waiting)`);

    await waitUntil(() => ids.every((id) => threadsFor(connector, id).length >= 1), 60_000, 'every notification');
    assert.deepEqual(ids.filter((id) => threadsFor(connector, id).length !== 1), [], 'exactly one thread per incident');
    assert.equal(connector.calls.filter(isDigest).length, 1, 'one digest for the burst');
  });
});
