import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startRampart, type RunningRampart, type StartOptions } from '../../src/bootstrap';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/logger';
import { startSimulator, type RunningSimulator, type SimulatorInfo } from '../../src/simulator';
import { MockConnector, type ConnectorCall } from '../helpers/mockConnector';
import { ALEX, approvalIdIn, type Person } from '../helpers/people';
import { INCIDENT_VERBS } from '../../src/cards/incident';
import { signBody } from '../../src/incidents/webhook';
import { call as simCall } from '../simulator/simHttp';

export const SECRET = 'test-webhook-secret';
export const CHANNEL_ID = '19:soc-channel@thread.tacv2';
export { ALEX, SAM, approvalIdIn } from '../helpers/people';

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
  who: Person,
  /** The team the channel belongs to, when the click must carry it (approval by team role). */
  teamId?: string,
): Promise<{ status: number; card: Record<string, unknown> | undefined; text: string }> {
  const activity = {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `inv-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: who,
    recipient: { id: 'bot-1', name: 'Rampart' },
    conversation: { id: conversationId, conversationType: 'channel', isGroup: true, tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' }, ...(teamId ? { team: { id: teamId } } : {}), channel: { id: CHANNEL_ID } },
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
  const res = await fetch(`${rampartUrl}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await res.text();
  if (process.env.DEBUG_INVOKE) process.stderr.write(`invoke ${verb} -> ${res.status} ${text.slice(0, 600)}\n`);
  const body = text ? (JSON.parse(text) as { value?: Record<string, unknown> }) : {};
  return { status: res.status, card: body.value, text };
}

/** Alex clicks Isolate for a device of the incident in its thread; returns the id of the approval card that comes back. */
export async function requestIsolation(rampartUrl: string, connector: MockConnector, thread: string, incidentId: string, machineId: string): Promise<string> {
  const clicked = await clickExecute(rampartUrl, connector, thread, INCIDENT_VERBS.isolate, { incidentId, machineId }, ALEX);
  if (clicked.status !== 200) throw new Error(`Isolate answered ${clicked.status}`);
  const card = await connector.waitFor((c) => c.conversationId === thread && cardText(c).includes('Approval needed'), 20_000);
  const approvalId = approvalIdIn(cardText(card));
  if (!approvalId) throw new Error('the approval card carries no approval id');
  return approvalId;
}

/** A write call the simulator recorded (`/_sim/calls`), named as in ACTION_NAMES. */
export interface SimCall {
  action: string | null;
  status: number;
  path: string;
}

/** The write calls of one action (`isolate`, `teamsMessage`...) the simulator received so far. */
export async function simCalls(sim: SimulatorInfo, action: string): Promise<SimCall[]> {
  const body = (await simCall(sim, 'GET', '/_sim/calls')).body as SimCall[] | { calls?: SimCall[] };
  return (Array.isArray(body) ? body : body.calls ?? []).filter((c) => c.action === action);
}

/** How many isolate calls for a device reached Defender (the simulator). */
export async function isolatesReceived(sim: SimulatorInfo, machineId: string): Promise<number> {
  return (await simCalls(sim, 'isolate')).filter((c) => c.path.includes(machineId)).length;
}

/** The simulator (machine actions that take a moment, no rate limits) and a mock Teams connector: what an incident test talks to. */
export async function startSimulatorAndConnector(): Promise<{ sim: RunningSimulator; connector: MockConnector }> {
  const sim = await startSimulator({ port: 0, actionDelaysMs: { toInProgress: 100, toSucceeded: 300 }, rateLimits: false });
  return { sim, connector: await new MockConnector().start() };
}

/** A Rampart taking signed webhooks and posting to the SOC channel of a mock connector, and the simulator it calls for Defender when asked. */
export interface Desk {
  rampart: RunningRampart;
  connector: MockConnector;
  sim?: RunningSimulator;
}

/**
 * Starts a desk and installs the bot in the SOC channel. With `simulator`, Defender is the
 * simulator (`deskSettings`); without, Rampart has no Defender connection. `settings` are added
 * to (or override) the desk's; `incidents` tunes the pipeline (Teams limits, timings).
 */
export interface DeskOptions {
  simulator?: boolean;
  /** Settings added to the desk's; a function gets the simulator's details when there is one. */
  settings?: Record<string, string> | ((sim: SimulatorInfo | undefined) => Record<string, string>);
  incidents?: StartOptions['incidents'];
}

export async function startDesk(o: DeskOptions & { simulator: true }): Promise<Required<Desk>>;
export async function startDesk(o?: DeskOptions): Promise<Desk>;
export async function startDesk(o: DeskOptions = {}): Promise<Desk> {
  const { sim, connector } = o.simulator ? await startSimulatorAndConnector() : { sim: undefined, connector: await new MockConnector().start() };
  const base = sim ? deskSettings(sim.info, tempDir()) : { RAMPART_LOCAL: 'true', DATA_DIR: tempDir(), WEBHOOK_HMAC_SECRET: SECRET, POLL_INTERVAL_SECONDS: '0', SOC_CHANNEL_ID: CHANNEL_ID };
  const settings = typeof o.settings === 'function' ? o.settings(sim?.info) : o.settings;
  const rampart = await startRampart({ port: 0, config: parseConfig({ ...base, ...settings }), logger: silentLogger(), incidents: o.incidents });
  await installInChannel(rampart.url, connector);
  return { rampart, connector, sim };
}

/** Stops what `startDesk` (or `startSimulatorAndConnector`) started. */
export async function stopDesk(desk: Partial<Desk> | undefined): Promise<void> {
  await desk?.rampart?.stop();
  await desk?.connector?.stop();
  await desk?.sim?.stop();
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
