import type { Generated } from 'kysely';

/**
 * The tables as the query builder sees them (src/storage/migrations.ts creates them). The same
 * column types in both dialects: TEXT, INTEGER (booleans as 0/1), ISO-8601 timestamps as TEXT,
 * JSON as TEXT, so every repository runs unchanged on SQLite and PostgreSQL.
 */

export interface BotStateTable {
  key: string;
  value: string;
  etag: number;
  updated_at: string;
}

export interface InstallationsTable {
  conversation_id: string;
  kind: string;
  name: string | null;
  team_id: string | null;
  tenant_id: string | null;
  reference: string;
  installed_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  kind: string;
  subject: string | null;
  detail: string;
}

export interface PlaybooksTable {
  id: string;
  name: string;
  status: string;
  active_version: number | null;
  latest_version: number;
  created_by_id: string;
  created_by_name: string;
  created_at: string;
  updated_at: string;
}

export interface PlaybookVersionsTable {
  playbook_id: string;
  version: number;
  request: string;
  change_request: string | null;
  spec: string;
  code: string;
  code_sha256: string;
  review: string;
  plan: string;
  blocking: number;
  diff: string | null;
  requester_id: string;
  requester_name: string;
  created_at: string;
  decision: Generated<string>;
  decided_by_id: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  reject_reason: string | null;
  unattended: Generated<number>;
  self_approved: Generated<number>;
}

export interface PlaybookRunsTable {
  id: Generated<number>;
  playbook_id: string;
  version: number;
  incident_id: string | null;
  mode: string;
  started_by: string;
  status: string;
  summary: string | null;
  actions: string;
  actor_id: string | null;
  actor_name: string | null;
  started_at: string;
  finished_at: string | null;
}

export interface ProposalCardsTable {
  playbook_id: string;
  version: number;
  conversation_id: string;
  activity_id: string;
  preview: string | null;
  created_at: string;
  updated_at: string;
}

export interface DeploymentSecretsTable {
  name: string;
  value: string;
  created_at: string;
}

export interface IncidentsTable {
  incident_id: string;
  source: string;
  title: string;
  severity: string;
  status: string;
  last_update_time: string;
  payload: string;
  first_seen_at: string;
  updated_at: string;
}

export interface IncidentUpdatesTable {
  incident_id: string;
  last_update_time: string;
  source: string;
  received_at: string;
}

export interface IncidentThreadsTable {
  incident_id: string;
  channel_id: string;
  conversation_id: string | null;
  root_activity_id: string | null;
  reference: string | null;
  created_at: string;
}

export interface IncidentPollCursorTable {
  name: string;
  cursor: string;
  updated_at: string;
}

export interface IncidentRunsTable {
  run_id: string;
  incident_id: string;
  playbook_id: string;
  playbook_version: number;
  playbook_name: string;
  status: string;
  summary: string | null;
  events: string;
  summary_activity_id: string | null;
  started_at: string;
  ended_at: string | null;
}

export interface IncidentOutboxTable {
  id: Generated<number>;
  kind: string;
  lane: string;
  idempotency_key: string;
  payload: string;
  status: string;
  attempts: Generated<number>;
  not_before: string;
  result: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  claimed_by: string | null;
  claimed_until: string | null;
  priority: Generated<number>;
  sending_at: Generated<string | null>;
}

export interface ActionApprovalsTable {
  id: string;
  incident_id: string;
  run_id: string | null;
  playbook_id: string | null;
  playbook_version: number | null;
  action: string;
  target: string;
  evidence: string;
  request: string;
  requested_by_id: string | null;
  requested_by_name: string | null;
  status: string;
  decided_by_id: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  expires_at: string;
  card_activity_id: string | null;
  sending_at: string | null;
  machine_action_id: string | null;
  machine_action_status: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
  send_started_at: string | null;
  retries: Generated<number>;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

/** Every table Rampart keeps. */
export interface Tables {
  bot_state: BotStateTable;
  installations: InstallationsTable;
  audit_log: AuditLogTable;
  playbooks: PlaybooksTable;
  playbook_versions: PlaybookVersionsTable;
  playbook_runs: PlaybookRunsTable;
  proposal_cards: ProposalCardsTable;
  deployment_secrets: DeploymentSecretsTable;
  incidents: IncidentsTable;
  incident_updates: IncidentUpdatesTable;
  incident_threads: IncidentThreadsTable;
  incident_poll_cursor: IncidentPollCursorTable;
  incident_runs: IncidentRunsTable;
  incident_outbox: IncidentOutboxTable;
  action_approvals: ActionApprovalsTable;
  schema_migrations: SchemaMigrationsTable;
}
