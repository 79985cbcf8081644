/**
 * The import as a job (API and CLI alike). Its work is one atomic transaction (import.ts), so the job
 * has one chunk: plan() checks what can be checked cheaply (parameters, the tenant is empty) and counts
 * the rows the manifest announces; the chunk imports. A job that failed or whose process died resumes
 * by running the import again from the first file: nothing of the earlier attempt was kept. Rows read
 * are reported through `importProgress` while the chunk runs, for a progress bar in the same process.
 */
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../platform/db/database.ts';
import { AppError, ValidationError } from '../platform/errors.ts';
import type { JobDefinition } from '../platform/jobs/types.ts';
import type { MyNumberKeyRing } from '../platform/my-number/index.ts';
import type { Catalog } from './catalog.ts';
import { importTenant, type ImportResult } from './import.ts';
import { parseGaijiMap } from './legacy/index.ts';
import { MANIFEST_FILE, parseManifest } from './manifest.ts';
import { describeProblem } from './report.ts';
import { serverPath } from './server-path.ts';

export const IMPORT_JOB = 'interop.import';

// A CSV only: the table is read when the job is submitted, and its refusal quotes the first line, which
// must not become a way to read the first line of any file on the server (/etc/passwd, /proc/self/environ).
const GaijiFile = serverPath('外字対応表').refine((p) => /\.csv$/i.test(p), '外字対応表は .csv のファイルで指定してください');

const importParams = z.object({
  dir: serverPath('取込元'),
  reportFile: serverPath('報告ファイル').optional(),
  dryRun: z.boolean().default(false),
  legacy: z.object({ encoding: z.enum(['shift_jis', 'utf-8']), gaijiFile: GaijiFile.optional() }).optional(),
  allowOtherTenant: z.boolean().default(false),
});
export type ImportParams = z.infer<typeof importParams>;

/** Rows read so far by a running import, by job id (same process only). */
export const importProgress = new EventEmitter();

/** The last result of each import job run in this process, for the command that started it. */
export const importResults = new Map<string, ImportResult>();

export const defaultReportFile = (dir: string) => path.join(path.dirname(dir), `${path.basename(dir)}-import-report.csv`);

async function gaijiOf(params: ImportParams): Promise<ReadonlyMap<number, string> | undefined> {
  if (!params.legacy?.gaijiFile) return undefined;
  const text = await readFile(params.legacy.gaijiFile, 'utf8').catch(() => null);
  if (text === null) throw new ValidationError([{ field: 'params.legacy.gaijiFile', rule: 'exists', message: `外字対応表 ${params.legacy.gaijiFile} を読めません` }]);
  const parsed = parseGaijiMap(text);
  if (!parsed.ok) throw new ValidationError(parsed.problems.map((p) => ({ field: 'params.legacy.gaijiFile', rule: 'format', message: `外字対応表 ${p.message}` })));
  return parsed.map;
}

export function importJob(catalog: Catalog, keys: MyNumberKeyRing, db: Database): JobDefinition<ImportParams, null> {
  return {
    type: IMPORT_JOB,
    title: '標準データ取込（データ要件）',
    permission: 'interop:import',
    paramsSchema: importParams,
    // An import fills an empty 団体 in one transaction: a second one beside it could only fail at the end.
    exclusiveKey: () => 'tenant',
    chunkSize: 1,
    async plan(_trx, params) {
      await gaijiOf(params);
      const text = params.legacy ? null : await readFile(path.join(params.dir, MANIFEST_FILE), 'utf8').catch(() => null);
      const parsed = text === null ? null : parseManifest(text);
      return { total: parsed && 'manifest' in parsed ? parsed.manifest.files.reduce((n, f) => n + f.rows, 0) : 0 };
    },
    async runChunk(trx, params, _cursor, _size, { jobId }) {
      // The import committed and the process died before this chunk's checkpoint did (on PostgreSQL the
      // import writes on a connection of its own): the audit entry of the import names the job.
      const { rows: done } = await sql<{ x: boolean }>`
        SELECT EXISTS (SELECT 1 FROM audit_log WHERE tenant_code = current_tenant() AND function = ${IMPORT_JOB} AND detail->>'job' = ${jobId}) AS x`.execute(trx);
      if (done[0]!.x) return { processed: 0, cursor: null };
      const tenantCode = (await sql<{ t: string }>`SELECT current_tenant() AS t`.execute(trx)).rows[0]!.t;
      const result = await importTenant(db, catalog, keys, tenantCode, {
        dir: params.dir,
        reportFile: params.reportFile ?? defaultReportFile(params.dir),
        dryRun: params.dryRun,
        ...(params.legacy ? { legacy: { encoding: params.legacy.encoding, ...(params.legacy.gaijiFile ? { gaiji: await gaijiOf(params) } : {}) } } : {}),
        allowOtherTenant: params.allowOtherTenant,
        onProgress: (rows) => importProgress.emit(jobId, rows),
        jobId,
      }, trx);
      importResults.set(jobId, result);
      if (!result.ok) {
        const shown = result.firstProblems.slice(0, 5).map(describeProblem).join(' / ');
        if (params.dryRun) throw new AppError('import-check-failed', 422, '検査で問題が見つかりました', `問題が ${result.problems} 件あります（検査のみ: 何も書き込んでいません）。一覧: ${result.reportFile}。${shown}`);
        throw new AppError('import-refused', 422, '取込を中止しました', `問題が ${result.problems} 件あり、何も書き込んでいません。一覧: ${result.reportFile}。${shown}`);
      }
      return { processed: result.rows, cursor: null };
    },
  };
}
