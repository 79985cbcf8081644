/**
 * The operator's procedures on 団体: onboarding, the profile (businesses, deployment model, costs) and
 * migration progress. Each validates everything before it writes and writes in one transaction set to
 * the 団体, with the audit entry in that 団体's chain (the operator has no chain of its own).
 */
import { todayInJapan } from '../jp/index.ts';
import { inPlatform, inTenant, type Trx } from '../platform/db/tenant-scope.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../platform/errors.ts';
import { createAccount } from '../platform/identity/users.ts';
import type { ModuleContext } from '../platform/module.ts';
import { allLocalGovernments, findLocalGovernment } from '../platform/tenancy/code-list.ts';
import { findTenant, listTenants, validateTenantCode } from '../platform/tenancy/tenant.ts';
import { addTenantIn } from '../modules/tenants/index.ts';
import { BUSINESS_TITLES } from './businesses.ts';
import type { ProgressRowInput } from './model.ts';
import { completionPercent, progressProblems, summarise } from './rules/progress.ts';
import { insertMunicipality, listMunicipalities, listProgress, listSteps, progressIndex, updateMunicipality, upsertProgress, type MunicipalityRecord, type ProgressRecord, type StepRecord } from './store.ts';

export type OperatorDeps = Pick<ModuleContext, 'db' | 'events'> & { providedBusinesses: ReadonlySet<string> };
/** Writes the audit entry of the operation into the transaction's 団体 chain. */
export type AuditIn = (trx: Trx, fn: string, targets: { kind: string; id: string }[]) => Promise<void>;

const wardsOf = (code: string) =>
  allLocalGovernments()
    .filter((g) => g.parentCode === code)
    .map((g) => ({ tenantCode: g.code, name: g.name }));

/** 受入れ候補: the official list by code, name or kana, with the wards of a 政令指定都市. */
export async function searchLocalGovernments(deps: OperatorDeps, query: string) {
  const q = query.trim();
  const onboarded = new Set((await inPlatform(deps.db, (trx) => listMunicipalities(trx))).map((m) => m.tenantCode));
  return allLocalGovernments()
    .filter((g) => g.kind !== 'designated_ward' && (q === '' || g.code.startsWith(q) || g.name.includes(q) || g.kana.includes(q) || g.prefecture.startsWith(q)))
    .slice(0, 50)
    .map((g) => ({ tenantCode: g.code, name: g.name, kana: g.kana, prefecture: g.prefecture, kind: g.kind, wards: wardsOf(g.code), onboarded: onboarded.has(g.code) }));
}

export interface OnboardInput {
  tenantCode: string;
  businesses: string[];
  deploymentProfile: MunicipalityRecord['deploymentProfile'];
  procedureVersion?: string | undefined;
  population?: number | null | undefined;
  administrator: { loginName: string; displayName: string };
}

/**
 * 団体の受入れ: the 団体 from the official code list, its businesses and deployment model, and its first
 * administrator (the built-in administrator role; the initial password is returned once, to hand over).
 * A 政令指定都市 is one 団体 with its wards (行政区) listed; a ward cannot be onboarded on its own.
 */
export async function onboard(deps: OperatorDeps, input: OnboardInput, by: string, audit: AuditIn) {
  const entry = validateTenantCode(input.tenantCode, 'body.tenantCode');
  if (entry.kind === 'designated_ward') {
    const city = findLocalGovernment(entry.parentCode ?? '');
    throw new ValidationError([{ field: 'body.tenantCode', rule: 'ward', message: `${entry.name}は${city?.name ?? '政令指定都市'}の行政区です。${city?.name ?? '市'}（${city?.code ?? ''}）として受け入れてください` }]);
  }
  const version = input.procedureVersion ?? '1.0';
  if ((await inPlatform(deps.db, (trx) => listSteps(trx, version))).length === 0) {
    throw new ValidationError([{ field: 'body.procedureVersion', rule: 'unknown', message: `手順書の版 ${version} は登録されていません` }]);
  }
  // A 団体 registered before the console existed (`yakuba tenant add`, POST /tenants) is onboarded here without
  // being added again; one the console already holds is a conflict.
  const [registered, recorded] = await inPlatform(deps.db, (trx) => Promise.all([findTenant(trx, entry.code), listMunicipalities(trx, entry.code)]));
  if (recorded.length > 0) throw new ConflictError(`団体コード ${entry.code}（${entry.name}）は既に受け入れています`, 'tenant-exists');
  return inTenant(deps.db, entry.code, async (trx) => {
    const tenant = registered ?? (await addTenantIn(trx, deps, entry));
    await insertMunicipality(
      trx,
      { tenantCode: entry.code, businesses: [...new Set(input.businesses)], deploymentProfile: input.deploymentProfile, procedureVersion: version, population: input.population ?? null, baselineCostFy2018: null, preMigrationCost: null, otherRunningCost: 0 },
      by,
    );
    const admin = await createAccount(trx, 'staff', { loginName: input.administrator.loginName, displayName: input.administrator.displayName, roles: ['administrator'] }).catch((error: unknown) => {
      if (error instanceof ValidationError) throw new ValidationError(error.errors.map((e) => ({ ...e, field: `body.administrator.${e.field}` })));
      throw error;
    });
    await audit(trx, 'operator.onboard', [{ kind: 'tenant', id: entry.code }, { kind: 'staff-user', id: input.administrator.loginName }]);
    return { tenant, administrator: { loginName: admin.account.loginName, initialPassword: admin.initialPassword! } };
  });
}

