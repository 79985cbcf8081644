/**
 * The items a 誤記修正 (4.2.3.3, j860) corrects, as resident_version columns. An item is a group of
 * columns that belong together (住所 with 方書, 住所コード and 郵便番号): a later version takes the
 * correction only where it still carries the wrong value of the whole group, so a later 転居 keeps
 * its own address while a name that was copied along is corrected everywhere.
 */
import { normalizeFurigana } from '../../jp/index.ts';
import type { CorrectableItems } from './inputs-corrections.ts';
import { error, type Finding } from './rules/findings.ts';
import type { Row } from './store.ts';

type Item = keyof CorrectableItems;
type Kind = 'japanese' | 'foreign';

const kana = (v: unknown) => (typeof v === 'string' ? normalizeFurigana(v) : null);
const address = (a: CorrectableItems['address']) => ({ address: a!.text, address_supplement: a!.supplement ?? null, address_code: a!.code ?? null, postal_code: a!.postalCode ?? null });
const previous = (a: CorrectableItems['previousAddress']) => ({
  previous_address: a!.text, previous_address_abroad: a!.abroad, previous_address_code: a!.code ?? null, previous_postal_code: a!.postalCode ?? null,
});

/** Column values of each item; `only` names the one kind of resident the item exists for (j10, j20). */
const ITEMS: Record<Item, { label: string; columns: (items: CorrectableItems) => Row; only?: Kind }> = {
  name: { label: '氏名', columns: (i) => ({ name: i.name }) },
  nameKana: { label: '氏名のフリガナ', columns: (i) => ({ name_kana: kana(i.nameKana) }) },
  nameAlphabet: { label: '氏名（アルファベット）', columns: (i) => ({ name_alphabet: i.nameAlphabet }), only: 'foreign' },
  formerSurname: { label: '旧氏', columns: (i) => ({ former_surname: i.formerSurname }), only: 'japanese' },
  formerSurnameKana: { label: '旧氏のフリガナ', columns: (i) => ({ former_surname_kana: kana(i.formerSurnameKana) }), only: 'japanese' },
  alias: { label: '通称', columns: (i) => ({ alias: i.alias }), only: 'foreign' },
  aliasKana: { label: '通称のフリガナ', columns: (i) => ({ alias_kana: kana(i.aliasKana) }), only: 'foreign' },
  birthDate: { label: '生年月日', columns: (i) => ({ birth_date: i.birthDate }) },
  birthDateNotation: { label: '生年月日の表記', columns: (i) => ({ birth_date_notation: i.birthDateNotation ?? null }) },
  sex: { label: '性別', columns: (i) => ({ sex: i.sex }) },
  registeredDomicile: { label: '本籍', columns: (i) => ({ registered_domicile: i.registeredDomicile }), only: 'japanese' },
  familyRegisterHead: { label: '筆頭者', columns: (i) => ({ family_register_head: i.familyRegisterHead }), only: 'japanese' },
  address: { label: '住所', columns: (i) => address(i.address) },
  addressSetOn: { label: '住所を定めた年月日', columns: (i) => ({ address_set_on: i.addressSetOn }) },
  becameResidentOn: { label: '住民となった年月日', columns: (i) => ({ became_resident_on: i.becameResidentOn }), only: 'japanese' },
  previousAddress: { label: '転入前住所', columns: (i) => previous(i.previousAddress) },
  lastRegisteredAddress: { label: '最終登録住所地', columns: (i) => ({ last_registered_address: i.lastRegisteredAddress }) },
  nationality: { label: '国籍・地域', columns: (i) => ({ nationality: i.nationality }), only: 'foreign' },
  becameForeignResidentOn: { label: '外国人住民となった年月日', columns: (i) => ({ became_foreign_resident_on: i.becameForeignResidentOn }), only: 'foreign' },
  residenceStatus: { label: '在留資格', columns: (i) => ({ residence_status: i.residenceStatus }), only: 'foreign' },
  periodOfStay: { label: '在留期間', columns: (i) => ({ period_of_stay: i.periodOfStay }), only: 'foreign' },
  periodOfStayExpiresOn: { label: '在留期間の満了の日', columns: (i) => ({ period_of_stay_expires_on: i.periodOfStayExpiresOn }), only: 'foreign' },
  residenceCardNo: { label: '在留カード等の番号', columns: (i) => ({ residence_card_no: i.residenceCardNo }), only: 'foreign' },
};

const KIND: Record<Kind, string> = { japanese: '日本人住民', foreign: '外国人住民' };

const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null) || String(a ?? '') === String(b ?? '');

/** A correction as column groups, one per item given. */
export type Correction = { item: Item; columns: Row }[];

/** The items of the request as column groups, with findings on items the person's kind lacks or that change nothing. */
export function correctionOf(items: CorrectableItems, wrong: Row): { correction: Correction; findings: Finding[] } {
  const findings: Finding[] = [];
  const correction: Correction = [];
  const kind = wrong.resident_kind as Kind;
  for (const item of Object.keys(items) as Item[]) {
    const spec = ITEMS[item];
    if (items[item] === undefined) continue;
    if (spec.only && spec.only !== kind) {
      findings.push(error(`items.${item}`, 'correction.not-applicable', `${spec.label}は${KIND[spec.only]}の項目です。この住民（${KIND[kind]}）にはありません`));
      continue;
    }
    const columns = spec.columns(items);
    if (Object.entries(columns).every(([c, v]) => same(wrong[c], v))) {
      findings.push(error(`items.${item}`, 'correction.no-change', `${spec.label}は修正前と同じです。誤記のある項目だけを入力してください`));
      continue;
    }
    correction.push({ item, columns });
  }
  return { correction, findings };
}

/** The columns `version` takes: each item whose whole group still holds the wrong version's value. */
export function patchFor(correction: Correction, wrong: Row, version: Row): Row {
  const patch: Row = {};
  for (const { columns } of correction) {
    if (Object.keys(columns).every((c) => same(version[c], wrong[c]))) Object.assign(patch, columns);
  }
  return patch;
}
