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

/** 給与特別徴収 when an employer reported the salary; 年金特徴 for pension only; else 普通徴収. */
export function collectionOf(merged: ReturnType<typeof mergeIncome>): 'salary' | 'pension' | 'ordinary' {
  if (!merged) return 'ordinary';
  if (merged.employerNo && merged.items.salaryRevenue > 0) return 'salary';
  if (merged.items.pensionRevenue > 0 && merged.items.salaryRevenue === 0 && merged.items.otherIncome === 0) return 'pension';
  return 'ordinary';
}
