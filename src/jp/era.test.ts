import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromDayNumber, toDayNumber } from './date.ts';
import { eraOf, formatJapaneseDate, formatJapaneseYearMonth, fromJapaneseDate, kanjiNumber, toJapaneseDate } from './era.ts';
import type { EraName, JapaneseDateStyle } from './era.ts';
import { JpInputError } from './result.ts';

describe('toJapaneseDate at every era boundary (RULEBOOK §19.1)', () => {
  it.each([
    ['1873-01-01', '明治6年1月1日'],
    ['1912-07-29', '明治45年7月29日'],
    ['1912-07-30', '大正元年7月30日'],
    ['1926-12-24', '大正15年12月24日'],
    ['1926-12-25', '昭和元年12月25日'],
    ['1989-01-07', '昭和64年1月7日'],
    ['1989-01-08', '平成元年1月8日'],
    ['2019-04-30', '平成31年4月30日'],
    ['2019-05-01', '令和元年5月1日'],
    ['2020-01-01', '令和2年1月1日'],
    ['2026-04-01', '令和8年4月1日'],
    ['2099-12-31', '令和81年12月31日'],
  ])('%s is %s', (iso, expected) => {
    expect(formatJapaneseDate(iso)).toBe(expected);
  });

  it('gives era, year, month and day', () => {
    expect(toJapaneseDate('2019-05-01')).toEqual({ era: '令和', year: 1, month: 5, day: 1 });
    expect(eraOf('1989-01-08').code).toBe(4);
  });

  it('refuses lunisolar dates before 1873-01-01 instead of converting them', () => {
    for (const iso of ['1872-12-31', '1868-10-23', '1800-01-01']) {
      expect(() => toJapaneseDate(iso)).toThrow(JpInputError);
      try {
        toJapaneseDate(iso);
      } catch (e) {
        expect((e as JpInputError).code).toBe('era.lunisolar');
        expect((e as JpInputError).message).toMatch(/和暦に換算できません/);
      }
    }
  });
});

describe('formatJapaneseDate styles', () => {
  it.each<[string, JapaneseDateStyle, string]>([
    ['2019-05-01', 'long', '令和元年5月1日'],
    ['2019-05-01', 'long-numeric', '令和1年5月1日'],
    ['2019-05-01', 'kanji', '令和元年五月一日'],
    ['2019-12-31', 'kanji', '令和元年十二月三十一日'],
    ['2026-04-01', 'kanji', '令和八年四月一日'],
    ['1989-01-07', 'kanji', '昭和六十四年一月七日'],
    ['2026-04-01', 'short', 'R8.4.1'],
    ['2026-04-01', 'short-padded', 'R08.04.01'],
    ['2019-04-30', 'short', 'H31.4.30'],
    ['2026-04-01', 'code', '5080401'],
    ['1989-01-07', 'code', '3640107'],
    ['1912-07-30', 'code', '2010730'],
  ])('%s as %s is %s', (iso, style, expected) => {
    expect(formatJapaneseDate(iso, style)).toBe(expected);
  });

  it('formats year-month with 元年', () => {
    expect(formatJapaneseYearMonth('2019-06-10')).toBe('令和元年6月');
    expect(formatJapaneseYearMonth('2026-10-01')).toBe('令和8年10月');
  });

  it('writes kanji numerals as in 戸籍', () => {
    expect([1, 10, 11, 20, 31, 64, 100, 2026].map(kanjiNumber)).toEqual(['一', '十', '十一', '二十', '三十一', '六十四', '百', '二千二十六']);
  });
});

