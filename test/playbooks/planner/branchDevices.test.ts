import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { normalizeRequest } from '../../../src/playbooks/planner/normalize';
import type { Step } from '../../../src/playbooks/spec';
import { accepted, planner, step } from './helpers';

const of = (steps: Step[], action: Step['action']): Step[] => steps.filter((s) => s.action === action);

describe('offline planner: the devices an opening names reach every branch; a story told in the past; how an ask is put', () => {
  describe('branches under an opening that names devices', () => {
    it('when "for alerts on workstations: if High isolate, if Medium restrict", then the restriction is held to workstations too', async () => {
      const plan = await accepted('for alerts on workstations: if High isolate it, if Medium restrict app execution on it');
      for (const s of [step(plan, 'isolate'), step(plan, 'restrictCodeExecution')]) assert.deepEqual(s.deviceFilter?.include, { kinds: ['workstation'] }, JSON.stringify(s));
    });

    it('when the opening is an event ("when an alert fires on a workstation and it is High ..., and if it is Medium ..."), then so is the second branch', async () => {
      const plan = await accepted('when an alert fires on a workstation and it is High severity isolate it, and if it is Medium then restrict app execution on it');
      assert.deepEqual(step(plan, 'restrictCodeExecution').deviceFilter?.include, { kinds: ['workstation'] });
      assert.deepEqual(step(plan, 'restrictCodeExecution').when?.condition, { kind: 'severity', severities: ['Medium'] });
    });

    it('when a branch names devices of its own ("if it is a server"), then it keeps them and gets none of the opening\'s', async () => {
      const plan = await accepted('for alerts on workstations: if High isolate it, if it is a server restrict app execution on it');
      assert.deepEqual(step(plan, 'restrictCodeExecution').deviceFilter?.include, { kinds: ['server'] });
      assert.deepEqual(step(plan, 'isolate').deviceFilter?.include, { kinds: ['workstation'] });
    });
  });

  describe('a story told in the past', () => {
    it('when "last year we blocked an internet address ..., so no addresses" sits among the steps, then it is background and blocks nothing', async () => {
      const n = normalizeRequest('block the file hash if VirusTotal flags it. last year we blocked an internet address and it broke card payments, so be careful.');
      assert.ok(n.background?.some((b) => /last year we blocked an internet address/.test(b)), JSON.stringify(n));
      assert.ok(!/internet address/.test(n.text), n.text);
      const plan = await planner.plan('block the file hash if VirusTotal flags it. last year we blocked an internet address and it broke card payments for a day.');
      if (plan.ok) for (const s of of(plan.spec.steps, 'createIndicator')) assert.ok(!(s.target.kind === 'iocs' && s.target.iocTypes?.includes('ip')), JSON.stringify(s));
    });

    it('when a sentence opens on a time gone by but tells nothing that happened ("last week: isolate the device"), then it is read as usual', () => {
      const n = normalizeRequest('Last week\'s rule still holds. Last time, isolate the device on high alerts.');
      assert.equal(n.background, undefined, JSON.stringify(n.background));
      assert.match(n.text, /isolate the device on high alerts/i);
    });
  });

  describe('how the ask is put', () => {
    it('when who asks comes first ("im the only sysadmin ..., but could you set it up so that when ..."), then it is background and the request is read', async () => {
      const req = 'im the only sysadmin at this clinic and malware is not my area, but could you set it up so that when Defender flags a workstation and it\'s rated High it runs a full virus scan on it';
      const n = normalizeRequest(req);
      assert.ok(n.background?.some((b) => /only sysadmin/.test(b)), JSON.stringify(n.background));
      const plan = await accepted(req);
      const s = step(plan, 'runAntiVirusScan');
      assert.equal(s.params.scanType, 'Full');
      assert.deepEqual(s.when?.condition ?? { kind: 'severity', severities: plan.spec.trigger.severities }, { kind: 'severity', severities: ['High'] });
      assert.deepEqual(s.deviceFilter?.include, { kinds: ['workstation'] });
    });

    it('when what comes first narrows ("only for the finance team, but could you set it up so ..."), then it is not set aside', () => {
      const n = normalizeRequest('only for the finance team, but could you set it up so when Defender flags a workstation it runs the full virus check on it');
      assert.ok(!n.background, JSON.stringify(n.background));
    });

    it('when "a laptop" names the alert\'s device, then it is a workstation, and the card says so', async () => {
      const n = normalizeRequest('when there is a malware alert on a laptop, run a full antivirus scan on it');
      assert.match(n.text, /on a workstation/);
      assert.ok(n.corrections.some((c) => /laptop/.test(c.from) && c.to === 'a workstation'));
      assert.ok(isQuestion(await planner.plan('isolate laptops on high alerts')), '"laptops" as a limit of its own is still asked about');
    });

    it('when "if it\'s only Medium a quick virus scan will be fine, everything lower than that leave alone", then Medium gets a quick scan and lower gets nothing', async () => {
      const plan = await accepted('when Defender flags a workstation and it is High severity run a full antivirus scan on it, and if it\'s only Medium a quick virus scan will be fine, and everything lower than that leave alone');
      const scans = of(plan.spec.steps, 'runAntiVirusScan');
      assert.deepEqual(scans.map((s) => [s.params.scanType, s.when?.condition]), [['Full', { kind: 'severity', severities: ['High'] }], ['Quick', { kind: 'severity', severities: ['Medium'] }]]);
    });

    it('when the reason names a phone call ("because the nurses call me"), then the request is not refused as unsupported', async () => {
      const plan = await planner.plan('on high alerts run a full antivirus scan on the device, and anything lower than that just ignore because the nurses call me to complain');
      assert.ok(plan.ok, JSON.stringify(plan));
      assert.ok(!JSON.stringify(plan).includes('SMS and phone calls'), JSON.stringify(plan));
    });

    it('when "vt agrees the hash is malicious", then VirusTotal flags the file, with the words kept apart', () => {
      assert.match(normalizeRequest('block the hash but only if vt agrees the hash is malicious').text, /virustotal flags the hash$/i);
    });

    it('when "ONLY the file please." follows a block, then only file hashes are blocked', async () => {
      const plan = await accepted('when there is a bad file on a device, block it if VirusTotal flags it. ONLY the file please.');
      for (const s of of(plan.spec.steps, 'createIndicator')) assert.deepEqual(s.target.kind === 'iocs' ? s.target.iocTypes : s.target.kind, ['file'], JSON.stringify(s));
    });
  });
});

