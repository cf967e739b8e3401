import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generatePlaybook } from '../../../src/playbooks/codegen';
import { OfflinePlanner } from '../../../src/playbooks/planner';
import { reviewPlaybook } from '../../../src/playbooks/review';
import type { PlaybookSpec } from '../../../src/playbooks/spec';
import { PYTHON, dryRunPlaybook, type PlaybookEvent as Event } from '../../helpers/dryRun';


/** One incident with two alerts: two devices, a service account and a person, private and public IPs, an own and a foreign URL. */
function incident(): Record<string, unknown> {
  const device = (id: string, name: string): Record<string, unknown> => ({ mdatpDeviceId: id, deviceDnsName: name, osPlatform: 'Windows11', riskScore: 'High' });
  return {
    incidentId: 77001, incidentName: 'Suspicious activity on two endpoints', severity: 'High', status: 'Active', tags: [],
    alerts: [
      {
        alertId: 'da-1', title: 'Connection to a known C2 server', severity: 'High', category: 'CommandAndControl',
        serviceSource: 'MicrosoftDefenderForEndpoint', detectionSource: 'EDR',
        devices: [device('1111111111111111111111111111111111111111', 'ws-kiosk-01.fabrikam.local')],
        entities: [
          { entityType: 'User', accountName: 'svc-backup', userPrincipalName: 'svc-backup@fabrikam.com', aadUserId: 'aaaaaaaa-0000-0000-0000-000000000001' },
          { entityType: 'User', accountName: 'dana', userPrincipalName: 'dana@fabrikam.com', aadUserId: 'aaaaaaaa-0000-0000-0000-000000000002' },
          { entityType: 'Ip', ipAddress: '10.20.30.40' },
          { entityType: 'Ip', ipAddress: '185.220.101.44' },
          { entityType: 'Url', url: 'https://intranet.fabrikam.com/login' },
          { entityType: 'Url', url: 'http://cdn-update.example.net/payload' },
          { entityType: 'MailMessage', sender: 'billing@invoices-example.org', recipient: 'dana@fabrikam.com', subject: 'Overdue invoice' },
        ],
      },
      {
        alertId: 'da-2', title: 'Suspicious PowerShell', severity: 'Medium', category: 'Execution',
        serviceSource: 'MicrosoftDefenderForEndpoint', detectionSource: 'EDR',
        devices: [device('2222222222222222222222222222222222222222', 'ws-kiosk-02.fabrikam.local')],
        entities: [],
      },
    ],
  };
}

async function plan(request: string): Promise<PlaybookSpec> {
  const p = await new OfflinePlanner().plan(request);
  assert.ok(p.ok, `refused: ${request}: ${JSON.stringify(p)}`);
  return p.spec;
}

