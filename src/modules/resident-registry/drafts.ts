/**
 * 仮登録・本登録 (4.0.8 審査・決裁, j530). A 異動 entered as a draft is checked in full against the
 * register as it stands (the procedure runs and is rolled back, drafts-db.ts), kept in
 * resident_change_draft, listed (仮登録一覧), withdrawn or approved; approval runs the same procedure for
 * real, with the draft marked approved in the same commit. Until then nothing of it is history:
 * other 課, certificates and other businesses see the register as it was. A draft is changed by
 * withdrawing it and entering it again. Who approved is not kept (j530 【実装しない機能】) but audited.
 */
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { inTenant } from '../../platform/db/tenant-scope.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { fieldProblems } from '../../platform/http/problem.ts';
import { decryptMyNumber, encryptMyNumber, MASKED_MY_NUMBER } from '../../platform/my-number/index.ts';
import { dryRun, onCommit } from './drafts-db.ts';
import { DRAFTABLE, type Draftable } from './drafts-procedures.ts';
import { audit, todayInJapan, type Alert, type Caller, type Deps } from './procedure.ts';
import { formatJapaneseDate } from '../../jp/index.ts';
import { renderNotice } from '../../platform/pdf/notice.ts';

export interface DraftSummary {
  draftId: string;
  procedure: string;
  status: 'pending' | 'approved' | 'withdrawn';
  effectiveDate: string | null;
  residentIds: string[];
  householdIds: string[];
  enteredBy: string;
  enteredLocation: string | null;
  enteredAt: string;
  changeId: string | null;
  version: number;
}

/** Replaces every `myNumber` string in the input (deeply) by what `f` makes of it. */
function mapMyNumbers(value: unknown, f: (v: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => mapMyNumbers(v, f));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'myNumber' ? f(v) : mapMyNumbers(v, f)]));
  }
  return value;
}

/** Every value under a key named `key` (or `keys`, an array of them), anywhere in the input. */
function idsUnder(value: unknown, key: string, found = new Set<string>()): string[] {
  if (Array.isArray(value)) value.forEach((v) => idsUnder(v, key, found));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === key && typeof v === 'string') found.add(v);
      else if (k === `${key}s` && Array.isArray(v)) v.forEach((x) => typeof x === 'string' && found.add(x));
      else idsUnder(v, key, found);
    }
  }
  return [...found];
}

/** The procedure's own 422, with its fields named where they are in a draft request (`body.input.…`). */
const asDraftFields = (e: unknown) =>
  e instanceof ValidationError ? new ValidationError(e.errors.map((p) => ({ ...p, field: p.field.replace(/^body\./, 'body.input.') }))) : e;

function draftable(procedure: string): Draftable {
  // Own keys only: `constructor` or `__proto__` would otherwise find Object.prototype's (a 500).
  const d = Object.hasOwn(DRAFTABLE, procedure) ? DRAFTABLE[procedure] : undefined;
  if (!d) throw new ValidationError([{ field: 'body.procedure', rule: 'draft.unknown-procedure', message: `仮登録できない手続です（${procedure}）。${Object.keys(DRAFTABLE).join(', ')} のいずれかを指定してください` }]);
  return d;
}

function parse(d: Draftable, input: unknown): never {
  const parsed = d.schema.safeParse(input);
  if (!parsed.success) throw new ValidationError(fieldProblems(parsed.error.issues, 'body.input'));
  return parsed.data as never;
}

/** 仮登録: checks the 異動 in full, refusing it as the procedure would, and keeps it. */
export async function enterDraft(deps: Deps, caller: Caller, request: { procedure: string; input: unknown }): Promise<{ draftId: string; alerts: Alert[] }> {
  const d = draftable(request.procedure);
  const input = parse(d, request.input);
  const checked = await d.run({ ...deps, db: dryRun(deps.db) }, caller, input).catch((e: unknown) => {
    throw asDraftFields(e);
  });
  const sealed = mapMyNumbers(request.input, (v) => (typeof v === 'string' ? { sealed: encryptMyNumber(deps.myNumberKeys, caller.tenantCode, v) } : v));
  const draftId = uuidv7();
  const effectiveDate = (input as { effectiveDate?: string }).effectiveDate ?? null;
  await inTenant(deps.db, caller.tenantCode, async (trx) => {
    await sql`INSERT INTO resident_change_draft (tenant_code, id, procedure, input, entered_by, entered_location, effective_date, resident_ids, household_ids)
      VALUES (current_tenant(), ${draftId}, ${request.procedure}, ${JSON.stringify(sealed)}::jsonb, ${caller.actor.id}, ${caller.address}, ${effectiveDate},
        ${idsUnder(request.input, 'residentId')}::uuid[], ${idsUnder(request.input, 'householdId')}::uuid[])`.execute(trx);
    await audit(trx, caller, { function: 'enter-draft', category: 'record', targets: [{ kind: 'resident-change-draft', id: draftId }, ...idsUnder(request.input, 'residentId').map((id) => ({ kind: 'resident', id }))] });
  });
  return { draftId, alerts: checked.alerts };
}

