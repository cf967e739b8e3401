import assert from 'node:assert/strict';
import { isQuestion } from '../../../src/playbooks/planner';
import { accepted, kinds, planner, step } from './helpers';

/**
 * A request written at the end of a shift: the night's news first, then a marker where the ask starts ("pls automate:",
 * "automation ask:"), cases said in the chat's shorthand ("under 3 = ...", "non-admins w/ ..."), and what another playbook
 * already covers. The news is background only when it could narrow nothing.
 */
describe('offline planner: shift handovers and the ask inside them', () => {
  it('when the night news comes before "pls automate:", then the rule after the marker is planned', async () => {
    const plan = await accepted('rough night, two false alarms closed, the badge reader on level 2 is not ours. pls automate: on high sev MDE alerts run a full av scan on the box');
    assert.equal(step(plan, 'runAntiVirusScan').params.scanType, 'Full');
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
    const asked = await accepted('quiet one, nothing new. automation ask from me: on critical ransomware alerts isolate the device');
    assert.ok(step(asked, 'isolate'));
  });

  it('when the words before the marker narrow (a kind or an "only"), then they are never dropped as news', async () => {
    const kind = await planner.plan('finance laptops only. pls automate: isolate the device on high sev alerts');
    assert.ok(isQuestion(kind) || (kind.ok && JSON.stringify(step(kind, 'isolate')).includes('laptop')));
    const level = await planner.plan('the kiosks again tonight. pls automate: isolate the device on high sev alerts');
    assert.ok(isQuestion(level) || (level.ok && JSON.stringify(step(level, 'isolate')).includes('kiosk')));
    // Without a marker too: a thing named without a verb before the steps may be what they are for.
    const named = await planner.plan('the trading floor again tonight. isolate the device on high sev alerts');
    assert.ok(isQuestion(named));
  });

  it('when a shift note says the juniors keep forgetting a step, then it is why and names no tag', async () => {
    const plan = await accepted('the juniors keep forgetting to tag these. on credential theft alerts tag the incident creds-review');
    const tags = plan.spec.steps.flatMap((s) => (s.action === 'updateIncident' ? s.params.incident?.addTags ?? [] : []));
    assert.deepEqual(tags, ['creds-review']);
  });

  it('when what another playbook covers is named by its devices, then those devices are left out and the rule keeps its case', async () => {
    const plan = await accepted('on ransomware alerts restrict app execution on the server. ransomware on normal workstations is already handled by another playbook so leave those alone');
    const restrict = step(plan, 'restrictCodeExecution');
    assert.ok(!kinds(restrict.when?.condition).some((k) => k.startsWith('not')));
    assert.deepEqual(plan.spec.trigger.topics, ['ransomware']);
  });

  it('when a rule-out is followed by what depends on the thing left alone, then that is the reason', async () => {
    const plan = await accepted('on ransomware alerts restrict app execution on the server. do not isolate it, the whole plant runs off those shares');
    assert.ok(step(plan, 'restrictCodeExecution'));
    assert.ok(!plan.spec.steps.some((s) => s.action === 'isolate'));
  });

  it('when a band is keyed with "=" ("under 3 = just a comment, dont touch the user"), then each band gets its own steps', async () => {
    const plan = await accepted('on MDO alerts with a url check it on VT. 3 or more engines = block the url + revoke the recipients sessions. under 3 = just put a comment on the incident, dont touch the user.');
    assert.ok(kinds(step(plan, 'revokeSessions').when?.condition).includes('maliciousIoc'));
    const comment = plan.spec.steps.find((s) => s.action === 'updateIncident' && s.params.incident?.addComment);
    assert.ok(kinds(comment?.when?.condition).includes('not maliciousIoc'));
  });

  it('when "leave it be" is said again step by step ("dont reassign or spam them"), then the case it belongs to gets nothing', async () => {
    const plan = await accepted('when a high sev incident has no owner assign it to ir@contoso.com and email ir@contoso.com. if someone already owns it leave it be, dont reassign or spam them');
    assert.equal(step(plan, 'sendMail').params.mailTo?.[0], 'ir@contoso.com');
  });

  it('when everyone else gets a step at one severity, then the group named before is left out of it (never run on its members)', async () => {
    const plan = await accepted('on risky sign-ins for someone in the "Board Members" group, just revoke their sessions. everyone else with a high severity risky sign-in: disable the account.');
    const disable = step(plan, 'disableUser');
    assert.deepEqual(disable.userFilter?.notInGroups, ['Board Members']);
    assert.deepEqual(kinds(disable.when?.condition), ['severity']);
    const bare = await accepted('on risky sign-ins for someone in the "Board Members" group, just revoke their sessions. non-Boards w/ a high sev risky sign-in: disable the account.');
    assert.deepEqual(step(bare, 'disableUser').userFilter?.notInGroups, ['Board Members']);
    // The other side: "non-" of a word the request never named as a group is not read as outside it.
    const other = await planner.plan('on risky sign-ins for someone in the "Board Members" group, just revoke their sessions. non-admins w/ a high sev risky sign-in: disable the account.');
    assert.ok(isQuestion(other) || (other.ok && step(other, 'disableUser').userFilter?.notInGroups === undefined && JSON.stringify(step(other, 'disableUser')).includes('dmin')));
  });

  it('when incidents are named once by their tag and then referred to as "them", then the step runs on those incidents only', async () => {
    const plan = await accepted('Incidents tagged drill-q3 are the tabletop exercise. Resolve them as informational, expected activity.');
    const close = plan.spec.steps.find((s) => s.action === 'updateIncident' && s.params.incident?.status === 'Resolved');
    assert.deepEqual(close?.when?.condition, { kind: 'incidentTag', tags: ['drill-q3'] });
    // The other side: said again by its tag, the sentence is a remark and the case is the one said with the step.
    const again = await accepted('Incidents tagged drill-q3 are the tabletop exercise. For incidents tagged drill-q3, resolve them as informational, expected activity.');
    assert.ok(JSON.stringify(again.spec).includes('drill-q3'));
  });

  it('when the case is said after a list of notices ("post + mail to X for every incident where ..."), then every notice has it', async () => {
    const plan = await accepted('Teams post + mail to soc@contoso.com for every incident where any device has riskScore High.');
    assert.deepEqual(kinds(step(plan, 'teamsMessage').when?.condition), ['deviceRisk']);
    assert.deepEqual(kinds(step(plan, 'sendMail').when?.condition), ['deviceRisk']);
  });

  it('when private ranges are ruled out with a slash ("private/internal ranges never"), then a block still runs on public IPs', async () => {
    const plan = await accepted('if VT scores an alert IP malicious by 3+ engines, add it as a block indicator. private/internal ranges never.');
    assert.ok(step(plan, 'createIndicator'));
  });
});

