/**
 * People leaving the registry — 転出 (4.1.3) and 死亡・失踪宣告 (4.2.2) — as 除票 versions from the
 * 異動日 on. Those left behind keep their order; a departing 世帯主 may be replaced by a named member,
 * otherwise the household stays without one with an アラート, as the standard allows (1.1.10 世帯主
 * 未設定を許容, j490; README open question 1); nobody left dissolves the household.
 */
import { uuidv7 } from 'uuidv7';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import type { NewEvent } from '../../platform/events/types.ts';
import type { ChangeBasis, ChangeReason, Procedure, ResidentStatus } from './model.ts';
import { checkMembers, headOf, isHead, memberOf, type Member } from './members.ts';
import { existingHousehold, type ProcedureResult } from './entry.ts';
import { audit, refuseOnErrors, todayInJapan, type Caller, type Deps } from './procedure.ts';
import { currentVersionsOf, type VersionRow } from './queries.ts';
import { checkChangeDates, type ChangeDateInput } from './rules/dates.ts';
import { protectionFindings } from './protection.ts';
import { error, type Finding } from './rules/findings.ts';
import { HOUSEHOLD_HEAD } from './rules/relationship.ts';
import { nextVersionColumns } from './snapshot.ts';
import { appendHouseholdVersion, appendResidentVersion, insertChange, lockHousehold, type Row } from './store.ts';

export interface DepartureSpec {
  procedure: Procedure;
  function: string;
  reason: ChangeReason;
  status: ResidentStatus;
  header: { effectiveDate: string; notifiedDate?: string | undefined; basis: ChangeBasis; remark?: string | undefined };
  household: { householdId: string; version: number };
  residentIds: string[];
  remainingHeadResidentId?: string | undefined;
  dateRules: (leaving: readonly VersionRow[]) => Omit<ChangeDateInput, 'processedOn' | 'basis' | 'effectiveDate' | 'notifiedDate'>;
  /** 除票 items beyond 消除事由 and its date (転出先 …). */
  removal: Row;
  event: (done: { changeId: string; residents: ProcedureResult['residents']; lateNotification: boolean; exOfficio: boolean; dissolved: boolean; headless: boolean }) => NewEvent;
}

export async function recordDeparture(deps: Deps, caller: Caller, spec: DepartureSpec, now: Date = new Date()): Promise<ProcedureResult & { exOfficio: boolean }> {
  const processedOn = todayInJapan(now);
  const input = { ...spec.header, household: spec.household, residentIds: spec.residentIds, remainingHeadResidentId: spec.remainingHeadResidentId };
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const findings: Finding[] = [];
    const lookup: Finding[] = [];
    const household = await existingHousehold(trx, input.household, lookup);
    findings.push(...lookup.map((f) => ({ ...f, field: 'household.householdId' })));
    const ids = household?.member_ids ?? [];
    const rows = (await currentVersionsOf(trx, ids)).sort((a, b) => ids.indexOf(a.resident_id) - ids.indexOf(b.resident_id));
    const byId = new Map(rows.map((r) => [r.resident_id, r]));
    const leaving: VersionRow[] = [];
    input.residentIds.forEach((id, i) => {
      const row = byId.get(id);
      if (!row) findings.push(error(spec.residentIds.length === 1 ? 'residentId' : `residentIds[${i}]`, 'household.not-member', '対象の住民がこの世帯の世帯員ではありません'));
      else leaving.push(row);
    });
    const leavingIds = new Set(leaving.map((r) => r.resident_id));
    const dates = checkChangeDates({
      ...spec.dateRules(leaving), basis: input.basis, effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate ?? null, processedOn,
    });
    findings.push(...dates.findings);
    findings.push(...(await protectionFindings(trx, caller, input.residentIds, 'residentIds'))); // 異動抑止 (j410)
    const newHead = input.remainingHeadResidentId;
    const remaining = rows.filter((r) => !leavingIds.has(r.resident_id));
    if (newHead !== undefined && !remaining.some((r) => r.resident_id === newHead)) {
      findings.push(error('remainingHeadResidentId', 'household.not-member', '新しい世帯主は世帯に残る世帯員から選んでください'));
    }
    const left: Member[] = remaining.map((r) => ({ ...memberOf(r, `household.members[${ids.indexOf(r.resident_id)}]`), ...(r.resident_id === newHead ? { relationship: HOUSEHOLD_HEAD } : {}) }));
    if (left.length > 0) findings.push(...checkMembers(left, 'household'));
    const alerts = refuseOnErrors(findings);

    const changeId = uuidv7();
    await insertChange(trx, {
      id: changeId, procedure: spec.procedure, basis: dates.exOfficio ? 'ex_officio' : input.basis, effectiveDate: input.effectiveDate,
      notifiedDate: input.notifiedDate ?? null, processedOn, operatorId: caller.actor.id, inputLocation: caller.address,
      lateNotification: dates.lateNotification, remark: input.remark ?? null,
    });
    await lockHousehold(trx, household!.id, input.household.version);
    const reason = spec.reason;
    for (const r of leaving) {
      await appendResidentVersion(trx, r.resident_id, nextVersionColumns(r, {
        change_id: changeId, reason, valid_from: input.effectiveDate, status: spec.status, notified_on: input.notifiedDate ?? null,
        removal_reason: reason, removal_event_date: input.effectiveDate, ...spec.removal,
      }), r.lock_version);
    }
    const head = headOf(left);
    if (leaving.some((r) => isHead(r.relationship))) {
      // The 世帯主 on each remaining member's 住民票 changes with the household's head.
      for (const m of left) {
        const current = byId.get(m.residentId)!;
        await appendResidentVersion(trx, m.residentId, nextVersionColumns(current, {
          change_id: changeId, reason: head ? 'household_head_change' : reason, valid_from: input.effectiveDate, relationship: m.relationship,
          household_head_name: head?.name ?? null, household_head_name_kana: head?.nameKana ?? null,
        }), current.lock_version);
      }
    }
    await appendHouseholdVersion(trx, {
      householdId: household!.id, changeId, validFrom: input.effectiveDate, status: left.length > 0 ? 'active' : 'dissolved',
      headResidentId: head?.residentId ?? null, memberIds: left.map((m) => m.residentId),
    });
    const residents = leaving.map((r) => ({ residentId: r.resident_id, addresseeNo: r.addressee_no }));
    await deps.events.publish(trx, spec.event({
      changeId, residents, lateNotification: dates.lateNotification, exOfficio: dates.exOfficio, dissolved: left.length === 0, headless: left.length > 0 && !head,
    }));
    await audit(trx, caller, {
      function: spec.function, category: 'record',
      targets: [{ kind: 'resident-change', id: changeId }, { kind: 'household', id: household!.id }, ...residents.map((r) => ({ kind: 'resident', id: r.residentId }))],
    });
    return {
      changeId, lateNotification: dates.lateNotification, exOfficio: dates.exOfficio, alerts,
      household: { householdId: household!.id, householdNo: household!.household_no }, residents,
    };
  });
}
