/**
 * What the database holds, as one checksum per table, taken as the schema owner (row-level security
 * does not apply to the owner: every 団体's rows are in it). Tables are found in the catalogue, so a
 * new table is in the comparison without a change here.
 */
import type pg from 'pg';
import type { Database } from '../../src/platform/db/database.ts';

/**
 * Tables a refused request may legitimately change, and how each is compared instead. Keep this list
 * as short as the product allows: every other table must come out of the corpus byte for byte.
 */
export const MAY_CHANGE: Record<string, { why: string; compare: string }> = {
  // A refused request of a signed-in caller is recorded (http.access-denied: CSRF, permission, other
  // 団体); the audit log is append-only, so what was there must stay, and what is added is checked
  // (no success among it) by appendedAudit below.
  audit_log: {
    why: 'refused requests of signed-in callers are audited (denied/failed entries appended)',
    compare: 'SELECT t::text AS row FROM audit_log t JOIN before_audit b ON b.tenant_code = t.tenant_code AND t.seq <= b.seq',
  },
  // The chain's head moves with every appended entry; it must point at the last one (checked below).
  audit_head: {
    why: 'moves with the audit log',
    compare: "SELECT 'head' AS row WHERE false",
  },
  // sessions.ts refreshes last_seen_at (at most once a minute) while a session is used: everything
  // else about the sessions (none added, none revoked) must stay.
  auth_session: {
    why: 'last_seen_at is refreshed while the session is used',
    compare: "SELECT (to_jsonb(t) - 'last_seen_at')::text AS row FROM auth_session t",
  },
};

export interface Snapshot {
  tables: Record<string, string>;
  /** The last audit entry of each 団体 when the snapshot was taken. */
  auditHeads: Record<string, number>;
}

/** Every ordinary or partitioned table outside the system schemas. */
async function tablesOf(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(`
    SELECT format('%I.%I', n.nspname, c.relname) AS name
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
       AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
     ORDER BY 1`);
  return rows.map((r) => r.name);
}

const bare = (qualified: string) => qualified.replace(/^public\./, '');

export async function snapshot(db: Database, auditHeads?: Record<string, number>): Promise<Snapshot> {
  return db.asOwner(async (client) => {
    const heads = auditHeads ?? Object.fromEntries(
      (await client.query<{ tenant_code: string; seq: string }>('SELECT tenant_code, max(seq) AS seq FROM audit_log GROUP BY tenant_code')).rows.map((r) => [r.tenant_code, Number(r.seq)]),
    );
    const tables: Record<string, string> = {};
    const values = Object.entries(heads).map(([code, seq]) => `('${code.replace(/'/g, "''")}', ${seq})`);
    const beforeAudit = values.length > 0 ? `VALUES ${values.join(', ')}` : "SELECT ''::text, 0::bigint WHERE false";
    for (const table of await tablesOf(client)) {
      const special = MAY_CHANGE[bare(table)];
      const rows = special ? `WITH before_audit(tenant_code, seq) AS (${beforeAudit}) ${special.compare}` : `SELECT t::text AS row FROM ${table} t`;
      const { rows: [result] } = await client.query<{ sum: string; n: string }>(`SELECT md5(coalesce(string_agg(row, E'\\n' ORDER BY row), '')) AS sum, count(*) AS n FROM (${rows}) r`);
      tables[bare(table)] = `${result!.n}:${result!.sum}`;
    }
    return { tables, auditHeads: heads };
  });
}

/** The tables whose checksums differ. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
  const names = new Set([...Object.keys(before.tables), ...Object.keys(after.tables)]);
  return [...names].filter((t) => before.tables[t] !== after.tables[t]).sort();
}

/** What the corpus appended to the audit log, and whether each head is the last entry of its chain. */
export async function appendedAudit(db: Database, since: Record<string, number>) {
  return db.asOwner(async (client) => {
    const { rows: entries } = await client.query<{ tenant_code: string; function: string; outcome: string; category: string }>(
      `SELECT tenant_code, function, outcome, category FROM audit_log l
        WHERE seq > coalesce((SELECT (s->>l.tenant_code)::bigint FROM (SELECT $1::jsonb AS s) x), 0) ORDER BY tenant_code, seq`,
      [JSON.stringify(since)],
    );
    const { rows: heads } = await client.query<{ tenant_code: string; at_last: boolean }>(`
      SELECT h.tenant_code, (h.seq, h.hash) = (l.seq, l.hash) AS at_last
        FROM audit_head h JOIN LATERAL (SELECT seq, hash FROM audit_log WHERE tenant_code = h.tenant_code ORDER BY seq DESC LIMIT 1) l ON true`);
    return { entries, headsAtLast: heads.every((h) => h.at_last) };
  });
}