describe('fromJapaneseDate rejects dates that do not exist, saying why', () => {
  it.each<[EraName, number, number, number, string, string]>([
    ['令和', 1, 4, 30, 'era.date-not-exist', '令和元年4月30日は存在しません（令和は5月1日から）'],
    ['平成', 31, 5, 1, 'era.date-not-exist', '平成31年5月1日は存在しません（平成は31年4月30日まで）'],
    ['平成', 32, 1, 1, 'era.date-not-exist', '平成32年1月1日は存在しません（平成は31年4月30日まで）'],
    ['平成', 1, 1, 7, 'era.date-not-exist', '平成元年1月7日は存在しません（平成は1月8日から）'],
    ['昭和', 64, 1, 8, 'era.date-not-exist', '昭和64年1月8日は存在しません（昭和は64年1月7日まで）'],
    ['昭和', 1, 12, 24, 'era.date-not-exist', '昭和元年12月24日は存在しません（昭和は12月25日から）'],
    ['大正', 1, 7, 29, 'era.date-not-exist', '大正元年7月29日は存在しません（大正は7月30日から）'],
    ['明治', 45, 7, 30, 'era.date-not-exist', '明治45年7月30日は存在しません（明治は45年7月29日まで）'],
    ['令和', 8, 2, 30, 'era.date-not-exist', '令和8年2月30日は存在しません（2月は28日まで）'],
    ['令和', 7, 2, 29, 'era.date-not-exist', '令和7年2月29日は存在しません（2月は28日まで）'],
    ['令和', 8, 4, 31, 'era.date-not-exist', '令和8年4月31日は存在しません（4月は30日まで）'],
    ['令和', 8, 13, 1, 'era.date-not-exist', '令和8年13月1日は存在しません（月は1〜12）'],
    ['令和', 8, 1, 0, 'era.date-not-exist', '令和8年1月0日は存在しません（1月は31日まで）'],
    ['令和', 0, 1, 1, 'era.year-invalid', '令和の年は1（元年）以上の整数で指定してください'],
    [
      '明治',
      5,
      12,
      2,
      'era.lunisolar',
      '明治5年12月2日は太陰太陽暦（旧暦）の日付のため西暦に換算できません（換算できるのは明治6年1月1日＝1873年1月1日以降）',
    ],
  ])('%s%d年%d月%d日 → %s', (era, year, month, day, code, message) => {
    expect(fromJapaneseDate(era, year, month, day)).toEqual({ ok: false, code, message });
  });

  it.each<[EraName, number, number, number, string]>([
    ['令和', 6, 2, 29, '2024-02-29'],
    ['平成', 12, 2, 29, '2000-02-29'],
    ['令和', 1, 5, 1, '2019-05-01'],
    ['平成', 31, 4, 30, '2019-04-30'],
    ['明治', 6, 1, 1, '1873-01-01'],
  ])('%s%d年%d月%d日 is %s', (era, year, month, day, iso) => {
    expect(fromJapaneseDate(era, year, month, day)).toEqual({ ok: true, value: iso });
  });

  it('has no 1900-02-29 (明治33年, not a leap year)', () => {
    expect(fromJapaneseDate('明治', 33, 2, 29).ok).toBe(false);
  });
});

describe('Western → 和暦 → Western is the identity', () => {
  it('for every day from 1873-01-01 to 2099-12-31', () => {
    const last = toDayNumber('2099-12-31');
    let checked = 0;
    for (let n = toDayNumber('1873-01-01'); n <= last; n++) {
      const iso = fromDayNumber(n);
      const j = toJapaneseDate(iso);
      const back = fromJapaneseDate(j.era, j.year, j.month, j.day);
      if (!back.ok || back.value !== iso) throw new Error(`${iso} → ${JSON.stringify(j)} → ${JSON.stringify(back)}`);
      checked++;
    }
    expect(checked).toBe(82_910); // 227 years
  });

  it('for random dates (fast-check)', () => {
    const first = toDayNumber('1873-01-01');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: toDayNumber('2099-12-31') - first }), (offset) => {
        const iso = addDays('1873-01-01', offset);
        const j = toJapaneseDate(iso);
        expect(fromJapaneseDate(j.era, j.year, j.month, j.day)).toEqual({ ok: true, value: iso });
      }),
    );
  });
});
