import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assess } from './assess.ts';
import { pensionSpecialCollection, salarySpecialCollection } from './schedule.ts';

const year = fc.constantFrom(2025, 2026);
const dependant = fc.record({ age: fc.integer({ min: 0, max: 95 }), totalIncome: fc.integer({ min: 0, max: 1_500_000 }), livesWithTaxpayer: fc.boolean(), linealAscendant: fc.boolean() });
const taxpayer = fc.record({
  age: fc.integer({ min: 20, max: 90 }),
  salaryRevenue: fc.integer({ min: 0, max: 30_000_000 }),
  pensionRevenue: fc.integer({ min: 0, max: 5_000_000 }),
  socialInsurance: fc.integer({ min: 0, max: 1_500_000 }),
  dependants: fc.array(dependant, { maxLength: 3 }),
});
const tenant = fc.record({ designatedCity: fc.boolean(), grade: fc.constantFrom(1 as const, 2 as const, 3 as const) });

describe('properties (fast-check)', () => {
  it('more 給与収入 never lowers the total tax', () => {
    fc.assert(fc.property(year, taxpayer, tenant, fc.integer({ min: 1, max: 2_000_000 }), (fy, t, r, more) => {
      expect(assess(fy, { ...t, salaryRevenue: t.salaryRevenue + more }, r).totals.total).toBeGreaterThanOrEqual(assess(fy, t, r).totals.total);
    }), { numRuns: 300 });
  });
  it('adding a 扶養親族 never raises the total tax', () => {
    fc.assert(fc.property(year, taxpayer, tenant, dependant, (fy, t, r, d) => {
      expect(assess(fy, { ...t, dependants: [...t.dependants, d] }, r).totals.total).toBeLessThanOrEqual(assess(fy, t, r).totals.total);
    }), { numRuns: 300 });
  });
  it('every 所得割 is a multiple of 100, every 課税標準 a multiple of 1,000, nothing negative', () => {
    fc.assert(fc.property(year, taxpayer, tenant, fc.integer({ min: 0, max: 200_000 }), (fy, t, r, hometown) => {
      const { totals } = assess(fy, { ...t, donations: { hometown, oneStop: hometown % 2 === 0 } }, r);
      expect(totals.taxableIncome % 1000).toBe(0);
      expect(totals.cityIncomeLevy % 100).toBe(0);
      expect(totals.prefIncomeLevy % 100).toBe(0);
      expect(Math.min(totals.cityIncomeLevy, totals.prefIncomeLevy, totals.total)).toBeGreaterThanOrEqual(0);
    }), { numRuns: 300 });
  });
  it('installments add up to the annual amount; 給与特徴 months other than June are multiples of 100', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 5_000_000 }), (annual) => {
      const s = salarySpecialCollection(2026, annual);
      expect(s.reduce((a, i) => a + i.amount, 0)).toBe(annual);
      for (const i of s.slice(1)) expect(i.amount % 100).toBe(0);
      const p = pensionSpecialCollection(2026, annual, null);
      expect([...p.ordinary, ...p.main].reduce((a, i) => a + i.amount, 0)).toBe(annual);
    }));
  });
});
