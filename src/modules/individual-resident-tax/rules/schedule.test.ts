import { describe, expect, it } from 'vitest';
import { isBusinessDay } from '../../../jp/index.ts';
import { ordinaryCollection, pensionSpecialCollection, salarySpecialCollection } from './schedule.ts';

describe('collection schedules (RULEBOOK §1.9), hand-derived', () => {
  it('普通徴収 FY2026: month ends of 6・8・10・翌1月, moved to the next business day', () => {
    const s = ordinaryCollection(2026, 194_500);
    // 2026-10-31 is a Saturday, 2027-01-31 a Sunday.
    expect(s.map((i) => i.dueDate)).toEqual(['2026-06-30', '2026-08-31', '2026-11-02', '2027-02-01']);
    for (const i of s) expect(isBusinessDay(i.dueDate)).toBe(true);
  });
  it('普通徴収 months are configurable per tenant', () => {
    expect(ordinaryCollection(2026, 40_000, [6, 7, 9, 12]).map((i) => i.month)).toEqual(['2026-06', '2026-07', '2026-09', '2026-12']);
  });
  it('給与特別徴収 runs June–May, remitted by the 10th of the next month', () => {
    const s = salarySpecialCollection(2026, 120_000);
    expect(s.map((i) => i.month)).toEqual(['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05']);
    expect(s[0]?.dueDate).toBe('2026-07-10');
    for (const i of s) expect(isBusinessDay(i.dueDate)).toBe(true);
  });
  it('年金特徴 continuing: 仮徴収 = 前年度×1/2÷3 (4・6・8月), 本徴収 = rest ÷3 (10・12・2月)', () => {
    const p = pensionSpecialCollection(2026, 72_000, 60_000);
    expect(p.provisional.map((i) => [i.month, i.amount])).toEqual([['2026-04', 10_000], ['2026-06', 10_000], ['2026-08', 10_000]]);
    expect(p.main.map((i) => [i.month, i.amount])).toEqual([['2026-10', 14_000], ['2026-12', 14_000], ['2027-02', 14_000]]);
  });
  it('年金特徴 first year: 普通徴収 6・8月 1/4 each, 本徴収 10・12・2月 1/6 each', () => {
    const p = pensionSpecialCollection(2026, 60_000, null);
    expect(p.ordinary.map((i) => i.amount)).toEqual([15_000, 15_000]);
    expect(p.main.map((i) => i.amount)).toEqual([10_000, 10_000, 10_000]);
  });
});
