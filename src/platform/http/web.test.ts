import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from './context.ts';
import { builtWeb, mountWeb } from './web.ts';

describe('the staff UI beside the API', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yakuba-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>yakuba</title>');
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
  const app = new OpenAPIHono<AppEnv>();
  app.get('/api/v1/ping', (c) => c.json({ ok: true }));
  mountWeb(app, builtWeb(dir)!);
  app.notFound((c) => c.json({ notFound: true }, 404));

  it('serves the built files, index.html for a screen’s URL, and leaves /api alone', async () => {
    const asset = await app.request('/assets/index-abc.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    for (const path of ['/', '/residents/0000000019', '/../package.json', '/%2e%2e/%2e%2e/etc/passwd']) {
      const page = await app.request(path);
      expect(page.status, path).toBe(200);
      expect(await page.text(), path).toContain('<title>yakuba</title>');
    }
    expect(await (await app.request('/api/v1/ping')).json()).toEqual({ ok: true });
    expect((await app.request('/api/v1/nothing')).status).toBe(404);
    expect(builtWeb(join(dir, 'assets'))).toBeUndefined();
  });
});
