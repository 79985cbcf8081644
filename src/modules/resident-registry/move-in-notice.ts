/**
 * 転入通知の受理 (4.1.3.1.1 j680, j700; 1.1.5 j50): the municipality a person moved to reports the
 * 転入. The 除票 gets its 転入通知年月日, 転出先住所（確定） and 転出年月日（確定）, whether or not the
 * 転出予定年月日 has come, without overwriting the 転出先住所（予定） or the 転出予定年月日: the 転出
 * version is re-issued with them (superseding it, README: Bitemporal scheme). A person removed ex
 * officio (実態調査) takes the notice too.
 *
 * 消除日 = the earlier of 転出予定年月日 and 転入日 (j50): when the 転入 came first, the re-issued 除票
 * starts on the 転入日, and so do the household's versions of that 転出 when it took this person alone
 * and nothing has been recorded on them since; otherwise only the person's 除票 moves, with an アラート.
 */
import { uuidv7 } from 'uuidv7';
import { inTenant, type Trx } from '../../platform/db/tenant-scope.ts';
import { NotFoundError } from '../../platform/errors.ts';
import type { MoveInNoticeInput } from './inputs.ts';
import type { ProcedureResult } from './entry.ts';
import { events } from './events.ts';
import { audit, refuseOnErrors, todayInJapan, type Caller, type Deps } from './procedure.ts';
import { awaitingMoveInNotice, currentVersionsOf, householdHistoryOf, touchedBy, versionHistoryOf, type VersionRow } from './queries.ts';
import { alert, error, type Finding } from './rules/findings.ts';
import { nextVersionColumns } from './snapshot.ts';
import { appendSupersedingHouseholdVersion, appendSupersedingVersion, insertChange } from './store.ts';
import { asStored, liveBefore, liveVersions } from './supersession.ts';


const TAKES_NOTICE = new Set(['domestic_move_out', 'ex_officio_removal']);

export async function receiveMoveInNotice(deps: Deps, caller: Caller, input: MoveInNoticeInput, now: Date = new Date()): Promise<ProcedureResult> {
  const processedOn = todayInJapan(now);
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const [current] = await currentVersionsOf(trx, [input.person.residentId]);
    if (!current) throw new NotFoundError('対象の住民は記録されていません');
    const findings: Finding[] = [];
    const removal = String(current.removal_reason ?? '');
    if (!TAKES_NOTICE.has(removal)) {
      findings.push(error('person.residentId', 'move-in-notice.not-moved-out', '国内転出又は職権消除により除票となった者だけが転入通知を受理できます'));
    }
    if (input.noticeOn > processedOn) findings.push(error('noticeOn', 'dates.future', `転入通知年月日 ${input.noticeOn} が処理日 ${processedOn} より後です`));
    if (input.movedInOn > input.noticeOn) findings.push(error('movedInOn', 'dates.order', `転入日 ${input.movedInOn} が転入通知年月日 ${input.noticeOn} より後です`));
    if (current.move_in_notice_on) findings.push(alert('noticeOn', 'move-in-notice.again', `転入通知（${String(current.move_in_notice_on)}）は受理済みです。内容を今回の通知で修正します`));
    // Only a 転出 is removed on the earlier day (j50); an ex-officio removal keeps its own date.
    const redate = removal === 'domestic_move_out' && input.movedInOn < current.valid_from;
    const history = await versionHistoryOf(trx, [current.resident_id]);
    const before = liveBefore(history, history.find((v) => v.history_no === current.history_no)!);
    if (redate && before && input.movedInOn < before.valid_from) {
      findings.push(error('movedInOn', 'move-in-notice.before-previous-state', `転入日 ${input.movedInOn} が転出前の記録の異動日 ${before.valid_from} より前です`));
    }
    const household = redate && findings.length === 0 ? await householdRedating(trx, current) : null;
    if (redate && household === null) {
      findings.push(alert('movedInOn', 'move-in-notice.household-not-redated', '転出で同時に異動した世帯員がいるか、その後の異動があるため、世帯の記録は転出予定年月日のままです（除票は転入日で消除します）'));
    }
    const alerts = refuseOnErrors(findings);

    const changeId = uuidv7();
    const validFrom = redate ? input.movedInOn : current.valid_from;
    await insertChange(trx, {
      id: changeId, procedure: 'move_in_notice', basis: 'notification', effectiveDate: validFrom, notifiedDate: input.noticeOn, processedOn,
      operatorId: caller.actor.id, inputLocation: caller.address, lateNotification: false, remark: input.remark ?? null,
    });
    const d = input.confirmedDestination;
    await appendSupersedingVersion(trx, current.resident_id, nextVersionColumns(current, {
      change_id: changeId, valid_from: validFrom, move_in_notice_on: input.noticeOn, moved_out_on: input.movedInOn,
      move_out_confirmed_destination: d.text, move_out_confirmed_destination_code: d.code ?? null, move_out_confirmed_destination_postal_code: d.postalCode ?? null,
    }), current.history_no, input.person.version);
    for (const v of household?.members ?? []) {
      await appendSupersedingVersion(trx, v.resident_id, nextVersionColumns(asStored(v), { change_id: changeId, valid_from: validFrom }), v.history_no);
    }
    for (const h of household?.households ?? []) {
      await appendSupersedingHouseholdVersion(trx, {
        householdId: h.household_id, changeId, validFrom, status: h.status, headResidentId: h.head_resident_id, memberIds: h.member_ids,
      }, h.history_no);
    }
    const residents = [{ residentId: current.resident_id, addresseeNo: current.addressee_no }];
    await deps.events.publish(trx, {
      type: events.moveOutConfirmed.type, version: events.moveOutConfirmed.version, aggregateId: current.household_id,
      payload: { changeId, residentId: current.resident_id, addresseeNo: current.addressee_no, noticeOn: input.noticeOn, movedOutOn: input.movedInOn, removedFrom: validFrom, redated: redate },
    });
    await audit(trx, caller, {
      function: 'receive-move-in-notice', category: 'record',
      targets: [{ kind: 'resident-change', id: changeId }, { kind: 'resident', id: current.resident_id }, ...(household?.households ?? []).map((h) => ({ kind: 'household', id: h.household_id }))],
    });
    return { changeId, lateNotification: false, alerts, household: { householdId: current.household_id, householdNo: String(current.household_no) }, residents };
  });
}

