import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSystem } from '../../test/support/system.ts';
import { DEMO_TENANT, seedDemo } from '../demo.ts';
import { addresseeNumber } from '../jp/index.ts';
import { addTenant } from '../modules/tenants/index.ts';
import { inTenant } from '../platform/db/tenant-scope.ts';
import { runJob, submitJob, type Job } from '../platform/jobs/index.ts';
import type { System } from '../system.ts';
import { CsvReader, csvLine, type CsvRecord } from './csv.ts';
import { catalogOf, EXPORT_JOB, IMPORT_JOB, importResults, type ImportResult, type Problem } from './index.ts';
import { MANIFEST_FILE, manifestText, sha256OfFile, type Manifest } from './manifest.ts';

/**
 * Bad input to the standard import: one small export, and for each case a copy of it with one thing
 * wrong. Every case must be refused with the file, line, item and a Japanese reason in the problem
 * report, and leave the receiving tenant empty; the unmodified copy, imported last, succeeds, so the
 * refusals are the mutations' doing and not the setup's. The copies are resealed (checksum and row
 * count in manifest.json) unless the case is about the manifest itself, so that each copy is wrong in
 * exactly the way the case says.
 */
const A = DEMO_TENANT;

type Fields = (string | null)[];

/** A file's records, header first, read with the importer's own reader. */
async function readCsv(file: string): Promise<CsvRecord[]> {
  const reader = new CsvReader();
  return [...reader.push(await readFile(file, 'utf8')), ...reader.end()];
}

const column = (header: Fields, id: string): number => {
  const i = header.indexOf(id);
  if (i < 0) throw new Error(`no item ${id}`);
  return i;
};

async function editManifest(dir: string, edit: (manifest: Manifest) => void): Promise<void> {
  const file = path.join(dir, MANIFEST_FILE);
  const manifest = JSON.parse(await readFile(file, 'utf8')) as Manifest;
  edit(manifest);
  await writeFile(file, manifestText(manifest));
}

/** Makes manifest.json agree with a changed file again, so that only the change itself is wrong. */
async function reseal(dir: string, file: string, rows?: number): Promise<void> {
  const sha256 = await sha256OfFile(path.join(dir, file));
  await editManifest(dir, (manifest) => {
    const entry = manifest.files.find((f) => f.file === file)!;
    entry.sha256 = sha256;
    if (rows !== undefined) entry.rows = rows;
  });
}

/**
 * Rewrites a file through the CSV reader and writer (never string surgery: a quoted field may hold a
 * comma or a line break) and reseals it. `edit` changes the header and the rows in place; the rows of
 * the rewritten file come back with the lines they are on.
 */
async function editCsv(dir: string, file: string, edit: (header: Fields, rows: Fields[]) => void): Promise<CsvRecord[]> {
  const [head, ...records] = await readCsv(path.join(dir, file));
  const header = head!.fields;
  const rows = records.map((r) => r.fields);
  edit(header, rows);
  await writeFile(path.join(dir, file), [header, ...rows].map(csvLine).join(''));
  await reseal(dir, file, rows.length);
  return (await readCsv(path.join(dir, file))).slice(1);
}

/** Changes a file's bytes (the cases about bytes rather than records); resealed unless told otherwise. */
async function editBytes(dir: string, file: string, edit: (bytes: Buffer) => Buffer, options: { reseal: boolean } = { reseal: true }): Promise<void> {
  await writeFile(path.join(dir, file), edit(await readFile(path.join(dir, file))));
  if (options.reseal) await reseal(dir, file);
}

/** The problem report as the importer wrote it (a line or item it left empty reads as 0 or ''). */
async function readReport(file: string): Promise<Problem[]> {
  const [head, ...rows] = await readCsv(file);
  expect(head!.fields).toEqual(['ファイル', '行', '項目', '内容']);
  return rows.map(({ fields: [f, line, item, message] }) => ({ file: f ?? '', line: line === null ? 0 : Number(line), item: item ?? '', message: message! }));
}

interface Expected {
  file: string;
  line: number;
  item: string;
  message: RegExp;
}

