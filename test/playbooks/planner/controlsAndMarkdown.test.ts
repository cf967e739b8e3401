import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { accepted, planner, step } from './helpers';

/** The VirusTotal threshold a step's target carries, if it has one. */
function enginesOf(s: ReturnType<typeof step>): number | null | undefined {
  return 'minEngines' in s.target ? s.target.minEngines : undefined;
}

/**
 * Requests pasted from a wiki page in markdown, written in a control's language, or with a rule-out that reaches more than
 * one step. Each reading keeps its other side: a heading that narrows, a wildcard, a "where applicable" before a step that
 * acts, are read or asked about, never dropped.
 */
describe('offline planner: markdown runbooks, control language and rule-outs that reach a list', () => {
  it('when a runbook is pasted as markdown, then headings, bold and italics are its words and its name is shown, not read as a case', async () => {
    const plan = await accepted('## Mac response\n## Trigger\n- new incident, severity **High**\n## Condition\n- a device runs **macOS**\n## Actions\n- isolate the device\n- post to Teams');
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
    assert.deepEqual(step(plan, 'isolate').deviceFilter?.include?.osPlatforms, ['macOS']);
    // "*Token theft*" after "titled" is the title, quoted; a bulleted "* Steps" above indented lines is a heading.
    const titled = await accepted('### Tokens\n* Applies to: Identity Protection alerts titled *Token theft*\n* Steps\n  1. revoke the sessions\n  2. dismiss the user risk');
    assert.deepEqual(titled.spec.trigger.titleKeywords, ['token theft']);
    assert.deepEqual(titled.spec.steps.map((s) => s.action).sort(), ['dismissRiskyUser', 'revokeSessions']);
    // A name that narrows by itself is read; a name above no labelled case is read too, and asked about when unknown.
    const servers = await accepted('## Servers only\n- trigger: high severity alert\n- actions:\n  - isolate the device');
    assert.deepEqual(step(servers, 'isolate').deviceFilter, { include: { kinds: ['server'] } });
    assert.equal(isQuestion(await planner.plan('**Kiosk lockdown**\n- isolate the device\n- post to Teams')), true);
    // A star beside a name's letters is a wildcard, not emphasis.
    const named = await accepted('**Gateways**\n- trigger: high severity alert on devices named *-gw-*\n- actions:\n  - isolate the device');
    assert.deepEqual(step(named, 'isolate').deviceFilter?.include?.namePatterns, ['*-gw-*']);
  });


  it('when a bulleted label says who else ("Everyone else (not admins):"), then its steps are the other side of the case above', async () => {
    const plan = await accepted('- Condition: a user in the incident is in the Entra group Admins\n- Actions:\n  - email it-lead@contoso.com\n- Everyone else (not admins): revoke the sessions');
    assert.deepEqual(step(plan, 'revokeSessions').userFilter, { notInGroups: ['Admins'] });
    assert.deepEqual(step(plan, 'sendMail').when?.condition, { kind: 'userInGroup', groups: ['Admins'] });
  });

  it('when a control cites where it comes from and why a step is done, then the citation and the purpose narrow nothing', async () => {
    for (const request of [
      'Pursuant to standard EP-7.1 (Endpoint containment), ensure that devices with a High severity alert are isolated.',
      'Ensure that devices with a High severity alert are isolated, in line with baseline BL-WIN-02.',
      'Devices with a High severity alert shall be isolated and an investigation package collected for audit purposes.',
    ]) {
      const plan = await accepted(request);
      assert.deepEqual(plan.spec.trigger.severities, ['High'], request);
      assert.equal(step(plan, 'isolate').deviceFilter, undefined, request);
    }
    // "Where applicable" before a note narrows nothing a note does; before a step that acts, it is asked about.
    const noted = await accepted('Assign High severity incidents to tier2@contoso.com. Where appropriate, a comment shall be added to the incident.');
    assert.equal(noted.spec.steps.filter((s) => s.action === 'updateIncident').length, 2);
    assert.equal(isQuestion(await planner.plan('For High severity incidents, where applicable, isolate the device.')), true);
  });

  it('when a control says the other side of its case ("below this threshold", "any other group shall remain open"), then that side gets nothing', async () => {
    const blocked = await accepted('Where VirusTotal rates a URL malicious by 4 or more engines, it shall be blocked. Indicators shall not be created for URLs rated below this threshold.');
    assert.equal(blocked.spec.steps.length, 1);
    assert.equal(enginesOf(step(blocked, 'createIndicator')), 4);
    const closed = await accepted('Low severity incidents whose devices belong to the Sandbox device group shall be resolved. Incidents involving any other device group shall remain open.');
    assert.deepEqual(step(closed, 'updateIncident').params.incident?.status, 'Resolved');
    assert.match(JSON.stringify(step(closed, 'updateIncident').when?.condition), /Sandbox/);
  });

  it('when a control rules steps out as nouns or exempts cases, then none of those steps run for them', async () => {
    const spared = await accepted('Where an alert concerns a user who is a member of the group Ops-Oncall, ensure that no account disablement, password reset or session revocation is performed. For all other users subject to a High severity alert, the account shall be disabled and the user confirmed as compromised.');
    for (const action of ['disableUser', 'confirmCompromised'] as const) assert.deepEqual(step(spared, action).userFilter, { notInGroups: ['Ops-Oncall'] }, action);
    assert.equal(spared.spec.steps.some((s) => s.action === 'resetPassword' || s.action === 'revokeSessions'), false);
    const never = await accepted('Ensure that devices in the Tills device group are under no circumstances isolated by automated playbooks. For all other devices with a High severity alert, full isolation shall be applied.');
    assert.deepEqual(step(never, 'isolate').deviceFilter, { exclude: { groups: ['Tills'] } });
    const skipped = await accepted('Ensure that all incidents tagged \'Drill\' are excluded from automated response. For the remaining incidents with a High severity alert, the devices shall be isolated.');
    assert.deepEqual(step(skipped, 'isolate').when?.condition, { not: { kind: 'incidentTag', tags: ['Drill'] } });
  });

  it('when devices are exempt or left out at the end of a run, then a block said in that run does not run for their alerts either', async () => {
    const exempt = await accepted('When Defender for Endpoint reports a file that VirusTotal rates malicious by 8 or more engines, stop and quarantine it where it was seen and add its hash as a Block indicator. Devices in the \'Decoys\' device group are exempt from this control.');
    assert.deepEqual(step(exempt, 'stopAndQuarantineFile').deviceFilter?.exclude, { groups: ['Decoys'] });
    assert.deepEqual(step(exempt, 'createIndicator').when?.condition, { not: { kind: 'deviceIs', match: { groups: ['Decoys'] } } });
    const atEnd = await accepted('On high severity alerts, isolate the device, block the hash and collect a package, except devices tagged \'decoy\'.');
    assert.deepEqual(step(atEnd, 'isolate').deviceFilter?.exclude, { tags: ['decoy'] });
    assert.match(JSON.stringify(step(atEnd, 'createIndicator').when?.condition), /"not":\{"kind":"deviceIs","match":\{"tags":\["decoy"\]/);
  });

  it('when a list of steps is ruled out with "or" ("do not A, B or C"), then none of them run for that case', async () => {
    for (const request of [
      'For high severity identity alerts, disable the account, reset the password and revoke the sessions. If the user is in the group Directors, do not disable the account, reset the password or revoke the sessions; instead email ciso@contoso.com.',
      'For high severity identity alerts, disable the account, reset the password and revoke the sessions. If the user is in the group Directors: dont disable, reset pw or revoke sessions, just email ciso@contoso.com.',
    ]) {
      const plan = await accepted(request);
      for (const action of ['disableUser', 'resetPassword', 'revokeSessions'] as const) assert.deepEqual(step(plan, action).userFilter, { notInGroups: ['Directors'] }, `${action}: ${request}`);
    }
    // A list ending in "and" is not distributed: "dont isolate, scan it and tag the incident" scans and tags.
    const plain = await accepted('on high sev alerts dont isolate, scan the device and tag the incident triaged');
    assert.deepEqual(plain.spec.steps.map((s) => s.action).sort(), ['runAntiVirusScan', 'updateIncident']);
  });

  it('when a case is said again as "in that case", then the steps after it are that case\'s alone', async () => {
    const plan = await accepted('For high severity identity alerts, disable the account and reset the password. But, if the user is in the group Directors, do not disable. In that case only email ciso@contoso.com.');
    assert.deepEqual(step(plan, 'resetPassword').userFilter, { notInGroups: ['Directors'] });
    assert.deepEqual(step(plan, 'sendMail').when?.condition, { kind: 'userInGroup', groups: ['Directors'] });
  });

  it('when devices are left out of a rule and keep one of its steps ("not on DCs, just block there"), then that step keeps the rule\'s case', async () => {
    const plan = await accepted('VT 3+ on a hash -> block the hash and quarantine it on the device. not on servers though, just block there');
    assert.deepEqual(plan.spec.steps.map((s) => s.action).sort(), ['createIndicator', 'stopAndQuarantineFile']);
    assert.equal(enginesOf(step(plan, 'createIndicator')), 3);
    assert.deepEqual(step(plan, 'stopAndQuarantineFile').deviceFilter?.exclude, { kinds: ['server'] });
  });

  it('when "hi" stands before a severity, or a tag\'s name looks like a participle, then it is the severity or the tag', async () => {
    const high = await accepted('hi sev MDE alert -> isolate the box');
    assert.deepEqual(high.spec.trigger.severities, ['High']);
    const tagged = await accepted('When an incident is resolved and has the tag quarantined, release the device from isolation.');
    assert.match(JSON.stringify(step(tagged, 'unisolate').when?.condition ?? step(tagged, 'unisolate').deviceFilter), /quarantined/);
  });

  it('when a playbook\'s name says devices the request never says again, then it is read, not set aside as a name', async () => {
    assert.equal(isQuestion(await planner.plan('Mac laptop containment. When a high severity alert arrives, isolate the device.')), true);
  });

  it('when a story names a ticket, then it is no ticket asked for; one asked for is still declined', async () => {
    // (The story's other words are still read, and asked about: only the ticket is not taken for a step.)
    const story = await planner.plan('Ticket INC0042 - the user called about a locked screen. When Defender flags ransomware, isolate the device.');
    assert.equal(story.notUnderstood.some((n) => /not supported/.test(n)), false, JSON.stringify(story.notUnderstood));
    const asked = await accepted('When Defender flags ransomware, isolate the device and open a ticket for the desk.');
    assert.ok(asked.notUnderstood.some((n) => /opening tickets/.test(n)), JSON.stringify(asked.notUnderstood));
  });
});
