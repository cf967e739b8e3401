import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { startRampart, type RunningRampart } from '../../src/bootstrap';
import { parseConfig } from '../../src/config';
import { createLogger, type Logger } from '../../src/logger';
import type { SqliteDb } from '../../src/storage/database';
import { kill, reader, savedThread, useChildDesk } from '../faults/helpers/rampartChild';
import { MockConnector } from '../helpers/mockConnector';
import { CHANNEL_ID, cardText, defenderIncident, deskSettings, installInChannel, notificationsFor, postIncident, startSimulatorAndConnector, stopDesk, tempDir, waitUntil } from './helpers';
import type { RunningSimulator } from '../../src/simulator';

/**
 * The Bot Connector takes no idempotency key: a post Teams accepted whose answer Rampart never
 * recorded (the answer lost, the process killed) must be found in the channel through Graph and
 * adopted, not posted again; a post that never arrived must still go out, after the grace a
 * cut-off send gets to land. Graph is the mock connector's own view of the channel.
 */

const TEAM_ID = '19:team@thread.tacv2';
const GROUP_ID = 'group-soc';
const GRACE_MS = 3000;

/** Settings for Rampart with Defender on the simulator and Graph (the channel's messages) on the connector. */
function withGraph(sim: RunningSimulator, connector: MockConnector, dataDir = tempDir()): Record<string, string> {
  return { ...deskSettings(sim.info, dataDir), GRAPH_API_BASE: connector.url };
}

/** A logger whose warnings the test can read. */
function recordingLogger(): { logger: Logger; warnings: () => string[] } {
  const lines: string[] = [];
  const logger = createLogger({ level: 'warn', destination: new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }) });
  return { logger, warnings: () => lines.map((l) => (JSON.parse(l) as { msg: string }).msg) };
}

const MAY_DOUBLE = /^no Graph credential.*a notification may appear twice$/;

function outboxRow(rampart: RunningRampart, key: string): { status: string; sending_at: string | null } | undefined {
  return (rampart.db as SqliteDb).sqlite.prepare('SELECT status, sending_at FROM incident_outbox WHERE idempotency_key = ?').get(key) as { status: string; sending_at: string | null } | undefined;
}

function threadOf(rampart: RunningRampart, incidentId: string): string | undefined {
  return ((rampart.db as SqliteDb).sqlite.prepare('SELECT conversation_id AS c FROM incident_threads WHERE incident_id = ?').get(incidentId) as { c: string | null } | undefined)?.c ?? undefined;
}

