/**
 * 費用と削減効果: the platform's shared costs of a month and how each is split (均等割・人口割・利用量割),
 * each 団体's FY2018 baseline and other running costs, and the result: running cost before (A) and after
 * (B), 削減額 B − A and 削減率 (B − A) ÷ A × 100 against the −30 % target.
 */
import { useEffect, useState } from 'react';
import { api, problemText } from '../../api/client';
import { inputClass, primaryButton } from '../../ui';
import { Alert, bodyRow, headRow, selectClass, smallButton, td, th } from '../admin/common';
import { ALLOCATION_KEY_TITLES, COST_CATEGORY_TITLES, percent, USAGE_METRIC_TITLES, yen, type CostReport } from './types';

type Item = { category: string; amount: string; key: string; usageMetric: string };
type Municipality = { tenantCode: string; name: string; businesses: { id: string }[]; deploymentProfile: string; procedureVersion: string; population: number | null; baselineCostFy2018: number | null; preMigrationCost: number | null; otherRunningCost: number };
const thisMonth = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 7);
const num = (s: string) => (s.trim() === '' ? null : Number(s.replaceAll(',', '')));

export function Costs() {
  const [month, setMonth] = useState(thisMonth());
  const [items, setItems] = useState<Item[]>(Object.keys(COST_CATEGORY_TITLES).map((category) => ({ category, amount: '', key: 'equal', usageMetric: 'storedBytes' })));
  const [report, setReport] = useState<CostReport | null>(null);
  const [list, setList] = useState<Municipality[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    // Answers for a month chosen before are dropped: only the month on screen fills it.
    let live = true;
    void api.GET('/api/v1/operator/shared-costs/{month}', { params: { path: { month } } }).then(({ data }) => {
      if (!live) return;
      const saved = (data?.items ?? []) as { category: string; amount: number; key: string; usageMetric?: string | null }[];
      setItems(Object.keys(COST_CATEGORY_TITLES).map((category) => {
        const s = saved.find((x) => x.category === category);
        return { category, amount: s ? String(s.amount) : '', key: s?.key ?? 'equal', usageMetric: s?.usageMetric ?? 'storedBytes' };
      }));
    });
    void api.GET('/api/v1/operator/cost-effect', { params: { query: { month } } }).then(({ data }) => live && setReport(data ?? null));
    void api.GET('/api/v1/operator/municipalities').then(({ data }) => live && setList((data?.items ?? []) as unknown as Municipality[]));
    return () => {
      live = false;
    };
  }, [month, version]);
  async function saveCosts() {
    const body = { items: items.filter((i) => i.amount.trim() !== '').map((i) => ({ category: i.category, amount: num(i.amount) ?? 0, key: i.key, usageMetric: i.key === 'usage' ? i.usageMetric : null })) } as never;
    const { data, error: p } = await api.PUT('/api/v1/operator/shared-costs/{month}', { params: { path: { month } }, body });
    if (!data) return setError(problemText(p));
    setError(null);
    setVersion((v) => v + 1);
  }
  async function saveProfile(m: Municipality, patch: Partial<Municipality>) {
    const next = { ...m, ...patch };
    const { error: p } = await api.PUT('/api/v1/operator/municipalities/{tenantCode}', { params: { path: { tenantCode: m.tenantCode } }, body: {
      businesses: next.businesses.map((b) => b.id) as never, deploymentProfile: next.deploymentProfile as 'alpha', procedureVersion: next.procedureVersion,
      population: next.population, baselineCostFy2018: next.baselineCostFy2018, preMigrationCost: next.preMigrationCost, otherRunningCost: next.otherRunningCost,
    } });
    if (p) return setError(problemText(p));
    setError(null);
    setVersion((v) => v + 1);
  }
  return (
    <section className="flex flex-col gap-6">
      <h1 className="text-std-24B-150">費用と削減効果</h1>
      <label className="flex w-48 flex-col text-std-16B-170">対象月<input id="costs-start" type="month" className={inputClass} value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} /></label>
      {error && <Alert>{error}</Alert>}
      <section aria-labelledby="shared-title" className="flex flex-col gap-2 rounded-8 border border-solid-gray-420 bg-white p-4">
        <h2 id="shared-title" className="text-std-20B-150">基盤の共通費用（月額）と按分の方法</h2>
        <table className="border-collapse text-std-16N-170">
          <thead><tr className={headRow}>{['費目', '金額（円）', '按分の方法', '利用量'].map((h) => <th key={h} scope="col" className={th}>{h}</th>)}</tr></thead>
          <tbody>{items.map((item, i) => {
            const set = (patch: Partial<Item>) => setItems(items.map((x, k) => (k === i ? { ...x, ...patch } : x)));
            const title = COST_CATEGORY_TITLES[item.category as keyof typeof COST_CATEGORY_TITLES];
            return (
              <tr key={item.category} className={bodyRow}>
                <th scope="row" className={th}>{title}</th>
                <td className={td}><input aria-label={`${title} 金額`} className={inputClass} inputMode="numeric" value={item.amount} onChange={(e) => set({ amount: e.target.value })} /></td>
                <td className={td}><select aria-label={`${title} 按分の方法`} className={selectClass} value={item.key} onChange={(e) => set({ key: e.target.value })}>{Object.entries(ALLOCATION_KEY_TITLES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}</select></td>
                <td className={td}>{item.key === 'usage' && <select aria-label={`${title} 利用量`} className={selectClass} value={item.usageMetric} onChange={(e) => set({ usageMetric: e.target.value })}>{Object.entries(USAGE_METRIC_TITLES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}</select>}</td>
              </tr>
            );
          })}</tbody>
        </table>
        <div><button type="button" className={primaryButton} onClick={() => void saveCosts()}>共通費用を登録する</button></div>
      </section>
      <section aria-labelledby="effect-title" className="flex flex-col gap-2 rounded-8 border border-solid-gray-420 bg-white p-4">
        <h2 id="effect-title" className="text-std-20B-150">団体ごとの按分と削減効果（月額を年額換算、目標 −30%）</h2>
        {report?.problems.map((p) => <p key={p.field + p.message} className="text-std-16N-170 text-error-1">{p.message}</p>)}
        <table className="border-collapse text-std-16N-170" data-testid="effect-table">
          <thead><tr className={headRow}>{['団体', '人口', '2018年度 (A)', '移行直前', '基盤外の経費（年額）', '按分（月額）', '移行後 (B)', '削減額 (B−A)', '削減率', '目標'].map((h) => <th key={h} scope="col" className={th}>{h}</th>)}</tr></thead>
          <tbody>{list.map((m) => {
            const r = report?.municipalities.find((x) => x.tenantCode === m.tenantCode);
            const edit = (key: 'population' | 'baselineCostFy2018' | 'preMigrationCost' | 'otherRunningCost', label: string) => (
              <input aria-label={`${m.name} ${label}`} className={inputClass} inputMode="numeric" defaultValue={m[key] ?? ''} key={`${m.tenantCode}-${key}-${m[key]}`}
                onBlur={(e) => { const v = key === 'otherRunningCost' ? (num(e.target.value) ?? 0) : num(e.target.value); if (v !== m[key]) void saveProfile(m, { [key]: v }); }} />
            );
            return (
              <tr key={m.tenantCode} className={bodyRow}>
                <th scope="row" className={th}>{m.name}</th>
                <td className={td}>{edit('population', '人口')}</td>
                <td className={td}>{edit('baselineCostFy2018', '2018年度の運用経費')}</td>
                <td className={td}>{edit('preMigrationCost', '移行直前の運用経費')}</td>
                <td className={td}>{edit('otherRunningCost', '基盤外の運用経費')}</td>
                <td className={td}>{yen(r?.allocatedMonthly)}</td>
                <td className={td}>{yen(r?.effect.after)}</td>
                <td className={td}>{yen(r?.effect.reduction)}</td>
                <td className={td}>{percent(r?.effect.rate)}</td>
                <td className={td}>{r?.effect.meetsTarget === null || !r ? '—' : r.effect.meetsTarget ? '達成' : '未達'}</td>
              </tr>
            );
          })}</tbody>
        </table>
        <button type="button" className={smallButton} onClick={() => void api.POST('/api/v1/operator/usage/measure').then(() => setVersion((v) => v + 1))}>利用量をいま計測する</button>
      </section>
    </section>
  );
}
