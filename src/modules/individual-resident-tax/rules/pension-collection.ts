/**
 * 公的年金からの特別徴収 (年金特徴, 地方税法321条の7の2〜321条の7の8 [S]): whether it applies to a
 * taxpayer, which part of the annual tax it collects, and where the rest goes — pure functions.
 *
 * Conditions (all must hold; otherwise the pension part is paid by 普通徴収) [V] in the municipal pages
 * below, article numbers [S]:
 * - 当該年度の4月1日現在 65歳以上 and receiving 老齢基礎年金等 (老齢・退職を事由とする年金; 障害・遺族年金 are
 *   非課税 and never used) — 水戸市 https://www.city.mito.lg.jp/page/2885.html ,
 *   京丹後市 https://www.city.kyotango.lg.jp/top/soshiki/shiminkankyo/zeimu/1/2/1710.html
 * - 老齢基礎年金等の年額 18万円以上 — 葉山町 https://www.town.hayama.lg.jp/kurashi/zeikin/4/1/3886.html ,
 *   南関町 https://www.town.nankan.lg.jp/kurashi/zeikin/kojinchominzei/page1402.html , 泉佐野市
 *   https://www.city.izumisano.lg.jp/kakuka/somu/zeimu/menu/sizei/sizei_kojin/juminzei_hikiotosi.html
 * - 介護保険料 is 特別徴収 from that pension — 東広島市 https://www.city.higashihiroshima.lg.jp/kurashi/zeikin/5/5529.html ,
 *   京田辺市 https://www.city.kyotanabe.lg.jp/0000009274.html
 * - the 年金特徴 amount does not exceed the 老齢基礎年金等の年額 — 水戸市, 京丹後市, 能美市
 *   http://www.city.nomi.ishikawa.jp/www/contents/1001000000478/index.html . Stricter municipal practice
 *   (逗子市: the pension after 所得税・介護保険料・国保 must exceed the tax) is not modelled [U].
 * - Not modelled: 1月1日以後の転出 (泉佐野市, 葉山町), stopping mid-year (介護保険料特徴の中止・死亡).
 *
 * Only the tax due to 公的年金等に係る所得 (所得割 and, when it carries it, 均等割) is collected from the
 * pension; 給与 goes to 給与特別徴収, other income to 普通徴収 (or 給与特徴) [V] 水戸市, 菰野町
 * https://www2.town.komono.mie.jp/www/contents/1653641924467/index.html . A taxpayer 65歳以上 on 4月1日 may
 * not have the pension part collected from the salary (since the 平成21年度 introduction); under 65 it may
 * (平成22年度改正) [V] 諏訪市 https://www.city.suwa.lg.jp/soshiki/4/4902.html , 葛城市
 * http://www.city.katsuragi.nara.jp/index.cfm/11,7719,33,153,html , 志木市
 * https://www.city.shiki.lg.jp/sp/index.cfm/37,13610,153,596,html . A further 令和2年度 change was not found [U].
 *
 * The pension part (年金所得に係る税額) is computed one of two ways:
 * - 差額方式 when the caller gives the assessment of the same taxpayer without the pension
 *   (`nonPensionBreakdown`): total − that. 京丹後市's example computes the 給与所得のみの場合（仮計算）
 *   beside the 年税額 [V, the stored page is cut before its last line: the subtraction is ours].
 * - 按分方式 otherwise: 所得割 (市・県 each) × 公的年金等に係る所得 ÷ the sum of the 所得 in the breakdown,
 *   100円未満切捨 [U: the published pages say "公的年金等に係る所得に係る所得割" without a formula].
 * 均等割 (with the 森林環境税) goes with the 給与 when an employer collects it, else with the pension [U:
 * 泉佐野市 and 京丹後市 say 年金所得に係る所得割額及び均等割額 for pension-only taxpayers].
 */
import { ageOn, type ClosedDayOptions } from '../../../jp/index.ts';
import type { Breakdown } from '../model.ts';
import { UnsupportedFiscalYearError } from './figures/index.ts';
import { ordinaryCollection, pensionSpecialCollection, salarySpecialCollection, type Installment, type PensionSchedule } from './schedule.ts';

/** Figures of the 年金特徴 conditions, by fiscal year. */
export interface PensionCollectionFigures {
  /** 4月1日現在の年齢 from which 年金特徴 applies (地方税法321条の7の2① [S]). */
  readonly elderlyAge: number;
  /** 老齢基礎年金等の年額 below which it does not apply (18万円). */
  readonly minimumAnnualPension: number;
  readonly source: string;
}

const FIGURES_2025_2026: PensionCollectionFigures = {
  elderlyAge: 65,
  minimumAnnualPension: 180_000,
  source: '地方税法321条の7の2 [S]; 65歳・18万円 [V] 水戸市・京丹後市・葉山町・南関町・泉佐野市の案内 (RULEBOOK §1.9)',
};

