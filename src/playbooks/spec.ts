import { z } from 'zod';

/**
 * The playbook spec: the intermediate representation between a plain-English request and the
 * generated Python. Both planners (offline rules, LLM) produce it; codegen consumes it.
 * Versioned so stored playbooks stay readable when the schema grows.
 */

export const SPEC_VERSION = 2 as const;
/** Spec versions Rampart still reads: version 1 specs (stored playbooks) are a subset of version 2. */
export const READABLE_SPEC_VERSIONS = [1, 2] as const;

/** Defender XDR severities. There is no "critical": the planner maps it to High. */
export const SEVERITIES = ['Informational', 'Low', 'Medium', 'High'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

/** Canonical service sources; older names are accepted and normalised (see SERVICE_SOURCE_ALIASES). */
export const SERVICE_SOURCES = [
  'MicrosoftDefenderForEndpoint',
  'MicrosoftDefenderForOffice365',
  'MicrosoftDefenderForIdentity',
  'MicrosoftCloudAppSecurity',
  'AzureAdIdentityProtection',
  'MicrosoftDefenderForCloud',
  'MicrosoftSentinel',
  'MicrosoftDataLossPrevention',
  'MicrosoftInsiderRiskManagement',
] as const;
export type ServiceSource = (typeof SERVICE_SOURCES)[number];

/** Old and alternative names Defender XDR still emits, mapped to the canonical name. */
export const SERVICE_SOURCE_ALIASES: Readonly<Record<string, ServiceSource>> = {
  MicrosoftDefenderATP: 'MicrosoftDefenderForEndpoint',
  MicrosoftDefenderForEndpoint: 'MicrosoftDefenderForEndpoint',
  OfficeATP: 'MicrosoftDefenderForOffice365',
  MicrosoftDefenderForOffice365: 'MicrosoftDefenderForOffice365',
  AzureATP: 'MicrosoftDefenderForIdentity',
  MicrosoftDefenderForIdentity: 'MicrosoftDefenderForIdentity',
  MCAS: 'MicrosoftCloudAppSecurity',
  MicrosoftCloudAppSecurity: 'MicrosoftCloudAppSecurity',
  MicrosoftDefenderForCloudApps: 'MicrosoftCloudAppSecurity',
  AzureAdIdentityProtection: 'AzureAdIdentityProtection',
  MicrosoftEntraIdProtection: 'AzureAdIdentityProtection',
  AzureSecurityCenter: 'MicrosoftDefenderForCloud',
  MicrosoftDefenderForCloud: 'MicrosoftDefenderForCloud',
  AzureSentinel: 'MicrosoftSentinel',
  MicrosoftSentinel: 'MicrosoftSentinel',
  MicrosoftDataLossPrevention: 'MicrosoftDataLossPrevention',
  MicrosoftInsiderRiskManagement: 'MicrosoftInsiderRiskManagement',
};

/** Canonical name of a service source, or undefined when it is not one Rampart knows. */
export function normaliseServiceSource(name: string): ServiceSource | undefined {
  const direct = SERVICE_SOURCE_ALIASES[name];
  if (direct) return direct;
  const key = Object.keys(SERVICE_SOURCE_ALIASES).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? SERVICE_SOURCE_ALIASES[key] : undefined;
}

const ServiceSourceSchema = z.string().transform((value, ctx) => {
  const canonical = normaliseServiceSource(value);
  if (!canonical) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `unknown service source "${value}"` });
    return z.NEVER;
  }
  return canonical;
});

export const IncidentStatus = z.enum(['Active', 'InProgress', 'Resolved', 'Redirected']);
export type IncidentStatus = z.infer<typeof IncidentStatus>;
export const Classification = z.enum(['Unknown', 'FalsePositive', 'TruePositive', 'InformationalExpectedActivity']);
export type Classification = z.infer<typeof Classification>;
/** Determination values of the Defender XDR incident API. */
export const Determination = z.enum([
  'NotAvailable', 'Apt', 'Malware', 'SecurityPersonnel', 'SecurityTesting', 'UnwantedSoftware', 'Other',
  'MultiStagedAttack', 'CompromisedAccount', 'Phishing', 'MaliciousUserActivity', 'NotMalicious',
  'NotEnoughDataToValidate', 'ConfirmedUserActivity', 'LineOfBusinessApplication',
]);
export type Determination = z.infer<typeof Determination>;

/** Named threat topics: a title keyword or an alert category matches. */
export const TOPICS = {
  ransomware: { keywords: ['ransomware', 'ransom'], categories: ['Ransomware'] },
  phishing: { keywords: ['phish', 'malicious url'], categories: ['Phishing'] },
  malware: { keywords: ['malware', 'trojan', 'virus'], categories: ['Malware'] },
  credentialTheft: { keywords: ['credential', 'mimikatz', 'lsass'], categories: ['CredentialAccess'] },
  lateralMovement: { keywords: ['lateral movement'], categories: ['LateralMovement'] },
  exfiltration: { keywords: ['exfiltration'], categories: ['Exfiltration'] },
  commandAndControl: { keywords: ['command and control', 'c2'], categories: ['CommandAndControl'] },
  unwantedSoftware: { keywords: ['potentially unwanted', 'unwanted software', 'pua', 'adware'], categories: ['UnwantedSoftware'] },
} as const;
export type Topic = keyof typeof TOPICS;
const TopicSchema = z.enum(Object.keys(TOPICS) as [Topic, ...Topic[]]);

