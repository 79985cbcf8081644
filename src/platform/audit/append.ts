import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/database.ts';
import { inTenant, type Trx } from '../db/tenant-scope.ts';
import { computeAuditHash, GENESIS_HASH } from './hash.ts';
import type { AuditEntry, AuditEntryInput } from './types.ts';
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
 * Taking the chain's head locks it until the transaction ends: other appends of the same tenant wait
 * for this commit. Append as the last step of a procedure, after its own writes, to keep that short.
 */
export async function appendAudit(trx: Trx, input: AuditEntryInput): Promise<AppendedAudit> {
  const fields = validateAuditInput(input);
  // Creates the head on the tenant's first append and otherwise locks it (ON CONFLICT DO UPDATE always
  // locks the row and returns its latest committed state). The WHERE turns a missing tenant context
  // into no row instead of a constraint error. The clock is read after the lock, so entries of one
  // tenant are stamped in chain order.
  const { rows } = await sql<{ tenant_code: string; seq: number; hash: string; now: Date }>`
    INSERT INTO audit_head (tenant_code, seq, hash)
    SELECT current_tenant(), 0, ${GENESIS_HASH} WHERE current_tenant() IS NOT NULL
    ON CONFLICT (tenant_code) DO UPDATE SET seq = audit_head.seq
    RETURNING tenant_code, seq, hash, clock_timestamp() AS now`.execute(trx);
  const head = rows[0];
  if (!head) throw new AuditContextError('監査ログは団体を指定したトランザクション（inTenant）の中でだけ記録できます');

  const { occurredAt, ...rest } = fields;
  const entry: Omit<AuditEntry, 'hash'> = {
    tenantCode: head.tenant_code,
    seq: head.seq + 1,
    id: uuidv7(),
    occurredAt: occurredAt ?? head.now,
    ...rest,
    prevHash: head.hash,
  };
  const hash = computeAuditHash(entry);
  await sql`
    WITH entry AS (
      INSERT INTO audit_log (tenant_code, seq, id, occurred_at, actor_kind, actor_id, actor_name, terminal, address, zone, module,
        function, category, targets, my_number_accessed, lookup_by_number, search_count, outcome, detail, prev_hash, hash)
      VALUES (${entry.tenantCode}, ${entry.seq}, ${entry.id}::uuid, ${entry.occurredAt.toISOString()}::timestamptz, ${entry.actorKind},
        ${entry.actorId}, ${entry.actorName}, ${entry.terminal}, ${entry.address}, ${entry.zone}, ${entry.module}, ${entry.function},
        ${entry.category}, ${JSON.stringify(entry.targets)}::jsonb, ${entry.myNumberAccessed}, ${entry.lookupByNumber},
        ${entry.searchCount}, ${entry.outcome}, ${entry.detail === null ? null : JSON.stringify(entry.detail)}::jsonb,
        ${entry.prevHash}, ${hash})
      RETURNING tenant_code, seq, hash
    )
    UPDATE audit_head h SET seq = entry.seq, hash = entry.hash FROM entry WHERE h.tenant_code = entry.tenant_code`.execute(trx);
  return { id: entry.id, seq: entry.seq, hash, occurredAt: entry.occurredAt };
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
