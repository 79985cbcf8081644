/**
 * 支援措置の登録・延長・終了 (3.4 j440), 一時解除 (3.1 j410) and the 支援措置 database views (1.1.16 j160,
 * 2.2.4 j380, 9.2 j1290). Like every procedure: validate everything first (findings → one 422), then
 * write the current row, its history snapshot, the event and the audit entry in one transaction.
 *
 * Period rules (j440): 1年 from the 開始年月日 by default, editable but not longer; 延長 from one month
 * before the 終了年月日, for up to one year from the day after it; 終了 on 申出, on expiry or when no
 * longer needed. A 支援措置 registered over an open 仮支援措置 of the same person ends the latter.
 */
import { uuidv7 } from 'uuidv7';
import { addDays, addMonths } from '../../jp/index.ts';
import { inTenant, type Trx } from '../../platform/db/tenant-scope.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { protectionEvents } from './events-protection.ts';
import { audit, refuseOnErrors, todayInJapan, type Alert, type Caller, type Deps } from './procedure.ts';
import type { EndProtectionInput, ExtendProtectionInput, RegisterProtectionInput, ReleaseProtectionInput } from './protection-inputs.ts';
import { appendProtectionHistory, insertProtection, insertRelease, listProtectionRows, openProtectionsOf, protectionById, updateProtection, type ProtectionRow } from './protection-store.ts';
import { defaultEndsOn, periodAlerts, type ProtectionLevel } from './protection.ts';
import { currentByAddresseeNo } from './queries.ts';
import { error, type Finding } from './rules/findings.ts';

export interface ProtectionResult {
  protectionId: string;
  residentId: string;
  addresseeNo: string;
  kind: 'support' | 'provisional';
  startsOn: string;
  endsOn: string;
  endedOn: string | null;
  version: number;
  alerts: Alert[];
}

const level = (l: 'error' | 'alert' | 'none'): ProtectionLevel | null => (l === 'none' ? null : l);

/** The period's own errors: order, and at most the one year j440 sets. */
function periodFindings(startsOn: string, endsOn: string, field: string): Finding[] {
  if (endsOn < startsOn) return [error(field, 'protection.period-order', '支援措置の終了年月日は開始年月日以後の日にしてください')];
  if (endsOn > defaultEndsOn(startsOn)) return [error(field, 'protection.period-too-long', `支援措置の期間は1年までです（${startsOn} からは ${defaultEndsOn(startsOn)} まで）`)];
  return [];
}

const resultOf = (p: Pick<ProtectionRow, 'id' | 'resident_id' | 'addressee_no' | 'kind' | 'starts_on' | 'ends_on' | 'ended_on' | 'version'>, today: string): ProtectionResult => ({
  protectionId: p.id, residentId: p.resident_id, addresseeNo: p.addressee_no, kind: p.kind, startsOn: p.starts_on, endsOn: p.ends_on,
  endedOn: p.ended_on, version: p.version, alerts: p.ended_on === null ? periodAlerts(p.ends_on, today) : [],
});

