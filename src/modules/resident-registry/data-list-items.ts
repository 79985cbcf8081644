/**
 * The items of 住民基本台帳's records (data-list-records.ts): the builders they share, the 住民票記載事項
 * (j10, j20), 除票 (j50), その他の項目, 異動履歴 (j200), and the search keys computed on import.
 *
 * Item ids are the module's field names (as in the API); `column` is given where snake_case(id) differs.
 * `required` is exactly NOT NULL: items 1.1.6 (j60) requires for one kind of resident only (戸籍の表示 and
 * 住民となった年月日 for 日本人住民, 区分 and 外国人住民となった年月日 for 外国人住民, 住民票コード for 住民)
 * are blank on the other rows, and the table's CHECKs hold them to the rule on import as on every write.
 */
import { dataItem, REQUIRED, type DataItem, type DataReference, type DerivedColumns } from '../../platform/data-list.ts';
import { CHANGE_BASIS, FOREIGN_RESIDENT_CATEGORY, REMOVAL_REASONS, RESIDENT_KIND, RESIDENT_STATUS, SEX, SPECIAL_REASONS } from './data-list-codes.ts';
import { COHABITANT, DISTANT_RELATIVE, HOUSEHOLD_HEAD, MAX_GENERATIONS, RELATIONSHIP_TERMS } from './rules/relationship.ts';
import { searchKeys } from './snapshot.ts';

const { text, date, flag, number, timestamp, uuid, code, digits, postalCode } = dataItem;
export const ref = (items: string[], record: string, to: string[] = ['id']): DataReference => ({ items, record, to });

/** A row's own id (item and column `id`); other records name it residentId, changeId … and refer to it. */
export const rowId = (name: string): DataItem => uuid('id', name, REQUIRED);
export const lockVersion = number('lockVersion', 'ロック版数（システム項目）', { column: 'version', ...REQUIRED });
export const lastHistoryNo = number('lastHistoryNo', '最終履歴番号（システム項目）', REQUIRED);
export const createdAt = timestamp('createdAt', '作成日時（システム項目）', REQUIRED);
export const updatedAt = timestamp('updatedAt', '更新日時（システム項目）', REQUIRED);
export const recordedAt = timestamp('recordedAt', '記録日時（システム項目）', REQUIRED);
export const historyNo = number('historyNo', '履歴番号', REQUIRED);
export const supersedesHistoryNo = number('supersedesHistoryNo', '訂正・取消しにより置き換えた履歴番号');

/** 宛名番号・世帯番号 (1.1.13): 2–20 digits with the check digit the module issues them with. */
export const addresseeNumber = (id: string, name: string): DataItem => text(id, name, { pattern: /^[0-9]{2,20}$/, checkDigit: 'addressee-number', ...REQUIRED });
const YEAR_MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
/** 続柄 (1.1.11): the DOMAIN resident_relationship, built from the same terms as rules/relationship.ts. */
const TERM = `(?:${RELATIONSHIP_TERMS.join('|')})`;
const RELATIONSHIP = new RegExp(`^(?:${HOUSEHOLD_HEAD}|${DISTANT_RELATIVE}|${COHABITANT}|${TERM}(?:の${TERM}){0,${MAX_GENERATIONS - 1}})$`);
const municipalityCode = (id: string, name: string): DataItem => digits(id, name, 6, { checkDigit: 'local-government-code' });

const insured = (id: string, prefix: string, what: string): DataItem[] => [
  flag(`${id}Insured`, `${what}の被保険者該当の有無`, { column: `${prefix}_insured`, ...REQUIRED }),
  date(`${id}AcquiredOn`, `${what}の資格取得年月日`, { column: `${prefix}_acquired_on` }),
  date(`${id}LostOn`, `${what}の資格喪失年月日`, { column: `${prefix}_lost_on` }),
];

