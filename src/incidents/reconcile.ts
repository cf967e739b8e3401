import { AppError } from '../errors';
import type { ActionApproval } from '../records/approval';
import type { DefenderGateway, MachineActionInfo } from './ports';
import { scalarText } from '../json';

/** What a look-up found about an action that may already have been sent. */
export type EarlierSend =
  /** A Defender machine action carrying this approval's id: follow it instead of sending. */
  | { kind: 'machineAction'; action: MachineActionInfo }
  /** The target is already in the state the action puts it in. */
  | { kind: 'inEffect'; what: string };

/** A look-up that could not be done: sending blind might repeat the action, so wait and look again. */
export class LookupFailed extends AppError {
  constructor(reason: string) {
    super('LookupFailed', 'Rampart could not check Defender for an earlier attempt of this action, so nothing is sent until it can; it tries again by itself.', { httpStatus: 503, detail: reason });
    // The reason is what the retry records and logs.
    this.message = reason;
  }
}

const MACHINE_ACTION = /^\/api\/machines\/([^/]+)\/(isolate|unisolate|restrictCodeExecution|unrestrictCodeExecution|StopAndQuarantineFile)$/i;
const USER = /\/users\/([^/?]+)$/i;
const USER_REVOKE = /\/users\/([^/?]+)\/revokeSignInSessions$/i;
const RISKY_USERS = /\/identityProtection\/riskyUsers\/(confirmCompromised|dismiss)$/i;

async function readOk(defender: DefenderGateway, api: 'defender' | 'graph', path: string, query?: Record<string, string>): Promise<Record<string, unknown>> {
  const answer = await defender.read(api, path, query);
  if (answer.status >= 300) throw new LookupFailed(`${api} answered ${answer.status} to the look-up ${path}`);
  return (answer.body ?? {}) as Record<string, unknown>;
}

function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Before an approved action is sent again (after a crash, a timeout or a 5xx that may have
 * been acted on), looks for the effect of an earlier send, by kind:
 * machine actions by listing the device's actions (the approval id rides in the comment),
 * indicators by value, users by their current state. Undefined: nothing found, safe to send.
 */
export async function findEarlierSend(defender: DefenderGateway, approval: ActionApproval): Promise<EarlierSend | undefined> {
  const { api, method, path } = approval.request;
  const body = (approval.request.body ?? {}) as Record<string, unknown>;
  const verb = method.toUpperCase();
  const since = approval.sendStartedAt ?? approval.sendingAt ?? approval.decidedAt ?? approval.createdAt;

  const machine = api === 'defender' ? MACHINE_ACTION.exec(path) : null;
  if (machine) {
    let actions: MachineActionInfo[];
    try {
      actions = await defender.listMachineActions(decodeURIComponent(machine[1]));
    } catch (err) {
      throw new LookupFailed(`the device's machine actions could not be listed: ${(err as Error).message}`);
    }
    const mine = actions.find((a) => (a.requestorComment ?? '').includes(approval.id));
    return mine ? { kind: 'machineAction', action: mine } : undefined;
  }

  const indicatorValue = body.indicatorValue;
  if (api === 'defender' && verb === 'POST' && /^\/api\/indicators\/?$/i.test(path) && typeof indicatorValue === 'string') {
    const found = await readOk(defender, 'defender', '/api/indicators', { $filter: `indicatorValue eq ${odataString(indicatorValue)}` });
    const list = Array.isArray(found.value) ? (found.value as Record<string, unknown>[]) : [];
    const same = list.find((i) => scalarText(i.indicatorValue).toLowerCase() === indicatorValue.toLowerCase() && (body.action === undefined || i.action === body.action));
    return same ? { kind: 'inEffect', what: `indicator ${indicatorValue} is already ${scalarText(same.action, 'in place')}` } : undefined;
  }

  if (api === 'graph') {
    const revoke = USER_REVOKE.exec(path);
    if (revoke && verb === 'POST') {
      const user = await readOk(defender, 'graph', `/v1.0/users/${revoke[1]}`, { $select: 'id,signInSessionsValidFromDateTime' });
      const validFrom = typeof user.signInSessionsValidFromDateTime === 'string' ? user.signInSessionsValidFromDateTime : undefined;
      // Without the property there is nothing to compare: revoking again is harmless, so it is sent.
      return validFrom && validFrom >= since ? { kind: 'inEffect', what: 'sessions were already revoked' } : undefined;
    }
    const user = USER.exec(path);
    if (user && verb === 'PATCH') {
      if (body.accountEnabled === false) {
        const current = await readOk(defender, 'graph', `/v1.0/users/${user[1]}`, { $select: 'id,accountEnabled' });
        return current.accountEnabled === false ? { kind: 'inEffect', what: 'the account is already disabled' } : undefined;
      }
      if (body.passwordProfile !== undefined) {
        const current = await readOk(defender, 'graph', `/v1.0/users/${user[1]}`, { $select: 'id,lastPasswordChangeDateTime' });
        const changed = typeof current.lastPasswordChangeDateTime === 'string' ? current.lastPasswordChangeDateTime : undefined;
        return changed && changed >= since ? { kind: 'inEffect', what: 'the password was already reset' } : undefined;
      }
    }
    const risky = RISKY_USERS.exec(path);
    if (risky && verb === 'POST' && Array.isArray(body.userIds) && body.userIds.length > 0) {
      const wanted = risky[1].toLowerCase() === 'confirmcompromised' ? 'confirmedCompromised' : 'dismissed';
      for (const id of body.userIds.map(String)) {
        const state = await readOk(defender, 'graph', `/v1.0/identityProtection/riskyUsers/${encodeURIComponent(id)}`);
        if (state.riskState !== wanted) return undefined;
      }
      return { kind: 'inEffect', what: `the user risk is already ${wanted}` };
    }
  }
  return undefined;
}
