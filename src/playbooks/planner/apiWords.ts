/**
 * The Defender API's own words in a request, as detection engineers write them: action names
 * (`runAntiVirusScan`, `restrictCodeExecution`), parameters (ScanType `Quick`, IsolationType
 * `Selective`), machine fields (osPlatform, rbacGroupName, riskScore), indicator types
 * (`FileSha256`). Each becomes the plain words the grammar reads, so a request quoting the API is
 * read like one describing it; a value the API does not have is left as written (and asked about).
 */

/** A value as engineers quote it: `Quick`, 'Quick', "Quick" or bare. */
const Q = String.raw`["'\u2018\u2019\u201c\u201d\`]?`;

/** Defender machine actions by their API names (and the portal's). */
const ACTIONS: Array<[RegExp, string]> = [
  [/\b(?:run)?anti-?virus-?scan\b|\brun-?av-?scan\b/gi, 'run an antivirus scan'],
  [/\bcollect-?investigation-?package\b/gi, 'collect an investigation package'],
  [/\b(?:restrict-?code-?execution|restrict-?app(?:lication)?-?execution)\b/gi, 'restrict app execution'],
  [/\b(?:unrestrict-?code-?execution|remove-?app(?:lication)?-?restriction|unrestrict-?app(?:lication)?-?execution)\b/gi, 'remove the app execution restriction'],
  [/\b(?:unisolate-?machine|release-?from-?isolation)\b/gi, 'release from isolation'],
  [/\bisolate-?machine\b/gi, 'isolate'],
  [/\bstop-?and-?quarantine-?file\b/gi, 'stop and quarantine the file'],
];

/** Indicator types by the API's names. */
const INDICATOR_TYPES: Array<[RegExp, string]> = [
  // ("FileSha1 indicator with action Audit", unquoted, is read where indicator actions are.)
  [/`(?:FileSha256|FileSha1|FileMd5)`(?=\s+(?:block\s+)?indicators?\b)/g, 'file hash'],
];

/** osPlatform values, as the grammar names them. */
function platform(value: string): string | undefined {
  const v = value.toLowerCase().replace(/\*$/, '');
  if (/^windows-?server(?:20\d\d(?:r2)?)?$/.test(v)) return 'Windows Server';
  if (v === 'windows10') return 'Windows10';
  if (v === 'windows11') return 'Windows11';
  if (v === 'windows') return 'Windows';
  if (v === 'macos' || v === 'osx' || v === 'mac') return 'macOS';
  if (v === 'linux') return 'Linux';
  return undefined;
}

const PLATFORM = String.raw`${Q}(?:windows-?server\*?|windows-?server20\d\d(?:r2)?|windows1[01]|windows|mac-?os|osx|linux)\*?${Q}`;
const PLATFORMS = String.raw`${PLATFORM}(?:\s*(?:\/|,|\bor\b|\band\b)\s*${PLATFORM})*`;
const RISK_LEVELS = ['None', 'Low', 'Medium', 'High'] as const;
const RISK = String.raw`${Q}(?:none|low|medium|high|informational)${Q}`;
const RISKS = String.raw`${RISK}(?:\s*(?:\/|,|\bor\b)\s*${RISK})*`;

