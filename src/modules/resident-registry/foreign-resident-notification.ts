/**
 * 法第30条の47の届出 (4.5.2, j920): a person living here who becomes a 中長期在留者, 特別永住者,
 * 一時庇護許可者 or 仮滞在許可者 is entered as for a 国外転入 (異動事由 国外転入等), with the 転入前住所
 * left blank when there is none. 14日 from the day they became one (住基法30条の47) → late flag.
 */
import { recordEntry, type ProcedureResult } from './entry.ts';
import { events } from './events.ts';
import type { ForeignResidentNotificationInput } from './inputs.ts';
import type { Caller, Deps } from './procedure.ts';

export async function registerForeignResident(deps: Deps, caller: Caller, input: ForeignResidentNotificationInput, now: Date = new Date()): Promise<ProcedureResult> {
  return recordEntry(deps, caller, {
    procedure: 'foreign_resident_notification',
    function: 'register-foreign-resident',
    reason: 'move_in_from_abroad',
    header: { effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate, basis: input.basis, remark: input.remark },
    persons: input.persons,
    personField: (i) => `persons[${i}]`,
    destination: input.destination,
    dateRules: { procedure: 'foreign_resident_notification' },
    event: (done) => ({
      type: events.foreignResidentRegistered.type,
      version: events.foreignResidentRegistered.version,
      aggregateId: done.householdId,
      payload: {
        changeId: done.changeId, effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate ?? null, lateNotification: done.lateNotification,
        householdId: done.householdId, householdNo: done.householdNo, newHousehold: done.newHousehold, residents: done.residents,
      },
    }),
  }, now);
}
