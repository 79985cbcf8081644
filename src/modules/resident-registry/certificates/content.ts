/**
 * What a certificate says, before any layout: persons' snapshots → titled blocks of labelled lines
 * (5.1 証明書記載事項, j1000). Pure: the service reads the data, the renderer draws these lines.
 * Dates in 和暦 (1.1.9, j90) except a foreign resident's 生年月日 and 在留期間の満了の日 (西暦).
 */
import { formatJapaneseDate, parseIsoDate } from '../../../jp/index.ts';
import { CHANGE_REASONS, FOREIGN_RESIDENT_CATEGORY, SEX } from '../data-list.ts';
import type { PersonSnapshot } from '../model.ts';

export const CERTIFICATE_KINDS = ['resident', 'removed', 'entries', 'move-out'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];
export type CertificateForm = 'household' | 'individual';

/** 省略の指定 (j1000): each is printed only when asked for (and permitted: see items.ts). */
export const OPTIONAL_ITEMS = ['householdHead', 'registeredDomicile', 'residentCode', 'myNumber', 'foreignItems', 'furigana'] as const;
export type OptionalItem = (typeof OPTIONAL_ITEMS)[number];
export const OPTIONAL_ITEM_LABELS: Record<OptionalItem, string> = {
  householdHead: '世帯主・続柄',
  registeredDomicile: '本籍・筆頭者',
  residentCode: '住民票コード',
  myNumber: '個人番号',
  foreignItems: '国籍・地域、法第30条の45に規定する区分、在留資格、在留期間等、在留カード等番号、通称',
  furigana: 'フリガナ',
};

export interface CertificatePerson {
  /** The state printed: the current one, or the 除票 for a removed person. */
  snapshot: PersonSnapshot;
  /** Earlier live states, oldest first (printed only with 履歴). */
  history: PersonSnapshot[];
  /** The plain 個人番号, present only when the item was asked for and disclosed. */
  myNumber: string | null;
}

export interface CertificateSource {
  kind: CertificateKind;
  form: CertificateForm;
  withHistory: boolean;
  items: ReadonlySet<OptionalItem>;
  persons: CertificatePerson[];
  /** 世帯全員 (the whole household as of the issue date) or a part of it. */
  wholeHousehold: boolean;
  issuedOn: string;
  /** 職名 (with the 都道府県名, j1050) and the name of who certifies, if any (j310). */
  authenticator: { title: string; name: string | null };
  officialUse: boolean;
  reissue: boolean;
  sealNote: string | null;
  /** 市区町村名 (転出証明書の認証文). */
  municipality: string;
}

export interface Line {
  label: string;
  value: string;
}
export interface Block {
  heading: string | null;
  lines: Line[];
}
export interface CertificateContent {
  title: string;
  /** Printed above the persons (世帯連記式: 世帯主 and 住所 once for all). */
  header: Line[];
  blocks: Block[];
  certification: string;
  issuedOnLabel: string;
  authenticator: string;
  marks: string[];
  sealNote: string | null;
}

/** 和暦 with 元年 (j90), or the recorded notation of an uncertain date (不詳, j80). */
export const japaneseDate = (iso: string | null, notation?: string | null): string => (notation ? notation : iso ? formatJapaneseDate(iso, 'long') : '');
/** 西暦, for a foreign resident's dates (j90). */
export const westernDate = (iso: string): string => {
  const { year, month, day } = parseIsoDate(iso);
  return `${year}年${month}月${day}日`;
};

const withKana = (text: string | null, kana: string | null, show: boolean) => (text && show && kana ? `${text}\u3000（${kana}）` : (text ?? ''));
const address = (a: { text: string; supplement?: string | undefined } | null) => (a ? (a.supplement ? `${a.text}\u3000${a.supplement}` : a.text) : '');

/** The name as recorded, character for character (IVS included); a foreign resident's alphabet name first (j1020). */
function nameLine(p: PersonSnapshot, furigana: boolean): string {
  const name = [p.nameAlphabet, p.name].filter((n): n is string => !!n).join('　');
  return withKana(name, p.nameKana, furigana);
}

function personLines(source: CertificateSource, person: CertificatePerson, inHouseholdForm: boolean): Line[] {
  const p = person.snapshot;
  const has = (i: OptionalItem) => source.items.has(i);
  const foreign = p.residentKind === 'foreign';
  const lines: Line[] = [{ label: '氏名', value: nameLine(p, has('furigana')) }];
  if (p.formerSurname) lines.push({ label: '旧氏', value: withKana(p.formerSurname, p.formerSurnameKana, has('furigana')) });
  if (foreign && p.alias && has('foreignItems')) lines.push({ label: '通称', value: withKana(p.alias, p.aliasKana, has('furigana')) });
  lines.push({ label: '生年月日', value: foreign ? westernDate(p.birthDate) : japaneseDate(p.birthDate, p.birthDateNotation) });
  lines.push({ label: '性別', value: SEX[p.sex] });
  if (has('householdHead')) {
    if (!inHouseholdForm) lines.push({ label: '世帯主', value: p.householdHeadName ?? '' });
    lines.push({ label: '続柄', value: p.relationship });
  }
  if (!inHouseholdForm) lines.push({ label: '住所', value: address(p.address) });
  if (source.kind !== 'move-out') {
    if (p.becameResidentOn) lines.push({ label: '住民となった年月日', value: japaneseDate(p.becameResidentOn, p.becameResidentOnNotation) });
    lines.push({ label: '住所を定めた年月日', value: `${japaneseDate(p.addressSetOn, p.addressSetOnNotation)}${p.notifiedOn ? `\u3000${japaneseDate(p.notifiedOn)}届出` : ''}` });
    if (p.previousAddress) lines.push({ label: '従前の住所', value: address(p.previousAddress) });
  }
  if (has('registeredDomicile') && !foreign) {
    lines.push({ label: '本籍', value: p.registeredDomicile ?? '' }, { label: '筆頭者', value: p.familyRegisterHead ?? '' });
  }
  if (has('residentCode')) lines.push({ label: '住民票コード', value: p.residentCode ?? '' });
  if (has('myNumber')) lines.push({ label: '個人番号', value: person.myNumber ?? '' });
  if (foreign && p.foreign && has('foreignItems')) lines.push(...foreignLines(p.foreign));
  if (p.removal && (source.kind === 'removed' || source.kind === 'move-out' || p.status !== 'resident')) lines.push(...removalLines(p, source.kind === 'move-out'));
  if (source.withHistory && person.history.length > 0) lines.push(...historyLines(person.history));
  return lines;
}

