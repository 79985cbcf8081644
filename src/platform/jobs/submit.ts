import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/database.ts';
import { inTenant, type Trx } from '../db/tenant-scope.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { fieldProblems } from '../http/problem.ts';
import { toJob, type Job, type JobRow } from './store.ts';
import { jobDefinitions, type AnyJobDefinition, type JobCatalog } from './types.ts';

export const DEFAULT_CHUNK_SIZE = 500;
const MAX_CHUNK_SIZE = 100_000;

export interface SubmitOptions {
  /** Items per chunk; otherwise the definition's chunkSize, otherwise 500. */
  chunkSize?: number;
  /**
   * Writes the submission's audit entry in the transaction that queues the job, so that a job is never
   * queued (and run) without the record of who asked for it, even if the process dies in between.
   */
  audit?: (trx: Trx, job: Job) => Promise<unknown>;
}

export function findDefinition(catalog: JobCatalog, type: string): AnyJobDefinition {
  const definition = jobDefinitions(catalog).get(type);
  if (!definition) {
    throw new ValidationError([{ field: 'type', rule: 'unknown-job-type', message: `ジョブの種類「${type}」は登録されていません` }]);
  }
  return definition;
}

/**
 * Queues a job. Everything is checked first — the type, the parameters' shape, then plan() in the
 * tenant's transaction — and the job row is written in that same transaction, so a rejected job leaves
 * nothing behind and an accepted one carries the total plan() counted.
 */
export async function submitJob(
  db: Database,
  catalog: JobCatalog,
  tenantCode: string,
  type: string,
  params: unknown,
  options: SubmitOptions = {},
): Promise<Job> {
  const definition = findDefinition(catalog, type);
  const chunkSize = options.chunkSize ?? definition.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_CHUNK_SIZE) {
    throw new ValidationError([
      { field: 'chunkSize', rule: 'range', message: `チャンクの件数は1から${MAX_CHUNK_SIZE}までの整数で指定してください（指定値: ${chunkSize}）` },
    ]);
  }
  const stored = toStoredParams(definition, params);
  const exclusiveKey = definition.exclusiveKey?.(JSON.parse(stored)) ?? null;
  return withExclusiveConflict(definition.title, () => inTenant(db, tenantCode, async (trx) => {
    if (exclusiveKey !== null) await refuseIfOpen(trx, definition, exclusiveKey);
    // plan() sees the parameters exactly as every chunk will: read back from JSON.
    const { total } = await definition.plan(trx, JSON.parse(stored));
    if (!Number.isInteger(total) || total < 0) throw new Error(`ジョブ ${type} の plan() が不正な件数を返しました: ${total}`);
    const { rows } = await sql<JobRow>`
      INSERT INTO job (tenant_code, id, type, title, params, total, chunk_size, exclusive_key)
      VALUES (current_tenant(), ${uuidv7()}::uuid, ${type}, ${definition.title}, ${stored}::jsonb, ${total}, ${chunkSize}, ${exclusiveKey})
      RETURNING *`.execute(trx);
    const job = toJob(rows[0]!);
    await options.audit?.(trx, job);
    return job;
  }));
}

/** Names the open job a submission would run beside (the unique index job_exclusive is the guard; this is the message). */
async function refuseIfOpen(trx: Trx, definition: AnyJobDefinition, key: string): Promise<void> {
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM job WHERE tenant_code = current_tenant() AND type = ${definition.type} AND exclusive_key = ${key}
      AND status IN ('queued', 'running') LIMIT 1`.execute(trx);
  if (rows[0]) throw exclusiveConflict(definition.title, rows[0].id);
}

function exclusiveConflict(title: string, openJobId?: string): ConflictError {
  const which = openJobId ? `（ジョブ ${openJobId}）` : '';
  return new ConflictError(`同じ対象の${title}${which}が待機中または実行中です。終わるのを待つか、取り消してから登録してください`, 'job-exclusive');
}

/**
 * Two submissions (or a resume) at the same moment both pass refuseIfOpen; the index then refuses the
 * later one as it commits its row, and that is the same 409.
 */
export async function withExclusiveConflict<T>(title: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (code === '23505' && constraint === 'job_exclusive') throw exclusiveConflict(title);
    throw error;
  }
}

/** The parameters as stored: the schema's output (defaults applied) as JSON text. */
function toStoredParams(definition: AnyJobDefinition, params: unknown): string {
  let value = params ?? {};
  if (definition.paramsSchema) {
    const parsed = definition.paramsSchema.safeParse(value);
    if (!parsed.success) throw new ValidationError(fieldProblems(parsed.error.issues, 'params'));
    value = parsed.data;
  }
  const text = JSON.stringify(value);
  if (text === undefined) {
    throw new ValidationError([{ field: 'params', rule: 'json', message: 'params: JSONで表せる値を指定してください' }]);
  }
  return text;
}
