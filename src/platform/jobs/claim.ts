import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { inTenant, type Trx } from '../db/tenant-scope.ts';
import { AppError, ConflictError } from '../errors.ts';
import { notFound, selectJob, toJob, type Job, type JobRow } from './store.ts';
import { JOB_STATUS_LABELS } from './types.ts';

/** A heartbeat older than this marks a running job as abandoned (its process died). */
export const DEFAULT_STALE_AFTER_MS = 60_000;

/** Host and process, so an operator can tell whose run a job was; the suffix makes every run distinct. */
export function newRunnerId(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

export interface ClaimOptions {
  /** `resume` also takes up a failed job; `run` only a queued or abandoned one. */
  mode: 'run' | 'resume';
  staleAfterMs: number;
  /** Give up at once on a row another runner holds mid-chunk (the worker), rather than wait for it. */
  skipLocked?: boolean;
  /** How long an explicit run waits for a chunk in flight to commit before it reports the job busy. */
  lockTimeoutMs?: number;
}

/**
 * Makes `runnerId` the job's owner. A running job is taken over only if its heartbeat is stale: its
 * runner died, between chunks or in one (the dead session's lock is gone, or we would still wait).
 * Taking over is safe even if the old runner is merely slow: every chunk re-checks the owner under the
 * row lock, so the old runner's next chunk finds it has lost the job and stops.
 */
export async function claimJob(db: Database, tenantCode: string, jobId: string, runnerId: string, options: ClaimOptions): Promise<Job> {
  try {
    return await inTenant(db, tenantCode, async (trx) => {
      if (!options.skipLocked) await sql`SELECT set_config('lock_timeout', ${`${options.lockTimeoutMs ?? 10_000}ms`}, true)`.execute(trx);
      const row = await selectJob(trx, jobId, { lock: options.skipLocked ? 'skip-locked' : 'update', staleAfterMs: options.staleAfterMs });
      if (!row) {
        if (options.skipLocked && (await selectJob(trx, jobId))) throw busy(jobId);
        throw notFound(jobId);
      }
      if (row.status === 'running' && !row.stale) throw busy(jobId);
      if (row.status === 'failed' && options.mode === 'run') {
        throw new ConflictError(`ジョブ ${jobId} は失敗して停止しています。原因を取り除いてから再開（resume）してください`, 'job-failed');
      }
      if (row.status === 'succeeded' || row.status === 'cancelled') throw finished(jobId, row);
      const { rows } = await sql<JobRow>`
        UPDATE job SET status = 'running', runner_id = ${runnerId}, heartbeat_at = clock_timestamp(), updated_at = clock_timestamp(),
               started_at = coalesce(started_at, clock_timestamp()), finished_at = NULL, error = NULL, runs = runs + 1
        WHERE tenant_code = current_tenant() AND id = ${jobId}::uuid
        RETURNING *`.execute(trx);
      return toJob(rows[0]!);
    });
  } catch (error) {
    // lock_not_available: a live runner held the row for longer than lockTimeoutMs.
    if ((error as { code?: string }).code === '55P03') throw busy(jobId);
    throw error;
  }
}

function busy(jobId: string): ConflictError {
  return new ConflictError(`ジョブ ${jobId} は別の処理が実行中です`, 'job-running');
}

export function finished(jobId: string, row: JobRow): ConflictError {
  return new ConflictError(`ジョブ ${jobId} は既に終了しています（状態: ${JOB_STATUS_LABELS[row.status]}）`, 'job-finished');
}

/**
 * Locks the job and returns it only if `runnerId` still owns it: the fence every write of a runner
 * goes through, so a runner that lost its job (taken over, cancelled) changes nothing.
 */
export async function lockOwned(trx: Trx, jobId: string, runnerId: string): Promise<{ owned: JobRow | undefined; row: JobRow | undefined }> {
  const row = await selectJob(trx, jobId, { lock: 'update' });
  const owned = row && row.status === 'running' && row.runner_id === runnerId ? row : undefined;
  return { owned, row };
}

/** Hands the job back to the queue with its checkpoint (graceful stop of the runner, not a cancel). */
export async function releaseJob(db: Database, tenantCode: string, jobId: string, runnerId: string): Promise<Job> {
  return inTenant(db, tenantCode, async (trx) => {
    const { owned, row } = await lockOwned(trx, jobId, runnerId);
    if (!row) throw notFound(jobId);
    if (!owned) return toJob(row);
    const { rows } = await sql<JobRow>`
      UPDATE job SET status = 'queued', runner_id = NULL, updated_at = clock_timestamp()
      WHERE tenant_code = current_tenant() AND id = ${jobId}::uuid RETURNING *`.execute(trx);
    return toJob(rows[0]!);
  });
}

/**
 * Records why the job stopped, after its chunk rolled back. If even this write fails (the database is
 * gone), both errors are thrown: the job stays 'running' and is recovered once its heartbeat goes stale.
 */
export async function markFailed(db: Database, tenantCode: string, jobId: string, runnerId: string, error: unknown): Promise<Job> {
  const message = failureMessage(error);
  try {
    return await inTenant(db, tenantCode, async (trx) => {
      const { owned, row } = await lockOwned(trx, jobId, runnerId);
      if (!row) throw notFound(jobId);
      if (!owned) return toJob(row);
      const { rows } = await sql<JobRow>`
        UPDATE job SET status = 'failed', error = ${message}, runner_id = NULL,
               finished_at = clock_timestamp(), updated_at = clock_timestamp()
        WHERE tenant_code = current_tenant() AND id = ${jobId}::uuid RETURNING *`.execute(trx);
      return toJob(rows[0]!);
    });
  } catch (recordError) {
    throw new AggregateError([error, recordError], `ジョブ ${jobId} の失敗を記録できませんでした: ${message}`);
  }
}

/** Errors that are answers keep their Japanese detail; anything else is named as unexpected. */
export function failureMessage(error: unknown): string {
  const message =
    error instanceof AppError
      ? error.detail
      : `処理中に予期しないエラーが発生しました: ${error instanceof Error ? error.message : String(error)}`;
  return message.slice(0, 2000);
}