export const Trigger = z.object({
  /** `alert`: the filters select alerts and device actions target those alerts' devices. */
  kind: z.enum(['incident', 'alert']),
  severities: z.array(Severity).default([]),
  serviceSources: z.array(ServiceSourceSchema).default([]),
  detectionSources: z.array(z.string()).default([]),
  categories: z.array(z.string()).default([]),
  topics: z.array(TopicSchema).default([]),
  /** Matched case-insensitively against the incident name and the alert titles. */
  titleKeywords: z.array(z.string()).default([]),
  /** Update triggers: the incident's status / classification. */
  statuses: z.array(IncidentStatus).default([]),
  classifications: z.array(Classification).default([]),
});
export type Trigger = z.infer<typeof Trigger>;

export const IOC_TYPES = ['file', 'ip', 'url', 'domain'] as const;
export const IocType = z.enum(IOC_TYPES);
export type IocType = z.infer<typeof IocType>;

/** Defender XDR alert categories (MITRE tactics and Defender's own), as the API spells them. */
export const ALERT_CATEGORIES = [
  'InitialAccess', 'Execution', 'Persistence', 'PrivilegeEscalation', 'DefenseEvasion', 'CredentialAccess', 'Discovery',
  'LateralMovement', 'Collection', 'CommandAndControl', 'Exfiltration', 'Impact', 'Malware', 'Ransomware', 'Phishing',
  'SuspiciousActivity', 'UnwantedSoftware', 'Exploit', 'Reconnaissance', 'ResourceDevelopment',
] as const;

/** What an entityCount condition counts: distinct devices, users, files, IPs or URLs, or alerts. */
export const COUNTED_ENTITIES = ['device', 'user', 'alert', 'file', 'ip', 'url'] as const;
export type CountedEntity = (typeof COUNTED_ENTITIES)[number];

/** What Defender for Office 365 did with a mail message (its entity's deliveryAction). */
export const MAIL_DELIVERY_ACTIONS = ['Delivered', 'Junked', 'Blocked', 'Replaced'] as const;
export type MailDeliveryAction = (typeof MAIL_DELIVERY_ACTIONS)[number];
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** The moment a time condition reads: when the incident was created, when an alert of the scope was, or when its activity began. */
export const TIME_MOMENTS = ['incidentCreated', 'alertCreated', 'firstActivity'] as const;
export type TimeMoment = (typeof TIME_MOMENTS)[number];
const CLOCK = /^(?:[01]\d|2[0-3]):[0-5]\d$/;

/** Entity types a condition can ask for. */
export const ENTITY_TYPES = ['File', 'Ip', 'Url', 'User', 'MailMessage', 'Process'] as const;

