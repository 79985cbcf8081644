/**
 * Export (データ要件): a tenant's complete data, every module, current rows, history and 除票, as one
 * CSV file per record (UTF-8, RFC 4180, a header row of item ids) plus manifest.json. A job: each chunk
 * appends the next rows of one file in key order (keyset, so memory stays flat however large the
 * tenant) and commits its cursor with the file's length; a resumed job cuts the file back to that length
 * first, so a crash between writing and committing never leaves a row twice.
 *
 * Each chunk reads in a transaction of its own: an export taken while staff work is consistent per
 * chunk, not as a whole. A migration exports after the municipality's last day on the old system
 * (STANDARDS §7), when nothing changes; the manifest's asOf is when the export began.
 */
import { mkdir, readdir, truncate, appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { z } from 'zod';
import { appendAudit } from '../platform/audit/index.ts';
import type { DataItem } from '../platform/data-list.ts';
import type { Database } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/tenant-scope.ts';
import { ValidationError } from '../platform/errors.ts';
import type { JobDefinition } from '../platform/jobs/types.ts';
import { decryptMyNumber, type MyNumberKeyRing } from '../platform/my-number/index.ts';
import type { Catalog, CatalogRecord } from './catalog.ts';
import { csvLine } from './csv.ts';
import { FORMAT, MANIFEST_FILE, manifestText, sha256OfFile, type Manifest } from './manifest.ts';
import { copyRows } from './export-copy.ts';
import { serverPath } from './server-path.ts';
import { afterKey, DATE_STYLE, keyColumns, selectList } from './export-sql.ts';

export const EXPORT_JOB = 'interop.export';

const exportParams = z.object({
  dir: serverPath('出力先'),
});
type Params = z.infer<typeof exportParams>;

interface Cursor {
  asOf: string;
  /** Index of the record being written; records.length = all written, the manifest is next. */
  file: number;
  /** Key of the last row written to that file (as text), null before its first row. */
  after: string[] | null;
  bytes: number;
  rows: number;
  /** Rows of each file finished so far. */
  written: number[];
}

const fileOf = (dir: string, entry: CatalogRecord) => path.join(dir, `${entry.record.id}.csv`);

/** The next rows of a record after `after`, as file text, with the last row's key (PGlite, and records with 個人番号). */
async function readRows(trx: Trx, entry: CatalogRecord, after: string[] | null, limit: number, keys: MyNumberKeyRing, tenantCode: string) {
  const items = entry.record.items;
  const columns = keyColumns(entry);
  const select = [selectList(entry), ...columns.map((c, i) => `${c}::text AS k${i}`)].join(', ');
  await sql.raw(DATE_STYLE).execute(trx);
  const { rows } = await sql<Record<string, string | null>>`
    SELECT ${sql.raw(select)} FROM ${sql.table(entry.record.table)}
    WHERE tenant_code = current_tenant() ${afterKey(entry, after)}
    ORDER BY ${sql.raw(columns.length > 0 ? columns.join(', ') : '1')} LIMIT ${limit}`.execute(trx);
  const myNumbers = items.flatMap((item, i) => (item.type === 'my-number' ? [i] : []));
  let text = '';
  let last: string[] | null = null;
  for (const row of rows) {
    const values = Object.values(row);
    const fields = values.slice(0, items.length);
    for (const i of myNumbers) if (fields[i] !== null) fields[i] = decryptMyNumber(keys, tenantCode, fields[i]!);
    text += csvLine(fields);
    last = values.slice(items.length) as string[];
  }
  return { text, count: rows.length, last };
}

/** Appends the chunk's rows to the file: by COPY on PostgreSQL where the server can format every item (export-copy.ts). */
async function appendRows(db: Database, trx: Trx, entry: CatalogRecord, after: string[] | null, limit: number, keys: MyNumberKeyRing, tenantCode: string, file: string) {
  if (db.engine === 'postgres' && entry.record.key.length > 0 && !entry.record.items.some((i) => i.type === 'my-number')) {
    return copyRows(db, trx, tenantCode, entry, after, limit, file);
  }
  const read = await readRows(trx, entry, after, limit, keys, tenantCode);
  if (read.count > 0) await appendFile(file, read.text);
  return { count: read.count, last: read.last, bytes: Buffer.byteLength(read.text) };
}

const header = (entry: CatalogRecord) => csvLine(entry.record.items.map((i: DataItem) => i.id));

async function tenantOf(trx: Trx): Promise<Manifest['tenant']> {
  const { rows } = await sql<{ code: string; name: string; prefecture: string }>`
    SELECT tenant_code AS code, name, prefecture FROM tenant WHERE tenant_code = current_tenant()`.execute(trx);
  return rows[0]!;
}

async function writeManifest(trx: Trx, catalog: Catalog, dir: string, cursor: Cursor): Promise<Manifest> {
  const files: Manifest['files'] = [];
  for (const [i, entry] of catalog.records.entries()) {
    const file = fileOf(dir, entry);
    files.push({ record: entry.record.id, module: entry.module, file: path.basename(file), rows: cursor.written[i]!, sha256: await sha256OfFile(file) });
  }
  const manifest: Manifest = { format: FORMAT, formatVersion: 1, tenant: await tenantOf(trx), asOf: cursor.asOf, modules: catalog.modules, files };
  await writeFile(path.join(dir, MANIFEST_FILE), manifestText(manifest), { mode: 0o600 });
  return manifest;
}

/** The export job of a deployment: it needs the catalog (every module's data list) and the 個人番号 keys. */
export function exportJob(catalog: Catalog, keys: MyNumberKeyRing, db: Database): JobDefinition<Params, Cursor> {
  return {
    type: EXPORT_JOB,
    title: '標準データ出力（データ要件）',
    permission: 'interop:export',
    paramsSchema: exportParams,
    // Two exports into one directory would write the same files.
    exclusiveKey: (params) => path.resolve(params.dir),
    // Large chunks: each costs a checkpoint, a lock and a connection; a chunk's rows stream to the file and never sit in memory on PostgreSQL.
    chunkSize: 100_000,
    async plan(trx, params) {
      // A path that is a file, or that the server may not read or create, is the caller's to correct.
      const unusable = (e: NodeJS.ErrnoException) =>
        new ValidationError([{ field: 'params.dir', rule: 'unusable', message: `出力先 ${params.dir} にはディレクトリを作成・使用できません（${e.code ?? e.message}）` }]);
      const existing = await readdir(params.dir).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? [] : Promise.reject(unusable(e))));
      if (existing.length > 0) {
        throw new ValidationError([{ field: 'params.dir', rule: 'empty', message: `出力先 ${params.dir} は空ではありません（別の出力を上書きしないため、空のディレクトリか新しい名前を指定してください）` }]);
      }
      // Personal data: only the owner may read what is written (the directory and every file).
      await mkdir(params.dir, { recursive: true, mode: 0o700 }).catch((e: NodeJS.ErrnoException) => Promise.reject(unusable(e)));
      let total = 0;
      for (const { record } of catalog.records) {
        const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(record.table)} WHERE tenant_code = current_tenant()`.execute(trx);
        total += rows[0]!.n;
      }
      return { total };
    },
    async runChunk(trx, params, stored, chunkSize) {
      const { rows: now } = await sql<{ t: string; tenant: string }>`SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS t, current_tenant() AS tenant`.execute(trx);
      const tenantCode = now[0]!.tenant;
      const cursor: Cursor = stored ?? { asOf: now[0]!.t, file: 0, after: null, bytes: 0, rows: 0, written: [] };
      if (cursor.file === catalog.records.length) {
        const manifest = await writeManifest(trx, catalog, params.dir, cursor);
        await appendAudit(trx, {
          actor: { kind: 'system', id: EXPORT_JOB, name: '標準データ出力' }, module: 'interop', function: EXPORT_JOB, category: 'extract',
          myNumberAccessed: true, detail: { files: manifest.files.length, rows: cursor.written.reduce((a, b) => a + b, 0), asOf: cursor.asOf },
        });
        return { processed: 0, cursor: null };
      }
      const entry = catalog.records[cursor.file]!;
      const file = fileOf(params.dir, entry);
      if (cursor.after === null) {
        const head = header(entry);
        await writeFile(file, head, { mode: 0o600 });
        cursor.bytes = Buffer.byteLength(head);
      } else {
        await truncate(file, cursor.bytes);
      }
      const read = await appendRows(db, trx, entry, cursor.after, chunkSize, keys, tenantCode, file);
      const rows = cursor.rows + read.count;
      const next: Cursor =
        // A record keyed by the tenant alone (certificate-setting) has one row at most.
        read.count < chunkSize || entry.record.key.length === 0
          ? { ...cursor, file: cursor.file + 1, after: null, bytes: 0, rows: 0, written: [...cursor.written, rows] }
          : { ...cursor, after: read.last, bytes: cursor.bytes + read.bytes, rows };
      return { processed: read.count, cursor: next };
    },
  };
}
