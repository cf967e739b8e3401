import {
  ClientSecretCredential,
  DefaultAzureCredential,
  ManagedIdentityCredential,
  type TokenCredential,
} from '@azure/identity';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { agentFor } from './http';
import { AppError } from '../errors';

export type { TokenCredential };

/** How Rampart proves who it is to Entra ID. */
export type CredentialSettings =
  | {
      kind: 'clientSecret';
      tenantId: string;
      clientId: string;
      clientSecret: string;
      /** https://login.microsoftonline.com by default; a sovereign cloud or the simulator otherwise. */
      authorityHost?: string;
      /** Extra CA to trust (the simulator's caFile). */
      caFile?: string;
    }
  | { kind: 'managedIdentity'; clientId?: string }
  | { kind: 'default'; tenantId?: string; managedIdentityClientId?: string };

const MICROSOFT_AUTHORITY_HOSTS = ['login.microsoftonline.com', 'login.microsoftonline.us', 'login.chinacloudapi.cn', 'login.partner.microsoftonline.cn'];

/** Builds the @azure/identity credential the clients get their tokens from. */
export function createCredential(settings: CredentialSettings): TokenCredential {
  switch (settings.kind) {
    case 'clientSecret': {
      const host = settings.authorityHost ?? 'https://login.microsoftonline.com';
      const agent = agentFor(settings.caFile);
      const trustCa: PipelinePolicy | undefined = agent && {
        name: 'rampartTrustExtraCa',
        sendRequest: (request, next) => {
          request.agent = agent;
          return next(request);
        },
      };
      return new ClientSecretCredential(settings.tenantId, settings.clientId, settings.clientSecret, {
        authorityHost: host,
        // Instance discovery asks login.microsoftonline.com whether the host is a real cloud; a private authority is not.
        disableInstanceDiscovery: !MICROSOFT_AUTHORITY_HOSTS.includes(new URL(host).hostname),
        additionalPolicies: trustCa ? [{ policy: trustCa, position: 'perCall' }] : undefined,
      });
    }
    case 'managedIdentity':
      return settings.clientId ? new ManagedIdentityCredential({ clientId: settings.clientId }) : new ManagedIdentityCredential();
    case 'default':
      return new DefaultAzureCredential({ tenantId: settings.tenantId, managedIdentityClientId: settings.managedIdentityClientId });
  }
}

/** Returns a function giving a bearer header for a scope, from the credential (which caches and refreshes tokens). */
export function bearer(credential: TokenCredential, scope: string): () => Promise<Record<string, string>> {
  return async () => {
    const token = await credential.getToken(scope);
    if (!token) throw new AppError('TokenUnavailable', 'Entra ID gave Rampart no access token; check TENANT_ID, CLIENT_ID and the client secret.', { httpStatus: 503, detail: `no token for ${scope}` });
    return { Authorization: `Bearer ${token.token}` };
  };
}
