/**
 * Input and output of the 個人住民税 assessment engine. Money is integer yen; ages are as of
 * 12月31日 of the income year (所得税法85条, 地方税法 follows), which the caller computes with
 * src/jp `ageOn`.
 */
import { z } from 'zod';

const yen = (description: string) => z.number().int().min(0).default(0).describe(description);
const disability = z.enum(['none', 'disabled', 'speciallyDisabled', 'cohabitingSpeciallyDisabled'])
  .default('none').describe('障害者区分（なし／障害者／特別障害者／同居特別障害者）');

export const spouseSchema = z.object({
  age: z.number().int().min(0).describe('配偶者の年齢（前年12月31日現在）'),
  totalIncome: yen('配偶者の合計所得金額'),
  disability,
});

export const dependantSchema = z.object({
  age: z.number().int().min(0).describe('扶養親族の年齢（前年12月31日現在）'),
  totalIncome: yen('扶養親族の合計所得金額'),
  livesWithTaxpayer: z.boolean().default(false).describe('納税義務者又は配偶者と同居している'),
  linealAscendant: z.boolean().default(false).describe('納税義務者又は配偶者の直系尊属（同居老親等の判定）'),
  disability,
});

export const assessmentInputSchema = z.object({
  age: z.number().int().min(0).describe('納税義務者の年齢（前年12月31日現在）'),
  salaryRevenue: yen('給与収入金額'),
  pensionRevenue: yen('公的年金等の収入金額'),
  otherIncome: yen('その他の総合課税の所得金額（事業・不動産・雑（年金以外）等、必要経費控除後）'),
  dividendIncome: yen('総合課税の配当所得の金額（配当控除の対象、その他の所得に含めない）'),
  carriedForwardLosses: yen('純損失・雑損失の繰越控除額'),
  socialInsurance: yen('社会保険料・小規模企業共済等掛金の支払額'),
  lifeInsurance: z.object({
    newGeneral: yen('一般生命保険料（新契約）'),
    oldGeneral: yen('一般生命保険料（旧契約）'),
    medicalCare: yen('介護医療保険料'),
    newAnnuity: yen('個人年金保険料（新契約）'),
    oldAnnuity: yen('個人年金保険料（旧契約）'),
  }).prefault({}).describe('生命保険料の支払額'),
  earthquakeInsurance: z.object({
    earthquake: yen('地震保険料'),
    oldLongTerm: yen('旧長期損害保険料'),
  }).prefault({}).describe('地震保険料の支払額'),
  medicalExpenses: z.object({
    paid: yen('支払った医療費'),
    reimbursed: yen('保険金等で補填される金額'),
  }).prefault({}).describe('医療費'),
  disability,
  widowOrSingleParent: z.enum(['none', 'widow', 'singleParentMother', 'singleParentFather']).default('none')
    .describe('寡婦・ひとり親（母／父）の別'),
  workingStudent: z.boolean().default(false).describe('勤労学生'),
  spouse: spouseSchema.nullable().default(null).describe('生計を一にする配偶者（いなければnull）'),
  dependants: z.array(dependantSchema).default([]).describe('生計を一にする親族（16歳未満を含む）'),
  livelihoodAssistance: z.boolean().default(false).describe('1月1日現在 生活保護の生活扶助を受けている'),
  minor: z.boolean().optional().describe('1月1日現在 未成年者（省略時は年齢18歳未満で判定）'),
  incomeAdjustmentEligible: z.boolean().optional()
    .describe('所得金額調整控除(子ども・特別障害者等)の要件（省略時は扶養親族等から判定）'),
  housingLoan: z.object({
    incomeTaxUnused: yen('所得税で控除しきれなかった住宅借入金等特別控除額'),
    incomeTaxTaxableIncome: yen('所得税の課税総所得金額等'),
    specifiedAcquisition: z.boolean().default(false).describe('平成26年4月〜令和3年12月の特定取得（7%・136,500円）'),
  }).nullable().default(null).describe('住宅借入金等特別税額控除の基礎'),
  donations: z.object({
    hometown: yen('都道府県・市区町村への寄附金（ふるさと納税）'),
    other: yen('その他の控除対象寄附金（市・県とも条例指定のもの）'),
    oneStop: z.boolean().default(false).describe('寄附金税額控除に係る申告特例（ワンストップ特例）の適用'),
  }).prefault({}).describe('寄附金'),
});

export type AssessmentInput = z.output<typeof assessmentInputSchema>;
export type AssessmentInputDraft = z.input<typeof assessmentInputSchema>;
export type SpouseInput = z.output<typeof spouseSchema>;
export type DependantInput = z.output<typeof dependantSchema>;
export type Disability = DependantInput['disability'];

/** Per-tenant settings: 指定都市, 超過課税, 級地. */
export const tenantRatesSchema = z.object({
  designatedCity: z.boolean().default(false).describe('指定都市（所得割 市8%・県2%）'),
  cityIncomeRate: z.string().regex(/^\d+(\.\d+)?$/).optional().describe('市町村民税所得割の税率（超過課税の場合、例 "0.061"）'),
  prefIncomeRate: z.string().regex(/^\d+(\.\d+)?$/).optional().describe('道府県民税所得割の税率（超過課税の場合）'),
  cityPerCapita: z.number().int().min(0).optional().describe('市町村民税均等割（超過課税の場合）'),
  prefPerCapita: z.number().int().min(0).optional().describe('道府県民税均等割（森林税等の超過課税を含む）'),
  grade: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(3).describe('生活保護の級地（1〜3級地; 非課税限度額）'),
});

export type TenantRates = z.output<typeof tenantRatesSchema>;
export type TenantRatesDraft = z.input<typeof tenantRatesSchema>;

/** One named line of the bill. `side` says whose tax a line belongs to when it is split. */
export interface BreakdownStep {
  readonly step: string;
  readonly label: string;
  readonly amount: number;
  readonly side?: 'city' | 'pref' | 'national';
  readonly basis?: string;
}

export interface AssessmentTotals {
  readonly totalIncome: number;
  readonly totalIncomeEtc: number;
  readonly taxableIncome: number;
  readonly cityIncomeLevy: number;
  readonly prefIncomeLevy: number;
  readonly cityPerCapitaLevy: number;
  readonly prefPerCapitaLevy: number;
  readonly forestEnvironmentTax: number;
  readonly total: number;
}

export interface Breakdown {
  readonly fiscalYear: number;
  readonly steps: readonly BreakdownStep[];
  readonly totals: AssessmentTotals;
  readonly exemption: 'none' | 'incomeLevy' | 'all';
  /** [U] figures the result relied on (see RULEBOOK): a clerk must know. */
  readonly unconfirmedFigures: readonly string[];
}
