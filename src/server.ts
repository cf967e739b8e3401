import restify, { type Request, type Response, type Server } from 'restify';
import type { RampartAdapter } from './bot/adapter';
import type { Activity, TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { Logger } from './logger';
import { AppError } from './errors';
import { ChannelAuthError, ChannelTokenVerifier } from './bot/channelAuth';
import { readJsonBody, sendAppError } from './http/body';

/** What GET /healthz reports. */
export interface HealthReport {
  status: 'ok' | 'degraded';
  [section: string]: unknown;
}

export interface ServerDeps {
  adapter: RampartAdapter;
  /** Runs one Bot Framework turn (the teams-ai Application's `run`). */
  bot: (context: TurnContext) => Promise<unknown>;
  logger: Logger;
  health: () => Promise<HealthReport>;
  /** Verifies the channel token before the body is read; undefined only in explicit local mode. */
  channelAuth?: ChannelTokenVerifier;
  /** Further routes from features (incident webhook, downloads); registered after the core ones. */
  routes?: ((server: Server) => void)[];
}

export interface RunningServer {
  port: number;
  /** The address it is bound to (127.0.0.1 in local mode). */
  host: string;
  url: string;
  server: Server;
  stop(): Promise<void>;
}

/** Builds the restify server: POST /api/messages, GET /healthz, plus feature routes. */
export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: 'rampart', handleUncaughtExceptions: false });
  server.use(restify.plugins.queryParser({ mapParams: false }));
  // No global body parser: each POST route authenticates first, then reads its body with a cap
  // on the inflated size (restify's bodyParser counts compressed bytes and parses before auth).

  server.post('/api/messages', async (req, res) => {
    const refuse = (reason: string): void => {
      deps.logger.warn({ path: '/api/messages', reason }, 'refused an unauthenticated Bot Framework request');
      res.send(401, { error: { code: 'Unauthorized', message: 'A valid Bot Framework token is required.' } });
    };
    const authorization = req.header('authorization');
    let token: Awaited<ReturnType<ChannelTokenVerifier['verify']>> | undefined;
    if (deps.channelAuth) {
      try {
        token = await deps.channelAuth.verify(authorization);
      } catch (err) {
        return refuse(err instanceof ChannelAuthError ? err.message : 'token check failed');
      }
    }
    let json: unknown;
    try {
      ({ json } = await readJsonBody(req));
    } catch (err) {
      return sendAppError(res, err);
    }
    const body = json as { type?: unknown } | null;
    if (!body || typeof body !== 'object' || typeof body.type !== 'string') {
      // A malformed activity gets a clear 400 instead of an exception deep in the adapter.
      res.send(400, { error: { code: 'BadActivity', message: 'The request body must be a Bot Framework activity (JSON with a "type").' } });
      return;
    }
    if (token) {
      try {
        ChannelTokenVerifier.checkActivity(token, body as { channelId?: unknown; serviceUrl?: unknown });
      } catch (err) {
        return refuse((err as Error).message);
      }
    }
    try {
      const invoke = await deps.adapter.processAuthenticated(authorization ?? '', body as Activity, async (context) => {
        await deps.bot(context);
      });
      res.send(invoke?.status ?? 200, invoke?.body);
    } catch (err) {
      // botbuilder's own check (after ours) refusing is still a 401, without its stack or key dump.
      if (err instanceof AuthenticationError || (err as { statusCode?: number }).statusCode === 401) return refuse((err as Error).message);
      deps.logger.error({ err: (err as Error).message, activityType: body.type }, 'activity failed');
      res.send(500, { error: { code: 'TurnFailed', message: 'Rampart could not handle this activity; the error is logged.' } });
    }
  });

  server.get('/healthz', async (_req, res) => {
    const report = await deps.health();
    res.send(report.status === 'ok' ? 200 : 503, report);
  });

  for (const register of deps.routes ?? []) register(server);

  server.on('restifyError', (req: Request, _res: Response, err: unknown, callback: () => unknown) => {
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
    host: typeof address === 'object' && address ? address.address : host,
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
