import { describe, expect, it } from 'vitest';
import { figuresFor } from './figures/index.ts';
import { pensionIncome, salaryIncome } from './income.ts';

// Boundary tables: every band edge of RULEBOOK §1.3 / §1.4, values derived by hand from the
// 別表第五 closed form (A = 収入÷4, 1,000円未満切捨) and 所得税法35条④ (no published table fetched).
describe('給与所得 FY2025 (2024 income, 最低保障額55万) — hand-derived from 所得税法別表第五 closed form (RULEBOOK §1.3)', () => {
  const f = figuresFor(2025);
  it.each([
    [0, 0], [550_999, 0], [551_000, 1_000], [1_618_999, 1_068_999], [1_619_000, 1_069_000], [1_619_999, 1_069_000],
    [1_620_000, 1_070_000], [1_621_999, 1_070_000], [1_622_000, 1_072_000], [1_624_000, 1_074_000], [1_627_999, 1_074_000],
    [1_628_000, 1_076_800], [1_799_999, 1_177_600], [1_800_000, 1_180_000], [1_803_999, 1_180_000], [1_804_000, 1_182_800],
    [3_599_999, 2_437_200], [3_600_000, 2_440_000], [6_599_999, 4_836_800], [6_600_000, 4_840_000],
    [8_499_999, 6_549_999], [8_500_000, 6_550_000], [10_000_000, 8_050_000],
  ])('収入 %i → 給与所得 %i', (revenue, expected) => expect(salaryIncome(f, revenue)).toBe(expected));
});

describe('給与所得 FY2026 (2025 income, 最低保障額65万) — hand-derived (RULEBOOK §1.3; continuity 1.9M → 1,250,000)', () => {
  const f = figuresFor(2026);
  it.each([
    [650_999, 0], [651_000, 1_000], [1_625_000, 975_000], [1_899_999, 1_249_999], [1_900_000, 1_250_000],
    [1_903_999, 1_250_000], [1_904_000, 1_252_800], [3_599_999, 2_437_200], [3_600_000, 2_440_000],
    [5_000_000, 3_560_000], [6_600_000, 4_840_000], [8_500_000, 6_550_000],
  ])('収入 %i → 給与所得 %i', (revenue, expected) => expect(salaryIncome(f, revenue)).toBe(expected));
  it('FY2025 and FY2026 agree from 1,900,000 on (the reform only touches 収入 ≤ 190万)', () => {
    for (const r of [1_900_000, 2_345_678, 4_000_000, 7_777_777, 12_000_000]) expect(salaryIncome(f, r)).toBe(salaryIncome(figuresFor(2025), r));
  });
});

describe('公的年金等に係る雑所得 — hand-derived from 所得税法35条④ (RULEBOOK §1.4)', () => {
  const f = figuresFor(2026);
  it.each([
    [64, 600_000, 0], [64, 600_001, 1], [64, 1_299_999, 699_999], [64, 1_300_000, 700_000], [64, 4_099_999, 2_799_999],
    [64, 4_100_000, 2_800_000], [64, 7_700_000, 5_860_000], [64, 10_000_000, 8_045_000],
    [65, 1_100_000, 0], [65, 1_100_001, 1], [65, 3_299_999, 2_199_999], [65, 3_300_000, 2_200_000], [65, 4_100_000, 2_800_000],
  ])('%i歳 収入 %i → %i', (age, revenue, expected) => expect(pensionIncome(f, revenue, age, 0)).toBe(expected));
  it('other income over 1,000万 reduces the 控除 by 10万, over 2,000万 by 20万', () => {
    expect(pensionIncome(f, 2_000_000, 70, 10_000_000)).toBe(900_000);
    expect(pensionIncome(f, 2_000_000, 70, 10_000_001)).toBe(1_000_000);
    expect(pensionIncome(f, 2_000_000, 70, 20_000_001)).toBe(1_100_000);
  });
});
