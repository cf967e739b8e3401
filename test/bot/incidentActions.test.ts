import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { createBotApp } from '../../src/bot/app';
import type { BotDeps } from '../../src/bot/deps';
import { registerIncidentActions } from '../../src/bot/incidents';
import { INCIDENT_VERBS } from '../../src/cards/incident';
import { parseConfig } from '../../src/config';
import { AppError } from '../../src/errors';
import type { IncidentDesk } from '../../src/incidents/desk';
import { createLogger } from '../../src/logger';
import { SqlAuditLog } from '../../src/storage/audit';
import { SqlBotStorage } from '../../src/storage/botStorage';
import { openDatabase } from '../../src/storage/database';
import { SqlInstallationStore } from '../../src/storage/installations';
import { RecordingAdapter } from './authoring/harness';

/** The bot with only the incident card actions, a desk that fails inside, and a logger we can read. */
function botWithFailingDesk(failure: Error) {
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', destination: new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }) });
  const db = openDatabase(':memory:');
  const desk = {
    runNow: () => Promise.reject(failure),
    requestDeviceAction: () => Promise.reject(failure),
    notificationCard: () => Promise.resolve({ card: undefined }),
  } as unknown as IncidentDesk;
  const deps: BotDeps = { config: parseConfig({}), logger, installations: new SqlInstallationStore(db), audit: new SqlAuditLog(db), incidents: desk };
  const app = createBotApp({ adapter: undefined as unknown as TeamsAdapter, storage: new SqlBotStorage(db), deps, features: [registerIncidentActions] });
  const adapter = new RecordingAdapter(async (context) => {
    await app.run(context);
  });
  return { adapter, lines };
}

async function click(adapter: RecordingAdapter, verb: string, data: Record<string, unknown>): Promise<string> {
  adapter.activeQueue.splice(0);
  await adapter.send({
    type: 'invoke',
    name: 'adaptiveCard/action',
    from: { id: 'user-alex', name: 'Alex Analyst' },
    conversation: { id: 'soc;messageid=1', conversationType: 'channel', isGroup: true, name: 'SOC' },
    value: { action: { type: 'Action.Execute', verb, data } },
  });
  const invoke = adapter.activeQueue.find((a) => a.type === 'invokeResponse');
  return JSON.stringify((invoke?.value as { body: unknown }).body);
}

describe('incident card actions when something inside fails', () => {
  const internal = new Error('SQLITE_CORRUPT: database disk image is malformed (/srv/rampart/.data/rampart.sqlite)');

  for (const [verb, data] of [
    [INCIDENT_VERBS.runPlaybook, { incidentId: '41001', playbookId: 'pb-1' }],
    [INCIDENT_VERBS.isolate, { incidentId: '41001', machineId: 'm-1' }],
  ] as const) {
    it(`when ${verb} hits an internal error, then the analyst sees a safe sentence and a reference, and the log has the detail under it`, async () => {
      const { adapter, lines } = botWithFailingDesk(internal);
      const card = await click(adapter, verb, data);
      assert.doesNotMatch(card, /SQLITE|\/srv\//);
      const reference = /reference ([0-9a-f]{8})/.exec(card)?.[1];
      assert.ok(reference, card);
      const logged = lines.map((l) => JSON.parse(l) as { correlationId?: string; err?: { message?: string } }).find((l) => l.correlationId === reference);
      assert.match(logged?.err?.message ?? '', /SQLITE_CORRUPT/);
    });
  }

  it('when the desk refuses with an AppError, then the analyst reads its safe sentence and a reference, and the log has the detail under that reference', async () => {
    const refused = new AppError('PlaybookNotEnabled', 'That playbook is not enabled any more.', { httpStatus: 409, detail: 'playbook pb-1 is not among the enabled ones (library at /srv/rampart/.data)' });
    const { adapter, lines } = botWithFailingDesk(refused);
    const card = await click(adapter, INCIDENT_VERBS.runPlaybook, { incidentId: '41001', playbookId: 'pb-1' });
    assert.match(card, /That playbook is not enabled any more\./);
    assert.doesNotMatch(card, /\/srv\/|among the enabled/);
    const reference = /reference ([0-9a-f]{8})/.exec(card)?.[1];
    assert.equal(reference, refused.correlationId);
    const logged = lines.map((l) => JSON.parse(l) as { correlationId?: string; code?: string; err?: { message?: string } }).find((l) => l.correlationId === reference);
    assert.equal(logged?.code, 'PlaybookNotEnabled');
    assert.match(logged?.err?.message ?? '', /not among the enabled ones/);
  });
});
