/**
 * A person entering the registry — 転入 (4.1.1) and 出生 (4.2.1.2) — forming a new household or
 * joining one (appended last, j1010). The procedures differ in their date rules, 異動事由 and event;
 * everything else (numbering, 個人番号, household checks, duplicates) is the same and lives here.
 */
import { uuidv7 } from 'uuidv7';
import { toSearchKey } from '../../jp/index.ts';
import { inTenant, type Trx } from '../../platform/db/tenant-scope.ts';
import { ConflictError } from '../../platform/errors.ts';
import { encryptMyNumber, myNumberLookupKey } from '../../platform/my-number/index.ts';
import type { NewEvent } from '../../platform/events/types.ts';
import type { DestinationSchema, NewPerson } from './inputs.ts';
import type { ChangeBasis, ChangeReason } from './model.ts';
import type { z } from '@hono/zod-openapi';
import { checkMembers, headOf, memberOf, type Member } from './members.ts';
import { audit, refuseOnErrors, todayInJapan, type Alert, type Caller, type Deps } from './procedure.ts';
import { currentByAddresseeNo, currentVersionsOf, entryCandidates, householdBy, type HouseholdRow, type VersionRow } from './queries.ts';
import { numberFindings } from './rules/numbering.ts';
import { checkChangeDates, type ChangeDateInput } from './rules/dates.ts';
import { duplicateFindings, duplicateKey, isSamePerson, reentryFindings } from './rules/duplicates.ts';
import { error, type Finding } from './rules/findings.ts';
import { newPersonColumns } from './snapshot.ts';
import { appendHouseholdVersion, appendResidentVersion, holdHouseholds, insertChange, insertHousehold, insertResidentsWithFirstVersion, lockHousehold, updateResidentIdentifiers, type Newcomer } from './store.ts';
import { leaseNumbers, type NumberLease } from './numbers.ts';

/** What a recording procedure answers: the 異動, where people ended up, and the アラート accepted with it. */
export interface ProcedureResult {
  changeId: string;
  lateNotification: boolean;
  alerts: Alert[];
  household: { householdId: string; householdNo: string };
  residents: { residentId: string; addresseeNo: string }[];
}

const displayName = (p: NewPerson) => p.name ?? (p.residentKind === 'foreign' ? p.nameAlphabet : undefined) ?? '';

export interface EntrySpec {
  procedure: 'move_in' | 'birth' | 'ex_officio_entry' | 'foreign_resident_notification';
  /** Audit function name, e.g. `move-in`. */
  function: string;
  reason: ChangeReason;
  header: { effectiveDate: string; notifiedDate?: string | undefined; basis: ChangeBasis; remark?: string | undefined };
  persons: NewPerson[];
  /** The request field of the i-th person (`persons[i]`, or `person`). */
  personField: (i: number) => string;
  destination: z.infer<typeof DestinationSchema>;
  dateRules: Omit<ChangeDateInput, 'processedOn' | 'basis' | 'effectiveDate' | 'notifiedDate'>;
  event: (done: { changeId: string; householdId: string; householdNo: string; newHousehold: boolean; residents: ProcedureResult['residents']; lateNotification: boolean }) => NewEvent;
}

export async function recordEntry(deps: Deps, caller: Caller, spec: EntrySpec, now: Date = new Date()): Promise<ProcedureResult> {
  const processedOn = todayInJapan(now);
  const input = { ...spec.header, persons: spec.persons, destination: spec.destination };
  const lookups = input.persons.map((p) => (p.myNumber ? myNumberLookupKey(deps.myNumberKeys, caller.tenantCode, p.myNumber) : null));
  // Numbers come from a lease taken before the transaction (numbers.ts): the counter is not locked through it.
  const lease = await leaseNumbers(deps.db, caller.tenantCode, { addressee: input.persons.length, household: input.destination.type === 'new' ? 1 : 0 });
  let committed = false;
  try {
    const result = await inTenant(deps.db, caller.tenantCode, (trx) => recordEntryIn(trx, deps, caller, spec, input, lookups, processedOn, lease));
    committed = true;
    return result;
  } finally {
    lease.settle(committed);
  }
}

