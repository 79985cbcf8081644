/**
 * Kana: width and script conversion, フリガナ validation and search keys. The search-key rules are
 * those the 住民記録システム標準仕様書 asks of fuzzy name search (2.1.2 検索文字入力); フリガナ is held
 * in katakana (1.1.18).
 */
import { fail, ok } from './result.ts';
import type { Result } from './result.ts';

const HALF_WIDTH_RUN = /[\uFF61-\uFF9F]+/g;
const KANA_WITH_MARK = /[\u3041-\u30FF][\u3099\u309A]/g;
const KANA_WITH_SPACING_MARK = /([\u3041-\u30FF])([\u309B\u309C])/g;

/**
 * Half-width katakana and punctuation (ｶﾞｯｺｳ ｰ ･ ｢｣) to full width, joining a sound mark with its
 * kana (ｶﾞ → ガ, also カ゛ → ガ). Nothing else in the text changes.
 */
export function toFullWidthKatakana(text: string): string {
  return text
    .replace(HALF_WIDTH_RUN, (run) => run.normalize('NFKC'))
    .replace(KANA_WITH_SPACING_MARK, (m, kana: string, mark: string) => {
      const joined = (kana + (mark === '\u309B' ? '\u3099' : '\u309A')).normalize('NFC');
      return joined.length === 1 ? joined : m;
    })
    .replace(KANA_WITH_MARK, (pair) => pair.normalize('NFC'));
}

export const hiraganaToKatakana = (text: string): string =>
  text.replace(/[\u3041-\u3096\u309D\u309E]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));

/** For printing ふりがな in hiragana (標準仕様書 5.3 allows it); ヴ→ゔ, ヵ→ゕ, ヶ→ゖ; ヷ〜ヺ stay. */
export const katakanaToHiragana = (text: string): string =>
  text.replace(/[\u30A1-\u30F6\u30FD\u30FE]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));

/** Full-width katakana with the long-vowel look-alikes that 2.1.2 lists as input variants. */
const DASHES = /[ー―－‐\-−ｰ—–]/g;

export interface FuriganaOptions {
  /** One space between 氏 and 名 (and between the parts of a foreign name). Default true. */
  allowSpace?: boolean;
  /** 「・」, sometimes used between the parts of a foreign name. Default false. */
  allowMiddleDot?: boolean;
  /** Maximum length in characters. */
  maxLength?: number;
}

/**
 * What a フリガナ field stores: full-width katakana (half-width and hiragana converted), dash
 * look-alikes as ー, runs of spaces as one full-width space, no leading or trailing space.
 */
export const normalizeFurigana = (text: string): string =>
  hiraganaToKatakana(toFullWidthKatakana(text))
    .replace(KANA_WITH_MARK, (pair) => pair.normalize('NFC'))
    .replace(DASHES, 'ー')
    .replace(/\s+/g, '　')
    .trim();

const FURIGANA_KANA = /^[\u30A1-\u30F6\u30FC]$/;

/**
 * Validates a フリガナ: katakana ァ〜ヶ (incl. ヴ ヵ ヶ ヰ ヱ), ー, and optionally one space between
 * words and 「・」. Returns the normalised value.
 */
