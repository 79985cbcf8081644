/**
 * Import (データ要件): a tenant's data from a standard export, or from a legacy system's files, into an
 * empty tenant. One pass over every file: each row is checked against its record's data list (types,
 * lengths, code tables, check digits, characters), its keys against those read before (duplicates) and
 * its references against the records they point to; while no problem has been found the row is also
 * written, inside one transaction. Any problem stops the writing, the reading goes on so that the
 * report names every problem, and the transaction rolls back: a refused import leaves the tenant
 * exactly as it was, and so does a crash (the next run starts again from the first file).
 *
 * Nothing is published: the rows are history already told, and the modules that follow another's
 * events (宛名 from 住民) receive their own records in the same import. Numbering continues from the
 * imported numbering records (and DataList.afterImport).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { appendAudit } from '../platform/audit/index.ts';
import { columnOf, type DataItem, type DerivedColumns } from '../platform/data-list.ts';
import type { Database } from '../platform/db/database.ts';
import type { Trx } from '../platform/db/tenant-scope.ts';
import { encryptMyNumber, myNumberLookupKey, type MyNumberKeyRing } from '../platform/my-number/index.ts';
import { uniqueSets, type Catalog, type CatalogRecord } from './catalog.ts';
import { checkManifest, legacyFiles, readRecords, type InputFile } from './import-files.ts';
import { withWriter, type Column, type RowWriter } from './import-writer.ts';
import { hashKey, KeyIndex, keyText } from './key-index.ts';
import { formatCodePoint, mapGaiji, Reconciliation, type LegacyEncoding } from './legacy/index.ts';
import { ProblemReport, type Problem } from './report.ts';
import { problemOf, sqlType, storedValue } from './values.ts';

const CONVERTED = new Set(['list', 'binary']);

export interface ImportOptions {
  dir: string;
  /** Where the problem report goes (CSV). */
  reportFile: string;
  /** Check everything and write nothing; the reconciliation report is written beside the problem report. */
  dryRun?: boolean;
  /** A legacy system's files: no manifest, this encoding, 外字 replaced through `gaiji`. */
  legacy?: { encoding: LegacyEncoding; gaiji?: ReadonlyMap<number, string> };
  /** Accept an export of another tenant code (a 合併 or a test); otherwise refused. */
  allowOtherTenant?: boolean;
  onProgress?: (rows: number) => void;
  /** The job running the import, named in its audit entry. */
  jobId?: string;
}

export interface ImportResult {
  ok: boolean;
  written: boolean;
  rows: number;
  problems: number;
  firstProblems: Problem[];
  reportFile: string;
  reconciliationFile?: string;
  perRecord: Record<string, { accepted: number; rejected: number }>;
}

interface Deferred {
  record: CatalogRecord;
  refIndex: number;
  hi: number[];
  lo: number[];
  lines: number[];
}

/** Columns written for a record: items (個人番号 as ciphertext and lookup) then derived columns. */
function columnsOf(entry: CatalogRecord): Column[] {
  const columns: Column[] = [];
  for (const item of entry.record.items) {
    if (item.type === 'my-number') {
      columns.push({ name: columnOf(item), type: 'text' }, { name: item.lookupColumn!, type: 'text' });
    } else columns.push({ name: columnOf(item), type: sqlType(item) });
  }
  for (const name of entry.record.derived?.columns ?? []) columns.push({ name, type: 'text' });
  return columns;
}

/** Tables of the catalog that already hold rows of the tenant. */
async function nonEmptyTables(trx: Trx, catalog: Catalog): Promise<string[]> {
  const found: string[] = [];
  for (const { record } of catalog.records) {
    const { rows } = await sql<{ x: boolean }>`SELECT EXISTS (SELECT 1 FROM ${sql.table(record.table)} WHERE tenant_code = current_tenant()) AS x`.execute(trx);
    if (rows[0]!.x) found.push(record.name);
  }
  return found;
}

class Importer {
  private readonly indexes = new Map<string, KeyIndex>();
  private readonly deferred: Deferred[] = [];
  readonly reconciliation = new Reconciliation();
  rows = 0;

  constructor(
    private readonly catalog: Catalog,
    private readonly keys: MyNumberKeyRing,
    private readonly tenantCode: string,
    private readonly options: ImportOptions,
    private readonly report: ProblemReport,
  ) {}

  private index(record: string, items: readonly string[]): KeyIndex {
    const name = `${record}|${items.join(',')}`;
    let index = this.indexes.get(name);
    if (!index) this.indexes.set(name, (index = new KeyIndex()));
    return index;
  }