/**
 * A step's condition. Leaves read the scope's alerts (or the incident): VirusTotal verdicts, device
 * risk, entities, severity, category, title words, service / detection source, incident tags,
 * assignment and Entra ID group membership of the alerts' users. `all` / `any` / `not` combine them,
 * which is how branches ("otherwise", VirusTotal bands) are written.
 */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { kind: 'maliciousIoc'; iocTypes: IocType[]; minEngines: number }
  /** An IOC of these types is unknown to VirusTotal (no record of it at all, which is not a clean verdict). */
  | { kind: 'unknownIoc'; iocTypes: IocType[] }
  | { kind: 'deviceRisk'; atLeast: 'Low' | 'Medium' | 'High' }
  | { kind: 'entityPresent'; entityType: (typeof ENTITY_TYPES)[number] }
  /** An alert of the scope has one of these severities; for scope `incident`, the incident's own severity (as the trigger reads it). */
  | { kind: 'severity'; severities: Severity[] }
  /** An alert of the scope is in one of these categories (case-insensitive). */
  | { kind: 'category'; categories: string[] }
  /** The incident name or an alert title of the scope contains one of these words (case-insensitive). */
  | { kind: 'titleContains'; keywords: string[] }
  /** An alert of the scope comes from one of these service sources (aliases normalised). */
  | { kind: 'serviceSource'; sources: ServiceSource[] }
  /** An alert of the scope was raised by one of these detection sources (case-insensitive). */
  | { kind: 'detectionSource'; sources: string[] }
  /** The incident carries one of these tags (case-insensitive). */
  | { kind: 'incidentTag'; tags: string[] }
  /** The incident is assigned (to anyone, or to this UPN) or unassigned. */
  | { kind: 'assignment'; assigned: boolean; to?: string }
  /** A user entity of the scope is a member (direct or transitive) of one of these Entra ID groups (display name or id). */
  | { kind: 'userInGroup'; groups: string[] }
  /** The incident (all its alerts, whatever the scope) involves at least this many distinct entities of a kind. */
  | { kind: 'entityCount'; entity: CountedEntity; atLeast: number }
  /** A user entity of the scope matches one of these name patterns (as a user filter matches them). */
  | { kind: 'userNamed'; patterns: string[] }
  /** An IOC of the scope is one of these values: an IP (or inside a CIDR range), a URL, a domain, a file hash (case-insensitive). */
  | { kind: 'iocValue'; values: string[] }
  /** A device of the scope matches these criteria (as a device filter's include matches them): "on a server: mail X". */
  | { kind: 'deviceIs'; match: DeviceMatch }
  /** An alert of the scope is mapped to one of these MITRE ATT&CK techniques ("T1003" also matches its sub-techniques, "T1003.001"). */
  | { kind: 'mitreTechnique'; techniques: string[] }
  /** An alert of the scope names one of these threat families (Defender's threatFamilyName, case-insensitive). */
  | { kind: 'threatFamily'; families: string[] }
  /** A File entity of the scope sits under a path that contains one of these fragments ("\\temp\\", "c:\\users\\public"; case-insensitive). */
  | { kind: 'filePath'; contains: string[] }
  /** A MailMessage entity of the scope had one of these delivery actions (Delivered, Junked, Blocked, Replaced). */
  | { kind: 'mailDelivery'; actions: MailDeliveryAction[] }
  /** A MailMessage entity of the scope has a subject that contains one of these words (case-insensitive). */
  | { kind: 'mailSubject'; contains: string[] }
  /**
   * The moment (UTC) falls on one of the days, when days are given, and at or after `from` and before `to` ("HH:MM"),
   * when they are given; a window whose `from` is later than its `to` runs over midnight ("19:00" to "07:00").
   */
  | { kind: 'timeWindow'; at: TimeMoment; days?: Weekday[]; from?: string; to?: string };

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(Condition).min(1) }).strict(),
    z.object({ any: z.array(Condition).min(1) }).strict(),
    z.object({ not: Condition }).strict(),
    z.object({ kind: z.literal('maliciousIoc'), iocTypes: z.array(IocType).min(1), minEngines: z.number().int().min(1) }).strict(),
    z.object({ kind: z.literal('unknownIoc'), iocTypes: z.array(IocType).min(1) }).strict(),
    z.object({ kind: z.literal('deviceRisk'), atLeast: z.enum(['Low', 'Medium', 'High']) }).strict(),
    z.object({ kind: z.literal('entityPresent'), entityType: z.enum(ENTITY_TYPES) }).strict(),
    z.object({ kind: z.literal('severity'), severities: z.array(Severity).min(1) }).strict(),
    z.object({ kind: z.literal('category'), categories: z.array(z.string().min(1)).min(1) }).strict(),
    z.object({ kind: z.literal('titleContains'), keywords: z.array(z.string().min(1)).min(1) }).strict(),
    z.object({ kind: z.literal('serviceSource'), sources: z.array(ServiceSourceSchema).min(1) }).strict(),
    z.object({ kind: z.literal('detectionSource'), sources: z.array(z.string().min(1)).min(1) }).strict(),
    z.object({ kind: z.literal('incidentTag'), tags: z.array(z.string().min(1)).min(1) }).strict(),
    z.object({ kind: z.literal('assignment'), assigned: z.boolean(), to: z.string().min(1).optional() }).strict(),
    z.object({ kind: z.literal('userInGroup'), groups: z.array(z.string().min(1)).min(1) }).strict(),
    z.object({ kind: z.literal('entityCount'), entity: z.enum(COUNTED_ENTITIES), atLeast: z.number().int().min(1) }).strict(),
    z.object({ kind: z.literal('userNamed'), patterns: z.array(z.string().min(1)).min(1) }).strict(),
    z.object({ kind: z.literal('iocValue'), values: z.array(z.string().min(1).max(2048)).min(1) }).strict(),
    z.object({ kind: z.literal('deviceIs'), match: DeviceMatch }).strict(),
    z.object({ kind: z.literal('mitreTechnique'), techniques: z.array(z.string().regex(/^T\d{4}(?:\.\d{3})?$/, 'a MITRE ATT&CK technique id such as T1003 or T1059.001')).min(1) }).strict(),
    z.object({ kind: z.literal('threatFamily'), families: z.array(z.string().min(1)).min(1) }).strict(),
    z.object({ kind: z.literal('filePath'), contains: z.array(z.string().min(1)).min(1) }).strict(),
    z.object({ kind: z.literal('mailDelivery'), actions: z.array(z.enum(MAIL_DELIVERY_ACTIONS)).min(1) }).strict(),
    z.object({ kind: z.literal('mailSubject'), contains: z.array(z.string().min(1)).min(1) }).strict(),
    z
      .object({
        kind: z.literal('timeWindow'),
        at: z.enum(TIME_MOMENTS),
        days: z.array(z.enum(WEEKDAYS)).min(1).optional(),
        from: z.string().regex(CLOCK, 'a UTC time of day as HH:MM').optional(),
        to: z.string().regex(CLOCK, 'a UTC time of day as HH:MM').optional(),
      })
      .strict()
      .refine((c) => (c.from === undefined) === (c.to === undefined), 'a time window gives both from and to, or neither')
      .refine((c) => c.from === undefined || c.from !== c.to, 'a time window cannot start and end at the same time')
      .refine((c) => c.days !== undefined || c.from !== undefined, 'a time window names days, hours, or both'),
  ]) as z.ZodType<Condition>,
);

/** A step's condition and what it is checked against: each matching alert, or the incident as a whole. */
export const Gate = z.object({ condition: Condition, scope: z.enum(['alert', 'incident']) });
export type Gate = z.infer<typeof Gate>;

export const Target = z.discriminatedUnion('kind', [
  /** Every device of every alert of the incident. */
  z.object({ kind: z.literal('incidentDevices') }),
  /** The devices of the alerts that matched the trigger (and the step's condition). */
  z.object({ kind: z.literal('alertDevices') }),
  /** Each File entity's device + SHA-1; with minEngines, only files VirusTotal flags. */
  z.object({ kind: z.literal('fileDevices'), minEngines: z.number().int().min(1).nullable() }),
  /** The User entities of the matching alerts. */
  z.object({ kind: z.literal('users') }),
  /** The IOCs of the matching alerts; with minEngines, only those VirusTotal flags. */
  z.object({ kind: z.literal('iocs'), iocTypes: z.array(IocType).min(1), minEngines: z.number().int().min(1).nullable() }),
  z.object({ kind: z.literal('incident') }),
  z.object({ kind: z.literal('channel') }),
  z.object({ kind: z.literal('mailbox') }),
]);
export type Target = z.infer<typeof Target>;

