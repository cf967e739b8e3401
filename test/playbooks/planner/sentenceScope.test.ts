import assert from 'node:assert/strict';
import { accepted, step } from './helpers';

describe('offline planner: a sentence of its own that scopes the steps before it', () => {
  it('when a sentence names only the kind of device, then the scan before it runs on that kind alone', async () => {
    const plan = await accepted('Kick off a quick AV scan on the hosts of the incident. Linux hosts only.');
    assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter, { include: { osPlatforms: ['Linux'] } });
  });

  it('when "only" comes first ("only on windows servers"), then the scope is read the same way', async () => {
    const plan = await accepted('collect a pkg from the machines. only on windows servers.');
    assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter, { include: { osPlatforms: ['WindowsServer'] } });
  });

  it('when the sentence leaves a kind out ("DCs excluded"), then the isolation skips that kind and keeps the others', async () => {
    const plan = await accepted('isolate the affected hosts on high incidents. DCs excluded.');
    assert.deepEqual(step(plan, 'isolate').deviceFilter, { exclude: { kinds: ['domainController'] } });
  });

  it('when two sentences of steps come before the scope, then the isolation is scoped too, not only the last step', async () => {
    const plan = await accepted('isolate the boxes. email ir@contoso.com. workstations only.');
    assert.deepEqual(step(plan, 'isolate').deviceFilter, { include: { kinds: ['workstation'] } });
  });

  it('when the scope sentence stands before any step, then it is not taken as a scope of steps that follow it', async () => {
    const plan = await accepted('isolate the boxes on high incidents. tag them with iso.');
    assert.equal(step(plan, 'isolate').deviceFilter, undefined);
  });
});
