/**
 * SQL of the 支援措置 tables (migrations/003_protection.sql): the current row, its append-only history
 * and the 一時解除. Run inside an inTenant transaction; current_tenant() and RLS scope every statement.
 */
import { sql } from 'kysely';
import type { Trx } from '../../platform/db/tenant-scope.ts';
import { ConflictError } from '../../platform/errors.ts';
import type { ProtectionLevel } from './protection.ts';

export interface ProtectionRow {
  id: string;
  resident_id: string;
  addressee_no: string;
  kind: 'support' | 'provisional';
  role: 'applicant' | 'accompanying';
  applicant_resident_id: string | null;
  relation_to_applicant: string | null;
  requested_on: string;
  starts_on: string;
  ends_on: string;
  inquiry_level: ProtectionLevel | null;
  issue_level: ProtectionLevel | null;
  change_level: ProtectionLevel | null;
  offender_name: string | null;
  offender_addressee_no: string | null;
  offender_birth_date: string | null;
  offender_sex: string | null;
  offender_address: string | null;
  offender_note: string | null;
  contact: string | null;
  remark: string | null;
  ended_on: string | null;
  end_reason: string | null;
  version: number;
  last_history_no: number;
}

export type NewProtectionRow = Omit<ProtectionRow, 'addressee_no' | 'ended_on' | 'end_reason' | 'version' | 'last_history_no'>;

const insert = (trx: Trx, table: string, row: Record<string, unknown>) =>
  sql`INSERT INTO ${sql.table(table)} (tenant_code, ${sql.join(Object.keys(row).map((c) => sql.ref(c)))})
      VALUES (current_tenant(), ${sql.join(Object.values(row))})`.execute(trx);

export async function insertProtection(trx: Trx, row: NewProtectionRow): Promise<void> {
  await insert(trx, 'resident_protection', { ...row });
}

/**
 * The history snapshot of the row as it is now (after its insert or update in this transaction); an
 * extension records its own period (from the day after the former 終了年月日).
 */
export async function appendProtectionHistory(trx: Trx, id: string, action: 'registered' | 'extended' | 'ended', operatorId: string, period?: { startsOn: string; endsOn: string }): Promise<void> {
  await sql`
    INSERT INTO resident_protection_history (tenant_code, protection_id, history_no, action, operator_id, kind, starts_on, ends_on,
      inquiry_level, issue_level, change_level, ended_on, end_reason, remark)
    SELECT tenant_code, id, last_history_no, ${action}, ${operatorId}, kind, coalesce(${period?.startsOn ?? null}::date, starts_on), coalesce(${period?.endsOn ?? null}::date, ends_on),
      inquiry_level, issue_level, change_level, ended_on, end_reason, remark
    FROM resident_protection WHERE tenant_code = current_tenant() AND id = ${id}`.execute(trx);
}

const selectProtection = sql`SELECT p.*, r.addressee_no FROM resident_protection p
  JOIN resident r ON r.tenant_code = p.tenant_code AND r.id = p.resident_id WHERE p.tenant_code = current_tenant()`;

export async function protectionById(trx: Trx, id: string): Promise<ProtectionRow | undefined> {
  return (await sql<ProtectionRow>`${selectProtection} AND p.id = ${id}`.execute(trx)).rows[0];
}

export async function openProtectionsOf(trx: Trx, residentId: string): Promise<ProtectionRow[]> {
  return (await sql<ProtectionRow>`${selectProtection} AND p.resident_id = ${residentId} AND p.ended_on IS NULL`.execute(trx)).rows;
}

/**
 * Changes the current row only if its version is still the one the operator saw (optimistic lock),
 * and moves it to the next 履歴番号. No row → 409 stale-version.
 */
export async function updateProtection(trx: Trx, id: string, version: number, changes: { ends_on?: string; ended_on?: string; end_reason?: string; remark?: string | null }): Promise<void> {
  const sets = Object.entries(changes).filter(([, v]) => v !== undefined).map(([k, v]) => sql`${sql.ref(k)} = ${v}`);
  const { rows } = await sql<{ id: string }>`
    UPDATE resident_protection SET ${sql.join([...sets, sql`version = version + 1`, sql`last_history_no = last_history_no + 1`, sql`updated_at = now()`])}
    WHERE tenant_code = current_tenant() AND id = ${id} AND version = ${version} RETURNING id`.execute(trx);
  if (!rows[0]) throw new ConflictError(`支援措置（${id}）は画面を表示した後に他の処理で更新されています。最新の内容を表示し直してから入力してください`, 'stale-version');
}

export async function insertRelease(trx: Trx, r: { id: string; protectionId: string; process: string; grantedTo: string; grantedBy: string; reason: string; minutes: number }): Promise<Date> {
  const { rows } = await sql<{ expires_at: Date }>`
    INSERT INTO resident_protection_release (tenant_code, id, protection_id, process, granted_to, granted_by, reason, expires_at)
    VALUES (current_tenant(), ${r.id}, ${r.protectionId}, ${r.process}, ${r.grantedTo}, ${r.grantedBy}, ${r.reason}, now() + make_interval(mins => ${r.minutes}))
    RETURNING expires_at`.execute(trx);
  return rows[0]!.expires_at;
}

export interface ProtectionListRow extends ProtectionRow {
  name: string | null;
  total: number;
}

/** 抑止対象者一覧 (9.2 j1290): open protections (or all) in 終了年月日 order, with each person's current name. */
export async function listProtectionRows(trx: Trx, filter: { includeEnded: boolean; endingBy?: string | undefined }, page: { limit: number; offset: number }): Promise<ProtectionListRow[]> {
  const { rows } = await sql<ProtectionListRow>`
    SELECT p.*, r.addressee_no, cur.name, count(*) OVER ()::int AS total
    FROM resident_protection p JOIN resident r ON r.tenant_code = p.tenant_code AND r.id = p.resident_id
    CROSS JOIN LATERAL (SELECT coalesce(v.name, v.name_alphabet) AS name FROM resident_version v
      WHERE v.tenant_code = p.tenant_code AND v.resident_id = p.resident_id
        AND NOT EXISTS (SELECT 1 FROM resident_version s WHERE s.tenant_code = v.tenant_code AND s.resident_id = v.resident_id AND s.supersedes_history_no = v.history_no)
      ORDER BY v.valid_from DESC, v.history_no DESC LIMIT 1) cur
    WHERE p.tenant_code = current_tenant()
      ${filter.includeEnded ? sql`` : sql`AND p.ended_on IS NULL`}
      ${filter.endingBy === undefined ? sql`` : sql`AND p.ends_on <= ${filter.endingBy}`}
    ORDER BY p.ends_on, r.addressee_no, p.id LIMIT ${page.limit} OFFSET ${page.offset}`.execute(trx);
  return rows;
}
