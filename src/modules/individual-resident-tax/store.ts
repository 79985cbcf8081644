/**
 * The SQL of 個人住民税's records (migrations/001_tax_records.sql): 課税資料 in, the roll and the
 * assessments out in bulk (one INSERT of unnested arrays per chunk), every statement inside the caller's tenant
 * transaction. Personal items stay in the rows; nothing here logs them.
 */
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Trx } from '../../platform/db/tenant-scope.ts';
import { ConflictError } from '../../platform/errors.ts';
import type { Breakdown } from './model.ts';
import { storedBreakdown, type StoredInput } from './assessment.ts';
import { compactItems, expandItems } from './compact.ts';
import type { IncomeDocument, IncomeItems, IncomeSource } from './income-data.ts';

export async function insertIncomeDocument(trx: Trx, doc: { fiscalYear: number; addresseeNo: string; source: IncomeSource; employerNo: string | null; employerName: string | null; items: IncomeItems; receivedBy: string }): Promise<string> {
  const id = uuidv7();
  await sql`INSERT INTO resident_tax_income (tenant_code, id, fiscal_year, addressee_no, source, employer_no, employer_name, items, received_by)
    VALUES (current_tenant(), ${id}, ${doc.fiscalYear}, ${doc.addresseeNo}, ${doc.source}, ${doc.employerNo}, ${doc.employerName}, ${JSON.stringify(compactItems(doc.items))}::jsonb, ${doc.receivedBy})`.execute(trx);
  return id;
}

/**
 * Every document of the year of the given taxpayers, or of every 宛名番号 in (after, last] (a page of
 * the annual job: one range of the index), by 宛名番号; items as validated on receipt, defaults put back.
 */
export async function incomeDocumentsOf(trx: Trx, fiscalYear: number, which: readonly string[] | { after: string | null; last: string }): Promise<Map<string, IncomeDocument[]>> {
  const out = new Map<string, IncomeDocument[]>();
  if (Array.isArray(which) && which.length === 0) return out;
  const range = which as { after: string | null; last: string };
  const filter = Array.isArray(which)
    ? sql`addressee_no = ANY(${which as string[]}::text[])`
    : sql`addressee_no <= ${range.last} ${range.after === null ? sql`` : sql`AND addressee_no > ${range.after}`}`;
  const { rows } = await sql<{ addressee_no: string; source: IncomeSource; employer_no: string | null; items: Record<string, unknown>; received_at: string }>`
    SELECT addressee_no, source, employer_no, items, to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS received_at
    FROM resident_tax_income WHERE tenant_code = current_tenant() AND fiscal_year = ${fiscalYear} AND ${filter}`.execute(trx);
  for (const r of rows) {
    const list = out.get(r.addressee_no) ?? [];
    list.push({ source: r.source, employerNo: r.employer_no, items: expandItems(r.items), receivedAt: r.received_at, stored: r.items });
    out.set(r.addressee_no, list);
  }
  return out;
}

/** A taxpayer of the roll: a resident of 1 January (resident_id), or 住登外 (宛名 only). */
export interface RollEntry {
  addresseeNo: string;
  residentId: string | null;
  name: string | null;
  birthDate: string;
  address: string | null;
  /** 住登外 only (migrations/005): 'house' = 家屋敷課税, 均等割 only. Default 'residence'. */
  liability?: 'residence' | 'house';
}

/**
 * A key already taken (another clerk or job wrote the same taxpayer meanwhile) is a 409 in Japanese,
 * not a database error: callers check first, so only a race gets here, and the transaction is lost.
 */
async function refusingDuplicates<T>(write: Promise<T>, what: string): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new ConflictError(`${what}は同時に別の操作で記録されました。もう一度確認してください`);
    throw error;
  }
}

