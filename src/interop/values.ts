/**
 * Item values between the database and the standard-layout file: how each type is selected for export
 * (SQL that yields the file's text, so that both engines write the same bytes) and how a value read
 * from a file is checked before it is written (the reasons are what the import report says).
 */
import { addresseeNumber, characterLength, corporateNumber, localGovernmentCode, myNumber, validateText } from '../jp/index.ts';
import { columnOf, type DataItem } from '../platform/data-list.ts';

const ident = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** The SQL expression giving an item's text as the file holds it (NULL for an empty item). */
export function exportExpression(item: DataItem): string {
  const c = ident(columnOf(item));
  switch (item.type) {
    case 'date':
      // DateStyle ISO (set by every export transaction: export-sql.ts) writes YYYY-MM-DD for every year the
      // items allow, at a fraction of to_char's cost: dates are the commonest items of a 住民票.
      return `${c}::text`;
    case 'timestamp':
      return `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
    case 'boolean':
      return `CASE WHEN ${c} THEN '1' WHEN NOT ${c} THEN '0' END`;
    case 'number':
    case 'decimal':
    case 'uuid':
    case 'json':
      return `${c}::text`;
    case 'list':
      return `array_to_json(${c})::text`;
    case 'binary':
      // encode() breaks base64 into lines of 76; the file holds it on one.
      return `translate(encode(${c}, 'base64'), E'\\n', '')`;
    default:
      return c;
  }
}

/** The PostgreSQL type a file's text is cast to when written (and a key value when compared). */
export function sqlType(item: DataItem): string {
  switch (item.type) {
    case 'date':
      return 'date';
    case 'timestamp':
      return 'timestamptz';
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'bigint';
    case 'decimal':
      return 'numeric';
    case 'uuid':
      return 'uuid';
    case 'json':
      return 'jsonb';
    case 'list':
      return `${item.of ?? 'text'}[]`;
    case 'binary':
      return 'bytea';
    default:
      return 'text';
  }
}

const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const TIMESTAMP = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DECIMAL = /^-?(0|[1-9][0-9]{0,15})(\.[0-9]{1,10})?$/;
const INTEGER = /^-?(0|[1-9][0-9]{0,15})$/;
/** Dates the registers can hold: from 1800 (births of the oldest records' parents) to 2200. */
const FIRST_YEAR = 1800;
const LAST_YEAR = 2200;
/**
 * Text that needs no closer look: printable ASCII, kana, common kanji, full-width forms. Anything else
 * (IVS, private use, surrogates, controls) goes through validateText and a grapheme count.
 */
const PLAIN_TEXT = /^[\u0020-\u007e\u3000-\u30ff\u4e00-\u9fff\uff01-\uff9f]*$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(text: string): string | null {
  if (!DATE.test(text)) return `日付の形式が正しくありません（"${text}"、YYYY-MM-DD の形式で書いてください）`;
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(5, 7));
  const d = Number(text.slice(8, 10));
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (m < 1 || m > 12 || d < 1 || d > (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!)) return `存在しない日付です（"${text}"）`;
  if (y < FIRST_YEAR || y > LAST_YEAR) return `日付が範囲外です（"${text}"、${FIRST_YEAR}年から${LAST_YEAR}年まで）`;
  return null;
}

function validCheckDigit(item: DataItem, text: string): string | null {
  switch (item.checkDigit) {
    case 'addressee-number':
      return addresseeNumber.isValid(text) ? null : `検査数字が正しくありません（"${text}"、モジュラス11）`;
    case 'my-number':
      return myNumber.isValid(text) ? null : '個人番号の検査数字が正しくありません';
    case 'corporate-number':
      return corporateNumber.isValid(text) ? null : `法人番号の検査数字が正しくありません（"${text}"）`;
    case 'local-government-code':
      return localGovernmentCode.isValid(text) ? null : `地方公共団体コードの検査数字が正しくありません（"${text}"）`;
    default:
      return null;
  }
}

/**
 * Why a value read from a file cannot be written as this item, or null when it can. The text of an
 * item is compared as it is: the importer writes exactly what the file holds.
 */
export function problemOf(item: DataItem, text: string | null): string | null {
  if (text === null) return item.required ? '必須の項目が空です' : null;
  switch (item.type) {
    case 'date':
      return validDate(text);
    case 'timestamp':
      return TIMESTAMP.test(text) && !Number.isNaN(Date.parse(text)) ? null : `日時の形式が正しくありません（"${text}"、2026-04-01T09:00:00.000000Z の形式で書いてください）`;
    case 'boolean':
      return text === '1' || text === '0' ? null : `1 または 0 で書いてください（"${text}"）`;
    case 'number':
      return INTEGER.test(text) && Number.isSafeInteger(Number(text)) ? null : `整数ではありません（"${text}"）`;
    case 'decimal':
      return DECIMAL.test(text) ? null : `数値ではありません（"${text}"）`;
    case 'uuid':
      return UUID.test(text) ? null : `識別子（UUID）の形式が正しくありません（"${text}"）`;
    case 'json':
      try {
        JSON.parse(text);
        return null;
      } catch {
        return 'JSON として読めません';
      }
    case 'list': {
      let list: unknown;
      try {
        list = JSON.parse(text);
      } catch {
        return 'JSON の配列として読めません';
      }
      if (!Array.isArray(list) || !list.every((e) => typeof e === 'string')) return '文字列の JSON 配列ではありません';
      if (item.of === 'uuid' && !list.every((e: string) => UUID.test(e))) return '識別子（UUID）でない要素があります';
      return null;
    }
    case 'binary':
      return BASE64.test(text) ? null : 'base64 の形式が正しくありません';
    case 'code':
      if (item.codes && !Object.hasOwn(item.codes, text)) return `コード表にない値です（"${text}"）`;
      return textProblem(item, text);
    case 'my-number':
      if (!/^[0-9]{12}$/.test(text)) return '個人番号は12桁の数字です';
      return validCheckDigit(item, text);
    default:
      return textProblem(item, text);
  }
}

function textProblem(item: DataItem, text: string): string | null {
  let length = text.length;
  if (!PLAIN_TEXT.test(text)) {
    const checked = validateText(text, { allowNewline: item.multiline ?? false });
    if (!checked.ok) return checked.message;
    if (checked.value !== text) return '正規化（NFC）されていない文字があります（合成済みの文字で書いてください）';
    length = characterLength(text);
  }
  if (item.length !== undefined && length > item.length) return `${item.length}文字を超えています（${length}文字）`;
  if (item.pattern && !item.pattern.test(text)) return `形式が正しくありません（"${text}"）`;
  return validCheckDigit(item, text);
}

/**
 * The text written to the database for a value of the file, where the two differ: a list becomes an
 * array literal, binary the hex form of bytea. Both are what PostgreSQL's input functions read, in COPY
 * and in a cast alike.
 */
export function storedValue(item: DataItem, text: string): string {
  if (item.type === 'list') return `{${(JSON.parse(text) as string[]).map((e) => `"${e.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
  if (item.type === 'binary') return `\\x${Buffer.from(text, 'base64').toString('hex')}`;
  return text;
}
