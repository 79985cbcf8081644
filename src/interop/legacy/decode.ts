/**
 * Bytes of a legacy system's file → text, and the municipality's 外字 → standard characters.
 *
 * "Shift_JIS" from a legacy system is in practice Windows-31J (CP932): JIS X 0208 plus the NEC and
 * IBM extensions (①, Ⅰ, ㈱, 髙, 﨑 …) and the user-defined area 0xF040–0xF9FC where each
 * municipality keeps its own 外字. Windows decodes that area to U+E000–U+E757, and the municipality's
 * 外字対応表 (gaiji-map.ts) is written against those code points.
 *
 * iconv-lite 0.7 knows the area only up to 0xF940 (U+E69C): 0xF941–0xF9FC come out as U+FFFD
 * followed by the trail byte read as ASCII (0xF9 0x41 → "\uFFFDA"), i.e. the 外字 becomes a
 * replacement character plus a stray letter, silently. So the decoder here is our own: iconv-lite's
 * CP932 table (every 'cp932', 'shift_jis', 'windows-31j' name is the same table) for the standard
 * characters, and the user-defined area computed the way Windows does. It also gives the byte offset
 * of every sequence that is not Windows-31J, which iconv-lite's decode cannot.
 */
import iconv from 'iconv-lite';

export type LegacyEncoding = 'shift_jis' | 'utf-8';

export type DecodeResult =
  | {
      text: string;
      /** Things done to the bytes that the operator should know of (a BOM removed); not errors. */
      notes: string[];
    }
  | {
      /** Japanese: 「5行目（1234バイト目）: Shift_JIS として読めないバイト列があります（85 40）」. */
      error: string;
      /** Physical line (1-based, counted by LF) and byte offset (0-based, in the file as given) of the first bad byte. */
      line?: number;
      offset?: number;
    };

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

export function decodeLegacy(bytes: Uint8Array, encoding: LegacyEncoding): DecodeResult {
  if (startsWith(bytes, UTF8_BOM)) {
    if (encoding === 'shift_jis') return { error: 'UTF-8 の BOM があります。文字コードの指定（Shift_JIS）と違います', line: 1, offset: 0 };
  } else if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    // Without this the operator would read "1バイト目が読めません" and not know why.
    return { error: `UTF-16 の BOM があります。文字コードの指定（${encodingName(encoding)}）と違います`, line: 1, offset: 0 };
  }
  return encoding === 'shift_jis' ? decodeShiftJis(bytes) : decodeUtf8(bytes);
}

// ---- Shift_JIS (Windows-31J) ---------------------------------------------------------------------

const isLead = (b: number): boolean => (b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc);
const isTrail = (b: number): boolean => b >= 0x40 && b <= 0xfc && b !== 0x7f;
const isUserDefinedLead = (b: number): boolean => b >= 0xf0 && b <= 0xf9;

/** Windows' rule: 188 cells a lead byte, from U+E000. 0xF040 → U+E000, 0xF9FC → U+E757. */
export const userDefinedCodePoint = (lead: number, trail: number): number =>
  0xe000 + (lead - 0xf0) * 188 + (trail < 0x80 ? trail - 0x40 : trail - 0x41);

let table: Uint16Array | undefined;

/**
 * UTF-16 unit for every single byte (index = byte) and double-byte sequence (index = lead << 8 |
 * trail), 0 where Windows-31J has no character. Built once from iconv-lite: all sequences are
 * decoded in one call, separated by LF (never a trail byte), so each piece between LFs is what one
 * sequence gives — exactly one character if it is valid (CP932 has nothing beyond the BMP).
 */
function cp932Table(): Uint16Array {
  if (table) return table;
  const t = new Uint16Array(0x10000);
  // 0x80 decodes to U+0080 in iconv-lite (as WHATWG says) but is no Windows-31J character: in a
  // legacy file it is a broken byte, and a C1 control in a resident's name would only travel on.
  for (let b = 0; b < 0x80; b++) t[b] = iconv.decode(Buffer.from([b]), 'cp932').charCodeAt(0);
  for (let b = 0xa1; b <= 0xdf; b++) t[b] = iconv.decode(Buffer.from([b]), 'cp932').charCodeAt(0);
  const sequences: number[] = [];
  const bytes: number[] = [];
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if (!isLead(lead) || isUserDefinedLead(lead)) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (!isTrail(trail)) continue;
      sequences.push((lead << 8) | trail);
      bytes.push(lead, trail, 0x0a);
    }
  }
  const pieces = iconv.decode(Buffer.from(bytes), 'cp932').split('\n');
  sequences.forEach((seq, i) => {
    const piece = pieces[i]!;
    if (piece.length === 1 && piece !== '\uFFFD') t[seq] = piece.charCodeAt(0);
  });
  for (let lead = 0xf0; lead <= 0xf9; lead++) {
    for (let trail = 0x40; trail <= 0xfc; trail++) if (isTrail(trail)) t[(lead << 8) | trail] = userDefinedCodePoint(lead, trail);
  }
  table = t;
  return t;
}

