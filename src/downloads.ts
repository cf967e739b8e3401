import crypto from 'node:crypto';
import type { Server } from 'restify';
import type { Logger } from './logger';
import type { PlaybookStore } from './playbooks/library';
import type { Db, SqliteDb } from './storage/database';
import { deploymentKey as storedKey, deploymentKeySync } from './storage/deploymentSecrets';

/**
 * Signed, expiring download links for a playbook version's Python file. The link itself is the
 * credential (like a SAS URL): HMAC-SHA256 over playbook id, version and expiry with a
 * per-deployment key kept in the database, so links survive restarts and die on expiry.
 */

const KEY_NAME = 'download-link-key';
const DEFAULT_TTL_SECONDS = 24 * 60 * 60;

/** Reads (creating once) the deployment's signing key, shared by every instance. */
export function deploymentKey(db: Db, name = KEY_NAME): Promise<Buffer> {
  return storedKey(db, name);
}

/** The same on the embedded database, synchronously. */
export function deploymentKeyNow(db: SqliteDb, name = KEY_NAME): Buffer {
  return deploymentKeySync(db, name);
}

export interface DownloadTarget {
  playbookId: string;
  version: number;
}

/** Makes and checks download links. */
export class DownloadLinks {
  private baseUrl: string;

  constructor(
    private readonly key: Buffer,
    baseUrl: string,
    private readonly ttlSeconds = DEFAULT_TTL_SECONDS,
    private readonly now: () => number = Date.now,
  ) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
  }

  /** Set once the server listens, when PUBLIC_BASE_URL is not configured. */
  setBaseUrl(url: string): void {
    this.baseUrl = url.replace(/\/$/, '');
  }

  /** An expiring URL for one version's file. */
  urlFor(target: DownloadTarget): string {
    const expires = Math.floor(this.now() / 1000) + this.ttlSeconds;
    const sig = this.sign(target, expires);
    return `${this.baseUrl}/api/downloads/playbooks/${encodeURIComponent(target.playbookId)}/${target.version}?expires=${expires}&sig=${sig}`;
  }

  /** 'ok', 'expired' or 'invalid' for a presented link. */
  verify(target: DownloadTarget, expires: string | undefined, sig: string | undefined): 'ok' | 'expired' | 'invalid' {
    if (!expires || !sig || !/^\d+$/.test(expires) || !/^[A-Za-z0-9_-]+$/.test(sig)) return 'invalid';
    const expected = Buffer.from(this.sign(target, Number(expires)));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return 'invalid';
    if (Number(expires) * 1000 < this.now()) return 'expired';
    return 'ok';
  }

  private sign(target: DownloadTarget, expires: number): string {
    return crypto.createHmac('sha256', this.key).update(`playbook:${target.playbookId}:${target.version}:${expires}`).digest('base64url');
  }
}

/** Registers `GET /api/downloads/playbooks/:id/:version` on the bot's restify server. */
export function registerDownloadRoute(server: Server, links: DownloadLinks, library: PlaybookStore, logger: Logger): void {
  server.get('/api/downloads/playbooks/:playbookId/:version', async (req, res) => {
    const params = req.params as { playbookId: string; version: string };
    const query = (req.query ?? {}) as { expires?: string; sig?: string };
    const version = Number(params.version);
    const target = { playbookId: params.playbookId, version };
    const verdict = Number.isInteger(version) ? links.verify(target, query.expires, query.sig) : 'invalid';
    if (verdict !== 'ok') {
      logger.warn({ playbookId: params.playbookId, version: params.version, verdict }, 'download link refused');
      res.send(verdict === 'expired' ? 410 : 403, {
        error: {
          code: verdict === 'expired' ? 'LinkExpired' : 'LinkInvalid',
          message: verdict === 'expired' ? 'This download link has expired. Type `export <name>` in Teams for a fresh one.' : 'This download link is not valid.',
        },
      });
      return;
    }
    const playbook = await library.get(params.playbookId);
    const v = playbook ? await library.getVersion(playbook.id, version) : undefined;
    if (!playbook || !v) {
      res.send(404, { error: { code: 'PlaybookNotFound', message: 'That playbook version no longer exists.' } });
      return;
    }
    const body = Buffer.from(v.code, 'utf8');
    res.writeHead(200, {
      'Content-Type': 'text/x-python; charset=utf-8',
      'Content-Length': body.length,
      'Content-Disposition': `attachment; filename="${playbook.name}-v${v.version}.py"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(body);
  });
}
