/**
 * 転居 (4.1.2) and 転出 (4.1.3) of some or all of a household: who moves (j460), where to, and who
 * heads what remains when the 世帯主 leaves (4.0.4). A 転居 of the whole household keeps its 世帯番号.
 */
import { useState } from 'react';
import { addressBody, AddressInput, ChangeDates, Check, dateText, emptyAddress, Select, TextInput, todayInJapan, type AddressValue } from '../forms/controls';
import { lookupHint, useHouseholdByNo } from '../forms/household-lookup';
import { lockOf, MemberPicker, namesOf, ProtectionWarning, remainingHeadOptions, usePersonHousehold } from '../forms/household';
import { ProcedureSteps, useProcedure } from '../forms/procedure';
import { Receipt } from '../forms/Receipt';
import { useNavigation } from '../navigation';

export function Move({ procedure, addresseeNo }: { procedure: 'moveWithin' | 'moveOut'; addresseeNo: string }) {
  const nav = useNavigation();
  const flow = useProcedure(procedure);
  const { person, household, error } = usePersonHousehold(addresseeNo);
  const [effectiveDate, setEffectiveDate] = useState('');
  const [notifiedDate, setNotifiedDate] = useState(todayInJapan());
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [destinationType, setDestinationType] = useState('same');
  const [address, setAddress] = useState<AddressValue>(emptyAddress);
  const [relationships, setRelationships] = useState<Record<string, string>>({});
  const [remainingHead, setRemainingHead] = useState('');
  const [kind, setKind] = useState('domestic');
  const [special, setSpecial] = useState(false);
  const [targetNo, setTargetNo] = useState('');
  const target = useHouseholdByNo(procedure === 'moveWithin' && destinationType === 'existing' ? targetNo : '');
  if (error) return <p role="alert" className="text-error-1">{error}</p>;
  if (!person || !household) return <p>読み込み中…</p>;

  const members = household.members;
  // Until the operator chooses, the whole household moves (the usual case at the counter).
  const moving = chosen ?? members.map((m) => m.residentId);
  const whole = moving.length === members.length;
  const headMoves = household.headResidentId !== null && moving.includes(household.headResidentId) && !whole;
  const within = procedure === 'moveWithin';
  // The whole household moves as itself (its 世帯番号 stays, 4.1.2); a part forms a new household; either may join one.
  const destination = destinationType === 'existing' ? 'existing' : whole ? 'same' : 'new';
  const joining = destination === 'existing';
  const build = () => (within && joining && !target.household ? null : {
    effectiveDate, ...(notifiedDate ? { notifiedDate } : {}), residentIds: moving, ...(headMoves && remainingHead ? { remainingHeadResidentId: remainingHead } : {}),
    ...(within
      ? {
          from: lockOf(household),
          destination: joining ? { type: 'existing', household: { householdId: target.household!.householdId, version: target.household!.version } } : { type: destination, address: addressBody(address) },
          relationships: destination === 'same' ? [] : moving.map((id) => ({ residentId: id, relationship: relationshipOf(id) })),
        }
      : { household: lockOf(household), kind, special: special && kind === 'domestic', destination: addressBody(address) }),
  });
  const nameOf = namesOf(members);
  function relationshipOf(id: string) {
    return relationships[id] ?? members.find((m) => m.residentId === id)?.relationship ?? '';
  }
  // The household rules name a mover by their place among residentIds (`residentIds.1.relationship`): shown at their 続柄.
  const relationshipErrors = (i: number) => ({ [`relationships.${i}.relationship`]: [
    ...(flow.errors[`relationships.${i}.relationship`] ?? []), ...(flow.errors[`residentIds.${i}.relationship`] ?? []), ...(flow.errors[`residentIds.${i}.birthDate`] ?? []),
  ] });
  const summary: [string, string][] = [
    ['異動日', dateText(effectiveDate)], ['届出日', dateText(notifiedDate)], ['異動者', moving.map(nameOf).join('、')],
    ...(joining ? [] : [[within ? '転居先' : '転出先', `${address.text}${address.supplement ? `\u3000${address.supplement}` : ''}`] as [string, string]]),
    ...(within ? [['異動先の世帯', { same: '世帯ごと転居（世帯番号はそのまま）', new: '新しい世帯', existing: `世帯番号 ${targetNo} の世帯に入る（${target.household?.label ?? ''}）` }[destination]] as [string, string]]
      : [['転出の種別', kind === 'abroad' ? '国外転出' : special ? '国内転出（特例転入を利用）' : '国内転出'] as [string, string]]),
    ...(headMoves && remainingHead ? [['残る世帯の世帯主', nameOf(remainingHead)] as [string, string]] : []),
  ];
  return (
    <ProcedureSteps notice={<ProtectionWarning person={person} />} title={within ? '転居届' : '転出届'} flow={flow} build={build} summary={summary}
      receipt={(r) => <Receipt result={r} nameOf={nameOf} notifierName={person.person.name ?? ''} onAgain={nav.restart} />}>
      <p className="text-std-16N-170">世帯番号 {household.householdNo}（{person.person.address.text}）</p>
      <ChangeDates effective={effectiveDate} notified={notifiedDate} onEffective={setEffectiveDate} onNotified={setNotifiedDate} errors={flow.errors}
        effectiveLabel={within ? '異動日（転居した日）' : '異動日（転出予定日）'} />
      <MemberPicker name="residentIds" legend="異動する世帯員" members={members} selected={moving} onChange={setChosen} errors={flow.errors} />
      {!within && (
        <div className="grid grid-cols-3 gap-3">
          <Select name="kind" label="転出の種別" value={kind} onChange={setKind} errors={flow.errors} options={[['domestic', '国内'], ['abroad', '国外']]} />
          {kind === 'domestic' && <Check name="special" label="特例転入を利用する（マイナンバーカードによる転出）" checked={special} onChange={setSpecial} errors={flow.errors} />}
        </div>
      )}
      {within && (
        <Select name="destination.type" label="異動先の世帯" value={destinationType} onChange={setDestinationType} errors={flow.errors}
          options={[['same', whole ? '世帯ごと転居する（世帯番号はそのまま）' : '新しい世帯を作る'], ['existing', '既存の世帯に入る']]} />
      )}
      {within && joining && (
        <TextInput name="destination.household.householdId" label="入る世帯の世帯番号" value={targetNo} onChange={setTargetNo} errors={flow.errors} inputMode="numeric" hint={lookupHint(target, targetNo)} />
      )}
      {!joining && <AddressInput name={within ? 'destination.address' : 'destination'} label={within ? '転居先の住所' : '転出先の住所（予定）'} value={address} onChange={setAddress} errors={flow.errors} required />}
      {within && destination !== 'same' && moving.map((id, i) => (
        <TextInput key={id} name={`relationships.${i}.relationship`} label={`${nameOf(id)}の新しい世帯での続柄`} errors={relationshipErrors(i)}
          value={relationshipOf(id)} onChange={(v) => setRelationships({ ...relationships, [id]: v })} />
      ))}
      {headMoves && (
        <Select name="remainingHeadResidentId" label="残る世帯の新しい世帯主" value={remainingHead} onChange={setRemainingHead} errors={flow.errors} options={remainingHeadOptions(members, moving)} />
      )}
    </ProcedureSteps>
  );
}
