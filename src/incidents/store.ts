import type { SqliteDatabase } from '../storage/database';
import type { SecurityIncident } from './model';
import type { ThreadReference } from './ports';

/** Where an incident's Teams thread lives, once its notification is delivered. */
export interface IncidentThread {
  incidentId: string;
  channelId: string;
  conversationId?: string;
  rootActivityId?: string;
  reference?: ThreadReference;
}

/** What storing an incident update changed. */
export interface StoredIncident {
  incident: SecurityIncident;
  /** False when this (incidentId, lastUpdateTime) was already seen: nothing else happens. */
  fresh: boolean;
  /** True the first time the incident is seen at all. */
  isNew: boolean;
  previous?: SecurityIncident;
}

/** Incidents, their dedupe keys, threads and the poller's cursor. */
export class IncidentStore {
  constructor(private readonly db: SqliteDatabase) {}

  /**
   * Stores an incident update, deduplicated by incident id + lastUpdateTime. An older update
   * arriving late is recorded as seen but does not overwrite the newer state.
   */
  record(incident: SecurityIncident, source: string): StoredIncident {
    const now = new Date().toISOString();
    const seen = this.db
      .prepare('INSERT OR IGNORE INTO incident_updates (incident_id, last_update_time, source, received_at) VALUES (?, ?, ?, ?)')
      .run(incident.incidentId, incident.lastUpdateTime, source, now);
    if (seen.changes === 0) return { incident, fresh: false, isNew: false };
    const previous = this.get(incident.incidentId);
    if (previous && previous.lastUpdateTime > incident.lastUpdateTime) return { incident: previous, fresh: false, isNew: false, previous };
    this.db
      .prepare(
        `INSERT INTO incidents (incident_id, source, title, severity, status, last_update_time, payload, first_seen_at, updated_at)
         VALUES (@id, @source, @title, @severity, @status, @lut, @payload, @now, @now)
         ON CONFLICT(incident_id) DO UPDATE SET source = @source, title = @title, severity = @severity, status = @status,
           last_update_time = @lut, payload = @payload, updated_at = @now`,
      )
      .run({
        id: incident.incidentId,
        source,
        title: incident.incidentName,
        severity: incident.severity,
        status: incident.status,
        lut: incident.lastUpdateTime,
        payload: JSON.stringify(incident),
        now,
      });
    return { incident, fresh: true, isNew: !previous, previous };
  }

  get(incidentId: string): SecurityIncident | undefined {
    const row = this.db.prepare('SELECT payload FROM incidents WHERE incident_id = ?').get(incidentId) as { payload: string } | undefined;
    return row ? (JSON.parse(row.payload) as SecurityIncident) : undefined;
  }

  /** Overwrites the stored copy (after Rampart itself changed the incident, e.g. assigned it). */
  replace(incident: SecurityIncident): void {
    this.db
      .prepare('UPDATE incidents SET status = ?, payload = ?, updated_at = ? WHERE incident_id = ?')
      .run(incident.status, JSON.stringify(incident), new Date().toISOString(), incident.incidentId);
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM incidents').get() as { n: number }).n;
  }

  thread(incidentId: string): IncidentThread | undefined {
    const row = this.db.prepare('SELECT * FROM incident_threads WHERE incident_id = ?').get(incidentId) as
      | { incident_id: string; channel_id: string; conversation_id: string | null; root_activity_id: string | null; reference: string | null }
      | undefined;
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
  incidentForConversation(conversationId: string): string | undefined {
    const row = this.db.prepare('SELECT incident_id FROM incident_threads WHERE conversation_id = ?').get(conversationId) as { incident_id: string } | undefined;
    return row?.incident_id;
  }

  saveThread(thread: IncidentThread): void {
    this.db
      .prepare(
        `INSERT INTO incident_threads (incident_id, channel_id, conversation_id, root_activity_id, reference, created_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(incident_id) DO UPDATE SET channel_id = excluded.channel_id, conversation_id = excluded.conversation_id,
           root_activity_id = excluded.root_activity_id, reference = excluded.reference`,
      )
      .run(thread.incidentId, thread.channelId, thread.conversationId ?? null, thread.rootActivityId ?? null, thread.reference ? JSON.stringify(thread.reference) : null, new Date().toISOString());
  }

  cursor(name: string): string | undefined {
    const row = this.db.prepare('SELECT cursor FROM incident_poll_cursor WHERE name = ?').get(name) as { cursor: string } | undefined;
    return row?.cursor;
  }

  saveCursor(name: string, cursor: string): void {
    this.db
      .prepare(
        `INSERT INTO incident_poll_cursor (name, cursor, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
      )
      .run(name, cursor, new Date().toISOString());
  }
}
