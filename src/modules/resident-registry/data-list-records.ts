/**
 * The records of 住民基本台帳's 基本データリスト, one per table of migrations/*.sql, in an order where every
 * record follows those it refers to (only references to itself and the deferred 世帯主 → 世帯員 link of
 * household-version point forward). data-list.ts is the entry point; the code tables are data-list-codes.ts.
 *
 * Item ids are the module's field names (as in the API); `column` is given where snake_case(id) differs.
 * `required` is exactly NOT NULL: items 1.1.6 (j60) requires for one kind of resident only (戸籍の表示 and
 * 住民となった年月日 for 日本人住民, 区分 and 外国人住民となった年月日 for 外国人住民, 住民票コード for 住民)
 * are blank on the other rows, and the table's CHECKs hold them to the rule on import as on every write.
 */
import { dataItem, item, REQUIRED, type DataItem, type DataRecord, type DataReference, type DerivedColumns } from '../../platform/data-list.ts';
import {
  CERTIFICATE_FORM, CERTIFICATE_KIND, CHANGE_BASIS, CHANGE_REASONS, DRAFT_STATUS, FOREIGN_RESIDENT_CATEGORY, HOUSEHOLD_STATUS, names,
  NUMBERING_SERIES, PROTECTION_ACTION, PROTECTION_END_REASON, PROTECTION_KIND, PROTECTION_LEVEL, PROTECTION_PROCESS, PROTECTION_ROLE,
  REMOVAL_REASONS, REQUESTER_KIND, RESIDENT_KIND, RESIDENT_STATUS, SEX, SPECIAL_REASONS,
} from './data-list-codes.ts';
import { COHABITANT, DISTANT_RELATIVE, HOUSEHOLD_HEAD, MAX_GENERATIONS, RELATIONSHIP_TERMS } from './rules/relationship.ts';
import { searchKeys } from './snapshot.ts';

const { text, date, flag, number, timestamp, uuid, json, code, digits, postalCode } = dataItem;
const ref = (items: string[], record: string, to: string[] = ['id']): DataReference => ({ items, record, to });

/** A row's own id (item and column `id`); other records name it residentId, changeId … and refer to it. */
const rowId = (name: string): DataItem => uuid('id', name, REQUIRED);
const lockVersion = number('lockVersion', 'ロック版数（システム項目）', { column: 'version', ...REQUIRED });
const lastHistoryNo = number('lastHistoryNo', '最終履歴番号（システム項目）', REQUIRED);
const createdAt = timestamp('createdAt', '作成日時（システム項目）', REQUIRED);
const updatedAt = timestamp('updatedAt', '更新日時（システム項目）', REQUIRED);
const recordedAt = timestamp('recordedAt', '記録日時（システム項目）', REQUIRED);
const historyNo = number('historyNo', '履歴番号', REQUIRED);
const supersedesHistoryNo = number('supersedesHistoryNo', '訂正・取消しにより置き換えた履歴番号');

