import { DefenderApiError } from './errors';
import { ApiTransport, type HttpSettings } from './http';
import type { Verdict } from './types';

export interface VirusTotalClientOptions extends HttpSettings {
  apiKey: string;
  /** https://www.virustotal.com by default; the simulator's url + /vt locally. */
  baseUrl?: string;
}

interface VtObject {
  data: { id: string; type: Verdict['type']; attributes: Record<string, unknown> & { last_analysis_stats: Verdict['stats']; reputation?: number } };
}

/** VirusTotal v3 reputation lookups; an object VirusTotal has never seen is `undefined` ("unknown"). */
export class VirusTotalClient {
  private readonly api: ApiTransport;

  constructor(opts: VirusTotalClientOptions) {
    const base = `${(opts.baseUrl ?? 'https://www.virustotal.com').replace(/\/+$/, '')}/api/v3`;
    this.api = new ApiTransport('virustotal', base, async () => ({ 'x-apikey': opts.apiKey }), opts);
  }

  /** Verdict for a file by MD5, SHA-1 or SHA-256. */
  fileVerdict(hash: string): Promise<Verdict | undefined> {
    return this.lookup(`/files/${encodeURIComponent(hash)}`);
  }

  /** Verdict for an IP address. */
  ipVerdict(ip: string): Promise<Verdict | undefined> {
    return this.lookup(`/ip_addresses/${encodeURIComponent(ip)}`);
  }

  /** Verdict for a URL (looked up by its unpadded base64url identifier). */
  urlVerdict(url: string): Promise<Verdict | undefined> {
    return this.lookup(`/urls/${Buffer.from(url).toString('base64url')}`);
  }

  /** Verdict for a domain. */
  domainVerdict(domain: string): Promise<Verdict | undefined> {
    return this.lookup(`/domains/${encodeURIComponent(domain)}`);
  }

  private async lookup(path: string): Promise<Verdict | undefined> {
    try {
      const { data } = await this.api.send<VtObject>({ method: 'GET', path });
      return { id: data.id, type: data.type, stats: data.attributes.last_analysis_stats, reputation: data.attributes.reputation, attributes: data.attributes };
    } catch (err) {
      if (err instanceof DefenderApiError && err.code === 'NotFoundError') return undefined;
      throw err;
    }
  }
}
