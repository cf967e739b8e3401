/**
 * Conditions written the way a detection engineer writes a KQL query, in chat:
 *
 *   Severity == "High" and ServiceSource == "MicrosoftDefenderForEndpoint" and Category in ("Ransomware", "Impact")
 *   Title has_any ("impossible travel", "atypical travel") and user !in group "Travel-Exempt"
 *   DeviceName startswith "srv-" | collect investigation package
 *
 * Each comparison of a field Rampart knows (the Defender alert and incident fields, and the evidence fields of
 * Sentinel's tables) is said again in the words the grammar reads ("the severity is High", "the alert comes from
 * Microsoft Defender for Endpoint", "the alert category is Ransomware or Impact"). A comparison of a field it does not
 * know is left as written, so its words reach the ledger and Rampart asks about them; nothing is dropped.
 */

/** A value: "a b", 'a b', or a bare word; or a list of them in brackets. */
const ONE_VALUE = String.raw`"[^"\n]*"|'[^'\n]*'|\u201c[^\u201d\n]*\u201d|[\w.@*-]+`;
const VALUE = String.raw`\(\s*(?:${ONE_VALUE})(?:\s*,\s*(?:${ONE_VALUE}))*\s*\)|${ONE_VALUE}`;
/** KQL's operators (the "~" and "_cs" forms only change case sensitivity, which Rampart's tests ignore anyway). */
const OPERATOR = String.raw`==|=~|!=|!~|<>|>=|<=|>|<|=|(?<=\s)(?:!in~?|in~?|!has_any|has_any|has_all|!has|has|!contains(?:_cs)?|contains(?:_cs)?|!startswith(?:_cs)?|startswith(?:_cs)?|!endswith(?:_cs)?|endswith(?:_cs)?|matches\s+regex)(?=[\s(])`;

type FieldKind = 'severity' | 'service' | 'detection' | 'category' | 'title' | 'deviceName' | 'os' | 'deviceGroup' | 'deviceTag' | 'incidentTag' | 'account' | 'status' | 'classification' | 'technique' | 'risk';

/** The field names of Defender's alerts and incidents and of Sentinel's tables, by what they hold. */
const FIELDS: Array<{ re: RegExp; kind: FieldKind }> = [
  { re: /^(?:alert|incident)?severity$/i, kind: 'severity' },
  { re: /^(?:service|product|provider)(?:source|name)?$|^source$|^(?:alert)?productnames?$/i, kind: 'service' },
  { re: /^detectionsource$/i, kind: 'detection' },
  { re: /^(?:alert)?categor(?:y|ies)$|^(?:alert)?tactics?$/i, kind: 'category' },
  { re: /^(?:alert|incident)(?:title|name|displayname)$|^title$/i, kind: 'title' },
  { re: /^(?:device|computer|host|machine)name$|^(?:computer|hostname)$/i, kind: 'deviceName' },
  { re: /^(?:os|osplatform|platform)$/i, kind: 'os' },
  { re: /^(?:machine|device|rbac)group(?:name)?$/i, kind: 'deviceGroup' },
  { re: /^(?:machine|device)tags?$/i, kind: 'deviceTag' },
  { re: /^(?:incident)?tags?$/i, kind: 'incidentTag' },
  { re: /^(?:account(?:name|upn)?|userprincipalname|upn|username)$/i, kind: 'account' },
  { re: /^(?:incident)?status$/i, kind: 'status' },
  { re: /^classification$/i, kind: 'classification' },
  { re: /^(?:mitre|attack)?techniques?$|^mitretechniques?$/i, kind: 'technique' },
  { re: /^(?:device|machine)?risk(?:score|level)$/i, kind: 'risk' },
];

const SEVERITIES = ['Informational', 'Low', 'Medium', 'High'];

/** Defender's service sources as the grammar names them. */
const SERVICES: Record<string, string> = {
  microsoftdefenderforendpoint: 'Microsoft Defender for Endpoint',
  microsoftdefenderforidentity: 'Microsoft Defender for Identity',
  microsoftdefenderforoffice365: 'Microsoft Defender for Office 365',
  microsoftdefenderforcloudapps: 'Microsoft Defender for Cloud Apps',
  microsoftdefenderforcloud: 'Microsoft Defender for Cloud',
  azureadidentityprotection: 'Entra ID Protection',
  microsoftentraidprotection: 'Entra ID Protection',
  microsoftdatalossprevention: 'Microsoft Data Loss Prevention',
  microsoftinsiderriskmanagement: 'Microsoft Insider Risk Management',
};

