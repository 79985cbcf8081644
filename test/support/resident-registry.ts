/** What the resident-registry tests share: the 団体, the base path, today in Japan, and fresh 住民票コード. */
import { addDays } from '../../src/jp/index.ts';
import { todayInJapan } from '../../src/modules/resident-registry/index.ts';

export const A = '131016';
export const BASE = '/api/v1/resident-registry';
/** The full-width space between 氏 and 名, as 住民票 print it. */
export const SP = '\u3000';
export const today = todayInJapan();
export const daysAgo = (n: number): string => addDays(today, -n);

/** Distinct 11-digit 住民票コード from `base` on (each test file its own base, so files never collide). */
export function residentCodes(base: number): () => string {
  let serial = 0;
  return () => String(base + ++serial * 7919);
}
