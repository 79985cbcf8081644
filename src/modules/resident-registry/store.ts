/**
 * Writes of this module's own tables (README: Data model). Every function runs inside the caller's
 * inTenant transaction, so row-level security scopes it and a failure later in the procedure rolls
 * everything back. History tables are only ever inserted into; `resident` and `household` carry the
 * counters and the optimistic lock.
 */
import { sql } from 'kysely';
import type { Trx } from '../../platform/db/tenant-scope.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import type { Procedure, SpecialReason } from './model.ts';
import { issueNumber, SERIES_NAME, type NumberingSeries } from './rules/numbering.ts';

/** A row as the database takes it: column name → value. */
export type Row = Record<string, unknown>;

/** The tenant is always the transaction's own (current_tenant()), never a value from the caller. */
const insertRow = (trx: Trx, table: string, row: Row) =>
  sql`INSERT INTO ${sql.table(table)} (tenant_code, ${sql.join(Object.keys(row).map((c) => sql.ref(c)))})
      VALUES (current_tenant(), ${sql.join(Object.values(row))})`.execute(trx);

/**
 * 宛名番号・世帯番号の自動付番 (1.1.13): takes the next serial under a row lock, so concurrent
 * procedures of one 団体 never issue the same number, and a rollback gives the serial back.
 */
export async function nextNumber(trx: Trx, series: NumberingSeries): Promise<string> {
  await sql`INSERT INTO resident_numbering (tenant_code, series) VALUES (current_tenant(), ${series}) ON CONFLICT DO NOTHING`.execute(trx);
  const { rows } = await sql<{ next_value: number; length: number }>`
    SELECT next_value, length FROM resident_numbering WHERE tenant_code = current_tenant() AND series = ${series} FOR UPDATE`.execute(trx);
  const current = rows[0];
  if (!current) throw new Error(`${SERIES_NAME[series]}の付番を開始できません`);
  const issued = issueNumber(Number(current.next_value), current.length);
  await sql`UPDATE resident_numbering SET next_value = ${issued.nextSerial} WHERE tenant_code = current_tenant() AND series = ${series}`.execute(trx);
  return issued.value;
}

export interface NewResidentRow {
  id: string;
  addresseeNo: string;
  residentCode: string | null;
  myNumberToken: string | null;
  myNumberLookup: string | null;
}

/** A person new to the registry: their `resident` row and the columns of their first version. */
export interface Newcomer {
  resident: NewResidentRow;
  columns: Row;
}

/**
 * People new to the registry (転入, 出生, 職権記載) with their first version (履歴番号 1), all in one
 * statement: the same rows as inserting the person and then appendResidentVersion would leave (version 2: created,
 * then bumped by the append), one round trip for the whole household instead of three per person.
 */
export async function insertResidentsWithFirstVersion(trx: Trx, people: readonly Newcomer[]): Promise<void> {
  if (people.length === 0) return;
  const residents = people.map(({ resident: r }) =>
    sql`(current_tenant(), ${r.id}::uuid, ${r.addresseeNo}, ${r.residentCode}, ${r.myNumberToken}, ${r.myNumberLookup}, 1, 2)`);
  const versions = people.map(({ resident, columns }) => {
    const { tenant_code: _t, recorded_at: _r, history_no: _h, supersedes_history_no: _s, ...rest } = columns;
    return { ...rest, resident_id: resident.id, history_no: 1 } as Row;
  });
  // One column list for every row: a column some person lacks takes its default, as a single-row insert would.
  const columns = [...new Set(versions.flatMap((v) => Object.keys(v)))];
  const rows = versions.map((v) => sql`(current_tenant(), ${sql.join(columns.map((c) => (c in v ? sql`${v[c]}` : sql`DEFAULT`)))})`);
  await sql`
    WITH person AS (
      INSERT INTO resident (tenant_code, id, addressee_no, resident_code, my_number_token, my_number_lookup, last_history_no, version)
      VALUES ${sql.join(residents)}
    )
    INSERT INTO resident_version (tenant_code, ${sql.join(columns.map((c) => sql.ref(c)))}) VALUES ${sql.join(rows)}`.execute(trx);
}

