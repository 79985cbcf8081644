import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../db/database.ts';
import { inTenant } from '../db/tenant-scope.ts';
import { ValidationError } from '../errors.ts';
import { periodCondition, validatePeriod, type Period } from './period.ts';
import { toAuditEntry, type AuditCategory, type AuditEntry, type AuditOutcome, type AuditRow } from './types.ts';

export interface AuditListFilter extends Period {
  actor?: string;
  module?: string;
  /** The procedure, e.g. `identity.create-user`, `auth.sign-in`. */
  function?: string;
  category?: AuditCategory;
  outcome?: AuditOutcome;
  /** Entries that touched this record (a target's internal id, of any kind). */
  target?: string;
  /** Entries with seq below this one: the previous page's `nextBefore`. */
  before?: number;
  limit?: number;
}

export interface AuditPage {
  items: AuditEntry[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/** オンラインでの検索・照会: a tenant's entries, newest first, one page at a time by seq. */
export async function listAuditEntries(db: Database, tenantCode: string, filter: AuditListFilter = {}): Promise<AuditPage> {
  validatePeriod(filter, false);
  const limit = filter.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new ValidationError([{ field: 'limit', rule: 'range', message: `limit: 1〜${MAX_PAGE_SIZE}の整数で指定してください` }]);
  }
  const conditions: RawBuilder<unknown>[] = [sql`tenant_code = ${tenantCode}`, ...periodCondition(filter)];
  if (filter.actor) conditions.push(sql`actor_id = ${filter.actor}`);
  if (filter.module) conditions.push(sql`module = ${filter.module}`);
  if (filter.function) conditions.push(sql`function = ${filter.function}`);
  if (filter.category) conditions.push(sql`category = ${filter.category}`);
  if (filter.outcome) conditions.push(sql`outcome = ${filter.outcome}`);
  if (filter.target) conditions.push(sql`targets @> jsonb_build_array(jsonb_build_object('id', ${filter.target}::text))`);
  if (filter.before !== undefined) conditions.push(sql`seq < ${filter.before}`);
  const rows = await inTenant(db, tenantCode, async (trx) => {
    const result = await sql<AuditRow>`
      SELECT * FROM audit_log WHERE ${sql.join(conditions, sql` AND `)} ORDER BY seq DESC LIMIT ${limit + 1}`.execute(trx);
    return result.rows;
  });
  const items = rows.slice(0, limit).map(toAuditEntry);
  return { items, nextBefore: rows.length > limit ? items.at(-1)!.seq : null };
}
