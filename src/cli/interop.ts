import path from 'node:path';
import cliProgress from 'cli-progress';
import { Command } from 'commander';
import { defaultReportFile, describeProblem, EXPORT_JOB, IMPORT_JOB, importProgress, importResults, type ImportParams } from '../interop/index.ts';
import { resumeJob, submitJob } from '../platform/jobs/index.ts';
import { progressBar } from '../platform/jobs/progress-bar.ts';
import { validateTenantCode } from '../platform/tenancy/tenant.ts';
import { withSystem } from './run.ts';

const tenantOption = ['-t, --tenant <tenantCode>', '団体コード'] as const;

/** `yakuba export`: the export job, run here with a progress bar from its checkpoints. */
export function exportCommand(): Command {
  return new Command('export')
    .description('団体の全データを標準レイアウト（CSV＋manifest.json）で出力する（個人番号を含む: 出力先の管理に注意）')
    .requiredOption(...tenantOption)
    .requiredOption('-o, --out <dir>', '出力先ディレクトリ（空または新規）')
    .action((options: { tenant: string; out: string }) =>
      withSystem(async (system) => {
        const tenantCode = validateTenantCode(options.tenant).code;
        const job = await submitJob(system.db, system.registry, tenantCode, EXPORT_JOB, { dir: path.resolve(options.out) });
        console.log(`出力を開始します: ジョブ ${job.id}（${job.total.toLocaleString('ja-JP')}行）`);
        const run = resumeJob(system.db, system.registry, tenantCode, job.id);
        await progressBar(system.db, tenantCode, job.id, { until: run });
        const ended = await run;
        if (ended.status !== 'succeeded') {
          console.error(`出力に失敗しました: ${ended.error ?? ended.status}（yakuba job resume -t ${tenantCode} ${job.id} で続きから再開できます）`);
          process.exitCode = 1;
          return;
        }
        console.log(`出力しました: ${path.resolve(options.out)}（${ended.done.toLocaleString('ja-JP')}行、manifest.json に各ファイルの行数と SHA-256）`);
      }),
    );
}

/** `yakuba import`: the import job, run here with a progress bar of rows read. */
export function importCommand(): Command {
  return new Command('import')
    .description('標準レイアウトのデータ（または旧システムのファイル）を空の団体へ取り込む。問題が一つでもあれば何も書き込まない')
    .requiredOption(...tenantOption)
    .argument('<dir>', '取込元ディレクトリ（manifest.json と CSV）')
    .option('--dry-run', '検査だけ行い、突合表と問題一覧を書き出す（何も書き込まない）')
    .option('--legacy', '旧システムのファイル（manifest.json なし）として取り込む')
    .option('--encoding <encoding>', '--legacy の文字コード: shift_jis | utf-8', 'shift_jis')
    .option('--gaiji <file>', '--legacy の外字対応表（UTF-8 CSV: code,character）')
    .option('--report <file>', '問題一覧（CSV）の出力先')
    .option('--allow-other-tenant', '別の団体コードの出力を取り込む（合併など）')
    .action((dir: string, options: { tenant: string; dryRun?: boolean; legacy?: boolean; encoding: string; gaiji?: string; report?: string; allowOtherTenant?: boolean }) =>
      withSystem(async (system) => {
        const tenantCode = validateTenantCode(options.tenant).code;
        const from = path.resolve(dir);
        const params: ImportParams = {
          dir: from,
          reportFile: path.resolve(options.report ?? defaultReportFile(from)),
          dryRun: options.dryRun ?? false,
          allowOtherTenant: options.allowOtherTenant ?? false,
          ...(options.legacy ? { legacy: { encoding: options.encoding as 'shift_jis' | 'utf-8', ...(options.gaiji ? { gaijiFile: path.resolve(options.gaiji) } : {}) } } : {}),
        };
        const job = await submitJob(system.db, system.registry, tenantCode, IMPORT_JOB, params);
        const bar = new cliProgress.SingleBar(
          { format: '{bar} {value}/{total} 行 | {rate} 行/秒 | 残り {eta}秒', stream: process.stderr, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        const started = performance.now();
        bar.start(Math.max(job.total, 1), 0, { rate: '—' });
        const onRows = (rows: number) => {
          bar.setTotal(Math.max(job.total, rows, 1));
          bar.update(rows, { rate: Math.round(rows / ((performance.now() - started) / 1000)).toLocaleString('ja-JP') });
        };
        importProgress.on(job.id, onRows);
        const ended = await resumeJob(system.db, system.registry, tenantCode, job.id).finally(() => {
          importProgress.off(job.id, onRows);
          bar.stop();
        });
        const result = importResults.get(job.id);
        if (result) {
          for (const [record, c] of Object.entries(result.perRecord)) console.log(`  ${record}: 受入 ${c.accepted.toLocaleString('ja-JP')} 行${c.rejected > 0 ? `、却下 ${c.rejected.toLocaleString('ja-JP')} 行` : ''}`);
          if (result.reconciliationFile) console.log(`突合表: ${result.reconciliationFile}`);
        }
        if (ended.status !== 'succeeded') {
          const what = params.dryRun ? '検査で問題が見つかりました（検査のみ: 何も書き込んでいません）' : '取込を中止しました（何も書き込んでいません）';
          console.error(`${what}: ${result ? `問題 ${result.problems.toLocaleString('ja-JP')} 件` : ended.error}`);
          for (const p of result?.firstProblems ?? []) console.error(`  - ${describeProblem(p)}`);
          if (result) console.error(`問題の一覧: ${result.reportFile}`);
          process.exitCode = 1;
          return;
        }
        if (params.dryRun) console.log(`検査のみ（何も書き込んでいません）: ${result?.rows.toLocaleString('ja-JP')} 行、問題 ${result?.problems ?? 0} 件（一覧: ${params.reportFile}）`);
        else console.log(`取り込みました: ${ended.done.toLocaleString('ja-JP')} 行`);
      }),
    );
}
