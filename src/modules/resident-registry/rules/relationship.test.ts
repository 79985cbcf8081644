import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_GENERATIONS, parseRelationship, RELATIONSHIP_TERMS } from './relationship.ts';

const code = (input: string) => {
  const r = parseRelationship(input);
  return r.ok ? 'ok' : r.code;
};

describe('続柄 (住記標準 1.1.11, j110)', () => {
  it.each(['世帯主', '縁故者', '同居人', ...RELATIONSHIP_TERMS])('j110 ①②④⑤: accepts 「%s」', (term) => {
    expect(parseRelationship(term)).toMatchObject({ ok: true, value: { text: term } });
  });

  it.each([
    ['子の子', ['子', '子']],
    ['子の妻', ['子', '妻']],
    ['子の夫', ['子', '夫']],
    ['妻の子', ['妻', '子']],
    ['夫の子', ['夫', '子']],
    ['父の兄の子', ['父', '兄', '子']],
    ['妻（未届）の子', ['妻（未届）', '子']],
    ['子の子の子の子', ['子', '子', '子', '子']],
  ])('j110 ③: accepts the chain 「%s」', (text, chain) => {
    expect(parseRelationship(text)).toEqual({ ok: true, value: { kind: 'relative', text, chain } });
  });

  it.each([
    [' 妻 (未届) ', '妻（未届）'],
    ['子 の 子', '子の子'],
    ['夫（未届）の子', '夫（未届）の子'],
  ])('normalises 「%s」 to 「%s」 (spaces, half-width parentheses)', (input, text) => {
    expect(parseRelationship(input)).toMatchObject({ ok: true, value: { text } });
  });

  it.each([
    ['孫', '「子の子」'],
    ['祖父', '「父の父」または「母の父」'],
    ['祖母', '「父の母」または「母の母」'],
    ['おじ', '「父の兄」'],
    ['おば', '「父の姉」'],
    ['甥', '「兄の子」'],
    ['姪', '「兄の子」'],
    ['家事使用人', '「同居人」'],
    ['準世帯主', '世帯主との続柄'],
    ['長男', '「子」'],
    ['内縁の妻', '「妻（未届）」'],
  ])('j110 【実装しない機能】: refuses 「%s」 and says to record %s', (input, instead) => {
    const r = parseRelationship(input);
    expect(r).toMatchObject({ ok: false, code: 'relationship.not-allowed' });
    expect(!r.ok && r.message).toContain(instead);
    expect(!r.ok && r.message).toContain('1.1.11');
  });

  it('names the forbidden part of a chain (子の孫)', () => {
    const r = parseRelationship('子の孫');
    expect(r).toMatchObject({ ok: false, code: 'relationship.not-allowed' });
    expect(!r.ok && r.message).toMatch(/「孫」（「子の孫」の一部）.*「子の子」/);
  });

  it('j110 留意点: five generations or more must be 縁故者', () => {
    const r = parseRelationship('子の子の子の子の子');
    expect(r).toMatchObject({ ok: false, code: 'relationship.too-many-generations' });
    expect(!r.ok && r.message).toContain('「縁故者」');
  });

  it.each([
    ['', 'relationship.required'],
    ['　', 'relationship.required'],
    ['友人', 'relationship.unknown-term'],
    ['子の友人', 'relationship.unknown-term'],
    ['世帯主の子', 'relationship.standalone-in-chain'],
    ['子の同居人', 'relationship.standalone-in-chain'],
    ['子の', 'relationship.malformed'],
    ['のの', 'relationship.malformed'],
  ])('refuses 「%s」 with %s', (input, expected) => {
    expect(code(input)).toBe(expected);
  });

  it('property: any chain of 1–4 terms is accepted as written, 5–8 are refused', () => {
    const term = fc.constantFrom(...RELATIONSHIP_TERMS);
    fc.assert(
      fc.property(fc.array(term, { minLength: 1, maxLength: 8 }), (chain) => {
        const r = parseRelationship(chain.join('の'));
        if (chain.length <= MAX_GENERATIONS) expect(r).toEqual({ ok: true, value: { kind: 'relative', text: chain.join('の'), chain } });
        else expect(r).toMatchObject({ ok: false, code: 'relationship.too-many-generations' });
      }),
    );
  });
});
