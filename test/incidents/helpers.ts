import type { SimulatorInfo } from '../../src/simulator';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConnectorCall, MockConnector } from '../helpers/mockConnector';
import { INCIDENT_VERBS } from '../../src/cards/incident';
import { signBody } from '../../src/incidents/webhook';
import { call as simCall } from '../simulator/simHttp';

export const SECRET = 'test-webhook-secret';
export const CHANNEL_ID = '19:soc-channel@thread.tacv2';
/** The analyst who asks for an action, and the second person who approves it. */
export const ALEX = { id: 'user-alex', name: 'Alex Analyst', aadObjectId: 'aad-alex' };
export const SAM = { id: 'user-sam', name: 'Sam Second', aadObjectId: 'aad-sam' };

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

/** Alex clicks Isolate for a device of the incident in its thread; returns the id of the approval card that comes back. */
export async function requestIsolation(rampartUrl: string, connector: MockConnector, thread: string, incidentId: string, machineId: string): Promise<string> {
  const clicked = await clickExecute(rampartUrl, connector, thread, INCIDENT_VERBS.isolate, { incidentId, machineId }, ALEX);
  if (clicked.status !== 200) throw new Error(`Isolate answered ${clicked.status}`);
  const card = await connector.waitFor((c) => c.conversationId === thread && cardText(c).includes('Approval needed'), 20_000);
  const approvalId = /"approvalId":"(apr-[0-9a-f]+)"/.exec(cardText(card))?.[1];
  if (!approvalId) throw new Error('the approval card carries no approval id');
  return approvalId;
}

/** How many isolate calls for a device reached Defender (the simulator). */
export async function isolatesReceived(sim: SimulatorInfo, machineId: string): Promise<number> {
  const body = (await simCall(sim, 'GET', '/_sim/calls')).body as { action: string | null; path: string }[] | { calls: { action: string | null; path: string }[] };
  return (Array.isArray(body) ? body : body.calls).filter((c) => c.action === 'isolate' && c.path.includes(machineId)).length;
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
