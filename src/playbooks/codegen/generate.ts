import {
  ACTIONS, SERVICE_SOURCE_ALIASES, TOPICS, USER_ACTIONS, describeCondition, describeStep, describeTrigger, permissionsOf,
  type ActionName, type Condition, type Gate, type PlaybookSpec, type Step,
} from '../spec';
import { assembleRuntime } from './assemble';

/** What the generator needs besides the spec. */
export interface PlaybookMeta {
  /** The analyst's request, quoted in the header. */
  request: string;
}

const MACHINE_ACTIONS: Partial<Record<ActionName, { path: string; body: (s: Step) => Record<string, string> }>> = {
  isolate: { path: 'isolate', body: (s) => ({ IsolationType: s.params.isolationType ?? 'Full' }) },
  unisolate: { path: 'unisolate', body: () => ({}) },
  runAntiVirusScan: { path: 'runAntiVirusScan', body: (s) => ({ ScanType: s.params.scanType ?? 'Quick' }) },
  collectInvestigationPackage: { path: 'collectInvestigationPackage', body: () => ({}) },
  restrictCodeExecution: { path: 'restrictCodeExecution', body: () => ({}) },
  unrestrictCodeExecution: { path: 'unrestrictCodeExecution', body: () => ({}) },
};
/** The runtime function each user action calls. */
const USER_ACTION_CALLS: Partial<Record<ActionName, (user: string, evidence: string) => string>> = {
  disableUser: (u, e) => `disable_user(ctx, ${u}, ${e})`,
  resetPassword: (u, e) => `reset_password(ctx, ${u}, ${e})`,
  revokeSessions: (u, e) => `revoke_sessions(ctx, ${u}, ${e})`,
  confirmCompromised: (u, e) => `risky_user_action(ctx, "confirmCompromised", ${u}, ${e})`,
  dismissRiskyUser: (u, e) => `risky_user_action(ctx, "dismissRiskyUser", ${u}, ${e})`,
};

/** The files on the alerts' devices; with minEngines, only those VirusTotal flags. */
function filesExpr(minEngines: number | null): string {
  return minEngines ? `malicious_files_on_devices(ctx, files_on_devices(ctx, alerts), ${minEngines})` : 'files_on_devices(ctx, alerts)';
}

/** Python literal for JSON-like data, keys sorted so the same spec gives the same bytes. */
export function pyLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pyLiteral).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${pyLiteral(v)}`).join(', ')}}`;
}

/** SERVICE_SOURCE_ALIASES keyed by lower-case name: the generated Python looks names up this way. */
const SOURCE_ALIASES_LOWER: Record<string, string> = Object.fromEntries(
  Object.entries(SERVICE_SOURCE_ALIASES).map(([alias, canonical]) => [alias.toLowerCase(), canonical]),
);

/** A Python dict literal, one sorted entry per line (for tables a reader scans). */
function pyDict(table: Record<string, string>): string {
  const keys = Object.keys(table).sort();
  return `{\n${keys.map((k) => `    ${JSON.stringify(k)}: ${JSON.stringify(table[k])},`).join('\n')}\n}`;
}

function pyTuple(items: string[]): string {
  return items.length === 1 ? `(${JSON.stringify(items[0])},)` : `(${items.map((i) => JSON.stringify(i)).join(', ')})`;
}

/**
 * The Python expression that evaluates a condition over `scope_alerts` (a list of alerts). `forMembers`: the step acts
 * on the alerts' users, so "the user is in group X" must hold for every one of them where it lets the step run (a
 * member's alert must not reset a non-member beside them), and for any one of them where it holds the step back.
 */
