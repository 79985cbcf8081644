import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { todayInJapan } from '../../jp/index.ts';
import type { Database } from '../db/database.ts';
import type { MigrationSource } from '../db/migrations.ts';
import { inTenant, type Trx } from '../db/tenant-scope.ts';

/** The business the common kernel's own tables and routes count under (accounts, audit, events, jobs). */
export const PLATFORM_BUSINESS = 'platform';

/** One day's usage of one business by one 団体. */
export interface UsageDay {
  day: string;
  business: string;
  storedRows: number;
  storedBytes: number;
  apiRequests: number;
  jobCpuMs: number;
  certificates: number;
  measuredAt: Date | null;
}

/**
 * Which business owns each table, read from the migrations that create them: a new module's tables are
 * metered without anyone keeping a list. Platform parts count as one business, `platform`.
 */
export function tableOwners(sources: readonly MigrationSource[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const source of sources) {
    const business = source.id.startsWith('platform/') ? PLATFORM_BUSINESS : source.id;
    for (const file of readdirSync(source.dir).filter((f) => f.endsWith('.sql'))) {
      const text = readFileSync(path.join(source.dir, file), 'utf8');
      for (const m of text.matchAll(/CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([a-z_][a-z0-9_]*)/gi)) owners.set(m[1]!.toLowerCase(), business);
    }
  }
  return owners;
}

/**
 * Adds to a counter of today's row, in the caller's transaction (a job chunk's CPU commits with the chunk,
 * so a chunk that rolls back is not billed).
 */
export async function addUsage(trx: Trx, business: string, counter: 'api_requests' | 'job_cpu_ms', amount: number, day = todayInJapan()): Promise<void> {
  if (!(amount > 0)) return;
  const column = sql.ref(counter);
  await sql`
    INSERT INTO usage_daily (tenant_code, day, business, ${column}) VALUES (current_tenant(), ${day}, ${business}, ${Math.round(amount)})
    ON CONFLICT (tenant_code, day, business) DO UPDATE SET ${column} = usage_daily.${column} + excluded.${column}`.execute(trx);
}

/**
 * 利用量の測定: the 団体's stored rows and bytes per business (every row of every tenant table it can see,
 * its size as PostgreSQL stores it: pg_column_size of the row) and the certificates issued that day (the
 * audit log's successful `issue` entries, which commit with the issuance itself). Written as the day's
 * snapshot; the counters of the row are left as they are. Reads every table in full: a nightly task.
 */
export async function measureUsage(db: Database, owners: ReadonlyMap<string, string>, tenantCode: string, day = todayInJapan()): Promise<UsageDay[]> {
  return inTenant(db, tenantCode, async (trx) => {
    const { rows: tables } = await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relrowsecurity
        AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_code' AND NOT a.attisdropped)
      ORDER BY 1`.execute(trx);
    const stored = new Map<string, { rows: number; bytes: number }>();
    for (const { name } of tables) {
      const business = owners.get(name) ?? PLATFORM_BUSINESS;
      const { rows } = await sql<{ n: number; bytes: number }>`
        SELECT count(*)::int8 AS n, coalesce(sum(pg_column_size(t.*)), 0)::int8 AS bytes FROM ${sql.table(name)} t`.execute(trx);
      const s = stored.get(business) ?? { rows: 0, bytes: 0 };
      stored.set(business, { rows: s.rows + Number(rows[0]!.n), bytes: s.bytes + Number(rows[0]!.bytes) });
    }
    const { rows: issued } = await sql<{ module: string; n: number }>`
      SELECT module, count(*)::int8 AS n FROM audit_log
      WHERE category = 'issue' AND outcome = 'success' AND (occurred_at AT TIME ZONE 'Asia/Tokyo')::date = ${day}::date
      GROUP BY module`.execute(trx);
    const certificates = new Map(issued.map((r) => [r.module, Number(r.n)]));
    for (const business of new Set([...stored.keys(), ...certificates.keys()])) {
      const s = stored.get(business) ?? { rows: 0, bytes: 0 };
      await sql`
        INSERT INTO usage_daily (tenant_code, day, business, stored_rows, stored_bytes, certificates, measured_at)
        VALUES (current_tenant(), ${day}, ${business}, ${s.rows}, ${s.bytes}, ${certificates.get(business) ?? 0}, clock_timestamp())
        ON CONFLICT (tenant_code, day, business) DO UPDATE SET stored_rows = excluded.stored_rows, stored_bytes = excluded.stored_bytes,
          certificates = excluded.certificates, measured_at = excluded.measured_at`.execute(trx);
    }
    return readUsage(trx, day, day);
  });
}

interface UsageRow {
  day: string;
  business: string;
  stored_rows: number;
  stored_bytes: number;
  api_requests: number;
  job_cpu_ms: number;
  certificates: number;
  measured_at: Date | null;
}

/** The 団体's usage rows from `from` to `to` (inclusive), in the caller's tenant transaction. */
export async function readUsage(trx: Trx, from: string, to: string): Promise<UsageDay[]> {
  const { rows } = await sql<UsageRow>`
    SELECT day, business, stored_rows, stored_bytes, api_requests, job_cpu_ms, certificates, measured_at FROM usage_daily
    WHERE tenant_code = current_tenant() AND day BETWEEN ${from}::date AND ${to}::date ORDER BY day, business`.execute(trx);
  return rows.map((r) => ({
    day: r.day,
    business: r.business,
    storedRows: Number(r.stored_rows),
    storedBytes: Number(r.stored_bytes),
    apiRequests: Number(r.api_requests),
    jobCpuMs: Number(r.job_cpu_ms),
    certificates: Number(r.certificates),
    measuredAt: r.measured_at,
  }));
}
