import http from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import type { PlaybookConnection } from './index';

/** One host and port a playbook may connect to. */
export interface EgressRule {
  host: string;
  port: number;
  /** Why it is allowed (which setting it comes from), for the logs. */
  why: string;
}

/** A connection the egress proxy refused. */
export interface RefusedConnection {
  host: string;
  port: number;
  /** `CONNECT` for HTTPS tunnels, or the HTTP method of a plain HTTP request. */
  method: string;
}

/** What the sandbox did about a run's outbound traffic, reported in the run result. */
export interface EgressReport {
  /** True when the playbook ran in its own network namespace, the proxy its only way out. */
  enforced: boolean;
  /** `host:port` pairs the playbook was allowed to reach. */
  allowed: string[];
  /** Connections the proxy refused, in order (the first MAX_REPORTED_REFUSALS). */
  refused: RefusedConnection[];
  /** How many connections were refused in all. */
  refusedCount: number;
  /** Why egress was not enforced for this run. */
  note?: string;
}

/** Refusals listed and logged one by one for a run; past it they are only counted. */
export const MAX_REPORTED_REFUSALS = 50;

/** The URLs a playbook's connection names, before defaults: see allowedHosts. */
export type EgressEndpoints = Pick<PlaybookConnection, 'authorityHost' | 'defenderApiBase' | 'graphApiBase' | 'vtApiBase' | 'vtApiKey' | 'teamsWebhookUrl' | 'keyVaultUrl'>;

/** The public endpoints the generated runtime uses when a setting is unset (DEFAULTS in codegen/runtime/core.py). */
export const PUBLIC_ENDPOINTS = {
  authorityHost: 'https://login.microsoftonline.com',
  defenderApiBase: 'https://api.security.microsoft.com',
  graphApiBase: 'https://graph.microsoft.com',
  vtApiBase: 'https://www.virustotal.com',
} as const;

/** Azure's instance metadata service, where DefaultAzureCredential asks for a managed identity token. */
const IMDS = 'http://169.254.169.254';

/**
 * The hosts a playbook needs, from its connection settings: Entra ID sign-in, the Defender API
 * and Graph (configured or public), VirusTotal when a key or base is configured, the Teams
 * webhook, and Key Vault with its managed identity endpoint when KEY_VAULT_URL is handed over.
 */
export function allowedHosts(endpoints: EgressEndpoints, parentEnv: NodeJS.ProcessEnv = process.env): EgressRule[] {
  const rules: EgressRule[] = [];
  const add = (url: string | undefined, why: string) => {
    const rule = url ? ruleFor(url, why) : undefined;
    if (rule && !rules.some((r) => r.host === rule.host && r.port === rule.port)) rules.push(rule);
  };
  add(endpoints.authorityHost || PUBLIC_ENDPOINTS.authorityHost, 'AZURE_AUTHORITY_HOST');
  add(endpoints.defenderApiBase || PUBLIC_ENDPOINTS.defenderApiBase, 'DEFENDER_API_BASE');
  add(endpoints.graphApiBase || PUBLIC_ENDPOINTS.graphApiBase, 'GRAPH_API_BASE');
  if (endpoints.vtApiBase || endpoints.vtApiKey) add(endpoints.vtApiBase || PUBLIC_ENDPOINTS.vtApiBase, 'VT_API_BASE');
  add(endpoints.teamsWebhookUrl, 'TEAMS_WEBHOOK_URL');
  if (endpoints.keyVaultUrl) {
    add(endpoints.keyVaultUrl, 'KEY_VAULT_URL');
    add(parentEnv.IDENTITY_ENDPOINT ?? parentEnv.MSI_ENDPOINT ?? IMDS, 'managed identity endpoint');
  }
  return rules;
}

function ruleFor(url: string, why: string): EgressRule | undefined {
  try {
    const u = new URL(url);
    const port = u.port ? Number(u.port) : u.protocol === 'http:' ? 80 : 443;
    return { host: normalHost(u.hostname), port, why };
  } catch {
    return undefined;
  }
}

/** Lower case, no trailing dot, IPv6 without brackets: the form rules and requests are compared in. */
function normalHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '').replace(/^\[(.*)\]$/, '$1');
}

/** `host:port` of a CONNECT request line (`[::1]:443` for IPv6). */
function parseAuthority(authority: string): { host: string; port: number } | undefined {
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(authority.trim());
  if (!m) return undefined;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return undefined;
  return { host: normalHost(m[1]), port };
}

