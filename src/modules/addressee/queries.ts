/**
 * Reads of this module's tables inside an inTenant transaction: a record's current or as-of version,
 * duplicate candidates, search, and 送付先. A merged record resolves to the one it was merged into.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Trx } from '../../platform/db/tenant-scope.ts';

export interface AddresseeRow {
  id: string;
  kind: 'person' | 'corporation';
  addressee_no: string;
  integrated_no: string;
  resident_id: string | null;
  corporate_no: string | null;
  my_number_token: string | null;
  my_number_lookup: string | null;
  merged_into: string | null;
  version: number;
  history_no: number;
  valid_from: string;
  residence: string | null;
  name: string;
  name_kana: string | null;
  birth_date: string | null;
  sex: '1' | '2' | null;
  address: string;
  address_supplement: string | null;
  postal_code: string | null;
  merged_into_no: string | null;
}

/** Per record the version with the latest (valid_from, 履歴番号), optionally on or before `asOf`. */
async function latest(trx: Trx, filter: RawBuilder<unknown>, asOf?: string, page?: { limit: number; offset: number }): Promise<AddresseeRow[]> {
  const query = sql<AddresseeRow>`
    SELECT DISTINCT ON (a.id) a.id, a.kind, a.addressee_no, a.integrated_no, a.resident_id, a.corporate_no, a.my_number_token, a.my_number_lookup,
      a.merged_into, a.version, v.history_no, v.valid_from::text AS valid_from, v.residence, v.name, v.name_kana, v.birth_date::text AS birth_date,
      v.sex, v.address, v.address_supplement, v.postal_code, v.name_kana_key,
      (SELECT m.addressee_no FROM addressee m WHERE m.tenant_code = a.tenant_code AND m.id = a.merged_into) AS merged_into_no
    FROM addressee a JOIN addressee_version v ON v.tenant_code = a.tenant_code AND v.addressee_id = a.id
    WHERE a.tenant_code = current_tenant() AND ${filter} ${asOf === undefined ? sql`` : sql`AND v.valid_from <= ${asOf}`}
    ORDER BY a.id, v.valid_from DESC, v.history_no DESC`;
  if (!page) return (await query.execute(trx)).rows;
  const { rows } = await sql<AddresseeRow>`SELECT * FROM (${query}) x ORDER BY x.name_kana_key NULLS LAST, x.addressee_no
    LIMIT ${page.limit} OFFSET ${page.offset}`.execute(trx);
  return rows;
}

/** By 宛名番号 (or 団体内統合宛名番号), following merges to the surviving record. */
export async function byNumber(trx: Trx, key: { addresseeNo: string } | { integratedAddresseeNo: string }, asOf?: string): Promise<AddresseeRow | undefined> {
  const filter = 'addresseeNo' in key ? sql`a.addressee_no = ${key.addresseeNo}` : sql`a.integrated_no = ${key.integratedAddresseeNo}`;
  let row = (await latest(trx, filter, asOf))[0];
  for (let hops = 0; row?.merged_into && hops < 10; hops++) row = (await latest(trx, sql`a.id = ${row.merged_into}`, asOf))[0];
  return row;
}

/** The record itself, merged or not (for a merge, which must see both sides as they are). */
export async function byNumberUnresolved(trx: Trx, addresseeNo: string): Promise<AddresseeRow | undefined> {
  return (await latest(trx, sql`a.addressee_no = ${addresseeNo}`))[0];
}

export async function byResidentId(trx: Trx, residentId: string): Promise<AddresseeRow | undefined> {
  return (await latest(trx, sql`a.resident_id = ${residentId}`))[0];
}

export interface VersionRow {
  history_no: number;
  valid_from: string;
  recorded_at: Date;
  reason: string;
  residence: string | null;
  name: string;
  name_kana: string | null;
  address: string;
  address_supplement: string | null;
  postal_code: string | null;
}

/** Every version of a record, oldest first: the history of its names and addresses. */
export async function versionsOf(trx: Trx, addresseeId: string): Promise<VersionRow[]> {
  const { rows } = await sql<VersionRow>`
    SELECT history_no, valid_from::text AS valid_from, recorded_at, reason, residence, name, name_kana, address, address_supplement, postal_code
    FROM addressee_version WHERE tenant_code = current_tenant() AND addressee_id = ${addresseeId}
    ORDER BY valid_from, history_no`.execute(trx);
  return rows;
}

