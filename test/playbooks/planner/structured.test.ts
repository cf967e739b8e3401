import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { restateStructured } from '../../../src/playbooks/planner/structured';
import type { Condition, Severity } from '../../../src/playbooks/spec';
import { accepted, planner, step } from './helpers';

describe('offline planner: requests written as labelled lines, and a scope before a test', () => {
  describe('labelled lines (Trigger / Conditions / Actions)', () => {
    it('when a request is pasted as labelled lines, then it is read as the one sentence they say', async () => {
      const plan = await accepted(['Use case: ransomware containment', 'Trigger: incident raised, severity High', 'Criteria: category is Ransomware', 'Response:', '- quarantine the host', '- notify soc-leads@contoso.com'].join('\n'));
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
      assert.deepEqual(plan.spec.trigger.categories, ['Ransomware']);
      assert.deepEqual(plan.spec.steps.map((s) => s.action).sort(), ['isolate', 'sendMail']);
      assert.ok(plan.understood.some((u) => /labelled lines/.test(u.phrase) && /read as one request/.test(u.meaning)), 'the card says how the lines were read');
    });

    it('when an exception line follows, then it narrows the steps; an else line is the other branch', async () => {
      const plan = await accepted(['Trigger - new incident from MDE', 'If - the file is flagged by 4+ VT engines', 'Then - stop and quarantine the file', 'Else - add a comment with the VT results'].join('\n'));
      assert.deepEqual(step(plan, 'stopAndQuarantineFile').target, { kind: 'fileDevices', minEngines: 4 });
      assert.deepEqual(step(plan, 'updateIncident').when?.condition, { not: { kind: 'maliciousIoc', iocTypes: ['file'], minEngines: 4 } });
      const spared = await accepted(['When: high severity incident', 'Actions:', '1. isolate the machine', '2. collect an investigation package', 'Exceptions: domain controllers'].join('\n'));
      assert.deepEqual(step(spared, 'isolate').deviceFilter, { exclude: { kinds: ['domainController'] } });
      assert.deepEqual(step(spared, 'collectInvestigationPackage').deviceFilter, { exclude: { kinds: ['domainController'] } });
    });

    it('when actions are numbered labels ("Action 1:", "Step 2 -"), then each is a step', async () => {
      const plan = await accepted(['Name: token theft response', 'Trigger: incident created', 'Condition: severity is High', 'Action 1: revoke the user sessions', 'Step 2 - force a password reset'].join('\n'));
      assert.deepEqual(plan.spec.steps.map((s) => s.action).sort(), ['resetPassword', 'revokeSessions']);
      assert.deepEqual(plan.spec.trigger.severities, ['High']);
    });

    it('when a labelled line says something Rampart cannot check, then it asks; it never drops the line', async () => {
      const plan = await planner.plan(['Trigger: new high incident', 'Conditions: the user works in the finance department', 'Actions: disable the account'].join('\n'));
      assert.ok(isQuestion(plan), JSON.stringify(plan));
    });

    it('when text is ordinary prose or has no action line, then it is left as written', () => {
      assert.equal(restateStructured('Isolate the device on high incidents.\nAlso post in Teams.'), null);
      assert.equal(restateStructured('Trigger: new high incident\nNotes: the SOC reviews these weekly'), null);
    });
  });

  describe('a lead that names the incidents, then a test with an otherwise', () => {
    it('when "For high severity incidents: if X, A; otherwise B", then B runs on high incidents where X does not hold, never on the others', async () => {
      const plan = await accepted('On medium sev incidents from Defender for Endpoint: if a URL has 3 or more VT hits, block it; otherwise just comment on the incident.');
      assert.deepEqual(plan.spec.trigger.severities, ['Medium']);
      assert.deepEqual(step(plan, 'updateIncident').when?.condition, { not: { kind: 'maliciousIoc', iocTypes: ['url'], minEngines: 3 } });
    });

    it('when the lead itself is the test, then the other branch is every other incident', async () => {
      const plan = await accepted('if the incident is high, quarantine the host, otherwise kick off a quick scan');
      assert.deepEqual(plan.spec.trigger.severities, []);
      assert.deepEqual(step(plan, 'runAntiVirusScan').when?.condition, { not: { kind: 'severity', severities: ['High'] } });
    });
  });

  describe('a list keyed by severity', () => {
    const sev = (levels: string[]): Condition => ({ kind: 'severity', severities: levels as Severity[] });

    it('when lines start with a bare severity ("- Medium: ..."), then each line runs on its own severities only', async () => {
      const plan = await accepted(['Endpoint response:', '- High: contain the host', '- Medium: full AV scan only', '- Low / Info: drop a note on the incident'].join('\n'));
      assert.deepEqual(step(plan, 'isolate').when?.condition, sev(['High']));
      assert.deepEqual(step(plan, 'runAntiVirusScan').when?.condition, sev(['Medium']));
      const note = step(plan, 'updateIncident').when?.condition as { severities: string[] };
      assert.deepEqual([...note.severities].sort(), ['Informational', 'Low']);
    });

    it('when a bare severity comes after a header line that names a kind of alert, then the line still reads', async () => {
      const plan = await accepted(['ransomware alerts:', '- High: contain the host', '- Medium: grab the investigation package'].join('\n'));
      assert.deepEqual(step(plan, 'collectInvestigationPackage').when?.condition, sev(['Medium']));
      assert.ok(!plan.spec.steps.some((s) => s.action === 'isolate' && JSON.stringify(s.when?.condition).includes('Medium')));
    });

    it('when a line pairs a severity with a tag or its absence, then the tag is a test of that line only', async () => {
      const plan = await accepted(['- High + tag exec: selective isolation', '- High without exec tag: full isolation', '- Medium: quick scan only'].join('\n'));
      const iso = plan.spec.steps.filter((s) => s.action === 'isolate');
      assert.equal(iso.length, 2);
      const selective = iso.find((s) => s.params.isolationType === 'Selective');
      const full = iso.find((s) => s.params.isolationType === 'Full');
      assert.deepEqual(selective?.when?.condition, { all: [sev(['High']), { kind: 'incidentTag', tags: ['exec'] }] });
      assert.deepEqual(full?.when?.condition, { all: [sev(['High']), { not: { kind: 'incidentTag', tags: ['exec'] } }] });
    });

    it('when the list is typed on one line with dashes, then each label still keys its own steps (the step before a label never takes it)', async () => {
      const plan = await accepted('our rules - High severity: isolate the machine and run a full scan - Medium severity: quick scan only - Low severity: comment on the incident');
      const scans = plan.spec.steps.filter((s) => s.action === 'runAntiVirusScan');
      assert.deepEqual(scans.find((s) => s.params.scanType === 'Full')?.when?.condition, sev(['High']));
      assert.deepEqual(scans.find((s) => s.params.scanType === 'Quick')?.when?.condition, sev(['Medium']));
    });

    it('when one dash stands before one label, then it is no list and the text is read as before', async () => {
      const plan = await accepted('isolate the device on high sev incidents - low sev: just a comment');
      const iso = step(plan, 'isolate');
      assert.ok(plan.spec.trigger.severities.includes('High') || JSON.stringify(iso.when?.condition).includes('High'), JSON.stringify(plan.spec));
      assert.ok(!JSON.stringify(iso.when?.condition ?? {}).includes('Low'));
    });
  });

  describe('a case whose step is said as a noun, beside cases of other severities', () => {
    it('when "if low sev, just a note. if high sev, contain the host", then the note is the low branch and the isolation stays on high', async () => {
      const plan = await accepted('if low sev, just a note. if high sev, contain the host');
      assert.deepEqual(step(plan, 'isolate').when?.condition, { kind: 'severity', severities: ['High'] });
      assert.deepEqual(step(plan, 'updateIncident').when?.condition, { kind: 'severity', severities: ['Low'] });
    });

    it('when the low case says a step Rampart cannot read, before or after the high one, then it asks; the isolation never takes the low severity', async () => {
      for (const request of ['if low sev, a ticket. if high sev, contain the host', 'contain the host if the severity is high. if the severity is low, a ticket.']) {
        const plan = await planner.plan(request);
        assert.ok(isQuestion(plan), `${request}: ${JSON.stringify(plan)}`);
      }
    });

    it('when a sentence of conditions before the steps is the scope they share, then it still governs them', async () => {
      const plan = await accepted('For high severity incidents. If VT flags the hash, contain the host');
      assert.ok(plan.spec.trigger.severities.includes('High') || JSON.stringify(step(plan, 'isolate').when).includes('High'), JSON.stringify(plan.spec));
    });
  });

  describe('a kind of device ruled out, then a step said of "them"', () => {
    it('when "never isolate servers, do the scan for them instead", then the scan is for servers only and the isolation for the rest', async () => {
      const plan = await accepted('on high sev incidents isolate the device. never isolate servers, do the scan for them instead');
      assert.deepEqual(step(plan, 'isolate').deviceFilter, { exclude: { kinds: ['server'] } });
      assert.deepEqual(step(plan, 'runAntiVirusScan').deviceFilter, { include: { kinds: ['server'] } });
    });

    it('when "dont isolate the macs, just collect a package from those", then the package is for macs only', async () => {
      const plan = await accepted('on high sev incidents isolate the device. dont isolate the macs, just collect a package from those');
      assert.deepEqual(step(plan, 'collectInvestigationPackage').deviceFilter, { include: { osPlatforms: ['macOS'] } });
    });

    it('when the step after the rule-out names its own target, then it is left as written', async () => {
      const plan = await accepted('on high sev incidents isolate the device. never isolate servers, and post in teams');
      assert.equal(step(plan, 'teamsMessage').deviceFilter, undefined);
    });
  });
});

