import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { myNumber } from '../../jp/check-digits.ts';
import { MY_NUMBERS, NOT_MY_NUMBERS } from '../../../test/fixtures/my-numbers.ts';
import { findMyNumbers } from '../../../test/support/log-scan.ts';
import { scrubJsonLine } from './scrub.ts';
import { MY_NUMBER_PLACEHOLDER, scrubMyNumbers } from './index.ts';

const n = MY_NUMBERS[0]!;
const fullWidth = (digits: string) => digits.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const grouped = (digits: string, separator: string) => `${digits.slice(0, 4)}${separator}${digits.slice(4, 8)}${separator}${digits.slice(8)}`;

describe('scrubMyNumbers', () => {
  it.each([
    ['plain', n],
    ['full-width', fullWidth(n)],
    ['grouped with hyphens', grouped(n, '-')],
    ['grouped with spaces', grouped(n, ' ')],
    ['grouped with ideographic spaces and full-width digits', grouped(fullWidth(n), '　')],
    ['grouped with the prolonged sound mark an IME gives for a hyphen', grouped(n, 'ー')],
  ])('replaces a number written %s', (_form, written) => {
    expect(scrubMyNumbers(`個人番号は${written}です`)).toBe(`個人番号は${MY_NUMBER_PLACEHOLDER}です`);
  });

  it('leaves 12-digit runs that fail the check digit, and runs of other lengths', () => {
    const text = `id=${NOT_MY_NUMBERS[0]} corp=1${n} long=${n}0 short=${n.slice(1)} ${grouped(NOT_MY_NUMBERS[1]!, '-')}`;
    expect(scrubMyNumbers(text)).toBe(text);
  });

  it('leaves a UUID whose last group happens to pass the check digit', () => {
    const uuid = `01890a5d-ac96-774b-bcce-${n}`;
    expect(scrubMyNumbers(`request ${uuid}`)).toBe(`request ${uuid}`);
  });

  const body = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 11 }).map((d) => d.join(''));
  const validNumber = body.map((b) => b + myNumber.checkDigit(b));
  const invalidNumber = body.chain((b) =>
    fc.integer({ min: 1, max: 9 }).map((shift) => b + ((myNumber.checkDigit(b) + shift) % 10)),
  );
  const written = (digits: fc.Arbitrary<string>) =>
    fc.tuple(digits, fc.boolean(), fc.constantFrom('', '-', ' ', '－', '　', 'ー')).map(([d, wide, sep]) => {
      const text = sep ? grouped(d, sep) : d;
      return wide ? fullWidth(text) : text;
    });
  // Neither a digit nor a separator, so an embedded number stays a 12-digit run of its own.
  const boundary = fc.constantFrom('を', 'a', ':', '"', '\n', '=', '(', '。');

  it('removes every valid number embedded in any text (property)', () => {
    fc.assert(
      fc.property(fc.string(), boundary, written(validNumber), boundary, fc.string(), validNumber, (before, b1, number, b2, after, raw) => {
        const digits = number.replace(/[^0-9０-９]/g, '');
        const ascii = digits.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
        const scrubbed = scrubMyNumbers(before + b1 + number + b2 + after);
        expect(findMyNumbers(scrubbed, [ascii])).toEqual([]);
        expect(scrubMyNumbers(raw)).toBe(MY_NUMBER_PLACEHOLDER);
      }),
    );
  });

  it('leaves text without valid numbers unchanged (property)', () => {
    const noDigits = fc.string().map((s) => s.replace(/[0-9０-９]/g, ''));
    const otherRun = fc.oneof(fc.integer({ min: 1, max: 11 }), fc.integer({ min: 13, max: 24 })).chain((length) =>
      fc.array(fc.constantFrom(...'0123456789０１２３４５６７８９'), { minLength: length, maxLength: length }).map((d) => d.join('')),
    );
    const piece = fc.oneof(noDigits, otherRun, written(invalidNumber));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), boundary, (pieces, join) => {
        const text = pieces.join(join);
        expect(scrubMyNumbers(text)).toBe(text);
      }),
    );
  });
});

describe('scrubJsonLine', () => {
  it('quotes a number logged as a JS number, so the line stays JSON', () => {
    const line = JSON.stringify({ a: Number(n), b: [Number(n), 1], c: `x:${n},`, [`k${n}`]: 1 });
    expect(JSON.parse(scrubJsonLine(line))).toEqual({ a: MY_NUMBER_PLACEHOLDER, b: [MY_NUMBER_PLACEHOLDER, 1], c: `x:${MY_NUMBER_PLACEHOLDER},`, [`k${MY_NUMBER_PLACEHOLDER}`]: 1 });
  });

  it('keeps any JSON valid and free of the embedded numbers (property)', () => {
    const numeric = fc.constantFrom(...MY_NUMBERS.filter((m) => m[0] !== '0'));
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), numeric, fc.string(), (value, before, number, after) => {
        const line = JSON.stringify({ value, s: `${before}"\\:${number},${after}`, n: Number(number), a: [Number(number)], [`${before}:${number}`]: value });
        const scrubbed = scrubJsonLine(line);
        expect(() => JSON.parse(scrubbed)).not.toThrow();
        expect(scrubbed).not.toContain(number);
      }),
    );
  });
});

describe('scrubJsonLine on number literals (regression: fast-check counterexample in CI)', () => {
  const n = MY_NUMBERS.find((m) => m[0] !== '0')!;
  // Test names describe the shape only: the synthetic numbers stay out of every output.
  it.each([
    ['with a fraction, nested in arrays', `{"v":[[${n}.00003]]}`, '{"v":[["[個人番号]"]]}'],
    ['negative', `{"v":-${n}}`, '{"v":"[個人番号]"}'],
    ['as a fraction', `{"v":0.${n}}`, '{"v":"[個人番号]"}'],
    ['with an exponent, beside a string', `{"v":${n}e3,"w":"${n}"}`, '{"v":"[個人番号]","w":"[個人番号]"}'],
  ])('a number literal %s stays valid JSON without the number', (_, line, expected) => {
    expect(scrubJsonLine(line)).toBe(expected);
    expect(() => JSON.parse(scrubJsonLine(line))).not.toThrow();
  });
});
