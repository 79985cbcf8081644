import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSquaresTables, expectedSquares, readSquares, squaresJob } from '../../../test/fixtures/job-squares.ts';
import { testDatabase } from '../../../test/support/database.ts';
import { call as rawCall, operatorSession, staffSession, type Session } from '../../../test/support/system.ts';
import { openSystem, type System } from '../../system.ts';
import { inPlatform } from '../db/tenant-scope.ts';
import { listAuditEntries } from '../audit/index.ts';
import { defineModule } from '../module.ts';
import { insertTenant, validateTenantCode } from '../tenancy/tenant.ts';

// A module that only exists in this test, registered the way a business module is.
// Its second job asks for the module's own permission besides jobs:run (as 個人住民税's 当初課税 does).
const guarded = { ...squaresJob(), type: 'tests.guarded', permission: 'tests:decide' };
const testModule = defineModule({ id: 'tests', title: 'テスト', kind: 'platform', jobs: [squaresJob(), guarded], permissions: { decide: '決定を伴う処理' } });
const T = '131016';

describe('jobs API', () => {
  let system: System;
  let as: Session;
  const call = (s: System, method: string, path: string, body?: unknown) => rawCall(s, method, path, body, { as });
  beforeAll(async () => {
    system = await openSystem({ db: await testDatabase(), modules: [testModule] });
    await createSquaresTables(system.db);
    await inPlatform(system.db, (trx) => insertTenant(trx, validateTenantCode(T)));
    as = await operatorSession(system);
  });
  afterAll(() => system?.close());

  it('queues a job, runs it on the worker and reports its progress', async () => {
    const submitted = await call(system, 'POST', `/api/v1/tenants/${T}/jobs`, { type: 'tests.squares', params: { from: 1, to: 35 } });
    expect(submitted.status).toBe(202);
    expect(submitted.body).toMatchObject({ status: 'queued', total: 35, done: 0, progress: { percent: 0 } });
    await system.jobs.drain();
    const done = await call(system, 'GET', `/api/v1/tenants/${T}/jobs/${submitted.body.id}`);
    expect(done.body).toMatchObject({ status: 'succeeded', done: 35, progress: { done: 35, total: 35, percent: 100 } });
    expect(done.body.progress.ratePerSecond).toBeGreaterThan(0);
    expect(await readSquares(system.db, T)).toEqual(expectedSquares(1, 35, 10));
    const audited = await listAuditEntries(system.db, T, {});
    expect(audited.items.find((e) => e.function === 'jobs.submit')?.targets).toEqual([{ kind: 'job', id: submitted.body.id }]);
    const list = await call(system, 'GET', `/api/v1/tenants/${T}/jobs?status=succeeded`);
    expect(list.body.items.map((j: { id: string }) => j.id)).toEqual([submitted.body.id]);
  });

  it('cancels a queued job and refuses to resume a cancelled one', async () => {
    const { body } = await call(system, 'POST', `/api/v1/tenants/${T}/jobs`, { type: 'tests.squares', params: { from: 1, to: 5 } });
    expect((await call(system, 'POST', `/api/v1/tenants/${T}/jobs/${body.id}/cancel`)).body.status).toBe('cancelled');
    const resumed = await call(system, 'POST', `/api/v1/tenants/${T}/jobs/${body.id}/resume`);
    expect(resumed.status).toBe(409);
  });

  it('rejects an unknown job type and bad parameters with 422, writing nothing', async () => {
    const before = (await call(system, 'GET', `/api/v1/tenants/${T}/jobs`)).body.items.length;
    const unknown = await call(system, 'POST', `/api/v1/tenants/${T}/jobs`, { type: 'no.such-job' });
    expect(unknown.status).toBe(422);
    const bad = await call(system, 'POST', `/api/v1/tenants/${T}/jobs`, { type: 'tests.squares', params: { from: 5, to: 1 } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ field: 'params.to', rule: 'range' });
    expect((await call(system, 'GET', `/api/v1/tenants/${T}/jobs`)).body.items).toHaveLength(before);
  });

  it('refuses a job that needs its business\'s permission to a caller with jobs:run alone, writing nothing', async () => {
    const before = (await call(system, 'GET', `/api/v1/tenants/${T}/jobs`)).body.items.length;
    const refused = await call(system, 'POST', `/api/v1/tenants/${T}/jobs`, { type: 'tests.guarded', params: { from: 1, to: 3 } });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe('このジョブ（平方数の書き出し（テスト））には権限 tests:decide も必要です');
    expect((await call(system, 'GET', `/api/v1/tenants/${T}/jobs`)).body.items).toHaveLength(before);
    // Staff who hold it may.
    const staff = await staffSession(system, T);
    const allowed = await rawCall(system, 'POST', `/api/v1/tenants/${T}/jobs`, { type: 'tests.guarded', params: { from: 1, to: 3 } }, { as: staff });
    expect(allowed.status).toBe(202);
    // Cancelling or resuming it needs the permission too.
    expect((await call(system, 'POST', `/api/v1/tenants/${T}/jobs/${allowed.body.id}/cancel`)).status).toBe(403);
    expect((await rawCall(system, 'POST', `/api/v1/tenants/${T}/jobs/${allowed.body.id}/cancel`, undefined, { as: staff })).status).toBe(200);
  });

  it('answers 404 for an unknown job and for another tenant’s job', async () => {
    const { body } = await call(system, 'POST', `/api/v1/tenants/${T}/jobs`, { type: 'tests.squares', params: { from: 1, to: 2 } });
    await inPlatform(system.db, (trx) => insertTenant(trx, validateTenantCode('011002')));
    expect((await call(system, 'GET', `/api/v1/tenants/011002/jobs/${body.id}`)).status).toBe(404);
    expect((await call(system, 'GET', `/api/v1/tenants/${T}/jobs/not-a-job`)).status).toBe(404);
  });
});
