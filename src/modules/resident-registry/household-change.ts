/**
 * 世帯変更 (4.1.4: 世帯分離, 世帯合併, 世帯変更, 世帯主変更; j720–j740) and 世帯員の並び替え (5.2,
 * j1010): households change while nobody's address does (j720 【実装しない機能】). One 異動 per
 * request; a person version for everyone whose household, 続柄 or 世帯主の氏名 changes; a household
 * version for every household touched, each locked at the version the operator saw (409 when stale).
 * The plan (members, 続柄, findings) is household-change-plan.ts.
 *
 * Dates: a 届出 under 住基法25条, 14日 (rules/dates.ts). A 並び替え is no 届出 and has no period.
 */
import { uuidv7 } from 'uuidv7';
import { inTenant, type Trx } from '../../platform/db/tenant-scope.ts';
import { existingHousehold, type ProcedureResult } from './entry.ts';
import { events } from './events.ts';
import { planHouseholdChange, type HouseholdChangeKind, type HouseholdRole } from './household-change-plan.ts';
import type { HouseholdChangeInput } from './inputs.ts';
import { protectionFindings } from './protection.ts';
import { audit, refuseOnErrors, todayInJapan, type Caller, type Deps } from './procedure.ts';
import { currentVersionsOf, type HouseholdRow, type VersionRow } from './queries.ts';
import { checkChangeDates } from './rules/dates.ts';
import { error, type Finding } from './rules/findings.ts';
import { nextVersionColumns } from './snapshot.ts';
import { appendHouseholdVersion, appendResidentVersion, holdHouseholds, insertChange, insertHousehold, lockHousehold, nextNumber } from './store.ts';

export interface HouseholdChangeResult extends ProcedureResult {
  kind: HouseholdChangeKind;
  /** Every household touched, as the 異動 left it. */
  households: { householdId: string; householdNo: string; role: HouseholdRole; status: 'active' | 'dissolved'; headResidentId: string | null }[];
}

/** The household the result names first: where the persons ended up, or the one changed. */
const PRIMARY: Record<HouseholdChangeKind, HouseholdRole> = { separation: 'new', merger: 'target', change: 'target', head_change: 'source', reorder: 'source' };

