/**
 * The receipt of a recorded 異動: who was recorded under which 宛名番号, the 世帯番号, and what to
 * do next at the counter (open the person, issue a 住民票の写し, print the 受理通知書, enter the next).
 */
import { useState } from 'react';
import { api, problemText } from '../api/client';
import { useNavigation } from '../navigation';
import { primaryButton, secondaryButton } from '../ui';
import { TextInput } from './controls';
import type { Recorded } from './procedure';

const changeNotice = (changeId: string, notifierName: string) =>
  api.POST('/api/v1/resident-registry/notices/change-accepted', { body: { changeId, notifierName }, parseAs: 'blob' });

export function Receipt({ result, nameOf, notifierName, onAgain }: {
  result: Recorded;
  /** The name to show for a recorded person (by residentId, or by position for persons new to the register). */
  nameOf: (residentId: string, index: number) => string;
  notifierName: string;
  onAgain: () => void;
}) {
  const nav = useNavigation();
  const [notice, setNotice] = useState<string | null>(null);
  const [notifier, setNotifier] = useState(notifierName);
  const [error, setError] = useState<string | null>(null);
  const first = result.residents[0]?.addresseeNo;
  async function printNotice() {
    const { data, error: problem } = await changeNotice(result.changeId, notifier);
    if (!data) return setError(problemText(problem));
    setNotice(URL.createObjectURL(data as Blob));
  }
  return (
    <>
      <dl className="grid grid-cols-[14rem_1fr] gap-x-4 gap-y-1 text-std-16N-170">
        <dt className="text-std-16B-170">世帯番号</dt><dd data-testid="receipt-household">{result.household.householdNo}</dd>
        {result.residents.map((r, i) => [
          <dt key={`${r.residentId}-t`} className="text-std-16B-170">{i === 0 ? '異動者（宛名番号）' : ''}</dt>,
          <dd key={`${r.residentId}-d`}>
            <button type="button" className="text-blue-900 underline" onClick={() => nav.replace({ kind: 'person', addresseeNo: r.addresseeNo })}>
              {nameOf(r.residentId, i)}（{r.addresseeNo}）
            </button>
          </dd>,
        ])}
        <dt className="text-std-16B-170">受付番号</dt><dd className="font-mono">{result.changeId}</dd>
      </dl>
      {result.alerts.map((a) => <p key={`${a.field}-${a.rule}`} className="text-std-16N-170">{a.message}</p>)}
      {error && <p role="alert" className="text-error-1">{error}</p>}
      <div className="flex flex-wrap items-end gap-4">
        {first && <button type="button" className={primaryButton} onClick={() => nav.open({ kind: 'certificate', addresseeNo: first })}>住民票の写しを交付</button>}
        <div className="w-64"><TextInput name="notifierName" label="届出人氏名（受理通知書）" value={notifier} onChange={setNotifier} errors={{}} /></div>
        <button type="button" className={secondaryButton} onClick={() => void printNotice()}>受理通知書（PDF）</button>
        <button type="button" className={secondaryButton} onClick={onAgain}>続けて入力</button>
      </div>
      {notice && <a href={notice} target="_blank" rel="noreferrer" className="text-blue-900 underline" download="住民異動届受理通知書.pdf">受理通知書を開く</a>}
    </>
  );
}
