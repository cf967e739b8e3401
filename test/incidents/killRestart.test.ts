import assert from 'node:assert/strict';
import { ACTION_APPROVAL_VERBS } from '../../src/cards/actionApproval';
import { kill, reader, savedThread, useChildDesk } from '../faults/helpers/rampartChild';
import { call as simCall } from '../simulator/simHttp';
import { SAM, cardText, clickExecute, defenderIncident, deskSettings, installInChannel, isolatesReceived, notificationsFor, postIncident, requestIsolation, tempDir, waitUntil } from './helpers';

/**
 * Rampart in a child process, killed with SIGKILL at the two moments that
 * matter (a notification still in the outbox; an approved isolate on the wire), restarted on
 * the same DATA_DIR: one notification, one approval card, one isolate, one result.
 */

describe('kill and restart: exactly-once notification and isolate', function () {
  this.timeout(180_000);
  const desk = useChildDesk();

  it('when Rampart is killed with a notification pending and again with an approved isolate in flight, then after restarts the SOC sees one notification, one approval card, one result and Defender one isolate', async () => {
    const { sim, connector } = desk;
    const dataDir = tempDir();
    const i = sim.info;
    const env = deskSettings(i, dataDir);
    const read = reader(dataDir);

    const machineId = 'ab'.repeat(20);
    const incident = defenderIncident(301, { machineId, device: 'ws-fin-042.contoso.com' });
    assert.ok((await simCall(i, 'POST', '/_sim/incidents', { body: incident })).status < 300);

    // 1. Teams throttles every post, so the notification is still in the outbox when the process dies.
    const first = await desk.start(env);
    await installInChannel(first.url, connector);
    connector.throttle = 1_000_000;
    assert.equal((await postIncident(first.url, incident)).status, 202);
    // The attempt is over once Teams' 429 cleared its send mark: the post certainly did not reach Teams. (Killed while
    // the post is still on the wire, the restart would rightly wait the in-flight grace before posting again.)
    await waitUntil(() => {
      const row = read<{ attempts: number; sending_at: string | null }>(`SELECT attempts, sending_at FROM incident_outbox WHERE idempotency_key = 'notify:301'`);
      return (row?.attempts ?? 0) >= 1 && row?.sending_at === null && connector.throttled >= 1;
    }, 10_000, 'a first delivery attempt, refused by Teams');
    await kill(first);
    assert.equal(notificationsFor(connector, 301).length, 0, 'nothing reached Teams before the kill');

    // 2. Restarted: the notification goes out once; Isolate is clicked and approved while Defender answers slowly.
    connector.throttle = 0;
    const second = await desk.start(env);
    await connector.waitFor((c) => c.path === '/v3/conversations' && cardText(c).includes('incident 301'), 20_000);
    const thread = await savedThread(read, '301', 10_000);
    const approvalId = await requestIsolation(second.url, connector, thread, '301', machineId);
    assert.ok((await simCall(i, 'POST', '/_sim/faults', { body: { path: `/api/machines/${machineId}/isolate`, method: 'POST', latencyMs: 6000, count: 1 } })).status < 300);
    const approvedAt = Date.now();
    const approved = await clickExecute(second.url, connector, thread, ACTION_APPROVAL_VERBS.approve, { approvalId }, SAM);
    assert.match(JSON.stringify(approved.card), /approved by Sam Second/);
    await waitUntil(() => read<{ status: string }>('SELECT status FROM action_approvals WHERE id = ?', approvalId)?.status === 'sending', 10_000, 'the isolate on the wire');
    await new Promise((r) => setTimeout(r, 700));
    await kill(second);

    // 3. Restarted while the first isolate may still land: it is found, not sent again.
    const third = await desk.start(env);
    await connector.waitFor((c) => c.conversationId === thread && /isolated, approved by Sam Second/.test(cardText(c)), 60_000);
    assert.equal(read<{ status: string }>('SELECT status FROM action_approvals WHERE id = ?', approvalId)?.status, 'succeeded');

    // The cut-off call lands 6 s after it was sent, whatever happened since: count only after that.
    await new Promise((r) => setTimeout(r, Math.max(0, approvedAt + 7000 - Date.now())));
    assert.equal(await isolatesReceived(i, machineId), 1, 'exactly one isolate reached Defender');
    assert.equal(notificationsFor(connector, 301).length, 1, 'exactly one notification');
    const inThread = connector.calls.filter((c) => c.conversationId === thread && c.method === 'POST');
    assert.equal(inThread.filter((c) => cardText(c).includes('Approval needed')).length, 1, 'exactly one approval card');
    assert.equal(inThread.filter((c) => /isolated, approved by Sam Second/.test(cardText(c))).length, 1, 'exactly one result message');
    await kill(third);
  });
});
