import { describe, expect, it } from 'vitest';
import { KeyIndex, keyText } from './key-index.ts';

describe('KeyIndex', () => {
  it('finds every key it was given, and the line of the first of two equal keys, across growth', () => {
    const index = new KeyIndex();
    const keys = Array.from({ length: 50_000 }, (_, i) => keyText([`01a22716-ba87-728e-8e79-${String(i).padStart(12, '0')}`, String(i % 7)]));
    keys.forEach((k, i) => expect(index.add(k, i + 2)).toBeUndefined());
    expect(index.size).toBe(keys.length);
    expect(keys.every((k) => index.has(k))).toBe(true);
    expect(index.add(keys[123]!, 99_999)).toBe(125);
    expect(index.has(keyText(['01a22716-ba87-728e-8e79-000000000001', '2']))).toBe(false);
    expect(index.size).toBe(keys.length);
  });
});
