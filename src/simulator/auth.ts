import crypto from 'node:crypto';
import { SignJWT, jwtVerify, exportJWK, type JWTPayload } from 'jose';
import { json, header, SimHttpError, type SimRequest, type SimResponse } from './http';
import type { RegisteredApp, TenantIdentity } from './state';
import { scalarText } from '../json';

const TOKEN_LIFETIME_SECONDS = 3599;
const RESERVED_SCOPES = new Set(['openid', 'profile', 'offline_access']);

/** The API a token is for; checked against the token's audience. */
export type ApiAudience = 'defender' | 'graph';

/** What a valid bearer token says about its caller. */
export interface Caller {
  appId: string;
  appName: string;
  roles: string[];
  audience: string;
}

const DEFENDER_RESOURCES = [
  'https://api.security.microsoft.com',
  'https://api.securitycenter.microsoft.com',
  'https://api.securitycenter.windows.com',
  'https://securitycenter.onmicrosoft.com/windowsatpservice',
  'https://api.security.microsoft.us',
  'https://api-gov.securitycenter.microsoft.us',
];
const GRAPH_RESOURCES = ['https://graph.microsoft.com', 'https://graph.microsoft.us', 'https://microsoftgraph.chinacloudapi.cn'];

/** The Entra ID half of the simulator: OpenID metadata, client-credentials tokens, token checks. */
export class EntraId {
  private privateKey: crypto.KeyObject;
  private publicKey: crypto.KeyObject;

  constructor(
    private readonly identity: TenantIdentity,
    private readonly apps: () => RegisteredApp[],
    private readonly baseUrl: () => string,
  ) {
    this.privateKey = crypto.createPrivateKey(identity.signingKeyPem);
    this.publicKey = crypto.createPublicKey(this.privateKey);
  }

  /** True for the tenant id or one of the names a client may use for it. */
  knowsTenant(tenant: string): boolean {
    const t = tenant.toLowerCase();
    return t === this.identity.tenantId || t === 'contoso.onmicrosoft.com';
  }

