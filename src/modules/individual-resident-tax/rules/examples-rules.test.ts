/**
 * Published worked examples (計算例) of single rules: 非課税 thresholds from municipal FAQ pages, and
 * sub-steps of older examples whose rule is unchanged for the year tested (each test says why).
 * See examples.fixtures.ts for the conventions.
 */
import { describe, expect, it } from 'vitest';
import { truncateTaxAmount } from '../../../jp/index.ts';
import { assess } from './assess.ts';
import { step } from './examples.fixtures.ts';
import { figuresFor } from './figures/index.ts';
import { salaryIncome } from './income.ts';
import { adjustmentCredit, levyBeforeCredits } from './tax.ts';

const standard = { designatedCity: false, grade: 3 } as const;
const designated = { designatedCity: true, grade: 3 } as const;

describe('published examples: 非課税 (地方税法24条の5・295条; 令和3年度からの +10万円 を含む額)', () => {
  it('小田原市 FAQ「年金にも市県民税はかかりますか」(1級地: 単身 45万円, 配偶者あり 101万円) https://www.city.odawara.kanagawa.jp/faq/p06239.html', () => {
    const spouse = { age: 60, totalIncome: 0 };
    expect(assess(2025, { age: 65, pensionRevenue: 1_550_000 }, { grade: 1 }).exemption).toBe('all');
    expect(assess(2025, { age: 64, pensionRevenue: 1_050_000 }, { grade: 1 }).exemption).toBe('all');
    expect(assess(2025, { age: 65, pensionRevenue: 2_110_000, spouse }, { grade: 1 }).exemption).toBe('all');
    expect(assess(2025, { age: 64, pensionRevenue: 1_713_333, spouse }, { grade: 1 }).exemption).toBe('all');
    // 「以下」: one yen more is taxed (均等割 at least) where the page's figure is the exact edge.
    expect(assess(2025, { age: 65, pensionRevenue: 1_550_001 }, { grade: 1 }).exemption).not.toBe('all');
    expect(assess(2025, { age: 65, pensionRevenue: 2_110_001, spouse }, { grade: 1 }).exemption).not.toBe('all');
  });

  it('宝塚市 FAQ「公的年金収入のみ… 非課税となる目安」令和8年度 (更新 2026-02-17; 1級地) https://www.city.takarazuka.hyogo.jp/faq/5000002/5000003/5000016/5001528.html', () => {
    const spouse = { age: 60, totalIncome: 0 };
    expect(assess(2026, { age: 65, pensionRevenue: 1_550_000 }, { grade: 1 }).exemption).toBe('all');
    expect(assess(2026, { age: 65, pensionRevenue: 2_110_000, spouse }, { grade: 1 }).exemption).toBe('all');
    expect(assess(2026, { age: 64, pensionRevenue: 1_050_000 }, { grade: 1 }).exemption).toBe('all');
    expect(assess(2026, { age: 64, pensionRevenue: 1_713_000, spouse }, { grade: 1 }).exemption).toBe('all');
  });

  it('板橋区 FAQ「パートやアルバイトの場合、いくらまでなら非課税」(令和3年度以降; 給与は令和7年度まで) https://www.city.itabashi.tokyo.jp/faq/tetsuduki/zei/juminhyo/1001010.html', () => {
    const part = assess(2025, { age: 40, salaryRevenue: 1_000_000 }, { grade: 1 });
    expect(part.totals.totalIncome).toBe(450_000); // 合計所得金額45万円
    expect(part.exemption).toBe('all');
    const minor = assess(2025, { age: 17, salaryRevenue: 2_043_999 }, { grade: 1 });
    expect(minor.totals.totalIncome).toBeLessThanOrEqual(1_350_000); // 合計所得135万円以下
    expect(minor.exemption).toBe('all');
  });

  it('松山市 FAQ「所得がいくらまでなら税金がかからない」(2級地: 所得41万5千円 / 給与収入96万5千円) https://info-faq.city.matsuyama.ehime.jp/print/faq/1726?category_id=22&site_domain=default', () => {
    expect(assess(2025, { age: 40, otherIncome: 415_000 }, { grade: 2 }).exemption).toBe('all');
    expect(assess(2025, { age: 40, otherIncome: 415_001 }, { grade: 2 }).exemption).toBe('incomeLevy'); // 均等割 only
    const salary = assess(2025, { age: 40, salaryRevenue: 965_000 }, { grade: 2 });
    expect(salary.totals.totalIncome).toBe(415_000);
    expect(salary.exemption).toBe('all');
  });

  it('いすみ市「個人市県民税(住民税)が課税されない人」扶養の人数ごとの表 (3級地; 更新 2024-08-02) https://www.city.isumi.lg.jp/gyosei/kurashi_tetsuzuki/zeikin/shikemminzei/2106.html', () => {
    // [扶養の人数, 均等割の非課税 (合計所得金額), 所得割の非課税 (総所得金額等)]; dependants as 年少扶養.
    const table = [[0, 380_000, 450_000], [1, 828_000, 1_120_000], [2, 1_108_000, 1_470_000],
      [3, 1_388_000, 1_820_000], [4, 1_668_000, 2_170_000], [5, 1_948_000, 2_520_000]] as const;
    for (const [n, perCapita, incomeLevy] of table) {
      const dependants = Array.from({ length: n }, () => ({ age: 10, totalIncome: 0 }));
      const at = (otherIncome: number) => assess(2025, { age: 40, otherIncome, dependants }, { grade: 3 }).exemption;
      expect([at(perCapita), at(perCapita + 1), at(incomeLevy), at(incomeLevy + 1)], `扶養 ${n}人`).toEqual(['all', 'incomeLevy', 'incomeLevy', 'none']);
    }
  });

  it('うきは市「個人住民税の非課税」令和8年度 (R7.1.1〜12.31の収入; 3級地) 給与収入の目安 https://www.city.ukiha.fukuoka.jp/kiji0038325/index.html', () => {
    const kids = (n: number) => Array.from({ length: n }, () => ({ age: 10, totalIncome: 0 }));
    const at = (salaryRevenue: number, n: number) => assess(2026, { age: 40, salaryRevenue, dependants: kids(n) }, { grade: 3 });
    // 均等割も非課税: 0人 38万 (103万円), 1人 82万8千 (147万8千円), 2人 110万8千 (175万8千円)
    expect([at(1_030_000, 0), at(1_478_000, 1), at(1_758_000, 2)].map((b) => [b.totals.totalIncome, b.exemption]))
      .toEqual([[380_000, 'all'], [828_000, 'all'], [1_108_000, 'all']]);
    // 所得割のみ非課税: 0人 45万 (110万円), 1人 112万 (177万円). The "約" rows are not asserted.
    expect([at(1_100_000, 0), at(1_770_000, 1)].map((b) => [b.totals.totalIncome, b.exemption]))
      .toEqual([[450_000, 'incomeLevy'], [1_120_000, 'incomeLevy']]);
  });

  it('御所市「個人住民税の非課税基準について」給与・年金収入の上限額 (3級地; 公開 2022-12-22, 令和5年度) https://www.city.gose.nara.jp/0000003589.html', () => {
    // [扶養人数, 給与収入, 年金収入(65歳未満), 年金収入(65歳以上)]: each is the largest 収入 still 非課税.
    const rows = [[0, 930_000, 980_000, 1_480_000], [1, 1_378_000, 1_470_667, 1_928_000],
      [2, 1_683_999, 1_844_001, 2_208_000], [3, 2_099_999, 2_217_334, 2_488_000]] as const;
    for (const [n, salary, pensionUnder65, pension65] of rows) {
      const dependants = Array.from({ length: n }, () => ({ age: 10, totalIncome: 0 }));
      const ex = (input: { age: number; salaryRevenue?: number; pensionRevenue?: number }) => assess(2025, { ...input, dependants }, { grade: 3 }).exemption;
      expect([ex({ age: 40, salaryRevenue: salary }), ex({ age: 60, pensionRevenue: pensionUnder65 }), ex({ age: 70, pensionRevenue: pension65 })], `扶養 ${n}人`)
        .toEqual(['all', 'all', 'all']);
    }
    // The odd yen figures are exact edges: one yen more is no longer 非課税 (雑所得 = 収入×75% 1円未満切捨 − 275,000).
    expect(assess(2025, { age: 60, pensionRevenue: 1_844_002, dependants: [{ age: 10 }, { age: 10 }] }, { grade: 3 }).exemption).not.toBe('all');
    expect(assess(2025, { age: 40, salaryRevenue: 1_684_000, dependants: [{ age: 10 }, { age: 10 }] }, { grade: 3 }).exemption).not.toBe('all');
  });
});

