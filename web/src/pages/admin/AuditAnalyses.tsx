/**
 * ログの分析 (標準仕様 10.2 ＜ログの分析＞): 深夜・休業日のアクセス, ログイン失敗, ID別ログイン数, 大量検索
 * and 宛名番号等による検索 over a period of Japan-time days — counts per operator, then the entries. The
 * night's hours and the mass-search threshold are asked only for the analysis that uses them.
 */
import { useState, type FormEvent } from 'react';
import { api, problemText } from '../../api/client';
import type { paths } from '../../api/schema';
import { Field, inputClass, primaryButton } from '../../ui';
import { ACTOR_KIND_LABELS, AuditEntryTable } from './AuditEntryTable';
import { Alert, bodyRow, headRow, isoDate, jstDate, jstDateTime, selectClass, td, th, wareki, type Data } from './common';

type Route = paths['/api/v1/tenants/{tenantCode}/audit-log/analyses/{kind}']['get']['parameters'];
type Kind = Route['path']['kind'];
const analyse = (tenantCode: string, kind: Kind, query: Route['query']) =>
  api.GET('/api/v1/tenants/{tenantCode}/audit-log/analyses/{kind}', { params: { path: { tenantCode, kind }, query } });
type Analysis = Data<typeof analyse>;

export const ANALYSES: Record<Kind, string> = {
  'night-holiday': '深夜・休業日におけるアクセス一覧',
  'login-failures': 'ログイン失敗一覧',
  'sign-ins-per-user': 'ID別ログイン数一覧',
  'mass-searches': '大量検索実行一覧',
  'number-lookups': '宛名番号等から該当者の検索実行一覧',
};

export function AuditAnalyses({ tenantCode }: { tenantCode: string }) {
  const [form, setForm] = useState({ kind: 'night-holiday' as Kind, from: jstDate(-30), to: jstDate(), threshold: '100', nightFrom: '22:00', nightUntil: '06:00' });
  const [result, setResult] = useState<Analysis | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const query: Route['query'] = {
      from: isoDate(form.from),
      to: isoDate(form.to),
      ...(form.kind === 'mass-searches' && form.threshold ? { threshold: Number(form.threshold) } : {}),
      ...(form.kind === 'night-holiday' ? { nightFrom: form.nightFrom, nightUntil: form.nightUntil } : {}),
    };
    const { data, error: problem } = await analyse(tenantCode, form.kind, query);
    setBusy(false);
    setResult(data ?? null);
    setError(data ? null : problemText(problem));
  }

  // Operators by name where an entry of theirs is listed (the counts name them by ID only).
  const names = new Map((result?.entries ?? []).map((e) => [e.actorId, e.actorName]));
  return (
    <section aria-labelledby="analysis-title" className="flex flex-col gap-4">
      <h2 id="analysis-title" className="text-std-20B-150">ログの分析</h2>
      <form onSubmit={submit} noValidate className="grid gap-4 rounded-8 border border-solid-gray-420 bg-white p-4 md:grid-cols-3">
        <Field label="分析の種類" id="analysis-kind">
          <select id="analysis-kind" className={selectClass} value={form.kind} onChange={set('kind')}>
            {Object.entries(ANALYSES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
          </select>
        </Field>
        <Field label="期間の開始日（R8.4.1 など）" id="analysis-from"><input id="analysis-from" className={inputClass} value={form.from} onChange={set('from')} /></Field>
        <Field label="期間の終了日（R8.4.1 など）" id="analysis-to"><input id="analysis-to" className={inputClass} value={form.to} onChange={set('to')} /></Field>
        {form.kind === 'mass-searches' && (
          <Field label="大量検索とみなす件数（この件数以上）" id="analysis-threshold">
            <input id="analysis-threshold" type="number" min={1} inputMode="numeric" className={inputClass} value={form.threshold} onChange={set('threshold')} />
          </Field>
        )}
        {form.kind === 'night-holiday' && (
          <>
            <Field label="深夜の開始時刻" id="analysis-night-from"><input id="analysis-night-from" type="time" className={inputClass} value={form.nightFrom} onChange={set('nightFrom')} /></Field>
            <Field label="深夜の終了時刻（この時刻を含まない）" id="analysis-night-until"><input id="analysis-night-until" type="time" className={inputClass} value={form.nightUntil} onChange={set('nightUntil')} /></Field>
          </>
        )}
        <div className="md:col-span-3"><button type="submit" className={primaryButton} disabled={busy}>{busy ? '分析中…' : '分析する'}</button></div>
      </form>
      {error && <Alert>{error}</Alert>}
      {result && (
        <section aria-labelledby="analysis-result-title" className="flex flex-col gap-3">
          <h3 id="analysis-result-title" className="text-std-18B-160">{result.title}（{wareki(result.from)}〜{wareki(result.to)}）</h3>
          <p aria-live="polite" className="text-std-16N-170">
            該当 {result.total.toLocaleString('ja-JP')}件
            {result.truncated && `（先頭の${result.entries.length.toLocaleString('ja-JP')}件を表示しています。期間を絞ってください）`}
          </p>
          {result.perActor.length > 0 && (
            <table className="w-full border-collapse bg-white text-std-16N-170">
              <caption className="mb-1 text-left text-std-16B-170">操作者ごとの件数</caption>
              <thead>
                <tr className={headRow}>{['操作者', '操作者ID', '種別', '件数', '最初', '最後'].map((h) => <th key={h} scope="col" className={th}>{h}</th>)}</tr>
              </thead>
              <tbody>
                {result.perActor.map((a) => (
                  <tr key={`${a.actorKind}:${a.actorId}`} className={bodyRow}>
                    <td className={td}>{names.get(a.actorId) ?? ''}</td><td className={`${td} text-mono-14N-150`}>{a.actorId}</td><td className={td}>{ACTOR_KIND_LABELS[a.actorKind]}</td>
                    <td className={td}>{a.count.toLocaleString('ja-JP')}件</td><td className={td}>{jstDateTime(a.firstAt)}</td><td className={td}>{jstDateTime(a.lastAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {result.entries.length > 0 && <AuditEntryTable entries={result.entries} caption={`${result.title}の記録`} />}
        </section>
      )}
    </section>
  );
}
