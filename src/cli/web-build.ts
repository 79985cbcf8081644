/**
 * `npm start` builds the staff UI (web/) when web/dist is missing or older than its sources, so a fresh
 * clone serves the screens after `npm install && npm start`. Vite is a development dependency: an
 * installation without it serves what was built before, or the API alone, and says so.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = fileURLToPath(new URL('../../web/', import.meta.url));

function newestSource(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestSource(join(path, name))));
}

export async function ensureWebBuilt(): Promise<void> {
  if (!existsSync(join(WEB, 'index.html'))) return;
  const built = join(WEB, 'dist', 'index.html');
  const sources = Math.max(...['src', 'index.html', 'vite.config.ts'].map((p) => newestSource(join(WEB, p))));
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    console.warn(existsSync(built) ? '画面（web/）のソースが更新されていますが、vite が無いため以前のビルドを使います' : '画面（web/）をビルドできません（vite がありません: npm install で入ります）。API だけで起動します');
    return;
  }
  console.log('画面（web/）をビルドしています…');
  await vite.build({ configFile: join(WEB, 'vite.config.ts'), logLevel: 'warn' });
}
