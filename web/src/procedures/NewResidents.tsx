/**
 * 転入 (4.1.1) and 法第30条の47の届出 (外国人の届出, 4.5.2): persons new to the register, as a new
 * household at an address or joining an existing one (世帯番号). A family is entered person by person
 * (「世帯員を追加」); the 転入前住所 is the family's and goes on each person.
 */
import { useState } from 'react';
import { addressBody, AddressInput, DateInput, dateText, emptyAddress, Select, TextInput, todayInJapan, type AddressValue } from '../forms/controls';
import { emptyPerson, newPersonBody, PersonFields, personSummary, type NewPersonValue } from '../forms/person-fields';
import { lookupHint, useHouseholdByNo } from '../forms/household-lookup';
import { ProcedureSteps, useProcedure } from '../forms/procedure';
import { Receipt } from '../forms/Receipt';
import { useNavigation } from '../navigation';
import { secondaryButton } from '../ui';

const KINDS = [['domestic', '国内からの転入'], ['special', '特例転入（転出証明書情報）'], ['from_abroad', '国外からの転入'], ['article_30_46', '法第30条の46（外国人住民）']] as const;

export function NewResidents({ procedure }: { procedure: 'moveIn' | 'registerForeignResident' }) {
  const nav = useNavigation();
  const flow = useProcedure(procedure);
  const foreignOnly = procedure === 'registerForeignResident';
  const [kind, setKind] = useState('domestic');
  const [effectiveDate, setEffectiveDate] = useState('');
  const [notifiedDate, setNotifiedDate] = useState(todayInJapan());
  const [plannedMoveOutDate, setPlannedMoveOutDate] = useState('');
  const [destinationType, setDestinationType] = useState<'new' | 'existing'>('new');
  const [address, setAddress] = useState<AddressValue>(emptyAddress);
  const [householdNo, setHouseholdNo] = useState('');
  const [previous, setPrevious] = useState<AddressValue>(emptyAddress);
  const [persons, setPersons] = useState<{ kind: 'japanese' | 'foreign'; value: NewPersonValue }[]>([{ kind: foreignOnly ? 'foreign' : 'japanese', value: emptyPerson('世帯主') }]);
  const lookup = useHouseholdByNo(destinationType === 'existing' ? householdNo : '');
  const household = lookup.household;

  const personKind = (k: 'japanese' | 'foreign') => (foreignOnly || kind === 'article_30_46' ? 'foreign' : k);
  const build = () => (destinationType === 'existing' && !household ? null : {
    effectiveDate, ...(notifiedDate ? { notifiedDate } : {}),
    ...(foreignOnly ? {} : { kind, ...(kind === 'special' ? { plannedMoveOutDate } : {}) }),
    destination: destinationType === 'new'
      ? { type: 'new', address: addressBody(address) }
      : { type: 'existing', household: { householdId: household!.householdId, version: household!.version } },
    persons: persons.map((p) => newPersonBody(p.value, personKind(p.kind), !foreignOnly && previous.text.trim() ? { previousAddress: addressBody(previous, kind === 'from_abroad') } : {})),
  });
  const summary: [string, string][] = [
    ...(foreignOnly ? [] : [['転入の種別', KINDS.find(([k]) => k === kind)?.[1] ?? kind] as [string, string]]),
    ['異動日', dateText(effectiveDate)], ['届出日', dateText(notifiedDate)],
    ['異動先', destinationType === 'new' ? `${address.text}${address.supplement ? `\u3000${address.supplement}` : ''}（新しい世帯）` : `世帯番号 ${householdNo}（${household?.label ?? '未確認'}）`],
    ...(foreignOnly ? [] : [['転入前住所', previous.text] as [string, string]]),
    ...persons.flatMap((p, i) => personSummary(p.value, personKind(p.kind), `異動者${i + 1}`)),
  ];
  const title = foreignOnly ? '外国人住民の届出（法第30条の47）' : '転入届';
  return (
    <ProcedureSteps title={title} flow={flow} build={build} summary={summary}
      receipt={(r) => <Receipt result={r} nameOf={(_, i) => persons[i]?.value.name || persons[i]?.value.nameAlphabet || ''} notifierName={persons[0]?.value.name ?? ''} onAgain={nav.restart} />}>
      <div className="grid grid-cols-3 gap-3">
        {!foreignOnly && <Select name="kind" label="転入の種別" value={kind} onChange={setKind} errors={flow.errors} options={KINDS} />}
        <DateInput name="effectiveDate" label="異動日（転入した日）" value={effectiveDate} onChange={setEffectiveDate} errors={flow.errors} required autoFocus />
        <DateInput name="notifiedDate" label="届出日" value={notifiedDate} onChange={setNotifiedDate} errors={flow.errors} />
        {kind === 'special' && !foreignOnly && <DateInput name="plannedMoveOutDate" label="転出予定日" value={plannedMoveOutDate} onChange={setPlannedMoveOutDate} errors={flow.errors} required />}
      </div>
      <Select name="destination.type" label="異動先の世帯" value={destinationType} onChange={(v) => setDestinationType(v as 'new' | 'existing')} errors={flow.errors}
        options={[['new', '新しい世帯を作る（全部）'], ['existing', '既存の世帯に入る（一部）']]} />
      {destinationType === 'new'
        ? <AddressInput name="destination.address" label="住所" value={address} onChange={setAddress} errors={flow.errors} required />
        : <TextInput name="destination.household.householdId" label="入る世帯の世帯番号" value={householdNo} onChange={setHouseholdNo} errors={flow.errors} inputMode="numeric"
            hint={lookupHint(lookup, householdNo)} />}
      {!foreignOnly && <AddressInput name="persons.0.previousAddress" label="転入前住所" value={previous} onChange={setPrevious} errors={flow.errors} />}
      {persons.map((p, i) => (
        <fieldset key={i} className="flex flex-col gap-3 rounded-8 border border-solid-gray-420 p-3">
          <legend className="px-1 text-std-16B-170">異動者{i + 1}</legend>
          {!foreignOnly && kind !== 'article_30_46' && (
            <Select name={`persons.${i}.residentKind`} label="住民の種別" value={p.kind} errors={flow.errors} options={[['japanese', '日本人住民'], ['foreign', '外国人住民']]}
              onChange={(v) => setPersons(persons.map((q, j) => (j === i ? { ...q, kind: v as 'japanese' | 'foreign' } : q)))} />
          )}
          <PersonFields prefix={`persons.${i}`} kind={personKind(p.kind)} value={p.value} errors={flow.errors}
            onChange={(value) => setPersons(persons.map((q, j) => (j === i ? { ...q, value } : q)))} />
          {persons.length > 1 && (
            <div><button type="button" className={secondaryButton} onClick={() => setPersons(persons.filter((_, j) => j !== i))}>異動者{i + 1}を削除</button></div>
          )}
        </fieldset>
      ))}
      <div>
        <button type="button" className={secondaryButton} onClick={() => {
          const first = persons[0]?.value;
          // A family member usually shares the 本籍 and 筆頭者 of the first person.
          setPersons([...persons, { kind: persons[0]?.kind ?? 'japanese', value: { ...emptyPerson(''), registeredDomicile: first?.registeredDomicile ?? '', familyRegisterHead: first?.familyRegisterHead ?? '' } }]);
          setTimeout(() => document.getElementById(`f-persons-${persons.length}-name`)?.focus());
        }}>世帯員を追加</button>
      </div>
    </ProcedureSteps>
  );
}
