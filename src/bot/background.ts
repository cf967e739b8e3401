import type { Logger } from '../logger';
import { errorMessage } from '../errors';

/**
 * Work a card click started and its invoke no longer waits for (a dry run, a new version): the
 * invoke answers at once with the card in a "working" state and this finishes the job, then
 * replaces the card. Tracked so shutdown (and tests) can wait for it; a failure is logged.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Starts `work` now; never throws into the caller. */
  run(label: string, work: () => Promise<void>): void {
    const job: Promise<void> = Promise.resolve()
      .then(work)
      .catch((err: unknown) => this.logger.error({ err: errorMessage(err), work: label }, 'background card work failed'))
      .finally(() => this.running.delete(job));
    this.running.add(job);
  }

  /** How many jobs are still running. */
  get size(): number {
    return this.running.size;
  }

  /** Resolves when every job started so far (and any they start) has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
