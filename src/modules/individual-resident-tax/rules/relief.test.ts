import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Breakdown } from '../model.ts';
import { assess } from './assess.ts';
import { applyRelief, UNCONFIRMED_RELIEF_ROUNDING, type Relief } from './relief.ts';

/** Levies chosen so that halves and thirds leave fractions below 100円 (hand-derived figures, RULEBOOK §1.2 rounding). */
function breakdownOf(levies: { cityIncome: number; prefIncome: number; cityPerCapita?: number; prefPerCapita?: number; forest?: number }): Breakdown {
  const { cityIncome, prefIncome, cityPerCapita = 3000, prefPerCapita = 1000, forest = 1000 } = levies;
  const total = cityIncome + prefIncome + cityPerCapita + prefPerCapita + forest;
  return {
    fiscalYear: 2026,
    steps: [
      { step: 'incomeLevyCity', label: '所得割額（市町村民税）', amount: cityIncome, side: 'city' },
      { step: 'incomeLevyPref', label: '所得割額（道府県民税）', amount: prefIncome, side: 'pref' },
      { step: 'perCapitaLevyCity', label: '均等割額（市町村民税）', amount: cityPerCapita, side: 'city' },
      { step: 'perCapitaLevyPref', label: '均等割額（道府県民税）', amount: prefPerCapita, side: 'pref' },
      { step: 'forestEnvironmentTax', label: '森林環境税（国税）', amount: forest, side: 'national' },
      { step: 'total', label: '年税額', amount: total },
    ],
    totals: {
      totalIncome: 3_000_000, totalIncomeEtc: 3_000_000, taxableIncome: 2_500_000, cityIncomeLevy: cityIncome, prefIncomeLevy: prefIncome,
      cityPerCapitaLevy: cityPerCapita, prefPerCapitaLevy: prefPerCapita, forestEnvironmentTax: forest, total,
    },
    exemption: 'none',
    unconfirmedFigures: [],
  };
}

const B = breakdownOf({ cityIncome: 150_300, prefIncome: 100_200 });
const relief = (r: Partial<Relief>): Relief => ({
  id: '0190a0c2-0000-7000-8000-000000000001', kind: 'reduction', reason: 'disaster', scope: 'all', rate: null, amount: null, forestExempt: false, decidedOn: '2026-07-01', ...r,
});
const step = (b: Breakdown, id: string) => b.steps.find((s) => s.step === id);
const levies = (b: Breakdown) => {
  const t = b.totals;
  return [t.cityIncomeLevy, t.prefIncomeLevy, t.cityPerCapitaLevy, t.prefPerCapitaLevy, t.forestEnvironmentTax, t.total];
};

