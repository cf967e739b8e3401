import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { accepted, planner, step } from './helpers';
import { lostActions } from '../../../src/playbooks/planner/offline';

describe('offline planner: tiers said one after another', () => {
  it('when each risk level gets its own containment and "the rest" a scan, then every tier is a step and the scan skips the tiers above', async () => {
    const plan = await accepted('Go by the Defender risk score of each host: hosts rated High get isolated; hosts rated Medium get selective isolation; the rest get a full scan.');
    const isolations = plan.spec.steps.filter((s) => s.action === 'isolate').map((s) => [s.params.isolationType, s.deviceFilter?.include?.minRiskScore]);
    assert.deepEqual(isolations, [['Full', 'High'], ['Selective', 'Medium']]);
    assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter, { exclude: { minRiskScore: 'Medium' } });
    assert.equal(step(plan, 'runAntiVirusScan').params.scanType, 'Full');
  });

  it('when only one of two isolations says selective, then the other stays full', async () => {
    const plan = await accepted('contain hosts with a high risk score. selectively isolate the ones with a medium risk score');
    assert.deepEqual(plan.spec.steps.map((s) => s.params.isolationType), ['Full', 'Selective']);
    const once = await accepted('contain the host on high sev ransomware. use selective isolation');
    assert.equal(step(once, 'isolate').params.isolationType, 'Selective');
  });

  it('when a first short instruction carries a test of its own, then it is a step, not a title the body restates', async () => {
    const plan = await accepted('isolate hosts with a high risk score. selectively isolate hosts with a medium risk score.');
    assert.equal(plan.spec.steps.filter((s) => s.action === 'isolate').length, 2);
  });

  it('when a description says each hash is handled by its detection count, then the bands after the colon are the steps', async () => {
    const plan = await accepted('Every file hash is submitted to VirusTotal and handled according to its malicious detection count: zero detections, add a comment; two to seven detections, run a quick scan on the device the file ran on; eight or more, quarantine the file.');
    assert.deepEqual(step(plan, 'stopAndQuarantineFile').target, { kind: 'fileDevices', minEngines: 8 });
    assert.deepEqual(step(plan, 'runAntiVirusScan').when?.condition, { all: [{ kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 2 }, { not: { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 8 } }] });
  });

  it('when severities come before a rule-out ("low/medium never contain", "no isolation on low ones"), then those severities never get the step', async () => {
    for (const request of ['critical incidents: contain the device. low/medium never contain', 'contain the device on critical incidents. no isolation on low or medium ones']) {
      const plan = await accepted(request);
      const spared = step(plan, 'isolate').when?.condition;
      assert.ok(spared && 'not' in spared && 'kind' in spared.not && spared.not.kind === 'severity', JSON.stringify(spared));
      assert.deepEqual([...spared.not.severities].sort(), ['Low', 'Medium'], request);
      assert.deepEqual(plan.spec.trigger.severities, ['High'], request);
    }
  });

  it('when arrow cases are split by slashes ("high -> X / med -> Y / low -> Z"), then each slash ends a case; "windows / mac -> scan" lists two', async () => {
    const plan = await accepted('high -> isolate the device / med -> quick scan / low -> add a comment / info -> nothing');
    assert.deepEqual(plan.spec.steps.map((s) => [s.action, JSON.stringify(s.when?.condition)]), [
      ['isolate', JSON.stringify({ kind: 'severity', severities: ['High'] })],
      ['runAntiVirusScan', JSON.stringify({ kind: 'severity', severities: ['Medium'] })],
      ['updateIncident', JSON.stringify({ kind: 'severity', severities: ['Low'] })],
    ]);
    const both = await accepted('on high sev alerts: windows / mac -> full scan');
    assert.deepEqual(step(both, 'runAntiVirusScan').deviceFilter?.include?.osPlatforms?.slice().sort(), ['Windows', 'macOS']);
  });

  it('when a band gets "nothing, not even teams", then it is nothing', async () => {
    const plan = await accepted('VT on the hash: 10+ -> block it / 1-9 -> teams / 0 -> nothing, not even teams');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['createIndicator', 'teamsMessage']);
  });
});