/** 住民票記載事項 (法第7条各号, 法第30条の45): resident_version, except 個人番号 (resident). */
export const statutory: DataItem[] = [
  text('name', '氏名（外国人住民は氏名（漢字））'),
  text('nameAlphabet', '氏名（アルファベット）'),
  text('formerSurname', '旧氏'),
  text('alias', '通称'),
  date('aliasEnteredOn', '通称を記載した年月日'),
  text('aliasEnteredMunicipality', '通称を記載した市区町村'),
  date('aliasDeletedOn', '通称を削除した年月日'),
  text('aliasDeletedMunicipality', '通称を削除した市区町村'),
  date('birthDate', '生年月日', REQUIRED),
  code('sex', '性別', SEX, REQUIRED),
  text('householdHeadName', '世帯主の氏名'),
  // Text, not a code: ② terms join into chains (子の子); RELATIONSHIP_BASE_TERMS is the term table.
  text('relationship', '世帯主との続柄', { pattern: RELATIONSHIP, ...REQUIRED }),
  text('registeredDomicile', '戸籍の表示（本籍）'),
  text('familyRegisterHead', '戸籍の表示（筆頭者）'),
  date('becameResidentOn', '住民となった年月日'),
  text('address', '住所', REQUIRED),
  text('addressSupplement', '方書'),
  date('addressSetOn', '住所を定めた年月日', REQUIRED),
  date('notifiedOn', '届出の年月日'),
  text('previousAddress', '転入前住所（国外を含む）'),
  flag('electoralRollRegistered', '選挙人名簿への登録の有無', REQUIRED),
  ...insured('nationalHealthInsurance', 'nhi', '国民健康保険'),
  ...insured('lateElderlyMedical', 'late_elderly', '後期高齢者医療'),
  ...insured('longTermCare', 'long_term_care', '介護保険'),
  ...insured('nationalPension', 'pension', '国民年金'),
  text('basicPensionNo', '基礎年金番号'),
  text('nationalPensionCategory', '国民年金の種別', { column: 'pension_category' }),
  date('nationalPensionCategoryChangedOn', '国民年金の種別の変更があった年月日', { column: 'pension_category_changed_on' }),
  text('childAllowanceFrom', '児童手当の受給開始年月', { length: 7, pattern: YEAR_MONTH }),
  text('childAllowanceUntil', '児童手当の受給終了年月', { length: 7, pattern: YEAR_MONTH }),
  digits('residentCode', '住民票コード', 11),
  date('becameForeignResidentOn', '外国人住民となった年月日'),
  date('formerAlienRegistrationOn', '旧外登法による登録年月日'),
  text('nationality', '国籍・地域'),
  code('foreignResidentCategory', '法第30条の45の表の区分', FOREIGN_RESIDENT_CATEGORY),
  text('residenceStatus', '在留資格'),
  text('periodOfStay', '在留期間'),
  date('periodOfStayExpiresOn', '在留期間の満了の日'),
  text('residenceCardNo', '在留カード又は特別永住者証明書の番号', { length: 12, pattern: /^[A-Z]{2}[0-9]{8}[A-Z]{2}$/ }),
  text('landingPeriod', '上陸期間'),
  text('provisionalStayPeriod', '仮滞在期間'),
];

/** 除票 (1.1.5, j50). */
export const removal: DataItem[] = [
  code('removalReason', '消除事由', REMOVAL_REASONS),
  text('moveOutDestination', '転出先住所（予定）'),
  flag('moveOutDestinationAbroad', '転出先（予定）が国外である旨', REQUIRED),
  date('removalEventDate', '事由の生じた年月日（転出の場合は転出予定年月日）'),
  text('moveOutConfirmedDestination', '転出先住所（確定）'),
  date('moveInNoticeOn', '転入通知年月日'),
  date('movedOutOn', '転出年月日'),
  text('moveOutDestinationCode', '転出先住所（予定）の住所コード'),
  postalCode('moveOutDestinationPostalCode', '転出先住所（予定）の郵便番号'),
  text('moveOutConfirmedDestinationCode', '転出先住所（確定）の住所コード'),
  postalCode('moveOutConfirmedDestinationPostalCode', '転出先住所（確定）の郵便番号'),
];

