import { inPlatform, inTenant } from '../db/tenant-scope.ts';
import { findAccount, findStaffWithRolePermissions, usable } from './accounts.ts';
import type { IdentityContext } from './context.ts';
import { operatorPermissions, type Principal, type Zone } from './principal.ts';
import { grantedPermissions } from './roles.ts';
import { findSession } from './sessions.ts';

/**
 * The principal behind a session cookie, or nothing. The account is read afresh on every request, so
 * disabling a user or changing their roles takes effect at once, not at their next sign-in.
 */
export async function principalFromSession(ctx: IdentityContext, token: string, zone: Zone): Promise<Principal | undefined> {
  const session = await findSession(ctx.db, ctx.policy, token, zone);
  if (!session) return undefined;
  const today = new Date().toISOString().slice(0, 10);
  if (session.kind === 'operator') {
    const account = await inPlatform(ctx.db, (trx) => findAccount(trx, 'operator', session.account_id));
    if (!account || !usable(account, today)) return undefined;
    return {
      kind: 'operator',
      id: account.id,
      name: account.login_name,
      tenantCode: null,
      permissions: operatorPermissions,
      sessionId: session.id,
      csrfToken: session.csrf_token,
      secondFactor: session.second_factor,
      mustChangePassword: account.must_change_password,
    };
  }
  const tenantCode = session.tenant_code!;
  return inTenant(ctx.db, tenantCode, async (trx) => {
    const account = await findStaffWithRolePermissions(trx, session.account_id);
    if (!account || !usable(account, today)) return undefined;
    return {
      kind: 'staff' as const,
      id: account.id,
      name: account.login_name,
      tenantCode,
      permissions: grantedPermissions(ctx.permissions, account.roles ?? [], account.role_permissions),
      sessionId: session.id,
      csrfToken: session.csrf_token,
      secondFactor: session.second_factor,
      mustChangePassword: account.must_change_password,
    };
  });
}
