import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/database.ts';
import { inTenant, type Trx } from '../db/tenant-scope.ts';
import { auditBodyHash, GENESIS_HASH } from './hash.ts';
import type { AuditEntryInput } from './types.ts';
import { validateAuditInput } from './validate.ts';

export interface AppendedAudit {
  id: string;
  seq: number;
  hash: string;
  occurredAt: Date;
}

export class AuditContextError extends Error {
  override name = 'AuditContextError';
}

/**
 * Appends one entry to the tenant's chain inside the caller's tenant transaction, so the entry commits
 * or rolls back with the change it records and a rollback leaves no gap.
 *
 * One statement: the entry's own fields are hashed here first, then the database takes the chain's
 * head (creating it on the tenant's first append; ON CONFLICT DO UPDATE always locks the row and sees
 * its latest committed state), links the entry in the head's trigger (002_chain_in_database.sql) and
 * writes it. The head stays locked until the transaction ends: other appends of the same tenant wait
 * for this commit. Append as the last step of a procedure, after its own writes, to keep that short.
 * The WHERE turns a missing tenant context into no row instead of a constraint error.
 */
export async function appendAudit(trx: Trx, input: AuditEntryInput): Promise<AppendedAudit> {
  const { occurredAt, ...fields } = validateAuditInput(input);
  const body = { ...fields, id: uuidv7() };
  const { rows } = await sql<{ seq: number; hash: string; occurred_at: Date }>`
    WITH head AS (
      INSERT INTO audit_head (tenant_code, seq, hash, body_hash, occurred_at)
      SELECT current_tenant(), 0, ${GENESIS_HASH}, ${auditBodyHash(body)}, ${occurredAt?.toISOString() ?? null}::timestamptz
      WHERE current_tenant() IS NOT NULL
      ON CONFLICT (tenant_code) DO UPDATE SET body_hash = excluded.body_hash, occurred_at = ${occurredAt?.toISOString() ?? null}::timestamptz
      RETURNING tenant_code, seq, occurred_at, prev_hash, hash
    )
    INSERT INTO audit_log (tenant_code, seq, id, occurred_at, actor_kind, actor_id, actor_name, terminal, address, zone, module,
      function, category, targets, my_number_accessed, lookup_by_number, search_count, outcome, detail, prev_hash, hash, format)
    SELECT head.tenant_code, head.seq, ${body.id}::uuid, head.occurred_at, ${body.actorKind}, ${body.actorId}, ${body.actorName}, ${body.terminal},
      ${body.address}, ${body.zone}, ${body.module}, ${body.function}, ${body.category}, ${JSON.stringify(body.targets)}::jsonb,
      ${body.myNumberAccessed}, ${body.lookupByNumber}, ${body.searchCount}, ${body.outcome},
      ${body.detail === null ? null : JSON.stringify(body.detail)}::jsonb, head.prev_hash, head.hash, 2
    FROM head
    RETURNING seq, hash, occurred_at`.execute(trx);
  const entry = rows[0];
  if (!entry) throw new AuditContextError('監査ログは団体を指定したトランザクション（inTenant）の中でだけ記録できます');
  return { id: body.id, seq: Number(entry.seq), hash: entry.hash, occurredAt: entry.occurred_at };
}

/** How long a separate append waits for the chain before it gives up with an error. */
const SEPARATE_LOCK_TIMEOUT = '15s';

/**
 * Appends in a transaction of its own: for a denied or failed operation that must be on record although
 * its own transaction rolls back (a refused permission, a failed sign-in).
 *
 * Call it after that transaction has ended, never from inside it: on PGlite the only connection is
 * still taken, and on PostgreSQL a transaction that has already appended holds the chain. The lock
 * timeout turns the second case into an error instead of a wait forever.
 */
export async function appendAuditSeparately(db: Database, tenantCode: string, input: AuditEntryInput): Promise<AppendedAudit> {
  return inTenant(db, tenantCode, async (trx) => {
    await sql`SELECT set_config('lock_timeout', ${SEPARATE_LOCK_TIMEOUT}, true)`.execute(trx);
    return appendAudit(trx, input);
  });
}
