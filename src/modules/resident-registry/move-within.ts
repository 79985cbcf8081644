/**
 * 転居 (4.1.2, j630, j470): people move to another address in the municipality. The whole household
 * keeps its 世帯番号 (`same`); a part forms a new household (`new`) or joins one (`existing`). The
 * household left behind keeps its members in order; if its 世帯主 left, the operator may name a new
 * one, otherwise it stays without one as the standard allows (1.1.10, j490: アラート).
 */
import { uuidv7 } from 'uuidv7';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import { events } from './events.ts';
import type { MoveWithinInput } from './inputs.ts';
import { checkMembers, headOf, isHead, memberOf, type Member } from './members.ts';
import { existingHousehold, type ProcedureResult } from './entry.ts';
import { audit, refuseOnErrors, todayInJapan, type Caller, type Deps } from './procedure.ts';
import { currentVersionsOf, type VersionRow } from './queries.ts';
import { checkChangeDates } from './rules/dates.ts';
import { protectionFindings } from './protection.ts';
import { error, type Finding } from './rules/findings.ts';
import { HOUSEHOLD_HEAD, normalizeRelationship } from './rules/relationship.ts';
import { nextVersionColumns } from './snapshot.ts';
import { appendHouseholdVersion, appendResidentVersion, holdHouseholds, insertChange, insertHousehold, lockHousehold, nextNumber, type Row } from './store.ts';

const inOrder = (rows: VersionRow[], ids: readonly string[]) => [...rows].sort((a, b) => ids.indexOf(a.resident_id) - ids.indexOf(b.resident_id));