describe('published examples: single rules from older pages (rule unchanged for FY2025)', () => {
  it('大田区「特別区民税・都民税(住民税)・森林環境税の計算のしくみ」給与所得の例 3,913,149円 (令和3年度以降の表; 令和8年度も同じ) https://www.city.ota.tokyo.jp/seikatsu/zeikin/kazei/keisannosikumi.html', () => {
    expect(salaryIncome(figuresFor(2025), 3_913_149)).toBe(2_689_600);
    expect(salaryIncome(figuresFor(2026), 3_913_149)).toBe(2_689_600); // 190万超 unchanged by the R7改正
  });

  it('鶴岡市「市民税・県民税の計算例(給与収入のみの方)」(2017) 生命保険料控除: 新一般 40,000・介護医療 30,000 → 45,000 (住民税の控除額表は平成24年契約分から不変) http://www.city.tsuruoka.lg.jp/zeikin/shiminzei/kazei20170911.html', () => {
    const base = { age: 47, salaryRevenue: 3_224_417 };
    expect(step(assess(2025, { ...base, lifeInsurance: { newGeneral: 40_000 } }), 'lifeInsurance')).toBe(24_000);
    expect(step(assess(2025, { ...base, lifeInsurance: { medicalCare: 30_000 } }), 'lifeInsurance')).toBe(21_000);
    expect(step(assess(2025, { ...base, lifeInsurance: { newGeneral: 40_000, medicalCare: 30_000 } }), 'lifeInsurance')).toBe(45_000);
  });

  it('東近江市「参考例における市県民税の計算式」(基礎控除33万円の頃) 生命保険料・地震保険料・医療費控除 https://paperzz.com/doc/6549765/参考例における市県民税の計算式', () => {
    // Only the deductions, whose 住民税 rules have not changed; the page's 給与所得 uses the old table.
    // Its 35,000円 per category is the 旧契約 maximum (新契約 caps at 28,000), so the premiums are 旧契約.
    const b = assess(2025, {
      age: 45, salaryRevenue: 6_305_300, socialInsurance: 608_540,
      lifeInsurance: { oldGeneral: 130_500, oldAnnuity: 160_800 }, earthquakeInsurance: { earthquake: 20_000 },
      medicalExpenses: { paid: 253_860 }, spouse: { age: 43, totalIncome: 0 },
      dependants: [{ age: 18, totalIncome: 0 }, { age: 14, totalIncome: 0 }],
    });
    expect(step(b, 'lifeInsurance')).toBe(70_000); // 35,000 + 35,000
    expect(step(b, 'earthquakeInsurance')).toBe(10_000);
    expect(step(b, 'medical')).toBe(153_860); // 253,860 − 10万 (5% of 所得 > 10万)
  });

  it('須坂市 FAQ「医療費控除をしてみたい…どのくらい戻ってきますか」給与収入400万円: 控除5万円, 市・県民税 5,000円の減額 https://www.city.suzaka.nagano.jp/contents/faq/answer.php?id=132', () => {
    // The FAQ gives no other deductions; none are assumed.
    const base = { age: 35, salaryRevenue: 4_000_000, dependants: [{ age: 0, totalIncome: 0 }] };
    const without = assess(2025, base);
    const withMedical = assess(2025, { ...base, medicalExpenses: { paid: 500_000, reimbursed: 350_000 } });
    expect(without.totals.totalIncome).toBe(2_760_000); // 276万円 (5% = 13.8万 > 10万)
    expect(step(withMedical, 'medical')).toBe(50_000);
    expect(without.totals.total - withMedical.totals.total).toBe(5_000);
  });

  it('品川区「給与所得者の住民税額の計算例」(2016) 調整控除: 課税標準 2,099,000, 差 330,000 → 都 4,620 区 6,930 https://www.city.shinagawa.tokyo.jp/PC/procedure/procedure-zeikin/procedure-zeikin-zeigaku/procedure-zeikin-zeigaku-kuminzei/procedure-zeikin-zeigaku-kuminzei-zyuminzei/index.html', () => {
    // 調整控除 (地方税法314条の6) and the 6%/4% rates are unchanged since 平成19年度; the page's
    // 課税標準 is taken as given (its 給与所得・基礎控除 are the older ones).
    const f = figuresFor(2025);
    const [cityLevy, prefLevy] = levyBeforeCredits(f, standard, 2_099_000);
    expect([cityLevy, prefLevy]).toEqual([125_940, 83_960]); // E, D
    const [cityAdj, prefAdj] = adjustmentCredit(f, standard, 3_994_400, 2_099_000, 330_000);
    expect([cityAdj, prefAdj]).toEqual([6_930, 4_620]); // G, F
    expect([truncateTaxAmount(cityLevy - cityAdj), truncateTaxAmount(prefLevy - prefAdj)]).toEqual([119_000, 79_300]); // I, H
  });

  it('さいたま市「公的年金等受給者の場合…」(2020, 指定都市) 課税標準 440,000, 差 100,000 → 調整控除 4,000/1,000, 所得割 31,200/7,800 https://www.city.saitama.jp/001/004/002/001/002/p014314.html', () => {
    // 指定都市 rates 8%/2% and 調整控除 4%/1% apply since 平成30年度; 課税標準 taken as given.
    const f = figuresFor(2025);
    const [cityLevy, prefLevy] = levyBeforeCredits(f, designated, 440_000);
    expect([cityLevy, prefLevy]).toEqual([35_200, 8_800]);
    const [cityAdj, prefAdj] = adjustmentCredit(f, designated, 1_300_000, 440_000, 100_000);
    expect([cityAdj, prefAdj]).toEqual([4_000, 1_000]);
    expect([truncateTaxAmount(cityLevy - cityAdj), truncateTaxAmount(prefLevy - prefAdj)]).toEqual([31_200, 7_800]);
  });

  it('岐阜市「計算例(5)年金所得と一時所得のある人」(2017) 課税総所得 1,342,000, 差 100,000 → 3,000/2,000, 所得割 77,500/51,600 https://www.city.gifu.lg.jp/28650.htm', () => {
    const f = figuresFor(2025);
    const [cityLevy, prefLevy] = levyBeforeCredits(f, standard, 1_342_000);
    expect([cityLevy, prefLevy]).toEqual([80_520, 53_680]);
    const [cityAdj, prefAdj] = adjustmentCredit(f, standard, 2_322_500, 1_342_000, 100_000);
    expect([cityAdj, prefAdj]).toEqual([3_000, 2_000]);
    expect([truncateTaxAmount(cityLevy - cityAdj), truncateTaxAmount(prefLevy - prefAdj)]).toEqual([77_500, 51_600]);
  });

  it('岐阜市「計算例(6)給与所得があり住宅ローン控除…を適用する人」(2019) 課税総所得 2,233,000, 差 300,000 → 調整控除 2,010/1,340 https://www.city.gifu.lg.jp/35186.htm', () => {
    const f = figuresFor(2025);
    const [cityLevy, prefLevy] = levyBeforeCredits(f, standard, 2_233_000);
    expect([cityLevy, prefLevy]).toEqual([133_980, 89_320]);
    const [cityAdj, prefAdj] = adjustmentCredit(f, standard, 4_660_000, 2_233_000, 300_000);
    expect([cityAdj, prefAdj]).toEqual([2_010, 1_340]); // {300,000 − 233,000} = 67,000 × 3% / 2%
    expect([cityLevy - cityAdj, prefLevy - prefAdj]).toEqual([131_970, 87_980]); // before 住宅ローン控除 (page cut there)
  });
});
