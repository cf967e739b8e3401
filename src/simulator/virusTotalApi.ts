import crypto from 'node:crypto';
import type { SimContext } from './context';
import { header, json, virusTotalError, type SimRequest, type SimResponse } from './http';
import type { Json } from './state';
import { knownFiles } from './tenant';

const STAT_KEYS = ['harmless', 'type-unsupported', 'suspicious', 'confirmed-timeout', 'timeout', 'failure', 'malicious', 'undetected'];

/** `/vt/api/v3/...`: file, IP, URL and domain reports from the verdicts set with `PUT /_sim/virustotal`. */
export class VirusTotalApi {
  private quotaWindow: number[] = [];

  constructor(private readonly ctx: SimContext) {}

  /** Answers one VirusTotal request. */
  handle(req: SimRequest): SimResponse {
    const key = header(req, 'x-apikey');
    if (!key) throw virusTotalError(401, 'AuthenticationRequiredError', 'X-Apikey header is missing');
    if (key !== this.ctx.store.identity.vtApiKey) throw virusTotalError(401, 'WrongCredentialsError', 'Wrong API key');
    this.checkQuota();
    if (req.method !== 'GET') throw virusTotalError(405, 'MethodNotAllowedError', `Method ${req.method} not allowed`);
    const parts = req.path.split('/').filter(Boolean); // vt api v3 files {id}
    const kind = parts[3];
    const id = parts[4] === undefined ? '' : decodeURIComponent(parts[4]);
    if (parts.length !== 5) throw virusTotalError(404, 'NotFoundError', `Resource ${req.path} not found`);
    switch (kind) {
      case 'files':
        return this.file(id);
      case 'ip_addresses':
        return this.simple('ip_address', id, this.ctx.store.data.virusTotal.ips, 'IP address');
      case 'domains':
        return this.simple('domain', id.toLowerCase(), this.ctx.store.data.virusTotal.domains, 'Domain');
      case 'urls':
        return this.url(id);
      default:
        throw virusTotalError(400, 'BadRequestError', `Unknown collection ${kind ?? ''}`);
    }
  }

  /** Forgets the quota window (on reset). */
  resetQuota(): void {
    this.quotaWindow = [];
  }

  private checkQuota(): void {
    const perMinute = this.ctx.virusTotalQuotaPerMinute;
    if (!perMinute) return;
    const now = Date.now();
    this.quotaWindow = this.quotaWindow.filter((t) => t > now - 60_000);
    if (this.quotaWindow.length >= perMinute) {
      throw virusTotalError(429, 'QuotaExceededError', 'Quota exceeded');
    }
    this.quotaWindow.push(now);
  }

  private file(hash: string): SimResponse {
    const h = hash.toLowerCase();
    const verdicts = this.ctx.store.data.virusTotal.files;
    // The same file may be named by another of its hashes in the alert: follow the alert's File entity.
    const entity = knownFiles(this.ctx.store.data).get(h);
    const aliases = [h, ...(entity ? [entity.sha1, entity.sha256, entity.md5] : [])].filter((x): x is string => typeof x === 'string' && !!x).map((x) => x.toLowerCase());
    const found = aliases.find((a) => verdicts[a]);
    if (!/^([0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64})$/.test(h) || !found) {
      throw virusTotalError(404, 'NotFoundError', `File "${hash}" not found`);
    }
    const pick = (len: number) => aliases.find((a) => a.length === len) ?? null;
    const stats = fullStats(verdicts[found]);
    return this.report('file', pick(64) ?? found, stats, {
      sha256: pick(64),
      sha1: pick(40),
      md5: pick(32),
      meaningful_name: entity?.fileName ?? null,
      names: entity?.fileName ? [entity.fileName] : [],
      type_description: 'Win32 EXE',
      size: 1_048_576,
      tags: stats.malicious > 0 ? ['peexe', 'malware'] : ['peexe'],
      popular_threat_classification: stats.malicious > 0 ? { suggested_threat_label: 'trojan.generic/simulated' } : undefined,
    });
  }

  private simple(type: string, id: string, verdicts: Record<string, Json>, noun: string): SimResponse {
    const entry = verdicts[id];
    if (!entry) throw virusTotalError(404, 'NotFoundError', `${noun} "${id}" not found`);
    const extra: Json = type === 'ip_address' ? { country: 'NL', as_owner: 'Simulated Hosting B.V.', asn: 64512, network: `${id}/32` } : { registrar: 'Simulated Registrar', tld: id.split('.').pop() };
    return this.report(type, id, fullStats(entry), extra);
  }

  private url(id: string): SimResponse {
    const urls = this.ctx.store.data.virusTotal.urls;
    let decoded: string | undefined;
    try {
      decoded = Buffer.from(id, 'base64url').toString('utf8');
    } catch {
      decoded = undefined;
    }
    const match = Object.keys(urls).find((u) => {
      const variants = [u, u.endsWith('/') ? u.slice(0, -1) : `${u}/`];
      return variants.some((v) => v === decoded || sha256(v) === id.toLowerCase());
    });
    if (!match) throw virusTotalError(404, 'NotFoundError', `URL "${id}" not found`);
    return this.report('url', sha256(match), fullStats(urls[match]), { url: match, last_final_url: match, title: null });
  }

  private report(type: string, id: string, stats: Record<string, number>, extra: Json): SimResponse {
    const lastAnalysis = Math.floor(Date.now() / 1000) - 3600;
    const path = type === 'ip_address' ? 'ip_addresses' : `${type}s`;
    return json(200, {
      data: {
        id,
        type,
        links: { self: `https://www.virustotal.com/api/v3/${path}/${id}` },
        attributes: {
          last_analysis_stats: stats,
          last_analysis_date: lastAnalysis,
          reputation: stats.malicious > 0 ? -10 * stats.malicious : 0,
          total_votes: { harmless: 0, malicious: stats.malicious > 0 ? 1 : 0 },
          last_analysis_results: {},
          ...Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)),
        },
      },
    });
  }
}

function fullStats(entry: Json): Record<string, number> {
  const source = (entry.last_analysis_stats as Json | undefined) ?? entry;
  return Object.fromEntries(STAT_KEYS.map((k) => [k, Number(source[k] ?? 0)]));
}

function sha256(s: string): string {
  return crypto.createHash('sha256').update(s).digest('hex');
}
