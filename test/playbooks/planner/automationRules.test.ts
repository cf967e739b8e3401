import assert from 'node:assert/strict';
import { normalizeRequest } from '../../../src/playbooks/planner/normalize';
import { restateSoar } from '../../../src/playbooks/planner/soar';
import { accepted, step } from './helpers';

describe('offline planner: automation rules written by hand; a "not" after the noun it narrows; a heading above if / otherwise', () => {
  describe('a "not" after the noun it narrows', () => {
    it('when "on devices that are not in the \'Tier0\' device group", then those devices are left out, and "in the group" alone still chooses them', async () => {
      const spared = await accepted("on high severity alerts collect a package and restrict app execution on devices that are not in the 'Tier0' device group");
      assert.deepEqual(step(spared, 'restrictCodeExecution').deviceFilter, { exclude: { groups: ['Tier0'] } });
      const chosen = await accepted("on high severity alerts restrict app execution on devices in the 'Tier0' device group");
      assert.deepEqual(step(chosen, 'restrictCodeExecution').deviceFilter, { include: { groups: ['Tier0'] } });
    });

    it('when "disable users who are not in the Board group" or "accounts not in the Board group", then the members are spared', async () => {
      for (const req of ['on high severity alerts disable users who are not in the Board group', 'on high severity alerts disable accounts not in the Board group']) {
        const s = step(await accepted(req), 'disableUser');
        assert.deepEqual(s.userFilter, { notInGroups: ['Board'] }, `${req}: ${JSON.stringify(s)}`);
        assert.equal(s.when, undefined, JSON.stringify(s.when));
      }
    });

    it('when "isolate devices not named kiosk-*", then the kiosks are the ones left out', async () => {
      const s = step(await accepted('on high severity alerts isolate devices not named kiosk-*'), 'isolate');
      assert.deepEqual(s.deviceFilter, { exclude: { namePatterns: ['kiosk-*'] } });
    });

    it('when a case says it of the subject ("if the users are not in the Board group, disable them"), then it stays a case', async () => {
      const s = step(await accepted('on high severity alerts, if the users are not in the Board group, disable them'), 'disableUser');
      assert.deepEqual(s.userFilter, { notInGroups: ['Board'] });
    });
  });

  describe('a rule written as Trigger / Condition / Switch', () => {
    const rule = [
      'Trigger: incident created',
      "Condition: [Alert.serviceSource] equals 'MicrosoftDefenderForEndpoint' AND [Incident.tags] does not contain 'pentest'",
      'Switch on [Incident.severity]',
      "  case 'High' -> Action: Isolate machine (IsolationType = Selective)",
      "  case 'Medium' -> Action: Run antivirus scan (ScanType = Full)",
      '  default -> (nothing)',
    ].join('\n');

    it('when it is restated, then each field test is a sentence the grammar reads and the default is "otherwise"', () => {
      const said = restateSoar(rule);
      assert.match(said, /the alert comes from Defender for Endpoint/);
      assert.match(said, /Skip incidents tagged 'pentest'/);
      assert.match(said, /if the severity is High, selective isolate the device\./);
      assert.match(said, /otherwise, do nothing\./);
    });

    it('when it is planned, then each case gets its step under the conditions, and the tag it must not carry is left out', async () => {
      const plan = await accepted(rule);
      const iso = step(plan, 'isolate');
      assert.equal(iso.params.isolationType, 'Selective');
      const text = JSON.stringify(iso.when?.condition ?? {}) + JSON.stringify(plan.spec.trigger);
      assert.match(text, /"High"/);
      assert.match(text, /MicrosoftDefenderForEndpoint/);
      assert.match(JSON.stringify(iso.when?.condition ?? {}), /"not":\{"kind":"incidentTag","tags":\["pentest"\]\}/);
      assert.equal(step(plan, 'runAntiVirusScan').params.scanType, 'Full');
      assert.match(JSON.stringify(step(plan, 'runAntiVirusScan').when?.condition ?? {}), /"Medium"/);
    });

    it('when a step is for each device "where [rbacGroupName] != \'X\'", then those devices are left out of it', async () => {
      const plan = await accepted(['Trigger: alert created', "Condition: [Alert.category] equals 'Execution'", "For each [device] where [rbacGroupName] != 'Plant Floor':", '  Action: Restrict app execution'].join('\n'));
      assert.deepEqual(step(plan, 'restrictCodeExecution').deviceFilter, { exclude: { groups: ['Plant Floor'] } });
    });

    it('when an exception line changes the kind of isolation for a group, then that group gets it instead of the other kind', async () => {
      const plan = await accepted(['Trigger: alert created', "Condition: [Alert.category] equals 'Ransomware'", 'Action: Isolate machine (IsolationType = Full)', "  exception: [rbacGroupName] == 'Clinical' -> IsolationType Selective"].join('\n'));
      const kinds = plan.spec.steps.filter((s) => s.action === 'isolate').map((s) => ({ type: s.params.isolationType, filter: s.deviceFilter }));
      assert.deepEqual(kinds, [{ type: 'Full', filter: { exclude: { groups: ['Clinical'] } } }, { type: 'Selective', filter: { include: { groups: ['Clinical'] } } }]);
    });

    it('when a line starts with a word that can label a name ("Title contains ..."), then it is kept: only a name is set aside', () => {
      const said = restateSoar("Playbook: ransom watch\nTrigger: alert created\nCondition: [Alert.severity] equals 'High'\nTitle contains 'ransom' -> isolate");
      assert.doesNotMatch(said, /ransom watch/);
      assert.match(said, /Title contains 'ransom'/);
    });

    it('when the text has no bracketed field and no switch, then it is left as it was', () => {
      const text = 'Trigger: incident created\nAction: post in Teams';
      assert.equal(restateSoar(text), text);
    });
  });

  describe('a heading above if / otherwise', () => {
    it('when "For alerts from the antivirus. if the device is tagged Till, ... otherwise ...", then the other side is the untagged devices of those alerts', async () => {
      const plan = await accepted('For alerts detected by Defender Antivirus with Medium or High severity. if the device is tagged Till, run a full scan. otherwise run a quick scan.');
      const quick = plan.spec.steps.find((s) => s.action === 'runAntiVirusScan' && s.params.scanType === 'Quick');
      assert.ok(quick, JSON.stringify(plan.spec.steps));
      assert.deepEqual(quick.deviceFilter, { exclude: { tags: ['Till'] } });
      assert.doesNotMatch(JSON.stringify(quick.when?.condition ?? {}), /"not":\{"kind":"detectionSource"/);
    });
  });

  describe('chat typed during an incident', () => {
    it('when "servers are off limits for isolation" comes before the steps, then no server is isolated (the noun is no step)', async () => {
      const plan = await accepted('servers are off limits for isolation. on high severity alerts isolate the device.');
      const isolations = plan.spec.steps.filter((s) => s.action === 'isolate');
      assert.equal(isolations.length, 1, JSON.stringify(plan.spec.steps));
      assert.deepEqual(isolations[0].deviceFilter?.exclude, { kinds: ['server'] });
    });

    it('when "if the box is a DC dont touch anything, just ping the AD team", then no step before it runs in an incident with a DC', async () => {
      const plan = await accepted('on mimikatz alerts isolate the box, disable the user account, if the box is a DC dont touch anything, we do those by hand, just post in the teams channel');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { kinds: ['domainController'] });
      assert.deepEqual(step(plan, 'disableUser').when?.condition, { not: { kind: 'deviceIs', match: { kinds: ['domainController'] } } });
      assert.deepEqual(step(plan, 'teamsMessage').when?.condition, { kind: 'deviceIs', match: { kinds: ['domainController'] } });
    });

    it('when lines are said to the room ("ok ppl LISTEN UP", "@dana watch the queue"), then they are background and the rest is read', async () => {
      const req = 'ok ppl LISTEN UP\nransomware alerts: isolate the device\n@dana watch the queue pls';
      const n = normalizeRequest(req);
      // (The courtesy at the end of a line is dropped before the line is set aside.)
      assert.deepEqual(n.background, ['ok ppl LISTEN UP', '@dana watch the queue']);
      assert.equal(step(await accepted(req), 'isolate').params.isolationType, 'Full');
    });
  });

  describe('rule-outs said in a list or of "anything"', () => {
    it('when the steps are a list and then "wait - if the box is a DC dont touch ANYTHING, just post", then none of the listed steps runs with a DC', async () => {
      const plan = await accepted('any incident with mimikatz in an alert title:\n- isolate the box\n- disable the user acct\nwait - if the box is a DC dont touch ANYTHING, just post in the teams channel');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { kinds: ['domainController'] });
      assert.deepEqual(step(plan, 'disableUser').when?.condition, { not: { kind: 'deviceIs', match: { kinds: ['domainController'] } } });
    });

    it('when "never touch anything tagged X", then neither incidents with that tag nor devices with it are acted on', async () => {
      const s = step(await accepted('on high severity alerts isolate the device. never touch anything tagged LEGAL-HOLD even if its a workstation'), 'isolate');
      assert.deepEqual(s.deviceFilter?.exclude, { tags: ['LEGAL-HOLD'] });
      assert.deepEqual(s.when?.condition, { not: { kind: 'incidentTag', tags: ['LEGAL-HOLD'] } });
    });
  });

  describe('an "unless" said as a sentence of its own', () => {
    it('when "unless a DC is involved." comes before "if a DC is involved, just post", then the steps before it never run with a DC', async () => {
      const plan = await accepted('on mimikatz alerts isolate the box and disable the user. unless a domain controller is involved. if a domain controller is involved, just post in teams.');
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { kinds: ['domainController'] });
      assert.deepEqual(step(plan, 'disableUser').when?.condition, { not: { kind: 'deviceIs', match: { kinds: ['domainController'] } } });
    });

    it('when the steps are sentences of their own before it, then each of them is held, and a step after it is not', async () => {
      const plan = await accepted('on mimikatz alerts isolate the box. disable the user. unless the incident is tagged drill. post in teams.');
      const drill = { not: { kind: 'incidentTag', tags: ['drill'] } };
      assert.deepEqual(step(plan, 'isolate').when?.condition, drill);
      assert.deepEqual(step(plan, 'disableUser').when?.condition, drill);
      assert.equal(step(plan, 'teamsMessage').when, undefined);
    });
  });
});

