/**
 * 令和7年度 (FY2025) 個人住民税 figures: income of calendar 2024. Sources are RULEBOOK §1 rows; each
 * tag is the RULEBOOK tag ([V] verified public source, [S] statute knowledge, [U] unconfirmed).
 */
import type { Figures, FormulaBand } from './types.ts';

const band = (from: number, base: FormulaBand['base'], rate: string, constant: number, rounding?: 'ceil'): FormulaBand =>
  rounding ? { from, base, rate, constant, rounding } : { from, base, rate, constant };

// 公的年金等に係る雑所得 (所得税法35条④, from 2020 income). RULEBOOK §1.4 [S].
const pensionTail: FormulaBand[] = [
  band(4_100_000, 'income', '0.85', -685_000),
  band(7_700_000, 'income', '0.95', -1_455_000),
  band(10_000_000, 'income', '1', -1_955_000),
];

export const FY2025: Figures = {
  fiscalYear: 2025,
  incomeYear: 2024,
  // 給与所得 (所得税法28条, 別表第五 closed form with A = 収入÷4 1,000円未満切捨). RULEBOOK §1.3 [S];
  // deduction table [V] https://www.city.chikuma.lg.jp/soshiki/zeimu/zeikin/12/1/11798.html
  salaryIncome: [
    band(0, 'income', '0', 0),
    band(551_000, 'income', '1', -550_000),
    // 別表第五 fixed rows 1,619,000–1,627,999 [S]
    band(1_619_000, 'income', '0', 1_069_000),
    band(1_620_000, 'income', '0', 1_070_000),
    band(1_622_000, 'income', '0', 1_072_000),
    band(1_624_000, 'income', '0', 1_074_000),
    band(1_628_000, 'quarter', '2.4', 100_000),
    band(1_800_000, 'quarter', '2.8', -80_000),
    band(3_600_000, 'quarter', '3.2', -440_000),
    band(6_600_000, 'income', '0.9', -1_100_000),
    band(8_500_000, 'income', '1', -1_950_000),
  ],
  // 所得金額調整控除 (租税特別措置法41条の3の3). RULEBOOK §1.3 [S].
  incomeAdjustment: { salaryFrom: 8_500_000, salaryCap: 10_000_000, rate: '0.1', pensionSalaryEach: 100_000 },
  pension: {
    elderlyAge: 65,
    under65: [band(0, 'income', '1', -600_000), band(1_300_000, 'income', '0.75', -275_000), ...pensionTail],
    age65Plus: [band(0, 'income', '1', -1_100_000), band(3_300_000, 'income', '0.75', -275_000), ...pensionTail],
    // 年金以外の合計所得 1,000万超 −10万, 2,000万超 −20万 of 控除. RULEBOOK §1.4 [S].
    otherIncomeBands: [{ over: 10_000_000, add: 100_000 }, { over: 20_000_000, add: 200_000 }],
  },
  deductions: {
    // 基礎控除 (地方税法314条の2②). RULEBOOK §1.5 [V] https://www.vill.kawakami.nagano.jp/www/contents/1764061245622/index.html
    basic: [
      { upTo: 24_000_000, value: 430_000 },
      { upTo: 24_500_000, value: 290_000 },
      { upTo: 25_000_000, value: 150_000 },
      { upTo: Number.MAX_SAFE_INTEGER, value: 0 },
    ],
    // 配偶者控除・配偶者特別控除 (住民税 amounts). RULEBOOK §1.5 [V] https://www.city.tajimi.lg.jp/kurashi/zekin/shurui/sagaku.html
    taxpayerBands: [9_000_000, 9_500_000, 10_000_000],
    spouseIncomeLimit: 480_000,
    spouseGeneral: [330_000, 220_000, 110_000],
    spouseElderly: [380_000, 260_000, 130_000],
    spouseElderlyAge: 70,
    spouseSpecial: [
      { upTo: 1_000_000, value: [330_000, 220_000, 110_000] },
      { upTo: 1_050_000, value: [310_000, 210_000, 110_000] },
      { upTo: 1_100_000, value: [260_000, 180_000, 90_000] },
      { upTo: 1_150_000, value: [210_000, 140_000, 70_000] },
      { upTo: 1_200_000, value: [160_000, 110_000, 60_000] },
      { upTo: 1_250_000, value: [110_000, 80_000, 40_000] },
      { upTo: 1_300_000, value: [60_000, 40_000, 20_000] },
      { upTo: 1_330_000, value: [30_000, 20_000, 10_000] },
    ],
    // 扶養控除 (住民税). RULEBOOK §1.5 [V] https://www.town.shintotsukawa.lg.jp/hotnews/detail/00000085.html
    dependantIncomeLimit: 480_000,
    dependantGeneral: 330_000,
    dependantSpecific: 450_000,
    dependantElderly: 380_000,
    dependantCohabitingParent: 450_000,
    dependantMinAge: 16,
    specificAges: [19, 22],
    elderlyAge: 70,
    specificRelative: null,
    // 障害者・寡婦・ひとり親・勤労学生. RULEBOOK §1.5 [V] shintotsukawa / tajimi
    disabled: 260_000,
    speciallyDisabled: 300_000,
    cohabitingSpeciallyDisabled: 530_000,
    widow: 260_000,
    singleParent: 300_000,
    widowSingleParentIncomeLimit: 5_000_000,
    workingStudent: 260_000,
    workingStudentIncomeLimit: 750_000,
    // 生命保険料控除 (地方税法314条の2①五の三), 1円未満切上げ. RULEBOOK §1.5 [S]
    lifeInsurance: {
      newContract: [band(0, 'income', '1', 0), band(12_001, 'income', '0.5', 6_000, 'ceil'), band(32_001, 'income', '0.25', 14_000, 'ceil'), band(56_001, 'income', '0', 28_000)],
      newCap: 28_000,
      oldContract: [band(0, 'income', '1', 0), band(15_001, 'income', '0.5', 7_500, 'ceil'), band(40_001, 'income', '0.25', 17_500, 'ceil'), band(70_001, 'income', '0', 35_000)],
      oldCap: 35_000,
      mixedCap: 28_000,
      totalCap: 70_000,
    },
    // 地震保険料控除 (地方税法314条の2①五の四). RULEBOOK §1.5 [S]
    earthquake: {
      rate: '0.5',
      cap: 25_000,
      oldLongTerm: [band(0, 'income', '1', 0), band(5_001, 'income', '0.5', 2_500, 'ceil'), band(15_001, 'income', '0', 10_000)],
      oldCap: 10_000,
      totalCap: 25_000,
    },
    // 医療費控除: 10万 or 総所得金額等×5%, max 200万. RULEBOOK §1.5 [S]
    medical: { floor: 100_000, floorRate: '0.05', cap: 2_000_000 },
  },
  // 調整控除 (地方税法37条・314条の6). RULEBOOK §1.6 [S]; 差額表 [V] https://www.town.kimobetsu.hokkaido.jp/life/detail.php?content=139
  adjustment: {
    totalIncomeLimit: 25_000_000,
    threshold: 2_000_000,
    minimum: 2_500,
    basic: 50_000,
    spouseGeneral: [50_000, 40_000, 20_000],
    spouseElderly: [100_000, 60_000, 30_000],
    // 配偶者特別控除 差: 48万超50万未満 5万, 50万以上55万未満 3万 (≤900万; lower above). [S]
    spouseSpecial: {
      confirmed: true,
      value: [
        { upTo: 499_999, value: [50_000, 40_000, 20_000] },
        { upTo: 549_999, value: [30_000, 20_000, 10_000] },
        { upTo: Number.MAX_SAFE_INTEGER, value: [0, 0, 0] },
      ],
    },
    dependantGeneral: 50_000,
    dependantSpecific: 180_000,
    dependantElderly: 100_000,
    dependantCohabitingParent: 130_000,
    specificRelative: null,
    disabled: 10_000,
    speciallyDisabled: 100_000,
    cohabitingSpeciallyDisabled: 220_000,
    widow: 10_000,
    singleParentMother: 50_000,
    singleParentFather: 10_000,
    workingStudent: 10_000,
  },
  // 所得割 standard rates 市6%/県4%, 指定都市 8%/2% (地方税法35条・314条の3, since 平成30年度). RULEBOOK §1.1 [S]
  rates: {
    standard: ['0.06', '0.04'],
    designatedCity: ['0.08', '0.02'],
    adjustmentStandard: ['0.03', '0.02'],
    adjustmentDesignated: ['0.04', '0.01'],
    adjustmentMinimumStandard: [1_500, 1_000],
    adjustmentMinimumDesignated: [2_000, 500],
  },
  // 配当控除 (地方税法附則5条). RULEBOOK §1.8 [S]
  dividendCredit: {
    threshold: 10_000_000,
    below: { standard: ['0.016', '0.012'], designated: ['0.0224', '0.0056'] },
    above: { standard: ['0.008', '0.006'], designated: ['0.0112', '0.0028'] },
  },
  // 住宅借入金等特別税額控除 (地方税法附則5条の4の2): 5% max 97,500; 特定取得 7% max 136,500. RULEBOOK §1.8 [S/U]
  housingLoan: { confirmed: false, value: { rate: '0.05', cap: 97_500, specifiedRate: '0.07', specifiedCap: 136_500 } },
  // 寄附金税額控除 (地方税法37条の2・314条の7). RULEBOOK §1.8 [V] https://www.city.katsuyama.fukui.jp/site/furusato-katsuyama/123.html
  donation: {
    floor: 2_000,
    incomeCapRate: '0.3',
    basicRate: { standard: ['0.06', '0.04'], designated: ['0.08', '0.02'] },
    specialCityShare: { standard: '0.6', designated: '0.8' },
    specialCapRate: '0.2',
    // 特例控除率 = 90% − 所得税率×1.021; 申告特例控除 ratio = rate×1.021 / (90% − rate×1.021). [S]
    specialRates: [
      { upTo: -1, value: { incomeTaxRate: '0', specialRate: '0.9', oneStop: [0, 1] } },
      { upTo: 1_950_000, value: { incomeTaxRate: '0.05', specialRate: '0.84895', oneStop: [5_105, 84_895] } },
      { upTo: 3_300_000, value: { incomeTaxRate: '0.1', specialRate: '0.7979', oneStop: [10_210, 79_790] } },
      { upTo: 6_950_000, value: { incomeTaxRate: '0.2', specialRate: '0.6958', oneStop: [20_420, 69_580] } },
      { upTo: 9_000_000, value: { incomeTaxRate: '0.23', specialRate: '0.66517', oneStop: [23_483, 66_517] } },
      { upTo: 18_000_000, value: { incomeTaxRate: '0.33', specialRate: '0.56307', oneStop: [33_693, 56_307] } },
      { upTo: 40_000_000, value: { incomeTaxRate: '0.4', specialRate: '0.4916', oneStop: [40_840, 49_160] } },
      { upTo: Number.MAX_SAFE_INTEGER, value: { incomeTaxRate: '0.45', specialRate: '0.44055', oneStop: [45_945, 44_055] } },
    ],
  },
  // 均等割 標準 市3,000/県1,000 + 森林環境税 1,000 (from 令和6年度). RULEBOOK §0, §1.1 [S]
  perCapita: { city: 3_000, pref: 1_000, forestEnvironmentTax: 1_000 },
  // 非課税 (地方税法24条の5・295条, 施行令47条の3). RULEBOOK §1.7 [V] https://www.city.asakura.lg.jp/www/contents/1297149733260/index.html
  exemption: {
    vulnerableIncomeLimit: 1_350_000,
    minorAge: 18,
    perCapitaByGrade: {
      1: { perPerson: 350_000, base: 100_000, withDependants: 210_000 },
      2: { perPerson: 315_000, base: 100_000, withDependants: 189_000 },
      3: { perPerson: 280_000, base: 100_000, withDependants: 168_000 },
    },
    incomeLevy: { perPerson: 350_000, base: 100_000, withDependants: 320_000 },
  },
};
