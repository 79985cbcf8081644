/**
 * 各種所得 → 合計所得金額・総所得金額等 (RULEBOOK §1.2 step 1, §1.3, §1.4). Pure; figures by year.
 */
import { applyRate } from '../../../jp/index.ts';
import type { AssessmentInput } from '../model.ts';
import type { Figures } from './figures/index.ts';
import { evaluateBands } from './figures/lookup.ts';

/** 給与所得 before 所得金額調整控除 (所得税法28条, 別表第五: 660万未満は4,000円刻み). */
export const salaryIncome = (figures: Figures, revenue: number): number => evaluateBands(figures.salaryIncome, revenue);

/**
 * 公的年金等に係る雑所得. `otherTotalIncome` = 公的年金等に係る雑所得以外の合計所得金額, whose
 * 1,000万/2,000万 bands reduce the 控除 (所得税法35条④).
 */
export function pensionIncome(figures: Figures, revenue: number, age: number, otherTotalIncome: number): number {
  const p = figures.pension;
  const bands = age >= p.elderlyAge ? p.age65Plus : p.under65;
  let add = 0;
  for (const b of p.otherIncomeBands) if (otherTotalIncome > b.over) add = b.add;
  return revenue > 0 ? evaluateBands(bands, revenue, add) : 0;
}

export interface IncomeBreakdown {
  readonly salaryRevenue: number;
  readonly salaryIncomeBeforeAdjustment: number;
  /** 所得金額調整控除 (a) 子ども・特別障害者等 and (b) 給与・年金の両方. */
  readonly adjustmentChildren: number;
  readonly adjustmentPension: number;
  readonly salaryIncome: number;
  readonly pensionIncome: number;
  readonly otherIncome: number;
  readonly dividendIncome: number;
  readonly totalIncome: number;
  readonly totalIncomeEtc: number;
}

/** Whether (a) of 所得金額調整控除 applies: 本人/配偶者/扶養親族 特別障害者, or a 扶養親族 under 23. */
export function childrenAdjustmentEligible(input: AssessmentInput, figures: Figures): boolean {
  if (input.incomeAdjustmentEligible !== undefined) return input.incomeAdjustmentEligible;
  const special = (d: string): boolean => d === 'speciallyDisabled' || d === 'cohabitingSpeciallyDisabled';
  const limit = figures.deductions.dependantIncomeLimit;
  return special(input.disability)
    || (input.spouse !== null && input.spouse.totalIncome <= limit && special(input.spouse.disability))
    || input.dependants.some((d) => d.totalIncome <= limit && (d.age < 23 || special(d.disability)));
}

export function computeIncome(figures: Figures, input: AssessmentInput): IncomeBreakdown {
  const a = figures.incomeAdjustment;
  const before = salaryIncome(figures, input.salaryRevenue);
  // Both adjustments are deducted from 給与所得 and never make it negative (措置法41条の3の3).
  const adjustmentChildren = input.salaryRevenue > a.salaryFrom && childrenAdjustmentEligible(input, figures)
    ? Math.min(before, applyRate(Math.min(input.salaryRevenue, a.salaryCap) - a.salaryFrom, a.rate, 'ceil'))
    : 0;
  const otherForPension = before - adjustmentChildren + input.otherIncome + input.dividendIncome;
  const pension = pensionIncome(figures, input.pensionRevenue, input.age, otherForPension);
  const adjustmentPension = before > 0 && pension > 0
    ? Math.min(before - adjustmentChildren, Math.max(0, Math.min(before, a.pensionSalaryEach) + Math.min(pension, a.pensionSalaryEach) - a.pensionSalaryEach))
    : 0;
  const salary = before - adjustmentChildren - adjustmentPension;
  const totalIncome = salary + pension + input.otherIncome + input.dividendIncome;
  return {
    salaryRevenue: input.salaryRevenue,
    salaryIncomeBeforeAdjustment: before,
    adjustmentChildren,
    adjustmentPension,
    salaryIncome: salary,
    pensionIncome: pension,
    otherIncome: input.otherIncome,
    dividendIncome: input.dividendIncome,
    totalIncome,
    totalIncomeEtc: Math.max(0, totalIncome - input.carriedForwardLosses),
  };
}
