import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { inTenant, type Trx } from '../db/tenant-scope.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { computeProgress, type JobProgress } from './progress.ts';
import type { JobStatus } from './types.ts';

/** A job as the API, the CLI and the worker see it. */
export interface Job {
  id: string;
  tenantCode: string;
  type: string;
  title: string;
  params: unknown;
  status: JobStatus;
  total: number;
  done: number;
  /** The last committed checkpoint (null before the first chunk and after the last). */
  cursor: unknown;
  chunkSize: number;
  cancelRequested: boolean;
  error: string | null;
  runs: number;
  runnerId: string | null;
  heartbeatAt: Date | null;
  elapsedMs: number;
  createdAt: Date;
  startedAt: Date | null;
  updatedAt: Date;
  finishedAt: Date | null;
  progress: JobProgress;
}

export interface JobRow {
  tenant_code: string;
  id: string;
  type: string;
  title: string;
  params: unknown;
  status: JobStatus;
  total: number;
  done: number;
  cursor: unknown;
  chunk_size: number;
  cancel_requested: boolean;
  error: string | null;
  runs: number;
  runner_id: string | null;
  heartbeat_at: Date | null;
  elapsed_ms: number;
  created_at: Date;
  started_at: Date | null;
  updated_at: Date;
  finished_at: Date | null;
}

export function toJob(r: JobRow): Job {
  const job: Omit<Job, 'progress'> = {
    id: r.id,
    tenantCode: r.tenant_code,
    type: r.type,
    title: r.title,
    params: r.params,
    status: r.status,
    total: r.total,
    done: r.done,
    cursor: r.cursor,
    chunkSize: r.chunk_size,
    cancelRequested: r.cancel_requested,
    error: r.error,
    runs: r.runs,
    runnerId: r.runner_id,
    heartbeatAt: r.heartbeat_at,
    elapsedMs: r.elapsed_ms,
    createdAt: r.created_at,
    startedAt: r.started_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
  };
  return { ...job, progress: computeProgress(job) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id names no job: answer as for an unknown one rather than with a cast error. */
/** Options of an action on a job (cancel, resume). */
export interface JobActionOptions {
  staleAfterMs?: number;
  /** The action's audit entry, written in its transaction: the action and its record commit together. */
  audit?: (trx: Trx, job: Job) => Promise<unknown>;
}

export function notFound(jobId: string): NotFoundError {
  return new NotFoundError(`ジョブ ${jobId} は見つかりません`);
}

/**
 * The job row, optionally locked. `skip-locked` returns nothing for a row a runner holds mid-chunk;
 * `stale` tells whether the heartbeat is older than `staleAfterMs` (database clock, so that runners on
 * different machines agree).
 */
export async function selectJob(
  trx: Trx,
  jobId: string,
  options: { lock?: 'update' | 'skip-locked'; staleAfterMs?: number } = {},
): Promise<(JobRow & { stale: boolean }) | undefined> {
  if (!UUID.test(jobId)) return undefined;
  const lock = options.lock === 'update' ? sql`FOR UPDATE` : options.lock === 'skip-locked' ? sql`FOR UPDATE SKIP LOCKED` : sql``;
  const staleSecs = (options.staleAfterMs ?? 0) / 1000;
  const { rows } = await sql<JobRow & { stale: boolean }>`
    SELECT *, coalesce(heartbeat_at < clock_timestamp() - make_interval(secs => ${staleSecs}::float8), true) AS stale
    FROM job WHERE tenant_code = current_tenant() AND id = ${jobId}::uuid ${lock}`.execute(trx);
  return rows[0];
}

export async function getJob(db: Database, tenantCode: string, jobId: string): Promise<Job> {
  const row = await inTenant(db, tenantCode, (trx) => selectJob(trx, jobId));
  if (!row) throw notFound(jobId);
  return toJob(row);
}

export interface ListJobsOptions {
  status?: JobStatus | readonly JobStatus[];
  type?: string;
  /** Newest first; default 100, at most 1000. */
  limit?: number;
}

export async function listJobs(db: Database, tenantCode: string, options: ListJobsOptions = {}): Promise<Job[]> {
  const limit = options.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new ValidationError([{ field: 'limit', rule: 'range', message: '件数は1から1000までの整数で指定してください' }]);
  }
  const statuses = options.status === undefined ? null : typeof options.status === 'string' ? [options.status] : [...options.status];
  return inTenant(db, tenantCode, async (trx) => {
    const { rows } = await sql<JobRow>`
      SELECT * FROM job
      WHERE tenant_code = current_tenant()
        AND (${statuses}::text[] IS NULL OR status = ANY (${statuses}::text[]))
        AND (${options.type ?? null}::text IS NULL OR type = ${options.type ?? null})
      ORDER BY created_at DESC, id DESC
      LIMIT ${limit}`.execute(trx);
    return rows.map(toJob);
  });
}
