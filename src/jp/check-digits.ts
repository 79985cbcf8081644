/**
 * 検査数字 (check digits) of the numbers Japanese administration uses. Formulas and verified examples:
 * STANDARDS §6. Every number has `checkDigit(body)`, `isValid(number)` and `generate(random)` for
 * test data (only valid numbers, reproducible with seededRandom). Pure functions, no I/O.
 */
import { randomDigits } from './random.ts';
import type { RandomSource } from './random.ts';

const digitsOnly = (s: string, length: number): boolean => s.length === length && /^[0-9]+$/.test(s);

const requireDigits = (s: string, length: number, what: string): void => {
  if (!digitsOnly(s, length)) throw new RangeError(`${what}は${length}桁の数字です`);
};

/** Σ digit × weight, weights aligned from the left. */
const weightedSum = (digits: string, weights: readonly number[]): number =>
  [...digits].reduce((acc, c, i) => acc + Number(c) * weights[i]!, 0);

/**
 * 全国地方公共団体コード (JIS X 0402): 5 digits × weights 6,5,4,3,2; r = sum mod 11; CD = (11 − r) mod 10.
 */
export const localGovernmentCode = {
  checkDigit(first5: string): number {
    if (!digitsOnly(first5, 5)) throw new RangeError('地方公共団体コードの本体は5桁の数字です');
    const weights = [6, 5, 4, 3, 2];
    const sum = [...first5].reduce((acc, c, i) => acc + Number(c) * weights[i]!, 0);
    return (11 - (sum % 11)) % 10;
  },
  isValid(code: string): boolean {
    return digitsOnly(code, 6) && Number(code[5]) === localGovernmentCode.checkDigit(code.slice(0, 5));
  },
  /** A valid code with a prefecture part 01–47 (not necessarily an existing municipality). */
  generate(random: RandomSource): string {
    const prefecture = String(1 + Math.min(46, Math.floor(random() * 47))).padStart(2, '0');
    const body = prefecture + randomDigits(random, 3);
    return body + localGovernmentCode.checkDigit(body);
  },
};

/**
 * 個人番号 (12 digits; 総務省令第85号 第5条): weights 6,5,4,3,2,7,6,5,4,3,2 from the left over the
 * first 11 digits; r = sum mod 11; CD = 0 when r ≤ 1, else 11 − r.
 */
