/**
 * 誤記修正 (4.2.3.3, j860): an item was recorded wrong. The wrong version is not overwritten: a
 * corrected copy supersedes it, with the same valid_from, and so does a copy of every later live
 * version that carried the wrong value along (README: Bitemporal scheme, open question 8). Reads of
 * the current state and as-of now show the corrected values; as-of "as known at" a time before the
 * correction still shows the wrong ones. A corrected 世帯主の氏名 follows on the members' current
 * versions (4.2.3.1, j840).
 */
import { uuidv7 } from 'uuidv7';
import { inTenant, type Trx } from '../../platform/db/tenant-scope.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { correctionOf, patchFor, type Correction } from './correction-items.ts';
import type { ProcedureResult } from './entry.ts';
import { correctionEvents } from './events-corrections.ts';
import { requestDate } from './ex-officio.ts';
import type { ClericalCorrectionInput } from './inputs-corrections.ts';
import { checkMembers, isHead, memberOf } from './members.ts';
import { audit, refuseOnErrors, todayInJapan, type Caller, type Deps } from './procedure.ts';
import { currentVersionsOf, householdBy, versionHistoryOf, type VersionRow } from './queries.ts';
import { error, type Finding } from './rules/findings.ts';
import { nextVersionColumns } from './snapshot.ts';
import { appendSupersedingVersion, insertLinkedChange } from './store.ts';
import { asStored, liveAfter, liveSuccessor, liveVersions } from './supersession.ts';

export async function correctClericalError(deps: Deps, caller: Caller, input: ClericalCorrectionInput, now: Date = new Date()): Promise<ProcedureResult> {
  const processedOn = todayInJapan(now);
  const notifiedDate = requestDate(input, now) ?? null;
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const history = await versionHistoryOf(trx, [input.residentId]);
    if (history.length === 0) throw new NotFoundError(`住民（${input.residentId}）は記録されていません`);
    if (history[0]!.lock_version !== input.version) {
      throw new ConflictError(`住民（宛名番号 ${history[0]!.addressee_no}）は画面を表示した後に他の処理で更新されています。最新の内容を表示し直してから入力してください`, 'stale-version');
    }
    const findings: Finding[] = [];
    if (notifiedDate !== null && notifiedDate > processedOn) findings.push(error('notifiedDate', 'dates.notified-after-processing', `申出日 ${notifiedDate} は処理日 ${processedOn} 以前の日にしてください`));
    const wrong = history.find((v) => v.history_no === input.historyNo);
    const live = wrong ? liveSuccessor(history, wrong.history_no) : undefined;
    if (!wrong) findings.push(error('historyNo', 'correction.history-not-found', `履歴番号 ${input.historyNo} の履歴はこの住民にありません`));
    else if (live !== wrong) {
      findings.push(error('historyNo', 'correction.superseded', `履歴番号 ${input.historyNo} は既に修正又は取消しされています（現在は履歴番号 ${live!.history_no}）。置き換えた履歴を指定してください`));
    }
    refuseOnErrors(findings);

    const { correction, findings: itemFindings } = correctionOf(input.items, wrong!);
    findings.push(...itemFindings);
    const targets = [wrong!, ...liveAfter(history, wrong!)];
    const corrected = targets.map((v) => ({ version: v, patch: { ...patchFor(correction, wrong!, v), ...ownHeadName(v, wrong!, correction) } }));
    findings.push(...dateFindings(correction, wrong!, liveVersions(history), processedOn));
    const current = corrected.at(-1)!;
    findings.push(...(await householdFindings(trx, current.version, current.patch)));
    const alerts = refuseOnErrors(findings);

    const changeId = uuidv7();
    await insertLinkedChange(trx, {
      id: changeId, procedure: 'clerical_correction', basis: input.basis, effectiveDate: wrong!.valid_from, notifiedDate, processedOn,
      operatorId: caller.actor.id, inputLocation: caller.address, lateNotification: false, remark: input.remark ?? null,
    }, { correctsChangeId: String(wrong!.change_id) });
    const residents: { residentId: string; addresseeNo: string; supersededHistoryNos: number[] }[] = [];
    const superseded: number[] = [];
    for (const [i, { version, patch }] of corrected.entries()) {
      // The operator's lock is checked on the first append; the later ones are this transaction's own.
      await appendSupersedingVersion(trx, input.residentId, nextVersionColumns(asStored(version), { ...patch, change_id: changeId, reason: 'clerical_correction' }), version.history_no, i === 0 ? input.version : undefined);
      superseded.push(version.history_no);
    }
    residents.push({ residentId: input.residentId, addresseeNo: wrong!.addressee_no, supersededHistoryNos: superseded });
    residents.push(...(await headNameFollows(trx, changeId, current.version, current.patch)));

    await deps.events.publish(trx, {
      type: correctionEvents.corrected.type, version: correctionEvents.corrected.version, aggregateId: input.residentId,
      payload: { changeId, effectiveDate: wrong!.valid_from, notifiedDate, procedure: 'clerical_correction', correctsChangeId: String(wrong!.change_id), residents },
    });
    await audit(trx, caller, {
      function: 'clerical-correction', category: 'record',
      targets: [{ kind: 'resident-change', id: changeId }, ...residents.map((r) => ({ kind: 'resident', id: r.residentId }))],
    });
    return {
      changeId, lateNotification: false, alerts, household: { householdId: current.version.household_id, householdNo: String(current.version.household_no) },
      residents: residents.map(({ residentId, addresseeNo }) => ({ residentId, addresseeNo })),
    };
  });
}

