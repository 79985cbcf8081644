/**
 * The SQL of 個人住民税's records (migrations/001_tax_records.sql): 課税資料 in, the roll and the
 * assessments out in bulk (one multi-row INSERT per chunk), every statement inside the caller's tenant
 * transaction. Personal items stay in the rows; nothing here logs them.
 */
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Trx } from '../../platform/db/tenant-scope.ts';
import type { Breakdown } from './model.ts';
import type { IncomeDocument, IncomeItems, IncomeSource } from './income-data.ts';

export async function insertIncomeDocument(trx: Trx, doc: { fiscalYear: number; addresseeNo: string; source: IncomeSource; employerNo: string | null; employerName: string | null; items: IncomeItems; receivedBy: string }): Promise<string> {
  const id = uuidv7();
  await sql`INSERT INTO resident_tax_income (tenant_code, id, fiscal_year, addressee_no, source, employer_no, employer_name, items, received_by)
    VALUES (current_tenant(), ${id}, ${doc.fiscalYear}, ${doc.addresseeNo}, ${doc.source}, ${doc.employerNo}, ${doc.employerName}, ${JSON.stringify(doc.items)}::jsonb, ${doc.receivedBy})`.execute(trx);
  return id;
}

/** Every document of the given taxpayers for the year, by 宛名番号. */
export async function incomeDocumentsOf(trx: Trx, fiscalYear: number, addresseeNos: readonly string[]): Promise<Map<string, IncomeDocument[]>> {
  const out = new Map<string, IncomeDocument[]>();
  if (addresseeNos.length === 0) return out;
  const { rows } = await sql<{ addressee_no: string; source: IncomeSource; employer_no: string | null; items: IncomeItems; received_at: Date }>`
    SELECT addressee_no, source, employer_no, items, received_at FROM resident_tax_income
    WHERE tenant_code = current_tenant() AND fiscal_year = ${fiscalYear} AND addressee_no = ANY(${addresseeNos as string[]}::text[])`.execute(trx);
  for (const r of rows) {
    const list = out.get(r.addressee_no) ?? [];
    list.push({ source: r.source, employerNo: r.employer_no, items: r.items, receivedAt: new Date(r.received_at).toISOString() });
    out.set(r.addressee_no, list);
  }
  return out;
}

export interface RollEntry {
  residentId: string;
  addresseeNo: string;
  name: string | null;
  birthDate: string;
  address: string | null;
}

/** The roll as of 賦課期日; a taxpayer already on it stays as first recorded. */
export async function insertRoll(trx: Trx, fiscalYear: number, entries: readonly RollEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await sql`INSERT INTO resident_tax_taxpayer (tenant_code, fiscal_year, resident_id, addressee_no, name, birth_date, address)
    SELECT current_tenant(), ${fiscalYear}, x.resident_id, x.addressee_no, x.name, x.birth_date, x.address
    FROM jsonb_to_recordset(${JSON.stringify(entries.map((e) => ({ resident_id: e.residentId, addressee_no: e.addresseeNo, name: e.name, birth_date: e.birthDate, address: e.address })))}::jsonb)
      AS x(resident_id uuid, addressee_no text, name text, birth_date date, address text)
    ON CONFLICT DO NOTHING`.execute(trx);
}

export interface AssessmentRow {
  residentId: string;
  version: number;
  kind: 'initial' | 'reassessment';
  collection: 'salary' | 'pension' | 'ordinary';
  employerNo: string | null;
  difference: number;
  input: unknown;
  breakdown: Breakdown;
}

/** Appends assessments; a version already there is left as it is (a chunk re-run after a crash writes nothing twice). */
export async function insertAssessments(trx: Trx, fiscalYear: number, rows: readonly AssessmentRow[], assessedBy: string | null): Promise<void> {
  if (rows.length === 0) return;
  const records = rows.map((r) => {
    const t = r.breakdown.totals;
    return {
      resident_id: r.residentId, version: r.version, kind: r.kind, collection: r.collection, employer_no: r.employerNo, total: t.total,
      city_levy: t.cityIncomeLevy + t.cityPerCapitaLevy, pref_levy: t.prefIncomeLevy + t.prefPerCapitaLevy, forest_environment_tax: t.forestEnvironmentTax,
      exemption: r.breakdown.exemption, difference: r.difference, input: r.input, breakdown: r.breakdown,
    };
  });
  await sql`INSERT INTO resident_tax_assessment (tenant_code, fiscal_year, resident_id, version, kind, collection, employer_no, total, city_levy, pref_levy,
      forest_environment_tax, exemption, difference, input, breakdown, assessed_by)
    SELECT current_tenant(), ${fiscalYear}, x.resident_id, x.version, x.kind, x.collection, x.employer_no, x.total, x.city_levy, x.pref_levy,
      x.forest_environment_tax, x.exemption, x.difference, x.input, x.breakdown, ${assessedBy}::uuid
    FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS x(resident_id uuid, version int, kind text, collection text, employer_no text, total int,
      city_levy int, pref_levy int, forest_environment_tax int, exemption text, difference int, input jsonb, breakdown jsonb)
    ON CONFLICT DO NOTHING`.execute(trx);
}

export interface StoredAssessment {
  version: number;
  kind: 'initial' | 'reassessment';
  collection: 'salary' | 'pension' | 'ordinary';
  employerNo: string | null;
  total: number;
  difference: number;
  breakdown: Breakdown;
  assessedAt: string;
}

/** A taxpayer of the roll with every version of their assessment, oldest first. */
export async function taxpayerOf(trx: Trx, fiscalYear: number, addresseeNo: string): Promise<(RollEntry & { assessments: StoredAssessment[] }) | null> {
  const { rows } = await sql<{ resident_id: string; addressee_no: string; name: string | null; birth_date: string; address: string | null }>`
    SELECT resident_id, addressee_no, name, birth_date::text AS birth_date, address FROM resident_tax_taxpayer
    WHERE tenant_code = current_tenant() AND fiscal_year = ${fiscalYear} AND addressee_no = ${addresseeNo}`.execute(trx);
  const t = rows[0];
  if (!t) return null;
  const { rows: versions } = await sql<{ version: number; kind: StoredAssessment['kind']; collection: StoredAssessment['collection']; employer_no: string | null; total: number; difference: number; breakdown: Breakdown; assessed_at: Date }>`
    SELECT version, kind, collection, employer_no, total, difference, breakdown, assessed_at FROM resident_tax_assessment
    WHERE tenant_code = current_tenant() AND fiscal_year = ${fiscalYear} AND resident_id = ${t.resident_id} ORDER BY version`.execute(trx);
  return {
    residentId: t.resident_id, addresseeNo: t.addressee_no, name: t.name, birthDate: t.birth_date, address: t.address,
    assessments: versions.map((v) => ({
      version: v.version, kind: v.kind, collection: v.collection, employerNo: v.employer_no, total: v.total, difference: v.difference, breakdown: v.breakdown,
      assessedAt: new Date(v.assessed_at).toISOString(),
    })),
  };
}

/** The engine input a stored version was computed from (with its documents' basis and the rates). */
export async function assessmentInput(trx: Trx, fiscalYear: number, residentId: string, version: number): Promise<Record<string, unknown>> {
  const { rows } = await sql<{ input: Record<string, unknown> }>`SELECT input FROM resident_tax_assessment
    WHERE tenant_code = current_tenant() AND fiscal_year = ${fiscalYear} AND resident_id = ${residentId} AND version = ${version}`.execute(trx);
  return rows[0]?.input ?? {};
}
