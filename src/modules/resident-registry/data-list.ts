/**
 * 基本データリスト of 住民基本台帳: the items of 住民記録システム標準仕様書 1.1.1 (j10, 日本人住民) and
 * 1.1.2 (j20, 外国人住民), the 除票 items (1.1.5, j50) and the household, with the code tables.
 *
 * The official workbook (001_住民基本台帳_基本データリスト) fixes item ids, types and lengths; it was
 * not available (STANDARDS §1.1), so ids here are this module's field names. Lengths are given only
 * where the number's definition fixes them (住民票コード 11, 個人番号 12, 郵便番号 7, 団体コード 6);
 * `required` follows 1.1.6 空欄 (j60).
 */
import type { DataItem } from '../../platform/module.ts';
import { COHABITANT, DISTANT_RELATIVE, HOUSEHOLD_HEAD, RELATIONSHIP_TERMS } from './rules/relationship.ts';

export const SEX = { '1': '男', '2': '女' } as const;

export const RESIDENT_KIND = { japanese: '日本人住民', foreign: '外国人住民' } as const;

/** 住民状態 (j10): 住民, and for a 除票 転出・死亡・消除. */
export const RESIDENT_STATUS = { resident: '住民', moved_out: '転出', deceased: '死亡', removed: '消除' } as const;

/** 法第30条の45の表の区分 (j20). */
export const FOREIGN_RESIDENT_CATEGORY = {
  mid_long_term: '中長期在留者',
  special_permanent: '特別永住者',
  temporary_refuge: '一時庇護許可者',
  provisional_stay: '仮滞在許可者',
  transitional_birth: '出生による経過滞在者',
  transitional_nationality_loss: '国籍喪失による経過滞在者',
} as const;

type ChangeCategory = 'entry' | 'removal' | 'correction';

/**
 * 異動事由 (1.2.2, j210). The standard lists the categories and lets the system choose its codes,
 * as long as it maps them; these are the codes, each with its category (記載・消除・修正).
 * 転居取消 is deliberately absent (【実装しない機能】): a cancellation is 異動の取消し.
 */
export const CHANGE_REASONS = {
  domestic_move_in: { name: '国内転入', category: 'entry' },
  move_in_from_abroad: { name: '国外転入等', category: 'entry' },
  birth: { name: '出生', category: 'entry' },
  ex_officio_entry_naturalization: { name: '職権記載（帰化等）', category: 'entry' },
  ex_officio_entry_nationality_loss: { name: '職権記載（国籍喪失）', category: 'entry' },
  ex_officio_entry: { name: '職権記載', category: 'entry' },
  reissue_entry: { name: '改製', category: 'entry' },
  remake_entry: { name: '再製', category: 'entry' },
  cancellation_increase: { name: '異動の取消し（増）', category: 'entry' },
  domestic_move_out: { name: '国内転出', category: 'removal' },
  move_out_abroad: { name: '国外転出', category: 'removal' },
  death: { name: '死亡', category: 'removal' },
  ex_officio_removal_naturalization: { name: '職権消除（帰化等）', category: 'removal' },
  ex_officio_removal_nationality_loss: { name: '職権消除（国籍喪失）', category: 'removal' },
  ex_officio_removal: { name: '職権消除', category: 'removal' },
  reissue_removal: { name: '改製', category: 'removal' },
  remake_removal: { name: '再製', category: 'removal' },
  cancellation_decrease: { name: '異動の取消し（減）', category: 'removal' },
  move_within: { name: '転居', category: 'correction' },
  minor_correction: { name: '軽微な修正', category: 'correction' },
  ex_officio_correction: { name: '職権修正', category: 'correction' },
  clerical_correction: { name: '誤記修正', category: 'correction' },
  my_number_change_request: { name: '個人番号の変更請求', category: 'correction' },
  my_number_ex_officio_correction: { name: '個人番号の職権修正', category: 'correction' },
  my_number_ex_officio_entry: { name: '個人番号の職権記載', category: 'correction' },
  resident_code_change_request: { name: '住民票コードの変更請求', category: 'correction' },
  resident_code_ex_officio_entry: { name: '住民票コードの職権記載', category: 'correction' },
  household_separation: { name: '世帯分離', category: 'correction' },
  household_merger: { name: '世帯合併', category: 'correction' },
  household_change: { name: '世帯変更', category: 'correction' },
  household_head_change: { name: '世帯主変更', category: 'correction' },
  former_surname_entry: { name: '旧氏の記載', category: 'correction' },
  former_surname_change: { name: '旧氏の変更', category: 'correction' },
  former_surname_deletion: { name: '旧氏の削除', category: 'correction' },
  alias_entry: { name: '通称の記載', category: 'correction' },
  alias_deletion: { name: '通称の削除', category: 'correction' },
  cancellation_correction: { name: '異動の取消し（修正）', category: 'correction' },
} as const satisfies Record<string, { name: string; category: ChangeCategory }>;

