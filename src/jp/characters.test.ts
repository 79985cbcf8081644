import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  characterLength,
  charactersOutside,
  classifyCharacter,
  classifyText,
  codePointsOf,
  describeCodePoints,
  fitsCharacterSet,
  normalizeText,
  segmentCharacters,
  validateText,
} from './characters.ts';
import type { CharacterClass } from './characters.ts';
import { JIS_TABLE_COUNTS, JIS_X_0213_SEQUENCES } from './tables/jis-sets.ts';

const IVS = '\u{E0100}';

describe('normalizeText keeps text as entered', () => {
  it.each([
    ['composes what NFC composes', 'か\u3099e\u0301', 'がé'],
    ['keeps a CJK compatibility ideograph (NFC would give U+795E)', '\uFA19', '\uFA19'],
    ['keeps compatibility ideographs of the SIP', '\u{2F800}', '\u{2F800}'],
    ['keeps an ideographic variation selector', `葛${IVS}飾`, `葛${IVS}飾`],
    ['keeps private use', '\uE000\u{F0000}', '\uE000\u{F0000}'],
    ['still normalises around a kept character', 'か\u3099\uFA19か\u3099', 'が\uFA19が'],
    ['keeps a compatibility ideograph with a selector', `\uFA19${IVS}`, `\uFA19${IVS}`],
  ])('%s', (_, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('is idempotent and never drops a selector or private-use code point (fast-check)', () => {
    const special = fc.constantFrom('\uFA19', '\uFA10', IVS, '\u{E01EF}', '\uE000', '\u{10FFFD}', '\u3099', '\u0301', 'か', 'A', '葛');
    const text = fc.array(fc.oneof(special, fc.string({ unit: 'grapheme', maxLength: 3 }))).map((a) => a.join(''));
    const kept = (s: string): string[] => Array.from(s).filter((c) => /[\u{E0100}-\u{E01EF}\uE000-\uF8FF\u{F0000}-\u{10FFFD}\uF900-\uFAFF]/u.test(c));
    fc.assert(
      fc.property(text, (s) => {
        const n = normalizeText(s);
        expect(normalizeText(n)).toBe(n);
        expect(kept(n)).toEqual(kept(s));
      }),
    );
  });
});

describe('characterLength counts characters, not UTF-16 units', () => {
  it.each([
    ['葛飾区', 3],
    [`葛${IVS}飾区`, 3],
    ['𠮷野家', 3],
    ['か\u309A', 1],
    ['\u{F0000}', 1],
    ['ｶﾞ', 1],
    ['👨‍👩‍👧', 1],
    ['', 0],
  ])('%s has %d', (text, n) => {
    expect(characterLength(text)).toBe(n);
  });

  it('splits into those characters', () => {
    expect(segmentCharacters(`髙${IVS}橋`)).toEqual([`髙${IVS}`, '橋']);
  });
});

describe('classifyCharacter', () => {
  it.each<[string, CharacterClass]>([
    ['A', 'jis-x-0201'],
    ['~', 'jis-x-0201'],
    ['ｱ', 'jis-x-0201'],
    ['ｶﾞ', 'jis-x-0201'],
    ['あ', 'jis-x-0208'],
    ['亜', 'jis-x-0208'],
    ['熙', 'jis-x-0208'],
    ['Ａ', 'jis-x-0208'],
    ['〓', 'jis-x-0208'],
    ['〜', 'jis-x-0208'],
    ['～', 'jis-x-0208'], // U+FF5E: what Windows gives for 1-1-33
    ['−', 'jis-x-0208'],
    ['－', 'jis-x-0208'],
    ['Å', 'jis-x-0208'], // NFC of U+212B (1-2-82)
    ['﨑', 'jis-x-0213'],
    ['①', 'jis-x-0213'],
    ['か\u309A', 'jis-x-0213'],
    ['𠮟', 'jis-x-0213'],
    ['\uFA19', 'jis-x-0213'],
    ['鷗', 'jis-x-0213'],
    ['髙', 'beyond-jis'],
    ['𠮷', 'beyond-jis'],
    ['😀', 'beyond-jis'],
    ['한', 'beyond-jis'],
    ['ア\u3099', 'beyond-jis'],
    [`葛${IVS}`, 'ivs'],
    ['辻\uFE00', 'ivs'],
    ['\uE000', 'private-use'],
    [`\uE000${IVS}`, 'private-use'],
    ['\u{10FFFD}', 'private-use'],
  ])('%s is %s', (c, expected) => {
    expect(classifyCharacter(c)).toBe(expected);
  });

  it('reports what a set cannot carry', () => {
    expect(charactersOutside(`髙${IVS}橋﨑子`, 'jis-x-0208')).toEqual([
      { index: 0, character: `髙${IVS}`, class: 'ivs' },
      { index: 2, character: '﨑', class: 'jis-x-0213' },
    ]);
    expect(charactersOutside('高橋﨑子', 'jis-x-0213')).toEqual([]);
    expect(fitsCharacterSet('山田　太郎 ABC ｱｲｳ', 'jis-x-0208')).toBe(true);
    expect(classifyText(`髙橋﨑\uE000A`)).toEqual({
      'jis-x-0201': 1,
      'jis-x-0208': 1,
      'jis-x-0213': 1,
      ivs: 0,
      'private-use': 1,
      'beyond-jis': 1,
    });
  });

  it('names code points', () => {
    expect(describeCodePoints(`葛${IVS}`)).toBe('U+845B U+E0100');
  });
});

describe('the generated JIS tables', () => {
  it('hold the expected number of cells', () => {
    expect(JIS_TABLE_COUNTS.x0208Cells).toBe(6879);
    expect(JIS_TABLE_COUNTS.x0213Cells).toBe(11233);
    expect(codePointsOf('jis-x-0208')).toHaveLength(JIS_TABLE_COUNTS.x0208CodePoints);
    expect(codePointsOf('jis-x-0213')).toHaveLength(JIS_TABLE_COUNTS.x0208CodePoints + JIS_TABLE_COUNTS.x0213ExtraCodePoints);
    expect(JIS_X_0213_SEQUENCES).toHaveLength(25);
  });

  it('agree with iconv-lite EUC-JP on JIS X 0208 (rows 1–8 and 16–84, no vendor rows)', () => {
    const table = new Set(codePointsOf('jis-x-0208'));
    const decoded = new Set<number>();
    for (let row = 1; row <= 84; row++) {
      if (row >= 9 && row <= 15) continue; // NEC special characters live in row 13 of EUC-JP, not in JIS X 0208
      for (let cell = 1; cell <= 94; cell++) {
        const text = iconv.decode(Buffer.from([0xa0 + row, 0xa0 + cell]), 'euc-jp');
        if (text === '\uFFFD' || text.length !== 1) continue;
        decoded.add(text.codePointAt(0)!);
      }
    }
    const missing = [...decoded].filter((cp) => !table.has(cp));
    expect(missing.map((cp) => cp.toString(16))).toEqual([]);
    expect(decoded.size).toBe(6879);
    // iconv-lite maps 7 cells the Windows-31J way (～ ∥ － ￠ ￡ ￢ ―); the table holds both
    // mappings, the NFC form Å of 1-2-82 and glibc's EM DASH for 1-1-29.
    const extra = [...table].filter((cp) => !decoded.has(cp)).map((cp) => cp.toString(16).toUpperCase());
    expect(extra).toEqual(['A2', 'A3', 'AC', 'C5', '2014', '2016', '2212', '301C']);
  });
});

describe('validateText', () => {
  it('accepts and normalises', () => {
    expect(validateText('か\u3099\uFA19')).toEqual({ ok: true, value: 'が\uFA19' });
    expect(validateText(`葛${IVS}飾区\uE000`)).toEqual({ ok: true, value: `葛${IVS}飾区\uE000` });
    expect(validateText('')).toEqual({ ok: true, value: '' });
  });

  it.each([
    ['山田\u0007', 'characters.control', '制御文字（U+0007）は使用できません（3文字目）'],
    ['山\t田', 'characters.control', '制御文字（U+0009）は使用できません（2文字目）'],
    ['山\u007F', 'characters.control', '制御文字（U+007F）は使用できません（2文字目）'],
    ['山\u0085', 'characters.control', '制御文字（U+0085）は使用できません（2文字目）'],
    ['山\n田', 'characters.control', '改行は使用できません（2文字目）'],
    ['山\uD800田', 'characters.unpaired-surrogate', '壊れた文字（対になっていないサロゲート U+D800）が含まれています（2文字目）'],
    ['\uDC00', 'characters.unpaired-surrogate', '壊れた文字（対になっていないサロゲート U+DC00）が含まれています（1文字目）'],
    ['山\uDBFF', 'characters.unpaired-surrogate', '壊れた文字（対になっていないサロゲート U+DBFF）が含まれています（2文字目）'],
    ['山\uFFFF', 'characters.noncharacter', '使用できない符号位置（U+FFFF）が含まれています（2文字目）'],
    [`${IVS}葛`, 'characters.stray-variation-selector', '異体字セレクタ（U+E0100）が文字に付いていません（1文字目）'],
  ])('refuses %j', (text, code, message) => {
    expect(validateText(text)).toEqual({ ok: false, code, message });
  });

  it('accepts line breaks only when asked', () => {
    expect(validateText('一行目\r\n二行目\n', { allowNewline: true })).toEqual({ ok: true, value: '一行目\r\n二行目\n' });
    expect(validateText('一\r二', { allowNewline: true }).ok).toBe(false);
  });

  it('never lets a lone surrogate through (fast-check)', () => {
    const wellFormed = (s: string): boolean => !/\p{Surrogate}/u.test(s);
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const r = validateText(s);
        if (r.ok) expect(wellFormed(r.value)).toBe(true);
        if (!wellFormed(s)) expect(r.ok).toBe(false);
      }),
    );
  });
});

