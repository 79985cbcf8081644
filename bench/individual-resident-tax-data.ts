/**
 * Synthetic 課税資料 for the 個人住民税 benchmark, deterministic from a seed: a catalogue of document
 * items per kind (給与支払報告書 of full-time and part-time work, 公的年金等支払報告書, 確定申告 of the
 * self-employed, of salaried people and of pensioners, 住民税申告), each passed through the module's
 * own `incomeItemsSchema` so it has exactly the shape the API stores; and the mix of documents a person
 * of a given age has (PLAN). The engine-alone run and the PostgreSQL run draw from the same catalogue
 * and the same mix: the PostgreSQL run picks per person in SQL (hash of the 宛名番号), the engine run
 * with the same seeded generator in Node.
 */
import { incomeItemsSchema, type IncomeItems, type IncomeSource } from '../src/modules/individual-resident-tax/income-data.ts';
import { seededRandom } from '../src/jp/random.ts';

export type DocumentKind = 'salary' | 'partTime' | 'second' | 'pension' | 'business' | 'salariedReturn' | 'pensionReturn' | 'declaration';

/** The source each kind is received as; `second` is a second employer's report (a part-time job). */
export const SOURCE_OF: Record<DocumentKind, IncomeSource> = {
  salary: 'salary_report', partTime: 'salary_report', second: 'salary_report', pension: 'pension_report',
  business: 'final_return', salariedReturn: 'final_return', pensionReturn: 'final_return', declaration: 'declaration',
};

/** Kinds in the order they are received (reports in January, returns by 15 March): what mergeIncome sorts by. */
export const RECEIVED_ORDER: readonly DocumentKind[] = ['salary', 'partTime', 'second', 'pension', 'declaration', 'business', 'salariedReturn', 'pensionReturn'];
export const RECEIVED_AT: Record<IncomeSource, string> = {
  salary_report: '2026-01-31T09:00:00+09:00', pension_report: '2026-01-31T10:00:00+09:00',
  declaration: '2026-03-13T09:00:00+09:00', final_return: '2026-03-16T09:00:00+09:00',
};

/**
 * Who has which documents, by age on 31 December of the income year: [from age, to age, [[kinds, share]…]].
 * Shares of each band add up to 1. Roughly: nine in ten of working age have a 給与支払報告書 or a return,
 * most of 65+ a 公的年金等支払報告書, some of them also work, one in twelve files a 確定申告.
 */
export const PLAN: readonly (readonly [number, number, readonly (readonly [readonly DocumentKind[], number])[]])[] = [
  [0, 14, [[[], 1]]],
  [15, 19, [[['partTime'], 0.15], [[], 0.85]]],
  [20, 59, [[['salary'], 0.64], [['salary', 'second'], 0.03], [['salary', 'salariedReturn'], 0.06], [['partTime'], 0.09], [['business'], 0.08], [['declaration'], 0.03], [[], 0.07]]],
  [60, 64, [[['salary'], 0.45], [['salary', 'pension'], 0.12], [['pension'], 0.15], [['business'], 0.07], [['pension', 'pensionReturn'], 0.04], [['declaration'], 0.05], [[], 0.12]]],
  [65, 74, [[['pension'], 0.5], [['pension', 'partTime'], 0.17], [['pension', 'salary'], 0.05], [['pension', 'pensionReturn'], 0.1], [['business'], 0.04], [['declaration'], 0.06], [[], 0.08]]],
  [75, 150, [[['pension'], 0.76], [['pension', 'pensionReturn'], 0.08], [['declaration'], 0.08], [[], 0.08]]],
];

/** The same mix as rows for SQL: [from age, to age, share from, share to, kinds]. */
export function planRows(): { lo: number; hi: number; u0: number; u1: number; kinds: DocumentKind[] }[] {
  return PLAN.flatMap(([lo, hi, mix]) => {
    let u = 0;
    return mix.map(([kinds, share], i) => {
      const row = { lo, hi, u0: u, u1: i === mix.length - 1 ? 1.000001 : u + share, kinds: [...kinds] };
      u += share;
      return row;
    });
  });
}

/** The project's seeded generator (mulberry32): the same sequence on every machine. */
export const seeded = seededRandom;