export type ChangeReason = keyof typeof CHANGE_REASONS;

/** What a 異動 rests on: 届出, 職権, 申出 (4.2.0.5), 戸籍届出・通知 (4.2.0.4) or 請求 (旧氏). */
/** 特別な事由 (1.1.4 j40): their history lines are left off certificates unless asked for. */
export const SPECIAL_REASONS = { special_adoption: '特別養子縁組', special_adoption_dissolution: '特別養子縁組の解消', gender_change: '性別の変更' } as const;

export const CHANGE_BASIS = {
  notification: '届出',
  ex_officio: '職権',
  request: '申出',
  family_register_notice: '戸籍届出・通知',
  claim: '請求',
} as const;

/** 続柄 base terms (1.1.11 ①②④⑤); ② may be joined by 「の」 up to four generations. */
export const RELATIONSHIP_BASE_TERMS: Record<string, string> = Object.fromEntries(
  [HOUSEHOLD_HEAD, ...RELATIONSHIP_TERMS, DISTANT_RELATIVE, COHABITANT].map((t) => [t, t]),
);

const names = (table: Record<string, string | { name: string }>): Record<string, string> =>
  Object.fromEntries(Object.entries(table).map(([code, v]) => [code, typeof v === 'string' ? v : v.name]));

const text = (id: string, name: string, required = false): DataItem => ({ id, name, type: 'text', ...(required ? { required } : {}) });
const date = (id: string, name: string, required = false): DataItem => ({ id, name, type: 'date', ...(required ? { required } : {}) });
const flag = (id: string, name: string): DataItem => ({ id, name, type: 'boolean' });
const digits = (id: string, name: string, length: number, required = false): DataItem => ({ id, name, type: 'text', length, ...(required ? { required } : {}) });

const insured = (id: string, what: string): DataItem[] => [
  flag(`${id}Insured`, `${what}の被保険者該当の有無`),
  date(`${id}AcquiredOn`, `${what}の資格取得年月日`),
  date(`${id}LostOn`, `${what}の資格喪失年月日`),
];

/** 住民票記載事項 (法第7条各号, 法第30条の45). */
const statutory: DataItem[] = [
  text('name', '氏名（外国人住民は氏名（漢字））'),
  text('nameAlphabet', '氏名（アルファベット）'),
  text('formerSurname', '旧氏'),
  text('alias', '通称'),
  date('aliasEnteredOn', '通称を記載した年月日'),
  text('aliasEnteredMunicipality', '通称を記載した市区町村'),
  date('aliasDeletedOn', '通称を削除した年月日'),
  text('aliasDeletedMunicipality', '通称を削除した市区町村'),
  date('birthDate', '生年月日', true),
  { id: 'sex', name: '性別', type: 'code', codes: { ...SEX } },
  text('householdHeadName', '世帯主の氏名'),
  // Text, not a code: ② terms join into chains (子の子); RELATIONSHIP_BASE_TERMS is the term table.
  text('relationship', '世帯主との続柄'),
  text('registeredDomicile', '戸籍の表示（本籍）', true),
  text('familyRegisterHead', '戸籍の表示（筆頭者）', true),
  date('becameResidentOn', '住民となった年月日', true),
  text('address', '住所', true),
  text('addressSupplement', '方書'),
  date('addressSetOn', '住所を定めた年月日'),
  date('notifiedOn', '届出の年月日'),
  text('previousAddress', '転入前住所（国外を含む）'),
  digits('myNumber', '個人番号', 12),
  flag('electoralRollRegistered', '選挙人名簿への登録の有無'),
  ...insured('nationalHealthInsurance', '国民健康保険'),
  ...insured('lateElderlyMedical', '後期高齢者医療'),
  ...insured('longTermCare', '介護保険'),
  ...insured('nationalPension', '国民年金'),
  text('basicPensionNo', '基礎年金番号'),
  text('nationalPensionCategory', '国民年金の種別'),
  date('nationalPensionCategoryChangedOn', '国民年金の種別の変更があった年月日'),
  text('childAllowanceFrom', '児童手当の受給開始年月'),
  text('childAllowanceUntil', '児童手当の受給終了年月'),
  digits('residentCode', '住民票コード', 11, true),
  date('becameForeignResidentOn', '外国人住民となった年月日', true),
  date('formerAlienRegistrationOn', '旧外登法による登録年月日'),
  text('nationality', '国籍・地域'),
  { id: 'foreignResidentCategory', name: '法第30条の45の表の区分', type: 'code', codes: { ...FOREIGN_RESIDENT_CATEGORY }, required: true },
  text('residenceStatus', '在留資格'),
  text('periodOfStay', '在留期間'),
  date('periodOfStayExpiresOn', '在留期間の満了の日'),
  text('residenceCardNo', '在留カード又は特別永住者証明書の番号', true),
  text('landingPeriod', '上陸期間'),
  text('provisionalStayPeriod', '仮滞在期間'),
];

