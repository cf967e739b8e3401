/**
 * Requests written the way Logic Apps and Sentinel automation rules are built, by hand:
 *
 *   Trigger: incident created
 *   Condition: [Incident.severity] equals 'High' AND [Alert.serviceSource] equals 'MicrosoftDefenderForEndpoint'
 *   For each [Alert.devices]:
 *       Switch on [osPlatform]
 *           case 'Windows10', 'Windows11' -> Action: Isolate machine (IsolationType = Full)
 *           default -> Action: Post message in Teams
 *
 * are restated as the sentences the grammar reads: a heading that names the alerts ("For High severity alerts from Defender
 * for Endpoint."), then one sentence per case ("if the device is running Windows10 or Windows11, full isolate the device."),
 * "otherwise" for the default. A field Rampart does not know stays as it was written, so its words reach the ledger.
 */

import { SEVERITIES } from '../spec';

/**
 * Defender's names of products and detection sources, in the words the grammar reads (not the card's labels in spec.ts:
 * "Identity Protection" is what the grammar's source table matches).
 */
const SERVICE_SOURCE: Readonly<Record<string, string>> = {
  microsoftdefenderforendpoint: 'Defender for Endpoint', microsoftdefenderforoffice365: 'Defender for Office 365', microsoftdefenderforidentity: 'Defender for Identity',
  azureadidentityprotection: 'Identity Protection', microsoftcloudappsecurity: 'Defender for Cloud Apps', microsoftdefenderforcloudapps: 'Defender for Cloud Apps',
};
const DETECTION_SOURCE: Readonly<Record<string, string>> = { windowsdefenderav: 'Defender Antivirus', windowsdefenderatp: 'EDR', automatedinvestigation: 'automated investigation', customerti: 'custom threat intelligence' };
const INDICATOR_KIND: Readonly<Record<string, string>> = { filesha256: 'file hash', filesha1: 'file hash', filemd5: 'file hash', ipaddress: 'IP', url: 'URL', domainname: 'domain' };

/** A field in brackets, "[Incident.severity]", "[Alert.devices]", "[machineTags]". */
const FIELD = String.raw`\[\s*(?:(?:incident|incidents|alert|alerts|device|devices|user|users|entity|entities|file|ip|group)\.)?([A-Za-z_][\w.]*)\s*\]`;
const VALUE = String.raw`(?:'[^']*'|"[^"]*"|[\w.@-]+)`;
const VALUES = String.raw`(?:\(\s*${VALUE}(?:\s*,\s*${VALUE})*\s*\)|${VALUE}(?:\s*,\s*${VALUE})*)`;
const OP = String.raw`(?:==|!=|<>|>=|<=|=|>|<|equals|not\s+equals|does\s+not\s+equal|is\s+not|is\s+one\s+of|is\s+not\s+one\s+of|not\s+in|in|does\s+not\s+contain|not\s+contains|contains|starts\s+with|is)`;
const TEST = new RegExp(String.raw`${FIELD}\s*(${OP})\s*(${VALUES})(\s*\(\s*ignore\s+case\s*\))?`, 'gi');

