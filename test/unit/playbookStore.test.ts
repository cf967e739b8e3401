import assert from 'node:assert/strict';
import restify from 'restify';
import { ApprovalPolicy } from '../../src/approvals/policy';
import { DownloadLinks, deploymentKey, registerDownloadRoute } from '../../src/downloads';
import { silentLogger } from '../../src/logger';
import { slugFromRequest, type VersionContent } from '../../src/playbooks/library';
import { SqlPlaybookStore } from '../../src/storage/playbookStore';
import { openDatabase } from '../../src/storage/database';
import { forEachDialect } from '../helpers/dialects';
import { ISOLATE_REQUEST, ISOLATE_SPEC, fakeCode } from '../bot/authoring/harness';

function content(code = fakeCode(20), overrides: Partial<VersionContent> = {}): VersionContent {
  return {
    request: ISOLATE_REQUEST,
    spec: ISOLATE_SPEC,
    code,
    review: { findings: [], blocking: false, permissions: [] },
    plan: { understood: [], notUnderstood: [], facts: [], assumptions: [], planner: 'offline' },
    requester: { id: 'aad-alex', name: 'Alex' },
    ...overrides,
  };
}

const DANA = { id: 'aad-dana', name: 'Dana' };

forEachDialect('playbook library', (open) => {
  it('when drafts are created from requests, then names are short unique slugs', async () => {
    const lib = new SqlPlaybookStore(await open());
    const a = await lib.createDraft(content());
    const b = await lib.createDraft(content());
    assert.equal(a.playbook.name, slugFromRequest(ISOLATE_REQUEST));
    assert.ok(a.playbook.name.length <= 40 && /^[a-z0-9-]+$/.test(a.playbook.name), a.playbook.name);
    assert.equal(b.playbook.name, `${a.playbook.name}-2`);
    assert.equal(a.playbook.status, 'draft');
  });

  it('when a version is approved, then it is the active one, the playbook is enabled and the decision cannot be made twice', async () => {
    const lib = new SqlPlaybookStore(await open());
    const { playbook } = await lib.createDraft(content());
    const first = await lib.approve(playbook.id, 1, DANA, { unattended: false, selfApproved: false });
    assert.equal(first.ok, true);
    assert.equal(first.playbook.status, 'enabled');
    assert.equal(first.playbook.activeVersion, 1);
    const again = await lib.approve(playbook.id, 1, { id: 'x', name: 'Mallory' }, { unattended: true, selfApproved: false });
    assert.equal(again.ok, false);
    assert.equal(again.version.decidedBy?.name, 'Dana');
    const rejectLate = await lib.reject(playbook.id, 1, { id: 'x', name: 'Mallory' }, 'no');
    assert.equal(rejectLate.ok, false);
    assert.equal((await lib.listEnabled()).length, 1);
  });

  it('when someone writes to a stored version directly, then the database refuses: versions are immutable', async () => {
    const db = await open();
    const lib = new SqlPlaybookStore(db);
    const { playbook } = await lib.createDraft(content());
    await assert.rejects(db.q().updateTable('playbook_versions').set({ code: 'evil()' }).where('playbook_id', '=', playbook.id).execute(), /immutable/);
    await lib.approve(playbook.id, 1, DANA, { unattended: false, selfApproved: false });
    await assert.rejects(db.q().updateTable('playbook_versions').set({ decided_by_name: 'Mallory' }).where('playbook_id', '=', playbook.id).execute(), /final/);
    const stored = await lib.getVersion(playbook.id, 1);
    assert.equal(stored?.decidedBy?.name, 'Dana');
    assert.equal(stored?.code, fakeCode(20));
  });

  it('when a playbook is edited, then a new version with a diff supersedes the pending one; rollback only goes to approved versions', async () => {
    const lib = new SqlPlaybookStore(await open());
    const { playbook } = await lib.createDraft(content(fakeCode(20, 'one')));
    await lib.approve(playbook.id, 1, DANA, { unattended: false, selfApproved: false });
    const v2 = await lib.addVersion(playbook.id, content(fakeCode(20, 'two'), { changeRequest: 'selective isolation' }));
    assert.equal(v2.version.version, 2);
    assert.match(v2.version.diff ?? '', /^-.*one/m);
    assert.match(v2.version.diff ?? '', /^\+.*two/m);
    assert.equal(v2.playbook.activeVersion, 1, 'the approved version keeps running until v2 is approved');
    const v3 = await lib.addVersion(playbook.id, content(fakeCode(20, 'three')));
    assert.equal((await lib.getVersion(playbook.id, 2))?.decision, 'superseded');
    await assert.rejects(lib.rollback(playbook.id, 3), /never approved/);
    await lib.approve(playbook.id, 3, DANA, { unattended: false, selfApproved: false });
    const rolled = await lib.rollback(playbook.id, 1);
    assert.equal(rolled.activeVersion, 1);
    assert.match(await lib.diff(playbook.id, 1, 3), /three/);
    assert.equal(v3.version.version, 3);
    const disabled = await lib.setEnabled(playbook.id, false);
    assert.equal(disabled.status, 'disabled');
    assert.equal((await lib.listEnabled()).length, 0);
  });

  it('when runs are recorded and updated, then the last run is what the list shows', async () => {
    const lib = new SqlPlaybookStore(await open());
    const { playbook } = await lib.createDraft(content());
    await lib.recordRun({ playbookId: playbook.id, version: 1, incidentId: '41001', mode: 'dry-run', startedBy: 'manual', status: 'completed', actions: [] });
    const run = await lib.recordRun({ playbookId: playbook.id, version: 1, incidentId: '41002', mode: 'live', startedBy: 'incident', status: 'awaiting-approval', actions: [{ action: 'isolate' }] });
    const done = await lib.updateRun(run.id, { status: 'completed', summary: 'isolated', finishedAt: '2026-11-28T14:05:00.000Z' });
    assert.equal(done.status, 'completed');
    const last = await lib.lastRun(playbook.id);
    assert.equal(last?.incidentId, '41002');
    assert.equal(last?.summary, 'isolated');
  });
});