describe('applyRelief (非課税・減免の決定)', () => {
  it('null: the breakdown as it was', () => {
    expect(applyRelief(B, null)).toBe(B);
  });

  it('exemption: 均等割・所得割・森林環境税 all 0, marked 非課税, each relieved amount a named step with the decision', () => {
    const r = applyRelief(B, relief({ kind: 'exemption', reason: 'livelihoodAssistance', forestExempt: true }));
    expect(levies(r)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(r.exemption).toBe('all');
    expect(step(r, 'reliefCity')).toMatchObject({ amount: 153_300, side: 'city', label: '非課税の決定による減額（市町村民税）' });
    expect(step(r, 'reliefPref')?.amount).toBe(101_200);
    expect(step(r, 'reliefForest')?.amount).toBe(1000);
    expect(step(r, 'reliefCity')?.basis).toContain('0190a0c2-0000-7000-8000-000000000001');
    expect(step(r, 'reliefCity')?.basis).toContain('生活保護');
    expect(r.unconfirmedFigures).toEqual([]);
  });

  it('rate 1.0 of 所得割と均等割: 市・県 0; 森林環境税 stays unless the decision also 免除 it', () => {
    expect(levies(applyRelief(B, relief({ rate: '1.0' })))).toEqual([0, 0, 0, 0, 1000, 1000]);
    const withForest = applyRelief(B, relief({ rate: '1', forestExempt: true }));
    expect(levies(withForest)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(step(withForest, 'reliefForest')).toMatchObject({ label: '森林環境税の免除', amount: 1000 });
    expect(withForest.exemption).toBe('none');
    expect(withForest.unconfirmedFigures).toEqual([]);
  });

  it('rate 0.5: each remaining levy is its half, 100円未満切捨 [U], and says so', () => {
    const r = applyRelief(B, relief({ rate: '0.5' }));
    // 150,300/2 = 75,150 → 75,100; 100,200/2 = 50,100; 3,000/2 = 1,500; 1,000/2 = 500.
    expect(levies(r)).toEqual([75_100, 50_100, 1500, 500, 1000, 128_200]);
    expect(step(r, 'reliefCity')?.amount).toBe(153_300 - 76_600);
    expect(step(r, 'reliefPref')?.amount).toBe(101_200 - 50_600);
    expect(step(r, 'reliefForest')).toBeUndefined();
    expect(r.unconfirmedFigures).toEqual([UNCONFIRMED_RELIEF_ROUNDING]);
  });

  it('rate 0.3 of 所得割のみ: exact decimal arithmetic, 均等割 untouched', () => {
    const r = applyRelief(B, relief({ rate: '0.3', scope: 'incomeLevy' }));
    // 150,300 × 0.7 = 105,210 → 105,200; 100,200 × 0.7 = 70,140 → 70,100.
    expect(levies(r)).toEqual([105_200, 70_100, 3000, 1000, 1000, 180_300]);
  });

  it('a fixed amount is spread over 市 and 県 in the same proportion (地方税法45条), 100円未満切捨 of what remains', () => {
    const r = applyRelief(B, relief({ amount: 25_550 }));
    // proportion left = (254,500 − 25,550) / 254,500: 150,300 → 135,210 → 135,200; 100,200 → 90,140 → 90,100; 3,000 → 2,698 → 2,600; 1,000 → 899 → 800.
    expect(levies(r)).toEqual([135_200, 90_100, 2600, 800, 1000, 229_700]);
    expect(B.totals.total - r.totals.total).toBeGreaterThanOrEqual(25_550);
  });

  it('an amount larger than the levies leaves 0, never below', () => {
    const r = applyRelief(B, relief({ amount: 10_000_000 }));
    expect(levies(r)).toEqual([0, 0, 0, 0, 1000, 1000]);
    expect(step(r, 'reliefCity')?.amount).toBe(153_300);
  });

  it('a taxpayer with nothing to relieve (非課税 already) gets the lines at 0', () => {
    const none = assess(2026, { age: 40 });
    const r = applyRelief(none, relief({ amount: 5000 }));
    expect(r.totals).toEqual(none.totals);
    expect(step(r, 'reliefCity')?.amount).toBe(0);
  });

  it('the relief lines come just before 年税額, which is the amount after them; the input is not changed', () => {
    const real = assess(2026, { age: 45, salaryRevenue: 5_000_000, socialInsurance: 700_000 });
    const copy = JSON.parse(JSON.stringify(real));
    const r = applyRelief(real, relief({ rate: '0.5', forestExempt: true }));
    const ids = r.steps.map((s) => s.step);
    expect(ids.slice(-4)).toEqual(['reliefCity', 'reliefPref', 'reliefForest', 'total']);
    expect(ids.slice(0, -4)).toEqual(real.steps.map((s) => s.step).slice(0, -1));
    expect(step(r, 'total')?.amount).toBe(r.totals.total);
    expect(JSON.parse(JSON.stringify(real))).toEqual(copy);
  });

  it('properties: never negative, never more than before, every levy a multiple of 100, the lines add up', () => {
    const hundreds = (max: number) => fc.integer({ min: 0, max: max / 100 }).map((n) => n * 100);
    const decision = fc.oneof(
      fc.record({ kind: fc.constant('exemption' as const) }),
      fc.record({ rate: fc.integer({ min: 1, max: 10_000 }).map((n) => (n / 10_000).toFixed(4)), scope: fc.constantFrom('all' as const, 'incomeLevy' as const), forestExempt: fc.boolean() }),
      fc.record({ amount: fc.integer({ min: 1, max: 5_000_000 }), scope: fc.constantFrom('all' as const, 'incomeLevy' as const), forestExempt: fc.boolean() }),
    );
    fc.assert(fc.property(hundreds(3_000_000), hundreds(2_000_000), hundreds(5000), hundreds(3000), decision, (cityIncome, prefIncome, cityPerCapita, prefPerCapita, d) => {
      const before = breakdownOf({ cityIncome, prefIncome, cityPerCapita, prefPerCapita });
      const r = applyRelief(before, relief(d));
      const t = r.totals;
      for (const [k, v] of Object.entries(t)) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(before.totals[k as keyof typeof t]);
        if (k !== 'totalIncome' && k !== 'totalIncomeEtc' && k !== 'taxableIncome') expect(v % 100).toBe(0);
      }
      const relieved = r.steps.filter((s) => s.step.startsWith('relief')).reduce((a, s) => a + s.amount, 0);
      expect(before.totals.total - relieved).toBe(t.total);
      expect(t.cityIncomeLevy + t.prefIncomeLevy + t.cityPerCapitaLevy + t.prefPerCapitaLevy + t.forestEnvironmentTax).toBe(t.total);
    }));
  });
});
