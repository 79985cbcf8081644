import { Command, InvalidArgumentError } from 'commander';
import { getTenants } from '../modules/tenants/index.ts';
import { DEFAULT_DEMO_OPTIONS, DEMO_ADMIN, DEMO_OPERATOR, DEMO_PASSWORD, DEMO_TENANT, DEMO_TOTP_SECRET, seedDemo } from '../demo.ts';
import { withSystem } from './run.ts';

export function demoCommand(): Command {
  return new Command('demo')
    .description('デモ用の団体と合成データを作成する（実在の個人データは含まない）')
    .option('--tenant <tenantCode>', 'デモ団体の全国地方公共団体コード', DEMO_TENANT)
    .option('--residents <N>', '作成する住民の人数', wholeNumber('--residents', 1), DEFAULT_DEMO_OPTIONS.residents)
    .option('--seed <n>', '乱数の種（同じ種からは同じデータ）', wholeNumber('--seed', 0), DEFAULT_DEMO_OPTIONS.seed)
    .action((options: { tenant: string; residents: number; seed: number }) =>
      withSystem(async (system) => {
        const exists = (await getTenants(system)).some((t) => t.tenantCode === options.tenant);
        if (exists) return void console.log(`デモ団体 ${options.tenant} は既にあります`);
        const tenant = await seedDemo(system, options.tenant, { residents: options.residents, seed: options.seed, progress: (line) => console.log(line) });
        console.log(`デモ団体を作成しました: ${tenant.tenantCode} ${tenant.prefecture} ${tenant.name}`);
        printDemoSignIn(`http://127.0.0.1:${process.env.PORT ?? 3000}`, tenant.tenantCode);
      }),
    );
}

/** A commander parser for a whole-number option of at least `min`, with a Japanese message otherwise. */
const wholeNumber = (option: string, min: number) => (value: string): number => {
  const n = Number(value);
  if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`${option} は${min}以上の整数で指定してください`);
  return n;
};

/** What a newcomer needs to be signed in within a minute. */
export function printDemoSignIn(url: string, tenantCode: string = DEMO_TENANT): void {
  console.log(`
デモ団体 ${tenantCode} へのサインイン（デモ専用の公開資格情報です。実データを入れないでください）
  職員画面: ${url}/ をブラウザで開き、次の値でサインインします（メニューの「転入届」で転入を記録し、住民の画面の「証明書交付」で住民票の写しを印刷できます）
  団体コード ${tenantCode} / 利用者ID ${DEMO_ADMIN} / パスワード ${DEMO_PASSWORD}   （運用者: ${DEMO_OPERATOR}、団体コードは空欄で、運用ダッシュボード・団体の受入れ・移行の進捗・費用と削減効果）
  確認コード（30秒ごとに変わる6桁）: npx yakuba user totp-code ${DEMO_TOTP_SECRET}
    または認証アプリに登録: otpauth://totp/yakuba:${DEMO_ADMIN}?issuer=yakuba&secret=${DEMO_TOTP_SECRET}
  例: curl -c cookie.txt -H 'content-type: application/json' ${url}/api/v1/auth/sign-in \\
        -d '{"tenantCode":"${tenantCode}","loginName":"${DEMO_ADMIN}","password":"${DEMO_PASSWORD}","totp":"'$(npx yakuba user totp-code ${DEMO_TOTP_SECRET})'"}'`);
}
