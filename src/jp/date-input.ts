/**
 * Dates as staff type them, to ISO. Accepted (full-width digits and letters, ㍻-style squared era
 * names and spaces are all fine):
 *   令和8年4月1日 · 令和元年5月1日 · 令8.4.1 · R8.4.1 · R08/04/01 · r8-4-1 · H31.4.30 · R080401
 *   5080401 (元号コード 1=明治 … 5=令和 + YYMMDD) · 令和八年四月一日 (漢数字)
 * and, in parseDateInput only, Western dates: 2026-04-01 · 2026/4/1 · 2026年4月1日 · 20260401.
 */
import { daysInMonth, formatIsoDate, isExistingDate } from './date.ts';
import { eraByCode, eraByLetter, ERAS, fromJapaneseDate } from './era.ts';
import type { EraName } from './era.ts';
import { fail } from './result.ts';
import type { Result } from './result.ts';

const ERA_TOKEN = '明治|大正|昭和|平成|令和|[明大昭平令MTSHR]';
const NUM = '(\\d{1,3}|元)';
const SEP_OR = (kanji: string): string => `(?:[./\\-・]|${kanji})`;

const ERA_DATE = new RegExp(`^(${ERA_TOKEN})${NUM}${SEP_OR('年')}(\\d{1,2})${SEP_OR('月')}(\\d{1,2})日?$`);
const ERA_COMPACT = new RegExp(`^(${ERA_TOKEN})(\\d{2})(\\d{2})(\\d{2})$`);
const ERA_CODE = /^(\d)(\d{2})(\d{2})(\d{2})$/;
const WESTERN = [/^(\d{4})[./-](\d{1,2})[./-](\d{1,2})$/, /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/, /^(\d{4})(\d{2})(\d{2})$/];

const FORMAT_HINT = '例：令和8年4月1日、R8.4.1、R08/04/01、5080401';

function eraFromToken(token: string): EraName {
  const letter = eraByLetter(token);
  if (letter) return letter.name;
  return ERAS.find((e) => e.name === token || e.name[0] === token)!.name;
}

const KANJI_VALUE: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

// 三十一 (additive) and 二〇二六 (positional) both occur in copied text.
function kanjiToArabic(run: string): string {
  if (!/[十百千]/.test(run)) return [...run].map((c) => KANJI_VALUE[c]).join('');
  let total = 0;
  let digit = 0;
  for (const c of run) {
    const unit = c === '千' ? 1000 : c === '百' ? 100 : c === '十' ? 10 : 0;
    if (unit === 0) digit = KANJI_VALUE[c]!;
    else {
      total += (digit || 1) * unit;
      digit = 0;
    }
  }
  return String(total + digit);
}

function normalizeInput(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[〇零一二三四五六七八九十百千]+/g, kanjiToArabic)
    .replace(/[‐－―−ー]/g, '-')
    .toUpperCase();
}

function eraResult(token: string, year: string, month: string, day: string): Result<string> {
  return fromJapaneseDate(eraFromToken(token), year === '元' ? 1 : Number(year), Number(month), Number(day));
}

function unknownEra(text: string): Result<string> | null {
  const code = /^(\d)\d{6}$/.exec(text);
  if (code && !eraByCode(Number(code[1]))) {
    return fail('era.unknown', `元号コード「${code[1]}」は使用できません（1=明治、2=大正、3=昭和、4=平成、5=令和）`);
  }
  const letter = /^([A-Z])(?:\d|元)/.exec(text);
  if (letter && !eraByLetter(letter[1]!)) {
    return fail('era.unknown', `元号の略号「${letter[1]}」は使用できません（M・T・S・H・R）`);
  }
  return null;
}

/** A 和暦 date as typed, to ISO; a Western date is refused here (see parseDateInput). */
export function parseJapaneseDate(input: string): Result<string> {
  const text = normalizeInput(input);
  if (text === '') return fail('date.empty', '日付が入力されていません');
  const m = ERA_DATE.exec(text) ?? ERA_COMPACT.exec(text);
  if (m) return eraResult(m[1]!, m[2]!, m[3]!, m[4]!);
  const c = ERA_CODE.exec(text);
  if (c && eraByCode(Number(c[1]))) return fromJapaneseDate(eraByCode(Number(c[1]))!.name, Number(c[2]), Number(c[3]), Number(c[4]));
  return unknownEra(text) ?? fail('date.format', `和暦の日付の形式が正しくありません（${FORMAT_HINT}）`);
}

/** A date as typed, 和暦 or Western, to ISO. Eight digits are read as YYYYMMDD, seven as 元号コード+YYMMDD. */
export function parseDateInput(input: string): Result<string> {
  const text = normalizeInput(input);
  for (const pattern of WESTERN) {
    const m = pattern.exec(text);
    if (!m) continue;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (year < 1) return fail('date.not-exist', `${year}年は扱えません`);
    if (month < 1 || month > 12) return fail('date.not-exist', `${year}年${month}月${day}日は存在しません（月は1〜12）`);
    if (!isExistingDate(year, month, day)) {
      return fail('date.not-exist', `${year}年${month}月${day}日は存在しません（${month}月は${daysInMonth(year, month)}日まで）`);
    }
    return { ok: true, value: formatIsoDate(year, month, day) };
  }
  const era = parseJapaneseDate(input);
  if (!era.ok && era.code === 'date.format') {
    return fail('date.format', `日付の形式が正しくありません（${FORMAT_HINT}、2026-04-01）`);
  }
  return era;
}
