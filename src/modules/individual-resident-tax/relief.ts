/**
 * 非課税・減免の決定 entered by staff (migrations/004_employers_relief.sql; the arithmetic is rules/relief.ts).
 * One taxpayer and year have at most one current decision: the latest one recorded, unless a 取消 row names
 * it. A new decision replaces the one before; a 取消 cancels the current one. Rows are only ever added, so
 * every decision and its 取消 stay on record. Recording either 更正s an assessed taxpayer in the same
 * transaction, so the bill never disagrees with the decisions.
 */
import { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { inTenant, type Trx } from '../../platform/db/tenant-scope.ts';
import { todayInJapan } from '../../jp/index.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../../platform/errors.ts';
import { auditCaller, type Caller } from '../../platform/http/caller.ts';
import { fieldProblems } from '../../platform/http/problem.ts';
import type { ModuleContext } from '../../platform/module.ts';
import { IsoDateSchema, textSchema } from '../resident-registry/index.ts';
import { REASONS_OF, RELIEF_REASONS, RELIEF_SCOPES, type Relief, type ReliefReason } from './rules/relief.ts';
import { reassessInTransaction } from './service.ts';
import { lockYear, taxpayerOf } from './store.ts';

const MODULE_ID = 'individual-resident-tax';
type Deps = Pick<ModuleContext, 'db' | 'events'>;
const KINDS = { exemption: '非課税の決定', reduction: '減免' } as const;
const enumOf = <T extends Record<string, string>>(o: T) => z.enum(Object.keys(o) as [keyof T & string, ...(keyof T & string)[]]);
const describe = (o: Record<string, string>) => Object.entries(o).map(([k, v]) => `${k}: ${v}`).join(', ');

/** A decision is recorded once made: a date ahead of today (in Japan) is a typing error. */
const notAhead = (decidedOn: string, ctx: z.core.$RefinementCtx) => {
  if (decidedOn > todayInJapan()) ctx.addIssue({ code: 'custom', path: ['decidedOn'], message: '決定日に将来の日付は入力できません', params: { rule: 'relief.future' } });
};

export const reliefInputSchema = z
  .object({
    kind: enumOf(KINDS).openapi({ description: describe(KINDS) }),
    reason: enumOf(RELIEF_REASONS).openapi({ description: `${describe(RELIEF_REASONS)}（非課税: ${REASONS_OF.exemption.join('・')}; 減免: ${REASONS_OF.reduction.join('・')}）` }),
    reasonText: textSchema('理由の内容', 1000, { allowNewline: true }).optional().openapi({ description: '理由の内容（減免では必須）' }),
    scope: enumOf(RELIEF_SCOPES).optional().openapi({ description: `減免の範囲（${describe(RELIEF_SCOPES)}; 省略時 all）` }),
    rate: z.string().regex(/^(0\.[0-9]{1,4}|1(\.0{1,4})?)$/, { error: '減免割合は0より大きく1以下の小数（小数点以下4桁まで、例 0.5）で入力してください' })
      .refine((v) => Number(v) > 0, { error: '減免割合は0より大きくしてください', params: { rule: 'relief.rate' } })
      .optional().openapi({ description: '減免割合（"0.5" = 2分の1、"1" = 全額）。amount とどちらか一方', example: '0.5' }),
    amount: z.int().min(1, { error: '減免額は1円以上で入力してください' }).max(100_000_000, { error: '減免額は1億円以下で入力してください' })
      .optional().openapi({ description: '減免額（円、市町村民税と道府県民税の合計。税額の割合で按分）。rate とどちらか一方' }),
    forestExempt: z.boolean().optional().openapi({ description: '森林環境税の免除（減免の場合。非課税の決定では常に課されない）' }),
    decidedOn: IsoDateSchema.openapi({ description: '決定日' }),
    decidedBy: textSchema('決定者', 100).openapi({ description: '決定者（決裁した職・氏名）' }),
  })
  .superRefine((d, ctx) => {
    const refuse = (path: string, rule: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message, params: { rule } });
    if (!REASONS_OF[d.kind].includes(d.reason)) {
      refuse('reason', 'relief.reason', `${KINDS[d.kind]}の理由は ${REASONS_OF[d.kind].map((r) => `${r}（${RELIEF_REASONS[r]}）`).join('・')} のいずれかです`);
    }
    if (d.kind === 'reduction') {
      if ((d.rate === undefined) === (d.amount === undefined)) refuse('rate', 'relief.rate-or-amount', '減免は割合（rate）か金額（amount）のどちらか一方で指定してください');
      if (d.reasonText === undefined) refuse('reasonText', 'required', '減免の理由の内容を入力してください');
    } else {
      for (const f of ['scope', 'rate', 'amount'] as const) if (d[f] !== undefined) refuse(f, 'relief.not-for-exemption', '非課税の決定には範囲・割合・金額を指定できません（税額はすべて0になります）');
      if (d.forestExempt === false) refuse('forestExempt', 'relief.forest', '非課税の決定では森林環境税も課されません（forestExempt は省略してください）');
    }
    if (d.reason === 'other' && d.reasonText === undefined) refuse('reasonText', 'required', '理由が「その他」のときは内容を入力してください');
    notAhead(d.decidedOn, ctx);
  })
  .openapi('ResidentTaxReliefInput');
