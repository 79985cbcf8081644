/**
 * SQL of the certificate tables (migrations/002_certificates.sql) and the reads a certificate needs.
 * Everything runs inside the caller's inTenant transaction (row-level security, current_tenant()).
 */
import { sql } from 'kysely';
import type { Trx } from '../../../platform/db/tenant-scope.ts';
import type { VersionRow } from '../queries.ts';
import type { CertificateForm, CertificateKind } from './content.ts';

/** 発行番号 serial (j1040): the next one of the 団体's year, under a row lock; a rollback gives it back. */
export async function nextCertificateSerial(trx: Trx, year: number): Promise<number> {
  await sql`INSERT INTO certificate_numbering (tenant_code, year) VALUES (current_tenant(), ${year}) ON CONFLICT DO NOTHING`.execute(trx);
  const { rows } = await sql<{ next_value: number }>`
    UPDATE certificate_numbering SET next_value = next_value + 1 WHERE tenant_code = current_tenant() AND year = ${year}
    RETURNING next_value - 1 AS next_value`.execute(trx);
  return Number(rows[0]!.next_value);
}

/** Every live version (not superseded) of these persons, oldest first per person: state and 履歴 in one read. */
export async function liveVersionsOf(trx: Trx, residentIds: readonly string[]): Promise<VersionRow[]> {
  if (residentIds.length === 0) return [];
  const { rows } = await sql<VersionRow>`
    SELECT v.*, r.addressee_no, r.version AS lock_version, r.my_number_token, c.special_reason
    FROM resident_version v JOIN resident r ON r.tenant_code = v.tenant_code AND r.id = v.resident_id
      JOIN resident_change c ON c.tenant_code = v.tenant_code AND c.id = v.change_id
    WHERE v.tenant_code = current_tenant() AND v.resident_id = ANY(${[...residentIds]}::uuid[])
      AND NOT EXISTS (SELECT 1 FROM resident_version s WHERE s.tenant_code = v.tenant_code AND s.resident_id = v.resident_id AND s.supersedes_history_no = v.history_no)
    ORDER BY v.resident_id, v.valid_from, v.history_no`.execute(trx);
  return rows;
}

export async function residentIdsByAddresseeNos(trx: Trx, addresseeNos: readonly string[]): Promise<Map<string, string>> {
  const { rows } = await sql<{ id: string; addressee_no: string }>`
    SELECT id, addressee_no FROM resident WHERE tenant_code = current_tenant() AND addressee_no = ANY(${[...addresseeNos]}::text[])`.execute(trx);
  return new Map(rows.map((r) => [r.addressee_no, r.id]));
}

export interface TenantRow {
  name: string;
  prefecture: string;
  kind: string;
}

export async function tenantOf(trx: Trx): Promise<TenantRow> {
  const { rows } = await sql<TenantRow>`SELECT name, prefecture, kind FROM tenant WHERE tenant_code = current_tenant()`.execute(trx);
  return rows[0]!;
}

export interface SettingRow {
  mayor_title: string | null;
  mayor_name: string | null;
  deputy_title: string | null;
  deputy_name: string | null;
  deputy_from: string | null;
  deputy_until: string | null;
  seal_note: string | null;
  seal_image: Buffer | null;
  deputy_seal_image: Buffer | null;
}

export async function certificateSetting(trx: Trx): Promise<SettingRow | undefined> {
  const { rows } = await sql<SettingRow>`SELECT * FROM certificate_setting WHERE tenant_code = current_tenant()`.execute(trx);
  return rows[0];
}

export interface IssuanceRow {
  id: string;
  certificateNo: string;
  kind: CertificateKind;
  form: CertificateForm;
  withHistory: boolean;
  householdId: string | null;
  items: string[];
  requesterKind: string;
  requesterName: string | null;
  purpose: string | null;
  officialUse: boolean;
  reissue: boolean;
  issuedOn: string;
  issueLocation: string | null;
  terminal: string | null;
  operatorId: string;
  pageCount: number;
  pdfSha256: string;
  residentIds: string[];
}