function conditionExpr(c: Condition, scope: Gate['scope'], forMembers = false, positive = true): string {
  if ('all' in c) return `all_of(${c.all.map((x) => conditionExpr(x, scope, forMembers, positive)).join(', ')})`;
  if ('any' in c) return `any_of(${c.any.map((x) => conditionExpr(x, scope, forMembers, positive)).join(', ')})`;
  if ('not' in c) return `not_(${conditionExpr(c.not, scope, forMembers, !positive)})`;
  if (c.kind === 'userInGroup' && forMembers && positive) return `user_in_group(ctx, scope_alerts, ${pyTuple(c.groups)}, every=True)`;
  switch (c.kind) {
    case 'maliciousIoc':
      return `malicious_ioc(ctx, scope_alerts, ${pyTuple(c.iocTypes)}, ${c.minEngines})`;
    case 'unknownIoc':
      return `unknown_ioc(ctx, scope_alerts, ${pyTuple(c.iocTypes)})`;
    case 'deviceRisk':
      return `device_risk_at_least(scope_alerts, ${JSON.stringify(c.atLeast)})`;
    case 'entityPresent':
      return `entity_present(scope_alerts, ${JSON.stringify(c.entityType)})`;
    case 'severity':
      return `severity_is(ctx, scope_alerts, ${pyTuple(c.severities)}, ${scope === 'incident' ? 'True' : 'False'})`;
    case 'category':
      return `category_is(scope_alerts, ${pyTuple(c.categories)})`;
    case 'titleContains':
      return `title_contains(ctx, scope_alerts, ${pyTuple(c.keywords)})`;
    case 'serviceSource':
      return `service_source_is(scope_alerts, ${pyTuple(c.sources)})`;
    case 'detectionSource':
      return `detection_source_is(scope_alerts, ${pyTuple(c.sources)})`;
    case 'incidentTag':
      return `incident_tagged(ctx, ${pyTuple(c.tags)})`;
    case 'assignment':
      return `incident_assignment(ctx, ${c.assigned ? 'True' : 'False'}, ${c.to === undefined ? 'None' : JSON.stringify(c.to)})`;
    case 'userInGroup':
      // (As for device groups: holding a step back, a group whose name holds the words said counts too.)
      return `user_in_group(ctx, scope_alerts, ${pyTuple(c.groups)}${positive ? '' : ', lenient=True'})`;
    case 'entityCount':
      return `entity_count_at_least(ctx, ${JSON.stringify(c.entity)}, ${c.atLeast})`;
    case 'userNamed':
      return `user_named(scope_alerts, ${pyTuple(c.patterns)})`;
    case 'iocValue':
      return `ioc_value_in(scope_alerts, ${pyTuple(c.values)})`;
    case 'deviceIs':
      // Where the test holds a step back, a near group name counts (the safe side); where it lets one run, only the group named.
      return `device_is(ctx, scope_alerts, ${pyLiteral(c.match)}${positive ? '' : ', lenient=True'})`;
    case 'mitreTechnique':
      return `mitre_technique_is(scope_alerts, ${pyTuple(c.techniques)})`;
    case 'threatFamily':
      return `threat_family_is(scope_alerts, ${pyTuple(c.families)})`;
    case 'filePath':
      return `file_path_contains(scope_alerts, ${pyTuple(c.contains)})`;
    case 'mailDelivery':
      return `mail_delivery_is(scope_alerts, ${pyTuple(c.actions)})`;
    case 'mailSubject':
      return `mail_subject_contains(scope_alerts, ${pyTuple(c.contains)})`;
    case 'timeWindow':
      return `time_in_window(ctx, scope_alerts, ${JSON.stringify(c.at)}, ${c.days ? pyTuple(c.days) : 'None'}, ${c.from ? JSON.stringify(c.from) : 'None'}, ${c.to ? JSON.stringify(c.to) : 'None'})`;
  }
}