describe('approval policy', () => {
  const requester = { id: 'aad-alex' };
  it('when no approvers are configured, then anyone but the requester may approve', async () => {
    const p = new ApprovalPolicy({ approvers: [], approverGroupIds: [], allowSelfApproval: false });
    assert.deepEqual(await p.canApprove({ id: 'aad-dana', name: 'Dana' }, { requester }), { allowed: true, selfApproval: false });
    const self = await p.canApprove({ id: 'aad-alex', name: 'Alex' }, { requester });
    assert.equal(self.allowed, false);
  });

  it('when approver groups are configured, then membership is resolved through the lookup', async () => {
    const asked: string[][] = [];
    const p = new ApprovalPolicy(
      { approvers: [], approverGroupIds: ['g-soc-leads'], allowSelfApproval: false },
      { memberGroups: async (user, groups) => (asked.push([user, ...groups]), user === 'aad-dana' ? ['g-soc-leads'] : []) },
    );
    assert.equal((await p.canApprove({ id: 'x', name: 'Dana', aadObjectId: 'aad-dana' }, { requester })).allowed, true);
    assert.equal((await p.canApprove({ id: 'y', name: 'Sam', aadObjectId: 'aad-sam' }, { requester })).allowed, false);
    assert.deepEqual(asked[0], ['aad-dana', 'g-soc-leads']);
  });

  it('when UPNs are listed, then they match case-insensitively; blocking findings refuse even approvers', async () => {
    const p = new ApprovalPolicy({ approvers: ['Lead@Contoso.com'], approverGroupIds: [], allowSelfApproval: true });
    assert.equal((await p.canApprove({ id: 'x', name: 'Lead', upn: 'lead@contoso.com' }, { requester })).allowed, true);
    const blocked = await p.canApprove({ id: 'x', name: 'Lead', upn: 'lead@contoso.com' }, { requester, blocking: true });
    assert.equal(blocked.allowed, false);
  });
});

describe('signed download links over HTTP', () => {
  it('when the link is valid, then the file downloads; tampered or expired links are refused', async () => {
    const db = openDatabase(':memory:');
    const lib = new SqlPlaybookStore(db);
    const { playbook } = await lib.createDraft(content(fakeCode(30, 'dl')));
    let now = Date.now();
    const links = new DownloadLinks(await deploymentKey(db), 'http://placeholder', 60, () => now);
    const server = restify.createServer();
    server.use(restify.plugins.queryParser({ mapParams: false }));
    registerDownloadRoute(server, links, lib, silentLogger());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      links.setBaseUrl(`http://127.0.0.1:${(server.address()).port}`);
      const url = links.urlFor({ playbookId: playbook.id, version: 1 });
      const ok = await fetch(url);
      assert.equal(ok.status, 200);
      assert.match(ok.headers.get('content-disposition') ?? '', new RegExp(`${playbook.name}-v1.py`));
      assert.equal(await ok.text(), fakeCode(30, 'dl'));
      const otherVersion = await fetch(url.replace(`/${playbook.id}/1?`, `/${playbook.id}/2?`));
      assert.equal(otherVersion.status, 403);
      const forged = await fetch(url.replace(/sig=[^&]+/, 'sig=AAAA'));
      assert.equal(forged.status, 403);
      now += 61_000;
      const expired = await fetch(url);
      assert.equal(expired.status, 410);
      assert.deepEqual(await deploymentKey(db), await deploymentKey(db), 'the key is stable across calls (and restarts: it lives in the DB)');
    } finally {
      server.close();
    }
  });
});
