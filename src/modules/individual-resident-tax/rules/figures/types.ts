/**
 * Shape of the dated figures of 個人住民税 (DESIGN §1.4: rates and thresholds are data keyed by
 * fiscalYear). Amounts are integer yen; rates are decimal strings for `applyRate` (src/jp/money.ts).
 * `confirmed: false` marks a figure tagged [U] in RULEBOOK §1: usable, but to be checked against
 * the 官報 / 総務省 text before a real assessment run.
 */

/** A band of a piecewise formula: applies from `from` (inclusive) up to the next band's `from`. */
export interface FormulaBand {
  readonly from: number;
  /** `income`: the amount itself; `quarter`: 収入 ÷ 4, 1,000円未満切捨 (所得税法別表第五 closed form). */
  readonly base: 'income' | 'quarter';
  readonly rate: string;
  readonly constant: number;
  /** 1円未満: floor unless the rule says 切上げ (生命保険料・地震保険料控除). */
  readonly rounding?: 'floor' | 'ceil';
}

/** A step table: the amount of the first row whose `upTo` (inclusive) is ≥ the key. */
export interface StepRow<T = number> {
  readonly upTo: number;
  readonly value: T;
}

/** Amounts that depend on the taxpayer's 合計所得金額 band (≤900万 / ≤950万 / ≤1,000万). */
export type ByTaxpayerBand = readonly [number, number, number];

export interface Figure<T> {
  readonly value: T;
  /** false = [U] in RULEBOOK: not yet confirmed against the primary text. */
  readonly confirmed: boolean;
}

export interface Figures {
  readonly fiscalYear: number;
  /** The calendar year whose income is assessed (賦課期日 1月1日 of fiscalYear). */
  readonly incomeYear: number;
  readonly salaryIncome: readonly FormulaBand[];
  readonly incomeAdjustment: {
    readonly salaryFrom: number;
    readonly salaryCap: number;
    readonly rate: string;
    readonly pensionSalaryEach: number;
  };
  readonly pension: {
    readonly elderlyAge: number;
    readonly under65: readonly FormulaBand[];
    readonly age65Plus: readonly FormulaBand[];
    /** Other 合計所得 over `over` reduces the 公的年金等控除 (adds to income) by `add`. */
    readonly otherIncomeBands: readonly { readonly over: number; readonly add: number }[];
  };
  readonly deductions: {
    readonly basic: readonly StepRow[];
    /** 合計所得金額 upper edges of the taxpayer bands for 配偶者(特別)控除. */
    readonly taxpayerBands: readonly [number, number, number];
    readonly spouseIncomeLimit: number;
    readonly spouseGeneral: ByTaxpayerBand;
    readonly spouseElderly: ByTaxpayerBand;
    readonly spouseElderlyAge: number;
    /** Keyed by spouse 合計所得金額 (above spouseIncomeLimit). */
    readonly spouseSpecial: readonly StepRow<ByTaxpayerBand>[];
    readonly dependantIncomeLimit: number;
    readonly dependantGeneral: number;
    readonly dependantSpecific: number;
    readonly dependantElderly: number;
    readonly dependantCohabitingParent: number;
    readonly dependantMinAge: number;
    readonly specificAges: readonly [number, number];
    readonly elderlyAge: number;
    /** 特定親族特別控除 (new in FY2026), keyed by the relative's 合計所得金額; null before. */
    readonly specificRelative: Figure<readonly StepRow[]> | null;
    readonly disabled: number;
    readonly speciallyDisabled: number;
    readonly cohabitingSpeciallyDisabled: number;
    readonly widow: number;
    readonly singleParent: number;
    readonly widowSingleParentIncomeLimit: number;
    readonly workingStudent: number;
    readonly workingStudentIncomeLimit: number;
    readonly lifeInsurance: {
      readonly newContract: readonly FormulaBand[];
      readonly newCap: number;
      readonly oldContract: readonly FormulaBand[];
      readonly oldCap: number;
      readonly mixedCap: number;
      readonly totalCap: number;
    };
    readonly earthquake: { readonly rate: string; readonly cap: number; readonly oldLongTerm: readonly FormulaBand[]; readonly oldCap: number; readonly totalCap: number };
    readonly medical: { readonly floor: number; readonly floorRate: string; readonly cap: number };
  };
  /** 調整控除 人的控除額の差 (地方税法37条・314条の6). */
  readonly adjustment: {
    readonly totalIncomeLimit: number;
    readonly threshold: number;
    readonly minimum: number;
    readonly basic: number;
    readonly spouseGeneral: ByTaxpayerBand;
    readonly spouseElderly: ByTaxpayerBand;
    readonly spouseSpecial: Figure<readonly StepRow<ByTaxpayerBand>[]>;
    readonly dependantGeneral: number;
    readonly dependantSpecific: number;
    readonly dependantElderly: number;
    readonly dependantCohabitingParent: number;
    readonly specificRelative: Figure<readonly StepRow[]> | null;
    readonly disabled: number;
    readonly speciallyDisabled: number;
    readonly cohabitingSpeciallyDisabled: number;
    readonly widow: number;
    readonly singleParentMother: number;
    readonly singleParentFather: number;
    readonly workingStudent: number;
  };
  readonly rates: {
    /** [市, 県] 所得割 standard rates; and for 指定都市 residents. */
    readonly standard: readonly [string, string];
    readonly designatedCity: readonly [string, string];
    /** 調整控除 rates [市, 県] and the 2,500円 minimum split. */
    readonly adjustmentStandard: readonly [string, string];
    readonly adjustmentDesignated: readonly [string, string];
    readonly adjustmentMinimumStandard: readonly [number, number];
    readonly adjustmentMinimumDesignated: readonly [number, number];
  };
  readonly dividendCredit: {
    readonly threshold: number;
    readonly below: { readonly standard: readonly [string, string]; readonly designated: readonly [string, string] };
    readonly above: { readonly standard: readonly [string, string]; readonly designated: readonly [string, string] };
  };
  readonly housingLoan: Figure<{ readonly rate: string; readonly cap: number; readonly specifiedRate: string; readonly specifiedCap: number }>;
  readonly donation: {
    readonly floor: number;
    readonly incomeCapRate: string;
    readonly basicRate: { readonly standard: readonly [string, string]; readonly designated: readonly [string, string] };
    /** Share of the 特例控除 going to the 市 (the rest to the 県). */
    readonly specialCityShare: { readonly standard: string; readonly designated: string };
    readonly specialCapRate: string;
    /** Keyed by 課税総所得金額 − 人的控除差調整額 (−1 row = negative). */
    readonly specialRates: readonly StepRow<{ readonly incomeTaxRate: string; readonly specialRate: string; readonly oneStop: readonly [number, number] }>[];
  };
  readonly perCapita: { readonly city: number; readonly pref: number; readonly forestEnvironmentTax: number };
  readonly exemption: {
    readonly vulnerableIncomeLimit: number;
    readonly minorAge: number;
    /** 均等割 非課税 (政令基準) by 級地 1–3: per-person, fixed addition, with-dependants addition. */
    readonly perCapitaByGrade: Readonly<Record<1 | 2 | 3, { readonly perPerson: number; readonly base: number; readonly withDependants: number }>>;
    readonly incomeLevy: { readonly perPerson: number; readonly base: number; readonly withDependants: number };
  };
}
