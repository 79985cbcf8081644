/**
 * 特別徴収義務者 (employers who withhold 住民税 from salaries) of the 団体, keyed by 指定番号
 * (migrations/004_employers_relief.sql). Each registration or change appends a version, so who changed
 * a 所在地 and when stays answerable; the latest version is the employer. A 給与支払報告書 naming a number
 * the register does not know enters it from the report (service.ts), so the register is complete; staff
 * then add the 所在地 and the rest. The 特別徴収税額通知 (notices.ts) prints the name and 所在地 from here.
 */
import { z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { corporateNumber } from '../../jp/index.ts';
import { inTenant, type Trx } from '../../platform/db/tenant-scope.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { auditCaller, type Caller } from '../../platform/http/caller.ts';
import { fieldProblems } from '../../platform/http/problem.ts';
import type { ModuleContext } from '../../platform/module.ts';
import { PostalCodeSchema, textSchema } from '../resident-registry/index.ts';

const MODULE_ID = 'individual-resident-tax';
type Deps = Pick<ModuleContext, 'db'>;

export const EMPLOYER_NO = /^[0-9A-Za-z-]{1,20}$/;
export const EMPLOYER_NO_MESSAGE = '特別徴収義務者の指定番号は英数字とハイフン20文字以内で入力してください';

const CorporateNumber = z
  .string()
  .regex(/^[0-9]{13}$/, { error: '法人番号は13桁の数字で入力してください' })
  .refine((v) => !/^[0-9]{13}$/.test(v) || corporateNumber.isValid(v), { error: '法人番号の検査数字が正しくありません', params: { rule: 'check-digit' } })
  .openapi({ description: '法人番号（13桁、先頭が検査数字。個人事業主は省略）', example: '7000012050002' });

// 固定 10桁・携帯 11桁; hyphens and brackets as people write them.
const Phone = z
  .string()
  .regex(/^[0-9()-]{10,15}$/, { error: '電話番号は数字とハイフン（例 03-1234-5678）で入力してください' })
  .refine((v) => /^0/.test(v.replace(/\D/g, '')) && [10, 11].includes(v.replace(/\D/g, '').length), {
    error: '電話番号は0で始まる10桁または11桁で入力してください', params: { rule: 'phone.digits' },
  })
  .openapi({ example: '03-1234-5678' });

export const employerInputSchema = z
  .object({
    name: textSchema('名称', 200).openapi({ description: '特別徴収義務者（給与支払者）の名称' }),
    address: textSchema('所在地', 300).openapi({ description: '所在地' }),
    postalCode: PostalCodeSchema.optional().openapi({ description: '所在地の郵便番号（7桁）' }),
    corporateNumber: CorporateNumber.optional(),
    phone: Phone.optional().openapi({ description: '連絡先の電話番号' }),
    department: textSchema('担当部署', 100).optional().openapi({ description: '連絡先の担当部署' }),
    delivery: z
      .object({
        name: textSchema('送付先の名称', 200),
        address: textSchema('送付先の住所', 300),
        postalCode: PostalCodeSchema.optional(),
      })
      .optional()
      .openapi({ description: '送付先（所在地と異なる場合。経理の代行者、本社など）' }),
    eltax: z.boolean().default(false).openapi({ description: '特別徴収税額通知を電子（eLTAX）で送付する' }),
    expectedVersion: z.int().min(1, { error: '版は1以上です' }).optional()
      .openapi({ description: '画面に表示した版（変更の場合）。他の処理で更新されていれば 409' }),
  })
  .openapi('ResidentTaxEmployerInput');
export type EmployerInput = z.input<typeof employerInputSchema>;

export interface Employer {
  employerNo: string;
  /** null only for a number entered from a 給与支払報告書 that gave no name. */
  name: string | null;
  address: string | null;
  postalCode: string | null;
  corporateNumber: string | null;
  phone: string | null;
  department: string | null;
  delivery: { name: string; address: string; postalCode: string | null } | null;
  eltax: boolean;
  /** `incomeDocument`: entered from a 給与支払報告書, not yet completed by staff. */
  source: 'staff' | 'incomeDocument';
  version: number;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
}

interface Row {
  employer_no: string; version: number; source: 'staff' | 'income_document'; name: string | null; address: string | null; postal_code: string | null;
  corporate_number: string | null; phone: string | null; department: string | null; delivery_name: string | null; delivery_address: string | null;
  delivery_postal_code: string | null; eltax: boolean; recorded_at: Date; recorded_by: string | null; created_at: Date; created_by: string | null;
}

const toEmployer = (r: Row): Employer => ({
  employerNo: r.employer_no, name: r.name, address: r.address, postalCode: r.postal_code, corporateNumber: r.corporate_number, phone: r.phone,
  department: r.department, delivery: r.delivery_name !== null && r.delivery_address !== null ? { name: r.delivery_name, address: r.delivery_address, postalCode: r.delivery_postal_code } : null,
  eltax: r.eltax, source: r.source === 'staff' ? 'staff' : 'incomeDocument', version: r.version,
  createdAt: new Date(r.created_at).toISOString(), createdBy: r.created_by, updatedAt: new Date(r.recorded_at).toISOString(), updatedBy: r.recorded_by,
});

/** The latest version of each employer, with when and by whom version 1 was recorded. */
const LATEST = sql`(SELECT DISTINCT ON (e.employer_no) e.*, f.recorded_at AS created_at, f.recorded_by AS created_by
  FROM resident_tax_employer e JOIN resident_tax_employer f ON f.tenant_code = e.tenant_code AND f.employer_no = e.employer_no AND f.version = 1
  WHERE e.tenant_code = current_tenant() ORDER BY e.employer_no, e.version DESC)`;

export async function employerOf(trx: Trx, employerNo: string): Promise<Employer | null> {
  const { rows } = await sql<Row>`SELECT * FROM ${LATEST} latest WHERE employer_no = ${employerNo}`.execute(trx);
  return rows[0] ? toEmployer(rows[0]) : null;
}

const audit = (trx: Trx, caller: Caller, fn: string, category: 'record' | 'correct' | 'inquiry', employerNos: string[], searchCount?: number) =>
  auditCaller(trx, caller, MODULE_ID, { function: fn, category, targets: employerNos.map((id) => ({ kind: 'employer', id })), ...(searchCount === undefined ? {} : { searchCount }) });

function parseInput(employerNo: string, input: unknown) {
  const problems = EMPLOYER_NO.test(employerNo) ? [] : [{ field: 'employerNo', rule: 'format', message: `employerNo: ${EMPLOYER_NO_MESSAGE}` }];
  const parsed = employerInputSchema.safeParse(input);
  if (!parsed.success) problems.push(...fieldProblems(parsed.error.issues, 'body'));
  if (problems.length > 0 || !parsed.success) throw new ValidationError(problems);
  return parsed.data;
}

const stale = (employerNo: string) =>
  new ConflictError(`特別徴収義務者 ${employerNo} は画面を表示した後に他の処理で更新されています。最新の内容を表示し直してから入力してください`, 'stale-version');

/** 特別徴収義務者の登録・変更: validated in full first; a change is the next version, an unchanged input writes nothing. */
export async function registerEmployer(deps: Deps, caller: Caller, employerNo: string, input: EmployerInput): Promise<Employer> {
  const e = parseInput(employerNo, input);
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const latest = await employerOf(trx, employerNo);
    if (e.expectedVersion !== undefined && e.expectedVersion !== latest?.version) throw stale(employerNo);
    const values = {
      name: e.name, address: e.address, postal_code: e.postalCode ?? null, corporate_number: e.corporateNumber ?? null, phone: e.phone ?? null,
      department: e.department ?? null, delivery_name: e.delivery?.name ?? null, delivery_address: e.delivery?.address ?? null,
      delivery_postal_code: e.delivery?.postalCode ?? null, eltax: e.eltax,
    };
    if (latest?.source === 'staff' && sameAs(latest, values)) {
      await audit(trx, caller, 'register-employer', 'inquiry', [employerNo]);
      return latest;
    }
    // Two clerks saving at once both aim at the same next version: the key lets one through, the other is told.
    const { rows } = await sql<{ version: number }>`INSERT INTO resident_tax_employer (tenant_code, employer_no, version, source, name, address, postal_code,
        corporate_number, phone, department, delivery_name, delivery_address, delivery_postal_code, eltax, recorded_by)
      VALUES (current_tenant(), ${employerNo}, ${(latest?.version ?? 0) + 1}, 'staff', ${values.name}, ${values.address}, ${values.postal_code},
        ${values.corporate_number}, ${values.phone}, ${values.department}, ${values.delivery_name}, ${values.delivery_address}, ${values.delivery_postal_code},
        ${values.eltax}, ${caller.actor.id}::uuid)
      ON CONFLICT DO NOTHING RETURNING version`.execute(trx);
    if (rows.length === 0) throw stale(employerNo);
    await audit(trx, caller, 'register-employer', latest ? 'correct' : 'record', [employerNo]);
    return (await employerOf(trx, employerNo))!;
  });
}

