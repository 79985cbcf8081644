/**
 * ISO calendar dates (`YYYY-MM-DD`), the only date form inside the system. Arithmetic goes through a
 * day number, not through `Date`, so no time zone or DST can shift a day. Proleptic Gregorian, years
 * 0001–9999.
 */
import { JpInputError } from './result.ts';

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export const isLeapYear = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export const isExistingDate = (year: number, month: number, day: number): boolean =>
  Number.isInteger(year) &&
  Number.isInteger(month) &&
  Number.isInteger(day) &&
  year >= 1 &&
  year <= 9999 &&
  month >= 1 &&
  month <= 12 &&
  day >= 1 &&
  day <= daysInMonth(year, month);

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a `YYYY-MM-DD` string naming a day that exists. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  return m !== null && isExistingDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

export function parseIsoDate(iso: string): CivilDate {
  const m = ISO_DATE.exec(iso);
  const date = m && { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (!date || !isExistingDate(date.year, date.month, date.day)) {
    throw new JpInputError('date.invalid', `日付「${iso}」はYYYY-MM-DD形式の実在する日付ではありません`);
  }
  return date;
}

export function formatIsoDate(year: number, month: number, day: number): string {
  if (!isExistingDate(year, month, day)) {
    throw new JpInputError('date.not-exist', `${year}年${month}月${day}日は存在しません`);
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// Days since 1970-01-01 (H. Hinnant's days_from_civil), exact for the whole proleptic calendar.
export function toDayNumber(iso: string): number {
  const { year, month, day } = parseIsoDate(iso);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(dayNumber: number): string {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return formatIsoDate(year, month, day);
}

export const addDays = (iso: string, days: number): string => fromDayNumber(toDayNumber(iso) + days);

/** Days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (from: string, to: string): number => toDayNumber(to) - toDayNumber(from);

/**
 * Same day `months` later; when that month has no such day, its last day. This is how 民法143条②
 * ends a period counted in months ("その末日に満了する"), e.g. 1月31日 + 1か月 → 2月28日/29日.
 */
export function addMonths(iso: string, months: number): string {
  const { year, month, day } = parseIsoDate(iso);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatIsoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

export const addYears = (iso: string, years: number): string => addMonths(iso, years * 12);

/** 0 = Sunday … 6 = Saturday. */
export const dayOfWeek = (iso: string): number => (((toDayNumber(iso) + 4) % 7) + 7) % 7;

export function lastDayOfMonth(year: number, month: number): string {
  return formatIsoDate(year, month, daysInMonth(year, month));
}

export function endOfMonth(iso: string): string {
  const { year, month } = parseIsoDate(iso);
  return lastDayOfMonth(year, month);
}

export const isEndOfMonth = (iso: string): boolean => endOfMonth(iso) === iso;

const JAPAN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Japan (YYYY-MM-DD): business dates follow Japan's calendar whatever the server's time zone. */
export const todayInJapan = (now: Date = new Date()): string => JAPAN_DAY.format(now);