describe('offline planner: a destructive step said in the passive is never dropped without a word', () => {
  it('when a clause says hosts "get isolated" and no isolation was planned, then it is reported as a step Rampart did not plan', () => {
    const lost = lostActions('per our exposure tier, tier one laptops get isolated', [], []);
    assert.deepEqual(lost.map((l) => l.actions), [['isolate']]);
    assert.deepEqual(lostActions('the accounts of the finance team become disabled', [], ['runAntiVirusScan']).map((l) => l.actions), [['disableUser']]);
  });

  it('when the isolation was planned, or the clause says it is not done, then nothing is reported', () => {
    assert.deepEqual(lostActions('tier one laptops get isolated', [], ['isolate']), []);
    assert.deepEqual(lostActions('tier one laptops are never isolated', [], []), []);
    assert.deepEqual(lostActions('the hash is contained in the mail', [], []), []);
  });
});

describe('offline planner: the words that say which devices, products and alerts, kept through rewrites', () => {
  it('when one clause says full isolation for all the others, then that isolation is full and leaves the named devices out', async () => {
    const plan = await accepted('Cut off the incident hosts: selective isolation for hosts tagged pos-terminal, full isolation for everything else.');
    assert.deepEqual(plan.spec.steps.map((s) => [s.params.isolationType, s.deviceFilter]), [
      ['Selective', { include: { tags: ['pos-terminal'] } }],
      ['Full', { exclude: { tags: ['pos-terminal'] } }],
    ]);
  });

  it('when a step waits on one file being seen on several hosts, then Rampart asks rather than count the hosts of the incident', async () => {
    const plan = await planner.plan('if an identical sha256 is found on at least 3 hosts, quarantine it on all of them');
    assert.ok(isQuestion(plan), JSON.stringify(plan));
    const counted = await accepted('if the incident has more than 3 hosts, isolate them');
    assert.deepEqual(step(counted, 'isolate').when?.condition, { kind: 'entityCount', entity: 'device', atLeast: 4 });
  });

  it('when "identity alerts" or "AAD IP alerts" name the products, then the trigger holds them, and a word it did not hold is asked about', async () => {
    for (const r of ['for identity alerts with a user on them, revoke the sessions', 'on AAD IP or MDI alerts revoke the sessions']) {
      const plan = await accepted(r);
      assert.deepEqual([...plan.spec.trigger.serviceSources].sort(), ['AzureAdIdentityProtection', 'MicrosoftDefenderForIdentity'], r);
    }
    const said = await accepted('confirm the user compromised in Identity Protection when VirusTotal flags the sign-in IP');
    assert.deepEqual(said.spec.trigger.serviceSources, []);
  });

  it('when a description gathers URLs "from" some alerts, then those alerts stay the scope of the steps', async () => {
    const plan = await accepted('It pulls the URLs from Defender for Office 365 alerts and checks each on VirusTotal; URLs flagged by 4+ get blocked.');
    assert.deepEqual(plan.spec.trigger.serviceSources, ['MicrosoftDefenderForOffice365']);
    assert.deepEqual(step(plan, 'createIndicator').target, { kind: 'iocs', iocTypes: ['url'], minEngines: 4 });
  });
});