  /** Reads one file; writes its rows through `writer` while nothing has been refused. */
  async readFile(input: InputFile, writer: RowWriter | null): Promise<void> {
    const entry = this.catalog.byId.get(input.record)!;
    const { record } = entry;
    const problem = (line: number, item: string, message: string) => this.report.add({ file: input.file, line, item, message });
    if (!input.present) return;
    const encoding = this.options.legacy?.encoding ?? 'utf-8';
    const records = readRecords(path.join(this.options.dir, input.file), encoding, (p) => this.report.add(p));
    const reported = this.report.size;
    const first = await records.next();
    // No record because the file could not be read at all: that problem is reported already.
    if (first.done) return this.report.size === reported ? problem(1, '', '見出し行がありません') : undefined;
    const header = first.value.fields;
    const position = new Map<string, number>();
    header.forEach((id, i) => {
      if (id === null || !entry.items.has(id)) problem(1, id ?? '', `データリストにない項目です（${i + 1}列目）`);
      else if (position.has(id)) problem(1, id, '見出しに同じ項目が二度あります');
      else position.set(id, i);
    });
    for (const item of record.items) if (!position.has(item.id)) problem(1, item.id, '見出しにこの項目がありません');
    if (position.size !== record.items.length || header.length !== record.items.length) {
      // Rows cannot be mapped to items: counted, not checked.
      for await (const _ of records) this.reconciliation.countRow(record.id, false);
      return;
    }
    const items = record.items;
    const at = items.map((item) => position.get(item.id)!);
    const inOrder = at.every((p, i) => p === i);
    const itemIndex = new Map(items.map((item, i) => [item.id, i]));
    const sets = uniqueSets(record).map((set) => ({ set, at: set.map((id) => itemIndex.get(id)!), index: this.index(record.id, set) }));
    const refs = (record.references ?? []).map((ref, i) => ({
      ref,
      i,
      at: ref.items.map((id) => itemIndex.get(id)!),
      target: entry.deferred.has(i) ? null : this.index(ref.record, ref.to),
    }));
    const deferred = refs.filter((r) => r.target === null).map((r) => ({ r, d: { record: entry, refIndex: r.i, hi: [], lo: [], lines: [] } as Deferred }));
    this.deferred.push(...deferred.map((x) => x.d));
    const gaiji = this.options.legacy?.gaiji;
    const textual = items.map((item) => item.type === 'text' || item.type === 'code');
    const columns = columnsOf(entry);
    if (writer) await writer.begin(record.table, columns);
    // Reused for every row (a writer copies what it keeps): a million rows allocate no column array of their own.
    const out: (string | null)[] = new Array(columns.length);
    const derivedRow: Record<string, string | null> = {};
    let count = 0;
    for await (const { line, fields } of records) {
      count++;
      this.rows++;
      if (this.rows % 5000 === 0) this.options.onProgress?.(this.rows);
      if (fields.length !== header.length) {
        problem(line, '', `項目の数が違います（${fields.length}個、見出しは${header.length}個）`);
        this.reconciliation.countRow(record.id, false);
        continue;
      }
      // Files this system wrote hold the items in the data list's order: then the row is used as it is.
      const values = inOrder ? fields : at.map((i) => fields[i]!);
      const before = this.report.size;
      if (gaiji || this.options.legacy) {
        for (let i = 0; i < values.length; i++) {
          if (!textual[i] || values[i] === null) continue;
          const mapped = mapGaiji(values[i]!, gaiji ?? new Map());
          values[i] = mapped.text;
          for (const [cp, n] of mapped.unmapped) {
            problem(line, items[i]!.id, `外字対応表にない文字 ${formatCodePoint(cp)} があります`);
            this.reconciliation.unmapped(record.id, line, keyText(record.key.map((id) => values[itemIndex.get(id)!] ?? '')), cp, n);
          }
        }
      }
      for (let i = 0; i < items.length; i++) {
        const message = problemOf(items[i]!, values[i]!);
        if (message !== null) problem(line, items[i]!.id, message);
      }
      if (this.report.size === before) {
        for (const { set, at: positions, index } of sets) {
          const key = positions.map((i) => values[i] ?? null);
          if (key.includes(null)) continue;
          const earlier = index.add(keyText(key), line);
          if (earlier !== undefined) problem(line, set.join('・'), `キーが重複しています（${earlier}行目と同じ: ${key.join('・')}）`);
        }
        for (const { ref, at: positions, target } of refs) {
          const key = positions.map((i) => values[i] ?? null);
          if (key.includes(null)) continue;
          const text = keyText(key);
          if (target === null) {
            const d = deferred.find((x) => x.r.ref === ref)!.d;
            const [h, l] = hashKey(text);
            d.hi.push(h);
            d.lo.push(l);
            d.lines.push(line);
          } else if (!target.has(text)) {
            problem(line, ref.items.join('・'), `参照先がありません（${ref.record} の ${ref.to.join('・')} = ${key.join('・')}）`);
          }
        }
      }
      const accepted = this.report.size === before;
      this.reconciliation.countRow(record.id, accepted);
      if (writer && this.report.size === 0) await writer.row(this.toColumns(items, values, record.derived, out, derivedRow));
    }
    if (input.rows !== null && count !== input.rows) problem(0, '', `行数が manifest.json と違います（ファイル ${count}行、manifest ${input.rows}行）`);
    if (writer) await writer.end();
  }

