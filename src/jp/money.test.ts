import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyRate, formatYen, roundToTen, roundYen, splitIntoInstallments, truncateTaxAmount, truncateTaxBase } from './money.ts';
import { JpInputError } from './result.ts';

describe('statutory roundings', () => {
  it.each([
    [1_234_567, 1_234_000],
    [1_000, 1_000],
    [999, 0],
    [0, 0],
    [-1_500, -1_000],
  ])('課税標準額 %d → %d (1,000円未満切捨)', (yen, expected) => {
    expect(truncateTaxBase(yen)).toBe(expected);
  });

  it.each([
    [74_049, 74_000],
    [74_099, 74_000],
    [100, 100],
    [99, 0],
  ])('税額 %d → %d (100円未満切捨)', (yen, expected) => {
    expect(truncateTaxAmount(yen)).toBe(expected);
  });

  it.each([
    [12_344, 12_340],
    [12_345, 12_350],
    [12_349, 12_350],
    [5, 10],
    [4, 0],
    [-15, -20],
    [-14, -10],
  ])('%d → %d (10円未満四捨五入)', (yen, expected) => {
    expect(roundToTen(yen)).toBe(expected);
  });

  it('rounds to any unit in each mode', () => {
    expect(roundYen(1_001, 1_000, 'ceil')).toBe(2_000);
    expect(roundYen(1_500, 1_000, 'half-up')).toBe(2_000);
    expect(roundYen(1_499, 1_000, 'half-up')).toBe(1_000);
    expect(roundYen(1_499, 1, 'floor')).toBe(1_499);
    expect(Object.is(roundYen(-1, 10, 'floor'), 0)).toBe(true);
  });

  it('refuses what is not integer yen', () => {
    expect(() => truncateTaxBase(1.5)).toThrow(JpInputError);
    expect(() => roundYen(100, 0, 'floor')).toThrow(JpInputError);
    expect(() => truncateTaxAmount(Number.MAX_SAFE_INTEGER + 2)).toThrow(JpInputError);
  });

  it('never rounds by more than one unit, and floor never goes up (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom(1, 10, 100, 1000), fc.constantFrom('floor', 'half-up', 'ceil') as fc.Arbitrary<'floor' | 'half-up' | 'ceil'>, (yen, unit, mode) => {
        const r = roundYen(yen, unit, mode);
        expect(Math.abs(r % unit)).toBe(0);
        expect(Math.abs(r - yen)).toBeLessThan(unit);
        if (mode === 'floor') expect(Math.abs(r)).toBeLessThanOrEqual(Math.abs(yen));
      }),
    );
  });
});

describe('applyRate', () => {
  it('multiplies exactly', () => {
    expect(applyRate(1_234_000, '0.06')).toBe(74_040);
    expect(applyRate(1_234_000, '0.04')).toBe(49_360);
    expect(applyRate(100, '0.07', 'ceil')).toBe(7); // 100 * 0.07 = 7.000000000000001 in floating point
    expect(applyRate(1_000_001, '0.0256619', 'half-up', 10)).toBe(25_660);
    expect(applyRate(10, '1.5', 'floor')).toBe(15);
    expect(applyRate(-333, '0.1', 'half-up')).toBe(-33);
  });

  it('refuses a rate that is not a decimal string', () => {
    expect(() => applyRate(100, '6%')).toThrow(JpInputError);
    expect(() => applyRate(100, '1e-2')).toThrow(JpInputError);
  });

  it('matches exact rational arithmetic (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 1_000_000 }), (yen, rateMillionths) => {
        const rate = (rateMillionths / 1e6).toFixed(6);
        expect(applyRate(yen, rate)).toBe(Number((BigInt(yen) * BigInt(rateMillionths)) / 1_000_000n));
      }),
    );
  });
});

describe('applyRate: the double fast path and the BigInt path agree with exact arithmetic', () => {
  const exact = (yen: number, digits: bigint, scale: bigint, rounding: 'floor' | 'half-up' | 'ceil', unit: number) => {
    const n = BigInt(yen) * digits;
    const d = scale * BigInt(unit);
    const abs = n < 0n ? -n : n;
    const q = abs / d;
    const r = abs % d;
    const up = r !== 0n && (rounding === 'ceil' || (rounding === 'half-up' && r * 2n >= d));
    // Converted as applyRate does (whole units, then × unit): beyond 2^53 yen no double is exact anyway.
    return Number(q + (up ? 1n : 0n)) * unit * (n < 0n ? -1 : 1) + 0;
  };
  it('for any sign, rounding, unit and size (products beyond 2^53 included)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 40 + 1)),
        fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 8 }),
        fc.constantFrom('floor' as const, 'half-up' as const, 'ceil' as const), fc.constantFrom(1, 10, 100, 1000),
        (yen, digits, decimals, rounding, unit) => {
          const text = String(digits).padStart(decimals + 1, '0');
          const rate = decimals === 0 ? text : `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
          expect(applyRate(yen, rate, rounding, unit)).toBe(exact(yen, BigInt(digits), 10n ** BigInt(decimals), rounding, unit));
        },
      ),
      { numRuns: 2000 },
    );
    // A rate with more digits than a double holds goes the BigInt way.
    expect(applyRate(3, '0.33333333333333333333', 'floor')).toBe(0);
    expect(applyRate(3_000_000_000, '0.33333333333333333333', 'half-up')).toBe(1_000_000_000);
  });
});

describe('splitIntoInstallments (端数 → 第1期)', () => {
  it.each([
    [123_456, 4, 1_000, [33_456, 30_000, 30_000, 30_000]],
    [120_000, 4, 1_000, [30_000, 30_000, 30_000, 30_000]],
    [2_500, 4, 1_000, [2_500, 0, 0, 0]],
    [0, 4, 1_000, [0, 0, 0, 0]],
    [50_000, 1, 1_000, [50_000]],
    // 給与特別徴収: 12 months from June, 100円未満 → June (RULEBOOK §1.9)
    [123_456, 12, 100, [11_256, ...Array<number>(11).fill(10_200)]],
  ])('%d in %d installments (unit %d)', (annual, count, unit, expected) => {
    expect(splitIntoInstallments(annual, count, unit)).toEqual(expected);
  });

  it('refuses nonsense', () => {
    expect(() => splitIntoInstallments(-1, 4)).toThrow(JpInputError);
    expect(() => splitIntoInstallments(100, 0)).toThrow(JpInputError);
  });

  it('always adds up, with equal later installments in whole units (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e10 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom(1, 100, 1000), (annual, count, unit) => {
        const parts = splitIntoInstallments(annual, count, unit);
        expect(parts).toHaveLength(count);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(annual);
        const rest = parts.slice(1);
        for (const p of rest) {
          expect(p).toBe(rest[0]);
          expect(p % unit).toBe(0);
          expect(parts[0]!).toBeGreaterThanOrEqual(p);
          expect(parts[0]! - p).toBeLessThan(unit * count);
        }
      }),
    );
  });
});

describe('formatYen', () => {
  it('writes thousands separators', () => {
    expect(formatYen(123_456)).toBe('123,456円');
    expect(formatYen(0)).toBe('0円');
    expect(formatYen(-1_000)).toBe('−1,000円');
  });
});
