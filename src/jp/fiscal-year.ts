/**
 * 年度 (fiscal year, April–March), held as the Western year it starts in (GLOSSARY `fiscalYear`).
 */
import { formatIsoDate, parseIsoDate } from './date.ts';
import { ERAS, formatEraYear, GREGORIAN_START } from './era.ts';
import type { EraName } from './era.ts';
import { fail, JpInputError, ok } from './result.ts';
import type { Result } from './result.ts';

export function fiscalYearOf(iso: string): number {
  const { year, month } = parseIsoDate(iso);
  return month >= 4 ? year : year - 1;
}

export const fiscalYearStart = (fiscalYear: number): string => formatIsoDate(fiscalYear, 4, 1);

export const fiscalYearEnd = (fiscalYear: number): string => formatIsoDate(fiscalYear + 1, 3, 31);

export interface JapaneseFiscalYear {
  era: EraName;
  year: number;
}

/**
 * The era a 年度 is named in: the one in force at the end of the calendar year it starts in. This
 * gives 令和元年度 for 2019-04-01〜2020-03-31 (as government documents wrote it after the 改元 of
 * 2019-05-01; budgets passed before it said 平成31年度, which parseFiscalYear also accepts),
 * 平成元年度 for 1989 and 昭和63年度 for 1988.
 */
export function toJapaneseFiscalYear(fiscalYear: number): JapaneseFiscalYear {
  if (!Number.isInteger(fiscalYear) || fiscalYear < 1873 || fiscalYear > 9998) {
    throw new JpInputError('fiscal-year.out-of-range', `${fiscalYear}年度は和暦で表せません（1873年度以降）`);
  }
  const end = `${fiscalYear}-12-31`;
  let era = ERAS[0]!;
  for (const e of ERAS) if (e.firstDay <= end) era = e;
  return { era: era.name, year: fiscalYear - era.offset };
}

/** 令和8年度 (or R8年度 with `short`). */
export function formatFiscalYear(fiscalYear: number, style: 'long' | 'short' = 'long'): string {
  const { era, year } = toJapaneseFiscalYear(fiscalYear);
  if (style === 'short') return `${ERAS.find((e) => e.name === era)!.letter}${year}年度`;
  return `${formatEraYear(era, year)}度`;
}

const ERA_TOKEN = /^(明治|大正|昭和|平成|令和|[明大昭平令MTSHR])(\d{1,3}|元)(?:年度?)?$/;
const WESTERN = /^(\d{4})(?:年度?)?$/;

/**
 * A 年度 as typed (令和8年度, R8, 平成31年度, 2026年度, 2026) to the Western year it starts in. An
 * era year is accepted when the era was in force on some day of that 年度 (平成31年度 and
 * 令和元年度 are both 2019; 昭和64年度 does not exist).
 */
export function parseFiscalYear(input: string): Result<number> {
  const text = input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (text === '') return fail('fiscal-year.empty', '年度が入力されていません');
  const western = WESTERN.exec(text);
  if (western) {
    const fy = Number(western[1]);
    return fy >= 1 ? ok(fy) : fail('fiscal-year.out-of-range', `${fy}年度は扱えません`);
  }
  const m = ERA_TOKEN.exec(text);
  if (!m) return fail('fiscal-year.format', '年度の形式が正しくありません（例：令和8年度、R8、2026年度）');
  const token = m[1]!;
  const era = ERAS.find((e) => e.name === token || e.letter === token || e.name[0] === token)!;
  const year = m[2] === '元' ? 1 : Number(m[2]);
  if (year < 1) return fail('fiscal-year.out-of-range', `${era.name}の年度は元年度以降で指定してください`);
  const fy = year + era.offset;
  const label = `${formatEraYear(era.name, year)}度`;
  if (fiscalYearStart(fy) < GREGORIAN_START) {
    return fail('fiscal-year.out-of-range', `${label}は太陽暦採用（1873年）より前のため扱えません`);
  }
  if (fiscalYearEnd(fy) < era.firstDay) return fail('fiscal-year.not-exist', `${label}は存在しません`);
  if (era.lastDay !== null && fiscalYearStart(fy) > era.lastDay) {
    const lastFy = fiscalYearOf(era.lastDay) - era.offset;
    return fail('fiscal-year.not-exist', `${label}は存在しません（${era.name}は${lastFy}年度まで）`);
  }
  return ok(fy);
}
