import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addresseeNumber,
  corporateNumber,
  householdNumber,
  insurerNumber,
  localGovernmentCode,
  myNumber,
  residentCode,
} from './check-digits.ts';
import { seededRandom } from './random.ts';

/** Every digit but the check digit at `position` (index into the string). */
const otherCheckDigits = (value: string, position: number): string[] =>
  '0123456789'
    .split('')
    .filter((d) => d !== value[position])
    .map((d) => value.slice(0, position) + d + value.slice(position + 1));

const seeds = fc.integer({ min: 0, max: 0xffffffff });

describe('全国地方公共団体コード (STANDARDS §6, real codes)', () => {
  it.each([
    ['131016', '千代田区'],
    ['011002', '札幌市'],
    ['271403', '堺市'],
    ['141500', '相模原市'],
    ['472018', '那覇市'],
    ['130001', '東京都'],
    ['010006', '北海道'],
  ])('%s (%s) is valid', (code) => {
    expect(localGovernmentCode.isValid(code)).toBe(true);
    for (const wrong of otherCheckDigits(code, 5)) expect(localGovernmentCode.isValid(wrong)).toBe(false);
  });

  it('computes the check digit of the 5-digit body', () => {
    expect(localGovernmentCode.checkDigit('13101')).toBe(6);
    expect(localGovernmentCode.checkDigit('01100')).toBe(2);
    expect(() => localGovernmentCode.checkDigit('1310')).toThrow(RangeError);
  });

  it.each(['13101', '1310166', '13101a', '１３１０１６', ''])('refuses malformed %s', (code) => {
    expect(localGovernmentCode.isValid(code)).toBe(false);
  });
});

describe('個人番号', () => {
  it('accepts the published example 983205673214 and no other check digit', () => {
    expect(myNumber.isValid('983205673214')).toBe(true);
    expect(myNumber.checkDigit('98320567321')).toBe(4);
    for (const wrong of otherCheckDigits('983205673214', 11)) expect(myNumber.isValid(wrong)).toBe(false);
  });

  it('uses 0 when the remainder is 0 or 1', () => {
    // 00000000000: sum 0, r 0 → 0; 00000000060: 6 × 3 = 18, r 7 → 4; 10000000000: 6, r 6 → 5
    expect(myNumber.checkDigit('00000000000')).toBe(0);
    expect(myNumber.checkDigit('00000000060')).toBe(4);
    expect(myNumber.checkDigit('10000000000')).toBe(5);
    // 00000000100: 1 × 4 = 4 → 7; 20000000000: 12, r 1 → 0
    expect(myNumber.checkDigit('00000000100')).toBe(7);
    expect(myNumber.checkDigit('20000000000')).toBe(0);
  });

  it.each(['98320567321', '9832056732140', '98320567321x'])('refuses malformed %s', (value) => {
    expect(myNumber.isValid(value)).toBe(false);
  });
});

describe('法人番号 (check digit first)', () => {
  it.each(['7123456789012', '4011001098993'])('%s is valid and no other check digit is', (value) => {
    expect(corporateNumber.isValid(value)).toBe(true);
    expect(corporateNumber.checkDigit(value.slice(1))).toBe(Number(value[0]));
    for (const wrong of otherCheckDigits(value, 0)) expect(corporateNumber.isValid(wrong)).toBe(false);
  });

  it('gives check digits 1–9, never 0', () => {
    expect(corporateNumber.checkDigit('000000000000')).toBe(9);
    expect(corporateNumber.checkDigit('000000000009')).toBe(9);
  });
});

describe('宛名番号・世帯番号 (M11W2〜7, 住記標準 1.1.13)', () => {
  it.each([
    // 1234567: 7·2 + 6·3 + 5·4 + 4·5 + 3·6 + 2·7 + 1·2 = 106, r 7 → 4
    ['1234567', 4],
    // 0: r 0 → 0 (the rule the standard states)
    ['0000000', 0],
    // 5: 10, r 10 → 1
    ['0000005', 1],
    // weights repeat after 7: 1 in the 7th place from the right weighs 2 again
    ['1000000', 9],
  ])('body %s → %d', (body, cd) => {
    expect(addresseeNumber.checkDigit(body)).toBe(cd);
    expect(addresseeNumber.isValid(`${body}${cd}`)).toBe(true);
  });

  it('has no check digit when the remainder is 1, unless the legacy `zero` policy is chosen', () => {
    // 6: 12, r 1 → 11 − 1 = 10
    expect(addresseeNumber.checkDigit('0000006')).toBeNull();
    expect(addresseeNumber.checkDigit('0000006', 'zero')).toBe(0);
    for (const d of '0123456789') expect(addresseeNumber.isValid(`0000006${d}`)).toBe(false);
    expect(addresseeNumber.isValid('00000060', { whenTen: 'zero' })).toBe(true);
  });

  it('numbers serially, skipping bodies without a check digit', () => {
    expect(addresseeNumber.next('00000051')).toBe('00000078');
    expect(addresseeNumber.next('00000001')).toBe('00000019');
    expect(() => addresseeNumber.next('99')).toThrow(/使い切りました/);
  });

  it('checks the length when asked', () => {
    expect(addresseeNumber.isValid('12345674', { length: 8 })).toBe(true);
    expect(addresseeNumber.isValid('12345674', { length: 15 })).toBe(false);
    expect(householdNumber.isValid('12345674')).toBe(true);
  });
});

