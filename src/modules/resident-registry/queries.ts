/**
 * Reads of this module's tables: current state (the latest live version), the bitemporal as-of state
 * and search. "Live" = not superseded by a correction or cancellation (README: Bitemporal scheme).
 * Run inside an inTenant transaction; row-level security and current_tenant() scope every query.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Trx } from '../../platform/db/tenant-scope.ts';
import type { Row } from './store.ts';

/** A resident_version row joined with its person's identity and lock. */
export type VersionRow = Row & {
  resident_id: string;
  history_no: number;
  valid_from: string;
  status: string;
  household_id: string;
  relationship: string;
  birth_date: string;
  name: string | null;
  name_alphabet: string | null;
  addressee_no: string;
  lock_version: number;
  my_number_token: string | null;
};

const live = sql`NOT EXISTS (SELECT 1 FROM resident_version s
  WHERE s.tenant_code = v.tenant_code AND s.resident_id = v.resident_id AND s.supersedes_history_no = v.history_no)`;

/** Per person the live version with the latest (valid_from, 履歴番号), optionally on or before `asOf`. */
async function latestVersions(trx: Trx, filter: RawBuilder<unknown>, asOf?: string, page?: { limit: number; offset: number }): Promise<VersionRow[]> {
  const query = sql<VersionRow>`
    SELECT DISTINCT ON (v.resident_id) v.*, r.addressee_no, r.version AS lock_version, r.my_number_token
    FROM resident_version v JOIN resident r ON r.tenant_code = v.tenant_code AND r.id = v.resident_id
    WHERE v.tenant_code = current_tenant() AND ${filter} AND ${live}
      ${asOf === undefined ? sql`` : sql`AND v.valid_from <= ${asOf}`}
    ORDER BY v.resident_id, v.valid_from DESC, v.history_no DESC`;
  if (!page) return (await query.execute(trx)).rows;
  const { rows } = await sql<VersionRow>`SELECT * FROM (${query}) x ORDER BY x.name_kana_key NULLS LAST, x.addressee_no
    LIMIT ${page.limit} OFFSET ${page.offset}`.execute(trx);
  return rows;
}

export async function currentVersionsOf(trx: Trx, residentIds: readonly string[]): Promise<VersionRow[]> {
  if (residentIds.length === 0) return [];
  return latestVersions(trx, sql`v.resident_id = ANY(${[...residentIds]}::uuid[])`);
}

export async function currentByAddresseeNo(trx: Trx, addresseeNo: string): Promise<VersionRow | undefined> {
  return (await latestVersions(trx, sql`r.addressee_no = ${addresseeNo}`))[0];
}

/** The person's state on `date` as known now; undefined before the first 異動 (e.g. before a 転入). */
export async function asOfByAddresseeNo(trx: Trx, addresseeNo: string, date: string): Promise<VersionRow | undefined> {
  return (await latestVersions(trx, sql`r.addressee_no = ${addresseeNo}`, date))[0];
}

/** Current versions of people born on one of `birthDates`: the candidates of the duplicate checks. */
export async function currentByBirthDates(trx: Trx, birthDates: readonly string[]): Promise<VersionRow[]> {
  if (birthDates.length === 0) return [];
  return latestVersions(trx, sql`v.resident_id IN (SELECT resident_id FROM resident_version
    WHERE tenant_code = current_tenant() AND birth_date = ANY(${[...birthDates]}::date[]))`);
}

/** Removed persons (除票) holding one of these identifiers: a 転入 of them must be a 再転入 (j600). */
export async function removedByIdentifiers(trx: Trx, lookups: readonly string[], residentCodes: readonly string[]): Promise<VersionRow[]> {
  if (lookups.length === 0 && residentCodes.length === 0) return [];
  const rows = await latestVersions(trx, sql`(r.my_number_lookup = ANY(${[...lookups]}::text[]) OR r.resident_code = ANY(${[...residentCodes]}::text[]))`);
  return rows.filter((r) => r.status !== 'resident');
}

