/**
 * 基本データリスト of 個人住民税 (src/platform/data-list.ts): one record per table of this module, as the
 * migrations leave them (001…006: the roll and the assessments keyed by 宛名番号 since 003), in an order
 * where each record follows the ones it refers to. README.md explains the tables.
 *
 * The 宛名番号 of these tables is this deployment's (the resident registry's series, which 宛名管理 shares),
 * so its check digit is verified. Not declared as references, because no table holds them as keys of another:
 * the 宛名番号 (a resident's need not be in 宛名管理, a 減免 may precede the roll) and the 指定番号 of an
 * assessment or a 課税資料 (the register's key is 指定番号 and version).
 */
import { dataItem, REQUIRED, type DataItem, type DataList, type DataRecord } from '../../platform/data-list.ts';
import { INCOME_SOURCES } from './income-data.ts';
import { RELIEF_REASONS, RELIEF_SCOPES } from './rules/relief.ts';

const { text, date, timestamp, uuid, number, json, flag, code, postalCode } = dataItem;

const yen = (id: string, name: string): DataItem => number(id, name, REQUIRED);
const fiscalYear: DataItem = number('fiscalYear', '年度', REQUIRED);
/** 宛名番号; `checked`: the table has its CHECK (課税資料, 減免), the roll, the assessments and the reviews take it from the registry. */
const addresseeNo = (checked: boolean): DataItem =>
  text('addresseeNo', '宛名番号', { ...(checked ? { pattern: /^[0-9]{2,20}$/ } : {}), ...REQUIRED, checkDigit: 'addressee-number' });
/** 指定番号: checked only in the register; a 課税資料 or an assessment keeps it as the report gave it. */
const employerNo = (name: string, checked = false): DataItem =>
  text('employerNo', name, checked ? { pattern: /^[0-9A-Za-z-]{1,20}$/, ...REQUIRED } : {});

/** resident_tax_taxpayer.registration (migrations/003). */
export const REGISTRATIONS = { resident: '住民（賦課期日に住民基本台帳に記録）', nonResident: '住登外（宛名管理の宛名）' } as const;
/**
 * resident_tax_taxpayer.liability (migrations/005). Not non-resident.ts's LIABILITIES, which describe the 住登外
 * entry only: `residence` is every resident's value as well.
 */
export const LIABILITIES = { residence: '住所（均等割・所得割）', house: '事務所・事業所・家屋敷のみ（均等割のみ）' } as const;
export const ASSESSMENT_KINDS = { initial: '当初課税', reassessment: '更正', cancellation: '賦課取消' } as const;
/** As notices.ts prints them. */
export const COLLECTIONS = { salary: '給与からの特別徴収', pension: '公的年金からの特別徴収', ordinary: '普通徴収' } as const;
export const EXEMPTIONS = { none: '課税', incomeLevy: '所得割非課税', all: '均等割・所得割とも非課税' } as const;
export const EMPLOYER_SOURCES = { staff: '職員が登録', income_document: '給与支払報告書から登録' } as const;
export const RELIEF_KINDS = { exemption: '非課税の決定', reduction: '減免', revocation: '決定の取消' } as const;

const income: DataRecord = {
  id: 'resident-tax-income',
  name: '課税資料',
  table: 'resident_tax_income',
  kind: 'history',
  key: ['id'],
  items: [
    uuid('id', '課税資料ID', REQUIRED),
    fiscalYear,
    addresseeNo(true),
    code('source', '課税資料の種類', INCOME_SOURCES, REQUIRED),
    employerNo('特別徴収義務者の指定番号（給与支払報告書）'),
    text('employerName', '特別徴収義務者の名称（給与支払報告書の記載）'),
    json('items', '課税資料の内容（計算の入力項目、既定値を除く）', REQUIRED),
    timestamp('receivedAt', '受付日時', REQUIRED),
    uuid('receivedBy', '受付者ID（システム項目）'),
  ],
};

const taxpayer: DataRecord = {
  id: 'resident-tax-taxpayer',
  name: '課税台帳',
  table: 'resident_tax_taxpayer',
  kind: 'current',
  key: ['addresseeNo', 'fiscalYear'],
  // Not a foreign key of the database (another module's table), but always one of the registry's persons (the
  // residents of 1 January), which the registry never deletes.
  references: [{ items: ['residentId'], record: 'resident', to: ['id'] }],
  items: [
    addresseeNo(false),
    fiscalYear,
    uuid('residentId', '住民ID（住民記録の住民、住登外は空欄）'),
    text('name', '氏名（賦課期日現在）'),
    date('birthDate', '生年月日', REQUIRED),
    text('address', '住所（賦課期日現在）'),
    code('registration', '住民・住登外の別', REGISTRATIONS, REQUIRED),
    code('liability', '課税の根拠', LIABILITIES, REQUIRED),
    uuid('enteredBy', '登載者ID（住登外を登載した職員、システム項目）'),
    timestamp('enteredAt', '登載日時（システム項目）', REQUIRED),
  ],
};