/** その他の項目 (j10, j20) of a version, and the notations of 不詳日 (1.1.8, j80). */
export const other: DataItem[] = [
  code('status', '住民状態', RESIDENT_STATUS, REQUIRED),
  code('residentKind', '住民種別', RESIDENT_KIND, REQUIRED),
  text('householdHeadNameKana', '世帯主の氏名のフリガナ'),
  text('nameKana', '氏名のフリガナ'),
  flag('nameKanaConfirmed', '氏名のフリガナ確認フラグ', REQUIRED),
  text('formerSurnameKana', '旧氏のフリガナ'),
  flag('formerSurnameKanaConfirmed', '旧氏のフリガナ確認フラグ', REQUIRED),
  text('aliasKana', '通称のフリガナ'),
  flag('aliasKanaConfirmed', '通称のフリガナ確認フラグ', REQUIRED),
  municipalityCode('aliasEnteredMunicipalityCode', '通称を記載した市区町村コード'),
  municipalityCode('aliasDeletedMunicipalityCode', '通称を削除した市区町村コード'),
  text('birthDateNotation', '生年月日の表記（不詳日等）'),
  text('becameResidentOnNotation', '住民となった年月日の表記（不詳日等）'),
  text('addressSetOnNotation', '住所を定めた年月日の表記（不詳日等）'),
  text('becameForeignResidentOnNotation', '外国人住民となった年月日の表記（不詳日等）'),
  text('formerAlienRegistrationOnNotation', '旧外登法による登録年月日の表記（不詳日等）'),
  text('addressCode', '住所コード'),
  postalCode('postalCode', '住所の郵便番号'),
  flag('previousAddressAbroad', '転入前住所が国外である旨', REQUIRED),
  text('previousAddressCode', '転入前住所の住所コード'),
  postalCode('previousPostalCode', '転入前住所の郵便番号'),
  text('lastRegisteredAddress', '最終登録住所地'),
  flag('residenceNotificationMade', '住居地の届出の有無', REQUIRED),
  flag('movedInWithLandingPermit', '上陸許可証による転入の旨', REQUIRED),
  text('cardStatus', '個人番号カード及び住基カードの発行状況'),
  flag('adultWard', '成年被後見人の該当有無', REQUIRED),
  text('signatureCertSerial', '署名用電子証明書シリアル番号'),
  text('userCertSerial', '利用者証明用電子証明書シリアル番号'),
];

/** 異動履歴 (1.2.1, j200): recorded for every 異動 (its 異動事由 is the version's: changeReason). */
export const change: DataItem[] = [
  rowId('異動ID'),
  text('procedure', '処理（手続）名', { pattern: /^[a-z][a-z0-9_]*$/, ...REQUIRED }),
  code('changeBasis', '異動の根拠（届出・職権・申出・戸籍届出・通知・請求）', CHANGE_BASIS, { column: 'basis', ...REQUIRED }),
  date('effectiveDate', '異動日', REQUIRED),
  date('notifiedDate', '届出日（戸籍届出・通知日、申出日、請求日を含む）'),
  timestamp('processedAt', '処理日時（システム項目）', REQUIRED),
  date('processedOn', '処理日', REQUIRED),
  uuid('operatorId', '入力者（利用者ID）', REQUIRED),
  text('inputLocation', '入力場所'),
  text('inputTerminal', '入力端末'),
  flag('lateNotification', '届出期間経過の旨', REQUIRED),
  uuid('cancelsChangeId', '取り消した異動の異動ID'),
  uuid('correctsChangeId', '訂正した異動の異動ID'),
  text('remark', '留意事項', { multiline: true }),
  code('specialReason', '特別な事由', SPECIAL_REASONS),
];

/**
 * Search keys (2.1.2, 2.1.3) as the application writes them with every version (snapshot.ts searchKeys).
 */
const SEARCH_KEYS = ['name_key', 'name_kana_key', 'given_name_kana_key', 'former_surname_kana_key', 'alias_kana_key', 'address_key'] as const;
export const searchKeyColumns: DerivedColumns = {
  columns: SEARCH_KEYS,
  compute(row) {
    const keys = searchKeys({ name: row.name ?? null, name_alphabet: row.nameAlphabet ?? null, name_kana: row.nameKana ?? null, former_surname_kana: row.formerSurnameKana ?? null, alias_kana: row.aliasKana ?? null, address: row.address ?? '' });
    return SEARCH_KEYS.map((column) => (keys[column] as string | null | undefined) ?? null);
  },
};
