/** Figures by fiscalYear (DESIGN §1.4). Add a year by adding a file and a row here. */
import { FY2025 } from './fy2025.ts';
import { FY2026 } from './fy2026.ts';
import type { Figures } from './types.ts';

export type { Figures, FormulaBand, StepRow, Figure, ByTaxpayerBand } from './types.ts';

const BY_YEAR: ReadonlyMap<number, Figures> = new Map([
  [2025, FY2025],
  [2026, FY2026],
]);

export const SUPPORTED_FISCAL_YEARS: readonly number[] = [...BY_YEAR.keys()];

export class UnsupportedFiscalYearError extends RangeError {
  readonly code = 'individual-resident-tax.fiscal-year';
  constructor(fiscalYear: number) {
    super(`${fiscalYear}年度の個人住民税の税率・控除額は未登録です（対応年度: ${SUPPORTED_FISCAL_YEARS.join(', ')}）`);
  }
}

export function figuresFor(fiscalYear: number): Figures {
  const figures = BY_YEAR.get(fiscalYear);
  if (!figures) throw new UnsupportedFiscalYearError(fiscalYear);
  return figures;
}
