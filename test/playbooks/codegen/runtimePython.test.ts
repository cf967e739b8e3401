import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { RUNTIME_FILES, runtimeDir } from '../../../src/playbooks/codegen/assemble';
import { reviewPlaybook } from '../../../src/playbooks/review';
import { simulatorEnvironment, startSimulator, type RunningSimulator } from '../../../src/simulator';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const RUNTIME = runtimeDir();
const FILES = [...RUNTIME_FILES, 'generated'].map((f) => path.join(RUNTIME, `${f}.py`));

describe('the playbook runtime as Python files', function () {
  this.timeout(120_000);

  it('when the runtime files are compiled and checked with pyflakes, then there is no finding', async () => {
    // compile() checks the syntax like py_compile without writing __pycache__ into the source tree.
    await run(PYTHON, ['-c', 'import sys\nfor f in sys.argv[1:]:\n    compile(open(f).read(), f, "exec")', ...FILES], { env: { PATH: process.env.PATH, PYTHONDONTWRITEBYTECODE: '1' } });
    const { stdout } = await run(PYTHON, ['-m', 'pyflakes', ...FILES], { env: { PATH: process.env.PATH, PYTHONDONTWRITEBYTECODE: '1' } }).catch((err: { stdout: string }) => ({ stdout: err.stdout }));
    assert.equal(stdout, '');
  });

  it('when each runtime file is reviewed like a playbook, then nothing blocks', async () => {
    for (const file of FILES) {
      const review = await reviewPlaybook(fs.readFileSync(file, 'utf8'), { python: PYTHON });
      assert.equal(review.blocking, false, `${path.basename(file)}: ${JSON.stringify(review.findings.filter((f) => f.blocking))}`);
    }
  });

  describe('unit tests (Python unittest) against the simulator', () => {
    let sim: RunningSimulator;
    before(async () => {
      sim = await startSimulator({ port: 0, rateLimits: false, actionDelaysMs: { toInProgress: 50, toSucceeded: 100 } });
    });
    after(async () => sim?.stop());

    it('when python3 -m unittest runs test_runtime.py, then every test passes', async () => {
      const env = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', PYTHONDONTWRITEBYTECODE: '1', RAMPART_RUNTIME_DIR: RUNTIME, SIM_URL: sim.info.url, ...simulatorEnvironment(sim.info) };
      const { stderr } = await run(PYTHON, ['-m', 'unittest', '-v', 'test_runtime'], { cwd: path.join(__dirname, 'python'), env }).catch((err: { stderr: string }) => {
        assert.fail(err.stderr);
      });
      assert.match(stderr, /^Ran [1-9]\d* tests?/m);
      assert.match(stderr, /^OK$/m, stderr);
    });
  });
});
