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

type FieldKind = 'severity' | 'service' | 'detection' | 'category' | 'title' | 'deviceName' | 'os' | 'deviceGroup' | 'deviceTag' | 'incidentTag' | 'account' | 'status' | 'classification';

/** The field names of Defender's alerts and incidents and of Sentinel's tables, by what they hold. */
const FIELDS: Array<{ re: RegExp; kind: FieldKind }> = [
  { re: /^(?:alert|incident)?severity$/i, kind: 'severity' },
  { re: /^(?:service|product|provider)(?:source|name)?$|^source$/i, kind: 'service' },
  { re: /^detectionsource$/i, kind: 'detection' },
  { re: /^(?:alert)?categor(?:y|ies)$/i, kind: 'category' },
  { re: /^(?:alert|incident)(?:title|name|displayname)$|^title$/i, kind: 'title' },
  { re: /^(?:device|computer|host|machine)name$|^(?:computer|hostname)$/i, kind: 'deviceName' },
  { re: /^(?:os|osplatform|platform)$/i, kind: 'os' },
  { re: /^(?:machine|device|rbac)group(?:name)?$/i, kind: 'deviceGroup' },
  { re: /^(?:machine|device)tags?$/i, kind: 'deviceTag' },
  { re: /^(?:incident)?tags?$/i, kind: 'incidentTag' },
  { re: /^(?:account(?:name|upn)?|userprincipalname|upn|username)$/i, kind: 'account' },
  { re: /^(?:incident)?status$/i, kind: 'status' },
  { re: /^classification$/i, kind: 'classification' },
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
  const name = field.replace(/^(?:alert|incident|device|evidence|entity)\./i, '').replace(/_/g, '');
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
      if (!equal) return undefined;
      const names = list.map((v) => SERVICES[v.toLowerCase().replace(/[^a-z0-9]/g, '')] ?? spaced(v));
      return `the alert ${not ? 'does not come' : 'comes'} from ${either(names)}`;
    }
    case 'detection':
      return equal ? `the detection source ${not ? 'is not' : 'is'} ${either(list.map(spaced))}` : undefined;
    case 'category':
      return equal ? `the alert category ${not ? 'is not' : 'is'} ${either(list.map(spaced))}` : undefined;
    case 'title':
      if (equal && !not) return `the alert title is ${either(list, "'")}`;
      if (has || starts) return `the alert title ${not ? 'does not contain' : 'contains'} ${either(list, "'")}`;
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
    case 'account': {
      if (!(equal || starts || ends)) return undefined;
      const patterns = list.map((v) => (starts ? `${v}*` : ends ? `*${v}` : v));
      return `the user account ${not ? 'does not start' : 'starts'} with ${either(patterns)}`.replace(/starts with (\S+)\*$/, 'starts with $1').replace(/start with (\S+)\*$/, 'start with $1');
    }
    case 'status':
      return equal ? `the incident status ${not ? 'is not' : 'is'} ${either(list.map(spaced))}` : undefined;
    case 'classification':
      return equal ? `the incident ${not ? 'is not' : 'is'} classified as ${either(list.map((v) => spaced(v).toLowerCase()))}` : undefined;
  }
}

const COMPARISON = new RegExp(String.raw`(?<![\w.])((?:(?:alert|incident|device|evidence|entity)\.)*[A-Za-z][A-Za-z_]*)\s*(${OPERATOR})\s*(${VALUE})`, 'g');
/** "user in group "X"", "user !in group 'X'": Graph group membership. */
const USER_GROUP = new RegExp(String.raw`\b(?:user|account|upn)\s*(!\s*in|not\s+in|in)\s+group\s*\(?\s*(${ONE_VALUE})\s*\)?`, 'gi');

