import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import os from 'node:os';
import { startSimulator, type RunningSimulator, type SimulatorInfo } from '../../src/simulator';
import { call, DEFENDER, GRAPH, tokenFor } from './simHttp';

const malwareIncident = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/mde-high-malware.json'), 'utf8')) as Record<string, unknown>;
const riskyUserIncident = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/idp-risky-user.json'), 'utf8')) as Record<string, unknown>;
const MACHINE = '20ecaee6ff3fb66600d733c6f5f7daad2c0886eb';
const MIMIKATZ_SHA1 = 'bc95abe6f8308107a46a23080cee401fbb58c798';

describe('simulator', () => {
  let sim: RunningSimulator;
  let info: SimulatorInfo;
  let defender: string;
  let graph: string;

  before(async () => {
    sim = await startSimulator({ port: 0, actionDelaysMs: { toInProgress: 150, toSucceeded: 150 }, rateLimits: false });
    info = sim.info;
    defender = await tokenFor(info, DEFENDER);
    graph = await tokenFor(info, GRAPH);
  });
  after(() => sim.stop());

  beforeEach(async () => {
    await call(info, 'POST', '/_sim/reset');
    await call(info, 'POST', '/_sim/incidents', { body: [malwareIncident, riskyUserIncident] });
  });

  describe('Entra ID', () => {
    it('when the client secret is wrong, then the token endpoint answers 401 invalid_client in the AAD shape', async () => {
      const answer = await call(info, 'POST', `/${info.tenantId}/oauth2/v2.0/token`, {
        form: { grant_type: 'client_credentials', client_id: info.clientId, client_secret: 'nope', scope: `${DEFENDER}/.default` },
      });
      assert.equal(answer.status, 401);
      assert.equal(answer.body.error, 'invalid_client');
      assert.match(answer.body.error_description, /^AADSTS7000215/);
      assert.deepEqual(answer.body.error_codes, [7000215]);
    });

    it('when the scope has no /.default, then the token endpoint refuses it with invalid_scope', async () => {
      const answer = await call(info, 'POST', `/${info.tenantId}/oauth2/v2.0/token`, {
        form: { grant_type: 'client_credentials', client_id: info.clientId, client_secret: info.clientSecret, scope: 'User.Read' },
      });
      assert.equal(answer.status, 400);
      assert.equal(answer.body.error, 'invalid_scope');
    });

    it('when a token is issued, then it is an RS256 JWT with the roles, tenant, app and audience', async () => {
      const [head, payload] = defender.split('.').slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
      assert.equal(head.alg, 'RS256');
      assert.equal(payload.aud, DEFENDER);
      assert.equal(payload.tid, info.tenantId);
      assert.equal(payload.appid, info.clientId);
      assert.ok(payload.roles.includes('Machine.Isolate'));
      const oidc = await call(info, 'GET', `/${info.tenantId}/v2.0/.well-known/openid-configuration`);
      assert.equal(oidc.body.token_endpoint, `${info.url}/${info.tenantId}/oauth2/v2.0/token`);
    });

    it('when an API is called without a token or with a tampered one, then it answers 401', async () => {
      assert.equal((await call(info, 'GET', '/api/incidents')).status, 401);
      const tampered = defender.slice(0, -4) + (defender.endsWith('AAAA') ? 'BBBB' : 'AAAA');
      const answer = await call(info, 'GET', '/api/incidents', { token: tampered });
      assert.equal(answer.status, 401);
      assert.equal(answer.body.error.code, 'Unauthorized');
    });

    it('when a Defender token is used on Graph, then Graph answers 401 (wrong audience)', async () => {
      const answer = await call(info, 'GET', '/graph/v1.0/users/cwhite@contoso.com', { token: defender });
      assert.equal(answer.status, 401);
      assert.equal(answer.body.error.code, 'InvalidAuthenticationToken');
    });

    it('when an app registered with read roles only isolates a machine, then it gets 403 and reads still work', async () => {
      const app = (await call(info, 'POST', '/_sim/apps', { body: { roles: ['Incident.Read.All', 'Machine.Read.All'] } })).body;
      const token = await tokenFor(info, DEFENDER, app);
      assert.equal((await call(info, 'GET', '/api/incidents/41001', { token })).status, 200);
      const refused = await call(info, 'POST', `/api/machines/${MACHINE}/isolate`, { token, body: { Comment: 'x', IsolationType: 'Full' } });
      assert.equal(refused.status, 403);
      assert.match(refused.body.error.message, /Machine\.Isolate/);
      const patch = await call(info, 'PATCH', '/api/incidents/41001', { token, body: { status: 'Resolved' } });
      assert.equal(patch.status, 403);
      const calls = (await call(info, 'GET', '/_sim/calls')).body as Array<{ action: string | null; status: number }>;
      assert.deepEqual(calls.filter((c) => c.action).map((c) => [c.action, c.status]), [['isolate', 403], ['updateIncident', 403]]);
    });
  });

  describe('Defender XDR incidents', () => {
    it('when incidents are listed with $top, then the newest come first with a nextLink to the rest', async () => {
      await call(info, 'POST', '/_sim/incidents', { body: { ...malwareIncident, incidentId: 41050, lastUpdateTime: '2026-11-21T00:00:00Z' } });
      const first = await call(info, 'GET', '/api/incidents?$top=2', { token: defender });
      assert.equal(first.status, 200);
      const times = first.body.value.map((i: { lastUpdateTime: string }) => Date.parse(i.lastUpdateTime));
      assert.equal(first.body.value[0].incidentId, 41050);
      assert.ok(times[0] >= times[1]);
      assert.ok(first.body['@odata.nextLink'].startsWith(info.url));
      const next = await call(info, 'GET', first.body['@odata.nextLink'].slice(info.url.length), { token: defender });
      assert.equal(next.body.value.length, 1);
    });

    it('when $filter names status and lastUpdateTime, then only matching incidents come back', async () => {
      const answer = await call(info, 'GET', `/api/incidents?$filter=${encodeURIComponent("status eq 'Active' and lastUpdateTime ge 2026-11-20T08:15:00Z")}`, { token: defender });
      assert.equal(answer.status, 200);
      assert.ok(answer.body.value.length >= 1);
      for (const i of answer.body.value) assert.ok(Date.parse(i.lastUpdateTime) >= Date.parse('2026-11-20T08:15:00Z'));
      const none = await call(info, 'GET', `/api/incidents?$filter=${encodeURIComponent("status eq 'Resolved'")}`, { token: defender });
      assert.deepEqual(none.body.value, []);
    });

    it('when $top is over 100 or the filter names an unsupported property, then the API answers 400', async () => {
      assert.equal((await call(info, 'GET', '/api/incidents?$top=101', { token: defender })).status, 400);
      const bad = await call(info, 'GET', `/api/incidents?$filter=${encodeURIComponent("severity eq 'High'")}`, { token: defender });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'InvalidRequest');
    });

    it('when an incident is patched, then status, owner, classification and tags change, the comment is appended and lastUpdateTime moves', async () => {
      const before = (await call(info, 'GET', '/api/incidents/41001', { token: defender })).body;
      const answer = await call(info, 'PATCH', '/api/incidents/41001', {
        token: defender,
        body: { status: 'Resolved', assignedTo: 'tier2@contoso.com', classification: 'TruePositive', determination: 'Malware', tags: ['rampart'], comment: 'Contained by Rampart' },
      });
      assert.equal(answer.status, 200);
      assert.equal(answer.body.status, 'Resolved');
      assert.equal(answer.body.assignedTo, 'tier2@contoso.com');
      assert.deepEqual(answer.body.tags, ['rampart']);
      assert.equal(answer.body.comments.at(-1).comment, 'Contained by Rampart');
      assert.ok(Date.parse(answer.body.lastUpdateTime) > Date.parse(before.lastUpdateTime));
      const calls = (await call(info, 'GET', '/_sim/calls')).body as Array<{ action: string | null; body: { comment?: string } }>;
      assert.equal(calls.find((c) => c.action === 'updateIncident')?.body.comment, 'Contained by Rampart');
    });

    it('when a patch tries to change severity or uses an unknown status, then the API answers 400', async () => {
      const severity = await call(info, 'PATCH', '/api/incidents/41001', { token: defender, body: { severity: 'Low' } });
      assert.equal(severity.status, 400);
      assert.match(severity.body.error.message, /severity/);
      const status = await call(info, 'PATCH', '/api/incidents/41001', { token: defender, body: { status: 'Closed' } });
      assert.equal(status.status, 400);
      assert.equal(status.body.error.code, 'InvalidRequestBody');
    });

    it('when an unknown incident is read, then the API answers 404 ResourceNotFound in the documented error shape', async () => {
      const answer = await call(info, 'GET', '/api/incidents/999', { token: defender });
      assert.equal(answer.status, 404);
      assert.equal(answer.body.error.code, 'ResourceNotFound');
      assert.equal(typeof answer.body.error.target, 'string');
    });

    it('when alerts are listed, then each carries its incident and machine', async () => {
      const answer = await call(info, 'GET', '/api/alerts', { token: defender });
      const alert = answer.body.value.find((a: { id: string }) => a.id === 'da6385010000001_1');
      assert.equal(alert.incidentId, 41001);
      assert.equal(alert.machineId, MACHINE);
    });
  });

  describe('Defender for Endpoint machines and actions', () => {
    it('when a machine is read by id, by DNS name or by $filter, then the same machine comes back', async () => {
      const byId = await call(info, 'GET', `/api/machines/${MACHINE}`, { token: defender });
      const byName = await call(info, 'GET', '/api/machines/ws-fin-042.contoso.local', { token: defender });
      const byFilter = await call(info, 'GET', `/api/machines?$filter=${encodeURIComponent("computerDnsName eq 'ws-fin-042.contoso.local'")}`, { token: defender });
      assert.equal(byId.body.id, MACHINE);
      assert.equal(byName.body.id, MACHINE);
      assert.deepEqual(byFilter.body.value.map((m: { id: string }) => m.id), [MACHINE]);
    });

    it('when a machine is isolated, then the action goes Pending -> InProgress -> Succeeded and the machine shows isolated', async () => {
      const created = await call(info, 'POST', `/api/machines/${MACHINE}/isolate`, { token: defender, body: { Comment: 'Rampart: mimikatz', IsolationType: 'Selective' } });
      assert.equal(created.status, 201);
      assert.equal(created.body.status, 'Pending');
      assert.equal(created.body.type, 'Isolate');
      assert.equal(created.body.scope, 'Selective');
      await sleep(200);
      assert.equal((await call(info, 'GET', `/api/machineactions/${created.body.id}`, { token: defender })).body.status, 'InProgress');
      await sleep(200);
      assert.equal((await call(info, 'GET', `/api/machineactions/${created.body.id}`, { token: defender })).body.status, 'Succeeded');
      const machine = (await call(info, 'GET', `/api/machines/${MACHINE}`, { token: defender })).body;
      assert.equal(machine.isolationState, 'Isolated');
      const again = await call(info, 'POST', `/api/machines/${MACHINE}/isolate`, { token: defender, body: { Comment: 'again' } });
      assert.equal(again.status, 400);
      assert.match(again.body.error.message, /already isolated/);
    });

    it('when a second isolation is asked while one is pending, then it is refused with ActiveRequestAlreadyExists but a scan is accepted', async () => {
      assert.equal((await call(info, 'POST', `/api/machines/${MACHINE}/isolate`, { token: defender, body: { Comment: 'first' } })).status, 201);
      const second = await call(info, 'POST', `/api/machines/${MACHINE}/isolate`, { token: defender, body: { Comment: 'second' } });
      assert.equal(second.status, 400);
      assert.equal(second.body.error.code, 'ActiveRequestAlreadyExists');
      const scan = await call(info, 'POST', `/api/machines/${MACHINE}/runAntiVirusScan`, { token: defender, body: { Comment: 'scan', ScanType: 'Full' } });
      assert.equal(scan.status, 201);
      assert.equal(scan.body.scope, 'Full');
      const calls = (await call(info, 'GET', '/_sim/calls')).body as Array<{ action: string | null; status: number }>;
      assert.deepEqual(calls.filter((c) => c.action).map((c) => [c.action, c.status]), [['isolate', 201], ['isolate', 400], ['runAntiVirusScan', 201]]);
    });

    it('when the other machine actions are asked, then each is accepted with its MachineAction type', async () => {
      const ask = (verb: string, body: Record<string, string>) => call(info, 'POST', `/api/machines/${MACHINE}/${verb}`, { token: defender, body: { Comment: 'test', ...body } });
      assert.equal((await ask('collectInvestigationPackage', {})).body.type, 'CollectInvestigationPackage');
      assert.equal((await ask('restrictCodeExecution', {})).body.type, 'RestrictCodeExecution');
      const quarantine = await ask('StopAndQuarantineFile', { Sha1: MIMIKATZ_SHA1 });
      assert.equal(quarantine.body.relatedFileInfo.fileIdentifier, MIMIKATZ_SHA1);
      assert.equal((await ask('StopAndQuarantineFile', { Sha1: 'not-a-hash' })).status, 400);
      assert.equal((await ask('unisolate', {})).status, 400); // not isolated
      const actions = (await call(info, 'GET', `/api/machineactions?$filter=${encodeURIComponent(`machineId eq '${MACHINE}'`)}`, { token: defender })).body.value;
      assert.equal(actions.length, 3);
    });

    it('when a machine action has no Comment or an unknown IsolationType, then it is refused with InvalidRequestBody', async () => {
      const noComment = await call(info, 'POST', `/api/machines/${MACHINE}/isolate`, { token: defender, body: { IsolationType: 'Full' } });
      assert.equal(noComment.body.error.code, 'InvalidRequestBody');
      const badType = await call(info, 'POST', `/api/machines/${MACHINE}/isolate`, { token: defender, body: { Comment: 'x', IsolationType: 'Partial' } });
      assert.equal(badType.status, 400);
      assert.equal((await call(info, 'POST', '/api/machines/unknown/isolate', { token: defender, body: { Comment: 'x' } })).status, 404);
    });
  });

  describe('indicators and files', () => {
    it('when a valid indicator is submitted, then it is stored and listed, and resubmitting the value updates it', async () => {
      const body = { indicatorValue: '185.220.101.45', indicatorType: 'IpAddress', action: 'Block', title: 'C2', description: 'Tor exit node' };
      const created = await call(info, 'POST', '/api/indicators', { token: defender, body });
      assert.equal(created.status, 200);
      await call(info, 'POST', '/api/indicators', { token: defender, body: { ...body, action: 'AlertAndBlock' } });
      const list = (await call(info, 'GET', '/api/indicators', { token: defender })).body.value;
      assert.equal(list.length, 1);
      assert.equal(list[0].action, 'AlertAndBlock');
    });

    it('when the value does not fit the type, or the action is unknown, then the indicator is refused with 400', async () => {
      const base = { title: 't', description: 'd', action: 'Block' };
      const cases = [
        { indicatorValue: 'abc', indicatorType: 'FileSha1' },
        { indicatorValue: MIMIKATZ_SHA1, indicatorType: 'FileSha256' },
        { indicatorValue: '10.0.0.5', indicatorType: 'IpAddress' },
        { indicatorValue: 'http://x', indicatorType: 'DomainName' },
        { indicatorValue: MIMIKATZ_SHA1, indicatorType: 'FileSha1', action: 'Quarantine' },
        { indicatorValue: MIMIKATZ_SHA1, indicatorType: 'Hash' },
      ];
      for (const c of cases) {
        const answer = await call(info, 'POST', '/api/indicators', { token: defender, body: { ...base, ...c } });
        assert.equal(answer.status, 400, JSON.stringify(c));
      }
    });

    it('when a file from an alert is looked up by SHA-1 or SHA-256, then Defender knows it; an unknown hash is 404', async () => {
      const bySha1 = await call(info, 'GET', `/api/files/${MIMIKATZ_SHA1}`, { token: defender });
      assert.equal(bySha1.body.sha256, 'ede9395da0787633a049632770611f11bbc544d11f9e9c98a4c1036d3e6818ce');
      assert.equal((await call(info, 'GET', `/api/files/${'0'.repeat(40)}`, { token: defender })).status, 404);
    });
  });

  describe('Graph', () => {
    const USER = 'e7d7c384-9f6d-c4a9-c855-84eb8d3f00cc';

    it('when a user from an incident is disabled, sessions revoked and password reset, then Graph reflects it and the calls are named', async () => {
      assert.equal((await call(info, 'GET', '/graph/v1.0/users/cwhite@contoso.com', { token: graph })).body.id, USER);
      assert.equal((await call(info, 'PATCH', `/graph/v1.0/users/${USER}`, { token: graph, body: { accountEnabled: false } })).status, 204);
      assert.equal((await call(info, 'POST', '/graph/v1.0/users/cwhite@contoso.com/revokeSignInSessions', { token: graph })).body.value, true);
      assert.equal((await call(info, 'PATCH', `/graph/v1.0/users/${USER}`, { token: graph, body: { passwordProfile: { password: 'Xy9!' + crypto.randomUUID(), forceChangePasswordNextSignIn: true } } })).status, 204);
      assert.equal((await call(info, 'GET', `/graph/v1.0/users/${USER}`, { token: graph })).body.accountEnabled, false);
      const calls = (await call(info, 'GET', '/_sim/calls')).body as Array<{ action: string | null; body: { passwordProfile?: { password: string } } }>;
      assert.deepEqual(calls.filter((c) => c.action).map((c) => c.action), ['disableUser', 'revokeSessions', 'resetPassword']);
      assert.equal(calls.find((c) => c.action === 'resetPassword')?.body.passwordProfile?.password, '[redacted]');
    });

    it('when a risky user is confirmed compromised then dismissed, then riskyUsers shows each state', async () => {
      const risky = (await call(info, 'GET', '/graph/v1.0/identityProtection/riskyUsers', { token: graph })).body.value;
      assert.equal(risky.find((r: { id: string }) => r.id === USER).riskState, 'atRisk');
      assert.equal((await call(info, 'POST', '/graph/v1.0/identityProtection/riskyUsers/confirmCompromised', { token: graph, body: { userIds: [USER] } })).status, 204);
      assert.equal((await call(info, 'GET', `/graph/v1.0/identityProtection/riskyUsers/${USER}`, { token: graph })).body.riskState, 'confirmedCompromised');
      await call(info, 'POST', '/graph/v1.0/identityProtection/riskyUsers/dismiss', { token: graph, body: { userIds: [USER] } });
      assert.equal((await call(info, 'GET', `/graph/v1.0/identityProtection/riskyUsers/${USER}`, { token: graph })).body.riskState, 'dismissed');
      const upn = await call(info, 'POST', '/graph/v1.0/identityProtection/riskyUsers/confirmCompromised', { token: graph, body: { userIds: ['cwhite@contoso.com'] } });
      assert.equal(upn.status, 400);
    });

    it('when mail is sent, then it is accepted with 202 and recorded; no recipient is 400', async () => {
      const message = { subject: 'Incident 41001', body: { contentType: 'Text', content: 'hi' }, toRecipients: [{ emailAddress: { address: 'soc-lead@contoso.com' } }] };
      assert.equal((await call(info, 'POST', '/graph/v1.0/users/soc-automation@contoso.com/sendMail', { token: graph, body: { message } })).status, 202);
      assert.equal((await call(info, 'POST', '/graph/v1.0/users/soc-automation@contoso.com/sendMail', { token: graph, body: { message: { ...message, toRecipients: [] } } })).status, 400);
      assert.equal((await call(info, 'GET', '/_sim/mail')).body.length, 1);
    });

    it('when an app lacks Mail.Send, then sendMail is 403 Authorization_RequestDenied', async () => {
      const app = (await call(info, 'POST', '/_sim/apps', { body: { roles: ['User.Read.All'] } })).body;
      const token = await tokenFor(info, GRAPH, app);
      const answer = await call(info, 'POST', '/graph/v1.0/users/soc@contoso.com/sendMail', { token, body: { message: {} } });
      assert.equal(answer.status, 403);
      assert.equal(answer.body.error.code, 'Authorization_RequestDenied');
    });

    it('when security incidents are read with $expand=alerts, then they come in the Graph shape with camelCase enums and evidence', async () => {
      const incident = (await call(info, 'GET', '/graph/v1.0/security/incidents/41001?$expand=alerts', { token: graph })).body;
      assert.equal(incident.severity, 'high');
      assert.equal(incident.status, 'active');
      assert.equal(incident.alerts[0].serviceSource, 'microsoftDefenderForEndpoint');
      assert.ok(incident.alerts[0].evidence.some((e: { '@odata.type': string; mdeDeviceId?: string }) => e['@odata.type'] === '#microsoft.graph.security.deviceEvidence' && e.mdeDeviceId === MACHINE));
    });
  });

  describe('VirusTotal and Teams', () => {
    beforeEach(async () => {
      await call(info, 'PUT', '/_sim/virustotal', {
        body: { files: { [MIMIKATZ_SHA1]: { malicious: 45, undetected: 25 } }, ips: { '185.220.101.45': { malicious: 9 } }, urls: { 'http://update-check.badcdn.example/payload.bin': { malicious: 3 } }, domains: {} },
      });
    });
    const vt = (p: string, key?: string) => call(info, 'GET', `/vt/api/v3/${p}`, { headers: key === undefined ? { 'x-apikey': info.vtApiKey } : key ? { 'x-apikey': key } : {} });

    it('when a known file is looked up by SHA-1 or by the SHA-256 the alert pairs it with, then the stats are returned', async () => {
      const bySha1 = await vt(`files/${MIMIKATZ_SHA1}`);
      assert.equal(bySha1.body.data.attributes.last_analysis_stats.malicious, 45);
      assert.equal(bySha1.body.data.type, 'file');
      const bySha256 = await vt('files/ede9395da0787633a049632770611f11bbc544d11f9e9c98a4c1036d3e6818ce');
      assert.equal(bySha256.body.data.attributes.last_analysis_stats.malicious, 45);
    });

    it('when a URL is looked up by base64url id or by SHA-256, then both find it; an unknown one is 404 NotFoundError', async () => {
      const url = 'http://update-check.badcdn.example/payload.bin';
      assert.equal((await vt(`urls/${Buffer.from(url).toString('base64url')}`)).body.data.attributes.last_analysis_stats.malicious, 3);
      assert.equal((await vt(`urls/${crypto.createHash('sha256').update(url).digest('hex')}`)).status, 200);
      const unknown = await vt(`urls/${Buffer.from('http://nowhere.example/').toString('base64url')}`);
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.error.code, 'NotFoundError');
      assert.equal((await vt('ip_addresses/185.220.101.45')).body.data.attributes.last_analysis_stats.malicious, 9);
    });

    it('when the API key is missing or wrong, then VirusTotal answers 401 with its error codes', async () => {
      assert.equal((await vt('ip_addresses/185.220.101.45', '')).body.error.code, 'AuthenticationRequiredError');
      assert.equal((await vt('ip_addresses/185.220.101.45', 'bad')).body.error.code, 'WrongCredentialsError');
    });

    it('when a message is posted to the Teams webhook, then it is recorded as teamsMessage', async () => {
      const answer = await call(info, 'POST', new URL(info.teamsWebhookUrl).pathname, { body: { text: 'Isolated ws-fin-042' } });
      assert.equal(answer.status, 200);
      assert.deepEqual((await call(info, 'GET', '/_sim/teams')).body.map((m: { body: { text: string } }) => m.body.text), ['Isolated ws-fin-042']);
      const calls = (await call(info, 'GET', '/_sim/calls')).body as Array<{ action: string | null }>;
      assert.equal(calls.at(-1)?.action, 'teamsMessage');
    });
  });

  describe('control API', () => {
    it('when a fault is injected for a path with a count, then that many calls fail with it and later ones succeed', async () => {
      await call(info, 'POST', '/_sim/faults', { body: { path: '/api/incidents', status: 503, count: 2 } });
      assert.equal((await call(info, 'GET', '/api/incidents', { token: defender })).status, 503);
      assert.equal((await call(info, 'GET', '/api/incidents/41001', { token: defender })).status, 503);
      assert.equal((await call(info, 'GET', '/api/incidents', { token: defender })).status, 200);
    });

    it('when the simulator is reset, then the call log and the data are empty, and the demo seed fills a tenant', async () => {
      await call(info, 'GET', '/api/incidents', { token: defender });
      await call(info, 'POST', '/_sim/reset');
      assert.deepEqual((await call(info, 'GET', '/_sim/calls')).body, []);
      assert.deepEqual((await call(info, 'GET', '/api/incidents', { token: defender })).body.value, []);
      await call(info, 'POST', '/_sim/reset', { body: { seed: 'demo' } });
      const incidents = (await call(info, 'GET', '/api/incidents', { token: defender })).body.value as Array<{ severity: string; alerts: Array<{ serviceSource: string }> }>;
      assert.deepEqual(new Set(incidents.map((i) => i.severity)), new Set(['Informational', 'Low', 'Medium', 'High']));
      assert.ok(new Set(incidents.map((i) => i.alerts[0].serviceSource)).size >= 4);
      assert.ok((await call(info, 'GET', '/api/machines', { token: defender })).body.value.length >= 12);
    });

    it('when demo mode runs, then new incidents arrive', async () => {
      await call(info, 'POST', '/_sim/demo', { body: { everySeconds: 0.1 } });
      await sleep(350);
      await call(info, 'POST', '/_sim/demo', { body: { everySeconds: 0 } });
      const incidents = (await call(info, 'GET', '/api/incidents', { token: defender })).body.value;
      assert.ok(incidents.length >= 4, `expected new demo incidents, got ${incidents.length}`);
    });
  });
});