/**
 * A manager's words: steps said as what they want done ("I want the account locked and a new password forced", "make sure
 * the incident is assigned to ... and tagged ..."), people named with their address in brackets, a worry about what the
 * rule names, "every time ... comes in" after the steps, and the staff outside a group said as "Employees:".
 */
describe('offline planner: a manager asking in business words', () => {
  it('when an account is named as whose it is with the person and address in brackets, then the steps are for that account only', async () => {
    const plan = await accepted('If anything suspicious happens on our COO\'s account (Raj Patel, rpatel@contoso.com) I want the account locked and a new password forced. This is only about Raj.');
    assert.deepEqual(step(plan, 'disableUser').userFilter?.include?.namePatterns, ['rpatel@contoso.com']);
    assert.deepEqual(step(plan, 'resetPassword').userFilter?.include?.namePatterns, ['rpatel@contoso.com']);
    // The other side: without the address, nothing says which account, and no one is disabled.
    const vague = await planner.plan('If anything suspicious happens on our COO\'s account I want the account locked.');
    assert.ok(!vague.ok || !vague.spec.steps.some((s) => s.action === 'disableUser' && !s.userFilter));
  });

  it('when the writer wants to be told at an address in brackets, then that address is mailed', async () => {
    const plan = await accepted('on high sev alerts isolate the device and I want to be told (ops-lead@contoso.com)');
    assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['ops-lead@contoso.com']);
  });

  it('when the incident is to be "made sure" assigned to a person named with their address, and tagged, then both steps run on the case', async () => {
    const plan = await accepted("The CISO is worried about our board members being phished. If any alert involves someone in the 'Board' group, make sure the incident is assigned to our lead Kim (kim.lee@contoso.com) and tagged 'board'.");
    const updates = plan.spec.steps.filter((s) => s.action === 'updateIncident');
    assert.ok(updates.some((s) => s.params.incident?.assignedTo === 'kim.lee@contoso.com'));
    assert.ok(updates.some((s) => s.params.incident?.addTags?.includes('board')));
    assert.ok(updates.every((s) => kinds(s.when?.condition).join() === 'userInGroup'));
    // The other side: a worry about something the request does not name again may say which cases, and is asked about.
    const other = await planner.plan("The CISO is worried about the contractors. If any alert involves someone in the 'Board' group, assign the incident to kim.lee@contoso.com.");
    assert.ok(isQuestion(other));
  });

  it('when a summary is asked "every time a high incident comes in" after the steps, and the low ones are not needed, then the mail is for those incidents', async () => {
    const plan = await accepted('send a short summary to ops-lead@contoso.com every time a high incident comes in. dont need the low level stuff');
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
    assert.deepEqual(step(plan, 'sendMail').params.mailTo, ['ops-lead@contoso.com']);
    // The other side: a case with more after it ("..., then isolate") keeps the order of the steps.
    const ordered = await accepted('collect an investigation package from each device whenever an incident has the tag \'hold\', then isolate the device');
    assert.deepEqual(ordered.spec.steps.map((s) => s.action), ['collectInvestigationPackage', 'isolate']);
  });

  it('when the people of a group are defined in brackets and the staff outside it are "Employees:", then each side gets its own step', async () => {
    const plan = await accepted("if one of our interns' accounts (they're all in the 'Summer Interns' group) triggers a high severity alert, disable the account. Employees: don't disable anybody, just let the team know on Teams.");
    assert.deepEqual(step(plan, 'disableUser').userFilter?.inGroups, ['Summer Interns']);
    assert.ok(kinds(step(plan, 'teamsMessage').when?.condition).includes('not userInGroup'));
  });
});