/** Text safe inside a Python comment or string: one line, no control characters. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(/[^\x20-\x7e\u00a0-\uffff]/g, '').trim();
}

function wrap(text: string, width: number, prefix: string): string[] {
  const words = oneLine(text).split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && (line + ' ' + w).length > width) {
      lines.push(prefix + line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(prefix + line);
  return lines;
}

function phaseOf(step: Step): number {
  if (step.action === 'updateIncident') return 1;
  if (step.action === 'teamsMessage' || step.action === 'sendMail') return 2;
  return 0;
}

function needsVtReport(spec: PlaybookSpec): boolean {
  return spec.steps.some((s) => s.params.includeVirusTotal || s.params.incident?.includeVirusTotal);
}

/** The device list a step iterates, narrowed by the step's device filter when it has one. */
function filtered(devices: string, step: Step): string {
  if (!step.deviceFilter) return devices;
  const list = / if /.test(devices) ? `(${devices})` : devices;
  return `filtered_devices(ctx, ${list}, ${pyLiteral(step.deviceFilter)}, ${JSON.stringify(step.action)})`;
}

/** The files a file step may act on: only those named so when the request names them ("quarantine mimikatz.exe"). */
function namedFiles(files: string, step: Step): string {
  if (!step.iocFilter?.fileNames && !step.iocFilter?.filePaths) return files;
  const only = { ...(step.iocFilter.fileNames ? { fileNames: step.iocFilter.fileNames } : {}), ...(step.iocFilter.filePaths ? { filePaths: step.iocFilter.filePaths } : {}) };
  return `filtered_files(${files}, ${pyLiteral(only)}, ${JSON.stringify(step.action)})`;
}

