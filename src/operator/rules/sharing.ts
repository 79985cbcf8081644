/**
 * 割り勘効果: how the monthly cost per 団体 falls as more 団体 share the platform. It is the argument
 * for joining a shared platform, so it is drawn from the platform's own current costs rather than from
 * a price list: what is fixed is divided by more 団体, what grows with usage stays per 団体.
 */
import type { CostItem } from './allocation.ts';

export interface SharingPoint {
  /** n: the number of 団体 sharing the platform */
  municipalities: number;
  /** round(fixed ÷ n + usageCost ÷ current), yen per month */
  perMunicipalityMonthly: number;
  /** round(fixed ÷ n), yen per month */
  fixedShare: number;
  /** round(usageCost ÷ current), yen per month; the same for every n */
  usageShare: number;
  /** n is the number of 団体 on the platform now */
  isCurrent: boolean;
}

/** p ÷ q for p >= 0, q > 0, rounded half up, in integers (exact for any yen amount). */
const roundedQuotient = (p: bigint, q: bigint): number => Number((p * 2n + q) / (q * 2n));

/**
 * Items keyed 'equal' or 'population' are the platform's fixed costs (shared whatever the count);
 * items keyed 'usage' grow with usage, so each added 団体 is assumed to bring the current tenants'
 * average measured usage cost with it. perMunicipality(n) = round(fixed / n + usageCost / current).
 * The total is rounded once, from the exact sum, so it can differ by 1 yen from
 * fixedShare + usageShare, which are rounded separately for the chart's two layers.
 */
export function sharingCurve(items: CostItem[], current: number, maxN: number): SharingPoint[] {
  if (!Number.isSafeInteger(current) || current < 1) throw new RangeError(`sharingCurve: current must be an integer >= 1 (${current})`);
  if (!Number.isSafeInteger(maxN) || maxN < current) throw new RangeError(`sharingCurve: maxN must be an integer >= current (${maxN})`);
  let fixed = 0n;
  let usage = 0n;
  for (const item of items) {
    if (!Number.isSafeInteger(item.amount) || item.amount < 0) throw new RangeError(`sharingCurve: amount must be a non-negative safe integer (${item.amount})`);
    if (item.key === 'equal' || item.key === 'population') fixed += BigInt(item.amount);
    else if (item.key === 'usage') usage += BigInt(item.amount);
    else throw new RangeError(`sharingCurve: unknown allocation key ${String(item.key)}`);
  }
  const c = BigInt(current);
  const usageShare = roundedQuotient(usage, c);
  const points: SharingPoint[] = [];
  for (let n = 1; n <= maxN; n++) {
    const bn = BigInt(n);
    points.push({
      municipalities: n,
      // fixed/n + usage/c = (fixed·c + usage·n) / (n·c)
      perMunicipalityMonthly: roundedQuotient(fixed * c + usage * bn, bn * c),
      fixedShare: roundedQuotient(fixed, bn),
      usageShare,
      isCurrent: n === current,
    });
  }
  return points;
}