/** Enters taxpayers on the roll as of 賦課期日; the caller has checked that none is on it yet. */
export async function insertRoll(trx: Trx, fiscalYear: number, entries: readonly RollEntry[], enteredBy: string | null = null): Promise<void> {
  if (entries.length === 0) return;
  const column = <T>(pick: (e: RollEntry) => T) => entries.map(pick);
  await refusingDuplicates(sql`INSERT INTO resident_tax_taxpayer (tenant_code, fiscal_year, addressee_no, resident_id, registration, name, birth_date, address, liability, entered_by)
    SELECT current_tenant(), ${fiscalYear}, x.addressee_no, x.resident_id, CASE WHEN x.resident_id IS NULL THEN 'nonResident' ELSE 'resident' END, x.name, x.birth_date, x.address,
      x.liability, ${enteredBy}::uuid
    FROM unnest(${column((e) => e.addresseeNo)}::text[], ${column((e) => e.residentId)}::uuid[], ${column((e) => e.name)}::text[],
      ${column((e) => e.birthDate)}::date[], ${column((e) => e.address)}::text[], ${column((e) => e.liability ?? 'residence')}::text[])
      AS x(addressee_no, resident_id, name, birth_date, address, liability)`.execute(trx), '課税台帳への登録');
}

/**
 * The annual job and the procedures that change what it reads (課税資料, 減免 decisions) meet on one
 * lock per tenant and year: a procedure takes it shared for its transaction, a chunk of the job takes it
 * exclusively before it writes. A decision recorded while the chunk was read ahead is then either seen
 * by the chunk's check (inputsIn) or finds the chunk's assessments and 更正s them: never lost between.
 */
export async function lockYear(trx: Trx, fiscalYear: number, mode: 'shared' | 'exclusive'): Promise<void> {
  const key = sql`hashtextextended('individual-resident-tax:' || current_tenant() || ':' || ${String(fiscalYear)}, 0)`;
  await (mode === 'shared' ? sql`SELECT pg_advisory_xact_lock_shared(${key})` : sql`SELECT pg_advisory_xact_lock(${key})`).execute(trx);
}

/** How many 課税資料 and 減免 rows the year has for the 宛名番号 in (after, last]: both tables only grow, so equal counts mean nothing new. */
export async function inputsIn(trx: Trx, fiscalYear: number, after: string | null, last: string): Promise<string> {
  const range = sql`addressee_no <= ${last} ${after === null ? sql`` : sql`AND addressee_no > ${after}`}`;
  const { rows } = await sql<{ documents: number; reliefs: number }>`SELECT
    (SELECT count(*)::int FROM resident_tax_income WHERE tenant_code = current_tenant() AND fiscal_year = ${fiscalYear} AND ${range}) AS documents,
    (SELECT count(*)::int FROM resident_tax_relief WHERE tenant_code = current_tenant() AND fiscal_year = ${fiscalYear} AND ${range}) AS reliefs`.execute(trx);
  return `${rows[0]!.documents}:${rows[0]!.reliefs}`;
}

/** The 宛名番号 in (after, last] already on the year's roll, and those already assessed (version 1), for a job's page. */
export async function alreadyDoneIn(trx: Trx, fiscalYear: number, after: string | null, last: string): Promise<{ onRoll: Set<string>; assessed: Set<string> }> {
  const range = (column: string) => sql`${sql.ref(column)} <= ${last} ${after === null ? sql`` : sql`AND ${sql.ref(column)} > ${after}`}`;
  const { rows } = await sql<{ addressee_no: string; assessed: boolean }>`
    SELECT t.addressee_no, EXISTS (SELECT 1 FROM resident_tax_assessment a WHERE a.tenant_code = t.tenant_code AND a.addressee_no = t.addressee_no
      AND a.fiscal_year = t.fiscal_year AND a.version = 1) AS assessed
    FROM resident_tax_taxpayer t WHERE t.tenant_code = current_tenant() AND t.fiscal_year = ${fiscalYear} AND ${range('t.addressee_no')}`.execute(trx);
  return { onRoll: new Set(rows.map((r) => r.addressee_no)), assessed: new Set(rows.filter((r) => r.assessed).map((r) => r.addressee_no)) };
}

export interface AssessmentRow {
  addresseeNo: string;
  version: number;
  kind: AssessmentKind;
  collection: 'salary' | 'pension' | 'ordinary';
  employerNo: string | null;
  difference: number;
  input: StoredInput;
  breakdown: Breakdown;
}

