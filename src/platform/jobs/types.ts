import type { ZodType } from 'zod';
import type { Trx } from '../db/tenant-scope.ts';
import { EventPublisher } from '../events/outbox.ts';
import type { EventType, Subscription } from '../events/types.ts';

/**
 * A batch job (DESIGN §1.5): work split into chunks, each chunk committed together with the job's
 * checkpoint, so a crash loses at most the chunk in flight and a resume continues after the last
 * committed one. `runChunk` must be deterministic given (params, cursor): a resumed run then produces
 * exactly what an uninterrupted run would.
 *
 * Params and cursor are stored as JSON and every chunk receives them as read back from the job row,
 * in an uninterrupted run as much as in a resumed one: use only JSON values (no Date, no Map, no
 * undefined) so that both runs see the same thing.
 */
export interface JobDefinition<P = unknown, C = unknown> {
  /** Stable type name `<module>.<job>`, e.g. `individual-resident-tax.annual-assessment`. */
  type: string;
  title: string;
  /**
   * Checks the shape of the parameters before plan() sees them; its output (defaults applied) is what
   * is stored. Issues become a ValidationError on the field `params.<path>`.
   */
  paramsSchema?: ZodType<P>;
  /**
   * The permission a caller needs besides jobs:run to submit, cancel or resume a job of this type through
   * the API: the business's own (e.g. individual-resident-tax:assess), so jobs:run alone (an operator's)
   * cannot make a business decision such as 当初課税.
   */
  permission?: string;
  /** Items per chunk when the submitter does not choose (default 500). */
  chunkSize?: number;
  /**
   * What the job works on, for jobs that must not run side by side on the same thing (当初課税: the
   * fiscal year): while a job of this type and key is queued or running in the 団体, another is
   * refused with 409. Absent: any number may run at once.
   */
  exclusiveKey?(params: P): string;
  /** Validates the parameters (throw ValidationError) and counts the work, in the tenant's transaction. */
  plan(trx: Trx, params: P): Promise<{ total: number }>;
  /**
   * Processes the next chunk after `cursor` (null at the start) in the same transaction as the
   * checkpoint. Returns how many items it processed and the cursor to continue from (null = finished).
   */
  runChunk(trx: Trx, params: P, cursor: C | null, chunkSize: number, context: JobContext, ahead?: ReadAhead<C>): Promise<{ processed: number; cursor: C | null }>;
  /**
   * Optional, for throughput: the reading and computing of the chunk after `cursor`, in a read-only
   * transaction of its own. The runner starts it for the next chunk while the current one writes, on
   * another connection (so the database writes while Node computes: two cores), and hands the result
   * to runChunk as `ahead` — only if it was read from the very cursor the job row holds when the chunk
   * runs; otherwise runChunk gets none and must read for itself. It must not write anything.
   */
  readAhead?(trx: Trx, params: P, cursor: C | null, chunkSize: number): Promise<Omit<ReadAhead<C>, 'from'>>;
}

/** A chunk read ahead: what it read from `from` (the runner sets it), how many items that covers and the cursor after them. */
export interface ReadAhead<C = unknown, D = unknown> {
  from: C | null;
  data: D;
  processed: number;
  cursor: C | null;
}

/** What a chunk may use besides its transaction: the outbox, so its events commit with its results, and its job's id. */
export interface JobContext {
  events: EventPublisher;
  jobId: string;
}

/** A job of any parameter and cursor type, as held by the registry. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobDefinition = JobDefinition<any, any>;

/** Where the runner finds definitions: the registry itself or its `jobs` map. */
export type JobCatalog = ReadonlyMap<string, AnyJobDefinition> | { readonly jobs: ReadonlyMap<string, AnyJobDefinition>; readonly subscriptions?: readonly Subscription[] };

/**
 * The publisher a job's chunks write events with: the deployment's subscriptions when the catalog is the
 * registry (as the worker and the CLI pass it), else none (a bare test catalog: events stay in the outbox).
 */
export function jobEvents(catalog: JobCatalog): EventPublisher {
  return 'subscriptions' in catalog
    ? new EventPublisher(catalog.subscriptions as Subscription[], (catalog as { modules?: readonly { events?: EventType[] }[] }).modules?.flatMap((m) => m.events ?? []) ?? [])
    : new EventPublisher([]);
}

export function jobDefinitions(catalog: JobCatalog): ReadonlyMap<string, AnyJobDefinition> {
  return 'jobs' in catalog ? catalog.jobs : catalog;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** Statuses after which nothing more happens to a job on its own. */
export const FINAL_STATUSES: readonly JobStatus[] = ['succeeded', 'failed', 'cancelled'];

/** Japanese names of the statuses, for messages, the CLI and the staff UI. */
export const JOB_STATUS_LABELS: Record<JobStatus, string> = {
  queued: '待機中',
  running: '実行中',
  succeeded: '完了',
  failed: '失敗',
  cancelled: '取消',
};
