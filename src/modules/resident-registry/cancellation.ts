/**
 * 異動の取消し (4.6.0.1 j980; 申出による 4.6.1.1 j990). The cancelled 異動 is not deleted: per person
 * and per household it touched, a version with that 異動's valid_from supersedes its version and
 * carries the state from before it (README: Bitemporal scheme). A cancelled 転入・出生・職権記載 leaves
 * a removed state (異動の取消し（減）); a cancelled 転出・死亡・消除 brings the person back
 * (異動の取消し（増））; anything else restores the items (異動の取消し（修正））. Households return to
 * their former members, head and status; one the 異動 created is dissolved.
 *
 * Refused (README open question 8): a 異動 that later live 異動 of the same persons or households
 * build on (cancel those first), one already cancelled, and a cancellation or correction itself.
 *
 * 全部 or 一部 (j980 「全部又は一部の区分により、対象者を選択できること」): with `residentIds` only those
 * persons are cancelled, each back to their own former state, and each household the 異動 touched
 * loses the ones it gained and gets back the ones it lost among them (cancellation-households.ts). A
 * 異動 that changed a household's 世帯主, or a part that would, can only be cancelled whole: the persons
 * restored keep their 続柄 and 世帯主の氏名 of before. Parts may follow one another; 全部 after a part
 * cancels the rest.
 */
import { uuidv7 } from 'uuidv7';
import { inTenant, type Trx } from '../../platform/db/tenant-scope.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import type { ProcedureResult } from './entry.ts';
import { correctionEvents, type ChangeCancelledV1 } from './events-corrections.ts';
import { requestDate } from './ex-officio.ts';
import type { CancellationInput } from './inputs-corrections.ts';
import type { ChangeReason } from './model.ts';
import { audit, refuseOnErrors, todayInJapan, type Caller, type Deps } from './procedure.ts';
import { changeBy, currentVersionsOf, householdHistoryOf, touchedBy, versionHistoryOf, type HouseholdVersionRow, type VersionRow } from './queries.ts';
import { checkMembers, isHead, memberOf } from './members.ts';
import { error, type Finding } from './rules/findings.ts';
import { nextVersionColumns } from './snapshot.ts';
import { appendSupersedingHouseholdVersion, appendSupersedingVersion, insertLinkedChange, lockHousehold } from './store.ts';
import { changesHeadOfRemaining, changesHousehold, partialHousehold, wholeHousehold, type HouseholdPlan } from './cancellation-households.ts';
import { asStored, byTimeline, isRestoration, liveAfter, liveBefore, liveSuccessor, type Versioned } from './supersession.ts';

type CancelReason = Extract<ChangeReason, 'cancellation_increase' | 'cancellation_decrease' | 'cancellation_correction'>;

/** 増 when the person comes back, 減 when the cancelled 異動 brought them in, 修正 otherwise (j980 ①②③). */
const reasonOf = (cancelled: VersionRow, before: VersionRow | undefined): CancelReason =>
  !before || (before.status !== 'resident' && cancelled.status === 'resident')
    ? 'cancellation_decrease'
    : before.status === 'resident' && cancelled.status !== 'resident' ? 'cancellation_increase' : 'cancellation_correction';

/**
 * The live version standing for what `changeId` wrote in one history, the state before it, the later
 * 異動 that build on it, and the later restorations of earlier cancellations, which repeat its state
 * and are re-issued with the restored one.
 */
function targetIn<V extends Versioned & { change_id?: unknown; by_cancellation?: unknown }>(history: readonly V[], changeId: string) {
  const own = history.filter((v) => String(v.change_id) === changeId).sort(byTimeline).at(-1)!;
  const live = liveSuccessor(history, own.history_no)!;
  const after = liveAfter(history, live);
  return {
    own, live, before: liveBefore(history, live),
    later: after.filter((v) => !isRestoration(history, v)), restorations: after.filter((v) => isRestoration(history, v)),
  };
}

