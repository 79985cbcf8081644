/**
 * 出生 (4.2.1.2): the child joins the household of the person the form was opened from (or a new
 * household at its address); 異動日 is the 生年月日, so only the 届出日 is asked besides.
 */
import { useState } from 'react';
import { DateInput, dateText, Select, todayInJapan } from '../forms/controls';
import { lockOf, ProtectionWarning, usePersonHousehold } from '../forms/household';
import { emptyPerson, newPersonBody, PersonFields, personSummary, type NewPersonValue } from '../forms/person-fields';
import { ProcedureSteps, useProcedure } from '../forms/procedure';
import { Receipt } from '../forms/Receipt';
import { useNavigation } from '../navigation';

export function Birth({ addresseeNo }: { addresseeNo: string }) {
  const nav = useNavigation();
  const flow = useProcedure('birth');
  const { person, household, error } = usePersonHousehold(addresseeNo);
  const [notifiedDate, setNotifiedDate] = useState(todayInJapan());
  const [kind, setKind] = useState<'japanese' | 'foreign'>('japanese');
  const [child, setChild] = useState<NewPersonValue | null>(null);
  if (error) return <p role="alert" className="text-error-1">{error}</p>;
  if (!person || !household) return <p>読み込み中…</p>;
  // The parents' 本籍 and 筆頭者 are the child's as a rule: offered, and editable.
  // A foreign child is an 出生による経過滞在者 from the day of birth (1.1.2) until a status is granted.
  const value = child ?? { ...emptyPerson('子'), registeredDomicile: person.person.registeredDomicile ?? '', familyRegisterHead: person.person.familyRegisterHead ?? '', category: 'transitional_birth' };
  const build = () => ({
    effectiveDate: value.birthDate, ...(notifiedDate ? { notifiedDate } : {}),
    person: newPersonBody(kind === 'foreign' && !value.becameForeignResidentOn ? { ...value, becameForeignResidentOn: value.birthDate } : value, kind),
    destination: { type: 'existing', household: lockOf(household) },
  });
  const summary: [string, string][] = [['届出日', dateText(notifiedDate)], ['入る世帯', `世帯番号 ${household.householdNo}`], ...personSummary(value, kind, '出生した者')];
  return (
    <ProcedureSteps notice={<ProtectionWarning person={person} />} title="出生届" flow={flow} build={build} summary={summary}
      receipt={(r) => <Receipt result={r} nameOf={() => value.name || value.nameAlphabet} notifierName={person.person.name ?? ''} onAgain={nav.restart} />}>
      <p className="text-std-16N-170">世帯番号 {household.householdNo}（{person.person.address.text}）に記載します。</p>
      <div className="grid grid-cols-3 gap-3">
        <DateInput name="notifiedDate" label="届出日（戸籍届出・通知の日）" value={notifiedDate} onChange={setNotifiedDate} errors={flow.errors} autoFocus />
        <Select name="person.residentKind" label="住民の種別" value={kind} onChange={(v) => setKind(v as 'japanese' | 'foreign')} errors={flow.errors} options={[['japanese', '日本人住民'], ['foreign', '外国人住民']]} />
      </div>
      {/* 異動日 is the 生年月日: what the date rules say of the 異動日 is shown at the 生年月日. */}
      <PersonFields prefix="person" kind={kind} value={value} onChange={setChild} reentry={false}
        errors={{ ...flow.errors, 'person.birthDate': [...(flow.errors['person.birthDate'] ?? []), ...(flow.errors.effectiveDate ?? [])] }} />
    </ProcedureSteps>
  );
}
