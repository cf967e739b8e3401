import type { SqliteDb } from '../../src/storage/database';
import assert from 'node:assert/strict';
import { startRampart, type RunningRampart } from '../../src/bootstrap';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { signBody } from '../../src/incidents/webhook';
import { IncidentPoller } from '../../src/incidents/poller';
import { TransportDefenderGateway } from '../../src/incidents/defenderGateway';
import { ACTION_APPROVAL_VERBS } from '../../src/cards/actionApproval';
import { INCIDENT_VERBS } from '../../src/cards/incident';
import { MockConnector } from '../helpers/mockConnector';
import { call as simCall } from '../simulator/simHttp';
import { CHANNEL_ID, SECRET, cardText, clickExecute, defenderIncident, notificationsFor, postIncident, simCalls, startDesk, stopDesk, tempDir, waitUntil } from './helpers';
import { ALEX, SAM, approvalIdIn } from '../helpers/people';

const EVE = { id: 'user-eve', name: 'Eve Outsider', aadObjectId: 'aad-eve' };

describe('incident webhook (POST /api/incidents)', () => {
  let rampart: RunningRampart;
  before(async () => {
    rampart = await startRampart({ port: 0, config: parseConfig({ RAMPART_LOCAL: 'true', DATA_DIR: tempDir(), WEBHOOK_HMAC_SECRET: SECRET, POLL_INTERVAL_SECONDS: '0' }), logger: silentLogger() });
  });
  after(async () => rampart.stop());

  it('when the body is not signed, then the answer is 401 and nothing is stored', async () => {
    const res = await fetch(`${rampart.url}/api/incidents`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(defenderIncident(1)) });
    assert.equal(res.status, 401);
    assert.equal((await rampart.deps.incidents!.incidents.get('1')), undefined);
  });

  it('when the signature is made with another secret, then the answer is 401', async () => {
    const res = await postIncident(rampart.url, defenderIncident(2), 'wrong-secret');
    assert.equal(res.status, 401);
  });

  it('when the signature covers a different body, then the answer is 401', async () => {
    const raw = JSON.stringify(defenderIncident(3));
    const res = await fetch(`${rampart.url}/api/incidents`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Rampart-Signature': signBody(SECRET, raw + ' ') }, body: raw });
    assert.equal(res.status, 401);
  });

  it('when a bearer token is sent but no verifier accepts it, then the answer is 401', async () => {
    const res = await fetch(`${rampart.url}/api/incidents`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer abc.def.ghi' }, body: JSON.stringify(defenderIncident(4)) });
    assert.equal(res.status, 401);
  });

  it('when a signed body lacks required fields, then the answer is 400 naming them and nothing is stored', async () => {
    const bad = { ...defenderIncident(5), lastUpdateTime: 'yesterday', incidentName: '' };
    const res = await postIncident(rampart.url, bad);
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: { message: string } };
    assert.match(body.error.message, /lastUpdateTime/);
    assert.match(body.error.message, /incidentName/);
    assert.equal((await rampart.deps.incidents!.incidents.get('5')), undefined);
    assert.equal((await rampart.deps.incidents!.outbox.counts()).pending ?? 0, 0);
  });

  it('when a signed body is not JSON, then the answer is 4xx with the reason', async () => {
    const raw = '{"incidentId": 6,';
    const res = await fetch(`${rampart.url}/api/incidents`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Rampart-Signature': signBody(SECRET, raw) }, body: raw });
    assert.equal(res.status, 400);
  });

  it('when a valid Defender incident arrives twice with the same lastUpdateTime, then it is stored once and one notification is queued', async () => {
    const first = await postIncident(rampart.url, defenderIncident(7));
    assert.equal(first.status, 202);
    const again = await postIncident(rampart.url, defenderIncident(7));
    assert.equal(again.status, 200);
    assert.equal(((await again.json()) as { duplicate: boolean }).duplicate, true);
    const rows = (rampart.db as SqliteDb).sqlite.prepare(`SELECT COUNT(*) AS n FROM incident_outbox WHERE kind = 'notify' AND idempotency_key = 'notify:7'`).get() as { n: number };
    assert.equal(rows.n, 1);
  });

  it('when a Sentinel automation-rule body arrives, then it is mapped to an incident with its devices and users', async () => {
    const body = {
      objectSchemaType: 'Incident',
      objectEventType: 'Create',
      object: {
        id: '/subscriptions/x/resourceGroups/y/providers/Microsoft.OperationalInsights/workspaces/z/providers/Microsoft.SecurityInsights/Incidents/5b1c2f9e',
        name: '5b1c2f9e',
        properties: {
          title: 'Suspicious PowerShell on ws-fin-042',
          severity: 'High',
          status: 'New',
          incidentNumber: 6284,
          createdTimeUtc: '2024-05-01T10:00:00Z',
          lastModifiedTimeUtc: '2024-05-01T10:05:00Z',
          incidentUrl: 'https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident/x',
          providerName: 'Azure Sentinel',
          alerts: [{ name: 'alert-1', properties: { alertDisplayName: 'Suspicious PowerShell', severity: 'High', productName: 'Azure Sentinel' } }],
          relatedEntities: [
            { kind: 'Host', properties: { hostName: 'ws-fin-042', dnsDomain: 'contoso.com', osFamily: 'Windows' } },
            { kind: 'Account', properties: { accountName: 'bob', upnSuffix: 'contoso.com' } },
          ],
        },
      },
    };
    const res = await postIncident(rampart.url, body);
    assert.equal(res.status, 202);
    const stored = (await rampart.deps.incidents!.incidents.get('sentinel:5b1c2f9e'));
    assert.ok(stored);
    assert.equal(stored.incidentName, 'Suspicious PowerShell on ws-fin-042');
    assert.equal(stored.alerts[0].devices?.[0].deviceDnsName, 'ws-fin-042.contoso.com');
    assert.equal(stored.lastUpdateTime, '2024-05-01T10:05:00.000Z');
  });

  it('when a Sentinel SecurityIncident row arrives, then it is accepted', async () => {
    const res = await postIncident(rampart.url, { IncidentName: 'd5c17060', Title: 'Possible SQL based multistage attack', Severity: 'Medium', Status: 'New', IncidentNumber: '6285', LastModifiedTime: '2023-03-09 13:40:51.080319+00:00', AlertIds: ['a1', 'a2'] });
    assert.equal(res.status, 202);
    assert.equal((await rampart.deps.incidents!.incidents.get('sentinel:d5c17060'))?.alerts.length, 2);
  });
});

describe('incidents against the simulator: notification, Isolate, approval', function () {
  this.timeout(60_000);
  let sim: RunningSimulator;
  let connector: MockConnector;
  let rampart: RunningRampart;

  before(async () => {
    ({ sim, connector, rampart } = await startDesk({ simulator: true }));
  });
  after(() => stopDesk({ sim, connector, rampart }));

  async function newIncidentThread(id: number, machineId: string): Promise<string> {
    const incident = defenderIncident(id, { machineId, device: `ws-${id}.contoso.com` });
    const seeded = await simCall(sim.info, 'POST', '/_sim/incidents', { body: incident });
    assert.ok(seeded.status < 300, `simulator seed answered ${seeded.status}`);
    assert.equal((await postIncident(rampart.url, incident)).status, 202);
    await connector.waitFor((c) => c.path === '/v3/conversations' && cardText(c).includes(`incident ${id}`));
    await waitUntil(async () => Boolean((await rampart.deps.incidents!.incidents.thread(String(id)))?.conversationId), 5000, 'thread saved');
    return (await rampart.deps.incidents!.incidents.thread(String(id)))!.conversationId!;
  }

  async function requestIsolation(id: number, machineId: string, thread: string): Promise<string> {
    const clicked = await clickExecute(rampart.url, connector, thread, INCIDENT_VERBS.isolate, { incidentId: String(id), machineId }, ALEX);
    assert.equal(clicked.status, 200);
    assert.match(JSON.stringify(clicked.card), /approval card is in this thread/);
    const approvalCard = await connector.waitFor((c) => c.conversationId === thread && cardText(c).includes('Approval needed'));
    const approvalId = approvalIdIn(cardText(approvalCard));
    assert.ok(approvalId, 'the approval card carries its id');
    return approvalId;
  }

  it('when a new incident arrives, then one notification card is posted as a new thread in the SOC channel with its device, user, IOC and buttons', async () => {
    const machineId = 'a1'.repeat(20);
    await newIncidentThread(101, machineId);
    const posts = notificationsFor(connector, 101);
    assert.equal(posts.length, 1);
    const text = cardText(posts[0]);
    assert.match(text, /ws-101\.contoso\.com/);
    assert.match(text, /Windows11/);
    assert.match(text, /alice@contoso\.com/);
    assert.match(text, /a{64}/);
    assert.match(text, /"style":"attention"/);
    assert.match(text, /incident\.isolate/);
    assert.match(text, /Assign to me/);
    assert.match(text, /Resolve/);
    assert.match(text, /portal\/incidents\/101/);
    assert.equal((posts[0].activity.channelData as { channel: { id: string } }).channel.id, CHANNEL_ID);
  });

  it('when Isolate is clicked and a second analyst approves, then exactly one isolate is sent, the thread says it succeeded and who approved, and the incident gets a comment', async () => {
    const machineId = 'b2'.repeat(20);
    const thread = await newIncidentThread(102, machineId);
    const approvalId = await requestIsolation(102, machineId, thread);
    const card = await connector.waitFor((c) => c.conversationId === thread && cardText(c).includes('Approval needed'));
    assert.match(cardText(card), new RegExp(machineId));
    assert.match(cardText(card), /Ransomware behavior detected/);
    assert.match(cardText(card), /Expires/);

    const approved = await clickExecute(rampart.url, connector, thread, ACTION_APPROVAL_VERBS.approve, { approvalId }, SAM);
    assert.match(JSON.stringify(approved.card), /approved by Sam Second/);
    await connector.waitFor((c) => c.conversationId === thread && /isolated, approved by Sam Second/.test(cardText(c)), 20_000);
    const isolates = (await simCalls(sim.info, 'isolate')).filter((c) => c.path.includes(machineId));
    assert.equal(isolates.length, 1);
    assert.ok(isolates[0].status < 300);
    await waitUntil(async () => (await simCalls(sim.info, 'updateIncident')).some((c) => c.path.includes('/102')), 10_000, 'incident comment');

    const again = await clickExecute(rampart.url, connector, thread, ACTION_APPROVAL_VERBS.approve, { approvalId }, SAM);
    assert.match(JSON.stringify(again.card), /changed nothing/);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal((await simCalls(sim.info, 'isolate')).filter((c) => c.path.includes(machineId)).length, 1);
  });

  it('when the requester approves their own isolation, then it is refused and nothing is sent', async () => {
    const machineId = 'c3'.repeat(20);
    const thread = await newIncidentThread(103, machineId);
    const approvalId = await requestIsolation(103, machineId, thread);
    const self = await clickExecute(rampart.url, connector, thread, ACTION_APPROVAL_VERBS.approve, { approvalId }, ALEX);
    assert.match(JSON.stringify(self.card), /second analyst|two-person/);
    assert.equal((await rampart.deps.incidents!.approvals.get(approvalId))?.status, 'pending');
    assert.equal((await simCalls(sim.info, 'isolate')).filter((c) => c.path.includes(machineId)).length, 0);
  });

  it('when an isolation is denied, then nothing is sent and the thread says who denied it', async () => {
    const machineId = 'd4'.repeat(20);
    const thread = await newIncidentThread(104, machineId);
    const approvalId = await requestIsolation(104, machineId, thread);
    const denied = await clickExecute(rampart.url, connector, thread, ACTION_APPROVAL_VERBS.deny, { approvalId }, EVE);
    assert.match(JSON.stringify(denied.card), /denied by Eve Outsider/);
    await connector.waitFor((c) => c.conversationId === thread && /was denied by Eve Outsider/.test(cardText(c)));
    const late = await clickExecute(rampart.url, connector, thread, ACTION_APPROVAL_VERBS.approve, { approvalId }, SAM);
    assert.match(JSON.stringify(late.card), /changed nothing/);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await simCalls(sim.info, 'isolate')).filter((c) => c.path.includes(machineId)).length, 0);
  });

  it('when an approval has expired, then Approve is refused, the card says it expired, and nothing is sent', async () => {
    const machineId = 'e5'.repeat(20);
    const thread = await newIncidentThread(105, machineId);
    const approvalId = await requestIsolation(105, machineId, thread);
    (rampart.db as SqliteDb).sqlite.prepare('UPDATE action_approvals SET expires_at = ? WHERE id = ?').run(new Date(Date.now() - 1000).toISOString(), approvalId);
    const late = await clickExecute(rampart.url, connector, thread, ACTION_APPROVAL_VERBS.approve, { approvalId }, SAM);
    assert.match(JSON.stringify(late.card), /expired/);
    assert.equal((await rampart.deps.incidents!.approvals.get(approvalId))?.status, 'expired');
    await connector.waitFor((c) => c.method === 'PUT' && c.conversationId === thread && /expired without a decision/.test(cardText(c)));
    assert.equal((await simCalls(sim.info, 'isolate')).filter((c) => c.path.includes(machineId)).length, 0);
  });

  it('when Isolate is clicked twice before a decision, then one approval request is made', async () => {
    const machineId = 'f6'.repeat(20);
    const thread = await newIncidentThread(106, machineId);
    const first = await requestIsolation(106, machineId, thread);
    await clickExecute(rampart.url, connector, thread, INCIDENT_VERBS.isolate, { incidentId: '106', machineId }, SAM);
    assert.equal((await rampart.deps.incidents!.approvals.forIncident('106')).length, 1);
    assert.equal((await rampart.deps.incidents!.approvals.forIncident('106'))[0].id, first);
  });
});