  /** `/{tenant}/v2.0/.well-known/openid-configuration` (and the v1 variant msal-node may ask for). */
  openIdConfiguration(tenant: string): SimResponse {
    if (!this.knowsTenant(tenant)) {
      return json(400, aadError('invalid_tenant', 90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`));
    }
    const base = `${this.baseUrl()}/${this.identity.tenantId}`;
    return json(200, {
      token_endpoint: `${base}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${base}/v2.0`,
      request_uri_parameter_supported: false,
      userinfo_endpoint: `${this.baseUrl()}/oidc/userinfo`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
      http_logout_supported: true,
      frontchannel_logout_supported: true,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nbf', 'tid', 'roles', 'appid'],
      kerberos_endpoint: `${base}/kerberos`,
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
      rbac_url: 'https://pas.windows.net',
    });
  }

  /** The instance discovery answer MSAL asks for before trusting an authority host. */
  instanceDiscovery(): SimResponse {
    const host = new URL(this.baseUrl()).host;
    return json(200, {
      tenant_discovery_endpoint: `${this.baseUrl()}/${this.identity.tenantId}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    });
  }

  /** The public keys tokens are signed with. */
  async keys(): Promise<SimResponse> {
    const jwk = await exportJWK(this.publicKey);
    return json(200, { keys: [{ ...jwk, kid: this.identity.signingKeyId, use: 'sig', alg: 'RS256' }] });
  }

  /** `POST /{tenant}/oauth2/v2.0/token`, client credentials with a secret, as Entra ID answers it. */
  async token(tenant: string, req: SimRequest): Promise<SimResponse> {
    if (!this.knowsTenant(tenant)) {
      return json(400, aadError('invalid_request', 90002, `Tenant '${tenant}' not found.`));
    }
    const form = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, string>;
    let clientId = form.client_id;
    let clientSecret = form.client_secret;
    const basic = header(req, 'authorization');
    if (basic?.startsWith('Basic ')) {
      const [id, secret] = Buffer.from(basic.slice(6), 'base64').toString().split(':');
      clientId = clientId ?? decodeURIComponent(id ?? '');
      clientSecret = clientSecret ?? decodeURIComponent(secret ?? '');
    }
    if (form.grant_type !== 'client_credentials') {
      return json(400, aadError('unsupported_grant_type', 70003, `The app requested an unsupported grant type '${form.grant_type ?? ''}'. The simulator supports client_credentials.`));
    }
    if (!clientId) {
      return json(400, aadError('invalid_request', 900144, "The request body must contain the following parameter: 'client_id'."));
    }
    const app = this.apps().find((a) => a.clientId === clientId);
    if (!app) {
      return json(400, aadError('unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${this.identity.tenantId}'.`));
    }
    if (!clientSecret) {
      return json(401, aadError('invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."));
    }
    if (!timingSafeEqual(clientSecret, app.clientSecret)) {
      return json(401, aadError('invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`));
    }
    const scopes = (form.scope ?? '').split(/\s+/).filter((s) => s && !RESERVED_SCOPES.has(s));
    const resourceScope = scopes.find((s) => s.endsWith('/.default'));
    if (!resourceScope || scopes.length !== 1) {
      return json(400, aadError('invalid_scope', 1002012, `The provided value for scope ${form.scope ?? ''} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`));
    }
    const audience = resourceScope.slice(0, -'/.default'.length);
    const now = Math.floor(Date.now() / 1000);
    const accessToken = await new SignJWT({
      aud: audience,
      tid: this.identity.tenantId,
      appid: app.clientId,
      azp: app.clientId,
      app_displayname: app.displayName,
      oid: app.clientId,
      sub: app.clientId,
      roles: app.roles,
      idtyp: 'app',
      ver: '1.0',
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: this.identity.signingKeyId })
      .setIssuer(this.issuer())
      .setIssuedAt(now)
      .setNotBefore(now - 5)
      .setExpirationTime(now + TOKEN_LIFETIME_SECONDS)
      .setJti(crypto.randomUUID())
      .sign(this.privateKey);
    return json(200, { token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS, ext_expires_in: TOKEN_LIFETIME_SECONDS, access_token: accessToken });
  }

  /**
   * Checks the bearer token for an API call: a signed, unexpired token from this tenant whose
   * audience is that API. Throws the API's own 401 otherwise (built by `unauthorized`).
   */
  async authenticate(req: SimRequest, api: ApiAudience, unauthorized: (message: string) => SimHttpError): Promise<Caller> {
    const auth = header(req, 'authorization');
    if (!auth || !/^bearer\s+/i.test(auth)) {
      throw unauthorized('Access token is empty.');
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(auth.replace(/^bearer\s+/i, ''), this.publicKey, { issuer: this.issuer(), algorithms: ['RS256'] }));
    } catch (err) {
      const expired = err instanceof Error && /exp/.test(err.message);
      throw unauthorized(expired ? 'Lifetime validation failed, the token is expired.' : 'Invalid access token: the signature or issuer does not match this tenant.');
    }
    const audience = String(payload.aud ?? '');
    if (!this.audienceFits(audience, api)) {
      throw unauthorized(`Invalid audience '${audience}': this token is not for the ${api === 'graph' ? 'Microsoft Graph' : 'Defender'} API.`);
    }
    const appId = scalarText(payload.appid);
    const app = this.apps().find((a) => a.clientId === appId);
    return {
      appId,
      appName: scalarText(payload.app_displayname, app?.displayName ?? appId),
      roles: Array.isArray(payload.roles) ? payload.roles.map(String) : [],
      audience,
    };
  }

  private issuer(): string {
    return `https://sts.windows.net/${this.identity.tenantId}/`;
  }

  private audienceFits(audience: string, api: ApiAudience): boolean {
    const aud = audience.replace(/\/+$/, '').toLowerCase();
    const known = api === 'graph' ? GRAPH_RESOURCES : DEFENDER_RESOURCES;
    if (known.includes(aud)) {
      return true;
    }
    // The simulator itself as resource: DEFENDER_API_BASE (the origin) or GRAPH_API_BASE (origin + /graph).
    try {
      const u = new URL(aud);
      const local = ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
      const pathName = u.pathname.replace(/\/+$/, '');
      return local && (api === 'graph' ? pathName === '/graph' || pathName === '' : pathName === '' || pathName === '/api');
    } catch {
      return false;
    }
  }
}

/** The Entra ID (AADSTS) error body. */
export function aadError(error: string, code: number, description: string): Record<string, unknown> {
  const traceId = crypto.randomUUID();
  const correlationId = crypto.randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return {
    error,
    error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${code}`,
  };
}

function timingSafeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
