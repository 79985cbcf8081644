import cliProgress from 'cli-progress';
import type { Database } from '../db/database.ts';
import { formatDuration } from './progress.ts';
import { getJob, type Job } from './store.ts';
import { FINAL_STATUSES, JOB_STATUS_LABELS } from './types.ts';

export interface ProgressBarOptions {
  intervalMs?: number;
  stream?: NodeJS.WritableStream;
  /** Stop polling when this settles (the run in this process ended), even if the job did not end. */
  until?: Promise<unknown>;
  /** Also draw when the stream is not a terminal (one line every two seconds), e.g. into a CI log. */
  noTTYOutput?: boolean;
}

/**
 * Draws a job's progress in the terminal (`yakuba job resume`), polling the job until it ends, and
 * returns it as it ended. Figures come from the job row, so the bar shows the same rate and ETA as the
 * API, whichever process runs the job.
 */
export async function progressBar(db: Database, tenantCode: string, jobId: string, options: ProgressBarOptions = {}): Promise<Job> {
  const bar = new cliProgress.SingleBar(
    {
      format: '{bar} {pct}% | {value}/{jobTotal} 件 | {rate} 件/秒 | 残り {eta_ja} | {status}',
      stream: options.stream ?? process.stderr,
      noTTYOutput: options.noTTYOutput ?? false,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let settled = false;
  const ended = options.until
    ? options.until.then(
        () => void (settled = true),
        () => void (settled = true),
      )
    : new Promise<void>(() => undefined);
  let job = await getJob(db, tenantCode, jobId);
  // The bar's own scale must not be 0 (it would show full); done may exceed a total counted earlier.
  bar.start(Math.max(job.total, 1), 0, payload(job));
  // Whether the run had ended before the last read: only then is that read the final state (a read
  // started just before the run's last commit may still say 'running').
  let readAfterEnd = false;
  try {
    for (;;) {
      bar.setTotal(Math.max(job.total, job.done, 1));
      bar.update(job.done, payload(job));
      if (FINAL_STATUSES.includes(job.status) || readAfterEnd) return job;
      await Promise.race([new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500)), ended]);
      readAfterEnd = settled;
      job = await getJob(db, tenantCode, jobId);
    }
  } finally {
    bar.stop();
  }
}

function payload(job: Job): Record<string, string | number> {
  const { percent, ratePerSecond, etaSeconds } = job.progress;
  return {
    pct: percent.toFixed(1),
    jobTotal: job.total,
    rate: ratePerSecond === null ? '—' : ratePerSecond.toFixed(1),
    eta_ja: formatDuration(etaSeconds),
    status: JOB_STATUS_LABELS[job.status],
  };
}
