/**
 * The certificate font (DESIGN §6 PDF): IPAmj明朝 (Debian fonts-ipamj-mincho) when installed, for MJ
 * characters and IVS; else Noto Serif JP from npm, so a fresh machine prints with `npm install` alone.
 * YAKUBA_CERT_FONT names another TrueType/OpenType file. The font is parsed once per process and the
 * parsed font is handed to every document: parsing IPAmj (61,000 glyphs) costs ~100 ms, a render ~10 ms.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

export const IPAMJ_PATHS = ['/usr/share/fonts/truetype/ipamj/ipamjm.ttf', '/usr/share/fonts/opentype/ipamj/ipamjm.ttf'];

export interface CertificateFont {
  /** 'ipamj' | 'noto' | 'custom' */
  source: 'ipamj' | 'noto' | 'custom';
  path: string;
  /** The parsed font pdfkit embeds (subset per document). */
  font: fontkit.Font;
  /** The font has variation sequences (cmap format 14): an IVS selects its own glyph where the font has one for it. */
  supportsIvs: boolean;
}

function notoPath(): string {
  const require = createRequire(import.meta.url);
  const dir = require.resolve('@expo-google-fonts/noto-serif-jp/package.json').replace(/package\.json$/, '');
  return `${dir}400Regular/NotoSerifJP_400Regular.ttf`;
}

/** Which file prints: the override, else IPAmj明朝 where installed, else the npm Noto Serif JP. */
export function resolveFontPath(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = existsSync): { source: CertificateFont['source']; path: string } {
  const override = env.YAKUBA_CERT_FONT;
  if (override) {
    if (!exists(override)) throw new Error(`YAKUBA_CERT_FONT のフォント ${override} がありません`);
    return { source: 'custom', path: override };
  }
  const ipamj = IPAMJ_PATHS.find((p) => exists(p));
  return ipamj ? { source: 'ipamj', path: ipamj } : { source: 'noto', path: notoPath() };
}

const loaded = new Map<string, CertificateFont>();

/** The parsed font for `path` (default: resolveFontPath()), loaded on first use and kept. */
export function certificateFont(resolved = resolveFontPath()): CertificateFont {
  const hit = loaded.get(resolved.path);
  if (hit) return hit;
  const font = fontkit.create(readFileSync(resolved.path));
  if (!('layout' in font)) throw new Error(`${resolved.path} はフォントコレクションです（単一のフォントを指定してください）`);
  // fontkit keeps the format-14 (Unicode Variation Sequences) subtable it found as `uvs`.
  const uvs = (font as unknown as { _cmapProcessor?: { uvs?: unknown } })._cmapProcessor?.uvs;
  const entry: CertificateFont = { ...resolved, font, supportsIvs: uvs !== undefined && uvs !== null };
  loaded.set(resolved.path, entry);
  return entry;
}

/**
 * fontkit caches glyph objects per font with the characters that first reached them, and pdfkit writes
 * those characters into the ToUnicode map. Cleared before each document, so what a document's text
 * extracts to depends on that document only (first use of a glyph within it), not on earlier renders.
 */
export function resetGlyphCache(font: fontkit.Font): void {
  (font as unknown as { _glyphs: Record<number, unknown> })._glyphs = {};
}

