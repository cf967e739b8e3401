import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { withoutReason } from '../../../src/playbooks/planner/ledger';
import { normalizeRequest } from '../../../src/playbooks/planner/normalize';
import { describeCondition } from '../../../src/playbooks/spec';
import { accepted, planner, step } from './helpers';

describe('offline planner: what a request says is outside its scope, and descriptions that say their steps in prose', () => {
  describe('sentences that say what the rule is not for', () => {
    it('when the devices said to be "not part of this one" are ones no step acts on, then the plan stands', async () => {
      const plan = await accepted('ransomware alert on a mac -> isolate the mac. linux hosts are not part of this one');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.osPlatforms, ['macOS']);
    });

    it('when they are devices a step does act on and Rampart cannot test them, then it asks', async () => {
      assert.ok(isQuestion(await planner.plan('ransomware alert -> isolate the device. lab kiosks are not part of this one')));
    });

    it('when a product named by its acronym is out of scope and the trigger is another product, then the plan stands', async () => {
      const plan = await accepted('MDO incidents with a url -> block the url if VT says 4 or more. MDI incs arent in scope');
      assert.deepEqual(plan.spec.trigger.serviceSources, ['MicrosoftDefenderForOffice365']);
    });

    it('when that product is one the steps do run on, then the steps skip its incidents', async () => {
      const plan = await accepted('on high sev incidents isolate the device. MDE incs arent in scope');
      assert.deepEqual(step(plan, 'isolate').when?.condition, { not: { kind: 'serviceSource', sources: ['MicrosoftDefenderForEndpoint'] } });
    });

    it('when "for other hosts this is not needed" follows steps for named devices, then the plan stands', async () => {
      const plan = await accepted('malware alert on a kio-* device: full AV scan. For other hosts this is not needed.');
      assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter?.include?.namePatterns, ['kio-*']);
    });

    it('when a mail that tests no device is among those steps, then "for other hosts" may be about it too, and it asks (the mail is never sent for every host)', async () => {
      const plan = await planner.plan('When a kio-* device has a malware alert, run a full AV scan on it. Also send mail to kiosk-it@contoso.com with the name of the device. For other hosts this is not needed.');
      assert.ok(isQuestion(plan) || (plan.ok && plan.spec.steps.every((s) => s.action !== 'sendMail' || s.when !== undefined)), JSON.stringify(plan));
    });

    it('when a step on the user tests no device, then "linux hosts are not part of this one" is not the other side of it', async () => {
      const plan = await planner.plan('On ransomware alerts isolate the mac devices. Also revoke the sessions of the user. Linux hosts are not part of this one.');
      assert.ok(isQuestion(plan) || (plan.ok && step(plan, 'revokeSessions').when !== undefined), JSON.stringify(plan));
    });

    it('when the steps are for every device, then "for other hosts" cannot be the other side, and it asks', async () => {
      assert.ok(isQuestion(await planner.plan('malware alert: full AV scan on the device. For other hosts this is not needed.')));
    });

    it('when the lower severities "= leave it for us" and the steps are for High only, then the plan stands', async () => {
      const plan = await accepted('sev high incs -> revoke the sessions of the user. anything below high = leave it for us');
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
    });

    it('when nothing limits the severity, then the steps skip the lower ones', async () => {
      const plan = await accepted('credential theft alerts -> revoke the sessions of the user. anything below high = leave it for us');
      assert.match(JSON.stringify(step(plan, 'revokeSessions').when), /"not":\{"kind":"severity","severities":\["Informational","Low","Medium"\]\}/);
    });

    it('when other alerts get "no action please" and the steps are for a title, then the plan stands', async () => {
      const plan = await accepted("when an alert title has 'keylogger', stop and quarantine the file. Other alerts, no action please, even if they are High severity.");
      assert.deepEqual(plan.spec.trigger.titleKeywords, ['keylogger']);
    });

    it('when a description says the playbook takes no containment and it only notifies, then the plan stands', async () => {
      const plan = await accepted('On every high severity incident, post a Teams message and email soc@contoso.com. It does not perform any containment.');
      assert.deepEqual(plan.spec.steps.map((s) => s.action).sort(), ['sendMail', 'teamsMessage']);
    });

    it('when it says so but also asks to isolate, then it asks', async () => {
      assert.ok(isQuestion(await planner.plan('On every high severity incident, isolate the device. It does not perform any containment.')));
    });

    it('when "no write actions on devices" closes a list of notifications, then the plan stands', async () => {
      const plan = await accepted('High severity incidents: post to Teams.\n- No write actions on devices or users in this playbook');
      assert.deepEqual(plan.spec.steps.map((s) => s.action), ['teamsMessage']);
    });

    it('when a sentence that leaves a step out also carries the condition of another step, then it is never set aside', async () => {
      const plan = await planner.plan('When a web shell is found on a Linux server, the server is not isolated; instead the remote IP is blocked.');
      assert.ok(!plan.ok || plan.spec.steps.every((s) => s.when !== undefined || plan.spec.trigger.titleKeywords.length > 0), JSON.stringify(plan));
    });
  });

  describe('isolation that is said not to be selective', () => {
    it('when the request says the platform cannot do selective, then the isolation is full', async () => {
      const plan = await accepted('ransomware alert on a mac -> isolate the mac, macs cant do selective anyway');
      assert.equal(step(plan, 'isolate').params.isolationType, 'Full');
    });

    it('when a description notes selective isolation is not available on Linux, then the note narrows nothing and the isolation is full', async () => {
      const plan = await accepted('High severity incidents on linux devices: isolate each Linux device (full isolation; selective isolation is not available on Linux)');
      assert.equal(step(plan, 'isolate').params.isolationType, 'Full');
    });

    it('when selective is asked for, then it stays selective', async () => {
      const plan = await accepted('ransomware alert -> isolate the device selectively');
      assert.equal(step(plan, 'isolate').params.isolationType, 'Selective');
    });
  });

  describe('names and groups', () => {
    it('when a title list has a quoted alternative of several words, then each is a title word', async () => {
      const plan = await accepted("when the alert title has 'lsass' or 'memory dump' collect an investigation package from the device");
      assert.deepEqual([...plan.spec.trigger.titleKeywords].sort(), ['lsass', 'memory dump']);
    });

    it('when that alternative is also the name of a kind of incident, then it is still only the words in the title', async () => {
      const plan = await accepted("if the incident title has procdump or 'credential theft' in it, revoke the sessions of every user on the incident");
      assert.deepEqual([...plan.spec.trigger.titleKeywords].sort(), ['credential theft', 'procdump']);
      assert.deepEqual(plan.spec.trigger.topics, []);
    });

    it('when a machine group is named after its label without quotes, then the devices are that group (never a group called "machine")', async () => {
      const plan = await accepted('on ransomware alerts isolate devices that are in the machine group Lab-Kiosks');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.groups, ['Lab-Kiosks']);
      const cond = await accepted('if a device of the incident is in machine group Kiosks, email infra@contoso.com');
      assert.deepEqual(step(cond, 'sendMail').when?.condition, { kind: 'deviceIs', match: { groups: ['Kiosks'] } });
    });

    it('when a device condition names a group and no kind, then the plan says "is in the group" (never "one of the in the")', () => {
      assert.equal(describeCondition({ kind: 'deviceIs', match: { groups: ['Kiosks'] } }), 'a device of the alert is in the Kiosks group');
      assert.equal(describeCondition({ kind: 'deviceIs', match: { kinds: ['server'], groups: ['Kiosks'] } }), 'a device of the alert is one of the servers, in the Kiosks group');
    });

    it('when a kind is explained with "i.e." by a group, then the group is the condition', async () => {
      const plan = await accepted("email kiosk-ops@contoso.com whenever an incident involves a lobby kiosk, i.e. a device in the device group 'Kiosks'");
      assert.deepEqual(step(plan, 'sendMail').when?.condition, { kind: 'deviceIs', match: { groups: ['Kiosks'] } });
    });

    it('when a mailbox is named and its address follows in brackets, then the mail goes to that address', async () => {
      const plan = await accepted('On high severity incidents this playbook emails the facilities mailbox (facilities@contoso.com) and posts a Teams message.');
      assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['facilities@contoso.com']);
    });

    it('when "pos" follows false or true it is a positive; alone it is a point-of-sale name, never "positive"', () => {
      assert.match(normalizeRequest('close it as false pos').text, /false positive/);
      assert.doesNotMatch(normalizeRequest('the pos sync runs at night').text, /positive/);
    });
  });

  describe('runbook descriptions', () => {
    it('when a description says its steps in prose and the trigger line is every new incident, then the prose is the request', async () => {
      const plan = await accepted("Title: Notify-Kiosk-Ops\nThis playbook posts a Teams message whenever an incident involves a device in the device group 'Kiosks'.\nTrigger: new incident, any severity.");
      assert.deepEqual(step(plan, 'teamsMessage').when?.condition, { kind: 'deviceIs', match: { groups: ['Kiosks'] } });
    });

    it('when that trigger line names a severity, then it is not set aside', async () => {
      const plan = await planner.plan("Title: Notify-Kiosk-Ops\nThis playbook posts a Teams message whenever an incident involves a device in the device group 'Kiosks'.\nTrigger: new incident, severity High.");
      assert.ok(!plan.ok || plan.spec.trigger.severities.includes('High') || plan.spec.steps.every((s) => JSON.stringify(s.when ?? {}).includes('High')), JSON.stringify(plan));
    });

    it('when such a description also has an exception under a label, then the exception is never dropped with the trigger line', async () => {
      const plan = await planner.plan('This playbook isolates the devices of every High severity incident.\nTrigger: new incident\nExceptions: servers');
      assert.ok(!plan.ok || step(plan, 'isolate').deviceFilter?.exclude?.kinds?.includes('server'), JSON.stringify(plan));
    });

    it('when an action line only reads the incident, and a line lists connectors, then neither is a step or a case', async () => {
      const plan = await accepted('Trigger: high severity incident\nActions:\n1. Get the devices of the incident.\n2. Isolate each device.\nConnectors: Microsoft Defender XDR, Microsoft Teams');
      assert.deepEqual(plan.spec.steps.map((s) => s.action), ['isolate']);
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
    });
  });

  describe('corrections, checks and one-off names in chat', () => {
    it('when a step is taken back with "no, sorry, not X, only Y", then only Y is done, in the same case', async () => {
      const plan = await accepted('if the file hash is clean on VirusTotal, dismiss the risk of the user - no, sorry, not dismiss, only post in teams');
      assert.deepEqual(plan.spec.steps.map((s) => s.action), ['teamsMessage']);
    });

    it('when a sentence opening with "sorry" takes the step back, then it is never dropped as an apology (the step it takes back is not kept)', async () => {
      const plan = await accepted('if the file hash is clean on VirusTotal, dismiss the risk of the user. sorry, no: only post in teams.');
      assert.ok(!plan.spec.steps.some((s) => s.action === 'dismissRiskyUser'), JSON.stringify(plan.spec.steps));
    });

    it('when "sorry" opens a sentence with nothing else in it, then it is still only an apology', async () => {
      const plan = await accepted('Sorry for the wall of text. On high sev incidents isolate the device.');
      assert.deepEqual(plan.spec.steps.map((s) => s.action), ['isolate']);
    });

    it('when a description "checks whether" the incident is unassigned and acts "if it is", then that is the condition', async () => {
      const plan = await accepted('This playbook checks whether a new Medium severity incident is unassigned. If it is, it assigns it to triage@contoso.com.');
      assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'assignment', assigned: false });
    });

    it('when a kind of device is said once with "a" and a name pattern in brackets, then it is the devices so named', async () => {
      const plan = await accepted('malware alert on a lectern (lec-*) -> isolate the lectern');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.namePatterns, ['lec-*']);
    });

    it('when the word before the brackets is a word Rampart reads, then it keeps its meaning', async () => {
      const plan = await accepted('malware alert on the server (app-*) -> isolate the server');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.namePatterns, ['app-*']);
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.kinds, ['server']);
    });

    it('when a kind of device Rampart has no meaning for comes with a name pattern, the platform said first in the brackets, then it is those devices on that platform', async () => {
      const plan = await accepted('When dock scanner (the linux ones, name is starting with dck-) have a coin miner alert, run a full antivirus scan.');
      assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter?.include, { namePatterns: ['dck-*'], osPlatforms: ['Linux'] });
    });

    it('when that kind comes without a pattern, then it is not read as any device', async () => {
      assert.ok(isQuestion(await planner.plan('When a dock scanner has a coin miner alert, isolate it.')));
    });

    it('when the kind of scan is said to be fine in brackets, then it is that kind', async () => {
      const plan = await accepted('malware alert on a kio-* device -> AV scan it (full is fine)');
      assert.equal(step(plan, 'runAntiVirusScan').params.scanType, 'Full');
    });
  });

  describe('tests said in brackets, levels said alone, nothing said with a stress', () => {
    it('when loose words for what Defender finds are defined by a title test in brackets, then the test is the condition', async () => {
      const plan = await accepted("isolate the machine when Defender find a sniffer on it (alert title have 'pcap' or 'packet capture')");
      assert.deepEqual([...plan.spec.trigger.titleKeywords].sort(), ['packet capture', 'pcap']);
    });

    it('when the brackets hold no test Rampart reads, then the loose words are still asked about', async () => {
      assert.ok(isQuestion(await planner.plan('isolate the machine when Defender find a sniffer on it (the usual stuff)')));
    });

    it('when a level is said alone after "for", then it is the severity', async () => {
      const plan = await accepted('If a Windows device and severity is High, isolate it. For Medium on Windows only quick scan.');
      assert.deepEqual(step(plan, 'runAntiVirusScan').when?.condition, { kind: 'severity', severities: ['Medium'] });
    });

    it('when "For Low severity never do anything" closes steps that name no severity, then they skip Low, whatever stress follows', async () => {
      const plan = await accepted('If the incident has a macOS device, run a full scan on the mac. For Low severity never do anything, also not on mac or linux.');
      assert.deepEqual(step(plan, 'runAntiVirusScan').when?.condition, { not: { kind: 'severity', severities: ['Low'] } });
    });

    it('when "it is their job to ..." follows an action ruled out, then it is a reason', async () => {
      const plan = await accepted("Isolate the device on ransomware alerts. But if the user is in group 'Red-Team', do not isolate, it is their job to run such tools, just tag the incident red-team-tool.");
      assert.deepEqual(step(plan, 'isolate').when?.condition, { not: { kind: 'userInGroup', groups: ['Red-Team'] } });
      assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'userInGroup', groups: ['Red-Team'] });
    });
  });

  describe('why an action is ruled out', () => {
    it('when what follows "dont isolate them," says what someone cannot do, then it is a reason', () => {
      assert.equal(withoutReason('dont isolate them, the kiosks cannot go offline during opening hours'), 'dont isolate them');
    });

    it('when what follows names a step, then it is no reason', () => {
      assert.equal(withoutReason('dont isolate them, kiosks need a full scan first'), 'dont isolate them, kiosks need a full scan first');
    });
  });
});
