import type { JobStatus } from './types.ts';

export interface JobProgress {
  done: number;
  total: number;
  /** 0–100, one decimal, never above 100 even when the data grew after plan() counted it. */
  percent: number;
  /** Items per second over the time spent in committed chunks; null before the first chunk. */
  ratePerSecond: number | null;
  /** Seconds of work left at that rate; 0 once succeeded, null when unknown or the job has stopped. */
  etaSeconds: number | null;
  elapsedSeconds: number;
}

/**
 * Progress from the job's own figures only, so that the API, the CLI and a test compute the same thing.
 * The rate uses the running time recorded with each checkpoint rather than the wall clock since the
 * start: a job that waited a night for its resume is not reported as slow.
 */
export function computeProgress(job: { status: JobStatus; done: number; total: number; elapsedMs: number }): JobProgress {
  const { status, done, total } = job;
  const elapsedSeconds = Math.max(0, job.elapsedMs) / 1000;
  const percent = status === 'succeeded' ? 100 : total > 0 ? Math.min(100, Math.floor((done * 1000) / total) / 10) : 0;
  const ratePerSecond = done > 0 && elapsedSeconds > 0 ? Math.round((done / elapsedSeconds) * 100) / 100 : null;
  let etaSeconds: number | null = null;
  if (status === 'succeeded') etaSeconds = 0;
  else if ((status === 'running' || status === 'queued') && ratePerSecond !== null) {
    etaSeconds = Math.ceil(Math.max(0, total - done) / ratePerSecond);
  }
  return { done, total, percent, ratePerSecond, etaSeconds, elapsedSeconds };
}

/** 「1時間2分」「3分4秒」「5秒」: for the progress bar and CLI listings. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h > 0) return `${h}時間${m}分`;
  if (m > 0) return `${m}分${s % 60}秒`;
  return `${s}秒`;
}
