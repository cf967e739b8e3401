import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { accepted, planner, step } from './helpers';

/**
 * What a polite or a hurried writer wraps around the steps: a request asked as a passive question, a remark about who is
 * behind the alerts, who owns an incident said as who "has got it", and a case handed to another team.
 */
describe('offline planner: polite requests, remarks after the steps, and cases handed elsewhere', () => {
  it('when the request asks "would they please be assigned to X and given the tag Y?", then it assigns and tags', async () => {
    const plan = await accepted("for informational incidents, would they please be assigned to triage@contoso.com and given the tag 'triage-queue'?");
    const updates = plan.spec.steps.filter((s) => s.action === 'updateIncident').map((s) => JSON.stringify(s.params.incident));
    assert.ok(updates.some((u) => u.includes('triage@contoso.com')), updates.join(' | '));
    assert.ok(updates.some((u) => u.includes('triage-queue')), updates.join(' | '));
  });

  it('when a remark after the steps says who is behind the alerts, then the steps are planned and the remark is background', async () => {
    const plan = await accepted('resolve informational eicar incidents as FP. its just the build team testing again smh');
    assert.equal(step(plan, 'updateIncident').params.incident?.status, 'Resolved');
  });

  it('when such a remark says "only", then it is asked about (it may narrow)', async () => {
    const plan = await planner.plan('resolve informational eicar incidents as FP. its probably only the test rigs');
    assert.ok(isQuestion(plan), JSON.stringify(plan));
  });

  it('when the owner is said as "only if noone has gotten it yet", then the update is for unassigned incidents', async () => {
    const plan = await accepted('set incs to in progress n assign to nightowl@contoso.com, only if noone has gotten it yet');
    assert.match(JSON.stringify(step(plan, 'updateIncident').when?.condition), /unassigned|assigned/);
  });

  it('when "please don\'t assign those to us" follows a case kept by another team, then no assignment is planned for it', async () => {
    const plan = await accepted('assign low incidents to desk@contoso.com. high ones stay with the IR team, so please dont assign those to us.');
    const assigned = plan.spec.steps.filter((s) => s.action === 'updateIncident').map((s) => s.params.incident?.assignedTo);
    assert.deepEqual(assigned, ['desk@contoso.com']);
  });

  describe('a newcomer\'s words for the steps and the cases', () => {
    it('when the system is asked to "switch off the user\'s login" on a brute-force alert, then it disables the account', async () => {
      const plan = await accepted("would the system please turn off the user's account when the alert says their password was brute forced");
      step(plan, 'disableUser');
      assert.match(JSON.stringify(plan.spec.trigger), /brute/i);
    });

    it('when the request says "don\'t lock or disable the account", then it is a rule-out, not a question', async () => {
      const plan = await accepted('on Identity Protection alerts reset the password. please dont lock or disable the account.');
      step(plan, 'resetPassword');
      assert.equal(plan.spec.steps.some((s) => s.action === 'disableUser'), false);
    });

    it('when the request says "force them to log on again everywhere", then their sessions are revoked', async () => {
      const plan = await accepted('on risky user alerts from Identity Protection, force them to log on again everywhere');
      step(plan, 'revokeSessions');
    });

    it('when the exception is a group "called" X that must never be disabled, then its users get only the mail', async () => {
      const plan = await accepted('disable the account on password spray alerts. One exception: our board members are in a group called Board Room and we must never disable them, so for them just email cso@contoso.com instead');
      assert.deepEqual(step(plan, 'disableUser').userFilter?.notInGroups, ['Board Room']);
      assert.match(JSON.stringify(step(plan, 'sendMail').when?.condition), /Board Room/);
    });

    it('when a bracket says what the writer believes a word is called, then it is an aside, not a condition', async () => {
      const plan = await accepted('disable the account on password spray alerts (i believe that is what they call it when one IP tries many accounts)');
      step(plan, 'disableUser');
    });
  });

  describe('KQL fields a hunter writes', () => {
    it('when "MitreTechniques has \'T1218.011\'" is the case, then the alert must be mapped to that technique', async () => {
      const plan = await accepted("- where MitreTechniques has 'T1218.011'\n- -> collect investigation package");
      assert.match(JSON.stringify(plan.spec), /T1218\.011/);
      assert.doesNotMatch(JSON.stringify(plan.spec.trigger.titleKeywords), /T1218/);
    });

    it('when "user memberOf \'Pentest-Crew\'" is the case, then the step is for that group\'s users', async () => {
      const plan = await accepted("Identity Protection alerts: user memberOf 'Pentest-Crew' -> dismiss the user risk");
      assert.match(JSON.stringify(step(plan, 'dismissRiskyUser')), /Pentest-Crew/);
    });
  });

  describe('a long polite request about scans', () => {
    it('when "laptops or desktops" get a high alert, then the scan is for workstations', async () => {
      const plan = await accepted('when one of our desktops or laptops has an alert rated as high, please run a quick antivirus scan on it');
      assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter?.include, { kinds: ['workstation'] });
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
    });

    it('when "Make it a full scan." follows the scan, then one full scan is planned', async () => {
      const plan = await accepted('on medium alerts kick off an AV scan on the host. Make it a full one.');
      const scans = plan.spec.steps.filter((s) => s.action === 'runAntiVirusScan');
      assert.equal(scans.length, 1, JSON.stringify(scans));
      assert.equal(scans[0].params.scanType, 'Full');
    });

    it('when a full scan is said "not a quick one", then it is a full scan and nothing is asked', async () => {
      const plan = await accepted('on medium alerts run a full antivirus scan on the device, not a quick one');
      assert.equal(step(plan, 'runAntiVirusScan').params.scanType, 'Full');
    });

    it('when the servers "are looked after by the platform team, so leave those alone", then they are skipped', async () => {
      const plan = await accepted("on high alerts run a quick scan on the device. The servers are looked after by the platform team, so please leave those alone, they don't want surprises.");
      assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter?.exclude, { kinds: ['server'] });
    });
  });

  it('when a notification is taken back because "shift leads aren\'t in the directory yet", then only it is replaced', async () => {
    const plan = await accepted("on high alerts collect an investigation package and then let the shift lead know... actually no, shift leads aren't in the directory yet, just email me at nightdesk@contoso.com instead");
    step(plan, 'collectInvestigationPackage');
    assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['nightdesk@contoso.com']);
  });
});