async function recordEntryIn(
  trx: Trx, deps: Deps, caller: Caller, spec: EntrySpec, input: EntrySpec['header'] & { persons: NewPerson[]; destination: EntrySpec['destination'] },
  lookups: readonly (string | null)[], processedOn: string, lease: NumberLease,
): Promise<ProcedureResult> {
  const findings: Finding[] = [];
  const dates = checkChangeDates({
    ...spec.dateRules, basis: input.basis, effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate ?? null, processedOn,
  });
  findings.push(...dates.findings);
  input.persons.forEach((p, i) => {
    if (p.birthDate > input.effectiveDate) findings.push(error(`${spec.personField(i)}.birthDate`, 'dates.before-birth', `生年月日 ${p.birthDate} が異動日 ${input.effectiveDate} より後です`));
    if (!p.residentCode) findings.push(error(`${spec.personField(i)}.residentCode`, 'required', '住民票コードを入力してください（転出証明書又は住基ネットで付与された11桁）'));
  });

  const reentries = await reentryTargets(trx, input.persons, spec.personField, findings);
  const existing = input.destination.type === 'existing' ? await existingHousehold(trx, input.destination.household, findings) : null;
  const before: Member[] = existing ? (await currentVersionsOf(trx, existing.member_ids)).map((r) => memberOf(r, `destination.household.members[${existing.member_ids.indexOf(r.resident_id)}]`)) : [];
  before.sort((a, b) => existing!.member_ids.indexOf(a.residentId) - existing!.member_ids.indexOf(b.residentId));
  const ids = input.persons.map((_, i) => reentries.get(i)?.resident_id ?? uuidv7());
  const arriving: Member[] = input.persons.map((p, i) => ({
    residentId: ids[i]!, relationship: p.relationship, birthDate: p.birthDateNotation ? null : p.birthDate, label: displayName(p),
    field: spec.personField(i), name: displayName(p) || null, nameKana: p.nameKana ?? null,
  }));
  const members = [...before, ...arriving];
  findings.push(...checkMembers(members, input.destination.type === 'new' ? spec.personField(0) : 'destination.household'));
  findings.push(...(await duplicates(trx, input.persons, spec.personField, lookups, reentries)));
  const alerts = refuseOnErrors(findings);

  const changeId = uuidv7();
  await insertChange(trx, {
    id: changeId, procedure: spec.procedure, basis: input.basis, effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate ?? null,
    processedOn, operatorId: caller.actor.id, inputLocation: caller.address, lateNotification: dates.lateNotification, remark: input.remark ?? null,
  });
  let household: { id: string; no: string };
  if (existing && input.destination.type === 'existing') {
    await lockHousehold(trx, existing.id, input.destination.household.version);
    household = { id: existing.id, no: existing.household_no };
  } else {
    household = { id: uuidv7(), no: lease.take('household') };
    await insertHousehold(trx, household.id, household.no);
  }
  const head = headOf(members);
  const address = input.destination.type === 'new' ? input.destination.address : await addressOfHousehold(trx, before);
  const residents: ProcedureResult['residents'] = [];
  const newcomers: Newcomer[] = [];
  for (const [i, p] of input.persons.entries()) {
    const id = ids[i]!;
    const removed = reentries.get(i);
    const identifiers = {
      residentCode: p.residentCode ?? null, myNumberLookup: lookups[i] ?? null,
      myNumberToken: p.myNumber ? encryptMyNumber(deps.myNumberKeys, caller.tenantCode, p.myNumber) : null,
    };
    // 再転入 (j600) keeps the person's row and 宛名番号: the new version follows the 除票 in the same history.
    const addresseeNo = removed ? removed.addressee_no : lease.take('addressee');
    const columns = newPersonColumns(p, {
      changeId, reason: spec.reason,
      validFrom: input.effectiveDate, householdId: household.id, householdNo: household.no, headName: head?.name ?? null,
      headNameKana: head?.nameKana ?? null, address, notifiedOn: input.notifiedDate ?? null,
      myNumberLookup: lookups[i] ?? (removed?.my_number_lookup as string | null | undefined) ?? null,
    });
    if (removed) {
      await updateResidentIdentifiers(trx, id, identifiers);
      await appendResidentVersion(trx, id, columns, removed.lock_version);
    } else newcomers.push({ resident: { id, addresseeNo, ...identifiers }, columns });
    residents.push({ residentId: id, addresseeNo });
  }
  await insertResidentsWithFirstVersion(trx, newcomers);
  await appendHouseholdVersion(trx, {
    householdId: household.id, changeId, validFrom: input.effectiveDate, status: 'active', headResidentId: head?.residentId ?? null, memberIds: members.map((m) => m.residentId),
  });
  await deps.events.publish(trx, spec.event({ changeId, householdId: household.id, householdNo: household.no, newHousehold: !existing, residents, lateNotification: dates.lateNotification }));
  await audit(trx, caller, {
    function: spec.function, category: 'record',
    targets: [{ kind: 'resident-change', id: changeId }, { kind: 'household', id: household.id }, ...residents.map((r) => ({ kind: 'resident', id: r.residentId }))],
  });
  return { changeId, lateNotification: dates.lateNotification, alerts, household: { householdId: household.id, householdNo: household.no }, residents };
}