/** Live persons born on `birthDate` (duplicate candidates). */
export async function personsBornOn(trx: Trx, birthDate: string): Promise<AddresseeRow[]> {
  return latest(trx, sql`a.kind = 'person' AND a.merged_into IS NULL AND a.id IN (SELECT addressee_id FROM addressee_version
    WHERE tenant_code = current_tenant() AND birth_date = ${birthDate})`);
}

/** Live corporations with this 法人番号 or this name key (duplicate candidates). */
export async function corporationsLike(trx: Trx, corporateNumber: string | null, nameKey: string): Promise<AddresseeRow[]> {
  return latest(trx, sql`a.kind = 'corporation' AND a.merged_into IS NULL AND (a.corporate_no = ${corporateNumber} OR a.id IN (
    SELECT addressee_id FROM addressee_version WHERE tenant_code = current_tenant() AND name_key = ${nameKey}))`);
}

export async function byMyNumberLookup(trx: Trx, lookup: string): Promise<AddresseeRow | undefined> {
  return (await latest(trx, sql`a.my_number_lookup = ${lookup} AND a.merged_into IS NULL`))[0];
}

export type SearchCriteria = { kanaPrefix: string } | { namePrefix: string } | { addressPrefix: string } | { birthDate: string } | { corporateNumber: string };


/** Live records any of whose versions match (past names and addresses stay searchable), current state shown. */
export async function search(trx: Trx, criteria: SearchCriteria, key: string, page: { limit: number; offset: number }): Promise<AddresseeRow[]> {
  const match =
    // `^@` (starts_with), not LIKE: only a leakproof operator may use the index under row-level security.
    'kanaPrefix' in criteria ? sql`name_kana_key ^@ ${key}`
      : 'namePrefix' in criteria ? sql`name_key ^@ ${key}`
        : 'addressPrefix' in criteria ? sql`address_key ^@ ${key}`
          : 'birthDate' in criteria ? sql`birth_date = ${criteria.birthDate}`
            : null;
  const filter = match === null
    ? sql`a.corporate_no = ${(criteria as { corporateNumber: string }).corporateNumber}`
    : sql`a.id IN (SELECT addressee_id FROM addressee_version WHERE tenant_code = current_tenant() AND ${match})`;
  return latest(trx, sql`a.merged_into IS NULL AND ${filter}`, undefined, page);
}

export interface DeliveryRow {
  id: string;
  business: string;
  purpose: string;
  recipient_name: string;
  recipient_name_kana: string | null;
  address: string;
  address_supplement: string | null;
  postal_code: string | null;
  phone: string | null;
  email: string | null;
  valid_from: string;
  valid_until: string | null;
}

/** Live 送付先 (not superseded) of an addressee, for one business or all; on `date` when given. */
export async function deliveriesOf(trx: Trx, addresseeId: string, business?: string, date?: string): Promise<DeliveryRow[]> {
  const { rows } = await sql<DeliveryRow>`
    SELECT id, business, purpose, recipient_name, recipient_name_kana, address, address_supplement, postal_code, phone, email,
      valid_from::text AS valid_from, valid_until::text AS valid_until
    FROM addressee_delivery d
    WHERE tenant_code = current_tenant() AND addressee_id = ${addresseeId}
      AND NOT EXISTS (SELECT 1 FROM addressee_delivery s WHERE s.tenant_code = d.tenant_code AND s.supersedes = d.id)
      ${business === undefined ? sql`` : sql`AND business IN (${business}, '*')`}
      ${date === undefined ? sql`` : sql`AND valid_from <= ${date} AND (valid_until IS NULL OR valid_until >= ${date})`}
    ORDER BY (business = '*'), valid_from DESC, recorded_at DESC`.execute(trx);
  return rows;
}

export async function deliveryById(trx: Trx, addresseeId: string, id: string): Promise<(DeliveryRow & { superseded: boolean }) | undefined> {
  const { rows } = await sql<DeliveryRow & { superseded: boolean }>`
    SELECT d.*, d.valid_from::text AS valid_from, d.valid_until::text AS valid_until,
      EXISTS (SELECT 1 FROM addressee_delivery s WHERE s.tenant_code = d.tenant_code AND s.supersedes = d.id) AS superseded
    FROM addressee_delivery d WHERE tenant_code = current_tenant() AND addressee_id = ${addresseeId} AND id = ${id}`.execute(trx);
  return rows[0];
}