/** The length of the bad sequence at `i` (1 or 2 bytes), or 0 if the character there is fine. */
function shiftJisBadLength(bytes: Uint8Array, i: number, t: Uint16Array): number {
  const b = bytes[i]!;
  if (b < 0x80) return 0;
  if (!isLead(b)) return t[b] ? 0 : 1;
  const trail = bytes[i + 1];
  // A lead byte followed by something that cannot be a trail: only the lead is bad, the next byte
  // (often an ASCII comma or LF) is read on its own, as Windows and WHATWG do.
  if (trail === undefined || !isTrail(trail)) return 1;
  return t[(b << 8) | trail] ? 0 : 2;
}

function decodeShiftJis(bytes: Uint8Array): DecodeResult {
  const t = cp932Table();
  const n = bytes.length;
  // UTF-16LE written byte by byte, so the result does not depend on the machine's endianness.
  const out = Buffer.allocUnsafe(n * 2);
  let o = 0;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    let unit: number;
    if (b < 0x80) {
      unit = b;
      i++;
    } else if (!isLead(b)) {
      unit = t[b]!;
      if (unit === 0) return shiftJisError(bytes, i, t);
      i++;
    } else {
      const trail = bytes[i + 1];
      unit = trail === undefined || !isTrail(trail) ? 0 : t[(b << 8) | trail]!;
      if (unit === 0) return shiftJisError(bytes, i, t);
      i += 2;
    }
    out[o++] = unit & 0xff;
    out[o++] = unit >> 8;
  }
  return { text: out.toString('utf16le', 0, o), notes: looksLikeUtf8(bytes) ? [LOOKS_LIKE_UTF8] : [] };
}

const LOOKS_LIKE_UTF8 = 'UTF-8 としても読めるファイルです。文字コードの指定（Shift_JIS）が正しいか、文字化けしていないか確かめてください';

/**
 * A UTF-8 file without a BOM is often valid Shift_JIS too (「住所」 in UTF-8 reads as 「菴乗園」), so
 * decoding succeeds and only the operator can notice. Real Shift_JIS text is almost never valid UTF-8
 * with a character of three bytes or more (kana and kanji are), so that case gets a note. Not an
 * error: a short file of half-width kana can be valid UTF-8 by chance (ﾃｱ = C3 B1 = ñ).
 */
function looksLikeUtf8(bytes: Uint8Array): boolean {
  try {
    return /[\u0800-\u{10FFFF}]/u.test(utf8.decode(bytes));
  } catch {
    return false;
  }
}

function shiftJisError(bytes: Uint8Array, first: number, t: Uint16Array): DecodeResult {
  const length = shiftJisBadLength(bytes, first, t);
  let others = 0;
  for (let i = first + length; i < bytes.length; ) {
    const bad = shiftJisBadLength(bytes, i, t);
    if (bad > 0) {
      others++;
      i += bad;
    } else i += isLead(bytes[i]!) ? 2 : 1;
  }
  const truncated = first + 1 === bytes.length && isLead(bytes[first]!);
  const what = truncated ? 'ファイルが2バイト文字の途中で終わっています' : 'Shift_JIS として読めないバイト列があります';
  // A UTF-8 file without a BOM declared as Shift_JIS is the usual cause; say so.
  const hint = utf8BadOffset(bytes, 0) === -1 ? '。UTF-8 としては読めます。文字コードの指定を確かめてください' : '';
  return failure(bytes, first, length, what, others, hint);
}

