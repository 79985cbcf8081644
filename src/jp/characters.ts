/**
 * 行政事務標準文字 (MJ+) handling (STANDARDS §4): keep text exactly as entered, count it in
 * characters, say which character set each character belongs to. Degrading for JIS-only output
 * channels is in degrade.ts.
 *
 * Normalisation: NFC, except that CJK compatibility ideographs (U+F900–U+FAFF, U+2F800–U+2FA1F)
 * are left alone. NFC would replace each by its unified ideograph (神 U+FA19 → 神 U+795E), losing
 * the glyph the person's name is registered with; JIS X 0213 and MJ give many of them their own
 * code. Ideographic variation selectors (U+E0100–U+E01EF), the other variation selectors and
 * private-use code points (where MJ+ places its added characters) pass through NFC unchanged.
 */
import { JIS_X_0208_CODE_POINTS, JIS_X_0213_EXTRA_CODE_POINTS, JIS_X_0213_SEQUENCES } from './tables/jis-sets.ts';
import { fail, ok } from './result.ts';
import type { Result } from './result.ts';

/**
 * - `jis-x-0201`: ASCII and half-width katakana (every JIS channel carries them), plus TAB, LF, CR
 * - `jis-x-0208`: JIS X 0208 (JIS 第1・第2水準)
 * - `jis-x-0213`: JIS X 0213:2004 but not JIS X 0208 (第3・第4水準 and non-kanji)
 * - `ivs`: a character with a variation selector (an MJ glyph beyond what JIS can say)
 * - `private-use`: a private-use code point (MJ+ added characters, a municipality's own 外字)
 * - `beyond-jis`: any other Unicode character (e.g. 髙 U+9AD9, 𠮷 U+20BB7, emoji)
 */
export type CharacterClass = 'jis-x-0201' | 'jis-x-0208' | 'jis-x-0213' | 'ivs' | 'private-use' | 'beyond-jis';

/** A character set an output channel accepts; each includes JIS X 0201 (ASCII, half-width kana). */
export type CharacterSet = 'jis-x-0208' | 'jis-x-0213';

function decodeCodePoints(encoded: string): Set<number> {
  const set = new Set<number>();
  let previous = 0;
  for (const token of encoded.split(',')) {
    const [gap, run] = token.split('+');
    const first = previous + parseInt(gap!, 36);
    const last = first + (run === undefined ? 0 : parseInt(run, 36));
    for (let cp = first; cp <= last; cp++) set.add(cp);
    previous = last;
  }
  return set;
}

const X0208 = decodeCodePoints(JIS_X_0208_CODE_POINTS);
const X0213_EXTRA = decodeCodePoints(JIS_X_0213_EXTRA_CODE_POINTS);
const X0213_SEQUENCES = new Set(JIS_X_0213_SEQUENCES);

const isX0201 = (cp: number): boolean =>
  (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xff61 && cp <= 0xff9f) || cp === 0x09 || cp === 0x0a || cp === 0x0d;

export const isVariationSelector = (cp: number): boolean => (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);

export const isIdeographicVariationSelector = (cp: number): boolean => cp >= 0xe0100 && cp <= 0xe01ef;

export const isPrivateUse = (cp: number): boolean =>
  (cp >= 0xe000 && cp <= 0xf8ff) || (cp >= 0xf0000 && cp <= 0xffffd) || (cp >= 0x100000 && cp <= 0x10fffd);

const COMPATIBILITY_IDEOGRAPHS_EXCLUDED = /[^\uF900-\uFAFF\u{2F800}-\u{2FA1F}]+/gu;

/** NFC that keeps CJK compatibility ideographs, variation selectors and private use as entered. */
export const normalizeText = (text: string): string =>
  text.replace(COMPATIBILITY_IDEOGRAPHS_EXCLUDED, (run) => run.normalize('NFC'));

const segmenter = new Intl.Segmenter('ja', { granularity: 'grapheme' });

/** UTF-16 units handed to the segmenter at once (see graphemes). */
const PIECE = 256;

/**
 * The grapheme clusters of `text`, segmented piece by piece. V8's segmenter spends time in proportion
 * to the whole string on every step, so one long text (a 1 MB field in a request) took tens of minutes;
 * pieces keep it linear. A boundary depends only on what precedes it and the code point after it
 * (UAX #29), so within a piece every boundary but the start of its last cluster is final: the next
 * piece starts there. A piece never ends inside a surrogate pair, and one holding a single cluster
 * grows until the cluster ends.
 */
function* graphemes(text: string): Generator<string> {
  let start = 0;
  let size = PIECE;
  while (start < text.length) {
    let end = start + size;
    if (end >= text.length) {
      for (const s of segmenter.segment(text.slice(start))) yield s.segment;
      return;
    }
    const high = text.charCodeAt(end - 1);
    if (high >= 0xd800 && high <= 0xdbff) end--;
    const clusters = Array.from(segmenter.segment(text.slice(start, end)), (s) => s.segment);
    if (clusters.length < 2) {
      size *= 2;
      continue;
    }
    const last = clusters.pop()!;
    yield* clusters;
    start = end - last.length;
    size = PIECE;
  }
}

/** The characters a person sees: grapheme clusters, so 葛+IVS, 𠮷 and か゚ are one character each. */
export const segmentCharacters = (text: string): string[] => Array.from(graphemes(text));