describe('standard data import: bad input is refused and nothing is written', () => {
  let target: System;
  let work: string;
  let exported: string;
  let copies = 0;

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'yakuba-bad-input-'));
    const source = await testSystem();
    try {
      await seedDemo(source, A, { residents: 40, seed: 7 });
      exported = path.join(work, 'export');
      const job = await submitJob(source.db, source.registry, A, EXPORT_JOB, { dir: exported });
      const ended = await runJob(source.db, source.registry, A, job.id);
      expect(ended.status, ended.error ?? '').toBe('succeeded');
    } finally {
      // Only the files are needed from here on: one PGlite fewer in memory.
      await source.close();
    }
    target = await testSystem();
    await addTenant(target, { tenantCode: A });
  });
  afterAll(async () => {
    await target?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  /** A fresh copy of the export for one case. */
  async function copy(): Promise<string> {
    const dir = path.join(work, `case-${++copies}`);
    await cp(exported, dir, { recursive: true });
    return dir;
  }

  /** The records of the catalog (the importer's own list) that hold rows of the tenant. */
  async function filledRecords(): Promise<string[]> {
    const filled: string[] = [];
    await inTenant(target.db, A, async (trx) => {
      for (const { record } of catalogOf(target.registry.modules).records) {
        const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(record.table)} WHERE tenant_code = current_tenant()`.execute(trx);
        if (rows[0]!.n > 0) filled.push(`${record.id} (${rows[0]!.n})`);
      }
    });
    return filled;
  }

  async function importCopy(dir: string): Promise<{ job: Job; problems: Problem[]; result: ImportResult | undefined }> {
    // Beside the copy, not in it: a CSV in the directory that the manifest does not list is itself refused.
    const reportFile = `${dir}-report.csv`;
    const submitted = await submitJob(target.db, target.registry, A, IMPORT_JOB, { dir, reportFile });
    const job = await runJob(target.db, target.registry, A, submitted.id);
    const problems = await readReport(reportFile);
    return { job, problems, result: importResults.get(job.id) };
  }

  /**
   * Imports `dir`, expects it refused with these problems (`only`: and no other; without it, problems
   * that follow from the first, such as references to a file refused as a whole, may come too), and
   * the tenant still empty.
   */
  async function expectRefused(dir: string, expected: Expected[], options: { only?: boolean } = {}): Promise<Problem[]> {
    const { job, problems, result } = await importCopy(dir);
    const shown = JSON.stringify(problems.slice(0, 10), null, 1);
    expect(job.status, shown).toBe('failed');
    expect(job.error).toMatch(new RegExp(`問題が ${problems.length} 件あり、何も書き込んでいません`));
    for (const e of expected) {
      expect(problems, `${e.file} ${e.line} ${e.item} ${e.message}\n${shown}`).toContainEqual({ file: e.file, line: e.line, item: e.item, message: expect.stringMatching(e.message) });
    }
    if (options.only) expect(problems, shown).toHaveLength(expected.length);
    // The report names every problem, the result counts them all.
    expect(result).toMatchObject({ ok: false, written: false, problems: problems.length });
    expect(result!.firstProblems).toEqual(problems.slice(0, result!.firstProblems.length));
    expect(await filledRecords()).toEqual([]);
    return problems;
  }

  it('starts from an export that holds what the cases change', async () => {
    const fields = async (file: string) => (await readCsv(path.join(exported, file))).map((r) => r.fields);
    const [residentHead, ...residents] = await fields('resident.csv');
    const [versionHead, ...versions] = await fields('resident-version.csv');
    const [householdVersionHead, ...householdVersions] = await fields('household-version.csv');
    const [memberHead, ...members] = await fields('household-member.csv');
    const residentIds = new Set(residents.map((r) => r[column(residentHead!, 'id')]));
    // 宛名番号 with a valid check digit (case 10 breaks one).
    expect(residents.length).toBeGreaterThan(3);
    expect(residents.every((r) => addresseeNumber.isValid(r[column(residentHead!, 'addresseeNo')]!))).toBe(true);
    // A date item and a code item on every version, a name and an address on some (cases 9, 11, 12).
    expect(versions.length).toBeGreaterThan(3);
    expect(versions.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r[column(versionHead!, 'birthDate')]!) && /^[12]$/.test(r[column(versionHead!, 'sex')]!))).toBe(true);
    expect(versions.some((r) => r[column(versionHead!, 'name')] !== null && r[column(versionHead!, 'nameKana')] !== null)).toBe(true);
    // Versions refer to residents, members to household versions and residents (cases 8, 14).
    expect(versions.every((r) => residentIds.has(r[column(versionHead!, 'residentId')]))).toBe(true);
    const householdVersionKeys = new Set(householdVersions.map((r) => `${r[column(householdVersionHead!, 'householdId')]}/${r[column(householdVersionHead!, 'historyNo')]}`));
    expect(members.length).toBeGreaterThan(1);
    expect(members.every((r) => householdVersionKeys.has(`${r[column(memberHead!, 'householdId')]}/${r[column(memberHead!, 'historyNo')]}`))).toBe(true);
    expect(members.every((r) => residentIds.has(r[column(memberHead!, 'residentId')]))).toBe(true);
    expect((await fields('addressee-version.csv')).length).toBeGreaterThan(2);
    expect(await filledRecords()).toEqual([]);
  });

  it('1. refuses a file in Shift_JIS with a UTF-8 error and the line it reads from', async () => {
    const dir = await copy();
    const file = 'resident-version.csv';
    const text = await readFile(path.join(dir, file), 'utf8');
    const firstNonAscii = text.split('\r\n').findIndex((l) => /[^ -~]/.test(l)) + 1;
    expect(firstNonAscii).toBeGreaterThan(1);
    await editBytes(dir, file, () => iconv.encode(text, 'Shift_JIS'));
    const problems = await expectRefused(dir, []);
    const found = problems.find((p) => p.file === file && /UTF-8 として読めないバイト列があります/.test(p.message));
    expect(found, JSON.stringify(problems)).toBeDefined();
    // The first line holding a byte that is not ASCII: there the Shift_JIS bytes stop being UTF-8.
    expect(found!.line).toBe(firstNonAscii);
    expect(found!.message).toContain(`${found!.line}行目`);
    expect(found!.message).toMatch(/Shift_JIS/);
  });

  it('2. refuses a UTF-8 BOM at the start of a file', async () => {
    const dir = await copy();
    await editBytes(dir, 'resident.csv', (bytes) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]));
    await expectRefused(dir, [{ file: 'resident.csv', line: 1, item: '', message: /BOM（バイト順マーク）が付いています/ }]);
  });

  it('3. refuses mixed line endings at the line ended by LF in a CRLF file', async () => {
    const dir = await copy();
    const changed = 5;
    await editBytes(dir, 'resident.csv', (bytes) => {
      const lines = bytes.toString('utf8').split('\r\n');
      expect(lines.length).toBeGreaterThan(changed + 1);
      return Buffer.from(lines.map((l, i) => (i === lines.length - 1 ? l : `${l}${i === changed - 1 ? '\n' : '\r\n'}`)).join(''), 'utf8');
    });
    await expectRefused(dir, [{ file: 'resident.csv', line: changed, item: '', message: /改行コードが混在しています（この行は LF、前の行は CRLF）/ }]);
  });

  it.each([
    {
      name: 'a missing column',
      edit: (header: Fields, rows: Fields[]) => {
        const at = column(header, 'sex');
        for (const r of [header, ...rows]) r.splice(at, 1);
      },
      expected: { item: 'sex', message: /見出しにこの項目がありません/ },
    },
    {
      name: 'an extra column',
      edit: (header: Fields, rows: Fields[]) => {
        header.push('favouriteColour');
        for (const r of rows) r.push('青');
      },
      expected: { item: 'favouriteColour', message: /データリストにない項目です（\d+列目）/ },
    },
  ])('4. refuses $name in the header', async ({ edit, expected }) => {
    const dir = await copy();
    await editCsv(dir, 'resident-version.csv', edit);
    // resident-version is referred to only by itself: its rows unread, nothing else follows from it.
    await expectRefused(dir, [{ file: 'resident-version.csv', line: 1, ...expected }], { only: true });
  });

  it('5. refuses a row with one field too many', async () => {
    const dir = await copy();
    let width = 0;
    const rows = await editCsv(dir, 'household.csv', (header, all) => {
      width = header.length;
      all[2]!.push('余分');
    });
    await expectRefused(dir, [{ file: 'household.csv', line: rows[2]!.line, item: '', message: new RegExp(`項目の数が違います（${width + 1}個、見出しは${width}個）`) }]);
  });

  it.each([
    {
      name: 'a file the manifest lists but the directory lacks',
      file: 'household-member.csv',
      mutate: (dir: string) => unlink(path.join(dir, 'household-member.csv')),
      message: /manifest\.json に載っているファイルがありません/,
      // The 世帯主 of every household version is then a member that is not there.
      only: false,
    },
    {
      name: 'a CSV the manifest does not list',
      file: 'resident-copy.csv',
      mutate: (dir: string) => cp(path.join(dir, 'resident.csv'), path.join(dir, 'resident-copy.csv')),
      message: /manifest\.json に載っていないファイルです/,
      only: true,
    },
    {
      name: 'a file whose checksum differs from the manifest',
      file: 'resident.csv',
      // One digit of the last 更新日時's microseconds: still a valid file, only the checksum tells.
      mutate: (dir: string) => editBytes(dir, 'resident.csv', (bytes) => {
        const at = bytes.lastIndexOf('Z\r\n') - 1;
        bytes[at] = bytes[at] === 0x30 ? 0x31 : 0x30;
        return bytes;
      }, { reseal: false }),
      message: /SHA-256 が manifest\.json と違います/,
      // The file is not read, so every reference to a resident is refused too.
      only: false,
    },
  ])('6. refuses $name', async ({ file, mutate, message, only }) => {
    const dir = await copy();
    await mutate(dir);
    await expectRefused(dir, [{ file, line: 0, item: '', message }], { only });
  });

  it('7. refuses a duplicate key and names the earlier line', async () => {
    const dir = await copy();
    let copied: Fields = [];
    let header: Fields = [];
    const rows = await editCsv(dir, 'resident.csv', (h, all) => {
      header = h;
      copied = all[1]!;
      all.push([...copied]);
    });
    const [earlier, later] = [rows[1]!.line, rows.at(-1)!.line];
    // The key and every unique set of the record (個人番号 is empty here, and an empty one is no key).
    expect(copied[column(header, 'myNumber')]).toBeNull();
    await expectRefused(dir, ['id', 'addresseeNo', 'residentCode'].map((item) => ({
      file: 'resident.csv', line: later, item, message: new RegExp(`キーが重複しています（${earlier}行目と同じ: ${copied[column(header, item)]}）`),
    })), { only: true });
  });

  it('8. refuses a reference to a record that does not exist', async () => {
    const dir = await copy();
    const missing = randomUUID();
    const rows = await editCsv(dir, 'household-member.csv', (header, all) => {
      all[1]![column(header, 'residentId')] = missing;
    });
    await expectRefused(dir, [{ file: 'household-member.csv', line: rows[1]!.line, item: 'residentId', message: new RegExp(`参照先がありません（resident の id = ${missing}）`) }]);
  });

  it('9. refuses a date out of range and a date that does not exist', async () => {
    const dir = await copy();
    const rows = await editCsv(dir, 'resident-version.csv', (header, all) => {
      all[1]![column(header, 'birthDate')] = '1700-01-01';
      all[2]![column(header, 'birthDate')] = '2026-02-30';
    });
    await expectRefused(dir, [
      { file: 'resident-version.csv', line: rows[1]!.line, item: 'birthDate', message: /日付が範囲外です（"1700-01-01"、1800年から2200年まで）/ },
      { file: 'resident-version.csv', line: rows[2]!.line, item: 'birthDate', message: /存在しない日付です（"2026-02-30"）/ },
    ], { only: true });
  });

  it('10. refuses a 宛名番号 whose check digit is wrong', async () => {
    const dir = await copy();
    let wrong = '';
    const rows = await editCsv(dir, 'resident.csv', (header, all) => {
      const at = column(header, 'addresseeNo');
      const number = all[0]![at]!;
      // Another last digit that is still a digit but not the check digit.
      wrong = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => number.slice(0, -1) + ((Number(number.at(-1)) + d) % 10)).find((n) => !addresseeNumber.isValid(n))!;
      all[0]![at] = wrong;
    });
    expect(wrong).toMatch(/^[0-9]+$/);
    await expectRefused(dir, [{ file: 'resident.csv', line: rows[0]!.line, item: 'addresseeNo', message: new RegExp(`検査数字が正しくありません（"${wrong}"、モジュラス11）`) }]);
  });

  it.each([
    { name: 'a control character (U+0007) in a name', item: 'name', change: (v: string) => `${v.slice(0, 1)}\u0007${v.slice(1)}`, message: /制御文字（U\+0007）は使用できません（2文字目）/ },
    { name: 'a noncharacter (U+FFFF) at the start of an address', item: 'address', change: (v: string) => `\uffff${v}`, message: /使用できない符号位置（U\+FFFF）が含まれています（1文字目）/ },
    { name: 'a variation selector on nothing at the start of a フリガナ', item: 'nameKana', change: (v: string) => `\u{e0100}${v}`, message: /異体字セレクタ（U\+E0100）が文字に付いていません（1文字目）/ },
  ])('11. refuses $name', async ({ item, change, message }) => {
    const dir = await copy();
    let index = -1;
    const rows = await editCsv(dir, 'resident-version.csv', (header, all) => {
      const at = column(header, item);
      index = all.findIndex((r) => r[at] !== null && r[at]!.length > 1);
      all[index]![at] = change(all[index]![at]!);
    });
    await expectRefused(dir, [{ file: 'resident-version.csv', line: rows[index]!.line, item, message }], { only: true });
  });

  it('12. refuses a code outside its code table', async () => {
    const dir = await copy();
    const rows = await editCsv(dir, 'resident-version.csv', (header, all) => {
      all[3]![column(header, 'sex')] = '9';
    });
    await expectRefused(dir, [{ file: 'resident-version.csv', line: rows[3]!.line, item: 'sex', message: /コード表にない値です（"9"）/ }], { only: true });
  });

  it('13. refuses the export of another 団体 unless told to accept it', async () => {
    const dir = await copy();
    const other = A === '011002' ? '012025' : '011002';
    await editManifest(dir, (manifest) => {
      manifest.tenant.code = other;
    });
    await expectRefused(dir, [{ file: 'manifest.json', line: 0, item: 'tenant.code', message: new RegExp(`団体コードが違います（ファイルは ${other}、取込先は ${A}）.*--allow-other-tenant`) }], { only: true });
  });

  it('14. reports every problem, not only the first: two files, two problems', async () => {
    const dir = await copy();
    const versions = await editCsv(dir, 'resident-version.csv', (header, all) => {
      all[4]![column(header, 'sex')] = '9';
    });
    // A file read well after the first problem was found: the import goes on reading to report it.
    const addressees = await editCsv(dir, 'addressee-version.csv', (header, all) => {
      all[2]![column(header, 'birthDate')] = '2026-02-30';
    });
    const problems = await expectRefused(dir, [
      { file: 'resident-version.csv', line: versions[4]!.line, item: 'sex', message: /コード表にない値です（"9"）/ },
      { file: 'addressee-version.csv', line: addressees[2]!.line, item: 'birthDate', message: /存在しない日付です（"2026-02-30"）/ },
    ], { only: true });
    // In the order read: the second is found after the first stopped the writing.
    expect(problems.map((p) => p.file)).toEqual(['resident-version.csv', 'addressee-version.csv']);
  });

  // Last: it fills the tenant that every case above needed empty.
  it('imports the unmodified copy (the control: the cases fail for their change alone)', async () => {
    const dir = await copy();
    const { job, problems } = await importCopy(dir);
    expect(job.status, `${job.error} ${JSON.stringify(problems.slice(0, 5))}`).toBe('succeeded');
    expect(problems).toEqual([]);
    const { rows } = await inTenant(target.db, A, (trx) => sql<{ n: number }>`SELECT count(*)::int AS n FROM resident WHERE tenant_code = current_tenant()`.execute(trx));
    expect(rows[0]!.n).toBe(40);
  });
});
