/**
 * A change of one person's items from a 異動日 on (職権修正, 氏名の変更, 旧氏, 通称, 在留資格, 帰化,
 * 国籍喪失, 住民票コード, 個人番号): the person must be a current resident, named with the lock version
 * the operator read (GET /persons: 409 when stale); the change appends one version (two for 帰化・国籍
 * 喪失: 消除 then 記載) with the same household and 続柄. History moves forward only: the past is put
 * right by 誤記修正 and 異動の取消し, which supersede. When the 世帯主's name changes, every other
 * member's 住民票 shows the new 世帯主の氏名 from the same day (4.2.3.1 j840), as a new version each.
 */
import { uuidv7 } from 'uuidv7';
import { inTenant, type Trx } from '../../platform/db/tenant-scope.ts';
import { ConflictError } from '../../platform/errors.ts';
import type { EventType } from '../../platform/events/types.ts';
import type { ProcedureResult } from './entry.ts';
import { isHead } from './members.ts';
import type { ChangeBasis, ChangeReason, Procedure, SpecialReason } from './model.ts';
import { audit, refuseOnErrors, todayInJapan, type Caller, type Deps } from './procedure.ts';
import { currentVersionsOf, householdBy, type HouseholdRow, type VersionRow } from './queries.ts';
import { checkChangeDates } from './rules/dates.ts';
import { error, type Finding } from './rules/findings.ts';
import { nextVersionColumns } from './snapshot.ts';
import { appendResidentVersion, insertChange, lockHousehold, type Row } from './store.ts';

export interface PersonLock {
  residentId: string;
  version: number;
}

export interface ChangeHeader {
  effectiveDate: string;
  notifiedDate?: string | undefined;
  basis: ChangeBasis;
  remark?: string | undefined;
  specialReason?: SpecialReason | undefined;
}

/** What a procedure makes of the person's current version: its own findings and the versions to append. */
export interface PersonChangePlan {
  findings: Finding[];
  /** Column changes of each new version, in order; `reason` and `valid_from` are filled in here. */
  versions: { reason: ChangeReason; changes: Row }[];
}

export interface PersonChangeSpec {
  procedure: Procedure;
  /** Audit function name, e.g. `change-name`. */
  function: string;
  header: ChangeHeader;
  /** The basis the dates are checked as, when the record's basis differs (入管通知: recorded 職権, dated like a notice). */
  dateBasis?: ChangeBasis;
  person: PersonLock;
  /** Checks the request against the person's current version and says which versions to append. */
  plan: (current: VersionRow, trx: Trx) => Promise<PersonChangePlan> | PersonChangePlan;
  /** Writes beside the versions (the `resident` row's identifiers), after the lock was taken. */
  afterWrite?: (trx: Trx, current: VersionRow) => Promise<void>;
  /** The event and what its payload adds to the person and the 異動 (events-person.ts). */
  event: EventType;
  payload: (done: { current: VersionRow; after: Row; membersUpdated: ProcedureResult['residents'] }) => Row;
  myNumberAccessed?: boolean;
}

const headName = (r: Row): string | null => (r.name as string | null) ?? (r.name_alphabet as string | null) ?? null;

