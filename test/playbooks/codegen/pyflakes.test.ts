import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { generatePlaybook } from '../../../src/playbooks/codegen';
import { OfflinePlanner } from '../../../src/playbooks/planner';
import { reviewPlaybook } from '../../../src/playbooks/review';
import { DEV_REQUESTS } from '../../fixtures/corpus';
import {
  ACTION_NAMES, parseSpec, type ActionName, type Condition, type DeviceFilter, type PlaybookSpec, type PlaybookSpecInput,
} from '../../../src/playbooks/spec';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
const FIXTURES = path.join(__dirname, '..', '..', 'fixtures');

type StepInput = PlaybookSpecInput['steps'][number];

/** A step for each action with the target it takes by default. */
const DEFAULT_STEP: Record<ActionName, StepInput> = {
  isolate: { action: 'isolate', target: { kind: 'alertDevices' }, params: { isolationType: 'Selective' } },
  unisolate: { action: 'unisolate', target: { kind: 'incidentDevices' } },
  runAntiVirusScan: { action: 'runAntiVirusScan', target: { kind: 'alertDevices' }, params: { scanType: 'Full' } },
  collectInvestigationPackage: { action: 'collectInvestigationPackage', target: { kind: 'incidentDevices' } },
  restrictCodeExecution: { action: 'restrictCodeExecution', target: { kind: 'fileDevices', minEngines: 3 } },
  unrestrictCodeExecution: { action: 'unrestrictCodeExecution', target: { kind: 'alertDevices' } },
  stopAndQuarantineFile: { action: 'stopAndQuarantineFile', target: { kind: 'fileDevices', minEngines: null } },
  createIndicator: { action: 'createIndicator', target: { kind: 'iocs', iocTypes: ['ip', 'url', 'domain'], minEngines: 2 }, params: { expiresInDays: 30 } },
  updateIncident: { action: 'updateIncident', target: { kind: 'incident' }, params: { incident: { status: 'InProgress', addTags: ['x'], addComment: true, includeVirusTotal: true } } },
  disableUser: { action: 'disableUser', target: { kind: 'users' } },
  resetPassword: { action: 'resetPassword', target: { kind: 'users' } },
  revokeSessions: { action: 'revokeSessions', target: { kind: 'users' } },
  confirmCompromised: { action: 'confirmCompromised', target: { kind: 'users' } },
  dismissRiskyUser: { action: 'dismissRiskyUser', target: { kind: 'users' } },
  sendMail: { action: 'sendMail', target: { kind: 'mailbox' }, params: { mailTo: ['soc@contoso.com'], includeVirusTotal: true } },
  teamsMessage: { action: 'teamsMessage', target: { kind: 'channel' } },
};

const CONDITIONS: Condition[] = [
  { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 5 },
  { kind: 'deviceRisk', atLeast: 'Medium' },
  { kind: 'entityPresent', entityType: 'User' },
  { kind: 'severity', severities: ['High', 'Medium'] },
  { kind: 'category', categories: ['Execution'] },
  { kind: 'titleContains', keywords: ['mimikatz'] },
  { kind: 'serviceSource', sources: ['MicrosoftDefenderForEndpoint'] },
  { kind: 'detectionSource', sources: ['EDR'] },
  { kind: 'incidentTag', tags: ['VIP'] },
  { kind: 'assignment', assigned: true, to: 'tier2@contoso.com' },
  { kind: 'assignment', assigned: false },
  { kind: 'userInGroup', groups: ['Finance Admins'] },
];

const FILTERS: DeviceFilter[] = [
  { include: { kinds: ['server'] } },
  { include: { kinds: ['workstation'] }, exclude: { kinds: ['domainController'] } },
  { include: { groups: ['Finance'], tags: ['pci'] } },
  { include: { namePatterns: ['srv-*'], osPlatforms: ['Windows'] }, exclude: { minRiskScore: 'High' } },
];

function spec(name: string, steps: StepInput[], trigger: PlaybookSpecInput['trigger'] = { kind: 'alert' }): PlaybookSpec {
  return parseSpec({ specVersion: 2, name, trigger, steps });
}

