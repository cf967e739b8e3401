import {
  ACTIONS, TOPICS, DESTRUCTIVE_ACTIONS, DEVICE_ACTIONS, DEVICE_KIND_RULES, SPEC_VERSION, USER_ACTIONS, describeCondition, describeStep, parseSpec,
  type ActionName, type DeviceFilter, type DeviceKind, type DeviceMatch, type Condition, type IocType, type PlaybookSpec, type PlaybookSpecInput, type ServiceSource, type Severity,
  type Step, type StepParams, type Target, type Topic, type IncidentChanges, type Determination, type IocFilter, type UserFilter, IOC_TYPES,
} from '../spec';
import { MAIL_CONTEXT, alertDataConditions } from './alertData';
import { countCondition, entityQualifiers, isException, type EntityQualifiers } from './qualifiers';
import { FILTER_FIELDS, OTHER_DEVICES_OPENER, hasFilters, isKind, mergeDraft, newDraft, residualConditions, resolveBranches, type Segment, type TriggerDraft } from './branches';
import { NEGATED_ACTION, type Clause, splitClauses, splitSentences, splitTrailingCondition, unprotect } from './segment';
import { SUPPORTED_AUTOMATIONS, type PlanContext, type PlanResult, type Understood } from './types';
import { DETERMINATION_WORDS, STORY_VERB, escapeRegExp, known } from './normalize';
import { FUNCTION_WORDS } from './vocabulary';
import { actionsRuledOutBy, reasonSpan, withoutReason } from './ledger';
import { timeWindowOf } from './timeWindow';
import { splitIsolationKinds } from './isolationKinds';

// ---------------------------------------------------------------- vocabulary

/** "It does not isolate the device", "we never block IPs": a negated action in the middle of a clause. */
const MID_NEGATION = /\b(?:not|never)\s+(?:allowed|permitted|supposed|meant)\s+to\b|\b(?:cannot|may\s+not|mustn'?t)\b|\b(?:does|do|did|will|should|must|would|shall|can)\s*(?:not|n't)\b|\b(?:doesn't|don't|dont|won't|never|shouldn't|mustn't)\b|\bno\s+(?=(?:isolat|block|quarantin|restrict|disabl|reset|revok|contain|clos|resolv|releas))|\b(?:no|none|nothing|neither|nobody)\b(?:\s+of)?[^.;,]{0,40}?\s(?:is|are|gets?|get|will\s+be|should\s+be)\s+(?:\w+\s+)?(?:isolated|blocked|quarantined|restricted|disabled|reset|revoked|contained|closed|resolved|released|scanned)\b/i;

const EMAIL = /[\w.+'-]+@[\w-]+(?:\.[\w-]+)+/g;

const DEVICE_NOUN = '(?:hosts?|machines?|devices?|endpoints?|computers?|boxes|box|laptops?|servers?|workstations?|pcs?|domain\\s+controllers?|dcs?)';
/** Extensions that make a word a file's name ("mimikatz.exe", "invoice.docm"). */
const FILE_EXTENSIONS = 'exe|dll|ps1|psm1|bat|cmd|jse?|vbs|vbe|scr|msi|hta|jar|sh|py|bin|iso|img|lnk|docm|xlsm|pptm|zip|rar|7z|sys|elf';
const DET = '(?:(?:the|that|this|these|those|each|every|all|any|affected|impacted|compromised|infected|its|their|of|the affected)\\s+)*';

interface ActionPattern {
  action: ActionName;
  re: RegExp;
  /** Matched text that must NOT count (e.g. "block sign-in" is not an indicator). */
  unless?: RegExp;
}

const ACTION_PATTERNS: ActionPattern[] = [
  { action: 'stopAndQuarantineFile', re: new RegExp(`stop[- ]and[- ]quarantine|\\bquarantine\\s+(?:it|them)\\s+on\\s+(?:the\\s+|each\\s+|every\\s+|its\\s+|their\\s+)?(?:devices?|machines?|hosts?|endpoints?|box(?:es)?)\\b|quarantine\\s+${DET}(?:malicious\\s+|suspicious\\s+|bad\\s+|detected\\s+|flagged\\s+|offending\\s+|dropped\\s+|downloaded\\s+)?(?:files?|binar(?:y|ies)|executables?|payloads?|malware|hash(?:es)?)|(?:kill|stop)\\s+(?:the\\s+)?(?:process(?:es)?|files?)\\s+and\\s+quarantine|\\bquarantine\\s+(?:the\\s+file\\s+)?[\\w-]+(?:\\.[\\w-]+)*\\.(?:${FILE_EXTENSIONS})\\b|\\bquarantine\\s+(?:the\\s+|any\\s+|all\\s+)?\\.(?:${FILE_EXTENSIONS})\\s+(?:files?|scripts?|binar(?:y|ies)|executables?)\\b`, 'i') },
  { action: 'unisolate', re: new RegExp(`\\bun-?isolate|\\brelease\\b.*\\bisolation|\\brelease\\s+${DET}${DEVICE_NOUN}|\\b(?:remove|lift|end|undo|reverse|take|bring)\\b.*\\b(?:from|out of|off)\\s+isolation|\\b(?:lift|end|undo|reverse|cancel|stop)\\s+(?:the\\s+)?(?:device\\s+|network\\s+)?isolation|\\breconnect\\s+${DET}${DEVICE_NOUN}|bring\\s+\\w+(?:\\s+\\w+)?\\s+back\\s+(?:online|on(?:to)? the network)|\\brejoin\\b.*\\bnetwork`, 'i') },
  { action: 'isolate', re: new RegExp(`\\bisolat(?:e|es|ing|ion)\\b|\\b(?:is|are|gets?|be)\\s+(?:then\\s+|automatically\\s+|immediately\\s+)?isolated\\b|\\bquarantine\\s+${DET}${DEVICE_NOUN}|\\bcut\\s+(?:it|them|\\w+\\s+${DEVICE_NOUN}|${DET}${DEVICE_NOUN})?\\s*off\\b|\\bcontain(?=\\s*$)|\\bcontain\\s+(?:(?:it|them)\\b(?!\\s+(?:files?|hash(?:es)?|the\\s+file))|(?:the|all(?:\\s+the)?)\\s+(?:others|rest)\\b|${DET}(?:[\\w-]+\\s+){0,2}?${DEVICE_NOUN}|[a-z][a-z0-9]*(?:-[a-z0-9]+)*\\d[a-z0-9-]*\\b)|\\btake\\s+(?:it|them|${DET}\\w*\\s*${DEVICE_NOUN})\\s+off(?:\\s+of)?\\s+the\\s+network|\\bdisconnect\\s+${DET}${DEVICE_NOUN}|\\bnetwork[- ]isolate|\\bkick\\s+(?:it|them|${DET}${DEVICE_NOUN})\\s+off\\s+the\\s+network`, 'i'), unless: /\b(?:un-?isolate|release|reconnect|lift|remove|undo|end|reverse)\b.*\bisolation\b|\bun-?isolate/i },
  // "raised by Microsoft Defender Antivirus" names who detected, not a scan to run.
  { action: 'runAntiVirusScan', re: /\b(?:scan(?:s|ning)?|av[- ]scan|(?<!\b(?:defender|by|from|via|microsoft)\s+)anti-?virus(?!\s+(?:alerts?|detections?|engines?|sources?)\b)|anti-?malware|virus scan)\b|\b(?:run|kick\s+off|start|launch|trigger|perform)\s+(?:a\s+|an\s+)?(?:microsoft\s+)?defender\s+anti-?virus\b/i, unless: /\bscan results\b/i },
  { action: 'collectInvestigationPackage', re: /\b(?:collect|gather|grab|pull|get|capture|take)\s+(?:an?\s+|the\s+)?(?:investigation\s+|forensics?\s+)?(?:package|pkg|bundle)s?\b|\b(?:investigation|forensic|forensics|triage|evidence|diagnostic)\s+(?:package|bundle|collection|data)|\b(?:collect|gather|grab|pull|get|capture)\s+(?:the\s+|some\s+|an?\s+)?(?:forensics?|evidence|triage data)\b/i },
  { action: 'unrestrictCodeExecution', re: /\bunrestrict|\b(?:remov(?:e|es|ing)|lift(?:s|ing)?|undo(?:es|ing)?|drop(?:s|ping)?|releas(?:e|es|ing)|end(?:s|ing)?|clear(?:s|ing)?|revert(?:s|ing)?|cancel(?:s|s?ing)?)\s+(?:the\s+|any\s+|all\s+|its\s+|their\s+|every\s+)?(?:app(?:lication)?s?|code|programs?)?\s*(?:execution\s+)?restrictions?\b/i },
  { action: 'restrictCodeExecution', re: /\brestrict(?:s|ed|ing)?\s+(?:the\s+)?(?:app(?:lication)?s?|code|programs?|execution)(?:\s+execution)?|\b(?:app(?:lication)?|code)\s+(?:execution\s+)?restriction|\b(?:allow|run)\s+only\s+microsoft[- ]signed|\block\s+down\s+(?:the\s+)?(?:apps|applications|execution)/i, unless: /\b(?:remove|lift|undo|drop|release|end)\s+(?:the\s+)?(?:app(?:lication)?|code)?\s*(?:execution\s+)?restriction|unrestrict/i },
  { action: 'disableUser', re: /\b(?:disable|suspend|deactivate|block)\s+(?:it|them|the\s+account)\s+in\s+(?:aad|azure\s+ad|entra(?:\s+id)?|active\s+directory|ad|azure\s+active\s+directory)\b|\bdisable\s+(?:the\s+)?(?:mailbox\s+)?owner(?:'s|s'?)?(?:\s+(?:user\s+)?accounts?)?\b|\bdisable\s+(?:the\s+|their\s+|his\s+|her\s+|that\s+|affected\s+|any\s+|each\s+|every\s+|all\s+)?(?:(?:compromised|affected|impacted|involved|suspicious|risky|targeted|source|related|victim'?s?)\s+|(?:(?!(?:the|it|them|isolation|scan|indicator)\b)[\w*.-]+\s+){1,2}(?=(?:user\s+)?accounts?\b|users\b))?(?:user'?s?\s+|users'\s+)?(?:accounts?|users?|logins?|sign-?ins?|identit(?:y|ies)|them|him|her)\b|\bblock\s+(?:the\s+|their\s+)?(?:user'?s?\s+)?(?:sign-?ins?|log-?ins?|logons?|accounts?)\b|\b(?:lock|suspend|deactivate)\s+(?:out\s+)?(?:the\s+|their\s+)?(?:user'?s?\s+)?(?:accounts?|users?)\b|\b(?:disable|suspend|deactivate)\s+(?:anyone|anybody|any\s+(?:user|account)s?)\b/i },
  { action: 'revokeSessions', re: /\brevoke\s+(?:all\s+(?:of\s+)?)?(?:the\s+|their\s+|his\s+|her\s+|its\s+|any\s+)?(?:(?:affected|compromised|impacted|involved|targeted|risky|suspicious)\s+)?(?:(?:mailbox|device|account|entra(?:\s+id)?|azure\s+ad|aad)\s+)?(?:(?:user|users|recipient|recipients|sender|senders|account|accounts|owner|owners|victim|victims|target|targets)'?s?\s+)?(?:active\s+|sign-?in\s+|refresh\s+|current\s+)?(?:sessions?|tokens?|sign-?ins|log-?ins)|\bsign\s+(?:them|the\s+users?|him|her|the\s+account)\s+out\b|\bsign[- ]out\s+(?:everywhere|of all)|\b(?:kill|terminate|invalidate|end)\s+(?:all\s+|their\s+|the\s+|his\s+|her\s+)?(?:user'?s?\s+)?(?:active\s+)?(?:sessions?|tokens?)|\bforce\s+(?:a\s+)?(?:sign-?out|log-?out|re-?authentication|reauth)/i },
  { action: 'resetPassword', re: /\breset(?:ting|s)?\s+(?:the\s+|their\s+|his\s+|her\s+|its\s+|each\s+|every\s+)?(?:[\w'-]+\s+){0,2}?(?:(?:user|users|recipient|sender|account|owner|victim|target|person|employee|identity)'?s?\s+)?passwords?|\bforce\s+(?:a\s+)?password\s+(?:change|reset)|\breset\s+(?:anyone|anybody|any\s+(?:user|account)s?)\b|\bpassword\s+reset|\brotate\s+(?:their\s+|the\s+)?(?:user'?s?\s+)?passwords?/i },
  { action: 'confirmCompromised', re: /\b(?:confirm|mark|flag|set)(?:s|ed)?\s+(?:the\s+|that\s+|this\s+|their\s+|each\s+|every\s+|all\s+|any\s+)?(?:(?:involved|affected|impacted|risky|targeted|compromised)\s+)?(?:users?|accounts?|them|him|her|identity)?\s*(?:as\s+)?compromised|\bconfirm\s+(?:the\s+|all\s+|any\s+)?(?:users?|accounts?|identities)\s+(?:[\w'-]+\s+){1,8}?(?:as\s+)?compromised\b|\bconfirm\s+(?:the\s+)?compromise/i },
  { action: 'dismissRiskyUser', re: /\bdismiss\s+(?:the\s+|their\s+)?(?:user'?s?\s+)?risk|\bdismiss\s+(?:the\s+)?risky\s+users?|\bclear\s+(?:the\s+|their\s+)?(?:user'?s?\s+)?risk|\b(?:mark|set)\s+(?:the\s+)?users?\s+(?:as\s+)?safe/i },
  { action: 'createIndicator', re: /^(?:just\s+|only\s+)?(?:an?\s+)?(?:alert[- ]only|audit[- ]only|warn[- ]only|alert|audit|warn)\s+(?:indicators?|iocs?)\b|\bmake\s+(?:it|them)\s+(?:an?\s+)?(?:alert[- ]only|audit|warn(?:ing)?|block)\s+(?:indicator|ioc)s?\b|\b(?:block(?:s|ed|ing)?|blacklist|black-list|blocklist|denylist|deny-list|ban)\b|\badd(?:s|ed|ing)?\s+(?:the\s+|each\s+|every\s+|all\s+)?(?:[\w-]+\s+){0,8}?to\s+(?:the\s+)?(?:microsoft\s+)?(?:defender(?:\s+for\s+endpoint)?\s+|mde\s+|tenant\s+)?(?:custom\s+)?(?:indicators?|iocs?|block\s?-?lists?)\b|\badd\s+(?:it|them|this|that|\w+(?:\s+[^\s.;,]+){0,18}?)?\s*(?:to|as|into)\s+(?:the\s+|a\s+|an\s+)?(?:defender(?:\s+for\s+endpoint)?\s+|mde\s+|custom\s+|our\s+)?(?:(?:block(?:\s?and\s?remediate)?|blockandremediate|alert[- ]only|alert(?:\s?and\s?block)?|alertandblock|warn|audit)\s+)?(?:(?:file\s+hash|hash|file|ip(?:\s+address)?|url|domain(?:\s*name)?)\s+)?(?:indicators?|iocs?|block\s?list|deny\s?list|blacklist)|\b(?:create|submit|add|raise|push)\s+(?:an?\s+|the\s+)?(?:custom\s+|new\s+)?(?:(?:block(?:\s?and\s?remediate)?|blockandremediate|alert[- ]only|alert(?:\s?and\s?block)?|alertandblock|warn|audit)\s+)?(?:(?:file\s+hash|hash|file|ip(?:\s+address)?|url|domain(?:\s+name)?)\s+)?(?:indicators?|iocs?)\b|\b(?:submit(?:s|ted)?|push(?:es|ed)?|send(?:s)?|upload(?:s|ed)?)\s+[^.;]{0,80}?\s(?:as|to|into)\s+(?:the\s+|an?\s+)?(?:custom\s+|defender\s+|mde\s+)?(?:block(?:ing)?\s+)?(?:indicators?|block\s?list|deny\s?list)\b/i, unless: /\bblock\s+(?:the\s+|their\s+)?(?:user'?s?\s+)?(?:sign-?ins?|log-?ins?|logons?|accounts?)\b|\bblock\s+(?:the\s+)?(?:sender|senders|email address)(?!'?s?\s+domains?)/i },
  { action: 'sendMail', re: /\b(?:send|forward|share|report|mail)\b[^@]*?\bto\b(?:\s+(?:the|our|a)?\s*[\w-]+){0,3}?\s+[\w.+'-]+@[\w-]+(?:\.[\w-]+)+|(?<!\b(?:our|the|an?|your|their|his|her|its|phish\w*|spam|suspicious|malicious|reported|junk|incoming|inbound|original|any|each|every|this|same)\s+)\b(?:e-?mail|mail)\b(?=\s+(?:the|them|it|him|her|a|an|to|our|my|soc|security|ir|on-?call|that|those|this|these|each|every|affected|users?|recipients?|[\w.+'-]+@)\b)|\bsend\s+(?:an?\s+|the\s+)?(?:e-?mail|mail|summary\s+by\s+e-?mail)|\b(?:by|via|over|through)\s+(?:e-?mail|mail)\b|\b(?:notify|inform|tell|message|ping|contact|cc|warn|alert(?=\s+(?:me|us|them|him|her|the\s+(?:soc|team|on-?call)|[\w.+'-]+@)))\b[^@]*?[\w.+'-]+@[\w-]+(?:\.[\w-]+)+/i },
  { action: 'teamsMessage', re: /^\s*(?:ms\s+|microsoft\s+)?teams(?:\s+(?:only|too|msg|message|ping|post))?\s*$|^\s*(?:the\s+)?(?:soc\s+)?channel(?:\s+only)?\s*$|\b(?:teams|channel|soc)\b[^.]*?\breceives?\s+(?:a\s+|an\s+)?(?:notification|message|post|summary|alert|update|card)\b|\b(?:are|is|get|gets|be)\s+(?:only\s+|just\s+)?(?:reported|posted|sent|shared|forwarded|announced)\s+(?:only\s+)?(?:to|in|into)\b[^.]*?\b(?:teams|channel|chat)\b|\b(?:post|send|share|notify|tell|ping|drop|put|write|message|report|update|summari[sz]e)\b[^.]*?\b(?:here|this\s+(?:channel|chat|thread)|in\s+(?:the\s+)?chat)\b|\bnotify\s+(?:me|us)\b|\b(?:post|send|share|notify|alert|message|ping|tell|inform|drop|publish|announce|put|write|warn|report|summari[sz]e)\b[^.]*?\b(?:teams|channel|chat|soc\s+channel|the\s+soc|the\s+team|war\s?room|analysts|on-?call)\b|\b(?:teams|channel)\s+(?:message|notification|post|card|alert)|\bpost\s+(?:a\s+|the\s+)?(?:summary|details|it|them|an?\s+update|a\s+card|the\s+incident)/i, unless: /\b(?:by|via|over)\s+(?:e-?mail|mail)\b/i },
];

/** Incident-update intents, all merged into one PATCH by the playbook. */
/** "assign the incident to the identity team (identity-team@contoso.com)": the address names the assignee. */
// ("give them a heads up not to click anything": a word to someone, not a handover.)
const HANDOVER = String.raw`\b(?:assign|route|hand|give|escalate|reassign)(?:ed|s)?\b(?!\s+(?:[\w'-]+\s+){0,3}?(?:a|an)\s+(?:heads[- ]?up|call|warning|shout|ring|nudge|reminder|tip|chance|try)\b)`;
const ASSIGN_TO_ADDRESS = new RegExp(String.raw`${HANDOVER}[^.;]*?\bto\b[^.;@]*?([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)`, 'i');
const ASSIGN = new RegExp(String.raw`${HANDOVER}(?:[^@]*?)\bto\s+([\w.+'-]+@[\w-]+(?:\.[\w-]+)+|tier\s?\d|me|(?!(?:the|a|an|our|them|it|someone|somebody|anyone|anybody|nobody|noone|everyone|everybody)\b)[A-Za-z][\w.-]*)\b`, 'i');
/** Defender XDR's determinations, as analysts write them ("determination: multi-staged attack"). */
const DETERMINATION = new RegExp(`(?:\\bdetermination\\s*(?:is\\s+|of\\s+|=\\s*|:\\s*|as\\s+|to\\s+)?|\\b(?:true[- ]positive|tp|false[- ]positive|fp|benign(?:\\s+positive)?)\\s*[-–:,(/]\\s*)(?:an?\\s+)?["'\u2018\u201c]?(${DETERMINATION_WORDS})\\b|\\b(?:the|an?)\\s+["'\u2018\u201c]?(${DETERMINATION_WORDS})["'\u2019\u201d]?\\s+determination\\b`, 'i');

function determinationOf(words: string): Determination {
  const key = words.toLowerCase().replace(/[^a-z]/g, '');
  const table: Record<string, Determination> = {
    apt: 'Apt', malware: 'Malware', phishing: 'Phishing', unwantedsoftware: 'UnwantedSoftware', multistagedattack: 'MultiStagedAttack',
    multistageattack: 'MultiStagedAttack', compromisedaccount: 'CompromisedAccount', malicioususeractivity: 'MaliciousUserActivity',
    securitytesting: 'SecurityTesting', securitypersonnel: 'SecurityPersonnel', lineofbusinessapp: 'LineOfBusinessApplication',
    lineofbusinessapplication: 'LineOfBusinessApplication', confirmeduseractivity: 'ConfirmedUserActivity', notmalicious: 'NotMalicious',
    notenoughdata: 'NotEnoughDataToValidate', notenoughdatatovalidate: 'NotEnoughDataToValidate', other: 'Other',
  };
  return table[key] ?? 'Other';
}

/** Which determinations the incident API accepts with each classification. */
const DETERMINATIONS_OF: Record<NonNullable<IncidentChanges['classification']>, Determination[]> = {
  TruePositive: ['MultiStagedAttack', 'MaliciousUserActivity', 'CompromisedAccount', 'Malware', 'Phishing', 'UnwantedSoftware', 'Apt', 'Other'],
  InformationalExpectedActivity: ['SecurityTesting', 'LineOfBusinessApplication', 'ConfirmedUserActivity', 'SecurityPersonnel', 'Other'],
  FalsePositive: ['NotMalicious', 'NotEnoughDataToValidate', 'Other'],
  Unknown: ['NotAvailable', 'Other'],
};

const MARK_STATUS = /\b(?:mark|set|move|change|put|flip|update)\b[^.]*?\b(in[- ]?progress|active|resolved|closed)\b|\bstatus\s+(?:to|=|as)\s+(in[- ]?progress|active|resolved|closed)\b/i;
const CLOSE = /(?<!\b(?:been|is|was|are|were|be|gets?|got|has|have|had)\s+)\b(?:close|resolve|auto-?close|auto-?resolve)(?:s|d)?\b(?!\s+(?:the\s+)?(?:process|session|tab|ticket))/i;
const TAG = /\b(?:tag|label)(?:s|ged|ging)?\b|\badd\s+(?:the\s+|a\s+)?(?:tag|label)/i;
const COMMENT = /\b(?:comment|note|annotate|annotation)s?\b(?!\s+(?:in|to|into|on)\s+(?:the\s+|our\s+|this\s+)?(?:soc\s+)?(?:channel|teams|chat|thread))|\bwrite\s+(?:back\s+)?(?:\w+\s+){0,4}(?:to|on|into)\s+the\s+incident|\badd\s+(?:the\s+)?(?:results?|findings|verdicts?|details)\s+(?:to|on)\s+the\s+incident/i;
const SEVERITY_CHANGE = /\b(?:set|change|raise|(?<!\bof\s+)lower(?!\s+severit(?:y|ies)\s+(?:are|is|get|incidents?|alerts?|ones))|bump|increase|decrease|update|downgrade|upgrade|elevate)\b(?!\s+severit(?:y|ies)\s+(?:are|is|get|incidents?|alerts?|ones))[^.]*?\bseverity\b(?!\s+(?:incidents?|alerts?|ones|cases)\b)|\bescalate\s+(?:the\s+|its\s+|their\s+)?severity\b|\bseverity\s+to\s+(?:critical|high|medium|low|informational|info|sev\s?\d|p\d)\b/i;

const UNSUPPORTED: Array<{ re: RegExp; why: string }> = [
  { re: /\bservice\s?now\b/i, why: 'ServiceNow is not an integration Rampart has' },
  { re: /\bjira\b/i, why: 'Jira is not an integration Rampart has' },
  { re: /\bslack\b/i, why: 'Slack is not an integration Rampart has (it posts to Microsoft Teams)' },
  { re: /\bpager\s?duty\b|\bopsgenie\b|\bpage\s+(?:the|someone|on-?call)/i, why: 'paging services are not an integration Rampart has' },
  { re: /\bsplunk\b|\bqradar\b|\bzendesk\b|\bremedy\b|\bwebex\b|\bdiscord\b|\bwhatsapp\b/i, why: 'that product is not an integration Rampart has' },
  { re: /\bsms\b|\btext\s+message\b|\bphone\b|\bcall\s+(?:the|me|him|her|them)\b/i, why: 'SMS and phone calls are not supported' },
  // (A ticket asked for: "open a ticket", "log it as a ticket", "a ticket in ServiceNow"; not one a story names, "Ticket
  // INC0048812 - the user called", "we keep getting tickets from finance".)
  { re: /\b(?:open|opens|opening|create|creates|creating|raise|raises|raising|log|logs|logging|file|files|filing|cut|submit|send|make|generate|update|updates|attach|add|put)\b(?:\s+[\w'-]+){0,3}?\s+tickets?\b|\b(?:as|into|in|to)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?tickets?\b(?!\s+(?:from|about|says?|said|was|were|is|are|number|no\.?|#|[A-Z]*\d))|\btickets?\s+(?:in|into|on|to)\s+(?:the\s+)?(?:servicenow|itsm|jira|helpdesk|queue|system|tool)\b|\b(?:just|only)\s+(?:an?\s+|the\s+)?tickets?\b/i, why: 'opening tickets in an ITSM tool is not supported' },
  { re: /\b(?:delete|purge|remove|soft-?delete|hard-?delete)\s+(?:the\s+|all\s+|that\s+)?(?:e-?mails?|messages?|mail)\b/i, why: 'deleting email messages (Office 365 remediation) is not supported' },
  { re: /\bblock\s+(?:the\s+)?(?:sender|senders|email address)(?!'?s?\s+domains?)/i, why: 'blocking an email sender (Tenant Allow/Block List) is not supported' },
  // (Not what another team will do or what cannot be done: "helpdesk will reimage if needed", "we cant reimage easily".)
  { re: /(?<!\b(?:can'?t|cant|cannot|can\s+not|not|won'?t|wont|will|would|'ll|might|may|could|to)\s+(?:\w+\s+)?)\b(?:wipe|re-?image|shut\s?down|reboot|restart|power\s+off)\b/i, why: 'wiping, re-imaging or rebooting a device is not supported' },
  { re: /\blive\s+response\b|\brun\s+(?:a\s+|the\s+)?(?:script|command|powershell)/i, why: 'live response scripts are not supported' },
  { re: /\boffboard\b/i, why: 'offboarding a device is not supported' },
  // "add the user to grp CA-Block-Legacy so the CA policy kicks in": a change of Entra ID group membership.
  { re: /\badd\s+(?:the\s+|that\s+|their\s+|each\s+)?(?:users?|accounts?|accts?|them|him|her|recipients?)\s+(?:to|into)\s+(?:the\s+|a\s+)?(?:(?:group|grp)\b|["'\u2018\u201c]?[\w-]+["'\u2019\u201d]?\s+(?:group|grp)\b)/i, why: 'adding a user to a group (an Entra ID membership change) is not supported' },
];

/** "identity incidents" (not "Defender for Identity alerts"): either identity product's. */
const IDENTITY_EVENTS = /(?<!\bdefender\s+for\s)\bidentity\s+(?=(?:incidents?|alerts?|detections?|threats?|attacks?)\b)/i;

const SOURCES: Array<{ re: RegExp; source: ServiceSource | null; label: string }> = [
  { re: /\b(?:microsoft\s+)?defender\s+for\s+endpoints?\b|\bmde\b|\bmdatp\b|\bdefender\s+atp\b|\bmicrosoftdefenderatp\b|\bmicrosoftdefenderforendpoint\b|\bendpoint\s+(?:detection|protection|alerts?)\b/i, source: 'MicrosoftDefenderForEndpoint', label: 'Defender for Endpoint' },
  { re: /\b(?:microsoft\s+)?defender\s+for\s+office(?:\s*365)?\b|\bmdo\b|\b(?:e-?mail|mail)\s+(?=(?:incidents?|alerts?|threats?|detections?)\b)|\boffice\s*(?:365\s+)?atp\b|\b(?:from|by|in)\s+(?:microsoft\s+)?(?:office|o)\s*365\b(?!\s+(?:accounts?|licen[cs]es?|mailbox(?:es)?|tenants?|admins?|users?|groups?|apps?))|\bofficeatp\b|\bmicrosoftdefenderforoffice365\b|\bo365\s+atp\b/i, source: 'MicrosoftDefenderForOffice365', label: 'Defender for Office 365' },
  { re: /\b(?:microsoft\s+)?defender\s+for\s+identity\b|\bmdi\b|\bazure\s*atp\b|\bmicrosoftdefenderforidentity\b/i, source: 'MicrosoftDefenderForIdentity', label: 'Defender for Identity' },
  // "identity incidents": either identity product's (Defender for Identity, Entra ID Protection).
  { re: IDENTITY_EVENTS, source: 'MicrosoftDefenderForIdentity', label: 'Defender for Identity' },
  { re: IDENTITY_EVENTS, source: 'AzureAdIdentityProtection', label: 'Entra ID (Azure AD) Identity Protection' },
  { re: /\b(?:microsoft\s+)?defender\s+(?:for\s+)?cloud\s+apps\b|\bmcas\b|\bmdca\b|\bmda\b|\bcloud\s+app\s+security\b|(?<!\bdefender\s+for\s+)\bcloud\s+apps\b|\bmicrosoftcloudappsecurity\b|\bmicrosoftdefenderforcloudapps\b/i, source: 'MicrosoftCloudAppSecurity', label: 'Defender for Cloud Apps' },
  { re: /\b(?:azure\s+ad\s+|entra(?:\s+id)?\s+|aad\s+)?identity\s+protection\b|\baadip\b|\b(?:aad|entra(?:\s+id)?)[- ]ip\b(?!\s+address)|\bentra\s+id\s+protection\b|\bazureadidentityprotection\b|\brisky\s+sign-?ins?\b|\brisky[- ]users?\b(?=\s+(?:incidents?|alerts?|detections?|events?|cases?)\b)/i, source: 'AzureAdIdentityProtection', label: 'Entra ID (Azure AD) Identity Protection' },
  { re: /\b(?:microsoft\s+)?defender\s+for\s+cloud\b(?!\s+apps)|\bazure\s+security\s+center\b|\bmicrosoftdefenderforcloud\b/i, source: 'MicrosoftDefenderForCloud', label: 'Defender for Cloud' },
  { re: /\b(?:microsoft\s+|azure\s+)?sentinel\b|\bmicrosoftsentinel\b/i, source: 'MicrosoftSentinel', label: 'Microsoft Sentinel' },
];

/** Attack techniques: the words Defender's alert titles use for them. */
const TECHNIQUES: Array<{ re: RegExp; keywords: string[] }> = [
  // "if its a mimikatz detection": that tool, named in the alert's title, not every credential-theft alert.
  { re: /\bmimikatz\b(?!\.exe)/i, keywords: ['mimikatz'] },
  // Other tools Defender names in its alert titles ("'Rubeus' hacktool was detected", "Suspicious PsExec execution").
  { re: /\brubeus\b(?!\.exe)/i, keywords: ['rubeus'] },
  { re: /\b(?:bloodhound|sharphound)\b(?!\.exe)/i, keywords: ['bloodhound', 'sharphound'] },
  { re: /\blazagne\b(?!\.exe)/i, keywords: ['lazagne'] },
  { re: /\bimpacket\b/i, keywords: ['impacket'] },
  { re: /\bnanodump\b(?!\.exe)/i, keywords: ['nanodump'] },
  { re: /\b(?:safety|sharp)katz\b(?!\.exe)/i, keywords: ['safetykatz', 'sharpkatz'] },
  { re: /\badfind\b(?!\.exe)/i, keywords: ['adfind'] },
  { re: /\b(?:over)?pass-the-hash\b|\bpth\b/i, keywords: ['pass-the-hash', 'pass the hash', 'overpass-the-hash'] },
  // "a user clicks a malicious link", "URL click alerts": Defender for Office 365 names these "...URL click...".
  { re: /\b(?:url|link)\s+clicks?\b|\bclick(?:s|ed)?\s+(?:on\s+)?(?:a|the|an)\s+(?:(?:bad|malicious|phishing|phishy|suspicious|weaponi[sz]ed)\s+)?(?:link|url)\b/i, keywords: ['click'] },
  { re: /\bweb[\s-]?shells?\b/i, keywords: ['web shell', 'webshell'] },
  { re: /\breverse[\s-]?shells?\b/i, keywords: ['reverse shell'] },
  { re: /\bpass-the-ticket\b|\bptt\b/i, keywords: ['pass-the-ticket', 'pass the ticket'] },
  { re: /\bgolden-ticket\b/i, keywords: ['golden ticket'] },
  { re: /\bkerberoast(?:ing)?\b/i, keywords: ['kerberoast', 'kerberos spn'] },
  { re: /\bdcsync\b/i, keywords: ['dcsync', 'directory services replication'] },
  { re: /\bbrute-force\b/i, keywords: ['brute-force', 'brute force'] },
  { re: /\bpassword-spray(?:ing)?\b/i, keywords: ['password spray'] },
  // Detections Entra ID Protection, Defender for Cloud Apps and Defender for Office 365 name this way.
  { re: /\btor(?:\s+exit)?(?:\s+nodes?)?\b(?:\s*\/\s*|\s+or\s+)?(?:anonymous\s+ip(?:\s+address(?:es)?)?)?|\banonymous\s+ip(?:\s+address(?:es)?)?\b|\banonymi[sz]ing\s+(?:vpns?|prox(?:y|ies))\b/i, keywords: ['anonymous IP', 'Tor IP', 'Tor exit', 'Tor network', 'tor exit node', 'anonymizing'] },
  { re: /\b(?:impossible|atypical)\s+travel\b/i, keywords: ['impossible travel', 'atypical travel'] },
  { re: /\bunfamiliar\s+sign-?ins?(?:\s+properties)?\b/i, keywords: ['unfamiliar sign-in'] },
  { re: /\bmass\s+download(?:s|ed|ing)?\b/i, keywords: ['mass download'] },
  { re: /\bmass\s+delet(?:e|es|ed|ion)\b/i, keywords: ['mass delete', 'mass deletion'] },
  { re: /\bleaked\s+credentials?\b/i, keywords: ['leaked credentials'] },
  { re: /\b(?:inbox|mail(?:box)?)\s+(?:forwarding|manipulation)(?:\s+rules?)?\b|\bforwarding\s+rules?\b|\binbox\s+rules?\b/i, keywords: ['forwarding', 'inbox rule', 'inbox manipulation'] },
  { re: /\bbec\b|\bbusiness\s+e-?mail\s+compromise\b/i, keywords: ['BEC', 'business email compromise', 'financial fraud', 'inbox forwarding'] },
];
const TOPIC_WORDS: Array<{ re: RegExp; topic: Topic }> = [
  { re: /\bransom(?:ware)?\b/i, topic: 'ransomware' },
  { re: /\b(?:with|w\/|has|have|having|got|carrying)\s+(?:a\s+|an\s+|some\s+)?(?:malware|trojans?|viruse?s?)\b|\b(?:mac|macos|linux|windows|endpoint|device|host)\s+(?:malware|trojans?)\b|\btrojans?\s+(?:alerts?|incidents?|detections?|infections?|on|hits?|from)\b|\b(?:high|medium|med|low|informational|info|sev(?:erity)?\s*\d)\s+(?:sev(?:erity)?\s+)?trojans?\b|\bmalware\s+(?:response|outbreaks?|triage)\b|\bmalware\s+(?:on|in|from)\s+(?:an?\s+|the\s+|any\s+)?(?:servers?|workstations?|devices?|machines?|hosts?|endpoints?|boxes|box|dcs?|laptops?|(?:e-?mail\s+)?attachments?|e-?mails?|mails?|messages?)\b|\bmalware\s+(?:e-?mail\s+)?attachments?\b|\bmalware\s+(?:alerts?|incidents?|detections?|category|hosts?|machines?|boxes|devices?|endpoints?|infections?|cases?|hits?|stuff|outbreaks?)\b|\b(?:critical|high|highs|medium|med|low|informational|info|sev(?:erity)?\s*\d|p\d)\s+(?:sev(?:erity)?\s+)?malware\b|\b(?:on|against)\s+(?:any\s+|all\s+)?malware\b(?!\s+(?:scans?|removal))|\bcategory\s+(?:is\s+)?malware\b|\b(?:alerts?|incidents?|detections?)\s+(?:is|are|was|were)\s+(?:a\s+|an\s+|about\s+|for\s+)?(?:malware|trojans?)\b|(?<!\bscans?\s+|\bscan\s+results?\s+)\b(?:flags?|flagged|detects?|detected|finds?|found|catch(?:es)?|caught|sees?|spots?)\s+(?:a\s+|an\s+|some\s+)?(?:malware|trojans?|viruse?s?)\b|\b(?:malware|trojans?|viruse?s?)\s+(?:is|are|was|were|gets?|got)\s+(?:detected|found|flagged|caught|seen)\b|\b(?:flags?|flagged|detects?|detected|classifie[sd]|classify|identifie[sd]|marks?|marked|caught|reports?|reported)\s+(?:it|them|the\s+(?:file|hash|binary|sample)|this|that)\s+as\s+malware\b/i, topic: 'malware' },
  { re: /\bphish(?:ing|y)?\b/i, topic: 'phishing' },
  { re: /\bcredential[- ](?:theft|dumping|access|stealing)\b|\bidentity[- ]theft\b|\blsass\s+(?:dumps?|dumping|memory\s+(?:dumps?|access))\b/i, topic: 'credentialTheft' },
  { re: /\blateral[- ]movement\b/i, topic: 'lateralMovement' },
  { re: /\bexfiltration\b|\bdata\s+theft\b/i, topic: 'exfiltration' },
  { re: /\bcommand[- ]and[- ]control\b|\bc2\b/i, topic: 'commandAndControl' },
  { re: /\bpotentially\s+unwanted(?:\s+(?:app(?:lication)?s?|programs?|software))?\b|\bpua\b|\bpup\b|\bunwanted\s+(?:software|apps?|applications?|programs?)\b|\badware\b/i, topic: 'unwantedSoftware' },
];

const SEV_WORD = '(?:critical|crit|high|medium|med|moderate|low|informational|info|sev\\s?[0-4]|p[0-4])';
const SEVERITY_OF = new RegExp(`\\bseverity\\s+(?:is\\s+|of\\s+|=\\s*|at\\s+least\\s+|>=\\s*)*(${SEV_WORD}(?:\\s*(?:or|and|,)\\s*${SEV_WORD})*)(\\s+or\\s+(?:higher|above)|\\s+and\\s+above)?`, 'i');
const SEVERITY_IS = new RegExp(`\\b(?:alerts?|incidents?)\\b[^,.]*?\\b(?:is|are|was|were|rated|marked)\\s+(${SEV_WORD}(?:\\s*(?:or|and|,)\\s*${SEV_WORD})*)(\\s+or\\s+(?:higher|above)|\\s+and\\s+above)?\\b(?![\\s-]+risk(?!y))`, 'i');
const ORDER: Severity[] = ['Informational', 'Low', 'Medium', 'High'];

// ("vendor accounts", "vendor remote access": a supplier, not a VirusTotal vendor.)
const MALICIOUS = /\b(?:malicious|flag(?:s|ged)?|known[- ]bad|bad|dangerous|harmful|convicted|detections?|engines?|vendors?(?![-\w])(?!\s+(?:accounts?|accts?|users?|identit(?:y|ies)|logins?|remote|access|engineers?|staff|support|managers?|management|contracts?|tools?|software|portal|sessions?|laptops?|devices?|machines?|boxes|hosts?|apps?|connections?|vpn|jump)\b)|positives?|hits|bad\s+reputation|ioc\s+match|matched)\b/i;
const CLEAN = /\b(?:clean|harmless|benign|undetected|safe)\b/i;
const NEGATION = /\bnone\s+of\b|\bno\s+(?:\w+\s+){0,2}(?:iocs?|files?|hash(?:es)?|ips?|urls?|domains?|links?|engines?|detections?)\b|\bnot\b|n't\b|\bwithout\b|\bnever\b/i;
const VT_CONTEXT = /\bmalicious\s+detections?\b|\b(?:virus\s?total|vt|iocs?|hash(?:es)?|files?|addresses|ips?|ip\s+address(?:es)?|urls?|links?|domains?|indicators?\s+of\s+compromise|engines?|vendors?|artifacts?|observables?|sha-?(?:1|256)|md5|reputation)\b/i;
const IOC_WORDS: Array<{ re: RegExp; type: IocType | 'all' }> = [
  { re: /\bfile\s?hash(?:es)?\b|\bhash(?:es)?\b|\bfiles?\b|\bsha-?(?:1|256)\b|\bmd5\b|\bbinar(?:y|ies)\b|\bexecutables?\b|\battachments?\b|\bpayloads?\b/i, type: 'file' },
  // "any address reported as malicious": an address with no other kind named is an IP address.
  { re: /\bips?\b|\bip\s+address(?:es)?\b|\bipv[46]\b|\bsource\s+address(?:es)?\b|(?<!\b(?:e-?mail|mail|mailbox|sender|recipient|web|mac|postal)\s+)\b(?:(?:any|an|each|every|the|that|this|its|whose)\s+)address\b(?!\s+(?:the|it|this|that|them|these|those)\b)|(?<!\b(?:e-?mail|mail|mailbox|sender|recipient|web|mac|postal)\s+)\baddresses\b/i, type: 'ip' },
  { re: /\burls?\b|\blinks?\b|\bweb\s?address(?:es)?\b/i, type: 'url' },
  { re: /\bdomains?\b|\bhostnames?\b|\bfqdns?\b/i, type: 'domain' },
  { re: /\biocs?\b|\bindicators?\s+of\s+compromise\b|\bobservables?\b|\bartifacts?\b|\bartefacts?\b|\bentit(?:y|ies)\b/i, type: 'all' },
];
const THRESHOLD: Array<{ re: RegExp; add: number }> = [
  { re: /(?:\bat\s+least|>=|\u2265|=>|\bminimum\s+of|\bmin(?:imum)?\.?|\bno\s+fewer\s+than|\ba\s+minimum\s+of)\s*(\d+)/i, add: 0 },
  { re: /(?:\bmore\s+than|\bover|\bgreater\s+than|>(?!=)|\babove)\s*(\d+)\s*(?:(?:vt|virus\s?total|av|antivirus|malicious)\s+)?(?:engines?|vendors?|detections?|avs?|av\s+engines|scanners?|positives?|hits?)?/i, add: 1 },
  { re: /\b(\d+)\s*\+\s*(?:(?:vt|virus\s?total|av|antivirus|malicious)\s+)?(?:engines?|vendors?|detections?|avs?|scanners?|positives?|hits?|times)/i, add: 0 },
  { re: /\b(?:with|has|having|gets?|shows?)\s+(\d+)\s+(?:(?:vt|virus\s?total|av|malicious)\s+)?(?:engines?|vendors?|detections?|positives?)/i, add: 0 },
  { re: /\b(\d+)\s+or\s+more\b(?!\s+(?:malicious\s+|bad\s+)?(?:files?|hash(?:es)?|iocs?|ips?|urls?|domains?|alerts?|devices?|machines?))/i, add: 0 },
  { re: /\bby\s+(\d+)\s+(?:or\s+more\s+)?(?:engines?|vendors?|avs?|scanners?)/i, add: 0 },
  // "VT has it at 15+", "3+ malicious": a bare count in a clause about VirusTotal.
  { re: /\b(\d+)\s*\+(?=\s*(?:$|[,.;)]|(?:malicious|bad|flags?|hits?)\b|(?:and|or|then|on|for|in)\b))/i, add: 0 },
];
const WORD_NUMBERS: Record<string, string> = { one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10', twenty: '20' };
/** A test that joins a severity and another fact with "and": "if it's high sev and VT says ...", "if VT flags it and the severity is high". */
const SEVERITY_AND_TEST = /\b(?:if|when)\s+(?:(?:it'?s|its|it\s+is|the\s+(?:alert|incident)\s+is|(?:the\s+)?(?:alert\s+|incident\s+)?sev(?:erity)?\s+is)\s+)?(?:a\s+)?(?:critical|high|medium|low)(?:\s+sev(?:erity)?)?(?:\s+(?:alert|incident|detection))?\s+and\s+(?!(?:critical|high|medium|low|informational)\b)|\b(?:if|when)\s+[^,;]{3,80}?\s+and\s+(?:it'?s|its|it\s+is|the\s+(?:alert\s+|incident\s+)?(?:sev(?:erity)?\s+)?is|(?:the\s+)?sev(?:erity)?\s+is)\s+(?:a\s+)?(?:critical|high|medium|low)\b/i;

// ("flags a user as high risk (high sev alert)": the level after "risk" is the alert's severity there, not a device's risk.)
const DEVICE_RISK = /(?<!\b(?:users?|accounts?|identit(?:y|ies)|people)\s+(?:\w+\s+){0,2})(?<!\b(?:tag|tags|tagged|label|labels|labell?ed)\s+(?:(?:it|them|the\s+incident|as|with)\s+)?["'\u2018\u201c]?)\b(high|medium|low)(?:\s+or\s+(?:higher|above))?[\s-]+(?:device\s+)?risk(?:\s+score|\s+level)?\b(?!\s+(?:(?:entra\s+(?:id\s+)?|azure\s+ad\s+)?identity\s+protection\s+)?(?:sign[- ]?ins?|users?|accounts?|log[- ]?ins?|identit(?:y|ies)|detections?|events?)|\s+(?:by|in|from)\s+(?:entra|azure|aad|identity))|(?<!\b(?:users?|sign-?ins?|accounts?|identit(?:y|ies))(?:'s)?\s+)\brisk(?:\s+(?:score|level))?\s+(?:of\s+|is\s+|=\s*|at\s+least\s+|above\s+)?(high|medium|low)\b(?!\s+(?:severity|sev)\b)|\b(risky)\s+(?:devices?|machines?|hosts?)\b/i;
/**
 * "if VT has the hash at 0 malicious, close it", "clean on VT": a verdict of clean, which needs a verdict. An IOC VirusTotal
 * has no record of is not clean (a new, targeted file is exactly what it has never seen), so closing or dismissing on it
 * would act on no evidence; "clean or unknown", "0 or never seen" says otherwise, and is read as said.
 */
function knownClean(words: string, saidClean: boolean, notMalicious: Condition, types: IocType[], unknownNamed: boolean): Condition {
  if (unknownNamed || !(saidClean || CLEAN.test(words)) || /\b(?:unknown|unseen|never\s+(?:been\s+)?(?:seen|saw|heard|had|came\s+across)|(?:has|have|had|did|does)(?:n'?t|\s+not)\s+(?:seen|heard|got|had|know)|not\s+(?:seen|known|flagged|in\s+(?:vt|virustotal))|no\s+(?:record|data|results?|verdict|entry|info))\b/i.test(words)) return notMalicious;
  return { all: [notMalicious, { not: { kind: 'unknownIoc', iocTypes: types } }] };
}

/** Detection sources analysts name, and the values Defender puts in an alert's detectionSource. */
const DETECTION_SOURCES: Array<{ words: string[]; values: string[] }> = [
  { words: ['edr', 'endpointdetectionandresponse', 'defenderatp', 'windowsdefenderatp'], values: ['EDR', 'WindowsDefenderAtp'] },
  { words: ['antivirus', 'defenderantivirus', 'microsoftdefenderantivirus', 'windowsdefenderav', 'windowsdefenderantivirus', 'av'], values: ['WindowsDefenderAv', 'antivirus'] },
  { words: ['smartscreen', 'windowsdefendersmartscreen'], values: ['WindowsDefenderSmartScreen', 'SmartScreen'] },
  { words: ['customdetection', 'customdetections', 'customdetectionrule', 'customdetectionrules'], values: ['CustomDetection'] },
  { words: ['customti', 'customerti', 'customthreatintelligence', 'customthreatintel', 'customerthreatintelligence', 'customindicator', 'customindicators', 'customtiindicator', 'customtiindicators', 'customerindicators'], values: ['CustomerTI', 'CustomTi'] },
  { words: ['automatedinvestigation', 'air'], values: ['AutomatedInvestigation'] },
];
/** "detected by EDR", "detection source is SmartScreen", "EDR detections". */
const DETECTION_SOURCE = /\b(?:detect(?:ed|ion)(?:\s+(?:came|comes|is|was|coming))?|raised|reported|triggered|generated|caught|flagged|found|spotted|blocked|quarantined)\s+(?:by|from|via|through)\s+(?:(?:the|an?|our|one\s+of(?:\s+the|\s+our)?)\s+)*(?:microsoft\s+)?([a-z][\w -]*?)(?=$|[,.;]|\s+(?:and|then|alerts?|incidents?|only|if|when|rather|instead|not|but|for|on|are|is|get|gets|with|should|must|will)\b)|\bdetection\s+source\s+(?:is\s+|=\s*|of\s+|:\s*)?["']?([\w -]+?)["']?(?=$|[,.;]|\s+(?:and|then|only|if|when|not|but|rather|instead|except)\b)|\b(?:(?:windows|microsoft)\s+)?(?:defender\s+)?(edr|smartscreen|custom\s*detection|automated\s*investigation|windowsdefenderav|customerti|antivirus|(?<!\d\s*\+?\s*)av)\s+(?:alerts?|detections?|hits?|(?:detection\s+)?source)\b(?!\s+(?:engines?|scan))|\b(?:(?:microsoft\s+)?defender\s+|mde\s+)?(antivirus|av|edr|smartscreen)\s+(?:catch(?:es)?|detects?|finds?|flags?|alerts?(?:\s+on)?|raises?|blocks?|reports?|sees?|picks?\s+up|quarantines?)\b(?!\s+(?:anything|something|nothing|threats?|it|them|any\s+threats?|an?\s+threat)\b)|\b(?:comes?|came|coming)\s+from\s+(?:one\s+of\s+)?(?:the\s+|our\s+)?(?:microsoft\s+)?(?:mde\s+|defender\s+(?:for\s+endpoint\s+)?|microsoft\s+defender\s+)?(antivirus|av|edr|smartscreen|custom\s+detection(?:\s+rules?)?|custom(?:er)?\s+(?:ti|threat\s+intel(?:ligence)?)(?:\s+indicators?)?)\b|\b(custom(?:er)?\s+(?:(?:ti|threat\s+intel(?:ligence)?)(?:\s+indicators?)?|indicators?))\s+(?:hits?|alerts?|detections?|matches?|fires?|fired|triggers?|triggered)\b|\b(custom\s+detections?(?:\s+rules?)?)\s+(?:fires?|fired|triggers?|triggered|hits?|raises?|goes\s+off|went\s+off|trips?|tripped|flags?|catch(?:es)?|detects?)\b|\b(?:alerts?|detections?|incidents?|ransomware|malware|phish(?:ing)?|pua|trojans?|hits?|anything|everything|stuff)\s+from\s+(?:the\s+|our\s+|own\s+|microsoft\s+|defender\s+|mde\s+)*(antivirus|edr|smartscreen|custom\s+detections?)\b/i;

/**
 * "run a scan, and if it finds anything / if AV detects malware, isolate": what the scan finds, which a playbook
 * cannot wait for. Read only after a scan step; elsewhere "AV detects malware" names the alerts.
 */
const SCAN_FINDS = /\b(?:it|the\s+scan|(?:the\s+)?(?:av|antivirus|defender)(?:\s+scan)?|the\s+results?|(?:the\s+)?scan\s+results?)\s+(?:finds?|found|detects?|detected|flags?|flagged|catch(?:es)?|caught|turns?\s+up|comes?\s+back|returns?|shows?|reports?|picks?\s+up|sees?|spots?)\b|\b(?:anything|something|malware|threats?|infections?|viruse?s?)\s+(?:is|are|was|were|gets?|got)\s+(?:found|detected)\b/i;

function afterScan(words: string, before: DraftStep[]): boolean {
  return SCAN_FINDS.test(words) && before.some((s) => s.action === 'runAntiVirusScan');
}

/** A branch that does nothing: "leave it alone", "do nothing", "ignore it". */
const NOTHING_BRANCH = /^(?:just\s+|then\s+)?(?:leave\s+(?:it|them|those|that)(?:\s+alone)?|do\s+nothing(?:\s+else)?|nothing(?:\s+else)?|ignore(?:\s+(?:it|them|those))?|skip(?:\s+(?:it|them|those))?|no\s+action|take\s+no\s+action|no-?op)$/i;

/** "incidents tagged vip", "alerts that are labelled 'exec-watch'", "with the tag prod". */
const INCIDENT_TAGGED = /(?<!\b(?:devices?|machines?|hosts?|endpoints?|boxes|box|computers?)\s+(?:in|of|on|from)\s+(?:the|this|that|an?)\s+)(?<!\b(?:devices?|machines?|hosts?|endpoints?|boxes|box|computers?)\s+(?:(?:except|but|excluding|other\s+than|not)\s+(?:for\s+)?)?)\b(?:incidents?|alerts?|cases?|tickets?|anything|everything|ones|those|stuff)\s+(?:that\s+(?:are|is|were|was)\s+|which\s+(?:are|is)\s+|is\s+|are\s+|was\s+|were\s+)?(?:not\s+)?(?:already\s+)?(?:tagged|labell?ed)\s+(?:as\s+|with\s+)?(?:the\s+)?(?:tag\s+)?(?:["'\u201c\u2018]([^"'\u201c\u201d\u2018\u2019]{1,40})["'\u201d\u2019]|([\w:.-]+))|\b(?:has|have|with|carr(?:y|ies)|without)\s+(?:the\s+|a\s+)?(?:incident\s+)?tag\s+(?:["'\u201c\u2018]([^"'\u201c\u201d\u2018\u2019]{1,40})["'\u201d\u2019]|([\w:.-]+))/i;
/** A further quoted tag after the one named: "or 'outbreak'", ", 'b'", "/ 'c'". */
const TAG_ALTERNATIVE = /^\s*(?:,\s*(?:or\s+)?|\s+or\s+|\s*\/\s*)(?:the\s+)?(?:tag\s+)?["'\u2018\u201c]([^"'\u2019\u201d]{1,40})["'\u2019\u201d]/i;
/** What may follow an unquoted tag's last word: punctuation, or a word that starts the rest of the sentence. */
const TAG_END_WORDS = "and|or|then|do|don'?t|dont|skip|ignore|but|unless|except|in|on|for|with";
/** "tagged Red Team, ...": further capitalised words of the tag, up to where it ends. */
const TAG_CAPITALS = new RegExp(`^(?:\\s+[A-Z][\\w:.-]*)+(?=\\s*(?:[,.;:)]|$)|\\s+(?:${TAG_END_WORDS})\\b)`);
/** Where a one-word tag plainly ends ("tagged drill, ...", "tagged vip because ..."). */
const TAG_ENDS = new RegExp(`^(?:\\s*(?:[,.;:)!?]|$)|\\s+(?:${TAG_END_WORDS}|when|if|is|are|was|were|from|by|at|to|as|incidents?|alerts?|ones?|please|pls|too|also|only|yet|already|just|because|since|so|right|now|asap|comes?|arrives?|lands?|shows?|pops?|appears?|gets?|hits?|fires?|has|have|where|whose|that|which)\\b)`, 'i');
/** "the user is in the Finance-Admins group", "members of the 'VIP Users' group", "in group 'Contractors'". */
const USER_IN_GROUP = /\b(?:users?|accounts?|recipients?|victims?|employees?|senders?|they|he|she|the\s+user|whose\s+user|user\s+account)(?:\s+(?:in|of|on|from)\s+(?:the|this|that|an?|each|any)\s+(?:[\w-]+\s+){0,3}?(?:incident|alert|detection)s?)?\s*(?:(?:\s+(?:who|that))?\s(?:is|are)|'s|'re|(?=\s+not\s+in\s))\s+(?:not\s+)?(?:in|a\s+member\s+of|members?\s+of|part\s+of)\s+(?:the\s+)?["']?([\w&.-]+(?:\s+[\w&.-]+){0,2})(?<!\s(?:device|machine|rbac|host|computer|endpoint))["']?\s+(?:security\s+|entra\s+(?:id\s+)?|ad\s+|aad\s+)?group\b|\bmembers?\s+of\s+(?:the\s+)?["']?([\w&.-]+(?:\s+[\w&.-]+)?)["']?\s+group\b|\b(?:is|are)\s+(?:an?\s+)?members?\s+of\s+(?:the\s+)?["“]?((?:[A-Z][\w&.-]*)(?:\s+[A-Z][\w&.-]*){0,3})["”]?|(?<!\b(?:devices?|machines?|hosts?|endpoints?|boxes|box|servers?|workstations?|laptops?|computers?|pcs?)\s+(?:(?:is|are|sits?|lives?|resides?|belongs?)\s+)?)\bin\s+(?:the\s+)?group\s+["']([^"']+)["']|\b(?:users?|accounts?|people|employees|members|anyone|staff|identities)\s+(?:in|from|of|within)\s+(?:the\s+)?["']?([\w&.-]+(?:\s+[\w&.-]+)?)["']?\s+(?:security\s+|entra\s+(?:id\s+)?|ad\s+|aad\s+)?group\b|\b(?:a\s+)?(?:members?\s+of|part\s+of)\s+(?:the\s+)?(?:(?:security\s+|entra\s+(?:id\s+)?)?group\s+)?["\u201c\u2018']([^"\u201d\u2019']{2,60})["\u201d\u2019'](?:\s+(?:security\s+|entra\s+(?:id\s+)?|ad\s+|aad\s+)?group)?|(?<!\b(?:devices?|machines?|hosts?|endpoints?|boxes|servers?|workstations?|laptops?|computers?)\s+)\bin\s+(?:the\s+)?["\u201c\u2018']([^"\u201d\u2019']{2,60})["\u201d\u2019']\s+(?:security\s+|entra\s+(?:id\s+)?|ad\s+|aad\s+)?group\b/i;
/** A narrowing said after a run of steps ("..., unless X", "..., but only if X", "..., on macOS devices only"). */
const NARROWING_AFTER_RUN = /^(?:but\s+)?(?:unless|except|only)\b|\bonly\s*$/i;
/** A further group after the one named: "or the 'B' group", "or in the B group", "or 'B'". */
const GROUP_ALTERNATIVE = /^\s*,?\s*or\s+(?:in\s+|a\s+member\s+of\s+)?(?:the\s+)?(?:["'\u2018\u201c]([^"'\u2019\u201d]{1,40})["'\u2019\u201d](?:\s+group\b)?|([\w&.-]+)\s+group\b|group\s+["'\u2018\u201c]?([\w&.-]+)["'\u2019\u201d]?)/i;

/**
 * The Entra ID group a user must be in: "member of the 'SOC' group", or a capitalised name ("member of
 * Domain Admins"). A name followed by "team", "department" and the like is no group name Rampart can trust.
 */
function groupNamed(text: string): { name: string; index: number; 0: string } | null {
  const m = USER_IN_GROUP.exec(text);
  if (!m) return null;
  if (m[3] === undefined) {
    const name = (m[1] ?? m[2] ?? m[4] ?? m[5] ?? m[6] ?? m[7]).trim();
    // "if they are NOT in that group": a group said before, not a group called "that" (left unread, so Rampart asks).
    if (/^(?:that|this|these|those|the\s+same|same|said|such|which|what|our|their|his|her|its|an?|any|some|one|either)(?:\s|$)/i.test(name)) return null;
    return { name, index: m.index, 0: m[0] };
  }
  const words = m[3].split(/\s+/);
  const cap = words.findIndex((w) => !/^[A-Z0-9]/.test(w));
  const name = (cap < 0 ? words : words.slice(0, cap)).join(' ');
  const after = text.slice(m.index + m[0].length - m[3].length + name.length).trim();
  if (!name || /^(?:team|teams|department|dept|org|organi[sz]ation|unit|staff|people|division|office|business)\b/i.test(after)) return null;
  return { name, index: m.index, 0: m[0].slice(0, m[0].length - m[3].length + name.length) };
}

const ENTITY_PRESENT = /\b(?:involves?|contains?|has|have|includes?|with|mentions?|carrying|containing|reports?|detects?|finds?)\s+(?:a|an|any|at least one)\s+(?:(?:malicious|suspicious|bad|infected|weaponi[sz]ed|dodgy)\s+)?(user|file|attachment|ip|url|process|e-?mail|mail\s+message)\b/i;
const WHERE_SEEN = /\bwhere\s+(?:it|the\s+file|that\s+file|they)\s+(?:was|were|is|are|has been)\s+(?:seen|found|detected|observed|running)|\b(?:ones|devices?|machines?|hosts?|box(?:es)?|endpoints?)\s+(?:where|that\s+(?:have|has|had|saw|ran)|with|on\s+which)\s+(?:[\w']+\s+){0,4}?(?:file|hash|binary|payload|sample)s?\b|\bon\s+(?:the\s+|each\s+|every\s+)?(?:devices?|machines?|hosts?|endpoints?)\s+(?:where|that\s+(?:saw|ran|had))/i;
const STATUS_TRIGGER = /\b(?:is|are|gets?|got|been|was|were|be|becomes?)\s+(?:marked\s+(?:as\s+)?)?(resolved|closed|in[- ]?progress|active|reopened|open|unresolved)\b(?:\s+(?:as|with)\s+(?:an?\s+|the\s+)?(?:classification\s+(?:of\s+)?)?["']?(false[- ]?positive|fp|true[- ]?positive|tp|benign(?:\s+positive)?|informational|expected\s+activity))?|\b(?:classified|marked|flagged|tagged)\s+(?:as\s+)?(?:an?\s+)?(false[- ]positive|true[- ]positive|benign(?:\s+positive)?)/i;

/**
 * Qualifiers about users, alert counts or spread that no spec field expresses. Reading past them
 * would act on every device or user of the alert, so their presence leaves destructive steps out.
 */
const UNREAD_QUALIFIERS: Array<{ re: RegExp; why: string }> = [
  // "look the domain of the URL up ... block the domain": the domain IOCs are the domains the alerts name and a mail
  // sender's domain, never a URL's host (read as "domain", the sender's domain was blocked).
  { re: /\bdomains?(?:\s+names?)?\s+(?:of|from|in|behind|inside|within)\s+(?:the\s+|each\s+|every\s+|that\s+|those\s+|its\s+|their\s+|any\s+)?(?:urls?|links?|web\s?address(?:es)?)\b|\b(?:urls?|links?)(?:'s|s')\s+domains?\b|\b(?:urls?|links?)\s*(?:\+|&|,|\/|\band\b|\bplus\b)\s*(?:also\s+)?(?:its|their)\s+domains?\b/i, why: "the domain of a URL is not supported (a domain step acts on the domains the alerts name and on a mail sender's domain)" },
  { re: /\b(?:whose|the|a|their)\s+(?:user|account|owner|person)s?\s+(?:is|are|was|were|belongs?\s+to)\s+(?!(?:an?\s+|the\s+)?["'\u201c]?[\w.]*[-_*]["'\u201d]?(?:\s|$))(?:an?\s+|the\s+|in\s+(?:the\s+)?|a\s+member\s+of\s+(?:the\s+)?)?[\w-]+(?:\s+(?:team|group|department|role|admins?|administrators?))?/i, why: 'conditions on who the user is are not supported' },
  { re: /\b(?:user|account)s?\s+(?:who\s+(?:is|are)\s+)?(?:a\s+)?(?:member|members)\s+of\b[^,.;]*/i, why: 'group membership of users is not supported' },
  { re: /\bseen\s+on\s+(?:\d+|two|three|four|five|several|multiple|many)\s+(?:devices|machines|hosts|endpoints)\b/i, why: 'how widely a file or IOC was seen is not supported' },
  // "reset the pw for the recipients, only the ones where the mail actually landed": which recipient's own copy was
  // delivered; the delivery test holds for the alert's mail as a whole, so a junked recipient would be reset too.
  { re: /\b(?:only\s+)?(?:the\s+ones|those|the\s+(?:recipients?|users?|people|persons?)|recipients?|users?)\s+(?:where|whose|who(?:se)?|that|for\s+whom)\s+(?:the\s+|their\s+)?(?:mail|e-?mail|message|copy)\s+(?:actually\s+|really\s+)?(?:landed|was\s+delivered|got\s+delivered|reached|arrived|hit|made\s+it)\b[^,.;]*/i, why: 'which recipient\'s own copy of the mail was delivered is not supported (the delivery test is for the alert\'s mail as a whole)' },
  // "isolate the laptop of whoever reported the incident": a device chosen by a person Defender's data does not name.
  { re: /\b(?:laptops?|devices?|machines?|hosts?|box(?:es)?|pcs?|computers?|workstations?|endpoints?)\s+(?:of|owned\s+by|used\s+by|belonging\s+to|that\s+belongs?\s+to)\s+(?:whoever|the\s+(?:person|user|employee|one|analyst|colleague)\s+who|the\s+(?:reporter|requester|submitter))\b[^,.;]*/i, why: 'choosing a device by the person who reported or uses it is not supported' },
  // "if the same sha1 shows up on more than one device": where one file was seen, not how many devices the incident has.
  { re: /\b(?:same|identical|one)\s+(?:sha-?\d*|sha256|sha1|md5|hash|file|binary|executable|payload|ip|url|domain)\b[^,.;]*?\b(?:on|across|in)\s+(?:more\s+than\s+(?:one|1)|(?:\d+|two|three|several|multiple|many)\s*\+?(?:\s+or\s+more)?|at\s+least\s+(?:\d+|two|three))\s+(?:devices|machines|hosts|endpoints|boxes|box|device|machine|host)\b/i, why: 'how widely a file or IOC was seen is not supported' },
  // "incidents where every alert is an EICAR test file": a test every alert must meet; a condition reads one alert of the
  // scope, so an incident with one EICAR alert and one real alert would have been closed.
  { re: /\b(?:every|each|all(?:\s+(?:the|of\s+the|its|their))?)\s+(?:single\s+)?alerts?\s+(?:in\s+(?:the|that|this|it)\s+(?:incident\s+)?)?(?:is|are|was|were|comes?\s+from|came\s+from|has|have|names?|mentions?|contains?|matches|match)\b[^,.;]*/i, why: 'a test that every alert of an incident meets (rather than one of them) is not supported' },
  // "only when the alert is still New": an alert's own status, which no condition reads (the incident's is the trigger's).
  { re: /\balerts?(?:'s\s+status)?\s+(?:is|are|was|were)\s+(?:still\s+|yet\s+)?(?:new|in\s?progress|unresolved|open|active)\b/i, why: "an alert's own status is not supported" },
];

/** Schedules ("only during weekends", "outside business hours"): no playbook step can check them. */
const SCHEDULE = /\bevery\s+(?:night|day|morning|evening|hour|week|weekday|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\b(?:nightly|daily|hourly|weekly)\b|\bat\s+\d{1,2}(?::\d\d)?\s*(?:am|pm)\b|\bon\s+a\s+schedule\b|\b(?:during|outside(?:\s+of)?|within|in)\s+(?:the\s+)?(?:business|office|working)\s+hours\b|\b(?:on|during|over)\s+(?:the\s+)?weekends?\b|\bat\s+night\b|\bovernight\b|\bafter[- ]hours\b|\bbetween\s+\d{1,2}(?::\d\d\s*|\s*(?:am|pm)\s*)(?:and|to|-)\s+\d|\bbetween\s+\d{1,2}\s+and\s+\d{1,2}\s*(?:am|pm|o'?clock|h\b)/i;

const SEVERITY_FACT = 'Severity cannot be changed through the Defender XDR incident API, so that step was left out.';


// ---------------------------------------------------------------- device qualifiers

const DC_FACT = 'Defender exposes no reliable domain-controller flag: domain controllers are matched by device name (dc01, hq-dc2), RBAC group or machine tag, and the card says so.';
const EXCLUDE_MARK = /\b(?:except(?:\s+for)?|excluding|exclude|but\s+not|but(?=\s+(?:the\s+|any\s+|our\s+)?(?:domain\s+controllers?|dcs?|servers?|workstations?|laptops?|macs?|linux\s+(?:boxes|hosts|servers))\s*$)|not\s+(?:on|for)|and\s+not|other\s+than|apart\s+from|(?:not|never|isn'?t|aren'?t)(?=\s+(?:running\s+|on\s+)?(?:the\s+|any\s+|our\s+|an?\s+|one\s+of\s+(?:the\s+|our\s+)?)?(?:(?:windows|linux|mac\s?os|macs?)\s*(?:\d+\s*)?(?:servers?\b|boxes\b|box\b|hosts?\b|machines?\b|devices?\b|endpoints?\b|clients?\b|workstations?\b|os\b|$|(?=[,;.]))|domain\s+controllers?|dcs?|servers?|workstations?|laptops?|desktops?|devices?\s+(?:in|tagged|named)|machines?\s+(?:in|tagged|named)|(?:the\s+ones|those|ones|any\s+(?:that\s+are|ones))\s+(?:in|tagged|named|labell?ed|from|with|running|on)\b))|(?:not|isn'?t|aren'?t)(?=\s+in\s+(?:the\s+)?["'\u2018\u201c]?[\w.&-]+["'\u2019\u201d]?\s+(?:device|machine)\s+group\b|\s+in\s+(?:the\s+)?(?:device|machine)\s+group\s)|unless\s+(?:it|they|the\s+(?:device|machine|host|box|endpoint)s?)\s+(?:is|are|'s)\s+(?:an?\s+|in\s+|on\s+)?)\s*/gi;
const INCLUDE_MARK = /\bonly\s+(?:for|on|to)\s+/gi;
const GENERIC_DEVICE = /^(?:the\s+|any\s+|all\s+|our\s+|those\s+|these\s+|of\s+)*(?:devices?|machines?|hosts?|endpoints?|computers?|boxes|box)$/i;
/** Words that narrow devices but that Rampart cannot check: the step is left out rather than run on every device. */
const UNKNOWN_DEVICE_QUALIFIER = /\b(?:only|if|unless|except|when|but\s+not|not)\b[^.;,]{0,30}?\b(?:an?\s+)?(?:laptops?|notebooks?|tablets?)\b|(?<![\w-])(?:laptops|notebooks|tablets)(?![\w-])|\b(?:production|prod|staging|test|dev|kiosks?|legacy|executive|vips?|shared|critical|internet[- ]facing|cloud|virtual|vms?|mobile|phones?|tablets?)\s+(?:servers?|devices?|machines?|hosts?|boxes|endpoints?|laptops?|workstations?)\b(?!\s+(?:groups?|tags?)\b)|\b(?:in|at|from)\s+(?:the\s+)?[\w-]+\s+(?:office|site|branch|region|department|dept|data\s?cent(?:er|re)|subnet|ou|building|domain(?!\s+controllers?\b))\b|\b(?:owned\s+by|belonging\s+to|used\s+by|assigned\s+to\s+(?:the\s+)?(?:ceo|cfo|executives?|vips?))\b/i;

interface DeviceQualifiers {
  include: DeviceMatch;
  exclude: DeviceMatch;
  notes: Understood[];
  unknown: string[];
  usesDc: boolean;
}

function addTo<K extends keyof DeviceMatch>(m: DeviceMatch, key: K, value: NonNullable<DeviceMatch[K]> extends Array<infer V> ? V : never): void {
  const list = ((m[key] as unknown[] | undefined) ?? []);
  if (!list.includes(value)) list.push(value);
  (m as Record<string, unknown>)[key] = list;
}

const HOST_NAMED =
  /\b(?:isolate|contain|scan|restrict|release|unisolate|(?:the\s+|a\s+)?(?:device|machine|host|box|endpoint|server|workstation|laptop|pc)(?:\s+named|\s+called)?)\s+([a-z][a-z0-9]*(?:-[a-z0-9]+)*)(?![.@\w-])/gi;
/** Words with a digit that are not host names: severities, OS versions, MITRE ids, hash and encoding names. */
const NOT_A_HOST = /^(?:sev-?\d|p\d|win(?:dows)?-?\d+|t\d{4}(?:-\d+)?|x\d+|sha-?\d+|md5|base64|ipv[46]|[om]365|office365|log4j|cve-.*|\d+[a-z]*)$/;
/** The device criteria a fragment names ("servers in the Finance group"); null when it names none Rampart knows. */
function deviceMatchIn(fragment: string): { match: DeviceMatch; phrases: string[]; above?: 'Medium' | 'High' } | null {
  const match: DeviceMatch = {};
  /** The risk level above an exact one ("a Medium risk score": devices at High are left out). */
  let exactRisk: 'Medium' | 'High' | undefined;
  const phrases: string[] = [];
  const kinds: Array<{ re: RegExp; kind: DeviceKind }> = [
    { re: /\bdomain\s+controllers?\b|\bdcs?\b/i, kind: 'domainController' },
    // "a command and control server", "the attacker's server": a remote host, not a kind of device to act on.
    { re: /(?<!\b(?:control|c2|cnc|c&c|remote|attacker'?s?|malicious|external|exchange|smtp|mail|proxy|dns|web|c2-)\s)(?<![\w-])servers?(?![\w-])(?!\s+(?:group|tag))/i, kind: 'server' },
    // A laptop is a form factor Defender does not report: "only laptops" is asked about, never read as every workstation.
    // ("Tier0-Servers", "Finance-Workstations": a group's name, not a kind.)
    { re: /(?<![\w-])workstations?(?![\w-])|(?<![\w-])desktops?(?![\w-])|\buser\s+(?:devices|machines|endpoints)\b|\bclient\s+(?:devices?|machines?|endpoints?|computers?|pcs?)\b/i, kind: 'workstation' },
  ];
  let rest = fragment;
  const group = /\b(?:in|from|of)\s+(?:the\s+)?["'“]([^"'”]{1,60})["'”](?:\s*(?:,|\/|\bor\b|\band\b)\s*(?:the\s+)?["'“][^"'”]{1,60}["'”])*\s+(?:(?:mde|defender|mdatp)\s+)?(?:device\s+|machine\s+|rbac\s+)?groups?\b|^(?:the\s+)?(?!(?:any|anything|everything|all|every|each|devices?|machines?|hosts?|boxes|endpoints?|those|these|ones?)\b)["'“]?([A-Za-z0-9][\w&.-]*(?:\s+(?!(?:in|of|from|on|at|inside|within)\b)[A-Za-z0-9][\w&.-]*)?)["'”]?\s+(?:device\s+|machine\s+|rbac\s+)group\b|\b(?:in|from|of|(?:belongs?|belonging)\s+to)\s+(?:the\s+)?(?!(?:the\s+)?(?:device|machine|rbac)\s+group\b)(?!the\b)["'“]?([A-Za-z0-9][\w&.-]*(?:\s+(?!(?:device|machine|rbac)\b)[A-Za-z0-9][\w&.-]*)?)["'”]?\s+(?:device\s+|machine\s+|rbac\s+)?group\b|\b(?:device\s+|machine\s+|rbac\s+)?group\s+["'“]([^"'”]+)["'”]|\b(?:device|machine|rbac)\s+group\s+(?:named\s+|called\s+)?((?=[\w&.-]*[A-Z0-9-])[A-Za-z0-9][\w&.-]*)/i.exec(rest);
  if (group) {
    // "in the 'Lab Rigs' or 'Build Farm' groups": each group named.
    const names = group[1] !== undefined ? [...group[0].matchAll(/["'“]([^"'”]{1,60})["'”]/g)].map((q) => q[1]) : [group[2] ?? group[3] ?? group[4] ?? group[5]];
    for (const name of names) addTo(match, 'groups', name.trim());
    phrases.push(group[0]);
    rest = rest.replace(group[0], ' ');
  }
  const tag = /(?<!\b(?:incidents?|alerts?|cases?|it|they|them)\s+(?:[\w'-]+\s+){0,10}?(?:is|are|get|gets|will\s+be|should\s+be)\s+)\b(?:tagged|labell?ed)\s+(?:as\s+|with\s+)?(?!(?:for|by|in|on|to|the|an?|and|or|if|when|because|after|before|until|so|as|at|devices?|machines?|hosts?|boxes|endpoints?|servers?|workstations?|laptops?|ones)\b)["'“]?([\w.-]+)["'”]?|\bwith\s+(?:the\s+)?(?:machine\s+|device\s+)?tag\s+["'“]?([\w.-]+)["'”]?|\b(?:with|has|having|carrying)\s+(?:the\s+|a\s+)?["'“]?([\w.-]+)["'”]?\s+(?:machine\s+|device\s+)tag\b/i.exec(rest);
  if (tag) {
    addTo(match, 'tags', (tag[1] ?? tag[2] ?? tag[3]));
    phrases.push(tag[0]);
    rest = rest.replace(tag[0], ' ');
  }
  const named = /\b(?:named|called|whose\s+(?:host\s?|device\s?|dns\s+)?names?\s+(?:start|begin)s?\s+with|(?<=\b(?:devices?|hosts?|machines?|computers?|boxes|box|endpoints?|servers?|workstations?|laptops?|pcs?)\s+)whose\s+(?:host\s?|dns\s+)?names?\s+(?:contains?|includes?)|(?:host\s?names?|device\s?names?|dns\s+names?)\s+(?:(?:start(?:s|ing)?|begin(?:s|ning)?)\s+with|contain(?:s|ing)?|includ(?:es|ing))|(?:with|having)\s+names?\s+contain(?:s|ing)?|its\s+(?:host\s?)?name\s+contains?)\s+(?!(?:in|on|by|from|as|the|an?|at|for|with|of|to|after|within|inside|under|there|here)\b)["'“]?([\w.*?-]+)["'”]?/i.exec(rest);
  if (named) {
    let pattern = named[1].toLowerCase();
    if (/start|begin/i.test(named[0]) && !pattern.endsWith('*')) pattern += '*';
    // "whose name contains -bre-": the name with anything either side.
    if (/contain|includ/i.test(named[0])) pattern = `*${pattern.replace(/^\*+|\*+$/g, '')}*`;
    // "devices whose hostnames start with ws-fin-" matches the short name and the DNS name alike.
    addTo(match, 'namePatterns', pattern);
    phrases.push(named[0]);
    // "PCs named ns-* and devices named med-*", "named ns-* or med-*": more patterns listed after the first, each a wildcard.
    const at = rest.indexOf(named[0]) + named[0].length;
    let tail = rest.slice(at);
    for (let more = MORE_PATTERNS.exec(tail); more; more = MORE_PATTERNS.exec(tail)) {
      addTo(match, 'namePatterns', more[1].toLowerCase());
      phrases.push(more[0].trim());
      tail = tail.slice(more[0].length);
    }
    rest = `${rest.slice(0, rest.indexOf(named[0]))} ${tail}`;
  }
  // "full scan on ws-* boxes": devices named by a wildcard pattern.
  const wild = /(?:^|\s)([a-z][\w.-]*\*[\w.*-]*)\s+(?:boxes|box|hosts?|machines?|devices?|endpoints?|servers?|workstations?|laptops?|computers?)\b/i.exec(rest);
  if (wild) {
    addTo(match, 'namePatterns', wild[1].toLowerCase());
    phrases.push(wild[0].trim());
    rest = rest.replace(wild[0], ' ');
  }
  // "isolate ws-mkt-033", "the host dc01": a device named by its host name (a word with a digit in it) is that device.
  for (const host of rest.matchAll(HOST_NAMED)) {
    const name = host[1].toLowerCase();
    if (!/\d/.test(name) || NOT_A_HOST.test(name)) continue;
    addTo(match, 'namePatterns', name);
    phrases.push(host[0]);
    rest = rest.replace(host[0], ' ');
    break;
  }
  // "the device the file ran on" (normalized from "where it ran", "on which the tool was seen").
  const ran = /\bthe\s+file\s+ran\s+on\b/i.exec(rest);
  if (ran) {
    match.ranThere = true;
    phrases.push(ran[0]);
    rest = rest.replace(ran[0], ' ');
  }
  // "devices whose risk score is High", "high-risk machines": a filter on each device, not a test of the incident.
  const health = /\b(?:devices?|machines?|hosts?|endpoints?|boxes|ones|those)\s+(?:whose|with\s+(?:an?\s+)?)\s*(?:(?:sensor|device|mde|defender)\s+)?health(?:\s+status|\s+state)?\s+(?:is\s+|of\s+|=\s*)?["']?(active|inactive|impaired\s?communication|no\s?sensor\s?data|no\s?sensor\s?data\s?impaired\s?communication)\b/i.exec(rest);
  if (health) {
    const h = health[1].toLowerCase().replace(/\s+/g, '');
    match.healthStatuses = [h === 'active' ? 'Active' : h === 'inactive' ? 'Inactive' : h === 'impairedcommunication' ? 'ImpairedCommunication' : 'NoSensorData'];
    phrases.push(health[0]);
    rest = rest.replace(health[0], ' ');
  }
  const risk = /\b(?:devices?|machines?|hosts?|endpoints?|boxes|ones|those)\s+(?:whose\s+|with\s+(?:an?\s+)?)(?:mde\s+|defender\s+|machine\s+)?(?:device\s+)?risk(?:\s+(?:score|level))?\s+(?:is\s+|of\s+)?(?:at\s+least\s+)?(high|medium|low)\b|\b(high|medium|low)[- ]risk\s+(?:devices?|machines?|hosts?|endpoints?|boxes)\b|\b(?:devices?|machines?|hosts?|endpoints?|boxes|ones|those|them)\s+with\s+an?\s+(high|medium|low)\s+(?:device\s+|mde\s+|defender\s+)?risk(?:\s+(?:score|level))?\b/i.exec(rest);
  if (risk) {
    const level = (risk[1] ?? risk[2] ?? risk[3]).toLowerCase();
    // "device risk is medium or lower": that level and below, so the levels above it are left out.
    const orLower = /^\s*(?:or|and)\s+(?:lower|less|below|under|down)\b/i.exec(rest.slice(risk.index + risk[0].length));
    if (!orLower) match.minRiskScore = level === 'high' ? 'High' : level === 'medium' ? 'Medium' : 'Low';
    phrases.push(orLower ? `${risk[0]}${orLower[0]}` : risk[0]);
    rest = rest.replace(orLower ? `${risk[0]}${orLower[0]}` : risk[0], ' ');
    if (orLower && level !== 'high') exactRisk = level === 'medium' ? 'High' : 'Medium';
    // "devices with a Medium risk score" is that score, not "Medium or higher" (which is said so).
    if (!orLower && level !== 'high' && !/\b(?:or\s+(?:higher|above|worse|more)|and\s+(?:up|above|higher)|at\s+least|\+)/i.test(fragment.slice(fragment.indexOf(risk[0]), fragment.indexOf(risk[0]) + risk[0].length + 20))) {
      exactRisk = level === 'medium' ? 'High' : 'Medium';
    }
  }
  // "Windows" alone names the OS only where a device or its OS is meant: "Windows hosts", "the OS is Windows",
  // "runs Windows Server" (a server whose osPlatform starts with Windows), not "Windows Defender".
  // "macs and linux boxes", "windows or linux servers": every OS of the list.
  const osPattern = /\b(linux|mac\s?os|macs?|windows\s?(?:10|11)|windows\s?servers?(?:\s+os)?(?=\s|[,;.]|$)|win\s?(?:10|11)|windows(?=\s+(?:servers?\b|boxes|box|hosts?|machines?|devices?|endpoints?|pcs?|clients?|workstations?|laptops?|desktops?|ones)\b|\s*$|\s*(?:,|and|or|&|\/)\s*(?:linux|mac\s?os|macs?)\b)|(?<=\b(?:os|platform)\s+(?:is\s+|=\s*|of\s+)?|\b(?:runs?|running|runnning|on)\s+)windows(?!\s+(?:defender|firewall|event|security\s+(?:event|log))\b))\b/gi;
  const osFound = [...rest.matchAll(osPattern)];
  const osList = osFound.filter((m, i) => i === 0 || /^\s*(?:(?:\w+\s+)?(?:boxes|box|hosts?|machines?|devices?|endpoints?|servers?|ones))?\s*(?:,|and|or|&|\/|nor)\s*(?:(?:the|all|an?|any)\s+)?$/i.test(rest.slice(osFound[i - 1].index + osFound[i - 1][0].length, m.index)));
  for (const os of osList) {
    const w = os[1].toLowerCase().replace(/\s+/g, '').replace(/^win(?=\d)/, 'windows');
    // "Windows Server" is one OS (osPlatform WindowsServer2019...), not every Windows device and every server.
    const server = /^windowsservers?(?:os)?$/.test(w);
    addTo(match, 'osPlatforms', server ? 'WindowsServer' : w === 'linux' ? 'Linux' : w.startsWith('mac') ? 'macOS' : w === 'windows10' ? 'Windows10' : w === 'windows11' ? 'Windows11' : 'Windows');
    phrases.push(os[0]);
    if (server) rest = rest.replace(os[0], ' ');
  }
  for (const { re, kind } of kinds) {
    const m = re.exec(rest);
    if (!m) continue;
    addTo(match, 'kinds', kind);
    phrases.push(m[0]);
    rest = rest.replace(m[0], ' ');
  }
  return phrases.length ? { match, phrases, ...(exactRisk ? { above: exactRisk } : {}) } : null;
}

/** After a "named X": one more wildcard pattern in the list ("and devices named med-*", "or med-*"). */
const MORE_PATTERNS = /^\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|nor)\s+)(?:(?:the\s+|any\s+)?(?:devices?|machines?|pcs?|hosts?|boxes|box|endpoints?|servers?|workstations?|laptops?|computers?)\s+)?(?:(?:named|called)\s+)?["'“]?([a-z][\w.-]*\*[\w.*-]*)["'”]?/i;

function mergeMatch(into: DeviceMatch, from: DeviceMatch): void {
  for (const [k, v] of Object.entries(from) as Array<[keyof DeviceMatch, unknown]>) {
    if (Array.isArray(v)) v.forEach((x) => addTo(into, k, x as never));
    else if (v !== undefined) (into as Record<string, unknown>)[k] = v;
  }
}

/** The device qualifiers of a clause: who to act on, who to leave alone, and what could not be mapped. */
function deviceQualifiers(clauseText: string): DeviceQualifiers {
  // Incident tags and users' groups are conditions of their own, not device criteria.
  // So are names of accounts ("accounts whose name starts with adm-"): a user filter, never a device name.
  // So is a reason given ("the ED cant lose a workstation mid shift" says why, and names no devices to act on).
  const text = (reasonSpan(clauseText)[0] > 0 ? withoutReason(clauseText) : clauseText)
    .replace(new RegExp(INCIDENT_TAGGED.source, 'gi'), ' ')
    .replace(new RegExp(USER_IN_GROUP.source, 'gi'), ' ')
    .replace(/\b(?:(?:service|svc|admin|adm|administrator|privileged|guest|external|shared|test|vip|break[- ]?glass)\s+)?(?:accounts?|users?|upns?|identit(?:y|ies)|usernames?|mailboxes|logins?)\s+(?:whose\s+(?:user\s?)?names?\s+|named\s+|called\s+|with\s+(?:a\s+)?(?:user\s?)?names?\s+|(?:user\s?)?names?\s+|that\s+)?(?:(?:start(?:s|ing)?|begin(?:s|ning)?)\s+with\s+|end(?:s|ing)?\s+(?:with|in)\s+|prefixed\s+(?:with\s+)?)?["'\u201c]?[\w.*@-]+["'\u201d]?/gi, ' ');
  const out: DeviceQualifiers = { include: {}, exclude: {}, notes: [], unknown: [], usesDc: false };
  let rest = text;
  const marks = [...text.matchAll(EXCLUDE_MARK)];
  for (const [n, m] of marks.entries()) {
    const start = m.index + m[0].length;
    const end = n + 1 < marks.length ? marks[n + 1].index : text.length;
    const fragment = text.slice(start, end).split(/[,;]|\s+(?:and|then)\s+(?=[a-z]+\s+(?:the|it|them|a|an)\b)|\s+(?:if|when|only\s+if)\s+/i)[0].trim();
    if (!fragment) continue;
    const found = deviceMatchIn(fragment);
    const whole = `${m[0]}${fragment}`.trim();
    rest = rest.replace(whole, ' ');
    // The words a criterion was read from ("the Kiosk device group") are no unknown qualifier.
    const leftover = (found?.phrases ?? []).reduce((t, p) => t.replace(p, ' '), fragment).replace(/["'“][^"'”]*["'”]/g, ' ');
    if (!found || UNKNOWN_DEVICE_QUALIFIER.test(leftover)) {
      // "except accounts starting with bg-", "except links to fabrikam.net": users or IOCs, not devices.
      if (!found && entityQualifiers(whole).notes.length > 0) continue;
      if (GENERIC_DEVICE.test(fragment) || /^(?:if|when)\b/i.test(fragment)) continue;
      // "unless it is malicious" and the like are conditions, not device qualifiers.
      if (/^unless\b/i.test(m[0]) && !found) continue;
      // ("but not laptops": a kind Defender does not report, which is asked about; it had been dropped without a word.)
      if (/^(?:but\s+not|and\s+not|not)\b/i.test(m[0].trim()) && !found && !UNKNOWN_DEVICE_QUALIFIER.test(leftover)) continue;
      out.unknown.push(whole);
      continue;
    }
    mergeMatch(out.exclude, found.match);
    out.notes.push({ phrase: whole, meaning: `leave out ${describeDevices(found.match)}` });
  }
  for (const m of rest.matchAll(INCLUDE_MARK)) {
    const fragment = rest.slice(m.index + m[0].length).split(/[,;]|\s+(?:and|then|if|when)\s+/i)[0].trim();
    if (fragment && !deviceMatchIn(fragment) && /^(?:the\s+|our\s+)?[\w-]+\s+(?:devices?|machines?|hosts?|boxes|endpoints?)\b/i.test(fragment) && !GENERIC_DEVICE.test(fragment)) {
      out.unknown.push(`${m[0]}${fragment}`.trim());
    }
  }
  const unknown = UNKNOWN_DEVICE_QUALIFIER.exec(rest.replace(/["'“][^"'”]*["'”]/g, (q) => ' '.repeat(q.length)));
  if (unknown) {
    out.unknown.push(unknown[0]);
    rest = rest.replace(unknown[0], ' ');
  }
  const found = deviceMatchIn(rest);
  // "unless that device runs Linux", "except when it is a server": the devices named after the cue are left out.
  const unlessAt = /\b(?:unless|except(?:\s+(?:when|if|for))?|other\s+than|but\s+not)\b/i.exec(rest);
  // "..., not the srv-* boxes", "never the kiosk- machines": a negation right before the devices leaves them out.
  const notAt = /(?:^\s*|\b(?:and|but|or)\s+|,\s*)(?:not|never|nor|without|minus|sans)\s+(?:(?:on|for|in|to)\s+)?(?:the\s+|any\s+|our\s+)?/i.exec(rest);
  const notBefore = notAt !== null && found !== null && found.phrases.length > 0 && !found.phrases.some((p) => /^(?:isolate|contain|scan|restrict|release|unisolate)\b/i.test(p)) && /^\s*(?:the\s+|any\s+|our\s+)?(?:(?:boxes|box|hosts?|machines?|devices?|endpoints?|servers?|workstations?|laptops?|computers?|ones)\s+)?$/i.test(rest.slice(notAt.index + notAt[0].length, Math.min(...found.phrases.map((p) => rest.indexOf(p)).filter((i) => i >= 0))));
  if (found && ((unlessAt && found.phrases.every((p) => rest.indexOf(p) > unlessAt.index)) || notBefore)) {
    mergeMatch(out.exclude, found.match);
    out.notes.push({ phrase: found.phrases.join(', '), meaning: `leave out ${describeDevices(found.match)}` });
  } else if (found && found.phrases.some((p) => saidToLeaveOut(afterPhrase(rest, p)))) {
    // "srv-* boxes are off limits", "the kiosk machines stay untouched": what is said of them after may leave them out;
    // never read as "only them".
    out.unknown.push(found.phrases.map((p) => `${p}${afterPhrase(rest, p)}`).join(', '));
  } else if (found) {
    mergeMatch(out.include, found.match);
    if (found.above) out.exclude.minRiskScore = found.above;
    out.notes.push({ phrase: found.phrases.join(', '), meaning: `only ${describeDevices(found.match)}${found.above ? ` (not ${found.above.toLowerCase()})` : ''}` });
  } else if (/\b(?:all\s+|every\s+|any\s+)?endpoints\b/i.test(rest) && !/\bdefender\s+for\s+endpoints?\b/i.test(rest)) {
    out.notes.push({ phrase: 'endpoints', meaning: 'every device (no device filter)' });
  }
  out.usesDc = Boolean(out.include.kinds?.includes('domainController') || out.exclude.kinds?.includes('domainController'));
  return out;
}

/** Words said of devices after them that may leave them out ("are off limits", "stay untouched", "excluded"). */
const SAID_OF_THEM = /\b(?:not|never|no|nor|neither|without|exclud\w*|exempt\w*|spar\w*|skip\w*|off|limits?|untouch\w*|alone|left|leave|out\s+of\s+scope|ignor\w*|avoid\w*|forbidden|banned|protected|sacred)\b/i;

/** "are off limits", "stay untouched": a predicate of the devices that may leave them out, with no step verb (a negated step has its own reading). */
function saidToLeaveOut(after: string): boolean {
  return /^\s*(?:are|is|stay|stays|remain|remains|must|should|will|shall|be|get|gets|to\s+be)\b/i.test(after) && SAID_OF_THEM.test(after) && !/\b(?:isolat|contain|quarantin|scan|collect|restrict|block|disabl|reset|revok|releas|unisolat|touch)\w*/i.test(after);
}

/** What a clause says right after a phrase, up to its next clause or condition. */
function afterPhrase(text: string, phrase: string): string {
  const at = text.indexOf(phrase);
  if (at < 0) return '';
  return text.slice(at + phrase.length).split(/[,;.]|\b(?:if|when|whenever|unless|only|and\s+then|then)\b/i)[0] ?? '';
}

function describeDevices(m: DeviceMatch): string {
  const words: Record<DeviceKind, string> = {
    server: 'servers (osPlatform contains "Server")',
    workstation: 'workstations (devices that are not servers)',
    domainController: 'domain controllers (matched by name, group or tag)',
  };
  const parts: string[] = [];
  if (m.kinds?.length) parts.push(m.kinds.map((k) => words[k]).join(' or '));
  if (m.groups?.length) parts.push(`devices in the ${m.groups.join(' or ')} group`);
  if (m.tags?.length) parts.push(`devices tagged ${m.tags.join(' or ')}`);
  if (m.namePatterns?.length) parts.push(`devices named ${m.namePatterns.join(' or ')}`);
  if (m.osPlatforms?.length) parts.push(`devices running ${m.osPlatforms.join(' or ')}`);
  if (m.minRiskScore) parts.push(`devices with a ${m.minRiskScore} risk score`);
  if (m.healthStatuses?.length) parts.push(`devices whose health status is ${m.healthStatuses.join(' or ')}`);
  if (m.ranThere) parts.push(`the device the alert's file or process was seen on`);
  return parts.join(', ');
}

function isEmptyMatch(m: DeviceMatch): boolean {
  return Object.keys(m).length === 0;
}

/** "Scope:", "Applies to:", "Devices:": the label of a sentence that says which devices the playbook is for. */
const SCOPE_LABEL = /^(?:(?:the\s+)?scope|applies\s+to|applicable\s+to|in\s+scope|limited\s+to|target(?:\s+devices?)?s?|devices?|platforms?|coverage)\s*:\s*/i;
/** What an item of such a sentence may say besides the devices themselves. */
const SCOPE_FILLER = /^(?:\s|\b(?:the|all|any|our|only|just|devices?|machines?|hosts?|endpoints?|computers?|pcs?|systems?|boxes|box|on|for|to|in|of)\b)*$/i;

/**
 * "Scope: workstations only. Not servers, not Linux.", "Windows workstations only, no servers.": a sentence of its own that
 * names only devices, which every device step of the request is limited to. An item with "not", "no", "except" leaves its
 * devices out; the others are the only devices acted on. Null when any item says anything else.
 */
function deviceScopeOf(sentence: string): { include: DeviceMatch; exclude: DeviceMatch } | null {
  let text = sentence.trim().replace(/[.!]+$/, '');
  const labelled = SCOPE_LABEL.test(text);
  text = text.replace(SCOPE_LABEL, '');
  const include: DeviceMatch = {};
  const exclude: DeviceMatch = {};
  let marked = labelled;
  for (const raw of text.split(/\s*(?:[,;]|\band\b|\bbut\b)\s*/i)) {
    let item = raw.trim();
    if (!item) continue;
    const negated = /^(?:not|no|never|except|excluding|without)\b/i.test(item);
    const only = /^(?:only|just)\b|\b(?:only)$/i.test(item);
    marked = marked || negated || only;
    item = item.replace(/^(?:not|no|never|except|excluding|without)\s+|^(?:only|just)\s+(?:on\s+|for\s+)?|\s+only$/gi, '');
    if (matchActions(item).length > 0) return null;
    const found = deviceMatchIn(item);
    if (!found || found.above) return null;
    const leftover = found.phrases.reduce((t, p) => t.replace(p, ' '), item);
    if (!SCOPE_FILLER.test(leftover)) return null;
    mergeMatch(negated ? exclude : include, found.match);
  }
  if (!marked || (isEmptyMatch(include) && isEmptyMatch(exclude))) return null;
  return { include, exclude };
}

/** Whether a device match already leaves out every device another match names ("servers" covers "servers"). */
function matchCovers(have: DeviceMatch | undefined, want: DeviceMatch): boolean {
  if (!have) return false;
  return (Object.keys(want) as Array<keyof DeviceMatch>).every((k) => {
    const w = want[k];
    const h = have[k];
    return Array.isArray(w) && Array.isArray(h) && w.every((v) => (h as unknown[]).includes(v));
  });
}

/** Adds a clause's device qualifiers to the device steps it governs. */
function applyDeviceQualifiers(steps: DraftStep[], q: DeviceQualifiers): void {
  for (const s of steps) {
    if (!DEVICE_ACTIONS.includes(s.action)) continue;
    const f: DeviceFilter = s.deviceFilter ?? {};
    if (!isEmptyMatch(q.include)) mergeMatch((f.include ??= {}), q.include);
    if (!isEmptyMatch(q.exclude)) mergeMatch((f.exclude ??= {}), q.exclude);
    if (f.include || f.exclude) s.deviceFilter = f;
  }
}

/** "on a server: mail X", "tag incidents that involve a server": steps that act on no device run only when such a device is involved. */
function gateOtherSteps(steps: DraftStep[], q: DeviceQualifiers): void {
  if (isEmptyMatch(q.include)) return;
  for (const s of steps.filter((x) => !DEVICE_ACTIONS.includes(x.action))) s.conditions.push({ kind: 'deviceIs', match: { ...q.include } });
}

/**
 * The part of a clause's device qualifiers that also governs the steps said before it in the same
 * breath: an exception always does (leaving a device out is never wider than asked); devices named
 * after a final comma ("..., only on workstations") do; devices inside the clause ("scan the servers")
 * are that step's own.
 */
function coordinatedQualifiers(clauseText: string, q: DeviceQualifiers, cond: string | null): DeviceQualifiers | null {
  const tail = /,\s*([^,]+)$/.exec(clauseText)?.[1];
  const tailQ = tail && matchActions(tail).length === 0 ? deviceQualifiers(tail) : null;
  // "isolate the device and block the hash when it's on a workstation": the devices a trailing condition names
  // govern every step said with it (the isolation had run on a server).
  const condQ = cond ? deviceQualifiers(cond) : null;
  const include = tailQ && !isEmptyMatch(tailQ.include) ? tailQ.include : condQ && !isEmptyMatch(condQ.include) ? condQ.include : {};
  // "run a quick scan on devices whose risk score is Medium": a band ("at least Medium, not High") is that step's own choice
  // of devices, not an exception for the steps before it.
  const exclude = q.include.minRiskScore && q.exclude.minRiskScore ? { ...q.exclude, minRiskScore: undefined } : q.exclude;
  if (exclude.minRiskScore === undefined) delete exclude.minRiskScore;
  if (isEmptyMatch(exclude) && isEmptyMatch(include)) return null;
  return { include, exclude, notes: [], unknown: [], usesDc: q.usesDc };
}

/** Words that open the case a step skips: "unless", "except when", "but not if", "if not". */
const UNLESS_LEAD = /^(?:unless|except\s+(?:when|if)|but\s+not\s+(?:when|if)|if\s+not)\b/i;

/**
 * The trigger facts an "unless" names (a severity, a source, a category...), as the one condition
 * under which the step is skipped; the card says "skipped when".
 */
function skippedCase(text: string, draft: TriggerDraft, notes: Understood[], facts: Set<string>, assumptions: Set<string>): { recognised: boolean; skip?: Condition } {
  const spared = newDraft();
  const before = notes.length;
  const recognised = extractTriggerFacts(text, true, spared, notes, facts, assumptions);
  for (let i = before; i < notes.length; i++) notes[i] = { ...notes[i], meaning: `skipped when: ${notes[i].meaning}` };
  mergeDraft(draft, spared, ['severityNouns', 'mentionsAlert']);
  // "unless the incident is already in progress": the state it skips is one the trigger leaves out.
  [...spared.notStatuses, ...spared.statuses].forEach((x) => draft.notStatuses.add(x));
  const negs = residualConditions(spared, newDraft());
  // "unless it has not been tagged X", "unless nobody owns it": a negation inside the case is lost by the facts read here
  // (the step would then skip the very incidents it was meant for). Such a case is asked about.
  if (negs.length && /\b(?:not|never|no|none|nobody|without)\b|n't\b/i.test(text.replace(/^\s*(?:unless|except)\b/i, ''))) {
    for (let i = before; i < notes.length; i++) notes.splice(i, 1);
    return { recognised: false };
  }
  return negs.length ? { recognised, skip: { not: negs.length === 1 ? negs[0] : { all: negs } } } : { recognised };
}

/** Words of a case that gets nothing which name a kind of test no severity, verdict or risk band is the other side of. */
const OTHER_KIND_OF_CASE = /\b(?:deliver\w*|delivery|inbox|junk\w*|quarantin\w*|blocked|recipients?|senders?|mailbox\w*|tagged|tags?|assigned|owner|group|members?)\b/i;

/** Conditions about the whole incident (not one IOC, device or user of it): what a case that gets nothing may leave out of every step. */
function incidentLevel(c: Condition): boolean {
  if ('not' in c) return incidentLevel(c.not);
  if ('all' in c) return c.all.every(incidentLevel);
  if ('any' in c) return c.any.every(incidentLevel);
  return ['assignment', 'incidentTag', 'timeWindow', 'severity', 'serviceSource', 'category', 'detectionSource', 'titleContains', 'mitreTechnique', 'threatFamily'].includes(c.kind);
}

/** Whether a list of conditions holds this one already (same structure). */
function holds(list: Condition[], c: Condition): boolean {
  const key = JSON.stringify(c);
  return list.some((d) => JSON.stringify(d) === key);
}

/**
 * Whether a step's conditions already rule out a case: the same kind of fact with none of its values ("severity High"
 * against "severity Low", "delivered" against "junked"), or a band whose upper bound the step already reaches ("3 to 10
 * engines" against "11 or more").
 */
function rulesOut(list: Condition[], c: Condition): boolean {
  const key = (x: Condition): string => JSON.stringify(x);
  if ('all' in c) return c.all.some((part) => 'not' in part && list.some((d) => key(d) === key(part.not))) || c.all.some((part) => rulesOut(list, part));
  if (!('kind' in c)) return false;
  const values = (x: Condition): string[] | undefined => {
    if (!('kind' in x) || x.kind !== c.kind) return undefined;
    if (x.kind === 'severity' && c.kind === 'severity') return x.severities;
    if (x.kind === 'mailDelivery' && c.kind === 'mailDelivery') return x.actions;
    // (Unassigned rules out assigned to anyone; assigned to one person rules out nobody, not someone else.)
    if (x.kind === 'assignment' && c.kind === 'assignment' && x.to === undefined && c.to === undefined) return [String(x.assigned)];
    return undefined;
  };
  const mine = values(c);
  return mine !== undefined && list.some((d) => {
    const theirs = values(d);
    return theirs !== undefined && theirs.every((v) => !mine.includes(v));
  });
}

/** Adds the conditions a list does not hold yet. */
function pushNew(list: Condition[], more: Condition[]): void {
  for (const c of more) if (!holds(list, c)) list.push(c);
}

/**
 * The conditions said after an incident update. "close it, unless the title says malware": what an "unless"
 * names that is a fact about the alerts (title, kind, source) is the case the update skips.
 */
function updateConditions(cond: string, iocTypes: IocType[], facts: Set<string>): Condition[] {
  const read = extractConditions(cond, iocTypes, true).conditions;
  if (read.length > 0 || !UNLESS_LEAD.test(cond.trim())) return read;
  const skipped = skippedCase(cond, newDraft(), [], facts, new Set());
  return skipped.skip ? [skipped.skip] : [];
}

/** A lead that names which incidents the request is about and tests nothing: "When a new high incident comes in", "For MDE alerts". */
const SCOPE_LEAD = /^(?:when(?:ever)?|for|on|once|as\s+soon\s+as)\b(?!.*\b(?:if|unless|flagged|detections?|engines?|malicious|verdict|virus\s?total|score|tagged|assigned|contains?|mentions?|involves?|includes?|has|have|with\s+(?:an?\s+)?(?:ip|url|file|hash|domain|user|device)s?)\b)[^,;]*\b(?:incidents?|alerts?|detections?|cases?)\b[^,;]*$/i;
/** A header that only names the incidents, with no verb or test ("high sev mde alerts: ..."). */
const BARE_SCOPE_HEADER = /^(?!.*\b(?:if|unless|when|flagged|engines?|malicious|verdict|virus\s?total|score|tagged|assigned|contains?|mentions?|involves?|includes?|has|have|with|where|that|which|who)\b)[\w\s-]*\b(?:incidents?|alerts?|detections?|cases?)$/i;

/** Leaves out the destructive device steps of a clause whose device qualifier could not be mapped. */
function dropForUnknownQualifier(steps: DraftStep[], q: DeviceQualifiers, notUnderstood: string[], withheld: Withheld[]): DraftStep[] {
  // Every step of the clause, not only the destructive ones: a scan of every device, or a mail about every incident,
  // is not what "the production servers" or "devices used by contractors" asked for.
  const risky = [...steps];
  if (q.unknown.length === 0 || risky.length === 0) return steps;
  const label = [...new Set(risky.map((s) => ACTIONS[s.action].label.toLowerCase()))].join(', ');
  for (const u of q.unknown) {
    notUnderstood.push(`${u} (device qualifier not understood, so "${label}" was left out rather than run on every device)`);
    withheld.push({ words: u, actions: risky.map((s) => s.action), kind: 'device' });
  }
  return steps.filter((s) => !risky.includes(s));
}

// ---------------------------------------------------------------- extraction helpers


/** Defender XDR alert categories (MITRE tactics and Defender's own), as the API spells them. */
const ALERT_CATEGORIES = [
  'InitialAccess', 'Execution', 'Persistence', 'PrivilegeEscalation', 'DefenseEvasion', 'CredentialAccess', 'Discovery',
  'LateralMovement', 'Collection', 'CommandAndControl', 'Exfiltration', 'Impact', 'Malware', 'Ransomware', 'Phishing',
  'SuspiciousActivity', 'UnwantedSoftware', 'Exploit', 'Reconnaissance', 'ResourceDevelopment',
];
const CATEGORY_IS = /\bcategor(?:y|ies)\s+(?:is\s+|of\s+|=\s*|:\s*|equals\s+)?["']?([A-Za-z][A-Za-z ]*?(?:\s+or\s+[A-Za-z][A-Za-z ]*?)*)["']?(?=\s*(?:[,.;:]|\b(?:and|then|alerts?|incidents?|is|are|was|were|gets?|fires?|comes?|arrives?|raised|detected|created|triggered)\b|$))/i;

/** "the alert's category is CredentialAccess", "category Lateral Movement or Exfiltration". */
/** "in the Execution category", "Credential Access category alerts", "tactic: Discovery". */
const CATEGORY_PHRASE = /\b(?:in|from|under|of|with)\s+(?:the\s+|an?\s+)?["']?([A-Za-z][A-Za-z]*(?:\s+[A-Za-z]+){0,2}?)["']?\s+(?:alert\s+)?(?:category|tactic)\b|\b([A-Za-z]+(?:\s+[A-Za-z]+)?)\s+(?:category|tactic)\s+(?:alerts?|incidents?|detections?)\b|\btactic\s+(?:is\s+|of\s+|=\s*|:\s*)?["']?([A-Za-z]+(?:\s+[A-Za-z]+)?)/i;

const TACTIC_ALERTS = /(?<!\b(?:app(?:lication)?|code|program|script|remote)\s+)\b(initial\s+access|execution|persistence|privilege\s+escalation|defen[cs]e\s+evasion|discovery|collection|impact|reconnaissance|resource\s+development)\s+(?:alerts?|incidents?|detections?)\b/i;

function extractCategories(text: string, draft: TriggerDraft, understood: Understood[]): boolean {
  // A lead that is only a category: "if it's Discovery", "when Execution".
  const bare = /^(?:if|when|for)\s+(?:it'?s\s+|its\s+|it\s+is\s+|the\s+alert\s+is\s+)?(?:an?\s+)?([A-Za-z]+(?:\s+[A-Za-z]+)?)(?:\s+(?:alerts?|ones?))?$/i.exec(text.trim());
  const bareHit = bare ? ALERT_CATEGORIES.find((c) => c.toLowerCase() === bare[1].replace(/\s+/g, '').toLowerCase()) : undefined;
  if (bareHit) {
    draft.categories.add(bareHit);
    understood.push({ phrase: bare![0], meaning: `alerts in category ${bareHit}` });
    return true;
  }
  // "in the Execution or DefenseEvasion category", "in the Discovery, Collection and Exfiltration categories": each of them.
  const several = /\b(?:in|from|under|of|with)\s+(?:the\s+|an?\s+)?([A-Za-z]+(?:\s+[A-Za-z]+){0,2}?(?:\s*(?:,|\bor\b|\band\b|\/)\s*[A-Za-z]+(?:\s+[A-Za-z]+){0,2}?)+)\s+(?:alert\s+)?(?:categor(?:y|ies)|tactics?)\b/i.exec(text);
  if (several) {
    const wanted = several[1].split(/\s*(?:,|\bor\b|\band\b|\/)\s*/i).filter(Boolean).map((w) => w.replace(/\s+/g, '').toLowerCase());
    const hits = ALERT_CATEGORIES.filter((c) => wanted.includes(c.toLowerCase()));
    if (hits.length > 1 && hits.length === wanted.length) {
      hits.forEach((c) => draft.categories.add(c));
      understood.push({ phrase: several[0].trim(), meaning: `alerts in category ${hits.join(' or ')}` });
      return true;
    }
  }
  const phrase = CATEGORY_PHRASE.exec(text);
  if (phrase) {
    const word = (phrase[1] ?? phrase[2] ?? phrase[3] ?? '').replace(/\s+/g, '').toLowerCase();
    const hit = ALERT_CATEGORIES.find((c) => c.toLowerCase() === word);
    if (hit) {
      draft.categories.add(hit);
      understood.push({ phrase: phrase[0].trim(), meaning: `alerts in category ${hit}` });
      return true;
    }
  }
  // "high severity Execution alerts": a tactic's name right before the alerts (tactics that are no topic of their own).
  const named = TACTIC_ALERTS.exec(text);
  if (named) {
    const hit = ALERT_CATEGORIES.find((c) => c.toLowerCase() === named[1].replace(/\s+/g, '').toLowerCase());
    if (hit) {
      draft.categories.add(hit);
      understood.push({ phrase: named[0].trim(), meaning: `alerts in category ${hit}` });
      return true;
    }
  }
  const m = CATEGORY_IS.exec(text) ?? /\bcategor(?:y|ies)\s+(?:is\s+|of\s+|=\s*|:\s*|equals\s+)?["'\u201c\u2018]([A-Za-z][A-Za-z ]*?(?:\s+or\s+[A-Za-z][A-Za-z ]*?)*)["'\u201d\u2019]/i.exec(text);
  if (!m) return false;
  const wanted = m[1].split(/\s+or\s+/i).map((w) => w.replace(/\s+/g, '').toLowerCase());
  const hits = ALERT_CATEGORIES.filter((c) => wanted.includes(c.toLowerCase()));
  if (hits.length === 0 || hits.length !== wanted.length) return false;
  hits.forEach((c) => draft.categories.add(c));
  understood.push({ phrase: m[0].trim(), meaning: `alerts in category ${hits.join(' or ')}` });
  return true;
}

/** The addresses a request mails, anywhere in it ("email X", "sent to X", "notify the team (X)"); never an owner or a user it names. */
function mailRecipientsOf(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(EMAIL)) {
    const before = text.slice(Math.max(0, m.index - 80), m.index);
    const clause = before.slice(Math.max(...[...before.matchAll(/[.;!?]\s/g)].map((x) => x.index + 2), 0));
    if (!/\b(?:e-?mail\w*|mail\w*|send|sends|sent|notif\w*|cc|report\w*|alert\w*|inform\w*|message\w*)\b/i.test(clause)) continue;
    if (/\b(?:assign\w*|route\w*|hand\w*|give\w*|owner|account\s+of|user|sessions?\s+for|password\s+(?:of|for))\s+(?:\S+\s+){0,3}$/i.test(before)) continue;
    out.add(m[0].toLowerCase());
  }
  return [...out];
}

function severityOf(word: string, facts: Set<string>): Severity[] {
  const w = word.toLowerCase().replace(/\s+/g, '');
  if (/^(?:critical|crit|sev0|sev1|p0|p1)$/.test(w)) {
    facts.add('Defender XDR has no "critical" severity: "critical" was read as High, the highest severity Defender assigns.');
    return ['High'];
  }
  if (/^(?:high|sev2|p2)$/.test(w)) return ['High'];
  if (/^(?:medium|med|moderate|sev3|p3)$/.test(w)) return ['Medium'];
  if (/^(?:low|sev4|p4)$/.test(w)) return ['Low'];
  if (/^(?:informational|info)$/.test(w)) return ['Informational'];
  return [];
}

function extractSeverities(text: string, draft: TriggerDraft, understood: Understood[], facts: Set<string>, headerLead = false): boolean {
  let found = false;
  const protectedText = text.replace(/\b(and|or)\s+(above|higher|up|over|more|greater|worse)\b/gi, '$1_$2');
  const phraseRe = new RegExp(
    `\\b(at\\s+least\\s+|minimum\\s+|min\\s+)?(${SEV_WORD}(?:\\s*(?:,\\s*or|,\\s*and|,|/|or|and)\\s*${SEV_WORD})*)` +
      `(\\s*\\+|\\s+or_(?:higher|above|greater|worse|more)|\\s+and_(?:above|higher|up|over)|\\s+or\\s+(?:higher|above|greater|worse|more))?` +
      `((?:[\\s-]+(?:severity|sev|priority))?)(\\s+(?:or|and)_(?:above|higher|up|over|greater|worse))?(?:\\s+(?:(?:ransomware|phishing|phish|malware|pua|c2|exfiltration|credential[- ]theft|lateral[- ]movement|brute-force|password-spray|risky\\s+sign-?in|sign-?in|email|endpoint)\\s+)?(?:level\\s+)?(?:(?:microsoft\\s+)?(?:mde|mdo|mdi|mdca|edr|sentinel|defender(?:\\s+for\\s+(?:endpoint|office\\s*365|office|identity|cloud\\s+apps))?|identity\\s+protection|entra(?:\\s+id)?(?:\\s+protection)?)\\s+)?(alerts?|incidents?|detections?|ones|events?|stuff|things|cases))?\\b`,
    'gi',
  );
  for (const m of protectedText.matchAll(phraseRe)) {
    const hasSeverityWord = Boolean(m[4] && m[4].trim());
    const noun = m[6]?.toLowerCase();
    // "sev 1", "P2" name a severity on their own; "high" alone does not ("high risk"), except as the whole
    // object of a cue: "contain it on high, scan it on medium".
    const before = protectedText.slice(0, m.index);
    const after = protectedText.slice(m.index + m[0].length);
    // "Entra alerts at medium or above for a user in X": at a level, then who it concerns.
    const bareLevel = !m[1] && /\b(?:on|for|if|when|at)\s+(?:the\s+)?$/i.test(before) && (/^\s*(?:[,;.!]|$|only\b|ones\b)/i.test(after) || (/\bat\s+$/i.test(before) && /^\s+(?:for|involving|on|from)\s+(?:an?|the|any|all)\s/i.test(after)));
    // "high risk" is a risk level; "low severity risk detections" are detections of that severity.
    if (!hasSeverityWord && /^[\s-]+risk(?!y)/i.test(after)) continue;
    if (!hasSeverityWord && !noun && !bareLevel && !/^(?:sev\s?[0-4]|p[0-4])$/i.test(m[2].trim())) continue;
    if (!hasSeverityWord && /^(?:info|med|low|p[0-4])$/i.test(m[2].trim()) && !noun && !bareLevel) continue;
    const words = m[2].split(/\s*(?:,\s*or|,\s*and|,|\/|\bor\b|\band\b)\s*/i).filter(Boolean);
    let sevs = words.flatMap((w) => severityOf(w, facts));
    if (sevs.length === 0) continue;
    if (m[1] || m[3] || m[5]) {
      const lowest = Math.min(...sevs.map((s) => ORDER.indexOf(s)));
      sevs = ORDER.slice(lowest);
    }
    sevs.forEach((s) => draft.severities.add(s));
    // "ones" stands for what the request talks about: incidents when it names incidents and never alerts.
    const ones = /\bincidents?\b/i.test(requestText) && !/\balerts?\b/i.test(requestText) ? 'incident' : 'alert';
    if (noun) draft.severityNouns.add(noun.startsWith('alert') || noun.startsWith('detection') ? 'alert' : noun.startsWith('incident') ? 'incident' : ones);
    understood.push({ phrase: unprotect(m[0].trim()), meaning: `severity ${sevs.join(' or ')}${noun ? ` (${noun.startsWith('incident') ? 'incident' : 'alert'} severity)` : ''}` });
    found = true;
  }
  // "crit: isolate the host": a header that is only a severity names it without a cue word.
  const headerOnly = new RegExp(`^${SEV_WORD}(?:\\s*(?:,|\\/|\\bor\\b|\\band\\b)\\s*${SEV_WORD})*(?:\\s+or\\s+(?:higher|above|worse)|\\s+and\\s+(?:up|above|higher|over)|\\s*\\+)?(?:\\s+(?:ones|alerts?|incidents?|severity|sev))?$`, 'i').test(text.trim()) && headerLead;
  // "if an incident comes in as informational": the severity it arrives with.
  const arrivesAs = new RegExp(`\\b(?:comes?\\s+in|arrives?|lands?|is\\s+(?:raised|created|opened)|shows?\\s+up|gets?\\s+(?:raised|created))\\s+as\\s+(?:an?\\s+)?(${SEV_WORD}(?:\\s*(?:,|\\/|\\bor\\b)\\s*${SEV_WORD})*)(?:\\s+(?:severity|sev))?(?:\\s+(?:one|incident|alert))?\\b`, 'i').exec(text);
  if (arrivesAs && !found) {
    const sevs = arrivesAs[1].split(/\s*(?:,|\/|\bor\b)\s*/i).filter(Boolean).flatMap((w) => severityOf(w, facts));
    if (sevs.length) {
      sevs.forEach((sv) => draft.severities.add(sv));
      understood.push({ phrase: arrivesAs[0], meaning: `severity ${sevs.join(' or ')}` });
      found = true;
    }
  }
  if (!found) {
    // A lead that is only a severity: "if high", "when it's medium or higher", "for low ones".
    const bare = new RegExp(`^(?:(?:if|when|whenever|for|on)\\s+)${headerOnly ? '?' : ''}(?:(?:an?\\s+)?(?:mde|mdo|mdi|mdca|defender|sentinel|identity\\s+protection)\\s+)?(?:it'?s\\s+|its\\s+|it\\s+is\\s+|they'?re\\s+|the\\s+(?:alert|incident)\\s+is\\s+|(?:the\\s+)?sev(?:erity)?\\s+(?:is\\s+)?)?(${SEV_WORD}(?:\\s*(?:,|\\/|\\bor\\b|\\band\\b)\\s*${SEV_WORD})*)(\\s+or\\s+(?:higher|above|worse)|\\s+and\\s+(?:up|above|higher|over)|\\s*\\+)?(?:\\s+(?:ones|alerts?|incidents?|severity|sev))?$`, 'i').exec(text.trim());
    if (bare) {
      let sevs = bare[1].split(/\s*(?:,|\/|\bor\b|\band\b)\s*/i).filter(Boolean).flatMap((w) => severityOf(w, facts));
      if (bare[2] && sevs.length) sevs = ORDER.slice(ORDER.indexOf(sevs[0]));
      if (sevs.length) {
        sevs.forEach((s) => draft.severities.add(s));
        understood.push({ phrase: bare[0], meaning: `severity ${sevs.join(' or ')}` });
        return true;
      }
    }
    const m = SEVERITY_OF.exec(text) ?? SEVERITY_IS.exec(text);
    if (m) {
      let sevs = m[1].split(/\s*(?:,|\bor\b|\band\b)\s*/i).filter(Boolean).flatMap((w) => severityOf(w, facts));
      if (m[2] && sevs.length) sevs = ORDER.slice(Math.min(...sevs.map((s) => ORDER.indexOf(s))));
      if (sevs.length) {
        sevs.forEach((s) => draft.severities.add(s));
        understood.push({ phrase: m[0].trim(), meaning: `severity ${sevs.join(' or ')}` });
        found = true;
      }
    }
  }
  return found;
}

function extractSources(text: string, isCondition: boolean, draft: TriggerDraft, understood: Understood[], facts: Set<string>): boolean {
  let found = false;
  for (const { re, source, label } of SOURCES) {
    const m = re.exec(text);
    if (!m || !source) continue;
    const before = text.slice(0, m.index);
    const after = text.slice(m.index + m[0].length);
    const introduced = /\b(?:from|by|in|via|of)\s+(?:the\s+)?(?:microsoft\s+)?$|\b(?:source|product|service|detector)\s+(?:is|=|:|was)\s+(?:the\s+)?(?:microsoft\s+)?$/i.test(before) || /^\s*(?:alerts?|incidents?|detections?|raises|reports|detects|flags|fires|generates|creates|sees|finds|says)\b/i.test(after)
      // "on any MDI pass-the-hash alert": the kind of alert between the product and the noun.
      || /^\s*(?:(?!(?:and|or|to|into|then|for|on|in|with|the)\b)[\w-]+\s+){1,3}(?:alerts?|detections?)\b/i.test(after)
      || /^\s*["'\u201c\u2018][^"'\u201d\u2019]{1,80}["'\u201d\u2019]\s+(?:alerts?|incidents?|detections?)\b/i.test(after);
    // "reset the password on risky sign-ins": an event, named after the word that says when.
    const eventNamed = /^risky\s+sign/i.test(m[0]) && /\b(?:on|for|after|upon|with|any|every|each|a|an|new)\s+$/i.test(before);
    const inActionAsPlace = !isCondition && /\bin\s+(?:the\s+)?(?:microsoft\s+)?$/i.test(before) && !/^\s*(?:alerts?|incidents?)/i.test(after);
    // "submitted to Defender for Endpoint as block indicators": where something is sent, not where alerts come from.
    // "responds to Defender for Cloud Apps 'Impossible travel' alerts": a quoted title between the product and its alerts.
    if (/\b(?:to|into|onto)\s+(?:the\s+)?(?:microsoft\s+)?$/i.test(before) && !/^\s*(?:["'\u201c\u2018][^"'\u201d\u2019]{1,80}["'\u201d\u2019]\s+)?(?:alerts?|incidents?|detections?)/i.test(after)) continue;
    if (!isCondition && (!(introduced || eventNamed) || inActionAsPlace)) continue;
    draft.sources.add(source);
    understood.push({ phrase: m[0], meaning: `alerts from ${label} (service source ${source})` });
    if (source === 'MicrosoftDefenderForEndpoint') facts.add('Defender for Endpoint alerts carry the service source MicrosoftDefenderForEndpoint (older: MicrosoftDefenderATP); both are matched.');
    if (source === 'MicrosoftDefenderForOffice365') facts.add('Defender for Office 365 alerts carry the service source MicrosoftDefenderForOffice365 (older: OfficeATP); both are matched.');
    if (source === 'MicrosoftCloudAppSecurity') facts.add('Defender for Cloud Apps alerts carry the service source MicrosoftCloudAppSecurity (MCAS); both names are matched.');
    found = true;
  }
  return found;
}

/** Another word of a title list: "mimikatz[ or lsass]", "'a'[, 'b']". */
// (A quoted alternative may be several words: "'skimmer' or 'card scraping'".)
const TITLE_ALTERNATIVE = /^\s*(?:,\s*(?:or\s+)?|\s+or\s+|\s*\/\s*)(?:the\s+(?:word|term)\s+)?(?:["'“‘]([\w][\w .-]{0,58}?[\w.]?)["'”’]|((?!(?:the|a|an|it|its|they|if|when|then|any|all|every|this|that)\b)[\w][\w.-]*))(?=\s*(?:$|[,.;:)]|\s+(?:or|in|and|then|anywhere)\b))/i;

/** "the 'Bad-Actors' group", "group 'Phish-Sim-Testers'": a group's quoted name, which is who the users are, never a verdict or a kind of alert. */
const QUOTED_GROUP_NAME = /["'\u2018\u201c][^"'\u2018\u2019\u201c\u201d]{1,60}["'\u2019\u201d](?=\s+(?:groups?|grp)\b)|\b(?:groups?|grp)\s+["'\u2018\u201c][^"'\u2018\u2019\u201c\u201d]{1,60}["'\u2019\u201d]/gi;

/** A product that raises alerts, as analysts name it before an alert's title ("MDO 'malware removed after delivery' alerts"). */
const PRODUCT_NAME = String.raw`(?:MDO|MDE|MDI|MDCA|MCAS|Sentinel|(?:Microsoft\s+)?Defender(?:\s+XDR|\s+for\s+(?:Office(?:\s+365)?|Endpoint|Identity|Cloud\s+Apps?))?|(?:Microsoft\s+)?Entra(?:\s+ID)?(?:\s+Identity)?(?:\s+Protection)?|(?:Azure\s+AD\s+)?Identity\s+Protection)`;

function extractTopics(said: string, draft: TriggerDraft, understood: Understood[], assumptions: Set<string>): boolean {
  let found = false;
  // "quarantine mimikatz.exe": a file named by its name is a file filter, not the kind of incident.
  // "has the tag confirmed-phish": a tag's name is what the incident carries, not the kind of incident.
  // "close as true positive, determination phishing": the verdict on the incident, not its kind.
  // "tag the incident 'Phish-Confirmed'": a tag the playbook adds is no kind of incident either.
  const text = said.replace(FILE_NAME, ' ').replace(new RegExp(INCIDENT_TAGGED.source, 'gi'), ' ').replace(new RegExp(DETERMINATION.source, 'gi'), ' ')
    .replace(/\b(?:tag|label)(?:\s+(?:the\s+)?(?:incident|alert|it|them))?\s+(?:as\s+|with\s+)?["'\u201c\u2018][^"'\u201d\u2019]{1,40}["'\u201d\u2019]/gi, ' ')
    // "tag the incident lateral-movement": a tag's name, unquoted, is the incident's label, not the kind of alert.
    .replace(/\b(?:tag|label)(?:\s+(?:the\s+)?(?:incident|alert|it|them))?\s+(?:as\s+|with\s+)?[a-z0-9]+(?:-[a-z0-9]+)+/gi, ' ')
    // "unless the user is in the 'Phish-Sim-Testers' group": a group's name is who the users are, not the kind of alert.
    .replace(QUOTED_GROUP_NAME, ' group ');
  // "a device whose name contains '-bre-'", "the device name contains X": a device's name, never the incident's.
  const titled = /(?<!\b(?:device|host|machine|computer|dns|box|endpoint|server|workstation|laptop)\s?|\b(?:devices?|hosts?|machines?|computers?|boxes|box|endpoints?|servers?|workstations?|laptops?|pcs?)\s+(?:whose|with|where\s+the)\s+|\bits\s+)\b(?:title|name)s?\s+(?:(?:in|of|on)\s+(?:the|this|that|an?|its)\s+(?:incident|alert)\s+)?(?:mentions?|contains?|includes?|has|have|with|says?|matching|matches|like)\s+(?:the\s+(?:word|term|keyword)\s+)?["“‘']([^"”’']+)["”’']/i.exec(text)
    ?? /\b(?:title|name)s?\s+(?:(?:in|of|on)\s+(?:the|this|that|an?|its)\s+(?:incident|alert)\s+)?(?:mentions?|contains?|includes?|has|have|with|says?|matching|matches|like)\s+(?:the\s+(?:word|term|keyword)\s+)?(?!(?:and|or|then|if|when|but|unless|only)\b)["'“‘]?([\w][\w .-]*?[\w])["'”’]?(?=$|[,.;+]|\s+(?:and|or|then|only|if|when|unless|for|but|except|in|on|from|to|\+|,))/i.exec(text)
    ?? /(?<!(?:devices?|machines?|hosts?|servers?|workstations?|laptops?|endpoints?|boxes|controllers?|dcs)\s)\b(?:titled|named|called)\s+["'“‘]([^"'”’]+)["'”’]/i.exec(text)
    ?? /\b(?:with|has|having|containing|mentioning|that\s+(?:has|have|says?|mentions?))\s+["'“‘]?([\w][\w .-]*?)["'”’]?\s+in\s+(?:the|its|their)\s+(?:alert\s+|incident\s+)?(?:title|name)s?\b/i.exec(text)
    // "For 'A potentially malicious URL click was detected' alerts": alerts named by their quoted title.
    ?? /\b(?:for|on|when|with)\s+(?:an?\s+|the\s+)?["“‘']([^"”’']{3,100})["”’']\s+(?:alerts?|detections?)\b/i.exec(text)
    // "MDO 'malware removed after delivery' alerts: ...", "Defender for Identity 'Suspected DCSync' alerts": after the product.
    ?? new RegExp(String.raw`(?:^|[.;:!?]\s+|\b(?:for|on|when|with)\s+)(?:an?\s+|the\s+)?${PRODUCT_NAME}\s+["“‘']([^"”’']{3,100})["”’']\s+(?:alerts?|detections?)\b`, 'i').exec(text);
  for (const { re, keywords } of TECHNIQUES) {
    const m = re.exec(text);
    if (!m) continue;
    keywords.forEach((k) => draft.titleKeywords.add(k));
    understood.push({ phrase: m[0], meaning: `alerts whose title names the technique (${keywords.map((k) => `"${k}"`).join(' or ')})` });
    found = true;
  }
  for (const { re, topic } of TOPIC_WORDS) {
    // "mimikatz / lsass dumps": every phrase that names the kind is read, not only the first.
    const all = [...text.matchAll(new RegExp(re.source, 'gi'))];
    const m = all[0];
    if (!m) continue;
    draft.topics.add(topic);
    for (const x of all) understood.push({ phrase: x[0], meaning: `${topic} incidents or alerts (title mentions it, or the alert category says so)` });
    if (topic === 'phishing') assumptions.add('"Phishing" matches alerts in category Phishing or whose title mentions phish, email or a malicious URL.');
    found = true;
  }
  // "anything w/ 'Cobalt Strike' or 'beacon' in an alert title": quoted words listed with "or", each a title word.
  const quotedList = /\b(?:with|has|having|containing|mentioning)\s+((?:["'\u201c\u2018][^"'\u201d\u2019]{1,60}["'\u201d\u2019]\s*(?:,|\bor\b|\/)\s*)+["'\u201c\u2018][^"'\u201d\u2019]{1,60}["'\u201d\u2019])\s+in\s+(?:the|its|their|an?|any)\s+(?:alert\s+|incident\s+)?(?:title|name)s?\b/i.exec(text);
  if (quotedList) {
    const words = [...quotedList[1].matchAll(/["'\u201c\u2018]([^"'\u201d\u2019]+)["'\u201d\u2019]/g)].map((m) => m[1].trim());
    words.forEach((w) => draft.titleKeywords.add(w.toLowerCase()));
    understood.push({ phrase: quotedList[0], meaning: `incident name or alert title contains ${words.map((w) => `"${w}"`).join(' or ')}` });
    return true;
  }
  if (titled) {
    const kw = titled[1].trim();
    const topic = TOPIC_WORDS.find(({ re }) => re.test(kw))?.topic;
    // "title mentions ransomware" keeps the broader topic (category Ransomware counts too); "the word phishing",
    // a quoted word, or any other word is that word in the title and nothing wider.
    const literal = /["'“‘]|\bthe\s+(?:word|term|keyword|string|text)\b/i.test(titled[0]);
    if (literal || (topic !== 'ransomware' && topic !== 'phishing')) {
      if (topic && !TOPIC_WORDS.find((t) => t.topic === topic)?.re.test(text.replace(titled[0], ' '))) draft.topics.delete(topic);
      // "w/ mimikatz or lsass in the title": unquoted words listed with "or" are each a title word, any of which will do.
      const words = /["'“‘]/.test(titled[0]) ? [kw] : kw.split(/\s*(?:,|\/|\bor\b)\s*/i).filter(Boolean);
      words.forEach((w) => draft.titleKeywords.add(w.toLowerCase()));
      understood.push({ phrase: titled[0], meaning: `incident name or alert title contains ${words.map((w) => `"${w}"`).join(' or ')}` });
      // "titles w/ mimikatz or lsass in them": each word of the list, any of which will do.
      let after = text.slice(titled.index + titled[0].length);
      for (let more = TITLE_ALTERNATIVE.exec(after); more; more = TITLE_ALTERNATIVE.exec(after)) {
        const word = (more[1] ?? more[2]).trim();
        // "'credential theft'" in a title list is those words in the title, not the kind of incident.
        const named = TOPIC_WORDS.find(({ re }) => re.test(word))?.topic;
        if (named && !TOPIC_WORDS.find((t) => t.topic === named)?.re.test(text.replace(titled[0], ' ').replace(more[0], ' '))) draft.topics.delete(named);
        draft.titleKeywords.add(word.toLowerCase());
        understood.push({ phrase: more[0].trim(), meaning: `or the title contains "${word}"` });
        after = after.slice(more[0].length);
      }
    }
    found = true;
  }
  return found;
}

/**
 * "eicar alerts", "anonymous IP sign-in alerts": words the grammar does not know, in the name of
 * the alerts or incidents a request is about, are what their titles say. Reading them as a title
 * condition narrows the playbook to those alerts; dropping them would act on every alert.
 */
function extractNamedAlerts(text: string, draft: TriggerDraft, understood: Understood[]): boolean {
  let found = false;
  // Alerts and detections have titles that name what was seen; an incident's name is no such list ("finance incidents" is a department).
  for (const m of text.matchAll(/(?<!['\u2019\w])((?:[A-Za-z][\w-]*\s+){1,4})(?:alerts?|detections?)\b/g)) {
    const words = m[1].trim().split(/\s+/);
    // The noun phrase: back from the noun to the first function word ("on the eicar test alerts" -> "eicar test").
    let start = words.length;
    while (start > 0 && !FUNCTION_WORDS.has(words[start - 1].toLowerCase())) start--;
    const phrase = words.slice(start);
    const unknown = phrase.filter((w) => !known(w) && !w.split('-').every((part) => known(part)) && !/^(?:tagged|labell?ed|titled|named|called)$/i.test(w));
    // "not plain AV detections", "other than test alerts": what the alerts are not is no title to match.
    if (unknown.length === 0 || /\b(?:tagged|labell?ed|not|no|non|except|excluding|than)\s*$/i.test(words.slice(0, start).join(' '))) continue;
    // "VirusTotal returns zero detections": VirusTotal's detections are engines, not Defender's alerts.
    if (/\b(?:virus\s?total|vt|zero|no|malicious|engines?)\b|\d/i.test(m[0]) && /detections?\b/i.test(m[0])) continue;
    for (const w of unknown) draft.titleKeywords.add(w.toLowerCase());
    understood.push({ phrase: `${phrase.join(' ')} ${m[0].slice(m[1].length)}`, meaning: `alerts whose title mentions ${unknown.map((w) => `"${w.toLowerCase()}"`).join(' and ')}` });
    found = true;
  }
  return found;
}

/** "when somebody closes an incident as false positive": the status change said in the active voice. */
const STATUS_CHANGED = /\b(?:someone|somebody|an?\s+analyst|we|they|you|anyone)\s+(?:closes?|closed|resolves?|resolved|marks?|marked)\s+(?:an?\s+|the\s+)?(?:incident|it|case|one)\s+(?:as\s+(?:an?\s+)?(false[- ]positive|fp|true[- ]positive|tp|benign(?:\s+positive)?))?/i;

/** "incidents resolved as false positive", "cases that were closed": a state the incident is in (a reduced relative clause), not an instruction. */
const REDUCED_STATE = /(?<!\b(?:set|put|mark|move|change|flip|update|make)\s+(?:the\s+|this\s+|that\s+|each\s+|every\s+)?)\b(incidents?|cases?|ones|alerts?)\s+(?:that\s+(?:are|were|(?:have|has)\s+(?:already\s+)?been|got|is|was)\s+(?:still\s+|currently\s+|already\s+)?|which\s+(?:are|were|(?:have|has)\s+(?:already\s+)?been|is)\s+(?:still\s+|currently\s+|already\s+)?|(?:still\s+|already\s+)?)((?:resolved|closed|active|open|unresolved|in[- ]progress)(?:\s+(?:as|with)\s+(?:an?\s+)?(?:false[- ]positives?|fp|true[- ]positives?|tp|benign(?:\s+positive)?))?)\b/i;
/** "incidents assigned to alice@...", "that are assigned to nobody": who owns the incident, a condition. */
const ASSIGNED_STATE = /(?:\b(?:that|which)(?:'s|\s+(?:are|is|were|was))\s+|\b(?:incidents?|cases?|ones|alerts?)\s+|\b(?:if|when|unless|while)\s+(?:it'?s|they'?re|it\s+is|they\s+are|the\s+incident\s+is)\s+)(?:already\s+|currently\s+)?(?:assigned\s+to|owned\s+by|that\s+belong\s+to)\s+([\w.+'-]+@[\w-]+(?:\.[\w-]+)+|nobody|no\s?one|noone)\b/i;

/** "active incidents", "open high sev cases": the state said before the noun. */
const STATE_BEFORE = /\b(active|open|unresolved)\s+((?:(?:high|medium|med|low|informational|info|sev(?:erity)?|mde|mdi|mdo|mdca|defender|xdr|phishing|malware|ransomware)\s+){0,3})(incidents?|cases?)\b/i;

function extractStatusTrigger(full: string, draft: TriggerDraft, understood: Understood[]): boolean {
  // "whose health status is Active" is a device's sensor, never the incident's status.
  const text = full.replace(/\bhealth\s+(?:status|state)\s+(?:is|=|of)\s+["']?\w+["']?/gi, ' ').replace(new RegExp(STATE_BEFORE.source, 'gi'), '$2$3 are $1').replace(REDUCED_STATE, '$1 are $2').replace(STATUS_CHANGED, (_m, cls?: string) => `is resolved${cls ? ` as ${cls}` : ''}`).replace(/\b(is|are|was|were)\s+(?:already|still|now)\s+/gi, '$1 ');
  const m = STATUS_TRIGGER.exec(text);
  if (!m) return false;
  const status = (m[1] ?? '').toLowerCase();
  // "skip incidents already In Progress", "unless it is in progress": a state the incident must not be in; the trigger takes the others.
  if (/\b(?:unless|not|isn'?t|aren'?t|never|skip|skipping|ignore|exclude|excluding|except)\b/i.test(text.slice(0, m.index + m[0].length))) {
    if (m[2] || m[3] || !status) return false;
    const states = status === 'resolved' || status === 'closed' ? ['Resolved'] as const : /progress/.test(status) ? ['InProgress'] as const : status === 'active' ? ['Active'] as const : null;
    if (!states) return false;
    states.forEach((x) => draft.notStatuses.add(x));
    understood.push({ phrase: text.slice(0, m.index + m[0].length).trim(), meaning: `only incidents that are not ${states.join('/')}` });
    return true;
  }
  // "has been resolved and classified as a false positive": the classification may follow the status.
  const later = !m[2] && !m[3] ? /\b(?:classified|marked|flagged|closed|resolved)\s+(?:as\s+)?(?:an?\s+)?(false[- ]positive|fp|true[- ]positive|tp|benign(?:\s+positive)?|informational|expected\s+activity)\b/i.exec(text.slice(m.index + m[0].length)) : null;
  const cls = (m[2] ?? m[3] ?? later?.[1] ?? '').toLowerCase();
  if (status === 'resolved' || status === 'closed') draft.statuses.add('Resolved');
  else if (/progress/.test(status)) draft.statuses.add('InProgress');
  else if (status === 'active' || status === 'reopened') draft.statuses.add('Active');
  else if (status === 'open' || status === 'unresolved') ['Active', 'InProgress'].forEach((x) => draft.statuses.add(x as 'Active' | 'InProgress'));
  if (/false|fp|benign/.test(cls)) draft.classifications.add(/benign/.test(cls) ? 'InformationalExpectedActivity' : 'FalsePositive');
  else if (/true|tp/.test(cls)) draft.classifications.add('TruePositive');
  else if (/informational|expected/.test(cls)) draft.classifications.add('InformationalExpectedActivity');
  understood.push({ phrase: m[0].trim(), meaning: `the incident is ${[...draft.statuses].join('/') || 'updated'}${draft.classifications.size ? ` with classification ${[...draft.classifications].join('/')}` : ''}` });
  // "classified as true positive and the incident is still open": a second state said in the same clause.
  const rest = text.slice(m.index + m[0].length);
  if (/^\s*(?:,\s*)?(?:and|but)\b/i.test(rest) && STATUS_TRIGGER.test(rest)) extractStatusTrigger(rest, draft, understood);
  return true;
}

export function iocTypesIn(text: string): IocType[] {
  const types = new Set<IocType>();
  for (const { re, type } of IOC_WORDS) if (type !== 'all' && re.test(text)) types.add(type);
  // "add the IP and URL as IOCs": what the named ones become, not every kind of IOC.
  // "an IOC for the hash": an indicator made of the named one.
  const allText = types.size > 0 ? text.replace(/\b(?:as|to|into)\s+(?:the\s+|an?\s+)?(?:defender\s+|mde\s+|custom\s+|block\s+|alert(?:-only)?\s+)?(?:iocs?|indicators?)\b/gi, ' ').replace(/\b(?:an?\s+|the\s+)?(?:[\w-]+\s+)?(?:iocs?|indicators?)\s+(?:for|of|on)\s+(?:the|that|this|each|every|its|their)\s+(?=(?:file\s+)?hash|ip|url|domain|sender)/gi, ' ') : text;
  for (const { re, type } of IOC_WORDS) {
    if (type !== 'all' || !re.test(allText)) continue;
    // "each URL entity": the entity is the URL, not every kind of IOC.
    if (!(types.size > 0 && /\bentit(?:y|ies)\b/i.test(text) && !/\biocs?\b|\bindicators?\s+of\s+compromise\b|\bobservables?\b|\bartifacts?\b/i.test(text))) IOC_TYPES.forEach((t) => types.add(t));
  }
  return IOC_TYPES.filter((t) => types.has(t));
}

/** "1-4 engines", "between 1 and 4 detections": a VirusTotal band. */
const BAND = /\b(?:between\s+)?(\d+)\s*(?:-|to|and|\u2013)\s*(\d+)\s*(?:(?:vt|virustotal|antivirus|malicious)\s+)?(?:engines?|vendors?|detections?|avs?|scanners?|positives?|hits?)\b/i;

/** A band as a condition: at least `low` engines and fewer than `high + 1`. */
/** "VT malicious between 5 and 20": a band with no unit, in a clause about VirusTotal. */
const BARE_BAND = /\b(?:virustotal|vt)\b[^,;.]*?\bbetween\s+(\d+)\s*(?:-|to|and|\u2013)\s*(\d+)\b|\b(?:virustotal|vt)\s+(?:(?:score|count)\s+)?(?:(?:is|of|at|says|has\s+it\s+at)\s+)?(\d+)\s*(?:-|to|\u2013)\s*(\d+)\b/i;
/** "if 5 to 20", in a request about VirusTotal engines: a band. */
const LEAD_BAND = /^(?:if|when|for)\s+(?:it'?s\s+|it\s+(?:has|gets|is\s+at|is|scores?)\s+|they\s+(?:have|get)\s+|(?:the\s+)?(?:score|count)\s+is\s+)?(?:between\s+)?(\d+)\s*(?:-|to|and|\u2013)\s*(\d+)$/i;

function bandCondition(text: string, types: IocType[]): Condition | null {
  const m = BAND.exec(text) ?? BARE_BAND.exec(text) ?? (requestCountsEngines ? LEAD_BAND.exec(text.trim()) : null);
  if (!m) return null;
  const low = Number(m[1] ?? m[3]);
  const high = Number(m[2] ?? m[4]);
  if (!(high >= low)) return null;
  const below: Condition = { not: { kind: 'maliciousIoc', iocTypes: types, minEngines: high + 1 } };
  return low <= 0 ? below : { all: [{ kind: 'maliciousIoc', iocTypes: types, minEngines: low }, below] };
}

/** "for 30 days", "expire after two weeks", "for a month": indicator expiry in days. */
function expiryDays(text: string): number | undefined {
  const t = text.replace(/\b(a|an|one|two|three|four|five|six|seven|ten|fourteen|thirty|ninety)\b/gi, (w) => ({ a: '1', an: '1', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', ten: '10', fourteen: '14', thirty: '30', ninety: '90' })[w.toLowerCase()] ?? w);
  const m = /\b(?:for|expir(?:e|es|y|ing|ation)\s+(?:(?:it|them|the\s+(?:indicators?|blocks?|iocs?))\s+)?(?:after|in|of)?|valid\s+for|lasting)\s*(\d+)\s*(days?|d|weeks?|w|months?)\b/i.exec(t);
  // "a 30-day expiration", "with a 90 day expiry".
  const before = m ?? /\b(\d+)[\s-]*(days?|d|weeks?|w|months?)\s+(?:expir(?:y|ation|ing)|ttl|lifetime|validity)\b/i.exec(t);
  if (!before) return undefined;
  const n = Number(before[1]);
  const unit = before[2].toLowerCase();
  const days = unit.startsWith('w') ? n * 7 : unit.startsWith('m') ? n * 30 : n;
  return days >= 1 && days <= 3650 ? days : undefined;
}

/** Exactly no engine: "0 engines", "zero detections", "if 0", "= 0" (never "more than 0", "0-4" or "0+"). */
const ZERO_ENGINES = /(?<!\b(?:more|greater|over|above|than|least|exceeds?)\s+|[>]=?\s*)\b(?:0|zero|no)\s+(?:virustotal\s+|vt\s+|av\s+)?(?:malicious\s+|positive\s+|bad\s+)?(?:engines?|detections?|hits?|vendors?|positives?)\b|(?:^|\b(?:if|when|with|at|is|has|gets?)\s+(?:(?:virustotal|vt)\s+(?:score\s+|count\s+)?(?:is\s+|of\s+|says\s+|shows\s+|returns\s+|gives\s+|reports\s+)?)?|=\s*)(?:0|zero)\b(?!\s*(?:[-\u2013+]|to\s+\d|or\s+more))/i;

function thresholdIn(text: string): number | null {
  const t = text.replace(/\b(one|two|three|four|five|six|seven|eight|nine|ten|twenty)\b/gi, (w) => WORD_NUMBERS[w.toLowerCase()] ?? w);
  for (const { re, add } of THRESHOLD) {
    const m = re.exec(t);
    if (m) return Math.max(1, Number(m[1]) + add);
  }
  return null;
}

/**
 * "if the device is tagged RedTeam or the incident is tagged Red Team", "any inc tagged VIP or w/ a user in Execs": either
 * one, never both at once. "if AV catches emotet or qakbot": an "or" inside one condition's words joins its values, not
 * the conditions. A clause with "and" / "but" / "while" as well keeps its conditions joined by "and" (the safer reading).
 */
function orJoined(text: string, read: { conditions: Condition[]; phrases: Understood[] }, tight = false): Condition[] {
  if (read.conditions.length < 2) return read.conditions;
  const lower = text.toLowerCase();
  const parts = read.phrases.flatMap((p, idx) => [p.phrase, ...p.phrase.split(/,\s*/)].map((part) => {
    const at = lower.indexOf(part.toLowerCase());
    return { at, end: at + part.length, idx };
  })).filter((x) => x.at >= 0);
  const orBetween = [...lower.matchAll(/\s(?:or|either)\s/g)].some((m) => {
    if (parts.some((x) => m.index > x.at && m.index < x.end)) return false;
    const left = parts.filter((x) => x.end <= m.index + 1).sort((a, b) => b.end - a.end)[0];
    const right = parts.filter((x) => x.at >= m.index + m[0].length - 1).sort((a, b) => a.at - b.at)[0];
    // In a step's own words ("isolate the device on any incident tagged VIP or with a user in Execs") only an "or" with
    // the two conditions on either side, nothing but small words between, joins them: "isolate or scan" joins steps.
    if (tight && !(left && right && /^[\s,]*(?:or|either)(?:\s+(?:with|w\/|when|if|where|whose|the|an?|its?|their|has|have|is|are|from|on|for|in))*[\s,]*$/i.test(lower.slice(left.end, right.at)))) return false;
    return !(left && right && left.idx === right.idx);
  });
  return orBetween && !/\s(?:and|but|while)\s/i.test(text) ? [{ any: read.conditions }] : read.conditions;
}

/** The VirusTotal / device-risk / entity conditions a piece of text states. */
/** Values of one detail joined by "or": systems ("Windows 10 or 11", "Linux or macOS"), severities, quoted group names. */
const OS_NAME = String.raw`(?:windows\s*(?:10|11|server(?:\s+\d{4})?)?|win\s*1[01]|linux|mac\s?os|macs?|ubuntu|rhel|debian|\d{2})`;
/** "5 or more", "3 or fewer", "Medium or above": a bound, said with an "or". */
const COUNT_OR_MORE = /\b(?:\d+\+?|critical|high|medium|low|informational)\s+or\s+(?:more|fewer|less|higher|greater|above|over|below|under|lower)\b/gi;
const DETAIL_VALUES_OR = new RegExp(String.raw`\b${OS_NAME}(?:\s*(?:,|\bor\b)\s*${OS_NAME}\b)+|\b(?:critical|high|medium|low|informational)(?:\s*(?:,|\bor\b)\s*(?:critical|high|medium|low|informational)\b)+|["'\u2018\u201c][^"'\u2019\u201d\n]{1,60}["'\u2019\u201d](?:\s*(?:,|\bor\b)\s*["'\u2018\u201c][^"'\u2019\u201d\n]{1,60}["'\u2019\u201d])+`, 'gi');

function extractConditions(whole: string, fallbackTypes: IocType[], allowEntity: boolean): { conditions: Condition[]; phrases: Understood[] } {
  // "(vendor says a scan crashes the gateway and the pumps drop to fail-safe)": a reason names no case ("vendor", "safe").
  if (reasonSpan(whole)[0] > 0) whole = withoutReason(whole);
  // "the hash is 15+ on VT and the c2 ip is 5+": a threshold for each kind of IOC, both to hold.
  const pair = /^(.*?\b(?:hash(?:es)?|files?|ips?|urls?|domains?)\b[^,;]*?\d+\s*(?:\+|or\s+more|engines?|detections?)[^,;]*?)\s+and\s+((?:(?:the|its|their|a|an|any)\s+)?(?:[\w-]+\s+)?(?:hash(?:es)?|files?|ips?|urls?|domains?)\b[^,;]*?\d+\s*(?:\+|or\s+more|engines?|detections?)[^,;]*)$/i.exec(whole);
  if (pair && iocTypesIn(pair[1]).length > 0 && iocTypesIn(pair[2]).length > 0 && iocTypesIn(pair[1]).join() !== iocTypesIn(pair[2]).join()) {
    const first = extractConditions(pair[1], fallbackTypes, allowEntity);
    const said = /\b(?:virustotal|vt|engines?|detections?)\b/i;
    const second = extractConditions(!said.test(pair[2]) && said.test(pair[1]) ? `${pair[2]} on VirusTotal` : pair[2], iocTypesIn(pair[2]), allowEntity);
    if (first.conditions.length > 0 && second.conditions.length > 0) return { conditions: [...first.conditions, ...second.conditions], phrases: [...first.phrases, ...second.phrases] };
  }
  // "if url flagged but domain clean": a verdict for each kind of IOC, both to hold (read as one, "clean" had gone to both).
  const verdicts = /^(.*?\b(?:hash(?:es)?|files?|ips?|urls?|links?|domains?)\b[^,;]*?)\s+(?:but|and|while|whereas)\s+((?:(?:the|its|their|a|an|any)\s+)?(?:[\w-]+\s+)?(?:hash(?:es)?|files?|ips?|urls?|links?|domains?)\b[^,;]*)$/i.exec(whole);
  if (verdicts && !pair) {
    const [a, b] = [verdicts[1], verdicts[2]];
    const judged = (t: string): boolean => CLEAN.test(t) || MALICIOUS.test(t);
    if (iocTypesIn(a).length > 0 && iocTypesIn(b).length > 0 && iocTypesIn(a).join() !== iocTypesIn(b).join() && judged(a) && judged(b) && CLEAN.test(a) !== CLEAN.test(b)) {
      const first = extractConditions(a, iocTypesIn(a), allowEntity);
      const second = extractConditions(b, iocTypesIn(b), allowEntity);
      if (first.conditions.length > 0 && second.conditions.length > 0) return { conditions: [...first.conditions, ...second.conditions], phrases: [...first.phrases, ...second.phrases] };
    }
  }
  // "if more than 3 hosts are hit": a count of what the incident involves (its number is no VirusTotal threshold).
  const count = countCondition(whole, allowEntity);
  const counted = count ? whole.replace(count.phrase, ' ') : whole;
  // "if the url is unknown to VirusTotal": VirusTotal has no record of it, which is not the same as clean.
  const unknownVt = UNKNOWN_TO_VT.exec(counted);
  const full = unknownVt ? counted.replace(unknownVt[0], ' ') : counted;
  // A technique's name ("pass-the-hash") is no file hash to look up.
  const text = full
    // A quoted alert title ("'A potentially malicious URL click was detected' alerts") names alerts, never a verdict to test.
    .replace(/(?<![\w])["\u201c\u2018']([^"\u201d\u2019']{3,100})["\u201d\u2019'](?=\s+(?:alerts?|detections?|incidents?)\b)/g, ' titled ')
    // A quoted tag or comment ("tag it 'VT-Clean'") is what a step writes, never a verdict to test.
    .replace(/(?<!\b(?:the|a|an|has|have|had|with|without|carry|carries|no)\s+)\b(tag|label|comment|note|write)\s+(?:(?:it|them|the\s+incident|this\s+incident|incidents?)\s+)?(?:(?:as|with)\s+)?(?:the\s+|a\s+)?(?:tag\s+|label\s+|comment\s+|note\s+)?(["'\u201c\u2018])[^"'\u201d\u2019]{1,60}["'\u201d\u2019](?![\w])/gi, '$1 it')
    // ("tag the incident vt-clean": a tag written as one hyphenated word is a name the same way.)
    .replace(/(?<!\b(?:the|a|an|has|have|had|with|without|carry|carries|no)\s+)\b(tag|label)\s+(?:(?:it|them|the\s+incident|this\s+incident|incidents?)\s+)?(?:(?:as|with)\s+)?(?:the\s+)?(?:tag\s+|label\s+)?`?[\w.]+-[\w.-]*\w`?(?![\w-])/gi, '$1 it')
    .replace(/\bpass-the-(?:hash|ticket)\b/gi, 'technique')
    // "on a domain controller" is no domain to look up; "the antivirus engine" is Defender's, not VirusTotal's.
    .replace(/\bdomain[- ](?:controllers?|admins?|joined|accounts?|users?)\b/gi, 'host')
    .replace(/\b(?:the\s+)?(?:antivirus|av|defender)\s+engines?\b/gi, (m) => (/\b(?:virus\s?total|vt)\b/i.test(full) ? m : 'antivirus'));
  const conditions: Condition[] = [];
  const phrases: Understood[] = [];
  if (unknownVt) {
    const word = unknownVt[2].toLowerCase();
    const iocTypes: IocType[] = word === 'ioc' || word === 'indicator' ? ['file', 'ip', 'url', 'domain'] : word === 'hash' || word === 'file' ? ['file'] : word === 'link' || word === 'url' ? ['url'] : word === 'ip' ? ['ip'] : ['domain'];
    const unknown: Condition = { kind: 'unknownIoc', iocTypes };
    const cond: Condition = /\bunless\b/i.test(counted.slice(0, unknownVt.index)) !== Boolean(unknownVt[1]) ? { not: unknown } : unknown;
    conditions.push(cond);
    phrases.push({ phrase: unknownVt[0].trim(), meaning: `only if ${describeCondition(cond)}` });
  }
  if (count) {
    // "fewer than 3 devices" is the negation already; "unless more than 3 devices" negates it.
    const cond: Condition = /\bunless\b/i.test(whole.slice(0, whole.indexOf(count.phrase))) ? { not: count.condition } : count.condition;
    conditions.push(cond);
    phrases.push({ phrase: count.phrase, meaning: `only if ${describeCondition(cond)}` });
  }
  const band = BAND.test(text) || BARE_BAND.test(text) || (requestCountsEngines && LEAD_BAND.test(text.trim())) ? bandCondition(text, iocTypesIn(text).length ? iocTypesIn(text) : fallbackTypes.length ? fallbackTypes : requestIocTypes) : null;
  // "but only if it is bad", "if it is found to be malicious": the verdict on the IOC the step acts on.
  const itBad = requestCountsEngines && /^(?:but\s+)?(?:only\s+)?(?:if|when|in\s+case)\s+(?:(?:it|they|that|the\s+(?:ioc|ip|url|domain|hash|file|link)s?)\s+(?:is|are|'s|'re|was|were|gets?|got|comes?\s+back|turns?\s+out)\s+(?:found\s+to\s+be\s+|to\s+be\s+|back\s+(?:as\s+)?|(?:reported|flagged|deemed|rated|marked|considered|classified|identified)\s+(?:as\s+)?|as\s+)?|(?:found\s+)?)(?:bad|malicious|flagged|dirty|known[- ]bad)$/i.test(text.trim());
  // "if its got any malicious hits", "if there are any detections", in a request about VirusTotal: at least one engine.
  const itHasAny = requestCountsEngines && /virus\s?total|\bvt\b/i.test(requestText) && /^(?:but\s+)?(?:only\s+)?(?:if|when|in\s+case)\s+(?:it|they|that|there|the\s+(?:ioc|ip|url|domain|hash|file|link)s?)\s+(?:has|have|gets?|got|shows?|is|are)\s+(?:any|some|at\s+least\s+one)\s+(?:malicious\s+|bad\s+|vt\s+|virustotal\s+)?(?:hits?|detections?|flags?|positives?)(?:\s+on\s+(?:vt|virustotal))?$/i.test(text.trim());
  const bareCount = itBad || itHasAny || requestCountsEngines && (/^(?:(?:if|when|for)\s+)?(?:it'?s\s+|there\s+are\s+)?\d+\s*(?:\+|or\s+more|or\s+above|and\s+up|or\s+higher)$/i.test(text.trim()) || /^(?:if|when|for)\s+(?:it'?s\s+|there\s+are\s+|(?:any(?:thing|one)?|something|some\s?thing|it|they|any\s+(?:ioc|file|hash|ip|url|domain)|(?:virustotal|vt)(?:\s+(?:score|count))?)(?:'s|\s+is|\s+has|\s+have|\s+are|\s+gets?|\s+says)?\s+)?(?:fewer\s+than|less\s+than|under|below|<|more\s+than|over|above|>|at\s+least|>=)\s*\d+(?:\s+or\s+more)?$/i.test(text.trim()));
  const vtCount = /virus\s?total|\bvt\b/i.test(text) && thresholdIn(text) !== null;
  // ">= 20 malicious", "under 5 bad", in a request about VirusTotal: the count is of engines.
  // ("if >= 8 malicious and severity is High": the count is one side of an "and".)
  const countedVerdict = requestCountsEngines && text.split(/\s+and\s+(?!up\b)/i).some((part, i) => /^(?:(?:but\s+)?(?:only\s+)?(?:if|when|for)\s+)?(?:(?:it'?s|it\s+(?:has|gets)|there\s+are)\s+)?(?:fewer\s+than|less\s+than|under|below|<=?|more\s+than|over|above|>=?|at\s+least|=>)?\s*\d+\s*(?:\+|or\s+more|or\s+above|and\s+up)?\s*(?:malicious|bad|flags?|hits?|positives?|detections?|engines?|vendors?|(?:malicious|bad)\s+(?:flags|hits|positives|detections|engines|vendors))$/i.test(i > 0 ? `if ${part.trim()}` : part.trim()));
  // "whose detection source is EDR": which Defender sensor raised the alert, no VirusTotal detection count.
  // "raises an alert about a malicious URL": what the alert is about, which Defender already judged; no VirusTotal verdict.
  // "a user clicked a malicious link", "SmartScreen blocks a malicious URL": what happened, as Defender reported it.
  const described = text
    // "the 'Bad-Actors' group", "group 'Flagged Users'": a group's name is no verdict.
    .replace(QUOTED_GROUP_NAME, ' group ')
    .replace(/\b(?:alerts?|detections?|incidents?|warnings?)\s+(?:about|for|on|regarding|concerning|of|involving|flagging|reporting)\s+(?:an?\s+|the\s+)?malicious\s+(?:urls?|links?|ips?|domains?|files?|attachments?|e-?mails?|messages?)\b/gi, ' ')
    .replace(/\bmalicious\s+(?:url|link)\s+clicks?\b/gi, ' ')
    // "close it as false positive": a classification, not VirusTotal's positives.
    .replace(/\b(?:false|true|benign)[- ]positives?\b/gi, ' ')
    .replace(/\b(?:clicked|clicks|clicking|click(?:ed)?\s+on|opened|opens|visited|visits|smartscreen\s+(?:blocks?|blocked|flags?|flagged|warns?\s+(?:about|on)))\s+(?:on\s+)?(?:an?\s+|the\s+)?malicious\s+(?:urls?|links?|sites?|websites?|attachments?)\b/gi, ' ');
  // "If every URL comes back clean", in a request that checks its IOCs on VirusTotal: that verdict.
  const cleanIoc = CLEAN.test(text) && iocTypesIn(text).length > 0 && /virus\s?total|\bvt\b/i.test(requestText);
  const malicious = cleanIoc || bareCount || vtCount || MALICIOUS.test(described.replace(/\bdetection\s+(?:sources?|methods?|technolog(?:y|ies))\b/gi, ' ')) || (CLEAN.test(text) && /virus\s?total|\bvt\b/i.test(text));
  // "0 engines", "if 0", "zero detections": no engine at all (a threshold of 0 would otherwise read as 1).
  const zero = requestCountsEngines ? ZERO_ENGINES.exec(text) : null;
  if (band) {
    conditions.push(band);
    phrases.push({ phrase: text, meaning: `only if ${describeCondition(band)}` });
  } else if (zero) {
    const types = iocTypesIn(text).length ? iocTypesIn(text) : fallbackTypes.length ? fallbackTypes : requestIocTypes;
    const cond: Condition = knownClean(text, true, { not: { kind: 'maliciousIoc', iocTypes: types, minEngines: 1 } }, types, Boolean(unknownVt));
    conditions.push(cond);
    phrases.push({ phrase: zero[0], meaning: `only if ${describeCondition(cond)}` });
  } else if (malicious && (cleanIoc || bareCount || countedVerdict || VT_CONTEXT.test(text)) && !/\bscan results\b/i.test(text)) {
    let types = iocTypesIn(text);
    // "if it has any malicious detections", "if the score is over 15": "it" (its score) is what the request talks about.
    // ("look the URL up on VT. - malicious >= 5: ...": a bare count is of the IOC the request looks up.)
    if (types.length === 0) types = fallbackTypes.length ? fallbackTypes : bareCount || countedVerdict || (/\b(?:it|they|them|the\s+(?:vt\s+|virustotal\s+)?(?:score|result|verdict|count|rating))\b/i.test(text) && requestIocTypes.length) ? requestIocTypes : lookedUpIocTypes.length ? lookedUpIocTypes : [...IOC_TYPES];
    // "fewer than 3 engines", "under 5 detections": the side below a threshold.
    const relative = /\b(?:fewer|less)\s+(?:engines?|vendors?|detections?|avs?|hits?)\b/i.test(text) ? thresholdIn(requestText) : null;
    const upper = /(?:\bfewer\s+than|\bless\s+than|\bunder|\bbelow|<(?!=))\s*(\d+)/i.exec(text) ?? (relative ? ([String(relative), String(relative)] as unknown as RegExpExecArray) : null);
    const minEngines = upper ? 1 : thresholdIn(text) ?? 1;
    let cond: Condition = upper
      ? Number(upper[1]) <= 1
        ? { not: { kind: 'maliciousIoc', iocTypes: types, minEngines: 1 } }
        // "fewer than 3 engines" includes none at all ("if VT has fewer than 3 on everything, close it"); "1-2 engines" is a band.
        : { not: { kind: 'maliciousIoc', iocTypes: types, minEngines: Number(upper[1]) } }
      : { kind: 'maliciousIoc', iocTypes: types, minEngines };
    const unless = /\bunless\b/i.test(text);
    // "VT flags the IP as malicious and it's not one of our internal addresses": a "not" about something else negates nothing here.
    const verdictPart = text.split(/\s*(?:[,;]|\band\b|\bbut\b)\s*/i).filter((p) => MALICIOUS.test(p) || CLEAN.test(p) || /virus\s?total|\bvt\b/i.test(p)).join(' ') || text;
    // "clean on VT (0 malicious)": a count of none is the clean side, said with the word "malicious".
    const zeroCount = /\b(?:0|zero|no)\s+(?:malicious|bad|detections?|engines?|hits?|positives?|flags?)\b/i.test(verdictPart) && !/\b(?:more|over|above|greater)\s+than\s+(?:0|zero)\b|>\s*0\b/i.test(verdictPart);
    // ("incidents not tagged drill where the URL is >= 3 on VT": that "not" is the tag's, never the verdict's.)
    const ownNegation = verdictPart.replace(/\b(?:not|n't)\s+(?:tagged|labell?ed|in|from|on|assigned|owned|part\s+of|a\s+member\s+of)\s+(?:the\s+|an?\s+)?["'\u2018\u201c]?[\w.-]+["'\u2019\u201d]?/gi, ' ');
    const negated = NEGATION.test(ownNegation.replace(/\bknown\b/gi, '')) || zeroCount || (CLEAN.test(text) && !MALICIOUS.test(text.replace(/\bclean\b/gi, '')));
    const cleanOnly = CLEAN.test(text) && !/\bmalicious\b/i.test(text);
    if (negated || cleanOnly) {
      // "block it unless VT says it is clean": what is blocked is what VirusTotal flags, as before.
      cond = unless ? cond : knownClean(verdictPart, zeroCount, { not: cond }, types, Boolean(unknownVt));
    } else if (unless) cond = { not: cond };
    conditions.push(cond);
    phrases.push({ phrase: text, meaning: `only if ${describeCondition(cond)}` });
  }
  const risk = DEVICE_RISK.exec(text);
  if (risk) {
    const level = (risk[1] ?? risk[2] ?? 'high').toLowerCase();
    const named = level === 'risky' ? 'High' : (level.charAt(0).toUpperCase() + level.slice(1)) as 'Low' | 'Medium' | 'High';
    // "risk score above medium": the level over the one named.
    const above = /\babove\s+(?:low|medium)\b/i.test(risk[0]);
    const atLeast = above ? (named === 'Low' ? 'Medium' : 'High') : named;
    // "device risk is medium or lower": no device of the alert above that level.
    const orLower = /^\s*(?:or|and)\s+(?:lower|less|below|under|down)\b/i.exec(text.slice(risk.index + risk[0].length));
    const cond: Condition = orLower
      ? (atLeast === 'High' ? { kind: 'deviceRisk', atLeast: 'Low' } : { not: { kind: 'deviceRisk', atLeast: atLeast === 'Medium' ? 'High' : 'Medium' } })
      : { kind: 'deviceRisk', atLeast };
    conditions.push(cond);
    phrases.push({ phrase: orLower ? `${risk[0]}${orLower[0]}` : risk[0], meaning: `only if ${describeCondition(cond)}` });
  }
  // "isolate any device with a Cobalt Strike detection, except ...": only what follows the exception is negated.
  const exception = /\bunless\b|\b(?:skipping|excluding|except(?:\s+for)?|ignoring|other\s+than|but\s+not)\b/i.exec(text);
  const unlessHere = exception !== null;
  const exceptionAt = exception?.index ?? text.length;
  for (const [part, negated] of [[text.slice(0, exceptionAt), false], [text.slice(exceptionAt), true]] as const) {
    if (!part.trim()) continue;
    const data = alertDataConditions(part, negated, MAIL_CONTEXT.test(requestText));
    conditions.push(...data.conditions);
    phrases.push(...data.phrases, ...data.examples);
  }
  const tagged = INCIDENT_TAGGED.exec(text);
  if (tagged) {
    let tag = (tagged[1] ?? tagged[2] ?? tagged[3] ?? tagged[4]).replace(/^["']|["']$/g, '').replace(/[:.]+$/, '');
    // "tagged Red Team, do nothing": a tag of capitalised words, unquoted, is all of them (a tag cut to "Red" never matched).
    const more = tagged[2] ?? tagged[4] ? TAG_CAPITALS.exec(text.slice(tagged.index + tagged[0].length)) : null;
    if (more && /^[A-Z]/.test(tag)) {
      tag = `${tag}${more[0]}`.replace(/[:.]+$/, '');
      tagged[0] = `${tagged[0]}${more[0]}`;
    }
    // "tagged red team": an unquoted tag that runs on into another word may be longer than one word. Read as one word it
    // would never match (and an exception would fail), so it is left unread and asked about.
    const runsOn = (tagged[2] ?? tagged[4]) !== undefined && !more && !TAG_ENDS.test(text.slice(tagged.index + tagged[0].length));
    // "tagged 'uitbraak' or 'outbreak'": either quoted tag (read once, the second was left unread).
    const tags = [tag];
    for (let alt = TAG_ALTERNATIVE.exec(text.slice(tagged.index + tagged[0].length)); alt && (tagged[1] ?? tagged[3]) !== undefined; alt = TAG_ALTERNATIVE.exec(text.slice(tagged.index + tagged[0].length))) {
      tags.push(alt[1]);
      tagged[0] = `${tagged[0]}${alt[0]}`;
    }
    if (!runsOn) {
      const cond: Condition = unlessHere || /\bnot\s+(?:already\s+)?(?:tagged|labell?ed)|\bwithout\s+(?:the\s+)?tag\b/i.test(tagged[0]) ? { not: { kind: 'incidentTag', tags } } : { kind: 'incidentTag', tags };
      conditions.push(cond);
      phrases.push({ phrase: tagged[0], meaning: `only if ${describeCondition(cond)}` });
    }
  }
  const group = groupNamed(full);
  if (group) {
    // "in the A or B group", "in the A group or the B group", "in group 'A' or 'B'": either group (read once, the second
    // had been dropped, and its members disabled).
    const names = group.name.split(/\s+or\s+/i).map((n) => n.trim()).filter(Boolean);
    let phrase = group[0];
    let after = full.slice(group.index + group[0].length);
    for (let more = GROUP_ALTERNATIVE.exec(after); more; more = GROUP_ALTERNATIVE.exec(after)) {
      names.push((more[1] ?? more[2] ?? more[3]).trim());
      phrase += more[0];
      after = after.slice(more[0].length);
    }
    const inGroup: Condition = { kind: 'userInGroup', groups: [...new Set(names)] };
    const cond: Condition = unlessHere || /\bnot\s+(?:in|a\s+member)/i.test(group[0]) ? { not: inGroup } : inGroup;
    conditions.push(cond);
    phrases.push({ phrase, meaning: `only if ${describeCondition(cond)}` });
  }
  const detection = DETECTION_SOURCE.exec(text);
  if (detection) {
    const word = (detection.slice(1).find((g) => g !== undefined) ?? '').toLowerCase().replace(/[\s-]+/g, '');
    const sources = DETECTION_SOURCES.find((d) => d.words.includes(word))?.values;
    if (sources) {
      const cond: Condition = unlessHere ? { not: { kind: 'detectionSource', sources } } : { kind: 'detectionSource', sources };
      conditions.push(cond);
      phrases.push({ phrase: detection[0], meaning: `only if ${describeCondition(cond)}` });
      // "from Defender Antivirus (not EDR)": the other source named is left out too.
      const rather = /^\s*,?\s*(?:and\s+|but\s+)?(?:not|rather\s+than|instead\s+of)\s+(?:from\s+|by\s+)?(?:the\s+)?(?:microsoft\s+)?([a-z][\w -]*?)(?:\s+(?:alerts?|detections?))?(?=$|[,.;)]|\s+(?:and|or|but)\b)/i.exec(text.slice(detection.index + detection[0].length));
      const other = rather ? DETECTION_SOURCES.find((d) => d.words.includes(rather[1].toLowerCase().replace(/[\s-]+/g, '')))?.values : undefined;
      if (rather && other && !unlessHere && other !== sources) {
        const not: Condition = { not: { kind: 'detectionSource', sources: other } };
        conditions.push(not);
        phrases.push({ phrase: rather[0].trim(), meaning: `only if ${describeCondition(not)}` });
      }
    }
  }
  const owned = ASSIGNED_STATE.exec(text);
  if (owned && !/^(?:nobody|no\s?one|noone)$/i.test(owned[1])) {
    const cond: Condition = { kind: 'assignment', assigned: true, to: owned[1].toLowerCase() };
    conditions.push(/\bunless\b/i.test(owned[0]) ? { not: cond } : cond);
    phrases.push({ phrase: owned[0], meaning: `only if ${describeCondition(cond)}` });
  }
  const unassigned = owned && /^(?:nobody|no\s?one|noone)$/i.test(owned[1]) ? owned : /\bunassigned\b|\bnot\s+(?:yet\s+)?assigned\b|\bno(?:body|\s?one)(?:'s)?\s+(?:is\s+|has\s+been\s+|was\s+|'s\s+been\s+|been\s+)?(?:yet\s+)?assigned\b|\bno(?:body|\s?one)\s+(?:has\s+)?(?:yet\s+)?assigned\s+(?:it|them)\b|\bwithout\s+an?\s+(?:owner|assignee)\b|\b(?:has|have|with)\s+no\s+(?:owner|assignee)\b|\bno\s+(?:owner|assignee)\s+(?:yet|set)\b|\bownerless\b|\bno(?:body|\s?one)\s+owns\b|\bno(?:body|\s?one)\s+(?:has\s+|'s\s+|is\s+)?(?:yet\s+)?(?:picked|taken|grabbed|claimed|looked\s+at)(?:\s+(?:it|them)\s+up|\s+up\s+(?:it|them)|\s+(?:it|them)|\s+up)?(?:\s+yet)?\b|\b(?:not|never)\s+(?:yet\s+)?(?:been\s+)?(?:picked\s+up|claimed)\b|\bun(?:owned|claimed)\b/i.exec(text);
  if (unassigned && (allowEntity || unassigned === owned || !/^not\b/i.test(unassigned[0]))) {
    const cond: Condition = { kind: 'assignment', assigned: unlessHere };
    conditions.push(cond);
    phrases.push({ phrase: unassigned[0], meaning: `only if ${describeCondition(cond)}` });
  }
  const assigned = unassigned ? null : /\b(?:(?:is|are)\s+)?already\s+(?:assigned|owned|taken|picked\s+up)\b|\bassigned\s+to\s+(?:someone|somebody|anyone|an?\s+(?:analyst|owner))\b|\b(?:has|have|with)\s+an?\s+(?:owner|assignee)\b|\b(?:someone|somebody)\s+(?:owns|has\s+(?:taken|picked\s+up)|is\s+(?:on|working\s+on))\s+(?:it|them)\b/i.exec(text);
  if (assigned && allowEntity) {
    const cond: Condition = { kind: 'assignment', assigned: !unlessHere };
    conditions.push(cond);
    phrases.push({ phrase: assigned[0], meaning: `only if ${describeCondition(cond)}` });
  }
  // ("reports a malicious attachment that was delivered": the delivery is tested, and so is the attachment.)
  if (allowEntity && (conditions.length === 0 || conditions.every((c) => 'kind' in c && c.kind === 'mailDelivery'))) {
    const e = ENTITY_PRESENT.exec(text);
    if (e) {
      const word = e[1].toLowerCase();
      const entityType = word === 'user' ? 'User' : word === 'file' || word === 'attachment' ? 'File' : word === 'ip' ? 'Ip' : word === 'url' ? 'Url' : word === 'process' ? 'Process' : 'MailMessage';
      const cond: Condition = { kind: 'entityPresent', entityType };
      conditions.push(cond);
      phrases.push({ phrase: e[0], meaning: `only if ${describeCondition(cond)}` });
    }
  }
  return { conditions, phrases };
}

/** A lead naming IOC types and nothing else: "for URLs", "hashes", "on the bad IPs and domains". */
const IOC_LEAD = /^(?:(?:for|on|with|if|when)\s+(?:there\s+(?:is|are)\s+)?)?(?:(?:the\s+)?(?:ioc|indicator|observable)\s+type\s+(?:is\s+)?)?(?:(?:the|any|all|each|every|malicious|bad|flagged)\s+)*(?:file\s?hash(?:es)?|hash(?:es)?|files?|ips?|ip\s+address(?:es)?|urls?|links?|domains?)(?:\s*(?:,|and|or|\/)\s*(?:(?:the|any|all|malicious|bad)\s+)*(?:hash(?:es)?|files?|ips?|urls?|links?|domains?))*(?:\s+(?:in|from|of|on)\s+(?:the\s+|our\s+|an?\s+|any\s+|all\s+)?(?:incidents?|alerts?))?$/i;
/** "IPs: comment on the incident": a step that does not act on IOCs runs when the incident carries one of those types. */
function iocPresence(types: IocType[]): Condition[] {
  // Domains are no entity type of their own in Defender: no presence test for them.
  const present: Condition[] = types.filter((t) => t !== 'domain').map((t) => ({ kind: 'entityPresent', entityType: t === 'file' ? 'File' : t === 'ip' ? 'Ip' : 'Url' }));
  return present.length === 0 ? [] : [present.length === 1 ? present[0] : { any: present }];
}

/** Actions whose target is the IOCs themselves. */
const IOC_ACTIONS: ActionName[] = ['createIndicator', 'stopAndQuarantineFile'];

// ---------------------------------------------------------------- exclusions

/** A clause that says what the request never acts on: "skip ...", "ignore ...", "exclude ...", "leave ... alone". */
/**
 * "if the title mentions cobalt strike or beacon and the machine is in group X": the words a title may hold, with their
 * "or", taken out (that "or" is between two title words, not between a device's detail and another condition).
 */
function withoutTitleAlternatives(text: string): string {
  const word = String.raw`(?:'[^']{1,60}'|"[^"]{1,60}"|[\w-]+(?:\s+[\w-]+)?)`;
  return text.replace(new RegExp(String.raw`\b(?:title|name)s?\s+(?:mentions?|contains?|includes?|has|says|with)\s+(?:${word}\s*(?:,|\bor\b)\s*)+${word}(?=\s+and\b|\s*,|\s*$)`, 'gi'), ' ');
}

/** The kinds of thing "don't touch ..." can spare. */
// (Laptops and desktops are no kind Defender reports: sparing them is read only as sparing every device.)
const SPARED_NOUN = '\\b(?:devices?|machines?|hosts?|endpoints?|boxes|box|laptops?|desktops?|pcs?|computers?|accounts?|users?|identit(?:y|ies))\\b';
const SPARED_LIST = `(?:the\\s+|their\\s+|any\\s+|its\\s+)?${SPARED_NOUN}(?:\\s*(?:,|/|\\bor\\b|\\band\\b|\\bnor\\b)\\s*(?:the\\s+|their\\s+|any\\s+|its\\s+)?${SPARED_NOUN})*`;
/** "leave the devices alone", "don't touch any device or user", "no account changes": no step of those kinds. */
const KIND_SPARED = new RegExp(
  `^(?:but\\s+|and\\s+)?(?:please\\s+)?(?:leave\\s+${SPARED_LIST}(?:\\s+(?:itself|themselves))?\\s+(?:alone|be)|(?:do\\s+not|don'?t|dont|never)\\s+touch\\s+${SPARED_LIST}(?:\\s+(?:itself|themselves|either|at\\s+all))?|(?:and\\s+)?(?:that\\s+is\\s+it,?\\s+)?no\\s+(?:${SPARED_LIST}\\s+(?:actions?|changes?|containment)|(?:actions?|changes?)\\s+(?:on|to)\\s+${SPARED_LIST})(?:\\s+(?:on|for)\\s+(?:these|those|them|it))?)$`,
  'i',
);
const EXCLUSION = /^(?:but\s+)?(?:please\s+)?(?:skip(?:ping)?|ignor(?:e|ing)|exclud(?:e|ing)|exempt|disregard|bypass|leave\s+out|(?:do\s+not|don'?t|never)\s+(?:touch|act\s+on|run\s+(?:this\s+|it\s+)?(?:on|for)|bother\s+with|do\s+anything\s+(?:on|for|to|with)))\s+(.+?)(?:\s+alone)?$|^(?:but\s+)?(?:please\s+)?leave\s+(.+?)\s+alone$/i;
/** The subject of an exclusion, read as incidents: "anything tagged X" -> "incidents tagged X". */
const EXCLUDED_SUBJECT = /^(?:(?:any|every)(?:thing|one)|(?:the\s+)?ones?|those|stuff|whatever|any|all|the|(?:the\s+|any\s+|all\s+)?(?:incidents?|alerts?|cases?|tickets?|detections?))\b/i;

interface Exclusion {
  conditions: Condition[];
  devices: DeviceMatch;
  /** Users and IOCs it spares ("skip svc- accounts", "ignore internal IPs"). */
  entities: EntityQualifiers;
  notes: Understood[];
  described: string;
  usesDc: boolean;
}

/** Reads an exclusion clause; null when the clause is not one, or names nothing Rampart can check (then it stays not read). */
function exclusionOf(text: string): Exclusion | null {
  const m = EXCLUSION.exec(text.trim());
  if (!m) return null;
  const subject = (m[1] ?? m[2] ?? '').trim();
  // "skip anything under 10": in a request about VirusTotal engines, what falls below the threshold.
  const below = requestCountsEngines ? /^(?:(?:any|every)thing|any|all|those|ones|the\s+ones|iocs?|hash(?:es)?|ips?|urls?|domains?|files?)?\s*(?:under|below|less\s+than|fewer\s+than|<)\s*(\d+)(?:\s+(?:engines?|detections?|hits?|vendors?))?$/i.exec(subject) : null;
  if (below) {
    const atLeast: Condition = { kind: 'maliciousIoc', iocTypes: requestIocTypes, minEngines: Number(below[1]) };
    return { conditions: [{ not: atLeast }], devices: {}, entities: entityQualifiers(''), notes: [], described: `anything VirusTotal flags with fewer than ${below[1]} engines`, usesDc: false };
  }
  if (!subject || matchActions(subject).length > 0) return null;
  // "skip low", "ignore info and low": bare severities are incidents of those severities.
  const bareSeverities = new RegExp(`^(?:the\\s+)?${SEV_WORD}(?:\\s*(?:,|\\/|\\bor\\b|\\band\\b)\\s*${SEV_WORD})*(?:\\s+ones)?$`, 'i').test(subject);
  const asIncidents = (bareSeverities ? `${subject.replace(/\s+ones$/i, '')} severity incidents` : subject).replace(EXCLUDED_SUBJECT, 'incidents ').replace(/^incidents\s+(?=incidents?\b)/i, '');
  const draft = newDraft();
  const notes: Understood[] = [];
  extractTriggerFacts(asIncidents, true, draft, notes, new Set(), new Set());
  const conditions: Condition[] = residualConditions(draft, newDraft());
  const { conditions: more, phrases } = extractConditions(`if ${asIncidents}`, [], true);
  conditions.push(...more);
  notes.push(...phrases);
  const dq = deviceQualifiers(subject);
  if (dq.unknown.length) return null;
  const entities = entityQualifiers(subject, true);
  if (entities.unknownUsers.length || entities.unknownIocs.length) return null;
  if (conditions.length === 0 && isEmptyMatch(dq.include) && entities.notes.length === 0) return null;
  const described = [
    ...conditions.map((c) => describeCondition(c)),
    ...(isEmptyMatch(dq.include) ? [] : [describeDevices(dq.include)]),
    ...entities.notes.map((n) => n.meaning.replace(/^leave out /, '')),
  ].join('; ');
  return { conditions, devices: dq.include, entities, notes: notes.map((n) => ({ ...n, meaning: `never: ${n.meaning}` })), described, usesDc: dq.usesDc };
}

// ---------------------------------------------------------------- actions

interface DraftStep {
  action: ActionName;
  phrase: string;
  params: StepParams;
  conditions: Condition[];
  iocTypes: IocType[];
  whereSeen: boolean;
  deviceFilter?: DeviceFilter;
  userFilter?: UserFilter;
  iocFilter?: IocFilter;
}

function hasEntityQualifiers(q: EntityQualifiers): boolean {
  return q.notes.length + q.unknownUsers.length + q.unknownIocs.length > 0;
}

function mergePatterns(into: { namePatterns: string[] } | undefined, more: string[]): { namePatterns: string[] } {
  return { namePatterns: [...new Set([...(into?.namePatterns ?? []), ...more])] };
}

/**
 * Adds a clause's user and IOC qualifiers to the steps they govern: a user step takes the users'
 * names as its user filter, a block step the ranges and domains as its IOC filter. Any other step
 * takes a users' name as a condition ("isolate the device unless the user is svc-*").
 */
function applyEntityQualifiers(steps: DraftStep[], q: EntityQualifiers): void {
  for (const s of steps) {
    if (USER_ACTIONS.includes(s.action)) {
      const f: UserFilter = { ...(s.userFilter ?? {}) };
      if (q.users.include) f.include = mergePatterns(f.include, q.users.include.namePatterns);
      if (q.users.exclude) f.exclude = mergePatterns(f.exclude, q.users.exclude.namePatterns);
      if (f.include || f.exclude) s.userFilter = f;
    } else {
      if (q.users.include) s.conditions.push({ kind: 'userNamed', patterns: q.users.include.namePatterns });
      if (q.users.exclude) s.conditions.push({ not: { kind: 'userNamed', patterns: q.users.exclude.namePatterns } });
    }
    if (s.action === 'createIndicator') {
      const f: IocFilter = { ...(s.iocFilter ?? {}) };
      if (q.iocs.ipScope) f.ipScope = q.iocs.ipScope;
      if (q.iocs.excludeDomains) f.excludeDomains = [...new Set([...(f.excludeDomains ?? []), ...q.iocs.excludeDomains])];
      if (q.iocs.excludeValues) f.excludeValues = [...new Set([...(f.excludeValues ?? []), ...q.iocs.excludeValues])];
      if (f.ipScope || f.excludeDomains || f.excludeValues) s.iocFilter = f;
    }
  }
}

/**
 * Leaves out the destructive steps a user or IOC qualifier Rampart cannot check would narrow: user
 * steps for "service accounts", block steps for "our own domain", and any destructive step for an
 * IP range or domain qualifier it cannot carry (only block steps filter IOCs).
 */
function dropForUnknownEntities(steps: DraftStep[], q: EntityQualifiers, notUnderstood: string[], withheld: Withheld[]): DraftStep[] {
  const unknown: Array<{ words: string; risky: DraftStep[] }> = [];
  for (const u of q.unknownUsers) unknown.push({ words: u, risky: steps });
  for (const u of q.unknownIocs) unknown.push({ words: u, risky: steps.filter((s) => s.action === 'createIndicator' || !USER_ACTIONS.includes(s.action)) });
  if (q.iocs.ipScope || q.iocs.excludeDomains || q.iocs.excludeValues) {
    const carried = steps.filter((s) => s.action !== 'createIndicator');
    const phrase = q.notes.find((n) => /IP|domains/.test(n.meaning))?.phrase;
    if (phrase && carried.length && !steps.some((s) => s.action === 'createIndicator')) unknown.push({ words: phrase, risky: carried });
  }
  const gone = new Set<DraftStep>();
  for (const { words, risky } of unknown) {
    if (risky.length === 0) continue;
    const label = [...new Set(risky.map((s) => ACTIONS[s.action].label.toLowerCase()))].join(', ');
    notUnderstood.push(`${words} (Rampart cannot tell these apart in Defender's data, so "${label}" was left out rather than run on everyone)`);
    withheld.push({ words, actions: risky.map((s) => s.action), kind: 'condition' });
    risky.forEach((s) => gone.add(s));
  }
  return steps.filter((s) => !gone.has(s));
}

/** The actions a piece of the request asks for, as the grammar reads it (none when it is negated). */
export function actionsAskedFor(text: string): ActionName[] {
  const { action } = splitTrailingCondition(text);
  if (NEGATED_ACTION.test(action) || MID_NEGATION.test(action)) return [];
  return matchActions(action);
}

function matchActions(input: string): ActionName[] {
  const found: ActionName[] = [];
  // "tag the incident pkg-and-scan": a tag's name is a name, whatever verbs it is made of.
  const text = input.replace(/(\b(?:tag|label)(?:s|ged|led)?\s+(?:(?:the|this|that)\s+)?(?:(?:incident|alert|case)\s+|it\s+|them\s+)?(?:(?:with|as)\s+)?(?:(?:the|a)\s+tag\s+)?)["'\u2018\u201c]?[\w.]+(?:-[\w.]+)+["'\u2019\u201d]?/gi, '$1tagname')
    // "the CA-Block-Legacy group", "grp Auto-Isolate-Exempt": a name of capitalised parts is a name, never the verbs in it
    // (read as "block", a group's name had become a block of every IOC).
    .replace(/(?<![\w-])(?=[\w-]*[A-Z][\w]*-|[\w-]*-[A-Z])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+(?![\w-])/g, (name: string) => (name.split('-').filter((part) => /^[A-Z]/.test(part)).length >= 2 ? 'name' : name));
  for (const p of ACTION_PATTERNS) {
    const m = p.re.exec(text);
    if (!m) continue;
    const rest = p.unless ? text.replace(new RegExp(p.unless.source, 'gi'), ' ') : text;
    if (p.unless && !p.re.test(rest)) continue;
    found.push(p.action);
  }
  // "quarantine the file" is a file action, not device isolation; "release from isolation" is not isolation.
  if (found.includes('stopAndQuarantineFile')) remove(found, 'isolate');
  if (found.includes('unisolate')) remove(found, 'isolate');
  if (found.includes('unrestrictCodeExecution')) remove(found, 'restrictCodeExecution');
  if (found.includes('sendMail') && !/\b(?:teams|channel|chat)\b/i.test(text)) remove(found, 'teamsMessage');
  if (found.includes('dismissRiskyUser') || found.includes('confirmCompromised')) {
    remove(found, 'createIndicator');
  }
  if (found.includes('disableUser')) remove(found, 'createIndicator');
  // "reset passwords for the users in the alert, except ceo@contoso.com": an address after an exception is no recipient.
  const addresses = [...text.matchAll(EMAIL)];
  if (found.includes('sendMail') && addresses.length && addresses.every((m) => isException(text, m.index)) && !/\b(?:e-?mail|mail|send|forward|cc)\b/i.test(text)) remove(found, 'sendMail');
  return found;
}

function remove<T>(list: T[], item: T): void {
  const i = list.indexOf(item);
  if (i >= 0) list.splice(i, 1);
}

/** The text with names blanked: what is quoted, and hyphenated names ("CA-Excluded-BreakGlass", "No-Isolate"). */
function withoutNames(text: string): string {
  return text.replace(/'[^']*'|"[^"]*"|\b[\w]+(?:-[\w]+)+\b/g, (m) => (/[A-Z]/.test(m) || /^['"]/.test(m) ? 'NAME' : m));
}

function quoted(text: string): string[] {
  return [...text.matchAll(/["“'‘]([^"”'’]{1,80})["”'’]/g)].map((m) => m[1].trim()).filter(Boolean);
}

function incidentChanges(said: string, facts: Set<string>, notes: Understood[]): IncidentChanges | null {
  const changes: IncidentChanges = {};
  // "incidents resolved as FP that are assigned to X": states the incident is in, which are conditions, not changes.
  const text = said.replace(new RegExp(REDUCED_STATE.source, 'gi'), '$1').replace(new RegExp(ASSIGNED_STATE.source, 'gi'), ' ');
  const assign = ASSIGN_TO_ADDRESS.exec(text) ?? ASSIGN.exec(text);
  if (assign && /\bassign|\broute|\bhand|\bgive|\bescalate/i.test(assign[0])) {
    const who = assign[1];
    if (!/^me$/i.test(who)) {
      changes.assignedTo = who.replace(/[.,]$/, '');
      notes.push({ phrase: assign[0], meaning: `assign the incident to ${changes.assignedTo}` });
    }
  }
  const status = MARK_STATUS.exec(text);
  if (status) {
    const s = (status[1] ?? status[2] ?? '').toLowerCase().replace(/[- ]/g, '');
    changes.status = s === 'inprogress' ? 'InProgress' : s === 'active' ? 'Active' : 'Resolved';
    notes.push({ phrase: status[0], meaning: `set the incident status to ${changes.status}` });
  }
  if (CLOSE.test(text) && !/\bclose(?:d)?\s+(?:the\s+)?(?:session|process)/i.test(text)) {
    changes.status = 'Resolved';
    if (/\bfalse[- ]positives?\b|\bfp\b|\bnot\s+malicious\b/i.test(text)) {
      changes.classification = 'FalsePositive';
      changes.determination = 'Other';
      facts.add('Closing as a false positive sets status Resolved, classification FalsePositive and determination Other (a value the Defender XDR incident API accepts).');
    // "close informational incidents ... as true positive": "informational" names the severity unless it is what they close as.
    } else if (/\bbenign\b|\bexpected\s+activity\b|\bas\s+(?:an?\s+)?informational\b/i.test(text) || (/\binformational\b/i.test(text) && !/\btrue[- ]positives?\b|\btp\b/i.test(text))) {
      changes.classification = 'InformationalExpectedActivity';
      changes.determination = 'Other';
    } else if (/\btrue[- ]positives?\b|\btp\b/i.test(text)) {
      changes.classification = 'TruePositive';
      changes.determination = 'Other';
    }
    notes.push({ phrase: text, meaning: `resolve the incident${changes.classification ? ` as ${changes.classification}` : ''}` });
  }
  // "classify it as FP", "classification: True Positive", "status In Progress, classification True Positive".
  const classify = /\bclassif(?:y|ies|ication)\b(?:[^.]*?\b(?:to|as)\s+|\s*[:=]?\s*)(?:an?\s+)?(false[- ]positive|true[- ]positive|informational(?:,?\s+expected\s+activity)?|expected\s+activity|benign(?:\s+positive)?)/i.exec(text);
  if (classify) {
    const c = classify[1].toLowerCase();
    changes.classification = /false/.test(c) ? 'FalsePositive' : /true/.test(c) ? 'TruePositive' : 'InformationalExpectedActivity';
    changes.determination ??= 'Other';
    notes.push({ phrase: classify[0], meaning: `set the classification to ${changes.classification}` });
  }
  const named = DETERMINATION.exec(text);
  if (named && (changes.status === 'Resolved' || changes.classification)) {
    const value = determinationOf(named[1] ?? named[2]);
    // ("resolve it, determination security testing": a determination only one classification has, names that one.)
    const only = (Object.keys(DETERMINATIONS_OF) as Array<keyof typeof DETERMINATIONS_OF>).filter((c) => DETERMINATIONS_OF[c].includes(value));
    const fits = DETERMINATIONS_OF[changes.classification ?? (only.length === 1 ? only[0] : 'TruePositive')].includes(value);
    if (fits) {
      changes.classification ??= only.length === 1 ? only[0] : 'TruePositive';
      changes.determination = value;
      notes.push({ phrase: named[0], meaning: `set the determination to ${value}` });
    }
  }
  if (TAG.test(text.replace(INCIDENT_TAGGED, ' ').replace(/\b(?:devices?|machines?|hosts?|servers?|workstations?|laptops?|desktops?|endpoints?|box(?:es)?|pcs?|computers?|vms?|nodes?|ones|those)\s+(?:that\s+are\s+)?(?:tagged|labell?ed)\b[^,;]*|\bwith\s+(?:the\s+)?(?:machine|device)\s+tag\b[^,;]*|\b(?:the|those|these)\s+tagged\s+(?:devices|machines|hosts|boxes|endpoints|servers|workstations|laptops|ones)\b/gi, ' '))) {
    let tags = quoted(text);
    if (tags.length === 0) {
      const m = /\b(?:as|with(?:\s+the)?(?:\s+tag)?|tag(?:ged)?(?:\s+(?:it|them|the\s+incident|incidents?))?|label(?:led)?(?:\s+(?:it|them))?)\s+(?:a\s+|an\s+|the\s+)?(?:tag\s+|label\s+)?([A-Za-z0-9][\w:./-]*)\s*$/i.exec(text)
        ?? /\b(?:as|tag|label)\s+(?:a\s+|an\s+|the\s+)?([A-Za-z0-9][\w:./-]*-[\w:./-]+)/i.exec(text)
        // "tag MDO incidents suspicious-origin": the value after the incidents it names.
        ?? /\b(?:tag|label)\s+(?:(?:the|all|new|any)\s+)?(?:[A-Za-z0-9]+\s+){0,2}?(?:incidents?|alerts?|cases?|them|it)\s+(?:as\s+|with\s+)?([A-Za-z0-9][\w:./]*-[\w:./-]+)/i.exec(text);
      // "Tag incidents: ..." names what is tagged, not the tag.
      if (m && !/^(?:incidents?|alerts?|cases?|it|them|tickets?)$/i.test(m[1])) tags = [m[1]];
    }
    if (tags.length) {
      changes.addTags = tags;
      facts.add("Tags are added to the incident's existing tags: the API replaces the whole list, so the playbook sends the old tags plus the new one.");
      notes.push({ phrase: text, meaning: `add the tag${tags.length > 1 ? 's' : ''} ${tags.map((t) => `"${t}"`).join(', ')}` });
    }
  }
  if (COMMENT.test(text)) {
    changes.addComment = true;
    const q = quoted(text).filter((t) => t.length > 3);
    if (q.length) changes.comment = q.join(' ');
    // "a comment saying low confidence": the words it says.
    const saying = q.length ? null : /\b(?:saying|that\s+says|which\s+says|with\s+the\s+(?:text|words?)|reading)\s+(.{3,120})$/i.exec(text);
    if (saying) changes.comment = saying[1].trim();
    if (/\bvirus\s?total\b|\bvt\b|\bverdicts?\b|\breputation\b/i.test(text)) changes.includeVirusTotal = true;
    notes.push({ phrase: text, meaning: `add a comment to the incident${changes.comment ? ` ("${changes.comment}")` : changes.includeVirusTotal ? ' with the VirusTotal results' : ' summarising what the playbook found and did'}` });
  }
  return Object.keys(changes).length ? changes : null;
}

// ---------------------------------------------------------------- plan

/** Words whose meaning Rampart could not read, and the destructive actions they may narrow. */
export interface Withheld {
  words: string;
  actions: ActionName[];
  /** `lost`: the words name an action no step came from ("quarantine it everywhere it was seen"). */
  kind: 'condition' | 'device' | 'word' | 'lost';
}

/** The interpreter's reading: the plan, and the destructive steps it left out because words governing them were not read. */
export interface Interpretation {
  result: PlanResult;
  withheld: Withheld[];
}

/** Reads a normalized request clause by clause into a plan. */
/**
 * "if 45.95.147.12 shows up in an incident, block that IP": a step acting on IOCs, run because one of the values named showed
 * up, acts on those values only (the condition alone let it block every IP of the incident).
 */
function valuesSeen(step: Step): Step {
  if (step.target.kind !== 'iocs' || step.iocFilter?.values?.length || !step.when) return step;
  const tests = 'all' in step.when.condition ? step.when.condition.all : [step.when.condition];
  const seen = tests.flatMap((c) => ('kind' in c && c.kind === 'iocValue' ? c.values : []));
  return seen.length ? { ...step, iocFilter: { ...(step.iocFilter ?? {}), values: seen } } : step;
}

export function interpretRequest(request: string, ctx: PlanContext): Interpretation {
  const withheld: Withheld[] = [];
  return { result: planOffline(request, ctx, withheld), withheld };
}

/** IOC types the whole request talks about: what a bare VirusTotal band ("1-4 engines") refers to. */
let requestIocTypes: IocType[] = [...IOC_TYPES];
/** The IOC kinds a request says it looks up on VirusTotal ("look the URL up on VT", "check the hash in VT"); none when it names none. */
let lookedUpIocTypes: IocType[] = [];
/** "look the URL up on VT", "check the hashes against VirusTotal", "VT lookup on the sender IP": what the request looks up. */
const LOOKED_UP = /\b(?:look\s+(?:the\s+|each\s+|every\s+|all\s+|any\s+)?([\w\s-]{2,30}?)\s+up|(?:check|query|lookup|look\s+up|enrich|run)\s+(?:the\s+|each\s+|every\s+|all\s+|any\s+)?([\w\s-]{2,30}?))\s+(?:on|in|against|with|at|through)\s+(?:virus\s?total|vt)\b/i;
/** Whether the request talks about VirusTotal engines: a bare "if fewer than 3" then means engines. */
let requestCountsEngines = false;
/** The request itself, for conditions that refer to a number stated elsewhere ("if fewer engines flag it"). */
let requestText = '';

/** Where a phrase is said, every time ("revoke the sessions. for X only revoke the sessions": twice). */
function placesOf(request: string, phrase: string): number[] {
  const out: number[] = [];
  for (let at = request.indexOf(phrase); phrase && at >= 0; at = request.indexOf(phrase, at + 1)) out.push(at);
  return out;
}

/** Whether a step's words come after its case in their sentence ("if X, only add a comment", "for X: just tag it"). */
function caseSaidFirst(request: string, phrase: string): boolean {
  return placesOf(request, phrase.trim()).some((at) => caseSaidBefore(request, at));
}

function caseSaidBefore(request: string, at: number): boolean {
  const said = request.slice(0, at).split(/[.;!?\n]\s+|^/).pop() ?? '';
  const sentence = said.replace(/\b(?:only|just)\s+$/i, '');
  // ("for users in the Break-Glass group only revoke": the "only" itself ends the case.)
  if (/^\s*(?:but\s+|and\s+|otherwise\s+)?(?:if|when|whenever|for|on|where|with|in\s+case|once)\b/i.test(sentence) && (/(?:,|:|->|=>|\u2192|\bthen)\s*$/i.test(sentence) || (sentence !== said && /\S/.test(sentence)))) return true;
  // ("Low severity: only add a comment", "tagged lab -> just post it": a heading of a few words names the case too; the
  // step's conditions say it was read as one.)
  return /^\s*[^\s,;:>]+(?:\s+[^\s,;:>]+){0,5}\s*(?::|->|=>|\u2192)\s*$/.test(sentence) && matchActions(sentence).length === 0;
}

/** "only revoke", "just post it", "revoke instead": the step is all its case gets. */
function saidAsAllTheCaseGets(request: string, phrase: string): boolean {
  return /^(?:(?:and|then|but)\s+)?(?:only|just)\b|\binstead\b/i.test(phrase.trim()) || placesOf(request, phrase.trim()).some((at) => /\b(?:only|just)\s+$/i.test(request.slice(0, at)));
}

/** Two steps on the same things: the same parameters and the same device, user and IOC filters. */
function sameTargeting(a: DraftStep, b: DraftStep): boolean {
  const key = (x: DraftStep): string => JSON.stringify([x.params, x.deviceFilter ?? null, x.userFilter ?? null, x.iocFilter ?? null, x.iocTypes]);
  return key(a) === key(b);
}

function planOffline(request: string, ctx: PlanContext, withheld: Withheld[]): PlanResult {
  requestIocTypes = iocTypesIn(request).length ? iocTypesIn(request) : [...IOC_TYPES];
  requestText = request;
  const lookedUp = LOOKED_UP.exec(request);
  lookedUpIocTypes = lookedUp ? iocTypesIn(lookedUp[1] ?? lookedUp[2] ?? '') : [];
  requestCountsEngines = /\b(?:engines?|vendors?|detections?|virustotal|vt|hits|reputation)\b/i.test(request);
  const understood: Understood[] = [];
  const notUnderstood: string[] = [];
  /** Trigger or condition clauses Rampart could not read: they narrow what the request asks for. */
  const unreadConditions: string[] = [];
  const unreadTrailing: string[] = [];
  const facts = new Set<string>();
  const assumptions = new Set<string>();
  const segments: Array<Segment<DraftStep>> = [];
  /** Devices a negated clause spares ("never isolate DCs"), per action. */
  const neverOn: Array<{ actions: ActionName[]; match: DeviceMatch }> = [];
  /** Leads of branches that do nothing, whose words were not read ("low/none risk: leave it alone"). */
  const casesLeftAlone: string[] = [];
  /** "for servers, just collect the package": kinds of device that get only the steps of their own branch. */
  const onlyOn: Array<{ kinds: DeviceKind[]; match?: DeviceMatch; keep: DraftStep[] }> = [];
  /** Kinds of step the request says it does not want ("leave the devices alone"). */
  const neverKinds: Array<{ phrase: string; actions: ActionName[]; seg: Segment<DraftStep> }> = [];
  /** Users and IOCs a negated or exclusion clause spares ("never block internal IPs", "skip svc- accounts"), per action. */
  const neverEntity: Array<{ actions: ActionName[]; q: EntityQualifiers }> = [];
  /** Incidents a negated clause spares ("dont isolate anything tagged pentest"), per action. */
  const neverWhen: Array<{ actions: ActionName[]; conditions: Condition[] }> = [];
  /** Per sentence: each action clause's steps and the trailing condition it carried (null for none). */
  let clauseConditions: Array<{ steps: DraftStep[]; conditions: Condition[] | null; only: boolean }> = [];
  /** Conditions of sentences that come before any step: they govern the whole request. */
  const headerConditions: Condition[] = [];
  /** The sentences those conditions were said in. */
  const headerTexts: string[] = [];
  /** What an exclusion clause said the request never acts on ("skip anything tagged PenTest"). */
  const exclusions: Condition[] = [];
  /** Cases of the whole incident said to get nothing ("if it is already assigned, do nothing"). */
  const nothingCases: Condition[] = [];
  const excluding = new Set<Segment<DraftStep>>();
  /** "otherwise" branches after accounts left alone: the steps there leave those accounts out. */
  const otherUsers: Array<{ seg: Segment<DraftStep>; words: string }> = [];
  /** Segments with an incident update (assign, tag, comment ...): they count as acting when a clause opens a severity branch. */
  const updating = new Set<Segment<DraftStep>>();
  /** Whether a segment has acted: a step of its own, or an incident update (those become steps in their own pass). */
  const acted = (s: Segment<DraftStep>): boolean => s.steps.length > 0 || updating.has(s);
  /** Steps read from a title ("Stop and quarantine: ..."): dropped when the body asks for the same action. */
  const titleSteps = new Set<DraftStep>();
  /** Segments said "additionally": they get the steps of the branch before them too. */
  const additive = new Set<Segment<DraftStep>>();
  /** The clauses read as a playbook's title: an incident update they say is a title step too. */
  const headerClauses = new Set<string>();
  /** Which segment each clause belongs to ("sentence:clause"), for the incident-update pass. */
  const clauseSegment = new Map<string, Segment<DraftStep>>();
  /** Clean sides read as tests of their own ("check the hash on VT. if the hash is clean, ..."), by sentence:clause. */
  const cleanLeads = new Set<string>();
  const steps: DraftStep[] = [];
  const unsupported: Array<{ clause: string; why: string }> = [];
  /** What an exclusion clause spares, for every step of the request. */
  const recordExclusion = (phrase: string, e: Exclusion): void => {
    // ("Informational and Low severity endpoint alerts are ignored": one case, the lows of Defender for Endpoint, not every
    // low alert and every endpoint alert.)
    if (e.conditions.length) exclusions.push(e.conditions.length === 1 ? e.conditions[0] : { all: [...e.conditions] });
    // "Devices in the 'Red Team Lab' group are exempt", "skip devices tagged honeypot": no step acts on them, and a destructive
    // step that acts on no device (a block, an account step) does not run for their alerts either (the hash seen on the
    // exempt device had been blocked); a note or a comment still does.
    // ("MDI on a DC: dont touch the DC itself. disable the acct": the device itself, not its alerts; every step is for
    // the DC's alerts, and the account steps had never run.)
    const itself = /\b(?:itself|themselves)\b/i.test(phrase);
    if (!isEmptyMatch(e.devices)) neverOn.push({ actions: [...DEVICE_ACTIONS, ...(itself ? [] : (Object.keys(ACTIONS) as ActionName[]).filter((a) => !DEVICE_ACTIONS.includes(a) && ACTIONS[a].destructive))], match: e.devices });
    // "skip svc accounts (svc-*)": those accounts are not acted on; the host beside them is still isolated, the incident still
    // gets its comment. IOCs spared are the blocks' own.
    if (e.entities.notes.length) neverEntity.push({ actions: [...USER_ACTIONS, 'createIndicator'], q: e.entities });
    understood.push({ phrase, meaning: `never acted on: ${e.described}` }, ...e.notes);
    if (e.usesDc) facts.add(DC_FACT);
  };
  let previousSentenceSteps: DraftStep[] = [];
  /** The kind of alert the branches of the sentence before were about ("MDE antivirus detections on servers -> ..."). */
  let branchKinds: Condition[] = [];
  // "For High: revoke and confirm. Exclude members of BreakGlass. Medium: revoke only.": users a sentence of their own leaves
  // out are left out of the user steps said after it too.
  const usersLeftOut: Condition[] = [];
  /** The devices a lead of the first sentence names ("For alerts raised on Linux endpoints, ..."). */
  const openingDevices: DeviceMatch = {};
  /** The devices a heading leaves out ("when ... and the device is not running macOS."), left out of every later step. */
  const openingExcluded: DeviceMatch = {};
  /** An opening "For X, only <step>.": X's devices get that step alone, so later sentences' device steps leave them out. */
  let openingOnly = false;
  /** The conditions of a first sentence's "when" lead, for the steps said "also" after it. */
  const openingLead: Condition[] = [];
  let openingDone = false;

  const sentences = splitSentences(request);
  /** The sentence before opened a list of branches with "otherwise:" ("otherwise: if high, isolate; if medium, scan"). */
  let afterOtherwiseList = false;
  /** Sentences that say only which devices the playbook is for ("Scope: workstations only. Not servers."). */
  const deviceScopes: Array<{ include: DeviceMatch; exclude: DeviceMatch; phrase: string }> = [];
  /** The devices action clauses named so far ("isolate the servers"), in any sentence: what "any other device" later leaves out. */
  const namedDevices: DeviceMatch[] = [];
  for (const [si, sentence] of sentences.entries()) {
    const clauses = splitClauses(sentence);
    const scope = sentences.length > 1 ? deviceScopeOf(sentence) : null;
    if (scope) {
      deviceScopes.push({ ...scope, phrase: sentence });
      if (!isEmptyMatch(scope.exclude)) neverOn.push({ actions: [...DEVICE_ACTIONS], match: scope.exclude });
      const described = [...(isEmptyMatch(scope.include) ? [] : [`only ${describeDevices(scope.include)}`]), ...(isEmptyMatch(scope.exclude) ? [] : [`never ${describeDevices(scope.exclude)}`])].join('; ');
      for (const c of clauses) understood.push({ phrase: c.text, meaning: `the devices of every step: ${described}` });
      continue;
    }
    // The branches after the first one of an "otherwise:" list may be on the other side too, or not: which, the segments
    // cannot yet say (the medium scan had run on the assigned incidents the first branch left alone), so Rampart asks.
    // (A branch that does nothing, "If it's 0 or VT has never seen it, nothing is needed", runs nothing either way.)
    const doesNothing = clauses.length > 1 && clauses.slice(1).every((c) => /^(?:then\s+)?(?:do\s+nothing|nothing(?:\s+(?:is\s+)?(?:needed|required|to\s+do|else))?|no\s+action(?:\s+(?:is\s+)?(?:needed|required))?)$/i.test(c.text.trim().replace(/[.!]+$/, '')));
    if (afterOtherwiseList && clauses[0]?.role === 'lead' && !doesNothing) {
      notUnderstood.push(`${clauses[0].text} (after "otherwise:": whether this branch is on the other side as well)`);
      unreadConditions.push(clauses[0].text);
    }
    afterOtherwiseList = clauses.some((c, i) => c.role === 'otherwise' && !c.text && clauses[i + 1]?.role === 'lead') || (afterOtherwiseList && clauses[0]?.role === 'lead');
    const sentenceSteps: DraftStep[] = [];
    let sentenceFileNames: string[] = [];
    let leadConditions: Condition[] = [];
    /** IOC types a lead names on their own ("for URLs: block them"): what the branch's steps act on. */
    let leadIocTypes: IocType[] = [];
    const leadDevice: Array<{ dq: DeviceQualifiers; seg: Segment<DraftStep>; text: string }> = [];
    const leadEntity: Array<{ eq: EntityQualifiers; seg: Segment<DraftStep> }> = [];
    let lastActionSteps: DraftStep[] = [];
    /** The steps of the action clauses said one after another in this sentence ("isolate the device and post in Teams"). */
    let actionRun: DraftStep[] = [];
    let seg: Segment<DraftStep> = { local: newDraft(), steps: [], lead: leadConditions };
    segments.push(seg);
    /** "LockBit on a host: if VT flags the domain block it, otherwise ...": what a title says before the branches heads both of them. */
    const titleLead: Condition[] = [];
    /** What was said before the first "if" of the branches ("hash w/ VT >= 20: if on a server ..., if a workstation ..."): it heads each. */
    const branchScope: Condition[] = [];
    for (const [ci, original] of clauses.entries()) {
      let clause = original;
      if (/\b(?:additionally|in\s+addition)\b/i.test(original.text)) additive.add(seg);
      // "disable it in AAD, unless its a service account (svc-*)": an "unless" said last, after the steps, narrows them.
      if (clause.role === 'lead' && ci === clauses.length - 1 && ci > 0 && clauses[ci - 1].role === 'action' && lastActionSteps.length > 0 && (UNLESS_LEAD.test(clause.text.trim()) || /^(?:but\s+)?only\s+(?:if|when|where)\b/i.test(clause.text.trim()))) clause = { ...clause, role: 'cond' };
      // "check the hash on VT. if the hash is clean, post in teams": with no test before it, the clean side is a test of its
      // own (it had been asked about as the other side of nothing).
      if (clause.role === 'otherwise' && clause.clean && !segments.some((sg) => sg.lead.length > 0 || sg.steps.some((st) => st.conditions.length > 0))) {
        clause = { text: clause.clean, role: 'lead' };
        cleanLeads.add(`${si}:${ci}`);
      }
      if (clause.role === 'otherwise') {
        // The other branch: a new segment whose steps run when the conditions before it do not hold.
        const parent = acted(seg) || seg.lead.length || segments.length < 2 ? seg : segments[segments.length - 2];
        // "svc- accounts: leave them alone. everyone else: reset the pw": the other side of accounts chosen by name is every
        // other account, which those steps leave out (a branch that does nothing has no test to be the other side of).
        // What the branch said of the incidents ("on phishing alerts: svc- accounts -> leave alone") holds on this side too.
        // ("svc- accounts -> revoke the sessions. otherwise disable the account": the same when that branch has steps of its own.)
        // (A sentence between that only notifies, "post it in teams too", goes on with that branch. One with a destructive step,
        // "instead restrict app execution on that box", may be that branch's or every account's: the "otherwise" stays asked about.)
        let usersBranch: Segment<DraftStep> | undefined = parent;
        for (let i = segments.indexOf(parent); usersBranch && usersBranch.users === undefined && i > 0 && usersBranch.lead.length === 0 && !usersBranch.parent && !hasFilters(usersBranch.local) && usersBranch.steps.every((x) => !ACTIONS[x.action].destructive); ) usersBranch = segments[--i];
        const sparedUsers = usersBranch?.users !== undefined && usersBranch.lead.length === 0 ? usersBranch.users : undefined;
        if (sparedUsers !== undefined) {
          leadConditions = [...titleLead];
          leadIocTypes = [];
          seg = { local: newDraft(), steps: [], lead: leadConditions };
          mergeDraft(seg.local, usersBranch.local);
          segments.push(seg);
          clauseSegment.set(`${si}:${ci}`, seg);
          otherUsers.push({ seg, words: sparedUsers });
          if (!clause.text) continue;
          clause = { text: clause.text, role: /^(?:if|when|for|unless)\b/i.test(clause.text) ? 'lead' : 'action' };
        } else {
          leadConditions = [...titleLead];
          leadIocTypes = [];
          // "skip X; for the rest, ...": the rest of an exclusion is every other incident, which the exclusion already says.
          const ofExclusion = excluding.has(parent) && parent.steps.length === 0 && parent.lead.length === 0;
          // "high -> isolate; medium -> collect; otherwise tag": the conditional branches said one after another before it.
          const siblings: Array<Segment<DraftStep>> = [];
          for (let i = segments.indexOf(parent) - 1; i >= 0; i--) {
            const b = segments[i];
            if (b.parent || !acted(b) || (b.lead.length === 0 && !hasFilters(b.local))) break;
            siblings.push(b);
          }
          seg = ofExclusion
            ? { local: newDraft(), steps: [], lead: leadConditions }
            : { local: newDraft(), steps: [], lead: leadConditions, parent, siblings, opener: clause.text ? `otherwise ${clause.text}` : 'otherwise', otherDevices: OTHER_DEVICES_OPENER.test(`${clause.opener ?? ''} ${clause.text}`) };
          segments.push(seg);
          clauseSegment.set(`${si}:${ci}`, seg);
          if (!clause.text) continue;
          // "otherwise (for incidents) from any other source": the other side of the source the branch before named.
          if (/^(?:for\s+(?:the\s+)?(?:incidents?|alerts?)\s+)?from\s+(?:any\s+|all\s+)?other\s+(?:sources?|products?|services?)$/i.test(clause.text.trim())) {
            understood.push({ phrase: clause.text, meaning: 'the incidents from the sources the branch before does not name' });
            continue;
          }
          // "every other high sev ransomware incident: restrict ...": what remains after the opener may be a condition.
          const condition = /^(?:if|when|for|unless)\b/i.test(clause.text) || (matchActions(clause.text).length === 0 && !incidentChanges(clause.text, new Set(), []) && /\b(?:incidents?|alerts?|ones|cases?)$/i.test(clause.text));
          clause = { text: clause.text, role: condition ? 'lead' : 'action' };
        }
      }
      if (clause.role === 'lead' && acted(seg)) {
        // "if X isolate it, if Y tag it": a second condition opens its own branch. What a header said before the
        // branches ("hash w/ VT >= 20: if on a server ..., if a workstation ...") heads this one too.
        // "when AV detects a file, quarantine it, and if VT says more than 20, block the sha256": a test joined by "and"
        // after the steps of an event ("when", "whenever", "once") is under that event as well (it had blocked on any incident).
        const underEvent = ci > 0 && /^(?:when|whenever|once|as\s+soon\s+as|every\s+time|on)\b/i.test(clauses[0].text.trim()) && clauses[0].role === 'lead'
          && new RegExp(`\\band\\s+(?:then\\s+|also\\s+)?${escapeRegExp(clause.text.trim().split(/\s+/).slice(0, 3).join(' '))}`, 'i').test(sentence);
        const eventLead = underEvent ? (segments.find((sg) => clauseSegment.get(`${si}:0`) === sg)?.lead ?? []) : [];
        leadConditions = [...branchScope, ...eventLead.filter((c) => !branchScope.includes(c))];
        leadIocTypes = [];
        const opening = clauseSegment.get(`${si}:0`);
        seg = { local: newDraft(), steps: [], lead: leadConditions };
        segments.push(seg);
        // "when an alert fires on a workstation and it is High, isolate it, and if it is Medium, restrict it", "for alerts on
        // workstations: if High ..., if Medium ...": the devices the opening names are every branch's, unless a branch names
        // its own (the Medium restriction had run on servers too).
        if (ci > 0 && clauses[0].role === 'lead' && /^(?:when|whenever|once|for|on|every\s+time|any\s+time)\b/i.test(clauses[0].text.trim()) && isEmptyMatch(deviceQualifiers(clause.text).include)) {
          for (const d of leadDevice.filter((x) => x.seg === opening && x.text === clauses[0].text)) {
            leadDevice.push({ ...d, seg });
            if (!isEmptyMatch(d.dq.include)) mergeMatch((seg.devices ??= {}), d.dq.include);
          }
        }
      }
      clauseSegment.set(`${si}:${ci}`, seg);
      if (clause.role === 'lead' && seg.steps.length === 0 && seg.scopeLead && !seg.scope) {
        // A test after a lead that only named the incidents: what that lead said is the scope of both branches.
        seg.scope = newDraft();
        mergeDraft(seg.scope, seg.local);
      }
      // "high sev mde alert -> if VT ... isolate, otherwise scan": a lead that only names the alerts, before a test of its own.
      const namesOnly = /^(?:if|when|for|on)\s+/i.test(clause.text.trim()) && BARE_SCOPE_HEADER.test(clause.text.trim().replace(/^(?:if|when|for|on)\s+/i, '')) && clauses[ci + 1]?.role === 'lead';
      seg.scopeLead = clause.role === 'lead' && (SCOPE_LEAD.test(clause.text.trim()) || (clause.header === true && BARE_SCOPE_HEADER.test(clause.text.trim())) || namesOnly);
      let draft = seg.local;
      // "isolate it if it's high sev and VT flags the hash, otherwise scan": the severity is half of the test the "otherwise"
      // is the other side of, not the kind of alert the branches are about (a medium alert VT flags had not been scanned).
      if (SEVERITY_AND_TEST.test(clause.text)) seg.severityTested = true;
      const notes: Understood[] = [];
      let recognised = false;
      const countPhrase = countCondition(clause.text)?.phrase ?? '';
      if (/\balerts?\b/i.test(clause.text.replace(countPhrase, ' ').replace(/["']?alert[- ]and[- ]block["']?/gi, ' ')) && !/\balert\s+(?:the|them|me|us|on-?call|soc|analysts?)\b/i.test(clause.text)) draft.mentionsAlert = true;

      // "Containment: exclude servers": a title, then an exclusion of the whole request.
      if (clause.header) headerClauses.add(clause.text);
      const titled = clause.header && clause.role === 'lead' ? /^[^:]{1,60}:\s*(.+)$/.exec(clause.text) : null;
      const titledExclusion = titled ? exclusionOf(titled[1]) : null;
      if (titledExclusion) {
        recordExclusion(clause.text, titledExclusion);
        continue;
      }
      if ((clause.role === 'lead' || clause.role === 'cond') && afterScan(clause.text, [...steps, ...sentenceSteps])) {
        notUnderstood.push(clause.text);
        unreadConditions.push(clause.text);
        continue;
      }
      // "leave the IPs alone, they are all tor exits anyway": a clause that only gives a reason narrows nothing (its "tor
      // exits" had become a condition of the next sentence's step).
      const [reasonAt, reasonEnd] = reasonSpan(sentence);
      const clauseAt = sentence.indexOf(clause.text);
      if ((clause.role === 'lead' || clause.role === 'cond') && clauseAt > 0 && clauseAt >= reasonAt && clauseAt + clause.text.length <= reasonEnd) continue;
      if (clause.role === 'lead' || clause.role === 'cond') {
        // "revoke the sessions and reset the pw, unless ...", "scan and collect a package, on macOS devices only": a
        // narrowing said after a run of steps reaches every step of the run; a plain "if" stays with the step it follows.
        const narrowingRun = NARROWING_AFTER_RUN.test(clause.text.trim());
        const run = narrowingRun ? [...new Set([...actionRun.filter((x) => seg.steps.includes(x)), ...lastActionSteps])] : lastActionSteps;
        if (UNLESS_LEAD.test(clause.text.trim())) {
          // "unless the severity is low, ...": the case the steps skip, never their trigger.
          const skipped = skippedCase(clause.text, draft, notes, facts, assumptions);
          recognised = skipped.recognised || recognised;
          if (skipped.skip && (clause.role === 'lead' || lastActionSteps.length === 0)) leadConditions.push(skipped.skip);
          // "mark the user compromised + reset pw, unless they're in X": the exception skips every step said before it
          // in this run, not only the last (leaving one out is less action; acting on X is what was ruled out).
          else if (skipped.skip) [...new Set([...actionRun.filter((x) => seg.steps.includes(x)), ...lastActionSteps])].forEach((st) => st.conditions.push(skipped.skip!));
        } else recognised = extractTriggerFacts(clause.text, true, draft, notes, facts, assumptions, clause.header === true) || recognised;
        // "the SHA-256 hash is looked up in VirusTotal. If 3 engines classify it as malicious, ...": "it" is the IOC the sentence before named.
        // "For IP addresses: if VirusTotal shows 10 or more ..., block it": a test that names no IOC is of the ones the lead named.
        const pronoun = lastActionSteps.length === 0 ? pronounIocTypes(clause.text, sentences[si - 1]) : [];
        const fallback = lastActionSteps.length === 0 ? (pronoun.length === 0 && leadIocTypes.length > 0 ? leadIocTypes : pronoun) : lastActionSteps.flatMap((s) => s.iocTypes);
        const read = extractConditions(clause.text, fallback, true);
        const { phrases } = read;
        const conditions = orJoined(clause.text, read);
        notes.push(...phrases);
        if (conditions.length) recognised = true;
        // A condition with no step before it to narrow ("checks X and, if it is bad, blocks it") leads the next one.
        // "for lockbit alerts, if VT flags the domain ...": what was said before the test is the context of every branch.
        if (clause.role === 'lead' && /^(?:if|when|whenever|in\s+case)\b/i.test(clause.text.trim()) && seg.steps.length === 0) {
          for (const c of leadConditions) if (!titleLead.some((t) => JSON.stringify(t) === JSON.stringify(c))) titleLead.push(c);
          for (const c of leadConditions) if (!branchScope.some((t) => JSON.stringify(t) === JSON.stringify(c))) branchScope.push(c);
        }
        if (clause.role === 'lead' || lastActionSteps.length === 0) leadConditions.push(...conditions);
        // "revoke the sessions and reset the pw, unless they're in X" / "..., but only if ...": a narrowing said after a run
        // of steps reaches every step of the run; a plain "if" stays with the step it follows.
        else if (narrowingRun) run.forEach((s) => s.conditions.push(...conditions));
        else lastActionSteps.forEach((s) => s.conditions.push(...conditions));
        if (clause.header && clause.role === 'lead') titleLead.push(...conditions);
        const eq = entityQualifiers(clause.text);
        if (hasEntityQualifiers(eq)) {
          recognised = true;
          notes.push(...eq.notes);
          if (clause.role === 'lead') {
            leadEntity.push({ eq, seg });
            seg.users = clause.text;
          }
          else {
            // "revoke the sessions and reset the password, unless the account starts with svc-": the whole run, as a device's
            // exception (it had spared svc- accounts the reset only).
            applyEntityQualifiers(run, eq);
            const kept = dropForUnknownEntities(run, eq, notUnderstood, withheld);
            for (const gone of run.filter((x) => !kept.includes(x))) remove(sentenceSteps, gone);
          }
        }
        const dq = deviceQualifiers(clause.text);
        // "if the device is tagged X or the incident is tagged Y": an "or" between a device's detail and another kind of
        // condition, which the plan would hold as both at once. Asked about, never read as "and".
        // ("the device is running Windows 10 or Windows 11", "in the 'DCs' or 'PAW' device group": an "or" inside one detail's values.)
        // ("5 or more malicious": a count's bound, no "or" at all.)
        if (dq.notes.length && /\s(?:or|either)\s/i.test(withoutTitleAlternatives(clause.text).replace(DETAIL_VALUES_OR, ' ').replace(COUNT_OR_MORE, ' ')) && (conditions.length > 0 || notes.length > dq.notes.length || INCIDENT_TAGGED.test(clause.text)) && !/\b(?:or|either)\b[^,;]*?\b(?:devices?|machines?|hosts?|servers?|workstations?|laptops?|endpoints?|boxes|box|macs?|pcs?)\b\s*$/i.test(clause.text.replace(/\s+(?:is|are)\s+tagged.*$/i, ''))) {
          notUnderstood.push(`${clause.text} (an "or" between a device's detail and a condition of another kind is not supported)`);
          unreadConditions.push(clause.text);
          understood.push(...notes);
          continue;
        }
        if (dq.notes.length || dq.unknown.length) {
          recognised = true;
          notes.push(...dq.notes);
          if (dq.usesDc) facts.add(DC_FACT);
          if (clause.role === 'lead') {
            leadDevice.push({ dq, seg, text: clause.text });
            if (!isEmptyMatch(dq.include)) mergeMatch((seg.devices ??= {}), dq.include);
          }
          else {
            // "isolate the host and reset the pw, unless the host is a server": an exception said after a run of steps
            // reaches every step of it; a step that acts on no device runs only when no such device is involved.
            // "scan and collect a package, on macOS devices only": a trailing "only" reaches the whole run as well.
            applyDeviceQualifiers(run, dq);
            if (narrowingRun) {
              gateOtherSteps(run, dq);
              if (!isEmptyMatch(dq.exclude)) for (const x of run.filter((st) => !DEVICE_ACTIONS.includes(st.action))) x.conditions.push({ not: { kind: 'deviceIs', match: { ...dq.exclude } } });
            }
            const kept = dropForUnknownQualifier(run, dq, notUnderstood, withheld);
            for (const gone of run.filter((x) => !kept.includes(x))) remove(sentenceSteps, gone);
          }
        }
        // "when a new one comes in", "for every incident": when the playbook runs. "if it has any malicious detections" is
        // a test, not an arrival: "any" counts only with the incidents or alerts it names.
        if (/\b(?:new|comes?\s+in|arrives?|lands?|pops?\s+up|shows?\s+up|is\s+created|gets?\s+created|fires?|raises?|reports?|triggers?|opens?|(?:is|are|gets?|was)\s+(?:triggered|raised|fired|generated|opened))\b|\b(?:every|each|any)\s+(?:new\s+)?(?:incidents?|alerts?|cases?|detections?)\b/i.test(clause.text) && !(/^(?:if|unless|only\s+if|provided)\b/i.test(clause.text.trim()) && conditions.length === 0 && MALICIOUS.test(clause.text))) recognised = true;
        if (clause.role === 'lead' && IOC_LEAD.test(clause.text)) {
          leadIocTypes = iocTypesIn(clause.text);
          notes.push({ phrase: clause.text, meaning: `for ${leadIocTypes.join(', ')} IOCs` });
          recognised = true;
        }
        for (const u of UNSUPPORTED) if (u.re.test(withoutReason(clause.text))) unsupported.push({ clause: clause.text, why: u.why });
        // "IOC handling please: if IPs are malicious, block them": a header that names no condition, before
        // a condition of its own, is a title (its unknown words still count in the ledger).
        // A header that opens with a narrowing word ("Only for incidents nobody has taken:") is a condition, never a title.
        const titleOnly = !recognised && clause.header === true && !/^(?:only|unless|except|if|when|but|never)\b/i.test(clause.text.trim()) && clauses.slice(ci + 1).some((c) => c.role === 'lead' || c.role === 'action');
        if (titleOnly) notes.push({ phrase: clause.text, meaning: 'a title' });
        else if (!recognised && clause.role === 'lead' && NOTHING_BRANCH.test((clauses[ci + 1]?.text ?? '').trim()) && !/\b(?:otherwise|else|the\s+rest|others)\b/i.test(request)) {
          // "low/none risk: leave it alone": a case that gets nothing. Its words matter only if a step could run in it,
          // which the check at the end rules out (every step must then carry a condition of its own).
          casesLeftAlone.push(clause.text);
        } else if (!recognised) {
          notUnderstood.push(clause.text);
          unreadConditions.push(clause.text);
        }
        understood.push(...notes);
        continue;
      }

      // "low/info ignore", "lows: nothing": severities the request leaves alone (no step; the trigger does not take them).
      if (new RegExp(`^(?:for\\s+|on\\s+)?(?:the\\s+)?${SEV_WORD}(?:\\s*(?:\\/|,|or|and)\\s*${SEV_WORD})*(?:\\s+(?:severity|sev))?(?:\\s+(?:ones|alerts?|incidents?|stuff))?\\s*(?::|-|->|,)?\\s*(?:just\\s+)?(?:ignore(?:\\s+(?:it|them))?|skip(?:\\s+(?:it|them))?|nothing|no\\s+action|do\\s+nothing|leave\\s+(?:it|them)\\s+alone|no-?op)$`, 'i').test(withoutReason(clause.text).trim())) {
        // ("low / info: nothing, let them age out": with the reason it is given; read as a case of the steps after it, its
        // severities had joined the trigger and the isolation after it ran on low alerts.)
        understood.push({ phrase: clause.text, meaning: 'nothing is done for these severities' });
        lastActionSteps = [];
        continue;
      }
      // "leave it alone", "nothing": a branch that does nothing ("nothing, the channel is noisy enough": with its reason).
      if (/^(?:just\s+|then\s+)?(?:leave\s+(?:it|them|those|that)(?:\s+alone)?|do\s+nothing(?:\s+else)?|(?:do\s+not|don'?t|dont)\s+do\s+anything(?:\s+else)?|nothing(?:\s+else)?|ignore(?:\s+(?:it|them|those))?|skip(?:\s+(?:it|them|those))?|no\s+action|take\s+no\s+action|no-?op|no\s+touch(?:ing)?|(?:do\s+not|don'?t|never)\s+touch\s+(?:it|them|those|that)|(?:that\s+is\s+it,?\s+)?no\s+(?:other|more|further)\s+(?:changes?|actions?|steps?)|that\s+is\s+it)$/i.test(withoutReason(clause.text).trim())) {
        understood.push({ phrase: clause.text, meaning: 'nothing is done' });
        // "... otherwise (servers) just the scan. if the incident is already assigned, do nothing": a case of the whole incident
        // that gets nothing is left out of every step, whichever branch said it (the steps before had run on assigned ones).
        // ("but when the mail was blocked, do nothing": how the alert's mail was delivered is such a case too; read and then
        // dropped, the block of its URL ran on blocked mail.)
        if (!seg.parent && !acted(seg) && seg.lead.length > 0 && seg.lead.every((c) => incidentLevel(c) || ('kind' in c && c.kind === 'mailDelivery'))) nothingCases.push(seg.lead.length === 1 ? seg.lead[0] : { all: [...seg.lead] });
        // "Low / informational: nothing, let them age out": severities said as a case that gets nothing are none of the
        // trigger's (taken into it, the isolation of the high branch ran on low alerts).
        if (!seg.parent && !acted(seg) && seg.lead.length === 0) {
          seg.local.severities.clear();
          seg.local.severityNouns.clear();
        }
        lastActionSteps = [];
        continue;
      }
      // "leave the devices alone", "don't touch the accounts": no step of that kind. When the request asks for one
      // anyway, the two contradict each other and Rampart asks.
      const kindSpared = KIND_SPARED.exec(withoutReason(clause.text).trim());
      if (kindSpared) {
        // "don't touch any device or user": every kind the clause names.
        const nouns = [...kindSpared[0].matchAll(new RegExp(SPARED_NOUN, 'gi'))].map((m) => m[0].toLowerCase());
        const users = nouns.some((n) => /^(?:accounts?|users?|identit(?:y|ies))$/.test(n));
        const devices = nouns.some((n) => !/^(?:accounts?|users?|identit(?:y|ies))$/.test(n));
        const spared: ActionName[] = [...(users ? USER_ACTIONS : []), ...(devices ? DEVICE_ACTIONS : [])];
        neverKinds.push({ phrase: clause.text, actions: spared, seg });
        understood.push({ phrase: clause.text, meaning: [devices ? 'no device action' : '', users ? 'no account action' : ''].filter(Boolean).join(', ') });
        lastActionSteps = [];
        continue;
      }
      // "skip anything tagged PenTest", "ignore low sev stuff", "leave DCs alone": an exclusion of the whole request.
      const excluded = exclusionOf(clause.text);
      if (excluded) {
        recordExclusion(clause.text, excluded);
        excluding.add(seg);
        lastActionSteps = [];
        continue;
      }

      // "full scan for highs, quick scan for mediums": an action naming severities of its own, other than its
      // segment's, is another branch.
      const ownSeverities = newDraft();
      extractSeverities(clause.text, ownSeverities, [], new Set());
      // "full scan if sev is Medium, quick scan if it's Low": the trailing condition's bare severity counts too.
      const ownCond = splitTrailingCondition(clause.text).cond;
      if (ownSeverities.severities.size === 0 && ownCond) extractSeverities(ownCond, ownSeverities, [], new Set());
      if (ci > 0 && (seg.steps.length > 0 || updating.has(seg)) && ownSeverities.severities.size > 0 && seg.local.severities.size > 0 && [...ownSeverities.severities].sort().join() !== [...seg.local.severities].sort().join()) {
        leadConditions = [];
        leadIocTypes = [];
        seg = { local: newDraft(), steps: [], lead: leadConditions };
        segments.push(seg);
        clauseSegment.set(`${si}:${ci}`, seg);
      }
      draft = seg.local;
      // Incident updates become steps later, in their own pass; for branching they count as this segment's action now.
      if (incidentChanges(clause.text, new Set(), [])) updating.add(seg);
      // An action clause, maybe with a trailing condition.
      const { action: actionText, cond } = splitTrailingCondition(clause.text);
      // A "dont" after the step, in a remark about something else ("disable the user, ransomware alerts dont lie"), negates nothing.
      const verbAt = actionText.search(/\b(?:isolat|contain|quarantin|scan|collect|restrict|block|disabl|reset|revok|assign|tag|clos|resolv|post|e-?mail|mail|notif|ping|comment|releas|unisolat|confirm|dismiss|stop|kill|run)\w*/i);
      const midAt = MID_NEGATION.exec(actionText)?.index ?? -1;
      const remark = verbAt >= 0 && midAt > verbAt && /,\s*(?:[\w-]+\s+){1,4}(?:do\s+not|don'?t|dont|doesn'?t|never|won'?t)\s+(?!(?:isolat|contain|quarantin|scan|collect|restrict|block|disabl|reset|revok|touch)\w*)\w+/i.test(actionText.slice(verbAt));
      // "just revoke sessions, we cant lock a surgeon out mid case": a negation inside the reason given negates no step.
      const inReason = verbAt >= 0 && midAt > verbAt && !MID_NEGATION.test(withoutReason(actionText));
      const negated = NEGATED_ACTION.test(actionText) || (midAt >= 0 && !remark && !inReason);
      // "no isolation at all, its only AV stuff": what a ruled-out step's reason names ("AV") is not a step ruled out.
      const reasonless = negated ? matchActions(withoutReason(actionText)) : [];
      // "resolve them, because biomed fires them when they validate AV on the carts": a reason's words make no step.
      const statedText = withoutReason(actionText);
      const stated = negated ? [] : matchActions(statedText);
      const reasonCut = !negated && reasonSpan(actionText)[0] > 0 && statedText !== actionText.replace(/\s+/g, ' ').trim() && statedText.split(/\s+/).length >= 2;
      // A clause that is all reason ("I was told hard blocks broke something last month") asks for no step.
      // (Only what went wrong, said without a step verb first: "revoke ... because the team got phished" is a step.)
      const story = STORY_VERB.exec(actionText);
      const allReason = reasonSpan(actionText)[0] === 0 && !statedText.replace(/[\s,.;:!?]+/g, '') && story !== null && matchActions(actionText.slice(story.index + story[0].length)).length === 0 && !/^\s*(?:please\s+|pls\s+|then\s+|and\s+)?(?:isolate|block|disable|reset|revoke|scan|collect|restrict|quarantine|contain)\b/i.test(actionText);
      const namedActions = allReason ? [] : reasonless.length ? reasonless : stated.length || reasonCut ? stated : matchActions(actionText);
      // "but don't quarantine on Linux": a verb ruled out without its object names that action all the same.
      const bareVerb = negated && namedActions.length === 0 ? /^(?:but\s+|and\s+)?(?:do\s+not|don'?t|dont|never|not)\s+(?:auto(?:matically|-)?\s*)?([a-z]+)\s+(?:on|for|in)\b/i.exec(actionText.trim()) : null;
      const actions = bareVerb ? [...(actionsRuledOutBy(bareVerb[1]) ?? [])] : namedActions;
      // "email the helpdesk so that they can call the user by phone": what the step is for is not a step of its own.
      // "leave it alone because the store managers call me complaining": a reason given asks for nothing.
      const stepPart = withoutReason(actionText).replace(/,?\s+so\s+(?:that\s+)?(?:the\s+|they\s+|he\s+|she\s+|someone\s+|somebody\s+|it\s+|we\s+|an?\s+)[^.;]*$/i, '');
      const unsupportedHits = UNSUPPORTED.filter((u) => u.re.test(stepPart));
      // "isolate the hosts but not on low incidents": what a negated clause with no step names is never the trigger; read
      // positively it would turn the exception into the only case.
      const negatedNoStep = NEGATED_ACTION.test(actionText) && actions.length === 0;
      // "never post low and informational incidents", with a verb that names no step of its own: those severities get no step.
      const sevSkip = negatedNoStep ? NEVER_SEVERITIES.exec(clause.text.trim()) : null;
      // "don't mail on medium": without a noun of cases after the levels, only the steps the verb names skip them.
      const skippedActions = sevSkip?.[2] ? (Object.keys(ACTIONS) as ActionName[]) : sevSkip ? NOTIFY_VERBS.find(([re]) => re.test(sevSkip[0]))?.[1] : undefined;
      const skippedLevels = sevSkip && skippedActions ? severitiesListed(sevSkip[1] ?? sevSkip[2], facts) : [];
      if (skippedActions && skippedLevels.length) {
        const cond: Condition = { kind: 'severity', severities: skippedLevels };
        neverWhen.push({ actions: skippedActions, conditions: [cond] });
        understood.push({ phrase: clause.text, meaning: `no step when ${describeCondition(cond)}` });
        recognised = true;
        lastActionSteps = [];
        continue;
      }
      const before = negatedNoStep ? TRIGGER_SETS.map((k) => new Set<string>(draft[k] as Set<string>)) : [];
      // (What a reason after the step says, "they are all tor exits anyway", is no case of it.)
      recognised = extractTriggerFacts(reasonSpan(actionText)[0] > 0 ? withoutReason(actionText) : actionText, false, draft, notes, facts, assumptions) || recognised;
      const added = negatedNoStep ? TRIGGER_SETS.map((k, i) => [...(draft[k] as Set<string>)].filter((x) => !before[i].has(x))) : [];
      if (added.some((a) => a.length > 0)) {
        TRIGGER_SETS.forEach((k, i) => added[i].forEach((x) => (draft[k] as Set<string>).delete(x)));
        notUnderstood.push(clause.text);
        unreadConditions.push(clause.text);
        lastActionSteps = [];
        continue;
      }
      let condRecognised = false;
      // "reset the password unless sev is low": what an "unless" names is the case the step skips, never its trigger.
      let unlessConditions: Condition[] = [];
      if (cond && UNLESS_LEAD.test(cond.trim())) {
        const skipped = skippedCase(cond, draft, notes, facts, assumptions);
        condRecognised = skipped.recognised;
        if (skipped.skip) unlessConditions = [skipped.skip];
      } else if (cond) condRecognised = extractTriggerFacts(cond, true, draft, notes, facts, assumptions);
      // "whenever a new incident is created": when the playbook runs, which every playbook does.
      if (cond && EVERY_RUN.test(cond.trim())) {
        condRecognised = true;
        notes.push({ phrase: cond, meaning: 'when an incident arrives (every run)' });
      }
      const devQ = deviceQualifiers(clause.text);
      if (cond && (devQ.notes.length || devQ.unknown.length) && deviceQualifiers(cond).notes.length + deviceQualifiers(cond).unknown.length > 0) condRecognised = true;
      const entQ = entityQualifiers(clause.text);
      if (cond && hasEntityQualifiers(entityQualifiers(cond))) condRecognised = true;
      // "if the file is an .exe": a kind of file, which limits the file steps below.
      if (cond && FILE_KIND_WHOLE.test(cond.trim()) && actions.some((a) => a === 'createIndicator' || a === 'stopAndQuarantineFile')) condRecognised = true;
      recognised = recognised || condRecognised;

      if (unsupportedHits.length && actions.every((a) => a === 'teamsMessage' || a === 'sendMail')) actions.length = 0;
      if (negated && actions.length) {
        // "never isolate DCs": the devices it names are left out of every step of that action.
        // "dont isolate anything tagged pentest": the incidents it names never get that action.
        const taggedHere = INCIDENT_TAGGED.exec(clause.text);
        if (taggedHere) {
          const { conditions: spareWhen } = extractConditions(`if ${taggedHere[0].replace(/^(?:anything|everything|ones|those|stuff)\b/i, 'incidents')}`, [], true);
          if (spareWhen.length) {
            neverWhen.push({ actions, conditions: spareWhen });
            understood.push({ phrase: clause.text, meaning: `never when ${spareWhen.map((c) => describeCondition(c)).join(' and ')}: ${actions.map((a) => ACTIONS[a].label.toLowerCase()).join(', ')}` });
            lastActionSteps = [];
            continue;
          }
        }
        // "during day shift (06:00-22:00 UTC) dont isolate", "never isolate between 08:00 and 18:00 UTC": those hours never
        // get that action (the words left beside the hours say nothing else).
        const hoursHere = timeWindowOf(clause.text);
        if (hoursHere && 'condition' in hoursHere && NEVER_AT_HOURS.test(clause.text.replace(hoursHere.phrase, ' ').replace(/\s+/g, ' ').trim())) {
          neverWhen.push({ actions, conditions: [hoursHere.condition] });
          understood.push({ phrase: clause.text, meaning: `never when ${describeCondition(hoursHere.condition)}: ${actions.map((a) => ACTIONS[a].label.toLowerCase()).join(', ')}` });
          lastActionSteps = [];
          continue;
        }
        // "never disable anyone in the 'BreakGlass' group": those users never get that action.
        const groupHere = SPARED_GROUP.exec(clause.text);
        // ("never revoke the sessions of users in X", "never reset the pw of members of X": what the step acts on, said between.)
        if (groupHere && /^(?:but\s+|and\s+)?(?:never|do\s+not|don'?t|dont|no)\s+[a-z-]+(?:\s+(?:the|their|any)\s+(?:sign-?in\s+)?(?:sessions?|passwords?|pw|pws|tokens?|accounts?)\s+of)?\s*$/i.test(clause.text.replace(groupHere[0], ' ').replace(/\s+/g, ' ').trim())) {
          const cond: Condition = { kind: 'userInGroup', groups: [groupHere[1] ?? groupHere[2]] };
          neverWhen.push({ actions, conditions: [cond] });
          understood.push({ phrase: clause.text, meaning: `never when ${describeCondition(cond)}: ${actions.map((a) => ACTIONS[a].label.toLowerCase()).join(', ')}` });
          lastActionSteps = [];
          continue;
        }
        // "never post low and informational incidents": the severities it names never get that action.
        const sevOnly = NEVER_SEVERITIES.exec(clause.text.trim());
        if (sevOnly) {
          const severities = severitiesListed(sevOnly.slice(1).find((g) => g !== undefined) ?? '', facts);
          if (severities.length) {
            const cond: Condition = { kind: 'severity', severities };
            neverWhen.push({ actions, conditions: [cond] });
            understood.push({ phrase: clause.text, meaning: `never when ${describeCondition(cond)}: ${actions.map((a) => ACTIONS[a].label.toLowerCase()).join(', ')}` });
            lastActionSteps = [];
            continue;
          }
        }
        // "never block internal IPs", "dont disable svc- accounts": those users and IOCs are spared from that action.
        // ("never block anything on contoso.com - those are FPs half the time": the reason names no IOC spared.)
        const sparedEntities = entityQualifiers(withoutReason(clause.text), true);
        if (sparedEntities.notes.length && !sparedEntities.unknownUsers.length && !sparedEntities.unknownIocs.length) {
          neverEntity.push({ actions, q: sparedEntities });
          understood.push({ phrase: clause.text, meaning: `never for ${sparedEntities.notes.map((n) => n.meaning.replace(/^leave out /, '')).join(', ')}: ${actions.map((a) => ACTIONS[a].label.toLowerCase()).join(', ')}` });
          lastActionSteps = [];
          continue;
        }
        const spared = deviceQualifiers(clause.text);
        // "if the device is a server, skip the isolation": the devices of the branch's lead.
        if (isEmptyMatch(spared.include)) for (const { dq, seg: owner } of leadDevice) if (owner === seg) mergeMatch(spared.include, dq.include);
        if (!isEmptyMatch(spared.include)) {
          // (What the devices are is said with "and" here: "servers tagged crit" is one case, left out as a whole.)
          neverOn.push({ actions, match: excludedWhole(spared.include) });
          understood.push({ phrase: clause.text, meaning: `never on ${describeDevices(spared.include)}: ${actions.map((a) => ACTIONS[a].label.toLowerCase()).join(', ')}` });
          lastActionSteps = [];
          continue;
        }
        understood.push({ phrase: clause.text, meaning: `explicitly not done: ${actions.map((a) => ACTIONS[a].label.toLowerCase()).join(', ')}` });
        // "reset the password ..., do not reset anybody": said both ways, it is asked about (checked once every step is read).
        neverKinds.push({ phrase: clause.text, actions, seg });
        lastActionSteps = [];
        continue;
      }
      if (actions.length === 0) {
        for (const u of unsupportedHits) unsupported.push({ clause: clause.text, why: u.why });
        // "..., but NOT if it's in the Servers device group": device words with no action of their own narrow the
        // steps before them; with none before, they are a condition Rampart did not place, never dropped.
        // An incident update ("tag incidents that involve a server") is gated by its own devices in the update pass.
        const updates = incidentChanges(clause.text, new Set(), []) !== null;
        // "..., but not svc- accounts": users or IOCs named with no action of their own narrow the steps before them.
        if (!clause.header && !updates && lastActionSteps.length && hasEntityQualifiers(entQ) && entQ.unknownUsers.length + entQ.unknownIocs.length === 0 && devQ.notes.length === 0 && devQ.unknown.length === 0) {
          // "disable + revoke sessions for the users on it, not svc-* accts": an exception said after a run of steps
          // reaches every step of the run, as a condition after it does.
          const spreads = /^(?:but\s+)?(?:not|never|unless|except|excluding|only|skip\w*|leave\s+out)\b/i.test(clause.text.trim());
          applyEntityQualifiers(spreads ? [...new Set([...actionRun.filter((x) => seg.steps.includes(x)), ...lastActionSteps])] : lastActionSteps, entQ);
          understood.push(...entQ.notes);
          continue;
        }
        // "extracts the IPs, except private IPs, and blocks each remaining one": with no step before it, an exception
        // of users or IOCs narrows the steps of the sentence after it.
        if (!clause.header && !updates && lastActionSteps.length === 0 && hasEntityQualifiers(entQ) && entQ.unknownUsers.length + entQ.unknownIocs.length === 0 && devQ.notes.length === 0 && devQ.unknown.length === 0 && clauses.slice(ci + 1).some((c) => matchActions(c.text).length > 0)) {
          leadEntity.push({ eq: entQ, seg });
          understood.push(...entQ.notes);
          continue;
        }
        // "but dont frobnicate on Linux": devices named after a negation of a verb Rampart did not read are never the only
        // devices; the clause is asked about.
        if (negatedNoStep && !clause.header && devQ.notes.some((n) => /^only/.test(n.meaning))) {
          notUnderstood.push(clause.text);
          unreadConditions.push(clause.text);
          lastActionSteps = [];
          continue;
        }
        const narrowing = !clause.header && ((!updates && devQ.notes.some((n) => /^(?:only|leave out)/.test(n.meaning))) || devQ.unknown.length > 0);
        if (narrowing && lastActionSteps.length) {
          // "run a full scan and collect a package, on macOS devices only": every device step of the sentence before it, not
          // just the last one (narrower is the safe side when the list was meant otherwise).
          const narrowed = [...new Set([...sentenceSteps.filter((x) => DEVICE_ACTIONS.includes(x.action) && !titleSteps.has(x)), ...lastActionSteps])];
          applyDeviceQualifiers(narrowed, devQ);
          gateOtherSteps(lastActionSteps, devQ);
          const kept = dropForUnknownQualifier(narrowed, devQ, notUnderstood, withheld);
          for (const gone of narrowed.filter((x) => !kept.includes(x))) remove(sentenceSteps, gone);
          understood.push(...devQ.notes);
          continue;
        }
        if (narrowing) {
          notUnderstood.push(clause.text);
          unreadConditions.push(clause.text);
          lastActionSteps = [];
          continue;
        }
        if (unsupportedHits.length === 0) {
          if (expiryDays(clause.text) && /\b(?:expir|indicators?|blocks?|iocs?)/i.test(clause.text)) {
            understood.push({ phrase: clause.text, meaning: 'indicator expiry (applied to the block step)' });
            understood.push(...notes);
            lastActionSteps = [];
            continue;
          }
          const knownOnlyVt = /\b(?:look(?:s|ing)?\s+up|checks?|checking|enrich(?:es|ing)?|quer(?:y|ies|ying)|submits?)\b.*\b(?:virus\s?total|vt)\b/i.test(clause.text);
          if (knownOnlyVt) {
            understood.push({ phrase: clause.text, meaning: 'look the IOCs up on VirusTotal (the playbook does this wherever a step needs a verdict)' });
          } else if (!recognised) {
            notUnderstood.push(clause.text);
          }
        }
        understood.push(...notes);
        lastActionSteps = [];
        continue;
      }
      for (const u of unsupportedHits) unsupported.push({ clause: clause.text, why: u.why });
      // "block the hash if VT flags it, block for 30 days": the same block again with only how long; it is the expiry
      // of the block already planned, never a second block of every IOC.
      if (actions.length === 1 && actions[0] === 'createIndicator' && !cond && /^(?:and\s+|then\s+|but\s+)?(?:block|ban)(?:\s+(?:it|them|those|these|that|the\s+(?:iocs?|indicators?|hash(?:es)?|ips?|urls?|domains?|files?)))?\s+(?:for\s+(?:a|an|one|\d+)\s*(?:days?|d|weeks?|wks?|months?|hours?|hrs?)|until\s+[^,;]+)$/i.test(actionText.trim()) && [...steps, ...sentenceSteps].some((x) => x.action === 'createIndicator')) {
        understood.push({ phrase: clause.text, meaning: 'indicator expiry (applied to the block step)' });
        lastActionSteps = [];
        continue;
      }

      const clauseSteps: DraftStep[] = [];
      const ownTypes = iocTypesIn(actionText);
      const targetTypes = ownTypes.length ? ownTypes : leadIocTypes;
      const inClauseRead = extractConditions(actionText, targetTypes, false);
      const inClause = { phrases: inClauseRead.phrases, conditions: orJoined(actionText, inClauseRead, true) };
      // "block the hashes VT flags with 8+ engines and quarantine them": "them" are the step before's files, with its verdict
      // (read alone, every file of the alert was quarantined, clean ones too).
      if (actions.some((a) => a === 'stopAndQuarantineFile' || a === 'createIndicator') && !inClause.conditions.some(isPositiveMalicious) && FILES_AGAIN.test(actionText)) {
        const verdict = lastActionSteps.flatMap((x) => x.conditions).find((c) => isPositiveMalicious(c) && 'kind' in c && c.kind === 'maliciousIoc' && c.iocTypes.includes('file'));
        if (verdict) inClause.conditions.push(verdict);
      }
      const trailing = cond ? extractConditions(cond, targetTypes, true) : { conditions: [], phrases: [] };
      const trailingOnly = cond !== null && /^(?:but\s+)?only\b/i.test(cond);
      notes.push(...inClause.phrases, ...trailing.phrases);
      // A condition Rampart cannot check must never be dropped: the step would then act more
      // widely than asked (isolate every device instead of the risky ones). Leave the step out.
      const label = actions.map((a) => ACTIONS[a].label.toLowerCase()).join(', ');
      if (cond && ((!condRecognised && trailing.conditions.length === 0) || afterScan(cond, [...steps, ...sentenceSteps]))) {
        notUnderstood.push(`${cond} (condition not understood, so "${label}" was left out rather than run without it)`);
        // "Block the hash and isolate the device when ...": the condition may govern earlier steps too.
        unreadTrailing.push(cond);
        withheld.push({ words: cond, actions, kind: 'condition' });
        lastActionSteps = [];
        continue;
      }
      const counted = /\b(\d+)\s+or\s+more\s+(?:malicious\s+|bad\s+)?(files?|hash(?:es)?|iocs?|ips?|urls?|domains?)\b|\b(?:at\s+least|more\s+than)\s+(\d+)\s+(?:malicious\s+|bad\s+)(files?|hash(?:es)?|iocs?|ips?|urls?|domains?)\b/i.exec(clause.text);
      if (counted) {
        notUnderstood.push(`${counted[0]} (counting malicious IOCs is not supported, so "${label}" was left out rather than run on a single one)`);
        withheld.push({ words: counted[0], actions, kind: 'condition' });
        lastActionSteps = [];
        continue;
      }
      for (const action of actions) {
        const params: StepParams = {};
        const step: DraftStep = {
          action, phrase: clause.text, params, conditions: [...inClause.conditions, ...trailing.conditions, ...unlessConditions],
          iocTypes: targetTypes, whereSeen: WHERE_SEEN.test(clause.text),
        };
        if (ownTypes.length === 0 && leadIocTypes.length > 0 && !IOC_ACTIONS.includes(action)) step.conditions.push(...iocPresence(leadIocTypes));
        if (action === 'isolate') {
          // "selective for the DCs, full isolation for all others": a clause that says full is full, whatever else is selective.
          const saysFull = /\bfull(?:y)?\s+(?:network\s+)?isolat/i.test(clause.text) && !/\bselective(?:ly)?\b/i.test(clause.text);
          params.isolationType = !saysFull && /\bselective(?:ly)?\b|\bpartial(?:ly)?\b|\boutlook\b|\bkeep\b.*\b(?:teams|email|mail|skype)\b/i.test(withoutSelectiveDenied(clause.header || selectiveForAll(request) ? request : sentence)) ? 'Selective' : 'Full';
          if (params.isolationType === 'Selective') facts.add('Selective isolation keeps Outlook, Teams and Skype for Business working while the device is cut off from everything else.');
          else assumptions.add('Isolation is Full (the device keeps only its connection to Defender) unless selective isolation is asked for.');
        }
        if (action === 'runAntiVirusScan') {
          params.scanType = /\b(?:full|deep|complete|thorough|entire)\b/i.test(clause.text) ? 'Full' : 'Quick';
          // "isolate it and run a full scan; on servers only the scan": "the scan" is the one said before, when only one kind was.
          if (!/\b(?:quick|fast)\b/i.test(sentence) && /\bthe\s+(?:same\s+)?(?:av\s+|antivirus\s+)?scan\b/i.test(sentence)) {
            const at = request.indexOf(sentence);
            const before = at > 0 ? request.slice(0, at) : '';
            if (/\b(?:full|deep|complete|thorough)\s+(?:av\s+|antivirus\s+)?scan/i.test(before) && !/\b(?:quick|fast)\s+(?:av\s+|antivirus\s+)?scan/i.test(before)) params.scanType = 'Full';
          }
          if (!/\bquick\b|\bfast\b/i.test(clause.text) && params.scanType === 'Quick') assumptions.add('The antivirus scan is a Quick scan unless a full scan is asked for.');
        }
        if (action === 'createIndicator') {
          const days = expiryDays(sentence) ?? (/\bexpir/i.test(request) ? expiryDays(request) : undefined);
          if (days) {
            params.expiresInDays = days;
            notes.push({ phrase: days.toString(), meaning: `the indicator expires ${days} day${days === 1 ? '' : 's'} after it is created` });
          }
          if (/\b(?:as|with|action|mode|using)\s+(?:the\s+|an?\s+)?["']?alert[- ]and[- ]block|\balertandblock\b|\balert[- ]and[- ]block(?=\s*(?:[,.;]|$)|\s+(?:indicators?|iocs?|action|mode)\b)/i.test(sentence)) params.indicatorAction = 'AlertAndBlock';
          else if (/\bblock[- ]and[- ]remediate\b|\bblockandremediate\b/i.test(sentence)) params.indicatorAction = 'BlockAndRemediate';
          // ("block it, and if it is between 3 and 10 create an alert only indicator": that other step's "alert only" is its own.)
          else if ([clause.text, sentence.replace(/\bcreate\s+an?\s+alert\s+only\s+indicator\b/gi, ' ')].some((t) => /\balert[- ]only\b|\bonly\s+alert\b|\b(?:with|as|using)\s+(?:the\s+)?(?:action|mode)\s+["']?alert\b(?!\s*(?:and|&|\+|-)\s*block)/i.test(t))) params.indicatorAction = 'Alert';
          else if (/\bwarn\b/i.test(clause.text)) params.indicatorAction = 'Warn';
          else if (/\baudit\b/i.test(clause.text)) params.indicatorAction = 'Audit';
          // "block the sha1s": the hash asked for, when the alert carries it.
          const sha1 = /\bsha-?1s?\b/i.test(sentence);
          const sha256 = /\bsha-?256s?\b/i.test(sentence);
          if (sha1 !== sha256) params.fileHash = sha1 ? 'SHA1' : 'SHA256';
          facts.add(params.fileHash === 'SHA1'
            ? 'A file indicator is made of the SHA-1 asked for; a file whose alert carries no SHA-1 is blocked by its SHA-256.'
            : 'A file indicator needs a SHA-256 or SHA-1 hash: the playbook blocks files by SHA-256 when known, else by SHA-1.');
        }
        if (action === 'stopAndQuarantineFile') {
          facts.add('Defender for Endpoint stops and quarantines a file by its SHA-1 only, on the device where it was seen: the playbook uses each File entity\'s SHA-1 and device.');
        }
        if (action === 'sendMail') {
          // "email the user's manager": Rampart cannot look a manager up, and mailing the user instead may tip off the subject.
          const manager = /\b(?:(?:the\s+)?(?:users?|employees?|person|account\s+owner)'?s?|their|his|her)\s+(?:line\s+)?(?:manager|boss|supervisor|team\s+lead|reports?[- ]to)\b/i.exec(clause.text);
          if (manager) {
            notUnderstood.push(`${manager[0]} (Rampart cannot look up a user's manager, so "send email" was left out rather than mail someone else)`);
            withheld.push({ words: manager[0], actions: ['sendMail'], kind: 'word' });
            continue;
          }
          const to = [...clause.text.matchAll(EMAIL)].map((m) => m[0].toLowerCase());
          const assignTo = ASSIGN.exec(clause.text)?.[1]?.toLowerCase();
          params.mailTo = [...new Set(to.filter((t) => t !== assignTo))].sort();
          // "email the user who got it", "an email is sent to that user": the alerts' own users.
          const toUsers = /\b(?:e-?mail|mail|notify|tell|warn|message|inform|send\s+(?:an?\s+)?(?:e-?mail|mail|message|note|heads-?up)(?:\s+\w+){0,3}?\s+to)\s+(?:the|that|this|each|every|affected|impacted|targeted|those|these)?\s*(?:affected\s+|impacted\s+|targeted\s+|signed-in\s+|logged-on\s+|compromised\s+|involved\s+)?(?:users?|recipients?|employees?|persons?|people|victims?|account\s+owners?|mailbox\s+owners?)\b(?!'s|s'|\s*'s)/i.exec(clause.text);
          // "reset the recipient's password and email them": "them" are the people the sentence named.
          const toThem = toUsers || params.mailTo.length > 0 ? null : /\b(?:e-?mail|mail|notify|tell|warn|message|inform)\s+(?:them|him|her)\b/i.exec(clause.text);
          const peopleBefore = toThem && /\b(?:users?|persons?|person'?s|people|recipients?|employees?|victims?|account\s+owners?|mailbox\s+owners?)\b/i.test(sentence.slice(0, Math.max(0, sentence.indexOf(toThem[0]))));
          if (toUsers || (toThem && peopleBefore)) {
            params.mailToUsers = true;
            notes.push({ phrase: (toUsers ?? toThem)?.[0] ?? clause.text, meaning: 'mail the users of the alert (their UPNs and the recipients of its mail messages)' });
          }
          // "... emails the identity team (idt@contoso.com). Medium ones are only reported by email": the one recipient the request names.
          const named = params.mailTo.length === 0 && !params.mailToUsers ? mailRecipientsOf(requestText) : [];
          if (named.length === 1) {
            params.mailTo = named;
            notes.push({ phrase: clause.text, meaning: `mail ${named[0]}, the recipient the request names` });
          }
          if (params.mailTo.length === 0 && !params.mailToUsers) {
            if (ctx.defaultMailTo?.length) params.mailTo = [...ctx.defaultMailTo].sort();
            else assumptions.add('No mail recipient was named: the playbook mails SOC_EMAIL_TO.');
          }
        }
        if (action === 'teamsMessage' || action === 'sendMail') {
          // "look the IOCs up on VT and post the results here": the results are the verdicts.
          if (/\bvirus\s?total\b|\bvt\b|\bverdicts?\b/i.test(clause.text) || (/\b(?:the\s+)?(?:results?|findings|verdicts?)\b/i.test(clause.text) && /\b(?:look(?:s|ing)?\s+up|check(?:s|ing)?|enrich(?:es|ing)?)\b[^.]*\b(?:virus\s?total|vt)\b/i.test(sentence))) params.includeVirusTotal = true;
        }
        if (action === 'revokeSessions') facts.add('Revoking sessions invalidates refresh tokens; access tokens already issued stay valid for up to an hour.');
        if (action === 'confirmCompromised') facts.add('Confirming a user compromised sets their user risk to High in Entra ID Protection, which risk-based Conditional Access acts on.');
        if (action === 'isolate' || action === 'runAntiVirusScan' || action === 'collectInvestigationPackage' || action === 'restrictCodeExecution' || action === 'stopAndQuarantineFile') {
          facts.add('Defender for Endpoint runs one pending action per device at a time: the playbook waits and retries when a device already has one.');
        }
        // "quarantine files with 10+ detections and block them", "add their hash to the indicators": the IOCs named by a
        // pronoun are the ones the step before chose, with its VirusTotal test, never every IOC of the incident.
        if (IOC_ACTIONS.includes(action) && !step.conditions.some(isPositiveMalicious) && /\b(?:them|their|it|its|those|these|the\s+same)\b/i.test(actionText)) {
          const before = [...lastActionSteps].reverse().find((x) => x.conditions.some(isPositiveMalicious));
          if (before) pushNew(step.conditions, before.conditions.filter(isPositiveMalicious));
        }
        // "quarantine the file on the device it was seen on, then scan that device": the devices of the files before.
        if (DEVICE_ACTIONS.includes(action) && !step.whereSeen && /\b(?:that|this|the\s+same|those|these)\s+(?:devices?|machines?|hosts?|box(?:es)?|endpoints?)\b/i.test(actionText)) {
          const before = [...lastActionSteps].reverse().find((x) => x.action === 'stopAndQuarantineFile' || x.whereSeen || x.deviceFilter?.include?.ranThere);
          if (before) {
            step.whereSeen = true;
            pushNew(step.conditions, before.conditions.filter(isPositiveMalicious));
          }
        }
        clauseSteps.push(step);
        notes.push({ phrase: clause.text, meaning: ACTIONS[action].label });
      }
      // "isolate the device and post in Teams, except servers": an exception, or devices named after a comma at the
      // end, govern every step said with it, not only the last one (the isolation had run on servers).
      const runBefore = lastActionSteps.length ? actionRun.filter((x) => seg.steps.includes(x)) : [];
      // "mark the user compromised and reset the pw, unless they're in X": the exception said last skips every step of the run.
      if (unlessConditions.length) for (const x of runBefore) pushNew(x.conditions, unlessConditions);
      const spread = coordinatedQualifiers(clause.text, devQ, cond);
      if (runBefore.length && spread) {
        // "isolate it when it's a workstation and scan it when it's a server": a step that named its own devices keeps them.
        const open = isEmptyMatch(spread.include) ? runBefore : runBefore.filter((x) => !x.deviceFilter?.include || isEmptyMatch(x.deviceFilter.include));
        applyDeviceQualifiers(open, spread);
        gateOtherSteps(open, spread);
      }
      // "scan it and collect a package when the alert is on a DC": an event said last ("when ...") is when every step
      // said with it happens; a test ("if VT flags it") stays with its own step.
      if (cond && WHEN_EVENT.test(cond) && runBefore.length && trailing.conditions.length) runBefore.forEach((x) => x.conditions.push(...trailing.conditions));
      // "isolate and scan the device on incidents tagged VIP": a bare verb joined to a step that says the object and the case
      // shares both; the case said in that step's own words gates the bare one too (the isolation had run on every incident).
      // (Only a verb said right before "and": "isolate the device, block any hash VT calls malicious" is two steps with
      // objects of their own. A verdict describes what the IOC step acts on, never the case of another step.)
      const shared = inClause.conditions.filter((c) => !JSON.stringify(c).includes('Ioc"'));
      // "run a full scan and isolate the device, only for alerts mapped to T1021": a case said with "only" after a comma at
      // the end of the run is the case of every step of the run (the scan had run on every alert).
      if (runBefore.length && shared.length && /,\s*(?:but\s+)?only\s+(?:for|on|in|with|when|if)\b[^,]*$/i.test(clause.text)) for (const x of runBefore) pushNew(x.conditions, shared);
      if (runBefore.length && shared.length) {
        const verbAnd = (st: DraftStep) => new RegExp(`\\b${escapeRegExp(st.phrase.trim().replace(/^(?:and|then|also|first)\s+/i, ''))}\\s+(?:and|&|\\+)\\s+`, 'i').test(sentence);
        for (const x of runBefore.filter((st) => BARE_STEP.test(st.phrase.trim()) && verbAnd(st))) pushNew(x.conditions, shared);
      }
      // "revoke sessions and reset the password, except service accounts (svc-*)": users spared at the end too.
      const tailUsers = /,\s*([^,]+)$/.exec(clause.text)?.[1];
      const tailEq = runBefore.length && tailUsers && matchActions(tailUsers).length === 0 ? entityQualifiers(tailUsers) : null;
      if (tailEq && hasEntityQualifiers(tailEq) && tailEq.unknownUsers.length + tailEq.unknownIocs.length === 0) applyEntityQualifiers(runBefore, tailEq);
      // "tag every High incident that involves a server": the clause's devices gate its other steps.
      gateOtherSteps(clauseSteps, devQ);
      if (clauseSteps.some((x) => DEVICE_ACTIONS.includes(x.action))) {
        applyDeviceQualifiers(clauseSteps, devQ);
        // "if a DC is in the incident, email X. any other device gets isolated": the devices named before are left out.
        const others = OTHER_DEVICES.exec(clause.text) ?? (isEmptyMatch(devQ.include) ? null : OTHER_OF_KIND.exec(clause.text));
        if (others) {
          // ("servers: tagged crit -> grab a package. other servers -> isolate": the servers not tagged crit. What the
          // clause says of its own devices is not left out, only what the case before said besides.)
          const before = besidesOwn(devQ.include, [...segments.filter((x) => x.devices && !isEmptyMatch(x.devices)).map((x) => x.devices!), ...namedDevices]);
          for (const x of clauseSteps.filter((st) => DEVICE_ACTIONS.includes(st.action))) {
            for (const m of before) {
              x.deviceFilter = { ...(x.deviceFilter ?? {}) };
              mergeMatch((x.deviceFilter.exclude ??= {}), m);
            }
          }
          if (before.length) notes.push({ phrase: others[0], meaning: 'leave out the devices named before' });
        }
        if (!isEmptyMatch(devQ.include)) namedDevices.push(devQ.include);
        notes.push(...devQ.notes);
        if (devQ.usesDc) facts.add(DC_FACT);
        if (devQ.notes.some((n) => /^only|^leave out/.test(n.meaning) && n.meaning !== 'every device (no device filter)')) facts.add(`How devices are told apart: ${DEVICE_KIND_RULES}`);
      }
      if (hasEntityQualifiers(entQ)) {
        applyEntityQualifiers(clauseSteps, entQ);
        notes.push(...entQ.notes);
      }
      // "stop and quarantine mimikatz.exe wherever it's found": that file only, never every file of the alert.
      // "..., and block the sha256": "the" hash is the named file's.
      const kinds = [...clause.text.matchAll(FILE_KIND)];
      const ownNames = [...new Set([...[...clause.text.matchAll(FILE_NAME)].map((m) => m[1].toLowerCase()), ...kinds.map((m) => `*.${m[1].toLowerCase()}`)])];
      const named = ownNames.length ? ownNames : /\b(?:the|its|that|this)\s+(?:sha-?256|sha-?1|md5|(?:file\s+)?hash|file)\b/i.test(clause.text) ? sentenceFileNames : [];
      if (ownNames.length) sentenceFileNames = ownNames;
      if (named.length) {
        for (const x of clauseSteps.filter((st) => st.action === 'stopAndQuarantineFile' || (st.action === 'createIndicator' && (st.iocTypes.includes('file') || st.iocTypes.length === 0)))) {
          x.iocFilter = { ...(x.iocFilter ?? {}), fileNames: named };
          if (x.action === 'createIndicator' && x.iocTypes.length === 0) x.iocTypes = ['file'];
        }
        notes.push({ phrase: kinds.length ? kinds.map((k) => k[0].trim()).join(', ') : named.join(', '), meaning: `only files named ${named.join(' or ')}` });
      }
      const keptSteps = dropForUnknownEntities(dropForUnknownQualifier(clauseSteps, devQ, notUnderstood, withheld), entQ, notUnderstood, withheld);
      // "... incidents that involve a server are handled by X. Workstations in those same incidents are isolated": the
      // incidents the sentence before chose by a device they involve, which this step does not test; Rampart asks rather
      // than isolate the workstations of every incident.
      const sameCase = SAME_CASE.exec(clause.text);
      const involving = sameCase ? sentences.slice(0, si).map((x) => INVOLVING.exec(x)).filter((m): m is RegExpExecArray => m !== null).at(-1) : undefined;
      if (sameCase && involving) {
        const dq = deviceQualifiers(`on ${involving[1]}`);
        const read = dq.unknown.length === 0 && isEmptyMatch(dq.exclude) && !isEmptyMatch(dq.include);
        const held = keptSteps.filter((x) => ACTIONS[x.action].destructive);
        if (read) {
          for (const x of keptSteps) pushNew(x.conditions, [{ kind: 'deviceIs', match: { ...dq.include } }]);
          notes.push({ phrase: sameCase[0], meaning: `only incidents that involve ${involving[1]} (the incidents a sentence before chose)` });
        } else if (held.length) {
          notUnderstood.push(`${sameCase[0]} (the incidents a sentence before chose by the devices they involve, which "${held.map((x) => ACTIONS[x.action].label.toLowerCase()).join(', ')}" cannot test)`);
          withheld.push({ words: sameCase[0], actions: held.map((x) => x.action), kind: 'condition' });
          keptSteps.splice(0, keptSteps.length, ...keptSteps.filter((x) => !held.includes(x)));
        }
      }
      understood.push(...notes.filter((n) => keptSteps.some((k) => n.meaning === ACTIONS[k.action].label) || !clauseSteps.some((c) => n.meaning === ACTIONS[c.action].label)));
      sentenceSteps.push(...keptSteps);
      clauseConditions.push({ steps: keptSteps, conditions: trailing.conditions.length ? trailing.conditions : null, only: trailingOnly });
      seg.steps.push(...keptSteps);
      if (clause.header) keptSteps.forEach((k) => titleSteps.add(k));
      actionRun = [...runBefore, ...keptSteps];
      lastActionSteps = keptSteps;
    }

    // "scan every device, full scan if high, otherwise quick": a bare step the branches after it restate is
    // their summary, not a step of its own.
    for (const bare of sentenceSteps.filter((x) => x.conditions.length === 0)) {
      const owner = segments.find((sg) => sg.steps.includes(bare));
      if (!owner || owner.lead.length || owner.parent) continue;
      const later = sentenceSteps.slice(sentenceSteps.indexOf(bare) + 1).filter((x) => x.action === bare.action);
      const branched = later.filter((x) => segments.some((sg) => sg !== owner && sg.steps.includes(x) && (sg.lead.length > 0 || sg.parent)) || x.conditions.length > 0);
      if (branched.length === 0 || !later.some((x) => owner.steps.includes(x))) continue;
      if (!segments.some((sg) => sg.parent && sg.steps.some((x) => later.includes(x)))) continue;
      sentenceSteps.splice(sentenceSteps.indexOf(bare), 1);
      owner.steps.splice(owner.steps.indexOf(bare), 1);
      clauseConditions = clauseConditions.map((c) => ({ ...c, steps: c.steps.filter((x) => x !== bare) }));
      understood.push({ phrase: bare.phrase, meaning: 'sums up the branches that follow (not a step of its own)' });
    }
    // "block it when VT >= 15, and quarantine it on the host too": a step said "too" / "also" / "as well" after a
    // conditioned one takes that condition (the narrower reading).
    for (const [k, c] of clauseConditions.entries()) {
      if (c.conditions !== null || k === 0) continue;
      const previous = clauseConditions.slice(0, k).reverse().find((x) => x.conditions !== null);
      if (previous && c.steps.some((x) => /\b(?:too|as\s+well|also)\b/i.test(x.phrase))) c.steps.filter((x) => ACTIONS[x.action].destructive).forEach((x) => x.conditions.push(...previous.conditions!));
    }
    // "reset the password and revoke sessions when the incident is tagged BEC": a closing condition
    // (not an "only if" of its own clause) governs every action clause of the sentence before it.
    const closing = clauseConditions.at(-1);
    // "isolate + block the hash ONLY when ...": a bare verb joined to the step the "only" ends is under it too.
    if (closing?.conditions && closing.only) {
      for (const earlier of clauseConditions.slice(0, -1)) {
        if (earlier.conditions === null) earlier.steps.filter((x) => ACTIONS[x.action].destructive && /^(?:and\s+|then\s+)?[a-z-]+(?:\s+(?:it|them))?$/i.test(x.phrase.trim())).forEach((x) => x.conditions.push(...closing.conditions!));
      }
    }
    if (closing?.conditions && !closing.only) {
      for (const earlier of clauseConditions.slice(0, -1)) {
        // Only destructive steps take it: narrowing them is the safe reading; a notification before it stays as it is.
        if (earlier.conditions === null) earlier.steps.filter((x) => ACTIONS[x.action].destructive).forEach((x) => x.conditions.push(...closing.conditions!));
      }
    }
    clauseConditions = [];
    // Incident updates ("assign ... and mark In Progress") come from clause text, not the action patterns.
    for (const sg of segments) if (sg.lead.length) sg.steps.filter((x) => sentenceSteps.includes(x)).forEach((x) => x.conditions.unshift(...sg.lead));
    for (const { eq, seg: owner } of leadEntity) {
      // "for svc- accounts: reset the password": a lead's users are its own branch's.
      const mine = sentenceSteps.filter((x) => owner.steps.includes(x));
      applyEntityQualifiers(mine, eq);
      const kept = dropForUnknownEntities(mine, eq, notUnderstood, withheld);
      const dropped = mine.filter((x) => !kept.includes(x));
      sentenceSteps.splice(0, sentenceSteps.length, ...sentenceSteps.filter((x) => !dropped.includes(x)));
    }
    for (const { dq, seg: owner, text } of leadDevice) {
      // "mac endpoints -> quick scan, windows -> full scan": a lead's devices are its own branch's.
      const mine = sentenceSteps.filter((x) => owner.steps.includes(x));
      // "for servers, just collect the package": those devices get this branch's steps and no other.
      // "For servers, run a full scan instead": the same, said "instead" (read as one more step, the isolation said before had
      // run on the servers too).
      if (dq.include.kinds?.length && mine.some((x) => DEVICE_ACTIONS.includes(x.action)) && (new RegExp(`${escapeRegExp(text)}\\s*[,:;]?\\s*(?:->\\s*)?(?:just|only)\\b`, 'i').test(sentence) || /\binstead\b/i.test(sentence.slice(sentence.indexOf(text))))) {
        onlyOn.push({ kinds: dq.include.kinds, keep: mine });
      } else if (!isEmptyMatch(dq.include) && mine.some((x) => DEVICE_ACTIONS.includes(x.action)) && (/\binstead\b/i.test(sentence.slice(sentence.indexOf(text))) || new RegExp(`${escapeRegExp(text)}\\s*[,:;]?\\s*(?:->\\s*)?(?:just|only)\\b`, 'i').test(sentence))) {
        // ("If the machine is Linux or Mac, only run the quick scan": those systems get this branch's steps alone; "for devices
        // tagged lab, only run a scan" and a device group the same way: read as one more step, the lab devices were isolated.)
        // "for devices tagged crown-jewel, selective isolation on those instead": a tag, a group or a system, the same way.
        onlyOn.push({ kinds: [], match: { ...dq.include }, keep: mine });
      }
      // "lateral movement from a workstation to a server: isolate the workstation only": a step that names its own kind of
      // device keeps it; the lead's devices of that kind are not added to it (the server had been isolated too).
      for (const x of mine) {
        const own = x.deviceFilter?.include ?? {};
        const include = Object.fromEntries(Object.entries(dq.include).filter(([k]) => !(k in own))) as DeviceMatch;
        applyDeviceQualifiers([x], { ...dq, include });
      }
      // "if other servers, isolate": the servers the case before did not take (read as every server, the isolation had
      // reached the servers that case kept from it).
      if (OTHER_OF_KIND.test(text) && !isEmptyMatch(dq.include)) {
        const before = besidesOwn(dq.include, [...segments.filter((x) => x !== owner && x.devices && !isEmptyMatch(x.devices)).map((x) => x.devices!), ...namedDevices]);
        for (const x of mine.filter((st) => DEVICE_ACTIONS.includes(st.action))) {
          for (const m of before) {
            x.deviceFilter = { ...(x.deviceFilter ?? {}) };
            mergeMatch((x.deviceFilter.exclude ??= {}), m);
          }
        }
      }
      // "on a server: isolate it and mail it-infra": the branch's other steps run when such a device is involved.
      if (!isEmptyMatch(dq.include)) mine.filter((x) => !DEVICE_ACTIONS.includes(x.action)).forEach((x) => x.conditions.push({ kind: 'deviceIs', match: dq.include }));
      const kept = dropForUnknownQualifier(mine, dq, notUnderstood, withheld);
      const dropped = mine.filter((x) => !kept.includes(x));
      sentenceSteps.splice(0, sentenceSteps.length, ...sentenceSteps.filter((x) => !dropped.includes(x)));
      if (dq.notes.length) facts.add(`How devices are told apart: ${DEVICE_KIND_RULES}`);
    }

    // "For alerts raised on Linux endpoints, the playbook scans the device. If VT flags the IP, it is also blocked.": the
    // devices the request opened with are those of every later sentence too; a sentence naming devices of its own adds them.
    // Only a lead that says which alerts ("For ...", "On ..."), never a test ("if a server is in it") whose other side may follow.
    // "When MDO reports a message delivered to a mailbox, mail the recipient. If VT flags a URL, also reset the password":
    // what the opening "when" tested holds for the steps said "also" after it.
    if (!openingDone && sentenceSteps.length > 0) {
      openingDone = true;
      if (clauses[0]?.role === 'lead' && /^(?:when|whenever|once)\b/i.test(clauses[0].text.trim())) openingLead.push(...sentenceSteps[0].conditions.filter((c) => sentenceSteps.every((x) => x.conditions.some((d) => JSON.stringify(d) === JSON.stringify(c)))));
    }
    else if (openingDone && openingLead.length > 0 && /\b(?:also|too|as\s+well|additionally|in\s+addition)\b/i.test(sentence) && !/\b(?:other|otherwise|else|rest|remaining)\b/i.test(sentence)) {
      for (const x of sentenceSteps) pushNew(x.conditions, openingLead);
    }
    // ("When the alert is Credential Access and the device runs Windows 11." with no step of its own: a heading over the
    // sentences after it, as "For ..." is.)
    if (si === 0 && clauses[0]?.role === 'lead' && (/^(?:for|on)\b/i.test(clauses[0].text.trim()) || (/^(?:when|whenever)\b/i.test(clauses[0].text.trim()) && sentenceSteps.length === 0 && clauses.every((c) => c.role === 'lead' || c.role === 'cond' || c.header)))) {
      for (const { dq, text } of leadDevice) if (text === clauses[0].text && !isEmptyMatch(dq.include)) mergeMatch(openingDevices, dq.include);
      openingOnly = sentenceSteps.length > 0 && sentenceSteps.every((x) => !DEVICE_ACTIONS.includes(x.action)) && /^(?:for|on)\b[^,;:]*[,:]\s*(?:we\s+|you\s+)?(?:only|just)\b|\b(?:only|just)\s*[.!]?\s*$/i.test(sentence.trim());
      // (A heading's own "when" leaves its excluded devices out of what follows; "for X, except Y" reads its exception already.)
      if (/^(?:when|whenever)\b/i.test(clauses[0].text.trim())) for (const { dq, text } of leadDevice) if (text === clauses[0].text && !isEmptyMatch(dq.exclude)) mergeMatch(openingExcluded, dq.exclude);
    } else if (si > 0 && !isEmptyMatch(openingExcluded)) {
      for (const x of sentenceSteps) {
        if (DEVICE_ACTIONS.includes(x.action)) applyDeviceQualifiers([x], { include: {}, exclude: { ...openingExcluded }, notes: [], unknown: [], usesDc: false });
        else if (!x.conditions.some((c) => 'not' in c && 'kind' in c.not && c.not.kind === 'deviceIs')) x.conditions.push({ not: { kind: 'deviceIs', match: { ...openingExcluded } } });
      }
    }
    // ("... Contain them when it is high." refers back to those devices: the heading holds, as without "only".)
    if (si > 0 && openingOnly && !isEmptyMatch(openingDevices) && !/\b(?:them|they|those|these|it)\b/i.test(sentence)) {
      // "For kiosks, only send the mail. Isolate the device when it is high.": the kiosks get the mail alone (read as the
      // heading of the isolation, it had isolated the kiosks and them only).
      for (const x of sentenceSteps.filter((st) => DEVICE_ACTIONS.includes(st.action) && isEmptyMatch(st.deviceFilter?.include ?? {}))) {
        x.deviceFilter = { ...(x.deviceFilter ?? {}) };
        mergeMatch((x.deviceFilter.exclude ??= {}), openingDevices);
      }
    } else if (si > 0 && !isEmptyMatch(openingDevices) && !/\b(?:others?|otherwise|else|rest|remaining|everything|anything)\b/i.test(sentence)) {
      for (const x of sentenceSteps) {
        if (DEVICE_ACTIONS.includes(x.action)) {
          // "For Linux servers. When ... on a device running Linux, isolate it": what the sentence says of its own devices
          // stays; what it does not say (that they are servers) comes from the opening.
          const own = x.deviceFilter?.include;
          const missing = Object.fromEntries(Object.entries(openingDevices).filter(([k]) => !own || (own as Record<string, unknown>)[k] === undefined)) as DeviceMatch;
          if (isEmptyMatch(missing)) continue;
          applyDeviceQualifiers([x], { include: missing, exclude: {}, notes: [], unknown: [], usesDc: false });
        } else if (!x.conditions.some((c) => 'kind' in c && c.kind === 'deviceIs')) x.conditions.push({ kind: 'deviceIs', match: { ...openingDevices } });
      }
    }
    const onlyConditions = clauses.every((c) => c.header || c.role === 'lead' || c.role === 'cond');
    // "This playbook is triggered on incidents tagged X. It isolates ...": a sentence of conditions
    // before any step governs every step after it (a title's steps do not count).
    const bodyStepsBefore = [...steps, ...sentenceSteps].filter((x) => !titleSteps.has(x));
    // "... . if it is already assigned dont ping": a condition said with a step it rules out is never a condition to act on.
    // "medium or low alerts: ignored for now", "...: we look at those by hand": a case said to be left alone is never the
    // case the steps before it are for.
    // (Names are not words of the case: a group called 'CA-Excluded-BreakGlass' rules nothing out; nor is the reason given:
    // "only on 5+ engines, because I do not want to block a resolver by mistake" rules nothing out.)
    const rulesOut = clauses.find((c) => /\b(?:do\s+not|don'?t|dont|never|no\s+need\s+to)\s+[a-z]+|\b(?:ignor\w*|skip\w*|hands\s+off|leave|left|alone|untouched|unchanged|by\s+hand|manual(?:ly)?|nothing|no\s+action|not\s+(?:handled|processed|touched|actioned)|out\s+of\s+scope|excluded)\b/i.test(withoutNames(withoutReason(c.text))));
    if (bodyStepsBefore.length === 0 && onlyConditions && seg.lead.length === 0 && hasFilters(seg.local)) seg.lead.push(...residualConditions(seg.local, newDraft()));
    // "close the incidents. only when the title has eicar and the incident is informational sev": the severity said beside
    // another test narrows the updates before it as well (only the other test had, and they closed medium incidents).
    else if (bodyStepsBefore.length === 0 && onlyConditions && seg.local.severities.size > 0 && /^(?:but\s+|and\s+)?only\b/i.test(sentence.trim()) && [...updating].some((u) => u !== seg)) {
      pushNew(seg.lead, residualConditions(seg.local, newDraft()).filter((c) => 'kind' in c && c.kind === 'severity'));
    }
    // "for users in the VIP group we take no action. on high incidents disable the user": a case said to be left alone,
    // before any step, is the case the steps after it skip (read as their case, the disable had run on that group alone).
    if (bodyStepsBefore.length === 0 && onlyConditions && seg.lead.length && rulesOut) {
      headerConditions.push({ not: seg.lead.length === 1 ? seg.lead[0] : { all: [...seg.lead] } });
      headerTexts.push(sentence.trim());
    } else if (bodyStepsBefore.length === 0 && onlyConditions && seg.lead.length) {
      headerConditions.push(...seg.lead);
      headerTexts.push(sentence.trim());
    }
    // "medium or low alerts: later": a case with words of its own after the colon says what happens in that case, which is
    // no step; it never narrows the steps before it.
    const caseSaid = clauses.length > 1 && clauses.some((c) => c.header) ? clauses.find((c) => !c.header) : clauses.find((c) => c.header && /:\s*\S/.test(c.text));
    if (sentenceSteps.length === 0 && onlyConditions && (rulesOut ?? caseSaid) && previousSentenceSteps.length) {
      const said = (rulesOut ?? caseSaid)!;
      notUnderstood.push(`${said.text} (a case where a step is not done, said in a way Rampart cannot tie to a step)`);
      unreadConditions.push(said.text);
    } else if (sentenceSteps.length === 0 && onlyConditions && previousSentenceSteps.length
      && [...seg.local.severities].length > 0 && segments.some((sg) => sg !== seg && sg.steps.includes(previousSentenceSteps[0]) && sg.local.severities.size > 0 && ![...seg.local.severities].some((l) => sg.local.severities.has(l)))) {
      // "if high, isolate. if low, a comment.": severities other than those of the steps before are a branch of their own,
      // whose step was not read; joined to the steps before, they had widened them ("isolate" ran on low incidents too).
      notUnderstood.push(`${sentence.trim()} (a case said without a step Rampart could read, after branches of other severities)`);
      unreadConditions.push(sentence.trim());
    } else if (sentenceSteps.length === 0 && onlyConditions && !seg.parent && segments.length > 1 && previousSentenceSteps.length) {
      // "Isolate the device. Only for high severity alerts.": a sentence of conditions narrows the one before.
      // Every step before it, not only the last sentence's: narrowing more is the safe reading.
      [...steps, ...previousSentenceSteps].filter((x, k, all) => all.indexOf(x) === k).forEach((x) => x.conditions.push(...seg.lead));
      if (seg.lead.every((c) => 'not' in c && 'kind' in c.not && c.not.kind === 'userInGroup')) usersLeftOut.push(...seg.lead);
      const previous = segments.find((sg) => sg.steps.includes(previousSentenceSteps[0]));
      if (previous) {
        for (const f of ['severities', 'sources', 'topics', 'titleKeywords', 'categories', 'statuses', 'notStatuses', 'classifications', 'severityNouns'] as const) {
          (seg.local[f] as Set<string>).forEach((v) => (previous.local[f] as Set<string>).add(v));
        }
        segments.splice(segments.indexOf(seg), 1);
      }
    }
    // "Block anonymous IP sign-ins. When ..., the IP address is added as a block indicator ...": a short first
    // sentence whose steps the body states again is the title.
    // A short first sentence is a title ("Isolate device.") unless it states a condition of its own ("block the hash when VT >= 15.").
    if (si === 0 && (sentence.split(/\s+/).length <= 8 || (sentence.split(/\s+/).length <= 12 && !/,/.test(sentence) && /^(?:isolate|block|contain|quarantine|disable|revoke|reset|restrict|collect|scan|stop|tag|assign|close|resolve|notify|email)\b/i.test(sentence.trim()))) && sentences.length > 1 && !/\b(?:if|when|whenever|unless|only|once)\b|\d|[<>]/i.test(sentence)
      // "isolate machines with a high risk score. selectively isolate medium ones": a first sentence that is an instruction
      // whose step carries a test of its own is a step, not a title the body restates ("Server evidence collection." is one).
      // ("Stop and quarantine known-malicious files." tests only the verdict its adjective implies; the body's threshold,
      // "if 15 or more engines detect the file", is the test, and the title's looser one must not run beside it.)
      && !(/^(?:please\s+|pls\s+)?(?:isolate|block|contain|quarantine|disable|revoke|reset|restrict|collect|scan|run|stop|tag|assign|close|resolve|notify|email)\b/i.test(sentence.trim()) && sentenceSteps.some((x) => !impliedVerdictOnly(x) && (x.conditions.length > 0 || x.deviceFilter || x.userFilter)))
      // "High severity incidents tagged 'exec': selective isolation.": the first item of a list of cases, never a title.
      && !(/^[^:]{0,60}\b(?:critical|high|medium|low|informational|tagged)\b[^:]{0,60}:\s*\S/i.test(sentence.trim()) && (hasFilters(seg.local) || seg.lead.length > 0))) sentenceSteps.forEach((x) => titleSteps.add(x));
    // "block phish URLs from MDO incidents, VT check first: >=3 engines = block": a destructive step said twice in a sentence,
    // once with a test and once without, is one step with its test (the bare one had blocked every URL).
    // (A bare "block" takes its IOC types from the words around it later: none said yet is no difference.)
    const sameBut = (a: DraftStep, b: DraftStep): boolean =>
      a.action === b.action && (a.iocTypes.length === 0 || b.iocTypes.length === 0 || a.iocTypes.join() === b.iocTypes.join()) &&
      JSON.stringify([a.params, a.whereSeen, a.deviceFilter, a.userFilter, a.iocFilter]) === JSON.stringify([b.params, b.whereSeen, b.deviceFilter, b.userFilter, b.iocFilter]);
    const held = (c: Condition): string => JSON.stringify(c);
    for (const wide of [...sentenceSteps].filter((x) => ACTIONS[x.action].destructive)) {
      const narrower = sentenceSteps.find((n) => n !== wide && sameBut(n, wide) && n.conditions.length > wide.conditions.length && wide.conditions.every((c) => n.conditions.some((d) => held(d) === held(c))));
      // (A title's step, "Block Hashes: ...", is dropped with the title rule below.)
      if (!narrower || [...headerClauses].some((h) => h.toLowerCase().includes(wide.phrase.toLowerCase()))) continue;
      remove(sentenceSteps, wide);
      for (const sg of segments) if (sg.steps.includes(wide)) remove(sg.steps, wide);
    }
    // "MDE antivirus detections on servers -> quick scan; on workstations -> full scan": the kind of alert the first branch
    // of a sentence names is what the sentence is about; a later branch that names only devices keeps it (the workstations
    // had been scanned on every alert).
    // ("...on servers -> scan. on workstations -> full scan": the same when the branches are sentences one after another.)
    const ofSentence = [...new Set(clauses.map((_, ci) => clauseSegment.get(`${si}:${ci}`)))].filter((x): x is Segment<DraftStep> => x !== undefined);
    const kindsOf = (sg: Segment<DraftStep>): Condition[] => sg.lead.filter((c) => isKind(c));
    const namesKind = (sg: Segment<DraftStep>): boolean => kindsOf(sg).length > 0 || sg.local.topics.size + sg.local.categories.size + sg.local.titleKeywords.size + sg.local.sources.size > 0;
    const deviceBranch = (sg: Segment<DraftStep>): boolean => !sg.parent && !namesKind(sg) && leadDevice.some((d) => d.seg === sg);
    const ownKinds = ofSentence.length && ofSentence[0].steps.length ? kindsOf(ofSentence[0]) : [];
    const heads = ownKinds.length ? ofSentence.slice(1) : ofSentence;
    const kinds = ownKinds.length ? ownKinds : ofSentence.length && deviceBranch(ofSentence[0]) ? branchKinds : [];
    for (const sg of heads.filter(deviceBranch)) for (const x of sg.steps.filter((st) => sentenceSteps.includes(st))) pushNew(x.conditions, kinds);
    branchKinds = ownKinds.length ? ownKinds : kinds;
    for (const x of sentenceSteps) if (USER_ACTIONS.includes(x.action)) pushNew(x.conditions, usersLeftOut);
    steps.push(...sentenceSteps);
    if (sentenceSteps.length) previousSentenceSteps = sentenceSteps;
  }

  // Incident-update intents: scan every clause again for assign / status / close / tag / comment / severity.
  // "Medium incidents: the password is reset; High incidents additionally have the user confirmed compromised":
  // the higher branch does what the one before it does, and more.
  for (const seg of additive) {
    const i = segments.indexOf(seg);
    const before = segments.slice(0, i).reverse().find((x) => x.steps.length > 0 && !x.parent);
    if (!before || seg.parent || !(hasFilters(before.local) && hasFilters(seg.local)) || seg.steps.length === 0) continue;
    for (const x of before.steps) {
      if (seg.steps.some((y) => y.action === x.action)) continue;
      const copy: DraftStep = { ...x, params: { ...x.params }, conditions: x.conditions.filter((c) => !before.lead.includes(c)) };
      seg.steps.push(copy);
      steps.push(copy);
    }
  }
  const updateSteps = collectIncidentUpdates(request, facts, understood, notUnderstood, clauseSegment, withheld, cleanLeads);
  steps.push(...updateSteps);
  for (const u of updateSteps) if (headerClauses.has(u.phrase)) titleSteps.add(u);
  for (const t of titleSteps) {
    // "Isolate and collect a package. For servers, only collect the package": a branch of its own, never a restatement.
    // "Isolate it. If VT is bad also block the IP, otherwise just isolate": a branch doing "just" that step restates nothing.
    // "Devices running macOS: run a full scan. Devices running Windows: run a quick scan": a step on other devices than the
    // first sentence's is another step, not the title's said again (the macOS scan had gone).
    const otherDevices = (x: DraftStep): boolean => t.deviceFilter?.include !== undefined && x.deviceFilter?.include !== undefined && JSON.stringify(t.deviceFilter.include) !== JSON.stringify(x.deviceFilter.include);
    const restated = steps.filter((x) => x !== t && !titleSteps.has(x) && x.action === t.action && !onlyOn.some((o) => o.keep.includes(x)) && !/^(?:just|only|simply)\b/i.test(x.phrase) && !otherDevices(x));
    if (restated.length) {
      // "Isolate device (excluding servers): ... isolate the devices": what the title leaves out, the body leaves out too.
      if (t.deviceFilter?.exclude) for (const x of restated) mergeMatch((x.deviceFilter ??= {}).exclude ??= {}, t.deviceFilter.exclude);
      if (t.userFilter?.exclude) for (const x of restated) x.userFilter = { ...(x.userFilter ?? {}), exclude: mergePatterns(x.userFilter?.exclude, t.userFilter.exclude.namePatterns) };
      // "Block C2 IP address: ... skips private addresses, and blocks each remaining IP": the IPs it leaves out, too.
      if (t.iocFilter && t.action === 'createIndicator') for (const x of restated) x.iocFilter = { ...t.iocFilter, ...(x.iocFilter ?? {}) };
      steps.splice(steps.indexOf(t), 1);
      for (const sg of segments) if (sg.steps.includes(t)) sg.steps.splice(sg.steps.indexOf(t), 1);
    }
  }
  // "the incident is resolved and classified as a false positive": the same step said twice is one step.
  // Only within one branch: "high: block the IP. medium: block the IP" are two steps until the branches are resolved.
  const stepKey = (x: DraftStep): string => JSON.stringify([segments.findIndex((sg) => sg.steps.includes(x)), x.action, x.params, x.conditions, x.deviceFilter ?? null, x.userFilter ?? null, x.iocFilter ?? null, x.iocTypes]);
  for (let i = steps.length - 1; i > 0; i--) {
    const key = stepKey(steps[i]);
    if (steps.slice(0, i).some((x) => stepKey(x) === key)) {
      const gone = steps[i];
      steps.splice(i, 1);
      for (const sg of segments) if (sg.steps.includes(gone)) sg.steps.splice(sg.steps.indexOf(gone), 1);
    }
  }
  // "isolate the device; the isolation only when VirusTotal flags the IP": the same step stated twice, once
  // with a condition, is that step with its condition (the narrower reading), not one of each.
  for (const bare of steps.filter((x) => x.conditions.length === 0 && !titleSteps.has(x))) {
    const narrowed = steps.find((x) => x !== bare && x.action === bare.action && x.conditions.length > 0 && JSON.stringify(x.params) === JSON.stringify(bare.params) && JSON.stringify(x.deviceFilter ?? null) === JSON.stringify(bare.deviceFilter ?? null) && JSON.stringify(x.iocTypes) === JSON.stringify(bare.iocTypes));
    if (!narrowed || !ACTIONS[bare.action].destructive) continue;
    // ("disable and revoke. if in Break-Glass, only revoke": what a case gets alone, not the step said before narrowed.)
    if (steps.indexOf(narrowed) > steps.indexOf(bare) && saidAsAllTheCaseGets(request, narrowed.phrase) && caseSaidFirst(request, narrowed.phrase)) continue;
    // "if in Tier0: confirm and disable. otherwise, only confirm": the step of the other branch is a step of its own,
    // which the branch's own condition gates; merged, both conditions held at once and it never ran.
    if (segments.some((sg) => sg.steps.includes(bare) && sg.parent !== undefined && !sg.steps.includes(narrowed))) continue;
    // "if a high incident has a user, revoke and reset. medium: just revoke": the bare step is another severity's branch;
    // merged, both severities held at once and it never ran.
    const levels = (x: DraftStep): string => JSON.stringify(segments.filter((sg) => sg.steps.includes(x)).flatMap((sg) => [...sg.local.severities]).sort());
    if (levels(bare) !== '[]' && levels(narrowed) !== '[]' && levels(bare) !== levels(narrowed)) continue;
    steps.splice(steps.indexOf(bare), 1);
    for (const sg of segments) if (sg.steps.includes(bare)) sg.steps.splice(sg.steps.indexOf(bare), 1, ...(sg.steps.includes(narrowed) ? [] : [narrowed]));
    understood.push({ phrase: narrowed.phrase, meaning: `narrows "${bare.phrase}": one ${ACTIONS[bare.action].label.toLowerCase()} step, with this condition` });
  }
  // "Isolate the devices. Collect a package. Only isolate the servers.": a destructive step said again later with "only" and
  // narrower devices, users or IOCs, in no case of its own, is what is asked; the bare first saying goes, a title's too
  // (read as two steps, every device had been isolated).
  for (const bare of steps.filter((x) => ACTIONS[x.action].destructive && x.conditions.length === 0 && !x.deviceFilter && !x.userFilter && !x.iocFilter)) {
    const only = steps.find((x) => steps.indexOf(x) > steps.indexOf(bare) && x.action === bare.action && /^(?:only|just)\s/i.test(x.phrase) && JSON.stringify(x.params) === JSON.stringify(bare.params) && x.iocTypes.join() === bare.iocTypes.join()
      && (x.deviceFilter || x.userFilter || x.iocFilter || x.conditions.length > 0) && segments.some((sg) => sg.steps.includes(x) && !sg.parent && sg.lead.length === 0 && !hasFilters(sg.local)));
    if (!only || !segments.some((sg) => sg.steps.includes(bare) && !sg.parent && sg.lead.length === 0 && !hasFilters(sg.local))) continue;
    steps.splice(steps.indexOf(bare), 1);
    for (const sg of segments) if (sg.steps.includes(bare)) sg.steps.splice(sg.steps.indexOf(bare), 1);
    understood.push({ phrase: only.phrase, meaning: `narrows "${bare.phrase}": one ${ACTIONS[bare.action].label.toLowerCase()} step, only this` });
  }
  // "if low severity, a comment. if high severity, isolate": a sentence of conditions whose step was not read is a branch
  // of its own, never the header of the branches after it. Taken as a header, its severity had replaced the branch's own
  // ("isolate" ran on low incidents). A header's severities that no later step's own severities meet are asked about.
  const headerLevels = new Set(headerConditions.flatMap((c) => ('kind' in c && c.kind === 'severity' ? c.severities : [])));
  if (headerLevels.size > 0) {
    const clash = steps.some((x) => {
      const own = new Set([...segments.filter((sg) => sg.steps.includes(x)).flatMap((sg) => [...sg.local.severities]), ...x.conditions.flatMap((c) => ('kind' in c && c.kind === 'severity' ? c.severities : []))]);
      return own.size > 0 && ![...own].some((l) => headerLevels.has(l));
    });
    if (clash) {
      notUnderstood.push(`${headerTexts.join('; ')} (a case said without a step Rampart could read, before branches of other severities)`);
      unreadConditions.push(...headerTexts);
    }
  }
  if (headerConditions.length) steps.forEach((x) => x.conditions.unshift(...headerConditions));
  for (const c of nothingCases) if (!exclusions.some((e) => JSON.stringify(e) === JSON.stringify(c))) exclusions.push(c);
  /** The request-wide exclusion: no branch tests it, so no "otherwise" is its other side. */
  const requestWide = new Set<string>();
  if (exclusions.length) {
    const never: Condition = { not: exclusions.length === 1 ? exclusions[0] : { any: exclusions } };
    steps.forEach((x) => x.conditions.unshift(never));
    requestWide.add(JSON.stringify(never));
  }
  // "isolate the high-risk ones. selective isolation so outlook still works": a sentence that only says how to isolate is
  // the type of the isolation already asked for, never a second isolation of every device.
  // Only when it is said in no case of its own ("if medium, selective isolation" is the medium branch's isolation).
  const others = steps.filter((x) => x.action === 'isolate' && !isolationTypeOnly(x));
  if (others.length) {
    for (const x of steps.filter((st) => isolationTypeOnly(st))) {
      const own = segments.find((sg) => sg.steps.includes(x));
      if (own && (hasFilters(own.local) || own.lead.length > 0 || own.parent)) continue;
      // ("for servers, selective isolation": the isolation of devices of their own, not the type of the one before, which
      // took other devices; merged, the servers had not been isolated at all.)
      if (x.deviceFilter && others.every((y) => JSON.stringify(y.deviceFilter ?? {}) !== JSON.stringify(x.deviceFilter))) continue;
      remove(steps, x);
      own?.steps.splice(own.steps.indexOf(x), 1);
      // The type it says is the type of the isolation it speaks of, unless that one says its own.
      for (const y of others) if (!/\b(?:selective(?:ly)?|partial(?:ly)?|full(?:y)?)\b/i.test(y.phrase)) y.params.isolationType = x.params.isolationType;
      understood.push({ phrase: x.phrase, meaning: `the type of the isolation asked for (${x.params.isolationType}), not another isolation` });
    }
  }
  for (const { actions, conditions } of neverWhen) {
    const never: Condition = { not: conditions.length === 1 ? conditions[0] : { all: conditions } };
    for (const x of steps.filter((st) => actions.includes(st.action))) x.conditions.unshift(never);
  }
  for (const { actions, q } of neverEntity) applyEntityQualifiers(steps.filter((st) => actions.includes(st.action)), q);
  for (const { seg: other, words } of otherUsers) applyEntityQualifiers(other.steps, entityQualifiers(words, true));
  // "Scope: workstations only": every device step acts on those devices only, and the other steps run when the incident has
  // one. A step that names other devices of its own ("isolate the servers") contradicts the scope: asked about.
  for (const sc of deviceScopes.filter((x) => !isEmptyMatch(x.include))) {
    // (A step held to the same devices or fewer, "collect a package from Windows servers" under "Scope: Windows servers", agrees;
    // what the scope says and the step does not, its OS say, is added to the step's own.)
    const keys = Object.keys(sc.include) as Array<keyof DeviceMatch>;
    const within = (m: DeviceMatch): boolean => keys.every((k) => {
      const mine = m[k];
      const theirs = sc.include[k];
      if (mine === undefined) return true;
      return Array.isArray(mine) && Array.isArray(theirs) ? mine.every((v) => (theirs as unknown[]).includes(v)) : mine === theirs;
    });
    const own = steps.filter((st) => DEVICE_ACTIONS.includes(st.action) && st.deviceFilter?.include);
    const clash = own.filter((st) => !within(st.deviceFilter!.include!));
    if (clash.length) {
      notUnderstood.push(`${sc.phrase} (the request also names other devices for "${clash.map((x) => x.phrase).join('", "')}")`);
      unreadConditions.push(sc.phrase);
      continue;
    }
    for (const st of own) for (const k of keys) if (st.deviceFilter!.include![k] === undefined) Object.assign(st.deviceFilter!.include!, { [k]: sc.include[k] });
    const q: DeviceQualifiers = { include: sc.include, exclude: {}, notes: [], unknown: [], usesDc: false };
    applyDeviceQualifiers(steps.filter((st) => !own.includes(st)), q);
    // "Only workstations, not servers ... for servers send an email instead": a step whose own case is other devices is
    // that case's; gated on the scope's devices too, it could never run.
    const otherCase = (st: DraftStep): boolean => st.conditions.some((c) => 'kind' in c && c.kind === 'deviceIs' && !within(c.match));
    gateOtherSteps(steps.filter((st) => !otherCase(st)), q);
  }
  for (const { actions, match } of neverOn) {
    for (const x of steps.filter((st) => actions.includes(st.action) && DEVICE_ACTIONS.includes(st.action))) {
      x.deviceFilter = { ...(x.deviceFilter ?? {}) };
      mergeMatch((x.deviceFilter.exclude ??= {}), match);
    }
    // "Don't block or isolate anything on workstations": a step that acts on no device never runs when those devices are
    // involved (it had blocked the hash on a workstation alert while only the isolation was spared).
    for (const x of steps.filter((st) => actions.includes(st.action) && !DEVICE_ACTIONS.includes(st.action))) x.conditions.push({ not: { kind: 'deviceIs', match: { ...match } } });
  }
  // "block 193.42.33.17": the IOC named by its value, and only it (every IOC of the incident had been blocked).
  for (const x of steps.filter((st) => st.action === 'createIndicator')) {
    const named: Array<{ value: string; type: IocType }> = [];
    for (const m of x.phrase.matchAll(/https?:\/\/[^\s,;]+|(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w./])|\b[0-9a-f]{64}\b|\b[0-9a-f]{40}\b/gi)) {
      if (/\b(?:except|not|unless|never|other\s+than|excluding|but)\b[^,;.]*$/i.test(x.phrase.slice(0, m.index))) continue;
      const value = m[0].replace(/[.)]+$/, '');
      named.push({ value, type: /^https?:/i.test(value) ? 'url' : /^\d/.test(value) && value.includes('.') ? 'ip' : 'file' });
    }
    if (named.length === 0) continue;
    x.iocTypes = IOC_TYPES.filter((t) => named.some((n) => n.type === t));
    x.iocFilter = { ...(x.iocFilter ?? {}), values: named.map((n) => n.value) };
  }
  // "malicious URLs are blocked and the incident is tagged 'Phish-Confirmed'": an update said with a block that only takes
  // the flagged IOCs records that block, so it waits for the same verdict.
  const requestSentences = splitSentences(request).map((x) => x.toLowerCase());
  const sentenceOf = (phrase: string): number => requestSentences.findIndex((x) => x.includes(phrase.toLowerCase()));
  for (const u of steps.filter((st) => st.action === 'updateIncident' && !st.conditions.some((c) => isPositiveMalicious(c) || 'not' in c) && (st.params.incident?.addTags?.length || st.params.incident?.addComment))) {
    const home = segments.find((sg) => sg.steps.includes(u));
    if (!home || home.parent) continue;
    const block = steps.find((b) => b.action === 'createIndicator' && home.steps.includes(b) && sentenceOf(b.phrase) >= 0 && sentenceOf(b.phrase) === sentenceOf(u.phrase) && b.conditions.some(isPositiveMalicious));
    if (block) u.conditions.push(...block.conditions.filter((c) => isPositiveMalicious(c) && !u.conditions.includes(c)));
  }
  // "if VT on the URL is malicious, block the URL and the IP": the IP is blocked because the URL is bad, not only when
  // VirusTotal flags the IP itself. A block naming more IOC types than the verdict it waits for is two blocks.
  for (const x of [...steps].filter((st) => st.action === 'createIndicator' && st.iocTypes.length > 1 && st.iocTypes.length < IOC_TYPES.length)) {
    const verdicts = x.conditions.filter(isPositiveMalicious) as Array<Extract<Condition, { kind: 'maliciousIoc' }>>;
    const judged = [...new Set(verdicts.flatMap((c) => c.iocTypes))];
    const others = x.iocTypes.filter((t) => !judged.includes(t));
    if (verdicts.length === 0 || others.length === 0 || others.length === x.iocTypes.length) continue;
    const extra: DraftStep = { ...x, params: { ...x.params }, conditions: [...x.conditions], iocTypes: others };
    x.iocTypes = x.iocTypes.filter((t) => judged.includes(t));
    steps.splice(steps.indexOf(x) + 1, 0, extra);
    for (const sg of segments) if (sg.steps.includes(x)) sg.steps.splice(sg.steps.indexOf(x) + 1, 0, extra);
  }
  for (const { kinds, match, keep } of onlyOn) {
    // A step already held to other kinds of device ("isolate workstations") leaves these out anyway.
    const own = (x: DraftStep): boolean => (!match && (x.deviceFilter?.include?.kinds ?? []).length > 0)
      // ("on linux boxes just collect a package, on windows hosts contain": a step held to other systems leaves these out anyway.)
      || Boolean(match?.osPlatforms?.length && x.deviceFilter?.include?.osPlatforms?.length && x.deviceFilter.include.osPlatforms.every((o) => !match.osPlatforms!.includes(o)));
    const others = steps.filter((st) => DEVICE_ACTIONS.includes(st.action) && !keep.includes(st) && !own(st));
    // "scan anything in the finance group ..., if its a server make it a full scan instead": the servers among those devices.
    const theirs = others.length ? JSON.stringify(others[0].deviceFilter?.include ?? {}) : '{}';
    if (theirs !== '{}' && others.every((x) => JSON.stringify(x.deviceFilter?.include ?? {}) === theirs)) {
      const said = JSON.parse(theirs) as DeviceMatch;
      for (const x of keep.filter((k) => DEVICE_ACTIONS.includes(k.action))) {
        const include = x.deviceFilter?.include ?? {};
        const missing = Object.fromEntries(Object.entries(said).filter(([k]) => (include as Record<string, unknown>)[k] === undefined)) as DeviceMatch;
        if (!isEmptyMatch(missing)) x.deviceFilter = { ...(x.deviceFilter ?? {}), include: { ...include, ...missing } };
      }
    }
    for (const x of others) {
      x.deviceFilter = { ...(x.deviceFilter ?? {}) };
      mergeMatch((x.deviceFilter.exclude ??= {}), match ?? { kinds });
    }
    // "if VT flags the IP isolate the host, unless it's a server: servers just get a scan": the scan is instead of the
    // isolation, so in the same case.
    const shared = others.length ? JSON.stringify(others[0].conditions) : '[]';
    if (shared !== '[]' && others.every((x) => JSON.stringify(x.conditions) === shared)) {
      for (const x of keep.filter((k) => k.conditions.length === 0)) x.conditions.push(...(JSON.parse(shared) as Condition[]));
    }
    // The branch's step that every device already gets elsewhere runs once, there, now without the kind left out.
    for (const x of match ? [] : keep) {
      // "DCs only get the scan": the scan said before, whatever type it had.
      const sameParams = (st: DraftStep): boolean => JSON.stringify(st.params) === JSON.stringify(x.params) || !/\b(?:quick|full|deep|selective)\b/i.test(x.phrase);
      const wider = steps.find((st) => st !== x && !keep.includes(st) && st.action === x.action && sameParams(st) && JSON.stringify(st.conditions) === JSON.stringify(x.conditions) && !st.deviceFilter?.include);
      if (!wider) continue;
      const exclude = wider.deviceFilter?.exclude;
      if (exclude?.kinds) exclude.kinds = exclude.kinds.filter((k) => !kinds.includes(k));
      if (exclude?.kinds?.length === 0) delete exclude.kinds;
      if (exclude && Object.values(exclude).every((v) => !v || (Array.isArray(v) && v.length === 0))) delete wider.deviceFilter!.exclude;
      if (wider.deviceFilter && Object.keys(wider.deviceFilter).length === 0) delete wider.deviceFilter;
      steps.splice(steps.indexOf(x), 1);
      for (const sg of segments) if (sg.steps.includes(x)) sg.steps.splice(sg.steps.indexOf(x), 1);
    }
  }
  // "close the eicar test incidents. resolve as informational / security testing and assign to X": the incidents the first
  // step named by their kind (title words, threat family) are what the sentences after it act on, when those name no
  // incidents, facts or conditions of their own (every incident would have been resolved and assigned).
  const namedBy = steps.find((x) => x.conditions.length > 0);
  const ofIncidents = (c: Condition): boolean => ('kind' in c && (c.kind === 'titleContains' || c.kind === 'threatFamily')) || ('any' in c && c.any.every(ofIncidents));
  if (namedBy && namedBy === steps[0] && namedBy.conditions.every(ofIncidents) && /\b(?:incidents?|alerts?|detections?|cases?)\b/i.test(namedBy.phrase)) {
    const first = segments.findIndex((sg) => sg.steps.includes(namedBy));
    for (const sg of segments.slice(first + 1)) {
      if (sg.parent || sg.lead.length > 0 || hasFilters(sg.local)) break;
      for (const x of sg.steps) {
        if (x.conditions.length > 0 || /\b(?:every|all|any|each)\s+(?:\w+\s+)?(?:incidents?|alerts?)\b/i.test(x.phrase)) continue;
        x.conditions.push(...(JSON.parse(JSON.stringify(namedBy.conditions)) as Condition[]));
      }
    }
  }
  // "restrict app execution on workstations where VT flags the file. servers just get a full scan instead": the step said
  // "instead" for another kind of device replaces the one before in its case, so it takes that step's conditions (on every
  // server it had scanned on every incident).
  const saidInstead = (x: DraftStep): boolean => /\binstead\b/i.test(x.phrase) || segments.some((sg) => sg.steps.includes(x) && sg.steps.some((y) => /\binstead\b/i.test(y.phrase)));
  for (const [i, x] of steps.entries()) {
    // The devices the step is for: its own filter, or (a message, a mail) the devices its condition names.
    const chosen = DEVICE_ACTIONS.includes(x.action) ? x.deviceFilter?.include : x.conditions.length === 1 && 'kind' in x.conditions[0] && x.conditions[0].kind === 'deviceIs' ? x.conditions[0].match : undefined;
    const kinds = chosen?.kinds ?? [];
    const names = chosen?.namePatterns ?? [];
    const own = DEVICE_ACTIONS.includes(x.action) ? x.conditions.length : x.conditions.length - 1;
    if (!saidInstead(x) || own > 0 || kinds.length + names.length === 0) continue;
    // The step before held to other kinds of device, or one that leaves out the devices this one names ("isolate ..., except
    // machines named ed-*. for the ED boxes collect a package instead").
    const otherKinds = (st: DraftStep): boolean => kinds.length > 0 && (st.deviceFilter?.include?.kinds ?? []).length > 0 && st.deviceFilter!.include!.kinds!.every((k) => !kinds.includes(k));
    // (Or the kinds it names: "never isolate a DC. collect a package there instead".)
    const leftOut = (st: DraftStep): boolean => (names.length > 0 && names.every((n) => st.deviceFilter?.exclude?.namePatterns?.includes(n))) || (kinds.length > 0 && kinds.every((k) => st.deviceFilter?.exclude?.kinds?.includes(k)));
    const segOf = (st: DraftStep): Segment<DraftStep> | undefined => segments.find((sg) => sg.steps.includes(st));
    const replaced = steps.slice(0, i).reverse().find((st) => DEVICE_ACTIONS.includes(st.action) && (st.conditions.length > 0 || hasFilters(segOf(st)?.local ?? newDraft())) && (otherKinds(st) || leftOut(st)));
    if (!replaced) continue;
    x.conditions.push(...(JSON.parse(JSON.stringify(replaced.conditions)) as Condition[]));
    // The case the replaced step's sentence named (severity, kind of alert) is this sentence's too, when it names none.
    const [from, to] = [segOf(replaced), segOf(x)];
    if (from && to && from !== to && !hasFilters(to.local) && !to.parent) mergeDraft(to.local, from.local, FILTER_FIELDS);
    // On the devices the file was seen on, when that is where the replaced step acted.
    if (replaced.whereSeen && DEVICE_ACTIONS.includes(x.action)) x.whereSeen = true;
  }
  // "fully isolate all the endpoints; however, devices in the 'G' device group shall instead get a full scan": the devices a
  // step said "instead" chooses by group, tag, name or system are left out of the other device steps before it, which it
  // replaces for them (the group's devices had been isolated as well as scanned).
  for (const [i, x] of steps.entries()) {
    const chosen = x.deviceFilter?.include;
    if (!DEVICE_ACTIONS.includes(x.action) || !/\binstead\b/i.test(x.phrase) || !chosen || isEmptyMatch(chosen) || chosen.kinds?.length || chosen.minRiskScore) continue;
    for (const y of steps.slice(0, i).filter((st) => DEVICE_ACTIONS.includes(st.action) && st.action !== x.action)) {
      if (JSON.stringify(y.deviceFilter?.include ?? {}) === JSON.stringify(chosen)) continue;
      y.deviceFilter = { ...(y.deviceFilter ?? {}) };
      mergeMatch((y.deviceFilter.exclude ??= {}), chosen);
    }
  }
  // "on incidents involving a DC: don't touch the DC, isolate the other hosts": devices both chosen and left out for the
  // same kind were chosen by the incident they are in, which is a condition, not the devices acted on.
  for (const x of steps.filter((st) => DEVICE_ACTIONS.includes(st.action))) {
    const include = x.deviceFilter?.include;
    const both = (include?.kinds ?? []).filter((k) => x.deviceFilter?.exclude?.kinds?.includes(k));
    if (!include || both.length === 0) continue;
    include.kinds = include.kinds!.filter((k) => !both.includes(k));
    if (include.kinds.length === 0) delete include.kinds;
    if (isEmptyMatch(include)) delete x.deviceFilter!.include;
    x.conditions.push({ kind: 'deviceIs', match: { kinds: both } });
  }
  for (const words of casesLeftAlone) {
    // ("but when the delivery action is Blocked, do nothing": a case of another kind than the steps' own tests may hold
    // with them, and is asked about; left alone, the block ran on blocked mail.)
    if (steps.every((x) => x.conditions.length > 0 || !isEmptyMatch(x.deviceFilter?.include ?? {})) && !OTHER_KIND_OF_CASE.test(words)) understood.push({ phrase: words, meaning: 'a case that gets nothing (every step has a condition of its own)' });
    else {
      notUnderstood.push(words);
      unreadConditions.push(words);
    }
  }
  for (const { phrase, actions, seg: owner } of neverKinds) {
    // "medium ones: just ping us here, don't touch the account": a branch's own words are about that branch's steps.
    // ("svc accounts (svc-*) -> DONT disable, no pwd reset either": a branch of accounts chosen by name is a branch too.)
    const branch = owner.lead.length > 0 || owner.parent !== undefined || hasFilters(owner.local) || owner.users !== undefined;
    // "block the URL. do not block the sender's domain": a block ruled out for a kind of IOC no block step takes.
    const ruledOutTypes = actions.every((a) => a === 'createIndicator') ? iocTypesIn(withoutReason(phrase)) : [];
    const blocks = (branch ? owner.steps : steps).filter((st) => st.action === 'createIndicator');
    if (ruledOutTypes.length > 0 && blocks.every((st) => st.iocTypes.every((t) => !ruledOutTypes.includes(t)))) {
      understood.push({ phrase, meaning: `explicitly not done: block ${ruledOutTypes.map((t) => (t === 'file' ? 'file hashes' : `${t}s`)).join(', ')}` });
      continue;
    }
    if ((branch ? owner.steps : steps).some((st) => actions.includes(st.action))) {
      notUnderstood.push(`${phrase} (the request also asks for such a step)`);
      unreadConditions.push(phrase);
      continue;
    }
    // "for VIP incidents no device is isolated, only mail X. for the other high ones isolate the device": the branch's case
    // never gets that step, wherever else the request asks for it.
    const elsewhere = branch ? steps.filter((st) => actions.includes(st.action) && !owner.steps.includes(st)) : [];
    // Those accounts never get that step where the request asks for it elsewhere ("regular users -> reset pwd").
    if (owner.users !== undefined && owner.lead.length === 0 && !hasFilters(owner.local) && owner.parent === undefined) {
      applyEntityQualifiers(elsewhere, entityQualifiers(owner.users, true));
      understood.push({ phrase, meaning: `never for the accounts of "${owner.users}": ${actions.map((a) => ACTIONS[a].label.toLowerCase()).join(', ')}` });
      continue;
    }
    // (A branch of severities or products is resolved against the others when the branches are written out.)
    if (elsewhere.length === 0 || owner.lead.length === 0 || owner.parent !== undefined) continue;
    const never: Condition = { not: owner.lead.length === 1 ? owner.lead[0] : { all: owner.lead } };
    for (const st of elsewhere) st.conditions.unshift(never);
    understood.push({ phrase, meaning: `never when ${describeCondition(never.not)}: ${actions.map((a) => ACTIONS[a].label.toLowerCase()).join(', ')}` });
  }
  const { trigger: draft, orphans, statusClash, severityClash } = resolveBranches(segments, requestWide);
  if (severityClash) {
    const said = `severity ${severityClash.join(' or ')} (a case said without a step Rampart could read, before steps of other severities)`;
    notUnderstood.push(said);
    unreadConditions.push(said);
  }
  if (statusClash) {
    notUnderstood.push(statusClash);
    unreadConditions.push(statusClash);
  }
  // "any other device: isolate": on a device step, the other side of a device case is a filter on each
  // device (the DC is left out, the workstation beside it is isolated), not a test of the whole incident.
  // "if any box in the incident is in Tier 0 -> no auto actions, just ping me. everything else: isolate": the case is the
  // whole incident, left to people; the other side is every other incident, not the other devices of that one.
  const wholeIncidentLeftAlone =
    /\b(?:if|when)\s+(?:any|a|one)\s+(?:box|device|machine|host|endpoint|server)s?\s+(?:in|of)\s+(?:the|this|that)\s+incident\b/i.test(request) &&
    /\bno\s+(?:auto(?:mated|matic)?\s+|other\s+|further\s+)?actions?\b|\bdo\s+nothing\s+else\b|\bhands\s+off\b|\b(?:don'?t|dont|do\s+not)\s+touch\s+(?:it|anything)\b/i.test(request);
  for (const sg of segments.filter((x) => x.parent?.devices && !wholeIncidentLeftAlone)) {
    const match = sg.parent!.devices!;
    for (const x of sg.steps.filter((st) => DEVICE_ACTIONS.includes(st.action))) {
      const i = x.conditions.findIndex((c) => 'not' in c && 'kind' in c.not && c.not.kind === 'deviceIs' && JSON.stringify(c.not.match) === JSON.stringify(match));
      if (i < 0) continue;
      x.conditions.splice(i, 1);
      x.deviceFilter = { ...(x.deviceFilter ?? {}) };
      mergeMatch((x.deviceFilter.exclude ??= {}), excludedWhole(match));
    }
  }
  // "disable the acct. if it's in IT-Admins revoke their sessions instead": in that case the step replaces the steps of
  // its kind said before it, which then run only in the other case.
  for (const x of steps) {
    // "disable the acct. for accounts named svc-*, reset the pw instead": the accounts it names are left out of the steps
    // before, and get this one where those would have run.
    const named = x.userFilter?.include?.namePatterns;
    if (/\binstead\b/i.test(x.phrase) && named && USER_ACTIONS.includes(x.action)) {
      for (const y of steps.slice(0, steps.indexOf(x)).filter((st) => USER_ACTIONS.includes(st.action) && st.action !== x.action)) {
        y.userFilter = { ...(y.userFilter ?? {}), exclude: mergePatterns(y.userFilter?.exclude, named) };
        pushNew(x.conditions, y.conditions);
      }
      continue;
    }
    if (!/\binstead\b/i.test(x.phrase) || x.conditions.length === 0) continue;
    const family = USER_ACTIONS.includes(x.action) ? USER_ACTIONS : DEVICE_ACTIONS.includes(x.action) ? DEVICE_ACTIONS : [];
    // "critical alerts -> isolate the host. but if the alert comes from MDI restrict app execution instead": the case is
    // one inside the case of the steps it replaces, so it keeps what they all need and it does not say otherwise (the
    // severity here).
    const replaced = steps.slice(0, steps.indexOf(x)).filter((y) => family.includes(y.action) && y.action !== x.action);
    const kindOf = (c: Condition): string | undefined => ('kind' in c ? c.kind : undefined);
    const shared = replaced.length === 0 ? [] : replaced[0].conditions.filter((c) => kindOf(c) !== undefined && replaced.every((y) => y.conditions.some((d) => JSON.stringify(d) === JSON.stringify(c))));
    // (A test of the same thing said the other way, "risk High -> package; risk Medium or lower -> scan instead", is this
    // case's own and is not joined by the replaced steps' test, which it rules out.)
    const kindIn = (d: Condition): string | undefined => kindOf(d) ?? ('not' in d ? kindOf(d.not) : undefined);
    for (const c of shared) if (!holds(x.conditions, c) && !x.conditions.some((d) => kindIn(d) === kindOf(c))) x.conditions.push(JSON.parse(JSON.stringify(c)) as Condition);
    for (const y of steps.slice(0, steps.indexOf(x))) {
      if (!family.includes(y.action) || (y.action === x.action && JSON.stringify(y.params) === JSON.stringify(x.params))) continue;
      const extra = x.conditions.filter((c) => !holds(y.conditions, c));
      // Said already the other way round ("disable unless X. if X revoke instead").
      const negatedAlready = extra.length === x.conditions.length && JSON.stringify(y.conditions).includes(JSON.stringify({ not: extra[0] }));
      if (extra.length === 0 || negatedAlready) continue;
      y.conditions.push({ not: extra.length === 1 ? extra[0] : { all: extra } });
    }
  }
  // "disable the user and revoke his sessions. If the user is in the VIP group, only send a mail to me": a notice said with
  // "only", "just" or "instead" is all that case gets, so the destructive steps said before it leave that case out.
  // ("if the incident is tagged no-touch, only add a comment": any step said so after its case; "only isolate it if ..."
  // says when that step runs, not what the case gets.)
  const coveredCaseSteps = new Set<DraftStep>();
  for (const x of steps) {
    const notice = x.action === 'sendMail' || x.action === 'teamsMessage';
    if (x.conditions.length === 0 || !saidAsAllTheCaseGets(request, x.phrase) || !(notice || caseSaidFirst(request, x.phrase))) continue;
    // The steps said before it, in the words' order (the plan's order is by kind of step: a tag said first comes last).
    const saidAt = (st: DraftStep): number => request.indexOf(st.phrase.trim());
    const before = steps.filter((y) => steps.indexOf(y) < steps.indexOf(x) || (saidAt(y) >= 0 && saidAt(x) >= 0 && saidAt(y) < saidAt(x)));
    for (const y of before) {
      if (y === x) continue;
      // ("disable and revoke. if the user is in Break-Glass, only revoke": the revoke said before runs for every user,
      // that case's among them; the case's own revoke is the same step again and goes.)
      if (y.action === x.action && sameTargeting(y, x) && y.conditions.every((c) => holds(x.conditions, c))) {
        coveredCaseSteps.add(x);
        continue;
      }
      // ("... send mail to the helpdesk. if the user is in Board, only send mail to the CISO": the other mail too. "For the
      // lab devices, only add a comment": the scan of those devices too.)
      // ("assign it to bob. low: only add a comment": an assignment, a tag, a post said before are the other cases' too; a
      // case of devices, "for the lab boxes only comment", leaves the devices out of the device steps, not the incident
      // out of its updates and notices.)
      const extra = x.conditions.filter((c) => !holds(y.conditions, c));
      const incidentLevel = !DESTRUCTIVE_ACTIONS.includes(y.action) && !DEVICE_ACTIONS.includes(y.action) && !USER_ACTIONS.includes(y.action) && y.action !== x.action;
      if (incidentLevel && extra.every((c) => 'kind' in c && c.kind === 'deviceIs')) continue;
      const negatedAlready = extra.length === x.conditions.length && JSON.stringify(y.conditions).includes(JSON.stringify({ not: extra[0] }));
      if (extra.length === 0 || negatedAlready || extra.some((c) => rulesOut(y.conditions, c))) continue;
      // (A risk level is a threshold: "risk medium = just scan" after "risk high = isolate" leaves nothing out of the
      // isolation, which already needs the higher level.)
      if (extra.some((c) => 'kind' in c && (c.kind === 'deviceRisk' || (c.kind === 'deviceIs' && c.match.minRiskScore !== undefined)))) continue;
      // "isolate the devices except servers - for a server just email me": a device step leaves those devices out
      // (already, or now), not the whole alert they are in.
      const devices = extra.every((c) => 'kind' in c && c.kind === 'deviceIs') && DEVICE_ACTIONS.includes(y.action);
      if (devices) {
        // (A step on servers only already leaves the workstations out.)
        const kindsKept = y.deviceFilter?.include?.kinds;
        const apart = (m: DeviceMatch): boolean => kindsKept !== undefined && m.kinds !== undefined && Object.keys(m).length === 1 && m.kinds.every((k) => !kindsKept.includes(k));
        // (Nor does a step said for those very devices: "for the lab boxes collect a package and page the lab lead".)
        for (const c of extra) if ('kind' in c && c.kind === 'deviceIs' && !matchCovers(y.deviceFilter?.exclude, c.match) && !matchCovers(y.deviceFilter?.include, c.match) && !apart(c.match)) mergeMatch(((y.deviceFilter ??= {}).exclude ??= {}), c.match);
        continue;
      }
      y.conditions.push({ not: extra.length === 1 ? extra[0] : { all: extra } });
    }
  }
  for (const x of coveredCaseSteps) {
    steps.splice(steps.indexOf(x), 1);
    for (const sg of segments) if (sg.steps.includes(x)) sg.steps.splice(sg.steps.indexOf(x), 1);
  }
  for (const o of orphans) {
    notUnderstood.push(`${o} (there is no condition before it to be the other branch of)`);
    unreadConditions.push(o);
  }

  // Acting without a condition Rampart could not read would act more widely than asked
  // (revoke every user's sessions, isolate at any hour): destructive steps are left out.
  // (Not a time said in a reason: "because biomed fires them every morning" says when the incidents come, not when to act.)
  const schedule = SCHEDULE.exec(request.split(/(?<=[.;!?])\s+/).map(withoutReason).join(' '));
  if (schedule) {
    const recurring = /\bevery\s|\b(?:nightly|daily|hourly|weekly)\b|\bon\s+a\s+schedule\b/i.test(schedule[0]);
    unreadConditions.push(`${schedule[0]} (${recurring ? 'a playbook runs when an incident arrives, not on a schedule' : 'which hours? Rampart reads times of day in UTC: say them, e.g. "before 07:00 or after 19:00 UTC", "on a weekend"'})`);
  }
  for (const q of UNREAD_QUALIFIERS) {
    for (const m of request.matchAll(new RegExp(q.re.source, 'gi'))) {
      // "the account is a member of Tier Zero Admins": group membership, which a userInGroup condition reads.
      const g = groupNamed(request.slice(m.index, m.index + m[0].length + 40));
      if (g && g.index <= m[0].length) continue;
      // "unless the user is adm-*": a name pattern, which a user filter or condition carries.
      if (entityQualifiers(m[0], true).notes.length) continue;
      unreadConditions.push(`${m[0]} (${q.why})`);
      break;
    }
  }
  // Every step, not only the destructive ones: a tag, a mail or a close on the wrong incidents is a wrong playbook too.
  const unsafe = unreadConditions.length + unreadTrailing.length > 0 ? [...steps] : [];
  if (unsafe.length > 0) {
    for (const st of unsafe) steps.splice(steps.indexOf(st), 1);
    const labels = [...new Set(unsafe.map((st) => ACTIONS[st.action].label.toLowerCase()))].join(', ');
    for (const c of unreadConditions) withheld.push({ words: c.replace(/\s*\([^)]*\)$/, ''), actions: unsafe.map((st) => st.action), kind: 'condition' });
    for (const c of unreadConditions) {
      const note = `${c}: not understood, so "${labels}" was left out rather than run without this condition`;
      const at = notUnderstood.indexOf(c);
      if (at >= 0) notUnderstood[at] = note;
      else notUnderstood.push(note);
    }
    if (unreadConditions.length === 0) {
      notUnderstood.push(`"${labels}" left out as well: the condition Rampart could not read may govern ${unsafe.length > 1 ? 'them' : 'it'} too`);
    }
  }

  const byClause = new Map<string, string[]>();
  for (const u of unsupported) byClause.set(u.clause, [...(byClause.get(u.clause) ?? []), u.why]);
  for (const [clause, whys] of byClause) notUnderstood.push(`${clause} (not supported: ${whys.join('; ')})`);
  const realSteps = steps.filter((s) => s.action !== 'updateIncident' || s.params.incident);
  if (realSteps.length === 0) {
    return {
      ok: false,
      reason: unsupported.length
        ? `Nothing in this request is something Rampart can automate: ${[...new Set(unsupported.map((u) => u.why))].join('; ')}.`
        : facts.has(SEVERITY_FACT)
          ? `${SEVERITY_FACT} Nothing else in the request is an action Rampart can automate.`
          : 'I could not find an action Rampart can automate in this request.',
      notUnderstood: notUnderstood.length ? notUnderstood : [request.trim()],
      understood,
      facts: [...facts],
      supported: SUPPORTED_AUTOMATIONS,
      planner: 'offline-rules',
    };
  }

  // "high -> isolate, medium -> scan": severities that branch the steps are the alerts' own, so each
  // device gets what its alert's severity says (a medium alert's device in a high incident is scanned, not isolated).
  const severityBranches = realSteps.some((d) => d.conditions.some((c) => 'kind' in c && c.kind === 'severity'));
  const kind: 'alert' | 'incident' = draft.severityNouns.has('alert')
    ? 'alert'
    : draft.severityNouns.has('incident')
      ? 'incident'
      // (Branches of incident updates only, "High -> assign ..., Medium -> tag ...", are triage of the incident by its own
      // severity: read per alert, an incident with a high and a medium alert got both branches.)
      : severityBranches && !/\bincidents?\b/i.test(request) && realSteps.some((d) => !['updateIncident', 'teamsMessage', 'sendMail'].includes(d.action))
        ? 'alert'
      // "on ransomware alerts block each IP in the incident": what the request says is the whole incident.
      : WHOLE_INCIDENT.test(request)
        ? 'incident'
      : draft.mentionsAlert && draft.statuses.size === 0
        ? 'alert'
      // "for cred access stuff: isolate the device": the alerts of that kind say which devices, not the whole incident,
      // unless the request says the whole incident ("every device in the incident").
      : (draft.topics.size + draft.categories.size + draft.titleKeywords.size > 0) && draft.statuses.size === 0 && !WHOLE_INCIDENT.test(request)
        ? 'alert'
        : 'incident';
  if (/\bnew\b/i.test(request)) assumptions.add('"New" incidents: the playbook runs when an incident arrives; it does not filter on the incident status.');

  // "phishing mails whose subject contains 'invoice'": a topic and title words said together narrow each other.
  // The trigger matches a topic OR a title word, so the words become a condition of every step instead.
  // "mimikatz or any other cred theft alert", "mimikatz / lsass dumps": a title word the kind already covers is an example of it.
  for (const k of [...draft.titleKeywords]) {
    if ([...draft.topics].some((t) => TOPICS[t].keywords.some((w) => w.toLowerCase() === k.toLowerCase()))) draft.titleKeywords.delete(k);
  }
  if (draft.topics.size > 0 && draft.titleKeywords.size > 0) {
    const keywords = [...draft.titleKeywords].sort();
    for (const d of realSteps) d.conditions.push({ kind: 'titleContains', keywords });
    draft.titleKeywords.clear();
    assumptions.add(`The title words (${keywords.map((k) => `"${k}"`).join(', ')}) narrow the ${[...draft.topics].join(' / ')} incidents: both must hold.`);
  }
  // "Collect forensic data from Windows servers" as a title over a body that says the same step again: one step, run once
  // (two identical steps would act twice on the same devices).
  const built = splitIsolationKinds(realSteps.map((d) => toStep(d, kind)), (words) => {
    const dq = deviceQualifiers(`on ${words}`);
    return dq.unknown.length === 0 && isEmptyMatch(dq.exclude) && !isEmptyMatch(dq.include) ? dq.include : undefined;
  });
  riskTiers(built, request);
  sameFileVerdict(built, request);
  const builtKeys = built.map((st) => JSON.stringify({ ...st, phrase: undefined }));
  const specSteps: Step[] = built.filter((_, i) => builtKeys.indexOf(builtKeys[i]) === i).map(valuesSeen);
  const enrichTypes = new Set<IocType>();
  for (const s of specSteps) {
    collectIocTypes(s, enrichTypes);
  }
  const spec: PlaybookSpecInput = {
    specVersion: SPEC_VERSION,
    name: nameFor(specSteps),
    trigger: {
      kind,
      severities: ORDER.filter((s) => draft.severities.has(s)),
      serviceSources: [...draft.sources].sort(),
      detectionSources: [],
      categories: [...draft.categories].sort(),
      topics: [...draft.topics].sort(),
      titleKeywords: [...draft.titleKeywords].sort(),
      statuses: draft.notStatuses.size ? (['Active', 'InProgress', 'Resolved'] as const).filter((x) => (draft.statuses.size === 0 || draft.statuses.has(x)) && !draft.notStatuses.has(x)).sort() : [...draft.statuses].sort(),
      classifications: [...draft.classifications].sort(),
    },
    enrichments: enrichTypes.size ? [{ source: 'virusTotal', iocTypes: IOC_TYPES.filter((t) => enrichTypes.has(t)) }] : [],
    steps: specSteps,
  };
  let parsed: PlaybookSpec;
  try {
    parsed = parseSpec(spec);
  } catch (err) {
    // A reading the spec cannot hold is Rampart's own fault: say so plainly rather than crash the request.
    const detail = err instanceof Error ? err.message.replace(/\s+/g, ' ').slice(0, 300) : String(err);
    return {
      ok: false,
      reason: 'Rampart read this request into a playbook it cannot build (a planner error, not a fault in the request). Please word it another way, or report it with the request.',
      notUnderstood: [`planner error: ${detail}`],
      understood,
      facts: [...facts],
      supported: SUPPORTED_AUTOMATIONS,
      planner: 'offline-rules',
    };
  }
  // A step whose own conditions contradict each other ("on a DC" and "not on a DC", "in G" and "not in G") never runs:
  // what the request meant is asked about rather than planned as a step that silently does nothing.
  const conjuncts = (c: Condition): Condition[] => ('all' in c ? c.all.flatMap(conjuncts) : [c]);
  for (const st of parsed.steps) {
    const held = st.when ? conjuncts(st.when.condition) : [];
    const keys = new Set(held.map((c) => JSON.stringify(c)));
    const clash = held.find((c) => 'not' in c && keys.has(JSON.stringify(c.not)));
    if (clash && 'not' in clash) withheld.push({ words: `${st.phrase ?? ACTIONS[st.action].label} (its conditions contradict each other: ${describeCondition(clash.not)}, and not)`, actions: [st.action], kind: 'condition' });
  }
  if (kind === 'alert' && parsed.steps.some((s) => ['alertDevices', 'users', 'iocs', 'fileDevices'].includes(s.target.kind))) {
    assumptions.add('The trigger selects alerts: device, user and IOC steps act only on what those matching alerts involve.');
  }
  return {
    ok: true,
    spec: parsed,
    understood: dedupeUnderstood(understood),
    notUnderstood,
    facts: [...facts],
    assumptions: [...assumptions],
    planner: 'offline-rules',
  };
}

function extractTriggerFacts(said: string, isCondition: boolean, draft: TriggerDraft, notes: Understood[], facts: Set<string>, assumptions: Set<string>, header = false): boolean {
  // "leave a comment saying it's low confidence": what a comment or message says is its text, never a case of the trigger
  // (read as one, "low" had made the whole playbook run on low incidents only).
  const full = isCondition ? said : said.replace(/\b(?:saying|stating|that\s+says|with\s+the\s+text|which\s+says|telling\s+(?:them|him|her|the\s+\w+)\s+(?:that\s+)?)\s+.*$/i, ' ');
  // A family name, a technique id or a folder is a condition of its own, not a title word.
  const data = alertDataConditions(full, false, MAIL_CONTEXT.test(requestText));
  const text = data.conditions.length ? data.rest.replace(/\s+/g, ' ').trim() : full;
  let any = false;
  any = extractSeverities(text, draft, notes, facts, header) || any;
  any = extractSources(text, isCondition, draft, notes, facts) || any;
  any = extractTopics(text, draft, notes, assumptions) || any;
  any = extractCategories(text, draft, notes) || any;
  any = extractNamedAlerts(text, draft, notes) || any;
  if (isCondition || REDUCED_STATE.test(text) || STATE_BEFORE.test(text)) any = extractStatusTrigger(text, draft, notes) || any;
  if (/\b(?:defender\s+xdr|microsoft\s+365\s+defender|m365d)\b/i.test(text)) {
    notes.push({ phrase: 'Defender XDR', meaning: 'any incident in Defender XDR (no source filter)' });
    any = true;
  }
  return any;
}

/** A file named by its name: "mimikatz.exe", "payload.ps1", "invoice.docm". */
/** "any other device", "all other machines": the devices not named before. */
const OTHER_DEVICES = /\b(?:any|every|all(?:\s+the)?|the)\s+other\s+(?:devices?|machines?|hosts?|boxes|box|endpoints?|computers?)\b|\b(?:all\s+(?:the\s+)?|the\s+)others\b/i;
/**
 * A case of devices said with several facts ("servers tagged crit") left out as a whole. An exclusion leaves out a device
 * that matches any one of its fields, so "servers and tagged crit" would leave out every server; the named part alone
 * (the tag, group or name) leaves out a wider set that still holds every device of the case, never a narrower one.
 */
function excludedWhole(match: DeviceMatch): DeviceMatch {
  // (A domain controller stays left out by its kind too: Defender marks none, so a name said beside it may be how it is
  // told, and the kind's own hints keep the wider set.)
  const named = match.groups || match.tags || match.namePatterns;
  if (!named || Object.keys(match).length < 2 || match.kinds?.includes('domainController')) return match;
  return Object.fromEntries(Object.entries(match).filter(([k]) => k === 'groups' || k === 'tags' || k === 'namePatterns'));
}
/**
 * What cases said before name besides the devices a clause names itself: "servers tagged crit" before "other servers" is
 * "tagged crit" (the servers are the clause's own). A case that names nothing else leaves nothing out.
 */
function besidesOwn(own: DeviceMatch, cases: DeviceMatch[]): DeviceMatch[] {
  const ownFields = own as Record<string, unknown>;
  return cases
    .map((m): DeviceMatch => Object.fromEntries(Object.entries(m).filter(([k, v]) => JSON.stringify(ownFields[k]) !== JSON.stringify(v))))
    .filter((m) => !isEmptyMatch(m));
}
/** "other servers", "the other linux boxes": the devices of that kind that a case before did not take. */
const OTHER_OF_KIND = /\b(?:(?:any|every|all(?:\s+the)?|the)\s+)?other\s+(?:[\w-]+\s+)?(?:servers?|workstations?|laptops?|desktops?|dcs?|domain\s+controllers?|boxes|box|hosts?|machines?|devices?|endpoints?)\b/i;
/** A kind of file by its extension: "if the file is an .exe", ".ps1 files", "files ending in .dll". */
const FILE_KIND = new RegExp(
  `(?:(?:but\\s+)?(?:only\\s+)?(?:if|when|where)\\s+(?:the\\s+|that\\s+)?(?:file|it|attachment|binary)\\s+(?:is|'s|was)\\s+(?:an?\\s+)?|(?:only\\s+)?(?:for\\s+|on\\s+)?(?:files?\\s+(?:ending|that\\s+ends?)\\s+(?:in|with)\\s+)?)(?<![\\w.-])\\.(${FILE_EXTENSIONS})(?:\\s+(?:files?|scripts?|binar(?:y|ies)|executables?|attachments?|extension))?(?![\\w.-])`,
  'gi',
);
/** A condition that is only a kind of file ("if the file is an .exe"), built once rather than per clause. */
const FILE_KIND_WHOLE = new RegExp(`^(?:${FILE_KIND.source})$`, 'i');
const FILE_NAME = new RegExp(`(?<![\\w\\\\/.-])([\\w-]+(?:\\.[\\w-]+)*\\.(?:${FILE_EXTENSIONS}))(?![\\w.-])`, 'gi');

/** A trailing condition that says when (an event), not whether (a test). */
const WHEN_EVENT = /^(?:when|whenever|once|as\s+soon\s+as|each\s+time|every\s+time|any\s+time)\b/i;

/** "whenever a new incident is created": when the playbook runs, which every playbook does. */
const EVERY_RUN = /^(?:whenever|when|once|as\s+soon\s+as|each\s+time|every\s+time)\s+(?:an?\s+|any\s+)?(?:new\s+)?(?:defender\s+(?:xdr\s+)?)?(?:incident|alert)s?\s+(?:is\s+|are\s+|gets?\s+)?(?:created|opened|raised|generated|comes?\s+in|arrives?|fires?|shows?\s+up|appears?)$/i;

/** Whether a trailing condition names something the trigger, the devices or the entities can test. */
function conditionRead(cond: string): boolean {
  if (UNLESS_LEAD.test(cond.trim())) return skippedCase(cond, newDraft(), [], new Set(), new Set()).recognised;
  return (
    extractTriggerFacts(cond, true, newDraft(), [], new Set(), new Set()) ||
    EVERY_RUN.test(cond) ||
    deviceQualifiers(cond).notes.length > 0 ||
    hasEntityQualifiers(entityQualifiers(cond))
  );
}

/** The devices a clause names, as conditions on an incident update ("for incidents on a server", "tag every incident that involves a server"). */
function deviceConditions(text: string): Condition[] {
  const dq = deviceQualifiers(text);
  const out: Condition[] = [];
  if (!isEmptyMatch(dq.include)) out.push({ kind: 'deviceIs', match: { ...dq.include } });
  if (!isEmptyMatch(dq.exclude)) out.push({ not: { kind: 'deviceIs', match: { ...dq.exclude } } });
  return out;
}

/** "... the SHA-256 hash is looked up. If 3 engines classify it as malicious": the IOC kinds "it" stands for, named in the sentence before. */
function pronounIocTypes(clause: string, before: string | undefined): IocType[] {
  if (before === undefined || iocTypesIn(clause).length > 0 || !/\b(?:it|they|them|its)\b/i.test(clause)) return [];
  const named = iocTypesIn(before);
  return named.length > 0 && named.length < IOC_TYPES.length ? named : [];
}

function collectIncidentUpdates(request: string, facts: Set<string>, understood: Understood[], notUnderstood: string[], clauseSegment: Map<string, Segment<DraftStep>>, withheld: Withheld[], cleanLeads: ReadonlySet<string>): DraftStep[] {
  const out: DraftStep[] = [];
  const sentences = splitSentences(request);
  for (const [si, sentence] of sentences.entries()) {
    const clauses = splitClauses(sentence).map((c, j): Clause => (cleanLeads.has(`${si}:${j}`) && c.clean ? { text: c.clean, role: 'lead' } : c));
    let lastUpdate: DraftStep | null = null;
    let runUpdates: DraftStep[] = [];
    /** The incidents an update chose by its own words ("any incident touching a PCI device"), for "it" after it. */
    const selectedBy = new Map<DraftStep, Condition[]>();
    // "tag the incident vip and post here whenever a VIP device shows up": a condition said after the last step of a
    // run of steps is when each of them happens, the update said before it too.
    const lastAction = clauses.map((c, j) => [c, j] as const).filter(([c]) => c.role === 'action').at(-1);
    // (Said as a clause of its own after that step too: "tag it X and grab a package from the host, when ...".)
    const afterLast = lastAction ? clauses[lastAction[1] + 1] : undefined;
    const tailCond = lastAction ? splitTrailingCondition(lastAction[0].text).cond ?? (afterLast?.role === 'cond' && lastAction[1] + 2 === clauses.length ? afterLast.text : null) : null;
    // (A technique, a family or a folder named there is a condition too: "when the alert is mapped to T1003".)
    const tailConditions = tailCond && /^(?:when|whenever|if|once|as\s+soon\s+as|every\s+time)\b/i.test(tailCond.trim()) ? [...extractConditions(tailCond, [], true).conditions, ...alertDataConditions(tailCond, false, MAIL_CONTEXT.test(requestText)).conditions, ...deviceConditions(tailCond)] : [];
    for (const [ci, original] of clauses.entries()) {
      const segment = clauseSegment.get(`${si}:${ci}`);
      const clause = original.role === 'otherwise' ? { text: original.text, role: /^(?:if|when|for|unless)\b/i.test(original.text) ? 'lead' as const : 'action' as const } : original;
      // Lead conditions of the clause's own branch only (an "otherwise" does not inherit its parent's).
      const lead = clauses
        .filter((c, j) => (c.role === 'lead' || (c.role === 'otherwise' && /^(?:if|when|for|unless)\b/i.test(c.text))) && clauseSegment.get(`${si}:${j}`) === segment)
        .flatMap((c) => [
          ...(IOC_LEAD.test(c.text) && !extractConditions(c.text, [], true).conditions.length ? iocPresence(iocTypesIn(c.text)) : extractConditions(c.text, pronounIocTypes(c.text, sentences[si - 1]), true).conditions),
          // "For incidents that involve a device tagged VIP, tag the incident": the lead's devices gate the update too.
          ...deviceConditions(c.text),
        ]);
      if (clause.role === 'cond' && lastUpdate) {
        // "tag it check-me, only if the box is in the Lab group": the devices it names gate the update as well.
        // "tag it X and resolve it, but ONLY if ...": an "only" reaches every update of the run said before it.
        const gated = /^(?:but\s+)?only\b/i.test(clause.text.trim()) ? runUpdates : [lastUpdate];
        const more = [...updateConditions(clause.text, lastUpdate.iocTypes, facts), ...deviceConditions(clause.text)];
        for (const u of gated) u.conditions.push(...more);
        continue;
      }
      if (clause.role !== 'action') {
        runUpdates = [];
        continue;
      }
      lastUpdate = null;
      const { action: actionText, cond } = splitTrailingCondition(clause.text);
      // "..., so please don't assign those to us": a negation said before the change in the same clause rules it out (read
      // past, the change it ruled out became a step).
      const changeAt = actionText.search(/\b(?:assign|reassign|tag|label|close|resolve|comment|mark|set|classif|escalat)\w*/i);
      const negatedBefore = changeAt > 0 && /\b(?:do\s+not|don'?t|dont|never|not)\s+(?:(?:please|pls|ever|automatically)\s+)?$/i.test(actionText.slice(0, changeAt));
      if (NEGATED_ACTION.test(actionText) || NEGATED_UPDATE.test(actionText) || negatedBefore) continue;
      if (SEVERITY_CHANGE.test(actionText)) {
        facts.add(SEVERITY_FACT);
        notUnderstood.push(`${clause.text} (refused: the Defender XDR incident API cannot change severity)`);
        continue;
      }
      const notes: Understood[] = [];
      const changes = incidentChanges(actionText, facts, notes);
      if (!changes) continue;
      const typesHere = iocTypesIn(actionText);
      const condConditions = cond ? updateConditions(cond, typesHere, facts) : [];
      // "assign it to tier 2 if nobody has picked it up yet": known words in a condition Rampart cannot read
      // must not leave the update unconditional.
      if (cond && condConditions.length === 0 && !conditionRead(cond)) {
        notUnderstood.push(`${cond} (condition not understood, so "update the incident" was left out rather than run without it)`);
        withheld.push({ words: cond, actions: ['updateIncident'], kind: 'condition' });
        continue;
      }
      const conds = [...lead, ...extractConditions(actionText, typesHere, false).conditions, ...condConditions];
      if (!cond && lastAction && ci < lastAction[1] && clauseSegment.get(`${si}:${lastAction[1]}`) === segment) conds.push(...tailConditions);
      // "tag every incident that involves a server": the devices it names gate the update.
      const selecting = [...extractConditions(actionText, typesHere, false).conditions, ...deviceConditions(clause.text)];
      conds.push(...deviceConditions(clause.text));
      // "tag any incident touching a PCI device with pci-scope and assign it to pci-team": "it" is the incident chosen before.
      const previous = runUpdates.at(-1);
      // "set incidents assigned to X to In Progress and add the tag Y": a step said with it that names no incidents of its own too.
      if (previous && selectedBy.has(previous) && (/^(?:and\s+|then\s+)?(?:also\s+)?[a-z]+\s+(?:it|them)\b/i.test(actionText.trim()) || (selecting.length === 0 && !/\bincidents?\b/i.test(actionText)))) {
        pushNew(conds, selectedBy.get(previous)!);
      }
      lastUpdate = { action: 'updateIncident', phrase: clause.text, params: { incident: changes }, conditions: conds, iocTypes: typesHere, whereSeen: false };
      if (/\b(?:(?:any|every|all|each)\s+(?:\w+\s+){0,2}incidents?|incidents)\b/i.test(actionText) && selecting.length > 0) selectedBy.set(lastUpdate, selecting);
      // "set it in progress and add a comment when an incident touches two devices": the event said last is when both happen.
      if (cond && WHEN_EVENT.test(cond)) runUpdates.forEach((u) => u.conditions.push(...condConditions));
      runUpdates.push(lastUpdate);
      out.push(lastUpdate);
      segment?.steps.push(lastUpdate);
      understood.push(...notes);
      // The clause is understood now even if no other action matched it.
      const i = notUnderstood.indexOf(clause.text);
      if (i >= 0) notUnderstood.splice(i, 1);
    }
  }
  return out;
}

/** The lower bounds of the VirusTotal bands among `conditions` ("5-19 engines": at least 5). */
function bandFloors(conditions: Condition[]): Array<Extract<Condition, { kind: 'maliciousIoc' }>> {
  return conditions.flatMap((c) => ('all' in c ? c.all.filter((x): x is Extract<Condition, { kind: 'maliciousIoc' }> => 'kind' in x && x.kind === 'maliciousIoc') : []));
}

/** Words that put the whole incident's devices or users in scope, not only those of the alerts that matched. */
const WHOLE_INCIDENT = /\b(?:all|every|each|any)\s+(?:the\s+|other\s+)?(?:devices?|machines?|hosts?|endpoints?|box(?:es)?|computers?|users?|accounts?|entities|iocs?|ips?|ip\s+address(?:es)?|urls?|domains?|hash(?:es)?|files?)\s+(?:(?:that\s+(?:are|is)\s+)?(?:in|of|on|from|involved\s+in|across|tied\s+to|linked\s+to|associated\s+with)\s+)(?:the|this|that|an?)\s+(?:whole\s+|entire\s+)?incident\b|\bincident'?s\s+(?:devices|machines|hosts|endpoints|users|accounts|entities)\b|\b(?:whole|entire)\s+incident\b/i;

/** The top-level conditions `pick` takes out of `conditions` (they become a filter of the step), and the rest. */
function takeConditions<T>(conditions: Condition[], pick: (c: Condition) => T[] | null): { taken: T[]; rest: Condition[] } {
  const taken: T[] = [];
  const rest = conditions.filter((c) => {
    const got = pick(c);
    if (got === null) return true;
    taken.push(...got);
    return false;
  });
  return { taken, rest };
}

/** A file step's object that names the files of the step before: "quarantine them", "stop and quarantine the files where seen". */
const FILES_AGAIN = /\b(?:quarantine|block|ban)\s+(?:them|it|those|these|the\s+(?:files?|hash(?:es)?|sha-?(?:1|256)s?))(?=\s+(?:where|wherever|everywhere|on|from|too|as\s+well)\b|\s*[,.;]|\s*$)/i;

const RISK_ORDER = ['Low', 'Medium', 'High'] as const;

/**
 * "high risk -> restrict. medium risk -> full scan": tiers said one after another are each that score; the devices of a
 * higher tier get that tier's steps, not the lower tier's too (a high-risk device had been restricted and scanned). A
 * tier said "or higher" ("medium+", "at least medium") keeps the devices above it.
 */
function riskTiers(steps: Step[], request: string): void {
  const levels = steps.map((st) => st.deviceFilter?.include?.minRiskScore).filter((l): l is (typeof RISK_ORDER)[number] => l !== undefined);
  for (const st of steps) {
    const level = st.deviceFilter?.include?.minRiskScore;
    if (!level || level === 'High' || st.deviceFilter?.exclude?.minRiskScore) continue;
    const above = RISK_ORDER[RISK_ORDER.indexOf(level) + 1];
    if (!levels.some((l) => RISK_ORDER.indexOf(l) > RISK_ORDER.indexOf(level))) continue;
    const name = level.toLowerCase();
    const orHigher = new RegExp(String.raw`\bat\s+least\s+(?:a\s+)?${name}\b|\b${name}(?:[\s-]+risk)?(?:\s+(?:score|level))?\s*(?:\+|or\s+(?:higher|above|worse|more)\b|and\s+(?:up|above|higher)\b)`, 'i');
    if (orHigher.test(st.phrase ?? '') || orHigher.test(request)) continue;
    st.deviceFilter = { ...st.deviceFilter, exclude: { ...(st.deviceFilter?.exclude ?? {}), minRiskScore: above } };
  }
}

/**
 * "VT 8+ -> block the file hash. if the file is on a laptop as well, quarantine it there": the file a later step
 * acts on is the one the verdict chose, so it keeps that threshold (read alone, every file of the alert was
 * quarantined whatever its verdict). Only with one threshold for files said before, and a file referred back to.
 */
function sameFileVerdict(steps: Step[], request: string): void {
  if (!/\b(?:that|the|this|those|these)\s+(?:same\s+)?(?:files?|hash(?:es)?|attachments?|binar(?:y|ies)|samples?|payloads?)\b|\bsame\s+(?:files?|hash(?:es)?)\b/i.test(request)) return;
  if (/\b(?:regardless|whatever\s+(?:vt|virustotal|the\s+verdict)|every\s+file|all\s+(?:the\s+)?files|any\s+file)\b/i.test(request)) return;
  for (const [i, st] of steps.entries()) {
    if (st.target.kind !== 'fileDevices' || st.target.minEngines !== null) continue;
    if (JSON.stringify(st.when ?? {}).includes('maliciousIoc')) continue;
    const floors = new Set(steps.slice(0, i).flatMap((x) => (x.target.kind === 'fileDevices' && x.target.minEngines ? [x.target.minEngines] : x.target.kind === 'iocs' && x.target.iocTypes?.includes('file') && x.target.minEngines ? [x.target.minEngines] : [])));
    if (floors.size === 1) st.target = { ...st.target, minEngines: [...floors][0] };
  }
}

function toStep(d: DraftStep, kind: 'alert' | 'incident'): Step {
  let conditions = dedupeConditions(d.conditions);
  const scope = kind === 'alert' ? 'alert' : 'incident';
  let target: Target;
  switch (d.action) {
    case 'isolate':
    case 'unisolate':
    case 'runAntiVirusScan':
    case 'collectInvestigationPackage':
    case 'restrictCodeExecution':
    case 'unrestrictCodeExecution':
      // "isolate the device the file ran on" when a file's verdict is the test: the devices of the flagged files.
      // "when a hash is malicious, isolate the affected device": the device the flagged file is on, not its neighbours.
      // "restrict app execution on the device if the file VT score is > 20": "the device" of a file's verdict is the file's.
      // "if the hash is flagged by more than 20 engines, isolate the machine": the machine of a file-only verdict is the
      // file's (read as every device of the incident, its neighbours were isolated too).
      if (d.whereSeen || ((d.deviceFilter?.include?.ranThere || AFFECTED_DEVICE.test(d.phrase) || /\b(?:on|from)\s+the\s+(?:device|host|machine|box|endpoint)\b(?!s)/i.test(d.phrase)) && conditions.some((c) => isPositiveMalicious(c) && 'kind' in c && c.kind === 'maliciousIoc' && c.iocTypes.includes('file')))
        || (THE_ONE_DEVICE.test(d.phrase) && conditions.some((c) => isPositiveMalicious(c) && 'kind' in c && c.kind === 'maliciousIoc' && c.iocTypes.length === 1 && c.iocTypes[0] === 'file'))) {
        const mal = conditions.find(isPositiveMalicious);
        target = { kind: 'fileDevices', minEngines: mal && 'kind' in mal && mal.kind === 'maliciousIoc' ? mal.minEngines : null };
      } else {
        target = { kind: kind === 'alert' ? 'alertDevices' : 'incidentDevices' };
      }
      break;
    case 'stopAndQuarantineFile': {
      const mal = conditions
        .filter((c): c is Extract<Condition, { kind: 'maliciousIoc' }> => isPositiveMalicious(c) && 'kind' in c && c.kind === 'maliciousIoc' && c.iocTypes.includes('file'))
        .sort((a, b) => b.minEngines - a.minEngines)[0];
      const floor = mal ?? bandFloors(conditions).filter((c) => c.iocTypes.includes('file')).sort((a, b) => b.minEngines - a.minEngines)[0];
      target = { kind: 'fileDevices', minEngines: floor ? floor.minEngines : null };
      if (mal) conditions = conditions.filter((c) => c !== mal);
      break;
    }
    case 'createIndicator': {
      const positive = conditions.filter(isPositiveMalicious) as Array<Extract<Condition, { kind: 'maliciousIoc' }>>;
      // "block the IOC if the hash is bad": a generic word in the action takes the condition's own types ("hash" = file hashes).
      const conditionTypes = positive.flatMap((c) => c.iocTypes);
      const generic = d.iocTypes.length === IOC_TYPES.length && conditionTypes.length > 0 && conditionTypes.length < IOC_TYPES.length;
      let types = d.iocTypes.length && !generic ? d.iocTypes : conditionTypes;
      if (types.length === 0) types = [...IOC_TYPES];
      // "hash verdicts: 10+ engines -> block it": "it" is what the request talks about, never every IOC type.
      if (types.length === IOC_TYPES.length && requestIocTypes.length < IOC_TYPES.length) types = [...requestIocTypes];
      types = IOC_TYPES.filter((t) => types.includes(t));
      // "malicious URLs ..., provided VT flags them by 2 or more engines": the strictest threshold said is the one.
      // A band ("5-19 engines -> block") blocks only what reaches its lower bound; the band stays a gate.
      const filter = positive.filter((c) => c.iocTypes.some((t) => types.includes(t))).sort((a, b) => b.minEngines - a.minEngines)[0];
      const floor = filter ?? bandFloors(conditions).filter((c) => c.iocTypes.some((t) => types.includes(t))).sort((a, b) => b.minEngines - a.minEngines)[0];
      target = { kind: 'iocs', iocTypes: types, minEngines: floor ? floor.minEngines : null };
      // The verdict filter on the target already says "only the malicious ones"; keep other conditions as a gate.
      if (filter) conditions = conditions.filter((c) => !(isPositiveMalicious(c) && (c as { iocTypes: IocType[] }).iocTypes.every((t) => types.includes(t))));
      break;
    }
    case 'disableUser':
    case 'resetPassword':
    case 'revokeSessions':
    case 'confirmCompromised':
    case 'dismissRiskyUser':
      target = { kind: 'users' };
      break;
    case 'updateIncident':
      target = { kind: 'incident' };
      break;
    case 'sendMail':
      target = { kind: 'mailbox' };
      break;
    case 'teamsMessage':
      target = { kind: 'channel' };
      break;
  }
  // "scan the devices that have a high risk score": each device's risk, not "some device of the incident is risky".
  let deviceFilter = d.deviceFilter;
  if (DEVICE_ACTIONS.includes(d.action)) {
    const risk = conditions.find((c): c is Extract<Condition, { kind: 'deviceRisk' }> => 'kind' in c && c.kind === 'deviceRisk');
    if (risk && !deviceFilter?.include?.minRiskScore) {
      deviceFilter = { ...(deviceFilter ?? {}), include: { ...(deviceFilter?.include ?? {}), minRiskScore: risk.atLeast } };
      conditions = conditions.filter((c) => c !== risk);
    }
    // "scan each machine whose risk is medium or lower": the devices at or above the next level are left out, each on its own.
    const below = conditions.find((c): c is { not: Extract<Condition, { kind: 'deviceRisk' }> } => 'not' in c && 'kind' in c.not && c.not.kind === 'deviceRisk');
    if (below && !deviceFilter?.exclude?.minRiskScore) {
      deviceFilter = { ...(deviceFilter ?? {}), exclude: { ...(deviceFilter?.exclude ?? {}), minRiskScore: below.not.atLeast } };
      conditions = conditions.filter((c) => c !== below);
    }
  }
  // "disable each user who is in Contractors", "reset the pw unless they're in Execs": each user's own membership, not
  // "some user of the alert is a member" (a member beside a non-member must not decide for both).
  let userFilter = d.userFilter;
  if (USER_ACTIONS.includes(d.action)) {
    const members = takeConditions(conditions, (c) => ('kind' in c && c.kind === 'userInGroup' ? c.groups : null));
    const spared = takeConditions(members.rest, (c) => ('not' in c && 'kind' in c.not && c.not.kind === 'userInGroup' ? c.not.groups : null));
    const [inGroups, notInGroups] = [members.taken, spared.taken];
    // "those from the 'Direction' group: never disable": a group left out of a step on users, read as a device group (the
    // words named no kind of member), spares the users in it as well; on a device group alone the members had been disabled.
    for (const c of spared.rest) {
      if ('not' in c && 'kind' in c.not && c.not.kind === 'deviceIs' && c.not.match.groups?.length && Object.keys(c.not.match).length === 1) notInGroups.push(...c.not.match.groups);
    }
    if (inGroups.length + notInGroups.length > 0) {
      conditions = spared.rest;
      userFilter = { ...(userFilter ?? {}) };
      if (inGroups.length) userFilter.inGroups = [...new Set([...(userFilter.inGroups ?? []), ...inGroups])];
      if (notInGroups.length) userFilter.notInGroups = [...new Set([...(userFilter.notInGroups ?? []), ...notInGroups])];
    }
  }
  // "stop and quarantine any exe sitting in C:\\ProgramData": those files, not every file of an incident that has one there.
  let iocFilter = d.iocFilter;
  if (d.action === 'stopAndQuarantineFile') {
    const { taken: paths, rest } = takeConditions(conditions, (c) => ('kind' in c && c.kind === 'filePath' ? c.contains : null));
    if (paths.length) {
      conditions = rest;
      iocFilter = { ...(iocFilter ?? {}), filePaths: [...new Set([...(iocFilter?.filePaths ?? []), ...paths])] };
    }
  }
  const step: Step = { action: d.action, target, params: d.params, phrase: d.phrase };
  if (deviceFilter && DEVICE_ACTIONS.includes(d.action)) step.deviceFilter = deviceFilter;
  if (userFilter && USER_ACTIONS.includes(d.action)) step.userFilter = userFilter;
  if (iocFilter && d.action === 'createIndicator') step.iocFilter = iocFilter;
  if ((iocFilter?.fileNames || iocFilter?.filePaths) && d.action === 'stopAndQuarantineFile') {
    step.iocFilter = { ...(iocFilter.fileNames ? { fileNames: iocFilter.fileNames } : {}), ...(iocFilter.filePaths ? { filePaths: iocFilter.filePaths } : {}) };
  }
  // "mimikatz on a host => restrict app exec on that host. anything else => tag it": in a branch on the kind of alert, the
  // devices are those of the alerts of that kind, not every device of the incident (a clean host beside it was restricted).
  const byAlert = kind === 'incident' && target.kind === 'incidentDevices' && conditions.length > 0 && conditions.every(alertLevel) && !WHOLE_INCIDENT.test(d.phrase);
  if (byAlert) step.target = { kind: 'alertDevices' };
  // "not not tagged X" is "tagged X", and a condition said twice is one.
  const plain = (c: Condition): Condition => ('not' in c && 'not' in c.not ? plain(c.not.not) : c);
  const simple = conditions.map(plain).filter((c, i, all) => all.findIndex((o) => JSON.stringify(o) === JSON.stringify(c)) === i);
  // "high sev incidents with a file VT >= 10 on a Windows 10/11 endpoint: ... block its sha256": the files of the alerts on
  // such a device, not every file of an incident that also has one (a server's file had been blocked).
  const onDevice = (c: Condition): boolean => 'kind' in c && c.kind === 'deviceIs';
  const iocsByAlert = kind === 'incident' && d.action === 'createIndicator' && simple.some(onDevice) && simple.every((c) => onDevice(c) || alertLevel(c));
  if (simple.length) {
    step.when = { condition: simple.length === 1 ? simple[0] : { all: simple }, scope: byAlert || iocsByAlert ? 'alert' : scope };
  }
  return step;
}

/** A positive test of what one alert is (its kind, title, technique, family, detection source), which says which devices. */
function alertLevel(c: Condition): boolean {
  if ('any' in c) return c.any.every(alertLevel);
  if ('all' in c) return c.all.every(alertLevel);
  if ('not' in c) return false;
  return ['titleContains', 'category', 'mitreTechnique', 'threatFamily', 'detectionSource'].includes(c.kind);
}

function isPositiveMalicious(c: Condition): boolean {
  return 'kind' in c && c.kind === 'maliciousIoc';
}

/** The trigger's facts a clause can add to; a negated clause with no step must add to none of them. */
/** "the affected device", "the infected host": the device the evidence is on. */
/** "isolate the machine", "scan that host": one device, named as the object of the step. */
const THE_ONE_DEVICE = /\b(?:isolat|contain|scan|restrict|collect|quarantin)\w*\s+(?:the|that|this|its)\s+(?:device|machine|host|box|endpoint|computer|pc|laptop|workstation)\b(?!s)/i;
const AFFECTED_DEVICE = /\b(?:the|its|their|each|every)\s+(?:affected|infected|impacted|compromised)\s+(?:devices?|machines?|hosts?|endpoints?|box(?:es)?)\b/i;

/** "the url is unknown to VirusTotal" (what normalizing makes of "VirusTotal has no record of the url"); "no hash is unknown". */
const UNKNOWN_TO_VT = /\b(no\s+|none\s+of\s+the\s+|not\s+any\s+)?(?:(?:the|a|an|any|its|their|that|this)\s+)?(ioc|indicator|ip|url|link|file|hash|domain)(?:es|s)?\s+(?:is|are)\s+(?:still\s+)?unknown\s+to\s+(?:virustotal|vt)\b/i;

/** A step whose only test is the verdict an adjective implies ("known-malicious files", "bad hashes"): at least one engine. */
function impliedVerdictOnly(x: DraftStep): boolean {
  return x.conditions.length > 0 && !x.deviceFilter && !x.userFilter && x.conditions.every((c) => 'kind' in c && c.kind === 'maliciousIoc' && c.minEngines === 1);
}

/** "phishing incidents ... are never closed by automation", "it is not to be resolved": an update ruled out, said in the passive. */
const NEGATED_UPDATE = /\b(?:is|are|be|gets?|being)\s+(?:never|not|n't)\s+(?:(?:automatically|ever|auto-?)\s*)?(?:closed|resolved|classified|marked|tagged|assigned|reassigned|set|changed|updated|touched)\b|\b(?:isn'?t|aren'?t|never)\s+(?:(?:automatically|ever)\s+)?(?:closed|resolved|classified)\b/i;

/** "in those same incidents", "for the same alerts": the case of the sentence before. */
const SAME_CASE = /\b(?:in|on|for|of|from)\s+(?:those|these|the|such)\s+same\s+(?:incidents?|alerts?|cases?|detections?)\b/i;
/** "incidents that involve a server": incidents chosen by a device they involve. */
const INVOLVING = /\b(?:incidents?|alerts?|cases?)(?:\s+[\w-]+){0,6}?\s+(?:that|which|where\s+(?:they|it)|to)?\s*(?:involves?|includes?|affects?|touch(?:es)?|contains?|hits?|names?)\s+(?:an?\s+|the\s+|any\s+|one\s+or\s+more\s+)?((?:[\w-]+\s+)?(?:servers?|workstations?|devices?|machines?|hosts?|dcs?|domain\s+controllers?|laptops?|endpoints?))\b/i;

/** A step said as its verb alone, or with "it" / "the device": "isolate", "and isolate it" (its object and case are the next step's). */
const BARE_STEP = /^(?:and\s+|then\s+|also\s+|first\s+)?[a-z-]+(?:\s+(?:it|them|the\s+(?:device|box|host|machine|endpoint|user|account)s?))?$/i;

/** A clause that only says how to isolate: "use selective isolation", "selective isolation so outlook still works". */
const ISOLATION_TYPE_ONLY = /^(?:(?:and\s+|but\s+|then\s+)?(?:use|using|make\s+(?:it|them|that|the\s+isolation)|do|go\s+(?:with|for)|want|prefer|(?:i|we)\s+(?:want|need|prefer)|with|via)\s+)?(?:an?\s+|the\s+)?(?:selective|full|partial|complete)\s+(?:network\s+)?isolation(?:\s+(?:please|only|mode|type))?(?:\s*,?\s*(?:so|because|since|as|to)\b.*)?$/i;

function isolationTypeOnly(x: DraftStep): boolean {
  return x.action === 'isolate' && x.conditions.length === 0 && ISOLATION_TYPE_ONLY.test(x.phrase.trim());
}

/** The severities of a list said with commas, slashes, "and" or "or" ("low and informational", "info/low"). */
function severitiesListed(list: string, facts: Set<string>): Severity[] {
  return [...new Set(list.split(/\s*(?:,|\/|\bor\b|\band\b)\s*/i).filter(Boolean).flatMap((w) => severityOf(w, facts)))];
}

/** "never post low and informational incidents", "dont isolate on medium ones": a step ruled out for severities alone. */
/** A notification verb a negated clause names without an object ("don't mail on medium"), and its steps. */
const NOTIFY_VERBS: Array<[RegExp, ActionName[]]> = [
  [/^(?:but\s+)?(?:never|do\s+not|don'?t|dont)\s+(?:e-?mail|mail)\b/i, ['sendMail']],
  [/^(?:but\s+)?(?:never|do\s+not|don'?t|dont)\s+(?:post|ping|message|msg|teams)\b/i, ['teamsMessage']],
];
const LEVEL_LIST = String.raw`(?:critical|high|medium|med|low|informational|info)(?:\s*(?:,|\/|\bor\b|\band\b)\s*(?:critical|high|medium|med|low|informational|info))*`;
/**
 * "never post low and informational incidents", "don't mail on medium", "no isolation for medium or low ones",
 * "medium/low never isolate": the severities a negated step skips (the first group that matched).
 */
const NEVER_SEVERITIES = new RegExp(
  String.raw`^(?:but\s+)?(?:never|do\s+not|don'?t|dont)\s+[a-z-]+(?:\s+(?:it|them|anything|the\s+(?:device|host|machine|box|user|account)s?))?\s+` +
    String.raw`(?:(?:on|for|in|about)\s+(?:the\s+|any\s+)?(${LEVEL_LIST})(?:\s+(?:severity|sev))?(?:\s+(?:incidents?|alerts?|ones|cases))?|(?:the\s+|any\s+)?(${LEVEL_LIST})(?:\s+(?:severity|sev))?\s+(?:incidents?|alerts?|ones|cases))$` +
    String.raw`|^(?:but\s+)?no\s+[a-z-]+(?:\s+at\s+all)?\s+(?:on|for|in|with)\s+(?:the\s+|any\s+)?(${LEVEL_LIST})(?:\s+(?:severity|sev))?(?:\s+(?:incidents?|alerts?|ones|cases))?$` +
    String.raw`|^(?:(?:for|on)\s+)?(?:the\s+|any\s+)?(${LEVEL_LIST})(?:\s+(?:severity|sev))?(?:\s+(?:incidents?|alerts?|ones|cases))?\s*(?::|-|->|,)?\s*(?:never|do\s+not|don'?t|dont|no)\s+[a-z-]+(?:\s+(?:it|them|anything|at\s+all))?$`,
  'i',
);

/** "anyone in the 'BreakGlass' group", "members of group Tier0": the users a rule-out spares (group 1 or 2). */
const SPARED_GROUP = /\b(?:anyone|anybody|any\s+users?|users?|accounts?|people|members|someone|somebody)\s+(?:(?:who|that)\s+(?:is|are)\s+)?(?:in|from|of)\s+(?:the\s+)?(?:["'\u2018\u201c]([\w&.-]+(?:\s+[\w&.-]+){0,3})["'\u2019\u201d]|([\w&.-]+))\s+(?:entra\s+(?:id\s+)?|aad\s+|security\s+)?group\b/i;

/** What is left of "during day shift (06:00-22:00 UTC) dont isolate" once its hours are taken out. */
const SHIFT = String.raw`(?:(?:during|in|on|at|for)\s+)?(?:the\s+|our\s+)?(?:(?:day|night|late|evening|morning|weekend|overnight)\s+)?(?:shift|hours|time)?`;
const NEVER_AT_HOURS = new RegExp(
  String.raw`^(?:but\s+)?${SHIFT}\s*(?:at|from|between)?\s*[,:(\-)]*\s*(?:->\s*)?(?:never|do\s+not|don'?t|dont|no)\s+[a-z-]+(?:\s+(?:it|them|anything|the\s+(?:device|host|machine|box|user|account)s?))?\s*` +
    String.raw`(?:(?:on|for|in)\s+(?:the\s+|any\s+)?(?:incidents?|alerts?|ones)\s+(?:(?:that|which)\s+(?:are|were|was|is)\s+)?(?:created|raised|opened|fired)\s+)?(?:(?:during|in|at|on|between|from)\s*)?${SHIFT}\s*[,:()]*$`,
  'i',
);

const TRIGGER_SETS = ['severities', 'sources', 'topics', 'categories', 'titleKeywords', 'statuses', 'classifications'] as const;

/**
 * "isolate the box (selective isolation)", "use selective isolation": a word on the kind of isolation said apart from any
 * step is for every isolation. "isolate high-risk hosts. selectively isolate medium ones": said in a step of its own, it is
 * that step's, and the other isolation stays full.
 */
/**
 * The text without what says selective isolation is not wanted or not there: "not selective", "macs dont do selective
 * anyway", "selective isolation is not available on Linux". Such words never make an isolation selective.
 */
function withoutSelectiveDenied(text: string): string {
  return text
    .replace(/\b(?:not|no|never|without|(?:do|does|can|will)\s*(?:n'?t|not)|dont|doesnt|cant|cannot|wont)\s+(?:(?:do|use|support|allow|have|get|want|need)\s+)?(?:a\s+|the\s+)?selective(?:ly)?\b/gi, ' ')
    .replace(/\bselective(?:\s+isolation)?\s+(?:is|isn'?t|isnt)\s+(?:not\s+)?(?:available|supported|possible|an\s+option)\b/gi, ' ');
}

function selectiveForAll(request: string): boolean {
  const sentences = splitSentences(request);
  const said = sentences.filter((s) => /\bselective(?:ly)?\s+(?:isolation|isolate|please|pls)\b|\(selective/i.test(withoutSelectiveDenied(s)));
  if (said.length === 0) return false;
  const isolations = sentences.filter((s) => /\bisolat(?:e|es|ed|ing)\b|\bisolation\b|\bcontain\b/i.test(s));
  return isolations.length <= 1 || said.some((s) => /^\W*(?:(?:and\s+|but\s+|pls\s+|please\s+)?(?:use|using|with|via|prefer|make\s+it|the\s+isolation\s+(?:is|should\s+be)|isolation\s+(?:type|mode)\s*(?:is|:|=)?)\s+selective(?:\s+isolation)?\s*(?:please|pls)?\W*$|selective(?:\s+isolation)?(?:\s+please|\s+pls)?\W*$)|\(selective/i.test(s));
}

function dedupeConditions(conds: Condition[]): Condition[] {
  const seen = new Set<string>();
  return conds.filter((c) => {
    const k = JSON.stringify(c);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function dedupeUnderstood(list: Understood[]): Understood[] {
  const seen = new Set<string>();
  return list.filter((u) => {
    const k = `${u.phrase}|${u.meaning}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function collectIocTypes(step: Step, into: Set<IocType>): void {
  const visit = (c: Condition): void => {
    if ('all' in c) c.all.forEach(visit);
    else if ('any' in c) c.any.forEach(visit);
    else if ('not' in c) visit(c.not);
    else if (c.kind === 'maliciousIoc') c.iocTypes.forEach((t) => into.add(t));
  };
  if (step.when) visit(step.when.condition);
  if (step.target.kind === 'iocs' && step.target.minEngines) step.target.iocTypes.forEach((t) => into.add(t));
  if (step.target.kind === 'fileDevices' && step.target.minEngines) into.add('file');
  if (step.params.incident?.includeVirusTotal || step.params.includeVirusTotal) into.add('file');
}

function nameFor(steps: Step[]): string {
  const labels = [...new Set(steps.map((s) => ACTIONS[s.action].label.toLowerCase()))];
  const text = labels.join(', ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Exposed for tests and the CLI summary. */
export { describeStep, splitClauses, splitSentences };
