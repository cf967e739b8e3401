import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK } from 'jose';

export const BOT_ID = '11111111-2222-3333-4444-555555555555';
export const CHANNEL_ISSUER = 'https://api.botframework.com';

/**
 * The Bot Framework channel's signing side on loopback: an OpenID metadata document and a
 * JWKS with one RSA key endorsed for msteams, and a signer for channel tokens with it, so a
 * test can present both a genuine token and forgeries.
 */
export class FakeBotFrameworkChannel {
  readonly kid = 'channel-key-1';
  private readonly keys = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  private server?: http.Server;

  get metadataUrl(): string {
    return `${this.base}/v1/.well-known/openidconfiguration`;
  }

  /** The public key as PEM: what an HS256 forgery signs with, and what must never reach a log. */
  get publicKeyPem(): string {
    return this.keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  private get base(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    const jwk = { ...(await exportJWK(this.keys.publicKey)), kid: this.kid, kty: 'RSA', use: 'sig', endorsements: ['msteams'] };
    this.server = http.createServer((req, res) => {
      res.setHeader('Content-Type', 'application/json');
      if (req.url?.startsWith('/keys')) res.end(JSON.stringify({ keys: [jwk] }));
      else res.end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `${this.base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }

  /** A channel token as the Bot Framework Service signs it, with claims overridable for forgeries. */
  async token(serviceUrl: string, overrides: { aud?: string; iss?: string; nbf?: number; exp?: number } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ serviceurl: serviceUrl })
      .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'JWT' })
      .setIssuer(overrides.iss ?? CHANNEL_ISSUER)
      .setAudience(overrides.aud ?? BOT_ID)
      .setIssuedAt(now)
      .setNotBefore(overrides.nbf ?? now - 10)
      .setExpirationTime(overrides.exp ?? now + 600)
      .sign(this.keys.privateKey);
  }

  /** The classic key-confusion forgery: HS256 with the public key's PEM as the HMAC secret. */
  hs256WithPublicKey(serviceUrl: string): string {
    const now = Math.floor(Date.now() / 1000);
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', kid: this.kid, typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ iss: CHANNEL_ISSUER, aud: BOT_ID, serviceurl: serviceUrl, nbf: now - 10, exp: now + 600 })).toString('base64url');
    const sig = crypto.createHmac('sha256', this.publicKeyPem).update(`${header}.${payload}`).digest('base64url');
    return `${header}.${payload}.${sig}`;
  }
}
