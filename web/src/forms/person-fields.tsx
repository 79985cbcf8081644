/**
 * One new person on a 転入, 出生 or 外国人の届出 form (NewJapanesePerson / NewForeignPerson of the API):
 * the items of 1.1.1 (日本人住民) or 1.1.2 (外国人住民) that the counter fills in. Messages come back
 * under `<prefix>.<item>` (e.g. `persons.1.birthDate`) and show at the item.
 */
import { FOREIGN_RESIDENT_CATEGORY, SEX } from '../../../src/modules/resident-registry/data-list.ts';
import { Check, DateInput, dateText, Select, TextInput, type FieldErrors } from './controls';

export interface NewPersonValue {
  name: string;
  nameKana: string;
  nameAlphabet: string;
  birthDate: string;
  sex: string;
  relationship: string;
  registeredDomicile: string;
  familyRegisterHead: string;
  residentCode: string;
  nationality: string;
  category: string;
  becameForeignResidentOn: string;
  residenceStatus: string;
  periodOfStay: string;
  periodOfStayExpiresOn: string;
  residenceCardNo: string;
  landingPeriod: string;
  provisionalStayPeriod: string;
  residenceNotificationMade: boolean;
  /** 再転入 (4.1.1.2): the 宛名番号 of this person's 除票 here, which the new record continues. */
  reentryAddresseeNo: string;
}

export const emptyPerson = (relationship: string): NewPersonValue => ({
  name: '', nameKana: '', nameAlphabet: '', birthDate: '', sex: '1', relationship, registeredDomicile: '', familyRegisterHead: '', residentCode: '',
  nationality: '', category: 'mid_long_term', becameForeignResidentOn: '', residenceStatus: '', periodOfStay: '', periodOfStayExpiresOn: '', residenceCardNo: '',
  landingPeriod: '', provisionalStayPeriod: '', residenceNotificationMade: false, reentryAddresseeNo: '',
});

const optional = (key: string, v: string) => (v.trim() === '' ? {} : { [key]: v.trim() });

/** The API's NewPerson: blank optional items are left out, so the server names only what is really missing. */
export function newPersonBody(p: NewPersonValue, kind: 'japanese' | 'foreign', extra: Record<string, unknown> = {}) {
  const common = {
    birthDate: p.birthDate, sex: p.sex, relationship: p.relationship, ...optional('residentCode', p.residentCode), ...optional('reentryAddresseeNo', p.reentryAddresseeNo), ...extra,
  };
  if (kind === 'japanese') {
    return { residentKind: 'japanese', name: p.name, ...optional('nameKana', p.nameKana), registeredDomicile: p.registeredDomicile, familyRegisterHead: p.familyRegisterHead, ...common };
  }
  return {
    residentKind: 'foreign', ...optional('name', p.name), ...optional('nameAlphabet', p.nameAlphabet), ...optional('nameKana', p.nameKana), ...common,
    foreign: {
      nationality: p.nationality, category: p.category, becameForeignResidentOn: p.becameForeignResidentOn, ...optional('residenceStatus', p.residenceStatus),
      ...optional('periodOfStay', p.periodOfStay), ...optional('periodOfStayExpiresOn', p.periodOfStayExpiresOn),
      ...optional('residenceCardNo', p.residenceCardNo.toUpperCase()), ...optional('landingPeriod', p.landingPeriod), ...optional('provisionalStayPeriod', p.provisionalStayPeriod),
      residenceNotificationMade: p.residenceNotificationMade,
    },
  };
}

/** The lines of the 確認 summary for one person. */
export function personSummary(p: NewPersonValue, kind: 'japanese' | 'foreign', heading: string): [string, string][] {
  const lines: [string, string][] = [[heading, `${p.name || p.nameAlphabet}（${p.nameKana}）`], ['生年月日', dateText(p.birthDate)], ['性別', SEX[p.sex as keyof typeof SEX] ?? p.sex], ['続柄', p.relationship]];
  if (kind === 'japanese') lines.push(['本籍', p.registeredDomicile], ['筆頭者', p.familyRegisterHead]);
  else lines.push(['国籍・地域', p.nationality], ['区分', FOREIGN_RESIDENT_CATEGORY[p.category as keyof typeof FOREIGN_RESIDENT_CATEGORY] ?? p.category], ['在留カード等番号', p.residenceCardNo]);
  return lines;
}