const assessment: DataRecord = {
  id: 'resident-tax-assessment',
  name: '賦課（履歴）',
  table: 'resident_tax_assessment',
  kind: 'history',
  key: ['addresseeNo', 'fiscalYear', 'version'],
  references: [{ items: ['addresseeNo', 'fiscalYear'], record: 'resident-tax-taxpayer', to: ['addresseeNo', 'fiscalYear'] }],
  items: [
    addresseeNo(false),
    fiscalYear,
    number('version', '版（1 = 当初課税）', REQUIRED),
    code('kind', '賦課の種類', ASSESSMENT_KINDS, REQUIRED),
    code('collection', '徴収方法', COLLECTIONS, REQUIRED),
    employerNo('特別徴収義務者の指定番号（給与特別徴収）'),
    yen('totalIncome', '合計所得金額'),
    yen('totalIncomeEtc', '総所得金額等'),
    yen('taxableIncome', '課税標準額'),
    yen('cityIncomeLevy', '所得割額（市町村民税）'),
    yen('prefIncomeLevy', '所得割額（道府県民税）'),
    yen('cityPerCapitaLevy', '均等割額（市町村民税）'),
    yen('prefPerCapitaLevy', '均等割額（道府県民税）'),
    yen('forestEnvironmentTax', '森林環境税額'),
    yen('total', '年税額'),
    code('exemption', '非課税区分', EXEMPTIONS, REQUIRED),
    number('difference', '前の版からの増減額', REQUIRED),
    json('input', '計算の入力（既定値を除く、根拠の課税資料・税率・減免・家屋敷課税を含む）', REQUIRED),
    json('amounts', '計算内訳の金額（計算段階の識別子 → 円）', REQUIRED),
    timestamp('assessedAt', '賦課日時', REQUIRED),
    uuid('assessedBy', '処理者ID（システム項目、一括処理は空欄）'),
  ],
};

const review: DataRecord = {
  id: 'resident-tax-review',
  name: '課税の要確認',
  table: 'resident_tax_review',
  kind: 'history',
  key: ['fiscalYear', 'eventId', 'addresseeNo'],
  // As for the roll: always one of the registry's persons (the 異動's), not a foreign key of the database.
  references: [{ items: ['residentId'], record: 'resident', to: ['id'] }],
  items: [
    fiscalYear,
    uuid('eventId', '異動のイベントID', REQUIRED),
    uuid('residentId', '住民ID', REQUIRED),
    addresseeNo(false),
    text('eventType', '異動の種類（住民記録のイベント名）', REQUIRED),
    date('effectiveDate', '異動日', REQUIRED),
    timestamp('recordedAt', '記録日時（システム項目）', REQUIRED),
  ],
};

const employer: DataRecord = {
  id: 'resident-tax-employer',
  name: '特別徴収義務者',
  table: 'resident_tax_employer',
  kind: 'history',
  key: ['employerNo', 'version'],
  items: [
    employerNo('特別徴収義務者の指定番号', true),
    number('version', '版', REQUIRED),
    code('source', '登録の経緯', EMPLOYER_SOURCES, REQUIRED),
    text('name', '名称'),
    text('address', '所在地'),
    postalCode('postalCode', '所在地の郵便番号'),
    { id: 'corporateNumber', name: '法人番号', type: 'text', length: 13, pattern: /^[0-9]{13}$/, checkDigit: 'corporate-number' },
    text('phone', '連絡先の電話番号'),
    text('department', '連絡先の担当部署'),
    text('deliveryName', '送付先の名称'),
    text('deliveryAddress', '送付先の住所'),
    postalCode('deliveryPostalCode', '送付先の郵便番号'),
    flag('eltax', '特別徴収税額通知の電子送付（eLTAX）', REQUIRED),
    timestamp('recordedAt', '記録日時（システム項目）', REQUIRED),
    uuid('recordedBy', '記録者ID（システム項目）'),
  ],
};

const relief: DataRecord = {
  id: 'resident-tax-relief',
  name: '非課税・減免',
  table: 'resident_tax_relief',
  kind: 'history',
  key: ['fiscalYear', 'addresseeNo', 'seq'],
  unique: [['id'], ['revokes']],
  // A 取消 names the decision it cancels (unique, not a foreign key of the database).
  references: [{ items: ['revokes'], record: 'resident-tax-relief', to: ['id'] }],
  items: [
    fiscalYear,
    addresseeNo(true),
    number('seq', '決定の連番（納税義務者・年度ごと）', REQUIRED),
    uuid('id', '決定ID', REQUIRED),
    code('kind', '決定の種類', RELIEF_KINDS, REQUIRED),
    uuid('revokes', '取り消す決定のID'),
    code('reason', '理由', RELIEF_REASONS),
    text('reasonText', '理由の内容', { multiline: true }),
    code('scope', '減免の範囲', RELIEF_SCOPES),
    // numeric(5, 4) in (0, 1], written as stored (0.5000).
    { id: 'rate', name: '減免割合', type: 'decimal', pattern: /^(0\.[0-9]{1,4}|1(\.0{1,4})?)$/ },
    number('amount', '減免額（円）'),
    flag('forestExempt', '森林環境税の免除'),
    date('decidedOn', '決定日', REQUIRED),
    text('decidedBy', '決定者', REQUIRED),
    timestamp('recordedAt', '記録日時（システム項目）', REQUIRED),
    uuid('recordedBy', '記録者ID（システム項目）'),
  ],
};

export const dataList: DataList = {
  version: '1.0',
  records: [income, taxpayer, assessment, review, employer, relief],
};
