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

/** A word of the request Rampart did not read, with its position (0-based, in words, in the normalized request). */
export interface UnreadWord {
  word: string;
  position: number;
}

/** A reading Rampart can offer for words it did not read: a button label and the answer it sends. */
export interface Reading {
  label: string;
  answer: string;
}

/**
 * Rampart needs one answer before it can plan safely: a destructive step is governed by words it
 * did not read (or the LLM planner asks). The answer continues the same draft: `base` is the
 * request with the unread words taken out, planned again together with the answer.
 */
export interface PlanQuestion extends PlanRefused {
  question: string;
  /** Words not read, in request order (empty for the LLM planner's own questions). */
  unread?: UnreadWord[];
  /** Readings offered as buttons. */
  readings?: Reading[];
  /** The request without the unread words: what an answer is planned together with. */
  base?: string;
}

export type PlanResult = PlanAccepted | PlanRefused | PlanQuestion;

/** True when the result is a clarifying question for the analyst. */
export function isQuestion(result: PlanResult): result is PlanQuestion {
  return !result.ok && typeof (result as Partial<PlanQuestion>).question === 'string';
}

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
  'Defender for Endpoint / Office 365 / Identity Protection, category or title words, status, MITRE technique, ' +
  'threat family, file path, mail delivery, IOC value, tags, owner, device kind / OS / group / tag / risk, user name patterns): isolate or release ' +
  'devices (full or selective), run an antivirus scan, collect an investigation package, restrict app execution, ' +
  'stop and quarantine a file, block file hashes / IPs / URLs / domains as Defender indicators, check IOCs on ' +
  'VirusTotal (with engine thresholds), assign / tag / comment on / change the status of / close an incident, ' +
  'disable a user, revoke sessions, reset a password, confirm a user compromised or dismiss their risk, send an ' +
  'email and post to a Teams channel.';
