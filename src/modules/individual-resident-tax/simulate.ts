/**
 * 税額シミュレーション: one taxpayer's inputs in, the whole breakdown (and, if asked, the collection
 * schedule) out, nothing read or stored. The API (`individualResidentTax.simulate`) and the CLI
 * (`yakuba resident-tax simulate`) take the same JSON, so what the counter shows and what a tax expert
 * scripts against are one computation.
 */
import { z } from 'zod';
import { assessmentInputSchema, tenantRatesSchema, type Breakdown } from './model.ts';
import { assess } from './rules/assess.ts';
import { SUPPORTED_FISCAL_YEARS } from './rules/figures/index.ts';
import { allInstallments, pensionCollectionFigures, pensionCollectionInstallments, pensionCollectionOf, type PensionCollection } from './rules/pension-collection.ts';
import { ordinaryCollection, salarySpecialCollection, type Installment } from './rules/schedule.ts';

export const simulationRequestSchema = z.object({
  fiscalYear: z.number().int().refine((y) => SUPPORTED_FISCAL_YEARS.includes(y), {
    error: `年度は ${SUPPORTED_FISCAL_YEARS.join('・')} のいずれかを指定してください（税率・控除額は年度ごとのデータです）`,
  }).describe('年度（2026 = 令和8年度、所得は前年分）'),
  input: assessmentInputSchema.describe('納税義務者の前年の所得・控除の内容'),
  tenantRates: tenantRatesSchema.prefault({}).describe('団体の税率等（省略時は標準税率・3級地）'),
  collection: z.enum(['none', 'ordinary', 'salary', 'pension']).default('none')
    .describe('徴収方法の内訳も計算する: ordinary 普通徴収, salary 給与特別徴収, pension 公的年金からの特別徴収'),
  ordinaryMonths: z.array(z.number().int().min(1).max(12)).min(1).max(12).optional().describe('普通徴収の納期の月（条例。省略時 6・8・10・1月）'),
  previousYearPensionSpecial: z.number().int().min(0).nullable().default(null)
    .describe('前年度の公的年金特別徴収税額（仮徴収の基礎。null は年金特徴の初年度）'),
});
export type SimulationRequest = z.input<typeof simulationRequestSchema>;

export interface SimulationResult {
  breakdown: Breakdown;
  installments: Installment[];
  /**
   * `collection: 'pension'` only: whether 年金特徴 applies (with the reasons in Japanese when not) and the
   * annual tax per collection method; the installments follow that split.
   */
  pensionCollection?: PensionCollection & { readonly assumptions: readonly string[] };
}

/**
 * 年金特徴 from what the simulation is given: the request has no 4月1日 age, 老齢基礎年金等 or 介護保険料, so
 * they are approximated (and said so); the pension part is computed by 差額方式 (the same taxpayer without
 * the pension).
 */
function simulatedPensionCollection(request: z.output<typeof simulationRequestSchema>, breakdown: Breakdown): NonNullable<SimulationResult['pensionCollection']> {
  const { input, fiscalYear } = request;
  const elderlyAge = pensionCollectionFigures(fiscalYear).elderlyAge;
  const assumptions = [
    `4月1日現在の年齢は前年12月31日現在の年齢（${input.age}歳）で判定`,
    '老齢基礎年金等の年額は公的年金等の収入金額で判定',
    '介護保険料は年金から特別徴収されているものとして判定',
    ...(input.salaryRevenue > 0 ? ['給与は給与支払者が特別徴収するものとして判定'] : []),
    ...(input.age === elderlyAge - 1 ? [`前年12月31日現在${input.age}歳: 1月2日〜4月2日生まれの方は4月1日に${elderlyAge}歳に達しており年金特徴の対象となり得ます`] : []),
  ];
  const collection = pensionCollectionOf(fiscalYear, breakdown, {
    ageOnApril1: input.age,
    oldAgePensionAnnual: input.pensionRevenue,
    careInsuranceDeducted: true,
    salaryWithheldByEmployer: input.salaryRevenue > 0,
    nonPensionBreakdown: assess(fiscalYear, { ...input, pensionRevenue: 0 }, request.tenantRates),
  });
  return { ...collection, assumptions };
}

export function simulate(request: z.output<typeof simulationRequestSchema>): SimulationResult {
  const breakdown = assess(request.fiscalYear, request.input, request.tenantRates);
  const annual = breakdown.totals.total;
  const fy = request.fiscalYear;
  if (request.collection === 'pension') {
    const pensionCollection = simulatedPensionCollection(request, breakdown);
    const installments = allInstallments(pensionCollectionInstallments(pensionCollection, request.previousYearPensionSpecial, request.ordinaryMonths));
    return { breakdown, installments, pensionCollection };
  }
  const installments = {
    none: () => [],
    ordinary: () => ordinaryCollection(fy, annual, request.ordinaryMonths),
    salary: () => salarySpecialCollection(fy, annual),
  }[request.collection]();
  return { breakdown, installments };
}
