/**
 * A source of randomness for the test-data generators: any function returning a float in [0, 1),
 * like Math.random. Tests pass seededRandom(seed) so that every run sees the same numbers.
 */
export type RandomSource = () => number;

/** mulberry32: tiny, fast and good enough for test data; not for anything secret. */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `length` random decimal digits. */
export function randomDigits(random: RandomSource, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += String(Math.min(9, Math.floor(random() * 10)));
  return out;
}