const FIGURES_BY_YEAR: ReadonlyMap<number, PensionCollectionFigures> = new Map([
  [2025, FIGURES_2025_2026],
  [2026, FIGURES_2025_2026],
]);

export const PENSION_COLLECTION_YEARS: readonly number[] = [...FIGURES_BY_YEAR.keys()];

export function pensionCollectionFigures(fiscalYear: number): PensionCollectionFigures {
  const figures = FIGURES_BY_YEAR.get(fiscalYear);
  if (!figures) throw new UnsupportedFiscalYearError(fiscalYear);
  return figures;
}

/** 年齢 on 4月1日 of `fiscalYear` (the day of reaching an age counts: 年齢計算ニ関スル法律, RULEBOOK §19.2). */
export function ageOnApril1(fiscalYear: number, birthDate: string): number {
  const april1 = `${fiscalYear}-04-01`;
  return birthDate > april1 ? 0 : ageOn(birthDate, april1);
}

/** What the 年金特徴 test needs and the income documents do not carry. */
export interface PensionCollectionFacts {
  /** 当該年度の4月1日現在の年齢 (`ageOnApril1`). */
  readonly ageOnApril1: number;
  /** 老齢基礎年金等（特別徴収対象年金）の年額. */
  readonly oldAgePensionAnnual: number;
  /** 介護保険料がその年金から特別徴収されている. */
  readonly careInsuranceDeducted: boolean;
  /** 給与支払者が給与特別徴収している (給与支払報告書に特別徴収義務者あり). Default false. */
  readonly salaryWithheldByEmployer?: boolean;
  /**
   * 給与・年金以外の所得に係る税額も給与特徴に加算する (地方税法321条の3② [S]; the taxpayer may ask for
   * 普通徴収 in the 申告). Default true; only matters with `salaryWithheldByEmployer`.
   */
  readonly otherIncomeWithSalary?: boolean;
  /** The same taxpayer assessed without the 公的年金等: gives the pension part by 差額方式. */
  readonly nonPensionBreakdown?: Breakdown;
}

export type PensionConditionId = 'pensionTax' | 'age' | 'annualPension' | 'careInsurance' | 'notExceedingPension';

/** One statutory condition, checked, with the sentence a clerk reads out. */
export interface PensionCondition {
  readonly condition: PensionConditionId;
  readonly met: boolean;
  readonly message: string;
}

/** A part of the annual tax by the income it is due to. */
export interface TaxPart {
  readonly incomeLevy: number;
  /** 均等割 (市・県) and 森林環境税, when this part carries them. */
  readonly perCapita: number;
  readonly total: number;
}

export interface CollectionAmounts {
  /** 公的年金からの特別徴収. */
  readonly pensionSpecial: number;
  /** 給与からの特別徴収. */
  readonly salarySpecial: number;
  /** 普通徴収. */
  readonly ordinary: number;
}

export interface PensionCollection {
  readonly fiscalYear: number;
  /** 年金特徴 applies (every condition met). */
  readonly applies: boolean;
  /** How the pension part was computed. */
  readonly method: 'difference' | 'apportionment';
  /** The annual tax by income: 公的年金等・給与・その他. Sums to the breakdown's total. */
  readonly parts: { readonly pension: TaxPart; readonly salary: TaxPart; readonly other: TaxPart };
  /** The annual tax by collection method. Sums to the breakdown's total. */
  readonly amounts: CollectionAmounts;
  readonly conditions: readonly PensionCondition[];
  /** In Japanese: why 年金特徴 does not apply, and where each part goes. */
  readonly reasons: readonly string[];
  readonly unconfirmedFigures: readonly string[];
}

const yen = (n: number): string => `${n.toLocaleString('ja-JP')}円`;
const stepAmount = (b: Breakdown, id: string): number => b.steps.find((s) => s.step === id)?.amount ?? 0;
/** floor(amount × numerator ÷ denominator) in exact integer arithmetic, then 100円未満切捨. */
const share100 = (amount: number, numerator: number, denominator: number): number =>
  denominator <= 0 ? 0 : Math.floor(Number((BigInt(amount) * BigInt(numerator)) / BigInt(denominator)) / 100) * 100;
const part = (incomeLevy: number, perCapita: number): TaxPart => ({ incomeLevy, perCapita, total: incomeLevy + perCapita });

/**
 * The statutory conditions, each with its Japanese sentence. `pensionPart` (the amount 年金特徴 would
 * collect) null: the tax is not known and the two tax conditions are left out.
 */
