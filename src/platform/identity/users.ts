import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Trx } from '../db/tenant-scope.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { findAccount, findAccountByLogin, updateAccount, type AccountKind, type AccountRow } from './accounts.ts';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './password.ts';
import { permissionsOf } from './roles.ts';
import { revokeAllSessions } from './sessions.ts';
import { newTotpSecret, totpUri } from './totp.ts';

/** An account as administrators see it: never its password hash or TOTP secret. */
export interface Account {
  id: string;
  loginName: string;
  displayName: string;
  department: string | null;
  roles: string[];
  totpEnrolled: boolean;
  disabled: boolean;
  locked: boolean;
  mustChangePassword: boolean;
  validFrom: string | null;
  validUntil: string | null;
}

export const toAccount = (r: AccountRow): Account => ({
  id: r.id,
  loginName: r.login_name,
  displayName: r.display_name,
  department: r.department ?? null,
  roles: r.roles ?? [],
  totpEnrolled: r.totp_secret !== null,
  disabled: r.disabled_at !== null,
  locked: r.locked_until !== null && r.locked_until > new Date(),
  mustChangePassword: r.must_change_password,
  validFrom: r.valid_from ?? null,
  validUntil: r.valid_until ?? null,
});

export interface NewAccount {
  loginName: string;
  displayName: string;
  department?: string | null;
  roles?: string[];
  /** Omitted: a random initial password is generated and must be changed at first sign-in. */
  password?: string;
  validFrom?: string | null;
  validUntil?: string | null;
}

const LOGIN = /^[A-Za-z0-9._@-]{3,64}$/;

export function generatePassword(): string {
  // 18 random bytes in base64url always mix letters and digits often enough; retry the rare miss.
  for (;;) {
    const candidate = randomBytes(12).toString('base64url');
    if (/[A-Za-z]/.test(candidate) && /[0-9]/.test(candidate)) return candidate;
  }
}

/** 利用者の登録. Returns the account and, when generated, the initial password to hand over once. */
export async function createAccount(trx: Trx, kind: AccountKind, input: NewAccount): Promise<{ account: Account; initialPassword?: string }> {
  const problems = [];
  if (!LOGIN.test(input.loginName ?? '')) problems.push({ field: 'loginName', rule: 'format', message: '利用者IDは英数字と . _ @ - の3〜64文字で指定してください' });
  if (!input.displayName?.trim()) problems.push({ field: 'displayName', rule: 'required', message: '利用者名称を入力してください' });
  if (problems.length > 0) throw new ValidationError(problems);
  const password = input.password === undefined ? generatePassword() : checkPasswordPolicy(input.password);
  if (await findAccountByLogin(trx, kind, input.loginName)) throw new ConflictError(`利用者ID ${input.loginName} は既に使われています`, 'account-exists');
  const id = uuidv7();
  const hash = await hashPassword(password);
  const mustChange = input.password === undefined;
  if (kind === 'staff') {
    await sql`
      INSERT INTO staff_user (tenant_code, id, login_name, display_name, department, password_hash, must_change_password, roles, valid_from, valid_until)
      VALUES (current_tenant(), ${id}::uuid, ${input.loginName}, ${input.displayName.trim()}, ${input.department ?? null}, ${hash}, ${mustChange},
              ${input.roles ?? []}, ${input.validFrom ?? null}, ${input.validUntil ?? null})`.execute(trx);
  } else {
    await sql`
      INSERT INTO operator_account (id, login_name, display_name, password_hash, must_change_password)
      VALUES (${id}::uuid, ${input.loginName}, ${input.displayName.trim()}, ${hash}, ${mustChange})`.execute(trx);
  }
  const account = toAccount((await findAccount(trx, kind, id))!);
  return mustChange ? { account, initialPassword: password } : { account };
}

export async function listAccounts(trx: Trx, kind: AccountKind): Promise<Account[]> {
  const table = sql.table(kind === 'staff' ? 'staff_user' : 'operator_account');
  const { rows } = await sql<AccountRow>`SELECT * FROM ${table} ORDER BY login_name`.execute(trx);
  return rows.map(toAccount);
}

