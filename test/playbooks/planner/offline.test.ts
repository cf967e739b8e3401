import assert from 'node:assert/strict';
import { OfflinePlanner, isQuestion } from '../../../src/playbooks/planner';
import type { PlanAccepted } from '../../../src/playbooks/planner';
import type { ActionName, Condition, Step } from '../../../src/playbooks/spec';
import { accepted, step as stepOf } from './helpers';

interface Row {
  request: string;
  /** Actions the spec must contain (any order); omitted for refusals. */
  actions?: ActionName[];
  refuse?: true;
  /** Rampart must ask instead: the question quotes these words and names this withheld action. */
  question?: { quotes: string; withholds: string };
  kind?: 'alert' | 'incident';
  severities?: string[];
  sources?: string[];
  topics?: string[];
  statuses?: string[];
  classifications?: string[];
  /** Per action: the target kind. */
  targets?: Partial<Record<ActionName, string>>;
  /** Per action: the condition, as JSON-ish substring of the gate, or null for "no gate". */
  gates?: Partial<Record<ActionName, string | null>>;
  /** A substring that must appear in notUnderstood. */
  notUnderstood?: string;
  /** notUnderstood must be empty. */
  clean?: true;
  check?: (plan: PlanAccepted) => void;
}

const step = (p: PlanAccepted, a: ActionName): Step => {
  const s = p.spec.steps.find((x) => x.action === a);
  assert.ok(s, `no ${a} step in ${JSON.stringify(p.spec.steps.map((x) => x.action))}`);
  return s;
};
const cond = (c: Condition | undefined): string => JSON.stringify(c ?? null);

