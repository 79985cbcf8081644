/**
 * 照会・検索 (2.1, j330–j340) and the as-of query. Every read of personal data is written to the
 * audit log as 照会 (10.2), with whether the key was a number and how many rows a search returned;
 * the 個人番号 is decrypted only when zone and permission allow it to be shown.
 */
import { toSearchKey } from '../../jp/index.ts';
import { inTenant, type Trx } from '../../platform/db/tenant-scope.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { decryptMyNumber, discloseMyNumber } from '../../platform/my-number/index.ts';
import type { Household, PersonSnapshot } from './model.ts';
import { audit, MODULE_ID, type Caller, type Deps } from './procedure.ts';
import { asOfByAddresseeNo, currentByAddresseeNo, currentVersionsOf, householdBy, searchCurrent, type SearchCriteria, type VersionRow } from './queries.ts';
import { numberFindings, type NumberingSeries } from './rules/numbering.ts';
import { toPersonSnapshot } from './snapshot.ts';

function checkNumber(field: string, series: NumberingSeries, value: string): void {
  const problems = numberFindings(field, series, value);
  if (problems.length > 0) throw new ValidationError(problems.map(({ field: f, rule, message }) => ({ field: f, rule, message })));
}

export interface PersonView {
  person: PersonSnapshot;
  /** The 個人番号, or 12 asterisks where it may not be shown; null when none is recorded. */
  myNumber: string | null;
  /** The person's optimistic-lock version. */
  version: number;
}

/** 個別事項照会: the current state of one person, by 宛名番号. */
export async function getPerson(deps: Deps, caller: Caller, addresseeNo: string): Promise<PersonView> {
  checkNumber('addresseeNo', 'addressee', addresseeNo);
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const row = await currentByAddresseeNo(trx, addresseeNo);
    if (!row) throw new NotFoundError(`宛名番号 ${addresseeNo} の住民は記録されていません`);
    const token = row.my_number_token;
    const shown = token === null ? null : discloseMyNumber(caller, MODULE_ID, () => decryptMyNumber(deps.myNumberKeys, caller.tenantCode, token));
    await audit(trx, caller, { function: 'get-person', category: 'inquiry', targets: [{ kind: 'resident', id: row.resident_id }], lookupByNumber: true, myNumberAccessed: shown?.disclosed ?? false });
    return { person: toPersonSnapshot(row), myNumber: shown?.value ?? null, version: row.lock_version };
  });
}

/** The person's state on `date` as the registry knows it now; null before their first 異動 here. */
export async function personAsOf(deps: Deps, caller: Caller, addresseeNo: string, date: string): Promise<{ asOf: string; person: PersonSnapshot | null }> {
  checkNumber('addresseeNo', 'addressee', addresseeNo);
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const current = await currentByAddresseeNo(trx, addresseeNo);
    if (!current) throw new NotFoundError(`宛名番号 ${addresseeNo} の住民は記録されていません`);
    const row = await asOfByAddresseeNo(trx, addresseeNo, date);
    await audit(trx, caller, { function: 'person-as-of', category: 'inquiry', targets: [{ kind: 'resident', id: current.resident_id }], lookupByNumber: true });
    return { asOf: date, person: row ? toPersonSnapshot(row) : null };
  });
}

export async function readHousehold(trx: Trx, householdNo: string, asOf?: string): Promise<Household | undefined> {
  const h = await householdBy(trx, { householdNo }, asOf);
  if (!h) return undefined;
  const rows = new Map((await currentVersionsOf(trx, h.member_ids)).map((r) => [r.resident_id, r]));
  return {
    householdId: h.id,
    householdNo: h.household_no,
    historyNo: h.history_no,
    validFrom: h.valid_from,
    recordedAt: new Date(h.recorded_at).toISOString(),
    status: h.status,
    headResidentId: h.head_resident_id,
    members: h.member_ids.map((id, i) => {
      const r = rows.get(id)!;
      return { residentId: id, addresseeNo: r.addressee_no, name: r.name ?? r.name_alphabet, order: i + 1, relationship: r.relationship };
    }),
    version: h.version,
  };
}

/** 世帯照会: the household's current members in order, with the version a change must name. */
export async function getHousehold(deps: Deps, caller: Caller, householdNo: string): Promise<Household> {
  checkNumber('householdNo', 'household', householdNo);
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const household = await readHousehold(trx, householdNo);
    if (!household) throw new NotFoundError(`世帯番号 ${householdNo} の世帯は記録されていません`);
    await audit(trx, caller, { function: 'get-household', category: 'inquiry', targets: [{ kind: 'household', id: household.householdId }], lookupByNumber: true });
    return household;
  });
}

export interface SearchHit {
  residentId: string;
  addresseeNo: string;
  name: string | null;
  nameKana: string | null;
  birthDate: string;
  sex: string;
  address: string;
  status: string;
  householdNo: string;
}

const hit = (r: VersionRow): SearchHit => ({
  residentId: r.resident_id, addresseeNo: r.addressee_no, name: r.name ?? r.name_alphabet, nameKana: (r.name_kana as string | null) ?? null,
  birthDate: r.birth_date, sex: String(r.sex), address: String(r.address), status: r.status, householdNo: String(r.household_no),
});

/** 検索 (2.1.2): by フリガナ prefix (あいまい検索 keys), 氏名 prefix or 生年月日; current and past names match. */
export async function searchResidents(deps: Deps, caller: Caller, criteria: SearchCriteria, page: { limit: number; offset: number }): Promise<{ items: SearchHit[]; offset: number; limit: number }> {
  const key = 'kanaPrefix' in criteria ? toSearchKey(criteria.kanaPrefix) : 'name' in criteria ? toSearchKey(criteria.name) : criteria.birthDate;
  if (key === '') throw new ValidationError([{ field: 'kanaPrefix' in criteria ? 'kanaPrefix' : 'name', rule: 'required', message: '検索する文字を入力してください' }]);
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const rows = await searchCurrent(trx, criteria, key, page.limit, page.offset);
    await audit(trx, caller, { function: 'search', category: 'inquiry', targets: rows.map((r) => ({ kind: 'resident', id: r.resident_id })), searchCount: rows.length });
    return { items: rows.map(hit), ...page };
  });
}
