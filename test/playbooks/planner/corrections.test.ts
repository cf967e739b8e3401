import assert from 'node:assert/strict';
import { accepted, planner, step } from './helpers';

describe('offline planner: a writer taking words back', () => {
  it('when the kind of isolation is corrected ("actually no, make it selective"), then the same isolation keeps its devices and case', async () => {
    const plan = await accepted('isolate the linux servers on high alerts. actually no, make it selective isolation');
    assert.equal(plan.spec.steps.length, 1);
    assert.equal(step(plan, 'isolate').params.isolationType, 'Selective');
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.osPlatforms, ['Linux']);
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
  });

  it('when the correction also says why and narrows ("..., full iso breaks X, make it selective, and only when ..."), then one isolation carries the narrowing', async () => {
    const plan = await accepted('isolate the host on high sev incidents... wait no, full isolation breaks the softphones for the call centre, make it selective. and only when the device risk score is high');
    const isolations = plan.spec.steps.filter((s) => s.action === 'isolate');
    assert.equal(isolations.length, 1, JSON.stringify(plan.spec.steps));
    assert.equal(isolations[0].params.isolationType, 'Selective');
    assert.deepEqual(isolations[0].deviceFilter?.include, { minRiskScore: 'High' });
  });

  it('when a scan is corrected to a full one, then the scan keeps the alerts it was for', async () => {
    const plan = await accepted('scan the box on trojan alerts. actually make it a full scan');
    assert.equal(plan.spec.steps.length, 1);
    assert.equal(step(plan, 'runAntiVirusScan').params.scanType, 'Full');
    assert.ok(plan.spec.trigger.topics.length + plan.spec.trigger.titleKeywords.length > 0, JSON.stringify(plan.spec.trigger));
  });

  it('when a step is replaced ("hmm actually no, teams instead"), then the replacement keeps the case the old step was said for', async () => {
    const plan = await accepted('mail the duty manager at dm@contoso.com on medium incidents. hmm actually no, post in teams instead of mailing');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['teamsMessage']);
    assert.deepEqual(plan.spec.trigger.severities, ['Medium']);
  });

  it('when the step is ruled out on second thought and "just" says what to do, then that is done in the same case', async () => {
    const plan = await accepted('resolve the incident as a false positive when no url is malicious on VT... no, on second thought dont resolve anything automatically. just tag it url-clean');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['updateIncident']);
    assert.deepEqual(step(plan, 'updateIncident').params.incident, { addTags: ['url-clean'] });
    assert.ok(step(plan, 'updateIncident').when, 'the tag keeps the "no url is malicious" case');
  });

  it('when one piece of a list is taken back ("nvm the helpdesk"), then the other pieces stay', async () => {
    const plan = await accepted('on phishing alerts reset the pw and email the helpdesk... actually nvm the helpdesk, just email soc@contoso.com');
    assert.deepEqual(plan.spec.steps.map((s) => s.action).sort(), ['resetPassword', 'sendMail']);
    assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['soc@contoso.com']);
  });

  it('when a fragment is dropped ("... nah forget that bit"), then what was said before it stands alone', async () => {
    const plan = await accepted('quarantine the file on high alerts. also if the user is a contractor then... nah forget that bit. just quarantine on high.');
    assert.deepEqual([...new Set(plan.spec.steps.map((s) => s.action))], ['stopAndQuarantineFile']);
  });

  it('when "actually no wait" is left where no correction can be placed, then it is not waved through as chatter', async () => {
    const plan = await planner.plan('isolate the servers on high alerts... actually no wait, make it quick');
    assert.equal(plan.ok, false);
  });
  it('when an afterthought is taken back ("oh and if X... nvm skip that part"), then its words are gone and the rest is planned', async () => {
    const plan = await accepted('block hashes VT flags on 12+ engines. oh and if the hash is on the allow list... nvm skip that part');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['createIndicator']);
  });
});
