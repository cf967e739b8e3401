import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { resolveRunbookJumps } from '../../../src/playbooks/planner/runbook';
import { accepted, planner, step } from './helpers';

/** Numbered runbooks with decision points and jumps ("2a. High -> go to 3", "4. Disable. Go to 6.", "2c. ... -> end"). */
describe('offline planner: runbooks with decision points and jumps', () => {
  const severityFlow = [
    '1. Only for alerts from Entra ID Protection.',
    '2. Severity:',
    '   2a. High -> go to 3',
    '   2b. Medium -> go to 5',
    '   2c. Low / informational -> end',
    '3. Confirm the user compromised.',
    '4. Disable the account. Go to 6.',
    '5. Revoke the sessions.',
    '6. Mail idteam@contoso.com with the outcome.',
  ].join('\n');

  it('when a severity decision jumps past steps, then each step runs only for the severities that reach it', async () => {
    const plan = await accepted(severityFlow);
    const when = (a: Parameters<typeof step>[1]) => JSON.stringify(step(plan, a).when?.condition ?? null);
    assert.match(when('disableUser'), /High/);
    assert.doesNotMatch(when('disableUser'), /Medium/);
    assert.match(when('revokeSessions'), /Medium/);
    assert.doesNotMatch(when('revokeSessions'), /High/);
    // The mail is reached from High (through the jump to 6) and from Medium (after 5), never from Low.
    assert.match(when('sendMail'), /High/);
    assert.match(when('sendMail'), /Medium/);
  });

  it('when a VirusTotal band skips a step, then that step waits for the band that reaches it', async () => {
    const plan = await accepted([
      '1. Only for alerts from Defender for Office 365.',
      '2. VT check on each URL in the alert.',
      '   2a. >= 8 malicious -> block the URL for 30 days, go to 3',
      '   2b. 1-7 malicious -> tag the incident url-check, go to 4',
      '   2c. 0 or not known to VT -> go to 4',
      '3. Revoke the sessions of the recipient.',
      '4. Post a summary in the SOC Teams channel.',
    ].join('\n'));
    assert.match(JSON.stringify(step(plan, 'revokeSessions').when?.condition), /"minEngines":8/);
    assert.equal(step(plan, 'teamsMessage').when, undefined);
    assert.equal(step(plan, 'createIndicator').params.expiresInDays, 30);
  });

  it('when a decision names only some severities, then a step after it is not run for the others', () => {
    const text = resolveRunbookJumps(['1. Severity:', '   1a. High -> go to 3', '   1b. Medium -> go to 2', '2. Scan the device.', '3. Isolate the device.'].join('\n'));
    assert.match(text, /Scan the device, only if the severity is Medium\./);
    assert.match(text, /Isolate the device, only if the severity is High or Medium\./);
  });

  it('when the runbook opens on a check with "No -> end" and a trigger line, then they narrow every step', async () => {
    const plan = await accepted([
      '1. Trigger: alert category CredentialAccess. Anything else -> stop, do nothing.',
      '2. Revoke sessions for every user entity.',
      '3. Decision on incident severity:',
      '   3a. High -> force a password reset for the same users, then go to 4.',
      '   3b. Medium or lower -> go to 4.',
      '4. Add an incident comment.',
    ].join('\n'));
    assert.match(JSON.stringify(plan.spec.trigger), /CredentialAccess/);
    assert.match(JSON.stringify(step(plan, 'resetPassword').when?.condition), /High/);
    assert.equal(step(plan, 'revokeSessions').when, undefined);
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

  it('when the decision is only lettered cases with no file step in the lowest band, then each band gets its own steps', async () => {
    const plan = await accepted([
      'RB-FILE-03 (VT confirmation)',
      '1. VT lookup on each file hash.',
      '2a. >= 20 malicious -> stop & quarantine the file on its device, then restrict app execution on that device.',
      '2b. 6-19 -> stop & quarantine only, no restriction.',
      '2c. < 6 -> no file action; quick AV scan of the device instead.',
      '3. All branches: post the result to Teams.',
    ].join('\n'));
    assert.match(JSON.stringify(step(plan, 'restrictCodeExecution').when?.condition), /"minEngines":20/);
    assert.match(JSON.stringify(step(plan, 'runAntiVirusScan').when?.condition), /"not":\{"kind":"maliciousIoc","iocTypes":\["file"\],"minEngines":6\}/);
    assert.equal(step(plan, 'teamsMessage').when, undefined);
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