  private toColumns(items: readonly DataItem[], values: readonly (string | null)[], derived: DerivedColumns | undefined, out: (string | null)[], row: Record<string, string | null>): (string | null)[] {
    let o = 0;
    for (let i = 0; i < items.length; i++) {
      const v = values[i]!;
      if (items[i]!.type === 'my-number') {
        out[o++] = v === null ? null : encryptMyNumber(this.keys, this.tenantCode, v);
        out[o++] = v === null ? null : myNumberLookupKey(this.keys, this.tenantCode, v);
      } else out[o++] = v === null || !CONVERTED.has(items[i]!.type) ? v : storedValue(items[i]!, v);
    }
    if (derived) {
      for (let i = 0; i < items.length; i++) row[items[i]!.id] = values[i]!;
      for (const v of derived.compute(row)) out[o++] = v;
    }
    return out;
  }

  /** References to records read later (or to the same record), now that every file is read. */
  checkDeferred(): void {
    for (const d of this.deferred) {
      const ref = d.record.record.references![d.refIndex]!;
      const target = this.index(ref.record, ref.to);
      for (let i = 0; i < d.lines.length; i++) {
        if (!target.hasHash(d.hi[i]!, d.lo[i]!)) {
          this.report.add({ file: `${d.record.record.id}.csv`, line: d.lines[i]!, item: ref.items.join('・'), message: `参照先がありません（${ref.record} の ${ref.to.join('・')}）` });
        }
      }
    }
  }
}

/**
 * Imports `options.dir` into the tenant. Returns what happened; the problem report (and for a dry run or
 * a legacy import the reconciliation report) is written either way. `trx`: the job chunk's transaction
 * (PGlite writes in it; see import-writer.ts).
 */
export async function importTenant(db: Database, catalog: Catalog, keys: MyNumberKeyRing, tenantCode: string, options: ImportOptions, trx?: Trx): Promise<ImportResult> {
  const report = new ProblemReport(options.reportFile);
  const importer = new Importer(catalog, keys, tenantCode, options, report);
  const global = (message: string) => report.add({ file: '', line: 0, item: '', message });
  let written = false;
  try {
    let files: InputFile[];
    let manifestTenant: string | null = null;
    if (options.legacy) files = await legacyFiles(options.dir, catalog, (p) => report.add(p));
    else {
      const checked = await checkManifest(options.dir, catalog, (p) => report.add(p));
      files = checked.files;
      manifestTenant = checked.manifest?.tenant.code ?? null;
    }
    if (manifestTenant !== null && manifestTenant !== tenantCode && !options.allowOtherTenant) {
      report.add({ file: 'manifest.json', line: 0, item: 'tenant.code', message: `団体コードが違います（ファイルは ${manifestTenant}、取込先は ${tenantCode}）。別の団体へ取り込むときは --allow-other-tenant を指定してください` });
    }
    const refuse = new Error('refused');
    try {
      await withWriter(db, tenantCode, trx, async (writer) => {
        const full = await nonEmptyTables(writer.trx, catalog);
        if (full.length > 0) global(`取込先の団体にデータがあります（${full.slice(0, 5).join('、')}${full.length > 5 ? ' ほか' : ''}）。取込は空の団体にだけ行えます`);
        const write = !options.dryRun && report.size === 0;
        for (const input of files) await importer.readFile(input, write && report.size === 0 ? writer : null);
        importer.checkDeferred();
        options.onProgress?.(importer.rows);
        if (!write || report.size > 0) throw refuse;
        await writer.finish(catalog.records.map((r) => r.record.table));
        for (const statement of catalog.afterImport) await sql.raw(statement).execute(writer.trx);
        await appendAudit(writer.trx, {
          actor: { kind: 'system', id: 'interop.import', name: '標準データ取込' }, module: 'interop', function: 'interop.import', category: 'batch-update',
          myNumberAccessed: true, detail: { rows: importer.rows, files: files.filter((f) => f.present).length, legacy: options.legacy !== undefined, job: options.jobId ?? null },
        });
        written = true;
      });
    } catch (error) {
      if (error !== refuse) throw error;
    }
  } finally {
    await report.close();
  }
  const summary = importer.reconciliation.summary();
  let reconciliationFile: string | undefined;
  if (options.dryRun || options.legacy) {
    reconciliationFile = options.reportFile.replace(/(\.csv)?$/, '-reconciliation.csv');
    await writeFile(reconciliationFile, importer.reconciliation.toCsv(), { mode: 0o600 });
  }
  return {
    ok: report.size === 0,
    written,
    rows: importer.rows,
    problems: report.size,
    firstProblems: report.first,
    reportFile: options.reportFile,
    ...(reconciliationFile ? { reconciliationFile } : {}),
    perRecord: summary.records,
  };
}
