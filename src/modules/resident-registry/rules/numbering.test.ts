import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addresseeNumber } from '../../../jp/index.ts';
import { DEFAULT_NUMBER_LENGTH, issueNumber, numberFindings } from './numbering.ts';

describe('宛名番号・世帯番号の自動付番 (住記標準 1.1.13, j130: 単純連番 + M11W2〜7)', () => {
  it('issues the serial with its check digit, zero-padded to the length', () => {
    // body 000000001: 1×2 = 2, r = 2, CD = 11 − 2 = 9
    expect(issueNumber(1)).toEqual({ value: '0000000019', serial: 1, nextSerial: 2 });
    expect(issueNumber(5)).toEqual({ value: '0000000051', serial: 5, nextSerial: 6 });
    expect(issueNumber(1, 7)).toEqual({ value: '0000019', serial: 1, nextSerial: 2 });
  });

  it('skips a serial whose check digit would be 10 (remainder 1)', () => {
    // body …6: 6×2 = 12, r = 1 → no digit; the next serial 7 gives 14, r = 3, CD 8
    expect(addresseeNumber.checkDigit('000000006')).toBeNull();
    expect(issueNumber(6)).toEqual({ value: '0000000078', serial: 7, nextSerial: 8 });
  });

  it('gives remainder 0 the check digit 0 (j130 余りが0の場合、検査付番は0)', () => {
    const serial = [...Array(200).keys()].find((s) => s > 0 && addresseeNumber.checkDigit(String(s).padStart(9, '0')) === 0)!;
    expect(issueNumber(serial).value).toBe(`${String(serial).padStart(9, '0')}0`);
  });

  it('stops when the serial no longer fits the length', () => {
    expect(() => issueNumber(10, 2)).toThrow(/使い切りました/);
    expect(() => issueNumber(0)).toThrow(RangeError);
  });

  it('property: every issued number is valid, and no serial with a check digit is skipped', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_000 }), (serial) => {
        const issued = issueNumber(serial);
        expect(issued.value).toHaveLength(DEFAULT_NUMBER_LENGTH);
        expect(addresseeNumber.isValid(issued.value)).toBe(true);
        expect(addresseeNumber.isValid(issued.value, { whenTen: 'zero' })).toBe(true);
        for (let s = serial; s < issued.serial; s++) expect(addresseeNumber.checkDigit(String(s).padStart(9, '0'))).toBeNull();
        expect(issued.nextSerial).toBe(issued.serial + 1);
      }),
    );
  });
});

describe('宛名番号・世帯番号の入力チェック', () => {
  it.each([
    ['0000000019', {}, []],
    ['00000000l9', {}, ['numbering.format']],
    ['000000019', { length: 10 }, ['numbering.length']],
    ['0000000018', {}, ['numbering.check-digit']],
    // body …6 has no check digit under `skip`; a legacy system that wrote 0 is accepted with `zero`
    ['0000000060', {}, ['numbering.check-digit']],
    ['0000000060', { whenTen: 'zero' as const }, []],
  ])('%s %o → %o', (value, options, expected) => {
    expect(numberFindings('addresseeNo', 'addressee', value, options).map((f) => f.rule)).toEqual(expected);
  });

  it('names the number and the rule in Japanese', () => {
    expect(numberFindings('householdNo', 'household', '0000000018')[0]).toMatchObject({
      field: 'householdNo',
      severity: 'error',
      message: expect.stringMatching(/世帯番号の検査数字.*1\.1\.13/),
    });
  });
});
