import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../jp/index.ts';
import { decodeLegacy, mapGaiji, userDefinedCodePoint } from './index.ts';
import type { DecodeResult } from './index.ts';

const bytes = (...parts: (number[] | string)[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

function text(result: DecodeResult): string {
  if ('error' in result) throw new Error(`expected text, got: ${result.error}`);
  return result.text;
}

function error(result: DecodeResult): { error: string; line?: number; offset?: number } {
  if (!('error' in result)) throw new Error(`expected an error, got text: ${JSON.stringify(result.text)}`);
  return result;
}

const NIHON = [0x93, 0xfa, 0x96, 0x7b]; // 日本

describe('decodeLegacy shift_jis (Windows-31J)', () => {
  it('decodes the user-defined area to private use, as Windows does', () => {
    expect(text(decodeLegacy(bytes(NIHON, [0xf0, 0x40]), 'shift_jis'))).toBe('日本\uE000');
    expect(text(decodeLegacy(bytes([0xf0, 0x7e, 0xf0, 0x80, 0xf0, 0xfc, 0xf1, 0x40]), 'shift_jis'))).toBe('\uE03E\uE03F\uE0BB\uE0BC');
    // iconv-lite stops at 0xF940; a 外字 beyond it must not become U+FFFD plus a stray ASCII letter.
    expect(text(decodeLegacy(bytes([0xf9, 0x40, 0xf9, 0x41, 0xf9, 0xfc]), 'shift_jis'))).toBe('\uE69C\uE69D\uE757');
  });

  it('maps the 1,880 cells of 0xF040–0xF9FC one to one onto U+E000–U+E757, agreeing with iconv-lite where it knows them', () => {
    const seen = new Set<number>();
    for (let lead = 0xf0; lead <= 0xf9; lead++) {
      for (let trail = 0x40; trail <= 0xfc; trail++) {
        if (trail === 0x7f) continue;
        const decoded = text(decodeLegacy(bytes([lead, trail]), 'shift_jis'));
        const cp = decoded.codePointAt(0)!;
        expect(decoded.length).toBe(1);
        expect(cp).toBe(userDefinedCodePoint(lead, trail));
        seen.add(cp);
        const theirs = iconv.decode(bytes([lead, trail]), 'cp932');
        if (((lead << 8) | trail) <= 0xf940) expect(theirs).toBe(decoded);
      }
    }
    expect(seen.size).toBe(1880);
    expect(Math.min(...seen)).toBe(0xe000);
    expect(Math.max(...seen)).toBe(0xe757);
  });

  it('agrees with iconv-lite on every standard character of Windows-31J', () => {
    const all: number[] = [];
    for (let b = 0; b < 0x80; b++) all.push(b);
    for (let b = 0xa1; b <= 0xdf; b++) all.push(b);
    let pairs = 0;
    for (let lead = 0x81; lead <= 0xef; lead++) {
      if (lead >= 0xa0 && lead <= 0xdf) continue;
      for (let trail = 0x40; trail <= 0xfc; trail++) {
        if (trail === 0x7f) continue;
        if (iconv.decode(bytes([lead, trail]), 'cp932') === '\uFFFD') continue;
        if ([...iconv.decode(bytes([lead, trail]), 'cp932')].length !== 1) continue;
        all.push(lead, trail);
        pairs++;
      }
    }
    for (let lead = 0xfa; lead <= 0xfc; lead++) {
      for (let trail = 0x40; trail <= 0xfc; trail++) {
        const s = iconv.decode(bytes([lead, trail]), 'cp932');
        if (trail !== 0x7f && [...s].length === 1 && s !== '\uFFFD') {
          all.push(lead, trail);
          pairs++;
        }
      }
    }
    // JIS X 0208 (6,879) + NEC row 13 (83) + NEC-selected IBM (374) + IBM (388).
    expect(pairs).toBe(7724);
    expect(text(decodeLegacy(Buffer.from(all), 'shift_jis'))).toBe(iconv.decode(Buffer.from(all), 'cp932'));
  });

  it('reads the Windows-31J forms, not the JIS ones', () => {
    expect(text(decodeLegacy(bytes([0x81, 0x60, 0x81, 0x61, 0x81, 0x7c, 0x81, 0x5f]), 'shift_jis'))).toBe('\uFF5E\u2225\uFF0D\uFF3C');
    expect(text(decodeLegacy(bytes([0x87, 0x40, 0x87, 0x82, 0xed, 0x40, 0xfa, 0x40, 0xfb, 0xfc]), 'shift_jis'))).toBe('①№纊ⅰ髙');
    expect(text(decodeLegacy(bytes('\\~', [0xb1, 0xdf]), 'shift_jis'))).toBe('\\~ｱﾟ');
    expect(text(decodeLegacy(bytes(), 'shift_jis'))).toBe('');
  });

  it('reports the line and byte of a sequence Windows-31J does not have', () => {
    // 0x85 0x40: a well-formed pair in an unassigned row.
    const r = error(decodeLegacy(bytes('a,b\r\nc,d\r\n', NIHON, [0x85, 0x40], '\r\n'), 'shift_jis'));
    expect(r.error).toBe('3行目（15バイト目）: Shift_JIS として読めないバイト列があります（85 40）');
    expect(r).toMatchObject({ line: 3, offset: 14 });
  });

  it('reports bytes that are never valid: 0x80, 0xA0, 0xFD–0xFF', () => {
    for (const b of [0x80, 0xa0, 0xfd, 0xfe, 0xff]) {
      const r = error(decodeLegacy(bytes('x\n', [b], 'y'), 'shift_jis'));
      expect(r.error).toBe(`2行目（3バイト目）: Shift_JIS として読めないバイト列があります（${b.toString(16).toUpperCase()}）`);
    }
  });

  it('blames only the lead byte when what follows cannot be a trail byte, and counts the other bad places', () => {
    const r = error(decodeLegacy(bytes('id,name\n1,', [0x93], ',x\n2,', [0x93, 0xfa, 0x80], '\n3,', [0xeb, 0x40]), 'shift_jis'));
    expect(r.error).toBe('2行目（11バイト目）: Shift_JIS として読めないバイト列があります（93）。このほかに2か所あります');
    expect(r).toMatchObject({ line: 2, offset: 10 });
  });

  it('says when the file ends inside a double-byte character', () => {
    const r = error(decodeLegacy(bytes('ab\n', NIHON, [0x93]), 'shift_jis'));
    expect(r.error).toBe('2行目（8バイト目）: ファイルが2バイト文字の途中で終わっています（93）');
  });

  it('refuses a UTF-8 file (BOM) declared as Shift_JIS', () => {
    const r = error(decodeLegacy(Buffer.from('\uFEFF住所,氏名\n', 'utf8'), 'shift_jis'));
    expect(r.error).toBe('UTF-8 の BOM があります。文字コードの指定（Shift_JIS）と違います');
    expect(r).toMatchObject({ line: 1, offset: 0 });
  });

  it('refuses a UTF-16 file, whichever encoding is declared', () => {
    expect(error(decodeLegacy(Buffer.from('\uFEFFab', 'utf16le'), 'shift_jis')).error).toBe(
      'UTF-16 の BOM があります。文字コードの指定（Shift_JIS）と違います',
    );
    expect(error(decodeLegacy(Buffer.from([0xfe, 0xff, 0, 0x61]), 'utf-8')).error).toBe('UTF-16 の BOM があります。文字コードの指定（UTF-8）と違います');
  });

  it('on a UTF-8 file without BOM: says it reads as UTF-8 when Shift_JIS fails, and notes it when Shift_JIS happens to succeed', () => {
    const failing = error(decodeLegacy(Buffer.from('テスト\n', 'utf8'), 'shift_jis'));
    // E3 83 | 86 E3 | 82 B9 | E3 83 | 88 0A: 0x86 0xE3 is in an unassigned row, 0x88 is a lead byte before LF.
    expect(failing.error).toBe(
      '1行目（3バイト目）: Shift_JIS として読めないバイト列があります（86 E3）。このほかに1か所あります。UTF-8 としては読めます。文字コードの指定を確かめてください',
    );
    // 「住所」 in UTF-8 is valid Shift_JIS (菴乗園): only the note can tell the operator.
    const passing = decodeLegacy(Buffer.from('住所\n', 'utf8'), 'shift_jis');
    expect(text(passing)).toBe('菴乗園\n');
    expect('notes' in passing && passing.notes).toEqual([
      'UTF-8 としても読めるファイルです。文字コードの指定（Shift_JIS）が正しいか、文字化けしていないか確かめてください',
    ]);
    // Real Shift_JIS gets no note, nor does ASCII or half-width kana that is valid UTF-8 by chance (ﾃｱ = C3 B1 = ñ).
    for (const real of [bytes(NIHON, '\n'), bytes('abc'), bytes([0xc3, 0xb1])]) {
      expect(decodeLegacy(real, 'shift_jis')).toEqual({ text: iconv.decode(real, 'cp932'), notes: [] });
    }
  });
});

describe('decodeLegacy utf-8', () => {
  it('decodes, and strips a BOM with a note', () => {
    expect(decodeLegacy(Buffer.from('葛\u{E0101}飾,𠮷野\uE000\n', 'utf8'), 'utf-8')).toEqual({ text: '葛\u{E0101}飾,𠮷野\uE000\n', notes: [] });
    expect(decodeLegacy(Buffer.from('\uFEFF日本\n', 'utf8'), 'utf-8')).toEqual({ text: '日本\n', notes: ['先頭の UTF-8 の BOM を取り除きました'] });
  });

  it('reports the line and byte of the first bad sequence, counting the BOM in the offset', () => {
    const r = error(decodeLegacy(bytes([0xef, 0xbb, 0xbf], 'ab\n', [0xe6, 0x97, 0xa5], '\nx', [0xe6, 0x97], ',y'), 'utf-8'));
    expect(r.error).toBe('3行目（12バイト目）: UTF-8 として読めないバイト列があります（E6 97）');
    expect(r).toMatchObject({ line: 3, offset: 11 });
  });

  it('rejects overlongs, surrogates, code points above U+10FFFF and a sequence cut at the end', () => {
    const cases: [number[], string][] = [
      [[0xc0, 0x80], 'C0'],
      [[0xe0, 0x80, 0x80], 'E0'],
      [[0xed, 0xa0, 0x80], 'ED'],
      [[0xf4, 0x90, 0x80, 0x80], 'F4'],
      [[0xf5], 'F5'],
      [[0xe3, 0x81], 'E3 81'],
    ];
    for (const [bad, shown] of cases) {
      expect(error(decodeLegacy(bytes('a\n', bad), 'utf-8')).error).toMatch(new RegExp(`^2行目（3バイト目）: UTF-8 として読めないバイト列があります（${shown}）`));
    }
  });

  it('says a Shift_JIS file declared as UTF-8 reads as Shift_JIS', () => {
    expect(error(decodeLegacy(bytes('no,name\n1,', NIHON, [0xf0, 0x40], '\n'), 'utf-8')).error).toBe(
      '2行目（11バイト目）: UTF-8 として読めないバイト列があります（93）。このほかに3か所あります。Shift_JIS としては読めます。文字コードの指定を確かめてください',
    );
  });

  it('counts bad places as TextDecoder counts replacement characters', () => {
    const random = seededRandom(932);
    for (let run = 0; run < 300; run++) {
      const b = Buffer.from(Array.from({ length: 40 }, () => (random() < 0.5 ? 0x61 : Math.floor(random() * 256))));
      const replaced = [...new TextDecoder().decode(b)].filter((c) => c === '\uFFFD').length;
      const result = decodeLegacy(b, 'utf-8');
      if (replaced === 0 || b.includes(Buffer.from([0xef, 0xbf, 0xbd])) || (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) continue;
      const others = /このほかに(\d+)か所/.exec(error(result).error)?.[1];
      expect(1 + Number(others ?? 0)).toBe(replaced);
    }
  });
});

describe('mapGaiji', () => {
  const map = new Map<number, string>([
    [0xe000, '葛\u{E0101}'],
    [0xe001, '髙'],
    [0xf0000, '𠮷'],
  ]);

  it('returns text without private use as it is', () => {
    const plain = '葛\u{E0100}飾区𠮷野一丁目';
    const r = mapGaiji(plain, map);
    expect(r.text).toBe(plain);
    expect(r.unmapped.size).toBe(0);
    expect(mapGaiji('', map).unmapped.size).toBe(0);
  });

  it('replaces mapped private use, IVS and astral included, and counts the unmapped ones, left in place', () => {
    const r = mapGaiji('\uE000飾\uE002区\uE001橋\u{F0000}野\uE002\u{10FFFD}\u{F0001}𠮷', map);
    expect(r.text).toBe('葛\u{E0101}飾\uE002区髙橋𠮷野\uE002\u{10FFFD}\u{F0001}𠮷');
    expect([...r.unmapped].sort((a, b) => a[0] - b[0])).toEqual([
      [0xe002, 2],
      [0xf0001, 1],
      [0x10fffd, 1],
    ]);
  });

  it('gives each call its own count', () => {
    const a = mapGaiji('\uE009', map);
    const b = mapGaiji('\uE009\uE009', map);
    expect(a.unmapped.get(0xe009)).toBe(1);
    expect(b.unmapped.get(0xe009)).toBe(2);
    expect(mapGaiji('\uE000', map).unmapped.size).toBe(0);
  });

  it('decodes and maps a legacy row end to end', () => {
    const decoded = text(decodeLegacy(bytes('1,', [0xf0, 0x40], [0x8f, 0xfc], '\n'), 'shift_jis'));
    expect(decoded).toBe('1,\uE000飾\n');
    expect(mapGaiji(decoded, map).text).toBe('1,葛\u{E0101}飾\n');
  });
});
