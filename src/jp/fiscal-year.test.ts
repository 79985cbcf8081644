import { describe, expect, it } from 'vitest';
import {
  fiscalYearEnd,
  fiscalYearOf,
  fiscalYearStart,
  formatFiscalYear,
  parseFiscalYear,
  toJapaneseFiscalYear,
} from './fiscal-year.ts';

describe('fiscal year (年度)', () => {
  it.each([
    ['2026-03-31', 2025],
    ['2026-04-01', 2026],
    ['2026-12-31', 2026],
    ['2027-01-01', 2026],
  ])('%s is in 年度 %d', (iso, fy) => {
    expect(fiscalYearOf(iso)).toBe(fy);
  });

  it('starts on 4/1 and ends on 3/31', () => {
    expect([fiscalYearStart(2026), fiscalYearEnd(2026)]).toEqual(['2026-04-01', '2027-03-31']);
  });

  it.each([
    [2026, '令和8年度', 'R8年度'],
    [2019, '令和元年度', 'R1年度'],
    [2018, '平成30年度', 'H30年度'],
    [1989, '平成元年度', 'H1年度'],
    [1988, '昭和63年度', 'S63年度'],
    [1926, '昭和元年度', 'S1年度'],
  ])('%d is %s', (fy, long, short) => {
    expect(formatFiscalYear(fy)).toBe(long);
    expect(formatFiscalYear(fy, 'short')).toBe(short);
  });

  it.each([
    ['令和8年度', 2026],
    ['令和８年度', 2026],
    ['R8', 2026],
    ['r8年度', 2026],
    ['令和元年度', 2019],
    ['平成31年度', 2019],
    ['H31', 2019],
    ['昭和63年度', 1988],
    ['2026年度', 2026],
    ['２０２６', 2026],
  ])('parses %s as %d', (input, fy) => {
    expect(parseFiscalYear(input)).toEqual({ ok: true, value: fy });
  });

  it.each([
    ['昭和64年度', 'fiscal-year.not-exist', '昭和64年度は存在しません（昭和は63年度まで）'],
    ['平成32年度', 'fiscal-year.not-exist', '平成32年度は存在しません（平成は31年度まで）'],
    ['令和0年度', 'fiscal-year.out-of-range', '令和の年度は元年度以降で指定してください'],
    ['来年度', 'fiscal-year.format', '年度の形式が正しくありません（例：令和8年度、R8、2026年度）'],
    ['', 'fiscal-year.empty', '年度が入力されていません'],
  ])('refuses %s', (input, code, message) => {
    expect(parseFiscalYear(input)).toEqual({ ok: false, code, message });
  });

  it('reads back what it writes for every 年度 1873–2099', () => {
    for (let fy = 1873; fy <= 2099; fy++) {
      expect(parseFiscalYear(formatFiscalYear(fy))).toEqual({ ok: true, value: fy });
      expect(parseFiscalYear(formatFiscalYear(fy, 'short'))).toEqual({ ok: true, value: fy });
    }
    expect(toJapaneseFiscalYear(2019)).toEqual({ era: '令和', year: 1 });
  });
});