/** Python lines for one step (indented for run_playbook's body). */
function stepCode(step: Step, index: number): string[] {
  const out: string[] = [];
  const i = '    ';
  out.push(`${i}# Step ${index}: ${oneLine(describeStep(step))}`);
  if (step.when) {
    const name = oneLine(describeCondition(step.when.condition));
    out.push(`${i}alerts = alerts_meeting(ctx, ${JSON.stringify(name)}, matched,`);
    out.push(`${i}                        lambda scope_alerts: ${conditionExpr(step.when.condition, step.when.scope, USER_ACTIONS.includes(step.action))}, ${JSON.stringify(step.when.scope)})`);
  } else {
    out.push(`${i}alerts = matched`);
  }
  const a = step.action;
  const machine = MACHINE_ACTIONS[a];
  const t = step.target;
  if (machine) {
    const body = pyLiteral(machine.body(step));
    if (t.kind === 'fileDevices') {
      out.push(`${i}for found in ${filtered(namedFiles(filesExpr(t.minEngines), step), step)}:`);
      out.push(`${i}    machine_action(ctx, ${JSON.stringify(a)}, ${JSON.stringify(machine.path)}, found, ${body},`);
      out.push(`${i}                   evidence_for(ctx, found["alertId"], reason=found["reason"], file=found["fileName"]))`);
    } else {
      const devices = t.kind === 'incidentDevices' ? 'devices_of(incident.get("alerts") or []) if alerts else []' : 'devices_of(alerts)';
      out.push(`${i}for device in ${filtered(devices, step)}:`);
      out.push(`${i}    machine_action(ctx, ${JSON.stringify(a)}, ${JSON.stringify(machine.path)}, device, ${body},`);
      out.push(`${i}                   evidence_for(ctx, device["alertId"], deviceRiskScore=device["riskScore"]))`);
    }
  } else if (a === 'stopAndQuarantineFile') {
    out.push(`${i}for found in ${filtered(namedFiles(filesExpr(t.kind === 'fileDevices' ? t.minEngines : null), step), step)}:`);
    out.push(`${i}    if spared_system_binary("stopAndQuarantineFile", found["fileName"], found.get("filePath"), machineId=found["machineId"]):`);
    out.push(`${i}        continue`);
    out.push(`${i}    evidence = evidence_for(ctx, found["alertId"], reason=found["reason"], file=found["fileName"], sha1=found["sha1"])`);
    out.push(`${i}    if not found["sha1"]:`);
    out.push(`${i}        # Defender stops and quarantines by SHA-1 only.`);
    out.push(`${i}        perform(ctx, "stopAndQuarantineFile", {"machineId": found["machineId"], "deviceName": found["deviceName"]},`);
    out.push(`${i}                {"api": "defender", "method": "POST", "path": "", "body": {}}, evidence, True,`);
    out.push(`${i}                send=lambda: fail("the file has no SHA-1 in the alert; Defender quarantines by SHA-1 only"))`);
    out.push(`${i}        continue`);
    out.push(`${i}    machine_action(ctx, "stopAndQuarantineFile", "StopAndQuarantineFile", found, {"Sha1": found["sha1"]}, evidence)`);
  } else if (a === 'createIndicator') {
    const types = t.kind === 'iocs' ? t.iocTypes : ['file'];
    const min = t.kind === 'iocs' ? t.minEngines : null;
    const action = step.params.indicatorAction ? JSON.stringify(step.params.indicatorAction) : 'None';
    const expiry = `${step.params.expiresInDays ? `, expires_in_days=${step.params.expiresInDays}` : ''}${step.params.fileHash ? `, file_hash=${JSON.stringify(step.params.fileHash)}` : ''}`;
    if (min) {
      out.push(`${i}flagged, checked = malicious_iocs(ctx, alerts, ${pyTuple(types)}, ${min})`);
      out.push(`${i}emit("condition", name=${JSON.stringify(`${types.join('/')} flagged by VirusTotal (at least ${min} engine${min === 1 ? '' : 's'})`)},`);
      out.push(`${i}     result=bool(flagged), reason="; ".join(checked) or "no ${types.join('/')} in the matching alerts")`);
      out.push(`${i}for ioc in ${step.iocFilter ? `filtered_iocs(flagged, ${pyLiteral(step.iocFilter)}, lambda ioc: (ioc["type"], ioc["value"], (ioc.get("entity") or {}).get("fileName")))` : 'flagged'}:`);
      out.push(`${i}    create_indicator(ctx, ioc, ${action}, evidence_for(ctx, ioc["alert"].get("alertId"),`);
      out.push(`${i}                     reason="%s %s: %s" % (ioc["type"], ioc["value"], ioc["verdict"]))${expiry})`);
    } else {
      const all = `iocs_of(alerts, ${pyTuple(types)})`;
      out.push(`${i}for ioc_type, value, alert, entity in ${step.iocFilter ? `filtered_iocs(${all}, ${pyLiteral(step.iocFilter)}, lambda ioc: (ioc[0], ioc[1], (ioc[3] or {}).get("fileName")))` : all}:`);
      out.push(`${i}    create_indicator(ctx, {"type": ioc_type, "value": value, "entity": entity}, ${action},`);
      out.push(`${i}                     evidence_for(ctx, alert.get("alertId"))${expiry})`);
    }
  } else if (USER_ACTION_CALLS[a]) {
    const users = step.userFilter ? `filtered_users(users_of(alerts), ${pyLiteral(step.userFilter)}, ${JSON.stringify(a)}, ctx)` : 'users_of(alerts)';
    out.push(`${i}for user in ${users}:`);
    out.push(`${i}    ${USER_ACTION_CALLS[a]('user', 'evidence_for(ctx, alerts[0].get("alertId") if alerts else None)')}`);
  } else if (a === 'updateIncident') {
    const changes = step.params.incident ?? {};
    out.push(`${i}if alerts:`);
    out.push(`${i}    queue_incident_update(ctx, ${pyLiteral(changes)},`);
    out.push(`${i}                          evidence_for(ctx, alerts[0].get("alertId")))`);
  } else if (a === 'teamsMessage') {
    out.push(`${i}if alerts:`);
    out.push(`${i}    post_to_teams(ctx, incident, ${step.params.includeVirusTotal ? 'vt_report()' : 'None'}, evidence_for(ctx, alerts[0].get("alertId")))`);
  } else if (a === 'sendMail') {
    out.push(`${i}if alerts:`);
    out.push(`${i}    send_mail(ctx, incident, ${pyLiteral(step.params.mailTo ?? [])}, ${step.params.includeVirusTotal ? 'vt_report()' : 'None'},`);
    out.push(`${i}              evidence_for(ctx, alerts[0].get("alertId"))${step.params.mailToUsers ? ', users=mail_users_of(alerts)' : ''})`);
  }
  out.push('');
  return out;
}