const ROWS: Row[] = [
  // --- isolation and its synonyms
  { request: 'Isolate the machine if a critical severity alert from Microsoft Defender for Endpoint involves a known malicious IOC, and post the details to a Teams channel.', actions: ['isolate', 'teamsMessage'], kind: 'alert', severities: ['High'], sources: ['MicrosoftDefenderForEndpoint'], targets: { isolate: 'alertDevices' }, gates: { isolate: '"maliciousIoc"', teamsMessage: null }, clean: true },
  { request: 'Quarantine the host when a sev1 alert fires from MDE', actions: ['isolate'], kind: 'alert', severities: ['High'], sources: ['MicrosoftDefenderForEndpoint'] },
  { request: 'Cut off any machine with a high severity alert', actions: ['isolate'], kind: 'alert', severities: ['High'], targets: { isolate: 'alertDevices' } },
  { request: 'Contain the machine if any file hash is flagged by more than 3 engines on VirusTotal', actions: ['isolate'], gates: { isolate: '"minEngines":4' } },
  { request: 'Take the device off the network for critical incidents, then notify the SOC channel', actions: ['isolate', 'teamsMessage'], kind: 'incident', severities: ['High'], targets: { isolate: 'incidentDevices' } },
  { request: 'Network-isolate compromised endpoints in high incidents', actions: ['isolate'], severities: ['High'] },
  { request: 'Disconnect the device from the network when a ransomware alert comes in', actions: ['isolate'], topics: ['ransomware'], kind: 'alert' },
  { request: 'Use selective isolation, so Outlook and Teams keep working, for every device in a high severity ransomware incident.', actions: ['isolate'], severities: ['High'], topics: ['ransomware'], check: (p) => assert.equal(step(p, 'isolate').params.isolationType, 'Selective') },
  { request: 'Selectively isolate the endpoints of medium incidents', actions: ['isolate'], severities: ['Medium'], check: (p) => assert.equal(step(p, 'isolate').params.isolationType, 'Selective') },
  { request: 'Isolate the device.', actions: ['isolate'], check: (p) => assert.equal(step(p, 'isolate').params.isolationType, 'Full') },
  { request: 'Release devices from isolation when their incident is resolved as a false positive.', actions: ['unisolate'], statuses: ['Resolved'], classifications: ['FalsePositive'], targets: { unisolate: 'incidentDevices' } },
  { request: 'Unisolate the machines when the incident is resolved', actions: ['unisolate'], statuses: ['Resolved'] },
  { request: 'Lift isolation on the hosts once the incident gets closed as a false positive', actions: ['unisolate'], statuses: ['Resolved'], classifications: ['FalsePositive'] },
  { request: 'Reconnect the device when the incident is marked as benign', actions: ['unisolate'] },
  // --- scans, forensics, restriction, quarantine
  { request: 'When a high severity incident comes in from Defender for Endpoint, run a full antivirus scan on every affected device.', actions: ['runAntiVirusScan'], kind: 'incident', severities: ['High'], sources: ['MicrosoftDefenderForEndpoint'], targets: { runAntiVirusScan: 'incidentDevices' }, check: (p) => assert.equal(step(p, 'runAntiVirusScan').params.scanType, 'Full') },
  { request: 'Run an AV scan on all affected devices for medium and above incidents', actions: ['runAntiVirusScan'], severities: ['Medium', 'High'], check: (p) => assert.equal(step(p, 'runAntiVirusScan').params.scanType, 'Quick') },
  { request: 'Kick off a deep scan on machines with low or higher alerts', actions: ['runAntiVirusScan'], kind: 'alert', severities: ['Low', 'Medium', 'High'], check: (p) => assert.equal(step(p, 'runAntiVirusScan').params.scanType, 'Full') },
  { request: 'Scan the endpoint', actions: ['runAntiVirusScan'] },
  { request: 'Run a quick scan on machines with medium or higher alerts, and isolate them only if VirusTotal flags any of their files as malicious.', actions: ['runAntiVirusScan', 'isolate'], kind: 'alert', severities: ['Medium', 'High'], gates: { runAntiVirusScan: null, isolate: '"iocTypes":["file"]' } },
  { request: 'Collect an investigation package from any machine that has a high severity alert.', actions: ['collectInvestigationPackage'], kind: 'alert', severities: ['High'], targets: { collectInvestigationPackage: 'alertDevices' } },
  { request: 'Gather forensics from the endpoints in high-severity alerts', actions: ['collectInvestigationPackage'], severities: ['High'], kind: 'alert' },
  { request: 'Grab a forensic package from every device in the incident', actions: ['collectInvestigationPackage'] },
  { request: 'Restrict app execution on the devices in any incident whose title mentions ransomware.', actions: ['restrictCodeExecution'], topics: ['ransomware'] },
  { request: 'Restrict code execution on machines with a high risk score', actions: ['restrictCodeExecution'], gates: { restrictCodeExecution: '"deviceRisk"' } },
  { request: 'Lock down applications on the host when a ransomware incident is detected', actions: ['restrictCodeExecution'], topics: ['ransomware'] },
  { request: 'Remove the app restriction when the incident is resolved', actions: ['unrestrictCodeExecution'], statuses: ['Resolved'] },
  // An undo of a restriction, in a description's third person and with "any": never the restriction itself.
  { request: 'Once the incident is resolved, the playbook clears any code execution restrictions on its hosts and appends a note.', actions: ['unrestrictCodeExecution', 'updateIncident'], statuses: ['Resolved'] },
  { request: 'when resolved, drop all app restrictions on the machines', actions: ['unrestrictCodeExecution'], statuses: ['Resolved'] },
  { request: 'If an incident contains a file that VirusTotal considers malicious, stop and quarantine that file on the device where it was seen.', actions: ['stopAndQuarantineFile'], targets: { stopAndQuarantineFile: 'fileDevices' }, check: (p) => assert.deepEqual(step(p, 'stopAndQuarantineFile').target, { kind: 'fileDevices', minEngines: 1 }) },
  { request: 'Stop and quarantine any malicious file detected by 5+ engines', actions: ['stopAndQuarantineFile'], check: (p) => assert.deepEqual(step(p, 'stopAndQuarantineFile').target, { kind: 'fileDevices', minEngines: 5 }) },
  { request: 'Quarantine the malicious files', actions: ['stopAndQuarantineFile'] },
  { request: 'Kill and quarantine the file on the machine where it was found', actions: ['stopAndQuarantineFile'] },
  // --- indicators
  { request: 'Block every file hash in the incident that VirusTotal flags as malicious by at least 5 engines.', actions: ['createIndicator'], check: (p) => assert.deepEqual(step(p, 'createIndicator').target, { kind: 'iocs', iocTypes: ['file'], minEngines: 5 }) },
  { request: 'Blacklist the IPs VirusTotal flags as malicious', actions: ['createIndicator'], check: (p) => assert.deepEqual(step(p, 'createIndicator').target, { kind: 'iocs', iocTypes: ['ip'], minEngines: 1 }) },
  { request: 'Add the malicious URLs to the indicators', actions: ['createIndicator'], check: (p) => assert.deepEqual(step(p, 'createIndicator').target, { kind: 'iocs', iocTypes: ['url'], minEngines: 1 }) },
  { request: 'Create an indicator for each domain with at least 3 detections on VT', actions: ['createIndicator'], check: (p) => assert.deepEqual(step(p, 'createIndicator').target, { kind: 'iocs', iocTypes: ['domain'], minEngines: 3 }) },
  { request: 'Block all the IOCs', actions: ['createIndicator'], check: (p) => assert.deepEqual(step(p, 'createIndicator').target, { kind: 'iocs', iocTypes: ['file', 'ip', 'url', 'domain'], minEngines: null }) },
  { request: 'Block the hash with alert and block', actions: ['createIndicator'], check: (p) => assert.equal(step(p, 'createIndicator').params.indicatorAction, 'AlertAndBlock') },
  { request: 'Cut off any machine with a high severity alert and block the hash', actions: ['isolate', 'createIndicator'], check: (p) => assert.equal(step(p, 'createIndicator').params.indicatorAction, undefined) },
  { request: 'If an alert involves an IP address that VirusTotal reports as malicious, add it to the Defender indicators as blocked and add a comment to the incident.', actions: ['createIndicator', 'updateIncident'], kind: 'alert', gates: { updateIncident: '"ip"' }, check: (p) => assert.deepEqual(step(p, 'createIndicator').target, { kind: 'iocs', iocTypes: ['ip'], minEngines: 1 }) },
  { request: 'For phishing alerts from Defender for Office 365, block the URL if VirusTotal says it is malicious and email the SOC lead at soc-lead@contoso.com.', actions: ['createIndicator', 'sendMail'], kind: 'alert', sources: ['MicrosoftDefenderForOffice365'], topics: ['phishing'], gates: { sendMail: null }, check: (p) => assert.deepEqual(step(p, 'sendMail').params.mailTo, ['soc-lead@contoso.com']) },
  { request: 'Block the URL unless VirusTotal says it is clean', actions: ['createIndicator'], check: (p) => assert.equal(step(p, 'createIndicator').target.kind, 'iocs') },
  // --- users
  { request: 'When Identity Protection raises a high severity alert for a user, disable the user\'s account and revoke their sessions.', actions: ['disableUser', 'revokeSessions'], kind: 'alert', severities: ['High'], sources: ['AzureAdIdentityProtection'], targets: { disableUser: 'users', revokeSessions: 'users' } },
  { request: 'Block sign-in for the user and sign them out everywhere when Identity Protection flags a risky sign-in', actions: ['disableUser', 'revokeSessions'], sources: ['AzureAdIdentityProtection'] },
  { request: 'Reset the user\'s password and confirm compromised for high severity Entra ID Protection alerts', actions: ['resetPassword', 'confirmCompromised'], sources: ['AzureAdIdentityProtection'], severities: ['High'] },
  { request: 'Confirm the user as compromised in Identity Protection when the alert shows a sign-in from an IP that VirusTotal marks as malicious.', actions: ['confirmCompromised'], kind: 'alert', gates: { confirmCompromised: '"iocTypes":["ip"]' } },
  { request: 'Dismiss the user risk when the incident is closed as a false positive', actions: ['dismissRiskyUser'], statuses: ['Resolved'], classifications: ['FalsePositive'] },
  { request: 'Suspend the account and kill their sessions for alerts from Defender for Cloud Apps', actions: ['disableUser', 'revokeSessions'], sources: ['MicrosoftCloudAppSecurity'] },
  { request: 'Force a password reset for users in MCAS incidents', actions: ['resetPassword'], sources: ['MicrosoftCloudAppSecurity'] },
  { request: 'Revoke all refresh tokens of the user', actions: ['revokeSessions'] },
  { request: 'Disable the account of anyone involved in a Defender for Identity alert', actions: ['disableUser'], sources: ['MicrosoftDefenderForIdentity'], kind: 'alert' },
  // --- incident updates
  { request: 'Assign new high severity incidents to tier2@contoso.com and mark them In Progress.', actions: ['updateIncident', 'updateIncident'], severities: ['High'], kind: 'incident', check: (p) => { const all = p.spec.steps.map((s) => s.params.incident); assert.ok(all.some((c) => c?.assignedTo === 'tier2@contoso.com')); assert.ok(all.some((c) => c?.status === 'InProgress')); } },
  { request: 'Assign incidents whose title contains \'Mimikatz\' to tier3@contoso.com', actions: ['updateIncident'], check: (p) => { assert.deepEqual(p.spec.trigger.titleKeywords, ['mimikatz']); assert.equal(step(p, 'updateIncident').params.incident?.assignedTo, 'tier3@contoso.com'); } },
  { request: 'Close incidents from Defender for Office 365 as false positive when none of their URLs are malicious on VirusTotal.', actions: ['updateIncident'], sources: ['MicrosoftDefenderForOffice365'], kind: 'incident', gates: { updateIncident: '{"not":{"kind":"maliciousIoc","iocTypes":["url"]' }, check: (p) => assert.deepEqual(step(p, 'updateIncident').params.incident, { status: 'Resolved', classification: 'FalsePositive', determination: 'Other' }) },
  { request: 'Resolve incidents as false positive unless any IOC is malicious on VT', actions: ['updateIncident'], gates: { updateIncident: '{"not":' } },
  { request: 'Auto-close informational incidents as benign', actions: ['updateIncident'], severities: ['Informational'], check: (p) => assert.equal(step(p, 'updateIncident').params.incident?.classification, 'InformationalExpectedActivity') },
  { request: 'Resolve the incident as a true positive', actions: ['updateIncident'], check: (p) => assert.equal(step(p, 'updateIncident').params.incident?.classification, 'TruePositive') },
  { request: 'Tag every incident that involves a device with a high risk score as high-risk-device.', actions: ['updateIncident'], gates: { updateIncident: '"deviceRisk"' }, check: (p) => assert.deepEqual(step(p, 'updateIncident').params.incident?.addTags, ['high-risk-device']) },
  { request: 'Tag incidents from Defender for Office 365 with \'phish-triage\'', actions: ['updateIncident'], sources: ['MicrosoftDefenderForOffice365'], check: (p) => assert.deepEqual(step(p, 'updateIncident').params.incident?.addTags, ['phish-triage']) },
  { request: 'Label ransomware incidents as "ransomware-response"', actions: ['updateIncident'], topics: ['ransomware'], check: (p) => assert.deepEqual(step(p, 'updateIncident').params.incident?.addTags, ['ransomware-response']) },
  { request: 'Add the VirusTotal results for each file hash as a comment on new incidents.', actions: ['updateIncident'], check: (p) => assert.equal(step(p, 'updateIncident').params.incident?.includeVirusTotal, true) },
  { request: 'Add a comment "Auto-triaged by Rampart" to every low severity incident', actions: ['updateIncident'], severities: ['Low'], check: (p) => assert.equal(step(p, 'updateIncident').params.incident?.comment, 'Auto-triaged by Rampart') },
  { request: 'Set the status to in progress for medium incidents', actions: ['updateIncident'], severities: ['Medium'], check: (p) => assert.equal(step(p, 'updateIncident').params.incident?.status, 'InProgress') },
  { request: 'Route high incidents from MDE to ir-oncall@contoso.com', actions: ['updateIncident'], check: (p) => assert.equal(step(p, 'updateIncident').params.incident?.assignedTo, 'ir-oncall@contoso.com') },
  // --- notifications
  { request: 'Post a summary of every new high or medium severity incident to the SOC channel.', actions: ['teamsMessage'], severities: ['Medium', 'High'], kind: 'incident' },
  { request: 'Email soc@contoso.com and ir@contoso.com a summary of every high incident', actions: ['sendMail'], check: (p) => assert.deepEqual(step(p, 'sendMail').params.mailTo, ['ir@contoso.com', 'soc@contoso.com']) },
  { request: 'Notify the SOC lead at lead@contoso.com by email when a ransomware incident comes in', actions: ['sendMail'], topics: ['ransomware'] },
  { request: 'Send an email to the on-call analyst for every sev1 incident', actions: ['sendMail'], severities: ['High'], check: (p) => assert.deepEqual(step(p, 'sendMail').params.mailTo, []) },
  { request: 'Ping the channel about phishing alerts', actions: ['teamsMessage'], topics: ['phishing'] },
  { request: 'Share the incident details in Teams with the VirusTotal verdicts', actions: ['teamsMessage'], check: (p) => assert.equal(step(p, 'teamsMessage').params.includeVirusTotal, true) },
  { request: 'Alert the SOC in Teams whenever a critical incident from Sentinel arrives', actions: ['teamsMessage'], severities: ['High'], sources: ['MicrosoftSentinel'] },
  // --- multi-step, several sentences, ordering
  { request: 'When Defender for Endpoint reports a high severity alert: isolate the device, block any file hash VirusTotal calls malicious, assign the incident to ir-team@contoso.com and post it to Teams.', actions: ['isolate', 'createIndicator', 'updateIncident', 'teamsMessage'], kind: 'alert', gates: { isolate: null, teamsMessage: null, updateIncident: null } },
  { request: 'Isolate the device. Only do this if VirusTotal flags the file with at least 10 engines.', actions: ['isolate'], gates: { isolate: '"minEngines":10' }, clean: true },
  { request: 'For high severity alerts from MDE, scan the machine. If a file is malicious, isolate it and tell the SOC channel.', actions: ['runAntiVirusScan', 'isolate', 'teamsMessage'], gates: { runAntiVirusScan: null, isolate: '"maliciousIoc"', teamsMessage: '"maliciousIoc"' } },
  { request: 'Post to Teams, then isolate the host if any IP is flagged by VirusTotal', actions: ['teamsMessage', 'isolate'], gates: { teamsMessage: null, isolate: '"ip"' } },
  { request: 'On every high incident: collect forensics, run a full scan and email soc@contoso.com.', actions: ['collectInvestigationPackage', 'runAntiVirusScan', 'sendMail'], severities: ['High'] },
  { request: 'Isolate the machine, restrict app execution and block the file hashes for ransomware incidents', actions: ['isolate', 'restrictCodeExecution', 'createIndicator'], topics: ['ransomware'] },
  { request: 'Contain the host when an alert from Defender for Endpoint is high or critical, and disable the user.', actions: ['isolate', 'disableUser'], severities: ['High'], kind: 'alert' },
  // Qualifiers no spec field expresses leave destructive steps out instead of acting on everyone.
  { request: 'Isolate any device whose user is a member of the Finance team when a high alert fires.', refuse: true, notUnderstood: 'who the user is' },
  { request: 'Isolate the device if it has a high alert and the user is an admin.', refuse: true, notUnderstood: 'user is an admin' },
  // --- one verb, several severities: "route highs to A and mediums to B" (the second half leaves the verb out)
  {
    request: 'Route high severity incidents to ir-lead@contoso.com and medium ones to triage@contoso.com',
    actions: ['updateIncident', 'updateIncident'],
    kind: 'incident',
    check: (p) => {
      const byOwner = Object.fromEntries(p.spec.steps.map((s) => [s.params.incident?.assignedTo, cond(s.when?.condition)]));
      assert.deepEqual(byOwner, { 'ir-lead@contoso.com': cond({ kind: 'severity', severities: ['High'] }), 'triage@contoso.com': cond({ kind: 'severity', severities: ['Medium'] }) });
    },
  },
  {
    request: 'label highs as sev-a, lows as sev-c',
    actions: ['updateIncident', 'updateIncident'],
    check: (p) => {
      const byTag = Object.fromEntries(p.spec.steps.map((s) => [s.params.incident?.addTags?.join(), cond(s.when?.condition)]));
      assert.deepEqual(byTag, { 'sev-a': cond({ kind: 'severity', severities: ['High'] }), 'sev-c': cond({ kind: 'severity', severities: ['Low'] }) });
    },
  },
  { request: 'Block the file hash and isolate the device when the same hash is seen on 3 devices.', refuse: true, notUnderstood: '"block indicator" was left out' },
  { request: 'Block the file hash and isolate the device when the same hash is seen on 3 devices, and post to Teams.', question: { quotes: 'seen on 3 devices', withholds: 'isolate device' } },
  // Rampart cannot read a scan's result: the isolation it would gate is left out, not run regardless.
  { request: 'Scan the device and, if the scan finds malware, isolate it', question: { quotes: 'if the scan finds malware', withholds: 'isolate device' } },
  { request: "If the alert's category is Banana, revoke the user's sessions and post to Teams.", question: { quotes: 'Banana', withholds: 'revoke sign-in sessions' } },
  { request: "If the alert's category is CredentialAccess, revoke the user's sessions.", actions: ['revokeSessions'], kind: 'alert', clean: true, check: (p) => assert.deepEqual(p.spec.trigger.categories, ['CredentialAccess']) },
  { request: 'Collect an investigation package for alerts in category Lateral Movement or Exfiltration.', actions: ['collectInvestigationPackage'], check: (p) => assert.deepEqual(p.spec.trigger.categories, ['Exfiltration', 'LateralMovement']) },
  { request: 'Isolate the host on any high alert from Defender for Endpoint, but only during weekends.', actions: ['isolate'], check: (p) => assert.deepEqual(step(p, 'isolate').when?.condition, { kind: 'timeWindow', at: 'incidentCreated', days: ['Saturday', 'Sunday'] }) },
  { request: 'Isolate the host on any high alert from Defender for Endpoint, but only during business hours.', refuse: true, notUnderstood: 'which hours?' },
  { request: 'Isolate the host on any high alert from Defender for Endpoint, but only after 18:00 CET.', refuse: true },
  { request: 'If an incident involves a file with more than 20 VT detections, block the SHA256.', actions: ['createIndicator'], check: (p) => assert.match(JSON.stringify(p.spec.steps), /"minEngines":21/) },
  { request: 'Only if a URL is malicious on VirusTotal: block it and notify the channel', actions: ['createIndicator', 'teamsMessage'], gates: { teamsMessage: '"url"' }, check: (p) => assert.deepEqual(step(p, 'createIndicator').target, { kind: 'iocs', iocTypes: ['url'], minEngines: 1 }) },
  // --- negation and explicit non-actions
  { request: 'Isolate the device but don\'t block the hash', actions: ['isolate'], check: (p) => assert.ok(!p.spec.steps.some((s) => s.action === 'createIndicator')) },
  { request: 'Block the hash, do not isolate the device', actions: ['createIndicator'], check: (p) => assert.ok(!p.spec.steps.some((s) => s.action === 'isolate')) },
  { request: 'When none of the files are malicious on VirusTotal, close the incident as a false positive', actions: ['updateIncident'], gates: { updateIncident: '{"not":' } },
  // --- domain facts
  { request: 'Isolate devices with critical alerts', actions: ['isolate'], severities: ['High'], check: (p) => assert.ok(p.facts.some((f) => /critical/.test(f))) },
  { request: 'Isolate the device and raise the severity to high', actions: ['isolate'], notUnderstood: 'severity', check: (p) => assert.ok(p.facts.some((f) => /Severity cannot be changed/.test(f))) },
  { request: 'Stop and quarantine the file', actions: ['stopAndQuarantineFile'], check: (p) => assert.ok(p.facts.some((f) => /SHA-1/.test(f))) },
  { request: 'Isolate selectively so email keeps working', actions: ['isolate'], check: (p) => assert.ok(p.facts.some((f) => /Outlook, Teams and Skype/.test(f))) },
  { request: 'Block the file hashes', actions: ['createIndicator'], check: (p) => assert.ok(p.facts.some((f) => /SHA-256 or SHA-1/.test(f))) },
  { request: 'Scan devices with alerts from MicrosoftDefenderATP', actions: ['runAntiVirusScan'], sources: ['MicrosoftDefenderForEndpoint'] },
  { request: 'Block URLs from OfficeATP alerts that VirusTotal flags', actions: ['createIndicator'], sources: ['MicrosoftDefenderForOffice365'] },
  // --- partly understood
  { request: 'Isolate the device and open a ServiceNow ticket', actions: ['isolate'], notUnderstood: 'ServiceNow' },
  { request: 'Scan the machine and page the on-call engineer', actions: ['runAntiVirusScan'], notUnderstood: 'page' },
  { request: 'Isolate the host and wipe it', actions: ['isolate'], notUnderstood: 'wipe' },
  { request: 'Disable the user and frobnicate the widgets', actions: ['disableUser'], notUnderstood: 'frobnicate' },
  { request: 'Block the URL. Also make it snappy.', actions: ['createIndicator'], notUnderstood: 'snappy' },
  { request: "Don't isolate anything, just add a comment to the incident with the VirusTotal results for its IPs.", actions: ['updateIncident'], clean: true, check: (p) => assert.ok(!p.spec.steps.some((x) => x.action === 'isolate')) },
  // A condition Rampart cannot check leaves its step out: never isolate more widely than asked.
  { request: 'Isolate hosts in incidents with 3 or more malicious files', refuse: true, notUnderstood: 'counting malicious IOCs' },
  { request: 'Isolate the device if the user\'s sign-in risk is high', refuse: true, notUnderstood: 'condition not understood' },
  { request: 'Isolate the device if the user\'s sign-in risk is high, and post the incident to Teams', question: { quotes: "sign-in risk is high", withholds: 'isolate device' } },
  { request: 'Please send the VT verdicts for every hash to soc@contoso.com', actions: ['sendMail'], check: (p) => assert.deepEqual(step(p, 'sendMail').params.mailTo, ['soc@contoso.com']) },
  // --- exclusions of the whole request: every step leaves those incidents or devices alone
  { request: 'Isolate the machine on high severity incidents but skip anything tagged RedTeam', actions: ['isolate'], severities: ['High'], gates: { isolate: '{"not":{"kind":"incidentTag","tags":["RedTeam"]}}' } },
  { request: 'Exclude incidents labelled sandbox. Block the IP when VirusTotal flags it.', actions: ['createIndicator'], gates: { createIndicator: '{"not":{"kind":"incidentTag","tags":["sandbox"]}}' } },
  { request: 'Ignore cases that already have an owner; for the rest, run a full scan and disable the user', actions: ['runAntiVirusScan', 'disableUser'], gates: { runAntiVirusScan: '{"not":{"kind":"assignment","assigned":true}}', disableUser: '{"not":{"kind":"assignment","assigned":true}}' } },
  { request: 'Leave the domain controllers alone and isolate every host with a critical alert', actions: ['isolate'], check: (p) => assert.deepEqual(step(p, 'isolate').deviceFilter?.exclude?.kinds, ['domainController']) },
  { request: 'Do not touch anything from Defender for Office 365. Revoke the sessions of the user on high incidents.', actions: ['revokeSessions'], gates: { revokeSessions: '{"not":{"kind":"serviceSource","sources":["MicrosoftDefenderForOffice365"]}}' } },
  { request: 'Skip the antivirus scan and isolate the device', actions: ['isolate'], check: (p) => assert.ok(!p.spec.steps.some((s) => s.action === 'runAntiVirusScan')) },
  // An instruction Rampart cannot read that names incidents narrows the destructive steps: it asks.
  { request: 'Defer anything tagged Foo. Isolate the device on high severity alerts, and post to Teams.', question: { quotes: 'Defer', withholds: 'isolate device' } },
  // --- a "for ..." phrase with its own action is another branch
  { request: 'When an alert is critical, contain the endpoint, for low ones run a quick scan instead', actions: ['isolate', 'runAntiVirusScan'], gates: { isolate: '"severities":["High"]', runAntiVirusScan: '"severities":["Low"]' } },
  { request: 'Isolate the device for high alerts, for everything else post a note in the channel', actions: ['isolate', 'teamsMessage'], gates: { isolate: '"severities":["High"]', teamsMessage: '{"not":{"kind":"severity","severities":["High"]}}' } },
  { request: 'Block the domain for 14 days', actions: ['createIndicator'], check: (p) => assert.equal(step(p, 'createIndicator').params.expiresInDays, 14) },
  // --- IOC types as leads: each branch acts on its own type
  { request: 'For IPs: block them. For domains: add a comment to the incident.', actions: ['createIndicator', 'updateIncident'], check: (p) => assert.deepEqual(step(p, 'createIndicator').target, { kind: 'iocs', iocTypes: ['ip'], minEngines: null }) },
  { request: 'Hashes => stop and quarantine the file; links => post to Teams', actions: ['stopAndQuarantineFile', 'teamsMessage'], gates: { teamsMessage: '{"kind":"entityPresent","entityType":"Url"}' } },
  // --- words naming alerts are their titles; severities written with a slash are either
  { request: 'Close zorblax alerts as informational expected activity', actions: ['updateIncident'], check: (p) => assert.deepEqual(p.spec.trigger.titleKeywords, ['zorblax']) },
  { request: 'med/high -> collect an inv pkg; low -> comment', actions: ['collectInvestigationPackage', 'updateIncident'], gates: { collectInvestigationPackage: '"severities":["Medium","High"]', updateIncident: '"severities":["Low"]' } },
  // --- descriptions in the passive: the main clause is the instruction, a condition stays a condition
  { request: 'When VirusTotal rates a hash as malicious, the file is quarantined and the analysts are notified in Teams.', actions: ['stopAndQuarantineFile', 'teamsMessage'], gates: { teamsMessage: '"maliciousIoc"' } },
  { request: 'Once the incident is resolved as a false positive, the device is released from isolation.', actions: ['unisolate'], statuses: ['Resolved'], classifications: ['FalsePositive'] },
  { request: 'Isolate the device when the incident is tagged crown-jewel and the account is disabled', refuse: true },
  { request: 'Quarantine and tell: this automation runs on Medium severity incidents. If any file has a VirusTotal detection count of 7 or more, the files are stopped and quarantined; otherwise, a note is added to the incident and nothing else is done.', actions: ['stopAndQuarantineFile', 'updateIncident'], check: (p) => { assert.match(cond(step(p, 'updateIncident').when?.condition), /"not"/); assert.match(cond(step(p, 'updateIncident').when?.condition), /"Medium"/); } },
  { request: 'For alerts from Defender for Identity with High severity, disable the account. For lower severities, a message is posted to the SOC channel instead.', actions: ['disableUser', 'teamsMessage'], gates: { disableUser: '"High"', teamsMessage: '{"not":' } },
  // --- per-OS and per-band branches, techniques, asides
  { request: 'linux hosts => isolate them, windows => run a quick scan', actions: ['isolate', 'runAntiVirusScan'], check: (p) => { assert.deepEqual(step(p, 'isolate').deviceFilter?.include?.osPlatforms, ['Linux']); assert.deepEqual(step(p, 'runAntiVirusScan').deviceFilter?.include?.osPlatforms, ['Windows']); } },
  { request: 'VT detections between 2 and 9: comment on the incident. 10 or more engines: block the hash', actions: ['updateIncident', 'createIndicator'], gates: { updateIncident: '"minEngines":10' }, check: (p) => assert.deepEqual(step(p, 'createIndicator').target, { kind: 'iocs', iocTypes: ['file'], minEngines: 10 }) },
  { request: 'When Defender for Identity reports a golden ticket, revoke the sessions of the user', actions: ['revokeSessions'], sources: ['MicrosoftDefenderForIdentity'], check: (p) => assert.deepEqual(p.spec.trigger.titleKeywords, ['golden ticket']) },
  { request: 'On pass the ticket alerts disable the account', actions: ['disableUser'], check: (p) => { assert.ok(p.spec.trigger.titleKeywords.includes('pass-the-ticket')); assert.equal(step(p, 'disableUser').when, undefined); } },
  { request: 'Restrict app execution (only on servers) when the alert is high', actions: ['restrictCodeExecution'], check: (p) => assert.deepEqual(step(p, 'restrictCodeExecution').deviceFilter?.include?.kinds, ['server']) },
  { request: 'Isolate workstations with critical alerts, and for servers just collect an investigation package', actions: ['isolate', 'collectInvestigationPackage'], check: (p) => { assert.deepEqual(step(p, 'isolate').deviceFilter?.include?.kinds, ['workstation']); assert.deepEqual(step(p, 'collectInvestigationPackage').deviceFilter?.include?.kinds, ['server']); } },
  // --- a condition in the middle governs the action after it; severities as nouns; gapped actions
  { request: 'collect a package from each machine, and then if a hash has over 12 VT hits contain the machines', actions: ['collectInvestigationPackage', 'isolate'], gates: { collectInvestigationPackage: null, isolate: '"minEngines":13' } },
  { request: 'scan the box - deep scan for criticals, quick for lows', actions: ['runAntiVirusScan', 'runAntiVirusScan'], check: (p) => { const scans = p.spec.steps.filter((x) => x.action === 'runAntiVirusScan'); assert.deepEqual(scans.map((x) => [x.params.scanType, cond(x.when?.condition)]), [['Full', '{"kind":"severity","severities":["High"]}'], ['Quick', '{"kind":"severity","severities":["Low"]}']]); } },
  { request: 'Undoes the containment after an analyst resolves the incident as a false positive: releases the machines from isolation.', actions: ['unisolate'], statuses: ['Resolved'], classifications: ['FalsePositive'] },
  { request: 'Block file hashes whose VT detections exceed eight; skip anything under 9', actions: ['createIndicator'], check: (p) => assert.deepEqual(step(p, 'createIndicator').target, { kind: 'iocs', iocTypes: ['file'], minEngines: 9 }) },
  { request: 'when VT finds nothing on the url, close the incident as a false positive', actions: ['updateIncident'], gates: { updateIncident: '{"not":{"kind":"maliciousIoc","iocTypes":["url"]' } },
  { request: 'Restrict code execution on the device unless the incident is already marked Active', actions: ['restrictCodeExecution'], statuses: ['InProgress', 'Resolved'] },
  // --- a title word said as a word is that word, not its topic; a device's own risk filters devices
  { request: 'Revoke the sessions when the alert title has the word ransomware in it', actions: ['revokeSessions'], check: (p) => { assert.deepEqual(p.spec.trigger.titleKeywords, ['ransomware']); assert.deepEqual(p.spec.trigger.topics, []); } },
  { request: 'Run a full scan on machines whose risk score is Medium', actions: ['runAntiVirusScan'], check: (p) => assert.equal(step(p, 'runAntiVirusScan').deviceFilter?.include?.minRiskScore, 'Medium') },
  // --- exceptions never turn into the only case: "unless", "skipping", "if it's X don't ..."
  { request: 'Collect an investigation package from every machine unless the machine runs macOS.', actions: ['collectInvestigationPackage'], check: (p) => { const f = step(p, 'collectInvestigationPackage').deviceFilter; assert.deepEqual(f?.exclude?.osPlatforms, ['macOS']); assert.equal(f?.include, undefined); } },
  { request: 'Disable the account, skipping incidents that carry the tag drill.', actions: ['disableUser'], gates: { disableUser: '{"not":{"kind":"incidentTag","tags":["drill"]}}' } },
  { request: 'contain the hosts of critical alerts, but if it is a workstation dont contain the host, run a full scan instead', actions: ['isolate', 'runAntiVirusScan'], check: (p) => { assert.deepEqual(step(p, 'isolate').deviceFilter?.exclude?.kinds, ['workstation']); assert.deepEqual(step(p, 'runAntiVirusScan').deviceFilter?.include?.kinds, ['workstation']); } },
  { request: 'isolate (selective, keep email working) each machine with a medium risk score', actions: ['isolate'], check: (p) => { assert.equal(step(p, 'isolate').params.isolationType, 'Selective'); assert.equal(step(p, 'isolate').deviceFilter?.include?.minRiskScore, 'Medium'); } },
  // --- an aside that qualifies stays with its words; a mail address is no sentence end
  { request: 'hashes VT flags (10+ engines) -> block them and mail ir@contoso.org (the IR lead)', actions: ['createIndicator', 'sendMail'], check: (p) => { assert.deepEqual(step(p, 'createIndicator').target, { kind: 'iocs', iocTypes: ['file'], minEngines: 10 }); assert.deepEqual(step(p, 'sendMail').params.mailTo, ['ir@contoso.org']); } },
  // --- negated actions on named incidents, bare counts, qualifiers said on their own
  { request: 'never isolate anything tagged honeypot. isolate the device when VT flags a hash', actions: ['isolate'], gates: { isolate: '{"not":{"kind":"incidentTag","tags":["honeypot"]}}' } },
  { request: 'block every IP VT has at 7+', actions: ['createIndicator'], check: (p) => assert.deepEqual(step(p, 'createIndicator').target, { kind: 'iocs', iocTypes: ['ip'], minEngines: 7 }) },
  { request: 'run a full scan on the hosts. low sev and up only', actions: ['runAntiVirusScan'], severities: ['Low', 'Medium', 'High'] },
  { request: 'Isolate the device when VT flags the file. Except Linux hosts, collect an investigation package on those instead of isolating.', actions: ['isolate', 'collectInvestigationPackage'], check: (p) => { assert.deepEqual(step(p, 'isolate').deviceFilter?.exclude?.osPlatforms, ['Linux']); assert.deepEqual(step(p, 'collectInvestigationPackage').deviceFilter?.include?.osPlatforms, ['Linux']); } },
  { request: 'Scan the linux servers; we are not allowed to isolate servers so post in teams instead', actions: ['runAntiVirusScan', 'teamsMessage'] },
  { request: 'Upon detection of a bad IP (at least 4 VirusTotal engines), the automation blocks the IP.', actions: ['createIndicator'], check: (p) => assert.deepEqual(step(p, 'createIndicator').target, { kind: 'iocs', iocTypes: ['ip'], minEngines: 4 }) },
  // A clause that acts on nothing but names a number narrows the steps: never read past it.
  { request: 'Whatever has 9 flags, isolate the device and post to Teams.', question: { quotes: '9', withholds: 'isolate device' } },
  // Severities that branch the steps are each alert's own: a medium alert's device is never isolated by the high branch.
  { request: 'critical -> contain the machine; low -> run a quick scan', actions: ['isolate', 'runAntiVirusScan'], kind: 'alert', targets: { isolate: 'alertDevices', runAntiVirusScan: 'alertDevices' } },
  // --- refusals
  { request: 'Open a ServiceNow ticket for each new incident.', refuse: true, notUnderstood: 'ServiceNow' },
  { request: 'Handle the bad stuff.', refuse: true, notUnderstood: 'Handle the bad stuff' },
  { request: 'Open a Jira ticket and post to Slack', refuse: true, notUnderstood: 'Slack' },
  { request: 'Set the severity to high for incidents from Defender for Identity', refuse: true, notUnderstood: 'severity' },
  { request: 'When a phishing email is reported, block the sender and delete the message', refuse: true, notUnderstood: 'sender' },
  { request: '', refuse: true },
  { request: 'Make the SOC better', refuse: true, notUnderstood: 'Make the SOC better' },
  { request: 'Send an SMS to the on-call phone', refuse: true, notUnderstood: 'SMS' },
];

