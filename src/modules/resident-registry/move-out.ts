/**
 * 転出 (4.1.3, j640–j670, j50): people leave for another municipality or abroad. The 異動日 is the
 * 転出予定日 and may lie ahead: the person stays a resident until that day (README: Bitemporal scheme).
 * A 届出 more than 14 days after the move is recorded ex officio and flagged late (j640).
 */
import { recordDeparture } from './departure.ts';
import { events } from './events.ts';
import type { MoveOutInput } from './inputs.ts';
import type { Caller, Deps } from './procedure.ts';

export async function moveOut(deps: Deps, caller: Caller, input: MoveOutInput, now: Date = new Date()) {
  const d = input.destination;
  return recordDeparture(deps, caller, {
    procedure: 'move_out',
    function: 'move-out',
    reason: input.kind === 'abroad' ? 'move_out_abroad' : 'domestic_move_out',
    status: 'moved_out',
    header: { effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate, basis: input.basis, remark: input.remark },
    household: input.household,
    residentIds: input.residentIds,
    remainingHeadResidentId: input.remainingHeadResidentId,
    dateRules: (leaving) => ({ procedure: 'move_out', currentValidFrom: leaving.map((r) => r.valid_from).sort().at(-1) ?? null }),
    removal: {
      move_out_destination: d.text, move_out_destination_abroad: d.abroad || input.kind === 'abroad',
      move_out_destination_code: d.code ?? null, move_out_destination_postal_code: d.postalCode ?? null,
    },
    event: (done) => ({
      type: events.movedOut.type,
      version: events.movedOut.version,
      aggregateId: input.household.householdId,
      payload: {
        changeId: done.changeId, effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate ?? null, lateNotification: done.lateNotification,
        kind: input.kind, exOfficio: done.exOfficio, householdId: input.household.householdId, residents: done.residents,
        householdDissolved: done.dissolved, remainingHouseholdHeadless: done.headless,
      },
    }),
  }, now);
}
