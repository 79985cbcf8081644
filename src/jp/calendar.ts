/**
 * Closed days and business days of a municipal office, for 納期限 and other deadlines.
 *
 * 国民の祝日 (振替休日 and 国民の休日 included) come from @holiday-jp/holiday_jp, whose data covers
 * 1970–2050; asking outside that range throws rather than pretend a day is open.
 *
 * Closed days of a 地方公共団体: 日曜日・土曜日, 国民の祝日, and the 年末年始 days its 条例 names
 * (地方自治法4条の2①). Virtually every 条例 names 12月29日〜1月3日, the same days as the national
 * government (行政機関の休日に関する法律1条①三), and 地方税法20条の5② moves a 地方税 deadline that
 * falls on 民法142条 holidays, a Saturday or 12月29日〜31日 to the next day (1月1日〜3日 count as
 * customary holidays). Hence 12/29–1/3 are closed here; a municipality with other closed days passes
 * `isExtraClosedDay`. [Statute references from knowledge, RULEBOOK tag S: confirm the local 条例.]
 */
import holidayJp from '@holiday-jp/holiday_jp';
import { addDays, dayOfWeek, lastDayOfMonth, parseIsoDate } from './date.ts';
import { JpInputError } from './result.ts';

const HOLIDAYS = holidayJp.holidays as Readonly<Record<string, { name: string }>>;
const HOLIDAY_KEYS = Object.keys(HOLIDAYS).sort();
const FIRST_YEAR = Number(HOLIDAY_KEYS[0]!.slice(0, 4));
const LAST_YEAR = Number(HOLIDAY_KEYS.at(-1)!.slice(0, 4));

export const HOLIDAY_DATA_RANGE = { from: `${FIRST_YEAR}-01-01`, to: `${LAST_YEAR}-12-31` } as const;

function requireCovered(iso: string): void {
  const { year } = parseIsoDate(iso);
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    throw new JpInputError('calendar.out-of-range', `祝日のデータは${FIRST_YEAR}年〜${LAST_YEAR}年の分だけです（${iso}）`);
  }
}

export interface ClosedDayOptions {
  /** Further closed days of a municipality's 条例 (e.g. a local 休日). */
  isExtraClosedDay?: (iso: string) => boolean;
}

/** 国民の祝日に関する法律 の休日 (祝日, 振替休日, 国民の休日). */
export function isNationalHoliday(iso: string): boolean {
  requireCovered(iso);
  return Object.hasOwn(HOLIDAYS, iso);
}

/** 元日, 振替休日 …; null when not a national holiday. */
export function holidayName(iso: string): string | null {
  requireCovered(iso);
  return Object.hasOwn(HOLIDAYS, iso) ? HOLIDAYS[iso]!.name : null;
}

export const isWeekend = (iso: string): boolean => {
  const d = dayOfWeek(iso);
  return d === 0 || d === 6;
};

/** 年末年始 12月29日〜1月3日. */
export function isYearEndHoliday(iso: string): boolean {
  const { month, day } = parseIsoDate(iso);
  return (month === 12 && day >= 29) || (month === 1 && day <= 3);
}

/** 地方公共団体の休日. */
export const isClosedDay = (iso: string, options: ClosedDayOptions = {}): boolean =>
  isWeekend(iso) || isYearEndHoliday(iso) || isNationalHoliday(iso) || (options.isExtraClosedDay?.(iso) ?? false);

export const isBusinessDay = (iso: string, options: ClosedDayOptions = {}): boolean => !isClosedDay(iso, options);

/**
 * The deadline in effect: `iso` itself when the office is open, otherwise the next open day
 * (地方自治法4条の2④, 地方税法20条の5②). Use it for every 納期限 and 申請期限.
 */
export function businessDayOnOrAfter(iso: string, options: ClosedDayOptions = {}): string {
  let day = iso;
  while (isClosedDay(day, options)) day = addDays(day, 1);
  return day;
}

/** The first open day strictly after `iso`. */
export const nextBusinessDay = (iso: string, options: ClosedDayOptions = {}): string =>
  businessDayOnOrAfter(addDays(iso, 1), options);

/** The last open day on or before `iso` (e.g. a payment that must arrive before a date). */
export function businessDayOnOrBefore(iso: string, options: ClosedDayOptions = {}): string {
  let day = iso;
  while (isClosedDay(day, options)) day = addDays(day, -1);
  return day;
}

/** `n` open days after (n > 0) or before (n < 0) `iso`; `iso` itself need not be open. */
export function addBusinessDays(iso: string, n: number, options: ClosedDayOptions = {}): string {
  if (!Number.isInteger(n)) throw new JpInputError('calendar.days', `営業日数は整数で指定してください（${n}）`);
  let day = iso;
  for (let left = Math.abs(n); left > 0; left--) {
    do day = addDays(day, n > 0 ? 1 : -1);
    while (isClosedDay(day, options));
  }
  return day;
}

/** A 納期限 set as the last day of a month (「各月末日」), moved to the next open day when closed. */
export const monthEndDueDate = (year: number, month: number, options: ClosedDayOptions = {}): string =>
  businessDayOnOrAfter(lastDayOfMonth(year, month), options);
