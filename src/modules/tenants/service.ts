import type { Database } from '../../platform/db/database.ts';
import { inPlatform, inTenant, type Trx } from '../../platform/db/tenant-scope.ts';
import type { LocalGovernment } from '../../platform/tenancy/code-list.ts';
import { NotFoundError } from '../../platform/errors.ts';
import type { EventPublisher } from '../../platform/events/outbox.ts';
import { findTenant, insertTenant, listTenants, validateTenantCode, type Tenant } from '../../platform/tenancy/tenant.ts';

export interface TenantsDeps {
  db: Database;
  events: EventPublisher;
}

/**
 * 団体の追加: validates the code against its check digit and the official list before anything is
 * written, then registers the 団体 and announces it in the new tenant's own outbox, in one transaction.
 */
export async function addTenant(deps: TenantsDeps, input: { tenantCode: unknown }): Promise<Tenant> {
  const entry = validateTenantCode(input.tenantCode);
  return inTenant(deps.db, entry.code, (trx) => addTenantIn(trx, deps, entry));
}

/** 団体の追加 inside the caller's transaction (set to the new 団体): onboarding adds more in the same one. */
export async function addTenantIn(trx: Trx, deps: Pick<TenantsDeps, 'events'>, entry: LocalGovernment): Promise<Tenant> {
  const tenant = await insertTenant(trx, entry);
  await deps.events.publish(trx, {
    type: 'tenants.added',
    aggregateId: tenant.tenantCode,
    payload: { tenantCode: tenant.tenantCode, name: tenant.name, prefecture: tenant.prefecture },
  });
  return tenant;
}

export async function getTenant(deps: Pick<TenantsDeps, 'db'>, tenantCode: string): Promise<Tenant> {
  const code = validateTenantCode(tenantCode).code;
  const tenant = await inPlatform(deps.db, (trx) => findTenant(trx, code));
  if (!tenant) throw new NotFoundError(`団体コード ${code} の団体はこのシステムに登録されていません`);
  return tenant;
}

export async function getTenants(deps: Pick<TenantsDeps, 'db'>): Promise<Tenant[]> {
  return inPlatform(deps.db, listTenants);
}