function unquote(v: string): string {
  return v.trim().replace(/^["'\u201c]|["'\u201d]$/g, '');
}

function values(v: string): string[] {
  const t = v.trim();
  if (!t.startsWith('(')) return [unquote(t)];
  return [...t.slice(1, -1).matchAll(new RegExp(ONE_VALUE, 'g'))].map((m) => unquote(m[0]));
}

/** "LateralMovement" -> "Lateral Movement", "InProgress" -> "In Progress". */
function spaced(v: string): string {
  return v.replace(/([a-z])([A-Z])/g, '$1 $2');
}

function either(list: string[], quote = ''): string {
  const q = list.map((v) => `${quote}${v}${quote}`);
  return q.length > 1 ? `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}` : q[0];
}

function kindOf(field: string): FieldKind | undefined {
  const name = field.replace(/^(?:alert|incident|device|evidence|entity|alertinfo|alertevidence|deviceinfo)\./i, '').replace(/_/g, '');
  return FIELDS.find((f) => f.re.test(name))?.kind;
}

/** The severities a comparison keeps ("> Low" -> Medium and High). */
function severities(op: string, list: string[]): string[] | undefined {
  const named = list.map((v) => SEVERITIES.find((s) => s.toLowerCase() === v.toLowerCase()));
  if (named.some((s) => s === undefined)) return undefined;
  const at = SEVERITIES.indexOf(named[0] as string);
  switch (op) {
    case '>=': return SEVERITIES.slice(at);
    case '>': return SEVERITIES.slice(at + 1);
    case '<=': return SEVERITIES.slice(0, at + 1);
    case '<': return SEVERITIES.slice(0, at);
    case '!=': case '!~': case '<>': case '!in': case '!in~': return SEVERITIES.filter((s) => !named.includes(s));
    default: return named as string[];
  }
}

/** One comparison said in words, or undefined when Rampart does not read it (it is then left as written). */
function said(field: string, rawOp: string, rawValue: string): string | undefined {
  const kind = kindOf(field);
  if (!kind) return undefined;
  const op = rawOp.replace(/_cs$/, '').replace(/\s+/g, ' ').toLowerCase();
  const not = op.startsWith('!') || op === '<>';
  const list = values(rawValue);
  if (list.some((v) => !v)) return undefined;
  const equal = /^(?:==|=~|=|!=|!~|<>|!?in~?)$/.test(op);
  const starts = /startswith$/.test(op);
  const ends = /endswith$/.test(op);
  const has = /(?:has|has_any|has_all|contains)$/.test(op);
  switch (kind) {
    case 'severity': {
      const kept = severities(op, list);
      return kept && kept.length ? `the severity is ${either(kept)}` : undefined;
    }
    case 'service': {
      // "AlertProductNames has 'Office 365'": every product whose name holds the words.
      if (has && !not) {
        const key = (v: string): string => v.toLowerCase().replace(/[^a-z0-9]/g, '');
        const held = [...new Set(list.flatMap((v) => Object.entries(SERVICES).filter(([k]) => k.includes(key(v))).map(([, name]) => name)))];
        return held.length ? `the alert comes from ${either(held)}` : undefined;
      }
      if (!equal) return undefined;
      const names = list.map((v) => SERVICES[v.toLowerCase().replace(/[^a-z0-9]/g, '')] ?? spaced(v));
      return `the alert ${not ? 'does not come' : 'comes'} from ${either(names)}`;
    }
    case 'detection':
      return equal ? `the detection source ${not ? 'is not' : 'is'} ${either(list.map(spaced))}` : undefined;
    case 'category':
      // ("Tactics contains 'LateralMovement'": the alert's tactic, which Defender gives as its category.)
      return equal || (has && !not) ? `the alert category ${not ? 'is not' : 'is'} ${either(list.map(spaced))}` : undefined;
    case 'title':
      if (equal && !not) return `the alert title is ${either(list, "'")}`;
      // (A title that starts with the words is narrower than one that holds them: left as written.)
      if (has) return `the alert title ${not ? 'does not contain' : 'contains'} ${either(list, "'")}`;
      return undefined;
    case 'deviceName': {
      const patterns = list.map((v) => (starts ? `${v}*` : ends ? `*${v}` : has ? `*${v}*` : v));
      if (!(equal || starts || ends || has)) return undefined;
      return `the device ${not ? 'is not' : 'is'} named ${either(patterns)}`;
    }
    case 'os':
      if (!(equal || starts || has)) return undefined;
      return `the device ${not ? 'is not running' : 'is running'} ${either(list)}`;
    case 'deviceGroup':
      return equal ? `the device ${not ? 'is not' : 'is'} in the ${either(list, "'")} device group` : undefined;
    case 'deviceTag':
      return equal || has ? `the device ${not ? 'is not' : 'is'} tagged ${either(list)}` : undefined;
    case 'incidentTag':
      return equal || has ? `the incident ${not ? 'is not' : 'is'} tagged ${either(list)}` : undefined;
    case 'account':
      // (Only a prefix is read as a name pattern; an account compared whole or by its end stays as written.)
      return starts ? `the user account ${not ? 'does not start' : 'starts'} with ${either(list)}` : undefined;
    case 'status':
      return equal ? `the incident status ${not ? 'is not' : 'is'} ${either(list.map(spaced))}` : undefined;
    case 'classification':
      return equal ? `the incident ${not ? 'is not' : 'is'} classified as ${either(list.map((v) => spaced(v).toLowerCase()))}` : undefined;
    case 'technique':
      // "MitreTechniques has "T1059.001"": the alert is mapped to it (a technique id, never a word of the title).
      if (not || !(equal || has) || !list.every((v) => /^T\d{4}(?:\.\d{3})?$/i.test(v))) return undefined;
      return `the alert has technique ${either(list.map((v) => v.toUpperCase()))}`;
    case 'risk': {
      const level = list.length === 1 ? ['Low', 'Medium', 'High'].find((l) => l.toLowerCase() === list[0].toLowerCase()) : undefined;
      return level && equal && !not ? `the device risk score is ${level}` : undefined;
    }
  }
}

const COMPARISON = new RegExp(String.raw`(?<![\w.])((?:(?:alert|incident|device|evidence|entity|alertinfo|alertevidence|deviceinfo)\.)*[A-Za-z][A-Za-z_]*)\s*(${OPERATOR})\s*(${VALUE})`, 'g');
/** "user in group "X"", "user !in group 'X'": Graph group membership. */
const USER_GROUP = new RegExp(String.raw`\b(?:user|account|upn)\s*(?:(!\s*in|not\s+in|in)\s+group|(!\s*memberof|memberof))\s*\(?\s*(${ONE_VALUE})\s*\)?`, 'gi');

/** Whether the text reads as a query: a comparison of a known field with a KQL operator or a quoted value. */
export function looksLikeQuery(text: string): boolean {
  // (Pseudo-code over the objects, "alert.device.osPlatform != Linux", "isolate(Full)", is read by its own pass.)
  if (/\b(?:alert|incident|device)\.[a-z]|\b[a-z]+[A-Z]\w*\(/.test(text)) return false;
  return [...text.matchAll(COMPARISON)].some((m) => queryish(m[1], m[2], m[3])) || /\b(?:user|account|upn)\s*!?\s*memberof\s*\(?\s*["'\u201c]/i.test(text);
}

/**
 * A comparison written as a query, not as English: a field Rampart knows, and a symbol ("==", ">="), KQL's own words
 * ("has_any", "startswith", "in~"), a quoted value or a list, or a field named as the schema names it ("DeviceName",
 * "alert.title"). ("the title contains the word X" is English, read by the grammar.)
 */
function queryish(field: string, op: string, value: string): boolean {
  if (!kindOf(field)) return false;
  const symbol = /^(?:==|=~|!=|!~|<>|>=|<=|>|<|!?in~|!\w+|has_any|has_all|startswith(?:_cs)?|endswith(?:_cs)?|contains_cs)$/i.test(op);
  const schemaField = /[a-z][A-Z]|\./.test(field) || /^[A-Z]/.test(field);
  const literal = /^["'\u201c(]/.test(value);
  return symbol || ((literal || schemaField) && !/^=$/.test(op)) || (op === '=' && schemaField && literal);
}

/**
 * The comparisons of a query-like request said in words; "|" and "&&" / "||" joining them read as "->", "and", "or".
 * Text that does not read as a query is returned unchanged.
 */
export function queryInWords(input: string): string {
  input = aliasedFields(countVariable(input));
  // "mv-expand the Ip entities -> for each:": a loop over the entities, which the steps act on anyway.
  input = input.replace(/\bmv-expand\s+(?:the\s+)?(?:[\w]+\s+){0,2}?entities\s*(?:->|,|:)?\s*(?:for\s+each\s*[:,]?\s*)?/gi, '');
  input = fieldNouns(virusTotalCounts(callsInWords(input)));
  if (!looksLikeQuery(input)) return input;
  return sameFilterBut(input)
    // "set Status = "InProgress" and AssignedTo = "x"": what a step sets, not a condition.
    .replace(new RegExp(String.raw`\bset\s+(?:the\s+)?(?:incident\s*\.?\s*)?status\s*=\s*(${ONE_VALUE})`, 'gi'), (_m, v: string) => `set the status to ${spaced(unquote(v))}`)
    .replace(new RegExp(String.raw`\b(?:set\s+)?(?:incident\s*\.?\s*)?(?:assigned_?to|owner)\s*(?:=(?!=)|->)\s*(${ONE_VALUE})`, 'gi'), (_m, v: string) => `assign it to ${unquote(v)}`)
    // "close the incident: Status = Resolved, Classification = BenignPositive, ClassificationReason = SecurityTesting": what
    // the close sets ("=" sets a field where "==" compares it).
    .replace(new RegExp(String.raw`([:,]\s*|->\s*)(?:incident\s*\.?\s*)?status\s*=(?!=)\s*(${ONE_VALUE})`, 'gi'), (_m, lead: string, v: string) => `${lead}set the status to ${spaced(unquote(v))}`)
    .replace(new RegExp(String.raw`\b(?:set\s+)?(?:incident\s*\.?\s*)?classification\s*=(?!=)\s*(${ONE_VALUE})`, 'gi'), (_m, v: string) => `classification ${spaced(unquote(v)).toLowerCase()}`)
    .replace(new RegExp(String.raw`\b(?:set\s+)?(?:incident\s*\.?\s*)?(?:classification_?reason|determination)\s*=(?!=)\s*(${ONE_VALUE})`, 'gi'), (_m, v: string) => `determination ${spaced(unquote(v)).toLowerCase()}`)
    // "isempty(Owner)": the incident has no owner.
    .replace(/\b(is(?:not)?empty)\(\s*(?:owner|assigned_?to)\s*\)/gi, (_m, fn: string) => `the incident is ${/not/i.test(fn) ? 'assigned' : 'unassigned'}`)
    .replace(USER_GROUP, (_m, op: string | undefined, member: string | undefined, group: string) => `the user is ${/^(?:!|not)/i.test(op ?? member ?? '') ? 'not ' : ''}in the '${unquote(group)}' group`)
    // "AccountUpn in (members of Entra group "Tier0 Admins")", "AccountUpn !in (Tier0 Admins)": the group, said as a list.
    .replace(/\b(?:account_?upn|user_?principal_?name|upn|account|user)\s*(!\s*in~?|in~?)\s*\(\s*(?:(?:the\s+)?members\s+of\s+(?:the\s+)?(?:(?:entra(?:\s+id)?|aad|azure\s+ad|ad)\s+)?group\s+)?["'\u201c]?([A-Za-z][\w .&-]{1,40}?)["'\u201d]?\s*\)/gi, (_m, op: string, group: string) => `the user is ${op.startsWith('!') ? 'not ' : ''}in the '${group.trim()}' group`)
    .replace(COMPARISON, (m: string, field: string, op: string, value: string) => (queryish(field, op, value) ? said(field, op, value) ?? m : m))
    // "the alert title contains 'a' or the alert title contains 'b'": one test of the title.
    .replace(/(the alert title (?:does not )?contains? '[^']+')(?:\s+or\s+the alert title (?:does not )?contains? ('[^']+'))+/g, (m: string) => m.replace(/\s+or\s+the alert title (?:does not )?contains? /g, ' or '))
    .replace(/\s*&&\s*/g, ' and ')
    .replace(/\s*\|\|\s*/g, ' or ')
    // "SecurityIncident | where ..." read as "if where ...", "StopAndQuarantineFile. | where ...": the test opens the case.
    .replace(/(^|[.;]\s*)\|\s*where\s+/gi, '$1if ')
    .replace(/\b(if|when)\s+(?:\|\s*)?where\s+/gi, '$1 ')
    // "where DeviceGroup !in ('DCs','PAW') - never run it on those groups": the test, said again.
    .replace(/(\bthe\s+device\s+is\s+not\s+in\s+[^.;\n]{3,120}?)\s*(?:[-:,;]|\s-)\s*(?:and\s+)?never\s+(?:run|do|apply)\s+(?:it|this|that)\s+(?:on|for|to)\s+(?:those|these|them)(?:\s+[a-z]+s)?\b/gi, '$1')
    .replace(/^\s*where\s+/i, 'if ')
    // "DeviceName startswith "srv-" | collect a package": a pipe after a condition leads to its steps.
    .replace(/([\w'"*)])\s+\|\s+(?=[a-z])/gi, '$1 -> ')
    // "except machineTags has "crown-jewel" -> selective isolation on those instead": those devices' own branch.
    .replace(/\bexcept\s+(?:when\s+|if\s+)?the\s+device\s+is\s+(tagged|in|running)\s+([^\n]+?)\s*(?:->|=>|\u2192)\s*/gi, (_m, how: string, what: string) => `. For devices ${how.toLowerCase()} ${what}, `)
    // "exclude DeviceGroup == "X" from the isolation": the devices of that group, left out.
    .replace(/\b(exclude|excluding|except(?:\s+for)?|skip)\s+the\s+device\s+is\s+(in|running)\b/gi, (_m, verb: string, how: string) => `${verb} the devices ${how.toLowerCase()}`);
}

/**
 * "Severity == "High" and Category == "Malware" -> isolate. same filter but Severity == "Medium" -> post in Teams": the
 * conditions said before, with the field named after "but" changed.
 */
function sameFilterBut(input: string): string {
  return input.replace(/(^|[.;\n]\s*)(?:the\s+)?same\s+(?:filter|conditions?|query|where|rule|thing)\s*,?\s*but\s+((?:(?!->|=>|\u2192)[^.;\n])+?)\s*(?=->|=>|\u2192)/gi, (m: string, lead: string, changed: string, at: number) => {
    const before = input.slice(0, at);
    const previous = [...before.matchAll(/(?:^|[.;\n]\s*)(?:(?:when|whenever|if|where)\s+)?((?:(?!->|=>|\u2192)[^.;\n])+?)\s*(?:->|=>|\u2192)/gi)].pop();
    const change = [...changed.matchAll(COMPARISON)];
    if (!previous || change.length === 0) return m;
    let conditions = previous[1];
    for (const c of change) {
      const kind = kindOf(c[1]);
      const old = [...conditions.matchAll(COMPARISON)].find((o) => kindOf(o[1]) === kind);
      if (!kind || !old) return m;
      conditions = conditions.replace(old[0], c[0]);
    }
    if (changed.replace(new RegExp(COMPARISON.source, 'g'), '').replace(/\band\b/gi, '').trim()) return m;
    return `${lead}when ${conditions} `;
  });
}

/** "5 or more", "more than 5", "fewer than 5": an engine count said in words, from its comparison. */
function countWords(op: string, n: string): string {
  return op === '>=' ? `${n} or more` : op === '>' ? `more than ${n}` : op === '<=' ? `${n} or fewer` : op === '<' ? `fewer than ${n}` : n;
}

/** VirusTotal's count as a variable: "vt malicious >= 10 ->", "3 <= malicious < 10 ->", "; < 3 -> nothing". */
function virusTotalCounts(input: string): string {
  // (The IOC in brackets keeps its kind: "vt(ip).malicious >= 5" is the IP's count, never a file's.)
  const of = (arg: string | undefined): string => {
    const kind = iocKind(arg ?? '');
    return kind ? ` for the ${kind}` : '';
  };
  return input
    .replace(/\b(\d+)\s*<=\s*(?:(?:vt|virustotal)(?:\(\s*(\w+)\s*\))?[\s.]*)?(?:malicious|positives|detections|engines)(?:\s*count)?\s*<\s*(\d+)/gi, (_m, lo: string, arg: string | undefined, hi: string) => `VirusTotal has ${lo} to ${Number(hi) - 1} malicious engines${of(arg)}`)
    // "vt(file).malicious in 1..9", "vt(url) between 1 and 4": a band.
    .replace(/\b(?:vt|virustotal)(?:\(\s*(\w+)\s*\))?(?:[\s.]*(?:malicious|positives|detections))?\s+(?:in|between)\s*\(?\s*(\d+)\s*(?:\.\.|-|\bto\b|\band\b)\s*(\d+)\s*\)?/gi, (_m, arg: string | undefined, lo: string, hi: string) => `VirusTotal has ${lo} to ${hi} malicious engines${of(arg)}`)
    .replace(/\b(?:(?:vt|virustotal)(?:\(\s*(\w+)\s*\))?[\s.]*)?(?:malicious|mal|positives|detections)(?:\s*count)?\s*(>=|>|<=|<|==)\s*(\d+)/gi, (_m, arg: string | undefined, op: string, n: string) => `VirusTotal has ${countWords(op, n)} malicious engines${of(arg)}`)
    .replace(/(^|[;\n]\s*)<\s*(\d+)\s*(?=->|=>|\u2192)/g, (_m, lead: string, n: string) => `${lead}VirusTotal has fewer than ${n} malicious engines `);
}

/** The entity fields as the steps' objects: "isolate every DeviceId", "disable AccountUpn", "IpAddress indicator w/ Block". */
/**
 * Advanced hunting's and Sentinel's tables of alerts and incidents: where a query reads the very alerts a playbook is run
 * on, so its comparisons are the playbook's conditions. (A table of devices, mails or sign-ins, "DeviceInfo | where ...",
 * chooses entities rather than alerts; it stays as written, and Rampart asks.)
 */
const TABLES = String.raw`(?:AlertInfo|AlertEvidence|SecurityIncident|SecurityAlert)`;

/** IOC kinds as Defender's entities name them ("Ip", "Url", "File"), in the words the grammar reads. */
const ENTITY_KIND: Record<string, string> = { file: 'file hashes', ip: 'IPs', url: 'URLs', domain: 'domains' };

function fieldNouns(input: string): string {
  return input
    // "per File entity in the incident (use the SHA256), VT last_analysis_stats.malicious:", "for each Ip / Url entity on the
    // incident -> VT:": look those IOCs up on VirusTotal; the count that follows is its malicious count.
    .replace(/\b(?:per|for\s+each|for\s+every)\s+((?:file|ip|url|domain)(?:\s*(?:\/|,|\band\b|\bor\b)\s*(?:file|ip|url|domain))*)\s+entit(?:y|ies)\s+(?:in|on|of)\s+the\s+(?:incident|alert)(?:\s*\([^()\n]{0,40}\))?\s*(?:,|->|=>)?\s*(?:vt|virustotal)\b(?:\s+last_analysis_stats\.malicious)?/gi, (_m, kinds: string) => {
      const named = kinds.split(/\s*(?:\/|,|\band\b|\bor\b)\s*/i).map((k) => ENTITY_KIND[k.toLowerCase()]).filter(Boolean);
      return `look up the ${named.join(' and ')} on VirusTotal`;
    })
    .replace(/\blast_analysis_stats\.malicious\b/gi, 'malicious')
    // "5..14 ->": a range, as a programmer writes it.
    .replace(/\b(\d+)\s*\.\.\s*(\d+)\b/g, '$1-$2')
    // "expirationTime now()+30d": the indicator expires in 30 days.
    .replace(/\bexpiration(?:Date)?(?:Time)?\s*[:=]?\s*now\(\)\s*\+\s*(\d+)\s*d(?:ays?)?\b/gi, 'for $1 days')
    // "AlertInfo | where ...", "| join AlertEvidence on AlertId": the table a query reads and how it joins another; the
    // comparisons after them are what count.
    .replace(new RegExp(String.raw`(^|\n|[(:]\s*)\s*${TABLES}\s*\|\s*(?=where\b)`, 'g'), '$1')
    .replace(new RegExp(String.raw`\s*\|?\s*\bjoin\s+(?:kind\s*=\s*\w+\s+)?\(?\s*${TABLES}\s*\)?\s+on\s+\w+(?:\s*,\s*\w+)*`, 'g'), '')
    // "| where EntityType == "User"": the alert's evidence holds a user.
    .replace(/\bEntityType\s*==\s*["']?(User|Ip|Url|File|Machine|Mailbox|MailMessage|Process)["']?/g, (_m, kind: string) => `the alert involves ${({ User: 'a user', Ip: 'an IP', Url: 'a URL', File: 'a file', Machine: 'a device', Mailbox: 'a mailbox', MailMessage: 'a mail message', Process: 'a process' } as Record<string, string>)[kind]}`)
    .replace(/\b(?:the\s+)?(?:RemoteIP|RemoteIp|LocalIP|LocalIp)\b/g, 'the IP')
    .replace(/\b(?:the\s+)?RemoteUrl\b/g, 'the URL')
    .replace(/\b(?:the\s+)?AccountObjectId\b/g, 'the account')
    .replace(/\b(?:Device|Machine)Id\b/g, 'device')
    .replace(/\b(?:AccountUpn|AccountName|UserPrincipalName|AccountSid|AadUserId)\b/g, 'the account')
    .replace(/\b(?:the\s+)?the account\b/g, 'the account')
    .replace(/\bIpAddress\s+indicator\s+(?:w\/|with)\s+(?:action\s*=?\s*)?Block\b/gi, 'block the IP')
    .replace(/\baction\s*=\s*BlockAndRemediate\b/g, 'block and remediate');
}

/** "med", "crit", "hi": a severity's short name. */
const SEVERITY_WORD: Record<string, string> = { informational: 'Informational', info: 'Informational', low: 'Low', lo: 'Low', medium: 'Medium', med: 'Medium', moderate: 'Medium', high: 'High', hi: 'High', critical: 'High', crit: 'High' };
/** The detection sources Defender names, as a terse "src=" may give them; any other value is a product. */
const DETECTION_SOURCES = /^(?:edr|windowsdefenderav|antivirus|av|automatedinvestigation|air|customdetection|customti|smartscreen|microsoftdefenderforendpoint?atp|wdatp)$/i;
const SHORT_SERVICE: Record<string, string> = { mde: 'Microsoft Defender for Endpoint', mdi: 'Microsoft Defender for Identity', mdo: 'Microsoft Defender for Office 365', mdca: 'Microsoft Defender for Cloud Apps', mcas: 'Microsoft Defender for Cloud Apps', idp: 'Entra ID Protection', aadip: 'Entra ID Protection' };

function severityList(op: string, named: string[]): string | undefined {
  const levels = named.map((n) => SEVERITY_WORD[n.toLowerCase()] as string | undefined).filter((l): l is string => l !== undefined);
  if (levels.length !== named.length) return undefined;
  const kept = severities(op, levels);
  return kept && kept.length ? `the severity is ${either(kept)}` : undefined;
}

/** "{linux,macos}", "(a, b)", "[a b]": the items of a set. */
function items(set: string): string[] {
  return set.replace(/^[{([]|[})\]]$/g, '').split(/\s*[,|/]\s*|\s+/).map(unquote).filter(Boolean);
}

/**
 * Conditions written as terse as shell: "sev>=high && vt(file)>10 => isolate (full); else => tag", "os in {linux,macos}",
 * "src=EDR && devgrp=Servers", "title~xmrig", "mal>=5 ? blk url : nothing", "user !in grp 'BreakGlass' -> ... in grp ->
 * teams msg only", "dev tag VIP-Laptop -> never iso", "srv* -> collect pkg". Each is said in words the grammar reads; a
 * field Rampart does not know is left as written.
 */
export function terseInWords(input: string): string {
  // (Pseudo-code over the objects, "alert.device.osPlatform != Linux", is read by its own pass.)
  if (!/[=<>~!]=?|\?|=>|->|\u2192/.test(input) || /\b(?:alert|incident|device)\.[a-z]/i.test(input)) return input;
  const SET = String.raw`[{(\[][^})\]\n]{1,80}[})\]]`;
  let text = input
    // "sev>=high", "sev in {med,high}", "severity != low".
    .replace(/\b(?:sev|severity)\s*(>=|<=|>|<|==|=|!=)\s*([a-z]+)\b/gi, (m, op: string, v: string) => severityList(op, [v]) ?? m)
    .replace(new RegExp(String.raw`\b(?:sev|severity)\s+(!?in)\s*(${SET})`, 'gi'), (m, op: string, set: string) => severityList(op.startsWith('!') ? '!in' : 'in', items(set)) ?? m)
    // "CredentialAccess && high ->": a bare severity joined to a test.
    .replace(/(?<=(?:&&|\|\|)\s*)(?<![=<>~!]\s*)(high|medium|med|low|critical|crit|informational|info)\b(?=\s*(?:->|=>|\u2192|&&|\|\||:))|(?<![=<>~!]\s*|\b(?:is|or|and)\s+|,\s*)\b(high|medium|med|low|critical|crit|informational|info)(?=\s*(?:&&|\|\|))/gi, (m: string) => severityList('==', [m]) ?? m)
    // "os in {linux,macos}", "os=windows", "os != linux".
    .replace(new RegExp(String.raw`\b(?:os|platform|osplatform)\s*(!?in\s*(?=[{(\[])|==|=|!=)\s*(${SET}|[\w-]+)`, 'gi'), (_m, op: string, v: string) => `the device ${/^!/.test(op.trim()) ? 'is not running' : 'is running'} ${either(items(v))}`)
    // "vt(file)>10", "vt>=20", "vt(url) >= 3": VirusTotal's count for those IOCs.
    .replace(/\b(?:vt|virustotal)[ \t]*(?:\([ \t]*(file|hash|sha256|sha1|ip|url|domain)[ \t]*\))?[ \t]*(>=|>|<=|<|==)[ \t]*(\d+)/gi, (_m, kind: string | undefined, op: string, n: string) => {
      const count = countWords(op, n);
      const of = kind ? ` for the ${/^(?:hash|sha)/i.test(kind) ? 'file' : kind.toLowerCase()}` : '';
      return `VirusTotal has ${count} malicious engines${of}`;
    })
    .replace(/\b(?:mal|malicious|detections|positives)[ \t]*(>=|>|<=|<)[ \t]*(\d+)/gi, (_m, op: string, n: string) => `VirusTotal has ${countWords(op, n)} malicious engines`)
    // "src=EDR", "src=mde": a detection source, or a product.
    .replace(/\b(?:src|source)\s*(==|=|!=)\s*([\w-]+)/gi, (m, op: string, v: string) => {
      const not = op === '!=';
      if (DETECTION_SOURCES.test(v)) return `the detection source ${not ? 'is not' : 'is'} ${v}`;
      const service = SHORT_SERVICE[v.toLowerCase()] ?? SERVICES[v.toLowerCase().replace(/[^a-z0-9]/g, '')];
      return service ? `the alert ${not ? 'does not come' : 'comes'} from ${service}` : m;
    })
    // "devgrp=Servers", "dg == 'Finance'": the device group.
    .replace(/\b(?:devgrp|devgroup|dev_group|dg|devicegroup|machinegroup)\s*(==|=|!=)\s*(["'\u2018\u201c]?)([\w.&-]+)\2/gi, (_m, op: string, _q: string, g: string) => `the device ${op === '!=' ? 'is not' : 'is'} in the '${g}' device group`)
    // "title~xmrig", "title ~ 'mimikatz'", "title=~x": the alert title holds the words.
    .replace(/\b(?:title|alerttitle|ttl)\s*(?:=~|~)\s*(["'\u2018\u201c]([^"'\u2019\u201d\n]+)["'\u2019\u201d]|[\w.-]+)/gi, (_m, raw: string, quoted: string | undefined) => `the alert title contains '${quoted ?? raw}'`)
    // "threatFamilyName = CobaltStrike": the threat family Defender names.
    .replace(/\b(?:threatFamilyName|threatFamily|threat_family)\s*(?:==|=|=~)\s*["'\u2018\u201c]?([\w.-]+)["'\u2019\u201d]?/g, 'the threat family is $1')
    // "inc tag 'allowlisted'", "tag=vip": the incident's tag; "dev tag X ->": the devices tagged X.
    .replace(/\b(?:dev|device|machine)\s*tag\s*(?:==|=|\s)\s*(["'\u2018\u201c]?)([\w.-]+)\1/gi, (_m, _q: string, t: string) => `devices tagged ${t}`)
    .replace(/\b(?:inc|incident)\s*tag\s*(?:==|=|\s)\s*(["'\u2018\u201c]?)([\w.-]+)\1/gi, (_m, _q: string, t: string) => `incidents tagged ${t}`)
    // "user !in grp 'BreakGlass'": Graph group membership.
    .replace(/\b(?:user|acct|account|upn)\s*(!\s*in|not\s+in|in)\s+(?:grp|group)\s*(["'\u2018\u201c]?)([\w.&-]+)\2/gi, (_m, op: string, _q: string, g: string) => `the user is ${/^(?:!|not)/i.test(op) ? 'not ' : ''}in the '${g}' group`);
  // "p1/high", "p2/med": the severity, with the priority it stands for.
  text = text.replace(/\bp[0-4]\s*\/\s*(high|med(?:ium)?|low|info(?:rmational)?)\b/gi, (_m, sev: string) => SEVERITY_WORD[sev.toLowerCase()] ?? sev)
    // "mail X + teams": a post in Teams as well.
    .replace(/\+\s*teams\b(?!\s+(?:channel|message|msg|post|ping))/gi, '+ post in teams')
    // "dev tag VIP-Laptop -> never iso": never on those devices; "otherwise:" after it is every other device.
    .replace(/\bdevices\s+tagged\s+([\w.-]+)\s*(?:->|=>|\u2192|:)\s*(never|no|do\s+not|don'?t)\s+(iso\w*|isolat\w*|contain\w*|restrict\w*)\b\.?[ \t]*(?:\n\s*otherwise\s*:\s*)?/gi, (_m, tag: string, _not: string, verb: string) => `never ${/^iso/i.test(verb) ? 'isolate' : verb} devices tagged ${tag}.\n`);
  // "srv* -> NO iso", "ws* -> iso full": the devices so named, at the start of a line.
  text = text.replace(/(^|\n)(\s*)([a-z][\w-]{1,15}\*)\s*(?=->|=>|\u2192|:)/gi, '$1$2devices named $3 ');
  // "ransomware|T1486:\n  srv* -> ...\n  ws* -> ...": a short heading over lines of cases is said in each of them.
  text = text.replace(/(^|\n)([^\n:]{2,40}):[ \t]*\n((?:[ \t]*[^\n]*(?:->|=>|\u2192)[^\n]*(?:\n|$))+)/g, (m: string, lead: string, heading: string, lines: string) => {
    const h = heading.trim().replace(/\|/g, ' or ');
    // (Only a heading that names a kind of alert in a word or two: "ransomware|T1486", "phish (mdo)".)
    if (h.replace(/\([^()]*\)/g, '').replace(/\bor\b/g, '').trim().split(/\s+/).length > 2 || /^(?:for|on|if|when|each|every|all|any)\b/i.test(h) || /\b(?:trigger|conditions?|actions?|steps?|rules?|orders?|polic(?:y|ies)|shift|night|notes?|exceptions?|scope|when|if)\b/i.test(h)) return m;
    // (A list's bullets are no words of the case; a heading that says "alerts" says it once, a line that says "if" once.)
    const over = /\b(?:alerts?|incidents?|detections?)$/i.test(h) ? h : `${h} alerts`;
    // ("other users -> revoke only": the other side of the lines before; "alerts without T1110 -> noop": outside the heading.)
    const line = (l: string): string => {
      const said = l.trim().replace(/^[-*\u2022]\s*/, '');
      const [cases, ...rest] = said.split(/\s*(?:->|=>|\u2192)\s*/);
      if (/^(?:(?:all\s+)?other\s+[\w-]+|anything\s+else|everything\s+else|every(?:one|body)\s+else|the\s+rest)$/i.test(cases.trim())) return `otherwise, ${rest.join(' ')}.`;
      if (/\b(?:without|not|non-?)\s*/i.test(cases) && h.split(/\s+/).some((w) => w.length > 2 && cases.toLowerCase().includes(w.toLowerCase()))) {
        // (Said to get nothing, it is what the heading already leaves out.)
        return /^(?:noop|no-op|nothing|do\s+nothing|ignore|skip|leave(?:\s+(?:it|them))?(?:\s+alone)?|none)\.?$/i.test(rest.join(' ').trim()) ? '' : `${said.replace(/\s*(?:->|=>|\u2192)\s*/, ': ')}.`;
      }
      return `on ${over}, ${/^(?:if|when)\b/i.test(said) ? '' : 'if '}${said.replace(/\s*(?:->|=>|\u2192)\s*/, ': ')}.`;
    };
    return `${lead}${lines.split('\n').filter((l) => l.trim()).map(line).filter((l) => l).join('\n')}\n`;
  });
  // "in grp -> teams msg only": the group named before.
  text = text.replace(/(^|[.;\n]\s*)in\s+(?:the\s+)?(?:grp|group)\s*(?=->|=>|\u2192|:)/gi, (m, lead: string, at: number) => {
    const g = [...text.slice(0, at).matchAll(/\bin the '([^']+)' group\b/g)].pop();
    return g ? `${lead}if the user is in the '${g[1]}' group ` : m;
  });
  return text
    // "cond ? A : B": if, otherwise.
    // (Only after a test said as a comparison, and with the steps in lower case: "Could you? One exception: ..." is prose.)
    .replace(/(^|[.;\n]\s*)([^?.;\n]{0,120}?(?:VirusTotal has \d|VirusTotal has (?:more|fewer) than \d|the severity is (?:High|Medium|Low|Informational))[^?.;\n]{0,80}?)[ \t]*\?[ \t]*(?=[a-z])([^:\n;?]{3,160}?)[ \t]*:[ \t]*([^.;\n]{2,120})/g, '$1if $2, $3; otherwise $4')
    // "else =>", "else nop", "nop", "nada": the other case, nothing.
    .replace(/(^|[;\n]\s*|[.]\s+)else\s*(?:=>|->|\u2192|:)\s*/gi, '$1otherwise ')
    .replace(/\b(?:nop|no-op|noop|nada)\b/gi, 'do nothing')
    // "det Clean", "exp 14d": a determination, an expiry.
    .replace(/\bdet(?:ermination)?\s*[:=]?\s*(?=[A-Z][a-z])/g, 'determination ')
    .replace(/\bexp(?:iry|ires)?\s*[:=]?\s*(\d+)\s*d\b/gi, 'expiring in $1 days')
    // "win => skip", "linux -> av quick": the devices running it, at the start of a line; "(win only obv)": only there.
    .replace(/(^|\n)(\s*)(win(?:dows)?|linux|mac(?:os)?)\s*(?=->|=>|\u2192)/gi, (_m, lead: string, space: string, os: string) => `${lead}${space}the device is running ${/^win/i.test(os) ? 'Windows' : /^mac/i.test(os) ? 'macOS' : 'Linux'} `)
    .replace(/\(\s*(win(?:dows)?|linux|mac(?:os)?)\s+only(?:\s*,?\s*obv(?:iously)?)?\s*\)/gi, (_m, os: string) => `only on ${/^win/i.test(os) ? 'Windows' : /^mac/i.test(os) ? 'macOS' : 'Linux'} devices`)
    // "action=AlertAndBlock": the indicator's action.
    .replace(/\baction\s*=\s*(?=(?:AlertAndBlock|BlockAndRemediate|Block|Alert|Warn|Audit)\b)/gi, 'with action ')
    // "(sha256 only, NOT ip/url)" after a hash block: the hash kind; the other IOCs are not hashes anyway.
    .replace(/\(\s*((?:sha-?256|sha-?1|md5)\s+only)\s*,\s*(?:not|no|never)\s+(?:ips?|urls?|domains?)(?:\s*[/,]\s*(?:ips?|urls?|domains?))*\s*\)/gi, '($1)')
    // "ransomware|T1486:": either.
    .replace(/(^|\n)([^|\n]{2,40})\|([^|\n]{2,40}:)/g, '$1$2 or $3');
}

/** A step written as a call, snake_case or not: "isolate(device, Full)", "revoke_sessions(recipient)", "tag('x')". */
const CALL_NAMES = String.raw`indicator|isolate|stop_quarantine|stop_and_quarantine|quarantine|av_scan|run_av_scan|antivirus_scan|block|revoke_sessions|disable(?:_user|_account)?|reset_password|confirm_compromised|dismiss_risky_user|dismiss_risk|restrict_app_execution|restrict_code_execution|collect_(?:investigation_)?(?:pkg|package)|tag|comment|mail|email|notify_teams|teams_post|post_teams`;
const CALL = new RegExp(String.raw`\b(?:${CALL_NAMES})\(`, 'i');
/** Who a call acts on, as the grammar names them. */
const WHO: Record<string, string> = { user: 'user', recipient: 'recipient', account: 'user', sender: 'sender' };

/**
 * A rule written as pseudo-code by a hunter: "WHEN alert.category == CredentialAccess AND ... THEN", "for file in
 * alert.files:", "vt(file).malicious >= 10 -> isolate(device, Full) AND stop_quarantine(file, device)", "else -> noop",
 * "user NOT IN grp('X') => revoke_sessions(user)". The calls are said as the steps they name and the loops and rule names
 * as nothing (the steps act on the entities of the alerts anyway); the comparisons are left to the passes after.
 * A request with no such call is returned unchanged.
 */
function callsInWords(input: string): string {
  if (!(CALL.test(input) || SNAKE_CALL.test(input)) || !/\b[a-z]+_[a-z_]+\(|\(\s*(?:device|host|user|recipient|file|f|url|ip|incident)\s*[,)]|\b(?:WHEN|THEN)\b|\b(?:vt|grp|group)\(/.test(input)) return input;
  const who = (w: string): string => WHO[w.toLowerCase()] ?? 'user';
  // "for h in incident.files: ... block(h)": what a loop's name stands for.
  const looped = new Map<string, string>();
  for (const m of input.matchAll(/\bfor\s+(?:each\s+)?(\w+)\s+in\s+[\w.[\]]*?\b(files?|hash(?:es)?|ips?|urls?|domains?)\b/gi)) {
    looped.set(m[1], /^(?:file|hash)/i.test(m[2]) ? 'file' : m[2].toLowerCase().replace(/e?s$/, ''));
  }
  return codeComments(input)
    .replace(/\bblock\(\s*(\w+)\s*\)/g, (m: string, v: string) => (looped.has(v) ? `block(${looped.get(v)})` : m))
    // "indicator(u, AlertAndBlock)" in a loop over the URLs: the URL.
    .replace(/\bindicator\(\s*(\w+)\s*,/g, (m: string, v: string) => (looped.has(v) ? `indicator(${looped.get(v)},` : m))
    // "for u in urls: if ...": the loop said before a statement on its own line is no case (the steps act on those anyway).
    .replace(/^(\s*)for\s+(?:each\s+)?\w+\s+in\s+[\w.[\]]+\s*:[ \t]*(?=\S)/gim, '$1')
    // "on incident:", "for dev in devices:": what the calls run over, which the steps act on anyway.
    .replace(/^\s*on\s+(?:each\s+|every\s+|new\s+|an?\s+)?incident\s*:\s*$/gim, '')
    // "if <test>:" and its statements on the lines under it: the case, then its steps.
    .replace(/^([ \t]*(?:el)?if\b[^\n]*?)\s*:[ \t]*\n[ \t]*(?=\S)/gim, '$1, ')
    .replace(/^\s*(?:anything|everything)\s+else\s*:\s*(?:dont|don'?t|do\s+not)\s+touch(?:\s+(?:it|them|anything))?\s*$/gim, 'otherwise do nothing')
    // "not rfc1918(ip)", "!is_private(ip)": the public addresses.
    .replace(/(?:\bnot\s+|!\s*)(?:rfc1918|is_rfc1918|private|is_private|ipv4_is_private|is_internal)\(\s*\w+\s*\)/gi, 'the ip is public')
    .replace(/\b(?:skip|ignore|exclude)\s+(?:it\s+|them\s+)?(?:if|when|where)\s+(?:rfc1918|is_rfc1918|private|is_private|ipv4_is_private|is_internal)\(\s*\w+\s*\)/gi, 'never block private IPs')
    // "n = vt(f.sha256).malicious" and "if n >= 15:": a band of VirusTotal's count.
    .replace(/^\s*[a-z]\s*=\s*(?:vt|virustotal)\(\s*[\w.]*\s*\)\.malicious\s*$/gim, '')
    .replace(/^(\s*)(if|elif)\s+[a-z]\s*(>=|>)\s*(\d+)\s*:/gim, (_m, lead: string, cue: string, op: string, n: string) => `${lead}${cue.toLowerCase() === 'elif' ? 'otherwise if' : 'if'} VirusTotal flags it with ${op === '>' ? Number(n) + 1 : n} or more engines,`)
    .replace(/^(\s*)else\s*:\s*(?:pass|noop|nothing|skip)\s*$/gim, '$1otherwise do nothing')
    .replace(/^(\s*)else\s*:\s*$/gim, '$1otherwise ')
    // "'ci-runner' in device.tags", "!('ci-runner' in device.tags)": the device's tags.
    .replace(/(?:!\s*\(\s*|\bnot\s+\(?\s*)(["'`][^"'`\n]+["'`])\s+in\s+(?:\w+\.)?(?:device\.)?(?:machine)?tags\s*\)?/gi, (_m, t: string) => `the device is not tagged ${unquote(t.replace(/`/g, "'"))}`)
    .replace(/(["'`][^"'`\n]+["'`])\s+not\s+in\s+(?:\w+\.)?(?:device\.)?(?:machine)?tags\b/gi, (_m, t: string) => `the device is not tagged ${unquote(t.replace(/`/g, "'"))}`)
    .replace(/(["'`][^"'`\n]+["'`])\s+in\s+(?:\w+\.)?(?:device\.)?(?:machine)?tags\b/gi, (_m, t: string) => `the device is tagged ${unquote(t.replace(/`/g, "'"))}`)
    // "dev.rbacGroup", "dev.os": the device's fields, whatever the loop calls the device.
    .replace(/\b(?:dev|d|host|machine|m)\.(?=(?:rbacGroup|os|osPlatform|machineTags)\b)/g, 'device.')
    .replace(/\bdevice\.rbacGroup\b/g, 'device.rbacGroupName')
    // "rule cred_dump_contain:", "ioc_bands(ip):", "kiosk_lockdown:": the rule's name, on a line of its own.
    .replace(/^\s*(?:rule\s+)?[a-z][\w-]*_[\w-]*(?:\([^()\n]*\))?\s*:\s*$/gim, '')
    .replace(/^\s*scope\s*:\s*/gim, 'when ')
    // "for file in alert.files:", "for ip in incident.entities[Ip]:", "for f in files:": a loop over the entities.
    .replace(/^\s*(?:then\s+)?for\s+(?:each\s+)?\w+\s+in\s+[\w.[\]]+\s*:\s*$/gim, '')
    .replace(/\bTHEN\s+for\s+(?:each\s+)?\w+\s+in\s+[\w.[\]]+\s*:\s*/g, '-> ')
    .replace(/\bWHEN\b/g, 'when').replace(/\s*\bTHEN\b\s*/g, ' -> ')
    // A condition's next line that starts with AND / OR goes on with it.
    .replace(/\n\s*(AND|OR)\s+/g, (_m, op: string) => ` ${op} `)
    .replace(/\n\s*(?=(?:->|=>))/g, ' ')
    // "// windows + mac out of scope": a comment is a sentence of its own.
    .replace(/[ \t]*\/\/[ \t]*/g, '. ')
    // "device.osPlatform IN [Windows10, Windows11]", "(sev == High) AND (os == Linux)", "title ~ 'x'": the field, its list
    // in round brackets, no brackets around one test, "~" as "contains".
    .replace(/\b(?:alert|incident|device|user)\.(osPlatform|os|machineTags|severity|category|title|upn|detectionSource|serviceSource|rbacGroupName|status|classification)\b/g, '$1')
    .replace(/\b(IN|in)\s*\[([^\]\n]*)\]/g, '$1 ($2)')
    .replace(/\(\s*([^()\n]*?(?:==|!=|>=|<=|\bIN\b|\bCONTAINS\b)[^()\n]*?(?:\([^()\n]*\))?)\s*\)/g, '$1')
    .replace(/\s~\s/g, ' contains ')
    // VirusTotal's count, however the object is named: "vt(file).malicious", "url.vt.malicious", "vt.mal".
    // (The IOC named keeps its kind: "vt(ip).malicious >= 5" is the IP's count, never a file's.)
    .replace(/\b(?:(url|ip|file|hash|domain|f)\.)?vt(?:\(\s*(\w+)(?:\.\w+)?\s*\))?\.mal(?:icious)?\b/gi, (_m, owner: string | undefined, arg: string | undefined) => {
      const kind = iocKind(owner ?? '') ?? iocKind(arg ?? '') ?? looped.get(arg ?? '');
      return kind ? `vt(${kind}) malicious` : 'vt malicious';
    })
    .replace(/\b(\d+)\s*<=\s*(vt(?:\(\w+\))? malicious)\s*<=\s*(\d+)/gi, (_m, lo: string, vt: string, hi: string) => `${lo} <= ${vt} < ${Number(hi) + 1}`)
    .replace(/\b(vt(?:\(\w+\))? malicious)\s*<\s*(\d+)\s+OR\s+no\s+hit\b/gi, '$1 < $2')
    .replace(/\b(?:user|recipient|account)\s+(NOT\s+IN|IN|!in|in)\s+(?:grp|group)\(\s*['"]?([^'")]+?)['"]?\s*\)/gi, (_m, op: string, g: string) => `the user is ${/not|!/i.test(op) ? 'not ' : ''}in the '${g}' group`)
    // The calls.
    .replace(/\bisolate\(\s*(?:device|host|machine|dev)?\s*(?:,\s*(?:type\s*=\s*)?["']?(full|selective)["']?)?\s*\)/gi, (_m, kind: string | undefined) => `${kind ? `${kind.toLowerCase()} ` : ''}isolate the device`)
    .replace(/\b(?:stop_quarantine|stop_and_quarantine|quarantine)\([^()]*\)/gi, 'stop and quarantine the file')
    .replace(/\b(?:av_scan|run_av_scan|antivirus_scan)\(\s*(?:device|host|machine|dev)?\s*(?:,\s*(?:type\s*=\s*)?["']?(quick|full)["']?)?\s*\)/gi, (_m, kind: string | undefined) => `run a ${kind ? `${kind.toLowerCase()} ` : ''}antivirus scan on the device`)
    .replace(/\bblock\(\s*(url|ip|sha1|sha256|hash|file|domain|f)\s*(?:,\s*expire\s*=\s*\+?(\d+)\s*d(?:ays?)?)?\s*\)/gi, (_m, what: string, days: string | undefined) => `block the ${/^(?:sha1|sha256)$/i.test(what) ? `${what.toLowerCase()} hash` : /^(?:f|file|hash)$/i.test(what) ? 'file hash' : what.length <= 3 ? what.toUpperCase() : what.toLowerCase()}${days ? ` for ${days} days` : ''}`)
    .replace(/\bindicator\(\s*(url|ip|domain|file|hash|sha1|sha256)\s*,\s*(?:action\s*=\s*)?(BlockAndRemediate|AlertAndBlock|Block|Alert|Audit|Warn)\s*\)/gi, (_m, what: string, action: string) => {
      const kind = what.length <= 3 ? what.toUpperCase() : what.toLowerCase();
      // (An action other than a plain block, "AlertAndBlock", "BlockAndRemediate", is the indicator's own: kept.)
      return /^(?:alert|audit|warn)$/i.test(action) ? `create an alert-only indicator for the ${kind}` : /^block$/i.test(action) ? `block the ${kind}` : `block the ${kind} with action ${action}`;
    })
    .replace(/\brevoke_sessions\(\s*(\w+)\s*\)/gi, (_m, w: string) => `revoke the ${who(w)}'s sessions`)
    .replace(/\bdisable(?:_user|_account)?\(\s*(\w+)\s*\)/gi, (_m, w: string) => `disable the ${who(w)}`)
    .replace(/\breset_password\(\s*(\w+)\s*\)/gi, (_m, w: string) => `reset the ${who(w)}'s password`)
    .replace(/\bconfirm_compromised\(\s*(\w+)\s*\)/gi, (_m, w: string) => `confirm the ${who(w)} compromised`)
    .replace(/\b(?:dismiss_risky_user|dismiss_risk)\(\s*(\w+)\s*\)/gi, (_m, w: string) => `dismiss the ${who(w)}'s risk`)
    .replace(/\b(?:restrict_app_execution|restrict_code_execution)\([^()]*\)/gi, 'restrict app execution on the device')
    .replace(/\bcollect_(?:investigation_)?(?:pkg|package)\([^()]*\)/gi, 'collect an investigation package from the device')
    .replace(/\btag\(\s*['"]([^'"]+)['"]\s*\)/gi, "tag the incident '$1'")
    .replace(/\bcomment\(\s*["']([^"'()]+)["']\s*\)/gi, "add a comment '$1' to the incident")
    .replace(/\bcomment\([^()]*\)/gi, 'add a comment to the incident')
    .replace(/\b(?:mail|email)\(\s*([\w.+-]+@[\w-]+(?:\.[\w-]+)+)\s*\)/gi, 'send a mail to $1')
    .replace(/\b(?:notify_teams|teams_post|post_teams)\([^()]*\)/gi, 'post to teams')
    // Steps joined by "+" or "AND" after an arrow are one branch's steps.
    .replace(/(->|=>)([^\n]*)/g, (_m, arrow: string, rest: string) => `${arrow}${rest.replace(/\s+(?:\+|AND|&&)\s+(?=[a-z])/g, ' and ')}`)
    .replace(/(->|=>)\s*(?:noop|skip|pass|nothing)\s*$/gim, '$1 nothing')
    // Any other call whose name says a step: "release_from_isolation(devices)", "remove_app_restriction(devices)".
    .replace(new RegExp(SNAKE_CALL.source, 'g'), (m: string, name: string, args: string) => callInWords(name, args) ?? m)
    // "... AND the device is running Windows", "UNLESS user IN grp(...)": the joints, as prose says them.
    .replace(/\b(AND|OR|UNLESS|EXCEPT)\b/g, (m: string) => m.toLowerCase());
}

/** Words that narrow or rule out: a remark holding one is never dropped as a mere aside. */
export const NARROWS = /\b(?:only|just|not|never|no|don'?t|dont|except|excluding|unless|but|skip\w*|ignor\w*|exclud\w*|leave|alone|untouched|out\s+of\s+scope|manual\w*)\b|n't\b/i;

/** "| extend os = OSPlatform | where os in~ ('Linux')": a name given to a field, read as the field. */
function aliasedFields(input: string): string {
  const aliases = [...input.matchAll(/\|?\s*\bextend\s+(\w+)\s*=\s*([A-Za-z]\w*)\s*(?:\||$|\n)/g)];
  let text = input;
  for (const [whole, alias, field] of aliases) {
    text = text.replace(whole, ' ').replace(new RegExp(String.raw`\b${alias}\b(?=\s*(?:==|!=|=~|!~|in~?\b|!in~?|has|!has|contains|startswith|endswith|<|>))`, 'g'), field);
  }
  return text;
}

/**
 * "let pos = VT(SHA256).last_analysis_stats.malicious | where pos >= 15 -> ... | where pos between (1 .. 14) -> ... | pos == 0
 * -> nothing": a name given to VirusTotal's count, and the bands of it.
 */
function countVariable(input: string): string {
  // ("| mv-expand Url | extend vt = VT(Url) | where vt.malicious >= 8": each URL of the alert, its verdict named, then its count.)
  input = input.replace(/\|?\s*\bmv-expand\s+(?:urls?|ip(?:address(?:es)?)?|ips|sha256|sha1|file(?:hash(?:es)?)?|domains?)\b\s*(?=\||$|\n)/gi, ' ');
  const named = /(?:\blet|\|?\s*\bextend)\s+(\w+)\s*=\s*(?:vt|virustotal)\([^()]*\)(?:(?:\.\w+)*?\.malicious\b)?\s*;?\s*/i.exec(input);
  if (!named) return input;
  const v = named[1];
  const lead = String.raw`(\|\s*)?(?:where\s+)?\b${v}(?:\.malicious)?\b\s*`;
  const cue = (pipe: string | undefined): string => (pipe ? '. if' : 'if');
  return input
    .replace(named[0], '')
    .replace(new RegExp(`${lead}between\\s*\\(\\s*(\\d+)\\s*\\.\\.\\s*(\\d+)\\s*\\)`, 'gi'), (_m, pipe: string | undefined, lo: string, hi: string) => `${cue(pipe)} VirusTotal flags it with ${lo} to ${hi} engines`)
    .replace(new RegExp(`${lead}(>=|>)\\s*(\\d+)`, 'gi'), (_m, pipe: string | undefined, op: string, n: string) => `${cue(pipe)} VirusTotal flags it with ${op === '>' ? Number(n) + 1 : n} or more engines`)
    .replace(new RegExp(`${lead}==\\s*0\\b`, 'gi'), (_m, pipe: string | undefined) => `${cue(pipe)} VirusTotal flags it with 0 engines`);
}

/** The IOC kind a name in code stands for ("f", "sha256", "ip", "u"), as VirusTotal's verdicts are keyed; undefined for another name. */
function iocKind(name: string): string | undefined {
  const n = name.toLowerCase();
  if (/^(?:f|file|files|hash|hashes|sha1|sha256|sha|md5|attachment)$/.test(n)) return 'file';
  if (/^(?:ip|ips|addr|address)$/.test(n)) return 'ip';
  if (/^(?:url|urls|link|links)$/.test(n)) return 'url';
  if (/^(?:domain|domains|dom)$/.test(n)) return 'domain';
  return undefined;
}

/** A call named in snake_case: "release_from_isolation(incident.devices)". */
const SNAKE_CALL = /\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\(([^()]*)\)/;

/**
 * Comments in code: a comment line ("# identity protection, on our devs:") is a sentence; a remark after a statement
 * ("block(f)   # AlertAndBlock is fine", "restrict_app_execution(dev)  // ci runners, nobody on them") is dropped unless it
 * narrows ("// not on DCs"), when it is a sentence of its own.
 */
function codeComments(input: string): string {
  return input
    .replace(/^\s*```[\w-]*\s*$/gm, '')
    .replace(/^([^\n#]*?[)\w:])[ \t]{2,}(?:#|\/\/)[ \t]*([^\n]*)$/gm, (_m, code: string, remark: string) => (NARROWS.test(remark) ? `${code}. ${remark}` : code))
    .replace(/^([ \t]*)(?:(?:#|\/\/)[ \t]*)+/gm, '$1');
}

/** A step said as a snake_case call ("release_from_isolation(devices)", "send_mail('x@y.com')"), in words; undefined when no step is named. */
function callInWords(name: string, args: string): string | undefined {
  const n = name.toLowerCase();
  const words = n.split('_');
  const has = (re: RegExp): boolean => words.some((w) => re.test(w));
  const quoted = /["'`]([^"'`]+)["'`]/.exec(args)?.[1];
  const address = /[\w.+'-]+@[\w-]+(?:\.[\w-]+)+/.exec(args)?.[0];
  // "contain(everything)": no step of an incident's own entities.
  if (/\b(?:everything|all|every|\*)\b|\*/i.test(args)) return undefined;
  if ((has(/^(?:release|unisolate|unisolation|lift|undo)$/) && (has(/^isolat/) || n === 'release')) || n === 'unisolate') return 'release the device from isolation';
  if (has(/^(?:remove|lift|unrestrict|undo)$/) && has(/^restrict/)) return 'remove the app execution restriction';
  if (has(/^(?:isolat\w*|contain)$/)) return `${/selective/i.test(args) ? 'selective ' : /full/i.test(args) ? 'full ' : ''}isolate the device`;
  if (has(/^restrict/)) return 'restrict app execution on the device';
  if (has(/^(?:scan|av|antivirus)$/)) return `run a ${/quick/i.test(args) ? 'quick ' : /full/i.test(args) ? 'full ' : ''}antivirus scan on the device`;
  if (has(/^quarantin/)) return 'stop and quarantine the file';
  if (has(/^(?:collect|pkg|package|investigation)$/)) return 'collect the investigation package';
  if (has(/^block$/)) return `block ${/\b(?:url|link)s?\b/i.test(args) ? 'the url' : /\bdomain/i.test(args) ? 'the domain' : /\bip\b|\baddress/i.test(args) ? 'the ip' : /\b(?:f|file|files|sha\w*|md5|hash\w*)\b/i.test(args) ? 'the file hash' : 'it'}`;
  if (has(/^revoke$/)) return "revoke the user's sessions";
  if (has(/^reset$/)) return "reset the user's password";
  if (has(/^disable$/)) return 'disable the user account';
  if (has(/^confirm$/)) return 'confirm the user compromised';
  if (has(/^dismiss$/)) return "dismiss the user's risk";
  if (has(/^comment$/)) return quoted ? `add a comment '${quoted}' to the incident` : 'add a comment to the incident';
  if (has(/^tag$/)) return quoted ? `tag the incident '${quoted}'` : undefined;
  if (has(/^assign$/)) return address ? `assign the incident to ${address}` : undefined;
  if (has(/^(?:mail|email)$/) || (has(/^send$/) && has(/^(?:mail|email)$/))) return address ? `email ${address}` : undefined;
  if (has(/^(?:teams|post|notify)$/)) return 'post in teams';
  return undefined;
}

