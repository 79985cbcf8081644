import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { addUsage } from '../metering/usage.ts';
import { inTenant } from '../db/tenant-scope.ts';
import { claimJob, DEFAULT_STALE_AFTER_MS, lockOwned, markFailed, newRunnerId, releaseJob } from './claim.ts';
import { getJob, notFound, toJob, type Job, type JobRow } from './store.ts';
import { findDefinition } from './submit.ts';
import { jobEvents, type AnyJobDefinition, type JobCatalog, type JobContext, type ReadAhead } from './types.ts';

export interface RunOptions {
  /**
   * Stops this runner after the chunk in flight and puts the job back in the queue with its checkpoint
   * (server shutdown). This is not a cancellation: use cancelJob() for that.
   */
  signal?: AbortSignal;
  /** Called with the job after its claim and after every committed chunk; a promise it returns is awaited. */
  onProgress?: (job: Job) => unknown;
  /** A running job whose heartbeat is older than this is taken over as abandoned (default 60 s). */
  staleAfterMs?: number;
  /** Do not wait for a row another runner holds mid-chunk; report the job busy at once (the worker). */
  skipLocked?: boolean;
  lockTimeoutMs?: number;
  runnerId?: string;
}

/**
 * Runs a queued job — or takes over one whose runner died — until it succeeds, fails, is cancelled or
 * `signal` stops it. Returns the job as it was left. A failure inside a chunk is not thrown: the chunk
 * rolls back, the job is marked failed with the message, and resumeJob() continues from the last
 * checkpoint.
 */
export async function runJob(db: Database, catalog: JobCatalog, tenantCode: string, jobId: string, options: RunOptions = {}): Promise<Job> {
  return run(db, catalog, tenantCode, jobId, 'run', options);
}

/** Like runJob(), and also continues a failed job from its last checkpoint. */
export async function resumeJob(db: Database, catalog: JobCatalog, tenantCode: string, jobId: string, options: RunOptions = {}): Promise<Job> {
  return run(db, catalog, tenantCode, jobId, 'resume', options);
}

async function run(db: Database, catalog: JobCatalog, tenantCode: string, jobId: string, mode: 'run' | 'resume', options: RunOptions): Promise<Job> {
  // The definition is looked up before the claim: a job of a type this deployment lacks stays untouched.
  const definition = findDefinition(catalog, (await getJob(db, tenantCode, jobId)).type);
  const runnerId = options.runnerId ?? newRunnerId();
  const claimed = await claimJob(db, tenantCode, jobId, runnerId, {
    mode,
    staleAfterMs: options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS,
    skipLocked: options.skipLocked,
    lockTimeoutMs: options.lockTimeoutMs,
  });
  try {
    await options.onProgress?.(claimed);
    return await chunkLoop(db, definition, tenantCode, jobId, runnerId, options, { events: jobEvents(catalog), jobId }, claimed);
  } catch (error) {
    // Failed outside a chunk (a progress callback, the database): hand the job back rather than leave
    // it 'running' until its heartbeat goes stale. If the database is gone this fails too, and
    // staleness recovers the job later.
    await releaseJob(db, tenantCode, jobId, runnerId).catch(() => undefined);
    throw error;
  }
}

async function chunkLoop(db: Database, definition: AnyJobDefinition, tenantCode: string, jobId: string, runnerId: string, options: RunOptions, context: JobContext, claimed: Job): Promise<Job> {
  const { readAhead } = definition;
  // A failed read-ahead is dropped (undefined): the chunk then reads for itself and fails in its own transaction.
  // Every read-ahead started is awaited before the runner returns: none keeps a connection after it.
  const started = new Set<Promise<unknown>>();
  const start = (cursor: unknown): Promise<ReadAhead | undefined> | undefined => {
    if (!readAhead) return undefined;
    const read = inTenant(db, tenantCode, async (trx) => {
      // A read-ahead must not write (types.ts): the database holds it to that.
      await sql`SET TRANSACTION READ ONLY`.execute(trx);
      return readAhead(trx, claimed.params, cursor, claimed.chunkSize);
    }).then((r) => ({ ...r, from: cursor }), () => undefined);
    // Forgotten once settled: a settled read-ahead holds its chunk's data.
    started.add(read);
    void read.then(() => started.delete(read));
    return read;
  };
  const settled = async () => void (await Promise.all(started));
  let next = start(claimed.cursor);
  let nextFrom = claimed.cursor;
  for (;;) {
    if (options.signal?.aborted) {
      await settled();
      return releaseJob(db, tenantCode, jobId, runnerId);
    }
    let step: Step;
    try {
      const ahead = await next;
      // The chunk after this one is read (and computed) while this one writes.
      nextFrom = ahead?.cursor;
      next = ahead && ahead.cursor !== null ? start(ahead.cursor) : undefined;
      step = await runChunk(db, definition, tenantCode, jobId, runnerId, context, ahead);
    } catch (error) {
      await settled();
      const failed = await markFailed(db, tenantCode, jobId, runnerId, error);
      await options.onProgress?.(failed);
      return failed;
    }
    if (step.owned) await options.onProgress?.(step.job);
    if (!step.more) {
      await settled();
      return step.job;
    }
    // Read ahead from where the job row now stands when the read-ahead on its way starts elsewhere (the
    // chunk did not use the one it was given) or none is on its way.
    if (!next || JSON.stringify(nextFrom) !== JSON.stringify(step.job.cursor)) {
      nextFrom = step.job.cursor;
      next = start(nextFrom);
    }
  }
}

