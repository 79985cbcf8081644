/**
 * assess(fiscalYear, input, tenantRates) → Breakdown: the whole 個人住民税 computation of one
 * taxpayer as an ordered list of named steps, so a clerk can explain a bill line by line.
 * Order of 税額控除: 調整控除 → 配当控除 → 住宅借入金等特別税額控除 → 寄附金税額控除 (RULEBOOK §1.2).
 */
import { truncateTaxAmount, truncateTaxBase } from '../../../jp/index.ts';
import {
  assessmentInputSchema, tenantRatesSchema,
  type AssessmentInput, type AssessmentInputDraft, type Breakdown, type BreakdownStep, type TenantRates, type TenantRatesDraft,
} from '../model.ts';
import { computeDeductions } from './deductions.ts';
import { figuresFor } from './figures/index.ts';
import { computeIncome } from './income.ts';
import {
  adjustmentCredit, dividendCredit, donationCredit, exemptionOf, housingLoanCredit, incomeLevyRates, levyBeforeCredits,
  type Pair,
} from './tax.ts';

export function assess(fiscalYear: number, draft: AssessmentInputDraft, tenantDraft: TenantRatesDraft = {}): Breakdown {
  return assessParsed(fiscalYear, assessmentInputSchema.parse(draft), tenantRatesSchema.parse(tenantDraft));
}

/**
 * The same on input already in the schema's output shape (defaults applied): the annual job's
 * documents were validated when they were received, and checking a million of them again costs a
 * quarter of the engine's time.
 */
