/**
 * Stored inputs without their defaults. Most fields of a taxpayer's input are zero, false or 'none';
 * storing them a million times made an assessment row 3 kB and its INSERT the slowest write of the
 * annual job. `compact` drops every field equal to the schema's default (one level into the fixed
 * sub-objects such as 生命保険料); `expand` puts them back without re-validating, so a stored input
 * (validated when received) reaches the engine in the schema's output shape at the cost of a spread.
 */
import { assessmentInputSchema, type AssessmentInput } from './model.ts';
import type { IncomeItems } from './income-data.ts';

const deepFreeze = <T extends object>(o: T): T => {
  for (const v of Object.values(o)) if (typeof v === 'object' && v !== null) deepFreeze(v);
  return Object.freeze(o);
};
/** The schema's output for an input that gives nothing but the required age; frozen, as expand shares its sub-objects. */
const DEFAULTS: Readonly<Record<string, unknown>> = deepFreeze(assessmentInputSchema.parse({ age: 0 }));
const { age: _age, ...ITEM_DEFAULTS } = DEFAULTS;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmptyDefault = (value: unknown, fallback: unknown): boolean =>
  value === fallback || (Array.isArray(value) && Array.isArray(fallback) && value.length === 0 && fallback.length === 0);

/** `value` without the fields equal to `defaults` (sub-objects whose default is an object: field by field). */
function strip(value: Record<string, unknown>, defaults: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let kept = false;
  for (const key in value) {
    const v = value[key];
    if (v === undefined) continue;
    const fallback = defaults[key];
    if (isPlainObject(fallback) && isPlainObject(v)) {
      const inner = strip(v, fallback);
      if (inner !== EMPTY) [out[key], kept] = [inner, true];
    } else if (!isEmptyDefault(v, fallback)) {
      [out[key], kept] = [v, true];
    }
  }
  return kept ? out : EMPTY;
}
/** What strip returns for nothing kept (never handed out for change: callers spread it). */
const EMPTY: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/** The keys whose default is itself an object, per defaults (filled field by field). */
const objectKeys = new WeakMap<object, string[]>();
function fill<T>(compacted: Record<string, unknown>, defaults: Readonly<Record<string, unknown>>): T {
  let keys = objectKeys.get(defaults);
  if (!keys) objectKeys.set(defaults, (keys = Object.keys(defaults).filter((k) => isPlainObject(defaults[k]))));
  const out: Record<string, unknown> = { ...defaults, ...compacted };
  for (const key of keys) {
    const given = compacted[key];
    out[key] = given === undefined ? defaults[key] : { ...(defaults[key] as object), ...(given as object) };
  }
  return out as T;
}

export const compactItems = (items: IncomeItems): Record<string, unknown> => strip(items as unknown as Record<string, unknown>, ITEM_DEFAULTS);
export const expandItems = (stored: Record<string, unknown>): IncomeItems => fill<IncomeItems>(stored, ITEM_DEFAULTS);
export const compactInput = (input: AssessmentInput): Record<string, unknown> => strip(input as unknown as Record<string, unknown>, DEFAULTS);
export const expandInput = (stored: Record<string, unknown>): AssessmentInput => fill<AssessmentInput>(stored, DEFAULTS);
