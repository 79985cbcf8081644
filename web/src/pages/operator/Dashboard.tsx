/**
 * 運用ダッシュボード: progress by phase and by business over every 団体, the delayed steps, each 団体's
 * running cost against the −30 % target, the 割り勘 curve and the usage trend. Charts by recharts, each
 * with its table (Figure).
 */
import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { problemText } from '../../api/client';
import { Alert, wareki } from '../admin/common';
import { Figure } from './Figure';
import { getDashboard, percent, yen, type Dashboard as Data } from './types';

export const OPERATOR_READ = 'operator:read';

export function Dashboard() {
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void getDashboard().then(({ data: d, error: problem }) => (d ? setData(d) : setError(problemText(problem))));
  }, []);
  if (error) return <Alert>{error}</Alert>;
  if (!data) return <p role="status">読み込み中…</p>;
  const cost = data.cost;
  const effects = cost.municipalities.filter((m) => m.effect.rate !== null);
  return (
    <section className="flex flex-col gap-6">
      <h1 id="operator-dashboard-start" tabIndex={-1} className="text-std-24B-150">運用ダッシュボード</h1>
      <p className="text-std-16N-170">受入れ団体 {data.municipalities} 団体・{wareki(data.today)}現在。進捗は（完了済み＋対象外）÷ 作業ステップ数。</p>
      <div className="grid gap-6 xl:grid-cols-2">
        <Figure id="chart-phase" title="フェーズ別の進捗" head={['フェーズ', '完了ステップ', 'ステップ数', '進捗率']}
          rows={data.progressByPhase.map((p) => [p.title, p.completed, p.steps, percent(p.percent)])}
          chart={<ResponsiveContainer><BarChart accessibilityLayer={false} data={data.progressByPhase}><CartesianGrid strokeDasharray="3 3" /><XAxis dataKey="title" /><YAxis domain={[0, 100]} unit="%" /><Tooltip /><Bar dataKey="percent" name="進捗率" fill="#0017c1" /></BarChart></ResponsiveContainer>} />
        <Figure id="chart-business" title="業務別の進捗" head={['業務', '団体数', '完了ステップ', 'ステップ数', '進捗率']}
          rows={data.progressByBusiness.map((b) => [b.title, b.municipalities, b.completed, b.steps, percent(b.percent)])}
          chart={<ResponsiveContainer><BarChart accessibilityLayer={false} data={data.progressByBusiness} layout="vertical" margin={{ left: 80 }}><CartesianGrid strokeDasharray="3 3" /><XAxis type="number" domain={[0, 100]} unit="%" /><YAxis type="category" dataKey="title" /><Tooltip /><Bar dataKey="percent" name="進捗率" fill="#0017c1" /></BarChart></ResponsiveContainer>} />
        <Figure id="chart-cost" title={`団体別の運用経費の削減率（目標 ${data.target}%、${cost.month}の按分を年額換算）`} head={['団体', '2018年度 (A)', '移行後 (B)', '削減額 (B−A)', '削減率', '目標']}
          empty={cost.problems.map((p) => p.message).join(' ') || '2018年度の運用経費が登録された団体がありません'}
          rows={effects.map((m) => [m.name, yen(m.effect.before), yen(m.effect.after), yen(m.effect.reduction), percent(m.effect.rate), m.effect.meetsTarget ? '達成' : '未達'])}
          chart={<ResponsiveContainer><BarChart accessibilityLayer={false} data={effects.map((m) => ({ name: m.name, rate: m.effect.rate, meets: m.effect.meetsTarget }))}><CartesianGrid strokeDasharray="3 3" /><XAxis dataKey="name" /><YAxis unit="%" domain={[(min: number) => Math.min(min, data.target - 10), (max: number) => Math.max(max, 0)]} /><Tooltip /><ReferenceLine y={data.target} stroke="#ec0000" label="目標" /><Bar dataKey="rate" name="削減率">{effects.map((m) => <Cell key={m.tenantCode} fill={m.effect.meetsTarget ? '#259d63' : '#ec0000'} />)}</Bar></BarChart></ResponsiveContainer>} />
        <Figure id="chart-sharing" title="割り勘効果（参加団体数と1団体あたりの月額）" head={['団体数', '1団体あたり月額', 'うち固定費の割当', 'うち利用量分']}
          empty={cost.problems.map((p) => p.message).join(' ')}
          rows={cost.sharing.map((s) => [`${s.municipalities}${s.isCurrent ? '（現在）' : ''}`, yen(s.perMunicipalityMonthly), yen(s.fixedShare), yen(s.usageShare)])}
          chart={<ResponsiveContainer><LineChart accessibilityLayer={false} data={cost.sharing}><CartesianGrid strokeDasharray="3 3" /><XAxis dataKey="municipalities" /><YAxis width={70} tickFormatter={(v: number) => `${Math.round(v / 10_000)}万円`} /><Tooltip /><Line dataKey="perMunicipalityMonthly" name="1団体あたり月額" stroke="#0017c1" /></LineChart></ResponsiveContainer>} />
        <Figure id="chart-usage" title="利用量の推移（全団体、直近30日）" head={['日付', 'APIリクエスト', '保存量 (MB)', 'ジョブCPU秒', '証明書']}
          rows={data.usage.filter((u) => u.apiRequests + u.storedBytes + u.jobCpuSeconds + u.certificates > 0).map((u) => [wareki(u.day), u.apiRequests.toLocaleString('ja-JP'), (u.storedBytes / 1e6).toFixed(1), u.jobCpuSeconds, u.certificates])}
          chart={<ResponsiveContainer><LineChart accessibilityLayer={false} data={data.usage}><CartesianGrid strokeDasharray="3 3" /><XAxis dataKey="day" /><YAxis /><Tooltip /><Line dataKey="apiRequests" name="APIリクエスト" stroke="#0017c1" /><Line dataKey="certificates" name="証明書" stroke="#259d63" /></LineChart></ResponsiveContainer>} />
      </div>
      <section aria-labelledby="delayed-title" data-testid="delayed" className="rounded-8 border border-solid-gray-420 bg-white p-4">
        <h2 id="delayed-title" className="mb-2 text-std-20B-150">遅延している作業（{data.delayed.length}件）</h2>
        {data.delayed.length === 0 ? <p className="text-std-16N-170">遅延している作業はありません</p> : (
          <table className="w-full border-collapse text-std-16N-170">
            <thead><tr className="border-b-2 border-solid-gray-600">{['団体', '業務', 'ステップ', '予定終了日', '課題'].map((h) => <th key={h} scope="col" className="p-2 text-left">{h}</th>)}</tr></thead>
            <tbody>{data.delayed.map((d) => <tr key={`${d.tenantCode}-${d.businessTitle}-${d.stepNo}`} className="border-b border-solid-gray-420"><td className="p-2">{d.name}</td><td className="p-2">{d.businessTitle}</td><td className="p-2">{d.stepNo} {d.stepName}</td><td className="p-2">{wareki(d.plannedEnd)}</td><td className="p-2">{d.blocker ?? ''}</td></tr>)}</tbody>
          </table>
        )}
      </section>
    </section>
  );
}
