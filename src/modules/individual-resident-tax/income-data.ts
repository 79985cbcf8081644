/**
 * 課税資料 (income data as received) and how one taxpayer's documents become the engine's input.
 * A 確定申告 or 住民税申告 states the whole year (給与 included), so the latest such return is the
 * input; without one, the 給与支払報告書 and 公的年金等支払報告書 add up: revenues, 社会保険料 and
 * 保険料 are summed, and the family (配偶者・扶養) is the one stated on the main 給与 report (the largest).
 * Age is the engine's "12月31日 of the income year", from the birth date on the roll.
 */
import { z } from 'zod';
import { ageOn } from '../../jp/index.ts';
import { assessmentInputSchema, type AssessmentInputDraft } from './model.ts';
import { PENSION_COLLECTION_YEARS, pensionCollectionConditions } from './rules/pension-collection.ts';

export const INCOME_SOURCES = {
  salary_report: '給与支払報告書',
  pension_report: '公的年金等支払報告書',
  declaration: '住民税申告',
  final_return: '確定申告',
} as const;
export type IncomeSource = keyof typeof INCOME_SOURCES;

/** The items of a document: the engine's input without the age (the roll's birth date gives it). */
export const incomeItemsSchema = assessmentInputSchema.omit({ age: true });
export type IncomeItems = z.output<typeof incomeItemsSchema>;

export interface IncomeDocument {
  source: IncomeSource;
  employerNo: string | null;
  items: IncomeItems;
  receivedAt: string;
  /** The items as stored (without their defaults, compact.ts), when read from the table: reused as the stored input. */
  stored?: Record<string, unknown>;
}

const RETURNS: readonly IncomeSource[] = ['final_return', 'declaration'];

/** Summed across 給与・年金 reports; the rest comes from the main report. */
const add = (a: IncomeItems, b: IncomeItems): IncomeItems => ({
  ...a,
  salaryRevenue: a.salaryRevenue + b.salaryRevenue,
  pensionRevenue: a.pensionRevenue + b.pensionRevenue,
  otherIncome: a.otherIncome + b.otherIncome,
  socialInsurance: a.socialInsurance + b.socialInsurance,
  lifeInsurance: Object.fromEntries(Object.entries(a.lifeInsurance).map(([k, v]) => [k, v + b.lifeInsurance[k as keyof typeof b.lifeInsurance]])) as IncomeItems['lifeInsurance'],
  earthquakeInsurance: { earthquake: a.earthquakeInsurance.earthquake + b.earthquakeInsurance.earthquake, oldLongTerm: a.earthquakeInsurance.oldLongTerm + b.earthquakeInsurance.oldLongTerm },
});

/** The documents that count and the items they give (null: nothing received, assessed as no income). */
export function mergeIncome(documents: readonly IncomeDocument[]): { items: IncomeItems; basis: IncomeSource[]; employerNo: string | null } | null {
  if (documents.length === 0) return null;
  const byTime = [...documents].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  const latestReturn = byTime.filter((d) => RETURNS.includes(d.source)).at(-1);
  // 給与特別徴収 stays with the main employer even when a return states the year.
  const salaries = byTime.filter((d) => d.source === 'salary_report').sort((a, b) => b.items.salaryRevenue - a.items.salaryRevenue);
  const employerNo = salaries[0]?.employerNo ?? null;
  if (latestReturn) return { items: latestReturn.items, basis: [latestReturn.source], employerNo };
  const pensions = byTime.filter((d) => d.source === 'pension_report');
  const main = salaries[0] ?? pensions[0]!;
  const rest = [...salaries, ...pensions].filter((d) => d !== main);
  return { items: rest.reduce((sum, d) => add(sum, d.items), main.items), basis: [...new Set([main, ...rest].map((d) => d.source))], employerNo };
}

/** The engine's input for a taxpayer born on `birthDate`, for `fiscalYear` (income of the year before). */
export function assessmentInputOf(fiscalYear: number, birthDate: string, items: IncomeItems | null): AssessmentInputDraft {
  return { ...(items ?? {}), age: ageOn(birthDate, `${fiscalYear - 1}-12-31`) };
}

/**
 * The collection method of the stored assessment: 給与特別徴収 when an employer reported the salary;
 * 年金特徴 (地方税法321条の7の2, rules/pension-collection.ts) only for pension-only income whose taxpayer
 * meets the conditions as far as the documents tell; else 普通徴収.
 * - 65歳以上 on 4月1日 of the fiscal year: from `ageOnApril1` (`ageOnApril1()` of the birth date); without
 *   it the condition is not known and the answer is 普通徴収.
 * - 老齢基礎年金等の年額 18万円以上: approximated by `pensionRevenue`, the 公的年金等の収入 of the reports
 *   (it also holds 企業年金 etc., so it can exceed the 老齢等年金給付 the law counts).
 * - 介護保険料 特別徴収 from that pension: not in the documents; taken as met when the two above are (the
 *   介護保険 特別徴収 has the same 65歳・18万円 thresholds, RULEBOOK §7.2).
 * - 年金特徴税額 ≤ 老齢基礎年金等の年額: not checked here (no tax at hand); with pension-only income the tax
 *   is a fraction of the pension, so it holds whenever `pensionRevenue` is the 老齢等年金給付.
 * The split of a mixed taxpayer's tax between 年金特徴・給与特徴・普通徴収 is `pensionCollectionOf`.
 */
export function collectionOf(merged: ReturnType<typeof mergeIncome>, ageOnApril1?: number, fiscalYear?: number): 'salary' | 'pension' | 'ordinary' {
  if (!merged) return 'ordinary';
  const items = merged.items;
  if (merged.employerNo && items.salaryRevenue > 0) return 'salary';
  const pensionOnly = items.pensionRevenue > 0 && items.salaryRevenue === 0 && items.otherIncome === 0 && items.dividendIncome === 0;
  if (!pensionOnly || ageOnApril1 === undefined) return 'ordinary';
  const year = fiscalYear ?? Math.max(...PENSION_COLLECTION_YEARS);
  const conditions = pensionCollectionConditions(year, { ageOnApril1, oldAgePensionAnnual: items.pensionRevenue, careInsuranceDeducted: true }, null);
  return conditions.every((c) => c.met) ? 'pension' : 'ordinary';
}
