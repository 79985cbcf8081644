import { Command } from 'commander';
import { inPlatform, inTenant, type Trx } from '../platform/db/tenant-scope.ts';
import { ValidationError } from '../platform/errors.ts';
import { totpCode } from '../platform/identity/totp.ts';
import { createAccount, disableAccount, enrollTotp, listAccounts, resetPassword } from '../platform/identity/users.ts';
import { validateTenantCode } from '../platform/tenancy/tenant.ts';
import type { System } from '../system.ts';
import { withSystem } from './run.ts';

interface Target {
  tenant?: string;
  operator?: boolean;
}

/** Runs `fn` on staff accounts of --tenant, or on operator accounts with --operator. */
function scoped<T>(system: System, target: Target, fn: (trx: Trx, kind: 'staff' | 'operator') => Promise<T>): Promise<T> {
  if (target.operator) return inPlatform(system.db, (trx) => fn(trx, 'operator'));
  if (!target.tenant) throw new ValidationError([{ field: 'tenant', rule: 'required', message: '--tenant <団体コード> か --operator を指定してください' }]);
  return inTenant(system.db, validateTenantCode(target.tenant).code, (trx) => fn(trx, 'staff'));
}

function withTarget(command: Command): Command {
  return command.option('-t, --tenant <tenantCode>', '職員の団体コード').option('--operator', '運用者アカウントを対象にする');
}

export function userCommand(): Command {
  const user = new Command('user').description('利用者（職員・運用者）の管理');
  withTarget(user.command('add').description('利用者を登録する（初期パスワードを表示）'))
    .argument('<loginName>', '利用者ID')
    .requiredOption('--name <displayName>', '利用者名称')
    .option('--department <department>', '所属部署名称')
    .option('--roles <roles>', '役割（カンマ区切り、例: administrator）', '')
    .action((loginName: string, o: Target & { name: string; department?: string; roles: string }) =>
      withSystem(async (system) => {
        const roles = o.roles.split(',').map((r) => r.trim()).filter(Boolean);
        const { account, initialPassword } = await scoped(system, o, (trx, kind) => createAccount(trx, kind, { loginName, displayName: o.name, department: o.department ?? null, roles }));
        console.log(`登録しました: ${account.loginName}（${account.displayName}）`);
        console.log(`初期パスワード: ${initialPassword}（初回サインイン後に変更が必要です。二要素認証は yakuba user totp で登録）`);
      }),
    );
  withTarget(user.command('list').description('利用者を一覧する')).action((o: Target) =>
    withSystem(async (system) => {
      const accounts = await scoped(system, o, (trx, kind) => listAccounts(trx, kind));
      if (accounts.length === 0) return void console.log('利用者はいません');
      for (const a of accounts) {
        const flags = [a.disabled && '停止中', a.locked && 'ロック中', !a.totpEnrolled && '二要素未登録'].filter(Boolean).join(' ');
        console.log(`${a.loginName}  ${a.displayName}  [${a.roles.join(', ')}]  ${flags}`);
      }
    }),
  );
  withTarget(user.command('disable').description('利用を停止する（すべてのセッションを終了）'))
    .argument('<loginName>', '利用者ID')
    .action((loginName: string, o: Target) =>
      withSystem(async (system) => {
        await scoped(system, o, (trx, kind) => disableAccount(trx, kind, loginName));
        console.log(`利用を停止しました: ${loginName}`);
      }),
    );
  withTarget(user.command('reset-password').description('パスワードを初期化する（新しい初期パスワードを表示）'))
    .argument('<loginName>', '利用者ID')
    .action((loginName: string, o: Target) =>
      withSystem(async (system) => {
        const { initialPassword } = await scoped(system, o, (trx, kind) => resetPassword(trx, kind, loginName));
        console.log(`初期パスワード: ${initialPassword}（次回サインイン時に変更が必要です）`);
      }),
    );
  withTarget(user.command('totp').description('二要素認証（TOTP）を登録する（秘密鍵と認証アプリ用URIを表示）'))
    .argument('<loginName>', '利用者ID')
    .action((loginName: string, o: Target) =>
      withSystem(async (system) => {
        const { secret, uri } = await scoped(system, o, (trx, kind) => enrollTotp(trx, kind, loginName));
        console.log(`秘密鍵: ${secret}\n認証アプリ用URI: ${uri}`);
      }),
    );
  user
    .command('totp-code')
    .description('TOTP秘密鍵から現在の確認コードを表示する（データベースに接続しない）')
    .argument('<secret>', 'Base32の秘密鍵')
    .action((secret: string) => console.log(totpCode(secret)));
  return user;
}
