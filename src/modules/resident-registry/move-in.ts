/**
 * 転入 (4.1.1, j560–j620, j910): persons from another municipality or from abroad enter the registry,
 * forming a new household (全部) or joining one (一部, appended last, j1010). 国外からの転入 and
 * 法30条の46 are recorded as 国外転入等; 特例転入 is held to its 14 and 30 days (rules/dates.ts).
 */
import { recordEntry, type ProcedureResult } from './entry.ts';
import { events } from './events.ts';
import type { MoveInInput } from './inputs.ts';
import type { Caller, Deps } from './procedure.ts';

export async function moveIn(deps: Deps, caller: Caller, input: MoveInInput, now: Date = new Date()): Promise<ProcedureResult> {
  const header = { effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate, basis: input.basis, remark: input.remark };
  return recordEntry(deps, caller, {
    procedure: 'move_in',
    function: 'move-in',
    reason: input.kind === 'from_abroad' || input.kind === 'article_30_46' ? 'move_in_from_abroad' : 'domestic_move_in',
    header,
    persons: input.persons,
    personField: (i) => `persons[${i}]`,
    destination: input.destination,
    dateRules: { procedure: 'move_in', moveInKind: input.kind, plannedMoveOutDate: input.plannedMoveOutDate ?? null },
    event: (done) => ({
      type: events.movedIn.type,
      version: events.movedIn.version,
      aggregateId: done.householdId,
      payload: {
        changeId: done.changeId, effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate ?? null, lateNotification: done.lateNotification,
        kind: input.kind, householdId: done.householdId, householdNo: done.householdNo, newHousehold: done.newHousehold, residents: done.residents,
      },
    }),
  }, now);
}