/** Whether the text reads as a query: a comparison of a known field with a KQL operator or a quoted value. */
export function looksLikeQuery(text: string): boolean {
  // (Pseudo-code over the objects, "alert.device.osPlatform != Linux", "isolate(Full)", is read by its own pass.)
  if (/\b(?:alert|incident|device)\.[a-z]|\b[a-z]+[A-Z]\w*\(/.test(text)) return false;
  return [...text.matchAll(COMPARISON)].some((m) => queryish(m[1], m[2], m[3]));
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
  input = fieldNouns(virusTotalCounts(input));
  if (!looksLikeQuery(input)) return input;
  return sameFilterBut(input)
    // "set Status = "InProgress" and AssignedTo = "x"": what a step sets, not a condition.
    .replace(new RegExp(String.raw`\bset\s+(?:the\s+)?(?:incident\s*\.?\s*)?status\s*=\s*(${ONE_VALUE})`, 'gi'), (_m, v: string) => `set the status to ${spaced(unquote(v))}`)
    .replace(new RegExp(String.raw`\b(?:set\s+)?(?:incident\s*\.?\s*)?assigned_?to\s*=\s*(${ONE_VALUE})`, 'gi'), (_m, v: string) => `assign it to ${unquote(v)}`)
    .replace(USER_GROUP, (_m, op: string, group: string) => `the user is ${/^(?:!|not)/i.test(op) ? 'not ' : ''}in the '${unquote(group)}' group`)
    .replace(COMPARISON, (m: string, field: string, op: string, value: string) => (queryish(field, op, value) ? said(field, op, value) ?? m : m))
    // "the alert title contains 'a' or the alert title contains 'b'": one test of the title.
    .replace(/(the alert title (?:does not )?contains? '[^']+')(?:\s+or\s+the alert title (?:does not )?contains? ('[^']+'))+/g, (m: string) => m.replace(/\s+or\s+the alert title (?:does not )?contains? /g, ' or '))
    .replace(/\s*&&\s*/g, ' and ')
    .replace(/\s*\|\|\s*/g, ' or ')
    // "DeviceName startswith "srv-" | collect a package": a pipe after a condition leads to its steps.
    .replace(/([\w'"*)])\s+\|\s+(?=[a-z])/gi, '$1 -> ');
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

/** VirusTotal's count as a variable: "vt malicious >= 10 ->", "3 <= malicious < 10 ->", "; < 3 -> nothing". */
function virusTotalCounts(input: string): string {
  return input
    .replace(/\b(\d+)\s*<=\s*(?:(?:vt|virustotal)[\s.]*)?(?:malicious|positives|detections|engines)(?:\s*count)?\s*<\s*(\d+)/gi, (_m, lo: string, hi: string) => `VirusTotal has ${lo} to ${Number(hi) - 1} malicious engines`)
    .replace(/\b(?:(?:vt|virustotal)[\s.]*)?(?:malicious|positives|detections)(?:\s*count)?\s*(>=|>|<=|<|==)\s*(\d+)/gi, (_m, op: string, n: string) => `VirusTotal has ${op === '>=' ? `${n} or more` : op === '>' ? `more than ${n}` : op === '<=' ? `${n} or fewer` : op === '<' ? `fewer than ${n}` : n} malicious engines`)
    .replace(/(^|[;\n]\s*)<\s*(\d+)\s*(?=->|=>|\u2192)/g, (_m, lead: string, n: string) => `${lead}VirusTotal has fewer than ${n} malicious engines `);
}

/** The entity fields as the steps' objects: "isolate every DeviceId", "disable AccountUpn", "IpAddress indicator w/ Block". */
function fieldNouns(input: string): string {
  return input
    .replace(/\b(?:Device|Machine)Id\b/g, 'device')
    .replace(/\b(?:AccountUpn|AccountName|UserPrincipalName|AccountSid|AadUserId)\b/g, 'the account')
    .replace(/\b(?:the\s+)?the account\b/g, 'the account')
    .replace(/\bIpAddress\s+indicator\s+(?:w\/|with)\s+(?:action\s*=?\s*)?Block\b/gi, 'block the IP')
    .replace(/\bIpAddress\b/g, 'IP address')
    .replace(/\b(?:action\s*=\s*)?BlockAndRemediate\b/g, 'block and remediate');
}