export type ReliefInput = z.input<typeof reliefInputSchema>;

export const revocationInputSchema = z
  .object({
    reasonText: textSchema('取消の理由', 1000, { allowNewline: true }).openapi({ description: '取消の理由' }),
    decidedOn: IsoDateSchema.openapi({ description: '取消の決定日' }),
    decidedBy: textSchema('決定者', 100).openapi({ description: '決定者（決裁した職・氏名）' }),
  })
  .superRefine((d, ctx) => notAhead(d.decidedOn, ctx))
  .openapi('ResidentTaxReliefRevocationInput');
export type RevocationInput = z.input<typeof revocationInputSchema>;

/** A decision as recorded, with its 取消 if any. */
export interface ReliefDecision extends Relief {
  reasonText: string | null;
  decidedBy: string;
  recordedAt: string;
  recordedBy: string | null;
  revocation: { id: string; reasonText: string; decidedOn: string; decidedBy: string; recordedAt: string; recordedBy: string | null } | null;
}

interface Row {
  addressee_no: string; seq: number; id: string; kind: 'exemption' | 'reduction' | 'revocation'; revokes: string | null; reason: ReliefReason | null;
  reason_text: string | null; scope: Relief['scope'] | null; rate: string | null; amount: number | null; forest_exempt: boolean | null;
  decided_on: string; decided_by: string; recorded_at: Date; recorded_by: string | null;
}
const COLUMNS = sql`addressee_no, seq, id, kind, revokes, reason, reason_text, scope, rate::text AS rate, amount, forest_exempt, decided_on::text AS decided_on,
  decided_by, recorded_at, recorded_by`;

/** numeric(5,4) reads as '0.5000': the rate as staff wrote it, so a basis reads 「割合 0.5」. */
const rateOf = (r: string | null) => (r === null || !r.includes('.') ? r : r.replace(/0+$/, '').replace(/\.$/, ''));

const toRelief = (r: Row): Relief => ({
  id: r.id, kind: r.kind as Relief['kind'], reason: r.reason!, scope: r.scope ?? 'all', rate: rateOf(r.rate), amount: r.amount,
  forestExempt: r.forest_exempt ?? false, decidedOn: r.decided_on,
});

/** The current, not revoked, decision of each given taxpayer for the year (the annual job and 更正 apply it). */
export async function reliefsOf(trx: Trx, fiscalYear: number, addresseeNos: readonly string[]): Promise<Map<string, Relief>> {
  const out = new Map<string, Relief>();
  if (addresseeNos.length === 0) return out;
  const { rows } = await sql<Row>`SELECT ${COLUMNS} FROM (
      SELECT DISTINCT ON (addressee_no) * FROM resident_tax_relief
      WHERE tenant_code = current_tenant() AND fiscal_year = ${fiscalYear} AND addressee_no = ANY(${addresseeNos as string[]}::text[]) AND kind <> 'revocation'
      ORDER BY addressee_no, seq DESC) d
    WHERE NOT EXISTS (SELECT 1 FROM resident_tax_relief r WHERE r.tenant_code = d.tenant_code AND r.revokes = d.id)`.execute(trx);
  for (const r of rows) out.set(r.addressee_no, toRelief(r));
  return out;
}

