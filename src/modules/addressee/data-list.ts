/**
 * 基本データリスト of 宛名管理・団体内統合宛名 (src/platform/data-list.ts): one record per table of this module
 * (migrations/001_addressee.sql, 002_intermediate.sql), in an order where each record follows the ones it
 * refers to. README.md explains the tables.
 *
 * 個人番号: a 住登外者's is carried in clear (`myNumber`, encrypted again by the importer for the receiving
 * tenant); a resident's stays in the resident registry, and this module keeps only its lookup, which
 * `afterImport` copies again from the imported `resident`. The lookup of the number last sent to the
 * 中間サーバー (`addressee_intermediate_link.sent_lookup`) is not carried (a keyed hash of the sending
 * tenant means nothing to the receiving one, and no file may carry the number it stands for): after an
 * import it is empty, so the next 中間サーバー link sync registers every link once more instead of
 * guessing which ones were up to date.
 */
import { dataItem, REQUIRED, type DataItem, type DataList, type DataRecord } from '../../platform/data-list.ts';
import { DELIVERY_PURPOSES, RESIDENCE } from './model.ts';
import { versionColumns } from './register.ts';

const { text, date, timestamp, uuid, number, code, postalCode } = dataItem;

/**
 * 宛名番号 and 団体内統合宛名番号: this deployment's series, both with the M11W2-7 check digit (README.md「Numbers」);
 * `checked`: the table has the CHECK of its form.
 */
const numbered = (id: string, name: string, column: string | undefined, checked: boolean): DataItem =>
  text(id, name, { ...(column ? { column } : {}), ...(checked ? { pattern: /^[0-9]{2,20}$/ } : {}), ...REQUIRED, checkDigit: 'addressee-number' });

export const ADDRESSEE_KINDS = { person: '個人', corporation: '法人' } as const;
/** Why a version was appended (addressee_version.reason). */
export const VERSION_REASONS = { registered: '登録（住登外者・法人）', 'resident-registry': '住民記録の異動', changed: '変更', merged: '統合' } as const;
export const LINK_STATUSES = { registered: '登録済み', failed: '登録失敗' } as const;
/** 性別 as the resident registry codes it (住民記録 j10). */
const SEX = { '1': '男', '2': '女' } as const;

const numbering: DataRecord = {
  id: 'addressee-numbering',
  name: '団体内統合宛名番号の付番',
  table: 'addressee_numbering',
  kind: 'setting',
  key: ['series'],
  items: [
    code('series', '付番の系列', { integrated: '団体内統合宛名番号' }, REQUIRED),
    number('nextValue', '次に払い出す連番', REQUIRED),
    number('length', '番号の桁数（検査数字を含む）', REQUIRED),
  ],
};

const addressee: DataRecord = {
  id: 'addressee',
  name: '宛名',
  table: 'addressee',
  kind: 'current',
  key: ['id'],
  unique: [['addresseeNo'], ['integratedAddresseeNo'], ['residentId']],
  references: [
    { items: ['mergedInto'], record: 'addressee', to: ['id'] },
    // Not a foreign key of the database (another module's table), but always one of its persons: a resident's
    // addressee is made from the registry's person, and the registry never deletes one.
    { items: ['residentId'], record: 'resident', to: ['id'] },
  ],
  items: [
    uuid('id', '宛名ID', REQUIRED),
    code('kind', '宛名の種別（個人・法人）', ADDRESSEE_KINDS, REQUIRED),
    numbered('addresseeNo', '宛名番号', undefined, true),
    numbered('integratedAddresseeNo', '団体内統合宛名番号', 'integrated_no', true),
    uuid('residentId', '住民ID（住民記録の住民・元住民）'),
    { id: 'corporateNumber', name: '法人番号', type: 'text', column: 'corporate_no', length: 13, pattern: /^[0-9]{13}$/, checkDigit: 'corporate-number' },
    { id: 'myNumber', name: '個人番号', type: 'my-number', column: 'my_number_token', lookupColumn: 'my_number_lookup', length: 12, pattern: /^[0-9]{12}$/, checkDigit: 'my-number' },
    uuid('mergedInto', '統合先の宛名ID'),
    number('lastHistoryNo', '最終履歴番号（システム項目）', REQUIRED),
    number('version', 'ロック版数（システム項目）', REQUIRED),
    timestamp('createdAt', '作成日時（システム項目）', REQUIRED),
    timestamp('updatedAt', '更新日時（システム項目）', REQUIRED),
  ],
};

/** The search keys of a version, as register.ts `versionColumns` writes them (past names and addresses stay searchable). */
const searchKeys = (row: Readonly<Record<string, string | null>>) =>
  versionColumns({ name: row.name ?? '', nameKana: row.nameKana, address: { text: row.address ?? '' } }, { validFrom: '', reason: '', residence: null, operatorId: null });

