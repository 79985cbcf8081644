import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { characterLength, classifyCharacter, fitsCharacterSet, isInCharacterSet, normalizeText, segmentCharacters } from './characters.ts';
import type { CharacterSet } from './characters.ts';
import { degrade } from './degrade.ts';
import { DEGRADE_MAP } from './degrade-map.ts';

const IVS = '\u{E0100}';

describe('degrade to JIS X 0208', () => {
  it('keeps what already fits', () => {
    expect(degrade('山田　太郎 ABC ｱｲｳ', 'jis-x-0208')).toEqual({ text: '山田　太郎 ABC ｱｲｳ', degraded: [], unresolved: [] });
  });

  it('uses the mapping table', () => {
    expect(degrade('髙橋', 'jis-x-0208')).toEqual({
      text: '高橋',
      degraded: [{ index: 0, from: '髙', to: '高', steps: ['mapping-table'] }],
      unresolved: [],
    });
    expect(degrade('宮﨑', 'jis-x-0208').text).toBe('宮崎');
    expect(degrade('鷗外', 'jis-x-0208').text).toBe('鴎外');
  });

  it('drops a variation selector when the base character fits', () => {
    expect(degrade(`葛${IVS}飾区`, 'jis-x-0208')).toEqual({
      text: '葛飾区',
      degraded: [{ index: 0, from: `葛${IVS}`, to: '葛', steps: ['variation-selector-removed'] }],
      unresolved: [],
    });
  });

  it('chains steps', () => {
    expect(degrade(`𠮷${IVS}野`, 'jis-x-0208').degraded).toEqual([
      { index: 0, from: `𠮷${IVS}`, to: '吉', steps: ['variation-selector-removed', 'mapping-table'] },
    ]);
  });

  it('falls back from a compatibility ideograph to its unified ideograph', () => {
    expect(degrade('\uFA19', 'jis-x-0208')).toEqual({
      text: '神',
      degraded: [{ index: 0, from: '\uFA19', to: '神', steps: ['compatibility-ideograph'] }],
      unresolved: [],
    });
  });

  it('puts 〓 for what it cannot map and reports it', () => {
    expect(degrade('山\uE000子😀', 'jis-x-0208')).toEqual({
      text: '山〓子〓',
      degraded: [],
      unresolved: [
        { index: 1, character: '\uE000', class: 'private-use' },
        { index: 3, character: '😀', class: 'beyond-jis' },
      ],
    });
  });

  it("takes a municipality's table first (外字 同定) and another substitute", () => {
    const map = new Map([['\uE000', '齋'], ['髙', '高']]);
    expect(degrade('\uE000藤', 'jis-x-0208', { map }).text).toBe('齋藤');
    expect(degrade('\uE001', 'jis-x-0208', { map: { '\uE001': '辺' } }).text).toBe('辺');
    expect(degrade('😀', 'jis-x-0208', { substitute: '＊' }).text).toBe('＊');
  });

  it('refuses a table entry or substitute that would lengthen or leave the set', () => {
    expect(() => degrade('\uE000', 'jis-x-0208', { map: { '\uE000': '齋藤' } })).toThrow(/1文字ではありません/);
    expect(() => degrade('a', 'jis-x-0208', { substitute: '﨑' })).toThrow(RangeError);
    expect(() => degrade('a', 'jis-x-0208', { substitute: '〓〓' })).toThrow(RangeError);
  });
});

describe('degrade to JIS X 0213', () => {
  it('keeps JIS X 0213 characters that JIS X 0208 lacks', () => {
    expect(degrade('宮﨑　鷗外　か\u309A', 'jis-x-0213')).toEqual({ text: '宮﨑　鷗外　か\u309A', degraded: [], unresolved: [] });
    expect(degrade('\uFA19', 'jis-x-0213').text).toBe('\uFA19');
  });

  it('still maps what is beyond it', () => {
    expect(degrade('髙𠮷', 'jis-x-0213').text).toBe('高吉');
  });
});

describe('DEGRADE_MAP', () => {
  it.each([...DEGRADE_MAP])('%s → %s maps a character outside JIS X 0208 to one inside', (from, to) => {
    expect(segmentCharacters(from)).toHaveLength(1);
    expect(segmentCharacters(to)).toHaveLength(1);
    expect(isInCharacterSet(from, 'jis-x-0208')).toBe(false);
    expect(classifyCharacter(to)).toBe('jis-x-0208');
  });
});

describe('degrade never lengthens text nor leaves the target set (fast-check)', () => {
  const sample = fc.constantFrom(
    ...[...DEGRADE_MAP.keys()],
    '\uFA19', '\uFA10', '﨑', '①', 'か\u309A', '𠮷', '髙', `葛${IVS}`, `𠮷${IVS}`, `\uE000${IVS}`, '\uE000', '\u{F0000}',
    '😀', '👨‍👩‍👧', '한', 'é', 'e\u0301', 'ｶﾞ', 'A', '山', '　', '〜', '～', 'Å', '\u212B', '\r\n',
  );
  const text = fc
    .array(fc.oneof(sample, fc.string({ unit: 'grapheme', maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 2 })), { maxLength: 12 })
    .map((parts) => normalizeText(parts.join('')));
  const targets: CharacterSet[] = ['jis-x-0208', 'jis-x-0213'];

  it.each(targets)('%s', (target) => {
    fc.assert(
      fc.property(text, (s) => {
        const result = degrade(s, target);
        expect(fitsCharacterSet(result.text, target)).toBe(true);
        expect(characterLength(result.text)).toBe(characterLength(s));
        expect(result.degraded.length + result.unresolved.length).toBe(charactersOutsideCount(s, target));
        expect(degrade(result.text, target).text).toBe(result.text);
      }),
      { numRuns: 500 },
    );
  });
});

function charactersOutsideCount(s: string, target: CharacterSet): number {
  return segmentCharacters(s).filter((c) => !isInCharacterSet(c, target)).length;
}
