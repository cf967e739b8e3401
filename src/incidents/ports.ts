import type { AdaptiveCard } from '../cards/types';
import type { DeferredRequest } from '../records/approval';
import type { ThreadReference } from '../records/incident';

export type { DeferredRequest, ThreadReference };

/**
 * What the incident pipeline needs from the outside world, as narrow interfaces so the
 * pipeline can be tested against the simulator and wired to the typed clients.
 */

/** A Defender for Endpoint machine action (the subset Rampart reads). */
export interface MachineActionInfo {
  id: string;
  type: string;
  status: string;
  machineId?: string;
  computerDnsName?: string | null;
  requestor?: string | null;
  requestorComment?: string | null;
  creationDateTimeUtc?: string;
  lastUpdateDateTimeUtc?: string;
}

/** A Defender for Endpoint machine (the subset the approval card shows). */
export interface MachineInfo {
  id: string;
  computerDnsName?: string | null;
  osPlatform?: string | null;
  lastSeen?: string | null;
  riskScore?: string | null;
  healthStatus?: string | null;
  /** Whether the last isolate/unisolate left the device isolated, when known. */
  isolated?: boolean;
}

/** An answer from the API: the status and the parsed body. */
export interface ApiAnswer {
  status: number;
  body: unknown;
  /** Seconds from Retry-After on 429/503. */
  retryAfterSeconds?: number;
}

/** The Defender XDR / Graph calls the pipeline makes. */
export interface DefenderGateway {
  /** One page of incidents updated at or after `since` (ISO), `$top` <= 100. */
  listIncidents(since: string, top: number, skip: number): Promise<ApiAnswer>;
  getIncident(incidentId: string): Promise<ApiAnswer>;
  /** PATCH /api/incidents/{id} (status, assignedTo, classification, comment). */
  updateIncident(incidentId: string, patch: Record<string, unknown>): Promise<ApiAnswer>;
  getMachine(machineId: string): Promise<MachineInfo | undefined>;
  getMachineAction(actionId: string): Promise<MachineActionInfo | undefined>;
  /** The machine's recent actions, newest first (reconciling after a crash). */
  listMachineActions(machineId: string): Promise<MachineActionInfo[]>;
  /** Sends a deferred write call (Defender or Graph). */
  send(request: DeferredRequest): Promise<ApiAnswer>;
  /** A read-only GET (reconciling before a resend: indicators by value, a user's current state). */
  read(api: 'defender' | 'graph', path: string, query?: Record<string, string>): Promise<ApiAnswer>;
}

/** A message for an incident thread: an Adaptive Card, plain text, or both. */
export interface ThreadMessage {
  card?: AdaptiveCard;
  text?: string;
}

/** Where a new thread went. */
export interface StartedThread {
  channelId: string;
  conversationId: string;
  rootActivityId?: string;
  reference: ThreadReference;
}

/**
 * Posting into the SOC channel: the port the bot layer fills (botbuilder's connector). Every
 * failure throws; throttling and outages as a RetryLater the outbox retries.
 */
export interface TeamsSender {
  /** Posts a new thread in the SOC channel. */
  startThread(message: ThreadMessage): Promise<StartedThread>;
  /**
   * Looks in the SOC channel for a thread Rampart itself started on or after `since` whose card
   * carries `marker` (a send whose answer was lost). "unavailable" when Rampart cannot read the
   * channel (no Graph credential, or the app lacks the permission): the caller cannot tell.
   */
  findThread(marker: string, since: Date): Promise<StartedThread | undefined | 'unavailable'>;
  /** Replies in a thread; returns the new message's id. */
  reply(reference: ThreadReference, message: ThreadMessage): Promise<string>;
  /** Replaces a posted message in place. */
  update(reference: ThreadReference, activityId: string, message: ThreadMessage): Promise<void>;
}
