import { Command } from 'commander';
import { cancelJob, formatDuration, getJob, JOB_STATUS_LABELS, listJobs, resumeJob, submitJob, type Job } from '../platform/jobs/index.ts';
import { ValidationError } from '../platform/errors.ts';
import { progressBar } from '../platform/jobs/progress-bar.ts';
import { validateTenantCode } from '../platform/tenancy/tenant.ts';
import type { System } from '../system.ts';
import { withSystem } from './run.ts';

const tenantOption = ['-t, --tenant <tenantCode>', '団体コード'] as const;

function line(j: Job): string {
  const p = j.progress;
  const rate = p.ratePerSecond === null ? '' : `  ${p.ratePerSecond.toFixed(1)}件/秒`;
  const eta = j.status === 'running' || j.status === 'queued' ? `  残り${formatDuration(p.etaSeconds)}` : '';
  return `${j.id}  ${JOB_STATUS_LABELS[j.status].padEnd(4, '　')}  ${j.type}  ${j.done}/${j.total} (${p.percent.toFixed(1)}%)${rate}${eta}${j.error ? `  ${j.error}` : ''}`;
}

/** Runs the job in this process with a progress bar, then reports how it ended. */
async function runWithBar(system: System, tenantCode: string, jobId: string, force: boolean): Promise<void> {
  const run = resumeJob(system.db, system.registry, tenantCode, jobId, force ? { staleAfterMs: 0 } : {});
  const ended = await progressBar(system.db, tenantCode, jobId, { until: run });
  const job = await run.catch(async (error: unknown) => {
    await ended;
    throw error;
  });
  console.log(line(job));
  if (job.status === 'failed') process.exitCode = 1;
}

export function jobCommand(): Command {
  const job = new Command('job').description('バッチジョブの管理（一覧・投入・取消し・再開）');
  job
    .command('list')
    .description('団体のジョブを新しい順に一覧する')
    .requiredOption(...tenantOption)
    .option('--status <status>', 'queued | running | succeeded | failed | cancelled')
    .action((options: { tenant: string; status?: Job['status'] }) =>
      withSystem(async ({ db }) => {
        const jobs = await listJobs(db, validateTenantCode(options.tenant).code, options.status ? { status: options.status } : {});
        if (jobs.length === 0) return void console.log('ジョブはありません');
        for (const j of jobs) console.log(line(j));
      }),
    );
  job
    .command('submit')
    .description('ジョブを投入し、この端末で進捗を表示しながら実行する')
    .requiredOption(...tenantOption)
    .argument('<type>', 'ジョブの種類（例: individual-resident-tax.annual-assessment）')
    .option('--params <json>', 'パラメータ（JSON）', '{}')
    .option('--queue', '実行はサーバーのワーカーに任せ、投入だけする')
    .action((type: string, options: { tenant: string; params: string; queue?: boolean }) =>
      withSystem(async (system) => {
        const tenantCode = validateTenantCode(options.tenant).code;
        const submitted = await submitJob(system.db, system.registry, tenantCode, type, parseParams(options.params));
        console.log(`投入しました: ${submitted.id}（${submitted.total}件）`);
        if (!options.queue) await runWithBar(system, tenantCode, submitted.id, false);
      }),
    );
  job
    .command('cancel')
    .description('ジョブを取り消す（実行中なら次のチャンクの区切りで止まる）')
    .requiredOption(...tenantOption)
    .argument('<jobId>', 'ジョブID')
    .action((jobId: string, options: { tenant: string }) =>
      withSystem(async ({ db }) => console.log(line(await cancelJob(db, validateTenantCode(options.tenant).code, jobId)))),
    );
  job
    .command('resume')
    .description('失敗・中断したジョブを最後のチェックポイントから再開し、進捗を表示する')
    .requiredOption(...tenantOption)
    .argument('<jobId>', 'ジョブID')
    .option('--force', '実行中のまま止まったジョブを、心拍の期限（60秒）を待たずに引き継ぐ')
    .action((jobId: string, options: { tenant: string; force?: boolean }) =>
      withSystem(async (system) => {
        const tenantCode = validateTenantCode(options.tenant).code;
        await getJob(system.db, tenantCode, jobId);
        await runWithBar(system, tenantCode, jobId, options.force ?? false);
      }),
    );
  return job;
}

function parseParams(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ValidationError([{ field: 'params', rule: 'json', message: `--params はJSONで指定してください: ${text}` }]);
  }
}
