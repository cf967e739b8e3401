import { createRemoteJWKSet, jwtVerify } from 'jose';
import { agentFor } from '../defender/http';
import type { BearerVerifier } from './webhook';

export interface EntraBearerSettings {
  /** AZURE_AUTHORITY_HOST, e.g. https://login.microsoftonline.com (or the simulator). */
  authorityHost: string;
  tenantId: string;
  /** App ids whose tokens the webhook takes: a token must be issued for one of them (GUID or api://GUID). */
  appIds: string[];
  /** An app role the token must carry (`roles` claim), when the deployment requires one. */
  requiredRole?: string;
  caFile?: string;
}

/**
 * The webhook's Entra ID alternative to the HMAC signature (a Logic App or automation calling
 * with its managed identity): an RS256 token signed by the tenant's published keys, issued by
 * that tenant (v1 or v2 issuer), for Rampart's app, not expired.
 */
export function entraBearerVerifier(s: EntraBearerSettings): BearerVerifier {
  const host = s.authorityHost.replace(/\/+$/, '');
  const agent = agentFor(s.caFile);
  const keys = createRemoteJWKSet(new URL(`${host}/${s.tenantId}/discovery/v2.0/keys`), agent ? { agent } : {});
  const issuers = [`https://sts.windows.net/${s.tenantId}/`, `${host}/${s.tenantId}/v2.0`, `https://login.microsoftonline.com/${s.tenantId}/v2.0`];
  const audiences = s.appIds.filter(Boolean).flatMap((id) => (id.includes('://') ? [id] : [id, `api://${id}`]));
  return async (token) => {
    if (audiences.length === 0) return false;
    try {
      const { payload } = await jwtVerify(token, keys, { issuer: issuers, audience: audiences, algorithms: ['RS256'], clockTolerance: 60 });
      if (s.requiredRole && !(Array.isArray(payload.roles) && payload.roles.includes(s.requiredRole))) return false;
      return payload.tid === undefined || payload.tid === s.tenantId;
    } catch {
      return false;
    }
  };
}
