import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeRate, costEffect, REDUCTION_TARGET_PERCENT, type CostEffectInput } from './cost-effect.ts';

const input = (over: Partial<CostEffectInput>): CostEffectInput => ({ baselineFy2018: null, preMigration: null, allocatedMonthly: 0, otherAnnual: 0, ...over });

describe('costEffect (worked examples)', () => {
  it.each([
    // name, A, monthly, other, B, 削減額, 削減率, meets
    ['35 % saving meets the target', 10_000_000, 500_000, 500_000, 6_500_000, -3_500_000, -35, true],
    ['29 % saving does not', 10_000_000, 550_000, 500_000, 7_100_000, -2_900_000, -29, false],
    ['exactly −30.0 meets', 10_000_000, 500_000, 1_000_000, 7_000_000, -3_000_000, -30, true],
    ['−29.95 rounds away from zero to −30.0 and meets', 2_000, 100, 201, 1_401, -599, -30, true],
    ['−29.94 rounds to −29.9 and does not', 5_000, 0, 3_503, 3_503, -1_497, -29.9, false],
    ['+29.95 rounds away from zero to +30.0', 2_000, 0, 2_599, 2_599, 599, 30, false],
    ['2.3倍 (the 中核市市長会 average) is +130.0', 10_000_000, 1_500_000, 5_000_000, 23_000_000, 13_000_000, 130, false],
    ['no change', 1_200_000, 100_000, 0, 1_200_000, 0, 0, false],
    ['one third saved: −33.3', 3_000_000, 0, 2_000_000, 2_000_000, -1_000_000, -33.3, true],
  ])('%s', (_name, a, monthly, other, after, reduction, rate, meets) => {
    expect(costEffect(input({ baselineFy2018: a, allocatedMonthly: monthly, otherAnnual: other }))).toEqual({
      before: a, after, reduction, rate, meetsTarget: meets, versusPreMigration: null,
    });
  });

  it('annualises the monthly share: B = monthly × 12 + other', () => {
    expect(costEffect(input({ allocatedMonthly: 123_456, otherAnnual: 7 })).after).toBe(1_481_479);
  });

  it('without A: B only, and every comparison null', () => {
    expect(costEffect(input({ allocatedMonthly: 10, otherAnnual: 5 }))).toEqual({
      before: null, after: 125, reduction: null, rate: null, meetsTarget: null, versusPreMigration: null,
    });
  });

  it('A = 0: the reduction is B, the rate and target null', () => {
    expect(costEffect(input({ baselineFy2018: 0, allocatedMonthly: 10 }))).toMatchObject({ reduction: 120, rate: null, meetsTarget: null });
  });

  it('against the cost just before migration, −18.75 rounding to −18.8', () => {
    const e = costEffect(input({ baselineFy2018: 10_000_000, preMigration: 8_000_000, allocatedMonthly: 500_000, otherAnnual: 500_000 }));
    expect(e.versusPreMigration).toEqual({ reduction: -1_500_000, rate: -18.8 });
    expect(costEffect(input({ preMigration: 0, allocatedMonthly: 1 })).versusPreMigration).toEqual({ reduction: 12, rate: null });
  });

  it.each([
    ['negative monthly', { allocatedMonthly: -1 }],
    ['fractional other', { otherAnnual: 0.5 }],
    ['negative baseline', { baselineFy2018: -100 }],
    ['NaN pre-migration', { preMigration: Number.NaN }],
  ])('throws on %s', (_name, over) => {
    expect(() => costEffect(input(over))).toThrow(RangeError);
  });

  it('the target is a 30 % reduction', () => {
    expect(REDUCTION_TARGET_PERCENT).toBe(-30);
  });
});

describe('properties (fast-check)', () => {
  const yen = fc.integer({ min: 0, max: 1e12 });

  it('the rate is the exact rate to 1 decimal, rounded half away from zero', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e12 }), yen, (a, b) => {
      const rate = changeRate(a, b)!;
      expect(Number.isInteger(Math.round(rate * 10)) && Math.abs(rate * 10 - Math.round(rate * 10)) < 1e-9).toBe(true);
      // |tenths − (b − a)·1000 / a| <= 1/2, checked in exact integers
      const tenths = BigInt(Math.round(rate * 10));
      const off = tenths * BigInt(a) - BigInt(b - a) * 1000n;
      expect((off < 0n ? -off : off) * 2n <= BigInt(a)).toBe(true);
      // symmetric: the same distance above and below A gives opposite rates
      if (a - (b - a) >= 0) expect(changeRate(a, a - (b - a))).toBe(-rate === 0 ? 0 : -rate);
    }), { numRuns: 500 });
  });

  it('reduction = B − A, and meetsTarget agrees with the rate', () => {
    fc.assert(fc.property(fc.option(yen, { nil: null }), fc.option(yen, { nil: null }), fc.integer({ min: 0, max: 1e10 }), yen, (a, pre, monthly, other) => {
      const e = costEffect({ baselineFy2018: a, preMigration: pre, allocatedMonthly: monthly, otherAnnual: other });
      expect(e.after).toBe(monthly * 12 + other);
      expect(e.reduction).toBe(a === null ? null : e.after - a);
      expect(e.meetsTarget).toBe(e.rate === null ? null : e.rate <= -30);
      expect(e.versusPreMigration?.reduction ?? null).toBe(pre === null ? null : e.after - pre);
      if (e.rate !== null) expect(e.rate).toBeGreaterThanOrEqual(-100);
    }), { numRuns: 300 });
  });
});
