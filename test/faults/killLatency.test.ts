import assert from 'node:assert/strict';
import { ACTION_APPROVAL_VERBS } from '../../src/cards/actionApproval';
import { call as simCall } from '../simulator/simHttp';
import { SAM, cardText, clickExecute, defenderIncident, deskSettings, installInChannel, isolatesReceived, postIncident, requestIsolation, tempDir, waitUntil } from '../incidents/helpers';
import { kill, reader, savedThread, useChildDesk } from './helpers/rampartChild';

/**
 * Finding 12: kill -9 while an approved isolate is on the wire and Defender takes 15 s to
 * answer (longer than the old 10 s wait before reconciling). After the restart Rampart waits
 * for the cut-off call to land, finds it, and does not send a second isolate.
 */
describe('faults: kill -9 with slow Defender', function () {
  this.timeout(180_000);
  const desk = useChildDesk();

  it('when Rampart is killed 1 s into a 15 s isolate call and restarted, then Defender receives exactly one isolate and the thread one result', async () => {
    const { sim, connector } = desk;
    const dataDir = tempDir();
    const env = deskSettings(sim.info, dataDir);
    const read = reader(dataDir);
    const machineId = 'cd'.repeat(20);
    const incident = defenderIncident(9101, { machineId, device: 'ws-9101.contoso.com' });
    assert.ok((await simCall(sim.info, 'POST', '/_sim/incidents', { body: incident })).status < 300);

    const first = await desk.start(env);
    await installInChannel(first.url, connector);
    assert.equal((await postIncident(first.url, incident)).status, 202);
    const thread = await savedThread(read, '9101');
    const approvalId = await requestIsolation(first.url, connector, thread, '9101', machineId);
    await simCall(sim.info, 'POST', '/_sim/faults', { body: { path: `/api/machines/${machineId}/isolate`, method: 'POST', latencyMs: 15_000, count: 1 } });
    const approvedAt = Date.now();
    await clickExecute(first.url, connector, thread, ACTION_APPROVAL_VERBS.approve, { approvalId }, SAM);
    await waitUntil(() => read<{ s: string }>('SELECT status AS s FROM action_approvals WHERE id = ?', approvalId)?.s === 'sending', 10_000, 'the isolate on the wire');
    await new Promise((r) => setTimeout(r, 1000));
    await kill(first);

    const second = await desk.start(env);
    await connector.waitFor((c) => c.conversationId === thread && /isolated, approved by Sam Second/.test(cardText(c)), 120_000);
    await new Promise((r) => setTimeout(r, Math.max(0, approvedAt + 16_000 - Date.now())));
    assert.equal(await isolatesReceived(sim.info, machineId), 1, 'exactly one isolate reached Defender');
    assert.equal(connector.calls.filter((c) => c.conversationId === thread && /isolated, approved by Sam Second/.test(cardText(c)) && c.method === 'POST').length, 1);
    await kill(second);
  });
});