async function requireMunicipality(trx: Trx, tenantCode: string): Promise<MunicipalityRecord> {
  const [m] = await listMunicipalities(trx, tenantCode);
  if (!m) throw new NotFoundError(`団体コード ${tenantCode} の団体はこの基盤に受け入れていません`);
  return m;
}

/** The operator's view of each onboarded 団体: directory entry, profile and migration progress. */
export async function municipalities(deps: OperatorDeps, tenantCode?: string) {
  const today = todayInJapan();
  return inPlatform(deps.db, async (trx) => {
    const [list, tenants, steps, progress] = await Promise.all([listMunicipalities(trx, tenantCode), listTenants(trx), listSteps(trx), listProgress(trx, tenantCode)]);
    const byCode = new Map(tenants.map((t) => [t.tenantCode, t]));
    const progressOf = new Map<string, ProgressRecord[]>();
    for (const p of progress) {
      const list = progressOf.get(p.tenantCode);
      if (list) list.push(p);
      else progressOf.set(p.tenantCode, [p]);
    }
    return list.map((m) => {
      const t = byCode.get(m.tenantCode)!;
      const summary = progressSummary(m, steps, progressOf.get(m.tenantCode) ?? [], today);
      return {
        ...m,
        onboardedAt: m.onboardedAt.toISOString(),
        name: t.name,
        prefecture: t.prefecture,
        kind: t.kind,
        wards: wardsOf(m.tenantCode),
        businesses: m.businesses.map((id) => ({ id, title: BUSINESS_TITLES[id] ?? id, provided: deps.providedBusinesses.has(id) })),
        progress: { steps: summary.steps, completed: summary.completed, percent: summary.percent, delayed: summary.delayed },
      };
    });
  });
}

/** A 団体's progress over all its businesses: completed steps ÷ (steps × businesses), as the PMO tool counts. */
export function progressSummary(m: MunicipalityRecord, steps: readonly StepRecord[], progress: readonly ProgressRecord[], today: string) {
  const versionSteps = steps.filter((s) => s.version === m.procedureVersion);
  let total = 0;
  let completed = 0;
  let delayed = 0;
  const perBusiness = m.businesses.map((business) => {
    const s = summarise(versionSteps, progress.filter((p) => p.business === business && p.version === m.procedureVersion).map((p) => ({ ...p, phase: versionSteps.find((v) => v.stepNo === p.stepNo)!.phase })), today);
    total += s.overall.steps;
    completed += s.overall.completed;
    delayed += s.delayed.length;
    return { business, summary: s };
  });
  return { steps: total, completed, percent: completionPercent(completed, total), delayed, perBusiness };
}

export async function updateProfile(deps: OperatorDeps, tenantCode: string, profile: Omit<MunicipalityRecord, 'tenantCode' | 'onboardedAt'>, by: string, audit: AuditIn) {
  const code = validateTenantCode(tenantCode).code;
  return inTenant(deps.db, code, async (trx) => {
    const current = await requireMunicipality(trx, code);
    if (profile.procedureVersion !== current.procedureVersion && (await listSteps(trx, profile.procedureVersion)).length === 0) {
      throw new ValidationError([{ field: 'body.procedureVersion', rule: 'unknown', message: `手順書の版 ${profile.procedureVersion} は登録されていません` }]);
    }
    await updateMunicipality(trx, { ...profile, tenantCode: code }, by);
    await audit(trx, 'operator.update-profile', [{ kind: 'tenant', id: code }]);
  });
}