/**
 * A re-entering person's current identifiers (再転入, j600): the 住民票コード and 個人番号 of the new
 * 転入, keeping the 個人番号 already held when the request brings none.
 */
export async function updateResidentIdentifiers(trx: Trx, id: string, r: Pick<NewResidentRow, 'residentCode' | 'myNumberToken' | 'myNumberLookup'>): Promise<void> {
  await sql`UPDATE resident SET resident_code = ${r.residentCode},
      my_number_token = COALESCE(${r.myNumberToken}, my_number_token), my_number_lookup = COALESCE(${r.myNumberLookup}, my_number_lookup), updated_at = now()
    WHERE tenant_code = current_tenant() AND id = ${id}`.execute(trx);
}

export async function insertHousehold(trx: Trx, id: string, householdNo: string): Promise<void> {
  await insertRow(trx, 'household', { id, household_no: householdNo });
}

export interface NewChangeRow {
  id: string;
  procedure: Procedure;
  basis: string;
  effectiveDate: string;
  notifiedDate: string | null;
  processedOn: string;
  operatorId: string;
  inputLocation: string | null;
  lateNotification: boolean;
  remark: string | null;
  /** 特別な事由 (j40), when the 異動 is recorded for one. */
  specialReason?: SpecialReason | undefined;
}

/** One 異動. processed_at and every version's recorded_at default to now(): the same instant in one transaction. */
export async function insertChange(trx: Trx, c: NewChangeRow, link?: { cancelsChangeId: string } | { correctsChangeId: string }): Promise<void> {
  await insertRow(trx, 'resident_change', {
    id: c.id, procedure: c.procedure, basis: c.basis, effective_date: c.effectiveDate, notified_date: c.notifiedDate,
    processed_on: c.processedOn, operator_id: c.operatorId, input_location: c.inputLocation, late_notification: c.lateNotification, remark: c.remark,
    ...(c.specialReason === undefined ? {} : { special_reason: c.specialReason }),
    ...(link === undefined ? {} : 'cancelsChangeId' in link ? { cancels_change_id: link.cancelsChangeId } : { corrects_change_id: link.correctsChangeId }),
  });
}

/**
 * Appends a person's version: takes the next 履歴番号 from `resident` and bumps the person's lock.
 * `version` is the lock the caller read, or undefined for a person created in this transaction.
 */
export async function appendResidentVersion(trx: Trx, residentId: string, columns: Row, version?: number, supersedes?: number): Promise<number> {
  const { rows } = await sql<{ last_history_no: number }>`
    UPDATE resident SET last_history_no = last_history_no + 1, version = version + 1, updated_at = now()
    WHERE tenant_code = current_tenant() AND id = ${residentId} ${version === undefined ? sql`` : sql`AND version = ${version}`}
    RETURNING last_history_no`.execute(trx);
  if (!rows[0]) throw staleOrMissing('住民', residentId);
  const historyNo = rows[0].last_history_no;
  const { tenant_code: _t, recorded_at: _r, history_no: _h, supersedes_history_no: _s, ...rest } = columns;
  await insertRow(trx, 'resident_version', { ...rest, resident_id: residentId, history_no: historyNo, ...(supersedes === undefined ? {} : { supersedes_history_no: supersedes }) });
  return historyNo;
}

/**
 * Holds the households' rows until commit, in id order (so two procedures on the same two households
 * cannot deadlock), before a procedure reads them: a clerk racing another then waits for the other's
 * commit and sees the version it left — 409 — instead of checking the request against a household
 * read half before and half after the other's change.
 */
export async function holdHouseholds(trx: Trx, householdIds: readonly string[]): Promise<void> {
  const ids = [...new Set(householdIds)].sort();
  if (ids.length === 0) return;
  await sql`SELECT id FROM household WHERE tenant_code = current_tenant() AND id = ANY (${ids}::uuid[]) ORDER BY id FOR UPDATE`.execute(trx);
}

