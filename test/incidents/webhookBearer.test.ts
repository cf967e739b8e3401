import assert from 'node:assert/strict';
import { startRampart, type RunningRampart } from '../../src/bootstrap';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { call as simCall } from '../simulator/simHttp';
import { SECRET, defenderIncident, tempDir } from './helpers';

/** The webhook's Entra ID alternative to the HMAC signature, with tokens from the simulator's Entra ID. */
// The simulator's Entra ID only grants its own catalogue of roles: one of them stands in for Rampart.Incidents.Submit.
const SUBMIT_ROLE = 'Incident.ReadWrite.All';
const LOGIC_APP = { clientId: 'a1a1a1a1-0000-4000-8000-00000000c0de', clientSecret: 'logic-app-secret', displayName: 'Sentinel automation' };

describe('incident webhook with an Entra ID bearer token', function () {
  this.timeout(60_000);
  let sim: RunningSimulator;
  let rampart: RunningRampart;

  before(async () => {
    sim = await startSimulator({ port: 0, rateLimits: false });
    const i = sim.info;
    assert.equal((await simCall(i, 'POST', '/_sim/apps', { body: { ...LOGIC_APP, roles: [SUBMIT_ROLE] } })).status, 201);
    rampart = await startRampart({
      port: 0,
      config: parseConfig({ RAMPART_LOCAL: 'true', DATA_DIR: tempDir(), WEBHOOK_HMAC_SECRET: SECRET, POLL_INTERVAL_SECONDS: '0', TENANT_ID: i.tenantId, CLIENT_ID: i.clientId, CLIENT_SECRET: i.clientSecret, AZURE_AUTHORITY_HOST: i.url, DEFENDER_API_BASE: i.url, DEFENDER_CA_FILE: i.caFile, WEBHOOK_REQUIRED_ROLE: SUBMIT_ROLE, WEBHOOK_ALLOWED_APP_IDS: LOGIC_APP.clientId }),
      logger: silentLogger(),
    });
  });
  after(async () => {
    await rampart?.stop();
    await sim?.stop();
  });

  async function token(scope: string, app: { clientId: string; clientSecret: string } = LOGIC_APP): Promise<string> {
    const i = sim.info;
    const res = await simCall(i, 'POST', `/${i.tenantId}/oauth2/v2.0/token`, { form: { grant_type: 'client_credentials', client_id: app.clientId, client_secret: app.clientSecret, scope } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return (res.body as { access_token: string }).access_token;
  }

  function post(body: unknown, bearer: string): Promise<Response> {
    return fetch(`${rampart.url}/api/incidents`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}` }, body: JSON.stringify(body) });
  }

  it('when an allowed calling app with the required role sends a token for Rampart\'s app, then the incident is accepted without a signature', async () => {
    const res = await post(defenderIncident(601), await token(`api://${sim.info.clientId}/.default`));
    assert.equal(res.status, 202);
    assert.ok((await rampart.deps.incidents!.incidents.get('601')));
  });

  it('when the token is for another API (Defender), then the answer is 401 and nothing is stored', async () => {
    const res = await post(defenderIncident(602), await token('https://api.securitycenter.microsoft.com/.default'));
    assert.equal(res.status, 401);
    assert.equal((await rampart.deps.incidents!.incidents.get('602')), undefined);
  });

  it('when the token was tampered with, then the answer is 401', async () => {
    const good = await token(`api://${sim.info.clientId}/.default`);
    const [h, p, sig] = good.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, appid: 'someone-else' })).toString('base64url')}.${sig}`;
    const res = await post(defenderIncident(603), forged);
    assert.equal(res.status, 401);
  });

  it('when the token is minted with the Defender app\'s own credentials (which playbooks once held), then the answer is 401', async () => {
    const i = sim.info;
    const res = await post(defenderIncident(605), await token(`api://${i.clientId}/.default`, { clientId: i.clientId, clientSecret: i.clientSecret }));
    assert.equal(res.status, 401);
    assert.equal((await rampart.deps.incidents!.incidents.get('605')), undefined);
  });

  it('when another app of the tenant, with the role but not on the allow-list, sends a token, then the answer is 401', async () => {
    const i = sim.info;
    const other = { clientId: 'b2b2b2b2-0000-4000-8000-00000000beef', clientSecret: 'other-secret' };
    assert.equal((await simCall(i, 'POST', '/_sim/apps', { body: { ...other, displayName: 'Some other app', roles: [SUBMIT_ROLE] } })).status, 201);
    const res = await post(defenderIncident(606), await token(`api://${i.clientId}/.default`, other));
    assert.equal(res.status, 401);
    assert.equal((await rampart.deps.incidents!.incidents.get('606')), undefined);
  });

  it('when the deployment leaves WEBHOOK_REQUIRED_ROLE unset, then a token without Rampart.Incidents.Submit is refused with 401', async () => {
    const i = sim.info;
    const strict = await startRampart({
      port: 0,
      config: parseConfig({ RAMPART_LOCAL: 'true', DATA_DIR: tempDir(), WEBHOOK_HMAC_SECRET: SECRET, POLL_INTERVAL_SECONDS: '0', TENANT_ID: i.tenantId, CLIENT_ID: i.clientId, CLIENT_SECRET: i.clientSecret, AZURE_AUTHORITY_HOST: i.url, DEFENDER_API_BASE: i.url, DEFENDER_CA_FILE: i.caFile, WEBHOOK_ALLOWED_APP_IDS: LOGIC_APP.clientId }),
      logger: silentLogger(),
    });
    try {
      const res = await fetch(`${strict.url}/api/incidents`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await token(`api://${i.clientId}/.default`)}` },
        body: JSON.stringify(defenderIncident(604)),
      });
      assert.equal(res.status, 401);
      assert.equal((await strict.deps.incidents!.incidents.get('604')), undefined);
    } finally {
      await strict.stop();
    }
  });
});
