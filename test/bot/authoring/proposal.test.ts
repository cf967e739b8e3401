import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { PROPOSAL_VERBS } from '../../../src/cards/proposal';
import { openDatabase } from '../../../src/storage/database';
import { ALEX, DANA, FakeEngine, ISOLATE_REQUEST, SAM, buildBot, cardOf, click, say, type Harness } from './harness';

const { approve, reject, dryRun, edit, refresh } = PROPOSAL_VERBS;

/** Posts the isolate request as Alex and returns the proposal card activity and its ids. */
async function propose(h: Harness, request = ISOLATE_REQUEST) {
  const replies = await say(h, request, ALEX);
  const cardActivity = replies.find((a) => a.attachments?.length);
  const card = cardOf(cardActivity);
  const refreshData = ((card.refresh as { action: { data: { playbookId: string; version: number } } }).action.data);
  return { replies, activity: cardActivity as Partial<Activity>, card, playbookId: refreshData.playbookId, version: refreshData.version };
}

function json(x: unknown): string {
  return JSON.stringify(x);
}

describe('authoring in Teams: request -> proposal card -> decision', () => {
  it('when an analyst posts a request, then a typing indicator comes first and the proposal card follows with plan, permissions, review, dry run and code', async () => {
    const h = buildBot();
    const { replies, card } = await propose(h);
    assert.equal(replies[0].type, 'typing');
    const text = json(card);
    assert.match(text, /What Rampart understood/);
    assert.match(text, /When an? High severity alert from Defender for Endpoint/);
    assert.match(text, /critical is mapped to High/);
    assert.match(text, /Machine.Isolate/);
    assert.match(text, /B113/);
    assert.match(text, /isolate ws-fin-042.contoso.local \(Full\)/);
    assert.match(text, /post to the SOC channel/);
    assert.match(text, /Action.ToggleVisibility/);
    assert.match(text, /https:\/\/rampart.test\/api\/downloads\/playbooks\//);
    const verbs: string[] = text.match(/rampart\.playbook\.\w+/g) ?? [];
    for (const verb of [approve, reject, dryRun, edit]) assert.ok(verbs.includes(verb), `card lacks ${verb}`);
    assert.match(text, /"id":"allowUnattended".*"value":"false"/);
    assert.match(text, /Alex Analyst cannot approve their own request/);
    const stored = await h.deps.library!.list();
    assert.equal(stored.length, 1);
    assert.equal(stored[0].status, 'draft');
    const kinds = (await h.deps.audit.recent(10)).map((e) => e.kind);
    assert.deepEqual(kinds.sort(), ['proposal', 'request']);
  });

  it('when the request is not something Rampart can automate, then it answers with a refusal card naming what it can automate and stores nothing', async () => {
    const h = buildBot();
    const replies = await say(h, 'What is the weather in Lisbon tomorrow?');
    const text = json(cardOf(replies.find((a) => a.attachments?.length)));
    assert.match(text, /could not turn that into a playbook/);
    assert.match(text, /Rampart can automate/);
    assert.equal((await h.deps.library!.list()).length, 0);
  });

  it('when the requester clicks Approve with the two-person rule on, then only they are told why and nothing changes', async () => {
    const h = buildBot();
    const p = await propose(h);
    const updates = h.adapter.updates.length;
    const { response, replies } = await click(h, approve, { playbookId: p.playbookId, version: p.version }, ALEX, p.activity.id);
    assert.equal(response.type, 'application/vnd.microsoft.activity.message');
    assert.match(String(response.value), /second analyst has to approve/);
    assert.equal(replies.length, 0, 'nothing posted to the channel');
    assert.equal(h.adapter.updates.length, updates, 'the card was not updated for everyone');
    const v = await h.deps.library!.getVersion(p.playbookId, 1);
    assert.equal(v?.decision, 'pending');
    assert.equal((await h.deps.audit.recent(1))[0].kind, 'approval-refused');
  });

  it('when a second analyst approves, then the card updates for everyone with who approved, when, the version and enabled, and the library lists it enabled', async () => {
    const h = buildBot();
    const p = await propose(h);
    const { response } = await click(h, approve, { playbookId: p.playbookId, version: p.version }, DANA, p.activity.id);
    assert.equal(response.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(json(response.value), /Approved by Dana Lead at \d\d:\d\d UTC on \d{4}-\d\d-\d\d, version 1, enabled/);
    const update = h.adapter.updates.at(-1)!;
    assert.equal(update.id, p.activity.id, 'the original card activity is updated');
    const updated = cardOf(update);
    assert.match(json(updated), /Approved by Dana Lead/);
    assert.ok(updated.refresh, 'late viewers get a refresh action');
    assert.doesNotMatch(json(updated), /rampart\.playbook\.approve/, 'no more Approve button');
    const list = json(cardOf((await say(h, 'playbooks', SAM)).find((a) => a.attachments?.length)));
    assert.match(list, /· enabled · active v1/);
    const approval = (await h.deps.audit.recent(5)).find((e) => e.kind === 'approval');
    assert.equal(approval?.actorName, 'Dana Lead');
  });

  it('when Approve is clicked twice (or replayed), then the second click changes nothing', async () => {
    const h = buildBot();
    const p = await propose(h);
    await click(h, approve, { playbookId: p.playbookId, version: 1 }, DANA, p.activity.id);
    const updates = h.adapter.updates.length;
    const second = await click(h, approve, { playbookId: p.playbookId, version: 1, allowUnattended: 'true' }, SAM, p.activity.id);
    assert.match(json(second.response.value), /Approved by Dana Lead/);
    assert.equal(h.adapter.updates.length, updates);
    const v = await h.deps.library!.getVersion(p.playbookId, 1);
    assert.equal(v?.decidedBy?.name, 'Dana Lead');
    assert.equal(v?.unattended, false);
    assert.equal((await h.deps.audit.recent(20)).filter((e) => e.kind === 'approval').length, 1);
  });

  it('when the card payload is tampered with (other version, other id, extra fields), then what gets approved cannot change', async () => {
    const h = buildBot();
    const a = await propose(h);
    const b = await propose(h, 'Isolate the device when a high severity Defender for Endpoint alert has a malicious file hash.');
    // The click on card A names playbook B: refused, B untouched.
    const otherId = await click(h, approve, { playbookId: b.playbookId, version: 1 }, DANA, a.activity.id);
    assert.match(String(otherId.response.value), /does not match|different proposal/);
    assert.equal((await h.deps.library!.getVersion(b.playbookId, 1))?.decision, 'pending');
    // Another version of A: refused.
    const otherVersion = await click(h, approve, { playbookId: a.playbookId, version: 7 }, DANA, a.activity.id);
    assert.equal(otherVersion.response.type, 'application/vnd.microsoft.activity.message');
    // Extra fields cannot smuggle in an approver, a decision or the unattended flag.
    await click(h, approve, { playbookId: a.playbookId, version: 1, unattended: true, decidedBy: 'Mallory', approver: ALEX, status: 'enabled' }, DANA, a.activity.id);
    const v = await h.deps.library!.getVersion(a.playbookId, 1);
    assert.equal(v?.decidedBy?.name, 'Dana Lead');
    assert.equal(v?.unattended, false);
    assert.equal((await h.deps.audit.recent(50)).filter((e) => e.kind === 'tampered-action').length, 2);
    // Garbage data is refused without a crash.
    const garbage = await click(h, approve, { playbookId: { $ne: 1 } }, DANA, a.activity.id);
    assert.match(String(garbage.response.value), /do not recognise/);
  });

  it('when the review has blocking findings, then the Approve button is disabled and a forced click is refused', async () => {
    const h = buildBot({}, { engine: new FakeEngine({ blocking: true }) });
    const p = await propose(h);
    assert.match(json(p.card), /BLOCKING/);
    const approveButton = (p.card.actions as { verb?: string; isEnabled?: boolean }[]).find((a) => a.verb === approve);
    assert.equal(approveButton?.isEnabled, false);
    const { response } = await click(h, approve, { playbookId: p.playbookId, version: 1 }, DANA, p.activity.id);
    assert.match(String(response.value), /blocking review findings/);
    assert.equal((await h.deps.library!.getVersion(p.playbookId, 1))?.decision, 'pending');
  });

  it('when self-approval is allowed (local trials), then the card says so and the requester may approve, recorded as self-approved', async () => {
    const h = buildBot({ ALLOW_SELF_APPROVAL: 'true' });
    const p = await propose(h);
    assert.match(json(p.card), /two-person rule is relaxed/);
    const { response } = await click(h, approve, { playbookId: p.playbookId, version: 1, allowUnattended: 'true' }, ALEX, p.activity.id);
    assert.match(json(response.value), /Approved by Alex Analyst.*self-approved.*unattended destructive actions allowed/);
    const v = await h.deps.library!.getVersion(p.playbookId, 1);
    assert.equal(v?.selfApproved, true);
    assert.equal(v?.unattended, true);
  });

  it('when APPROVERS is configured, then someone not on it is refused and someone on it (by UPN or object id) may approve', async () => {
    const h = buildBot({ APPROVERS: 'aad-dana,lead@contoso.com' });
    const p = await propose(h);
    const refused = await click(h, approve, { playbookId: p.playbookId, version: 1 }, SAM, p.activity.id);
    assert.match(String(refused.response.value), /not one of this deployment's approvers/);
    const ok = await click(h, approve, { playbookId: p.playbookId, version: 1 }, DANA, p.activity.id);
    assert.match(json(ok.response.value), /Approved by Dana Lead/);
  });

  it('when an approver rejects with a reason, then the card says who rejected and why; without a reason nothing happens', async () => {
    const h = buildBot();
    const p = await propose(h);
    const noReason = await click(h, reject, { playbookId: p.playbookId, version: 1, rejectReason: '  ' }, DANA, p.activity.id);
    assert.match(String(noReason.response.value), /Give a reason/);
    const { response } = await click(h, reject, { playbookId: p.playbookId, version: 1, rejectReason: 'isolation is too broad' }, DANA, p.activity.id);
    assert.match(json(response.value), /Rejected by Dana Lead at .*: isolation is too broad/);
    assert.equal(h.adapter.updates.at(-1)?.id, p.activity.id);
    assert.equal((await h.deps.library!.get(p.playbookId))?.status, 'rejected');
    const late = await click(h, approve, { playbookId: p.playbookId, version: 1 }, SAM, p.activity.id);
    assert.match(json(late.response.value), /Rejected by Dana Lead/);
  });

  it('when someone dry-runs on another incident, then the engine runs on that id and the card shows why nothing would happen', async () => {
    const h = buildBot();
    const p = await propose(h);
    const { response } = await click(h, dryRun, { playbookId: p.playbookId, version: 1, incidentId: '41002' }, SAM, p.activity.id);
    assert.deepEqual(h.engine.dryRuns, [undefined, '41002']);
    assert.match(json(response.value), /Working: dry run on incident 41002, asked by Sam Intern/);
    const done = json(h.adapter.updates.at(-1));
    assert.match(done, /No action: the condition was false because no IOC in alert da1_1 is malicious/);
    assert.match(done, /Dry run repeated on incident 41002 by Sam Intern/);
    assert.doesNotMatch(done, /Working:/);
    assert.equal(h.adapter.updates.at(-1)?.id, p.activity.id, 'the result replaces the card clicked');
    const bad = await click(h, dryRun, { playbookId: p.playbookId, version: 1, incidentId: '../../etc' }, SAM, p.activity.id);
    assert.match(String(bad.response.value), /Type the id of a Defender XDR incident/);
  });

  it('when a dry run is slow, then the invoke answers with the card in a working state before it ends, a refresh meanwhile still shows working, and the result replaces the card for everyone', async () => {
    let release!: () => void;
    const h = buildBot({}, { engine: new FakeEngine({}) });
    const p = await propose(h);
    h.engine.options.dryRunGate = new Promise<void>((r) => (release = r));
    const clicked = await click(h, dryRun, { playbookId: p.playbookId, version: 1, incidentId: '41002' }, SAM, p.activity.id, { wait: false });
    // The invoke has answered and the dry run is still waiting on the sandbox.
    assert.equal(h.deps.authoring!.background.size, 1);
    assert.match(json(clicked.response.value), /◐ Working: dry run on incident 41002, asked by Sam Intern/);
    assert.match(json(clicked.response.value), /This card updates in place when it is done/);
    const meanwhile = await click(h, refresh, { playbookId: p.playbookId, version: 1 }, DANA, p.activity.id, { wait: false });
    assert.match(json(meanwhile.response.value), /Working: dry run on incident 41002/, 'another viewer refreshing sees the work going on');
    release();
    await h.deps.authoring!.background.idle();
    const updates = h.adapter.updates.filter((u) => u.id === p.activity.id).map(json);
    assert.match(updates[0], /Working: dry run on incident 41002/, 'everyone sees the working state first');
    assert.match(updates.at(-1)!, /No action: the condition was false/);
    assert.doesNotMatch(updates.at(-1)!, /Working:/);
    const after = await click(h, refresh, { playbookId: p.playbookId, version: 1 }, DANA, p.activity.id);
    assert.match(json(after.response.value), /No action: the condition was false/);
    assert.doesNotMatch(json(after.response.value), /Working:/);
  });

  it('when the sandbox fails during a background dry run, then the card leaves the working state and says the dry run failed', async () => {
    const h = buildBot();
    const p = await propose(h);
    h.engine.options.dryRunGate = Promise.reject(new Error('sandbox exploded'));
    h.engine.options.dryRunGate.catch(() => undefined);
    await click(h, dryRun, { playbookId: p.playbookId, version: 1, incidentId: '41002' }, SAM, p.activity.id);
    const last = json(h.adapter.updates.at(-1));
    assert.doesNotMatch(last, /Working:/);
    assert.match(last, /the dry run could not start/);
  });

  it('when someone edits the proposal in plain words, then a new version with a diff is proposed, the old card is superseded and cannot be approved', async () => {
    const h = buildBot();
    const p = await propose(h);
    const { replies, response } = await click(h, edit, { playbookId: p.playbookId, version: 1, change: 'also run it hourly' }, SAM, p.activity.id);
    assert.match(json(response.value), /Working: version 2 from Sam Intern's change “also run it hourly”/);
    assert.equal(h.engine.proposals.at(-1), `${ISOLATE_REQUEST.replace(/\.$/, '')}. also run it hourly.`);
    const v2card = json(cardOf(replies.find((a) => a.attachments?.length)));
    assert.match(v2card, /version 2/);
    assert.match(v2card, /Not understood/);
    assert.match(json(h.adapter.updates.at(-1)), /Superseded by version 2/);
    const v2 = await h.deps.library!.getVersion(p.playbookId, 2);
    assert.match(v2?.diff ?? '', /^@@/m);
    assert.equal(v2?.requester.name, 'Sam Intern');
    const old = await click(h, approve, { playbookId: p.playbookId, version: 1 }, DANA, p.activity.id);
    assert.match(json(old.response.value), /Superseded by version 2/);
    assert.equal((await h.deps.library!.getVersion(p.playbookId, 1))?.decision, 'superseded');
  });

  it('when a late viewer opens the card, then the refresh action returns the current state', async () => {
    const h = buildBot();
    const p = await propose(h);
    await click(h, approve, { playbookId: p.playbookId, version: 1 }, DANA, p.activity.id);
    const { response } = await click(h, refresh, { playbookId: p.playbookId, version: 1 }, SAM, p.activity.id);
    assert.match(json(response.value), /Approved by Dana Lead/);
  });

  it('when the bot restarts between the proposal and the approval, then the card posted before can still be approved and updated', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-restart-'));
    const first = buildBot({}, { db: openDatabase(dir) });
    const p = await propose(first);
    first.db.closeNow();
    const second = buildBot({}, { db: openDatabase(dir) });
    const { response } = await click(second, approve, { playbookId: p.playbookId, version: 1 }, DANA, p.activity.id);
    assert.match(json(response.value), /Approved by Dana Lead/);
    assert.equal(second.adapter.updates.at(-1)?.id, p.activity.id);
    assert.equal((await second.deps.library!.listEnabled()).length, 1);
    second.db.closeNow();
  });

  it('when a message is empty or an unknown verb arrives, then nothing crashes', async () => {
    const h = buildBot();
    const empty = await say(h, '   ');
    assert.equal(empty.filter((a) => a.type === 'message').length, 0);
    h.adapter.activeQueue.splice(0);
    await h.adapter.send({ type: 'invoke', name: 'adaptiveCard/action', from: DANA, value: { action: { type: 'Action.Execute', verb: 'rampart.unknown', data: {} } } });
    const replies = await say(h, 'help', SAM);
    assert.ok(replies.some((a) => a.attachments?.length), 'the bot still answers');
  });
});