export const ACTION_NAMES = [
  'isolate', 'unisolate', 'runAntiVirusScan', 'collectInvestigationPackage', 'restrictCodeExecution',
  'unrestrictCodeExecution', 'stopAndQuarantineFile', 'createIndicator', 'updateIncident', 'disableUser',
  'resetPassword', 'revokeSessions', 'confirmCompromised', 'dismissRiskyUser', 'sendMail', 'teamsMessage',
] as const;
export const ActionName = z.enum(ACTION_NAMES);
export type ActionName = z.infer<typeof ActionName>;

export type Permission =
  | 'Machine.Isolate' | 'Machine.Scan' | 'Machine.CollectForensics' | 'Machine.RestrictExecution'
  | 'Machine.StopAndQuarantine' | 'Ti.ReadWrite.All' | 'Incident.ReadWrite.All' | 'User.ReadWrite.All'
  | 'IdentityRiskyUser.ReadWrite.All' | 'Mail.Send' | 'GroupMember.Read.All' | 'none';

export interface ActionInfo {
  destructive: boolean;
  /** The application permission the playbook's app registration needs; `none` for webhooks. */
  permission: Permission;
  api: 'defender' | 'graph' | 'teams';
  label: string;
}

/** What each action does, whether it needs a human's approval, and the permission it needs. */
export const ACTIONS: Readonly<Record<ActionName, ActionInfo>> = {
  isolate: { destructive: true, permission: 'Machine.Isolate', api: 'defender', label: 'Isolate device' },
  unisolate: { destructive: true, permission: 'Machine.Isolate', api: 'defender', label: 'Release device from isolation' },
  runAntiVirusScan: { destructive: false, permission: 'Machine.Scan', api: 'defender', label: 'Run antivirus scan' },
  collectInvestigationPackage: {
    destructive: false, permission: 'Machine.CollectForensics', api: 'defender', label: 'Collect investigation package',
  },
  restrictCodeExecution: {
    destructive: true, permission: 'Machine.RestrictExecution', api: 'defender', label: 'Restrict app execution',
  },
  unrestrictCodeExecution: {
    destructive: true, permission: 'Machine.RestrictExecution', api: 'defender', label: 'Remove app execution restriction',
  },
  stopAndQuarantineFile: {
    destructive: true, permission: 'Machine.StopAndQuarantine', api: 'defender', label: 'Stop and quarantine file',
  },
  createIndicator: { destructive: true, permission: 'Ti.ReadWrite.All', api: 'defender', label: 'Block indicator' },
  updateIncident: { destructive: false, permission: 'Incident.ReadWrite.All', api: 'defender', label: 'Update incident' },
  disableUser: { destructive: true, permission: 'User.ReadWrite.All', api: 'graph', label: 'Disable user account' },
  resetPassword: { destructive: true, permission: 'User.ReadWrite.All', api: 'graph', label: 'Reset user password' },
  revokeSessions: { destructive: true, permission: 'User.ReadWrite.All', api: 'graph', label: 'Revoke sign-in sessions' },
  confirmCompromised: {
    destructive: true, permission: 'IdentityRiskyUser.ReadWrite.All', api: 'graph', label: 'Confirm user compromised',
  },
  dismissRiskyUser: {
    destructive: true, permission: 'IdentityRiskyUser.ReadWrite.All', api: 'graph', label: 'Dismiss user risk',
  },
  sendMail: { destructive: false, permission: 'Mail.Send', api: 'graph', label: 'Send email' },
  teamsMessage: { destructive: false, permission: 'none', api: 'teams', label: 'Post to Teams' },
};

/** The destructive actions (from ACTIONS): each waits for a named approver unless its version runs unattended. */
export const DESTRUCTIVE_ACTIONS: readonly ActionName[] = (Object.keys(ACTIONS) as ActionName[]).filter((a) => ACTIONS[a].destructive);

export const IncidentChanges = z.object({
  status: IncidentStatus.optional(),
  classification: Classification.optional(),
  determination: Determination.optional(),
  assignedTo: z.string().min(1).optional(),
  addTags: z.array(z.string().min(1)).optional(),
  /** Fixed comment text; without it the playbook writes a summary of what it found and did. */
  comment: z.string().optional(),
  /** Add a comment at all (with `comment` text or a generated summary). */
  addComment: z.boolean().optional(),
  /** Put each file hash's VirusTotal verdict into the comment / message. */
  includeVirusTotal: z.boolean().optional(),
});
export type IncidentChanges = z.infer<typeof IncidentChanges>;

export const StepParams = z.object({
  isolationType: z.enum(['Full', 'Selective']).optional(),
  scanType: z.enum(['Quick', 'Full']).optional(),
  indicatorAction: z.enum(['Block', 'BlockAndRemediate', 'AlertAndBlock', 'Alert', 'Warn', 'Audit']).optional(),
  /** Which hash a file indicator is made of ("block the SHA-1"); without it SHA-256 when the alert has one, else SHA-1. */
  fileHash: z.enum(['SHA1', 'SHA256']).optional(),
  /** Indicator expiry in days from the run ("block it for 30 days"); without it the indicator does not expire. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
  incident: IncidentChanges.optional(),
  /** Mail recipients; empty means SOC_EMAIL_TO at run time (unless the mail goes to the alerts' users). */
  mailTo: z.array(z.string().email()).optional(),
  /** Mail the users of the matching alerts too: their UPNs and the recipients of the alerts' mail messages. */
  mailToUsers: z.boolean().optional(),
  includeVirusTotal: z.boolean().optional(),
});
export type StepParams = z.infer<typeof StepParams>;

