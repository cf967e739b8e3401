import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { describeStep } from '../../../src/playbooks/spec';
import { accepted, planner, step } from './helpers';

describe('offline planner: users by name, IOC ranges and domains, counts', () => {
  describe('users by name pattern', () => {
    it('when an exception names an account prefix, then the user step leaves those users out and acts on the rest', async () => {
      const s = step(await accepted('Disable the account on risky sign-in alerts unless it is a service account (svc- prefix).'), 'disableUser');
      assert.deepEqual(s.userFilter, { exclude: { namePatterns: ['svc-*'] } });
      assert.match(describeStep(s), /except users named svc-\*/);
    });

    it('when the prefix aside interrupts the sentence, then it stays with the exception it explains', async () => {
      const s = step(await accepted('revoke sessions on risky sign-in alerts unless it is a service account (svc_ prefix), then post in Teams'), 'revokeSessions');
      assert.deepEqual(s.userFilter, { exclude: { namePatterns: ['svc_*'] } });
    });

    it('when "accounts starting with X" and an address follow "except", then both are excluded and the address is no mail recipient', async () => {
      const plan = await accepted('Reset the password of the users on high Identity Protection alerts, except accounts starting with bg- and root@fabrikam.com');
      assert.deepEqual(step(plan, 'resetPassword').userFilter, { exclude: { namePatterns: ['bg-*', 'root@fabrikam.com'] } });
      assert.ok(!plan.spec.steps.some((s) => s.action === 'sendMail'), JSON.stringify(plan.spec.steps));
    });

    it('when the users are named by a prefix without a cue, then only those users are acted on', async () => {
      const s = step(await accepted('revoke sessions of the adm_ accounts on medium alerts'), 'revokeSessions');
      assert.deepEqual(s.userFilter, { include: { namePatterns: ['adm_*'] } });
    });

    it('when a negated sentence spares accounts by prefix, then the user step of the other sentence excludes them', async () => {
      const s = step(await accepted('Never disable accounts that begin with ops-. Disable the users on high alerts from Defender for Identity.'), 'disableUser');
      assert.deepEqual(s.userFilter, { exclude: { namePatterns: ['ops-*'] } });
    });

    it('when a device step is excepted for a user pattern, then it carries "not a user named X" as a condition', async () => {
      const s = step(await accepted('Isolate the machine on high alerts unless the user is lab-*'), 'isolate');
      assert.deepEqual(s.when?.condition, { not: { kind: 'userNamed', patterns: ['lab-*'] } });
    });

    it('when users are named only by a kind Defender cannot tell apart, then Rampart asks instead of acting on every user', async () => {
      const plan = await planner.plan('disable the users on risky sign-in alerts, but not the break-glass accounts');
      assert.ok(isQuestion(plan), JSON.stringify(plan));
      if (isQuestion(plan)) assert.match(plan.question, /break-glass/);
      const plain = await accepted('disable the users on risky sign-in alerts');
      assert.equal(step(plain, 'disableUser').userFilter, undefined);
    });
  });

  describe('IOC ranges and domains', () => {
    it('when external IPs are asked for, then the block step filters to public addresses', async () => {
      const s = step(await accepted('Block external IP addresses from high severity MDE alerts.'), 'createIndicator');
      assert.deepEqual(s.iocFilter, { ipScope: 'public' });
      assert.match(describeStep(s), /public IPs only/);
    });

    it('when an exclusion names private ranges, then the block step filters to public addresses', async () => {
      const s = step(await accepted('block the IPs in command and control alerts. ignore RFC1918 addresses'), 'createIndicator');
      assert.deepEqual(s.iocFilter, { ipScope: 'public' });
    });

    it('when a domain follows "except", then the URL block never acts on that domain', async () => {
      const s = step(await accepted('Block every URL in phishing incidents except links to fabrikam.net'), 'createIndicator');
      assert.deepEqual(s.iocFilter, { excludeDomains: ['fabrikam.net'] });
    });

    it('when "our own domain" is excluded without naming it, then the block is withheld and Rampart asks', async () => {
      const plan = await planner.plan('Block every URL in phishing incidents but never our own domain');
      assert.ok(isQuestion(plan), JSON.stringify(plan));
    });

    it('when a range qualifies a device action, which cannot filter IOCs, then the device action is withheld', async () => {
      const plan = await planner.plan('Isolate the host when it talks to external IPs');
      assert.ok(!plan.ok || !plan.spec.steps.some((s) => s.action === 'isolate'), JSON.stringify(plan));
    });
  });

  describe('counts of what the incident involves', () => {
    it('when "more than N hosts" leads, then the step runs only when at least N+1 devices are involved', async () => {
      const s = step(await accepted('if more than 3 hosts are hit, isolate all of them'), 'isolate');
      assert.deepEqual(s.when?.condition, { kind: 'entityCount', entity: 'device', atLeast: 4 });
    });

    it('when "N+ users" is a trailing condition, then the count is of users', async () => {
      const s = step(await accepted('Post to Teams and tag it widespread when 5+ users are involved'), 'updateIncident');
      assert.deepEqual(s.when?.condition, { kind: 'entityCount', entity: 'user', atLeast: 5 });
    });

    it('when "a single device" branches against "otherwise", then each branch gets its side of the count', async () => {
      const plan = await accepted('if only one device is affected isolate it, otherwise run a full scan on them');
      assert.deepEqual(step(plan, 'isolate').when?.condition, { not: { kind: 'entityCount', entity: 'device', atLeast: 2 } });
      // The other side of "not two or more" is two or more ("not not" is written out as what it says).
      assert.deepEqual(step(plan, 'runAntiVirusScan').when?.condition, { kind: 'entityCount', entity: 'device', atLeast: 2 });
    });

    it('when an action clause says "in incidents with more than two alerts", then that is the count, not the object', async () => {
      const s = step(await accepted('Collect an investigation package from every device in incidents with more than two alerts.'), 'collectInvestigationPackage');
      assert.deepEqual(s.when?.condition, { kind: 'entityCount', entity: 'alert', atLeast: 3 });
    });

    it('when a count is written with a number the plan does not hold, then nothing is read from a VirusTotal threshold', async () => {
      const s = step(await accepted('isolate the devices if more than 2 machines are involved and VirusTotal flags a file with 10 engines'), 'isolate');
      const text = JSON.stringify(s.when?.condition);
      assert.match(text, /"entity":"device","atLeast":3/);
      assert.match(text, /"minEngines":10/);
    });
  });

  describe('a kind of account with its pattern beside it', () => {
    it('when "admin accounts (the ones starting with adm-)" or "service accounts (svc-*)" are named, then the pattern says which users; without a pattern it asks', async () => {
      assert.deepEqual(step(await accepted('revoke sessions for privileged accounts (the ones starting with pa-) on impossible travel alerts'), 'revokeSessions').userFilter, { include: { namePatterns: ['pa-*'] } });
      assert.deepEqual(step(await accepted('disable the users on leaked credential alerts, except service accounts (svc_*)'), 'disableUser').userFilter, { exclude: { namePatterns: ['svc_*'] } });
      assert.ok(isQuestion(await planner.plan('revoke sessions for privileged accounts on impossible travel alerts')));
    });
  });
});

