import { describe, expect, it } from 'vitest';
import { parseGaijiMap } from './index.ts';
import type { GaijiMapResult } from './index.ts';

function map(result: GaijiMapResult): Map<number, string> {
  if (!result.ok) throw new Error(`expected a map, got: ${result.problems.map((p) => p.message).join(' / ')}`);
  return result.map;
}

function messages(result: GaijiMapResult): string[] {
  if (result.ok) throw new Error(`expected problems, got a map of ${result.map.size}`);
  return result.problems.map((p) => p.message);
}

/** The single problem of a table with one data line (line 2). */
const problemOf = (line: string): string[] => messages(parseGaijiMap(`code,character\n${line}\n`));

describe('parseGaijiMap', () => {
  it('reads a table: BOM, CRLF, notes with commas and quotes, IVS, astral, blank lines, lowercase hex', () => {
    const text = '\uFEFFcode,character,note\r\nU+E000,葛\u{E0101},"葛飾区の葛, MJ相当"\r\nU+E001,髙,\r\n\r\nu+e002,𠮷\r\nU+F0000,﨑,"""異体"""\r\n\r\n';
    expect([...map(parseGaijiMap(text))]).toEqual([
      [0xe000, '葛\u{E0101}'],
      [0xe001, '髙'],
      [0xe002, '𠮷'],
      [0xf0000, '﨑'],
    ]);
  });

  it('accepts a table with only a header, and the two-column header', () => {
    expect(map(parseGaijiMap('code,character,note\n')).size).toBe(0);
    expect(map(parseGaijiMap('code,character\nU+E757,か゚')).get(0xe757)).toBe('か゚');
  });

  it('stores the character as the system stores text (NFC, compatibility ideographs kept)', () => {
    // か + U+3099 (combining dakuten) → が; 神 U+FA19 stays itself.
    const m = map(parseGaijiMap('code,character\nU+E000,か\u3099\nU+E001,\uFA19\n'));
    expect(m.get(0xe000)).toBe('が');
    expect(m.get(0xe001)).toBe('\uFA19');
  });

  it('requires the header', () => {
    expect(messages(parseGaijiMap(''))).toEqual(['1行目: 見出し行（code,character,note）がありません']);
    expect(messages(parseGaijiMap('U+E000,葛\n'))).toEqual(['1行目: 見出し行は code,character または code,character,note にしてください（U+E000,葛）']);
    expect(messages(parseGaijiMap('code,character,note,extra\n'))).toHaveLength(1);
  });

  it('rejects a badly written code', () => {
    expect(problemOf('U+E0ZZ,葛')).toEqual(['2行目: 符号位置 U+E0ZZ の形式が正しくありません（U+E000 の形式で書いてください）']);
    expect(problemOf('E000,葛')).toEqual(['2行目: 符号位置 E000 の形式が正しくありません（U+E000 の形式で書いてください）']);
    expect(problemOf('U+E00,葛')).toHaveLength(1);
    expect(map(parseGaijiMap('code,character\nU+0F0000,葛\n')).get(0xf0000)).toBe('葛');
    expect(problemOf('U+E000000,葛')).toHaveLength(1);
  });

  it('rejects a code outside private use, and an empty one', () => {
    expect(problemOf('U+845B,葛')).toEqual(['2行目: 符号位置 U+845B は私用領域（外字の領域 U+E000〜U+F8FF など）ではありません']);
    expect(problemOf('U+110000,葛')).toEqual(['2行目: 符号位置 U+110000 は私用領域（外字の領域 U+E000〜U+F8FF など）ではありません']);
    expect(problemOf(',葛')).toEqual(['2行目: 符号位置（code）が空です']);
  });

  it('rejects a duplicate code, naming the first line', () => {
    expect(messages(parseGaijiMap('code,character\nU+E000,葛\nU+E001,髙\nU+e000,葛\n'))).toEqual([
      '4行目: 符号位置 U+E000 は2行目にもあります（1つの外字に対応する文字は1つです）',
    ]);
  });

  it('rejects an empty character', () => {
    expect(problemOf('U+E000,')).toEqual(['2行目: 文字（character）が空です']);
    expect(problemOf('U+E000,""')).toEqual(['2行目: 文字（character）が空です']);
    expect(problemOf('U+E000')).toEqual(['2行目: 文字（character）が空です']);
  });

  it('rejects more than one character', () => {
    expect(problemOf('U+E000,葛飾')).toEqual(['2行目: 文字 「葛飾」（U+845B U+98FE） は2文字です。1つの外字に対応するのは1文字です']);
  });

  it('rejects a private-use replacement', () => {
    expect(problemOf('U+E000,\uE001')).toEqual(['2行目: 文字 「\uE001」（U+E001） が外字（私用領域）です。置き換える先は標準の文字にしてください']);
    expect(problemOf('U+E000,葛\uE001')[0]).toMatch(/が外字（私用領域）です/);
  });

  it('rejects control characters, spaces and the replacement character', () => {
    expect(problemOf('U+E000,\u0007')).toEqual(['2行目: 文字 （U+0007）: 制御文字（U+0007）は使用できません（1文字目）']);
    expect(problemOf('U+E000,\u0085')[0]).toMatch(/制御文字（U\+0085）/);
    expect(problemOf('U+E000,葛 ')).toEqual(['2行目: 文字 「葛 」（U+845B U+0020） に空白が含まれています']);
    expect(problemOf('U+E000,\u3000')[0]).toMatch(/空白が含まれています/);
    expect(problemOf('U+E000,\u2028')).toEqual(['2行目: 文字 （U+2028） に空白が含まれています']);
    expect(problemOf('U+E000,\uFFFD')).toEqual(['2行目: 文字 「\uFFFD」（U+FFFD） に置換文字（U+FFFD、文字化けの跡）が含まれています']);
  });

  it('accepts one IVS after a kanji, and nothing else as a variation selector', () => {
    expect(problemOf('U+E000,葛\u{E0101}\u{E0100}')).toEqual([
      '2行目: 文字 「葛\u{E0101}\u{E0100}」（U+845B U+E0101 U+E0100） に異体字セレクタが2つあります（付けられるのは1つです）',
    ]);
    expect(problemOf('U+E000,葛\uFE00')).toEqual([
      '2行目: 文字 「葛\uFE00」（U+845B U+FE00） の異体字セレクタ U+FE00 は使えません（IVS: U+E0100〜U+E01EF を使ってください）',
    ]);
    expect(problemOf('U+E000,A\u{E0100}')).toEqual(['2行目: 文字 「A\u{E0100}」（U+0041 U+E0100）: 異体字セレクタ（IVS）は漢字1字の直後に付けてください']);
    expect(problemOf('U+E000,\u{E0100}')[0]).toMatch(/異体字セレクタ（U\+E0100）が文字に付いていません/);
  });

  it('rejects extra columns and a broken quote', () => {
    expect(problemOf('U+E000,葛,note,more')).toEqual(['2行目: 項目が多すぎます（4項目。見出しは2項目です）']);
    expect(messages(parseGaijiMap('code,character,note\nU+E000,葛,"unclosed\n'))).toEqual(['2行目: 引用符（"）が閉じられていません']);
  });

  it('reports every bad line of the table at once, with its line', () => {
    const text = ['code,character,note', 'U+E000,葛', 'U+E0ZZ,髙', 'U+E001,', 'U+E002,"改行を\n含む"', 'U+E003,髙', 'U+4E00,一,', 'U+E003,高'].join('\r\n');
    const result = parseGaijiMap(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.line)).toEqual([3, 4, 5, 8, 9]);
    expect(result.problems.map((p) => p.message.slice(0, p.message.indexOf(':')))).toEqual(['3行目', '4行目', '5行目', '8行目', '9行目']);
  });
});
