import { inPlatform, inTenant } from './platform/db/tenant-scope.ts';
import { findAccountByLogin } from './platform/identity/accounts.ts';
import { createAccount, enrollTotp } from './platform/identity/users.ts';
import { addTenant } from './modules/tenants/index.ts';
import type { Tenant } from './platform/tenancy/tenant.ts';
import type { DemoOptions } from './platform/module.ts';
import type { System } from './system.ts';

/** The demo municipality: overridable, so a demo can show any 団体. */
export const DEMO_TENANT = process.env.YAKUBA_DEMO_TENANT ?? '131016';

/**
 * Demo credentials are public on purpose (they are printed at every `npm start --demo`): a demo
 * database must never hold real data. The TOTP secret is fixed so the code can be computed anywhere.
 */
export const DEMO_PASSWORD = 'yakuba-demo-2026';
export const DEMO_TOTP_SECRET = 'YAKUBADEMOYAKUBADEMOYAKUBADEMO22';
export const DEMO_ADMIN = 'demo-admin';
export const DEMO_OPERATOR = 'demo-operator';

/** A demo that opens at once: enough residents to search and browse. */
export const DEFAULT_DEMO_OPTIONS: DemoOptions = { residents: 200, seed: 1 };

/** Adds the demo 団体 with its administrator and an operator, and lets every module seed its synthetic data. */
export async function seedDemo(system: System, tenantCode: string = DEMO_TENANT, options: DemoOptions = DEFAULT_DEMO_OPTIONS): Promise<Tenant> {
  const tenant = await addTenant(system, { tenantCode });
  await inTenant(system.db, tenant.tenantCode, async (trx) => {
    await createAccount(trx, 'staff', { loginName: DEMO_ADMIN, displayName: 'デモ管理者', department: '市民課', roles: ['administrator'], password: DEMO_PASSWORD });
    await enrollTotp(trx, 'staff', DEMO_ADMIN, DEMO_TOTP_SECRET);
  });
  await inPlatform(system.db, async (trx) => {
    if (await findAccountByLogin(trx, 'operator', DEMO_OPERATOR)) return;
    await createAccount(trx, 'operator', { loginName: DEMO_OPERATOR, displayName: 'デモ運用者', password: DEMO_PASSWORD });
    await enrollTotp(trx, 'operator', DEMO_OPERATOR, DEMO_TOTP_SECRET);
  });
  const ctx = { db: system.db, log: system.log, events: system.events, myNumberKeys: system.myNumberKeys, metering: system.metering };
  for (const m of system.registry.modules) await m.demo?.(ctx, tenant.tenantCode, options);
  return tenant;
}
