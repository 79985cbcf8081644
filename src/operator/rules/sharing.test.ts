import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CostItem } from './allocation.ts';
import { sharingCurve } from './sharing.ts';

describe('sharingCurve (worked examples)', () => {
  const items: CostItem[] = [
    { category: 'cloud', amount: 1_000_000, key: 'equal' },
    { category: 'network', amount: 200_000, key: 'population' },
    { category: 'operations', amount: 300_000, key: 'usage', usageMetric: 'apiRequests' },
  ];

  it('divides the fixed 1,200,000 by n and keeps the current average usage 100,000 per 団体', () => {
    const curve = sharingCurve(items, 3, 6);
    expect(curve.map((p) => p.perMunicipalityMonthly)).toEqual([1_300_000, 700_000, 500_000, 400_000, 340_000, 300_000]);
    expect(curve.map((p) => p.fixedShare)).toEqual([1_200_000, 600_000, 400_000, 300_000, 240_000, 200_000]);
    expect(curve.every((p) => p.usageShare === 100_000)).toBe(true);
    expect(curve.map((p) => p.municipalities)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(curve.filter((p) => p.isCurrent).map((p) => p.municipalities)).toEqual([3]);
  });

  it('at the current count, the per-団体 cost is the whole bill divided by the 団体', () => {
    expect(sharingCurve(items, 3, 3)[2]!.perMunicipalityMonthly).toBe(500_000);
  });

  it('rounds half up, and the total from the exact sum (so it may be 1 yen under the two layers)', () => {
    // fixed 1, usage 1, current 2: at n = 2 the exact cost is 0.5 + 0.5 = 1, each layer alone rounds to 1
    const [, two] = sharingCurve([{ category: 'cloud', amount: 1, key: 'equal' }, { category: 'network', amount: 1, key: 'usage', usageMetric: 'storedRows' }], 2, 2);
    expect(two).toEqual({ municipalities: 2, perMunicipalityMonthly: 1, fixedShare: 1, usageShare: 1, isCurrent: true });
    expect(sharingCurve([{ category: 'cloud', amount: 100, key: 'equal' }], 1, 3).map((p) => p.perMunicipalityMonthly)).toEqual([100, 50, 33]);
    expect(sharingCurve([{ category: 'cloud', amount: 5, key: 'equal' }], 1, 2)[1]!.perMunicipalityMonthly).toBe(3);
  });

  it('with only usage-keyed costs, adding 団体 saves nothing', () => {
    const curve = sharingCurve([{ category: 'cloud', amount: 900, key: 'usage', usageMetric: 'storedBytes' }], 3, 5);
    expect(curve.map((p) => p.perMunicipalityMonthly)).toEqual([300, 300, 300, 300, 300]);
  });

  it('with no items, everything is 0', () => {
    expect(sharingCurve([], 1, 2)).toEqual([
      { municipalities: 1, perMunicipalityMonthly: 0, fixedShare: 0, usageShare: 0, isCurrent: true },
      { municipalities: 2, perMunicipalityMonthly: 0, fixedShare: 0, usageShare: 0, isCurrent: false },
    ]);
  });

  it.each([
    ['current 0', [], 0, 5],
    ['fractional current', [], 1.5, 5],
    ['maxN below current', [], 3, 2],
    ['negative amount', [{ category: 'cloud', amount: -1, key: 'equal' }], 1, 1],
    ['unknown key', [{ category: 'cloud', amount: 1, key: 'area' }], 1, 1],
  ] as [string, CostItem[], number, number][])('throws on %s', (_name, list, current, maxN) => {
    expect(() => sharingCurve(list, current, maxN)).toThrow(RangeError);
  });
});

describe('properties (fast-check)', () => {
  const item = fc.record({
    category: fc.constantFrom('cloud' as const, 'network' as const, 'operations' as const),
    amount: fc.integer({ min: 0, max: 1e11 }),
    key: fc.constantFrom('equal' as const, 'population' as const, 'usage' as const),
    usageMetric: fc.constant('apiRequests' as const),
  });
  const args = fc.tuple(fc.array(item, { maxLength: 5 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 60 }));

  it('the per-団体 cost never rises as n grows; exactly one point is current', () => {
    fc.assert(fc.property(args, ([items, current, extra]) => {
      const curve = sharingCurve(items, current, current + extra);
      expect(curve).toHaveLength(current + extra);
      for (let i = 1; i < curve.length; i++) {
        expect(curve[i]!.perMunicipalityMonthly).toBeLessThanOrEqual(curve[i - 1]!.perMunicipalityMonthly);
        expect(curve[i]!.fixedShare).toBeLessThanOrEqual(curve[i - 1]!.fixedShare);
      }
      expect(curve.filter((p) => p.isCurrent)).toEqual([curve[current - 1]]);
    }), { numRuns: 300 });
  });

  it('each point is within half a yen of the exact figure, and within 1 yen of its two layers', () => {
    fc.assert(fc.property(args, ([items, current, extra]) => {
      const fixed = items.filter((i) => i.key !== 'usage').reduce((a, i) => a + i.amount, 0);
      const usage = items.filter((i) => i.key === 'usage').reduce((a, i) => a + i.amount, 0);
      for (const p of sharingCurve(items, current, current + extra)) {
        expect(Math.abs(p.perMunicipalityMonthly - (fixed / p.municipalities + usage / current))).toBeLessThanOrEqual(0.5 + 1e-6);
        expect(Math.abs(p.perMunicipalityMonthly - p.fixedShare - p.usageShare)).toBeLessThanOrEqual(1);
      }
    }), { numRuns: 200 });
  });
});
