/**
 * The PostgreSQL path of the export: a chunk's rows as COPY (SELECT …) TO STDOUT (FORMAT csv), streamed
 * into the file. The server formats the CSV itself, several times faster than rows parsed into objects
 * and joined in Node, and Node only turns its LF record ends into RFC 4180's CRLF. The quoting rules are
 * the ones csv.ts writes by (a field quoted when it holds a comma, a quote or a line break; "" for an
 * empty text; nothing for NULL), so both paths write the same bytes: the round-trip test exports on
 * either engine and compares.
 *
 * The chunk's bounds come first from the key index (the key of its last row), so the COPY needs no LIMIT
 * and the job's cursor stays a key, as on the other path.
 */
import { createWriteStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import { to as copyTo } from 'pg-copy-streams';
import type { Database } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/tenant-scope.ts';
import type { CatalogRecord } from './catalog.ts';
import { afterKey, DATE_STYLE, keyBoundLiteral, keyColumns, selectList } from './export-sql.ts';

/** LF → CRLF at the end of a record; a line break inside quotes is data and stays as it is. */
class CrlfRecords extends Transform {
  private quoted = false;
  bytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let breaks = 0;
    let quoted = this.quoted;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === 34) quoted = !quoted;
      else if (b === 10 && !quoted) breaks++;
    }
    if (breaks === 0) {
      this.quoted = quoted;
      this.bytes += chunk.length;
      return done(null, chunk);
    }
    const out = Buffer.allocUnsafe(chunk.length + breaks);
    let o = 0;
    quoted = this.quoted;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === 34) quoted = !quoted;
      else if (b === 10 && !quoted) out[o++] = 13;
      out[o++] = b;
    }
    this.quoted = quoted;
    this.bytes += o;
    done(null, out);
  }
}

/**
 * Appends the rows after `after` (at most `limit`) to `file`; returns how many, the key of the last one and
 * the bytes written. Reads on a connection of its own in a read-only transaction of the tenant.
 */
export async function copyRows(db: Database, trx: Trx, tenantCode: string, entry: CatalogRecord, after: string[] | null, limit: number, file: string) {
  const keys = keyColumns(entry).join(', ');
  // The chunk's last key: an index-only walk of the primary key, in the job's own transaction.
  const { rows } = await sql<Record<string, string>>`
    SELECT ${sql.raw(keyColumns(entry).map((c, i) => `${c}::text AS k${i}`).join(', '))} FROM ${sql.table(entry.record.table)}
    WHERE tenant_code = current_tenant() ${afterKey(entry, after)}
    ORDER BY ${sql.raw(keys)} OFFSET ${limit - 1} LIMIT 1`.execute(trx);
  const last = rows[0] ? Object.values(rows[0]) : null;
  const bounds = [after === null ? null : keyBoundLiteral(entry, '>', after), last === null ? null : keyBoundLiteral(entry, '<=', last)].filter((b) => b !== null);
  const query = `SELECT ${selectList(entry)} FROM "${entry.record.table}" WHERE ${['tenant_code = current_tenant()', ...bounds].join(' AND ')} ORDER BY ${keys}`;
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN READ ONLY');
    await client.query(`SELECT set_config('app.tenant', $1, true)`, [tenantCode]);
    await client.query(DATE_STYLE);
    const stream = client.query(copyTo(`COPY (${query}) TO STDOUT (FORMAT csv)`));
    const crlf = new CrlfRecords();
    await pipeline(stream, crlf, createWriteStream(file, { flags: 'a' }));
    await client.query('COMMIT');
    return { count: Number(stream.rowCount ?? 0), last: last ?? after, bytes: crlf.bytes };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
