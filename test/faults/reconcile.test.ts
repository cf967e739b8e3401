import assert from 'node:assert/strict';
import { parseConfig } from '../../src/config';
import type { ActionApproval } from '../../src/records/approval';
import { TransportDefenderGateway } from '../../src/incidents/defenderGateway';
import type { DeferredRequest } from '../../src/incidents/ports';
import { findEarlierSend } from '../../src/incidents/reconcile';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { call as simCall } from '../simulator/simHttp';
import { defenderIncident, deskSettings, tempDir } from '../incidents/helpers';

const USER_ID = '11111111-1111-1111-1111-111111111111';

function approval(id: string, request: DeferredRequest, target: ActionApproval['target'] = {}): ActionApproval {
  const now = new Date(Date.now() - 1000).toISOString();
  return { id, incidentId: '9001', action: 'x', target, evidence: {}, request, status: 'sending', expiresAt: now, createdAt: now, sendStartedAt: now, retries: 0 };
}

/**
 * Finding 12: before any resend, Rampart looks for the effect of an earlier send of every
 * kind of action, so a crash at any moment does not send it twice: machine actions by the
 * device's action list, indicators by value, users by their current state.
 */
describe('faults: reconciling an action before a resend', function () {
  this.timeout(60_000);
  let sim: RunningSimulator;
  let gateway: TransportDefenderGateway;

  before(async () => {
    sim = await startSimulator({ port: 0, rateLimits: false });
    const machineId = 'a1'.repeat(20);
    assert.ok((await simCall(sim.info, 'POST', '/_sim/incidents', { body: defenderIncident(9001, { machineId }) })).status < 300);
    gateway = new TransportDefenderGateway(parseConfig(deskSettings(sim.info, tempDir())).defender, { maxRetries: 0 });
  });
  after(async () => sim?.stop());

  it('when an isolate carrying the approval id already reached Defender, then the look-up finds that machine action; before it, nothing', async () => {
    const machineId = 'a1'.repeat(20);
    const request = { api: 'defender', method: 'POST', path: `/api/machines/${machineId}/isolate`, body: { Comment: 'Isolated by Rampart [Rampart approval apr-0001aaaa, approved by Sam]', IsolationType: 'Full' } };
    const a = approval('apr-0001aaaa', request, { machineId });
    assert.equal(await findEarlierSend(gateway, a), undefined);
    assert.equal((await gateway.send(request)).status, 200);
    const found = await findEarlierSend(gateway, a);
    assert.equal(found?.kind, 'machineAction');
  });

  it('when the indicator was already created, then the look-up by value finds it; before it, nothing', async () => {
    const body = { indicatorValue: 'b'.repeat(64), indicatorType: 'FileSha256', action: 'AlertAndBlock', title: 'Blocked by Rampart', description: 'test', severity: 'High' };
    const request = { api: 'defender', method: 'POST', path: '/api/indicators', body };
    const a = approval('apr-0002bbbb', request, { indicatorValue: body.indicatorValue });
    assert.equal(await findEarlierSend(gateway, a), undefined);
    assert.ok((await gateway.send(request)).status < 300);
    assert.equal((await findEarlierSend(gateway, a))?.kind, 'inEffect');
  });

  it('when the user account was already disabled, then the look-up of its state finds it; before it, nothing', async () => {
    const request = { api: 'graph', method: 'PATCH', path: `/v1.0/users/${USER_ID}`, body: { accountEnabled: false } };
    const a = approval('apr-0003cccc', request, { user: 'alice@contoso.com' });
    assert.equal(await findEarlierSend(gateway, a), undefined);
    assert.ok((await gateway.send(request)).status < 300);
    assert.equal((await findEarlierSend(gateway, a))?.kind, 'inEffect');
  });

  it('when the look-up itself fails, then it throws rather than answering "nothing found" (so nothing is sent blind)', async () => {
    await simCall(sim.info, 'POST', '/_sim/faults', { body: { path: '/api/indicators', method: 'GET', status: 503 } });
    try {
      const request = { api: 'defender', method: 'POST', path: '/api/indicators', body: { indicatorValue: 'c'.repeat(64), indicatorType: 'FileSha256', action: 'AlertAndBlock', title: 't', description: 'd' } };
      await assert.rejects(findEarlierSend(gateway, approval('apr-0004dddd', request)), /LookupFailed|answered 503/);
    } finally {
      await simCall(sim.info, 'DELETE', '/_sim/faults');
    }
  });
});
