/**
 * 和暦 (Japanese eras) ↔ ISO dates, and the forms in which eras are printed. Boundaries and
 * offsets: RULEBOOK §19.1. Parsing what staff type is in date-input.ts.
 *
 * Japan used the lunisolar calendar until 明治5年12月2日; the next day was 明治6年1月1日 =
 * 1873-01-01. Earlier dates are not converted at all (an approximate conversion would put a wrong
 * date on a record), so 明治1〜5年 and Western dates before 1873 are rejected with era.lunisolar.
 */
import { daysInMonth, formatIsoDate, isExistingDate, parseIsoDate } from './date.ts';
import { fail, JpInputError, ok } from './result.ts';
import type { Result } from './result.ts';

export type EraName = '明治' | '大正' | '昭和' | '平成' | '令和';

export interface Era {
  readonly name: EraName;
  readonly key: 'meiji' | 'taisho' | 'showa' | 'heisei' | 'reiwa';
  /** 元号コード of numeric date forms (`5080401` = 令和8年4月1日). */
  readonly code: 1 | 2 | 3 | 4 | 5;
  readonly letter: 'M' | 'T' | 'S' | 'H' | 'R';
  /**
   * First day. For 明治 this is the conventional 1868-01-25 (慶応4年1月1日, to which the 改元 of
   * 1868-10-23 was made retroactive), kept for reference only: conversions start at 1873-01-01.
   */
  readonly firstDay: string;
  readonly lastDay: string | null;
  /** Western year = era year + offset. */
  readonly offset: number;
}

export const ERAS: readonly Era[] = [
  { name: '明治', key: 'meiji', code: 1, letter: 'M', firstDay: '1868-01-25', lastDay: '1912-07-29', offset: 1867 },
  { name: '大正', key: 'taisho', code: 2, letter: 'T', firstDay: '1912-07-30', lastDay: '1926-12-24', offset: 1911 },
  { name: '昭和', key: 'showa', code: 3, letter: 'S', firstDay: '1926-12-25', lastDay: '1989-01-07', offset: 1925 },
  { name: '平成', key: 'heisei', code: 4, letter: 'H', firstDay: '1989-01-08', lastDay: '2019-04-30', offset: 1988 },
  { name: '令和', key: 'reiwa', code: 5, letter: 'R', firstDay: '2019-05-01', lastDay: null, offset: 2018 },
];

/** First day of the Gregorian calendar in Japan (明治6年1月1日); nothing earlier is converted. */
export const GREGORIAN_START = '1873-01-01';

export interface JapaneseDate {
  era: EraName;
  year: number;
  month: number;
  day: number;
}

export function eraByName(name: EraName): Era {
  const era = ERAS.find((e) => e.name === name);
  if (!era) throw new JpInputError('era.unknown', `元号「${name}」は扱えません`);
  return era;
}

export const eraByCode = (code: number): Era | undefined => ERAS.find((e) => e.code === code);

export const eraByLetter = (letter: string): Era | undefined => ERAS.find((e) => e.letter === letter.toUpperCase());

const westernLabel = (iso: string): string => {
  const { year, month, day } = parseIsoDate(iso);
  return `${year}年${month}月${day}日`;
};

/** The era in force on an ISO date (1873-01-01 or later). */
export function eraOf(iso: string): Era {
  parseIsoDate(iso);
  if (iso < GREGORIAN_START) {
    throw new JpInputError(
      'era.lunisolar',
      `${westernLabel(iso)}は太陽暦採用（明治6年1月1日＝1873年1月1日）より前のため、和暦に換算できません`,
    );
  }
  let found = ERAS[0]!;
  for (const era of ERAS) if (era.firstDay <= iso) found = era;
  return found;
}

export function toJapaneseDate(iso: string): JapaneseDate {
  const era = eraOf(iso);
  const { year, month, day } = parseIsoDate(iso);
  return { era: era.name, year: year - era.offset, month, day };
}

/** `元年` for year 1 unless `gannen` is false: staff, forms and 戸籍 all write 元年. */
export const formatEraYear = (era: EraName, year: number, gannen = true): string =>
  `${era}${year === 1 && gannen ? '元' : String(year)}年`;

const dateLabel = (era: EraName, year: number, month: number, day: number): string =>
  `${formatEraYear(era, year)}${month}月${day}日`;