type R = () => number;
const chance = (r: R, p: number) => r() < p;
const int = (r: R, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
/** Yen between lo and hi in steps of `step`. */
const yen = (r: R, lo: number, hi: number, step = 100) => lo + Math.floor(r() * ((hi - lo) / step + 1)) * step;
const pick = <T>(r: R, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function family(r: R, spouseShare: number, spouseAges: [number, number], childShare: number) {
  const spouse = chance(r, spouseShare)
    ? { age: int(r, ...spouseAges), totalIncome: chance(r, 0.65) ? 0 : yen(r, 0, 1_500_000, 1000), disability: chance(r, 0.03) ? 'disabled' as const : 'none' as const }
    : null;
  const dependants = [];
  if (chance(r, childShare)) {
    for (let i = int(r, 1, 3); i > 0; i--) {
      const age = int(r, 0, 22);
      dependants.push({ age, totalIncome: age >= 19 && chance(r, 0.15) ? yen(r, 100_000, 1_200_000, 1000) : 0, livesWithTaxpayer: true, linealAscendant: false, disability: chance(r, 0.02) ? 'disabled' as const : 'none' as const });
    }
  }
  if (chance(r, 0.06)) {
    dependants.push({ age: int(r, 70, 95), totalIncome: yen(r, 0, 800_000, 1000), livesWithTaxpayer: chance(r, 0.6), linealAscendant: true, disability: chance(r, 0.1) ? 'speciallyDisabled' as const : 'none' as const });
  }
  return { spouse, dependants };
}

function insurance(r: R, scale: number) {
  return {
    lifeInsurance: {
      newGeneral: chance(r, 0.55 * scale) ? yen(r, 20_000, 150_000) : 0,
      oldGeneral: chance(r, 0.15 * scale) ? yen(r, 30_000, 200_000) : 0,
      medicalCare: chance(r, 0.35 * scale) ? yen(r, 10_000, 80_000) : 0,
      newAnnuity: chance(r, 0.2 * scale) ? yen(r, 50_000, 120_000) : 0,
      oldAnnuity: chance(r, 0.05 * scale) ? yen(r, 60_000, 150_000) : 0,
    },
    earthquakeInsurance: { earthquake: chance(r, 0.3 * scale) ? yen(r, 5_000, 50_000) : 0, oldLongTerm: chance(r, 0.03 * scale) ? yen(r, 5_000, 15_000) : 0 },
  };
}

const donations = (r: R, share: number, oneStop: boolean) =>
  chance(r, share) ? { hometown: yen(r, 10_000, 300_000, 1000), other: chance(r, 0.1) ? yen(r, 5_000, 100_000, 1000) : 0, oneStop: oneStop && chance(r, 0.5) } : {};
const housingLoan = (r: R, share: number) =>
  chance(r, share) ? { housingLoan: { incomeTaxUnused: yen(r, 0, 200_000), incomeTaxTaxableIncome: yen(r, 1_500_000, 8_000_000, 1000), specifiedAcquisition: chance(r, 0.5) } } : {};
const medical = (r: R, share: number) => (chance(r, share) ? { medicalExpenses: { paid: yen(r, 120_000, 800_000), reimbursed: chance(r, 0.3) ? yen(r, 0, 100_000) : 0 } } : {});
const personal = (r: R) => ({
  disability: chance(r, 0.03) ? pick(r, ['disabled', 'speciallyDisabled'] as const) : 'none' as const,
  widowOrSingleParent: chance(r, 0.04) ? pick(r, ['widow', 'singleParentMother', 'singleParentFather'] as const) : 'none' as const,
});

function salaryRevenue(r: R): number {
  const band = r();
  if (band < 0.1) return yen(r, 1_500_000, 2_500_000, 1);
  if (band < 0.6) return yen(r, 2_500_000, 6_000_000, 1);
  if (band < 0.9) return yen(r, 6_000_000, 10_000_000, 1);
  return yen(r, 10_000_000, 20_000_000, 1);
}
const socialInsuranceOf = (r: R, revenue: number) => (revenue < 1_060_000 ? 0 : Math.round(revenue * (0.14 + r() * 0.015)));

const salary = (r: R) => {
  const salaryRevenue_ = salaryRevenue(r);
  return { salaryRevenue: salaryRevenue_, socialInsurance: socialInsuranceOf(r, salaryRevenue_), ...family(r, 0.5, [25, 70], 0.4), ...insurance(r, 1), ...personal(r), donations: donations(r, 0.12, true), ...housingLoan(r, 0.08) };
};
const partTime = (r: R) => {
  const revenue = yen(r, 300_000, 1_500_000, 1);
  return { salaryRevenue: revenue, socialInsurance: socialInsuranceOf(r, revenue), ...family(r, 0.1, [20, 80], 0.1), ...insurance(r, 0.3), workingStudent: chance(r, 0.15) };
};
const pension = (r: R) => ({
  pensionRevenue: yen(r, 600_000, 3_600_000), socialInsurance: yen(r, 20_000, 250_000), ...family(r, 0.5, [60, 90], 0.02), ...insurance(r, 0.4), ...personal(r),
  donations: donations(r, 0.05, true),
});
const business = (r: R) => ({
  otherIncome: yen(r, 500_000, 9_000_000, 1), socialInsurance: yen(r, 100_000, 900_000), dividendIncome: chance(r, 0.1) ? yen(r, 10_000, 500_000) : 0,
  carriedForwardLosses: chance(r, 0.05) ? yen(r, 100_000, 1_000_000, 1000) : 0, ...medical(r, 0.2), ...family(r, 0.5, [25, 75], 0.35), ...insurance(r, 1), ...personal(r),
  donations: donations(r, 0.25, false), ...housingLoan(r, 0.05),
});
const salariedReturn = (r: R) => ({
  ...salary(r), ...medical(r, 0.6), donations: donations(r, 0.5, false), dividendIncome: chance(r, 0.1) ? yen(r, 10_000, 500_000) : 0,
  otherIncome: chance(r, 0.2) ? yen(r, 200_000, 1_000_000, 1) : 0,
});
const pensionReturn = (r: R) => ({
  ...pension(r), otherIncome: chance(r, 0.3) ? yen(r, 200_000, 2_000_000, 1) : 0, ...medical(r, 0.5), dividendIncome: chance(r, 0.15) ? yen(r, 10_000, 500_000) : 0,
  donations: donations(r, 0.15, false),
});
const declaration = (r: R) => {
  const what = r();
  if (what < 0.4) return { socialInsurance: chance(r, 0.5) ? yen(r, 10_000, 100_000) : 0 };
  if (what < 0.7) return { otherIncome: yen(r, 100_000, 600_000, 1), socialInsurance: yen(r, 10_000, 150_000), ...family(r, 0.2, [20, 80], 0.1) };
  return { pensionRevenue: yen(r, 400_000, 1_000_000), socialInsurance: yen(r, 10_000, 80_000) };
};

const MAKERS: Record<DocumentKind, (r: R) => unknown> = { salary, partTime, second: partTime, pension, business, salariedReturn, pensionReturn, declaration };

/** `perKind` distinct items of every kind, in the stored shape (the API's incomeItemsSchema output). */
export function catalogue(seed: number, perKind: number): Record<DocumentKind, IncomeItems[]> {
  const r = seeded(seed);
  const out = {} as Record<DocumentKind, IncomeItems[]>;
  for (const kind of Object.keys(MAKERS) as DocumentKind[]) out[kind] = Array.from({ length: perKind }, () => incomeItemsSchema.parse(MAKERS[kind](r)));
  return out;
}

/** Kinds of documents for a person of `age`, drawn with `u` in [0, 1) from PLAN. */
export function kindsFor(age: number, u: number): readonly DocumentKind[] {
  const band = PLAN.find(([lo, hi]) => age >= lo && age <= hi)!;
  let acc = 0;
  for (const [kinds, share] of band[2]) {
    acc += share;
    if (u < acc) return kinds;
  }
  return band[2].at(-1)![0];
}

/** An age drawn from Japan's pyramid as the demo generator follows it (0–14 11%, 15–44 32%, 45–74 41%, 75+ 16%). */
export function ageOf(r: R): number {
  const band = r();
  if (band < 0.11) return int(r, 0, 14);
  if (band < 0.43) return int(r, 15, 44);
  if (band < 0.84) return int(r, 45, 74);
  return int(r, 75, 99);
}
