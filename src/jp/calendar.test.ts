import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  businessDayOnOrAfter,
  businessDayOnOrBefore,
  HOLIDAY_DATA_RANGE,
  holidayName,
  isBusinessDay,
  isClosedDay,
  isNationalHoliday,
  isWeekend,
  isYearEndHoliday,
  monthEndDueDate,
  nextBusinessDay,
} from './calendar.ts';
import { JpInputError } from './result.ts';

describe('national holidays (@holiday-jp/holiday_jp)', () => {
  it.each([
    ['2026-01-01', '元日'],
    ['2026-05-06', 'こどもの日 振替休日'],
    ['2026-09-22', '休日'],
    ['2019-05-01', '休日（祝日扱い）'],
    ['2026-04-01', null],
  ])('%s: %s', (iso, name) => {
    expect(holidayName(iso)).toBe(name);
    expect(isNationalHoliday(iso)).toBe(name !== null);
  });

  it('refuses dates outside its data rather than guess', () => {
    expect(HOLIDAY_DATA_RANGE).toEqual({ from: '1970-01-01', to: '2050-12-31' });
    expect(() => isNationalHoliday('1969-12-31')).toThrow(JpInputError);
    expect(() => isClosedDay('2051-06-01')).toThrow(/2050年/); // a Thursday: open unless a holiday
    expect(isClosedDay('2051-01-02')).toBe(true); // 年末年始 needs no holiday data
  });
});

describe('closed days of a municipal office', () => {
  it.each([
    ['2026-04-01', false], // Wednesday
    ['2026-04-04', true], // Saturday
    ['2026-04-05', true], // Sunday
    ['2026-04-29', true], // 昭和の日
    ['2026-12-28', false],
    ['2026-12-29', true], // 年末年始 (地方自治法4条の2, 条例)
    ['2026-12-31', true],
    ['2027-01-02', true],
    ['2027-01-03', true],
    ['2027-01-04', false],
  ])('%s closed: %s', (iso, closed) => {
    expect(isClosedDay(iso)).toBe(closed);
    expect(isBusinessDay(iso)).toBe(!closed);
  });

  it('knows weekends and 年末年始 on their own', () => {
    expect(isWeekend('2026-04-04')).toBe(true);
    expect(isWeekend('2026-04-03')).toBe(false);
    expect(['12-28', '12-29', '01-03', '01-04'].map((md) => isYearEndHoliday(`2026-${md}`))).toEqual([false, true, true, false]);
  });

  it('takes further closed days from the 条例', () => {
    const founding = (iso: string): boolean => iso.slice(5) === '04-01';
    expect(isClosedDay('2026-04-01', { isExtraClosedDay: founding })).toBe(true);
    expect(businessDayOnOrAfter('2026-04-01', { isExtraClosedDay: founding })).toBe('2026-04-02');
  });
});

describe('納期限 on a closed day moves to the next business day (地方税法20条の5②)', () => {
  it.each([
    ['2026-04-01', '2026-04-01'], // open: unchanged
    ['2026-04-04', '2026-04-06'], // Saturday → Monday
    ['2026-05-02', '2026-05-07'], // Golden Week: 5/3 Sun, 5/4, 5/5, 5/6 振替休日
    ['2026-09-19', '2026-09-24'], // Silver Week: 9/21 敬老の日, 9/22 休日, 9/23 秋分の日
    ['2026-12-29', '2027-01-04'], // 年末年始
    ['2025-12-31', '2026-01-05'], // 1/3 Saturday, 1/4 Sunday
  ])('%s → %s', (due, effective) => {
    expect(businessDayOnOrAfter(due)).toBe(effective);
  });

  it('handles month-end due dates (各月末日)', () => {
    expect(monthEndDueDate(2026, 5)).toBe('2026-06-01'); // 5/31 is a Sunday
    expect(monthEndDueDate(2026, 6)).toBe('2026-06-30');
    expect(monthEndDueDate(2026, 12)).toBe('2027-01-04');
    expect(monthEndDueDate(2028, 2)).toBe('2028-02-29');
  });
});

describe('business-day arithmetic', () => {
  it('moves strictly forward, backward and by n days', () => {
    expect(nextBusinessDay('2026-04-01')).toBe('2026-04-02');
    expect(nextBusinessDay('2026-04-03')).toBe('2026-04-06');
    expect(businessDayOnOrBefore('2026-05-06')).toBe('2026-05-01');
    expect(businessDayOnOrBefore('2027-01-03')).toBe('2026-12-28');
    expect(addBusinessDays('2026-04-30', 1)).toBe('2026-05-01');
    expect(addBusinessDays('2026-04-30', 2)).toBe('2026-05-07');
    expect(addBusinessDays('2026-05-07', -2)).toBe('2026-04-30');
    expect(addBusinessDays('2026-05-03', 0)).toBe('2026-05-03');
    expect(() => addBusinessDays('2026-05-03', 0.5)).toThrow(JpInputError);
  });
});
