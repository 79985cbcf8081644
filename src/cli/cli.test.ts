import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedTestDatabase } from '../../test/support/database.ts';
import { testKeySettings } from '../../test/support/my-number.ts';

/** Runs the real `yakuba` executable, the way an operator does after `npm install`. */
function yakuba(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['bin/yakuba.js', ...args], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Each command is a fresh process that compiles the sources and opens the database: minutes, not
// seconds, on a loaded two-core machine.
describe('yakuba CLI', { timeout: 300_000 }, () => {
  let shared: Awaited<ReturnType<typeof sharedTestDatabase>>;
  beforeAll(async () => {
    shared = await sharedTestDatabase();
  });
  afterAll(() => shared?.dispose());

  it('documents every command with --help', () => {
    const top = yakuba(['--help']);
    expect(top.code).toBe(0);
    for (const command of ['start', 'migrate', 'tenant', 'job', 'events', 'demo']) expect(top.stdout).toContain(command);
    const tenant = yakuba(['tenant', '--help']);
    expect(tenant.stdout).toMatch(/add[\s\S]*list/);
  });

  it('adds and lists tenants, and rejects a bad code with a Japanese message and exit code 2', () => {
    const bad = yakuba(['tenant', 'add', '131017'], shared.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('検査数字が正しくありません');
    expect(bad.stderr).not.toMatch(/\n\s+at /);

    expect(yakuba(['tenant', 'add', '131016'], shared.env)).toMatchObject({ code: 0, stdout: expect.stringContaining('千代田区') });
    expect(yakuba(['tenant', 'add', '131016'], shared.env)).toMatchObject({ code: 1, stderr: expect.stringContaining('既に登録されています') });
    const list = yakuba(['tenant', 'list'], shared.env);
    expect(list.stdout).toContain('131016  東京都 千代田区  稼働中');
  });

  it('lists jobs and dead letters, and explains an unknown job type or job id', () => {
    expect(yakuba(['job', 'list', '--tenant', '131016'], shared.env)).toMatchObject({ code: 0, stdout: 'ジョブはありません\n' });
    const unknown = yakuba(['job', 'submit', '--tenant', '131016', 'no.such-job'], shared.env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/ジョブの種類/);
    const missing = yakuba(['job', 'cancel', '--tenant', '131016', '01890a5d-ac96-774b-bcce-b302099a8057'], shared.env);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringContaining('見つかりません') });
    expect(yakuba(['events', 'dead-letters', '--tenant', '131016'], shared.env).stdout).toContain('配信不能イベントはありません');
  });

  it('manages staff accounts: add with an initial password, enrol TOTP, list, disable', () => {
    const added = yakuba(['user', 'add', '--tenant', '131016', 'clerk-cli', '--name', '窓口 太郎', '--roles', 'administrator'], shared.env);
    expect(added).toMatchObject({ code: 0, stdout: expect.stringMatching(/初期パスワード: \S{12,}/) });
    const totp = yakuba(['user', 'totp', '--tenant', '131016', 'clerk-cli'], shared.env);
    const secret = /秘密鍵: ([A-Z2-7]+)/.exec(totp.stdout)?.[1];
    expect(secret).toBeDefined();
    expect(yakuba(['user', 'totp-code', secret!]).stdout).toMatch(/^\d{6}\n$/);
    expect(yakuba(['user', 'disable', '--tenant', '131016', 'clerk-cli'], shared.env).code).toBe(0);
    expect(yakuba(['user', 'list', '--tenant', '131016'], shared.env).stdout).toContain('clerk-cli  窓口 太郎  [administrator]  停止中');
  });

  it('says clearly that 個人番号 keys are missing on PostgreSQL', () => {
    const r = yakuba(['migrate'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere', YAKUBA_MY_NUMBER_KEYS: '', YAKUBA_MY_NUMBER_LOOKUP_KEY: '' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^エラー: .*YAKUBA_MY_NUMBER_KEYS/);
  });

  it('says clearly that the database is down instead of printing a stack trace', () => {
    const r = yakuba(['migrate'], { ...testKeySettings(), DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^エラー: データベースに接続できません（postgres:\/\/postgres@127\.0\.0\.1:1\/nowhere）/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
