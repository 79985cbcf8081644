import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ageOn,
  birthdayOfAge,
  dateOfReachingAge,
  firstMarch31OnOrAfterReachingAge,
  nurseryClassAge,
  schoolEntryDate,
  schoolGrade,
  schoolGradeLabel,
} from './age.ts';
import { addDays, toDayNumber } from './date.ts';
import { JpInputError } from './result.ts';

describe('dateOfReachingAge (年齢計算ニ関スル法律: the day before the birthday)', () => {
  it.each([
    ['2000-04-02', 6, '2006-04-01'],
    ['2000-04-01', 6, '2006-03-31'],
    ['2000-01-01', 20, '2019-12-31'],
    ['2000-03-01', 1, '2001-02-28'],
    ['2001-03-01', 3, '2004-02-29'],
    // 29 February births reach every age on 28 February, in leap years too (民法143条②)
    ['2000-02-29', 1, '2001-02-28'],
    ['2000-02-29', 4, '2004-02-28'],
    ['2000-02-29', 100, '2100-02-28'],
    ['1960-02-29', 65, '2025-02-28'],
  ])('born %s reaches %d on %s', (birth, age, expected) => {
    expect(dateOfReachingAge(birth, age)).toBe(expected);
  });

  it('refuses an age that is not a positive integer', () => {
    expect(() => dateOfReachingAge('2000-01-01', 0)).toThrow(JpInputError);
    expect(() => dateOfReachingAge('2000-01-01', 1.5)).toThrow(JpInputError);
  });
});

describe('ageOn', () => {
  it.each([
    ['2000-04-02', '2006-03-31', 5],
    ['2000-04-02', '2006-04-01', 6],
    ['2000-04-02', '2006-04-02', 6],
    ['2000-04-01', '2006-03-31', 6],
    ['2000-02-29', '2001-02-27', 0],
    ['2000-02-29', '2001-02-28', 1],
    ['2000-02-29', '2004-02-27', 3],
    ['2000-02-29', '2004-02-28', 4],
    ['2000-02-29', '2004-02-29', 4],
    ['2026-04-01', '2026-04-01', 0],
    ['2000-01-01', '2019-12-30', 19],
    ['2000-01-01', '2019-12-31', 20],
    ['1951-04-10', '2026-04-09', 75],
    // 選挙権: 18th birthday the day after the 投票日 → already 18 on the 投票日
    ['2008-07-21', '2026-07-20', 18],
    ['2008-07-22', '2026-07-20', 17],
  ])('born %s is %d on %s', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });

  it('refuses a date before the birth', () => {
    expect(() => ageOn('2026-04-02', '2026-04-01')).toThrow(/生年月日/);
  });

  it('agrees with dateOfReachingAge for every birth and age (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: 1, max: 110 }), (offset, n) => {
        const birth = addDays('1900-01-01', offset);
        const reached = dateOfReachingAge(birth, n);
        expect(ageOn(birth, reached)).toBe(n);
        expect(ageOn(birth, addDays(reached, -1))).toBe(n - 1);
      }),
    );
  });

  it('never decreases as the date advances (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 0, max: 400 }), (b, d, step) => {
        const birth = addDays('1920-01-01', b);
        const on = addDays(birth, d);
        expect(ageOn(birth, addDays(on, step))).toBeGreaterThanOrEqual(ageOn(birth, on));
      }),
    );
  });
});

describe('birthdayOfAge (rules that start on the birthday, e.g. 後期高齢者医療 at 75)', () => {
  it.each([
    ['1951-04-10', 75, '2026-04-10'],
    ['1952-02-29', 75, '2027-03-01'],
    ['1948-02-29', 80, '2028-02-29'],
  ])('born %s: %d-th birthday %s', (birth, age, expected) => {
    expect(birthdayOfAge(birth, age)).toBe(expected);
  });
});

describe('firstMarch31OnOrAfterReachingAge (児童手当・児童扶養手当 18, 未就学児 6, 第3子 22)', () => {
  it.each([
    ['2008-04-01', 18, '2026-03-31'],
    ['2008-04-02', 18, '2027-03-31'],
    ['2008-03-31', 18, '2026-03-31'],
    ['2008-01-01', 18, '2026-03-31'],
    ['2007-12-31', 18, '2026-03-31'],
    ['2007-04-01', 18, '2025-03-31'],
    ['2020-04-01', 6, '2026-03-31'],
    ['2020-04-02', 6, '2027-03-31'],
    ['2020-02-29', 6, '2026-03-31'],
    ['2004-01-15', 22, '2026-03-31'],
    ['2004-04-02', 22, '2027-03-31'],
  ])('born %s, age %d → %s', (birth, age, expected) => {
    expect(firstMarch31OnOrAfterReachingAge(birth, age)).toBe(expected);
  });
});

describe('school years (学校教育法17条: 4/2〜4/1 births form one grade)', () => {
  it.each([
    ['2019-04-01', '2025-04-01'],
    ['2019-04-02', '2026-04-01'],
    ['2019-12-31', '2026-04-01'],
    ['2020-02-29', '2026-04-01'],
    ['2020-03-31', '2026-04-01'],
    ['2020-04-01', '2026-04-01'],
    ['2020-04-02', '2027-04-01'],
  ])('born %s enters 小学校 on %s', (birth, entry) => {
    expect(schoolEntryDate(birth)).toBe(entry);
  });

  it.each([
    ['2019-04-02', '2026-04-01', 1, '小1'],
    ['2019-04-01', '2026-04-01', 2, '小2'],
    ['2019-04-02', '2026-03-31', 0, '5歳児'],
    ['2020-04-01', '2026-04-01', 1, '小1'],
    ['2013-04-02', '2026-04-01', 7, '中1'],
    ['2011-04-02', '2027-03-31', 9, '中3'],
    ['2008-04-02', '2026-04-01', 12, '高3'],
    ['2008-04-01', '2026-04-01', 13, null],
    ['2025-04-02', '2026-06-01', -5, '0歳児'],
    ['2025-04-02', '2025-06-01', -6, null],
  ])('born %s on %s is grade %d (%s)', (birth, on, grade, label) => {
    expect(schoolGrade(birth, on)).toBe(grade);
    expect(schoolGradeLabel(grade)).toBe(label);
  });

  it('puts every birth from 4/2 to the next 4/1 in one grade (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1950, max: 2080 }), fc.integer({ min: 0, max: 365 }), (year, offset) => {
        const first = `${year}-04-02`;
        const span = toDayNumber(`${year + 1}-04-01`) - toDayNumber(first);
        const birth = addDays(first, Math.min(offset, span));
        expect(schoolEntryDate(birth)).toBe(`${year + 7}-04-01`);
      }),
    );
  });
});

describe('nurseryClassAge (N歳児クラス = 満年齢 on the day before the 年度)', () => {
  it.each([
    ['2020-04-02', 2026, 5],
    ['2020-04-01', 2026, 6],
    ['2024-04-01', 2025, 1],
    ['2024-04-02', 2025, 0],
    ['2025-06-01', 2025, 0],
  ])('born %s in 年度 %d: %d歳児', (birth, fy, age) => {
    expect(nurseryClassAge(birth, fy)).toBe(age);
  });

  it('equals schoolGrade + 5 before school (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 5 }), (offset, years) => {
        const birth = addDays('1990-01-01', offset);
        const fy = Number(schoolEntryDate(birth).slice(0, 4)) - 1 - years;
        expect(nurseryClassAge(birth, fy)).toBe(Math.max(0, schoolGrade(birth, `${fy}-04-01`) + 5));
      }),
    );
  });
});