export async function cancelChange(deps: Deps, caller: Caller, input: CancellationInput, now: Date = new Date()): Promise<ProcedureResult> {
  const processedOn = todayInJapan(now);
  const notifiedDate = requestDate(input, now) ?? null;
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const change = await changeBy(trx, input.changeId);
    if (!change) throw new NotFoundError(`取り消す異動（${input.changeId}）は記録されていません`);
    const findings: Finding[] = [];
    if (notifiedDate !== null && notifiedDate > processedOn) findings.push(error('notifiedDate', 'dates.notified-after-processing', `申出日 ${notifiedDate} は処理日 ${processedOn} 以前の日にしてください`));
    if (change.cancels_change_id) findings.push(error('changeId', 'cancellation.of-cancellation', '異動の取消しは取り消せません。取り消した異動が正しかったときは、改めてその異動を入力してください'));
    refuseOnErrors(findings);

    const touched = await touchedBy(trx, change.id);
    const people = await versionHistoryOf(trx, touched.residentIds);
    const households = await householdHistoryOf(trx, touched.householdIds);
    // A person an earlier part already cancelled stands at that cancellation's version.
    const everyone = touched.residentIds.map((id) => ({ id, ...targetIn(people.filter((v) => v.resident_id === id), change.id) }))
      .map((p) => ({ ...p, cancelled: change.cancelled_by.includes(String(p.live.change_id)) }));
    const persons = chosenPersons(everyone, input.residentIds, findings);
    if (input.residentIds === undefined && change.cancelled_by.length > 0 && persons.length === 0) {
      findings.push(error('changeId', 'cancellation.already-cancelled', 'この異動は既に取り消されています'));
    }
    // 一部 only when some persons not yet cancelled stay as the 異動 left them: 全部 after earlier parts is the whole
    // 異動's former state again (each household's `before` is the one before the 異動), not a part.
    const partial = persons.length < everyone.filter((p) => !p.cancelled).length;
    const allHomes = touched.householdIds.map((id) => ({ id, ...targetIn(households.filter((v) => v.household_id === id), change.id) }));
    const chosenIds = persons.map((p) => p.id);
    // Each member as the cancellation leaves them: a chosen person in their former state, anyone else as now.
    const states = partial ? await statesAfterPart(trx, allHomes, everyone, chosenIds) : new Map<string, VersionRow>();
    const plans = new Map(allHomes.map((h) => [h.id, partial
      ? partialHousehold(h.live, h.before, chosenIds, (id) => isHead(states.get(id)?.relationship ?? ''))
      : wholeHousehold(h.before)]));
    // A household the part leaves as it is gets no version; one whose 世帯主 it would change is refused.
    const homes = allHomes.filter((h) => !partial || changesHousehold(h.live, plans.get(h.id)!));
    // A part restores each chosen person's whole former record (続柄, 世帯主の氏名): where the 異動 changed a
    // household's 世帯主, that record no longer fits the household the others are in, so only 全部 can undo it.
    for (const h of partial ? allHomes : []) {
      const plan = plans.get(h.id)!;
      const headChanged = h.before?.status === 'active' && h.live.status === 'active' && h.before.head_resident_id !== h.live.head_resident_id;
      if (headChanged || changesHeadOfRemaining(h.live, plan, chosenIds)) {
        findings.push(error('residentIds', 'cancellation.partial-head',
          `世帯番号 ${h.live.household_no} の世帯主が変わる異動（又は世帯主のいない世帯が復活する取消し）のため、一部の取消しはできません。異動の全部を取り消してください`));
      } else if (plan.status === 'active') {
        findings.push(...checkMembers(plan.memberIds.map((id) => memberOf(states.get(id)!, 'residentIds')), 'residentIds'));
      }
    }
    if (change.corrects_change_id || [...persons, ...homes].some((t) => t.own.supersedes_history_no != null)) {
      findings.push(error('changeId', 'cancellation.of-correction', '誤記修正など記録を置き換えた異動は取り消せません。誤りが残っていれば誤記修正で改めて修正してください'));
    }
    if (persons.length === 0 && homes.length === 0) findings.push(error('changeId', 'cancellation.nothing-recorded', 'この異動には取り消す記録がありません'));
    for (const p of persons) {
      const next = p.later[0];
      if (next) {
        findings.push(error('changeId', 'cancellation.later-changes',
          `宛名番号 ${p.live.addressee_no} の住民には、この異動の後の異動（異動日 ${next.valid_from}、履歴番号 ${next.history_no}）が記録されています。後の異動から順に取り消してください`));
      }
    }
    for (const h of homes) {
      const next = h.later[0];
      if (next) {
        findings.push(error('changeId', 'cancellation.later-changes',
          `世帯番号 ${h.live.household_no} の世帯には、この異動の後の異動（異動日 ${next.valid_from}）が記録されています。後の異動から順に取り消してください`));
      }
    }
    input.households.forEach((lock, i) => {
      const h = homes.find((x) => x.id === lock.householdId);
      if (!h) findings.push(error(`households[${i}].householdId`, 'cancellation.household-not-touched', 'この世帯は取り消す異動の対象ではありません'));
      else if (h.live.lock_version !== lock.version) {
        throw new ConflictError(`世帯 ${h.live.household_no} は画面を表示した後に他の処理で更新されています。最新の内容を表示し直してから入力してください`, 'stale-version');
      }
    });
    const alerts = refuseOnErrors(findings);

    const changeId = uuidv7();
    await insertLinkedChange(trx, {
      id: changeId, procedure: 'cancellation', basis: input.basis, effectiveDate: change.effective_date, notifiedDate, processedOn,
      operatorId: caller.actor.id, inputLocation: caller.address, lateNotification: false, remark: input.remark ?? null,
    }, { cancelsChangeId: change.id });
    for (const h of homes) {
      await lockHousehold(trx, h.id, h.live.lock_version);
      for (const v of [h.live, ...h.restorations]) await restoreHousehold(trx, changeId, v, plans.get(h.id)!);
    }
    const residents: ChangeCancelledV1['residents'] = [];
    for (const p of persons) {
      const reason = reasonOf(p.live, p.before);
      // The person's lock moves with the first append; the others are this transaction's own.
      for (const [i, v] of [p.live, ...p.restorations].entries()) await restorePerson(trx, changeId, reason, v, p.before, i === 0 ? p.live.lock_version : undefined);
      residents.push({ residentId: p.id, addresseeNo: p.live.addressee_no, reason });
    }

    await deps.events.publish(trx, {
      type: correctionEvents.changeCancelled.type, version: correctionEvents.changeCancelled.version, aggregateId: change.id,
      payload: {
        changeId, effectiveDate: change.effective_date, notifiedDate, cancelledChangeId: change.id, cancelledProcedure: change.procedure,
        residents, householdIds: homes.map((h) => h.id),
      },
    });
    await audit(trx, caller, {
      function: 'cancellation', category: 'record',
      targets: [{ kind: 'resident-change', id: changeId }, { kind: 'resident-change', id: change.id }, ...homes.map((h) => ({ kind: 'household', id: h.id })), ...residents.map((r) => ({ kind: 'resident', id: r.residentId }))],
    });
    const home = homes[0]?.live ?? { household_id: persons[0]!.live.household_id, household_no: String(persons[0]!.live.household_no) };
    return {
      changeId, lateNotification: false, alerts, household: { householdId: home.household_id, householdNo: home.household_no },
      residents: residents.map(({ residentId, addresseeNo }) => ({ residentId, addresseeNo })),
    };
  });
}

