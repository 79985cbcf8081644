import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hiraganaToKatakana, katakanaToHiragana, normalizeFurigana, toFullWidthKatakana, toSearchKey, validateFurigana } from './kana.ts';

describe('width and script', () => {
  it.each([
    ['ｶﾞｯｺｳ', 'ガッコウ'],
    ['ﾊﾟﾝ', 'パン'],
    ['ｳﾞｧｲｵﾘﾝ', 'ヴァイオリン'],
    ['ﾔﾏﾀﾞ ﾀﾛｰ', 'ヤマダ タロー'],
    ['｢ｱ｣･', '「ア」・'],
    ['カ゛', 'ガ'],
    ['ハ゜', 'パ'],
    ['カ\u3099', 'ガ'],
    ['ア゛', 'ア゛'],
    ['ＡＢＣ１２３', 'ＡＢＣ１２３'],
    ['\uFA19', '\uFA19'],
  ])('toFullWidthKatakana(%s) = %s', (input, expected) => {
    expect(toFullWidthKatakana(input)).toBe(expected);
  });

  it('converts hiragana and katakana both ways', () => {
    expect(hiraganaToKatakana('やまだ たろう ゔぁ ゝ')).toBe('ヤマダ タロウ ヴァ ヽ');
    expect(katakanaToHiragana('ヤマダ タロウ')).toBe('やまだ たろう');
    expect(hiraganaToKatakana('漢字ABC')).toBe('漢字ABC');
  });
});

describe('validateFurigana (katakana, 住記標準 1.1.18)', () => {
  it.each([
    ['ヤマダ　タロウ', 'ヤマダ　タロウ'],
    ['やまだ たろう', 'ヤマダ　タロウ'],
    ['ﾔﾏﾀﾞ  ﾀﾛｳ', 'ヤマダ　タロウ'],
    ['  サトー　ハナコ ', 'サトー　ハナコ'],
    ['サト－', 'サトー'],
    ['サト-', 'サトー'],
    ['ヴィクトリア', 'ヴィクトリア'],
    ['ヰヱヲヵヶッャ', 'ヰヱヲヵヶッャ'],
  ])('accepts %s as %s', (input, value) => {
    expect(validateFurigana(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'furigana.empty', 'フリガナが入力されていません'],
    ['   ', 'furigana.empty', 'フリガナが入力されていません'],
    ['ヤマダA', 'furigana.invalid-character', 'フリガナに使用できない文字「A」が含まれています（4文字目）。カタカナで入力してください'],
    ['山田', 'furigana.invalid-character', 'フリガナに使用できない文字「山」が含まれています（1文字目）。カタカナで入力してください'],
    ['ヤマダ・タロウ', 'furigana.invalid-character', 'フリガナに使用できない文字「・」が含まれています（4文字目）。カタカナで入力してください'],
    ['ヤマ\u200bダ', 'furigana.invalid-character', 'フリガナに使用できない文字「U+200B」が含まれています（3文字目）。カタカナで入力してください'],
    ['ヽヤ', 'furigana.invalid-character', 'フリガナに使用できない文字「ヽ」が含まれています（1文字目）。カタカナで入力してください'],
    ['ーヤマ', 'furigana.long-vowel-position', '長音「ー」は語の先頭に置けません（1文字目）'],
    ['ヤマ　ータ', 'furigana.long-vowel-position', '長音「ー」は語の先頭に置けません（4文字目）'],
  ])('refuses %s', (input, code, message) => {
    expect(validateFurigana(input)).toEqual({ ok: false, code, message });
  });

  it('applies the options', () => {
    expect(validateFurigana('ヤマダ タロウ', { allowSpace: false })).toEqual({
      ok: false,
      code: 'furigana.space',
      message: 'フリガナにスペースは使用できません（4文字目）',
    });
    expect(validateFurigana('スミス・ジョン', { allowMiddleDot: true })).toEqual({ ok: true, value: 'スミス・ジョン' });
    expect(validateFurigana('アイウエオ', { maxLength: 4 })).toEqual({
      ok: false,
      code: 'furigana.too-long',
      message: 'フリガナは4文字以内で入力してください（5文字）',
    });
  });

  it('normalises idempotently (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const once = normalizeFurigana(s);
        expect(normalizeFurigana(once)).toBe(once);
      }),
    );
  });
});

