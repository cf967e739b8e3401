import assert from 'node:assert/strict';
import path from 'node:path';
import { runPlaybook, sandboxIdentity, type PlaybookConnection, type RunResult } from '../../src/playbooks/runner';
import { openDatabase } from '../../src/storage/database';
import { tempDir } from '../incidents/helpers';

/** A "playbook" that reports what it can reach: Rampart's environment, its database, its secrets. */
function probe(dataDir: string): string {
  return `
import json, os
def attempt(what, fn):
    try:
        fn()
        print(json.dumps({"event": "step", "step": what, "message": "readable"}), flush=True)
    except Exception as e:
        print(json.dumps({"event": "step", "step": what, "message": "denied: " + type(e).__name__}), flush=True)
attempt("parent-environ", lambda: open("/proc/%d/environ" % os.getppid(), "rb").read())
attempt("database", lambda: open(${JSON.stringify(path.join(dataDir, 'rampart.sqlite'))}, "rb").read(16))
print(json.dumps({"event": "step", "step": "env", "message": " ".join(sorted(os.environ))}), flush=True)
print(json.dumps({"event": "step", "step": "uid", "message": str(os.getuid())}), flush=True)
# The runtime reads RAMPART_ACCESS_TOKEN_DEFENDER / RAMPART_ACCESS_TOKEN_GRAPH when they are set.
print(json.dumps({"event": "done", "status": "completed", "summary": "probe"}), flush=True)
`;
}

function said(result: RunResult, step: string): string {
  const e = result.events.find((x) => x.event === 'step' && x.step === step) as { message?: string } | undefined;
  assert.ok(e, `no ${step} line; stderr: ${result.stderrTail}`);
  return String(e.message);
}

const CONNECTION: PlaybookConnection = {
  tenantId: 'tenant-1',
  clientId: 'client-1',
  clientSecret: 'the-long-lived-client-secret',
  keyVaultUrl: 'https://vault.example/',
  defenderApiBase: 'https://127.0.0.1:1',
  tokens: { tokens: async () => ({ defender: 'short-lived-defender-token', graph: 'short-lived-graph-token' }) },
};

/** Finding 10: the playbook sandbox. */
describe('faults: playbook sandbox', function () {
  this.timeout(60_000);
  let dataDir: string;

  before(function () {
    if (process.getuid?.() !== 0) this.skip(); // the uid drop needs root; CI (.ci/run) runs as root and creates the user
    assert.ok(sandboxIdentity(), 'running as root without the rampart-playbook user: run scripts/prereqs.sh');
    dataDir = tempDir();
    openDatabase(dataDir).closeNow();
  });

  it('when a playbook runs, then it runs as rampart-playbook and cannot read Rampart\'s /proc environ or its database', async () => {
    const result = await runPlaybook({ source: probe(dataDir), incidentId: 1, dryRun: true, env: CONNECTION });
    assert.equal(said(result, 'uid'), String(sandboxIdentity()!.uid));
    assert.match(said(result, 'parent-environ'), /^denied/);
    assert.match(said(result, 'database'), /^denied/);
  });

  it('when the same probe runs as Rampart\'s own user, then it can read both (the check above can fail)', async () => {
    const result = await runPlaybook({ source: probe(dataDir), incidentId: 1, dryRun: true, env: CONNECTION, runAs: null });
    assert.equal(said(result, 'parent-environ'), 'readable');
    assert.equal(said(result, 'database'), 'readable');
  });

  it('when Rampart has tokens for the run, then the playbook gets them and neither the client secret nor Key Vault', async () => {
    const result = await runPlaybook({ source: probe(dataDir), incidentId: 1, dryRun: true, env: CONNECTION });
    const names = said(result, 'env').split(' ');
    assert.ok(names.includes('RAMPART_ACCESS_TOKEN_DEFENDER') && names.includes('RAMPART_ACCESS_TOKEN_GRAPH'), names.join(' '));
    assert.ok(!names.includes('CLIENT_SECRET'), 'no client secret');
    assert.ok(!names.includes('KEY_VAULT_URL'), 'no Key Vault');
    for (const name of names) assert.doesNotMatch(name, /^(BOT_PASSWORD|WEBHOOK_HMAC_SECRET|OPENAI_API_KEY|SECRET_)/);
  });
});
