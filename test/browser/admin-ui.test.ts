/**
 * The administration screens in a real browser (DESIGN §7), reached from the shell's menu: 利用者管理
 * (a user registered, its initial password shown once, a role given), ロール (a role created), 監査ログ
 * (filtered by 機能, the chain verified, an analysis run) and ジョブ (progress bars, 取消, 再開, and the
 * server's message for a type it does not know). Each screen is scanned with axe and photographed.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT } from '../../src/demo.ts';
import { runJob, submitJob, type JobDefinition } from '../../src/platform/jobs/index.ts';
import { poll, seriousViolations, SHOTS, signIn, startHarness, type Harness } from './harness.ts';

/** Jobs of a type only this test knows: the screen shows whatever the tenant's job table holds. */
const testJob = (type: string, title: string, failAt?: number): JobDefinition<{ total: number }, number> => ({
  type,
  title,
  chunkSize: 10,
  async plan(_trx, params) {
    return { total: params.total };
  },
  async runChunk(_trx, params, cursor, chunkSize) {
    const start = cursor ?? 0;
    if (failAt !== undefined && start >= failAt) throw new Error('テスト用の障害');
    const end = Math.min(start + chunkSize, params.total);
    return { processed: end - start, cursor: end >= params.total ? null : end };
  },
});
const paused = testJob('tests.paused', '一時停止中の一括処理（テスト）');
const failing = testJob('tests.failing', '途中で失敗する一括処理（テスト）', 10);
const catalog = new Map<string, JobDefinition<{ total: number }, number>>([[paused.type, paused], [failing.type, failing]]);