/**
 * Assessment rows as the INSERT takes them: one array per column, filled row by row so that a
 * breakdown can be dropped as soon as it is encoded (a chunk of 5,000 would otherwise keep 90,000
 * step objects alive across its round trips) and the encoding is done where the rows are computed.
 * The two JSON columns go as one JSON array each, which the server splits (jsonb_array_elements),
 * instead of 5,000 strings the driver escapes one by one.
 */
export class AssessmentColumns {
  readonly addresseeNo: string[] = [];
  readonly version: number[] = [];
  readonly kind: string[] = [];
  readonly collection: string[] = [];
  readonly employerNo: (string | null)[] = [];
  readonly totals: Record<keyof Breakdown['totals'], number[]> = {
    total: [], totalIncome: [], totalIncomeEtc: [], taxableIncome: [], cityIncomeLevy: [], prefIncomeLevy: [], cityPerCapitaLevy: [], prefPerCapitaLevy: [], forestEnvironmentTax: [],
  };
  readonly exemption: string[] = [];
  readonly difference: number[] = [];
  readonly input: string[] = [];
  readonly amounts: string[] = [];

  get length(): number {
    return this.addresseeNo.length;
  }

  add(r: AssessmentRow): this {
    this.addresseeNo.push(r.addresseeNo);
    this.version.push(r.version);
    this.kind.push(r.kind);
    this.collection.push(r.collection);
    this.employerNo.push(r.employerNo);
    for (const key of Object.keys(this.totals) as (keyof Breakdown['totals'])[]) this.totals[key].push(r.breakdown.totals[key]);
    this.exemption.push(r.breakdown.exemption);
    this.difference.push(r.difference);
    this.input.push(JSON.stringify(r.input));
    this.amounts.push(amountsJson(r.breakdown));
    return this;
  }
}

/** Appends assessments; the caller has checked that no version written is there yet (append-only, never overwritten). */
export async function insertAssessments(trx: Trx, fiscalYear: number, rows: readonly AssessmentRow[] | AssessmentColumns, assessedBy: string | null): Promise<void> {
  const c = rows instanceof AssessmentColumns ? rows : rows.reduce((columns, r) => columns.add(r), new AssessmentColumns());
  if (c.length === 0) return;
  const t = c.totals;
  await refusingDuplicates(sql`INSERT INTO resident_tax_assessment (tenant_code, fiscal_year, addressee_no, version, kind, collection, employer_no,
      total, total_income, total_income_etc, taxable_income, city_income_levy, pref_income_levy, city_per_capita_levy, pref_per_capita_levy, forest_environment_tax,
      exemption, difference, input, amounts, assessed_by)
    SELECT current_tenant(), ${fiscalYear}, x.*, ${assessedBy}::uuid
    FROM ROWS FROM (unnest(${c.addresseeNo}::text[]), unnest(${c.version}::int[]), unnest(${c.kind}::text[]), unnest(${c.collection}::text[]),
      unnest(${c.employerNo}::text[]), unnest(${t.total}::int[]), unnest(${t.totalIncome}::bigint[]), unnest(${t.totalIncomeEtc}::bigint[]), unnest(${t.taxableIncome}::bigint[]),
      unnest(${t.cityIncomeLevy}::int[]), unnest(${t.prefIncomeLevy}::int[]), unnest(${t.cityPerCapitaLevy}::int[]), unnest(${t.prefPerCapitaLevy}::int[]),
      unnest(${t.forestEnvironmentTax}::int[]), unnest(${c.exemption}::text[]), unnest(${c.difference}::int[]),
      jsonb_array_elements(${`[${c.input.join(',')}]`}::jsonb), jsonb_array_elements(${`[${c.amounts.join(',')}]`}::jsonb)) AS x`.execute(trx), '課税');
}

/**
 * The breakdown's amounts by step id as JSON text (what the engine computed, kept as it was; labels and
 * bases are the engine's), written directly: a million a run, and step ids are identifiers, never escaped.
 */
