import { describe, expect, it } from 'vitest';
import { assess } from './assess.ts';
import { houseLevyOnly } from './house-levy.ts';

/** Hand-derived from 地方税法24条1項2号・294条1項2号 (均等割のみ) and the FY2026 standard 均等割 (市3,000円・県1,000円). */
describe('家屋敷課税: 均等割 only', () => {
  it('keeps the 均等割 of a taxpayer who owes 所得割, and drops the 所得割 and 森林環境税 (hand-derived)', () => {
    const full = assess(2026, { age: 50, salaryRevenue: 6_000_000, socialInsurance: 900_000 });
    expect(full.totals.cityIncomeLevy).toBeGreaterThan(0);
    const house = houseLevyOnly(full);
    expect(house.totals).toMatchObject({ cityIncomeLevy: 0, prefIncomeLevy: 0, forestEnvironmentTax: 0, cityPerCapitaLevy: 3000, prefPerCapitaLevy: 1000, total: 4000 });
    expect(house.steps.find((s) => s.step === 'total')?.amount).toBe(4000);
    expect(house.steps.find((s) => s.step === 'houseLevy')).toMatchObject({ amount: 4000, label: '家屋敷課税（均等割のみ）' });
  });

  it('leaves a taxpayer exempt from 均等割 at nothing, and one exempt from 所得割 only at the 均等割', () => {
    const none = assess(2026, { age: 50 });
    expect(none.exemption).toBe('all');
    expect(houseLevyOnly(none)).toEqual(none);
    // A salary whose 所得 lies between the 均等割 and the 所得割 非課税 limits (the engine's own judgement, asserted first).
    const incomeOnly = assess(2026, { age: 50, salaryRevenue: 1_100_000 });
    expect(incomeOnly.exemption).toBe('incomeLevy');
    expect(houseLevyOnly(incomeOnly).totals.total).toBe(incomeOnly.totals.cityPerCapitaLevy + incomeOnly.totals.prefPerCapitaLevy);
  });
});