describe('offline planner: an exception for a group with steps of its own; a lead briefing "you"; severities said in passing', () => {
  const userSteps = (steps: Step[]): Step[] => steps.filter((s) => s.action === 'confirmCompromised' || s.action === 'revokeSessions');

  it('when "X and Y. but if they\'re in G, just drop a comment", then X and Y spare G and the comment is for G', async () => {
    const plan = await accepted('on risky sign-ins confirm the user compromised and revoke their sessions. but if they\'re in SOC-Analysts, just drop a comment on the incident.');
    for (const s of userSteps(plan.spec.steps)) assert.deepEqual(s.userFilter, { notInGroups: ['SOC-Analysts'] }, JSON.stringify(s));
    assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'userInGroup', groups: ['SOC-Analysts'] });
  });

  it('when the exception ends with "instead", then no step acts on the group alone and every destructive step spares it', async () => {
    const plan = await accepted('on risky sign-ins confirm the user compromised and revoke their sessions, but if they\'re in the SOC-Analysts group, just drop a comment on the incident instead.');
    assert.equal(userSteps(plan.spec.steps).length, 2);
    for (const s of userSteps(plan.spec.steps)) assert.deepEqual(s.userFilter, { notInGroups: ['SOC-Analysts'] }, JSON.stringify(s));
  });

  it('when a lead says the steps to "you" ("-> you restrict app execution ... and you tag the incident"), then they are the steps', async () => {
    const plan = await accepted('medium sev alerts from MDE in the Execution category -> you restrict app execution on the host, and you tag the incident exec-hit');
    assert.ok(step(plan, 'restrictCodeExecution'));
    assert.deepEqual(step(plan, 'updateIncident').params.incident?.addTags, ['exec-hit']);
  });

  it('when "you" is the reader\'s own judgement ("ping me if you think it needs it"), then it stays a condition Rampart cannot read', () => {
    assert.match(normalizeRequest('ping me if you think it needs it').text, /if you think/);
  });

  it('when "dont bother with anything below medium", then the lower severities are left out', async () => {
    const s = step(await accepted('quarantine the file on malware alerts. dont bother with anything below medium, that\'s mostly the lab testing'), 'stopAndQuarantineFile');
    assert.deepEqual(s.when?.condition, { not: { kind: 'severity', severities: ['Informational', 'Low'] } });
  });

  it('when "this is High only" is said after the steps, then the playbook is for High incidents only', async () => {
    const plan = await accepted('restrict app execution on the host on alerts. this is for High only');
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
  });

  it('when slang names a step ("kick the machine off the lan", "kill the sessions", "burn every hash", "lock the account"), then it is that step', async () => {
    assert.equal(step(await accepted('on critical alerts kick the machine off the lan'), 'isolate').action, 'isolate');
    assert.equal(step(await accepted('on impossible travel alerts kill the user\'s sessions'), 'revokeSessions').action, 'revokeSessions');
    assert.deepEqual(step(await accepted('on malware alerts burn every hash'), 'createIndicator').target, { kind: 'iocs', iocTypes: ['file'], minEngines: null });
    assert.equal(step(await accepted('on impossible travel alerts lock the user\'s account'), 'disableUser').action, 'disableUser');
    assert.equal(step(await accepted('on impossible travel alerts make the user choose a new password'), 'resetPassword').action, 'resetPassword');
    assert.equal(step(await accepted('on high alerts give the dba team a shout in the channel'), 'teamsMessage').action, 'teamsMessage');
  });

  it('when "lock down" is said of the apps, then it stays an app restriction, never a disable', async () => {
    const plan = await accepted('on high alerts, lock down the apps on the device');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['restrictCodeExecution']);
  });

  it('when "exception - if they\'re in G" follows the steps, then it is an exception to them', async () => {
    const plan = await accepted('on risky sign-ins revoke their sessions. exception - if they\'re in the SOC-Analysts group just drop a comment on the incident');
    assert.deepEqual(step(plan, 'revokeSessions').userFilter, { notInGroups: ['SOC-Analysts'] });
  });
});