export function validateFurigana(text: string, options: FuriganaOptions = {}): Result<string> {
  const { allowSpace = true, allowMiddleDot = false, maxLength } = options;
  const value = normalizeFurigana(text);
  if (value === '') return fail('furigana.empty', 'フリガナが入力されていません');
  const chars = [...value];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const position = `${i + 1}文字目`;
    if (c === '　') {
      if (!allowSpace) return fail('furigana.space', `フリガナにスペースは使用できません（${position}）`);
      continue;
    }
    if (c === '・' && allowMiddleDot) continue;
    if (!FURIGANA_KANA.test(c)) {
      const shown = /\p{Cc}|\p{Cf}|\p{Z}/u.test(c) ? `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : c;
      return fail('furigana.invalid-character', `フリガナに使用できない文字「${shown}」が含まれています（${position}）。カタカナで入力してください`);
    }
    if (c === 'ー' && (i === 0 || chars[i - 1] === '　' || chars[i - 1] === '・')) {
      return fail('furigana.long-vowel-position', `長音「ー」は語の先頭に置けません（${position}）`);
    }
  }
  if (maxLength !== undefined && chars.length > maxLength) {
    return fail('furigana.too-long', `フリガナは${maxLength}文字以内で入力してください（${chars.length}文字）`);
  }
  return ok(value);
}

export interface SearchKeyOptions {
  /** 清音・濁音・半濁音 alike: ガ=カ, パ=ハ, ヂ=ジ, ヅ=ズ, ヴァ=バ, ヴ=ブ, ヲ=オ, ワ=ハ (and ヰ=イ, ヱ=エ). Default true. */
  ignoreVoicing?: boolean;
  /** 拗音・促音 and other small kana alike: ッ=ツ, ャ=ヤ, ァ=ア. Default true. */
  ignoreSmallKana?: boolean;
  /** 長音 ignored: ー (and its look-alikes) removed. Default true. */
  ignoreLongVowel?: boolean;
  /** ウ after an オ段 kana, from the 2nd character of a word on, read as オ (サトウ = サトオ). Default true. */
  foldOu?: boolean;
}

const SMALL_TO_LARGE: Record<string, string> = {
  ァ: 'ア', ィ: 'イ', ゥ: 'ウ', ェ: 'エ', ォ: 'オ', ッ: 'ツ', ャ: 'ヤ', ュ: 'ユ', ョ: 'ヨ', ヮ: 'ワ', ヵ: 'カ', ヶ: 'ケ',
  ㇰ: 'ク', ㇱ: 'シ', ㇲ: 'ス', ㇳ: 'ト', ㇴ: 'ヌ', ㇵ: 'ハ', ㇶ: 'ヒ', ㇷ: 'フ', ㇸ: 'ヘ', ㇹ: 'ホ', ㇺ: 'ム', ㇻ: 'ラ',
  ㇼ: 'リ', ㇽ: 'ル', ㇾ: 'レ', ㇿ: 'ロ',
};
const VU_SYLLABLE: Record<string, string> = { ァ: 'バ', ィ: 'ビ', ェ: 'ベ', ォ: 'ボ', ゥ: 'ブ' };
const ARCHAIC: Record<string, string> = { ヷ: 'バ', ヸ: 'ビ', ヹ: 'ベ', ヺ: 'ボ' };
const SAME_SOUND: Record<string, string> = { ヲ: 'オ', ワ: 'ハ', ヰ: 'イ', ヱ: 'エ' };
const O_ROW = new Set([...'オコソトノホモヨロヲゴゾドボポォョヺ']);

function fold(text: string, o: Required<SearchKeyOptions>): string {
  let s = text;
  if (o.ignoreLongVowel) s = s.replace(/ー/g, '');
  if (o.ignoreVoicing) s = s.replace(/ヴ([ァィェォゥ])/g, (_, v: string) => VU_SYLLABLE[v]!).replace(/[ヷヸヹヺ]/g, (c) => ARCHAIC[c]!).replace(/ヴ/g, 'ブ');
  if (o.ignoreSmallKana) s = s.replace(/[ァィゥェォッャュョヮヵヶㇰ-ㇿ]/g, (c) => SMALL_TO_LARGE[c]!);
  if (o.ignoreVoicing) {
    s = s
      .replace(/ヂ/g, 'ジ')
      .replace(/ヅ/g, 'ズ')
      .normalize('NFD')
      .replace(/[\u3099\u309A]/g, '')
      .normalize('NFC')
      .replace(/[ヲワヰヱ]/g, (c) => SAME_SOUND[c]!);
  }
  if (o.foldOu) {
    const chars = [...s];
    for (let i = 1; i < chars.length; i++) if (chars[i] === 'ウ' && O_ROW.has(chars[i - 1]!)) chars[i] = 'オ';
    s = chars.join('');
  }
  return s;
}

/**
 * A key for fuzzy name search: compare keys, not names. NFKC (full-width alphanumerics to ASCII,
 * half-width kana to full width), upper case, hiragana as katakana, spaces removed (氏名 with or
 * without the space match), then the foldings of 2.1.2 as chosen in `options` (all on by default).
 * The オ段+ウ rule reads the name as one word once spaces are gone; for a 名-only search, key the
 * 名 on its own.
 */
export function toSearchKey(text: string, options: SearchKeyOptions = {}): string {
  const o: Required<SearchKeyOptions> = {
    ignoreVoicing: options.ignoreVoicing ?? true,
    ignoreSmallKana: options.ignoreSmallKana ?? true,
    ignoreLongVowel: options.ignoreLongVowel ?? true,
    foldOu: options.foldOu ?? true,
  };
  // NFC again after the script change: を+゛ has no precomposed hiragana, but ヲ+゛ is ヺ.
  const base = hiraganaToKatakana(toFullWidthKatakana(text).normalize('NFKC'))
    .normalize('NFC')
    .toUpperCase()
    .replace(DASHES, 'ー');
  return fold(base.replace(/\s+/g, ''), o);
}
