/**
 * 住民検索 (j330, j340): フリガナ, 氏名, 生年月日 (和暦 as typed at the counter: R8.4.1, 昭和55年5月1日),
 * 宛名番号 or 住所, results as you type; 除票 on request. Tab to a 宛名番号 and Enter opens the person.
 * Every search is audited by the server.
 */
import { useEffect, useState } from 'react';
import { api, problemText } from '../api/client';
import type { components, paths } from '../api/schema';
import { formatJapaneseDate } from '../../../src/jp/era.ts';
import { RESIDENT_STATUS } from '../../../src/modules/resident-registry/data-list.ts';
import { useNavigation } from '../navigation';
import { Field, inputClass } from '../ui';

type Hit = components['schemas']['SearchHit'];
type SearchQuery = NonNullable<paths['/api/v1/resident-registry/search']['get']['parameters']['query']>;

const BY = [['auto', '自動判定'], ['kana', 'フリガナ'], ['name', '氏名'], ['birthDate', '生年月日'], ['addresseeNo', '宛名番号'], ['address', '住所']] as const;
type By = (typeof BY)[number][0];

/**
 * What the clerk typed, as search criteria. 自動判定: digits are a 宛名番号, kana a フリガナ, a date a
 * 生年月日, text with a 丁目・番・号 or a digit after kanji an address, else a name.
 */
function criteria(text: string, by: By = 'auto'): SearchQuery | null {
  const t = text.trim();
  if (t === '') return null;
  if (by !== 'auto') return { [by]: t };
  if (/^[0-9]{2,20}$/.test(t)) return { addresseeNo: t };
  if (/^[RrHhSsTtMm]\d|^[0-9]{4}-|^(令和|平成|昭和|大正|明治)/.test(t)) return { birthDate: t };
  if (/丁目|番地|[0-9０-９]+番|[0-9０-９]+号/.test(t) || /[\u4E00-\u9FFF][0-9０-９]/.test(t)) return { address: t };
  if (/^[\u30A0-\u30FF\u3040-\u309F\uFF66-\uFF9F\s\u3000]+$/.test(t)) return { kana: t };
  return { name: t };
}

export function ResidentSearchScreen() {
  const nav = useNavigation();
  return <ResidentSearch onOpen={(addresseeNo) => nav.open({ kind: 'person', addresseeNo })} />;
}

export function ResidentSearch({ onOpen }: { onOpen: (addresseeNo: string) => void }) {
  const [text, setText] = useState('');
  const [by, setBy] = useState<By>('auto');
  const [removed, setRemoved] = useState(false);
  const [result, setResult] = useState<{ items: Hit[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const query = criteria(text, by);
    if (!query) return;
    // Results as you type, without a request per keystroke; an answer to an older query never replaces a newer one.
    let live = true;
    const timer = setTimeout(async () => {
      const { data, error: problem } = await api.GET('/api/v1/resident-registry/search', { params: { query: { ...query, includeRemoved: removed ? 'true' : 'false', limit: 20 } } });
      if (!live) return;
      if (data) {
        setError(null);
        setResult({ items: data.items, total: data.total });
      } else setError(problemText(problem));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, by, removed]);

  return (
    <section aria-labelledby="resident-search-title" className="flex flex-col gap-4">
      <h1 id="resident-search-title" className="text-std-24B-150">住民検索</h1>
      {/* The options come before the field: Tab from the field goes straight to the results. */}
      <div className="flex flex-wrap items-end gap-6">
        <div className="w-48">
          <Field label="検索する項目" id="resident-search-by">
            <select id="resident-search-by" className={inputClass} value={by} onChange={(e) => setBy(e.target.value as By)}>
              {BY.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
            </select>
          </Field>
        </div>
        <label className="flex items-center gap-2 pb-2 text-std-16N-170">
          <input type="checkbox" className="size-5" checked={removed} onChange={(e) => setRemoved(e.target.checked)} />
          除票（転出・死亡など）も含める
        </label>
      </div>
      <Field label="フリガナ・氏名・生年月日（R8.4.1 など）・宛名番号・住所" id="resident-search-start">
        <input id="resident-search-start" className={inputClass} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
      </Field>
      {error && <p role="alert" className="whitespace-pre-line text-std-16N-170 text-error-1">{error}</p>}
      {result && criteria(text, by) && (
        <div>
          <p aria-live="polite" className="mb-2 text-std-16N-170">{result.total.toLocaleString('ja-JP')}件</p>
          <table className="w-full border-collapse bg-white text-std-16N-170">
            <thead>
              <tr className="border-b-2 border-solid-gray-600 text-left">
                <th scope="col" className="p-2">宛名番号</th><th scope="col" className="p-2">氏名</th><th scope="col" className="p-2">フリガナ</th>
                <th scope="col" className="p-2">生年月日</th><th scope="col" className="p-2">住所</th><th scope="col" className="p-2">状態</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((h) => (
                <tr key={h.residentId} className="border-b border-solid-gray-420">
                  <td className="p-2">
                    <button type="button" className="text-blue-900 underline" onClick={() => onOpen(h.addresseeNo)}>{h.addresseeNo}</button>
                  </td>
                  <td className="p-2">{h.name}</td><td className="p-2">{h.nameKana}</td>
                  <td className="p-2">{formatJapaneseDate(h.birthDate)}</td><td className="p-2">{h.address}</td>
                  <td className="p-2">
                    {RESIDENT_STATUS[h.status as keyof typeof RESIDENT_STATUS] ?? h.status}
                    {h.protection && <span className="ml-2 rounded-4 border border-error-1 px-1 text-std-16B-170 text-error-1">支援措置</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
