import crypto from 'node:crypto';
import { bearer, type TokenCredential } from './credential';
import { ApiTransport, type HttpSettings } from './http';
import type { GraphUser, MailMessage, RiskyUser, SecurityIncident } from './types';

export interface GraphClientOptions extends HttpSettings {
  credential: TokenCredential;
  /** https://graph.microsoft.com by default; the simulator's url + /graph locally. */
  baseUrl?: string;
  scope?: string;
}

/** Microsoft Graph: Entra ID users, Identity Protection, mail and security incidents. */
export class GraphClient {
  private readonly api: ApiTransport;

  constructor(opts: GraphClientOptions) {
    const base = `${(opts.baseUrl ?? 'https://graph.microsoft.com').replace(/\/+$/, '')}/v1.0`;
    this.api = new ApiTransport('graph', base, bearer(opts.credential, opts.scope ?? 'https://graph.microsoft.com/.default'), opts);
  }

  /** A user by object id or user principal name. */
  getUser(idOrUpn: string): Promise<GraphUser> {
    return this.api.send<GraphUser>({ method: 'GET', path: `/users/${encodeURIComponent(idOrUpn)}` });
  }

  /** Blocks sign-in for the account. */
  async disableUser(idOrUpn: string): Promise<void> {
    await this.api.send({ method: 'PATCH', path: `/users/${encodeURIComponent(idOrUpn)}`, body: { accountEnabled: false } });
  }

  /** Sets a new random password that must be changed at next sign-in; returns nothing, the password is not kept. */
  async resetPassword(idOrUpn: string): Promise<void> {
    const password = `${crypto.randomBytes(18).toString('base64url')}aA1!`;
    await this.api.send({ method: 'PATCH', path: `/users/${encodeURIComponent(idOrUpn)}`, body: { passwordProfile: { password, forceChangePasswordNextSignIn: true } } });
  }

  /** Invalidates the user's refresh tokens and session cookies. */
  async revokeSessions(idOrUpn: string): Promise<void> {
    await this.api.send({ method: 'POST', path: `/users/${encodeURIComponent(idOrUpn)}/revokeSignInSessions` });
  }

  /** Users Identity Protection considers at risk. */
  async listRiskyUsers(): Promise<RiskyUser[]> {
    return (await this.api.send<{ value: RiskyUser[] }>({ method: 'GET', path: '/identityProtection/riskyUsers' })).value;
  }

  /** Marks users (object ids) as confirmed compromised. */
  async confirmCompromised(userIds: string[]): Promise<void> {
    await this.api.send({ method: 'POST', path: '/identityProtection/riskyUsers/confirmCompromised', body: { userIds } });
  }

  /** Dismisses the risk of users (object ids). */
  async dismissRiskyUsers(userIds: string[]): Promise<void> {
    await this.api.send({ method: 'POST', path: '/identityProtection/riskyUsers/dismiss', body: { userIds } });
  }

  /** Sends mail from the given mailbox. */
  async sendMail(from: string, message: MailMessage): Promise<void> {
    const recipients = (list: string[] = []) => list.map((address) => ({ emailAddress: { address } }));
    await this.api.send({
      method: 'POST',
      path: `/users/${encodeURIComponent(from)}/sendMail`,
      body: {
        message: { subject: message.subject, body: { contentType: message.contentType ?? 'HTML', content: message.body }, toRecipients: recipients(message.to), ccRecipients: recipients(message.cc) },
        saveToSentItems: true,
      },
    });
  }

  /** Security incidents in the Graph shape, with their alerts when asked. */
  async listSecurityIncidents(opts: { top?: number; expandAlerts?: boolean } = {}): Promise<SecurityIncident[]> {
    return (await this.api.send<{ value: SecurityIncident[] }>({ method: 'GET', path: '/security/incidents', query: { $top: opts.top, $expand: opts.expandAlerts ? 'alerts' : undefined } })).value;
  }

  /** One security incident in the Graph shape. */
  getSecurityIncident(id: string, expandAlerts = false): Promise<SecurityIncident> {
    return this.api.send<SecurityIncident>({ method: 'GET', path: `/security/incidents/${encodeURIComponent(id)}`, query: { $expand: expandAlerts ? 'alerts' : undefined } });
  }
}
