/**
 * The keys an import has read, for duplicate and reference checks: 64-bit hashes in an open-addressing
 * table with the line each key was read on, 12 bytes a key. A Set of strings would hold every key's
 * text (a 1,000,000-resident export has about 8 million keys: gigabytes). Two different keys with the
 * same 64-bit hash (odds about 1 in 10^6 for 8 million keys) would be reported as a duplicate, never
 * accepted silently; a reference that matched by such a collision is still refused by the database's
 * own foreign key when written.
 */

/** FNV-1a over the UTF-16 units, as two independent 32-bit lanes. */
export function hashKey(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return [a >>> 0, (b | 1) >>> 0];
}

/** Items joined with a separator no item holds (U+001F, a control character the importer refuses in text). */
export const keyText = (values: readonly (string | null)[]): string => values.join('\u001f');

export class KeyIndex {
  private hi = new Uint32Array(1024);
  private lo = new Uint32Array(1024);
  private lines = new Uint32Array(1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds a key read on `line`; returns the line it was first read on when it was there already. */
  add(text: string, line: number): number | undefined {
    if ((this.count + 1) * 2 > this.hi.length) this.grow();
    const [h, l] = hashKey(text);
    const mask = this.hi.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      if (this.lo[i] === 0) {
        this.hi[i] = h;
        this.lo[i] = l;
        this.lines[i] = line;
        this.count++;
        return undefined;
      }
      if (this.hi[i] === h && this.lo[i] === l) return this.lines[i];
    }
  }

  has(text: string): boolean {
    const [h, l] = hashKey(text);
    return this.hasHash(h, l);
  }

  hasHash(h: number, l: number): boolean {
    const mask = this.hi.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      if (this.lo[i] === 0) return false;
      if (this.hi[i] === h && this.lo[i] === l) return true;
    }
  }

  private grow(): void {
    const { hi, lo, lines } = this;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(hi.length * 2);
    this.lines = new Uint32Array(hi.length * 2);
    const mask = this.hi.length - 1;
    for (let j = 0; j < hi.length; j++) {
      if (lo[j] === 0) continue;
      let i = hi[j]! & mask;
      while (this.lo[i] !== 0) i = (i + 1) & mask;
      this.hi[i] = hi[j]!;
      this.lo[i] = lo[j]!;
      this.lines[i] = lines[j]!;
    }
  }
}