// ---- UTF-8 -----------------------------------------------------------------------------------------

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(bytes: Uint8Array): DecodeResult {
  const bom = startsWith(bytes, UTF8_BOM);
  const body = bom ? bytes.subarray(3) : bytes;
  const notes = bom ? ['先頭の UTF-8 の BOM を取り除きました'] : [];
  try {
    return { text: utf8.decode(body), notes };
  } catch {
    // TextDecoder says only that the bytes are bad; find where ourselves (only on this path).
    const start = bom ? 3 : 0;
    const first = utf8BadOffset(bytes, start);
    const length = utf8BadLength(bytes, first);
    let others = 0;
    for (let i = utf8BadOffset(bytes, first + length); i !== -1; i = utf8BadOffset(bytes, i + utf8BadLength(bytes, i))) others++;
    const t = cp932Table();
    let shiftJis = !bom;
    for (let i = 0; shiftJis && i < bytes.length; i += isLead(bytes[i]!) ? 2 : 1) {
      if (shiftJisBadLength(bytes, i, t) > 0) shiftJis = false;
    }
    const hint = shiftJis ? '。Shift_JIS としては読めます。文字コードの指定を確かめてください' : '';
    return failure(bytes, first, length, 'UTF-8 として読めないバイト列があります', others, hint);
  }
}

/**
 * Length of the well-formed UTF-8 sequence at `i` (Unicode Table 3-7: no overlongs, no surrogates,
 * nothing above U+10FFFF), or -k when it is not, k being the maximal subpart to skip (≥ 1) — the
 * same unit TextDecoder replaces by one U+FFFD, so the count of bad places agrees with it.
 */
function utf8Sequence(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  let need: number;
  let low = 0x80;
  let high = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) need = 1;
  else if (b >= 0xe0 && b <= 0xef) {
    need = 2;
    if (b === 0xe0) low = 0xa0;
    if (b === 0xed) high = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    need = 3;
    if (b === 0xf0) low = 0x90;
    if (b === 0xf4) high = 0x8f;
  } else return -1;
  for (let k = 1; k <= need; k++) {
    const c = bytes[i + k];
    if (c === undefined || c < low || c > high) return -k;
    low = 0x80;
    high = 0xbf;
  }
  return need + 1;
}

/** Offset of the first bad UTF-8 sequence at or after `from`, or -1. */
function utf8BadOffset(bytes: Uint8Array, from: number): number {
  for (let i = from; i < bytes.length; ) {
    const len = utf8Sequence(bytes, i);
    if (len < 0) return i;
    i += len;
  }
  return -1;
}

const utf8BadLength = (bytes: Uint8Array, i: number): number => -utf8Sequence(bytes, i);

// ---- both ------------------------------------------------------------------------------------------

function failure(bytes: Uint8Array, offset: number, length: number, what: string, others: number, hint: string): DecodeResult {
  let line = 1;
  // LF is never part of a multi-byte sequence in either encoding, so counting it is counting lines.
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  const shown = Array.from(bytes.subarray(offset, offset + length), (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
  const more = others > 0 ? `。このほかに${others}か所あります` : '';
  return { error: `${line}行目（${offset + 1}バイト目）: ${what}（${shown}）${more}${hint}`, line, offset };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

const encodingName = (encoding: LegacyEncoding): string => (encoding === 'shift_jis' ? 'Shift_JIS' : 'UTF-8');

// ---- 外字 -------------------------------------------------------------------------------------------

const PRIVATE_USE = /[\uE000-\uF8FF\u{F0000}-\u{FFFFD}\u{100000}-\u{10FFFD}]/u;
const PRIVATE_USE_ALL = /[\uE000-\uF8FF\u{F0000}-\u{FFFFD}\u{100000}-\u{10FFFD}]/gu;

/** Shared by every call that finds nothing unmapped, so the common case allocates no Map. */
const NONE: ReadonlyMap<number, number> = new Map();

export interface GaijiMapping {
  text: string;
  /** Private-use code points the table does not know → occurrences; they are left in the text. */
  unmapped: ReadonlyMap<number, number>;
}

/**
 * Replaces each private-use code point the map knows by its standard character. Called for every
 * field of every row of a migration, so text without private use (almost all of it) is returned as
 * it is after one regex test, and `unmapped` is then a shared empty map (hence ReadonlyMap).
 */
export function mapGaiji(text: string, map: ReadonlyMap<number, string>): GaijiMapping {
  if (!PRIVATE_USE.test(text)) return { text, unmapped: NONE };
  let unmapped: Map<number, number> | undefined;
  const mapped = text.replace(PRIVATE_USE_ALL, (c) => {
    const cp = c.codePointAt(0)!;
    const standard = map.get(cp);
    if (standard !== undefined) return standard;
    unmapped ??= new Map();
    unmapped.set(cp, (unmapped.get(cp) ?? 0) + 1);
    return c;
  });
  return { text: mapped, unmapped: unmapped ?? NONE };
}
