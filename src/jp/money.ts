/**
 * Integer yen. The statutory roundings of 地方税 (地方税法20条の4の2, 端数計算; RULEBOOK §1.2, §1.9)
 * and of benefits, exact rate multiplication, and installments. 切捨て drops the fraction (toward
 * zero); 四捨五入 rounds half away from zero, so a negative amount (a refund) mirrors a positive one.
 */
import { JpInputError } from './result.ts';

export type Rounding = 'floor' | 'half-up' | 'ceil';

const requireYen = (yen: number, what = '金額'): void => {
  if (!Number.isSafeInteger(yen)) throw new JpInputError('money.not-integer', `${what}は整数（円）で指定してください（${yen}）`);
};

const requireUnit = (unit: number): void => {
  if (!Number.isSafeInteger(unit) || unit < 1) throw new JpInputError('money.unit', `端数処理の単位は1円以上の整数です（${unit}）`);
};

/** Rounds to a multiple of `unit` yen; `floor` and `ceil` act on the absolute value (切捨て・切上げ). */
export function roundYen(yen: number, unit: number, rounding: Rounding): number {
  requireYen(yen);
  requireUnit(unit);
  const sign = yen < 0 ? -1 : 1;
  const abs = Math.abs(yen);
  const rest = abs % unit;
  const down = abs - rest;
  const rounded = rounding === 'floor' || rest === 0 ? down : rounding === 'ceil' || rest * 2 >= unit ? down + unit : down;
  return sign * rounded + 0;
}

/** 課税標準額: 1,000円未満切捨 (地方税法20条の4の2①). */
export const truncateTaxBase = (yen: number): number => roundYen(yen, 1000, 'floor');

/** 確定金額 (税額): 100円未満切捨 (地方税法20条の4の2③). */
export const truncateTaxAmount = (yen: number): number => roundYen(yen, 100, 'floor');

/** 10円未満四捨五入, where a rule says so (e.g. 児童扶養手当 一部支給額, RULEBOOK §9.3). */
export const roundToTen = (yen: number): number => roundYen(yen, 10, 'half-up');

/**
 * yen × rate, computed exactly, then rounded to whole yen (or to `unit`). The rate is a decimal
 * string ('0.06', '0.0256619') so that no binary fraction creeps in: 74,040 × 0.06 must not
 * become 4,442.3999….
 */
export function applyRate(yen: number, rate: string, rounding: Rounding = 'floor', unit = 1): number {
  requireYen(yen);
  requireUnit(unit);
  const { digits, scale, exact } = parsedRate(rate);
  const denominator = scale * unit;
  // Exact in doubles while the product stays below 2^53 (every taxpayer's tax); BigInt beyond.
  const product = yen * digits;
  if (Number.isSafeInteger(product) && Number.isSafeInteger(denominator)) {
    const abs = Math.abs(product);
    let quotient = Math.floor(abs / denominator);
    let rest = abs - quotient * denominator;
    // The division is rounded to the nearest double: put the quotient back where the remainder says.
    if (rest < 0) [quotient, rest] = [quotient - 1, rest + denominator];
    else if (rest >= denominator) [quotient, rest] = [quotient + 1, rest - denominator];
    const up = rest !== 0 && (rounding === 'ceil' || (rounding === 'half-up' && rest * 2 >= denominator));
    return (quotient + (up ? 1 : 0)) * unit * (product < 0 ? -1 : 1) + 0;
  }
  const numerator = exact.digits * BigInt(yen);
  const bigDenominator = exact.scale * BigInt(unit);
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const quotient = abs / bigDenominator;
  const rest = abs % bigDenominator;
  const up = rest !== 0n && (rounding === 'ceil' || (rounding === 'half-up' && rest * 2n >= bigDenominator));
  const units = Number(quotient + (up ? 1n : 0n)) * (negative ? -1 : 1);
  return units * unit + 0;
}

/** A rate string as an integer over a power of ten ('0.06' → 6 / 100), parsed once per distinct rate (a batch uses a handful). */
interface ParsedRate { digits: number; scale: number; exact: { digits: bigint; scale: bigint } }
const rates = new Map<string, ParsedRate>();
function parsedRate(rate: string): ParsedRate {
  let parsed = rates.get(rate);
  if (parsed) return parsed;
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(rate.trim());
  if (!m) throw new JpInputError('money.rate', `率「${rate}」は小数の文字列で指定してください（例：'0.06'）`);
  const exact = { digits: BigInt((m[2] ?? '') + (m[3] ?? '')) * (m[1] ? -1n : 1n), scale: 10n ** BigInt(m[3]?.length ?? 0) };
  // Too many digits for a double: NaN sends every use to the BigInt path.
  parsed = { digits: Number.isSafeInteger(Number(exact.digits)) ? Number(exact.digits) : NaN, scale: Number.isSafeInteger(Number(exact.scale)) ? Number(exact.scale) : NaN, exact };
  if (rates.size < 1000) rates.set(rate, parsed);
  return parsed;
}

/**
 * Splits an annual amount into `count` installments (納期): every installment but the first is the
 * equal share rounded down to `unit`, and the first takes the rest (地方税法20条の4の2⑥: 端数 and
 * amounts below the unit go to the first 納期). unit 1,000 for 普通徴収 (住民税, 固定資産税), 100 for
 * 給与特別徴収 (RULEBOOK §1.9; confirm the ordinance).
 */
export function splitIntoInstallments(annual: number, count: number, unit = 1000): number[] {
  requireYen(annual, '年税額');
  requireUnit(unit);
  if (annual < 0) throw new JpInputError('money.negative', `年税額が負です（${annual}）`);
  if (!Number.isInteger(count) || count < 1) throw new JpInputError('money.count', `納期の数は1以上の整数です（${count}）`);
  const share = Math.floor(annual / count / unit) * unit;
  return [annual - share * (count - 1), ...Array<number>(count - 1).fill(share)];
}

/** 123,456円 */
export function formatYen(yen: number): string {
  requireYen(yen);
  return `${yen < 0 ? '−' : ''}${Math.abs(yen).toLocaleString('en-US')}円`;
}
