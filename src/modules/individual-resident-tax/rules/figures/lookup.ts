/** Reading the piecewise tables of the figures files. */
import { applyRate } from '../../../../jp/index.ts';
import type { FormulaBand, StepRow } from './types.ts';

/** Value of the band containing `amount`; never below 0. `quarter` = 収入÷4 1,000円未満切捨 (別表第五). */
export function evaluateBands(bands: readonly FormulaBand[], amount: number, extra = 0): number {
  let chosen: FormulaBand | undefined;
  for (const band of bands) if (amount >= band.from) chosen = band;
  if (!chosen) return 0;
  const base = chosen.base === 'quarter' ? Math.floor(amount / 4_000) * 1_000 : amount;
  return Math.max(0, applyRate(base, chosen.rate, chosen.rounding ?? 'floor') + chosen.constant + extra);
}

/** The first row whose `upTo` is ≥ `key`. */
export function lookupStep<T>(rows: readonly StepRow<T>[], key: number): T {
  const row = rows.find((r) => key <= r.upTo) ?? rows.at(-1);
  if (!row) throw new RangeError('empty step table');
  return row.value;
}