describe('toSearchKey (住記標準 2.1.2 あいまい検索)', () => {
  const same = (a: string, b: string): void => expect(toSearchKey(a)).toBe(toSearchKey(b));

  it.each([
    // 清音・濁音・半濁音 (the standard's own examples)
    ['ヂ', 'ジ'],
    ['ズ', 'ヅ'],
    ['ワ', 'ハ'],
    ['ヴァ', 'バ'],
    ['ヴィ', 'ビ'],
    ['ヴ', 'ブ'],
    ['オ', 'ヲ'],
    ['ヒ', 'ピ'],
    ['ガ', 'カ'],
    // 拗音・促音
    ['ッ', 'ツ'],
    ['ャ', 'ヤ'],
    ['ュ', 'ユ'],
    ['ョ', 'ヨ'],
    ['キャ', 'キヤ'],
    // space between 氏 and 名
    ['ヤマダ　タロウ', 'ヤマダタロウ'],
    ['ヤマダ タロウ', 'ヤマダ　タロウ'],
    // オ段 + ウ → オ from the second character on
    ['サトウ', 'サトオ'],
    ['コウノ', 'コオノ'],
    ['ショウジ', 'シヨオジ'],
    // 長音の有無
    ['サトー', 'サト'],
    ['コーヒー', 'コヒ'],
    // 長音 look-alikes and spaces (入力ゆらぎ)
    ['ア―イ', 'アーイ'],
    ['ア－イ', 'アーイ'],
    ['ア‐イ', 'アーイ'],
    ['アｰイ', 'アーイ'],
    ['ア-イ', 'アーイ'],
    // width and script
    ['ﾔﾏﾀﾞ ﾀﾛｳ', 'ヤマダタロウ'],
    ['やまだたろう', 'ヤマダタロウ'],
    ['ＳＭＩＴＨ', 'smith'],
  ])('%s matches %s', same);

  it.each([
    ['ウエダ', 'オエダ'],
    ['サトウ', 'サト'],
    ['ヤマダ', 'ヤマモト'],
  ])('%s does not match %s', (a, b) => {
    expect(toSearchKey(a)).not.toBe(toSearchKey(b));
  });

  it('reads a full name as one word, with or without the space', () => {
    expect(toSearchKey('サトウ　ウタ')).toBe(toSearchKey('サトウウタ'));
    expect(toSearchKey('サトウ　ウタ')).toBe('サトオオタ');
  });

  it('lets each folding be turned off', () => {
    expect(toSearchKey('ガ', { ignoreVoicing: false })).not.toBe(toSearchKey('カ', { ignoreVoicing: false }));
    expect(toSearchKey('ッ', { ignoreSmallKana: false })).not.toBe(toSearchKey('ツ', { ignoreSmallKana: false }));
    expect(toSearchKey('サトー', { ignoreLongVowel: false })).toBe('サトー');
    expect(toSearchKey('サトウ', { foldOu: false })).toBe('サトウ');
    expect(toSearchKey('ヴァ', { ignoreSmallKana: false })).toBe('ハ');
  });

  it('is idempotent and ignores width and script (fast-check)', () => {
    const kana = fc.string({ unit: fc.constantFrom(...'アイウエオカガキャッョーヴヂヅヲワ　 ｱｶﾞｰやまだ'.split('')) });
    fc.assert(
      fc.property(kana, (s) => {
        const key = toSearchKey(s);
        expect(toSearchKey(key)).toBe(key);
        expect(toSearchKey(hiraganaToKatakana(s))).toBe(key);
        expect(toSearchKey(katakanaToHiragana(s))).toBe(key);
      }),
    );
  });
});
