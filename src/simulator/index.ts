import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { silentLogger, type Logger } from '../logger';
import { EntraId } from './auth';
import type { SimContext } from './context';
import { seedDemoTenant } from './demo';
import { RateLimiter, resolveRateLimits, type RateLimitSettings } from './limits';
import { SimulatorServer } from './server';
import { StateStore } from './state';
import { loadOrCreateTls } from './tls';

export type { RecordedCall } from './callLog';
export type { RateLimit, RateLimitSettings } from './limits';

/** How to reach a running simulator: the first stdout line of `rampart simulator`. */
export interface SimulatorInfo {
  url: string;
  caFile: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  vtApiKey: string;
  teamsWebhookUrl: string;
}

export interface SimulatorOptions {
  /** 0 (default) = any free port. */
  port?: number;
  /** Interface to listen on; 127.0.0.1 by default. */
  host?: string;
  /** Where state, CA and keys live across restarts; a temporary directory (and no persistence) when omitted. */
  stateDir?: string;
  /** Data for a new tenant (ignored when stateDir already holds one). */
  seed?: 'empty' | 'demo';
  /** Demo mode: a new incident every N seconds. */
  demoEverySeconds?: number;
  /** ms from Pending to InProgress and from InProgress to Succeeded; small in tests */
  actionDelaysMs?: { toInProgress: number; toSucceeded: number };
  /** false = off; true/omitted = the documented quotas; an object overrides some of them. */
  rateLimits?: boolean | RateLimitSettings;
  /** VirusTotal public-API quota (requests per minute, 4 for a free key); off when omitted. */
  virusTotalQuotaPerMinute?: number;
  logger?: Logger;
}

export interface RunningSimulator {
  info: SimulatorInfo;
  stop(): Promise<void>;
}

const DEFAULT_ACTION_DELAYS = { toInProgress: 5_000, toSucceeded: 20_000 };

/** Starts the Defender XDR / Graph / VirusTotal / Entra ID simulator on one HTTPS origin. */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const logger = opts.logger ?? silentLogger();
  const stateDir = opts.stateDir ? path.resolve(opts.stateDir) : undefined;
  const tlsDir = stateDir ? path.join(stateDir, 'tls') : fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-sim-'));
  const tls = loadOrCreateTls(tlsDir);
  const store = new StateStore(stateDir);
  if (!store.restored && opts.seed === 'demo') {
    seedDemoTenant(store.data);
    store.save();
  }

  let url = '';
  const ctx: SimContext = {
    store,
    entra: new EntraId(store.identity, () => store.data.apps, () => url),
    limiter: new RateLimiter(resolveRateLimits(opts.rateLimits)),
    logger,
    baseUrl: () => url,
    actionDelaysMs: opts.actionDelaysMs ?? DEFAULT_ACTION_DELAYS,
    virusTotalQuotaPerMinute: opts.virusTotalQuotaPerMinute,
  };
  const info = (): SimulatorInfo => ({
    url,
    caFile: path.join(tlsDir, 'ca.pem'),
    tenantId: store.identity.tenantId,
    clientId: store.identity.clientId,
    clientSecret: store.identity.clientSecret,
    vtApiKey: store.identity.vtApiKey,
    teamsWebhookUrl: `${url}/teams/webhook/soc`,
  });
  const sim = new SimulatorServer(ctx, () => ({ ...info() }));
  const server = https.createServer({ key: tls.keyPem, cert: `${tls.certPem}${tls.caPem}` }, sim.listener);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  url = `https://${urlHost}:${port}`;
  sim.setDemoMode(opts.demoEverySeconds);
  logger.info({ url, stateDir: stateDir ?? null, restored: store.restored, incidents: store.data.incidents.length }, 'simulator listening');

  let stopped = false;
  return {
    info: info(),
    async stop() {
      if (stopped) return;
      stopped = true;
      sim.close();
      store.save();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (!stateDir) fs.rmSync(tlsDir, { recursive: true, force: true });
      logger.info('simulator stopped');
    },
  };
}

/**
 * The settings of the generated-playbook contract (docs/ARCHITECTURE.md, "Contracts") that point a playbook, or Rampart itself, at this
 * simulator (DEFENDER_CA_FILE for Rampart, REQUESTS_CA_BUNDLE for Python).
 */
export function simulatorEnvironment(info: SimulatorInfo): Record<string, string> {
  return {
    TENANT_ID: info.tenantId,
    CLIENT_ID: info.clientId,
    CLIENT_SECRET: info.clientSecret,
    AZURE_AUTHORITY_HOST: info.url,
    DEFENDER_API_BASE: info.url,
    GRAPH_API_BASE: `${info.url}/graph`,
    VT_API_BASE: `${info.url}/vt`,
    VT_API_KEY: info.vtApiKey,
    TEAMS_WEBHOOK_URL: info.teamsWebhookUrl,
    DEFENDER_CA_FILE: info.caFile,
    REQUESTS_CA_BUNDLE: info.caFile,
  };
}