function foreignLines(f: NonNullable<PersonSnapshot['foreign']>): Line[] {
  const lines: Line[] = [
    { label: '国籍・地域', value: f.nationality },
    { label: '法第30条の45に規定する区分', value: FOREIGN_RESIDENT_CATEGORY[f.category] },
    { label: '外国人住民となった年月日', value: japaneseDate(f.becameForeignResidentOn, f.becameForeignResidentOnNotation) },
  ];
  if (f.residenceStatus) lines.push({ label: '在留資格', value: f.residenceStatus });
  if (f.periodOfStay) lines.push({ label: '在留期間等', value: f.periodOfStay });
  if (f.periodOfStayExpiresOn) lines.push({ label: '在留期間等の満了の日', value: westernDate(f.periodOfStayExpiresOn) });
  if (f.residenceCardNo) lines.push({ label: '在留カード等番号', value: f.residenceCardNo });
  return lines;
}

/** 除票固有の記載事項 (1.1.5, j50); a 転出証明書 states the 転出 itself, not a 消除事由. */
function removalLines(p: PersonSnapshot, moveOutCertificate: boolean): Line[] {
  const r = p.removal!;
  const movingOut = r.reason === 'domestic_move_out' || r.reason === 'move_out_abroad';
  const lines: Line[] = moveOutCertificate ? [] : [{ label: '消除事由', value: CHANGE_REASONS[r.reason].name }];
  lines.push({ label: movingOut ? '転出予定年月日' : '事由の生じた年月日', value: japaneseDate(r.eventDate) });
  if (r.moveOutDestination) lines.push({ label: '転出先住所', value: address(r.moveOutDestination) });
  if (r.moveOutConfirmedDestination) lines.push({ label: '転出先住所（確定）', value: address(r.moveOutConfirmedDestination) });
  if (r.movedOutOn) lines.push({ label: '転出年月日', value: japaneseDate(r.movedOutOn) });
  return lines;
}

/** 履歴 (j1000 形式の指定): each earlier state with its 異動事由 and date, oldest first. */
const historyLines = (history: PersonSnapshot[]): Line[] =>
  history.map((h) => ({ label: '履歴', value: `${japaneseDate(h.validFrom)}\u3000${CHANGE_REASONS[h.reason].name}\u3000${address(h.address)}` }));

const TITLES: Record<CertificateKind, (removed: boolean) => string> = {
  resident: () => '住民票の写し',
  removed: () => '住民票の除票の写し',
  entries: (removed) => (removed ? '住民票除票記載事項証明書' : '住民票記載事項証明書'),
  'move-out': () => '転出証明書',
};

/** 認証文 (第4章 様式): what the signature certifies, by kind and by 世帯全員 or 一部. */
function certification(source: CertificateSource): string {
  const scope = source.form === 'household' ? (source.wholeHousehold ? '世帯全員の' : '世帯の一部の') : '';
  switch (source.kind) {
    case 'resident':
      return `この写しは、${scope}住民票の原本と相違ないことを証明する。`;
    case 'removed':
      return 'この写しは、住民票の除票の原本と相違ないことを証明する。';
    case 'entries':
      return `上記の事項は、${source.persons.every((p) => p.snapshot.status !== 'resident') ? '住民票の除票' : '住民票'}に記載されていることを証明する。`;
    case 'move-out':
      return `上記の者は、${source.municipality}から転出する旨の届出をしたことを証明する。`;
  }
}

export function buildCertificateContent(source: CertificateSource): CertificateContent {
  const allRemoved = source.persons.every((p) => p.snapshot.status !== 'resident');
  const household = source.form === 'household' && source.persons.length > 0;
  const first = source.persons[0]?.snapshot;
  const header: Line[] = [];
  if (household && first) {
    header.push({ label: '世帯主', value: first.householdHeadName ?? '' }, { label: '住所', value: address(first.address) });
  }
  const blocks: Block[] = source.persons.map((p, i) => ({ heading: household ? `${i + 1}` : null, lines: personLines(source, p, household) }));
  const marks = [...(source.officialUse ? ['公用'] : []), ...(source.reissue ? ['再交付'] : [])];
  return {
    title: TITLES[source.kind](allRemoved),
    header,
    blocks,
    certification: certification(source),
    issuedOnLabel: japaneseDate(source.issuedOn),
    authenticator: source.authenticator.name ? `${source.authenticator.title}\u3000${source.authenticator.name}` : source.authenticator.title,
    marks,
    sealNote: source.sealNote,
  };
}