describe('offline planner: accounts left alone, and the other side of them', () => {
  it('when accounts named by a prefix get nothing and "everyone else" or "real people" get a step, then that step leaves those accounts out', async () => {
    for (const request of [
      'on risky sign-ins: adm-* accounts -> leave alone. everyone else -> revoke the sessions',
      'on risky sign-ins: accounts starting with adm- -> nothing, actual users -> revoke the sessions',
      'on risky sign-ins skip accounts named adm-*, for the rest revoke the sessions',
    ]) {
      const plan = await accepted(request);
      assert.deepEqual(plan.spec.steps.map((s) => [s.action, s.userFilter]), [['revokeSessions', { exclude: { namePatterns: ['adm-*'] } }]], request);
      assert.deepEqual(plan.spec.trigger.serviceSources, ['AzureAdIdentityProtection'], request);
    }
    // With nothing said before it, "real people" is no case Rampart can check.
    assert.equal((await planner.plan('on risky sign-ins: real people -> revoke the sessions')).ok, false);
  });

  it('when a kind of account is defined by its group ("interns = members of the Interns-2027 group"), then that kind is the group\'s users', async () => {
    const plan = await accepted('if an intern account gets a risky sign-in, revoke its sessions. interns = members of the Interns-2027 group');
    assert.deepEqual(step(plan, 'revokeSessions').userFilter, { inGroups: ['Interns-2027'] });
    // Never a definition: "the account is in the X group" stays the condition it is.
    const condition = await accepted("if the account is in the 'Payroll' group, revoke its sessions");
    assert.deepEqual(step(condition, 'revokeSessions').userFilter, { inGroups: ['Payroll'] });
  });

  it('when a rule-out says why with a gerund ("disabling locks them out of mail"), then the words after a correction are a reason', async () => {
    const plan = await accepted('on credential theft alerts disable the user and isolate the device. wait no dont disable, just revoke the sessions, disabling locks them out of mail. still isolate tho');
    assert.deepEqual(plan.spec.steps.map((s) => s.action).sort(), ['isolate', 'revokeSessions']);
  });
  it('when "non X users" or "users not in X" follow a branch of the X group, then they are its other side; a group never named is asked about', async () => {
    for (const request of ["on risky sign-ins: if the user is in the 'Ops-Admins' group -> disable the account. non ops-admins users -> just post to teams", "on risky sign-ins: if the user is in the 'Ops-Admins' group -> disable the account. users not in Ops-Admins -> just post to teams"]) {
      const plan = await accepted(request);
      assert.deepEqual(step(plan, 'disableUser').userFilter, { inGroups: ['Ops-Admins'] }, request);
      assert.deepEqual(step(plan, 'teamsMessage').when?.condition, { not: { kind: 'userInGroup', groups: ['Ops-Admins'] } }, request);
    }
    assert.equal((await planner.plan('on risky sign-ins disable the account. non ops users -> just post to teams')).ok, false);
  });
  it('when a branch of accounts rules a step out ("bk-* -> dont disable") and "regular users in high sev incidents" get it, then those accounts never get it', async () => {
    const plan = await accepted('on risky sign-ins: accounts starting with bk- -> no disabling, post to teams. regular users in high sev incidents -> disable the account + revoke sessions. medium -> revoke only');
    const reset = step(plan, 'disableUser');
    assert.deepEqual(reset.userFilter, { exclude: { namePatterns: ['bk-*'] } });
    assert.deepEqual(reset.when?.condition, { kind: 'severity', severities: ['High'] });
    assert.ok(plan.spec.steps.some((s) => s.action === 'revokeSessions' && JSON.stringify(s.when?.condition) === JSON.stringify({ kind: 'severity', severities: ['Medium'] })), JSON.stringify(plan.spec.steps));
    // A destructive step said between the branch and its other side may be every account's: asked about.
    assert.equal((await planner.plan('on risky sign-ins: if the account starts with bk- -> dont disable the account. instead isolate the device. regular users -> disable the account')).ok, false);
  });
});
