import assert from 'node:assert/strict';
import { PROPOSAL_VERBS } from '../../../src/cards/proposal';
import { parseLibraryCommand } from '../../../src/bot/library/parse';
import { ALEX, DANA, SAM, buildBot, cardOf, click, say, type Harness } from './harness';

async function approvedPlaybook(h: Harness): Promise<{ id: string; name: string }> {
  const replies = await say(h, 'Isolate the machine if a high severity alert from Defender for Endpoint has a malicious file hash.', ALEX);
  const card = cardOf(replies.find((a) => a.attachments?.length));
  const { playbookId } = (card.refresh as { action: { data: { playbookId: string } } }).action.data;
  const activity = replies.find((a) => a.attachments?.length)!;
  await click(h, PROPOSAL_VERBS.approve, { playbookId, version: 1 }, DANA, activity.id);
  const p = (await h.deps.library!.get(playbookId))!;
  return { id: p.id, name: p.name };
}

function textOf(replies: { text?: string; attachments?: { content?: unknown }[] }[]): string {
  return replies.map((r) => `${r.text ?? ''}${JSON.stringify(r.attachments?.[0]?.content ?? '')}`).join('\n');
}

describe('library commands in Teams', () => {
  it('when commands come in short or everyday forms, then they parse to the same command; requests do not', () => {
    const table: [string, unknown][] = [
      ['playbooks', { kind: 'list' }],
      ['show me the playbooks', { kind: 'list' }],
      ['show isolate-ioc 2', { kind: 'show', name: 'isolate-ioc', version: 2 }],
      ['diff isolate-ioc 1 2', { kind: 'diff', name: 'isolate-ioc', from: 1, to: 2 }],
      ['what changed in isolate-ioc between v1 and v3?', { kind: 'diff', name: 'isolate-ioc', from: 1, to: 3 }],
      ['turn off isolate-ioc', { kind: 'disable', name: 'isolate-ioc' }],
      ['enable the playbook isolate-ioc', { kind: 'enable', name: 'isolate-ioc' }],
      ['roll back isolate-ioc to version 1', { kind: 'rollback', name: 'isolate-ioc', version: 1 }],
      ['run isolate-ioc on incident 41001', { kind: 'run', name: 'isolate-ioc', incidentId: '41001', live: false }],
      ['run isolate-ioc on incident 41001 live', { kind: 'run', name: 'isolate-ioc', incidentId: '41001', live: true }],
      ['export isolate-ioc', { kind: 'export', name: 'isolate-ioc' }],
      ['audit', { kind: 'audit' }],
      ['Isolate the machine if a critical severity alert involves a known malicious IOC', undefined],
      ['disable the user account when Identity Protection raises a high risk alert', undefined],
    ];
    for (const [text, expected] of table) assert.deepEqual(parseLibraryCommand(text), expected, text);
  });

  it('when an analyst lists, shows, disables, enables and exports, then the library answers and the state changes', async () => {
    const h = buildBot();
    const p = await approvedPlaybook(h);
    assert.match(textOf(await say(h, 'playbooks', SAM)), new RegExp(`${p.name}.*enabled.*never run`));
    assert.match(textOf(await say(h, `show ${p.name}`, SAM)), /version 1.*approved by Dana Lead/);
    assert.match(textOf(await say(h, `disable ${p.name}`, SAM)), /is now disabled/);
    assert.equal((await h.deps.library!.listEnabled()).length, 0);
    assert.match(textOf(await say(h, `enable ${p.name}`, SAM)), /is now enabled \(version 1\)/);
    assert.match(textOf(await say(h, `export ${p.name}`, SAM)), /api\/downloads\/playbooks\/.*sig=/);
    assert.match(textOf(await say(h, 'show no-such-playbook', SAM)), /no playbook named `no-such-playbook`/);
  });

  it('when a playbook is run on an incident, then the dry run is the default and a live run lists destructive actions as awaiting approval', async () => {
    const h = buildBot();
    const p = await approvedPlaybook(h);
    const dry = textOf(await say(h, `run ${p.name} on incident 41001`, SAM));
    assert.match(dry, /Dry run of .* on incident 41001/);
    assert.equal(h.engine.runs.at(-1)?.live, false);
    const live = textOf(await say(h, `run ${p.name} on incident 41001 live`, SAM));
    assert.match(live, /isolate ws-fin-042.contoso.local \(Full\): awaiting approval/);
    assert.ok(h.engine.runs.at(-1)?.deferActions.includes('isolate'));
    const last = await h.deps.library!.lastRun(p.id);
    assert.equal(last?.status, 'awaiting-approval');
    assert.match(textOf(await say(h, 'playbooks', SAM)), /live run awaiting-approval on incident 41001/);
  });

  it('when edits make version 2 and it is approved, then diff and rollback work by name', async () => {
    const h = buildBot();
    const p = await approvedPlaybook(h);
    const replies = await click(h, PROPOSAL_VERBS.edit, { playbookId: p.id, version: 1, change: 'use selective isolation' }, SAM);
    const v2 = replies.replies.find((a) => a.attachments?.length)!;
    await click(h, PROPOSAL_VERBS.approve, { playbookId: p.id, version: 2 }, DANA, v2.id);
    assert.match(textOf(await say(h, `diff ${p.name} 1 2`, SAM)), /version 1 → 2.*line\(s\) changed/);
    assert.match(textOf(await say(h, `rollback ${p.name} 1`, DANA)), /now runs version 1 \(was 2\)/);
  });

  it('when someone reads the audit log, then approvers see requests, proposals and decisions with who and when; others are refused', async () => {
    const h = buildBot({ APPROVERS: 'aad-dana' });
    const replies = await say(h, 'Isolate the machine if a high severity alert from Defender for Endpoint has a malicious file hash.', ALEX);
    const card = cardOf(replies.find((a) => a.attachments?.length));
    const { playbookId } = (card.refresh as { action: { data: { playbookId: string } } }).action.data;
    await click(h, PROPOSAL_VERBS.approve, { playbookId, version: 1 }, DANA, replies.find((a) => a.attachments?.length)!.id);
    assert.match(textOf(await say(h, 'audit', SAM)), /approvers only/);
    const log = textOf(await say(h, 'audit', DANA));
    for (const kind of ['request', 'proposal', 'approval']) assert.match(log, new RegExp(`\\*\\*${kind}\\*\\*`));
    assert.match(log, /Dana Lead/);
    assert.match(log, /Alex Analyst/);
  });
});
