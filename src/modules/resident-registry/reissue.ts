/**
 * 改製 (1.1.4, j40): a new 住民票（原票） for a household, or some of its members, at any time (never
 * automatically: the 原票 has no size limit). Each person gets a version with 異動事由 改製 (`reissue_entry`)
 * from the 改製年月日 on, the same items as before; it marks where the new 原票 starts, so a certificate
 * "with history" prints from there (certificates/selection.ts) and the versions before it are the
 * 改製原住民票's. The 改製年月日 is that version's 異動日, queryable in the 異動履歴 (j350).
 */
import { uuidv7 } from 'uuidv7';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import { existingHousehold, type ProcedureResult } from './entry.ts';
import { events } from './events.ts';
import type { ReissueInput } from './inputs.ts';
import { audit, refuseOnErrors, todayInJapan, type Caller, type Deps } from './procedure.ts';
import { currentVersionsOf } from './queries.ts';
import { checkChangeDates } from './rules/dates.ts';
import { error, type Finding } from './rules/findings.ts';
import { nextVersionColumns } from './snapshot.ts';
import { appendResidentVersion, insertChange, lockHousehold } from './store.ts';

export async function reissue(deps: Deps, caller: Caller, input: ReissueInput, now: Date = new Date()): Promise<ProcedureResult> {
  const processedOn = todayInJapan(now);
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const findings: Finding[] = [];
    const lookup: Finding[] = [];
    const household = await existingHousehold(trx, input.household, lookup);
    findings.push(...lookup.map((f) => ({ ...f, field: 'household.householdId' })));
    const members = household?.member_ids ?? [];
    const chosen = input.residentIds ?? members;
    chosen.forEach((id, i) => {
      if (!members.includes(id)) findings.push(error(`residentIds[${i}]`, 'household.not-member', '改製する人がこの世帯の世帯員ではありません'));
    });
    const rows = (await currentVersionsOf(trx, chosen.filter((id) => members.includes(id)))).sort((a, b) => members.indexOf(a.resident_id) - members.indexOf(b.resident_id));
    const dates = checkChangeDates({
      procedure: 'reissue', basis: 'ex_officio', effectiveDate: input.effectiveDate, notifiedDate: null, processedOn,
      currentValidFrom: rows.map((r) => r.valid_from).sort().at(-1) ?? null,
    });
    findings.push(...dates.findings);
    const alerts = refuseOnErrors(findings);

    const changeId = uuidv7();
    await insertChange(trx, {
      id: changeId, procedure: 'reissue', basis: 'ex_officio', effectiveDate: input.effectiveDate, notifiedDate: null, processedOn,
      operatorId: caller.actor.id, inputLocation: caller.address, lateNotification: false, remark: input.remark ?? null,
    });
    // The household's lock moves on: a screen read before the 改製 must read again.
    await lockHousehold(trx, household!.id, input.household.version);
    for (const r of rows) {
      await appendResidentVersion(trx, r.resident_id, nextVersionColumns(r, { change_id: changeId, reason: 'reissue_entry', valid_from: input.effectiveDate }), r.lock_version);
    }
    const residents = rows.map((r) => ({ residentId: r.resident_id, addresseeNo: r.addressee_no }));
    await deps.events.publish(trx, {
      type: events.reissued.type, version: events.reissued.version, aggregateId: household!.id,
      payload: { changeId, effectiveDate: input.effectiveDate, householdId: household!.id, residents },
    });
    await audit(trx, caller, {
      function: 'reissue', category: 'record',
      targets: [{ kind: 'resident-change', id: changeId }, { kind: 'household', id: household!.id }, ...residents.map((r) => ({ kind: 'resident', id: r.residentId }))],
    });
    return { changeId, lateNotification: false, alerts, household: { householdId: household!.id, householdNo: household!.household_no }, residents };
  });
}
