import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvError, csvLine, CsvReader, type CsvRecord } from './csv.ts';

const readAll = (text: string, pieces = 1): CsvRecord[] => {
  const reader = new CsvReader();
  const size = Math.max(1, Math.ceil(text.length / pieces));
  const records: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += size) records.push(...reader.push(text.slice(i, i + size)));
  return [...records, ...reader.end()];
};

describe('CSV (RFC 4180)', () => {
  it('writes NULL as nothing, an empty text as "", and quotes commas, quotes and line breaks', () => {
    expect(csvLine(['a', null, '', 'b,c', 'say "hi"', '一\n二'])).toBe('a,,"",' + '"b,c","say ""hi""","一\n二"\r\n');
  });

  it('reads back what it writes, in any split of the text', () => {
    const field = fc.oneof(fc.constant(null), fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r\n', '山', ' ', '𠮷') }));
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 7 }), (rows, pieces) => {
        const text = rows.map(csvLine).join('');
        expect(readAll(text, pieces).map((r) => r.fields)).toEqual(rows);
      }),
    );
  });

  it('numbers records by the physical line they start on', () => {
    const records = readAll('a,b\r\n"x\r\ny",z\r\nc,d\r\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it('accepts LF files and a last line without a line break', () => {
    expect(readAll('a,b\nc,d').map((r) => r.fields)).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it.each([
    ['mixed line endings', 'a,b\r\nc,d\ne,f\r\n', 2, /改行コードが混在/],
    ['a bare CR', 'a,b\rc,d\n', 1, /CR/],
    ['an unclosed quote', 'a,"b\r\nc\r\n', 1, /閉じられていません/],
    ['a quote inside a field', 'a,b"c\r\n', 1, /引用符/],
    ['text after a closing quote', 'a,"b"c\r\n', 1, /区切り/],
  ])('refuses %s with its line', (_what, text, line, message) => {
    let error: unknown;
    try {
      readAll(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvError);
    expect((error as CsvError).line).toBe(line);
    expect((error as CsvError).message).toMatch(message);
  });
});