function platformsSaid(list: string): string[] | undefined {
  const out: string[] = [];
  for (const v of list.split(/\s*(?:\/|,|\bor\b|\band\b)\s*/i)) {
    const p = platform(v.replace(/["'\u2018\u2019\u201c\u201d`]/g, ''));
    if (!p) return undefined;
    if (!out.includes(p)) out.push(p);
  }
  return out;
}

/** "riskScore Medium/Low/None": the levels said, as the grammar's "X or lower" / "at least X"; undefined for a gap. */
function riskSaid(list: string): string | undefined {
  const said = new Set(list.split(/\s*(?:\/|,|\bor\b)\s*/i).map((v) => v.replace(/["'\u2018\u2019\u201c\u201d`]/g, '').toLowerCase()).filter((v) => v !== 'informational'));
  const idx = RISK_LEVELS.map((l, i) => (said.has(l.toLowerCase()) ? i : -1)).filter((i) => i >= 0);
  if (idx.length === 0 || idx.length !== idx[idx.length - 1] - idx[0] + 1) return undefined;
  const top = RISK_LEVELS[idx[idx.length - 1]];
  const bottom = RISK_LEVELS[idx[0]];
  if (top === 'High') return bottom === 'None' ? undefined : idx.length === 1 ? 'High' : `at least ${bottom}`;
  if (bottom === 'None' || (bottom === 'Low' && !said.has('none'))) return top === 'None' ? undefined : `${top} or lower`;
  return undefined;
}

/** The request with the API's words said in plain English. */
export function apiWords(text: string): string {
  text = healthWords(text);
  if (!/[a-z][A-Z]|`|\b(?:ScanType|IsolationType|osPlatform|rbacGroupName|riskScore|detectionSource|assignedTo)\b/i.test(text)) return text;
  // (Quoted as code, the name and its quotes are the step: "`restrictCodeExecution`".)
  for (const [re, to] of ACTIONS) text = text.replace(new RegExp(String.raw`[\`'"]?(?:${re.source})[\`'"]?`, re.flags), to);
  for (const [re, to] of INDICATOR_TYPES) text = text.replace(re, to);
  return text
    // "RunAntiVirusScan (Full)": that kind of scan.
    .replace(/\brun\s+an\s+antivirus\s+scan\s*\(\s*(full|quick)\s*\)/gi, (_m, kind: string) => `run a ${kind.toLowerCase()} antivirus scan`)
    // "run an antivirus scan with ScanType `Quick`", "ScanType: Full": the kind of scan.
    .replace(new RegExp(String.raw`\b(?:run\s+)?an\s+antivirus\s+scan\s*(?:\(\s*)?(?:with\s+|using\s+)?(?:the\s+)?scan-?type\s*[:=]?\s*${Q}(quick|full)${Q}(?:\s*\))?`, 'gi'), (_m, kind: string) => `run a ${kind.toLowerCase()} antivirus scan`)
    .replace(new RegExp(String.raw`(:\s*|->\s*|\bget\s+|\bgets\s+)?\bscan-?type\s*[:=]?\s*${Q}(quick|full)${Q}`, 'gi'), (_m, lead: string | undefined, kind: string) => (lead ? `${lead.startsWith('g') ? '' : lead}run a ${kind.toLowerCase()} antivirus scan` : `${kind.toLowerCase()} scan`))
    // "get isolated with IsolationType `Selective`", "isolate (IsolationType: Full)": the kind of isolation.
    .replace(new RegExp(String.raw`\b(isolate[ds]?|get\s+isolated|are\s+isolated|be\s+isolated)\s*(?:\(\s*)?(?:with\s+|using\s+)?(?:the\s+)?isolation-?type\s*[:=]?\s*${Q}(selective|full)${Q}(?:\s*\))?`, 'gi'), (_m, verb: string, kind: string) => (/^isolate/i.test(verb) ? `${/^selective$/i.test(kind) ? 'selectively' : 'fully'} ${verb}` : `${verb} ${kind.toLowerCase()}ly`))
    .replace(new RegExp(String.raw`\bisolation-?type\s*[:=]?\s*${Q}(selective|full)${Q}`, 'gi'), (_m, kind: string) => `${kind.toLowerCase()} isolation`)
    // "workstations (osPlatform Windows10/Windows11)": a kind glossed by its platforms reads as the kind.
    .replace(new RegExp(String.raw`\b(workstations?|servers?|laptops?|desktops?|clients?)\s*\(\s*(?:os-?platform\s*[:=]?\s*)?(${PLATFORMS})\s*\)`, 'gi'), (m: string, kind: string, list: string) => {
      const p = platformsSaid(list);
      if (!p) return m;
      const server = /^servers?$/i.test(kind);
      return p.every((x) => (x === 'Windows Server') === server) ? kind : m;
    })
    // "devices with osPlatform `macOS`", "osPlatform WindowsServer*": the devices running it.
    // ("domain controllers (osPlatform WindowsServer*)", in brackets after another kind, is left as it is said.)
    .replace(new RegExp(String.raw`(?<!\(\s*)\b(?:(devices?|machines?|hosts?|endpoints?|boxes)\s+)?(?:with|where|whose)?\s*(?:the\s+)?os-?platform\s*(?:is|=|:)?\s*(?:one\s+of\s+)?(${PLATFORMS})`, 'gi'), (m: string, noun: string | undefined, list: string) => {
      const p = platformsSaid(list);
      if (!p) return m;
      return `${noun ? `${noun} ` : ''}running ${p.join(' or ')}`;
    })
    // "Windows devices (Windows10, Windows11, WindowsServer*)": the platforms of the word before, said again.
    .replace(new RegExp(String.raw`\b(windows|mac|macos|linux)\s+(devices|machines|hosts|endpoints|boxes)\s*\(\s*(${PLATFORMS})\s*\)`, 'gi'), (m: string, os: string, noun: string, list: string) => {
      const p = platformsSaid(list);
      const family = os.toLowerCase().startsWith('mac') ? 'macOS' : os.toLowerCase() === 'linux' ? 'Linux' : 'Windows';
      if (!p || !p.every((x) => (family === 'Windows' ? /^Windows/.test(x) : x === family))) return m;
      return `${noun} running ${p.join(' or ')}`;
    })
    // "device rbacGroupName `Servers`", "rbacGroupName = 'Tier0'": the device group.
    .replace(new RegExp(String.raw`\b(?:(?:the\s+)?(devices?|machines?|hosts?)\s+)?(?:with\s+|whose\s+)?(?:machine\s+|device\s+)?rbac-?group-?name\s*(?:is|=|==|:)?\s*${Q}([A-Za-z0-9][\w .*-]{0,40}?)${Q}(?=$|[\s,.;:)]|->)`, 'gi'), (_m, noun: string | undefined, group: string) => `${noun ? `${/s$/i.test(noun) ? noun : `${noun}s`} ` : 'devices '}in the '${group}' device group`)
    // "riskScore `High`", "riskScore Medium/Low/None": the devices' risk score.
    // ("any device has riskScore High" is read as it stands.)
    .replace(new RegExp(String.raw`(^|[.;:!?,]\s*|->\s*|\n\s*|\b(?:devices?|machines?)\s+(?:with|whose)\s+)(?:machine\s+|device\s+)?risk-?score\s*(?:is|=|==|:)?\s*(${RISKS})`, 'gi'), (_m: string, lead: string, list: string) => {
      // (Levels with a gap, "Low/High", are no range: said as a list the grammar does not read, they are asked about.)
      const r = riskSaid(list);
      return `${/^\s*[a-z]/i.test(lead) ? '' : lead}devices whose risk score is ${r ?? `one of ${list.replace(/["'\u2018\u2019\u201c\u201d`]/g, '')}`}`;
    })
    // "detectionSource `EDR`", "assignedTo x@y": the fields in words (a comparison, "DetectionSource == ...", is a query's,
    // read where queries are).
    .replace(new RegExp(String.raw`\bdetection-?source\s*(?:is\s+|=\s*(?!=)|:\s*|\s)\s*${Q}(\w+)${Q}(?!\s*[:=\]])`, 'gi'), 'detection source is $1')
    .replace(/\bassigned-?to\s*[:=]?\s*(?=[\w.+-]+@)/gi, 'assigned to ');
}

/**
 * 'Alert title "X", detection source is EDR, ... -> steps': a case said as the alert's fields, one after another, reads as
 * the alerts so titled and so detected.
 */
export function fieldHeading(text: string): string {
  return text.replace(/(^|[.;!?]\s+|\n\s*)(?:the\s+)?alert\s+title\s*(?:is|=|==|:)?\s*(["\u201c'`][^"\u201c\u201d'`\n]{3,160}["\u201d'`])(\s*,\s*detection\s+source\s+is\s+\w+)?\s*,\s*/gi, (_m, lead: string, title: string, source: string | undefined) =>
    `${lead}For alerts titled ${title}${source ? ` detected by ${source.replace(/^\s*,\s*detection\s+source\s+is\s+/i, '')}` : ''}, `);
}

/**
 * "device healthStatus Active ->", "device Inactive / not reporting ->": devices by the health Defender reports for
 * their sensor, said as the field or its value before a branch's arrow.
 */
function healthWords(text: string): string {
  return text
    .replace(/\b(?:the\s+)?(?:device|machine|host|box|endpoint)(?:'s)?\s*\.?\s*health\s*(?:status|state)?\s*(?:==|=|:|is)?\s*["'`]?(active|inactive|impairedcommunication|nosensordata)\b["'`]?/gi, (_m, state: string) => `devices with health status ${HEALTH[state.toLowerCase()]}`)
    .replace(/\b(?:the\s+)?(?:device|machine|host|box|endpoint)\s+(active|inactive)(?:\s*(?:\/|or)\s*(?:not\s+reporting|offline|stale|dead))?(?=\s*(?:->|=>|\u2192))/gi, (_m, state: string) => `devices with health status ${HEALTH[state.toLowerCase()]}`);
}
const HEALTH: Record<string, string> = { active: 'Active', inactive: 'Inactive', impairedcommunication: 'ImpairedCommunication', nosensordata: 'NoSensorData' };
