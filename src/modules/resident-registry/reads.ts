/**
 * 照会・検索 (2.1, j330–j340) and the as-of query. Every read of personal data is written to the
 * audit log as 照会 (10.2), with whether the key was a number and how many rows a search returned;
 * the 個人番号 is decrypted only when zone and permission allow it to be shown. A person under 支援措置
 * passes protection.ts's guard first (照会抑止, j410/j440); search itself is in search.ts.
 */
import { inTenant, type Trx } from '../../platform/db/tenant-scope.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { decryptMyNumber, discloseMyNumber } from '../../platform/my-number/index.ts';
import type { Household, PersonSnapshot } from './model.ts';
import { audit, MODULE_ID, type Caller, type Deps } from './procedure.ts';
import { auditRefusals, guardProtected, type ProtectionNotice } from './protection.ts';
import { asOfByAddresseeNo, currentByAddresseeNo, currentVersionsOf, everMembersOf, householdBy } from './queries.ts';
import { numberFindings, type NumberingSeries } from './rules/numbering.ts';
import { toPersonSnapshot } from './snapshot.ts';

export function checkNumber(field: string, series: NumberingSeries, value: string): void {
  const problems = numberFindings(field, series, value);
  if (problems.length > 0) throw new ValidationError(problems.map(({ field: f, rule, message }) => ({ field: f, rule, message })));
}

export interface PersonView {
  person: PersonSnapshot;
  /** The 個人番号, or 12 asterisks where it may not be shown; null when none is recorded. */
  myNumber: string | null;
  /** The person's optimistic-lock version. */
  version: number;
  /** Active 支援措置 of the person (j380: 支援措置期間中である旨), with their period アラート (j440). */
  protection: ProtectionNotice[];
}

/** 個別事項照会: the current state of one person, by 宛名番号. */
export async function getPerson(deps: Deps, caller: Caller, addresseeNo: string): Promise<PersonView> {
  checkNumber('addresseeNo', 'addressee', addresseeNo);
  return auditRefusals(deps, caller, () => inTenant(deps.db, caller.tenantCode, async (trx) => {
    const row = await currentByAddresseeNo(trx, addresseeNo);
    if (!row) throw new NotFoundError(`宛名番号 ${addresseeNo} の住民は記録されていません`);
    const protection = await guardProtected(trx, caller, [row.resident_id], 'inquiry', 'get-person');
    const token = row.my_number_token;
    const shown = token === null ? null : discloseMyNumber(caller, MODULE_ID, () => decryptMyNumber(deps.myNumberKeys, caller.tenantCode, token));
    await audit(trx, caller, { function: 'get-person', category: 'inquiry', targets: [{ kind: 'resident', id: row.resident_id }], lookupByNumber: true, myNumberAccessed: shown?.disclosed ?? false });
    return { person: toPersonSnapshot(row), myNumber: shown?.value ?? null, version: row.lock_version, protection };
  }));
}

/** The person's state on `date` as the registry knows it now; null before their first 異動 here. */
export async function personAsOf(deps: Deps, caller: Caller, addresseeNo: string, date: string): Promise<{ asOf: string; person: PersonSnapshot | null; protection: ProtectionNotice[] }> {
  checkNumber('addresseeNo', 'addressee', addresseeNo);
  return auditRefusals(deps, caller, () => inTenant(deps.db, caller.tenantCode, async (trx) => {
    const current = await currentByAddresseeNo(trx, addresseeNo);
    if (!current) throw new NotFoundError(`宛名番号 ${addresseeNo} の住民は記録されていません`);
    const protection = await guardProtected(trx, caller, [current.resident_id], 'inquiry', 'person-as-of');
    const row = await asOfByAddresseeNo(trx, addresseeNo, date);
    await audit(trx, caller, { function: 'person-as-of', category: 'inquiry', targets: [{ kind: 'resident', id: current.resident_id }], lookupByNumber: true });
    return { asOf: date, person: row ? toPersonSnapshot(row) : null, protection };
  }));
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
    removedMembers: await removedMembersOf(trx, h.id, h.member_ids),
    version: h.version,
  };
}

/** 消除された世帯構成員 (j430): former members whose state is a 除票 of this household (not those who moved to another one here). */
async function removedMembersOf(trx: Trx, householdId: string, current: readonly string[]): Promise<NonNullable<Household['removedMembers']>> {
  const former = (await everMembersOf(trx, householdId)).filter((id) => !current.includes(id));
  const rows = await currentVersionsOf(trx, former);
  return rows
    .filter((r) => r.status !== 'resident' && r.household_id === householdId)
    .sort((a, b) => (a.valid_from < b.valid_from ? -1 : a.valid_from > b.valid_from ? 1 : 0))
    .map((r) => ({
      residentId: r.resident_id, addresseeNo: r.addressee_no, name: r.name ?? r.name_alphabet, relationship: r.relationship,
      status: r.status as PersonSnapshot['status'], removalReason: (r.removal_reason as PersonSnapshot['reason'] | null) ?? null, removedOn: r.valid_from,
    }));
}

/** 世帯照会: the household's current members in order, with the version a change must name. */
export async function getHousehold(deps: Deps, caller: Caller, householdNo: string): Promise<Household> {
  checkNumber('householdNo', 'household', householdNo);
  return auditRefusals(deps, caller, () => inTenant(deps.db, caller.tenantCode, async (trx) => {
    const household = await readHousehold(trx, householdNo);
    if (!household) throw new NotFoundError(`世帯番号 ${householdNo} の世帯は記録されていません`);
    // A member under 照会抑止 withholds the whole household: its list would show who lives with them.
    await guardProtected(trx, caller, [...household.members, ...(household.removedMembers ?? [])].map((m) => m.residentId), 'inquiry', 'get-household');
    await audit(trx, caller, { function: 'get-household', category: 'inquiry', targets: [{ kind: 'household', id: household.householdId }], lookupByNumber: true });
    return household;
  }));
}

export { searchResidents, type SearchHit } from './search.ts';
