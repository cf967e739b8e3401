import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startOpenAIStub, type OpenAIStub } from './openaiStub';

/**
 * One model endpoint for a whole conversation: the Nth chat-completions call is answered by the
 * recorded scenario script[N] of the OpenAI-compatible stub (the last one repeats). The bot keeps
 * one OPENAI_MODEL; this front rewrites the model name per call and forwards over real HTTP.
 */
export interface ScriptedModel {
  /** OPENAI_BASE_URL for the bot. */
  url: string;
  /** The stub behind it: every call it received, with the messages the bot sent. */
  stub: OpenAIStub;
  /** The scenarios served so far, in order. */
  served: string[];
  /** Replaces the remaining script (the next call gets script[0]). */
  next(script: string[]): void;
  /** Stops the front and the stub: the endpoint is then down (connection refused). */
  stop(): Promise<void>;
}

/** Starts the stub and a front that plays `script` against it. */
export async function startScriptedModel(script: string[]): Promise<ScriptedModel> {
  const stub = await startOpenAIStub();
  let queue = [...script];
  let last = queue[0] ?? 'valid';
  const served: string[] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const scenario = queue.shift() ?? last;
      last = scenario;
      served.push(scenario);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      const payload = JSON.stringify({ ...body, model: scenario });
      const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) };
      if (req.headers.authorization) headers.authorization = req.headers.authorization;
      const forward = http.request(`${stub.url}${req.url ?? ''}`, { method: req.method, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', (err) => {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: err.message } }));
      });
      forward.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let stopped = false;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    stub,
    served,
    next(more) {
      queue = [...more];
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stub.stop();
    },
  };
}
