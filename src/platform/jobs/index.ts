/**
 * Batch jobs (DESIGN §1.5): submit, run chunk by chunk with a checkpoint per chunk, cancel, resume,
 * progress. The CLI's progress bar lives in progress-bar.ts, outside this entry point, so that the
 * server does not load a terminal library.
 */
export { cancelJob } from './cancel.ts';
export { DEFAULT_STALE_AFTER_MS } from './claim.ts';
export { computeProgress, formatDuration, type JobProgress } from './progress.ts';
export { requeueJob } from './requeue.ts';
export { resumeJob, runJob, type RunOptions } from './runner.ts';
export { getJob, listJobs, type Job, type ListJobsOptions } from './store.ts';
export { DEFAULT_CHUNK_SIZE, submitJob, type SubmitOptions } from './submit.ts';
export { FINAL_STATUSES, JOB_STATUS_LABELS, type AnyJobDefinition, type JobCatalog, type JobDefinition, type JobStatus } from './types.ts';
export { findJobCandidates, JobWorker, recoverAbandonedJobs, type JobRef, type JobWorkerOptions, type JobWorkerState } from './worker.ts';
