import assert from 'node:assert/strict';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { call, control, GRAPH, tokenFor } from './simHttp';

describe('simulator: Entra ID group membership, served the Graph way', function () {
  this.timeout(30_000);
  let sim: RunningSimulator;
  let token: string;
  const alice = '6a1f0c2e-0000-4000-8000-0000000a11ce';
  const finance = { id: '9b0c7a3e-0000-4000-8000-00000000f1a0', displayName: 'Finance Admins' };
  const sales = { id: '9b0c7a3e-0000-4000-8000-0000000054a1', displayName: "Sales O'Brien" };

  before(async () => {
    sim = await startSimulator({ port: 0, rateLimits: false });
    await control(sim.info, 'POST', '/_sim/users', [
      { id: alice, userPrincipalName: 'alice@contoso.com', groups: [finance, sales] },
      { id: 'bob', userPrincipalName: 'bob@contoso.com' },
    ]);
    token = await tokenFor(sim.info, GRAPH);
  });
  after(async () => sim?.stop());

  it('when a user is posted with groups, then memberOf and transitiveMemberOf list them as Graph groups and GET user does not show them', async () => {
    for (const rel of ['memberOf', 'transitiveMemberOf']) {
      const answer = await call(sim.info, 'GET', `/graph/v1.0/users/alice@contoso.com/${rel}?$select=id,displayName`, { token });
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body.value.map((g: { id: string; displayName: string; '@odata.type': string }) => [g['@odata.type'], g.id, g.displayName]), [
        ['#microsoft.graph.group', finance.id, finance.displayName],
        ['#microsoft.graph.group', sales.id, sales.displayName],
      ]);
    }
    const user = await call(sim.info, 'GET', `/graph/v1.0/users/${alice}`, { token });
    assert.equal(user.body.groups, undefined);
    const bob = await call(sim.info, 'GET', '/graph/v1.0/users/bob@contoso.com/memberOf', { token });
    assert.deepEqual(bob.body.value, []);
  });

  it('when checkMemberGroups is asked about group ids, then it answers the ones the user is in', async () => {
    const answer = await call(sim.info, 'POST', `/graph/v1.0/users/${alice}/checkMemberGroups`, { token, body: { groupIds: [finance.id, 'not-a-member'] } });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body.value, [finance.id]);
    const bad = await call(sim.info, 'POST', `/graph/v1.0/users/${alice}/checkMemberGroups`, { token, body: {} });
    assert.equal(bad.status, 400);
  });

  it("when groups are filtered by displayName eq '...', then the match ignores case and '' escapes a quote", async () => {
    const one = await call(sim.info, 'GET', `/graph/v1.0/groups?$filter=${encodeURIComponent("displayName eq 'finance admins'")}`, { token });
    assert.deepEqual(one.body.value.map((g: { id: string }) => g.id), [finance.id]);
    const quoted = await call(sim.info, 'GET', `/graph/v1.0/groups?$filter=${encodeURIComponent("displayName eq 'Sales O''Brien'")}`, { token });
    assert.deepEqual(quoted.body.value.map((g: { id: string }) => g.id), [sales.id]);
    const unsupported = await call(sim.info, 'GET', `/graph/v1.0/groups?$filter=${encodeURIComponent("startswith(displayName,'F')")}`, { token });
    assert.equal(unsupported.status, 400);
  });

  it('when the app lacks GroupMember.Read.All, then membership reads answer 403; an unknown user 404', async () => {
    const app = (await control(sim.info, 'POST', '/_sim/apps', { roles: ['User.Read.All'] })) as { clientId: string; clientSecret: string };
    const weak = await tokenFor(sim.info, GRAPH, app);
    assert.equal((await call(sim.info, 'GET', `/graph/v1.0/users/${alice}/memberOf`, { token: weak })).status, 403);
    assert.equal((await call(sim.info, 'GET', '/graph/v1.0/users/nobody@contoso.com/memberOf', { token })).status, 404);
  });

  it('when groups are not a list of {id, displayName}, then POST /_sim/users refuses them', async () => {
    const answer = await call(sim.info, 'POST', '/_sim/users', { body: { id: 'x', groups: ['Finance'] } });
    assert.equal(answer.status, 400);
  });
});
