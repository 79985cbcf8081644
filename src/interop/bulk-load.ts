/**
 * What PostgreSQL's own bulk loads do (pg_restore --disable-triggers, ALTER TABLE … VALIDATE CONSTRAINT),
 * for the import's owner transaction on PostgreSQL:
 *
 * - The foreign keys' per-row triggers are off while the rows are copied (session_replication_role =
 *   replica, which only a superuser may set: a deployment whose schema owner is not one keeps them on and
 *   is slower), and every foreign key of the written tables is checked afterwards with one anti-join each,
 *   before the transaction can commit. The importer has checked each reference of every row already; this
 *   is the database's own guarantee, taken in bulk instead of row by row. A check that fails rolls the
 *   import back.
 *
 * CHECK constraints and unique indexes stay in force throughout.
 */
import { sql } from 'kysely';
import type pg from 'pg';
import type { Trx } from '../platform/db/tenant-scope.ts';

/** Turns the per-row work off for the transaction; returns whether the foreign keys must be checked at the end. */
export async function beginBulk(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
  if (!rows[0]?.rolsuper) return false;
  await client.query('SET LOCAL session_replication_role = replica');
  return true;
}

interface ForeignKey {
  name: string;
  child: string;
  parent: string;
  child_columns: string[];
  parent_columns: string[];
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Back to normal triggers (the audit chain's among them), then every foreign key of `tables` checked over
 * the tenant's rows. Throws on a row without its referenced row.
 */
export async function endBulk(trx: Trx, tables: readonly string[], checkForeignKeys: boolean): Promise<void> {
  if (!checkForeignKeys) return;
  await sql`SET LOCAL session_replication_role = origin`.execute(trx);
  // The statistics do not know the rows just written: a nested loop the planner might pick from them would
  // walk the parent once a child row. Each check is one hash anti-join.
  await sql`SET LOCAL enable_nestloop = off`.execute(trx);
  const { rows: keys } = await sql<ForeignKey>`
    SELECT c.conname AS name, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
      ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o) AS child_columns,
      ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o) AS parent_columns
    FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(${[...tables]}::text[])`.execute(trx);
  for (const fk of keys) {
    const present = fk.child_columns.map((c) => `x.${ident(c)} IS NOT NULL`).join(' AND ');
    const match = fk.child_columns.map((c, i) => `y.${ident(fk.parent_columns[i]!)} = x.${ident(c)}`).join(' AND ');
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ${sql.raw(fk.child)} x
      WHERE x.tenant_code = current_tenant() AND ${sql.raw(present)} AND NOT EXISTS (SELECT 1 FROM ${sql.raw(fk.parent)} y WHERE ${sql.raw(match)})`.execute(trx);
    if (rows[0]!.n > 0) throw new Error(`外部キー ${fk.name}（${fk.child} → ${fk.parent}）に参照先のない行が ${rows[0]!.n} 件あります`);
  }
  await sql`SET LOCAL enable_nestloop = on`.execute(trx);
}
