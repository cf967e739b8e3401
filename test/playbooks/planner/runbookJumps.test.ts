import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { resolveRunbookJumps } from '../../../src/playbooks/planner/runbook';
import { accepted, planner, step } from './helpers';

/** Numbered runbooks with decision points and jumps ("2a. High -> go to 3", "4. Disable. Go to 6.", "2c. ... -> end"). */
describe('offline planner: runbooks with decision points and jumps', () => {
  const severityFlow = [
    'Step 1: Only for alerts from Defender for Endpoint.',
    'Step 2: Incident severity?',
    '  2.a Medium -> jump to step 4',
    '  2.b High -> continue at step 3',
    '  2.c Low -> stop',
    'Step 3: Isolate the device. Then skip to step 5.',
    'Step 4: Run a full antivirus scan on the device.',
    'Step 5: Post the result in the SOC Teams channel.',
  ].join('\n');

  it('when a severity decision jumps past steps, then each step runs only for the severities that reach it', async () => {
    const plan = await accepted(severityFlow);
    const when = (a: Parameters<typeof step>[1]) => JSON.stringify(step(plan, a).when?.condition ?? null);
    assert.match(when('isolate'), /High/);
    assert.doesNotMatch(when('isolate'), /Medium/);
    assert.match(when('runAntiVirusScan'), /Medium/);
    assert.doesNotMatch(when('runAntiVirusScan'), /High/);
    // The post is reached from High (through the jump to 5) and from Medium (after 4), never from Low.
    assert.match(when('teamsMessage'), /High/);
    assert.match(when('teamsMessage'), /Medium/);
    assert.doesNotMatch(when('teamsMessage'), /Low/);
  });

  it('when a VirusTotal band skips a step, then that step waits for the band that reaches it', async () => {
    const plan = await accepted([
      'Step 1: Only for alerts from Defender for Endpoint.',
      'Step 2: Look up each IP of the alert on VirusTotal.',
      '  2a) at least 9 malicious -> block the IP for 14 days, go to step 3',
      '  2b) 2-8 malicious -> add a comment to the incident, go to step 4',
      '  2c) 0 or unknown -> go to step 4',
      'Step 3: Collect an investigation package from the device.',
      'Step 4: Email ir@contoso.com.',
    ].join('\n'));
    assert.match(JSON.stringify(step(plan, 'collectInvestigationPackage').when?.condition), /"minEngines":9/);
    assert.equal(step(plan, 'sendMail').when, undefined);
    assert.equal(step(plan, 'createIndicator').params.expiresInDays, 14);
  });

  it('when a decision names only some severities, then a step after it is not run for the others', () => {
    const text = resolveRunbookJumps(['1. Severity:', '   1a. High -> go to 3', '   1b. Medium -> go to 2', '2. Scan the device.', '3. Isolate the device.'].join('\n'));
    assert.match(text, /Scan the device, only if the severity is Medium\./);
    assert.match(text, /Isolate the device, only if the severity is High or Medium\./);
  });

  it('when the runbook opens on a check with "no -> stop" and a trigger line, then they narrow every step', async () => {
    const plan = await accepted([
      '1) Scope: alert category Exfiltration. Anything else -> end.',
      '2) Tag the incident exfil-check.',
      '3) Depending on the severity:',
      '   3a) High -> disable the user account, then go to 4.',
      '   3b) Everything else -> go to 4.',
      '4) Email dlp@contoso.com.',
    ].join('\n'));
    assert.match(JSON.stringify(plan.spec.trigger), /Exfiltration/);
    assert.match(JSON.stringify(step(plan, 'disableUser').when?.condition), /High/);
    assert.equal(step(plan, 'sendMail').when, undefined);
  });

  it('when a jump goes backwards, then the runbook is left as written and asked about', async () => {
    const said = ['1. Scan the device.', '2. Severity:', '   2a. High -> go to 1', '   2b. Low -> go to 3', '3. Isolate the device.'].join('\n');
    assert.equal(resolveRunbookJumps(said), said);
    assert.ok(isQuestion(await planner.plan(said)));
  });

  it('when a case names what Rampart cannot test, then the step it skips is not run unconditionally', async () => {
    const plan = await planner.plan(['1. Is the host a jump box?', '   1a. yes -> go to 3', '   1b. no -> go to 2', '2. Isolate the device.', '3. Post to the SOC Teams channel.'].join('\n'));
    assert.ok(isQuestion(plan), JSON.stringify(plan));
  });

  it('when the decision is only lettered cases and the lowest band says "no file action", then each band gets its own steps', async () => {
    const plan = await accepted([
      'SOP-HASH-7 (hash triage)',
      '1. Check every file hash of the alert on VirusTotal.',
      '2a. 25+ malicious -> collect an investigation package from its device, then restrict app execution there.',
      '2b. 4-24 -> collect the package only.',
      '2c. < 4 -> no file action; a quick AV scan of the device instead.',
      '3. In all cases: email triage@contoso.com.',
    ].join('\n'));
    assert.match(JSON.stringify(step(plan, 'restrictCodeExecution').when?.condition), /"minEngines":25/);
    assert.match(JSON.stringify(step(plan, 'runAntiVirusScan').when?.condition), /"not":\{"kind":"maliciousIoc","iocTypes":\["file"\],"minEngines":4\}/);
    assert.equal(step(plan, 'sendMail').when, undefined);
  });

  it('when a request has no jumps, then it is left alone', () => {
    const said = '1. Isolate the device.\n2. Post to Teams.';
    assert.equal(resolveRunbookJumps(said), said);
  });
});

describe('offline planner: a band of engine counts said with what they count', () => {
  it('when "1 to 4 malicious" is a case, then it is the band between the thresholds', async () => {
    const plan = await accepted('For phishing alerts from MDO, VT check on each URL:\n- 5 or more malicious -> block the URL\n- 1 to 4 malicious -> tag the incident phish-review');
    const tag = plan.spec.steps.find((s) => s.action === 'updateIncident');
    assert.match(JSON.stringify(tag?.when?.condition), /"minEngines":1.*"minEngines":5|"minEngines":5.*"minEngines":1/);
  });
});