/** 支援措置・仮支援措置の登録 (申出の受付, j440, j160). */
export async function registerProtection(deps: Deps, caller: Caller, input: RegisterProtectionInput): Promise<ProtectionResult> {
  const today = todayInJapan();
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const findings: Finding[] = [];
    const person = await currentByAddresseeNo(trx, input.addresseeNo);
    if (!person) findings.push(error('addresseeNo', 'not-found', `宛名番号 ${input.addresseeNo} の住民は記録されていません`));
    const applicant = input.applicantAddresseeNo === undefined ? undefined : await currentByAddresseeNo(trx, input.applicantAddresseeNo);
    if (input.applicantAddresseeNo !== undefined && !applicant) findings.push(error('applicantAddresseeNo', 'not-found', `申出者（宛名番号 ${input.applicantAddresseeNo}）は記録されていません`));
    if (applicant && person && applicant.resident_id === person.resident_id) findings.push(error('applicantAddresseeNo', 'protection.self-applicant', '申出者本人の登録では申出者の宛名番号を指定しないでください'));
    if (applicant && input.relationToApplicant === undefined) findings.push(error('relationToApplicant', 'required', '併せて支援を求める者は申出者との関係を入力してください'));
    if (input.requestedOn > today) findings.push(error('requestedOn', 'date.future', '申出日に処理日より後の日は入力できません'));
    if (input.startsOn < input.requestedOn) findings.push(error('startsOn', 'protection.starts-before-request', '支援措置の開始年月日は申出日以後の日にしてください'));
    const endsOn = input.endsOn ?? defaultEndsOn(input.startsOn);
    findings.push(...periodFindings(input.startsOn, endsOn, 'endsOn'));
    const r = input.restrictions;
    if (r.inquiry === 'none' && r.issue === 'none' && r.change === 'none') findings.push(error('restrictions', 'protection.no-restriction', '抑止する処理を1つ以上指定してください'));
    const open = person ? await openProtectionsOf(trx, person.resident_id) : [];
    const superseded = input.kind === 'support' ? open.filter((p) => p.kind === 'provisional') : [];
    if (open.length > superseded.length) findings.push(error('addresseeNo', 'protection.already-active', 'この住民には終了していない支援措置があります（延長または終了の処理をしてください）'));
    refuseOnErrors(findings);

    for (const p of superseded) {
      // 仮支援措置 ends as the 支援措置 it was waiting for begins (j440).
      await updateProtection(trx, p.id, p.version, { ended_on: today < p.starts_on ? p.starts_on : today, end_reason: 'superseded' });
      await appendProtectionHistory(trx, p.id, 'ended', caller.actor.id);
    }
    const id = uuidv7();
    const o = input.offender;
    await insertProtection(trx, {
      id, resident_id: person!.resident_id, kind: input.kind, role: applicant ? 'accompanying' : 'applicant',
      applicant_resident_id: applicant?.resident_id ?? null, relation_to_applicant: input.relationToApplicant ?? null,
      requested_on: input.requestedOn, starts_on: input.startsOn, ends_on: endsOn,
      inquiry_level: level(r.inquiry), issue_level: level(r.issue), change_level: level(r.change),
      offender_name: o?.name ?? null, offender_addressee_no: o?.addresseeNo ?? null, offender_birth_date: o?.birthDate ?? null,
      offender_sex: o?.sex ?? null, offender_address: o?.address ?? null, offender_note: o?.note ?? null,
      contact: input.contact ?? null, remark: input.remark ?? null,
    });
    await appendProtectionHistory(trx, id, 'registered', caller.actor.id);
    const ev = protectionEvents.protectionRegistered;
    await deps.events.publish(trx, {
      type: ev.type, version: ev.version, aggregateId: person!.resident_id,
      payload: { protectionId: id, residentId: person!.resident_id, addresseeNo: person!.addressee_no, kind: input.kind, startsOn: input.startsOn, endsOn, restrictions: { inquiry: level(r.inquiry), issue: level(r.issue), change: level(r.change) } },
    });
    for (const p of superseded) {
      await deps.events.publish(trx, {
        type: protectionEvents.protectionEnded.type, version: protectionEvents.protectionEnded.version, aggregateId: p.resident_id,
        payload: { protectionId: p.id, residentId: p.resident_id, addresseeNo: p.addressee_no, endedOn: today < p.starts_on ? p.starts_on : today, reason: 'superseded' },
      });
    }
    await audit(trx, caller, {
      function: 'register-protection', category: 'record',
      targets: [{ kind: 'resident-protection', id }, ...superseded.map((p) => ({ kind: 'resident-protection', id: p.id })), { kind: 'resident', id: person!.resident_id }],
    });
    return resultOf({ id, resident_id: person!.resident_id, addressee_no: person!.addressee_no, kind: input.kind, starts_on: input.startsOn, ends_on: endsOn, ended_on: null, version: 1 }, today);
  });
}

async function openOrFail(trx: Trx, id: string): Promise<ProtectionRow> {
  const p = await protectionById(trx, id);
  if (!p) throw new NotFoundError(`支援措置（${id}）は記録されていません`);
  return p;
}

/** 支援措置期間の延長 (j440): from one month before the 終了年月日, one year from the day after it. */
export async function extendProtection(deps: Deps, caller: Caller, id: string, input: ExtendProtectionInput): Promise<ProtectionResult> {
  const today = todayInJapan();
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const p = await openOrFail(trx, id);
    const findings: Finding[] = [];
    if (p.ended_on !== null) findings.push(error('version', 'protection.ended', `この支援措置は ${p.ended_on} に終了しています`));
    const from = addMonths(p.ends_on, -1);
    if (today < from) findings.push(error('endsOn', 'protection.extend-too-early', `延長は期間終了日の1か月前（${from}）から処理できます`));
    const startsOn = addDays(p.ends_on, 1);
    const endsOn = input.endsOn ?? defaultEndsOn(startsOn);
    findings.push(...periodFindings(startsOn, endsOn, 'endsOn'));
    refuseOnErrors(findings);

    await updateProtection(trx, id, input.version, { ends_on: endsOn, ...(input.remark === undefined ? {} : { remark: input.remark }) });
    await appendProtectionHistory(trx, id, 'extended', caller.actor.id, { startsOn, endsOn });
    const ev = protectionEvents.protectionExtended;
    await deps.events.publish(trx, { type: ev.type, version: ev.version, aggregateId: p.resident_id, payload: { protectionId: id, residentId: p.resident_id, addresseeNo: p.addressee_no, startsOn, endsOn } });
    await audit(trx, caller, { function: 'extend-protection', category: 'correct', targets: [{ kind: 'resident-protection', id }, { kind: 'resident', id: p.resident_id }] });
    return resultOf({ ...p, ends_on: endsOn, version: p.version + 1 }, today);
  });
}

