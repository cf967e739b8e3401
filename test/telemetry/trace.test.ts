import assert from 'node:assert/strict';
import { metrics, trace } from '@opentelemetry/api';
import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startRampart, type RunningRampart } from '../../src/bootstrap';
import { ACTION_APPROVAL_VERBS } from '../../src/cards/actionApproval';
import { INCIDENT_VERBS } from '../../src/cards/incident';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import { startSimulator, type RunningSimulator } from '../../src/simulator';
import { forgetIncidentTraces, startTelemetry } from '../../src/telemetry';
import { MockConnector } from '../helpers/mockConnector';
import { call as simCall } from '../simulator/simHttp';
import { cardText, clickExecute, defenderIncident, deskSettings, installInChannel, postIncident, tempDir, waitUntil } from '../incidents/helpers';
import { ALEX, SAM, approvalIdIn } from '../helpers/people';

/**
 * OpenTelemetry: with providers registered (here in-memory exporters; Azure Monitor in
 * production), one incident is one trace from the webhook through the notification, the
 * approval and the Defender call, and the counters count incidents, approvals and actions.
 */


describe('telemetry', function () {
  this.timeout(60_000);

  it('when APPLICATIONINSIGHTS_CONNECTION_STRING is not set, then nothing starts and spans are not recorded', () => {
    assert.equal(startTelemetry(undefined, silentLogger()), false);
    const span = trace.getTracer('rampart').startSpan('x');
    assert.equal(span.isRecording(), false, 'the API is a no-op without a provider');
    span.end();
    assert.equal(parseConfig({ RAMPART_LOCAL: 'true' }).telemetry.connectionString, undefined);
    assert.throws(() => parseConfig({ RAMPART_LOCAL: 'true', APPLICATIONINSIGHTS_CONNECTION_STRING: 'not-a-connection-string' }), /InstrumentationKey=/);
  });

  describe('with in-memory exporters', () => {
    const spans = new InMemorySpanExporter();
    const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const reader = new PeriodicExportingMetricReader({ exporter: metricExporter, exportIntervalMillis: 3_600_000 });
    let sim: RunningSimulator;
    let connector: MockConnector;
    let rampart: RunningRampart;

    before(async () => {
      trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(spans)] }));
      metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
      sim = await startSimulator({ port: 0, actionDelaysMs: { toInProgress: 100, toSucceeded: 300 }, rateLimits: false });
      connector = await new MockConnector().start();
      rampart = await startRampart({ port: 0, config: parseConfig(deskSettings(sim.info, tempDir())), logger: silentLogger() });
      await installInChannel(rampart.url, connector);
    });
    after(async () => {
      await rampart?.stop();
      await connector?.stop();
      await sim?.stop();
      trace.disable();
      metrics.disable();
      forgetIncidentTraces();
    });

    it('when an incident arrives, is isolated from its card and approved, then one trace spans the webhook, the notification, the approval and the Defender call; counters count them', async () => {
      const machineId = 'f0'.repeat(20);
      const incident = defenderIncident(9501, { machineId });
      assert.ok((await simCall(sim.info, 'POST', '/_sim/incidents', { body: incident })).status < 300);
      assert.equal((await postIncident(rampart.url, incident)).status, 202);
      await waitUntil(async () => Boolean((await rampart.deps.incidents!.incidents.thread('9501'))?.conversationId), 10_000, 'the thread');
      const thread = (await rampart.deps.incidents!.incidents.thread('9501'))!.conversationId!;
      await clickExecute(rampart.url, connector, thread, INCIDENT_VERBS.isolate, { incidentId: '9501', machineId }, ALEX);
      const approvalCard = await connector.waitFor((c) => c.conversationId === thread && cardText(c).includes('Approval needed'));
      const approvalId = approvalIdIn(cardText(approvalCard))!;
      await clickExecute(rampart.url, connector, thread, ACTION_APPROVAL_VERBS.approve, { approvalId }, SAM);
      await waitUntil(async () => (await rampart.deps.incidents!.approvals.get(approvalId))?.status === 'succeeded', 30_000, 'the isolation');

      const all = spans.getFinishedSpans();
      const byName = (n: string | RegExp): ReadableSpan[] => all.filter((s) => (typeof n === 'string' ? s.name === n : n.test(s.name)));
      const webhook = byName('POST /api/incidents').find((s) => s.attributes['rampart.incident.id'] === '9501');
      assert.ok(webhook, `a webhook span; saw ${[...new Set(all.map((s) => s.name))].join(', ')}`);
      const traceId = webhook.spanContext().traceId;
      const inTrace = all.filter((s) => s.spanContext().traceId === traceId);
      const names = new Set(inTrace.map((s) => s.name));
      for (const name of ['POST /api/incidents', 'incident.ingest', 'teams.notification', 'approval.decide', 'action.execute', 'defender isolate']) {
        assert.ok(names.has(name), `the incident's trace has ${name}; it has ${[...names].join(', ')}`);
      }
      assert.equal(webhook.parentSpanContext, undefined, 'the webhook span is the root');
      const defenderCall = inTrace.find((s) => s.name === 'defender isolate')!;
      assert.ok(Number(defenderCall.attributes['http.response.status_code']) < 300, 'the isolate was accepted');
      assert.match(String(defenderCall.attributes['url.path']), new RegExp(`/api/machines/${machineId}/isolate`));
      const approval = inTrace.find((s) => s.name === 'approval.decide')!;
      assert.equal(approval.attributes['rampart.approval.outcome'], 'approved');
      // Another incident is another trace.
      assert.equal(all.filter((s) => s.name === 'teams.notification' && s.attributes['rampart.incident.id'] === '9501' && s.spanContext().traceId !== traceId).length, 0);

      await reader.forceFlush();
      const points = new Map<string, number>();
      for (const rm of metricExporter.getMetrics()) {
        for (const sm of rm.scopeMetrics) for (const m of sm.metrics) points.set(m.descriptor.name, m.dataPoints.reduce((n, p) => n + Number(p.value), 0));
      }
      assert.ok((points.get('rampart.incidents') ?? 0) >= 1, JSON.stringify([...points]));
      assert.ok((points.get('rampart.approvals') ?? 0) >= 1);
      assert.ok((points.get('rampart.actions') ?? 0) >= 1);
    });
  });
});
