/**
 * 出生 (4.2.1.2, j810): 職権記載 on the 戸籍届出 or its 通知. The 異動日 is the birth date (1.1.8), the
 * 戸籍届出・通知日 follows it; the child joins a household (the mother's or a parent's, appended last)
 * or forms a new one. No 届出期間 is policed here: the 14 days belong to 戸籍法.
 */
import { recordEntry, type ProcedureResult } from './entry.ts';
import { events } from './events.ts';
import type { BirthInput } from './inputs.ts';
import type { Caller, Deps } from './procedure.ts';

export async function birth(deps: Deps, caller: Caller, input: BirthInput, now: Date = new Date()): Promise<ProcedureResult> {
  return recordEntry(deps, caller, {
    procedure: 'birth',
    function: 'birth',
    reason: 'birth',
    header: { effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate, basis: input.basis, remark: input.remark },
    persons: [input.person],
    personField: () => 'person',
    destination: input.destination,
    dateRules: { procedure: 'birth', birthDate: input.person.birthDate },
    event: (done) => ({
      type: events.born.type,
      version: events.born.version,
      aggregateId: done.householdId,
      payload: {
        changeId: done.changeId, effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate ?? null, lateNotification: done.lateNotification,
        residentId: done.residents[0]!.residentId, addresseeNo: done.residents[0]!.addresseeNo,
        householdId: done.householdId, householdNo: done.householdNo, newHousehold: done.newHousehold,
      },
    }),
  }, now);
}