describe('administration screens in chromium', () => {
  let harness: Harness;
  let page: Page;
  const menu = (label: string) => page.getByRole('navigation', { name: '業務メニュー' }).getByRole('button', { name: new RegExp(`^${label}`) });
  const open = async (label: string, title: RegExp) => {
    await menu(label).click();
    await poll(() => page.getByRole('heading', { level: 1, name: title }).count()).toBe(1);
  };
  const row = (text: string | RegExp) => page.getByRole('row').filter({ hasText: text });

  beforeAll(async () => {
    harness = await startHarness();
    page = harness.page;
  });
  afterAll(async () => harness?.close());

  it('利用者管理: registers a user by keyboard, shows the initial password once, lists the user, resets, enrols, disables', async () => {
    // Signed in once for the whole file (expect.poll, which signIn uses, runs only inside a test).
    await signIn(page, harness.url);
    await open('利用者管理', /^利用者管理$/);
    await poll(() => row('demo-admin').count()).toBe(1);

    // Enter on the empty form, then with a bad 利用者ID: the server's Japanese messages appear under
    // the field they concern, which is marked invalid; the alert above the button only sums up.
    await page.getByLabel(/^利用者ID/).press('Enter');
    await poll(() => page.getByLabel(/^利用者名称/).getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel(/^利用者名称/).fill('窓口 花子');
    await page.getByLabel(/^利用者ID/).fill('x');
    await page.getByLabel(/^利用者ID/).press('Enter');
    await poll(() => page.getByText('利用者IDは英数字と . _ @ - の3〜64文字で指定してください').count()).toBe(1);
    expect(await page.getByLabel(/^利用者ID/).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('alert').textContent()).toContain('各項目の下のメッセージを確認してください');

    await page.getByLabel(/^利用者ID/).fill('clerk-01');
    await page.getByLabel(/^所属/).fill('市民課');
    await page.getByLabel(/^所属/).press('Enter');
    const password = page.getByTestId('one-time-value');
    await poll(() => password.count()).toBe(1);
    const initial = await password.textContent();
    expect(initial).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await page.getByRole('heading', { name: /初期パスワード（利用者 clerk-01）/ }).count()).toBe(1);
    // The panel has the focus, so a screen reader reads the password at once.
    expect(await page.getByTestId('one-time').evaluate((el) => el === document.activeElement)).toBe(true);
    await poll(() => row('clerk-01').count()).toBe(1);
    expect(await row('clerk-01').textContent()).toContain('パスワード変更待ち');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/admin-users.png`, fullPage: true });

    // Closed, the password is gone for good.
    await page.getByRole('button', { name: /控えました/ }).click();
    expect(await password.count()).toBe(0);

    // パスワード初期化 by keyboard: Enter asks first (the focus on the answer), Esc steps back to the
    // button, Enter twice initialises and shows the new password, once.
    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    const reset = row('clerk-01').getByRole('button', { name: 'パスワード初期化' });
    await reset.focus();
    await page.keyboard.press('Enter');
    await poll(focused).toBe('初期化する');
    expect(await page.getByText(/利用者 clerk-01（窓口 花子）のパスワードを初期化します/).count()).toBe(1);
    await page.keyboard.press('Escape');
    await poll(() => reset.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await poll(focused).toBe('初期化する');
    await page.keyboard.press('Enter');
    await poll(() => password.count()).toBe(1);
    expect(await password.textContent()).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await password.textContent()).not.toBe(initial);
    await page.getByRole('button', { name: /控えました/ }).click();

    // The TOTP secret, shown once with its otpauth URI; then 利用停止.
    await row('clerk-01').getByRole('button', { name: '二要素認証の登録' }).click();
    await page.getByRole('button', { name: '発行する' }).click();
    await poll(() => page.getByRole('heading', { name: /二要素認証.*の秘密鍵（利用者 clerk-01）/ }).count()).toBe(1);
    expect(await password.textContent()).toMatch(/^[A-Z2-7]{16,}$/);
    expect(await page.getByTestId('one-time').textContent()).toContain('otpauth://totp/');
    await poll(async () => (await row('clerk-01').textContent()) ?? '').toContain('登録済み');
    await page.getByRole('button', { name: /控えました/ }).click();
    await row('clerk-01').getByRole('button', { name: '利用停止' }).click();
    await page.getByRole('button', { name: '停止する' }).click();
    await poll(async () => (await row('clerk-01').textContent()) ?? '').toContain('停止中');
    expect(await page.getByRole('status').textContent()).toContain('利用者 clerk-01 の利用を停止しました');
  });

  it('ロール: creates a role, which 利用者管理 then gives to the user', async () => {
    await open('ロール', /^ロール/);
    await poll(() => row('システム管理者').count()).toBe(1);
    await page.getByLabel(/^役割名/).fill('counter-clerk');
    await page.getByRole('checkbox', { name: /^resident-registry:read/ }).check();
    await page.getByLabel(/^表示名/).fill('窓口担当');
    await page.getByLabel(/^表示名/).press('Enter');
    await poll(() => row('counter-clerk').count()).toBe(1);
    expect(await row('counter-clerk').textContent()).toContain('resident-registry:read');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/admin-roles.png`, fullPage: true });

    await open('利用者管理', /^利用者管理$/);
    await poll(() => row('clerk-01').count()).toBe(1);
    await row('clerk-01').getByRole('button', { name: '役割の変更' }).click();
    // The role editor opens with the focus on its first checkbox; Space ticks it, Enter would not.
    await poll(() => page.getByRole('checkbox', { name: /窓口担当/ }).count()).toBeGreaterThan(0);
    await page.getByRole('group', { name: /clerk-01/ }).getByRole('checkbox', { name: /窓口担当/ }).check();
    await page.getByRole('button', { name: '役割を保存する' }).click();
    await poll(async () => (await row('clerk-01').textContent()) ?? '').toContain('窓口担当');
  });

  it('監査ログ: filters by 機能, verifies the chain and runs an analysis', async () => {
    await open('監査ログ', /^監査ログ$/);
    await poll(() => row(/auth\.sign-in/).count()).toBeGreaterThan(0);

    await page.getByLabel(/^機能/).fill('identity.create-user');
    await page.getByLabel(/^機能/).press('Enter');
    await poll(() => page.getByRole('table', { name: '監査ログの検索結果' }).getByRole('row').count()).toBe(2);
    expect(await row(/identity\.create-user/).textContent()).toContain('clerk-01');
    expect(await row(/identity\.create-user/).textContent()).toMatch(/令和\d+年\d+月\d+日 \d\d:\d\d:\d\d/);

    await page.getByRole('button', { name: 'ハッシュ連鎖を検証する' }).click();
    await poll(async () => (await page.getByTestId('verification').textContent()) ?? '').toContain('改ざん・削除は見つかりませんでした');

    await page.getByLabel('分析の種類').selectOption({ label: 'ID別ログイン数一覧' });
    await page.getByRole('button', { name: '分析する' }).click();
    await poll(() => page.getByRole('heading', { level: 3, name: /^ID別ログイン数一覧/ }).count()).toBe(1);
    const perActor = page.getByRole('table', { name: '操作者ごとの件数' });
    await poll(() => perActor.getByRole('row').count()).toBeGreaterThan(1);
    expect(await perActor.textContent()).toContain('demo-admin');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/audit-log.png`, fullPage: true });
  });

  it('ジョブ: progress bars, 取消 after a confirmation, 再開 of a failed job, and the server’s message for an unknown type', async () => {
    // One job stopped after its first chunk (10 of 40 done, back in the queue) and one failed at 10 of 30.
    const { db } = harness.system;
    const stopped = await submitJob(db, catalog, DEMO_TENANT, paused.type, { total: 40 });
    const stop = new AbortController();
    await runJob(db, catalog, DEMO_TENANT, stopped.id, { signal: stop.signal, onProgress: (j) => j.done > 0 && stop.abort() });
    const broken = await submitJob(db, catalog, DEMO_TENANT, failing.type, { total: 30 });
    await runJob(db, catalog, DEMO_TENANT, broken.id);

    await open('ジョブ', /^ジョブ$/);
    const bar = page.getByRole('progressbar', { name: `${paused.title}の進捗` });
    await poll(() => bar.count()).toBe(1);
    expect(await bar.getAttribute('value')).toBe('25');
    expect(await row(paused.title).textContent()).toMatch(/待機中.*25%（10 \/ 40件）/);
    expect(await row(failing.title).textContent()).toContain('テスト用の障害');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/jobs.png`, fullPage: true });

    await row(paused.title).getByRole('button', { name: '取消' }).click();
    await page.getByRole('button', { name: /^取り消す/ }).click();
    // Cancelled: nothing left to do with it (a cancelled job cannot be resumed).
    await poll(() => row(paused.title).getByRole('button').count()).toBe(0);
    expect(await row(paused.title).textContent()).toMatch(/取消25%/);

    await row(failing.title).getByRole('button', { name: '再開' }).click();
    await poll(async () => (await row(failing.title).textContent()) ?? '').toContain('待機中');

    await page.getByLabel(/^種類/).fill('no.such-job');
    await page.getByLabel(/^種類/).press('Enter');
    await poll(() => page.getByText('ジョブの種類「no.such-job」は登録されていません').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
