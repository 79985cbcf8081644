/**
 * 運用経費の削減効果: compares a 団体's annual running cost before the platform (A) with after (B), the
 * figure the programme's target is stated in. The public sources found do not give an official A/B
 * formula (../shared/STANDARDS.md §8, ❓), so this one is the plain reading: B is the platform's
 * monthly share annualised plus what the 団体 still pays elsewhere, and the rate is (B − A) ÷ A.
 */

/** 2018年度比で運用経費を少なくとも3割削減 (the programme's target; ../shared/STANDARDS.md §8). */
export const REDUCTION_TARGET_PERCENT = -30;

export interface CostEffectInput {
  /** A: FY2018 (平成30年度) annual running cost of the businesses now on the platform, yen */
  baselineFy2018: number | null;
  /** annual running cost just before migration, yen */
  preMigration: number | null;
  /** this 団体's share of the platform's shared costs for one month, yen */
  allocatedMonthly: number;
  /** annual running costs after migration that the platform does not bill (own network, other vendors' systems), yen */
  otherAnnual: number;
}

export interface CostEffect {
  /** A = baselineFy2018 */
  before: number | null;
  /** B = allocatedMonthly × 12 + otherAnnual (年額換算) */
  after: number;
  /** 削減額 = B − A (negative = saving) */
  reduction: number | null;
  /** 削減率 = (B − A) ÷ A × 100, rounded half away from zero to 1 decimal; null when A is null or 0 */
  rate: number | null;
  /** rate <= REDUCTION_TARGET_PERCENT; null when rate is null */
  meetsTarget: boolean | null;
  /** the same against preMigration; null when preMigration is null */
  versusPreMigration: { reduction: number; rate: number | null } | null;
}

const requireYen = (name: string, value: number): void => {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`costEffect: ${name} must be a non-negative safe integer (${value})`);
};

/** n ÷ d rounded half away from zero, in integers, so that e.g. −29.95 % cannot drift to −29.9 by float error. */
function divideRounded(n: bigint, d: bigint): bigint {
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an * 2n + ad) / (ad * 2n);
  return negative ? -q : q;
}

/**
 * 率 in percent to one decimal: (after − before) ÷ before × 100, computed as tenths of a percent in
 * integers. null when before is 0, where a rate means nothing.
 */
export function changeRate(before: number, after: number): number | null {
  if (before === 0) return null;
  const tenths = divideRounded(BigInt(after - before) * 1000n, BigInt(before));
  return Number(tenths) / 10;
}

export function costEffect(input: CostEffectInput): CostEffect {
  const { baselineFy2018: a, preMigration, allocatedMonthly, otherAnnual } = input;
  requireYen('allocatedMonthly', allocatedMonthly);
  requireYen('otherAnnual', otherAnnual);
  if (a !== null) requireYen('baselineFy2018', a);
  if (preMigration !== null) requireYen('preMigration', preMigration);

  const after = allocatedMonthly * 12 + otherAnnual;
  const rate = a === null ? null : changeRate(a, after);
  return {
    before: a,
    after,
    reduction: a === null ? null : after - a,
    rate,
    // Judged on the rate as shown (1 decimal), so the console never shows −30.0 next to 「未達」.
    meetsTarget: rate === null ? null : rate <= REDUCTION_TARGET_PERCENT,
    versusPreMigration: preMigration === null ? null : { reduction: after - preMigration, rate: changeRate(preMigration, after) },
  };
}
