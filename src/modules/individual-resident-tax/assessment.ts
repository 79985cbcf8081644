/**
 * One taxpayer's assessment from the roll and their 課税資料: pure, so the annual job, a 更正 and a
 * test compute it the same way. The stored input is what the engine was given (without its defaults,
 * with the documents it came from and the rates), so any version can be explained and recomputed later.
 */
import { compactInput, expandInput } from './compact.ts';
import { tenantRatesSchema, type AssessmentInput, type AssessmentTotals, type Breakdown, type BreakdownStep, type TenantRates, type TenantRatesDraft } from './model.ts';
import { ageOn } from '../../jp/index.ts';
import { collectionOf, mergeIncome, type IncomeDocument, type IncomeSource } from './income-data.ts';
import { assessParsed } from './rules/assess.ts';
import { houseLevyOnly } from './rules/house-levy.ts';
import { ageOnApril1 } from './rules/pension-collection.ts';
import { applyRelief, type Relief } from './rules/relief.ts';
import type { AssessmentRow, RollEntry } from './store.ts';

/** An assessment's input as stored: the engine's input without defaults, plus where it came from. */
export type StoredInput = Record<string, unknown> & { age: number; basis?: IncomeSource[]; tenantRates?: TenantRatesDraft; relief?: Relief; liability?: 'house'; cancellation?: string };

/** Rates as given (a job's params, a stored input) in the engine's shape: validated once, a million taxpayers share them. */
export const parseRates = (rates: TenantRatesDraft): TenantRates => tenantRatesSchema.parse(rates);

export function assessTaxpayer(
  fiscalYear: number, rates: TenantRates, taxpayer: Pick<RollEntry, 'addresseeNo' | 'birthDate' | 'liability'>, documents: readonly IncomeDocument[],
  previous: { version: number; total: number } | null = null, relief: Relief | null = null,
): AssessmentRow {
  const merged = mergeIncome(documents);
  const ages = agesOf(fiscalYear, taxpayer.birthDate);
  // Documents come with their defaults put back (store.ts): only a taxpayer without any needs them filled.
  const input: AssessmentInput = merged ? { ...merged.items, age: ages.december31 } : expandInput({ age: ages.december31 });
  // One document as the input (most taxpayers): its stored form is the stored input's too.
  const stored = merged ? documents.find((d) => d.items === merged.items)?.stored : undefined;
  // A 非課税・減免 decision (rules/relief.ts) acts on the computed tax; stored with the input, so the version recomputes.
  const computed = assessParsed(fiscalYear, input, rates);
  const breakdown = applyRelief(taxpayer.liability === 'house' ? houseLevyOnly(computed) : computed, relief);
  const ratesStored = compactRates(rates);
  return {
    addresseeNo: taxpayer.addresseeNo,
    version: previous ? previous.version + 1 : 1,
    kind: previous ? 'reassessment' : 'initial',
    collection: collectionOf(merged, ages.april1, fiscalYear),
    employerNo: merged?.employerNo ?? null,
    difference: previous ? breakdown.totals.total - previous.total : 0,
    // The rates go with the input: a 更正 recomputes with what the 当初課税 used.
    input: { ...(stored ?? compactInput(input)), age: ages.december31, ...(merged ? { basis: merged.basis } : {}), ...(ratesStored ? { tenantRates: ratesStored } : {}), ...(relief ? { relief } : {}), ...(taxpayer.liability === 'house' ? { liability: 'house' as const } : {}) },
    breakdown,
  };
}

/**
 * A taxpayer's age on 31 December of the income year (the engine's) and on 1 April of the fiscal year
 * (年金特徴), remembered by birth date: a city's million taxpayers share some 36,000 birth dates.
 */