describe('offline planner: a step ruled out for one case, said beside a step for the others', () => {
  it('when a case "only" gets a mail and no isolation, and the other cases are isolated, then that case is never isolated', async () => {
    for (const r of [
      'for incidents carrying the tag exec-watch, no host is isolated, only send a mail to leads@contoso.com. for the other high severity incidents isolate the host.',
      'isolate the host on high severity incidents. for incidents tagged exec-watch, never isolate the host, only send a mail to leads@contoso.com.',
    ]) {
      const plan = await accepted(r);
      const isolate = JSON.stringify(step(plan, 'isolate').when?.condition);
      assert.ok(isolate.includes('{"not":{"kind":"incidentTag","tags":["exec-watch"]}}'), `${r}: ${isolate}`);
      assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['leads@contoso.com']);
    }
  });

  it('when a negative subject is said in the passive ("none of the servers are isolated"), then it is an exception, never a step', async () => {
    const plan = await accepted('contain the hosts on high incidents. none of the servers get isolated though');
    assert.deepEqual(step(plan, 'isolate').deviceFilter, { exclude: { kinds: ['server'] } });
  });

  it('when a user case keeps one step and drops another ("if svc-*, dont disable, just revoke"), then the disable leaves those users out', async () => {
    const plan = await accepted('on high sev credential access alerts disable the users and kill their sessions. if its a service acct (svc-*) dont disable it, just revoke and post in teams');
    assert.deepEqual(step(plan, 'disableUser').userFilter, { exclude: { namePatterns: ['svc-*'] } });
  });

  it('when the replacement is a list joined with "+" and a reason follows, then the replaced step still leaves those users out', async () => {
    const plan = await accepted('high sev mdi alerts: disable the accounts and revoke their sessions. if its a svc account (svc-*) dont disable it, just revoke + post in teams so the owner knows');
    assert.deepEqual(step(plan, 'disableUser').userFilter, { exclude: { namePatterns: ['svc-*'] } });
  });

  it('when a bare step said "instead" is not read, then Rampart asks rather than keep what it replaces', async () => {
    const plan = await planner.plan('disable the users on high sev incidents. if its a service acct, frobnicate instead');
    assert.ok(isQuestion(plan) || !plan.ok, JSON.stringify(plan));
  });

  it('when the device is chosen by the person who reported the incident, then Rampart asks', async () => {
    const plan = await planner.plan('contain the workstation of whoever raised the ticket');
    assert.ok(isQuestion(plan), JSON.stringify(plan));
  });
});

describe('offline planner: exceptions stay exceptions', () => {
  it('when "but not low ones" follows a step, then the step skips that severity and never runs on it alone', async () => {
    for (const r of ['contain the machines on every incident but not the low ones', 'contain the machines, not for informational sev']) {
      const plan = await accepted(r);
      assert.deepEqual(plan.spec.trigger.severities, [], r);
      assert.equal(step(plan, 'isolate').when?.condition && 'not' in step(plan, 'isolate').when!.condition, true, r);
    }
  });

  it('when a negated clause names something else that has no step, then Rampart asks instead of making it the trigger', async () => {
    for (const r of ['contain the machines but not on MDO alerts', 'contain the machines but not on phishing incidents', 'contain the machines, not on incidents tagged lab']) {
      const plan = await planner.plan(r);
      assert.ok(isQuestion(plan), `${r}: ${JSON.stringify(plan)}`);
    }
  });

  it('when an exception names devices by a pattern in brackets, then the exception is kept', async () => {
    const plan = await accepted('contain the machines on high incidents, except the database servers (sql-*)');
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude?.namePatterns, ['sql-*']);
    assert.equal(step(plan, 'isolate').deviceFilter?.include, undefined);
  });

  it('when a reason starts with "those are", then it narrows nothing; a note about when the playbook goes live is no step', async () => {
    const plan = await accepted('on risky sign-ins revoke the sessions, do NOT disable the acct, those are mostly partners and it gets political');
    assert.equal(plan.spec.steps.some((s) => s.action === 'disableUser'), false);
    const live = await accepted('high sev: scan the box. ping me once its deployed');
    assert.deepEqual(live.spec.steps.map((s) => s.action), ['runAntiVirusScan']);
  });
});

describe('offline planner: how qualifiers are worded', () => {
  it('when a file step names two folders joined by "or", then it is limited to both', async () => {
    for (const r of ['quarantine the file when it sits in a Desktop or Downloads folder', 'quarantine the file when it sits in the desktop folder or the downloads folder']) {
      const plan = await accepted(r);
      assert.deepEqual(step(plan, 'stopAndQuarantineFile').iocFilter, { filePaths: ['\\desktop', '\\downloads'] }, r);
    }
  });

  it('when one account is left out by its name, then the step leaves it out', async () => {
    const plan = await accepted('kill the sessions of every account in the alert except the service account svc-etl2');
    assert.deepEqual(step(plan, 'revokeSessions').userFilter, { exclude: { namePatterns: ['svc-etl2'] } });
    const vague = await planner.plan('kill the sessions of every account in the alert except the account owner');
    assert.ok(isQuestion(vague), JSON.stringify(vague));
  });

  it('when a step is "provided" a group holds the user, and names "the incident user", then it is that group test on those users', async () => {
    const plan = await accepted("Lock the incident user's account, provided the user belongs to the 'Night Ops' group.");
    assert.deepEqual(step(plan, 'disableUser').userFilter, { inGroups: ['Night Ops'] });
  });
});

