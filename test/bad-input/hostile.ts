/**
 * The hostile values of the bad-input corpus, by what they attack. Each list is small: the corpus
 * crosses them with every route and field, so one value per idea is enough.
 */

/** Dates that do not exist or cannot be read: a day past the month's end, 令和0年, year 0, month 13, 平成 after its end. */
export const BAD_DATES = ['2026-02-30', '令和0年1月1日', '0000-01-01', '2026-13-01', '平成31年5月1日', 'R8.2.30'];

export const SQL_INJECTION = ["' OR '1'='1' --", "1'; DROP TABLE resident; --", "x' UNION SELECT password_hash FROM staff_user --"];
export const SCRIPT_INJECTION = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)'];

/** Text that no field may store (src/jp validateText): a control character, an unpaired surrogate, a noncharacter, a NUL. */
export const BAD_CHARACTERS: Array<{ name: string; value: string }> = [
  { name: 'control character U+0007', value: '佐藤\u0007花子' },
  { name: 'unpaired surrogate \\uD800', value: '佐藤\uD800花子' },
  { name: 'unpaired low surrogate \\uDC00', value: '\uDC00佐藤' },
  { name: 'noncharacter U+FFFF', value: '佐藤\uFFFF' },
  { name: 'noncharacter U+FDD0', value: '\uFDD0花子' },
  { name: 'NUL', value: '佐藤\u0000花子' },
  { name: 'escape sequence ESC[2J', value: '\u001b[2J佐藤' },
];

/** 1,000,000 characters: under the body limit as JSON, far over any field's length. */
export const HUGE = 'x'.repeat(1_000_000);

/** `[[[…]]]` nested `depth` times, as JSON text (JSON.stringify would recurse as deep). */
export const deepArrays = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
/** `{"a":{"a":…}}` nested `depth` times, as JSON text. */
export const deepObjects = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** Bodies that are not JSON at all, or not quite. */
export const MALFORMED_JSON: Array<{ name: string; text: string }> = [
  { name: 'truncated', text: '{"effectiveDate": "2026-04-01", ' },
  { name: 'single quotes', text: "{'a': 1}" },
  { name: 'trailing comma', text: '{"a": 1,}' },
  { name: 'NaN literal', text: '{"a": NaN}' },
  { name: 'raw control character in a string', text: '{"a": "x\u0001y"}' },
  { name: 'two documents', text: '{"a": 1}{"a": 2}' },
  { name: 'empty body', text: '' },
];

/** Bodies that are JSON but not an object. */
export const NOT_AN_OBJECT = ['[]', 'null', '"string"', '0', 'true', '[{"a": 1}]'];

/** Path segments for an id (already percent-encoded as they go in the URL). */
export const BAD_PATH_IDS: Array<{ name: string; segment: string }> = [
  { name: 'not an id', segment: 'not-an-id' },
  { name: 'NUL', segment: '%00' },
  { name: 'huge number', segment: '9'.repeat(40) },
  { name: 'SQL injection', segment: encodeURIComponent(SQL_INJECTION[0]!) },
  { name: 'encoded traversal', segment: '..%2F..%2Fetc%2Fpasswd' },
  { name: 'broken UTF-8', segment: '%E3%81' },
  { name: 'script', segment: encodeURIComponent(SCRIPT_INJECTION[0]!) },
  { name: 'long', segment: '1'.repeat(5000) },
];

/** Query values for a parameter of each kind (the generic cases pick by the schema). */
export const BAD_INTEGERS = ['abc', '-1', '1.5', '1e309', '9'.repeat(30), '0x10', ''];

/** A random but well-formed id that names nothing. */
export const NOWHERE_UUID = '01890a5d-ac96-774b-bcce-b302099a8057';

/** Invalid UTF-8: a lone continuation byte, an overlong '/', and a UTF-8-encoded surrogate (ED A0 80). */
export const INVALID_UTF8: Array<{ name: string; bytes: number[] }> = [
  { name: 'lone continuation byte', bytes: [0x80] },
  { name: 'overlong slash', bytes: [0xc0, 0xaf] },
  { name: 'encoded surrogate', bytes: [0xed, 0xa0, 0x80] },
  { name: 'byte FF', bytes: [0xff] },
];

/** JSON text with `bytes` in place of the string `"__BYTES__"` inside it. */
export function withRawBytes(json: string, bytes: number[]): Uint8Array {
  const [before, after] = json.split('__BYTES__');
  if (after === undefined) throw new Error('no __BYTES__ in the template');
  const encoder = new TextEncoder();
  return new Uint8Array([...encoder.encode(before), ...bytes, ...encoder.encode(after)]);
}

/** JSON text of `value` with every string `"__RAW:<text>__"` replaced by `<text>` as it stands (numbers JSON.stringify cannot write). */
export function jsonWithRaw(value: unknown): string {
  return JSON.stringify(value).replace(/"__RAW:(.*?)__"/g, (_m, raw: string) => raw);
}
export const raw = (text: string): string => `__RAW:${text}__`;