const amountsJson = (b: Breakdown): string => {
  let text = '{';
  for (const s of b.steps) text += `${text.length > 1 ? ',' : ''}"${s.step}":${s.amount}`;
  return `${text}}`;
};

/** 当初課税 (version 1), 更正, or 賦課取消 (tax 0, migrations/006). */
export type AssessmentKind = 'initial' | 'reassessment' | 'cancellation';

export interface StoredAssessment {
  version: number;
  kind: AssessmentKind;
  collection: 'salary' | 'pension' | 'ordinary';
  employerNo: string | null;
  total: number;
  difference: number;
  breakdown: Breakdown;
  /** False when the rules as they are now compute other amounts from the stored input (the breakdown shows the stored ones). */
  recomputable: boolean;
  assessedAt: string;
}

type AssessmentDbRow = {
  version: number; kind: StoredAssessment['kind']; collection: StoredAssessment['collection']; employer_no: string | null; total: number; difference: number;
  total_income: string; total_income_etc: string; taxable_income: string; city_income_levy: number; pref_income_levy: number; city_per_capita_levy: number;
  pref_per_capita_levy: number; forest_environment_tax: number; exemption: Breakdown['exemption']; input: StoredInput; amounts: Record<string, number>; assessed_at: Date;
};

/** A taxpayer of the roll with every version of their assessment, oldest first. */
export async function taxpayerOf(trx: Trx, fiscalYear: number, addresseeNo: string): Promise<(RollEntry & { assessments: StoredAssessment[] }) | null> {
  const { rows } = await sql<{ resident_id: string | null; addressee_no: string; name: string | null; birth_date: string; address: string | null; liability: 'residence' | 'house' }>`
    SELECT resident_id, addressee_no, name, birth_date::text AS birth_date, address, liability FROM resident_tax_taxpayer
    WHERE tenant_code = current_tenant() AND addressee_no = ${addresseeNo} AND fiscal_year = ${fiscalYear}`.execute(trx);
  const t = rows[0];
  if (!t) return null;
  const { rows: versions } = await sql<AssessmentDbRow>`
    SELECT version, kind, collection, employer_no, total, difference, total_income, total_income_etc, taxable_income, city_income_levy, pref_income_levy,
      city_per_capita_levy, pref_per_capita_levy, forest_environment_tax, exemption, input, amounts, assessed_at
    FROM resident_tax_assessment WHERE tenant_code = current_tenant() AND addressee_no = ${addresseeNo} AND fiscal_year = ${fiscalYear} ORDER BY version`.execute(trx);
  return {
    residentId: t.resident_id, addresseeNo: t.addressee_no, name: t.name, birthDate: t.birth_date, address: t.address, liability: t.liability,
    assessments: versions.map((v) => {
      const { breakdown, recomputable } = storedBreakdown(fiscalYear, v.input, v.amounts, {
        totalIncome: Number(v.total_income), totalIncomeEtc: Number(v.total_income_etc), taxableIncome: Number(v.taxable_income),
        cityIncomeLevy: v.city_income_levy, prefIncomeLevy: v.pref_income_levy, cityPerCapitaLevy: v.city_per_capita_levy, prefPerCapitaLevy: v.pref_per_capita_levy,
        forestEnvironmentTax: v.forest_environment_tax, total: v.total,
      }, v.exemption);
      return {
        version: v.version, kind: v.kind, collection: v.collection, employerNo: v.employer_no, total: v.total, difference: v.difference, breakdown, recomputable,
        assessedAt: new Date(v.assessed_at).toISOString(),
      };
    }),
  };
}

/** The stored input of a version (the engine's input without defaults, with its documents' basis and the rates). */
export async function assessmentInput(trx: Trx, fiscalYear: number, addresseeNo: string, version: number): Promise<StoredInput | null> {
  const { rows } = await sql<{ input: StoredInput }>`SELECT input FROM resident_tax_assessment
    WHERE tenant_code = current_tenant() AND addressee_no = ${addresseeNo} AND fiscal_year = ${fiscalYear} AND version = ${version}`.execute(trx);
  return rows[0]?.input ?? null;
}
