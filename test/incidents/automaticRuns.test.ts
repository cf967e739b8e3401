import type { SqliteDb } from '../../src/storage/database';
import assert from 'node:assert/strict';
import type { RunningRampart } from '../../src/bootstrap';
import { ACTION_APPROVAL_VERBS } from '../../src/cards/actionApproval';
import { generateFromRequest } from '../../src/playbooks/engine';
import type { VersionContent } from '../../src/playbooks/library';
import { type RunningSimulator, simulatorEnvironment } from '../../src/simulator';
import { MockConnector } from '../helpers/mockConnector';
import { call as simCall } from '../simulator/simHttp';
import { cardText, clickExecute, defenderIncident, postIncident, waitUntil, startDesk, stopDesk, simCalls } from './helpers';
import { SAM, approvalIdIn } from '../helpers/people';

/**
 * Automatic runs end to end: an approved, enabled playbook version in
 * the library, an incident through the webhook, the generated Python playbook run live against
 * the simulator with destructive actions deferred, the progress card updated in place, one
 * approval card per deferred isolate, and the isolate sent exactly once after approval.
 */

const REQUEST =
  'Isolate the machine if a high severity alert from Microsoft Defender for Endpoint involves a known malicious IOC, and post the details to a Teams channel.';
const DANA = { id: 'aad-dana', name: 'Dana Lead' };
const PYTHON = '/usr/bin/python3';