describe('offline planner: a step ruled out then allowed for a group, "unless X -> Y instead", what a reason names, band labels', () => {
  it('when "dont disable the account, legal gets nervous ...buut if they\'re in G disable it too", then the disable is for that group only', async () => {
    const plan = await accepted('on risky sign-ins revoke their sessions and force a pw reset. dont disable the account, legal gets nervous 😬 ...buut if they\'re in Domain-Admins then disable it too');
    assert.deepEqual(step(plan, 'disableUser').userFilter, { inGroups: ['Domain-Admins'] });
    assert.ok(step(plan, 'revokeSessions') && step(plan, 'resetPassword'));
  });

  it('when "disable the user. unless its a service acct (in the G grp) -> post in the soc channel instead", then the disable spares the group and the ping is for it', async () => {
    const plan = await accepted('on MDI alerts disable the user behind it. unless its a service acct (in the batch-jobs grp) -> post in the soc channel instead, it breaks billing');
    assert.deepEqual(step(plan, 'disableUser').userFilter, { notInGroups: ['batch-jobs'] });
    assert.deepEqual(step(plan, 'teamsMessage').when?.condition, { kind: 'userInGroup', groups: ['batch-jobs'] });
  });

  it('when a reason after an exclusion names a threat ("leave the ips alone, they are mostly tor relays anyway"), then no step gets it as a condition', async () => {
    const plan = await accepted('on ransomware alerts block the sha256 hash. leave the ips alone, they are mostly tor relays anyway. also isolate the device');
    assert.ok(!JSON.stringify(plan.spec.steps).includes('Tor'), JSON.stringify(plan.spec.steps));
    for (const s of of(plan.spec.steps, 'createIndicator')) assert.deepEqual(s.target.kind === 'iocs' ? s.target.iocTypes : [], ['file']);
  });

  it('when the hash kind and the indicator action are said as sentences after the block, then the block uses them', async () => {
    const s = step(await accepted('on malware alerts block every hash. sha1 please. Block and remediate, no expiration.'), 'createIndicator');
    assert.equal(s.params.fileHash, 'SHA1');
    assert.equal(s.params.indicatorAction, 'BlockAndRemediate');
  });

  it('when "DCs though? never (DC = name begins with dc-)" follows an isolation, then DCs and dc- devices are left out', async () => {
    const s = step(await accepted('when defender screams about credential dumping on a host -> take it off the network. servers too. DCs though? never (DC = name begins with dc-)'), 'isolate');
    assert.deepEqual(s.deviceFilter, { exclude: { kinds: ['domainController'], namePatterns: ['dc-*'] } });
  });

  it('when a definition of DCs follows "but never DCs," as a clause, then it names them and never becomes the only devices acted on', async () => {
    const s = step(await accepted('on high alerts isolate it, but never DCs, DCs are devices whose hostname starts with dc-'), 'isolate');
    assert.equal(s.when, undefined);
    assert.deepEqual(s.deviceFilter, { exclude: { kinds: ['domainController'], namePatterns: ['dc-*'] } });
  });

  it('when bands are labelled ">=20 engines", "1-19" and "0 / VT never seen it", then each band gets its own steps', async () => {
    const plan = await accepted('mdo alerts with a domain -> VT the domain\n>=20 engines: block the domain and tag it bad-domain\n1-19: just tag it maybe-bad, no block\n0 / VT never seen it: nothing, an analyst will look');
    assert.deepEqual(step(plan, 'createIndicator').target, { kind: 'iocs', iocTypes: ['domain'], minEngines: 20 });
    assert.equal(of(plan.spec.steps, 'createIndicator').length, 1);
  });

  it('when a band with "same" says "no block", then the words stay and Rampart does not read the band as its own steps alone', () => {
    assert.match(normalizeRequest('10+: block the url and tag it. 1-9: same, no block').text, /no block/);
  });
});

