import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ANSWER_VERB, PROPOSAL_VERBS } from '../../../src/cards/proposal';
import { control } from '../../simulator/simHttp';
import { startSimulator, type RunningSimulator, simulatorEnvironment } from '../../../src/simulator';
import { DANA, ALEX, ISOLATE_REQUEST, buildBot, cardOf, click, say } from './harness';

const SAMPLE = path.join(__dirname, '../../../src/bot/authoring/samples/mde-high-malware.json');


describe('authoring with the real engine against the simulator', function () {
  this.timeout(120_000);
  let simulator: RunningSimulator;

  before(async () => {
    simulator = await startSimulator({ rateLimits: false, actionDelaysMs: { toInProgress: 10, toSucceeded: 20 } });
    const base = simulator.info;
    await control(base, 'POST', '/_sim/incidents', JSON.parse(fs.readFileSync(SAMPLE, 'utf8')));
    await control(base, 'PUT', '/_sim/virustotal', {
      files: { bc95abe6f8308107a46a23080cee401fbb58c798: { malicious: 45, suspicious: 0, undetected: 25, harmless: 0, timeout: 0 } },
      ips: {},
      urls: {},
      domains: {},
    });
  });
  after(async () => {
    await simulator?.stop();
  });

  it('when the seed request is posted, then the card shows the real plan, review and the dry-run isolation, nothing is sent, and a second analyst approves it', async () => {
    const i = simulator.info;
    const h = buildBot(
      {
        ...simulatorEnvironment(i),
      },
      { engine: 'real' },
    );
    const replies = await say(h, ISOLATE_REQUEST, ALEX);
    assert.equal(replies[0].type, 'typing');
    const activity = replies.find((a) => a.attachments?.length)!;
    const card = cardOf(activity);
    const text = JSON.stringify(card);
    assert.match(text, /Planner: offline/);
    assert.match(text, /High/);
    assert.match(text, /isolate ws-fin-042\.contoso\.local \(Full\)/, 'the dry run shows the isolation');
    assert.ok(Buffer.byteLength(text) < 28 * 1024);
    const calls = (await control(i, 'GET', '/_sim/calls')) as { action: string | null; status: number }[] | { calls: { action: string | null }[] };
    const list = Array.isArray(calls) ? calls : calls.calls;
    assert.equal(list.filter((c) => c.action).length, 0, 'a dry run sends no write call');
    const { playbookId } = (card.refresh as { action: { data: { playbookId: string } } }).action.data;
    const { response } = await click(h, PROPOSAL_VERBS.approve, { playbookId, version: 1 }, DANA, activity.id);
    assert.match(JSON.stringify(response.value), /Approved by Dana Lead at .*version 1, enabled/);
  });

  it('when the tenant has a recent incident the trigger matches, then the dry run previews against it instead of a sample', async () => {
    const i = simulator.info;
    const tenantIncident = JSON.parse(fs.readFileSync(SAMPLE, 'utf8')) as Record<string, unknown> & { alerts: Record<string, unknown>[] };
    tenantIncident.incidentId = 52001;
    tenantIncident.incidentName = 'Credential theft on a finance workstation (tenant)';
    tenantIncident.lastUpdateTime = new Date().toISOString();
    tenantIncident.alerts = tenantIncident.alerts.map((a) => ({ ...a, incidentId: 52001, alertId: 'da52001_1' }));
    await control(i, 'POST', '/_sim/incidents', tenantIncident);
    const h = buildBot({ ...simulatorEnvironment(i) }, { engine: 'real' });
    const replies = await say(h, ISOLATE_REQUEST, ALEX);
    const text = JSON.stringify(cardOf(replies.find((a) => a.attachments?.length)));
    assert.match(text, /Against incident 52001 \(Credential theft on a finance workstation \(tenant\)\)/);
    assert.doesNotMatch(text, /built-in sample incident/);
    assert.match(text, /isolate ws-fin-042\.contoso\.local \(Full\)/);
  });

  it('when a request carries words Rampart cannot read, then it asks in the thread quoting them, a reading button answers, and the proposal holds that condition', async () => {
    const h = buildBot({ ...simulatorEnvironment(simulator.info) }, { engine: 'real' });
    const replies = await say(h, 'Restrict app execution on the device when MDE raises a high alert, only for Zorblax.', ALEX);
    const questionCard = cardOf(replies.find((a) => a.attachments?.length));
    const question = JSON.stringify(questionCard);
    assert.match(question, /One question before I plan this/);
    assert.match(question, /Zorblax/);
    assert.match(question, /restrict app execution/);
    assert.equal((await h.deps.library!.list()).length, 0, 'nothing is drafted before the answer');
    const actions = questionCard.actions as Array<{ title: string; data: { verb: string; answer: string } }>;
    const reading = actions.find((a) => a.title.startsWith('title mentions') && a.data.verb === ANSWER_VERB);
    assert.ok(reading, `the card offers a title reading: ${question}`);

    h.adapter.activeQueue.splice(0);
    await h.adapter.send({
      type: 'message',
      from: ALEX,
      value: reading.data,
      conversation: { id: 'soc;messageid=1', conversationType: 'channel', isGroup: true, name: 'SOC' },
    });
    const proposal = JSON.stringify(cardOf(h.adapter.activeQueue.splice(0).find((a) => a.attachments?.length)));
    assert.match(proposal, /What Rampart understood/);
    assert.match(proposal, /Zorblax/i);
    const [drafted] = await h.deps.library!.list();
    const version = await h.deps.library!.getVersion(drafted.id, 1);
    const conditions = JSON.stringify(version!.spec);
    assert.match(conditions, /zorblax/i, 'the title condition is in the spec');
    assert.ok(version!.spec.steps.some((s) => s.action === 'restrictCodeExecution'));
  });

  it('when the analyst answers "leave it out", then the proposal acts without the words it asked about', async () => {
    const h = buildBot({ ...simulatorEnvironment(simulator.info) }, { engine: 'real' });
    await say(h, 'Isolate the device when MDE raises a high alert, only for the finance department.', ALEX);
    const replies = await say(h, 'leave it out', ALEX);
    const proposal = JSON.stringify(cardOf(replies.find((a) => a.attachments?.length)));
    assert.match(proposal, /What Rampart understood/);
    const [drafted] = await h.deps.library!.list();
    const version = await h.deps.library!.getVersion(drafted.id, 1);
    assert.ok(version!.spec.steps.some((s) => s.action === 'isolate'));
    assert.doesNotMatch(JSON.stringify(version!.spec), /finance/i);
  });
});
