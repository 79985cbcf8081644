/**
 * The operator's console in a real browser (issue #11): the dashboard's charts each with its table
 * (progress by phase and business, delayed steps, cost against the −30 % target, 割り勘, usage), a
 * 団体 onboarded by keyboard and mouse with its initial password shown once, progress recorded and
 * read back as a percentage, and a month's shared costs entered and split. Scanned with axe.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OPERATOR } from '../../src/demo.ts';
import { poll, seriousViolations, SHOTS, signIn, startHarness, type Harness } from './harness.ts';

describe('operator console in chromium', () => {
  let harness: Harness;
  let page: Page;
  const menu = (label: string) => page.getByRole('navigation', { name: '業務メニュー' }).getByRole('button', { name: new RegExp(`^${label}`) });
  const open = async (label: string, title: RegExp) => {
    await menu(label).click();
    await poll(() => page.getByRole('heading', { level: 1, name: title }).count()).toBe(1);
  };
  const figure = (name: string) => page.getByRole('figure', { name: new RegExp(name) });

  beforeAll(async () => {
    harness = await startHarness();
    page = harness.page;
  });
  afterAll(async () => harness?.close());

  it('opens on the dashboard: every chart drawn, and the same figures as a table', async () => {
    await signIn(page, harness.url, DEMO_OPERATOR, '');
    await poll(() => page.getByRole('heading', { level: 1, name: '運用ダッシュボード' }).count()).toBe(1);
    expect(await page.getByTestId('tenant').textContent()).toContain('運用者');
    // The demo 団体: 2 businesses × 9 of 17 steps completed in the planning and selection phases.
    const phase = figure('フェーズ別の進捗');
    await poll(() => phase.locator('svg.recharts-surface').count()).toBe(1);
    expect(await phase.getByRole('row').allTextContents()).toEqual(['フェーズ完了ステップステップ数進捗率', '計画立案88100.0%', 'システム選定101662.5%', '移行0100.0%']);
    expect(await figure('業務別の進捗').getByRole('row').filter({ hasText: '住民基本台帳' }).textContent()).toContain('52.9%');
    // Cost against the target: one bar per 団体 with a baseline, and its row.
    const cost = figure('削減率');
    await poll(() => cost.locator('.recharts-bar-rectangle').count()).toBe(1);
    expect(await cost.getByRole('row').nth(1).textContent()).toMatch(/^千代田区48,000,000円/);
    await poll(() => figure('割り勘効果').locator('.recharts-line').count()).toBe(1);
    expect(await figure('割り勘効果').getByRole('row').filter({ hasText: '（現在）' }).count()).toBe(1);
    expect(await figure('利用量の推移').getByRole('row').count()).toBeGreaterThan(1);
    // The delayed step of the demo (planned 20 days ago, still in progress) with its blocker.
    expect(await page.getByTestId('delayed').getByRole('row').nth(1).textContent()).toContain('ベンダーの要員確保待ち');
    // The charts are for the eye: screen readers get the tables.
    expect(await phase.locator('[aria-hidden="true"] svg').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/operator-dashboard.png`, fullPage: true });
  });

  it('onboards a 団体 from the official list and shows its administrator’s initial password once', async () => {
    await open('団体の受入れ', /^団体の受入れ$/);
    await page.getByLabel(/^団体名・よみ・団体コード/).fill('堺市');
    await page.getByLabel(/^団体名・よみ・団体コード/).press('Enter');
    await page.getByRole('button', { name: /^271403 大阪府堺市/ }).click();
    expect(await page.getByTestId('chosen').textContent()).toContain('堺市北区');
    await page.getByLabel('個人住民税').check();
    await page.getByLabel(/^配置モデル/).selectOption('beta');
    await page.getByLabel(/^人口/).fill('820000');
    await page.getByLabel(/^最初の管理者の利用者ID/).fill('sakai-admin');
    await page.getByLabel(/^最初の管理者の氏名/).fill('堺 管理者');
    await page.getByRole('button', { name: '受け入れる' }).click();
    await poll(() => page.getByTestId('one-time').count()).toBe(1);
    expect(await page.getByTestId('one-time-value').textContent()).toMatch(/^[A-Za-z0-9_-]{16}$/);
    await poll(() => page.getByRole('row').filter({ hasText: '271403' }).count()).toBe(1);
    expect(await page.getByRole('row').filter({ hasText: '271403' }).textContent()).toContain('βモデル');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('records progress for a step and shows the new percentage', async () => {
    await open('移行の進捗', /^移行の進捗$/);
    await page.getByLabel('団体').selectOption('271403');
    await poll(() => page.getByTestId('progress-percent').textContent()).toContain('0.0%');
    await page.getByLabel('ステップ1 状態').selectOption('completed');
    await page.getByLabel('ステップ1 実績終了日').fill('2026-04-30');
    await page.getByRole('button', { name: '進捗を記録する' }).click();
    await poll(() => page.getByRole('status').textContent()).toContain('17件');
    // 1 of 17 steps: 5.9 %.
    await poll(() => page.getByTestId('progress-percent').textContent()).toContain('5.9%');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('enters a month’s shared costs and shows each 団体’s share and effect', async () => {
    await open('費用と削減効果', /^費用と削減効果$/);
    await page.getByLabel('回線 金額').fill('1000000');
    await page.getByLabel('回線 按分の方法').selectOption('equal');
    await page.getByRole('button', { name: '共通費用を登録する' }).click();
    // Two 団体 now share the network cost equally: 500,000 yen each for the month.
    await poll(() => page.getByTestId('effect-table').getByRole('row').filter({ hasText: '千代田区' }).textContent()).toMatch(/達成|未達/);
    expect(await page.getByTestId('effect-table').getByRole('row').filter({ hasText: '堺市' }).textContent()).toContain('円');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/operator-costs.png`, fullPage: true });
  });
});
