/**
 * 職権修正 (4.2.3.1, j840) and 軽微な修正 (j850): the items to correct, each shown with what the
 * register holds now; only the items changed are sent. 性別 is corrected here only on a 性別の変更
 * (特別な事由, j40); a plain mistake is an 誤記修正 instead.
 */
import { useState } from 'react';
import { SEX } from '../../../src/modules/resident-registry/data-list.ts';
import { ChangeDates, Check, dateText, Select, TextInput, todayInJapan } from '../forms/controls';
import { namesOf, ProtectionWarning, usePersonHousehold } from '../forms/household';
import { ProcedureSteps, useProcedure } from '../forms/procedure';
import { Receipt } from '../forms/Receipt';
import { useNavigation } from '../navigation';

const ITEMS = [
  ['name', '氏名'], ['nameKana', 'フリガナ'], ['registeredDomicile', '本籍'], ['familyRegisterHead', '筆頭者'],
  ['addressText', '住所'], ['addressSupplement', '方書'], ['postalCode', '郵便番号'],
] as const;
type Item = (typeof ITEMS)[number][0];

export function Correction({ addresseeNo }: { addresseeNo: string }) {
  const nav = useNavigation();
  const flow = useProcedure('correctExOfficio');
  const { person, household, error } = usePersonHousehold(addresseeNo);
  const [effectiveDate, setEffectiveDate] = useState(todayInJapan());
  const [notifiedDate, setNotifiedDate] = useState('');
  const [minor, setMinor] = useState(false);
  const [genderChange, setGenderChange] = useState(false);
  const [sex, setSex] = useState('');
  const [values, setValues] = useState<Partial<Record<Item, string>>>({});
  if (error) return <p role="alert" className="text-error-1">{error}</p>;
  if (!person) return <p>読み込み中…</p>;
  const p = person.person;
  const current: Record<Item, string> = {
    name: p.name ?? '', nameKana: p.nameKana ?? '', registeredDomicile: p.registeredDomicile ?? '', familyRegisterHead: p.familyRegisterHead ?? '',
    addressText: p.address.text, addressSupplement: p.address.supplement ?? '', postalCode: p.address.postalCode ?? '',
  };
  const changed = ITEMS.filter(([k]) => values[k] !== undefined && values[k] !== current[k]);
  const build = () => ({
    effectiveDate, ...(notifiedDate ? { notifiedDate } : {}), person: { residentId: p.residentId, version: person.version }, minor,
    ...(genderChange ? { specialReason: 'gender_change' } : {}),
    items: {
      // A 方書 or 郵便番号 emptied is removed (null); other items cannot be blank.
      ...Object.fromEntries(changed.map(([k]) => [k, values[k] === '' && (k === 'addressSupplement' || k === 'postalCode') ? null : values[k]])),
      ...(genderChange && sex ? { sex } : {}),
    },
  });
  const summary: [string, string][] = [
    ['対象者', `${p.name ?? p.nameAlphabet}（${p.addresseeNo}）`], ['異動日', dateText(effectiveDate)], ['通知日', dateText(notifiedDate)], ['軽微な修正', minor ? 'はい' : 'いいえ'],
    ...changed.map(([k, label]) => [label, `${current[k] || '（なし）'} → ${values[k] || '（削除）'}`] as [string, string]),
    ...(genderChange && sex ? [['性別（性別の変更）', SEX[sex as keyof typeof SEX]] as [string, string]] : []),
  ];
  return (
    <ProcedureSteps notice={<ProtectionWarning person={person} />} title="職権修正" flow={flow} build={build} summary={summary}
      receipt={(r) => <Receipt result={r} nameOf={(id) => (id === p.residentId ? values.name ?? p.name ?? '' : namesOf(household?.members ?? [])(id))} notifierName={p.name ?? ''} onAgain={nav.restart} />}>
      <p className="text-std-16N-170">{p.name ?? p.nameAlphabet}（{p.addresseeNo}）の記載を修正します。修正する項目だけを書き換えてください。</p>
      <ChangeDates effective={effectiveDate} notified={notifiedDate} onEffective={setEffectiveDate} onNotified={setNotifiedDate} errors={flow.errors} />
      <div className="grid grid-cols-2 gap-3">
        {ITEMS.map(([k, label]) => (
          <TextInput key={k} name={`items.${k}`} label={label} value={values[k] ?? current[k]} onChange={(v) => setValues({ ...values, [k]: v })} errors={flow.errors}
            hint={values[k] !== undefined && values[k] !== current[k] ? `修正前: ${current[k] || '（なし）'}` : undefined} />
        ))}
      </div>
      <Check name="minor" label="軽微な修正として行う（氏名・住所の記載の修正に限る）" checked={minor} onChange={setMinor} />
      <Check name="specialReason" label="性別の変更（性同一性障害特例法の審判による）" checked={genderChange} onChange={setGenderChange} />
      {genderChange && <Select name="items.sex" label="変更後の性別" value={sex} onChange={setSex} errors={flow.errors} options={[['', '（選択してください）'], ...Object.entries(SEX)]} />}
    </ProcedureSteps>
  );
}