/** 支援措置の終了 (j440): on the person's 申出, after the period without 延長, or when no longer needed. */
export async function endProtection(deps: Deps, caller: Caller, id: string, input: EndProtectionInput): Promise<ProtectionResult> {
  const today = todayInJapan();
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const p = await openOrFail(trx, id);
    const endedOn = input.endedOn ?? today;
    const findings: Finding[] = [];
    if (p.ended_on !== null) findings.push(error('version', 'protection.ended', `この支援措置は ${p.ended_on} に終了しています`));
    if (endedOn > today) findings.push(error('endedOn', 'date.future', '終了日に処理日より後の日は入力できません'));
    if (endedOn < p.starts_on) findings.push(error('endedOn', 'protection.period-order', `終了日は支援措置の開始年月日（${p.starts_on}）以後の日にしてください`));
    refuseOnErrors(findings);

    await updateProtection(trx, id, input.version, { ended_on: endedOn, end_reason: input.reason, ...(input.remark === undefined ? {} : { remark: input.remark }) });
    await appendProtectionHistory(trx, id, 'ended', caller.actor.id);
    const ev = protectionEvents.protectionEnded;
    await deps.events.publish(trx, { type: ev.type, version: ev.version, aggregateId: p.resident_id, payload: { protectionId: id, residentId: p.resident_id, addresseeNo: p.addressee_no, endedOn, reason: input.reason } });
    await audit(trx, caller, { function: 'end-protection', category: 'correct', targets: [{ kind: 'resident-protection', id }, { kind: 'resident', id: p.resident_id }] });
    return resultOf({ ...p, ended_on: endedOn, version: p.version + 1 }, today);
  });
}

/**
 * 抑止の一時解除 (j410; j440 「審査の結果…エラーを解除できること」): for one operator and one process, until
 * the given minutes have passed. Audited with its reason's existence (never its text) and duration.
 */
export async function releaseProtection(deps: Deps, caller: Caller, id: string, input: ReleaseProtectionInput): Promise<{ releaseId: string; protectionId: string; process: string; grantedTo: string; expiresAt: string }> {
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const p = await openOrFail(trx, id);
    if (p.ended_on !== null) refuseOnErrors([error('process', 'protection.ended', `この支援措置は ${p.ended_on} に終了しています（解除は不要です）`)]);
    const releaseId = uuidv7();
    const grantedTo = input.grantedTo ?? caller.actor.id;
    const expiresAt = await insertRelease(trx, { id: releaseId, protectionId: id, process: input.process, grantedTo, grantedBy: caller.actor.id, reason: input.reason, minutes: input.minutes });
    await audit(trx, caller, { function: 'release-protection', category: 'setting', targets: [{ kind: 'resident-protection', id }, { kind: 'resident', id: p.resident_id }, { kind: 'protection-release', id: releaseId }] });
    return { releaseId, protectionId: id, process: input.process, grantedTo, expiresAt: new Date(expiresAt).toISOString() };
  });
}

export interface ProtectionDetail extends ProtectionResult {
  role: 'applicant' | 'accompanying';
  applicantResidentId: string | null;
  relationToApplicant: string | null;
  requestedOn: string;
  endReason: string | null;
  restrictions: { inquiry: ProtectionLevel | null; issue: ProtectionLevel | null; change: ProtectionLevel | null };
  offender: { name: string | null; addresseeNo: string | null; birthDate: string | null; sex: string | null; address: string | null; note: string | null };
  contact: string | null;
  remark: string | null;
}

const detailOf = (p: ProtectionRow, today: string): ProtectionDetail => ({
  ...resultOf(p, today), role: p.role, applicantResidentId: p.applicant_resident_id, relationToApplicant: p.relation_to_applicant,
  requestedOn: p.requested_on, endReason: p.end_reason, restrictions: { inquiry: p.inquiry_level, issue: p.issue_level, change: p.change_level },
  offender: { name: p.offender_name, addresseeNo: p.offender_addressee_no, birthDate: p.offender_birth_date, sex: p.offender_sex, address: p.offender_address, note: p.offender_note },
  contact: p.contact, remark: p.remark,
});

/** 支援対象者照会 (j380, j160): the 支援措置 database entry, for the 支援措置責任者 (:protection). */
export async function getProtection(deps: Deps, caller: Caller, id: string): Promise<ProtectionDetail> {
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const p = await openOrFail(trx, id);
    await audit(trx, caller, { function: 'get-protection', category: 'inquiry', targets: [{ kind: 'resident-protection', id }, { kind: 'resident', id: p.resident_id }] });
    return detailOf(p, todayInJapan());
  });
}

/** 抑止対象者一覧 (9.2 j1290). */
export async function listProtections(deps: Deps, caller: Caller, filter: { includeEnded: boolean; endingBy?: string | undefined }, page: { limit: number; offset: number }) {
  const today = todayInJapan();
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const rows = await listProtectionRows(trx, filter, page);
    await audit(trx, caller, { function: 'list-protections', category: 'inquiry', targets: rows.map((r) => ({ kind: 'resident', id: r.resident_id })), searchCount: rows.length });
    return { items: rows.map((r) => ({ ...detailOf(r, today), name: r.name })), total: rows[0]?.total ?? 0, ...page };
  });
}
