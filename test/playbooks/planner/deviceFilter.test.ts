import assert from 'node:assert/strict';
import { OfflinePlanner, isQuestion } from '../../../src/playbooks/planner';
import type { PlanAccepted } from '../../../src/playbooks/planner';
import { describeSpec, parseSpec, type ActionName, type DeviceFilter } from '../../../src/playbooks/spec';
import { accepted, planner, step } from './helpers';

interface Row {
  request: string;
  action: ActionName;
  filter: DeviceFilter | null;
  /** Substring of the step's card line. */
  card?: string;
}

const ROWS: Row[] = [
  { request: 'Isolate workstations with high severity alerts.', action: 'isolate', filter: { include: { kinds: ['workstation'] } }, card: 'the devices of the matching alerts that are workstations' },
  { request: 'Isolate the device on high alerts, except for servers.', action: 'isolate', filter: { exclude: { kinds: ['server'] } }, card: 'except servers' },
  { request: 'Isolate the machine if a high alert fires on a server in the Finance group.', action: 'isolate', filter: { include: { groups: ['Finance'], kinds: ['server'] } }, card: 'in the Finance group' },
  { request: 'Isolate servers with critical alerts using selective isolation.', action: 'isolate', filter: { include: { kinds: ['server'] } }, card: 'Isolate device (Selective): the devices of the matching alerts that are servers' },
  { request: 'Isolate servers on high alerts, but not domain controllers.', action: 'isolate', filter: { include: { kinds: ['server'] }, exclude: { kinds: ['domainController'] } }, card: 'Isolate device (Full): the devices of the matching alerts that are servers, except domain controllers (domain controllers recognised by name, group or tag)' },
  { request: 'Isolate the device on high alerts unless it is a server.', action: 'isolate', filter: { exclude: { kinds: ['server'] } } },
  { request: 'Isolate servers with high alerts, excluding the DCs.', action: 'isolate', filter: { include: { kinds: ['server'] }, exclude: { kinds: ['domainController'] } } },
  { request: 'Isolate the device on high alerts only for servers.', action: 'isolate', filter: { include: { kinds: ['server'] } } },
  { request: 'Isolate devices named srv-* on high alerts.', action: 'isolate', filter: { include: { namePatterns: ['srv-*'] } }, card: 'named srv-*' },
  { request: 'Isolate workstations tagged VIP on high alerts.', action: 'isolate', filter: { include: { tags: ['VIP'], kinds: ['workstation'] } }, card: 'tagged VIP' },
  { request: 'Isolate endpoints with high alerts.', action: 'isolate', filter: null },
  { request: 'Isolate the affected devices in high severity incidents.', action: 'isolate', filter: null },
  { request: 'When a high alert fires on a domain controller, run a full scan on the device.', action: 'runAntiVirusScan', filter: { include: { kinds: ['domainController'] } } },
  { request: 'Run a quick scan on desktops with medium alerts, except devices in the Executives group.', action: 'runAntiVirusScan', filter: { include: { kinds: ['workstation'] }, exclude: { groups: ['Executives'] } } },
  { request: 'Collect an investigation package from Linux servers with high alerts.', action: 'collectInvestigationPackage', filter: { include: { osPlatforms: ['Linux'], kinds: ['server'] } } },
  { request: 'Restrict app execution on workstations in high incidents, but not DCs.', action: 'restrictCodeExecution', filter: { include: { kinds: ['workstation'] }, exclude: { kinds: ['domainController'] } } },
  { request: 'Isolate the host on high alerts, except machines tagged Critical-Infra.', action: 'isolate', filter: { exclude: { tags: ['Critical-Infra'] } } },
];

async function plan(request: string): Promise<PlanAccepted> {
  const p = await new OfflinePlanner().plan(request);
  assert.ok(p.ok, `refused: ${request} ${JSON.stringify(p)}`);
  return p;
}

