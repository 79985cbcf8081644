/**
 * The municipality's 外字対応表: which standard character (行政事務標準文字) each of its private-use
 * code points stands for. A UTF-8 CSV with the header `code,character[,note]`, e.g.
 *
 *     code,character,note
 *     U+E000,葛󠄁,葛（MJ000000 相当）
 *
 * The table is checked as a whole and every bad line is reported at once: it is written by hand (or
 * exported from the legacy system's 外字管理) and sent back for correction, and one round trip per
 * mistake would be slow.
 */
import { CsvError, CsvReader } from '../csv.ts';
import type { CsvRecord } from '../csv.ts';
import { describeCodePoints, isIdeographicVariationSelector, isPrivateUse, isVariationSelector, segmentCharacters, validateText } from '../../jp/index.ts';

export interface GaijiMapProblem {
  /** Physical line (1-based) of the table. */
  line: number;
  /** Japanese, starting with 「N行目: 」. */
  message: string;
}

export type GaijiMapResult = { ok: true; map: Map<number, string> } | { ok: false; problems: GaijiMapProblem[] };

const CODE = /^U\+([0-9A-F]{4,6})$/i;
const HAN = /^\p{Script=Han}$/u;
const WHITE_SPACE = /\p{White_Space}/u;
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;

/** `U+E000` for a code point (at least four hex digits, as Unicode writes them). */
export const formatCodePoint = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

export function parseGaijiMap(text: string): GaijiMapResult {
  const problems: GaijiMapProblem[] = [];
  const problem = (line: number, message: string): void => {
    problems.push({ line, message: `${line}行目: ${message}` });
  };
  // A table saved by Excel or Notepad starts with a BOM; it is not part of the header. Line endings
  // are unified first because a hand-edited table often mixes them, which CsvReader (rightly, for
  // data files) refuses.
  const body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let records: CsvRecord[];
  try {
    const reader = new CsvReader();
    records = [...reader.push(body), ...reader.end()];
  } catch (e) {
    if (e instanceof CsvError) {
      problem(e.line, e.message);
      return { ok: false, problems };
    }
    throw e;
  }

  const header = records[0];
  if (header === undefined) {
    problem(1, '見出し行（code,character,note）がありません');
    return { ok: false, problems };
  }
  const names = header.fields.map((f) => (f ?? '').trim().toLowerCase());
  const headerOk = names[0] === 'code' && names[1] === 'character' && (names.length === 2 || (names.length === 3 && names[2] === 'note'));
  if (!headerOk) {
    problem(header.line, `見出し行は code,character または code,character,note にしてください（${header.fields.map((f) => f ?? '').join(',')}）`);
    return { ok: false, problems };
  }

  const map = new Map<number, string>();
  const firstLine = new Map<number, number>();
  for (const { line, fields } of records.slice(1)) {
    // Blank lines (typically at the end of a hand-edited file) carry nothing.
    if (fields.every((f) => f === null || f.trim() === '')) continue;
    if (fields.length > names.length) {
      problem(line, `項目が多すぎます（${fields.length}項目。見出しは${names.length}項目です）`);
      continue;
    }
    const codeText = (fields[0] ?? '').trim();
    const match = CODE.exec(codeText);
    let code: number | undefined;
    if (codeText === '') problem(line, '符号位置（code）が空です');
    else if (!match) problem(line, `符号位置 ${codeText} の形式が正しくありません（U+E000 の形式で書いてください）`);
    else {
      code = parseInt(match[1]!, 16);
      if (!isPrivateUse(code)) {
        problem(line, `符号位置 ${formatCodePoint(code)} は私用領域（外字の領域 U+E000〜U+F8FF など）ではありません`);
        code = undefined;
      } else if (firstLine.has(code)) {
        problem(line, `符号位置 ${formatCodePoint(code)} は${firstLine.get(code)}行目にもあります（1つの外字に対応する文字は1つです）`);
        code = undefined;
      } else firstLine.set(code, line);
    }
    const character = checkCharacter(fields[1] ?? '');
    if (!character.ok) problem(line, character.message);
    else if (code !== undefined) map.set(code, character.value);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, map };
}

/**
 * One standard character: a single grapheme, a base character optionally followed by one
 * ideographic variation selector (行政事務標準文字 names MJ glyphs by IVS). Returned in the form the
 * system stores text (normalizeText), so migrated text compares equal to the same text typed in.
 */
function checkCharacter(raw: string): { ok: true; value: string } | { ok: false; message: string } {
  const bad = (message: string) => ({ ok: false as const, message });
  if (raw === '') return bad('文字（character）が空です');
  // A control character written into a message would garble the screen or the log; the code points say it.
  const shown = INVISIBLE.test(raw) ? `（${describeCodePoints(raw)}）` : `「${raw}」（${describeCodePoints(raw)}）`;
  // validateText's message names the rule (制御文字, 非文字, 対のないサロゲート, 文字に付いていない異体字セレクタ).
  const valid = validateText(raw);
  if (!valid.ok) return bad(`文字 ${shown}: ${valid.message}`);
  if (WHITE_SPACE.test(raw)) return bad(`文字 ${shown} に空白が含まれています`);
  const value = valid.value;
  const cps = Array.from(value, (c) => c.codePointAt(0)!);
  if (cps.some(isPrivateUse)) return bad(`文字 ${shown} が外字（私用領域）です。置き換える先は標準の文字にしてください`);
  if (cps.includes(0xfffd)) return bad(`文字 ${shown} に置換文字（U+FFFD、文字化けの跡）が含まれています`);
  const graphemes = segmentCharacters(value);
  if (graphemes.length > 1) return bad(`文字 ${shown} は${graphemes.length}文字です。1つの外字に対応するのは1文字です`);
  const selectors = cps.filter(isVariationSelector);
  if (selectors.length > 0) {
    if (selectors.length > 1) return bad(`文字 ${shown} に異体字セレクタが${selectors.length}つあります（付けられるのは1つです）`);
    const selector = selectors[0]!;
    if (!isIdeographicVariationSelector(selector)) {
      return bad(`文字 ${shown} の異体字セレクタ ${formatCodePoint(selector)} は使えません（IVS: U+E0100〜U+E01EF を使ってください）`);
    }
    if (cps.length !== 2 || cps[1] !== selector || !HAN.test(String.fromCodePoint(cps[0]!))) {
      return bad(`文字 ${shown}: 異体字セレクタ（IVS）は漢字1字の直後に付けてください`);
    }
  }
  return { ok: true, value };
}
