/**
 * Japanese administration primitives (DESIGN §1.7): the one place where eras, ages, check digits,
 * kana, standard characters, money rounding and business days are implemented. See README.md.
 */
export * from './result.ts';
export * from './date.ts';
export * from './era.ts';
export * from './date-input.ts';
export * from './fiscal-year.ts';
export * from './age.ts';
export * from './check-digits.ts';
export * from './random.ts';
export * from './kana.ts';
export * from './name.ts';
export * from './characters.ts';
export * from './degrade.ts';
export * from './degrade-map.ts';
export * from './money.ts';
export * from './calendar.ts';
