/**
 * Collection schedules of 個人住民税 (RULEBOOK §1.9). Amounts via src/jp `splitIntoInstallments`
 * (端数 → first installment); due dates moved to the next business day via src/jp calendar.
 */
import { businessDayOnOrAfter, monthEndDueDate, splitIntoInstallments, truncateTaxAmount, type ClosedDayOptions } from '../../../jp/index.ts';

export interface Installment {
  readonly installment: number;
  /** Collection month as YYYY-MM (給与・年金: the month withheld). */
  readonly month: string;
  readonly amount: number;
  readonly dueDate: string;
  readonly collection: 'specialCollection' | 'ordinaryCollection';
}

const ym = (year: number, month: number): string => `${year}-${String(month).padStart(2, '0')}`;
/** Month `offset` months after April of fiscalYear (0 = April). */
const fyMonth = (fiscalYear: number, offset: number): [number, number] => {
  const m = 4 + offset;
  return m > 12 ? [fiscalYear + 1, m - 12] : [fiscalYear, m];
};
/** 特別徴収義務者 remit by the 10th of the following month (地方税法321条の5①・321条の7の5). */
const remitDue = (year: number, month: number, options: ClosedDayOptions): string => {
  const [y, m] = month === 12 ? [year + 1, 1] : [year, month + 1];
  return businessDayOnOrAfter(`${ym(y, m)}-10`, options);
};

/** 給与特別徴収: June–May, 12 installments, 100円未満の端数 → June (地方税法321条の5①). */
export function salarySpecialCollection(fiscalYear: number, annual: number, options: ClosedDayOptions = {}): Installment[] {
  return splitIntoInstallments(annual, 12, 100).map((amount, i) => {
    const [y, m] = fyMonth(fiscalYear, 2 + i);
    return { installment: i + 1, month: ym(y, m), amount, dueDate: remitDue(y, m, options), collection: 'specialCollection' };
  });
}

/**
 * 普通徴収: 4 installments, 1,000円未満の端数 → 第1期 (地方税法20条の4の2⑥, 320条). Due at the end of
 * `months` (default 6・8・10・翌1月; 条例 may differ), moved to the next business day.
 */
export function ordinaryCollection(fiscalYear: number, annual: number, months: readonly number[] = [6, 8, 10, 1], options: ClosedDayOptions = {}): Installment[] {
  return splitIntoInstallments(annual, months.length, 1000).map((amount, i) => {
    const month = months[i] ?? 1;
    const year = month < 4 ? fiscalYear + 1 : fiscalYear;
    return { installment: i + 1, month: ym(year, month), amount, dueDate: monthEndDueDate(year, month, options), collection: 'ordinaryCollection' };
  });
}

export interface PensionSchedule {
  readonly provisional: readonly Installment[];
  readonly main: readonly Installment[];
  readonly ordinary: readonly Installment[];
}

/**
 * 公的年金からの特別徴収 (地方税法321条の7の2〜): pension-part annual tax `annual`.
 * Continuing: 仮徴収 4・6・8月 = 前年度の年金特徴税額 × 1/2 ÷ 3 (平準化), 本徴収 10・12・2月 = rest ÷ 3.
 * First year (`previousYearSpecial` null): 普通徴収 6・8月 = 1/4 each, 本徴収 10・12・2月 = 1/6 each.
 * 100円未満の端数 → the first installment of each part. [S/U] rounding; confirm the ordinance.
 */
export function pensionSpecialCollection(
  fiscalYear: number, annual: number, previousYearSpecial: number | null,
  ordinaryMonths: readonly number[] = [6, 8], options: ClosedDayOptions = {},
): PensionSchedule {
  const installments = (amounts: number[], offsets: number[], first: number): Installment[] =>
    amounts.map((amount, i) => {
      const [y, m] = fyMonth(fiscalYear, offsets[i] ?? 0);
      return { installment: first + i, month: ym(y, m), amount, dueDate: remitDue(y, m, options), collection: 'specialCollection' };
    });
  if (previousYearSpecial === null) {
    const ordinaryTotal = annual - truncateTaxAmount(Math.floor(annual / 2));
    const ordinary = splitIntoInstallments(ordinaryTotal, ordinaryMonths.length, 100).map((amount, i) => {
      const month = ordinaryMonths[i] ?? 8;
      return { installment: i + 1, month: ym(fiscalYear, month), amount, dueDate: monthEndDueDate(fiscalYear, month, options), collection: 'ordinaryCollection' as const };
    });
    const main = installments(splitIntoInstallments(annual - ordinaryTotal, 3, 100), [6, 8, 10], 1);
    return { provisional: [], main, ordinary };
  }
  const provisionalTotal = Math.min(annual, truncateTaxAmount(Math.floor(previousYearSpecial / 2)));
  const provisional = installments(splitIntoInstallments(provisionalTotal, 3, 100), [0, 2, 4], 1);
  const main = installments(splitIntoInstallments(Math.max(0, annual - provisionalTotal), 3, 100), [6, 8, 10], 4);
  return { provisional, main, ordinary: [] };
}