/** The household to join, at the version the operator saw (409 when someone changed it since). */
export async function existingHousehold(trx: Trx, lock: { householdId: string; version: number }, findings: Finding[]): Promise<HouseholdRow | null> {
  await holdHouseholds(trx, [lock.householdId]);
  const household = await householdBy(trx, { id: lock.householdId });
  if (!household) {
    findings.push(error('destination.household.householdId', 'household.not-found', '異動先の世帯が記録されていません'));
    return null;
  }
  if (household.version !== lock.version) {
    throw new ConflictError(`世帯 ${household.household_no} は画面を表示した後に他の処理で更新されています。最新の内容を表示し直してから入力してください`, 'stale-version');
  }
  if (household.status !== 'active') findings.push(error('destination.household.householdId', 'household.dissolved', `世帯 ${household.household_no} は既に消滅しています`));
  return household;
}

/** Joining a household means living at its address: the head's (or first member's) current one. */
async function addressOfHousehold(trx: Trx, members: readonly Member[]) {
  const rows = await currentVersionsOf(trx, members.map((m) => m.residentId));
  const anchor = rows.find((r) => r.resident_id === headOf(members)?.residentId) ?? rows[0]!;
  const opt = (v: unknown) => (v === null || v === undefined ? undefined : String(v));
  return { text: String(anchor.address), supplement: opt(anchor.address_supplement), code: opt(anchor.address_code), postalCode: opt(anchor.postal_code) };
}

