import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { matchesTrigger, matchingAlertIds } from '../../../src/incidents/triggers';
import type { SecurityIncident } from '../../../src/incidents/model';
import { generatePlaybook } from '../../../src/playbooks/codegen';
import { parseSpec, SERVICE_SOURCE_ALIASES, Trigger, type Trigger as TriggerType } from '../../../src/playbooks/spec';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';

interface TriggerCase {
  name: string;
  trigger: unknown;
  incident: SecurityIncident;
  /** The alerts the steps act on; null when the trigger does not match. */
  alertIds: string[] | null;
}

const TABLE = path.join(__dirname, '..', '..', 'fixtures', 'triggers', 'cases.json');
const CASES = (JSON.parse(fs.readFileSync(TABLE, 'utf8')) as { cases: TriggerCase[] }).cases;

/** Loads each generated playbook as a module and prints what its matching_alerts returns, one JSON line per case. */
const HARNESS = `
import importlib.util, json, sys
for file, incident_file in zip(sys.argv[1::2], sys.argv[2::2]):
    spec = importlib.util.spec_from_file_location("playbook", file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with open(incident_file, encoding="utf-8") as handle:
        incident = json.load(handle)
    matched, _reason = module.matching_alerts(incident)
    ids = [a.get("alertId") for a in matched if not str(a.get("alertId")).startswith("incident-")]
    print(json.dumps(ids if matched else None))
`;

function playbookFor(trigger: TriggerType): string {
  return generatePlaybook(parseSpec({ specVersion: 2, name: 'trigger table', trigger, steps: [{ action: 'teamsMessage', target: { kind: 'channel' } }] }), { request: 'x' });
}

describe('one meaning of a trigger: the same table through the TypeScript matcher and the generated Python', function () {
  this.timeout(60_000);

  it('when each case runs through matchingAlertIds / matchesTrigger, then the TypeScript side gives the table\'s answer', () => {
    for (const c of CASES) {
      const trigger = Trigger.parse(c.trigger);
      assert.deepEqual(matchingAlertIds(trigger, c.incident) ?? null, c.alertIds, c.name);
      assert.equal(matchesTrigger(trigger, c.incident), c.alertIds !== null, c.name);
    }
  });

  it('when each case runs through the generated playbook\'s matching_alerts, then the Python side gives the same answer', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-triggers-'));
    try {
      const args: string[] = [];
      CASES.forEach((c, n) => {
        const file = path.join(dir, `case_${n}.py`);
        const incident = path.join(dir, `case_${n}.json`);
        fs.writeFileSync(file, playbookFor(Trigger.parse(c.trigger)));
        fs.writeFileSync(incident, JSON.stringify(c.incident));
        args.push(file, incident);
      });
      const { stdout } = await run(PYTHON, ['-c', HARNESS, ...args], { env: { PATH: process.env.PATH, LANG: 'C.UTF-8' } });
      const answers = stdout.trim().split('\n').map((l) => JSON.parse(l) as string[] | null);
      assert.equal(answers.length, CASES.length);
      CASES.forEach((c, n) => assert.deepEqual(answers[n], c.alertIds, c.name));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when a playbook is generated, then its SOURCE_ALIASES table is SERVICE_SOURCE_ALIASES, lower-cased', () => {
    const code = playbookFor(Trigger.parse({ kind: 'alert' }));
    const table = /^SOURCE_ALIASES = (\{[\s\S]*?\n\})$/m.exec(code)?.[1];
    assert.ok(table, 'SOURCE_ALIASES in the playbook');
    const parsed = JSON.parse(table.replace(/,\n\}$/, '\n}')) as Record<string, string>;
    assert.deepEqual(parsed, Object.fromEntries(Object.entries(SERVICE_SOURCE_ALIASES).map(([k, v]) => [k.toLowerCase(), v])));
  });
});
