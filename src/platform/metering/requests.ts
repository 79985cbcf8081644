import type { Logger } from 'pino';
import { todayInJapan } from '../../jp/index.ts';
import type { Database } from '../db/database.ts';
import { inTenant } from '../db/tenant-scope.ts';
import { addUsage } from './usage.ts';

/**
 * API requests per 団体, business and day. Counted in memory as they are answered and added to
 * usage_daily every few seconds: one write per 団体 and business per interval rather than one per
 * request, which would double the cost of a read. A crash loses at most one interval's counts.
 */
export class RequestMeter {
  private counts = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
    private readonly intervalMs = 10_000,
  ) {}

  private day = { number: Number.NaN, iso: '' };

  count(tenantCode: string, business: string): void {
    // Japan has no daylight saving: the day number of UTC+9 changes exactly at Japan's midnight, so the
    // date is formatted once a day rather than once a request (Intl formatting is most of a count's cost).
    const number = Math.floor((Date.now() + 9 * 3_600_000) / 86_400_000);
    if (number !== this.day.number) this.day = { number, iso: todayInJapan() };
    const key = `${tenantCode}|${business}|${this.day.iso}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  /** Writes what has been counted so far; counts of a failed write are kept for the next try. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const taken = this.counts;
      this.counts = new Map();
      for (const [key, n] of taken) {
        const [tenantCode, business, day] = key.split('|') as [string, string, string];
        try {
          await inTenant(this.db, tenantCode, (trx) => addUsage(trx, business, 'api_requests', n, day));
        } catch (error) {
          this.counts.set(key, (this.counts.get(key) ?? 0) + n);
          this.log.warn({ err: error instanceof Error ? error.message : String(error), tenantCode, business }, 'API request counts not written; kept for the next flush');
        }
      }
    });
    return this.flushing;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