/**
 * 進捗の記録: rows for any of the 団体's businesses and its procedure's steps. Every row is checked
 * (business chosen at onboarding, step of the version, dates) and all problems answered at once.
 */
export async function recordProgress(deps: OperatorDeps, tenantCode: string, rows: readonly ProgressRowInput[], by: string, audit: AuditIn) {
  const code = validateTenantCode(tenantCode).code;
  return inTenant(deps.db, code, async (trx) => {
    await requireMunicipality(trx, code);
    const checked = await checkProgress(trx, code, rows, (i) => `body.items.${i}`);
    if (checked.problems.length > 0) throw new ValidationError(checked.problems);
    await checked.write(by, audit);
    return rows.length;
  });
}

/** The problems of `rows` for one 団体, and how to write them once there are none (in the same transaction). */
export async function checkProgress(trx: Trx, code: string, rows: readonly ProgressRowInput[], fieldOf: (i: number) => string) {
  const today = todayInJapan();
  const [m] = await listMunicipalities(trx, code);
  if (!m) return { problems: [{ field: fieldOf(0), rule: 'not-onboarded', message: `団体コード ${code} の団体はこの基盤に受け入れていません` }], write: async () => undefined };
  const steps = new Map((await listSteps(trx, m.procedureVersion)).map((s) => [s.stepNo, s]));
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const at = fieldOf(i);
    const title = BUSINESS_TITLES[r.business] ?? r.business;
    if (!m.businesses.includes(r.business)) problems.push({ field: `${at}.business`, rule: 'not-chosen', message: `${title}はこの団体が受入れ時に選んだ業務ではありません` });
    const step = steps.get(r.stepNo);
    if (!step) problems.push({ field: `${at}.stepNo`, rule: 'unknown', message: `作業ステップ ${r.stepNo} は手順書 ${m.procedureVersion} にありません` });
    if (seen.has(`${r.business}/${r.stepNo}`)) problems.push({ field: `${at}.stepNo`, rule: 'duplicate', message: `${title}の作業ステップ ${r.stepNo} が2回あります` });
    seen.add(`${r.business}/${r.stepNo}`);
    problems.push(...progressProblems({ ...r, phase: step?.phase ?? 'planning' }, today, `${at}.`));
  });
  return {
    problems,
    async write(by: string, audit: AuditIn) {
      await upsertProgress(trx, rows.map((r) => ({ ...r, tenantCode: code, version: m.procedureVersion })), by);
      await audit(trx, 'operator.record-progress', [{ kind: 'tenant', id: code }]);
    },
  };
}

/** One 団体's steps per business, with the recorded progress (未着手 where nothing is recorded). */
export async function municipalityProgress(deps: OperatorDeps, tenantCode: string) {
  const code = validateTenantCode(tenantCode).code;
  const today = todayInJapan();
  return inPlatform(deps.db, async (trx) => {
    const m = await requireMunicipality(trx, code);
    const [steps, progress] = await Promise.all([listSteps(trx, m.procedureVersion), listProgress(trx, code)]);
    const summary = progressSummary(m, steps, progress, today);
    const recorded = progressIndex(progress);
    return {
      tenantCode: code,
      version: m.procedureVersion,
      steps: steps.map(({ stepNo, phase, name, workItem }) => ({ stepNo, phase, name, workItem })),
      businesses: summary.perBusiness.map(({ business, summary: s }) => ({
        business,
        title: BUSINESS_TITLES[business] ?? business,
        summary: s,
        rows: steps.map((step) => {
          const p = recorded(code, business, step.stepNo);
          return { stepNo: step.stepNo, status: p?.status ?? 'not_started', plannedStart: p?.plannedStart ?? null, plannedEnd: p?.plannedEnd ?? null, actualStart: p?.actualStart ?? null, actualEnd: p?.actualEnd ?? null, blockerCause: p?.blockerCause ?? null, blocker: p?.blocker ?? null, delayed: s.delayed.includes(step.stepNo) };
        }),
      })),
    };
  });
}