describe('incident poller against the simulator', function () {
  this.timeout(60_000);
  it('when more than one page of incidents is updated, then every one is stored once, the cursor advances, and a second poll adds nothing', async () => {
    const sim = await startSimulator({ port: 0, rateLimits: false });
    const i = sim.info;
    const rampart = await startRampart({
      port: 0,
      config: parseConfig({ RAMPART_LOCAL: 'true', DATA_DIR: tempDir(), POLL_INTERVAL_SECONDS: '0', TENANT_ID: i.tenantId, CLIENT_ID: i.clientId, CLIENT_SECRET: i.clientSecret, AZURE_AUTHORITY_HOST: i.url, DEFENDER_API_BASE: i.url, DEFENDER_CA_FILE: i.caFile }),
      logger: silentLogger(),
    });
    try {
      const now = Date.now();
      const batch = Array.from({ length: 130 }, (_, k) => defenderIncident(5000 + k, { lastUpdateTime: new Date(now - (200 - k) * 1000).toISOString() }));
      const seeded = await simCall(i, 'POST', '/_sim/incidents', { body: batch });
      assert.ok(seeded.status < 300, `seed answered ${seeded.status}`);
      const desk = rampart.deps.incidents!;
      const poller = new IncidentPoller({ defender: new TransportDefenderGateway(rampart.config.defender), store: desk.incidents, ingest: (x, s) => desk.ingest(x, s), logger: silentLogger(), intervalSeconds: 0 });
      await poller.pollOnce();
      const stored = ((rampart.db as SqliteDb).sqlite.prepare(`SELECT COUNT(*) AS n FROM incidents WHERE incident_id LIKE '5%'`).get() as { n: number }).n;
      assert.equal(stored, 130);
      const cursor = (await desk.incidents.cursor('defender-incidents'));
      assert.equal(cursor, new Date(String(batch[129].lastUpdateTime)).toISOString());
      const listCalls = (await simCall(i, 'GET', '/_sim/calls')).body as { path: string }[] | { calls: { path: string }[] };
      const lists = (Array.isArray(listCalls) ? listCalls : listCalls.calls).filter((c) => c.path.startsWith('/api/incidents?') || c.path === '/api/incidents');
      assert.ok(lists.length >= 2, `paged with $top 100: ${lists.length} list calls`);
      const notifies = ((rampart.db as SqliteDb).sqlite.prepare(`SELECT COUNT(*) AS n FROM incident_outbox WHERE kind = 'notify'`).get() as { n: number }).n;
      await poller.pollOnce();
      assert.equal(((rampart.db as SqliteDb).sqlite.prepare(`SELECT COUNT(*) AS n FROM incident_outbox WHERE kind = 'notify'`).get() as { n: number }).n, notifies);
      assert.equal(notifies, 130);
    } finally {
      await rampart.stop();
      await sim.stop();
    }
  });
});