function sameAs(latest: Employer, v: Record<string, unknown>): boolean {
  const now: Record<string, unknown> = {
    name: latest.name, address: latest.address, postal_code: latest.postalCode, corporate_number: latest.corporateNumber, phone: latest.phone,
    department: latest.department, delivery_name: latest.delivery?.name ?? null, delivery_address: latest.delivery?.address ?? null,
    delivery_postal_code: latest.delivery?.postalCode ?? null, eltax: latest.eltax,
  };
  return Object.entries(v).every(([k, x]) => now[k] === x);
}

/**
 * Enters a 指定番号 the register does not know, from a 給与支払報告書 (inside its receipt's transaction).
 * A known employer is left as staff keep it: a report's spelling of the name does not overwrite theirs.
 */
export async function registerEmployerFromReport(trx: Trx, caller: Caller, employerNo: string, name: string | null): Promise<void> {
  const { rows } = await sql<{ version: number }>`INSERT INTO resident_tax_employer (tenant_code, employer_no, version, source, name, recorded_by)
    VALUES (current_tenant(), ${employerNo}, 1, 'income_document', ${name}, ${caller.actor.id}::uuid)
    ON CONFLICT DO NOTHING RETURNING version`.execute(trx);
  if (rows.length > 0) await audit(trx, caller, 'register-employer-from-report', 'record', [employerNo]);
}

