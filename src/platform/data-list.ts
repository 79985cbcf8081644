/**
 * 基本データリスト as code (STANDARDS §1.1, DESIGN §2 `data-list.ts`): each module declares the records
 * (files) of its standard data and their items once; export, import, EUC and the API documentation all
 * read these declarations. A record is one of the module's tables: the module publishes its storage
 * layout here so that src/interop never names a table itself (the module boundary of DESIGN §1.1).
 *
 * The official workbooks (001_住民基本台帳_基本データリスト …) fix item ids, types and lengths but were
 * not available (STANDARDS §1.1 ❓), so item ids are the modules' field names (GLOSSARY.md).
 */

/**
 * How an item's value is written in a standard-layout file (UTF-8 CSV):
 * - text, code: as stored; `code` values are keys of `codes`
 * - number: decimal integer; decimal: a decimal fraction as stored (0.5000); date: YYYY-MM-DD; timestamp: ISO 8601 in UTC (2026-04-01T09:00:00.000000Z)
 * - boolean: 1 or 0; uuid: lower-case canonical; json: the JSON text
 * - list: a JSON array of strings (a text[] or uuid[] column, `of` says which); binary: base64 (bytea)
 * - my-number: 個人番号 in clear (12 digits). Stored encrypted (`column` = the ciphertext column, `lookupColumn`
 *   its keyed lookup); the exporter decrypts, the importer encrypts for the receiving tenant.
 */
export type DataItemType = 'text' | 'code' | 'number' | 'decimal' | 'date' | 'timestamp' | 'boolean' | 'uuid' | 'json' | 'list' | 'binary' | 'my-number';

/** Check digits the importer verifies (src/jp/check-digits.ts). */
export type CheckDigitKind = 'addressee-number' | 'my-number' | 'corporate-number' | 'local-government-code';

/** One item of a module's 基本データリスト. */
export interface DataItem {
  /** Item id: the column header in the file (camelCase, GLOSSARY.md). */
  id: string;
  /** 名称 as in the standard. */
  name: string;
  type: DataItemType;
  /** The table column; default: the id in snake_case. */
  column?: string;
  /** For list: the type of the elements (default text). */
  of?: 'text' | 'uuid';
  /** For my-number: the column of its keyed lookup, written by the importer. */
  lookupColumn?: string;
  /** Maximum length in characters (a character with its IVS counts as one); for digits, the exact length when `pattern` says so. */
  length?: number;
  /** A regular expression the whole value must match (e.g. 郵便番号 ^[0-9]{7}$). */
  pattern?: RegExp;
  /** For type `code`: the code table, value → 名称. */
  codes?: Record<string, string>;
  required?: boolean;
  checkDigit?: CheckDigitKind;
  /** Text that may hold line breaks (備考). */
  multiline?: boolean;
}

/** A link from some items of a record to a key (or unique item set) of another record or itself. */
export interface DataReference {
  items: string[];
  record: string;
  /** The target's items, in the same order; a key or one of its `unique` sets. */
  to: string[];
}

/** One record type: a file in an export, a table in the database. */
export interface DataRecord {
  /** File name without `.csv` (kebab-case), unique across the deployment, e.g. `resident-version`. */
  id: string;
  /** Japanese name (住民票の履歴 …). */
  name: string;
  table: string;
  /** What the rows are: current state, history (append-only versions) or removed records (除票). */
  kind: 'current' | 'history' | 'removed' | 'setting';
  /** Items that identify a row; rows are exported in this order. */
  key: string[];
  /** Other item sets that are unique (checked on import; may be referred to). */
  unique?: string[][];
  references?: DataReference[];
  items: DataItem[];
  /**
   * Columns the importer computes instead of reading (search keys and the like, which the standard does
   * not carry): `compute` gives their values, in the order of `columns`, from the row's items as read
   * (null where empty). One call a row: the values usually come from one computation (snapshot.ts searchKeys).
   */
  derived?: DerivedColumns;
}

export interface DerivedColumns {
  columns: readonly string[];
  compute(row: Readonly<Record<string, string | null>>): readonly (string | null)[];
}

/** A module's data list: the records in an order where every record comes after the ones it refers to. */
export interface DataList {
  /** Version of the module's layout, written into every export's manifest. */
  version: string;
  records: DataRecord[];
  /**
   * SQL statements the importer runs after writing all rows, in the same transaction, as the schema owner
   * with app.tenant set (current_tenant()): fix-ups no file can carry, such as numbering that must continue
   * after the highest number imported, or a lookup column recomputed for the receiving tenant.
   */
  afterImport?: string[];
}

/** snake_case of an item id: the default column name. */
export const columnOf = (item: DataItem): string => item.column ?? item.id.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

// ---- Item builders ----
// The modules declare hundreds of items; these keep each declaration to one line and the same shape in
// every module. A builder only copies what it is given: an item has no key it was not asked for (an
// optional item has no `required: false`), so a declaration says exactly what the item is.

/** Everything of an item but what the builders take as arguments. */
export type ItemOptions = Omit<DataItem, 'id' | 'name' | 'type'>;

/** For `options`: the item is NOT NULL (`text('name', '氏名', REQUIRED)`). */
export const REQUIRED = { required: true } as const;

/** The builder of the items of one type, e.g. `item('list')('residentIds', '対象の住民ID', { of: 'uuid' })`. */
export const item = (type: DataItemType) => (id: string, name: string, options: ItemOptions = {}): DataItem => ({ id, name, type, ...options });

/** Digits of a fixed length (住民票コード 11, 郵便番号 7 …): text with that length and a pattern holding it to digits. */
const digits = (id: string, name: string, length: number, options: ItemOptions = {}): DataItem =>
  item('text')(id, name, { length, pattern: new RegExp(`^[0-9]{${length}}$`), ...options });

/** The builders of the common item types; `item` builds the others. */
export const dataItem = {
  text: item('text'),
  date: item('date'),
  timestamp: item('timestamp'),
  flag: item('boolean'),
  number: item('number'),
  uuid: item('uuid'),
  json: item('json'),
  /** The table is copied, so that an item never shares (and lets a caller change) a module's code table. */
  code: (id: string, name: string, codes: Readonly<Record<string, string>>, options: ItemOptions = {}): DataItem =>
    ({ id, name, type: 'code', codes: { ...codes }, ...options }),
  digits,
  /** 郵便番号: seven digits, without the hyphen. */
  postalCode: (id: string, name: string, options: ItemOptions = {}): DataItem => digits(id, name, 7, options),
};
