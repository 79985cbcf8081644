/**
 * After the run, table by table: no row of one tenant carries the other's marker, and the application
 * role, with one tenant set, neither sees nor changes nor inserts a row of the other tenant.
 */
import { sql } from 'kysely';
import { inPlatform, inTenant } from '../../src/platform/db/tenant-scope.ts';
import { tenantTables } from './catalogue.ts';
import type { World } from './world.ts';

const STREETS = ['丸の内', '銀座'];
/** Thrown to roll a probe transaction back. */
class Rollback extends Error {}

export async function rowChecks(world: World): Promise<{ problems: string[]; emptyForSomeTenant: string[] }> {
  const db = world.system.db;
  const tables = await db.asOwner(tenantTables);
  const problems: string[] = [];
  const emptyForSomeTenant: string[] = [];
  for (const table of tables) {
    const counts = await db.asOwner(async (c) => (await c.query<{ tenant_code: string; n: number }>(`SELECT tenant_code, count(*)::int AS n FROM ${table} GROUP BY tenant_code`)).rows);
    const countOf = (code: string) => counts.find((r) => r.tenant_code === code)?.n ?? 0;
    if (world.tenants.some((tw) => countOf(tw.code) === 0)) emptyForSomeTenant.push(table);

    for (const [ti, tw] of world.tenants.entries()) {
      const other = world.tenants[1 - ti]!;
      // The audit log records what the tenant's own callers asked for, forged names and ids included.
      if (table !== 'audit_log') {
        const patterns = [other.marker.name, other.marker.kana, other.marker.alphabet, STREETS[1 - ti]!].map((m) => `%${m}%`);
        const marked = await db.asOwner(async (c) => (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} t WHERE tenant_code = $1 AND t::text LIKE ANY ($2)`, [tw.code, patterns])).rows[0]!.n);
        if (marked > 0) problems.push(`${table}: ${marked} row(s) of ${tw.code} hold data of ${other.code}`);
      }

      const seen = await inTenant(db, tw.code, async (trx) => (await sql<{ total: number; foreign: number }>`
        SELECT count(*)::int AS total, count(*) FILTER (WHERE tenant_code IS DISTINCT FROM ${tw.code})::int AS foreign FROM ${sql.table(table)}`.execute(trx)).rows[0]!);
      if (seen.foreign !== 0) problems.push(`${table}: ${seen.foreign} row(s) of another tenant visible with ${tw.code} set`);
      if (seen.total !== countOf(tw.code)) problems.push(`${table}: ${seen.total} of ${countOf(tw.code)} own rows visible with ${tw.code} set`);

      for (const statement of [
        sql`UPDATE ${sql.table(table)} SET tenant_code = tenant_code WHERE tenant_code <> ${tw.code}`,
        sql`UPDATE ${sql.table(table)} SET tenant_code = ${other.code} WHERE tenant_code = ${tw.code}`,
        sql`DELETE FROM ${sql.table(table)} WHERE tenant_code <> ${tw.code}`,
      ]) {
        const touched = await probe(db, tw.code, async (trx) => Number((await statement.execute(trx)).numAffectedRows ?? 0));
        if (typeof touched === 'number' && touched > 0) problems.push(`${table}: ${touched} row(s) changed across tenants by ${tw.code}: ${statement.compile(db.kysely).sql}`);
      }
      if (countOf(other.code) > 0) {
        const copy = await rowOf(db, table, other.code);
        const inserted = await probe(db, tw.code, async (trx) => Number((await copy.insert.execute(trx)).numAffectedRows ?? 0));
        if (inserted !== 'refused') problems.push(`${table}: ${tw.code} could insert a row of ${other.code}`);
      }
    }
    const withoutTenant = await inPlatform(db, async (trx) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(trx)).rows[0]!.n);
    if (withoutTenant !== 0) problems.push(`${table}: ${withoutTenant} row(s) visible with no tenant set`);
  }
  return { problems, emptyForSomeTenant };
}

/**
 * Runs `fn` as the application role in `tenantCode` and rolls back whatever it did: its number of rows,
 * or 'refused' when PostgreSQL refused it (row-level security, or no privilege on an append-only table).
 */
async function probe(db: World['system']['db'], tenantCode: string, fn: (trx: Parameters<Parameters<typeof inTenant>[2]>[0]) => Promise<number>): Promise<number | 'refused'> {
  let result: number | 'refused' = 'refused';
  try {
    await inTenant(db, tenantCode, async (trx) => {
      result = await fn(trx);
      throw new Rollback();
    });
  } catch (error) {
    if (error instanceof Rollback) return result;
    const code = (error as { code?: string }).code;
    // 42501: insufficient privilege / new row violates row-level security policy.
    if (code !== '42501') throw new Error(`unexpected error probing ${tenantCode}: ${(error as Error).message}`, { cause: error });
  }
  return 'refused';
}

/**
 * An INSERT of a copy of one of `code`'s rows (read as the owner before any tenant transaction opens:
 * PGlite has one connection), every column but generated ones.
 */
async function rowOf(db: World['system']['db'], table: string, code: string) {
  const { columns, row } = await db.asOwner(async (c) => {
    const cols = (await c.query<{ name: string }>(`
      SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attidentity <> 'a' AND attgenerated = '' ORDER BY attnum`, [table])).rows.map((r) => r.name);
    const first = (await c.query<{ j: unknown }>(`SELECT row_to_json(t) AS j FROM ${table} t WHERE tenant_code = $1 LIMIT 1`, [code])).rows[0]!.j;
    return { columns: cols, row: first };
  });
  const list = sql.raw(columns.map((c) => `"${c}"`).join(', '));
  return { insert: sql`INSERT INTO ${sql.table(table)} (${list}) SELECT ${list} FROM json_populate_record(NULL::${sql.table(table)}, ${JSON.stringify(row)}::json)` };
}