/** Kinds of device the playbook tells apart. Defender has no domain-controller flag: see DEVICE_KIND_RULES. */
export const DEVICE_KINDS = ['server', 'workstation', 'domainController'] as const;
export const DeviceKind = z.enum(DEVICE_KINDS);
export type DeviceKind = z.infer<typeof DeviceKind>;

/** How the generated playbook decides a device's kind from the alert's devices[] entry (and machine tags). */
export const DEVICE_KIND_RULES =
  'A server is a device whose osPlatform contains "Server" (WindowsServer2019, WindowsServer2022, ...), or a Linux / ' +
  'other non-Windows-client device whose RBAC group name or machine tags contain "server". A workstation is any device ' +
  'that is not a server (Windows10/11, macOS, ...). Defender exposes no reliable domain-controller flag, so a domain ' +
  'controller is matched by hints: a device name starting with "dc" (dc01, dc-east-1) or containing "-dc", or an RBAC group ' +
  'or machine tag containing "domain controller" or equal to "dc" / "dcs".';

/**
 * Device criteria. In `include` every given field must hold (a list field holds when any of its
 * values matches); in `exclude` any one matching criterion excludes the device.
 */
export const DeviceMatch = z
  .object({
    kinds: z.array(DeviceKind).min(1).optional(),
    /** RBAC device-group names (or machine tags), case-insensitive, whole name. */
    groups: z.array(z.string().min(1)).min(1).optional(),
    /** Machine tags, case-insensitive; the playbook reads them from /api/machines/{id}. */
    tags: z.array(z.string().min(1)).min(1).optional(),
    /** Device DNS name patterns with * wildcards, case-insensitive ("srv-*"); the short name counts too. */
    namePatterns: z.array(z.string().min(1)).min(1).optional(),
    /** osPlatform values or prefixes, case-insensitive ("Windows11", "Linux"). */
    osPlatforms: z.array(z.string().min(1)).min(1).optional(),
    minRiskScore: z.enum(['Low', 'Medium', 'High']).optional(),
    /** Defender health status values, case-insensitive ("Active", "Inactive", "ImpairedCommunication"). */
    healthStatuses: z.array(z.string().min(1)).min(1).optional(),
    /**
     * Only the device the alert's file or process was seen on ("the device where it ran"): a File or Process
     * entity of the alert names it by deviceId; an alert with one device and no such entity names that device.
     */
    ranThere: z.literal(true).optional(),
  })
  .strict();
export type DeviceMatch = z.infer<typeof DeviceMatch>;

/** Which of a step's target devices it may act on; a device the filter cannot judge is skipped. */
export const DeviceFilter = z.object({ include: DeviceMatch.optional(), exclude: DeviceMatch.optional() }).strict();
export type DeviceFilter = z.infer<typeof DeviceFilter>;

/**
 * Which of a user step's users it acts on. Patterns use * wildcards and are matched, case-insensitively,
 * against the user's UPN, the part of the UPN before the @ and the account name ("svc-*", "*@contoso.com",
 * "ceo@contoso.com"). In `include` a user must match a pattern; in `exclude` one match leaves the user out.
 */
