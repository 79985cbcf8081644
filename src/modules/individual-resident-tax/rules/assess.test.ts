import { describe, expect, it } from 'vitest';
import { assess } from './assess.ts';
import { figuresFor } from './figures/index.ts';
import { ordinaryCollection, salarySpecialCollection } from './schedule.ts';
import { adjustmentCredit } from './tax.ts';

const stepAmount = (b: ReturnType<typeof assess>, step: string): number | undefined => b.steps.find((s) => s.step === step)?.amount;

describe('published worked example: 新潟市 計算例 給与所得者の場合(1) (令和8年度, 指定都市) https://www.city.niigata.lg.jp/kurashi/zei/siraberu/kojin/keisanrei.html', () => {
  const b = assess(2026, {
    age: 45, salaryRevenue: 5_000_000, socialInsurance: 500_000,
    spouse: { age: 43, totalIncome: 0 }, dependants: [{ age: 18, totalIncome: 0 }, { age: 14, totalIncome: 0 }],
  }, { designatedCity: true });
  it('給与所得 3,560,000, 所得控除 1,590,000, 課税標準 1,970,000', () => {
    expect(stepAmount(b, 'salaryIncome')).toBe(3_560_000);
    expect(stepAmount(b, 'deductionsTotal')).toBe(1_590_000);
    expect(b.totals.taxableIncome).toBe(1_970_000);
  });
  it('算出 157,600/39,400, 調整控除 6,000/1,500, 所得割 151,600/37,900, 年税額 194,500', () => {
    expect(stepAmount(b, 'levyBeforeCreditsCity')).toBe(157_600);
    expect(stepAmount(b, 'levyBeforeCreditsPref')).toBe(39_400);
    expect(stepAmount(b, 'adjustmentCreditCity')).toBe(6_000);
    expect(stepAmount(b, 'adjustmentCreditPref')).toBe(1_500);
    expect([b.totals.cityIncomeLevy, b.totals.prefIncomeLevy]).toEqual([151_600, 37_900]);
    expect(b.totals.total).toBe(194_500);
  });
  it('普通徴収 50,500 + 48,000×3 and 給与特別徴収 6月 16,300 + 16,200×11 (same page)', () => {
    expect(ordinaryCollection(2026, b.totals.total).map((i) => i.amount)).toEqual([50_500, 48_000, 48_000, 48_000]);
    const special = salarySpecialCollection(2026, b.totals.total).map((i) => i.amount);
    expect(special[0]).toBe(16_300);
    expect(special.slice(1)).toEqual(Array(11).fill(16_200));
  });
});

describe('調整控除 from published examples (formula unchanged; older 基礎控除 figures upstream)', () => {
  const f = figuresFor(2025);
  it('岐阜市 計算例(1): 合計課税所得 1,300,000, 人的控除差 150,000 → 市4,500 県3,000 https://www.city.gifu.lg.jp/28646.htm', () => {
    expect(adjustmentCredit(f, { designatedCity: false, grade: 3 }, 2_660_000, 1_300_000, 150_000)).toEqual([4_500, 3_000]);
  });
  it('春日井市 計算例1: 課税所得 3,690,000, 差 330,000 → minimum 市1,500 県1,000 http://www.city.kasugai.lg.jp/kurashi/zei/zei/shiminzei2/zeigakukeisansyouryaku/1502shiminzei.html', () => {
    expect(adjustmentCredit(f, { designatedCity: false, grade: 3 }, 6_000_000, 3_690_000, 330_000)).toEqual([1_500, 1_000]);
  });
  it('合計所得 2,500万超 → none (hand-derived, 地方税法314条の6)', () => {
    expect(adjustmentCredit(f, { designatedCity: false, grade: 3 }, 25_000_001, 20_000_000, 50_000)).toEqual([0, 0]);
  });
});