describe('playbook code generation: user filters, IOC filters and counts (real Python, dry run)', function () {
  this.timeout(120_000);
  let dir: string;
  let mock: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-entityfilter-'));
    mock = path.join(dir, 'incident.json');
    fs.writeFileSync(mock, JSON.stringify(incident()));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function runDry(request: string, data = mock): Promise<{ evs: Event[]; acted: (action: string) => Event[]; code: string }> {
    const code = generatePlaybook(await plan(request), { request });
    const evs = await dryRunPlaybook(code, dir, '77001', data);
    return { evs, code, acted: (action) => evs.filter((e) => e.event === 'action' && e.action === action) };
  }

  it('when service accounts are excepted by prefix, then only the person is disabled and the skip says why', async () => {
    const { acted, evs } = await runDry('Disable the users on high alerts, unless it is a service account (svc- prefix).');
    assert.deepEqual(acted('disableUser').map((e) => e.request!.path), ['/v1.0/users/aaaaaaaa-0000-0000-0000-000000000002']);
    assert.ok(evs.some((e) => e.result === false && e.reason === 'skipped svc-backup@fabrikam.com: the request excludes users named svc-*'), JSON.stringify(evs));
  });

  it('when only a prefix is asked for, then only the matching account is acted on', async () => {
    const { acted } = await runDry('revoke sessions for svc- accounts on high alerts');
    assert.deepEqual(acted('revokeSessions').map((e) => e.request!.path), ['/v1.0/users/aaaaaaaa-0000-0000-0000-000000000001/revokeSignInSessions']);
  });

  it('when external IPs only are blocked, then the private address is skipped and the public one blocked', async () => {
    const { acted, evs } = await runDry('Block the external IPs on high severity alerts.');
    assert.deepEqual(acted('createIndicator').map((e) => e.request!.body.indicatorValue), ['185.220.101.44']);
    assert.ok(evs.some((e) => e.result === false && /^skipped 10\.20\.30\.40: a private or reserved address/.test(e.reason ?? '')));
  });

  it('when addresses are ruled out by value or by range, then they are skipped with the reason and the others blocked', async () => {
    const byValue = await runDry('Block the IPs on high severity alerts, but never block 185.220.101.44.');
    assert.deepEqual(byValue.acted('createIndicator').map((e) => e.request!.body.indicatorValue), ['10.20.30.40']);
    assert.ok(byValue.evs.some((e) => e.result === false && e.reason === 'skipped 185.220.101.44: the request says never 185.220.101.44'), JSON.stringify(byValue.evs));
    const byRange = await runDry('Block the IPs on high severity alerts. Never block 10/8.');
    assert.deepEqual(byRange.acted('createIndicator').map((e) => e.request!.body.indicatorValue), ['185.220.101.44']);
    assert.ok(byRange.evs.some((e) => e.result === false && e.reason === 'skipped 10.20.30.40: the request says never 10.0.0.0/8'), JSON.stringify(byRange.evs));
  });

  it('when a domain is excepted, then its URLs (subdomains included) are not blocked and the others are', async () => {
    const { acted } = await runDry('Block the URLs on high alerts except anything on fabrikam.com');
    assert.deepEqual(acted('createIndicator').map((e) => e.request!.body.indicatorValue), ['http://cdn-update.example.net/payload']);
  });

  it('when the sender domain is blocked, then the domain of the mail sender becomes a domain indicator', async () => {
    const { acted } = await runDry('block the sender domain on high alerts');
    assert.deepEqual(acted('createIndicator').map((e) => [e.request!.body.indicatorType, e.request!.body.indicatorValue]), [['DomainName', 'invoices-example.org']]);
  });

  it('when a branch is led by a device kind, then its mail goes out only when such a device is involved', async () => {
    assert.equal((await runDry('High alerts on a workstation: collect a package and mail soc@fabrikam.com.')).acted('sendMail').length, 1);
    const onServers = await runDry('High alerts on a server: collect a package and mail soc@fabrikam.com.');
    assert.equal(onServers.acted('sendMail').length, 0);
    assert.equal(onServers.acted('collectInvestigationPackage').length, 0);
  });

  it('when the mail goes to the users involved, then each of them (UPN or mail recipient) gets a message of their own, never SOC_EMAIL_TO instead', async () => {
    const { acted } = await runDry('On high alerts, email the users involved a heads-up.');
    const to = acted('sendMail').map((e) => e.request!.body as { message: { toRecipients: Array<{ emailAddress: { address: string } }> } });
    assert.deepEqual(to.map((m) => m.message.toRecipients.map((r) => r.emailAddress.address)).sort(), [['dana@fabrikam.com'], ['svc-backup@fabrikam.com']]);
  });

  it('when a device count is the condition, then the step runs at the count and not below it', async () => {
    assert.equal((await runDry('isolate the devices when 2 or more machines are involved')).acted('isolate').length, 2);
    const { acted, evs } = await runDry('isolate the devices when more than 2 machines are involved');
    assert.equal(acted('isolate').length, 0);
    assert.ok(evs.some((e) => e.event === 'condition' && e.result === false && /the incident involves 2 devices \(at least 3 needed\)/.test(e.reason ?? '')), JSON.stringify(evs));
  });

  it('when a user count is the condition, then service and human accounts both count', async () => {
    assert.equal((await runDry('Tag the incident multi-user if at least 2 users are involved')).acted('updateIncident').length, 1);
    assert.equal((await runDry('Tag the incident multi-user if at least 3 users are involved')).acted('updateIncident').length, 0);
  });

  it('when a device step is excepted for a user name, then it does not run while that user is on the alert', async () => {
    assert.equal((await runDry('Isolate the machine on high alerts unless the user is svc-*')).acted('isolate').length, 0);
    assert.equal((await runDry('Isolate the machine on high alerts unless the user is lab-*')).acted('isolate').length, 1);
  });

  it('when filters are generated, then review finds nothing blocking and a spec without them carries none of their code', async () => {
    const request = 'Block the external IPs and URLs on high alerts except fabrikam.com, and reset passwords except for svc- accounts, when 2+ devices are hit.';
    const code = generatePlaybook(await plan(request), { request });
    assert.match(code, /def filtered_iocs\(/);
    assert.match(code, /def filtered_users\(/);
    assert.match(code, /def entity_count_at_least\(/);
    const review = await reviewPlaybook(code, { python: PYTHON });
    assert.equal(review.blocking, false, JSON.stringify(review.findings.filter((f) => f.blocking)));
    const plain = generatePlaybook(await plan('Block the IPs on high alerts.'), { request: 'x' });
    assert.doesNotMatch(plain, /filtered_iocs|filtered_users|entity_count_at_least/);
  });
});