/** spec -> one Python 3 playbook (docs/ARCHITECTURE.md, "Contracts"). Deterministic: same spec, same bytes. */
export function generatePlaybook(spec: PlaybookSpec, meta: PlaybookMeta): string {
  const steps = [...spec.steps].map((s, idx) => ({ s, idx })).sort((x, y) => phaseOf(x.s) - phaseOf(y.s) || x.idx - y.idx).map((x) => x.s);
  const actions = new Set(steps.map((s) => s.action));
  const vtReport = needsVtReport(spec);

  const header: string[] = ['#!/usr/bin/env python3', `# Rampart playbook: ${oneLine(spec.name)}`, '#'];
  header.push('# Request:', ...wrap(`"${meta.request}"`, 94, '#   '), '#');
  header.push('# Trigger:', ...wrap(`When ${describeTrigger(spec.trigger)}.`, 94, '#   '), '#');
  header.push('# Steps (device, IOC and user actions first, then the incident update, then notifications):');
  steps.forEach((s, n) => header.push(...wrap(`${n + 1}. ${describeStep(s)}${ACTIONS[s.action].destructive ? ' [destructive]' : ''}`, 94, '#   ')));
  header.push('#', `# Permissions: ${permissionsOf(spec).join(', ')}`);
  header.push(
    '#',
    '# Configuration comes only from the environment (and Azure Key Vault when KEY_VAULT_URL is set):',
    '# TENANT_ID, CLIENT_ID, CLIENT_SECRET, AZURE_AUTHORITY_HOST, DEFENDER_API_BASE, GRAPH_API_BASE,',
    '# VT_API_BASE, VT_API_KEY, TEAMS_WEBHOOK_URL, SOC_EMAIL_SENDER, SOC_EMAIL_TO.',
    '# Tokens: msal client credentials (TENANT_ID, CLIENT_ID, CLIENT_SECRET). When Rampart\'s runner starts',
    '# the playbook it hands short-lived bearer tokens instead, RAMPART_ACCESS_TOKEN_DEFENDER and',
    '# RAMPART_ACCESS_TOKEN_GRAPH, and no CLIENT_SECRET is needed for the API whose token is set.',
    '#',
    '# Run:  python3 playbook.py --incident-id 123 [--mock-data incident.json] [--dry-run]',
    '# Output: one JSON event per line on stdout (step, condition, action, done); logs on stderr.',
    `# Generated by Rampart from spec version ${spec.specVersion}; edit freely, then run "rampart review" on it.`,
  );

  const topics = Object.fromEntries(spec.trigger.topics.map((t) => [t, { keywords: [...TOPICS[t].keywords], categories: [...TOPICS[t].categories] }]));
  const trigger = {
    kind: spec.trigger.kind,
    severities: spec.trigger.severities,
    serviceSources: spec.trigger.serviceSources,
    detectionSources: spec.trigger.detectionSources,
    categories: spec.trigger.categories,
    topics: spec.trigger.topics,
    titleKeywords: spec.trigger.titleKeywords,
    statuses: spec.trigger.statuses,
    classifications: spec.trigger.classifications,
  };
  const destructive = Object.fromEntries([...actions].sort().map((a) => [a, ACTIONS[a].destructive]));

  const constants = [
    `PLAYBOOK_NAME = ${JSON.stringify(oneLine(spec.name))}`,
    `TRIGGER = ${pyLiteral(trigger)}`,
    `TOPICS = ${pyLiteral(topics)}`,
    `ACTION_DESTRUCTIVE = ${pyLiteral(destructive)}`,
    '# Old and alternative service-source names Defender XDR emits, lower case -> canonical name.',
    `SOURCE_ALIASES = ${pyDict(SOURCE_ALIASES_LOWER)}`,
  ];

  const body: string[] = [
    '',
    '# ---------------------------------------------------------------------------',
    '# The playbook',
    '# ---------------------------------------------------------------------------',
    '',
    '',
    'def run_playbook(ctx, incident):',
    '    matched, reason = matching_alerts(incident)',
    '    emit("condition", name="trigger", result=bool(matched), reason=reason)',
    '    if not matched:',
    '        return "the trigger does not match: " + reason',
    '    for alert in matched:',
    '        ctx.reasons[alert.get("alertId")] = reason',
    '',
  ];
  if (vtReport) {
    body.push('    report = []', '');
    body.push('    def vt_report():');
    body.push('        if not report:');
    body.push('            report.extend(virustotal_report(ctx, incident.get("alerts") or []))');
    body.push('        return report', '');
  }
  let n = 0;
  let flushed = false;
  for (const s of steps) {
    if (phaseOf(s) === 2 && actions.has('updateIncident') && !flushed) {
      body.push('    flush_incident_update(ctx, ' + (vtReport ? 'vt_report()' : 'None') + ')', '');
      flushed = true;
    }
    n += 1;
    body.push(...stepCode(s, n));
  }
  if (actions.has('updateIncident') && !flushed) body.push('    flush_incident_update(ctx, ' + (vtReport ? 'vt_report()' : 'None') + ')', '');
  body.push('    return "%d action(s)" % len(ctx.actions)', '', '');

  body.push(
    'def main():',
    '    parser = argparse.ArgumentParser(description="Rampart playbook: " + PLAYBOOK_NAME)',
    '    parser.add_argument("--incident-id", required=True, help="the Defender XDR incident id")',
    '    parser.add_argument("--mock-data", help="read the incident from this JSON file instead of the API")',
    '    parser.add_argument("--dry-run", action="store_true", help="print every write call instead of sending it")',
    '    args = parser.parse_args()',
    '    deferred = {a.strip() for a in os.environ.get("RAMPART_DEFER_ACTIONS", "").split(",") if a.strip()}',
    '    ctx = Context(load_settings(), args.dry_run, deferred)',
    '    try:',
    '        incident = load_incident(ctx, args.incident_id, args.mock_data)',
    '    except (PlaybookError, OSError, ValueError) as exc:',
    '        log("could not read incident %s: %s" % (args.incident_id, exc))',
    '        emit("done", status="failed", actions=0, summary="could not read incident %s: %s" % (args.incident_id, exc))',
    '        return 1',
    '    incident.setdefault("incidentId", args.incident_id)',
    '    ctx.incident = incident',
    '    try:',
    '        outcome = run_playbook(ctx, incident)',
    '    except PlaybookError as exc:',
    '        log("playbook stopped: %s" % exc)',
    '        emit("done", status="failed", actions=len(ctx.actions), summary=str(exc))',
    '        return 1',
    '    failed = [a for a in ctx.actions if a["status"] == "failed"]',
    '    summary = "; ".join(actions_summary(ctx)) if ctx.actions else outcome',
    '    emit("done", status="completed", actions=len(ctx.actions), failed=len(failed), summary=summary)',
    '    return 0',
    '',
    '',
    'if __name__ == "__main__":',
    '    sys.exit(main())',
    '',
  );

  const own = [...constants, ...body].join('\n');
  const { imports, runtime } = assembleRuntime(own);
  return [...header, '', ...imports, '', ...constants, '', '', runtime, ...body].join('\n');
}
