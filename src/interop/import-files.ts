/**
 * The files of an import before any row is read: the manifest (a standard export) or the files a legacy
 * system handed over, each file's presence and checksum, and the rows of one file as CSV records
 * decoded from UTF-8 (streamed) or Shift_JIS (legacy).
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Catalog } from './catalog.ts';
import { CsvError, CsvReader, type CsvRecord } from './csv.ts';
import { decodeLegacy, type LegacyEncoding } from './legacy/index.ts';
import { MANIFEST_FILE, parseManifest, sha256OfFile, type Manifest } from './manifest.ts';
import type { Problem } from './report.ts';

export interface InputFile {
  record: string;
  file: string;
  /** Rows the manifest announces (null for a legacy file). */
  rows: number | null;
  present: boolean;
}

/** Reads and checks the manifest against the catalog and the directory; returns the files to read. */
export async function checkManifest(dir: string, catalog: Catalog, report: (p: Problem) => void): Promise<{ manifest: Manifest | null; files: InputFile[] }> {
  const text = await readFile(path.join(dir, MANIFEST_FILE), 'utf8').catch(() => null);
  if (text === null) {
    report({ file: MANIFEST_FILE, line: 0, item: '', message: 'manifest.json がありません（標準データの取込には出力時の manifest.json が必要です。旧システムのファイルは --legacy で取り込みます）' });
    return { manifest: null, files: [] };
  }
  const parsed = parseManifest(text);
  if ('problems' in parsed) {
    for (const message of parsed.problems) report({ file: MANIFEST_FILE, line: 0, item: '', message });
    return { manifest: null, files: [] };
  }
  const { manifest } = parsed;
  for (const m of manifest.modules) {
    const ours = catalog.modules.find((c) => c.id === m.id);
    if (!ours) report({ file: MANIFEST_FILE, line: 0, item: 'modules', message: `業務 ${m.id} はこのシステムにありません` });
    else if (ours.version !== m.version) report({ file: MANIFEST_FILE, line: 0, item: 'modules', message: `業務 ${m.id} のレイアウトの版が違います（ファイル ${m.version}、このシステム ${ours.version}）` });
  }
  const listed = new Map(manifest.files.map((f) => [f.record, f]));
  for (const f of manifest.files) {
    if (!catalog.byId.has(f.record)) report({ file: f.file, line: 0, item: '', message: `レコード ${f.record} はこのシステムのデータリストにありません` });
    if (f.file !== `${f.record}.csv`) report({ file: f.file, line: 0, item: '', message: `ファイル名は ${f.record}.csv でなければなりません` });
  }
  const onDisk = new Set(await readdir(dir));
  for (const name of onDisk) {
    if (name.endsWith('.csv') && ![...listed.values()].some((f) => f.file === name)) {
      report({ file: name, line: 0, item: '', message: 'manifest.json に載っていないファイルです（出力の後で加えられたものは取り込みません）' });
    }
  }
  const files: InputFile[] = [];
  for (const { record } of catalog.records) {
    const f = listed.get(record.id);
    const file = `${record.id}.csv`;
    if (!f) {
      report({ file, line: 0, item: '', message: 'manifest.json にこのレコードのファイルがありません' });
      continue;
    }
    if (!onDisk.has(file)) {
      report({ file, line: 0, item: '', message: 'manifest.json に載っているファイルがありません' });
      continue;
    }
    const sha = await sha256OfFile(path.join(dir, file));
    if (sha !== f.sha256) {
      report({ file, line: 0, item: '', message: 'SHA-256 が manifest.json と違います（出力の後で変わったか、壊れています）' });
      continue;
    }
    files.push({ record: record.id, file, rows: f.rows, present: true });
  }
  return { manifest, files };
}

/** A legacy system's files: `<record>.csv` where it has the record; a record it has no file for is read as empty. */
export async function legacyFiles(dir: string, catalog: Catalog, report: (p: Problem) => void): Promise<InputFile[]> {
  const onDisk = new Set(await readdir(dir));
  const known = new Set(catalog.records.map((r) => `${r.record.id}.csv`));
  for (const name of onDisk) {
    if (name.endsWith('.csv') && !known.has(name)) report({ file: name, line: 0, item: '', message: 'データリストにないレコードのファイルです（ファイル名はレコードID.csv）' });
  }
  return catalog.records.map(({ record }) => ({ record: record.id, file: `${record.id}.csv`, rows: null, present: onDisk.has(`${record.id}.csv`) }));
}

const countLines = (text: string): number => {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
};

/** The text of the longest start of `bytes` that is valid UTF-8 (found by halving: only after a decoding error). */
function validPrefix(bytes: Buffer): string {
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const mid = (good + bad) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      good = mid;
    } catch {
      bad = mid;
    }
  }
  return new TextDecoder('utf-8').decode(bytes.subarray(0, good), { stream: true });
}

/**
 * The CSV records of a file. UTF-8 is streamed; a BOM, bytes that are not UTF-8 or broken CSV end the
 * file with a problem (what follows cannot be read reliably). Shift_JIS (legacy) is decoded whole.
 */
export async function* readRecords(file: string, encoding: LegacyEncoding, report: (p: Problem) => void): AsyncGenerator<CsvRecord> {
  const name = path.basename(file);
  const reader = new CsvReader();
  const fail = (line: number, message: string) => report({ file: name, line, item: '', message });
  try {
    if (encoding === 'shift_jis') {
      const decoded = decodeLegacy(await readFile(file), 'shift_jis');
      if ('error' in decoded) return fail(0, decoded.error);
      yield* reader.push(decoded.text);
      yield* reader.end();
      return;
    }
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    let first = true;
    // Physical line at the start of the next piece: where a bad byte is, is said by its own line.
    let line = 1;
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
      let text: string;
      try {
        text = decoder.decode(chunk as Buffer, { stream: true });
      } catch {
        const at = line + countLines(validPrefix(chunk as Buffer));
        return fail(at, `UTF-8 として読めないバイト列があります（${at}行目）。文字コードを確かめてください（Shift_JIS のファイルは --legacy --encoding shift_jis で取り込みます）`);
      }
      if (first && text.charCodeAt(0) === 0xfeff) return fail(1, 'BOM（バイト順マーク）が付いています。BOM なしの UTF-8 で書き出してください');
      first = false;
      line += countLines(text);
      yield* reader.push(text);
    }
    try {
      yield* reader.push(decoder.decode());
    } catch {
      return fail(line, 'ファイルの最後が UTF-8 の文字の途中で切れています');
    }
    yield* reader.end();
  } catch (error) {
    if (error instanceof CsvError) return fail(error.line, error.message);
    throw error;
  }
}
