/**
 * 検査数字 (check digits) of the numbers Japanese administration uses.
 * Formulas and sources: ../../docs/ (STANDARDS §6). Pure functions, no I/O.
 */

const digitsOnly = (s: string, length: number): boolean => s.length === length && /^[0-9]+$/.test(s);

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
};