/** A 世帯主's own 住民票 shows their name as 世帯主の氏名 too: it follows the corrected name. */
function ownHeadName(v: VersionRow, wrong: VersionRow, correction: Correction): Record<string, unknown> {
  if (!isHead(v.relationship)) return {};
  const patch = patchFor(correction, wrong, v);
  return {
    ...(patch.name !== undefined && v.household_head_name === wrong.name ? { household_head_name: patch.name } : {}),
    ...(patch.name_kana !== undefined && v.household_head_name_kana === wrong.name_kana ? { household_head_name_kana: patch.name_kana } : {}),
  };
}

/** Dates against each other and the 処理日: birth first, 住民となった日・住所を定めた日 after it, nothing in the future. */
function dateFindings(correction: Correction, wrong: VersionRow, live: readonly VersionRow[], processedOn: string): Finding[] {
  const findings: Finding[] = [];
  const value = (column: string) => correction.find((c) => column in c.columns)?.columns[column] as string | undefined;
  const birthDate = value('birth_date') ?? wrong.birth_date;
  const firstEntry = live[0]?.valid_from;
  if (value('birth_date') !== undefined && firstEntry && birthDate > firstEntry) {
    findings.push(error('items.birthDate', 'dates.before-birth', `生年月日 ${birthDate} が最初の異動日 ${firstEntry} より後です`));
  }
  const dated: [string, string, string][] = [
    ['birth_date', 'birthDate', '生年月日'], ['address_set_on', 'addressSetOn', '住所を定めた年月日'], ['became_resident_on', 'becameResidentOn', '住民となった年月日'],
    ['became_foreign_resident_on', 'becameForeignResidentOn', '外国人住民となった年月日'],
  ];
  for (const [column, item, label] of dated) {
    const v = value(column);
    if (v === undefined) continue;
    if (v > processedOn) findings.push(error(`items.${item}`, 'dates.after-processing', `${label} ${v} は処理日 ${processedOn} 以前の日にしてください`));
    if (column !== 'birth_date' && v < birthDate) findings.push(error(`items.${item}`, 'dates.before-birth', `${label} ${v} が生年月日 ${birthDate} より前です`));
  }
  return findings;
}

/**
 * The household rules (ages along 続柄, j110) on the person's current household with the corrected
 * birth date; only findings the correction itself causes are reported, at `items.birthDate`.
 */
async function householdFindings(trx: Trx, current: VersionRow, patch: Record<string, unknown>): Promise<Finding[]> {
  if (patch.birth_date === undefined || current.status !== 'resident') return [];
  const household = await householdBy(trx, { id: current.household_id });
  if (!household || household.status !== 'active') return [];
  const rows = (await currentVersionsOf(trx, household.member_ids)).sort((a, b) => household.member_ids.indexOf(a.resident_id) - household.member_ids.indexOf(b.resident_id));
  const members = rows.map((r, i) => memberOf(r, `household.members[${i}]`));
  const before = new Set(checkMembers(members, 'household').map((f) => `${f.field}|${f.rule}`));
  const after = checkMembers(members.map((m) => (m.residentId === current.resident_id ? { ...m, birthDate: String(patch.birth_date) } : m)), 'household');
  return after.filter((f) => f.severity === 'error' && !before.has(`${f.field}|${f.rule}`)).map((f) => ({ ...f, field: 'items.birthDate' }));
}

/** j840: a corrected 世帯主の氏名 is corrected on the current versions of the household's members too. */
async function headNameFollows(trx: Trx, changeId: string, head: VersionRow, patch: Record<string, unknown>) {
  if (!isHead(head.relationship) || head.status !== 'resident' || (patch.name === undefined && patch.name_kana === undefined)) return [];
  const household = await householdBy(trx, { id: head.household_id });
  const others = (await currentVersionsOf(trx, household?.member_ids ?? [])).filter((r) => r.resident_id !== head.resident_id && r.household_head_name === head.name);
  const followed = [];
  for (const member of others) {
    const names = { household_head_name: patch.name ?? head.name, household_head_name_kana: patch.name_kana ?? head.name_kana };
    await appendSupersedingVersion(trx, member.resident_id, nextVersionColumns(member, { ...names, change_id: changeId, reason: 'clerical_correction' }), member.history_no, member.lock_version);
    followed.push({ residentId: member.resident_id, addresseeNo: member.addressee_no, supersededHistoryNos: [member.history_no] });
  }
  return followed;
}
