/**
 * The console's demo: the demo 団体 as onboarded, part of its migration recorded, synthetic costs (FY2018
 * baseline, this month's shared costs) and its usage measured once, so that `npm start` shows a console
 * with something in it. Every figure here is made up for the demo and says so in the README.
 */
import { addDays, todayInJapan } from '../jp/index.ts';
import { inPlatform, inTenant } from '../platform/db/tenant-scope.ts';
import type { ModuleContext } from '../platform/module.ts';
import { insertMunicipality, listMunicipalities, saveSharedCosts, sharedCosts, upsertProgress, type ProgressRecord } from './store.ts';

const BY = 'demo';

export async function seedOperatorDemo(ctx: ModuleContext, tenantCode: string, residents: number): Promise<void> {
  const today = todayInJapan();
  await inTenant(ctx.db, tenantCode, async (trx) => {
    if ((await listMunicipalities(trx, tenantCode)).length > 0) return;
    await insertMunicipality(trx, {
      tenantCode, businesses: ['resident-registry', 'individual-resident-tax'], deploymentProfile: 'alpha', procedureVersion: '1.0',
      population: residents, baselineCostFy2018: 48_000_000, preMigrationCost: 52_000_000, otherRunningCost: 9_600_000,
    }, BY);
    const row = (business: string, stepNo: number, status: ProgressRecord['status'], plannedEnd: string, actualEnd: string | null = null): ProgressRecord => ({
      tenantCode, business, version: '1.0', stepNo, status, plannedStart: null, plannedEnd, actualStart: status === 'not_started' ? null : addDays(plannedEnd, -60), actualEnd,
      blockerCause: status === 'in_progress' && plannedEnd < today ? 'vendor-resources' : null, blocker: status === 'in_progress' && plannedEnd < today ? 'デモ: ベンダーの要員確保待ち' : null,
    });
    const rows: ProgressRecord[] = [];
    for (const business of ['resident-registry', 'individual-resident-tax']) {
      for (let step = 1; step <= 9; step++) rows.push(row(business, step, 'completed', addDays(today, -400 + step * 30), addDays(today, -405 + step * 30)));
      rows.push(row(business, 10, 'in_progress', addDays(today, business === 'resident-registry' ? -20 : 40)));
    }
    await upsertProgress(trx, rows, BY);
  });
  await inPlatform(ctx.db, async (trx) => {
    const month = today.slice(0, 7);
    if ((await sharedCosts(trx, month)).length > 0) return;
    await saveSharedCosts(trx, month, [
      { category: 'cloud', amount: 1_800_000, key: 'usage', usageMetric: 'storedBytes' },
      { category: 'network', amount: 400_000, key: 'equal' },
      { category: 'operations', amount: 900_000, key: 'population' },
    ], BY);
  });
  await ctx.metering?.measure(tenantCode);
}
