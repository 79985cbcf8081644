/**
 * The counter's procedures in a real browser: a 転入 of a family of three entered by keyboard alone
 * (no mouse event at all), first with a mistake the server answers in Japanese at the field; then a
 * 転居 of the family; axe on every step. Screenshots go to .tmp/screenshots.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT } from '../../src/demo.ts';
import { call, staffSession } from '../support/system.ts';
import { poll, seriousViolations, SHOTS, signIn, startHarness, type Harness } from './harness.ts';

/** Tab (forwards) until the focused element is the one with `id`; keyboard only. */
async function tabTo(page: Page, id: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached #${id}`);
}

/** Tab to a button by its text and press Enter. */
async function pressButton(page: Page, text: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    const focused = await page.evaluate(() => (document.activeElement?.tagName === 'BUTTON' ? document.activeElement.textContent : null));
    if (focused?.startsWith(text)) return page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached the button ${text}`);
}

async function typeInto(page: Page, id: string, text: string): Promise<void> {
  await tabTo(page, id);
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text);
}

describe('counter procedures in chromium', () => {
  let harness: Harness;
  let page: Page;
  let mouseEvents: () => Promise<number>;

  beforeAll(async () => {
    harness = await startHarness();
    page = harness.page;
  });
  afterAll(async () => harness?.close());

  it('records a 転入 of a family of three by keyboard alone, after a mistake the server names in Japanese', async () => {
    await signIn(page, harness.url);
    // Every mouse event the page sees is counted: the whole flow must get by without one.
    await page.evaluate(() => {
      const w = window as unknown as { mouseEvents: number };
      w.mouseEvents = 0;
      for (const type of ['mousedown', 'mouseup', 'click', 'pointerdown']) {
        window.addEventListener(type, (e) => { if ((e as MouseEvent).detail > 0 || type !== 'click') w.mouseEvents++; }, true);
      }
    });
    mouseEvents = () => page.evaluate(() => (window as unknown as { mouseEvents: number }).mouseEvents);

    await page.keyboard.press('Alt+n');
    await poll(() => page.getByRole('heading', { name: '転入届' }).count()).toBe(1);
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-effectiveDate');
    await page.keyboard.type('R8.4.1');
    await poll(() => page.getByTestId('f-effectiveDate-reading').textContent()).toBe('令和8年4月1日（2026-04-01）');
    await typeInto(page, 'f-destination-address-text', '東京都千代田区千代田一丁目1番1号');
    await typeInto(page, 'f-persons-0-previousAddress-text', '千葉県船橋市湊町二丁目10番25号');
    const family = [
      { name: '転入\u3000太郎', kana: 'テンニュウ\u3000タロウ', birth: 'S55.5.1', sex: '1', rel: '世帯主', code: '51234567890' },
      { name: '転入\u3000花子', kana: 'テンニュウ\u3000ハナコ', birth: 'S57.7.7', sex: '2', rel: '妻', code: '51234567891' },
      // A date that never existed (令和 began on 5月1日): the first 確認 is refused at this field.
      { name: '転入\u3000一郎', kana: 'テンニュウ\u3000イチロウ', birth: 'R1.4.30', sex: '1', rel: '子', code: '51234567892' },
    ];
    for (const [i, p] of family.entries()) {
      if (i > 0) await pressButton(page, '世帯員を追加');
      // 世帯員を追加 puts the focus on the new person's 氏名; the first is reached by Tab.
      if (i > 0) await poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`f-persons-${i}-name`);
      await typeInto(page, `f-persons-${i}-name`, p.name);
      await typeInto(page, `f-persons-${i}-nameKana`, p.kana);
      await typeInto(page, `f-persons-${i}-birthDate`, p.birth);
      await tabTo(page, `f-persons-${i}-sex`);
      if (p.sex === '2') await page.keyboard.press('ArrowDown');
      await typeInto(page, `f-persons-${i}-relationship`, p.rel);
      await typeInto(page, `f-persons-${i}-residentCode`, p.code);
      if (i === 0) {
        await typeInto(page, 'f-persons-0-registeredDomicile', '東京都千代田区千代田1番');
        await typeInto(page, 'f-persons-0-familyRegisterHead', '転入\u3000太郎');
      }
    }
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/move-in-form.png`, fullPage: true });
    await page.keyboard.press('Enter');
    // The server's message, in Japanese, at the field and in the summary; the field has the focus.
    await poll(() => page.locator('#f-persons-2-birthDate[aria-invalid="true"]').count()).toBe(1);
    expect(await page.getByRole('alert').textContent()).toMatch(/令和元年4月30日は存在しません/);
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-persons-2-birthDate');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/move-in-error.png`, fullPage: true });
    await page.keyboard.press('Control+a');
    await page.keyboard.type('H22.2.2');
    await page.keyboard.press('Enter');

    // 確認: the summary, 登録 has the focus; Enter records.
    await poll(() => page.getByRole('heading', { name: 'この内容で登録します。よろしいですか。' }).count()).toBe(1);
    expect(await page.locator('dl').first().textContent()).toContain('転入\u3000一郎');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/move-in-confirm.png`, fullPage: true });
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('procedure-commit');
    await page.keyboard.press('Enter');
    await poll(() => page.getByRole('heading', { name: '受け付けました' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /転入\s(太郎|花子|一郎)（[0-9]{10}）/ }).count()).toBe(3);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/move-in-receipt.png`, fullPage: true });
    expect(await mouseEvents()).toBe(0);

    // The family is in the register: the search finds all three in one household.
    await page.keyboard.press('Alt+s');
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('resident-search-start');
    await page.keyboard.type('テンニュウ');
    await poll(() => page.getByRole('row').count()).toBe(4);
    expect(await mouseEvents()).toBe(0);
  });

  it('records a 転居 of the whole family from the person screen, keeping the 世帯番号', async () => {
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await poll(() => page.getByRole('heading', { name: '異動履歴' }).count()).toBe(1);
    const householdNo = (await page.getByRole('heading', { name: /^世帯（世帯番号/ }).textContent())!.match(/[0-9]+/)![0];
    await page.keyboard.press('Alt+1');
    await poll(() => page.getByRole('heading', { name: '転居届' }).count()).toBe(1);
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-effectiveDate');
    await page.keyboard.type('R8.5.10');
    await typeInto(page, 'f-destination-address-text', '東京都千代田区丸の内二丁目7番2号');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('procedure-commit');
    expect(await page.locator('dl').first().textContent()).toContain('世帯ごと転居');
    await page.keyboard.press('Enter');
    await poll(() => page.getByRole('heading', { name: '受け付けました' }).count()).toBe(1);
    expect(await page.getByTestId('receipt-household').textContent()).toBe(householdNo);
    await page.screenshot({ path: `${SHOTS}/move-within-receipt.png`, fullPage: true });

    // The person now lives at the new address and the 異動履歴 has the 転居.
    await page.getByRole('button', { name: /転入\s太郎/ }).press('Enter');
    await poll(() => page.getByText('東京都千代田区丸の内二丁目7番2号').count()).toBeGreaterThan(0);
    await poll(() => page.getByRole('cell', { name: '転居' }).count()).toBe(1);
    expect(await mouseEvents()).toBe(0);
  });

  it('opens every other procedure form without an accessibility problem, and records a 出生 and a 職権修正 in them', async () => {
    // From the receipt's person (転入 太郎, 世帯主): each form by its shortcut, axe, Esc back to the person.
    await poll(() => page.getByRole('heading', { name: '異動履歴' }).count()).toBe(1);
    for (const [key, title] of [['2', '転出届'], ['3', '世帯変更届'], ['4', '出生届'], ['5', '死亡・失踪宣告'], ['6', '職権修正']] as const) {
      await page.keyboard.press(`Alt+${key}`);
      await poll(() => page.getByRole('heading', { name: title }).count()).toBe(1);
      await poll(() => page.locator('form').count()).toBe(1);
      expect(await seriousViolations(page), title).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/procedure-${key}.png`, fullPage: true });
      await page.keyboard.press('Escape');
      await poll(() => page.getByRole('heading', { name: '異動履歴' }).count()).toBe(1);
    }

    // 出生: the child joins this household; 異動日 is the 生年月日.
    await page.keyboard.press('Alt+4');
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-notifiedDate');
    await typeInto(page, 'f-person-name', '転入\u3000二郎');
    await typeInto(page, 'f-person-nameKana', 'テンニュウ\u3000ジロウ');
    await typeInto(page, 'f-person-birthDate', 'R8.11.20');
    await typeInto(page, 'f-person-residentCode', '51234567893');
    await page.keyboard.press('Enter');
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('procedure-commit');
    expect(await page.locator('dl').first().textContent()).toContain('令和8年11月20日');
    await page.keyboard.press('Enter');
    await poll(() => page.getByRole('heading', { name: '受け付けました' }).count()).toBe(1);
    // 続けて入力 (a twin): the form opens anew with the household read again, so its new version is the lock.
    await pressButton(page, '続けて入力');
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-notifiedDate');
    expect(await page.locator('#f-person-name').inputValue()).toBe('');
    await typeInto(page, 'f-person-name', '転入\u3000三郎');
    await typeInto(page, 'f-person-birthDate', 'R8.11.20');
    await typeInto(page, 'f-person-residentCode', '51234567894');
    await page.keyboard.press('Enter');
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('procedure-commit');
    await page.keyboard.press('Enter');
    await poll(() => page.getByRole('heading', { name: '受け付けました' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await poll(() => page.getByRole('button', { name: /子\s転入\s(二郎|三郎)/ }).count()).toBe(2);

    // 職権修正 of the 方書: only the changed item is sent, and the person shows it.
    await page.keyboard.press('Alt+6');
    await poll(() => page.getByRole('heading', { name: '職権修正' }).count()).toBe(1);
    await typeInto(page, 'f-items-addressSupplement', 'グランドハイツ101号室');
    await page.keyboard.press('Enter');
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('procedure-commit');
    expect(await page.locator('dl').first().textContent()).toContain('（なし） → グランドハイツ101号室');
    await page.keyboard.press('Enter');
    await poll(() => page.getByRole('heading', { name: '受け付けました' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await poll(() => page.getByText(/グランドハイツ101号室/).count()).toBeGreaterThan(0);

    // A 支援措置 registered meanwhile (by another desk): every step of a procedure on the person warns.
    const addresseeNo = (await page.getByRole('heading', { name: /（[0-9]{10}）$/ }).textContent())!.match(/（([0-9]{10})）/)![1];
    const desk = await staffSession(harness.system, DEMO_TENANT);
    const registered = await call(harness.system, 'POST', '/api/v1/resident-registry/protections', {
      addresseeNo, requestedOn: 'R8.11.1', startsOn: 'R8.11.1', restrictions: { inquiry: 'alert', issue: 'alert', change: 'alert' },
    }, { as: desk });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    await page.keyboard.press('Alt+2');
    await poll(() => page.getByRole('heading', { name: '転出届' }).count()).toBe(1);
    await poll(() => page.getByRole('alert').filter({ hasText: '支援措置の対象者です' }).count()).toBe(1);
    await page.keyboard.press('Escape');

    // 外国人住民の届出 (Alt+F) from the menu.
    await page.keyboard.press('Alt+f');
    await poll(() => page.getByRole('heading', { name: /外国人住民の届出/ }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await mouseEvents()).toBe(0);
  });
});
