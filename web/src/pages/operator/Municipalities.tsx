/**
 * 団体の受入れ: the onboarded 団体 with their progress, and onboarding a new one from the official code
 * list — its businesses (of the 20), its 三層 model and its first administrator, whose initial password
 * is shown once.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api, problemText } from '../../api/client';
import { Field, inputClass, primaryButton } from '../../ui';
import { Alert, bodyRow, formProblem, headRow, FieldMessage, selectClass, smallButton, td, th } from '../admin/common';
import { OneTimeValue, type OneTime } from '../admin/OneTimeValue';
import { BUSINESSES, DEPLOYMENT_PROFILE_TITLES } from '../../../../src/operator/businesses.ts';
import { percent } from './types';

export const OPERATOR_MANAGE = 'operator:manage';
type Candidate = { tenantCode: string; name: string; prefecture: string; kind: string; wards: { name: string }[]; onboarded: boolean };
type Municipality = { tenantCode: string; name: string; prefecture: string; deploymentProfile: keyof typeof DEPLOYMENT_PROFILE_TITLES; businesses: { title: string; provided: boolean }[]; wards: { name: string }[]; progress: { percent: number; delayed: number } };

export function Municipalities() {
  const [list, setList] = useState<Municipality[] | null>(null);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [oneTime, setOneTime] = useState<OneTime | null>(null);
  useEffect(() => {
    void api.GET('/api/v1/operator/municipalities').then(({ data, error: p }) => (data ? setList(data.items as Municipality[]) : setError(problemText(p))));
  }, [version]);
  return (
    <section className="flex flex-col gap-6">
      <h1 className="text-std-24B-150">団体の受入れ</h1>
      {oneTime && <OneTimeValue value={oneTime} onClose={() => setOneTime(null)} />}
      <Onboarding onDone={(o) => { setOneTime(o); setVersion((v) => v + 1); }} />
      {error && <Alert>{error}</Alert>}
      <table className="w-full border-collapse bg-white text-std-16N-170">
        <caption className="mb-2 text-left text-std-20B-150">受け入れた団体</caption>
        <thead><tr className={headRow}>{['団体コード', '団体', '配置モデル', '業務', '進捗', '遅延'].map((h) => <th key={h} scope="col" className={th}>{h}</th>)}</tr></thead>
        <tbody>{(list ?? []).map((m) => (
          <tr key={m.tenantCode} className={bodyRow}>
            <td className={td}>{m.tenantCode}</td>
            <td className={td}>{m.prefecture}{m.name}{m.wards.length > 0 && <span className="block text-std-16N-170 text-solid-gray-700">行政区 {m.wards.length}区</span>}</td>
            <td className={td}>{DEPLOYMENT_PROFILE_TITLES[m.deploymentProfile]}</td>
            <td className={td}>{m.businesses.map((b) => b.title + (b.provided ? '' : '（未提供）')).join('、')}</td>
            <td className={td}>{percent(m.progress.percent)}</td>
            <td className={td}>{m.progress.delayed}</td>
          </tr>
        ))}</tbody>
      </table>
    </section>
  );
}

function Onboarding({ onDone }: { onDone: (o: OneTime) => void }) {
  const [q, setQ] = useState('');
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  const [chosen, setChosen] = useState<Candidate | null>(null);
  const [form, setForm] = useState({ businesses: ['resident-registry'] as string[], deploymentProfile: 'alpha', population: '', loginName: '', displayName: '' });
  const [messages, setMessages] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  async function search(e: FormEvent) {
    e.preventDefault();
    const { data, error: p } = await api.GET('/api/v1/operator/local-governments', { params: { query: { q } } });
    if (!data) return setError(problemText(p));
    setCandidates(data.items as Candidate[]);
  }
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!chosen) return;
    const { data, error: p } = await api.POST('/api/v1/operator/municipalities', { body: {
      tenantCode: chosen.tenantCode, businesses: form.businesses as never, deploymentProfile: form.deploymentProfile as 'alpha',
      population: form.population ? Number(form.population) : null, administrator: { loginName: form.loginName, displayName: form.displayName },
    } });
    if (!data) {
      const f = formProblem(p, ['businesses', 'administrator', 'population', 'tenantCode']);
      setMessages(f.messages);
      return setError(f.alert);
    }
    setError(null);
    setMessages({});
    setChosen(null);
    onDone({ kind: 'password', loginName: data.administrator.loginName, value: data.administrator.initialPassword });
  }
  return (
    <section aria-labelledby="onboard-title" className="flex flex-col gap-4 rounded-8 border border-solid-gray-420 bg-white p-4">
      <h2 id="onboard-title" className="text-std-20B-150">新しい団体を受け入れる</h2>
      <form onSubmit={search} className="flex items-end gap-2">
        <Field label="団体名・よみ・団体コード（全国地方公共団体コード一覧から）" id="municipalities-start">
          <input id="municipalities-start" className={inputClass} value={q} onChange={(e) => setQ(e.target.value)} />
        </Field>
        <button type="submit" className={smallButton}>検索</button>
      </form>
      {candidates.length > 0 && (
        <ul aria-label="候補" className="flex flex-wrap gap-2">
          {candidates.map((c) => (
            <li key={c.tenantCode}>
              <button type="button" className={smallButton} disabled={c.onboarded} aria-pressed={chosen?.tenantCode === c.tenantCode} onClick={() => setChosen(c)}>
                {c.tenantCode} {c.prefecture}{c.name}{c.onboarded ? '（受入れ済み）' : ''}
              </button>
            </li>
          ))}
        </ul>
      )}
      {chosen && (
        <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
          <p className="text-std-16B-170" data-testid="chosen">{chosen.tenantCode} {chosen.prefecture}{chosen.name}{chosen.wards.length > 0 && `（行政区: ${chosen.wards.map((w) => w.name).join('、')}）`}</p>
          <fieldset className="flex flex-col gap-1" aria-describedby="businesses-message">
            <legend className="text-std-16B-170">この基盤で稼働する業務</legend>
            <div className="grid grid-cols-2 gap-1 md:grid-cols-4">
              {BUSINESSES.map(([id, title]) => (
                <label key={id} className="flex items-center gap-2 text-std-16N-170">
                  <input type="checkbox" checked={form.businesses.includes(id)} onChange={(e) => setForm({ ...form, businesses: e.target.checked ? [...form.businesses, id] : form.businesses.filter((b) => b !== id) })} />
                  {title}
                </label>
              ))}
            </div>
            <FieldMessage id="businesses-message" message={messages.businesses} />
          </fieldset>
          <div className="grid gap-4 md:grid-cols-2">
            <Field label="配置モデル（三層の対策）" id="onboard-profile">
              <select id="onboard-profile" className={selectClass} value={form.deploymentProfile} onChange={(e) => setForm({ ...form, deploymentProfile: e.target.value })}>
                {Object.entries(DEPLOYMENT_PROFILE_TITLES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
              </select>
            </Field>
            <Field label="人口（按分の人口割に使用）" id="onboard-population">
              <input id="onboard-population" className={inputClass} inputMode="numeric" value={form.population} onChange={(e) => setForm({ ...form, population: e.target.value })} />
            </Field>
            <Field label="最初の管理者の利用者ID" id="onboard-login">
              <input id="onboard-login" className={inputClass} value={form.loginName} aria-describedby="administrator-message" onChange={(e) => setForm({ ...form, loginName: e.target.value })} />
            </Field>
            <Field label="最初の管理者の氏名" id="onboard-name">
              <input id="onboard-name" className={inputClass} value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
            </Field>
          </div>
          <FieldMessage id="administrator-message" message={messages.administrator} />
          {error && <Alert>{error}</Alert>}
          <div><button type="submit" className={primaryButton}>受け入れる</button></div>
        </form>
      )}
    </section>
  );
}
