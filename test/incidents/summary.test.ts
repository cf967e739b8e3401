import assert from 'node:assert/strict';
import fs from 'node:fs';
import { parseConfig } from '../../src/config';
import { createIncidentSummarizer } from '../../src/bot/llm';
import { parseIncidentPayload } from '../../src/incidents';
import type { SecurityIncident } from '../../src/incidents/model';
import { FIELD_SUMMARY_SOURCE, IncidentSummaries, fieldSummary } from '../../src/incidents/summary';
import { notificationMessage } from '../../src/incidents/threadCards';
import { SAMPLE_INCIDENTS, incidentFile } from '../fixtures/corpus';
import { startOpenAIStub, type OpenAIStub } from '../llm/openaiStub';
import { defenderIncident } from './helpers';

function incident(raw: Record<string, unknown>): SecurityIncident {
  return parseIncidentPayload(raw);
}

function sentences(text: string): number {
  return text.match(/[.!?](\s|$)/g)?.length ?? 0;
}

function cardText(i: SecurityIncident, summary: { text: string; source: string }): string {
  return JSON.stringify(notificationMessage({ incident: i, approvals: [], verdicts: new Map(), playbooks: [], portalUrl: 'https://security.microsoft.com', summary }).card);
}

describe('incident summary on the notification card', () => {
  it('when no model is configured, then two sentences are built from the fields: severity, id, title, alert sources, device, status, owner and verdicts', () => {
    const i = incident(defenderIncident(41001, { device: 'ws-fin-042', title: 'Ransomware activity on ws-fin-042' }));
    const iocs = i.alerts.flatMap((a) => a.entities ?? []).map((e) => e.sha256 ?? e.sha1 ?? e.ipAddress ?? e.url).filter((v): v is string => Boolean(v));
    const text = fieldSummary(i, new Map(iocs.map((v) => [v, 'malicious on VirusTotal (52/70 engines)'])));
    assert.equal(sentences(text), 2, text);
    assert.match(text, /^High severity incident 41001, "Ransomware activity on ws-fin-042", has 1 alert from Defender for Endpoint\./);
    assert.match(text, /It involves device ws-fin-042/);
    assert.match(text, /it is active and unassigned/);
    if (iocs.length > 0) assert.match(text, /malicious on VirusTotal\.$/);
  });

  it('when every built-in sample incident is summarised from its fields, then each summary is exactly two sentences and differs by incident', () => {
    const seen = new Set<string>();
    for (const name of SAMPLE_INCIDENTS) {
      const raw = JSON.parse(fs.readFileSync(incidentFile(name), 'utf8')) as Record<string, unknown>;
      const i = incident(raw);
      const text = fieldSummary(i);
      assert.equal(sentences(text), 2, `${name}: ${text}`);
      assert.ok(!seen.has(text), `${name} has the same summary as another sample`);
      seen.add(text);
    }
    assert.ok(seen.size >= 2);
  });

  it('when the title carries markdown, a mention or a link-like string, then the field summary shows it as plain words', () => {
    const i = incident(defenderIncident(7, { title: '**Click** <at>everyone</at> [here](https://evil.example)' }));
    const text = fieldSummary(i);
    assert.doesNotMatch(text, /\*\*|<at>|\]\(/);
    assert.equal(sentences(text), 2, text);
  });

  it('when the card is drawn with a summary, then it sits under a "Summary" heading with where it came from', () => {
    const i = incident(defenderIncident(41002));
    const text = cardText(i, { text: fieldSummary(i), source: FIELD_SUMMARY_SOURCE });
    assert.match(text, /"text":"Summary"/);
    assert.ok(text.indexOf('"text":"Summary"') < text.indexOf(JSON.stringify(fieldSummary(i)).slice(1, 40)));
    assert.match(text, /written from the incident fields/);
  });

  describe('with a model (OpenAI-compatible stub over HTTP)', () => {
    let stub: OpenAIStub;
    beforeEach(async () => {
      stub = await startOpenAIStub();
    });
    afterEach(async () => {
      await stub.stop();
    });

    it('when the model answers, then the card shows its two plain sentences, names the model, and a refreshed card does not ask again', async () => {
      const writer = createIncidentSummarizer(parseConfig({ OPENAI_BASE_URL: stub.url, OPENAI_MODEL: 'summary' }));
      const summaries = new IncidentSummaries({ writer });
      const i = incident(defenderIncident(41003));
      const first = await summaries.summaryOf(i, new Map());
      assert.equal(sentences(first.text), 2);
      assert.match(first.text, /^Mimikatz was detected on ws-fin-042/);
      assert.doesNotMatch(first.text, /https?:|\*\*/);
      assert.equal(first.source, 'written by openai-compatible:summary from the incident data');
      const again = await summaries.summaryOf(i, new Map());
      assert.deepEqual(again, first);
      assert.equal(stub.calls.length, 1, 'the same incident update is summarised once');
      // The incident travels as data: the instruction is Rampart's, the incident sits in a data block.
      const prompt = JSON.stringify(stub.calls[0].body.messages);
      assert.match(prompt, /incident-data/);
    });

    it('when the model is down, then the card falls back to the field summary', async () => {
      const writer = createIncidentSummarizer(parseConfig({ OPENAI_BASE_URL: stub.url, OPENAI_MODEL: 'server-error' }));
      const i = incident(defenderIncident(41004));
      const summary = await new IncidentSummaries({ writer }).summaryOf(i, new Map());
      assert.equal(summary.source, FIELD_SUMMARY_SOURCE);
      assert.equal(summary.text, fieldSummary(i));
    });
  });
});
