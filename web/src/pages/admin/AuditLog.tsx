/**
 * 監査ログ (標準仕様 10.2 アクセスログ管理): the 団体's log, newest first, searched by 期間 (Japan-time
 * days), 操作者, 業務, 機能, 区分, 結果 and 対象, a page at a time; the hash chain's verification
 * (改ざん・削除の検知); and the standard's analyses below (AuditAnalyses). An operator or a target in
 * the table narrows the search to it.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api, problemText } from '../../api/client';
import type { components, paths } from '../../api/schema';
import { useSession } from '../../session';
import { Field, inputClass, primaryButton, secondaryButton } from '../../ui';
import { AuditAnalyses } from './AuditAnalyses';
import { AUDIT_CATEGORY_LABELS, AuditEntryTable, OUTCOME_LABELS, type AuditFilterKey } from './AuditEntryTable';
import { Alert, isoDate, NoTenant, pageButton, selectClass } from './common';

/** The permission the menu entry and every call here need. */
export const AUDIT_PERMISSION = 'audit:read';

type Query = NonNullable<paths['/api/v1/tenants/{tenantCode}/audit-log']['get']['parameters']['query']>;
type Entry = components['schemas']['AuditEntry'];
type Verification = components['schemas']['AuditVerification'];
const getLog = (tenantCode: string, query: Query) => api.GET('/api/v1/tenants/{tenantCode}/audit-log', { params: { path: { tenantCode }, query } });
const verify = (tenantCode: string) => api.GET('/api/v1/tenants/{tenantCode}/audit-log/verify', { params: { path: { tenantCode } } });

const PAGE_SIZE = 50;
const EMPTY = { from: '', to: '', actor: '', module: '', function: '', category: '', outcome: '', target: '' };
type Form = typeof EMPTY;
const TEXT_FIELDS: [keyof Form, string, string][] = [
  ['from', '期間の開始日（R8.4.1 など）', 'text'], ['to', '期間の終了日（R8.4.1 など）', 'text'], ['actor', '操作者ID', 'text'],
  ['module', '業務（例: resident-registry）', 'text'], ['function', '機能（例: identity.create-user）', 'text'], ['target', '対象ID', 'text'],
];

/** The filled-in fields as the API's query: empty ones are left out; dates typed in 和暦 (R8.4.1) go as YYYY-MM-DD. */
function toQuery(form: Form): Query {
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) if (v.trim() !== '') query[k] = k === 'from' || k === 'to' ? isoDate(v.trim()) : v.trim();
  return query as Query;
}



