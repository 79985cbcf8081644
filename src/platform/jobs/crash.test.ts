import { describe, expect, it } from 'vitest';
import { createSquaresTables, expectedSquares, readSquares, squaresJob } from '../../../test/fixtures/job-squares.ts';
import { sharedTestDatabase } from '../../../test/support/database.ts';
import { runAndKill } from '../../../test/support/job-crash.ts';
import { openDatabase } from '../db/database.ts';
import { inPlatform } from '../db/tenant-scope.ts';
import { insertTenant, validateTenantCode } from '../tenancy/tenant.ts';
import { resumeJob, runJob } from './runner.ts';
import { getJob } from './store.ts';
import { submitJob } from './submit.ts';

const CRASHED = '131016';
const CLEAN = '131024';
const job = squaresJob();
const catalog = new Map([[job.type, job]]);
// 40 chunks of 10, each holding its transaction open for a while: the kill lands mid-run, most likely
// inside a chunk, after at least three chunks committed and long before the last.
const params = { from: 1, to: 400, delayMs: 40 };

describe('job crash', () => {
  it('resumes a job killed mid-run to exactly the result of an uninterrupted run', { timeout: 180_000 }, async () => {
    const shared = await sharedTestDatabase();
    try {
      let db = await openDatabase(shared.config);
      let jobId: string;
      try {
        await inPlatform(db, async (trx) => {
          await insertTenant(trx, validateTenantCode(CRASHED));
          await insertTenant(trx, validateTenantCode(CLEAN));
        });
        await createSquaresTables(db);
        jobId = (await submitJob(db, catalog, CRASHED, job.type, params)).id;
      } finally {
        // Only one process may have a PGlite directory open: the child's turn.
        await db.close();
      }

      const reported = await runAndKill(shared.env, CRASHED, jobId, 30);

      db = await openDatabase(shared.config);
      try {
        const interrupted = await getJob(db, CRASHED, jobId);
        expect(interrupted.status).toBe('running');
        // Everything reported committed is there; the chunk in flight, if any, rolled back whole.
        expect(interrupted.done).toBeGreaterThanOrEqual(reported);
        expect(interrupted.done).toBeLessThan(400);
        const partial = await readSquares(db, CRASHED);
        expect(partial.rows).toEqual(expectedSquares(1, interrupted.done, 10).rows);

        // The heartbeat is fresh (the process died a moment ago): an ordinary resume waits for it to go
        // stale; an operator who knows the process is gone says so with staleAfterMs.
        await expect(resumeJob(db, catalog, CRASHED, jobId, { lockTimeoutMs: 30_000 })).rejects.toMatchObject({ code: 'job-running' });
        const resumed = await resumeJob(db, catalog, CRASHED, jobId, { staleAfterMs: 0, lockTimeoutMs: 30_000 });
        expect(resumed).toMatchObject({ status: 'succeeded', done: 400, runs: 2 });

        const clean = await submitJob(db, catalog, CLEAN, job.type, params);
        expect(await runJob(db, catalog, CLEAN, clean.id)).toMatchObject({ status: 'succeeded', done: 400, runs: 1 });

        const crashedResult = await readSquares(db, CRASHED);
        const cleanResult = await readSquares(db, CLEAN);
        expect(crashedResult).toEqual(cleanResult);
        expect(crashedResult).toEqual(expectedSquares(1, 400, 10));
      } finally {
        await db.close();
      }
    } finally {
      await shared.dispose();
    }
  });
});
