/**
 * ジョブ (バッチ処理): the 団体's jobs, newest first, with their progress (a real progress bar, the
 * percentage, 件数, rate and time left), refreshed every 2 seconds while one is waiting or running.
 * 取消 asks once more before it acts (a cancelled job cannot be resumed); 再開 continues a failed job
 * from its last checkpoint. New jobs are submitted by type (JobSubmitForm).
 */
import { useEffect, useState } from 'react';
import { api, problemText } from '../../api/client';
import { useSession } from '../../session';
import { secondaryButton } from '../../ui';
import { JOB_STATUS_LABELS } from '../../../../src/platform/jobs/types.ts';
import { Alert, bodyRow, dangerButton, headRow, jstDateTime, NoTenant, selectClass, smallButton, td, th, type Data } from './common';
import { JobSubmitForm } from './JobSubmitForm';

/** The permission the menu entry needs (the list); submitting, cancelling and resuming need JOBS_RUN_PERMISSION. */
export const JOBS_PERMISSION = 'jobs:read';
export const JOBS_RUN_PERMISSION = 'jobs:run';

const getJobs = (tenantCode: string, status?: Job['status']) =>
  api.GET('/api/v1/tenants/{tenantCode}/jobs', { params: { path: { tenantCode }, query: { limit: 100, ...(status ? { status } : {}) } } });
const jobPath = (tenantCode: string, jobId: string) => ({ params: { path: { tenantCode, jobId } } });
const cancelJob = (tenantCode: string, jobId: string) => api.POST('/api/v1/tenants/{tenantCode}/jobs/{jobId}/cancel', jobPath(tenantCode, jobId));
const resumeJob = (tenantCode: string, jobId: string) => api.POST('/api/v1/tenants/{tenantCode}/jobs/{jobId}/resume', jobPath(tenantCode, jobId));
type Job = Data<typeof cancelJob>;

const REFRESH_MS = 2000;
const isActive = (j: Job) => j.status === 'queued' || j.status === 'running';

/** 1時間2分 / 3分20秒 / 45秒. */
function duration(seconds: number): string {
  const s = Math.round(seconds);
  const [h, m, r] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  return h > 0 ? `${h}時間${m}分` : m > 0 ? `${m}分${r}秒` : `${r}秒`;
}

