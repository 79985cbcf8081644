/**
 * 職権記載 (4.2.1.1 住所設定・未届転入, j800, j620) and 職権消除 (4.2.2, j750): the municipality
 * enters or removes a person without a 届出, e.g. after a 実態調査. They run as 転入 and 転出 do
 * (4.2.0.2 届出の準用, j760) except for the 届出日: none, or the 申出日 when acting on a 申出
 * (4.2.0.5, j790, defaulting to the 処理日).
 */
import { recordDeparture } from './departure.ts';
import { recordEntry, type ProcedureResult } from './entry.ts';
import { correctionEvents } from './events-corrections.ts';
import type { ExOfficioEntryInput, ExOfficioRemovalInput } from './inputs-corrections.ts';
import { todayInJapan, type Caller, type Deps } from './procedure.ts';

/** 申出日 defaults to the 処理日 (4.2.0.5); purely ex officio there is none. */
export const requestDate = (input: { basis: 'ex_officio' | 'request'; notifiedDate?: string | undefined }, now: Date): string | undefined =>
  input.basis === 'request' ? (input.notifiedDate ?? todayInJapan(now)) : undefined;

/**
 * j620/j800: a 未届転入 carries in its 留意事項 that it was one, with the unreported 転入前住所;
 * the operator's own remark follows.
 */
function entryRemark(input: ExOfficioEntryInput): string | undefined {
  if (input.kind !== 'unreported_move_in') return input.remark;
  const addresses = [...new Set(input.persons.map((p) => p.previousAddress?.text ?? ''))].join('、');
  return [`未届転入（転入前住所（未届）: ${addresses}）`, input.remark].filter(Boolean).join('\n');
}

export async function exOfficioEntry(deps: Deps, caller: Caller, input: ExOfficioEntryInput, now: Date = new Date()): Promise<ProcedureResult> {
  const notifiedDate = requestDate(input, now);
  return recordEntry(deps, caller, {
    procedure: 'ex_officio_entry',
    function: 'ex-officio-entry',
    reason: 'ex_officio_entry',
    header: { effectiveDate: input.effectiveDate, notifiedDate, basis: input.basis, remark: entryRemark(input) },
    persons: input.persons,
    personField: (i) => `persons[${i}]`,
    destination: input.destination,
    dateRules: { procedure: 'ex_officio_entry' },
    event: (done) => ({
      type: correctionEvents.enteredExOfficio.type,
      version: correctionEvents.enteredExOfficio.version,
      aggregateId: done.householdId,
      payload: {
        changeId: done.changeId, effectiveDate: input.effectiveDate, notifiedDate: notifiedDate ?? null, kind: input.kind,
        householdId: done.householdId, householdNo: done.householdNo, newHousehold: done.newHousehold, residents: done.residents,
      },
    }),
  }, now);
}

export async function exOfficioRemoval(deps: Deps, caller: Caller, input: ExOfficioRemovalInput, now: Date = new Date()): Promise<ProcedureResult> {
  const notifiedDate = requestDate(input, now);
  const { exOfficio: _, ...result } = await recordDeparture(deps, caller, {
    procedure: 'ex_officio_removal',
    function: 'ex-officio-removal',
    reason: 'ex_officio_removal',
    status: 'removed',
    header: { effectiveDate: input.effectiveDate, notifiedDate, basis: input.basis, remark: input.remark },
    household: input.household,
    residentIds: input.residentIds,
    remainingHeadResidentId: input.remainingHeadResidentId,
    dateRules: (leaving) => ({ procedure: 'ex_officio_removal', currentValidFrom: leaving.map((r) => r.valid_from).sort().at(-1) ?? null }),
    removal: {},
    event: (done) => ({
      type: correctionEvents.removedExOfficio.type,
      version: correctionEvents.removedExOfficio.version,
      aggregateId: input.household.householdId,
      payload: {
        changeId: done.changeId, effectiveDate: input.effectiveDate, notifiedDate: notifiedDate ?? null, householdId: input.household.householdId,
        residents: done.residents, householdDissolved: done.dissolved, remainingHouseholdHeadless: done.headless,
      },
    }),
  }, now);
  return result;
}
