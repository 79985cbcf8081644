import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/database.ts';
import { createLogger } from '../log.ts';
import type { Database } from '../db/database.ts';
import { inPlatform, inTenant } from '../db/tenant-scope.ts';
import { runJob } from '../jobs/runner.ts';
import { submitJob } from '../jobs/submit.ts';
import type { JobDefinition } from '../jobs/types.ts';
import { platformMigrations } from '../registry.ts';
import { insertTenant, validateTenantCode } from '../tenancy/tenant.ts';
import { businessOfPath, Metering, readUsage } from './index.ts';
import { tableOwners } from './usage.ts';

const A = '131016';
const B = '131024';
const C = '131032';

/** Burns about `ms` of CPU per chunk: the metered time must show it. */
const busyJob = (ms: number): JobDefinition<{ chunks: number }, number> => ({
  type: 'tests.busy',
  title: 'CPUを使う一括処理（テスト）',
  chunkSize: 1,
  async plan(_trx, params) {
    return { total: params.chunks };
  },
  async runChunk(_trx, params, cursor) {
    const until = performance.now() + ms;
    let x = 0;
    while (performance.now() < until) x += Math.sqrt(x + 1);
    if (!Number.isFinite(x)) throw new Error('unreachable: keeps the loop from being optimised away');
    const next = (cursor ?? 0) + 1;
    return { processed: 1, cursor: next >= params.chunks ? null : next };
  },
});

describe('usage metering (利用量の計測)', () => {
  let db: Database;
  let metering: Metering;
  beforeAll(async () => {
    db = await testDatabase();
    await inPlatform(db, async (trx) => {
      await insertTenant(trx, validateTenantCode(A));
      await insertTenant(trx, validateTenantCode(B));
    });
    metering = new Metering(db, platformMigrations, createLogger({ level: 'silent' } as never));
  });
  afterAll(() => db?.close());

  it('knows which business owns a table from the migrations that create it', () => {
    const owners = tableOwners([...platformMigrations, { id: 'resident-registry', dir: new URL('../../modules/resident-registry/migrations/', import.meta.url).pathname }]);
    expect(owners.get('audit_log')).toBe('platform');
    expect(owners.get('usage_daily')).toBe('platform');
    expect(owners.get('resident')).toBe('resident-registry');
  });

  it('counts a request for the business of its path', () => {
    const ids = new Set(['resident-registry', 'tenants', 'operator']);
    expect(businessOfPath('/api/v1/resident-registry/drafts', ids)).toBe('resident-registry');
    expect(businessOfPath('/api/v1/tenants/131016/jobs', ids)).toBe('platform');
    expect(businessOfPath('/api/v1/auth/me', ids)).toBe('platform');
  });

  it('adds API requests per 団体, business and day, and keeps counts a failed write could not store', async () => {
    metering.requests.count(A, 'resident-registry');
    metering.requests.count(A, 'resident-registry');
    metering.requests.count(B, 'platform');
    await metering.requests.flush();
    metering.requests.count(A, 'resident-registry');
    await metering.requests.flush();
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
    const a = await inTenant(db, A, (trx) => readUsage(trx, day, day));
    expect(a.map((u) => [u.business, u.apiRequests])).toEqual([['resident-registry', 3]]);
    // The other 団体 sees only its own row (usage_daily is a tenant table).
    expect((await inTenant(db, B, (trx) => readUsage(trx, day, day))).map((u) => [u.business, u.apiRequests])).toEqual([['platform', 1]]);
    // A write that fails (here: a 団体 not yet in the directory) keeps its counts for the next flush.
    metering.requests.count(C, 'platform');
    await metering.requests.flush();
    await inPlatform(db, (trx) => insertTenant(trx, validateTenantCode(C)));
    await metering.requests.flush();
    expect((await inTenant(db, C, (trx) => readUsage(trx, day, day))).map((u) => u.apiRequests)).toEqual([1]);
  });

  it('bills the CPU a job’s chunks used to the job’s business, with the chunk’s commit', async () => {
    const job = busyJob(60);
    const catalog = new Map([[job.type, job]]);
    const submitted = await submitJob(db, catalog, A, job.type, { chunks: 3 });
    await runJob(db, catalog, A, submitted.id);
    const { rows } = await inTenant(db, A, (trx) => sql<{ ms: string }>`SELECT job_cpu_ms AS ms FROM usage_daily WHERE business = 'tests'`.execute(trx));
    // Three chunks of 60 ms of busy work: at least 150 ms of CPU (a slower machine only adds).
    expect(Number(rows[0]!.ms)).toBeGreaterThanOrEqual(150);
  });

  it('measures stored rows and bytes per business, as a snapshot of the day', async () => {
    // The first snapshot adds the day's platform row itself: from the second on, the count is stable.
    await metering.measure(A);
    const platform = (await metering.measure(A)).find((u) => u.business === 'platform')!;
    // The job and its usage rows at least; bytes as PostgreSQL stores them.
    expect(platform.storedRows).toBeGreaterThanOrEqual(2);
    expect(platform.storedBytes).toBeGreaterThan(platform.storedRows * 24);
    expect(platform.measuredAt).toBeInstanceOf(Date);
    const again = (await metering.measure(A)).find((u) => u.business === 'platform')!;
    // Measured again: the snapshot is replaced, not added to; the counters are kept.
    expect(again.storedRows).toBe(platform.storedRows);
    expect(again.apiRequests).toBe(platform.apiRequests);
    expect(await metering.measureAll()).toBe(3);
  });
});