export function Jobs() {
  const { me } = useSession();
  const tenantCode = me.tenantCode ?? '';
  const mayRun = me.permissions.includes(JOBS_RUN_PERMISSION);
  const [status, setStatus] = useState<Job['status'] | ''>('');
  const [jobs, setJobs] = useState<Job[] | null>(null);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  useEffect(() => {
    if (!tenantCode) return;
    let live = true;
    void getJobs(tenantCode, status || undefined).then(({ data, error: problem }) => {
      if (!live) return;
      if (!data) return setError(problemText(problem));
      setJobs(data.items);
    });
    return () => {
      live = false;
    };
  }, [tenantCode, status, version]);

  // While anything waits or runs, the list follows it.
  const active = jobs?.some(isActive) ?? false;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setVersion((v) => v + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, [active]);

  // Back to the row's 取消 button when the confirmation is dropped.
  const keep = (jobId: string) => {
    setConfirming(null);
    setTimeout(() => document.getElementById(`cancel-${jobId}`)?.focus());
  };

  async function act(job: Job, action: 'cancel' | 'resume') {
    setConfirming(null);
    const { data, error: problem } = await (action === 'cancel' ? cancelJob : resumeJob)(tenantCode, job.id);
    if (!data) return setError(problemText(problem));
    setError(null);
    setNotice(action === 'cancel'
      ? (data.status === 'cancelled' ? `ジョブ「${data.title}」を取り消しました。` : `ジョブ「${data.title}」の取消しを受け付けました。処理中の区切りで止まります。`)
      : `ジョブ「${data.title}」を再開しました（最後の区切りから続けます）。`);
    setVersion((v) => v + 1);
  }

  if (!tenantCode) return <NoTenant />;
  return (
    <section aria-labelledby="jobs-title" className="flex flex-col gap-6">
      <h1 id="jobs-title" className="text-std-24B-150">ジョブ</h1>
      {mayRun && <JobSubmitForm tenantCode={tenantCode} knownTypes={[...new Set((jobs ?? []).map((j) => j.type))]} onSubmitted={(j) => { setNotice(`ジョブ「${j.title}」を受け付けました（${j.total.toLocaleString('ja-JP')}件）。`); setVersion((v) => v + 1); }} />}
      {error && <Alert>{error}</Alert>}
      {notice && <p role="status" className="rounded-8 border border-success-2 bg-white p-3 text-std-16N-170 text-success-2">{notice}</p>}
      <section aria-labelledby="job-list-title" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-end gap-4">
          <h2 id="job-list-title" className="text-std-20B-150">ジョブの一覧</h2>
          <label htmlFor="job-status" className="ml-auto text-std-16B-170">状態で絞り込む</label>
          <select id="job-status" className={selectClass} value={status} onChange={(e) => setStatus(e.target.value as Job['status'] | '')}>
            <option value="">すべて</option>
            {Object.entries(JOB_STATUS_LABELS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </div>
        {active && <p className="text-std-16N-170 text-solid-gray-600">実行中・待機中のジョブがあるため、2秒ごとに更新しています。</p>}
        {jobs === null ? !error && <p className="text-std-16N-170">読み込み中…</p> : jobs.length === 0 ? <p className="text-std-16N-170">ジョブはありません。</p> : (
          <table className="w-full border-collapse bg-white text-std-16N-170">
            <thead>
              <tr className={headRow}>{['ジョブ', '状態', '進捗', '速度・残り時間', '登録・開始・終了（日本時間）', ...(mayRun ? ['操作'] : [])].map((h) => <th key={h} scope="col" className={th}>{h}</th>)}</tr>
            </thead>
            <tbody>
              {jobs.map((j) => (
                <tr key={j.id} className={bodyRow}>
                  <td className={td}>{j.title}<br /><span className="text-mono-14N-150 text-solid-gray-600">{j.type}</span></td>
                  <td className={td}>
                    <span className={j.status === 'failed' ? 'text-std-16B-170 text-error-2' : 'text-std-16B-170'}>{JOB_STATUS_LABELS[j.status]}</span>
                    {j.cancelRequested && j.status === 'running' && '（取消要求中）'}
                    {j.runs > 1 && <><br />実行{j.runs}回目</>}
                    {j.error && <><br /><span className="text-error-2">{j.error}</span></>}
                  </td>
                  <td className={`${td} min-w-48`}>
                    <progress className="h-3 w-full" max={100} value={j.progress.percent} aria-label={`${j.title}の進捗`} />
                    <span>{j.progress.percent.toFixed(0)}%（{j.progress.done.toLocaleString('ja-JP')} / {j.progress.total.toLocaleString('ja-JP')}件）</span>
                  </td>
                  <td className={td}>
                    {j.progress.ratePerSecond !== null && `${j.progress.ratePerSecond.toLocaleString('ja-JP', { maximumFractionDigits: 1 })}件/秒`}
                    {isActive(j) && j.progress.etaSeconds !== null && <><br />残り約{duration(j.progress.etaSeconds)}</>}
                    {j.progress.elapsedSeconds > 0 && <><br />経過{duration(j.progress.elapsedSeconds)}</>}
                  </td>
                  <td className={`${td} text-dns-14N-130`}>
                    登録 {jstDateTime(j.createdAt)}{j.startedAt && <><br />開始 {jstDateTime(j.startedAt)}</>}{j.finishedAt && <><br />終了 {jstDateTime(j.finishedAt)}</>}
                  </td>
                  {mayRun && (
                    <td className={td}>
                      {confirming === j.id ? (
                        <div role="group" aria-label={`ジョブ「${j.title}」の取消しの確認`} className="flex flex-wrap gap-2" onKeyDown={(e) => e.key === 'Escape' && keep(j.id)}>
                          <button type="button" className={dangerButton} autoFocus onClick={() => void act(j, 'cancel')}>取り消す（再開できません）</button>
                          <button type="button" className={secondaryButton} onClick={() => keep(j.id)}>やめる（Esc）</button>
                        </div>
                      ) : (
                        <div className="flex flex-wrap gap-2">
                          {(isActive(j) || j.status === 'failed') && !j.cancelRequested && <button type="button" id={`cancel-${j.id}`} className={smallButton} onClick={() => setConfirming(j.id)}>取消</button>}
                          {j.status === 'failed' && <button type="button" className={smallButton} onClick={() => void act(j, 'resume')}>再開</button>}
                        </div>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
