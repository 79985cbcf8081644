/**
 * One taxpayer's assessment from the roll and their 課税資料: pure, so the annual job, a 更正 and a
 * test compute it the same way. The stored input is what the engine was given (with the documents it
 * came from), so any version can be explained and recomputed later.
 */
import type { TenantRatesDraft } from './model.ts';
import { assessmentInputOf, collectionOf, mergeIncome, type IncomeDocument } from './income-data.ts';
import { assess } from './rules/assess.ts';
import type { AssessmentRow, RollEntry } from './store.ts';

export function assessTaxpayer(
  fiscalYear: number, rates: TenantRatesDraft, taxpayer: RollEntry, documents: readonly IncomeDocument[],
  previous: { version: number; total: number } | null = null,
): AssessmentRow {
  const merged = mergeIncome(documents);
  const input = assessmentInputOf(fiscalYear, taxpayer.birthDate, merged?.items ?? null);
  const breakdown = assess(fiscalYear, input, rates);
  return {
    residentId: taxpayer.residentId,
    version: previous ? previous.version + 1 : 1,
    kind: previous ? 'reassessment' : 'initial',
    collection: collectionOf(merged),
    employerNo: merged?.employerNo ?? null,
    difference: previous ? breakdown.totals.total - previous.total : 0,
    // The rates go with the input: a 更正 recomputes with what the 当初課税 used.
    input: { ...input, basis: merged?.basis ?? [], tenantRates: rates },
    breakdown,
  };
}
