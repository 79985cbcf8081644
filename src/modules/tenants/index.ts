import { defineModule } from '../../platform/module.ts';
import { tenantRoutes } from './api.ts';
import { TenantAddedV1 } from './model.ts';

/** The published contract: other modules may subscribe to these. */
export const events = {
  added: { type: 'tenants.added', version: 1, schema: TenantAddedV1 },
} as const;

export { addTenant, addTenantIn, getTenant, getTenants } from './service.ts';

/**
 * 団体管理: the municipalities this deployment serves. A platform module: its routes are the operator's,
 * its event tells every business that a new 団体 has arrived.
 */
export const tenantsModule = defineModule({
  id: 'tenants',
  title: '団体管理',
  kind: 'platform',
  routes: tenantRoutes,
  events: Object.values(events),
  permissions: { read: '団体の参照', manage: '団体の追加・停止' },
});
