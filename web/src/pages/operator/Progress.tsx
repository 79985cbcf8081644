/**
 * 移行の進捗: one 団体 and business at a time, every step of its procedure version with status, planned
 * and actual dates and the blocker; saved together. Progress of every 団体 goes out and comes in as CSV
 * (the export's layout), for reporting and for progress kept elsewhere.
 */
import { useEffect, useState } from 'react';
import { api, problemText } from '../../api/client';
import { Alert, bodyRow, headRow, selectClass, smallButton, td, th } from '../admin/common';
import { BLOCKER_CAUSE_TITLES } from '../../../../src/operator/businesses.ts';
import { PHASE_TITLES, STEP_STATUS_TITLES, type Phase } from '../../../../src/operator/rules/progress.ts';
import { primaryButton } from '../../ui';
import { percent } from './types';

type Row = { stepNo: number; status: string; plannedStart: string | null; plannedEnd: string | null; actualStart: string | null; actualEnd: string | null; blockerCause: string | null; blocker: string | null; delayed: boolean };
type Detail = { version: string; steps: { stepNo: number; phase: Phase; name: string }[]; businesses: { business: string; title: string; summary: { overall: { percent: number; completed: number; steps: number } }; rows: Row[] }[] };
const cell = 'rounded-8 border border-solid-gray-600 px-2 py-1 text-std-16N-170';

export function Progress() {
  const [tenants, setTenants] = useState<{ tenantCode: string; name: string }[]>([]);
  const [tenantCode, setTenantCode] = useState('');
  const [business, setBusiness] = useState('');
  const [detail, setDetail] = useState<Detail | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    void api.GET('/api/v1/operator/municipalities').then(({ data }) => {
      const items = (data?.items ?? []) as { tenantCode: string; name: string }[];
      setTenants(items);
      setTenantCode((c) => c || items[0]?.tenantCode || '');
    });
  }, []);
  useEffect(() => {
    if (!tenantCode) return;
    // A slower answer for the 団体 chosen before must not overwrite the one chosen now.
    let live = true;
    void api.GET('/api/v1/operator/municipalities/{tenantCode}/progress', { params: { path: { tenantCode } } }).then(({ data, error: p }) => {
      if (!live) return;
      if (!data) return setError(problemText(p));
      const d = data;
      setDetail(d);
      const b = d.businesses.find((x) => x.business === business) ?? d.businesses[0];
      setBusiness(b?.business ?? '');
      setRows(b?.rows ?? []);
    });
    return () => {
      live = false;
    };
  }, [tenantCode, business, version]);
  const set = (i: number, patch: Partial<Row>) => setRows(rows.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  async function save() {
    const items = rows.map(({ delayed: _delayed, ...r }) => ({ ...r, business })) as never;
    const { data, error: p } = await api.PUT('/api/v1/operator/municipalities/{tenantCode}/progress', { params: { path: { tenantCode } }, body: { items } });
    if (!data) return setError(problemText(p));
    setError(null);
    setNotice(`${data.recorded}件の作業ステップを記録しました`);
    setVersion((v) => v + 1);
  }
  async function importCsv(file: File) {
    const text = await file.text();
    const { data, error: p } = await api.POST('/api/v1/operator/progress.csv', { body: text, bodySerializer: (b: string) => b, headers: { 'Content-Type': 'text/csv' } });
    if (!data) return setError(problemText(p));
    setError(null);
    setNotice(`CSVから${data.recorded}行を記録しました`);
    setVersion((v) => v + 1);
  }
  const current = detail?.businesses.find((b) => b.business === business);
  return (
    <section className="flex flex-col gap-4">
      <h1 className="text-std-24B-150">移行の進捗</h1>
      <div className="flex flex-wrap items-end gap-4">
        <label className="flex flex-col text-std-16B-170">団体
          <select id="progress-start" className={selectClass} value={tenantCode} onChange={(e) => setTenantCode(e.target.value)}>
            {tenants.map((t) => <option key={t.tenantCode} value={t.tenantCode}>{t.tenantCode} {t.name}</option>)}
          </select>
        </label>
        <label className="flex flex-col text-std-16B-170">業務
          <select className={selectClass} value={business} onChange={(e) => setBusiness(e.target.value)}>
            {detail?.businesses.map((b) => <option key={b.business} value={b.business}>{b.title}</option>)}
          </select>
        </label>
        {current && <p className="text-std-16B-170" data-testid="progress-percent">進捗 {percent(current.summary.overall.percent)}（{current.summary.overall.completed}/{current.summary.overall.steps}、手順書 {detail?.version}）</p>}
        <a className={smallButton} href="/api/v1/operator/progress.csv" download>全団体の進捗をCSVで出力</a>
        <label className={smallButton}>CSVを取り込む<input type="file" accept=".csv,text/csv" className="sr-only" onChange={(e) => { const f = e.target.files?.[0]; if (f) void importCsv(f); e.target.value = ''; }} /></label>
      </div>
      {notice && <p role="status" className="text-std-16N-170">{notice}</p>}
      {error && <Alert>{error}</Alert>}
      {detail && (
        <table className="w-full border-collapse bg-white text-std-16N-170">
          <caption className="sr-only">作業ステップごとの進捗</caption>
          <thead><tr className={headRow}>{['ステップ', '状態', '予定開始', '予定終了', '実績開始', '実績終了', '課題区分', '課題'].map((h) => <th key={h} scope="col" className={th}>{h}</th>)}</tr></thead>
          <tbody>{rows.map((r, i) => {
            const step = detail.steps.find((s) => s.stepNo === r.stepNo)!;
            const label = `ステップ${r.stepNo}`;
            const date = (key: 'plannedStart' | 'plannedEnd' | 'actualStart' | 'actualEnd', title: string) => (
              <input type="date" aria-label={`${label} ${title}`} className={cell} value={r[key] ?? ''} onChange={(e) => set(i, { [key]: e.target.value || null })} />
            );
            return (
              <tr key={r.stepNo} className={`${bodyRow} ${r.delayed ? 'bg-red-50' : ''}`}>
                <th scope="row" className={th}>{r.stepNo} {step.name}<span className="block text-std-16N-170 text-solid-gray-700">{PHASE_TITLES[step.phase]}{r.delayed ? '・遅延' : ''}</span></th>
                <td className={td}><select aria-label={`${label} 状態`} className={cell} value={r.status} onChange={(e) => set(i, { status: e.target.value })}>{Object.entries(STEP_STATUS_TITLES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}</select></td>
                <td className={td}>{date('plannedStart', '予定開始日')}</td>
                <td className={td}>{date('plannedEnd', '予定終了日')}</td>
                <td className={td}>{date('actualStart', '実績開始日')}</td>
                <td className={td}>{date('actualEnd', '実績終了日')}</td>
                <td className={td}><select aria-label={`${label} 課題区分`} className={cell} value={r.blockerCause ?? ''} onChange={(e) => set(i, { blockerCause: e.target.value || null })}><option value="">なし</option>{Object.entries(BLOCKER_CAUSE_TITLES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}</select></td>
                <td className={td}><input aria-label={`${label} 課題`} className={cell} value={r.blocker ?? ''} onChange={(e) => set(i, { blocker: e.target.value || null })} /></td>
              </tr>
            );
          })}</tbody>
        </table>
      )}
      {detail && <div><button type="button" className={primaryButton} onClick={() => void save()}>進捗を記録する</button></div>}
    </section>
  );
}
