/**
 * The caller of a business procedure as the HTTP layer knows it: the signed-in principal acting for
 * its own 団体, the zone of the listener it came through, and its address (for the audit log).
 * Business data belong to a 団体; a principal without one (the platform operator) has none here.
 */
import type { Context } from 'hono';
import { appendAudit, type AuditCategory, type AuditTarget } from '../audit/index.ts';
import type { Trx } from '../db/tenant-scope.ts';
import { AppError } from '../errors.ts';
import type { Zone } from '../identity/principal.ts';
import { clientAddress } from './audit-request.ts';
import type { AppEnv } from './context.ts';

export interface Caller {
  tenantCode: string;
  actor: { kind: 'staff' | 'operator' | 'client'; id: string; name: string };
  permissions: ReadonlySet<string>;
  zone: Zone | null;
  address: string | null;
}

export function callerOf(c: Context<AppEnv>, what = '業務データ'): Caller {
  const p = c.get('principal');
  if (!p.tenantCode) throw new AppError('forbidden-tenant', 403, '権限がありません', `${what}は団体の職員だけが扱えます`);
  return { tenantCode: p.tenantCode, actor: { kind: p.kind, id: p.id, name: p.name }, permissions: p.permissions, zone: c.env?.zone ?? null, address: clientAddress(c) };
}

/** What a module's procedure says about itself in the audit log (10.2): ids only, never names or numbers. */
export interface CallerAuditEntry {
  /** The procedure, e.g. `move-in`; logged as `<module>.<function>`. */
  function: string;
  category: AuditCategory;
  targets: AuditTarget[];
  lookupByNumber?: boolean;
  searchCount?: number;
  myNumberAccessed?: boolean;
  /** Success unless said: a refused check, for one, is still a read of the register. */
  outcome?: 'success' | 'failed' | 'denied';
}

/** The audit entry of a caller's procedure, in the procedure's own transaction. */
export async function auditCaller(trx: Trx, caller: Caller, module: string, entry: CallerAuditEntry): Promise<void> {
  await appendAudit(trx, {
    actor: caller.actor, address: caller.address, zone: caller.zone, module, function: `${module}.${entry.function}`,
    category: entry.category, targets: entry.targets, lookupByNumber: entry.lookupByNumber ?? false, searchCount: entry.searchCount ?? null,
    myNumberAccessed: entry.myNumberAccessed ?? false, ...(entry.outcome ? { outcome: entry.outcome } : {}),
  });
}