describe('保険者番号', () => {
  it('accepts 33120015 and no other check digit', () => {
    expect(insurerNumber.isValid('33120015')).toBe(true);
    for (const wrong of otherCheckDigits('33120015', 7)) expect(insurerNumber.isValid(wrong)).toBe(false);
  });

  it('adds the digits of two-digit products', () => {
    // 0000009: 9·2 = 18 → 1 + 8 = 9 → CD 1
    expect(insurerNumber.checkDigit('0000009')).toBe(1);
  });

  it('handles 6-digit 国民健康保険 numbers with the same rule', () => {
    expect(insurerNumber.checkDigit('13101')).toBe(1);
    expect(insurerNumber.isValid('131011')).toBe(true);
    expect(insurerNumber.isValid('1310111')).toBe(false);
  });
});

describe('住民票コード (form only until the 告示 formula is confirmed)', () => {
  it('accepts 11 digits and nothing else', () => {
    expect(residentCode.isWellFormed('12345678901')).toBe(true);
    expect(residentCode.isWellFormed('1234567890')).toBe(false);
    expect(residentCode.isWellFormed('1234567890a')).toBe(false);
  });
});

describe('generators yield only valid numbers, reproducibly', () => {
  const schemes = [
    { name: '地方公共団体コード', generate: localGovernmentCode.generate, isValid: localGovernmentCode.isValid, cd: 5 },
    { name: '個人番号', generate: myNumber.generate, isValid: myNumber.isValid, cd: 11 },
    { name: '法人番号', generate: corporateNumber.generate, isValid: corporateNumber.isValid, cd: 0 },
    { name: '保険者番号8桁', generate: (r: () => number) => insurerNumber.generate(r, 8), isValid: insurerNumber.isValid, cd: 7 },
    { name: '保険者番号6桁', generate: (r: () => number) => insurerNumber.generate(r, 6), isValid: insurerNumber.isValid, cd: 5 },
    { name: '宛名番号', generate: (r: () => number) => addresseeNumber.generate(r), isValid: (v: string) => addresseeNumber.isValid(v), cd: 9 },
    {
      name: '宛名番号 (zero policy)',
      generate: (r: () => number) => addresseeNumber.generate(r, 15),
      isValid: (v: string) => addresseeNumber.isValid(v, { whenTen: 'zero', length: 15 }),
      cd: 14,
    },
  ];

  it.each(schemes)('$name: generated numbers validate; any other check digit does not', ({ generate, isValid, cd }) => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const value = generate(seededRandom(seed));
        expect(isValid(value)).toBe(true);
        for (const wrong of otherCheckDigits(value, cd)) expect(isValid(wrong)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('gives the same numbers for the same seed', () => {
    const a = Array.from({ length: 5 }, (_, i) => myNumber.generate(seededRandom(i)));
    const b = Array.from({ length: 5 }, (_, i) => myNumber.generate(seededRandom(i)));
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(5);
    expect(residentCode.isWellFormed(residentCode.generate(seededRandom(1)))).toBe(true);
  });

  it('gives local government codes with a prefecture part 01–47', () => {
    const random = seededRandom(42);
    for (let i = 0; i < 1000; i++) {
      const prefecture = Number(localGovernmentCode.generate(random).slice(0, 2));
      expect(prefecture).toBeGreaterThanOrEqual(1);
      expect(prefecture).toBeLessThanOrEqual(47);
    }
  });

  it('any 宛名番号 `next` returns validates (fast-check)', () => {
    fc.assert(
      fc.property(seeds, (seed) => {
        const value = addresseeNumber.generate(seededRandom(seed), 10);
        if (value.slice(0, -1) === '999999999') return;
        const next = addresseeNumber.next(value);
        expect(addresseeNumber.isValid(next)).toBe(true);
        expect(BigInt(next.slice(0, -1))).toBeGreaterThan(BigInt(value.slice(0, -1)));
      }),
    );
  });
});
