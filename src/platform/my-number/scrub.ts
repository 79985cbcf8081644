import { myNumber } from '../../jp/check-digits.ts';

/**
 * Defence in depth behind the rule that 個人番号 is never logged: wherever text leaves the process
 * (log lines, error reports), a 12-digit run that passes the 個人番号 check digit is replaced. The
 * check digit keeps ordinary 12-digit identifiers intact: only about one in ten of them would pass,
 * which is the price of catching a number someone logged by mistake.
 */
export const MY_NUMBER_PLACEHOLDER = '[個人番号]';

const DIGIT = '[0-9\\uFF10-\\uFF19]';
// What people and IMEs put between the 4-4-4 groups: spaces, hyphens and their look-alikes (the
// katakana prolonged sound mark ー is a frequent stand-in for a hyphen in Japanese input).
const SEPARATOR = '[ \\-\\u2010-\\u2015\\u2212\\u30FC\\uFF0D\\u3000]';
// Bounded by non-digits on both sides: a 12-digit window inside a longer run (法人番号, card numbers,
// millisecond timestamps) is not a 個人番号.
const CANDIDATE = new RegExp(`(?<!${DIGIT})${DIGIT}{4}${SEPARATOR}?${DIGIT}{4}${SEPARATOR}?${DIGIT}{4}(?!${DIGIT})`, 'g');
const SEPARATORS = new RegExp(SEPARATOR, 'g');
const FULL_WIDTH_DIGIT = /[\uFF10-\uFF19]/g;
// uuidv7 identifiers end in 12 hex digits, sometimes all decimal; they are ids, not 個人番号.
const UUID_HEAD = /[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-$/;

/** The 12 ASCII digits of a candidate written with full-width digits or group separators. */
const canonical = (candidate: string): string =>
  candidate.replace(SEPARATORS, '').replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

function isMyNumberAt(text: string, candidate: string, offset: number): boolean {
  if (!myNumber.isValid(canonical(candidate))) return false;
  return !(text[offset - 1] === '-' && UUID_HEAD.test(text.slice(Math.max(0, offset - 28), offset)));
}

/** `text` with every valid 個人番号 (ASCII or full-width digits, optionally grouped 4-4-4) replaced by 「[個人番号]」. */
export function scrubMyNumbers(text: string): string {
  return text.replace(CANDIDATE, (candidate: string, offset: number) =>
    isMyNumberAt(text, candidate, offset) ? MY_NUMBER_PLACEHOLDER : candidate,
  );
}

/**
 * scrubMyNumbers for one serialised JSON log line. Inside a string the number is replaced in place;
 * outside one it is part of a number literal (sign, fraction, exponent and all), which is replaced
 * whole by a quoted placeholder so that the line stays valid JSON.
 */
export function scrubJsonLine(line: string): string {
  let out = '';
  let last = 0;
  for (const match of line.matchAll(CANDIDATE)) {
    const offset = match.index;
    const candidate = match[0];
    if (offset < last || !isMyNumberAt(line, candidate, offset)) continue;
    if (insideJsonString(line, offset)) {
      out += line.slice(last, offset) + MY_NUMBER_PLACEHOLDER;
      last = offset + candidate.length;
      continue;
    }
    let from = offset;
    while (from > last && NUMBER_CHAR.test(line[from - 1]!)) from--;
    let to = offset + candidate.length;
    while (to < line.length && NUMBER_CHAR.test(line[to]!)) to++;
    out += `${line.slice(last, from)}"${MY_NUMBER_PLACEHOLDER}"`;
    last = to;
  }
  return out + line.slice(last);
}

// The characters of a JSON number literal.
const NUMBER_CHAR = /[0-9.eE+-]/;

/** Whether position `end` of a JSON text lies inside a string literal (runs only for the rare hit). */
function insideJsonString(json: string, end: number): boolean {
  let inside = false;
  for (let i = 0; i < end; i++) {
    const c = json.charCodeAt(i);
    if (c === 0x5c && inside) i++;
    else if (c === 0x22) inside = !inside;
  }
  return inside;
}