/** 二重登録 (same name, birth date, 転入前住所), 再転入 (j600) and identifiers already on the registry. */
async function duplicates(
  trx: Trx, persons: readonly NewPerson[], personField: (i: number) => string, lookups: readonly (string | null)[], reentries: ReadonlyMap<number, VersionRow>,
): Promise<Finding[]> {
  const input = { persons };
  const findings: Finding[] = [];
  const candidates = input.persons.map((p) => ({ name: displayName(p), nameKana: p.nameKana ?? null, birthDate: p.birthDate, previousAddress: p.previousAddress?.text ?? null }));
  const codes = input.persons.flatMap((p) => (p.residentCode ? [p.residentCode] : []));
  const knownLookups = lookups.filter((l): l is string => l !== null);
  const recorded = await entryCandidates(trx, {
    birthDates: input.persons.map((p) => p.birthDate),
    nameKeys: input.persons.flatMap((p) => [displayName(p), p.nameKana ?? ''].filter((t) => t !== '').map((t) => toSearchKey(t))),
    residenceCardNos: input.persons.flatMap((p) => (p.residentKind === 'foreign' && p.foreign.residenceCardNo ? [p.foreign.residenceCardNo] : [])),
    lookups: knownLookups, residentCodes: codes,
  });
  // A candidate found by an identifier only is compared by the duplicate key too: its birth date differs, so it never matches.
  const living = recorded.filter((r) => r.status === 'resident');
  const removed = recorded.filter((r) => r.status !== 'resident');
  const holders = recorded.map((r) => ({ id: r.resident_id, my_number_lookup: r.current_my_number_lookup, resident_code: r.current_resident_code }));
  input.persons.forEach((p, i) => {
    const field = personField(i);
    findings.push(...duplicateFindings(field, candidates[i]!, living.map((r) => ({
      addresseeNo: r.addressee_no,
      key: duplicateKey({ name: r.name ?? r.name_alphabet ?? '', nameKana: (r.name_kana as string | null) ?? null, birthDate: r.birth_date, previousAddress: (r.previous_address as string | null) ?? null }),
    }))));
    candidates.slice(0, i).forEach((other, j) => {
      if (isSamePerson(duplicateKey(other), duplicateKey(candidates[i]!))) findings.push(error(field, 'duplicate.in-request', `${j + 1}番目の人と同じ人が重複して入力されています`));
    });
    const identity = { name: displayName(p), sex: p.sex, birthDate: p.birthDate, residentCode: p.residentCode ?? null, myNumberLookup: lookups[i] ?? null, residenceCardNo: p.residentKind === 'foreign' ? (p.foreign.residenceCardNo ?? null) : null };
    // A 再転入 is the person of the 除票 it names: that record is no duplicate of them.
    const own = reentries.get(i)?.resident_id;
    const removedRecords = removed.filter((r) => r.resident_id !== own).map((r) => ({
      addresseeNo: r.addressee_no, name: r.name ?? r.name_alphabet ?? '', sex: String(r.sex), birthDate: r.birth_date,
      residentCode: (r.resident_code as string | null) ?? null, myNumberLookup: (r.my_number_lookup as string | null) ?? null, residenceCardNo: (r.residence_card_no as string | null) ?? null,
    }));
    const reentry = reentryFindings(field, identity, removedRecords);
    findings.push(...reentry);
    if (reentry.length === 0 && holders.some((h) => h.id !== own && ((lookups[i] && h.my_number_lookup === lookups[i]) || (p.residentCode && h.resident_code === p.residentCode)))) {
      findings.push(error(field, 'duplicate.identifier', '個人番号又は住民票コードが、既に記録されている住民と同じです'));
    }
  });
  return findings;
}

/**
 * 再転入者 (4.1.1.2, j600): a person the request names by the 宛名番号 of a 除票 here. It must be a
 * removed record (not a current resident) of the same birth date and sex; the person re-enters with
 * that row, 宛名番号 and history.
 */
async function reentryTargets(trx: Trx, persons: readonly NewPerson[], personField: (i: number) => string, findings: Finding[]): Promise<Map<number, VersionRow>> {
  const targets = new Map<number, VersionRow>();
  const chosen = new Map<string, number>();
  for (const [i, p] of persons.entries()) {
    const no = p.reentryAddresseeNo;
    if (no === undefined) continue;
    const field = `${personField(i)}.reentryAddresseeNo`;
    const problems = numberFindings(field, 'addressee', no);
    if (problems.length > 0) {
      findings.push(...problems);
      continue;
    }
    const row = await currentByAddresseeNo(trx, no);
    if (!row) findings.push(error(field, 'reentry.not-found', `宛名番号 ${no} の除票は記録されていません`));
    else if (row.status === 'resident') findings.push(error(field, 'reentry.not-removed', `宛名番号 ${no} の者は現在住民として記録されています。再転入は除票の者に限られます`));
    else if (row.birth_date !== p.birthDate || row.sex !== p.sex) {
      findings.push(error(field, 'reentry.different-person', `宛名番号 ${no} の除票と生年月日又は性別が一致しません。別人であれば再転入者として選択しないでください（4.1.1.2 再転入者）`));
    } else if (chosen.has(no)) {
      findings.push(error(field, 'duplicate.in-request', `${chosen.get(no)! + 1}番目の人と同じ除票が選択されています`));
    } else {
      chosen.set(no, i);
      targets.set(i, row);
    }
  }
  return targets;
}
