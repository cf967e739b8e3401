import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { incidentFile } from '../../fixtures/corpus';

const BIN = path.resolve(__dirname, '../../../bin/rampart.js');
const FIXTURES = path.resolve(__dirname, '../../fixtures/playbooks');

function rampartRun(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, RAMPART_PYTHON: '/usr/bin/python3' };
  delete env.TENANT_ID;
  delete env.CLIENT_ID;
  delete env.CLIENT_SECRET;
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'run', ...args], { env, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? Number(err.code) : 0, stdout, stderr });
    });
  });
}

describe('rampart run', () => {
  it('when no endpoint is configured, then the playbook runs against the in-process simulator and its events print one per line', async () => {
    const { code, stdout, stderr } = await rampartRun(
      path.join(FIXTURES, 'clean_isolate.py'),
      '--incident-id', '41001',
      '--mock-data', incidentFile('mde-high-malware.json'),
      '--dry-run',
    );
    assert.equal(code, 0, stderr);
    assert.match(stderr, /built-in simulator at https:\/\/127\.0\.0\.1:\d+/);
    assert.match(stdout, /^- read incident: reading incident 41001$/m);
    assert.match(stdout, /^\? malicious file in alert da6385010000001_1: no/m);
    assert.match(stdout, /^\* teamsMessage webhook -> dry-run/m);
    assert.match(stdout, /^= completed: /m);
  });

  it('when the playbook fails, then rampart run exits with the playbook exit code', async () => {
    const { code, stdout } = await rampartRun(path.join(FIXTURES, 'runner/garbage.py'), '--incident-id', '1');
    assert.equal(code, 3);
    assert.match(stdout, /run failed .* exit code 3/);
  });

  it('when the playbook file does not exist, then it exits 2', async () => {
    const { code, stderr } = await rampartRun(path.join(FIXTURES, 'nope.py'), '--incident-id', '1');
    assert.equal(code, 2);
    assert.match(stderr, /cannot read the playbook/);
  });
});