export async function getEmployer(deps: Deps, caller: Caller, employerNo: string): Promise<Employer> {
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const employer = await employerOf(trx, employerNo);
    if (!employer) throw new NotFoundError(`特別徴収義務者 ${employerNo} は登録されていません`);
    await audit(trx, caller, 'get-employer', 'inquiry', [employerNo]);
    return employer;
  });
}

/** LIKE treats % and _ as wildcards: a name containing them is searched for as written. */
const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** 特別徴収義務者の一覧: by name prefix or all, in name order, a page at a time. */
export async function listEmployers(deps: Deps, caller: Caller, query: { namePrefix?: string | undefined; limit: number; offset: number }) {
  return inTenant(deps.db, caller.tenantCode, async (trx) => {
    const filter = query.namePrefix ? sql`WHERE name LIKE ${likePrefix(query.namePrefix)}` : sql``;
    const { rows } = await sql<Row>`SELECT * FROM ${LATEST} latest ${filter}
      ORDER BY name NULLS LAST, employer_no LIMIT ${query.limit} OFFSET ${query.offset}`.execute(trx);
    const items = rows.map(toEmployer);
    await audit(trx, caller, 'list-employers', 'inquiry', items.map((i) => i.employerNo), items.length);
    return { items, limit: query.limit, offset: query.offset };
  });
}
