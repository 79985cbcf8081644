import { sql } from 'kysely';
import type { Trx } from '../platform/db/tenant-scope.ts';
import type { BlockerCause, DeploymentProfile } from './businesses.ts';
import type { AllocationKey, CostCategory, CostItem, UsageMetric } from './rules/allocation.ts';
import type { Phase, StepStatus } from './rules/progress.ts';

/** The operator's record of one onboarded 団体 (operator_municipality). */
export interface MunicipalityRecord {
  tenantCode: string;
  businesses: string[];
  deploymentProfile: DeploymentProfile;
  procedureVersion: string;
  population: number | null;
  baselineCostFy2018: number | null;
  preMigrationCost: number | null;
  otherRunningCost: number;
  onboardedAt: Date;
}

export interface ProgressRecord {
  tenantCode: string;
  business: string;
  version: string;
  stepNo: number;
  status: StepStatus;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  blockerCause: BlockerCause | null;
  blocker: string | null;
}

export interface StepRecord {
  version: string;
  stepNo: number;
  phase: Phase;
  name: string;
  workItem: number | null;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export async function listMunicipalities(trx: Trx, tenantCode?: string): Promise<MunicipalityRecord[]> {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT * FROM operator_municipality ${tenantCode ? sql`WHERE tenant_code = ${tenantCode}` : sql``} ORDER BY tenant_code`.execute(trx);
  return rows.map((r) => ({
    tenantCode: r.tenant_code as string,
    businesses: r.businesses as string[],
    deploymentProfile: r.deployment_profile as DeploymentProfile,
    procedureVersion: r.procedure_version as string,
    population: num(r.population),
    baselineCostFy2018: num(r.baseline_cost_fy2018),
    preMigrationCost: num(r.pre_migration_cost),
    otherRunningCost: Number(r.other_running_cost),
    onboardedAt: r.onboarded_at as Date,
  }));
}

export async function insertMunicipality(trx: Trx, m: Omit<MunicipalityRecord, 'onboardedAt'>, by: string): Promise<void> {
  await sql`
    INSERT INTO operator_municipality (tenant_code, businesses, deployment_profile, procedure_version, population, baseline_cost_fy2018,
      pre_migration_cost, other_running_cost, onboarded_by, updated_by)
    VALUES (${m.tenantCode}, ${m.businesses}, ${m.deploymentProfile}, ${m.procedureVersion}, ${m.population}, ${m.baselineCostFy2018},
      ${m.preMigrationCost}, ${m.otherRunningCost}, ${by}, ${by})`.execute(trx);
}

export async function updateMunicipality(trx: Trx, m: Omit<MunicipalityRecord, 'onboardedAt'>, by: string): Promise<void> {
  await sql`
    UPDATE operator_municipality SET businesses = ${m.businesses}, deployment_profile = ${m.deploymentProfile}, procedure_version = ${m.procedureVersion},
      population = ${m.population}, baseline_cost_fy2018 = ${m.baselineCostFy2018}, pre_migration_cost = ${m.preMigrationCost},
      other_running_cost = ${m.otherRunningCost}, updated_at = now(), updated_by = ${by}
    WHERE tenant_code = ${m.tenantCode}`.execute(trx);
}

export async function listProcedures(trx: Trx): Promise<{ version: string; title: string; source: string; steps: StepRecord[] }[]> {
  const { rows } = await sql<{ version: string; title: string; source: string }>`SELECT version, title, source FROM migration_procedure ORDER BY version`.execute(trx);
  const steps = await listSteps(trx);
  return rows.map((p) => ({ ...p, steps: steps.filter((s) => s.version === p.version) }));
}

export async function listSteps(trx: Trx, version?: string): Promise<StepRecord[]> {
  const { rows } = await sql<{ version: string; step_no: number; phase: Phase; name: string; work_item: number | null }>`
    SELECT * FROM migration_step ${version ? sql`WHERE version = ${version}` : sql``} ORDER BY version, step_no`.execute(trx);
  return rows.map((r) => ({ version: r.version, stepNo: r.step_no, phase: r.phase, name: r.name, workItem: r.work_item }));
}

/** Replaces a version's steps; steps that progress still refers to must stay (the caller checks first). */
export async function saveProcedure(trx: Trx, version: string, p: { title: string; source: string; steps: Omit<StepRecord, 'version'>[] }): Promise<void> {
  await sql`
    INSERT INTO migration_procedure (version, title, source) VALUES (${version}, ${p.title}, ${p.source})
    ON CONFLICT (version) DO UPDATE SET title = excluded.title, source = excluded.source, loaded_at = now()`.execute(trx);
  await sql`DELETE FROM migration_step WHERE version = ${version} AND step_no <> ALL(${p.steps.map((s) => s.stepNo)}::int[])`.execute(trx);
  for (const s of p.steps) {
    await sql`
      INSERT INTO migration_step (version, step_no, phase, name, work_item) VALUES (${version}, ${s.stepNo}, ${s.phase}, ${s.name}, ${s.workItem})
      ON CONFLICT (version, step_no) DO UPDATE SET phase = excluded.phase, name = excluded.name, work_item = excluded.work_item`.execute(trx);
  }
}

export async function stepsInUse(trx: Trx, version: string): Promise<number[]> {
  const { rows } = await sql<{ step_no: number }>`SELECT DISTINCT step_no FROM migration_progress WHERE version = ${version} ORDER BY 1`.execute(trx);
  return rows.map((r) => r.step_no);
}

export async function listProgress(trx: Trx, tenantCode?: string): Promise<ProgressRecord[]> {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT p.* FROM migration_progress p JOIN operator_municipality m ON m.tenant_code = p.tenant_code AND m.procedure_version = p.version
    ${tenantCode ? sql`WHERE p.tenant_code = ${tenantCode}` : sql``} ORDER BY p.tenant_code, p.business, p.step_no`.execute(trx);
  return rows.map((r) => ({
    tenantCode: r.tenant_code as string,
    business: r.business as string,
    version: r.version as string,
    stepNo: r.step_no as number,
    status: r.status as StepStatus,
    plannedStart: r.planned_start as string | null,
    plannedEnd: r.planned_end as string | null,
    actualStart: r.actual_start as string | null,
    actualEnd: r.actual_end as string | null,
    blockerCause: r.blocker_cause as BlockerCause | null,
    blocker: r.blocker as string | null,
  }));
}

/**
 * Progress rows by 団体, business and step, for the views that walk every step of every business of every
 * 団体 (export, dashboard): a lookup per step instead of a scan of all rows per step.
 */
export function progressIndex(rows: readonly ProgressRecord[]): (tenantCode: string, business: string, stepNo: number) => ProgressRecord | undefined {
  const byKey = new Map(rows.map((r) => [`${r.tenantCode}/${r.business}/${r.stepNo}`, r]));
  return (tenantCode, business, stepNo) => byKey.get(`${tenantCode}/${business}/${stepNo}`);
}

export async function upsertProgress(trx: Trx, rows: readonly ProgressRecord[], by: string): Promise<void> {
  for (const r of rows) {
    await sql`
      INSERT INTO migration_progress (tenant_code, business, version, step_no, status, planned_start, planned_end, actual_start, actual_end, blocker_cause, blocker, updated_by)
      VALUES (${r.tenantCode}, ${r.business}, ${r.version}, ${r.stepNo}, ${r.status}, ${r.plannedStart}, ${r.plannedEnd}, ${r.actualStart}, ${r.actualEnd},
        ${r.blockerCause}, ${r.blocker}, ${by})
      ON CONFLICT (tenant_code, business, version, step_no) DO UPDATE SET status = excluded.status, planned_start = excluded.planned_start,
        planned_end = excluded.planned_end, actual_start = excluded.actual_start, actual_end = excluded.actual_end, blocker_cause = excluded.blocker_cause,
        blocker = excluded.blocker, updated_at = now(), updated_by = excluded.updated_by`.execute(trx);
  }
}

export async function sharedCosts(trx: Trx, month: string): Promise<CostItem[]> {
  const { rows } = await sql<{ category: CostCategory; amount: string; allocation_key: AllocationKey; usage_metric: UsageMetric | null }>`
    SELECT category, amount, allocation_key, usage_metric FROM shared_cost WHERE month = ${`${month}-01`}::date ORDER BY category`.execute(trx);
  return rows.map((r) => ({ category: r.category, amount: Number(r.amount), key: r.allocation_key, ...(r.usage_metric ? { usageMetric: r.usage_metric } : {}) }));
}

export async function costMonths(trx: Trx): Promise<string[]> {
  const { rows } = await sql<{ month: string }>`SELECT DISTINCT to_char(month, 'YYYY-MM') AS month FROM shared_cost ORDER BY 1`.execute(trx);
  return rows.map((r) => r.month);
}

export async function saveSharedCosts(trx: Trx, month: string, items: readonly CostItem[], by: string): Promise<void> {
  await sql`DELETE FROM shared_cost WHERE month = ${`${month}-01`}::date`.execute(trx);
  for (const i of items) {
    await sql`
      INSERT INTO shared_cost (month, category, amount, allocation_key, usage_metric, updated_by)
      VALUES (${`${month}-01`}::date, ${i.category}, ${i.amount}, ${i.key}, ${i.usageMetric ?? null}, ${by})`.execute(trx);
  }
}

/**
 * Points the transaction at another 団体 (its RLS context and audit chain). The operator's changes that
 * concern several 団体 at once (shared costs, a procedure version) write one entry into each one's chain
 * inside the one transaction of the change.
 */
export async function switchTenant(trx: Trx, tenantCode: string): Promise<void> {
  await sql`SELECT set_config('app.tenant', ${tenantCode}, true)`.execute(trx);
}
