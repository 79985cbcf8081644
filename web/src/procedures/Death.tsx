/**
 * 死亡 (4.2.2.1) and 失踪宣告 (4.2.2.2): the person is removed from the register (職権消除) on the
 * 戸籍届出 or its 通知; if they headed a household of others, who heads it now (4.0.4).
 */
import { useState } from 'react';
import { ChangeDates, dateText, Select, todayInJapan } from '../forms/controls';
import { lockOf, namesOf, ProtectionWarning, remainingHeadOptions, usePersonHousehold } from '../forms/household';
import { ProcedureSteps, useProcedure } from '../forms/procedure';
import { Receipt } from '../forms/Receipt';
import { useNavigation } from '../navigation';

export function Death({ addresseeNo }: { addresseeNo: string }) {
  const nav = useNavigation();
  const flow = useProcedure('death');
  const { person, household, error } = usePersonHousehold(addresseeNo);
  const [effectiveDate, setEffectiveDate] = useState('');
  const [notifiedDate, setNotifiedDate] = useState(todayInJapan());
  const [kind, setKind] = useState('death');
  const [remainingHead, setRemainingHead] = useState('');
  if (error) return <p role="alert" className="text-error-1">{error}</p>;
  if (!person || !household) return <p>読み込み中…</p>;
  const residentId = person.person.residentId;
  const headLeaves = household.headResidentId === residentId && household.members.length > 1;
  const build = () => ({
    effectiveDate, ...(notifiedDate ? { notifiedDate } : {}), kind, residentId, household: lockOf(household),
    ...(remainingHead ? { remainingHeadResidentId: remainingHead } : {}),
  });
  const nameOf = namesOf(household.members);
  const summary: [string, string][] = [
    ['対象者', `${person.person.name ?? person.person.nameAlphabet}（${person.person.addresseeNo}）`], ['種別', kind === 'death' ? '死亡' : '失踪宣告'],
    ['異動日', dateText(effectiveDate)], ['届出日', dateText(notifiedDate)], ...(remainingHead ? [['残る世帯の世帯主', nameOf(remainingHead)] as [string, string]] : []),
  ];
  return (
    <ProcedureSteps notice={<ProtectionWarning person={person} />} title="死亡・失踪宣告" flow={flow} build={build} summary={summary}
      receipt={(r) => <Receipt result={r} nameOf={nameOf} notifierName="" onAgain={nav.restart} />}>
      <p className="text-std-16N-170">{person.person.name ?? person.person.nameAlphabet}（{person.person.addresseeNo}）を消除します。</p>
      <Select name="kind" label="種別" value={kind} onChange={setKind} errors={flow.errors} options={[['death', '死亡'], ['disappearance', '失踪宣告']]} />
      <ChangeDates effective={effectiveDate} notified={notifiedDate} onEffective={setEffectiveDate} onNotified={setNotifiedDate} errors={flow.errors}
        effectiveLabel={kind === 'death' ? '死亡日' : '死亡とみなされる日'} />
      {headLeaves && (
        <Select name="remainingHeadResidentId" label="残る世帯の新しい世帯主" value={remainingHead} onChange={setRemainingHead} errors={flow.errors} options={remainingHeadOptions(household.members, [residentId])} />
      )}
    </ProcedureSteps>
  );
}
