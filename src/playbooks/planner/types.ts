import type { PlaybookSpec } from '../spec';

/** One phrase of the request and what Rampart took it to mean. */
export interface Understood {
  phrase: string;
  meaning: string;
}

/** A plan Rampart can generate a playbook from. */
export interface PlanAccepted {
  ok: true;
  spec: PlaybookSpec;
  understood: Understood[];
  /** Clauses of the request that no rule matched; never silently dropped. */
  notUnderstood: string[];
  /** Domain facts the planner applied (e.g. critical -> High). */
  facts: string[];
  assumptions: string[];
  planner: string;
}

/** Nothing actionable: the reason, the clauses not understood, and what Rampart can automate. */
export interface PlanRefused {
  ok: false;
  reason: string;
  notUnderstood: string[];
  understood: Understood[];
  facts: string[];
  supported: string;
  planner: string;
}

export type PlanResult = PlanAccepted | PlanRefused;

/** Extra context a planner may use (e.g. the requester, defaults from the bot's config). */
export interface PlanContext {
  defaultMailTo?: string[];
}

/** Request -> spec. The offline rule-based planner is the default; an LLM planner implements the same. */
export interface Planner {
  name: string;
  plan(request: string, ctx?: PlanContext): Promise<PlanResult>;
}

/** What Rampart can automate, for refusals and help text. */
export const SUPPORTED_AUTOMATIONS =
  'Rampart can automate, for Microsoft Defender XDR incidents and alerts (filtered by severity, source such as ' +
  'Defender for Endpoint / Office 365 / Identity Protection, category or title words, status): isolate or release ' +
  'devices (full or selective), run an antivirus scan, collect an investigation package, restrict app execution, ' +
  'stop and quarantine a file, block file hashes / IPs / URLs / domains as Defender indicators, check IOCs on ' +
  'VirusTotal (with engine thresholds), assign / tag / comment on / change the status of / close an incident, ' +
  'disable a user, revoke sessions, reset a password, confirm a user compromised or dismiss their risk, send an ' +
  'email and post to a Teams channel.';
