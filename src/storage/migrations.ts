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
];