describe('offline planner: a request written as a policy (numbered provisions, headings, defined terms)', () => {
  it('when mailboxes are defined terms ("X" means a@b), then the mails go to them, per severity', async () => {
    const plan = await accepted('Part 3 - Alerting\n3.1 Definitions. "Duty Manager" means duty@contoso.com. "IR Lead" means irlead@contoso.com.\n3.2 Incidents of High severity shall be notified by electronic mail to the Duty Manager and to the IR Lead.\n3.3 Incidents of Medium severity shall be notified to the IR Lead only; the Duty Manager shall not be copied.\n3.4 Incidents of Low severity shall not give rise to notification.');
    const mails = of(plan.spec.steps, 'sendMail');
    assert.deepEqual(mails.map((m) => [m.params.mailTo, m.when?.condition]), [
      [['duty@contoso.com', 'irlead@contoso.com'], { kind: 'severity', severities: ['High'] }],
      [['irlead@contoso.com'], { kind: 'severity', severities: ['Medium'] }],
    ]);
  });

  it('when devices are defined by a tag and a name ("X" means a device bearing the machine tag ...), then the provisions act on those devices', async () => {
    const plan = await accepted('Standard ST-4 - Containment\n(a) "Lab Device" means a device bearing the machine tag "Lab". "Jump Host" means a device whose name begins with "jmp".\n(b) A Lab Device shall, upon any alert of High severity, be isolated using Selective isolation only. Full isolation of a Lab Device is prohibited.\n(c) Jump Hosts are exempt from (b) and shall not be isolated.');
    const s = step(plan, 'isolate');
    assert.equal(s.params.isolationType, 'Selective');
    assert.deepEqual(s.deviceFilter, { include: { tags: ['Lab'] }, exclude: { namePatterns: ['jmp*'] } });
    assert.equal(of(plan.spec.steps, 'isolate').length, 1);
  });

  it('when a provision says "This procedure applies to incidents whose title contains X", then every step is for those incidents, and "save for" excludes', async () => {
    const plan = await accepted('PR-9 (Wipers)\n9.1 This procedure applies to any incident whose title contains the word "wiper", irrespective of case.\n9.2 The Service shall (i) isolate every device in the incident, save for devices belonging to the device group "Plant-Floor"; and (ii) notify the plant manager by e-mail (plant@contoso.com).');
    const s = step(plan, 'isolate');
    assert.deepEqual(s.deviceFilter, { exclude: { groups: ['Plant-Floor'] } });
    assert.deepEqual(plan.spec.trigger.titleKeywords, ['wiper']);
  });

  it('when "the Service shall not resolve any other incident" follows a resolution, then it is no resolution of its own', async () => {
    const plan = await accepted('Rule 2 (Drills)\n2.1 An incident of Low severity whose alert title contains "DRILL" shall be resolved by the Service with the classification "Informational, expected activity".\n2.2 The Service shall not resolve any other incident.');
    const resolves = plan.spec.steps.filter((s) => s.params.incident?.status === 'Resolved');
    assert.equal(resolves.length, 1);
    assert.equal(resolves[0].params.incident?.classification, 'InformationalExpectedActivity');
  });

  it('when a numbered list is not a policy ("1. isolate the device"), then nothing is taken as a heading', () => {
    const n = normalizeRequest('on high alerts:\n1. isolate the device\n2. post in teams');
    assert.match(n.text, /isolate the device/);
    assert.match(n.text, /post in teams/);
  });
});