/**
 * The optimistic lock on a household (README: Optimistic lock): bumps `version` only if it is still
 * the one the operator saw. Nothing is written otherwise, and the procedure fails with 409.
 */
export async function lockHousehold(trx: Trx, householdId: string, version: number): Promise<void> {
  const { rows } = await sql<{ id: string }>`
    UPDATE household SET version = version + 1, updated_at = now()
    WHERE tenant_code = current_tenant() AND id = ${householdId} AND version = ${version} RETURNING id`.execute(trx);
  if (!rows[0]) throw await staleOrMissingHousehold(trx, householdId);
}

async function staleOrMissingHousehold(trx: Trx, householdId: string): Promise<Error> {
  const { rows } = await sql`SELECT 1 FROM household WHERE tenant_code = current_tenant() AND id = ${householdId}`.execute(trx);
  return rows.length === 0 ? new NotFoundError(`世帯（${householdId}）は記録されていません`) : staleOrMissing('世帯', householdId);
}

const staleOrMissing = (what: string, id: string) =>
  new ConflictError(`${what}（${id}）は画面を表示した後に他の処理で更新されています。最新の内容を表示し直してから入力してください`, 'stale-version');

export interface HouseholdVersionInput {
  householdId: string;
  changeId: string;
  validFrom: string;
  status: 'active' | 'dissolved';
  headResidentId: string | null;
  /** 世帯員 in their order (5.2). */
  memberIds: readonly string[];
}

/**
 * Appends a household version with its ordered members, in one statement (the household's counter, the
 * version and its members: one round trip, as every procedure does it); the head-is-member check runs
 * at commit. `supersedes`: the version it replaces (異動の取消し j980, 転入通知の受理), if any.
 */
export async function appendHouseholdVersion(trx: Trx, v: HouseholdVersionInput, supersedes?: number): Promise<number> {
  const { rows } = await sql<{ history_no: number }>`
    WITH h AS (
      UPDATE household SET last_history_no = last_history_no + 1, updated_at = now()
      WHERE tenant_code = current_tenant() AND id = ${v.householdId} RETURNING last_history_no
    ), version AS (
      INSERT INTO household_version (tenant_code, household_id, history_no, change_id, valid_from, status, head_resident_id, supersedes_history_no)
      SELECT current_tenant(), ${v.householdId}, h.last_history_no, ${v.changeId}, ${v.validFrom}, ${v.status}, ${v.headResidentId}, ${supersedes ?? null}::int FROM h
      RETURNING history_no
    ), members AS (
      INSERT INTO household_version_member (tenant_code, household_id, history_no, member_order, resident_id)
      SELECT current_tenant(), ${v.householdId}, version.history_no, m.member_order, m.resident_id
      FROM version, unnest(${[...v.memberIds]}::uuid[]) WITH ORDINALITY AS m(resident_id, member_order)
    )
    SELECT history_no FROM version`.execute(trx);
  if (!rows[0]) throw new NotFoundError(`世帯（${v.householdId}）は記録されていません`);
  return rows[0].history_no;
}

/**
 * A 異動 that corrects or cancels an earlier one (誤記修正 j860, 異動の取消し j980): the row names it
 * in `corrects_change_id` or `cancels_change_id`.
 */
export const insertLinkedChange = (trx: Trx, c: NewChangeRow, link: { cancelsChangeId: string } | { correctsChangeId: string }): Promise<void> => insertChange(trx, c, link);

/**
 * Appends a version that replaces `supersedes` (README: Bitemporal scheme): a correction or a
 * cancellation. Numbering and lock as appendResidentVersion; the unique constraint refuses a second
 * replacement of the same version.
 */
export const appendSupersedingVersion = (trx: Trx, residentId: string, columns: Row, supersedes: number, version?: number): Promise<number> =>
  appendResidentVersion(trx, residentId, columns, version, supersedes);

/** A household version that replaces `supersedes` (異動の取消し j980), with its ordered members. */
export const appendSupersedingHouseholdVersion = (trx: Trx, v: HouseholdVersionInput, supersedes: number): Promise<number> => appendHouseholdVersion(trx, v, supersedes);