export async function moveWithin(deps: Deps, caller: Caller, input: MoveWithinInput, now: Date = new Date()): Promise<ProcedureResult> {
  const processedOn = todayInJapan(now);
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const findings: Finding[] = [];
    const lockFinding: Finding[] = [];
    await holdHouseholds(trx, [input.from.householdId, ...(input.destination.type === 'existing' ? [input.destination.household.householdId] : [])]);
    const from = await existingHousehold(trx, input.from, lockFinding);
    findings.push(...lockFinding.map((f) => ({ ...f, field: 'from.householdId' })));
    const dest = input.destination;
    const targetFindings: Finding[] = [];
    const target = dest.type === 'existing' ? await existingHousehold(trx, dest.household, targetFindings) : null;
    findings.push(...targetFindings);
    const fromRows = from ? inOrder(await currentVersionsOf(trx, from.member_ids), from.member_ids) : [];
    const byId = new Map(fromRows.map((r) => [r.resident_id, r]));
    const moving = input.residentIds.map((id, i) => {
      if (!byId.has(id)) findings.push(error(`residentIds[${i}]`, 'household.not-member', '転居する人が転居元の世帯の世帯員ではありません'));
      return byId.get(id);
    }).filter((r): r is VersionRow => r !== undefined);
    const movingIds = new Set(moving.map((r) => r.resident_id));

    const dates = checkChangeDates({
      procedure: 'move_within', basis: input.basis, effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate ?? null, processedOn,
      currentValidFrom: moving.map((r) => r.valid_from).sort().at(-1) ?? null,
    });
    findings.push(...dates.findings);
    findings.push(...(await protectionFindings(trx, caller, input.residentIds, 'residentIds'))); // 異動抑止 (j410)

    // The new 続柄 of each mover; a whole household keeps its own.
    const relationshipOf = new Map(input.relationships.map((r) => [r.residentId, normalizeRelationship(r.relationship)]));
    const remaining = fromRows.filter((r) => !movingIds.has(r.resident_id));
    if (dest.type === 'same' && remaining.length > 0) findings.push(error('destination.type', 'household.partial-same', '世帯の一部の転居は、新しい世帯（new）か既存の世帯（existing）への転居として入力してください'));
    if (dest.type === 'new' && from && remaining.length === 0) findings.push(error('destination.type', 'household.whole-use-same', '世帯全員の転居は、世帯番号を変えない転居（same）として入力してください'));
    if (dest.type !== 'same') {
      moving.forEach((r) => {
        if (!relationshipOf.has(r.resident_id)) findings.push(error(`relationships`, 'required', `異動先世帯での続柄を入力してください（宛名番号 ${r.addressee_no}）`));
      });
    }
    const newHead = input.remainingHeadResidentId;
    if (newHead !== undefined && !remaining.some((r) => r.resident_id === newHead)) {
      findings.push(error('remainingHeadResidentId', 'household.not-member', '新しい世帯主は転居元の世帯に残る世帯員から選んでください'));
    }
    const movers: Member[] = moving.map((r) => ({ ...memberOf(r, `residentIds[${input.residentIds.indexOf(r.resident_id)}]`), relationship: dest.type === 'same' ? r.relationship : (relationshipOf.get(r.resident_id) ?? r.relationship) }));
    const left: Member[] = remaining.map((r) => ({ ...memberOf(r, `from.members[${from!.member_ids.indexOf(r.resident_id)}]`), ...(r.resident_id === newHead ? { relationship: HOUSEHOLD_HEAD } : {}) }));
    const targetRows = target ? inOrder(await currentVersionsOf(trx, target.member_ids), target.member_ids) : [];
    const destination: Member[] = dest.type === 'existing' ? [...targetRows.map((r, i) => memberOf(r, `destination.household.members[${i}]`)), ...movers] : movers;
    findings.push(...checkMembers(destination, 'destination'));
    if (dest.type !== 'same' && left.length > 0) findings.push(...checkMembers(left, 'from'));
    const alerts = refuseOnErrors(findings);

    const changeId = uuidv7();
    await insertChange(trx, {
      id: changeId, procedure: 'move_within', basis: input.basis, effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate ?? null,
      processedOn, operatorId: caller.actor.id, inputLocation: caller.address, lateNotification: dates.lateNotification, remark: input.remark ?? null,
    });
    await lockHousehold(trx, from!.id, input.from.version);
    let to: { id: string; no: string };
    if (dest.type === 'existing') {
      await lockHousehold(trx, target!.id, dest.household.version);
      to = { id: target!.id, no: target!.household_no };
    } else if (dest.type === 'new') {
      to = { id: uuidv7(), no: await nextNumber(trx, 'household') };
      await insertHousehold(trx, to.id, to.no);
    } else {
      to = { id: from!.id, no: from!.household_no };
    }
    const address = dest.type === 'existing' ? addressColumns(targetRows.find((r) => isHead(r.relationship)) ?? targetRows[0]!) : {
      address: dest.address.text, address_supplement: dest.address.supplement ?? null, address_code: dest.address.code ?? null, postal_code: dest.address.postalCode ?? null,
    };
    const toHead = headOf(destination);
    for (const m of movers) {
      await appendResidentVersion(trx, m.residentId, nextVersionColumns(byId.get(m.residentId)!, {
        change_id: changeId, reason: 'move_within', valid_from: input.effectiveDate, ...address, address_set_on: input.effectiveDate, address_set_on_notation: null,
        notified_on: input.notifiedDate ?? null, household_id: to.id, household_no: to.no, relationship: m.relationship,
        household_head_name: toHead?.name ?? null, household_head_name_kana: toHead?.nameKana ?? null,
      }), byId.get(m.residentId)!.lock_version);
    }
    const fromHead = headOf(left);
    const oldHeadLeft = dest.type !== 'same' && moving.some((r) => isHead(r.relationship));
    if (oldHeadLeft) {
      // The 世帯主 on each remaining member's 住民票 changes with the household's head.
      for (const m of left) {
        const current = byId.get(m.residentId)!;
        const changes: Row = {
          change_id: changeId, reason: fromHead ? 'household_head_change' : 'move_within', valid_from: input.effectiveDate, relationship: m.relationship,
          household_head_name: fromHead?.name ?? null, household_head_name_kana: fromHead?.nameKana ?? null,
        };
        await appendResidentVersion(trx, m.residentId, nextVersionColumns(current, changes), current.lock_version);
      }
    }
    if (dest.type !== 'same') {
      await appendHouseholdVersion(trx, {
        householdId: from!.id, changeId, validFrom: input.effectiveDate, status: left.length > 0 ? 'active' : 'dissolved',
        headResidentId: fromHead?.residentId ?? null, memberIds: left.map((m) => m.residentId),
      });
    }
    await appendHouseholdVersion(trx, { householdId: to.id, changeId, validFrom: input.effectiveDate, status: 'active', headResidentId: toHead?.residentId ?? null, memberIds: destination.map((m) => m.residentId) });
    const residents = moving.map((r) => ({ residentId: r.resident_id, addresseeNo: r.addressee_no }));
    await deps.events.publish(trx, {
      type: events.movedWithin.type, version: events.movedWithin.version, aggregateId: to.id,
      payload: {
        changeId, effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate ?? null, lateNotification: dates.lateNotification,
        fromHouseholdId: from!.id, toHouseholdId: to.id, toHouseholdNo: to.no, residents, remainingHouseholdHeadless: dest.type !== 'same' && left.length > 0 && !fromHead,
      },
    });
    const households = [...new Set([from!.id, to.id])].map((id) => ({ kind: 'household', id }));
    await audit(trx, caller, {
      function: 'move-within', category: 'record',
      targets: [{ kind: 'resident-change', id: changeId }, ...households, ...residents.map((r) => ({ kind: 'resident', id: r.residentId }))],
    });
    return { changeId, lateNotification: dates.lateNotification, alerts, household: { householdId: to.id, householdNo: to.no }, residents };
  });
}

const addressColumns = (r: VersionRow): Row => ({ address: r.address, address_supplement: r.address_supplement, address_code: r.address_code, postal_code: r.postal_code });