describe('offline planner: a request sent as a letter; a case ruled out before the steps', () => {
  it('when a case of users is ruled out before any step ("for users in G we take no action. ... disable the user"), then the steps spare G, never act on G alone', async () => {
    for (const req of [
      'for users in the Contractors group we take no action. on high incidents disable the user.',
      'for incidents where the user is member of \'Contractors\' group, we should not do any action on the user account. For High severity incidents having a user, disable the user and reset the password.',
      'for incidents where the user is in the Contractors group, leave the account alone. on high incidents disable the user.',
    ]) {
      const plan = await planner.plan(req);
      if (!plan.ok) continue;
      for (const s of plan.spec.steps.filter((x) => x.action === 'disableUser' || x.action === 'resetPassword')) {
        assert.ok(!JSON.stringify(s).includes('"inGroups"'), `${req}: ${JSON.stringify(s)}`);
        assert.ok(JSON.stringify(s).includes('Contractors'), `${req}: the group must be spared: ${JSON.stringify(s)}`);
      }
    }
  });

  it('when the request is a letter (greeting, courtesies, signature), then only the request is read and the rest is background', async () => {
    const req = 'Good morning team,\nAs discussed yesterday, kindly set up the automation for below requirement. Whenever any incident is coming with severity as High from MDE, kindly run a full antivirus scan on the affected machine and do the needful to inform the SOC over mail on soc-l1@contoso.com.\nRevert back in case of any queries.\nThanks & Regards,\nSuresh K\nSOC Delivery';
    const plan = await accepted(req);
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['runAntiVirusScan', 'sendMail']);
    assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['soc-l1@contoso.com']);
    const n = normalizeRequest(req);
    assert.ok(n.background?.some((b) => /Suresh/.test(b)), JSON.stringify(n.background));
  });

  it('when a signature line names a step ("Regards, isolate ..."), then it is not taken for a signature', () => {
    assert.match(normalizeRequest('on high alerts scan the device. Regards, and isolate it too').text, /isolate it too/);
  });

  it('when "X are not to be isolated, for the same only run a full AV scan", then those devices get the scan instead', async () => {
    const plan = await accepted('on high incidents from MDE isolate the affected machine. Please note servers are not to be isolated, for the same kindly do only Full AV scan.');
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { kinds: ['server'] });
    assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter?.include, { kinds: ['server'] });
  });
});

