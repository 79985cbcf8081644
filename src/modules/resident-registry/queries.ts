/**
 * Reads of this module's tables: current state (the latest live version) and the bitemporal as-of
 * state (search: search-query.ts). "Live" = not superseded by a correction or cancellation (README: Bitemporal scheme).
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
async function latestVersions(trx: Trx, filter: RawBuilder<unknown>, asOf?: string, page?: { limit: number; offset: number }, identifiers = false): Promise<VersionRow[]> {
  const query = sql<VersionRow>`
    SELECT DISTINCT ON (v.resident_id) v.*, r.addressee_no, r.version AS lock_version, r.my_number_token
      ${identifiers ? sql`, r.resident_code AS current_resident_code, r.my_number_lookup AS current_my_number_lookup` : sql``}
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

/** A candidate of the duplicate checks, with the identifiers the person holds now (`resident`, not the version). */
export type CandidateRow = VersionRow & { current_resident_code: string | null; current_my_number_lookup: string | null };

/** What a person entering the registry is compared by: birth dates, name keys (snapshot.ts searchKeys) and identifiers. */
export interface EntryProbe {
  birthDates: readonly string[];
  /** toSearchKey of each 氏名 (or alphabet name) and フリガナ: equal names in the duplicate rules have equal keys. */
  nameKeys: readonly string[];
  residenceCardNos: readonly string[];
  lookups: readonly string[];
  residentCodes: readonly string[];
}

/**
 * Everyone a person entering the registry could collide with, in one read at their current version:
 * people born on one of the dates under one of the names (二重登録; the 3情報 of 再転入), and holders
 * of one of the identifiers, removed ones included (再転入 j600; the unique indexes would refuse a second
 * holder). The name narrows the birth date's thirty-odd people per day in a city of a million to the
 * few the rules could match; the rules themselves (rules/duplicates.ts) still decide.
 */
export async function entryCandidates(trx: Trx, probe: EntryProbe): Promise<CandidateRow[]> {
  const { birthDates, nameKeys, residenceCardNos, lookups, residentCodes } = probe;
  if (birthDates.length === 0 && lookups.length === 0 && residentCodes.length === 0 && residenceCardNos.length === 0) return [];
  return (await latestVersions(trx, sql`v.resident_id IN (
      SELECT resident_id FROM resident_version WHERE tenant_code = current_tenant() AND birth_date = ANY(${[...birthDates]}::date[])
        AND (name_key = ANY(${[...nameKeys]}::text[]) OR name_kana_key = ANY(${[...nameKeys]}::text[]))
      UNION ALL
      SELECT resident_id FROM resident_version WHERE tenant_code = current_tenant() AND residence_card_no = ANY(${[...residenceCardNos]}::text[])
      UNION ALL
      SELECT id FROM resident WHERE tenant_code = current_tenant()
        AND (my_number_lookup = ANY(${[...lookups]}::text[]) OR resident_code = ANY(${[...residentCodes]}::text[])))`, undefined, undefined, true)) as CandidateRow[];
}

