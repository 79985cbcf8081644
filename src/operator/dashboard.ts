/**
 * ダッシュボード: the figures behind the console's charts — progress by phase and by business over every
 * 団体, the delayed steps, each 団体's cost against the −30 % target, and the usage trend. Each chart on
 * the page is drawn from these and shown beside them as a table.
 */
import { inPlatform } from '../platform/db/tenant-scope.ts';
import { listTenants } from '../platform/tenancy/tenant.ts';
import { BLOCKER_CAUSE_TITLES, BUSINESS_TITLES } from './businesses.ts';
import { costReport, latestCostMonth, usageTrend } from './costs.ts';
import { REDUCTION_TARGET_PERCENT } from './rules/cost-effect.ts';
import { completionPercent, isDelayed, isDone, PHASES, PHASE_TITLES } from './rules/progress.ts';
import type { OperatorDeps } from './service.ts';
import { listMunicipalities, listProgress, listSteps, progressIndex } from './store.ts';

export async function dashboard(deps: OperatorDeps, today: string) {
  const [list, tenants, steps, progress] = await inPlatform(deps.db, (trx) => Promise.all([listMunicipalities(trx), listTenants(trx), listSteps(trx), listProgress(trx)]));
  const names = new Map(tenants.map((t) => [t.tenantCode, t.name]));
  const recorded = progressIndex(progress);
  const byPhase = new Map(PHASES.map((p) => [p, { steps: 0, completed: 0 }]));
  const byBusiness = new Map<string, { steps: number; completed: number; municipalities: number }>();
  const delayed = [];
  for (const m of list) {
    const versionSteps = steps.filter((s) => s.version === m.procedureVersion);
    for (const business of m.businesses) {
      const b = byBusiness.get(business) ?? { steps: 0, completed: 0, municipalities: 0 };
      b.municipalities += 1;
      for (const s of versionSteps) {
        const p = recorded(m.tenantCode, business, s.stepNo);
        const done = p !== undefined && isDone(p.status);
        const phase = byPhase.get(s.phase)!;
        phase.steps += 1;
        b.steps += 1;
        if (done) {
          phase.completed += 1;
          b.completed += 1;
        }
        if (p && isDelayed({ ...p, phase: s.phase }, today)) {
          delayed.push({
            tenantCode: m.tenantCode, name: names.get(m.tenantCode) ?? m.tenantCode, business, businessTitle: BUSINESS_TITLES[business] ?? business,
            stepNo: s.stepNo, stepName: s.name, plannedEnd: p.plannedEnd, status: p.status,
            blocker: p.blocker ?? (p.blockerCause ? BLOCKER_CAUSE_TITLES[p.blockerCause] : null),
          });
        }
      }
      byBusiness.set(business, b);
    }
  }
  const cost = await costReport(deps, await latestCostMonth(deps, today));
  return {
    today,
    municipalities: list.length,
    progressByPhase: PHASES.map((p) => ({ phase: p, title: PHASE_TITLES[p], ...byPhase.get(p)!, percent: completionPercent(byPhase.get(p)!.completed, byPhase.get(p)!.steps) })),
    progressByBusiness: [...byBusiness].map(([business, b]) => ({ business, title: BUSINESS_TITLES[business] ?? business, ...b, percent: completionPercent(b.completed, b.steps) })),
    delayed: delayed.sort((a, b) => (a.plannedEnd ?? '').localeCompare(b.plannedEnd ?? '') || a.tenantCode.localeCompare(b.tenantCode)),
    target: REDUCTION_TARGET_PERCENT,
    cost,
    usage: await usageTrend(deps, today),
  };
}
