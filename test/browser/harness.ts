/**
 * What every browser test needs (DESIGN §7): the real server on an empty PGlite database with the demo
 * 団体, Debian's chromium driven by playwright-core (never a downloaded browser), a keyboard sign-in
 * with TOTP, axe-core's findings and a place for screenshots (.tmp/screenshots, kept by CI).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { ensureWebBuilt } from '../../src/cli/web-build.ts';
import { DEMO_ADMIN, DEMO_PASSWORD, DEMO_TENANT, DEMO_TOTP_SECRET, seedDemo } from '../../src/demo.ts';
import { totpCode } from '../../src/platform/identity/totp.ts';
import { startServer } from '../../src/server.ts';
import type { System } from '../../src/system.ts';
import { testSystem } from '../support/system.ts';

export const SHOTS = '.tmp/screenshots';

/** Waits for what the page shows, generously: a busy CI machine may take seconds to build and paint a screen. */
export const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 });

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical findings on the page as it stands. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's own CSP (no inline scripts) stays in force.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run());
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`);
}

export interface Harness {
  system: System;
  url: string;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** Builds the UI if stale, starts a server on a free port over a fresh database with the demo, opens a page. */
export async function startHarness(): Promise<Harness> {
  await ensureWebBuilt();
  const system = await testSystem();
  await seedDemo(system);
  const server = await startServer(system, { port: 0, zone: 'individual-number' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ locale: 'ja-JP', viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  mkdirSync(SHOTS, { recursive: true });
  return {
    system, url: server.url, browser, page,
    async close() {
      await browser.close();
      await server.close();
      await system.close();
    },
  };
}

/** Signs the demo administrator (or operator) in by keyboard alone (the sign-in form has the focus) and waits for the shell. */
export async function signIn(page: Page, url: string, loginName: string = DEMO_ADMIN, tenantCode: string = DEMO_TENANT): Promise<void> {
  await page.goto(url);
  await poll(() => page.getByRole('heading', { name: 'yakuba 基幹業務 サインイン' }).count()).toBe(1);
  // An operator leaves the 団体コード empty.
  if (tenantCode) await page.keyboard.type(tenantCode);
  await page.keyboard.press('Tab');
  await page.keyboard.type(loginName);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Tab');
  await page.keyboard.type(totpCode(DEMO_TOTP_SECRET));
  await page.keyboard.press('Enter');
  await poll(() => page.getByTestId('operator').count()).toBe(1);
}
