import assert from 'node:assert/strict';
import { ACTION_APPROVAL_VERBS } from '../../src/cards/actionApproval';
import { INCIDENT_VERBS } from '../../src/cards/incident';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { MockConnector } from '../helpers/mockConnector';
import { call as simCall } from '../simulator/simHttp';
import { cardText, clickExecute, defenderIncident, deskSettings, installInChannel, postIncident, tempDir, waitUntil } from '../incidents/helpers';
import { kill, reader, startChild, type RampartChild } from './helpers/rampartChild';

const ALEX = { id: 'user-alex', name: 'Alex Analyst', aadObjectId: 'aad-alex' };
const SAM = { id: 'user-sam', name: 'Sam Second', aadObjectId: 'aad-sam' };

/**
 * Finding 12: kill -9 while an approved isolate is on the wire and Defender takes 15 s to
 * answer (longer than the old 10 s wait before reconciling). After the restart Rampart waits
 * for the cut-off call to land, finds it, and does not send a second isolate.
 */
describe('faults: kill -9 with slow Defender (finding 12)', function () {
  this.timeout(180_000);
  let sim: RunningSimulator;
  let connector: MockConnector;
  const children: RampartChild[] = [];

  before(async () => {
    sim = await startSimulator({ port: 0, actionDelaysMs: { toInProgress: 100, toSucceeded: 300 }, rateLimits: false });
    connector = await new MockConnector().start();
  });
  after(async () => {
    for (const c of children) await kill(c);
    await connector?.stop();
    await sim?.stop();
  });

  it('when Rampart is killed 1 s into a 15 s isolate call and restarted, then Defender receives exactly one isolate and the thread one result', async () => {
    const dataDir = tempDir();
    const env = deskSettings(sim.info, dataDir);
    const read = reader(dataDir);
    const machineId = 'cd'.repeat(20);
    const incident = defenderIncident(9101, { machineId, device: 'ws-9101.contoso.com' });
    assert.ok((await simCall(sim.info, 'POST', '/_sim/incidents', { body: incident })).status < 300);

    const first = await startChild(env);
    children.push(first);
    await installInChannel(first.url, connector);
    assert.equal((await postIncident(first.url, incident)).status, 202);
    await waitUntil(() => Boolean(read<{ c: string | null }>(`SELECT conversation_id AS c FROM incident_threads WHERE incident_id = '9101'`)?.c), 20_000, 'the thread');
    const thread = read<{ c: string }>(`SELECT conversation_id AS c FROM incident_threads WHERE incident_id = '9101'`)!.c;
    await clickExecute(first.url, connector, thread, INCIDENT_VERBS.isolate, { incidentId: '9101', machineId }, ALEX);
    const card = await connector.waitFor((c) => c.conversationId === thread && cardText(c).includes('Approval needed'), 20_000);
    const approvalId = /"approvalId":"(apr-[0-9a-f]+)"/.exec(cardText(card))![1];
    await simCall(sim.info, 'POST', '/_sim/faults', { body: { path: `/api/machines/${machineId}/isolate`, method: 'POST', latencyMs: 15_000, count: 1 } });
    const approvedAt = Date.now();
    await clickExecute(first.url, connector, thread, ACTION_APPROVAL_VERBS.approve, { approvalId }, SAM);
    await waitUntil(() => read<{ s: string }>('SELECT status AS s FROM action_approvals WHERE id = ?', approvalId)?.s === 'sending', 10_000, 'the isolate on the wire');
    await new Promise((r) => setTimeout(r, 1000));
    await kill(first);

    const second = await startChild(env);
    children.push(second);
    await connector.waitFor((c) => c.conversationId === thread && /isolated, approved by Sam Second/.test(cardText(c)), 120_000);
    await new Promise((r) => setTimeout(r, Math.max(0, approvedAt + 16_000 - Date.now())));
    const calls = (await simCall(sim.info, 'GET', '/_sim/calls')).body as { action: string | null; path: string }[] | { calls: { action: string | null; path: string }[] };
    const isolates = (Array.isArray(calls) ? calls : calls.calls).filter((c) => c.action === 'isolate' && c.path.includes(machineId));
    assert.equal(isolates.length, 1, 'exactly one isolate reached Defender');
    assert.equal(connector.calls.filter((c) => c.conversationId === thread && /isolated, approved by Sam Second/.test(cardText(c)) && c.method === 'POST').length, 1);
    await kill(second);
  });
});