/**
 * 入力内容の審査 (the counter's 確認 before 登録, j540): the procedure runs in full against the register as it
 * stands and is rolled back, as for a draft, but nothing is kept. Answers what 登録 would: the alerts to
 * accept, or the same 422 with the fields where they are in the request (`body.input.…`).
 */
export async function checkProcedure(deps: Deps, caller: Caller, request: { procedure: string; input: unknown }): Promise<{ alerts: Alert[]; lateNotification: boolean }> {
  const d = draftable(request.procedure);
  const input = parse(d, request.input);
  // The dry run's own audit entry goes with its rollback; the check read the register (a refusal may name
  // another resident's 宛名番号), so it is audited here, refused or not, with the persons and households named.
  const record = (outcome: 'success' | 'failed') =>
    inTenant(deps.db, caller.tenantCode, (trx) => audit(trx, caller, {
      function: `check-${request.procedure.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, category: 'inquiry', outcome,
      targets: [...idsUnder(request.input, 'residentId').map((id) => ({ kind: 'resident', id })), ...idsUnder(request.input, 'householdId').map((id) => ({ kind: 'household', id }))],
    }));
  try {
    const checked = (await d.run({ ...deps, db: dryRun(deps.db) }, caller, input)) as { alerts: Alert[]; lateNotification?: boolean };
    await record('success');
    return { alerts: checked.alerts, lateNotification: checked.lateNotification ?? false };
  } catch (e) {
    await record('failed');
    throw asDraftFields(e);
  }
}

type DraftRow = {
  id: string; procedure: string; status: DraftSummary['status']; input: unknown; effective_date: string | null; resident_ids: string[]; household_ids: string[];
  entered_by: string; entered_location: string | null; entered_at: Date; change_id: string | null; version: number;
};

const summaryOf = (r: DraftRow): DraftSummary => ({
  draftId: r.id, procedure: r.procedure, status: r.status, effectiveDate: r.effective_date, residentIds: r.resident_ids, householdIds: r.household_ids,
  enteredBy: r.entered_by, enteredLocation: r.entered_location, enteredAt: new Date(r.entered_at).toISOString(), changeId: r.change_id, version: r.version,
});

const SELECT = sql`SELECT id, procedure, status, input, effective_date::text AS effective_date, resident_ids::text[] AS resident_ids,
  household_ids::text[] AS household_ids, entered_by, entered_location, entered_at, change_id, version FROM resident_change_draft`;

/** 仮登録一覧 (j530): by status (pending by default), oldest first; 入力場所 narrows it to one 支所. */
export async function listDrafts(deps: Deps, caller: Caller, filter: { status: DraftSummary['status']; enteredLocation?: string | undefined; limit: number; offset: number }): Promise<{ items: DraftSummary[] }> {
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const { rows } = await sql<DraftRow>`${SELECT} WHERE tenant_code = current_tenant() AND status = ${filter.status}
      ${filter.enteredLocation === undefined ? sql`` : sql`AND entered_location = ${filter.enteredLocation}`}
      ORDER BY entered_at, id LIMIT ${filter.limit} OFFSET ${filter.offset}`.execute(trx);
    await audit(trx, caller, { function: 'list-drafts', category: 'inquiry', targets: rows.map((r) => ({ kind: 'resident-change-draft', id: r.id })), searchCount: rows.length });
    return { items: rows.map(summaryOf) };
  });
}

/** One draft with its input as entered (確認用, j540); 個人番号 are shown masked. */
export async function getDraft(deps: Deps, caller: Caller, draftId: string): Promise<DraftSummary & { input: unknown }> {
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const { rows } = await sql<DraftRow>`${SELECT} WHERE tenant_code = current_tenant() AND id = ${draftId}`.execute(trx);
    if (!rows[0]) throw new NotFoundError('指定の仮登録はありません');
    await audit(trx, caller, { function: 'get-draft', category: 'inquiry', targets: [{ kind: 'resident-change-draft', id: draftId }, ...rows[0].resident_ids.map((id) => ({ kind: 'resident', id }))] });
    return { ...summaryOf(rows[0]), input: mapMyNumbers(rows[0].input, () => MASKED_MY_NUMBER) };
  });
}

async function pendingDraft(deps: Deps, caller: Caller, draftId: string, version: number): Promise<DraftRow> {
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const { rows } = await sql<DraftRow>`${SELECT} WHERE tenant_code = current_tenant() AND id = ${draftId}`.execute(trx);
    const row = rows[0];
    if (!row) throw new NotFoundError('指定の仮登録はありません');
    if (row.status !== 'pending') throw new ValidationError([{ field: 'draftId', rule: 'draft.not-pending', message: `この仮登録は既に${row.status === 'approved' ? '本登録' : '取り下げ'}されています` }]);
    if (row.version !== version) throw new ConflictError('仮登録は画面を表示した後に他の処理で更新されています。最新の内容を表示し直してください', 'stale-version');
    return row;
  });
}

/** 本登録: runs the procedure for real; the draft is marked approved in the same commit as the 異動. */
export async function approveDraft(deps: Deps, caller: Caller, draftId: string, version: number): Promise<{ draftId: string; changeId: string; alerts: Alert[] }> {
  const row = await pendingDraft(deps, caller, draftId, version);
  const d = draftable(row.procedure);
  const input = parse(d, mapMyNumbers(row.input, (v) => (v && typeof v === 'object' && 'sealed' in v ? decryptMyNumber(deps.myNumberKeys, caller.tenantCode, String(v.sealed)) : v)));
  const isResult = (r: unknown): r is { changeId: string } => typeof r === 'object' && r !== null && 'changeId' in r;
  const db = onCommit(deps.db, isResult, async (trx, result) => {
    const { rows } = await sql`UPDATE resident_change_draft SET status = 'approved', change_id = ${(result as { changeId: string }).changeId}, version = version + 1
      WHERE tenant_code = current_tenant() AND id = ${draftId} AND status = 'pending' AND version = ${version} RETURNING id`.execute(trx);
    if (!rows[0]) throw new ConflictError('仮登録は他の処理で本登録又は取り下げされました', 'stale-version');
    await audit(trx, caller, { function: 'approve-draft', category: 'record', targets: [{ kind: 'resident-change-draft', id: draftId }] });
  });
  const result = await d.run({ ...deps, db }, caller, input).catch((e: unknown) => {
    throw asDraftFields(e);
  });
  return { draftId, changeId: result.changeId, alerts: result.alerts };
}

/** 取下げ (取消・修正, j530): the draft is kept, marked withdrawn; to change it, enter it again. */
export async function withdrawDraft(deps: Deps, caller: Caller, draftId: string, version: number): Promise<DraftSummary> {
  await pendingDraft(deps, caller, draftId, version);
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const { rows } = await sql<DraftRow>`UPDATE resident_change_draft SET status = 'withdrawn', version = version + 1
      WHERE tenant_code = current_tenant() AND id = ${draftId} AND status = 'pending' AND version = ${version}
      RETURNING id, procedure, status, input, effective_date::text AS effective_date, resident_ids::text[] AS resident_ids, household_ids::text[] AS household_ids,
        entered_by, entered_location, entered_at, change_id, version`.execute(trx);
    if (!rows[0]) throw new ConflictError('仮登録は他の処理で本登録又は取り下げされました', 'stale-version');
    await audit(trx, caller, { function: 'withdraw-draft', category: 'record', targets: [{ kind: 'resident-change-draft', id: draftId }] });
    return summaryOf(rows[0]);
  });
}

/** Item names on the 確認用帳票 (j540); anything else prints under its field path. */
const LABELS: Record<string, string> = {
  effectiveDate: '異動日', notifiedDate: '届出日', kind: '種別', basis: '根拠', remark: '留意事項', name: '氏名', nameKana: 'フリガナ',
  nameAlphabet: '氏名（アルファベット）', birthDate: '生年月日', sex: '性別', relationship: '続柄', registeredDomicile: '本籍', familyRegisterHead: '筆頭者',
  residentCode: '住民票コード', myNumber: '個人番号', text: '住所', supplement: '方書', postalCode: '郵便番号', previousAddress: '転入前住所',
  destination: '異動先', residentId: '住民', residentIds: '異動者', householdId: '世帯', version: '版', nationality: '国籍・地域',
};

function flatten(value: unknown, path: string[] = []): { label: string; value: string }[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => flatten(v, [...path, String(i + 1)]));
  if (typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => flatten(v, [...path, k]));
  const label = path.map((p) => LABELS[p] ?? p).join('・');
  return [{ label, value: String(value) }];
}

/** 確認用帳票 (4.0.9, j540): a draft's input as entered, on paper, before it is approved; 個人番号 masked. */
export async function draftConfirmation(deps: Deps, caller: Caller, draftId: string): Promise<Buffer> {
  const draft = await getDraft(deps, caller, draftId);
  return renderNotice({
    title: '住民異動 確認票（仮登録）',
    rows: [
      { label: '手続', value: draft.procedure },
      { label: '状態', value: { pending: '仮登録', approved: '本登録済み', withdrawn: '取下げ' }[draft.status] },
      { label: '入力日時', value: draft.enteredAt },
      { label: '入力場所', value: draft.enteredLocation ?? '' },
      ...flatten(draft.input),
    ],
    statement: 'この内容は仮登録であり、決裁により本登録されるまで住民票に記載されていません。',
    issuedOnLabel: formatJapaneseDate(todayInJapan()),
    sender: '',
  });
}