/**
 * A threat-intelligence note: sharing labels (TLP, confidence, "don't forward"), IOCs listed one per line, then "if any of
 * these shows up in an incident". An IOC value is read only where the plan holds it.
 */
describe('offline planner: threat-intelligence notes', () => {
  it('when an IOC value is the case of a block ("if <ip> shows up, block that IP"), then only that value is blocked, and only when it shows up', async () => {
    const plan = await accepted('if 198.51.100.66 or 198.51.100.67 shows up in an incident, block that IP and tag the incident c2-feed');
    const block = step(plan, 'createIndicator');
    assert.deepEqual(block.when?.condition, { kind: 'iocValue', values: ['198.51.100.66', '198.51.100.67'] });
    assert.deepEqual(block.iocFilter?.values, ['198.51.100.66', '198.51.100.67']);
    assert.deepEqual(kinds(step(plan, 'updateIncident').when?.condition), ['iocValue']);
    // The other side: an IOC value the plan cannot hold is not read, and the block is asked about (it had blocked every IP).
    const unread = await planner.plan('if the incident has the IP 198.51.100.66, block that IP');
    assert.ok(isQuestion(unread));
  });

  it('when IOCs are listed one per line under a heading and "any of these" follows, then the rule is for those values', async () => {
    const plan = await accepted('TLP:GREEN, conf 80 - from the partner feed today: loader infra\n198.51.100.66\nhttp://dl.badcdn.example/a.bin\nif any of these shows up in an incident, add it as a block indicator. pls dont forward outside the SOC');
    assert.deepEqual(step(plan, 'createIndicator').iocFilter?.values, ['198.51.100.66', 'http://dl.badcdn.example/a.bin']);
    // The other side: a confidence said as a test is not a label, and is asked about.
    const test = await planner.plan('198.51.100.66\nif any of these shows up in an incident and the confidence is above 80, block it');
    assert.ok(isQuestion(test));
  });

  it('when a tag carries a family name ("qakbot-c2"), then no family test is made of it', async () => {
    const plan = await accepted('on high sev alerts tag the incident emotet-wave');
    assert.deepEqual(kinds(step(plan, 'updateIncident').when?.condition), []);
    assert.deepEqual(plan.spec.trigger.topics, []);
  });

  it('when the hash to block is named against the other ("the sha256 (not the sha1)"), then the indicator is made of it', async () => {
    const hash = 'ab'.repeat(32);
    const plan = await accepted(`sha256 ${hash}\nif either shows up in an incident: add the sha256 (not the sha1) as a block indicator`);
    assert.equal(step(plan, 'createIndicator').params.fileHash, 'SHA256');
    assert.deepEqual(step(plan, 'createIndicator').iocFilter?.values, [hash]);
  });
});