const version: DataRecord = {
  id: 'addressee-version',
  name: '宛名の履歴',
  table: 'addressee_version',
  kind: 'history',
  key: ['addresseeId', 'historyNo'],
  references: [{ items: ['addresseeId'], record: 'addressee', to: ['id'] }],
  items: [
    uuid('addresseeId', '宛名ID', REQUIRED),
    number('historyNo', '履歴番号', REQUIRED),
    date('validFrom', '適用開始日（住民は異動日）', REQUIRED),
    timestamp('recordedAt', '記録日時（システム項目）', REQUIRED),
    code('reason', '記録の事由', VERSION_REASONS, REQUIRED),
    uuid('operatorId', '操作者ID（システム項目）'),
    code('residence', '住民・住登外の別', RESIDENCE),
    text('name', '氏名・名称', REQUIRED),
    text('nameKana', '氏名・名称のフリガナ'),
    date('birthDate', '生年月日'),
    code('sex', '性別', SEX),
    text('address', '住所・所在地', REQUIRED),
    text('addressSupplement', '方書'),
    postalCode('postalCode', '郵便番号'),
  ],
  derived: {
    columns: ['name_key', 'name_kana_key', 'address_key'],
    compute(row) {
      const keys = searchKeys(row);
      return [keys.name_key as string, keys.name_kana_key as string | null, keys.address_key as string];
    },
  },
};

const delivery: DataRecord = {
  id: 'addressee-delivery',
  name: '送付先',
  table: 'addressee_delivery',
  kind: 'history',
  key: ['id'],
  unique: [['supersedes']],
  references: [
    { items: ['addresseeId'], record: 'addressee', to: ['id'] },
    { items: ['supersedes'], record: 'addressee-delivery', to: ['id'] },
  ],
  items: [
    uuid('id', '送付先ID', REQUIRED),
    uuid('addresseeId', '宛名ID', REQUIRED),
    text('business', '業務（モジュールID、* は全業務）', { pattern: /^(\*|[a-z][a-z0-9-]*)$/, ...REQUIRED }),
    code('purpose', '送付先の区分', DELIVERY_PURPOSES, REQUIRED),
    text('recipientName', '送付先の氏名・名称', REQUIRED),
    text('recipientNameKana', '送付先の氏名・名称のフリガナ'),
    text('address', '送付先の住所', REQUIRED),
    text('addressSupplement', '送付先の方書'),
    postalCode('postalCode', '送付先の郵便番号'),
    text('phone', '電話番号'),
    text('email', 'メールアドレス'),
    date('validFrom', '適用開始日', REQUIRED),
    date('validUntil', '適用終了日'),
    uuid('supersedes', '置き換えた送付先のID'),
    timestamp('recordedAt', '記録日時（システム項目）', REQUIRED),
    uuid('operatorId', '操作者ID（システム項目）', REQUIRED),
  ],
};

const intermediateLink: DataRecord = {
  id: 'addressee-intermediate-link',
  name: '中間サーバーへの団体内統合宛名の登録状況',
  table: 'addressee_intermediate_link',
  kind: 'current',
  key: ['addresseeId'],
  references: [{ items: ['addresseeId'], record: 'addressee', to: ['id'] }],
  // sent_lookup is not carried (see the top of this file).
  items: [
    uuid('addresseeId', '宛名ID', REQUIRED),
    numbered('integratedAddresseeNo', '団体内統合宛名番号（送信したもの）', 'integrated_no', false),
    code('status', '登録の結果', LINK_STATUSES, REQUIRED),
    number('attempts', '送信回数', REQUIRED),
    text('lastError', '登録に失敗した理由'),
    timestamp('sentAt', '最後の送信日時', REQUIRED),
  ],
};

export const dataList: DataList = {
  version: '1.0',
  records: [numbering, addressee, version, delivery, intermediateLink],
  afterImport: [
    // A resident's 個人番号 lookup is the registry's (sync.ts copies it, store.ts linkMyNumberLookup): the file
    // carries the number of 住登外者 only, so copy it again from the imported resident, keyed for this tenant.
    // As linkMyNumberLookup does, not while another live addressee holds the same number (staff merge the two).
    `UPDATE addressee a SET my_number_lookup = r.my_number_lookup FROM resident r
      WHERE a.tenant_code = current_tenant() AND r.tenant_code = a.tenant_code AND r.id = a.resident_id
        AND r.my_number_lookup IS NOT NULL AND a.my_number_token IS NULL AND a.my_number_lookup IS DISTINCT FROM r.my_number_lookup
        AND NOT EXISTS (SELECT 1 FROM addressee o WHERE o.tenant_code = a.tenant_code AND o.id <> a.id AND o.merged_into IS NULL
          AND o.my_number_lookup = r.my_number_lookup)`,
  ],
};