describe('offline planner: device qualifiers', () => {
  for (const row of ROWS) {
    it(`when asked "${row.request}", then the ${row.action} step carries ${row.filter ? JSON.stringify(row.filter) : 'no device filter'}`, async () => {
      const p = await plan(row.request);
      const s = p.spec.steps.find((x) => x.action === row.action);
      assert.ok(s, JSON.stringify(p.spec.steps));
      assert.deepEqual(s.deviceFilter ?? null, row.filter);
      assert.deepEqual(p.notUnderstood, [], 'nothing left unexplained');
      if (row.card) assert.ok(describeSpec(p.spec).steps.some((l) => l.includes(row.card!)), describeSpec(p.spec).steps.join('\n'));
      if (row.filter) assert.ok(p.understood.some((u) => /^(?:only|leave out) /.test(u.meaning)), 'the qualifier is reported as understood');
      // The spec still round-trips through the schema (the LLM planner and stored playbooks rely on it).
      assert.deepEqual(parseSpec(JSON.parse(JSON.stringify(p.spec))), p.spec);
    });
  }

  it('when a domain controller is named, then the facts say Defender has no DC flag', async () => {
    const p = await plan('Isolate servers on high alerts, but not domain controllers.');
    assert.ok(p.facts.some((f) => /no reliable domain-controller flag/.test(f)), p.facts.join('\n'));
  });

  it('when "tagged VIP" narrows the devices, then no incident tag is added', async () => {
    const p = await plan('Isolate workstations tagged VIP on high alerts.');
    assert.ok(!p.spec.steps.some((s) => s.action === 'updateIncident'), JSON.stringify(p.spec.steps));
  });

  for (const [request, words] of [
    ['Isolate the device on high alerts, except for kiosk machines.', 'kiosk machines'],
    ['Isolate the device on high alerts, except devices in the London office.', 'London office'],
  ] as const) {
    it(`when a device qualifier cannot be mapped ("${words}"), then isolation is left out and the words are not understood`, async () => {
      const p = await new OfflinePlanner().plan(request);
      assert.equal(p.ok, false);
      assert.ok(p.notUnderstood.some((n) => n.includes(words) && /was left out rather than run on every device/.test(n)), JSON.stringify(p.notUnderstood));
    });
  }

  it('when an unmappable qualifier sits beside a notification, then Rampart asks about it instead of isolating every server', async () => {
    const p = await new OfflinePlanner().plan('Isolate production servers with high alerts and post to Teams.');
    assert.ok(isQuestion(p), JSON.stringify(p));
    if (!isQuestion(p)) return;
    assert.match(p.question, /production servers/);
    assert.match(p.question, /isolate device/);
  });

  it('when a stored spec has no device filter, then it still parses unchanged (specVersion 1)', () => {
    const spec = parseSpec({ specVersion: 1, name: 'x', trigger: { kind: 'alert' }, steps: [{ action: 'isolate', target: { kind: 'alertDevices' } }] });
    assert.equal(spec.steps[0].deviceFilter, undefined);
    assert.throws(() => parseSpec({ specVersion: 1, name: 'x', trigger: { kind: 'alert' }, steps: [{ action: 'isolate', target: { kind: 'alertDevices' }, deviceFilter: { include: { kinds: ['router'] } } }] }));
  });
  it('when DCs named both by kind and by name are spared one step and "for a DC just" keeps the other, then the plan is a valid spec (it had left an empty kind list)', async () => {
    const plan = await new OfflinePlanner().plan('on high sev alerts grab an investigation package from each device and isolate it, except domain controllers or hosts named dc-*: for a DC just collect the package');
    assert.ok(plan.ok, JSON.stringify(plan));
    assert.doesNotThrow(() => parseSpec(plan.spec));
    const isolate = plan.spec.steps.find((s) => s.action === 'isolate');
    assert.deepEqual(isolate?.deviceFilter?.exclude?.kinds, ['domainController']);
    const collect = plan.spec.steps.find((s) => s.action === 'collectInvestigationPackage');
    assert.equal(collect?.deviceFilter?.exclude?.kinds, undefined);
  });
});