export const UserMatch = z.object({ namePatterns: z.array(z.string().min(1)).min(1) }).strict();
export type UserMatch = z.infer<typeof UserMatch>;
export const UserFilter = z
  .object({
    include: UserMatch.optional(),
    exclude: UserMatch.optional(),
    /** Each user is checked on their own: only members of one of these Entra ID groups (display name or id). */
    inGroups: z.array(z.string().min(1)).min(1).optional(),
    /** Each user is checked on their own: members of one of these groups are left out. */
    notInGroups: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();
export type UserFilter = z.infer<typeof UserFilter>;

/** Actions whose target is the users of the alerts (and so may carry a user filter). */
export const USER_ACTIONS: readonly ActionName[] = ['disableUser', 'resetPassword', 'revokeSessions', 'confirmCompromised', 'dismissRiskyUser'];

/**
 * Which of a block step's IOCs it acts on. `ipScope` public: IP addresses outside private, loopback,
 * link-local and reserved ranges ("external IPs only"); private: only those. `excludeDomains`: URLs and
 * domains at these domains or their subdomains are never blocked ("never our own contoso.com").
 */
export const IocFilter = z
  .object({
    ipScope: z.enum(['public', 'private']).optional(),
    excludeDomains: z.array(z.string().min(1)).min(1).optional(),
    /** File IOCs only: the files named so ("mimikatz.exe", "*.ps1"), matched case-insensitively on the file name. */
    fileNames: z.array(z.string().min(1)).min(1).optional(),
    /** Files only: those whose full path contains one of these ("C:\\ProgramData"), case-insensitively. */
    filePaths: z.array(z.string().min(1)).min(1).optional(),
    /** The IOCs named by their value ("block 193.42.33.17"): only those, matched case-insensitively. */
    values: z.array(z.string().min(1)).min(1).optional(),
    /**
     * IOCs never acted on, by value ("never block 20.190.151.7", "never block 10/8"): an address, an address range in CIDR
     * ("10.0.0.0/8"), or a hash, matched case-insensitively.
     */
    excludeValues: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();
export type IocFilter = z.infer<typeof IocFilter>;

/** Plain words for a user filter, e.g. "except users named svc-*". */
export function describeUserFilter(f: UserFilter): string {
  const out: string[] = [];
  if (f.include) out.push(`named ${orList(f.include.namePatterns)}`);
  if (f.exclude) out.push(`except users named ${orList(f.exclude.namePatterns)}`);
  if (f.inGroups) out.push(`only users in the group ${orList(f.inGroups)}`);
  if (f.notInGroups) out.push(`except users in the group ${orList(f.notInGroups)}`);
  return out.join(', ');
}

/** Plain words for an IOC filter, e.g. "(public IPs only; never at contoso.com)". */
export function describeIocFilter(f: IocFilter): string {
  const out: string[] = [];
  if (f.ipScope) out.push(f.ipScope === 'public' ? 'public IPs only (private, loopback and reserved ranges left out)' : 'private-range IPs only');
  if (f.excludeDomains) out.push(`never at ${orList(f.excludeDomains)} or its subdomains`);
  if (f.fileNames) out.push(`only files named ${orList(f.fileNames)}`);
  if (f.filePaths) out.push(`only files under ${orList(f.filePaths)}`);
  if (f.values) out.push(`only ${orList(f.values)}`);
  if (f.excludeValues) out.push(`never ${orList(f.excludeValues)}`);
  return out.length ? `(${out.join('; ')})` : '';
}

/** Actions whose target is a device (and so may carry a device filter). */
export const DEVICE_ACTIONS: readonly ActionName[] = [
  'isolate', 'unisolate', 'runAntiVirusScan', 'collectInvestigationPackage', 'restrictCodeExecution',
  'unrestrictCodeExecution', 'stopAndQuarantineFile',
];

const KIND_WORDS: Record<DeviceKind, [string, string]> = {
  server: ['server', 'servers'],
  workstation: ['workstation', 'workstations'],
  domainController: ['domain controller', 'domain controllers'],
};

function orList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function describeMatch(m: DeviceMatch, plural: boolean): string[] {
  const parts: string[] = [];
  if (m.kinds?.length) parts.push(orList(m.kinds.map((k) => KIND_WORDS[k][plural ? 1 : 0])));
  if (m.groups?.length) parts.push(`in the ${orList(m.groups)} group${m.groups.length > 1 ? 's' : ''}`);
  if (m.tags?.length) parts.push(`tagged ${orList(m.tags)}`);
  if (m.namePatterns?.length) parts.push(`named ${orList(m.namePatterns)}`);
  if (m.osPlatforms?.length) parts.push(`running ${orList(m.osPlatforms.map((o) => (o === 'WindowsServer' ? 'Windows Server' : o)))}`);
  if (m.minRiskScore) parts.push(`with a ${m.minRiskScore}${m.minRiskScore === 'High' ? '' : ' or higher'} risk score`);
  if (m.healthStatuses?.length) parts.push(`with health status ${orList(m.healthStatuses)}`);
  if (m.ranThere) parts.push(`where the alert's file or process was seen`);
  return parts;
}

/** Plain words for a device filter, e.g. "that are servers, except domain controllers". */
export function describeDeviceFilter(f: DeviceFilter): string {
  const out: string[] = [];
  if (f.include) {
    const inc = describeMatch(f.include, true);
    const [first, ...rest] = inc;
    if (first !== undefined) {
      const head = f.include.kinds?.length ? `that are ${first}` : first;
      out.push([head, ...rest].join(', '));
    }
  }
  if (f.exclude) {
    const exc = describeMatch(f.exclude, true).map((p) => (/^(?:in|tagged|named|running|with)\b/.test(p) ? `devices ${p}` : p));
    if (exc.length) out.push(`except ${orList(exc)}`);
  }
  const dc = f.include?.kinds?.includes('domainController') || f.exclude?.kinds?.includes('domainController');
  // Defender has no domain-controller flag: the card must say the match is a heuristic.
  return `${out.join(', ')}${dc ? ' (domain controllers recognised by name, group or tag)' : ''}`;
}

export const Step = z.object({
  action: ActionName,
  target: Target,
  params: StepParams.default({}),
  when: Gate.optional(),
  /** Device steps only: which of the target's devices the step may act on. */
  deviceFilter: DeviceFilter.optional(),
  /** User steps only: which of the users the step may act on. */
  userFilter: UserFilter.optional(),
  /** Block and file steps only: which of the IOCs (or files) the step may act on. */
  iocFilter: IocFilter.optional(),
  /** The request's words this step came from. */
  phrase: z.string().optional(),
});
export type Step = z.infer<typeof Step>;

export const Enrichment = z.discriminatedUnion('source', [
  z.object({ source: z.literal('virusTotal'), iocTypes: z.array(IocType).min(1) }),
  z.object({ source: z.literal('defenderMachine') }),
  z.object({ source: z.literal('defenderFile') }),
]);
export type Enrichment = z.infer<typeof Enrichment>;

export const PlaybookSpec = z.object({
  /** Version 1 specs are read as version 2 (every version 1 field kept its meaning). */
  specVersion: z.union([z.literal(1), z.literal(SPEC_VERSION)]).transform(() => SPEC_VERSION),
  name: z.string().min(1),
  trigger: Trigger,
  enrichments: z.array(Enrichment).default([]),
  steps: z.array(Step).min(1),
});
export type PlaybookSpec = z.infer<typeof PlaybookSpec>;
/** The spec as written by hand or by an LLM, before defaults are filled in. */
export type PlaybookSpecInput = z.input<typeof PlaybookSpec>;

/** Validates and normalises a spec (service-source aliases, defaults); throws a ZodError when invalid. */
export function parseSpec(input: unknown): PlaybookSpec {
  return PlaybookSpec.parse(input);
}

/** The Defender / Graph permissions a spec's playbook needs, sorted. */
export function permissionsOf(spec: PlaybookSpec): Permission[] {
  const perms = new Set<Permission>();
  for (const step of spec.steps) {
    const p = ACTIONS[step.action].permission;
    if (p !== 'none') perms.add(p);
  }
  if (spec.steps.length > 0) perms.add('Incident.ReadWrite.All');
  const readsGroups = (c: Condition): boolean =>
    'all' in c ? c.all.some(readsGroups) : 'any' in c ? c.any.some(readsGroups) : 'not' in c ? readsGroups(c.not) : c.kind === 'userInGroup';
  // A userInGroup condition reads the users' group memberships through Graph.
  if (spec.steps.some((s) => (s.when && readsGroups(s.when.condition)) || s.userFilter?.inGroups || s.userFilter?.notInGroups)) perms.add('GroupMember.Read.All');
  return [...perms].sort();
}

/** True when any step of the spec is destructive (needs an approval before it runs). */
export function hasDestructiveSteps(spec: PlaybookSpec): boolean {
  return spec.steps.some((s) => ACTIONS[s.action].destructive);
}

const SOURCE_LABELS: Record<ServiceSource, string> = {
  MicrosoftDefenderForEndpoint: 'Defender for Endpoint',
  MicrosoftDefenderForOffice365: 'Defender for Office 365',
  MicrosoftDefenderForIdentity: 'Defender for Identity',
  MicrosoftCloudAppSecurity: 'Defender for Cloud Apps',
  AzureAdIdentityProtection: 'Entra ID Protection',
  MicrosoftDefenderForCloud: 'Defender for Cloud',
  MicrosoftSentinel: 'Microsoft Sentinel',
  MicrosoftDataLossPrevention: 'Purview DLP',
  MicrosoftInsiderRiskManagement: 'Insider Risk Management',
};

/** One readable line for a trigger, e.g. "a High severity alert from Defender for Endpoint". */
export function describeTrigger(t: Trigger): string {
  const parts: string[] = [];
  const sev = t.severities.length ? `${t.severities.join(' or ')} severity ` : '';
  const topic = [...t.topics, ...t.titleKeywords.map((k) => `"${k}"`)].join(' or ');
  parts.push(`${t.kind === 'alert' ? 'an' : 'an'} ${sev}${topic ? topic + ' ' : ''}${t.kind}`.replace(/^an ([^aeiouAEIOU"])/, 'a $1'));
  if (t.serviceSources.length) parts.push(`from ${t.serviceSources.map((s) => SOURCE_LABELS[s]).join(' or ')}`);
  if (t.detectionSources.length) parts.push(`detected by ${t.detectionSources.join(' or ')}`);
  if (t.categories.length) parts.push(`in category ${t.categories.join(' or ')}`);
  if (t.statuses.length) parts.push(`with status ${t.statuses.join(' or ')}`);
  if (t.classifications.length) parts.push(`classified ${t.classifications.join(' or ')}`);
  return parts.join(' ');
}

/** Plain words for a negated condition: "otherwise" branches and "unless" read naturally. */
function negated(c: Condition): string {
  if ('kind' in c && c.kind === 'maliciousIoc') {
    return `no ${c.iocTypes.length === 4 ? 'file hash, IP, URL or domain' : c.iocTypes.join(' / ')} is malicious on VirusTotal (at least ${c.minEngines} engine${c.minEngines === 1 ? '' : 's'})`;
  }
  if ('kind' in c && c.kind === 'unknownIoc') {
    return `VirusTotal has a record of every ${c.iocTypes.length === 4 ? 'file hash, IP, URL and domain' : c.iocTypes.join(' / ')} (one it has never seen is not clean)`;
  }
  return `not (${describeCondition(c)})`;
}

/** Plain words for a condition tree. */
export function describeCondition(c: Condition): string {
  if ('all' in c) return c.all.map(describeCondition).join(' and ');
  if ('any' in c) return c.any.map(describeCondition).join(' or ');
  if ('not' in c) return negated(c.not);
  switch (c.kind) {
    case 'maliciousIoc':
      return `a ${c.iocTypes.length === 4 ? 'file hash, IP, URL or domain' : c.iocTypes.join(' / ')} is malicious on VirusTotal (at least ${c.minEngines} engine${c.minEngines === 1 ? '' : 's'})`;
    case 'unknownIoc':
      return `a ${c.iocTypes.length === 4 ? 'file hash, IP, URL or domain' : c.iocTypes.join(' / ')} is unknown to VirusTotal (no record of it)`;
    case 'deviceRisk':
      return `a device's risk score is ${c.atLeast}${c.atLeast === 'High' ? '' : ' or higher'}`;
    case 'entityPresent':
      return `the alert involves a ${c.entityType} entity`;
    case 'severity':
      return `the alert severity is ${orList(c.severities)}`;
    case 'category':
      return `the alert category is ${orList(c.categories)}`;
    case 'titleContains':
      return `the title mentions ${orList(c.keywords.map((k) => `"${k}"`))}`;
    case 'serviceSource':
      return `the alert comes from ${orList(c.sources.map((s) => SOURCE_LABELS[s]))}`;
    case 'detectionSource':
      return `the alert was detected by ${orList(c.sources)}`;
    case 'incidentTag':
      return `the incident is tagged ${orList(c.tags.map((t) => `"${t}"`))}`;
    case 'assignment':
      return c.assigned ? (c.to ? `the incident is assigned to ${c.to}` : 'the incident is assigned') : 'the incident is unassigned';
    case 'userInGroup':
      return `a user of the alert is in the ${orList(c.groups.map((g) => `"${g}"`))} group${c.groups.length > 1 ? 's' : ''}`;
    case 'entityCount':
      return c.entity === 'alert'
        ? `the incident has at least ${c.atLeast} alert${c.atLeast === 1 ? '' : 's'}`
        : `the incident involves at least ${c.atLeast} ${COUNT_WORDS[c.entity][c.atLeast === 1 ? 0 : 1]}`;
    case 'userNamed':
      return `a user of the alert is named ${orList(c.patterns)}`;
    case 'iocValue':
      return `the alert involves the IOC ${orList(c.values)}`;
    case 'deviceIs': {
      // "is one of the servers, in the X group"; without a kind, "is in the X group" ("one of the in the" read wrong).
      const parts = describeMatch(c.match, true);
      if (c.match.kinds?.length || parts.length === 0) return `a device of the alert is one of the ${parts.join(', ') || 'devices'}`;
      const [first, ...rest] = parts;
      const lead = first.startsWith('with ') ? `has ${first.slice(5)}` : first.startsWith('where ') ? `is the one ${first}` : `is ${first}`;
      return `a device of the alert ${[lead, ...rest].join(', ')}`;
    }
    case 'mitreTechnique':
      return `the alert is mapped to MITRE technique ${orList(c.techniques)}`;
    case 'threatFamily':
      return `the alert names the threat family ${orList(c.families)}`;
    case 'filePath':
      return `a file of the alert is under a path containing ${orList(c.contains.map((p) => `"${p}"`))}`;
    case 'mailDelivery':
      return `the mail was ${orList(c.actions.map((a) => a.toLowerCase()))}`;
    case 'mailSubject':
      return `the mail's subject contains ${orList(c.contains.map((w) => `"${w}"`))}`;
    case 'timeWindow':
      return describeTimeWindow(c);
  }
}

const MOMENT_WORDS: Record<TimeMoment, string> = {
  incidentCreated: 'the incident was created',
  alertCreated: 'an alert of the scope was raised',
  firstActivity: "an alert's activity began",
};

function describeTimeWindow(c: { at: TimeMoment; days?: Weekday[]; from?: string; to?: string }): string {
  const days = c.days ? ` on ${orList(c.days)}` : '';
  const hours = c.from && c.to ? ` between ${c.from} and ${c.to}${c.from > c.to ? ' (over midnight)' : ''}` : '';
  return `${MOMENT_WORDS[c.at]}${days}${hours} (UTC)`;
}

const COUNT_WORDS: Record<CountedEntity, [string, string]> = {
  device: ['device', 'devices'], user: ['user', 'users'], alert: ['alert', 'alerts'],
  file: ['file', 'different files'], ip: ['IP address', 'different IP addresses'], url: ['URL', 'different URLs'],
};

/** Plain words for a target. */
export function describeTarget(t: Target): string {
  switch (t.kind) {
    case 'incidentDevices':
      return 'every device in the incident';
    case 'alertDevices':
      return 'the devices of the matching alerts';
    case 'fileDevices':
      return t.minEngines ? 'each malicious file, on the device where it was seen' : 'each file, on the device where it was seen';
    case 'users':
      return 'the users involved';
    case 'iocs':
      return `the ${t.iocTypes.join(' / ')} IOCs${t.minEngines ? ` VirusTotal flags (at least ${t.minEngines} engine${t.minEngines === 1 ? '' : 's'})` : ''}`;
    case 'incident':
      return 'the incident';
    case 'channel':
      return 'the SOC channel';
    case 'mailbox':
      return 'email';
  }
}

/** One readable line for a step, e.g. "Isolate device (Selective): every device in the incident". */
export function describeStep(s: Step): string {
  const p = s.params;
  const extra: string[] = [];
  if (p.isolationType) extra.push(p.isolationType);
  if (p.scanType) extra.push(p.scanType);
  if (p.indicatorAction) extra.push(p.indicatorAction);
  if (p.fileHash) extra.push(`by ${p.fileHash === 'SHA1' ? 'SHA-1' : 'SHA-256'}`);
  if (p.expiresInDays) extra.push(`expires after ${p.expiresInDays} day${p.expiresInDays === 1 ? '' : 's'}`);
  if (p.mailTo?.length || p.mailToUsers) extra.push(`to ${[...(p.mailTo ?? []), ...(p.mailToUsers ? ['the users involved'] : [])].join(', ')}`);
  if (p.incident) {
    const i = p.incident;
    if (i.status) extra.push(`status ${i.status}`);
    if (i.classification) extra.push(`classification ${i.classification}`);
    if (i.determination) extra.push(`determination ${i.determination}`);
    if (i.assignedTo) extra.push(`assign to ${i.assignedTo}`);
    if (i.addTags?.length) extra.push(`tag ${i.addTags.join(', ')}`);
    if (i.addComment) extra.push(i.includeVirusTotal ? 'comment with VirusTotal results' : 'comment');
  }
  const filter = [
    s.deviceFilter ? describeDeviceFilter(s.deviceFilter) : '',
    s.userFilter ? describeUserFilter(s.userFilter) : '',
    s.iocFilter ? describeIocFilter(s.iocFilter) : '',
  ].filter(Boolean).join(' ');
  const head = `${ACTIONS[s.action].label}${extra.length ? ` (${extra.join('; ')})` : ''}: ${describeTarget(s.target)}${filter ? ` ${filter}` : ''}`;
  return s.when ? `${head}, only if ${describeCondition(s.when.condition)}` : head;
}

/** Readable bullets for cards and the CLI: the trigger, the conditions, the steps. */
export function describeSpec(spec: PlaybookSpec): { trigger: string; conditions: string[]; steps: string[] } {
  const conditions = [...new Set(spec.steps.filter((s) => s.when).map((s) => describeCondition(s.when!.condition)))];
  return { trigger: `When ${describeTrigger(spec.trigger)}`, conditions, steps: spec.steps.map(describeStep) };
}
