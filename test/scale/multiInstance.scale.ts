import assert from 'node:assert/strict';
import pg from 'pg';
import { ACTION_APPROVAL_VERBS } from '../../src/cards/actionApproval';
import { INCIDENT_VERBS } from '../../src/cards/incident';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { alive, kill, startChild, type RampartChild } from '../faults/helpers/rampartChild';
import { MockConnector, type ConnectorCall } from '../helpers/mockConnector';
import { freshPostgresDatabase, postgresUnavailable } from '../helpers/postgres';
import { cardText, clickExecute, defenderIncident, deskSettings, installInChannel, postIncident, tempDir, waitUntil } from '../incidents/helpers';
import { call as simCall } from '../simulator/simHttp';
import { ALEX, SAM, approvalIdIn } from '../helpers/people';

/**
 * Two Rampart server processes on one PostgreSQL (DATABASE_URL, or a private cluster this
 * process starts), a 1,000-incident webhook burst split across both, the instance holding the
 * poller role killed with SIGKILL halfway, isolations asked for on one instance and approved on
 * the other: every incident is notified exactly once, every approved isolation reaches
 * Defender exactly once, and the poller runs on exactly one live instance (taken over within a
 * minute of the kill). `npm run test:multi-instance`.
 */

const COUNT = Number(process.env.RAMPART_MULTI_COUNT ?? 1000);
const FIRST_ID = 700_000;
const DEVICES = 10;
/** The team of the SOC channel (installInChannel), and its Microsoft 365 group for Graph. */
const TEAM_ID = '19:team@thread.tacv2';

interface Health {
  storage: string;
  instance: string;
  poller: string;
}

async function health(p: RampartChild): Promise<Health> {
  return (await (await fetch(`${p.url}/healthz`)).json()) as Health;
}

/** Incident ids with a notification (a new thread in the channel), and how many each. */
function notificationCounts(calls: readonly ConnectorCall[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const c of calls) {
    if (c.path !== '/v3/conversations' || isDigest(c)) continue;
    const m = /incident (7\d{5})\b/.exec(cardText(c));
    if (m) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  }
  return counts;
}

/** The burst digest (it names incidents, but is not their thread). */
const isDigest = (c: ConnectorCall): boolean => cardText(c).includes('Burst:');

const machineOf = (k: number): string => k.toString(16).padStart(2, '0').repeat(20);

