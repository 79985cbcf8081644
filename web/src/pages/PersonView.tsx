/**
 * 個人の照会 (2.1, j350, j430): the current record, the household in its order (each member opens) with
 * the members it lost (消除された世帯構成員), and the 異動履歴 with every 異動 — including versions a
 * correction or cancellation replaced. A person under 支援措置 is announced first (j380); a refusal by
 * the guard arrives as the server's message. The procedures on this person and the certificate start here.
 */
import { useEffect, useState } from 'react';
import { api, problemText } from '../api/client';
import type { ProcedureName } from '../forms/procedure';
import { useNavigation } from '../navigation';
import { useSession } from '../session';
import { CHANGE_REASONS, RESIDENT_STATUS, SEX } from '../../../src/modules/resident-registry/data-list.ts';
import { formatJapaneseDate } from '../../../src/jp/era.ts';
import { secondaryButton } from '../ui';

const getPerson = (addresseeNo: string) => api.GET('/api/v1/resident-registry/persons/{addresseeNo}', { params: { path: { addresseeNo } } });
const getHousehold = (householdNo: string) => api.GET('/api/v1/resident-registry/households/{householdNo}', { params: { path: { householdNo } } });
const getHistory = (addresseeNo: string) => api.GET('/api/v1/resident-registry/persons/{addresseeNo}/history', { params: { path: { addresseeNo } } });
type Data<F extends (...args: never[]) => Promise<{ data?: unknown }>> = NonNullable<Awaited<ReturnType<F>>['data']>;
type PersonView = Data<typeof getPerson>;
type Household = Data<typeof getHousehold>;
type HistoryEntry = Data<typeof getHistory>['entries'][number];

const wareki = (iso: string | null | undefined) => (iso ? formatJapaneseDate(iso) : '');
const label = <T extends Record<string, { name: string } | string>>(list: T, code: string) => {
  const v = (list as Record<string, { name: string } | string>)[code];
  return v === undefined ? code : typeof v === 'string' ? v : v.name;
};

/** The procedures on a registered person, with the shortcut each has on this screen (Alt+key). */
const ACTIONS: [ProcedureName, string, string][] = [
  ['moveWithin', '転居', '1'], ['moveOut', '転出', '2'], ['changeHousehold', '世帯変更', '3'], ['birth', '出生（この世帯に）', '4'], ['death', '死亡', '5'], ['correctExOfficio', '職権修正', '6'],
];