function values(list: string): string[] {
  return list.replace(/^\(|\)$/g, '').split(/\s*,\s*/).map((v) => v.trim().replace(/^['"]|['"]$/g, '')).filter(Boolean);
}

function either(vs: string[]): string {
  return vs.length <= 1 ? vs.join('') : `${vs.slice(0, -1).join(', ')} or ${vs[vs.length - 1]}`;
}

/** What one test of a field says, or undefined when the field is not one Rampart knows. */
export function fieldTest(field: string, rawOp: string, list: string): string | undefined {
  const f = field.toLowerCase().split('.').pop() ?? '';
  const op = rawOp.toLowerCase().replace(/\s+/g, ' ');
  const vs = values(list);
  const negated = /^(?:!=|<>|not equals|does not equal|is not|is not one of|not in|does not contain|not contains)$/.test(op);
  const not = negated ? 'not ' : '';
  if (f === 'severity') {
    const level = SEVERITIES.find((s) => s.toLowerCase() === (vs[0] ?? '').toLowerCase());
    if (op === '>=' && level) return `the severity is ${level} or higher`;
    if (op === '>' && level) return `the severity is higher than ${level}`;
    return `the severity is ${not}${either(vs)}`;
  }
  if (f === 'servicesource') return negated ? undefined : `the alert comes from ${either(vs.map((v) => SERVICE_SOURCE[v.toLowerCase()] ?? v))}`;
  if (f === 'detectionsource') return negated ? undefined : `the alert is detected by ${either(vs.map((v) => DETECTION_SOURCE[v.toLowerCase()] ?? v))}`;
  if (f === 'category') return `the alert category is ${not}${either(vs)}`;
  if (f === 'title') return `the alert title ${negated ? 'does not contain' : 'contains'} ${either(vs.map((v) => `'${v}'`))}`;
  if (f === 'tags') return `the incident is ${not}tagged ${either(vs.map((v) => `'${v}'`))}`;
  if (f === 'machinetags') return `the device is ${not}tagged ${either(vs.map((v) => `'${v}'`))}`;
  if (f === 'rbacgroupname') return `the device is ${not}in the ${either(vs.map((v) => `'${v}'`))} device group`;
  if (f === 'osplatform') return op === 'starts with' && /^windowsserver/i.test(vs[0] ?? '') ? `the device is ${not}a Windows server` : `the device is ${not}running ${either(vs)}`;
  if (f === 'status') return `the incident status is ${not}${either(vs)}`;
  if (f === 'displayname' || f === 'memberof') return `the user is ${not}in the ${either(vs.map((v) => `'${v}'`))} group`;
  if (f === 'malicious') {
    const n = Number(vs[0]);
    if (!Number.isFinite(n)) return undefined;
    if (op === '>=') return `${n} or more engines say it is malicious on VirusTotal`;
    if (op === '>') return `${n + 1} or more engines say it is malicious on VirusTotal`;
    return undefined;
  }
  return undefined;
}

/** Every bracketed test of a line in words; the connectives between them as words too. */
function tests(line: string): string {
  return line
    .replace(TEST, (m: string, field: string, op: string, list: string) => fieldTest(field, op, list) ?? m)
    .replace(/\bexists\s+\[\s*entity\s*\]\s+with\s+(?:the\s+)?(?:\[\s*entitytype\s*\]|entity\s*type)\s*(?:==|=|is|equals)\s*'?(\w+)'?/gi, (_m, kind: string) => `the incident has a ${kind.toLowerCase() === 'ip' ? 'IP' : kind.toLowerCase()}`)
    .replace(/\[\s*(?:[\w.]+\.)?deviceId\s*\]\s+is\s+not\s+empty/gi, 'the file was seen on a device')
    .replace(/\buser\s+memberOf\s+'([^']+)'/gi, "the user is in the '$1' group")
    .replace(/\s+AND\s+/g, ' and ')
    .replace(/\s+OR\s+/g, ' or ');
}

/** What a case label of a switch on a field tests: "case 'Windows10', 'Windows11'", "case starts with 'X'", "case >= 10", "case 1 - 9". */
function caseTest(field: string, label: string): string | undefined {
  const l = label.trim();
  const starts = /^starts\s+with\s+(.+)$/i.exec(l);
  if (starts) return fieldTest(field, 'starts with', starts[1]);
  const cmp = /^(>=|>|<=|<)\s*(\d+)$/.exec(l);
  if (cmp) return fieldTest(field, cmp[1], cmp[2]);
  const band = /^(\d+)\s*(?:-|\u2013|to|\.\.)\s*(\d+)$/i.exec(l);
  if (band && /malicious/i.test(field)) return `${band[1]} to ${band[2]} engines say it is malicious on VirusTotal`;
  return fieldTest(field, '==', l);
}

/** An action as the grammar says it: "Isolate machine (IsolationType = Full)" -> "full isolate the device". */
export function action(raw: string): string {
  const text = raw.trim().replace(/\s*\/\/.*$/, '').replace(/[.;]+$/, '');
  if (/^\(?\s*(?:nothing|no\s+action|noop|none|skip)\b/i.test(text)) return 'do nothing';
  // "resolve recipient -> Graph user (...)", "HTTP GET VT /ip_addresses/{ip}": a look-up the steps make anyway.
  if (LOOKUP.test(text)) return '';
  return text
    .split(/\s*;\s*|(?<!\bnow)\s+\+\s+|,\s*then\s+|\s+then\s+/i)
    .map((part) => part
      .replace(/^action\s*\d*\s*:\s*/i, '')
      .replace(/^isolate\s+(?:the\s+)?(?:machine|device|every\s+device\s+of\s+the\s+alert|devices?)\s*(?:\(\s*(?:isolationType\s*=?\s*)?(full|selective)\s*\)|,?\s*isolationType\s*=?\s*(full|selective))?/i, (_m, a?: string, b?: string) => `${(a ?? b ?? 'full').toLowerCase()} isolate the device`)
      .replace(/^(?:run\s+)?(?:an?\s+)?antivirus\s+scan\s*(?:\(\s*(?:scanType\s*=?\s*)?(full|quick)\s*\))?/i, (_m, kind?: string) => `run a ${(kind ?? 'quick').toLowerCase()} antivirus scan`)
      .replace(/^(full|quick)\s+scan$/i, (_m, kind: string) => `run a ${kind.toLowerCase()} antivirus scan`)
      .replace(/^post\s+(?:a\s+)?message\s+(?:in|to)\s+teams\b.*$/i, 'post a message in Teams')
      .replace(/^teams\s+notification$/i, 'post in Teams')
      .replace(/^post\s+(?:incident\s+summary\s+)?to\s+teams(?:\s+soc)?(?:\s+channel)?$/i, 'post in the Teams channel')
      .replace(/^add\s+comment\s+to\s+(?:the\s+)?incident\b.*$/i, 'add a comment to the incident')
      .replace(/^disable\s+user(?:\s+account)?\b.*$/i, 'disable the user account')
      .replace(/^revoke\s+sign-?in\s+sessions(?:\s+only)?$/i, "revoke the user's sign-in sessions")
      .replace(/^stopAndQuarantineFile\b.*$/i, 'stop and quarantine the file')
      .replace(/^stop\s+and\s+quarantine\s+file\b.*$/i, 'stop and quarantine the file')
      .replace(/^create\s+indicator\s*[:(]?\s*(FileSha256|FileSha1|FileMd5|IpAddress|Url|DomainName)\s*,\s*action\s+(\w+)(?:\s*,\s*(?:expirationTime\s*=\s*now\s*\+\s*(\d+)\s*d|expiration\s+(\d+)\s*days?))?\s*\)?$/i,
        (_m, kind: string, act: string, d1?: string, d2?: string) => {
          const what = INDICATOR_KIND[kind.toLowerCase()] ?? 'indicator';
          const days = d1 ?? d2;
          if (/^(?:alert|audit|warn)$/i.test(act)) return `create an alert-only indicator for the ${what}${days ? ` for ${days} days` : ''}`;
          return `block the ${what}${/^blockandremediate$/i.test(act) ? ' with action BlockAndRemediate' : ''}${days ? ` for ${days} days` : ''}`;
        })
      .replace(/^(?:update\s+incident\s*(?:->|:)?\s*|set\s+)(.*)$/i, (_m, sets: string) => incidentUpdate(sets))
      .replace(/^send\s+(?:an?\s+)?(?:e-?)?mail\s+to\s+/i, 'send an email to ')
      .trim())
    .filter(Boolean)
    .join(' and ');
}

/** "[assignedTo] = x, [status] = InProgress, add tag 'y'": the incident's update in words. */
function incidentUpdate(sets: string): string {
  const said: string[] = [];
  for (const part of sets.split(/\s*,\s*/)) {
    const assign = /^\[\s*assigned(?:To)?\s*\]\s*=\s*'?([\w.@-]+)'?$/i.exec(part);
    const status = /^\[\s*status\s*\]\s*=\s*'?(\w+)'?$/i.exec(part);
    const tag = /^add\s+tag\s+'([^']+)'$/i.exec(part);
    if (assign) said.push(`assign the incident to ${assign[1]}`);
    else if (status) said.push(`set the incident status to ${status[1].replace(/([a-z])([A-Z])/g, '$1 $2')}`);
    else if (tag) said.push(`tag the incident '${tag[1]}'`);
    else said.push(part);
  }
  return said.join(' and ');
}

/**
 * The heading that names the alerts, from the trigger and conditions: "For incidents where the severity is High and the alert
 * comes from Defender for Endpoint." A tag the incidents must not carry is a sentence of its own: "Skip incidents tagged 'x'."
 */
function heading(kind: string, conditions: string[]): string {
  const parts = conditions.flatMap((c) => c.split(/\s+and\s+(?=the\s)/));
  const skipped = parts.filter((c) => /^the incident is not tagged /.test(c)).map((c) => `Skip incidents ${c.replace(/^the incident is not /, '')}.`);
  const kept = parts.filter((c) => !/^the incident is not tagged /.test(c));
  return [kept.length ? `For ${kind} where ${kept.join(' and ')}.` : '', ...skipped].filter(Boolean).join(' ');
}

/** "the device is in the 'Lab' device group" -> "devices in the 'Lab' device group": the devices a test chooses. */
function devicesOf(test: string): string | undefined {
  const m = /^the device is (not )?(.+)$/.exec(test);
  if (!m || m[1]) return undefined;
  return m[2].replace(/^a Windows server$/, 'Windows servers').replace(/^(in|tagged|running|named)\b/, 'devices $1');
}

/** A look-up the playbook makes anyway: "HTTP GET VT /ip_addresses/{ip}", "Graph: GET /users/{id}/memberOf", "VT lookup by [sha256]". */
const LOOKUP = /^(?:http\s+get|get\s+\/|graph\s*:|vt\s+lookup|virustotal\s+lookup|lookup\b|resolve\s+recipient)/i;

const SOAR_SHAPE = new RegExp(String.raw`${FIELD}\s*${OP}|^\s*switch\s+on\b|^\s*case\s+.+(?:->|:)|^\s*for\s+each\s+\[`, 'im');

/** The request restated as sentences when it is written as an automation rule; the text as it was otherwise. */
export function restateSoar(text: string): string {
  if (!SOAR_SHAPE.test(text) || !/^\s*(?:trigger|condition|conditions|action|switch\s+on)\b/im.test(text)) return text;
  const out: string[] = [];
  const conditions: string[] = [];
  let kind = 'alerts';
  let switchField: string | undefined;
  let eachDevices: string | undefined;
  /** "For each [Entities] where [entityType] == 'Ip'", "For each File entity": what "it" is in the VirusTotal tests under it. */
  let eachIoc: string | undefined;
  let eachIndent = -1;
  let test: string | undefined;
  /** Whether a step was said yet (a look-up counts): a condition after one tests the steps under it. */
  let started = false;
  const say = (sentence: string): void => {
    if (!sentence.trim() || /,\s*$/.test(sentence)) return;
    const said = eachIoc ? sentence.replace(/\bsay it is malicious\b/g, `say the ${eachIoc} is malicious`) : sentence;
    out.push(/[.!?]$/.test(said) ? said : `${said}.`);
  };
  const onDevices = (step: string): string => (eachDevices && /\b(?:isolate|scan|restrict|collect|quarantine)\b/i.test(step) ? `${step} on ${eachDevices}` : step);
  const read = (line: string, indent: number): void => {
    let m: RegExpExecArray | null;
    // "Playbook: IP reputation", "Automation rule 'auto-contain'": the rule's name ("Title contains ..." is a test, kept).
    if (/^(?:playbook|automation\s+rule|name|title)\s*(?::|['"]|$)/i.test(line)) return;
    if ((m = /^trigger\s*:\s*(.*)$/i.exec(line))) {
      kind = /\bincident/i.test(m[1]) && !/\balert\b/i.test(m[1]) ? 'incidents' : 'alerts';
      return;
    }
    if ((m = /^(?:conditions?|conds?|criteria|where)\s*:\s*(.*)$/i.exec(line))) {
      // A condition after the steps started is a test of the steps under it ("Condition: user memberOf 'X' / True: / False:").
      if (started && m[1].trim()) test = tests(m[1].trim());
      else if (m[1].trim()) conditions.push(tests(m[1].trim()));
      return;
    }
    if (/^(?:AND|OR)\s+\[/i.test(line) || (!started && new RegExp(`^${FIELD}`, 'i').test(line))) {
      conditions.push(tests(line.replace(/^AND\s+/i, '')));
      return;
    }
    if ((m = /^for\s+each\s+(.+?)\s*:?\s*$/i.exec(line))) {
      const ioc = /\bentityType\s*\]?\s*(?:==|=|equals|is)\s*'?(ip|file|url|domain)'?|^(ip|file|url|domain)\s+entit/i.exec(m[1]);
      if (ioc) eachIoc = { ip: 'IP', file: 'file hash', url: 'URL', domain: 'domain' }[(ioc[1] ?? ioc[2]).toLowerCase()];
      const where = /\bwhere\s+(.+)$/i.exec(m[1]);
      const said = where ? tests(where[1]) : '';
      if (/^the device is /i.test(said)) {
        eachDevices = said.replace(/^the device is /i, 'devices that are ');
        eachIndent = indent;
      }
      return;
    }
    started = true;
    if (LOOKUP.test(line)) return;
    if ((m = /^switch\s+on\s+\[\s*(?:[\w]+\.)?([\w.]+)\s*\]\s*:?$/i.exec(line))) {
      switchField = m[1];
      return;
    }
    const caseLine = switchField ? /^case\s+(.+?)\s*(?:->|:)\s*(.+)$/i.exec(line) : null;
    const caseSaid = caseLine && switchField ? caseTest(switchField, caseLine[1]) : undefined;
    if (caseLine && caseSaid) return say(`if ${caseSaid}, ${onDevices(action(caseLine[2]))}`);
    if ((m = /^(?:default|else|false)\s*(?:->|:)\s*(.*)$/i.exec(line))) return say(`otherwise, ${onDevices(action(m[1]))}`);
    if ((m = /^true\s*(?:->|:)\s*(.+)$/i.exec(line)) && test) return say(`if ${test}, ${onDevices(action(m[1]))}`);
    if ((m = /^if\s+(.+?)\s*(?:->|:|then)\s*(.+)$/i.exec(line))) return say(`if ${tests(m[1])}, ${onDevices(action(m[2]))}`);
    if ((m = /^exception\s*:\s*(.+?)\s*->\s*(.+)$/i.exec(line))) {
      // "Isolate every device, IsolationType Full / exception: [rbacGroupName] == 'Lab' -> IsolationType Selective": those
      // devices are left out of the step above and get the other kind instead.
      const isolationKind = /isolationType\s*=?\s*(selective|full)/i.exec(m[2])?.[1];
      const devices = devicesOf(tests(m[1]));
      const last = out.length - 1;
      if (devices && last >= 0 && /\bisolate\b/i.test(out[last])) {
        out[last] = out[last].replace(/\.$/, `, except ${devices}.`);
        return say(`for ${devices}, ${isolationKind ? `${isolationKind.toLowerCase()} isolate the device` : action(m[2])}`);
      }
    }
    // (After a switch, a step of its own is every device's: "After the loop -> Action: Add comment".)
    if ((m = /^(?:action\s*\d*|then|after\s+the\s+loop\s*(?:->|:)?\s*action)\s*(?:->|:)\s*(.+)$/i.exec(line))) return say(onDevices(action(m[1])));
    if ((m = /^(?:note|remark|nb)\s*:\s*(.+)$/i.exec(line))) return say(m[1]);
    say(/^\(.*\)$/.test(line) ? line.replace(/^\(\s*|\s*\)$/g, '') : tests(line));
  };
  for (const rawLine of text.split(/\r?\n/)) {
    if (!rawLine.trim()) continue;
    const indent = rawLine.length - rawLine.trimStart().length;
    if (eachDevices && indent <= eachIndent) eachDevices = undefined;
    // "// NO account action for execs": a comment is a sentence of its own, after the line it sits on.
    const comment = /\s\/\/\s*(.+)$/.exec(rawLine)?.[1];
    read(rawLine.replace(/\s\/\/.*$/, '').trim(), indent);
    if (comment) say(comment);
  }
  const head = heading(kind, conditions);
  return [head, ...out].filter(Boolean).join('\n');
}

/** Words that mark a request written in a SOAR platform's terms (Splunk SOAR / Phantom, XSOAR). */
const SOAR_DIALECT = /\bartifacts?\b|\bcontainers?\b[\s\S]*\b(?:phantom|soar|xsoar|decision\s+node|action\s+blocks?|block\s+\d|playbook)\b|\b(?:phantom|soar|xsoar|decision\s+node|action\s+blocks?|block\s+\d|playbook)\b[\s\S]*\bcontainers?\b/i;

/**
 * A SOAR engineer's words for Defender's things: a container is the incident, an artifact the entity it holds ("every file
 * artifact" is every file), a note on the container a comment, its owner the incident's assignee, an asset the device.
 * Numbered blocks and decision nodes are the plan's layout, not steps. Read only when the request speaks that dialect:
 * elsewhere "container" or "asset" may mean something else, and stays as written for the ledger.
 */
export function soarDialect(input: string): string {
  // "add a final block to the playbook that ...", "a tagging block", "same blocks as before": a block of a playbook is a
  // step of it, never a block of an indicator (read as one, every IOC of the incident was blocked).
  const blocksAsSteps = input
    .replace(/\b(add|insert|append|build|create|write|put)\s+(?:an?\s+|the\s+|one\s+)?(?:(?:final|last|first|new|extra|another|next|separate|custom|code|filter|decision|format|prompt)\s+)?block\s+(?=(?:to|in|into|at\s+the\s+end\s+of)\s+(?:the\s+|this\s+|that\s+|my\s+|our\s+)?(?:playbook|flow|workflow|automation)\b)/gi, '$1 a step ')
    .replace(/\b(tagging|enrichment|post-processing|pre-processing|processing|sweep|containment|cleanup|clean-up|notification|triage|filter|decision|action|code|format|prompt|custom)\s+blocks?\b(?!\s+(?:the|it|them|its|their|that|this|those|these|ips?|urls?|domains?|hash(?:es)?|files?|senders?|indicators?|iocs?)\b)/gi, '$1 step')
    .replace(/\bsame\s+blocks\b/gi, 'same steps');
  if (!SOAR_DIALECT.test(input)) return blocksAsSteps;
  return blocksAsSteps
    // "migrating from phantom:", "porting one of my XSOAR playbooks over.": where the playbook comes from, said first.
    .replace(/^\s*(?:(?:i'?m|we'?re|just)\s+)?(?:migrat\w*|port\w*|mov\w*|convert\w*)\s+(?:(?:one\s+of\s+)?(?:my|our|a|an|the|this)\s+)?(?:(?:phantom|splunk\s+soar|xsoar|soar|demisto)\s+)?(?:playbooks?\s+)?(?:over\s+)?(?:from\s+(?:phantom|splunk\s+soar|xsoar|soar|demisto)\b\s*)?(?:over\s*)?[.:]\s*/i, '')
    .replace(/\b(?:add|put|write|drop|leave|post)\s+(?:an?\s+)?(?:container\s+)?note\s+(?:to|on|in)\s+(?:the\s+)?containers?\b/gi, 'add a comment to the incident')
    .replace(/\b(?:an?\s+|the\s+)?container\s+note\b/gi, 'a comment on the incident')
    .replace(/\bset\s+(?:the\s+)?(?:container\s+)?owner\s+to\b/gi, 'assign the incident to')
    .replace(/\s*,?\s*(?:the\s+)?owner\s+(?:unchanged|stays\s+as\s+it\s+is|untouched)\b/gi, '')
    .replace(/\b(file|user|device|host|ip|url|domain|hash|mailbox|process|account)\s+artifact(s?)(?='s\b|\b)/gi, (_m, kind: string, many: string) => (many ? (/(?:sh|ss)$/i.test(kind) ? `${kind}es` : `${kind}s`) : kind))
    .replace(/\b(?:the\s+)?(?:action\s+)?blocks?\s+\d+[a-z]?\s*(?:->|:|-)?\s*/gi, '')
    .replace(/\baction\s+blocks\s+in\s+order\s*:\s*/gi, '')
    .replace(/\bno\s+action\s+blocks\b/gi, 'no actions')
    .replace(/\bdecision\s+node\s*(?:,\s*)?(?:bands\s+on\s+positives\s*)?:\s*/gi, '')
    .replace(/\belse\s+branch\s*(?:->|:)\s*/gi, 'otherwise, ')
    .replace(/\btake\s+the\s+other\s+path\s*(?:[-:,]|->)\s*/gi, '')
    .replace(/\b(?:the\s+)?asset(s?)\b/gi, (_m, many: string) => `the device${many}`)
    .replace(/\bcontainer(s?)\b/gi, (_m, many: string) => `incident${many}`);
}