export async function recordPersonChange(deps: Deps, caller: Caller, spec: PersonChangeSpec, now: Date = new Date()): Promise<ProcedureResult> {
  const processedOn = todayInJapan(now);
  const { header } = spec;
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const [current] = await currentVersionsOf(trx, [spec.person.residentId]);
    if (!current) refuseOnErrors([error('person.residentId', 'resident.not-found', '指定された住民は記録されていません')]);
    if (current!.lock_version !== spec.person.version) throw stale(current!.addressee_no);
    const person = current!;
    const findings: Finding[] = [];
    if (person.status !== 'resident') {
      findings.push(error('person.residentId', 'resident.not-resident', `宛名番号 ${person.addressee_no} の人は現在住民ではありません（除票）。住民票の記載事項は変更できません`));
    }
    const dates = checkChangeDates({
      procedure: spec.procedure, basis: spec.dateBasis ?? header.basis, effectiveDate: header.effectiveDate, notifiedDate: header.notifiedDate ?? null,
      processedOn, birthDate: person.birth_date, currentValidFrom: person.valid_from,
    });
    findings.push(...dates.findings);
    // A 職権 entry may still record the day a notice arrived; it cannot lie ahead either (4.1.0.2).
    if (header.notifiedDate && header.notifiedDate > processedOn && !findings.some((f) => f.rule === 'dates.notified-after-processing')) {
      findings.push(error('notifiedDate', 'dates.notified-after-processing', `通知日 ${header.notifiedDate} は処理日 ${processedOn} 以前の日にしてください（4.1.0.2 届出日）`));
    }
    // 職権修正 may reach back elsewhere (by superseding); this one only moves forward.
    if (header.effectiveDate < person.valid_from && !findings.some((f) => f.rule === 'dates.before-current-state')) {
      findings.push(error('effectiveDate', 'dates.before-current-state', `異動日 ${header.effectiveDate} は現在の記録の異動日 ${person.valid_from} より前です。過去の記録は誤記修正・異動の取消しで直してください`));
    }
    const plan = await spec.plan(person, trx);
    findings.push(...plan.findings);
    const changed = plan.versions.at(-1);
    const after = changed ? nextVersionColumns(person, changed.changes) : person;
    const headChanged = isHead(String(after.relationship)) && (headName(after) !== headName(person) || (after.name_kana ?? null) !== (person.name_kana ?? null));
    const { household, members } = headChanged ? await otherMembers(trx, person, header.effectiveDate, findings) : { household: undefined, members: [] };
    const alerts = refuseOnErrors(findings);

    const changeId = uuidv7();
    await insertChange(trx, {
      id: changeId, procedure: spec.procedure, basis: header.basis, effectiveDate: header.effectiveDate, notifiedDate: header.notifiedDate ?? null,
      processedOn, operatorId: caller.actor.id, inputLocation: caller.address, lateNotification: dates.lateNotification, remark: header.remark ?? null,
      specialReason: header.specialReason,
    });
    const headColumns: Row = headChanged ? { household_head_name: headName(after), household_head_name_kana: after.name_kana ?? null } : {};
    let previous: VersionRow = person;
    for (const [i, v] of plan.versions.entries()) {
      const last = i === plan.versions.length - 1;
      const columns = nextVersionColumns(previous, { ...v.changes, ...(last ? headColumns : {}), change_id: changeId, reason: v.reason, valid_from: header.effectiveDate });
      // The lock the operator read, on the first write; the row stays locked by this transaction after it.
      await appendResidentVersion(trx, person.resident_id, columns, i === 0 ? spec.person.version : undefined);
      previous = { ...previous, ...columns } as VersionRow;
    }
    await spec.afterWrite?.(trx, person);
    // Whoever joins or reorders the household meanwhile would copy the old 世帯主の氏名: they must re-read (409).
    if (household) await lockHousehold(trx, household.id, household.version);
    for (const m of members) {
      await appendResidentVersion(trx, m.resident_id, nextVersionColumns(m, {
        change_id: changeId, reason: 'ex_officio_correction', valid_from: header.effectiveDate, ...headColumns,
      }), m.lock_version);
    }
    const membersUpdated = members.map((m) => ({ residentId: m.resident_id, addresseeNo: m.addressee_no }));
    await deps.events.publish(trx, {
      type: spec.event.type, version: spec.event.version, aggregateId: person.resident_id,
      payload: {
        changeId, effectiveDate: header.effectiveDate, notifiedDate: header.notifiedDate ?? null, residentId: person.resident_id, addresseeNo: person.addressee_no,
        householdId: person.household_id, ...spec.payload({ current: person, after, membersUpdated }),
      },
    });
    const residents = [{ residentId: person.resident_id, addresseeNo: person.addressee_no }, ...membersUpdated];
    await audit(trx, caller, {
      function: spec.function, category: 'record', myNumberAccessed: spec.myNumberAccessed ?? false,
      targets: [{ kind: 'resident-change', id: changeId }, ...residents.map((r) => ({ kind: 'resident', id: r.residentId }))],
    });
    return { changeId, lateNotification: dates.lateNotification, alerts, household: { householdId: person.household_id, householdNo: String(person.household_no) }, residents };
  });
}

/** The 世帯主's fellow members still living in the household, whose 世帯主の氏名 follows the head's (j840). */
async function otherMembers(trx: Trx, head: VersionRow, effectiveDate: string, findings: Finding[]): Promise<{ household: HouseholdRow | undefined; members: VersionRow[] }> {
  const household = await householdBy(trx, { id: head.household_id });
  const ids = (household?.member_ids ?? []).filter((id) => id !== head.resident_id);
  const rows = (await currentVersionsOf(trx, ids)).filter((r) => r.status === 'resident' && r.household_id === head.household_id);
  for (const r of rows) {
    // A member's own later 異動 would hide the new 世帯主の氏名 from that day on: put that right first.
    if (r.valid_from > effectiveDate) {
      findings.push(error('effectiveDate', 'dates.member-changed-later', `世帯員（宛名番号 ${r.addressee_no}）に異動日 ${effectiveDate} より後の異動（${r.valid_from}）があります。世帯主の氏名を反映できないため、先にその記録を修正してください`));
    }
  }
  return { household, members: rows.sort((a, b) => ids.indexOf(a.resident_id) - ids.indexOf(b.resident_id)) };
}

export const stale = (addresseeNo: string) =>
  new ConflictError(`宛名番号 ${addresseeNo} の住民は画面を表示した後に他の処理で更新されています。最新の内容を表示し直してから入力してください`, 'stale-version');

/** At least one item must change; an unchanged request is most likely a mistake. */
export function unchangedFinding(field: string, changes: Row, current: Row): Finding[] {
  const differs = Object.entries(changes).some(([column, value]) => (current[column] ?? null) !== (value ?? null));
  return differs ? [] : [error(field, 'change.nothing-changed', '変更する項目がありません（現在の記録と同じです）')];
}

/** Items only a 日本人住民 (戸籍の表示, 旧氏) or only a 外国人住民 (アルファベット氏名, 通称) has (1.1.1, 1.1.2). */
export function kindFindings(current: VersionRow, only: 'japanese' | 'foreign', field: string, what: string): Finding[] {
  if (current.resident_kind === only) return [];
  return only === 'japanese'
    ? [error(field, 'resident.japanese-only', `${what}は日本人住民にだけ記載します`)]
    : [error(field, 'resident.foreign-only', `${what}は外国人住民にだけ記載します`)];
}
