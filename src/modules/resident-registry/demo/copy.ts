/**
 * The PostgreSQL path of the demo load: every table of a batch written with COPY FROM STDIN (text
 * format), which a server parses several times faster than the same rows as bound unnest arrays.
 *
 * PostgreSQL refuses COPY FROM into a table under row-level security for a role the policy binds
 * ("COPY FROM not supported with row-level security"), so the rows go in through the schema owner's
 * connection (db.asOwner) with `tenant_code` written explicitly; the transaction still sets the tenant
 * (app.tenant), so the numbering and audit statements that read current_tenant() behave as in the
 * application, and the policies stay as they are for everyone else.
 */
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyTextField } from '../../../platform/db/copy.ts';
import type { Row } from '../store.ts';

/** COPY text format (booleans as t/f, anything else as its text). */
function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  return copyTextField(typeof value === 'boolean' ? (value ? 't' : 'f') : String(value));
}

/** One table's rows, ready to stream: the column list and the COPY text (tenant_code first). */
export interface CopyChunk {
  table: string;
  columns: string[];
  text: string;
}

/**
 * Rows of Japanese and foreign residents carry different columns; a column a row lacks gets `missing(column)`
 * (false for flags, as their column default, else NULL), exactly as the unnest path does.
 */
export function copyChunk(table: string, tenantCode: string, rows: readonly Row[], missing: (column: string) => unknown): CopyChunk {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const lines: string[] = [];
  for (const r of rows) lines.push(`${tenantCode}\t${columns.map((c) => field(r[c] ?? missing(c))).join('\t')}\n`);
  return { table, columns, text: lines.join('') };
}

/** Streams one chunk into its table on `client` (inside the caller's transaction). */
export async function copyInto(client: pg.ClientBase, chunk: CopyChunk): Promise<void> {
  if (chunk.text.length === 0) return;
  const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const stream = client.query(copyFrom(`COPY ${ident(chunk.table)} (tenant_code, ${chunk.columns.map(ident).join(', ')}) FROM STDIN`));
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('finish', resolve);
    stream.end(chunk.text);
  });
}
