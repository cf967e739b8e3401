import type { Logger } from '../logger';
import type { EntraId } from './auth';
import type { RateLimiter } from './limits';
import type { StateStore } from './state';

/** What every handler of the simulator works with. */
export interface SimContext {
  store: StateStore;
  entra: EntraId;
  limiter: RateLimiter;
  logger: Logger;
  baseUrl(): string;
  actionDelaysMs: { toInProgress: number; toSucceeded: number };
  /** Requests per minute for the VirusTotal public-API quota; undefined = no quota. */
  virusTotalQuotaPerMinute?: number;
}
