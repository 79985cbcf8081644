/**
 * The staff UI (web/, DESIGN §6) served by the same listener as the API: the built files of web/dist,
 * and index.html for any other GET outside /api, so a reload on a screen's URL finds the application.
 * Same origin as the API: the session cookie (SameSite=Strict) and the CSP's 'self' need nothing more.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './context.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.json': 'application/json',
};

/** The built UI in `dir`, if there is one (web/dist/index.html). */
export const builtWeb = (dir: string): string | undefined => (existsSync(join(dir, 'index.html')) ? dir : undefined);

export function mountWeb(app: OpenAPIHono<AppEnv>, dir: string): void {
  // Read per request (a small file): a rebuild of web/dist while the server runs is picked up, never half-read at start.
  const index = join(dir, 'index.html');
  app.get('*', async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (path.startsWith('/api/') || path === '/api' || path === '/healthz') return next();
    // Files by their own name under dir only; hashed assets never change, so they may be kept.
    const file = normalize(join(dir, decodeURIComponent(path)));
    if (file.startsWith(dir + sep) && extname(file) !== '' && existsSync(file)) {
      const immutable = path.startsWith('/assets/');
      return c.body(readFileSync(file), 200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    if (!existsSync(index)) return next();
    return c.body(readFileSync(index), 200, { 'Content-Type': TYPES['.html']!, 'Cache-Control': 'no-cache' });
  });
}
