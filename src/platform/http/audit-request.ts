import type { Context } from 'hono';
import { appendAudit, appendAuditSeparately } from '../audit/index.ts';
import type { AuditCategory, AuditTarget } from '../audit/types.ts';
import type { Database } from '../db/database.ts';
import type { Trx } from '../db/tenant-scope.ts';
import type { AppEnv } from './context.ts';

/**
 * Records an operation of the signed-in caller on a 団体 in that 団体's audit chain, in its own
 * transaction: for platform operations whose procedure owns its transaction (jobs, dead letters).
 */
export async function auditRequest(
  db: Database,
  c: Context<AppEnv>,
  tenantCode: string,
  entry: { module: string; function: string; category: AuditCategory; targets?: AuditTarget[] },
): Promise<void> {
  const p = c.get('principal');
  await appendAuditSeparately(db, tenantCode, { actor: { kind: p.kind, id: p.id, name: p.name }, address: clientAddress(c), zone: c.env?.zone ?? null, ...entry });
}

/** Like auditRequest, in the caller's transaction: the entry commits with the operation or not at all. */
export async function auditRequestIn(
  trx: Trx,
  c: Context<AppEnv>,
  entry: { module: string; function: string; category: AuditCategory; targets?: AuditTarget[] },
): Promise<void> {
  const p = c.get('principal');
  await appendAudit(trx, { actor: { kind: p.kind, id: p.id, name: p.name }, address: clientAddress(c), zone: c.env?.zone ?? null, ...entry });
}

/** The address of the caller as the listener saw it (behind a proxy, configure the proxy to set it). */
export function clientAddress(c: Context<AppEnv>): string | null {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? null;
}