describe('segmenting long text (piece by piece, so a 1 MB field costs linear time)', () => {
  const whole = (text: string) => Array.from(new Intl.Segmenter('ja', { granularity: 'grapheme' }).segment(text), (s) => s.segment);
  // Everything that joins code points into one cluster: marks, ZWJ sequences, flags, jamo, virama, IVS, CR LF, lone surrogates.
  const parts = ['a', 'あ', '葛', '\u{E0100}', '\u0301', '\u200D', '👨', '\u{1F1EF}', '\u{1F1F5}', '\r', '\n', '\u1100', '\u1161', '\u11A8', 'क', '\u094D', 'ष', '\u0600', '\uD800', '\uDC00', '\u3099', 'ｶ', '\uFF9E', '\uFE0F', '\u20E3'];

  it('finds the same clusters as segmenting the whole text at once', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...parts), { minLength: 200, maxLength: 2000 }), (chunks) => {
        const text = chunks.join('');
        expect(segmentCharacters(text)).toEqual(whole(text));
        expect(characterLength(text)).toBe(whole(text).length);
      }),
      { numRuns: 100 },
    );
    for (const run of ['\u0301', '\u{1F1EF}', '👨\u200D', 'क\u094D', '\u{E0100}']) expect(segmentCharacters(`a${run.repeat(2000)}`)).toEqual(whole(`a${run.repeat(2000)}`));
  });

  it('counts 200,000 characters in seconds at most (segmenting the whole text at once took minutes)', () => {
    const started = performance.now();
    expect(characterLength('あ'.repeat(200_000))).toBe(200_000);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
