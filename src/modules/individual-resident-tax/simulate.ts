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
import { ordinaryCollection, pensionSpecialCollection, salarySpecialCollection, type Installment } from './rules/schedule.ts';

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
}

export function simulate(request: z.output<typeof simulationRequestSchema>): SimulationResult {
  const breakdown = assess(request.fiscalYear, request.input, request.tenantRates);
  const annual = breakdown.totals.total;
  const fy = request.fiscalYear;
  const installments = {
    none: () => [],
    ordinary: () => ordinaryCollection(fy, annual, request.ordinaryMonths),
    salary: () => salarySpecialCollection(fy, annual),
    pension: () => {
      const s = pensionSpecialCollection(fy, annual, request.previousYearPensionSpecial);
      return [...s.ordinary, ...s.provisional, ...s.main];
    },
  }[request.collection]();
  return { breakdown, installments };
}
