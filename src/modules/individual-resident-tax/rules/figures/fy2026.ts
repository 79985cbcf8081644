/**
 * 令和8年度 (FY2026) 個人住民税 figures: income of calendar 2025, after the 令和7年度税制改正
 * (給与所得控除 最低保障額 65万, 扶養等の所得要件 58万, 特定親族特別控除). Only the changes are
 * written here; everything else is FY2025's. RULEBOOK §0, §1 tags as in fy2025.ts.
 */
import { FY2025 } from './fy2025.ts';
import type { Figures, FormulaBand } from './types.ts';

const band = (from: number, base: FormulaBand['base'], rate: string, constant: number): FormulaBand => ({ from, base, rate, constant });

export const FY2026: Figures = {
  ...FY2025,
  fiscalYear: 2026,
  incomeYear: 2025,
  // 給与所得控除 最低保障額 55万 → 65万 (収入 ≤ 190万 affected). RULEBOOK §0, §1.3 [V]
  // https://www.city.arao.lg.jp/kurashi/zeikin/juuminzei/11778.html , https://www.city.sanuki.kagawa.jp/?p=131289
  salaryIncome: [
    band(0, 'income', '0', 0),
    band(651_000, 'income', '1', -650_000),
    band(1_900_000, 'quarter', '2.8', -80_000),
    band(3_600_000, 'quarter', '3.2', -440_000),
    band(6_600_000, 'income', '0.9', -1_100_000),
    band(8_500_000, 'income', '1', -1_950_000),
  ],
  deductions: {
    ...FY2025.deductions,
    // 同一生計配偶者・扶養親族 所得要件 48万 → 58万; 勤労学生 75万 → 85万. RULEBOOK §0 [V] arao, sanuki
    spouseIncomeLimit: 580_000,
    dependantIncomeLimit: 580_000,
    workingStudentIncomeLimit: 850_000,
    // 特定親族特別控除 (19–22歳, 所得 58万超123万以下), 住民税 amounts. RULEBOOK §1.5 [U] unconfirmed
    specificRelative: {
      confirmed: false,
      value: [
        { upTo: 580_000, value: 0 },
        { upTo: 950_000, value: 450_000 },
        { upTo: 1_000_000, value: 410_000 },
        { upTo: 1_050_000, value: 310_000 },
        { upTo: 1_100_000, value: 210_000 },
        { upTo: 1_150_000, value: 110_000 },
        { upTo: 1_200_000, value: 60_000 },
        { upTo: 1_230_000, value: 30_000 },
        { upTo: Number.MAX_SAFE_INTEGER, value: 0 },
      ],
    },
  },
  adjustment: {
    ...FY2025.adjustment,
    // [U] unconfirmed: band edges assumed to shift with the 58万 起点 (58万超60万未満 / 60万以上65万未満).
    spouseSpecial: {
      confirmed: false,
      value: [
        { upTo: 599_999, value: [50_000, 40_000, 20_000] },
        { upTo: 649_999, value: [30_000, 20_000, 10_000] },
        { upTo: Number.MAX_SAFE_INTEGER, value: [0, 0, 0] },
      ],
    },
    // [U] unconfirmed: 所得税 63万/61万/51万 minus 住民税 45万 by relative's income band (地方税法314条の6 R8 text not seen).
    specificRelative: {
      confirmed: false,
      value: [
        { upTo: 580_000, value: 0 },
        { upTo: 850_000, value: 180_000 },
        { upTo: 900_000, value: 160_000 },
        { upTo: 950_000, value: 60_000 },
        { upTo: Number.MAX_SAFE_INTEGER, value: 0 },
      ],
    },
  },
};