export function PersonFields({ prefix, value, onChange, errors, kind, autoFocus, reentry = true }: {
  prefix: string;
  value: NewPersonValue;
  onChange: (v: NewPersonValue) => void;
  errors: FieldErrors;
  kind: 'japanese' | 'foreign';
  autoFocus?: boolean;
  /** Whether the person may be someone who lived here before (転入: yes; 出生: no). */
  reentry?: boolean;
}) {
  const set = (key: keyof NewPersonValue) => (v: string | boolean) => onChange({ ...value, [key]: v });
  const f = (key: string) => `${prefix}.${key}`;
  const ff = (key: string) => `${prefix}.foreign.${key}`;
  return (
    <div className="grid grid-cols-3 gap-3">
      <TextInput name={f('name')} label={kind === 'japanese' ? '氏名（姓と名の間は空白）' : '氏名（漢字）'} value={value.name} onChange={set('name')} errors={errors} required={kind === 'japanese'} autoFocus={autoFocus} />
      <TextInput name={f('nameKana')} label="フリガナ" value={value.nameKana} onChange={set('nameKana')} errors={errors} />
      {kind === 'foreign' && <TextInput name={f('nameAlphabet')} label="氏名（アルファベット）" value={value.nameAlphabet} onChange={set('nameAlphabet')} errors={errors} />}
      <DateInput name={f('birthDate')} label="生年月日" value={value.birthDate} onChange={set('birthDate')} errors={errors} required />
      <Select name={f('sex')} label="性別" value={value.sex} onChange={set('sex')} errors={errors} options={Object.entries(SEX)} />
      <TextInput name={f('relationship')} label="続柄" value={value.relationship} onChange={set('relationship')} errors={errors} required hint="世帯主、妻、子、子の妻 など" />
      {kind === 'japanese' && <TextInput name={f('registeredDomicile')} label="本籍" value={value.registeredDomicile} onChange={set('registeredDomicile')} errors={errors} required />}
      {kind === 'japanese' && <TextInput name={f('familyRegisterHead')} label="筆頭者" value={value.familyRegisterHead} onChange={set('familyRegisterHead')} errors={errors} required />}
      <TextInput name={f('residentCode')} label="住民票コード（11桁）" value={value.residentCode} onChange={set('residentCode')} errors={errors} inputMode="numeric" required
        hint="転出証明書の、又は住基ネット（CS）で付番した11桁" />
      {reentry && <TextInput name={f('reentryAddresseeNo')} label="再転入: 除票の宛名番号" value={value.reentryAddresseeNo} onChange={set('reentryAddresseeNo')} errors={errors} inputMode="numeric"
        hint="以前この団体に住んでいた方のみ" />}
      {kind === 'foreign' && (
        <>
          <TextInput name={ff('nationality')} label="国籍・地域" value={value.nationality} onChange={set('nationality')} errors={errors} required />
          <Select name={ff('category')} label="法第30条の45の区分" value={value.category} onChange={set('category')} errors={errors} options={Object.entries(FOREIGN_RESIDENT_CATEGORY)} />
          <DateInput name={ff('becameForeignResidentOn')} label="外国人住民となった年月日" value={value.becameForeignResidentOn} onChange={set('becameForeignResidentOn')} errors={errors} required />
          <TextInput name={ff('residenceStatus')} label="在留資格" value={value.residenceStatus} onChange={set('residenceStatus')} errors={errors} />
          <TextInput name={ff('periodOfStay')} label="在留期間" value={value.periodOfStay} onChange={set('periodOfStay')} errors={errors} hint="例: 3年" />
          <DateInput name={ff('periodOfStayExpiresOn')} label="在留期間の満了の日" value={value.periodOfStayExpiresOn} onChange={set('periodOfStayExpiresOn')} errors={errors} />
          <TextInput name={ff('residenceCardNo')} label="在留カード等の番号" value={value.residenceCardNo} onChange={set('residenceCardNo')} errors={errors} hint="例: AB12345678CD" />
          {value.category === 'temporary_refuge' && <TextInput name={ff('landingPeriod')} label="上陸期間" value={value.landingPeriod} onChange={set('landingPeriod')} errors={errors} required />}
          {value.category === 'provisional_stay' && <TextInput name={ff('provisionalStayPeriod')} label="仮滞在期間" value={value.provisionalStayPeriod} onChange={set('provisionalStayPeriod')} errors={errors} required />}
          <Check name={ff('residenceNotificationMade')} label="住居地の届出あり" checked={value.residenceNotificationMade} onChange={set('residenceNotificationMade')} />
        </>
      )}
    </div>
  );
}
