/** A documented API quota: calls per minute and per hour, per application. */
export interface RateLimit {
  perMinute: number;
  perHour: number;
}

/** The API families the Defender docs give separate quotas for. */
export type RateLimitedApi = 'incidents' | 'machineActions' | 'defender';

/** Per-family quotas; a family left out uses the documented value. */
export type RateLimitSettings = Partial<Record<RateLimitedApi, RateLimit>>;

/** Documented quotas: incidents 50/min & 1500/h; machine actions and other MDE APIs 100/min & 1500/h. */
export const DOCUMENTED_RATE_LIMITS: Record<RateLimitedApi, RateLimit> = {
  incidents: { perMinute: 50, perHour: 1500 },
  machineActions: { perMinute: 100, perHour: 1500 },
  defender: { perMinute: 100, perHour: 1500 },
};

/** Sliding-window counters per application and API family. */
export class RateLimiter {
  private readonly calls = new Map<string, number[]>();

  constructor(private readonly limits: Record<RateLimitedApi, RateLimit> | undefined) {}

  /** Counts one call; returns the seconds to wait when it is over quota (and does not count it). */
  take(appId: string, api: RateLimitedApi, now = Date.now()): number | undefined {
    const limit = this.limits?.[api];
    if (!limit) {
      return undefined;
    }
    const key = `${appId}|${api}`;
    const times = (this.calls.get(key) ?? []).filter((t) => t > now - 3_600_000);
    const lastMinute = times.filter((t) => t > now - 60_000);
    let waitMs = 0;
    if (lastMinute.length >= limit.perMinute) {
      waitMs = lastMinute[lastMinute.length - limit.perMinute] + 60_000 - now;
    } else if (times.length >= limit.perHour) {
      waitMs = times[times.length - limit.perHour] + 3_600_000 - now;
    }
    if (waitMs > 0) {
      this.calls.set(key, times);
      return Math.max(1, Math.ceil(waitMs / 1000));
    }
    times.push(now);
    this.calls.set(key, times);
    return undefined;
  }

  /** Forgets every counter (on reset). */
  clear(): void {
    this.calls.clear();
  }
}

/** Resolves the `rateLimits` option: false = off, true/undefined = documented, object = overrides. */
export function resolveRateLimits(option: boolean | RateLimitSettings | undefined): Record<RateLimitedApi, RateLimit> | undefined {
  if (option === false) {
    return undefined;
  }
  return { ...DOCUMENTED_RATE_LIMITS, ...(option === true || option === undefined ? {} : option) };
}

/** An injected fault: latency, a throttling answer or a server error for matching requests. */
export interface Fault {
  id: number;
  /** Substring of the path, `*` wildcards allowed; or a regular expression when it starts with `^`. */
  path: string;
  method?: string;
  /** 429, 5xx, or a refusal (400, 401, 403, 404, 409); omitted = only latency. */
  status?: number;
  /** The error code in the answer (e.g. ActiveRequestAlreadyExists, InvalidRequest); a default per status when omitted. */
  code?: string;
  /** The error message in the answer; a default per status when omitted ("Machine ... is already isolated" and the like). */
  message?: string;
  latencyMs?: number;
  retryAfterSeconds?: number;
  /** How many matching requests it affects; omitted = until removed. */
  count?: number;
}

/** The fault table behind `POST /_sim/faults`. */
export class FaultInjector {
  private faults: Fault[] = [];
  private nextId = 1;

  /** Adds a fault and returns it with its id. */
  add(spec: Omit<Fault, 'id'>): Fault {
    const fault = { ...spec, id: this.nextId++ };
    this.faults.push(fault);
    return fault;
  }

  /** Removes every fault. */
  clear(): void {
    this.faults = [];
  }

  /** The fault for this request, if any, counting it down. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find((f) => (!f.method || f.method.toUpperCase() === method) && pathMatches(f.path, path));
    if (fault?.count !== undefined) {
      fault.count -= 1;
      if (fault.count <= 0) {
        this.faults = this.faults.filter((f) => f !== fault);
      }
    }
    return fault;
  }

  /** The faults still active. */
  list(): Fault[] {
    return [...this.faults];
  }
}

function pathMatches(pattern: string, path: string): boolean {
  if (pattern.startsWith('^')) {
    return new RegExp(pattern).test(path);
  }
  const escaped = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(escaped.join('.*'), 'i').test(path);
}