describe('several instances on PostgreSQL', function () {
  this.timeout(600_000);
  const unavailable = postgresUnavailable();
  let sim: RunningSimulator;
  let connector: MockConnector;
  let db: pg.Client;
  const children: RampartChild[] = [];

  before(async function () {
    if (unavailable) {
      process.stderr.write(`skipped: ${unavailable}\n`);
      this.skip();
    }
    sim = await startSimulator({ port: 0, actionDelaysMs: { toInProgress: 100, toSucceeded: 300 }, rateLimits: false });
    connector = await new MockConnector().start();
  });
  after(async () => {
    for (const c of children) await kill(c);
    await db?.end().catch(() => undefined);
    await connector?.stop();
    await sim?.stop();
  });

  it('when a 1,000-incident burst is split across two instances and one is killed halfway, then every incident is notified once, every approved isolation is sent once, and exactly one live instance polls', async () => {
    const databaseUrl = await freshPostgresDatabase('rampart_multi');
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    // Graph's view of the SOC channel is the connector's: a notification cut off by the kill is looked for there.
    connector.teams.set(TEAM_ID, { id: TEAM_ID, name: 'SOC', aadGroupId: 'group-soc' });
    const env = (instance: string): Record<string, string> => ({
      ...deskSettings(sim.info, tempDir()),
      GRAPH_API_BASE: connector.url,
      DATABASE_URL: databaseUrl,
      INSTANCE_ID: instance,
      POLL_INTERVAL_SECONDS: '2',
      RAMPART_TEST_TEAMS_SCALE: '20',
      LOG_LEVEL: 'warn',
    });

    // Incidents with a device are in Defender too: the poller (one instance) finds them as well as the webhook.
    const ids = Array.from({ length: COUNT }, (_, k) => FIRST_ID + k);
    const incident = (id: number): Record<string, unknown> => {
      const k = id - FIRST_ID;
      return k < DEVICES ? defenderIncident(id, { machineId: machineOf(k + 1), device: `ws-${k}.contoso.com`, lastUpdateTime: '2026-12-01T10:00:00Z' }) : defenderIncident(id, { lastUpdateTime: '2026-12-01T10:00:00Z' });
    };
    assert.ok((await simCall(sim.info, 'POST', '/_sim/incidents', { body: ids.slice(0, DEVICES).map(incident) })).status < 300);

    // A starts first and takes the poller role; B stands by.
    const a = await startChild(env('instance-a'));
    children.push(a);
    await waitUntil(async () => (await health(a)).poller === 'leader', 30_000, 'A to take the poller role');
    const b = await startChild(env('instance-b'));
    children.push(b);
    const [ha, hb] = [await health(a), await health(b)];
    assert.equal(ha.storage, 'postgres');
    assert.equal(hb.storage, 'postgres');
    assert.deepEqual([ha.instance, hb.instance], ['instance-a', 'instance-b']);
    assert.equal(hb.poller, 'standby', 'the second instance does not poll while the first does');
    await installInChannel(a.url, connector);

    // The burst: even ids to A, odd to B, 16 at a time per instance; a refused post is retried on the other instance, as a load balancer would.
    let accepted = 0;
    const postOne = async (id: number, preferred: RampartChild): Promise<void> => {
      for (let attempt = 0; ; attempt++) {
        const target = alive(preferred) ? preferred : [a, b].find(alive)!;
        try {
          const res = await postIncident(target.url, incident(id));
          if (res.status === 202 || res.status === 200) {
            accepted++;
            return;
          }
        } catch {
          // the instance died mid-request: the other one takes it
        }
        if (attempt > 50) throw new Error(`incident ${id} was never accepted`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const sendRange = async (from: number, to: number): Promise<void> => {
      let next = from;
      const lane = async (): Promise<void> => {
        while (next < to) {
          const id = ids[next++];
          await postOne(id, id % 2 === 0 ? a : b);
        }
      };
      await Promise.all(Array.from({ length: 32 }, lane));
    };
    await sendRange(0, COUNT / 2);

    // Isolations: asked for on one instance, approved on the other, while both run.
    const threadOf = async (id: number): Promise<string | undefined> =>
      (await db.query<{ conversation_id: string | null }>('SELECT conversation_id FROM incident_threads WHERE incident_id = $1', [String(id)])).rows[0]?.conversation_id ?? undefined;
    const approvals: { id: number; machineId: string; approvalId: string }[] = [];
    for (let k = 0; k < DEVICES; k++) {
      const id = FIRST_ID + k;
      await waitUntil(async () => Boolean(await threadOf(id)), 60_000, `the thread of incident ${id}`);
      const thread = (await threadOf(id))!;
      const [asker, approver] = k % 2 === 0 ? [a, b] : [b, a];
      const machineId = machineOf(k + 1);
      assert.equal((await clickExecute(asker.url, connector, thread, INCIDENT_VERBS.isolate, { incidentId: String(id), machineId }, ALEX)).status, 200);
      const card = await connector.waitFor((c) => c.conversationId === thread && cardText(c).includes('Approval needed'), 60_000);
      const approvalId = approvalIdIn(cardText(card));
      assert.ok(approvalId, 'the approval card names its request');
      const approved = await clickExecute(approver.url, connector, thread, ACTION_APPROVAL_VERBS.approve, { approvalId }, SAM);
      assert.equal(approved.status, 200);
      // A second click on the other instance changes nothing.
      await clickExecute(asker.url, connector, thread, ACTION_APPROVAL_VERBS.approve, { approvalId }, SAM);
      approvals.push({ id, machineId, approvalId });
    }

    // Halfway: the poller's instance dies without warning, with notifications and isolations in flight.
    await kill(a, 'SIGKILL');
    const killedAt = Date.now();
    await sendRange(COUNT / 2, COUNT);
    assert.equal(accepted, COUNT);

    await waitUntil(async () => (await health(b)).poller === 'leader', 60_000, 'B to take over the poller role within a minute');
    const takeoverMs = Date.now() - killedAt;

    await waitUntil(() => notificationCounts(connector.calls).size >= COUNT, 300_000, 'a notification for every incident');
    for (const { machineId, approvalId } of approvals) {
      try {
        await waitUntil(async () => (await db.query<{ status: string }>('SELECT status FROM action_approvals WHERE id = $1', [approvalId])).rows[0]?.status === 'succeeded', 240_000, `isolation ${approvalId} on ${machineId}`);
      } catch (err) {
        const approval = (await db.query('SELECT status, error, machine_action_id, machine_action_status, decided_by_name FROM action_approvals WHERE id = $1', [approvalId])).rows[0] as unknown;
        const items = (await db.query('SELECT kind, lane, idempotency_key, status, attempts, last_error, claimed_by FROM incident_outbox WHERE payload LIKE $1', [`%${approvalId}%`])).rows as unknown;
        throw new Error(`${(err as Error).message}: ${JSON.stringify({ approval, items })}\n${b.stderr().slice(-3000)}`);
      }
    }
    // Late stragglers (a second post, a second isolate) would show up in these seconds.
    await new Promise((r) => setTimeout(r, 3000));

    const counts = notificationCounts(connector.calls);
    const missing = ids.filter((id) => !counts.has(id));
    const doubled = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
    assert.deepEqual(missing, [], 'every incident notified');
    assert.deepEqual(doubled, [], 'no incident notified twice');
    const calls = (await simCall(sim.info, 'GET', '/_sim/calls')).body as { action: string | null; path: string; status: number }[] | { calls: { action: string | null; path: string; status: number }[] };
    const isolates = (Array.isArray(calls) ? calls : calls.calls).filter((c) => c.action === 'isolate');
    for (const { machineId } of approvals) {
      assert.equal(isolates.filter((c) => c.path.includes(machineId)).length, 1, `exactly one isolate sent to ${machineId}`);
    }
    assert.equal(isolates.length, DEVICES, 'no other isolate');
    const digests = connector.calls.filter((c) => c.path === '/v3/conversations' && isDigest(c)).length;
    assert.ok(digests >= 1 && digests <= 2, `the burst was summed up in a digest by one of the instances (${digests} digests; one per five minutes)`);
    const incidents = (await db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM incidents')).rows[0].n;
    assert.equal(incidents, COUNT, 'one incident row per incident, whichever instance and the poller saw it');
    const leaders = [a, b].filter(alive);
    assert.deepEqual(leaders, [b]);
    assert.equal((await health(b)).poller, 'leader');
    process.stderr.write(`      poller taken over ${(takeoverMs / 1000).toFixed(1)} s after the SIGKILL\n`);
    const adopted = (await db.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM incident_outbox WHERE kind = 'notify' AND result LIKE '%"adopted":true%'`)).rows[0].n;
    process.stderr.write(`      notifications found in the channel and adopted after the kill: ${adopted}; channel lookups through Graph: ${connector.graphCalls.length}\n`);
  });
});