async function rowsOf(trx: Trx, fiscalYear: number, addresseeNo: string): Promise<Row[]> {
  const { rows } = await sql<Row>`SELECT ${COLUMNS} FROM resident_tax_relief
    WHERE tenant_code = current_tenant() AND fiscal_year = ${fiscalYear} AND addressee_no = ${addresseeNo} ORDER BY seq`.execute(trx);
  return rows;
}

function decisionsOf(rows: readonly Row[]): { items: ReliefDecision[]; current: string | null } {
  const revocations = new Map(rows.filter((r) => r.revokes !== null).map((r) => [r.revokes!, r]));
  const items = rows.filter((r) => r.kind !== 'revocation').map((r): ReliefDecision => {
    const x = revocations.get(r.id);
    return {
      ...toRelief(r), reasonText: r.reason_text, decidedBy: r.decided_by, recordedAt: new Date(r.recorded_at).toISOString(), recordedBy: r.recorded_by,
      revocation: x ? { id: x.id, reasonText: x.reason_text!, decidedOn: x.decided_on, decidedBy: x.decided_by, recordedAt: new Date(x.recorded_at).toISOString(), recordedBy: x.recorded_by } : null,
    };
  });
  const latest = items.at(-1);
  return { items, current: latest && !latest.revocation ? latest.id : null };
}

/** The checks beyond the body's shape: the number, and a decision date on or after the year's 賦課期日 (or the decision revoked). */
function refuseUnless(fiscalYear: number, addresseeNo: string, decidedOn: string | undefined, issues: readonly z.core.$ZodIssue[], earliest = `${fiscalYear}-01-01`) {
  const problems: FieldProblem[] = fieldProblems(issues, 'body');
  if (!/^[0-9]{2,20}$/.test(addresseeNo)) problems.push({ field: 'addresseeNo', rule: 'format', message: 'addresseeNo: 宛名番号は数字で入力してください' });
  if (decidedOn !== undefined && decidedOn < earliest) {
    problems.push({ field: 'body.decidedOn', rule: 'relief.decided-on', message: `body.decidedOn: 決定日は ${earliest} 以降の日付で入力してください` });
  }
  if (problems.length > 0) throw new ValidationError(problems);
}

const audit = (trx: Trx, caller: Caller, fn: string, category: 'record' | 'correct' | 'inquiry', addresseeNo: string) =>
  auditCaller(trx, caller, MODULE_ID, { function: fn, category, targets: [{ kind: 'addressee', id: addresseeNo }] });

/** Appends a row as the taxpayer's next; a clerk who recorded at the same moment took the number, and this one is told. */
async function append(trx: Trx, caller: Caller, fiscalYear: number, addresseeNo: string, seq: number, row: Record<string, unknown>): Promise<string> {
  const id = uuidv7();
  const { rows } = await sql<{ id: string }>`INSERT INTO resident_tax_relief (tenant_code, fiscal_year, addressee_no, seq, id, kind, revokes, reason, reason_text,
      scope, rate, amount, forest_exempt, decided_on, decided_by, recorded_by)
    VALUES (current_tenant(), ${fiscalYear}, ${addresseeNo}, ${seq}, ${id}, ${row.kind}, ${row.revokes ?? null}, ${row.reason ?? null}, ${row.reasonText ?? null},
      ${row.scope ?? null}, ${row.rate ?? null}::numeric, ${row.amount ?? null}, ${row.forestExempt ?? null}, ${row.decidedOn}::date, ${row.decidedBy}, ${caller.actor.id}::uuid)
    ON CONFLICT DO NOTHING RETURNING id`.execute(trx);
  if (rows.length === 0) {
    throw new ConflictError(`宛名番号 ${addresseeNo} の${fiscalYear}年度の非課税・減免は画面を表示した後に他の処理で更新されています。最新の内容を表示し直してから入力してください`, 'stale-version');
  }
  return id;
}

/**
 * The 更正 that follows a decision, when the taxpayer has been assessed for the year (else the annual job
 * applies it). Not after a 賦課取消: a decision must not bring back the tax of someone found not liable;
 * an explicit 更正 does that.
 */
