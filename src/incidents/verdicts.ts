import type { Verdict } from '../defender/types';
import type { Logger } from '../logger';
import type { IocSummary } from './model';

/** The VirusTotal lookups the notification card needs (VirusTotalClient fits). */
export interface VerdictSource {
  fileVerdict(hash: string): Promise<Verdict | undefined>;
  ipVerdict(ip: string): Promise<Verdict | undefined>;
  urlVerdict(url: string): Promise<Verdict | undefined>;
  domainVerdict(domain: string): Promise<Verdict | undefined>;
}

/** A verdict in the words the card shows, naming VirusTotal once, e.g. "malicious on VirusTotal (52/70 engines)". */
export function verdictWords(v: Verdict | undefined): string {
  if (!v) return 'unknown to VirusTotal';
  const s = v.stats;
  const total = (s.malicious ?? 0) + (s.suspicious ?? 0) + (s.undetected ?? 0) + (s.harmless ?? 0);
  if ((s.malicious ?? 0) > 0) return `malicious on VirusTotal (${s.malicious}/${total} engines)`;
  if ((s.suspicious ?? 0) > 0) return `suspicious on VirusTotal (${s.suspicious}/${total} engines)`;
  return `clean on VirusTotal (0/${total} engines)`;
}

/**
 * VirusTotal verdicts for an incident's IOCs, looked up in parallel with a deadline so a slow
 * or rate-limited VirusTotal never holds a notification back; answers are cached for an hour.
 */
export class IocVerdicts {
  private readonly cache = new Map<string, { words: string; at: number }>();

  constructor(
    private readonly source: VerdictSource,
    private readonly logger: Logger,
    private readonly options: { deadlineMs?: number; maxLookups?: number; cacheMs?: number } = {},
  ) {}

  /** IOC value -> verdict words, for those VirusTotal answered in time. */
  async lookUp(iocs: IocSummary[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const now = Date.now();
    const wanted = iocs.slice(0, this.options.maxLookups ?? 10);
    const pending: Promise<void>[] = [];
    for (const ioc of wanted) {
      const key = `${ioc.type}:${ioc.value}`;
      const hit = this.cache.get(key);
      if (hit && now - hit.at < (this.options.cacheMs ?? 3_600_000)) {
        out.set(ioc.value, hit.words);
        continue;
      }
      pending.push(
        this.ask(ioc).then(
          (v) => {
            const words = verdictWords(v);
            this.cache.set(key, { words, at: Date.now() });
            out.set(ioc.value, words);
          },
          (err: Error) => this.logger.warn({ ioc: ioc.type, err: err.message }, 'VirusTotal lookup failed; the card shows no verdict'),
        ),
      );
    }
    const deadline = new Promise<void>((r) => setTimeout(r, this.options.deadlineMs ?? 5000).unref());
    await Promise.race([Promise.allSettled(pending), deadline]);
    return new Map(out);
  }

  private ask(ioc: IocSummary): Promise<Verdict | undefined> {
    switch (ioc.type) {
      case 'file':
        return this.source.fileVerdict(ioc.value).then((v) => (v || !ioc.sha1 ? v : this.source.fileVerdict(ioc.sha1)));
      case 'ip':
        return this.source.ipVerdict(ioc.value);
      case 'url':
        return this.source.urlVerdict(ioc.value);
      case 'domain':
        return this.source.domainVerdict(ioc.value);
    }
  }
}