/** 除票 (1.1.5, j50). */
const removal: DataItem[] = [
  { id: 'removalReason', name: '消除事由', type: 'code', codes: names(Object.fromEntries(Object.entries(CHANGE_REASONS).filter(([, r]) => r.category === 'removal'))) },
  text('moveOutDestination', '転出先住所（予定）'),
  date('removalEventDate', '事由の生じた年月日（転出の場合は転出予定年月日）'),
  text('moveOutConfirmedDestination', '転出先住所（確定）'),
  date('moveInNoticeOn', '転入通知年月日'),
  date('movedOutOn', '転出年月日'),
  text('moveOutDestinationCode', '転出先住所（予定）の住所コード'),
  digits('moveOutDestinationPostalCode', '転出先住所（予定）の郵便番号', 7),
  text('moveOutConfirmedDestinationCode', '転出先住所（確定）の住所コード'),
  digits('moveOutConfirmedDestinationPostalCode', '転出先住所（確定）の郵便番号', 7),
];

/** その他の項目 (j10, j20) and the household. */
const other: DataItem[] = [
  text('addresseeNo', '宛名番号', true),
  text('householdNo', '世帯番号', true),
  { id: 'memberOrder', name: '世帯員の並び順', type: 'number' },
  { id: 'status', name: '住民状態', type: 'code', codes: { ...RESIDENT_STATUS } },
  { id: 'residentKind', name: '住民種別', type: 'code', codes: { ...RESIDENT_KIND } },
  text('nameKana', '氏名のフリガナ'),
  flag('nameKanaConfirmed', '氏名のフリガナ確認フラグ'),
  text('formerSurnameKana', '旧氏のフリガナ'),
  flag('formerSurnameKanaConfirmed', '旧氏のフリガナ確認フラグ'),
  text('aliasKana', '通称のフリガナ'),
  flag('aliasKanaConfirmed', '通称のフリガナ確認フラグ'),
  digits('aliasEnteredMunicipalityCode', '通称を記載した市区町村コード', 6),
  digits('aliasDeletedMunicipalityCode', '通称を削除した市区町村コード', 6),
  text('addressCode', '住所コード'),
  digits('postalCode', '住所の郵便番号', 7),
  text('previousAddressCode', '転入前住所の住所コード'),
  digits('previousPostalCode', '転入前住所の郵便番号', 7),
  text('lastRegisteredAddress', '最終登録住所地'),
  flag('residenceNotificationMade', '住居地の届出の有無'),
  flag('movedInWithLandingPermit', '上陸許可証による転入の旨'),
  text('cardStatus', '個人番号カード及び住基カードの発行状況'),
  flag('adultWard', '成年被後見人の該当有無'),
  text('signatureCertSerial', '署名用電子証明書シリアル番号'),
  text('userCertSerial', '利用者証明用電子証明書シリアル番号'),
];

/** 異動履歴 (1.2.1, j200): recorded for every 異動. */
const change: DataItem[] = [
  { id: 'changeReason', name: '異動事由', type: 'code', codes: names(CHANGE_REASONS), required: true },
  date('effectiveDate', '異動日', true),
  date('processedOn', '処理日', true),
  date('notifiedDate', '届出日（戸籍届出・通知日、申出日、請求日を含む）'),
  { id: 'changeBasis', name: '異動の根拠（届出・職権・申出・戸籍届出・通知・請求）', type: 'code', codes: { ...CHANGE_BASIS }, required: true },
  text('inputLocation', '入力場所'),
  text('inputTerminal', '入力端末'),
  text('remark', '留意事項'),
];

export const dataList: DataItem[] = [...statutory, ...removal, ...other, ...change];