/**
 * The ISO date of a 和暦 date, or the precise reason it does not exist: before the era began,
 * after it ended, a day the month does not have, or a lunisolar date.
 */
export function fromJapaneseDate(eraName: EraName, year: number, month: number, day: number): Result<string> {
  const era = ERAS.find((e) => e.name === eraName);
  if (!era) return fail('era.unknown', `元号「${eraName}」は扱えません（明治・大正・昭和・平成・令和）`);
  if (!Number.isInteger(year) || year < 1) {
    return fail('era.year-invalid', `${era.name}の年は1（元年）以上の整数で指定してください`);
  }
  const label = dateLabel(era.name, year, month, day);
  if (era.name === '明治' && year < 6) {
    return fail(
      'era.lunisolar',
      `${label}は太陰太陽暦（旧暦）の日付のため西暦に換算できません（換算できるのは明治6年1月1日＝1873年1月1日以降）`,
    );
  }
  const western = year + era.offset;
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    return fail('era.date-not-exist', `${label}は存在しません（月は1〜12）`);
  }
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(western, month)) {
    return fail('era.date-not-exist', `${label}は存在しません（${month}月は${daysInMonth(western, month)}日まで）`);
  }
  if (!isExistingDate(western, month, day)) return fail('era.date-not-exist', `${label}は存在しません`);
  const iso = formatIsoDate(western, month, day);
  if (iso < era.firstDay) {
    const first = parseIsoDate(era.firstDay);
    return fail('era.date-not-exist', `${label}は存在しません（${era.name}は${first.month}月${first.day}日から）`);
  }
  if (era.lastDay !== null && iso > era.lastDay) {
    const last = toJapaneseDate(era.lastDay);
    return fail(
      'era.date-not-exist',
      `${label}は存在しません（${era.name}は${last.year}年${last.month}月${last.day}日まで）`,
    );
  }
  return ok(iso);
}

/**
 * - `long`: 令和元年5月1日 (screens, notices)
 * - `long-numeric`: 令和1年5月1日 (where a layout forbids 元年)
 * - `kanji`: 令和元年五月一日 (戸籍 and other documents written in 漢数字)
 * - `short`: R1.5.1 · `short-padded`: R01.05.01 (lists, fixed-width fields)
 * - `code`: 5010501 (元号コード + YYMMDD, numeric fields of legacy layouts)
 */
export type JapaneseDateStyle = 'long' | 'long-numeric' | 'kanji' | 'short' | 'short-padded' | 'code';

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function formatJapaneseDate(iso: string, style: JapaneseDateStyle = 'long'): string {
  const { era, year, month, day } = toJapaneseDate(iso);
  const e = eraByName(era);
  switch (style) {
    case 'long':
      return dateLabel(era, year, month, day);
    case 'long-numeric':
      return `${formatEraYear(era, year, false)}${month}月${day}日`;
    case 'kanji':
      return `${era}${year === 1 ? '元' : kanjiNumber(year)}年${kanjiNumber(month)}月${kanjiNumber(day)}日`;
    case 'short':
      return `${e.letter}${year}.${month}.${day}`;
    case 'short-padded':
      return `${e.letter}${pad2(year)}.${pad2(month)}.${pad2(day)}`;
    case 'code':
      if (year > 99) throw new JpInputError('era.year-too-large', `${era}${year}年は7桁の和暦コードで表せません`);
      return `${e.code}${pad2(year)}${pad2(month)}${pad2(day)}`;
  }
}

/** 令和8年4月 (支給月, 対象月 and other month-level dates). */
export function formatJapaneseYearMonth(iso: string): string {
  const { era, year, month } = toJapaneseDate(iso);
  return `${formatEraYear(era, year)}${month}月`;
}

const KANJI_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–9999 in the 十/百/千 form used in 戸籍 (三十一, 二千二十六). */
export function kanjiNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 9999) throw new JpInputError('era.kanji-range', `${n}は漢数字（1〜9999）にできません`);
  let out = '';
  for (const [unit, mark] of [[1000, '千'], [100, '百'], [10, '十']] as const) {
    const d = Math.floor(n / unit) % 10;
    if (d > 0) out += (d === 1 ? '' : KANJI_DIGITS[d]!) + mark;
  }
  return out + (n % 10 > 0 ? KANJI_DIGITS[n % 10]! : '');
}
