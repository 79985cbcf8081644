/**
 * Stored inputs without their defaults. Most fields of a taxpayer's input are zero, false or 'none';
 * storing them a million times made an assessment row 3 kB and its INSERT the slowest write of the
 * annual job. `compact` drops every field equal to the schema's default (one level into the fixed
 * sub-objects such as 生命保険料); `expand` puts them back without re-validating, so a stored input
 * (validated when received) reaches the engine in the schema's output shape at the cost of a spread.
 */
import { assessmentInputSchema, type AssessmentInput } from './model.ts';
import type { IncomeItems } from './income-data.ts';

/** The schema's output for an input that gives nothing but the required age. */
const DEFAULTS: Readonly<Record<string, unknown>> = assessmentInputSchema.parse({ age: 0 });
const { age: _age, ...ITEM_DEFAULTS } = DEFAULTS;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmptyDefault = (value: unknown, fallback: unknown): boolean =>
  value === fallback || (Array.isArray(value) && Array.isArray(fallback) && value.length === 0 && fallback.length === 0);

/** `value` without the fields equal to `defaults` (sub-objects whose default is an object: field by field). */
function strip(value: Record<string, unknown>, defaults: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const fallback = defaults[key];
    if (isPlainObject(fallback) && isPlainObject(v)) {
      const inner = strip(v, fallback);
      if (Object.keys(inner).length > 0) out[key] = inner;
    } else if (!isEmptyDefault(v, fallback)) {
      out[key] = v;
    }
  }
  return out;
}

function fill<T>(compacted: Record<string, unknown>, defaults: Readonly<Record<string, unknown>>): T {
  const out: Record<string, unknown> = { ...defaults, ...compacted };
  for (const [key, fallback] of Object.entries(defaults)) {
    if (isPlainObject(fallback)) out[key] = { ...fallback, ...(compacted[key] as object | undefined) };
  }
  return out as T;
}

export const compactItems = (items: IncomeItems): Record<string, unknown> => strip(items as unknown as Record<string, unknown>, ITEM_DEFAULTS);
export const expandItems = (stored: Record<string, unknown>): IncomeItems => fill<IncomeItems>(stored, ITEM_DEFAULTS);
export const compactInput = (input: AssessmentInput): Record<string, unknown> => strip(input as unknown as Record<string, unknown>, DEFAULTS);
export const expandInput = (stored: Record<string, unknown>): AssessmentInput => fill<AssessmentInput>(stored, DEFAULTS);