describe('offline planner: what a description says around its steps', () => {
  it('when a description says "When it is done, it adds a comment" or lists its prerequisites, then those are no cases', async () => {
    const plan = await accepted('Contain risky hosts\n\nThis playbook isolates the device on high incidents. When it is done, it adds a comment to the incident.\n\nPrerequisites: an app registration with Machine.Isolate and Incident.ReadWrite.All.');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['isolate', 'updateIncident']);
    // The comment is for the same incidents as the isolation.
    assert.deepEqual(plan.spec.steps[1].when, plan.spec.steps[0].when);
    assert.ok(plan.spec.trigger.severities.join() === 'High' || JSON.stringify(plan.spec.steps[0].when) === JSON.stringify({ condition: { kind: 'severity', severities: ['High'] }, scope: 'incident' }), JSON.stringify(plan.spec));
    // Said after a step, "once it is finished" stays that step's words.
    const ping = await accepted('grab an investigation package on medium incidents and ping me once it is finished');
    assert.deepEqual(ping.spec.steps.map((s) => s.action), ['collectInvestigationPackage', 'teamsMessage']);
  });

  it('when the IOCs are gathered "from the email-related entities of those alerts" or pulled before a VT check, then that is no step', async () => {
    const plan = await accepted('1. Runs on incidents whose alerts come from Defender for Office 365.\n2. Collects the URLs from the email-related entities of those alerts.\n3. Looks each URL up in VirusTotal.\n4. If a URL is flagged by 3 or more engines, creates a Block indicator for it.');
    assert.deepEqual(plan.spec.steps.map((s) => s.action), ['createIndicator']);
    const chat = await accepted('MDO phish alerts -> pull the URLs, VT them, anything w/ >=3 engines gets blocked');
    assert.deepEqual(chat.spec.steps.map((s) => s.action), ['createIndicator']);
  });

  it('when a step says what it does to a value ("so the user risk goes to high") or what an address is (", thats our queue"), then those words narrow nothing', async () => {
    const a = await accepted('on Entra ID Protection alerts confirm the user as compromised so the user risk goes to high');
    assert.deepEqual(a.spec.steps.map((s) => s.action), ['confirmCompromised']);
    const b = await accepted('on phishing alerts assign the incident to night-q@contoso.com, thats our queue');
    assert.equal(b.spec.steps[0].params.incident?.assignedTo, 'night-q@contoso.com');
  });

  it('when incidents are named by their tag first ("on VIP tagged incidents") or a rule is about "any other alert type", then the tag is the case and the rest gets nothing', async () => {
    const plan = await accepted('on VIP tagged incidents email soc@contoso.com');
    assert.deepEqual(plan.spec.steps[0].when?.condition, { kind: 'incidentTag', tags: ['VIP'] });
    const other = await accepted('on MDI brute force alerts disable the account. any other alert type ignore');
    assert.deepEqual(other.spec.steps.map((s) => s.action), ['disableUser']);
  });
});
