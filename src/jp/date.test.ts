import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  dayOfWeek,
  daysBetween,
  endOfMonth,
  fromDayNumber,
  isEndOfMonth,
  isIsoDate,
  lastDayOfMonth,
  parseIsoDate,
  toDayNumber,
} from './date.ts';
import { JpInputError } from './result.ts';

describe('ISO dates', () => {
  it.each([
    ['2026-04-01', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['2026-4-1', false],
    ['2026-04-31', false],
    ['20260401', false],
    ['0000-01-01', false],
  ])('%s valid: %s', (iso, valid) => {
    expect(isIsoDate(iso)).toBe(valid);
  });

  it('refuses what is not a date', () => {
    expect(() => parseIsoDate('2026-02-30')).toThrow(JpInputError);
  });

  it('counts days without time zones', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(-1)).toBe('1969-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-04-01', '2027-04-01')).toBe(365);
    expect(dayOfWeek('2026-04-01')).toBe(3);
    expect(dayOfWeek('1873-01-01')).toBe(3);
  });

  it('adds months ending at the month end (民法143条②)', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(endOfMonth('2028-02-10')).toBe('2028-02-29');
    expect(lastDayOfMonth(2026, 4)).toBe('2026-04-30');
    expect(isEndOfMonth('2026-04-30')).toBe(true);
  });

  it('day numbers round-trip and agree with Date (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), (n) => {
        const iso = fromDayNumber(n);
        expect(toDayNumber(iso)).toBe(n);
        expect(new Date(n * 86_400_000).toISOString().slice(0, 10)).toBe(iso);
      }),
    );
  });
});