/** Varied specs: each action alone, each condition kind (alone, negated, in a band), each device filter, and mixes. */
function tableOfSpecs(): PlaybookSpec[] {
  const specs: PlaybookSpec[] = [];
  for (const action of ACTION_NAMES) specs.push(spec(`only ${action}`, [DEFAULT_STEP[action]]));
  for (const [n, condition] of CONDITIONS.entries()) {
    for (const scope of ['alert', 'incident'] as const) {
      specs.push(spec(`condition ${n} ${scope}`, [
        { action: 'isolate', target: { kind: 'alertDevices' }, when: { scope, condition } },
        { action: 'runAntiVirusScan', target: { kind: 'alertDevices' }, when: { scope, condition: { not: condition } } },
      ]));
    }
  }
  specs.push(spec('band', [
    { action: 'isolate', target: { kind: 'alertDevices' }, when: { scope: 'alert', condition: { kind: 'maliciousIoc', iocTypes: ['file', 'ip'], minEngines: 5 } } },
    { action: 'updateIncident', target: { kind: 'incident' }, params: { incident: { addComment: true } }, when: { scope: 'incident', condition: { all: [{ kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 1 }, { not: { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 5 } }] } } },
    { action: 'teamsMessage', target: { kind: 'channel' }, when: { scope: 'incident', condition: { any: [{ kind: 'severity', severities: ['High'] }, { kind: 'userInGroup', groups: ['VIP'] }] } } },
  ]));
  for (const [n, deviceFilter] of FILTERS.entries()) {
    specs.push(spec(`filter ${n}`, [{ action: 'isolate', target: { kind: 'alertDevices' }, deviceFilter }, { action: 'stopAndQuarantineFile', target: { kind: 'fileDevices', minEngines: 1 }, deviceFilter }]));
  }
  specs.push(spec('everything', ACTION_NAMES.map((a) => DEFAULT_STEP[a]), { kind: 'incident', severities: ['High'], topics: ['ransomware'], titleKeywords: ['zorblax'], serviceSources: ['MicrosoftDefenderATP'] }));
  specs.push(spec('iocs without verdicts', [{ action: 'createIndicator', target: { kind: 'iocs', iocTypes: ['file'], minEngines: null } }, { action: 'teamsMessage', target: { kind: 'channel' }, params: { includeVirusTotal: true } }]));
  return specs;
}

/** Specs kept under test/fixtures (the LLM planner's recorded answers), wherever a JSON value holds one. */
function fixtureSpecs(): PlaybookSpec[] {
  const found: PlaybookSpec[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string' && value.includes('specVersion')) {
      try {
        visit(JSON.parse(value));
      } catch {
        // not JSON text
      }
    } else if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if ('specVersion' in record && 'steps' in record) {
        const parsed = (() => {
          try {
            return parseSpec(record);
          } catch {
            return undefined;
          }
        })();
        if (parsed) found.push(parsed);
      } else {
        Object.values(record).forEach(visit);
      }
    }
  };
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.json')) visit(JSON.parse(fs.readFileSync(full, 'utf8')));
    }
  };
  walk(FIXTURES);
  return found;
}

async function devCorpusSpecs(): Promise<PlaybookSpec[]> {
  const requests = DEV_REQUESTS.map((r) => r.request);
  const specs: PlaybookSpec[] = [];
  for (const request of requests) {
    const planned = await new OfflinePlanner().plan(request);
    if (planned.ok) specs.push(planned.spec);
  }
  return specs;
}

async function pyflakes(files: string[]): Promise<string> {
  const { stdout, stderr } = await run(PYTHON, ['-m', 'pyflakes', ...files]).catch((err: { stdout: string; stderr: string }) => err);
  return `${stdout}${stderr}`.trim();
}

describe('generated playbooks pass pyflakes with no finding', function () {
  this.timeout(180_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-pyflakes-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function write(prefix: string, specs: PlaybookSpec[]): string[] {
    return specs.map((s, n) => {
      const file = path.join(dir, `${prefix}_${n}.py`);
      fs.writeFileSync(file, generatePlaybook(s, { request: s.name }));
      return file;
    });
  }

  it('when a table of varied specs (every action, condition kind and scope, target, device filter) is generated, then pyflakes finds nothing', async () => {
    const specs = tableOfSpecs();
    const covered = new Set(specs.flatMap((s) => s.steps.map((st) => st.action)));
    assert.deepEqual([...covered].sort(), [...ACTION_NAMES].sort());
    assert.equal(await pyflakes(write('table', specs)), '');
  });

  it('when the same table is reviewed, then no rule blocks a generated playbook (no false RAMP011 / RAMP012)', async () => {
    for (const s of tableOfSpecs()) {
      const review = await reviewPlaybook(generatePlaybook(s, { request: s.name }), { python: PYTHON, skipBandit: true });
      assert.deepEqual(review.findings.filter((f) => f.blocking), [], s.name);
    }
  });

  it('when the specs kept in test/fixtures and the dev corpus are generated, then pyflakes finds nothing', async () => {
    const fromFixtures = fixtureSpecs();
    assert.ok(fromFixtures.length >= 5, `specs found in test/fixtures: ${fromFixtures.length}`);
    const files = [...write('fixture', fromFixtures), ...write('dev', await devCorpusSpecs())];
    assert.equal(await pyflakes(files), '');
  });

  it('when the hand-written playbooks under test/fixtures are checked (not the deliberately broken ones), then pyflakes finds nothing', async () => {
    const clean = [path.join(FIXTURES, 'playbooks', 'clean_isolate.py'), ...fs.readdirSync(path.join(FIXTURES, 'playbooks', 'runner')).map((f) => path.join(FIXTURES, 'playbooks', 'runner', f))];
    assert.equal(await pyflakes(clean), '');
  });
});