describe('simulator rate limits', () => {
  it('when an app goes over the incidents quota, then it gets 429 with Retry-After', async () => {
    const sim = await startSimulator({ rateLimits: { incidents: { perMinute: 3, perHour: 100 } } });
    try {
      const token = await tokenFor(sim.info, DEFENDER);
      const statuses: number[] = [];
      let retryAfter: string | string[] | undefined;
      for (let i = 0; i < 4; i++) {
        const answer = await call(sim.info, 'GET', '/api/incidents', { token });
        statuses.push(answer.status);
        retryAfter = answer.headers['retry-after'] ?? retryAfter;
      }
      assert.deepEqual(statuses, [200, 200, 200, 429]);
      assert.ok(Number(retryAfter) >= 1 && Number(retryAfter) <= 60);
    } finally {
      await sim.stop();
    }
  });
});

describe('simulator state', () => {
  it('when the simulator restarts on the same state directory, then tenant, secrets, CA and machine actions survive', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-sim-state-'));
    try {
      const first = await startSimulator({ stateDir: dir, actionDelaysMs: { toInProgress: 200, toSucceeded: 200 } });
      await call(first.info, 'POST', '/_sim/incidents', { body: malwareIncident });
      const token = await tokenFor(first.info, DEFENDER);
      const action = (await call(first.info, 'POST', `/api/machines/${MACHINE}/isolate`, { token, body: { Comment: 'persist' } })).body;
      await first.stop();
      await sleep(450);
      const second = await startSimulator({ stateDir: dir });
      try {
        assert.equal(second.info.clientSecret, first.info.clientSecret);
        assert.equal(second.info.caFile, first.info.caFile);
        const token2 = await tokenFor(second.info, DEFENDER);
        assert.equal((await call(second.info, 'GET', '/api/incidents/41001', { token: token2 })).status, 200);
        assert.equal((await call(second.info, 'GET', `/api/machineactions/${action.id}`, { token: token2 })).body.status, 'Succeeded');
        assert.equal((await call(second.info, 'GET', `/api/machines/${MACHINE}`, { token: token2 })).body.isolationState, 'Isolated');
      } finally {
        await second.stop();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
