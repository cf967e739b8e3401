/**
 * Teams' documented bot limits (per bot, per thread): 7 messages / 1 s, 8 / 2 s, 60 / 30 s,
 * 1800 / 3600 s; and about 50 requests / s per bot across all conversations.
 */
export const TEAMS_THREAD_LIMITS: readonly [windowMs: number, max: number][] = [
  [1000, 7],
  [2000, 8],
  [30_000, 60],
  [3_600_000, 1800],
];
export const TEAMS_GLOBAL_LIMITS: readonly [windowMs: number, max: number][] = [[1000, 50]];

/** Sliding-window pacing per key: `reserve` answers how long to wait before sending. */
export class TeamsPacer {
  private readonly sent = new Map<string, number[]>();
  private global: number[] = [];
  private pausedUntil = 0;

  constructor(
    private readonly threadLimits: readonly [number, number][] = TEAMS_THREAD_LIMITS,
    private readonly globalLimits: readonly [number, number][] = TEAMS_GLOBAL_LIMITS,
  ) {}

  /** Waits until a send to `key` fits every window, then records it. */
  async acquire(key: string): Promise<void> {
    for (;;) {
      const wait = this.delayFor(key, Date.now());
      if (wait <= 0) break;
      await new Promise((r) => setTimeout(r, wait));
    }
    const now = Date.now();
    const list = this.sent.get(key) ?? [];
    list.push(now);
    this.sent.set(key, list);
    this.global.push(now);
  }

  /** After a 429: nothing is sent by this bot until the Retry-After passes. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }

  private delayFor(key: string, now: number): number {
    const longest = Math.max(...this.threadLimits.map(([w]) => w), ...this.globalLimits.map(([w]) => w));
    const list = (this.sent.get(key) ?? []).filter((t) => t > now - longest);
    this.sent.set(key, list);
    this.global = this.global.filter((t) => t > now - Math.max(...this.globalLimits.map(([w]) => w)));
    let wait = this.pausedUntil - now;
    for (const [windowMs, max] of this.threadLimits) wait = Math.max(wait, windowWait(list, windowMs, max, now));
    for (const [windowMs, max] of this.globalLimits) wait = Math.max(wait, windowWait(this.global, windowMs, max, now));
    return wait;
  }
}

function windowWait(times: number[], windowMs: number, max: number, now: number): number {
  const inWindow = times.filter((t) => t > now - windowMs - slackMs(windowMs));
  if (inWindow.length < max) return 0;
  // The oldest send that must leave the window before one more fits; 5% slack because Teams
  // counts arrivals, and network jitter can bunch sends that left here evenly spaced.
  return inWindow[inWindow.length - max] + windowMs + slackMs(windowMs) - now;
}

/** Room left in each window for jitter between a send leaving here and Teams counting it. */
function slackMs(windowMs: number): number {
  return Math.max(50, Math.ceil(windowMs * 0.05));
}
