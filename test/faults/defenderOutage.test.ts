import assert from 'node:assert/strict';
import { startRampart, type RunningRampart } from '../../src/bootstrap';
import { ACTION_APPROVAL_VERBS } from '../../src/cards/actionApproval';
import { INCIDENT_VERBS } from '../../src/cards/incident';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import { openDatabase } from '../../src/storage/database';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { MockConnector } from '../helpers/mockConnector';
import { call as simCall } from '../simulator/simHttp';
import { cardText, clickExecute, defenderIncident, deskSettings, installInChannel, postIncident, tempDir, waitUntil } from '../incidents/helpers';
import { ALEX, SAM, approvalIdIn } from '../helpers/people';

const TUNING = { machineActionPollMs: 100, inFlightGraceMs: 300, actionRetryWindowMs: 4000 };

interface SimCall {
  method: string;
  path: string;
  status: number;
  action: string | null;
}

/**
 * Finding 3: an approved isolation while Defender answers 503. It is retried (looking for an
 * earlier attempt before each resend); past the retry window the thread says it failed and the
 * card offers Retry; a restart resumes whatever was in flight, whatever its outbox item says.
 */
describe('faults: Defender failing under an approved action', function () {
  this.timeout(120_000);
  let sim: RunningSimulator;
  let connector: MockConnector;
  let dataDir: string;
  let rampart: RunningRampart;

  const start = async (): Promise<RunningRampart> =>
    startRampart({ port: 0, config: parseConfig(deskSettings(sim.info, dataDir)), logger: silentLogger(), incidents: TUNING });

  before(async () => {
    sim = await startSimulator({ port: 0, actionDelaysMs: { toInProgress: 50, toSucceeded: 150 }, rateLimits: false });
    connector = await new MockConnector().start();
    dataDir = tempDir();
    rampart = await start();
    await installInChannel(rampart.url, connector);
  });
  afterEach(async () => {
    await simCall(sim.info, 'DELETE', '/_sim/faults');
  });
  after(async () => {
    await rampart?.stop();
    await connector?.stop();
    await sim?.stop();
  });

  async function isolateCalls(machineId: string): Promise<SimCall[]> {
    const res = (await simCall(sim.info, 'GET', '/_sim/calls')).body as SimCall[] | { calls: SimCall[] };
    return (Array.isArray(res) ? res : res.calls).filter((c) => c.method === 'POST' && c.path.includes(`/api/machines/${machineId}/isolate`));
  }

  /** An incident with one device, its thread, and an approved isolation of that device. */
  async function approvedIsolation(id: number): Promise<{ approvalId: string; machineId: string; thread: string }> {
    const machineId = `${id}`.padEnd(40, 'c');
    const incident = defenderIncident(id, { machineId, device: `ws-${id}.contoso.com` });
    assert.ok((await simCall(sim.info, 'POST', '/_sim/incidents', { body: incident })).status < 300);
    assert.equal((await postIncident(rampart.url, incident)).status, 202);
    await waitUntil(async () => Boolean((await rampart.deps.incidents!.incidents.thread(String(id)))?.conversationId), 20_000, 'the thread');
    const thread = (await rampart.deps.incidents!.incidents.thread(String(id)))!.conversationId!;
    assert.equal((await clickExecute(rampart.url, connector, thread, INCIDENT_VERBS.isolate, { incidentId: String(id), machineId }, ALEX)).status, 200);
    const card = await connector.waitFor((c) => c.conversationId === thread && cardText(c).includes('Approval needed'), 20_000);
    const approvalId = approvalIdIn(cardText(card))!;
    return { approvalId, machineId, thread };
  }

  it('when Defender answers 503 a few times, then the isolation is retried and sent once, and the thread says it succeeded', async () => {
    const { approvalId, machineId, thread } = await approvedIsolation(8101);
    await simCall(sim.info, 'POST', '/_sim/faults', { body: { path: `/api/machines/${machineId}/isolate`, method: 'POST', status: 503, count: 3 } });
    await clickExecute(rampart.url, connector, thread, ACTION_APPROVAL_VERBS.approve, { approvalId }, SAM);
    await waitUntil(async () => (await rampart.deps.incidents!.approvals.get(approvalId))?.status === 'succeeded', 30_000, 'the isolation to succeed');
    const calls = await isolateCalls(machineId);
    assert.equal(calls.filter((c) => c.status < 300).length, 1, 'one isolate was acted on');
    assert.equal(calls.filter((c) => c.status === 503).length, 3);
    await connector.waitFor((c) => c.conversationId === thread && /isolated, approved by Sam Second/.test(cardText(c)), 10_000);
  });

  it('when Defender keeps answering 503 past the retry window, then the thread says failed with a Retry button, and Retry sends it once Defender is back', async () => {
    const { approvalId, machineId, thread } = await approvedIsolation(8102);
    await simCall(sim.info, 'POST', '/_sim/faults', { body: { path: `/api/machines/${machineId}/isolate`, method: 'POST', status: 503 } });
    await clickExecute(rampart.url, connector, thread, ACTION_APPROVAL_VERBS.approve, { approvalId }, SAM);
    await waitUntil(async () => (await rampart.deps.incidents!.approvals.get(approvalId))?.status === 'failed', 30_000, 'the action to be called failed');
    const said = await connector.waitFor((c) => c.conversationId === thread && /failed: Defender kept failing/.test(cardText(c)), 10_000);
    assert.match(cardText(said), /Retry/);
    const card = await connector.waitFor((c) => c.conversationId === thread && c.method === 'PUT' && cardText(c).includes(ACTION_APPROVAL_VERBS.retry), 10_000);
    assert.match(cardText(card), /failed/);

    await simCall(sim.info, 'DELETE', '/_sim/faults');
    // The requester may not retry (the two-person rule holds for a retry too).
    const refused = await clickExecute(rampart.url, connector, thread, ACTION_APPROVAL_VERBS.retry, { approvalId }, ALEX);
    assert.doesNotMatch(JSON.stringify(refused.card), /Retried by/);
    assert.equal((await rampart.deps.incidents!.approvals.get(approvalId))?.status, 'failed');
    await clickExecute(rampart.url, connector, thread, ACTION_APPROVAL_VERBS.retry, { approvalId }, SAM);
    await waitUntil(async () => (await rampart.deps.incidents!.approvals.get(approvalId))?.status === 'succeeded', 30_000, 'the retried isolation to succeed');
    assert.equal((await isolateCalls(machineId)).filter((c) => c.status < 300).length, 1, 'one isolate was acted on');
    await connector.waitFor((c) => c.conversationId === thread && /isolated, approved by Sam Second/.test(cardText(c)), 10_000);
  });

  it('when Rampart restarts with an action in flight whose outbox item was already closed, then it resumes it and sends it once', async () => {
    const { approvalId, machineId, thread } = await approvedIsolation(8103);
    await simCall(sim.info, 'POST', '/_sim/faults', { body: { path: `/api/machines/${machineId}/isolate`, method: 'POST', status: 503 } });
    await clickExecute(rampart.url, connector, thread, ACTION_APPROVAL_VERBS.approve, { approvalId }, SAM);
    await waitUntil(async () => ((await rampart.deps.incidents!.approvals.get(approvalId))?.status ?? '') === 'sending', 20_000, 'the action sending');
    await waitUntil(async () => (await isolateCalls(machineId)).length >= 1, 20_000, 'a first refused isolate');
    await rampart.stop();
    // What an older Rampart left: the execute item given up on, the approval still `sending`.
    const db = openDatabase(dataDir);
    db.sqlite.prepare(`UPDATE incident_outbox SET status = 'failed' WHERE lane = ?`).run(`action:${approvalId}`);
    db.closeNow();
    await simCall(sim.info, 'DELETE', '/_sim/faults');
    rampart = await start();
    await waitUntil(async () => (await rampart.deps.incidents!.approvals.get(approvalId))?.status === 'succeeded', 30_000, 'the resumed isolation to succeed');
    assert.equal((await isolateCalls(machineId)).filter((c) => c.status < 300).length, 1, 'one isolate was acted on');
  });
});