describe('offline planner: a part of a device name', () => {
  it('when a device "whose name contains X" or "the device name contains -x-" is named, then the devices matched are *X*, never alerts titled X', async () => {
    for (const request of ["isolate the device when its name contains '-lin-'", 'isolate the device if the device name contains -lin-', 'isolate devices with names containing -lin-']) {
      const plan = await accepted(request);
      const isolate = plan.spec.steps.find((s) => s.action === 'isolate');
      assert.deepEqual(isolate?.deviceFilter, { include: { namePatterns: ['*-lin-*'] } }, request);
      assert.deepEqual(plan.spec.trigger.titleKeywords, [], request);
    }
  });

  it('when an incident "involves a device whose name contains X", then the step runs when such a device is in it', async () => {
    const plan = await accepted("email ops@contoso.com when an incident involves a device whose name contains '-lyo-'");
    assert.deepEqual(plan.spec.steps[0].when?.condition, { kind: 'deviceIs', match: { namePatterns: ['*-lyo-*'] } });
  });

  it('when the title contains a word, then it is still the title', async () => {
    const plan = await accepted("post in teams when the alert title contains 'mimikatz'");
    assert.deepEqual(plan.spec.trigger.titleKeywords, ['mimikatz']);
  });

  it('when a site is named with its devices in brackets ("for Lyon plant (device name contains -lyo-)"), then the steps are for those devices', async () => {
    const plan = await accepted('only for Lyon plant (device name contains -lyo-): when alert sev is high, collect the investigation package on that device. Lyon has nobody on site so we need the evidence early');
    assert.deepEqual(plan.spec.steps.find((s) => s.action === 'collectInvestigationPackage')?.deviceFilter, { include: { namePatterns: ['*-lyo-*'] } });
  });
});

describe('offline planner: lists of kinds left out, and API names of steps', () => {
  const planner = new OfflinePlanner();

  it('when "Not servers, not Linux, not macOS." follows a step, then each kind is left out of it', async () => {
    const plan = await planner.plan('on high sev alerts restrict app execution on the device. Not servers, not Linux, not macOS.');
    assert.ok(plan.ok, JSON.stringify(plan));
    const exclude = plan.spec.steps.find((s) => s.action === 'restrictCodeExecution')?.deviceFilter?.exclude;
    assert.deepEqual(exclude?.kinds, ['server']);
    assert.deepEqual([...(exclude?.osPlatforms ?? [])].sort(), ['Linux', 'macOS']);
  });

  it('when a step is named by its Defender API name ("Action: collectInvestigationPackage on that device"), then it is that step', async () => {
    const plan = await planner.plan('Condition: alert severity High.\nAction: collectInvestigationPackage on that device.');
    assert.ok(plan.ok, JSON.stringify(plan));
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['collectInvestigationPackage']);
  });
});

describe('offline planner: names and kinds said the short way', () => {
  it('when "computer names starting kio-" leaves out "with", then it is the name pattern', async () => {
    const plan = await accepted('on high sev incidents isolate the device, except devices whose computer names starting kio-');
    assert.deepEqual(plan.spec.steps.find((s) => s.action === 'isolate')?.deviceFilter?.exclude?.namePatterns, ['kio-*']);
  });

  it('when "servers leave alone, ops handles those" closes the request, then servers are left out', async () => {
    const plan = await accepted('on high sev incidents run a full scan on the device. servers leave alone ops handles those');
    assert.deepEqual(plan.spec.steps.find((s) => s.action === 'runAntiVirusScan')?.deviceFilter?.exclude?.kinds, ['server']);
  });

  it('when "can u make a thing that isolates the machine when ...?? only when sev is high", then the question marks end the sentence and the severity narrows it', async () => {
    const plan = await accepted('can u make a thing that isolates the machine when MDE flags ransomware on it?? only when sev is high');
    assert.ok(plan.spec.trigger.severities.includes('High') && plan.spec.trigger.severities.length === 1, JSON.stringify(plan.spec.trigger));
    assert.ok(plan.spec.steps.some((s) => s.action === 'isolate'));
  });

  it('when "Service accounts (user principal name beginning with adm-) are excluded" follows a step, then those accounts are left out of it', async () => {
    const plan = await accepted('On high sev MDE alerts the playbook revokes the sessions of the users in the alert. Service accounts (user principal name beginning with adm-) are excluded, because it breaks their jobs.');
    assert.deepEqual(plan.spec.steps.find((s) => s.action === 'revokeSessions')?.userFilter, { exclude: { namePatterns: ['adm-*'] } });
  });
});