export function assessParsed(fiscalYear: number, input: AssessmentInput, tenant: TenantRates): Breakdown {
  const figures = figuresFor(fiscalYear);
  const steps: BreakdownStep[] = [];
  const unconfirmed: string[] = [];
  const push = (step: string, label: string, amount: number, extra: Partial<Pick<BreakdownStep, 'side' | 'basis'>> = {}): void => {
    steps.push({ step, label, amount, ...extra });
  };
  const pushPair = (step: string, label: string, [city, pref]: Pair, basis?: string): void => {
    push(`${step}City`, `${label}（市町村民税）`, city, basis ? { side: 'city', basis } : { side: 'city' });
    push(`${step}Pref`, `${label}（道府県民税）`, pref, basis ? { side: 'pref', basis } : { side: 'pref' });
  };

  // 1. 所得
  const income = computeIncome(figures, input);
  if (input.salaryRevenue > 0) {
    push('salaryRevenue', '給与収入', income.salaryRevenue);
    push('salaryIncomeBeforeAdjustment', '給与所得控除後の金額', income.salaryIncomeBeforeAdjustment,
      { basis: input.salaryRevenue < 6_600_000 ? '所得税法別表第五（4,000円刻み）' : '収入金額 − 給与所得控除額' });
    if (income.adjustmentChildren > 0) push('incomeAdjustmentChildren', '所得金額調整控除（子ども・特別障害者等）', income.adjustmentChildren);
    if (income.adjustmentPension > 0) push('incomeAdjustmentPension', '所得金額調整控除（給与・年金）', income.adjustmentPension);
    push('salaryIncome', '給与所得', income.salaryIncome);
  }
  if (input.pensionRevenue > 0) {
    push('pensionRevenue', '公的年金等の収入金額', input.pensionRevenue);
    push('pensionIncome', '公的年金等に係る雑所得', income.pensionIncome, { basis: `${input.age}歳（${input.age >= figures.pension.elderlyAge ? '65歳以上' : '65歳未満'}）` });
  }
  if (income.otherIncome > 0) push('otherIncome', 'その他の所得', income.otherIncome);
  if (income.dividendIncome > 0) push('dividendIncome', '配当所得（総合課税）', income.dividendIncome);
  push('totalIncome', '合計所得金額', income.totalIncome);
  push('totalIncomeEtc', '総所得金額等', income.totalIncomeEtc);

  // 2. 非課税判定 (before any tax: 均等割 and 森林環境税 follow it)
  const deductions = computeDeductions(figures, input, income);
  unconfirmed.push(...deductions.unconfirmed);
  const exemption = exemptionOf(figures, tenant, input, income.totalIncome, income.totalIncomeEtc, deductions.dependantCount);
  push('exemption', exemption.kind === 'all' ? '非課税（均等割・所得割）' : exemption.kind === 'incomeLevy' ? '所得割非課税' : '非課税判定: 課税', 0, { basis: exemption.basis });

  // 3. 所得控除 → 課税総所得金額 (1,000円未満切捨)
  for (const d of deductions.items) push(d.step, d.label, d.amount, d.basis ? { basis: d.basis } : {});
  push('deductionsTotal', '所得控除合計', deductions.total);
  const taxable = truncateTaxBase(Math.max(0, income.totalIncomeEtc - deductions.total));
  push('taxableIncome', '課税総所得金額', taxable, { basis: '総所得金額等 − 所得控除合計（1,000円未満切捨）' });

  // 4. 所得割
  let levy: Pair = [0, 0];
  if (exemption.kind === 'none') {
    const rates = incomeLevyRates(figures, tenant);
    const before = levyBeforeCredits(figures, tenant, taxable);
    pushPair('levyBeforeCredits', '算出所得割額', before, `課税総所得金額 × ${rates[0]} / ${rates[1]}`);
    let rest: Pair = before;
    const credit = (step: string, label: string, amounts: Pair, basis?: string): void => {
      const applied: Pair = [Math.min(rest[0], amounts[0]), Math.min(rest[1], amounts[1])];
      if (applied[0] + applied[1] > 0) pushPair(step, label, applied, basis);
      rest = [rest[0] - applied[0], rest[1] - applied[1]];
    };
    credit('adjustmentCredit', '調整控除', adjustmentCredit(figures, tenant, income.totalIncome, taxable, deductions.personalDifference),
      `人的控除額の差 ${deductions.personalDifference}円`);
    const afterAdjustment = rest;
    credit('dividendCredit', '配当控除', dividendCredit(figures, tenant, taxable, income.dividendIncome));
    if (input.housingLoan && !figures.housingLoan.confirmed) unconfirmed.push('住宅借入金等特別税額控除の率・上限・按分');
    credit('housingLoanCredit', '住宅借入金等特別税額控除', housingLoanCredit(figures, tenant, input.housingLoan));
    const don = donationCredit(figures, tenant, input.donations, income.totalIncomeEtc, taxable, deductions.personalDifference, afterAdjustment);
    credit('donationBasicCredit', '寄附金税額控除（基本控除）', don.basic);
    credit('donationSpecialCredit', '寄附金税額控除（特例控除）', don.special, `特例控除率 ${don.specialRate}（所得税率 ${don.incomeTaxRate}）、上限 所得割額（調整控除後）の20%`);
    credit('donationOneStopCredit', '寄附金税額控除（申告特例控除）', don.oneStop);
    levy = [truncateTaxAmount(rest[0]), truncateTaxAmount(rest[1])];
    pushPair('incomeLevy', '所得割額', levy, '100円未満切捨');
  }

  // 5. 均等割 + 森林環境税
  const perCapita: Pair = exemption.kind === 'all' ? [0, 0] : [tenant.cityPerCapita ?? figures.perCapita.city, tenant.prefPerCapita ?? figures.perCapita.pref];
  const forest = exemption.kind === 'all' ? 0 : figures.perCapita.forestEnvironmentTax;
  pushPair('perCapitaLevy', '均等割額', perCapita);
  push('forestEnvironmentTax', '森林環境税（国税）', forest, { side: 'national' });
  const total = levy[0] + levy[1] + perCapita[0] + perCapita[1] + forest;
  push('total', '年税額', total);

  return {
    fiscalYear,
    steps,
    exemption: exemption.kind,
    unconfirmedFigures: unconfirmed,
    totals: {
      totalIncome: income.totalIncome,
      totalIncomeEtc: income.totalIncomeEtc,
      taxableIncome: taxable,
      cityIncomeLevy: levy[0],
      prefIncomeLevy: levy[1],
      cityPerCapitaLevy: perCapita[0],
      prefPerCapitaLevy: perCapita[1],
      forestEnvironmentTax: forest,
      total,
    },
  };
}