export async function changeHousehold(deps: Deps, caller: Caller, input: HouseholdChangeInput, now: Date = new Date()): Promise<HouseholdChangeResult> {
  const processedOn = todayInJapan(now);
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const findings: Finding[] = [];
    if (input.effectiveDateNotation !== undefined) findings.push(error('effectiveDateNotation', 'dates.notation-not-allowed', '世帯変更の異動日は不詳にできません（1.1.8 不詳日は出生・死亡等に限る）'));
    await holdHouseholds(trx, [input.household.householdId, ...('target' in input ? [input.target.householdId] : [])]);
    const source = await lockedHousehold(trx, input.household, 'household', findings);
    let target: HouseholdRow | null = null;
    if (input.kind === 'merger' || input.kind === 'change') {
      if (input.target.householdId === input.household.householdId) findings.push(error('target.householdId', 'household.same-household', '異動先には異動元と別の世帯を選んでください'));
      else target = await lockedHousehold(trx, input.target, 'target', findings);
    }
    const dateRules = (current: (string | null)[]) => {
      const outcome = checkChangeDates({
        procedure: 'household_change', basis: input.basis, effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate ?? null, processedOn,
        currentValidFrom: current.filter((d): d is string => d !== null).sort().at(-1) ?? null,
      });
      // 並び替え is the 市区町村長's or a 申出, not a 届出 under 25条: no 届出期間 (5.2).
      if (input.kind !== 'reorder') return outcome;
      return { ...outcome, lateNotification: false, findings: outcome.findings.filter((f) => f.rule !== 'dates.late-notification') };
    };
    if (!source || findings.some((f) => f.severity === 'error')) {
      refuseOnErrors([...findings, ...dateRules([]).findings]);
      throw new Error('unreachable: refuseOnErrors throws on errors');
    }
    const sourceRows = await membersOf(trx, source);
    const targetRows = target ? await membersOf(trx, target) : [];
    const plan = planHouseholdChange(input, { source, sourceRows, target, targetRows });
    findings.push(...plan.findings);
    const touched = plan.updates.map((u) => u.row.resident_id);
    findings.push(...(await protectionFindings(trx, caller, touched, input.kind === 'separation' || input.kind === 'change' ? 'residentIds' : 'household'))); // 異動抑止 (j410)
    const dates = dateRules([source.valid_from, target?.valid_from ?? null, ...plan.updates.map((u) => u.row.valid_from)]);
    findings.push(...dates.findings);
    const alerts = refuseOnErrors(findings);

    const changeId = uuidv7();
    await insertChange(trx, {
      id: changeId, procedure: 'household_change', basis: input.basis, effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate ?? null,
      processedOn, operatorId: caller.actor.id, inputLocation: caller.address, lateNotification: dates.lateNotification, remark: input.remark ?? null,
    });
    // In id order, so two requests locking the same two households cannot deadlock.
    const locks: [string, number][] = [[source.id, input.household.version], ...(target && 'target' in input ? [[target.id, input.target.version] as [string, number]] : [])];
    for (const [id, version] of locks.sort(([a], [b]) => (a < b ? -1 : 1))) await lockHousehold(trx, id, version);
    const ids = new Map<HouseholdRole, { id: string; no: string }>([['source', { id: source.id, no: source.household_no }]]);
    if (target) ids.set('target', { id: target.id, no: target.household_no });
    if (plan.households.some((h) => h.role === 'new')) {
      const created = { id: uuidv7(), no: await nextNumber(trx, 'household') };
      await insertHousehold(trx, created.id, created.no);
      ids.set('new', created);
    }
    // Address, 住所を定めた日 and 届出の年月日 stay: they belong to the address, which does not change.
    for (const u of plan.updates) {
      const to = ids.get(u.role)!;
      await appendResidentVersion(trx, u.row.resident_id, nextVersionColumns(u.row, {
        change_id: changeId, reason: u.reason, valid_from: input.effectiveDate, household_id: to.id, household_no: to.no,
        relationship: u.relationship, household_head_name: u.headName, household_head_name_kana: u.headNameKana,
      }), u.row.lock_version);
    }
    const households: HouseholdChangeResult['households'] = [];
    for (const h of plan.households) {
      const { id, no } = ids.get(h.role)!;
      const status = h.members.length > 0 ? 'active' : 'dissolved';
      await appendHouseholdVersion(trx, { householdId: id, changeId, validFrom: input.effectiveDate, status, headResidentId: h.headId, memberIds: h.members.map((m) => m.residentId) });
      households.push({ householdId: id, householdNo: no, role: h.role, status, headResidentId: h.headId });
    }

    const primary = households.find((h) => h.role === PRIMARY[input.kind])!;
    const fromTo = (u: (typeof plan.updates)[number]) => ({ fromHouseholdId: source.id, toHouseholdId: ids.get(u.role)!.id });
    const residents = plan.updates.map((u) => ({ residentId: u.row.resident_id, addresseeNo: u.row.addressee_no }));
    await deps.events.publish(trx, {
      type: events.householdChanged.type, version: events.householdChanged.version, aggregateId: primary.householdId,
      payload: {
        changeId, kind: input.kind, effectiveDate: input.effectiveDate, notifiedDate: input.notifiedDate ?? null, lateNotification: dates.lateNotification,
        households: plan.households.map((h, i) => ({
          ...households[i]!, previousHeadResidentId: h.existing ? h.previousHeadId : null,
          dissolved: h.members.length === 0, headless: h.members.length > 0 && h.headId === null,
        })),
        movedResidents: plan.updates.filter((u) => u.moved).map((u) => ({ residentId: u.row.resident_id, addresseeNo: u.row.addressee_no, ...fromTo(u) })),
        updatedResidents: residents,
      },
    });
    await audit(trx, caller, {
      function: 'household-change', category: 'record',
      targets: [{ kind: 'resident-change', id: changeId }, ...households.map((h) => ({ kind: 'household', id: h.householdId })), ...residents.map((r) => ({ kind: 'resident', id: r.residentId }))],
    });
    return {
      changeId, kind: input.kind, lateNotification: dates.lateNotification, alerts,
      household: { householdId: primary.householdId, householdNo: primary.householdNo }, residents, households,
    };
  });
}

/** A household of the request at the version the operator saw (409 when stale), findings at `field`. */
async function lockedHousehold(trx: Trx, lock: { householdId: string; version: number }, field: string, findings: Finding[]): Promise<HouseholdRow | null> {
  const found: Finding[] = [];
  const household = await existingHousehold(trx, lock, found);
  findings.push(...found.map((f) => ({ ...f, field: `${field}.householdId` })));
  return household;
}

async function membersOf(trx: Trx, household: HouseholdRow): Promise<VersionRow[]> {
  const ids = household.member_ids;
  return (await currentVersionsOf(trx, ids)).sort((a, b) => ids.indexOf(a.resident_id) - ids.indexOf(b.resident_id));
}