/** Length in characters (grapheme clusters), the unit of 桁数 limits and 文字溢れ; not UTF-16 units. */
export function characterLength(text: string): number {
  let n = 0;
  for (const _ of graphemes(text)) n++;
  return n;
}

/** The class of one character (a grapheme cluster, as segmentCharacters returns them). */
export function classifyCharacter(character: string): CharacterClass {
  const cps = Array.from(character, (c) => c.codePointAt(0)!);
  if (cps.some(isPrivateUse)) return 'private-use';
  if (cps.some(isVariationSelector)) return 'ivs';
  if (cps.every(isX0201)) return 'jis-x-0201';
  if (cps.length === 1) {
    if (X0208.has(cps[0]!)) return 'jis-x-0208';
    if (X0213_EXTRA.has(cps[0]!)) return 'jis-x-0213';
  }
  return X0213_SEQUENCES.has(character) ? 'jis-x-0213' : 'beyond-jis';
}

/** The code points of JIS X 0208 or JIS X 0213 (without JIS X 0201 and the 25 two-code-point cells), ascending. */
export function codePointsOf(set: CharacterSet): number[] {
  const all = set === 'jis-x-0208' ? [...X0208] : [...X0208, ...X0213_EXTRA];
  return all.sort((a, b) => a - b);
}

const ACCEPTED: Record<CharacterSet, ReadonlySet<CharacterClass>> = {
  'jis-x-0208': new Set(['jis-x-0201', 'jis-x-0208']),
  'jis-x-0213': new Set(['jis-x-0201', 'jis-x-0208', 'jis-x-0213']),
};

export const isInCharacterSet = (character: string, set: CharacterSet): boolean =>
  ACCEPTED[set].has(classifyCharacter(character));

export interface CharacterReport {
  /** 0-based position in characters. */
  index: number;
  character: string;
  class: CharacterClass;
}

/** The characters of `text` that `set` cannot carry. */
export const charactersOutside = (text: string, set: CharacterSet): CharacterReport[] =>
  segmentCharacters(text)
    .map((character, index) => ({ index, character, class: classifyCharacter(character) }))
    .filter((r) => !ACCEPTED[set].has(r.class));

export const fitsCharacterSet = (text: string, set: CharacterSet): boolean => charactersOutside(text, set).length === 0;

/** Count of characters per class, e.g. to warn before printing on a JIS-only channel. */
export function classifyText(text: string): Record<CharacterClass, number> {
  const counts: Record<CharacterClass, number> = {
    'jis-x-0201': 0,
    'jis-x-0208': 0,
    'jis-x-0213': 0,
    ivs: 0,
    'private-use': 0,
    'beyond-jis': 0,
  };
  for (const c of segmentCharacters(text)) counts[classifyCharacter(c)]++;
  return counts;
}

/** `U+845B U+E0100`: how staff and logs name a character (標準仕様書 2.2.3 文字コード照会). */
export const describeCodePoints = (text: string): string =>
  Array.from(text, (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');

const isNoncharacter = (cp: number): boolean => (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;

export interface TextOptions {
  /** Allow line breaks (LF, CR LF) for multi-line fields such as 備考. Default false. */
  allowNewline?: boolean;
}

/**
 * Accepts text for storage: rejects unpaired surrogates, control characters (C0, DEL, C1; line
 * breaks only with `allowNewline`), noncharacters and a variation selector with no character to
 * modify; returns the text normalised by normalizeText.
 */
export function validateText(text: string, options: TextOptions = {}): Result<string> {
  const characters = segmentCharacters(text);
  for (let i = 0; i < characters.length; i++) {
    const character = characters[i]!;
    const position = `${i + 1}文字目`;
    for (let j = 0; j < character.length; j++) {
      const unit = character.charCodeAt(j);
      const high = unit >= 0xd800 && unit <= 0xdbff;
      const low = unit >= 0xdc00 && unit <= 0xdfff;
      if (high && j + 1 < character.length && /[\uDC00-\uDFFF]/.test(character[j + 1]!)) {
        j++;
        continue;
      }
      if (high || low) {
        return fail(
          'characters.unpaired-surrogate',
          `壊れた文字（対になっていないサロゲート ${describeCodePoints(character[j]!)}）が含まれています（${position}）`,
        );
      }
    }
    const cps = Array.from(character, (c) => c.codePointAt(0)!);
    const newline = character === '\n' || character === '\r\n';
    if (!(newline && options.allowNewline)) {
      const control = cps.find((cp) => cp < 0x20 || (cp >= 0x7f && cp <= 0x9f));
      if (control !== undefined) {
        const what = newline ? '改行' : `制御文字（${describeCodePoints(String.fromCodePoint(control))}）`;
        return fail('characters.control', `${what}は使用できません（${position}）`);
      }
    }
    const nonchar = cps.find(isNoncharacter);
    if (nonchar !== undefined) {
      return fail('characters.noncharacter', `使用できない符号位置（${describeCodePoints(String.fromCodePoint(nonchar))}）が含まれています（${position}）`);
    }
    if (isVariationSelector(cps[0]!)) {
      return fail(
        'characters.stray-variation-selector',
        `異体字セレクタ（${describeCodePoints(String.fromCodePoint(cps[0]!))}）が文字に付いていません（${position}）`,
      );
    }
  }
  return ok(normalizeText(text));
}