/** A KQL veteran's request: aliases for VirusTotal's verdict, an indicator's action after a comma, group lists in brackets. */
describe('offline planner: KQL-shaped requests', () => {
  it('when each URL is expanded and its verdict named ("mv-expand Url | extend v = VT(Url) | where v.malicious >= 6"), then the bands are VirusTotal\'s', async () => {
    const plan = await accepted('| where ServiceSource == "MicrosoftDefenderForOffice365" | mv-expand Url | extend v = VT(Url) | where v.malicious >= 6 -> Url indicator, AlertAndBlock | where v.malicious between (1 .. 5) -> Url indicator, Audit. and set Status = "InProgress" on every MDO incident either way');
    const blocks = plan.spec.steps.filter((s) => s.action === 'createIndicator');
    assert.deepEqual(blocks.map((s) => [s.params.indicatorAction, (s.target as { minEngines?: number }).minEngines]), [['AlertAndBlock', 6], ['Audit', 1]]);
    const status = plan.spec.steps.find((s) => s.action === 'updateIncident');
    assert.ok(!kinds(status?.when?.condition).includes('maliciousIoc'));
  });

  it('when an indicator action is said that no step sets, then it is not read (a block said beside "Warn" is no Warn)', async () => {
    const plan = await planner.plan('on MDO alerts block the url with VT 3+ engines. Warn.');
    assert.ok(isQuestion(plan) || (plan.ok && plan.spec.steps.some((s) => s.params.indicatorAction === 'Warn')));
    const set = await accepted('on MDO alerts block the URL, Warn');
    assert.equal(step(set, 'createIndicator').params.indicatorAction, 'Warn');
  });

  it('when the writer says what they would have written elsewhere ("was gonna do X but no watchlists here so:"), then the ask after the colon is read', async () => {
    const plan = await accepted('was gonna do let execs = _GetWatchlist(\'Execs\') but no watchlists here so: IdP alerts | where AccountUpn in (members of Entra group "Exec Team") and Severity == "High" -> revoke sessions. | where AccountUpn !in (Exec Team) and Severity == "High" -> just tag idp-review');
    assert.deepEqual(step(plan, 'revokeSessions').userFilter?.inGroups, ['Exec Team']);
    assert.deepEqual(kinds(step(plan, 'updateIncident').when?.condition), ['not userInGroup']);
  });
});

/**
 * A reply in a Teams thread: colleagues quoted with ">", emoji shortcodes, @mentions. A quote the reply agrees with is part
 * of the ask; a quote the reply answers or says again in its own words is context.
 */