export interface EgressProxyOptions {
  /** Where to listen: a Unix socket path (the sandbox's only way out) or a TCP port on 127.0.0.1 when a number. */
  listen: string | number;
  allow: EgressRule[];
  /** Called once for each refused connection. */
  onRefused?: (refused: RefusedConnection) => void;
  /** How long to wait for an allowed host to accept a connection. Default 30 s. */
  connectTimeoutMs?: number;
  /** Connections open at once; past it new ones are dropped. Default 64. */
  maxConnections?: number;
}

export interface EgressProxy {
  /** The socket path, or `127.0.0.1:<port>`. */
  address: string;
  /** Refused connections (the first MAX_REPORTED_REFUSALS). */
  refused: RefusedConnection[];
  /** Refused connections in all. */
  readonly refusedCount: number;
  /** Stops listening and cuts every open tunnel. */
  close(): Promise<void>;
}

/**
 * A short plain-text answer. writeHead() and end() are separate calls: restify, loaded in
 * Rampart's process, patches ServerResponse so that writeHead() no longer returns the response.
 */
function answer(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain', connection: 'close' });
  res.end(`${text}\n`);
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authorization', 'proxy-authenticate', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/**
 * An HTTP proxy that lets through only the allowed hosts: CONNECT tunnels (HTTPS, TLS end to
 * end between the playbook and the API, so certificate checks are the playbook's own) and plain
 * HTTP requests in absolute form. Everything else is answered 403 and recorded.
 */
export async function startEgressProxy(opts: EgressProxyOptions): Promise<EgressProxy> {
  const refused: RefusedConnection[] = [];
  const open = new Set<Duplex>();
  const track = (s: Duplex) => {
    open.add(s);
    s.on('close', () => open.delete(s));
  };
  const allowed = (host: string, port: number) => opts.allow.some((r) => r.host === host && r.port === port);
  let refusedCount = 0;
  const refuse = (r: RefusedConnection) => {
    refusedCount += 1;
    if (refusedCount > MAX_REPORTED_REFUSALS) return;
    refused.push(r);
    try {
      opts.onRefused?.(r);
    } catch {
      // A listener's bug must not take the proxy down.
    }
  };
  const timeoutMs = opts.connectTimeoutMs ?? 30_000;

  const server = http.createServer((req, res) => {
    // Plain HTTP through the proxy: the request line carries an absolute URL.
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      answer(res, 400, 'this proxy takes absolute http:// URLs or CONNECT');
      return;
    }
    const host = normalHost(target.hostname);
    const port = target.port ? Number(target.port) : 80;
    if (target.protocol !== 'http:' || !allowed(host, port)) {
      refuse({ host, port, method: req.method ?? 'GET' });
      answer(res, 403, `the playbook sandbox does not allow ${host}:${port}`);
      return;
    }
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
    const upstream = http.request({ host, port, method: req.method, path: `${target.pathname}${target.search}`, headers, timeout: timeoutMs }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('timeout', () => upstream.destroy(new Error('timed out')));
    upstream.on('error', () => {
      if (!res.headersSent) answer(res, 502, `${host}:${port} did not answer`);
      else res.destroy();
    });
    req.pipe(upstream);
  });

  server.on('connect', (req: http.IncomingMessage, client: Duplex, head: Buffer) => {
    track(client);
    client.on('error', () => client.destroy());
    const target = parseAuthority(req.url ?? '');
    if (!target || !allowed(target.host, target.port)) {
      refuse({ host: target?.host ?? String(req.url).slice(0, 200), port: target?.port ?? 0, method: 'CONNECT' });
      client.end(`HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\nthe playbook sandbox does not allow ${req.url}\n`);
      return;
    }
    const upstream = net.connect({ host: target.host, port: target.port });
    track(upstream);
    upstream.setTimeout(timeoutMs, () => upstream.destroy(new Error('timed out')));
    let established = false;
    upstream.once('connect', () => {
      established = true;
      upstream.setTimeout(0);
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => {
      if (!established) client.end(`HTTP/1.1 502 Bad Gateway\r\nconnection: close\r\n\r\n`);
      else client.destroy();
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  server.on('connection', (socket: net.Socket) => track(socket));
  // A playbook opening connections in a loop must not take Rampart's own sockets with it.
  server.maxConnections = opts.maxConnections ?? 64;
  server.on('clientError', (_err, socket: Duplex) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (typeof opts.listen === 'number') server.listen(opts.listen, '127.0.0.1', () => resolve());
    else server.listen(opts.listen, () => resolve());
  });
  const a = server.address();
  const address = typeof a === 'string' ? a : a ? `127.0.0.1:${a.port}` : String(opts.listen);
  return {
    address,
    refused,
    get refusedCount() {
      return refusedCount;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