export function AuditLog() {
  const { me } = useSession();
  const tenantCode = me.tenantCode ?? '';
  const [form, setForm] = useState(EMPTY);
  const [query, setQuery] = useState<Query>({});
  // The `before` of each page shown so far: the first page has none; 前のページ pops one.
  const [pages, setPages] = useState<(number | undefined)[]>([undefined]);
  const [result, setResult] = useState<{ items: Entry[]; nextBefore: number | null } | null>(null);
  const [seen, setSeen] = useState<{ modules: string[]; functions: string[] }>({ modules: [], functions: [] });
  const [error, setError] = useState<string | null>(null);
  const [verification, setVerification] = useState<Verification | 'running' | null>(null);
  const before = pages.at(-1);

  useEffect(() => {
    if (!tenantCode) return;
    let live = true;
    void getLog(tenantCode, { ...query, limit: PAGE_SIZE, ...(before ? { before } : {}) }).then(({ data, error: problem }) => {
      if (!live) return;
      if (!data) return setError(problemText(problem));
      setError(null);
      setResult(data);
      // What the log has shown so far, offered as suggestions for 業務 and 機能.
      setSeen((s) => ({
        modules: [...new Set([...s.modules, ...data.items.map((e) => e.module)])].sort(),
        functions: [...new Set([...s.functions, ...data.items.map((e) => e.function)])].sort(),
      }));
    });
    return () => {
      live = false;
    };
  }, [tenantCode, query, before]);

  const search = (next: Form) => {
    setForm(next);
    setQuery(toQuery(next));
    setPages([undefined]);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    search(form);
  };
  const narrow = (key: AuditFilterKey, value: string) => {
    search({ ...form, [key]: value });
    document.getElementById('audit-actor')?.scrollIntoView({ block: 'center' });
  };
  async function runVerification() {
    setVerification('running');
    const { data, error: problem } = await verify(tenantCode);
    if (data) setVerification(data);
    else {
      setVerification(null);
      setError(problemText(problem));
    }
  }

  if (!tenantCode) return <NoTenant />;
  const set = (key: keyof Form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  return (
    <section aria-labelledby="audit-title" className="flex flex-col gap-6">
      <h1 id="audit-title" className="text-std-24B-150">監査ログ</h1>
      <section aria-labelledby="verify-title" className="flex flex-col gap-2 rounded-8 border border-solid-gray-420 bg-white p-4">
        <h2 id="verify-title" className="text-std-20B-150">改ざん検証</h2>
        <p className="text-std-16N-170">すべての記録のハッシュ連鎖をたどり、変更・削除・並べ替えがないかを確かめます。</p>
        <div><button type="button" className={pageButton} onClick={() => void runVerification()} disabled={verification === 'running'}>ハッシュ連鎖を検証する</button></div>
        <div aria-live="polite">
          {verification === 'running' && <p className="text-std-16N-170">検証中…</p>}
          {verification && verification !== 'running' && (verification.ok
            ? <p className="text-std-16B-170 text-success-2" data-testid="verification">改ざん・削除は見つかりませんでした（{verification.entries.toLocaleString('ja-JP')}件を検証）。</p>
            : <p className="text-std-16B-170 text-error-2" data-testid="verification">No.{verification.firstBroken?.seq} 以降の記録に不整合があります（{verification.firstBroken?.reason}）。改ざん・削除の可能性があります。</p>)}
        </div>
      </section>

      <section aria-labelledby="audit-search-title" className="flex flex-col gap-4">
        <h2 id="audit-search-title" className="text-std-20B-150">ログの検索</h2>
        <form onSubmit={submit} noValidate className="grid gap-4 rounded-8 border border-solid-gray-420 bg-white p-4 md:grid-cols-3">
          {TEXT_FIELDS.map(([key, label, type]) => (
            <Field key={key} label={label} id={`audit-${key}`}>
              <input id={`audit-${key}`} type={type} className={inputClass} value={form[key]} onChange={set(key)} autoComplete="off"
                list={key === 'module' ? 'audit-modules' : key === 'function' ? 'audit-functions' : undefined} />
            </Field>
          ))}
          <Field label="区分" id="audit-category">
            <select id="audit-category" className={selectClass} value={form.category} onChange={set('category')}>
              <option value="">すべて</option>
              {Object.entries(AUDIT_CATEGORY_LABELS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
            </select>
          </Field>
          <Field label="結果" id="audit-outcome">
            <select id="audit-outcome" className={selectClass} value={form.outcome} onChange={set('outcome')}>
              <option value="">すべて</option>
              {Object.entries(OUTCOME_LABELS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
            </select>
          </Field>
          <datalist id="audit-modules">{seen.modules.map((m) => <option key={m} value={m} />)}</datalist>
          <datalist id="audit-functions">{seen.functions.map((f) => <option key={f} value={f} />)}</datalist>
          <p className="text-std-16N-170 text-solid-gray-600 md:col-span-3">検索結果の操作者名・対象IDを押すと、その操作者・対象で絞り込みます。</p>
          <div className="flex items-end gap-3 md:col-span-3">
            <button type="submit" className={primaryButton}>検索する</button>
            <button type="button" className={secondaryButton} onClick={() => search(EMPTY)}>条件をクリア</button>
          </div>
        </form>
        {error && <Alert>{error}</Alert>}
        {result && (
          <>
            <p aria-live="polite" className="text-std-16N-170">
              {result.items.length === 0 ? '該当する記録はありません。' : `${pages.length}ページ目（${result.items.length.toLocaleString('ja-JP')}件表示、新しい順）`}
            </p>
            {result.items.length > 0 && <AuditEntryTable entries={result.items} caption="監査ログの検索結果" onFilter={narrow} />}
            <nav aria-label="監査ログのページ" className="flex gap-3">
              <button type="button" className={pageButton} disabled={pages.length === 1} onClick={() => setPages(pages.slice(0, -1))}>前のページ（新しい記録）</button>
              <button type="button" className={pageButton} disabled={result.nextBefore === null} onClick={() => setPages([...pages, result.nextBefore ?? undefined])}>次のページ（古い記録）</button>
            </nav>
          </>
        )}
      </section>

      <AuditAnalyses tenantCode={tenantCode} />
    </section>
  );
}
