/**
 * The staff UI in a real browser (DESIGN §7): playwright-core driving Debian's chromium, never a
 * downloaded one, against the real server on an empty PGlite database with the demo 団体. Run with
 * `npm run test:browser` (.ci/run installs chromium and runs it). Screenshots go to .tmp/screenshots.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../../src/cli/web-build.ts';
import { DEMO_ADMIN, DEMO_PASSWORD, DEMO_TENANT, DEMO_TOTP_SECRET, seedDemo } from '../../src/demo.ts';
import { totpCode } from '../../src/platform/identity/totp.ts';
import { startServer } from '../../src/server.ts';
import type { System } from '../../src/system.ts';
import { testSystem } from '../support/system.ts';

const SHOTS = '.tmp/screenshots';
/** Waits for what the page shows, generously: a busy CI machine may take seconds to build and paint a screen. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 });
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical findings on the page as it stands. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's own CSP (no inline scripts) stays in force.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run());
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`);
}

describe('staff UI in chromium', () => {
  let system: System;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await ensureWebBuilt();
    system = await testSystem();
    await seedDemo(system);
    server = await startServer(system, { port: 0, zone: 'individual-number' });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ locale: 'ja-JP', viewport: { width: 1280, height: 800 } });
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await system?.close();
  });

  it('signs in with TOTP by keyboard alone, shows 団体・系・operator, searches as you type and opens a person', async () => {
    await page.goto(server.url);
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