describe('offline planner: replies in a Teams thread', () => {
  it('when the reply answers a quoted question with its own rule, then the quote is context and the rule is planned', async () => {
    const plan = await accepted('> Kim: do we still assign these by hand?\n\n@channel from today: every new MDE high sev incident gets assigned to ir@contoso.com :thumbsup:');
    assert.equal(step(plan, 'updateIncident').params.incident?.assignedTo, 'ir@contoso.com');
    assert.deepEqual(plan.spec.trigger.severities, ['High']);
  });

  it('when the reply agrees with a quoted ask ("+1 to what @Lee said"), then the quote is the ask', async () => {
    const plan = await accepted("+1 to what @Lee said:\n> tag anything MDE raises on a linux box as 'nix-review'");
    assert.deepEqual(step(plan, 'updateIncident').params.incident?.addTags, ['nix-review']);
    // The other side: a reply that says the quoted step again in its own words has the rule; the quote adds nothing.
    const own = await accepted('> Ana: then block it already :angry:\n\nagreed :100: rule going fwd: file hash VT >= 30 -> block indicator (sha256 pls, not sha1). under 30 nothing');
    assert.equal((step(own, 'createIndicator').target as { minEngines?: number }).minEngines, 30);
  });

  it('when an exception ends a list of incident steps ("..., unless it is already assigned, then dont touch it"), then every step keeps it', async () => {
    const plan = await accepted('for high sev incidents, assign it to ir@contoso.com and set it to in progress, unless it is already assigned, then dont touch it');
    const updates = plan.spec.steps.filter((s) => s.action === 'updateIncident');
    assert.equal(updates.length, 2);
    assert.ok(updates.every((s) => JSON.stringify(s.when?.condition) === JSON.stringify({ kind: 'assignment', assigned: false })));
  });

  it('when the word is said to be in the incident title, then it is a title word, not the threat kind', async () => {
    const plan = await accepted('anything w/ wiper in the incident title: assign to ir@contoso.com');
    assert.deepEqual(plan.spec.trigger.titleKeywords, ['wiper']);
    const ransom = await accepted('anything with ransomware in the incident title: assign to ir@contoso.com');
    assert.deepEqual([ransom.spec.trigger.titleKeywords, ransom.spec.trigger.topics], [['ransomware'], []]);
  });
});

/** An incident-response consultant's rules of engagement: terse, an IOC kind as the heading, actions after arrows. */
describe('offline planner: rules of engagement', () => {
  it('when the writer says not to wait for their approval, then the rule is planned and Rampart still asks before each destructive step', async () => {
    const plan = await accepted('MDE alerts. Sev High: full isolation. Do not wait for my approval on any of it.');
    assert.equal(step(plan, 'isolate').params.isolationType, 'Full');
    assert.ok(plan.understood.some((u) => /approval/.test(u.meaning)));
  });

  it('when a heading names the kind of IOC ("hash IOCs:"), then the indicator is for that kind only (it had blocked IPs, URLs and domains too)', async () => {
    const plan = await accepted('hash IOCs: VT malicious > 8 -> indicator, BlockAndRemediate. 8 or below -> ignore.');
    const block = step(plan, 'createIndicator');
    assert.deepEqual([(block.target as { iocTypes: string[] }).iocTypes, block.params.indicatorAction], [['file'], 'BlockAndRemediate']);
  });

  it('when a severity gets nothing because something else handles it, then the other severities keep their steps', async () => {
    const plan = await accepted('entra id protection risky sign-ins: high = revoke sessions / low = nothing, the conditional access policy already handles those');
    const revoke = step(plan, 'revokeSessions');
    assert.ok(plan.spec.trigger.severities.join() === 'High' || kinds(revoke.when?.condition).join() === 'severity', JSON.stringify(plan.spec));
  });

  it('when accounts are named by a prefix in brackets ("(adm- prefix)"), then they are left out by that name', async () => {
    const plan = await accepted('on credential theft alerts reset password for every user entity on the alert. Admin accounts (adm- prefix) are excluded.');
    assert.deepEqual(step(plan, 'resetPassword').userFilter?.exclude?.namePatterns, ['adm-*']);
  });
});
