/**
 * 死亡 (4.2.2.1, j820) and 失踪宣告 (4.2.2.2, j830): 職権消除 on the 戸籍届出 or its 通知. The 異動日 is
 * the date of death (or the date the disappearance is deemed death), not before the birth date; the
 * notice follows it. A deceased 世帯主 may be succeeded by a named member; otherwise the household
 * stays without a head with an アラート, as README open question 1 records the standard's rule (j100).
 */
import { recordDeparture } from './departure.ts';
import { events } from './events.ts';
import type { DeathInput } from './inputs.ts';
import type { Caller, Deps } from './procedure.ts';

export async function death(deps: Deps, caller: Caller, input: DeathInput, now: Date = new Date()) {
  return recordDeparture(deps, caller, {
    procedure: 'death',
    function: 'death',
    reason: input.kind === 'death' ? 'death' : 'ex_officio_removal',
    status: input.kind === 'death' ? 'deceased' : 'removed',
    header: { effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate, basis: input.basis, remark: input.remark },
    household: input.household,
    residentIds: [input.residentId],
    remainingHeadResidentId: input.remainingHeadResidentId,
    dateRules: (leaving) => ({ procedure: 'death', birthDate: leaving[0]?.birth_date ?? null, currentValidFrom: leaving[0]?.valid_from ?? null }),
    removal: {},
    event: (done) => ({
      type: events.died.type,
      version: events.died.version,
      aggregateId: input.household.householdId,
      payload: {
        changeId: done.changeId, effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate ?? null, lateNotification: done.lateNotification,
        kind: input.kind, residentId: input.residentId, addresseeNo: done.residents[0]!.addresseeNo, householdId: input.household.householdId,
        householdDissolved: done.dissolved, remainingHouseholdHeadless: done.headless,
      },
    }),
  }, now);
}