export async function requireAccount(trx: Trx, kind: AccountKind, loginName: string): Promise<AccountRow> {
  const row = await findAccountByLogin(trx, kind, loginName, true);
  if (!row) throw new NotFoundError(`利用者 ${loginName} は登録されていません`);
  return row;
}

/** 利用停止: the account can no longer sign in and its open sessions end now. */
export async function disableAccount(trx: Trx, kind: AccountKind, loginName: string): Promise<Account> {
  const row = await requireAccount(trx, kind, loginName);
  await updateAccount(trx, kind, row.id, { disabled_at: new Date() });
  await revokeAllSessions(trx, row.id);
  return toAccount((await findAccount(trx, kind, row.id))!);
}

/** パスワード初期化 by an administrator: a new random password, to be changed at the next sign-in. */
export async function resetPassword(trx: Trx, kind: AccountKind, loginName: string): Promise<{ account: Account; initialPassword: string }> {
  const row = await requireAccount(trx, kind, loginName);
  const password = generatePassword();
  await updateAccount(trx, kind, row.id, { password_hash: await hashPassword(password), must_change_password: true, failed_attempts: 0, locked_until: null });
  await revokeAllSessions(trx, row.id);
  return { account: toAccount((await findAccount(trx, kind, row.id))!), initialPassword: password };
}

/** Enrols (or replaces) the TOTP second factor; the secret is shown this once. */
export async function enrollTotp(trx: Trx, kind: AccountKind, loginName: string, secret = newTotpSecret()): Promise<{ secret: string; uri: string }> {
  const row = await requireAccount(trx, kind, loginName);
  await updateAccount(trx, kind, row.id, { totp_secret: secret, totp_last_step: null });
  return { secret, uri: totpUri(secret, loginName) };
}

/**
 * 権限の付与. Nobody edits their own roles, and nobody grants a role carrying a permission they lack:
 * the two ways to escalate one's own privileges.
 */
export async function setRoles(
  trx: Trx,
  catalogue: ReadonlyMap<string, string>,
  editor: { id: string; permissions: ReadonlySet<string> },
  loginName: string,
  roles: string[],
): Promise<Account> {
  const row = await requireAccount(trx, 'staff', loginName);
  if (row.id === editor.id) throw new ConflictError('自分自身の役割は変更できません（他の管理者に依頼してください）', 'own-roles');
  const granted = await permissionsOf(trx, catalogue, roles);
  const lacking = [...granted].filter((p) => !editor.permissions.has(p));
  if (lacking.length > 0) {
    throw new ValidationError([{ field: 'roles', rule: 'not-held', message: `自分が持たない権限を含む役割は付与できません（${lacking.join(', ')}）` }]);
  }
  await updateAccount(trx, 'staff', row.id, { roles });
  return toAccount((await findAccount(trx, 'staff', row.id))!);
}

/**
 * パスワード変更 by the user: the current password proves it is them; the new one must meet the policy
 * and differ. Ends the user's other sessions, which may have been opened with the old password.
 */
export async function changeOwnPassword(trx: Trx, kind: AccountKind, accountId: string, keepSessionId: string | undefined, current: string, next: unknown): Promise<void> {
  const row = await findAccount(trx, kind, accountId);
  if (!row || !(await verifyPassword(row.password_hash, current))) {
    throw new ValidationError([{ field: 'currentPassword', rule: 'mismatch', message: '現在のパスワードが正しくありません' }]);
  }
  const password = checkPasswordPolicy(next, 'newPassword');
  if (await verifyPassword(row.password_hash, password)) {
    throw new ValidationError([{ field: 'newPassword', rule: 'unchanged', message: '新しいパスワードは現在のものと違うものにしてください' }]);
  }
  await updateAccount(trx, kind, accountId, { password_hash: await hashPassword(password), must_change_password: false });
  await sql`UPDATE auth_session SET revoked_at = now() WHERE account_id = ${accountId}::uuid AND revoked_at IS NULL AND id IS DISTINCT FROM ${keepSessionId ?? null}`.execute(trx);
}