export const myNumber = {
  checkDigit(first11: string): number {
    requireDigits(first11, 11, '個人番号の本体');
    const r = weightedSum(first11, [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11;
    return r <= 1 ? 0 : 11 - r;
  },
  isValid(value: string): boolean {
    return digitsOnly(value, 12) && Number(value[11]) === myNumber.checkDigit(value.slice(0, 11));
  },
  generate(random: RandomSource): string {
    const body = randomDigits(random, 11);
    return body + myNumber.checkDigit(body);
  },
};

/**
 * 法人番号 (13 digits, check digit FIRST; 財務省令第70号 第2条): over the 12-digit 基礎番号, digit n
 * from the right weighs 1 when n is odd and 2 when even; CD = 9 − (sum mod 9), so 1–9.
 */
export const corporateNumber = {
  checkDigit(base12: string): number {
    requireDigits(base12, 12, '法人番号の基礎番号');
    let sum = 0;
    for (let n = 1; n <= 12; n++) sum += Number(base12[12 - n]) * (n % 2 === 1 ? 1 : 2);
    return 9 - (sum % 9);
  },
  isValid(value: string): boolean {
    return digitsOnly(value, 13) && Number(value[0]) === corporateNumber.checkDigit(value.slice(1));
  },
  generate(random: RandomSource): string {
    const base = randomDigits(random, 12);
    return corporateNumber.checkDigit(base) + base;
  },
};

/**
 * What to do when M11W2〜7 gives 10 (remainder 1). The 住記 standard (1.1.13) says only that
 * remainder 0 gives 0. `skip`: such a body has no valid number, and numbering skips it (every
 * number issued this way is valid under either reading). `zero`: write 0, as some legacy systems
 * did; use it to validate numbers taken over from them.
 */
export type ElevenPolicy = 'skip' | 'zero';

export interface AddresseeNumberOptions {
  /** Total length including the check digit; any length from 2 to 20 when omitted. */
  length?: number;
  whenTen?: ElevenPolicy;
}

/**
 * 宛名番号 and 世帯番号 (住民記録システム標準仕様書 1.1.13): a serial body + 1 check digit, modulus 11
 * with weights 2,3,4,5,6,7 repeating from the rightmost body digit; r = sum mod 11; CD = 11 − r, and
 * 0 when r = 0. The standard fixes no length.
 */
export const addresseeNumber = {
  /** The check digit, or null when the body has none (remainder 1 under the `skip` policy). */
  checkDigit(body: string, whenTen: ElevenPolicy = 'skip'): number | null {
    if (!/^[0-9]{1,19}$/.test(body)) throw new RangeError('宛名番号・世帯番号の本体は1〜19桁の数字です');
    let sum = 0;
    for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (2 + (i % 6));
    const r = sum % 11;
    if (r === 0) return 0;
    if (r === 1) return whenTen === 'zero' ? 0 : null;
    return 11 - r;
  },
  isValid(value: string, options: AddresseeNumberOptions = {}): boolean {
    if (!/^[0-9]{2,20}$/.test(value)) return false;
    if (options.length !== undefined && value.length !== options.length) return false;
    const cd = addresseeNumber.checkDigit(value.slice(0, -1), options.whenTen);
    return cd !== null && Number(value[value.length - 1]) === cd;
  },
  /**
   * The number after `previous` in 単純連番 order (its body + 1, skipping bodies without a check
   * digit), for automatic numbering. Keeps the length; throws when the serial space is used up.
   */
  next(previous: string): string {
    if (!/^[0-9]{2,20}$/.test(previous)) throw new RangeError('宛名番号・世帯番号は2〜20桁の数字です');
    const width = previous.length - 1;
    let body = BigInt(previous.slice(0, -1));
    for (;;) {
      body += 1n;
      const text = body.toString().padStart(width, '0');
      if (text.length > width) throw new RangeError(`${width}桁の連番を使い切りました`);
      const cd = addresseeNumber.checkDigit(text);
      if (cd !== null) return text + cd;
    }
  },
  /** A valid number of `length` digits (default 10) whose body has a check digit under both policies. */
  generate(random: RandomSource, length = 10): string {
    if (!Number.isInteger(length) || length < 2 || length > 20) throw new RangeError('桁数は2〜20です');
    for (;;) {
      const body = randomDigits(random, length - 1);
      const cd = addresseeNumber.checkDigit(body);
      if (cd !== null) return body + cd;
    }
  },
};

/** 世帯番号 uses the same rule as 宛名番号 (1.1.13). */
export const householdNumber = addresseeNumber;

/**
 * 保険者番号: 8 digits (法別番号2 + 都道府県2 + 保険者別番号3 + 検証番号1), or 6 for 国民健康保険
 * (no 法別番号). Over the body, weights 2,1,2,1… from the right; the digits of each product are
 * added (14 → 1 + 4); CD = (10 − sum mod 10) mod 10. Verified on 8-digit 33120015; the 6-digit
 * form uses the same rule (not verified against a published example here).
 */
export const insurerNumber = {
  checkDigit(body: string): number {
    if (!/^[0-9]{5}$|^[0-9]{7}$/.test(body)) throw new RangeError('保険者番号の本体は5桁または7桁の数字です');
    let sum = 0;
    for (let i = 0; i < body.length; i++) {
      const p = Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 2 : 1);
      sum += Math.floor(p / 10) + (p % 10);
    }
    return (10 - (sum % 10)) % 10;
  },
  isValid(value: string): boolean {
    return (digitsOnly(value, 8) || digitsOnly(value, 6)) && Number(value.at(-1)) === insurerNumber.checkDigit(value.slice(0, -1));
  },
  generate(random: RandomSource, length: 6 | 8 = 8): string {
    const body = randomDigits(random, length - 1);
    return body + insurerNumber.checkDigit(body);
  },
};

/**
 * 住民票コード (11 digits: 10 random + 1 check digit, 住基法施行規則1条). The check-digit formula is a
 * 総務大臣告示 not yet confirmed (STANDARDS §6), so only the form is checked: an unconfirmed formula
 * must not turn away a real resident's code.
 */
export const residentCode = {
  isWellFormed: (value: string): boolean => digitsOnly(value, 11),
  /** 11 random digits: well-formed, but whether its last digit would pass the real formula is unknown. */
  generate: (random: RandomSource): string => randomDigits(random, 11),
};
