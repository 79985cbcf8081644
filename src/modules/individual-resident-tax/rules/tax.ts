/**
 * 所得割 and its 税額控除, 均等割, 非課税 (RULEBOOK §1.1, §1.2 steps 2–6, §1.6–§1.8). Every function
 * returns a [市, 県] pair so that 100円未満切捨 can be applied to each tax separately.
 */
import { applyRate } from '../../../jp/index.ts';
import type { AssessmentInput, TenantRates } from '../model.ts';
import type { Figures } from './figures/index.ts';
import { lookupStep } from './figures/lookup.ts';

export type Pair = readonly [city: number, pref: number];

/** 所得割の税率 [市, 県]: tenant 超過課税 first, else 指定都市 or standard (地方税法35条・314条の3). */
export function incomeLevyRates(figures: Figures, tenant: TenantRates): readonly [string, string] {
  const base = tenant.designatedCity ? figures.rates.designatedCity : figures.rates.standard;
  return [tenant.cityIncomeRate ?? base[0], tenant.prefIncomeRate ?? base[1]];
}

export const levyBeforeCredits = (figures: Figures, tenant: TenantRates, taxable: number): Pair => {
  const [c, p] = incomeLevyRates(figures, tenant);
  return [applyRate(taxable, c), applyRate(taxable, p)];
};

/** 調整控除: uses the statutory split (3%/2% or 4%/1%) whatever the tenant's 超過課税 rate. */
export function adjustmentCredit(figures: Figures, tenant: TenantRates, totalIncome: number, taxable: number, difference: number): Pair {
  const a = figures.adjustment;
  if (totalIncome > a.totalIncomeLimit || taxable <= 0) return [0, 0];
  const r = figures.rates;
  const rates = tenant.designatedCity ? r.adjustmentDesignated : r.adjustmentStandard;
  const minimum = tenant.designatedCity ? r.adjustmentMinimumDesignated : r.adjustmentMinimumStandard;
  if (taxable <= a.threshold) {
    const base = Math.min(difference, taxable);
    return [applyRate(base, rates[0]), applyRate(base, rates[1])];
  }
  const base = difference - (taxable - a.threshold);
  return [Math.max(applyRate(Math.max(base, 0), rates[0]), minimum[0]), Math.max(applyRate(Math.max(base, 0), rates[1]), minimum[1])];
}

/** 配当控除: 課税総所得金額 1,000万以下の部分 2.8%, 超える部分 1.4% (地方税法附則5条). */
export function dividendCredit(figures: Figures, tenant: TenantRates, taxable: number, dividend: number): Pair {
  const d = figures.dividendCredit;
  const above = Math.max(0, Math.min(dividend, taxable - d.threshold));
  const below = dividend - above;
  const key = tenant.designatedCity ? 'designated' : 'standard';
  return [
    applyRate(below, d.below[key][0]) + applyRate(above, d.above[key][0]),
    applyRate(below, d.below[key][1]) + applyRate(above, d.above[key][1]),
  ];
}

/** 住宅借入金等特別税額控除: min(所得税の控除残, 所得税の課税総所得金額等×5%, 97,500). [S/U] */
export function housingLoanCredit(figures: Figures, tenant: TenantRates, loan: AssessmentInput['housingLoan']): Pair {
  if (!loan) return [0, 0];
  const h = figures.housingLoan.value;
  const [rate, cap] = loan.specifiedAcquisition ? [h.specifiedRate, h.specifiedCap] : [h.rate, h.cap];
  const amount = Math.min(loan.incomeTaxUnused, applyRate(loan.incomeTaxTaxableIncome, rate), cap);
  // Split 市3/5・県2/5 (指定都市 4/5・1/5) like the 10% rate itself; [U] rounding of the split.
  const city = applyRate(amount, tenant.designatedCity ? '0.8' : '0.6', 'ceil');
  return [city, amount - city];
}

export interface DonationCredit {
  readonly basic: Pair;
  readonly special: Pair;
  readonly oneStop: Pair;
  readonly specialRate: string;
  readonly incomeTaxRate: string;
}

