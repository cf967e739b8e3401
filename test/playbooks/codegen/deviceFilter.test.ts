import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generatePlaybook } from '../../../src/playbooks/codegen';
import { OfflinePlanner } from '../../../src/playbooks/planner';
import { reviewPlaybook } from '../../../src/playbooks/review';
import { parseSpec, type PlaybookSpec } from '../../../src/playbooks/spec';
import { incidentFile } from '../../fixtures/corpus';
import { PYTHON, dryRunPlaybook, type PlaybookEvent as Event } from '../../helpers/dryRun';
const TWO_DEVICES = incidentFile('mde-high-two-devices.json');
const SERVER = '9232c0a87bb37d92e937d45ea0a79138bb0aafc0'; // srv-db-01, WindowsServer2022, High alert
const WORKSTATION = '70b98334c08e4942ee719006eb700b9c6680b893'; // ws-it-011, Windows11, Medium alert


async function plan(request: string): Promise<PlaybookSpec> {
  const p = await new OfflinePlanner().plan(request);
  assert.ok(p.ok, `refused: ${request}`);
  return p.spec;
}

describe('playbook code generation: device filters', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-devfilter-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function runDry(request: string, mock = TWO_DEVICES): Promise<{ evs: Event[]; isolated: string[]; code: string }> {
    const code = generatePlaybook(await plan(request), { request });
    const evs = await dryRunPlaybook(code, dir, '41003', mock);
    const isolated = evs.filter((e) => e.event === 'action' && e.action === 'isolate').map((e) => e.request!.path.split('/')[3]);
    return { evs, isolated, code };
  }

  it('when servers only are asked for on medium-and-above alerts, then srv-db-01 is isolated and ws-it-011 is skipped with the reason', async () => {
    const { evs, isolated } = await runDry('Isolate servers with medium or higher severity alerts.');
    assert.deepEqual(isolated, [SERVER]);
    const skipped = evs.find((e) => e.event === 'condition' && e.result === false && e.deviceName === 'ws-it-011.contoso.local');
    assert.match(skipped?.reason ?? '', /^skipped ws-it-011\.contoso\.local: a workstation \(osPlatform Windows11\), the request is for servers only$/);
  });

  it('when workstations only are asked for, then only ws-it-011 is isolated', async () => {
    const { isolated } = await runDry('Isolate workstations with medium or higher severity alerts.');
    assert.deepEqual(isolated, [WORKSTATION]);
  });

  it('when servers are excluded, then the server is left alone and the workstation is isolated', async () => {
    const { isolated, evs } = await runDry('Isolate the device on medium or higher alerts, except for servers.');
    assert.deepEqual(isolated, [WORKSTATION]);
    assert.ok(evs.some((e) => e.result === false && /skipped srv-db-01\.contoso\.local: a server .*the request excludes servers/.test(e.reason ?? '')));
  });

  it('when Windows Server is left out, then the WindowsServer2022 host is spared and the Windows 11 workstation is isolated', async () => {
    const { isolated, evs } = await runDry('Isolate the device on medium or higher alerts, not windows servers.');
    assert.deepEqual(isolated, [WORKSTATION]);
    assert.ok(evs.some((e) => e.result === false && /skipped srv-db-01\.contoso\.local: running WindowsServer2022, the request excludes devices running Windows Server/.test(e.reason ?? '')), JSON.stringify(evs.filter((e) => e.event === 'condition')));
  });

  it('when a file is named ("quarantine svch0st.exe ... and block its hash"), then only that file is quarantined and blocked; anydesk.exe is skipped with the reason', async () => {
    const { evs } = await runDry('Stop and quarantine svch0st.exe wherever it is found on medium or higher alerts, and block the sha256.');
    const quarantined = evs.filter((e) => e.event === 'action' && e.action === 'stopAndQuarantineFile').map((e) => (e.request?.body as { Sha1?: string } | undefined)?.Sha1);
    assert.deepEqual(quarantined, ['e926d40eff3e32b63214a27acf4f336c8ef2cf83']);
    const blocked = evs.filter((e) => e.event === 'action' && e.action === 'createIndicator').map((e) => (e.request?.body as { indicatorValue?: string } | undefined)?.indicatorValue);
    assert.deepEqual(blocked, ['98a0a402ecad71ecab1ab391b5020500cbdf60e1d956fa81ad4188cbedf32922']);
    assert.ok(evs.some((e) => e.result === false && /skipped anydesk\.exe: the request is for files named svch0st\.exe only/.test(e.reason ?? '')), JSON.stringify(evs.filter((e) => e.event === 'condition')));
  });

  it('when a device is named by its host name, then only that device is isolated', async () => {
    const { isolated } = await runDry('Isolate ws-it-011 on medium or higher alerts.');
    assert.deepEqual(isolated, [WORKSTATION]);
  });

  it('when the only high alert is on a server and workstations are asked for, then nothing is isolated', async () => {
    const { isolated } = await runDry('Isolate workstations with high severity alerts.');
    assert.deepEqual(isolated, []);
  });

  it('when the server is named as a domain controller, then "but not domain controllers" spares it', async () => {
    const incident = JSON.parse(fs.readFileSync(TWO_DEVICES, 'utf8')) as { alerts: Array<{ devices: Array<Record<string, unknown>> }> };
    incident.alerts[0].devices[0].deviceDnsName = 'dc01.contoso.local';
    const mock = path.join(dir, 'dc.json');
    fs.writeFileSync(mock, JSON.stringify(incident));
    const { isolated, evs } = await runDry('Isolate every device on medium or higher alerts, but not domain controllers.', mock);
    assert.deepEqual(isolated, [WORKSTATION]);
    assert.ok(evs.some((e) => /skipped dc01\.contoso\.local: .*domain controller/.test(e.reason ?? '')), JSON.stringify(evs));
  });

  it('when a group filter does not match the RBAC group, then no device is isolated; when it does, both are', async () => {
    assert.deepEqual((await runDry('Isolate the machine if a medium or higher alert fires in the Finance group.')).isolated, []);
    assert.deepEqual((await runDry('Isolate the machine if a medium or higher alert fires in the workstations group.')).isolated, [SERVER, WORKSTATION]);
  });

  it('when a name pattern is given, then only devices whose name matches are isolated', async () => {
    assert.deepEqual((await runDry('Isolate devices named srv-* on medium or higher alerts.')).isolated, [SERVER]);
  });

  it('when a tag filter cannot read the machine tags (no credentials), then the device is skipped, not isolated', async () => {
    const { isolated, evs } = await runDry('Isolate devices tagged VIP on medium or higher alerts.');
    assert.deepEqual(isolated, []);
    assert.ok(evs.some((e) => /tags could not be read/.test(e.reason ?? '')));
  });

  it('when the alert carries machine tags, then the tag filter uses them without an API call', async () => {
    const incident = JSON.parse(fs.readFileSync(TWO_DEVICES, 'utf8')) as { alerts: Array<{ devices: Array<Record<string, unknown>> }> };
    incident.alerts[1].devices[0].machineTags = ['vip'];
    incident.alerts[0].devices[0].machineTags = [];
    const mock = path.join(dir, 'tags.json');
    fs.writeFileSync(mock, JSON.stringify(incident));
    assert.deepEqual((await runDry('Isolate devices tagged VIP on medium or higher alerts.', mock)).isolated, [WORKSTATION]);
  });

  it('when a filtered spec is generated twice, then the bytes are identical and review finds nothing blocking', async () => {
    const request = 'Isolate servers on medium or higher alerts, but not domain controllers, and scan desktops tagged VIP.';
    const spec = await plan(request);
    const a = generatePlaybook(spec, { request });
    assert.equal(a, generatePlaybook(parseSpec(JSON.parse(JSON.stringify(spec))), { request }));
    assert.match(a, /^import fnmatch$/m);
    const review = await reviewPlaybook(a, { python: PYTHON });
    assert.equal(review.blocking, false, JSON.stringify(review.findings.filter((f) => f.blocking)));
  });

  it('when no step has a device filter, then the playbook carries no device-filter code', async () => {
    const code = generatePlaybook(await plan('Isolate the device on high alerts.'), { request: 'x' });
    assert.doesNotMatch(code, /filtered_devices|import fnmatch/);
  });
});