const ageMemo = new Map<string, { december31: number; april1: number }>();
function agesOf(fiscalYear: number, birthDate: string): { december31: number; april1: number } {
  const key = `${fiscalYear}:${birthDate}`;
  let ages = ageMemo.get(key);
  if (!ages) {
    if (ageMemo.size >= 100_000) ageMemo.clear();
    ages = { december31: ageOn(birthDate, `${fiscalYear - 1}-12-31`), april1: ageOnApril1(fiscalYear, birthDate) };
    ageMemo.set(key, ages);
  }
  return ages;
}

const DEFAULT_RATES = parseRates({});
/** The rates without their defaults (standard rates, 3級地: nothing stored). */
function compactRates(rates: TenantRates): TenantRatesDraft | null {
  const out = Object.fromEntries(Object.entries(rates).filter(([k, v]) => v !== undefined && v !== DEFAULT_RATES[k as keyof TenantRates]));
  return Object.keys(out).length > 0 ? out : null;
}

/**
 * 賦課取消: the next version of a taxpayer found not liable (died or left before 1 January, recorded
 * late), tax 0 and its reason; the collection and employer stay, so the employer's notice shows the 0.
 */
export function cancellationOf(
  fiscalYear: number, taxpayer: Pick<RollEntry, 'addresseeNo' | 'birthDate'>, previous: { version: number; total: number; collection: AssessmentRow['collection']; employerNo: string | null }, reason: string,
  tenantRates?: TenantRatesDraft,
): AssessmentRow {
  return {
    addresseeNo: taxpayer.addresseeNo, version: previous.version + 1, kind: 'cancellation', collection: previous.collection, employerNo: previous.employerNo,
    difference: -previous.total, breakdown: cancelledBreakdown(fiscalYear, reason),
    input: { age: agesOf(fiscalYear, taxpayer.birthDate).december31, cancellation: reason, ...(tenantRates ? { tenantRates } : {}) },
  };
}

const cancelledBreakdown = (fiscalYear: number, reason: string): Breakdown => ({
  fiscalYear, exemption: 'none', unconfirmedFigures: [],
  steps: [{ step: 'cancellation', label: '賦課取消', amount: 0, basis: reason }, { step: 'total', label: '年税額', amount: 0 }],
  totals: { totalIncome: 0, totalIncomeEtc: 0, taxableIncome: 0, cityIncomeLevy: 0, prefIncomeLevy: 0, cityPerCapitaLevy: 0, prefPerCapitaLevy: 0, forestEnvironmentTax: 0, total: 0 },
});

/**
 * A stored version's breakdown: the engine's steps (labels, bases) recomputed from the stored input,
 * with the stored amounts and totals, which are what was decided. If today's rules compute other
 * amounts from that input (a rule corrected since), the stored amounts still show and `recomputable`
 * says the explanation no longer matches them.
 */
export function storedBreakdown(
  fiscalYear: number, stored: StoredInput, amounts: Record<string, number>, totals: AssessmentTotals, exemption: Breakdown['exemption'],
): { breakdown: Breakdown; recomputable: boolean } {
  if (typeof stored.cancellation === 'string') return { breakdown: cancelledBreakdown(fiscalYear, stored.cancellation), recomputable: true };
  const { basis: _basis, tenantRates, relief, liability, ...input } = stored;
  const computed = assessParsed(fiscalYear, expandInput(input), parseRates(tenantRates ?? {}));
  const again = applyRelief(liability === 'house' ? houseLevyOnly(computed) : computed, relief ?? null);
  const known = new Set(again.steps.map((s) => s.step));
  const steps: BreakdownStep[] = [
    ...again.steps.filter((s) => s.step in amounts).map((s) => ({ ...s, amount: amounts[s.step]! })),
    ...Object.entries(amounts).filter(([step]) => !known.has(step)).map(([step, amount]) => ({ step, label: step, amount })),
  ];
  const recomputable = again.steps.length === steps.length && again.steps.every((s) => amounts[s.step] === s.amount)
    && Object.entries(again.totals).every(([k, v]) => totals[k as keyof AssessmentTotals] === v);
  return { breakdown: { fiscalYear, steps, totals, exemption, unconfirmedFigures: again.unconfirmedFigures }, recomputable };
}
