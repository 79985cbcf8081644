import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { inTenant } from '../db/tenant-scope.ts';
import { ConflictError } from '../errors.ts';
import { DEFAULT_STALE_AFTER_MS, finished } from './claim.ts';
import { withExclusiveConflict } from './submit.ts';
import { notFound, selectJob, toJob, type Job, type JobActionOptions, type JobRow } from './store.ts';

/**
 * Puts a failed job, or one whose runner died, back in the queue with its checkpoint, for the worker to
 * continue (the API's resume; `yakuba job resume` instead runs it in the CLI's own process).
 */
export async function requeueJob(db: Database, tenantCode: string, jobId: string, options: JobActionOptions = {}): Promise<Job> {
  return inTenant(db, tenantCode, async (trx) => {
    const row = await selectJob(trx, jobId, { lock: 'update', staleAfterMs: options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS });
    if (!row) throw notFound(jobId);
    if (row.status === 'succeeded' || row.status === 'cancelled') throw finished(jobId, row);
    if (row.status === 'running' && !row.stale) throw new ConflictError(`ジョブ ${jobId} は実行中です`, 'job-running');
    // A failed job is not open: another of its kind may have been submitted since, and then it waits.
    const { rows } = await withExclusiveConflict(row.title, () => sql<JobRow>`
      UPDATE job SET status = 'queued', runner_id = NULL, error = NULL, updated_at = clock_timestamp()
      WHERE tenant_code = current_tenant() AND id = ${jobId}::uuid RETURNING *`.execute(trx));
    const job = toJob(rows[0]!);
    await options.audit?.(trx, job);
    return job;
  });
}
