import type { Config } from '../config';
import type { Logger } from '../logger';
import type { AuditLog } from '../audit';
import type { InstallationStore } from '../storage/installations';
import type { ApprovalPolicy } from '../approvals/policy';
import type { PlaybookStore } from '../playbooks/library';
import type { AuthoringServices } from './authoring/services';
import type { IncidentDesk } from '../incidents/desk';
import type { TeamRoleLookup } from './teamRoles';

/** What the bot's features need; built once in the composition root, rebuilt per test. */
export interface BotDeps {
  config: Config;
  logger: Logger;
  installations: InstallationStore;
  audit: AuditLog;
  /** The playbook store: versions and decisions; the incident pipeline reads enabled playbooks and records runs here. */
  library?: PlaybookStore;
  /** Who may approve playbook versions and destructive actions. */
  approvalPolicy?: ApprovalPolicy;
  /** The authoring flow's engine, download links and proposal cards. */
  authoring?: AuthoringServices;
  /** The incident pipeline: notifications, runs, action approvals. */
  incidents?: IncidentDesk;
  /** A clicker's roles in the channel's team (the roster), when a team role may approve. */
  teamRoles?: TeamRoleLookup;
}
