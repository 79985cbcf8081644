import { sql, type RawBuilder } from 'kysely';
import { addDays, isIsoDate } from '../../jp/index.ts';
import { ValidationError, type FieldProblem } from '../errors.ts';

/** Days as staff name them: JST calendar dates, both ends included. */
export interface Period {
  from?: string;
  to?: string;
}

export function validatePeriod(period: Period, required: boolean): void {
  const problems: FieldProblem[] = [];
  for (const field of ['from', 'to'] as const) {
    const value = period[field];
    if (value === undefined) {
      if (required) problems.push({ field, rule: 'required', message: `${field}: 期間の${field === 'from' ? '開始日' : '終了日'}を指定してください` });
    } else if (!isIsoDate(value)) {
      problems.push({ field, rule: 'format:date', message: `${field}: 日付はYYYY-MM-DD形式の実在する日付で指定してください（${value}）` });
    }
  }
  if (problems.length === 0 && period.from && period.to && period.from > period.to) {
    problems.push({ field: 'to', rule: 'range', message: `to: 終了日（${period.to}）は開始日（${period.from}）以降にしてください` });
  }
  if (problems.length > 0) throw new ValidationError(problems);
}

/**
 * The period as a condition on occurred_at: from 00:00 JST of the first day to before 00:00 JST of the
 * day after the last, so the server's own time zone plays no part and the time index serves it.
 */
export function periodCondition(period: Period): RawBuilder<unknown>[] {
  const conditions: RawBuilder<unknown>[] = [];
  if (period.from) conditions.push(sql`occurred_at >= ${`${period.from}T00:00:00+09:00`}::timestamptz`);
  if (period.to) conditions.push(sql`occurred_at < ${`${addDays(period.to, 1)}T00:00:00+09:00`}::timestamptz`);
  return conditions;
}
