import type { Config } from '../config';
import type { Logger } from '../logger';
import type { AuditLog } from '../storage/audit';
import type { InstallationStore } from '../storage/installations';

/** What the bot's features need; built once in the composition root, rebuilt per test. */
export interface BotDeps {
  config: Config;
  logger: Logger;
  installations: InstallationStore;
  audit: AuditLog;
}