describe('hand-derived from the statute (no published R7/R8 example found): 給与300万 単身 社保45万, 標準税率 FY2025', () => {
  const base = { age: 30, salaryRevenue: 3_000_000, socialInsurance: 450_000 };
  it('課税標準 1,140,000 → 市66,900 県44,600 + 5,000 = 116,500', () => {
    const b = assess(2025, base);
    expect(b.totals).toMatchObject({ totalIncome: 2_020_000, taxableIncome: 1_140_000, cityIncomeLevy: 66_900, prefIncomeLevy: 44_600, total: 116_500 });
  });
  it('ふるさと納税 30,000: 特例控除 hits the 20% cap (市13,380 県8,920) → 91,300', () => {
    const b = assess(2025, { ...base, donations: { hometown: 30_000 } });
    expect(stepAmount(b, 'donationSpecialCreditCity')).toBe(13_380);
    expect(stepAmount(b, 'donationSpecialCreditPref')).toBe(8_920);
    expect(b.totals.total).toBe(91_300);
  });
  it('ふるさと納税 10,000 (5% bracket, 84.895%) → 108,800; with ワンストップ特例 → 108,500', () => {
    expect(assess(2025, { ...base, donations: { hometown: 10_000 } }).totals.total).toBe(108_800);
    const one = assess(2025, { ...base, donations: { hometown: 10_000, oneStop: true } });
    expect([stepAmount(one, 'donationOneStopCreditCity'), stepAmount(one, 'donationOneStopCreditPref')]).toEqual([244, 163]);
    expect(one.totals.total).toBe(108_500);
  });
  it('超過課税 (tenant rates 市6.1%, 県均等割 1,500) is used for 所得割 and 均等割 but not for 調整控除', () => {
    const b = assess(2025, base, { cityIncomeRate: '0.061', prefPerCapita: 1_500 });
    expect(stepAmount(b, 'levyBeforeCreditsCity')).toBe(69_540);
    expect(stepAmount(b, 'adjustmentCreditCity')).toBe(1_500);
    expect(b.totals.cityIncomeLevy).toBe(68_000);
    expect(b.totals.prefPerCapitaLevy).toBe(1_500);
  });
});

describe('非課税 boundaries (地方税法24条の5・295条, 施行令47条の3; RULEBOOK §1.7), hand-derived, FY2026', () => {
  it.each([
    // [級地, 給与収入, expected] single: 3級地 均等割 38万, 1級地 45万, 所得割 45万
    [3, 1_030_000, 'all'], [3, 1_031_000, 'incomeLevy'], [3, 1_100_000, 'incomeLevy'], [3, 1_101_000, 'none'],
    [1, 1_100_000, 'all'], [1, 1_101_000, 'none'], [2, 1_065_000, 'all'], [2, 1_066_000, 'incomeLevy'],
  ] as const)('%i級地 単身 給与 %i → %s', (grade, salaryRevenue, expected) => {
    expect(assess(2026, { age: 40, salaryRevenue }, { grade }).exemption).toBe(expected);
  });
  it('3級地, 配偶者あり (n=2): 均等割 limit 828,000 (RULEBOOK example 82.8万), 所得割 limit 1,120,000', () => {
    const spouse = { age: 40, totalIncome: 0 };
    expect(assess(2026, { age: 40, otherIncome: 828_000, spouse }).exemption).toBe('all');
    expect(assess(2026, { age: 40, otherIncome: 828_001, spouse }).exemption).toBe('incomeLevy');
    expect(assess(2026, { age: 40, otherIncome: 1_120_000, spouse }).exemption).toBe('incomeLevy');
    expect(assess(2026, { age: 40, otherIncome: 1_120_001, spouse }).exemption).toBe('none');
  });
  it('ひとり親 合計所得 1,350,000 exempt, 1,351,000 not; 生活扶助 always exempt; exempt means no 森林環境税', () => {
    expect(assess(2026, { age: 40, otherIncome: 1_350_000, widowOrSingleParent: 'singleParentMother' }).exemption).toBe('all');
    expect(assess(2026, { age: 40, otherIncome: 1_351_000, widowOrSingleParent: 'singleParentMother' }).exemption).not.toBe('all');
    const b = assess(2026, { age: 40, salaryRevenue: 9_000_000, livelihoodAssistance: true });
    expect(b.totals.total).toBe(0);
    expect(b.totals.forestEnvironmentTax).toBe(0);
  });
  it('所得割 only exempt still pays 均等割 + 森林環境税 = 5,000', () => {
    expect(assess(2026, { age: 40, salaryRevenue: 1_100_000 }).totals.total).toBe(5_000);
  });
});

describe('FY2026 changes (RULEBOOK §0), hand-derived', () => {
  it('spouse with 合計所得 550,000: 配偶者特別控除 in FY2025 (>48万), 配偶者控除 in FY2026 (≤58万)', () => {
    const input = { age: 40, salaryRevenue: 6_000_000, spouse: { age: 40, totalIncome: 550_000 } };
    expect(assess(2025, input).steps.some((s) => s.step === 'spouseSpecial')).toBe(true);
    expect(assess(2026, input).steps.some((s) => s.step === 'spouse')).toBe(true);
  });
  it('特定親族特別控除 for a 20-year-old earning 800,000 is flagged [U]', () => {
    const b = assess(2026, { age: 50, salaryRevenue: 6_000_000, dependants: [{ age: 20, totalIncome: 800_000 }] });
    expect(stepAmount(b, 'specificRelative1')).toBe(450_000);
    expect(b.unconfirmedFigures.length).toBeGreaterThan(0);
  });
  it('unknown fiscal year is refused with a Japanese message', () => {
    expect(() => assess(2024, { age: 40 })).toThrow(/2024年度/);
  });
});
