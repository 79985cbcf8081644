import type { Logger } from 'pino';
import { todayInJapan } from '../../jp/index.ts';
import type { Database } from '../db/database.ts';
import type { MigrationSource } from '../db/migrations.ts';
import { inPlatform } from '../db/tenant-scope.ts';
import { listTenants } from '../tenancy/tenant.ts';
import { RequestMeter } from './requests.ts';
import { measureUsage, tableOwners, type UsageDay } from './usage.ts';

export { addUsage, readUsage, PLATFORM_BUSINESS, type UsageDay } from './usage.ts';

/** The business of an API path: its module's id (/api/v1/<module>/…), else the platform's own routes. */
export function businessOfPath(pathname: string, moduleIds: ReadonlySet<string>): string {
  const segment = /^\/api\/v1\/([a-z][a-z0-9-]*)/.exec(pathname)?.[1];
  return segment && moduleIds.has(segment) && segment !== 'tenants' ? segment : 'platform';
}

export interface MeteringOptions {
  /** How often counted API requests are written (default 10 s). */
  flushMs?: number;
  /** How often every 団体's stored rows and bytes are measured (YAKUBA_METER_MEASURE_MINUTES, default 6 h). */
  measureEveryMs?: number;
}

/**
 * 利用量の計測 (issue #11): what each 団体 uses, measured from the running system. API requests are
 * counted as they are answered, job CPU time is added by each chunk as it commits (jobs/runner.ts), and
 * a periodic task measures stored rows, bytes and certificates issued; all land in usage_daily.
 */
export class Metering {
  readonly requests: RequestMeter;
  private readonly owners: Map<string, string>;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database,
    sources: readonly MigrationSource[],
    private readonly log: Logger,
    private readonly options: MeteringOptions = {},
  ) {
    this.requests = new RequestMeter(db, log, options.flushMs);
    this.owners = tableOwners(sources);
  }

  measure(tenantCode: string, day = todayInJapan()): Promise<UsageDay[]> {
    return measureUsage(this.db, this.owners, tenantCode, day);
  }

  /** Measures every active 団体 now; a 団体 that fails is logged and the others still measured. */
  async measureAll(day = todayInJapan()): Promise<number> {
    const tenants = (await inPlatform(this.db, listTenants)).filter((t) => t.status === 'active');
    let measured = 0;
    for (const t of tenants) {
      try {
        await this.measure(t.tenantCode, day);
        measured += 1;
      } catch (error) {
        this.log.warn({ err: error instanceof Error ? error.message : String(error), tenantCode: t.tenantCode }, 'usage not measured');
      }
    }
    return measured;
  }

  start(): void {
    this.requests.start();
    const every = this.options.measureEveryMs ?? Number(process.env.YAKUBA_METER_MEASURE_MINUTES ?? 360) * 60_000;
    // The first measurement a minute after start-up (not during it), then at the interval.
    const tick = () => {
      const started = performance.now();
      void this.measureAll().then((n) => this.log.info({ tenants: n, ms: Math.round(performance.now() - started) }, 'usage measured'));
      this.timer = setTimeout(tick, every);
      this.timer.unref();
    };
    this.timer = setTimeout(tick, Math.min(60_000, every));
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.requests.stop();
  }
}