/** 宛名番号・世帯番号 (1.1.13): 2–20 digits with the check digit the module issues them with. */
const addresseeNumber = (id: string, name: string): DataItem => text(id, name, { pattern: /^[0-9]{2,20}$/, checkDigit: 'addressee-number', ...REQUIRED });
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
const statutory: DataItem[] = [
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
const removal: DataItem[] = [
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
const other: DataItem[] = [
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
const change: DataItem[] = [
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
const searchKeyColumns: DerivedColumns = {
  columns: SEARCH_KEYS,
  compute(row) {
    const keys = searchKeys({ name: row.name ?? null, name_alphabet: row.nameAlphabet ?? null, name_kana: row.nameKana ?? null, former_surname_kana: row.formerSurnameKana ?? null, alias_kana: row.aliasKana ?? null, address: row.address ?? '' });
    return SEARCH_KEYS.map((column) => (keys[column] as string | null | undefined) ?? null);
  },
};

export const records: DataRecord[] = [
  {
    id: 'resident-numbering',
    name: '宛名番号・世帯番号の採番',
    table: 'resident_numbering',
    kind: 'setting',
    key: ['series'],
    items: [
      code('series', '採番の対象', NUMBERING_SERIES, REQUIRED),
      number('nextValue', '次に付番する連番（検査数字を除く）', REQUIRED),
      number('length', '桁数（検査数字を含む）', REQUIRED),
    ],
  },
  {
    id: 'resident',
    name: '住民（宛名番号・住民票コード・個人番号）',
    table: 'resident',
    kind: 'current',
    key: ['id'],
    unique: [['addresseeNo'], ['residentCode'], ['myNumber']],
    items: [
      rowId('住民ID'),
      addresseeNumber('addresseeNo', '宛名番号'),
      digits('residentCode', '住民票コード（現在）', 11),
      { id: 'myNumber', name: '個人番号', type: 'my-number', column: 'my_number_token', lookupColumn: 'my_number_lookup', length: 12, pattern: /^[0-9]{12}$/, checkDigit: 'my-number' },
      lastHistoryNo,
      lockVersion,
      createdAt,
      updatedAt,
    ],
  },
  {
    id: 'household',
    name: '世帯',
    table: 'household',
    kind: 'current',
    key: ['id'],
    unique: [['householdNo']],
    items: [rowId('世帯ID'), addresseeNumber('householdNo', '世帯番号'), lastHistoryNo, lockVersion, createdAt, updatedAt],
  },
  {
    id: 'resident-change',
    name: '異動',
    table: 'resident_change',
    kind: 'history',
    key: ['id'],
    references: [ref(['cancelsChangeId'], 'resident-change'), ref(['correctsChangeId'], 'resident-change')],
    items: change,
  },
  {
    id: 'resident-version',
    name: '住民票（履歴・除票を含む）',
    table: 'resident_version',
    kind: 'history',
    key: ['residentId', 'historyNo'],
    unique: [['residentId', 'supersedesHistoryNo']],
    references: [
      ref(['residentId'], 'resident'),
      ref(['changeId'], 'resident-change'),
      ref(['householdId'], 'household'),
      ref(['residentId', 'supersedesHistoryNo'], 'resident-version', ['residentId', 'historyNo']),
    ],
    items: [
      uuid('residentId', '住民ID', REQUIRED),
      historyNo,
      uuid('changeId', '異動ID', REQUIRED),
      code('changeReason', '異動事由', names(CHANGE_REASONS), { column: 'reason', ...REQUIRED }),
      date('validFrom', '異動日（この履歴の有効開始日）', REQUIRED),
      recordedAt,
      supersedesHistoryNo,
      uuid('householdId', '世帯ID', REQUIRED),
      addresseeNumber('householdNo', '世帯番号'),
      ...statutory,
      ...removal,
      ...other,
    ],
    // my_number_lookup is not here: dataList.afterImport sets it (data-list.ts).
    derived: searchKeyColumns,
  },
  {
    id: 'household-version',
    name: '世帯の履歴',
    table: 'household_version',
    kind: 'history',
    key: ['householdId', 'historyNo'],
    unique: [['householdId', 'supersedesHistoryNo']],
    references: [
      ref(['householdId'], 'household'),
      ref(['changeId'], 'resident-change'),
      ref(['householdId', 'supersedesHistoryNo'], 'household-version', ['householdId', 'historyNo']),
      // Deferred in the schema: the 世帯主 is one of the version's members, written in the next file.
      ref(['householdId', 'historyNo', 'headResidentId'], 'household-member', ['householdId', 'historyNo', 'residentId']),
    ],
    items: [
      uuid('householdId', '世帯ID', REQUIRED),
      historyNo,
      uuid('changeId', '異動ID', REQUIRED),
      date('validFrom', '異動日（この履歴の有効開始日）', REQUIRED),
      recordedAt,
      supersedesHistoryNo,
      code('status', '世帯の状態', HOUSEHOLD_STATUS, REQUIRED),
      uuid('headResidentId', '世帯主の住民ID'),
    ],
  },
  {
    id: 'household-member',
    name: '世帯員（世帯の履歴ごと）',
    table: 'household_version_member',
    kind: 'history',
    key: ['householdId', 'historyNo', 'memberOrder'],
    unique: [['householdId', 'historyNo', 'residentId']],
    references: [ref(['householdId', 'historyNo'], 'household-version', ['householdId', 'historyNo']), ref(['residentId'], 'resident')],
    items: [uuid('householdId', '世帯ID', REQUIRED), historyNo, number('memberOrder', '世帯員の並び順', REQUIRED), uuid('residentId', '住民ID', REQUIRED)],
  },
  {
    id: 'certificate-numbering',
    name: '証明書の発行番号の採番',
    table: 'certificate_numbering',
    kind: 'setting',
    key: ['year'],
    items: [number('year', '年', REQUIRED), number('nextValue', '次に付番する発行番号の連番', REQUIRED)],
  },
  {
    // One row per 団体 (its key is the tenant).
    id: 'certificate-setting',
    name: '証明書の認証者・公印',
    table: 'certificate_setting',
    kind: 'setting',
    key: [],
    items: [
      text('mayorTitle', '認証者の職名', { length: 60 }),
      text('mayorName', '認証者の氏名', { length: 60 }),
      text('deputyTitle', '職務代理者の職名', { length: 60 }),
      text('deputyName', '職務代理者の氏名', { length: 60 }),
      date('deputyFrom', '職務代理の開始日'),
      date('deputyUntil', '職務代理の終了日'),
      text('sealNote', '公印に関する付記文言', { length: 60 }),
      item('binary')('sealImage', '公印の印影（画像）'),
      item('binary')('deputySealImage', '職務代理者の公印の印影（画像）'),
      updatedAt,
    ],
  },
  {
    id: 'certificate-issuance',
    name: '証明書の交付履歴',
    table: 'certificate_issuance',
    kind: 'history',
    key: ['id'],
    unique: [['certificateNo']],
    references: [ref(['householdId'], 'household')],
    items: [
      rowId('交付ID'),
      text('certificateNo', '発行番号', { pattern: /^[0-9]{4}-[0-9]{6,}$/, ...REQUIRED }),
      code('kind', '証明書の種別', CERTIFICATE_KIND, REQUIRED),
      code('form', '様式', CERTIFICATE_FORM, REQUIRED),
      flag('withHistory', '履歴の記載の有無', REQUIRED),
      item('list')('items', '記載した事項', REQUIRED),
      uuid('householdId', '世帯ID'),
      code('requesterKind', '請求者の区分', REQUESTER_KIND, REQUIRED),
      text('requesterName', '請求者の氏名', { length: 100 }),
      text('purpose', '請求事由', { length: 200 }),
      flag('officialUse', '公用請求の旨', REQUIRED),
      flag('reissue', '再交付の旨', REQUIRED),
      timestamp('issuedAt', '交付日時', REQUIRED),
      date('issuedOn', '交付年月日', REQUIRED),
      text('issueLocation', '交付場所', { length: 60 }),
      text('terminal', '端末名', { length: 60 }),
      uuid('operatorId', '交付者（利用者ID）', REQUIRED),
      number('pageCount', '枚数', REQUIRED),
      text('pdfSha256', '交付した証明書（PDF）のSHA-256', { length: 64, pattern: /^[0-9a-f]{64}$/, ...REQUIRED }),
    ],
  },
  {
    id: 'certificate-issuance-target',
    name: '証明書の交付対象者',
    table: 'certificate_issuance_target',
    kind: 'history',
    key: ['issuanceId', 'residentId'],
    references: [ref(['issuanceId'], 'certificate-issuance'), ref(['residentId'], 'resident')],
    items: [uuid('issuanceId', '交付ID', REQUIRED), uuid('residentId', '住民ID', REQUIRED)],
  },
  {
    id: 'resident-protection',
    name: '支援措置',
    table: 'resident_protection',
    kind: 'current',
    key: ['id'],
    references: [ref(['residentId'], 'resident'), ref(['applicantResidentId'], 'resident')],
    items: [
      rowId('支援措置ID'),
      uuid('residentId', '支援対象者の住民ID', REQUIRED),
      code('kind', '支援措置の種別', PROTECTION_KIND, REQUIRED),
      code('role', '申出者の別', PROTECTION_ROLE, REQUIRED),
      uuid('applicantResidentId', '申出者の住民ID（併せて支援を求める者の場合）'),
      text('relationToApplicant', '申出者との関係'),
      date('requestedOn', '申出日', REQUIRED),
      date('startsOn', '支援措置の開始年月日', REQUIRED),
      date('endsOn', '支援措置の終了予定年月日', REQUIRED),
      code('inquiryLevel', '照会抑止', PROTECTION_LEVEL),
      code('issueLevel', '発行抑止', PROTECTION_LEVEL),
      code('changeLevel', '異動抑止', PROTECTION_LEVEL),
      text('offenderName', '加害者の氏名'),
      text('offenderAddresseeNo', '加害者の宛名番号', { pattern: /^[0-9]{2,20}$/ }),
      date('offenderBirthDate', '加害者の生年月日'),
      code('offenderSex', '加害者の性別', SEX),
      text('offenderAddress', '加害者の住所'),
      text('offenderNote', '加害者に関するその他', { multiline: true }),
      text('contact', '連絡先', { multiline: true }),
      text('remark', '備考', { multiline: true }),
      date('endedOn', '支援措置を終了した年月日'),
      code('endReason', '終了事由', PROTECTION_END_REASON),
      lastHistoryNo,
      lockVersion,
      createdAt,
      updatedAt,
    ],
  },
  {
    id: 'resident-protection-history',
    name: '支援措置の履歴',
    table: 'resident_protection_history',
    kind: 'history',
    key: ['protectionId', 'historyNo'],
    references: [ref(['protectionId'], 'resident-protection')],
    // Snapshots of resident_protection: the same codes, though only the table they are copied from checks them.
    items: [
      uuid('protectionId', '支援措置ID', REQUIRED),
      historyNo,
      code('action', '処理の区分', PROTECTION_ACTION, REQUIRED),
      recordedAt,
      text('operatorId', '処理者（利用者ID）', REQUIRED),
      code('kind', '支援措置の種別', PROTECTION_KIND, REQUIRED),
      date('startsOn', '支援措置の開始年月日', REQUIRED),
      date('endsOn', '支援措置の終了予定年月日', REQUIRED),
      code('inquiryLevel', '照会抑止', PROTECTION_LEVEL),
      code('issueLevel', '発行抑止', PROTECTION_LEVEL),
      code('changeLevel', '異動抑止', PROTECTION_LEVEL),
      date('endedOn', '支援措置を終了した年月日'),
      code('endReason', '終了事由', PROTECTION_END_REASON),
      text('remark', '備考', { multiline: true }),
    ],
  },
  {
    id: 'resident-protection-release',
    name: '支援措置の抑止の一時解除',
    table: 'resident_protection_release',
    kind: 'history',
    key: ['id'],
    references: [ref(['protectionId'], 'resident-protection')],
    items: [
      rowId('一時解除ID'),
      uuid('protectionId', '支援措置ID', REQUIRED),
      code('process', '解除する抑止', PROTECTION_PROCESS, REQUIRED),
      text('grantedTo', '解除を受けた利用者ID', REQUIRED),
      text('grantedBy', '解除を許可した利用者ID', REQUIRED),
      text('reason', '一時解除の理由', { multiline: true, ...REQUIRED }),
      timestamp('releasedAt', '解除日時', REQUIRED),
      timestamp('expiresAt', '解除の期限（日時）', REQUIRED),
    ],
  },
  {
    // 個人番号 in `input` are sealed with the exporting 団体's key (drafts.ts): a receiving deployment with
    // other keys cannot open them (a migration completes or discards its 仮登録 first).
    id: 'resident-change-draft',
    name: '異動の仮登録',
    table: 'resident_change_draft',
    kind: 'current',
    key: ['id'],
    references: [ref(['changeId'], 'resident-change')],
    items: [
      rowId('仮登録ID'),
      text('procedure', '処理（手続）名', { pattern: /^[a-z][A-Za-z]*$/, ...REQUIRED }),
      json('input', '入力内容', REQUIRED),
      uuid('enteredBy', '入力者（利用者ID）', REQUIRED),
      text('enteredLocation', '入力場所'),
      timestamp('enteredAt', '入力日時', REQUIRED),
      date('effectiveDate', '異動日'),
      code('status', '仮登録の状態', DRAFT_STATUS, REQUIRED),
      item('list')('residentIds', '対象の住民ID', { of: 'uuid', ...REQUIRED }),
      item('list')('householdIds', '対象の世帯ID', { of: 'uuid', ...REQUIRED }),
      uuid('changeId', '本登録した異動の異動ID'),
      lockVersion,
    ],
  },
];
