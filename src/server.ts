import restify, { type Server } from 'restify';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Logger } from './logger';
import { AppError } from './errors';

/** What GET /healthz reports. */
export interface HealthReport {
  status: 'ok' | 'degraded';
  [section: string]: unknown;
}

export interface ServerDeps {
  adapter: TeamsAdapter;
  /** Runs one Bot Framework turn (the teams-ai Application's `run`). */
  bot: (context: TurnContext) => Promise<unknown>;
  logger: Logger;
  health: () => Promise<HealthReport>;
  /** Further routes from features (incident webhook, downloads); registered after the core ones. */
  routes?: ((server: Server) => void)[];
}

export interface RunningServer {
  port: number;
  url: string;
  server: Server;
  stop(): Promise<void>;
}

/** Builds the restify server: POST /api/messages, GET /healthz, plus feature routes. */
export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: 'rampart', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 4 * 1024 * 1024 }));

  server.post('/api/messages', async (req, res) => {
    const body = req.body as { type?: unknown } | undefined;
    if (!body || typeof body !== 'object' || typeof body.type !== 'string') {
      // A malformed activity gets a clear 400 instead of an exception deep in the adapter.
      res.send(400, { error: { code: 'BadActivity', message: 'The request body must be a Bot Framework activity (JSON with a "type").' } });
      return;
    }
    await deps.adapter.process(req, res, async (context) => {
      await deps.bot(context);
    });
  });

  server.get('/healthz', async (_req, res) => {
    const report = await deps.health();
    res.send(report.status === 'ok' ? 200 : 503, report);
  });

  for (const register of deps.routes ?? []) register(server);

  server.on('restifyError', (req, _res, err, callback) => {
    const status = err instanceof AppError ? err.httpStatus : (err as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) deps.logger.error({ err, path: req.path() }, 'request failed');
    return callback();
  });
  return server;
}

/** Starts the server on `port` (0 = any free port); resolves once it listens. */
export async function startServer(deps: ServerDeps, port: number, host = '0.0.0.0'): Promise<RunningServer> {
  const server = createServer(deps);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    port: actualPort,
    url: `http://localhost:${actualPort}`,
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive sockets (the Playground's) would otherwise hold close() open.
        (server.server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