/** The person's state before the 異動, from `cancelled`'s valid_from on; a removed state when the 異動 brought them in. */
async function restorePerson(trx: Trx, changeId: string, reason: CancelReason, cancelled: VersionRow, before: VersionRow | undefined, lock: number | undefined): Promise<void> {
  const columns = before
    ? nextVersionColumns(asStored(before), { change_id: changeId, reason, valid_from: cancelled.valid_from })
    : nextVersionColumns(asStored(cancelled), {
        change_id: changeId, reason, valid_from: cancelled.valid_from, status: 'removed', removal_reason: reason, removal_event_date: cancelled.valid_from,
      });
  await appendSupersedingVersion(trx, cancelled.resident_id, columns, cancelled.history_no, lock);
}

/**
 * 一部: the state each member of the touched households is left in — a chosen person's former one (or
 * the one the 異動 left, for a person it brought in, who leaves), anyone else's current one.
 */
async function statesAfterPart(
  trx: Trx, homes: readonly { live: HouseholdVersionRow; before: HouseholdVersionRow | undefined }[],
  everyone: readonly { id: string; live: VersionRow; before: VersionRow | undefined }[], chosen: readonly string[],
): Promise<Map<string, VersionRow>> {
  const states = new Map(everyone.map((p) => [p.id, chosen.includes(p.id) && p.before ? p.before : p.live]));
  const others = [...new Set(homes.flatMap((h) => [...h.live.member_ids, ...(h.before?.member_ids ?? [])]))].filter((id) => !states.has(id));
  for (const row of await currentVersionsOf(trx, others)) states.set(row.resident_id, row);
  return states;
}

/** The persons to cancel: those named (一部), or every one no earlier part has cancelled (全部). */
function chosenPersons<P extends { id: string; cancelled: boolean }>(everyone: readonly P[], residentIds: readonly string[] | undefined, findings: Finding[]): P[] {
  if (residentIds === undefined) return everyone.filter((p) => !p.cancelled);
  const chosen: P[] = [];
  residentIds.forEach((id, i) => {
    const p = everyone.find((x) => x.id === id);
    if (!p) findings.push(error(`residentIds[${i}]`, 'cancellation.person-not-touched', 'この住民は取り消す異動の対象者ではありません'));
    else if (p.cancelled) findings.push(error(`residentIds[${i}]`, 'cancellation.already-cancelled', 'この住民の異動は既に取り消されています'));
    else if (!chosen.includes(p)) chosen.push(p);
  });
  return chosen;
}

/** A household version appended with `changeId` on `cancelled`'s valid_from, replacing it. */
async function restoreHousehold(trx: Trx, changeId: string, cancelled: HouseholdVersionRow, plan: HouseholdPlan): Promise<void> {
  await appendSupersedingHouseholdVersion(trx, { householdId: cancelled.household_id, changeId, validFrom: cancelled.valid_from, ...plan }, cancelled.history_no);
}
