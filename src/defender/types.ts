/** Shapes the clients return: the documented fields Rampart reads, the rest kept as the service sent it. */

export interface Incident {
  incidentId: number;
  incidentName: string;
  createdTime: string;
  lastUpdateTime: string;
  status: 'Active' | 'Resolved' | 'InProgress' | 'Redirected' | string;
  severity: 'Informational' | 'Low' | 'Medium' | 'High' | 'UnSpecified' | string;
  assignedTo: string | null;
  classification: string;
  determination: string;
  tags: string[];
  comments: Array<{ comment: string; createdBy: string; createdTime: string }>;
  alerts: IncidentAlert[];
  [field: string]: unknown;
}

export interface IncidentAlert {
  alertId: string;
  incidentId: number;
  serviceSource: string;
  detectionSource?: string;
  title: string;
  severity: string;
  status: string;
  category?: string;
  devices: Array<{ mdatpDeviceId: string; deviceDnsName: string; [field: string]: unknown }>;
  entities: Array<{ entityType: string; [field: string]: unknown }>;
  [field: string]: unknown;
}

/** What PATCH /api/incidents/{id} can change (severity cannot be changed through the API). */
export interface IncidentUpdate {
  status?: 'Active' | 'Resolved' | 'InProgress' | 'Redirected';
  assignedTo?: string | null;
  classification?: 'Unknown' | 'FalsePositive' | 'TruePositive' | 'InformationalExpectedActivity';
  determination?: string;
  tags?: string[];
  comment?: string;
}

/** `$filter`, `$top`, `$skip` for the incidents list. */
export interface IncidentQuery {
  filter?: string;
  top?: number;
  skip?: number;
}

export interface Alert {
  id: string;
  incidentId: number;
  severity: string;
  status: string;
  title: string;
  machineId: string | null;
  computerDnsName: string | null;
  [field: string]: unknown;
}

export interface Machine {
  id: string;
  computerDnsName: string;
  osPlatform?: string;
  healthStatus?: string;
  riskScore?: string;
  lastIpAddress?: string;
  machineTags?: string[];
  [field: string]: unknown;
}

export type MachineActionType =
  | 'Isolate'
  | 'Unisolate'
  | 'RunAntiVirusScan'
  | 'CollectInvestigationPackage'
  | 'RestrictCodeExecution'
  | 'UnrestrictCodeExecution'
  | 'StopAndQuarantineFile';

export type MachineActionStatus = 'Pending' | 'InProgress' | 'Succeeded' | 'Failed' | 'TimeOut' | 'Cancelled';

export interface MachineAction {
  id: string;
  type: MachineActionType;
  scope: string | null;
  requestor: string;
  requestorComment: string;
  status: MachineActionStatus;
  machineId: string;
  computerDnsName: string;
  creationDateTimeUtc: string;
  lastUpdateDateTimeUtc: string;
  [field: string]: unknown;
}

/** A request for a machine action; `comment` is what the device timeline and the audit show. */
export type MachineActionRequest =
  | { type: 'Isolate'; comment: string; isolationType?: 'Full' | 'Selective' }
  | { type: 'Unisolate'; comment: string }
  | { type: 'RunAntiVirusScan'; comment: string; scanType?: 'Quick' | 'Full' }
  | { type: 'CollectInvestigationPackage'; comment: string }
  | { type: 'RestrictCodeExecution'; comment: string }
  | { type: 'UnrestrictCodeExecution'; comment: string }
  | { type: 'StopAndQuarantineFile'; comment: string; sha1: string };

export type IndicatorType = 'FileSha1' | 'FileSha256' | 'FileMd5' | 'CertificateThumbprint' | 'IpAddress' | 'DomainName' | 'Url';
export type IndicatorAction = 'Allowed' | 'Audit' | 'Warn' | 'Block' | 'BlockAndRemediate' | 'AlertAndBlock' | 'Alert';

export interface IndicatorRequest {
  indicatorValue: string;
  indicatorType: IndicatorType;
  action: IndicatorAction;
  title: string;
  description: string;
  severity?: 'Informational' | 'Low' | 'Medium' | 'High';
  expirationTime?: string;
  recommendedActions?: string;
  generateAlert?: boolean;
  rbacGroupNames?: string[];
}

export interface Indicator extends IndicatorRequest {
  id: string;
  createdBy: string;
  creationTimeDateTimeUtc: string;
  [field: string]: unknown;
}

export interface FileInfo {
  sha1: string | null;
  sha256: string | null;
  globalPrevalence: number;
  determinationType: string;
  [field: string]: unknown;
}

export interface GraphUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  mail: string | null;
  accountEnabled: boolean;
  [field: string]: unknown;
}

export interface RiskyUser {
  id: string;
  userPrincipalName: string;
  riskLevel: string;
  riskState: string;
  riskDetail: string;
  [field: string]: unknown;
}

export interface MailMessage {
  subject: string;
  /** HTML or plain text, per `contentType`. */
  body: string;
  contentType?: 'HTML' | 'Text';
  to: string[];
  cc?: string[];
}

export interface SecurityIncident {
  id: string;
  displayName: string;
  status: string;
  severity: string;
  classification: string;
  determination: string;
  alerts?: Array<Record<string, unknown>>;
  [field: string]: unknown;
}

/** VirusTotal's `last_analysis_stats`. */
export interface AnalysisStats {
  malicious: number;
  suspicious: number;
  undetected: number;
  harmless: number;
  timeout: number;
  [engineOutcome: string]: number;
}

/** A VirusTotal verdict for one indicator of compromise. */
export interface Verdict {
  id: string;
  type: 'file' | 'ip_address' | 'url' | 'domain';
  stats: AnalysisStats;
  reputation?: number;
  attributes: Record<string, unknown>;
}
