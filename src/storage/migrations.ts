import type { Migration } from './database';

/**
 * The schema, as an append-only list. Never edit a released migration: add a new one.
 * Plain SQL kept portable (TEXT/INTEGER, ISO timestamps) so a PostgreSQL implementation of
 * the same repositories can follow the same shape.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'bot state and installations',
    up: `
      CREATE TABLE bot_state (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        etag INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE installations (
        conversation_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT,
        team_id TEXT,
        tenant_id TEXT,
        reference TEXT NOT NULL,
        installed_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX installations_kind ON installations(kind, conversation_id);
    `,
  },
  {
    version: 2,
    name: 'audit log',
    up: `
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor_id TEXT,
        actor_name TEXT,
        kind TEXT NOT NULL,
        subject TEXT,
        detail TEXT NOT NULL
      );
      CREATE INDEX audit_log_at ON audit_log(at);
    `,
  },
  {
    version: 3,
    name: 'playbook library: playbooks, immutable versions, runs',
    up: `
      CREATE TABLE playbooks (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL,
        active_version INTEGER,
        latest_version INTEGER NOT NULL,
        created_by_id TEXT NOT NULL,
        created_by_name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE playbook_versions (
        playbook_id TEXT NOT NULL REFERENCES playbooks(id),
        version INTEGER NOT NULL,
        request TEXT NOT NULL,
        change_request TEXT,
        spec TEXT NOT NULL,
        code TEXT NOT NULL,
        code_sha256 TEXT NOT NULL,
        review TEXT NOT NULL,
        plan TEXT NOT NULL,
        blocking INTEGER NOT NULL,
        diff TEXT,
        requester_id TEXT NOT NULL,
        requester_name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        decision TEXT NOT NULL DEFAULT 'pending',
        decided_by_id TEXT,
        decided_by_name TEXT,
        decided_at TEXT,
        reject_reason TEXT,
        unattended INTEGER NOT NULL DEFAULT 0,
        self_approved INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (playbook_id, version)
      );
      CREATE TRIGGER playbook_versions_content_immutable
        BEFORE UPDATE OF playbook_id, version, request, change_request, spec, code, code_sha256, review, plan, blocking, diff,
          requester_id, requester_name, created_at ON playbook_versions
        BEGIN SELECT RAISE(ABORT, 'a playbook version is immutable'); END;
      CREATE TRIGGER playbook_versions_decision_final
        BEFORE UPDATE OF decision, decided_by_id, decided_by_name, decided_at, reject_reason, unattended, self_approved ON playbook_versions
        WHEN OLD.decision IN ('approved', 'rejected')
        BEGIN SELECT RAISE(ABORT, 'a playbook version decision is final'); END;
      CREATE TABLE playbook_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        playbook_id TEXT NOT NULL REFERENCES playbooks(id),
        version INTEGER NOT NULL,
        incident_id TEXT,
        mode TEXT NOT NULL,
        started_by TEXT NOT NULL,
        status TEXT NOT NULL,
        summary TEXT,
        actions TEXT NOT NULL,
        actor_id TEXT,
        actor_name TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT
      );
      CREATE INDEX playbook_runs_playbook ON playbook_runs(playbook_id, id);
    `,
  },
  {
    version: 4,
    name: 'proposal cards and deployment secrets',
    up: `
      CREATE TABLE proposal_cards (
        playbook_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        conversation_id TEXT NOT NULL,
        activity_id TEXT NOT NULL,
        preview TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (playbook_id, version),
        FOREIGN KEY (playbook_id, version) REFERENCES playbook_versions(playbook_id, version)
      );
      CREATE INDEX proposal_cards_activity ON proposal_cards(activity_id);
      CREATE TABLE deployment_secrets (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 5,
    name: 'incidents, incident threads, poll cursor, playbook runs on incidents',
    up: `
      CREATE TABLE incidents (
        incident_id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        title TEXT NOT NULL,
        severity TEXT NOT NULL,
        status TEXT NOT NULL,
        last_update_time TEXT NOT NULL,
        payload TEXT NOT NULL,
        first_seen_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE incident_updates (
        incident_id TEXT NOT NULL,
        last_update_time TEXT NOT NULL,
        source TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (incident_id, last_update_time)
      );
      CREATE TABLE incident_threads (
        incident_id TEXT PRIMARY KEY,
        channel_id TEXT NOT NULL,
        conversation_id TEXT,
        root_activity_id TEXT,
        reference TEXT,
        created_at TEXT NOT NULL
      );
      CREATE TABLE incident_poll_cursor (
        name TEXT PRIMARY KEY,
        cursor TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE incident_runs (
        run_id TEXT PRIMARY KEY,
        incident_id TEXT NOT NULL,
        playbook_id TEXT NOT NULL,
        playbook_version INTEGER NOT NULL,
        playbook_name TEXT NOT NULL,
        status TEXT NOT NULL,
        summary TEXT,
        events TEXT NOT NULL,
        summary_activity_id TEXT,
        started_at TEXT NOT NULL,
        ended_at TEXT
      );
      CREATE INDEX incident_runs_incident ON incident_runs(incident_id);
    `,
  },
  {
    version: 6,
    name: 'incident outbox and action approvals',
    up: `
      CREATE TABLE incident_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        lane TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        payload TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        not_before TEXT NOT NULL,
        result TEXT,
        last_error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX incident_outbox_open ON incident_outbox(status, not_before, id);
      CREATE INDEX incident_outbox_lane ON incident_outbox(lane, status, id);
      CREATE TABLE action_approvals (
        id TEXT PRIMARY KEY,
        incident_id TEXT NOT NULL,
        run_id TEXT,
        playbook_id TEXT,
        playbook_version INTEGER,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        evidence TEXT NOT NULL,
        request TEXT NOT NULL,
        requested_by_id TEXT,
        requested_by_name TEXT,
        status TEXT NOT NULL,
        decided_by_id TEXT,
        decided_by_name TEXT,
        decided_at TEXT,
        expires_at TEXT NOT NULL,
        card_activity_id TEXT,
        sending_at TEXT,
        machine_action_id TEXT,
        machine_action_status TEXT,
        error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX action_approvals_incident ON action_approvals(incident_id, status);
    `,
  },
  {
    version: 7,
    name: 'action approvals: when sending started (the retry window) and how often a person asked to retry',
    up: `
      ALTER TABLE action_approvals ADD COLUMN send_started_at TEXT;
      ALTER TABLE action_approvals ADD COLUMN retries INTEGER NOT NULL DEFAULT 0;
    `,
  },
];