/**
 * 寄附金税額控除 (地方税法37条の2・314条の7): 基本控除 on all qualifying donations (≤ 総所得金額等×30%),
 * 特例控除 on ふるさと納税 capped at 20% of 所得割 after 調整控除, and 申告特例控除 (ワンストップ).
 */
export function donationCredit(
  figures: Figures, tenant: TenantRates, donations: AssessmentInput['donations'],
  totalIncomeEtc: number, taxable: number, personalDifference: number, levyAfterAdjustment: Pair,
): DonationCredit {
  const d = figures.donation;
  const key = tenant.designatedCity ? 'designated' : 'standard';
  const counted = Math.min(donations.hometown + donations.other, applyRate(totalIncomeEtc, d.incomeCapRate));
  const basicBase = Math.max(0, counted - d.floor);
  const basic: Pair = [applyRate(basicBase, d.basicRate[key][0]), applyRate(basicBase, d.basicRate[key][1])];
  const row = lookupStep(d.specialRates, taxable - personalDifference);
  const specialBase = Math.max(0, donations.hometown - d.floor);
  const specialTotal = applyRate(specialBase, row.specialRate);
  const specialCity = applyRate(specialTotal, d.specialCityShare[key]);
  const special: Pair = [
    Math.min(specialCity, applyRate(levyAfterAdjustment[0], d.specialCapRate)),
    Math.min(specialTotal - specialCity, applyRate(levyAfterAdjustment[1], d.specialCapRate)),
  ];
  const [num, den] = row.oneStop;
  const oneStop: Pair = donations.oneStop
    ? [Math.floor((special[0] * num) / den), Math.floor((special[1] * num) / den)]
    : [0, 0];
  return { basic, special, oneStop, specialRate: row.specialRate, incomeTaxRate: row.incomeTaxRate };
}

export type Exemption = 'none' | 'incomeLevy' | 'all';

/**
 * 非課税判定 (地方税法24条の5・295条①, 施行令47条の3): n = 本人 + 同一生計配偶者 + 扶養親族.
 * 均等割 on 合計所得金額 by 級地; 所得割 on 総所得金額等, nationwide.
 */
export function exemptionOf(
  figures: Figures, tenant: TenantRates, input: AssessmentInput,
  totalIncome: number, totalIncomeEtc: number, dependantCount: number,
): { readonly kind: Exemption; readonly basis: string } {
  const e = figures.exemption;
  if (input.livelihoodAssistance) return { kind: 'all', basis: '生活保護の生活扶助を受けている（1月1日現在）' };
  const minor = input.minor ?? input.age < e.minorAge;
  const vulnerable = minor || input.disability !== 'none' || input.widowOrSingleParent !== 'none';
  if (vulnerable && totalIncome <= e.vulnerableIncomeLimit) {
    return { kind: 'all', basis: `障害者・未成年者・寡婦・ひとり親で合計所得金額 ${totalIncome}円 ≤ ${e.vulnerableIncomeLimit}円` };
  }
  const n = 1 + dependantCount;
  const g = e.perCapitaByGrade[tenant.grade];
  const perCapitaLimit = g.perPerson * n + g.base + (dependantCount > 0 ? g.withDependants : 0);
  if (totalIncome <= perCapitaLimit) {
    return { kind: 'all', basis: `合計所得金額 ${totalIncome}円 ≤ ${tenant.grade}級地の限度額 ${perCapitaLimit}円（${n}人）` };
  }
  const i = e.incomeLevy;
  const incomeLimit = i.perPerson * n + i.base + (dependantCount > 0 ? i.withDependants : 0);
  if (totalIncomeEtc <= incomeLimit) {
    return { kind: 'incomeLevy', basis: `総所得金額等 ${totalIncomeEtc}円 ≤ 所得割の非課税限度額 ${incomeLimit}円（${n}人）` };
  }
  return { kind: 'none', basis: `合計所得金額 ${totalIncome}円 > ${perCapitaLimit}円, 総所得金額等 ${totalIncomeEtc}円 > ${incomeLimit}円` };
}
