import { sql } from 'kysely';
import type { Trx } from '../db/tenant-scope.ts';

/**
 * Staff accounts (tenant-owned, read inside the tenant's transaction) and operator accounts (platform)
 * share their sign-in columns, so one set of queries serves both; RLS scopes the staff table.
 */
export type AccountKind = 'staff' | 'operator';

export interface AccountRow {
  id: string;
  login_name: string;
  display_name: string;
  department?: string | null;
  password_hash: string;
  must_change_password: boolean;
  totp_secret: string | null;
  totp_last_step: number | null;
  roles?: string[];
  valid_from?: string | null;
  valid_until?: string | null;
  disabled_at: Date | null;
  failed_attempts: number;
  locked_until: Date | null;
  created_at: Date;
}

const table = (kind: AccountKind) => sql.table(kind === 'staff' ? 'staff_user' : 'operator_account');

export async function findAccountByLogin(trx: Trx, kind: AccountKind, loginName: string, lock = false): Promise<AccountRow | undefined> {
  const { rows } = await sql<AccountRow>`SELECT * FROM ${table(kind)} WHERE login_name = ${loginName} ${lock ? sql`FOR UPDATE` : sql``}`.execute(trx);
  return rows[0];
}

export async function findAccount(trx: Trx, kind: AccountKind, id: string): Promise<AccountRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const { rows } = await sql<AccountRow>`SELECT * FROM ${table(kind)} WHERE id = ${id}::uuid`.execute(trx);
  return rows[0];
}

/**
 * A staff account with the permissions its custom roles list, in one read (every authenticated request
 * makes it: the account is read afresh, so a disabled user or a changed role takes effect at once).
 */
export async function findStaffWithRolePermissions(trx: Trx, id: string): Promise<(AccountRow & { role_permissions: string[] }) | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const { rows } = await sql<AccountRow & { role_permissions: string[] }>`
    SELECT u.*, ARRAY(SELECT DISTINCT p FROM staff_role r CROSS JOIN LATERAL unnest(r.permissions) p WHERE r.name = ANY(u.roles)) AS role_permissions
    FROM staff_user u WHERE u.id = ${id}::uuid`.execute(trx);
  return rows[0];
}

export async function updateAccount(trx: Trx, kind: AccountKind, id: string, changes: Record<string, unknown>): Promise<void> {
  const sets = Object.entries(changes).map(([column, value]) => sql`${sql.ref(column)} = ${value}`);
  await sql`UPDATE ${table(kind)} SET ${sql.join(sets)}, updated_at = now() WHERE id = ${id}::uuid`.execute(trx);
}

/** Failed attempts before a lock-out; each further failure doubles it, up to an hour. */
export const LOCKOUT_THRESHOLD = 5;

export function lockoutMinutes(failedAttempts: number): number {
  return failedAttempts < LOCKOUT_THRESHOLD ? 0 : Math.min(2 ** (failedAttempts - LOCKOUT_THRESHOLD), 60);
}

/** Whether the account may sign in today: not disabled, inside its 利用期間. */
export function usable(account: AccountRow, today: string): boolean {
  if (account.disabled_at) return false;
  if (account.valid_from && today < account.valid_from) return false;
  if (account.valid_until && today > account.valid_until) return false;
  return true;
}
