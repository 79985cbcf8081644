/**
 * A generated household as the rows 転入 (and 転居) would have written: resident, household,
 * resident_change, resident_version, household_version and its members. The person columns come from
 * snapshot.ts newPersonColumns, the same function the procedures use, so search keys and every
 * statutory item are exactly what a 転入 records; only the ids and numbers are handed in.
 */
import type { NewPerson } from '../inputs.ts';
import { searchKeys, newPersonColumns } from '../snapshot.ts';
import type { Row } from '../store.ts';
import type { DemoHousehold, DemoMove, DemoPerson } from './generate.ts';

/** The 異動 are recorded as processed on the 届出日, in the morning in Japan: as-of queries see the history. */
const processedAt = (day: string) => `${day}T09:00:00+09:00`;

export interface TableRows {
  resident: Row[];
  household: Row[];
  resident_change: Row[];
  resident_version: Row[];
  household_version: Row[];
  household_version_member: Row[];
}

export const emptyRows = (): TableRows => ({ resident: [], household: [], resident_change: [], resident_version: [], household_version: [], household_version_member: [] });

export interface Identity {
  /** New ids, one per call. */
  id: () => string;
  /** The demo's operator: recorded on each 異動 as the one who processed it. */
  operatorId: string;
}

function asNewPerson(p: DemoPerson, previous: DemoHousehold['moveIn']): NewPerson {
  const common = {
    nameKanaConfirmed: false, birthDate: p.birthDate, sex: p.sex, relationship: p.relationship, residentCode: p.residentCode,
    previousAddress: { text: previous.previousAddress, abroad: previous.fromAbroad },
  };
  if (p.residentKind === 'japanese') {
    return { residentKind: 'japanese', name: p.name!, nameKana: p.nameKana, registeredDomicile: p.registeredDomicile!, familyRegisterHead: p.familyRegisterHead!, ...common };
  }
  const f = p.foreign!;
  return {
    residentKind: 'foreign', nameAlphabet: p.nameAlphabet!, nameKana: p.nameKana, ...common,
    foreign: {
      nationality: f.nationality, category: f.category, becameForeignResidentOn: previous.effectiveDate, residenceNotificationMade: previous.fromAbroad, movedInWithLandingPermit: false,
      ...(f.residenceStatus ? { residenceStatus: f.residenceStatus } : {}),
      ...(f.periodOfStay ? { periodOfStay: f.periodOfStay } : {}),
      ...(f.periodOfStayExpiresOn ? { periodOfStayExpiresOn: f.periodOfStayExpiresOn } : {}),
      residenceCardNo: f.residenceCardNo,
    },
  };
}

function change(rows: TableRows, ids: Identity, procedure: 'move_in' | 'move_within', move: DemoMove): string {
  const id = ids.id();
  rows.resident_change.push({
    id, procedure, basis: 'notification', effective_date: move.effectiveDate, notified_date: move.notifiedDate,
    processed_at: processedAt(move.notifiedDate), processed_on: move.notifiedDate, operator_id: ids.operatorId, late_notification: false,
  });
  return id;
}

/** Appends the rows of one household, numbered with `addresseeNos` (one per member) and `householdNo`. */
export function householdRows(rows: TableRows, ids: Identity, h: DemoHousehold, addresseeNos: readonly string[], householdNo: string): void {
  const householdId = ids.id();
  const residentIds = h.members.map(() => ids.id());
  const head = h.members[0]!.relationship === '世帯主' ? h.members[0]! : undefined;
  const versions = h.moveWithin ? 2 : 1;
  const moveInId = change(rows, ids, 'move_in', h.moveIn);
  const moveWithinId = h.moveWithin ? change(rows, ids, 'move_within', h.moveWithin) : null;
  // The counters and locks as the procedures leave them: each appended version bumps a person's
  // version, a 転居 of the whole household bumps the household's lock once.
  rows.household.push({ id: householdId, household_no: householdNo, last_history_no: versions, version: versions });
  h.members.forEach((p, i) => {
    const residentId = residentIds[i]!;
    rows.resident.push({ id: residentId, addressee_no: addresseeNos[i]!, resident_code: p.residentCode, last_history_no: versions, version: 1 + versions });
    const first: Row = {
      ...newPersonColumns(asNewPerson(p, h.moveIn), {
        changeId: moveInId, reason: h.moveIn.fromAbroad ? 'move_in_from_abroad' : 'domestic_move_in', validFrom: h.moveIn.effectiveDate,
        householdId, householdNo, headName: head?.name ?? head?.nameAlphabet ?? null, headNameKana: head?.nameKana ?? null,
        address: { text: h.moveIn.address }, notifiedOn: h.moveIn.notifiedDate, myNumberLookup: null,
      }),
      resident_id: residentId, history_no: 1, recorded_at: processedAt(h.moveIn.notifiedDate),
    };
    rows.resident_version.push(first);
    if (h.moveWithin && moveWithinId) {
      const next: Row = {
        ...first, change_id: moveWithinId, reason: 'move_within', valid_from: h.moveWithin.effectiveDate, history_no: 2,
        recorded_at: processedAt(h.moveWithin.notifiedDate), address: h.moveWithin.address, address_set_on: h.moveWithin.effectiveDate, notified_on: h.moveWithin.notifiedDate,
      };
      rows.resident_version.push({ ...next, ...searchKeys(next as Parameters<typeof searchKeys>[0]) });
    }
  });
  const changes = [{ id: moveInId, move: h.moveIn }, ...(h.moveWithin && moveWithinId ? [{ id: moveWithinId, move: h.moveWithin }] : [])];
  changes.forEach(({ id, move }, n) => {
    rows.household_version.push({
      household_id: householdId, history_no: n + 1, change_id: id, valid_from: move.effectiveDate, recorded_at: processedAt(move.notifiedDate),
      status: 'active', head_resident_id: head ? residentIds[0]! : null,
    });
    residentIds.forEach((residentId, i) => rows.household_version_member.push({ household_id: householdId, history_no: n + 1, member_order: i + 1, resident_id: residentId }));
  });
}