/** Anyone holding one of these identifiers, whatever their state: the unique indexes would refuse them. */
export async function holdersOfIdentifiers(trx: Trx, lookups: readonly string[], residentCodes: readonly string[]): Promise<{ my_number_lookup: string | null; resident_code: string | null }[]> {
  const { rows } = await sql<{ my_number_lookup: string | null; resident_code: string | null }>`
    SELECT my_number_lookup, resident_code FROM resident WHERE tenant_code = current_tenant()
      AND (my_number_lookup = ANY(${[...lookups]}::text[]) OR resident_code = ANY(${[...residentCodes]}::text[]))`.execute(trx);
  return rows;
}

export interface HouseholdRow {
  id: string;
  household_no: string;
  version: number;
  history_no: number;
  valid_from: string;
  recorded_at: Date;
  status: 'active' | 'dissolved';
  head_resident_id: string | null;
  member_ids: string[];
}

/** A household's live version with the latest (valid_from, 履歴番号), optionally on or before `asOf`, and its members in order. */
export async function householdBy(trx: Trx, key: { id: string } | { householdNo: string }, asOf?: string): Promise<HouseholdRow | undefined> {
  const filter = 'id' in key ? sql`h.id = ${key.id}` : sql`h.household_no = ${key.householdNo}`;
  const { rows } = await sql<HouseholdRow>`
    SELECT h.id, h.household_no, h.version, v.history_no, v.valid_from, v.recorded_at, v.status, v.head_resident_id,
      ARRAY(SELECT m.resident_id::text FROM household_version_member m WHERE m.tenant_code = v.tenant_code
            AND m.household_id = v.household_id AND m.history_no = v.history_no ORDER BY m.member_order) AS member_ids
    FROM household h JOIN household_version v ON v.tenant_code = h.tenant_code AND v.household_id = h.id
    WHERE h.tenant_code = current_tenant() AND ${filter}
      AND NOT EXISTS (SELECT 1 FROM household_version s WHERE s.tenant_code = v.tenant_code AND s.household_id = v.household_id AND s.supersedes_history_no = v.history_no)
      ${asOf === undefined ? sql`` : sql`AND v.valid_from <= ${asOf}`}
    ORDER BY v.valid_from DESC, v.history_no DESC LIMIT 1`.execute(trx);
  return rows[0];
}

export type SearchCriteria = { kanaPrefix: string } | { name: string } | { birthDate: string };

const likePrefix = (key: string) => `${key.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * People any of whose versions matches (past names stay searchable, 2.1.2), shown in their current
 * state, in フリガナ order. `key` is already a src/jp toSearchKey key for the kana and name searches.
 */
export async function searchCurrent(trx: Trx, criteria: SearchCriteria, key: string, limit: number, offset: number): Promise<VersionRow[]> {
  const match =
    'kanaPrefix' in criteria
      ? sql`(name_kana_key LIKE ${likePrefix(key)} OR former_surname_kana_key LIKE ${likePrefix(key)} OR alias_kana_key LIKE ${likePrefix(key)})`
      : 'name' in criteria
        ? sql`name_key LIKE ${likePrefix(key)}`
        : sql`birth_date = ${criteria.birthDate}`;
  const hits = sql`v.resident_id IN (SELECT resident_id FROM resident_version WHERE tenant_code = current_tenant() AND ${match})`;
  return latestVersions(trx, hits, undefined, { limit, offset });
}

/** One batch of everyone's state on `date`, after `afterResidentId` in id order (keyset paging for streams). */
export async function asOfBatch(trx: Trx, date: string, afterResidentId: string | null, limit: number): Promise<VersionRow[]> {
  const { rows } = await sql<VersionRow>`
    SELECT v.*, r.addressee_no, r.version AS lock_version, r.my_number_token
    FROM resident_version_as_of(${date}::date) v JOIN resident r ON r.tenant_code = v.tenant_code AND r.id = v.resident_id
    WHERE ${afterResidentId === null ? sql`true` : sql`v.resident_id > ${afterResidentId}::uuid`}
    ORDER BY v.resident_id LIMIT ${limit}`.execute(trx);
  return rows;
}