describe('offline planner: a phone-typed night-shift voice', () => {
  it('when voice typing hears "isle late" for isolate, then it is the isolation, and the card says how it was read', async () => {
    const plan = await accepted('on ransomware alerts isle late the machine');
    assert.equal(step(plan, 'isolate').action, 'isolate');
    assert.ok(plan.understood.some((u) => /isle late/.test(u.phrase)), JSON.stringify(plan.understood));
  });

  it('when "if u see the X tag on an incident just email me a@b w the details", then the mail is for incidents tagged X only', async () => {
    const plan = await accepted('if u see the Board tag on an incident just email me board-watch@contoso.com w the details and do nothing else');
    assert.deepEqual(step(plan, 'sendMail').when?.condition, { kind: 'incidentTag', tags: ['Board'] });
    assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['board-watch@contoso.com']);
  });

  it('when "unless their in the G group" or "unless they r in G" (a capitalised name), then it is that group', async () => {
    const a = step(await accepted('on risky sign-ins disable the acct unless their in the Field Ops group'), 'disableUser');
    assert.deepEqual(a.userFilter, { notInGroups: ['Field Ops'] });
    const b = await accepted('on risky sign-ins revoke sessions. unless they r in Contractors, then just mail hr@contoso.com');
    assert.deepEqual(step(b, 'revokeSessions').userFilter, { notInGroups: ['Contractors'] });
  });

  it('when "dont isolate anything!! just the scan" follows a scan, then the scan is planned and nothing is isolated', async () => {
    const plan = await accepted('pls run a full av scan on the box in the alert when sev is high.. dont isolate anything!! just the scan');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['runAntiVirusScan']);
  });

  it('when a joke rules a step out ("not isolating some exec\'s laptop at 2am lol"), then its time of day is no condition', async () => {
    const plan = await accepted('on high incidents tagged Board email soc@contoso.com. not isolating some exec\'s laptop at 2am lol');
    assert.deepEqual(step(plan, 'sendMail').when?.condition, { kind: 'incidentTag', tags: ['Board'] });
    assert.ok(!plan.spec.steps.some((s) => s.action === 'isolate'));
  });
});

describe('offline planner: a request written as pseudo-code; devices left out by a sentence of their own', () => {
  it('when a sentence after the steps only leaves devices out ("Except on Linux devices and devices named db-*."), then every step before it leaves them out', async () => {
    const plan = await accepted('when the alert title contains \'Encoded Command\':\nisolate the device. set the incident to In Progress. Except on Linux devices and devices named db-*.');
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.exclude, { namePatterns: ['db-*'], osPlatforms: ['Linux'] });
  });

  it('when the tests are code ("&&", "!=", "!name.startswith(...)") and the steps are calls, then they read as conditions and steps', async () => {
    const plan = await accepted('when alert.title contains "Encoded Command" && alert.device.osPlatform != macOS && !alert.device.name.startswith("kiosk-"):\n  isolate(Selective)\n  updateIncident(status=InProgress, comment="contained")\n  teams');
    const s = step(plan, 'isolate');
    assert.equal(s.params.isolationType, 'Selective');
    assert.deepEqual(s.deviceFilter?.exclude, { namePatterns: ['kiosk-*'], osPlatforms: ['macOS'] });
    assert.ok(plan.spec.steps.some((x) => x.action === 'teamsMessage'));
  });

  it('when two calls share a branch ("user ∉ group(G) => revokeSessions(user); confirmCompromised(user)"), then both spare the group', async () => {
    const plan = await accepted('src: AzureAdIdentityProtection\nuser \u2209 group(Break-Glass) => revokeSessions(user); confirmCompromised(user)\nuser \u2208 group(Break-Glass) => mail iam@contoso.com');
    for (const a of ['revokeSessions', 'confirmCompromised'] as const) assert.deepEqual(step(plan, a).userFilter, { notInGroups: ['Break-Glass'] }, a);
    assert.deepEqual(step(plan, 'sendMail').when?.condition, { all: [{ kind: 'serviceSource', sources: ['AzureAdIdentityProtection'] }, { kind: 'userInGroup', groups: ['Break-Glass'] }] });
  });

  it('when a VirusTotal count is banded in code ("v >= 20 => ...", "3 <= v < 20 => ..."), then each band gets its indicator', async () => {
    const plan = await accepted('trigger: new incident\nwhere serviceSource == MicrosoftDefenderForEndpoint\nforeach File entity:\n  v = VT(sha256).malicious\n  v >= 20       => indicator(FileSha256, Block)\n  3 <= v < 20   => indicator(FileSha256, Alert)\n  else          => noop');
    const blocks = of(plan.spec.steps, 'createIndicator');
    assert.equal(blocks.length, 2, JSON.stringify(blocks));
    assert.ok(blocks.some((b) => b.target.kind === 'iocs' && b.target.minEngines === 20), JSON.stringify(blocks));
  });
});