interface Step {
  job: Job;
  /** False when another runner or a cancellation had taken the job before this chunk. */
  owned: boolean;
  more: boolean;
}

/** One chunk: lock, check ownership and cancellation, do the work, write the checkpoint, commit. */
async function runChunk(db: Database, definition: AnyJobDefinition, tenantCode: string, jobId: string, runnerId: string, context: JobContext, ahead: ReadAhead | undefined): Promise<Step> {
  const startedAt = performance.now();
  return inTenant(db, tenantCode, async (trx) => {
    const { owned, row } = await lockOwned(trx, jobId, runnerId);
    if (!row) throw notFound(jobId);
    if (!owned) return { job: toJob(row), owned: false, more: false };
    if (owned.cancel_requested) {
      const { rows } = await sql<JobRow>`
        UPDATE job SET status = 'cancelled', runner_id = NULL, finished_at = clock_timestamp(), updated_at = clock_timestamp()
        WHERE tenant_code = current_tenant() AND id = ${jobId}::uuid RETURNING *`.execute(trx);
      return { job: toJob(rows[0]!), owned: true, more: false };
    }
    // Read ahead from another cursor (another runner moved the job on meanwhile): not this chunk's.
    const fits = ahead !== undefined && JSON.stringify(ahead.from) === JSON.stringify(owned.cursor);
    const cpu = process.cpuUsage();
    const result = await definition.runChunk(trx, owned.params, owned.cursor, owned.chunk_size, context, fits ? ahead : undefined);
    checkChunkResult(definition, owned, result);
    // 利用量: the process's CPU time while the chunk ran, billed to the job's business with the chunk's commit.
    // The process's, not the chunk's alone: requests served meanwhile count in too (Node cannot tell them apart).
    const used = process.cpuUsage(cpu);
    await addUsage(trx, definition.type.split('.')[0]!, 'job_cpu_ms', (used.user + used.system) / 1000);
    const finished = result.cursor === null;
    const cursor = finished ? null : JSON.stringify(result.cursor);
    const elapsedMs = Math.round(performance.now() - startedAt);
    const { rows } = await sql<JobRow>`
      UPDATE job SET "cursor" = ${cursor}::jsonb, done = done + ${result.processed}, elapsed_ms = elapsed_ms + ${elapsedMs},
             heartbeat_at = clock_timestamp(), updated_at = clock_timestamp(),
             status = ${finished ? 'succeeded' : 'running'},
             runner_id = ${finished ? null : runnerId},
             finished_at = ${finished ? sql`clock_timestamp()` : sql`NULL`}
      WHERE tenant_code = current_tenant() AND id = ${jobId}::uuid RETURNING *`.execute(trx);
    return { job: toJob(rows[0]!), owned: true, more: !finished };
  });
}

/** A definition that breaks the contract fails its job with a message rather than loop or corrupt it. */
function checkChunkResult(definition: AnyJobDefinition, row: JobRow, result: { processed: number; cursor: unknown }): void {
  const name = `ジョブ ${definition.type} の runChunk()`;
  if (!result || !Number.isInteger(result.processed) || result.processed < 0) {
    throw new Error(`${name} が不正な処理件数を返しました: ${String(result?.processed)}`);
  }
  if (result.cursor === undefined) throw new Error(`${name} がカーソルを返しませんでした（終了なら null）`);
  if (result.cursor !== null && JSON.stringify(result.cursor) === undefined) {
    throw new Error(`${name} のカーソルをJSONとして保存できません`);
  }
  if (result.processed === 0 && result.cursor !== null && JSON.stringify(result.cursor) === JSON.stringify(row.cursor)) {
    throw new Error(`${name} が進みませんでした（0件で同じカーソルを返しました）`);
  }
}
