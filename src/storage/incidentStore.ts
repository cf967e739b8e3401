import { sql } from 'kysely';
import type { IncidentStore, IncidentThread, SecurityIncident, StoredIncident, ThreadReference, WaitingIncident } from '../records/incident';
import type { Db } from './database';

/** Incidents, their dedupe keys, threads and the poller's cursor, on SQLite or PostgreSQL. */
export class SqlIncidentStore implements IncidentStore {
  constructor(private readonly db: Db) {}

  /**
   * Stores an incident update, deduplicated by incident id + lastUpdateTime (the primary key
   * of incident_updates: two instances receiving the same update store it once). An older
   * update arriving late is recorded as seen but does not overwrite the newer state.
   */
  async record(incident: SecurityIncident, source: string): Promise<StoredIncident> {
    const now = new Date().toISOString();
    const seen = await this.db
      .q()
      .insertInto('incident_updates')
      .values({ incident_id: incident.incidentId, last_update_time: incident.lastUpdateTime, source, received_at: now })
      .onConflict((oc) => oc.columns(['incident_id', 'last_update_time']).doNothing())
      .executeTakeFirst();
    if (Number(seen.numInsertedOrUpdatedRows ?? 0n) === 0) return { incident, fresh: false, isNew: false };
    const previous = await this.get(incident.incidentId);
    if (previous && previous.lastUpdateTime > incident.lastUpdateTime) return { incident: previous, fresh: false, isNew: false, previous };
    const row = {
      source,
      title: incident.incidentName,
      severity: incident.severity,
      status: incident.status,
      last_update_time: incident.lastUpdateTime,
      payload: JSON.stringify(incident),
      updated_at: now,
    };
    await this.db
      .q()
      .insertInto('incidents')
      .values({ incident_id: incident.incidentId, first_seen_at: now, ...row })
      .onConflict((oc) => oc.column('incident_id').doUpdateSet(row))
      .execute();
    return { incident, fresh: true, isNew: !previous, previous };
  }

  async get(incidentId: string): Promise<SecurityIncident | undefined> {
    const row = await this.db.q().selectFrom('incidents').select('payload').where('incident_id', '=', incidentId).executeTakeFirst();
    return row ? (JSON.parse(row.payload) as SecurityIncident) : undefined;
  }

  /** Overwrites the stored copy (after Rampart itself changed the incident, e.g. assigned it). */
  async replace(incident: SecurityIncident): Promise<void> {
    await this.db
      .q()
      .updateTable('incidents')
      .set({ status: incident.status, payload: JSON.stringify(incident), updated_at: new Date().toISOString() })
      .where('incident_id', '=', incident.incidentId)
      .execute();
  }

  /** New incidents whose notification is still waiting for the channel: what a burst digest lists. */
  async waitingForThreads(): Promise<WaitingIncident[]> {
    const rows = await this.db
      .q()
      .selectFrom('incidents as i')
      .innerJoin('incident_outbox as o', (join) => join.on(sql<boolean>`o.idempotency_key = 'notify:' || i.incident_id`))
      .select(['i.incident_id', 'i.title', 'i.severity', 'o.priority'])
      .where('o.status', '=', 'pending')
      .execute();
    return rows.map((r) => ({ incidentId: r.incident_id, title: r.title, severity: r.severity, priority: Number(r.priority) }));
  }

  async count(): Promise<number> {
    const row = await this.db.q().selectFrom('incidents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async thread(incidentId: string): Promise<IncidentThread | undefined> {
    const row = await this.db.q().selectFrom('incident_threads').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
    if (!row) return undefined;
    return {
      incidentId: row.incident_id,
      channelId: row.channel_id,
      conversationId: row.conversation_id ?? undefined,
      rootActivityId: row.root_activity_id ?? undefined,
      reference: row.reference ? (JSON.parse(row.reference) as ThreadReference) : undefined,
    };
  }

  /** The incident whose thread is this conversation (card actions arrive in the thread). */
  async incidentForConversation(conversationId: string): Promise<string | undefined> {
    const row = await this.db.q().selectFrom('incident_threads').select('incident_id').where('conversation_id', '=', conversationId).executeTakeFirst();
    return row?.incident_id;
  }

  async saveThread(thread: IncidentThread): Promise<void> {
    const row = {
      channel_id: thread.channelId,
      conversation_id: thread.conversationId ?? null,
      root_activity_id: thread.rootActivityId ?? null,
      reference: thread.reference ? JSON.stringify(thread.reference) : null,
    };
    await this.db
      .q()
      .insertInto('incident_threads')
      .values({ incident_id: thread.incidentId, created_at: new Date().toISOString(), ...row })
      .onConflict((oc) => oc.column('incident_id').doUpdateSet(row))
      .execute();
  }

  async cursor(name: string): Promise<string | undefined> {
    const row = await this.db.q().selectFrom('incident_poll_cursor').select('cursor').where('name', '=', name).executeTakeFirst();
    return row?.cursor;
  }

  async saveCursor(name: string, cursor: string): Promise<void> {
    const now = new Date().toISOString();
    await this.db
      .q()
      .insertInto('incident_poll_cursor')
      .values({ name, cursor, updated_at: now })
      .onConflict((oc) => oc.column('name').doUpdateSet({ cursor, updated_at: now }))
      .execute();
  }
}
