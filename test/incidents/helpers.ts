import type { SimulatorInfo } from '../../src/simulator';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ConnectorCall, MockConnector } from '../helpers/mockConnector';
import { signBody } from '../../src/incidents/webhook';

export const SECRET = 'test-webhook-secret';
export const CHANNEL_ID = '19:soc-channel@thread.tacv2';

/** Settings for a Rampart that takes signed webhooks, posts to the SOC channel and calls the simulator's Defender. */
export function deskSettings(i: SimulatorInfo, dataDir: string): Record<string, string> {
  return {
    RAMPART_LOCAL: 'true',
    DATA_DIR: dataDir,
    WEBHOOK_HMAC_SECRET: SECRET,
    POLL_INTERVAL_SECONDS: '0',
    SOC_CHANNEL_ID: CHANNEL_ID,
    TENANT_ID: i.tenantId,
    CLIENT_ID: i.clientId,
    CLIENT_SECRET: i.clientSecret,
    AZURE_AUTHORITY_HOST: i.url,
    DEFENDER_API_BASE: i.url,
    GRAPH_API_BASE: `${i.url}/graph`,
    DEFENDER_CA_FILE: i.caFile,
    DEFENDER_PORTAL_URL: `${i.url}/portal`,
  };
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-incidents-'));
}

/** POSTs a signed incident to the webhook. */
export async function postIncident(baseUrl: string, body: unknown, secret = SECRET): Promise<Response> {
  const raw = JSON.stringify(body);
  return fetch(`${baseUrl}/api/incidents`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Rampart-Signature': signBody(secret, raw) }, body: raw });
}

/** A Defender XDR incident with one MDE alert on one device. */
export function defenderIncident(id: number, options: { machineId?: string; device?: string; lastUpdateTime?: string; title?: string; severity?: string } = {}): Record<string, unknown> {
  const machineId = options.machineId ?? `m${id}`.padEnd(40, '0');
  return {
    incidentId: id,
    incidentName: options.title ?? `Ransomware activity on ${options.device ?? `ws-${id}`}`,
    createdTime: '2024-05-01T10:00:00Z',
    lastUpdateTime: options.lastUpdateTime ?? '2024-05-01T10:00:00Z',
    status: 'Active',
    severity: options.severity ?? 'High',
    classification: 'Unknown',
    determination: 'NotAvailable',
    assignedTo: null,
    tags: [],
    comments: [],
    alerts: [
      {
        alertId: `da${id}_1`,
        incidentId: id,
        serviceSource: 'MicrosoftDefenderForEndpoint',
        title: 'Ransomware behavior detected',
        severity: 'High',
        category: 'Ransomware',
        status: 'New',
        devices: [{ mdatpDeviceId: machineId, deviceDnsName: options.device ?? `ws-${id}.contoso.com`, osPlatform: 'Windows11', healthStatus: 'Active', riskScore: 'High' }],
        entities: [
          { entityType: 'File', sha256: 'a'.repeat(64), fileName: 'evil.exe' },
          { entityType: 'User', accountName: 'alice', userPrincipalName: 'alice@contoso.com', aadUserId: '11111111-1111-1111-1111-111111111111' },
        ],
      },
    ],
  };
}

/** Tells the bot it was added to the SOC channel (as Teams does on install). */
export async function installInChannel(rampartUrl: string, connector: { url: string }): Promise<void> {
  const activity = {
    type: 'conversationUpdate',
    id: `cu-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: 'user-1', name: 'Alex Analyst', aadObjectId: 'aad-alex' },
    recipient: { id: 'bot-1', name: 'Rampart' },
    conversation: { id: CHANNEL_ID, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' }, team: { id: '19:team@thread.tacv2' }, channel: { id: CHANNEL_ID, name: 'SOC' }, eventType: 'teamMemberAdded' },
    membersAdded: [{ id: 'bot-1' }],
  };
  const res = await fetch(`${rampartUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
  if (res.status >= 300) throw new Error(`install answered ${res.status}`);
}

/** Clicks an Action.Execute button as a person; returns the card the bot answered with. */
export async function clickExecute(
  rampartUrl: string,
  connector: MockConnector,
  conversationId: string,
  verb: string,
  data: Record<string, unknown>,
  who: { id: string; name: string; aadObjectId?: string },
): Promise<{ status: number; card: Record<string, unknown> | undefined }> {
  const activity = {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `inv-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: who,
    recipient: { id: 'bot-1', name: 'Rampart' },
    conversation: { id: conversationId, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' }, channel: { id: CHANNEL_ID } },
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
  const res = await fetch(`${rampartUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await res.text();
  if (process.env.DEBUG_INVOKE) process.stderr.write(`invoke ${verb} -> ${res.status} ${text.slice(0, 600)}\n`);
  const body = text ? (JSON.parse(text) as { value?: Record<string, unknown> }) : {};
  return { status: res.status, card: body.value };
}

/** The adaptive card content of a connector call, as text (for matching). */
export function cardText(call: ConnectorCall): string {
  return JSON.stringify(call.activity);
}

/** New-thread posts (createConversation) for an incident. */
/** The incident's own notification threads (a burst digest names incidents too, but is not one). */
export function notificationsFor(connector: MockConnector, incidentId: string | number): ConnectorCall[] {
  return connector.calls.filter((c) => c.path === '/v3/conversations' && cardText(c).includes(`incident ${incidentId}`) && !cardText(c).includes('Burst:'));
}

export async function waitUntil(predicate: () => boolean | Promise<boolean>, timeoutMs = 15000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Teams answering 429 + Retry-After to the next `throttle` sends, in front of a MockConnector
 * (the shared mock's own `throttle` chains writeHead(), which restify's patched
 * ServerResponse breaks once restify is loaded in the same process).
 */
export class ThrottlingTeams {
  throttle = 0;
  throttled = 0;
  private server?: http.Server;

  constructor(private readonly target: MockConnector) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (this.throttle > 0 && req.method !== 'GET') {
          this.throttle--;
          this.throttled++;
          res.writeHead(429, { 'Retry-After': '1', 'Content-Type': 'application/json' });
          res.end('{"error":{"code":"Throttled","message":"Too many requests"}}');
          return;
        }
        const target = new URL(req.url ?? '/', this.target.url);
        const forward = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        forward.on('error', () => {
          res.writeHead(502);
          res.end();
        });
        forward.end(Buffer.concat(chunks));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => {
      this.server?.close(() => r());
      this.server?.closeAllConnections();
    });
  }
}