describe('offline planner', () => {
  const planner = new OfflinePlanner();
  for (const row of ROWS) {
    it(`when asked "${row.request.slice(0, 90)}", then it plans ${row.refuse ? 'a refusal' : (row.actions ?? []).join(' + ')}`, async () => {
      const plan = await planner.plan(row.request);
      if (row.question) {
        assert.ok(isQuestion(plan), `expected a question, got ${JSON.stringify(plan)}`);
        if (!isQuestion(plan)) return;
        assert.ok(plan.question.includes(row.question.quotes), plan.question);
        assert.ok(plan.question.includes(row.question.withholds), plan.question);
        return;
      }
      if (row.refuse) {
        assert.equal(plan.ok, false, `expected a refusal, got ${JSON.stringify(plan.ok ? plan.spec.steps : plan)}`);
        if (!plan.ok) {
          assert.match(plan.supported, /isolate/);
          if (row.notUnderstood) assert.ok(plan.notUnderstood.some((n) => n.includes(row.notUnderstood!)), JSON.stringify(plan.notUnderstood));
        }
        return;
      }
      assert.equal(plan.ok, true, JSON.stringify(plan));
      if (!plan.ok) return;
      assert.deepEqual(plan.spec.steps.map((s) => s.action).sort(), [...(row.actions ?? [])].sort(), JSON.stringify(plan.spec.steps));
      const t = plan.spec.trigger;
      if (row.kind) assert.equal(t.kind, row.kind);
      if (row.severities) assert.deepEqual(t.severities, row.severities);
      if (row.sources) assert.deepEqual(t.serviceSources, row.sources);
      if (row.topics) assert.deepEqual(t.topics, row.topics);
      if (row.statuses) assert.deepEqual(t.statuses, row.statuses);
      if (row.classifications) assert.deepEqual(t.classifications, row.classifications);
      for (const [a, kind] of Object.entries(row.targets ?? {})) assert.equal(step(plan, a as ActionName).target.kind, kind);
      for (const [a, gate] of Object.entries(row.gates ?? {})) {
        const g: Condition | undefined = step(plan, a as ActionName).when?.condition;
        if (gate === null) assert.equal(g, undefined, `${a} should run unconditionally, has ${cond(g)}`);
        else assert.ok(cond(g).includes(gate), `${a} gate ${cond(g)} lacks ${gate}`);
      }
      if (row.notUnderstood) assert.ok(plan.notUnderstood.some((n) => n.toLowerCase().includes(row.notUnderstood!.toLowerCase())), JSON.stringify(plan.notUnderstood));
      if (row.clean) assert.deepEqual(plan.notUnderstood, []);
      assert.ok(plan.understood.length > 0);
      row.check?.(plan);
    });
  }
});

