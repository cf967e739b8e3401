import { createRemoteJWKSet, jwtVerify } from 'jose';
import { agentFor } from '../defender/http';
import type { BearerVerifier } from './webhook';
import { scalarText } from '../json';

export interface EntraBearerSettings {
  /** AZURE_AUTHORITY_HOST, e.g. https://login.microsoftonline.com (or the simulator). */
  authorityHost: string;
  tenantId: string;
  /** App ids whose tokens the webhook takes: a token must be issued for one of them (GUID or api://GUID). */
  appIds: string[];
  /** The app role the token must carry (`roles` claim). */
  requiredRole: string;
  /** Calling apps allowed (the token's `appid` / `azp`); empty refuses every token. */
  allowedCallers: string[];
  /** Apps never allowed to call, even when listed: Rampart's Defender app, whose credentials reach playbooks. */
  refusedCallers?: string[];
  caFile?: string;
}

/**
 * The webhook's Entra ID alternative to the HMAC signature (a Logic App or automation calling
 * with its managed identity): an RS256 token signed by the tenant's published keys, issued by
 * that tenant (v1 or v2 issuer), for Rampart's app, not expired, carrying the required app
 * role, and from a calling app on the allow-list. A token minted by any other app of the tenant
 * (or with the Defender app's own credentials) is refused.
 */
export function entraBearerVerifier(s: EntraBearerSettings): BearerVerifier {
  const host = s.authorityHost.replace(/\/+$/, '');
  const agent = agentFor(s.caFile);
  const keys = createRemoteJWKSet(new URL(`${host}/${s.tenantId}/discovery/v2.0/keys`), agent ? { agent } : {});
  const issuers = [`https://sts.windows.net/${s.tenantId}/`, `${host}/${s.tenantId}/v2.0`, `https://login.microsoftonline.com/${s.tenantId}/v2.0`];
  const audiences = s.appIds.filter(Boolean).flatMap((id) => (id.includes('://') ? [id] : [id, `api://${id}`]));
  const allowed = new Set(s.allowedCallers.map((id) => id.toLowerCase()));
  const refused = new Set((s.refusedCallers ?? []).map((id) => id.toLowerCase()));
  return async (token) => {
    if (audiences.length === 0 || allowed.size === 0) return false;
    try {
      const { payload } = await jwtVerify(token, keys, { issuer: issuers, audience: audiences, algorithms: ['RS256'], clockTolerance: 60 });
      if (!(Array.isArray(payload.roles) && payload.roles.includes(s.requiredRole))) return false;
      const caller = scalarText(payload.azp ?? payload.appid).toLowerCase();
      if (!caller || !allowed.has(caller) || refused.has(caller)) return false;
      return payload.tid === s.tenantId;
    } catch {
      return false;
    }
  };
}
