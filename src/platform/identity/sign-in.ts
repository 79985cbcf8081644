import { AppError } from '../errors.ts';
import { inPlatform, inTenant, type Trx } from '../db/tenant-scope.ts';
import { findAccountByLogin, lockoutMinutes, updateAccount, usable, type AccountKind, type AccountRow } from './accounts.ts';
import type { IdentityContext } from './context.ts';
import { verifyPassword } from './password.ts';
import type { Zone } from './principal.ts';
import { createSession } from './sessions.ts';
import { acceptTotp } from './totp.ts';
import { findTenant } from '../tenancy/tenant.ts';
import { appendAudit, SIGN_IN_FUNCTION } from '../audit/index.ts';

export interface SignInInput {
  /** Staff give their 団体コード; an operator gives none. */
  tenantCode?: string;
  loginName: string;
  password: string;
  totp?: string;
}

/**
 * One answer for every failure — unknown 団体 or user, wrong password or code, locked, disabled — so
 * that the response never tells an attacker which part was right.
 */
export class SignInFailed extends AppError {
  constructor(
    readonly reason: string,
    readonly accountId: string | undefined = undefined,
  ) {
    super('sign-in-failed', 401, 'サインインできません', '団体コード・利用者ID・パスワード・確認コードのいずれかが正しくないか、現在この利用者はサインインできません');
  }
}

export interface SignedIn {
  kind: AccountKind;
  token: string;
  csrfToken: string;
  accountId: string;
  loginName: string;
  tenantCode: string | null;
  mustChangePassword: boolean;
}

/**
 * サインイン. Password (argon2id) always; the TOTP code whenever the account has one, and always in the
 * individual-number zone. Each failure counts toward a lock-out that doubles with every further
 * failure; the count is written even though the sign-in fails.
 */
export async function signIn(ctx: IdentityContext, input: SignInInput, request: { zone: Zone; address: string | null }): Promise<SignedIn> {
  const kind: AccountKind = input.tenantCode ? 'staff' : 'operator';
  const tenantCode = input.tenantCode ?? null;
  const scope = <T>(fn: (trx: Trx) => Promise<T>) => (tenantCode ? inTenant(ctx.db, tenantCode, fn) : inPlatform(ctx.db, fn));
  if (tenantCode && !(await inPlatform(ctx.db, (trx) => findTenant(trx, tenantCode)))) {
    await verifyPassword(null, input.password);
    throw new SignInFailed('unknown-tenant');
  }
  type Outcome = { failure: string; accountId?: string } | { account: AccountRow; session: { token: string; csrfToken: string } };
  const outcome = await scope(async (trx): Promise<Outcome> => {
    const account = await findAccountByLogin(trx, kind, input.loginName, true);
    const passwordOk = await verifyPassword(account?.password_hash ?? null, input.password);
    // ログイン及びログインのエラー回数 (j1370 認証ログ): every attempt on a 団体 is in its chain, written
    // with the attempt's own effects. Operators have no 団体 chain; their attempts go to the service log.
    const audit = (outcome: 'success' | 'failed' | 'denied', reason?: string, accountId?: string) =>
      tenantCode
        ? appendAudit(trx, {
            actor: { kind: 'staff', id: accountId ?? 'unknown', name: /^[A-Za-z0-9._@-]{1,64}$/.test(input.loginName) ? input.loginName : null },
            address: request.address,
            zone: request.zone,
            module: 'identity',
            function: SIGN_IN_FUNCTION,
            category: 'auth',
            outcome,
            detail: reason ? { reason } : null,
          })
        : undefined;
    if (!account) {
      await audit('failed', 'unknown-user');
      return { failure: 'unknown-user' };
    }
    const failure = check(account, passwordOk, input, request.zone);
    if (failure) {
      const failed = account.failed_attempts + 1;
      const minutes = lockoutMinutes(failed);
      await updateAccount(trx, kind, account.id, { failed_attempts: failed, locked_until: minutes > 0 ? new Date(Date.now() + minutes * 60_000) : account.locked_until });
      await audit(failure === 'locked' || failure === 'unusable' ? 'denied' : 'failed', failure, account.id);
      return { failure, accountId: account.id };
    }
    const step = account.totp_secret && input.totp ? acceptTotp(account.totp_secret, input.totp, account.totp_last_step) : null;
    await updateAccount(trx, kind, account.id, { failed_attempts: 0, locked_until: null, ...(step !== null ? { totp_last_step: step } : {}) });
    const session = await createSession(trx, ctx.policy, {
      kind,
      tenantCode,
      accountId: account.id,
      zone: request.zone,
      secondFactor: step !== null,
      address: request.address,
    });
    await audit('success', undefined, account.id);
    return { account, session };
  });
  if ('failure' in outcome) throw new SignInFailed(outcome.failure, outcome.accountId);
  return {
    kind,
    ...outcome.session,
    accountId: outcome.account.id,
    loginName: outcome.account.login_name,
    tenantCode,
    mustChangePassword: outcome.account.must_change_password,
  };
}

function check(account: AccountRow, passwordOk: boolean, input: SignInInput, zone: Zone): string | null {
  if (account.locked_until && account.locked_until > new Date()) return 'locked';
  if (!passwordOk) return 'password';
  if (!usable(account, new Date().toISOString().slice(0, 10))) return 'unusable';
  const needsTotp = zone === 'individual-number' || account.totp_secret !== null;
  if (!needsTotp) return null;
  if (!account.totp_secret) return 'totp-not-enrolled';
  if (!input.totp || acceptTotp(account.totp_secret, input.totp, account.totp_last_step) === null) return 'totp';
  return null;
}