export function pensionCollectionConditions(
  fiscalYear: number,
  facts: Pick<PensionCollectionFacts, 'ageOnApril1' | 'oldAgePensionAnnual' | 'careInsuranceDeducted'>,
  pensionPart: number | null,
): PensionCondition[] {
  const f = pensionCollectionFigures(fiscalYear);
  const conditions: PensionCondition[] = [];
  if (pensionPart !== null) {
    conditions.push({
      condition: 'pensionTax', met: pensionPart > 0,
      message: pensionPart > 0 ? `公的年金等に係る所得の税額 ${yen(pensionPart)}` : '公的年金等に係る所得の税額がありません（年金から徴収する税額なし）',
    });
  }
  const old = facts.ageOnApril1 >= f.elderlyAge;
  conditions.push({
    condition: 'age', met: old,
    message: `${fiscalYear}年4月1日現在 ${facts.ageOnApril1}歳（${old ? `${f.elderlyAge}歳以上` : `${f.elderlyAge}歳未満のため年金特徴の対象外`}）`,
  });
  const enough = facts.oldAgePensionAnnual >= f.minimumAnnualPension;
  conditions.push({
    condition: 'annualPension', met: enough,
    message: `老齢基礎年金等の年額 ${yen(facts.oldAgePensionAnnual)}（${enough ? `${yen(f.minimumAnnualPension)}以上` : `${yen(f.minimumAnnualPension)}未満のため年金特徴の対象外`}）`,
  });
  conditions.push({
    condition: 'careInsurance', met: facts.careInsuranceDeducted,
    message: facts.careInsuranceDeducted ? '介護保険料が年金から特別徴収されている' : '介護保険料が年金から特別徴収されていないため年金特徴の対象外',
  });
  if (pensionPart !== null) {
    const within = pensionPart <= facts.oldAgePensionAnnual;
    conditions.push({
      condition: 'notExceedingPension', met: within,
      message: within
        ? `年金特徴税額 ${yen(pensionPart)} は老齢基礎年金等の年額以下`
        : `年金特徴税額 ${yen(pensionPart)} が老齢基礎年金等の年額 ${yen(facts.oldAgePensionAnnual)} を超えるため年金特徴の対象外`,
    });
  }
  return conditions;
}

/**
 * Whether 年金特徴 applies to the taxpayer of `breakdown`, the annual amount it collects, and what goes
 * to 給与特別徴収 and 普通徴収 — with the reasons in Japanese.
 */
