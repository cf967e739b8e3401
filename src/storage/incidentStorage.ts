import type { IncidentStorage } from '../records/storage';
import { SqlActionApprovalStore } from './actionApprovals';
import { outsideTransaction, type Db } from './database';
import { SqlIncidentStore } from './incidentStore';
import { isLockError, SqlIncidentOutbox } from './outbox';
import { SqlIncidentRunStore } from './runs';

/** The incident pipeline's stores on one database (SQLite or PostgreSQL); `instanceId` is who claims outbox items. */
export function incidentStorage(db: Db, instanceId?: string, claimMs?: number): IncidentStorage {
  return {
    incidents: new SqlIncidentStore(db),
    approvals: new SqlActionApprovalStore(db),
    outbox: new SqlIncidentOutbox(db, instanceId, claimMs),
    runs: new SqlIncidentRunStore(db),
    atomically: (fn) => db.atomically(fn),
    outsideTransaction,
    isLockError,
    embedded: db.kind === 'sqlite',
  };
}
