import { context as otelContext, metrics, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Counter, type MeterProvider, type Span } from '@opentelemetry/api';
import type { Logger } from './logger';

/**
 * Traces and metrics through the OpenTelemetry API. Nothing is collected unless telemetry is
 * started (APPLICATIONINSIGHTS_CONNECTION_STRING: Azure Monitor / Application Insights through
 * @azure/monitor-opentelemetry) or a test registers its own providers: without them every call
 * here is the API's no-op.
 *
 * One incident is one trace: the webhook (or poller) span that brought it in is remembered by
 * incident id, and the work the durable outbox does for it later (notification, playbook run,
 * approval, the Defender call) is recorded as spans of that trace, even though it happens in
 * other requests. A restart starts a new trace for incidents already in flight.
 */

const TRACER = 'rampart';
const MAX_REMEMBERED = 10_000;
const incidentTraces = new Map<string, Context>();

let started = false;

/** Starts Azure Monitor (Application Insights) when a connection string is set; does nothing otherwise. */
export function startTelemetry(connectionString: string | undefined, logger: Logger): boolean {
  if (!connectionString || started) return started;
  // Loaded only when configured: the distro registers global providers and instrumentations.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional at run time
  const { useAzureMonitor } = require('@azure/monitor-opentelemetry') as typeof import('@azure/monitor-opentelemetry');
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    // Rampart's own spans carry the story; HTTP instrumentation adds the Teams, Defender and Graph calls.
    instrumentationOptions: { http: { enabled: true }, azureSdk: { enabled: true }, mongoDb: { enabled: false }, mySql: { enabled: false }, postgreSql: { enabled: false }, redis: { enabled: false }, redis4: { enabled: false } },
  });
  started = true;
  logger.info('telemetry: traces and metrics go to Application Insights');
  return true;
}

/** Flushes and stops Azure Monitor (on shutdown). */
export async function stopTelemetry(): Promise<void> {
  if (!started) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when started
  const { shutdownAzureMonitor } = require('@azure/monitor-opentelemetry') as typeof import('@azure/monitor-opentelemetry');
  await shutdownAzureMonitor();
  started = false;
}

function parentFor(incidentId: string | undefined): Context {
  const remembered = incidentId ? incidentTraces.get(incidentId) : undefined;
  return remembered ?? otelContext.active();
}

/** Remembers the span that brought an incident in as its trace (the first one wins). */
export function rememberIncidentTrace(incidentId: string, span: Span): void {
  if (incidentTraces.has(incidentId) || !span.isRecording()) return;
  if (incidentTraces.size >= MAX_REMEMBERED) incidentTraces.delete(incidentTraces.keys().next().value as string);
  incidentTraces.set(incidentId, trace.setSpan(ROOT_CONTEXT, span));
}

/** Forgets every remembered incident trace (tests). */
export function forgetIncidentTraces(): void {
  incidentTraces.clear();
}

export interface SpanOptions {
  /** Record the span in this incident's trace. */
  incidentId?: string;
  kind?: SpanKind;
  attributes?: Attributes;
  /** Start a new trace even inside another span (an incoming request). */
  root?: boolean;
}

/** Runs `fn` in a span; an exception ends it as an error (and counts a failure) before it is rethrown. */
export async function inSpan<T>(name: string, options: SpanOptions, fn: (span: Span) => Promise<T>): Promise<T> {
  const parent = options.root ? ROOT_CONTEXT : parentFor(options.incidentId);
  const span = trace.getTracer(TRACER).startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: { ...(options.incidentId ? { 'rampart.incident.id': options.incidentId } : {}), ...options.attributes } }, parent);
  try {
    return await otelContext.with(trace.setSpan(parent, span), () => fn(span));
  } catch (err) {
    span.recordException(err instanceof Error ? err : String(err));
    span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
    count('failures', { where: name });
    throw err;
  } finally {
    span.end();
  }
}

/** Marks a span failed without throwing (a refused Defender call, a failed action). */
export function failed(span: Span, message: string, where: string): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message });
  count('failures', { where });
}

const COUNTERS = {
  incidents: 'incidents received (webhook or poller), by source and whether new',
  approvals: 'approval decisions, by decision and action',
  actions: 'actions sent to Defender / Graph, by action and outcome',
  failures: 'failures: Defender refusals and errors, failed outbox work, by where',
} as const;

let meterProvider: MeterProvider | undefined;
const counters = new Map<string, Counter>();

/** Adds one to a Rampart counter (`rampart.incidents`, `rampart.approvals`, `rampart.actions`, `rampart.failures`). */
export function count(name: keyof typeof COUNTERS, attributes: Attributes = {}): void {
  // The metrics API does not proxy: instruments made before a provider is registered stay no-ops.
  const provider = metrics.getMeterProvider();
  if (provider !== meterProvider) {
    meterProvider = provider;
    counters.clear();
  }
  let counter = counters.get(name);
  if (!counter) {
    counter = metrics.getMeter(TRACER).createCounter(`rampart.${name}`, { description: COUNTERS[name] });
    counters.set(name, counter);
  }
  counter.add(1, attributes);
}

export { SpanKind };