/** Anyone holding one of these identifiers, whatever their state: the unique indexes would refuse them. */
export async function holdersOfIdentifiers(trx: Trx, lookups: readonly string[], residentCodes: readonly string[]): Promise<{ id: string; my_number_lookup: string | null; resident_code: string | null }[]> {
  const { rows } = await sql<{ id: string; my_number_lookup: string | null; resident_code: string | null }>`
    SELECT id, my_number_lookup, resident_code FROM resident WHERE tenant_code = current_tenant()
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

// 検索 (2.1.2, 2.1.3) is in search-query.ts.

/**
 * A person's version on `date` as known now (resident_version_as_of() for one person): for keyset
 * paging over `resident r`, so each page costs its own rows. resident_version_as_of() itself sorts the
 * whole municipality's versions for every page (docs/PERFORMANCE.md, individual-resident-tax).
 */
const versionOn = (date: string) => sql`(SELECT v.* FROM resident_version v
  WHERE v.tenant_code = r.tenant_code AND v.resident_id = r.id AND v.valid_from <= ${date}::date AND v.recorded_at <= now()
    AND NOT EXISTS (SELECT 1 FROM resident_version s WHERE s.tenant_code = v.tenant_code AND s.resident_id = v.resident_id
      AND s.supersedes_history_no = v.history_no AND s.recorded_at <= now())
  ORDER BY v.valid_from DESC, v.history_no DESC LIMIT 1)`;

/** One batch of everyone's state on `date`, after `afterResidentId` in id order (keyset paging for streams). */
export async function asOfBatch(trx: Trx, date: string, afterResidentId: string | null, limit: number): Promise<VersionRow[]> {
  const { rows } = await sql<VersionRow>`
    SELECT v.*, r.addressee_no, r.version AS lock_version, r.my_number_token
    FROM resident r CROSS JOIN LATERAL ${versionOn(date)} v
    WHERE r.tenant_code = current_tenant() ${afterResidentId === null ? sql`` : sql`AND r.id > ${afterResidentId}::uuid`}
    ORDER BY r.id LIMIT ${limit}`.execute(trx);
  return rows;
}

/** What a roll (課税台帳, 選挙人名簿) needs of a person on a date; null fields: not recorded that day. */
export interface RollRow {
  resident_id: string;
  addressee_no: string;
  status: string | null;
  name: string | null;
  name_alphabet: string | null;
  birth_date: string | null;
  address: string | null;
  address_supplement: string | null;
}

/**
 * The next `limit` persons of the registry after `afterAddresseeNo` in 宛名番号 order, each with their
 * state on `date` if they had one: a page of persons, not of residents, so a bulk job's progress counts
 * persons. 宛名番号 order, because the business a roll feeds keys its own records by 宛名番号: its
 * reads of a page are then one range of its index.
 */
export async function rollBatch(trx: Trx, date: string, afterAddresseeNo: string | null, limit: number): Promise<RollRow[]> {
  const { rows } = await sql<RollRow>`
    SELECT r.id AS resident_id, r.addressee_no, v.status, v.name, v.name_alphabet, v.birth_date::text AS birth_date, v.address, v.address_supplement
    FROM resident r LEFT JOIN LATERAL ${versionOn(date)} v ON true
    WHERE r.tenant_code = current_tenant() ${afterAddresseeNo === null ? sql`` : sql`AND r.addressee_no > ${afterAddresseeNo}`}
    ORDER BY r.addressee_no LIMIT ${limit}`.execute(trx);
  return rows;
}

/** A recorded 異動 (resident_change), with the id of the 異動 that cancelled it, if any. */
export interface ChangeRow {
  id: string;
  procedure: string;
  basis: string;
  effective_date: string;
  notified_date: string | null;
  cancels_change_id: string | null;
  corrects_change_id: string | null;
  /** The 異動の取消し of this 異動: one for 全部, one per part for 一部 (j980). */
  cancelled_by: string[];
}

export async function changeBy(trx: Trx, id: string): Promise<ChangeRow | undefined> {
  const { rows } = await sql<ChangeRow>`
    SELECT c.id, c.procedure, c.basis, c.effective_date, c.notified_date, c.cancels_change_id, c.corrects_change_id,
      ARRAY(SELECT x.id::text FROM resident_change x WHERE x.tenant_code = c.tenant_code AND x.cancels_change_id = c.id) AS cancelled_by
    FROM resident_change c WHERE c.tenant_code = current_tenant() AND c.id = ${id}`.execute(trx);
  return rows[0];
}

/**
 * Every version, live or superseded, of these people in 履歴番号 order: the corrections and
 * cancellations work on the whole history. `by_cancellation`: written by a 異動の取消し.
 */
export async function versionHistoryOf(trx: Trx, residentIds: readonly string[]): Promise<(VersionRow & { by_cancellation: boolean })[]> {
  if (residentIds.length === 0) return [];
  const { rows } = await sql<VersionRow & { by_cancellation: boolean }>`
    SELECT v.*, r.addressee_no, r.version AS lock_version, r.my_number_token, c.cancels_change_id IS NOT NULL AS by_cancellation
    FROM resident_version v JOIN resident r ON r.tenant_code = v.tenant_code AND r.id = v.resident_id
      JOIN resident_change c ON c.tenant_code = v.tenant_code AND c.id = v.change_id
    WHERE v.tenant_code = current_tenant() AND v.resident_id = ANY(${[...residentIds]}::uuid[])
    ORDER BY v.resident_id, v.history_no`.execute(trx);
  return rows;
}

/** A household version with its members in order (history rows, not only the live one). */
export interface HouseholdVersionRow {
  household_id: string;
  household_no: string;
  lock_version: number;
  history_no: number;
  change_id: string;
  valid_from: string;
  supersedes_history_no: number | null;
  status: 'active' | 'dissolved';
  head_resident_id: string | null;
  member_ids: string[];
  by_cancellation: boolean;
}

export async function householdHistoryOf(trx: Trx, householdIds: readonly string[]): Promise<HouseholdVersionRow[]> {
  if (householdIds.length === 0) return [];
  const { rows } = await sql<HouseholdVersionRow>`
    SELECT v.household_id, h.household_no, h.version AS lock_version, v.history_no, v.change_id, v.valid_from, v.supersedes_history_no, v.status, v.head_resident_id,
      ARRAY(SELECT m.resident_id::text FROM household_version_member m WHERE m.tenant_code = v.tenant_code
            AND m.household_id = v.household_id AND m.history_no = v.history_no ORDER BY m.member_order) AS member_ids,
      c.cancels_change_id IS NOT NULL AS by_cancellation
    FROM household_version v JOIN household h ON h.tenant_code = v.tenant_code AND h.id = v.household_id
      JOIN resident_change c ON c.tenant_code = v.tenant_code AND c.id = v.change_id
    WHERE v.tenant_code = current_tenant() AND v.household_id = ANY(${[...householdIds]}::uuid[])
    ORDER BY v.household_id, v.history_no`.execute(trx);
  return rows;
}

/** The people and households whose versions a 異動 wrote. */
export async function touchedBy(trx: Trx, changeId: string): Promise<{ residentIds: string[]; householdIds: string[] }> {
  const people = await sql<{ id: string }>`SELECT DISTINCT resident_id AS id FROM resident_version WHERE tenant_code = current_tenant() AND change_id = ${changeId}`.execute(trx);
  const households = await sql<{ id: string }>`SELECT DISTINCT household_id AS id FROM household_version WHERE tenant_code = current_tenant() AND change_id = ${changeId}`.execute(trx);
  return { residentIds: people.rows.map((r) => r.id), householdIds: households.rows.map((r) => r.id) };
}

/**
 * 転入通知未着者 (4.1.3.1.4 j710): people whose current state is a 除票 of a 国内転出 or a 職権消除 from on
 * or before `removedBy`, with no 転入通知 received, oldest first.
 */
export async function awaitingMoveInNotice(trx: Trx, removedBy: string, page: { limit: number; offset: number }): Promise<VersionRow[]> {
  const candidates = sql`v.resident_id IN (SELECT resident_id FROM resident_version WHERE tenant_code = current_tenant()
    AND removal_reason IN ('domestic_move_out', 'ex_officio_removal') AND move_in_notice_on IS NULL)`;
  const { rows } = await sql<VersionRow>`
    SELECT * FROM (
      SELECT DISTINCT ON (v.resident_id) v.*, r.addressee_no, r.version AS lock_version, r.my_number_token
      FROM resident_version v JOIN resident r ON r.tenant_code = v.tenant_code AND r.id = v.resident_id
      WHERE v.tenant_code = current_tenant() AND ${candidates} AND ${live}
      ORDER BY v.resident_id, v.valid_from DESC, v.history_no DESC) x
    WHERE x.removal_reason IN ('domestic_move_out', 'ex_officio_removal') AND x.move_in_notice_on IS NULL AND x.valid_from <= ${removedBy}
    ORDER BY x.valid_from, x.addressee_no LIMIT ${page.limit} OFFSET ${page.offset}`.execute(trx);
  return rows;
}

/** Everyone a live version of this household ever listed (in any order): the 除票 of its former members are among them. */
export async function everMembersOf(trx: Trx, householdId: string): Promise<string[]> {
  const { rows } = await sql<{ resident_id: string }>`
    SELECT DISTINCT m.resident_id FROM household_version_member m
    WHERE m.tenant_code = current_tenant() AND m.household_id = ${householdId}
      AND NOT EXISTS (SELECT 1 FROM household_version s WHERE s.tenant_code = m.tenant_code AND s.household_id = m.household_id AND s.supersedes_history_no = m.history_no)`.execute(trx);
  return rows.map((r) => r.resident_id);
}
