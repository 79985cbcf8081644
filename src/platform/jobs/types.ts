import type { Trx } from '../db/tenant-scope.ts';

/**
 * A batch job (DESIGN §1.5): work split into chunks, each chunk committed together with the job's
 * checkpoint, so a crash loses at most the chunk in flight and a resume continues after the last
 * committed one. `runChunk` must be deterministic given (params, cursor): a resumed run then produces
 * exactly what an uninterrupted run would.
 */
export interface JobDefinition<P = unknown, C = unknown> {
  /** Stable type name `<module>.<job>`, e.g. `individual-resident-tax.annual-assessment`. */
  type: string;
  title: string;
  /** Validates the parameters (throw ValidationError) and counts the work, in the tenant's transaction. */
  plan(trx: Trx, params: P): Promise<{ total: number }>;
  /**
   * Processes the next chunk after `cursor` (null at the start) in the same transaction as the
   * checkpoint. Returns how many items it processed and the cursor to continue from (null = finished).
   */
  runChunk(trx: Trx, params: P, cursor: C | null, chunkSize: number): Promise<{ processed: number; cursor: C | null }>;
}

/** A job of any parameter and cursor type, as held by the registry. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobDefinition = JobDefinition<any, any>;
