import { addTenant } from './modules/tenants/index.ts';
import type { Tenant } from './platform/tenancy/tenant.ts';
import type { System } from './system.ts';

/** The demo municipality: overridable, so a demo can show any 団体. */
export const DEMO_TENANT = process.env.YAKUBA_DEMO_TENANT ?? '131016';

/** Adds the demo 団体 and lets every module seed its synthetic data for it. */
export async function seedDemo(system: System, tenantCode: string = DEMO_TENANT): Promise<Tenant> {
  const tenant = await addTenant(system, { tenantCode });
  const ctx = { db: system.db, log: system.log, events: system.events };
  for (const m of system.registry.modules) await m.demo?.(ctx, tenant.tenantCode);
  return tenant;
}
