/**
 * Published worked examples (計算例) — 給与所得者 (and one 営業所得者). See examples.fixtures.ts for
 * the conventions. Examples of 令和3〜7年度 are run as FY2025 (2024 income): from 令和3年度 to
 * 令和7年度 the 給与所得控除, 基礎控除 43万, 人的控除, 48万 income limits, 調整控除 and the 所得割
 * rates did not change (RULEBOOK §0, §1.3–§1.6). What did change and is handled per test:
 * 均等割 +500/+500 復興加算 through 令和5年度 and 森林環境税 from 令和6年度 (§0, §1.1); 定額減税 in
 * 令和6年度 (§1.10), applied after the 調整控除, so only the figures before it are asserted.
 */
import { describe, expect, it } from 'vitest';
import { truncateTaxAmount } from '../../../jp/index.ts';
import { assess } from './assess.ts';
import { afterAdjustment, localTaxTotal, pair, step } from './examples.fixtures.ts';
import { figuresFor } from './figures/index.ts';
import { salaryIncome } from './income.ts';

describe('published examples: 給与所得者, 指定都市 and 超過課税', () => {
  it('新潟市「計算例 給与所得者の場合(1)」令和8年度 https://www.city.niigata.lg.jp/kurashi/zei/siraberu/kojin/keisanrei.html', () => {
    const b = assess(2026, {
      age: 45, salaryRevenue: 5_000_000, socialInsurance: 500_000,
      spouse: { age: 43, totalIncome: 0 }, dependants: [{ age: 18, totalIncome: 0 }, { age: 14, totalIncome: 0 }],
    }, { designatedCity: true });
    expect(step(b, 'salaryIncome')).toBe(3_560_000); // A
    expect(step(b, 'deductionsTotal')).toBe(1_590_000); // B
    expect(b.totals.taxableIncome).toBe(1_970_000); // C
    expect(pair(b, 'levyBeforeCredits')).toEqual([157_600, 39_400]); // D, E
    expect(pair(b, 'adjustmentCredit')).toEqual([6_000, 1_500]); // F, G
    expect([b.totals.cityIncomeLevy, b.totals.prefIncomeLevy]).toEqual([151_600, 37_900]); // H, I
    expect([b.totals.cityPerCapitaLevy, b.totals.prefPerCapitaLevy, b.totals.forestEnvironmentTax]).toEqual([3_000, 1_000, 1_000]); // J, K, L
    expect(b.totals.total).toBe(194_500); // M
  });

  it('横浜市「令和7年度市民税・県民税・森林環境税の計算(例)」Aさん (県民税 2.025% 超過課税) https://www.city.yokohama.lg.jp/kurashi/koseki-zei-hoken/zeikin/y-shizei/kojin-shiminzei-kenminzei/kojin-shiminzei-shosai/kojinkeisan.html', () => {
    const b = assess(2025, {
      age: 40, salaryRevenue: 5_500_000, socialInsurance: 394_800,
      lifeInsurance: { newGeneral: 90_000 }, earthquakeInsurance: { earthquake: 20_000 },
      spouse: { age: 40, totalIncome: 0 }, dependants: [{ age: 17, totalIncome: 0 }, { age: 13, totalIncome: 0 }],
    }, { designatedCity: true, prefIncomeRate: '0.02025' });
    expect(step(b, 'salaryIncome')).toBe(3_960_000); // (1)
    expect([step(b, 'socialInsurance'), step(b, 'lifeInsurance'), step(b, 'earthquakeInsurance')]).toEqual([394_800, 28_000, 10_000]); // (2)(3)(4)
    expect([step(b, 'spouse'), step(b, 'dependant1'), step(b, 'basic')]).toEqual([330_000, 330_000, 430_000]); // (5)(6)(7)
    expect(step(b, 'deductionsTotal')).toBe(1_522_800); // (8)
    expect(b.totals.taxableIncome).toBe(2_437_000);
    // (9) 2,437,000×8% = 194,960; (10) ×2.025% = 49,349.25 → 49,349 (1円未満切捨). The page is cut after this.
    expect(pair(b, 'levyBeforeCredits')).toEqual([194_960, 49_349]);
  });

  it('相模原市「市・県民税・森林環境税の計算例」令和6年度 (定額減税前の所得割まで; 県民税 2.025%・均等割 1,300円) http://www-host.city.sagamihara.kanagawa.jp/kurashi/1026448/zeikin/1026477/jyuminzei_kojin/1007716.html', () => {
    const b = assess(2025, {
      age: 40, salaryRevenue: 5_000_000, socialInsurance: 500_000,
      lifeInsurance: { oldGeneral: 120_000, newAnnuity: 70_000, medicalCare: 60_000 },
      spouse: { age: 40, totalIncome: 0 }, dependants: [{ age: 17, totalIncome: 0 }, { age: 12, totalIncome: 0 }],
    }, { designatedCity: true, prefIncomeRate: '0.02025', prefPerCapita: 1_300 });
    expect(step(b, 'salaryIncome')).toBe(3_560_000); // A
    expect(step(b, 'lifeInsurance')).toBe(70_000); // 35,000 + 28,000 + 28,000 → 上限
    expect(step(b, 'deductionsTotal')).toBe(1_660_000); // B
    expect(b.totals.taxableIncome).toBe(1_900_000); // C
    expect(pair(b, 'levyBeforeCredits')).toEqual([152_000, 38_475]); // E, D
    expect(pair(b, 'adjustmentCredit')).toEqual([6_000, 1_500]); // G, F
    expect(afterAdjustment(b)).toEqual([146_000, 36_975]); // I, H (定額減税前)
    expect([b.totals.cityPerCapitaLevy, b.totals.prefPerCapitaLevy]).toEqual([3_000, 1_300]); // K, J
  });

  it('名古屋市「市民税・県民税の計算例(令和7年度)」(市民税 7.7%) https://www.city.nagoya.jp/kurashi/zeikin/1037356/1011880/1011883/1011891.html', () => {
    const b = assess(2025, {
      age: 45, salaryRevenue: 5_505_000, socialInsurance: 825_600, lifeInsurance: { oldGeneral: 80_000 },
      spouse: { age: 45, totalIncome: 0 },
      dependants: [{ age: 19, totalIncome: 0 }, { age: 16, totalIncome: 0 }, { age: 12, totalIncome: 0 }],
    }, { designatedCity: true, cityIncomeRate: '0.077' });
    expect(step(b, 'salaryIncome')).toBe(3_963_200); // 5,504,000×80% − 440,000
    expect([step(b, 'socialInsurance'), step(b, 'lifeInsurance'), step(b, 'spouse')]).toEqual([825_600, 35_000, 330_000]);
    expect(step(b, 'dependant1') + step(b, 'dependant2')).toBe(780_000); // 45万 + 33万 + 0
    expect(step(b, 'deductionsTotal')).toBe(2_400_600);
    expect(b.totals.taxableIncome).toBe(1_562_000);
    // 1,562,000×7.7% = 120,274 (the page is cut before the 県民税 line).
    expect(step(b, 'levyBeforeCreditsCity')).toBe(120_274);
  });

  it('広島市「個人市民税・県民税の計算例(給与所得者の場合 ※給与収入850万円超)」令和6年度 (定額減税前まで; 県民税均等割 1,500円) https://www.city.hiroshima.lg.jp/living/zei/1006016/1025578/1025579/1019103.html', () => {
    const b = assess(2025, {
      age: 47, salaryRevenue: 9_000_000, socialInsurance: 900_000,
      lifeInsurance: { oldGeneral: 240_000 }, earthquakeInsurance: { earthquake: 20_000 },
      spouse: { age: 45, totalIncome: 0 }, dependants: [{ age: 17, totalIncome: 0 }, { age: 20, totalIncome: 0 }],
    }, { designatedCity: true, prefPerCapita: 1_500 });
    expect(step(b, 'salaryIncomeBeforeAdjustment')).toBe(7_050_000); // ウ
    expect(step(b, 'incomeAdjustmentChildren')).toBe(50_000); // エ
    expect(step(b, 'salaryIncome')).toBe(7_000_000); // イ
    expect([step(b, 'lifeInsurance'), step(b, 'earthquakeInsurance'), step(b, 'dependant2')]).toEqual([35_000, 10_000, 450_000]);
    expect(step(b, 'deductionsTotal')).toBe(2_485_000); // オ
    expect(b.totals.taxableIncome).toBe(4_515_000); // キ
    expect(pair(b, 'levyBeforeCredits')).toEqual([361_200, 90_300]); // ク, ケ
    expect(pair(b, 'adjustmentCredit')).toEqual([2_000, 500]); // コ, サ (5万円として算出)
    expect([b.totals.cityIncomeLevy, b.totals.prefIncomeLevy]).toEqual([359_200, 89_800]); // シ, ス
    expect([b.totals.cityPerCapitaLevy, b.totals.prefPerCapitaLevy, b.totals.forestEnvironmentTax]).toEqual([3_000, 1_500, 1_000]); // タ, チ, ツ
  });
});

