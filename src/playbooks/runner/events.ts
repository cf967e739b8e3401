import { z } from 'zod';
import { ACTION_NAMES, type ActionName } from '../spec';

/**
 * The playbook event protocol: one JSON object per stdout line. Shared by codegen (which
 * prints them), the runner (which parses them) and the Teams layer (which renders them).
 */

/** Action names exactly as the simulator's /_sim/calls spells them; the list lives in the spec. */
export { ACTION_NAMES, type ActionName };

export type ActionStatus = 'succeeded' | 'failed' | 'dry-run' | 'deferred' | 'skipped';

/** `{"event":"step"}`: progress. */
export interface StepEvent {
  event: 'step';
  step: string;
  message: string;
}

/** `{"event":"condition"}`: one decision and why, so a card can say why nothing was done. */
export interface ConditionEvent {
  event: 'condition';
  name: string;
  result: boolean;
  reason: string;
}

/** The HTTP call behind an action; for a deferred action, exactly what to send once approved. */
export interface ActionRequest {
  api: 'defender' | 'graph' | 'teams' | string;
  method: string;
  path: string;
  body?: unknown;
}

/** `{"event":"action"}`: one side effect, sent, dry-run, deferred for approval, skipped or failed. */
export interface ActionEvent {
  event: 'action';
  /** One of ACTION_NAMES for generated playbooks; any string from hand-written ones. */
  action: ActionName | string;
  target: Record<string, unknown>;
  destructive: boolean;
  dryRun: boolean;
  status: ActionStatus;
  request?: ActionRequest;
  evidence?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: string;
}

/** `{"event":"done"}`: the last line of a run. */
export interface DoneEvent {
  event: 'done';
  status: 'completed' | 'failed';
  actions: number;
  summary: string;
}

/** A line that is not a protocol event (stray print, garbage, or a stderr line), kept as text. */
export interface LogEvent {
  event: 'log';
  stream: 'stdout' | 'stderr';
  line: string;
}

/** Everything a run reports, in order. */
export type PlaybookEvent = StepEvent | ConditionEvent | ActionEvent | DoneEvent | LogEvent;

const record = z.record(z.unknown());

const stepSchema = z.object({ event: z.literal('step'), step: z.string(), message: z.string().default('') });
const conditionSchema = z.object({
  event: z.literal('condition'),
  name: z.string(),
  result: z.boolean(),
  reason: z.string().default(''),
});
const actionSchema = z.object({
  event: z.literal('action'),
  action: z.string().min(1),
  target: record.default({}),
  destructive: z.boolean().default(false),
  dryRun: z.boolean().default(false),
  status: z.enum(['succeeded', 'failed', 'dry-run', 'deferred', 'skipped']),
  request: z
    .object({ api: z.string(), method: z.string(), path: z.string(), body: z.unknown().optional() })
    .optional(),
  evidence: record.optional(),
  result: record.optional(),
  error: z.string().optional(),
});
const doneSchema = z.object({
  event: z.literal('done'),
  status: z.enum(['completed', 'failed']),
  actions: z.number().int().nonnegative().default(0),
  summary: z.string().default(''),
});
const eventSchema = z.discriminatedUnion('event', [stepSchema, conditionSchema, actionSchema, doneSchema]);

/**
 * Parses one stdout line: a valid protocol event, else a log line. Never throws, so a stray
 * print or a half-written line cannot crash a run.
 */
export function parseEventLine(line: string): PlaybookEvent {
  const text = line.replace(/\r$/, '');
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const parsed = eventSchema.safeParse(JSON.parse(trimmed));
      if (parsed.success) return parsed.data;
    } catch {
      // Not JSON: kept as text below.
    }
  }
  return { event: 'log', stream: 'stdout', line: text };
}