export function pensionCollectionOf(fiscalYear: number, breakdown: Breakdown, facts: PensionCollectionFacts): PensionCollection {
  const f = pensionCollectionFigures(fiscalYear);
  const t = breakdown.totals;
  const unconfirmed: string[] = [];
  const incomes = {
    salary: stepAmount(breakdown, 'salaryIncome'),
    pension: stepAmount(breakdown, 'pensionIncome'),
    other: stepAmount(breakdown, 'otherIncome') + stepAmount(breakdown, 'dividendIncome'),
  };
  const incomeSum = incomes.salary + incomes.pension + incomes.other;
  const levy: [number, number] = [t.cityIncomeLevy, t.prefIncomeLevy];
  const perCapita = t.cityPerCapitaLevy + t.prefPerCapitaLevy + t.forestEnvironmentTax;
  const employer = (facts.salaryWithheldByEmployer ?? false) && stepAmount(breakdown, 'salaryRevenue') > 0;

  // 1. The pension part of 所得割 and 均等割.
  let pensionLevy: number;
  let pensionPerCapita: number;
  const without = facts.nonPensionBreakdown;
  if (without) {
    const w = without.totals;
    pensionLevy = Math.max(0, levy[0] - w.cityIncomeLevy) + Math.max(0, levy[1] - w.prefIncomeLevy);
    pensionPerCapita = Math.max(0, perCapita - (w.cityPerCapitaLevy + w.prefPerCapitaLevy + w.forestEnvironmentTax));
  } else {
    pensionLevy = incomes.pension >= incomeSum ? levy[0] + levy[1] : share100(levy[0], incomes.pension, incomeSum) + share100(levy[1], incomes.pension, incomeSum);
    if (incomes.pension > 0 && incomes.pension < incomeSum) unconfirmed.push('年金所得に係る所得割の按分（所得割 × 公的年金等に係る所得 ÷ 所得の合計、100円未満切捨）');
    pensionPerCapita = !employer && incomes.pension > 0 ? perCapita : 0;
    if (pensionPerCapita > 0 && incomes.pension < incomeSum) unconfirmed.push('給与特徴のない場合に均等割を年金特徴の税額に含めること');
  }
  // 2. The rest between 給与 and the other income (按分, the rounding to the other income).
  const restLevy = levy[0] + levy[1] - pensionLevy;
  const restPerCapita = perCapita - pensionPerCapita;
  const nonPensionIncome = incomes.salary + incomes.other;
  const salaryLevy = incomes.other === 0 ? restLevy : share100(restLevy, incomes.salary, nonPensionIncome);
  const salaryPerCapita = employer || incomes.other === 0 ? restPerCapita : 0;
  const parts = {
    pension: part(pensionLevy, pensionPerCapita),
    salary: part(salaryLevy, salaryPerCapita),
    other: part(restLevy - salaryLevy, restPerCapita - salaryPerCapita),
  };

  // 3. The conditions and where each part goes.
  const conditions = pensionCollectionConditions(fiscalYear, facts, parts.pension.total);
  const applies = conditions.every((c) => c.met);
  const reasons = conditions.filter((c) => !c.met).map((c) => c.message);
  const amounts = { pensionSpecial: 0, salarySpecial: 0, ordinary: 0 };
  if (parts.pension.total > 0) {
    if (applies) {
      amounts.pensionSpecial += parts.pension.total;
      reasons.push(`公的年金等に係る所得の税額 ${yen(parts.pension.total)} は年金から特別徴収`);
    } else if (employer && facts.ageOnApril1 < f.elderlyAge) {
      amounts.salarySpecial += parts.pension.total;
      reasons.push(`${f.elderlyAge}歳未満のため、公的年金等に係る所得の税額 ${yen(parts.pension.total)} は給与から特別徴収（平成22年度改正）`);
    } else {
      amounts.ordinary += parts.pension.total;
      reasons.push(employer
        ? `公的年金等に係る所得の税額 ${yen(parts.pension.total)} は普通徴収（${f.elderlyAge}歳以上の年金所得に係る税額は給与から特別徴収できません）`
        : `公的年金等に係る所得の税額 ${yen(parts.pension.total)} は普通徴収`);
    }
  }
  if (parts.salary.total > 0) {
    if (employer) amounts.salarySpecial += parts.salary.total;
    else amounts.ordinary += parts.salary.total;
    reasons.push(`給与所得等の税額 ${yen(parts.salary.total)} は${employer ? '給与から特別徴収' : '普通徴収'}`);
  }
  if (parts.other.total > 0) {
    const withSalary = employer && (facts.otherIncomeWithSalary ?? true);
    if (withSalary) amounts.salarySpecial += parts.other.total;
    else amounts.ordinary += parts.other.total;
    reasons.push(`その他の所得の税額 ${yen(parts.other.total)} は${withSalary ? '給与から特別徴収（給与特徴に加算）' : '普通徴収'}`);
  }
  return {
    fiscalYear, applies, method: without ? 'difference' : 'apportionment', parts, amounts, conditions, reasons, unconfirmedFigures: unconfirmed,
  };
}

export interface PensionCollectionSchedule {
  /** 年金特徴 (仮徴収・本徴収; first year: its 普通徴収 of 6・8月 and 本徴収 from 10月), null when none. */
  readonly pension: PensionSchedule | null;
  /** 給与特別徴収 of the 給与 part (6月〜翌5月). */
  readonly salary: readonly Installment[];
  /** 普通徴収 of what neither collects (4期). */
  readonly ordinary: readonly Installment[];
}

/**
 * The installments of each collection method, from rules/schedule.ts: `previousYearSpecial` is the
 * 前年度の年金特徴税額 (null = first year of 年金特徴). In the first year the pension part's 普通徴収 falls
 * in the first two of `ordinaryMonths` (default 6・8月).
 */
export function pensionCollectionInstallments(
  collection: PensionCollection, previousYearSpecial: number | null,
  ordinaryMonths?: readonly number[], options: ClosedDayOptions = {},
): PensionCollectionSchedule {
  const { fiscalYear, amounts } = collection;
  const firstYearMonths = ordinaryMonths && ordinaryMonths.length >= 2 ? ordinaryMonths.slice(0, 2) : [6, 8];
  return {
    pension: amounts.pensionSpecial > 0 ? pensionSpecialCollection(fiscalYear, amounts.pensionSpecial, previousYearSpecial, firstYearMonths, options) : null,
    salary: amounts.salarySpecial > 0 ? salarySpecialCollection(fiscalYear, amounts.salarySpecial, options) : [],
    ordinary: amounts.ordinary > 0 ? ordinaryCollection(fiscalYear, amounts.ordinary, ordinaryMonths, options) : [],
  };
}

/** Every installment of a schedule in one list, by month (普通徴収 before 特別徴収 within a month). */
export function allInstallments(schedule: PensionCollectionSchedule): Installment[] {
  const p = schedule.pension;
  const all = [...schedule.ordinary, ...(p ? [...p.ordinary, ...p.provisional, ...p.main] : []), ...schedule.salary];
  return all.sort((a, b) => a.month.localeCompare(b.month) || (a.collection === b.collection ? 0 : a.collection === 'ordinaryCollection' ? -1 : 1));
}