/**
 * The other versions the 転出 wrote (the members left behind, the household), when the 転出 took this
 * person alone and each is still the latest live version of its person or household: they move to the
 * 転入日 with the 除票. Null when that cannot be done without rewriting later history.
 */
async function householdRedating(trx: Trx, removal: VersionRow) {
  const touched = await touchedBy(trx, String(removal.change_id));
  const others = touched.residentIds.filter((id) => id !== removal.resident_id);
  const people = await versionHistoryOf(trx, others);
  const members = others.map((id) => liveVersions(people.filter((v) => v.resident_id === id)).at(-1));
  if (members.some((v) => !v || v.change_id !== removal.change_id || v.status !== 'resident')) return null;
  const households = (await householdHistoryOf(trx, touched.householdIds));
  const latest = touched.householdIds.map((id) => liveVersions(households.filter((h) => h.household_id === id)).at(-1));
  if (latest.some((h) => !h || h.change_id !== removal.change_id)) return null;
  return { members: members as (VersionRow & { by_cancellation: boolean })[], households: latest as NonNullable<(typeof latest)[number]>[] };
}

export interface AwaitingNotice {
  residentId: string;
  addresseeNo: string;
  name: string | null;
  removalReason: string;
  removedOn: string;
  plannedDestination: string | null;
}

/** 転入通知未着者一覧 (j710): 除票 of 国内転出・職権消除 on or before `removedBy` still without a 転入通知; audited as 照会. */
export async function listAwaitingMoveInNotice(deps: Deps, caller: Caller, removedBy: string, page: { limit: number; offset: number }): Promise<{ items: AwaitingNotice[]; limit: number; offset: number }> {
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const rows = await awaitingMoveInNotice(trx, removedBy, page);
    await audit(trx, caller, { function: 'list-awaiting-move-in-notice', category: 'inquiry', targets: rows.map((r) => ({ kind: 'resident', id: r.resident_id })), searchCount: rows.length });
    const items = rows.map((r) => ({
      residentId: r.resident_id, addresseeNo: r.addressee_no, name: r.name ?? r.name_alphabet, removalReason: String(r.removal_reason),
      removedOn: r.valid_from, plannedDestination: r.move_out_destination === null ? null : String(r.move_out_destination),
    }));
    return { items, ...page };
  });
}