describe('automatic playbook runs against the simulator', function () {
  this.timeout(120_000);
  let sim: RunningSimulator;
  let connector: MockConnector;
  let rampart: RunningRampart;
  let content: VersionContent;

  before(async () => {
    const generated = await generateFromRequest(REQUEST, { review: false });
    assert.ok(generated.ok, 'the seed request generates a playbook');
    content = {
      request: REQUEST,
      spec: generated.spec,
      code: generated.code,
      review: { findings: [], blocking: false, permissions: [] },
      plan: { understood: [], notUnderstood: [], facts: [], assumptions: [], planner: 'offline' },
      requester: { id: 'aad-alex', name: 'Alex Analyst' },
    };
    ({ sim, connector, rampart } = await startDesk({ simulator: true, settings: (i) => ({ ...simulatorEnvironment(i!), RAMPART_PYTHON: PYTHON }) }));
  });
  after(() => stopDesk({ sim, connector, rampart }));

  /** Stores the generated playbook as a new version and has a second analyst approve it. */
  async function enablePlaybook(unattended: boolean): Promise<string> {
    const library = rampart.deps.library!;
    for (const p of await library.listEnabled()) await library.setEnabled(p.playbook.id, false);
    const { playbook } = await library.createDraft(content);
    const decided = await library.approve(playbook.id, 1, DANA, { unattended, selfApproved: false });
    assert.equal(decided.ok, true);
    return playbook.id;
  }

  /** Seeds the simulator (the incident, its machine, a malicious VirusTotal verdict) and posts it to the webhook. */
  async function incidentArrives(id: number, machineId: string, sha256: string): Promise<string> {
    const incident = defenderIncident(id, { machineId, device: `ws-${id}.contoso.com` });
    const alert = (incident.alerts as { entities: { entityType: string; sha256?: string }[] }[])[0];
    alert.entities[0].sha256 = sha256;
    assert.ok((await simCall(sim.info, 'POST', '/_sim/incidents', { body: incident })).status < 300);
    assert.ok((await simCall(sim.info, 'PUT', '/_sim/virustotal', { body: { files: { [sha256]: { malicious: 52, suspicious: 1, undetected: 17, harmless: 0 } } } })).status < 300);
    assert.equal((await postIncident(rampart.url, incident)).status, 202);
    await waitUntil(async () => Boolean((await rampart.deps.incidents!.incidents.thread(String(id)))?.conversationId), 10_000, 'the notification thread');
    return (await rampart.deps.incidents!.incidents.thread(String(id)))!.conversationId!;
  }

  it('when an enabled playbook matches a new incident, then it runs, its isolate waits for an approval card, and after approval exactly one isolate is sent and the thread tells the result', async () => {
    const playbookId = await enablePlaybook(false);
    const machineId = '7a'.repeat(20);
    const thread = await incidentArrives(201, machineId, '1'.repeat(64));
    const notification = connector.calls.find((c) => c.path === '/v3/conversations' && cardText(c).includes('incident 201'));
    assert.match(cardText(notification!), /1{64}`: malicious on VirusTotal \(52\/70 engines\)/, 'the notification carries the VirusTotal verdict looked up for the IOC');
    assert.doesNotMatch(cardText(notification!), /VirusTotal on VirusTotal/);
    assert.match(cardText(notification!), /Summary[\s\S]*High severity incident 201, [\s\S]*1 indicator of 1 malicious on VirusTotal\./, 'the summary, from the fields (no model configured), counts the malicious indicator');

    const approvalCard = await connector.waitFor((c) => c.conversationId === thread && cardText(c).includes('Approval needed'), 60_000);
    const text = cardText(approvalCard);
    assert.match(text, new RegExp(machineId), 'the approval card names the machine id');
    assert.match(text, /ws-201\.contoso\.com/);
    assert.match(text, /"title":"OS","value":"Windows11"/);
    assert.match(text, /"title":"Last seen","value":"20\d\d-/, 'the approval card says when Defender last saw the machine');
    assert.match(text, /"title":"Risk score","value":"High"/);
    assert.match(text, /Ransomware behavior detected \(da201_1/, 'the approval card names the alert');
    assert.match(text, /1{12}/, 'the approval card names the IOC');
    assert.match(text, /malicious on VirusTotal \(52\/70/, 'the approval card carries the VirusTotal verdict');
    assert.equal((await simCalls(sim.info, 'isolate')).filter((c) => c.path.includes(machineId)).length, 0, 'nothing is sent before approval');

    // The run's live card is posted once and then updated in place as the run goes.
    await waitUntil(() => /completed|failed/.test(String(((rampart.db as SqliteDb).sqlite.prepare(`SELECT status FROM incident_runs WHERE incident_id = '201'`).get() as { status?: string } | undefined)?.status)), 60_000, 'the run to end');
    const run = (rampart.db as SqliteDb).sqlite.prepare(`SELECT status, summary_activity_id FROM incident_runs WHERE incident_id = '201'`).get() as { status: string; summary_activity_id: string };
    assert.equal(run.status, 'completed');
    const summaryUpdate = await connector.waitFor((c) => c.method === 'PUT' && c.conversationId === thread && c.activityId === run.summary_activity_id && /waiting for approval by/.test(cardText(c)), 10_000);
    assert.match(cardText(summaryUpdate), /Playbook run: [\w-]+ v1/);
    assert.equal(connector.calls.filter((c) => c.method === 'POST' && c.conversationId === thread && /Playbook run: /.test(cardText(c))).length, 1, 'one run card, updated in place');

    const approvalId = approvalIdIn(text);
    assert.ok(approvalId);
    const approved = await clickExecute(rampart.url, connector, thread, ACTION_APPROVAL_VERBS.approve, { approvalId }, SAM);
    assert.match(JSON.stringify(approved.card), /approved by Sam Second/);
    await connector.waitFor((c) => c.conversationId === thread && /isolated, approved by Sam Second/.test(cardText(c)), 30_000);
    const isolates = (await simCalls(sim.info, 'isolate')).filter((c) => c.path.includes(machineId));
    assert.equal(isolates.length, 1);
    assert.ok(isolates[0].status < 300);
    assert.equal((await rampart.deps.incidents!.approvals.forIncident('201')).length, 1, 'one approval per deferred destructive action');
    const lastRun = await rampart.deps.library!.lastRun(playbookId);
    assert.equal(lastRun?.incidentId, '201', 'the run is in the playbook library history');
    assert.equal(lastRun?.startedBy, 'incident');
    assert.equal(lastRun?.status, 'awaiting-approval');
  });

  it('when a run waits for an approval, is approved, fails in Defender and is retried, then its one live card moves through each state in place and the incident gets the outcome naming the approver', async () => {
    await enablePlaybook(false);
    const machineId = '6d'.repeat(20);
    // Defender refuses the first isolate of this machine.
    assert.equal((await simCall(sim.info, 'POST', '/_sim/faults', { body: { path: `/api/machines/${machineId}/isolate`, method: 'POST', status: 403, code: 'Forbidden', message: 'The caller lacks Machine.Isolate for this device group', count: 1 } })).status < 300, true);
    const thread = await incidentArrives(204, machineId, '4'.repeat(64));
    await waitUntil(() => Boolean(rampart.deps.incidents!.runs && ((rampart.db as SqliteDb).sqlite.prepare(`SELECT summary_activity_id AS a FROM incident_runs WHERE incident_id = '204'`).get() as { a?: string } | undefined)?.a), 60_000, 'the run card to be posted');
    const runRow = (rampart.db as SqliteDb).sqlite.prepare(`SELECT run_id, summary_activity_id FROM incident_runs WHERE incident_id = '204'`).get() as { run_id: string; summary_activity_id: string };
    const cardId = runRow.summary_activity_id;
    const onCard = (pattern: RegExp) =>
      connector.waitFor((c) => c.conversationId === thread && c.activityId === cardId && c.method === 'PUT' && pattern.test(cardText(c)), 60_000).catch((err: Error) => {
        const last = connector.calls.filter((c) => c.activityId === cardId && c.method === 'PUT').at(-1);
        throw new Error(`${err.message}; the run card last read: ${last ? cardText(last).replace(/\\n/g, ' ').slice(0, 3000) : 'never updated'}`);
      });

    const waiting = await onCard(/Isolate device\*\* · ws-204\.contoso\.com[\s\S]*waiting for approval by/);
    assert.match(cardText(waiting), /Incident 204 · waiting for approval/);
    assert.match(cardText(waiting), /queued \d\d:\d\d:\d\d UTC/);

    const approvalCard = await connector.waitFor((c) => c.conversationId === thread && cardText(c).includes('Approval needed'), 60_000);
    const approvalId = approvalIdIn(cardText(approvalCard));
    assert.ok(approvalId);
    await clickExecute(rampart.url, connector, thread, ACTION_APPROVAL_VERBS.approve, { approvalId }, SAM);
    // The refusal may reach the card while the script is still running; the card ends in "finished with failures".
    const failed = await onCard(/finished with failures[\s\S]*✖ \*\*\d+\. Isolate device\*\*[\s\S]*failed: Forbidden: The caller lacks Machine\.Isolate/);
    const failedText = cardText(failed);
    assert.match(failedText, /Approved by Sam Second/);
    assert.match(failedText, /finished with failures/);
    assert.match(failedText, new RegExp(`"verb":"${ACTION_APPROVAL_VERBS.retry.replace('.', '\\.')}","data":\\{"approvalId":"${approvalId}","runId":"${runRow.run_id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\}`), 'a Retry button on the failed step');
    assert.equal((await simCalls(sim.info, 'isolate')).filter((c) => c.path.includes(machineId)).length, 1, 'one refused attempt');

    const retried = await clickExecute(rampart.url, connector, thread, ACTION_APPROVAL_VERBS.retry, { approvalId, runId: runRow.run_id }, DANA);
    assert.match(JSON.stringify(retried.card), /Playbook run: /, 'the click on the run card answers with the run card');
    const succeeded = await onCard(/✔ \*\*\d+\. Isolate device\*\*[\s\S]*succeeded, approved by Sam Second/);
    assert.match(cardText(succeeded), /Incident 204 · succeeded/);
    assert.match(cardText(succeeded), /took \d+ s/);
    const isolates = (await simCalls(sim.info, 'isolate')).filter((c) => c.path.includes(machineId));
    assert.deepEqual(isolates.map((c) => c.status < 300), [false, true], 'refused once, then sent once');
    assert.equal(connector.calls.filter((c) => c.method === 'POST' && c.conversationId === thread && /Playbook run: /.test(cardText(c))).length, 1, 'one run card for the run');

    // The outcome is written back to the incident, naming the approver.
    await waitUntil(async () => {
      const res = await simCall(sim.info, 'GET', '/_sim/calls');
      const calls = ((res.body as { calls?: { action: string | null; path: string; body: unknown }[] }).calls ?? (res.body as { action: string | null; path: string; body: unknown }[]));
      return calls.some((c) => c.action === 'updateIncident' && c.path.includes('/204') && /playbook [\w-]+ v1 succeeded[\s\S]*Approved by Sam Second/.test(JSON.stringify(c.body)));
    }, 30_000, 'the run outcome comment on the incident');
  });

  it('when the playbook version was approved for unattended runs, then the isolate is sent without an approval card and the thread names the approving version', async () => {
    await enablePlaybook(true);
    const machineId = '8b'.repeat(20);
    const thread = await incidentArrives(202, machineId, '2'.repeat(64));
    await connector.waitFor((c) => c.conversationId === thread && /isolated, approved by playbook/.test(cardText(c)), 60_000);
    assert.equal((await simCalls(sim.info, 'isolate')).filter((c) => c.path.includes(machineId)).length, 1);
    assert.equal(connector.calls.filter((c) => c.conversationId === thread && cardText(c).includes('Approval needed')).length, 0);
  });

  it('when the incident does not match the trigger, then no run starts and nothing is isolated', async () => {
    await enablePlaybook(false);
    const machineId = '9c'.repeat(20);
    const incident = defenderIncident(203, { machineId, severity: 'Low' });
    (incident.alerts as { severity: string }[])[0].severity = 'Low';
    assert.ok((await simCall(sim.info, 'POST', '/_sim/incidents', { body: incident })).status < 300);
    const res = await postIncident(rampart.url, incident);
    assert.equal(res.status, 202);
    await waitUntil(async () => Boolean((await rampart.deps.incidents!.incidents.thread('203'))?.conversationId), 10_000, 'the notification thread');
    assert.ok(await rampart.deps.incidents!.drained(10_000));
    assert.equal(((rampart.db as SqliteDb).sqlite.prepare(`SELECT COUNT(*) AS n FROM incident_runs WHERE incident_id = '203'`).get() as { n: number }).n, 0);
    assert.equal((await simCalls(sim.info, 'isolate')).filter((c) => c.path.includes(machineId)).length, 0);
  });
});