describe('published examples: 給与所得者, 標準税率 (令和3〜7年度 → FY2025)', () => {
  it('安城市「税額計算」例1 (令和6年度以降の頁; 県民税均等割 1,500円) https://www.city.anjo.aichi.jp/kurasu/zeikin/shiminzei/kojinshiminzei/zeigakukeisan.html', () => {
    const b = assess(2025, {
      age: 45, salaryRevenue: 6_050_000, socialInsurance: 236_930, lifeInsurance: { newGeneral: 120_000 },
      spouse: { age: 43, totalIncome: 0 }, dependants: [{ age: 20, totalIncome: 0 }, { age: 17, totalIncome: 0 }],
    }, { prefPerCapita: 1_500 });
    expect(step(b, 'salaryIncome')).toBe(4_398_400);
    expect(step(b, 'lifeInsurance')).toBe(28_000);
    expect(step(b, 'deductionsTotal')).toBe(1_804_930); // B
    expect(b.totals.taxableIncome).toBe(2_593_000);
    expect(pair(b, 'levyBeforeCredits')).toEqual([155_580, 103_720]);
    expect(pair(b, 'adjustmentCredit')).toEqual([1_500, 1_000]); // 2,500円の最低額
    expect(afterAdjustment(b)[0]).toBe(154_080); // 市民税 155,580 − 1,500 (the page is cut after this line)
    expect([b.totals.cityPerCapitaLevy, b.totals.prefPerCapitaLevy, b.totals.forestEnvironmentTax]).toEqual([3_000, 1_500, 1_000]);
  });

  it('佐賀市「令和7年度市・県民税計算例」サラリーマンAさん (県民税均等割 1,500円) https://www.city.saga.lg.jp/main/1870.html', () => {
    const b = assess(2025, {
      age: 42, salaryRevenue: 6_000_000, socialInsurance: 735_000, lifeInsurance: { oldGeneral: 25_000, medicalCare: 18_000 },
      spouse: { age: 40, totalIncome: 0 },
      dependants: [{ age: 19, totalIncome: 0 }, { age: 9, totalIncome: 0 }, { age: 72, totalIncome: 0, livesWithTaxpayer: true, linealAscendant: true }],
    }, { prefPerCapita: 1_500 });
    expect(step(b, 'salaryIncome')).toBe(4_360_000); // (1)
    expect(step(b, 'lifeInsurance')).toBe(35_000); // 20,000 + 15,000
    expect([step(b, 'dependant1'), step(b, 'dependant3')]).toEqual([450_000, 450_000]); // 特定扶養, 同居老親等
    expect(step(b, 'deductionsTotal')).toBe(2_430_000); // (2)
    expect(b.totals.taxableIncome).toBe(1_930_000); // (3)
    expect(pair(b, 'levyBeforeCredits')).toEqual([115_800, 77_200]); // (4)
    expect(pair(b, 'adjustmentCredit')).toEqual([12_300, 8_200]); // (5) 差 410,000 × 3% / 2%
    expect([b.totals.cityIncomeLevy, b.totals.prefIncomeLevy]).toEqual([103_500, 69_000]);
    expect([b.totals.cityPerCapitaLevy, b.totals.prefPerCapitaLevy]).toEqual([3_000, 1_500]);
  });

  it('粕屋町「町県民税の計算例(給与所得者)」令和7年度の算定方法 http://form.town.kasuya.fukuoka.jp/s009/020/010/010/010/040/20191225211358.html', () => {
    const f = figuresFor(2025);
    expect(salaryIncome(f, 800_000)).toBe(250_000); // 配偶者の所得 (800,000 − 550,000) → 配偶者控除の対象
    const b = assess(2025, {
      age: 49, salaryRevenue: 6_650_000, socialInsurance: 535_300,
      lifeInsurance: { oldGeneral: 30_000, newGeneral: 30_000, oldAnnuity: 110_000, medicalCare: 80_000 },
      earthquakeInsurance: { earthquake: 10_000 },
      spouse: { age: 49, totalIncome: 250_000 }, dependants: [{ age: 19, totalIncome: 0 }, { age: 16, totalIncome: 0 }],
    });
    expect(step(b, 'salaryRevenue') - step(b, 'salaryIncome')).toBe(1_765_000); // 給与所得控除額
    expect(step(b, 'salaryIncome')).toBe(4_885_000);
    expect([step(b, 'socialInsurance'), step(b, 'lifeInsurance'), step(b, 'earthquakeInsurance')]).toEqual([535_300, 70_000, 5_000]);
    expect(step(b, 'spouse')).toBe(330_000);
    expect(step(b, 'dependant1') + step(b, 'dependant2')).toBe(780_000); // 特定 450,000 + 一般 330,000
    expect(step(b, 'basic')).toBe(430_000); // (the page is cut at 所得控除額合計)
  });

  it('高崎市「市県民税の計算例」サラリーマンAさん (令和3年度以降; 均等割 3,500/2,200 は令和5年度までの額) https://www.city.takasaki.gunma.jp/page/3806.html', () => {
    // The page's 均等割 includes the 復興加算 (+500/+500, 令和5年度まで) and ぐんま緑の県民税; modelled
    // as tenant per-capita amounts so its 市県民税額 can be checked. It predates 森林環境税.
    const b = assess(2025, {
      age: 45, salaryRevenue: 5_000_000, socialInsurance: 500_000, spouse: { age: 45, totalIncome: 0 },
      dependants: [{ age: 21, totalIncome: 0 }, { age: 16, totalIncome: 0 }, { age: 12, totalIncome: 0 }],
    }, { cityPerCapita: 3_500, prefPerCapita: 2_200 });
    expect(step(b, 'salaryIncome')).toBe(3_560_000);
    expect(step(b, 'deductionsTotal')).toBe(2_040_000);
    expect(b.totals.taxableIncome).toBe(1_520_000);
    expect(pair(b, 'levyBeforeCredits')).toEqual([91_200, 60_800]);
    const [city, pref] = pair(b, 'adjustmentCredit');
    expect(city + pref).toBe(16_500); // 調整控除 △16,500
    expect(localTaxTotal(b)).toBe(141_200); // 市県民税額
  });

  it('見附市「市・県民税の計算例」令和3年度から令和5年度まで https://www.city.mitsuke.niigata.jp/soshiki/5/2908.html', () => {
    const b = assess(2025, {
      age: 45, salaryRevenue: 4_370_000, socialInsurance: 420_000, lifeInsurance: { oldGeneral: 100_000 },
      spouse: { age: 45, totalIncome: 0 }, dependants: [{ age: 19, totalIncome: 0 }, { age: 16, totalIncome: 0 }],
    });
    expect(step(b, 'salaryIncome')).toBe(3_054_400); // A
    expect(step(b, 'deductionsTotal')).toBe(1_995_000); // B
    expect(b.totals.taxableIncome).toBe(1_059_000); // C
    // D, E: the page truncates to 100円 already here (63,540 → 63,500; 42,360 → 42,300); the engine
    // truncates once, after the credits (地方税法20条の4の2③), so compare the truncated value.
    const [d, e] = pair(b, 'levyBeforeCredits');
    expect([truncateTaxAmount(d), truncateTaxAmount(e)]).toEqual([63_500, 42_300]);
    expect(pair(b, 'adjustmentCredit')).toEqual([9_900, 6_600]); // G, H (差 33万 × 3% / 2%)
  });

  it('秦野市「個人市県民税の計算をしてみよう」秦野一郎さん (令和3年度から; 県民税 4.025%) https://www.city.hadano.kanagawa.jp/www/contents/1001000000202/index.html', () => {
    const b = assess(2025, {
      age: 42, salaryRevenue: 6_000_000, socialInsurance: 385_000, lifeInsurance: { oldGeneral: 100_000 },
      spouse: { age: 40, totalIncome: 0 }, dependants: [{ age: 17, totalIncome: 0 }, { age: 14, totalIncome: 0 }],
    }, { prefIncomeRate: '0.04025', prefPerCapita: 1_300 });
    expect(step(b, 'salaryIncome')).toBe(4_360_000); // A
    expect(step(b, 'deductionsTotal')).toBe(1_510_000); // B
    expect(b.totals.taxableIncome).toBe(2_850_000); // C
    expect(pair(b, 'levyBeforeCredits')).toEqual([171_000, 114_712]); // D, E
    expect(pair(b, 'adjustmentCredit')).toEqual([1_500, 1_000]); // F, G
  });

  it('宇部市「個人市県民税の計算例」令和4年度 サラリーマンAさん https://www.city.ube.yamaguchi.jp/kurashi/shizei/kojinzei/1001713/1001720.html', () => {
    const b = assess(2025, {
      age: 45, salaryRevenue: 5_000_000, socialInsurance: 545_000, lifeInsurance: { oldGeneral: 130_000 },
      spouse: { age: 42, totalIncome: 0 }, dependants: [{ age: 17, totalIncome: 0 }, { age: 14, totalIncome: 0 }],
    });
    expect(step(b, 'salaryIncome')).toBe(3_560_000); // (1)
    expect(step(b, 'lifeInsurance')).toBe(35_000);
    expect(step(b, 'deductionsTotal')).toBe(1_670_000); // (2)
    expect(b.totals.taxableIncome).toBe(1_890_000); // (3)
    expect(pair(b, 'levyBeforeCredits')).toEqual([113_400, 75_600]);
    const [city, pref] = pair(b, 'adjustmentCredit');
    expect([city + pref, city]).toEqual([7_500, 4_500]); // 150,000×5%, 市民税 10分の6
  });

  it('松江市「税額の計算の具体例」営業所得者 (令和3〜5年度; 均等割 3,500/2,000 は令和5年度までの額) https://www.city.matsue.lg.jp/soshikikarasagasu/zaiseibu_shiminzeika/zeikin/3/1741.html', () => {
    // 事業所得 = 収入 5,670,000 − 必要経費 2,175,000 (given as net income). 均等割 as on the page.
    const b = assess(2025, {
      age: 45, otherIncome: 5_670_000 - 2_175_000, socialInsurance: 420_000, lifeInsurance: { oldGeneral: 100_000 },
      spouse: { age: 45, totalIncome: 0 },
      dependants: [{ age: 19, totalIncome: 0 }, { age: 17, totalIncome: 0 }, { age: 12, totalIncome: 0 }],
    }, { cityPerCapita: 3_500, prefPerCapita: 2_000 });
    expect(b.totals.totalIncome).toBe(3_495_000); // A
    expect(step(b, 'deductionsTotal')).toBe(1_995_000); // B
    expect(b.totals.taxableIncome).toBe(1_500_000); // C
    expect(pair(b, 'levyBeforeCredits')).toEqual([90_000, 60_000]); // D, E
    expect(pair(b, 'adjustmentCredit')).toEqual([9_900, 6_600]); // F, G
    expect([b.totals.cityIncomeLevy, b.totals.prefIncomeLevy]).toEqual([80_100, 53_400]); // H, I
    expect(b.totals.cityIncomeLevy + b.totals.cityPerCapitaLevy).toBe(83_600); // L
    expect(b.totals.prefIncomeLevy + b.totals.prefPerCapitaLevy).toBe(55_400); // M
    expect(localTaxTotal(b)).toBe(139_000);
  });
});
