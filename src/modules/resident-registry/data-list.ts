/**
 * 基本データリスト of 住民基本台帳 (src/platform/data-list.ts): one record per table of this module, with
 * the items of 住民記録システム標準仕様書 1.1.1 (j10, 日本人住民) and 1.1.2 (j20, 外国人住民), the 除票 items
 * (1.1.5, j50) and the 異動履歴 (1.2.1, j200) where their tables hold them, the household, the certificates'
 * 交付履歴, 支援措置 and 仮登録, with the code tables.
 *
 * The official workbook (001_住民基本台帳_基本データリスト) fixes item ids, types and lengths; it was
 * not available (STANDARDS §1.1), so ids here are this module's field names. Lengths are given only
 * where the number's definition or a CHECK fixes them (住民票コード 11, 個人番号 12, 郵便番号 7, 団体コード 6).
 *
 * The records are data-list-records.ts, the code tables data-list-codes.ts; this file is what the module
 * and its users import.
 */
import type { DataList } from '../../platform/data-list.ts';
import { records } from './data-list-records.ts';

export {
  CHANGE_BASIS, CHANGE_REASONS, FOREIGN_RESIDENT_CATEGORY, RELATIONSHIP_BASE_TERMS, RESIDENT_KIND, RESIDENT_STATUS, SEX, SPECIAL_REASONS,
  type ChangeReason,
} from './data-list-codes.ts';

export const dataList: DataList = {
  version: '1.0',
  records,
  afterImport: [
    // resident_version.my_number_lookup is not exported: a lookup is a keyed hash bound to its 団体, and
    // past numbers are kept only as such lookups, so they cannot be carried. A migrated registry keeps the
    // current number (resident, re-encrypted by the importer) on every version of a person who has one.
    `UPDATE resident_version v SET my_number_lookup = r.my_number_lookup FROM resident r
      WHERE v.tenant_code = current_tenant() AND r.tenant_code = v.tenant_code AND r.id = v.resident_id AND r.my_number_lookup IS NOT NULL`,
  ],
};
