import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';
import { inPlatform, inTenant } from '../db/tenant-scope.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { DEFAULT_STALE_AFTER_MS } from './claim.ts';
import { runJob } from './runner.ts';
import { selectJob, toJob, type Job, type JobRow } from './store.ts';
import { jobDefinitions, type JobCatalog } from './types.ts';

export interface JobRef {
  tenantCode: string;
  jobId: string;
}

/**
 * Jobs waiting for a runner across all tenants, oldest first: queued ones (if asked) and running ones
 * whose heartbeat went stale. `types` limits the search to what this deployment can run (null: any).
 */
export async function findJobCandidates(
  db: Database,
  options: { types: readonly string[] | null; staleAfterMs: number; includeQueued: boolean; limit?: number },
): Promise<JobRef[]> {
  const types = options.types === null ? null : [...options.types];
  return inPlatform(db, async (trx) => {
    const { rows } = await sql<{ tenant_code: string; id: string }>`
      SELECT tenant_code, id FROM job_candidates(${types}::text[], ${options.staleAfterMs / 1000}::float8,
                                                 ${options.includeQueued}, ${options.limit ?? 20})`.execute(trx);
    return rows.map((r) => ({ tenantCode: r.tenant_code, jobId: r.id }));
  });
}

/**
 * Puts every abandoned job (running, stale heartbeat) back in the queue with its checkpoint, or
 * finishes its cancellation if one was requested. For start-up and operators; the worker does not
 * need it, as it takes abandoned jobs up directly.
 */
export async function recoverAbandonedJobs(db: Database, options: { staleAfterMs?: number } = {}): Promise<Job[]> {
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const recovered: Job[] = [];
  for (const ref of await findJobCandidates(db, { types: null, staleAfterMs, includeQueued: false, limit: 1000 })) {
    const job = await inTenant(db, ref.tenantCode, async (trx) => {
      const row = await selectJob(trx, ref.jobId, { lock: 'skip-locked', staleAfterMs });
      if (!row || row.status !== 'running' || !row.stale) return undefined;
      const { rows } = await sql<JobRow>`
        UPDATE job SET status = ${row.cancel_requested ? 'cancelled' : 'queued'}, runner_id = NULL, updated_at = clock_timestamp(),
               finished_at = ${row.cancel_requested ? sql`clock_timestamp()` : sql`NULL`}
        WHERE tenant_code = current_tenant() AND id = ${ref.jobId}::uuid RETURNING *`.execute(trx);
      return toJob(rows[0]!);
    });
    if (job) recovered.push(job);
  }
  return recovered;
}

export interface JobWorkerOptions {
  /** Pause between looks for work when there was none (default 1 s). */
  pollMs?: number;
  staleAfterMs?: number;
  log?: Logger;
  onProgress?: (job: Job) => unknown;
}

export interface JobWorkerState {
  running: boolean;
  current: JobRef | null;
  lastError: string | null;
  /** Runs that ended (succeeded, failed, cancelled or handed back). */
  runs: number;
}

/**
 * Runs jobs one at a time: the oldest queued job of any tenant, or a running one whose runner died.
 * stop() lets the chunk in flight commit and hands the job back to the queue, checkpoint intact.
 */
export class JobWorker {
  private readonly options: Required<Omit<JobWorkerOptions, 'log' | 'onProgress'>> & Pick<JobWorkerOptions, 'log' | 'onProgress'>;
  private controller = new AbortController();
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  readonly state: JobWorkerState = { running: false, current: null, lastError: null, runs: 0 };

  constructor(
    private readonly db: Database,
    private readonly catalog: JobCatalog,
    options: JobWorkerOptions = {},
  ) {
    this.options = { pollMs: 1000, staleAfterMs: DEFAULT_STALE_AFTER_MS, ...options };
  }

  start(): void {
    if (this.loop) return;
    this.state.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.controller.abort();
    this.wake?.();
    await this.loop;
    this.loop = undefined;
    this.state.running = false;
    // Ready for drain() or another start().
    this.controller = new AbortController();
  }

  private async run(): Promise<void> {
    const { signal } = this.controller;
    while (!signal.aborted) {
      let job: Job | null = null;
      try {
        job = await this.runNext();
        this.state.lastError = null;
      } catch (error) {
        this.state.lastError = error instanceof Error ? error.message : String(error);
        this.options.log?.error({ err: this.state.lastError }, 'job worker round failed');
      }
      if (!job && !signal.aborted) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, this.options.pollMs).unref();
        });
      }
    }
  }

  /** Takes up the next job and runs it to its end. Returns it as it was left, or null if none waited. */
  async runNext(): Promise<Job | null> {
    const { signal } = this.controller;
    const types = [...jobDefinitions(this.catalog).keys()];
    const candidates = await findJobCandidates(this.db, { types, staleAfterMs: this.options.staleAfterMs, includeQueued: true });
    for (const ref of candidates) {
      if (signal.aborted) return null;
      this.state.current = ref;
      try {
        const job = await runJob(this.db, this.catalog, ref.tenantCode, ref.jobId, {
          signal,
          skipLocked: true,
          staleAfterMs: this.options.staleAfterMs,
          onProgress: this.options.onProgress,
        });
        this.state.runs++;
        this.options.log?.info({ tenantCode: ref.tenantCode, jobId: ref.jobId, type: job.type, status: job.status }, 'job run ended');
        return job;
      } catch (error) {
        // Another runner took it between the look and the claim: try the next candidate.
        if (error instanceof ConflictError || error instanceof NotFoundError) continue;
        throw error;
      } finally {
        this.state.current = null;
      }
    }
    return null;
  }

  /** Runs jobs until none is waiting (tests, `yakuba job run`). Returns how many runs ended. */
  async drain(): Promise<number> {
    let count = 0;
    while ((await this.runNext()) !== null) count++;
    return count;
  }
}
