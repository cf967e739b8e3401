/**
 * The incident as Rampart keeps it, and the store port that keeps it. This folder holds only
 * types shared by the incident pipeline (src/incidents) and the SQL that stores them
 * (src/storage): it imports nothing but itself, so storage never reaches into the pipeline
 * (docs/ARCHITECTURE.md, "The dependency rule").
 */

/** An entity of an alert (file, IP, URL, user, mailbox, device...), as Defender XDR names it. */
export interface IncidentEntity {
  entityType: string;
  sha1?: string | null;
  sha256?: string | null;
  fileName?: string | null;
  ipAddress?: string | null;
  url?: string | null;
  domainName?: string | null;
  accountName?: string | null;
  aadUserId?: string | null;
  userPrincipalName?: string | null;
  deviceId?: string | null;
  [key: string]: unknown;
}

export interface IncidentDevice {
  mdatpDeviceId?: string | null;
  deviceDnsName?: string | null;
  osPlatform?: string | null;
  healthStatus?: string | null;
  riskScore?: string | null;
  [key: string]: unknown;
}

export interface IncidentAlert {
  alertId: string;
  title?: string | null;
  severity?: string | null;
  status?: string | null;
  serviceSource?: string | null;
  detectionSource?: string | null;
  category?: string | null;
  devices?: IncidentDevice[];
  entities?: IncidentEntity[];
  [key: string]: unknown;
}

/**
 * The internal incident: the Defender XDR incident shape (as `GET /api/incidents/{id}`
 * returns it), trimmed to what Rampart reads. Sentinel payloads are mapped onto it.
 */
export interface SecurityIncident {
  incidentId: string;
  incidentName: string;
  severity: string;
  status: string;
  classification?: string | null;
  determination?: string | null;
  assignedTo?: string | null;
  createdTime?: string | null;
  lastUpdateTime: string;
  tags?: string[];
  alerts: IncidentAlert[];
  /** Where it came from: defender (poller / XDR webhook) or sentinel. */
  source?: 'defender' | 'sentinel';
  /** The portal link when the source gave one (Sentinel incidentUrl). */
  incidentUrl?: string | null;
  [key: string]: unknown;
}

/**
 * Where a thread lives, as the Teams layer stored it (a Bot Framework conversation reference);
 * opaque to the incident pipeline, which only keeps it and hands it back.
 */
export interface ThreadReference {
  conversation?: { id?: string; tenantId?: string };
  [key: string]: unknown;
}

/** Where an incident's Teams thread lives, once its notification is delivered. */
export interface IncidentThread {
  incidentId: string;
  channelId: string;
  conversationId?: string;
  rootActivityId?: string;
  reference?: ThreadReference;
}

/** What storing an incident update changed. */
export interface StoredIncident {
  incident: SecurityIncident;
  /** False when this (incidentId, lastUpdateTime) was already seen: nothing else happens. */
  fresh: boolean;
  /** True the first time the incident is seen at all. */
  isNew: boolean;
  previous?: SecurityIncident;
}

/** A new incident whose notification still waits for the channel (what a burst digest lists). */
export interface WaitingIncident {
  incidentId: string;
  title: string;
  severity: string;
  priority: number;
}

/** Incidents, their dedupe keys, threads and the poller's cursor (storage/incidentStore.ts). */
export interface IncidentStore {
  /**
   * Stores an incident update, deduplicated by incident id + lastUpdateTime (two instances
   * receiving the same update store it once). An older update arriving late is recorded as
   * seen but does not overwrite the newer state.
   */
  record(incident: SecurityIncident, source: string): Promise<StoredIncident>;
  get(incidentId: string): Promise<SecurityIncident | undefined>;
  /** Overwrites the stored copy (after Rampart itself changed the incident, e.g. assigned it). */
  replace(incident: SecurityIncident): Promise<void>;
  /** New incidents whose notification is still waiting for the channel. */
  waitingForThreads(): Promise<WaitingIncident[]>;
  count(): Promise<number>;
  thread(incidentId: string): Promise<IncidentThread | undefined>;
  /** The incident whose thread is this conversation (card actions arrive in the thread). */
  incidentForConversation(conversationId: string): Promise<string | undefined>;
  saveThread(thread: IncidentThread): Promise<void>;
  cursor(name: string): Promise<string | undefined>;
  saveCursor(name: string, cursor: string): Promise<void>;
}