describe('offline planner: the kind of isolation said in brackets after the verb, inside bands', () => {
  it('when "High -> isolate (selective); Medium -> package; Low -> nothing", then the selective isolation is for High only', async () => {
    const plan = await accepted('by severity: High -> isolate (selective) / Medium -> collect an investigation package / Low -> nothing');
    const isolations = of(plan.spec.steps, 'isolate');
    assert.equal(isolations.length, 1, JSON.stringify(isolations));
    assert.equal(isolations[0].params.isolationType, 'Selective');
    assert.ok(JSON.stringify(isolations[0].when ?? plan.spec.trigger).includes('High'), JSON.stringify(isolations[0]));
    assert.ok(!JSON.stringify(isolations[0].when ?? {}).includes('Medium'));
  });

  it('when "isolate the box (full)" is said in a plain sentence, then it is a full isolation', async () => {
    assert.equal(step(await accepted('on high alerts isolate the box (full) and post in teams'), 'isolate').params.isolationType, 'Full');
  });
});

describe('offline planner: a step after ";" in a sentence that opened on a case', () => {
  it('when "if the user is not in G, revoke their sessions; confirm the user compromised", then both steps spare G', async () => {
    const plan = await accepted('on risky sign-ins: if the user is not in the Travel-Desk group, revoke their sessions; confirm the user compromised.');
    for (const a of ['revokeSessions', 'confirmCompromised'] as const) assert.deepEqual(step(plan, a).userFilter, { notInGroups: ['Travel-Desk'] }, a);
  });

  it('when the case is a kind of device ("if the device is a workstation, isolate it; collect a package"), then both steps keep to it', async () => {
    const plan = await accepted('on high alerts: if the device is a workstation, isolate it; collect an investigation package.');
    for (const a of ['isolate', 'collectInvestigationPackage'] as const) assert.deepEqual(step(plan, a).deviceFilter?.include, { kinds: ['workstation'] }, a);
  });

  describe('a plain "otherwise" after a branch that chose devices in a kind of alert', () => {
    it('when "if a server in group G has a \'cryptominer\' alert, restrict; otherwise isolate", then the isolation is of the other devices with that alert, never of every other alert', async () => {
      const plan = await accepted("if a server in the Build-Farm group has a 'cryptominer' alert, restrict app execution on it; otherwise isolate it");
      const isolate = step(plan, 'isolate');
      assert.deepEqual(isolate.when?.condition, { kind: 'titleContains', keywords: ['cryptominer'] });
      assert.ok(isolate.deviceFilter?.exclude?.groups?.includes('Build-Farm'), JSON.stringify(isolate));
      // A test of the user is what an "otherwise" is the other side of: the other users, not other devices.
      const vip = await accepted('high sev on a laptop where the user is in the Board group -> selective isolation. otherwise full isolation');
      const full = vip.spec.steps.find((s) => s.action === 'isolate' && s.params.isolationType === 'Full');
      assert.match(JSON.stringify(full?.when ?? null), /"not":\{"kind":"userInGroup"/, JSON.stringify(vip.spec.steps));
    });
  });
});