export function PersonView({ addresseeNo }: { addresseeNo: string }) {
  const nav = useNavigation();
  const { me } = useSession();
  const onOpen = (no: string) => nav.replace({ kind: 'person', addresseeNo: no });
  const onBack = nav.back;
  const [view, setView] = useState<PersonView | null>(null);
  const [household, setHousehold] = useState<Household | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      setError(null);
      const person = await getPerson(addresseeNo);
      if (!live) return;
      if (!person.data) return setError(problemText(person.error));
      setView(person.data);
      const [h, hist] = await Promise.all([getHousehold(person.data.person.householdNo), getHistory(addresseeNo)]);
      if (!live) return;
      setHousehold(h.data ?? null);
      setHistory(hist.data?.entries ?? []);
    })();
    return () => {
      live = false;
    };
  }, [addresseeNo]);

  const canRecord = me.permissions.includes('resident-registry:record') && view?.person.status === 'resident';
  const canIssue = me.permissions.includes('resident-registry:issue');
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = ACTIONS.find(([, , key]) => e.altKey && e.key === key);
      if (action && canRecord) {
        e.preventDefault();
        nav.open({ kind: 'procedure', procedure: action[0], addresseeNo });
      } else if (e.altKey && e.key.toLowerCase() === 'c' && canIssue) {
        e.preventDefault();
        nav.open({ kind: 'certificate', addresseeNo });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [nav, addresseeNo, canRecord, canIssue]);

  if (error) return (
    <section className="flex flex-col gap-4">
      <p role="alert" className="whitespace-pre-line rounded-8 border-2 border-error-1 p-3 text-std-16N-170 text-error-1">{error}</p>
      <button type="button" className={secondaryButton} onClick={onBack}>検索に戻る（Esc）</button>
    </section>
  );
  if (!view) return <p className="text-std-16N-170">読み込み中…</p>;
  const p = view.person;
  const items: [string, string][] = [
    ['宛名番号', p.addresseeNo], ['状態', label(RESIDENT_STATUS, p.status)], ['氏名', p.name ?? p.nameAlphabet ?? ''], ['フリガナ', p.nameKana ?? ''],
    ['生年月日', wareki(p.birthDate)], ['性別', label(SEX, p.sex)], ['世帯主', p.householdHeadName ?? '（未設定）'], ['続柄', p.relationship],
    ['住所', `${p.address.text}${p.address.supplement ? `\u3000${p.address.supplement}` : ''}`], ['住所を定めた年月日', wareki(p.addressSetOn)],
    ['住民となった年月日', wareki(p.becameResidentOn)], ['本籍', p.registeredDomicile ?? ''], ['筆頭者', p.familyRegisterHead ?? ''],
    ['住民票コード', p.residentCode ?? ''], ['世帯番号', p.householdNo],
  ];
  return (
    <section aria-labelledby="person-title" className="flex flex-col gap-6">
      <div className="flex items-center gap-4">
        <h1 id="person-title" className="text-std-24B-150">{p.name ?? p.nameAlphabet}（{p.addresseeNo}）</h1>
        <button type="button" className={`${secondaryButton} ml-auto`} onClick={onBack}>検索に戻る（Esc）</button>
      </div>
      <div role="group" aria-label="手続" className="flex flex-wrap gap-2">
        {canIssue && <button type="button" className={secondaryButton} onClick={() => nav.open({ kind: 'certificate', addresseeNo })}>証明書交付<span className="ml-1 text-std-16N-170">Alt+C</span></button>}
        {canRecord && ACTIONS.map(([procedure, label, key]) => (
          <button key={procedure} type="button" className={secondaryButton} onClick={() => nav.open({ kind: 'procedure', procedure, addresseeNo })}>
            {label}<span className="ml-1 text-std-16N-170">Alt+{key}</span>
          </button>
        ))}
      </div>
      {view.protection.length > 0 && (
        <p role="alert" className="rounded-8 border-2 border-error-1 bg-white p-3 text-std-16B-170 text-error-1">支援措置の対象者です。照会・交付には十分注意してください。</p>
      )}
      <dl className="grid grid-cols-[12rem_1fr] gap-x-4 gap-y-1 rounded-8 bg-white p-4 text-std-16N-170">
        {items.map(([k, v]) => [<dt key={`${k}-t`} className="text-std-16B-170 text-solid-gray-800">{k}</dt>, <dd key={`${k}-d`}>{v}</dd>])}
      </dl>
      {household && (
        <section aria-labelledby="household-title">
          <h2 id="household-title" className="mb-2 text-std-20B-150">世帯（世帯番号 {household.householdNo}）</h2>
          <ul className="flex flex-col gap-1">
            {household.members.map((m) => (
              <li key={m.residentId}>
                <button type="button" className="text-std-16N-170 text-blue-900 underline" onClick={() => onOpen(m.addresseeNo)} aria-current={m.addresseeNo === p.addresseeNo ? 'true' : undefined}>
                  {m.relationship}{'\u3000'}{m.name}（{m.addresseeNo}）
                </button>
              </li>
            ))}
          </ul>
          {(household.removedMembers ?? []).length > 0 && (
            <>
              <h3 className="mb-1 mt-3 text-std-16B-170">消除された世帯員（除票）</h3>
              <ul className="flex flex-col gap-1">
                {(household.removedMembers ?? []).map((m) => (
                  <li key={m.residentId}>
                    <button type="button" className="text-std-16N-170 text-blue-900 underline" onClick={() => onOpen(m.addresseeNo)}>
                      {m.relationship}{'\u3000'}{m.name}（{m.addresseeNo}）{'\u3000'}{label(RESIDENT_STATUS, m.status)} {wareki(m.removedOn)}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      <section aria-labelledby="history-title">
        <h2 id="history-title" className="mb-2 text-std-20B-150">異動履歴</h2>
        <table className="w-full border-collapse bg-white text-std-16N-170">
          <thead><tr className="border-b-2 border-solid-gray-600 text-left"><th scope="col" className="p-2">履歴番号</th><th scope="col" className="p-2">異動日</th><th scope="col" className="p-2">異動事由</th><th scope="col" className="p-2">住所</th><th scope="col" className="p-2">処理日</th></tr></thead>
          <tbody>
            {history.map((e) => (
              <tr key={e.person.historyNo} className={`border-b border-solid-gray-420 ${e.supersededByHistoryNo ? 'text-solid-gray-600 line-through' : ''}`}>
                <td className="p-2">{e.person.historyNo}</td><td className="p-2">{wareki(e.person.validFrom)}</td><td className="p-2">{label(CHANGE_REASONS, e.person.reason)}</td>
                <td className="p-2">{e.person.address.text}</td><td className="p-2">{wareki(e.change.processedOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}
