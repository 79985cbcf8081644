/**
 * The staff UI in a real browser (DESIGN §7): playwright-core driving Debian's chromium, never a
 * downloaded one, against the real server on an empty PGlite database with the demo 団体. Run with
 * `npm run test:browser` (.ci/run installs chromium and runs it). Screenshots go to .tmp/screenshots.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN, DEMO_PASSWORD, DEMO_TENANT, DEMO_TOTP_SECRET } from '../../src/demo.ts';
import { totpCode } from '../../src/platform/identity/totp.ts';
import { poll, seriousViolations, SHOTS, startHarness, type Harness } from './harness.ts';

describe('staff UI in chromium', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    page = harness.page;
  });
  afterAll(async () => harness?.close());

  it('signs in with TOTP by keyboard alone, shows 団体・系・operator, searches as you type and opens a person', async () => {
    await page.goto(harness.url);
    await poll(() => page.getByRole('heading', { name: 'yakuba 基幹業務 サインイン' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/sign-in.png` });

    // A wrong password first: the server's Japanese message is shown, nothing else happens.
    await page.keyboard.type(DEMO_TENANT);
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_ADMIN);
    await page.keyboard.press('Tab');
    await page.keyboard.type('wrong-password');
    await page.keyboard.press('Tab');
    await page.keyboard.type(totpCode(DEMO_TOTP_SECRET));
    await page.keyboard.press('Enter');
    await poll(async () => (await page.getByRole('alert').textContent()) ?? '').toMatch(/[ぁ-んァ-ヶ一-龠]/);

    await page.getByLabel('パスワード').fill(DEMO_PASSWORD);
    await page.getByLabel('パスワード').press('Enter');
    await poll(() => page.getByTestId('zone').textContent()).toBe('マイナンバー利用事務系');
    expect(await page.getByTestId('tenant').textContent()).toContain(DEMO_TENANT);
    expect(await page.getByTestId('operator').textContent()).toBe(DEMO_ADMIN);

    // The search field has the focus; a kana prefix of a demo resident lists them.
    const search = page.getByLabel(/フリガナ・氏名/);
    await poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('ア');
    await poll(() => page.getByRole('row').count()).toBeGreaterThan(1);
    expect(await page.getByText(/^[0-9,]+件$/).textContent()).toMatch(/件$/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/resident-search.png` });

    // Tab to the first 宛名番号 and Enter: the person, the household and the 異動履歴; Esc is back at the results.
    await page.keyboard.press('Tab');
    const first = (await page.evaluate(() => document.activeElement?.textContent)) ?? '';
    expect(first).toMatch(/^[0-9]{10}$/);
    await page.keyboard.press('Enter');
    await poll(() => page.getByRole('heading', { name: new RegExp(`（${first}）`) }).count()).toBe(1);
    await poll(() => page.getByRole('heading', { name: '異動履歴' }).count()).toBe(1);
    await poll(() => page.getByRole('heading', { name: /^世帯（世帯番号/ }).count()).toBe(1);
    expect(await page.getByText(/^(昭和|平成|令和|大正|明治)/).count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/person.png`, fullPage: true });
    await page.keyboard.press('Escape');
    await poll(() => page.getByRole('heading', { name: '住民検索' }).isVisible()).toBe(true);
    expect(await page.getByRole('row').count()).toBeGreaterThan(1);

    // Alt+H lists the shortcuts; Esc closes the list.
    await page.keyboard.press('Alt+h');
    await poll(() => page.getByRole('dialog', { name: 'ショートカットキー' }).count()).toBe(1);
    expect(await page.getByRole('dialog').textContent()).toContain('Alt+S');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await poll(() => page.getByRole('dialog').count()).toBe(0);

    await page.getByRole('button', { name: 'サインアウト' }).click();
    await poll(() => page.getByRole('heading', { name: 'yakuba 基幹業務 サインイン' }).count()).toBe(1);
  });
});
