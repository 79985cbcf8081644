import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSquaresTables, expectedSquares, readSquares, squaresJob } from '../../../test/fixtures/job-squares.ts';
import { testDatabase } from '../../../test/support/database.ts';
import type { Database } from '../db/database.ts';
import { inPlatform, inTenant } from '../db/tenant-scope.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { insertTenant, validateTenantCode } from '../tenancy/tenant.ts';
import { cancelJob } from './cancel.ts';
import { claimJob } from './claim.ts';
import { progressBar } from './progress-bar.ts';
import { resumeJob, runJob } from './runner.ts';
import { getJob, listJobs, type Job } from './store.ts';
import { submitJob } from './submit.ts';
import type { AnyJobDefinition } from './types.ts';
import { JobWorker, recoverAbandonedJobs } from './worker.ts';

const A = '131016';
const B = '131024';
const catalogOf = (job: AnyJobDefinition) => new Map([[job.type, job]]);
const squares = catalogOf(squaresJob());

/** Makes a job look as if its runner died a while ago (crashed between chunks). */
async function abandon(db: Database, tenantCode: string, jobId: string): Promise<void> {
  await claimJob(db, tenantCode, jobId, 'dead-runner', { mode: 'run', staleAfterMs: 0 });
  await db.asOwner((client) => client.query(`UPDATE job SET heartbeat_at = now() - interval '10 minutes' WHERE id = $1`, [jobId]));
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

describe('batch jobs', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDatabase();
    await inPlatform(db, async (trx) => {
      await insertTenant(trx, validateTenantCode(A));
      await insertTenant(trx, validateTenantCode(B));
    });
    await createSquaresTables(db);
  });
  afterAll(() => db?.close());
  beforeEach(async () => {
    await db.asOwner((client) => client.query('DELETE FROM test_job_output; DELETE FROM test_job_total; DELETE FROM job'));
  });

  it('reads the next chunk ahead while one writes, and the result is exactly an inline run\'s', async () => {
    const used: (number | null)[] = [];
    const catalog = catalogOf(squaresJob({ readAhead: { used } }));
    const job = await submitJob(db, catalog, A, 'tests.squares', { from: 1, to: 95 });
    expect(await runJob(db, catalog, A, job.id)).toMatchObject({ status: 'succeeded', done: 95 });
    expect(await readSquares(db, A)).toEqual(expectedSquares(1, 95, 10));
    // Every chunk was handed what was read for it, the first one included.
    expect(used).toEqual([null, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
  });

  it('runs a chunk inline when its read-ahead failed or was read from another cursor than the job row holds', async () => {
    const used: (number | null)[] = [];
    // The read-ahead of the chunk after 30 fails; the chunk starting at 51 ends early (51–55), so the
    // read-ahead made from 60 for the chunk after it belongs to no chunk and must not be used.
    const catalog = catalogOf(squaresJob({ readAhead: { used, failsAt: (cursor) => cursor === 30, shortAt: 51 } }));
    const job = await submitJob(db, catalog, A, 'tests.squares', { from: 1, to: 95 });
    expect(await runJob(db, catalog, A, job.id)).toMatchObject({ status: 'succeeded', done: 95 });
    const out = await readSquares(db, A);
    expect(out.rows).toEqual(expectedSquares(1, 95, 10).rows);
    expect(out.chunks).toBe(10);
    // Not the chunk after 30 (failed); after the short chunk the runner drops the read-ahead made from 60
    // and reads ahead again from 55, where the job stands.
    expect(used).toEqual([null, 10, 20, 40, 50, 55, 65, 75, 85]);
  });

  it('processes the work in chunks, committing a checkpoint with each', async () => {
    const submitted = await submitJob(db, squares, A, 'tests.squares', { from: 1, to: 95 });
    expect(submitted).toMatchObject({ status: 'queued', total: 95, done: 0, chunkSize: 10, params: { from: 1, to: 95, delayMs: 0 } });

    const seen: { done: number; cursor: unknown; status: string }[] = [];
    const committed: number[] = [];
    const ended = await runJob(db, squares, A, submitted.id, {
      onProgress: async (job) => {
        seen.push({ done: job.done, cursor: job.cursor, status: job.status });
        // What another session sees after each chunk: the checkpoint and the chunk's rows, together.
        committed.push((await readSquares(db, A)).rows.length);
      },
    });
    expect(seen.map((s) => s.done)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95]);
    expect(seen.map((s) => s.cursor)).toEqual([null, 10, 20, 30, 40, 50, 60, 70, 80, 90, null]);
    expect(committed).toEqual(seen.map((s) => s.done));
    expect(ended).toMatchObject({ status: 'succeeded', done: 95, runs: 1, runnerId: null, error: null });
    expect(ended.finishedAt).toBeInstanceOf(Date);
    expect(ended.progress).toMatchObject({ done: 95, total: 95, percent: 100, etaSeconds: 0 });
    expect(await readSquares(db, A)).toEqual(expectedSquares(1, 95, 10));
    await expect(runJob(db, squares, A, submitted.id)).rejects.toMatchObject({ code: 'job-finished' });
  });

  it('validates the type, the parameters and the plan before writing anything', async () => {
    const unknown = await rejection(submitJob(db, squares, A, 'tests.nothing', {}));
    expect(unknown).toBeInstanceOf(ValidationError);
    expect(unknown).toMatchObject({ errors: [{ field: 'type', rule: 'unknown-job-type' }] });
    expect((unknown as Error).message).toContain('ジョブの種類「tests.nothing」は登録されていません');

    const shape = await rejection(submitJob(db, squares, A, 'tests.squares', { from: 'one', to: 5 }));
    expect(shape).toBeInstanceOf(ValidationError);
    expect((shape as ValidationError).errors[0]).toMatchObject({ field: 'params.from', rule: 'invalid_type' });

    const plan = await rejection(submitJob(db, squares, A, 'tests.squares', { from: 9, to: 5 }));
    expect(plan).toMatchObject({ errors: [{ field: 'params.to', rule: 'range' }] });

    const chunk = await rejection(submitJob(db, squares, A, 'tests.squares', { from: 1, to: 5 }, { chunkSize: 0 }));
    expect(chunk).toMatchObject({ errors: [{ field: 'chunkSize', rule: 'range' }] });

    expect(await listJobs(db, A)).toEqual([]);
    // The registry itself is accepted as the catalog.
    const viaRegistry = await submitJob(db, { jobs: squares }, A, 'tests.squares', { from: 1, to: 5 });
    expect((await listJobs(db, A)).map((j) => j.id)).toEqual([viaRegistry.id]);
  });

  it('cancels a queued job at once and a running one at the next chunk boundary', async () => {
    const queued = await submitJob(db, squares, A, 'tests.squares', { from: 1, to: 50 });
    expect(await cancelJob(db, A, queued.id)).toMatchObject({ status: 'cancelled', cancelRequested: true });
    await expect(runJob(db, squares, A, queued.id)).rejects.toMatchObject({ code: 'job-finished' });
    await expect(cancelJob(db, A, queued.id)).rejects.toBeInstanceOf(ConflictError);

    const running = await submitJob(db, squares, A, 'tests.squares', { from: 1, to: 95 });
    let requested: Job | undefined;
    const ended = await runJob(db, squares, A, running.id, {
      onProgress: async (job) => {
        if (job.done === 30 && !requested) requested = await cancelJob(db, A, running.id);
      },
    });
    expect(requested).toMatchObject({ status: 'running', cancelRequested: true });
    expect(ended).toMatchObject({ status: 'cancelled', done: 30, cursor: 30, runnerId: null });
    expect(await readSquares(db, A)).toEqual(expectedSquares(1, 30, 10));
    await expect(resumeJob(db, squares, A, running.id)).rejects.toMatchObject({ code: 'job-finished' });
  });

  it('cancels a job that another session is running, without tearing a chunk', async () => {
    const job = await submitJob(db, squares, A, 'tests.squares', { from: 1, to: 400, delayMs: 20 });
    const running = runJob(db, squares, A, job.id);
    while ((await getJob(db, A, job.id)).done < 20) await new Promise((r) => setTimeout(r, 10));
    expect(await cancelJob(db, A, job.id)).toMatchObject({ cancelRequested: true });
    const ended = await running;
    expect(ended.status).toBe('cancelled');
    expect(ended.done).toBeLessThan(400);
    expect(await readSquares(db, A)).toEqual(expectedSquares(1, ended.done, 10));
  });

  it('rolls a failing chunk back, records the error, and resumes from the last checkpoint', async () => {
    let failing = true;
    const flaky = catalogOf(squaresJob({ failOn: (n) => failing && n === 47 }));
    const job = await submitJob(db, flaky, A, 'tests.squares', { from: 1, to: 95 });
    const failed = await runJob(db, flaky, A, job.id);
    expect(failed).toMatchObject({ status: 'failed', done: 40, cursor: 40, runnerId: null });
    expect(failed.error).toBe('処理中に予期しないエラーが発生しました: テスト用の障害（47）');
    expect(await readSquares(db, A)).toEqual(expectedSquares(1, 40, 10));
    await expect(runJob(db, flaky, A, job.id)).rejects.toMatchObject({ code: 'job-failed' });

    failing = false;
    const resumed = await resumeJob(db, flaky, A, job.id);
    expect(resumed).toMatchObject({ status: 'succeeded', done: 95, runs: 2, error: null });
    expect(await readSquares(db, A)).toEqual(expectedSquares(1, 95, 10));
  });

  it('fails a job whose definition breaks the contract instead of looping', async () => {
    const stuck: AnyJobDefinition = { ...squaresJob(), runChunk: async () => ({ processed: 0, cursor: 5 }) };
    const job = await submitJob(db, catalogOf(stuck), A, 'tests.squares', { from: 1, to: 5 });
    const ended = await runJob(db, catalogOf(stuck), A, job.id);
    expect(ended).toMatchObject({ status: 'failed', done: 0 });
    expect(ended.error).toContain('進みませんでした');
  });

  it('keeps tenants apart', async () => {
    const job = await submitJob(db, squares, A, 'tests.squares', { from: 1, to: 5 });
    expect(await listJobs(db, B)).toEqual([]);
    await expect(getJob(db, B, job.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(cancelJob(db, B, job.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(runJob(db, squares, B, job.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getJob(db, A, 'not-a-uuid')).rejects.toThrow('ジョブ not-a-uuid は見つかりません');
    // Row-level security, not only the queries' filters: a raw count in B's context sees nothing.
    const seen = await inTenant(db, B, (trx) => sql<{ n: number }>`SELECT count(*)::int AS n FROM job`.execute(trx));
    expect(seen.rows[0]!.n).toBe(0);
    expect((await getJob(db, A, job.id)).status).toBe('queued');
    expect((await listJobs(db, A, { status: 'queued', type: 'tests.squares' })).map((j) => j.id)).toEqual([job.id]);
    expect(await listJobs(db, A, { status: ['succeeded', 'failed'] })).toEqual([]);
    await expect(listJobs(db, A, { limit: 0 })).rejects.toBeInstanceOf(ValidationError);
  });

  it('takes over a job whose runner died, but not one whose runner is alive', async () => {
    const job = await submitJob(db, squares, A, 'tests.squares', { from: 1, to: 25 });
    await claimJob(db, A, job.id, 'live-runner', { mode: 'run', staleAfterMs: 0 });
    await expect(runJob(db, squares, A, job.id)).rejects.toMatchObject({ code: 'job-running' });
    await expect(cancelJob(db, A, job.id)).resolves.toMatchObject({ status: 'running', cancelRequested: true });

    const other = await submitJob(db, squares, A, 'tests.squares', { from: 1, to: 25 });
    await abandon(db, A, other.id);
    expect(await runJob(db, squares, A, other.id)).toMatchObject({ status: 'succeeded', done: 25, runs: 2 });
    expect(await readSquares(db, A)).toEqual(expectedSquares(1, 25, 10));
  });

  it('stops a runner that lost its job to another (fencing), so no chunk runs twice', async () => {
    const job = await submitJob(db, squares, A, 'tests.squares', { from: 1, to: 95 });
    const first = await runJob(db, squares, A, job.id, {
      onProgress: async (j) => {
        if (j.done === 20) await claimJob(db, A, job.id, 'thief', { mode: 'run', staleAfterMs: 0 });
      },
    });
    expect(first).toMatchObject({ status: 'running', runnerId: 'thief', done: 20 });
    expect(await resumeJob(db, squares, A, job.id, { staleAfterMs: 0 })).toMatchObject({ status: 'succeeded', runs: 3 });
    expect(await readSquares(db, A)).toEqual(expectedSquares(1, 95, 10));
  });

  it('worker: runs queued jobs of every tenant and abandoned ones, and hands a job back on stop', async () => {
    const a = await submitJob(db, squares, A, 'tests.squares', { from: 1, to: 15 });
    const b = await submitJob(db, squares, B, 'tests.squares', { from: 1, to: 35 });
    const dead = await submitJob(db, squares, B, 'tests.squares', { from: 36, to: 50 });
    await abandon(db, B, dead.id);
    const worker = new JobWorker(db, squares, { pollMs: 10 });
    expect(await worker.drain()).toBe(3);
    for (const [tenant, id] of [[A, a.id], [B, b.id], [B, dead.id]] as const) expect((await getJob(db, tenant, id)).status).toBe('succeeded');
    expect(await readSquares(db, A)).toEqual(expectedSquares(1, 15, 10));
    expect((await readSquares(db, B)).rows).toEqual(expectedSquares(1, 50, 10).rows);

    const slow = await submitJob(db, squares, A, 'tests.squares', { from: 101, to: 400, delayMs: 25 });
    worker.start();
    while ((await getJob(db, A, slow.id)).done < 30) await new Promise((r) => setTimeout(r, 20));
    await worker.stop();
    const handedBack = await getJob(db, A, slow.id);
    expect(handedBack).toMatchObject({ status: 'queued', runnerId: null });
    expect(handedBack.done).toBeLessThan(300);
    expect(await worker.drain()).toBe(1);
    expect((await readSquares(db, A)).rows.slice(15)).toEqual(expectedSquares(101, 400, 10).rows);
  });

  it('recovers abandoned jobs into the queue, finishing requested cancellations', async () => {
    const one = await submitJob(db, squares, A, 'tests.squares', { from: 1, to: 5 });
    const two = await submitJob(db, squares, B, 'tests.squares', { from: 1, to: 5 });
    const live = await submitJob(db, squares, B, 'tests.squares', { from: 1, to: 5 });
    await abandon(db, A, one.id);
    await abandon(db, B, two.id);
    await claimJob(db, B, live.id, 'live-runner', { mode: 'run', staleAfterMs: 0 });
    await inTenant(db, B, (trx) => sql`UPDATE job SET cancel_requested = true WHERE id = ${two.id}::uuid`.execute(trx));
    const recovered = await recoverAbandonedJobs(db, { staleAfterMs: 60_000 });
    expect(recovered.map((j) => [j.id, j.status]).sort()).toEqual(
      [
        [one.id, 'queued'],
        [two.id, 'cancelled'],
      ].sort(),
    );
    expect((await getJob(db, B, live.id)).status).toBe('running');
  });

  it('draws a progress bar from the job row until the run ends', async () => {
    const job = await submitJob(db, squares, A, 'tests.squares', { from: 1, to: 60, delayMs: 5 });
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const running = runJob(db, squares, A, job.id);
    const ended = await progressBar(db, A, job.id, { intervalMs: 10, stream: out, until: running, noTTYOutput: true });
    await running;
    expect(ended.status).toBe('succeeded');
    expect(text).toContain('100.0% | 60/60 件');
    expect(text).toContain('完了');
  });
});
