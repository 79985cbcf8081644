import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { inTenant } from '../db/tenant-scope.ts';
import { DEFAULT_STALE_AFTER_MS, finished } from './claim.ts';
import { notFound, selectJob, toJob, type Job, type JobActionOptions, type JobRow } from './store.ts';

/**
 * Cancels a job. A queued or failed one (the operator gives up on resuming it), or a running one whose
 * runner is gone, is cancelled at once. A job being worked on gets a request that its runner honours
 * at the next chunk boundary, so the chunk in flight still commits whole, together with its checkpoint.
 * Waits for that chunk's row lock, so the answer reflects a settled state.
 */
export async function cancelJob(db: Database, tenantCode: string, jobId: string, options: JobActionOptions = {}): Promise<Job> {
  return inTenant(db, tenantCode, async (trx) => {
    const row = await selectJob(trx, jobId, { lock: 'update', staleAfterMs: options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS });
    if (!row) throw notFound(jobId);
    if (row.status === 'succeeded' || row.status === 'cancelled') throw finished(jobId, row);
    const now = row.status !== 'running' || row.stale;
    const { rows } = await sql<JobRow>`
      UPDATE job SET cancel_requested = true, updated_at = clock_timestamp(),
             status = ${now ? 'cancelled' : 'running'},
             runner_id = ${now ? null : row.runner_id},
             finished_at = ${now ? sql`clock_timestamp()` : sql`NULL`}
      WHERE tenant_code = current_tenant() AND id = ${jobId}::uuid RETURNING *`.execute(trx);
    const job = toJob(rows[0]!);
    await options.audit?.(trx, job);
    return job;
  });
}