describe('a notification whose post was cut off is posted once', function () {
  this.timeout(120_000);

  describe('with Graph configured', () => {
    let sim: RunningSimulator;
    let connector: MockConnector;
    let rampart: RunningRampart;

    before(async () => {
      ({ sim, connector } = await startSimulatorAndConnector());
      connector.teams.set(TEAM_ID, { id: TEAM_ID, name: 'SOC', aadGroupId: GROUP_ID });
      rampart = await startRampart({ port: 0, config: parseConfig(withGraph(sim, connector)), logger: log.logger, incidents: { inFlightGraceMs: GRACE_MS } });
      await installInChannel(rampart.url, connector);
    });
    after(() => stopDesk({ rampart, connector, sim }));
    const log = recordingLogger();

    it('when Rampart starts with a Graph credential, then it does not warn that notifications may double', () => {
      assert.equal(log.warnings().filter((w) => MAY_DOUBLE.test(w)).length, 0, log.warnings().join('\n'));
    });

    it('when Teams posts the thread but its answer is lost, then the next attempt finds the post in the channel, adopts it without posting again, and later replies go into that thread', async () => {
      const id = 8101;
      connector.loseAnswers = 1;
      assert.equal((await postIncident(rampart.url, defenderIncident(id))).status, 202);
      await waitUntil(() => outboxRow(rampart, `notify:${id}`)?.status === 'done', 30_000, 'the notification delivered');
      const posts = notificationsFor(connector, id);
      assert.equal(posts.length, 1, 'exactly one post for the incident');
      assert.equal(threadOf(rampart, String(id)), posts[0].conversationId, 'the thread on record is the post Teams made');
      assert.ok(connector.graphCalls.some((c) => c.status === 200 && c.path === `/v1.0/teams/${GROUP_ID}/channels/${encodeURIComponent(CHANNEL_ID)}/messages/delta`), 'the channel was read through Graph');

      const update = { ...defenderIncident(id, { lastUpdateTime: '2024-05-01T11:00:00Z' }), status: 'InProgress' };
      assert.equal((await postIncident(rampart.url, update)).status, 202);
      const reply = await connector.waitFor((c) => cardText(c).includes('Incident updated'), 20_000);
      assert.equal(reply.conversationId, posts[0].conversationId, 'the reply went into the adopted thread');
      assert.equal(notificationsFor(connector, id).length, 1);
    });

    it('when the post never reached Teams, then the next attempt finds nothing and posts once the grace for a cut-off send has passed', async () => {
      const id = 8102;
      const lookupsBefore = connector.graphCalls.length;
      connector.dropSends = 1;
      const sentAt = Date.now();
      assert.equal((await postIncident(rampart.url, defenderIncident(id))).status, 202);
      await waitUntil(() => outboxRow(rampart, `notify:${id}`)?.status === 'done', 30_000, 'the notification delivered');
      const posts = notificationsFor(connector, id);
      assert.equal(posts.length, 1, 'posted exactly once: nothing dropped, nothing doubled');
      assert.ok(posts[0].receivedAt - sentAt >= GRACE_MS, `posted ${posts[0].receivedAt - sentAt} ms after the cut-off send, not before the grace`);
      assert.ok(connector.graphCalls.length > lookupsBefore, 'the channel was looked at first');
      assert.equal(threadOf(rampart, String(id)), posts[0].conversationId);
    });

    it('when Teams throttles the post, then it is retried without waiting for the grace (nothing went out)', async () => {
      const id = 8103;
      connector.throttle = 1;
      const sentAt = Date.now();
      assert.equal((await postIncident(rampart.url, defenderIncident(id))).status, 202);
      await waitUntil(() => outboxRow(rampart, `notify:${id}`)?.status === 'done', 30_000, 'the notification delivered');
      assert.equal(notificationsFor(connector, id).length, 1);
      assert.ok(notificationsFor(connector, id)[0].receivedAt - sentAt < GRACE_MS, 'a throttled post is not treated as one that may have gone out');
    });
  });

  describe('with Rampart killed while Teams is posting (SIGKILL, a real process)', () => {
    const desk = useChildDesk();

    it('when the process dies after Teams accepted the post and before the thread was saved, then after a restart the post is found and adopted: one notification, and replies in its thread', async () => {
      const { sim, connector } = desk;
      connector.teams.set(TEAM_ID, { id: TEAM_ID, name: 'SOC', aadGroupId: GROUP_ID });
      const dataDir = tempDir();
      const env = withGraph(sim, connector, dataDir);
      const read = reader(dataDir);
      const first = await desk.start(env);
      await installInChannel(first.url, connector);
      connector.holdAnswers = 1;
      assert.equal((await postIncident(first.url, defenderIncident(8201))).status, 202);
      await connector.waitFor((c) => c.path === '/v3/conversations' && cardText(c).includes('incident 8201'), 20_000);
      await kill(first);
      assert.equal(read<{ c: string | null }>('SELECT conversation_id AS c FROM incident_threads WHERE incident_id = ?', '8201')?.c ?? undefined, undefined, 'no thread on record at the kill');
      assert.ok(read<{ s: string | null }>(`SELECT sending_at AS s FROM incident_outbox WHERE idempotency_key = 'notify:8201'`)?.s, 'the send was marked before it went out');

      const second = await desk.start(env);
      const thread = await savedThread(read, '8201', 30_000);
      assert.equal(thread, notificationsFor(connector, 8201)[0].conversationId);
      const update = { ...defenderIncident(8201, { lastUpdateTime: '2024-05-01T11:00:00Z' }), status: 'InProgress' };
      assert.equal((await postIncident(second.url, update)).status, 202);
      const reply = await connector.waitFor((c) => c.conversationId === thread && cardText(c).includes('Incident updated'), 20_000);
      assert.ok(reply);
      assert.equal(notificationsFor(connector, 8201).length, 1, 'exactly one notification');
      await kill(second);
    });
  });

  describe('without Graph (a local run with no Azure)', () => {
    let connector: MockConnector;
    let rampart: RunningRampart;

    before(async () => {
      connector = await new MockConnector().start();
      const settings = { RAMPART_LOCAL: 'true', DATA_DIR: tempDir(), WEBHOOK_HMAC_SECRET: 'test-webhook-secret', POLL_INTERVAL_SECONDS: '0', SOC_CHANNEL_ID: CHANNEL_ID };
      rampart = await startRampart({ port: 0, config: parseConfig(settings), logger: log.logger, incidents: { inFlightGraceMs: GRACE_MS } });
      await installInChannel(rampart.url, connector);
    });
    after(() => stopDesk({ rampart, connector }));
    const log = recordingLogger();

    it('when Rampart starts, then it warns once that after a crash a notification may appear twice', () => {
      assert.equal(log.warnings().filter((w) => MAY_DOUBLE.test(w)).length, 1, log.warnings().join('\n'));
    });

    it('when a post is cut off, then Rampart cannot look and posts again once the grace has passed (documented: nothing is dropped, a double is possible)', async () => {
      const id = 8301;
      connector.dropSends = 1;
      const sentAt = Date.now();
      assert.equal((await postIncident(rampart.url, defenderIncident(id))).status, 202);
      await waitUntil(() => outboxRow(rampart, `notify:${id}`)?.status === 'done', 30_000, 'the notification delivered');
      const posts = notificationsFor(connector, id);
      assert.equal(posts.length, 1);
      assert.ok(posts[0].receivedAt - sentAt >= GRACE_MS, 'posted only after the grace');
      assert.equal(connector.graphCalls.length, 0, 'no Graph to ask');
      assert.equal(log.warnings().filter((w) => MAY_DOUBLE.test(w)).length, 1, 'the start-up warning is not repeated');
    });
  });
});