async function reassessIfAssessed(trx: Trx, deps: Deps, caller: Caller, fiscalYear: number, addresseeNo: string) {
  const taxpayer = await taxpayerOf(trx, fiscalYear, addresseeNo);
  const last = taxpayer?.assessments.at(-1);
  if (!last || last.kind === 'cancellation') return null;
  return reassessInTransaction(trx, deps, caller, fiscalYear, addresseeNo);
}

/** 非課税・減免の決定の記録 (replacing the current one, if any), and the 更正 it causes. */
export async function recordRelief(deps: Deps, caller: Caller, fiscalYear: number, addresseeNo: string, input: ReliefInput) {
  const parsed = reliefInputSchema.safeParse(input);
  refuseUnless(fiscalYear, addresseeNo, parsed.data?.decidedOn, parsed.error?.issues ?? []);
  const d = parsed.data!;
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    await lockYear(trx, fiscalYear, 'shared');
    const rows = await rowsOf(trx, fiscalYear, addresseeNo);
    const reduction = d.kind === 'reduction';
    await append(trx, caller, fiscalYear, addresseeNo, rows.length + 1, {
      kind: d.kind, reason: d.reason, reasonText: d.reasonText, scope: reduction ? (d.scope ?? 'all') : null, rate: d.rate, amount: d.amount,
      forestExempt: reduction ? (d.forestExempt ?? false) : true, decidedOn: d.decidedOn, decidedBy: d.decidedBy,
    });
    await audit(trx, caller, 'record-relief', 'record', addresseeNo);
    const decision = decisionsOf(await rowsOf(trx, fiscalYear, addresseeNo)).items.at(-1)!;
    return { decision, reassessment: await reassessIfAssessed(trx, deps, caller, fiscalYear, addresseeNo) };
  });
}

/** 取消 of the current decision: the taxpayer is then assessed with none (a decision it had replaced does not come back). */
export async function revokeRelief(deps: Deps, caller: Caller, fiscalYear: number, addresseeNo: string, reliefId: string, input: RevocationInput) {
  const parsed = revocationInputSchema.safeParse(input);
  refuseUnless(fiscalYear, addresseeNo, parsed.data?.decidedOn, parsed.error?.issues ?? []);
  const d = parsed.data!;
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    await lockYear(trx, fiscalYear, 'shared');
    const rows = await rowsOf(trx, fiscalYear, addresseeNo);
    const { items, current } = decisionsOf(rows);
    const target = items.find((i) => i.id === reliefId);
    if (!target) throw new NotFoundError(`宛名番号 ${addresseeNo} の${fiscalYear}年度に非課税・減免の決定 ${reliefId} はありません`);
    if (target.revocation) throw new ConflictError(`非課税・減免の決定 ${reliefId} は既に取り消されています`, 'relief-revoked');
    if (current !== reliefId) throw new ConflictError(`非課税・減免の決定 ${reliefId} は後の決定に置き換えられています。取り消せるのは現在の決定だけです`, 'relief-not-current');
    if (d.decidedOn < target.decidedOn) refuseUnless(fiscalYear, addresseeNo, d.decidedOn, [], target.decidedOn);
    await append(trx, caller, fiscalYear, addresseeNo, rows.length + 1, { kind: 'revocation', revokes: reliefId, reasonText: d.reasonText, decidedOn: d.decidedOn, decidedBy: d.decidedBy });
    await audit(trx, caller, 'revoke-relief', 'correct', addresseeNo);
    const decision = decisionsOf(await rowsOf(trx, fiscalYear, addresseeNo)).items.find((i) => i.id === reliefId)!;
    return { decision, reassessment: await reassessIfAssessed(trx, deps, caller, fiscalYear, addresseeNo) };
  });
}

/** Every decision of the taxpayer for the year, oldest first, with the current one's id. */
export async function listReliefs(deps: Pick<ModuleContext, 'db'>, caller: Caller, fiscalYear: number, addresseeNo: string) {
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const result = decisionsOf(await rowsOf(trx, fiscalYear, addresseeNo));
    await audit(trx, caller, 'list-reliefs', 'inquiry', addresseeNo);
    return result;
  });
}