describe('offline planner: cases an "except" leaves out, and steps said twice', () => {
  it('when "except low ones" or "except the ones from Defender for Identity" follows a step, then those incidents are skipped', async () => {
    const plan = await accepted('send a mail to soc@contoso.com for every incident, except the ones from defender for identity and except low ones');
    assert.deepEqual(stepOf(plan, 'sendMail').when?.condition, { all: [{ not: { kind: 'serviceSource', sources: ['MicrosoftDefenderForIdentity'] } }, { not: { kind: 'severity', severities: ['Low'] } }] });
  });

  it('when a case gets "nothing except a comment", then the comment is its only step', async () => {
    const plan = await accepted("on high sev malware alerts quarantine the file on workstations; on servers do nothing except tag the incident 'srv-check'");
    assert.deepEqual(stepOf(plan, 'updateIncident').when?.condition, { kind: 'deviceIs', match: { kinds: ['server'] } });
    assert.deepEqual(stepOf(plan, 'stopAndQuarantineFile').deviceFilter, { include: { kinds: ['workstation'] } });
  });

  it('when a title and the body say the same step, then it is planned once', async () => {
    const plan = await accepted('Block the SHA256 of the file for 14 days\n\nThe playbook blocks the SHA256 of the file for 14 days.');
    assert.equal(plan.spec.steps.filter((s) => s.action === 'createIndicator').length, 1);
  });

  it('when unquoted title words are listed with "or" ("w/ certutil or bitsadmin in the title"), then each is a title word', async () => {
    const plan = await accepted('any MDE alert w/ certutil or bitsadmin in the title -> collect the investigation package');
    assert.deepEqual(plan.spec.trigger.titleKeywords, ['bitsadmin', 'certutil']);
  });

  it('when a kind is followed by an example in brackets ("a server (DCs esp)"), then the example neither narrows nor widens it', async () => {
    const plan = await accepted('on high sev alerts isolate the device, but if it is a server (DCs esp) just collect the investigation package');
    assert.deepEqual(stepOf(plan, 'isolate').deviceFilter, { exclude: { kinds: ['server'] } });
  });

  it('when an indicator is asked "with action Alert" or "w/ action Alert only (no block)", then it alerts and does not block', async () => {
    for (const request of ['if VT flags the hash on 6+ engines, add an indicator with action Alert for it', 'VT on the hash >= 6 -> indicator w/ action Alert only (no block)']) {
      const plan = await accepted(request);
      assert.equal(stepOf(plan, 'createIndicator').params.indicatorAction, 'Alert', request);
    }
  });

  it('when a rule-out names a group ("never disable anyone in the \'Tier0\' group"), then those users never get the step', async () => {
    const plan = await accepted("on high sev incidents disable the user. never disable anyone in the 'Tier0' group");
    assert.deepEqual(stepOf(plan, 'disableUser').userFilter, { notInGroups: ['Tier0'] });
  });

  it('when a case of the whole incident gets nothing after branches ("if it is already assigned, do nothing"), then every step leaves it out', async () => {
    for (const ending of ['if the incident is already assigned to someone, do nothing', 'except when the incident is already assigned to someone, then do nothing']) {
      const plan = await accepted(`on high incidents: if the device is a workstation, isolate it; otherwise just collect the investigation package. ${ending}`);
      for (const s of plan.spec.steps) assert.ok(JSON.stringify(s.when?.condition).includes('"kind":"assignment"'), `${ending}: ${JSON.stringify(s)}`);
      assert.deepEqual(stepOf(plan, 'collectInvestigationPackage').deviceFilter, { exclude: { kinds: ['workstation'] } }, ending);
    }
  });

  it('when a block is said twice in a sentence, once bare and once with its test ("block URLs, VT check first: >=4 engines = block"), then it is one block with the test', async () => {
    const plan = await accepted('block phish URLs from MDO incidents, VT-check first: >=4 engines = block, otherwise skip');
    assert.deepEqual(plan.spec.steps.map((s) => [s.action, s.target]), [['createIndicator', { kind: 'iocs', iocTypes: ['url'], minEngines: 4 }]]);
  });

  it('when quoted title words are listed ("w/ \'Cobalt Strike\' or \'beacon\' in an alert title"), then each is a title word', async () => {
    const plan = await accepted("anything w/ 'Sliver' or 'Brute Ratel' in an alert title -> isolate that device");
    assert.deepEqual(plan.spec.trigger.titleKeywords, ['brute ratel', 'sliver']);
  });

  it('when domains are listed "on a client domain (a.com, b.com, incl subdomains)" after "EXCEPT never block", then those domains are spared', async () => {
    const plan = await accepted('on MDO phish alerts block URLs VT flags on 4+ engines. EXCEPT never block anything on a client domain (adatum.com, litware.com, incl subdomains) or office.com - those are FPs half the time');
    assert.deepEqual(stepOf(plan, 'createIndicator').iocFilter, { excludeDomains: ['adatum.com', 'litware.com', 'office.com'] });
  });

  it('when a device group is said with its product ("the \'Kiosks\' MDE device group"), then it is that device group', async () => {
    const plan = await accepted("boxes in the 'Kiosks' MDE device group only: on any alert there run a quick AV scan");
    assert.deepEqual(stepOf(plan, 'runAntiVirusScan').deviceFilter, { include: { groups: ['Kiosks'] } });
  });
});
