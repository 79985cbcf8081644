/**
 * 住民検索 (j330, j340): フリガナ, 氏名, 生年月日 (和暦 as typed at the counter: R8.4.1, 昭和55年5月1日) or
 * 宛名番号, results as you type; Tab to a 宛名番号 and Enter opens the person. Every search is audited by the server.
 */
import { useEffect, useState } from 'react';
import { api, problemText } from '../api/client';
import type { components, paths } from '../api/schema';
import { Field, inputClass } from '../ui';

type Hit = components['schemas']['SearchHit'];
type SearchQuery = NonNullable<paths['/api/v1/resident-registry/search']['get']['parameters']['query']>;

/** What the clerk typed, as search criteria: digits are a 宛名番号, kana a フリガナ, a date a 生年月日, else a name. */
function criteria(text: string): SearchQuery | null {
  const t = text.trim();
  if (t === '') return null;
  if (/^[0-9]{2,20}$/.test(t)) return { addresseeNo: t };
  if (/^[RrHhSsTtMm]\d|^[0-9]{4}-|^(令和|平成|昭和|大正|明治)/.test(t)) return { birthDate: t };
  if (/^[\u30A0-\u30FF\u3040-\u309F\uFF66-\uFF9F\s\u3000]+$/.test(t)) return { kana: t };
  return { name: t };
}

export function ResidentSearch({ onOpen }: { onOpen: (addresseeNo: string) => void }) {
  const [text, setText] = useState('');
  const [result, setResult] = useState<{ items: Hit[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const query = criteria(text);
    if (!query) return;
    // Results as you type, without a request per keystroke.
    const timer = setTimeout(async () => {
      const { data, error: problem } = await api.GET('/api/v1/resident-registry/search', { params: { query: { ...query, limit: 20 } } });
      if (data) {
        setError(null);
        setResult({ items: data.items, total: data.total });
      } else setError(problemText(problem));
    }, 250);
    return () => clearTimeout(timer);
  }, [text]);

  return (
    <section aria-labelledby="resident-search-title" className="flex flex-col gap-4">
      <h1 id="resident-search-title" className="text-std-24B-150">住民検索</h1>
      <Field label="フリガナ・氏名・生年月日（R8.4.1 など）・宛名番号" id="resident-search-start">
        <input id="resident-search-start" className={inputClass} value={text} onChange={(e) => setText(e.target.value)} autoFocus />
      </Field>
      {error && <p role="alert" className="whitespace-pre-line text-std-16N-170 text-error-1">{error}</p>}
      {result && criteria(text) && (
        <div>
          <p aria-live="polite" className="mb-2 text-std-16N-170">{result.total.toLocaleString('ja-JP')}件</p>
          <table className="w-full border-collapse bg-white text-std-16N-170">
            <thead>
              <tr className="border-b-2 border-solid-gray-600 text-left">
                <th scope="col" className="p-2">宛名番号</th><th scope="col" className="p-2">氏名</th><th scope="col" className="p-2">フリガナ</th>
                <th scope="col" className="p-2">生年月日</th><th scope="col" className="p-2">住所</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((h) => (
                <tr key={h.residentId} className="border-b border-solid-gray-420">
                  <td className="p-2">
                    <button type="button" className="text-blue-900 underline" onClick={() => onOpen(h.addresseeNo)}>{h.addresseeNo}</button>
                  </td>
                  <td className="p-2">{h.name}</td><td className="p-2">{h.nameKana}</td>
                  <td className="p-2">{h.birthDate}</td><td className="p-2">{h.address}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