describe('offline planner: a sentence that says which devices the playbook is for', () => {
  it('when a sentence names only devices ("Scope: laptops and desktops only" / "Only workstations, no servers."), then every device step is limited to them', async () => {
    const plan = await accepted('Scope: workstations only. Not servers, not macOS. Action: on high incidents run a full scan on the device and write a comment on the incident.');
    assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter, { include: { kinds: ['workstation'] }, exclude: { kinds: ['server'], osPlatforms: ['macOS'] } });
    // The comment runs when the incident has such a device.
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'deviceIs', match: { kinds: ['workstation'] } });
    const after = await accepted('collect an investigation package from the device on medium incidents. Workstations only, no servers.');
    assert.deepEqual(step(after, 'collectInvestigationPackage').deviceFilter, { include: { kinds: ['workstation'] }, exclude: { kinds: ['server'] } });
  });

  it('when a step names other devices than the scope ("Scope: workstations only. isolate the DCs"), then Rampart asks; the same devices or fewer agree', async () => {
    assert.equal((await planner.plan('Scope: workstations only. isolate the servers on high incidents')).ok, false);
    const same = await accepted('Scope: Windows servers only. On high incidents collect an investigation package from Windows servers.');
    assert.deepEqual(step(same, 'collectInvestigationPackage').deviceFilter?.include, { osPlatforms: ['WindowsServer'] });
  });

  it('when the sentence says anything besides devices ("never isolate web-07 whatever happens"), then it is not a scope of every step', async () => {
    const plan = await accepted('risk high -> isolate the box. risk medium -> quick scan. never isolate web-07 whatever happens');
    assert.equal(step(plan, 'runAntiVirusScan').deviceFilter?.exclude?.namePatterns, undefined);
  });

  it('when the first branch names the kind of alert and later ones only devices ("AV detections on servers -> ...; on workstations -> ..."), then every branch is about that kind', async () => {
    for (const request of ['MDE antivirus detections on servers -> quick scan; on workstations -> full scan', 'MDE antivirus detections on servers -> quick scan. on workstations -> full scan']) {
      const plan = await accepted(request);
      for (const s of plan.spec.steps) assert.ok(JSON.stringify(s.when?.condition ?? plan.spec.trigger).includes('detectionSource') || plan.spec.trigger.detectionSources.length > 0, `${request}: ${JSON.stringify(s)}`);
    }
    // A later branch that names its own kind keeps its own.
    const own = await accepted('MDE antivirus detections on servers -> quick scan. ransomware on workstations -> isolate');
    assert.ok(!JSON.stringify(step(own, 'isolate').when?.condition ?? null).includes('detectionSource'), JSON.stringify(own.spec.steps));
  });

  it('when other devices "are covered by the other playbook, dont touch them, same w/ linux", then those kinds are left out', async () => {
    const plan = await accepted('MDE alert on a macOS device -> full scan. windows boxes are covered by the other pb, dont touch them, same w/ linux');
    assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter?.exclude, { osPlatforms: ['Windows', 'Linux'] });
  });
});
