import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** Where recorded model answers live. */
export const FIXTURES = path.resolve(__dirname, '../fixtures/llm');

/** One recorded HTTP answer of the model endpoint. */
export interface RecordedReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
}

/** A chat-completions request the stub received. */
export interface ReceivedCall {
  path: string;
  scenario: string;
  authorization?: string;
  apiKey?: string;
  body: { model?: string; messages: { role: string; content: string | null }[]; tools?: { function: { name: string } }[]; tool_choice?: unknown };
}

export interface OpenAIStub {
  /** Base URL for OPENAI_BASE_URL (http) or AZURE_OPENAI_ENDPOINT (https). */
  url: string;
  calls: ReceivedCall[];
  stop(): Promise<void>;
}

/** The recorded replies for a scenario (test/fixtures/llm/scenarios/<name>.json). */
export function loadScenario(name: string): RecordedReply[] {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, 'scenarios', `${name}.json`), 'utf8')) as RecordedReply[];
}

/** Recorded answers for the dev corpus, keyed by the request text (test/fixtures/llm/dev/*.json). */
export function loadDevReplies(): Map<string, RecordedReply> {
  const dir = path.join(FIXTURES, 'dev');
  const byRequest = new Map<string, RecordedReply>();
  if (!fs.existsSync(dir)) return byRequest;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const recorded = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { request: string; reply: RecordedReply };
    byRequest.set(recorded.request, recorded.reply);
  }
  return byRequest;
}

/** The analyst's request inside the last user message (between <analyst-request> tags). */
export function requestOf(call: ReceivedCall): string {
  const user = [...call.body.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const m = /<analyst-request>\n([\s\S]*?)\n<\/analyst-request>/.exec(user);
  return (m?.[1] ?? '').replace(/\\u003c/g, '<').replace(/\\u003e/g, '>');
}

/**
 * An OpenAI-compatible endpoint on loopback replaying recorded answers. The model name (or the
 * Azure deployment) picks the scenario; the Nth call of a scenario gets its Nth reply. The
 * scenario "replay" answers dev-corpus requests from their recordings.
 */
export async function startOpenAIStub(options: { tls?: { certPem: string; keyPem: string } } = {}): Promise<OpenAIStub> {
  const calls: ReceivedCall[] = [];
  const served = new Map<string, number>();
  const dev = loadDevReplies();
  const timers = new Set<NodeJS.Timeout>();

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = (req.url ?? '').split('?')[0];
      const azure = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/.exec(url);
      if (req.method !== 'POST' || !(azure || /^(\/v1)?\/chat\/completions$/.test(url))) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `no route ${req.method} ${url}` } }));
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReceivedCall['body'];
      const scenario = azure ? decodeURIComponent(azure[1]) : (body.model ?? '');
      const call: ReceivedCall = {
        path: url,
        scenario,
        body,
        authorization: req.headers.authorization,
        apiKey: typeof req.headers['api-key'] === 'string' ? req.headers['api-key'] : undefined,
      };
      calls.push(call);
      let reply: RecordedReply | undefined;
      if (scenario === 'replay') {
        reply = dev.get(requestOf(call));
      } else {
        const n = served.get(scenario) ?? 0;
        served.set(scenario, n + 1);
        try {
          const replies = loadScenario(scenario);
          reply = replies[Math.min(n, replies.length - 1)];
        } catch {
          reply = undefined;
        }
      }
      reply ??= { status: 404, body: { error: { message: `no recording for scenario "${scenario}"`, type: 'invalid_request_error' } } };
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(reply.status, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
        res.end(JSON.stringify(reply.body));
      };
      if (reply.delayMs) {
        const t = setTimeout(() => {
          timers.delete(t);
          send();
        }, reply.delayMs);
        timers.add(t);
      } else send();
    });
  };

  const server = options.tls ? https.createServer({ cert: options.tls.certPem, key: options.tls.keyPem }, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    calls,
    stop: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
