import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { normalizeRequest } from '../../../src/playbooks/planner/normalize';
import { accepted, planner, step } from './helpers';

describe('offline planner: naming conventions, runbooks with bare headings, and requests asked politely', () => {
  describe('host names written as a convention', () => {
    it('when a placeholder stands for the number and sites are listed with slashes, then each site is a pattern of its own', async () => {
      const s = step(await accepted('high sev incidents on a kiosk box (LON/PAR/BER-KSK-nn) -> isolate'), 'isolate');
      assert.deepEqual(s.deviceFilter?.include?.namePatterns, ['lon-ksk-*', 'par-ksk-*', 'ber-ksk-*']);
    });

    it('when the site is the placeholder, then the pattern starts with a wildcard and the acronym said again is those devices', async () => {
      const plan = await accepted('on high sev incidents run a quick scan on the POS boxes (xxx-POS-##). also restrict app execution on the POS');
      assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter?.include?.namePatterns, ['*-pos-*']);
      assert.deepEqual(step(plan, 'restrictCodeExecution').deviceFilter?.include?.namePatterns, ['*-pos-*']);
    });

    it('when prefixes of names are listed in brackets after a kind of host, then they are patterns', () => {
      const text = normalizeRequest('gateway alerts (LON-GW / PAR-GW): revoke the sessions of the user').text;
      assert.match(text, /lon-gw-\*/i);
      assert.match(text, /par-gw-\*/i);
    });

    it('when a site is said by the prefix of a pattern given in the request, then it is those devices, never a word of the title', async () => {
      const plan = await accepted('malware at BER (any BER-* device, any sev): collect an investigation package');
      const s = step(plan, 'collectInvestigationPackage');
      assert.deepEqual(s.deviceFilter?.include?.namePatterns, ['ber-*']);
      assert.deepEqual(plan.spec.trigger.titleKeywords, []);
    });

    it('when a pattern placeholder appears in plain words, then nothing else changes', () => {
      assert.equal(normalizeRequest('isolate the device on high sev incidents').text, 'isolate the device on high severity incidents');
    });
  });

  describe('runbooks whose headings stand on lines of their own', () => {
    const runbook = [
      'KB-12 - Gateway credential access',
      '',
      'Trigger',
      '- alert in category CredentialAccess',
      '- Affected device hostname matches *-GW-* (any site: LON, PAR)',
      '',
      'Automated actions',
      '1. Isolate the GW (selective)',
      '2. Post to the SOC channel in Teams',
      '',
      'Never',
      '- reset the account from automation',
      '',
      'Why: the gateways carry the shop traffic.',
    ].join('\n');

    it('when the trigger, the actions and a rule-out are headings, then the steps keep the trigger and nothing ruled out is planned', async () => {
      const plan = await accepted(runbook);
      const s = step(plan, 'isolate');
      assert.equal(s.params.isolationType, 'Selective');
      assert.deepEqual(s.deviceFilter?.include?.namePatterns, ['*-gw-*']);
      assert.ok(plan.spec.trigger.categories.includes('CredentialAccess') || JSON.stringify(s.when ?? {}).includes('CredentialAccess'), JSON.stringify(plan.spec));
      assert.ok(!plan.spec.steps.some((x) => x.action === 'resetPassword'));
    });

    it('when the trigger lines name devices Rampart cannot test, then it asks instead of acting everywhere', async () => {
      const plan = await planner.plan(runbook.replace('- Affected device hostname matches *-GW-* (any site: LON, PAR)', '- the device is a shop gateway'));
      assert.ok(isQuestion(plan), JSON.stringify(plan));
    });

    it('when a runbook\'s title names something its lines never say again, then the title is asked about', async () => {
      const plan = await planner.plan(runbook.replace('Gateway credential access', 'Gateway credential access for the Zorblax tenant'));
      assert.ok(isQuestion(plan), JSON.stringify(plan));
    });

    it('when a runbook has a Rule and its Exceptions, then the rule\'s step skips each exception', async () => {
      const plan = await accepted([
        'KB-31 Account containment on Critical-looking High incidents',
        '',
        'Rule',
        '- For every incident with severity High, disable each user account that appears in the alerts.',
        '',
        'Exceptions (do NOT disable)',
        '- Service accounts (name starts with app-)',
        '- Members of the Plant-Emergency group',
      ].join('\n').replace('Critical-looking ', ''));
      const s = step(plan, 'disableUser');
      assert.deepEqual(s.userFilter, { exclude: { namePatterns: ['app-*'] }, notInGroups: ['Plant-Emergency'] });
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
    });

    it('when the conditions are all of a list and the covered hours get a post only, then the night steps need every line', async () => {
      const plan = await accepted([
        'Condition (all of)',
        '- incident created between 21:00 and 05:00 UTC',
        '- severity High',
        '- device is a POS (*-POS-*)',
        '',
        'Action',
        '- Isolate the POS (full)',
        '',
        'During covered hours: Teams post only, a human decides.',
      ].join('\n'));
      const iso = step(plan, 'isolate');
      const when = JSON.stringify(iso.when);
      assert.match(when, /timeWindow/);
      assert.match(when, /High/);
      assert.deepEqual(iso.deviceFilter?.include?.namePatterns, ['*-pos-*']);
      const post = step(plan, 'teamsMessage');
      assert.match(JSON.stringify(post.when), /"not":\{"kind":"timeWindow"/);
    });
  });

  describe('two negations in one case', () => {
    it('when the case left alone is itself negated, then the step is for the case named, never for the others', async () => {
      for (const [request, when] of [
        ['restrict app execution on high sev incidents, unless the incident is not tagged \'RESTRICT-OK\'', { kind: 'incidentTag', tags: ['RESTRICT-OK'] }],
        ['restrict app execution on high sev incidents. if the incident isn\'t tagged \'RESTRICT-OK\', do nothing', { kind: 'incidentTag', tags: ['RESTRICT-OK'] }],
      ] as const) {
        const s = step(await accepted(request), 'restrictCodeExecution');
        assert.deepEqual(s.when?.condition, when, request);
      }
      const servers = step(await accepted('restrict app execution on high sev incidents. if the device is not a server, do nothing'), 'restrictCodeExecution');
      assert.deepEqual(servers.deviceFilter, { include: { kinds: ['server'] } });
      const tagged = step(await accepted('restrict app execution on high sev incidents, unless the device doesn\'t have the tag \'RESTRICT-OK\''), 'restrictCodeExecution');
      assert.deepEqual(tagged.deviceFilter, { include: { tags: ['RESTRICT-OK'] } });
    });

    it('when an exception names the ones that are not something, then the step is only for the ones that are', async () => {
      const cases: Array<[string, 'restrictCodeExecution' | 'disableUser', unknown]> = [
        ['on high sev incidents restrict app execution, except devices that are not tagged \'RESTRICT-OK\'', 'restrictCodeExecution', { include: { tags: ['RESTRICT-OK'] } }],
        ['on high sev incidents restrict app execution unless not tagged \'RESTRICT-OK\'', 'restrictCodeExecution', { include: { tags: ['RESTRICT-OK'] } }],
        ['on high sev incidents restrict app execution unless its not a server', 'restrictCodeExecution', { include: { kinds: ['server'] } }],
      ];
      for (const [request, action, filter] of cases) assert.deepEqual(step(await accepted(request), action).deviceFilter, filter, request);
      for (const request of ['on high sev incidents disable the user except if they are not in the Temps group', 'on high sev incidents disable the user, except users who are not in the Temps group', 'on high sev incidents disable the user unless theyre not in the Temps group']) {
        assert.deepEqual(step(await accepted(request), 'disableUser').userFilter, { inGroups: ['Temps'] }, request);
      }
    });

    it('when the ones that are not something are skipped, left out, ignored or never touched, then the step is only for the ones that are', async () => {
      for (const request of [
        'on high sev incidents restrict app execution, but skip devices not in the Kiosk group',
        'on high sev incidents restrict app execution but leave out devices that are not in the Kiosk group',
        'on high sev incidents restrict app execution. ignore devices not in the Kiosk group',
        'on high sev incidents restrict app execution. do not touch devices not in the Kiosk group',
      ]) {
        assert.deepEqual(step(await accepted(request), 'restrictCodeExecution').deviceFilter, { include: { groups: ['Kiosk'] } }, request);
      }
      // Once dropped without a word: the disable ran for every user.
      assert.deepEqual(step(await accepted('on high sev incidents disable the account but never for users not in the Temps group'), 'disableUser').userFilter, { inGroups: ['Temps'] });
    });

    it('when a kind is left out only where a fact is missing, or two negations stand in a row, then nothing runs on the wrong side', async () => {
      // "except servers not tagged X" cannot be said as an exclusion of servers: asked, never "except servers tagged X".
      for (const request of ['on high sev incidents restrict app execution, except servers not tagged \'RESTRICT-OK\'', 'on high sev incidents restrict app execution, except servers that are not tagged \'RESTRICT-OK\'']) {
        assert.ok(isQuestion(await planner.plan(request)), request);
      }
      assert.deepEqual(step(await accepted('on high sev incidents restrict app execution, excluding devices not tagged \'RESTRICT-OK\''), 'restrictCodeExecution').deviceFilter, { include: { tags: ['RESTRICT-OK'] } });
      assert.deepEqual(step(await accepted('on high sev incidents restrict app execution if it is not not a server'), 'restrictCodeExecution').deviceFilter, { include: { kinds: ['server'] } });
      const owned = await planner.plan('on high sev incidents restrict app execution if the incident is not unassigned');
      assert.ok(isQuestion(owned) || JSON.stringify(owned).includes('"assigned":true'), JSON.stringify(owned));
    });

    it('when accounts "that are named" or "not named" a pattern are the exception, then the pattern is the accounts\', never a device\'s', async () => {
      for (const request of ['on risky sign-ins reset the password, only for accounts that are named ops-*', 'on risky sign-ins reset the password, except accounts not named ops-*']) {
        const s = step(await accepted(request), 'resetPassword');
        assert.deepEqual(s.userFilter, { include: { namePatterns: ['ops-*'] } }, request);
        assert.equal(s.when, undefined, request);
      }
    });

    it('when a negated case is said in a form Rampart does not turn around, then it asks rather than drop the "not"', async () => {
      const plan = await planner.plan('restrict app execution on high sev incidents, unless it has not yet been tagged \'RESTRICT-OK\' by the day shift');
      assert.ok(isQuestion(plan) || (plan.ok && JSON.stringify(plan.spec).includes('"kind":"incidentTag","tags":["RESTRICT-OK"]}') && !JSON.stringify(plan.spec).includes('"not":{"kind":"incidentTag"')), JSON.stringify(plan));
    });

    it('when incidents "untagged" are left alone after a tag is named, then they are the other side of that tag', async () => {
      const plan = await accepted('incidents tagged KIOSK-HOLD: collect an investigation package on every device in it. untagged -> nothing, normal flow handles those');
      assert.deepEqual(plan.spec.steps.map((x) => x.action), ['collectInvestigationPackage']);
      assert.deepEqual(step(plan, 'collectInvestigationPackage').when?.condition, { kind: 'incidentTag', tags: ['KIOSK-HOLD'] });
    });
  });

  describe('devices defined in a sentence of their own, and a rule named first', () => {
    it('when "we have a few X (P)" comes first, then "one of them" in the next sentence is those devices', async () => {
      const plan = await accepted('We also have a few Linux kiosks in the lobby (LBY-KSK-xx). If there is a malware alert on one of them, run a quick antivirus scan on it and let the facilities channel in Teams know.');
      const scan = step(plan, 'runAntiVirusScan');
      assert.deepEqual(scan.deviceFilter?.include?.namePatterns, ['lby-ksk-*']);
      assert.ok(plan.spec.steps.some((x) => x.action === 'teamsMessage'));
    });

    it('when laptops are defined by a pattern, then the pattern is enough and the form factor is not asked about', async () => {
      const s = step(await accepted('on malware alerts run a full scan on the sales laptops (SLS-LT-*)'), 'runAntiVirusScan');
      assert.deepEqual(s.deviceFilter?.include?.namePatterns, ['sls-lt-*']);
    });

    it('when the request says "we need a rule for X" and then the case, with one exception after a colon, then all of it holds', async () => {
      const plan = await accepted('I think we need a rule for credential theft on the gateways (the *-GW-* machines at all sites). If Defender raises a credential access alert on one of them, could you reset the password of the user involved? One exception please: if the account is in the Ops-Emergency group, leave it alone, those are the accounts we use when the domain is down.');
      const s = step(plan, 'resetPassword');
      assert.deepEqual(s.userFilter, { notInGroups: ['Ops-Emergency'] });
      assert.match(JSON.stringify(s.when), /\*-gw-\*/);
    });
  });

  describe('a list of exceptions', () => {
    it('when the last exception after "or" names accounts by a pattern, then it is left out like the others, never the only accounts acted on', async () => {
      const s = step(await accepted('on high sev incidents disable each user account in the alerts, except accounts starting with app-, members of the Plant-Emergency group or accounts starting with ops-'), 'disableUser');
      assert.deepEqual(s.userFilter, { exclude: { namePatterns: ['app-*', 'ops-*'] }, notInGroups: ['Plant-Emergency'] });
    });
  });

  describe('what a participle after a list leaves out', () => {
    it('when accounts are said "excluded" after the step, then they are left out, never the only ones acted on', async () => {
      for (const request of ['on high sev incidents disable the account in the alert, adm-* accounts excluded', 'on high sev incidents disable the account in the alert. adm-* accts excluded, disabling those locks us out']) {
        const s = step(await accepted(request), 'disableUser');
        assert.deepEqual(s.userFilter, { exclude: { namePatterns: ['adm-*'] } }, request);
      }
    });

    it('when "excluded" follows a verb, then it is not read as an exception of that word', () => {
      assert.doesNotMatch(normalizeRequest('on high sev incidents disable the account in the alert, admins are excluded').text, /except are/);
    });
  });

  describe('requests asked politely', () => {
    it('when the request is wrapped in apologies, "maybe", "if possible" and "it would help if you added", then the steps are planned', async () => {
      const plan = await accepted(
        'Sorry if this is a silly ask. On high severity incidents, could you maybe isolate the device and, if possible, also collect an investigation package? I think it would help the night team if you posted to Teams. I hope that makes sense!',
      );
      assert.deepEqual(plan.spec.steps.map((x) => x.action).sort(), ['collectInvestigationPackage', 'isolate', 'teamsMessage']);
    });

    it('when "I mean" closes an exception, then the exception holds and the next sentence says what the exception gets', async () => {
      const plan = await accepted(
        'On high severity incidents please revoke the user\'s sessions. Unless the user is in the Execs group, I mean. For them just an email to exec-it@fabrikam.com would be better.',
      );
      assert.deepEqual(step(plan, 'revokeSessions').userFilter, { notInGroups: ['Execs'] });
      assert.match(JSON.stringify(step(plan, 'sendMail').when), /userInGroup/);
    });

    it('when "I mean" is followed by what is meant, then it is still a correction', async () => {
      const plan = await accepted('on high severity incidents run a full scan, I mean a quick scan');
      assert.equal(step(plan, 'runAntiVirusScan').params.scanType, 'Quick');
    });

    it('when what has been happening is told first, then it is no step and no condition', async () => {
      const plan = await accepted('We have been seeing a lot of fake parcel notices lately. On phishing alerts from Defender for Office 365, revoke the sessions of the recipients.');
      assert.deepEqual(plan.spec.steps.map((x) => x.action), ['revokeSessions']);
    });

    it('when a rule is stressed with "period", then the rule-out holds and nothing is asked', async () => {
      const plan = await accepted('on high sev incidents scan the device. servers never get isolated, period');
      assert.deepEqual(plan.spec.steps.map((x) => x.action), ['runAntiVirusScan']);
    });

    it('when an address thought of first is taken back and the mail is sent "to X instead" in the next sentence, then one mail goes to X', async () => {
      const plan = await accepted(
        'When a URL in a phishing alert is malicious on VirusTotal, block it and send a mail about it. I first thought of old-soc@fabrikam.com but nobody reads that box anymore, so please send it to new-soc@fabrikam.com instead.',
      );
      const mails = plan.spec.steps.filter((x) => x.action === 'sendMail');
      assert.equal(mails.length, 1, JSON.stringify(plan.spec.steps));
      assert.deepEqual(mails[0].params.mailTo, ['new-soc@fabrikam.com']);
      assert.match(JSON.stringify(mails[0].when), /maliciousIoc/);
    });

    it('when a correction adds a step ("actually no, disable it too"), then the first step stays and the second joins it', async () => {
      const plan = await accepted('on high sev incidents revoke the sessions of the user. hmm actually no, disable them too, revoke + disable both');
      assert.deepEqual(plan.spec.steps.map((x) => x.action).sort(), ['disableUser', 'revokeSessions']);
    });

    it('when a correction keeps or drops a step by its noun ("just the email", "no teams post"), then only that step changes', async () => {
      const keep = await accepted('for medium sev incidents post to teams and email it-lead@fabrikam.com. hmm, on second thought, only the email and not the teams post, the channel is busy enough');
      assert.deepEqual(keep.spec.steps.map((x) => x.action), ['sendMail']);
      assert.deepEqual(keep.spec.trigger.severities, ['Medium']);
      const drop = await accepted('for medium sev incidents scan the device and post to teams. actually no, no teams post');
      assert.deepEqual(drop.spec.steps.map((x) => x.action), ['runAntiVirusScan']);
      // A noun no step was said with replaces the step as any correction does: here a ticket, which Rampart declines.
      const other = await planner.plan('for medium sev incidents scan the device. actually no, just the ticket');
      assert.equal(other.ok, false, JSON.stringify(other));
    });

    it('when a supplier is called a vendor, then it is no VirusTotal verdict', async () => {
      const plan = await accepted('on risky sign-ins of vendor accounts (ext-*), revoke the sessions');
      assert.equal(step(plan, 'revokeSessions').when, undefined);
      assert.deepEqual(step(plan, 'revokeSessions').userFilter, { include: { namePatterns: ['ext-*'] } });
    });

    it('when the last band of a list after "otherwise" needs nothing, then nothing is asked', async () => {
      const plan = await accepted('For URLs in our alerts: if VirusTotal has 8 or more detections, block the URL. Otherwise, if it has at least 2, tag the incident URL-CHECK. If it is 0 or VT never saw it, nothing is needed.');
      const block = step(plan, 'createIndicator');
      assert.deepEqual(block.target.kind === 'iocs' ? block.target.iocTypes : [], ['url']);
      // The lead says which IOCs the test is of: a hash with 8 engines is no reason to skip the tag of a 3-engine URL.
      assert.doesNotMatch(JSON.stringify(step(plan, 'updateIncident').when), /"file"/);
    });

    it('when cases left alone are those whose title does not mention the word the steps test, then nothing is asked', async () => {
      const plan = await accepted('Close incidents whose title mentions PENTEST-42 as resolved. Anything whose title doesn\'t mention PENTEST-42 should stay exactly as it is.');
      assert.equal(step(plan, 'updateIncident').params.incident?.status, 'Resolved');
    });

    it('when a lowercase kind and a list of patterns are said together, or the alerts of hosts so named, then the patterns are tested', async () => {
      const scan = step(await accepted('on any alert on one of the linux kiosks (LON-KSK-xx, PAR-KSK-xx), collect an investigation package from that box'), 'collectInvestigationPackage');
      assert.deepEqual(scan.deviceFilter?.include?.namePatterns ?? (JSON.parse(JSON.stringify(scan.when ?? {})) as { condition?: { match?: { namePatterns?: string[] } } }).condition?.match?.namePatterns, ['lon-ksk-*', 'par-ksk-*']);
      const plan = await accepted('gateway host alerts (LON-GW / PAR-GW): revoke the sessions of the user in the alert');
      assert.match(JSON.stringify(step(plan, 'revokeSessions')), /lon-gw-\*.*par-gw-\*/);
    });

    it('when the category and the engine count are said in shorthand, then they are read', async () => {
      const plan = await accepted('alert cat Ransomware, VT mal count of the hash >= 10 -> block the hash');
      const s = step(plan, 'createIndicator');
      assert.equal(s.target.kind === 'iocs' ? s.target.minEngines : undefined, 10);
    });
  });
});
