/**
 * 利用量・費用按分・削減効果: reads each 団体's measured usage (in its own transaction: usage_daily is a
 * tenant table), splits a month's shared costs by the key of each item, and sets the result against the
 * 団体's FY2018 baseline. Pure arithmetic lives in rules/; this file gathers the figures.
 */
import { addDays, endOfMonth } from '../jp/index.ts';
import { inPlatform, inTenant } from '../platform/db/tenant-scope.ts';
import { readUsage, type UsageDay } from '../platform/metering/index.ts';
import { allocateMonth, allocationProblems, USAGE_METRICS, type TenantBasis, type UsageMetric } from './rules/allocation.ts';
import { costEffect } from './rules/cost-effect.ts';
import { sharingCurve } from './rules/sharing.ts';
import type { OperatorDeps } from './service.ts';
import { costMonths, listMunicipalities, saveSharedCosts, sharedCosts, switchTenant, type MunicipalityRecord } from './store.ts';
import type { CostItem } from './rules/allocation.ts';
import type { AuditIn } from './service.ts';
import { listTenants } from '../platform/tenancy/tenant.ts';

/** Every onboarded 団体's usage rows from `from` to `to`. */
export async function usageOf(deps: OperatorDeps, from: string, to: string): Promise<{ tenantCode: string; days: UsageDay[] }[]> {
  const list = await inPlatform(deps.db, (trx) => listMunicipalities(trx));
  const result = [];
  for (const m of list) result.push({ tenantCode: m.tenantCode, days: await inTenant(deps.db, m.tenantCode, (trx) => readUsage(trx, from, to)) });
  return result;
}

/**
 * A month's usage as the allocation key reads it: what is stored is the mean of the days measured (a
 * 団体 that grew mid-month pays for its average, not its peak); what is done (requests, CPU, certificates)
 * is the month's sum.
 */
export function monthlyUsage(days: readonly UsageDay[]): Record<UsageMetric, number> {
  const stored = new Map<string, { rows: number; bytes: number }>();
  const usage = Object.fromEntries(USAGE_METRICS.map((m) => [m, 0])) as Record<UsageMetric, number>;
  for (const d of days) {
    usage.apiRequests += d.apiRequests;
    usage.jobCpuSeconds += d.jobCpuMs / 1000;
    usage.certificates += d.certificates;
    if (d.measuredAt) {
      const s = stored.get(d.day) ?? { rows: 0, bytes: 0 };
      stored.set(d.day, { rows: s.rows + d.storedRows, bytes: s.bytes + d.storedBytes });
    }
  }
  if (stored.size > 0) {
    usage.storedRows = [...stored.values()].reduce((a, s) => a + s.rows, 0) / stored.size;
    usage.storedBytes = [...stored.values()].reduce((a, s) => a + s.bytes, 0) / stored.size;
  }
  return usage;
}

/** The month's shared costs, their split over the active 団体, each 団体's cost effect and the 割り勘 curve. */
export async function costReport(deps: OperatorDeps, month: string) {
  const from = `${month}-01`;
  const [items, list, tenants] = await inPlatform(deps.db, (trx) => Promise.all([sharedCosts(trx, month), listMunicipalities(trx), listTenants(trx)]));
  const active = new Set(tenants.filter((t) => t.status === 'active').map((t) => t.tenantCode));
  const sharing = list.filter((m) => active.has(m.tenantCode));
  const usage = await usageOf(deps, from, endOfMonth(from));
  const basis: TenantBasis[] = sharing.map((m) => ({ tenantCode: m.tenantCode, population: m.population, usage: monthlyUsage(usage.find((u) => u.tenantCode === m.tenantCode)?.days ?? []) }));
  const total = items.reduce((a, i) => a + i.amount, 0);
  const problems = items.length === 0 ? [{ field: 'month', rule: 'no-costs', message: `${month} の共通費用が登録されていません` }] : allocationProblems(items, basis);
  if (problems.length > 0) return { month, items, total, problems, municipalities: [], sharing: [] };
  const allocation = allocateMonth(items, basis);
  const names = new Map(tenants.map((t) => [t.tenantCode, t.name]));
  return {
    month,
    items,
    total,
    problems: [],
    municipalities: sharing.map((m: MunicipalityRecord) => {
      const allocated = allocation.byTenant.get(m.tenantCode) ?? 0;
      return {
        tenantCode: m.tenantCode,
        name: names.get(m.tenantCode) ?? m.tenantCode,
        usage: basis.find((b) => b.tenantCode === m.tenantCode)!.usage,
        lines: allocation.lines.filter((l) => l.tenantCode === m.tenantCode).map(({ category, amount }) => ({ category, amount })),
        allocatedMonthly: allocated,
        effect: costEffect({ baselineFy2018: m.baselineCostFy2018, preMigration: m.preMigrationCost, allocatedMonthly: allocated, otherAnnual: m.otherRunningCost }),
      };
    }),
    sharing: sharingCurve(items, sharing.length, Math.max(10, sharing.length * 3)),
  };
}

/** The latest month with shared costs entered, else the current one. */
export async function latestCostMonth(deps: OperatorDeps, today: string): Promise<string> {
  const months = await inPlatform(deps.db, costMonths);
  return months.at(-1) ?? today.slice(0, 7);
}

/** Daily totals over every 団体 for the trend chart, the last `days` days up to `today`. */
export async function usageTrend(deps: OperatorDeps, today: string, days = 30) {
  const from = addDays(today, -(days - 1));
  const usage = await usageOf(deps, from, today);
  const byDay = new Map<string, { day: string; apiRequests: number; storedBytes: number; jobCpuSeconds: number; certificates: number }>();
  for (let i = 0; i < days; i++) {
    const day = addDays(from, i);
    byDay.set(day, { day, apiRequests: 0, storedBytes: 0, jobCpuSeconds: 0, certificates: 0 });
  }
  for (const { days: rows } of usage) {
    for (const d of rows) {
      const t = byDay.get(d.day);
      if (!t) continue;
      t.apiRequests += d.apiRequests;
      t.storedBytes += d.storedBytes;
      t.jobCpuSeconds += d.jobCpuMs / 1000;
      t.certificates += d.certificates;
    }
  }
  return [...byDay.values()].map((t) => ({ ...t, jobCpuSeconds: Math.round(t.jobCpuSeconds * 10) / 10 }));
}

/** 共通費用の登録: the month's items replace what was there; every onboarded 団体's chain records the change. */
export async function setSharedCosts(deps: OperatorDeps, month: string, items: CostItem[], by: string, audit: AuditIn): Promise<void> {
  await inPlatform(deps.db, async (trx) => {
    await saveSharedCosts(trx, month, items, by);
    for (const m of await listMunicipalities(trx)) {
      await switchTenant(trx, m.tenantCode);
      await audit(trx, 'operator.set-shared-costs', [{ kind: 'shared-cost', id: month }]);
    }
  });
}