export async function insertIssuance(trx: Trx, r: IssuanceRow): Promise<void> {
  await sql`INSERT INTO certificate_issuance (tenant_code, id, certificate_no, kind, form, with_history, household_id, items, requester_kind,
      requester_name, purpose, official_use, reissue, issued_on, issue_location, terminal, operator_id, page_count, pdf_sha256)
    VALUES (current_tenant(), ${r.id}, ${r.certificateNo}, ${r.kind}, ${r.form}, ${r.withHistory}, ${r.householdId}, ${r.items}::text[], ${r.requesterKind},
      ${r.requesterName}, ${r.purpose}, ${r.officialUse}, ${r.reissue}, ${r.issuedOn}, ${r.issueLocation}, ${r.terminal}, ${r.operatorId}, ${r.pageCount}, ${r.pdfSha256})`.execute(trx);
  const targets = r.residentIds.map((id) => sql`(current_tenant(), ${r.id}, ${id})`);
  await sql`INSERT INTO certificate_issuance_target (tenant_code, issuance_id, resident_id) VALUES ${sql.join(targets)}`.execute(trx);
}

export interface IssuanceFilter {
  residentId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  kind?: CertificateKind | undefined;
  certificateNo?: string | undefined;
}

export type ListedIssuance = IssuanceRow & { issuedAt: string; addresseeNos: string[] };

/** 交付履歴照会 (2.2.2, j360): newest first, by person, 交付日 range, 種別 or 発行番号. */
export async function listIssuances(trx: Trx, f: IssuanceFilter, page: { limit: number; offset: number }): Promise<ListedIssuance[]> {
  const conditions = [sql`i.tenant_code = current_tenant()`];
  if (f.residentId) conditions.push(sql`EXISTS (SELECT 1 FROM certificate_issuance_target t WHERE t.tenant_code = i.tenant_code AND t.issuance_id = i.id AND t.resident_id = ${f.residentId})`);
  if (f.from) conditions.push(sql`i.issued_on >= ${f.from}`);
  if (f.to) conditions.push(sql`i.issued_on <= ${f.to}`);
  if (f.kind) conditions.push(sql`i.kind = ${f.kind}`);
  if (f.certificateNo) conditions.push(sql`i.certificate_no = ${f.certificateNo}`);
  const { rows } = await sql<ListedIssuance>`
    SELECT i.id, i.certificate_no AS "certificateNo", i.kind, i.form, i.with_history AS "withHistory", i.household_id AS "householdId", i.items,
      i.requester_kind AS "requesterKind", i.requester_name AS "requesterName", i.purpose, i.official_use AS "officialUse", i.reissue,
      i.issued_at AS "issuedAt", i.issued_on AS "issuedOn", i.issue_location AS "issueLocation", i.terminal, i.operator_id AS "operatorId",
      i.page_count AS "pageCount", i.pdf_sha256 AS "pdfSha256",
      ARRAY(SELECT t.resident_id::text FROM certificate_issuance_target t WHERE t.tenant_code = i.tenant_code AND t.issuance_id = i.id ORDER BY t.resident_id) AS "residentIds",
      ARRAY(SELECT r.addressee_no FROM certificate_issuance_target t JOIN resident r ON r.tenant_code = t.tenant_code AND r.id = t.resident_id
            WHERE t.tenant_code = i.tenant_code AND t.issuance_id = i.id ORDER BY r.addressee_no) AS "addresseeNos"
    FROM certificate_issuance i WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY i.issued_at DESC, i.certificate_no DESC LIMIT ${page.limit} OFFSET ${page.offset}`.execute(trx);
  return rows.map((r) => ({ ...r, issuedAt: new Date(r.issuedAt).toISOString() }));
}
