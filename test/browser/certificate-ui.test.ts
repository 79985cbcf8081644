/**
 * 証明書交付 in a real browser (DESIGN §7): from a person's screen to 住民票の写し with chosen items, the
 * PDF previewed in the page (the CSP lets blob: frames in), its 発行番号 shown, and the PDF's own text
 * — the bytes the server answered to the page's request — naming the person.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../support/pdf.ts';
import { poll, seriousViolations, signIn, SHOTS, startHarness, type Harness } from './harness.ts';

describe('certificate issuance in chromium', () => {
  let harness: Harness;
  let page: Page;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    harness = await startHarness();
    page = harness.page;
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
  });
  afterAll(async () => harness?.close());

  it('issues 住民票の写し from a person with the chosen items, previews it and names the person in the PDF', async () => {
    await signIn(page, harness.url);
    const search = page.getByLabel(/フリガナ・氏名/);
    await poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('ア');
    await poll(() => page.getByRole('row').count()).toBeGreaterThan(1);

    // Tab to the first 宛名番号 and Enter: the person's screen, whose 氏名 the certificate must carry.
    await page.keyboard.press('Tab');
    const first = (await page.evaluate(() => document.activeElement?.textContent)) ?? '';
    expect(first).toMatch(/^[0-9]{10}$/);
    await page.keyboard.press('Enter');
    const personTitle = page.getByRole('heading', { level: 1, name: new RegExp(`（${first}）`) });
    await poll(() => personTitle.count()).toBe(1);
    const name = ((await personTitle.textContent()) ?? '').replace(`（${first}）`, '').replace(/[\s\u3000]/g, '');
    expect(name).not.toBe('');

    await page.getByRole('button', { name: '証明書交付' }).click();
    await poll(() => page.getByRole('heading', { level: 1, name: new RegExp(`^証明書交付.*（${first}）`) }).count()).toBe(1);
    await page.getByRole('radio', { name: '住民票の写し' }).check();
    // The person is pre-checked among the household's members.
    const persons = page.getByRole('group', { name: '記載する者' });
    expect(await persons.getByRole('checkbox', { name: new RegExp(`（${first}）`) }).isChecked()).toBe(true);
    const items = page.getByRole('group', { name: /省略の指定/ });
    await items.getByRole('checkbox', { name: '世帯主・続柄' }).check();
    await items.getByRole('checkbox', { name: '本籍・筆頭者' }).check();
    expect(await seriousViolations(page)).toEqual([]);

    // Enter in the form issues. The page's own request passes through here, so the PDF checked below is
    // the very one it previews (its blob: URL cannot be read back: the CSP's connect-src is 'self').
    const answered = new Promise<{ status: number; certificateNo: string; pdf: Buffer }>((resolve) => {
      void page.route('**/api/v1/resident-registry/certificates', async (route) => {
        const response = await route.fetch();
        const pdf = await response.body();
        await route.fulfill({ response, body: pdf });
        resolve({ status: response.status(), certificateNo: response.headers()['x-certificate-no'] ?? '', pdf });
      });
    });
    await items.getByRole('checkbox', { name: '本籍・筆頭者' }).press('Enter');
    const { status, certificateNo, pdf } = await answered;
    expect(status).toBe(201);
    expect(certificateNo).not.toBe('');

    await poll(() => page.getByTitle('証明書のプレビュー').count()).toBe(1);
    await poll(() => page.getByTestId('certificate-no').textContent()).toBe(certificateNo);
    expect(await page.getByRole('link', { name: 'PDFを保存' }).getAttribute('download')).toBe(`住民票の写し-${certificateNo}.pdf`);
    await poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('印刷');
    // The preview is the blob itself, not refused by the CSP.
    await poll(() => page.frames().some((f) => f.url().startsWith('blob:'))).toBe(true);
    expect(cspViolations).toEqual([]);

    const text = await pdfText(new Uint8Array(pdf));
    expect(text).toContain('住民票');
    expect(text).toContain(name);

    // 「印刷」 calls the preview's own print(): reachable, the blob being of the page's origin (a headless
    // chromium has no printer, so it is not pressed here).
    expect(await page.evaluate(() => typeof document.querySelector<HTMLIFrameElement>('iframe[title="証明書のプレビュー"]')?.contentWindow?.print)).toBe('function');

    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/certificate.png`, fullPage: true });
  });
});
