import { importJWK, jwtVerify, decodeProtectedHeader, type JWK, type JWTPayload } from 'jose';
import { AppError } from '../errors';

/** Bot Framework's public cloud values (botframework-connector's AuthenticationConstants). */
export const BOT_FRAMEWORK = {
  channelTokenIssuer: 'https://api.botframework.com',
  openIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  emulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  toChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  toChannelFromBotOAuthScope: 'https://api.botframework.com',
  oAuthUrl: 'https://api.botframework.com',
  callerId: 'urn:botframework:azure',
} as const;

/** Why a channel token was refused (the message is safe to log: no token, no key material). */
export class ChannelAuthError extends AppError {
  constructor(message: string) {
    super('ChannelAuthRefused', message, { httpStatus: 401 });
  }
}

/** A verified channel token: its claims and the channels its signing key is endorsed for. */
export interface VerifiedChannelToken {
  claims: JWTPayload & { serviceurl?: string; serviceUrl?: string };
  endorsements: string[];
}

interface KeySet {
  keys: (JWK & { endorsements?: string[] })[];
  fetchedAt: number;
}

export interface ChannelTokenVerifierOptions {
  /** BOT_ID: the audience every channel token must name. */
  appId: string;
  /** The OpenID metadata document (BOT_OPENID_METADATA_URL, else Bot Framework's). */
  openIdMetadataUrl?: string;
  issuer?: string;
  /** How long fetched keys are trusted before a refresh (default 1 h; an unknown kid refreshes sooner). */
  cacheMs?: number;
}

/**
 * Verifies a Bot Framework channel token from the Authorization header alone, before any body
 * is read: RS256 only, signed by a key from the channel's OpenID metadata, issuer and audience
 * checked, not expired or not-yet-valid. Refusals are ChannelAuthError (a 401), never a stack.
 */
export class ChannelTokenVerifier {
  private keySet?: KeySet;
  private refreshing?: Promise<KeySet>;

  constructor(private readonly o: ChannelTokenVerifierOptions) {}

  async verify(authorization: string | undefined): Promise<VerifiedChannelToken> {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
    if (!m) throw new ChannelAuthError('no Bearer token');
    const token = m[1];
    let kid: string | undefined;
    let alg: string | undefined;
    try {
      ({ kid, alg } = decodeProtectedHeader(token));
    } catch {
      throw new ChannelAuthError('the token is not a JWT');
    }
    if (alg !== 'RS256') throw new ChannelAuthError(`signing algorithm ${String(alg)} is not allowed`);
    const jwk = await this.key(kid);
    if (!jwk) throw new ChannelAuthError('the token is not signed by a known channel key');
    let key: Awaited<ReturnType<typeof importJWK>>;
    try {
      key = await importJWK({ ...jwk, alg: 'RS256' }, 'RS256');
    } catch {
      throw new ChannelAuthError('the channel key could not be read');
    }
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['RS256'],
        issuer: this.o.issuer ?? BOT_FRAMEWORK.channelTokenIssuer,
        audience: this.o.appId,
        clockTolerance: 300,
      });
      return { claims: payload, endorsements: Array.isArray(jwk.endorsements) ? jwk.endorsements : [] };
    } catch (err) {
      throw new ChannelAuthError(`the token was refused (${(err as { code?: string }).code ?? 'invalid'})`);
    }
  }

  /** Checks the activity against its token: the key is endorsed for its channel, the service URL is the token's. */
  static checkActivity(token: VerifiedChannelToken, activity: { channelId?: unknown; serviceUrl?: unknown }): void {
    const channelId = typeof activity.channelId === 'string' ? activity.channelId : '';
    if (token.endorsements.length > 0 && !token.endorsements.includes(channelId)) {
      throw new ChannelAuthError(`the signing key is not endorsed for channel "${channelId}"`);
    }
    const claimed = token.claims.serviceurl ?? token.claims.serviceUrl;
    if (typeof claimed !== 'string' || claimed !== activity.serviceUrl) {
      throw new ChannelAuthError('the activity service URL is not the one in the token');
    }
  }

  private async key(kid: string | undefined): Promise<(JWK & { endorsements?: string[] }) | undefined> {
    const cacheMs = this.o.cacheMs ?? 3_600_000;
    let set = this.keySet && Date.now() - this.keySet.fetchedAt < cacheMs ? this.keySet : await this.refresh();
    let found = set.keys.find((k) => k.kid === kid);
    // A rotated key: refresh once, at most every 5 minutes.
    if (!found && Date.now() - set.fetchedAt > 300_000) {
      set = await this.refresh();
      found = set.keys.find((k) => k.kid === kid);
    }
    return found;
  }

  private refresh(): Promise<KeySet> {
    this.refreshing ??= (async () => {
      try {
        const metadataUrl = this.o.openIdMetadataUrl ?? BOT_FRAMEWORK.openIdMetadataUrl;
        const metadata = (await fetchJson(metadataUrl)) as { jwks_uri?: string };
        if (!metadata.jwks_uri) throw new ChannelAuthError('the OpenID metadata has no jwks_uri');
        const jwks = (await fetchJson(metadata.jwks_uri)) as { keys?: KeySet['keys'] };
        this.keySet = { keys: jwks.keys ?? [], fetchedAt: Date.now() };
        return this.keySet;
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }
}

async function fetchJson(url: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    throw new ChannelAuthError(`the channel keys could not be fetched (${(err as Error).name})`);
  }
  if (!res.ok) throw new ChannelAuthError(`the channel keys could not be fetched (HTTP ${res.status})`);
  return res.json();
}
