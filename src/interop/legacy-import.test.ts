import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSystem } from '../../test/support/system.ts';
import { DEMO_TENANT, seedDemo } from '../demo.ts';
import { addTenant } from '../modules/tenants/index.ts';
import { inTenant } from '../platform/db/tenant-scope.ts';
import { resumeJob, runJob, submitJob, type Job } from '../platform/jobs/index.ts';
import type { System } from '../system.ts';
import { CsvReader, csvLine } from './csv.ts';
import { EXPORT_JOB, IMPORT_JOB, importResults } from './index.ts';

/**
 * A legacy system's hand-over: the records as Shift_JIS (Windows-31J) CSV without a manifest, two of the
 * municipality's own 外字 in the user-defined area (F040 → U+E000, F041 → U+E001) in one person's name.
 * The dry run reports the counts and the 外字 its 対応表 lacks; with a complete table the import writes
 * the standard characters.
 */
const A = DEMO_TENANT;
/** 〓 (81AC in Shift_JIS) marks where the test puts a 外字 into the bytes: iconv-lite cannot encode private use. */
const MARK = '\u3013';

describe('legacy migration: Shift_JIS, 外字 and a dry run', () => {
  let source: System;
  let target: System;
  let work: string;
  let legacy: string;
  let person: { id: string; line: number };
  const run = async (params: Record<string, unknown>): Promise<Job> => {
    const job = await submitJob(target.db, target.registry, A, IMPORT_JOB, params);
    return runJob(target.db, target.registry, A, job.id);
  };
  const residents = () => inTenant(target.db, A, async (trx) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM resident`.execute(trx)).rows[0]!.n));

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'yakuba-legacy-'));
    source = await testSystem();
    await seedDemo(source, A, { residents: 30, seed: 9 });
    const exported = path.join(work, 'standard');
    const job = await submitJob(source.db, source.registry, A, EXPORT_JOB, { dir: exported });
    expect((await runJob(source.db, source.registry, A, job.id)).status).toBe('succeeded');
    legacy = path.join(work, 'legacy');
    await mkdir(legacy);
    for (const file of (await readdir(exported)).filter((f) => f.endsWith('.csv'))) {
      let text = await readFile(path.join(exported, file), 'utf8');
      if (file === 'resident-version.csv') {
        // The first person's first version: 外字 U+E000 and U+E001 around the name.
        const reader = new CsvReader();
        const rows = [...reader.push(text), ...reader.end()];
        const header = rows[0]!.fields;
        const row = rows[1]!;
        const name = header.indexOf('name');
        row.fields[name] = `${MARK}${row.fields[name]}${MARK}`;
        person = { id: row.fields[header.indexOf('residentId')]!, line: row.line };
        text = rows.map((r) => csvLine(r.fields)).join('');
      }
      const bytes = iconv.encode(text, 'cp932');
      expect(iconv.decode(bytes, 'cp932'), `${file} holds characters Shift_JIS cannot carry`).toBe(text);
      // Each 〓 becomes the next user-defined cell: F040, then F041.
      let cell = 0x40;
      for (let i = 0; i + 1 < bytes.length; i++) {
        if (bytes[i] === 0x81 && bytes[i + 1] === 0xac) {
          bytes[i] = 0xf0;
          bytes[i + 1] = cell++;
        }
      }
      await writeFile(path.join(legacy, file), bytes);
    }
    await writeFile(path.join(work, 'partial.csv'), 'code,character\r\nU+E000,葛\u{E0101}\r\n');
    await writeFile(path.join(work, 'full.csv'), 'code,character,note\r\nU+E000,葛\u{E0101},葛の異体\r\nU+E001,髙,はしご高\r\n');
    target = await testSystem();
    await addTenant(target, { tenantCode: A });
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('dry run: counts every record, names the 外字 the table lacks with the rows using them, writes nothing', async () => {
    const reportFile = path.join(work, 'dry.csv');
    const ended = await run({ dir: legacy, reportFile, dryRun: true, legacy: { encoding: 'shift_jis', gaijiFile: path.join(work, 'partial.csv') } });
    expect(ended.error).toMatch(/検査で問題が見つかりました|問題が 1 件あります/);
    const result = importResults.get(ended.id)!;
    expect(result.written).toBe(false);
    expect(result.perRecord['resident-version']).toMatchObject({ rejected: 1 });
    expect(result.perRecord['resident']!.accepted).toBe(await inTenant(source.db, A, async (trx) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM resident`.execute(trx)).rows[0]!.n)));
    const reconciliation = await readFile(result.reconciliationFile!, 'utf8');
    expect(reconciliation).toMatch(/未対応外字,,1,U\+E001/);
    expect(reconciliation).toContain(`未対応外字の使用,resident-version,,U+E001,${person.line},${person.id}`);
    expect(await readFile(reportFile, 'utf8')).toContain(`resident-version.csv,${person.line},name,外字対応表にない文字 U+E001 があります`);
    expect(await residents()).toBe(0);
  });

  let refused: Job;
  it('refuses the import while a 外字 is unmapped, and writes nothing', async () => {
    refused = await run({ dir: legacy, reportFile: path.join(work, 'partial-report.csv'), legacy: { encoding: 'shift_jis', gaijiFile: path.join(work, 'partial.csv') } });
    expect(refused.status).toBe('failed');
    expect(await residents()).toBe(0);
  });

  it('refuses a UTF-8 reading of Shift_JIS files with the line, and writes nothing', async () => {
    const ended = await run({ dir: legacy, reportFile: path.join(work, 'utf8-report.csv'), legacy: { encoding: 'utf-8' } });
    expect(ended.status).toBe('failed');
    expect(await readFile(path.join(work, 'utf8-report.csv'), 'utf8')).toMatch(/UTF-8 として読めない/);
    expect(await residents()).toBe(0);
  });

  it('resumes the refused job once the 対応表 is complete: the name holds the standard characters', async () => {
    await writeFile(path.join(work, 'partial.csv'), await readFile(path.join(work, 'full.csv'), 'utf8'));
    const ended = await resumeJob(target.db, target.registry, A, refused.id);
    expect(ended.status, JSON.stringify(importResults.get(ended.id)?.firstProblems)).toBe('succeeded');
    const { rows } = await inTenant(target.db, A, (trx) => sql<{ name: string }>`SELECT name FROM resident_version WHERE resident_id = ${person.id}::uuid ORDER BY history_no LIMIT 1`.execute(trx));
    expect(rows[0]!.name.startsWith('葛\u{E0101}')).toBe(true);
    expect(rows[0]!.name.endsWith('髙')).toBe(true);
  });
});