describe('offline planner: chat words around a severity, a risk band, a name', () => {
  it('when a severity is followed by the product it comes from, then both are the trigger', async () => {
    const plan = await accepted('high or above from MDI: revoke the sessions of the users');
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
    assert.deepEqual(plan.spec.trigger.serviceSources, ['MicrosoftDefenderForIdentity']);
  });

  it('when a risk band says "medium or low", then it is that level or lower, and "whatever happens" adds no condition', async () => {
    const plan = await accepted('risk high -> isolate the box. device risk medium or low -> quick scan. never isolate web-07 whatever happens');
    assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter, { exclude: { minRiskScore: 'High' } });
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude?.namePatterns, ['web-07']);
  });

  it('when "only" one device is meant and the others are named as left out, then the step is on that device', async () => {
    const plan = await accepted('if an alert title mentions certutil, collect a package from that device only, not the other machines in the incident');
    assert.equal(step(plan, 'collectInvestigationPackage').target.kind, 'alertDevices');
  });
});

describe('offline planner: a verdict said with "none" or "nothing"', () => {
  it('when the close waits for no IOC to be flagged, then it runs only when none is, never when one is', async () => {
    for (const r of [
      'look every url up on VT. when none comes back with a malicious verdict, resolve the incident as a false positive',
      'look every url up on VT. if VT flags nothing, resolve the incident as a false positive',
      'look every url up on VT. if nothing gets flagged, resolve the incident as a false positive',
    ]) {
      const plan = await accepted(r);
      const close = plan.spec.steps.find((s) => s.params.incident?.classification === 'FalsePositive');
      assert.equal(close?.when?.condition !== undefined && 'not' in close.when.condition, true, `${r}: ${JSON.stringify(close?.when)}`);
    }
  });

  it('when a "neither" or "none" is not read as a negation, then Rampart asks; "otherwise do nothing" still reads', async () => {
    const plan = await planner.plan('check the hashes on VT. when neither hash is rated malicious, resolve the incident as a false positive');
    assert.ok(isQuestion(plan), JSON.stringify(plan));
    const nothing = await accepted('block the url if VT flags it, otherwise do nothing');
    assert.deepEqual(nothing.spec.steps.map((s) => s.action), ['createIndicator']);
  });

  it('when an MDE action is named in quotes as what the playbook applies, then it is that action', async () => {
    const plan = await accepted("On ransomware incidents the playbook applies the Defender for Endpoint 'Restrict app execution' action to each affected device.");
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['restrictCodeExecution']);
  });
});

describe('offline planner: a trailing "only" after a list of steps', () => {
  it('when "X and Y, on Linux hosts only" is said, then both steps are limited to those hosts', async () => {
    const plan = await accepted('Kick off a quick AV scan and gather an investigation package, on Linux hosts only.');
    assert.deepEqual(plan.spec.steps.map((s) => s.deviceFilter), [{ include: { osPlatforms: ['Linux'] } }, { include: { osPlatforms: ['Linux'] } }]);
  });
});

describe('offline planner: a severity band said with "or lower"', () => {
  it('when "medium or lower" or "low and below" names a branch, then it is those severities', async () => {
    const plan = await accepted('if sev is high contain the box. medium or lower -> just post in teams');
    assert.deepEqual(step(plan, 'teamsMessage').when?.condition, { kind: 'severity', severities: ['Informational', 'Low', 'Medium'] });
    const low = await accepted('tag the incident review-later for low and below incidents');
    assert.deepEqual(low.spec.trigger.severities, ['Informational', 'Low']);
  });
});
